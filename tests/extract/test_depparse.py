"""The English dependency parser of the linguistic layer (invented sentences)."""

from __future__ import annotations

import gzip
import pickle
import random
from pathlib import Path

import pytest

from graphbuilder.extract import depparse
from graphbuilder.extract.linguistic import parse, tag_words

SENTENCES = [
    ["The", "baker", "sold", "three", "loaves", "."],
    ["Quentin", "Marrowby", "painted", "the", "old", "barn", "."],
    ["The", "committee", "approved", "the", "plan", "after", "a", "long", "debate", "."],
    ["She", "said", "that", "the", "ferry", "would", "leave", "at", "noon", "."],
]


def _rel(words: list[str], heads: list[int], rels: list[str], dep: str) -> tuple[str, str]:
    k = words.index(dep)
    return rels[k], words[heads[k] - 1] if heads[k] else "<root>"


def test_subject_and_object_attach_to_the_verb() -> None:
    words = SENTENCES[0]
    heads, rels = parse(words)
    assert _rel(words, heads, rels, "baker") == ("nsubj", "sold")
    assert _rel(words, heads, rels, "loaves") == ("obj", "sold")
    assert _rel(words, heads, rels, "sold") == ("root", "<root>")
    words = SENTENCES[1]
    heads, rels = parse(words)
    assert _rel(words, heads, rels, "Quentin") == ("nsubj", "painted")  # UD: a name's first word heads it
    assert _rel(words, heads, rels, "Marrowby") == ("flat", "Quentin")
    assert _rel(words, heads, rels, "barn") == ("obj", "painted")
    assert _rel(words, heads, rels, "the") == ("det", "barn")


@pytest.mark.parametrize("words", SENTENCES)
def test_every_parse_is_one_tree(words: list[str]) -> None:
    heads, rels = parse(words)
    assert len(heads) == len(rels) == len(words)
    assert heads.count(0) == 1 and rels[heads.index(0)] == "root"
    for k in range(1, len(words) + 1):  # every word reaches the root without a cycle
        seen, h = set(), k
        while h:
            assert h not in seen
            seen.add(h)
            h = heads[h - 1]


def test_parse_is_deterministic_across_loads() -> None:
    first = [parse(w) for w in SENTENCES]
    depparse.load.cache_clear()
    assert [parse(w) for w in reversed(SENTENCES)][::-1] == first


def test_given_tags_are_used_and_checked() -> None:
    words = ["Dogs", "chase", "cats"]
    assert parse(words, tags=["NOUN", "VERB", "NOUN"])[1] == ["nsubj", "root", "obj"]
    with pytest.raises(ValueError, match="2 tags for 3 words"):
        parse(words, tags=["NOUN", "VERB"])
    assert parse([]) == ([], [])


def test_german_is_refused_clearly() -> None:
    with pytest.raises(ValueError, match="English only"):
        parse(["Hunde", "bellen"], "de")


@pytest.mark.parametrize("content", [b"not a gzip file", gzip.compress(b"{\"format\": \"other\"}"),
                                     gzip.compress(b"{truncated")])
def test_broken_model_file_names_the_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "parse-en.json.gz"
    path.write_bytes(content)
    with pytest.raises(depparse.ParseModelError, match="parse-en.json.gz"):
        depparse.load("en", path)


def test_missing_model_file_says_how_to_train(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="train parse --lang en"):
        depparse.load("en", tmp_path / "parse-en.json.gz")


TINY = """\
1\tHens\then\tNOUN\t_\t_\t2\tnsubj\t_\t_
2\tlay\tlay\tVERB\t_\t_\t0\troot\t_\t_
3\teggs\tegg\tNOUN\t_\t_\t2\tobj\t_\t_

1\tThe\tthe\tDET\t_\t_\t2\tdet\t_\t_
2\tfox\tfox\tNOUN\t_\t_\t3\tnsubj\t_\t_
3\tate\teat\tVERB\t_\t_\t0\troot\t_\t_
4-5\tdon't\t_\t_\t_\t_\t_\t_\t_\t_
4\tthe\tthe\tDET\t_\t_\t5\tdet\t_\t_
5\thens\then\tNOUN\t_\t_\t3\tobj\t_\t_

"""


def test_training_is_reproducible_and_learns_a_tiny_treebank(tmp_path: Path) -> None:
    path = tmp_path / "tiny.conllu"
    path.write_text(TINY, encoding="utf-8")
    trees = depparse.read_trees(path)
    assert trees[0] == (["Hens", "lay", "eggs"], ["NOUN", "VERB", "NOUN"], [2, 0, 2],
                        ["nsubj", "root", "obj"])
    assert len(trees[1][0]) == 5  # the multiword-token line is skipped
    tags = [list(t) for _, t, _, _ in trees]
    blobs = []
    for k in range(2):
        parser = depparse.train_parser(trees * 5, tags * 5, epochs=3, log=lambda m: None)
        out = tmp_path / f"m{k}.json.gz"
        depparse.save(parser, out, 0.0, {})
        blobs.append(out.read_bytes())
        loaded = depparse.load("en", out)
        assert loaded.parse(*trees[1][:2]) == (trees[1][2], trees[1][3])
    assert blobs[0] == blobs[1]  # byte-identical model files


def test_projectivity() -> None:
    assert depparse.projective([2, 0, 2])
    assert not depparse.projective([3, 4, 0, 3])  # 1->3 crosses 2->4


