"""Cross-article resolution: one node per real-world entity and event, whatever the order.

Before an article's batch is written, its entities and events are matched against the store:

* **Analyst decisions** (:mod:`graphbuilder.decisions`) come first: merged ids are mapped to
  their canonical id, split pairs never merge.
* **Surname-only people**: a person known only by a surname ("Lawrow", key ``per:lavrov``)
  joins the one full-name person with that surname (``per:sergey-lavrov``) when exactly one
  exists in the store and the batch; with several it stays its own node and
  ``graphbuilder review`` lists it. When the full name arrives after the surname, the stored
  surname node is merged into the full-name node, so both orders give the same graph.
* **Events**: a batch event and a stored event are the same real-world event when their
  families agree (a planned "Treffen" may be realised as a CALL: family ``contact``), they
  name the same people (:func:`same_people`; the same participants when they name no
  person; the relation is symmetric, so the result does not depend on order), their times are compatible (:func:`graphbuilder.graph.compatible_times`: a vague
  future interval contains the realised date; two different exact days never match; an
  undated report matches only reports at most :data:`UNDATED_WINDOW_DAYS` days apart) and
  their places do not contradict. The merged event keeps the id of its highest-ranked report
  (``report_rank``: latest article, then most precise time, then strongest status, then
  article id), so the final id depends only on the set of reports, not on their order.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from graphbuilder.decisions import Decisions
from graphbuilder.graph import compatible_times, rename_nodes
from graphbuilder.models import GraphBatch, Node

UNDATED_WINDOW_DAYS = 45


def surname_of(person_id: str) -> str:
    return person_id.removeprefix("per:").rsplit("-", 1)[-1]


def is_surname_only(node: Node) -> bool:
    return "-" not in node.id.removeprefix("per:") and len(str(node.props.get("name", "")).split()) <= 1


def _days_apart(a: Any, b: Any) -> int | None:
    try:
        return abs((dt.date.fromisoformat(str(a)[:10]) - dt.date.fromisoformat(str(b)[:10])).days)
    except (TypeError, ValueError):
        return None


def same_event(stored: dict[str, Any], new: dict[str, Any]) -> bool:
    """Time and place compatibility of two reports of one family and one set of people."""
    if stored.get("location_id") and new.get("location_id") and stored["location_id"] != new["location_id"]:
        return False
    if not stored.get("start") or not new.get("start"):
        days = _days_apart(stored.get("status_date"), new.get("status_date"))
        return days is not None and days <= UNDATED_WINDOW_DAYS
    return compatible_times(stored, new)


def surname_map(person_ids: list[str] | set[str]) -> dict[str, str]:
    """Surname-only person ids -> the one full-name id with that surname (ambiguous: none).

    The same rule as :func:`resolve_entities`, applied to a finished set of ids (it depends
    only on the set, not on any order)."""
    ids = {i for i in person_ids if i.startswith("per:")}
    full: dict[str, list[str]] = {}
    for i in ids:
        if "-" in i.removeprefix("per:"):
            full.setdefault(surname_of(i), []).append(i)
    return {i: full[surname_of(i)][0] for i in sorted(ids)
            if "-" not in i.removeprefix("per:") and len(full.get(surname_of(i), [])) == 1}


def same_people(a: list[str] | set[str], b: list[str] | set[str]) -> bool:
    """Two reports name the same people: equal sets, or at least two shared with at most one
    extra name on either side (a title misread as a person must not split an event). The
    relation is symmetric, so the result does not depend on the order of reports."""
    a, b = set(a), set(b)
    shared = len(a & b)
    if a == b:
        return bool(a)
    return shared >= 2 and len(a - b) <= 1 and len(b - a) <= 1


def _probes(keys: list[str]) -> list[list[str]]:
    """Participant subsets to look candidates up with: the pairs of a small set, else the set."""
    if len(keys) <= 1:
        return [keys]
    if len(keys) <= 4:
        return [[a, b] for i, a in enumerate(keys) for b in keys[i + 1:]]
    return [keys]


def resolve_entities(batch: GraphBatch, sink: Any, decisions: Decisions) -> tuple[GraphBatch, dict[str, str]]:
    """Map surname-only people onto full names; returns (batch, stored renames)."""
    if not hasattr(sink, "find_persons"):
        return batch, {}
    persons = [n for n in batch.nodes if n.label == "Person"]
    batch_full = {n.id for n in persons if not is_surname_only(n)}
    renames: dict[str, str] = {}
    store_renames: dict[str, str] = {}
    for node in persons:
        sur = surname_of(node.id)
        stored = [p for p in sink.find_persons(sur) if p.id != node.id]
        if is_surname_only(node):
            full = {p.id for p in stored if not is_surname_only(p)} | {
                b for b in batch_full if surname_of(b) == sur}
            full = {f for f in full if not decisions.is_split(node.id, f)}
            if len(full) == 1:
                renames[node.id] = next(iter(full))
        else:
            others = {p.id for p in stored if not is_surname_only(p)} | {
                b for b in batch_full if surname_of(b) == sur and b != node.id}
            short = [p for p in stored if is_surname_only(p) and not decisions.is_split(p.id, node.id)]
            if short and not others:
                for p in short:
                    store_renames[p.id] = node.id
    if renames:
        batch = rename_nodes(batch, renames)
    return batch, store_renames


def resolve_events(batch: GraphBatch, sink: Any, decisions: Decisions) -> tuple[GraphBatch, dict[str, str]]:
    """Match the batch's events with stored ones; returns (batch, stored renames)."""
    parts: dict[str, set[str]] = {}
    for r in batch.relationships:
        if r.type == "PARTICIPATED_IN":
            parts.setdefault(r.end, set()).add(r.start)
    renames: dict[str, str] = {}
    store_renames: dict[str, str] = {}
    # events of this very article are kept apart as the extractor decided (on re-ingest they
    # are already in the store and must not absorb each other)
    own = {n.id for n in batch.nodes if n.label == "Event"}
    for n in batch.nodes:
        if n.label != "Event" or n.id not in parts:
            continue
        people = sorted(k for k in parts[n.id] if k.startswith("per:"))
        key = ("people", people) if people else ("actors", sorted(parts[n.id]))
        found: dict[str, Node] = {}
        for probe in _probes(key[1]):
            for c in sink.find_events(type_family=n.props.get("family"), participant_ids=probe):
                found.setdefault(c.id, c)
        cands = [c for c in sorted(found.values(), key=lambda x: x.id)
                 if c.id not in own and not decisions.is_split(c.id, n.id)
                 and same_people(c.props.get(key[0]) or [], key[1]) and same_event(c.props, n.props)]
        if not cands:
            continue
        group = cands + [n]
        winner = max(group, key=lambda x: (str(x.props.get("report_rank", "")), x.id))
        for c in cands:
            if c.id != winner.id:
                store_renames[c.id] = winner.id
        if n.id != winner.id:
            renames[n.id] = winner.id
    if renames:
        batch = rename_nodes(batch, renames)
    return batch, store_renames


__all__ = ["surname_map", "resolve_entities", "resolve_events", "same_event", "UNDATED_WINDOW_DAYS"]
