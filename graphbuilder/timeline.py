"""The event timeline of a store: events in time order, optionally for one entity.

Order: by ``start`` (ISO string, any precision), then id; events without a time come last.
Planned/expected/possible events are marked; vague times are shown with their text; an event
dated only by its article (precision "report date") shows as "reported on <date>"; one told in
the past without a time (precision "before report date": some day up to and including the
article's date) as "on or before <date>", ordered at that date.

What is shown by default: events with at least one participant. An event without any
(participant-less events are kept in the store with their evidence) is listed only with
``include_all`` (CLI ``--all``). ``min_confidence`` hides entities whose ``confidence`` (the
best of their mentions) is lower: they are left out of the participants, and an event left
without participants is hidden like the others. ``min_event_confidence`` leaves out events whose
own ``confidence`` (with the learned extractor: its probability of being real with the right
participants) is lower, with or without ``include_all``.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import Any, TextIO

from graphbuilder.models import GraphBatch, Node, Relationship
from graphbuilder.timeprops import BEFORE_REPORT, REPORT_DATE

NOT_YET = ("planned", "expected", "possible")
ENTITY_LABELS = ("Person", "Organization", "Location")


@dataclass
class TimelineEntry:
    """One event on the timeline."""

    event_id: str
    type: str | None
    label: str | None
    status: str | None
    start: str | None
    end: str | None
    precision: str | None
    time_text: str | None
    participants: list[str] = field(default_factory=list)
    location: str | None = None
    planned: bool = False
    reports: list[dict[str, Any]] = field(default_factory=list)
    vague: bool = False
    confidence: float | None = None


def _graph(store: Any) -> tuple[list[Node], list[Relationship]]:
    if isinstance(store, GraphBatch):
        return list(store.nodes), list(store.relationships)
    return list(store.nodes()), list(store.relationships())


def _fold(text: Any) -> str:
    return " ".join(str(text).split()).casefold()


def _key_function() -> Callable[..., Any] | None:
    """``graphbuilder.keys.entity_key`` when that module exists."""
    try:
        from graphbuilder.keys import entity_key  # type: ignore[import-not-found]
    except Exception:
        return None
    return entity_key


def _candidate_keys(entity: str) -> set[str]:
    """Entity keys the query could stand for, via ``entity_key(label, name)`` (any label)."""
    entity_key = _key_function()
    if entity_key is None:
        return set()
    keys: set[str] = set()
    for label in ("PER", "ORG", "LOC"):
        try:
            key = entity_key(label, entity)
        except Exception:
            continue
        if isinstance(key, str) and key:
            keys.add(key.casefold())
    return keys


def match_entities(nodes: Iterable[Node], entity: str) -> set[str]:
    """Ids of entity nodes whose id, name or alias equals ``entity`` (case-insensitive).

    Falls back to keys from ``graphbuilder.keys.entity_key``, then to names containing
    all the query's words, when nothing matches exactly."""
    query = _fold(entity)
    entities = [n for n in nodes if n.label in ENTITY_LABELS]
    exact = {
        n.id for n in entities
        if query in {_fold(n.id), _fold(n.props.get("name", ""))}
        | {_fold(a) for a in n.props.get("aliases") or []}
    }
    if exact:
        return exact
    keys = _candidate_keys(entity)
    by_key = {n.id for n in entities if n.id.casefold() in keys}
    if by_key:
        return by_key
    words = re.findall(r"\w+", query)
    if not words:
        return set()
    return {
        n.id for n in entities
        if any(all(w in re.findall(r"\w+", _fold(t)) for w in words)
               for t in [n.props.get("name", ""), *(n.props.get("aliases") or [])])
    }


def _sort_key(entry: TimelineEntry) -> tuple[bool, str, str]:
    at = entry.start or (entry.end if entry.precision == BEFORE_REPORT else None)
    return (at is None, at or "", entry.event_id)


def shown_entity(node: Node | None, min_confidence: float | None) -> bool:
    """An entity node is shown unless its confidence is below ``min_confidence``."""
    if node is None or min_confidence is None:
        return True
    conf = node.props.get("confidence")
    return not isinstance(conf, (int, float)) or conf >= min_confidence


