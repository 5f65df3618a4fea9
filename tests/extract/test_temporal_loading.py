"""How the time grammar is loaded: a language's rules when its first document arrives, the
shipped patterns compiled on first use (every one of them compiles), a user pack's at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphbuilder import packs
from graphbuilder.extract import temporal


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_shipped_rule_compiles(lang: str) -> None:
    rules = temporal.load_language(lang).rules
    assert rules and all(rule.regex.pattern == rule.source for rule in rules)


def test_a_bad_pattern_in_a_user_pack_fails_at_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(packs.PACKS_ENV, str(tmp_path))
    (tmp_path / "qq").mkdir()
    (tmp_path / "qq" / "temporal.toml").write_text(
        'extends = "en"\n[[rule]]\nkind = "date"\npattern = "(unclosed"\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"qq\.toml rule 0"):
        temporal._compile_language("qq")


def test_shipped_rules_wait_for_their_first_use() -> None:
    fresh = temporal._compile_language("en")
    assert all(rule.compiled is None for rule in fresh.rules)
    tagger = temporal.RuleTemporalTagger()
    found = tagger.tag("The fair opened on Monday, 6 December 2021.", "en", None)
    assert [t.value for t in found] == ["2021-12-06"]
