"""A stacked second pass of the CRF name recogniser (experimental; see the model card).

The first CRF labels a sentence; a second CRF sees the same features plus, for every token, the
first pass's label and its marginal probabilities (bucketed) for the token and its ±1
neighbours, and **label consistency**: the first pass's majority name type of the same word
form elsewhere in the same document. Here a document is one sentence: GermEval's documents are
single sentences and the project's annotated sentences (UD, WikiANN lines) are not running text,
so training sees sentence scope only and run time uses the same scope.

The second CRF is trained on **jackknifed** first-pass outputs: the training sentences are cut
into ``J`` parts (sentence index mod ``J``), each part is labelled by a first-pass CRF trained on
the other parts, so the second stage learns from the errors the first pass makes on unseen text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pycrfsuite

BUCKETS = ((0.9, "h"), (0.5, "m"), (0.1, "l"))  # marginal >= bound -> bucket; below 0.1: none


def _bucket(p: float) -> str:
    for bound, name in BUCKETS:
        if p >= bound:
            return name
    return ""


def first_pass(tagger: pycrfsuite.Tagger, feats: list[list[str]], labels: Sequence[str]
               ) -> tuple[list[str], list[list[tuple[str, float]]]]:
    """The first CRF's tags of one sentence and, per token, (label, marginal) of the labels
    with a marginal of at least 0.1."""
    tags = tagger.tag(feats)
    margs = []
    for i in range(len(feats)):
        row = []
        for lab in labels:
            p = tagger.marginal(lab, i)
            if p >= 0.1:
                row.append((lab, p))
        margs.append(row)
    return tags, margs


def stack_features(feats: list[list[str]], tags: Sequence[str],
                   margs: Sequence[Sequence[tuple[str, float]]]) -> list[list[str]]:
    """``feats`` with the first pass's signals added (new lists; ``feats`` is not changed)."""
    n = len(feats)
    own = []
    for i in range(n):
        row = ["m1=" + tags[i]]
        row.extend(f"mg:{lab}={_bucket(p)}" for lab, p in margs[i])
        own.append(row)
    # label consistency: the first pass's majority type of the same capitalised word form
    # elsewhere in the document (here: the sentence)
    words = [next((f[2:] for f in fs if f.startswith("w=")), "") if "cap" in fs else "" for fs in feats]
    where: dict[str, list[int]] = {}
    for i, w in enumerate(words):
        if w:
            where.setdefault(w, []).append(i)
    out = []
    for i in range(n):
        row = list(feats[i])
        row.extend(own[i])
        row.extend("-1:" + f for f in (own[i - 1] if i else ["pad"]))
        row.extend("1:" + f for f in (own[i + 1] if i + 1 < n else ["pad"]))
        others = [j for j in where.get(words[i], ()) if j != i]
        if others:
            votes = Counter(tags[j][2:] or "O" for j in others)
            top, count = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0]
            row.append("cons=" + top)
            row.append("cons_agree=" + str(top == (tags[i][2:] or "O")))
        out.append(row)
    return out


def stacked(tagger: pycrfsuite.Tagger, feats: list[list[str]],
            labels: Sequence[str] | None = None) -> list[list[str]]:
    """The second CRF's features of one sentence from the first CRF ``tagger``."""
    tags, margs = first_pass(tagger, feats, labels if labels is not None else tagger.labels())
    return stack_features(feats, tags, margs)


def train_stacked(data: Sequence[tuple[Any, ...]], first: Path, second: Path,
                  params: dict[str, Any] | None = None, folds: int = 4, scheme: str = "bio",
                  log: Callable[[str], None] = print) -> None:
    """Train the first CRF on ``data`` (written to ``first``) and the second on the first's
    ``folds``-fold jackknifed outputs (written to ``second``). Deterministic."""
    from graphbuilder.extract.ner.train import train_model

    data = list(data)
    stacked_data: list[tuple[Any, ...] | None] = [None] * len(data)
    for j in range(folds):
        part = first.with_name(f"{first.stem}.jk{j}.crfsuite")
        train_model([x for i, x in enumerate(data) if i % folds != j], part, params, scheme)
        tagger = pycrfsuite.Tagger()
        tagger.open(str(part))
        labels = tagger.labels()
        for i in range(j, len(data), folds):
            x = data[i]
            stacked_data[i] = (stacked(tagger, x[0], labels), *x[1:])
        tagger.close()
        part.unlink()
        log(f"jackknife part {j + 1}/{folds}")
    train_model(data, first, params, scheme)
    log("first pass")
    train_model([x for x in stacked_data if x is not None], second, params, scheme)
    log("second pass")


def stacked_extractor(first: Path, second: Path, lang: str) -> Any:
    """A :class:`CrfEntityExtractor` running the two CRFs of the given files."""
    from graphbuilder.extract.ner.model import CrfEntityExtractor

    t1, t2 = pycrfsuite.Tagger(), pycrfsuite.Tagger()
    t1.open(str(first))
    t2.open(str(second))
    return CrfEntityExtractor(taggers={lang: t1}, stage2={lang: t2})
