"""Rule-based temporal tagger (German + English), TIMEX3 values anchored to the reference date.

Rules and lexicons live in ``graphbuilder/data/lang/{de,en}/temporal.toml`` (patterns + a
normalisation ``kind``); this module compiles them once (cached per process) and implements
the kinds. Overlapping matches are resolved longest-first (then rule priority). Unknown
languages use the English rules.

Speed: every rule needs at least one word of a "trigger" lexicon (month, unit, weekday …) or
a digit. One Aho-Corasick pass finds those words; each rule then runs only on the text
windows (±40 characters) around the triggers it needs, joined into one reduced string.

Document types and story time
-----------------------------
The language file holds document-type profiles (``[profile.news]``, ``[profile.narrative]``,
``[profile.interview]``) and the rule that chooses one per text (``[detect]``: speaker tags
such as "ZEIT:" opening three or more lines or sentences -> interview; mostly far past explicit
years -> narrative; a text that names no day of the news cycle - no weekday,
"gestern"/"yesterday", clock time or day of the document's year - needs fewer, ``*_no_day``);
``tag(..., document_type=...)`` overrides it. A profile says whether a bare "heute"/"today" in
a tenseless clause is generic (PRESENT_REF; a deictic context from ``deictic_today`` keeps the
day: "Apple today launched", "we're seeing today"), in which clause tenses a year-less date
takes the year of the story's last explicit date ("Im März 1992 ... am 5. März"), how far back
that date may lie, and whether a bare weekday falls in/after the week or day the story named
last (at most ``WEEKDAY_STORY_SENTENCES`` sentences on; each weekday so framed keeps the period
in force, as in a diary). A relative expression ("gestern", "last week"), an explicit date in the document's year,
a present ("jetzt", "now", a generic "heute": PRESENT_REF) or a list item ("- 5. Januar: ...")
returns the story to the document date; a year after ``story_not_after`` ("seit 1990", "since
1990", "dating back to 1994": a span up to now) does not become the story's time. Generic cues for
"heute"/"today" ("bis heute", "heute noch", "even today") apply in every profile, and so does
a contrast with the past: in a clause without past or future tense, "heute"/"today" after
"früher"/"damals"/"was once" (same or previous sentence) or after a year at least
``generic_today_years`` back (same sentence) is PRESENT_REF.
The file is validated on load: an unknown key is a ``ValueError`` naming file and key.

Conventions
-----------
* "vor drei Jahren" / "three years ago" (``ago_reading = "duration"``): DURATION ``P3Y`` over
  "drei Jahren" / "three years", as KRAUTS, MEANTIME and TempEval-3 platinum annotate it;
  ``earliest``/``latest`` hold the day/month/year it points at (none without a reference date).
* Compound durations are one value ("drei Jahre und vier Monate" ``P3Y4M``); less than one
  unit goes to the next smaller one ("ein halbes Jahr" ``P6M``, "half an hour" ``PT30M``).
* Decades and centuries in words are those of the 1900s / the named ordinal ("die
  Achtzigerjahre" ``198``, "the nineteenth century" ``18``); habitual parts of the day are sets
  ("nachts", "every morning": ``XXXX-XX-XXTNI``/``TMO``); "halb neun" is 08:30.
* Filters (rule ``not_before`` context and the ``name_after``/``name_before``/
  ``weekday_name_before``/``lowercase_words``/``name_title_*``/``season_name_*`` settings): ages
  ("Kinder bis 15 Jahre", "aged 4, 7 and 12 years"), counts ("davon 2000", "a total of 1990
  visitors", "1200 bis 1500 Menschen"), page and flight numbers, time words inside names ("the
  <Station> Today programme", "British Summer Time", "die Heute-Show", "the Daily <Paper>",
  "the Winter Olympics", "der Prager Frühling", "the Sunday <Paper>", "Father Christmas": a
  word written in lower case in running text but capitalised inside a sentence, a capitalised
  season before a name or after a capitalised word, a weekday between "the"/a possessive and a
  capitalised word, a holiday after a capitalised word) and named days ("Black Monday") are not
  times. German "am Morgen" is the morning, not "morgen" (tomorrow).
* A weekday with a part of the day is a TIME ("Friday morning" ``…TMO``) for the parts in
  ``tod_parts`` (English: not "night", which is evening or night). "the week of March 6" / "die
  Woche vom 6. März" is that day's week. "each July"/"jeden Juli" is a SET ``XXXX-07``.
* Historic years: after a preposition ("um 1230") and in running text when no noun, measure
  word or second number follows ("1348 wütete die Pest"; round hundreds only after a
  preposition). Parts of centuries and decades carry ``mod`` ("Anfang des 19. Jahrhunderts"
  START, "the late 1800s" END). Frequencies are sets ("zweimal im Jahr"/"twice a year" ``P1Y``,
  "jeden zweiten Tag"/"every other day" ``P2D``, "an Wochenenden" ``XXXX-WXX-WE``).
* "in N units" is a shift ("in zwei Jahren" = 2023) unless a superlative, "first time" or "not
  seen" precedes it or its clause is in the past tense ("the biggest fall in a month", "built in
  two years"): then a DURATION. "N units later/earlier" ("zwei Tage später") count from the
  later of the last named day and the last calendar value (not at a finer unit than that
  anchor), else stay ``XXXX-XX-XX``.
* Without a reference date nothing is anchored: a day-month stays ``XXXX-12-02``, relative
  expressions keep an underspecified value (``XXXX-XX-XX``, ``XXXX-WXX`` …) or the
  ``PAST_REF``/``PRESENT_REF``/``FUTURE_REF`` refs, and no ``earliest``/``latest`` are set
  for them. The current date is never used.
* Tense resolves weekdays, weekends, seasons and year-less dates. It comes from a verb
  right before the expression when the language file has local cues ("announced Friday",
  "will meet on", "resume on Monday", "is on Monday"), else from the nearest tense cue in
  the sentence (auxiliaries, participles, future markers, German past forms: irregular ones
  listed, regular ones before a subject, "öffnete es", "lehnten sie ... ab"); a cue after the
  expression behind a ``tense_barrier`` word ("issued a statement Friday saying ... will")
  belongs to that complement and is not counted, and so does a cue inside an inserted
  ``relative_clause`` (", which had been expected,"). Without a cue, a weekday after a deadline
  preposition (``ahead_before``: "until Tuesday", "bis Dienstag") lies ahead. Past -> the latest such day on or before the reference
  date, future -> the next one on or after it. Without a cue, weekdays take the closest
  one (English: the past one, news style), year-less dates stay in the reference year
  unless that puts them more than 120 days ahead (then the previous year) or more than
  245 days back (then the next); with a cue, a date up to 60 days on the "wrong" side is
  kept in the reference year (reporting lag).
* Context: times of day attach to the day last named in the same or previous sentence
  (else the reference date); "Vortag"/"the day before"/"a year earlier"/"that quarter"
  shift the value last named within 5 sentences (quarters for financial "year-earlier");
  English "the following year"/"the previous month"/"the previous Friday" count from the
  year/month/day last named (``anaphoric_rel``), else from the reference date. English
  "the weekend" without a tense cue is the one just past early in the week (Mon-Tue).
* Times: "18:00 UTC"/"GMT"/"Z" end in ``Z``; other zones are ignored (local time).
* Intervals: a day is [day, day]; a month/week/quarter/half-year/year/decade/century its
  first and last day; seasons: SP Mar–May, SU Jun–Aug, FA Sep–Nov, WI 1 Dec of the
  previous year to the end of Feb; ``WE`` Sat–Sun; ``mod`` START/MID/END narrow to the
  first/middle/last third. Vague refs carry offsets from the language file, ``vague=True``:
  PRESENT_REF [ref, ref]; "kürzlich"/"recently" [ref-30, ref-1]; "bald"/"soon"
  [ref+1, ref+30]; "in naher Zukunft"/"in the near future" [ref+1, ref+90]; "in den
  nächsten Tagen"/"in the coming days" [ref+1, ref+10] (weeks: +1..+60, months: +1..+365,
  years: +1..+3650); past plurals ("in den vergangenen Tagen") mirror that.
  Open ends (FUTURE_REF "Zukunft", PAST_REF "damals") leave one bound ``None``.
* Numeric dates: German always D.M.Y; English ``12/2/2021`` is read M/D/Y (US news), D/M/Y
  only when the first number exceeds 12.
* Durations (``P3D``, ``PT2H``, ``PXY`` for "mehrere Jahre") and sets (``P1D`` "täglich",
  ``XXXX-WXX-1`` "jeden Montag") have no interval. Halves: "two and a half years" P2.5Y;
  English clock units go down a unit ("3 1/2 hours" PT3H30M), German keeps PT3.5M.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from graphbuilder import packs
from graphbuilder.models import Sentence, TimeExpr
from graphbuilder.registry import register

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z_0-9]*)(?::([A-Za-z_][A-Za-z_0-9]*))?\}")
_SENT_END = re.compile(r"(?<!\b\d\.)(?<!\b\d\d\.)(?<=[.!?:])[\"'»«“”)]*\s+(?=[\"'„»«“(]*[A-ZÄÖÜ0-9])|\n\s*\n|\n(?=[A-ZÄÖÜ])")

Ctx = dict[str, Any]
DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "lang"  # <code>/temporal.toml


@dataclass
class Rule:
    index: int
    kind: str
    source: str  # the expanded pattern (IGNORECASE), compiled on first use: :attr:`regex`
    params: dict[str, Any]
    priority: int = 0
    triggers: frozenset[str] | None = None  # lexicons (or "digit") a match must contain; None: any
    compiled: re.Pattern[str] | None = field(default=None, repr=False, compare=False)

    @property
    def regex(self) -> re.Pattern[str]:
        """The compiled pattern (without the compiled-resource cache a short text needs few rules:
        most are never compiled; from the cache every rule comes compiled, see :func:`load_language`)."""
        if self.compiled is None:
            self.compiled = re.compile(self.source, re.IGNORECASE)
        return self.compiled


@dataclass
class Language:
    code: str
    lex: dict[str, dict[str, Any]]
    rules: list[Rule]
    future: re.Pattern[str]
    past: re.Pattern[str]
    future_local: re.Pattern[str] | None = None  # verb right before the expression
    past_local: re.Pattern[str] | None = None
    triggers: Any = None  # ahocorasick automaton of words that can start/anchor a rule
    extra: dict[str, Any] = field(default_factory=dict)
    name_after: re.Pattern[str] | None = None  # a name head after a time word: not a date
    profiles: dict[str, dict[str, Any]] = field(default_factory=dict)  # document types
    detect: dict[str, Any] = field(default_factory=dict)  # how the document type is chosen
    generic_before: re.Pattern[str] | None = None  # context making "heute"/"today" the present
    generic_after: re.Pattern[str] | None = None
    name_before: re.Pattern[str] | None = None  # a capitalised name word before one


def _lex_key(word: str) -> str:
    return word.replace("_", " ").lower()


def _alternation(words: list[str]) -> str:
    alts = sorted({w.replace("_", " ") for w in words}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in alts)


SECTIONS = frozenset(["settings", "macros", "lex", "rule", "profile", "detect"])
SETTINGS = frozenset([
    "ago_reading", "ambiguous_seasons", "ahead_before", "ahead_blocked", "anaphoric_rel", "before_words", "case_sensitive",
    "fraction_in_smaller_units", "future", "future_local", "habitual", "generic_today_after",
    "deictic_today", "generic_today_before", "generic_today_contrast", "generic_today_years", "lowercase_words", "name_after",
    "name_before", "name_title_after", "name_title_before", "num_half", "past", "past_local", "present_words", "rate_before", "relative_clause", "span_in_before",
    "story_not_after", "tense_barrier", "tod_in_value", "tod_parts", "trigger_lexicons", "trigger_words", "unit_stems", "vague_durations",
    "season_name_after", "season_name_before", "weekday_name_before",
    "weekday_default", "weekend_past_until"])
RULE_KEYS = frozenset([
    "adjective", "ago", "anchor", "before", "context_unit", "context_year", "default_rel",
    "drop_prefix", "final", "week_of", "fixed_num", "kind", "latest", "mdy", "month_rel", "named",
    "needs_context", "night_before", "not_before", "offset", "pattern", "priority", "rel_year", "relative_to",
    "sign", "span_if_past", "tod_suffix", "today", "triggers", "vague", "value", "word"])
PROFILE_KEYS = frozenset(["today", "story_tenses", "story_sentences", "story_precision", "weekday_story"])
DETECT_KEYS = frozenset(["default", "far_years", "narrative_min_years", "narrative_far_share",
                         "narrative_min_years_no_day", "narrative_far_share_no_day",
                         "interview_marker", "interview_min_turns"])
PROFILE_DEFAULTS: dict[str, Any] = {"today": "deictic", "story_tenses": ["past"],
                                    "story_sentences": 5, "story_precision": "month",
                                    "weekday_story": False}


def validate_language_file(raw: dict[str, Any], name: str) -> None:
    """Refuse unknown keys (a typo would silently switch a rule off): ``ValueError`` naming
    the file and the key."""
    def check(keys: Any, known: frozenset[str], where: str) -> None:
        for key in keys:
            if key not in known:
                raise ValueError(f"{name}: unknown key {key!r} in {where} "
                                 f"(known: {', '.join(sorted(known))})")

    check(raw, SECTIONS, "the top level")
    check(raw.get("settings", {}), SETTINGS, "[settings]")
    check(raw.get("detect", {}), DETECT_KEYS, "[detect]")
    for pname, prof in raw.get("profile", {}).items():
        check(prof, PROFILE_KEYS, f"[profile.{pname}]")
    for i, rule in enumerate(raw.get("rule", [])):
        check(rule, RULE_KEYS, f"[[rule]] number {i + 1} ({rule.get('pattern', '')[:40]!r})")
        for required in ("kind", "pattern"):
            if required not in rule:
                raise ValueError(f"{name}: [[rule]] number {i + 1} has no {required!r}")
        if rule["kind"] not in KINDS:
            raise ValueError(f"{name}: [[rule]] number {i + 1}: unknown kind {rule['kind']!r}")


def _compile_language(code: str) -> Language:
    raw, path = packs.load_pack("temporal", code)
    validate_language_file(raw, path)
    # the shipped rules are compiled lazily (tests compile every one); other packs' eagerly
    shipped = not any(Path(path).is_relative_to(folder) for folder in packs.extra_folders())
    settings = raw.get("settings", {})
    case_sensitive = set(settings.get("case_sensitive", []))
    macros: dict[str, str] = raw.get("macros", {})
    lex_raw: dict[str, dict[str, Any]] = raw.get("lex", {})
    lex = {name: {_lex_key(k): v for k, v in table.items()} for name, table in lex_raw.items()}

    used: set[str] = set()

    def expand(pattern: str, depth: int = 0) -> str:
        def sub(m: re.Match[str]) -> str:
            name, group = m[1], m[2] or m[1]
            if name in macros:
                return "(?:" + expand(macros[name], depth + 1) + ")"
            if name in lex_raw:
                used.add(name)
                alt = _alternation(list(lex_raw[name]))
                if name == "num":
                    alt = r"\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?|" + alt
                    if "num_half" in settings:  # "two and a half", "2 1/2"
                        alt = f"(?:{alt})(?:{settings['num_half']})?"

                if name in case_sensitive:  # as written, or all upper case ("MÄRZ")
                    upper = _alternation([w.upper() for w in lex_raw[name]])
                    alt = f"(?-i:{alt}|{upper})"
                return f"(?P<{group}>{alt})"
            return m[0]

        return _PLACEHOLDER.sub(sub, pattern)

    rules = []
    for i, r in enumerate(raw.get("rule", [])):
        params = {k: v for k, v in r.items() if k not in ("pattern", "kind")}
        if "before" in params:  # context the text right before a match must end with
            params["before_rx"] = re.compile(r"(?<![\w])(?:" + expand(params["before"]) + r")$",
                                             re.IGNORECASE)
        if "not_before" in params:  # context that vetoes a match (ages, counts)
            params["not_before_rx"] = re.compile(r"(?<![\w])(?:" + expand(params["not_before"]) + r")$",
                                                 re.IGNORECASE)
        used.clear()
        body = expand(r["pattern"])
        trigger_lex = set(settings.get("trigger_lexicons", _TRIGGER_LEXICONS))
        kinds = {u for u in used if u in trigger_lex}
        if "\\d" in body:
            kinds.add("digit")
        required = _required_placeholders(r["pattern"])
        req_kinds = {u for u in required if u in trigger_lex}
        if any(u in macros and "\\d" in macros[u] for u in required):
            req_kinds.add("digit")
        if req_kinds:  # one required kind suffices; the rarest is the lexicon, not digits
            non_digit = sorted(req_kinds - {"digit"})
            kinds = {non_digit[0]} if non_digit else {"digit"}
        if "triggers" in params:
            kinds = set(params["triggers"])
        triggers = frozenset(kinds) if kinds else None
        rule = Rule(i, r["kind"], r"(?<![\w])(?:" + body + r")(?![\w])", params,
                    int(params.get("priority", i)), triggers)
        if not shipped:  # a pack of the user's: every pattern is checked now, not at its first use
            try:
                rule.compiled = re.compile(rule.source, re.IGNORECASE)
            except re.error as exc:
                raise ValueError(f"{code}.toml rule {i} ({r['pattern']!r}): {exc}") from exc
        rules.append(rule)
    return Language(
        code=code,
        lex=lex,
        rules=rules,
        triggers=_build_triggers(lex_raw, settings),
        future=re.compile(settings.get("future", r"(?!x)x"), re.IGNORECASE),
        past=re.compile(settings.get("past", r"(?!x)x"), re.IGNORECASE),
        future_local=re.compile(settings["future_local"], re.IGNORECASE) if "future_local" in settings else None,
        past_local=re.compile(settings["past_local"], re.IGNORECASE) if "past_local" in settings else None,
        extra={**settings, "_habitual_rx": re.compile(settings["habitual"], re.IGNORECASE)
               if "habitual" in settings else None,
               "_weekday_name_rx": re.compile("(?:" + settings["weekday_name_before"] + r")\s+$")
               if "weekday_name_before" in settings else None,
               "_span_before_rx": re.compile(settings["span_in_before"] + "$", re.IGNORECASE)
               if "span_in_before" in settings else None,
               "_deictic_rx": re.compile(settings["deictic_today"], re.IGNORECASE)
               if "deictic_today" in settings else None,
               "_contrast_rx": re.compile(settings["generic_today_contrast"], re.IGNORECASE)
               if "generic_today_contrast" in settings else None,
               "_lowercase_rx": re.compile(settings["lowercase_words"], re.IGNORECASE)
               if "lowercase_words" in settings else None,
               "_title_before_rx": re.compile("(?:" + settings["name_title_before"] + r")\s+$", re.IGNORECASE)
               if "name_title_before" in settings else None,
               "_title_after_rx": re.compile(settings["name_title_after"])
               if "name_title_after" in settings else None,
               "_season_name_rx": re.compile("(?:" + settings["season_name_before"] + r")\s+$")
               if "season_name_before" in settings else None},
        name_after=re.compile(settings["name_after"]) if "name_after" in settings else None,
        name_before=re.compile(settings["name_before"] + r"$") if "name_before" in settings else None,
        profiles={k: {**PROFILE_DEFAULTS, **v} for k, v in raw.get("profile", {}).items()},
        detect=raw.get("detect", {}),
        generic_before=re.compile(settings["generic_today_before"], re.IGNORECASE) if "generic_today_before" in settings else None,
        generic_after=re.compile(settings["generic_today_after"], re.IGNORECASE) if "generic_today_after" in settings else None,
    )


def _required_placeholders(pattern: str) -> set[str]:
    """Placeholders every match of ``pattern`` contains (not inside an optional group or an
    alternation). A cheap parse of the rule source, good enough for choosing triggers."""
    spans: list[tuple[int, int, bool]] = []  # group start, end, has top-level "|"
    stack: list[list[Any]] = []
    i, n = 0, len(pattern)
    top_alt = False
    while i < n:
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            j = i + 1
            while j < n and pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            i = j + 1
            continue
        if c == "(":
            stack.append([i, False, pattern.startswith("(?=", i) or pattern.startswith("(?!", i)
                          or pattern.startswith("(?<", i) and not pattern.startswith("(?<=", i) is False])
        elif c == "|":
            if stack:
                stack[-1][1] = True
            else:
                top_alt = True
        elif c == ")" and stack:
            start, alt, look = stack.pop()
            optional = i + 1 < n and pattern[i + 1] in "?*" or pattern.startswith("{0", i + 1)
            if optional or alt or look:
                spans.append((start, i, True))
        i += 1
    if top_alt:
        return set()
    out = set()
    for m in _PLACEHOLDER.finditer(pattern):
        if not any(a < m.start() < b for a, b, _ in spans):
            out.add(m[1])
    return out


_TRIGGER_LEXICONS = ("month", "weekday", "setweekday", "tod", "relday", "relword", "unit",
                     "calunit", "plunit", "season", "half", "ref", "set", "part", "holiday",
                     "decword", "ordword")


def _build_triggers(lex_raw: dict[str, dict[str, Any]], settings: dict[str, Any]) -> Any:
    """Aho-Corasick automaton over the words every rule needs at least one of (or a digit)."""
    import ahocorasick

    words: dict[str, set[str]] = {w.lower(): {"extra"} for w in settings.get("trigger_words", [])}
    for name in settings.get("trigger_lexicons", _TRIGGER_LEXICONS):
        for key in lex_raw.get(name, {}):
            parts = key.lower().rstrip(".").replace("_", " ").split()
            words.setdefault(max(parts, key=len), set()).add(name)
    auto = ahocorasick.Automaton()
    for w, names in words.items():
        auto.add_word(w, (len(w), frozenset(names)))
    auto.make_automaton()
    return auto


_DIGITS = re.compile(r"\d+")
WINDOW_LEFT = 40  # characters of context kept before a trigger word
WINDOW_RIGHT = 40


Hit = tuple[int, int, frozenset[str]]
_DIGIT_KIND = frozenset(["digit"])


def _hits(text: str, lang: Language) -> list[Hit] | None:
    """Trigger words (at a word start) and digit runs, with the lexicons they belong to."""
    low = text.lower()
    if len(low) != len(text):
        return None
    hits: list[Hit] = [(m.start(), m.end(), _DIGIT_KIND) for m in _DIGITS.finditer(text)]
    for end, (length, names) in lang.triggers.iter(low):
        start = end - length + 1
        if start == 0 or not low[start - 1].isalpha():
            hits.append((start, end + 1, names))
    hits.sort()
    return hits


def _windows(text: str, hits: list[Hit]) -> list[tuple[int, int]]:
    """Merged text ranges around the given hits (rules only run inside them)."""
    if not hits:
        return []
    n = len(text)
    out: list[tuple[int, int]] = []
    for s, e, _ in hits:
        ws, we = max(0, s - WINDOW_LEFT), min(n, e + WINDOW_RIGHT)
        if out and ws <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], we))
        else:
            out.append((ws, we))
    result = []
    for ws, we in out:  # widen to whitespace so no window cuts a word
        while ws > 0 and not text[ws - 1].isspace():
            ws -= 1
        while we < n and not text[we].isspace():
            we += 1
        if result and ws <= result[-1][1]:
            result[-1] = (result[-1][0], max(result[-1][1], we))
        else:
            result.append((ws, we))
    return result


@lru_cache(maxsize=None)
def load_language(code: str) -> Language:
    """Compiled rules of one language (cached for the process), from the compiled-resource cache
    when the packs are unchanged: there every rule is compiled, its program kept
    (:func:`graphbuilder.cache.dumps`), so restoring them all costs less than compiling the few a
    short text needs."""
    from graphbuilder.cache import cached

    return cached(f"temporal-{code}", [*packs.pack_sources(), __file__], lambda: _compile_all(code))


def _compile_all(code: str) -> Language:
    lang = _compile_language(code)
    for rule in lang.rules:
        rule.regex  # noqa: B018 (compiles it)
    return lang


# ---------------------------------------------------------------------------
# calendar helpers

def _add_months(d: dt.date, n: int) -> dt.date:
    m = d.month - 1 + n
    y = d.year + m // 12
    m = m % 12 + 1
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _week_value(d: dt.date) -> str:
    iso = d.isocalendar()
    return f"{iso[0]}-W{iso[1]:02d}"


_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11)}


def interval(value: str, mod: str | None = None) -> tuple[dt.date | None, dt.date | None]:
    """The ``[earliest, latest]`` days a TIMEX3 date value denotes (``None`` if unbounded)."""
    lo = hi = None
    try:
        if m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)(?:T.*)?", value):
            lo = hi = dt.date(int(m[1]), int(m[2]), int(m[3]))
        elif m := re.fullmatch(r"(\d{4})-(\d\d)", value):
            lo, hi = dt.date(int(m[1]), int(m[2]), 1), _month_end(int(m[1]), int(m[2]))
        elif m := re.fullmatch(r"(\d{4})-W(\d\d)(-WE)?", value):
            lo = dt.date.fromisocalendar(int(m[1]), int(m[2]), 6 if m[3] else 1)
            hi = dt.date.fromisocalendar(int(m[1]), int(m[2]), 7)
        elif m := re.fullmatch(r"(\d{4})-Q([1-4])", value):
            q = int(m[2])
            lo, hi = dt.date(int(m[1]), 3 * q - 2, 1), _month_end(int(m[1]), 3 * q)
        elif m := re.fullmatch(r"(\d{4})-H([12])", value):
            h = int(m[2])
            lo, hi = dt.date(int(m[1]), 6 * h - 5, 1), _month_end(int(m[1]), 6 * h)
        elif m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value):
            y = int(m[1])
            if m[2] == "WI":
                lo, hi = dt.date(y - 1, 12, 1), _month_end(y, 2)
            else:
                a, b = _SEASON_MONTHS[m[2]]
                lo, hi = dt.date(y, a, 1), _month_end(y, b)
        elif m := re.fullmatch(r"(\d{4})", value):
            lo, hi = dt.date(int(m[1]), 1, 1), dt.date(int(m[1]), 12, 31)
        elif m := re.fullmatch(r"(\d{3})", value):
            lo, hi = dt.date(int(m[1]) * 10, 1, 1), dt.date(int(m[1]) * 10 + 9, 12, 31)
        elif m := re.fullmatch(r"(\d{2})", value):
            lo, hi = dt.date(int(m[1]) * 100, 1, 1), dt.date(int(m[1]) * 100 + 99, 12, 31)
    except ValueError:
        return None, None
    if lo and hi and mod in ("START", "MID", "END") and hi > lo:
        third = (hi - lo).days // 3
        if mod == "START":
            hi = lo + dt.timedelta(days=third)
        elif mod == "MID":
            lo, hi = lo + dt.timedelta(days=third), hi - dt.timedelta(days=third)
        else:
            lo = hi - dt.timedelta(days=third)
    return lo, hi


def _shift(ref: dt.date, unit: str, n: int) -> str | None:
    """Value of the calendar unit ``n`` units away from ``ref``."""
    if unit == "D":
        return (ref + dt.timedelta(days=n)).isoformat()
    if unit in ("W", "WE"):
        v = _week_value(ref + dt.timedelta(weeks=n))
        return v + "-WE" if unit == "WE" else v
    if unit == "M":
        return _add_months(ref, n).strftime("%Y-%m")
    if unit == "Y":
        return str(ref.year + n)
    if unit == "Q":
        q = (ref.month - 1) // 3 + n
        return f"{ref.year + q // 4}-Q{q % 4 + 1}"
    if unit == "DE":
        return str(ref.year // 10 + n)
    if unit == "CE":
        return str(ref.year // 100 + n)
    return None


_UNSPEC = {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "WE": "XXXX-WXX-WE", "M": "XXXX-XX",
           "Y": "XXXX", "Q": "XXXX-QX", "DE": "XXX", "CE": "XX"}


# ---------------------------------------------------------------------------
# normalisation kinds: (lang, match, params, ctx) -> dict | None

Result = dict[str, Any]


def _g(m: re.Match[str], name: str) -> str | None:
    try:
        return m.group(name)
    except IndexError:
        return None


def _lookup(lang: Language, table: str, word: str | None) -> Any:
    if word is None:
        return None
    tab = lang.lex.get(table, {})
    key = re.sub(r"\s+", " ", word.lower())
    found = tab.get(key)
    return found if found is not None else tab.get(key.rstrip("."))


def _number(lang: Language, word: str | None) -> float | str | None:
    if word is None:
        return None
    w = word.strip()
    half = lang.extra.get("num_half")
    if half and (hm := re.search(f"(?:{half})$", w, re.IGNORECASE)) and hm.start() > 0:
        whole = _number(lang, w[:hm.start()])
        return whole + 0.5 if isinstance(whole, (int, float)) else whole
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", w):
        return int(w.replace(".", ""))
    if re.fullmatch(r"\d+(?:[.,]\d+)?", w):
        f = float(w.replace(",", "."))
        return int(f) if f.is_integer() else f
    return _lookup(lang, "num", w)


def _fmt_num(n: float | str) -> str:
    if isinstance(n, str):
        return n
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


PAST_SLACK = 60  # days a "past" day-month may lie after the reference date (reporting lag)
FUTURE_SLACK = 60
NO_TENSE_AHEAD = 120
CONTEXT_SENTENCES = 5  # how far back "a year earlier" / "the period" look for their anchor  # without a tense cue a year-less date lies at most this far ahead


def _resolve_year(ref: dt.date | None, month: int, day: int | None, tense: str | None) -> int | None:
    if ref is None:
        return None
    y = ref.year
    try:
        cand = dt.date(y, month, day or 15)
    except ValueError:
        return y
    delta = (cand - ref).days
    if tense == "past" and delta > PAST_SLACK:
        y -= 1
    elif tense == "future" and delta < -FUTURE_SLACK:
        y += 1
    elif tense is None and (delta > NO_TENSE_AHEAD or delta < -(365 - NO_TENSE_AHEAD)):
        y += -1 if delta > 0 else 1
    return y


def k_date(lang: Language, m: re.Match[str], p: dict[str, Any], ctx: Ctx) -> Result | None:
    day_s, year_s = _g(m, "day"), _g(m, "year")
    month = _lookup(lang, "month", _g(m, "month"))
    if month is None and _g(m, "mnum"):
        month = int(m["mnum"])
    if p.get("mdy"):  # n1/n2/year: month first unless n1 cannot be a month
        a, b = int(m["n1"]), int(m["n2"])
        month, day_s = (b, str(a)) if a > 12 else (a, str(b))
        if month > 12 or not 1 <= int(day_s) <= 31:
            return None
    day = int(day_s) if day_s else None
    year: int | None = None
    if year_s:
        year = int(year_s)
        if len(year_s) == 2:
            year += 2000 if year < 50 else 1900
    rel = _lookup(lang, "rel", _g(m, "rel"))
    ref: dt.date | None = ctx["ref"]
    mod = _lookup(lang, "part", _g(m, "part"))
    if month is None:
        if year is None and p.get("context_year"):
            last = ctx.get("last_value")
            if last and re.match(r"\d{4}", last) and rel in (None, 0):
                year = int(last[:4])
            elif ref is not None:
                year = ref.year + int(rel or 0)
        if year is None:
            if rel is not None and ref is not None:
                year = ref.year + int(rel)
            elif rel is not None:
                return {"type": "DATE", "value": "XXXX", "mod": mod}
            else:
                return None
        return {"type": "DATE", "value": f"{year:04d}", "mod": mod}
    if year is None and rel is not None:
        if ref is None:
            year = None
        elif p.get("month_rel"):  # last/next/this December
            year = ref.year
            if rel < 0 and month >= ref.month:
                year -= 1
            elif rel > 0 and month <= ref.month:
                year += 1
        else:
            year = ref.year + int(rel)
    elif year is None:
        tense = ctx["tense"]()
        story = ctx.get("story")
        if story is not None and (tense or "none") in ctx["profile"]["story_tenses"]:
            year = int(story[:4])  # "Im März 1992 ... am 5. März": the story's year
        else:
            year = _resolve_year(ref, int(month), day, tense)
    ys = f"{year:04d}" if year is not None else "XXXX"
    if day is not None:
        if year is not None:
            try:
                dt.date(year, int(month), day)
            except ValueError:
                return None
        value = f"{ys}-{int(month):02d}-{day:02d}"
        if p.get("week_of"):  # "the week of March 6", "die Woche vom 6. März": that day's week
            if year is None:
                return {"type": "DATE", "value": "XXXX-WXX"}
            iso = dt.date(year, int(month), day).isocalendar()
            return {"type": "DATE", "value": f"{iso[0]:04d}-W{iso[1]:02d}"}
        if p.get("tod_suffix") and _g(m, "tod"):
            tod = _lookup(lang, "tod", m["tod"])
            if tod:
                value += "T" + tod
        return {"type": "DATE", "value": value, "mod": mod}
    return {"type": "DATE", "value": f"{ys}-{int(month):02d}", "mod": mod}


def k_decade(lang: Language, m: re.Match[str], p: dict[str, Any], ctx: Ctx) -> Result | None:
    if _g(m, "decword"):  # "die Achtzigerjahre", "the eighties": the 20th century's decade
        tens = _lookup(lang, "decword", m["decword"])
        if tens is None:
            return None
        return {"type": "DATE", "value": f"19{int(tens)}", "mod": _lookup(lang, "part", _g(m, "part"))}
    dec = re.sub(r"\D", "", m["dec"])
    if len(dec) == 2:
        dec = "19" + dec
    return {"type": "DATE", "value": dec[:3], "mod": _lookup(lang, "part", _g(m, "part"))}


def k_century(lang: Language, m: re.Match[str], p: dict[str, Any], ctx: Ctx) -> Result | None:
    c = int(m["cent"]) if _g(m, "cent") else _lookup(lang, "ordword", _g(m, "ordword"))
    if not isinstance(c, int):
        return None
    if not 1 <= c <= 21:
        return None
    mod = _lookup(lang, "part", _g(m, "part"))  # "Anfang des 19. Jahrhunderts", "the late 19th century"
    o = _lookup(lang, "ord", _g(m, "ord"))
    if o == 1:
        mod = "START"
    elif o == 2:
        mod = "END"
    return {"type": "DATE", "value": f"{c - 1:02d}", "mod": mod}


def _tod(lang: Language, m: re.Match[str]) -> str | None:
    return _lookup(lang, "tod", _g(m, "tod") or _g(m, "tod2"))


def _generic_today(lang: Language, m: re.Match[str], ctx: Ctx) -> bool:
    """ "heute"/"today" as the present (PRESENT_REF), not the document's day: a generic cue
    around it (language file: "heute noch", "wie wir heute wissen", a contrast with the past),
    or, in a narrative profile, any use in a clause without past or future tense."""
    if lang.generic_before is not None and lang.generic_before.search(m.string, max(0, m.start() - 40), m.start()):
        return True
    if lang.generic_after is not None and lang.generic_after.match(m.string, m.end()):
        return True
    if ctx["profile"]["today"] == "generic" and ctx["tense"]() is None:
        deictic = lang.extra.get("_deictic_rx")  # "we're seeing today", "today's quiz": the day
        around = m.string[max(0, m.start() - 40):m.end() + 40]
        if deictic is None or not deictic.search(around):
            return True
    return bool(ctx.get("contrast") and ctx["contrast"]())


def k_relday(lang: Language, m: re.Match[str], p: dict[str, Any], ctx: Ctx) -> Result | None:
    off = p["offset"] if "offset" in p else _lookup(lang, "relday", _g(m, "relday"))
    if off is None:
        return None
    word = (_g(m, "relday") or "").lower()
    tod = _tod(lang, m)
    ref = ctx["ref"]
    if off == 0 and tod is None and (word in lang.extra.get("present_words", []) or _generic_today(lang, m, ctx)):
        return {"type": "DATE", "value": "PRESENT_REF", "earliest": ref, "latest": ref}
    if ref is None:
        value = "XXXX-XX-XX"
    else:
        value = (ref + dt.timedelta(days=int(off))).isoformat()
    if tod:
        return {"type": "TIME", "value": f"{value}T{tod}"}
    return {"type": "DATE", "value": value, "mod": _lookup(lang, "part", _g(m, "part"))}


def k_relword(lang: Language, m: re.Match[str], p: dict[str, Any], ctx: Ctx) -> Result | None:
    if p.get("context_unit"):  # "that year": the value last mentioned, at this unit
        unit = _lookup(lang, "calunit", _g(m, "calunit"))
        last = ctx.get("last_period") if unit == "Q" else ctx.get("last_value")
        if not last or not re.match(r"\d{4}", last):
            return None
        if unit == "Y":
            return {"type": "DATE", "value": last[:4]}
        if unit == "Q":
            return {"type": "DATE", "value": last}
        if unit == "M" and re.match(r"\d{4}-\d\d", last):
            return {"type": "DATE", "value": last[:7]}
        return None
    spec = p.get("word") or _lookup(lang, "relword", _g(m, "relword"))
    if not spec:
        return None
    unit, off = spec[0], int(spec[1])
    anchor = p.get("anchor") or (spec[2] if len(spec) > 2 else None)
    ref = ctx["anchor"] if anchor == "context" else ctx["ref"]
    last = ctx.get("last_period") or ctx.get("last_value")
    if anchor == "context" and unit == "Y" and last and re.fullmatch(r"\d{4}(-(?:Q[1-4]|H[12]|\d\d))?", last):
        return {"type": "DATE", "value": f"{int(last[:4]) + off:04d}{last[4:]}"}
    value = _shift(ref, unit, off) if ref else _UNSPEC.get(unit, "XXXX")
    res: Result = {"type": "DATE", "value": value}
    if p.get("drop_prefix"):
        res["start"] = m.start("relword")
    return res


def _tense_dir(ctx: Ctx) -> int:
    t = ctx["tense"]()
    return -1 if t == "past" else 1 if t == "future" else 0


def k_weekday(lang: Language, m: re.Match[str], p: dict[str, Any], ctx: Ctx) -> Result | None:
    wd = _lookup(lang, "weekday", m["weekday"])
    if wd is None:
        return None
    rel = _lookup(lang, "rel", _g(m, "rel"))
    tod = _tod(lang, m) if lang.extra.get("tod_in_value", True) else None
    if tod is not None and tod not in lang.extra.get("tod_parts", [tod]):
        tod = None
    ref: dt.date | None = ctx["ref"]
    if (_g(m, "rel") or "").lower() in lang.extra.get("anaphoric_rel", []) and ctx.get("anchor_value"):
        ref = ctx["anchor"]  # "the previous Friday": before the day last named
    if ref is None or rel is None and not _g(m, "day") and ctx["habitual"]():
        # no reference date, or a habit: "Am Sonntag ist das Museum meist zu"
        value = f"XXXX-WXX-{(wd - 2) % 7 + 1 if p.get('night_before') else wd}"
    else:
        if _g(m, "day"):  # "Dienstag, den 2." : the day of the month decides
            day = int(m["day"])
            cands = [_add_months(ref.replace(day=1), k) for k in (-1, 0, 1)]
            best = None
            for c in cands:
                try:
                    d = c.replace(day=day)
                except ValueError:
                    continue
                if best is None or abs((d - ref).days) < abs((best - ref).days):
                    best = d
            if best is None:
                return None
            target = best
        elif rel is None and ctx.get("anchor_value") and (rng := _RANGE_BEFORE.search(
                m.string, max(0, m.start() - 30), m.start())) and _lookup(lang, "weekday", rng[1]):
            # "von Montag bis Freitag", "Monday through Friday": in the week of the first day
            target = ctx["anchor"] + dt.timedelta(days=(wd - ctx["anchor"].isoweekday()) % 7)
        elif (frame := _story_frame(ctx)) is not None and rel is None:
            # "In der Woche vom 3. Mai 1999 ... am Mittwoch": the weekday in/after that period
            target = frame + dt.timedelta(days=(wd - frame.isoweekday()) % 7)
        else:
            diff = (wd - ref.isoweekday()) % 7  # days forward to the next such weekday
            direction = int(rel) if rel not in (None, 0) else _tense_dir(ctx)
            if rel == 0:
                direction = 0
            elif direction == 0 and rel is None and lang.extra.get("ahead_before") and _cached_rx(
                    lang.extra["ahead_before"]).search(m.string, max(0, m.start() - 30), m.start()) \
                    and not (lang.extra.get("ahead_blocked") and _cached_rx(lang.extra["ahead_blocked"]).search(
                        m.string, max(0, m.start() - 60), m.start())):
                direction = 1  # "until Tuesday", "bis Dienstag" without a past verb: a deadline ahead
            elif direction == 0 and lang.extra.get("weekday_default") in ("past", "future"):
                direction = -1 if lang.extra["weekday_default"] == "past" else 1
            if direction < 0:
                target = ref - dt.timedelta(days=(7 - diff) % 7 or (7 if rel else 0))
            elif direction > 0:
                target = ref + dt.timedelta(days=diff or (7 if rel else 0))
            else:
                back = (7 - diff) % 7
                target = ref + dt.timedelta(days=diff) if diff < back else ref - dt.timedelta(days=back)
        if p.get("night_before"):  # "in der Nacht auf Sonntag": Saturday night
            target -= dt.timedelta(days=1)
        value = target.isoformat()
    if p.get("night_before"):
        return {"type": "TIME", "value": f"{value}TNI"}
    if tod:
        return {"type": "TIME", "value": f"{value}T{tod}"}
    return {"type": "DATE", "value": value}


_RANGE_BEFORE = re.compile(r"(\w+)\s+(?:bis(?:\s+zum)?|through|to|until|thru|-|–)\s+$", re.IGNORECASE)


WEEKDAY_STORY_SENTENCES = 2  # a named week or day frames bare weekdays this many sentences on


def _story_frame(ctx: Ctx) -> dt.date | None:
    """First day of the story's period (a week or a day named earlier, away from the document
    date) that frames a bare weekday, if the profile lets weekdays follow the story."""
    story = ctx.get("story")
    if not story or not ctx["profile"]["weekday_story"] or ctx["story_age"] > WEEKDAY_STORY_SENTENCES:
        return None
    if (ctx["tense"]() or "none") not in ctx["profile"]["story_tenses"]:
        return None
    lo, _hi = interval(story)
    if lo is None or not re.fullmatch(r"\d{4}-(?:W\d\d|\d\d-\d\d)", story):
        return None
    return lo


def k_relunit(lang: Language, m: re.Match[str], p: dict[str, Any], ctx: Ctx) -> Result | None:
    unit = _lookup(lang, "calunit", _g(m, "calunit")) or _lookup(lang, "unit", _g(m, "unit"))
    if unit is None:
        return None
    rel = _lookup(lang, "rel", _g(m, "rel"))
    mod = _lookup(lang, "part", _g(m, "part"))
    ref: dt.date | None = ctx["ref"]
    if rel is None:
        if p.get("default_rel") == "tense" and unit == "WE":
            rel = 0
            if ref is not None and ref.isoweekday() < 6:
                d = _tense_dir(ctx)
                if d == 0 and ref.isoweekday() <= lang.extra.get("weekend_past_until", 0):
                    d = -1  # "over the weekend" in a Monday paper: the one just past
                rel = min(0, d)
        else:
            rel = 0
    word = (_g(m, "rel") or "").lower()
    last = ctx.get("last_value")
    if word in lang.extra.get("anaphoric_rel", []) and last and unit in ("Y", "M"):
        # "the following year", "the previous month": next to the one last named, not to now
        if unit == "Y" and re.match(r"\d{4}", last):
            return {"type": "DATE", "value": f"{int(last[:4]) + int(rel):04d}", "mod": mod}
        if unit == "M" and re.match(r"\d{4}-\d\d", last):
            anchor = dt.date(int(last[:4]), int(last[5:7]), 1)
            return {"type": "DATE", "value": _shift(anchor, "M", int(rel)), "mod": mod}
    if ref is None:
        return {"type": "DATE", "value": _UNSPEC.get(unit, "XXXX"), "mod": mod}
    value = _shift(ref, unit, int(rel))
    if value is None:
        return None
    return {"type": "DATE", "value": value, "mod": mod}


_DUR_UNIT = {"D": "D", "W": "W", "M": "M", "Y": "Y", "DE": "DE", "CE": "CE", "Q": "Q",
             "H": "TH", "MIN": "TM", "S": "TS", "WE": "WE"}


def _duration_value(n: float | str, unit: str, smaller_units: bool = False) -> str:
    """ISO 8601 duration; ``smaller_units`` writes fractional hours/minutes as PT1H30M."""
    code = _DUR_UNIT.get(unit, unit)
    if code == "DE":
        return f"P{_fmt_num(n * 10) if not isinstance(n, str) else n + '0'}Y" if not isinstance(n, str) else "PXDE"
    if code == "CE":
        return f"P{_fmt_num(n * 100)}Y" if not isinstance(n, str) else "PXCE"
    if code == "Q":
        return f"P{_fmt_num(n * 3)}M" if not isinstance(n, str) else "PXQ"
    if code.startswith("T"):
        if smaller_units and not isinstance(n, str) and not float(n).is_integer() and code in ("TH", "TM"):
            whole, rest = int(n), round((n - int(n)) * 60)  # 1.5 hours: PT1H30M
            small = "M" if code == "TH" else "S"
            return f"PT{whole}{code[1]}{rest}{small}" if whole else f"PT{rest}{small}"
        return f"PT{_fmt_num(n)}{code[1]}"
    return f"P{_fmt_num(n)}{code}"


def _vague_duration(lang: Language, unit: str) -> str:
    """``PXY`` for "years"; the language file may respell units ("decades": PXY, not PXDE)."""
    return lang.extra.get("vague_durations", {}).get(unit) or _duration_value("X", unit)


def k_shift(lang: Language, m: re.Match[str], p: dict[str, Any], ctx: Ctx) -> Result | None:
    n = p.get("fixed_num") or _number(lang, _g(m, "num"))
    unit = _lookup(lang, "unit", _g(m, "unit") or _g(m, "calunit"))
    if n is None or unit is None:
        return None
    sign = int(p.get("sign", 1))
    d = _g(m, "dir")
    if d is not None and d.lower() in lang.extra.get("before_words", ["zuvor", "vorher", "davor", "früher", "earlier", "before"]):
        sign = -1
    if p.get("ago") and lang.extra.get("ago_reading") == "duration":
        return _ago_duration(lang, m, p, ctx, n, unit, sign)
    span_rx = lang.extra.get("_span_before_rx")
    if p.get("span_if_past") and (ctx["clause_tense"]() == "past" or span_rx is not None and span_rx.search(
            m.string, max(0, m.start() - 60), m.start())):
        # "built in two years", "a level not seen in 58 years", "the first time in 20 years": a span
        return {"type": "DURATION", "value": _duration_value(n, unit, bool(lang.extra.get("fraction_in_smaller_units")))}
    if unit in ("H", "MIN", "S"):
        return {"type": "TIME", "value": "XXXX-XX-XXTXX:XX"} if d else None
    ref = ctx["ref"]
    if p.get("relative_to") == "context" and not isinstance(n, str) and float(n).is_integer():
        # "two days later", "einen Monat später", "drei Jahre zuvor": from the day, month or
        # year named last (not from a coarser one: "1945 ... five days later" stays unknown)
        anchor = ctx.get("shift_anchor")
        units = ("D", "W", "M", "Y") if anchor and re.fullmatch(r"\d{4}-\d\d-\d\d", anchor) else \
            ("M", "Y") if anchor and re.fullmatch(r"\d{4}-\d\d", anchor) else ("Y",)
        start = interval(anchor)[0] if anchor else None
        if start is not None and unit in units:
            value = _shift(start, unit, sign * int(n))
            if value is not None:
                return {"type": "DATE", "value": value}
    if p.get("relative_to") == "context" or ref is None or isinstance(n, str) or not float(n).is_integer():
        if isinstance(n, str):
            return {"type": "DATE", "value": "PAST_REF" if sign < 0 else "FUTURE_REF"}
        return {"type": "DATE", "value": _UNSPEC.get(unit, "XXXX-XX-XX")}
    value = _shift(ref, unit, sign * int(n))
    if value is None:
        return None
    return {"type": "DATE", "value": value}


def _ago_duration(lang: Language, m: re.Match[str], p: dict[str, Any], ctx: Ctx,
                  n: float | str, unit: str, sign: int) -> Result:
    """ "vor drei Jahren" / "three years ago" read as the TimeML convention of KRAUTS,
    TempEval-3 platinum and MEANTIME: a DURATION (P3Y) over "drei Jahren" / "three years";
    ``earliest``/``latest`` still give the day/month/year it points at (for the timeline)."""
    res: Result = {"type": "DURATION", "value": _duration_value(n, unit, bool(lang.extra.get("fraction_in_smaller_units"))),
                   "mod": _lookup(lang, "approx", _g(m, "approx")), "end": m.end("unit")}
    ref = ctx["ref"]
    if ref is not None and not isinstance(n, str) and float(n).is_integer() and unit not in ("H", "MIN", "S"):
        shifted = _shift(ref, unit, sign * int(n))
        if shifted is not None:
            res["earliest"], res["latest"] = interval(shifted)
    return res


_UNIT_ORDER = ["CE", "DE", "Y", "Q", "M", "W", "D", "H", "MIN", "S"]
_SMALLER = {"Y": (12, "M"), "D": (24, "H"), "H": (60, "MIN"), "MIN": (60, "S"), "DE": (10, "Y"),
            "CE": (100, "Y")}


def _compound_value(parts: list[tuple[float, str]]) -> str | None:
    """``P3Y4M``, ``PT2H30M``, ``P1DT6H`` from (number, unit) pairs, largest unit first."""
    date, time_ = "", ""
    order = [_UNIT_ORDER.index(u) for _, u in parts]
    if order != sorted(set(order)):
        return None
    for n, u in parts:
        if u in ("DE", "CE", "Q"):
            n, u = n * {"DE": 10, "CE": 100, "Q": 3}[u], {"DE": "Y", "CE": "Y", "Q": "M"}[u]
        if u in ("H", "MIN", "S"):
            time_ += f"{_fmt_num(n)}{'M' if u == 'MIN' else u}"
        else:
            date += f"{_fmt_num(n)}{u}"
    return "P" + date + (f"T{time_}" if time_ else "")


def k_duration2(lang: Language, m: re.Match[str], p: dict[str, Any], ctx: Ctx) -> Result | None:
    """ "drei Jahre und vier Monate", "two hours and 30 minutes": one DURATION."""
    parts = []
    for num, unit in (("num", "unit"), ("num2", "unit2")):
        n = _number(lang, m[num])
        u = _lookup(lang, "unit", m[unit])
        if not isinstance(n, (int, float)) or u is None or u in ("WE",):
            return None
        parts.append((n, u))
    value = _compound_value(parts)
    return {"type": "DURATION", "value": value} if value else None


def _fraction_value(n: float, unit: str) -> str:
    """Less than one unit in the next smaller one: half a year P6M, half an hour PT30M."""
    if n < 1 and unit in _SMALLER:
        factor, small = _SMALLER[unit]
        if float(n * factor).is_integer():
            return _duration_value(n * factor, small)
    return _duration_value(n, unit)


def k_duration(lang: Language, m: re.Match[str], p: dict[str, Any], ctx: Ctx) -> Result | None:
    unit_word = _g(m, "unit") or _g(m, "plunit") or _g(m, "plunit2") or ""
    unit = _lookup(lang, "unit", unit_word) or _lookup(lang, "plunit", unit_word)
    if unit is None:
        low = unit_word.lower()
        for stem, u in lang.extra.get("unit_stems", {}).items():
            if low.startswith(stem):
                unit = u
                break
    if unit is None:
        return None
    if p.get("vague"):
        return {"type": "DURATION", "value": _vague_duration(lang, unit)}
    n = p.get("fixed_num") or _number(lang, _g(m, "num"))
    if n is None:
        return None
    if _g(m, "andhalf") and not isinstance(n, str):  # "an hour and a half"
        n += 0.5
    rate = lang.extra.get("rate_before")
    if rate and (_g(m, "num") or "").lower() in ("a", "an") and re.search(rate, m.string[max(0, m.start() - 30):m.start()]):
        return None  # "$5 million a year", "four flights a week": a rate, not a duration
    mod = _lookup(lang, "approx", _g(m, "approx") or _g(m, "pre"))
    if not isinstance(n, str) and n < 1:
        return {"type": "DURATION", "value": _fraction_value(n, unit), "mod": mod}
    value = _duration_value(n, unit, bool(lang.extra.get("fraction_in_smaller_units")))
    return {"type": "DURATION", "value": value, "mod": mod}


_VAGUE_SPAN = {"D": 10, "W": 60, "M": 365, "Y": 3650, "DE": 36500, "H": 1}


def k_vague_plural(lang: Language, m: re.Match[str], p: dict[str, Any], ctx: Ctx) -> Result | None:
    unit = _lookup(lang, "plunit", m["plunit"])
    rel = _lookup(lang, "rel", _g(m, "rel"))
    if unit is None or rel is None:
        return None
    ref = ctx["ref"]
    span = _VAGUE_SPAN.get(unit, 30)
    if rel > 0:
        res: Result = {"type": "DATE", "value": "FUTURE_REF", "vague": True}
        if ref:
            res["earliest"], res["latest"] = ref + dt.timedelta(days=1), ref + dt.timedelta(days=span)
        return res
    res = {"type": "DURATION", "value": _vague_duration(lang, unit), "vague": True}
    if rel < 0 and ref:
        res["earliest"], res["latest"] = ref - dt.timedelta(days=span), ref
    elif rel == 0:
        res = {"type": "DATE", "value": "PRESENT_REF", "vague": True}
        if ref:
            res["earliest"], res["latest"] = ref - dt.timedelta(days=span // 2), ref + dt.timedelta(days=span // 2)
    return res


def k_ref(lang: Language, m: re.Match[str], p: dict[str, Any], ctx: Ctx) -> Result | None:
    spec = p.get("value") or _lookup(lang, "ref", _g(m, "ref"))
    if spec is None:
        return None
    value, lo, hi = spec if isinstance(spec, list) else (spec, "", "")
    ref = ctx["ref"]
    res: Result = {"type": "DATE", "value": value, "vague": value != "PRESENT_REF"}
    if ref is not None:
        res["earliest"] = ref + dt.timedelta(days=lo) if isinstance(lo, int) else None
        res["latest"] = ref + dt.timedelta(days=hi) if isinstance(hi, int) else None
    return res


def k_set(lang: Language, m: re.Match[str], p: dict[str, Any], ctx: Ctx) -> Result | None:
    if p.get("value"):  # "an Wochenenden", "at weekends"
        return {"type": "SET", "value": p["value"]}
    if _g(m, "set"):
        v = _lookup(lang, "set", m["set"])
        return {"type": "SET", "value": v} if v else None
    wd = _lookup(lang, "setweekday", _g(m, "setweekday")) or _lookup(lang, "weekday", _g(m, "weekday"))
    if not wd and (_g(m, "tod") or _g(m, "settod")):  # every morning, nachts
        tod = _lookup(lang, "settod", _g(m, "settod")) or _tod(lang, m)
        return {"type": "SET", "value": f"XXXX-XX-XXT{tod}"} if tod else None
    if wd:
        tod = _tod(lang, m)
        return {"type": "SET", "value": f"XXXX-WXX-{wd}" + (f"T{tod}" if tod else "")}
    month = _lookup(lang, "month", _g(m, "month"))
    if month:  # "jeden Juli", "each July"
        return {"type": "SET", "value": f"XXXX-{int(month):02d}"}
    season = _lookup(lang, "season", _g(m, "season"))
    if season:  # "jeden Sommer", "every winter"
        return {"type": "SET", "value": f"XXXX-{season}"}
    unit = _lookup(lang, "calunit", _g(m, "calunit")) or _lookup(lang, "unit", _g(m, "unit"))
    if unit:
        # "alle drei Monate"; "jeden zweiten Tag", "every other day": every second one
        n = _number(lang, _g(m, "num")) or _lookup(lang, "ordword", _g(m, "ordword")) \
            or (2 if _g(m, "other") else 1)
        return {"type": "SET", "value": _duration_value(n, unit)}
    return None


_CLOCK_WORDS = {"half": (-1, 30), "quarter_past": (0, 15), "quarter_to": (-1, 45),
                "threequarter": (-1, 45), "half_past": (0, 30)}


def k_time(lang: Language, m: re.Match[str], p: dict[str, Any], ctx: Ctx) -> Result | None:
    if _g(m, "clock"):  # "halb neun" 08:30, "Viertel vor neun" 08:45, "half past eight" 08:30
        spec = _lookup(lang, "clock", m["clock"])
        hour = _number(lang, m["hourword"])
        if spec not in _CLOCK_WORDS or not isinstance(hour, int) or not 1 <= hour <= 12:
            return None
        dh, mi = _CLOCK_WORDS[spec]
        h = (hour + dh) % 12 or (12 if dh == 0 else 0)
        if hour + dh == 0:
            h = 0
        tod = _tod(lang, m) or _lookup(lang, "settod", _g(m, "tod2"))
        if tod in ("EV", "AF") or (tod == "NI" and h >= 6):
            h += 12
        return {"type": "TIME", "time": f"T{h:02d}:{mi:02d}"}
    if p.get("named"):
        h, mi = (12, 0) if m["hour"].lower() in ("noon", "midday", "mittag") else (24, 0)
    else:
        h = int(m["hour"])
        mi = int(_g(m, "minute") or 0)
    ampm = (_g(m, "ampm") or "").lower().replace(".", "").replace(" ", "")
    if ampm:
        if not 1 <= h <= 12:
            return None
        if ampm.startswith("p") and h < 12:
            h += 12
        elif ampm.startswith("a") and h == 12:
            h = 0
    if h > 24:
        return None
    tod = _tod(lang, m)
    if tod in ("EV", "AF", "NI") and h < 12 and tod != "NI":
        h += 12
    clock = f"T{h:02d}:{mi:02d}" + ("Z" if _g(m, "zone") else "")  # "18:00 UTC": universal time
    if _g(m, "month") and _g(m, "day"):
        day = k_date(lang, m, {}, ctx)
        if day is not None:
            return {"type": "TIME", "value": day["value"][:10] + clock}
    if _g(m, "weekday"):
        day = k_weekday(lang, m, {}, ctx)
        if day is not None:
            return {"type": "TIME", "value": day["value"][:10] + clock}
    return {"type": "TIME", "time": clock}


def k_quarter(lang: Language, m: re.Match[str], p: dict[str, Any], ctx: Ctx) -> Result | None:
    ref = ctx["ref"]
    if p.get("latest"):  # "the (latest) quarter": the last completed quarter unless future
        last = ctx.get("last_period")
        if m["half"].lower() == "period" or _g(m, "year"):
            if last:
                return {"type": "DATE", "value": (_g(m, "year") or last[:4]) + last[4:]}
            if _g(m, "year") and ref is not None:
                return {"type": "DATE", "value": m["year"] + _shift(ref, "Q", -1)[4:]}
            return None
        if ref is None:
            return {"type": "DATE", "value": "XXXX-QX"}
        word = (_g(m, "latest") or "").lower()
        back = 0 if word == "current" or ctx["tense"]() == "future" else -1
        return {"type": "DATE", "value": _shift(ref, "Q", back)}
    o = _lookup(lang, "ord", _g(m, "ord"))
    kind = _lookup(lang, "half", m["half"])
    if o is None and p.get("final") and kind is not None:  # "the last half of 1989"
        o = 2 if kind == "H" else 4
    if o is None or kind is None or (kind == "H" and o > 2):
        return None
    year_s = _g(m, "year")
    rel = _lookup(lang, "rel", _g(m, "rel"))
    if p.get("rel_year") and rel is not None and ref is not None:
        ys = str(ref.year + int(rel))
    elif year_s:
        ys = year_s
    elif ref is not None:
        y = ref.year + int(rel or 0)
        current = (ref.month - 1) // (3 if kind == "Q" else 6) + 1
        if rel is None and o > current and ctx["tense"]() != "future":
            y -= 1  # "the fourth quarter" in February: last year's
        ys = str(y)
    else:
        ys = "XXXX"
    return {"type": "DATE", "value": f"{ys}-{kind}{o}"}


def k_season(lang: Language, m: re.Match[str], p: dict[str, Any], ctx: Ctx) -> Result | None:
    s = _lookup(lang, "season", m["season"])
    if s is None:
        return None
    bare = not (_g(m, "rel") or _g(m, "year") or _g(m, "pre") or m.group(0)[:4].lower() == "the ")
    if m["season"].lower() in lang.extra.get("ambiguous_seasons", []) and (
            bare or re.match(r"\s+of\s+(?!\d)", m.string[m.end():m.end() + 8])):
        return None  # "fall" the verb, "the fall of the wall" the noun
    rel = _lookup(lang, "rel", _g(m, "rel"))
    rel2 = _lookup(lang, "rel", _g(m, "rel2"))
    year_s = _g(m, "year")
    ref = ctx["ref"]
    if rel is None and rel2 is None and not year_s and ctx["habitual"]():
        return {"type": "DATE", "value": f"XXXX-{s}"}  # "Im Sommer ist es hier immer heiß"
    story = ctx.get("story")
    if not year_s and rel is None and rel2 is None and story is not None \
            and (ctx["tense"]() or "none") in ctx["profile"]["story_tenses"]:
        year_s = story[:4]  # "Im Frühjahr 1990 ... Im Sommer": the story's year
    if year_s:
        ys = year_s
    elif ref is None:
        ys = "XXXX"
    else:
        y = ref.year + int(rel2 or 0)
        if rel2 is None:
            d = rel if rel not in (None, 0) else (0 if rel == 0 else _tense_dir(ctx))
            if ref.month == 12:  # December: this winter is next year's WI, past seasons this year's
                y += (0 if d < 0 else 1) if s == "WI" else (1 if d > 0 else 0)
            else:
                cur = {1: "WI", 2: "WI"}.get(ref.month) or next(
                    k for k, (a, b) in _SEASON_MONTHS.items() if a <= ref.month <= b)
                order = ["WI", "SP", "SU", "FA"]
                first, last = _SEASON_MONTHS.get(cur, (12, 2))
                # the current season itself: this year's, unless it has only just begun (past)
                # or is nearly over (future)
                if d < 0 and (order.index(s) > order.index(cur) or s == cur and ref.month == first):
                    y -= 1
                elif d > 0 and (order.index(s) < order.index(cur) or s == cur and ref.month == last):
                    y += 1
        ys = str(y)
    res: Result = {"type": "DATE", "value": f"{ys}-{s}"}
    if p.get("drop_prefix") and rel is None and not _g(m, "year"):
        res["start"] = m.start("season")
    return res


def k_tod(lang: Language, m: re.Match[str], p: dict[str, Any], ctx: Ctx) -> Result | None:
    tod = _tod(lang, m)
    if tod is None:
        return None
    day = None if p.get("today") else ctx["anchor_value"]
    day = day or (ctx["ref"].isoformat() if ctx["ref"] else "XXXX-XX-XX")
    return {"type": "TIME", "value": f"{day}T{tod}"}


def _easter(year: int) -> dt.date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day)


def holiday_date(spec: str, year: int) -> dt.date | None:
    """The day of a holiday spec in ``year``: ``"12-25"`` fixed, ``"E+60"`` Easter offset,
    ``"11:4:4"`` the 4th Thursday of November (``-1``: the last one)."""
    try:
        if spec.startswith("E"):
            return _easter(year) + dt.timedelta(days=int(spec[1:] or 0))
        if ":" in spec:
            month, weekday, nth = (int(x) for x in spec.split(":"))
            if nth > 0:
                first = dt.date(year, month, 1)
                return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
            last = _month_end(year, month)
            return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)
        month, day = (int(x) for x in spec.split("-"))
        return dt.date(year, month, day)
    except ValueError:
        return None


def k_holiday(lang: Language, m: re.Match[str], p: dict[str, Any], ctx: Ctx) -> Result | None:
    spec = _lookup(lang, "holiday", m["holiday"])
    if spec is None:
        return None
    ref: dt.date | None = ctx["ref"]
    year_s, rel = _g(m, "year"), _lookup(lang, "rel", _g(m, "rel"))
    if year_s:
        day = holiday_date(spec, int(year_s))
    elif ref is None:
        fixed = re.fullmatch(r"(\d\d)-(\d\d)", spec)
        return {"type": "DATE", "value": f"XXXX-{fixed[1]}-{fixed[2]}" if fixed else "XXXX-XX-XX"}
    else:
        this = holiday_date(spec, ref.year)
        if this is None:
            return None
        direction = int(rel) if rel else _tense_dir(ctx)
        if direction < 0 and this > ref:
            this = holiday_date(spec, ref.year - 1)
        elif direction > 0 and this < ref:
            this = holiday_date(spec, ref.year + 1)
        day = this
    if day is None:
        return None
    return {"type": "DATE", "value": day.isoformat()}


def k_yearend(lang: Language, m: re.Match[str], p: dict[str, Any], ctx: Ctx) -> Result | None:
    ref = ctx["ref"]
    if ref is None:
        return {"type": "DATE", "value": "XXXX-12-31"}
    year = ref.year - 1 if _tense_dir(ctx) < 0 and ref.month < 12 else ref.year
    return {"type": "DATE", "value": f"{year}-12-31"}


def k_spelled_year(lang: Language, m: re.Match[str], p: dict[str, Any], ctx: Ctx) -> Result | None:
    century = _number(lang, m["c"])
    tens = _number(lang, _g(m, "tens")) or 0
    ones = _number(lang, _g(m, "ones")) or 0
    if not isinstance(century, int) or not isinstance(tens, int) or not isinstance(ones, int):
        return None
    year = century * 100 + tens + ones if century < 100 else century + tens + ones
    return {"type": "DATE", "value": f"{year:04d}"}


KINDS: dict[str, Callable[[Language, re.Match[str], dict[str, Any], Ctx], Result | None]] = {
    "date": k_date, "decade": k_decade, "century": k_century, "relday": k_relday,
    "relword": k_relword, "weekday": k_weekday, "relunit": k_relunit, "shift": k_shift,
    "duration": k_duration, "vague_plural": k_vague_plural, "ref": k_ref, "set": k_set,
    "time": k_time, "quarter": k_quarter, "season": k_season, "tod": k_tod,
    "holiday": k_holiday, "spelled_year": k_spelled_year, "yearend": k_yearend,
    "duration2": k_duration2,
}


# ---------------------------------------------------------------------------
# the tagger

@lru_cache(maxsize=None)
def _cached_rx(pattern: str) -> re.Pattern[str]:
    """A language-file pattern compiled on first use (case-insensitive)."""
    return re.compile(pattern, re.IGNORECASE)


class _Sentences:
    """Sentence lookup by offset (given sentences or a cheap regex split) with cached tense."""

    def __init__(self, text: str, lang: Language, sentences: list[Sentence] | None) -> None:
        self.text = text
        self.lang = lang
        if sentences:
            self.starts = [s.start for s in sentences]
            self.ends = [s.end for s in sentences]
            self.indices: list[int | None] = [s.index for s in sentences]
        else:
            self.starts, self.ends = [0], []
            for m in _SENT_END.finditer(text):
                self.ends.append(m.start())
                self.starts.append(m.end())
            self.ends.append(len(text))
            self.indices = [None] * len(self.starts)
        self._tense: dict[int, tuple[list[tuple[int, str]], list[tuple[int, int]]]] = {}

    def position(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def clause(self, pos: int, offset: int) -> str:
        """The clause around ``offset``: its sentence cut at the nearest , ; : or dash."""
        a, b = self.starts[pos], self.ends[pos] if pos < len(self.ends) else len(self.text)
        left = max((self.text.rfind(c, a, offset) for c in ",;:–—"), default=-1)
        rights = [i for c in ",;:–—" if (i := self.text.find(c, offset, b)) >= 0]
        return self.text[max(a, left + 1):min(rights, default=b)]

    def clause_tense(self, pos: int, offset: int) -> str | None:
        """Past or future tense inside the clause around ``offset`` (None: neither)."""
        clause = self.clause(pos, offset)
        if self.lang.past.search(clause):
            return "past"
        return "future" if self.lang.future.search(clause) else None

    def habitual(self, pos: int, offset: int) -> bool:
        """A habit in a present-tense clause ("Im Sommer ist es hier immer heiß", "On Sundays
        it usually opens late"): language-file cue ``habitual`` in the clause, no past/future."""
        rx = self.lang.extra.get("_habitual_rx")
        if rx is None or self.clause_tense(pos, offset) is not None:
            return False
        return bool(rx.search(self.clause(pos, offset)))

    def contrast(self, pos: int, offset: int, ref: dt.date | None, last_value: tuple[int, str] | None) -> bool:
        """"heute"/"today" set against the past: a present-tense clause after a contrast word
        ("früher", "once", language file ``generic_today_contrast``) in the same or the previous
        sentence, or a year at least ``generic_today_years`` back in the same sentence."""
        rx = self.lang.extra.get("_contrast_rx")
        if rx is None or self.clause_tense(pos, offset) is not None:
            return False
        a = self.starts[max(0, pos - 1)]
        if rx.search(self.text, a, offset):
            return True
        years = self.lang.extra.get("generic_today_years")
        return bool(years and ref and last_value and pos == last_value[0]
                    and re.match(r"\d{4}", last_value[1]) and int(last_value[1][:4]) <= ref.year - years)

    def tense(self, pos: int, offset: int) -> str | None:
        """Tense of the cue nearest to ``offset`` in its sentence (None: no cue)."""
        if pos not in self._tense:
            a, b = self.starts[pos], self.ends[pos]
            chunk = self.text[a:b]
            cues = [(m.start() + a, "future") for m in self.lang.future.finditer(chunk)]
            cues += [(m.start() + a, "past") for m in self.lang.past.finditer(chunk)]
            inserted = self.lang.extra.get("relative_clause")
            spans = [(r.start() + a, r.end() + a) for r in _cached_rx(inserted).finditer(chunk)] if inserted else []
            self._tense[pos] = (cues, spans)
        cues, spans = self._tense[pos]
        if spans:
            # a cue inside an inserted relative clause (", which had been expected,") belongs
            # to that clause, not to an expression outside it
            cues = [c for c in cues if not any(s <= c[0] < e and not s <= offset < e for s, e in spans)]
        before = self.text[max(self.starts[pos], offset - 40):offset]
        if self.lang.future_local is not None and self.lang.future_local.search(before):
            return "future"
        if self.lang.past_local is not None and self.lang.past_local.search(before):
            return "past"
        barrier = self.lang.extra.get("tense_barrier")
        if barrier and cues:
            # a cue in a complement after the expression ("issued a statement Friday saying
            # ... will") belongs to that clause, not to the expression's
            rx = _cached_rx(barrier)
            cues = [c for c in cues if c[0] <= offset or not rx.search(self.text, offset, c[0])]
        if not cues:
            return None
        return min(cues, key=lambda c: abs(c[0] - offset))[1]


Candidate = tuple[int, int, Rule, re.Match[str], int]  # start, end, rule, match, offset delta


def _candidates(text: str, lang: Language) -> list[Candidate]:
    """All rule matches inside the trigger windows, with offsets into ``text``.

    The windows are joined by a NUL separator into one reduced string (neither word nor
    space, so no rule matches across it); ``delta`` maps a match back into ``text``.
    """
    hits = _hits(text, lang)
    reductions: dict[frozenset[str] | None, tuple[str, list[int], list[int]]] = {}

    def reduce(kinds: frozenset[str] | None) -> tuple[str, list[int], list[int]]:
        if kinds not in reductions:
            if hits is None:
                reductions[kinds] = (text, [0], [0])
            else:
                sel = hits if kinds is None else [h for h in hits if h[2] & kinds]
                pieces, seg_starts, deltas = [], [], []
                pos = 0
                for ws, we in _windows(text, sel):
                    seg_starts.append(pos)
                    deltas.append(ws - pos)
                    pieces.append(text[ws:we])
                    pos += we - ws + 1
                reductions[kinds] = ("\0".join(pieces), seg_starts, deltas)
        return reductions[kinds]

    out: list[Candidate] = []
    for rule in lang.rules:
        reduced, seg_starts, deltas = reduce(rule.triggers)
        if not reduced:
            continue
        has_t = "t" in rule.regex.groupindex
        has_pre = "pre" in rule.regex.groupindex
        before = rule.params.get("before_rx")
        not_before = rule.params.get("not_before_rx")
        has_num = "num" in rule.regex.groupindex
        for m in rule.regex.finditer(reduced):
            if before is not None and not before.search(reduced, max(0, m.start() - 30), m.start()):
                continue
            if not_before is not None:
                at = m.start("num") if has_num and m.group("num") is not None else m.start()
                if not_before.search(reduced, max(0, at - 40), at):
                    continue
            if has_t and m.group("t") is not None:
                s, e = m.span("t")
            else:
                s, e = m.span()
            if has_pre and m.group("pre") is not None:
                s = m.end("pre")
                while s < e and reduced[s].isspace():
                    s += 1
            if e > s:
                delta = deltas[bisect.bisect_right(seg_starts, m.start()) - 1]
                out.append((s + delta, e + delta, rule, m, delta))
    return out


def _select(cands: list[Candidate]) -> list[Candidate]:
    """Non-overlapping subset, longest first, then earlier rule, then earlier start."""
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[2].priority, c[0]))
    taken: list[tuple[int, int]] = []
    chosen = []
    for c in cands:
        i = bisect.bisect_left(taken, (c[0], c[1]))
        if i > 0 and taken[i - 1][1] > c[0]:
            continue
        if i < len(taken) and taken[i][0] < c[1]:
            continue
        taken.insert(i, (c[0], c[1]))
        chosen.append(c)
    chosen.sort(key=lambda c: c[0])
    return chosen


