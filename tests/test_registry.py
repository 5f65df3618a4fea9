"""The component registry: built-ins from the catalogue, imported only when looked up."""

from __future__ import annotations

import subprocess
import sys

import pytest

from graphbuilder import registry


@pytest.mark.parametrize("kind", registry.KINDS)
def test_every_catalogue_entry_resolves_to_a_factory(kind: str):
    for name in registry.CATALOGUE[kind]:
        assert callable(registry.get(kind, name))


def test_unknown_name_lists_the_known_ones():
    with pytest.raises(KeyError, match=r"no temporal component named 'nope' \(known: .*rules"):
        registry.get("temporal", "nope")


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="unknown component kind"):
        registry.get("parser", "rules")


def test_decorator_registers_a_component():
    @registry.register("events", "test-only-extractor")
    class Dummy:
        pass

    try:
        assert registry.get("events", "test-only-extractor") is Dummy
        assert "test-only-extractor" in registry.names("events")
    finally:
        registry._REGISTRY["events"].pop("test-only-extractor")


def test_entry_points_are_found(monkeypatch: pytest.MonkeyPatch):
    class EP:
        name, value = "temporal.plugged", "graphbuilder.evaluation.naive:DateparserTemporalTagger"

    monkeypatch.setattr(registry, "entry_points", lambda group: [EP()] if group == registry.ENTRY_POINT_GROUP else [])
    assert "plugged" in registry.names("temporal")
    try:
        assert registry.get("temporal", "plugged").__name__ == "DateparserTemporalTagger"
    finally:
        registry._REGISTRY["temporal"].pop("plugged", None)


def test_looking_up_a_tagger_imports_no_store():
    code = ("import sys; from graphbuilder import registry; registry.get('temporal', 'rules'); "
            "print(sorted(m for m in sys.modules if m.startswith('graphbuilder.store') or m == 'neo4j'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
