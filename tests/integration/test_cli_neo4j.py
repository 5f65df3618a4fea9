"""The CLI against a real Neo4j (issue 9 items 2 and 5, issue 10 item 5): `graphbuilder query`
runs every packaged query, a user .cypher file and reports a missing one with its own exit
code; `timeline`, `export` and `review` give the same output from Neo4j as from the embedded
store for the same articles; an explicit --store beats NEO4J_URI."""

from __future__ import annotations

import ast
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from graphbuilder import queries
from graphbuilder.cli import main

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
INPUTS = [str(p) for p in sorted((ROOT / "tests" / "fixtures" / "stories").glob("*.jsonl"))] + [
    str(ROOT / "examples")]


def _cli(*args: str, env: dict[str, str] | None = None) -> Any:
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def _example_params(info: queries.QueryInfo) -> dict[str, Any]:
    m = re.search(r'run_query\("\w+",\s*(\{.*\})\)', info.example)
    params = ast.literal_eval(m.group(1)) if m else {}
    for p in info.params:
        params.setdefault(p.name, None)
    return params


@pytest.fixture
def both_stores(neo4j_sink: Any, tmp_path: Path) -> str:
    """The same articles in Neo4j (NEO4J_* env) and in a SQLite store; returns its path."""
    store = str(tmp_path / "g.db")
    res = _cli("ingest", *INPUTS, "--store", store, "-q")
    assert res.exit_code == 0, res.output
    res = _cli("ingest", *INPUTS, "-q")  # NEO4J_URI from the environment
    assert res.exit_code == 0, res.output
    assert "into bolt" in res.output or "into neo4j" in res.output
    return store


@pytest.mark.parametrize("info", queries.list_queries(), ids=lambda q: q.name)
def test_every_packaged_query_runs_from_the_cli(both_stores: str, info: queries.QueryInfo) -> None:
    args = ["query", info.name, "--format", "json"]
    for key, value in _example_params(info).items():
        args += ["-p", f"{key}={json.dumps(value)}"]
    res = _cli(*args)
    assert res.exit_code == 0, res.output
    assert isinstance(json.loads(res.stdout), list)


def test_query_finds_data_and_takes_explicit_credentials(both_stores: str) -> None:
    uri = os.environ["NEO4J_URI"]
    res = CliRunner().invoke(main, ["query", "entity_search", "-p", "text=Keller", "--format", "json",
                                    "--neo4j-uri", uri, "--neo4j-user",
                                    os.environ.get("NEO4J_USERNAME", "neo4j"), "--neo4j-password",
                                    os.environ.get("NEO4J_PASSWORD", "")],
                             env={"NEO4J_URI": "", "NEO4J_PASSWORD": "", "NEO4J_USERNAME": ""})
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)


def test_user_cypher_file_missing_file_and_rejected_query(neo4j_sink: Any, tmp_path: Path) -> None:
    mine = tmp_path / "mine.cypher"
    mine.write_text("// my query\nRETURN $x + 1 AS y", encoding="utf-8")
    res = _cli("query", str(mine), "-p", "x=41", "--format", "json")
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout) == [{"y": 42}]
    res = _cli("query", str(tmp_path / "missing.cypher"))
    assert res.exit_code == 8 and "missing.cypher" in res.output
    writer = tmp_path / "writer.cypher"
    writer.write_text("CREATE (:Person {id: 'per:x'}) RETURN 1 AS one", encoding="utf-8")
    res = _cli("query", str(writer))
    assert res.exit_code == 9, res.output  # read-only mode: the server refuses the write
    res = _cli("query", "entity_timeline")
    assert res.exit_code == 2 and "$entity" in res.output


def test_wrong_password_is_its_own_exit_code_and_never_shown(neo4j_sink: Any) -> None:
    uri = os.environ["NEO4J_URI"]
    res = CliRunner().invoke(main, ["timeline", "--neo4j-uri", uri, "--neo4j-password", "Wr0ngPassw0rd"])
    assert res.exit_code == 6, res.output
    assert "Wr0ngPassw0rd" not in res.output


@pytest.mark.parametrize("args", [
    ["timeline", "--json"],
    ["timeline", "--entity", "Keller", "--json"],
    ["export", "--format", "apoc-jsonl"],
    ["export", "--format", "graphml"],
    ["export", "--format", "cypher"],
    ["review", "--json"],
], ids=lambda a: " ".join(a))
def test_neo4j_and_sqlite_give_the_same_output(both_stores: str, args: list[str]) -> None:
    lite = _cli(*args, "--store", both_stores)
    neo = _cli(*args)
    assert lite.exit_code == 0 and neo.exit_code == 0, (lite.output, neo.output)
    assert lite.stdout.strip()
    assert neo.stdout == lite.stdout


def test_merge_works_on_neo4j(both_stores: str, tmp_path: Path) -> None:
    rev = json.loads(_cli("review", "--json").stdout)
    people = [n for n in json.loads(_cli("timeline", "--json").stdout)]
    assert people is not None and isinstance(rev, dict)
    res = _cli("merge", "per:nobody-here", "per:nobody-else", "--decisions", str(tmp_path / "d.json"))
    assert res.exit_code == 2 and "no node" in res.output
