"""The library core the CLI reuses: read -> extract -> build -> MERGE into a sink.

    from graphbuilder.core import ingest, open_sink
    with open_sink(store="graph.db") as sink:
        summary = ingest(["articles/"], sink)

One broken article never stops a batch: read and extraction errors are collected in the
summary as :class:`~graphbuilder.errors.Failure` records (document, stage, message) and the
other articles go on; limits (:mod:`graphbuilder.limits`) turn a pathological input into such
a failure instead of a stall. Whole-run problems (store unreachable, corrupt, refused
credentials) raise the typed errors of :mod:`graphbuilder.errors`, carrying how many articles
were committed before.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TextIO

from graphbuilder import registry
from graphbuilder.clean import ParagraphCounter
from graphbuilder.schema import ENTITY_LABELS
from graphbuilder.errors import (  # noqa: F401  (exit codes re-exported for callers)
    EXIT_FAILED,
    EXIT_OK,
    EXIT_PARTIAL,
    EXIT_USAGE,
    DocumentTimeout,
    Failure,
    StoreError,
    classify,
)
from graphbuilder.limits import Limits, time_limit
from graphbuilder.models import Document, Extraction, GraphBatch
from graphbuilder.pipeline import Pipeline
from graphbuilder.read import ReadError, ReadNotice, bare_id, read_paths, store_files

if TYPE_CHECKING:  # imported where used: `extract` needs neither graph building nor stores
    from graphbuilder.decisions import Decisions
    from graphbuilder.store.base import GraphSink


@dataclass
class IngestSummary:
    """What one ingest did. ``events``/``entities`` count the distinct events and entities this
    run wrote that are in the store after merging (see :meth:`finalize`)."""

    articles: int = 0
    event_ids: set[str] = field(default_factory=set)
    entity_ids: set[str] = field(default_factory=set)
    failures: list[Failure] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    # articles of the latest write transactions (newest last), see committed()
    _latest: deque[int] = field(default_factory=lambda: deque(maxlen=4), repr=False, compare=False)

    @property
    def events(self) -> int:
        return len(self.event_ids)

    @property
    def entities(self) -> int:
        return len(self.entity_ids)

    @property
    def exit_code(self) -> int:
        if not self.failures:
            return EXIT_OK
        return EXIT_PARTIAL if self.articles else EXIT_FAILED

    def take(self, result: Any) -> tuple[str, GraphBatch] | None:
        """One extraction result of the run: a Failure is recorded (None returned); a built
        article ``(name, warnings, batch)`` has its warnings noted and ``(name, batch)`` returned."""
        if isinstance(result, Failure):
            self.failures.append(result)
            return None
        name, warnings, batch = result
        self.notices.extend(f"{name}: {w}" for w in warnings)
        return name, batch

    def count_written(self, batch: GraphBatch) -> None:
        """Count one article written: its events and entities (ids, counted once per run)."""
        self.articles += 1
        for n in batch.nodes:
            if n.label == "Event":
                self.event_ids.add(n.id)
            elif n.label in ENTITY_LABELS:
                self.entity_ids.add(n.id)

    def count_transaction(self, batches: list[GraphBatch]) -> None:
        """Count the articles of one committed write transaction."""
        for batch in batches:
            self.count_written(batch)
        self._latest.append(len(batches))

    def committed(self, error: BaseException) -> int:
        """The articles of this run in the store when ``error`` stopped it: those counted,
        less those of the latest ``error.lost_transactions`` transactions (a store that writes
        in the background reports a failed transaction at the next call, after the caller
        counted it)."""
        lost = min(getattr(error, "lost_transactions", 0), len(self._latest))
        return self.articles - sum(list(self._latest)[len(self._latest) - lost:])

    def fail(self, document: str, stage: str, message: str) -> None:
        self.failures.append(Failure(document, stage, message))

    def finalize(self, sink: Any) -> None:
        """Keep only the ids still stored: a later article of the run may have merged an
        event (or person) into another, so the counts are those of the stored graph."""
        self.event_ids = _still_stored(sink, self.event_ids, ("Event",))
        self.entity_ids = _still_stored(sink, self.entity_ids, ("Person", "Organization", "Location"))

    def as_dict(self) -> dict[str, Any]:
        return {"articles": self.articles, "events": self.events, "entities": self.entities,
                "failures": [_failure_dict(f) for f in self.failures],
                "notices": self.notices, "exit_code": self.exit_code}


def _failure_dict(f: Failure | str) -> dict[str, str]:
    return f.as_dict() if isinstance(f, Failure) else {"document": "", "stage": "", "message": str(f)}


def _still_stored(sink: Any, ids: set[str], labels: tuple[str, ...]) -> set[str]:
    if not ids or not hasattr(sink, "get_node"):
        return set(ids)
    if hasattr(sink, "existing"):  # by index, in chunks: never a scan of the whole store
        return sink.existing(ids, labels)
    if len(ids) > 200 and hasattr(sink, "nodes"):  # a few scans beat many lookups
        stored = {n.id for label in labels for n in sink.nodes(label)}
        return {i for i in ids if i in stored}
    return {i for i in ids if sink.get_node(i) is not None}


def open_sink(store: str | os.PathLike[str] | None = None, neo4j_uri: str | None = None, **kw: Any) -> Any:
    """The Neo4j sink when a URI is given, else the embedded SQLite store (default path).

    Errors are typed (:mod:`graphbuilder.errors`): a file that is not a SQLite graph store or
    is corrupt raises :class:`StoreError`; Neo4j down :class:`StoreUnreachable`, wrong
    credentials :class:`AuthFailed`."""
    try:
        if neo4j_uri:
            return registry.get("sink", "neo4j")(uri=neo4j_uri, **kw)
        sink = registry.get("sink", "sqlite")(store or "graphbuilder.db")
        if hasattr(sink, "counts"):
            try:
                sink.counts()  # reads the schema: a corrupt file fails here, not mid-run
            except Exception:
                sink.close()
                raise
        return sink
    except Exception as exc:
        typed = classify(exc)
        if typed is exc:
            raise
        raise typed from None


def read_documents(
    paths: Sequence[str], *, reference_date: dt.date | None = None, language: str | None = None,
    stdin: TextIO | None = None, limits: Limits | None = None, exclude: set[str] | None = None,
    stored_hash: Callable[[str], str | None] | None = None,
) -> tuple[list[Document], list[Failure], list[str]]:
    """Read every input; returns (documents, failures, notices).

    ``exclude``: real paths never read (the store's own files). A plain text copy of a record
    read here is dropped (:func:`drop_bare_copies`, with a notice). Records that share an ``id``
    but not their text are kept apart: each gets ``<id>~<first 8 hex of its content hash>``
    (a notice names them) — except the one whose content the store already holds under that
    id (``stored_hash(id)``), which keeps it."""
    docs: list[Document] = []
    failures: list[Failure] = []
    notices: list[str] = []
    for item in read_paths(paths, stdin=stdin, reference_date=reference_date, language=language,
                           limits=limits, exclude=exclude or set()):
        if isinstance(item, ReadError):
            failures.append(Failure(item.path, "read", item.problem))
        elif isinstance(item, ReadNotice):
            notices.append(str(item))
        else:
            docs.append(item)
    notices.extend(disambiguate_ids(docs, stored_hash))
    docs, same = drop_bare_copies(docs)  # after the renaming: the notice names the record's final id
    notices.extend(same)
    return docs, failures, notices


def _same_text_notice(paths: Iterable[str], record_id: str, stored: bool = False) -> str:
    where = " already in the store" if stored else ""
    return (f"{', '.join(sorted(paths))}: the same text as the record {record_id!r}{where}, which gives its metadata: "
            f"read once, as {record_id!r}")


def drop_bare_copies(docs: list[Document]) -> tuple[list[Document], list[str]]:
    """Without the documents that are a bare copy (no declared id: a plain text file) of a record
    read in the same run with the same text, and a notice for each; independent of the order."""
    declared: dict[str, str] = {}
    for d in docs:
        if _declared_id(d):
            h = str(d.meta.get("content_hash"))
            declared[h] = min(declared.get(h, d.id), d.id)
    kept, dropped = [], defaultdict(list)
    for d in docs:
        h = str(d.meta.get("content_hash"))
        if not _declared_id(d) and h in declared:
            dropped[h].append(d.path or "?")
        else:
            kept.append(d)
    return kept, [_same_text_notice(dropped[h], declared[h]) for h in sorted(dropped)]


def _declared_id(doc: Document) -> bool:
    digest = str(doc.meta.get("content_hash") or "")
    return not digest.startswith(doc.id)


def disambiguate_ids(docs: list[Document], stored_hash: Callable[[str], str | None] | None = None) -> list[str]:
    """Give documents that share an id but not their text distinct ids (in place); returns
    notices. Independent of the order of ``docs``."""
    groups: dict[str, list[Document]] = defaultdict(list)
    for d in docs:
        if _declared_id(d):
            groups[d.id].append(d)
    notices = []
    for doc_id in sorted(groups):
        group = groups[doc_id]
        hashes = {str(d.meta.get("content_hash")) for d in group}
        stored = stored_hash(doc_id) if stored_hash else None
        if len(hashes) < 2 and (stored is None or stored in hashes):
            continue
        renamed = []
        for d in group:
            h = str(d.meta.get("content_hash"))
            if h == stored:
                continue
            d.meta["declared_id"] = doc_id
            d.id = f"{doc_id}~{h[:8]}"
            renamed.append(f"{d.path or '?'} -> {d.id}")
        where = f"{len(hashes)} different texts in this run" + (
            "" if stored is None else " and another one in the store")
        notices.append(f"id {doc_id!r} is given to {where}; kept apart as: " + ", ".join(sorted(set(renamed))))
    return notices


def _repeated_by_source(docs: list[Document]) -> dict[str, Any]:
    groups: dict[str, ParagraphCounter] = {}
    for d in docs:
        if d.source:
            groups.setdefault(d.source, ParagraphCounter()).add(d.text)
    return {src: c.repeated() for src, c in groups.items() if c.texts > 1}


def extract_one(pipe: Pipeline, doc: Document, reference_date: dt.date | None, language: str | None,
                 limits: Limits, repeated: Any) -> Extraction | Failure:
    """Extract one document in its own guard and time limit."""
    name = doc.path or doc.id
    try:
        with time_limit(limits.timeout_s, name):
            return pipe.process(doc, reference_date=reference_date, language=language, repeated=repeated)
    except DocumentTimeout as exc:
        return Failure(name, "extract", str(exc).split(": ", 1)[-1])
    except RecursionError:
        return Failure(name, "extract", "text structure too deep to process (RecursionError)")
    except MemoryError:
        return Failure(name, "extract", "out of memory (lower --max-bytes)")
    except Exception as exc:  # one broken article never stops a batch
        return Failure(name, "extract", f"{type(exc).__name__}: {exc}")


def extract_documents(
    docs: Iterable[Document], *, reference_date: dt.date | None = None, language: str | None = None,
    pipeline: Pipeline | None = None, limits: Limits | None = None,
    repeated: dict[str, Any] | None = None, workers: int = 1,
    then: Callable[[Extraction], Any] | None = None,
) -> Iterator[Any]:
    """Extract each document, each in its own guard and time limit; yields, in input order, an
    Extraction (or ``then(extraction)`` when given, computed in the worker) or a
    :class:`Failure` naming the document.

    ``docs`` may be any iterable (it is consumed lazily); ``repeated`` (source -> repeated
    paragraphs, :class:`~graphbuilder.clean.ParagraphCounter`) is computed from ``docs`` when
    None, which then must be a list. ``workers`` > 1 runs extraction in a process pool
    (:mod:`graphbuilder.workers`); the output is the same as with one worker."""
    pipe = pipeline or Pipeline()
    limits = limits or Limits()
    if repeated is None:
        docs = list(docs)
        repeated = _repeated_by_source(docs)
    if workers > 1:
        from graphbuilder.workers import parallel_extract

        yield from parallel_extract(docs, pipe, workers, reference_date=reference_date,
                                    language=language, limits=limits, repeated=repeated, then=then)
        return
    for doc in docs:
        result = extract_one(pipe, doc, reference_date, language, limits,
                              repeated.get(doc.source or "", None))
        yield then(result) if then is not None and not isinstance(result, Failure) else result


@dataclass
class Scan:
    """What the first pass over the inputs learnt (bounded state, never the texts): read
    failures and notices, the content hashes of every declared id (to keep apart records that
    share an id; after the scan only each record's hash and id: a plain text copy of a record is
    read once, as the record), the paragraph counts of every source, and the documents read from
    stdin (which cannot be read twice)."""

    failures: list[Failure] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    documents: int = 0
    ids: dict[str, dict[str, set[str]]] = field(default_factory=dict)  # id -> hash -> paths
    records: dict[str, str] = field(default_factory=dict)  # content hash of a record (declared id) -> its id
    paragraphs: dict[str, ParagraphCounter] = field(default_factory=dict)
    stdin_docs: list[Document] = field(default_factory=list)
    renamed: dict[str, str | None] = field(default_factory=dict)  # id -> stored hash kept
    # a record's final id -> the id of its plain text copy stored by an earlier run (replaced by it)
    replaces: dict[str, str] = field(default_factory=dict)
    # content hash -> the stored record with that text (a plain text copy of it is not read again)
    stored_record: Callable[[str], str | None] | None = None

    def repeated(self) -> dict[str, Any]:
        """Source -> its repeated paragraphs (sources with one article have none)."""
        return {src: c.repeated() for src, c in self.paragraphs.items() if c.texts > 1}


def scan_inputs(
    paths: Sequence[str], *, reference_date: dt.date | None = None, language: str | None = None,
    stdin: TextIO | None = None, limits: Limits | None = None, exclude: set[str] | None = None,
    stored_hash: Callable[[str], str | None] | None = None,
    stored_articles: Callable[[str], list[str]] | None = None,
) -> Scan:
    """First pass of streaming ingest: read every input once, keeping only bounded state (see
    :class:`Scan`); the documents are read again by :func:`stream_documents`.

    ``stored_hash(id)``: the text hash the store holds under an article id; ``stored_articles(hash)``:
    the stored articles with that text. With them a record replaces its plain text copy that an
    earlier run stored, and a plain text copy of a stored record is not read again: the graph is
    the one of ingesting both in one run, whatever the order of the runs."""
    scan = Scan()
    for path in paths:
        for item in read_paths([path], stdin=stdin, reference_date=reference_date, language=language,
                               limits=limits, exclude=exclude or set()):
            if isinstance(item, ReadError):
                scan.failures.append(Failure(item.path, "read", item.problem))
            elif isinstance(item, ReadNotice):
                scan.notices.append(str(item))
            else:
                scan.documents += 1
                if _declared_id(item):
                    h = str(item.meta.get("content_hash"))
                    scan.ids.setdefault(item.id, {}).setdefault(h, set()).add(item.path or "?")
                if item.source:
                    scan.paragraphs.setdefault(item.source, ParagraphCounter()).add(item.text)
                if path == "-":
                    scan.stdin_docs.append(item)
    for doc_id in sorted(scan.ids):
        by_hash = scan.ids[doc_id]
        stored = stored_hash(doc_id) if stored_hash else None
        if len(by_hash) < 2 and (stored is None or stored in by_hash):
            continue
        scan.renamed[doc_id] = stored
        renamed = sorted({f"{p} -> {doc_id}~{h[:8]}" for h, ps in by_hash.items() if h != stored for p in ps})
        where = f"{len(by_hash)} different texts in this run" + (
            "" if stored is None else " and another one in the store")
        scan.notices.append(f"id {doc_id!r} is given to {where}; kept apart as: " + ", ".join(renamed))
    # the records' texts: a plain text file with one of them is that record (stream_documents skips it)
    for doc_id, by_hash in scan.ids.items():
        for h in by_hash:
            final = doc_id if doc_id not in scan.renamed or h == scan.renamed[doc_id] else f"{doc_id}~{h[:8]}"
            scan.records[h] = min(scan.records.get(h, final), final)
    scan.ids = {}  # only the renamed ids and the records' hashes are needed from here on
    if stored_hash is not None:  # a record replaces its plain text copy stored by an earlier run
        for h, record in scan.records.items():
            if bare_id(h) != record and stored_hash(bare_id(h)) == h:
                scan.replaces[record] = bare_id(h)
    if stored_articles is not None:
        def stored_record(h: str) -> str | None:
            records = [a for a in stored_articles(h) if a != bare_id(h)]
            return min(records) if records else None
        scan.stored_record = stored_record
    return scan


def stream_documents(
    paths: Sequence[str], scan: Scan, *, reference_date: dt.date | None = None,
    language: str | None = None, limits: Limits | None = None, exclude: set[str] | None = None,
) -> Iterator[Document]:
    """Second pass: the documents again, one at a time, with the ids :func:`scan_inputs`
    decided to keep apart renamed (``<id>~<first 8 hex of its content hash>``) and without the
    plain text copies of the records it found (``Scan.records``; a notice names each)."""
    for path in paths:
        items: Iterable[Any] = scan.stdin_docs if path == "-" else read_paths(
            [path], reference_date=reference_date, language=language, limits=limits,
            exclude=exclude or set())
        for item in items:
            if not isinstance(item, Document):
                continue  # reported by the scan
            h = str(item.meta.get("content_hash"))
            if not _declared_id(item):
                record = scan.records.get(h)
                if record is not None:  # a plain text copy of a record of this run: read once, as the record
                    scan.notices.append(_same_text_notice([item.path or "?"], record))
                    continue
                stored = scan.stored_record(h) if scan.stored_record is not None else None
                if stored is not None:  # ... or of a record an earlier run stored
                    scan.notices.append(_same_text_notice([item.path or "?"], stored, stored=True))
                    continue
            if item.id in scan.renamed and _declared_id(item):
                if h != scan.renamed[item.id]:
                    item.meta["declared_id"] = item.id
                    item.id = f"{item.id}~{h[:8]}"
            if item.id in scan.replaces and _declared_id(item):
                copy = scan.replaces.pop(item.id)  # once, also when the record is read twice
                item.meta["replaces"] = [copy]
                scan.notices.append(f"{item.path or '?'}: the record {item.id!r} replaces article {copy!r}, its "
                                    "plain text copy stored by an earlier run (the same text, without its metadata)")
            yield item


def default_workers() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


DEFAULT_BATCH_SIZE = 200


def ingest(
    paths: Sequence[str],
    sink: GraphSink,
    *,
    reference_date: dt.date | None = None,
    language: str | None = None,
    pipeline: Pipeline | None = None,
    stdin: TextIO | None = None,
    progress: Callable[[int, int], None] | None = None,
    decisions: Decisions | None = None,
    limits: Limits | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    workers: int = 1,
    local_index: bool = True,
) -> IngestSummary:
    """Read, extract and write every article, streaming: the inputs are read twice (a first
    pass keeps only bounded state, :func:`scan_inputs`), documents flow one at a time through
    extraction (``workers`` processes, :mod:`graphbuilder.workers`) and graph building, and
    ``batch_size`` built articles are resolved and written in ONE transaction
    (:func:`write_resolved_many`, :mod:`graphbuilder.resolve`), with the analyst's
    ``decisions`` applied: the stored graph depends only on the set of articles, whatever the
    batch size or number of workers. Into Neo4j, resolution reads a local index of the graph
    and each batch is one Neo4j write transaction (:mod:`graphbuilder.store.neo4j_index`;
    ``local_index=False``: resolve over Bolt). The store's own files are never read as input. A store
    failure mid-run (connection lost, corrupt file) raises the typed error with ``committed`` =
    the articles written before it."""
    from graphbuilder.decisions import Decisions

    decisions = decisions or Decisions()
    if hasattr(sink, "indexed") and local_index:  # Neo4j: resolve against a local index
        indexed = sink.indexed()
        try:
            summary = ingest(paths, indexed, reference_date=reference_date, language=language,
                             pipeline=pipeline, stdin=stdin, progress=progress, decisions=decisions,
                             limits=limits, batch_size=batch_size, workers=workers)
            try:
                indexed.wait()  # the last batch is written to Neo4j in the background
            except StoreError as exc:
                raise _stopped(exc, summary) from exc
            return summary
        finally:
            indexed.close()
    exclude = store_files(getattr(sink, "path", None), getattr(decisions, "path", None))
    scan = scan_inputs(paths, reference_date=reference_date, language=language, stdin=stdin,
                       limits=limits, exclude=exclude, stored_hash=stored_hash_lookup(sink),
                       stored_articles=stored_articles_lookup(sink))
    summary = IngestSummary(failures=scan.failures, notices=scan.notices)
    if getattr(sink, "older_grouping", False):
        summary.notices.append(
            f"{getattr(sink, 'path', 'the store')}: its events were grouped by a graphbuilder before "
            "the publication-order grouping; new articles are grouped against those groups, so the "
            "graph depends on the order of past ingests. Ingest all articles into a new store to "
            "get the graph of the set of articles (docs/scale.md)")
    docs = stream_documents(paths, scan, reference_date=reference_date, language=language,
                            limits=limits, exclude=exclude)
    if scan.documents < 4 * max(1, workers):
        workers = 1  # a pool is not worth starting
    pending: list[tuple[str, GraphBatch]] = []
    # A store that writes in the background (Neo4j: the previous batch is sent while the next
    # is resolved) has nothing to overlap the last write with: the run's last ``batch_size``
    # articles go in eighths, so the write the run waits for at the end is small. The graph
    # does not depend on the batch sizes.
    tail = batch_size if getattr(sink, "writes_in_background", False) else 0
    tail_size = max(1, batch_size // 8)

    def flush() -> None:
        if not pending:
            return
        try:
            written = write_resolved_many([b for _, b in pending], sink, decisions)
        except Exception as exc:
            typed = classify(exc)
            if isinstance(typed, StoreError):  # the store, not an article: stop the run
                raise _stopped(typed, summary) from exc
            # the batch was rolled back: write its articles one by one to name the bad one
            for name, b in pending:
                _write_one(name, b, sink, decisions, summary)
        else:
            summary.count_transaction(written)
        pending.clear()

    for i, result in enumerate(extract_documents(docs, reference_date=reference_date,
                                                 language=language, pipeline=pipeline,
                                                 limits=limits, repeated=scan.repeated(),
                                                 workers=workers, then=_built)):
        if progress:
            progress(i + 1, scan.documents)
        built = summary.take(result)
        if built is not None:
            pending.append(built)
            if len(pending) >= (batch_size if scan.documents - (i + 1) >= tail else tail_size):
                flush()
    flush()
    summary.finalize(sink)
    return summary


def _built(result: Extraction) -> tuple[str, list[str], GraphBatch]:
    """What the writer needs of one extraction (computed in the extraction worker)."""
    from graphbuilder.graph import build_graph

    return (result.document.path or result.document.id, list(result.warnings), build_graph(result))


def _write_one(name: str, batch: GraphBatch, sink: Any, decisions: Decisions,
               summary: IngestSummary) -> None:
    """Write one article in its own transaction and count it; a failure of the article (not
    of the store) is recorded and the run goes on."""
    try:
        written = write_resolved(batch, sink, decisions)
    except Exception as exc:
        typed = classify(exc)
        if isinstance(typed, StoreError):  # the store, not this article: stop the run
            raise _stopped(typed, summary) from exc
        summary.fail(name, "write", f"{type(exc).__name__}: {exc}")
    else:
        summary.count_transaction([written])


def _stopped(error: StoreError, summary: IngestSummary) -> StoreError:
    """The store error that stops an ingest, saying how many articles of the run it holds."""
    committed = summary.committed(error)
    return type(error)(f"{error} (after {committed} article(s) of this run were committed)",
                       committed=committed)


def stored_articles_lookup(sink: Any) -> Callable[[str], list[str]] | None:
    """The ids of the stored articles with a text hash (None for a store that cannot say)."""
    return getattr(sink, "articles_with_hash", None)


def stored_hash_lookup(sink: Any) -> Callable[[str], str | None] | None:
    """The content hash the store holds for an article id (None when absent)."""
    if not hasattr(sink, "get_node"):
        return None

    def lookup(doc_id: str) -> str | None:
        node = sink.get_node(doc_id)
        return None if node is None or node.label != "Article" else node.props.get("content_hash")

    return lookup


def write_resolved(batch: GraphBatch, sink: Any, decisions: Decisions | None = None) -> GraphBatch:
    """Resolve one article's batch against the store and write it, in ONE transaction holding
    the resolution reads and the writes (:meth:`GraphStore.transact`); returns what was written.

    The plan (:func:`graphbuilder.resolve.plan_article`) holds the article's nodes and
    relationships, the events of its linked component computed again from all their reports
    (replacing the stored ones) and the BEFORE links their dates imply. A sink that cannot be
    read (a plain :class:`~graphbuilder.store.base.GraphSink`) gets the batch as built."""
    from graphbuilder.decisions import Decisions
    from graphbuilder.resolve import plan_article
    from graphbuilder.store.base import GraphStore

    decisions = decisions or Decisions()
    if not isinstance(sink, GraphStore):
        batch = decisions.apply(batch)
        sink.write(batch)
        return batch

    def work(tx: Any) -> GraphBatch:
        plan = plan_article(batch, tx, decisions)
        tx.apply(plan)
        return plan.batch

    return sink.transact(work)


def write_resolved_many(batches: list[GraphBatch], sink: Any,
                        decisions: Decisions | None = None) -> list[GraphBatch]:
    """Resolve and write several built articles in ONE transaction
    (:func:`graphbuilder.resolve.apply_articles`: each plan reads what the previous ones
    wrote, so the graph is the one per-article transactions give); returns what was written
    for each article."""
    from graphbuilder.decisions import Decisions
    from graphbuilder.resolve import apply_articles
    from graphbuilder.store.base import GraphStore

    decisions = decisions or Decisions()
    if not isinstance(sink, GraphStore):
        applied = [decisions.apply(b) for b in batches]
        if hasattr(sink, "write_many"):
            sink.write_many(applied)
        else:
            for b in applied:
                sink.write(b)
        return applied
    return [p.batch for p in sink.transact(lambda tx: apply_articles(tx, batches, decisions))]


def date_order(events: list[Any], people: dict[str, list[str]], reader: Any,
               removed: set[str] | None = None) -> GraphBatch:
    """BEFORE links that dates give between ``events`` and the stored events (see
    :func:`graphbuilder.resolve.date_links`): a pure function of the final events."""
    from graphbuilder.resolve import date_links

    return GraphBatch(relationships=date_links(events, people, reader, removed or set()))


def push(source: Any, target: GraphSink, batch_size: int = 5000) -> dict[str, int]:
    """Copy a whole store into another sink (e.g. the embedded store into Neo4j).

    Nodes go first, then relationships, ``batch_size`` elements per transaction, read from
    the source's cursors chunk by chunk (memory does not grow with the store); MERGE makes a
    repeated or interrupted push safe."""
    for what, items in (("nodes", source.nodes()), ("relationships", source.relationships())):
        chunk: list[Any] = []
        for item in items:
            chunk.append(item)
            if len(chunk) >= batch_size:
                target.write(GraphBatch(**{what: chunk}))
                chunk = []
        if chunk:
            target.write(GraphBatch(**{what: chunk}))
    return target.counts()
