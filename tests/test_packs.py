"""Language packs: layout, the one fallback, validation on load, ``extends``."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphbuilder import packs
from graphbuilder.schema import SchemaError


@pytest.fixture()
def pack_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(packs.PACKS_ENV, str(tmp_path))
    return tmp_path


def _write(root: Path, lang: str, kind: str, text: str) -> Path:
    (root / lang).mkdir(exist_ok=True)
    path = root / lang / f"{kind}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_languages_have_every_pack_kind() -> None:
    assert packs.supported_languages() == ["de", "en"]
    for lang in ("de", "en"):
        for kind in packs.KINDS:
            assert packs.pack_file(kind, lang) is not None, (kind, lang)
    assert "uk" in packs.languages("stopwords") and "uk" not in packs.supported_languages()


def test_one_fallback_for_languages_without_a_complete_pack(pack_dir: Path) -> None:
    assert packs.rules_language("de") == "de"
    for other in ("fr", "other:und", "", None):
        assert packs.rules_language(other) == packs.FALLBACK_LANGUAGE
    _write(pack_dir, "qq", "entities", 'profile = "de"\n')  # incomplete: still the fallback
    assert packs.rules_language("qq") == "en"
    assert packs.entity_profile("qq") == "en" and packs.entity_profile("de") == "de"


def test_an_unknown_key_in_a_pack_is_an_error_naming_file_and_key(pack_dir: Path) -> None:
    path = _write(pack_dir, "qq", "entities", 'profile = "en"\nspeech_verb = ["vok"]\n')
    with pytest.raises(SchemaError, match=r"qq/entities\.toml.*'speech_verb'"):
        packs.load_pack("entities", "qq")
    path.write_text('profile = "en"\nspeech_verbs = "vok"\n', encoding="utf-8")
    with pytest.raises(SchemaError, match="'speech_verbs' must be a list of strings"):
        packs.load_pack("entities", "qq")
    path.write_text('profile = "klingon"\n', encoding="utf-8")
    with pytest.raises(SchemaError, match="profile"):
        packs.load_pack("entities", "qq")
    _write(pack_dir, "qq", "stopwords", 'words = ["a"]\nscript = "runic"\n')
    with pytest.raises(SchemaError, match="script"):
        packs.load_pack("stopwords", "qq")


def test_a_pack_extends_another_languages_pack_table_by_table(pack_dir: Path) -> None:
    _write(pack_dir, "qq", "entities", 'extends = "en"\nspeech_verbs = ["vok"]\n')
    data, where = packs.load_pack("entities", "qq")
    assert where.endswith("entities.toml") and data["speech_verbs"] == ["vok"]
    assert data["profile"] == "en" and "May" in data["calendar_words"]
    _write(pack_dir, "qq", "entities", 'extends = "zz"\n')
    with pytest.raises(SchemaError, match="extends"):
        packs.load_pack("entities", "qq")


def test_a_pack_folder_wins_over_the_shipped_pack(pack_dir: Path) -> None:
    _write(pack_dir, "en", "stopwords", 'words = ["zork"]\n')
    assert packs.load_pack("stopwords", "en")[0]["words"] == ["zork"]


def test_furniture_packs_are_validated_on_load(pack_dir: Path) -> None:
    path = _write(pack_dir, "qq", "furniture", "link_cues = ['lees\\s+(?:ook']\n")
    with pytest.raises(SchemaError, match=r"qq/furniture\.toml: key 'link_cues': bad pattern"):
        packs.load_pack("furniture", "qq")
    path.write_text("[footer.gossip]\npatterns = ['x']\n", encoding="utf-8")
    with pytest.raises(SchemaError, match=r"unknown footer category \[footer\.gossip\]"):
        packs.load_pack("furniture", "qq")
    path.write_text("[footer.legal]\npattern = ['x']\n", encoding="utf-8")
    with pytest.raises(SchemaError, match="only 'patterns' and 'anchors'"):
        packs.load_pack("furniture", "qq")


def test_an_unknown_entity_word_list_is_an_error(pack_dir: Path) -> None:
    _write(pack_dir, "qq", "entities", 'profile = "en"\n[words]\ndeterminers = ["ka"]\nperson_cue = ["x"]\n')
    with pytest.raises(SchemaError, match=r"qq/entities\.toml: unknown word list \[words\] 'person_cue'"):
        packs.load_pack("entities", "qq")


def test_a_misspelt_cue_name_in_an_events_pack_is_an_error(pack_dir: Path) -> None:
    _write(pack_dir, "qq", "events", "extends = 'en'\n[cues]\nplaned = ['soon']\n")
    with pytest.raises(SchemaError, match=r"qq/events\.toml: \[cues\] 'planed' is not a cue name"):
        packs.load_pack("events", "qq")
    _write(pack_dir, "qq", "events", "extends = 'en'\n[cues]\nplanned = ['soon']\n")
    assert packs.load_pack("events", "qq")[0]["cues"] == {"planned": ["soon"]}


def test_a_changed_pack_is_read_again_not_served_from_the_cache(pack_dir: Path, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRAPHBUILDER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("GRAPHBUILDER_NO_CACHE", raising=False)
    _write(pack_dir, "qq", "stopwords", 'words = ["zorb", "flax"]\n')
    assert packs.load_pack("stopwords", "qq")[0] == {"words": ["zorb", "flax"]}
    assert list((tmp_path / "cache").glob("pack-stopwords-qq-*.pickle"))
    _write(pack_dir, "qq", "stopwords", 'words = ["zorb", "flax", "quem"]\n')
    assert packs.load_pack("stopwords", "qq")[0] == {"words": ["zorb", "flax", "quem"]}
    _write(pack_dir, "qq", "stopwords", 'words = ["zorb"]\nscript = "klingon"\n')
    with pytest.raises(SchemaError, match="script"):
        packs.load_pack("stopwords", "qq")


def test_the_cache_key_of_a_shipped_pack_covers_its_file() -> None:
    """A shipped pack edited in place (an install from source) must not be served stale: the
    files the cached pack is keyed by include every shipped pack file."""
    from graphbuilder.cache import _files

    keyed = {p.resolve() for p in _files(packs.pack_sources())}
    for kind, lang in (("events", "de"), ("events", "en"), ("temporal", "de"), ("stopwords", "en")):
        shipped = packs.pack_file(kind, lang)
        assert shipped is not None and Path(str(shipped)).resolve() in keyed, (kind, lang)
