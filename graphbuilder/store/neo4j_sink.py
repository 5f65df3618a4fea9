"""Neo4j sink: batched ``UNWIND … MERGE`` with the MERGE semantics of :mod:`graphbuilder.store.base`.

Every :meth:`Neo4jSink.write` is one managed write transaction (``execute_write``: retried on
transient errors, all of the batch or nothing). Within it, nodes are merged per label and
relationships per (type, start label, end label) with one ``UNWIND $rows`` query per chunk of
``batch_size`` rows. Labels and types are interpolated only from :data:`models.NODE_LABELS` /
:data:`models.REL_TYPES`; all data travels as parameters. No APOC needed.

Property values (same rule as :mod:`graphbuilder.export`): dates become ISO strings; lists of
scalars of one type stay lists; maps and nested or mixed lists become JSON strings (sorted
keys); non-finite floats are dropped; ``None`` removes the property (as ``SET n += {x: null}``),
except for ``aliases``/``first_seen``/``last_seen`` where it contributes nothing.
"""

from __future__ import annotations

import functools
import logging
import math
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from graphbuilder.models import NODE_LABELS, REL_TYPES, GraphBatch, Node, Relationship
from graphbuilder.registry import register
from graphbuilder.schema import DATE_LEVELS
from graphbuilder.store.base import (
    EVOLVING_EVENT_PROPS,
    MAX_PROPS,
    ROLE_RANK,
    UNION_PROPS,
    Transaction,
    WritePlan,
    label_of_key,
    merge_node_props,
    merge_rel_props,
    rekey_report,
)
from graphbuilder.store.values import property_value

log = logging.getLogger(__name__)

T = TypeVar("T")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_ACCUMULATING = (*UNION_PROPS, "first_seen", "last_seen")
DEFAULT_URI = "bolt://127.0.0.1:7687"
_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


class Neo4jConnectionError(Exception):
    """Neo4j cannot be reached or refuses us; the message says why and what to do."""


# -- property values ---------------------------------------------------------------------------


def neo4j_value(value: Any) -> Any:
    """The shared value rule (:func:`graphbuilder.store.values.property_value`), with a fast
    path for the common values it returns unchanged."""
    kind = type(value)
    if value is None or kind is str or kind is int or kind is bool:
        return value
    if kind is float:
        return value if math.isfinite(value) else None
    if kind is list and all(type(v) is str for v in value):
        return list(value)
    return property_value(value)


def neo4j_props(props: dict[str, Any]) -> dict[str, Any]:
    """Incoming props as Neo4j values; ``None`` kept (it removes) except for accumulating keys."""
    out = {str(k): neo4j_value(v) for k, v in props.items()}
    return {k: v for k, v in out.items() if v is not None or k not in _ACCUMULATING}


def _check_identifier(name: str, allowed: tuple[str, ...], what: str) -> str:
    if name not in allowed or not _IDENTIFIER.match(name):
        raise ValueError(f"unknown {what} {name!r}; allowed: {allowed}")
    return name


# -- Cypher ------------------------------------------------------------------------------------


_ENTITY_LABELS = ("Person", "Organization", "Location")
# characters Python's str.split() treats as separators that can occur in names
_SPACES = ("\\t", "\\n", "\\r", "\\u00a0", "\\u2009", "\\u202f")


def _words(expr: str) -> str:
    """Cypher for the number of whitespace-separated words of a string expression."""
    for ch in _SPACES:
        expr = f"replace({expr}, '{ch}', ' ')"
    return f"size([w IN split(toString({expr}), ' ') WHERE w <> ''])"


# Parameter rows are flat lists ``[id, <optional columns>…]``; a "shape" says which columns a
# chunk's rows carry, so the query has a clause only for those. A map column is either sent as
# a map (``MAP``) or, when every key is a plain identifier, as one value per key with the keys
# written into the query (half the values for the driver to pack).
_OPTIONAL_COLUMNS = ("name", *UNION_PROPS, "first_seen", "last_seen", *MAX_PROPS)
MAP = "*"
# Write plans are index seeks whatever the statistics: do not re-plan them when the graph
# grows or is emptied (Neo4j would, after cypher.min_replan_interval, at ~30 ms per query).
_NO_REPLAN = "CYPHER replan=skip"
NO_REPLAN = _NO_REPLAN  # for the local-index writer (graphbuilder.store.neo4j_index)
MapShape = tuple[str, ...] | str | None  # literal keys, MAP, or None (no such column)


def _map_expr(keys: MapShape, col: int, clear: tuple[str, ...] = ()) -> tuple[str, int]:
    """Cypher for a map column starting at ``row[col]``, and the next free column.
    ``clear``: keys set to null when absent (only with literal keys)."""
    if keys == MAP:
        return f"row[{col}]", col + 1
    keys = keys or ()
    items = [f"`{k}`: row[{col + i}]" for i, k in enumerate(keys)]
    items += [f"`{k}`: null" for k in clear if k not in keys]
    return "{" + ", ".join(items) + "}", col + len(keys)  # type: ignore[arg-type]


def _map_shape(props: Mapping[str, Any] | None) -> MapShape:
    if not props:
        return None
    keys = tuple(sorted(props))
    return keys if all(_IDENTIFIER.match(k) for k in keys) else MAP


def _map_values(keys: MapShape, props: Mapping[str, Any] | None) -> list[Any]:
    if keys is None:
        return []
    if keys == MAP:
        return [props]
    return [props[k] for k in keys]  # type: ignore[index]


