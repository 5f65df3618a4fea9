"""The component registry (in the spirit of spaCy's): components are selected by name.

Kinds: ``furniture`` (page-furniture finder), ``sentences`` (sentence splitter), ``temporal``
(time tagger), ``entities`` (NER), ``events`` (event extractor), ``sink`` (graph store). The
extraction kinds are wrapped into pipeline components by :mod:`graphbuilder.pipeline`. The built-in components are listed in :data:`CATALOGUE` as
``"module:attribute"`` strings, so looking one up imports only the module that holds it (the
registry never imports its plugins wholesale). Other packages add components either with the
decorator or through the ``graphbuilder.components`` entry-point group (entry point name
``KIND.NAME``, value ``module:attribute``)::

    @register("temporal", "mine")
    class MyTagger: ...

    tagger = get("temporal", "rules")()
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from typing import Any

KINDS = ("furniture", "sentences", "temporal", "entities", "events", "sink")

#: Built-in components: kind -> name -> "module:attribute" (imported on first lookup).
CATALOGUE: dict[str, dict[str, str]] = {
    "furniture": {"rules": "graphbuilder.clean:RuleFurnitureFinder"},
    "sentences": {"rules": "graphbuilder.sentences:RuleSentenceSplitter"},
    "temporal": {
        "rules": "graphbuilder.extract.temporal:RuleTemporalTagger",
        "dateparser": "graphbuilder.evaluation.naive:DateparserTemporalTagger",
    },
    "entities": {
        "rules": "graphbuilder.extract.entities:RuleEntityExtractor",
        "crf": "graphbuilder.extract.ner.model:CrfEntityExtractor",
    },
    "events": {
        "rules": "graphbuilder.extract.events.extractor:RuleEventExtractor",
        "learned": "graphbuilder.extract.events.learned.extractor:LearnedEventExtractor",
    },
    "sink": {
        "sqlite": "graphbuilder.store.sqlite_store:SQLiteStore",
        "neo4j": "graphbuilder.store.neo4j_sink:Neo4jSink",
    },
}

ENTRY_POINT_GROUP = "graphbuilder.components"

_REGISTRY: dict[str, dict[str, Callable[..., Any]]] = {}


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise ValueError(f"unknown component kind {kind!r}; expected one of {KINDS}")


def register(kind: str, name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Class/function decorator registering a component factory under ``kind``/``name``."""
    _check_kind(kind)

    def deco(factory: Callable[..., Any]) -> Callable[..., Any]:
        _REGISTRY.setdefault(kind, {})[name] = factory
        return factory

    return deco


def entry_points(group: str) -> Any:
    """``importlib.metadata.entry_points(group=group)`` (imported on first use: it is slow to import)."""
    from importlib import metadata

    return metadata.entry_points(group=group)


def _entry_points(kind: str) -> dict[str, str]:
    """Components other installed packages declare for ``kind`` (``KIND.NAME = module:attr``)."""
    found: dict[str, str] = {}
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        ep_kind, _, ep_name = ep.name.partition(".")
        if ep_kind == kind and ep_name:
            found[ep_name] = ep.value
    return found


def _resolve(target: str) -> Callable[..., Any]:
    """The object ``module:attr`` names; the module's import-time patterns come from the
    compiled-resource cache (:func:`graphbuilder.cache.compiled_patterns`)."""
    from graphbuilder.cache import compiled_patterns

    module, _, attr = target.partition(":")
    if module not in sys.modules:
        with compiled_patterns("re-components"):
            importlib.import_module(module)
    return getattr(importlib.import_module(module), attr)


def get(kind: str, name: str) -> Callable[..., Any]:
    """Return the factory registered as ``kind``/``name`` (clear error when unknown)."""
    _check_kind(kind)
    if name in _REGISTRY.get(kind, {}):
        return _REGISTRY[kind][name]
    target = CATALOGUE[kind].get(name) or _entry_points(kind).get(name)
    if target is None:
        raise KeyError(f"no {kind} component named {name!r} (known: {', '.join(names(kind)) or 'none'})")
    factory = _resolve(target)
    _REGISTRY.setdefault(kind, {})[name] = factory
    return factory


def names(kind: str) -> list[str]:
    """Every component name known for ``kind`` (built in, registered, or from entry points)."""
    _check_kind(kind)
    return sorted(set(CATALOGUE[kind]) | set(_REGISTRY.get(kind, {})) | set(_entry_points(kind)))
