"""Read articles from files, directories or stdin into :class:`Document` models.

Formats: ``.txt``/``.md`` (title from the leading headline paragraph), ``.html``/``.htm``
(main text via trafilatura when importable, else a small lxml extractor; title and publish
date from meta tags), ``.json`` (one object or a list) and ``.jsonl`` (one object a line),
directories (recursive, sorted, hidden files skipped; symlinked folders followed once, loops
skipped and named) and ``-`` for stdin (JSON lines or plain text, sniffed). One bad file or
line never stops the stream: it yields a :class:`ReadError`; things worth knowing that do not
stop a document (replaced bytes, a ``published`` value not used, a skipped special file)
yield a :class:`ReadNotice`.

Honest decoding (files and stdin alike): UTF-8 (BOM or not) stays UTF-8; invalid bytes in an
otherwise UTF-8 text are replaced by U+FFFD and named (count, first byte offset). Only a text
that is clearly not UTF-8 (no valid multi-byte sequence, or invalid bytes outnumbering the
valid sequences more than 4:1) is read as cp1252 (latin-1 for bytes cp1252 leaves undefined).

Limits (:mod:`graphbuilder.limits`): a file or stdin larger than ``max_bytes`` is refused
unread, JSON nested deeper than ``max_json_depth`` is refused, reading one file stops after
``timeout_s``. FIFOs, devices and sockets are never opened: named and skipped. The graph
store's own files (``exclude``, plus ``*.db``/``-wal``/``-shm``/``-journal`` and
``*.decisions.json`` met while walking a folder) are never read as input.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import json
import os
import re
import stat
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TextIO

from graphbuilder.errors import DocumentTimeout, UsageError
from graphbuilder.limits import Limits, json_depth_exceeds, time_limit
from graphbuilder.models import Document

TEXT_EXTENSIONS = {".txt", ".md", ".markdown", ".text"}
HTML_EXTENSIONS = {".html", ".htm", ".xhtml"}
JSON_EXTENSIONS = {".json"}
JSONL_EXTENSIONS = {".jsonl", ".ndjson"}
# Files skipped when walking a directory (read only when named explicitly).
_DIRECTORY_SKIP = re.compile(r"^(readme|license|licence|copying|changelog|notice)(\.|$)", re.I)
# Graph store files: never article input, even when named.
_STORE_FILE = re.compile(r"(\.(db|sqlite|sqlite3)(-wal|-shm|-journal)?|\.decisions\.json)$", re.I)
_RECORD_FIELDS = ("id", "title", "text", "published", "url", "source", "language")
_PUBLISHED_ALIASES = ("published", "date", "published_at", "publish_date", "pubdate", "datePublished")
_TEXT_ALIASES = ("text", "body", "content")
# plausible publication dates: not before this, not more than this many days after today
EARLIEST_PUBLISHED = dt.date(1800, 1, 1)
FUTURE_TOLERANCE_DAYS = 2


class ReadError(Exception):
    """One input (file, line or record) that could not be read."""

    def __init__(self, path: str, problem: str, line: int | None = None) -> None:
        self.path = path
        self.problem = f"line {line}: {problem}" if line is not None else problem
        self.line = line
        super().__init__(f"{path}: {self.problem}")

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"


@dataclass(frozen=True)
class ReadNotice:
    """Something worth telling about an input that did not stop it (or a skipped file)."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass
class ReadResult:
    documents: list[Document] = field(default_factory=list)
    errors: list[ReadError] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def check_inputs(paths: Sequence[str]) -> None:
    """Raise :class:`UsageError` naming every input path that does not exist (``-`` is stdin)."""
    missing = [p for p in paths if p != "-" and not os.path.lexists(p)]
    if missing:
        raise UsageError("no such file or directory: " + ", ".join(repr(p) for p in missing))


def store_files(store: str | os.PathLike[str] | None, *others: str | os.PathLike[str] | None) -> set[str]:
    """Real paths of a SQLite store's files (db, -wal, -shm, -journal) and of ``others``."""
    out: set[str] = set()
    if store and os.fspath(store) != ":memory:":
        base = os.path.realpath(os.fspath(store))
        out |= {base, base + "-wal", base + "-shm", base + "-journal"}
    out |= {os.path.realpath(os.fspath(o)) for o in others if o}
    return out


