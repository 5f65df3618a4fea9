"""Build stage: Extraction -> GraphBatch (ids, dates, evidence, cross-article resolution)."""

from __future__ import annotations

import datetime as dt

from graphbuilder.graph import build_graph, compatible_times, precision_of
from graphbuilder.models import (
    Document, EntityMention, EventMention, Extraction, Node, Participant, RoleFact, Sentence, Span, TimeExpr,
)

TEXT = "Anna Lind traf Per Holm in Oslo. Ein Gipfel soll bald folgen."


def _ex(published: dt.date | None = dt.date(2024, 5, 6), status: str = "occurred",
        time: TimeExpr | None = None, doc_id: str = "doc1") -> Extraction:
    ents = [
        EntityMention(start=0, end=9, text="Anna Lind", label="PER", key="per:anna-lind", name="Anna Lind"),
        EntityMention(start=15, end=23, text="Per Holm", label="PER", key="per:per-holm", name="Per Holm"),
        EntityMention(start=27, end=31, text="Oslo", label="LOC", key="loc:oslo", name="Oslo"),
    ]
    ev = EventMention(key="e0", type="MEETING", status=status, trigger=Span(start=10, end=14, text="traf"),
                      sentence=0, participants=[Participant(key="per:anna-lind"), Participant(key="per:per-holm")],
                      time=time, time_source="clause" if time else "article", location="loc:oslo")
    st = EventMention(key="e1", type="STATEMENT", trigger=Span(start=10, end=14, text="traf"), sentence=0,
                      participants=[Participant(key="per:anna-lind", role="speaker")], time_source="article",
                      about=["e0"])
    return Extraction(
        document=Document(id=doc_id, text=TEXT, published=published, title="T"), language="de",
        reference_date=published, sentences=[Sentence(start=0, end=32, text=TEXT[:32], index=0)],
        entities=ents, events=[ev, st], roles=[RoleFact(person="per:anna-lind", title="Ministerin", org="loc:oslo")],
    )


def _nodes(batch, label):
    return {n.id: n for n in batch.nodes if n.label == label}


def _rels(batch, rtype):
    return [r for r in batch.relationships if r.type == rtype]


def test_ids_are_deterministic_and_each_report_has_its_own():
    a, b = build_graph(_ex()), build_graph(_ex())
    assert a == b
    other = build_graph(_ex(doc_id="doc2"))
    # an event id names one article's report; resolution groups the reports of one event
    assert not set(_nodes(a, "Event")) & set(_nodes(other, "Event"))
    (rep,) = [r for r in _rels(a, "REPORTED_IN") if r.props["type"] == "MEETING"]
    assert rep.props["participants"] == ["per:anna-lind", "per:per-holm"]
    assert rep.props["family"] == "contact" and rep.props["location"] == "loc:oslo"
    assert all("people" not in n.props and "actors" not in n.props for n in _nodes(a, "Event").values())


def test_occurred_event_without_time_is_marked_as_reported_on_article_day():
    batch = build_graph(_ex())
    (ev_id,) = [i for i, n in _nodes(batch, "Event").items() if n.props["type"] == "MEETING"]
    ev = _nodes(batch, "Event")[ev_id]
    # the article's date is a marked fallback, not the event's day
    assert ev.props["start"] == "2024-05-06" and ev.props["precision"] == "report date"
    (rep,) = [r for r in _rels(batch, "REPORTED_IN") if r.start == ev_id]
    assert rep.props["precision"] == "report date" and "time_text" not in rep.props
    assert {(r.start, r.end) for r in _rels(batch, "PART_OF")} == {("2024-05-06", "2024-05"), ("2024-05", "2024")}
    assert ("2024-05-06" in {r.end for r in _rels(batch, "ON_DATE") if r.start == ev_id})


def test_planned_vague_event_gets_no_date_node():
    vague = TimeExpr(start=40, end=44, text="bald", type="DATE", value="FUTURE_REF", vague=True,
                     earliest=dt.date(2024, 5, 7), latest=dt.date(2024, 6, 5))
    batch = build_graph(_ex(status="planned", time=vague))
    ev = next(n for n in batch.nodes if n.label == "Event" and n.props["type"] == "MEETING")
    assert ev.props["status"] == "planned" and ev.props["start"] == "2024-05-07"
    assert not [r for r in _rels(batch, "ON_DATE") if r.start == ev.id]


def test_evidence_roles_mentions_and_about():
    batch = build_graph(_ex())
    rep = [r for r in _rels(batch, "REPORTED_IN")]
    assert all(r.end == "doc1" and r.props["start"] == 10 and r.props["end"] == 14 for r in rep)
    assert {(r.start, r.end, r.props["title"]) for r in _rels(batch, "HOLDS_ROLE")} == {
        ("per:anna-lind", "loc:oslo", "Ministerin")}
    assert {r.start for r in _rels(batch, "MENTIONED_IN")} == {"per:anna-lind", "per:per-holm", "loc:oslo"}
    assert len(_rels(batch, "ABOUT")) == 1 and len(_rels(batch, "LOCATED_IN")) == 1


