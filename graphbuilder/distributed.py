"""The ingest stages as a Dask job, for corpora past one machine.

    python -m graphbuilder.distributed ARTICLES... --store graph.db [--scheduler local:4]
    python -m graphbuilder.distributed ARTICLES... --neo4j-uri neo4j+s://xxxx.databases.neo4j.io \
        --scheduler tcp://scheduler-host:8786

* **Read** (driver): the inputs are scanned once for bounded state (:func:`~graphbuilder.core.scan_inputs`:
  repeated paragraphs per source as digests, ids shared by different texts), then streamed again in
  partitions of ``--partition-size`` documents (a bounded number in flight).
* **Extract + build** (Dask workers): one task per partition: extraction and graph building of its
  documents (:func:`extract_partition`); each worker process builds its pipeline once, from the
  compiled-resource cache (:mod:`graphbuilder.cache`).
* **Resolve + write** (driver, one writer): built articles are resolved and written
  ``--batch-size`` per transaction (:func:`graphbuilder.core.write_resolved_many`), into SQLite or
  Neo4j/Aura. Resolution is an order-independent group-by of reports (events by family and
  participants, then time-compatible clusters; properties combined by the associative MERGE of
  :mod:`graphbuilder.store.base`), so the order partitions come back in does not matter: the graph
  equals the single-machine ingest of the same articles (a test checks it on a local cluster).

``--scheduler``: ``local:N`` starts a :class:`dask.distributed.LocalCluster` of N worker processes;
a ``tcp://host:8786`` address joins a running cluster (``dask scheduler`` / ``dask worker`` on
each machine, with graphbuilder installed on every worker; the article files must be readable by
the driver only). Dask is an optional dependency: ``pip install "dask[distributed]"``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections import deque
from collections.abc import Iterator, Sequence
from typing import Any

from graphbuilder.core import (
    DEFAULT_BATCH_SIZE,
    IngestSummary,
    extract_one,
    scan_inputs,
    stored_articles_lookup,
    stored_hash_lookup,
    stream_documents,
    write_resolved_many,
)
from graphbuilder.decisions import Decisions
from graphbuilder.errors import Failure
from graphbuilder.graph import build_graph
from graphbuilder.limits import Limits
from graphbuilder.models import Document
from graphbuilder.read import store_files

_PIPELINES: dict[Any, Any] = {}  # per worker process: document type -> Pipeline


def extract_partition(docs: list[Document], settings: dict[str, Any]) -> list[Any]:
    """Extract and build one partition (runs on a Dask worker): per document, ``(name,
    warnings, GraphBatch)`` or a :class:`~graphbuilder.errors.Failure`."""
    from graphbuilder.pipeline import Pipeline

    doc_type = settings.get("document_type")
    if doc_type not in _PIPELINES:
        _PIPELINES[doc_type] = Pipeline(document_type=doc_type)
    pipe = _PIPELINES[doc_type]
    out: list[Any] = []
    for doc in docs:
        result = extract_one(pipe, doc, settings.get("reference_date"), settings.get("language"),
                             settings.get("limits") or Limits(),
                             settings["repeated"].get(doc.source or "", None))
        if isinstance(result, Failure):
            out.append(result)
        else:
            out.append((doc.path or doc.id, list(result.warnings), build_graph(result)))
    return out


def _partitions(docs: Iterator[Document], size: int) -> Iterator[list[Document]]:
    part: list[Document] = []
    for d in docs:
        part.append(d)
        if len(part) >= size:
            yield part
            part = []
    if part:
        yield part


def client_for(scheduler: str) -> Any:
    """A Dask client: ``local:N`` (a local cluster of N processes) or a scheduler address."""
    from dask.distributed import Client, LocalCluster

    if scheduler.startswith("local"):
        n = int(scheduler.partition(":")[2] or os.cpu_count() or 1)
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        return Client(cluster)
    return Client(scheduler)


def dask_ingest(
    paths: Sequence[str], sink: Any, client: Any, *, reference_date: dt.date | None = None,
    language: str | None = None, decisions: Decisions | None = None, limits: Limits | None = None,
    document_type: str | None = None, batch_size: int = DEFAULT_BATCH_SIZE,
    partition_size: int = 64, in_flight: int | None = None,
) -> IngestSummary:
    """Ingest ``paths`` into ``sink`` with extraction on the Dask ``client``'s workers and one
    writer here; the same graph as :func:`graphbuilder.core.ingest`."""

    decisions = decisions or Decisions()
    exclude = store_files(getattr(sink, "path", None), getattr(decisions, "path", None))
    scan = scan_inputs(paths, reference_date=reference_date, language=language, limits=limits,
                       exclude=exclude, stored_hash=stored_hash_lookup(sink),
                       stored_articles=stored_articles_lookup(sink))
    summary = IngestSummary(failures=scan.failures, notices=scan.notices)
    repeated = scan.repeated()
    base = {"reference_date": reference_date, "language": language, "limits": limits,
            "document_type": document_type if document_type not in (None, "auto") else None}
    docs = stream_documents(paths, scan, reference_date=reference_date, language=language,
                            limits=limits, exclude=exclude)
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    limit = in_flight or 2 * workers
    futures: deque[Any] = deque()
    pending: list[Any] = []

    def collect(results: list[Any]) -> None:
        for r in results:
            built = summary.take(r)
            if built is not None:
                pending.append(built)
                if len(pending) >= batch_size:
                    flush()

    def flush() -> None:
        if pending:
            for batch in write_resolved_many([b for _, b in pending], sink, decisions):
                summary.count_written(batch)
            pending.clear()

    for part in _partitions(docs, partition_size):
        sources = {d.source for d in part if d.source}
        settings = {**base, "repeated": {s: repeated[s] for s in sources if s in repeated}}
        futures.append(client.submit(extract_partition, part, settings, pure=False))
        if len(futures) >= limit:
            collect(futures.popleft().result())
    while futures:
        collect(futures.popleft().result())
    flush()
    summary.finalize(sink)
    return summary


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m graphbuilder.distributed",
                                 description="Ingest articles with extraction on a Dask cluster.")
    ap.add_argument("command", choices=["ingest"])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--store", default=None, help="SQLite store (default graphbuilder.db)")
    ap.add_argument("--neo4j-uri", default=None, help="write into Neo4j/Aura (NEO4J_USERNAME/NEO4J_PASSWORD)")
    ap.add_argument("--scheduler", default="local", help="local[:N] or tcp://host:port")
    ap.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
    ap.add_argument("--partition-size", type=int, default=64)
    ap.add_argument("--lang", default=None)
    ap.add_argument("--reference-date", type=dt.date.fromisoformat, default=None)
    args = ap.parse_args(argv)
    from graphbuilder.core import open_sink

    sink = open_sink(store=args.store, neo4j_uri=args.neo4j_uri)
    client = client_for(args.scheduler)
    try:
        summary = dask_ingest(args.paths, sink, client, language=args.lang,
                              reference_date=args.reference_date, batch_size=args.batch_size,
                              partition_size=args.partition_size)
    finally:
        client.close()
        sink.close()
    print(json.dumps(summary.as_dict(), indent=2, ensure_ascii=False))
    return summary.exit_code


if __name__ == "__main__":
    sys.exit(main())
