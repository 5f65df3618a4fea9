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
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TextIO

from graphbuilder import registry
from graphbuilder.clean import repeated_paragraphs
from graphbuilder.decisions import Decisions
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
from graphbuilder.graph import build_graph
from graphbuilder.limits import Limits, time_limit
from graphbuilder.models import Document, Extraction, GraphBatch
from graphbuilder.pipeline import Pipeline
from graphbuilder.read import ReadError, ReadNotice, read_paths, store_files


@dataclass
class IngestSummary:
    """What one ingest did. ``events``/``entities`` count the distinct events and entities this
    run wrote that are in the store after merging (see :meth:`finalize`)."""

    articles: int = 0
    event_ids: set[str] = field(default_factory=set)
    entity_ids: set[str] = field(default_factory=set)
    failures: list[Failure] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

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

    ``exclude``: real paths never read (the store's own files). Records that share an ``id``
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
    return docs, failures, notices


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


def _repeated_by_source(docs: list[Document]) -> dict[str, set[str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for d in docs:
        if d.source:
            groups[d.source].append(d.text)
    return {src: repeated_paragraphs(texts) for src, texts in groups.items() if len(texts) > 1}


def extract_documents(
    docs: list[Document], *, reference_date: dt.date | None = None, language: str | None = None,
    pipeline: Pipeline | None = None, limits: Limits | None = None,
) -> Iterator[Extraction | Failure]:
    """Extract each document, each in its own guard and time limit; yields an Extraction or
    a :class:`Failure` naming the document."""
    pipe = pipeline or Pipeline()
    limits = limits or Limits()
    repeated = _repeated_by_source(docs)
    for doc in docs:
        name = doc.path or doc.id
        try:
            with time_limit(limits.timeout_s, name):
                result = pipe.process(doc, reference_date=reference_date, language=language,
                                      repeated=repeated.get(doc.source or "", None))
        except DocumentTimeout as exc:
            yield Failure(name, "extract", str(exc).split(": ", 1)[-1])
            continue
        except RecursionError:
            yield Failure(name, "extract", "text structure too deep to process (RecursionError)")
            continue
        except MemoryError:
            yield Failure(name, "extract", "out of memory (lower --max-bytes)")
            continue
        except Exception as exc:  # one broken article never stops a batch
            yield Failure(name, "extract", f"{type(exc).__name__}: {exc}")
            continue
        yield result


def ingest(
    paths: Sequence[str],
    sink: Any,
    *,
    reference_date: dt.date | None = None,
    language: str | None = None,
    pipeline: Pipeline | None = None,
    stdin: TextIO | None = None,
    progress: Callable[[int, int], None] | None = None,
    decisions: Decisions | None = None,
    limits: Limits | None = None,
) -> IngestSummary:
    """Read, extract and write every article: its nodes and relationships in one transaction
    (see :func:`write_resolved` for the small follow-up writes of merged people and date order).

    Each article's graph is first resolved against the store (:mod:`graphbuilder.resolve`),
    with the analyst's ``decisions`` applied. The store's own files are never read as input.
    A store failure mid-run (connection lost, corrupt file) raises the typed error with
    ``committed`` = the articles written before it."""
    decisions = decisions or Decisions()
    exclude = store_files(getattr(sink, "path", None), getattr(decisions, "path", None))
    docs, failures, notices = read_documents(paths, reference_date=reference_date,
                                             language=language, stdin=stdin, limits=limits,
                                             exclude=exclude, stored_hash=_stored_hash(sink))
    summary = IngestSummary(failures=failures, notices=notices)
    for i, result in enumerate(extract_documents(docs, reference_date=reference_date,
                                                 language=language, pipeline=pipeline,
                                                 limits=limits)):
        if progress:
            progress(i + 1, len(docs))
        if isinstance(result, Failure):
            summary.failures.append(result)
            continue
        name = result.document.path or result.document.id
        summary.notices.extend(f"{name}: {w}" for w in result.warnings)
        try:
            batch = write_resolved(build_graph(result), sink, decisions)
        except Exception as exc:
            typed = classify(exc)
            if isinstance(typed, StoreError):  # the store, not this article: stop the run
                raise type(typed)(f"{typed} (after {summary.articles} article(s) of this run "
                                  "were committed)", committed=summary.articles) from exc
            summary.fail(name, "write", f"{type(exc).__name__}: {exc}")
            continue
        summary.articles += 1
        for n in batch.nodes:
            if n.label == "Event":
                summary.event_ids.add(n.id)
            elif n.label in ("Person", "Organization", "Location"):
                summary.entity_ids.add(n.id)
    summary.finalize(sink)
    return summary


def _stored_hash(sink: Any) -> Callable[[str], str | None] | None:
    """The content hash the store holds for an article id (None when absent)."""
    if not hasattr(sink, "get_node"):
        return None

    def lookup(doc_id: str) -> str | None:
        node = sink.get_node(doc_id)
        return None if node is None or node.label != "Article" else node.props.get("content_hash")

    return lookup


def write_resolved(batch: GraphBatch, sink: Any, decisions: Decisions) -> GraphBatch:
    """Resolve one article's batch against the store and write it; returns what was written.

    Stored people merged into a newly seen full name are renamed in a transaction of their
    own (a consistent graph either way); the article's events and nodes then go in one; the
    BEFORE links its dated events imply go in a last one (they read the merged events)."""
    from graphbuilder.resolve import resolve_entities, resolve_events

    batch = decisions.apply(batch)
    batch, entity_renames = resolve_entities(batch, sink, decisions)
    if entity_renames:
        sink.write(GraphBatch(), renames=entity_renames)
    batch, event_renames = resolve_events(batch, sink, decisions)
    sink.write(batch, renames=event_renames)
    dated = date_order(batch, sink)
    if dated.relationships:
        sink.write(dated)
    return batch


BEFORE_WINDOW_DAYS = 14


def date_order(batch: GraphBatch, sink: Any) -> GraphBatch:
    """BEFORE links that dates give, across articles: between occurred/ongoing events dated to
    a day that share a person and lie at most :data:`BEFORE_WINDOW_DAYS` days apart. A pure
    function of the stored events, so the ingestion order does not change the result."""
    from graphbuilder.models import Relationship

    def day(props: dict[str, Any]) -> dt.date | None:
        if props.get("precision") != "day" or props.get("status") not in ("occurred", "ongoing"):
            return None
        try:
            return dt.date.fromisoformat(str(props.get("start"))[:10])
        except ValueError:
            return None

    rels: dict[tuple[str, str], Relationship] = {}
    events_of: dict[str, list[Any]] = {}  # one store read per person, however many events
    for node in batch.nodes:
        if node.label != "Event":
            continue
        stored = sink.get_node(node.id) if hasattr(sink, "get_node") else None
        props = stored.props if stored is not None else node.props
        mine = day(props)
        if mine is None:
            continue
        for person in props.get("people") or []:
            if person not in events_of:
                events_of[person] = sink.find_events(participant_ids=[person])
            for other in events_of[person]:
                theirs = day(other.props)
                if theirs is None or other.id == node.id or theirs == mine:
                    continue
                if abs((theirs - mine).days) > BEFORE_WINDOW_DAYS:
                    continue
                a, b = (other.id, node.id) if theirs < mine else (node.id, other.id)
                rels[(a, b)] = Relationship(type="BEFORE", start=a, end=b, start_label="Event",
                                            end_label="Event", props={"source": "dates"})
    return GraphBatch(relationships=[rels[k] for k in sorted(rels)])


def push(source: Any, target: Any, batch_size: int = 5000) -> dict[str, int]:
    """Copy a whole store into another sink (e.g. the embedded store into Neo4j).

    Nodes go first, then relationships, ``batch_size`` elements per transaction, so a large
    store never needs one huge transaction; MERGE makes a repeated or interrupted push safe."""
    batch = source.to_batch()
    for i in range(0, len(batch.nodes), batch_size):
        target.write(GraphBatch(nodes=batch.nodes[i:i + batch_size]))
    for i in range(0, len(batch.relationships), batch_size):
        target.write(GraphBatch(relationships=batch.relationships[i:i + batch_size]))
    return target.counts()