def test_no_reference_date_means_no_invented_date():
    batch = build_graph(_ex(published=None))
    assert not _nodes(batch, "Date")
    assert all("start" not in n.props for n in _nodes(batch, "Event").values())


def test_precision_and_time_compatibility():
    mk = lambda v, vague=False: TimeExpr(start=0, end=1, text="x", type="DATE", value=v, vague=vague)
    assert precision_of(mk("2021-12-02")) == "day"
    assert precision_of(mk("2021-12")) == "month"
    assert precision_of(mk("2021-W49")) == "week"
    assert precision_of(mk("2021")) == "year"
    assert precision_of(mk("FUTURE_REF", True)) == "vague"
    assert compatible_times({"start": "2021-12-03", "end": "2021-12-12"}, {"start": "2021-12-07", "end": "2021-12-07"})
    assert not compatible_times({"start": "2021-12-02", "end": "2021-12-02"}, {"start": "2021-12-07", "end": "2021-12-07"})
    assert compatible_times({}, {"start": "2021-12-07"})


def test_two_events_of_one_article_never_share_an_id():
    ex = _ex()
    first = ex.events[0]
    second = first.model_copy(update={"key": "e9", "status": "planned", "time": None, "time_source": "none",
                                      "trigger": Span(start=33, end=39, text="Gipfel")})
    ex = ex.model_copy(update={"events": [first, second, ex.events[1]]})
    ids = [n.id for n in build_graph(ex).nodes if n.label == "Event"]
    assert len(ids) == len(set(ids)) == 3


def test_nested_mentions_neither_count_twice_nor_become_aliases():
    ex = _ex()
    outer = EntityMention(start=0, end=9, text="Minister Anna Lind", label="PER", key="per:anna-lind",
                          name="Anna Lind", nested=True)
    ex = ex.model_copy(update={"entities": [outer, *ex.entities]})
    batch = build_graph(ex)
    person = next(n for n in batch.nodes if n.id == "per:anna-lind")
    assert "Minister Anna Lind" not in person.props["aliases"]
    (mentioned,) = [r for r in batch.relationships if r.type == "MENTIONED_IN" and r.start == "per:anna-lind"]
    assert mentioned.props["count"] == 1


def test_a_report_keeps_the_evidence_of_its_further_mentions():
    # the second sentence names the event again ("Gipfel"): its offsets and sentence go on the report
    ex = _ex()
    ex.sentences.append(Sentence(start=33, end=len(TEXT), text=TEXT[33:], index=1))
    word = TEXT.index("Gipfel")
    ex.events[0] = ex.events[0].model_copy(update={"mentions": [Span(start=word, end=word + 6, text="Gipfel")]})
    meet, say = sorted(_rels(build_graph(ex), "REPORTED_IN"), key=lambda r: r.props["key"])
    assert (meet.props["mention_triggers"], meet.props["mention_starts"], meet.props["mention_ends"]) == (
        ["Gipfel"], [word], [word + 6])
    assert meet.props["mention_sentences"] == [1] and meet.props["mention_sentence_starts"] == [33]
    assert meet.props["mention_sentence_texts"] == ["Ein Gipfel soll bald folgen."]
    assert not any(k.startswith("mention_") for k in say.props)  # no further mention: no such properties


def test_an_event_whose_clause_does_not_name_its_participant_is_labelled_by_the_clause() -> None:
    # "Event involving X" says nothing of what happened; the clause does (blind reading, session 18)
    text = "Die Firma Kelvaro meldete Zahlen. Sie wurde 1987 in einer Garage gegründet."
    s1, t = text.index("Sie"), text.index("gegründet")
    ev = EventMention(key="e0", type="OTHER", trigger=Span(start=t, end=t + 9, text="gegründet"), sentence=1,
                      participants=[Participant(key="org:kelvaro")], time_source="article")
    ex = Extraction(document=Document(id="d", text=text, published=dt.date(2024, 5, 6), title="T"), language="de",
                    reference_date=dt.date(2024, 5, 6),
                    sentences=[Sentence(start=0, end=s1 - 1, text=text[:s1 - 1], index=0),
                               Sentence(start=s1, end=len(text), text=text[s1:], index=1)],
                    entities=[EntityMention(start=10, end=17, text="Kelvaro", label="ORG", key="org:kelvaro",
                                            name="Kelvaro")],
                    events=[ev], roles=[])
    (label,) = [n.props["label"] for n in build_graph(ex).nodes if n.label == "Event"]
    assert label == "Sonstiges – „Sie wurde 1987 in einer Garage gegründet“"