# text before a word that opens a sentence, a quotation, a bracket or a line ("... ended. Today",
# "said: Heute", "„Today", "Wien – Heute")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;…]['\"”’»«)]*\s*|['\"“‘«»„(\[]\s*|\n\s*|\s[-–—]\s*)$")
_LIST_ITEM = re.compile(r"[ \t]*(?:[-–•*▪]|\d{1,2}[.)](?!\d))\s")
_NAME_KINDS = frozenset(["relday", "season", "tod", "weekday", "relunit", "holiday", "set"])


def _in_name(text: str, s: int, e: int, rule: Rule, lang: Language) -> bool:
    """A capitalised time word inside a programme, product or organisation name ("the <Station>
    Today programme", "British Summer Time", "the Sunday <Paper>"): not a date. The name
    heads and the words that can start such a name come from the language file."""
    if rule.kind == "relday" and re.match(r"-[^\W\d]", text[e:e + 2]):
        return True  # the first part of a compound: "die Heute-Show", "a Today-style show"
    low = lang.extra.get("_lowercase_rx")
    if low is not None and rule.kind != "holiday":
        # a word written in lower case in running text ("today", "daily", "noon", "summer";
        # "heute", "täglich") but capitalised inside a sentence: part of a name ("Radio 4's
        # Today", "the Daily <Paper>", "Jamie Noon", "the Winter Olympics", "Heute konkret")
        for w in re.finditer(r"[^\W\d_]+", text[s:e]):
            if w.group()[:1].isupper() and not w.group().isupper() and low.fullmatch(w.group()) \
                    and (w.start() > 0 or not _SENTENCE_START.search(text, max(0, s - 12), s)):
                return True
    if rule.kind == "century" and lang.name_after is not None and lang.name_after.match(text, e):
        return True  # "the 20th Century Post"
    if rule.kind == "season" and _season_in_name(text, s, e, lang):
        return True
    if rule.kind not in _NAME_KINDS or not text[s:s + 1].isupper():
        return False
    title_before, title_after = lang.extra.get("_title_before_rx"), lang.extra.get("_title_after_rx")
    if rule.kind == "weekday" and title_before is not None and title_after is not None \
            and title_before.search(text, max(0, s - 40), s) and title_after.match(text, e):
        return True  # "the Sunday <Paper>", "<Station>'s Sunday <Show> programme": a title
    wd_rx = lang.extra.get("_weekday_name_rx")
    if rule.kind in ("weekday", "set") and wd_rx is not None and wd_rx.search(text, max(0, s - 30), s):
        return True  # "Black Monday", "Super Tuesday", "Schwarzer Freitag": a named day, not a date
    if lang.name_after is not None and lang.name_after.match(text, e):
        return True
    if lang.name_before is not None and rule.kind in ("relday", "season", "tod", "holiday"):
        return bool(lang.name_before.search(text, max(0, s - 40), s))
    return False


