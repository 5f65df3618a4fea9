"""Institutions named by a common noun (graphbuilder.extract.ner.bodies), invented sentences."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from graphbuilder.core import write_resolved
from graphbuilder.decisions import Decisions
from graphbuilder.extract.ner.bodies import (
    ARTICLE_SCOPE,
    HEADS_DE,
    SIMPLEX,
    german_head,
    kept_heads_de,
)
from graphbuilder.graph import build_graph
from graphbuilder.models import Document
from graphbuilder.pipeline import Pipeline
from graphbuilder.store.sqlite_store import SQLiteStore


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline()


def _bodies(pipe: Pipeline, text: str, doc_id: str = "t1", language: str = "de"):
    ex = pipe.process(Document(id=doc_id, text=text), language=language)
    return ex, [m for m in ex.entities if m.body]


def test_compound_heads():
    assert german_head("Innenministerium") == "ministerium"
    assert german_head("Innenministeriums") == "ministerium"  # genitive
    assert german_head("Polizei") == SIMPLEX + "polizei"  # a plain noun is its own head
    assert german_head("EU-Ministerium") == "ministerium"  # a hyphen compound has a modifier
    assert german_head("Wirtschaftskammer") == "kammer"  # linking -s
    assert german_head("Ministerrat") == "rat"  # a noun before a three-letter head
    assert german_head("Nationalrat") == SIMPLEX + "nationalrat"  # no noun before "rat"
    assert german_head("Moser") is None  # no noun
    assert german_head("ministerium") is None  # not capitalised


def test_learned_table_keeps_ministries_not_plain_nouns():
    heads = kept_heads_de()
    assert "ministerium" in heads
    assert not any(h.startswith(SIMPLEX) and h[1:] in ("regierung", "polizei") for h in heads)
    assert "gruppe" not in heads  # "Arbeitsgruppe" is mostly no name in the corpora


def test_recognised_and_participant(pipe):
    ex, bodies = _bodies(pipe, "Das Umweltministerium kritisierte am Montag die Pläne der Firma Xelbrot.")
    assert [m.text for m in bodies] == ["Umweltministerium"]
    assert bodies[0].label == "ORG"
    stmt = [ev for ev in ex.events if ev.type == "STATEMENT"]
    assert stmt and bodies[0].key in {p.key for p in stmt[0].participants}


def test_table_counts_event_participants_beside_the_name_corpora():
    # every row: head, tokens, ORG tokens, keep, body candidates in the event articles, participants
    rows = {}
    for line in HEADS_DE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            head, n, org, keep, ev_n, ev_part = line.split("\t")
            rows[head] = (int(n), int(org), keep == "1", int(ev_n), int(ev_part))
    n, org, keep, ev_n, ev_part = rows["kammer"]
    assert org / n < 0.5 and keep and ev_part >= 0.3 * ev_n  # kept by the event evidence alone
    assert {h for h, r in rows.items() if r[2]} == kept_heads_de()


def test_chamber_named_by_a_common_noun_speaks(pipe):
    # the name corpora (legal text: "die Strafkammer") mark "-kammer" no name; news events have
    # such chambers as actors, so the event articles keep the head
    ex, bodies = _bodies(pipe, "Die Tischlerkammer forderte am Montag eine Senkung der Steuern.")
    assert [m.text for m in bodies] == ["Tischlerkammer"]
    stmt = [ev for ev in ex.events if ev.type == "STATEMENT"]
    assert stmt and [(p.key, p.role) for p in stmt[0].participants] == [(bodies[0].key, "speaker")]


def test_plain_noun_and_plural_are_no_bodies(pipe):
    _ex, bodies = _bodies(pipe, "Die Polizei und das Ministerium prüfen die Berichte der Ministerien.")
    assert bodies == []


def test_descriptor_before_a_name_is_no_body():
    from graphbuilder.extract.ner.bodies import german_bodies
    from graphbuilder.models import EntityMention

    text = "Das Umweltministerium Velmaros widersprach."
    name = EntityMention(start=22, end=30, text="Velmaros", label="ORG", key="org:velmaros")
    assert german_bodies(text, [name]) == []  # "die Nachrichtenagentur Xpress": the name is the organisation
    assert [m.text for m in german_bodies(text, [])] == ["Umweltministerium"]
    # a place after the body: that place's body ("das Umweltministerium Velmaros": Velmaro's ministry)
    place = EntityMention(start=22, end=30, text="Velmaros", label="LOC", key="loc:velmaro")
    assert [(m.text, m.key) for m in german_bodies(text, [place])] == [
        ("Umweltministerium Velmaros", "org:umweltministerium-velmaro")]


def test_identity_within_article(pipe):
    _ex, bodies = _bodies(pipe, "Das Umweltministerium widersprach. Ein Sprecher des Umweltministeriums "
                                "sagte, man prüfe alles.")
    assert len(bodies) == 2
    assert bodies[0].key == bodies[1].key
    assert ARTICLE_SCOPE in bodies[0].key
    assert bodies[1].name == "Umweltministerium"


def test_unqualified_bodies_of_two_articles_differ(pipe):
    _a, one = _bodies(pipe, "Das Umweltministerium widersprach am Montag dem Bericht.", "a")
    _b, two = _bodies(pipe, "Das Umweltministerium lobte am Freitag die neue Anlage.", "b")
    assert one and two and one[0].key != two[0].key


def test_place_qualified_body_is_one_across_articles(pipe):
    _a, one = _bodies(pipe, "Das kroatische Umweltministerium widersprach am Montag dem Bericht.", "a")
    _b, two = _bodies(pipe, "Wie das kroatische Umweltministerium mitteilte, wurde die Anlage geschlossen.", "b")
    assert one and two
    assert one[0].key == two[0].key == "org:umweltministerium-croatia"


def test_place_compound_is_that_places_body(pipe):
    _ex, bodies = _bodies(pipe, "Das US-Umweltministerium widersprach am Montag dem Bericht.")
    assert [m.key for m in bodies] == ["org:umweltministerium-united-states"]


def test_place_named_after_a_body_is_part_of_its_name(pipe):
    # "die Tischlerkammer Tirol": Tyrol's chamber, one mention; the place is no mention of its own
    ex, bodies = _bodies(pipe, "Die Reform sei zu teuer, teilte die Tischlerkammer Tirol am Dienstag mit.")
    assert [(m.text, m.key) for m in bodies] == [("Tischlerkammer Tirol", "org:tischlerkammer-tyrol")]
    assert not [m for m in ex.entities if m.label == "LOC" and not m.derived]
    stmt = [ev for ev in ex.events if ev.type == "STATEMENT"]
    assert stmt and [(p.key, p.role) for p in stmt[0].participants] == [("org:tischlerkammer-tyrol", "speaker")]


def test_region_adjective_and_region_name_qualify_the_same_body(pipe):
    # a federal state's adjective is a place adjective like a country's ("das steirische …"); the
    # recogniser's name "Bildungsministerium Steiermark" is keyed as that body is
    def orgs(text: str, doc_id: str) -> list[str]:
        ex, _b = _bodies(pipe, text, doc_id)
        return [m.key for m in ex.entities if m.label == "ORG"]

    key = "org:bildungsministerium-styria"
    assert orgs("Das steirische Bildungsministerium widersprach am Montag.", "a1") == [key]
    assert orgs("Das Bildungsministerium Steiermark widersprach am Montag.", "a2") == [key]
    assert orgs("Das Grazer Bildungsministerium widersprach.", "a3") == orgs("Das Bildungsministerium Graz widersprach.", "a4")


def test_place_body_keys_names_of_a_body_and_a_place():
    from graphbuilder.extract.ner.bodies import place_body

    assert place_body("Arbeiterkammer Wien") == ("org:arbeiterkammer-vienna", "Arbeiterkammer Wien")
    assert place_body("Wiener Arbeiterkammer") == ("org:arbeiterkammer-vienna", "Wiener Arbeiterkammer")
    assert place_body("Universität Wien") is None  # "Universität" alone is no body head
    assert place_body("Arbeiterkammer Xelbrot") is None  # no place
    assert place_body("Wiener Staatsoper") is None


def test_english_group_noun(pipe):
    ex, bodies = _bodies(pipe, "The plan was rejected on Tuesday after the Commons voted against it.", language="en")
    assert [m.text for m in bodies] == ["Commons"]
    assert ARTICLE_SCOPE in bodies[0].key


def test_english_country_adjective_qualifies(pipe):
    _a, one = _bodies(pipe, "Officials said the Danish Parliament would vote again on Friday.", "a", "en")
    _b, two = _bodies(pipe, "Critics said the Danish Parliament had approved a bad budget.", "b", "en")
    assert one and two and one[0].key == two[0].key == "org:parliament-denmark"


def test_english_no_body(pipe):
    for text in ("The bill was debated in Parliament on Monday.",  # a venue
                 "He said Cabinet members met on Monday.",  # a modifier
                 "Parliament met on Monday.",  # a sentence's first word
                 "The environment ministry criticised the plan on Monday.",  # lowercase
                 "Prices rose in March, he said."):  # a month
        _ex, bodies = _bodies(pipe, text, language="en")
        assert bodies == [], text


def test_name_scorers_skip_bodies():
    from graphbuilder.evaluation.germeval import predicted_spans
    from graphbuilder.models import EntityMention

    tokens = ["Das", "Umweltministerium", "widersprach"]
    m = EntityMention(start=4, end=21, text="Umweltministerium", label="ORG", key="org:x", body=True)
    assert predicted_spans(tokens, [m]) == set()
    assert predicted_spans(tokens, [m.model_copy(update={"body": False})]) == {(1, 1, "ORG")}


def _store_of(batches) -> SQLiteStore:
    store = SQLiteStore(":memory:")
    for b in batches:
        write_resolved(b.model_copy(deep=True), store, Decisions())
    return store


def test_graph_keeps_articles_bodies_apart_in_every_order(pipe):
    texts = {
        "a": "Das Umweltministerium kritisierte am Montag die Pläne der Firma Xelbrot.",
        "b": "Das Umweltministerium kritisierte am Dienstag die Pläne der Firma Xelbrot.",
        "c": "Das kroatische Umweltministerium lobte am Mittwoch die Firma Xelbrot.",
        "d": "Das kroatische Umweltministerium lobte am Donnerstag die Firma Xelbrot.",
    }
    batches = {k: build_graph(pipe.process(Document(id=k, text=t, published=dt.date(2024, 5, 6)), language="de"))
               for k, t in texts.items()}
    results = set()
    for order in itertools.permutations("abcd"):
        store = _store_of([batches[k] for k in order])
        orgs = sorted(n.id for n in store.nodes("Organization") if "umweltministerium" in n.id)
        results.add(tuple(orgs))
    assert len(results) == 1
    orgs = next(iter(results))
    assert sum(ARTICLE_SCOPE in k for k in orgs) == 2  # a's and b's bodies stay two nodes
    assert orgs.count("org:umweltministerium-croatia") == 1  # c's and d's are one
