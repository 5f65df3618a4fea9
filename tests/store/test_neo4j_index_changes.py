"""The local index records what a batch changed (no Neo4j needed)."""

from __future__ import annotations

from graphbuilder.models import GraphBatch, Node, Relationship
from graphbuilder.store import neo4j_index
from graphbuilder.store.base import WritePlan
from graphbuilder.store.sqlite_store import SQLiteStore


def _store() -> SQLiteStore:
    store = SQLiteStore(":memory:")
    store.connection.executescript(neo4j_index._TRIGGERS)
    return store


def test_changes_hold_final_state_and_deletions() -> None:
    store = _store()
    ada = Node(label="Person", id="per:ada-korn", props={"name": "Ada Korn"})
    ev = Node(label="Event", id="ev:1", props={"family": "meet"})
    rel = Relationship(type="PARTICIPATED_IN", start="per:ada-korn", end="ev:1", start_label="Person",
                       end_label="Event", props={"role": "participant"})
    store.write(GraphBatch(nodes=[ada, ev], relationships=[rel]))
    db = store.connection
    db.execute("DELETE FROM temp.touched_nodes")
    db.execute("DELETE FROM temp.touched_rels")
    store.begin()
    store.reader().apply(WritePlan(remove_events=["ev:1"], batch=GraphBatch(nodes=[
        Node(label="Person", id="per:ada-korn", props={"name": "Ada Korn", "aliases": ["Korn"]})])))
    del_rels, put_rels, del_nodes, put_nodes, new_nodes, new_rels = neo4j_index._changes(db)
    db.execute("COMMIT")
    assert del_nodes == {"Event": ["ev:1"]}
    assert del_rels == {("PARTICIPATED_IN", "Person", "Event"): [["per:ada-korn", "ev:1"]]}
    assert put_rels == {} and new_nodes == {} and new_rels == {}
    (row,) = put_nodes["Person"]
    assert row[0] == "per:ada-korn" and row[1]["aliases"] == ["Korn"] and row[1]["name"] == "Ada Korn"


def test_elements_new_to_the_batch_are_created_and_short_lived_ones_never_sent() -> None:
    store = _store()
    ada = Node(label="Person", id="per:ada-korn", props={"name": "Ada Korn"})
    store.write(GraphBatch(nodes=[ada]))
    db = store.connection
    db.execute("DELETE FROM temp.touched_nodes")
    db.execute("DELETE FROM temp.touched_rels")
    store.begin()
    tx = store.reader()
    for eid in ("ev:1", "ev:2"):
        tx.apply(WritePlan(remove_events=["ev:1"], batch=GraphBatch(
            nodes=[Node(label="Event", id=eid, props={"family": "meet"})],
            relationships=[Relationship(type="PARTICIPATED_IN", start="per:ada-korn", end=eid,
                                        start_label="Person", end_label="Event", props={"role": "host"})])))
    del_rels, put_rels, del_nodes, put_nodes, new_nodes, new_rels = neo4j_index._changes(db)
    db.execute("COMMIT")
    # ev:1 was created and removed within the batch: Neo4j never had it, nothing is sent for it
    assert del_nodes == {} and del_rels == {} and put_nodes == {} and put_rels == {}
    assert [r[0] for r in new_nodes["Event"]] == ["ev:2"]
    assert new_rels == {("PARTICIPATED_IN", "Person", "Event"): [["per:ada-korn", "ev:2", {"role": "host"}]]}


class _FakeNeo4j:
    """What IndexedNeo4j needs of a Neo4j sink, without a server (sync and pushes patched)."""

    uri, database = "bolt://invented.invalid:7687", None

    def counts(self) -> dict[str, int]:
        return {}


def _failing_index(tmp_path, fail_at: int):
    """An index whose ``fail_at``-th push to Neo4j fails (connection lost), in the background."""
    import neo4j.exceptions

    index = neo4j_index.IndexedNeo4j(_FakeNeo4j(), str(tmp_path / "index.db"))
    index._checked = True  # no server to sync with
    pushed: list[int] = []

    def push(changes, expected) -> None:
        pushed.append(expected)
        if len(pushed) == fail_at:
            raise neo4j.exceptions.ServiceUnavailable("connection lost")

    index._push = push  # type: ignore[method-assign]
    return index, pushed


def _ingest_into(tmp_path, index):
    from graphbuilder.core import ingest
    from tests.test_scale import _corpus

    class Sink(_FakeNeo4j):
        def indexed(self):
            return index

    return ingest([str(_corpus(tmp_path / "c.jsonl", n=6))], Sink(), batch_size=2)


def test_failed_background_write_is_not_counted_as_committed(tmp_path) -> None:
    import pytest

    from graphbuilder.errors import StoreUnreachable

    index, pushed = _failing_index(tmp_path, fail_at=2)
    with pytest.raises(StoreUnreachable) as caught:
        _ingest_into(tmp_path, index)
    # batch 2 failed while batch 3 was resolved: only batch 1 (2 articles) is in Neo4j
    assert pushed == [1, 2] and caught.value.committed == 2
    assert "after 2 article(s)" in str(caught.value)
    import sqlite3

    with sqlite3.connect(tmp_path / "index.db") as db:  # the local copy is never trusted again
        assert db.execute("SELECT value FROM index_meta WHERE key = 'writes'").fetchone() == ("-1",)


def test_failed_last_background_write_is_reported_with_what_was_committed(tmp_path) -> None:
    import pytest

    from graphbuilder.errors import StoreUnreachable

    index, pushed = _failing_index(tmp_path, fail_at=3)
    with pytest.raises(StoreUnreachable) as caught:
        _ingest_into(tmp_path, index)
    assert pushed == [1, 2, 3] and caught.value.committed == 4
