"""Embedded graph store on SQLite: MERGE semantics of :mod:`graphbuilder.store.base`.

Schema: ``nodes(id, label, props)`` and ``rels(type, start, end, start_label, end_label,
props)`` with props as JSON (sorted keys). Every :meth:`SQLiteStore.write` and every
:meth:`SQLiteStore.transact` is one ``BEGIN IMMEDIATE … COMMIT`` transaction, rolled back on any
exception, so an interrupted run never leaves half an article behind. ``BEGIN IMMEDIATE`` takes
the write lock before the first read, so resolution reads and the article's writes are one
serialisable unit even with several processes ingesting into one file; a busy lock is waited
for and retried with backoff (:data:`LOCK_WAIT_S` in all), never skipped.

Property values are made Neo4j-storable (:func:`property_value`), so this store and the
Neo4j sink hold identical graphs. Like Neo4j, a property set to ``None`` is not stored
(``SET n += {x: null}`` removes ``x``), except that ``None`` for ``aliases``/``first_seen``/
``last_seen`` contributes nothing.
A relationship whose endpoint is neither in the batch nor in the store is an error (the
whole batch is rolled back), as is a node id already stored under another label.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from graphbuilder.models import NODE_LABELS, REL_TYPES, GraphBatch, Node, Relationship
from graphbuilder.registry import register
from graphbuilder.schema import DATE_LEVELS
from graphbuilder.store.base import (
    Transaction,
    WritePlan,
    derived_event_props,
    merge_node_props,
    merge_rel_props,
    rekey_report,
)
from graphbuilder.store import report_times
from graphbuilder.store.values import check_label, check_rel_type, property_value

if TYPE_CHECKING:
    import networkx

_SCHEMA = """
CREATE TABLE IF NOT EXISTS nodes (
    id    TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    props JSON NOT NULL DEFAULT '{}'
);
CREATE TABLE IF NOT EXISTS rels (
    type        TEXT NOT NULL,
    start       TEXT NOT NULL,
    end         TEXT NOT NULL,
    start_label TEXT NOT NULL,
    end_label   TEXT NOT NULL,
    props       JSON NOT NULL DEFAULT '{}',
    PRIMARY KEY (type, start, end)
);
CREATE INDEX IF NOT EXISTS nodes_by_label ON nodes(label);
CREATE INDEX IF NOT EXISTS rels_by_start ON rels(start, type);
CREATE INDEX IF NOT EXISTS rels_by_end ON rels(end, type);
"""
# articles by the hash of their text (core.scan_inputs); added after the first stores were written:
# created when the store is opened for writing (a read-only store is still read, by a scan)
_HASH_INDEX = ("CREATE INDEX IF NOT EXISTS articles_by_hash ON nodes(json_extract(props, '$.content_hash')) "
               "WHERE label = 'Article'")


_ACCUMULATING = ("aliases", "first_seen", "last_seen")
CHUNK = 2000  # rows per read when streaming the whole graph
CACHE_KB = 32768  # SQLite page cache (the default 2 MB made a 100 MB store re-read its index pages)
LOCK_WAIT_S = 3600.0  # how long a transaction waits for another writer, in all, before failing
T = TypeVar("T")


def _incoming_props(props: dict[str, Any]) -> dict[str, Any]:
    """Property values; ``None`` kept (it removes the property) except for accumulating keys."""
    out = {str(k): property_value(v) for k, v in props.items()}
    return {k: v for k, v in out.items() if v is not None or k not in _ACCUMULATING}


_ENCODER = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _dumps(props: dict[str, Any]) -> str:
    return _ENCODER.encode(props)


dumps_props = _dumps  # the stored JSON form of a property map


#: How events are grouped (``PRAGMA user_version``): 2 = reports in publication order, an event
#: keeps its first report's id (session 6). A store holding events of an earlier grouping gets a
#: notice on ingest (:attr:`SQLiteStore.older_grouping`); new articles are grouped against the
#: old groups, so such a store's graph depends on its history until it is ingested anew.
GROUPING_VERSION = 2


@register("sink", "sqlite")
class SQLiteStore:
    """A graph sink and queryable store in one SQLite file (``":memory:"`` works too)."""

    def __init__(self, path: str | os.PathLike = "graphbuilder.db") -> None:
        self.path = os.fspath(path)
        # isolation_level=None: we issue BEGIN/COMMIT ourselves.
        self._db = sqlite3.connect(self.path, isolation_level=None)
        if self.path != ":memory:":
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")  # WAL: still atomic and consistent
        self._db.execute("PRAGMA busy_timeout=10000")
        self._db.execute(f"PRAGMA cache_size=-{CACHE_KB}")  # resolution revisits pages of a large store
        indexed = self._db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'report_times'").fetchone()
        self._db.executescript(_SCHEMA + report_times.SCHEMA)
        if self.path == ":memory:" or os.access(self.path, os.W_OK):
            self._db.execute(_HASH_INDEX)
        if not indexed:  # a store written before the time index: build it once
            self.reindex_reports()
        self.older_grouping = False  # events grouped by a version before GROUPING_VERSION
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version < GROUPING_VERSION:
            if self._db.execute("SELECT 1 FROM nodes WHERE label = 'Event' LIMIT 1").fetchone():
                self.older_grouping = True
            elif self.path == ":memory:" or os.access(self.path, os.W_OK):
                self._db.execute(f"PRAGMA user_version = {GROUPING_VERSION}")

    # -- writing ---------------------------------------------------------------------------

    def write(self, batch: GraphBatch, renames: Mapping[str, str] | None = None) -> None:
        """MERGE one batch in one transaction: all of it or nothing.

        ``renames`` (stored id -> new id) are applied first, in the same transaction: the
        stored node is merged into the node of the new id (see :meth:`rename`)."""
        self.write_many([batch], renames)

    def write_many(self, batches: Iterable[GraphBatch], renames: Mapping[str, str] | None = None) -> None:
        """MERGE several batches in a single transaction."""
        batches = list(batches)

        def work(tx: _Tx) -> None:
            touched: set[str] = set()
            for old, new in sorted((renames or {}).items()):
                touched |= self._rename(old, new)
            for batch in batches:
                touched |= self._merge_batch(batch)
            self._update_derived_event_props(touched)

        self._in_transaction(work)

    def transact(self, work: Callable[[Transaction], T]) -> T:
        """Run ``work(tx)`` in one ``BEGIN IMMEDIATE`` transaction: its reads (``tx`` is a
        :class:`~graphbuilder.store.base.StoreReader`) and its :meth:`_Tx.apply` calls commit
        together or not at all."""
        return self._in_transaction(work)

    @property
    def connection(self) -> sqlite3.Connection:
        """The SQLite connection (for a store layered on this one)."""
        return self._db

    def reader(self) -> Transaction:
        """The resolution reader/applier of the transaction the caller has begun (:meth:`begin`)."""
        return _Tx(self)

    def begin(self) -> None:
        """``BEGIN IMMEDIATE`` (see :meth:`_begin`); the caller commits or rolls back."""
        self._begin()

    def _begin(self) -> None:
        """``BEGIN IMMEDIATE``, waiting for another writer as long as :data:`LOCK_WAIT_S`."""
        deadline = time.monotonic() + LOCK_WAIT_S
        pause = 0.01
        while True:
            try:
                self._db.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise
                if time.monotonic() > deadline:
                    raise sqlite3.OperationalError(
                        f"{self.path}: another process held the write lock for over "
                        f"{LOCK_WAIT_S:.0f} s") from None
                time.sleep(pause)
                pause = min(pause * 2, 1.0)

    def _in_transaction(self, work: Callable[[Any], T]) -> T:
        self._begin()
        try:
            result = work(_Tx(self))
            self._db.execute("COMMIT")
            return result
        except BaseException:
            self._db.execute("ROLLBACK")
            raise

    def _apply(self, plan: WritePlan) -> None:
        """Apply one plan inside the running transaction (see :class:`WritePlan`)."""
        touched: set[str] = set()
        for old, new in sorted(plan.renames.items()):
            touched |= self._rename(old, new)
        removed = set(plan.remove_events)
        touched -= removed
        touched |= self._merge_batch(plan.batch, removed, plan.complete)
        self._update_derived_event_props(touched)
        if plan.remove_articles:
            self._remove_articles(plan.remove_articles)

    def _remove_articles(self, ids: list[str]) -> None:
        """Delete articles with all their relationships (their events were recomputed without
        them); the entities they mentioned keep ``first_seen`` / ``last_seen`` of the articles
        left, and one no article mentions any more is deleted (see :class:`WritePlan`)."""
        mentioned: set[str] = set()
        for article in sorted(set(ids)):
            if self._db.execute("SELECT 1 FROM nodes WHERE id = ? AND label = 'Article'", (article,)).fetchone() is None:
                continue
            mentioned.update(r[0] for r in self._db.execute(
                "SELECT start FROM rels WHERE end = ? AND type = 'MENTIONED_IN'", (article,)))
            self._db.execute("DELETE FROM rels WHERE start = ? OR end = ?", (article, article))
            self._db.execute("DELETE FROM report_times WHERE article = ?", (article,))
            self._db.execute("DELETE FROM nodes WHERE id = ?", (article,))
        for entity in sorted(mentioned):
            first, last, n = self._db.execute(
                "SELECT min(json_extract(a.props, '$.published')), max(json_extract(a.props, '$.published')), count(*) "
                "FROM rels r JOIN nodes a ON a.id = r.end WHERE r.start = ? AND r.type = 'MENTIONED_IN'",
                (entity,)).fetchone()
            if not n:
                self._db.execute("DELETE FROM rels WHERE start = ? OR end = ?", (entity, entity))
                self._db.execute("DELETE FROM nodes WHERE id = ?", (entity,))
                continue
            row = self._db.execute("SELECT props FROM nodes WHERE id = ?", (entity,)).fetchone()
            props = json.loads(row[0])
            seen = {k: v for k, v in (("first_seen", first), ("last_seen", last)) if v is not None}
            if {k: props.get(k) for k in ("first_seen", "last_seen")} != {k: seen.get(k) for k in ("first_seen", "last_seen")}:
                props = {k: v for k, v in props.items() if k not in ("first_seen", "last_seen")} | seen
                self._db.execute("UPDATE nodes SET props = ? WHERE id = ?", (_dumps(props), entity))
        # calendar nodes only its reports dated: no event on that day and no day inside it any more
        for _level in range(DATE_LEVELS):
            unused = [r[0] for r in self._db.execute(
                "SELECT id FROM nodes d WHERE label = 'Date' AND NOT EXISTS (SELECT 1 FROM rels r WHERE "
                "r.end = d.id AND r.type IN ('ON_DATE', 'PART_OF'))")]
            if not unused:
                break
            self._db.executemany("DELETE FROM rels WHERE start = ?", [(d,) for d in unused])
            self._db.executemany("DELETE FROM nodes WHERE id = ?", [(d,) for d in unused])

    def reindex_reports(self) -> None:
        """Build the time index of reports (:mod:`graphbuilder.store.report_times`) again from
        the stored ``REPORTED_IN`` relationships (after a bulk load that bypassed it)."""
        own = not self._db.in_transaction
        if own:
            self._begin()
        try:
            self._db.execute("DELETE FROM report_times")
            for start, end, props in self._db.execute(
                    "SELECT start, end, props FROM rels WHERE type = 'REPORTED_IN'").fetchall():
                self._db.executemany(report_times.INSERT, report_times.rows_of(start, end, json.loads(props)))
            if own:
                self._db.execute("COMMIT")
        except BaseException:
            if own:
                self._db.execute("ROLLBACK")
            raise

    def _index_report(self, event: str, article: str, props: dict[str, Any] | None) -> None:
        """Keep the time index of one report in step (``props`` None: the report is gone)."""
        self._db.execute("DELETE FROM report_times WHERE event = ? AND article = ?", (event, article))
        if props is not None:
            self._db.executemany(report_times.INSERT, report_times.rows_of(event, article, props))

    def _stored_event_rels(self, ids: list[str]) -> dict[tuple[str, str, str], tuple[str, str, str]]:
        """(type, start, end) -> (start label, end label, props as stored JSON) of every
        relationship starting or ending at one of the events ``ids`` (read in chunks)."""
        out: dict[tuple[str, str, str], tuple[str, str, str]] = {}
        for i in range(0, len(ids), 500):
            part = ids[i:i + 500]
            marks = ",".join("?" * len(part))
            for col, index in (("start", "rels_by_start"), ("end", "rels_by_end")):
                for rtype, start, end, sl, el, props in self._db.execute(
                        f"SELECT type, start, end, start_label, end_label, props FROM rels INDEXED BY {index} "
                        f"WHERE {col} IN ({marks})", part):
                    out[(rtype, start, end)] = (sl, el, props)
        return out

    def _merge_batch(self, batch: GraphBatch, removed: set[str] = frozenset(),  # type: ignore[assignment]
                     complete: bool = False) -> set[str]:
        """Remove the events ``removed`` (with all their relationships), then merge nodes then
        relationships; return ids of events whose report count may change (``complete``: not
        the batch's events that were removed or not stored, whose derived properties the batch
        holds, see :class:`WritePlan`).

        The same result as MERGE-ing the elements one after the other, with few statements:
        the stored state of the batch's nodes is read in chunks, merged in memory in batch
        order, and what changed is written with ``executemany`` (an element whose merged
        properties equal the stored ones is not written again); a relationship touching a node
        this batch created cannot be stored yet, so only the others are looked up. A removed
        event is merged as if it were absent, but what the batch writes again exactly as it
        was stored (an event recomputed from the same reports, its unchanged reports and
        links) is left in place: only the difference is deleted and written."""
        touched: set[str] = set()
        state: dict[str, tuple[str, Any]] = self._stored_nodes(
            {n.id for n in batch.nodes} | {e for r in batch.relationships for e in (r.start, r.end)})
        stored_json = {i: props for i, (_lab, props) in state.items()}
        gone = sorted(removed)
        old_rels = self._stored_event_rels(gone) if gone else {}
        for node_id in gone:
            if node_id in state and state[node_id][0] == "Event":
                del state[node_id]  # merged as absent; its stored JSON still spares an equal write
        fresh: set[str] = set()
        written: dict[str, tuple[str, dict[str, Any]]] = {}
        for node in batch.nodes:
            label = check_label(node.label)
            new = _incoming_props(node.props)
            new["id"] = node.id
            row = state.get(node.id)
            if row is None:
                merged = merge_node_props(label, {}, new)
                fresh.add(node.id)
            else:
                if row[0] != label:
                    raise ValueError(f"node id {node.id!r} exists as {row[0]}, not {label}")
                merged = merge_node_props(label, json.loads(row[1]) if isinstance(row[1], str) else row[1], new)
            merged = {k: v for k, v in merged.items() if v is not None}
            state[node.id] = written[node.id] = (label, merged)
            if label == "Event":
                touched.add(node.id)
        self._db.executemany(
            "INSERT INTO nodes(id, label, props) VALUES (?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET props = excluded.props",
            [(i, lab, text) for i, (lab, props) in written.items()
             if (text := _dumps(props)) != stored_json.get(i)])
        self._db.executemany("DELETE FROM nodes WHERE id = ? AND label = 'Event'",
                             [(i,) for i in gone if i not in written])
        rels: dict[tuple[str, str, str], tuple[Relationship, dict[str, Any]]] = {}
        stored_rels: dict[tuple[str, str, str], str] = {}
        for rel in batch.relationships:
            rel_type = check_rel_type(rel.type)
            for end_id, label in ((rel.start, rel.start_label), (rel.end, rel.end_label)):
                check_label(label)
                row = state.get(end_id)
                if row is None:
                    raise ValueError(f"{rel_type} endpoint {end_id!r} ({label}) is not in the graph")
                if row[0] != label:
                    raise ValueError(f"{rel_type} endpoint {end_id!r} is {row[0]}, not {label}")
            key = (rel_type, rel.start, rel.end)
            if key in rels:
                old = rels[key][1]
            elif rel.start in fresh or rel.end in fresh or key in old_rels:
                old = {}
                if key in old_rels and old_rels[key][:2] == (rel.start_label, rel.end_label):
                    stored_rels[key] = old_rels[key][2]  # stored before its event was removed
            else:
                row = self._db.execute("SELECT props FROM rels WHERE type = ? AND start = ? AND end = ?",
                                       key).fetchone()
                old = json.loads(row[0]) if row else {}
                if row:
                    stored_rels[key] = row[0]
            merged = merge_rel_props(rel_type, old, {str(k): property_value(v) for k, v in rel.props.items()})
            rels[key] = (rel, {k: v for k, v in merged.items() if v is not None})
            if rel_type == "REPORTED_IN":
                touched.add(rel.start)  # its event's report count (the end is an article)
        dropped = [key for key, (sl, el, _props) in old_rels.items()
                   if key not in rels or (rels[key][0].start_label, rels[key][0].end_label) != (sl, el)]
        if dropped:
            self._db.executemany("DELETE FROM rels WHERE type = ? AND start = ? AND end = ?", dropped)
            self._db.executemany("DELETE FROM report_times WHERE event = ? AND article = ?",
                                 [(s, e) for t, s, e in dropped if t == "REPORTED_IN"])
        changed = [(key, rel, props, text) for key, (rel, props) in rels.items()
                   if (text := _dumps(props)) != stored_rels.get(key)]
        self._db.executemany(
            "INSERT INTO rels(type, start, end, start_label, end_label, props) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(type, start, end) DO UPDATE SET props = excluded.props",
            [(*key, rel.start_label, rel.end_label, text) for key, rel, _props, text in changed])
        reports = [(key, props) for key, _rel, props, _text in changed if key[0] == "REPORTED_IN"]
        if reports:
            self._db.executemany("DELETE FROM report_times WHERE event = ? AND article = ?",
                                 [key[1:] for key, _p in reports
                                  if key in old_rels or (key[1] not in fresh and key[2] not in fresh)])
            self._db.executemany(report_times.INSERT,
                                 [row for key, p in reports for row in report_times.rows_of(key[1], key[2], p)])
        if complete:
            touched -= {n.id for n in batch.nodes if n.label == "Event" and (n.id in fresh or n.id in removed)}
        return touched

    def _stored_nodes(self, ids: set[str]) -> dict[str, tuple[str, Any]]:
        """id -> (label, props as stored JSON) of the stored nodes among ``ids`` (read in chunks)."""
        wanted = sorted(ids)
        out: dict[str, tuple[str, Any]] = {}
        for i in range(0, len(wanted), 500):
            part = wanted[i:i + 500]
            for node_id, label, props in self._db.execute(
                    f"SELECT id, label, props FROM nodes WHERE id IN ({','.join('?' * len(part))})", part):
                out[node_id] = (label, props)
        return out

    def rename(self, old: str, new: str) -> None:
        """Merge stored node ``old`` into ``new`` (created when absent), in one transaction: the
        reports naming ``old`` are re-keyed and the events of ``new`` resolved again."""
        from graphbuilder.resolve import plan_rename

        def work(tx: _Tx) -> None:
            tx.apply(WritePlan(renames={old: new}))
            tx.apply(plan_rename(tx, old, new))

        self._in_transaction(work)

    def _rename(self, old: str, new: str) -> set[str]:
        row = self._db.execute("SELECT label, props FROM nodes WHERE id = ?", (old,)).fetchone()
        if row is None or old == new:
            return set()
        label, old_props = row[0], json.loads(row[1])
        self._rekey_reports(old, new)
        target = self._db.execute("SELECT label, props FROM nodes WHERE id = ?", (new,)).fetchone()
        if target is not None and target[0] != label:
            raise ValueError(f"cannot merge {old!r} ({label}) into {new!r} ({target[0]})")
        props = merge_node_props(label, old_props, json.loads(target[1])) if target else dict(old_props)
        props["id"] = new
        self._db.execute("DELETE FROM nodes WHERE id = ?", (old,))
        self._db.execute(
            "INSERT INTO nodes(id, label, props) VALUES (?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET props = excluded.props", (new, label, _dumps(props)))
        moved = self._db.execute(
            "SELECT type, start, end, start_label, end_label, props FROM rels WHERE start = ? OR end = ?",
            (old, old)).fetchall()
        self._db.execute("DELETE FROM rels WHERE start = ? OR end = ?", (old, old))
        self._db.execute("DELETE FROM report_times WHERE event = ? OR article = ?", (old, old))
        for rtype, start, end, sl, el, rprops in moved:
            start = new if start == old else start
            end = new if end == old else end
            if start == end and rtype in ("ABOUT", "BEFORE"):
                continue
            existing = self._db.execute(
                "SELECT props FROM rels WHERE type = ? AND start = ? AND end = ?", (rtype, start, end)).fetchone()
            merged = merge_rel_props(rtype, json.loads(rprops), json.loads(existing[0]) if existing else {})
            self._db.execute(
                "INSERT INTO rels(type, start, end, start_label, end_label, props) VALUES (?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(type, start, end) DO UPDATE SET props = excluded.props",
                (rtype, start, end, sl, el, _dumps(merged)))
            if rtype == "REPORTED_IN":
                self._index_report(start, end, merged)
        return {new} if label == "Event" else set()

    def _rekey_reports(self, old: str, new: str) -> None:
        """Reports (REPORTED_IN props) naming entity ``old`` name ``new`` instead."""
        events = {e for (e,) in self._db.execute(
            "SELECT end FROM rels WHERE start = ? AND type = 'PARTICIPATED_IN' "
            "UNION SELECT start FROM rels WHERE end = ? AND type = 'LOCATED_IN'", (old, old))}
        for event in sorted(events):
            for end, props in self._db.execute(
                    "SELECT end, props FROM rels WHERE start = ? AND type = 'REPORTED_IN'", (event,)).fetchall():
                changed = rekey_report(json.loads(props), old, new)
                if changed is not None:
                    changed = {k: v for k, v in changed.items() if v is not None}
                    self._db.execute(
                        "UPDATE rels SET props = ? WHERE type = 'REPORTED_IN' AND start = ? AND end = ?",
                        (_dumps(changed), event, end))
                    self._index_report(event, end, changed)

    def find_persons(self, surname: str) -> list[Node]:
        """Person nodes whose key is ``per:<surname>`` or ends with ``-<surname>``."""
        rows = self._db.execute(
            "SELECT id, props FROM nodes WHERE label = 'Person' AND (id = ? OR id LIKE ? ESCAPE '\\') ORDER BY id",
            (f"per:{surname}", "%-" + surname.replace("%", "\\%").replace("_", "\\_"))).fetchall()
        return [Node(label="Person", id=i, props=json.loads(p)) for i, p in rows]

    def _update_derived_event_props(self, ids: set[str]) -> None:
        """Set the derived props (``report_count``, ``disputed``) of the given events (read
        and written in chunks)."""
        wanted = sorted(ids)
        for i in range(0, len(wanted), 500):
            part = wanted[i:i + 500]
            marks = ",".join("?" * len(part))
            statuses: dict[str, list[Any]] = {}
            for event, status in self._db.execute(
                    f"SELECT start, json_extract(props, '$.status') FROM rels INDEXED BY rels_by_start "
                    f"WHERE start IN ({marks}) AND type = 'REPORTED_IN'", part):
                statuses.setdefault(event, []).append("" if status is None else status)
            updates = []
            for node_id, label, text in self._db.execute(
                    f"SELECT id, label, props FROM nodes WHERE id IN ({marks})", part):  # by id, never by label
                if label != "Event":
                    continue
                props = json.loads(text)
                derived = derived_event_props(statuses.get(node_id, []))
                if any(props.get(k) != v for k, v in derived.items()):
                    props.update(derived)
                    updates.append((_dumps(props), node_id))
            self._db.executemany("UPDATE nodes SET props = ? WHERE id = ?", updates)

    # -- reading ---------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Node count per label and relationship count per type (every allowed key, 0 too)."""
        out = {label: 0 for label in NODE_LABELS}
        out.update({t: 0 for t in REL_TYPES})
        for key, n in self._db.execute("SELECT label, COUNT(*) FROM nodes GROUP BY label"):
            out[key] = n
        for key, n in self._db.execute("SELECT type, COUNT(*) FROM rels GROUP BY type"):
            out[key] = n
        return out

    def nodes(self, label: str | None = None) -> Iterator[Node]:
        """All nodes (of one label), by label in allow-list order, then id."""
        for lab in [check_label(label)] if label else NODE_LABELS:
            for node_id, props in self._chunked(
                    "SELECT id, props FROM nodes WHERE label = ? AND id > ? ORDER BY id LIMIT ?", (lab,), 1):
                yield Node(label=lab, id=node_id, props=json.loads(props))  # type: ignore[arg-type]

    def relationships(self, type: str | None = None) -> Iterator[Relationship]:
        """All relationships (of one type), by type in allow-list order, then start, end."""
        for rel_type in [check_rel_type(type)] if type else REL_TYPES:
            last = ("", "")
            while True:
                rows = self._db.execute(
                    "SELECT type, start, end, start_label, end_label, props FROM rels "
                    "WHERE type = ? AND (start, end) > (?, ?) ORDER BY start, end LIMIT ?",
                    (rel_type, *last, CHUNK)).fetchall()
                for row in rows:
                    yield self._rel(row)
                if len(rows) < CHUNK:
                    break
                last = (rows[-1][1], rows[-1][2])

    def relationships_of(self, node_id: str, type: str | None = None) -> list[Relationship]:
        """Relationships starting or ending at ``node_id`` (optionally of one type)."""
        sql = (
            "SELECT type, start, end, start_label, end_label, props FROM rels "
            "WHERE (start = ? OR end = ?)"
        )
        params: list[Any] = [node_id, node_id]
        if type is not None:
            sql += " AND type = ?"
            params.append(check_rel_type(type))
        return [self._rel(row) for row in self._db.execute(sql + " ORDER BY type, start, end", params)]

    def _chunked(self, sql: str, params: tuple[Any, ...], key_col: int) -> Iterator[tuple[Any, ...]]:
        """Rows of ``sql`` (``… AND id > ? ORDER BY id LIMIT ?``) read :data:`CHUNK` at a time by
        keyset paging: constant memory, and safe while the caller writes between chunks."""
        last = ""
        while True:
            rows = self._db.execute(sql, (*params, last, CHUNK)).fetchall()
            yield from rows
            if len(rows) < CHUNK:
                return
            last = rows[-1][key_col - 1]

    def existing(self, ids: Iterable[str], labels: Iterable[str] | None = None) -> set[str]:
        """The given ids that are stored (of one of ``labels``), by index, in chunks."""
        wanted = sorted(set(ids))
        allowed = set(labels) if labels else None
        out: set[str] = set()
        for i in range(0, len(wanted), 500):
            part = wanted[i:i + 500]
            rows = self._db.execute(
                f"SELECT id, label FROM nodes WHERE id IN ({','.join('?' * len(part))})", part)
            out |= {n for n, lab in rows if allowed is None or lab in allowed}
        return out

    @staticmethod
    def _rel(row: tuple) -> Relationship:
        rel_type, start, end, start_label, end_label, props = row
        # not validated again: every stored row was checked against the allow-lists when written
        return Relationship.model_construct(
            type=rel_type, start=start, end=end, start_label=start_label,
            end_label=end_label, props=json.loads(props),
        )

    def get_node(self, id: str) -> Node | None:
        row = self._db.execute("SELECT label, props FROM nodes WHERE id = ?", (id,)).fetchone()
        return None if row is None else Node(label=row[0], id=id, props=json.loads(row[1]))

    def articles_with_hash(self, content_hash: str) -> list[str]:
        """Ids of the stored articles whose text has this SHA-256 (an index seek)."""
        return sorted(r[0] for r in self._db.execute(
            "SELECT id FROM nodes WHERE label = 'Article' AND json_extract(props, '$.content_hash') = ?",
            (content_hash,)))

    def find_events(
        self, *, type_family: str | None = None, participant_ids: Iterable[str] = ()
    ) -> list[Node]:
        """Events with ``family == type_family`` (if given) linked to ALL given participants."""
        wanted = sorted(set(participant_ids))
        candidates: set[str] | None = None
        for pid in wanted:
            linked = {
                other for (other,) in self._db.execute(
                    "SELECT end FROM rels WHERE start = ? AND type = 'PARTICIPATED_IN' "
                    "UNION SELECT start FROM rels WHERE end = ? AND type = 'PARTICIPATED_IN'",
                    (pid, pid),
                )
            }
            candidates = linked if candidates is None else candidates & linked
            if not candidates:
                return []
        if candidates is None:
            sql = "SELECT id, props FROM nodes WHERE label = 'Event'"
            params: list[Any] = []
            if type_family is not None:
                sql += " AND json_extract(props, '$.family') = ?"
                params.append(type_family)
            rows = self._db.execute(sql + " ORDER BY id", params).fetchall()
        else:
            rows = [
                row for node_id in sorted(candidates)
                if (row := self._db.execute(
                    "SELECT id, props FROM nodes WHERE id = ? AND label = 'Event'", (node_id,)
                ).fetchone()) is not None
            ]
        events = [Node(label="Event", id=node_id, props=json.loads(props)) for node_id, props in rows]
        if type_family is not None:
            events = [e for e in events if e.props.get("family") == type_family]
        return events

    def to_batch(self) -> GraphBatch:
        """The whole graph as one batch (nodes by label/id, relationships by type/start/end)."""
        return GraphBatch(nodes=list(self.nodes()), relationships=list(self.relationships()))

    def to_networkx(self) -> networkx.MultiDiGraph:
        """The graph as a MultiDiGraph: node attrs ``label`` + props, edge key = type.

        A node property itself called ``label`` is kept as ``display_label``.
        """
        import networkx

        graph = networkx.MultiDiGraph()
        for node in self.nodes():
            attrs = dict(node.props)
            if "label" in attrs:
                attrs["display_label"] = attrs.pop("label")
            attrs["label"] = node.label
            graph.add_node(node.id)
            graph.nodes[node.id].update(attrs)
        for rel in self.relationships():
            graph.add_edge(rel.start, rel.end, key=rel.type)
            graph.edges[rel.start, rel.end, rel.type].update({**rel.props, "type": rel.type})
        return graph

    # -- lifecycle -------------------------------------------------------------------------

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Tx:
    """The running transaction of a :class:`SQLiteStore`: reads for resolution and ``apply``."""

    def __init__(self, store: SQLiteStore) -> None:
        self._store = store
        self._db = store._db

    def apply(self, plan: WritePlan) -> None:
        self._store._apply(plan)

    def get_node(self, id: str) -> Node | None:
        return self._store.get_node(id)

    def reports_of_articles(self, article_ids: Iterable[str]) -> list[Relationship]:
        out: list[Relationship] = []
        for art in sorted(set(article_ids)):
            out += [SQLiteStore._rel(row) for row in self._db.execute(
                "SELECT type, start, end, start_label, end_label, props FROM rels INDEXED BY rels_by_end "
                "WHERE end = ? AND type = 'REPORTED_IN' ORDER BY start", (art,))]
        return out

    def report_links_of_articles(self, article_ids: Iterable[str]) -> list[tuple[str, str, str, Any, Any]]:
        """``(article, event, key, about keys, before keys)`` of the reports of these articles
        (what the extractor's ABOUT/BEFORE links need, without reading whole reports)."""
        out: list[tuple[str, str, str, Any, Any]] = []
        for art in sorted(set(article_ids)):
            for event, key, about, before in self._db.execute(
                    "SELECT start, json_extract(props, '$.key'), json_extract(props, '$.about'), "
                    "json_extract(props, '$.before') FROM rels INDEXED BY rels_by_end "
                    "WHERE end = ? AND type = 'REPORTED_IN' ORDER BY start", (art,)):
                out.append((art, event, key, None if about is None else json.loads(about),
                            None if before is None else json.loads(before)))
        return out

    def reports_of_events(self, event_ids: Iterable[str]) -> list[Relationship]:
        out: list[Relationship] = []
        for ev in sorted(set(event_ids)):
            out += [SQLiteStore._rel(row) for row in self._db.execute(
                "SELECT type, start, end, start_label, end_label, props FROM rels INDEXED BY rels_by_start "
                "WHERE start = ? AND type = 'REPORTED_IN' ORDER BY end", (ev,))]
        return out

    def events_of(self, participant_id: str, family: str | None = None) -> list[str]:
        rows = self._db.execute(
            "SELECT n.id, json_extract(n.props, '$.family') FROM rels r JOIN nodes n ON n.id = r.end "
            "WHERE r.start = ? AND r.type = 'PARTICIPATED_IN' AND n.label = 'Event'", (participant_id,))
        return sorted(i for i, f in rows if family is None or f == family)

    def reports_near(self, participant_id: str, family: str, published: Any, start: Any, end: Any,
                     window: int) -> list[tuple[str, str]]:
        query = report_times.near_query(published, start, end, window)
        if query is None:
            return []
        sql, params = query
        return sorted(self._db.execute(sql, [participant_id, family, *params]))

    def dated_events_of(self, participant_id: str, first: str, last: str) -> list[Node]:
        rows = self._db.execute(
            "SELECT n.id, n.props FROM rels r JOIN nodes n ON n.id = r.end "
            "WHERE r.start = ? AND r.type = 'PARTICIPATED_IN' AND n.label = 'Event' "
            "AND json_extract(n.props, '$.precision') = 'day' "
            "AND json_extract(n.props, '$.start') BETWEEN ? AND ? ORDER BY n.id",
            (participant_id, first, last))
        return [Node(label="Event", id=i, props=json.loads(p)) for i, p in rows]