def read_paths(
    paths: Sequence[str],
    stdin: TextIO | None = None,
    reference_date: dt.date | None = None,
    language: str | None = None,
    *,
    limits: Limits | None = None,
    exclude: Iterable[str] = (),
) -> Iterator[Document | ReadError | ReadNotice]:
    """Stream documents (or ReadErrors / ReadNotices) from files, directories and ``-``.

    ``published`` is the metadata date when it is plausible, else ``reference_date``
    (``meta["date_source"]`` tells which), never today. ``language`` forces the language; else
    a record's ``language`` field is kept (``None`` otherwise: detection is a later stage).
    ``exclude``: real paths never read (the store's own files, see :func:`store_files`).
    """
    limits = limits or Limits()
    excluded = set(exclude)
    for path in paths:
        if path == "-":
            yield from _guarded("<stdin>", limits, lambda: _read_stdin(stdin, reference_date, language, limits))
            continue
        if os.path.isdir(path):
            for item in _walk(path):
                if isinstance(item, ReadNotice):
                    yield item
                else:
                    yield from _read_file(item, reference_date, language, limits, excluded, explicit=False)
        elif os.path.lexists(path):
            yield from _read_file(path, reference_date, language, limits, excluded, explicit=True)
        else:
            yield ReadError(path, "no such file or directory")


def read_all(
    paths: Sequence[str],
    stdin: TextIO | None = None,
    reference_date: dt.date | None = None,
    language: str | None = None,
    *,
    limits: Limits | None = None,
    exclude: Iterable[str] = (),
) -> ReadResult:
    """Collect :func:`read_paths` into documents, errors and notices."""
    result = ReadResult()
    for item in read_paths(paths, stdin, reference_date, language, limits=limits, exclude=exclude):
        if isinstance(item, ReadError):
            result.errors.append(item)
        elif isinstance(item, ReadNotice):
            result.notices.append(str(item))
        else:
            result.documents.append(item)
    return result


def _guarded(where: str, limits: Limits, produce: Any) -> list[Document | ReadError | ReadNotice]:
    """Run one input's reader to the end inside its own guard and time limit."""
    try:
        with time_limit(limits.timeout_s, f"reading {where}"):
            return list(produce())
    except DocumentTimeout as exc:
        return [ReadError(where, str(exc).split(": ", 1)[-1])]
    except RecursionError:
        return [ReadError(where, "input nested too deeply to parse")]
    except MemoryError:
        return [ReadError(where, "out of memory while reading (lower --max-bytes)")]
    except Exception as exc:  # one broken input never stops a batch
        return [ReadError(where, f"cannot read ({type(exc).__name__}: {exc})")]


# ---------------------------------------------------------------------------
# files and directories


def _walk(root: str) -> Iterator[str | ReadNotice]:
    """Files under ``root``: sorted, hidden and boilerplate files skipped; symlinked folders
    followed once (a folder reached again, e.g. through a link loop, is named and skipped)."""
    seen: dict[tuple[int, int], str] = {}
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            st = os.stat(folder)
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            yield ReadNotice(folder, f"skipped: cannot list folder ({exc.strerror or exc})")
            continue
        key = (st.st_dev, st.st_ino)
        if key in seen:
            yield ReadNotice(folder, f"skipped: same folder as {seen[key]} (symlink loop or second link)")
            continue
        seen[key] = folder
        subdirs = []
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir(follow_symlinks=True)
            except OSError:
                is_dir = False
            if is_dir:
                subdirs.append(entry.path)
            elif entry.is_symlink() and not os.path.exists(entry.path):
                yield ReadNotice(entry.path, "skipped: broken symbolic link")
            elif _STORE_FILE.search(name):
                yield ReadNotice(entry.path, "skipped: a graph store file, not an article")
            elif not _DIRECTORY_SKIP.match(name):
                yield entry.path
        stack.extend(reversed(subdirs))


_FILE_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
               (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def _special_kind(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _FILE_KINDS if test(mode)), "not a regular file")


