"""Readable event labels: built from the event's structure, in the article's language, from
validated data files (invented names and places)."""

from __future__ import annotations

import copy
import datetime as dt
import tomllib
from importlib import resources

import pytest

from graphbuilder.graph import build_graph
from graphbuilder.labels import LabelParticipant as P
from graphbuilder.labels import event_label, join_names, parse_rules, rules_for, type_name
from graphbuilder.models import Document
from graphbuilder.pipeline import Pipeline
from graphbuilder.schema import EVENT_TYPES, STATUSES, SchemaError

ALT, BERG, CENT = P("per:ina-alt", "Ina Alt"), P("per:ole-berg", "Ole Berg"), P("per:ute-cent", "Ute Cent")
VARDO = P("loc:vardo", "Vardø")


@pytest.mark.parametrize("lang, status, expected", [
    ("en", "occurred", "Ina Alt meets Ole Berg in Vardø"),
    ("de", "occurred", "Ina Alt trifft Ole Berg in Vardø"),
    ("en", "planned", "Ina Alt to meet Ole Berg in Vardø"),
    ("de", "planned", "Ina Alt will Ole Berg in Vardø treffen"),
    ("en", "expected", "Ina Alt to meet Ole Berg in Vardø"),  # falls back to planned
    ("de", "expected", "Ina Alt soll Ole Berg in Vardø treffen"),
    ("en", "cancelled", "Meeting of Ina Alt and Ole Berg cancelled in Vardø"),
    ("de", "cancelled", "Abgesagt: Treffen von Ina Alt und Ole Berg in Vardø"),
])
def test_two_party_meeting_per_status_and_language(lang, status, expected):
    assert event_label("MEETING", status, [ALT, BERG], VARDO, lang) == expected


def test_three_parties_take_the_plural_form():
    assert event_label("MEETING", "planned", [ALT, BERG, CENT], None, "de") == "Ina Alt, Ole Berg und Ute Cent wollen sich treffen"
    assert event_label("MEETING", "planned", [ALT, BERG, CENT], None, "en") == "Ina Alt, Ole Berg and Ute Cent to meet"
    many = [P(f"per:{i}", f"Name{i}") for i in range(6)]
    assert event_label("CALL", "occurred", many, None, "en") == "Name0, Name1 and 4 others speak by phone"


def test_roles_decide_who_acts_and_who_is_acted_upon():
    speaker, topic = P("per:ina-alt", "Ina Alt", "speaker"), P("org:nordbund", "Nordbund", "target")
    assert event_label("STATEMENT", "occurred", [topic, speaker], None, "en") == "Statement by Ina Alt on Nordbund"
    assert event_label("STATEMENT", "occurred", [speaker, topic], None, "de") == "Erklärung von Ina Alt zu Nordbund"
    victim = P("per:ole-berg", "Ole Berg", "target")
    assert event_label("ATTACK", "occurred", [victim], VARDO, "en") == "Attack on Ole Berg in Vardø"
    assert event_label("ATTACK", "occurred", [victim, P("org:x", "Gruppe X")], VARDO, "de") == (
        "Angriff auf Ole Berg durch Gruppe X in Vardø")
    assert event_label("VISIT", "planned", [ALT, P("per:ole-berg", "Ole Berg", "host")], None, "en") == (
        "Ina Alt to visit Ole Berg")
    assert event_label("RESIGNATION", "denied", [ALT], None, "de") == "Ina Alt tritt nicht zurück"


def test_the_place_is_not_named_twice_and_a_bare_event_never_shows_its_trigger():
    assert event_label("PROTEST", "occurred", [VARDO], VARDO, "en") == "Protest in Vardø"
    for lang in ("de", "en"):
        for etype in EVENT_TYPES:
            for status in STATUSES:
                label = event_label(etype, status, [], None, lang)
                assert label and ":" not in label.split(" ")[0][:-1]  # never "Type: trigger"
    assert event_label("STATEMENT", "occurred", [], None, "en") == "Statement (speaker not identified)"
    assert event_label("STATEMENT", "occurred", [], VARDO, "de") == "Erklärung in Vardø (Urheber nicht erkannt)"


def test_language_choice_and_type_names():
    assert event_label("CALL", "occurred", [ALT, BERG], None, "de-AT") == "Ina Alt telefoniert mit Ole Berg"
    assert event_label("CALL", "occurred", [ALT, BERG], None, "fr") == "Ina Alt speaks with Ole Berg by phone"
    assert type_name("VISIT", "de") == "Besuch" and type_name("VISIT", "en") == "Visit"
    assert type_name("NEW_KIND", "en") == "New kind"  # a type a language pack adds
    assert event_label("NEW_KIND", "occurred", [ALT], None, "de") == "New kind mit Ina Alt"
    assert join_names(["A", "B"], rules_for("de")) == "A und B"


def _data(lang: str) -> dict:
    with resources.files("graphbuilder.data").joinpath(f"labels/{lang}.toml").open("rb") as fh:
        return tomllib.load(fh)


