"""SQLiteStore: MERGE semantics, transactions, queries."""

from __future__ import annotations

import datetime as dt
import sqlite3

import networkx
import pytest

from graphbuilder.models import REL_TYPES, GraphBatch, Node, Relationship
from graphbuilder.store.base import GraphSink
from graphbuilder.store.sqlite_store import SQLiteStore, property_value


def rel(type_: str, start: Node, end: Node, **props) -> Relationship:
    return Relationship(
        type=type_, start=start.id, end=end.id, start_label=start.label,
        end_label=end.label, props=props,
    )


def article_batch(
    art_id: str = "art:1",
    published: dt.date = dt.date(2021, 12, 1),
    status: str = "planned",
    rank: str = "2021-12-01|1",
    aliases: tuple[str, ...] = ("Lawrow",),
    start: str = "2021-12-02",
    end: str | None = None,
) -> GraphBatch:
    """One article reporting a meeting of two people on a date at a place."""
    art = Node(label="Article", id=art_id, props={"title": "T", "published": published})
    p1 = Node(label="Person", id="per:a", props={
        "name": "Anna Alpha", "aliases": list(aliases), "first_seen": published, "last_seen": published,
    })
    p2 = Node(label="Person", id="per:b", props={"name": "Bert Beta", "aliases": ["Beta"]})
    loc = Node(label="Location", id="loc:x", props={"name": "Xtown"})
    day = Node(label="Date", id="date:2021-12-02", props={"value": "2021-12-02"})
    month = Node(label="Date", id="date:2021-12", props={"value": "2021-12"})
    ev_props = {
        "type": "MEETING", "family": "contact", "label": "Meeting Alpha–Beta", "status": status,
        "start": start, "precision": "day", "time_text": "tomorrow", "report_rank": rank,
    }
    if end:
        ev_props["end"] = end
    ev = Node(label="Event", id="ev:1", props=ev_props)
    return GraphBatch(
        nodes=[art, p1, p2, loc, day, month, ev],
        relationships=[
            rel("PARTICIPATED_IN", p1, ev, role="participant"),
            rel("PARTICIPATED_IN", p2, ev, role="participant"),
            rel("REPORTED_IN", ev, art, status=status),
            rel("ON_DATE", ev, day),
            rel("PART_OF", day, month),
            rel("LOCATED_IN", ev, loc),
            rel("MENTIONED_IN", p1, art),
        ],
    )


@pytest.fixture
def store(tmp_path):
    with SQLiteStore(tmp_path / "g.db") as s:
        yield s


def snapshot(s: SQLiteStore):
    return s.to_batch().model_dump()


def test_is_a_sink_and_counts(store):
    assert isinstance(store, GraphSink)
    store.write(article_batch())
    c = store.counts()
    assert c["Article"] == 1 and c["Person"] == 2 and c["Date"] == 2 and c["Event"] == 1
    assert c["PARTICIPATED_IN"] == 2 and c["REPORTED_IN"] == 1 and c["PART_OF"] == 1
    assert c["HOLDS_ROLE"] == 0


def test_rewrite_same_batch_changes_nothing(store):
    store.write(article_batch())
    before = (store.counts(), snapshot(store))
    store.write(article_batch())
    assert (store.counts(), snapshot(store)) == before


def test_props_stored_as_json_with_iso_dates(store):
    store.write(article_batch())
    art = store.get_node("art:1")
    assert art is not None and art.label == "Article"
    assert art.props["published"] == "2021-12-01"
    assert art.props["id"] == "art:1"
    raw = store._db.execute("SELECT props FROM nodes WHERE id = 'art:1'").fetchone()[0]
    assert raw == '{"id":"art:1","published":"2021-12-01","title":"T"}'
    assert store.get_node("nope") is None


def test_alias_union_and_first_last_seen(store):
    store.write(article_batch("art:1", dt.date(2021, 12, 1), aliases=("Lawrow",)))
    store.write(article_batch("art:2", dt.date(2021, 11, 20), aliases=("Lavrov", "Lawrow")))
    p = store.get_node("per:a").props
    assert p["aliases"] == ["Lavrov", "Lawrow"]
    assert p["first_seen"] == "2021-11-20" and p["last_seen"] == "2021-12-01"


