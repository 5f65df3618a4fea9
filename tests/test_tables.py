"""String tables read in place: several named tables in one file give back what was written."""

from __future__ import annotations

import io
from dataclasses import fields
from pathlib import Path

import pytest

from graphbuilder import keys, tables


def _file(tmp_path: Path, content: dict) -> Path:
    buf = io.BytesIO()
    tables.write_tables({name: tables.pairs_of(value) for name, value in content.items()}, buf)
    path = tmp_path / "t.bin"
    path.write_bytes(buf.getvalue())
    return path


def test_tables_round_trip(tmp_path: Path) -> None:
    words = {f"Wort{i}": f"lemma{i % 7}" for i in range(500)} | {"Ärger": "ärgern", "x": ""}
    path = _file(tmp_path, {"map": words, "set": {"Tal", "Übersee"}, "lists": {"k": ["A", "B", "A"]}, "empty": {}})
    found = tables.open_tables(path)
    assert dict(found["map"]) == words and found["map"].get("missing") is None and "missing" not in found["map"]
    assert set(tables.StringSet(found["set"])) == {"Tal", "Übersee"} and "Tal" in tables.StringSet(found["set"])
    assert tables.ListTable(found["lists"])["k"] == ["A", "B", "A"] and len(found["empty"]) == 0
    assert tables.valid_tables(path)


def test_damaged_file_is_not_valid(tmp_path: Path) -> None:
    path = _file(tmp_path, {"map": {"a": "b" * 100}})
    path.write_bytes(path.read_bytes()[:-60])
    assert not tables.valid_tables(path)
    path.write_bytes(b"")
    assert not tables.valid_tables(path)


def test_a_list_item_with_the_separator_is_refused() -> None:
    with pytest.raises(ValueError):
        list(tables.pairs_of({"k": ["a\tb"]}))


def test_alias_tables_read_in_place_equal_the_built_ones(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRAPHBUILDER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("GRAPHBUILDER_NO_CACHE", raising=False)
    keys.alias_data.cache_clear()
    try:
        mapped, built = keys.alias_data(), keys.built_alias_data()
        assert isinstance(mapped, keys._MappedAliasData)
        for f in fields(built):
            ref, got = getattr(built, f.name), getattr(mapped, f.name)
            assert len(got) == len(ref) and set(got) == set(ref)
            if isinstance(ref, dict):
                assert all(got[k] == v for k, v in ref.items())
    finally:
        keys.alias_data.cache_clear()


def test_word_lists_read_in_place_equal_the_lists(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from graphbuilder.extract import entities

    monkeypatch.setenv("GRAPHBUILDER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("GRAPHBUILDER_NO_CACHE", raising=False)
    for name, loader in (("nouns_de.txt.gz", entities.german_nouns), ("words_en.txt.gz", entities.english_words)):
        loader.cache_clear()
        try:
            found, listed = loader(), entities._read_words(name)
            assert isinstance(found, tables.StringSet) and len(found) == len(listed) and set(found) == listed
        finally:
            loader.cache_clear()
    path = next((tmp_path / "cache").glob("words-nouns_de-*.bin"))
    assert tables.valid_tables(path)  # one file of named tables (:func:`tables.cached_tables`)
    path.write_bytes(path.read_bytes()[:100])
    assert not tables.valid_tables(path)


def test_cached_tables_are_built_once_and_read_in_place(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("GRAPHBUILDER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("GRAPHBUILDER_NO_CACHE", raising=False)
    src = tmp_path / "src.txt"
    src.write_text("Tal Übersee", encoding="utf-8")
    calls: list[int] = []

    def build() -> dict:
        calls.append(1)
        return {"words": tables.pairs_of(set(src.read_text(encoding="utf-8").split()))}

    first = tables.cached_tables("probe", [src], build)
    again = tables.cached_tables("probe", [src], build)
    assert first is not None and again is not None and len(calls) == 1
    assert set(tables.StringSet(again["words"])) == {"Tal", "Übersee"}
    monkeypatch.setenv("GRAPHBUILDER_NO_CACHE", "1")
    assert tables.cached_tables("probe", [src], build) is None  # the caller builds in memory