def _season_in_name(text: str, s: int, e: int, lang: Language) -> bool:
    """A season word inside a name: capitalised inside a sentence before a capitalised word
    ("the Winter Olympics", "My Summer of Love"; ``season_name_after``), or after a capitalised
    word inside a sentence ("der Prager Frühling", "Susanne Winter"; ``season_name_before``)."""
    after, before_rx = lang.extra.get("season_name_after"), lang.extra.get("_season_name_rx")
    for w in re.finditer(r"[^\W\d_]+", text[s:e]):
        if _lookup(lang, "season", w.group()) is None or not w.group()[:1].isupper() or w.group().isupper():
            continue
        pos = s + w.start()
        if after and re.match(after, text[e:e + 40]) and not _SENTENCE_START.search(text, max(0, pos - 12), pos):
            return True
        m = before_rx.search(text, max(0, pos - 30), pos) if before_rx is not None else None
        if m and not _SENTENCE_START.search(text, max(0, m.start() - 12), m.start()):
            return True
    return False


def _shift_anchor(last_day: tuple[int, str] | None, last_value: tuple[int, str] | None,
                  pos: int) -> str | None:
    """The value "two days later" counts from: the later of the last named day and the last
    explicit calendar value, within :data:`CONTEXT_SENTENCES`."""
    recent = [x for x in (last_value, last_day) if x and pos - x[0] <= CONTEXT_SENTENCES]
    return max(recent, key=lambda x: x[0])[1] if recent else None


