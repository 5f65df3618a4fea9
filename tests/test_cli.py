"""The CLI end to end on the embedded store: ingest, extract, timeline, export, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphbuilder.cli import main
from graphbuilder.core import EXIT_FAILED, EXIT_PARTIAL

GOOD_DE = ("Außenministerin Petra Albers traf am Montag den polnischen Außenminister Jan Nowak in Warschau. "
           "Albers sagte nach dem Treffen, beide Seiten wollten enger zusammenarbeiten.\n")
GOOD_EN = ("Prime Minister Helen Carter met President Luis Moreno in Madrid on Tuesday. "
           "Carter said the two leaders would meet again next month.\n")


def _run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    d = tmp_path / "articles"
    d.mkdir()
    (d / "a.jsonl").write_text(json.dumps({"id": "a1", "text": GOOD_DE, "published": "2024-03-06",
                                           "source": "Test"}) + "\n", encoding="utf-8")
    (d / "b.txt").write_text("Carter and Moreno meet\n\n" + GOOD_EN, encoding="utf-8")
    return d


def test_help_everywhere():
    for cmd in ([], ["ingest"], ["extract"], ["timeline"], ["export"], ["push"], ["query"], ["eval"], ["schema", "apply"]):
        res = _run(*cmd, "--help")
        assert res.exit_code == 0 and "Usage" in res.output


def test_ingest_is_idempotent_and_summarised(corpus: Path, tmp_path: Path):
    store = str(tmp_path / "g.db")
    first = _run("ingest", str(corpus), "--store", store, "--reference-date", "2024-03-07", "--json")
    assert first.exit_code == 0, first.output
    s1 = json.loads(first.stdout)
    assert s1["articles"] == 2 and s1["events"] > 0 and s1["entities"] > 0 and s1["failures"] == []
    exp1 = _run("export", "--store", store, "--format", "apoc-jsonl").stdout
    second = _run("ingest", str(corpus), "--store", store, "--reference-date", "2024-03-07", "--json")
    assert json.loads(second.stdout)["articles"] == 2
    exp2 = _run("export", "--store", store, "--format", "apoc-jsonl").stdout
    assert exp1 == exp2  # re-ingesting changes nothing


def test_extract_records_have_offsets_into_the_input(corpus: Path):
    res = _run("extract", str(corpus / "a.jsonl"), "--format", "json")
    assert res.exit_code == 0
    (rec,) = json.loads(res.stdout)
    assert rec["id"] == "a1" and rec["language"] == "de" and rec["reference_date"] == "2024-03-06"
    for key in ("entities", "times"):
        for item in rec[key]:
            assert GOOD_DE[item["start"]:item["end"]] == item["text"]
    for ev in rec["events"]:
        t = ev["trigger"]
        assert GOOD_DE[t["start"]:t["end"]] == t["text"]
        assert ev["status"] in {"occurred", "ongoing", "planned", "expected", "possible", "denied", "cancelled"}
    assert any(e["label"] == "PER" for e in rec["entities"])


def test_timeline_marks_planned_and_filters_by_entity(corpus: Path, tmp_path: Path):
    store = str(tmp_path / "g.db")
    _run("ingest", str(corpus), "--store", store, "--reference-date", "2024-03-07", "-q")
    res = _run("timeline", "--store", store, "--json")
    entries = json.loads(res.stdout)
    assert entries, res.output
    starts = [e["start"] for e in entries if e["start"]]
    assert starts == sorted(starts)
    only = json.loads(_run("timeline", "--store", store, "--entity", "Carter", "--json").stdout)
    assert only and len(only) < len(entries)


def test_bad_input_is_named_and_partial(tmp_path: Path):
    d = tmp_path / "mixed"
    d.mkdir()
    (d / "good.txt").write_text(GOOD_EN, encoding="utf-8")
    (d / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 50)
    (d / "empty.txt").write_text("", encoding="utf-8")
    (d / "broken.jsonl").write_text('{"id": "ok", "text": "Helen Carter said on Monday that talks went well."}\n{not json\n',
                                    encoding="utf-8")
    (d / "latin1.txt").write_bytes("Der Minister Jürgen Weiß äußerte sich am Montag in München.".encode("latin-1"))
    res = CliRunner().invoke(main, ["ingest", str(d), "--store", str(tmp_path / "g.db"), "--json",
                                                    "--reference-date", "2024-03-07"])
    assert res.exit_code == EXIT_PARTIAL, res.output
    summary = json.loads(res.stdout)
    assert summary["articles"] == 3  # good.txt, the good JSONL line, latin1.txt
    failed = " ".join(f"{f['document']}: {f['message']}" for f in summary["failures"])
    for name in ("binary.txt", "empty.txt", "broken.jsonl"):
        assert name in failed
    assert "broken.jsonl: line 2" in failed
    assert any("latin1.txt" in n for n in summary["notices"])


def test_nothing_ingested_exit_code(tmp_path: Path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    res = _run("ingest", str(tmp_path / "empty.txt"), "--store", str(tmp_path / "g.db"))
    assert res.exit_code == EXIT_FAILED


def test_stdin_and_export_formats(tmp_path: Path):
    store = str(tmp_path / "g.db")
    res = _run("ingest", "-", "--store", store, "--reference-date", "2024-03-07", input=GOOD_EN)
    assert res.exit_code == 0, res.output
    graphml = _run("export", "--store", store, "--format", "graphml").output
    assert graphml.lstrip().startswith("<?xml")
    cypher = _run("export", "--store", store, "--format", "cypher").output
    assert "MERGE" in cypher


def test_missing_store_is_a_clear_error(tmp_path: Path):
    res = CliRunner().invoke(main, ["timeline", "--store", str(tmp_path / "nope.db")])
    assert res.exit_code == 2 and "no graph store" in res.output


def test_review_merge_split_commands(tmp_path: Path):
    store = str(tmp_path / "g.db")
    text_a = json.dumps({"id": "x1", "published": "2024-03-04", "text": "Minister Anna Lind met Per Holm in Oslo on Monday."})
    text_b = json.dumps({"id": "x2", "published": "2024-03-05", "text": "Minister Eva Lind met Per Holm in Bergen on Tuesday."})
    text_c = json.dumps({"id": "x3", "published": "2024-03-06", "text": "Minister Lind said on Wednesday that the talks had gone well."})
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join((text_a, text_b, text_c)) + "\n", encoding="utf-8")
    assert _run("ingest", str(src), "--store", store, "-q").exit_code == 0
    rev = json.loads(_run("review", "--store", store, "--json").stdout)
    amb = rev["ambiguous_people"]
    assert len(amb) == 1 and len(amb[0]["candidates"]) == 2
    short, target = amb[0]["id"], amb[0]["candidates"][0]["id"]
    res = _run("merge", short, target, "--store", store)
    assert res.exit_code == 0, res.output
    decisions = json.loads((tmp_path / "g.decisions.json").read_text())
    assert decisions["merge"] == {short: target}
    # the decision survives re-ingesting into a fresh store
    store2 = str(tmp_path / "g2.db")
    assert _run("ingest", str(src), "--store", store2, "-q", "--decisions", str(tmp_path / "g.decisions.json")).exit_code == 0
    ids = {e["id"] for e in json.loads(_run("review", "--store", store2, "--json").stdout)["ambiguous_people"]}
    assert short not in ids
    assert _run("split", short, target, "--store", store).exit_code == 0
    assert json.loads((tmp_path / "g.decisions.json").read_text())["merge"] == {}
    bad = _run("merge", "per:nobody", target, "--store", store)
    assert bad.exit_code != 0 and "no node" in bad.output
