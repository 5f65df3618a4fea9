"""Shared fixtures: a Neo4j driver from NEO4J_URI/NEO4J_USERNAME/NEO4J_PASSWORD (tests using it
SKIP when NEO4J_URI is unset) and a clean database for every test that asks for one.

Tests that do not ask for Neo4j (fixture ``neo4j_driver``/``neo4j_sink`` or marker
``integration``/``browser``) run with the NEO4J_*
variables removed, so a shell prepared with ``eval "$(scripts/neo4j-local start)"`` does not
silently send e.g. CLI tests to Neo4j instead of the embedded store.

Start a local server with:  eval "$(scripts/neo4j-local start)"
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest


_NEO4J_FIXTURES = {"neo4j_driver", "neo4j_sink", "_neo4j_session_driver"}
_NEO4J_ENV = ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE")


@pytest.fixture(autouse=True)
def _hermetic_neo4j_env(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    wants_neo4j = _NEO4J_FIXTURES & set(request.fixturenames) or any(
        request.node.get_closest_marker(m) for m in ("integration", "browser"))
    if not wants_neo4j:
        for var in _NEO4J_ENV:
            monkeypatch.delenv(var, raising=False)


@pytest.fixture(scope="session")
def _neo4j_session_driver() -> Iterator[Any]:
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        pytest.skip("NEO4J_URI not set (start one: eval \"$(scripts/neo4j-local start)\")")
    neo4j = pytest.importorskip("neo4j")
    password = os.environ.get("NEO4J_PASSWORD")
    auth = (os.environ.get("NEO4J_USERNAME") or "neo4j", password) if password else None
    driver = neo4j.GraphDatabase.driver(uri, auth=auth, notifications_min_severity="OFF")
    try:
        driver.verify_connectivity()
    except Exception as exc:  # a configured but unreachable server is a failure, not a skip
        driver.close()
        pytest.fail(f"NEO4J_URI={uri} is set but Neo4j does not answer: {type(exc).__name__}: {exc}")
    yield driver
    driver.close()


@pytest.fixture
def neo4j_driver(_neo4j_session_driver: Any) -> Any:
    """A driver to an EMPTY database (all nodes and relationships deleted; schema kept)."""
    database = os.environ.get("NEO4J_DATABASE") or None
    with _neo4j_session_driver.session(database=database) as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
    return _neo4j_session_driver


@pytest.fixture
def neo4j_sink(neo4j_driver: Any) -> Iterator[Any]:
    """A :class:`Neo4jSink` on the clean database (credentials from the environment)."""
    from graphbuilder.store.neo4j_sink import Neo4jSink

    sink = Neo4jSink()
    yield sink
    sink.close()


@pytest.fixture
def content_with_speaker(monkeypatch: pytest.MonkeyPatch) -> None:
    """Statement labels say the reported clause also beside a named speaker (off by default,
    ``graphbuilder.labels.CONTENT_WITH_SPEAKER``), so the clause reader stays tested."""
    from graphbuilder import labels

    monkeypatch.setattr(labels, "CONTENT_WITH_SPEAKER", True)
