"""Confidence for people: every entity node carries the best confidence of its mentions, every
event the best of its reports', whatever the ingestion order, in both stores (invented data)."""

from __future__ import annotations

import itertools

import pytest

from graphbuilder.core import write_resolved
from graphbuilder.decisions import Decisions
from graphbuilder.graph import build_graph
from graphbuilder.models import GraphBatch
from graphbuilder.store.sqlite_store import SQLiteStore
from tests.invented import HOLM, LIND, make_extraction


def _article(doc_id: str, published: str, language: str, lind_conf: float, event_conf: float) -> GraphBatch:
    ex = make_extraction(doc_id, published, [("MEETING", "occurred", [LIND, HOLM], published, "loc:oslo")],
                         {LIND: "Anna Lind", HOLM: "Per Holm", "loc:oslo": "Oslo"})
    ex.language = language
    for m in ex.entities:
        m.confidence = lind_conf if m.key == LIND else 0.99
    ex.events[0].confidence = event_conf
    return build_graph(ex)


def _articles() -> list[GraphBatch]:
    return [_article("de-1", "2031-06-02", "de", 0.62, 0.55),
            _article("en-2", "2031-06-02", "en", 0.91, 0.8),
            _article("de-3", "2031-06-02", "de", 0.4, 0.3)]


def _state(store) -> tuple[dict, dict]:
    ents = {n.id: n.props["confidence"] for label in ("Person", "Location") for n in store.nodes(label)}
    events = {n.id: (n.props["confidence"], n.props["label"]) for n in store.nodes("Event")}
    return ents, events


def test_a_built_article_gives_each_entity_its_best_mention():
    batch = _articles()[0]
    conf = {n.id: n.props["confidence"] for n in batch.nodes if n.label == "Person"}
    assert conf == {LIND: 0.62, HOLM: 0.99}
    (ev,) = [n for n in batch.nodes if n.label == "Event"]
    assert ev.props["confidence"] == 0.55 and ev.props["label"] == "Anna Lind trifft Per Holm in Oslo"


def test_best_confidence_wins_in_every_order(tmp_path):
    states = set()
    for i, order in enumerate(itertools.permutations(_articles())):
        with SQLiteStore(tmp_path / f"c{i}.db") as store:
            for batch in order:
                write_resolved(batch.model_copy(deep=True), store, Decisions())
            ents, events = _state(store)
        assert ents[LIND] == 0.91 and ents[HOLM] == 0.99
        (conf, label), = events.values()  # one meeting reported three times
        assert conf == 0.8
        states.add((tuple(sorted(ents.items())), tuple(sorted(events.items()))))
    assert len(states) == 1  # the same graph whatever the order


@pytest.mark.integration
def test_best_confidence_wins_in_neo4j_too(neo4j_sink, tmp_path):
    articles = _articles()
    for batch in reversed(articles):  # lower confidences written after the best one
        write_resolved(batch.model_copy(deep=True), neo4j_sink, Decisions())
    with SQLiteStore(tmp_path / "ref.db") as ref:
        for batch in articles:
            write_resolved(batch.model_copy(deep=True), ref, Decisions())
        assert _state(neo4j_sink) == _state(ref)
    assert _state(neo4j_sink)[0][LIND] == 0.91
