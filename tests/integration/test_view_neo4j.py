"""`graphbuilder view` from Neo4j gives the page it gives from the embedded store.

examples/ is ingested into a fresh SQLite store and into Neo4j (directly, and by `push`); the
pages built from both stores by the CLI carry the same embedded view model, byte for byte.
A packaged query (--query) narrows the page to the events it returns.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from graphbuilder.cli import main
from graphbuilder.core import ingest, push
from graphbuilder.store.sqlite_store import SQLiteStore

pytestmark = pytest.mark.integration

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _page(*args: str) -> str:
    res = CliRunner().invoke(main, ["view", *args], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    out = args[args.index("-o") + 1]
    return Path(out).read_text(encoding="utf-8")


def _data(page: str) -> str:
    m = re.search(r'<script type="application/json" id="gb-data">(.*?)</script>', page, re.S)
    assert m
    return m.group(1)


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Path:
    db = tmp_path / "tmp.db"
    with SQLiteStore(db) as store:
        assert ingest([str(EXAMPLES)], store).exit_code == 0
    return db


def _neo4j_args() -> list[str]:
    return ["--neo4j-uri", os.environ["NEO4J_URI"]]


@pytest.mark.parametrize("how", ["ingest", "push"])
def test_same_page_from_neo4j_and_sqlite(how: str, neo4j_sink: Any, sqlite_db: Path, tmp_path: Path) -> None:
    if how == "ingest":
        assert ingest([str(EXAMPLES)], neo4j_sink).exit_code == 0
    else:
        with SQLiteStore(sqlite_db) as store:
            push(store, neo4j_sink)
    common = ["--sources", str(EXAMPLES)]
    from_sqlite = _page("--store", str(sqlite_db), *common, "-o", str(tmp_path / "a.html"))
    from_neo4j = _page(*_neo4j_args(), *common, "-o", str(tmp_path / "b.html"))
    assert '"events":[{' in _data(from_sqlite)
    assert _data(from_neo4j) == _data(from_sqlite)
    assert from_neo4j == from_sqlite
    # one entity, a time window: still the same
    narrow = ["--entity", "Kowaltschuk", "--from", "2025-03-01", "--to", "2025-03-31"]
    a = _page("--store", str(sqlite_db), *narrow, "-o", str(tmp_path / "c.html"))
    b = _page(*_neo4j_args(), *narrow, "-o", str(tmp_path / "d.html"))
    assert _data(a) == _data(b) and '"events":[{' in _data(a)


def test_packaged_query_narrows_the_page(neo4j_sink: Any, tmp_path: Path) -> None:
    assert ingest([str(EXAMPLES)], neo4j_sink).exit_code == 0
    whole = _data(_page(*_neo4j_args(), "-o", str(tmp_path / "all.html")))
    page = _page(*_neo4j_args(), "--query", "planned_not_happened", "-o", str(tmp_path / "q.html"))
    data = _data(page)
    events = json.loads(data)["events"]
    assert 0 < len(events) < len(json.loads(whole)["events"])
    assert {e["status"] for e in events} <= {"planned", "expected", "possible"}
