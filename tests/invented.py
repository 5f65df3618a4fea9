"""Invented articles for the identity tests (names, places and dates made up)."""

from __future__ import annotations

import datetime as dt

from graphbuilder.graph import build_graph
from graphbuilder.models import (
    Document, EntityMention, EventMention, Extraction, GraphBatch, Participant, Sentence, Span, TimeExpr,
)


def make_extraction(doc_id: str, published: str | None, events: list[tuple], names: dict[str, str]) -> Extraction:
    """An invented article: ``events`` are (type, status, participant keys, time value or None,
    location key or None); ``names``: key -> name of the entities it mentions. A time value
    "past" is no time of its own, told in the past (``time_source`` "tense": "before report
    date"); "report" the report-date fallback (``time_source`` "article")."""
    text = " ".join(names.values()) + " trafen sich."
    ents, pos = [], 0
    for key, name in names.items():
        label = {"per": "PER", "org": "ORG", "loc": "LOC"}[key.split(":")[0]]
        ents.append(EntityMention(start=pos, end=pos + len(name), text=name, label=label, key=key, name=name))
        pos += len(name) + 1
    mentions = []
    for i, (etype, status, parts, value, loc) in enumerate(events):
        time = None
        source = {"past": "tense", "report": "article"}.get(value) if isinstance(value, str) else None
        if value and not source:
            lo = dt.date.fromisoformat(value[0]) if isinstance(value, tuple) else dt.date.fromisoformat(value)
            hi = dt.date.fromisoformat(value[1]) if isinstance(value, tuple) else lo
            time = TimeExpr(start=0, end=1, text="x", type="DATE", value="FUTURE_REF" if isinstance(value, tuple) else value,
                            vague=isinstance(value, tuple), earliest=lo, latest=hi)
        mentions.append(EventMention(key=f"e{i}", type=etype, status=status, trigger=Span(start=0, end=1, text="x"),
                                     sentence=0, participants=[Participant(key=k) for k in parts],
                                     time=time, time_source=source or ("clause" if time else "none"), location=loc))
    pub = dt.date.fromisoformat(published) if published else None
    return Extraction(document=Document(id=doc_id, text=text, published=pub), language="de",
                      reference_date=pub, sentences=[Sentence(start=0, end=len(text), text=text, index=0)],
                      entities=ents, events=mentions)


LIND, HOLM, BERG = "per:anna-lind", "per:per-holm", "per:eva-berg"
NAMES = {LIND: "Anna Lind", HOLM: "Per Holm", BERG: "Eva Berg", "loc:oslo": "Oslo", "loc:bergen": "Bergen"}


def make_article(doc_id: str, published: str | None, *events: tuple, names: dict[str, str] | None = None) -> GraphBatch:
    keys = {k for e in events for k in e[2]} | {e[4] for e in events if e[4]}
    names = names or {k: v for k, v in NAMES.items() if k in keys}
    return build_graph(make_extraction(doc_id, published, list(events), names))


def make_story() -> list[GraphBatch]:
    """Invented articles whose reports meet across articles: a planned and a held meeting, an
    undated report of it, statements on nearby days (BEFORE links), a re-dated visit."""
    return [
        make_article("s1", "2024-05-01", ("MEETING", "planned", [LIND, HOLM], ("2024-05-02", "2024-05-31"), "loc:oslo"),
                 ("STATEMENT", "occurred", [LIND], "2024-05-01", None)),
        make_article("s2", "2024-05-08", ("MEETING", "occurred", [LIND, HOLM], "2024-05-07", "loc:oslo"),
                 ("STATEMENT", "occurred", [HOLM], "2024-05-08", None)),
        make_article("s3", "2024-05-09", ("MEETING", "occurred", [LIND, HOLM, BERG], None, None)),
        make_article("s4", "2024-05-10", ("STATEMENT", "occurred", [LIND, BERG], "2024-05-10", None),
                 ("VISIT", "planned", [BERG], ("2024-05-11", "2024-06-30"), "loc:bergen")),
        make_article("s5", "2024-05-20", ("VISIT", "cancelled", [BERG], "2024-05-21", "loc:bergen")),
        make_article("s6", "2024-05-21", ("VISIT", "occurred", [BERG], "2024-05-21", "loc:bergen"),
                 ("MEETING", "occurred", [LIND, HOLM], "2024-05-20", None)),
    ]
