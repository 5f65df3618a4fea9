"""Participants from clause structure: English speakers from a dependency parse, German subjects
after the speech verb from the part-of-speech layer.

English: the subject, passive agent and coordinated subjects of a speech verb, read off the UD EWT
parser of :mod:`graphbuilder.extract.depparse`. A sentence is parsed (once, cached on the context)
only when it names someone other than the rules' speaker. A name is taken only where the parse
reaches one: the subject phrase's head, or a name joined to it by ``flat``/``compound``/``appos``
("Ann Roe, former minister, said", "deputy leader Tom Bell said"); a description or pronoun
subject leaves the choice to the part-of-speech rules of :mod:`.participants`.

German (no treebank to train a parser): the noun phrase after a speech verb in inversion
(", sagte der Sprecher der X, Y,") and the subject of "Wie X berichtete,".
"""

from __future__ import annotations

import bisect
import re

from graphbuilder.models import EntityMention
from graphbuilder.extract.events.common import ExtractionContext, Mention
from graphbuilder.extract.events.participants import dative_medium, entities_in, genitive_form, possessor_of

PARSE_SPEAKERS = True  # the named subject of an English speech verb in the parse is its speaker
PARSE_AGENT = True  # ... and the agent of a passive speech verb ("was welcomed by X")
PARSE_COORDINATED = True  # ... and the names coordinated with that subject ("X and Y say")
PARSE_PARTICIPLE = True  # a subjectless participle/infinitive speech verb takes its governing verb's subject (", saying")
PARSE_SHARED = True  # ... and so does a subjectless speech verb coordinated with another verb ("X arrived and said")
PARSE_BARE_AGENT = True  # ... and the agent of a subjectless participle ("plans unveiled by X")
PARSE_ADDRESSEE = False  # (off: no CV gain, session 11) the named indirect object of a speech verb, or "to X", takes part

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


def _entities(ctx: ExtractionContext, s0: int, s1: int) -> list[EntityMention]:
    return ctx.entities[bisect.bisect_left(ctx.starts, s0):bisect.bisect_left(ctx.starts, s1)]


def _entity_of(ctx: ExtractionContext, p: Parsed, i: int, labels: tuple[str, ...]) -> EntityMention | None:
    a, b, _t = p.toks[i]
    for e in ctx.entities[max(0, bisect.bisect_right(ctx.starts, a) - 4):bisect.bisect_right(ctx.starts, a)]:
        if e.start <= a and b <= e.end and e.key and not e.derived and e.label in labels:
            return e
    return None


def phrase_name(ctx: ExtractionContext, p: Parsed, i: int, near: int, links: frozenset[str] = _NAME_LINKS,
                labels: tuple[str, ...] = ("PER", "ORG")) -> EntityMention | None:
    """The name a noun phrase headed by token ``i`` refers to: among the names on its head and on
    the tokens joined to it by flat/compound/apposition ("Tory ex-minister Dan Hogg", "For the
    X Party, Sir Tom Abel said"), a person before an organisation, the one nearest token ``near``
    (the verb) first; None when the phrase holds no name ("the minister", "a spokesman for X")."""
    queue, seen, names = [i], {i}, []
    while queue:
        j = queue.pop(0)
        e = _entity_of(ctx, p, j, labels)
        if e is not None and e not in names and (links is not _NAME_LINKS or not genitive_form(e)):  # "Mr X's adviser Y": Y
            names.append(e)
        for c in p.dependents(j, *links):
            if c not in seen:
                seen.add(c)
                queue.append(c)
    if not names:
        return None
    at = p.toks[near][0]
    return min(names, key=lambda e: (e.label != "PER", min(abs(e.start - at), abs(e.end - at))))


def trigger_token(p: Parsed, men: Mention) -> int | None:
    """The verb token of the trigger (its first verb, else its first token)."""
    idx = [k for k in range(len(p.toks)) if men.trigger.start <= p.toks[k][0] < men.trigger.end]
    if not idx:
        return p.token_at(men.trigger.start)
    return next((k for k in idx if p.toks[k][2] in ("VERB", "AUX")), idx[0])


