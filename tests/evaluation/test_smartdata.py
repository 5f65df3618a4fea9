"""SmartData reader and scorer, on tiny hand-made document objects."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path

import pytest

from graphbuilder.evaluation.smartdata import (
    evaluate_smartdata, iter_json_objects, map_type, parse_date, parse_smartdata_doc,
    read_smartdata, score_document,
)
from graphbuilder.models import EntityMention, TimeExpr

TEXT = "Am 3. Mai 2016 besuchte Olaf Kramm die Lufthansa in Frankfurt. US-Präsident Obama."


def _cm(text: str, sub: str, typ: str, value: str | None = None, widen: int = 0) -> dict:
    s = text.index(sub)
    return {"span": {"start": s, "end": s + len(sub) + widen}, "type": typ,
            "normalizedValue": {"string": value if value is not None else sub}}


def _doc(text: str = TEXT, mentions: list[dict] | None = None, date: str = "2016-05-04T10:00:00Z") -> dict:
    if mentions is None:
        mentions = [
            _cm(text, "3. Mai 2016", "DATE"),
            _cm(text, "Olaf Kramm", "PERSON"),
            _cm(text, "Lufthansa", "ORGANIZATION_COMPANY"),
            _cm(text, "Frankfurt", "LOCATION_CITY", widen=1),  # "Frankfurt." widened by v3
            _cm(text, "US", "LOCATION", widen=1),  # "US-" widened
            _cm(text, "Präsident", "ORG_POSITION"),
        ]
    return {"id": "d1", "text": {"string": text}, "date": {"string": date},
            "docType": {"de.dfki.lt.tap.docTypes": "NEWS_HTML"},
            "conceptMentions": {"array": mentions}, "raw": None}


def _m(sub: str, label: str, derived: bool = False) -> EntityMention:
    s = TEXT.index(sub)
    return EntityMention(start=s, end=s + len(sub), text=sub, label=label, derived=derived)


def test_iter_concatenated_objects() -> None:
    assert list(iter_json_objects('{"a": 1}{"b": [2]}\n {"c": {}}  ')) == [{"a": 1}, {"b": [2]}, {"c": {}}]
    assert list(iter_json_objects("")) == []


def test_type_mapping() -> None:
    assert [map_type(t) for t in ("PERSON", "organization-company", "ORGANIZATION", "LOCATION_STREET",
                                  "location", "DATE", "TIME", "ORG_POSITION", "NUMBER")] == [
        "PER", "ORG", "ORG", "LOC", "LOC", "DATE", "TIME", None, None]


def test_dates_including_tweet_ids() -> None:
    assert parse_date("2016-05-14T23:06:43Z") == dt.date(2016, 5, 14)
    assert parse_date("700362770202624000") == dt.date(2016, 2, 18)  # Snowflake tweet id
    assert parse_date("") is None and parse_date("12") is None


def test_parse_narrows_widened_spans_and_checks_offsets() -> None:
    doc = parse_smartdata_doc(_doc())
    assert doc.date == dt.date(2016, 5, 4) and doc.doc_type == "NEWS_HTML"
    got = [(m.text, m.type, m.label) for m in doc.mentions]
    assert ("Frankfurt", "location-city", "LOC") in got and ("US", "location", "LOC") in got
    assert ("Präsident", "org-position", None) in got
    for m in doc.mentions:
        assert TEXT[m.start:m.end] == m.text


def test_out_of_range_span_is_dropped() -> None:
    doc = parse_smartdata_doc(_doc(mentions=[{"span": {"start": 5, "end": 500}, "type": "PERSON"}]))
    assert doc.mentions == []


def test_empty_document() -> None:
    doc = parse_smartdata_doc({"text": {"string": ""}, "date": None, "conceptMentions": {"array": []}})
    assert (doc.text, doc.date, doc.mentions) == ("", None, [])
    res = score_document(doc, [], [])
    assert res["PER"]["strict"] == {"tp": 0, "n_pred": 0, "n_gold": 0}


def test_score_document_exact_overlap_and_derived() -> None:
    doc = parse_smartdata_doc(_doc())
    mentions = [_m("Olaf Kramm", "PER"), _m("Lufthansa in Frankfurt", "ORG"),  # overlaps, wrong span
                _m("Frankfurt", "LOC"), _m("US", "LOC", derived=True), _m("Obama", "PER")]
    s = TEXT.index("3. Mai 2016")
    times = [TimeExpr(start=s, end=s + 11, text="3. Mai 2016", type="DATE", value="2016-05-03"),
             TimeExpr(start=0, end=2, text="Am", type="DURATION", value="P1D")]
    res = score_document(doc, mentions, times)
    assert res["PER"]["strict"] == {"tp": 1, "n_pred": 2, "n_gold": 1}
    assert (res["ORG"]["strict"]["tp"], res["ORG"]["relaxed"]["tp"]) == (0, 1)
    assert res["LOC"]["strict"] == {"tp": 1, "n_pred": 1, "n_gold": 2}  # derived "US" not a prediction
    assert score_document(doc, mentions, times, derived=True)["LOC"]["strict"]["tp"] == 2
    assert res["DATE"]["strict"] == {"tp": 1, "n_pred": 1, "n_gold": 1}  # DURATION not compared


def test_evaluate_on_gzip_file(tmp_path: Path) -> None:
    path = tmp_path / "dev.json.gz"
    other = "Gestern sprach Angela Merkel in Berlin."
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write(json.dumps(_doc()) + json.dumps(_doc(other, [_cm(other, "Angela Merkel", "PERSON")])))
    assert len(read_smartdata(path)) == 2 and len(read_smartdata(path, limit=1)) == 1
    res = evaluate_smartdata(path)
    assert res["docs"] == 2
    assert res["exact"]["PER"]["n_gold"] == 2 and res["exact"]["micro"]["n_gold"] == 5
    assert set(res["exact"]) == {"PER", "ORG", "LOC", "micro", "DATE", "DATE+TIME"}
    assert res["recall_by_type"]["person"]["n_gold"] == 2


SMARTDATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "eval" / "smartdata-dev" / "dev.json.gz"


@pytest.mark.eval
def test_smartdata_dev_offsets_match_text() -> None:
    if not SMARTDATA.is_file():
        pytest.skip("SmartData dev data not available")
    docs = read_smartdata(SMARTDATA)
    assert len(docs) > 100
    for doc in docs:
        for m in doc.mentions:
            assert doc.text[m.start:m.end] == m.text and m.text.strip() == m.text
