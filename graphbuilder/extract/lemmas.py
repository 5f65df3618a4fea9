"""simplemma's lemmas and dictionary membership, read from a memory-mapped copy of its dictionaries.

simplemma decodes a language's whole dictionary (≈1.1M German word forms, 1.5–2 s of CPU) on the
first lookup, which made a one-article ``extract`` slow. Here each language's decoded dictionary is
written once into the compiled-resource cache (:func:`graphbuilder.cache.cached_file`, named by
simplemma's version and a hash of its data file) as a :mod:`graphbuilder.tables` hash table and memory-mapped:
opening it costs nothing and a lookup reads only the pages it touches. The lemmatisation itself is
simplemma's (its :class:`~simplemma.strategies.DefaultStrategy` over the same word -> lemma mapping),
so :func:`lemmatize` and :func:`is_known` give exactly what ``simplemma.lemmatize`` and
``simplemma.is_known`` give. Without a usable cache (``GRAPHBUILDER_NO_CACHE``, a read-only cache
directory) simplemma's own in-memory dictionary is used.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from graphbuilder import tables
from graphbuilder.tables import StringTable as LemmaTable
from graphbuilder.tables import write_table as _write_table

__all__ = ["LemmaTable", "dictionary", "is_known", "lemmatize"]


def _simplemma() -> Any:
    """The simplemma package, imported with its rules' patterns from the compiled-resource cache
    (:func:`graphbuilder.cache.compiled_patterns`: half of its import is compiling them)."""
    if "simplemma" not in sys.modules:
        from graphbuilder.cache import compiled_patterns

        with compiled_patterns("re-simplemma"):
            import simplemma  # noqa: F401
    return sys.modules["simplemma"]


def _simplemma_pairs(lang: str) -> Iterable[tuple[bytes, bytes]]:
    """simplemma's dictionary for ``lang`` as (word, lemma) UTF-8 pairs."""
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    mapping = DefaultDictionaryFactory(cache_max_size=0).get_dictionary(lang)
    raw = getattr(mapping, "_dict", None)  # simplemma >= 1.0 keeps bytes -> bytes underneath
    if isinstance(raw, dict):
        return raw.items()
    return ((k.encode(), v.encode()) for k, v in mapping.items())


def _sources(lang: str) -> list[Path]:
    simplemma = _simplemma()
    data = Path(simplemma.__file__).parent / "strategies" / "dictionaries" / "data"
    return [p for p in (data / f"{lang}.plzma", Path(__file__), Path(tables.__file__)) if p.exists()]


@functools.lru_cache(maxsize=None)
def dictionary(lang: str) -> Mapping[str, str]:
    """simplemma's word -> lemma dictionary of ``lang``: the memory-mapped cached table, else
    simplemma's own in-memory dictionary (cache disabled or not writable)."""
    simplemma = _simplemma()
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    from graphbuilder.cache import cached_file

    path = cached_file(f"lemmas-{lang}", _sources(lang), lambda fh: _write_table(_simplemma_pairs(lang), fh),
                       valid=tables.valid_table, extra=f"simplemma {simplemma.__version__} {sys.byteorder}")
    if path is not None:
        try:
            return LemmaTable.open(path)
        except (OSError, ValueError):
            pass
    return DefaultDictionaryFactory(cache_max_size=1).get_dictionary(lang)


class _Factory:
    """A simplemma dictionary factory serving :func:`dictionary`."""

    def get_dictionary(self, lang: str) -> Mapping[str, str]:
        return dictionary(lang)


@functools.lru_cache(maxsize=1)
def _lemmatizer() -> Any:
    _simplemma()
    from simplemma import Lemmatizer
    from simplemma.strategies import DefaultStrategy

    return Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=_Factory()))


@functools.lru_cache(maxsize=1)
def _lookup() -> Any:
    _simplemma()
    from simplemma.strategies import DictionaryLookupStrategy

    return DictionaryLookupStrategy(_Factory())


def lemmatize(word: str, lang: str) -> str:
    """``simplemma.lemmatize(word, lang=lang)``."""
    return _lemmatizer().lemmatize(word, lang)


def is_known(word: str, lang: str) -> bool:
    """``simplemma.is_known(word, lang=lang)``: whether the dictionary knows the word."""
    _simplemma()
    try:
        from simplemma.utils import normalize_token
    except ImportError:  # simplemma < 2 does not normalise
        def normalize_token(token: str) -> str:
            return token

    if not isinstance(word, str):
        raise TypeError(f"Wrong input type, expected string, got {type(word)}")
    if word == "":
        raise ValueError("Wrong input value: empty string")
    return _lookup().get_lemma(normalize_token(word), lang) is not None
