"""`graphbuilder view`: the store's events as one self-contained HTML timeline.

Two steps, both deterministic:

* :func:`build_view` — a pure function from graph contents (a :class:`GraphBatch`, or any store
  with ``nodes(label)``/``relationships(type)``) to a JSON-able *view model*: events with their
  interval and precision, status, participants with roles, place, every report (article, date,
  status, evidence sentence with the trigger's offsets) and the status history; lanes per main
  participant and per event type; the entities and articles they refer to.
* :func:`render_html` — the model inlined into ``data/view/template.html`` with its CSS and JS
  (no network access when opened).

The evidence sentence is the ``sentence_text`` of a ``REPORTED_IN`` relationship when the store
keeps it; otherwise it is cut from the article texts given as ``texts`` (see
:func:`texts_from_sources`, which re-reads the ingested files and checks their content hash).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources
from typing import Any

from graphbuilder.labels import LabelParticipant, Predicate, event_label, type_name
from graphbuilder.models import GraphBatch, Node, Relationship
from graphbuilder.schema import ENTITY_LABELS, ROLE_RANK, STATUSES

VIEW_RELS = ("PARTICIPATED_IN", "LOCATED_IN", "REPORTED_IN")
OTHER_LANE = "_other"
NONE_LANE = "_none"
MAX_LANES = 12

class ViewError(ValueError):
    """Bad view input (an unknown entity, an empty window …), with a message naming it."""


def readable_label(type_: str | None, participants: Sequence[tuple[str, str, str]],
                   place: tuple[str, str] | None, lang: str = "en", status: str | None = None,
                   predicate: Predicate | None = None) -> str:
    """The event's readable label in ``lang`` (:func:`graphbuilder.labels.event_label`):
    ``participants`` as (key, name, role), strongest role first; ``place`` as (key, name);
    ``predicate``: the event's predicate (``Event.predicate``), used in its own language only."""
    return event_label(type_, status, [LabelParticipant(k, n, r) for k, n, r in participants],
                       LabelParticipant(*place) if place else None, lang, predicate)


def _day(value: Any) -> str | None:
    """The ISO day of a date-like value, or None when it is no full date."""
    if value is None:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    text = str(value)[:10]
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        return None


def load_graph(store: Any) -> GraphBatch:
    """What the view reads of a store: entities, events, articles and three relationship types.

    ``store`` is a :class:`GraphBatch` or a store with ``nodes(label)``/``relationships(type)``
    (the SQLite store and the Neo4j sink both have them)."""
    if isinstance(store, GraphBatch):
        return store
    nodes: list[Node] = []
    for label in (*ENTITY_LABELS, "Event", "Article"):
        nodes.extend(store.nodes(label))
    rels: list[Relationship] = []
    for rtype in VIEW_RELS:
        rels.extend(store.relationships(rtype))
    return GraphBatch(nodes=nodes, relationships=rels)


def texts_from_sources(paths: Sequence[str], articles: Mapping[str, Mapping[str, Any]] | None = None
                       ) -> tuple[dict[str, str], list[str]]:
    """Article texts re-read from the ingested files: ({article id: text}, notices).

    With ``articles`` (id -> Article props), a text whose content hash differs from the stored
    one is left out (the file changed since it was ingested) and named in the notices."""
    from graphbuilder.core import read_documents

    docs, failures, notices = read_documents(list(paths))
    texts: dict[str, str] = {}
    notes = [*notices, *failures]
    for doc in docs:
        stored = (articles or {}).get(doc.id)
        if articles is not None and stored is None:
            continue
        want = (stored or {}).get("content_hash")
        have = doc.meta.get("content_hash")
        if want and have and want != have:
            notes.append(f"{doc.path or doc.id}: changed since it was ingested; its sentences are not shown")
            continue
        texts[doc.id] = doc.text
    return texts, notes


def event_ids_from_rows(rows: Any) -> set[str]:
    """Every string id found in query result rows (values, ``id`` of node maps, lists)."""
    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, str):
            found.add(value)
        elif isinstance(value, Mapping):
            for v in value.values():
                walk(v)
        elif isinstance(value, (list, tuple)):
            for v in value:
                walk(v)

    walk(rows)
    return found