@functools.lru_cache(maxsize=None)
def _node_query(label: str, columns: tuple[str, ...] = _OPTIONAL_COLUMNS,
                plain: MapShape = MAP, evolving: MapShape = MAP) -> str:
    """MERGE rows ``[id, *columns, *plain, *evolving]`` of one label (see :func:`_node_cells`).

    ``columns``: the optional columns present (:data:`_OPTIONAL_COLUMNS` order); ``plain``
    and ``evolving`` (Events only): map shapes (:func:`_map_expr`)."""
    label = _check_identifier(label, NODE_LABELS, "node label")
    col = {name: f"row[{i + 1}]" for i, name in enumerate(columns)}
    plain_expr, nxt = _map_expr(plain, len(columns) + 1)
    lines = [
        _NO_REPLAN,
        "UNWIND $rows AS row",
        f"MERGE (n:{label} {{id: row[0]}})",
    ]
    if label == "Event":
        ev_expr, _ = _map_expr(evolving, nxt, clear=EVOLVING_EVENT_PROPS)
        if evolving == MAP:  # absent evolving props are removed by a winning report
            ev_expr = "{" + ", ".join(f"`{k}`: null" for k in EVOLVING_EVENT_PROPS) + "}"
            lines += ["WITH n, row, (n.report_rank IS NULL OR",
                      f"     coalesce(toString(row[{nxt}].report_rank), '') >= toString(n.report_rank)) AS wins",
                      f"SET n += CASE WHEN wins THEN {ev_expr} ELSE {{}} END",
                      f"SET n += CASE WHEN wins THEN row[{nxt}] ELSE {{}} END"]
        else:
            rank = (f"row[{nxt + evolving.index('report_rank')}]"  # type: ignore[union-attr]
                    if evolving and "report_rank" in evolving else "null")
            lines += ["WITH n, row, (n.report_rank IS NULL OR",
                      f"     coalesce(toString({rank}), '') >= toString(n.report_rank)) AS wins",
                      f"SET n += CASE WHEN wins THEN {ev_expr} ELSE {{}} END"]
        lines.append("WITH n, row")
    if label in _ENTITY_LABELS and "name" in col:  # the fullest name wins (more words, then A-Z)
        name = col["name"]
        lines += [
            f"SET n.name = CASE WHEN {name} = n.name THEN n.name",
            f"    WHEN coalesce(n.name, '') = '' OR coalesce({name}, '') = '' THEN {name}",
            f"    WHEN {_words(name)} > {_words('n.name')} THEN {name}",
            f"    WHEN {_words(name)} = {_words('n.name')} AND {name} < n.name THEN {name}",
            "    ELSE n.name END",
        ]
    if plain is not None:
        lines.append(f"SET n += {plain_expr}")
    for key in UNION_PROPS:  # sorted set unions (aliases; an event's people and actors)
        if key in col:  # row lists come sorted and distinct (_node_row)
            v = col[key]
            lines += [
                f"SET n.{key} = CASE WHEN {v} IS NULL THEN n.{key} WHEN n.{key} IS NULL THEN {v}",
                f"    WHEN all(a IN {v} WHERE a IN n.{key}) THEN n.{key} ELSE",
                f"    COLLECT {{ UNWIND n.{key} + {v} AS a RETURN DISTINCT a ORDER BY a }} END",
            ]
    if "first_seen" in col:
        v = col["first_seen"]
        lines.append(f"SET n.first_seen = CASE WHEN n.first_seen IS NULL OR {v} < n.first_seen "
                     f"THEN {v} ELSE n.first_seen END")
    if "last_seen" in col:
        v = col["last_seen"]
        lines.append(f"SET n.last_seen = CASE WHEN n.last_seen IS NULL OR {v} > n.last_seen "
                     f"THEN {v} ELSE n.last_seen END")
    for key in MAX_PROPS:  # entity confidence: the highest
        if key in col:
            v = col[key]
            lines.append(f"SET n.{key} = CASE WHEN {v} IS NULL THEN n.{key} WHEN n.{key} IS NULL OR {v} > n.{key} "
                         f"THEN {v} ELSE n.{key} END")
    lines.append("RETURN count(*) AS merged")
    return "\n".join(lines)


@functools.lru_cache(maxsize=None)
def _rel_query(rel_type: str, start_label: str, end_label: str, props: MapShape = MAP) -> str:
    """MERGE rows ``[start, end, *props]`` (``props``: a map shape, see :func:`_map_expr`)."""
    rel_type = _check_identifier(rel_type, REL_TYPES, "relationship type")
    start_label = _check_identifier(start_label, NODE_LABELS, "node label")
    end_label = _check_identifier(end_label, NODE_LABELS, "node label")
    if rel_type not in _PROPLESS_OK and props is None:
        props = ()  # their rules read the props: always a map, maybe empty
    expr, _ = _map_expr(props, 2)
    lines = [
        _NO_REPLAN,
        "UNWIND $rows AS row",
        f"MATCH (a:{start_label} {{id: row[0]}})",
        f"MATCH (b:{end_label} {{id: row[1]}})",
        f"MERGE (a)-[r:{rel_type}]->(b)",
    ]
    if rel_type == "PARTICIPATED_IN":  # the strongest role wins
        new, old = _role_rank("p.role"), _role_rank("r.role")
        lines += [
            f"WITH r, {expr} AS p",
            "WITH r, p, CASE WHEN coalesce(r.role, '') <> '' AND coalesce(p.role, '') <> ''",
            f"    AND ({old} > {new} OR ({old} = {new} AND r.role > p.role))",
            "    THEN r.role ELSE null END AS keep",
            "SET r += p",
            "SET r.role = coalesce(keep, r.role)",
        ]
    elif rel_type == "HOLDS_ROLE":  # every title kept in `titles`, `title` = the first
        lines += [
            f"WITH r, {expr} AS p",
            "WITH r, p, COLLECT {",
            "    UNWIND CASE WHEN size(coalesce(r.titles, [])) > 0 THEN r.titles",
            "                WHEN coalesce(r.title, '') <> '' THEN [r.title] ELSE [] END",
            "         + CASE WHEN size(coalesce(p.titles, [])) > 0 THEN p.titles",
            "                WHEN coalesce(p.title, '') <> '' THEN [p.title] ELSE [] END AS t",
            "    RETURN DISTINCT t ORDER BY t } AS titles",
            "SET r += p",
            "SET r.titles = CASE WHEN size(titles) > 0 THEN titles ELSE r.titles END,",
            "    r.title = CASE WHEN size(titles) > 0 THEN titles[0] ELSE r.title END",
        ]
    elif props is not None:
        lines.append(f"SET r += {expr}")
    lines.append("RETURN count(*) AS merged")
    return "\n".join(lines)