def _agent(ctx: ExtractionContext, p: Parsed, v: int) -> int | None:
    """The passive agent ("by X") of a verb with a passive subject or auxiliary (with
    :data:`PARSE_BARE_AGENT` also of a bare participle without a subject: "plans unveiled by X")."""
    if not any(p.labels[c] in ("nsubj:pass", "aux:pass") for c in p.children[v]) and not (
            PARSE_BARE_AGENT and p.toks[v][2] == "VERB" and not any(p.labels[c] in ("nsubj", "aux") for c in p.children[v])):
        return None
    agent = ctx.lex.agent_preps
    for c in p.children[v]:
        if p.labels[c] in ("obl:agent", "obl") and any(
                p.labels[k] == "case" and ctx.text[p.toks[k][0]:p.toks[k][1]].lower() in agent for k in p.children[c]):
            return c
    return None


def parse_speakers(ctx: ExtractionContext, men: Mention, s0: int, s1: int, rule: str | None = None) -> list[str]:
    """The speakers of an English speech verb from the parse: its named subject (or passive
    agent), then the names coordinated with it; empty when the parse names nobody (the rules'
    speaker ``rule`` stands then). The sentence is parsed only when it names someone other than
    ``rule`` in a form :func:`phrase_name` takes (else the parse could not change the choice)."""
    if not PARSE_SPEAKERS or not men.is_verb or ctx.language != "en" or not any(
            e.label in ("PER", "ORG") and not e.derived and e.key and e.key != rule and not genitive_form(e)
            for e in _entities(ctx, s0, s1)):
        return []
    from graphbuilder.extract.events import participants

    if participants.DESCRIBED_SPEAKERS and participants.description_speaker(ctx, men, bool(
            re.search(r"[,\"“”»«]\s*$", ctx.text[max(0, men.trigger.start - 5):men.trigger.start]))) is not None:
        return []  # (when on) a description referring to a person named before decides
    p = parsed_sentence(ctx, s0, s1)
    if p is None:
        return []
    v = trigger_token(p, men)
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
        if _entity_of(ctx, p, v - 1, ("PER", "ORG")) is not None:
            return []  # a name right before the verb: its own subject the parse missed ("X met Y and Z said")
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


PARSE_VERB_ARGUMENTS = False  # (off: +4 CV full events but it drops resolved and place partners; session 11) an English non-statement verb with named arguments in the parse keeps only those of the sentence's names
_ARGUMENTS = frozenset({"nsubj", "nsubj:pass", "obj", "iobj", "obl", "obl:agent"})


def parse_arguments(ctx: ExtractionContext, men: Mention, s0: int, s1: int) -> list[str]:
    """Names among the arguments of an English event verb in the parse (subject, object, passive
    agent, obliques; a subjectless participle or infinitive: its governor's subject), with the
    names coordinated with them; empty when the parse names none."""
    if not PARSE_VERB_ARGUMENTS or not men.is_verb:
        return []
    p = parsed_sentence(ctx, s0, s1)
    v = trigger_token(p, men) if p is not None else None
    if p is None or v is None:
        return []
    args = [c for c in p.children[v] if p.labels[c] in _ARGUMENTS]
    if any(p.toks[c][2] == "PRON" and p.labels[c].startswith("nsubj") for c in args) \
            and not p.labels[v].startswith("acl"):
        return []  # a pronoun subject: its antecedent (the rules') may be any name of the sentence
    if p.labels[v].startswith("acl") and p.heads[v] >= 0:
        args.append(p.heads[v])  # "X, who had been chosen by Y", "X, arrested in May": the noun modified
    elif not any(p.labels[c].startswith("nsubj") for c in args) and p.labels[v] in ("advcl", "xcomp", "conj"):
        args += [c for c in p.children[p.heads[v]] if p.labels[c] == "nsubj"]
    keys: list[str] = []
    for c in args:
        for k in [c, *p.dependents(c, "conj")]:
            e = phrase_name(ctx, p, k, v, _NAME_LINKS, ("PER", "ORG", "LOC"))
            if e is not None and e.key not in keys:
                keys.append(e.key)
    return keys


