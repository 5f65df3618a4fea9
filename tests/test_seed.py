"""Acceptance on the article graphbuilder was specified from (read from ../shared at test time).

The graph must show: a Blinken–Lavrov meeting on 2021-12-02 (occurred), Blinken's statement
that day, Ryabkov's statement, ONE planned Putin–Biden contact (vague future, never dated in
the past), each of the five people once, OSZE once, Russia and the USA once, the date as a
node — checked on the APOC JSON-lines export, from the .jsonl and from the .txt with
--reference-date, and unchanged by re-ingesting.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphbuilder.cli import main
from graphbuilder.keys import entity_key, person_key

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "articles" / "seed"
pytestmark = [
    pytest.mark.eval,
    pytest.mark.skipif(not SEED.exists(), reason="../shared/articles/seed not present"),
]


def _export(store: str) -> tuple[dict[str, dict], list[dict]]:
    out = CliRunner().invoke(main, ["export", "--store", store, "--format", "apoc-jsonl"]).stdout
    nodes, rels = {}, []
    for line in out.splitlines():
        rec = json.loads(line)
        if rec["type"] == "node":
            nodes[rec["id"]] = rec
        else:
            rels.append(rec)
    return nodes, rels


def _ingest(path: Path, store: str, *extra: str) -> None:
    res = CliRunner().invoke(main, ["ingest", str(path), "--store", store, "-q", *extra])
    assert res.exit_code == 0, res.output


def _check(nodes: dict[str, dict], rels: list[dict]) -> None:
    by_label: dict[str, list[dict]] = {}
    for n in nodes.values():
        by_label.setdefault(n["labels"][0], []).append(n["properties"])
    pid = {n["id"]: n["properties"]["id"] for n in nodes.values()}

    people = {name: person_key(name) for name in
              ("Antony Blinken", "Sergey Lavrov", "Sergey Ryabkov", "Vladimir Putin", "Joe Biden")}
    person_ids = Counter(p["id"] for p in by_label["Person"])
    for name, key in people.items():
        assert person_ids[key] == 1, f"{name} ({key}) not exactly once: {sorted(person_ids)}"
    orgs = [o for o in by_label.get("Organization", []) if "OSZE" in o.get("aliases", [])]
    assert len(orgs) == 1 and orgs[0]["id"] == entity_key("ORG", "OSCE")
    loc_ids = Counter(p["id"] for p in by_label["Location"])
    assert loc_ids[entity_key("LOC", "Russland")] == 1 and entity_key("LOC", "Russland") == entity_key("LOC", "Russia")
    assert loc_ids[entity_key("LOC", "USA")] == 1 and entity_key("LOC", "USA") == entity_key("LOC", "Vereinigte Staaten")
    assert "2021-12-02" in {d["id"] for d in by_label["Date"]}

    parts: dict[str, dict[str, str]] = {}
    on_date: dict[str, set[str]] = {}
    for r in rels:
        s, e = pid[r["start"]["id"]], pid[r["end"]["id"]]
        if r["label"] == "PARTICIPATED_IN":
            parts.setdefault(e, {})[s] = r.get("properties", {}).get("role", "")
        elif r["label"] == "ON_DATE":
            on_date.setdefault(s, set()).add(e)
    events = {e["id"]: e for e in by_label["Event"]}

    def with_people(*names: str) -> list[dict]:
        keys = {people[n] for n in names}
        return [ev for eid, ev in events.items() if keys <= set(parts.get(eid, {}))]

    talks = [e for e in with_people("Antony Blinken", "Sergey Lavrov") if e["family"] == "contact"]
    assert len(talks) == 1, talks
    assert talks[0]["status"] == "occurred" and talks[0]["start"] == "2021-12-02"
    assert "2021-12-02" in on_date[talks[0]["id"]]

    def statements(name: str) -> list[dict]:
        return [ev for eid, ev in events.items() if ev["type"] == "STATEMENT"
                and parts.get(eid, {}).get(people[name]) == "speaker"]

    (blinken_st,) = statements("Antony Blinken")
    assert blinken_st["status"] == "occurred" and blinken_st["start"] == "2021-12-02"
    (ryabkov_st,) = statements("Sergey Ryabkov")
    assert ryabkov_st["status"] == "occurred"

    contact = [e for e in with_people("Vladimir Putin", "Joe Biden") if e["family"] == "contact"]
    assert len(contact) == 1, contact
    pb = contact[0]
    assert pb["status"] == "planned"
    assert pb.get("time_value") == "FUTURE_REF" and pb.get("vague") is True
    assert pb.get("start") is None or pb["start"] > "2021-12-02"
    assert not any(d <= "2021-12-02" for d in on_date.get(pb["id"], set()))


def test_seed_jsonl_graph_and_reingest(tmp_path: Path):
    store = str(tmp_path / "seed.db")
    _ingest(SEED / "000_c4eb5052a9dc9378.jsonl", store)
    nodes, rels = _export(store)
    _check(nodes, rels)
    _ingest(SEED / "000_c4eb5052a9dc9378.jsonl", store)
    nodes2, rels2 = _export(store)
    assert (len(nodes2), len(rels2)) == (len(nodes), len(rels))
    assert nodes2 == nodes


def test_seed_folder_reads_its_text_copy_once(tmp_path: Path):
    """``graphbuilder ingest`` of the whole seed folder (the .jsonl record and its plain .txt copy):
    one article, every fact once, as from the record alone."""
    store = str(tmp_path / "folder.db")
    _ingest(SEED, store)
    nodes, rels = _export(store)
    assert sum(n["labels"] == ["Article"] for n in nodes.values()) == 1
    _check(nodes, rels)


def test_seed_txt_with_reference_date(tmp_path: Path):
    store = str(tmp_path / "seed_txt.db")
    _ingest(SEED / "000_c4eb5052a9dc9378.txt", store, "--reference-date", "2021-12-02")
    _check(*_export(store))


def test_seed_footer_is_not_news(tmp_path: Path):
    res = CliRunner().invoke(main, ["extract", str(SEED / "000_c4eb5052a9dc9378.jsonl")])
    rec = json.loads(res.stdout)
    text = json.loads((SEED / "000_c4eb5052a9dc9378.jsonl").read_text(encoding="utf-8"))["text"]
    footer_start = text.index("Mehr zum Thema")
    assert all(t["start"] < footer_start for t in rec["times"])  # the footer's "13. April" is furniture
    assert all(e["trigger"]["start"] < footer_start for e in rec["events"])
