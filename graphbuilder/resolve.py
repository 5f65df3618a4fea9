"""Cross-article resolution: the stored graph is a pure function of the SET of ingested articles
(and the analyst's decisions), whatever the order, however often an article is ingested.

* **Entities** keep the key their own article gave them (:mod:`graphbuilder.keys`, with the
  article's within-document coreference: a surname-only mention joins a full name only when that
  full name occurs in the same article). No rule joins a surname-only person to a full name
  across articles: ``graphbuilder review`` lists such likely duplicates with their evidence, and
  the analyst decides (``merge``/``split``). Analyst decisions (:mod:`graphbuilder.decisions`)
  map merged ids to their canonical id before anything else.
* **Events**: every event mention of an article is a *report*, stored as its ``REPORTED_IN``
  relationship with everything the article said (family, participants and roles, time, place,
  status, rank). Two reports *link* when they could be one real-world event
  (:func:`compatible`): same family, the same people (:func:`same_people`; the same
  participants when neither names a person), compatible times (:func:`same_event`: a vague
  future interval contains the realised date; two different exact days never match; undated
  reports only within :data:`UNDATED_WINDOW_DAYS` days; a statement told in the past without
  a time counts as made on its report day, an event told so ended by its report day), no contradicting places, different
  articles, no split decision. Reports are grouped in publication order
  (:func:`cluster_reports`: publication day, then article, then report id; each report joins the
  first-founded cluster all of whose members it links with, else founds one): the result
  depends on the set of reports only. An event's id is its first report's id
  (:func:`graphbuilder.graph.report_event_id`), so later reports of it do not rename it; its
  status, label and time come from its best-ranked report (latest article, most specific time,
  strongest status), its confidence is the highest of its reports', its participants, places and
  dates are the union of its reports'. On each ingest only what the article's reports can change
  is grouped again (:func:`read_region`: in publication order a new report moves only itself
  and the stored reports after it that it can reach; a stream of news in date order moves none),
  read from the store by index (events of a participant and family near in time); a re-ingest
  or an analyst's merge groups the whole linked component again (:func:`read_component`). The changed events replace their stored versions in the same
  transaction, with the BEFORE links their dates imply (:func:`date_links`).

:func:`plan_article` returns the :class:`~graphbuilder.store.base.WritePlan` of one article;
it only reads the store, through the :class:`~graphbuilder.store.base.StoreReader` of the
transaction the plan is then applied in.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from graphbuilder.decisions import Decisions
from graphbuilder.graph import date_nodes, compatible_times, report_date, report_event_id
from graphbuilder.schema import family as family_of
from graphbuilder.timeprops import BEFORE_REPORT, REPORT_DATE
from graphbuilder.models import GraphBatch, Node, Relationship
from graphbuilder.store.base import ROLE_RANK, StoreReader, Transaction, WritePlan, label_of_key

UNDATED_WINDOW_DAYS = 45
PER_OCCASION = family_of("STATEMENT")  # the family linked per occasion (:func:`_link_time`)
BEFORE_WINDOW_DAYS = 14
EVENT_RELS = frozenset({"REPORTED_IN", "PARTICIPATED_IN", "LOCATED_IN", "ON_DATE", "ABOUT", "BEFORE"})
# the event props a cluster takes from its best report (REPORTED_IN prop -> Event prop)
_FROM_BEST = (("type", "type"), ("family", "family"), ("cameo", "cameo"), ("label", "label"),
              ("predicate", "predicate"), ("status", "status"), ("confidence", "confidence"), ("report_rank", "report_rank"),
              ("published", "status_date"), ("time_start", "start"), ("time_end", "end"),
              ("precision", "precision"), ("time_text", "time_text"), ("time_value", "time_value"),
              ("vague", "vague"))


def surname_of(person_id: str) -> str:
    return person_id.removeprefix("per:").rsplit("-", 1)[-1]


def is_surname_only(node: Node) -> bool:
    return "-" not in node.id.removeprefix("per:") and len(str(node.props.get("name", "")).split()) <= 1


def surname_map(person_ids: list[str] | set[str]) -> dict[str, str]:
    """Surname-only person ids -> the one full-name id with that surname (ambiguous: none).

    Not used by ingestion (a surname joins a full name only with evidence from its own
    article); the MEANTIME cross-document evaluation applies it to one finished set of ids."""
    ids = {i for i in person_ids if i.startswith("per:")}
    full: dict[str, list[str]] = {}
    for i in ids:
        if "-" in i.removeprefix("per:"):
            full.setdefault(surname_of(i), []).append(i)
    return {i: full[surname_of(i)][0] for i in sorted(ids)
            if "-" not in i.removeprefix("per:") and len(full.get(surname_of(i), [])) == 1}


# -- reports ---------------------------------------------------------------------------------------

_ID_CACHE: dict[tuple[str, str], str] = {}
_ID_CACHE_MAX = 200_000


def _report_id(article: str, key: str) -> str:
    """:func:`~graphbuilder.graph.report_event_id`, remembered (stored reports are read again
    whenever their component is resolved; the cache is bounded)."""
    ck = (article, key)
    found = _ID_CACHE.get(ck)
    if found is None:
        if len(_ID_CACHE) >= _ID_CACHE_MAX:
            _ID_CACHE.clear()
        found = _ID_CACHE[ck] = report_event_id(article, key)
    return found


@functools.lru_cache(maxsize=4096)
def _report_dates(status: str, start: Any, precision: Any, vague: bool
                  ) -> tuple[str | None, tuple[Node, ...], tuple[Relationship, ...]]:
    """The Date node a report's event goes ON_DATE (None: none), with the Date nodes and
    PART_OF links of its chain (:func:`~graphbuilder.graph.report_date`, remembered: a pure
    function of these four values)."""
    date_id = report_date(status, start, precision, vague)
    if not date_id:
        return None, (), ()
    _, dnodes, drels = date_nodes(start, precision)
    return date_id, tuple(dnodes), tuple(drels)


class _once:
    """A property computed on first use and kept in the instance (``functools.cached_property``
    without its lock: resolution reads thousands of reports per batch, each used once or twice)."""

    def __init__(self, fn: Any) -> None:
        self.fn = fn
        self.name = fn.__name__
        self.__doc__ = fn.__doc__

    def __get__(self, obj: Any, owner: Any = None) -> Any:
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.fn(obj)
        return value


@dataclass(frozen=True)
class Report:
    """One article's account of one event (the props of its ``REPORTED_IN``). Its props are
    never changed after it is made, so what is derived from them is computed once."""

    article: str
    props: dict[str, Any] = field(hash=False, compare=False)

    @property
    def key(self) -> str:
        return str(self.props["key"])

    @_once
    def id(self) -> str:
        """The id of the event this report would be alone (and is when it ranks best)."""
        return _report_id(self.article, self.key)

    @_once
    def rank(self) -> tuple[str, str]:
        """Best first when sorted descending: the report whose status and time its event takes."""
        return (str(self.props.get("report_rank", "")), self.id)

    @_once
    def order(self) -> tuple[str, str, str]:
        """The order reports are grouped in (:func:`cluster_reports`): publication day, then
        article, then report id; an event's first report in this order gives it its id."""
        return (str(self.props.get("published") or ""), self.article, self.id)

    @_once
    def family(self) -> str:
        return str(self.props.get("family", ""))

    @_once
    def participants(self) -> list[str]:
        return list(self.props.get("participants") or [])

    @_once
    def people(self) -> list[str]:
        return [k for k in self.participants if k.startswith("per:")]

    @_once
    def _keyset(self) -> tuple[str, list[str], frozenset[str]]:
        people = self.people
        keys = people if people else self.participants
        return ("people" if people else "actors", keys, frozenset(keys))

    def keyset(self) -> tuple[str, list[str]]:
        """("people", …) when the report names a person, else ("actors", …)."""
        return self._keyset[0], self._keyset[1]

    @_once
    def _times(self) -> dict[str, Any]:
        return {"start": self.props.get("time_start"), "end": self.props.get("time_end"),
                "status_date": self.props.get("published"), "location_id": self.props.get("location"),
                "precision": self.props.get("precision"), "family": self.family}

    def times(self) -> dict[str, Any]:
        return dict(self._times)