def test_report_count_is_derived(store):
    store.write(article_batch("art:1"))
    assert store.get_node("ev:1").props["report_count"] == 1
    store.write(article_batch("art:2", dt.date(2021, 12, 2), rank="2021-12-02|1"))
    assert store.get_node("ev:1").props["report_count"] == 2
    store.write(article_batch("art:2", dt.date(2021, 12, 2), rank="2021-12-02|1"))
    assert store.get_node("ev:1").props["report_count"] == 2


@pytest.mark.parametrize("order", ["planned-first", "occurred-first"])
def test_evolving_event_props_latest_report_wins(tmp_path, order):
    planned = article_batch("art:1", dt.date(2021, 12, 1), "planned", "2021-12-01|1",
                            start="2021-12", end="2021-12-31")
    occurred = article_batch("art:2", dt.date(2021, 12, 3), "occurred", "2021-12-03|2",
                             start="2021-12-02")
    batches = [planned, occurred] if order == "planned-first" else [occurred, planned]
    with SQLiteStore(tmp_path / "g.db") as s:
        for b in batches:
            s.write(b)
        ev = s.get_node("ev:1").props
        assert ev["status"] == "occurred" and ev["start"] == "2021-12-02"
        assert "end" not in ev  # cleared by the winning report
        assert ev["report_count"] == 2
        reported = {r.end: r.props["status"] for r in s.relationships("REPORTED_IN")}
        assert reported == {"art:1": "planned", "art:2": "occurred"}
        result = snapshot(s)
    with SQLiteStore(tmp_path / "other.db") as s:
        for b in reversed(batches):
            s.write(b)
        assert snapshot(s) == result


def test_none_props_are_not_stored(store):
    b = article_batch()
    b.nodes[0].props["url"] = None
    store.write(b)
    assert "url" not in store.get_node("art:1").props
    b2 = GraphBatch(nodes=[Node(label="Article", id="art:1", props={"title": None})])
    store.write(b2)
    assert "title" not in store.get_node("art:1").props


def test_rollback_on_failure_leaves_nothing(store):
    bad = article_batch()
    bad.relationships.append(Relationship(
        type="ABOUT", start="ev:1", end="ev:missing", start_label="Event", end_label="Event",
    ))
    with pytest.raises(ValueError, match="ev:missing"):
        store.write(bad)
    assert sum(store.counts().values()) == 0
    store.write(article_batch())  # the store is still usable
    assert store.counts()["Event"] == 1


def test_rollback_keeps_earlier_state(store):
    store.write(article_batch("art:1"))
    before = snapshot(store)
    bad = article_batch("art:2", dt.date(2021, 12, 5), "occurred", "2021-12-05|9")
    bad.nodes.append(Node(label="Location", id="per:a"))  # id clash across labels
    with pytest.raises(ValueError, match="per:a"):
        store.write(bad)
    assert snapshot(store) == before


def test_write_many_is_one_transaction(store):
    bad = GraphBatch(relationships=[Relationship(
        type="ABOUT", start="x", end="y", start_label="Event", end_label="Event")])
    with pytest.raises(ValueError):
        store.write_many([article_batch("art:1"), bad])
    assert store.counts()["Article"] == 0
    store.write_many([article_batch("art:1"), article_batch("art:2", rank="2021-12-01|2")])
    assert store.counts()["Article"] == 2
    assert store.get_node("ev:1").props["report_count"] == 2


def test_labels_and_types_are_validated(store):
    with pytest.raises(ValueError):
        list(store.nodes("Event; DROP TABLE nodes"))
    with pytest.raises(ValueError):
        list(store.relationships("KNOWS"))
    bad = Node.model_construct(label="Robert'); DROP TABLE nodes;--", id="x", props={})
    with pytest.raises(ValueError):
        store.write(GraphBatch.model_construct(nodes=[bad], relationships=[]))
    assert store._db.execute("SELECT COUNT(*) FROM nodes").fetchone() == (0,)


def test_injection_text_is_data(store):
    evil = "x'); DROP TABLE nodes; --"
    store.write(GraphBatch(nodes=[Node(label="Person", id=evil, props={"name": evil})]))
    assert store.get_node(evil).props["name"] == evil
    assert store.counts()["Person"] == 1


def test_relationship_props_merge(store):
    store.write(article_batch())
    b = GraphBatch(relationships=[Relationship(
        type="PARTICIPATED_IN", start="per:a", end="ev:1", start_label="Person",
        end_label="Event", props={"confidence": 0.9})])
    store.write(b)
    (r,) = [r for r in store.relationships("PARTICIPATED_IN") if r.start == "per:a"]
    assert r.props == {"role": "participant", "confidence": 0.9}


