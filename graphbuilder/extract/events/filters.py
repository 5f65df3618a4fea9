"""Which trigger matches are no events: hypothetical, negated, demanded, generic, other senses, light verbs."""

from __future__ import annotations

from functools import lru_cache
import re

from graphbuilder.extract.events.common import ExtractionContext, EPISODIC, Mention
from graphbuilder.extract.events.lexicon import lexicon_data, lexicon_language
from graphbuilder.extract.events.participants import entities_in, preceded_by

def not_an_event(ctx: ExtractionContext, tname: str, is_verb: bool, start: int, end: int,
                  clause: tuple[int, int]) -> bool:
    """Mentions the guidelines exclude: hypothetical ("ob es ein Anschlag war", "whether"),
    negated nouns ("keine Wahlen", "no deal"), parts of names ("World War Two") and
    impersonal reporting ("is said to")."""
    lex, text = ctx.lex, ctx.text
    left = text[max(clause[0], start - 30):start]
    if tname != "STATEMENT" and (lex.hypothetical_re.match(text, clause[0], start)
                                 or lex.question_re.search(left)):
        return True
    if not is_verb and (lex.negated_noun_re.search(left) or lex.demanded_re.search(left)):
        return True  # "keine Wahlen", "appealed for the release of X": no event (yet)
    if not is_verb and (lex.habitual_re.search(left) or (tname not in EPISODIC and lex.counted_re.search(left))):
        return True  # "the last six elections", "regular meetings": several or recurring events
    if not is_verb and tname != "STATEMENT" and _modifier(ctx, end):
        return True  # "election campaign", "war crimes", "talks deal": the noun modifies another
    if is_verb and tname != "STATEMENT" and lex.demanded_verb_re.search(text, max(clause[0], start - 80), start):
        return True  # "asked for the troops to be pulled out": only wanted
    if not is_verb and tname != "STATEMENT":
        # the object of an infinitive clause is only aimed at: ", eine Einigung zu erreichen"
        seg0 = text.rfind(",", clause[0], start)
        seg1 = text.find(",", end, clause[1])
        if seg0 >= 0 and lex.infinitive_re.search(text, end, clause[1] if seg1 < 0 else seg1) \
                and not aimed_at_dated(ctx, start, end, clause):
            return True
    w0 = max(clause[0], start - 80)
    for m in lex.other_sense_re.finditer(text, w0, min(clause[1], end + 15)):
        if m.start() <= start < m.end():
            return True
    if ctx.language == "en" and not is_verb and text[start].isupper() and re.search(r"[A-Z]\w*\s+$", left):
        return True  # "World War Two", "the Finance Bill": a name, not a mention
    if tname != "STATEMENT" and _conditional_sentence(ctx, start):
        return True  # "Sollten die Rebellen angreifen, werde es Sanktionen geben": only supposed
    if _negated_trigger(ctx.language).search(text, max(clause[0], start - 40), start):
        return True  # "ist nicht zurückgetreten", "would not be freed", "has not agreed": did not happen
    if tname != "STATEMENT" and _only_if(ctx, start, end, clause):
        return True  # "talks will begin only if …", "Es werde erst wieder verhandelt, wenn …": a condition
    return False


@lru_cache(maxsize=16)
def _extra_cues(language: str, name: str) -> tuple[str, ...]:
    """A cue list of the language's lexicon read by the filters alone."""
    return tuple(lexicon_data(language).get("cues", {}).get(name, ["(?!)"]))


@lru_cache(maxsize=8)
def _conditional_opening(language: str) -> re.Pattern[str]:
    """The ``conditional_opening`` cue of the language's lexicon: a verb-first conditional."""
    return re.compile(r"[\s\"'„“”‚‘’»«(–-]*(?:" + "|".join(_extra_cues(language, "conditional_opening")) + r")\s")


def _only_if(ctx: ExtractionContext, start: int, end: int, clause: tuple[int, int]) -> bool:
    """An event made to depend on a condition that follows it: "talks will begin only if the
    country co-operates", "Es werde erst wieder verhandelt, wenn die Rebellen …" (``only_if`` cues
    after the trigger; German: "erst"/"nur" before it and a "wenn" clause after it)."""
    text = ctx.text
    stop = re.compile(r"[.!?;:]")
    m = stop.search(text, end)
    sent_end = min(m.start() if m else len(text), end + 100)
    if _extra_cues_re(ctx.language, "only_if").search(text, end, sent_end):
        return True
    lead = _extra_cues_re(ctx.language, "only_if_lead")
    return bool(lead.search(text, max(clause[0], start - 40), start)) \
        and bool(_extra_cues_re(ctx.language, "only_if_tail").match(text, end, sent_end))


