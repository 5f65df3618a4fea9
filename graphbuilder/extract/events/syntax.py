"""Participants from a dependency parse (English): the subject of a speech verb names its speaker.

The parse comes from :func:`graphbuilder.extract.linguistic.parse` (UD relations, trained on
UD EWT); it runs only on sentences that hold a speech-verb trigger (once per sentence). The
grammar used here is the universal one: the speaker of "X said" is the verb's ``nsubj``; a
coordinated verb ("X quit the party and accused it") or a controlled one shares its head's
subject; a relative clause's ``who`` stands for the noun it modifies; the agent of a passive
("was announced by X") is an ``obl`` with "by"; a subject noun without a name takes the name in
apposition ("His party leader, Michael Howard, argued") or, for a spokesperson, the principal
("a spokesman for X", "X's spokesman").
"""

from __future__ import annotations

import bisect
import re

from graphbuilder.models import EntityMention, Sentence
from graphbuilder.extract.events.common import ExtractionContext, Mention

_RELATIVE = frozenset({"who", "which", "that", "whom"})
_CLAUSAL = frozenset({"acl", "acl:relcl", "ccomp", "advcl", "parataxis", "xcomp", "csubj", "conj", "punct", "cc",
                      "mark", "list", "dep", "appos"})
_CONTROL = frozenset({"xcomp", "conj"})  # a verb that shares its head's subject
_SPEECH_PROXY = re.compile(r"(?:spokes(?:wo)?man|spokesperson|aide|office|source)s?$", re.IGNORECASE)


class Parse:
    """One parsed sentence: token spans, words, heads (0-based, -1 = root) and relations."""

    def __init__(self, spans: list[tuple[int, int]], words: list[str], heads: list[int], rels: list[str]) -> None:
        self.spans, self.words, self.heads, self.rels = spans, words, heads, rels
        self.starts = [a for a, _b in spans]
        self.children: list[list[int]] = [[] for _ in spans]
        for i, h in enumerate(heads):
            if h >= 0:
                self.children[h].append(i)

    def token_at(self, start: int, end: int) -> int | None:
        """The first token overlapping ``[start, end)``."""
        i = max(0, bisect.bisect_right(self.starts, start) - 1)
        while i < len(self.spans) and self.spans[i][0] < end:
            if self.spans[i][1] > start:
                return i
            i += 1
        return None

    def kids(self, i: int, *rels: str) -> list[int]:
        return [c for c in self.children[i] if self.rels[c] in rels or self.rels[c].split(":")[0] in rels]


def sentence_parse(ctx: ExtractionContext, s0: int, s1: int) -> Parse | None:
    """The dependency parse of the sentence ``[s0, s1)`` (English only; cached per sentence)."""
    if ctx.language != "en":
        return None
    if s0 in ctx.parses:
        return ctx.parses[s0]
    from graphbuilder.extract.linguistic import parse, tag_words
    from graphbuilder.extract.ner.features import tokenize

    spans = tokenize(ctx.text, s0, s1)
    words = [ctx.text[a:b] for a, b in spans]
    out = None
    if 0 < len(words) <= 150:
        tags = [t for _a, _b, t in ctx.pos[s0]] if s0 in ctx.pos else tag_words(words, "en")
        heads, rels = parse(words, "en", tags)
        out = Parse(spans, words, [h - 1 for h in heads], rels)
    ctx.parses[s0] = out
    return out


def _entity_of(ctx: ExtractionContext, p: Parse, i: int) -> EntityMention | None:
    """The named person, organisation or place covering token ``i``."""
    a, b = p.spans[i]
    k = bisect.bisect_right(ctx.starts, a) - 1
    while k >= 0 and k >= bisect.bisect_right(ctx.starts, a) - 4:
        e = ctx.entities[k]
        if e.start <= a and b <= e.end and e.key and not e.derived and e.label in ("PER", "ORG", "LOC"):
            return e
        k -= 1
    return None


