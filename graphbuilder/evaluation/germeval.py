"""GermEval 2014 NER scorer: exact-span P/R/F1 for PER/LOC/ORG, outer level only.

Format: ``#`` comment lines, then ``index<TAB>token<TAB>outer<TAB>inner`` per token, a blank
line between sentences. Each sentence's text is its tokens joined by single spaces; it is run
through the extractor as a one-sentence document. ``-deriv``/``-part`` subtypes and ``OTH``
are dropped from the gold standard, and derived, nested and body mentions (institutions named by
a common noun, :mod:`graphbuilder.extract.ner.bodies`: no names by these guidelines) from the
predictions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from graphbuilder.models import EntityMention, RoleFact, Sentence

LABELS = ("PER", "LOC", "ORG")
Span3 = tuple[int, int, str]  # first token, last token (inclusive), label


class Extractor(Protocol):
    def extract(
        self, text: str, language: str, sentences: list[Sentence]
    ) -> tuple[list[EntityMention], list[RoleFact]]: ...


@dataclass
class GermEvalSentence:
    tokens: list[str]
    outer: list[str]

    @property
    def text(self) -> str:
        return " ".join(self.tokens)


def read_germeval(path: str | Path) -> list[GermEvalSentence]:
    """Parse a GermEval TSV file into sentences (tokens + outer tags)."""
    sentences: list[GermEvalSentence] = []
    tokens: list[str] = []
    outer: list[str] = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        if not line.strip():
            if tokens:
                sentences.append(GermEvalSentence(tokens, outer))
                tokens, outer = [], []
            continue
        cols = line.split("\t")
        tokens.append(cols[1])
        outer.append(cols[2] if len(cols) > 2 else "O")
    if tokens:
        sentences.append(GermEvalSentence(tokens, outer))
    return sentences


def gold_spans(tags: list[str]) -> set[Span3]:
    """BIO outer tags -> exact spans of PER/LOC/ORG (no -deriv/-part, no OTH)."""
    spans: set[Span3] = set()
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, typ = tag.partition("-")
        if prefix == "I" and typ == label and start >= 0:
            continue
        if start >= 0 and label in LABELS:
            spans.add((start, i - 1, label))
        start, label = (i, typ) if prefix in ("B", "I") else (-1, "")
    return spans


def predicted_spans(tokens: list[str], mentions: Iterable[EntityMention]) -> set[Span3]:
    """Map character mentions on the space-joined text to token spans.

    A mention whose boundaries do not fall on token boundaries maps to an impossible span,
    so it counts as a false positive.
    """
    starts, ends, pos = {}, {}, 0
    for i, tok in enumerate(tokens):
        starts[pos] = i
        ends[pos + len(tok)] = i
        pos += len(tok) + 1
    spans: set[Span3] = set()
    for m in mentions:
        if m.derived or m.nested or m.body or m.label not in LABELS:
            continue
        first, last = starts.get(m.start), ends.get(m.end)
        if first is None or last is None:
            spans.add((-1 - m.start, -1 - m.end, m.label))
        else:
            spans.add((first, last, m.label))
    return spans


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "tp": tp, "fp": fp, "fn": fn}


def score(pairs: Iterable[tuple[set[Span3], set[Span3]]]) -> dict[str, Any]:
    """Per-label and micro P/R/F1 over (gold, predicted) span sets."""
    counts = {label: [0, 0, 0] for label in LABELS}
    for gold, pred in pairs:
        for label in LABELS:
            g = {s for s in gold if s[2] == label}
            p = {s for s in pred if s[2] == label}
            counts[label][0] += len(g & p)
            counts[label][1] += len(p - g)
            counts[label][2] += len(g - p)
    result: dict[str, Any] = {label: _prf(*counts[label]) for label in LABELS}
    result["micro"] = _prf(*(sum(c[i] for c in counts.values()) for i in range(3)))
    return result


def evaluate_sentences(sentences: Iterable[tuple[list[str], list[str]]], extractor: Extractor,
                       language: str = "de") -> dict:
    """Run ``extractor`` on (tokens, BIO tags) sentences, each a one-sentence document."""
    pairs = []
    for tokens, tags in sentences:
        text = " ".join(tokens)
        mentions, _roles = extractor.extract(
            text, language, [Sentence(start=0, end=len(text), text=text, index=0)]
        )
        pairs.append((gold_spans(tags), predicted_spans(tokens, mentions)))
    result = score(pairs)
    result["sentences"] = len(pairs)
    return result


def evaluate_germeval(path: str | Path, extractor: Extractor, language: str = "de") -> dict:
    """Run ``extractor`` on every sentence of a GermEval file; return the scores."""
    return evaluate_sentences(((s.tokens, s.outer) for s in read_germeval(path)), extractor, language)
