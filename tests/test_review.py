"""`graphbuilder review`: doubtful merges with their evidence (invented names, places, articles)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from graphbuilder.cli import main
from graphbuilder.keys import person_key
from graphbuilder.models import GraphBatch, Node, Relationship
from graphbuilder.review import doubtful_merges, given_names, review
from graphbuilder.store.sqlite_store import SQLiteStore


KERR, DOWD = person_key("Jana Kerr"), person_key("Christopher Dowd")


def _n(kind: str, id_: str, **props) -> Node:
    return Node(label=kind, id=id_, props={"id": id_, **props})  # type: ignore[arg-type]


def _r(type_: str, a: Node, b: Node, **props) -> Relationship:
    return Relationship(type=type_, start=a.id, end=b.id, start_label=a.label, end_label=b.label,  # type: ignore[arg-type]
                        props=props)


def _graph() -> GraphBatch:
    arts = {i: _n("Article", f"art:{i}", title=f"A{i}", published=f"2031-04-0{i}") for i in range(1, 5)}
    # one node, two first names (a wrong merge); a German genitive form is the same person
    kerr = _n("Person", KERR, name="Jana Kerr", aliases=["Jana Kerr", "Kerr", "Ulla Kerrs", "Premierministerin Ulla Kerr"])
    # first-name variants and an initial are one person: not doubtful
    dowd = _n("Person", DOWD, name="Christopher Dowd",
              aliases=["Chris Dowd", "Christopher Dowd", "C. Dowd", "Minister Dowd"])
    # a party with two names seen in articles about two countries
    nord = _n("Organization", "org:nordbund", name="Nordbund", aliases=["Nordbund", "Vestliga"])
    # one name in several forms (article, acronym, generic head word), two countries: not doubtful
    fjord = _n("Organization", "org:fjordrat", name="Fjord Council",
               aliases=["Fjord Council", "FC", "The Fjord Council", "Fjord"])
    norway, chile = _n("Location", "loc:norway", name="Norway"), _n("Location", "loc:chile", name="Chile")
    a1, a2, a3, a4 = arts[1], arts[2], arts[3], arts[4]
    # an event whose two reports disagree on place and day (e.g. after an analyst's merge)
    ev = _n("Event", "evt:x", type="MEETING", label="Jana Kerr meets Christopher Dowd", status="occurred")
    ok = _n("Event", "evt:ok", type="MEETING", label="Jana Kerr meets Christopher Dowd", status="occurred")
    rels = [
        _r("MENTIONED_IN", kerr, a1, count=2), _r("MENTIONED_IN", kerr, a2, count=1),
        _r("MENTIONED_IN", dowd, a1, count=1),
        _r("MENTIONED_IN", nord, a1, count=1), _r("MENTIONED_IN", nord, a3, count=1),
        _r("MENTIONED_IN", fjord, a1, count=1), _r("MENTIONED_IN", fjord, a3, count=1),
        _r("MENTIONED_IN", norway, a1, count=3), _r("MENTIONED_IN", chile, a1, count=1),
        _r("MENTIONED_IN", chile, a3, count=2),
        _r("REPORTED_IN", ev, a1, key="e0", family="contact", location="loc:norway", time_start="2031-04-01",
           precision="day", published="2031-04-01", status="occurred", sentence_text="Kerr traf Dowd in Norwegen."),
        _r("REPORTED_IN", ev, a4, key="e0", family="contact", location="loc:chile", time_start="2031-04-03",
           precision="day", published="2031-04-04", status="occurred", sentence_text="Kerr met Dowd in Chile."),
        _r("REPORTED_IN", ok, a1, key="e1", family="contact", location="loc:norway", time_start="2031-04-01",
           precision="day", published="2031-04-01", status="occurred"),
        _r("REPORTED_IN", ok, a2, key="e1", family="contact", time_start="2031-04-01", precision="month",
           published="2031-04-02", status="occurred"),
    ]
    return GraphBatch(nodes=[*arts.values(), kerr, dowd, nord, fjord, norway, chile, ev, ok], relationships=rels)


@pytest.fixture
def store(tmp_path):
    with SQLiteStore(tmp_path / "r.db") as s:
        s.write(_graph())
        yield s


def test_given_names_fold_variants_genitives_and_skip_initials_and_titles():
    nodes = {n.id: n for n in _graph().nodes}
    assert list(given_names(nodes[KERR]).values()) == [["Premierministerin Ulla Kerr", "Ulla Kerrs"], ["Jana Kerr"]]
    assert len(given_names(nodes[DOWD])) == 1  # Chris = Christopher


def test_name_groups_fold_articles_acronyms_and_generic_words():
    from graphbuilder.review import name_groups

    assert len(name_groups(["Fjord Council", "FC", "The Fjord Council", "Fjord"])) == 1
    assert len(name_groups(["Nordlige Partei", "Nordlige", "NP", "Partei Nordlige"])) == 1
    assert name_groups(["Nordbund", "Vestliga"]) == [["Nordbund"], ["Vestliga"]]


def test_doubtful_people_organisations_and_events_with_evidence(store):
    d = doubtful_merges(store)
    assert [p["id"] for p in d["people"]] == [KERR]
    assert d["people"][0]["articles"] == ["art:1", "art:2"]
    (org,) = d["organizations"]
    assert org["id"] == "org:nordbund"
    assert org["articles_by_country"] == {"loc:chile": ["art:3"], "loc:norway": ["art:1"]}
    (ev,) = d["events"]
    assert ev["id"] == "evt:x" and ev["why"] == ["places differ", "days differ"]
    assert [(r["article"], r["location"], r["day"]) for r in ev["reports"]] == [
        ("art:1", "loc:norway", "2031-04-01"), ("art:4", "loc:chile", "2031-04-03")]
    assert ev["reports"][1]["sentence"] == "Kerr met Dowd in Chile."
    res = review(store)
    assert res["doubtful_people"] == d["people"] and res["doubtful_events"] == d["events"]


def test_review_cli_prints_the_evidence(store):
    out = CliRunner().invoke(main, ["review", "--store", str(store.path)])
    assert out.exit_code == 0, out.output
    assert f"Jana Kerr ({KERR}): Premierministerin Ulla Kerr, Ulla Kerrs; Jana Kerr" in out.output
    assert "Nordbund (org:nordbund, aliases Nordbund, Vestliga): loc:chile: art:3; loc:norway: art:1" in out.output
    assert "art:4 (2031-04-04): loc:chile, 2031-04-03 — Kerr met Dowd in Chile." in out.output
    data = json.loads(CliRunner().invoke(main, ["review", "--store", str(store.path), "--json"]).output)
    assert [e["id"] for e in data["doubtful_events"]] == ["evt:x"]
