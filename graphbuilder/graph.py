"""Build stage: one document's :class:`Extraction` -> a :class:`GraphBatch` with deterministic ids.

Ids come from canonical keys, so a re-run gives identical ids:

* Article: the document id; Person/Organization/Location: the canonical entity key
  (``per:…``, ``org:…``, ``loc:…``); Date: ``YYYY-MM-DD`` / ``YYYY-MM`` / ``YYYY``.
* Event: ``evt:`` + a hash of its report's article id and document-local key
  (:func:`report_event_id`). Each event mention is one *report*; :mod:`graphbuilder.resolve`
  groups the reports of all articles into real-world events, and a group's id is the id of its
  first report (publication order), so the id depends only on the set of reports, never on the
  order, and later reports of an event do not rename it.

Evidence: ``REPORTED_IN`` keeps everything this article said about the event (sentence number
and text ``sentence_text``, trigger offsets, status, time, place, participants and their roles,
rank, links to the article's other events by local key): the store can recompute every event
from its reports.
Each report has a readable ``label`` in the article's language (:mod:`graphbuilder.labels`)
and the extractor's ``confidence``; each entity node the best ``confidence`` of its mentions.
``report_rank`` orders reports (latest article, then most specific time, then strongest
status, then article id) and the best one gives the event its status and time.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from graphbuilder.labels import LabelParticipant, Predicate, PredicateSource, event_label
from graphbuilder.timeprops import BEFORE_REPORT, REPORT_DATE, event_time, precision_of  # noqa: F401 (re-exported)
from graphbuilder.schema import EVENT_TYPES, REALIS, ROLE_RANK, STATUS_RANK, family, times_overlap
from graphbuilder.models import (
    EventMention,
    Extraction,
    GraphBatch,
    Node,
    Relationship,
    Sentence,
)

_LABELS = {"PER": "Person", "ORG": "Organization", "LOC": "Location"}
_PRECISION_RANK = {None: 0, BEFORE_REPORT: 1, REPORT_DATE: 1, "vague": 1, "year": 2, "quarter": 3, "month": 4, "week": 5, "day": 6}


def _hash(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def report_event_id(article_id: str, key: str) -> str:
    """Id of the event whose first report is the event mention ``key`` of ``article_id``."""
    return "evt:" + _hash(article_id, key)


def report_date(status: str, start: str | None, precision: str | None, vague: bool) -> str | None:
    """The Date node id a report puts its event ON_DATE (None: no date node)."""
    if not start or (status not in REALIS and vague):
        return None
    if status not in REALIS | {"planned", "expected", "possible", "cancelled"}:
        return None
    date_id, _, _ = date_nodes(start, precision)
    return date_id


def report_rank(published: dt.date | None, precision: str | None, status: str, article_id: str) -> str:
    """Sortable rank of one report: article date, then time precision, then status strength;
    the article id breaks ties, so the winner does not depend on ingestion order."""
    day = published.isoformat() if published else "0000-00-00"
    return f"{day}|{_PRECISION_RANK.get(precision, 0)}|{STATUS_RANK.get(status, 0)}|{article_id}"


def date_nodes(start: str, precision: str | None) -> tuple[str | None, list[Node], list[Relationship]]:
    """Date node ids for a start date at day/month/year precision, with PART_OF links (a
    report-date fallback links the article's day: the event is marked by its precision)."""
    if precision not in ("day", "month", "year", REPORT_DATE) or not start:
        return None, [], []
    chain = {"day": [start[:10], start[:7], start[:4]], REPORT_DATE: [start[:10], start[:7], start[:4]],
             "month": [start[:7], start[:4]],
             "year": [start[:4]]}[precision]
    precs = {10: "day", 7: "month", 4: "year"}
    nodes = [Node(label="Date", id=d, props={"id": d, "precision": precs[len(d)]}) for d in chain]
    rels = [Relationship(type="PART_OF", start=a, end=b, start_label="Date", end_label="Date")
            for a, b in zip(chain, chain[1:])]
    return chain[0], nodes, rels


def report_label(type_: str, status: str, participants: list[tuple[str, str, str]],
                 place: tuple[str, str] | None, language: str | None, predicate: PredicateSource = None,
                 content: PredicateSource = None, snippet: Callable[[], str | None] | None = None) -> str:
    """The readable label of one report (:func:`graphbuilder.labels.event_label`):
    ``participants`` as (key, display name, role) in the article's order, ``place`` as
    (key, display name), in the article's ``language``; ``predicate``: the event's
    :class:`~graphbuilder.labels.Predicate` or a callable giving it when the label needs it;
    ``content``: a statement's reported clause, the same way; ``snippet``: gives the trigger's
    clause in the article's words, for an event that names no participant."""
    return event_label(type_, status, [LabelParticipant(k, n, r) for k, n, r in participants],
                       LabelParticipant(*place) if place else None, language, predicate, content, snippet)


class _LazyPredicate:
    """Reads an event's predicate (:mod:`graphbuilder.extract.predicate`) on the first call
    only, and a statement's reported clause on the first call of :meth:`content`."""

    def __init__(self, reader: Any, ev: Any, keys: list[str]) -> None:
        self.reader, self.ev, self.keys = reader, ev, keys
        self.called = self.content_called = False
        self.value: Predicate | None = None
        self.content_value: Predicate | None = None

    def __call__(self) -> Predicate | None:
        if not self.called:
            self.called = True
            self.value = self.reader().read(self.ev.sentence, self.ev.trigger, self.keys, self.ev.status or "occurred")
        return self.value

    def content(self) -> Predicate | None:
        if not self.content_called:
            self.content_called = True
            self.content_value = self.reader().content(self.ev.sentence, self.ev.trigger, self.keys)
        return self.content_value

    def stored(self) -> Predicate | None:
        """The predicate to store: with the reported clause when one was read."""
        if self.value is None or self.content_value is None:
            return self.value
        return replace(self.value, content=self.content_value)


@functools.cache
def _german_country_names() -> dict[str, str]:
    """Country key -> its German name (``countries.tsv``, column ``de``)."""
    from graphbuilder.keys import GAZETTEER_DIR, read_rows

    return {row[0]: row[2] for row in read_rows(GAZETTEER_DIR / "countries.tsv") if len(row) > 2 and row[2]}


def label_names(ex: Extraction, names: dict[str, tuple[str, str]]) -> dict[str, str]:
    """The names a label uses, in the article's language: a person's display name; a place or
    organisation of a German article by its German name (a country's from the gazetteer, else
    the form the article uses most that the alias data knows for it, e.g. "Wien" for Vienna),
    else its display name."""
    out = {key: name for key, (_label, name) in names.items()}
    if not (ex.language or "").startswith("de"):
        return out
    from graphbuilder.keys import alias_data

    data = alias_data()
    german = _german_country_names()
    forms: dict[str, Counter[str]] = {}
    for m in ex.entities:
        if m.key in names and m.label != "PER" and not m.derived and m.text in data.aliases.get(m.key, ()):
            forms.setdefault(m.key, Counter())[m.text] += 1
    for key in out:
        if key in german:
            out[key] = german[key]
        elif key in forms:
            out[key] = min(forms[key].items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0]
    return out


#: evidence sentences longer than this are stored cut (with "…") on REPORTED_IN.sentence_text
MAX_SENTENCE_CHARS = 1000
ANY_SNIPPET = True  # an event whose named participants its clause does not quote is labelled by the clause, not "Event involving X"


def evidence_text(sentence: str) -> str:
    """The evidence sentence as stored on ``REPORTED_IN.sentence_text`` (whitespace runs
    kept, so the trigger offsets still point into it; cut at :data:`MAX_SENTENCE_CHARS`)."""
    return sentence if len(sentence) <= MAX_SENTENCE_CHARS else sentence[: MAX_SENTENCE_CHARS - 1] + "…"


def mention_evidence(ev: EventMention, sentences: list[Sentence]) -> dict[str, list[Any]]:
    """The report properties of an event's further mentions (none: no properties): for each,
    in text order, the trigger's offsets and words, its sentence's index and start offset and
    that sentence (as :func:`evidence_text` stores it; -1 and "" outside every sentence)."""
    mentions = sorted((m for m in ev.mentions if (m.start, m.end) != (ev.trigger.start, ev.trigger.end)),
                      key=lambda m: (m.start, m.end))
    if not mentions:
        return {}
    starts = [st.start for st in sentences]
    out: dict[str, list[Any]] = {"mention_starts": [], "mention_ends": [], "mention_triggers": [],
                                 "mention_sentences": [], "mention_sentence_starts": [],
                                 "mention_sentence_texts": []}
    for m in mentions:
        i = bisect.bisect_right(starts, m.start) - 1
        sent = sentences[i] if i >= 0 and sentences[i].start <= m.start < sentences[i].end else None
        out["mention_starts"].append(m.start)
        out["mention_ends"].append(m.end)
        out["mention_triggers"].append(m.text)
        out["mention_sentences"].append(sent.index if sent else -1)
        out["mention_sentence_starts"].append(sent.start if sent else -1)
        out["mention_sentence_texts"].append(evidence_text(sent.text) if sent else "")
    return out


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
    confidence: dict[str, float] = {}
    for m in ex.entities:
        if not m.key:
            continue
        confidence[m.key] = max(confidence.get(m.key, 0.0), float(m.confidence))
        if m.nested:
            continue  # a nested mention ("airline Lufthansa" around "Lufthansa") is counted once
        mention_counts[m.key] += 1
        names.setdefault(m.key, (m.label, m.name or m.text))
        if not m.derived:
            aliases.setdefault(m.key, set()).add(m.text)
    for key, (label, name) in names.items():
        props: dict[str, Any] = {"id": key, "name": name, "aliases": sorted(aliases.get(key, set()) | {name}),
                                 "confidence": round(confidence.get(key, 1.0), 4)}
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

    # events: one report per event mention
    local_ids: dict[str, str] = {}
    sentences = {s.index: s for s in ex.sentences}
    shown = label_names(ex, names) if ex.events else {}
    reader_cache: list[Any] = []

    def reader() -> Any:  # the article's predicate reader, made when a label first needs it
        if not reader_cache:
            from graphbuilder.extract.predicate import PredicateReader

            reader_cache.append(PredicateReader(
                doc.text, ex.language, ex.sentences,
                [(m.start, m.end, m.key) for m in ex.entities if m.key], [(t.start, t.end) for t in ex.times]))
        return reader_cache[0]
    for ev in ex.events:
        local_ids[ev.key] = report_event_id(doc.id, ev.key)
    for ev in ex.events:
        times = event_time(ev, published)
        eid = local_ids[ev.key]
        et = EVENT_TYPES.get(ev.type)
        roles: dict[str, str] = {}
        for p in ev.participants:
            if p.key in names:
                best = roles.get(p.key)
                roles[p.key] = p.role if best is None else max(best, p.role, key=lambda r: (ROLE_RANK.get(r, 0), r))
        location = ev.location if ev.location and ev.location in names else None
        lazy = _LazyPredicate(reader, ev, list(roles))
        label = report_label(ev.type, ev.status, [(k, shown[k], roles[k]) for k in roles],
                             (location, shown[location]) if location else None, ex.language, lazy, lazy.content,
                             lambda: reader().snippet(ev.sentence, ev.trigger, list(roles))
                             or (reader().snippet(ev.sentence, ev.trigger) if ANY_SNIPPET else None))
        stored = lazy.stored()
        predicate = stored.to_prop() if stored is not None else None
        rank = report_rank(published, times["precision"], ev.status, doc.id)
        props = {
            "id": eid, "type": ev.type, "family": family(ev.type), "cameo": et.cameo if et else None,
            "label": label, "predicate": predicate, "status": ev.status, "confidence": ev.confidence,
            "status_date": day, "location_id": location, "report_rank": rank,
            **{k: v for k, v in times.items() if k != "time_value"},
            "time_value": times["time_value"],
        }
        add_node(Node(label="Event", id=eid, props={k: v for k, v in props.items() if v is not None}))
        sent = sentences.get(ev.sentence)
        rep = {
            "key": ev.key, "sentence": ev.sentence, "start": ev.trigger.start, "end": ev.trigger.end,
            "trigger": ev.trigger.text, "status": ev.status, "time_text": times["time_text"],
            "time_value": times["time_value"], "published": day,
            "sentence_start": sent.start if sent else None, "sentence_end": sent.end if sent else None,
            "sentence_text": evidence_text(sent.text) if sent else None,
            # the event's further mentions in this article (coreferent triggers: "…, sagte X der
            # APA" after "…, erklärt X"): their offsets and sentences, the evidence of what they add
            **mention_evidence(ev, ex.sentences),
            # what the article said about the event, for resolution (graphbuilder.resolve)
            "type": ev.type, "family": family(ev.type), "cameo": et.cameo if et else None,
            "label": label, "predicate": predicate, "confidence": ev.confidence, "report_rank": rank,
            "time_start": times["start"], "time_end": times["end"], "precision": times["precision"],
            "vague": times["vague"], "location": location,
            "participants": sorted(roles) or None, "roles": [roles[k] for k in sorted(roles)] or None,
            "about": sorted({o for o in ev.about if o in local_ids and o != ev.key}) or None,
            "before": sorted({o for o in ev.before if o in local_ids and o != ev.key}) or None,
        }
        add_rel(Relationship(type="REPORTED_IN", start=eid, end=doc.id, start_label="Event",
                             end_label="Article", props={k: v for k, v in rep.items() if v is not None}))
        for key, role in roles.items():
            add_rel(Relationship(type="PARTICIPATED_IN", start=key, end=eid,
                                 start_label=_LABELS[names[key][0]], end_label="Event",  # type: ignore[arg-type]
                                 props={"role": role}))
        if location:
            add_rel(Relationship(type="LOCATED_IN", start=eid, end=location, start_label="Event",
                                 end_label="Location"))
        date_id = report_date(ev.status, times["start"], times["precision"], times["vague"])
        if date_id:
            _, dnodes, drels = date_nodes(times["start"], times["precision"])
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
                      relationships=sorted(rels.values(), key=lambda r: r.key),
                      replaced_articles=sorted(doc.meta.get("replaces") or []))


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
    return GraphBatch(nodes=list(nodes.values()), relationships=list(rels.values()),
                      replaced_articles=list(batch.replaced_articles))
