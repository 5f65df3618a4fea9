"""The sink contract and the MERGE semantics shared by every store.

Both the embedded SQLite store and the Neo4j sink implement :class:`GraphSink` and must give
identical graphs for identical input. Semantics (mirrored in Cypher by the Neo4j sink):

Nodes are merged on ``(label, id)``; for each property of the incoming node:

* ``aliases``: set union, stored sorted (no node property lists other nodes' ids: who took
  part in an event is only ever a ``PARTICIPATED_IN`` relationship, so it cannot go stale);
* ``first_seen``: minimum; ``last_seen``: maximum; ``confidence`` of a
  Person/Organization/Location: maximum (the best mention of the entity in any article);
* ``name`` of a Person/Organization/Location: the fullest form (most words, then the
  alphabetically first), so the display name does not depend on ingestion order;
* the *evolving* Event properties (:data:`EVOLVING_EVENT_PROPS`) are replaced as a group only
  when the incoming ``report_rank`` is >= the stored one (the latest, most specific report
  wins; ties resolve the same way whatever the ingestion order);
* any other property: the incoming value replaces the stored one (``SET n += props``).

Relationships are merged on ``(type, start id, end id)``; incoming properties replace stored
ones, except ``PARTICIPATED_IN.role`` (the strongest role wins: speaker > host > target >
subject > participant) and ``HOLDS_ROLE.title`` (all titles kept in ``titles``; ``title`` is
the first of them alphabetically). ``Event.report_count`` is derived after each write: the number of REPORTED_IN
relationships of the event, and ``Event.disputed`` is true when its reports conflict (one says
it occurred, another that it was denied or cancelled): both stay as evidence, none is dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar, runtime_checkable

from graphbuilder.models import GraphBatch, Node, Relationship
from graphbuilder.schema import ENTITY_LABELS, ROLE_RANK

T = TypeVar("T")

EVOLVING_EVENT_PROPS: tuple[str, ...] = (
    "type", "cameo", "label", "predicate", "status", "start", "end", "precision", "time_text", "time_value",
    "vague", "confidence", "report_rank", "status_date",
)


UNION_PROPS = ("aliases",)  # list properties merged as sorted set unions
MAX_PROPS = ("confidence",)  # entity properties merged as the maximum (the best mention wins)


def name_rank(name: str) -> tuple[int, str]:
    """Smaller is better: more words first, then alphabetical order."""
    return (-len(name.split()), name)


def merge_rel_props(rel_type: str, old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """Properties of a relationship after MERGE-ing ``new`` into ``old``."""
    out = {**old, **new}
    if rel_type == "PARTICIPATED_IN" and old.get("role") and new.get("role"):
        out["role"] = max(old["role"], new["role"], key=lambda r: (ROLE_RANK.get(r, 0), r))
    if rel_type == "HOLDS_ROLE":
        titles = set(old.get("titles") or ([old["title"]] if old.get("title") else []))
        titles |= set(new.get("titles") or ([new["title"]] if new.get("title") else []))
        if titles:
            out["titles"] = sorted(titles)
            out["title"] = out["titles"][0]
    return out


def merge_node_props(label: str, old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """Return the properties of a node after MERGE-ing ``new`` into ``old``."""
    out = dict(old)
    evolving_wins = True
    if label == "Event" and "report_rank" in old:
        evolving_wins = str(new.get("report_rank", "")) >= str(old["report_rank"])
    for key, value in new.items():
        if key in UNION_PROPS:
            out[key] = sorted(set(old.get(key) or []) | set(value or []))
        elif key == "first_seen" and old.get(key) is not None and value is not None:
            out[key] = min(old[key], value)
        elif key == "last_seen" and old.get(key) is not None and value is not None:
            out[key] = max(old[key], value)
        elif key in MAX_PROPS and label in ENTITY_LABELS and old.get(key) is not None and value is not None:
            out[key] = max(old[key], value)
        elif key == "name" and label in ENTITY_LABELS and old.get(key) and value:
            out[key] = min(str(old[key]), str(value), key=name_rank)
        elif label == "Event" and key in EVOLVING_EVENT_PROPS:
            if evolving_wins:
                out[key] = value
        else:
            out[key] = value
    if label == "Event" and evolving_wins:
        # a winning report also clears evolving props it does not carry (e.g. `end`)
        for key in EVOLVING_EVENT_PROPS:
            if key not in new:
                out.pop(key, None)
    return out


def derived_event_props(report_statuses: list[str]) -> dict[str, Any]:
    """Event properties derived from all its REPORTED_IN statuses after a write."""
    st = set(report_statuses)
    return {"report_count": len(report_statuses),
            "disputed": "occurred" in st and bool(st & {"denied", "cancelled"})}


@runtime_checkable
class GraphSink(Protocol):
    """Where graph batches go. ``write`` is one transaction: all of the batch or nothing."""

    def write(self, batch: GraphBatch) -> None: ...

    def counts(self) -> dict[str, int]:
        """Node counts per label and relationship counts per type (keys: label or type)."""
        ...

    def close(self) -> None: ...


@dataclass
class WritePlan:
    """What one resolution step writes, applied in ONE transaction by :meth:`Transaction.apply`.

    In this order: ``renames`` (stored id -> id it is merged into, an analyst's merge), then
    ``remove_events`` (event nodes deleted with all their relationships: the events being
    recomputed), then ``batch`` MERGEd (nodes, then relationships), then the derived event
    properties (``report_count``, ``disputed``) of every event the plan touched. A plan for many
    articles is the plans of its articles applied one after the other in one transaction.

    ``complete``: each event node of the batch comes with all its reports and its derived
    properties already computed (a resolution plan), so a store need not derive them again for
    an event it did not hold or that the plan removes."""

    batch: GraphBatch = field(default_factory=GraphBatch)
    remove_events: list[str] = field(default_factory=list)
    renames: dict[str, str] = field(default_factory=dict)
    complete: bool = False
    #: articles deleted after the batch is merged, with all their relationships (their events
    #: were recomputed without their reports); the entities they mentioned get ``first_seen`` /
    #: ``last_seen`` from the articles left, and an entity no article mentions any more goes
    remove_articles: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.batch.nodes or self.batch.relationships or self.remove_events or self.renames
                    or self.remove_articles)


@runtime_checkable
class StoreReader(Protocol):
    """What resolution reads from a store; every lookup is an index seek on an id.

    Reports are ``REPORTED_IN`` relationships (event -> article): each keeps what its article
    said about the event (participants, time, place, status, rank), so the events can be
    recomputed from the reports at any time."""

    def get_node(self, id: str) -> Node | None: ...

    def reports_of_articles(self, article_ids: Iterable[str]) -> list[Relationship]:
        """The ``REPORTED_IN`` relationships ending at these articles."""
        ...

    def reports_of_events(self, event_ids: Iterable[str]) -> list[Relationship]:
        """The ``REPORTED_IN`` relationships starting at these events."""
        ...

    def events_of(self, participant_id: str, family: str | None = None) -> list[str]:
        """Ids of the events (of ``family``; None: any) ``participant_id`` took part in, sorted."""
        ...

    def reports_near(self, participant_id: str, family: str, published: Any, start: Any, end: Any,
                     window: int) -> list[tuple[str, str]]:
        """``(event id, article id)`` of the stored reports of ``family`` that name
        ``participant_id`` and may be time-compatible with a report published on ``published``
        with time ``[start, end]``: undated ones (any, when that report is undated) published
        within ``window`` days of it, dated ones whose interval overlaps (a superset is allowed;
        see :mod:`graphbuilder.store.report_times`). Sorted."""
        ...

    def dated_events_of(self, participant_id: str, first: str, last: str) -> list[Node]:
        """Events of ``participant_id`` dated to a day (``precision == "day"``) whose ``start``
        lies in ``[first, last]`` (ISO days), sorted by id."""
        ...


@runtime_checkable
class Transaction(StoreReader, Protocol):
    """A store transaction: reads see the writes applied before them in it."""

    def apply(self, plan: WritePlan) -> None: ...


@runtime_checkable
class GraphStore(GraphSink, Protocol):
    """A sink that resolution can read: :meth:`transact` runs ``work`` in one transaction
    holding its reads and writes (retried as a whole on a transient conflict, so ``work`` must
    only read and apply plans) and returns its result."""

    def transact(self, work: Callable[[Transaction], T]) -> T: ...

    def get_node(self, id: str) -> Node | None: ...


def label_of_key(key: str) -> str:
    """Node label of an entity key (``per:`` Person, ``org:`` Organization, ``loc:`` Location)."""
    prefix = key.split(":", 1)[0]
    try:
        return {"per": "Person", "org": "Organization", "loc": "Location"}[prefix]
    except KeyError:
        raise ValueError(f"{key!r} is not an entity key (per:/org:/loc:)") from None


def rekey_report(props: Mapping[str, Any], old: str, new: str) -> dict[str, Any] | None:
    """A report's props with entity id ``old`` replaced by ``new`` (None when it names neither)."""
    parts = list(props.get("participants") or [])
    if old not in parts and props.get("location") != old:
        return None
    out = dict(props)
    if old in parts:
        roles = list(props.get("roles") or ["participant"] * len(parts))
        merged: dict[str, str] = {}
        for key, role in zip(parts, roles):
            key = new if key == old else key
            best = merged.get(key)
            merged[key] = role if best is None else max(best, role, key=lambda r: (ROLE_RANK.get(r, 0), r))
        out["participants"] = sorted(merged)
        out["roles"] = [merged[k] for k in out["participants"]]
    if props.get("location") == old:
        out["location"] = new
    return out
