"""scripts/ner_gold_tool.py: batches compile to token spans, problems are named, agreement counts."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

_SPEC = importlib.util.spec_from_file_location(
    "ner_gold_tool", Path(__file__).resolve().parents[2] / "scripts" / "ner_gold_tool.py")
assert _SPEC and _SPEC.loader
tool = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(tool)

BATCH = """# batch t-01 source train/ud/xx/invented.conllu
s001\tx-1\tGestern besuchte Tilda Brennholt das Rathaus von Quellbach .
s002\tx-2\tIn Quellbach und Quellbach-Ost regnete es .
s003\tx-3\tNichts geschah .
"""


def _files(tmp_path: Path, ann: str) -> tuple[Path, Path, Path]:
    batch, ann_file = tmp_path / "t-01.txt", tmp_path / "t-01.ann.txt"
    batch.write_text(BATCH, encoding="utf-8")
    ann_file.write_text(ann, encoding="utf-8")
    return batch, ann_file, tmp_path / "out" / "t-01.jsonl"


def test_compile_maps_names_to_token_spans(tmp_path: Path) -> None:
    batch, ann, out = _files(tmp_path, "s001\tPER: Tilda Brennholt | LOC: Quellbach\n"
                                       "s002\tLOC: Quellbach | LOCpart: Quellbach-Ost\ns003\t-\n")
    assert tool.compile_batch(batch, ann, out) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["sent_id"] for r in rows] == ["x-1", "x-2", "x-3"]
    assert rows[0]["entities"] == [[2, 4, "PER"], [7, 8, "LOC"]]
    assert rows[1]["entities"] == [[1, 2, "LOC"], [3, 4, "LOCpart"]]
    assert rows[2]["entities"] == []
    assert rows[0]["tokens_sha1"] == tool.tokens_sha(BATCH.splitlines()[1].split("\t")[2].split(" "))


def test_nth_occurrence_is_chosen(tmp_path: Path) -> None:
    batch = tmp_path / "b.txt"
    batch.write_text("# batch b source s\ns001\ty\tAus Borkum nach Borkum .\n", encoding="utf-8")
    ann = tmp_path / "a.txt"
    ann.write_text("s001\tLOC: Borkum #2\n", encoding="utf-8")
    assert tool.compile_batch(batch, ann, tmp_path / "o.jsonl") == 0
    assert json.loads((tmp_path / "o.jsonl").read_text())["entities"] == [[3, 4, "LOC"]]


@pytest.mark.parametrize("ann, problem", [
    ("s001\tPER: Tilda Brenholt\ns002\t-\ns003\t-\n", "not a token sequence"),
    ("s001\tPERSON: Tilda\ns002\t-\ns003\t-\n", "cannot read"),
    ("s001\tPER: Tilda Brennholt | PER: Brennholt\ns002\t-\ns003\t-\n", "overlaps"),
    ("s001\t-\ns002\t-\n", "no annotation line"),
])
def test_problems_are_named_and_nothing_is_written(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                   ann: str, problem: str) -> None:
    batch, ann_file, out = _files(tmp_path, ann)
    assert tool.compile_batch(batch, ann_file, out) > 0
    assert problem in capsys.readouterr().err
    assert not out.exists()


def test_agreement_counts_spans_per_label(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text(json.dumps({"sent_id": "1", "entities": [[0, 1, "PER"], [3, 4, "LOC"]]}) + "\n")
    b.write_text(json.dumps({"sent_id": "1", "entities": [[0, 1, "PER"], [3, 4, "ORG"]]}) + "\n")
    tool.agree(a, b)
    out = capsys.readouterr().out
    assert "PER/LOC/ORG (scored): 1 sentences, F1 0.500" in out
    assert "spans, any label: 1 sentences, F1 1.000" in out


def test_conllu_multiword_tokens_stay_one_surface_token(tmp_path: Path) -> None:
    p = tmp_path / "x.conllu"
    p.write_text("# sent_id = q1\n1\tEr\n2-3\tzum\n2\tzu\n3\tdem\n4\tHafen\n\n", encoding="utf-8")
    assert tool.conllu_sentences(p) == [("q1", ["Er", "zum", "Hafen"])]
