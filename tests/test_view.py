"""The view model (graphbuilder.view.build_view), the page it renders, and `graphbuilder view`."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphbuilder.cli import main
from graphbuilder.models import GraphBatch, Node, Relationship
from graphbuilder.store.sqlite_store import SQLiteStore
from graphbuilder.view import (
    NONE_LANE,
    OTHER_LANE,
    ViewError,
    build_view,
    event_ids_from_rows,
    readable_label,
    render_html,
    texts_from_sources,
)

# invented articles: a trip announced, then called off; talks that happened instead
TEXT_1 = "Intro line.\nMinisterin Greta Holm will am Freitag zu einem Besuch nach Tallinn reisen. Mehr folgt."
TEXT_2 = "Holm calls off Tallinn trip. She spoke with Ivo Saar by video instead."


def _span(text: str, sentence: str, trigger: str) -> dict:
    s0 = text.index(sentence)
    t0 = text.index(trigger, s0)
    return {"sentence_start": s0, "sentence_end": s0 + len(sentence), "start": t0, "end": t0 + len(trigger),
            "trigger": trigger}


def _graph() -> GraphBatch:
    ent = [
        Node(label="Person", id="per:greta-holm", props={"name": "Greta Holm", "aliases": ["Greta Holm", "Holm"]}),
        Node(label="Person", id="per:ivo-saar", props={"name": "Ivo Saar", "aliases": ["Ivo Saar"]}),
        Node(label="Person", id="per:olle-lind", props={"name": "Olle Lind"}),
        Node(label="Location", id="loc:tallinn", props={"name": "Tallinn"}),
    ]
    arts = [
        Node(label="Article", id="art-1", props={"title": "Holm reist nach Tallinn", "published": "2030-05-06",
                                                  "source": "Testblatt"}),
        Node(label="Article", id="art-2", props={"title": "Holm calls off trip", "published": "2030-05-09"}),
    ]
    trip = Node(label="Event", id="evt:trip", props={
        "type": "VISIT", "label": "Visit: Greta Holm", "status": "cancelled", "start": "2030-05-10",
        "end": "2030-05-10", "precision": "day", "time_text": "Freitag", "confidence": 0.8, "disputed": False})
    talk = Node(label="Event", id="evt:talk", props={
        "type": "CALL", "label": "Call: Greta Holm, Ivo Saar", "status": "occurred", "start": "2030-05-09",
        "end": "2030-05-09", "precision": "day", "confidence": 0.6})
    soon = Node(label="Event", id="evt:soon", props={
        "type": "MEETING", "label": "Meeting: Greta Holm", "status": "planned", "start": "2030-05-10",
        "end": "2030-08-10", "precision": "vague", "vague": True, "time_text": "bald", "confidence": 0.5})
    month = Node(label="Event", id="evt:month", props={
        "type": "STATEMENT", "label": "Statement: Olle Lind", "status": "occurred", "start": "2030-04-01",
        "end": "2030-04-30", "precision": "month", "confidence": 0.3})
    lone = Node(label="Event", id="evt:lone", props={
        "type": "PROTEST", "label": "Protest: protest", "status": "occurred", "confidence": 0.4})
    s1 = "Ministerin Greta Holm will am Freitag zu einem Besuch nach Tallinn reisen."
    rels = [
        Relationship(type="PARTICIPATED_IN", start="per:greta-holm", end="evt:trip", start_label="Person",
                     end_label="Event", props={"role": "participant"}),
        Relationship(type="PARTICIPATED_IN", start="per:greta-holm", end="evt:talk", start_label="Person",
                     end_label="Event", props={"role": "participant"}),
        Relationship(type="PARTICIPATED_IN", start="per:ivo-saar", end="evt:talk", start_label="Person",
                     end_label="Event", props={"role": "host"}),
        Relationship(type="PARTICIPATED_IN", start="per:greta-holm", end="evt:soon", start_label="Person",
                     end_label="Event", props={"role": "participant"}),
        Relationship(type="PARTICIPATED_IN", start="per:olle-lind", end="evt:month", start_label="Person",
                     end_label="Event", props={"role": "speaker"}),
        Relationship(type="LOCATED_IN", start="evt:trip", end="loc:tallinn", start_label="Event",
                     end_label="Location"),
        # reports: the announcement (sentence cut from the article text) and the cancellation
        Relationship(type="REPORTED_IN", start="evt:trip", end="art-1", start_label="Event", end_label="Article",
                     props={**_span(TEXT_1, s1, "Besuch"), "status": "planned", "published": "2030-05-06",
                            "time_text": "Freitag"}),
        Relationship(type="REPORTED_IN", start="evt:trip", end="art-2", start_label="Event", end_label="Article",
                     props={**_span(TEXT_2, "Holm calls off Tallinn trip.", "trip"), "status": "cancelled",
                            "published": "2030-05-09",
                            "sentence_text": "Holm calls off Tallinn trip."}),
        Relationship(type="REPORTED_IN", start="evt:talk", end="art-2", start_label="Event", end_label="Article",
                     props={**_span(TEXT_2, "She spoke with Ivo Saar by video instead.", "spoke"),
                            "status": "occurred", "published": "2030-05-09"}),
        Relationship(type="REPORTED_IN", start="evt:lone", end="art-2", start_label="Event", end_label="Article",
                     props={"status": "occurred", "trigger": "protest"}),
    ]
    return GraphBatch(nodes=[*ent, *arts, trip, talk, soon, month, lone], relationships=rels)


def _ev(model: dict, eid: str) -> dict:
    return next(e for e in model["events"] if e["id"] == eid)


def test_events_in_time_order_undated_last_with_interval_and_precision():
    model = build_view(_graph())
    assert [e["id"] for e in model["events"]] == ["evt:month", "evt:talk", "evt:trip", "evt:soon", "evt:lone"]
    month, soon, lone = _ev(model, "evt:month"), _ev(model, "evt:soon"), _ev(model, "evt:lone")
    assert (month["start"], month["end"], month["precision"]) == ("2030-04-01", "2030-04-30", "month")
    assert soon["vague"] and soon["precision"] == "vague" and soon["end"] == "2030-08-10"
    assert lone["start"] is None and lone["precision"] is None
    assert model["counts"] == {"events": 5, "dated": 4, "undated": 1, "without_participants": 1,
                               "with_evidence": 1}
    # the domain covers the intervals and the report dates of events with a history
    assert model["domain"] == ["2030-04-01", "2030-08-10"]


def test_reports_history_and_evidence_with_the_trigger_highlighted():
    model = build_view(_graph(), texts={"art-1": TEXT_1, "art-2": TEXT_2})
    trip = _ev(model, "evt:trip")
    assert [(r["published"], r["status"]) for r in trip["reports"]] == [("2030-05-06", "planned"),
                                                                         ("2030-05-09", "cancelled")]
    assert trip["history"] == [{"status": "planned", "date": "2030-05-06"},
                               {"status": "cancelled", "date": "2030-05-09"}]
    first, second = trip["reports"]
    a, b = first["highlight"]
    assert first["sentence"].startswith("Ministerin Greta Holm") and first["sentence"][a:b] == "Besuch"
    assert second["sentence"] == "Holm calls off Tallinn trip."  # the stored sentence text wins
    assert second["sentence"][slice(*second["highlight"])] == "trip"
    assert trip["place"] == "loc:tallinn" and model["entities"]["loc:tallinn"]["name"] == "Tallinn"
    assert model["articles"]["art-1"] == {"title": "Holm reist nach Tallinn", "published": "2030-05-06",
                                          "source": "Testblatt", "url": None, "language": None}


def test_a_trimmed_stored_sentence_still_marks_its_trigger():
    g = _graph()
    rel = next(r for r in g.relationships if r.type == "REPORTED_IN" and r.end == "art-1")
    rel.props["sentence_text"] = "  " + TEXT_1[rel.props["sentence_start"]:rel.props["sentence_end"]]
    rep = _ev(build_view(g), "evt:trip")["reports"][0]
    assert rep["sentence"][slice(*rep["highlight"])] == "Besuch"


def test_without_texts_a_report_keeps_its_trigger_but_no_sentence():
    talk = _ev(build_view(_graph()), "evt:talk")
    assert talk["reports"][0]["sentence"] is None and talk["reports"][0]["trigger"] == "spoke"


def test_participants_with_roles_strongest_first_and_readable_titles():
    talk = _ev(build_view(_graph()), "evt:talk")
    assert talk["participants"] == [{"id": "per:ivo-saar", "role": "host"},
                                    {"id": "per:greta-holm", "role": "participant"}]
    assert talk["title"] == {"en": "Ivo Saar speaks with Greta Holm by phone",
                             "de": "Ivo Saar telefoniert mit Greta Holm"}
    lone = _ev(build_view(_graph()), "evt:lone")  # no participant: never the bare trigger word
    assert lone["title"] == {"en": "Protest", "de": "Protest"}
    assert readable_label("VISIT", [("per:a-b", "A B", "participant")], ("loc:oslo", "Oslo"), "de") == "A B besucht Oslo"
    five = [(f"per:{c}", c, "participant") for c in "ABCDE"]
    assert readable_label("VISIT", five, None, "en", "planned") == "Planned: Visit of A, B and 3 others"
    assert readable_label("VISIT", five, ("loc:oslo", "Oslo"), "en", "planned") == "A, B and 3 others to visit Oslo"


def test_lanes_main_participants_then_others_then_none():
    model = build_view(_graph())
    lanes = model["lanes"]["participant"]
    assert [ln["id"] for ln in lanes] == ["per:greta-holm", OTHER_LANE, NONE_LANE]
    assert lanes[0]["count"] == 3
    assert _ev(model, "evt:talk")["lanes"] == ["per:greta-holm"]
    assert _ev(model, "evt:month")["lanes"] == [OTHER_LANE]  # Olle Lind is in one event only
    assert _ev(model, "evt:lone")["lanes"] == [NONE_LANE]
    assert [ln["id"] for ln in model["lanes"]["type"]][:1] == ["CALL"]  # 1 each: by name
    assert {ln["id"] for ln in model["lanes"]["type"]} == {"CALL", "MEETING", "PROTEST", "STATEMENT", "VISIT"}


def test_max_lanes_and_focus_entity_first():
    model = build_view(_graph(), max_lanes=1, entity="Ivo Saar")
    assert [e["id"] for e in model["events"]] == ["evt:talk"]
    assert [ln["id"] for ln in model["lanes"]["participant"]][0] == "per:ivo-saar"
    assert model["focus"] == ["per:ivo-saar"] and model["title"] == "Ivo Saar"


def test_entity_filter_by_alias_or_place_and_unknown_entity():
    assert {e["id"] for e in build_view(_graph(), entity="holm")["events"]} == {"evt:trip", "evt:talk", "evt:soon"}
    assert {e["id"] for e in build_view(_graph(), entity="Tallinn")["events"]} == {"evt:trip"}
    with pytest.raises(ViewError, match="Nobody Known"):
        build_view(_graph(), entity="Nobody Known")


@pytest.mark.parametrize(("lo", "hi", "expected"), [
    ("2030-05-10", None, {"evt:soon", "evt:trip"}),
    (None, "2030-04-15", {"evt:month"}),
    ("2030-06-01", "2030-06-30", {"evt:soon"}),  # inside the vague interval
    ("2031-01-01", None, set()),
])
def test_time_window_keeps_overlapping_dated_events(lo, hi, expected):
    model = build_view(_graph(), start=lo and dt.date.fromisoformat(lo), end=hi and dt.date.fromisoformat(hi))
    assert {e["id"] for e in model["events"]} == expected


def test_query_result_ids_select_events_or_the_events_of_entities():
    rows = [{"e": {"id": "evt:talk", "label": "x"}, "n": 3}, {"ids": ["evt:lone", "nothing"]}]
    assert event_ids_from_rows(rows) >= {"evt:talk", "evt:lone", "nothing", "x"}
    assert {e["id"] for e in build_view(_graph(), only=event_ids_from_rows(rows))["events"]} == {"evt:talk", "evt:lone"}
    assert {e["id"] for e in build_view(_graph(), only={"per:ivo-saar"})["events"]} == {"evt:talk"}
    assert build_view(_graph(), only={"per:nobody"})["events"] == []


def test_same_model_from_a_store_as_from_the_batch(tmp_path: Path):
    with SQLiteStore(tmp_path / "v.db") as store:
        store.write(_graph())
        from_store = build_view(store)
    direct = build_view(_graph())
    # the store derives report_count/disputed; nothing else the view shows differs
    assert json.dumps(from_store, sort_keys=True) == json.dumps(direct, sort_keys=True)


def test_disputed_flag_and_confidence_pass_through():
    g = _graph()
    g.nodes[-1].props["disputed"] = True
    lone = _ev(build_view(g), "evt:lone")
    assert lone["disputed"] is True and lone["confidence"] == 0.4


def _embedded(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="gb-data">(.*?)</script>', page, re.S)
    assert m, "no embedded data"
    return json.loads(m.group(1))


def test_page_is_self_contained_and_carries_the_model():
    g = _graph()
    g.nodes[4].props["title"] = "A </script><script>alert(1)</script> title {{data}}"
    model = build_view(g, texts={"art-1": TEXT_1}, lang="de")
    page = render_html(model)
    assert _embedded(page) == json.loads(json.dumps(model))
    assert page.count("</script>") == 2  # the data block and the inline script
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=", page)
    assert "http://" not in page.replace("http://www.w3.org", "") and "https://" not in page
    assert '<html lang="de">' in page
    assert "/*{{js}}*/" not in page and "{{css}}" not in page


def test_texts_from_sources_skips_changed_files(tmp_path: Path):
    (tmp_path / "a.txt").write_text("Erster Satz hier. Zweiter Satz dort.\n", encoding="utf-8")
    texts, notes = texts_from_sources([str(tmp_path)])
    (doc_id, text), = texts.items()
    assert text.startswith("Erster Satz") and notes == []
    texts, notes = texts_from_sources([str(tmp_path)], {doc_id: {"content_hash": "0" * 64}})
    assert texts == {} and "changed since it was ingested" in notes[0]
    texts, _ = texts_from_sources([str(tmp_path)], {"other-id": {}})
    assert texts == {}  # not an article of the store


def _run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_cli_view_writes_the_page(tmp_path: Path):
    db = tmp_path / "s.db"
    with SQLiteStore(db) as store:
        store.write(_graph())
    out = tmp_path / "out.html"
    res = _run("view", "--store", str(db), "-o", str(out), "--lang", "de", "--from", "2030-05-01")
    assert res.exit_code == 0, res.output
    assert "3 event(s)" in res.output
    data = _embedded(out.read_text(encoding="utf-8"))
    assert data["lang"] == "de" and {e["id"] for e in data["events"]} == {"evt:talk", "evt:soon", "evt:trip"}

    rows = tmp_path / "rows.json"
    rows.write_text(json.dumps([{"event_id": "evt:month"}]), encoding="utf-8")
    res = _run("view", "--store", str(db), "-o", str(out), "--query-result", str(rows))
    assert res.exit_code == 0 and [e["id"] for e in _embedded(out.read_text(encoding="utf-8"))["events"]] == ["evt:month"]


def test_cli_view_bad_input(tmp_path: Path):
    db = tmp_path / "s.db"
    with SQLiteStore(db) as store:
        store.write(_graph())
    out = tmp_path / "out.html"
    res = _run("view", "--store", str(db), "-o", str(out), "--entity", "Nobody Known")
    assert res.exit_code == 1 and "Nobody Known" in res.output and not out.exists()
    res = _run("view", "--store", str(db), "--query", "entity_timeline", "-o", str(out))
    assert res.exit_code == 2 and "needs Neo4j" in res.output
    res = _run("view", "--store", str(db), "--from", "2030-06-01", "--to", "2030-05-01", "-o", str(out))
    assert res.exit_code == 2 and "after" in res.output
    res = _run("view", "--store", str(tmp_path / "missing.db"), "-o", str(out))
    assert res.exit_code == 2 and "no graph store" in res.output
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    res = _run("view", "--store", str(db), "--query-result", str(bad), "-o", str(out))
    assert res.exit_code == 1 and "bad.json" in res.output


def test_min_confidence_leaves_doubtful_entities_out_of_the_view():
    g = _graph()
    for n in g.nodes:
        if n.id == "per:ivo-saar":
            n.props["confidence"] = 0.35
    talk = _ev(build_view(g, min_confidence=0.5), "evt:talk")
    assert [p["id"] for p in talk["participants"]] == ["per:greta-holm"]
    assert "Ivo Saar" not in talk["title"]["en"]
    assert [p["id"] for p in _ev(build_view(g, min_confidence=0.3), "evt:talk")["participants"]] == [
        "per:ivo-saar", "per:greta-holm"]


@pytest.mark.usefixtures("content_with_speaker")
def test_a_statements_view_title_says_what_was_said_like_its_label():
    import datetime as dt

    from graphbuilder.graph import build_graph
    from graphbuilder.models import Document
    from graphbuilder.pipeline import Pipeline

    text = "Minister Jana Kerrigan met Oskar Vellmann in Tromsø on Monday. Vellmann said the talks had been good."
    ex = Pipeline().process(Document(id="inv-view", text=text, published=dt.date(2031, 3, 5)), language="en")
    batch = build_graph(ex)
    model = build_view(batch)
    labels = {e["label"]: e["title"] for e in model["events"]}
    assert labels["Oskar Vellmann: talks are good"]["en"] == "Oskar Vellmann: talks are good"


def test_a_report_shows_the_sentences_of_its_further_mentions():
    g = _graph()
    rel = next(r for r in g.relationships if r.type == "REPORTED_IN" and r.end == "art-1")
    first = TEXT_1[rel.props["sentence_start"]:rel.props["sentence_end"]]
    more = "Die Reise nach Tallinn war lange geplant."
    rel.props.update(mention_triggers=["Reise", "reisen"], mention_starts=[200, rel.props["start"] + 30],
                     mention_ends=[205, rel.props["start"] + 36], mention_sentences=[3, 1],
                     mention_sentence_starts=[196, rel.props["sentence_start"]],
                     mention_sentence_texts=[more, first])
    rep = _ev(build_view(g, texts={"art-1": TEXT_1}), "evt:trip")["reports"][0]
    assert [m["sentence"] for m in rep["also"]] == [more]  # the sentence already shown is not repeated
    assert rep["also"][0]["sentence"][slice(*rep["also"][0]["highlight"])] == "Reise"
    page = render_html(build_view(g, texts={"art-1": TEXT_1}))
    assert "lange geplant" in page
    assert _ev(build_view(_graph()), "evt:talk")["reports"][0]["also"] == []