@pytest.mark.parametrize("change, message", [
    (lambda d: d["types"].update({"PICNIC": {"noun": ["Picnic"]}}), "PICNIC.*not an event type"),
    (lambda d: d["types"].pop("ATTACK"), "no labels for event type.*ATTACK"),
    (lambda d: d["types"]["MEETING"].update({"occurred": ["{host} meets {guest}"]}), "unknown slot"),
    (lambda d: d["types"]["VISIT"].update({"actors": ["visitor"]}), "unknown role.*visitor"),
    (lambda d: d["types"]["MEETING"].update({"someday": ["x"]}), "unknown key.*someday"),
    (lambda d: d["types"]["PROTEST"].update({"noun": ["Protest by {actors}"]}), "last noun template"),
    (lambda d: d["wrap"].pop("denied"), r"\[wrap\].*denied"),
    (lambda d: d["fallback"].update({"planned": "soon"}), "fallback planned"),
])
def test_label_data_is_validated_against_the_schema(change, message):
    for lang in ("de", "en"):
        data = copy.deepcopy(_data(lang))
        change(data)
        with pytest.raises(SchemaError, match=message):
            parse_rules(data, lang, f"{lang}.toml")


@pytest.mark.parametrize("lang, text, meeting, statement", [
    ("de", "Die Ministerin Jana Kerrigan traf am Montag in Tromsø ihren Amtskollegen Oskar Vellmann. "
           "Vellmann sagte, die Gespräche seien gut gewesen.",
     "Jana Kerrigan trifft Oskar Vellmann in Tromsø", "Erklärung von Oskar Vellmann"),
    ("en", "Minister Jana Kerrigan met her counterpart Oskar Vellmann in Tromsø on Monday. "
           "Vellmann said the talks had been good.",
     "Jana Kerrigan meets Oskar Vellmann in Tromsø", "Statement by Oskar Vellmann"),
])
def test_an_invented_article_gets_labels_in_its_language_and_evidence_on_its_reports(lang, text, meeting, statement):
    ex = Pipeline().process(Document(id=f"inv-{lang}", text=text, published=dt.date(2031, 3, 5)), language=lang)
    batch = build_graph(ex)
    labels = {n.props["label"] for n in batch.nodes if n.label == "Event"}
    assert {meeting, statement} <= labels
    reports = {r.props["label"]: r.props for r in batch.relationships if r.type == "REPORTED_IN"}
    assert reports[meeting]["sentence_text"] == text[:text.index(". ") + 1]  # the first sentence
    rep = reports[statement]
    assert rep["sentence_text"] == text[rep["sentence_start"]:rep["sentence_end"]]
    trigger = rep["sentence_text"][rep["start"] - rep["sentence_start"]:rep["end"] - rep["sentence_start"]]
    assert trigger == rep["trigger"]
    # every entity and event carries a confidence in [0, 1]
    for n in batch.nodes:
        if n.label in ("Person", "Organization", "Location", "Event"):
            assert 0.0 < n.props["confidence"] <= 1.0, n.id


def test_timeline_cli_shows_readable_labels_and_hides_events_without_participants(tmp_path):
    import json

    from click.testing import CliRunner

    from graphbuilder.cli import main

    records = [
        {"id": "inv-de", "published": "2031-03-05", "language": "de", "title": "Kerrigan in Tromsø",
         "text": "Die Ministerin Jana Kerrigan traf am Montag in Tromsø ihren Amtskollegen Oskar Vellmann. "
                 "Ein weiteres Treffen ist für den Herbst geplant."},
        {"id": "inv-en", "published": "2031-03-06", "language": "en", "title": "Vellmann speaks",
         "text": "Oskar Vellmann said on Tuesday that the talks had been good. Another meeting is planned for the autumn."},
    ]
    src = tmp_path / "inv.jsonl"
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    store = str(tmp_path / "g.db")
    run = CliRunner()
    assert run.invoke(main, ["ingest", str(src), "--store", store, "-q"]).exit_code == 0
    shown = json.loads(run.invoke(main, ["timeline", "--store", store, "--json"]).output)
    labels = {e["label"] for e in shown}
    assert "Jana Kerrigan trifft Oskar Vellmann in Tromsø" in labels  # German article: German label
    assert "Statement by Oskar Vellmann" in labels  # English article: English label
    assert all(e["participants"] for e in shown) and all(0 < e["confidence"] <= 1 for e in shown)
    everything = json.loads(run.invoke(main, ["timeline", "--store", store, "--json", "--all"]).output)
    bare = [e for e in everything if not e["participants"]]
    assert "Geplant: Treffen (Teilnehmer nicht erkannt)" in {e["label"] for e in bare}
    assert all(e["label"].endswith(("(participants not identified)", "(Teilnehmer nicht erkannt)")) for e in bare)
    table = run.invoke(main, ["timeline", "--store", store]).output
    assert f"{len(bare)} event(s) without participants not shown (--all shows them)" in table


@pytest.mark.parametrize("lang, text, expected", [
    ("de", "Die Ministerin Jana Kerrigan traf am Montag in Norwegen ihren Amtskollegen Oskar Vellmann.",
     "Jana Kerrigan trifft Oskar Vellmann in Norwegen"),
    ("en", "Minister Jana Kerrigan met her counterpart Oskar Vellmann in Norway on Monday.",
     "Jana Kerrigan meets Oskar Vellmann in Norway"),
])
def test_places_are_named_in_the_articles_language(lang, text, expected):
    batch = build_graph(Pipeline().process(Document(id=f"pl-{lang}", text=text, published=dt.date(2031, 3, 5)),
                                           language=lang))
    assert [n.props["label"] for n in batch.nodes if n.label == "Event"] == [expected]
    assert {n.props["name"] for n in batch.nodes if n.id == "loc:norway"} == {"Norway"}  # the node keeps its name
