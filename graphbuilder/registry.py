"""A tiny component registry (in the spirit of spaCy's): components are selected by name.

Kinds: ``temporal`` (time tagger), ``entities`` (NER), ``events`` (event extractor),
``sink`` (graph store). Register with the decorator, look up with :func:`get`::

    @register("temporal", "rules")
    class RuleTemporalTagger: ...

    tagger = get("temporal", "rules")()
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_REGISTRY: dict[str, dict[str, Callable[..., Any]]] = {}

KINDS = ("temporal", "entities", "events", "sink")


def register(kind: str, name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Class/function decorator registering a component factory under ``kind``/``name``."""
    if kind not in KINDS:
        raise ValueError(f"unknown component kind {kind!r}; expected one of {KINDS}")

    def deco(factory: Callable[..., Any]) -> Callable[..., Any]:
        _REGISTRY.setdefault(kind, {})[name] = factory
        return factory

    return deco


def _load_builtins() -> None:
    # Importing the modules runs their @register decorators.
    from graphbuilder.extract import entities, events, temporal  # noqa: F401
    from graphbuilder.extract.ner import model  # noqa: F401
    from graphbuilder.store import neo4j_sink, sqlite_store  # noqa: F401


def get(kind: str, name: str) -> Callable[..., Any]:
    """Return the factory registered as ``kind``/``name`` (clear error when unknown)."""
    _load_builtins()
    try:
        return _REGISTRY[kind][name]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY.get(kind, {}))) or "none"
        raise KeyError(f"no {kind} component named {name!r} (known: {known})") from None


def names(kind: str) -> list[str]:
    _load_builtins()
    return sorted(_REGISTRY.get(kind, {}))
