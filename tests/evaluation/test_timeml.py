"""TimeML reader and TIMEX3 scorer, on tiny hand-made documents."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from graphbuilder.evaluation.timeml import Timex, evaluate_timeml, parse_timeml, prf, score_spans

DOC = """<?xml version="1.0" ?>
<TimeML>
<DOCID>d1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2021-12-02" functionInDocument="CREATION_TIME">2021-12-02</TIMEX3></DCT>
<TEXT>
Am <TIMEX3 tid="t1" type="DATE" value="2021-12-01">Mittwoch</TIMEX3> trafen sich A &amp; B. <EVENT eid="e1">Gespräche</EVENT> folgen <TIMEX3 tid="t2" type="DATE" value="FUTURE_REF">bald</TIMEX3>.
</TEXT>
</TimeML>
"""


def test_parse_strips_tags_unescapes_and_keeps_offsets() -> None:
    doc = parse_timeml(DOC)
    assert doc.dct == dt.date(2021, 12, 2)
    assert "<" not in doc.text and "A & B" in doc.text
    assert [(t.text, t.value) for t in doc.timexes] == [("Mittwoch", "2021-12-01"), ("bald", "FUTURE_REF")]
    for t in doc.timexes:
        assert doc.text[t.start:t.end] == t.text


def test_dct_only_document_has_nothing_to_score() -> None:
    doc = parse_timeml(DOC.split("<TEXT>")[0] + "<TEXT>\nKein Datum hier.\n</TEXT></TimeML>")
    assert doc.dct == dt.date(2021, 12, 2) and doc.timexes == []
    counts = score_spans(doc.timexes, [])
    assert prf(counts["strict"]) == {"p": 0.0, "r": 0.0, "f1": 0.0, "tp": 0, "n_pred": 0, "n_gold": 0}


def test_empty_document() -> None:
    doc = parse_timeml("<TimeML><TEXT></TEXT></TimeML>")
    assert (doc.text, doc.dct, doc.timexes) == ("", None, [])


def test_strict_relaxed_value() -> None:
    gold = [Timex(0, 8, "Mittwoch", "DATE", "2021-12-01"), Timex(20, 24, "bald", "DATE", "FUTURE_REF")]
    pred = [(0, 8, "2021-12-01"), (18, 24, "PAST_REF"), (40, 45, "2021")]
    c = score_spans(gold, pred)
    assert (c["strict"]["tp"], c["relaxed"]["tp"], c["value"]["tp"]) == (1, 2, 1)
    assert prf(c["relaxed"])["p"] == round(2 / 3, 4) and prf(c["relaxed"])["r"] == 1.0


def test_value_mismatch_counts_for_relaxed_only() -> None:
    c = score_spans([(5, 10, "2021-12")], [(5, 10, "2021-11")])
    assert (c["strict"]["tp"], c["relaxed"]["tp"], c["value"]["tp"]) == (1, 1, 0)


def test_overlapping_predictions_match_one_to_one() -> None:
    gold = [(0, 10, "X")]
    pred = [(0, 4, "X"), (3, 10, "X")]  # both overlap the one gold span
    c = score_spans(gold, pred)
    assert c["relaxed"]["tp"] == 1 and c["relaxed"]["n_pred"] == 2
    assert score_spans([(0, 4, "a"), (5, 9, "b")], [(0, 9, "b")])["value"]["tp"] == 1  # larger overlap wins


def test_notational_variants_of_values_are_equal() -> None:
    assert score_spans([(0, 3, "2014-H2 ")], [(0, 3, "2014-H2")])["value"]["tp"] == 1
    assert score_spans([(0, 3, "2000-W7")], [(0, 3, "2000-W07")])["value"]["tp"] == 1
    assert score_spans([(0, 3, "2000-W17")], [(0, 3, "2000-W07")])["value"]["tp"] == 0


def test_evaluate_with_peer(tmp_path: Path) -> None:
    (tmp_path / "gold").mkdir()
    (tmp_path / "peer").mkdir()
    (tmp_path / "gold" / "a.tml").write_text(DOC, encoding="utf-8")
    (tmp_path / "peer" / "a.tml").write_text(DOC.replace('value="FUTURE_REF"', 'value="X"'), encoding="utf-8")

    class Fixed:
        def tag(self, text, language, reference_date, sentences=None):
            i = text.index("Mittwoch")
            return [Timex(i, i + 8, "Mittwoch", "DATE", "2021-12-01")]

    r = evaluate_timeml(tmp_path / "gold", Fixed(), "de", peer_dir=tmp_path / "peer")
    assert r["docs"] == 1 and r["gold"] == 2
    assert r["ours"]["strict"]["tp"] == 1 and r["ours"]["strict"]["r"] == 0.5
    assert r["peer"]["strict"]["f1"] == 1.0 and r["peer"]["value"]["tp"] == 1


KRAUTS = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "krauts-dev"


@pytest.mark.eval
def test_heideltime_peer_reproduces_published_krauts_figures() -> None:
    if not KRAUTS.exists():
        pytest.skip("../shared/eval/krauts-dev missing")
    r = evaluate_timeml(KRAUTS / "gold", None, "de", peer_dir=KRAUTS / "heideltime")
    assert r["peer_text_mismatches"] == 0
    assert abs(r["peer"]["value"]["f1"] - 0.668) < 0.005
    assert abs(r["peer"]["strict"]["f1"] - 0.714) < 0.005
    assert abs(r["peer"]["relaxed"]["f1"] - 0.813) < 0.005


@pytest.mark.eval
def test_rule_tagger_beats_the_floor_on_krauts() -> None:
    if not KRAUTS.exists():
        pytest.skip("../shared/eval/krauts-dev missing")
    from graphbuilder.extract.temporal import RuleTemporalTagger

    r = evaluate_timeml(KRAUTS / "gold", RuleTemporalTagger(), "de")
    assert r["ours"]["value"]["f1"] >= 0.668 and r["ours"]["strict"]["f1"] >= 0.668
