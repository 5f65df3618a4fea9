"""Timeline: order, entity filter, rendering."""

from __future__ import annotations

import io
import json

import pytest

from graphbuilder import timeline as tl
from graphbuilder.models import GraphBatch, Node, Relationship
from graphbuilder.store.sqlite_store import SQLiteStore
from graphbuilder.timeline import build_timeline, render_timeline


def rel(type_: str, start: Node, end: Node, **props) -> Relationship:
    return Relationship(type=type_, start=start.id, end=end.id, start_label=start.label,
                        end_label=end.label, props=props)


ANNA = Node(label="Person", id="per:anna-alpha", props={"name": "Anna Alpha", "aliases": ["Alpha"]})
BERT = Node(label="Person", id="per:bert-beta", props={"name": "Bert Beta", "aliases": ["Beta"]})
ORG = Node(label="Organization", id="org:acme", props={"name": "ACME", "aliases": ["Acme Corp"]})
CITY = Node(label="Location", id="loc:xtown", props={"name": "Xtown"})
A1 = Node(label="Article", id="art:1", props={"title": "One", "published": "2021-12-01"})
A2 = Node(label="Article", id="art:2", props={"title": "Two", "published": "2021-12-05"})


def event(id_: str, **props) -> Node:
    return Node(label="Event", id=id_, props={"type": "MEETING", "label": id_.upper(), **props})


def sample_batch() -> GraphBatch:
    meet = event("evt:meet", status="occurred", start="2021-12-02", end="2021-12-02",
                 precision="day")
    talks = event("evt:talks", status="planned", start="2022-01-01", end="2022-03-31",
                  precision="vague", vague=True, time_text="in naher Zukunft")
    month = event("evt:month", type="STATEMENT", status="occurred", start="2021-12",
                  precision="month")
    undated = event("evt:undated", status="possible", time_text="irgendwann")
    early = event("evt:early", type="ATTACK", status="occurred", start="2021-11-30",
                  precision="day")
    return GraphBatch(
        nodes=[ANNA, BERT, ORG, CITY, A1, A2, meet, talks, month, undated, early],
        relationships=[
            rel("PARTICIPATED_IN", ANNA, meet), rel("PARTICIPATED_IN", BERT, meet),
            rel("LOCATED_IN", meet, CITY),
            rel("REPORTED_IN", meet, A2, status="occurred", published="2021-12-05"),
            rel("REPORTED_IN", meet, A1, status="planned", published="2021-12-01"),
            rel("PARTICIPATED_IN", BERT, talks), rel("REPORTED_IN", talks, A2, status="planned"),
            rel("PARTICIPATED_IN", ORG, month),
            rel("PARTICIPATED_IN", ANNA, undated),
            rel("LOCATED_IN", early, CITY),
        ],
    )


@pytest.fixture
def store(tmp_path):
    with SQLiteStore(tmp_path / "t.db") as s:
        s.write(sample_batch())
        yield s


def ids(entries):
    return [e.event_id for e in entries]


def test_time_order_undated_last(store):
    entries = build_timeline(store, include_all=True)
    # "2021-12" sorts before "2021-12-02"; same order from the store and from a batch
    assert ids(entries) == ["evt:early", "evt:month", "evt:meet", "evt:talks", "evt:undated"]
    assert ids(build_timeline(sample_batch(), include_all=True)) == ids(entries)


def test_events_without_participants_are_hidden_unless_all(store):
    hidden: list[str] = []
    assert ids(build_timeline(store, hidden=hidden)) == ["evt:month", "evt:meet", "evt:talks", "evt:undated"]
    assert hidden == ["evt:early"]  # only a place: kept in the store, not shown by default
    out = io.StringIO()
    render_timeline(build_timeline(store), out, hidden=len(hidden))
    assert out.getvalue().splitlines()[-1] == "1 event(s) without participants not shown (--all shows them)"