class StaleStoreError(ValueError):
    """The store holds reports without the data resolution needs (an older graphbuilder)."""


def report_from_rel(rel: Relationship) -> Report:
    """The report a ``REPORTED_IN`` relationship holds."""
    if "key" not in rel.props or "family" not in rel.props:
        raise StaleStoreError(
            f"the report of event {rel.start!r} in article {rel.end!r} has no report data (written by "
            "an older graphbuilder): ingest the articles again into a fresh store")
    return Report(article=rel.end, props=dict(rel.props))


def _canonical_report(report: Report, decisions: Decisions) -> Report:
    """The report with the analyst's merged entity ids mapped to their canonical ids."""
    parts = report.participants
    loc = report.props.get("location")
    if not decisions.merges or not (any(p in decisions.merges for p in parts) or loc in decisions.merges):
        return report
    roles = list(report.props.get("roles") or ["participant"] * len(parts))
    merged: dict[str, str] = {}
    for key, role in zip(parts, roles):
        key = decisions.canonical(key)
        best = merged.get(key)
        merged[key] = role if best is None else max(best, role, key=lambda r: (ROLE_RANK.get(r, 0), r))
    props = {**report.props, "participants": sorted(merged) or None,
             "roles": [merged[k] for k in sorted(merged)] or None}
    if loc:
        props["location"] = decisions.canonical(loc)
    return Report(article=report.article, props=props)