def _named(ctx: ExtractionContext, p: Parse, i: int) -> list[str] | None:
    """Keys a subject phrase headed by token ``i`` names (its coordinated names too): the name
    itself, the name in apposition to a common noun, a spokesperson's principal; ``[]`` when
    the phrase names nobody (a pronoun, "the committee"), ``None`` when unsure."""
    out: list[str] = []
    for j in [i, *p.kids(i, "conj")]:
        e = _entity_of(ctx, p, j)
        if e is None:
            # a name among the head's flat/compound parts ("host Robert Kilroy-Silk")
            for c in p.kids(j, "flat", "compound", "appos"):
                e = _entity_of(ctx, p, c)
                if e is not None and (p.rels[c] == "appos" or e.label == "PER"):
                    break
                e = None
        if e is not None and _SPEECH_PROXY.search(p.words[j]) is None:
            if ctx.text.startswith(("'s", "’s"), e.end) or e.text.endswith(("'s", "’s")):
                return None  # "Britain's ambassador": a possessor, not the subject
            out.append(e.key)
            continue
        if _SPEECH_PROXY.search(p.words[j]):
            # "a spokesman for X", "X's spokesman": the principal speaks
            for c in p.kids(j, "nmod", "compound"):
                e = _entity_of(ctx, p, c)
                if e is not None:
                    out.append(e.key)
                    break
            else:
                return None
            continue
        if p.words[j].lower() in _RELATIVE:
            return None
        if j == i and p.words[j][:1].isupper() and p.spans[j][0] != p.spans[0][0]:
            return None  # a capitalised word the recogniser did not take: unsure
        return []
    return list(dict.fromkeys(out))


def dep_speakers(ctx: ExtractionContext, men: Mention, s0: int, s1: int) -> list[str] | None:
    """The speakers of an English speech verb from the parse of its sentence: ``None`` when the
    parse gives no usable subject, ``[]`` when the subject names nobody."""
    if ctx.language != "en" or not men.is_verb:
        return None
    p = sentence_parse(ctx, s0, s1)
    if p is None:
        return None
    t = p.token_at(men.trigger.start, men.trigger.end)
    if t is None:
        return None
    v = t
    for _ in range(4):
        agent = [c for c in p.kids(v, "obl") if any(p.words[x].lower() == "by" for x in p.kids(c, "case"))]
        if p.kids(v, "nsubj:pass") or p.kids(v, "aux:pass"):
            return _named(ctx, p, agent[0]) if agent else None
        subj = p.kids(v, "nsubj")
        if subj:
            s = subj[0]
            if p.words[s].lower() in _RELATIVE and p.rels[v] == "acl:relcl" and p.heads[v] >= 0:
                return _named(ctx, p, p.heads[v])
            return _named(ctx, p, s)
        if p.rels[v] in _CONTROL and p.heads[v] >= 0:
            v = p.heads[v]
            continue
        return None
    return None


DEP_SPEAKERS = "off"  # "off" | "fill" (only where the rules name nobody) | "override" | "strict"


def syntax_speaker(ctx: ExtractionContext, men: Mention, sent: Sentence, speaker: str | None) -> tuple[str | None, list[str]]:
    """The rules' speaker revised by the parse: a named subject replaces it (``override``), fills
    a missing one (``fill``), or, ``strict``, a subject naming nobody also removes it. Returns the
    speaker and the names coordinated with it."""
    if DEP_SPEAKERS == "off" or ctx.language != "en" or not men.is_verb:
        return speaker, []
    dep = dep_speakers(ctx, men, sent.start, sent.end)
    if dep is None:
        return speaker, []
    if not dep:
        return ("" if DEP_SPEAKERS == "strict" and speaker else speaker), []
    if DEP_SPEAKERS == "fill" and speaker:
        return speaker, []
    return dep[0], dep[1:]