def _mention_evidence(props: Mapping[str, Any], shown: str | None) -> list[dict[str, Any]]:
    """The sentences of a report's further mentions (``mention_*``, see
    :func:`graphbuilder.graph.mention_evidence`) other than the one shown, each once, with its
    trigger's [start, end) inside it."""
    keys = ("mention_starts", "mention_ends", "mention_triggers", "mention_sentence_starts", "mention_sentence_texts")
    cols = [props.get(k) for k in keys]
    if not all(isinstance(c, list) for c in cols) or len({len(c) for c in cols}) != 1:  # type: ignore[arg-type]
        return []
    out: list[dict[str, Any]] = []
    seen = {shown}
    for t0, t1, trigger, s0, sentence in zip(*cols):  # type: ignore[call-overload]
        if not isinstance(sentence, str) or not sentence or sentence in seen:
            continue
        seen.add(sentence)
        found, hl = _evidence({"sentence_text": sentence, "sentence_start": s0, "start": t0, "end": t1,
                               "trigger": trigger}, None)
        out.append({"trigger": trigger, "sentence": found, "highlight": hl})
    return out


def _evidence(props: Mapping[str, Any], text: str | None) -> tuple[str | None, list[int] | None]:
    """The evidence sentence of one report and the trigger's [start, end) inside it."""
    sentence = props.get("sentence_text")
    if not isinstance(sentence, str) and isinstance(props.get("sentence"), str):
        sentence = props["sentence"]
    s0, s1 = props.get("sentence_start"), props.get("sentence_end")
    t0, t1 = props.get("start"), props.get("end")
    if not isinstance(sentence, str):
        if text is None or not isinstance(s0, int) or not isinstance(s1, int) or not 0 <= s0 < s1 <= len(text):
            return None, None
        sentence = text[s0:s1]
    trigger = props.get("trigger")
    if isinstance(s0, int) and isinstance(t0, int) and isinstance(t1, int) and s0 <= t0 < t1:
        a, b = t0 - s0, t1 - s0
        # the offsets hold when they point at the trigger (a stored sentence may be trimmed)
        if b <= len(sentence) and (not isinstance(trigger, str) or sentence[a:b] == trigger):
            return sentence, [a, b]
    if isinstance(trigger, str) and trigger and trigger in sentence:
        a = sentence.index(trigger)
        return sentence, [a, a + len(trigger)]
    return sentence, None