# -- the link rule ---------------------------------------------------------------------------------


def _days_apart(a: Any, b: Any) -> int | None:
    try:
        return abs((dt.date.fromisoformat(str(a)[:10]) - dt.date.fromisoformat(str(b)[:10])).days)
    except (TypeError, ValueError):
        return None


def _link_time(t: dict[str, Any]) -> tuple[Any, Any]:
    """The (start, end) a report links by: its own, except that a statement told in the past
    without a time (precision "before report date": made on or before its report day) counts
    as made on its report day, as one reported in the present does (precision "report date"):
    a statement is one event per occasion, so the same speaker's statements in reports of
    different days stay apart unless a time of their own joins them."""
    if t.get("precision") == BEFORE_REPORT and t.get("family") == PER_OCCASION and t.get("status_date"):
        day = str(t["status_date"])[:10]
        return day, day
    return t.get("start"), t.get("end")


def _after_its_report(before: dict[str, Any], other: dict[str, Any]) -> bool:
    """``before`` is told in the past without a time (it ended by its report day, ``end``) and
    ``other`` has a time of its own that starts after that day: two events."""
    if before.get("precision") != BEFORE_REPORT or not before.get("end"):
        return False
    start = other.get("start")
    return bool(start) and other.get("precision") != REPORT_DATE and str(start)[:10] > str(before["end"])[:10]


def same_event(stored: dict[str, Any], new: dict[str, Any]) -> bool:
    """Time and place compatibility of two reports of one family and one set of people.

    Reports without a start (undated, or told in the past without a time: precision "before
    report date") link with reports published within :data:`UNDATED_WINDOW_DAYS` days, and then
    only when their link times fit (:func:`_link_time`: a statement counts as made on its report
    day) and an event told in the past by one report does not start after that report's day
    by the other's own time."""
    if stored.get("location_id") and new.get("location_id") and stored["location_id"] != new["location_id"]:
        return False
    if not stored.get("start") or not new.get("start"):
        days = _days_apart(stored.get("status_date"), new.get("status_date"))
        if days is None or days > UNDATED_WINDOW_DAYS:
            return False
        (a0, a1), (b0, b1) = _link_time(stored), _link_time(new)
        if a0 and b0:
            return compatible_times({"start": a0, "end": a1}, {"start": b0, "end": b1})
        return not _after_its_report(stored, new) and not _after_its_report(new, stored)
    return compatible_times(stored, new)


def same_people(a: list[str] | set[str], b: list[str] | set[str]) -> bool:
    """Two reports name the same people: equal sets, or at least two shared with at most one
    extra name on either side (a title misread as a person must not split an event). The
    relation is symmetric, so the result does not depend on the order of reports."""
    a, b = set(a), set(b)
    shared = len(a & b)
    if a == b:
        return bool(a)
    return shared >= 2 and len(a - b) <= 1 and len(b - a) <= 1


