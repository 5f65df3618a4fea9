"""Ingest into Neo4j through the local resolution index gives the SQLite graph."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from graphbuilder.core import ingest
from graphbuilder.export import export
from graphbuilder.models import GraphBatch, Node
from graphbuilder.store.sqlite_store import SQLiteStore
from tests.test_scale import _corpus


def _dump(store) -> str:
    buf = io.StringIO()
    export(store, "apoc-jsonl", buf)
    return buf.getvalue()


@pytest.mark.integration
def test_neo4j_ingest_equals_sqlite_and_index_follows_other_writers(
        neo4j_sink, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("GRAPHBUILDER_CACHE_DIR", str(tmp_path / "cache"))
    corpus = _corpus(tmp_path / "c.jsonl")
    with SQLiteStore(tmp_path / "s.db") as store:
        ingest([str(corpus)], store, batch_size=4)
        expected = _dump(store)
    summary = ingest([str(corpus)], neo4j_sink, batch_size=4)
    assert summary.articles == 14 and not summary.failures
    assert _dump(neo4j_sink) == expected
    # a write that bypasses the index: the next ingest rebuilds the index first
    neo4j_sink.write(GraphBatch(nodes=[Node(label="Person", id="per:outsider", props={"name": "Outsider"})]))
    ingest([str(corpus)], neo4j_sink, batch_size=5)
    assert neo4j_sink.get_node("per:outsider") is not None
    with SQLiteStore(tmp_path / "s.db") as store:
        store.write(GraphBatch(nodes=[Node(label="Person", id="per:outsider", props={"name": "Outsider"})]))
        assert _dump(neo4j_sink) == _dump(store)