def test_nodes_and_relationships_listing(store):
    store.write(article_batch())
    assert [n.id for n in store.nodes("Date")] == ["date:2021-12", "date:2021-12-02"]
    labels = [n.label for n in store.nodes()]  # allow-list order, as the Neo4j sink
    assert labels == ["Article", "Event", "Person", "Person", "Location", "Date", "Date"]
    types = [r.type for r in store.relationships()]
    assert types == sorted(types, key=REL_TYPES.index)
    assert {(r.start, r.end) for r in store.relationships("PARTICIPATED_IN")} == {
        ("per:a", "ev:1"), ("per:b", "ev:1")}
    assert len(list(store.relationships())) == 7


def test_find_events(store):
    store.write(article_batch())
    other = Node(label="Event", id="ev:2", props={"type": "CALL", "family": "contact"})
    solo = Node(label="Event", id="ev:3", props={"type": "ATTACK", "family": "attack"})
    p1 = Node(label="Person", id="per:a")
    store.write(GraphBatch(nodes=[other, solo, p1], relationships=[
        rel("PARTICIPATED_IN", p1, other), rel("PARTICIPATED_IN", p1, solo)]))
    ids = lambda evs: [e.id for e in evs]  # noqa: E731
    assert ids(store.find_events(type_family="contact")) == ["ev:1", "ev:2"]
    assert ids(store.find_events(type_family="contact", participant_ids=["per:a"])) == ["ev:1", "ev:2"]
    assert ids(store.find_events(type_family="contact", participant_ids=["per:a", "per:b"])) == ["ev:1"]
    assert ids(store.find_events(participant_ids=["per:a"])) == ["ev:1", "ev:2", "ev:3"]
    assert ids(store.find_events(type_family="attack", participant_ids=["per:b"])) == []
    assert ids(store.find_events(participant_ids=["per:a", "per:zzz"])) == []


def test_to_batch_round_trip(store, tmp_path):
    store.write(article_batch())
    batch = store.to_batch()
    with SQLiteStore(tmp_path / "copy.db") as copy:
        copy.write(batch)
        assert snapshot(copy) == snapshot(store)


def test_to_networkx(store):
    store.write(article_batch())
    g = store.to_networkx()
    assert isinstance(g, networkx.MultiDiGraph)
    assert g.nodes["ev:1"]["label"] == "Event"
    assert g.nodes["ev:1"]["display_label"] == "Meeting Alpha–Beta"
    assert g.nodes["per:a"]["aliases"] == ["Lawrow"]
    assert g.has_edge("per:a", "ev:1", key="PARTICIPATED_IN")
    assert g.edges["per:a", "ev:1", "PARTICIPATED_IN"]["role"] == "participant"
    assert g.number_of_edges() == 7


def test_wal_mode_and_schema(tmp_path):
    path = tmp_path / "w.db"
    SQLiteStore(path).close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    idx = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert {"nodes_by_label", "rels_by_start", "rels_by_end"} <= idx


def test_memory_store():
    with SQLiteStore(":memory:") as s:
        s.write(article_batch())
        assert s.counts()["Event"] == 1


def test_none_does_not_clear_accumulating_props(store):
    store.write(article_batch())
    store.write(GraphBatch(nodes=[Node(label="Person", id="per:a", props={
        "aliases": None, "first_seen": None, "last_seen": None})]))
    p = store.get_node("per:a").props
    assert p["aliases"] == ["Lawrow"] and p["first_seen"] == "2021-12-01"


def test_property_values_are_neo4j_storable(store):
    assert property_value(dt.date(2021, 12, 2)) == "2021-12-02"
    assert property_value([1, 2.5]) == [1, 2.5] and property_value([]) == []
    assert property_value(["a", 1]) == '["a", 1]'  # mixed list: JSON string
    assert property_value([True, 1]) == "[true, 1]"
    assert property_value({"b": 1, "a": [dt.date(2021, 1, 1)]}) == '{"a": ["2021-01-01"], "b": 1}'
    assert property_value(float("nan")) is None and property_value(float("inf")) is None
    b = GraphBatch(nodes=[Node(label="Article", id="a", props={"meta": {"k": "v"}, "x": float("nan")})])
    store.write(b)
    assert store.get_node("a").props == {"id": "a", "meta": '{"k": "v"}'}