_PROPLESS_OK = frozenset(set(REL_TYPES) - {"PARTICIPATED_IN", "HOLDS_ROLE"})


def _role_rank(expr: str) -> str:
    cases = " ".join(f"WHEN '{role}' THEN {rank}" for role, rank in sorted(ROLE_RANK.items()))
    return f"(CASE {expr} {cases} ELSE 0 END)"


# An id stored under another label than the one it is written as is an error. One index seek
# per (id, other label): each label's constraint index is probed with the ids planned under
# every other label ($by: label -> ids).
_LABEL_CONFLICT_QUERY = (
    _NO_REPLAN + "\nCALL () {\n"
    + "\n  UNION ALL\n".join(
        "  UNWIND " + " + ".join(f"$by.{other}" for other in NODE_LABELS if other != label)
        + f" AS id\n  MATCH (n:{label} {{id: id}}) RETURN id, '{label}' AS stored"
        for label in NODE_LABELS
    )
    + "\n}\nRETURN id, stored LIMIT 1"
)

_MISSING_ENDPOINT_QUERY = """
UNWIND $rows AS row
OPTIONAL MATCH (a:{start_label} {{id: row.start}})
OPTIONAL MATCH (b:{end_label} {{id: row.end}})
WITH row, a, b WHERE a IS NULL OR b IS NULL
RETURN row.start AS start, row.end AS end, a IS NULL AS start_missing LIMIT 1
"""

# Derived Event props (store.base.derived_event_props): report_count and disputed.
_REPORT_COUNT_QUERY = _NO_REPLAN + """
UNWIND $ids AS id
MATCH (e:Event {id: id})
CALL (e) {
  OPTIONAL MATCH (e)-[r:REPORTED_IN]->()
  RETURN count(r) AS c, collect(coalesce(r.status, '')) AS st
}
WITH e, c, 'occurred' IN st AND ('denied' IN st OR 'cancelled' IN st) AS d
WHERE e.report_count IS NULL OR e.report_count <> c OR e.disputed IS NULL OR e.disputed <> d
SET e.report_count = c, e.disputed = d
"""


# -- schema ------------------------------------------------------------------------------------


def schema_statements(path: Path | None = None) -> list[str]:
    """The statements of ``cypher/schema.cypher`` (comments stripped)."""
    from graphbuilder.queries import cypher_dir

    text = (path or cypher_dir() / "schema.cypher").read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if not ln.lstrip().startswith("//")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def apply_schema(driver: Any, database: str | None = None, timeout_s: int = 120) -> None:
    """Create the constraints and indexes (idempotent) and wait until they are online."""
    with driver.session(database=database) as session:
        for statement in schema_statements():
            session.run(statement).consume()
        session.run("CALL db.awaitIndexes($t)", t=timeout_s).consume()


# -- rows --------------------------------------------------------------------------------------


def _fold_nodes(nodes: Iterable[Node]) -> dict[tuple[str, str], dict[str, Any]]:
    """Incoming props per (label, id), duplicates folded with the store's MERGE semantics."""
    folded: dict[tuple[str, str], dict[str, Any]] = {}
    labels: dict[str, str] = {}
    for node in nodes:
        _check_identifier(node.label, NODE_LABELS, "node label")
        if labels.setdefault(node.id, node.label) != node.label:
            raise ValueError(f"node id {node.id!r} given as {labels[node.id]} and {node.label}")
        props = neo4j_props(node.props)
        props["id"] = node.id
        key = (node.label, node.id)
        if key in folded:
            props = _fold_two(node.label, folded[key], props)
        folded[key] = props
    return folded


def _fold_two(label: str, first: dict[str, Any], second: dict[str, Any]) -> dict[str, Any]:
    """Two incoming prop sets as one: applying the result equals applying both in order.

    ``merge_node_props`` is associative for these rules (union, min, max, last value wins,
    evolving group decided by ``report_rank``), and keeps ``None`` (= remove) values.
    """
    return merge_node_props(label, first, second)


def _node_row(label: str, props: dict[str, Any]) -> dict[str, Any]:
    """A parameter row; optional keys (:data:`_NODE_SHAPE_KEYS`) only when they apply."""
    row: dict[str, Any] = {"id": props["id"]}
    plain = {k: v for k, v in props.items() if k not in _ACCUMULATING and k != "id"}
    for key in UNION_PROPS:
        if props.get(key) is not None:
            row[key] = sorted(set(props[key]))  # as merge_node_props stores a union
    for key in ("first_seen", "last_seen"):
        if props.get(key) is not None:
            row[key] = props[key]
    if label == "Event":  # a winning report removes the evolving props it does not carry
        row["evolving"] = {k: props[k] for k in EVOLVING_EVENT_PROPS if props.get(k) is not None}
        plain = {k: v for k, v in plain.items() if k not in EVOLVING_EVENT_PROPS}
    if label in _ENTITY_LABELS and "name" in plain:
        row["name"] = plain.pop("name")
    if label in _ENTITY_LABELS:
        for key in MAX_PROPS:
            if plain.get(key) is not None:
                row[key] = plain.pop(key)
    if plain:
        row["plain"] = plain
    return row


