"""Tokens and CRF features of the learned name recogniser (invented sentences)."""

from graphbuilder.extract.entities import RuleEntityExtractor
from graphbuilder.extract.ner.features import (
    doc_labels,
    doc_signals,
    sentence_features,
    shape,
    tokenize,
    word_features,
)
from graphbuilder.models import Sentence


def words(text: str) -> list[str]:
    return [text[s:e] for s, e in tokenize(text)]


def test_tokens_keep_abbreviations_compounds_and_split_possessives() -> None:
    assert words("Die U.S. Navy und Meier-Lindholm's Firma (Kral & Söhne).") == [
        "Die", "U.S.", "Navy", "und", "Meier-Lindholm", "'s", "Firma", "(", "Kral", "&", "Söhne",
        ")", "."]
    assert words("O'Donnell sagte: nein") == ["O'Donnell", "sagte", ":", "nein"]


def test_token_offsets_point_into_the_text() -> None:
    text = "  Orvanto liegt\nbei Kessin."
    for s, e in tokenize(text):
        assert text[s:e].strip() == text[s:e] and text[s:e]


def test_shape_collapses_runs() -> None:
    assert shape("Orvanto") == "Xx"
    assert shape("OSZE") == "X"
    assert shape("G20") == "Xd"
    assert shape("Kessin-Ost") == "Xx-Xx"


def test_word_features_use_dictionaries_and_gazetteers() -> None:
    own, *_near = word_features("Haus", "de")
    assert "noun" in own and "cap" in own  # a German common noun, capitalised
    own, *_near = word_features("Orvantoplek", "de")
    assert "noun" not in own and "unknown" in own
    own, *_near = word_features("Maria", "de")
    assert "first" in own
    own, *_near = word_features("table", "en")
    assert "dictword" in own


def test_neighbour_features_are_prefixed_by_offset() -> None:
    _own, prev, nxt, prev2, nxt2 = word_features("Kessin", "de")
    assert all(f.startswith("-1:") for f in prev) and all(f.startswith("1:") for f in nxt)
    assert prev2 == ("-2:w=kessin",) and nxt2 == ("2:w=kessin",)


def test_rule_decision_and_gazetteer_hits_become_features() -> None:
    text = "Außenministerin Jolanta Wierzbicka besuchte gestern Berlin."
    rules = RuleEntityExtractor()
    doc, chosen = rules.choose(text, "de", [Sentence(start=0, end=len(text), text=text, index=0)])
    tokens = tokenize(text)
    gaz, rule_tags, names = doc_signals(doc, chosen, tokens)
    by_word = dict(zip(words(text), zip(gaz, rule_tags)))
    assert by_word["Berlin"] == ("B-LOC", "B-LOC")
    assert by_word["Jolanta"][1] == "B-PER" and by_word["Wierzbicka"][1] == "I-PER"
    feats = sentence_features(text, tokens, "de", gaz, rule_tags, names)
    assert "bos" in feats[0] and "eos" in feats[-1]
    assert "r=B-LOC" in feats[words(text).index("Berlin")]
    assert "1:r=B-PER" in feats[0]  # the title sees the name after it


def test_document_labels_collect_the_rules_labels_of_a_word() -> None:
    text = "Shares of Quillmore Inc. rose. Quillmore said profits grew."
    rules = RuleEntityExtractor()
    _doc, chosen = rules.choose(text, "en", [Sentence(start=0, end=len(text), text=text, index=0)])
    assert doc_labels(text, chosen).get("Quillmore") == "ORG"


def test_word_clusters_are_features_of_german_words_only() -> None:
    from graphbuilder.extract.ner.features import CLUSTER_NAMES, clusters, word_features

    table = clusters("de")
    assert table and clusters("en") == {}
    word = next(w for w in table if w[:1].isupper() and w.isalpha())
    own, before, _after, _w2, _w2b = word_features(word, "de")
    ids = table[word]
    assert [f.split("=")[0] for f in ids] == list(CLUSTER_NAMES)
    assert set(ids) <= set(own) and "-1:" + ids[1] in before
    assert not any(f.startswith("c64=") for f in word_features("Qxzvblorp", "de")[0])
    assert not any(f.startswith("c64=") for f in word_features(word, "en")[0])


def test_the_recogniser_reads_its_own_cluster_table_when_shipped(tmp_path, monkeypatch) -> None:
    from graphbuilder.extract.ner import features as F

    monkeypatch.delenv("GRAPHBUILDER_NER_CLUSTERS", raising=False)
    monkeypatch.setattr(F, "CLUSTER_DIR", tmp_path)
    shared = tmp_path / "clusters-de.tsv.gz"
    shared.write_bytes(b"")
    assert F.cluster_path("de") == shared  # only the table shared with the event taggers
    own = tmp_path / "clusters-de-ner.tsv.gz"
    own.write_bytes(b"")
    assert F.cluster_path("de") == own
    other = tmp_path / "experiment.tsv.gz"
    monkeypatch.setenv("GRAPHBUILDER_NER_CLUSTERS", str(other))
    assert F.cluster_path("de") == other


def test_part_of_speech_features_when_asked() -> None:
    text = "Gestern kam Tilda Brennholt ."
    tokens = tokenize(text)
    empty = [""] * len(tokens)
    plain = sentence_features(text, tokens, "de", empty, empty, empty)
    with_pos = sentence_features(text, tokens, "de", empty, empty, empty, pos=True)
    assert not any(f.startswith("pos=") for fs in plain for f in fs)
    assert all(sum(f.startswith("pos=") for f in fs) == 1 for fs in with_pos)
    assert "-1:pos=BOS" in with_pos[0] and "1:pos=EOS" in with_pos[-1]


def test_german_tokens_carry_long_affixes_and_window_features_english_ones_do_not() -> None:
    text = "„Tilda Brennholt kam ."
    tokens = tokenize(text)
    empty = [""] * len(tokens)
    de = sentence_features(text, tokens, "de", empty, empty, empty)
    en = sentence_features(text, tokens, "en", empty, empty, empty)
    tilda = set(de[1])
    assert {"p4=tild", "p5=tilda", "s5=tilda", "shw=„|Xx|Xx", "wn=tilda|Xx", "pw=„|tilda",
            "i=1", "bos2"} <= tilda
    assert "i=3" in de[3] and "shw=Xx|x|." in de[3]
    assert not any(f.split("=")[0] in ("p4", "p5", "s5", "shw", "wn", "pw", "i")
                   for fs in en for f in fs)
