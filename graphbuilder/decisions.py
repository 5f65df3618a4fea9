"""Analyst decisions that survive re-ingestion: merges and splits of entities and events.

Stored as JSON beside the graph store (``graph.db`` -> ``graph.decisions.json``; for Neo4j
``./graphbuilder.decisions.json`` unless ``--decisions`` names another file)::

    {"merge": {"per:lawrow-s": "per:sergey-lavrov"}, "split": [["per:anna-lind", "per:lind"]]}

``merge`` maps an id to the id it is merged into; every later ingest maps it the same way.
``split`` pairs are never merged automatically (a surname-only person stays apart from that
full name; two events stay two events).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from graphbuilder.graph import rename_nodes
from graphbuilder.models import GraphBatch


def default_path(store: str | os.PathLike[str] | None) -> Path:
    """Where the decisions of a store live."""
    if store is None:
        return Path("graphbuilder.decisions.json")
    p = Path(store)
    return p.with_name(p.stem + ".decisions.json")


@dataclass
class Decisions:
    merges: dict[str, str] = field(default_factory=dict)
    splits: set[frozenset[str]] = field(default_factory=set)
    path: Path | None = None

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Decisions:
        p = Path(path)
        if not p.exists():
            return cls(path=p)
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
            merges = {str(k): str(v) for k, v in data.get("merge", {}).items()}
            splits = {frozenset(map(str, pair)) for pair in data.get("split", []) if len(pair) == 2}
        except (ValueError, AttributeError, TypeError) as exc:
            raise ValueError(f"{p}: not a decisions file ({exc})") from None
        return cls(merges, splits, p)

    def save(self) -> None:
        if self.path is None:
            raise ValueError("no path to save the decisions to")
        data = {"merge": dict(sorted(self.merges.items())),
                "split": sorted(sorted(pair) for pair in self.splits)}
        self.path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    def canonical(self, node_id: str) -> str:
        seen = {node_id}
        while node_id in self.merges:
            node_id = self.merges[node_id]
            if node_id in seen:  # a cycle: stop where it closes
                break
            seen.add(node_id)
        return node_id

    def is_split(self, a: str, b: str) -> bool:
        return frozenset((a, b)) in self.splits

    def add_merge(self, source: str, target: str) -> None:
        if source == target:
            raise ValueError("cannot merge an id into itself")
        self.splits.discard(frozenset((source, target)))
        self.merges[source] = target

    def add_split(self, a: str, b: str) -> None:
        if a == b:
            raise ValueError("cannot split an id from itself")
        for x, y in ((a, b), (b, a)):
            if self.merges.get(x) == y:
                del self.merges[x]
        self.splits.add(frozenset((a, b)))

    def apply(self, batch: GraphBatch) -> GraphBatch:
        """Map every merged id of the batch to its canonical id."""
        renames = {n.id: self.canonical(n.id) for n in batch.nodes if n.id in self.merges}
        return rename_nodes(batch, renames) if renames else batch
