"""Typed models passed between pipeline stages.

Every stage reads and returns these pydantic models:

    read  -> Document
    clean -> list[Span] (furniture to ignore)
    split -> list[Sentence]
    tag   -> list[TimeExpr]
    ner   -> list[EntityMention]  (with canonical entity keys after coreference)
    events-> list[EventMention]
    build -> GraphBatch (nodes + relationships with deterministic ids)

All character offsets refer to ``Document.text`` exactly as read (the ORIGINAL text).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from graphbuilder.schema import MENTION_LABELS, NODE_LABELS, REL_TYPES, ROLES, STATUSES

# The value sets come from the one schema (graphbuilder/data/schema.toml).
EntityLabel = Literal[tuple(MENTION_LABELS)]  # type: ignore[valid-type]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
EventStatus = Literal[STATUSES]  # type: ignore[valid-type]
Role = Literal[ROLES]  # type: ignore[valid-type]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Document(_Model):
    """One input article as read from disk (or stdin)."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: dt.date | None = None
    language: str | None = None
    path: str | None = None
    encoding: str = "utf-8"
    meta: dict[str, Any] = Field(default_factory=dict)


class Span(_Model):
    """A half-open character range ``[start, end)`` into ``Document.text``."""

    start: int
    end: int
    text: str


class Sentence(Span):
    index: int
    is_title: bool = False


class TimeExpr(Span):
    """A TIMEX3-style time expression.

    ``value`` follows TIMEX3 (``2021-12-02``, ``2021-12``, ``2021-W49``, ``P3D``,
    ``FUTURE_REF``, ``XXXX-12-02`` …). ``earliest``/``latest`` give the interval the
    expression denotes when it can be bounded (vague ones too); ``vague`` marks
    expressions such as "in naher Zukunft" whose bounds are a convention.
    """

    type: TimexType
    value: str
    mod: str | None = None  # TIMEX3 mod: START, MID, END, APPROX, BEFORE, AFTER …
    vague: bool = False
    earliest: dt.date | None = None
    latest: dt.date | None = None
    sentence: int | None = None


class EntityMention(Span):
    """A named-entity mention; ``key`` is the canonical entity key after coreference."""

    label: EntityLabel
    key: str = ""  # canonical key, e.g. "per:sergej-lavrov"; filled by coreference
    name: str = ""  # canonical display name of the entity
    sentence: int | None = None
    role: str | None = None  # title cue attached to this mention ("Außenminister")
    role_org: str | None = None  # key of the org/location the role belongs to ("loc:russia")
    derived: bool = False  # adjective/demonym/compound part ("russischen", "US-"): links, not a name
    nested: bool = False  # extra span around/inside another mention of the same entity (English
    # MEANTIME convention: "German airline Lufthansa" + "Lufthansa"); skip it when counting
    confidence: float = 1.0  # the recogniser's confidence (CRF: lowest token marginal), 0..1
    body: bool = False  # an institution named by a common noun ("das Innenministerium"), not a
    # proper name (graphbuilder.extract.ner.bodies); the name scorers skip it


class Participant(_Model):
    key: str  # entity key
    role: Role = "participant"


class EventMention(_Model):
    """One event as reported in one document (after within-document coreference)."""

    key: str  # document-local event key (e.g. "e3"), stable for the same input
    type: str  # event type name, see graphbuilder.schema
    status: EventStatus = "occurred"
    trigger: Span
    sentence: int
    mentions: list[Span] = Field(default_factory=list)  # other coreferent triggers
    participants: list[Participant] = Field(default_factory=list)
    time: TimeExpr | None = None  # the clause's time, the story's reference time, or the documented default
    # "clause": its own clause's time; "story": the story's last explicit date (reference time);
    # "tense": no time, told in the past or perfect: on or before the article's date; "article": the
    # article's date as the report date; "occasion": the day of the dated statement its participant
    # gave right after it ("Nach dem Treffen hat X erklärt …", the statement dated by coreference)
    time_source: Literal["clause", "story", "occasion", "tense", "article", "default", "none"] = "none"
    location: str | None = None  # entity key of a LOC
    confidence: float = 0.5
    about: list[str] = Field(default_factory=list)  # keys of events this one is about
    before: list[str] = Field(default_factory=list)  # keys of events this one precedes


class RoleFact(_Model):
    person: str  # entity key
    title: str
    org: str  # entity key (ORG or LOC)


class Extraction(_Model):
    """Everything extracted from one document."""

    document: Document
    language: str
    reference_date: dt.date | None = None
    furniture: list[Span] = Field(default_factory=list)
    sentences: list[Sentence] = Field(default_factory=list)
    times: list[TimeExpr] = Field(default_factory=list)
    entities: list[EntityMention] = Field(default_factory=list)
    events: list[EventMention] = Field(default_factory=list)
    roles: list[RoleFact] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)


# ---------------------------------------------------------------------------
# Graph layer: what sinks (SQLite, Neo4j, exports) write.

NodeLabel = Literal[NODE_LABELS]  # type: ignore[valid-type]
RelType = Literal[REL_TYPES]  # type: ignore[valid-type]


class Node(_Model):
    label: NodeLabel
    id: str
    props: dict[str, Any] = Field(default_factory=dict)


class Relationship(_Model):
    type: RelType
    start: str  # node id
    end: str  # node id
    start_label: NodeLabel
    end_label: NodeLabel
    props: dict[str, Any] = Field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.type, self.start, self.end)


class GraphBatch(_Model):
    """Nodes and relationships of one or more documents, ready to MERGE."""

    nodes: list[Node] = Field(default_factory=list)
    relationships: list[Relationship] = Field(default_factory=list)
    #: stored articles this batch's article replaces (its plain text copy, ingested before as
    #: an article of its own): removed with their reports when the batch is written
    replaced_articles: list[str] = Field(default_factory=list)
