"""Build stage: one document's :class:`Extraction` -> a :class:`GraphBatch` with deterministic ids.

Ids come from canonical keys, so a re-run gives identical ids:

* Article: the document id; Person/Organization/Location: the canonical entity key
  (``per:…``, ``org:…``, ``loc:…``); Date: ``YYYY-MM-DD`` / ``YYYY-MM`` / ``YYYY``.
* Event: ``evt:`` + a hash of (family, sorted participant keys, time anchor). The anchor is the
  normalised time value when it is definite (``2021-12-02``, ``2025-02``) and ``open`` for a
  vague or missing time, so the same talks reported by two articles share an id; two events
  of one article that would share an id are told apart by their article and key. Events without participants are local to their
  article (the article id joins the hash). :mod:`graphbuilder.resolve` then lets a new report join
  an event already in the store whose family and participants agree and whose time is
  compatible (a vague future interval contains the realised date).

Evidence: ``REPORTED_IN`` keeps what this article said (sentence, trigger offsets, status,
time text, article date); ``report_rank`` orders reports (latest article, then most specific
time, then strongest status) so the store keeps the best one's status and time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from typing import Any

from graphbuilder.schema import EVENT_TYPES, REALIS, STATUS_RANK, family, times_overlap
from graphbuilder.models import (
    EventMention,
    Extraction,
    GraphBatch,
    Node,
    Relationship,
    TimeExpr,
)

_LABELS = {"PER": "Person", "ORG": "Organization", "LOC": "Location"}
_PRECISION_RANK = {None: 0, "vague": 1, "year": 2, "quarter": 3, "month": 4, "week": 5, "day": 6}


def _hash(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def precision_of(t: TimeExpr) -> str | None:
    """Granularity of a time expression's value ("day", "month", "week", "year", "vague")."""
    v = t.value
    if t.vague or v.endswith("_REF"):
        return "vague"
    if len(v) >= 10 and v[4] == "-" and v[7] == "-" and v[:4].isdigit():
        return "day"
    if "-W" in v:
        return "week"
    if "-Q" in v or v[5:7] in ("SP", "SU", "FA", "WI", "H1", "H2"):
        return "quarter"
    if len(v) == 7 and v[:4].isdigit() and v[5:7].isdigit():
        return "month"
    if len(v) == 4 and v.isdigit():
        return "year"
    return None


def event_time(ev: EventMention, reference_date: dt.date | None) -> dict[str, Any]:
    """Normalised time props of an event mention (start, end, precision, time_text, vague)."""
    t = ev.time
    if t is not None:
        return {
            "start": t.earliest.isoformat() if t.earliest else None,
            "end": t.latest.isoformat() if t.latest else None,
            "precision": precision_of(t),
            "time_text": t.text,
            "time_value": t.value,
            "vague": t.vague,
        }
    if ev.time_source == "article" and reference_date is not None:
        d = reference_date.isoformat()
        return {"start": d, "end": d, "precision": "day", "time_text": None,
                "time_value": d, "vague": False}
    return {"start": None, "end": None, "precision": None, "time_text": None,
            "time_value": None, "vague": False}


def event_id(ev: EventMention, times: dict[str, Any], article_id: str) -> str:
    keys = sorted(p.key for p in ev.participants)
    fam = family(ev.type)
    if not keys:
        return "evt:" + _hash(fam, article_id, ev.key)
    # a definite time (any granularity) anchors the id; vague or missing time: "open"
    anchor = times["time_value"] if times["time_value"] and not times["vague"] and times["start"] else "open"
    return "evt:" + _hash(fam, *keys, anchor)


def report_rank(published: dt.date | None, precision: str | None, status: str, article_id: str) -> str:
    """Sortable rank of one report: article date, then time precision, then status strength;
    the article id breaks ties, so the winner does not depend on ingestion order."""
    day = published.isoformat() if published else "0000-00-00"
    return f"{day}|{_PRECISION_RANK.get(precision, 0)}|{STATUS_RANK.get(status, 0)}|{article_id}"


