"""The learned within-article event coreference: pair features, training labels from the gold
events, the best-first decision and the fallback to the rules. All sentences and names are invented."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphbuilder.evaluation.events import GoldEvent, GoldSpan
from graphbuilder.extract.events import RuleEventExtractor
from graphbuilder.extract.events.learned import LearnedEventExtractor
from graphbuilder.extract.events.learned.extractor import coref_model_path

from event_helpers import REF, _ents, _sentences, by_type, toy_classifier

NONE = Path("/nonexistent")
MODELS = {"de": NONE, "en": NONE, "roles": NONE, "status": NONE, "time": NONE}

TEXT = ("Karl Adler met Maria Berg in Eastport on Monday.\n"
        "The weather was fine.\n"
        "Karl Adler met Maria Berg again to sign the pact.")
SPEC = [("Karl Adler", "PER", "per:adler"), ("Maria Berg", "PER", "per:berg"), ("Eastport", "LOC", "loc:eastport")]


def _record(text: str, lang: str, ents, gold) -> list[tuple[list[str], str]]:
    got: list[tuple[list[str], str]] = []
    LearnedEventExtractor(trigger_models=MODELS, role_labels=gold,
                          coref_recorder=lambda feats, label: got.append((feats, label))).extract(
        text, lang, _sentences(text), ents, [], [], REF)
    return got


def _gold(text: str, *triggers: tuple[str, int], type_: str = "MEETING") -> GoldEvent:
    """One gold event whose trigger spans are the ``n``-th occurrences of the words."""
    spans = []
    for word, n in triggers:
        pos = -1
        for _ in range(n + 1):
            pos = text.index(word, pos + 1)
        spans.append(GoldSpan(pos, pos + len(word), word))
    return GoldEvent(id=f"e{spans[0].start}", type=type_, trigger=spans[0], mentions=spans[1:], status="occurred")


def test_pairs_are_positive_only_when_both_mentions_map_to_one_gold_event(monkeypatch):
    ents = _ents(TEXT, SPEC)
    one = _record(TEXT, "en", ents, [_gold(TEXT, ("met", 0), ("met", 1))])
    assert [lab for _f, lab in one] == ["yes"]
    feats = one[0][0]
    assert "parts=equal" in feats and "stem=True" in feats and "lemma=True" in feats and "d=2" in feats
    assert "rule=join" in feats  # the rules' choice is a feature
    two = _record(TEXT, "en", ents, [_gold(TEXT, ("met", 0)), _gold(TEXT, ("met", 1))])
    assert [lab for _f, lab in two] == ["no"]
    # a mention without a gold event joins the rules' choice as a mere repetition (the default),
    # or nothing
    none = _record(TEXT, "en", ents, [_gold(TEXT, ("met", 0))])
    assert [lab for _f, lab in none] == ["repeat"]
    from graphbuilder.extract.events.learned import coref

    monkeypatch.setattr(coref, "UNLABELLED", "no")
    assert [lab for _f, lab in _record(TEXT, "en", ents, [_gold(TEXT, ("met", 0))])] == ["no"]


def test_features_see_conflicting_speakers_and_a_repetition_in_between():
    text = ("Karl Adler said the plan was good.\nMaria Berg said it was bad.\nKarl Adler said it again.")
    ents = _ents(text, [("Karl Adler", "PER", "per:adler"), ("Maria Berg", "PER", "per:berg")])
    got = _record(text, "en", ents, [])
    last = got[-2:]  # the third statement against Berg's (most recent) and Adler's first one
    assert "speakers=disjoint" in last[0][0] and "rank=0" in last[0][0]
    assert "speakers=equal" in last[1][0] and "rank=1" in last[1][0] and "between_stem=True" in last[1][0]


def _toy_model(tmp_path: Path) -> Path:
    """Joins when the participants are the same and the word repeats, never otherwise."""
    return toy_classifier(tmp_path / "coref.crfsuite", [(["parts=equal", "stem=True"], "yes"),
                                                        (["parts=equal", "stem=False"], "no"),
                                                        (["parts=disjoint", "stem=True"], "no")])


def test_the_classifier_decides_and_below_its_threshold_each_mention_is_its_own_event(tmp_path: Path):
    models = {**MODELS, "coref": _toy_model(tmp_path)}
    text = TEXT + "\nKarl Adler held talks with Maria Berg."
    ents = _ents(text, SPEC)
    rules = RuleEventExtractor().extract(text, "en", _sentences(text), ents, [], [], REF)
    assert sorted(len(e.mentions) for e in by_type(rules, "MEETING")) == [2]  # the rules join all three
    alone = LearnedEventExtractor(trigger_models=models, learned_coref=True, coref_min=0.5, coref_keep=1.01).extract(
        text, "en", _sentences(text), ents, [], [], REF)
    # the repeated "met" joins; "talks" with the same people is another word: its own event here
    assert sorted(len(e.mentions) for e in by_type(alone, "MEETING")) == [0, 1]
    unsure = LearnedEventExtractor(trigger_models=models, learned_coref=True, coref_min=1.01, coref_keep=1.01).extract(
        text, "en", _sentences(text), ents, [], [], REF)
    assert len(by_type(unsure, "MEETING")) == 3
    # the rules' choice stands unless the classifier finds it unlikely ("talks" joins the meeting
    # at P(join) = the toy model's, below 0.5 but above a low bar)
    vetoing = LearnedEventExtractor(trigger_models=models, learned_coref=True, coref_min=1.01, coref_keep=0.001).extract(
        text, "en", _sentences(text), ents, [], [], REF)
    assert sorted(len(e.mentions) for e in by_type(vetoing, "MEETING")) == [2]


def test_a_mere_repetition_leaves_status_and_participants_to_the_event_it_joins(tmp_path: Path):
    toy_classifier(tmp_path / "repeat.crfsuite", [(["stem=True"], "repeat"), (["stem=False"], "no")])
    text = "Karl Adler met Maria Berg in Eastport.\nHans Ott met them later."
    ents = _ents(text, SPEC + [("Hans Ott", "PER", "per:ott")])
    events = LearnedEventExtractor(trigger_models={**MODELS, "coref": tmp_path / "repeat.crfsuite"}, coref_min=0.5, learned_coref=True,
                                   coref_keep=1.01).extract(text, "en", _sentences(text), ents, [], [], REF)
    (meeting,) = by_type(events, "MEETING")
    assert len(meeting.mentions) == 1 and "per:ott" not in {p.key for p in meeting.participants}


def test_without_the_model_file_the_rules_cluster(tmp_path: Path):
    text = TEXT + "\nKarl Adler held talks with Maria Berg."
    ents = _ents(text, SPEC)
    learned = LearnedEventExtractor(trigger_models={**MODELS, "coref": tmp_path / "absent.crfsuite"},
                                    learned_coref=True, learned_status=False, merge_speaker_gap=0, merge_unnamed_gap=0).extract(
        text, "en", _sentences(text), ents, [], [], REF)
    rules = RuleEventExtractor().extract(text, "en", _sentences(text), ents, [], [], REF)
    assert [(e.type, e.trigger, e.mentions) for e in learned] == [(e.type, e.trigger, e.mentions) for e in rules]
    off = LearnedEventExtractor(trigger_models={**MODELS, "coref": _toy_model(tmp_path)}, learned_coref=False,
                                learned_status=False, merge_speaker_gap=0, merge_unnamed_gap=0).extract(
        text, "en", _sentences(text), ents, [], [], REF)
    assert [(e.type, e.trigger, e.mentions) for e in off] == [(e.type, e.trigger, e.mentions) for e in rules]


shipped = pytest.mark.skipif(not coref_model_path().exists(), reason="no shipped coreference model")


@shipped
def test_shipped_model_joins_a_repeated_meeting_of_the_same_people():
    text = ("Karl Adler traf Maria Berg am Montag in Eastport.\n"
            "Bei dem Treffen ging es um den Hafen.\n"
            "Adler und Berg vereinbarten bei ihrem Treffen weitere Gespräche.")
    ents = _ents(text, [("Karl Adler", "PER", "per:adler"), ("Maria Berg", "PER", "per:berg"),
                        ("Adler", "PER", "per:adler"), ("Berg", "PER", "per:berg"), ("Eastport", "LOC", "loc:eastport")])
    ents = [e for e in ents if not any(o is not e and o.start <= e.start and e.end <= o.end
                                       and o.end - o.start > e.end - e.start for o in ents)]
    events = LearnedEventExtractor(trigger_models={"roles": NONE}, learned_coref=True).extract(
        text, "de", _sentences(text), ents, [], [], REF)
    first = next(e for e in events if e.trigger.text == "traf" or any(m.text == "traf" for m in e.mentions))
    assert any(m.text == "Treffen" for m in (first.trigger, *first.mentions))


def test_second_mentions_count_spurious_events_on_a_gold_event_another_prediction_matched():
    from graphbuilder.evaluation.events import GoldDoc
    from graphbuilder.models import Document, EventMention, Extraction, Span
    from graphbuilder.training.events import Prepared, second_mentions

    text = "Kalo Ferrin traf Mira Quast. Das Treffen dauerte lange. Ferrin reiste ab."
    t1, t2, t3 = text.index("traf"), text.index("Treffen"), text.index("reiste")
    gold = GoldDoc(doc_id="d", corpus="x", lang="de", text=text, events=[
        GoldEvent(id="e1", type="MEETING", trigger=GoldSpan(t1, t1 + 4, "traf"),
                  mentions=[GoldSpan(t2, t2 + 7, "Treffen")], status="occurred")])

    def ev(key: str, type_: str, start: int, word: str) -> EventMention:
        return EventMention(key=key, type=type_, status="occurred", trigger=Span(start=start, end=start + len(word), text=word),
                            sentence=0)

    events = [ev("a", "MEETING", t1, "traf"), ev("b", "MEETING", t2, "Treffen"), ev("c", "VISIT", t3, "reiste")]
    ex = Extraction(document=Document(id="d", text=text), language="de", events=events)
    # "Treffen" repeats the matched meeting (a second mention); the trip is spurious on no gold event
    assert second_mentions([Prepared(gold, ex)], {"d": ex}) == {"predicted": 3, "spurious": 2, "second_mention": 1}