def _read_file(
    path: str, reference_date: dt.date | None, language: str | None, limits: Limits,
    exclude: set[str], explicit: bool,
) -> Iterator[Document | ReadError | ReadNotice]:
    if os.path.realpath(path) in exclude or (explicit and _STORE_FILE.search(path)):
        yield (ReadError if explicit else ReadNotice)(path, "skipped: a graph store file, not an article")
        return
    try:
        kind = _special_kind(os.stat(path).st_mode)
    except OSError as exc:
        yield ReadError(path, f"cannot read file ({exc.strerror or exc})")
        return
    if kind is not None:  # never opened: a FIFO would block forever, a device never end
        message = f"skipped: {kind}, not a regular file"
        yield (ReadError(path, message + " (use - to read stdin)") if explicit else ReadNotice(path, message))
        return
    if os.path.splitext(path)[1].lower() in JSONL_EXTENSIONS and _size(path) > STREAM_BYTES:
        yield from _stream_jsonl(path, reference_date, language, limits)
        return
    yield from _guarded(path, limits, lambda: _read_regular(path, reference_date, language, limits))


STREAM_BYTES = 1_000_000  # JSON-lines files larger than this are read record by record


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _stream_jsonl(
    path: str, reference_date: dt.date | None, language: str | None, limits: Limits,
) -> Iterator[Document | ReadError | ReadNotice]:
    """A large JSON-lines file, one record at a time (memory does not grow with the file):
    ``--max-bytes`` and the time limit apply to each record; each line is decoded on its own
    (UTF-8, else cp1252, as :func:`decode_bytes`)."""
    try:
        fh = open(path, "rb")  # noqa: SIM115 (closed below; the generator may be abandoned)
    except OSError as exc:
        yield ReadError(path, f"cannot read file ({exc.strerror or exc})")
        return
    with fh:
        head = fh.read(8192)
        if head.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_binary(head):
            # UTF-16 or binary: the whole-file reader says what is wrong with it
            yield from _guarded(path, limits, lambda: _read_regular(path, reference_date, language, limits))
            return
        fh.seek(0)
        seen = False
        for lineno, data in enumerate(fh, start=1):
            if not data.strip():
                continue
            seen = True
            if limits.max_bytes and len(data) > limits.max_bytes:
                yield ReadError(path, _too_big(len(data), limits.max_bytes), line=lineno)
                continue
            raw, encoding, notes = decode_bytes(data[3:] if lineno == 1 and data.startswith(b"\xef\xbb\xbf") else data)
            for note in notes:
                yield ReadNotice(path, f"line {lineno}: {note}")
            ctx = _Context(path, encoding, [], reference_date, language, limits)
            yield from _guarded(f"{path} line {lineno}", limits,
                                lambda: _jsonl_line(raw.rstrip("\r\n"), lineno, ctx))
        if not seen:
            yield ReadError(path, "empty file")


def _read_regular(
    path: str, reference_date: dt.date | None, language: str | None, limits: Limits,
) -> Iterator[Document | ReadError | ReadNotice]:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        yield ReadError(path, f"cannot read file ({exc.strerror or exc})")
        return
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):  # swapped after the check above
            yield ReadError(path, "skipped: not a regular file")
            return
        if limits.max_bytes and st.st_size > limits.max_bytes:
            yield ReadError(path, _too_big(st.st_size, limits.max_bytes))
            return
        data = fh.read(limits.max_bytes + 1 if limits.max_bytes else -1)
    if limits.max_bytes and len(data) > limits.max_bytes:
        yield ReadError(path, _too_big(len(data), limits.max_bytes))
        return
    if not data.strip():
        yield ReadError(path, "empty file")
        return
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            raw, encoding, notes = data.decode("utf-16"), "utf-16", []
        except UnicodeDecodeError:
            yield ReadError(path, "invalid UTF-16 text")
            return
    elif _looks_binary(data):
        yield ReadError(path, "binary file, not a text article")
        return
    else:
        raw, encoding, notes = decode_bytes(data)
    if not raw.strip():
        yield ReadError(path, "empty file")
        return
    for note in notes:
        yield ReadNotice(path, note)
    ext = os.path.splitext(path)[1].lower()
    ctx = _Context(path, encoding, [], reference_date, language, limits)
    if ext in JSONL_EXTENSIONS:
        yield from _read_jsonl(raw, ctx)
    elif ext in JSON_EXTENSIONS:
        yield from _read_json(raw, ctx)
    elif ext in HTML_EXTENSIONS or (ext not in TEXT_EXTENSIONS and _looks_html(raw)):
        yield from _read_html(raw, ctx)
    else:
        yield _read_text(raw, ctx, markdown=ext in {".md", ".markdown"})


def _too_big(size: int, limit: int) -> str:
    return f"{size:,} bytes or more exceeds the size limit of {limit:,} bytes (raise it with --max-bytes)"


