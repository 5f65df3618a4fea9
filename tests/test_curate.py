"""Merge and split as library calls (the CLI commands only wrap them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphbuilder.curate import keep_apart, merge_nodes
from graphbuilder.decisions import Decisions
from graphbuilder.errors import UsageError
from graphbuilder.models import Node


class FakeStore:
    def __init__(self, *nodes: Node) -> None:
        self.nodes = {n.id: n for n in nodes}
        self.renamed: list[tuple[str, str]] = []

    def get_node(self, id: str) -> Node | None:
        return self.nodes.get(id)

    def rename(self, old: str, new: str) -> None:
        self.renamed.append((old, new))


def test_merge_renames_now_and_records_the_decision(tmp_path: Path) -> None:
    store = FakeStore(Node(label="Person", id="per:lind"), Node(label="Person", id="per:vera-lind"))
    dec = Decisions(path=tmp_path / "d.json")
    merge_nodes(store, dec, "per:lind", "per:vera-lind")
    assert store.renamed == [("per:lind", "per:vera-lind")]
    assert Decisions.load(tmp_path / "d.json").canonical("per:lind") == "per:vera-lind"


def test_a_refused_merge_changes_nothing(tmp_path: Path) -> None:
    store = FakeStore(Node(label="Person", id="per:lind"), Node(label="Location", id="loc:lind"))
    dec = Decisions(path=tmp_path / "d.json")
    with pytest.raises(UsageError, match="cannot merge a Person into a Location"):
        merge_nodes(store, dec, "per:lind", "loc:lind")
    with pytest.raises(UsageError, match="no node with id 'per:nobody' in my.db"):
        merge_nodes(store, dec, "per:lind", "per:nobody", where="my.db")
    assert store.renamed == [] and not (tmp_path / "d.json").exists()


def test_keep_apart_undoes_a_recorded_merge(tmp_path: Path) -> None:
    dec = Decisions(path=tmp_path / "d.json")
    dec.add_merge("per:lind", "per:vera-lind")
    keep_apart(dec, "per:vera-lind", "per:lind")
    saved = Decisions.load(tmp_path / "d.json")
    assert saved.merges == {} and saved.is_split("per:lind", "per:vera-lind")
    with pytest.raises(UsageError, match="itself"):
        keep_apart(dec, "per:lind", "per:lind")