def compatible(a: Report, b: Report, decisions: Decisions) -> bool:
    """Two reports can be one real-world event (a symmetric relation)."""
    if a.article == b.article or a.family != b.family:
        return False  # an article's own events stay apart, as the extractor decided
    (kind_a, _, keys_a), (kind_b, _, keys_b) = a._keyset, b._keyset
    if kind_a != kind_b or not same_people(keys_a, keys_b):
        return False
    if decisions.splits and decisions.is_split(a.id, b.id):
        return False
    return same_event(a._times, b._times)


def cluster_reports(reports: Iterable[Report], decisions: Decisions) -> list[list[Report]]:
    """Group reports into events: in publication order (:attr:`Report.order`, earliest first),
    each report joins the first-founded cluster all of whose members it is :func:`compatible`
    with, else founds one. A function of the set of reports: their order in ``reports`` does not
    matter. Each cluster is in publication order (its first report founded it)."""
    clusters: list[list[Report]] = []
    for r in sorted(reports, key=lambda x: x.order):
        for c in clusters:
            if all(compatible(r, m, decisions) for m in c):
                c.append(r)
                break
        else:
            clusters.append([r])
    # an analyst's event merge: clusters whose ids map to one canonical id become one
    if decisions.merges:
        by_id: dict[str, list[Report]] = {}
        for c in clusters:
            target = decisions.canonical(c[0].id)
            by_id.setdefault(target if any(target == d[0].id for d in clusters) else c[0].id, []).extend(c)
        clusters = [sorted(c, key=lambda x: x.order) for c in by_id.values()]
    return clusters


# -- reading a component ---------------------------------------------------------------------------


def _candidate_events(report: Report, reader: StoreReader, cache: dict[tuple[Any, ...], list[tuple[str, str]]]) -> list[str]:
    """Stored events that may hold a report linked to ``report``: events with a stored report of
    its family, naming as many of its people (actors) as :func:`same_people` needs (one of one,
    else two), near it in time (:meth:`StoreReader.reports_near`: publication days within
    :data:`UNDATED_WINDOW_DAYS` when either is undated, else overlapping intervals). Found by
    index seeks: the cost does not grow with the participant's other reports."""
    _, keys = report.keyset()
    if not keys:
        return []
    need = min(2, len(keys))
    when = (report.props.get("published"), report.props.get("time_start"), report.props.get("time_end"))
    counts: dict[tuple[str, str], int] = {}
    for k in keys:
        ck = (k, report.family, *when)
        if ck not in cache:
            cache[ck] = reader.reports_near(k, report.family, *when, UNDATED_WINDOW_DAYS)
        for pair in cache[ck]:
            counts[pair] = counts.get(pair, 0) + 1
    return sorted({e for (e, _a), n in counts.items() if n >= need})


@dataclass
class Component:
    """Reports to cluster again (new ones and stored ones) and the stored events they had."""

    reports: dict[str, Report] = field(default_factory=dict)  # report id -> report
    old_events: set[str] = field(default_factory=set)


def read_component(seeds: list[Report], reader: StoreReader, decisions: Decisions,
                   replaced_articles: set[str], old_events: set[str] = frozenset()) -> Component:  # type: ignore[assignment]
    """The seeds with every stored report linked to them, transitively (a union of whole
    linked components, so clustering it gives what clustering all reports would give there).

    ``replaced_articles``: articles whose stored reports are being replaced (re-ingest): they
    are ignored; ``old_events``: stored events whose other reports must be clustered again."""
    comp = Component()
    loaded: set[str] = set()
    stored_by_event: dict[str, list[Report]] = {}
    cache: dict[tuple[Any, ...], list[tuple[str, str]]] = {}

    def load(event_ids: list[str]) -> None:
        todo = [e for e in event_ids if e not in loaded]
        if not todo:
            return
        loaded.update(todo)
        for rel in reader.reports_of_events(todo):
            rep = report_from_rel(rel)
            if rep.article not in replaced_articles:
                stored_by_event.setdefault(rel.start, []).append(_canonical_report(rep, decisions))

    frontier: list[Report] = []

    def add(rep: Report) -> None:
        if rep.id not in comp.reports:
            comp.reports[rep.id] = rep
            frontier.append(rep)

    for rep in seeds:
        add(rep)
    comp.old_events |= set(old_events)
    load(sorted(old_events))
    for e in sorted(old_events):
        for rep in stored_by_event.get(e, []):
            add(rep)
    while frontier:
        rep = frontier.pop()
        cands = [e for e in _candidate_events(rep, reader, cache) if e not in comp.old_events]
        load(cands)
        for e in cands:
            members = stored_by_event.get(e, [])
            if any(compatible(rep, m, decisions) for m in members):
                comp.old_events.add(e)
                for m in members:
                    add(m)
    return comp