def _read_stdin(
    stdin: TextIO | None, reference_date: dt.date | None, language: str | None, limits: Limits,
) -> Iterator[Document | ReadError | ReadNotice]:
    if stdin is None:
        import sys

        stdin = sys.stdin
    where = "<stdin>"
    binary = getattr(stdin, "buffer", None)
    cap = limits.max_bytes + 1 if limits.max_bytes else -1
    encoding = "utf-8"
    if binary is not None:  # bytes: the same honest decoding as files
        data = binary.read(cap)
        if limits.max_bytes and len(data) > limits.max_bytes:
            yield ReadError(where, _too_big(len(data), limits.max_bytes))
            return
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            raw, encoding, notes = data.decode("utf-16", errors="replace"), "utf-16", []
        else:
            raw, encoding, notes = decode_bytes(data)
        for note in notes:
            yield ReadNotice(where, note)
    else:
        raw = stdin.read(cap)
        if limits.max_bytes and len(raw) > limits.max_bytes:
            yield ReadError(where, _too_big(len(raw), limits.max_bytes))
            return
    if raw.startswith("\ufeff"):
        raw = raw[1:]
    ctx = _Context(where, encoding, [], reference_date, language, limits)
    if not raw.strip():
        yield ReadError(where, "empty input")
        return
    head = raw.lstrip()[:1]
    if head == "[":
        yield from _read_json(raw, ctx)
    elif head == "{":
        try:
            json.loads(raw)
        except RecursionError:
            yield ReadError(where, f"JSON nested deeper than {limits.max_json_depth} levels")
            return
        except ValueError:
            yield from _read_jsonl(raw, ctx)
        else:
            yield from _read_json(raw, ctx)
    elif _looks_html(raw):
        yield from _read_html(raw, ctx)
    else:
        yield _read_text(raw, ctx, markdown=False)


@dataclass
class _Context:
    path: str
    encoding: str
    notices: list[str]
    reference_date: dt.date | None
    language: str | None
    limits: Limits = field(default_factory=Limits)


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return control > max(2, len(head) // 100)


_VALID_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}")
_bad_bytes = threading.local()


def _record_bad(exc: UnicodeError) -> tuple[str, int]:
    assert isinstance(exc, UnicodeDecodeError)
    _bad_bytes.spans.append((exc.start, exc.end))
    return "\ufffd", exc.end


codecs.register_error("graphbuilder-replace", _record_bad)


def decode_bytes(data: bytes) -> tuple[str, str, list[str]]:
    """``(text, encoding, notices)``: UTF-8 (invalid bytes replaced and named) unless the
    bytes are clearly not UTF-8, then cp1252 (latin-1 for bytes cp1252 leaves undefined)."""
    bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    body = data[bom:]
    try:
        return body.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    valid = sum(1 for _ in _VALID_MULTIBYTE.finditer(body))
    _bad_bytes.spans = []
    try:
        text = body.decode("utf-8", errors="graphbuilder-replace")
        spans = _bad_bytes.spans
    finally:
        _bad_bytes.spans = []
    bad = sum(end - start for start, end in spans)
    if valid and bad <= 4 * valid:
        first = spans[0][0] + bom
        return text, "utf-8", [f"{bad} invalid UTF-8 byte(s) replaced by U+FFFD "
                               f"(first at byte offset {first}); the rest read as UTF-8"]
    try:
        text, encoding = body.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        text, encoding = body.decode("latin-1"), "latin-1"
    return text, encoding, [f"not UTF-8 ({bad} byte(s) invalid as UTF-8, {valid} valid "
                            f"multi-byte sequence(s)), read as {encoding}"]


def _looks_html(raw: str) -> bool:
    head = raw.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in raw)


# ---------------------------------------------------------------------------
# documents


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def bare_id(digest: str) -> str:
    """The id of an article read without one (a plain text file): its text's hash, shortened."""
    return digest[:16]


def _make_document(
    ctx: _Context,
    text: str,
    *,
    doc_id: str | None = None,
    title: str | None = None,
    published: dt.date | None = None,
    url: str | None = None,
    source: str | None = None,
    language: str | None = None,
    meta: dict[str, Any] | None = None,
    path: str | None = None,
) -> Document:
    digest = content_hash(text)
    meta = dict(meta or {})
    meta["content_hash"] = digest
    if ctx.notices:
        meta["notices"] = list(ctx.notices)
    if published is not None:
        meta["date_source"] = "metadata"
    elif ctx.reference_date is not None:
        published = ctx.reference_date
        meta["date_source"] = "reference-date"
    return Document(
        id=doc_id or bare_id(digest),
        text=text,
        title=title,
        url=url,
        source=source,
        published=published,
        language=normalise_language(ctx.language or language),
        path=path or ctx.path,
        encoding=ctx.encoding,
        meta=meta,
    )


