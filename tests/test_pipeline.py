"""The pipeline is assembled from named components by a config (defaults, file, flags)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from graphbuilder import registry
from graphbuilder.errors import UsageError
from graphbuilder.extract.ner import DEFAULT_ENTITIES
from graphbuilder.models import Document, Extraction
from graphbuilder.pipeline import STAGES, Pipeline, Run, default_config, load_config, make_component


def test_the_packaged_defaults_name_one_known_component_per_stage(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GRAPHBUILDER_NER", raising=False)
    cfg = default_config()
    assert list(cfg.stages) == list(STAGES)
    for stage in STAGES:
        assert cfg.component(stage) in registry.names(stage)
    assert cfg.component("entities") == DEFAULT_ENTITIES


def test_file_then_flags_override_the_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRAPHBUILDER_NER", "rules")
    assert default_config().component("entities") == "rules"
    path = tmp_path / "p.toml"
    path.write_text('[entities]\ncomponent = "crf"\n[temporal]\ndocument_type = "narrative"\n', encoding="utf-8")
    cfg = load_config(path)
    assert cfg.component("entities") == "crf" and cfg.settings("temporal") == {"document_type": "narrative"}
    assert load_config(path, ["entities=rules"]).component("entities") == "rules"


def test_the_learned_events_role_classifier_is_switched_off_by_a_config_setting(tmp_path: Path) -> None:
    assert Pipeline().events.learned_roles  # on by default (English)
    path = tmp_path / "p.toml"
    path.write_text('[events]\ncomponent = "learned"\nlearned_roles = false\n', encoding="utf-8")
    assert Pipeline(config=load_config(path)).events.learned_roles is False


def test_the_learned_events_confidence_classifier_is_switched_off_by_a_config_setting(tmp_path: Path) -> None:
    events = Pipeline().events
    assert events.learned_confidence and events.confidence_min_real == 0.0  # on by default, dropping nothing
    path = tmp_path / "p.toml"
    path.write_text('[events]\nlearned_confidence = false\nconfidence_min_real = 0.5\n', encoding="utf-8")
    events = Pipeline(config=load_config(path)).events
    assert events.learned_confidence is False and events.confidence_min_real == 0.5
    path.write_text('[events]\nconfidence_min_real = 2\n', encoding="utf-8")
    with pytest.raises(UsageError, match="confidence_min_real must be a number from 0 to 1"):
        Pipeline(config=load_config(path))


@pytest.mark.parametrize("text, message", [
    ('[entitys]\ncomponent = "crf"\n', r"unknown pipeline stage \[entitys\]"),
    ('[entities]\ncomponent = "spacy"\n', "'spacy' is not a known entities component"),
    ("[entities\n", "not a valid TOML"),
])
def test_a_bad_config_names_the_file_and_the_problem(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "p.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UsageError, match=message) as err:
        load_config(path)
    assert str(path) in str(err.value)


def test_bad_component_flags_and_settings_are_usage_errors() -> None:
    with pytest.raises(UsageError, match="KIND=NAME"):
        load_config(None, ["entities"])
    with pytest.raises(UsageError, match="not a known events component"):
        load_config(None, ["events=nope"])
    with pytest.raises(UsageError, match="temporal"):
        make_component("temporal", "rules", colour="blue")


def test_a_component_registered_by_name_is_chosen_by_config() -> None:
    calls: list[str] = []

    @registry.register("events", "test-recorder")
    class Recorder:
        def __init__(self, tag: str = "") -> None:
            self.tag = tag

        def extract(self, text, language, sentences, entities, times, roles, ref):  # noqa: ANN001
            calls.append(f"{self.tag}:{language}:{len(sentences)}:{len(times)}")
            return []

    cfg = load_config(None, ["events=test-recorder", "entities=rules"]).merged(
        {"events": {"tag": "t"}}, "test")
    pipe = Pipeline(config=cfg)
    ex = pipe.process(Document(id="d", text="Vera Lind opened the depot on 3 May 2021."),
                      reference_date=dt.date(2021, 5, 10), language="en")
    assert calls == ["t:en:1:1"] and ex.events == [] and ex.times[0].value == "2021-05-03"


def test_every_stage_has_the_one_call_signature() -> None:
    cfg = load_config(None, ["entities=rules"])
    ex = Extraction(document=Document(id="d", text="Vera Lind said so.\n\nFoto: dpa"), language="en")
    for stage in STAGES:
        make_component(stage, cfg.component(stage), **cfg.settings(stage))(ex, Run())
    assert [s.text for s in ex.furniture] == ["Foto: dpa"]
    assert [s.text for s in ex.sentences] == ["Vera Lind said so."]
    assert [m.text for m in ex.entities] == ["Vera Lind"]
