"""Tests for the event gold loader and scorer on tiny hand-made cases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graphbuilder.evaluation import events as ge
from graphbuilder.models import EventMention, Participant, Span, TimeExpr

TEXT = "Merkel traf Macron am 2. Mai in Paris. Danach sagte Macron, Putin habe angerufen."
#       0     6    11     18


def _at(word: str, nth: int = 1) -> tuple[int, int]:
    i = -1
    for _ in range(nth):
        i = TEXT.index(word, i + 1)
    return i, i + len(word)


def _gspan(word: str, nth: int = 1) -> ge.GoldSpan:
    s, e = _at(word, nth)
    return ge.GoldSpan(s, e, word)


def _gpart(word: str, nth: int = 1, role: str = "participant") -> ge.GoldParticipant:
    s, e = _at(word, nth)
    return ge.GoldParticipant(s, e, word, "PER", role)


def _gold() -> ge.GoldDoc:
    return ge.GoldDoc(doc_id="d1", corpus="test", lang="de", text=TEXT, events=[
        ge.GoldEvent("e1", "MEETING", _gspan("traf"), "occurred",
                     [_gpart("Merkel"), _gpart("Macron")], time="XXXX-05-02"),
        ge.GoldEvent("e2", "STATEMENT", _gspan("sagte"), "occurred",
                     [_gpart("Macron", 2, "speaker")]),
        ge.GoldEvent("e3", "CALL", _gspan("angerufen"), "occurred", [_gpart("Putin")]),
    ])


def _pred(key: str, type_: str, word: str, parts: list[str] | None = None,
          status: str = "occurred", time: str | None = None, nth: int = 1) -> EventMention:
    s, e = _at(word, nth)
    return EventMention(
        key=key, type=type_, status=status, trigger=Span(start=s, end=e, text=word),
        sentence=0, participants=[Participant(key=p) for p in parts or []],
        time=None if time is None else TimeExpr(start=0, end=1, text="x", type="DATE",
                                                value=time))


# Participant keys in these tests are "word" or "word#n"; spans come from TEXT.
def _spans(doc_id: str, ev: EventMention) -> list[tuple[int, int]]:
    out = []
    for p in ev.participants:
        word, _, nth = p.key.partition("#")
        out.append(_at(word, int(nth or 1)))
    return out


def test_families_put_press_conference_in_contact_and_statement() -> None:
    assert ge.same_family("MEETING", "CALL")
    assert ge.same_family("PRESS_CONFERENCE", "STATEMENT")
    assert ge.same_family("PRESS_CONFERENCE", "VISIT")
    assert not ge.same_family("STATEMENT", "MEETING")
    assert not ge.same_family("ATTACK", "CRIME")
    assert ge.same_family("ATTACK", "ATTACK")


def test_time_matches_nulls_and_placeholders() -> None:
    assert ge.time_matches(None, None)
    assert not ge.time_matches(None, "2021-05-02")
    assert not ge.time_matches("2021", None)
    assert ge.time_matches("XXXX-05-02", "2021-05-02")
    assert not ge.time_matches("XXXX-05-02", "2021-05-03")
    assert not ge.time_matches("2021-05-02", "XXXX-05-02")


def test_participants_equal_needs_one_to_one_cover() -> None:
    gold = [_gpart("Merkel"), _gpart("Macron")]
    assert ge.participants_equal(gold, [_at("Macron"), _at("Merkel")])
    assert not ge.participants_equal(gold, [_at("Merkel")])
    assert not ge.participants_equal(gold, [_at("Merkel"), _at("Merkel")])
    # Alternative spans of one entity: any mention may cover the gold one.
    assert ge.participants_equal(gold, [[_at("Merkel")], [_at("Macron", 2), _at("Macron")]])
    assert ge.participants_equal([], [])


def test_perfect_prediction_scores_one() -> None:
    preds = {"d1": [
        _pred("p1", "MEETING", "traf", ["Merkel", "Macron"], time="2021-05-02"),
        _pred("p2", "STATEMENT", "sagte", ["Macron#2"]),
        _pred("p3", "CALL", "angerufen", ["Putin"]),
    ]}
    res = ge.score_events([_gold()], preds, _spans)
    assert res["detection"]["f1"] == 1.0
    assert res["full"]["f1"] == 1.0
    assert all(v == 0 for v in res["errors"].values())


def test_errors_are_categorised() -> None:
    preds = {"d1": [
        # same family, other type, wrong status and time -> detected, not full
        _pred("p1", "VISIT", "traf", ["Merkel", "Macron"], status="planned"),
        # statement family vs CALL: no match -> spurious; gold CALL missed
        _pred("p2", "STATEMENT", "angerufen", ["Putin"]),
        # right type and trigger but a participant too few
        _pred("p3", "STATEMENT", "sagte", []),
    ]}
    res = ge.score_events([_gold()], preds, _spans)
    assert res["detection"]["tp"] == 2
    assert res["full"]["tp"] == 0
    err = res["errors"]
    assert err["missed"] == 1 and err["spurious"] == 1
    assert err["wrong_type"] == 1 and err["wrong_status"] == 1
    assert err["wrong_time"] == 1 and err["wrong_participants"] == 1
    assert res["per_type"]["CALL"]["missed"] == 1
    assert res["confusions"]["MEETING->VISIT"] == 1
    # the spurious STATEMENT sits on the missed CALL's trigger: typed into another family
    assert err["missed_other_family"] == 1
    assert res["confusions"]["CALL->STATEMENT (other family)"] == 1


def test_participant_sets_match_without_trigger_overlap() -> None:
    # Trigger on "Paris" overlaps nothing, but participants equal the gold meeting's.
    res = ge.score_events([_gold()], {"d1": [_pred("p", "MEETING", "Paris",
                                                   ["Merkel", "Macron"])]}, _spans)
    assert res["detection"]["tp"] == 1
    # Without a span function the participant route cannot match.
    res = ge.score_events([_gold()], {"d1": [_pred("p", "MEETING", "Paris",
                                                   ["Merkel", "Macron"])]})
    assert res["detection"]["tp"] == 0


def test_matching_is_one_to_one_and_prefers_exact_type() -> None:
    preds = {"d1": [
        _pred("a", "CALL", "traf"),      # family match only
        _pred("b", "MEETING", "traf"),   # exact type, should win the gold MEETING
    ]}
    res = ge.score_events([_gold()], preds, _spans)
    assert res["detection"]["tp"] == 1
    assert res["errors"]["spurious"] == 1
    assert res["errors"]["wrong_type"] == 0


def test_per_type_precision_counts_predictions_of_that_type() -> None:
    # gold MEETING found by a CALL prediction: MEETING recall 1, CALL precision 1
    res = ge.score_events([_gold()], {"d1": [_pred("a", "CALL", "traf")]})
    row_m, row_c = res["per_type"]["MEETING"], res["per_type"]["CALL"]
    assert row_m["detection_recall"] == 1.0 and row_m["detection_precision"] == 0.0
    assert row_c["detection_precision"] == 1.0 and row_c["detection_recall"] == 0.0


def test_mentions_count_for_trigger_overlap() -> None:
    gold = _gold()
    gold.events[2].mentions.append(_gspan("Putin"))
    res = ge.score_events([gold], {"d1": [_pred("p", "CALL", "Putin")]})
    assert res["detection"]["tp"] == 1


def _record(events: list[dict]) -> dict:
    return {"doc_id": "d1", "locator": {"corpus": "test"}, "sha256": ge.text_sha(TEXT),
            "events": events}


def test_parse_record_validates_spans_and_hash() -> None:
    s, e = _at("traf")
    ev = {"id": "e1", "type": "MEETING", "status": "occurred",
          "trigger": {"start": s, "end": e, "text": "traf"}}
    doc = ge.parse_record(_record([ev]), TEXT, "de")
    assert doc.events[0].trigger.text == "traf" and doc.events[0].time is None
    with pytest.raises(ge.GoldError, match="text"):
        ge.parse_record(_record([{**ev, "trigger": {"start": s + 1, "end": e + 1,
                                                     "text": "traf"}}]), TEXT, "de")
    with pytest.raises(ge.GoldError, match="hash"):
        ge.parse_record(_record([ev]), TEXT + " ", "de")
    with pytest.raises(ge.GoldError, match="type"):
        ge.parse_record(_record([{**ev, "type": "PARTY"}]), TEXT, "de")


def test_read_de_line_unquotes_doubled_quotes() -> None:
    label, text = ge.read_de_line("Inland;'Er sprach vom ''Fels''; sagte er.'")
    assert label == "Inland"
    assert text == "Er sprach vom 'Fels'; sagte er."


GOLD_DIR = Path(__file__).resolve().parents[1] / "gold/events"
GOLD = GOLD_DIR / "annotations.jsonl"
HELDOUT = GOLD_DIR / "heldout.jsonl"
AGREEMENT = GOLD_DIR / "agreement.jsonl"  # a second, independent annotation of some dev articles
CORPUS, SECTIONS = GOLD_DIR / "corpus", GOLD_DIR / "sections"  # the training corpora (folders of batches)
SHARED = Path(__file__).resolve().parents[2].parent / "shared"


@pytest.mark.eval
@pytest.mark.parametrize("path", [GOLD, HELDOUT, AGREEMENT, CORPUS, SECTIONS],
                         ids=["dev", "heldout", "agreement", "corpus", "sections"])
def test_gold_file_loads_and_matches_texts(path: Path) -> None:
    if not (SHARED / "bench").is_dir():
        pytest.skip("../shared/bench not available")
    docs = ge.load_gold(path, SHARED)
    assert len({d.doc_id for d in docs}) == len(docs)
    for d in docs:
        for ev in d.events:
            assert d.text[ev.trigger.start:ev.trigger.end] == ev.trigger.text
    res = ge.score_events(docs, ge.gold_as_predictions(docs), ge.gold_participant_spans)
    assert res["full"]["f1"] == 1.0


def test_heldout_articles_are_not_in_the_development_gold() -> None:
    ids = [{rec["doc_id"] for rec in ge.iter_records(p)} for p in (GOLD, HELDOUT)]
    assert ids[0] and ids[1] and not ids[0] & ids[1]


def test_sections_articles_are_in_no_other_gold_file() -> None:
    """The sections corpus (session 13) adds articles; none is in the development, held-out,
    agreement or corpus gold, so none is trained on in one set and tested on in another."""
    sections = {rec["doc_id"] for rec in ge.iter_records(SECTIONS)}
    others = set().union(*({rec["doc_id"] for rec in ge.iter_records(p)} for p in (GOLD, HELDOUT, AGREEMENT, CORPUS)))
    assert sections and not sections & others
    plan = json.loads((SECTIONS / "plan.json").read_text(encoding="utf-8"))
    planned = {a["doc_id"] for batch in plan["batches"].values() for a in batch}
    assert sections <= planned
    assert not any(d.startswith("bbc:politics/") for d in planned)


def test_agreement_articles_are_development_articles() -> None:
    dev = {rec["doc_id"] for rec in ge.iter_records(GOLD)}
    second = {rec["doc_id"] for rec in ge.iter_records(AGREEMENT)}
    assert second and second <= dev


def test_split_is_fixed_by_document_id_and_about_a_fifth():
    ids = [f"10kgnad:test:{i}" for i in range(2000)]
    splits = [ge.split_of(d) for d in ids]
    assert splits == [ge.split_of(d) for d in ids]  # a pure function of the id
    assert 0.15 < splits.count("test") / len(ids) < 0.25
    assert set(splits) == {"train", "test"}


def test_records_are_read_from_every_jsonl_file_of_a_folder(tmp_path: Path):
    (tmp_path / "b.jsonl").write_text('{"doc_id": "b1"}\n\n{"doc_id": "b2"}\n', encoding="utf-8")
    (tmp_path / "a.jsonl").write_text('{"doc_id": "a1"}\n', encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a record", encoding="utf-8")
    assert [r["doc_id"] for r in ge.iter_records(tmp_path)] == ["a1", "b1", "b2"]


def test_a_broken_line_in_a_folder_names_its_file(tmp_path: Path):
    (tmp_path / "x.jsonl").write_text('{"doc_id": "x1"}\n{oops\n', encoding="utf-8")
    with pytest.raises(ge.GoldError, match=r"x\.jsonl:2"):
        list(ge.iter_records(tmp_path))


def test_unknown_split_is_refused(tmp_path: Path):
    with pytest.raises(ge.GoldError, match="unknown split"):
        ge.load_gold(tmp_path, tmp_path, split="dev")


def test_copies_of_one_article_count_once_and_never_cross_splits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    texts = {"a": "Title A\nSame body here.", "b": "Other title\nSame   body here.", "c": "T\nAnother body.",
             "d": "T2\nReserved body."}
    monkeypatch.setattr(ge, "article_text", lambda loc, shared, cache=None: (texts[loc["k"]], "en", "t"))
    monkeypatch.setattr(ge, "parse_record", lambda rec, text, lang, title=None: rec["doc_id"])
    rec = lambda d: json.dumps({"doc_id": d, "locator": {"k": d}})  # noqa: E731
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "x.jsonl").write_text("\n".join(rec(d) for d in "bcda") + "\n", encoding="utf-8")
    (tmp_path / "dev.jsonl").write_text(rec("d") + "\n", encoding="utf-8")
    assert ge.body_key(texts["a"]) == ge.body_key(texts["b"])
    docs = ge.load_gold(tmp_path / "corpus", tmp_path, exclude=[tmp_path / "dev.jsonl"])
    assert sorted(docs) == ["a", "c"]  # b copies a (smaller id wins), d copies a reserved article
    for split in ge.SPLITS:
        kept = ge.load_gold(tmp_path / "corpus", tmp_path, split=split, exclude=[tmp_path / "dev.jsonl"])
        assert set(kept) <= {"a", "c"}


def test_roc_auc_counts_ties_half_and_needs_both_classes() -> None:
    assert ge.roc_auc([0.9, 0.1, 0.5, 0.5], [True, False, True, False]) == 0.875
    assert ge.roc_auc([0.2, 0.3], [True, True]) != ge.roc_auc([0.2, 0.3], [True, True])  # NaN
    assert ge.brier([1.0, 0.0, 0.5], [True, True, False]) == (0 + 1 + 0.25) / 3


def test_confidence_figures_rank_real_and_right_events() -> None:
    from graphbuilder.models import Document, EntityMention, Extraction

    ents = [EntityMention(start=s, end=e, text=TEXT[s:e], label="PER", key=TEXT[s:e])
            for s, e in (_at("Merkel"), _at("Macron"), _at("Macron", 2), _at("Putin"))]
    events = [_pred("p1", "MEETING", "traf", ["Merkel", "Macron"], time="2021-05-02"),
              _pred("p2", "STATEMENT", "sagte", ["Merkel"]),  # real, the wrong speaker
              _pred("p3", "ATTACK", "Paris")]  # no such event
    for ev, conf in zip(events, (0.9, 0.5, 0.1)):
        ev.confidence = conf
    ex = Extraction(document=Document(id="d1", text=TEXT), language="de", entities=ents, events=events)
    figures = ge.confidence_figures([_gold()], {"d1": ex})
    assert figures["events"] == 3 and figures["AUC real"] == 1.0 and figures["AUC right"] == 1.0
    assert figures["Brier right"] == round((0.01 + 0.25 + 0.01) / 3, 3) and figures["right rate"] == 0.333
    events[0].confidence, events[1].confidence = 0.5, 0.9  # the right event now below the wrong speaker
    assert ge.confidence_figures([_gold()], {"d1": ex})["AUC right"] == 0.5
