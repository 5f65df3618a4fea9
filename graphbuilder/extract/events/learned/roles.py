"""Participants and roles, learned: a maximum-entropy classifier over (event mention, name) pairs.

Candidates of a mention are the names of its sentence and the names the grammar rules chose
(a pronoun's antecedent, a spokesman's principal). Each candidate is scored from structural
features: the rules' role for it (a feature, not an override), the event type, the name's
label, before/after the trigger and the token distance, whether it lies in the trigger's
clause, commas, quotes, conjunctions and other triggers in between, the two words before the
name (case and preposition cues: "dem", "von", "gegen", "by", "with", "against" …) and the word
after it, its rank among the candidates by distance; in English (:data:`PARSE_PATH_FEATURES`, session
14) also the dependency path from the name's head word up to the common ancestor and down to the
trigger ("nsubj^", "obl:against^", "nmod:poss:'s^ obj^") and the name's own relation, from the
shipped UD EWT parser. Labels: ``none``, ``speaker``,
``participant``, ``target``, ``host``, ``subject``. The model is a python-crfsuite file trained on
one-item sequences (a multinomial logistic regression).
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING, Any

from graphbuilder.models import EntityMention
from graphbuilder.extract.events.common import ExtractionContext, Mention

if TYPE_CHECKING:
    from graphbuilder.extract.events.structure import Parsed

_WORD = re.compile(r"\w+|[^\w\s]")
_CONJ = frozenset({"und", "and", "sowie", "oder", "or"})
_QUOTE = set("\"„“”«»")
PARSE_PATH_FEATURES = True  # English: the dependency path between the trigger and the name (:func:`path_features`; session 14)


def _bucket(n: int) -> str:
    return "0" if n <= 0 else "1" if n == 1 else "2-3" if n <= 3 else "4-6" if n <= 6 else "7-12" if n <= 12 else "13+"


def candidates(ctx: ExtractionContext, men: Mention, s0: int, s1: int) -> dict[str, EntityMention | None]:
    """Candidate entity keys of a mention: names in ``[s0, s1)`` (the closest mention of each)
    and the keys the rules already chose (``None`` when they are not named in the sentence)."""
    out: dict[str, EntityMention | None] = {}
    t = men.trigger.start
    for e in ctx.entities:
        if e.start < s0 or e.end > s1 or not e.key or e.label not in ("PER", "ORG", "LOC"):
            continue
        cur = out.get(e.key)
        if cur is None or abs(e.start - t) < abs(cur.start - t):
            out[e.key] = e
    for key in men.participants:
        out.setdefault(key, None)
    return out


def sentence_tags(ctx: ExtractionContext, s0: int, s1: int) -> list[tuple[int, int, str]]:
    """``(start, end, UPOS)`` of the tokens of the sentence ``[s0, s1)`` (the linguistic layer's
    part-of-speech tagger; computed once per sentence)."""
    out = ctx.pos.get(s0)
    if out is None:
        from graphbuilder.extract.linguistic import tag_words
        from graphbuilder.extract.ner.features import tokenize as ner_tokens

        spans = ner_tokens(ctx.text, s0, s1)
        tags = tag_words([ctx.text[a:b] for a, b in spans], "en" if ctx.language == "en" else "de")
        out = [(a, b, t) for (a, b), t in zip(spans, tags)]
        ctx.pos[s0] = out
    return out


_NOMINAL = frozenset({"DET", "ADJ", "NOUN", "PROPN", "NUM", "X"})
_CLAUSE_PUNCT = frozenset({",", ";", ":", "(", ")", "–", "-"}) | _QUOTE


def _family(t: str) -> str:
    return "S" if t in ("STATEMENT", "PRESS_CONFERENCE") else "C" if t in ("MEETING", "CALL", "NEGOTIATION", "VISIT") else "O"


def structure_features(ctx: ExtractionContext, men: Mention, ent: EntityMention, s0: int, s1: int,
                       others: list[EntityMention]) -> list[str]:
    """Clause-structure features of a (mention, name) pair from parts of speech: the verbs,
    conjunctions, pronouns and clause punctuation between them, the head word before and after
    the name (a finite verb before it: an inverted subject; a preposition: an oblique), whether
    the name opens its clause, quotes around either, and a closer competing name."""
    text = ctx.text
    toks = sentence_tags(ctx, s0, s1)
    if not toks:
        return []
    starts = [a for a, _b, _t in toks]
    ie0 = bisect.bisect_left(starts, ent.start)
    ie1 = max(ie0, bisect.bisect_left(starts, ent.end) - 1)
    it0 = bisect.bisect_left(starts, men.trigger.start)
    it1 = max(it0, bisect.bisect_left(starts, men.trigger.end) - 1)
    before = ent.end <= men.trigger.start
    side = "b" if before else "a"
    tf = _family(men.type)
    lang = ctx.language
    mid = toks[ie1 + 1:it0] if before else toks[it1 + 1:ie0]
    tags = [t for _a, _b, t in mid]
    words = [text[a:b] for a, b, _t in mid]
    f = []
    nv = sum(t == "VERB" for t in tags)
    na = sum(t == "AUX" for t in tags)
    f += [f"nv={min(nv, 2)}", f"na={min(na, 2)}", f"nv={min(nv, 2)}|side={side}|tf={tf}"]
    for t in ("SCONJ", "CCONJ", "PRON", "ADP"):
        if t in tags:
            f.append(f"has_{t}|side={side}")
    if any(w in _CLAUSE_PUNCT for w in words):
        f.append(f"punct_between|side={side}")
    # head word before the name (skipping its noun phrase: articles, titles, adjectives)
    j = ie0 - 1
    while j >= 0 and toks[j][2] in _NOMINAL and text[toks[j][0]:toks[j][1]] not in _CLAUSE_PUNCT:
        j -= 1
    ph = "BOS" if j < 0 else toks[j][2] if toks[j][2] != "PUNCT" else "P" + text[toks[j][0]:toks[j][1]]
    pw = "" if j < 0 else text[toks[j][0]:toks[j][1]].lower()
    k = ie1 + 1
    while k < len(toks) and toks[k][2] in ("PROPN", "NUM"):
        k += 1
    nh = "EOS" if k >= len(toks) else toks[k][2] if toks[k][2] != "PUNCT" else "P" + text[toks[k][0]:toks[k][1]]
    f += [f"ph={ph}", f"ph={ph}|side={side}", f"ph={ph}|tf={tf}|side={side}", f"ph={ph}|lang={lang}",
          f"nh={nh}", f"nh={nh}|side={side}", f"nh={nh}|tf={tf}|side={side}", f"ph={ph}|nh={nh}",
          f"phw={pw}|lang={lang}"]
    if j >= 0 and j == it1:
        f.append("right_after_trigger")
    if k == it0:
        f.append("right_before_trigger")
    # the name opens its clause (no verb between the clause start and the name)
    c = ie0 - 1
    verb_before = False
    while c >= 0 and text[toks[c][0]:toks[c][1]] not in _CLAUSE_PUNCT:
        if toks[c][2] in ("VERB", "AUX"):
            verb_before = True
        c -= 1
    f.append(f"verb_before_in_clause={int(verb_before)}|side={side}")
    if ie0 <= 2:
        f.append("sentence_initial")
    f.append(f"tpos={toks[it0][2] if it0 < len(toks) else 'NONE'}|side={side}")
    # quotes
    q_ent = sum(ch in _QUOTE for ch in text[s0:ent.start]) % 2
    q_trig = sum(ch in _QUOTE for ch in text[s0:men.trigger.start]) % 2
    f += [f"q_ent={q_ent}|q_trig={q_trig}", f"q_ent={q_ent}|tf={tf}"]
    # a closer competing name on the same side
    lo, hi = (ent.end, men.trigger.start) if before else (men.trigger.end, ent.start)
    comp = [o for o in others if o.key != ent.key and lo <= o.start and o.end <= hi]
    if comp:
        f += [f"competitor={comp[0].label}", f"competitor={comp[0].label}|lab={ent.label}|side={side}"]
    f.append(f"lab={ent.label}|tf={tf}|side={side}|d={_bucket(len(words))}")
    # the trigger's lemma: which side and which case its actors take ("told X", "X accused")
    from graphbuilder.extract.linguistic import lemma

    tw = lemma(men.trigger.text.split()[0].lower(), "en" if lang == "en" else "de")
    f += [f"tw={tw}|side={side}", f"tw={tw}|ph={ph}|side={side}", f"tw={tw}|lab={ent.label}|side={side}"]
    if len(words) <= 2:
        f.append(f"tw={tw}|adjacent={side}")
    return f


def pair_features(ctx: ExtractionContext, men: Mention, key: str, ent: EntityMention | None, rank: int,
                  rule_role: str | None, sentence: tuple[int, int] | None = None,
                  others: list[EntityMention] | None = None) -> list[str]:
    """Features of one (mention, candidate) pair."""
    text = ctx.text
    rr = rule_role or "none"
    t = men.type
    f = [f"rr={rr}", f"t={t}", f"rr={rr}|t={t}", f"v={int(men.is_verb)}", f"lang={ctx.language}", f"rr={rr}|v={int(men.is_verb)}"]
    label = ent.label if ent is not None else key.split(":", 1)[0].upper()
    f += [f"lab={label}", f"lab={label}|t={t}", f"lab={label}|rr={rr}"]
    if ent is None:
        f.append("outside")
        return f
    before = ent.end <= men.trigger.start
    lo, hi = (ent.end, men.trigger.start) if before else (men.trigger.end, ent.start)
    between = _WORD.findall(text[lo:hi]) if hi > lo else []
    words = [w for w in between if w[0].isalnum()]
    side = "b" if before else "a"
    dist = _bucket(len(words))
    f += [f"side={side}", f"d={dist}", f"side={side}|d={dist}", f"side={side}|t={t}", f"side={side}|lab={label}",
          f"rank={min(rank, 3)}", f"rank={min(rank, 3)}|side={side}"]
    c0, c1 = men.clause
    f.append(f"clause={int(c0 <= ent.start < c1)}")
    commas = between.count(",")
    f.append(f"commas={min(commas, 2)}")
    if any(w in _QUOTE for w in between):
        f.append("quote_between")
    if any(w.lower() in _CONJ for w in words):
        f.append("conj_between")
    if any(lo <= s < hi for s, _e in ctx.triggers if s != men.trigger.start):
        f.append("trigger_between")
    if ent.derived:
        f.append("derived")
    if ent.text.endswith(("s", "'s", "’s")) and label == "PER":
        f.append("gen?")
    prev = _WORD.findall(text[max(0, ent.start - 40):ent.start])[-2:]
    for i, w in enumerate(reversed(prev)):
        f.append(f"pw{i + 1}={w.lower()}")
        if i == 0:
            f.append(f"pw1={w.lower()}|t={t}")
    nxt = _WORD.findall(text[ent.end:ent.end + 30])[:1]
    if nxt:
        f.append(f"nw1={nxt[0].lower()}")
    if before and len(words) <= 3:
        f.append("near_before:" + " ".join(w.lower() for w in words[-2:]))
    if not before and len(words) <= 3:
        f.append("near_after:" + " ".join(w.lower() for w in words[:2]))
    if sentence is not None:
        f += structure_features(ctx, men, ent, sentence[0], sentence[1], others or [])
        if PARSE_PATH_FEATURES and ctx.language == "en":
            f += path_features(ctx, men, ent, sentence[0], sentence[1])
    return f


def _head_token(p: Parsed, a: int, b: int) -> int | None:
    """The token of ``[a, b)`` whose head lies outside it (a name's head word; else its last token)."""
    inside = range(bisect.bisect_left(p.starts, a), bisect.bisect_left(p.starts, b))
    return next((i for i in inside if p.heads[i] < 0 or not a <= p.starts[p.heads[i]] < b),
                inside[-1] if inside else None)


def _ancestors(p: Parsed, i: int) -> list[int]:
    """Token ``i`` and its heads up to the root."""
    out = [i]
    while p.heads[out[-1]] >= 0 and len(out) <= len(p.toks):
        out.append(p.heads[out[-1]])
    return out


def _step(ctx: ExtractionContext, p: Parsed, i: int) -> str:
    """A token's relation to its head, with the case marker of an oblique or nominal modifier
    ("obl:against", "nmod:poss:'s")."""
    rel = p.labels[i]
    if rel.split(":")[0] in ("obl", "nmod"):
        case = next((ctx.text[p.toks[c][0]:p.toks[c][1]].lower() for c in p.dependents(i, "case")), None)
        if case:
            rel = f"{rel}:{case}"
    return rel


def path_features(ctx: ExtractionContext, men: Mention, ent: EntityMention, s0: int, s1: int) -> list[str]:
    """The dependency path in the English parse from the name's head word up to the lowest common
    ancestor ("nsubj^", "obl:against^") and down to the trigger's word ("v" + relation: "vacl" when
    the trigger modifies the name), at most four steps (else "long"); and the name's own relation."""
    from graphbuilder.extract.events.structure import parsed_sentence, trigger_token

    p = parsed_sentence(ctx, s0, s1)
    if p is None:
        return []
    v, e = trigger_token(p, men), _head_token(p, ent.start, ent.end)
    if v is None or e is None:
        return []
    up, down = _ancestors(p, e), _ancestors(p, v)
    common = next((k for k in up if k in down), None)
    tf, rel = _family(men.type), _step(ctx, p, e)
    f = [f"erel={rel}", f"erel={rel}|tf={tf}"]
    if common is None:
        return f + ["dp=none"]
    ups = [_step(ctx, p, k) + "^" for k in up[:up.index(common)]]
    downs = ["v" + _step(ctx, p, k) for k in reversed(down[:down.index(common)])]
    steps = ups + downs
    path = " ".join(steps) if len(steps) <= 4 else "long"
    f += [f"dp={path}", f"dp={path}|tf={tf}", f"dplen={min(len(steps), 5)}"]
    if ups:
        f.append(f"dp1={ups[0]}|down={len(downs)}")
    return f


def ranked_candidates(ctx: ExtractionContext, men: Mention, s0: int, s1: int) -> list[tuple[str, EntityMention | None]]:
    """The candidates of a mention, nearest first (those not named in the sentence last)."""
    cands = candidates(ctx, men, s0, s1)
    return sorted(cands.items(), key=lambda kv: abs(kv[1].start - men.trigger.start) if kv[1] else 10**9)


def candidate_features(ctx: ExtractionContext, men: Mention, s0: int, s1: int) -> list[tuple[str, list[str]]]:
    """``(key, features)`` of each candidate of a mention, nearest first."""
    ranked = ranked_candidates(ctx, men, s0, s1)
    named = [e for _k, e in ranked if e is not None]
    named.sort(key=lambda e: e.start)
    return [(key, pair_features(ctx, men, key, ent, rank, men.participants.get(key), (s0, s1), named))
            for rank, (key, ent) in enumerate(ranked)]


def score_candidates(tagger: Any, ctx: ExtractionContext, men: Mention, s0: int, s1: int) -> list[tuple[str, dict[str, float]]]:
    """The classifier's role probabilities for each candidate of a mention."""
    out = []
    for key, feats in candidate_features(ctx, men, s0, s1):
        tagger.set([feats])
        out.append((key, {lab: tagger.marginal(lab, 0) for lab in tagger.labels()}))
    return out


def decide(tagger: Any, ctx: ExtractionContext, men: Mention, s0: int, s1: int,
           drop: float = 0.5, add: float = 0.5) -> dict[str, str]:
    """The participants of a mention by the classifier (at most one speaker: the likeliest).

    A name the rules chose is dropped when the classifier's probability of ``none`` reaches
    ``drop``; another name is added when its probability of taking part reaches ``add``."""
    scored = [(key, probs) for key, probs in score_candidates(tagger, ctx, men, s0, s1)]
    out: dict[str, str] = {}
    speaker_taken = False
    for key, probs in sorted(scored, key=lambda kp: -kp[1].get("speaker", 0.0)):
        order = sorted(probs, key=lambda lab: -probs[lab])
        best = order[0]
        if best == "none":
            ruled = key in men.participants
            if ruled and probs["none"] < drop:
                best = order[1]
            elif not ruled or probs["none"] >= drop:
                continue
        elif key not in men.participants and 1.0 - probs.get("none", 0.0) < add:
            continue
        if best == "speaker" and speaker_taken:
            best = "participant"
        if best == "speaker":
            speaker_taken = True
        out[key] = best
    return out