def _node_cells(label: str, rows: list[dict[str, Any]]) -> dict[tuple[Any, ...], list[list[Any]]]:
    """Rows of one label as flat lists, grouped by the arguments of :func:`_node_query`.

    Few groups (each one query): the accumulating columns are sent for every row when any row
    has them (null adds nothing), all evolving props for every Event (null = removed by a
    winning report). Only ``name`` (null removes) and the ``plain`` keys split groups."""
    padded = tuple(k for k in _OPTIONAL_COLUMNS if k != "name" and any(k in r for r in rows))
    evolving: MapShape = EVOLVING_EVENT_PROPS if label == "Event" else None
    out: dict[tuple[Any, ...], list[list[Any]]] = {}
    for row in rows:
        named = label in _ENTITY_LABELS and "name" in row
        columns = ("name", *padded) if named else padded
        plain = _map_shape(row.get("plain"))
        cells = [row["id"], *(row.get(k) for k in columns), *_map_values(plain, row.get("plain"))]
        if evolving:
            cells += [row["evolving"].get(k) for k in EVOLVING_EVENT_PROPS]
        out.setdefault((label, columns, plain, evolving), []).append(cells)
    return out


def _rel_cells(rows: list[list[Any]]) -> dict[MapShape, list[list[Any]]]:
    """Rows ``[start, end, props]`` as flat lists, grouped by props shape."""
    out: dict[MapShape, list[list[Any]]] = {}
    for start, end, props in rows:
        shape = _map_shape(props)
        out.setdefault(shape, []).append([start, end, *_map_values(shape, props)])
    return out


def _check_labels(tx: Any, node_labels: dict[str, str], chunk: int = 10_000) -> None:
    """Raise ValueError when a planned id is stored under another label."""
    items = list(node_labels.items())
    for part in _chunks(items, chunk):
        by: dict[str, list[str]] = {label: [] for label in NODE_LABELS}
        for node_id, label in part:
            by[label].append(node_id)
        hit = tx.run(_LABEL_CONFLICT_QUERY, by=by).single()
        if hit is not None:
            raise ValueError(f"node id {hit['id']!r} exists as {hit['stored']}, "
                             f"not {node_labels[hit['id']]}")