def _history(reports: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Status changes over the reports in publication order: [{status, date}, …]."""
    steps: list[dict[str, Any]] = []
    for rep in reports:
        status = rep.get("status")
        if status and (not steps or steps[-1]["status"] != status):
            steps.append({"status": status, "date": rep.get("published")})
    return steps


def _interval(p: Mapping[str, Any]) -> tuple[str | None, str | None]:
    start, end = _day(p.get("start")), _day(p.get("end"))
    if start is None:
        start = end
    if start is None:
        return None, None
    if end is None or end < start:
        end = start
    return start, end


def _title(values: Iterable[str]) -> str:
    return ", ".join(values)


def build_view(
    graph: Any,
    *,
    entity: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    only: Iterable[str] | None = None,
    texts: Mapping[str, str] | None = None,
    max_lanes: int = MAX_LANES,
    lang: str = "en",
    title: str | None = None,
    query: str | None = None,
    min_confidence: float | None = None,
) -> dict[str, Any]:
    """The view model of ``graph`` (a GraphBatch or a store), JSON-able and deterministic.

    ``entity``: only events with this participant or place (name, alias or id); ``start``/``end``:
    only dated events whose interval overlaps the window; ``only``: ids from a query result
    (event ids, or else entity ids whose events are shown); ``texts``: article texts by id
    for the evidence sentences; ``min_confidence``: people, organisations and places whose
    confidence (best mention) is lower are left out. Raises :class:`ViewError` when ``entity``
    matches nothing.
    """
    from graphbuilder.timeline import match_entities, shown_entity

    batch = load_graph(graph)
    if min_confidence is not None:
        keep = {n.id for n in batch.nodes if n.label not in ENTITY_LABELS or shown_entity(n, min_confidence)}
        batch = GraphBatch(nodes=[n for n in batch.nodes if n.id in keep],
                           relationships=[r for r in batch.relationships if r.start in keep and r.end in keep])
    by_id = {n.id: n for n in batch.nodes}
    entities = {n.id: n for n in batch.nodes if n.label in ENTITY_LABELS}
    articles = {n.id: n for n in batch.nodes if n.label == "Article"}
    participants: dict[str, dict[str, str]] = defaultdict(dict)
    places: dict[str, list[str]] = defaultdict(list)
    reports: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    for r in batch.relationships:
        if r.type == "PARTICIPATED_IN" and r.start in entities:
            participants[r.end][r.start] = str(r.props.get("role") or "participant")
        elif r.type == "LOCATED_IN" and r.start_label == "Event" and r.end in entities:
            places[r.start].append(r.end)
        elif r.type == "REPORTED_IN":
            reports[r.start].append((r.end, dict(r.props)))

    wanted: set[str] | None = None
    focus: list[str] = []
    if entity is not None:
        wanted = match_entities(entities.values(), entity)
        if not wanted:
            raise ViewError(f"no person, organization or place matches --entity {entity!r}")
        focus = sorted(wanted)
    only_events: set[str] | None = None
    if only is not None:
        ids = set(only)
        only_events = {i for i in ids if i in by_id and by_id[i].label == "Event"}
        if not only_events:
            hit = ids & set(entities)
            only_events = {e for e, ps in participants.items() if hit & set(ps)} | {
                e for e, pl in places.items() if hit & set(pl)}
    lo, hi = (start.isoformat() if start else None), (end.isoformat() if end else None)

    def name(eid: str) -> str:
        node = entities.get(eid)
        return str(node.props.get("name") or eid) if node else eid

    events: list[dict[str, Any]] = []
    for node in batch.nodes:
        if node.label != "Event":
            continue
        eid, p = node.id, node.props
        if only_events is not None and eid not in only_events:
            continue
        place_ids = sorted(set(places[eid]))
        loc = p.get("location_id")
        if not place_ids and isinstance(loc, str) and loc in entities:
            place_ids = [loc]
        if wanted is not None and not (wanted & (set(participants[eid]) | set(place_ids))):
            continue
        s, e = _interval(p)
        if lo or hi:
            if s is None or (hi and s > hi) or (lo and e is not None and e < lo):
                continue
        roles = sorted(participants[eid].items(),
                       key=lambda kv: (-ROLE_RANK.get(kv[1], 0), name(kv[0]).casefold(), kv[0]))
        reps = []
        for art_id, rp in reports[eid]:
            art = articles.get(art_id)
            ap = art.props if art else {}
            sentence, hl = _evidence(rp, (texts or {}).get(art_id))
            reps.append({
                "article": art_id,
                "published": _day(rp.get("published")) or _day(ap.get("published")),
                "status": rp.get("status"),
                "time_text": rp.get("time_text"),
                "trigger": rp.get("trigger"),
                "sentence": sentence,
                "highlight": hl,
                "also": _mention_evidence(rp, sentence),
            })
        reps.sort(key=lambda r: (r["published"] or "", r["article"], r["trigger"] or ""))
        parts = [(i, name(i), role) for i, role in roles]
        place = (place_ids[0], name(place_ids[0])) if place_ids else None
        status = p.get("status") or "occurred"
        predicate = Predicate.from_prop(p.get("predicate"))
        conf = p.get("confidence")
        events.append({
            "id": eid,
            "type": p.get("type") or "OTHER",
            "label": p.get("label"),
            "title": {lg: readable_label(p.get("type"), parts, place, lg, status, predicate) for lg in ("en", "de")},
            "status": status,
            "disputed": bool(p.get("disputed")),
            "confidence": round(float(conf), 3) if isinstance(conf, (int, float)) else None,
            "start": s,
            "end": e,
            "precision": (p.get("precision") or None) if s else None,
            "vague": bool(p.get("vague")),
            "time_text": p.get("time_text"),
            "participants": [{"id": i, "role": role} for i, role in roles],
            "place": place_ids[0] if place_ids else None,
            "reports": reps,
            "history": _history(reps),
        })
    events.sort(key=lambda ev: (ev["start"] is None, ev["start"] or "", ev["end"] or "", ev["id"]))

    lanes = _participant_lanes(events, focus, max_lanes)
    lane_ids = {ln["id"] for ln in lanes}
    for ev in events:
        ids = [p["id"] for p in ev["participants"]]
        ev["lanes"] = ([i for i in ids if i in lane_ids] or [OTHER_LANE]) if ids else [NONE_LANE]
    type_counts = Counter(ev["type"] for ev in events)
    type_lanes = [{"id": t, "name": {lg: type_name(t, lg) for lg in ("en", "de")}, "count": n}
                  for t, n in sorted(type_counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    used_entities = sorted({p["id"] for ev in events for p in ev["participants"]}
                           | {ev["place"] for ev in events if ev["place"]})
    used_articles = sorted({r["article"] for ev in events for r in ev["reports"]})
    dated = [ev for ev in events if ev["start"]]
    days = [d for ev in dated for d in (ev["start"], ev["end"])]
    days += [r["published"] for ev in dated if len(ev["reports"]) > 1 for r in ev["reports"] if r["published"]]
    scope = _scope(entity, focus, name, lo, hi, query)
    return {
        "version": 1,
        "lang": lang if lang in ("de", "en") else "en",
        "title": title or scope,
        "scope": scope,
        "domain": [min(days), max(days)] if days else None,
        "counts": {
            "events": len(events), "dated": len(dated), "undated": len(events) - len(dated),
            "without_participants": sum(1 for ev in events if not ev["participants"]),
            "with_evidence": sum(1 for ev in events if any(r["sentence"] for r in ev["reports"])),
        },
        "focus": focus,
        "lanes": {"participant": lanes, "type": type_lanes},
        "entities": {i: {"name": name(i), "kind": entities[i].label} for i in used_entities},
        "articles": {a: _article(articles.get(a)) for a in used_articles},
        "types": {t: {lg: type_name(t, lg) for lg in ("en", "de")} for t in sorted(type_counts)},
        "statuses": list(reversed(STATUSES)),  # firmest first: the order of the status filter
        "events": events,
    }


def _article(node: Node | None) -> dict[str, Any]:
    p = node.props if node else {}
    return {"title": p.get("title"), "published": _day(p.get("published")), "source": p.get("source"),
            "url": p.get("url"), "language": p.get("language")}


def _participant_lanes(events: list[dict[str, Any]], focus: list[str], max_lanes: int) -> list[dict[str, Any]]:
    """Main participants: the focus entity first, then those in most dated events (>= 2 events,
    >= 1 of them dated: undated events are shown in their own strip, not in lanes)."""
    counts = Counter(p["id"] for ev in events for p in ev["participants"])
    dated = Counter(p["id"] for ev in events if ev["start"] for p in ev["participants"])
    ranked = [i for i, n in sorted(counts.items(), key=lambda kv: (-dated[kv[0]], -kv[1], kv[0]))
              if n >= 2 and dated[i]]
    chosen = [i for i in focus if i in counts] + [i for i in ranked if i not in focus]
    chosen = chosen[:max(max_lanes, len([i for i in focus if i in counts]))]
    lanes = [{"id": i, "count": counts[i], "dated": dated[i]} for i in chosen]
    lane_set = set(chosen)
    other = sum(1 for ev in events if ev["participants"]
                and not lane_set & {p["id"] for p in ev["participants"]})
    none = sum(1 for ev in events if not ev["participants"])
    if other:
        lanes.append({"id": OTHER_LANE, "count": other})
    if none:
        lanes.append({"id": NONE_LANE, "count": none})
    return lanes


def _scope(entity: str | None, focus: list[str], name: Any, lo: str | None, hi: str | None,
           query: str | None) -> str:
    parts = []
    if entity is not None:
        parts.append(_title(sorted({name(i) for i in focus})) or entity)
    if query:
        parts.append(f"query {query}")
    if lo or hi:
        parts.append(f"{lo or '…'} – {hi or '…'}")
    return " · ".join(parts) or "all events"


def _template(name: str) -> str:
    return resources.files("graphbuilder").joinpath("data", "view", name).read_text(encoding="utf-8")


def _script_json(model: Mapping[str, Any]) -> str:
    """JSON safe inside a <script> element: every "<" escaped (no "</script>", no "<!--")."""
    text = json.dumps(model, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.replace("<", "\\u003c")


def render_html(model: Mapping[str, Any]) -> str:
    """One self-contained HTML page: template + CSS + JS + the model, all inline."""
    import html
    import re

    parts = {
        "lang": html.escape(str(model.get("lang") or "en")),
        "title": html.escape(str(model.get("title") or "graphbuilder")),
        "css": _template("view.css"),
        "data": _script_json(model),
        "js": _template("view.js"),
    }
    # one pass: a placeholder-like string inside the data or the scripts is left alone
    return re.sub(r"/\*\{\{(\w+)\}\}\*/|\{\{(\w+)\}\}",
                  lambda m: parts[m.group(1) or m.group(2)], _template("template.html"))
