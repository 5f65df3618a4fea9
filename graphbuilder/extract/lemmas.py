"""simplemma's lemmas and dictionary membership, read from a memory-mapped copy of its dictionaries.

simplemma decodes a language's whole dictionary (≈1.1M German word forms, 1.5–2 s of CPU) on the
first lookup, which made a one-article ``extract`` slow. Here each language's decoded dictionary is
written once into the compiled-resource cache (:func:`graphbuilder.cache.cached_file`, named by
simplemma's version and a hash of its data file) as an open-addressing hash table and memory-mapped:
opening it costs nothing and a lookup reads only the pages it touches. The lemmatisation itself is
simplemma's (its :class:`~simplemma.strategies.DefaultStrategy` over the same word -> lemma mapping),
so :func:`lemmatize` and :func:`is_known` give exactly what ``simplemma.lemmatize`` and
``simplemma.is_known`` give. Without a usable cache (``GRAPHBUILDER_NO_CACHE``, a read-only cache
directory) simplemma's own in-memory dictionary is used.
"""

from __future__ import annotations

import functools
import mmap
import struct
import sys
import zlib
from array import array
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, BinaryIO

_MAGIC = b"GBLEMMA1"
_HEADER = struct.Struct("<8sQQQ")  # magic, number of slots, number of entries, total file size
_RECORD = struct.Struct("<HH")  # key length, value length (bytes)


def _slot(key: bytes, mask: int) -> int:
    return zlib.crc32(key) & mask


def _write_table(pairs: Iterable[tuple[bytes, bytes]], fh: BinaryIO) -> None:
    """Write ``pairs`` as a hash table: header, slots (uint32 record offsets, 0 = empty, linear
    probing, at most half full), records (key length, value length, key, value)."""
    items = list(pairs)
    nslots = 1 << max(4, (2 * len(items)).bit_length())
    mask = nslots - 1
    slots = array("I", bytes(4 * nslots))
    records = bytearray()
    base = _HEADER.size + 4 * nslots
    for key, value in items:
        i = _slot(key, mask)
        while slots[i]:
            i = (i + 1) & mask
        slots[i] = base + len(records)
        records += _RECORD.pack(len(key), len(value)) + key + value
    total = base + len(records)
    if total >= 1 << 32:
        raise ValueError("dictionary too large for 32-bit offsets")
    fh.write(_HEADER.pack(_MAGIC, nslots, len(items), total))
    fh.write(slots.tobytes())
    fh.write(records)


class LemmaTable(Mapping[str, str]):
    """Read-only word -> lemma mapping over a table :func:`_write_table` wrote (a file, memory-mapped,
    or bytes). Keys and values are UTF-8, as in simplemma's own dictionaries."""

    def __init__(self, buf: Any) -> None:
        magic, nslots, count, total = _HEADER.unpack_from(buf, 0)
        if magic != _MAGIC or len(buf) != total:
            raise ValueError("not a complete lemma table")
        self._buf = buf
        self._mask = nslots - 1
        self._count = count
        self._slots = memoryview(buf)[_HEADER.size:_HEADER.size + 4 * nslots].cast("I")

    @classmethod
    def open(cls, path: Path) -> LemmaTable:
        with open(path, "rb") as fh:
            return cls(mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ))

    def _find(self, key: bytes) -> int:
        """The offset of ``key``'s record, 0 when absent."""
        buf, slots, mask = self._buf, self._slots, self._mask
        i = zlib.crc32(key) & mask
        n = len(key)
        while off := slots[i]:
            klen, _ = _RECORD.unpack_from(buf, off)
            if klen == n and buf[off + 4:off + 4 + n] == key:
                return off
            i = (i + 1) & mask
        return 0

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        off = self._find(key.encode())
        if not off:
            return default
        klen, vlen = _RECORD.unpack_from(self._buf, off)
        start = off + 4 + klen
        return self._buf[start:start + vlen].decode()

    def __getitem__(self, key: str) -> str:
        value = self.get(key)
        if value is None:
            raise KeyError(key)
        return value

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._find(key.encode()) != 0

    def __iter__(self) -> Iterator[str]:
        buf, slots = self._buf, self._slots
        for off in slots:
            if off:
                klen, _ = _RECORD.unpack_from(buf, off)
                yield buf[off + 4:off + 4 + klen].decode()

    def __len__(self) -> int:
        return self._count


def _simplemma_pairs(lang: str) -> Iterable[tuple[bytes, bytes]]:
    """simplemma's dictionary for ``lang`` as (word, lemma) UTF-8 pairs."""
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    mapping = DefaultDictionaryFactory(cache_max_size=0).get_dictionary(lang)
    raw = getattr(mapping, "_dict", None)  # simplemma >= 1.0 keeps bytes -> bytes underneath
    if isinstance(raw, dict):
        return raw.items()
    return ((k.encode(), v.encode()) for k, v in mapping.items())


def _sources(lang: str) -> list[Path]:
    import simplemma

    data = Path(simplemma.__file__).parent / "strategies" / "dictionaries" / "data"
    return [p for p in (data / f"{lang}.plzma", Path(__file__)) if p.exists()]


def _valid(path: Path) -> bool:
    with open(path, "rb") as fh:
        head = fh.read(_HEADER.size)
    if len(head) < _HEADER.size:
        return False
    magic, _, _, total = _HEADER.unpack(head)
    return magic == _MAGIC and path.stat().st_size == total


@functools.lru_cache(maxsize=None)
def dictionary(lang: str) -> Mapping[str, str]:
    """simplemma's word -> lemma dictionary of ``lang``: the memory-mapped cached table, else
    simplemma's own in-memory dictionary (cache disabled or not writable)."""
    import simplemma
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    from graphbuilder.cache import cached_file

    path = cached_file(f"lemmas-{lang}", _sources(lang), lambda fh: _write_table(_simplemma_pairs(lang), fh),
                       valid=_valid, extra=f"simplemma {simplemma.__version__} {sys.byteorder}")
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
    from simplemma import Lemmatizer
    from simplemma.strategies import DefaultStrategy

    return Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=_Factory()))


@functools.lru_cache(maxsize=1)
def _lookup() -> Any:
    from simplemma.strategies import DictionaryLookupStrategy

    return DictionaryLookupStrategy(_Factory())


def lemmatize(word: str, lang: str) -> str:
    """``simplemma.lemmatize(word, lang=lang)``."""
    return _lemmatizer().lemmatize(word, lang)


def is_known(word: str, lang: str) -> bool:
    """``simplemma.is_known(word, lang=lang)``: whether the dictionary knows the word."""
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
