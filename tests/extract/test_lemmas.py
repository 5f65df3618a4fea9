"""simplemma's lemmas from the memory-mapped cached dictionaries: the same answers as simplemma,
a table rebuilt when damaged, and simplemma's own dictionary when the cache cannot be written."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import simplemma

from graphbuilder import tables
from graphbuilder.extract import lemmas

WORDS = {
    "de": ["Häuser", "ging", "Verhandlungen", "Drohnenangriffe", "traf", "Bürgermeisterin", "Wahlen",
           "getroffen", "Xylofrunkbau", "ABC-Schützen", "Ministerin", "am", "2021", "Straße", "UN-Gipfel"],
    "en": ["houses", "went", "mice", "negotiations", "met", "Mayor", "elections", "Zorbleflax",
           "drone-strikes", "was", "better", "Ministers'", "2021", "running", "The"],
}


@pytest.fixture()
def fresh(tmp_path: Path, monkeypatch):
    """An empty cache directory, and the module's per-process tables forgotten before and after."""
    monkeypatch.setenv("GRAPHBUILDER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("GRAPHBUILDER_NO_CACHE", raising=False)
    for f in (lemmas.dictionary, lemmas._lemmatizer, lemmas._lookup):
        f.cache_clear()
    yield tmp_path / "cache"
    for f in (lemmas.dictionary, lemmas._lemmatizer, lemmas._lookup):
        f.cache_clear()


@pytest.mark.parametrize("lang", ["de", "en"])
def test_same_lemmas_and_membership_as_simplemma(lang: str) -> None:
    for word in WORDS[lang]:
        assert lemmas.lemmatize(word, lang) == simplemma.lemmatize(word, lang=lang), word
        assert lemmas.is_known(word, lang) == simplemma.is_known(word, lang=lang), word


def test_table_holds_every_entry_of_simplemmas_dictionary(fresh: Path) -> None:
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    table = lemmas.dictionary("en")
    assert isinstance(table, lemmas.LemmaTable)
    reference = DefaultDictionaryFactory(cache_max_size=0).get_dictionary("en")
    assert len(table) == len(reference)
    assert all(table.get(k) == v for k, v in reference.items())
    assert table.get("zorbleflaxes") is None and "zorbleflaxes" not in table
    assert len(list(fresh.glob("lemmas-en-*.bin"))) == 1


def test_table_round_trip_in_memory() -> None:
    pairs = [("Häuser".encode(), "Haus".encode()), (b"ging", b"gehen"), (b"x" * 300, b"y")]
    buf = io.BytesIO()
    lemmas._write_table(pairs, buf)
    table = lemmas.LemmaTable(buf.getvalue())
    assert table["Häuser"] == "Haus" and table.get("ging") == "gehen" and table["x" * 300] == "y"
    assert len(table) == 3 and sorted(table) == sorted(k.decode() for k, _ in pairs)
    assert table.get("gin") is None and "Haus" not in table
    with pytest.raises(KeyError):
        table["Haus"]
    with pytest.raises(ValueError):
        lemmas.LemmaTable(buf.getvalue()[:-1])  # truncated


def test_damaged_table_is_rebuilt(fresh: Path) -> None:
    lemmas.dictionary("en")
    (path,) = fresh.glob("lemmas-en-*.bin")
    path.write_bytes(b"GBLEMMA1 but not a table")
    lemmas.dictionary.cache_clear()
    table = lemmas.dictionary("en")
    assert isinstance(table, lemmas.LemmaTable) and table.get("went") == "go"
    assert tables.valid_table(path)


def test_unwritable_cache_falls_back_to_simplemmas_dictionary(tmp_path: Path, fresh: Path, monkeypatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("GRAPHBUILDER_CACHE_DIR", str(blocker / "cache"))
    table = lemmas.dictionary("en")
    assert not isinstance(table, lemmas.LemmaTable)
    assert lemmas.lemmatize("went", "en") == simplemma.lemmatize("went", lang="en") == "go"


def test_no_cache_env_uses_simplemmas_dictionary(fresh: Path, monkeypatch) -> None:
    monkeypatch.setenv("GRAPHBUILDER_NO_CACHE", "1")
    assert not isinstance(lemmas.dictionary("en"), lemmas.LemmaTable)
    assert lemmas.lemmatize("mice", "en") == simplemma.lemmatize("mice", lang="en")
    assert not fresh.exists()