def choose_document_type(lang: Language, selected: list[Candidate], ref: dt.date | None,
                         text: str | None = None) -> str:
    """ "narrative" when most explicit years lie far from the document date (history pieces,
    essays, portraits), else the language file's default ("news"); thresholds in ``[detect]``,
    lower ones (``*_no_day``) for a text that names no day of the news cycle (no weekday,
    "gestern"/"yesterday", clock time or day of the document's year)."""
    det = lang.detect
    default = det.get("default", "news")
    if ref is None or "narrative" not in lang.profiles:
        return default
    min_turns = det.get("interview_min_turns", 3)
    if text is not None and "interview_marker" in det and text.count(":") >= min_turns:
        turns = re.findall(det["interview_marker"], text, re.MULTILINE)  # questions and answers
        if len(turns) >= min_turns:
            return "interview" if "interview" in lang.profiles else "narrative"
    years = []
    day_cues = 0  # the news cycle: a weekday, "gestern"/"yesterday", a clock time, a day this year
    for _s, _e, rule, m, _d in selected:
        y = _g(m, "year") if rule.kind == "date" else None
        if y and len(y) == 4 and int(y) <= ref.year:  # maturities and plans do not count
            years.append(int(y))
        if rule.kind in ("weekday", "time") \
                or rule.kind == "relday" and _lookup(lang, "relday", _g(m, "relday")) not in (None, 0) \
                or rule.kind == "date" and _g(m, "day") and (not y or int(y) == ref.year):
            day_cues += 1
    # a text without any day of the news cycle (an essay, a portrait, a history piece) needs
    # fewer far years to count as narrative
    suffix = "_no_day" if day_cues == 0 else ""
    if len(years) < det.get("narrative_min_years" + suffix, det.get("narrative_min_years", 3)):
        return default
    far = sum(abs(y - ref.year) >= det.get("far_years", 2) for y in years)
    share = det.get("narrative_far_share" + suffix, det.get("narrative_far_share", 0.5))
    return "narrative" if far / len(years) >= share else default


