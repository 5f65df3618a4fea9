"""Read-only string tables read in place from a file (memory-mapped) instead of unpickled.

A table is an open-addressing hash table of UTF-8 keys and values (header, uint32 slots, records):
opening it costs nothing and a lookup reads only the pages it touches, so a process that needs a
few entries of a large table (a short article) does not decode the whole table. Used for
simplemma's lemma dictionaries (:mod:`graphbuilder.extract.lemmas`) and the place/organisation
alias tables (:mod:`graphbuilder.keys`). Several tables can share one file (:func:`write_tables`,
:func:`open_tables`).
"""

from __future__ import annotations

import json
import mmap
import struct
import zlib
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Set
from pathlib import Path
from typing import Any, BinaryIO

_MAGIC = b"GBLEMMA1"
_HEADER = struct.Struct("<8sQQQ")  # magic, number of slots, number of entries, table size in bytes
_RECORD = struct.Struct("<HH")  # key length, value length (bytes)
_FILE_MAGIC = b"GBTABLS1"
_FILE_HEADER = struct.Struct("<8sQ")  # magic, length of the JSON index that follows
LIST_SEPARATOR = "\t"  # between the items of a list value (:class:`ListTable`)


def table_bytes(pairs: Iterable[tuple[bytes, bytes]]) -> bytes:
    """``pairs`` as one table: header, slots (uint32 record offsets from the table's start,
    0 = empty, linear probing, at most half full), records (key length, value length, key, value)."""
    items = list(pairs)
    nslots = 1 << max(4, (2 * len(items)).bit_length())
    mask = nslots - 1
    slots = array("I", bytes(4 * nslots))
    records = bytearray()
    base = _HEADER.size + 4 * nslots
    for key, value in items:
        i = zlib.crc32(key) & mask
        while slots[i]:
            i = (i + 1) & mask
        slots[i] = base + len(records)
        records += _RECORD.pack(len(key), len(value)) + key + value
    total = base + len(records)
    if total >= 1 << 32:
        raise ValueError("table too large for 32-bit offsets")
    return _HEADER.pack(_MAGIC, nslots, len(items), total) + slots.tobytes() + bytes(records)


def write_table(pairs: Iterable[tuple[bytes, bytes]], fh: BinaryIO) -> None:
    """Write ``pairs`` as one table filling a file (read back with :meth:`StringTable.open`)."""
    fh.write(table_bytes(pairs))


class StringTable(Mapping[str, str]):
    """Read-only str -> str mapping over a table :func:`table_bytes` wrote, at ``offset`` in
    ``buf`` (a memory map or bytes); with ``offset`` 0 the table must fill ``buf``."""

    def __init__(self, buf: Any, offset: int = 0) -> None:
        magic, nslots, count, total = _HEADER.unpack_from(buf, offset)
        if magic != _MAGIC or (len(buf) != total if offset == 0 else offset + total > len(buf)):
            raise ValueError("not a complete string table")
        self._buf = buf
        self._base = offset
        self._mask = nslots - 1
        self._count = count
        start = offset + _HEADER.size
        self._slots = memoryview(buf)[start:start + 4 * nslots].cast("I")

    @classmethod
    def open(cls, path: Path) -> StringTable:
        return cls(_map(path))

    def _find(self, key: bytes) -> int:
        """The offset of ``key``'s record in the buffer, 0 when absent."""
        buf, slots, mask, base = self._buf, self._slots, self._mask, self._base
        i = zlib.crc32(key) & mask
        n = len(key)
        while off := slots[i]:
            off += base
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
        buf, base = self._buf, self._base
        for off in self._slots:
            if off:
                off += base
                klen, _ = _RECORD.unpack_from(buf, off)
                yield buf[off + 4:off + 4 + klen].decode()

    def __len__(self) -> int:
        return self._count


class _TableView:
    """Membership, iteration and size of a view read from its :class:`StringTable`'s keys."""

    def __init__(self, table: StringTable) -> None:
        self._table = table

    def __contains__(self, key: object) -> bool:
        return key in self._table

    def __iter__(self) -> Iterator[str]:
        return iter(self._table)

    def __len__(self) -> int:
        return len(self._table)


