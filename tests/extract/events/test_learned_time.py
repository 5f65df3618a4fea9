"""The learned event time (which time expression of the sentence dates the trigger): candidate
features, training labels, the decision and its fallback. All sentences and names are invented."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from graphbuilder.evaluation.events import GoldEvent, GoldSpan
from graphbuilder.extract.events.learned import LearnedEventExtractor
from graphbuilder.extract.events.learned.extractor import time_model_path
from graphbuilder.extract.events.learned.timing import granularity, is_absolute, label_pairs, placeable
from graphbuilder.models import TimeExpr

from event_helpers import REF, _ents, _sentences, _time, toy_classifier

NONE = Path("/nonexistent")


def _record(text: str, lang: str, ents, times, gold) -> list[tuple[list[str], str]]:
    got: list[tuple[list[str], str]] = []
    LearnedEventExtractor(trigger_models={"de": NONE, "en": NONE, "roles": NONE, "status": NONE, "time": NONE},
                          role_labels=gold, time_recorder=lambda feats, label: got.append((feats, label))).extract(
        text, lang, _sentences(text), ents, times, [], REF)
    return got


def _gold(text: str, trigger: str, type_: str, time: str | None = None, span: str | None = None) -> GoldEvent:
    s = text.index(trigger)
    ts = None
    if span is not None:
        t0 = text.index(span)
        ts = GoldSpan(t0, t0 + len(span), span)
    return GoldEvent(id="e1", type=type_, trigger=GoldSpan(s, s + len(trigger), trigger), status="occurred",
                     time=time, time_span=ts)


def _tx(text: str, surface: str, value: str, type_: str = "DATE") -> TimeExpr:
    t = _time(text, surface, value, None, None)
    return t.model_copy(update={"type": type_})


def test_placeable_and_absolute_times():
    text = "x"
    assert placeable(TimeExpr(start=0, end=1, text="x", type="DATE", value="XXXX-05-03"))
    assert not placeable(TimeExpr(start=0, end=1, text="x", type="DATE", value="XXXX-WXX-2"))  # a bare weekday
    assert not placeable(TimeExpr(start=0, end=1, text="x", type="SET", value="P1W"))
    assert not placeable(TimeExpr(start=0, end=1, text="x", type="DURATION", value="P3Y"))  # no interval
    assert is_absolute(TimeExpr(start=0, end=4, text="2011", type="DATE", value="2011"))
    assert not is_absolute(TimeExpr(start=0, end=12, text="nächstes Jahr", type="DATE", value="2024"))
    assert granularity(TimeExpr(start=0, end=1, text=text, type="DATE", value="2011-05")) == "month"
    assert granularity(TimeExpr(start=0, end=1, text=text, type="DATE", value="XXXX-05-03")) == "day"


def test_de_candidates_carry_side_distance_preposition_and_competing_trigger():
    text = "Am 3. Mai traf Lia Torm den Minister Ravel Oste, der im Juli 2011 zurückgetreten war."
    ents = _ents(text, [("Lia Torm", "PER", "per:torm"), ("Ravel Oste", "PER", "per:oste")])
    times = [_tx(text, "3. Mai", "XXXX-05-03"), _tx(text, "Juli 2011", "2011-07")]
    gold = [_gold(text, "traf", "MEETING", "XXXX-05-03", "3. Mai")]
    got = _record(text, "de", ents, times, gold)
    assert [label for _f, label in got] == ["yes", "no"]
    own, other = got[0][0], got[1][0]
    assert "side=b" in own and "p1=am" in own and "prep=True" in own and "own_clause=True" in own
    assert "gran=day" in own
    assert "side=a" in other and "own_clause=False" in other and "commas=1" in other and "gran=month" in other
    assert "rule_pick=True" in own and "rule_pick=False" in other


def test_en_time_owned_by_another_trigger_is_marked():
    text = "Lia Torm said on Monday that Ravel Oste resigned in June 2011."
    ents = _ents(text, [("Lia Torm", "PER", "per:torm"), ("Ravel Oste", "PER", "per:oste")])
    times = [_tx(text, "June 2011", "2011-06")]
    gold = [_gold(text, "said", "STATEMENT")]
    got = _record(text, "en", ents, times, gold)
    # the gold statement has no time: an absolute candidate is a negative example
    assert [label for _f, label in got] == ["no"]
    feats = got[0][0]
    assert "side=a" in feats and any(f.startswith("verb_trig_between") for f in feats)
    assert "closer_trigs=1" in feats and "p1=in" in feats


def test_relative_candidates_of_an_event_without_gold_time_are_not_labelled():
    text = "Lia Torm traf im nächsten Jahr den Minister Ravel Oste."
    ents = _ents(text, [("Lia Torm", "PER", "per:torm"), ("Ravel Oste", "PER", "per:oste")])
    times = [_time(text, "im nächsten Jahr", "2024", dt.date(2024, 1, 1), dt.date(2024, 12, 31))]
    assert _record(text, "de", ents, times, [_gold(text, "traf", "MEETING")]) == []


def _toy_model(path: Path) -> Path:
    """A toy model: a time with no comma between it and the trigger dates it, one behind commas does not."""
    return toy_classifier(path, [(["commas=0"], "yes"), (["commas=1"], "no"), (["commas=2"], "no")])


def test_the_classifier_picks_the_governing_time_and_otherwise_leaves_a_marked_fallback(tmp_path: Path):
    model = _toy_model(tmp_path / "time.crfsuite")
    models = {"de": NONE, "en": NONE, "roles": NONE, "status": NONE, "time": model}
    text = ("Nora Lind visited Northgate, the quiet town of her youth, in the spring of 2019.\n"
            "Rolf Kent met Tara Vey in Eastport on 4 May 2022.")
    ents = _ents(text, [("Rolf Kent", "PER", "per:kent"), ("Tara Vey", "PER", "per:vey"), ("Eastport", "LOC", "loc:e"),
                        ("Nora Lind", "PER", "per:lind"), ("Northgate", "LOC", "loc:n")])
    times = [_time(text, "4 May 2022", "2022-05-04", dt.date(2022, 5, 4), dt.date(2022, 5, 4)),
             _time(text, "the spring of 2019", "2019-SP", dt.date(2019, 3, 1), dt.date(2019, 5, 31))]
    second, first = sorted(LearnedEventExtractor(trigger_models=models).extract(
        text, "en", _sentences(text), ents, times, [], REF), key=lambda e: e.trigger.start)
    assert first.time is not None and first.time.value == "2022-05-04" and first.time_source == "clause"
    # no time of its own: "before report date" (told in the past), marked as a fallback
    assert second.time is None and second.time_source == "tense"
    # switched off: the rules' time stands
    ev = LearnedEventExtractor(trigger_models=models, learned_time=False).extract(
        text, "en", _sentences(text), ents, times, [], REF)
    assert sorted(e.time.value for e in ev if e.time) == ["2019-SP", "2022-05-04"]


shipped = pytest.mark.skipif(not time_model_path().exists(), reason="no shipped time model")


@pytest.fixture(autouse=True)
def _time_classifier_on(monkeypatch):
    """The shipped time classifier is off by default (LEARNED_TIME); these tests switch it on."""
    from graphbuilder.extract.events.learned import extractor

    monkeypatch.setattr(extractor, "LEARNED_TIME", True)


@shipped
@pytest.mark.parametrize("lang,text,trigger,want", [
    ("de", "Die Außenministerin Lia Torm traf am 3. Mai 2022 in Valdora ihren Amtskollegen Ravel Oste.", "traf", "2022-05-03"),
    ("en", "Foreign minister Lia Torm met her counterpart Ravel Oste in Valdora on 3 May 2022.", "met", "2022-05-03"),
])
def test_shipped_model_attaches_the_date_governing_the_trigger(lang, text, trigger, want):
    ex = _pipeline(text, lang)
    ev = next(e for e in ex.events if e.trigger.text == trigger or trigger in {m.text for m in e.mentions})
    assert ev.time is not None and ev.time.value == want and ev.time_source == "clause"


@shipped
@pytest.mark.parametrize("lang,text,trigger", [
    ("de", "Lia Torm traf gestern in Valdora den Minister Ravel Oste, der im Juli 2011 zurückgetreten war.", "traf"),
    ("en", "Lia Torm met Ravel Oste in Valdora, who had resigned from the cabinet in July 2011.", "met"),
])
def test_shipped_model_leaves_a_date_of_another_clause_and_marks_the_fallback(lang, text, trigger):
    ex = _pipeline(text, lang)
    ev = next(e for e in ex.events if e.trigger.text == trigger or trigger in {m.text for m in e.mentions})
    assert ev.time is None or "2011" not in ev.time.value


@shipped
@pytest.mark.parametrize("lang,text,trigger,source", [
    ("de", "Die Ministerin Lia Torm kritisiert seit Jahren die Lage in Valdora.", "kritisiert", "article"),
    ("de", "Die Ministerin Lia Torm sagt, die Lage in Valdora sei ernst.", "sagt", "tense"),  # reportive present
    ("en", "Minister Lia Torm says the situation in Valdora was serious.", "says", "article"),
    ("de", "Die Ministerin Lia Torm sagte, die Lage in Valdora sei ernst.", "sagte", "tense"),
    ("en", "Minister Lia Torm said the situation in Valdora was serious.", "said", "tense"),
])
def test_without_a_date_the_report_date_is_a_marked_fallback(lang, text, trigger, source):
    # no time of its own: the report date (present), or on or before it (told in the past, or
    # the reportive present of words given before: "sagt, die Lage sei ernst")
    ex = _pipeline(text, lang)
    ev = next(e for e in ex.events if e.trigger.text == trigger)
    assert ev.time is None and ev.time_source == source


def _pipeline(text: str, lang: str):
    from graphbuilder.models import Document
    from graphbuilder.pipeline import Pipeline

    return Pipeline().process(Document(id="t", text=text, published=dt.date(2023, 3, 16)), language=lang)


def test_a_relative_time_of_the_rules_stands_unless_an_absolute_candidate_wins(tmp_path: Path):
    model = _toy_model(tmp_path / "time.crfsuite")
    models = {"de": NONE, "en": NONE, "roles": NONE, "status": NONE, "time": model}
    # "on Monday" (relative: the gold never dates it, so the classifier never saw one) stays the rules'
    text = "Mayor Rolf Kent met Tara Vey in Eastport on Monday."
    ents = _ents(text, [("Rolf Kent", "PER", "per:kent"), ("Tara Vey", "PER", "per:vey"), ("Eastport", "LOC", "loc:e")])
    monday = _time(text, "Monday", "2023-03-13", dt.date(2023, 3, 13), dt.date(2023, 3, 13))
    ev = LearnedEventExtractor(trigger_models=models).extract(text, "en", _sentences(text), ents, [monday], [], REF)
    assert [e.time.text for e in ev if e.type == "MEETING" and e.time] == ["Monday"]
