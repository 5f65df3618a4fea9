"""Participants from a dependency parse (English): the subject, passive agent and coordinated
subjects of an event verb, read off the UD EWT parser of :mod:`graphbuilder.extract.depparse`.

Only sentences holding an event verb are parsed (once each, cached on the context). A name is
taken only where the parse reaches one: the subject phrase's head, or a name joined to it by
``flat``/``compound``/``appos`` ("Ann Roe, former minister, said", "deputy leader Tom Bell
said"); a description or pronoun subject leaves the choice to the part-of-speech rules of
:mod:`.participants`.
"""

from __future__ import annotations

import bisect

from graphbuilder.models import EntityMention
from graphbuilder.extract.events.common import ExtractionContext, Mention
from graphbuilder.extract.events.participants import genitive_form

PARSE_SPEAKERS = True  # the named subject of an English speech verb in the parse is its speaker
PARSE_AGENT = True  # ... and the agent of a passive speech verb ("was welcomed by X")
PARSE_COORDINATED = True  # ... and the names coordinated with that subject ("X and Y say")
PARSE_PARTICIPLE = True  # a subjectless participle/infinitive speech verb takes its governing verb's subject (", saying")
PARSE_SHARED = True  # ... and so does a subjectless speech verb coordinated with another verb ("X arrived and said")

_NAME_LINKS = frozenset({"flat", "compound", "appos", "flat:name"})


class Parsed:
    """One sentence's tokens (start, end, UPOS), heads (0-based, -1 = root) and UD relations."""

    def __init__(self, toks: list[tuple[int, int, str]], heads: list[int], labels: list[str]) -> None:
        self.toks = toks
        self.starts = [a for a, _b, _t in toks]
        self.heads = heads
        self.labels = labels
        self.children: list[list[int]] = [[] for _ in toks]
        for i, h in enumerate(heads):
            if h >= 0:
                self.children[h].append(i)

    def token_at(self, pos: int) -> int | None:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i if i >= 0 and self.toks[i][0] <= pos < self.toks[i][1] else None

    def dependents(self, i: int, *rels: str) -> list[int]:
        return [c for c in self.children[i] if self.labels[c] in rels]


def parsed_sentence(ctx: ExtractionContext, s0: int, s1: int) -> Parsed | None:
    """The parse of the sentence ``[s0, s1)`` (English only; computed once per sentence)."""
    if ctx.language != "en":
        return None
    cache = ctx.parses
    if s0 not in cache:
        from graphbuilder.extract.events.learned.roles import sentence_tags
        from graphbuilder.extract.linguistic import parse

        toks = sentence_tags(ctx, s0, s1)
        if not toks or len(toks) > 150:
            cache[s0] = None
        else:
            heads, labels = parse([ctx.text[a:b] for a, b, _t in toks], "en", [t for _a, _b, t in toks])
            cache[s0] = Parsed(toks, [h - 1 for h in heads], labels)
    return cache[s0]


def _entity_of(ctx: ExtractionContext, p: Parsed, i: int, labels: tuple[str, ...]) -> EntityMention | None:
    a, b, _t = p.toks[i]
    for e in ctx.entities[max(0, bisect.bisect_right(ctx.starts, a) - 4):bisect.bisect_right(ctx.starts, a)]:
        if e.start <= a and b <= e.end and e.key and not e.derived and e.label in labels:
            return e
    return None


def phrase_name(ctx: ExtractionContext, p: Parsed, i: int, near: int) -> EntityMention | None:
    """The name a noun phrase headed by token ``i`` refers to: among the names on its head and on
    the tokens joined to it by flat/compound/apposition ("Tory ex-minister Dan Hogg", "For the
    X Party, Sir Tom Abel said"), a person before an organisation, the one nearest token ``near``
    (the verb) first; None when the phrase holds no name ("the minister", "a spokesman for X")."""
    queue, seen, names = [i], {i}, []
    while queue:
        j = queue.pop(0)
        e = _entity_of(ctx, p, j, ("PER", "ORG"))
        if e is not None and e not in names and not genitive_form(e):  # "Mr X's adviser Y": Y
            names.append(e)
        for c in p.dependents(j, *_NAME_LINKS):
            if c not in seen:
                seen.add(c)
                queue.append(c)
    if not names:
        return None
    at = p.toks[near][0]
    return min(names, key=lambda e: (e.label != "PER", min(abs(e.start - at), abs(e.end - at))))


def _trigger_token(p: Parsed, men: Mention) -> int | None:
    """The verb token of the trigger (its first verb, else its first token)."""
    idx = [k for k in range(len(p.toks)) if men.trigger.start <= p.toks[k][0] < men.trigger.end]
    if not idx:
        return p.token_at(men.trigger.start)
    return next((k for k in idx if p.toks[k][2] in ("VERB", "AUX")), idx[0])


def _agent(ctx: ExtractionContext, p: Parsed, v: int) -> int | None:
    """The passive agent ("by X") of a verb with a passive subject or auxiliary."""
    if not any(p.labels[c] in ("nsubj:pass", "aux:pass") for c in p.children[v]):
        return None
    for c in p.children[v]:
        if p.labels[c] in ("obl:agent", "obl") and any(
                p.labels[k] == "case" and ctx.text[p.toks[k][0]:p.toks[k][1]].lower() == "by" for k in p.children[c]):
            return c
    return None


def parse_speakers(ctx: ExtractionContext, men: Mention, s0: int, s1: int) -> list[str]:
    """The speakers of an English speech verb from the parse: its named subject (or passive
    agent), then the names coordinated with it; empty when the parse names nobody (the rules
    decide then)."""
    if not PARSE_SPEAKERS or not men.is_verb:
        return []
    p = parsed_sentence(ctx, s0, s1)
    if p is None:
        return []
    v = _trigger_token(p, men)
    if v is None:
        return []
    subj = next((c for c in p.children[v] if p.labels[c] == "nsubj"), None)
    if subj is None and PARSE_AGENT:
        subj = _agent(ctx, p, v)
    governed = {"advcl", "xcomp"} if PARSE_PARTICIPLE else set()
    if PARSE_SHARED:
        governed.add("conj")
    if subj is None and p.labels[v] in governed and p.heads[v] >= 0 \
            and not any(p.labels[c] in ("nsubj:pass", "expl") for c in p.children[v]):
        h = p.heads[v]
        subj = next((c for c in p.children[h] if p.labels[c] == "nsubj"), None)
    if subj is None:
        return []
    e = phrase_name(ctx, p, subj, v)
    if e is None:
        return []
    keys = [e.key]
    if PARSE_COORDINATED:
        for c in p.dependents(subj, "conj"):
            if (c < v) != (subj < v):
                continue  # a conjunct on the other side of the verb: another phrase
            o = phrase_name(ctx, p, c, v)
            if o is not None and o.key not in keys:
                keys.append(o.key)
    return keys
