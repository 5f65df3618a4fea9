"""The real pipeline into a real Neo4j: same graph as the embedded store, analyst queries on it.

Covers the seed article (from ../shared), the cross-language story fixtures and examples/:
ingesting into Neo4j gives the nodes and relationships of the embedded store (ids, labels,
types, properties); a second ingest changes no counts; every packaged query answers on it.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest

from graphbuilder import queries
from graphbuilder.core import ingest
from graphbuilder.keys import person_key
from graphbuilder.store.sqlite_store import SQLiteStore

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT.parent / "shared" / "articles" / "seed" / "000_c4eb5052a9dc9378.jsonl"
STORIES = sorted((ROOT / "tests" / "fixtures" / "stories").glob("*.jsonl"))
EXAMPLES = ROOT / "examples"


def _inputs() -> list[str]:
    files = [str(p) for p in STORIES] + [str(EXAMPLES)]
    return ([str(SEED)] if SEED.exists() else []) + files


def _snapshot(store: Any) -> tuple[list, list]:
    nodes = sorted((n.label, n.id, json.dumps(n.props, sort_keys=True)) for n in store.nodes())
    rels = sorted((r.type, r.start, r.end, json.dumps(r.props, sort_keys=True)) for r in store.relationships())
    return nodes, rels


@pytest.fixture
def loaded(neo4j_sink: Any) -> Any:
    summary = ingest(_inputs(), neo4j_sink)
    assert summary.exit_code == 0, summary.failures
    return neo4j_sink


def test_neo4j_graph_equals_embedded_store_and_reingest_is_stable(loaded: Any, tmp_path: Path):
    with SQLiteStore(tmp_path / "g.db") as store:
        assert ingest(_inputs(), store).exit_code == 0
        expected = _snapshot(store)
    assert _snapshot(loaded) == expected
    counts = loaded.counts()
    assert ingest(_inputs(), loaded).exit_code == 0
    assert loaded.counts() == counts


@pytest.mark.skipif(not SEED.exists(), reason="seed article not present")
def test_story_in_neo4j_in_two_orders_matches_embedded(neo4j_sink: Any, neo4j_driver: Any, tmp_path: Path):
    files = [str(SEED)] + [str(p) for p in STORIES]
    with SQLiteStore(tmp_path / "s.db") as store:
        for f in files:
            ingest([f], store)
        expected = _snapshot(store)
    for order in (files, list(reversed(files))):
        neo4j_sink.clear()
        for f in order:
            assert ingest([f], neo4j_sink).exit_code == 0
        assert _snapshot(neo4j_sink) == expected


def _run(name: str, params: dict[str, Any], driver: Any) -> list[dict[str, Any]]:
    return queries.run_query(name, params, driver)


@pytest.mark.skipif(not SEED.exists(), reason="seed article not present")
def test_every_packaged_query_answers_on_the_ingested_data(loaded: Any, neo4j_driver: Any):
    lavrov, blinken = person_key("Sergey Lavrov"), person_key("Antony Blinken")
    talks = _run("entity_timeline", {"entity": "Lawrow"}, neo4j_driver)
    assert talks and any(r.get("status") == "occurred" for r in talks)
    call_rows = _run("events_between", {"from": "2021-12-07", "to": "2021-12-07"}, neo4j_driver)
    call = next(r for r in call_rows if r.get("type") == "CALL")
    evidence = _run("event_evidence", {"event_id": call["event_id"]}, neo4j_driver)
    assert {r["status"] for r in evidence} >= {"planned", "occurred"}  # planned, then realised
    assert all(isinstance(r["start"], int) and isinstance(r["end"], int) for r in evidence)
    then = {r["event_id"]: r for r in _run("as_of", {"as_of": "2021-12-03"}, neo4j_driver)}
    assert then[call["event_id"]]["status_then"] == "planned"
    assert then[call["event_id"]]["status_now"] == "occurred"
    pairs = _run("who_met_whom", {"entity": "Blinken"}, neo4j_driver)
    assert any(lavrov in json.dumps(r) or "Lavrov" in json.dumps(r) or "Lawrow" in json.dumps(r) for r in pairs)
    statements = [r for r in _run("entity_timeline", {"entity": "Antony Blinken"}, neo4j_driver)
                  if r.get("type") == "STATEMENT"]
    assert statements
    about = _run("about_event", {"event_id": call["event_id"]}, neo4j_driver)
    assert about  # statements about the planned contact
    roles = _run("person_roles", {"entity": "Sergei Rjabkow"}, neo4j_driver)
    assert roles
    assert _run("most_active_actors", {"from": "2021-12-01", "to": "2021-12", "limit": 5}, neo4j_driver)
    assert _run("events_at_location", {"location": "Stockholm"}, neo4j_driver)
    path = _run("shortest_path_people", {"person_a": "Antony Blinken", "person_b": "Sergei Lavrov"}, neo4j_driver)
    assert path
    assert _run("entity_search", {"text": "Lawrow"}, neo4j_driver)
    open_plans = _run("planned_not_happened", {"as_of": None}, neo4j_driver)
    assert all(r.get("status") in ("planned", "expected", "possible") for r in open_plans)
    assert call["event_id"] not in {r.get("event_id") for r in open_plans}
    assert blinken  # keys resolve for both spellings


def test_push_copies_the_embedded_store(neo4j_sink: Any, tmp_path: Path):
    from click.testing import CliRunner

    from graphbuilder.cli import main

    db = str(tmp_path / "p.db")
    with SQLiteStore(db) as store:
        assert ingest(_inputs(), store).exit_code == 0
        expected = _snapshot(store)
    res = CliRunner().invoke(main, ["push", "--store", db, "--batch-size", "50"])
    assert res.exit_code == 0, res.output
    assert _snapshot(neo4j_sink) == expected


@pytest.mark.parametrize("local_index", [True, False])
def test_a_record_replaces_its_plain_text_copy_in_neo4j(neo4j_sink: Any, tmp_path: Path, local_index: bool):
    """Neo4j (through the local index and over Bolt): a plain text copy ingested with another
    reference date, then its record, gives the embedded store's graph of the record alone."""
    text = ("Prime Minister Helen Carter met President Luis Moreno in Madrid on Tuesday. "
            "Carter said the two leaders would meet again next month.\n")
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "carter-visit", "text": text, "published": "2024-03-05"}) + "\n",
                                      encoding="utf-8")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    with SQLiteStore(tmp_path / "g.db") as store:
        assert ingest([str(tmp_path / "a.jsonl")], store).exit_code == 0
        expected = _snapshot(store)
    import datetime as dt

    assert ingest([str(tmp_path / "a.txt")], neo4j_sink, reference_date=dt.date(2023, 11, 20),
                  local_index=local_index).exit_code == 0
    assert _snapshot(neo4j_sink) != expected
    summary = ingest([str(tmp_path / "a.jsonl")], neo4j_sink, local_index=local_index)
    assert summary.exit_code == 0 and any("replaces article" in n for n in summary.notices)
    assert _snapshot(neo4j_sink) == expected
