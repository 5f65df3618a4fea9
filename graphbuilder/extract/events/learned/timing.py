"""Event time, learned: which time expression of the trigger's sentence dates the event, if any.

The rule grammar (:func:`graphbuilder.extract.events.status.clause_time`) picks a time near the
trigger and filters out times that belong elsewhere (another event's, a name's, the start of a
state). This classifier revises that choice from the annotated corpus. Candidates: every
absolute time expression of the trigger's sentence (a DATE or TIME whose value does not depend on
the reference date: "3. Mai", "im Juli", "2004", "spring 2006"); the rule grammar's
:data:`HARD_FILTERS` (the start of a state, a term, a name, the other side of a sequencing
phrase, a possessive) exclude a candidate outright. Per (mention, candidate) pair a
maximum-entropy classifier gives P(the time governs the trigger) from structure, not phrasings:
the side and token distance, clause breaks, commas, conjunctions, quotes and other triggers
between them (nearest-trigger competition), the word before the time (its preposition or case
word) and after it, the time's type and granularity, the trigger's type,
part of speech, rule status and headline position, and which of the rules' filters the time
fails and whether the rules chose it (features, not overrides). Relative times ("am Montag",
"last year", "gestern") are left to the rules: the gold records only absolute dates, so nothing
can be learned about them; a relative time the rules chose stands unless an absolute candidate
is likely enough. The likeliest candidate dates the mention when its probability reaches
``least``; else the mention has no time of its own and the usual fallbacks apply (story time,
"before report date", report date; ``time_source`` marks them). Labels (training): a candidate
is positive when it overlaps the gold event's ``time_span``, negative when another expression is
the gold time or the gold time is null. A python-crfsuite model trained on one-item sequences
(a logistic regression): ``data/models/events-time.crfsuite``.
"""

from __future__ import annotations

import re
from typing import Any

from graphbuilder.models import TimeExpr
from graphbuilder.extract.events.common import ExtractionContext, Mention

_WORD = re.compile(r"[\w'’-]+")
_CONJ = frozenset({"und", "oder", "sowie", "aber", "doch", "sondern", "and", "or", "but", "while", "as"})
_QUOTES = "\"„“”«»"


def placeable(t: TimeExpr) -> bool:
    """A time that can date an event: a DATE or TIME, or a DURATION with an interval ("vor drei
    Jahren"), not a weekday or a day of an unknown month without an anchor."""
    if not (t.type in ("DATE", "TIME") or t.type == "DURATION" and t.earliest is not None):
        return False
    return not ("X" in t.value and ("W" in t.value or t.value.startswith("XXXX-XX")))


def is_relative(t: TimeExpr) -> bool:
    """A time whose value depends on the reference date (weekday, "next year", "now", "ago")."""
    v = t.value
    return t.type == "DURATION" or "W" in v or v.endswith("_REF") or v == "XXXX" or not any(c.isdigit() for c in v) \
        or not any(c.isdigit() for c in t.text) and not v.startswith("XXXX-")


def granularity(t: TimeExpr) -> str:
    v = t.value
    if t.type == "DURATION":
        return "dur"
    if "T" in v[4:]:
        return "time"
    if re.fullmatch(r"(?:\d{4}|XXXX)-\d\d-\d\d", v):
        return "day"
    if re.fullmatch(r"(?:\d{4}|XXXX)-\d\d", v):
        return "month"
    if re.fullmatch(r"\d{4}", v):
        return "year"
    if re.fullmatch(r"\d{3}", v) or re.fullmatch(r"\d\d", v):
        return "decade"
    if "W" in v:
        return "week"
    if re.search(r"-(?:SP|SU|FA|WI|Q\d|H\d)$", v):
        return "season"
    return "other"


def is_absolute(t: TimeExpr) -> bool:
    """Absolute: its value does not depend on the reference date (the gold records only these)."""
    return placeable(t) and not is_relative(t)


def candidates(ctx: ExtractionContext, s0: int, s1: int) -> list[TimeExpr]:
    """The absolute time expressions of the sentence ``[s0, s1)`` (the gold dates only these, so
    only these can be learned; a relative time the rules chose stands, see :func:`revise_time`)."""
    return [t for t in ctx.times if t.start >= s0 and t.end <= s1 and is_absolute(t)]


