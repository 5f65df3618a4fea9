"""`graphbuilder review`: what an analyst should look at after ingesting.

* likely duplicates: a person known only by a surname ("Lind") while full names share that
  surname ("Anna Lind"). Ingestion never joins them across articles (a surname joins a full name
  only when the full name is in the same article), so each is listed with its evidence: the
  articles naming each, and the entities mentioned alongside both. ``ambiguous_people`` are
  those with several candidates. Decide with ``graphbuilder merge`` or ``split``;
* disputed events: reports that conflict (occurred vs denied/cancelled);
* doubtful merges, each with its evidence (:func:`doubtful_merges`): a person whose aliases
  carry different first names ("Jana Kerr" and "Ulla Kerr" on one node); an organisation
  with several different names (:func:`name_groups`: not just an acronym, an article or a
  generic word like "Party") whose articles are about different countries, and for a national
  one (its country in ``orgs.tsv``) some article whose places all lie elsewhere (a party of one
  country that absorbed another country's); known international bodies are not listed; an event whose reports disagree on its place or
  on its exact day. Undo with ``graphbuilder split``.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from typing import Any

from graphbuilder.keys import (
    GAZETTEER_DIR,
    alias_data,
    ascii_fold,
    first_name_key,
    name_skeleton,
    read_rows,
    strip_article,
    strip_legal_form,
)
from graphbuilder.resolve import is_surname_only, surname_of

MAX_EVIDENCE = 10


def _articles(store: Any, node_id: str) -> list[str]:
    return sorted({r.end for r in store.relationships_of(node_id, "MENTIONED_IN") if r.start == node_id})


def _co_mentioned(store: Any, articles: list[str], skip: set[str]) -> set[str]:
    out: set[str] = set()
    for art in articles:
        out |= {r.start for r in store.relationships_of(art, "MENTIONED_IN") if r.end == art}
    return out - skip


@functools.cache
def _first_names() -> frozenset[str]:
    path = GAZETTEER_DIR / "first_names.txt"
    words = path.read_text(encoding="utf-8").split() if path.exists() else []
    return frozenset(ascii_fold(w) for w in words)


@functools.cache
def _countries() -> frozenset[str]:
    return frozenset(row[0] for row in read_rows(GAZETTEER_DIR / "countries.tsv"))


def given_names(node: Any) -> dict[str, list[str]]:
    """First names a person node's aliases carry, variants folded ("Chris"/"Christopher" are
    one): {first-name key: [aliases]}. A word counts as a first name right before the surname
    when it is a known first name or the node's own; initials and titles do not count."""
    surname = name_skeleton(surname_of(node.id))
    own = first_name_key(node.id.removeprefix("per:").split("-")[0]) if "-" in node.id else None
    out: dict[str, list[str]] = defaultdict(list)
    for alias in node.props.get("aliases") or []:
        words = [w for w in re.split(r"[\s\-]+", str(alias)) if w]
        for i in range(1, len(words)):
            if name_skeleton(words[i]) != surname and name_skeleton(words[i].removesuffix("s")) != surname:
                continue
            word = words[i - 1]
            if len(word) < 2 or word.endswith(".") or not word[:1].isupper():
                break
            key = first_name_key(word)
            if ascii_fold(word) in _first_names() or key == own:
                out[key].append(str(alias))
            break
    return {k: sorted(v) for k, v in sorted(out.items())}