def parse_addressees(ctx: ExtractionContext, men: Mention, s0: int, s1: int) -> list[tuple[str, str]]:
    """Other participants of an English speech verb from the parse, (key, role) each: the named
    addressee (an indirect object, the object of "tell", "to X": "told the Herald", "told the
    Daily Post's Sunday programme", "wrote to X")."""
    if not men.is_verb or not PARSE_ADDRESSEE:
        return []
    p = parsed_sentence(ctx, s0, s1)
    v = trigger_token(p, men) if p is not None else None
    if p is None or v is None:
        return []
    out: list[tuple[str, str]] = []
    word = ctx.text[p.toks[v][0]:p.toks[v][1]].lower()
    for c in p.children[v]:
        rel = p.labels[c]
        if rel == "iobj" or rel == "obj" and ctx.lex.cue_res["tell_words"].fullmatch(word) or rel == "obl" and any(
                p.labels[k] == "case" and ctx.lex.cue_res["addressee_preps"].fullmatch(ctx.text[p.toks[k][0]:p.toks[k][1]]) for k in p.children[c]):
            e = phrase_name(ctx, p, c, v, _NAME_LINKS | {"nmod:poss"})
            if e is not None:
                out.append((e.key, "participant"))
    return out


# ---------------------------------------------------------------------------- German: the subject after the verb

INVERTED_SUBJECTS = True  # German: the subject noun phrase right after a speech verb in inversion (", sagte der Sprecher der X")
AS_REPORTED = True  # German: the subject of "Wie X berichtete," speaks

_NP_TAGS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "NUM", "X"})
_NP_LINKS = frozenset({"von", "für", "des"})  # inside a noun phrase: "der Sprecher von X", "der Kommission für Y"
_AND = frozenset({"und", "sowie"})
_DATIVE = frozenset({"dem", "einem"})  # after the noun: the addressee begins ("sagte ein Sprecher dem Sender Y")


def _np_speakers(ctx: ExtractionContext, men: Mention, toks: list[tuple[int, int, str]], i: int) -> list[str]:
    """The speakers named by the German noun phrase starting at token ``i``: a person apposed to it
    after a comma ("der Sprecher der Kommission, Hans Ober,"), else the names its head noun is part
    of ("die Agentur Nordpress", "die Zeitungen X und Y"), else the first organisation or person
    inside it ("der Chef der Gruppe X", "eine ABC-Journalistin": who the unnamed person speaks
    for), a person named in it first ("ABC-Chef Karl Adler"); never a possessor. The phrase ends at a verb, adverb, pronoun, preposition (but von/für), comma, or a dative
    article after its noun ("sagte ein Sprecher dem Sender Y"); empty when it names nobody."""
    text = ctx.text
    j, seen_noun, depth = i, False, 0
    while j < len(toks):
        a, b, t = toks[j]
        w = text[a:b]
        if w == "(":
            depth += 1
        elif w == ")" and depth:
            depth -= 1
        elif depth:
            pass
        elif t in _NP_TAGS or _entity_of_span(ctx, a, b) and seen_noun:  # a name's word of another tag ("Said")
            if t == "DET" and seen_noun and w.lower() in _DATIVE:
                break
            seen_noun = seen_noun or t in ("NOUN", "PROPN")
        elif w.lower() in _NP_LINKS and seen_noun or w.lower() in _AND and seen_noun:
            pass
        else:
            break
        j += 1
    if j == i or not seen_noun:
        return []
    lo, hi = toks[i][0], toks[j - 1][1]
    # a person apposed after a comma: ", Hans Ober,"
    if j < len(toks) and text[toks[j][0]:toks[j][1]] == "," and j + 1 < len(toks):
        nxt = _entity_at(ctx, toks[j + 1][0], ("PER",))
        if nxt is not None and not nxt.derived:
            return [nxt.key]
    names = [e for e in entities_in(ctx, lo, hi) if e.label in ("PER", "ORG")
             and (not e.derived or text.startswith("-", e.end)) and not dative_medium(ctx, men, e)]
    names = [e for e in names if not possessor_of(ctx, e)]  # "sagte Xs Sprecherin": not the possessor
    if not names:
        return []
    person = next((e for e in names if e.label == "PER" and not e.derived), None)
    if person is not None and person is not names[0]:
        return [person.key]  # "versicherte Nordbank-Chef Karl Adler": the person named speaks
    keys = [names[0].key]
    for prev, e in zip(names, names[1:]):
        if text[prev.end:e.start].strip().lower() in _AND | {","}:
            keys.append(e.key)  # "die Zeitungen X und Y"
        else:
            break
    return list(dict.fromkeys(keys))


