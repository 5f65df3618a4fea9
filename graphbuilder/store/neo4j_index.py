"""Ingest into Neo4j at embedded speed: resolution against a local index, one write per batch.

Resolution reads a lot (events of each participant, reports of events and articles); over Bolt
every read is a round trip, and the plans of one article are many small writes. Here a local
SQLite copy of the graph (:class:`~graphbuilder.store.sqlite_store.SQLiteStore`, under the user
cache directory, one file per Neo4j URI and database) answers every resolution read by index, the
plans are applied to it with the embedded MERGE semantics, and what the batch changed (nodes and
relationships written or deleted, recorded by temporary SQLite triggers) is then sent to Neo4j in
ONE write transaction: deletions, then the final properties of every changed node and
relationship (``SET n = $props``). Both stores hold the same graph as ingesting into SQLite and
pushing it.

The copy is trusted only while it is in step with Neo4j: every graphbuilder write transaction
increments a counter on the ``GraphbuilderLock`` node, the copy records the counter it has seen,
and on a mismatch (another writer, an interrupted run, a new database) or different node counts it
is rebuilt from Neo4j (one streamed read of the whole graph) before the batch is resolved.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from graphbuilder.errors import StoreError, classify
from graphbuilder.models import NODE_LABELS, REL_TYPES, GraphBatch, Node
from graphbuilder.store.base import Transaction
from graphbuilder.store.sqlite_store import SQLiteStore
from graphbuilder.store.sqlite_store import dumps_props as _dumps
from graphbuilder.store.neo4j_sink import NO_REPLAN as _NO_REPLAN

T = TypeVar("T")

_TRIGGERS = """
CREATE TEMP TABLE IF NOT EXISTS touched_nodes(id TEXT PRIMARY KEY, label TEXT, existed INTEGER);
CREATE TEMP TABLE IF NOT EXISTS touched_rels(type TEXT, start TEXT, end TEXT, start_label TEXT,
    end_label TEXT, existed INTEGER, PRIMARY KEY (type, start, end));
CREATE TEMP TRIGGER IF NOT EXISTS tn_i AFTER INSERT ON main.nodes BEGIN
    INSERT INTO touched_nodes SELECT NEW.id, NEW.label, 0 WHERE NOT EXISTS (SELECT 1 FROM touched_nodes WHERE id = NEW.id); END;
CREATE TEMP TRIGGER IF NOT EXISTS tn_u AFTER UPDATE ON main.nodes BEGIN
    INSERT INTO touched_nodes SELECT NEW.id, NEW.label, 1 WHERE NOT EXISTS (SELECT 1 FROM touched_nodes WHERE id = NEW.id); END;
CREATE TEMP TRIGGER IF NOT EXISTS tn_d AFTER DELETE ON main.nodes BEGIN
    INSERT INTO touched_nodes SELECT OLD.id, OLD.label, 1 WHERE NOT EXISTS (SELECT 1 FROM touched_nodes WHERE id = OLD.id); END;
CREATE TEMP TRIGGER IF NOT EXISTS tr_i AFTER INSERT ON main.rels BEGIN
    INSERT INTO touched_rels SELECT NEW.type, NEW.start, NEW.end, NEW.start_label, NEW.end_label, 0 WHERE NOT EXISTS (SELECT 1 FROM touched_rels WHERE type = NEW.type AND start = NEW.start AND end = NEW.end); END;
CREATE TEMP TRIGGER IF NOT EXISTS tr_u AFTER UPDATE ON main.rels BEGIN
    INSERT INTO touched_rels SELECT NEW.type, NEW.start, NEW.end, NEW.start_label, NEW.end_label, 1 WHERE NOT EXISTS (SELECT 1 FROM touched_rels WHERE type = NEW.type AND start = NEW.start AND end = NEW.end); END;
CREATE TEMP TRIGGER IF NOT EXISTS tr_d AFTER DELETE ON main.rels BEGIN
    INSERT INTO touched_rels SELECT OLD.type, OLD.start, OLD.end, OLD.start_label, OLD.end_label, 1 WHERE NOT EXISTS (SELECT 1 FROM touched_rels WHERE type = OLD.type AND start = OLD.start AND end = OLD.end); END;