# -- events from clusters --------------------------------------------------------------------------


def _rel(type_: str, start: str, end: str, start_label: str, end_label: str,
         props: dict[str, Any] | None = None) -> Relationship:
    # built without validation: the type and labels are this module's constants or come from
    # validated models, the props from a validated report
    return Relationship.model_construct(type=type_, start=start, end=end, start_label=start_label,
                                        end_label=end_label, props={k: v for k, v in (props or {}).items() if v is not None})


def event_of(cluster: list[Report]) -> tuple[Node, list[Relationship], list[Node]]:
    """The event node of a cluster (in publication order: its first report gives the id, its
    best-ranked report the status, label and time), its relationships and date nodes."""
    best = max(cluster, key=lambda r: r.rank)
    eid = cluster[0].id
    props: dict[str, Any] = {"id": eid}
    for src, dst in _FROM_BEST:
        if best.props.get(src) is not None:
            props[dst] = best.props[src]
    location = next((r.props["location"] for r in sorted(cluster, key=lambda r: r.rank, reverse=True)
                     if r.props.get("location")), None)  # the best-ranked report naming a place
    if location:
        props["location_id"] = location
    confs = [float(r.props["confidence"]) for r in cluster if isinstance(r.props.get("confidence"), (int, float))]
    if confs:  # the strongest report's confidence, whatever the order of the reports
        props["confidence"] = max(confs)
    statuses = {str(r.props.get("status", "")) for r in cluster}
    props["report_count"] = len(cluster)
    props["disputed"] = "occurred" in statuses and bool(statuses & {"denied", "cancelled"})
    rels: list[Relationship] = []
    roles: dict[str, str] = {}
    dates: dict[str, Node] = {}
    date_rels: dict[tuple[str, str], Relationship] = {}
    places: set[str] = set()
    for r in cluster:
        rels.append(_rel("REPORTED_IN", eid, r.article, "Event", "Article", r.props))
        for key, role in zip(r.participants, r.props.get("roles") or []):
            best_role = roles.get(key)
            roles[key] = role if best_role is None else max(best_role, role, key=lambda x: (ROLE_RANK.get(x, 0), x))
        if r.props.get("location"):
            places.add(r.props["location"])
        date_id, dnodes, drels = _report_dates(str(r.props.get("status", "")), r.props.get("time_start"),
                                               r.props.get("precision"), bool(r.props.get("vague")))
        if date_id:
            for n in dnodes:
                dates[n.id] = n
            for d in drels:
                date_rels[(d.start, d.end)] = d
            rels.append(_rel("ON_DATE", eid, date_id, "Event", "Date"))
    for key in sorted(roles):
        rels.append(_rel("PARTICIPATED_IN", key, eid, label_of_key(key), "Event", {"role": roles[key]}))
    for place in sorted(places):
        rels.append(_rel("LOCATED_IN", eid, place, "Event", "Location"))
    rels.extend(date_rels.values())
    return Node.model_construct(label="Event", id=eid, props=props), rels, list(dates.values())


def _day(props: dict[str, Any]) -> dt.date | None:
    if props.get("precision") != "day" or props.get("status") not in ("occurred", "ongoing"):
        return None
    try:
        return dt.date.fromisoformat(str(props.get("start"))[:10])
    except ValueError:
        return None