# -- same graph as the Neo4j sink (skipped without NEO4J_URI) -------------------------------


def _prefixed(batch: GraphBatch, prefix: str) -> GraphBatch:
    return GraphBatch(
        nodes=[n.model_copy(update={"id": prefix + n.id}) for n in batch.nodes],
        relationships=[r.model_copy(update={"start": prefix + r.start, "end": prefix + r.end})
                       for r in batch.relationships],
    )


@pytest.mark.integration
def test_same_graph_as_neo4j_sink(tmp_path):
    import os
    import uuid

    if not os.environ.get("NEO4J_URI"):
        pytest.skip("NEO4J_URI not set")
    pytest.importorskip("neo4j")
    from graphbuilder.store.neo4j_sink import Neo4jSink

    try:
        sink = Neo4jSink()
    except Exception as exc:  # pragma: no cover - depends on the environment
        pytest.skip(f"Neo4j not reachable: {exc}")
    prefix = f"gbs{uuid.uuid4().hex[:12]}:"
    occurred = article_batch("art:2", dt.date(2021, 12, 3), "occurred", "2021-12-03|2",
                             aliases=("Alpha",), start="2021-12-02")
    occurred.nodes[0].props["meta"] = {"k": [1, "a"]}
    batches = [
        article_batch("art:1", dt.date(2021, 12, 1), "planned", "2021-12-01|1",
                      start="2021-12", end="2021-12-31"),
        occurred,
        article_batch("art:0", dt.date(2021, 11, 28), "planned", "2021-11-28|1",
                      aliases=("A. Alpha",)),
    ]
    batches = [_prefixed(b, prefix) for b in batches]
    try:
        with SQLiteStore(tmp_path / "g.db") as store:
            for b in batches:
                store.write(b)
                sink.write(b)
            ours = store.to_batch()
        theirs = GraphBatch(
            nodes=[n for n in sink.nodes() if n.id.startswith(prefix)],
            relationships=[r for r in sink.relationships() if r.start.startswith(prefix)],
        )
        assert len(ours.nodes) == 9 and len(ours.relationships) == 11
        assert theirs == ours
    finally:
        sink.driver.execute_query("MATCH (n) WHERE n.id STARTS WITH $p DETACH DELETE n", p=prefix)
        sink.close()


def test_interrupt_mid_batch_rolls_back(store, monkeypatch):
    import graphbuilder.store.sqlite_store as mod

    store.write(article_batch("art:1"))
    before = snapshot(store)
    calls = {"n": 0}
    original = mod.merge_rel_props

    def flaky(*args):  # the 4th relationship: the nodes are already written in the transaction
        calls["n"] += 1
        if calls["n"] == 4:
            raise KeyboardInterrupt
        return original(*args)

    monkeypatch.setattr(mod, "merge_rel_props", flaky)
    with pytest.raises(KeyboardInterrupt):
        store.write(article_batch("art:2", dt.date(2021, 12, 9), "occurred", "2021-12-09|9"))
    assert calls["n"] == 4 and snapshot(store) == before


def test_second_connection_sees_only_committed_data(tmp_path):
    path = tmp_path / "shared.db"
    with SQLiteStore(path) as writer, SQLiteStore(path) as reader:
        writer.write(article_batch())
        assert reader.counts()["Event"] == 1
        writer._db.execute("BEGIN IMMEDIATE")
        writer._merge_batch(article_batch("art:2", rank="2021-12-01|2"))
        assert reader.counts()["Article"] == 1  # uncommitted work is invisible
        writer._db.execute("ROLLBACK")
        assert reader.counts()["Article"] == 1


def test_a_busy_store_is_waited_for_not_skipped(tmp_path):
    """Another writer holding the lock past the busy timeout: the write waits and retries."""
    import threading

    path = tmp_path / "g.db"
    store = SQLiteStore(path)
    store._db.execute("PRAGMA busy_timeout=20")  # give up each BEGIN quickly, so the retry loop runs
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.5, lambda: other.execute("COMMIT"))
    release.start()
    try:
        store.write(article_batch())  # would raise "database is locked" without the retry
    finally:
        release.join()
        other.close()
    assert store.counts()["Event"] == 1
    store.close()


