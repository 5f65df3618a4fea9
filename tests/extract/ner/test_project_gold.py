"""The project's name annotations read back: tokens from the source, checksum, labels, split."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graphbuilder.extract.ner import project_gold as pg
from graphbuilder.extract.ner.train import project_sentences

SOURCE = "train/ud/de-gsd/de_gsd-ud-dev.conllu"
CONLLU = """# sent_id = x-1
1\tGestern\t_\tADV\t_\t_\t_\t_\t_\t_
2\tbesuchte\t_\tVERB\t_\t_\t_\t_\t_\t_
3\tTilda\t_\tPROPN\t_\t_\t_\t_\t_\t_
4\tBrennholt\t_\tPROPN\t_\t_\t_\t_\t_\t_
5-6\tim\t_\t_\t_\t_\t_\t_\t_\t_
5\tin\t_\tADP\t_\t_\t_\t_\t_\t_
6\tdem\t_\tDET\t_\t_\t_\t_\t_\t_
7\tQuellbacher\t_\tADJ\t_\t_\t_\t_\t_\t_
8\tRathaus\t_\tNOUN\t_\t_\t_\t_\t_\t_
9\tdie\t_\tDET\t_\t_\t_\t_\t_\t_
10\tFirma\t_\tNOUN\t_\t_\t_\t_\t_\t_
11\tBrennholt-Werke\t_\tPROPN\t_\t_\t_\t_\t_\t_
12\t.\t_\tPUNCT\t_\t_\t_\t_\t_\t_

# sent_id = x-2
1\tNichts\t_\tPRON\t_\t_\t_\t_\t_\t_
2\tgeschah\t_\tVERB\t_\t_\t_\t_\t_\t_
3\t.\t_\tPUNCT\t_\t_\t_\t_\t_\t_

"""
TOKENS = "Gestern besuchte Tilda Brennholt im Quellbacher Rathaus die Firma Brennholt-Werke .".split()


def _record(sid: str, tokens: list[str], entities: list[list[object]]) -> dict[str, object]:
    return {"source": SOURCE, "sent_id": sid, "n_tokens": len(tokens),
            "tokens_sha1": pg.tokens_sha(tokens), "entities": entities}


def _setup(tmp_path: Path, *files: list[dict[str, object]]) -> tuple[Path, Path]:
    shared = tmp_path / "shared"
    (shared / SOURCE).parent.mkdir(parents=True)
    (shared / SOURCE).write_text(CONLLU, encoding="utf-8")
    gold = tmp_path / "gold"
    gold.mkdir()
    for k, records in enumerate(files):
        (gold / f"b-{k + 1:02d}.jsonl").write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return gold, shared


def test_tokens_come_from_the_source_and_only_outer_per_loc_org_are_kept(tmp_path: Path) -> None:
    gold, shared = _setup(tmp_path, [
        _record("x-1", TOKENS, [[2, 4, "PER"], [5, 6, "LOCderiv"], [9, 10, "ORG"]]),
        _record("x-2", ["Nichts", "geschah", "."], [])])
    sents = pg.read_project_gold(gold, shared)
    assert [s.sent_id for s in sents] == ["x-1", "x-2"]
    assert sents[0].tokens == TOKENS  # the multiword token "im" stays one token
    assert sents[0].tags == ["O", "O", "B-PER", "I-PER", "O", "O", "O", "O", "O", "B-ORG", "O"]
    assert sents[1].tags == ["O", "O", "O"]
    assert {s.batch for s in sents} == {"b-01"}


def test_part_and_other_names_are_not_names_for_training(tmp_path: Path) -> None:
    gold, shared = _setup(tmp_path, [_record("x-1", TOKENS, [[2, 4, "OTH"], [9, 10, "ORGpart"]])])
    assert set(pg.read_project_gold(gold, shared)[0].tags) == {"O"}


def test_a_changed_source_is_an_error_naming_the_file_and_line(tmp_path: Path) -> None:
    wrong = _record("x-1", TOKENS, [])
    wrong["tokens_sha1"] = "0" * 16
    gold, shared = _setup(tmp_path, [_record("x-2", ["Nichts", "geschah", "."], []), wrong])
    with pytest.raises(ValueError, match=r"b-01\.jsonl:2: .*x-1.*do not match"):
        pg.read_project_gold(gold, shared)


def test_unknown_sentence_and_span_outside_are_errors(tmp_path: Path) -> None:
    gold, shared = _setup(tmp_path, [_record("x-9", ["Nichts"], [])])
    with pytest.raises(ValueError, match="x-9.*not found"):
        pg.read_project_gold(gold, shared)
    gold2, _ = _setup(tmp_path / "b", [_record("x-2", ["Nichts", "geschah", "."], [[2, 5, "PER"]])])
    with pytest.raises(ValueError, match="outside"):
        pg.read_project_gold(gold2, tmp_path / "b" / "shared")


def test_a_sentence_annotated_twice_is_taken_from_the_first_file(tmp_path: Path) -> None:
    gold, shared = _setup(tmp_path, [_record("x-1", TOKENS, [[2, 4, "PER"]])],
                          [_record("x-1", TOKENS, [[2, 3, "PER"]])])
    sents = pg.read_project_gold(gold, shared)
    assert len(sents) == 1 and sents[0].batch == "b-01" and sents[0].tags[3] == "I-PER"


def test_split_is_a_fixed_fifth_by_hash() -> None:
    ids = [f"s{k}" for k in range(2000)]
    test = [i for i in ids if pg.split_of(SOURCE, i) == "test"]
    assert 300 < len(test) < 500
    assert test == [i for i in ids if pg.split_of(SOURCE, i) == "test"]
    other = "train/ud/de-pud/de_pud-ud-test.conllu"  # the same id in another source: its own draw
    assert any(pg.split_of(other, i) == "train" for i in test)


def test_training_takes_the_train_split_up_to_the_limit(tmp_path: Path) -> None:
    gold, shared = _setup(tmp_path, [_record("x-1", TOKENS, [[2, 4, "PER"]]),
                                     _record("x-2", ["Nichts", "geschah", "."], [])])
    splits = {s: pg.split_of(SOURCE, s) for s in ("x-1", "x-2")}
    train, test, info = project_sentences(gold, shared)
    assert len(train) == list(splits.values()).count("train")
    assert len(test) == list(splits.values()).count("test")
    assert info["by_source"] == {SOURCE: 2}
    assert project_sentences(gold, shared, limit=0)[:2] == ([], test)
    assert project_sentences(tmp_path / "missing", shared) == ([], [], {})


def test_all_labels_keep_part_and_other_names_when_asked(tmp_path: Path) -> None:
    gold, shared = _setup(tmp_path, [_record("x-1", TOKENS, [[2, 4, "OTH"], [9, 10, "ORGpart"]])])
    assert pg.read_project_gold(gold, shared, all_labels=True)[0].tags == [
        "O", "O", "B-OTH", "I-OTH", "O", "O", "O", "O", "O", "B-ORGpart", "O"]
