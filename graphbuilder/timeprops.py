"""The time properties of an event mention (start, end, precision …), shared by the extraction
record (:func:`graphbuilder.pipeline.extraction_record`) and graph building
(:mod:`graphbuilder.graph`), in a module of their own so ``extract`` need not import graph building."""

from __future__ import annotations

import datetime as dt
from typing import Any

from graphbuilder.models import EventMention, TimeExpr

REPORT_DATE = "report date"  # precision of the article-date fallback: reported then, day unknown
BEFORE_REPORT = "before report date"  # told in the past without a time: on or before the article's date (end, inclusive)


def precision_of(t: TimeExpr) -> str | None:
    """Granularity of a time expression's value ("day", "month", "week", "year", "vague")."""
    v = t.value
    if t.vague or v.endswith("_REF"):
        return "vague"
    if len(v) >= 10 and v[4] == "-" and v[7] == "-" and v[:4].isdigit():
        return "day"
    if "-W" in v:
        return "week"
    if "-Q" in v or v[5:7] in ("SP", "SU", "FA", "WI", "H1", "H2"):
        return "quarter"
    if len(v) == 7 and v[:4].isdigit() and v[5:7].isdigit():
        return "month"
    if len(v) == 4 and v.isdigit():
        return "year"
    return None


def event_time(ev: EventMention, reference_date: dt.date | None) -> dict[str, Any]:
    """Normalised time props of an event mention (start, end, precision, time_text, vague).

    The event's own time when it has one (its clause's, ``time_source`` "clause"; the story's,
    "story"; the day of the statement it is the occasion of, "occasion"); else an
    occurred or ongoing event takes the article's date as a marked fallback: precision
    ``"report date"`` (reported on that day, happened then or before), never ``"day"``; one
    told in the past or perfect (``time_source`` "tense", statements too) an interval ending at
    the article's date inclusive ("on or before"): no start, precision ``"before report date"``
    (and no Date node)."""
    t = ev.time
    if t is not None:
        return {
            "start": t.earliest.isoformat() if t.earliest else None,
            "end": t.latest.isoformat() if t.latest else None,
            "precision": precision_of(t),
            "time_text": t.text,
            "time_value": t.value,
            "vague": t.vague,
        }
    if ev.time_source == "tense" and reference_date is not None:
        d = reference_date.isoformat()
        return {"start": None, "end": d, "precision": BEFORE_REPORT, "time_text": None,
                "time_value": d, "vague": False}
    if ev.time_source == "article" and reference_date is not None:
        d = reference_date.isoformat()
        return {"start": d, "end": d, "precision": REPORT_DATE, "time_text": None,
                "time_value": d, "vague": False}
    return {"start": None, "end": None, "precision": None, "time_text": None,
            "time_value": None, "vague": False}