def test_transact_holds_reads_and_writes_in_one_transaction(store):
    from graphbuilder.store.base import GraphStore, WritePlan

    assert isinstance(store, GraphStore)

    def work(tx):
        assert tx.get_node("ev:1") is None
        tx.apply(WritePlan(batch=article_batch()))
        assert tx.get_node("ev:1") is not None  # reads see the transaction's own writes
        assert tx.events_of("per:a", "contact") == ["ev:1"] and tx.events_of("per:a", "attack") == []
        assert [n.id for n in tx.dated_events_of("per:a", "2021-12-01", "2021-12-03")] == ["ev:1"]
        assert tx.dated_events_of("per:a", "2021-12-03", "2021-12-09") == []
        raise RuntimeError("stop")

    with pytest.raises(RuntimeError):
        store.transact(work)
    assert store.counts()["Event"] == 0  # rolled back as a whole
    store.transact(lambda tx: tx.apply(WritePlan(batch=article_batch(), remove_events=["ev:none"])))
    store.transact(lambda tx: tx.apply(WritePlan(remove_events=["ev:1"])))
    c = store.counts()
    assert c["Event"] == 0 and c["PARTICIPATED_IN"] == 0 and c["ON_DATE"] == 0 and c["Person"] == 2


def _rows(s: SQLiteStore):
    db = s.connection
    return (db.execute("SELECT id, label, props FROM nodes ORDER BY id").fetchall(),
            db.execute("SELECT * FROM rels ORDER BY type, start, end").fetchall(),
            db.execute("SELECT * FROM report_times ORDER BY event, article, participant, kind").fetchall())


def _recompute_plan():
    """A plan recomputing stored events: ev:1 again with one report unchanged, one changed and
    one participant swapped; ev:2 removed for good; a BEFORE link from a kept event dropped."""
    from graphbuilder.store.base import WritePlan

    a1 = Node(label="Article", id="art:1", props={"title": "One"})
    a2 = Node(label="Article", id="art:2", props={"title": "Two"})
    pa = Node(label="Person", id="per:a", props={"name": "Anna Alpha"})
    pc = Node(label="Person", id="per:c", props={"name": "Cora Gamma"})
    ev = Node(label="Event", id="ev:1", props={"type": "MEETING", "family": "contact", "report_rank": "2",
                                               "report_count": 2, "disputed": False})
    rep = {"key": "e1", "family": "contact", "participants": ["per:a"], "published": "2021-12-01",
           "status": "occurred"}
    return WritePlan(remove_events=["ev:1", "ev:2"], batch=GraphBatch(
        nodes=[a1, a2, pa, pc, ev],
        relationships=[rel("REPORTED_IN", ev, a1, **rep),
                       rel("REPORTED_IN", ev, a2, **{**rep, "key": "e9", "published": "2021-12-03"}),
                       rel("PARTICIPATED_IN", pa, ev, role="participant"),
                       rel("PARTICIPATED_IN", pc, ev, role="speaker")]))


def _stored_before_recompute(s: SQLiteStore) -> None:
    a1 = Node(label="Article", id="art:1", props={"title": "One"})
    a2 = Node(label="Article", id="art:2", props={"title": "Two"})
    pa = Node(label="Person", id="per:a", props={"name": "Anna Alpha"})
    pb = Node(label="Person", id="per:b", props={"name": "Bert Beta"})
    ev0 = Node(label="Event", id="ev:0", props={"type": "MEETING", "family": "contact"})
    ev1 = Node(label="Event", id="ev:1", props={"type": "MEETING", "family": "contact", "report_rank": "2"})
    ev2 = Node(label="Event", id="ev:2", props={"type": "MEETING", "family": "contact"})
    rep = {"key": "e1", "family": "contact", "participants": ["per:a"], "published": "2021-12-01",
           "status": "occurred"}
    s.write(GraphBatch(nodes=[a1, a2, pa, pb, ev0, ev1, ev2], relationships=[
        rel("REPORTED_IN", ev1, a1, **rep),
        rel("REPORTED_IN", ev1, a2, **{**rep, "key": "e9", "published": "2021-12-02"}),
        rel("REPORTED_IN", ev2, a2, **{**rep, "key": "e8"}),
        rel("PARTICIPATED_IN", pa, ev1, role="participant"),
        rel("PARTICIPATED_IN", pb, ev1, role="participant"),
        rel("BEFORE", ev0, ev1, source="dates"),
        rel("BEFORE", ev1, ev2, source="dates")]))


