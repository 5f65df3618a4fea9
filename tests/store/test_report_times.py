"""The time index of reports: its range seeks find exactly what the time rule selects, and the
SQLite store keeps it in step with the stored reports through writes, renames and removals."""

from __future__ import annotations

import datetime as dt
import json
import random
import sqlite3

from graphbuilder.models import GraphBatch, Node, Relationship
from graphbuilder.resolve import same_event
from graphbuilder.store import report_times as rt
from graphbuilder.store.base import WritePlan
from graphbuilder.store.sqlite_store import SQLiteStore


def _random_report(rng: random.Random) -> tuple[str | None, str | None, str | None]:
    """(published, start, end): undated, single days, short to centuries-long intervals, odd text."""
    base = dt.date(2010, 1, 1) + dt.timedelta(days=rng.randrange(3000))
    pub = None if rng.random() < 0.05 else base.isoformat()
    kind = rng.random()
    if kind < 0.3:
        return pub, None, None
    start = base + dt.timedelta(days=rng.randrange(-400, 400))
    if kind < 0.35:
        return pub, "2015-W10", None  # not an ISO day
    if kind < 0.5:
        return pub, start.isoformat(), None
    span = rng.choice([0, 3, 20, 200, 3000, 40000, 80000])
    end = start + dt.timedelta(days=rng.randrange(span + 1))
    return pub, start.isoformat() + rng.choice(["", "T10:00"]), end.isoformat()


def test_near_query_selects_exactly_what_may_link():
    rng = random.Random(7)
    db = sqlite3.connect(":memory:")
    db.executescript(rt.SCHEMA)
    reports = {}
    for i in range(600):
        pub, start, end = _random_report(rng)
        who = rng.choice(["per:ann-kell", "per:bo-dorn"])
        props = {"family": "contact", "participants": [who], "published": pub, "time_start": start, "time_end": end}
        reports[(f"evt:{i}", f"art:{i}")] = (who, (pub, start, end))
        db.executemany(rt.INSERT, rt.rows_of(f"evt:{i}", f"art:{i}", props))
    for _ in range(300):
        query = _random_report(rng)
        sql_and_params = rt.near_query(*query, 45)
        found = set() if sql_and_params is None else set(
            db.execute(sql_and_params[0], ["per:ann-kell", "contact", *sql_and_params[1]]))
        wanted = {key for key, (who, when) in reports.items()
                  if who == "per:ann-kell" and rt.may_link(query, when, 45)}
        assert found == wanted


def test_may_link_keeps_every_pair_the_time_rule_links():
    rng = random.Random(11)
    for _ in range(3000):
        a, b = _random_report(rng), _random_report(rng)
        sa = {"start": a[1], "end": a[2], "status_date": a[0]}
        sb = {"start": b[1], "end": b[2], "status_date": b[0]}
        if same_event(sa, sb):
            assert rt.may_link(a, b, 45)


def _node(label: str, id_: str, **props) -> Node:
    return Node(label=label, id=id_, props=props)


def _report(event: str, article: str, people: list[str], **props) -> GraphBatch:
    nodes = [_node("Event", event, family="contact"), _node("Article", article)]
    nodes += [_node("Person", p, name=p) for p in people]
    rels = [Relationship(type="REPORTED_IN", start=event, end=article, start_label="Event", end_label="Article",
                         props={"key": "k", "family": "contact", "participants": people, **props})]
    rels += [Relationship(type="PARTICIPATED_IN", start=p, end=event, start_label="Person", end_label="Event",
                          props={"role": "participant"}) for p in people]
    return GraphBatch(nodes=nodes, relationships=rels)


def _index(store: SQLiteStore) -> list[tuple]:
    return sorted(store.connection.execute("SELECT * FROM report_times"))


def _rebuilt(store: SQLiteStore) -> list[tuple]:
    rows = []
    for start, end, props in store.connection.execute(
            "SELECT start, end, props FROM rels WHERE type = 'REPORTED_IN'"):
        rows += rt.rows_of(start, end, json.loads(props))
    return sorted(rows)


def test_the_store_keeps_the_index_in_step(tmp_path):
    store = SQLiteStore(tmp_path / "g.db")
    store.write(_report("evt:1", "art:1", ["per:ann-kell", "per:bo-dorn"], published="2020-03-01"))
    store.write(_report("evt:2", "art:2", ["per:ann-kell"], published="2020-03-09",
                        time_start="2020-03-05", time_end="2020-03-06"))
    store.write(_report("evt:2", "art:2", ["per:ann-kell", "per:cy-lund"], published="2020-03-09",
                        time_start="2020-03-05"))  # the report changed
    assert _index(store) == _rebuilt(store) and len(_index(store)) == 2 + 2 * 2
    store.transact(lambda tx: tx.apply(WritePlan(renames={"per:bo-dorn": "per:ann-kell"})))
    assert _index(store) == _rebuilt(store)
    assert {r[0] for r in _index(store)} == {"per:ann-kell", "per:cy-lund"}
    store.transact(lambda tx: tx.apply(WritePlan(renames={"evt:1": "evt:9"})))  # an event merge
    assert _index(store) == _rebuilt(store) and {r[7] for r in _index(store)} == {"evt:2", "evt:9"}
    store.transact(lambda tx: tx.apply(WritePlan(remove_events=["evt:2"])))
    assert _index(store) == _rebuilt(store) and {r[7] for r in _index(store)} == {"evt:9"}
    store.close()


def test_a_store_without_the_index_gets_it_on_open(tmp_path):
    path = tmp_path / "g.db"
    with SQLiteStore(path) as store:
        store.write(_report("evt:1", "art:1", ["per:ann-kell"], published="2020-03-01"))
        store.connection.execute("DROP TABLE report_times")  # as written by an older graphbuilder
    with SQLiteStore(path) as store:
        assert _index(store) == _rebuilt(store) and len(_index(store)) == 1
        found = store.reader().reports_near("per:ann-kell", "contact", "2020-03-20", None, None, 45)
        assert found == [("evt:1", "art:1")]
        assert store.reader().reports_near("per:ann-kell", "contact", "2020-06-20", None, None, 45) == []
