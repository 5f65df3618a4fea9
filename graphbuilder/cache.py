"""On-disk cache of compiled resources (gazetteer automaton, alias tables, models).

:func:`cached` returns ``build()``'s result, built once and kept as a pickle under the user cache
directory (``$GRAPHBUILDER_CACHE_DIR``, else ``$XDG_CACHE_HOME/graphbuilder``, else
``~/.cache/graphbuilder``). The file name carries a hash of the data files the resource is built
from (and of the code that builds it, and the Python and graphbuilder versions), so a changed data
file is never served stale. Writing goes through a temporary file renamed into place, so two
processes building at once both succeed and a reader never sees half a file. Set
``GRAPHBUILDER_NO_CACHE=1`` to always build (nothing read or written). A cache that cannot be
written (read-only home) only costs the build time. :func:`cached_file` does the same for a
resource read in place (the memory-mapped lemma tables of :mod:`graphbuilder.extract.lemmas`).
Cached pickles load with the garbage collector paused and are then frozen (:func:`loads`). A
compiled regular expression (``re``) in a cached resource is kept with its compiled program
(:func:`dumps`), so loading it skips ``re``'s pattern compiler.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import io
import os
import pickle
import re
import stat
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

T = TypeVar("T")
_DIGESTS: dict[tuple[str, int, int], bytes] = {}


def cache_dir() -> Path:
    """Where compiled resources are kept."""
    if os.environ.get("GRAPHBUILDER_CACHE_DIR"):
        return Path(os.environ["GRAPHBUILDER_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "graphbuilder"


def _file_digest(path: str, st: os.stat_result) -> bytes:
    memo = (path, st.st_size, st.st_mtime_ns)
    if memo not in _DIGESTS:
        h = hashlib.blake2b(digest_size=16)
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
        _DIGESTS[memo] = h.digest()
    return _DIGESTS[memo]


def _walk(folder: str, out: list[tuple[Path, os.stat_result]]) -> None:
    """The files under ``folder`` (``__pycache__`` left out) with their stat results."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir():
                if entry.name != "__pycache__":
                    _walk(entry.path, out)
            elif entry.is_file():
                out.append((Path(entry.path), entry.stat()))