def test_removed_events_written_again_give_the_rows_of_deleting_them_first(tmp_path):
    """Applying a plan that recomputes events (only the difference is written) leaves exactly
    the rows that deleting the events with all their relationships and index rows, then
    merging the plan, leaves."""
    from graphbuilder.store.base import WritePlan

    plan = _recompute_plan()
    with SQLiteStore(tmp_path / "diff.db") as diff, SQLiteStore(tmp_path / "full.db") as full:
        for s in (diff, full):
            _stored_before_recompute(s)
        diff.transact(lambda tx: tx.apply(plan))

        def delete_then_merge(tx):
            db = full.connection
            for e in plan.remove_events:
                db.execute("DELETE FROM report_times WHERE event = ?", (e,))
                db.execute("DELETE FROM rels WHERE start = ? OR end = ?", (e, e))
                db.execute("DELETE FROM nodes WHERE id = ? AND label = 'Event'", (e,))
            tx.apply(WritePlan(batch=plan.batch))

        full.transact(delete_then_merge)
        assert _rows(diff) == _rows(full)
        nodes, rels, index = _rows(diff)
        assert "ev:2" not in {n[0] for n in nodes} and not [r for r in rels if "ev:2" in r[1:3]]
        assert ("BEFORE", "ev:0", "ev:1") not in {r[:3] for r in rels}
        assert {(r[7], r[8]) for r in index} == {("ev:1", "art:1"), ("ev:1", "art:2")}
        assert json_of(diff, "ev:1")["report_count"] == 2


def json_of(s: SQLiteStore, node_id: str):
    node = s.get_node(node_id)
    assert node is not None
    return node.props


def test_an_event_recomputed_unchanged_is_not_written_again(store):
    """Recomputing events from the same reports writes nothing: the rows stay in place."""
    from graphbuilder.store.base import WritePlan

    store.transact(lambda tx: tx.apply(_recompute_plan()))
    before = _rows(store)
    changes = store.connection.total_changes
    store.transact(lambda tx: tx.apply(WritePlan(remove_events=["ev:1"], batch=_recompute_plan().batch)))
    assert store.connection.total_changes == changes
    assert _rows(store) == before


def test_a_removed_event_left_out_of_the_plan_cannot_be_linked(store):
    from graphbuilder.store.base import WritePlan

    _stored_before_recompute(store)
    plan = _recompute_plan()
    plan.batch.relationships.append(rel("BEFORE", Node(label="Event", id="ev:1"), Node(label="Event", id="ev:2")))
    before = _rows(store)
    with pytest.raises(ValueError, match="ev:2"):
        store.transact(lambda tx: tx.apply(plan))
    assert _rows(store) == before


def test_store_with_events_of_an_older_grouping_is_flagged_and_a_new_one_is_marked(tmp_path) -> None:
    import sqlite3

    from graphbuilder.store.sqlite_store import GROUPING_VERSION, SQLiteStore

    fresh = tmp_path / "fresh.db"
    SQLiteStore(fresh).close()
    assert sqlite3.connect(fresh).execute("PRAGMA user_version").fetchone()[0] == GROUPING_VERSION
    old = tmp_path / "old.db"
    with SQLiteStore(old) as store:
        store.connection.execute("INSERT INTO nodes(id, label, props) VALUES ('evt:x', 'Event', '{}')")
    con = sqlite3.connect(old)
    con.execute("PRAGMA user_version = 0")
    con.commit()
    con.close()
    with SQLiteStore(old) as store:
        assert store.older_grouping
    with SQLiteStore(fresh) as store:
        assert not store.older_grouping


def test_articles_are_found_by_text_hash_also_in_a_store_opened_read_only(tmp_path, monkeypatch):
    path = tmp_path / "g.db"
    art = Node(label="Article", id="a1", props={"id": "a1", "content_hash": "ab" * 32})
    with SQLiteStore(path) as store:
        store.write(GraphBatch(nodes=[art]))
        assert store.articles_with_hash("ab" * 32) == ["a1"] and store.articles_with_hash("cd" * 32) == []
        store.connection.execute("DROP INDEX articles_by_hash")  # a store written before the index
    import graphbuilder.store.sqlite_store as sqlite_store

    monkeypatch.setattr(sqlite_store.os, "access", lambda *a, **k: False)  # opened without write access
    with SQLiteStore(path) as store:
        indexes = {r[0] for r in store.connection.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert "articles_by_hash" not in indexes  # not created: that would write
        assert store.articles_with_hash("ab" * 32) == ["a1"]
