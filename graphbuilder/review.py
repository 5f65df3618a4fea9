"""`graphbuilder review`: what an analyst should look at after ingesting.

* ambiguous surnames: a person known only by a surname while several full names share it
  (automatic resolution left it alone: decide with ``graphbuilder merge`` or ``split``);
* disputed events: reports that conflict (occurred vs denied/cancelled).
"""

from __future__ import annotations

from typing import Any

from graphbuilder.resolve import is_surname_only, surname_of


def review(store: Any) -> dict[str, list[dict[str, Any]]]:
    persons = list(store.nodes("Person"))
    by_surname: dict[str, list[Any]] = {}
    for p in persons:
        by_surname.setdefault(surname_of(p.id), []).append(p)
    ambiguous = []
    for sur, group in sorted(by_surname.items()):
        short = [p for p in group if is_surname_only(p)]
        full = [p for p in group if not is_surname_only(p)]
        for s in short:
            if len(full) >= 2:
                ambiguous.append({"id": s.id, "name": s.props.get("name"),
                                  "candidates": [{"id": f.id, "name": f.props.get("name")} for f in full]})
    disputed = [{"id": e.id, "label": e.props.get("label"), "status": e.props.get("status")}
                for e in store.nodes("Event") if e.props.get("disputed")]
    return {"ambiguous_people": ambiguous, "disputed_events": disputed}