_PARAGRAPH = re.compile(r"\n[ \t\r]*\n")


def _read_text(raw: str, ctx: _Context, markdown: bool) -> Document | ReadError:
    if not raw.strip():
        return ReadError(ctx.path, "empty text")
    title, kicker = text_title(raw, markdown=markdown)
    meta = {"kicker": kicker} if kicker else {}
    return _make_document(ctx, raw, title=title, meta=meta)


def text_title(text: str, markdown: bool = False) -> tuple[str | None, str | None]:
    """Return ``(title, kicker)`` from the leading headline-like paragraph(s).

    The title is the first non-empty paragraph when it is short and has no final full stop;
    a one/two-word first paragraph followed by another headline-like one is a section kicker
    ("Europa") and the next paragraph is the title.
    """
    paragraphs = [p.strip() for p in _PARAGRAPH.split(text[:2000]) if p.strip()]
    heads: list[str] = []
    for p in paragraphs[:3]:
        lines = p.splitlines()
        line = lines[0].strip()
        if markdown:
            line = re.sub(r"^#{1,6}\s*", "", line)
        if len(line) > 200 or line.endswith((".", ":", ",", ";", "-", "–")):
            break
        if len(lines) > 1:  # "Headline\nBody …": the first line is the title unless it runs on
            if not heads and not lines[1].lstrip()[:1].islower():
                heads.append(line)
            break
        heads.append(line)
    if not heads:
        return None, None
    if len(heads) > 1 and len(heads[0].split()) <= 2 and len(heads[1].split()) >= 3:
        return heads[1], heads[0]
    return heads[0], None


# ---------------------------------------------------------------------------
# JSON / JSONL


def _too_deep(ctx: _Context) -> str:
    return f"JSON nested deeper than {ctx.limits.max_json_depth} levels"


def _read_jsonl(raw: str, ctx: _Context) -> Iterator[Document | ReadError | ReadNotice]:
    seen = False
    for lineno, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        seen = True
        yield from _jsonl_line(line, lineno, ctx)
    if not seen:
        yield ReadError(ctx.path, "empty file")


def _jsonl_line(line: str, lineno: int, ctx: _Context) -> Iterator[Document | ReadError | ReadNotice]:
    """The document (or error) of one JSON line."""
    try:
        record = json.loads(line)
    except RecursionError:
        yield ReadError(ctx.path, _too_deep(ctx), line=lineno)
        return
    except ValueError as exc:
        yield ReadError(ctx.path, f"malformed JSON ({exc.args[0] if exc.args else exc})", line=lineno)
        return
    if json_depth_exceeds(record, ctx.limits.max_json_depth):
        yield ReadError(ctx.path, _too_deep(ctx), line=lineno)
        return
    yield from _record_document(record, ctx, where=lineno)


def _read_json(raw: str, ctx: _Context) -> Iterator[Document | ReadError | ReadNotice]:
    try:
        data = json.loads(raw)
    except RecursionError:
        yield ReadError(ctx.path, _too_deep(ctx))
        return
    except ValueError as exc:
        lines = [line for line in raw.splitlines() if line.strip()]
        if len(lines) > 1 and all(line.lstrip().startswith("{") for line in lines):
            yield from _read_jsonl(raw, ctx)  # JSON lines saved as .json
        else:
            yield ReadError(ctx.path, f"malformed JSON ({exc})")
        return
    records = data if isinstance(data, list) else [data]
    if not records:
        yield ReadError(ctx.path, "empty JSON list")
    for index, record in enumerate(records):
        where = None if len(records) == 1 else index
        depth = ctx.limits.max_json_depth - (0 if isinstance(data, dict) else 1)
        if json_depth_exceeds(record, depth):
            yield ReadError(ctx.path, f"record {where}: {_too_deep(ctx)}" if where is not None
                            else _too_deep(ctx))
            continue
        yield from _record_document(record, ctx, where=where, unit="record")


