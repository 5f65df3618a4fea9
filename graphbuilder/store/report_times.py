"""The time index of reports: which stored reports of a participant and event family may link
with a new report, found without reading the participant's other reports.

Resolution (:func:`graphbuilder.resolve.compatible`) links two reports of one family only when
their times fit: an undated report (or any report compared with an undated one) within
``window`` days of publication, two dated reports only when their intervals overlap. A
participant that is in the news for years has thousands of reports, but only the few near in
time can link; this index finds those by range seeks:

* kind :data:`UNDATED` / :data:`DATED`: the publication day of a report without / with a time
  (a point; ``lo == hi``);
* kind :data:`INTERVAL`: the time interval of a dated report, in days, filed in a hierarchical
  grid: level ``L`` has buckets of :data:`LEVEL_SIZES` ``[L]`` days and holds the intervals
  shorter than a bucket, so an interval overlapping ``[qlo, qhi]`` lies in one of the buckets
  ``qlo // size - 1 … qhi // size`` of its level (a few seeks per level, whatever the corpus).
  Times that are not ISO days go to the last level (one bucket, always read).

The answer is a superset of the reports that link (days are compared, not the full time
strings; day truncation keeps every overlap); resolution then applies the exact rule. Rows are
one per (report, participant) and kind; :class:`~graphbuilder.store.sqlite_store.SQLiteStore`
keeps them in step with its ``REPORTED_IN`` relationships.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

UNDATED, DATED, INTERVAL = 0, 1, 2
LEVEL_SIZES = (16, 256, 4096, 65536)  # days per bucket of each level; one more level: everything
WIDE = len(LEVEL_SIZES)
_FAR = 10**8  # an interval bound beyond any day number
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")

SCHEMA = """
CREATE TABLE IF NOT EXISTS report_times (
    participant TEXT NOT NULL,
    family      TEXT NOT NULL,
    kind        INTEGER NOT NULL,
    level       INTEGER NOT NULL,
    bucket      INTEGER NOT NULL,
    lo          INTEGER NOT NULL,
    hi          INTEGER NOT NULL,
    event       TEXT NOT NULL,
    article     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS report_times_by_key ON report_times(participant, family, kind, level, bucket, lo);
CREATE INDEX IF NOT EXISTS report_times_by_report ON report_times(event, article);
"""

INSERT = ("INSERT INTO report_times(participant, family, kind, level, bucket, lo, hi, event, article) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")


def day_number(value: Any) -> int | None:
    """The day of a publication date as an ordinal, read as resolution reads it
    (``date.fromisoformat`` of the first 10 characters; None when it is not one)."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10]).toordinal()
    except ValueError:
        return None


def _time_day(value: Any) -> int | None:
    """The day of a time bound that starts with ``YYYY-MM-DD`` (None otherwise). Resolution
    compares time bounds as strings; for such strings that order is the order of their days
    (other forms, e.g. ``2015-W10``, sort elsewhere: they go to the level that is always read)."""
    text = str(value or "")
    if not _ISO_DAY.match(text):
        return None
    try:
        return dt.date.fromisoformat(text[:10]).toordinal()
    except ValueError:
        return None


def _interval_cell(start: Any, end: Any) -> tuple[int, int, int, int]:
    """(level, bucket, lo, hi) of a dated report's interval ``[start, end or start]``."""
    a, b = _time_day(start), _time_day(end or start)
    if a is None or b is None:
        return WIDE, 0, 0, _FAR
    lo, hi = min(a, b), max(a, b)
    for level, size in enumerate(LEVEL_SIZES):
        if hi - lo < size:
            return level, lo // size, lo, hi
    return WIDE, 0, lo, hi


def rows_of(event: str, article: str, props: dict[str, Any]) -> list[tuple[Any, ...]]:
    """The index rows of one report (the props of its ``REPORTED_IN`` relationship)."""
    family = str(props.get("family", ""))
    start = props.get("time_start")
    pub = day_number(props.get("published"))
    cells: list[tuple[int, int, int, int, int]] = []
    if pub is not None:
        cells.append((DATED if start else UNDATED, 0, 0, pub, pub))
    if start:
        cells.append((INTERVAL, *_interval_cell(start, props.get("time_end"))))
    return [(str(k), family, *cell, event, article)
            for k in sorted(set(props.get("participants") or [])) for cell in cells]


def may_link(a: tuple[Any, Any, Any], b: tuple[Any, Any, Any], window: int) -> bool:
    """What :func:`near_query` selects, for two reports given as ``(published, start, end)``:
    publication days at most ``window`` apart when either is undated, else overlapping day
    intervals (a time that is not an ISO day overlaps everything)."""
    if not a[1] or not b[1]:
        pa, pb = day_number(a[0]), day_number(b[0])
        return pa is not None and pb is not None and abs(pa - pb) <= window
    (la, ha), (lb, hb) = _days(a[1], a[2]), _days(b[1], b[2])
    return la <= hb and lb <= ha


def _days(start: Any, end: Any) -> tuple[int, int]:
    a, b = _time_day(start), _time_day(end or start)
    return (0, _FAR) if a is None or b is None else (min(a, b), max(a, b))


def near_query(published: Any, start: Any, end: Any, window: int) -> tuple[str, list[Any]] | None:
    """SQL (``participant = ?`` and ``family = ?`` come first in the parameters, then these)
    selecting ``(event, article)`` of the reports that may link with a report published on
    ``published`` with time ``[start, end]``; None when nothing can link."""
    parts: list[str] = []
    params: list[Any] = []
    pub = day_number(published)
    head = "SELECT event, article FROM report_times WHERE participant = ?1 AND family = ?2 AND "
    if pub is not None:  # publication days within the window (undated reports only, if dated)
        for kind in ((UNDATED,) if start else (UNDATED, DATED)):
            parts.append(head + f"kind = {kind} AND level = 0 AND bucket = 0 AND lo BETWEEN ? AND ?")
            params += [pub - window, pub + window]
    if start:
        a, b = _time_day(start), _time_day(end or start)
        if a is None or b is None:  # not an ISO day: every dated report may overlap
            parts.append(head + f"kind = {INTERVAL}")
        else:
            lo, hi = min(a, b), max(a, b)
            for level, size in enumerate(LEVEL_SIZES):
                parts.append(head + f"kind = {INTERVAL} AND level = {level} AND bucket BETWEEN ? AND ? "
                             "AND lo <= ? AND hi >= ?")
                params += [lo // size - 1, hi // size, hi, lo]
            parts.append(head + f"kind = {INTERVAL} AND level = {WIDE} AND lo <= ? AND hi >= ?")
            params += [hi, lo]
    if not parts:
        return None
    return " UNION ".join(parts), params


__all__ = ["DATED", "INTERVAL", "LEVEL_SIZES", "SCHEMA", "UNDATED", "day_number", "may_link", "near_query", "rows_of"]