@functools.cache
def _org_words() -> frozenset[str]:
    """Generic words heading or ending organisation names ("Party", "Office" is not one)."""
    words: set[str] = set()
    section = ""
    for line in (GAZETTEER_DIR / "org_heads.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("["):
            section = line.strip("[]")
        elif line and not line.startswith("#") and section in ("head", "tail"):
            words |= {w.casefold() for w in line.split()}
    return frozenset(words)


def _core(alias: str) -> str:
    words = strip_legal_form(strip_article(alias)).split()
    while len(words) > 1 and words[-1].casefold() in _org_words():
        words.pop()
    while len(words) > 1 and words[0].casefold() in _org_words():
        words.pop(0)
    return ascii_fold(" ".join(words))


def name_groups(aliases: list[str]) -> list[list[str]]:
    """Aliases grouped into the different names they are: a leading article, a legal form, a
    generic head word ("Party", "Partei") or an acronym of another alias do not make a name."""
    cores = {a: _core(a) for a in aliases}
    initials = {a: "".join(w[0] for w in strip_article(a).split() if w[:1].isupper()) for a in aliases}
    groups: list[list[str]] = []
    for a in sorted(aliases, key=lambda x: (-len(x), x)):
        for g in groups:
            if any(cores[a] == cores[b] or (a.isupper() and len(a) >= 2 and a == initials[b]) for b in g):
                g.append(a)
                break
        else:
            groups.append([a])
    return sorted(sorted(g) for g in groups)


def _article_countries(store: Any, article: str, cache: dict[str, list[str]]) -> list[str]:
    """The countries an article is about: its places' countries (a city's country), most
    mentioned first (ties A-Z)."""
    if article in cache:
        return cache[article]
    data = alias_data()
    counts: Counter[str] = Counter()
    for r in store.relationships_of(article, "MENTIONED_IN"):
        if r.end != article or not r.start.startswith("loc:"):
            continue
        country = r.start if r.start in _countries() else data.country.get(r.start)
        if country:
            counts[country] += int(r.props.get("count") or 1)
    cache[article] = [c for c, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    return cache[article]


def _report_evidence(r: Any) -> dict[str, Any]:
    p = r.props
    return {"article": r.end, "published": p.get("published"), "status": p.get("status"),
            "location": p.get("location"), "time_text": p.get("time_text"),
            "day": p.get("time_start") if p.get("precision") == "day" else None,
            "sentence": p.get("sentence_text")}


def doubtful_merges(store: Any) -> dict[str, list[dict[str, Any]]]:
    """Nodes that may hold two real things, each with the evidence (see the module docstring)."""
    people = []
    for p in store.nodes("Person"):
        names = given_names(p)
        if len(names) >= 2:
            people.append({"id": p.id, "name": p.props.get("name"), "first_names": names,
                           "articles": _articles(store, p.id)[:MAX_EVIDENCE]})
    orgs = []
    cache: dict[str, list[str]] = {}
    data = alias_data()
    for o in store.nodes("Organization"):
        home = data.country.get(o.id)
        if home is None and data.label.get(o.id) == "ORG":
            continue  # a known international body (EU, UN): articles about many countries
        aliases = sorted({str(a) for a in o.props.get("aliases") or []})
        groups = name_groups(aliases)
        if len(groups) < 2:
            continue
        by_country: dict[str, list[str]] = defaultdict(list)
        elsewhere = False  # an article whose places all lie outside the organisation's country
        for art in _articles(store, o.id):
            countries = _article_countries(store, art, cache)
            if countries:
                by_country[countries[0]].append(art)
                elsewhere |= home is not None and home not in countries
        if len(by_country) >= 2 and (home is None or elsewhere):
            orgs.append({"id": o.id, "name": o.props.get("name"), "aliases": aliases, "names": groups,
                         "home_country": home,
                         "articles_by_country": {c: a[:MAX_EVIDENCE] for c, a in sorted(by_country.items())}})
    events = []
    for e in store.nodes("Event"):
        reps = [r for r in store.relationships_of(e.id, "REPORTED_IN") if r.start == e.id]
        if len(reps) < 2:
            continue
        places = sorted({str(r.props["location"]) for r in reps if r.props.get("location")})
        days = sorted({str(r.props["time_start"])[:10] for r in reps
                       if r.props.get("precision") == "day" and r.props.get("time_start")})
        why = (["places differ"] if len(places) > 1 else []) + (["days differ"] if len(days) > 1 else [])
        if why:
            events.append({"id": e.id, "label": e.props.get("label"), "why": why, "places": places,
                           "days": days, "reports": [_report_evidence(r) for r in
                                                     sorted(reps, key=lambda r: (str(r.props.get("published")), r.end))]})
    return {"people": sorted(people, key=lambda d: d["id"]), "organizations": sorted(orgs, key=lambda d: d["id"]),
            "events": sorted(events, key=lambda d: d["id"])}


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
    doubtful = doubtful_merges(store)
    return {"likely_duplicates": duplicates, "ambiguous_people": ambiguous, "disputed_events": disputed,
            "doubtful_people": doubtful["people"], "doubtful_organizations": doubtful["organizations"],
            "doubtful_events": doubtful["events"]}
