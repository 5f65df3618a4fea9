"""The sink contract and the MERGE semantics shared by every store.

Both the embedded SQLite store and the Neo4j sink implement :class:`GraphSink` and must give
identical graphs for identical input. Semantics (mirrored in Cypher by the Neo4j sink):

Nodes are merged on ``(label, id)``; for each property of the incoming node:

* ``aliases`` (and an Event's ``people``/``actors``): set union, stored sorted;
* ``first_seen``: minimum; ``last_seen``: maximum;
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

from typing import Any, Protocol, runtime_checkable

from graphbuilder.models import GraphBatch
from graphbuilder.schema import ENTITY_LABELS, ROLE_RANK

EVOLVING_EVENT_PROPS: tuple[str, ...] = (
    "type", "cameo", "label", "status", "start", "end", "precision", "time_text", "time_value",
    "vague", "confidence", "report_rank", "status_date",
)


UNION_PROPS = ("aliases", "people", "actors")  # list properties merged as sorted set unions


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
