"""The learned event confidence (graphbuilder.extract.events.learned.confidence), on invented articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphbuilder.evaluation.events import GoldDoc, GoldEvent, GoldParticipant, GoldSpan
from graphbuilder.extract.events.learned import LearnedEventExtractor
from graphbuilder.extract.events.learned.confidence import apply, event_features, probabilities, training_rows
from graphbuilder.extract.events.learned.extractor import confidence_model_path
from graphbuilder.models import Document, EventMention, Extraction, Participant, Span

from event_helpers import REF, _ents, _sentences, toy_classifier

TEXT = ("Minister Ada Brenner met Governor Olaf Dunmore in Eastport on Monday.\n"
        "Brenner said the talks had been useful.\n"
        "A storm may hit the coast, forecasters warned.")
ENTS = _ents(TEXT, [("Ada Brenner", "PER", "per:brenner"), ("Brenner", "PER", "per:brenner"),
                    ("Olaf Dunmore", "PER", "per:dunmore"), ("Eastport", "LOC", "loc:eastport")])


def _event(key: str, word: str, type_: str, sentence: int, parts: list[tuple[str, str]], **update) -> EventMention:
    start = TEXT.index(word)
    return EventMention(key=key, type=type_, trigger=Span(start=start, end=start + len(word), text=word),
                        sentence=sentence, participants=[Participant(key=k, role=r) for k, r in parts], **update)


EVENTS = [_event("e0", "met", "MEETING", 0, [("per:brenner", "participant"), ("per:dunmore", "participant")],
                 location="loc:eastport"),
          _event("e1", "said", "STATEMENT", 1, [("per:brenner", "speaker")], about=["e0"]),
          _event("e2", "hit", "ATTACK", 2, [], status="possible", about=["e0"])]


def test_event_features_describe_structure_not_the_article():
    feats = event_features(TEXT, "en", _sentences(TEXT), ENTS, EVENTS)
    meeting, statement, storm = feats
    assert {"t=MEETING", "np=2", "loc=True", "head=True", "pdist=0", "pin=True|np=2", "others=0"} <= set(meeting)
    assert "lem=meet|t=MEETING" in meeting  # the trigger's lemma, not its form
    assert {"roles=speaker|t=STATEMENT", "pdist=0", "about=True", "head=False"} <= set(statement)
    assert {"np=0", "pdist=none", "status=possible|t=ATTACK"} <= set(storm)
    # a name of the sentence left out of the event is counted
    alone = _event("e0", "met", "MEETING", 0, [("per:brenner", "participant")])
    assert "others=1" in event_features(TEXT, "en", _sentences(TEXT), ENTS, [alone])[0]
    # the words between the trigger and its nearest participant ("Governor" before "Olaf Dunmore")
    other = _event("e0", "met", "MEETING", 0, [("per:dunmore", "participant")])
    assert "pdist=1" in event_features(TEXT, "en", _sentences(TEXT), ENTS, [other])[0]


def _toy_model(tmp_path: Path) -> Path:
    """A toy classifier: events without participants are not events, meetings with two are right."""
    return toy_classifier(tmp_path / "confidence.crfsuite", [(["np=0"], "no"), (["np=2", "t=MEETING"], "yes"),
                                                             (["np=1", "t=STATEMENT"], "part")], repeat=30)


def test_apply_sets_the_probability_of_right_and_drops_unlikely_events(tmp_path: Path):
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(_toy_model(tmp_path)))
    out = apply(tagger, TEXT, "en", _sentences(TEXT), ENTS, list(EVENTS), min_real=0.5)
    assert [e.key for e in out] == ["e0", "e1"]  # the storm without participants is dropped
    probs = probabilities(tagger, event_features(TEXT, "en", _sentences(TEXT), ENTS, EVENTS))
    assert out[0].confidence == round(probs[0]["yes"], 2) > 0.9
    assert out[1].confidence < 0.1  # real, but its participants likely wrong
    assert out[1].about == ["e0"]  # references to kept events stay
    # at min_real 0 nothing is dropped, and references to dropped events are removed
    assert len(apply(tagger, TEXT, "en", _sentences(TEXT), ENTS, list(EVENTS), min_real=0.0)) == 3
    only = apply(tagger, TEXT, "en", _sentences(TEXT), ENTS, [EVENTS[2], EVENTS[1].model_copy(update={"about": ["e2"]})],
                 min_real=0.5)
    assert [(e.key, e.about) for e in only] == [("e1", [])]


def test_training_rows_label_unmatched_wrong_participants_and_right():
    def span(word: str) -> GoldSpan:
        start = TEXT.index(word)
        return GoldSpan(start=start, end=start + len(word), text=word)

    def person(name: str) -> GoldParticipant:
        start = TEXT.index(name)
        return GoldParticipant(start=start, end=start + len(name), text=name, label="PER", role="participant")

    gold = GoldDoc(doc_id="d1", lang="en", corpus="invented", title="", text=TEXT, events=[
        GoldEvent(id="g0", type="MEETING", trigger=span("met"), status="occurred",
                  participants=[person("Ada Brenner"), person("Olaf Dunmore")]),
        GoldEvent(id="g1", type="STATEMENT", trigger=span("said"), status="occurred",
                  participants=[person("Olaf Dunmore")])])
    ex = Extraction(document=Document(id="d1", text=TEXT), language="en", sentences=_sentences(TEXT),
                    entities=ENTS, events=EVENTS)
    assert [lab for _f, lab in training_rows(gold, ex)] == ["yes", "part", "no"]


shipped = pytest.mark.skipif(not confidence_model_path().exists(), reason="no shipped confidence model")


@shipped
def test_the_shipped_classifier_replaces_the_formula_and_can_be_switched_off():
    text = ("Foreign Minister Ada Brenner met her counterpart Olaf Dunmore in Eastport on Monday.\n"
            "Brenner said the talks had been very useful.")
    ents = _ents(text, [("Ada Brenner", "PER", "per:brenner"), ("Brenner", "PER", "per:brenner"),
                        ("Olaf Dunmore", "PER", "per:dunmore"), ("Eastport", "LOC", "loc:eastport")])
    learned = LearnedEventExtractor().extract(text, "en", _sentences(text), ents, [], [], REF)
    formula = LearnedEventExtractor(learned_confidence=False).extract(text, "en", _sentences(text), ents, [], [], REF)
    assert [e.type for e in learned] == [e.type for e in formula]  # plain events are kept
    assert all(0.0 <= e.confidence <= 1.0 for e in learned)
    tagger = LearnedEventExtractor().taggers.get("confidence")
    probs = probabilities(tagger, event_features(text, "en", _sentences(text), ents, formula))
    assert [e.confidence for e in learned] == [round(p["yes"], 2) for p in probs]


def test_the_shipped_confidence_model_was_trained_from_the_shipped_models_and_gold_as_they_are():
    # it learns which events the rest of the pipeline gets right: retrain it after any of those changes
    import json

    from graphbuilder.extract.events.learned.extractor import MODELS_DIR
    from graphbuilder.training.events import confidence_inputs, confidence_inputs_path

    recorded = json.loads(confidence_inputs_path(MODELS_DIR).read_text(encoding="utf-8"))["inputs"]
    now = confidence_inputs(MODELS_DIR, Path(__file__).resolve().parents[3])
    changed = sorted(k for k in recorded.keys() | now.keys() if recorded.get(k) != now.get(k))
    assert not changed, (f"changed since the confidence classifier was trained: {changed}; retrain it with "
                         "python scripts/train_events.py --confidence-only (and ship its .train.json)")


def test_confidence_inputs_cover_every_other_model_and_the_gold(tmp_path):
    from graphbuilder.training.events import TRAIN_SOURCES, confidence_inputs

    models = tmp_path / "models"
    models.mkdir()
    for name in ("events-status.crfsuite", "events-confidence.crfsuite", "ner-en.crfsuite", "README.md"):
        (models / name).write_bytes(name.encode())
    (tmp_path / TRAIN_SOURCES[0]).parent.mkdir(parents=True)
    (tmp_path / TRAIN_SOURCES[0]).write_text("{}\n")
    for folder in TRAIN_SOURCES[1:]:
        (tmp_path / folder / "a").mkdir(parents=True)
        (tmp_path / folder / "a" / "x.jsonl").write_text("{}\n")
    first = confidence_inputs(models, tmp_path)
    assert set(first) == {"models/events-status.crfsuite", "models/ner-en.crfsuite", TRAIN_SOURCES[0],
                          *(f"{folder.rstrip('/')}/a/x.jsonl" for folder in TRAIN_SOURCES[1:])}
    (models / "events-confidence.crfsuite").write_bytes(b"retrained")  # itself: not an input
    assert confidence_inputs(models, tmp_path) == first
    (models / "events-status.crfsuite").write_bytes(b"retrained")
    assert confidence_inputs(models, tmp_path)["models/events-status.crfsuite"] != first["models/events-status.crfsuite"]