def test_min_confidence_hides_doubtful_entities_and_events_left_without_any():
    batch = sample_batch()
    bert = next(n for n in batch.nodes if n.id == "per:bert-beta")
    bert.props["confidence"] = 0.4  # the recogniser was unsure
    anna = next(n for n in batch.nodes if n.id == "per:anna-alpha")
    anna.props["confidence"] = 0.9
    entries = {e.event_id: e for e in build_timeline(batch, min_confidence=0.5)}
    assert entries["evt:meet"].participants == ["Anna Alpha"]
    assert "evt:talks" not in entries  # Bert was its only participant
    assert "evt:talks" in {e.event_id for e in build_timeline(batch, min_confidence=0.3)}
    assert "evt:talks" in {e.event_id for e in build_timeline(batch, min_confidence=0.5, include_all=True)}


def test_min_event_confidence_hides_doubtful_events_also_with_all():
    batch = sample_batch()
    for node in batch.nodes:
        if node.id in ("evt:meet", "evt:early"):
            node.props["confidence"] = 0.2
        elif node.id == "evt:talks":
            node.props["confidence"] = 0.6
    doubtful: list[str] = []
    entries = build_timeline(batch, include_all=True, min_event_confidence=0.5, doubtful=doubtful)
    assert ids(entries) == ["evt:month", "evt:talks", "evt:undated"]  # no confidence: shown
    assert sorted(doubtful) == ["evt:early", "evt:meet"]
    assert "evt:meet" in ids(build_timeline(batch, min_event_confidence=0.2))  # not below
    out = io.StringIO()
    render_timeline(entries, out, doubtful=len(doubtful))
    assert out.getvalue().splitlines()[-1] == "2 event(s) below the minimum event confidence not shown"


def test_entry_contents(store):
    meet = next(e for e in build_timeline(store) if e.event_id == "evt:meet")
    assert meet.participants == ["Anna Alpha", "Bert Beta"]
    assert meet.location == "Xtown" and not meet.planned and meet.status == "occurred"
    assert [r["article"] for r in meet.reports] == ["art:1", "art:2"]  # by publication date
    assert [r["status"] for r in meet.reports] == ["planned", "occurred"]
    assert meet.reports[0]["title"] == "One"
    talks = next(e for e in build_timeline(store) if e.event_id == "evt:talks")
    assert talks.planned and talks.vague and talks.reports[0]["published"] == "2021-12-05"


@pytest.mark.parametrize("query, expected", [
    ("Anna Alpha", ["evt:meet", "evt:undated"]),
    ("anna alpha", ["evt:meet", "evt:undated"]),
    ("ALPHA", ["evt:meet", "evt:undated"]),  # alias
    ("per:bert-beta", ["evt:meet", "evt:talks"]),  # id
    ("acme corp", ["evt:month"]),
    ("Xtown", ["evt:meet"]),  # location via LOCATED_IN (evt:early has no participant: hidden)
    ("Bert", ["evt:meet", "evt:talks"]),  # word of a name, when nothing matches exactly
    ("Nobody", []),
    ("", []),
])
def test_entity_filter(store, query, expected):
    assert ids(build_timeline(store, entity=query)) == expected


def test_entity_key_used_when_available(store, monkeypatch):
    def fake_key(label: str, name: str) -> str:
        return "per:anna-alpha" if label == "PER" and name == "Anne Alfa" else "x:y"

    monkeypatch.setattr(tl, "_key_function", lambda: fake_key)
    assert ids(build_timeline(store, entity="Anne Alfa")) == ["evt:meet", "evt:undated"]
    monkeypatch.setattr(tl, "_key_function", lambda: None)
    assert ids(build_timeline(store, entity="Anne Alfa")) == []


