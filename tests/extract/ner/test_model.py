"""The CRF name recogniser as the pipeline's entities component (invented sentences)."""

import pytest

from graphbuilder import registry
from graphbuilder.extract.ner import default_entities
from graphbuilder.extract.ner.model import CrfEntityExtractor, decode, model_path
from graphbuilder.models import Document, Sentence
from graphbuilder.pipeline import Pipeline, extraction_record
from graphbuilder.sentences import split_sentences


@pytest.fixture(scope="module")
def crf() -> CrfEntityExtractor:
    return CrfEntityExtractor()


def run(crf: CrfEntityExtractor, text: str, lang: str):
    return crf.extract(text, lang, split_sentences(text))


def names(mentions) -> set[tuple[str, str]]:
    return {(m.text, m.label) for m in mentions if not m.derived and not m.nested}


def test_models_ship_inside_the_package() -> None:
    for lang in ("de", "en"):
        path = model_path(lang)
        assert path.exists() and path.stat().st_size < 20_000_000
        assert (path.parent / f"MODEL_CARD-ner-{lang}.md").exists()


def test_decode_bio_tags() -> None:
    assert decode(["B-PER", "I-PER", "O", "I-LOC", "B-ORG", "B-ORG"]) == [
        (0, 2, "PER"), (3, 4, "LOC"), (4, 5, "ORG"), (5, 6, "ORG")]


def test_german_names_with_confidence(crf: CrfEntityExtractor) -> None:
    text = ("Die Bürgermeisterin Henrike Vollbrecht eröffnete am Montag in Hamburg das neue "
            "Werk der Firma Lindqvist. Vollbrecht lobte die Gewerkschaft Verdi.")
    mentions, _roles = run(crf, text, "de")
    got = names(mentions)
    assert {("Henrike Vollbrecht", "PER"), ("Hamburg", "LOC"), ("Vollbrecht", "PER")} <= got
    assert all(0.0 <= m.confidence <= 1.0 for m in mentions)
    full = next(m for m in mentions if m.text == "Henrike Vollbrecht")
    short = next(m for m in mentions if m.text == "Vollbrecht")
    assert full.key == short.key  # within-document coreference still runs
    assert full.confidence > 0.5


def test_capitalised_ordinary_words_are_no_names(crf: CrfEntityExtractor) -> None:
    text = "Demnach dauerte die Sitzung drei Stunden. Relevant sei vor allem die Frage der Kosten."
    mentions, _ = run(crf, text, "de")
    assert not {m.text for m in mentions} & {"Demnach", "Relevant"}
    # without the linguistic layer's check the CRF alone takes (some of) them for names
    raw = {m.text for m in CrfEntityExtractor(pos_filter=False).extract(
        text, "de", split_sentences(text))[0]}
    assert raw & {"Demnach", "Relevant"}


def test_genitive_of_a_place_before_a_title_is_the_place(crf: CrfEntityExtractor) -> None:
    # "X-s Landesrat Name" looks to the CRF like a person's genitive ("Merkels Sprecher Name")
    text = "Das sei falsch, sagt Tirols Landesrat Henrik Vollbrecht. Ich gehe, sagte Mexikos Trainer Jorn Valdek."
    got = {(m.text, m.label, m.key) for m in run(crf, text, "de")[0] if not m.derived}
    assert {("Tirols", "LOC", "loc:tyrol"), ("Mexikos", "LOC", "loc:mexico")} <= got
    assert {m for m in got if m[1] == "PER"} == {("Henrik Vollbrecht", "PER", "per:henrik-volbrecht"),
                                                  ("Jorn Valdek", "PER", "per:yorn-valdek")}


def test_genitive_noun_after_a_title_word_is_no_name(crf: CrfEntityExtractor) -> None:
    # "Obersten" reads as the rank "Oberst"; the noun after it in the genitive is no person
    text = "Die frühere Präsidentin des Obersten Gerichtshofs fordert eine Reform der Justiz."
    assert not [m for m in run(crf, text, "de")[0] if m.label == "PER"]


def test_sentence_initial_names_stay(crf: CrfEntityExtractor) -> None:
    text = ("Die Bürgermeisterin Henrike Vollbrecht eröffnete das Werk. Vollbrecht lobte die "
            "Arbeiter. Zarnowitz baute es.")
    got = names(run(crf, text, "de")[0])
    assert ("Vollbrecht", "PER") in got


