"""The domain schema: event types (CAMEO code, family), statuses and roles with their ranks,
the graph's labels and relationship types — loaded once from ``data/schema.toml`` and
validated, so every other module imports them from here and nowhere else defines them.

A *family* groups types that can describe the same real-world happening: a planned "Treffen"
reported later as a phone call is one ``contact`` event (MEETING, CALL, NEGOTIATION, VISIT).
Mentions and reports corefer only within a family.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

SCHEMA_FILE = "schema.toml"


class SchemaError(ValueError):
    """A schema or language-pack file that does not validate (the message names file and key)."""


@dataclass(frozen=True)
class EventType:
    name: str
    cameo: str | None
    cameo_name: str
    family: str
    exact: bool
    description: str


_TYPE_KEYS = {"cameo", "cameo_name", "family", "exact", "description"}


def parse_event_type(name: str, spec: Any, where: str) -> EventType:
    """One ``[types.NAME]`` table as an :class:`EventType` (strict: unknown keys are errors)."""
    if not name.isupper() or not name.replace("_", "").isalnum():
        raise SchemaError(f"{where}: event type name {name!r} must be UPPER_CASE letters, digits and _")
    if not isinstance(spec, dict):
        raise SchemaError(f"{where}: [types.{name}] must be a table")
    unknown = set(spec) - _TYPE_KEYS
    if unknown:
        raise SchemaError(f"{where}: [types.{name}] has unknown key(s) {', '.join(sorted(unknown))}")
    if not isinstance(spec.get("family"), str) or not spec["family"]:
        raise SchemaError(f"{where}: [types.{name}] needs a family")
    cameo = spec.get("cameo")
    if cameo is not None and not (isinstance(cameo, str) and cameo.isdigit() and len(cameo) == 2):
        raise SchemaError(f"{where}: [types.{name}] cameo must be a two-digit root code like \"04\"")
    return EventType(name=name, cameo=cameo, cameo_name=str(spec.get("cameo_name", "-")),
                     family=spec["family"], exact=bool(spec.get("exact", False)),
                     description=str(spec.get("description", "")))


def _ordered(section: Any, key: str, where: str) -> list[str]:
    values = section.get(key) if isinstance(section, dict) else None
    if not isinstance(values, list) or not values or not all(isinstance(v, str) for v in values):
        raise SchemaError(f"{where}: {key} must be a non-empty list of names")
    if len(set(values)) != len(values):
        raise SchemaError(f"{where}: {key} lists a name twice")
    return values


def _load() -> dict[str, Any]:
    where = f"graphbuilder/data/{SCHEMA_FILE}"
    with resources.files("graphbuilder.data").joinpath(SCHEMA_FILE).open("rb") as fh:
        data = tomllib.load(fh)
    unknown = set(data) - {"types", "matching", "statuses", "roles", "graph"}
    if unknown:
        raise SchemaError(f"{where}: unknown section(s) {', '.join(sorted(unknown))}")
    types = {name: parse_event_type(name, spec, where) for name, spec in data["types"].items()}
    priority = _ordered(data["matching"], "type_priority", where)
    if set(priority) != set(types):
        raise SchemaError(f"{where}: matching.type_priority must list every type exactly once "
                          f"(missing: {sorted(set(types) - set(priority))}, unknown: {sorted(set(priority) - set(types))})")
    statuses = _ordered(data["statuses"], "order", where)
    realis = _ordered(data["statuses"], "realis", where)
    if not set(realis) <= set(statuses):
        raise SchemaError(f"{where}: statuses.realis names a status not in statuses.order")
    graph = data["graph"]
    return {"types": types, "priority": priority, "statuses": statuses, "realis": realis,
            "roles": _ordered(data["roles"], "order", where),
            "entity_labels": _ordered(graph, "entity_labels", where),
            "node_labels": _ordered(graph, "node_labels", where),
            "rel_types": _ordered(graph, "relationship_types", where),
            "mention_labels": dict(graph["mention_labels"])}


_S = _load()

#: Event types by name, in README order.
EVENT_TYPES: dict[str, EventType] = _S["types"]
#: The types schema.toml itself defines (language packs may add more: :func:`add_event_type`).
SCHEMA_TYPES: tuple[str, ...] = tuple(EVENT_TYPES)
#: When trigger patterns of several types match at one position, the earlier type wins.
TYPE_PRIORITY: tuple[str, ...] = tuple(_S["priority"])
#: Statuses from the weakest to the firmest assertion, and their ranks.
STATUSES: tuple[str, ...] = tuple(_S["statuses"])
STATUS_RANK: dict[str, int] = {s: i for i, s in enumerate(STATUSES)}
REALIS: frozenset[str] = frozenset(_S["realis"])
#: Participant roles from the weakest to the strongest, and their ranks.
ROLES: tuple[str, ...] = tuple(_S["roles"])
ROLE_RANK: dict[str, int] = {r: i for i, r in enumerate(ROLES)}
#: Graph labels and relationship types (the allow-list for anything put into Cypher text).
ENTITY_LABELS: tuple[str, ...] = tuple(_S["entity_labels"])
NODE_LABELS: tuple[str, ...] = tuple(_S["node_labels"])
REL_TYPES: tuple[str, ...] = tuple(_S["rel_types"])
#: Entity mention labels (PER/ORG/LOC) and the node label of each.
MENTION_LABELS: dict[str, str] = _S["mention_labels"]


def add_event_type(t: EventType, where: str) -> None:
    """Add a type a language pack declares (``[types.NAME]``); it is matched after the
    schema's own types, before OTHER. Declaring a known type differently is an error."""
    global TYPE_PRIORITY
    known = EVENT_TYPES.get(t.name)
    if known is not None:
        if known != t:
            raise SchemaError(f"{where}: [types.{t.name}] redefines a known event type differently")
        return
    EVENT_TYPES[t.name] = t
    pos = TYPE_PRIORITY.index("OTHER") if "OTHER" in TYPE_PRIORITY else len(TYPE_PRIORITY)
    TYPE_PRIORITY = TYPE_PRIORITY[:pos] + (t.name,) + TYPE_PRIORITY[pos:]


def family(type_name: str) -> str:
    """The coreference family of an event type (unknown types are their own family)."""
    t = EVENT_TYPES.get(type_name)
    return t.family if t else type_name.lower()


def cameo(type_name: str) -> str | None:
    t = EVENT_TYPES.get(type_name)
    return t.cameo if t else None


def times_overlap(a0: Any, a1: Any, b0: Any, b1: Any) -> bool:
    """Whether intervals ``[a0, a1]`` and ``[b0, b1]`` overlap (dates or ISO strings).

    The time rule of event identity, shared by mention coreference within an article and
    report resolution across articles: two reports of one event must have overlapping
    times, so two different exact days are never one event."""
    return a0 <= b1 and b0 <= a1


#: Date nodes form a PART_OF chain of at most this many levels: day -> month -> year
#: (:func:`graphbuilder.graph.date_nodes`)
DATE_LEVELS = 3

__all__ = [
    "DATE_LEVELS", "EventType", "SchemaError", "EVENT_TYPES", "SCHEMA_TYPES", "TYPE_PRIORITY", "STATUSES", "STATUS_RANK", "REALIS",
    "ROLES", "ROLE_RANK", "ENTITY_LABELS", "NODE_LABELS", "REL_TYPES", "MENTION_LABELS",
    "family", "cameo", "times_overlap", "parse_event_type", "add_event_type",
]