def date_links(events: list[Node], people: dict[str, list[str]], reader: StoreReader,
               removed: set[str]) -> list[Relationship]:
    """BEFORE links that dates give: between occurred/ongoing events dated to a day that share
    a person and lie at most :data:`BEFORE_WINDOW_DAYS` days apart (``source: dates``). A pure
    function of the final events: computed for the new ``events`` against the stored ones
    (minus ``removed``) and each other."""
    window = dt.timedelta(days=BEFORE_WINDOW_DAYS)
    new_by_person: dict[str, list[Node]] = {}
    for e in events:
        for p in people.get(e.id, []):
            new_by_person.setdefault(p, []).append(e)
    stored_cache: dict[tuple[str, str, str], list[Node]] = {}
    out: dict[tuple[str, str], Relationship] = {}
    for e in events:
        mine = _day(e.props)
        if mine is None:
            continue
        first, last = (mine - window).isoformat(), (mine + window).isoformat()
        for p in people.get(e.id, []):
            ck = (p, first, last)
            if ck not in stored_cache:
                stored_cache[ck] = [o for o in reader.dated_events_of(p, first, last) if o.id not in removed]
            for other in stored_cache[ck] + new_by_person.get(p, []):
                theirs = _day(other.props)
                if theirs is None or other.id == e.id or theirs == mine or abs((theirs - mine).days) > BEFORE_WINDOW_DAYS:
                    continue
                a, b = (other.id, e.id) if theirs < mine else (e.id, other.id)
                out[(a, b)] = _rel("BEFORE", a, b, "Event", "Event", {"source": "dates"})
    return [out[k] for k in sorted(out)]


# (article, event id it is stored in, report key, its "about" keys, its "before" keys)
LinkRow = tuple[str, str, str, Any, Any]


def _link_rows(reader: StoreReader, article_ids: list[str]) -> list[LinkRow]:
    """What :func:`_article_links` needs of the stored reports of these articles: a store that
    can answer it without reading whole reports does (``report_links_of_articles``)."""
    light = getattr(reader, "report_links_of_articles", None)
    if light is not None:
        return light(article_ids)
    out: list[LinkRow] = []
    for rel in reader.reports_of_articles(article_ids):
        rep = report_from_rel(rel)
        out.append((rep.article, rel.start, rep.key, rep.props.get("about"), rep.props.get("before")))
    return out


def _article_links(articles: set[str], reports_by_article: dict[str, dict[str, tuple[str, Any, Any]]],
                   event_of_report: dict[str, str], changed: set[str]) -> list[Relationship]:
    """ABOUT/BEFORE links the extractor found between events of one article, for every link
    with an end among the ``changed`` (recomputed) reports. ``reports_by_article``: article ->
    report key -> (report id, "about" keys, "before" keys)."""
    out: dict[tuple[str, str, str], Relationship] = {}
    for art in sorted(articles):
        reps = reports_by_article.get(art, {})
        for rid, about, before in reps.values():
            for kind, keys in (("about", about), ("before", before)):
                for other_key in keys or []:
                    other = reps.get(other_key)
                    if other is None or (rid not in changed and other[0] not in changed):
                        continue
                    a, b = event_of_report.get(rid), event_of_report.get(other[0])
                    if a and b and a != b:
                        out[(kind.upper(), a, b)] = _rel(kind.upper(), a, b, "Event", "Event")
    return [out[k] for k in sorted(out)]


# -- the plan of one article -----------------------------------------------------------------------