def test_derived_mentions_stay_beside_the_names(crf: CrfEntityExtractor) -> None:
    text = "Der französische Präsident empfing den Minister in Paris."
    mentions, _ = run(crf, text, "de")
    derived = [m for m in mentions if m.derived]
    assert [m.text for m in derived] == ["französische"] and derived[0].key == "loc:france"
    assert ("Paris", "LOC") in names(mentions)


def test_english_names_roles_and_nested_article_spans(crf: CrfEntityExtractor) -> None:
    text = ("Foreign Minister Halvard Ostberg met executives of Brennick Holdings in Oslo on "
            "Tuesday. The Brennick Group said Ostberg had asked the European Commission for help.")
    mentions, roles = run(crf, text, "en")
    got = names(mentions)
    assert ("Halvard Ostberg", "PER") in got and ("Oslo", "LOC") in got
    assert ("European Commission", "ORG") in got
    # MEANTIME's span with the article is kept as a nested mention of the same entity
    nested = [m for m in mentions if m.nested and m.text == "the European Commission"]
    main = next(m for m in mentions if m.text == "European Commission" and not m.nested)
    assert nested and nested[0].key == main.key
    person = next(m for m in mentions if m.text == "Halvard Ostberg")
    assert person.role == "Foreign Minister" and not person.nested
    titled = [m for m in mentions if m.nested and m.text == "Minister Halvard Ostberg"]
    assert titled and titled[0].key == person.key  # MEANTIME's titled span, nested
    spans = [(m.start, m.end) for m in mentions if m.nested]
    assert len(spans) == len(set(spans))


def test_same_input_same_output(crf: CrfEntityExtractor) -> None:
    text = "Ministerin Karla Obermaier traf in Wien Vertreter der Firma Haldor. Obermaier schwieg."
    first, second = run(crf, text, "de"), run(CrfEntityExtractor(), text, "de")
    assert [m.model_dump() for m in first[0]] == [m.model_dump() for m in second[0]]


def test_the_setting_chooses_the_component(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GRAPHBUILDER_NER", raising=False)
    assert default_entities() == "crf"
    assert isinstance(Pipeline().entities, CrfEntityExtractor)
    monkeypatch.setenv("GRAPHBUILDER_NER", "rules")
    assert type(Pipeline().entities).__name__ == "RuleEntityExtractor"
    assert {"crf", "rules"} <= set(registry.names("entities"))


def test_extract_record_carries_the_confidence() -> None:
    ex = Pipeline(entities="crf").process(
        Document(id="d1", text="Kanzler Egon Brackmann reiste nach Prag."), language="de")
    rec = extraction_record(ex)
    assert rec["entities"] and all(0.0 <= e["confidence"] <= 1.0 for e in rec["entities"])


def test_fallback_keeps_rule_names_only_above_the_threshold() -> None:
    text = "Die Firma Zarnowitz verklagte gestern die Stadt Kessin."
    strict = CrfEntityExtractor(fallback=1.01)  # no rule name without the CRF
    loose = CrfEntityExtractor(fallback=0.0)  # every rule name the CRF left alone
    sents = [Sentence(start=0, end=len(text), text=text, index=0)]
    assert names(strict.extract(text, "de", sents)[0]) <= names(loose.extract(text, "de", sents)[0])


def test_decode_bilou_tags_and_span_tags_round_trip() -> None:
    from graphbuilder.extract.ner.model import is_bilou, span_tags

    tags = ["U-PER", "O", "B-ORG", "I-ORG", "L-ORG", "B-LOC", "L-LOC", "U-LOC", "L-PER"]
    assert decode(tags) == [(0, 1, "PER"), (2, 5, "ORG"), (5, 7, "LOC"), (7, 8, "LOC"),
                            (8, 9, "PER")]
    assert span_tags(1, "LOC", True) == ["U-LOC"]
    assert span_tags(3, "ORG", True) == ["B-ORG", "I-ORG", "L-ORG"]
    assert span_tags(2, "PER", False) == ["B-PER", "I-PER"]
    assert is_bilou(["O", "B-PER", "U-PER"]) and not is_bilou(["O", "B-PER", "I-PER"])
