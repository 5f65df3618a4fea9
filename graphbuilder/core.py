"""The library core the CLI reuses: read -> extract -> build -> MERGE into a sink.

    from graphbuilder.core import ingest, open_sink
    with open_sink(store="graph.db") as sink:
        summary = ingest(["articles/"], sink)

One broken article never stops a batch: read and extraction errors are collected in the
summary (naming the file and the problem) and the other articles go on.
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
from graphbuilder.graph import build_graph
from graphbuilder.models import Document, Extraction, GraphBatch
from graphbuilder.pipeline import Pipeline
from graphbuilder.read import ReadError, read_paths

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_PARTIAL = 3  # some inputs failed, the others were ingested
EXIT_FAILED = 4  # nothing could be ingested


@dataclass
class IngestSummary:
    articles: int = 0
    event_ids: set[str] = field(default_factory=set)
    entity_ids: set[str] = field(default_factory=set)
    failures: list[str] = field(default_factory=list)
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

    def as_dict(self) -> dict[str, Any]:
        return {"articles": self.articles, "events": self.events, "entities": self.entities,
                "failures": self.failures, "notices": self.notices, "exit_code": self.exit_code}


def open_sink(store: str | os.PathLike[str] | None = None, neo4j_uri: str | None = None, **kw: Any) -> Any:
    """The Neo4j sink when a URI is given, else the embedded SQLite store (default path)."""
    if neo4j_uri:
        return registry.get("sink", "neo4j")(uri=neo4j_uri, **kw)
    return registry.get("sink", "sqlite")(store or "graphbuilder.db")


def read_documents(
    paths: Sequence[str], *, reference_date: dt.date | None = None, language: str | None = None,
    stdin: TextIO | None = None,
) -> tuple[list[Document], list[str], list[str]]:
    """Read every input; returns (documents, failures, notices)."""
    docs: list[Document] = []
    failures: list[str] = []
    notices: list[str] = []
    for item in read_paths(paths, stdin=stdin, reference_date=reference_date, language=language):
        if isinstance(item, ReadError):
            failures.append(str(item))
        else:
            docs.append(item)
            if item.encoding.lower().replace("-", "") not in ("utf8", "utf8sig"):
                notices.append(f"{item.path or item.id}: not UTF-8, read as {item.encoding}")
    return docs, failures, notices


def _repeated_by_source(docs: list[Document]) -> dict[str, set[str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for d in docs:
        if d.source:
            groups[d.source].append(d.text)
    return {src: repeated_paragraphs(texts) for src, texts in groups.items() if len(texts) > 1}


def extract_documents(
    docs: list[Document], *, reference_date: dt.date | None = None, language: str | None = None,
    pipeline: Pipeline | None = None,
) -> Iterator[Extraction | str]:
    """Extract each document; yields an Extraction or a failure message naming the document."""
    pipe = pipeline or Pipeline()
    repeated = _repeated_by_source(docs)
    for doc in docs:
        try:
            yield pipe.process(doc, reference_date=reference_date, language=language,
                               repeated=repeated.get(doc.source or "", None))
        except Exception as exc:  # one broken article never stops a batch
            yield f"{doc.path or doc.id}: extraction failed: {type(exc).__name__}: {exc}"


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
) -> IngestSummary:
    """Read, extract and write every article: its nodes and relationships in one transaction
    (see :func:`write_resolved` for the small follow-up writes of merged people and date order).

    Each article's graph is first resolved against the store (:mod:`graphbuilder.resolve`),
    with the analyst's ``decisions`` applied."""
    decisions = decisions or Decisions()
    docs, failures, notices = read_documents(paths, reference_date=reference_date,
                                             language=language, stdin=stdin)
    summary = IngestSummary(failures=failures, notices=notices)
    for i, result in enumerate(extract_documents(docs, reference_date=reference_date,
                                                 language=language, pipeline=pipeline)):
        if progress:
            progress(i + 1, len(docs))
        if isinstance(result, str):
            summary.failures.append(result)
            continue
        summary.notices.extend(f"{result.document.path or result.document.id}: {w}" for w in result.warnings)
        try:
            batch = write_resolved(build_graph(result), sink, decisions)
        except Exception as exc:
            if type(exc).__name__ in ("Neo4jConnectionError", "ServiceUnavailable", "AuthError"):
                raise
            summary.failures.append(f"{result.document.path or result.document.id}: write failed: {exc}")
            continue
        summary.articles += 1
        for n in batch.nodes:
            if n.label == "Event":
                summary.event_ids.add(n.id)
            elif n.label in ("Person", "Organization", "Location"):
                summary.entity_ids.add(n.id)
    return summary


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
