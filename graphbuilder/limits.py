"""Per-input limits that turn a pathological input into a named failure instead of a stall.

* :data:`DEFAULT_MAX_BYTES` (5 MB): a larger file or stdin is refused unread
  (``--max-bytes``; 0 = no limit). Real news articles are a few KB; 5 MB is plenty (a 1 MB
  article takes ~11 s to extract on a 2-core machine).
* :data:`MAX_JSON_DEPTH` (64): JSON nested deeper is refused (Python's parser would raise a
  RecursionError at ~1000 levels; storing such values would too).
* :data:`DEFAULT_TIMEOUT_S` (30 s): the time one document may spend in reading/extraction
  (``--timeout``; 0 = none). Enforced with a real-time interval timer (``SIGALRM``) in the
  main thread on POSIX; elsewhere not enforced (the size limit still bounds the work).
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from graphbuilder.errors import DocumentTimeout

DEFAULT_MAX_BYTES = 5_000_000
MAX_JSON_DEPTH = 64
DEFAULT_TIMEOUT_S = 30.0  # an ordinary article takes ~4 ms: a 1000-fold margin


@dataclass(frozen=True)
class Limits:
    """Limits for one run (0 or ``None`` disables a limit)."""

    max_bytes: int | None = DEFAULT_MAX_BYTES
    timeout_s: float | None = DEFAULT_TIMEOUT_S
    max_json_depth: int = MAX_JSON_DEPTH


def json_depth_exceeds(value: Any, limit: int) -> bool:
    """True when ``value`` (parsed JSON) nests lists/objects deeper than ``limit`` (iterative)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return True
        stack.extend((c, depth + 1) for c in children if isinstance(c, (dict, list)))
    return False


def _can_alarm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextlib.contextmanager
def time_limit(seconds: float | None, what: str) -> Iterator[None]:
    """Raise :class:`DocumentTimeout` naming ``what`` when the block runs past ``seconds``."""
    if not seconds or seconds <= 0 or not _can_alarm():
        yield
        return

    def expired(_signum: int, _frame: Any) -> None:
        raise DocumentTimeout(f"{what}: stopped after the time limit of {seconds:g} s "
                              "(raise it with --timeout)")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
