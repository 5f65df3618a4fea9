"""benchmarks/analyst_sample.py: sheets are drawn reproducibly, judged sheets are scored with agreement."""

from __future__ import annotations

import csv
import json
import importlib.util
from pathlib import Path

import pytest

_SPEC = importlib.util.spec_from_file_location(
    "analyst_sample", Path(__file__).resolve().parents[2] / "benchmarks" / "analyst_sample.py")
assert _SPEC and _SPEC.loader
tool = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(tool)


def _rows(n: int) -> list[dict[str, str]]:
    return [{"id": f"evt:{i}", "label": f"Tilda Brennholt besucht Quellbach {i}", "type": "VISIT",
             "status": "occurred", "time": "2020-01-02", "participants": "Tilda Brennholt (participant)",
             "place": "", "evidence": f"[besuchte] Tilda Brennholt besuchte Quellbach {i}."} for i in range(n)]


def test_sheets_are_drawn_reproducibly(tmp_path: Path) -> None:
    rows = {"de": _rows(30), "en": _rows(5)}
    tool.write_sheets(tmp_path / "a", rows, 10, seed=3)
    tool.write_sheets(tmp_path / "b", rows, 10, seed=3)
    tool.write_sheets(tmp_path / "c", rows, 10, seed=4)
    a = (tmp_path / "a" / "sheet-de.tsv").read_text(encoding="utf-8")
    assert a == (tmp_path / "b" / "sheet-de.tsv").read_text(encoding="utf-8")
    assert a != (tmp_path / "c" / "sheet-de.tsv").read_text(encoding="utf-8")
    with (tmp_path / "a" / "sheet-en.tsv").open(encoding="utf-8") as fh:
        sheet = list(csv.DictReader(fh, delimiter="\t"))
    assert len(sheet) == 5  # fewer events than asked for: all of them
    assert all(r["judge_real"] == r["judge_participants"] == r["judge_label"] == "" for r in sheet)
    assert all(r["participants"] == "Tilda Brennholt (participant)" for r in sheet)


def _judged(path: Path, answers: list[tuple[str, str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t")
        w.writerow(["n", "label", "participants", *tool.ANSWERS])
        for i, a in enumerate(answers, 1):
            w.writerow([i, "x", "Tilda Brennholt", *a])
    return path


def test_score_counts_yes_and_agreement(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = _judged(tmp_path / "A.tsv", [("y", "y", "n"), ("y", "n", "n"), ("n", "n", "y"), ("y", "?", "y")])
    b = _judged(tmp_path / "B.tsv", [("y", "y", "n"), ("y", "y", "n"), ("n", "n", "y"), ("n", "n", "y")])
    tool.score([a, b])
    lines = capsys.readouterr().out.splitlines()
    out = {line.split()[0]: line for line in lines[:lines.index(next(x for x in lines if x.startswith("event nodes shown")))]}
    assert "/A.tsv: 3/4 = 75%" in out["real"] and "/B.tsv: 2/4 = 50%" in out["real"]
    assert "agreement 75%" in out["real"]
    assert "/A.tsv: 1/3 = 33%" in out["participants"]  # "?" is left out
    assert "agreement 67%" in out["participants"] and "3 items" in out["participants"]
    assert "agreement 100% (kappa 1.00" in out["label"]


def test_the_confidence_is_kept_apart_from_the_sheet_and_ranked_against_each_judge(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = _rows(4)
    for r, conf in zip(rows, (0.9, 0.2, 0.6, 0.1)):
        r["confidence"] = conf
    tool.write_sheets(tmp_path / "s", {"en": rows}, 4, seed=1)
    sheet = (tmp_path / "s" / "sheet-en.tsv").read_text(encoding="utf-8")
    assert "0.9" not in sheet and "confidence" not in sheet  # the judge does not see it
    keys = json.loads((tmp_path / "s" / "key-en.json").read_text(encoding="utf-8"))
    confs = json.loads((tmp_path / "s" / "confidence-en.json").read_text(encoding="utf-8"))
    assert [{"evt:0": 0.9, "evt:1": 0.2, "evt:2": 0.6, "evt:3": 0.1}[k] for k in keys] == confs
    # the judge finds the two most confident nodes real, only the first with the right participants
    order = sorted(range(4), key=lambda i: -confs[i])
    answers = [("y", "y", "y") if i == order[0] else ("y", "n", "n") if i == order[1] else ("n", "n", "n")
               for i in range(4)]
    judged = _judged(tmp_path / "A.tsv", answers)
    tool.confidence_ranking([judged], confs)
    assert "real 1.00, real with the right participants 1.00 (4 nodes)" in capsys.readouterr().out


def test_merged_sheets_hide_and_keep_the_versions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tool.write_sheets(tmp_path / "old", {"de": _rows(6)}, 6, seed=1)
    tool.write_sheets(tmp_path / "new", {"de": _rows(4)}, 4, seed=1)
    tool.merge_blind(tmp_path / "old", tmp_path / "new", tmp_path / "both", seed=2)
    with (tmp_path / "both" / "sheet-de.tsv").open(encoding="utf-8") as fh:
        merged = list(csv.reader(fh, delimiter="\t"))
    versions = json.loads((tmp_path / "both" / "versions-de.json").read_text(encoding="utf-8"))
    assert [r[0] for r in merged[1:]] == [str(i) for i in range(1, 11)]
    assert sorted(versions) == ["a"] * 6 + ["b"] * 4 and versions != sorted(versions)
    capsys.readouterr()
    answers = [("y" if v == "a" else "n", "y", "y") for v in versions]
    judged = _judged(tmp_path / "A.tsv", answers)
    tool.score([judged], versions)
    out = capsys.readouterr().out
    assert "== version a" in out and "6/6 = 100%" in out and "0/4 = 0%" in out


def test_not_label_bench_leaves_out_the_articles_labels_are_measured_on() -> None:
    shared = Path(__file__).resolve().parents[3] / "shared"
    if not (shared / "bench" / "de-10kgnad").is_dir():
        pytest.skip("../shared/bench not present")
    bench = tool.label_bench_ids(shared)
    assert len(bench) == 400 and any(i.startswith("10kgnad:") for i in bench) and any(i.startswith("bbc:") for i in bench)
    plain = tool.documents(shared, 40, "business", tool.gold_ids(), 60)
    fresh = tool.documents(shared, 40, "business", tool.gold_ids() | bench, 60)
    spelled = {tool.de_doc_id(int(d.id[3:])) if d.language == "de" else tool.en_doc_id("business/" + d.id.rsplit("-", 1)[1] + ".txt")
               for d in fresh}
    assert len(fresh) == 80 and not spelled & bench
    assert {d.id for d in plain} != {d.id for d in fresh}  # the plain draw does hold bench articles
