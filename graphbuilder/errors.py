"""One exception hierarchy for graphbuilder and the ONE table that maps it to exit codes.

    GraphbuilderError
    ├── UsageError            bad or conflicting options, missing input path, export onto its source
    │   └── QueryNotFound     no packaged query of that name / no such .cypher file
    ├── InputError            one input could not be read (decoding, format, limits)
    ├── ExtractionError       extraction of one document failed or ran past its time limit
    ├── StoreError            the graph store cannot be used (corrupt or not a graph store)
    │   ├── StoreUnreachable  cannot connect, or the connection dropped mid-run
    │   └── AuthFailed        the store refused the credentials
    └── QueryFailed           the server rejected a query (syntax, write in read mode …)

Per-document problems travel as :class:`Failure` records (document, stage, message) in the
ingest summary; whole-run problems are raised. :func:`exit_code` maps either to the exit code
of :data:`EXIT_CODES`; :func:`redact` removes secrets from any message before it is shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

EXIT_OK = 0
EXIT_INTERNAL = 1  # a bug: unexpected exception (reported with its type, no traceback)
EXIT_USAGE = 2
EXIT_PARTIAL = 3  # some inputs failed, the others were processed
EXIT_FAILED = 4  # no input could be processed
EXIT_STORE_UNREACHABLE = 5
EXIT_AUTH = 6
EXIT_STORE = 7  # store corrupt / not a graph store / unusable
EXIT_QUERY_NOT_FOUND = 8
EXIT_QUERY = 9


class GraphbuilderError(Exception):
    """Base of every error graphbuilder raises on purpose."""


class UsageError(GraphbuilderError, ValueError):
    """The command line or call is wrong: conflicting options, a missing input path …"""


class QueryNotFound(UsageError, KeyError):
    """No packaged query of that name, or the given ``.cypher`` file does not exist."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class InputError(GraphbuilderError):
    """An input could not be read."""


class ExtractionError(GraphbuilderError):
    """Extraction of a document failed."""


class DocumentTimeout(ExtractionError):
    """A document took longer than the per-document time limit."""


class StoreError(GraphbuilderError):
    """The graph store cannot be used (corrupt file, not a graph store, write refused)."""

    def __init__(self, message: str, committed: int | None = None) -> None:
        super().__init__(message)
        self.committed = committed  # articles committed before the failure (ingest)


class StoreUnreachable(StoreError):
    """The store cannot be reached, or the connection was lost."""


class AuthFailed(StoreError):
    """The store refused the credentials."""


class QueryFailed(GraphbuilderError):
    """The server rejected a query."""


# THE table: the first class of an exception's MRO found here gives the exit code.
EXIT_CODES: dict[type[BaseException], int] = {
    QueryNotFound: EXIT_QUERY_NOT_FOUND,
    UsageError: EXIT_USAGE,
    InputError: EXIT_FAILED,
    ExtractionError: EXIT_FAILED,
    AuthFailed: EXIT_AUTH,
    StoreUnreachable: EXIT_STORE_UNREACHABLE,
    StoreError: EXIT_STORE,
    QueryFailed: EXIT_QUERY,
}

EXIT_CODE_HELP = (
    "Exit codes: 0 ok, 2 usage error, 3 some inputs failed (the others were processed), "
    "4 nothing could be processed, 5 store unreachable, 6 store refused the credentials, "
    "7 store corrupt or unusable, 8 query not found, 9 query rejected by the server, "
    "1 internal error."
)


def exit_code(exc: BaseException) -> int:
    """The exit code for ``exc`` (store/driver exceptions are classified first)."""
    exc = classify(exc)
    for cls in type(exc).__mro__:
        if cls in EXIT_CODES:
            return EXIT_CODES[cls]
    return EXIT_INTERNAL


@dataclass(frozen=True)
class Failure:
    """One input that could not be processed: which document, at which stage, why."""

    document: str
    stage: str  # "read", "extract", "write"
    message: str

    def __str__(self) -> str:
        return f"{self.document}: {self.stage} failed: {self.message}"

    def as_dict(self) -> dict[str, str]:
        return {"document": self.document, "stage": self.stage, "message": self.message}


def classify(exc: BaseException) -> BaseException:
    """Our typed error for a store/driver exception (SQLite, Neo4j driver, Neo4j sink);
    ``exc`` itself when it is already typed or not a store problem."""
    if isinstance(exc, GraphbuilderError):
        return exc
    import sqlite3

    if isinstance(exc, sqlite3.DatabaseError):
        text = str(exc)
        if isinstance(exc, sqlite3.OperationalError) and "locked" in text:
            return StoreError(f"the store is locked by another process ({text})")
        return StoreError(f"the SQLite store is unusable: {text}")
    chain: list[BaseException] = []
    seen: BaseException | None = exc
    while seen is not None and len(chain) < 8:
        chain.append(seen)
        seen = seen.__cause__ or seen.__context__
    names = {type(e).__name__ for e in chain}
    modules = {type(e).__module__ for e in chain}
    neo4j_driver = any(m.startswith("neo4j") for m in modules)
    message = str(exc)
    if "AuthError" in names or "Unauthorized" in names or (
            type(exc).__name__ == "Neo4jConnectionError" and "rejected user" in message):
        return AuthFailed(message)
    if names & {"Neo4jConnectionError", "ServiceUnavailable", "SessionExpired"} or (
            neo4j_driver and names & {"ConnectionResetError", "BrokenPipeError", "OSError"}):
        return StoreUnreachable(message)
    return exc


_URI_USERINFO = re.compile(r"(\b[a-z][a-z0-9+.\-]*://)([^/@\s:]*):([^/@\s]*)@", re.I)


def redact(message: str, secrets: Any = ()) -> str:
    """``message`` without secrets: passwords inside URIs and every given secret string."""
    out = _URI_USERINFO.sub(lambda m: f"{m.group(1)}{m.group(2)}:***@", str(message))
    for secret in secrets or ():
        if secret and len(str(secret)) >= 3:
            out = out.replace(str(secret), "***")
    return out


def split_uri_credentials(uri: str) -> tuple[str, str | None, str | None]:
    """``(uri without user:password@, user, password)`` — credentials never travel in a URI
    we show or hand on."""
    from urllib.parse import unquote, urlsplit, urlunsplit

    try:
        parts = urlsplit(uri)
    except ValueError:
        return uri, None, None
    if "@" not in parts.netloc:
        return uri, None, None
    userinfo, host = parts.netloc.rsplit("@", 1)
    user, _, password = userinfo.partition(":")
    clean = urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))
    return clean, unquote(user) or None, (unquote(password) if password else None)