def read_region(seeds: list[Report], reader: StoreReader, decisions: Decisions
                ) -> tuple[list[list[Report]], set[str]]:
    """The clusters that new reports change, found without reading their whole linked
    component: returns (the changed clusters as :func:`cluster_reports` of all reports would
    give them, the stored events they replace).

    :func:`cluster_reports` places reports in publication order, so adding reports leaves every
    report before the first of them (the *pivot*) where it was, and each stored cluster's
    reports before the pivot (its *prefix*) stay together. Only the new reports and the stored
    reports after the pivot that they can affect (the *moving* ones) are placed again, against
    the prefixes of the clusters they can reach. A stored report after the pivot moves when it
    links with a moving report (R1), is in a cluster that holds a report linked with a moving one
    (a cluster a moving report may join: R2), or links with the first report of a cluster that
    held a moving report (it may join that cluster once the moving report has left it: R3).
    Nothing else can change: a report's place depends only on the clusters holding reports it
    links with. In a stream of news in publication order nothing after the pivot is stored, and
    the work is the new reports' own neighbourhood, however long the chain of linked reports
    behind them (tests/test_resolve.py checks the result against clustering whole components)."""
    pivot = min(r.order for r in seeds)
    members: dict[str, list[Report]] = {}  # stored event -> its reports
    stored_event: dict[str, str] = {}  # stored report id -> its event
    cache: dict[tuple[Any, ...], list[tuple[str, str]]] = {}

    def load(event_ids: list[str]) -> None:
        todo = [e for e in event_ids if e not in members]
        if not todo:
            return
        for e in todo:
            members[e] = []
        for rel in reader.reports_of_events(todo):
            rep = _canonical_report(report_from_rel(rel), decisions)
            members[rel.start].append(rep)
            stored_event[rep.id] = rel.start

    moving: dict[str, Report] = {}
    frontier: list[Report] = []
    targets: set[str] = set()  # stored events a moving report links into
    founders_done: set[str] = set()

    def move(rep: Report) -> None:
        if rep.id not in moving:
            moving[rep.id] = rep
            frontier.append(rep)

    for rep in seeds:
        move(rep)
    while frontier:
        x = frontier.pop()
        if x.id in stored_event:  # R3: the first report of the cluster it leaves
            old = stored_event[x.id]
            prefix = [m for m in members[old] if m.order < pivot]
            if prefix:
                first = min(prefix, key=lambda m: m.order)
                if first.id not in founders_done:
                    founders_done.add(first.id)
                    near = _candidate_events(first, reader, cache)
                    load(near)
                    for e in near:
                        for m in members[e]:
                            if m.order > pivot and m.id not in moving and compatible(first, m, decisions):
                                move(m)
        near = _candidate_events(x, reader, cache)
        load(near)
        for e in near:
            if e in targets or not any(compatible(x, m, decisions) for m in members[e]):
                continue
            targets.add(e)  # R1, R2: a cluster x may join, and its later reports
            for m in members[e]:
                if m.order > pivot:
                    move(m)
    touched = {stored_event[r] for r in moving if r in stored_event}
    live: list[tuple[list[Report], str]] = []  # the prefixes of the clusters moving reports can reach
    for e in sorted(targets | touched):
        prefix = sorted((m for m in members[e] if m.order < pivot), key=lambda m: m.order)
        if prefix:
            live.append((prefix, e))
    live.sort(key=lambda pe: pe[0][0].order)  # in the order they were founded
    clusters = [prefix for prefix, _e in live]
    gained: set[int] = set()
    for x in sorted(moving.values(), key=lambda r: r.order):
        for i, c in enumerate(clusters):
            if all(compatible(x, m, decisions) for m in c):
                c.append(x)
                gained.add(i)
                break
        else:
            clusters.append([x])
    removed = set(touched)
    out = clusters[len(live):]  # founded by moving reports
    for i, (_prefix, e) in enumerate(live):
        if i in gained or e in touched:
            out.append(clusters[i])
            removed.add(e)
    return out, removed


def plan_events(new_reports: list[Report], reader: StoreReader, decisions: Decisions,
                replaced_articles: set[str], old_events: set[str] = frozenset()  # type: ignore[assignment]
                ) -> tuple[list[Node], list[Relationship], set[str]]:
    """Cluster the reports of ``new_reports``' neighbourhood again; returns (event and date
    nodes, their relationships, stored event ids to remove). New reports of articles not stored
    before are placed by :func:`read_region`; a re-ingest or stored events to regroup
    (``old_events``: the stored events of the articles, or of a renamed entity) or an
    analyst's event merge cluster the whole linked component again (:func:`read_component`)."""
    if new_reports and not old_events and not decisions.merges:
        clusters, removed = read_region(new_reports, reader, decisions)
    else:
        comp = read_component(new_reports, reader, decisions, replaced_articles, old_events)
        clusters, removed = cluster_reports(comp.reports.values(), decisions), comp.old_events
    nodes: dict[str, Node] = {}
    rels: list[Relationship] = []
    event_of_report: dict[str, str] = {}
    people: dict[str, list[str]] = {}
    events: list[Node] = []
    changed: set[str] = set()
    for cluster in sorted(clusters, key=lambda c: c[0].id):
        event, erels, dates = event_of(cluster)
        events.append(event)
        nodes[event.id] = event
        for d in dates:
            nodes.setdefault(d.id, d)
        rels.extend(erels)
        people[event.id] = sorted({k for r in cluster for k in r.people})
        for r in cluster:
            event_of_report[r.id] = event.id
            changed.add(r.id)
    # extractor links of the articles involved: both ends' current events
    articles = {r.article for c in clusters for r in c}
    by_article: dict[str, dict[str, tuple[str, Any, Any]]] = {}
    for rep in new_reports:
        by_article.setdefault(rep.article, {})[rep.key] = (rep.id, rep.props.get("about"), rep.props.get("before"))
    stored_articles = sorted(articles - set(by_article))
    for article, event, key, about, before in _link_rows(reader, stored_articles) if stored_articles else []:
        if key is None:
            raise StaleStoreError(
                f"the report of event {event!r} in article {article!r} has no report data (written by "
                "an older graphbuilder): ingest the articles again into a fresh store")
        rid = _report_id(article, str(key))
        by_article.setdefault(article, {})[str(key)] = (rid, about, before)
        event_of_report.setdefault(rid, event)
    rels.extend(_article_links(articles, by_article, event_of_report, changed))
    rels.extend(date_links(events, people, reader, removed))
    return list(nodes.values()), rels, removed