"""
_META_TABLE = "CREATE TABLE IF NOT EXISTS index_meta(key TEXT PRIMARY KEY, value TEXT)"
_COUNTER = (f"{_NO_REPLAN} MERGE (l:GraphbuilderLock {{id: 'ingest'}}) "
            "SET l.writes = coalesce(l.writes, 0) + 1 RETURN l.writes AS w")
# Nodes in Neo4j less the lock node, both from the count store (no scan).
_COUNT_NODES = ("CALL () { MATCH (n) RETURN count(n) AS a } CALL () { MATCH (l:GraphbuilderLock) "
                "RETURN count(l) AS b } RETURN a - b AS c")
_CHUNK = 2000


def index_path(uri: str, database: str | None) -> str:
    """The local index file of one Neo4j database (under the user cache directory)."""
    from graphbuilder.cache import cache_dir

    digest = hashlib.blake2b(f"{uri}|{database or ''}".encode(), digest_size=8).hexdigest()
    folder = cache_dir() / "neo4j-index"
    folder.mkdir(parents=True, exist_ok=True)
    return str(folder / f"{digest}.db")


class IndexedNeo4j:
    """A :class:`~graphbuilder.store.base.GraphStore` over a Neo4j sink and its local index."""

    writes_in_background = True  # :meth:`transact` returns before Neo4j has the batch

    def __init__(self, sink: Any, path: str | None = None) -> None:
        self.sink = sink
        self.local = SQLiteStore(path or index_path(sink.uri, sink.database))
        self.local.connection.execute(_META_TABLE)
        self.local.connection.executescript(_TRIGGERS)
        self._checked = False
        self._writes = 0
        self._pending: Future[None] | None = None
        self._broken: StoreError | None = None
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="neo4j-push")

    # the reads a caller may do outside transactions go to the local copy once it is in step
    def get_node(self, id: str) -> Node | None:
        self._ensure_synced()
        return self.local.get_node(id)

    def existing(self, ids: Iterable[str], labels: Iterable[str] | None = None) -> set[str]:
        self._ensure_synced()
        return self.local.existing(ids, labels)

    def articles_with_hash(self, content_hash: str) -> list[str]:
        self._ensure_synced()
        return self.local.articles_with_hash(content_hash)

    def counts(self) -> dict[str, int]:
        return self.sink.counts()

    def write(self, batch: GraphBatch) -> None:
        self.transact(lambda tx: tx.apply(_plan_of(batch)))

    def close(self) -> None:
        """Wait for the last batch (its error raised, unless one was raised already) and close."""
        try:
            if self._broken is None:
                self.wait()
        finally:
            self._pool.shutdown(wait=True)
            self.local.close()

    def _meta(self, key: str) -> str | None:
        row = self.local.connection.execute("SELECT value FROM index_meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else row[0]

    def _rebuild(self, ntx: Any) -> None:
        """Copy the whole Neo4j graph into a new local index (streamed; the old file is
        removed rather than emptied row by row, and the change triggers are created after
        the copy)."""
        path = self.local.path
        self.local.close()
        if path != ":memory:":
            for suffix in ("", "-wal", "-shm", "-journal"):
                if os.path.exists(path + suffix):
                    os.remove(path + suffix)
        self.local = SQLiteStore(path)
        db = self.local.connection
        db.execute(_META_TABLE)
        db.execute("BEGIN IMMEDIATE")
        try:
            for label in NODE_LABELS:
                rows = ntx.run(f"MATCH (n:{label}) RETURN n.id AS id, properties(n) AS p")
                db.executemany("INSERT OR REPLACE INTO nodes(id, label, props) VALUES (?, ?, ?)",
                               ((r["id"], label, _dumps(dict(r["p"]))) for r in rows))
            for rtype in REL_TYPES:
                rows = ntx.run(f"MATCH (a)-[r:{rtype}]->(b) RETURN a.id AS s, b.id AS e, "
                               "labels(a) AS sl, labels(b) AS el, properties(r) AS p")
                db.executemany(
                    "INSERT OR REPLACE INTO rels(type, start, end, start_label, end_label, props) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    ((rtype, r["s"], r["e"], _label(r["sl"]), _label(r["el"]), _dumps(dict(r["p"])))
                     for r in rows))
            self.local.reindex_reports()
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.executescript(_TRIGGERS)

    def _in_step(self, ntx: Any, previous: int) -> bool:
        if self._meta("writes") != str(previous):
            return False
        n = ntx.run(_COUNT_NODES).single()["c"]
        local = self.local.connection.execute("SELECT count(*) FROM nodes").fetchone()[0]
        return n == local  # a writer that bypassed the counter shows here

    def _ensure_synced(self) -> None:
        if not self._checked:
            self._sync()

    def _sync(self) -> None:
        """Once per run: bring the local index in step with Neo4j (rebuilt when not)."""
        self.sink.ensure_schema()
        with self.sink._driver.session(database=self.sink.database) as session:
            with session.begin_transaction() as ntx:
                writes = ntx.run(_COUNTER).single()["w"]
                if not self._in_step(ntx, writes - 1):
                    self._rebuild(ntx)
                self._set_meta(writes)
                ntx.commit()
        self._writes = writes
        self._checked = True

    def _set_meta(self, writes: int) -> None:
        self.local.connection.execute("INSERT OR REPLACE INTO index_meta VALUES ('writes', ?)", (str(writes),))

    def transact(self, work: Callable[[Transaction], T]) -> T:
        """Run ``work`` against the local index, commit it there, and send what it changed to
        Neo4j in one write transaction, in a background thread (the next batch is extracted and
        resolved meanwhile). The batch is resolved and committed locally while the previous
        one is still being written to Neo4j; it is sent once that one is in (batches reach Neo4j
        one at a time, in order). A failed write of the previous batch is raised here (or by
        :meth:`wait`), with ``lost_transactions`` = 1: the caller's latest transaction before
        this one never reached Neo4j."""
        self._ensure_synced()
        if self._broken is not None:
            raise self._broken
        db = self.local.connection
        self.local.begin()
        try:
            db.execute("DELETE FROM temp.touched_nodes")
            db.execute("DELETE FROM temp.touched_rels")
            result = work(self.local.reader())
            changes = _changes(db)
            expected = self._writes + 1
            self._set_meta(expected)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        self._writes = expected
        self.wait()
        self._pending = self._pool.submit(self._push, changes, expected)
        return result

    def _push(self, changes: Changes, expected: int) -> None:
        with self.sink._driver.session(database=self.sink.database) as session:
            with session.begin_transaction() as ntx:
                writes = ntx.run(_COUNTER).single()["w"]
                if writes != expected:
                    raise RuntimeError(
                        f"another process wrote to Neo4j during this ingest (write counter {writes}, "
                        f"expected {expected}); run the ingest again (the local index is rebuilt)")
                _push_changes(changes, ntx)
                ntx.commit()

    def wait(self) -> None:
        """Wait for the batch being sent to Neo4j; raise its error."""
        if self._broken is not None:
            raise self._broken
        if self._pending is not None:
            pending, self._pending = self._pending, None
            try:
                pending.result()
            except BaseException as exc:
                # Neo4j lacks a batch the local index holds: never trust this index again
                self._set_meta(-1)
                typed = classify(exc)
                self._broken = typed if isinstance(typed, StoreError) else StoreError(
                    f"writing a batch to Neo4j failed ({type(exc).__name__}: {exc})")
                self._broken.lost_transactions = 1  # type: ignore[attr-defined]
                raise self._broken from exc


Changes = tuple[dict[Any, list[Any]], dict[Any, list[Any]], dict[str, list[str]], dict[str, list[Any]],
                dict[str, list[Any]], dict[Any, list[Any]]]


def _label(labels: list[str]) -> str:
    return next((lab for lab in labels if lab in NODE_LABELS), labels[0] if labels else "")


def _plan_of(batch: GraphBatch) -> Any:
    from graphbuilder.store.base import WritePlan

    return WritePlan(batch=batch)


def _changes(db: Any) -> Changes:
    """What the running local transaction changed: relationships and nodes to delete, to update
    (they were in Neo4j before the batch) or to create (they were not: CREATE, no MERGE lookup).
    An element created and deleted again within the batch never reached Neo4j: nothing is sent."""
    del_rels: dict[tuple[str, str, str], list[list[str]]] = defaultdict(list)
    put_rels: dict[tuple[str, str, str], list[list[Any]]] = defaultdict(list)
    new_rels: dict[tuple[str, str, str], list[list[Any]]] = defaultdict(list)
    for rtype, start, end, sl, el, existed, props in db.execute(
            "SELECT t.type, t.start, t.end, t.start_label, t.end_label, t.existed, r.props FROM temp.touched_rels t "
            "LEFT JOIN rels r ON r.type = t.type AND r.start = t.start AND r.end = t.end"):
        if props is None:
            if existed:
                del_rels[(rtype, sl, el)].append([start, end])
        else:
            (put_rels if existed else new_rels)[(rtype, sl, el)].append([start, end, json.loads(props)])
    del_nodes: dict[str, list[str]] = defaultdict(list)
    put_nodes: dict[str, list[list[Any]]] = defaultdict(list)
    new_nodes: dict[str, list[list[Any]]] = defaultdict(list)
    for node_id, label, existed, props, now in db.execute(
            "SELECT t.id, t.label, t.existed, n.props, n.label FROM temp.touched_nodes t "
            "LEFT JOIN nodes n ON n.id = t.id"):
        if existed and (props is None or now != label):
            del_nodes[label].append(node_id)
        if props is not None:
            (put_nodes if existed and now == label else new_nodes)[now].append([node_id, json.loads(props)])
    return del_rels, put_rels, del_nodes, put_nodes, new_nodes, new_rels


def _push_changes(changes: Changes, ntx: Any) -> None:
    """Send the changed nodes and relationships (final state, or deletion) to Neo4j."""
    del_rels, put_rels, del_nodes, put_nodes, new_nodes, new_rels = changes
    for (rtype, sl, el), rows in sorted(del_rels.items()):
        _check(rtype, sl, el)
        for part in _parts(rows):
            ntx.run(f"{_NO_REPLAN} UNWIND $rows AS row MATCH (:{sl} {{id: row[0]}})-[r:{rtype}]->(:{el} {{id: row[1]}}) "
                    "DELETE r", rows=part).consume()
    for label, ids in sorted(del_nodes.items()):
        _check(None, label, label)
        for part in _parts(sorted(ids)):
            ntx.run(f"{_NO_REPLAN} UNWIND $ids AS id MATCH (n:{label} {{id: id}}) DETACH DELETE n", ids=part).consume()
    for label, rows in sorted(put_nodes.items()):
        _check(None, label, label)
        for part in _parts(rows):
            ntx.run(f"{_NO_REPLAN} UNWIND $rows AS row MERGE (n:{label} {{id: row[0]}}) SET n = row[1]", rows=part).consume()
    for label, rows in sorted(new_nodes.items()):
        _check(None, label, label)
        for part in _parts(rows):
            ntx.run(f"{_NO_REPLAN} UNWIND $rows AS row CREATE (n:{label} {{id: row[0]}}) SET n = row[1]", rows=part).consume()
    for (rtype, sl, el), rows in sorted(put_rels.items()):
        _check(rtype, sl, el)
        for part in _parts(rows):
            ntx.run(f"{_NO_REPLAN} UNWIND $rows AS row MATCH (a:{sl} {{id: row[0]}}) MATCH (b:{el} {{id: row[1]}}) "
                    f"MERGE (a)-[r:{rtype}]->(b) SET r = row[2]", rows=part).consume()
    for (rtype, sl, el), rows in sorted(new_rels.items()):
        _check(rtype, sl, el)
        for part in _parts(rows):
            ntx.run(f"{_NO_REPLAN} UNWIND $rows AS row MATCH (a:{sl} {{id: row[0]}}) MATCH (b:{el} {{id: row[1]}}) "
                    f"CREATE (a)-[r:{rtype}]->(b) SET r = row[2]", rows=part).consume()


def _parts(rows: list[Any]) -> Iterable[list[Any]]:
    for i in range(0, len(rows), _CHUNK):
        yield rows[i:i + _CHUNK]


def _check(rtype: str | None, *labels: str) -> None:
    """Labels and types come from the allow-lists only (never from data)."""
    if rtype is not None and rtype not in REL_TYPES:
        raise ValueError(f"unknown relationship type {rtype!r}")
    for lab in labels:
        if lab not in NODE_LABELS:
            raise ValueError(f"unknown node label {lab!r}")


__all__ = ["IndexedNeo4j", "index_path"]
