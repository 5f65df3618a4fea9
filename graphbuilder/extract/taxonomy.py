"""The event type taxonomy, each type mapped to a CAMEO root code and a coreference family.

CAMEO (Conflict and Mediation Event Observations) codes interactions between actors by a
two-digit root. Types that are not actor-to-actor interactions have no exact root; they are
mapped to the nearest one and marked ``exact=False`` (documented in the README table).

A *family* groups types that can describe the same real-world happening: a planned "Treffen"
reported later as a phone call is one ``contact`` event (MEETING, CALL, NEGOTIATION, VISIT).
Every other type is a family of its own: mentions and reports corefer only within a family.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class EventType:
    name: str
    cameo: str | None
    cameo_name: str
    family: str
    exact: bool
    description: str


_TYPES = [
    EventType("MEETING", "04", "Consult", "contact", True,
              "Talks or a meeting between actors (CAMEO 043/044)."),
    EventType("CALL", "04", "Consult", "contact", True,
              "A phone or video call (CAMEO 041 discuss by telephone)."),
    EventType("NEGOTIATION", "04", "Consult", "contact", True,
              "Negotiations (CAMEO 046 engage in negotiation)."),
    EventType("VISIT", "04", "Consult", "contact", True,
              "A visit or trip to a place or host (CAMEO 042/043)."),
    EventType("STATEMENT", "01", "Make public statement", "statement", True,
              "Someone says, declares, announces something (CAMEO 01)."),
    EventType("PRESS_CONFERENCE", "01", "Make public statement", "press_conference", True,
              "A press conference or briefing (CAMEO 010)."),
    EventType("AGREEMENT", "05", "Engage in diplomatic cooperation", "agreement", True,
              "An agreement, treaty or deal reached or signed (CAMEO 057)."),
    EventType("ELECTION", "01", "Make public statement", "election", False,
              "An election or vote (no CAMEO root; nearest: 01)."),
    EventType("APPOINTMENT", "05", "Engage in diplomatic cooperation", "appointment", False,
              "Someone appointed, named or sworn in (no CAMEO root; nearest: 05)."),
    EventType("RESIGNATION", "08", "Yield", "resignation", False,
              "Someone resigns or steps down (nearest: 08 yield, 0832)."),
    EventType("PROTEST", "14", "Protest", "protest", True,
              "Demonstrations, strikes, rallies (CAMEO 14)."),
    EventType("ATTACK", "18", "Assault", "violence", True,
              "Attacks, bombings, shootings, air strikes (CAMEO 18/19)."),
    EventType("SANCTION", "16", "Reduce relations", "sanction", True,
              "Sanctions, embargoes, expulsions of diplomats (CAMEO 163)."),
    EventType("LEGISLATION", "08", "Yield", "legislation", False,
              "A law or bill passed, adopted or proposed (nearest: 08 policy change)."),
    EventType("ACCIDENT", None, "-", "accident", False,
              "Accidents and disasters (no actor-to-actor CAMEO code)."),
    EventType("CRIME", "17", "Coerce", "crime", True,
              "Arrests, raids, charges, trials, rulings (CAMEO 173)."),
    EventType("OTHER", None, "-", "other", False, "Anything else."),
]

EVENT_TYPES: dict[str, EventType] = {t.name: t for t in _TYPES}


def family(type_name: str) -> str:
    """The coreference family of an event type (unknown types are their own family)."""
    t = EVENT_TYPES.get(type_name)
    return t.family if t else type_name.lower()


def cameo(type_name: str) -> str | None:
    t = EVENT_TYPES.get(type_name)
    return t.cameo if t else None


# Ranks used when several reports or mentions of one event disagree on its status:
# a firmer assertion wins over a weaker one (occurred > … > possible).
STATUS_RANK: dict[str, int] = {
    "possible": 0, "expected": 1, "planned": 2, "ongoing": 3,
    "denied": 4, "cancelled": 5, "occurred": 6,
}
REALIS = frozenset({"occurred", "ongoing"})


def times_overlap(a0: Any, a1: Any, b0: Any, b1: Any) -> bool:
    """Whether intervals ``[a0, a1]`` and ``[b0, b1]`` overlap (dates or ISO strings).

    The time rule of event identity, shared by mention coreference within an article and
    report resolution across articles: two reports of one event must have overlapping
    times, so two different exact days are never one event."""
    return a0 <= b1 and b0 <= a1
