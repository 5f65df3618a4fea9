"""The property value rule shared by every store and export, and the label/type allow-list checks.

Dates become ISO strings; lists of scalars of one type stay lists; maps and nested or mixed
lists become JSON strings (sorted keys); non-finite floats become ``None`` (= remove / skip).
Labels and relationship types are only ever taken from :data:`NODE_LABELS` / :data:`REL_TYPES`.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any

from graphbuilder.models import NODE_LABELS, REL_TYPES


def to_storable(value: Any) -> Any:
    """Dates/datetimes to ISO strings, tuples/sets to lists, recursively."""
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): to_storable(v) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        return sorted(to_storable(v) for v in value)
    if isinstance(value, (list, tuple)):
        return [to_storable(v) for v in value]
    return value


def _homogeneous_scalars(values: list[Any]) -> bool:
    kinds = set()
    for v in values:
        if isinstance(v, bool):
            kinds.add(bool)
        elif isinstance(v, (int, float)):
            if isinstance(v, float) and not math.isfinite(v):
                return False
            kinds.add(float)
        elif isinstance(v, str):
            kinds.add(str)
        else:
            return False
    return len(kinds) <= 1


def property_value(value: Any) -> Any:
    """A value Neo4j can hold as a property (``None``: remove / skip).

    Dates become ISO strings; lists of scalars of one type stay lists; maps and nested or
    mixed lists become JSON strings (sorted keys); non-finite floats become ``None``.
    """
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None:
        return value
    value = to_storable(value)
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, list):
        if _homogeneous_scalars(value):
            return value
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    if isinstance(value, dict):
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    return str(value)


def check_label(label: str) -> str:
    """``label`` when it is an allowed node label, else ValueError."""
    if label not in NODE_LABELS:
        raise ValueError(f"unknown node label {label!r}; allowed: {NODE_LABELS}")
    return label


def check_rel_type(rel_type: str) -> str:
    """``rel_type`` when it is an allowed relationship type, else ValueError."""
    if rel_type not in REL_TYPES:
        raise ValueError(f"unknown relationship type {rel_type!r}; allowed: {REL_TYPES}")
    return rel_type
