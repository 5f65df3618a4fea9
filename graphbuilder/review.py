"""`graphbuilder review`: what an analyst should look at after ingesting.

* likely duplicates: a person known only by a surname ("Lind") while full names share that
  surname ("Anna Lind"). Ingestion never joins them across articles (a surname joins a full name
  only when the full name is in the same article), so each is listed with its evidence: the
  articles naming each, and the entities mentioned alongside both. ``ambiguous_people`` are
  those with several candidates. Decide with ``graphbuilder merge`` or ``split``;
* disputed events: reports that conflict (occurred vs denied/cancelled).
"""

from __future__ import annotations

from typing import Any

from graphbuilder.resolve import is_surname_only, surname_of

MAX_EVIDENCE = 10


def _articles(store: Any, node_id: str) -> list[str]:
    return sorted({r.end for r in store.relationships_of(node_id, "MENTIONED_IN") if r.start == node_id})


def _co_mentioned(store: Any, articles: list[str], skip: set[str]) -> set[str]:
    out: set[str] = set()
    for art in articles:
        out |= {r.start for r in store.relationships_of(art, "MENTIONED_IN") if r.end == art}
    return out - skip


def review(store: Any) -> dict[str, list[dict[str, Any]]]:
    by_surname: dict[str, list[Any]] = {}
    for p in store.nodes("Person"):
        by_surname.setdefault(surname_of(p.id), []).append(p)
    duplicates = []
    for _sur, group in sorted(by_surname.items()):
        full = [p for p in group if not is_surname_only(p)]
        for s in (p for p in group if is_surname_only(p)):
            if not full:
                continue
            arts = _articles(store, s.id)
            near = _co_mentioned(store, arts, {s.id})
            cands = []
            for f in full:
                f_arts = _articles(store, f.id)
                shared = sorted(near & _co_mentioned(store, f_arts, {f.id, s.id}))
                cands.append({"id": f.id, "name": f.props.get("name"), "articles": f_arts[:MAX_EVIDENCE],
                              "article_count": len(f_arts), "shared_context": shared[:MAX_EVIDENCE]})
            # the candidate sharing most context first
            cands.sort(key=lambda c: (-len(c["shared_context"]), -c["article_count"], c["id"]))
            duplicates.append({"id": s.id, "name": s.props.get("name"), "articles": arts[:MAX_EVIDENCE],
                               "article_count": len(arts), "candidates": cands})
    ambiguous = [{"id": d["id"], "name": d["name"], "candidates": d["candidates"]}
                 for d in duplicates if len(d["candidates"]) >= 2]
    disputed = [{"id": e.id, "label": e.props.get("label"), "status": e.props.get("status")}
                for e in store.nodes("Event") if e.props.get("disputed")]
    return {"likely_duplicates": duplicates, "ambiguous_people": ambiguous, "disputed_events": disputed}