def test_when_formats():
    e = tl.TimelineEntry("e", None, None, None, "2021-12-02", "2021-12-02", "day", "heute")
    assert tl.when(e) == "2021-12-02"
    e = tl.TimelineEntry("e", None, None, None, "2021-12-01", "2021-12-31", "month", "im Dezember")
    assert tl.when(e) == "2021-12"
    e = tl.TimelineEntry("e", None, None, None, "2022-01-01", "2022-03-31", "vague", "bald",
                         vague=True)
    assert tl.when(e) == "2022-01-01…2022-03-31 (bald)"
    e = tl.TimelineEntry("e", None, None, None, None, None, None, "irgendwann")
    assert tl.when(e) == "undated (irgendwann)"
    # dated only by its article: the report's day, not the event's
    e = tl.TimelineEntry("e", None, None, None, "2021-12-02", "2021-12-02", "report date", None)
    assert tl.when(e) == "reported on 2021-12-02"


def test_render_table(store):
    out = io.StringIO()
    entries = build_timeline(store)
    next(e for e in entries if e.event_id == "evt:meet").confidence = 0.734
    render_timeline(entries, out)
    lines = out.getvalue().splitlines()
    assert " 0.73 " in next(line for line in lines if "EVT:MEET" in line)  # the event's confidence, when it has one
    assert lines[0].split() == ["WHEN", "STATUS", "CONF", "EVENT", "PARTICIPANTS", "WHERE", "REPORTS", "HISTORY"]
    talks = next(line for line in lines if "EVT:TALKS" in line)
    assert "planned *" in talks and "(in naher Zukunft)" in talks
    meet = next(line for line in lines if "EVT:MEET" in line)
    assert "occurred" in meet and "*" not in meet and "Anna Alpha, Bert Beta" in meet
    assert "undated (irgendwann)" in out.getvalue()
    assert lines[-1].startswith("* planned")
    empty = io.StringIO()
    render_timeline([], empty)
    assert empty.getvalue() == "no events\n"


def test_render_json(store):
    out = io.StringIO()
    render_timeline(build_timeline(store, entity="Beta"), out, as_json=True)
    data = json.loads(out.getvalue())
    assert [d["event_id"] for d in data] == ["evt:meet", "evt:talks"]
    assert data[1]["planned"] is True and data[1]["time_text"] == "in naher Zukunft"
    assert set(data[0]) >= {"event_id", "type", "label", "status", "start", "end", "precision",
                            "time_text", "participants", "location", "planned", "reports"}


def test_history_shows_status_changes_across_reports():
    from graphbuilder.timeline import TimelineEntry, history

    reps = [{"article": "a", "published": "2021-12-02", "status": "planned"},
            {"article": "b", "published": "2021-12-03", "status": "planned"},
            {"article": "c", "published": "2021-12-07", "status": "occurred"}]
    entry = TimelineEntry(event_id="e", type="CALL", label="Call", status="occurred", start="2021-12-07",
                          end="2021-12-07", precision="day", time_text=None, participants=[], location=None,
                          planned=False, reports=reps)
    assert history(entry) == "planned 12-02 → occurred 12-07"
    entry.reports = reps[:2]
    assert history(entry) == ""  # no change, nothing to show


def test_before_report_date_shows_and_sorts_at_the_article_date():
    # an event told in the past without a time: "on or before <date>", ordered at that date, before
    # later dated events and not among the undated
    past = tl.TimelineEntry("e1", "MEETING", None, "occurred", None, "2021-12-02", "before report date", None)
    later = tl.TimelineEntry("e2", "MEETING", None, "occurred", "2021-12-05", "2021-12-05", "day", None)
    earlier = tl.TimelineEntry("e3", "MEETING", None, "occurred", "2021-11-30", "2021-11-30", "day", None)
    undated = tl.TimelineEntry("e4", "MEETING", None, "planned", None, None, None, None)
    assert tl.when(past) == "on or before 2021-12-02"
    assert [e.event_id for e in sorted([undated, later, past, earlier], key=tl._sort_key)] == ["e3", "e1", "e2", "e4"]