def _date_nodes(start: str, precision: str | None) -> tuple[str | None, list[Node], list[Relationship]]:
    """Date node ids for a start date at day/month/year precision, with PART_OF links."""
    if precision not in ("day", "month", "year") or not start:
        return None, [], []
    chain = {"day": [start[:10], start[:7], start[:4]],
             "month": [start[:7], start[:4]],
             "year": [start[:4]]}[precision]
    precs = {10: "day", 7: "month", 4: "year"}
    nodes = [Node(label="Date", id=d, props={"id": d, "precision": precs[len(d)]}) for d in chain]
    rels = [Relationship(type="PART_OF", start=a, end=b, start_label="Date", end_label="Date")
            for a, b in zip(chain, chain[1:])]
    return chain[0], nodes, rels


def build_graph(ex: Extraction) -> GraphBatch:
    """Turn one document's extraction into nodes and relationships."""
    doc = ex.document
    published = doc.published or ex.reference_date
    day = published.isoformat() if published else None
    nodes: dict[str, Node] = {}
    rels: dict[tuple[str, str, str], Relationship] = {}

    def add_node(node: Node) -> None:
        if node.id in nodes:
            old = nodes[node.id].props
            if "aliases" in node.props:
                node.props["aliases"] = sorted(set(old.get("aliases", [])) | set(node.props["aliases"]))
            nodes[node.id] = Node(label=node.label, id=node.id, props={**old, **node.props})
        else:
            nodes[node.id] = node

    def add_rel(rel: Relationship) -> None:
        rels[rel.key] = rel

    art_props = {
        "id": doc.id, "title": doc.title, "url": doc.url, "source": doc.source,
        "published": day, "language": ex.language,
        "content_hash": doc.meta.get("content_hash") or hashlib.sha256(doc.text.encode()).hexdigest(),
    }
    add_node(Node(label="Article", id=doc.id, props={k: v for k, v in art_props.items() if v is not None}))

    # entities
    mention_counts: Counter[str] = Counter()
    aliases: dict[str, set[str]] = {}
    names: dict[str, tuple[str, str]] = {}
    for m in ex.entities:
        if not m.key or m.nested:
            continue  # a nested mention ("airline Lufthansa" around "Lufthansa") is counted once
        mention_counts[m.key] += 1
        names.setdefault(m.key, (m.label, m.name or m.text))
        if not m.derived:
            aliases.setdefault(m.key, set()).add(m.text)
    for key, (label, name) in names.items():
        props: dict[str, Any] = {"id": key, "name": name, "aliases": sorted(aliases.get(key, set()) | {name})}
        if day:
            props["first_seen"] = day
            props["last_seen"] = day
        add_node(Node(label=_LABELS[label], id=key, props=props))  # type: ignore[arg-type]
        add_rel(Relationship(type="MENTIONED_IN", start=key, end=doc.id, start_label=_LABELS[label],
                             end_label="Article", props={"count": mention_counts[key]}))
    for r in ex.roles:
        if r.person in names and r.org in names:
            add_rel(Relationship(type="HOLDS_ROLE", start=r.person, end=r.org, start_label="Person",
                                 end_label=_LABELS[names[r.org][0]], props={"title": r.title}))  # type: ignore[arg-type]

    # events
    local_ids: dict[str, str] = {}
    sentences = {s.index: s for s in ex.sentences}
    for ev in ex.events:
        times = event_time(ev, published)
        eid = event_id(ev, times, doc.id)
        if eid in local_ids.values():
            # the extractor kept these apart (e.g. a February meeting and a planned call of the
            # same two people): so does the graph
            eid = "evt:" + _hash(eid, doc.id, ev.key)
        local_ids[ev.key] = eid
        et = EVENT_TYPES.get(ev.type)
        part_names = [names[p.key][1] for p in ev.participants if p.key in names]
        label = f"{ev.type.replace('_', ' ').title()}: {', '.join(part_names) or ev.trigger.text}"
        props = {
            "id": eid, "type": ev.type, "family": family(ev.type), "cameo": et.cameo if et else None,
            "label": label, "status": ev.status, "confidence": ev.confidence,
            "status_date": day, "location_id": ev.location,
            "people": sorted(p.key for p in ev.participants if p.key.startswith("per:")) or None,
            "actors": sorted(p.key for p in ev.participants) or None,
            "report_rank": report_rank(published, times["precision"], ev.status, doc.id),
            **{k: v for k, v in times.items() if k != "time_value"},
            "time_value": times["time_value"],
        }
        add_node(Node(label="Event", id=eid, props={k: v for k, v in props.items() if v is not None}))
        sent = sentences.get(ev.sentence)
        rep = {
            "sentence": ev.sentence, "start": ev.trigger.start, "end": ev.trigger.end,
            "trigger": ev.trigger.text, "status": ev.status, "time_text": times["time_text"],
            "time_value": times["time_value"], "published": day,
            "sentence_start": sent.start if sent else None, "sentence_end": sent.end if sent else None,
        }
        add_rel(Relationship(type="REPORTED_IN", start=eid, end=doc.id, start_label="Event",
                             end_label="Article", props={k: v for k, v in rep.items() if v is not None}))
        for p in ev.participants:
            if p.key in names:
                add_rel(Relationship(type="PARTICIPATED_IN", start=p.key, end=eid,
                                     start_label=_LABELS[names[p.key][0]], end_label="Event",  # type: ignore[arg-type]
                                     props={"role": p.role}))
        if ev.location and ev.location in names:
            add_rel(Relationship(type="LOCATED_IN", start=eid, end=ev.location, start_label="Event",
                                 end_label="Location"))
        if times["start"] and not (ev.status not in REALIS and times["vague"]):
            date_id, dnodes, drels = _date_nodes(times["start"], times["precision"])
            if date_id and ev.status in REALIS | {"planned", "expected", "possible", "cancelled"}:
                for n in dnodes:
                    add_node(n)
                for r in drels:
                    add_rel(r)
                add_rel(Relationship(type="ON_DATE", start=eid, end=date_id, start_label="Event",
                                     end_label="Date"))
    for ev in ex.events:
        for other in ev.about:
            if other in local_ids and local_ids[other] != local_ids[ev.key]:
                add_rel(Relationship(type="ABOUT", start=local_ids[ev.key], end=local_ids[other],
                                     start_label="Event", end_label="Event"))
        for other in ev.before:
            if other in local_ids and local_ids[other] != local_ids[ev.key]:
                add_rel(Relationship(type="BEFORE", start=local_ids[ev.key], end=local_ids[other],
                                     start_label="Event", end_label="Event"))
    return GraphBatch(nodes=sorted(nodes.values(), key=lambda n: (n.label, n.id)),
                      relationships=sorted(rels.values(), key=lambda r: r.key))