@register("temporal", "rules")
class RuleTemporalTagger:
    """HeidelTime-style rule tagger for German and English (see module docstring)."""

    def __init__(self, document_type: str | None = None) -> None:
        self.document_type = document_type  # default profile ("auto"/None: from the text)
        # a language's rules are compiled when its first document arrives (:func:`load_language`)

    def tag(self, text: str, language: str, reference_date: dt.date | None,
            sentences: list[Sentence] | None = None,
            document_type: str | None = None) -> list[TimeExpr]:
        """Time expressions of ``text``. ``document_type`` names a profile of the language
        file ("news", "narrative"); None or "auto" chooses one from the text
        (:func:`document_type`), else ``self.document_type`` when set."""
        lang = load_language(packs.rules_language(language))
        sents = _Sentences(text, lang, sentences)
        out: list[TimeExpr] = []
        selected = _select(_candidates(text, lang))
        wanted = document_type or self.document_type
        if wanted in (None, "auto"):
            wanted = choose_document_type(lang, selected, reference_date, text)
        if wanted not in lang.profiles:
            raise ValueError(f"unknown document type {wanted!r} for language {lang.code!r} "
                             f"(known: {', '.join(sorted(lang.profiles))})")
        profile = lang.profiles[wanted]
        story: tuple[int, str] | None = None  # last explicit value away from the document date
        last_day: tuple[int, str] | None = None  # (sentence pos, YYYY-MM-DD) for anchoring times
        last_value: tuple[int, str] | None = None  # last explicit calendar value (any precision)
        last_period: tuple[int, str] | None = None  # last quarter / half-year value
        for s, e, rule, m, delta in selected:
            pos = sents.position(s)
            if story is not None and _LIST_ITEM.match(text, text.rfind("\n", 0, s) + 1):
                story = None  # a list item ("- 5. Januar: Empfang") is dated from the document
            ctx: Ctx = {"ref": reference_date, "tense": (lambda p=pos, o=s: sents.tense(p, o)),
                        "anchor": dt.date.fromisoformat(last_day[1]) if last_day else reference_date,
                        "anchor_value": last_day[1] if last_day else None,
                        "last_value": last_value[1] if last_value and pos - last_value[0] <= CONTEXT_SENTENCES else None,
                        "last_period": last_period[1] if last_period and pos - last_period[0] <= CONTEXT_SENTENCES else None,
                        "profile": profile,
                        "shift_anchor": _shift_anchor(last_day, last_value, pos),
                        "clause_tense": (lambda p=pos, o=s: sents.clause_tense(p, o)),
                        "habitual": (lambda p=pos, o=s: sents.habitual(p, o)),
                        "contrast": (lambda p=pos, o=s, lv=last_value: sents.contrast(p, o, reference_date, lv)),
                        "story": story[1] if story and pos - story[0] <= profile["story_sentences"] else None,
                        "story_age": pos - story[0] if story else None}
            try:
                res = KINDS[rule.kind](lang, m, rule.params, ctx)
            except (ValueError, OverflowError):  # e.g. "vor 100.000 Jahren" leaves the calendar
                res = None
            if res is None or _in_name(text, s, e, rule, lang):
                continue
            if "start" in res:
                s = res.pop("start") + delta
            if "end" in res:
                e = res.pop("end") + delta
            if "time" in res:
                unanchored = rule.params.get("anchor") == "none" and not (last_day and last_day[0] == pos)
                anchor = "" if unanchored else "XXXX-XX-XX"
                if anchor and last_day is not None and pos - last_day[0] <= 1:
                    anchor = last_day[1]
                elif anchor and reference_date is not None:
                    anchor = reference_date.isoformat()
                res["value"] = anchor + res.pop("time")
            value = res["value"]
            if rule.kind == "weekday" and story is not None and ctx["story"] and _story_frame(ctx) is not None:
                story = (pos, story[1])  # a diary: each framed weekday keeps the period in force
            if rule.kind in ("date", "weekday", "relday") and re.match(r"\d{4}-\d\d-\d\d", value):
                last_day = (pos, value[:10])
            if rule.kind in ("date", "quarter", "relunit", "season") and re.match(r"\d{4}", value):
                last_value = (pos, value)
                if re.fullmatch(r"\d{4}-(?:Q[1-4]|H[12])", value):
                    last_period = (pos, value)
            if re.match(r"\d{4}", value):  # story time: an explicit year away from now
                explicit = rule.kind in ("date", "quarter", "season") and _g(m, "year") is not None
                precise = profile["story_precision"] == "year" or re.match(r"\d{4}-\d\d", value)
                since = lang.extra.get("story_not_after")
                if since and _cached_rx(since + "$").search(text, max(0, s - 40), s):
                    pass  # "seit 1990", "since 1990": a span up to now, not the story's time
                elif explicit and precise and (reference_date is None or value[:4] != str(reference_date.year)):
                    story = (pos, value[:10])
                elif explicit or rule.kind in ("relunit", "relday", "relword"):
                    story = None  # back to the document's time
            elif value == "PRESENT_REF":
                story = None  # "jetzt", "now", a generic "heute": the text is back in the present
            mod = res.get("mod")
            earliest, latest = res.get("earliest"), res.get("latest")
            if res["type"] in ("DATE", "TIME") and "earliest" not in res:
                earliest, latest = interval(value, mod)
            out.append(TimeExpr(
                start=s, end=e, text=text[s:e], type=res["type"], value=value, mod=mod,
                vague=bool(res.get("vague", False)), earliest=earliest, latest=latest,
                sentence=sents.indices[pos] if sentences else None,
            ))
        return out

