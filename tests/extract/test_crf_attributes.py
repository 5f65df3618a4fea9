"""Taggers given only the attributes their model knows decide exactly as with every feature
(invented sentences)."""

import pycrfsuite

from graphbuilder.extract.crf_attributes import KnownAttributes, known_attributes, pair_parts
from graphbuilder.extract.events.learned import features as EF
from graphbuilder.extract.events.learned.extractor import trigger_model_path
from graphbuilder.extract.ner import features as NF
from graphbuilder.extract.ner.model import model_path


def test_keep_drops_unknown_strings_in_order_as_bytes() -> None:
    known = KnownAttributes(frozenset({"w=kessin", "sh=Xx", "cap"}))
    assert known.keep(("cap", "w=orvanto", "w=kessin", "sh=Xx")) == (b"cap", b"w=kessin", b"sh=Xx")
    # only the positions asked are tested; the others pass untested (the model ignores them)
    assert known.keep_at(("w=orvanto", "s9=xyz", "cap", "w=kessin"), (3, 0)) == (b"s9=xyz", b"cap", b"w=kessin")
    assert known.keep(("w=größe",)) == ()
    assert KnownAttributes(frozenset({"w=größe"})).keep(("w=größe",)) == ("w=größe".encode(),)


def test_pair_parts_cover_every_split_of_a_pair() -> None:
    firsts, seconds = pair_parts(frozenset({"bi=der|kessiner", "bi=a|b|c", "wn=haus|Xx", "w=x|y"}), "bi=")
    assert firsts == {"der", "a", "a|b"}
    assert seconds == {"kessiner", "b|c", "c"}


def _same_decisions(tagger: pycrfsuite.Tagger, full: list[list[str]], short: list[list[object]]) -> None:
    labels = tagger.labels()
    tags = tagger.tag(full)
    marginals = [tagger.marginal(lab, i) for i in range(len(full)) for lab in labels]
    prob = tagger.probability(tags)
    assert tagger.tag(short) == tags
    assert [tagger.marginal(lab, i) for i in range(len(full)) for lab in labels] == marginals
    assert tagger.probability(tags) == prob


def _open(path) -> pycrfsuite.Tagger:
    t = pycrfsuite.Tagger()
    t.open(str(path))
    return t


def test_name_recogniser_features_reduced_to_the_model_give_the_same_result() -> None:
    text = "Die Firma Orvantoplek AG aus Kessin-Ost verklagte am Montag Lea Brandtmüller."
    toks = NF.tokenize(text)
    empty = [""] * len(toks)
    gaz = [""] * len(toks)
    gaz[1] = "B-ORG"
    tagger = _open(model_path("de"))
    known = NF.known_word_features("de", known_attributes(model_path("de"), tagger))
    full = NF.sentence_features(text, toks, "de", gaz, empty, empty)
    short = NF.sentence_features(text, toks, "de", gaz, empty, empty, known=known)
    assert sum(map(len, short)) < sum(map(len, full))  # the rare word forms are left out
    _same_decisions(tagger, full, short)


def test_trigger_features_reduced_to_the_model_give_the_same_result() -> None:
    text = "Der Verein Nordhilfe verschenkte am Montag zweihundert Drohnenfahrräder an Schulen in Lorburg."
    toks = EF.tokenize(text, 0, len(text))
    path = trigger_model_path("de")
    tagger = _open(path)
    known = EF.known_word_features("de", known_attributes(path, tagger))
    kw = dict(is_title=False, lexicon=[(21, 32, "TRANSFER:V")], kept=[(21, 32, "TRANSFER")],
              entities=[(11, 20, "ORG"), (86, 93, "LOC")])
    full = EF.sentence_features(text, "de", toks, **kw)
    short = EF.sentence_features(text, "de", toks, **kw, known=known)
    assert sum(map(len, short)) < sum(map(len, full))
    _same_decisions(tagger, full, short)
