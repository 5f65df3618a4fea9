"""When an event mention happens and whether it did: its clause's date and its status cues."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from graphbuilder.schema import REALIS, times_overlap
from graphbuilder.models import TimeExpr
from graphbuilder.extract.events.common import CONTACT_TYPES, ExtractionContext, Mention
from graphbuilder.extract.events.participants import preceded_by
from graphbuilder.extract.events.filters import aimed_at_dated

if TYPE_CHECKING:
    from graphbuilder.extract.temporal import Language

RELATIVE_AFTER = re.compile(r",\s+(?:which|that|der|die|das|welche[rs]?)\s")
# "seit 2003", "since 1997": the start of a state, not the date of the event
_PREV_GAP = re.compile(r"\s+(?:[\w-]+\s+)?")
_CLAUSE_END = re.compile(r"[,.;:!?]")
_SINCE = re.compile(r"(?<!\w)(?:seit|seitdem|since|ever since)\s+$", re.IGNORECASE)
_AUX_BEFORE = re.compile(r"\b(?:to|be|been|being|were|would|could|should|might|may|must|will|shall|can)\s+(?:\w+\s+)?$", re.IGNORECASE)
# an infinitive ("bekanntgeben", "sagen"), not a participle ("betont", "bekanntgegeben")
_INFINITIVE_DE = re.compile(r"(?!\w*ge\w{4,}$)\w+(?:en|ern|eln)")
_PARTICIPLE_DE = re.compile(r"\b(?!gegen\b)ge[a-zäöüß]{3,}(?:t|en)\b")
_FINAL_VERB_FORM = re.compile(r"\b[a-zäöüß]\w*(?:t|en)\W*$")
_DAY_VALUE = re.compile(r"(?:\d{4}|XXXX)-(?:\d\d-\d\d|WXX-\d)$")
_YEAR_RANGE_BEFORE = re.compile(r"\b\d{4}\s*[-–]\s*$")
_YEAR_RANGE_AFTER = re.compile(r"\s*[-–]\s*\d{4}\b")
_ADJACENT = re.compile(r"\s*(?:[\w-]+\s+){0,2}")
_VERB_FINAL = re.compile(r"(?:\s+(?:werden|worden|haben|sein))?\s*(?:[,.;:!?\"“”»«]|$)")
_FUTURE_AUX_DE = re.compile(r"\b(?:wird|werden|will|wollen|soll|sollen|möchte|möchten)\b")


def _dated_other(ctx: ExtractionContext, t: TimeExpr, pos: int) -> bool:
    """Another event noun between the trigger and the date, with the date right after it, takes
    the date: "trial over the rail crash in 2000" (not a setting: "auf dem Parteitag im Juli")."""
    for o0, o1 in ctx.triggers:
        if pos < o0 and o1 <= t.start and _ADJACENT.fullmatch(ctx.text, o1, t.start) \
                and not ctx.lex.circumstance_re.search(ctx.text, max(0, o0 - 40), o0):
            return True
    return False


def _attached(ctx: ExtractionContext, t: TimeExpr, a: int, b: int) -> bool:
    """The time sits right by the trigger span [a, b): at most two words between them ("met on
    Tuesday", "am Montag traf", "Treffen am 2. Mai", "proposed a freeze last week")."""
    if t.start >= b:
        return bool(_ADJACENT.fullmatch(ctx.text, b, t.start))
    e = t.end + 2 if _POSSESSIVE.match(ctx.text, t.end) else t.end  # "Tuesday's rally"
    return e <= a and bool(_ADJACENT.fullmatch(ctx.text, e, a))


# a preposition placing an event before or after another: its noun's date is not the other's
_SEQUENCE_PREP = re.compile(
    r"\b(?:nach|vor|seit|after|before|following|since|ahead\s+of|prior\s+to)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)


# a phrase or clause placing something before/after the event: "nach der Wahl", "after being
# told", "before he left for Africa on Tuesday"; a time inside it is not the main event's
_SEQUENCE_OPEN = re.compile(
    r"\b(?:(?:nach|vor)\s+(?:de[mnr]|einem|einer|eines)|bevor|nachdem|after|before|following|ahead\s+of|prior\s+to)\s+",
    re.IGNORECASE)
_FINITE_AUX = re.compile(
    r"\b(?:hat|haben|hatte|hatten|ist|sind|war|waren|wurde|wurden|wird|werden|has|have|had|is|are|was|were|will|would|did|does)\b")
# "das Urteil vom 28. Februar": a date after "vom" belongs to the noun before it
_DATED_NOUN_DE = re.compile(r"\bvom\s+$")


def _sequenced_away(ctx: ExtractionContext, t: TimeExpr, c0: int, pos: int, end: int) -> bool:
    """The time and the trigger lie on different sides of a sequencing phrase: "am Montag nach
    der Wahl" (Monday is not the election's), "quit last week after being told" (nor the
    telling's), "before he left for Africa on Tuesday the chancellor told" (nor the telling's)."""
    own = _SEQUENCE_OPEN.search(ctx.text, max(c0, pos - 30), pos)
    if own and re.fullmatch(r"(?:[\w-]+\s+){0,2}", ctx.text[own.end():pos]):
        # the trigger is the object of the phrase: only its own attached post-modifier dates it
        return not (t.start >= end and _attached(ctx, t, pos, end))
    if pos >= t.end:
        # a time inside a fronted phrase or clause (not its bound: "before Tuesday")
        # (the phrase ends at the main clause's finite verb: "Zwei Tage nach der Reise hat sie am
        # Mittwoch … gesprochen")
        return any(m.end() < t.start and "," not in ctx.text[m.start():t.start]
                   and not _FINITE_AUX.search(ctx.text, m.end(), t.start)
                   for m in _SEQUENCE_OPEN.finditer(ctx.text, c0, t.start))
    return False


def _owned_by_other(ctx: ExtractionContext, t: TimeExpr, pos: int, end: int) -> bool:
    """The time is attached to another event of the sentence and not to this one: "nach dem
    Treffen am 2. Mai erklärte X" (the meeting's date), "Germany proposed a freeze last week and
    Canada has begun its moratorium" (the proposal's). A setting ("auf dem Parteitag im Juli")
    dates the clause's other events too."""
    for o0, o1 in ctx.triggers:
        if o1 <= t.start and pos >= t.end and _ADJACENT.fullmatch(ctx.text, o1, t.start) \
                and _SEQUENCE_PREP.search(ctx.text, max(0, o0 - 30), o0):
            return True  # "nach dem Treffen am 2. Mai erklärte": after the meeting, not on its day
    if _attached(ctx, t, pos, end):
        return False
    for o0, o1 in ctx.verb_triggers:
        if t.end <= o0 and o1 <= pos and (pos, end) not in ctx.verb_triggers \
                and re.fullmatch(r"\s+(?:[\w'’-]+\s+){0,5}", ctx.text[o1:pos]):
            continue  # the verb's object: "on Monday adopted a new package of sanctions"
        if end <= o0 and o1 <= t.start or t.end <= o0 and o1 <= pos:
            return True  # another event's verb stands between: "voted to strike … on 5 November"
    for o0, o1 in ctx.triggers:
        if (o0, o1) != (pos, end) and not o0 <= pos < o1 and _attached(ctx, t, o0, o1) \
                and not ctx.lex.circumstance_re.search(ctx.text, max(0, o0 - 40), o0):
            return True
    return False


# a deictic time word capitalised inside a sentence is a name ("BBC Radio 4's Today programme",
# "ITV's This Morning", "Independent on Sunday" is a name by its entity span)
_DEICTIC_EN = re.compile(r"(?:today|tonight|yesterday|tomorrow|this|next|last)\b", re.IGNORECASE)
_SENTENCE_OPEN = re.compile(r"(?:^|[.!?:;\"“”‘’'(\[\n]\s*|\n)$")
# "its 2004 target", "the 2012 budget": a bare year before a noun qualifies that noun
_YEAR_MODIFIER_EN = re.compile(r"\b(?:the|a|an|its|his|her|their|our|my|your|this|that|whose)\s+$", re.IGNORECASE)


_POSSESSIVE = re.compile(r"['’]s\b")
_SUBJECT_TIME_EN = re.compile(r"\s+(?:will|would|should|could|must|may|might|can|is|was|has|had)\b")


def _named_year(ctx: ExtractionContext, t: TimeExpr, pos: int, end: int) -> bool:
    """A bare year right after a capitalised word inside the sentence belongs to that word: a
    name ("the Hunting Act 2004", "Agenda 2010") or another noun ("die Wahl 2013", unless that
    noun is the trigger)."""
    if not (t.text.isdigit() and len(t.text) == 4):
        return False
    m = re.search(r"([\w-]+)\s+$", ctx.text[max(0, t.start - 40):t.start])
    if not m or not m.group(1)[:1].isupper():
        return False
    w0 = t.start - len(m.group(0))
    if pos <= w0 < end or _SENTENCE_OPEN.search(ctx.text, max(0, w0 - 3), w0):
        return False
    return True


def _name_like(ctx: ExtractionContext, t: TimeExpr) -> bool:
    """The time expression is (part of) a name or a modifier, not a date of an event."""
    for e in ctx.entities:
        if e.start <= t.start and t.end <= e.end and not e.derived:
            return True  # inside a name: "Independent on Sunday", "Radio Today" (a name inside a
            # time, such as a month misread as a name, does not make the time a name)
    if re.match(r"-[^\W\d]", ctx.text[t.end:t.end + 2]) or ctx.text[t.start - 1:t.start] == "-":
        return True  # part of a hyphenated compound: "der Heute-Show", "Euro-2016-Qualifikation"
    if ctx.language == "en":
        if t.text[:1].isupper() and _DEICTIC_EN.match(t.text) \
                and not _SENTENCE_OPEN.search(ctx.text, max(0, t.start - 3), t.start):
            return True
        if _SUBJECT_TIME_EN.match(ctx.text, t.end) \
                and not re.search(r"\b(?:on|in|at|by|from|until|since|during|for|of)\s+$", ctx.text[max(0, t.start - 8):t.start], re.IGNORECASE):
            return True  # the subject of a clause: "said 2005 should be the year", "Next year will be"
        if t.text.isdigit() and len(t.text) == 4 \
                and _YEAR_MODIFIER_EN.search(ctx.text, max(0, t.start - 8), t.start) \
                and re.match(r"\s+[a-z]", ctx.text[t.end:t.end + 3]):
            return True
    return False


def _rejections(ctx: ExtractionContext, t: TimeExpr, c0: int, pos: int, end: int) -> Iterator[str]:
    """The names of the rules that keep the time ``t`` from dating the trigger at ``[pos, end)``
    of the clause starting at ``c0``, one at a time (lazily: a caller that needs only whether
    any rule objects stops at the first)."""
    text = ctx.text
    if _SINCE.search(text, max(0, t.start - 12), t.start):
        yield "since"  # "seit 2003": the start of a state
    if _YEAR_RANGE_BEFORE.search(text, max(0, t.start - 8), t.start) or _YEAR_RANGE_AFTER.match(text, t.end):
        yield "year_range"  # "(2004-2010)": a term of office
    if _dated_other(ctx, t, pos):
        yield "dated_other"
    if _owned_by_other(ctx, t, pos, end):
        yield "owned_by_other"
    if _sequenced_away(ctx, t, c0, pos, end):
        yield "sequenced_away"
    if _DATED_NOUN_DE.search(text, max(0, t.start - 5), t.start) and not (t.start >= end and _attached(ctx, t, pos, end)):
        yield "dated_noun"
    if _named_year(ctx, t, pos, end):
        yield "named_year"
    # "said of Tuesday's event", "ahead of next week's vote": a possessive dates its noun
    if _POSSESSIVE.match(text, t.end) and not (pos >= t.end and _attached(ctx, t, pos, end)):
        yield "possessive"
    # "the 2004 election": a year right before the trigger dates it ("its 2004 target" another noun)
    if _name_like(ctx, t) and not (t.text.isdigit() and pos > t.end and not text[t.end:pos].strip()):
        yield "name_like"


def rule_filters(ctx: ExtractionContext, t: TimeExpr, c0: int, pos: int, end: int) -> list[str]:
    """The names of all the rules that keep the time ``t`` from dating the trigger at ``[pos, end)``
    of the clause starting at ``c0`` (empty: the rules accept it)."""
    return list(_rejections(ctx, t, c0, pos, end))


def clause_time(ctx: ExtractionContext, c0: int, c1: int, pos: int, end: int | None = None) -> TimeExpr | None:
    """The time expression of the clause [c0, c1) that governs the trigger at ``pos`` (ending
    at ``end``): one attached to the trigger first, else the nearest one; never a time attached to
    another event of the sentence, inside a name, or the start of a state ("seit 2003")."""
    end = pos if end is None else end
    # weekday-relative values without an anchor ("XXXX-WXX-3") do not date an event; a
    # year-less month or day ("XXXX-11", "XXXX-12-02") does
    # a DURATION with an interval is "vor drei Jahren" / "three years ago": it dates the event
    cands = [t for t in ctx.times if t.start >= c0 and t.end <= c1
             and (t.type in ("DATE", "TIME") or t.type == "DURATION" and t.earliest is not None)
             and not ("X" in t.value and ("W" in t.value or t.value.startswith("XXXX-XX")))
             and next(_rejections(ctx, t, c0, pos, end), None) is None]
    if not cands:
        return None
    return min(cands, key=lambda t: (not _attached(ctx, t, pos, end), abs(t.start - pos)))


def speech_end(ctx: ExtractionContext, start: int, c1: int) -> int:
    """Where the dating of a speech verb ends: at a comma or where the reported content turns
    modal or future ("suggested the referendum could take place in spring 2006")."""
    end = ctx.text.find(",", start, c1)
    end = c1 if end < 0 else end
    seg = ctx.text[start:end]
    hedges = [m.start() for name in ("planned", "possible", "expected")
              for m in [ctx.lex.cue_res[name].search(seg)] if m]
    return start + min(hedges) if hedges else end


def _previous(ctx: ExtractionContext, pos: int) -> bool:
    """A past-placing adjective right before a noun ("letzten Gipfel", "last Labour conference")."""
    left = ctx.text[max(0, pos - 30):pos]
    return any(_PREV_GAP.fullmatch(left, m.end()) for m in ctx.lex.cue_res["previous"].finditer(left))


def _negated_cue(ctx: ExtractionContext, text: str, start: int) -> bool:
    """Whether a negation stands among the three words before a cue at ``start`` of ``text``
    ("wollte die Pläne nicht dementieren", "did not deny": no denial)."""
    words = text[max(0, start - 40):start].split()[-3:]
    return bool(ctx.lex.cue_res["negation"].search(" ".join(words)))


def _cue(ctx: ExtractionContext, men: Mention, name: str, text: str, base: int) -> bool:
    """Whether a ``name`` cue in ``text`` (starting at ``base``) qualifies the trigger. A cue
    inside a noun phrase ("gegen mögliche Wahlen", "nach Beginn einer Offensive", "the next
    day") qualifies only the nouns right after it, not the clause's other events. A negated
    denial is none ("did not deny the talks": they are not denied)."""
    for m in ctx.lex.cue_res[name].finditer(text):
        if name == "denied" and _negated_cue(ctx, text, m.start()):
            continue
        if not ctx.lex.np_start_re.search(text, max(0, m.start() - 12), m.start()):
            return True
        a = base + m.end()
        comma = ctx.text.find(",", a, a + 40)
        window = ctx.text[a:comma if comma >= 0 else a + 40].split()[:3]
        if ctx.language == "de":  # the phrase ends at its (capitalised) noun
            nouns = [i for i, w in enumerate(window) if w[:1].isupper()]
            if not nouns and not m.group()[:1].isupper():
                return True  # no noun follows: a verb after "zu" ("gewählt zu werden")
            window = window[:nouns[0] + 1] if nouns else window
        head_end = a + len(" ".join(window)) + 1
        if base + m.start() <= men.trigger.start <= head_end:
            return True
    return False


def clause_status(ctx: ExtractionContext, men: Mention, clause_text: str) -> str | None:
    cues = ctx.lex.cue_res
    if men.type == "STATEMENT":
        # Cues in a statement's clause qualify what is said ("he said he will resign"), not the
        # saying: a statement is planned only when a future auxiliary governs its own verb.
        left = ctx.text[max(men.clause[0], men.trigger.start - 25):men.trigger.start]
        if ctx.lex.statement_future_re.search(left):
            return "planned"
        if ctx.language == "de" and _VERB_FINAL.match(ctx.text, men.trigger.end) \
                and _INFINITIVE_DE.fullmatch(men.trigger.text.replace(" ", "")):
            # verb-final German: "Am Dienstag wird sie bekanntgeben, ob …" (no comma between the
            # auxiliary and the verb, else "Wir werden kämpfen, sagte sie" would count)
            seg = ctx.text[men.clause[0]:men.trigger.start]
            if _FUTURE_AUX_DE.search(seg[seg.rfind(",") + 1:]):
                return "planned"
        return "occurred"
    c0, c1 = men.clause
    for sp in ctx.speech:
        if c0 < sp < men.trigger.start and ctx.text[max(c0, sp - 3):sp].rstrip().endswith(","):
            c0 = sp  # "Er werde …, erklärte X bei der Pressekonferenz": the reporting clause's own cues
        elif c0 <= sp < men.trigger.start and "," not in ctx.text[sp:men.trigger.start]:
            comma = ctx.text.find(",", men.trigger.end, c1)
            c1 = c1 if comma < 0 else comma  # "meinte X bei einer Pressekonferenz, er werde …"
    clause_text = ctx.text[c0:c1]
    if cues["reported_past"].search(clause_text):
        return "occurred"  # "sollen … getötet haben": reportedly happened
    if men.type in CONTACT_TYPES and cues["scheduled"].search(clause_text) \
            and not cues["cancelled"].search(clause_text):
        return "planned"  # "X wird am Sonntag zu einem Besuch erwartet": a scheduled arrival
    modal_text, mbase = clause_text, c0
    if men.is_verb and ctx.lex.past_form_re.fullmatch(men.trigger.text.split()[0]) \
            and not _AUX_BEFORE.search(ctx.text, max(c0, men.trigger.start - 12), men.trigger.start):
        # a past-tense verb ("agreed", "met") is modalised from its left only: in "Both sides
        # agreed … and said they planned to reopen …" the plan is another event's
        modal_text = ctx.text[c0:men.trigger.end]
    plan_text, pbase = modal_text, mbase
    pp = None if men.is_verb else ctx.lex.temporal_pp_re.search(ctx.text, max(c0, men.trigger.start - 40), men.trigger.start)
    if pp:
        # a noun in a temporal phrase ("nach dem Start direkter Friedensgespräche", "vor der Wahl")
        # takes no hedges from the clause it dates: "… hat die Delegation ihre Teilnahme ausgesetzt"
        # (a future clause still makes it planned: "after the election the bill would return")
        modal_text, mbase = ctx.text[pp.start():men.trigger.end], pp.start()
    # a dated event noun is scheduled; a hedge before it governs another verb: "could take part
    # in a strike earmarked for 23 March", "is expected to win the election on 9 January"
    dated = not men.is_verb and men.time is not None and any(c.isdigit() for c in men.time.value)
    for name in ("cancelled", "denied", "possible", "expected"):
        if _cue(ctx, men, name, modal_text, mbase):
            if dated and name in ("possible", "expected") and not _cue(
                    ctx, men, name, ctx.text[men.trigger.start:men.clause[1]], men.trigger.start):
                return "planned"
            return name
    future = men.time is not None and is_future(men.time, ctx.reference_date)
    past = men.time is not None and _is_past(men.time, ctx.reference_date)
    if not men.is_verb and not future and _previous(ctx, men.trigger.start):
        return "occurred"  # "vom letzten Gipfel", "the previous election": over, whatever the clause plans
    if future or _cue(ctx, men, "planned", plan_text, pbase):
        return "planned"
    if not men.is_verb and aimed_at_dated(ctx, men.trigger.start, men.trigger.end, men.clause):
        return "planned"  # "…, die Wahl am 8. November zu gewinnen"
    if men.sentence > 0 and ctx.lex.present_re is not None and not cues["past"].search(clause_text) \
            and (ctx.lex.present_re.fullmatch(men.trigger.text.split()[0]) if men.is_verb
                 # a copula, not the auxiliary of a clause-final participle ("sind … abgesackt")
                 else ctx.lex.present_copula_re.search(clause_text)
                 and not _FINAL_VERB_FORM.search(clause_text) and not _PARTICIPLE_DE.search(clause_text)) \
            and any(c0 <= t.start and t.end <= men.clause[1] and _DAY_VALUE.match(t.value)
                    and not _SINCE.search(ctx.text, max(0, t.start - 12), t.start) for t in ctx.times):
        return "planned"  # German present tense with a day: "Am 27. September wählt Oberösterreich"
    after = men.after_others or bool(pp and ctx.lex.future_pp_re.fullmatch(pp.group()))
    if after and not past and not cues["pluperfect"].search(clause_text) \
            and not ctx.lex.past_form_re.match(ctx.text[men.trigger.end:men.trigger.end + 15].strip()) \
            and not ctx.lex.causal_before_re.search(clause_text):
        return "planned"  # "vor der Wahl", "ahead of an EU summit": still to come (unless "had … before")
    if men.before_others and not men.is_verb:
        return "occurred"  # "seit/nach der Wahl …": over before the clause's news
    if _cue(ctx, men, "ongoing", clause_text if pp is None else modal_text, mbase) and not past:
        return "ongoing"
    rel = None if men.is_verb else RELATIVE_AFTER.match(ctx.text, men.clause[1])
    if rel and not past:
        # "beim Treffen in Brüssel, das am Dienstag begann", "the talks, which are continuing":
        # the relative clause right after the noun says it is under way
        end = _CLAUSE_END.search(ctx.text, rel.end())
        rel_text = ctx.text[rel.end():end.start() if end else rel.end() + 80]
        if _cue(ctx, men, "ongoing", rel_text, rel.end()) and not cues["planned"].search(rel_text):
            return "ongoing"
    state = ctx.lex.present_state_re.search(ctx.text, max(c0, men.trigger.start - 40), men.trigger.start)
    if state and not past and ("being" in state.group() or not men.trigger.text.endswith("ed")):
        return "ongoing"  # "troops are on standby", "he is on a visit to", "are being questioned"
    if men.is_verb and not past and ctx.lex.progressive_re.fullmatch(men.trigger.text.split()[0]) \
            and not cues["past"].search(ctx.text, max(men.clause[0], men.trigger.start - 20), men.trigger.start) \
            and not preceded_by(ctx.text, men.trigger.start, ctx.lex.all_preps):
        return "ongoing"  # "Straw, touring Asia, …", "Straw arrives in Jakarta" (not "before visiting")
    if past or men.before_others or cues["past"].search(clause_text):
        return "occurred"
    return "occurred" if men.is_verb else None


def is_future(t: TimeExpr, ref: dt.date | None) -> bool:
    if t.value == "FUTURE_REF":
        return True
    return ref is not None and t.earliest is not None and t.earliest > ref


def _is_past(t: TimeExpr, ref: dt.date | None) -> bool:
    if t.value == "PAST_REF":
        return True
    return ref is not None and t.latest is not None and t.latest < ref


def status_class(status: str | None) -> str | None:
    if status is None:
        return None
    return "realis" if status in REALIS or status in ("denied", "cancelled") else "irrealis"


def times_compatible(a: TimeExpr | None, b: TimeExpr | None) -> bool:
    if a is None or b is None:
        return True
    if a.earliest and a.latest and b.earliest and b.latest:
        return times_overlap(a.earliest, a.latest, b.earliest, b.latest)
    return a.vague or b.vague or a.value == b.value


# -- reference time ------------------------------------------------------------------------
STORY_SENTENCES = 1  # how many sentences back the story's last explicit date may lie
NEAR_REPORT_DAYS = 7  # a time this close to the article's date brings the story back to it


def _near_report(t: TimeExpr, ref: dt.date | None) -> bool:
    """A time at the article's date ("gestern", "on Monday", "this year", "now")."""
    if t.value == "PRESENT_REF":
        return True
    if ref is None or t.earliest is None or t.latest is None:
        return False
    return t.earliest <= ref + dt.timedelta(days=NEAR_REPORT_DAYS) and \
        t.latest >= ref - dt.timedelta(days=NEAR_REPORT_DAYS)


def _story_anchor(t: TimeExpr, ref: dt.date | None) -> bool:
    """An explicit past date away from the article's date ("im März 1992", "in 2003", "three
    years ago"): it can be the story's reference time."""
    if t.vague or t.latest is None or not any(c.isdigit() for c in t.value):
        return False
    if not (t.type in ("DATE", "TIME") or t.type == "DURATION" and t.earliest is not None):
        return False
    # without the article's date nothing tells the story's time from the time of writing
    return ref is not None and t.latest < ref - dt.timedelta(days=NEAR_REPORT_DAYS)


_SENTENCE_EDGE = re.compile(r"[.!?;\n]")
# the end of a span ("von 2009 bis 2013", "from 2001 to 2004"): no point of the story
_RANGE_END = re.compile(r"(?:\b(?:bis|to|until|till|through)|[-–])\s*$", re.IGNORECASE)


def narrative_tense(ctx: ExtractionContext, c0: int, c1: int) -> bool:
    """A clause told in the simple past (lexicon cue ``story_past``, or the temporal grammar's
    past cues), with nothing tying it to the time of writing (``story_now``: present, present
    perfect, future, "bisher"/"so far") and no past perfect (``pluperfect``: before the story's
    time, not at it)."""
    from graphbuilder import packs
    from graphbuilder.extract.temporal import load_language

    clause = ctx.text[c0:c1]
    cues = ctx.lex.cue_res
    if cues["story_now"].search(clause) or cues["pluperfect"].search(clause):
        return False
    grammar = load_language(packs.rules_language(ctx.language))
    if grammar.future.search(clause):
        return False
    return bool(cues["story_past"].search(clause) or grammar.past.search(clause))


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    left = max((m.end() for m in _SENTENCE_EDGE.finditer(text, max(0, start - 300), start)), default=max(0, start - 300))
    right = _SENTENCE_EDGE.search(text, end)
    return left, right.start() if right else len(text)


def story_times(ctx: ExtractionContext, mentions: list[Mention]) -> None:
    """Reference time (Reichenbach's R) for verb mentions without a time of their own: in a
    narrative passage ("Im März 1992 marschierten Truppen ein. Sie besetzten die Stadt.") an
    event told in the simple past takes the story's last explicit date as ``Mention.story``.
    The story's date is the last time expression, if it is at least year-precise, a week or
    more before the article's date, not the start of a span ("seit 2003") and in a past-tense
    sentence, at most ``STORY_SENTENCES`` sentences back; any other time in between ends the
    story. Not for nouns (their time is their
    own modifiers'), statements (dated by their own verb's tense, :func:`tense_readings`), irrealis
    mentions, or clauses in the present, perfect, past perfect or future. Coreference uses it
    only when no mention of the event has a time of its own. Without a reference date there is
    no story time (nothing tells it from the time of writing)."""
    ref = ctx.reference_date
    story: tuple[TimeExpr, int] | None = None
    times = ctx.times
    ti = 0
    sentence_of = {m.trigger.start: m.sentence for m in mentions}
    for men in sorted(mentions, key=lambda m: m.trigger.start):
        while ti < len(times) and times[ti].start < men.trigger.start:
            t = times[ti]
            ti += 1
            if _story_anchor(t, ref) and re.match(r"\d{4}", t.value) \
                    and not _SINCE.search(ctx.text, max(0, t.start - 12), t.start) \
                    and not _RANGE_END.search(ctx.text, max(0, t.start - 12), t.start) \
                    and not _YEAR_RANGE_AFTER.match(ctx.text, t.end) \
                    and narrative_tense(ctx, *_sentence_around(ctx.text, t.start, t.end)):
                sent = t.sentence if t.sentence is not None else sentence_of.get(men.trigger.start, men.sentence)
                story = (t, sent)
            else:
                # the article's time, a span ("seit 2003"), a step ("ein Jahr später") or a
                # present-tense date: the story's date no longer holds
                story = None
        if men.time is not None or story is None or men.sentence - story[1] > STORY_SENTENCES:
            continue
        if not men.is_verb or men.type == "STATEMENT" or men.status not in (None, "occurred", "ongoing"):
            continue
        if narrative_tense(ctx, *men.clause):
            men.story = story[0]


def has_date_to_place(t: TimeExpr) -> bool:
    """Whether a time can date an event: a value with a number in it, or the vague future
    (FUTURE_REF). "jüngst", "derzeit", "im Frühjahr" of an unknown year have none: coreference
    drops them (:func:`graphbuilder.extract.events.coref._merge_cluster`), and a mention with
    only such a time is read by its tense (:func:`tense_readings`)."""
    return t.value == "FUTURE_REF" or any(c.isdigit() for c in t.value)


def verb_form(word: str, language: str, participle_lemmas: re.Pattern[str]) -> str | None:
    """What a verb form shows of its tense by itself, read against its lemma (simplemma):
    ``"preterite"`` (a simple past only: "sagte", "rief", "bestritt"), ``"participle"`` (a past
    form that may be a participle, its auxiliary decides: "said", "gesagt", "unterstrichen"),
    ``"either"`` (present or participle alike: "erklärt", "betont"; English "-ing"),
    ``"present"`` ("says", "sagt", "heißt", "gibt"), None when the lemma does not explain it as a
    verb. German: the weak preterite is stem + "te"/"ete"(n), the present stem + "t"/"et"/"e"/
    "st" or the infinitive form; a participle has "ge" before the stem + "t" or the infinitive
    ("gesagt", "aufgerufen"); other forms are strong: "-en" participle or preterite plural, "-t"
    a present with a changed vowel ("gibt", "hält") unless the stem ends in t/d and no umlaut
    came in ("bot", "bestritt"), "-te(n)" a mixed verb's preterite ("nannte"), another ending of
    an adjective ("angebotene") no tense, else preterite.
    ``participle_lemmas``: lemmas whose present third person is also their participle."""
    from graphbuilder.extract.linguistic import lemma

    w = word.lower()
    if not w.isalpha():
        return None
    lem = lemma(w, language).lower()
    if language != "de":
        if w.endswith("ing"):
            return "either"
        if w == lem and w.endswith("ed"):
            return "participle"  # a past form the lemmatiser does not know
        if w in (lem, lem + "s", lem + "es", lem[:-1] + "ies"):
            return "present"
        return "participle"
    if not lem.endswith("n") or len(lem) < 4:
        return None
    stem = lem[:-2] if lem.endswith("en") else lem[:-1]
    if w in (stem + "te", stem + "ten", stem + "ete", stem + "eten", stem + "test"):
        return "preterite"
    if any(w[i:i + 2] == "ge" and w[:i] + w[i + 2:] in (stem + "t", stem + "et", lem) for i in range(len(w) - 1)):
        return "participle"
    if w in (stem + "t", stem + "et"):
        return "either" if participle_lemmas.fullmatch(lem) else "present"
    if w in (lem, stem + "e", stem + "st", stem + "est"):
        return "present"
    if w.endswith("en"):
        return "participle"
    if w.endswith("t") and (not stem.endswith(("t", "d")) or any(c in w and c not in lem for c in "äöü")):
        return "present"  # a present with a changed vowel: "gibt", "spricht", "hält", "rät"
    if w.endswith(("te", "ten")):
        return "preterite"  # a mixed verb: "nannte", "brachte", "dachte"
    if w.endswith(("e", "es", "er", "em")):
        return None  # an inflected adjective ("angebotene"), not a strong preterite ("bot", "rief")
    return "preterite"


def statement_tense(ctx: ExtractionContext, men: Mention, statement: bool = True) -> bool:
    """A verb told in the past by its own form: its own verb (the first word of the trigger
    that :func:`verb_form` reads) in the simple past, or a participle with an auxiliary of the
    perfect, past perfect or past passive ("said", "sagte", "hat … erklärt", "habe … gesagt",
    "had told"); not the present ("says", "sagt", "erklärt", a headline's "warnt"), not a
    participle governed by a present or future auxiliary ("is expected", "wird … erklärt").
    The auxiliary is the nearest one left of an English verb (at most two words and no
    punctuation between), any
    one in the German verb's comma-free stretch of its clause (verb-second or verb-final).
    For other verbs than statements (``statement=False``) a German participle needs its past
    auxiliary (alone it may be a state: "die Stadt ist besetzt") and a progressive ("were
    fighting") is not read as done."""
    cues = ctx.lex.cue_res
    word = kind = None
    offset = men.trigger.start
    for m in re.finditer(r"[^\W\d_]+", men.trigger.text):
        kind = verb_form(m.group(), ctx.language, cues["participle_lemmas"])
        if kind is not None:
            word, offset = m.group(), men.trigger.start + m.start()
            break
    if word is None or kind == "present" or (kind == "either" and not statement and ctx.language != "de"):
        return False
    if kind == "preterite":
        return True
    c0, c1 = men.clause
    if ctx.language == "de":
        left = ctx.text[c0:offset]
        right = ctx.text[offset + len(word):c1]
        cut = max(left.rfind(","), left.rfind(";"))
        left = left[cut + 1:]
        cut = min((i for i in (right.find(","), right.find(";")) if i >= 0), default=len(right))
        stretch = left + " " + right[:cut]
        if cues["tense_past_aux"].search(stretch):
            return True
        return statement and kind == "participle" and not cues["tense_present_aux"].search(stretch)
    left = ctx.text[max(c0, offset - 40):offset]
    left = left[max(left.rfind(ch) for ch in ',;:"“”„«»()–') + 1:]  # the verb's own group: no punctuation between
    aux = list(cues["tense_aux"].finditer(left))
    if aux and len(left[aux[-1].end():].split()) <= 2:
        return aux[-1].group(1) is not None
    return kind == "participle"


READ_REPORTIVE = True  # the reportive present of statements: on or before the report date
READ_NOUNS = True  # event nouns by their clause's tense
READ_REPORTED_PAST = True  # "sollen … getötet haben": reportedly done, on or before the report date


def reportive_present(ctx: ExtractionContext, men: Mention) -> bool:
    """A statement verb in the present that reports words given before it was reported: the
    inquit after them ("…, sagt sie", "…, heißt es in dem Schreiben", "'…,' says Mr X", "so X")
    or a verb opening them ("X betont: …", "erklärt, dass …", "sagt, die Lage sei ruhig", "says
    that …"; cues ``inquit_before``, ``reported_clause``, ``reported_mood`` in
    ``data/events/<lang>.toml``). This is the reportive present of news: the quotation
    precedes its report, so the saying was on or before the report date, and the present does
    not say it was on that day. Not a habitual or durative present ("kritisiert seit Jahren",
    "often says": cue ``habitual_present``), a standing claim rather than one occasion."""
    cues = ctx.lex.cue_res
    c0, c1 = men.clause
    if cues["habitual_present"].search(ctx.text, c0, c1):
        return False
    start, end = men.trigger.start, men.trigger.end
    return bool(cues["inquit_before"].search(ctx.text, max(0, start - 4), start)
                or cues["reported_opening"].match(ctx.text, end, min(len(ctx.text), end + 80)))


def _preterite_in(ctx: ExtractionContext, a: int, b: int) -> bool:
    """A German finite verb in the simple past by its own form between ``a`` and ``b``
    ("landete", "saß", "gab"; :func:`verb_form`), not an adjective: lower-case words only."""
    if ctx.language != "de":
        return False  # English simple pasts are the lexicon's ``story_past`` cue
    lemmas = ctx.lex.cue_res["participle_lemmas"]
    return any(verb_form(m.group(), "de", lemmas) == "preterite"
               for m in re.finditer(r"(?<![\w-])[a-zäöüß]{3,}(?![\w-])", ctx.text[a:b]))


def noun_tense(ctx: ExtractionContext, men: Mention, grammar: Language, verbs_past: bool) -> bool:
    """An event noun takes the tense of the clause that governs it: "Ein Vertrag wurde
    unterschrieben", "Es gab Gewalt", "Bei einem Feuergefecht wurden drei getötet", "Nach dem
    Prozess saß er", "the talks were held" — a clause in the simple past, the perfect or the
    past perfect (cues ``story_past``, ``perfect``, ``pluperfect``, the temporal grammar's past
    cues, a German preterite by its form, or a verb of the clause read as past,
    ``verbs_past``) or a reported past ("sollen … getötet worden sein", "is said to have"; cue
    ``reported_past``) places the noun's event on or before the article's date. Not when the
    clause is future, modal or counterfactual ("wären aufgestiegen", "could resume"; cue
    ``counterfactual``) or a supposition ("ob", "falls"), nor when a verb of the clause does not
    assert its object ("hatte eine Klage angekündigt", "called for an inquiry", "feared an
    attack"; cue ``non_implicative``) or a zu-infinitive takes the noun ("versuchten, den
    Rücktritt zu erzwingen"; cue ``object_infinitive``); not a noun placed after the clause's
    event ("vor der Wahl"), in a series ("die nächste Wahl"), negated ("no complaint"), with a
    prospective adjective or governing noun ("die anstehende Reform", "an offered talk", "die
    Gefahr eines Anschlags"; cue ``prospective``), or the goal of its verb ("lud zur
    Versammlung ein", "called for talks"; cue ``goal_prepositions``, unless a verb of coming
    about governs it: "kam es zu Zusammenstößen", cue ``support_goal``)."""
    cues = ctx.lex.cue_res
    c0, c1 = men.clause
    start = men.trigger.start
    clause = ctx.text[c0:c1]
    if men.after_others or men.sequence:
        return False
    # "Bei dem Anschlag sollen … getötet worden sein": reportedly done before (its "sollen" is no future)
    reported = READ_REPORTED_PAST and cues["reported_past"].search(clause)
    if not reported and (grammar.future.search(clause) or cues["counterfactual"].search(clause)):
        return False
    if cues["non_implicative"].search(clause) or ctx.lex.hypothetical_re.match(clause) \
            or cues["object_infinitive"].search(ctx.text[men.trigger.end:c1]):
        return False
    left = ctx.text[max(c0, start - 40):start]
    np = re.search(r"(?:[\w-]+\s+){0,3}$", left)
    if np and (cues["prospective"].search(np.group()) or cues["negation"].search(np.group())):
        return False  # "die anstehende Reform", "no complaint had been made"
    if cues["goal_before"].search(left) and not cues["support_goal"].search(ctx.text, c0, start):
        return False
    return bool(reported or verbs_past or cues["story_past"].search(clause) or cues["perfect"].search(clause)
                or cues["pluperfect"].search(clause) or grammar.past.search(clause)
                or _preterite_in(ctx, c0, c1))


def tense_readings(ctx: ExtractionContext, mentions: list[Mention]) -> None:
    """Tense-relative reading of occurred verb mentions (used when their event is left without a
    time of its own, :func:`graphbuilder.extract.events.coref._fallback_source`): told in the
    simple past, the perfect or the past perfect (lexicon cues ``story_past``/``perfect``/
    ``pluperfect`` or the temporal grammar's past cues in their clause, or the verb's own form,
    :func:`statement_tense`: "zogen", "übernahmen") and with no future cue in their clause,
    they happened on or before the article's date, as does a reported past in any clause
    ("sollen … getötet haben", cue ``reported_past``) (``Mention.past``; coreference dates the
    event "before report date" instead of on it). A statement is read by its own verb's tense
    (:func:`statement_tense`: "said", "sagte", "hat … erklärt"; the cues of its clause qualify
    what is said, not the saying), or in the reportive present (:func:`reportive_present`:
    "…, sagt X", "says that …"); another present ("kritisiert seit Jahren", "X says the plan
    …") keeps the report date. An event noun is read by the tense of its clause
    (:func:`noun_tense`). Not for ongoing or irrealis mentions; never without a reference
    date."""
    if ctx.reference_date is None:
        return
    from graphbuilder import packs
    from graphbuilder.extract.temporal import load_language

    grammar = load_language(packs.rules_language(ctx.language))
    cues = ctx.lex.cue_res
    nouns: list[Mention] = []
    for men in mentions:
        # a time with no date to place ("damals", "derzeit", "im Frühjahr") is dropped by
        # coreference, so such a mention's tense is read too (it counts only without a time)
        if men.time is not None and has_date_to_place(men.time):
            continue
        if men.status not in (None, "occurred"):
            continue
        if not men.is_verb:
            nouns.append(men)
            continue
        if men.type == "STATEMENT":
            men.past = statement_tense(ctx, men) or (READ_REPORTIVE and reportive_present(ctx, men))
            continue
        clause = ctx.text[men.clause[0]:men.clause[1]]
        if READ_REPORTED_PAST and cues["reported_past"].search(clause):
            men.past = True  # "sollen … ermordet haben", "is said to have": reportedly done before
            continue
        if grammar.future.search(clause):
            continue
        men.past = bool(narrative_tense(ctx, *men.clause) or cues["perfect"].search(clause)
                        or cues["pluperfect"].search(clause) or statement_tense(ctx, men, statement=False))
    if READ_NOUNS:
        # a statement's tense qualifies the saying, not what is said
        past_clauses = {m.clause for m in mentions if m.is_verb and m.past and m.type != "STATEMENT"}
        for men in nouns:
            men.past = noun_tense(ctx, men, grammar, men.clause in past_clauses)