def _record_document(
    record: Any, ctx: _Context, where: int | None, unit: str = "line"
) -> list[Document | ReadError | ReadNotice]:
    """One JSON object as a Document (after its notices); ``where`` is its line (JSONL) or
    list index (JSON)."""
    def error(problem: str) -> list[Document | ReadError | ReadNotice]:
        if unit == "line":
            return [ReadError(ctx.path, problem, line=where)]
        return [ReadError(ctx.path, f"record {where}: {problem}" if where is not None else problem)]

    if not isinstance(record, dict):
        return error(f"expected a JSON object, got {type(record).__name__}")
    text_key = next((k for k in _TEXT_ALIASES if isinstance(record.get(k), str)), None)
    text = record.get(text_key) if text_key else None
    if not text or not text.strip():
        return error("record has no text")
    if text.startswith("\ufeff"):
        text = text[1:]
    path = ctx.path if where is None else f"{ctx.path}:{where}"  # line or record index
    notices: list[Document | ReadError | ReadNotice] = []
    date_key = next((k for k in _PUBLISHED_ALIASES if k in record and record[k] not in (None, "")), None)
    published, problem = published_date(record.get(date_key)) if date_key else (None, None)
    if problem:
        notices.append(ReadNotice(path, f"{date_key} {problem}; not used"))
    meta = {k: v for k, v in record.items() if k not in _RECORD_FIELDS and k != text_key}
    if date_key and date_key != "published":
        meta.pop(date_key, None)
    if date_key and published is None:
        meta["unparsed_published"] = record.get(date_key)
    title = record.get("title") if isinstance(record.get("title"), str) else None
    kicker = None
    if title is None:
        title, kicker = text_title(text)
        if kicker:
            meta.setdefault("kicker", kicker)
    rec_id = record.get("id")
    return [*notices, _make_document(
        ctx,
        text,
        doc_id=str(rec_id) if rec_id not in (None, "") else None,
        title=title,
        published=published,
        url=_str_or_none(record.get("url")),
        source=_str_or_none(record.get("source")),
        language=_str_or_none(record.get("language")),
        meta=meta,
        path=path,
    )]


_LANGUAGE_NAMES = {
    "german": "de", "deutsch": "de", "ger": "de", "deu": "de",
    "english": "en", "englisch": "en", "eng": "en",
}


def normalise_language(value: str | None) -> str | None:
    """``"de-DE"``/``"German"``/``"EN"`` -> ``"de"``/``"de"``/``"en"``; other tags lower-cased."""
    if not value:
        return None
    low = value.strip().lower()
    if low in _LANGUAGE_NAMES:
        return _LANGUAGE_NAMES[low]
    primary = re.split(r"[-_]", low, maxsplit=1)[0]
    return primary if 2 <= len(primary) <= 3 and primary.isalpha() else low


