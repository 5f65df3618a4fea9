"""CoNLL-2003 English NER scorer: exact-span P/R/F1 for PER/LOC/ORG (MISC is not scored).

Format: ``token POS chunk NER`` per line with IOB1 tags, ``-DOCSTART-`` lines between
documents, a blank line between sentences. Each document is run through the extractor as one
text (a sentence a line, its tokens joined by single spaces), and the mentions of each sentence
are mapped back to token spans (:func:`graphbuilder.evaluation.germeval.predicted_spans`). Documents are
split into a dev part (index % 3 != 2) and a blind part (index % 3 == 2), scored apart.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

from graphbuilder.evaluation.germeval import Extractor, gold_spans, predicted_spans, score
from graphbuilder.models import Sentence


def read_conll(path: str | Path) -> list[tuple[int, list[str], list[str]]]:
    """(document index, tokens, BIO tags) per sentence."""
    from graphbuilder.extract.ner.train import read_conll as _read

    return [(t.doc, t.tokens, t.tags) for t in _read(Path(path))]


def evaluate_conll(path: str | Path, extractor: Extractor, language: str = "en") -> dict[str, Any]:
    """Run ``extractor`` on every sentence of a CoNLL-2003 file; return the scores of the dev
    part (top level), and under ``blind`` and ``all`` those of the blind part and of all."""
    parts: dict[str, list[Any]] = {"dev": [], "blind": []}
    for doc, group in itertools.groupby(read_conll(path), key=lambda x: x[0]):
        sents = list(group)
        text = "\n".join(" ".join(tokens) for _d, tokens, _t in sents)
        spans, pos = [], 0
        for k, (_d, tokens, _t) in enumerate(sents):
            n = len(" ".join(tokens))
            spans.append(Sentence(start=pos, end=pos + n, text=text[pos:pos + n], index=k))
            pos += n + 1
        mentions, _roles = extractor.extract(text, language, spans)
        for sent, (_d, tokens, tags) in zip(spans, sents):
            inside = [m.model_copy(update={"start": m.start - sent.start, "end": m.end - sent.start})
                      for m in mentions if sent.start <= m.start and m.end <= sent.end]
            pair = (gold_spans(tags), predicted_spans(tokens, inside))
            parts["blind" if doc % 3 == 2 else "dev"].append(pair)
    result = score(parts["dev"])
    result["sentences"] = len(parts["dev"])
    result["blind"] = {**score(parts["blind"]), "sentences": len(parts["blind"])}
    result["all"] = {**score(parts["dev"] + parts["blind"]),
                     "sentences": len(parts["dev"]) + len(parts["blind"])}
    return result