# ---------------------------------------------------------------------------- id tables = feature strings

UPOS = ["ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN",
        "PUNCT", "SCONJ", "SYM", "VERB", "X"]
WORDS = ["the", "a", "ferry", "baker", "Quentin", "Marrowby", "said", "would", "leave", "and/or", "-",
         "http://example.org/a/b", "3.5", "1,200,000", "2021", "Zorblat", "'s", ",", ".", "to", "of",
         "told", "minister", "council", "ROOT", "<root>", "s0w=x", "a/b", "b/c", ""]


def _random_sentences(k: int, seed: int) -> list[tuple[list[str], list[str]]]:
    rng = random.Random(seed)
    out = []
    for _ in range(k):
        n = rng.randint(1, 40)
        out.append(([rng.choice(WORDS) for _ in range(n)], [rng.choice(UPOS) for _ in range(n)]))
    return out


def test_id_tables_parse_as_the_feature_strings() -> None:
    parser = depparse.load("en")
    ref = depparse.reference(parser.path)
    sentences = _random_sentences(60, 3) + [(w, tag_words(w, "en")) for w in SENTENCES]
    sentences.append((["Quentin", "Marrowby", "and", "Ada", "Voss", "said"] * 20,
                      ["PROPN", "PROPN", "CCONJ", "PROPN", "PROPN", "VERB"] * 20))  # long: valency beyond the model's
    sentences.append((["Hens", "lay"], ["NOUN", "NOTATAG"]))  # a tag the model never saw
    for words, tags in sentences:
        assert parser.parse(words, tags) == ref.parse(words, tags)


def test_a_tag_with_a_slash_takes_the_feature_strings() -> None:
    parser = depparse.load("en")
    words, tags = ["Dogs", "chase", "cats"], ["NOUN", "VERB/X", "NOUN"]
    assert parser.parse(words, tags) == depparse.reference(parser.path).parse(words, tags)


def test_feature_values_split_at_every_slash_a_word_may_hold() -> None:
    assert depparse._split("WW", "a/b/c") == [("a", "b/c"), ("a/b", "c")]
    assert depparse._split("WPP", "x/y/NOUN/VERB") == [("x/y", "NOUN", "VERB")]
    assert depparse._split("PWP", "DET/and/or/NOUN") == [("DET", "and/or", "NOUN")]
    assert depparse._split("DW", "3/") == [("3", "")]
    assert depparse._split("PPP", "NOUN/VERB") == []  # not a value of that template
    assert depparse._split("", "") == [()]


SLASHES = """\
1\tand/or\tand/or\tCCONJ\t_\t_\t2\tcc\t_\t_
2\tb/c\tb/c\tNOUN\t_\t_\t0\troot\t_\t_
3\ta\ta\tDET\t_\t_\t2\tdet\t_\t_

1\ta/b\ta/b\tNOUN\t_\t_\t0\troot\t_\t_
2\tc\tc\tNOUN\t_\t_\t1\tcompound\t_\t_
3\t-\t-\tPUNCT\t_\t_\t1\tpunct\t_\t_

"""


def test_words_with_slashes_match_the_same_strings(tmp_path: Path) -> None:
    """"a/b" + "c" and "a" + "b/c" make the same feature string: the id tables find both."""
    path = tmp_path / "slashes.conllu"
    path.write_text(TINY + SLASHES, encoding="utf-8")
    trees = depparse.read_trees(path)
    parser = depparse.train_parser(trees * 3, [list(t) for _, t, _, _ in trees] * 3, epochs=2, log=lambda m: None)
    out = tmp_path / "slashes.json.gz"
    depparse.save(parser, out, 0.0, {})
    fast, ref = depparse.load("en", out), depparse.reference(out)
    assert any(f.startswith(("s0w_s1w=", "s0w_b0w=")) and f.count("/") > 1 for f in ref.table.rows)
    cases = [(["a", "b/c", "-"], ["NOUN", "NOUN", "PUNCT"]), (["a/b", "c", "-"], ["NOUN", "NOUN", "PUNCT"]),
             (["and/or", "b/c", "a", "a/b", "c"], ["CCONJ", "NOUN", "DET", "NOUN", "NOUN"])]
    for words, tags in cases + _random_sentences(40, 5):
        assert fast.parse(words, tags) == ref.parse(words, tags)


def test_cached_id_tables_keep_the_rows_filled_before(tmp_path: Path) -> None:
    parser = depparse.load("en")
    sentences = _random_sentences(20, 9)
    first = [parser.parse(w, t) for w, t in sentences]
    copy = pickle.loads(pickle.dumps(parser.compiled))
    again = depparse.Parser(parser.classes, {}, compiled=copy, path=parser.path)
    assert [again.parse(w, t) for w, t in reversed(sentences)][::-1] == first


def test_emptied_word_rows_are_filled_again_alike() -> None:
    parser = depparse.load("en")
    sentences = _random_sentences(30, 11)
    first = [parser.parse(w, t) for w, t in sentences]
    copy = pickle.loads(pickle.dumps(parser.compiled))
    copy.limit = copy.used + 40  # emptied before almost every sentence
    again = depparse.Parser(parser.classes, {}, compiled=copy, path=parser.path)
    assert [again.parse(w, t) for w, t in sentences] == first
    assert copy.used <= copy.limit + max(map(len, (w for w, _ in sentences))) * 30