def _str_or_none(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DMY_DATE = re.compile(r"(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})")


def published_date(value: Any, today: dt.date | None = None) -> tuple[dt.date | None, str | None]:
    """``(date, None)`` for a plausible publication date, else ``(None, problem)``: not a date
    (booleans, unparseable text), before :data:`EARLIEST_PUBLISHED` or in the future (more than
    :data:`FUTURE_TOLERANCE_DAYS` after ``today``)."""
    date = parse_date(value)
    if date is None:
        shown = json.dumps(value, ensure_ascii=False) if isinstance(value, (bool, int, float)) else repr(value)
        return None, f"value {_clip(shown)} is not a date"
    latest = (today or dt.date.today()) + dt.timedelta(days=FUTURE_TOLERANCE_DAYS)
    if date < EARLIEST_PUBLISHED:
        return None, f"{date.isoformat()} is implausible (before {EARLIEST_PUBLISHED.year})"
    if date > latest:
        return None, f"{date.isoformat()} is implausible (in the future)"
    return date, None


def _clip(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def parse_date(value: Any) -> dt.date | None:
    """Parse an ISO date/datetime (or ``D.M.YYYY``, RFC 2822, Unix seconds or milliseconds)
    robustly; keep only the date. Booleans are not dates."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not value == value:  # NaN
            return None
        seconds = value / 1000 if abs(value) >= 100_000_000_000 else value  # milliseconds
        try:
            return dt.datetime.fromtimestamp(seconds, tz=dt.timezone.utc).date()
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()
    for pattern, order in ((_ISO_DATE, (1, 2, 3)), (_DMY_DATE, (3, 2, 1))):
        m = pattern.search(text)
        if m:
            try:
                return dt.date(*(int(m.group(i)) for i in order))
            except ValueError:
                continue
    try:
        from email.utils import parsedate_to_datetime

        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None


# ---------------------------------------------------------------------------
# HTML

_DATE_META = (
    "article:published_time", "og:published_time", "published_time", "datepublished",
    "date", "pubdate", "publishdate", "publish_date", "publication_date", "dc.date",
    "dc.date.issued", "dcterms.date", "dcterms.issued", "sailthru.date", "parsely-pub-date",
)
_TITLE_META = ("og:title", "twitter:title", "dc.title", "title", "headline")


def _read_html(raw: str, ctx: _Context) -> list[Document | ReadError | ReadNotice]:
    try:
        from lxml import html as lxml_html

        parser = lxml_html.HTMLParser(encoding="utf-8")
        tree = lxml_html.document_fromstring(raw.encode("utf-8"), parser=parser)
    except Exception as exc:  # lxml raises several types for hopeless markup
        return [ReadError(ctx.path, f"cannot parse HTML ({exc})")]
    meta_tags = _meta_tags(tree)
    title = next((meta_tags[k] for k in _TITLE_META if meta_tags.get(k)), None)
    if not title:
        node = tree.find(".//title")
        title = node.text_content().strip() if node is not None else None
    found = _html_date(tree, meta_tags)
    published, problem = published_date(found) if found else (None, None)
    notices: list[Document | ReadError | ReadNotice] = (
        [ReadNotice(ctx.path, f"publication date {problem}; not used")] if problem else [])
    text = _html_main_text(raw, tree)
    if not text.strip():
        return [ReadError(ctx.path, "no article text found in HTML")]
    meta: dict[str, Any] = {"format": "html"}
    lang = tree.get("lang")
    url = meta_tags.get("og:url")
    link = tree.find(".//link[@rel='canonical']")
    if link is not None and link.get("href"):
        url = link.get("href")
    return [*notices, _make_document(
        ctx, text, title=title or None, published=published, url=url,
        source=meta_tags.get("og:site_name"),
        language=lang.split("-")[0].lower() if lang else None, meta=meta,
    )]


def _meta_tags(tree: Any) -> dict[str, str]:
    found: dict[str, str] = {}
    for node in tree.iter("meta"):
        key = node.get("property") or node.get("name") or node.get("itemprop")
        value = node.get("content")
        if key and value and key.lower() not in found:
            found[key.lower()] = value.strip()
    return found


def _html_date(tree: Any, meta_tags: dict[str, str]) -> dt.date | None:
    for key in _DATE_META:
        if meta_tags.get(key):
            date = parse_date(meta_tags[key])
            if date:
                return date
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json" and script.text:
            m = re.search(r'"datePublished"\s*:\s*"([^"]+)"', script.text)
            if m and parse_date(m.group(1)):
                return parse_date(m.group(1))
    times = list(tree.iter("time"))
    preferred = [t for t in times if t.get("pubdate") is not None or "pub" in (t.get("class") or "")]
    for node in preferred + times:
        date = parse_date(node.get("datetime"))
        if date:
            return date
    return None


def _html_main_text(raw: str, tree: Any) -> str:
    """Main text as paragraphs separated by blank lines (trafilatura, else lxml fallback)."""
    text = None
    try:
        import trafilatura

        text = trafilatura.extract(
            raw, include_comments=False, include_tables=False, include_images=False,
            include_links=False, deduplicate=False, favor_precision=True,
        )
    except Exception:  # trafilatura missing or broken install: use the fallback
        text = None
    if not text:
        text = _lxml_text(tree)
    paragraphs = [p.strip() for p in text.splitlines() if p.strip()]
    return "\n\n".join(paragraphs)


_BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "li", "blockquote")
_DROP_TAGS = (
    "script", "style", "nav", "header", "footer", "aside", "form", "noscript", "template", "figure",
)


def _lxml_text(tree: Any) -> str:
    root = tree
    for tag in (".//article", ".//main", ".//body"):
        found = tree.find(tag)
        if found is not None:
            root = found
            break
    for bad in list(root.iter(*_DROP_TAGS)):
        if bad.getparent() is not None:
            bad.getparent().remove(bad)
    blocks = [el for el in root.iter(*_BLOCK_TAGS) if not any(a.tag in _BLOCK_TAGS for a in el.iterancestors())]
    parts = [" ".join(el.text_content().split()) for el in blocks]
    return "\n".join(p for p in parts if p)
