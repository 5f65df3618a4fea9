"""Status of an event mention, learned: a maximum-entropy classifier over the mention's context.

The rule grammar (:func:`graphbuilder.extract.events.status.clause_status`) gives a status from
tense, modality and negation cues; this classifier revises it from the annotated corpus. Its
features: the rules' status (a feature, not an override), the event type, verb or noun, the
trigger word and its lemma, the words just before and after it in its clause (modals,
auxiliaries, "next", "will", "soll", "geplant" …: learned, not listed), whether the clause holds a
time expression, the mention's article/sequence flags and whether it is in the headline. Labels:
``occurred``, ``ongoing``, ``planned``, ``expected``, ``possible``, ``denied``, ``cancelled``.
A python-crfsuite model trained on one-item sequences (a multinomial logistic regression).
"""

from __future__ import annotations

import bisect
import functools
import re
from typing import Any

from graphbuilder.extract.events.common import ExtractionContext, Mention

_WORD = re.compile(r"\w+")


def status_features(ctx: ExtractionContext, men: Mention, s0: int, s1: int) -> list[str]:
    """Features of a mention for the status classifier (after the rules filled it in)."""
    from graphbuilder.extract.linguistic import lemma

    text, lang = ctx.text, ctx.language
    c0, c1 = men.clause
    rule = men.status or "none"
    trig = men.trigger.text.lower()
    f = [f"rule={rule}", f"type={men.type}", f"rule={rule}|type={men.type}", f"verb={men.is_verb}",
         f"rule={rule}|lang={lang}", f"rule={rule}|verb={men.is_verb}", f"w={trig}",
         f"lem={lemma(men.trigger.text.split()[0], lang).lower()}|lang={lang}"]
    left = _WORD.findall(text[max(c0, men.trigger.start - 80):men.trigger.start])[-6:]
    right = _WORD.findall(text[men.trigger.end:min(c1, men.trigger.end + 80)])[:6]
    for k, w in enumerate(reversed(left)):
        w = w.lower()
        f.append(f"L={w}")
        if k < 2:
            f.append(f"L{k + 1}={w}")
    for k, w in enumerate(right):
        w = w.lower()
        f.append(f"R={w}")
        if k < 2:
            f.append(f"R{k + 1}={w}")
    # the clause's words beyond the window (modal verbs opening a long clause)
    for w in _WORD.findall(text[c0:max(c0, men.trigger.start - 80)])[:8]:
        f.append(f"C={w.lower()}")
    i = bisect.bisect_left([t.start for t in ctx.times], c0)
    if i < len(ctx.times) and ctx.times[i].start < c1:
        f.append("clause_time")
    if men.time is not None:
        f.append("has_time")
    for name in ("definite", "indefinite", "sequence", "anaphoric", "before_others", "after_others", "earlier"):
        if getattr(men, name):
            f.append(name)
    if men.sentence == 0:
        f.append("headline")
    if "?" in text[s0:s1]:
        f.append("question")
    return f


@functools.lru_cache(maxsize=8)
def _labels(tagger: Any) -> tuple[str, ...]:
    """A tagger's labels in its order (asked once per tagger, not per mention)."""
    return tuple(tagger.labels())


def decide_status(tagger: Any, ctx: ExtractionContext, men: Mention, s0: int, s1: int, least: float) -> str | None:
    """The classifier's status when its probability reaches ``least``, else None (rules stand)."""
    tagger.set([status_features(ctx, men, s0, s1)])
    labels = _labels(tagger)
    probs = [tagger.marginal(lab, 0) for lab in labels]
    best = max(range(len(labels)), key=probs.__getitem__)  # the first likeliest, as max() over labels
    return labels[best] if probs[best] >= least else None