def build_timeline(store: Any, entity: str | None = None, *, include_all: bool = False,
                   min_confidence: float | None = None, hidden: list[str] | None = None,
                   min_event_confidence: float | None = None, doubtful: list[str] | None = None) -> list[TimelineEntry]:
    """Events of ``store`` in time order (only those involving ``entity`` when given).

    Events without a (shown) participant are left out unless ``include_all``; their ids are
    appended to ``hidden`` when a list is given. ``min_confidence``: entities below it are
    not shown (see the module docstring). ``min_event_confidence``: events whose confidence is
    lower are left out; their ids are appended to ``doubtful`` when a list is given."""
    nodes, rels = _graph(store)
    by_id = {n.id: n for n in nodes}
    if min_confidence is not None:
        nodes = [n for n in nodes if n.label not in ENTITY_LABELS or shown_entity(n, min_confidence)]
        rels = [r for r in rels if shown_entity(by_id.get(r.start), min_confidence)
                and shown_entity(by_id.get(r.end), min_confidence)]
    wanted: set[str] | None = None
    if entity is not None:
        wanted = match_entities(nodes, entity)
    participants: dict[str, list[str]] = defaultdict(list)
    locations: dict[str, list[str]] = defaultdict(list)
    reports: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rels:
        if r.type == "PARTICIPATED_IN":
            participants[r.end].append(r.start)
        elif r.type == "LOCATED_IN" and r.start_label == "Event":
            locations[r.start].append(r.end)
        elif r.type == "REPORTED_IN":
            art = by_id.get(r.end)
            art_props = art.props if art else {}
            reports[r.start].append({
                "article": r.end,
                "title": art_props.get("title"),
                "published": r.props.get("published") or art_props.get("published"),
                "status": r.props.get("status"),
                "time_text": r.props.get("time_text"),
            })

    def name(node_id: str) -> str:
        node = by_id.get(node_id)
        return str(node.props.get("name") or node_id) if node else node_id

    entries = []
    for node in nodes:
        if node.label != "Event":
            continue
        involved = set(participants[node.id]) | set(locations[node.id])
        if wanted is not None and not (involved & wanted):
            continue
        conf = node.props.get("confidence")
        if min_event_confidence is not None and isinstance(conf, (int, float)) and conf < min_event_confidence:
            if doubtful is not None:
                doubtful.append(node.id)
            continue
        if not participants[node.id] and not include_all:
            if hidden is not None:
                hidden.append(node.id)
            continue
        p = node.props
        status = p.get("status")
        location = sorted(locations[node.id])
        entries.append(TimelineEntry(
            event_id=node.id, type=p.get("type"), label=p.get("label"), status=status,
            start=p.get("start"), end=p.get("end"), precision=p.get("precision"),
            time_text=p.get("time_text"),
            participants=sorted({name(i) for i in participants[node.id]}, key=_fold),
            location=name(location[0]) if location else None,
            planned=status in NOT_YET,
            reports=sorted(reports[node.id],
                           key=lambda rep: (rep["published"] or "", rep["article"])),
            vague=bool(p.get("vague")),
            confidence=p.get("confidence") if isinstance(p.get("confidence"), (int, float)) else None,
        ))
    return sorted(entries, key=_sort_key)


def when(entry: TimelineEntry) -> str:
    """Human-readable time of an entry ("2021-12-02", "2021-12", "2022-01-01…2022-03-31 (soon)",
    "reported on 2021-12-02" when only the article dates it, "on or before 2021-12-02" when it
    was told in the past without a time)."""
    start, end = entry.start, entry.end
    if entry.precision == BEFORE_REPORT and end:
        return f"on or before {end[:10]}"  # told in the past, no time: up to and including the article's date
    if not start:
        return f"undated ({entry.time_text})" if entry.time_text else "undated"
    if entry.precision == REPORT_DATE:
        return f"reported on {start[:10]}"  # the article's date, not the event's day
    cut = {"day": 10, "month": 7, "year": 4}.get(entry.precision or "")
    if cut and not entry.vague:
        text = start[:cut]
    elif end and end != start:
        text = f"{start}…{end}"
    else:
        text = start
    if entry.vague or entry.precision in (None, "vague", "week", "quarter"):
        if entry.time_text:
            text += f" ({entry.time_text})"
    return text


def history(entry: TimelineEntry) -> str:
    """How the reported status changed over the reports: "planned 12-02 → occurred 12-07"."""
    steps: list[str] = []
    last = None
    for rep in entry.reports:
        st = rep.get("status") or "?"
        if st != last:
            day = (rep.get("published") or "")[5:10]
            steps.append(f"{st} {day}".strip())
            last = st
    return " → ".join(steps) if len(steps) > 1 else ""


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def render_timeline(entries: list[TimelineEntry], out: TextIO, as_json: bool = False, hidden: int = 0,
                    doubtful: int = 0) -> None:
    """Write the timeline as an aligned table (or as a JSON list with ``as_json``); ``hidden``:
    how many events without participants were left out, ``doubtful``: how many below the event
    confidence asked for (both said below the table)."""
    if as_json:
        json.dump([{**asdict(e), "history": history(e)} for e in entries], out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    note = (f"{hidden} event(s) without participants not shown (--all shows them)\n" if hidden else "") + \
        (f"{doubtful} event(s) below the minimum event confidence not shown\n" if doubtful else "")
    if not entries:
        out.write("no events\n" + note)
        return
    header = ("WHEN", "STATUS", "CONF", "EVENT", "PARTICIPANTS", "WHERE", "REPORTS", "HISTORY")
    rows = [header]
    for e in entries:
        status = (e.status or "?") + (" *" if e.planned else "")
        rows.append((
            _clip(when(e), 48), status, "" if e.confidence is None else f"{e.confidence:.2f}",
            _clip(e.label or e.type or e.event_id, 60),
            _clip(", ".join(e.participants), 48), _clip(e.location or "", 24), str(len(e.reports)),
            history(e),
        ))
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    for row in rows:
        out.write("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() + "\n")
    if any(e.planned for e in entries):
        out.write("* planned/expected/possible: not (yet) reported as having happened\n")
    out.write(note)