def _bucket(n: int) -> str:
    return str(n) if n < 3 else "3-5" if n <= 5 else "6-10" if n <= 10 else "11+"


def _in_quote(text: str, s0: int, pos: int) -> bool:
    return sum(text[s0:pos].count(q) for q in _QUOTES) % 2 == 1


def time_features(ctx: ExtractionContext, men: Mention, t: TimeExpr, s0: int, s1: int,
                  cands: list[TimeExpr]) -> list[str]:
    """Features of a (mention, time expression) pair of one sentence."""
    from graphbuilder.extract.events.status import rule_filters, speech_end

    text, lang = ctx.text, ctx.language
    a, b = men.trigger.start, men.trigger.end
    before = t.end <= a
    side = "b" if before else "a" if t.start >= b else "in"
    gap = text[t.end:a] if before else text[b:t.start] if side == "a" else ""
    words = _WORD.findall(gap)
    lw = [w.lower() for w in words]
    dist = _bucket(len(words))
    tf = "S" if men.type in ("STATEMENT", "PRESS_CONFERENCE") else men.type
    verb = "v" if men.is_verb else "n"
    gran = granularity(t)
    # (no relative/absolute feature: the gold dates only absolute times, so relative candidates
    # never become training examples and a learned weight for them would be no evidence)
    f = [f"side={side}", f"d={dist}", f"side={side}|d={dist}", f"side={side}|verb={verb}",
         f"side={side}|d={dist}|verb={verb}", f"type={t.type}", f"gran={gran}",
         f"tf={tf}", f"tf={tf}|side={side}", f"lang={lang}|side={side}|verb={verb}", f"verb={verb}"]
    c0, c1 = men.clause
    own = c0 <= t.start and t.end <= c1
    f.append(f"own_clause={own}")
    f.append(f"own_clause={own}|side={side}")
    nbreaks = len(ctx.lex.clause_re.findall(gap))
    ncomma = gap.count(",")
    f += [f"breaks={min(nbreaks, 2)}", f"commas={min(ncomma, 2)}", f"commas={min(ncomma, 2)}|side={side}"]
    if any(ch in gap for ch in ";:–"):
        f.append("semi_between")
    if any(q in gap for q in _QUOTES):
        f.append("quote_between")
    if "(" in gap or ")" in gap:
        f.append("paren_between")
    if set(lw) & _CONJ:
        f.append(f"conj_between|side={side}")
    lo, hi = (t.end, a) if before else (b, t.start)
    between = [(o0, o1) for o0, o1 in ctx.triggers if lo <= o0 and o1 <= hi]
    if between:
        f.append(f"trig_between|side={side}")
        if any(sp in ctx.verb_triggers for sp in between):
            f.append(f"verb_trig_between|side={side}|verb={verb}")
    # nearest-trigger competition: is this mention the trigger closest to the time?
    def gap_to(o0: int, o1: int) -> int:
        return max(o0 - t.end, t.start - o1, 0)
    mine = gap_to(a, b)
    closer = sum(gap_to(o0, o1) < mine for o0, o1 in ctx.triggers if (o0, o1) != (a, b))
    f.append(f"closer_trigs={min(closer, 2)}")
    f.append(f"closer_trigs={min(closer, 2)}|side={side}")
    closer_verbs = sum(gap_to(o0, o1) < mine for o0, o1 in ctx.verb_triggers if (o0, o1) != (a, b))
    f.append(f"closer_verbs={min(closer_verbs, 2)}|verb={verb}")
    # the candidate among the sentence's other times
    rank = sum(abs(o.start - a) < abs(t.start - a) for o in cands if o is not t)
    f += [f"rank={min(rank, 2)}", f"ncand={min(len(cands), 3)}"]
    # the words before the time (its preposition or case word) and after it
    left = [w.lower() for w in _WORD.findall(text[max(s0, t.start - 30):t.start])]
    p1 = left[-1] if left else "BOS"
    p2 = left[-2] if len(left) > 1 else "BOS"
    f += [f"p1={p1}", f"p1={p1}|side={side}", f"p2={p2}", f"prep={p1 in ctx.lex.all_preps}"]
    right = [w.lower() for w in _WORD.findall(text[t.end:min(s1, t.end + 30)])]
    n1 = right[0] if right else "EOS"
    f.append(f"n1={n1}")
    if text[t.end:t.end + 2] in ("'s", "’s"):
        f.append("possessive")
    if re.match(r"\s*[,.;:!?]", text[t.end:t.end + 3]):
        f.append("punct_after")
    # quotes, headline
    qt, qm = _in_quote(text, s0, t.start), _in_quote(text, s0, a)
    f.append(f"quote={qt}|{qm}")
    if men.sentence == 0:
        f.append("headline")
    # the rules' view: which filters the time fails, whether it is the rules' choice
    if men.type == "STATEMENT":
        # the rules date a speech act only by its verb: from the comma before it to the end of
        # its clause or where the reported content turns modal
        t0 = max(c0, text.rfind(",", c0, a) + 1)
        f.append(f"speech_window={t0 <= t.start and t.end <= speech_end(ctx, b, c1)}")
    fails = rule_filters(ctx, t, c0, a, b)
    for name in fails:
        f.append(f"fail={name}")
    f.append(f"rule_ok={not fails}")
    pick = men.time is t
    f += [f"rule_pick={pick}", f"rule_pick={pick}|verb={verb}", f"rule_pick={pick}|tf={tf}"]
    st = men.status or "none"
    f += [f"status={st}", f"status={st}|gran={gran}"]
    return f


