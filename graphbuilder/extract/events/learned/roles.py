"""Participants and roles, learned: a maximum-entropy classifier over (event mention, name) pairs.

Candidates of a mention are the names of its sentence and the names the grammar rules chose
(a pronoun's antecedent, a spokesman's principal). Each candidate is scored from structural
features: the rules' role for it (a feature, not an override), the event type, the name's
label, before/after the trigger and the token distance, whether it lies in the trigger's
clause, commas, quotes, conjunctions and other triggers in between, the two words before the
name (case and preposition cues: "dem", "von", "gegen", "by", "with", "against" …) and the word
after it, its rank among the candidates by distance. Labels: ``none``, ``speaker``,
``participant``, ``target``, ``host``, ``subject``. The model is a python-crfsuite file trained on
one-item sequences (a multinomial logistic regression).
"""

from __future__ import annotations

import re
from typing import Any

from graphbuilder.models import EntityMention
from graphbuilder.extract.events.common import ExtractionContext, Mention

_WORD = re.compile(r"\w+|[^\w\s]")
_CONJ = frozenset({"und", "and", "sowie", "oder", "or"})
_QUOTE = set("\"„“”«»")


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


def pair_features(ctx: ExtractionContext, men: Mention, key: str, ent: EntityMention | None, rank: int,
                  rule_role: str | None) -> list[str]:
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
    return f


def decide(tagger: Any, ctx: ExtractionContext, men: Mention, s0: int, s1: int,
           drop: float = 0.5, add: float = 0.5) -> dict[str, str]:
    """The participants of a mention by the classifier (at most one speaker: the likeliest).

    A name the rules chose is dropped when the classifier's probability of ``none`` reaches
    ``drop``; another name is added when its probability of taking part reaches ``add``."""
    cands = candidates(ctx, men, s0, s1)
    ranked = sorted(cands.items(), key=lambda kv: abs(kv[1].start - men.trigger.start) if kv[1] else 10**9)
    scored: list[tuple[str, dict[str, float]]] = []
    for rank, (key, ent) in enumerate(ranked):
        feats = pair_features(ctx, men, key, ent, rank, men.participants.get(key))
        tagger.set([feats])
        probs = {lab: tagger.marginal(lab, 0) for lab in tagger.labels()}
        scored.append((key, probs))
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
