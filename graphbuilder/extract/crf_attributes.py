"""The attributes a CRF model knows, to leave the others out of its feature lists at inference.

crfsuite drops a feature string its model has no attribute for when it tags (after converting it),
so a feature list without those strings gives the same tags and the same marginals: the known
strings keep their order, and the scores are summed in the same order (checked on 5,304 sentences of
both taggers, docs/quality.md). The name recogniser and the trigger tagger filter their per-word-type
cached features with :func:`known_attributes` (once per word type) and a few per-sentence features
that are mostly unknown; training always sees the full lists.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from graphbuilder.cache import cached


def known_attributes(tagger: Any, path: str | Path | None = None) -> frozenset[str]:
    """The attribute dictionary of the model an open ``pycrfsuite.Tagger`` holds. Read from the
    model's dump (≈ 0.5 s for the German name recogniser), kept in the resource cache when the
    model file ``path`` is given (keyed by its content), else once per tagger object."""
    if path is None:
        return _from_dump(tagger)
    return cached(f"crf-attributes-{Path(path).stem}", [path, __file__], lambda: _from_dump(tagger))


@functools.lru_cache(maxsize=16)
def _from_dump(tagger: Any) -> frozenset[str]:
    return frozenset(tagger.info().attributes)


def keep_known(feats: tuple[str, ...], known: frozenset[str]) -> tuple[str, ...]:
    """``feats`` without the strings ``known`` lacks, in their order."""
    return tuple([f for f in feats if f in known])
