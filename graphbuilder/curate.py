"""Analyst curation of a stored graph: merge two nodes, keep two apart (library side of the
``merge`` and ``split`` commands; the CLI only parses and prints).

Both record the decision in a :class:`~graphbuilder.decisions.Decisions` file so that every later
ingest repeats it; a merge also renames the node in the store now. Works on any store that
offers ``get_node`` and ``rename`` (SQLite and Neo4j).
"""

from __future__ import annotations

from typing import Any

from graphbuilder.decisions import Decisions
from graphbuilder.errors import UsageError


def merge_nodes(store: Any, decisions: Decisions, source: str, target: str,
                where: str | None = None) -> None:
    """Merge node ``source`` into ``target`` in ``store`` and record it in ``decisions`` (saved).

    ``UsageError`` when either node is missing, their labels differ or the merge is refused
    (an id into itself); nothing is changed then. ``where`` names the store in messages."""
    a, b = store.get_node(source), store.get_node(target)
    if a is None or b is None:
        raise UsageError(f"no node with id {source if a is None else target!r} in {where or store_name(store)}")
    if a.label != b.label:
        raise UsageError(f"cannot merge a {a.label} into a {b.label}")
    try:
        decisions.add_merge(source, target)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    store.rename(source, target)
    decisions.save()


def keep_apart(decisions: Decisions, first: str, second: str) -> None:
    """Record that ``first`` and ``second`` are never merged (undoes a recorded merge of the two);
    saved. Nodes already merged stay merged until the articles are ingested again."""
    try:
        decisions.add_split(first, second)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    decisions.save()


def store_name(store: Any) -> str:
    """How a store is named in messages (its path or URI when it tells one)."""
    return str(getattr(store, "path", None) or getattr(store, "uri", None) or "the store")
