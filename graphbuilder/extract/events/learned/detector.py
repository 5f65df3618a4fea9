"""Second-stage event detector: is a trigger candidate an event at all, and of which type.

The trigger tagger (a CRF over the sentence's tokens) sees two words either side; this stage
revises its decisions over each candidate with wider context: the tagger's probability that the
token is a trigger and of the candidate's type, where the candidate comes from (tagger, rule
lexicon, both, or a token the tagger found likely but left untagged), the word, its lemma and the
lemma trigger prior, the words around it in its clause, headline, quote, question, names and
time expressions in the sentence, and whether the same lemma or type was an event earlier in the
article. Labels: the type of the gold event whose trigger or coreferent mention the candidate
overlaps, else ``O``. A python-crfsuite model on one-item sequences (a multinomial logistic
regression), trained on **jackknifed** candidates (each article's candidates from a tagger that
did not see it: ``training.events.train_detector``), so it learns how far the tagger can be trusted
on unseen text. Decisions (:func:`decide`): drop a candidate at P(``O``) >= ``drop``, add a
likely-but-untagged token at P(event) >= ``add``.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from graphbuilder.extract.events.common import ExtractionContext, Mention

_WORD = re.compile(r"\w+")
_QUOTES = "\"„“”«»"
CANDIDATE_MIN = 0.15  # a token the tagger left untagged is a candidate when P(trigger) reaches this


def _bucket(p: float) -> str:
    return str(min(9, int(p * 10)))


def _count(n: int) -> str:
    return "0" if n == 0 else "1" if n == 1 else "2" if n < 4 else "3"


def candidate_features(ctx: ExtractionContext, men: Mention, source: str, p_trigger: float, p_type: float,
                       prior: tuple[str, ...], lem: str, sent_start: int, sent_end: int, is_title: bool,
                       n_candidates: int, seen_lemma: int, seen_type: int) -> list[str]:
    """Features of one trigger candidate (see the module docstring). ``lem``: its lemma (the
    tagger's ``lem=`` feature of its first token); ``prior``: the lemma trigger prior's features."""
    text, lang = ctx.text, ctx.language
    t = men.type
    f = [f"src={source}", f"type={t}", f"src={source}|type={t}", f"lang={lang}|type={t}",
         f"p={_bucket(p_trigger)}", f"p={_bucket(p_trigger)}|src={source}", f"pt={_bucket(p_type)}",
         f"p={_bucket(p_trigger)}|type={t}", f"verb={men.is_verb}", f"verb={men.is_verb}|type={t}",
         f"w={lang}|{men.trigger.text.lower()}", f"lem={lang}|{lem}", f"lem={lang}|{lem}|type={t}"]
    for x in prior:
        f.append(x)
        f.append(f"{x}|src={source}")
    c0, c1 = men.clause
    left = _WORD.findall(text[max(c0, men.trigger.start - 60):men.trigger.start])[-3:]
    right = _WORD.findall(text[men.trigger.end:min(c1, men.trigger.end + 60)])[:3]
    for k, w in enumerate(reversed(left)):
        f.append(f"L={lang}|{w.lower()}")
        if k == 0:
            f.append(f"L1={lang}|{w.lower()}")
    for k, w in enumerate(right):
        f.append(f"R={lang}|{w.lower()}")
        if k == 0:
            f.append(f"R1={lang}|{w.lower()}")
    for w in _WORD.findall(text[c0:max(c0, men.trigger.start - 60)])[:6]:
        f.append(f"C={lang}|{w.lower()}")
    if is_title:
        f.append("headline")
        f.append(f"headline|type={t}")
    before = text[sent_start:men.trigger.start]
    if sum(before.count(q) for q in _QUOTES) % 2 == 1:
        f.append("inquote")
    if "?" in text[sent_start:sent_end]:
        f.append("question")
    s = men.sentence
    f.append(f"sent={'0' if s == 0 else '1' if s < 3 else '2' if s < 6 else '3' if s < 11 else '4'}")
    labels = {e.label for e in ctx.entities if sent_start <= e.start < sent_end}
    f.extend(f"sent_ent={lab}" for lab in sorted(labels))
    if any(c0 <= tm.start < c1 for tm in ctx.times):
        f.append("clause_time")
    f.append(f"ncand={_count(n_candidates - 1)}")
    f.append(f"seen_lemma={_count(seen_lemma)}")
    f.append(f"seen_type={_count(seen_type)}|type={t}")
    return f


@functools.lru_cache(maxsize=8)
def _labels(tagger: Any) -> tuple[str, ...]:
    """A model's labels (asked once per model, not per candidate)."""
    return tuple(tagger.labels())


def decide(tagger: Any, feats: list[str], source: str, drop: float, add: float,
           best_type: bool = True) -> tuple[bool, str | None]:
    """Keep the candidate? And the type the classifier finds likeliest (None: keep the
    candidate's; not computed without ``best_type``)."""
    tagger.set([feats])
    labels = _labels(tagger)
    p_o = tagger.marginal("O", 0) if "O" in labels else 0.0
    keep = p_o < drop if source != "extra" else 1.0 - p_o >= add
    if not best_type:
        return keep, None
    types = [lab for lab in labels if lab != "O"]
    best = max(types, key=lambda lab: tagger.marginal(lab, 0)) if types else None
    return keep, best
