"""Read articles from files, directories or stdin into :class:`Document` models.

Formats: ``.txt``/``.md`` (title from the leading headline paragraph), ``.html``/``.htm``
(main text via trafilatura when importable, else a small lxml extractor; title and publish
date from meta tags), ``.json`` (one object or a list) and ``.jsonl`` (one object a line),
directories (recursive, sorted, hidden files skipped) and ``-`` for stdin (JSON lines or plain
text, sniffed). One bad file or line never stops the stream: it yields a :class:`ReadError`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TextIO

from graphbuilder.models import Document

TEXT_EXTENSIONS = {".txt", ".md", ".markdown", ".text"}
HTML_EXTENSIONS = {".html", ".htm", ".xhtml"}
JSON_EXTENSIONS = {".json"}
JSONL_EXTENSIONS = {".jsonl", ".ndjson"}
# Files skipped when walking a directory (read only when named explicitly).
_DIRECTORY_SKIP = re.compile(r"^(readme|license|licence|copying|changelog|notice)(\.|$)", re.I)
_RECORD_FIELDS = ("id", "title", "text", "published", "url", "source", "language")
_PUBLISHED_ALIASES = ("published", "date", "published_at", "publish_date", "pubdate", "datePublished")
_TEXT_ALIASES = ("text", "body", "content")


class ReadError(Exception):
    """One input (file, line or record) that could not be read."""

    def __init__(self, path: str, problem: str, line: int | None = None) -> None:
        self.path = path
        self.problem = f"line {line}: {problem}" if line is not None else problem
        self.line = line
        super().__init__(f"{path}: {self.problem}")

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"


@dataclass
class ReadResult:
    documents: list[Document] = field(default_factory=list)
    errors: list[ReadError] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def read_paths(
    paths: Sequence[str],
    stdin: TextIO | None = None,
    reference_date: dt.date | None = None,
    language: str | None = None,
) -> Iterator[Document | ReadError]:
    """Stream documents (or ReadErrors) from files, directories and ``-`` (stdin).

    ``published`` is the metadata date, else ``reference_date`` (``meta["date_source"]`` tells
    which), never today. ``language`` forces the language; else a record's ``language``
    field is kept (``None`` otherwise: detection is a later stage). Encoding fallbacks are
    reported in ``meta["notices"]``.
    """
    for path in paths:
        if path == "-":
            yield from _read_stdin(stdin, reference_date, language)
            continue
        if os.path.isdir(path):
            for file_path in _walk(path):
                yield from _read_file(file_path, reference_date, language)
        elif os.path.exists(path):
            yield from _read_file(path, reference_date, language)
        else:
            yield ReadError(path, "no such file or directory")


def read_all(
    paths: Sequence[str],
    stdin: TextIO | None = None,
    reference_date: dt.date | None = None,
    language: str | None = None,
) -> ReadResult:
    """Collect :func:`read_paths` into documents, errors and notices."""
    result = ReadResult()
    for item in read_paths(paths, stdin, reference_date, language):
        if isinstance(item, ReadError):
            result.errors.append(item)
        else:
            result.documents.append(item)
            result.notices.extend(item.meta.get("notices", []))
    return result


# ---------------------------------------------------------------------------
# files and directories


def _walk(root: str) -> Iterator[str]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or _DIRECTORY_SKIP.match(name):
                continue
            yield os.path.join(dirpath, name)


def _read_file(
    path: str, reference_date: dt.date | None, language: str | None
) -> Iterator[Document | ReadError]:
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        yield ReadError(path, f"cannot read file ({exc.strerror or exc})")
        return
    if not data.strip():
        yield ReadError(path, "empty file")
        return
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            raw, encoding = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            yield ReadError(path, "invalid UTF-16 text")
            return
    elif _looks_binary(data):
        yield ReadError(path, "binary file, not a text article")
        return
    else:
        raw, encoding = _decode(data)
    if not raw.strip():
        yield ReadError(path, "empty file")
        return
    notices = [] if encoding == "utf-8" else [f"file {path}: not UTF-8, read as {encoding}"]
    ext = os.path.splitext(path)[1].lower()
    ctx = _Context(path, encoding, notices, reference_date, language)
    if ext in JSONL_EXTENSIONS:
        yield from _read_jsonl(raw, ctx)
    elif ext in JSON_EXTENSIONS:
        yield from _read_json(raw, ctx)
    elif ext in HTML_EXTENSIONS or (ext not in TEXT_EXTENSIONS and _looks_html(raw)):
        yield _read_html(raw, ctx)
    else:
        yield _read_text(raw, ctx, markdown=ext in {".md", ".markdown"})


def _read_stdin(
    stdin: TextIO | None, reference_date: dt.date | None, language: str | None
) -> Iterator[Document | ReadError]:
    if stdin is None:
        import sys

        stdin = sys.stdin
    raw = stdin.read()
    if raw.startswith("\ufeff"):
        raw = raw[1:]
    ctx = _Context("<stdin>", "utf-8", [], reference_date, language)
    if not raw.strip():
        yield ReadError("<stdin>", "empty input")
        return
    head = raw.lstrip()[:1]
    if head == "[":
        yield from _read_json(raw, ctx)
    elif head == "{":
        try:
            json.loads(raw)
        except ValueError:
            yield from _read_jsonl(raw, ctx)
        else:
            yield from _read_json(raw, ctx)
    elif _looks_html(raw):
        yield _read_html(raw, ctx)
    else:
        yield _read_text(raw, ctx, markdown=False)


@dataclass
class _Context:
    path: str
    encoding: str
    notices: list[str]
    reference_date: dt.date | None
    language: str | None


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return control > max(2, len(head) // 100)


def _decode(data: bytes) -> tuple[str, str]:
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _looks_html(raw: str) -> bool:
    head = raw.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in raw)


# ---------------------------------------------------------------------------
# documents


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


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
        id=doc_id or digest[:16],
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


def _read_jsonl(raw: str, ctx: _Context) -> Iterator[Document | ReadError]:
    seen = False
    for lineno, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        seen = True
        try:
            record = json.loads(line)
        except ValueError as exc:
            yield ReadError(ctx.path, f"malformed JSON ({exc.args[0] if exc.args else exc})", line=lineno)
            continue
        yield _record_document(record, ctx, where=lineno)
    if not seen:
        yield ReadError(ctx.path, "empty file")


def _read_json(raw: str, ctx: _Context) -> Iterator[Document | ReadError]:
    try:
        data = json.loads(raw)
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
        yield _record_document(record, ctx, where=where, unit="record")


def _record_document(
    record: Any, ctx: _Context, where: int | None, unit: str = "line"
) -> Document | ReadError:
    """One JSON object as a Document; ``where`` is its line (JSONL) or list index (JSON)."""
    def error(problem: str) -> ReadError:
        if unit == "line":
            return ReadError(ctx.path, problem, line=where)
        return ReadError(ctx.path, f"record {where}: {problem}" if where is not None else problem)

    if not isinstance(record, dict):
        return error(f"expected a JSON object, got {type(record).__name__}")
    text_key = next((k for k in _TEXT_ALIASES if isinstance(record.get(k), str)), None)
    text = record.get(text_key) if text_key else None
    if not text or not text.strip():
        return error("record has no text")
    if text.startswith("\ufeff"):
        text = text[1:]
    date_key = next((k for k in _PUBLISHED_ALIASES if record.get(k)), None)
    published = parse_date(record.get(date_key)) if date_key else None
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
    path = ctx.path if where is None else f"{ctx.path}:{where}"  # line or record index
    return _make_document(
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
    )


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


def parse_date(value: Any) -> dt.date | None:
    """Parse an ISO date/datetime (or ``D.M.YYYY``, RFC 2822) robustly; keep only the date."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)):
        try:
            return dt.datetime.fromtimestamp(value, tz=dt.timezone.utc).date()
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


def _read_html(raw: str, ctx: _Context) -> Document | ReadError:
    try:
        from lxml import html as lxml_html

        parser = lxml_html.HTMLParser(encoding="utf-8")
        tree = lxml_html.document_fromstring(raw.encode("utf-8"), parser=parser)
    except Exception as exc:  # lxml raises several types for hopeless markup
        return ReadError(ctx.path, f"cannot parse HTML ({exc})")
    meta_tags = _meta_tags(tree)
    title = next((meta_tags[k] for k in _TITLE_META if meta_tags.get(k)), None)
    if not title:
        node = tree.find(".//title")
        title = node.text_content().strip() if node is not None else None
    published = _html_date(tree, meta_tags)
    text = _html_main_text(raw, tree)
    if not text.strip():
        return ReadError(ctx.path, "no article text found in HTML")
    meta: dict[str, Any] = {"format": "html"}
    lang = tree.get("lang")
    url = meta_tags.get("og:url")
    link = tree.find(".//link[@rel='canonical']")
    if link is not None and link.get("href"):
        url = link.get("href")
    return _make_document(
        ctx, text, title=title or None, published=published, url=url,
        source=meta_tags.get("og:site_name"),
        language=lang.split("-")[0].lower() if lang else None, meta=meta,
    )


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
