"""The linguistic layer: tokens with offsets, lemmas, parts of speech (invented sentences)."""

from pathlib import Path

from graphbuilder.extract.linguistic import analyse, lemma, read_conllu, tag_words
from graphbuilder.sentences import split_sentences


def test_tokens_keep_offsets_and_sentences() -> None:
    text = "Die Bäckerin Elske Varnhorn verkaufte gestern Brote. Sie lachte."
    toks = analyse(text, "de", split_sentences(text))
    assert all(text[t.start:t.end] == t.text for t in toks)
    assert [t.sentence for t in toks if t.text == "Sie"] == [1]


def test_german_lemmas_and_tags() -> None:
    text = "Die Kinder spielten im Garten."
    toks = {t.text: t for t in analyse(text, "de")}
    assert toks["Kinder"].lemma == "Kind" and toks["Kinder"].pos == "NOUN"
    assert toks["spielten"].lemma == "spielen" and toks["spielten"].pos == "VERB"
    assert toks["Die"].pos == "DET" and toks["."].pos == "PUNCT"


def test_english_lemmas_and_tags() -> None:
    toks = {t.text: t for t in analyse("The children were playing in the gardens.", "en")}
    assert toks["children"].lemma == "child" and toks["children"].pos == "NOUN"
    assert toks["playing"].pos == "VERB"
    assert lemma("went", "en") == "go"


def test_sentence_initial_adjective_is_no_proper_noun() -> None:
    assert tag_words(["Knapp", "drei", "Stunden", "dauerte", "die", "Sitzung", "."], "de")[0] in (
        "ADJ", "ADV")


def test_conllu_reader_skips_multiword_lines(tmp_path: Path) -> None:
    path = tmp_path / "x.conllu"
    path.write_text("# text = Er geht zum Markt.\n1\tEr\ter\tPRON\t_\t_\t2\tnsubj\t_\t_\n"
                    "2\tgeht\tgehen\tVERB\t_\t_\t0\troot\t_\t_\n3-4\tzum\t_\t_\t_\t_\t_\t_\t_\t_\n"
                    "3\tzu\tzu\tADP\t_\t_\t5\tcase\t_\t_\n4\tdem\tder\tDET\t_\t_\t5\tdet\t_\t_\n"
                    "5\tMarkt\tMarkt\tNOUN\t_\t_\t2\tobl\t_\t_\n\n", encoding="utf-8")
    assert read_conllu(path) == [(["Er", "geht", "zu", "dem", "Markt"],
                                  ["PRON", "VERB", "ADP", "DET", "NOUN"])]


def test_pos_tagger_features_name_each_words_neighbours():
    from graphbuilder.extract.linguistic import pos_features

    feats = pos_features(["Tarek", "Olm", "kam", "."])
    assert feats[0][:2] == ["b", "w=tarek"] and "bos" in feats[0] and "1:w=olm" in feats[0]
    assert "1:sh=" + feats[1][2][3:] in feats[0] and "2:w=kam" in feats[0]
    assert {"-1:w=olm", "-1:s2=lm", "-2:w=tarek", "1:w=."} <= set(feats[2]) and "2:w=." not in feats[2]
    assert "eos" in feats[3] and not any(f.startswith(("1:", "2:")) for f in feats[3])
