"""Extraction pipeline: Document -> Extraction, assembled from named components by a config.

Every stage is a *component*: an object created by a factory that takes its settings, called
with one signature over the typed extraction::

    component(ex: Extraction, run: Run) -> None   # fills its part of ``ex``

The stages run in :data:`STAGES` order (furniture, sentences, temporal, entities, events). Each
wraps the engine named in the config (``graphbuilder/data/pipeline.toml``, then ``--config FILE``,
then ``--component KIND=NAME``); engines are looked up by name in :mod:`graphbuilder.registry`,
so choosing the rule or the learned name recogniser is a config value.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

from graphbuilder import registry
from graphbuilder.errors import UsageError
from graphbuilder.timeprops import event_time
from graphbuilder.language import detect_language
from graphbuilder.models import Document, Extraction, Span
from graphbuilder.packs import rules_language

#: The stages of the pipeline, in the order they run (each one a registry kind).
STAGES = ("furniture", "sentences", "temporal", "entities", "events")
COMPONENT_KEY = "component"


@dataclass
class Run:
    """What a component may know beyond the document: run-level context."""

    repeated: set[str] | None = None  # normalised paragraphs repeated across the source's articles


class Component(Protocol):
    """The one call signature of a pipeline stage."""

    name: str

    def __call__(self, ex: Extraction, run: Run) -> None: ...


# ---------------------------------------------------------------------------
# configuration

@dataclass
class PipelineConfig:
    """Stage -> {"component": NAME, setting: value, ...}; ``sources`` names where it came from."""

    stages: dict[str, dict[str, Any]]
    sources: list[str] = field(default_factory=list)

    def component(self, stage: str) -> str:
        return str(self.stages[stage][COMPONENT_KEY])

    def settings(self, stage: str) -> dict[str, Any]:
        return {k: v for k, v in self.stages[stage].items() if k != COMPONENT_KEY}

    def merged(self, table: Mapping[str, Any], where: str) -> PipelineConfig:
        """This config with ``table`` (same layout as pipeline.toml) laid over it; validated."""
        stages = {k: dict(v) for k, v in self.stages.items()}
        for stage, spec in table.items():
            if stage not in STAGES:
                raise UsageError(f"{where}: unknown pipeline stage [{stage}] (known: {', '.join(STAGES)})")
            if not isinstance(spec, Mapping):
                raise UsageError(f"{where}: [{stage}] must be a table")
            name = spec.get(COMPONENT_KEY, stages[stage][COMPONENT_KEY])
            if name != stages[stage][COMPONENT_KEY]:
                stages[stage] = {COMPONENT_KEY: name}  # another engine: the old settings go
            stages[stage].update(spec)
            if not isinstance(name, str) or name not in registry.names(stage):
                raise UsageError(f"{where}: [{stage}] component = {name!r} is not a known {stage} "
                                 f"component (known: {', '.join(registry.names(stage))})")
        return PipelineConfig(stages, self.sources + [where])

    def with_components(self, pairs: Iterable[str], where: str = "--component") -> PipelineConfig:
        """This config with ``KIND=NAME`` choices laid over it (the ``--component`` flags)."""
        table: dict[str, dict[str, Any]] = {}
        for pair in pairs:
            kind, sep, name = pair.partition("=")
            if not sep or not kind.strip() or not name.strip():
                raise UsageError(f"{where} {pair!r}: expected KIND=NAME, e.g. entities=rules")
            table[kind.strip()] = {COMPONENT_KEY: name.strip()}
        return self.merged(table, where) if table else self


def _read_toml(path: Any, where: str) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise UsageError(f"{where}: cannot read the pipeline config ({exc.strerror or exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{where}: not a valid TOML pipeline config: {exc}") from None


def default_config() -> PipelineConfig:
    """The packaged defaults (``graphbuilder/data/pipeline.toml``); ``$GRAPHBUILDER_NER``, when
    set, replaces the default entities component."""
    shipped = resources.files("graphbuilder.data").joinpath("pipeline.toml")
    raw = _read_toml(shipped, "graphbuilder/data/pipeline.toml")
    missing = [s for s in STAGES if COMPONENT_KEY not in raw.get(s, {})]
    if missing:
        raise UsageError(f"graphbuilder/data/pipeline.toml: no component for {', '.join(missing)}")
    unknown = set(raw) - set(STAGES)
    if unknown:
        raise UsageError(f"graphbuilder/data/pipeline.toml: unknown stage(s) {', '.join(sorted(unknown))}")
    cfg = PipelineConfig({s: dict(raw[s]) for s in STAGES}, ["graphbuilder/data/pipeline.toml"])
    ner = os.environ.get("GRAPHBUILDER_NER", "").strip()
    if ner:
        cfg = cfg.merged({"entities": {COMPONENT_KEY: ner}}, "$GRAPHBUILDER_NER")
    return cfg


def load_config(path: str | Path | None = None, components: Iterable[str] = ()) -> PipelineConfig:
    """Defaults, then the file at ``path`` (if any), then ``KIND=NAME`` choices."""
    cfg = default_config()
    if path is not None:
        cfg = cfg.merged(_read_toml(Path(path), str(path)), str(path))
    return cfg.with_components(components)


# ---------------------------------------------------------------------------
# the stage components: each wraps the engine the config names

def _outside(spans: list[Span], start: int, end: int) -> bool:
    return not any(s.start < end and start < s.end for s in spans)


class _Stage:
    kind = ""

    def __init__(self, name: str, **settings: Any) -> None:
        self.name = name
        self.engine = registry.get(self.kind, name)(**settings)


class FurnitureStage(_Stage):
    """Page furniture spans (credits, link lines, footers) -> ``ex.furniture``."""

    kind = "furniture"

    def __call__(self, ex: Extraction, run: Run) -> None:
        ex.furniture = self.engine.find(ex.document.text, rules_language(ex.language), run.repeated)


class SentenceStage(_Stage):
    """Sentences outside the furniture -> ``ex.sentences``."""

    kind = "sentences"

    def __call__(self, ex: Extraction, run: Run) -> None:
        ex.sentences = self.engine.split(ex.document.text, rules_language(ex.language), ex.furniture)


class TemporalStage(_Stage):
    """Time expressions outside the furniture -> ``ex.times``."""

    kind = "temporal"

    def __call__(self, ex: Extraction, run: Run) -> None:
        times = self.engine.tag(ex.document.text, rules_language(ex.language), ex.reference_date,
                                ex.sentences)
        ex.times = [t for t in times if _outside(ex.furniture, t.start, t.end)]


class EntityStage(_Stage):
    """Entity mentions outside the furniture and role facts -> ``ex.entities``, ``ex.roles``."""

    kind = "entities"

    def __call__(self, ex: Extraction, run: Run) -> None:
        mentions, roles = self.engine.extract(ex.document.text, rules_language(ex.language), ex.sentences)
        ex.entities = [m for m in mentions if _outside(ex.furniture, m.start, m.end)]
        ex.roles = roles


class EventStage(_Stage):
    """Event mentions -> ``ex.events``."""

    kind = "events"

    def __call__(self, ex: Extraction, run: Run) -> None:
        ex.events = self.engine.extract(ex.document.text, rules_language(ex.language), ex.sentences,
                                        ex.entities, ex.times, ex.roles, ex.reference_date)


STAGE_FACTORIES: dict[str, type[_Stage]] = {
    "furniture": FurnitureStage, "sentences": SentenceStage, "temporal": TemporalStage,
    "entities": EntityStage, "events": EventStage,
}


def make_component(stage: str, name: str, **settings: Any) -> Component:
    """The component of ``stage`` wrapping the engine registered as ``name``, with ``settings``."""
    if stage not in STAGE_FACTORIES:
        raise UsageError(f"unknown pipeline stage {stage!r} (known: {', '.join(STAGES)})")
    try:
        return STAGE_FACTORIES[stage](name, **settings)
    except KeyError as exc:
        raise UsageError(str(exc.args[0]) if exc.args else str(exc)) from None
    except (TypeError, ValueError) as exc:  # a setting the engine's factory does not take, or a bad value
        raise UsageError(f"[{stage}] component {name!r}: {exc}") from None


class Pipeline:
    """Runs the stages of a :class:`PipelineConfig` over one document at a time.

    The keyword arguments choose engines the way a ``--component`` flag does (``entities="rules"``)
    and ``document_type`` sets the time tagger's profile ("news", "narrative", "interview";
    None/"auto": from the text); ``config`` defaults to :func:`default_config`."""

    def __init__(self, temporal: str | None = None, entities: str | None = None,
                 events: str | None = None, document_type: str | None = None,
                 config: PipelineConfig | None = None) -> None:
        cfg = config or default_config()
        chosen = {k: v for k, v in (("temporal", temporal), ("entities", entities), ("events", events)) if v}
        cfg = cfg.with_components(f"{k}={v}" for k, v in chosen.items())
        if document_type not in (None, "auto"):
            cfg = cfg.merged({"temporal": {"document_type": document_type}}, "--document-type")
        self.config = cfg
        self.components: list[Component] = [
            make_component(stage, cfg.component(stage), **cfg.settings(stage)) for stage in STAGES]
        by_stage = dict(zip(STAGES, self.components, strict=True))
        # the engines, for callers that use one directly (evaluation, diagnostics)
        self.temporal = by_stage["temporal"].engine  # type: ignore[attr-defined]
        self.entities = by_stage["entities"].engine  # type: ignore[attr-defined]
        self.events = by_stage["events"].engine  # type: ignore[attr-defined]

    def process(
        self,
        doc: Document,
        reference_date: dt.date | None = None,
        language: str | None = None,
        repeated: set[str] | None = None,
    ) -> Extraction:
        """Extract times, entities and events of one document.

        The reference date is the document's ``published`` date, else ``reference_date``;
        with neither, relative and year-less expressions stay unanchored."""
        warnings: list[str] = []
        lang = language or doc.language
        if not lang:
            lang, _conf = detect_language(doc.text)
        if rules_language(lang) != lang:
            warnings.append(f"language {lang!r} is not supported; using English rules (partial results)")
        ex = Extraction(document=doc, language=lang, reference_date=doc.published or reference_date,
                        warnings=warnings)
        run = Run(repeated=repeated)
        # the stages make no reference cycles: the cyclic garbage collector, which would scan the
        # article's feature lists and mentions dozens of times for nothing, pauses for the article
        enabled = gc.isenabled()
        gc.disable()
        try:
            for component in self.components:
                component(ex, run)
        finally:
            if enabled:
                gc.enable()
        return ex


def extraction_record(ex: Extraction) -> dict[str, Any]:
    """The `extract` command's JSON record for one document (offsets into the input text).

    For HTML input the offsets refer to the extracted main text, which the record then
    carries as ``text``."""
    ref = ex.reference_date
    extra = {"text": ex.document.text} if ex.document.meta.get("format") == "html" else {}
    return {
        "id": ex.document.id,
        "path": ex.document.path,
        "language": ex.language,
        "reference_date": ref.isoformat() if ref else None,
        "title": ex.document.title,
        "entities": [
            {"start": m.start, "end": m.end, "text": m.text, "label": m.label, "id": m.key,
             "confidence": round(m.confidence, 3),
             **({"derived": True} if m.derived else {}), **({"nested": True} if m.nested else {})}
            for m in ex.entities
        ],
        "times": [
            {"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value,
             **({"mod": t.mod} if t.mod else {}), **({"vague": True} if t.vague else {})}
            for t in ex.times
        ],
        "events": [
            {
                "id": e.key, "type": e.type, "status": e.status,
                "trigger": {"start": e.trigger.start, "end": e.trigger.end, "text": e.trigger.text},
                "participants": [{"id": p.key, "role": p.role} for p in e.participants],
                "time": _time_record(e, ref),
                "location": e.location,
                "about": e.about, "before": e.before,
            }
            for e in ex.events
        ],
        "roles": [r.model_dump() for r in ex.roles],
        "warnings": ex.warnings,
        **extra,
    }


def _time_record(e: Any, ref: dt.date | None) -> dict[str, Any] | None:
    t = event_time(e, ref)
    if t["time_value"] is None and t["start"] is None:
        return None
    out = {"value": t["time_value"], "start": t["start"], "end": t["end"],
           "precision": t["precision"], "text": t["time_text"], "source": e.time_source}
    if e.time is not None:
        out["span"] = {"start": e.time.start, "end": e.time.end}
    return out
