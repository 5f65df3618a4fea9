"""Shared state of event extraction: constants, an event mention before coreference, the document context."""

from __future__ import annotations

from dataclasses import dataclass, field
import datetime as dt
import re
from typing import Any

from graphbuilder.models import EntityMention, RoleFact, Span, TimeExpr
from graphbuilder.extract.events.lexicon import Lexicon

CONTACT_TYPES = {"MEETING", "CALL", "NEGOTIATION", "VISIT"}
SPECIFICITY = {"CALL": 3, "VISIT": 3, "NEGOTIATION": 2, "PRESS_CONFERENCE": 2, "MEETING": 1}
QUOTE_OPEN = "\"„“«»‚'"
IRREALIS = {"planned", "expected", "possible"}
# these nouns name their actors in attached phrases ("Abkommen zwischen X und Y") or not at all
EPISODIC = {"ATTACK", "CRIME", "PROTEST", "ACCIDENT"}  # counted within one episode ("four arrests")
NO_ACTOR_FALLBACK = {"ELECTION", "ACCIDENT", "AGREEMENT"}
NP_BEFORE = re.compile(r"(?<!\w)(?!(?:and|but|und|aber|sondern|then|dann)\b)\w{3,}\s+(?:(?:has|have|had|also|hat|haben|hatte|hatten)\s+)?$",
                        re.IGNORECASE)
# "of his newly-founded party, the Respect Coalition": a possessed noun and its named apposition
APPOSED = re.compile(r"(?:his|her|their|its|seine[rsmn]?|ihre[rsmn]?)\s+(?:[\w-]+\s+){0,2}[\w-]+,\s+(?:(?:the|der|die|das)\s+)?")
ATTRIBUTES = re.compile(r"(?:[a-zäöüß][\w-]*\s+){0,2}(?:[A-ZÄÖÜ][a-zäöüß]+\s+)?")
STATEMENT_GAP = 2  # statements of one speaker this many sentences apart are one occasion
ARTICLES = (["Die"], ["Der"], ["Das"], ["The"], ["die"], ["der"], ["das"], ["the"], ["But"], ["And"], ["Aber"], ["Doch"],
             ["Und"], ["But", "the"], ["And", "the"])


@dataclass
class Mention:
    """An event mention before coreference."""

    type: str
    is_verb: bool
    trigger: Span
    sentence: int
    clause: tuple[int, int]
    participants: dict[str, str] = field(default_factory=dict)  # key -> role
    status: str | None = None
    time: TimeExpr | None = None
    location: str | None = None
    anaphoric: bool = False
    before_others: bool = False  # "Nach dem X …": X before the sentence's other events
    after_others: bool = False  # "Vor dem X …": the others before X
    distance: bool = False  # "zwei Tage nach dem X": a distance named before the sequencing preposition
    about: list[int] = field(default_factory=list)  # indexes of mentions this one is about
    earlier: bool = False  # a statement on an earlier occasion ("hatte damals gesagt")
    definite: bool = False  # a noun after a definite article or demonstrative ("the disaster")
    indefinite: bool = False  # a noun introducing a new event ("ein Haftbefehl", "a charge")
    sequence: bool = False  # a noun placed in a series ("the next election", "das letzte Telefonat")
    casualty: bool = False  # a verb counting victims ("21 Zivilisten wurden getötet")
    medium: bool = False  # a statement noun naming the setting of a speech act ("in einem Interview")
    story: TimeExpr | None = None  # the story's reference time, for a mention without a time of its own
    past: bool = False  # an occurred verb told in the past or perfect: on or before the report date (used without a time)
    cluster: int = -1


@dataclass
class ExtractionContext:
    text: str
    lex: Lexicon
    language: str
    reference_date: dt.date | None
    entities: list[EntityMention]
    starts: list[int]
    times: list[TimeExpr]
    roles: list[RoleFact]
    last_speaker: str | None = None
    last_speaker_sentence: int = -10
    quote_speaker: str | None = None
    resumed: dict[int, int] = field(default_factory=dict)  # clause after a relative clause -> its start
    triggers: list[tuple[int, int]] = field(default_factory=list)  # trigger spans of the current sentence
    verb_triggers: set[tuple[int, int]] = field(default_factory=set)  # those that are verbs
    speech: list[int] = field(default_factory=list)  # starts of its speech verbs
    pos: dict[int, list[tuple[int, int, str]]] = field(default_factory=dict)  # sentence start -> (start, end, UPOS) per token
    parses: dict[int, Any] = field(default_factory=dict)  # sentence start -> its dependency parse (English; :mod:`.structure`)
    # the lexicon's trigger matches of the sentence last scanned (its start, (start, end, type, verb?) each)
    lexicon_hits: tuple[int, list[tuple[int, int, str, bool]]] | None = None


# Type families used for *detection* matching. PRESS_CONFERENCE belongs to both the
# contact and the statement family; every other type is its own family.
SCORING_FAMILIES: dict[str, frozenset[str]] = {
    "MEETING": frozenset({"contact"}),
    "CALL": frozenset({"contact"}),
    "NEGOTIATION": frozenset({"contact"}),
    "VISIT": frozenset({"contact"}),
    "PRESS_CONFERENCE": frozenset({"contact", "statement"}),
    "STATEMENT": frozenset({"statement"}),
}


def families(type_name: str) -> frozenset[str]:
    """The scoring families of a type (unknown/other types: their own name)."""
    return SCORING_FAMILIES.get(type_name, frozenset({type_name}))


def same_family(a: str, b: str) -> bool:
    """Whether two event types may describe one event (the event scorer's detection match)."""
    return bool(families(a) & families(b))