class StringSet(_TableView, Set[str]):
    """A read-only set of strings: a :class:`StringTable` whose values are empty."""


class ListTable(_TableView, Mapping[str, list[str]]):
    """A read-only str -> list of str mapping: a :class:`StringTable` whose values are the items
    joined by :data:`LIST_SEPARATOR` (which no item contains). Each lookup returns a new list."""

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        value = self._table.get(key)
        return default if value is None else value.split(LIST_SEPARATOR)

    def __getitem__(self, key: str) -> list[str]:
        value = self.get(key)
        if value is None:
            raise KeyError(key)
        return value


def pairs_of(value: Mapping[str, Any] | Set[str]) -> Iterator[tuple[bytes, bytes]]:
    """The (key, value) UTF-8 pairs that store a dict of str or of lists of str, or a set of str."""
    if isinstance(value, Mapping):
        for k, v in value.items():
            if not isinstance(v, str):
                if any(LIST_SEPARATOR in item for item in v):
                    raise ValueError(f"a list item of {k!r} contains the separator")
                v = LIST_SEPARATOR.join(v)
            yield k.encode(), v.encode()
    else:
        for k in value:
            yield k.encode(), b""


def write_tables(tables: Mapping[str, Iterable[tuple[bytes, bytes]]], fh: BinaryIO) -> None:
    """Write several named tables into one file: magic, a JSON index (name -> offset), then the
    tables, each at an offset that is a multiple of 8."""
    blobs = {name: table_bytes(pairs) for name, pairs in tables.items()}
    index: dict[str, int] = {}
    probe = json.dumps({name: 1 << 40 for name in blobs}).encode()  # an upper bound of its length
    offset = -(-(_FILE_HEADER.size + len(probe)) // 8) * 8
    for name, blob in blobs.items():
        index[name] = offset
        offset += -(-len(blob) // 8) * 8
    head = json.dumps(index).encode()
    head += b" " * (len(probe) - len(head))
    fh.write(_FILE_HEADER.pack(_FILE_MAGIC, len(head)) + head)
    pos = _FILE_HEADER.size + len(head)
    for name, blob in blobs.items():
        fh.write(b"\0" * (index[name] - pos) + blob)
        pos = index[name] + len(blob)
    fh.write(b"\0" * (-pos % 8))


def open_tables(path: Path) -> dict[str, StringTable]:
    """The tables of a file :func:`write_tables` wrote, read in place (ValueError when damaged)."""
    return tables_of(_map(path))


def tables_of(buf: Any) -> dict[str, StringTable]:
    """The tables in ``buf`` (the bytes or memory map of a file :func:`write_tables` wrote)."""
    magic, n = _FILE_HEADER.unpack_from(buf, 0)
    if magic != _FILE_MAGIC:
        raise ValueError("not a string tables file")
    index = json.loads(bytes(buf[_FILE_HEADER.size:_FILE_HEADER.size + n]))
    return {name: StringTable(buf, offset) for name, offset in index.items()}


def valid_tables(path: Path) -> bool:
    """Whether ``path`` is a complete file of tables (every table's records inside the file)."""
    try:
        open_tables(path)
    except (OSError, ValueError, struct.error):
        return False
    return True


def valid_table(path: Path) -> bool:
    """Whether ``path`` is one complete table (:func:`write_table`)."""
    try:
        StringTable.open(path)
    except (OSError, ValueError, struct.error):
        return False
    return True


def cached_tables(name: str, sources: Iterable[Any],
                  build: Callable[[], Mapping[str, Iterable[tuple[bytes, bytes]]]]) -> dict[str, StringTable] | None:
    """The named tables ``build()`` gives (name -> its (key, value) pairs), written once into the
    compiled-resource cache (:func:`graphbuilder.cache.cached_file`, keyed by ``sources`` and this
    module) and read in place; None when the cache cannot be used or its file is damaged: the
    caller then builds the data in memory."""
    from graphbuilder.cache import cached_file

    path = cached_file(name, [*sources, __file__], lambda fh: write_tables(build(), fh), valid=valid_tables)
    if path is None:
        return None
    try:
        return open_tables(path)
    except (OSError, ValueError, struct.error):
        return None


def _map(path: Path) -> Any:
    with open(path, "rb") as fh:
        return mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