@lru_cache(maxsize=32)
def _extra_cues_re(language: str, name: str) -> re.Pattern[str]:
    flags = re.IGNORECASE if language == "en" else 0
    return re.compile("|".join(_extra_cues(language, name)), flags)


@lru_cache(maxsize=8)
def _negated_trigger(language: str) -> re.Pattern[str]:
    """A negation right before the trigger (at most one word between, not "nur"/"only"):
    ``negated_trigger`` and ``negation_gap_excluded`` of the lexicon."""
    neg = "|".join(_extra_cues(language, "negated_trigger"))
    skip = "|".join(_extra_cues(language, "negation_gap_excluded"))
    flags = re.IGNORECASE if language == "en" else 0
    return re.compile(rf"(?:{neg})(?:\s+(?!(?:{skip})\b)[\w-]+)?\s+$", flags)


def _conditional_sentence(ctx: ExtractionContext, start: int) -> bool:
    """A sentence opened by a verb-first conditional ("Sollten die Separatisten weitere Gebiete
    erobern, …", "Should talks fail, …") supposes all its events, in both its clauses."""
    text = ctx.text
    lo = max(0, start - 300)
    ends = [m.end() for m in re.finditer(r"[.!?:][\"'“”»«’)]*\s|\n", text[lo:start])]
    s0 = lo + ends[-1] if ends else (0 if lo == 0 else -1)
    return s0 >= 0 and bool(_conditional_opening(ctx.language).match(text, s0, start))


@lru_cache(maxsize=8)
def _retype_rules(language: str) -> list[tuple[str, str, re.Pattern[str] | None, re.Pattern[str] | None, re.Pattern[str] | None]]:
    """The ``[[retype]]`` rules of the language's lexicon, compiled."""
    lang = lexicon_language(language)
    rules = lexicon_data(lang).get("retype", [])
    flags = re.IGNORECASE if lang == "en" else 0
    comp = lambda r, k: re.compile(r[k], flags) if k in r else None  # noqa: E731
    return [(r["from"], r["to"], comp(r, "trigger"), comp(r, "after"), comp(r, "clause")) for r in rules]


def retype_trigger(ctx: ExtractionContext, tname: str, is_verb: bool, start: int, end: int, clause: tuple[int, int]) -> str:
    """The type a trigger takes in its context: "MPs voted against the bill" (a vote of a parliament)
    is LEGISLATION, "die Wahl der neuen Landesregierung" (a parliament electing a government)
    APPOINTMENT. A rule applies when its trigger pattern matches and its ``after`` pattern matches
    right after the trigger or its ``clause`` pattern occurs in the trigger's clause. A speech
    verb pledging money is an OTHER event (:func:`_money_pledge`)."""
    tname = _money_pledge(ctx, tname, is_verb, start, end, clause)
    for src, dst, trig, after, within in _retype_rules(ctx.language):
        if src != tname or (trig is not None and not trig.fullmatch(ctx.text, start, end)):
            continue
        if after is not None and after.match(ctx.text, end, clause[1]) \
                or within is not None and within.search(ctx.text, clause[0], clause[1]):
            return dst
    return tname


def _modifier(ctx: ExtractionContext, end: int) -> bool:
    """A noun trigger that modifies the noun after it: a head of ``modifier_heads`` or another
    trigger noun ("talks deal")."""
    lex = ctx.lex
    if lex.modifier_re.match(ctx.text, end):
        return True
    if ctx.language != "en":
        return False
    m = re.match(r"[ \t]+", ctx.text[end:end + 3])
    if not m:
        return False
    nxt = lex.trigger_re.match(ctx.text, end + m.end())
    return bool(nxt and nxt.lastgroup and nxt.lastgroup.endswith("_nouns"))


_VERBAL_ATTACK = re.compile(r"attack(?:s|ed|ing)|attackiert\w*", re.IGNORECASE)
_ATTACK_MEANS = re.compile(r"\s+(?:with|by|mit|von)\b")  # "X attacked with slurry": physically
# what only words attack ("attacked Tory plans", "attacked X, saying …", "attacked X for failing")
_VERBAL_OBJECT = re.compile(
    r"(?!\s+(?:on|over|in|at|from|after|auf|in)\b)\s+(?:(?:the|his|her|their|its|[\w-]+['’]s)\s+)?(?:[\w'’-]+\s+){0,2}?(?:plans?|polic(?:y|ies)|proposals?|"
    r"decision|record|remarks?|comments?|claims?|stance|handling|pledges?|posters?|manifesto|"
    r"Pläne|Plan|Politik|Vorschlag|Vorschläge|Entscheidung|Äußerungen?|Aussagen?)\b"
    r"|[^.;:!?]{0,80}?(?:,\s+(?:saying|accusing|calling|claiming)\b|\s+for\s+(?:failing|being|having|refusing|not)\b)")