def _entity_of_span(ctx: ExtractionContext, a: int, b: int) -> bool:
    i = bisect.bisect_right(ctx.starts, a) - 1
    return any(e.start <= a and b <= e.end and e.label in ("PER", "ORG") for e in ctx.entities[max(0, i - 2):i + 1])


def _entity_at(ctx: ExtractionContext, pos: int, labels: tuple[str, ...]) -> EntityMention | None:
    i = bisect.bisect_left(ctx.starts, pos)
    if i < len(ctx.entities) and ctx.entities[i].start == pos and ctx.entities[i].key and ctx.entities[i].label in labels:
        return ctx.entities[i]
    return None


def inverted_speakers(ctx: ExtractionContext, men: Mention, s0: int, s1: int) -> list[str]:
    """Speakers of a German speech verb named after it: in inversion (after a comma or quote, or
    after a one-word prefield: ", berichtete die Agentur X", "Das sagte der Sprecher der Y, Z"), or
    as the subject of "Wie X berichtete,"; empty otherwise (the rules decide)."""
    if ctx.language != "de" or not men.is_verb or not (INVERTED_SUBJECTS or AS_REPORTED):
        return []
    from graphbuilder.extract.events import participants
    from graphbuilder.extract.events.learned.roles import sentence_tags

    text, (c0, _c1) = ctx.text, men.clause
    if participants.DESCRIBED_SPEAKERS and participants.description_speaker(ctx, men, bool(
            re.search(r"[,\"“”»«]\s*$", text[max(0, men.trigger.start - 5):men.trigger.start]))) is not None:
        return []  # (when on) a description referring to a person named before decides
    toks = sentence_tags(ctx, s0, s1)
    starts = [a for a, _b, _t in toks]
    it = bisect.bisect_left(starts, men.trigger.start)
    te = bisect.bisect_left(starts, men.trigger.end)
    if it >= len(toks) or toks[it][0] != men.trigger.start:
        return []
    if INVERTED_SUBJECTS:
        before = [k for k in range(it) if toks[k][0] >= c0]
        prefield = [text[toks[k][0]:toks[k][1]] for k in before]
        inverted = it > 0 and text[toks[it - 1][0]:toks[it - 1][1]] in (",", '"', "“", "”", "»", "«") \
            or len(prefield) == 1 and toks[before[0]][2] in ("PRON", "DET", "ADV") \
            and prefield[0] not in ctx.lex.speech_pronouns
        if inverted and te + 1 < len(toks) and toks[te][2] == "PRON" \
                and text[toks[te][0]:toks[te][1]] not in ctx.lex.speech_pronouns:
            te += 1  # an object pronoun before the subject: "kommentiert dies X"
        if inverted and te < len(toks):
            return _np_speakers(ctx, men, toks, te)
    if AS_REPORTED:
        # "Wie der Sender X am Mittwoch berichtete, …": the clause opens with "wie" and ends at the verb
        k = it - 1
        while k >= 0 and text[toks[k][0]:toks[k][1]] not in (",", ";", ":") and text[toks[k][0]:toks[k][1]].lower() != "wie":
            k -= 1
        if k >= 0 and text[toks[k][0]:toks[k][1]].lower() == "wie" and (k == 0 or text[toks[k - 1][0]:toks[k - 1][1]] in (",", ";", ":")) \
                and te < len(toks) and text[toks[te][0]:toks[te][1]] in (",", ".") and k + 1 < it:
            return _np_speakers(ctx, men, toks, k + 1)
    return []