def _interval(props: dict[str, Any]) -> tuple[str | None, str | None]:
    return props.get("start"), props.get("end")


def compatible_times(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Two event reports' times are compatible when their intervals overlap (or one is open).

    Two different exact days are never the same event; a vague or undated report is
    compatible with any date inside its interval (or any date when it has none)."""
    (a0, a1), (b0, b1) = _interval(a), _interval(b)
    if not a0 or not b0:
        return True
    return times_overlap(a0, a1 or a0, b0, b1 or b0)


def rename_nodes(batch: GraphBatch, renames: dict[str, str]) -> GraphBatch:
    nodes: dict[str, Node] = {}
    for n in batch.nodes:
        nid = renames.get(n.id, n.id)
        props = {**n.props, "id": nid} if "id" in n.props else n.props
        nodes[nid] = Node(label=n.label, id=nid, props=props)
    rels: dict[tuple[str, str, str], Relationship] = {}
    for r in batch.relationships:
        nr = r.model_copy(update={"start": renames.get(r.start, r.start), "end": renames.get(r.end, r.end)})
        if nr.start == nr.end and nr.type in ("ABOUT", "BEFORE"):
            continue
        rels[nr.key] = nr
    return GraphBatch(nodes=list(nodes.values()), relationships=list(rels.values()))