# an auxiliary or adverb between the person and the verb: "X has attacked", "X also attacked"
_VERBAL_GAP = re.compile(r"\s*(?:(?:has|have|had|hat|hatte|also|again|auch|erneut|scharf)\s+){0,2}")


def verbal_attack(ctx: ExtractionContext, start: int, end: int) -> bool:
    """An attack verb right after a named person (or "he"/"sie") attacks in words: a statement
    ("Fox attacks Blair", "Mbeki has attacked British imperialists")."""
    if not _VERBAL_ATTACK.fullmatch(ctx.text, start, end) or _ATTACK_MEANS.match(ctx.text, end):
        return False
    if _VERBAL_OBJECT.match(ctx.text, end):
        return True
    left = ctx.text[max(0, start - 30):start]
    gap = re.search(r"(\w+)((?:\s+(?:has|have|had|hat|hatte|also|again|auch|erneut|scharf)){0,2})\s+$", left)
    if gap and gap.group(1) in ctx.lex.speech_pronouns:
        return True
    return any(e.label == "PER" and _VERBAL_GAP.fullmatch(ctx.text, e.end, start)
               for e in entities_in(ctx, max(0, start - 80), start))


_AUXILIARY_DE = re.compile(r"\b(?:hat|hatte|hatten|haben|habe|wurde|wurden|worden|ist|sind|war|waren|wird|werden|soll|sollen|will|wollen)\b")


def drop_light_verbs(found: list[Mention], text: str, language: str, preps: frozenset[str]) -> list[Mention]:
    """A decision verb whose object is another event noun only reports that event: "hatte einen
    Haftbefehl beschlossen", "approved the deal". The German object sits between the auxiliary
    and the participle; the English one follows the verb."""
    def governed(v: Mention, n: Mention) -> bool:
        if n.is_verb or n.clause != v.clause or n.type in ("LEGISLATION", "STATEMENT"):
            return False
        if preceded_by(text, n.trigger.start, preps):
            return False  # "nach dem Treffen", "at its meeting": a circumstance, not the object
        if language == "de":
            return n.trigger.end <= v.trigger.start and bool(_AUXILIARY_DE.search(text, v.clause[0], n.trigger.start))
        gap = text[v.trigger.end:n.trigger.start]
        return 0 <= len(gap) <= 40 and not any(w.lower() in preps for w in re.findall(r"\w+", gap))
    return [m for m in found if not (m.is_verb and m.type == "LEGISLATION" and any(governed(m, n) for n in found))]


_OBJECT_TYPES = ("LEGISLATION", "SANCTION")


def drop_verb_objects(found: list[Mention]) -> list[Mention]:
    """A law or sanctions noun in the clause of a verb of its type is that act's object, one event
    with it: "MPs voted against the legislation", "Das Gesetz wurde beschlossen", "to lift the
    arms embargo"; the verb is the trigger."""
    verbs = {(m.type, m.clause) for m in found if m.is_verb and m.type in _OBJECT_TYPES}
    return [m for m in found if m.is_verb or (m.type, m.clause) not in verbs]


def aimed_at_dated(ctx: ExtractionContext, start: int, end: int, clause: tuple[int, int]) -> bool:
    """The object of a closing infinitive that carries a calendar date: a scheduled event that
    is aimed at ("…, die Wahl am 8. November zu gewinnen")."""
    text = ctx.text
    if text.rfind(",", clause[0], start) < 0:
        return False
    seg1 = text.find(",", end, clause[1])
    inf = ctx.lex.infinitive_re.search(text, end, clause[1] if seg1 < 0 else seg1)
    return bool(inf) and any(end <= t.start and t.end <= inf.start() and any(c.isdigit() for c in t.value or "")
                             for t in ctx.times)


def drop_overlaps(found: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    for m in sorted(found, key=lambda x: (x.trigger.start, -(x.trigger.end - x.trigger.start))):
        if out and m.trigger.start < out[-1].trigger.end:
            continue
        out.append(m)
    return out


def _money_pledge(ctx: ExtractionContext, tname: str, is_verb: bool, start: int, end: int, clause: tuple[int, int]) -> str:
    """A speech verb that pledges money ("has pledged
    £1bn", "offered $5m", "pledged to pay", "hat 50 Millionen Euro angeboten") is an OTHER event."""
    lex, text = ctx.lex, ctx.text
    if tname == "STATEMENT" and is_verb and lex.money_verb_re is not None and lex.money_verb_re.fullmatch(text, start, end):
        if lex.money_after_re.match(text, end, clause[1]) or lex.money_before_re.search(text, max(clause[0], start - 60), start):
            return "OTHER"
    return tname
