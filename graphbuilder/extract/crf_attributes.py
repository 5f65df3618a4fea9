"""The attributes a CRF model knows, to leave some others out of its feature lists at inference.

crfsuite drops a feature string its model has no attribute for when it tags (after converting it,
≈ 0.2 µs a string), so a feature list without such strings gives the same tags and the same
marginals: the known strings keep their order, and the scores are summed in the same order (checked
on 5,304 sentences of both taggers, docs/quality.md). Checking a string costs about as much as
crfsuite's conversion, so only strings that can be found unknown without building them are left
out: the name recogniser's word bigrams and word-with-shape features, by their words
(:meth:`KnownAttributes.parts`). Training always sees the full lists.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from graphbuilder.cache import cached


class KnownAttributes:
    """The attribute dictionary of one CRF model (``attributes``) and the words of its pair attributes."""

    def __init__(self, attributes: frozenset[str]) -> None:
        self.attributes = attributes
        self._parts: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
        self._bits: dict[tuple[str, ...], dict[str, int]] = {}

    def word_bits(self, prefixes: tuple[str, ...]) -> dict[str, int]:
        """Word -> bit ``1 << k`` set for each ``prefixes[k] + word`` the model knows (once per
        prefix tuple): which of a word's features to keep, by one look-up per word type."""
        if prefixes not in self._bits:
            bits: dict[str, int] = {}
            for attr in self.attributes:
                for k, prefix in enumerate(prefixes):
                    if attr.startswith(prefix):
                        word = attr[len(prefix):]
                        bits[word] = bits.get(word, 0) | 1 << k
            self._bits[prefixes] = bits
        return self._bits[prefixes]

    def parts(self, prefix: str) -> tuple[frozenset[str], frozenset[str]]:
        """The left and right parts of the known attributes ``prefix + "a|b"`` (every split at a
        "|", as a word may contain one): ``prefix + a + "|" + b`` is unknown when ``a`` is not
        among the left parts or ``b`` not among the right ones (computed once per prefix)."""
        if prefix not in self._parts:
            left: set[str] = set()
            right: set[str] = set()
            n = len(prefix)
            for attr in self.attributes:
                if attr.startswith(prefix):
                    body = attr[n:]
                    for k, ch in enumerate(body):
                        if ch == "|":
                            left.add(body[:k])
                            right.add(body[k + 1:])
            self._parts[prefix] = (frozenset(left), frozenset(right))
        return self._parts[prefix]


_OPENED: dict[Any, KnownAttributes] = {}


def known_attributes(tagger: Any, path: str | Path | None = None) -> KnownAttributes:
    """The attributes of the model an open ``pycrfsuite.Tagger`` holds, once per tagger object in a
    process. Read from the model's dump (≈ 0.5 s for the German name recogniser), kept in the
    resource cache when the model file ``path`` is given (keyed by its content)."""
    if tagger not in _OPENED:
        if len(_OPENED) >= 16:  # taggers opened by experiments one after another
            _OPENED.clear()
        attrs = (_from_dump(tagger) if path is None else
                 cached(f"crf-attributes-{Path(path).stem}", [path, __file__], lambda: _from_dump(tagger)))
        _OPENED[tagger] = KnownAttributes(attrs)
    return _OPENED[tagger]


def _from_dump(tagger: Any) -> frozenset[str]:
    return frozenset(tagger.info().attributes)