def plan_article(batch: GraphBatch, reader: StoreReader, decisions: Decisions | None = None) -> WritePlan:
    """The write plan of one built article (or several): its entities and articles as built
    (after the analyst's merges), its events resolved with the stored reports."""
    decisions = decisions or Decisions()
    batch = decisions.apply(batch)
    rest_nodes = [n for n in batch.nodes if n.label != "Event"]
    rest_rels = [r for r in batch.relationships if r.type not in EVENT_RELS
                 and r.start_label != "Event" and r.end_label != "Event"]
    reports = [_canonical_report(report_from_rel(r), decisions) for r in batch.relationships
               if r.type == "REPORTED_IN"]
    articles = sorted({n.id for n in batch.nodes if n.label == "Article"} | {r.article for r in reports}
                      | set(batch.replaced_articles))
    old_events: set[str] = set()
    replaced: set[str] = set()
    if articles:
        for rel in reader.reports_of_articles(articles):
            old_events.add(rel.start)
        replaced = set(articles)
    nodes, rels, remove = plan_events(reports, reader, decisions, replaced, old_events)
    seen = {n.id for n in rest_nodes}
    return WritePlan(batch=GraphBatch(nodes=rest_nodes + [n for n in nodes if n.id not in seen],
                                      relationships=rest_rels + rels),
                     remove_events=sorted(remove), complete=True,
                     remove_articles=sorted(set(batch.replaced_articles) - {n.id for n in rest_nodes}))


def apply_articles(tx: Transaction, batches: Iterable[GraphBatch], decisions: Decisions | None = None) -> list[WritePlan]:
    """Resolve and apply several built articles one after the other inside one running
    transaction (each plan reads what the previous ones wrote): a batch of articles per
    transaction gives the graph that one transaction per article gives."""
    plans = []
    for batch in batches:
        plan = plan_article(batch, tx, decisions)
        tx.apply(plan)
        plans.append(plan)
    return plans


def plan_rename(reader: StoreReader, old: str, new: str, decisions: Decisions | None = None) -> WritePlan:
    """After the stored entity ``old`` was merged into ``new`` (its reports re-keyed): the
    events of ``new`` clustered again (they may now be one event with another report)."""
    decisions = decisions or Decisions()
    node = reader.get_node(new)
    if node is None or node.label not in ("Person", "Organization", "Location"):
        return WritePlan()
    events = set(reader.events_of(new))
    if not events:
        return WritePlan()
    nodes, rels, remove = plan_events([], reader, decisions, set(), events)
    return WritePlan(batch=GraphBatch(nodes=nodes, relationships=rels), remove_events=sorted(remove), complete=True)


__all__ = ["Report", "StaleStoreError", "apply_articles", "cluster_reports", "compatible", "date_links", "plan_article", "plan_rename",
           "same_event", "same_people", "surname_map", "UNDATED_WINDOW_DAYS", "BEFORE_WINDOW_DAYS"]