# rules of grammar that keep a time from the trigger whatever the classifier says: the start of a
# state ("seit 2003"), a term ("2004-2010"), part of a name, the other side of a sequencing phrase
# ("am Montag nach der Wahl"), a possessive ("Tuesday's vote"), "das Urteil vom 28. Februar"
HARD_FILTERS = frozenset({"since", "year_range", "name_like", "sequenced_away", "possessive", "dated_noun"})


def time_pairs(ctx: ExtractionContext, men: Mention, s0: int, s1: int) -> list[tuple[TimeExpr, list[str]]]:
    """(candidate, features) of a mention's sentence times (not those a rule of :data:`HARD_FILTERS` excludes)."""
    cands = candidates(ctx, s0, s1)
    out = []
    for t in cands:
        feats = time_features(ctx, men, t, s0, s1, cands)
        if not any(f"fail={name}" in feats for name in HARD_FILTERS):
            out.append((t, feats))
    return out


def label_pairs(pairs: list[tuple[TimeExpr, list[str]]], gold: Any) -> list[tuple[list[str], str]]:
    """Training labels of a mention's candidates from its gold event (see the module docstring)."""
    out = []
    span = gold.time_span
    for t, feats in pairs:
        if gold.time is not None and span is not None:
            out.append((feats, "yes" if t.start < span.end and span.start < t.end else "no"))
        elif gold.time is None:
            out.append((feats, "no"))
    return out


def revise_time(tagger: Any, rule: TimeExpr | None, pairs: list[tuple[TimeExpr, list[str]]],
                least: float) -> TimeExpr | None:
    """The mention's time: the classifier's absolute candidate when one reaches ``least``; else
    none, unless the rules chose a relative time ("said on Monday", "gestern"), which stands (the
    classifier never saw relative times: the gold records only absolute dates)."""
    best = decide_time(tagger, pairs, least)
    if best is None and rule is not None and not is_absolute(rule):
        return rule
    return best


def decide_time(tagger: Any, pairs: list[tuple[TimeExpr, list[str]]], least: float) -> TimeExpr | None:
    """The likeliest candidate when P(yes) reaches ``least``, else None."""
    best, best_p = None, -1.0
    for t, feats in pairs:
        tagger.set([feats])
        p = tagger.marginal("yes", 0) if "yes" in tagger.labels() else 0.0
        if p > best_p:
            best, best_p = t, p
    return best if best is not None and best_p >= least else None