def _files(sources: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Each source file, and the files under each source folder in path order."""
    return [f for f, _ in _stat_files(sources)]


def _stat_files(sources: Iterable[str | os.PathLike[str]]) -> list[tuple[Path, os.stat_result]]:
    """:func:`_files` with their stat results."""
    out: list[tuple[Path, os.stat_result]] = []
    for s in sources:
        try:
            st = os.stat(s)
        except OSError:
            continue  # a missing source
        if stat.S_ISDIR(st.st_mode):
            found: list[tuple[Path, os.stat_result]] = []
            _walk(os.fspath(s), found)
            out.extend(sorted(found, key=lambda item: item[0]))
        else:
            out.append((Path(s), st))
    return out


def fingerprint(name: str, sources: Iterable[str | os.PathLike[str]], extra: str = "") -> str:
    """A hash of ``name``, the versions, ``extra`` and the contents of the ``sources`` (files or folders)."""
    from graphbuilder import __version__

    h = hashlib.blake2b(digest_size=12)
    h.update(f"{name}|{__version__}|{sys.version_info[:2]}|{pickle.HIGHEST_PROTOCOL}|{extra}".encode())
    for f, st in _stat_files(sources):
        h.update(f.name.encode() + b"\0" + _file_digest(str(f), st))
    return h.hexdigest()


try:  # what a compiled program depends on: the interpreter build and its regex engine
    import _sre

    _SRE_KEY: tuple[Any, ...] | None = (sys.version, sys.implementation.name, _sre.MAGIC, _sre.CODESIZE)
except (ImportError, AttributeError):  # not CPython: patterns are pickled as usual
    _SRE_KEY = None


def _pattern(pattern: str | bytes, flags: int, key: tuple[Any, ...] | None, args: tuple[Any, ...]) -> re.Pattern[Any]:
    """A compiled pattern from the program :func:`_pattern_reduce` kept (``re.compile`` when
    that was recorded by another interpreter)."""
    if key is not None and key == _SRE_KEY:
        try:
            return _sre.compile(*args)  # type: ignore[no-any-return]
        except Exception:  # pragma: no cover - same interpreter build, cannot differ
            pass
    return re.compile(pattern, flags)


def _pattern_reduce(p: re.Pattern[Any]) -> tuple[Any, ...] | None:
    """How to pickle ``p`` with its compiled program: what ``re``'s compiler hands to
    ``_sre.compile`` (recomputed here, and kept only when it gives a pattern equal to ``p``, i.e.
    the same program). None: pickle it as usual (recompiled on load)."""
    if _SRE_KEY is None:
        return None
    try:
        from re import _compiler, _parser  # type: ignore[attr-defined]

        parsed = _parser.parse(p.pattern, p.flags)
        code = _compiler._code(parsed, p.flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        args = (p.pattern, p.flags | parsed.state.flags, [int(c) for c in code], parsed.state.groups - 1, groupindex,
                tuple(indexgroup))
        if _sre.compile(*args) != p:  # equal patterns have the same flags and program
            return None
    except Exception:
        return None
    return _pattern, (p.pattern, p.flags, _SRE_KEY, args)


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        if type(obj) is re.Pattern:
            reduced = _pattern_reduce(obj)
            if reduced is not None:
                return reduced
        return NotImplemented


def dumps(value: Any) -> bytes:
    """Pickle a resource for the cache; its ``re`` patterns keep their compiled programs."""
    buf = io.BytesIO()
    _Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return buf.getvalue()


_RE_COMPILE = re.compile


@contextlib.contextmanager
def compiled_patterns(name: str) -> Iterator[None]:
    """Serve the ``re.compile`` calls this thread makes inside the block (the module-level
    patterns of the modules it imports) from the compiled-resource cache: each is kept with its
    compiled program (:func:`_pattern_reduce`) in ``<name>-<hash>.pickle``, keyed by the pattern
    text and flags, so the result is what ``re.compile`` gives. A pattern not found is compiled
    as usual, and the file is then rewritten with the patterns this block used."""
    if _SRE_KEY is None or os.environ.get("GRAPHBUILDER_NO_CACHE"):
        yield
        return
    path = cache_dir() / f"{name}-{fingerprint(name, [], repr(_SRE_KEY))}.pickle"
    try:
        with open(path, "rb") as fh:
            known: dict[tuple[Any, int], tuple[Any, ...]] = _unpickle(fh)
    except Exception:  # missing or damaged: compiled as usual and written anew
        known = {}
    used: dict[tuple[Any, int], tuple[Any, ...] | None] = {}
    compile_, outer = _RE_COMPILE, re.compile
    thread = threading.get_ident()

    def cached_compile(pattern: Any, flags: int = 0) -> re.Pattern[Any]:
        if threading.get_ident() != thread or not isinstance(pattern, (str, bytes)):
            return compile_(pattern, flags)
        key = (pattern, int(flags))
        args = known.get(key)
        if args is not None:
            try:
                compiled = _sre.compile(*args)
                used[key] = args
                return compiled  # type: ignore[no-any-return]
            except Exception:  # pragma: no cover - same interpreter build
                pass
        compiled = compile_(pattern, flags)
        reduced = _pattern_reduce(compiled)
        used[key] = reduced[1][3] if reduced is not None else None
        return compiled

    re.compile = cached_compile  # type: ignore[assignment]
    try:
        yield
    finally:
        if re.compile is cached_compile:
            re.compile = outer  # type: ignore[assignment]
    if any(key not in known for key in used):  # keep what other processes found too
        keep = {**(known if len(known) < 10_000 else {}),
                **{key: args for key, args in used.items() if args is not None}}
        data = pickle.dumps(keep, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            _write_atomically(path, name, lambda fh: fh.write(data))
        except OSError:
            pass


def _unpickle(fh: BinaryIO) -> Any:
    return loads(fh.read())


def loads(data: bytes) -> Any:
    """Unpickle one of our cached resources with the cyclic garbage collector paused, then move
    what exists to the permanent generation (:func:`gc.freeze`): these tables live as long as the
    process, and collecting over their million objects was a third of a short run's start-up."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        value = pickle.loads(data)  # noqa: S301 (our own file, named by the hash of its inputs)
        gc.freeze()
        return value
    finally:
        if enabled:
            gc.enable()


def _write_atomically(path: Path, name: str, write: Callable[[BinaryIO], None]) -> None:
    """``write`` into a temporary file renamed onto ``path``, then drop stale versions of resource
    ``name``. Raises OSError when the directory cannot be written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{name}-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
        os.replace(tmp, path)  # atomic: a concurrent builder's file is as good as ours
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    for old in path.parent.glob(f"{name}-*{path.suffix}"):  # stale versions of this resource
        if old != path:
            try:
                old.unlink()
            except OSError:
                pass


def cached(name: str, sources: Iterable[str | os.PathLike[str]], build: Callable[[], T], extra: str = "") -> T:
    """``build()``, or its pickle from the cache when the ``sources`` (and ``extra``, hashed into
    the name with them) are unchanged."""
    if os.environ.get("GRAPHBUILDER_NO_CACHE"):
        return build()
    path = cache_dir() / f"{name}-{fingerprint(name, sources, extra)}.pickle"
    try:
        with open(path, "rb") as fh:
            return _unpickle(fh)
    except FileNotFoundError:
        pass
    except Exception:  # a damaged cache file: build again and replace it
        pass
    value = build()
    try:
        data = dumps(value)
        _write_atomically(path, name, lambda fh: fh.write(data))
    except OSError:
        pass  # read-only cache directory: the resource is still built
    return value


def cached_file(name: str, sources: Iterable[str | os.PathLike[str]], write: Callable[[BinaryIO], None],
                valid: Callable[[Path], bool] = lambda _p: True, extra: str = "",
                suffix: str = ".bin") -> Path | None:
    """The path of a cache file ``write`` fills (for resources read in place, e.g. memory-mapped),
    built when missing or when ``valid(path)`` is false; ``extra`` (e.g. a library version) is
    hashed into the name with the ``sources``. None when the cache is disabled or cannot be
    written: the caller then builds the resource in memory."""
    if os.environ.get("GRAPHBUILDER_NO_CACHE"):
        return None
    path = cache_dir() / f"{name}-{fingerprint(name, sources, extra)}{suffix}"
    try:
        if path.is_file() and valid(path):
            return path
    except Exception:  # an unreadable or damaged file: build again
        pass
    try:
        _write_atomically(path, name, write)
    except OSError:
        return None
    return path
