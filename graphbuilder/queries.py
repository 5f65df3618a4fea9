"""The analyst Cypher query library (``cypher/queries/*.cypher``) and a small runner.

Each query file starts with a header of ``//`` comments::

    // Timeline of one entity: the events it took part in, oldest first.
    // @param entity STRING  name or alias, case-insensitive
    // @param limit INTEGER?  optional (type ends in ?): defaults to null
    // @example run_query("entity_timeline", {"entity": "Lawrow"})

    from graphbuilder.queries import list_queries, run_query
    rows = run_query("events_between", {"from": "2021-12-01", "to": "2021-12-31"})
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_PARAM_LINE = re.compile(r"@param\s+\$?(\w+)\s+(\S+)\s*(.*)")
_PARAM_USE = re.compile(r"\$(\w+)")


def cypher_dir() -> Path:
    """The ``cypher/`` directory: the repo root's in a checkout, else the packaged copy."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "cypher", here / "cypher"):
        if (candidate / "schema.cypher").is_file():
            return candidate
    raise FileNotFoundError(
        f"no cypher/ directory next to {here} (source checkout) or inside the package"
    )


def queries_dir() -> Path:
    return cypher_dir() / "queries"


@dataclass(frozen=True)
class QueryParam:
    name: str
    type: str
    description: str = ""


@dataclass(frozen=True)
class QueryInfo:
    name: str
    description: str
    params: tuple[QueryParam, ...] = field(default_factory=tuple)
    example: str = ""


def parse_header(name: str, text: str) -> QueryInfo:
    """Description, ``@param`` and ``@example`` lines of a query file's leading comments."""
    description: list[str] = []
    params: list[QueryParam] = []
    example: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("//"):
            break
        body = stripped[2:].strip()
        if match := _PARAM_LINE.match(body):
            params.append(QueryParam(*match.groups()))
        elif body.startswith("@example"):
            example.append(body[len("@example"):].strip())
        elif body and not params and not example:
            description.append(body)
    return QueryInfo(name, " ".join(description), tuple(params), "\n".join(example))


def list_queries() -> list[QueryInfo]:
    """Every query of the library, by name."""
    return [parse_header(p.stem, p.read_text(encoding="utf-8"))
            for p in sorted(queries_dir().glob("*.cypher"))]


def _query_path(name: str) -> Path:
    if not re.fullmatch(r"[A-Za-z0-9_\-]+", name):
        raise ValueError(f"invalid query name {name!r}")
    path = queries_dir() / f"{name}.cypher"
    if not path.is_file():
        known = ", ".join(q.name for q in list_queries())
        raise KeyError(f"no query named {name!r} (known: {known})")
    return path


def load_query(name: str) -> str:
    """The Cypher text of the named query (header comments included; Neo4j ignores them)."""
    return _query_path(name).read_text(encoding="utf-8")


def _resolve(name_or_path: str | os.PathLike[str]) -> tuple[str, str]:
    path = Path(name_or_path)
    if path.suffix == ".cypher" or path.is_file():
        return path.stem, path.read_text(encoding="utf-8")
    return str(name_or_path), load_query(str(name_or_path))


def _open_driver(uri: str | None) -> Any:
    import neo4j

    uri = uri or os.environ.get("NEO4J_URI")
    if not uri:
        raise ValueError("no Neo4j to query: pass a driver or URI, or set NEO4J_URI")
    password = os.environ.get("NEO4J_PASSWORD")
    auth = (os.environ.get("NEO4J_USERNAME") or "neo4j", password) if password else None
    return neo4j.GraphDatabase.driver(uri, auth=auth)


def run_query(
    name_or_path: str | os.PathLike[str],
    params: dict[str, Any] | None = None,
    driver_or_uri: Any = None,
    database: str | None = None,
    access_mode: str = "READ",
) -> list[dict[str, Any]]:
    """Run a library query (or a ``.cypher`` file) and return its rows as plain dicts.

    ``driver_or_uri``: a :class:`neo4j.Driver`, a URI (credentials from NEO4J_USERNAME /
    NEO4J_PASSWORD) or ``None`` (NEO4J_URI). READ mode makes Neo4j refuse any write.
    """
    import neo4j

    name, text = _resolve(name_or_path)
    params = dict(params or {})
    info = parse_header(name, text)
    optional = {p.name for p in info.params if p.type.endswith("?")}
    for name_ in optional:
        params.setdefault(name_, None)
    code = "\n".join(ln for ln in text.splitlines() if not ln.strip().startswith("//"))
    required = {p.name for p in info.params} | set(_PARAM_USE.findall(code))
    missing = sorted(required - set(params))
    if missing:
        raise ValueError(f"query {name!r} needs parameter(s): {', '.join('$' + m for m in missing)}")
    own = not hasattr(driver_or_uri, "execute_query")
    driver = _open_driver(driver_or_uri) if own else driver_or_uri
    routing = neo4j.RoutingControl.READ if access_mode.upper() == "READ" else neo4j.RoutingControl.WRITE
    try:
        if access_mode.upper() == "READ":
            with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS) as session:
                return session.execute_read(lambda tx: [r.data() for r in tx.run(text, params)])
        records, _, _ = driver.execute_query(text, params, database_=database, routing_=routing)
        return [r.data() for r in records]
    finally:
        if own:
            driver.close()


def to_dataframe(records: list[dict[str, Any]]) -> Any:
    """Rows as a pandas DataFrame (needs the optional ``pandas`` extra)."""
    try:
        import pandas
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("to_dataframe needs pandas: pip install 'graphbuilder[pandas]'") from exc
    return pandas.DataFrame.from_records(records)
