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

from graphbuilder.errors import (
    AuthFailed,
    QueryFailed,
    QueryNotFound,
    StoreUnreachable,
    UsageError,
    split_uri_credentials,
)

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


class MissingParameter(UsageError):
    """A query parameter was not given."""


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


_NAME = re.compile(r"[A-Za-z0-9_\-]+")


def _query_path(name: str) -> Path:
    if not _NAME.fullmatch(name):
        raise QueryNotFound(f"invalid query name {name!r} (a file must end in .cypher)")
    path = queries_dir() / f"{name}.cypher"
    if not path.is_file():
        known = ", ".join(q.name for q in list_queries())
        raise QueryNotFound(f"no query named {name!r} (known: {known})")
    return path


def load_query(name: str) -> str:
    """The Cypher text of the named query (header comments included; Neo4j ignores them)."""
    return _query_path(name).read_text(encoding="utf-8")


def is_query_file(name_or_path: str | os.PathLike[str]) -> bool:
    """True when ``name_or_path`` names a file: a path object, or text ending in ``.cypher`` or
    holding a path separator. A bare name is only ever a packaged query."""
    if not isinstance(name_or_path, str):
        return True
    seps = {"/", os.sep} | ({os.altsep} if os.altsep else set())
    return name_or_path.endswith(".cypher") or any(sep in name_or_path for sep in seps)


def resolve_query(name_or_path: str | os.PathLike[str]) -> tuple[str, str]:
    """``(name, Cypher text)`` of a packaged query name or a ``.cypher`` file.

    Raises :class:`QueryNotFound` for an unknown name or a missing file, :class:`UsageError`
    for a file not ending in ``.cypher`` (its content is never read or echoed)."""
    if not is_query_file(name_or_path):
        return str(name_or_path), load_query(str(name_or_path))
    path = Path(name_or_path)
    if path.suffix != ".cypher":
        raise UsageError(f"{os.fspath(path)!r} is not a query: a query file must end in .cypher "
                         "(packaged queries: graphbuilder query --list)")
    if not path.is_file():
        raise QueryNotFound(f"no query file {os.fspath(path)!r}")
    try:
        return path.stem, path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read query file {os.fspath(path)!r} ({type(exc).__name__})") from None


_resolve = resolve_query  # old name


def _open_driver(uri: str | None, user: str | None = None, password: str | None = None) -> Any:
    import neo4j

    uri = uri or os.environ.get("NEO4J_URI")
    if not uri:
        raise UsageError("no Neo4j to query: pass a driver or URI, or set NEO4J_URI")
    uri, uri_user, uri_password = split_uri_credentials(uri)
    password = password if password is not None else uri_password
    if password is None:
        password = os.environ.get("NEO4J_PASSWORD")
    user = user or uri_user or os.environ.get("NEO4J_USERNAME") or "neo4j"
    auth = (user, password) if password else None
    try:
        return neo4j.GraphDatabase.driver(uri, auth=auth, notifications_min_severity="OFF")
    except (ValueError, neo4j.exceptions.ConfigurationError) as exc:
        raise UsageError(f"invalid Neo4j URI {uri!r} ({exc})") from None


def _typed(exc: Exception, uri: str | None) -> Exception:
    """Driver exceptions as graphbuilder errors (no credentials in the message)."""
    import neo4j.exceptions as nx

    where = f"Neo4j at {split_uri_credentials(uri)[0]}" if isinstance(uri, str) else "Neo4j"
    if isinstance(exc, nx.AuthError):
        return AuthFailed(f"{where} rejected the credentials (check NEO4J_USERNAME/NEO4J_PASSWORD)")
    if isinstance(exc, (nx.ServiceUnavailable, nx.SessionExpired)):
        return StoreUnreachable(f"cannot reach {where}: server down or wrong URI ({type(exc).__name__})")
    if isinstance(exc, nx.Neo4jError):
        return QueryFailed(f"{where} rejected the query: {exc.message or exc}")
    return exc


def run_query(
    name_or_path: str | os.PathLike[str],
    params: dict[str, Any] | None = None,
    driver_or_uri: Any = None,
    database: str | None = None,
    access_mode: str = "READ",
    *,
    user: str | None = None,
    password: str | None = None,
) -> list[dict[str, Any]]:
    """Run a library query (or a ``.cypher`` file) and return its rows as plain dicts.

    ``driver_or_uri``: a :class:`neo4j.Driver`, a URI (credentials: ``user``/``password``,
    else ``user:password@`` in the URI, else NEO4J_USERNAME / NEO4J_PASSWORD) or ``None``
    (NEO4J_URI). READ mode makes Neo4j refuse any write. Errors: :class:`QueryNotFound`,
    :class:`MissingParameter`, :class:`AuthFailed`, :class:`StoreUnreachable`,
    :class:`QueryFailed`.
    """
    import neo4j

    name, text = resolve_query(name_or_path)
    params = dict(params or {})
    info = parse_header(name, text)
    optional = {p.name for p in info.params if p.type.endswith("?")}
    for name_ in optional:
        params.setdefault(name_, None)
    code = "\n".join(ln for ln in text.splitlines() if not ln.strip().startswith("//"))
    required = {p.name for p in info.params} | set(_PARAM_USE.findall(code))
    missing = sorted(required - set(params))
    if missing:
        raise MissingParameter(f"query {name!r} needs parameter(s): "
                               f"{', '.join('$' + m for m in missing)} (give them with -p KEY=VALUE)")
    own = not hasattr(driver_or_uri, "execute_query")
    driver = _open_driver(driver_or_uri, user, password) if own else driver_or_uri
    routing = neo4j.RoutingControl.READ if access_mode.upper() == "READ" else neo4j.RoutingControl.WRITE
    try:
        if access_mode.upper() == "READ":
            with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS) as session:
                return session.execute_read(lambda tx: [r.data() for r in tx.run(text, params)])
        records, _, _ = driver.execute_query(text, params, database_=database, routing_=routing)
        return [r.data() for r in records]
    except Exception as exc:
        typed = _typed(exc, driver_or_uri if own else None)
        if typed is exc:
            raise
        raise typed from None
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
