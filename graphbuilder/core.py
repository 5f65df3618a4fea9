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
from graphbuilder.store.base import GraphSink

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
    sink: GraphSink,
    *,
    reference_date: dt.date | None = None,
    language: str | None = None,
    pipeline: Pipeline | None = None,
    stdin: TextIO | None = None,
    progress: Callable[[int, int], None] | None = None,
    decisions: Decisions | None = None,
) -> IngestSummary:
    """Read, extract and write every article, each in one transaction holding its resolution
    reads and its writes (:func:`write_resolved`, :mod:`graphbuilder.resolve`), with the
    analyst's ``decisions`` applied. The stored graph depends only on the set of articles."""
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


def write_resolved(batch: GraphBatch, sink: Any, decisions: Decisions | None = None) -> GraphBatch:
    """Resolve one article's batch against the store and write it, in ONE transaction holding
    the resolution reads and the writes (:meth:`GraphStore.transact`); returns what was written.

    The plan (:func:`graphbuilder.resolve.plan_article`) holds the article's nodes and
    relationships, the events of its linked component computed again from all their reports
    (replacing the stored ones) and the BEFORE links their dates imply. A sink that cannot be
    read (a plain :class:`~graphbuilder.store.base.GraphSink`) gets the batch as built."""
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


def date_order(events: list[Any], people: dict[str, list[str]], reader: Any,
               removed: set[str] | None = None) -> GraphBatch:
    """BEFORE links that dates give between ``events`` and the stored events (see
    :func:`graphbuilder.resolve.date_links`): a pure function of the final events."""
    from graphbuilder.resolve import date_links

    return GraphBatch(relationships=date_links(events, people, reader, removed or set()))


def push(source: Any, target: GraphSink, batch_size: int = 5000) -> dict[str, int]:
    """Copy a whole store into another sink (e.g. the embedded store into Neo4j).

    Nodes go first, then relationships, ``batch_size`` elements per transaction, so a large
    store never needs one huge transaction; MERGE makes a repeated or interrupted push safe."""
    batch = source.to_batch()
    for i in range(0, len(batch.nodes), batch_size):
        target.write(GraphBatch(nodes=batch.nodes[i:i + batch_size]))
    for i in range(0, len(batch.relationships), batch_size):
        target.write(GraphBatch(relationships=batch.relationships[i:i + batch_size]))
    return target.counts()