def _chunks(rows: list[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


# -- the sink ----------------------------------------------------------------------------------


@register("sink", "neo4j")
class Neo4jSink:
    """A :class:`~graphbuilder.store.base.GraphSink` writing to Neo4j 5 over Bolt."""

    def __init__(
        self,
        uri: str | None = None,
        user: str | None = None,
        password: str | None = None,
        database: str | None = None,
        batch_size: int = 1000,
        apply_schema: bool = True,
        tx_elements: int = 20_000,
    ) -> None:
        import neo4j

        self.uri = uri or os.environ.get("NEO4J_URI") or DEFAULT_URI
        self.user = user or os.environ.get("NEO4J_USERNAME") or "neo4j"
        password = password if password is not None else os.environ.get("NEO4J_PASSWORD")
        self.database = database or os.environ.get("NEO4J_DATABASE") or None
        self.batch_size = max(1, batch_size)
        self.tx_elements = max(1, tx_elements)
        self._schema_pending = apply_schema
        auth = (self.user, password) if password else None
        scheme = self.uri.split("://", 1)[0].lower() if "://" in self.uri else ""
        if scheme not in _SCHEMES:
            raise Neo4jConnectionError(
                f"invalid Neo4j URI {self.uri!r}: scheme must be one of {', '.join(_SCHEMES)} "
                "(e.g. bolt://127.0.0.1:7687)"
            )
        try:
            self._driver = neo4j.GraphDatabase.driver(
                self.uri, auth=auth, notifications_min_severity="OFF",
            )
        except (ValueError, neo4j.exceptions.ConfigurationError) as exc:
            raise Neo4jConnectionError(
                f"invalid Neo4j URI {self.uri!r} ({exc}); use bolt://host:7687 or neo4j://host:7687"
            ) from None
        self._verify(auth is not None)

    def _verify(self, has_password: bool) -> None:
        import neo4j.exceptions as nx

        try:
            self._driver.verify_connectivity()
            self._driver.execute_query("RETURN 1", database_=self.database)
        except nx.AuthError:
            self._driver.close()
            hint = "check NEO4J_USERNAME/NEO4J_PASSWORD" if has_password else "set NEO4J_PASSWORD"
            raise Neo4jConnectionError(
                f"Neo4j at {self.uri} rejected user {self.user!r}: wrong username or password "
                f"({hint}; for the local server: eval \"$(scripts/neo4j-local start)\")"
            ) from None
        except (nx.ServiceUnavailable, nx.SessionExpired, OSError) as exc:
            self._driver.close()
            raise Neo4jConnectionError(
                f"cannot reach Neo4j at {self.uri}: server down or wrong URI ({type(exc).__name__}). "
                "Start one with: eval \"$(scripts/neo4j-local start)\", or set NEO4J_URI"
            ) from None
        except nx.ClientError as exc:
            self._driver.close()
            raise Neo4jConnectionError(
                f"Neo4j at {self.uri} refused the connection: {exc.message} "
                f"(database {self.database or 'default'!r} exists? NEO4J_DATABASE)"
            ) from None

    @property
    def driver(self) -> Any:
        """The underlying :class:`neo4j.Driver` (for queries)."""
        return self._driver

    def apply_schema(self) -> None:
        """Apply ``cypher/schema.cypher`` now (idempotent) and wait for the indexes."""
        apply_schema(self._driver, self.database)
        self._schema_pending = False

    def ensure_schema(self) -> None:
        """Apply the schema once, before the first write (when ``apply_schema=True``)."""
        if self._schema_pending:
            self.apply_schema()

    # -- writing -------------------------------------------------------------------------------

    def write(self, batch: GraphBatch, renames: Mapping[str, str] | None = None) -> None:
        """MERGE one batch in one managed write transaction (all of it or nothing).

        ``renames`` (stored id -> new id) are applied first, in the same transaction: the
        stored node is merged into the node of the new id (see :meth:`rename`)."""
        self.ensure_schema()
        self._write_plan(self._plan([batch]), dict(renames or {}))

    def write_many(self, batches: Iterable[GraphBatch],
                   renames: Mapping[str, str] | None = None) -> None:
        """MERGE many batches; each batch lies wholly in one transaction of <= ``tx_elements``
        (``renames`` go into the first one). The next transaction is planned in a helper
        thread while the current one runs on the server."""
        self.ensure_schema()
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="neo4j-plan") as planner:
            running: tuple[Future[dict[str, Any]], dict[str, str]] | None = None
            for group, group_renames in self._tx_groups(batches, dict(renames or {})):
                planned = planner.submit(self._plan, group)
                if running is not None:
                    self._write_plan(running[0].result(), running[1])
                running = (planned, group_renames)
            if running is not None:
                self._write_plan(running[0].result(), running[1])

    def _tx_groups(self, batches: Iterable[GraphBatch], renames: dict[str, str],
                   ) -> Iterator[tuple[list[GraphBatch], dict[str, str]]]:
        group: list[GraphBatch] = []
        size = 0
        for batch in batches:
            n = len(batch.nodes) + len(batch.relationships)
            if group and size + n > self.tx_elements:
                yield group, renames
                group, size, renames = [], 0, {}
            group.append(batch)
            size += n
        if group or renames:
            yield group, renames

    def _write_plan(self, plan: dict[str, Any], renames: dict[str, str]) -> None:
        with self._driver.session(database=self.database) as session:
            session.execute_write(self._run_plan, plan, self.batch_size, renames)

    def rename(self, old: str, new: str) -> None:
        """Merge stored node ``old`` into ``new`` (created when absent), in one transaction: the
        reports naming ``old`` are re-keyed and the events of ``new`` resolved again."""
        from graphbuilder.resolve import plan_rename

        def work(tx: Transaction) -> None:
            tx.apply(WritePlan(renames={old: new}))
            tx.apply(plan_rename(tx, old, new))

        self.transact(work)

    def transact(self, work: Callable[[Transaction], T]) -> T:
        """Run ``work(tx)`` in one managed write transaction holding its reads and its
        ``apply`` calls (re-run as a whole on a transient error such as a deadlock)."""
        self.ensure_schema()

        def run(tx: Any) -> T:
            tx.run(_LOCK_QUERY).consume()  # serialise with other ingests (see _LOCK_QUERY)
            return work(_Tx(tx, self.batch_size))

        with self._driver.session(database=self.database) as session:
            return session.execute_write(run)

    def write_per_element(self, batch: GraphBatch) -> None:
        """Naive baseline for the benchmark: one MERGE query per node and relationship."""
        self.ensure_schema()
        plan = self._plan([batch])
        with self._driver.session(database=self.database) as session:
            session.execute_write(self._run_plan, plan, 1, {})

    @staticmethod
    def _plan(batches: list[GraphBatch]) -> dict[str, Any]:
        """Group a batch into parameter rows per label and per (type, start label, end label)."""
        nodes = _fold_nodes(n for b in batches for n in b.nodes)
        node_rows: dict[str, list[dict[str, Any]]] = {}
        events: set[str] = set()
        for (label, node_id), props in nodes.items():
            node_rows.setdefault(label, []).append(_node_row(label, props))
            if label == "Event":
                events.add(node_id)
        rel_rows: dict[tuple[str, str, str], dict[tuple[str, str], dict[str, Any]]] = {}
        for rel in (r for b in batches for r in b.relationships):
            key = (rel.type, rel.start_label, rel.end_label)
            _rel_query(*key)  # validates names early
            rows = rel_rows.setdefault(key, {})
            incoming = {str(k): neo4j_value(v) for k, v in rel.props.items()}
            row = rows.get((rel.start, rel.end))
            if row is None:
                rows[(rel.start, rel.end)] = {"start": rel.start, "end": rel.end, "props": incoming}
            else:
                row["props"] = merge_rel_props(rel.type, row["props"], incoming)
            if rel.type == "REPORTED_IN":
                events.update((rel.start, rel.end))
        return {
            "nodes": node_rows,
            "node_labels": {node_id: label for (label, node_id) in nodes},
            "rel_cells": [(key, shape, cells) for key, rows in rel_rows.items()
                          for shape, cells in _rel_cells(
                              [[r["start"], r["end"], r["props"]] for r in rows.values()]).items()],
            "node_cells": [(args, cells) for label in NODE_LABELS
                           for args, cells in _node_cells(label, node_rows.get(label, [])).items()],
            "events": sorted(events),
        }

    @staticmethod
    def _run_plan(tx: Any, plan: dict[str, Any], chunk: int, renames: dict[str, str]) -> None:
        touched: set[str] = set()
        for old, new in sorted(renames.items()):
            touched |= _rename(tx, old, new)
        _check_labels(tx, plan["node_labels"])
        for args, shaped in plan["node_cells"]:
            query = _node_query(*args)
            for rows in _chunks(shaped, chunk):
                tx.run(query, rows=rows).consume()
        for (rel_type, start_label, end_label), shape, shaped in plan["rel_cells"]:
            query = _rel_query(rel_type, start_label, end_label, shape)
            for rows in _chunks(shaped, chunk):
                merged = tx.run(query, rows=rows).single()["merged"]
                if merged < len(rows):
                    raise ValueError(_missing_endpoint(tx, rel_type, start_label, end_label, rows))
        for ids in _chunks(sorted(touched | set(plan["events"])), 1000):
            tx.run(_REPORT_COUNT_QUERY, ids=ids).consume()

    # -- reading -------------------------------------------------------------------------------

    def _read(self, query: str, **params: Any) -> list[Any]:
        records, _, _ = self._driver.execute_query(
            query, params, database_=self.database, routing_="r",
        )
        return records

    def _stream(self, query: str, **params: Any) -> Iterator[Any]:
        """Records of a read query as the server sends them (constant client memory)."""
        with self._driver.session(database=self.database, default_access_mode="READ") as session:
            yield from session.run(query, params)

    def counts(self) -> dict[str, int]:
        """Node count per label and relationship count per type (every allowed key, 0 too)."""
        out: dict[str, int] = {}
        for label in NODE_LABELS:
            out[label] = self._read(f"MATCH (n:{label}) RETURN count(n) AS c")[0]["c"]
        for rel_type in REL_TYPES:
            out[rel_type] = self._read(f"MATCH ()-[r:{rel_type}]->() RETURN count(r) AS c")[0]["c"]
        return out

    def nodes(self, label: str | None = None) -> Iterator[Node]:
        """All nodes (of one label), ordered by label then id."""
        for lab in [label] if label else NODE_LABELS:
            lab = _check_identifier(lab, NODE_LABELS, "node label")
            for rec in self._stream(f"MATCH (n:{lab}) RETURN n.id AS id, properties(n) AS p ORDER BY id"):
                yield Node(label=lab, id=rec["id"], props=dict(rec["p"]))  # type: ignore[arg-type]

    def relationships(self, type: str | None = None) -> Iterator[Relationship]:
        """All relationships (of one type), ordered by type, start, end."""
        for rel_type in [type] if type else REL_TYPES:
            rel_type = _check_identifier(rel_type, REL_TYPES, "relationship type")
            query = (
                f"MATCH (a)-[r:{rel_type}]->(b) RETURN a.id AS s, b.id AS e, "
                "[l IN labels(a) WHERE l IN $labels][0] AS sl, "
                "[l IN labels(b) WHERE l IN $labels][0] AS el, properties(r) AS p ORDER BY s, e"
            )
            for rec in self._stream(query, labels=list(NODE_LABELS)):
                yield Relationship(type=rel_type, start=rec["s"], end=rec["e"],  # type: ignore[arg-type]
                                   start_label=rec["sl"], end_label=rec["el"], props=dict(rec["p"]))

    def to_batch(self) -> GraphBatch:
        """The whole graph as one batch (nodes by label/id, relationships by type/start/end)."""
        return GraphBatch(nodes=list(self.nodes()), relationships=list(self.relationships()))

    def find_events(
        self, *, type_family: str | None = None, participant_ids: Iterable[str] = ()
    ) -> list[Node]:
        """Events with ``family == type_family`` (if given) linked to ALL given participants."""
        wanted = sorted(set(participant_ids))
        query = (
            "MATCH (e:Event) WHERE $family IS NULL OR e.family = $family\n"
            "RETURN e.id AS id, properties(e) AS p ORDER BY id"
        )
        if wanted:  # start from the participants (index seeks), keep events linked to all
            query = (
                "UNWIND $ids AS pid\n"
                "CALL (pid) {\n"
                "  MATCH (p:Person {id: pid}) RETURN p\n"
                "  UNION MATCH (p:Organization {id: pid}) RETURN p\n"
                "  UNION MATCH (p:Location {id: pid}) RETURN p\n"
                "}\n"
                "MATCH (p)-[:PARTICIPATED_IN]-(e:Event)\n"
                "WHERE $family IS NULL OR e.family = $family\n"
                "WITH e, count(DISTINCT p.id) AS n WHERE n = size($ids)\n"
                "RETURN e.id AS id, properties(e) AS p ORDER BY id"
            )
        return [Node(label="Event", id=r["id"], props=dict(r["p"]))
                for r in self._read(query, family=type_family, ids=wanted)]

    def find_persons(self, surname: str) -> list[Node]:
        """Person nodes whose key is ``per:<surname>`` or ends with ``-<surname>``."""
        query = (
            "MATCH (p:Person) WHERE p.id = 'per:' + $s OR p.id ENDS WITH '-' + $s\n"
            "RETURN p.id AS id, properties(p) AS p ORDER BY id"
        )
        return [Node(label="Person", id=r["id"], props=dict(r["p"])) for r in self._read(query, s=surname)]

    def relationships_of(self, node_id: str, type: str | None = None) -> list[Relationship]:
        """Relationships starting or ending at ``node_id`` (optionally of one type), ordered by
        type, start, end (as the SQLite store's)."""
        node = self.get_node(node_id)
        if node is None:
            return []
        label = _check_identifier(node.label, NODE_LABELS, "node label")
        rel = f":{_check_identifier(type, REL_TYPES, 'relationship type')}" if type else ""
        query = (
            f"MATCH (n:{label} {{id: $id}})-[r{rel}]-() WITH DISTINCT r\n"
            "RETURN type(r) AS t, startNode(r).id AS s, endNode(r).id AS e,\n"
            "  [l IN labels(startNode(r)) WHERE l IN $labels][0] AS sl,\n"
            "  [l IN labels(endNode(r)) WHERE l IN $labels][0] AS el, properties(r) AS p ORDER BY t, s, e")
        return [Relationship(type=rec["t"], start=rec["s"], end=rec["e"], start_label=rec["sl"],  # type: ignore[arg-type]
                             end_label=rec["el"], props=dict(rec["p"]))
                for rec in self._read(query, id=node_id, labels=list(NODE_LABELS))]

    def get_node(self, id: str) -> Node | None:
        """The node with this id (any label), or ``None``."""
        with self._driver.session(database=self.database, default_access_mode="READ") as session:
            found = session.execute_read(_find_node, id)
        return None if found is None else Node(label=found[0], id=id, props=found[1])  # type: ignore[arg-type]

    def articles_with_hash(self, content_hash: str) -> list[str]:
        """Ids of the stored articles whose text has this SHA-256 (index ``article_content_hash``)."""
        return [r["id"] for r in self._read(_ARTICLES_WITH_HASH_QUERY, h=content_hash)]

    def indexed(self, path: str | None = None) -> Any:
        """This sink behind a local resolution index (:mod:`graphbuilder.store.neo4j_index`):
        what ``ingest`` writes through, one Neo4j transaction per batch of articles."""
        from graphbuilder.store.neo4j_index import IndexedNeo4j

        return IndexedNeo4j(self, path)

    def clear(self) -> None:
        """Delete every node and relationship (tests and benchmarks; schema stays)."""
        with self._driver.session(database=self.database) as session:
            session.run(
                "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
            ).consume()

    # -- lifecycle -----------------------------------------------------------------------------

    def close(self) -> None:
        self._driver.close()

    def __enter__(self) -> Neo4jSink:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:  # never shows the password
        return f"Neo4jSink(uri={self.uri!r}, user={self.user!r}, database={self.database!r})"


def _missing_endpoint(tx: Any, rel_type: str, start_label: str, end_label: str,
                      rows: list[dict[str, Any]]) -> str:
    query = _MISSING_ENDPOINT_QUERY.format(
        start_label=_check_identifier(start_label, NODE_LABELS, "node label"),
        end_label=_check_identifier(end_label, NODE_LABELS, "node label"),
    )
    hit = tx.run(query, rows=[{"start": r[0], "end": r[1]} for r in rows]).single()
    if hit is None:
        return f"{rel_type}: some endpoints are not in the graph"
    node_id, label = ((hit["start"], start_label) if hit["start_missing"]
                      else (hit["end"], end_label))
    return f"{rel_type} endpoint {node_id!r} ({label}) is not in the graph"


def _concat(batches: list[GraphBatch]) -> GraphBatch:
    return GraphBatch(nodes=[n for b in batches for n in b.nodes],
                      relationships=[r for b in batches for r in b.relationships])


_FIND_NODE_QUERY = (
    "CALL () {\n"
    + "\n  UNION ALL\n".join(f"  MATCH (n:{label} {{id: $id}}) RETURN n" for label in NODE_LABELS)
    + "\n}\nRETURN [l IN labels(n) WHERE l IN $labels][0] AS label, properties(n) AS props LIMIT 1"
)


def _find_node(tx: Any, node_id: str) -> tuple[str, dict[str, Any]] | None:
    record = tx.run(_FIND_NODE_QUERY, id=node_id, labels=list(NODE_LABELS)).single()
    return None if record is None else (record["label"], dict(record["props"]))


def _rename(tx: Any, old: str, new: str) -> set[str]:
    """Merge stored node ``old`` into ``new`` with the store's MERGE semantics (as SQLiteStore):
    props via ``merge_node_props(old, target)``, relationships moved and merged via
    ``merge_rel_props(moved, existing)``, ABOUT/BEFORE self-loops dropped."""
    found = _find_node(tx, old) if old != new else None
    if found is None:
        return set()
    label, old_props = found
    _rekey_reports(tx, label, old, new)
    target = _find_node(tx, new)
    if target is not None and target[0] != label:
        raise ValueError(f"cannot merge {old!r} ({label}) into {new!r} ({target[0]})")
    props = merge_node_props(label, old_props, target[1]) if target else dict(old_props)
    props["id"] = new
    props = {k: v for k, v in props.items() if v is not None}
    moved = [r.data() for r in tx.run(
        f"MATCH (o:{label} {{id: $old}})-[r]-() WITH DISTINCT r\n"
        "RETURN type(r) AS type, startNode(r).id AS start, endNode(r).id AS end,\n"
        "  [l IN labels(startNode(r)) WHERE l IN $labels][0] AS sl,\n"
        "  [l IN labels(endNode(r)) WHERE l IN $labels][0] AS el, properties(r) AS props\n"
        "ORDER BY type, start, end", old=old, labels=list(NODE_LABELS))]
    tx.run(f"MATCH (o:{label} {{id: $old}}) DETACH DELETE o", old=old).consume()
    tx.run(f"MERGE (t:{label} {{id: $new}}) SET t = $props", new=new, props=props).consume()
    for rel in moved:
        rel_type = _check_identifier(rel["type"], REL_TYPES, "relationship type")
        start = new if rel["start"] == old else rel["start"]
        end = new if rel["end"] == old else rel["end"]
        if start == end and rel_type in ("ABOUT", "BEFORE"):
            continue
        sl = _check_identifier(rel["sl"], NODE_LABELS, "node label")
        el = _check_identifier(rel["el"], NODE_LABELS, "node label")
        match = f"MATCH (a:{sl} {{id: $start}}), (b:{el} {{id: $end}})\n"
        existing = tx.run(match + f"MATCH (a)-[r:{rel_type}]->(b) RETURN properties(r) AS p",
                          start=start, end=end).single()
        merged = merge_rel_props(rel_type, rel["props"], dict(existing["p"]) if existing else {})
        tx.run(match + f"MERGE (a)-[r:{rel_type}]->(b) SET r = $props", start=start, end=end,
               props={k: v for k, v in merged.items() if v is not None}).consume()
    return {new} if label == "Event" else set()


def _rekey_reports(tx: Any, label: str, old: str, new: str) -> None:
    """Reports (REPORTED_IN props) naming entity ``old`` name ``new`` instead."""
    label = _check_identifier(label, NODE_LABELS, "node label")
    rows = tx.run(
        f"MATCH (o:{label} {{id: $old}})-[:PARTICIPATED_IN|LOCATED_IN]-(e:Event)\n"
        "WITH DISTINCT e MATCH (e)-[r:REPORTED_IN]->(a:Article)\n"
        "RETURN e.id AS e, a.id AS a, properties(r) AS p ORDER BY e, a", old=old).data()
    for row in rows:
        changed = rekey_report(dict(row["p"]), old, new)
        if changed is not None:
            tx.run("MATCH (e:Event {id: $e})-[r:REPORTED_IN]->(a:Article {id: $a}) SET r = $p",
                   e=row["e"], a=row["a"], p={k: v for k, v in changed.items() if v is not None}).consume()


# Resolution reads what it then writes: two ingests running at once must not both plan from
# the graph before the other's writes (Neo4j reads take no locks). Each ingest transaction
# first writes the one lock node, so they run one after the other, as SQLite's BEGIN IMMEDIATE
# makes them (the label is outside the graph's schema: exports and counts never see it).
_LOCK_QUERY = "MERGE (l:GraphbuilderLock {id: 'ingest'}) SET l.writes = coalesce(l.writes, 0) + 1"
_REMOVE_EVENTS_QUERY = _NO_REPLAN + "\nUNWIND $ids AS id MATCH (e:Event {id: id}) DETACH DELETE e"
# an article replaced by its record: deleted with its relationships; the entities it mentioned
# get first/last seen from the articles left, and one no article mentions any more goes too
_REMOVE_ARTICLES_QUERY = _NO_REPLAN + """
UNWIND $ids AS id MATCH (a:Article {id: id})
OPTIONAL MATCH (x)-[:MENTIONED_IN]->(a)
WITH a, collect(x) AS mentioned
DETACH DELETE a
WITH mentioned UNWIND mentioned AS x
WITH DISTINCT x
OPTIONAL MATCH (x)-[:MENTIONED_IN]->(b:Article)
WITH x, min(b.published) AS first, max(b.published) AS last, count(b) AS n
FOREACH (_ IN CASE WHEN n = 0 THEN [1] ELSE [] END | DETACH DELETE x)
FOREACH (_ IN CASE WHEN n > 0 THEN [1] ELSE [] END | SET x.first_seen = first, x.last_seen = last)
"""
_UNUSED_DATES_QUERY = (_NO_REPLAN + "\nMATCH (d:Date) WHERE NOT ()-[:ON_DATE]->(d) AND NOT (:Date)-[:PART_OF]->(d) "
                       "DETACH DELETE d RETURN count(d) AS n")
_ARTICLES_WITH_HASH_QUERY = "MATCH (a:Article {content_hash: $h}) RETURN a.id AS id ORDER BY id"
_REPORTS_QUERY = (
    "UNWIND $ids AS id MATCH {pattern}\n"
    "RETURN e.id AS e, a.id AS a, properties(r) AS p ORDER BY a, e"
)


class _Tx:
    """A running Neo4j write transaction: reads for resolution and ``apply``."""

    def __init__(self, tx: Any, chunk: int) -> None:
        self._tx = tx
        self._chunk = chunk

    def apply(self, plan: WritePlan) -> None:
        tx = self._tx
        touched: set[str] = set()
        for old, new in sorted(plan.renames.items()):
            touched |= _rename(tx, old, new)
        removed = sorted(set(plan.remove_events))
        for ids in _chunks(removed, 1000):
            tx.run(_REMOVE_EVENTS_QUERY, ids=ids).consume()
        touched -= set(removed)
        if plan.batch.nodes or plan.batch.relationships:
            Neo4jSink._run_plan(tx, Neo4jSink._plan([plan.batch]), self._chunk, {})
        for ids in _chunks(sorted(touched), 1000):
            tx.run(_REPORT_COUNT_QUERY, ids=ids).consume()
        if plan.remove_articles:
            tx.run(_REMOVE_ARTICLES_QUERY, ids=sorted(set(plan.remove_articles))).consume()
            for _level in range(DATE_LEVELS):  # calendar nodes only its reports dated, up the PART_OF chain
                if not tx.run(_UNUSED_DATES_QUERY).single()["n"]:
                    break

    def get_node(self, id: str) -> Node | None:
        found = _find_node(self._tx, id)
        return None if found is None else Node(label=found[0], id=id, props=found[1])  # type: ignore[arg-type]

    def _reports(self, pattern: str, ids: Iterable[str]) -> list[Relationship]:
        rows = self._tx.run(_REPORTS_QUERY.format(pattern=pattern), ids=sorted(set(ids))).data()
        return [Relationship(type="REPORTED_IN", start=r["e"], end=r["a"], start_label="Event",
                             end_label="Article", props=dict(r["p"])) for r in rows]

    def reports_of_articles(self, article_ids: Iterable[str]) -> list[Relationship]:
        return self._reports("(e:Event)-[r:REPORTED_IN]->(a:Article {id: id})", article_ids)

    def reports_of_events(self, event_ids: Iterable[str]) -> list[Relationship]:
        return self._reports("(e:Event {id: id})-[r:REPORTED_IN]->(a:Article)", event_ids)

    def events_of(self, participant_id: str, family: str | None = None) -> list[str]:
        label = _check_identifier(label_of_key(participant_id), NODE_LABELS, "node label")
        rows = self._tx.run(
            f"MATCH (:{label} {{id: $id}})-[:PARTICIPATED_IN]->(e:Event)\n"
            "WHERE $family IS NULL OR e.family = $family RETURN e.id AS id ORDER BY id",
            id=participant_id, family=family).data()
        return [r["id"] for r in rows]

    def reports_near(self, participant_id: str, family: str, published: Any, start: Any, end: Any,
                     window: int) -> list[tuple[str, str]]:
        """Over Bolt: the participant's reports of the family, filtered by the time rule of
        :mod:`graphbuilder.store.report_times` (the local index answers this by seeks)."""
        from graphbuilder.store.report_times import may_link

        label = _check_identifier(label_of_key(participant_id), NODE_LABELS, "node label")
        rows = self._tx.run(
            f"MATCH (:{label} {{id: $id}})-[:PARTICIPATED_IN]->(e:Event)-[r:REPORTED_IN]->(a:Article)\n"
            "WHERE r.family = $family AND $id IN r.participants\n"
            "RETURN e.id AS e, a.id AS a, r.published AS p, r.time_start AS s, r.time_end AS t",
            id=participant_id, family=family).data()
        return sorted((r["e"], r["a"]) for r in rows
                      if may_link((published, start, end), (r["p"], r["s"], r["t"]), window))

    def dated_events_of(self, participant_id: str, first: str, last: str) -> list[Node]:
        label = _check_identifier(label_of_key(participant_id), NODE_LABELS, "node label")
        rows = self._tx.run(
            f"MATCH (:{label} {{id: $id}})-[:PARTICIPATED_IN]->(e:Event)\n"
            "WHERE e.precision = 'day' AND e.start >= $first AND e.start <= $last\n"
            "RETURN e.id AS id, properties(e) AS p ORDER BY id",
            id=participant_id, first=first, last=last).data()
        return [Node(label="Event", id=r["id"], props=dict(r["p"])) for r in rows]
