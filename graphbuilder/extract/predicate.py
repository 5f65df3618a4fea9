"""An event's own predicate, read from its trigger's clause for its label (display only).

From the part-of-speech tags of the trigger's sentence (:mod:`graphbuilder.extract.linguistic`)
and the language's ``[grammar]`` word lists (``data/labels/{de,en}.toml``): whether the trigger
is a verb (active or passive) or an event noun; the verb's lemma and a separable (German) or
phrasal (English) particle; the head noun of its object and of its subject (or the participant
that is its subject or object); negation in the clause; a noun's complement ("des Vereins",
"of campaign") or the participant a preposition links to it ("gegen Valencia"). The clause is
the stretch between punctuation and subordinating conjunctions around the trigger; noun
phrases are runs of determiners, adjectives, numbers and nouns, and a phrase right after a
preposition (or a time expression) is never subject or object. German: the finite verb's
position decides the clause's fields (a subject in the field before it, else the first noun
phrase after it; the object is the last noun phrase of the middle field; a clause-final
particle belongs to the verb). English: the subject is the last noun phrase before the verb
group, the object the one right after the verb.

:class:`PredicateReader` tags only the trigger's clause (between clause punctuation), only when
a label asks for the event's predicate (:func:`graphbuilder.labels.event_label` calls it
lazily), and each clause at most once per article.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, replace

from graphbuilder.labels import SPEAKER, Grammar, Predicate, rules_for
from graphbuilder.models import Sentence, Span

_NP_INNER = frozenset({"DET", "ADJ", "NUM", "NOUN", "PROPN"})
_HEADS = frozenset({"NOUN", "PROPN"})
SNIPPET_WORDS = 12  # words of the clause a participant-less event's label quotes (:meth:`PredicateReader.snippet`)
SNIPPET_BEFORE = 5  # ... of them at most this many before the trigger
SNIPPET_MIN_WORDS = 4  # a shorter clause is quoted within its sentence
SNIPPET_HEAD = 3  # a clause cut before its trigger keeps its opening up to its first verb when that is this short (and names a noun)
CUT_KEEPS_HEAD = True
_CUT_BEFORE = frozenset({"PUNCT", "ADP", "CCONJ", "SCONJ"})
_QUOTE_MARKS = frozenset("\"„“”«»‹›")  # dropped from a quoted clause (the label quotes it)
_VERBS = frozenset({"VERB", "AUX", "ADJ"})
_BOUNDARY_TAGS = frozenset({"PUNCT", "SCONJ"})
_DASHES = frozenset({"-", "/", "&"})  # punctuation inside names and numbers is no boundary


@dataclass(frozen=True)
class _Tok:
    start: int
    end: int
    word: str
    pos: str


@dataclass(frozen=True)
class _NP:
    first: int  # token indices, inclusive
    last: int
    head: int
    in_pp: bool
    key: str  # the participant it names ("" none)


class PredicateReader:
    """Reads the predicates of one article's events (sentences tagged once, on demand)."""

    def __init__(self, text: str, language: str, sentences: Sequence[Sentence],
                 mentions: Sequence[tuple[int, int, str]] = (), times: Sequence[tuple[int, int]] = ()) -> None:
        self.text = text
        self.lang = "de" if (language or "").startswith("de") else "en"
        self.sentences = {s.index: s for s in sentences}
        self.mentions = sorted(mentions)
        self.times = list(times)
        self._spans: dict[int, list[tuple[int, int]]] = {}
        self._tokens: dict[tuple[int, int, int], list[_Tok]] = {}

    def tokens(self, index: int, around: int | None = None) -> list[_Tok]:
        """The tagged tokens of sentence ``index``: only the clause around character offset
        ``around`` (between clause punctuation, with it) when given; cached."""
        from graphbuilder.extract.ner.features import tokenize

        if index not in self._spans:
            s = self.sentences.get(index)
            self._spans[index] = tokenize(self.text, s.start, s.end) if s else []
        spans = self._spans[index]
        lo, hi = 0, len(spans)
        if around is not None and spans:
            at = next((i for i, (a, b) in enumerate(spans) if b > around), len(spans) - 1)
            cuts = [i for i, (a, b) in enumerate(spans) if self.text[a:b] in _CLAUSE_PUNCT
                    and not (0 < i < len(spans) - 1 and spans[i - 1][1] == a and spans[i + 1][0] == b)]
            lo = max([0] + [c for c in cuts if c < at])
            hi = min([len(spans)] + [c + 1 for c in cuts if c > at])
        key = (index, lo, hi)
        if key not in self._tokens:
            from graphbuilder.extract.linguistic import tag_words

            window = spans[lo:hi]
            words = [self.text[a:b] for a, b in window]
            tags = tag_words(words, self.lang)
            if self.lang == "de":  # a capitalised verb or adverb taken for a noun ("Kann der …"): its lemma is lowercase
                tags = ["X" if p == "NOUN" and _lemma(w, "de")[:1].islower() else p for w, p in zip(words, tags)]
            self._tokens[key] = [_Tok(a, b, w, p) for (a, b), w, p in zip(window, words, tags)]
        return self._tokens[key]

    def read(self, sentence: int, trigger: Span, participants: Sequence[str] = (),
             status: str = "occurred") -> Predicate | None:
        """The predicate of the event whose trigger is ``trigger`` in sentence ``sentence``;
        ``participants``: the event's entity keys (only their mentions count as subject/object);
        ``status``: the event's (an event noun takes its verb only when it happened: a planned
        or cancelled event's verb is its status, "meeting planned", "talks called off")."""
        toks = self.tokens(sentence, trigger.start)
        inside = [i for i, t in enumerate(toks) if t.start < trigger.end and trigger.start < t.end]
        if not inside:
            return None
        verbs = [i for i in inside if toks[i].pos in ("VERB", "AUX")]
        nouns = [i for i in inside if toks[i].pos in _HEADS]
        if verbs:
            ti = verbs[0]
        elif nouns:
            ti = nouns[-1]
        else:
            ti = inside[0]
        keys = set(participants)
        mentions = [(a, b, k) for a, b, k in self.mentions if k in keys and toks[0].start <= a < toks[-1].end]
        g = rules_for(self.lang).grammar
        p = _read(toks, ti, self.lang, g, mentions, self.times, trigger, keys)
        if p is not None and p.kind == "verb" and p.obj and not (p.subj or p.subj_key or p.obj_key):
            p = _speaker_after(toks, ti, p, self.lang, g, self.sentences[sentence].start)
        if p is not None and p.kind == "noun" and not p.obj and not p.obj_key and status in ("occurred", "ongoing"):
            return _governing(toks, ti, self.lang, g, mentions, self.times, keys) or p
        return p


    def content(self, sentence: int, trigger: Span, participants: Sequence[str] = ()) -> Predicate | None:
        """A speech event's reported clause — what was said — read like a trigger's clause.
        After the speech verb when its clause opens the sentence, a colon follows it or (English)
        it is a participle ("said the law was …", "erklärte: …", ", saying …"); before it when
        its clause is only the speech verb and its speaker ("Das Gesetz verstößt …, sagte Ina
        Alt", "…, wie Ina Alt sagte"). Other verbs (``[statement] say_verbs`` are the verbs of
        saying) only with a complementizer ("admitted that …"). With its mood ("will"/"werde"
        planned, "may"/"könne" possible); a subject that is a pronoun of the speaker ("we",
        "wir") is :data:`~graphbuilder.labels.SPEAKER`. None: no such clause or no readable
        predicate."""
        rules = rules_for(self.lang)
        sr = rules.statement
        if sr is None:
            return None
        toks = self.tokens(sentence)
        inside = [i for i, t in enumerate(toks) if t.start < trigger.end and trigger.start < t.end]
        if not inside:
            return None
        g = rules.grammar
        ti = inside[-1]
        t = toks[ti]
        lemma = _lemma(t.word, self.lang).lower()
        a, b, subordinate = _clause(toks, ti, g)
        while a < ti and toks[a].word in _QUOTES:
            a += 1  # '"…," said Ina Alt'
        say = bool({lemma, t.word.lower(), toks[b].word.lower() + lemma} & sr.say_verbs) or t.pos not in ("VERB", "AUX")
        first = all(toks[i].word in _QUOTES or toks[i].pos == "PUNCT" for i in range(a))
        other_verbs = any(toks[i].pos == "VERB" for i in range(a, b + 1) if i not in inside)
        after = next((i for i in range(ti + 1, len(toks)) if toks[i].word.lower() in sr.complementizers
                      or toks[i].word == ":"), None)
        if t.pos not in ("VERB", "AUX", "ADJ"):  # an event noun ("claims that …", "Erklärung: …") or "so"
            if after is not None and after <= ti + 2:
                say = False
            elif t.word.lower() not in sr.report_conjunctions:
                return None
        if not say:
            bare = False  # English "warned earnings would …": a noun phrase right after the verb, then its verb
            if self.lang == "en" and t.pos == "VERB":
                np = next((x for x in _phrases(toks, ti + 1, b, g, [], self.times, set()) if x.first == ti + 1), None)
                k = np.last + 1 if np is not None else b + 1
                bare = k <= b and (toks[k].pos == "AUX" or toks[k].pos == "VERB" and not (
                    k + 1 <= b and (toks[k + 1].pos == "ADP" or toks[k + 1].word.lower() == "to")))
            if bare:
                after = ti + 1  # "warned earnings would be cut": a clause without "that"
            elif after is None or any(toks[i].pos == "VERB" for i in range(ti + 1, after)):
                return None
            lo, hi, main_only = after, len(toks) - 1, False  # "admitted that …"
        elif first or (b + 1 < len(toks) and toks[b + 1].word == ":") or (
                self.lang == "en" and t.word.lower().endswith("ing")):
            lo, hi, main_only = ti + 1, len(toks) - 1, False  # "said (that) …", "erklärte: …", ", saying …"
        elif not other_verbs and (t.word.lower() not in sr.report_conjunctions or all(
                x.pos == "PUNCT" or x.word in _QUOTES for x in toks[b + 1:])) and (
                ti == a or (self.lang == "en" and ti == b) or toks[a].word.lower() in sr.report_conjunctions
                or subordinate and toks[a - 1].word.lower() in sr.report_conjunctions):
            # ("…, so Ina Alt." ends its sentence; "…, so auch die Formel …" is no speech frame)
            lo, hi, main_only = 0, a - 1, True  # "…, sagte Ina Alt", "…, Ina Alt said", "…, wie Ina Alt sagte"
        else:
            return None
        while hi >= lo and (toks[hi].pos == "PUNCT" or toks[hi].word in _CLAUSE_PUNCT):
            hi -= 1  # the comma or colon before the speech verb's clause
        if hi < lo:
            return None
        sub = toks[lo:hi + 1]
        if self.lang == "en" and not main_only:  # "said in an article that …" ("that" may be tagged as a pronoun)
            first_verb = next((i for i, x in enumerate(sub) if x.pos in ("VERB", "AUX")), len(sub))
            comp = next((i for i in range(first_verb) if sub[i].word.lower() in sr.complementizers), None)
            sub = sub[comp + 1:] if comp is not None and comp + 1 < len(sub) else sub
        keys = set(participants)
        mentions = [(x, y, k) for x, y, k in self.mentions if k in keys and sub[0].start <= x < sub[-1].end]
        p = _reported(sub, self.lang, g, mentions, self.times, keys, main_only, sr.complementizers)
        if p is None:
            return None
        # the speech verb's subject noun ("sagte ein Sprecher", "analysts said"), for a speaker no participant names
        nps = [np for np in _phrases(toks, a, b, g, [], self.times, set(inside)) if not np.in_pp
               and (np.last < lo or np.first > hi)]
        after_verb = [np for np in nps if np.first > ti]
        cand = after_verb[0] if after_verb and (self.lang == "de" or not [np for np in nps if np.last < ti]) else \
            next((np for np in reversed(nps) if np.last < ti and toks[np.head].pos in _HEADS), None)
        near = cand is not None and all(
            toks[k].pos in ("AUX", "ADV", "PART") or toks[k].pos == "VERB" and _lemma(toks[k].word, self.lang).lower()
            in g.perfect_auxiliaries or toks[k].pos == "PRON" and toks[k].word.lower() not in g.nominative_pronouns
            and self.lang == "de" for k in (range(cand.last + 1, ti) if cand.last < ti else range(ti + 1, cand.first)))
        # "X said", "sagte jedoch X", "X haben mir gesagt"
        if near and toks[cand.head].pos in _HEADS and toks[cand.first].word.lower() not in g.oblique_determiners:
            p = replace(p, speaker=_head_text(toks, cand, self.lang))
        return p

    def snippet(self, sentence: int, trigger: Span, names: Sequence[str] = (),
                max_words: int = SNIPPET_WORDS) -> str | None:
        """The article's own words for an event nobody was identified in: the trigger's clause
        (:func:`_clause`), at most ``max_words`` words around the trigger (a few before it, the
        rest after; "…" where the clause is cut), without the conjunction that opens it and
        without quote marks. A clause of fewer than :data:`SNIPPET_MIN_WORDS` words ("…, sagte
        er") is read within its whole sentence instead, and a German one that opens with its verb
        ("…, hieß es in der Mitteilung") with the words before it, and a verb's clause followed by
        its complement ("a survey has found that …", "teilte mit, dass …", ": …") with it. ``names``: entity keys of which one
        must be named in the words quoted. None: the trigger is not in the sentence, or none of
        ``names`` is quoted."""
        whole = self.tokens(sentence)
        inside = [i for i, t in enumerate(whole) if t.start < trigger.end and trigger.start < t.end]
        if not inside:
            return None
        ti, tj = inside[0], inside[-1]
        a, b, _sub = _clause(whole, ti, rules_for(self.lang).grammar)
        b = max(b, tj)
        verb_first = False
        if sum(1 for t in whole[a:b + 1] if t.pos != "PUNCT") < SNIPPET_MIN_WORDS:
            a, b = 0, len(whole) - 1
        elif self.lang == "de" and a > 0 and whole[a].pos in ("VERB", "AUX"):
            a, verb_first = 0, True  # a clause opening with its verb ("…, hieß es", "…, wies X zurück") follows on
        elif whole[ti].pos in ("VERB", "AUX") and b + 2 < len(whole) and (
                whole[b + 1].pos == "SCONJ" or whole[b + 1].word == ":"
                or whole[b + 1].word == "," and whole[b + 2].pos == "SCONJ"):
            b = len(whole) - 1  # what a verb says or finds follows in its complement ("X found that …", ": …")
        while a < ti and (whole[a].pos in ("CCONJ", "SCONJ", "PUNCT") or whole[a].word in _QUOTES):
            a += 1
        dangling = ("CCONJ", "SCONJ", "DET", "PUNCT") if self.lang == "de" else ("CCONJ", "SCONJ", "DET", "PUNCT", "ADP")
        while b > tj and (whole[b].pos in dangling or whole[b].word in _QUOTES):
            b -= 1  # "… on this and" (a German clause may end in its verb's particle: "teilte … mit")
        lo, hi = a, b
        if hi - lo + 1 > max_words and verb_first and b - ti < max_words - SNIPPET_BEFORE:
            lo = b - max_words + 1  # the words before such a clause say what it is about
            while lo < ti and (whole[lo].pos == "PUNCT" or whole[lo].word in _QUOTES):
                lo += 1
        elif hi - lo + 1 > max_words:
            lo = max(a, ti - SNIPPET_BEFORE)
            hi = min(b, lo + max_words - 1)
            lo = max(a, min(lo, hi - max_words + 1))
            if hi < b:  # cut before a preposition, conjunction or comma rather than inside a phrase
                hi = next((k for k in range(hi, max(tj, hi - 5), -1) if whole[k + 1].pos in _CUT_BEFORE), hi)
            while hi > tj and (whole[hi].pos in _CUT_BEFORE or whole[hi].pos == "DET" or whole[hi].word in _QUOTES):
                hi -= 1  # no cut after "of the"
        # a clause cut before the trigger keeps its opening up to its first verb when a noun or name
        # stands there ("Die Feuerwehr hatte … am Montag bekämpft"): who acts
        head = None
        if lo > a and CUT_KEEPS_HEAD:
            f = next((k for k in range(a, lo) if whole[k].pos in ("VERB", "AUX")), None)
            if f is not None and f - a + 1 <= SNIPPET_HEAD and any(whole[k].pos in ("NOUN", "PROPN") for k in range(a, f)):
                if lo <= f + 2:
                    lo = a  # the opening and the words around the trigger meet: the clause from its start
                else:
                    head = f
        # a relative clause quoted from its start quotes what it refers to too ("Tarek Olm, who …")
        rules = rules_for(self.lang)
        ante = _antecedent(whole, a, rules.grammar) if lo == a and RELATIVE_ANTECEDENT else None
        # a verb after an aside is quoted with its subject before the aside ("The firm … will sell")
        subj = _subject_before_aside(whole, a, rules.grammar) if lo == a and ante is None and SUBJECT_BEFORE_ASIDE \
            and rules.verbs is not None and rules.verbs.order == "svo" else None
        if subj is not None and any(x < whole[subj[1]].start and whole[subj[0]].start < y for x, y in self.times):
            subj = None  # "Last year, …, launched": a time, no subject
        first = whole[ante if ante is not None else subj[0] if subj is not None else lo].start
        # the quoted stretches: the opening kept before a cut, then the words around the trigger
        shown = [(whole[a].start, whole[head].end)] if head is not None else []
        shown.append((first, whole[hi].end))
        if names and not any(k in names and p <= x < q for x, _y, k in self.mentions for p, q in shown):
            return None
        words = self.text[whole[lo].start:whole[hi].end]
        if ante is not None:
            words = self.text[first:whole[a - 2].end] + ", " + words
        elif subj is not None:
            words = self.text[first:whole[subj[1] - 1].end] + " … " + words
        drop = _QUOTE_MARKS if words.count("(") == words.count(")") else _QUOTE_MARKS | {"(", ")"}  # a cut bracket
        words = " ".join("".join(c for c in words if c not in drop).split())
        if not words:
            return None
        if head is not None:
            opening = " ".join("".join(c for c in self.text[whole[a].start:whole[head].end] if c not in _QUOTE_MARKS).split())
            return opening + " … " + words + (" …" if hi < b else "")
        return ("… " if lo > a else "") + words + (" …" if hi < b else "")


RELATIVE_ANTECEDENT = True  # a snippet of a relative clause opens with the noun phrase it refers to
SUBJECT_BEFORE_ASIDE = True  # … and one of a verb after an aside with the subject before the aside


def _governing(toks: list[_Tok], ti: int, lang: str, g: Grammar, mentions: list[tuple[int, int, str]],
               times: Sequence[tuple[int, int]], participants: set[str]) -> Predicate | None:
    """For an event noun without a complement, the predicate of the next verb of its clause when
    the noun is that verb's subject: "the talks failed" -> "Talks fail", "der Prozess findet
    statt", "the deal was thrown out" -> "Deal thrown out"."""
    a, b, _ = _clause(toks, ti, g)
    q = _governing_object(toks, ti, a, lang, g, mentions, times, participants)
    if q is not None:
        return q
    v = next((i for i in range(ti + 1, b + 1) if toks[i].pos == "VERB"), None)
    if v is None or toks[v - 1].pos in ("DET", "PRON", "ADJ"):
        return None  # ("their alleged misconduct": an attribute, no verb of the noun)
    if not (ti + 1 < len(toks) and toks[ti + 1].pos == "ADP") and any(
            toks[k].pos not in ("AUX", "ADV", "PART") for k in range(ti + 1, v)):
        return None  # only auxiliaries, adverbs or a prepositional phrase between the noun and its verb
    t = toks[v]
    q = _read(list(toks), v, lang, g, mentions, times, Span(start=t.start, end=t.end, text=t.word), participants)
    noun = toks[ti].word.lower()
    if q is None or q.kind == "noun" or not q.subj or q.subj.split()[-1].lower() != noun:
        return None
    if q.kind == "verb" and not (q.obj or q.obj_key or q.particle):
        return None  # "the announcement comes" says no more than the noun
    return q


def _speaker_after(toks: list[_Tok], ti: int, p: Predicate, lang: str, g: Grammar, sentence_start: int) -> Predicate:
    """A verb of saying that opens a clause after the one it reports ("…, sagte der Trainer",
    '"…," said the coach') names its speaker after it, not its object: the noun read as its
    object is its subject (not after an oblique determiner or with a pronoun subject: "…,
    sagte er der Zeitung")."""
    sr = rules_for(lang).statement
    if sr is None or not p.lemmas & sr.say_verbs:
        return p
    first = next((i for i, t in enumerate(toks) if t.pos != "PUNCT" and t.word not in _QUOTES), None)
    if first != ti or toks[0].start <= sentence_start:
        return p  # the verb opens the sentence or follows its subject
    nxt = next((t for t in toks[ti + 1:] if t.pos not in ("ADV", "PART")), None)
    if nxt is None or nxt.pos == "PRON" or nxt.word.lower() in g.oblique_determiners:
        return p
    return replace(p, subj=p.obj, obj="")


def _governing_object(toks: list[_Tok], ti: int, a: int, lang: str, g: Grammar,
                      mentions: list[tuple[int, int, str]], times: Sequence[tuple[int, int]],
                      participants: set[str]) -> Predicate | None:
    """For an event noun without a complement, the predicate of the verb before it when the noun
    heads that verb's object: "the firm sealed a deal" -> "Firm seals deal" (not after "to"/"zu":
    "urged the club to reject the deal" did not reject it; not an English gerund, not a German
    verb with an infinitive or participle after the noun)."""
    v = next((i for i in range(ti - 1, a - 1, -1) if toks[i].pos in ("VERB", "AUX")), None)
    if v is None or toks[v].pos != "VERB" or v > a and toks[v - 1].word.lower() in ("to", "zu") \
            or any(toks[k].pos not in _NP_INNER and toks[k].word not in _DASHES for k in range(v + 1, ti)):
        return None
    if lang == "en" and toks[v].word.lower().endswith("ing") and not (v > a and toks[v - 1].pos == "AUX"):
        return None  # a gerund or preposition ("buying spree", "following the launch"), not "is making a loss"
    if lang == "de" and any(toks[k].pos in ("VERB", "AUX") for k in range(ti + 1, _clause(toks, ti, g)[1] + 1)):
        return None  # the noun's verb comes after it ("ließ eine Klage prüfen")
    t = toks[v]
    q = _read(list(toks), v, lang, g, mentions, times, Span(start=t.start, end=t.end, text=t.word), participants)
    if q is None or q.kind != "verb" or not q.obj or q.obj.split()[-1].lower() != toks[ti].word.lower():
        return None
    return q


def _lemma(word: str, lang: str) -> str:
    from graphbuilder.extract.linguistic import lemma

    return lemma(word, lang)


_CLAUSE_PUNCT = frozenset({",", ";", ":", "!", "?", "–", "—", "…"})
_QUOTES = frozenset("\"'„“”‚‘’«»‹›()[]")


def _relative_opening(toks: list[_Tok], a: int) -> bool:
    """Whether token ``a`` opens a relative clause: a lower-case pronoun or article right after a
    comma and not before a noun phrase (", die …", ", which …"; not ", das Bild …")."""
    return a > 0 and toks[a - 1].word == "," and toks[a].pos in ("PRON", "DET") and toks[a].word.islower() \
        and not (a + 1 < len(toks) and toks[a + 1].pos in ("NOUN", "PROPN", "ADJ", "NUM"))


_ANTECEDENT_TAGS = frozenset({"PROPN", "NOUN", "ADJ", "DET", "NUM"})
ANTECEDENT_WORDS = 5  # at most this many words of a relative clause's antecedent are quoted with it


def _antecedent(toks: list[_Tok], a: int, g: Grammar) -> int | None:
    """The first token of the noun phrase a relative clause opening at ``a`` with one of the
    grammar's ``relative_pronouns`` refers to ("Tarek Olm, who …", "der Verband, der …"): the
    noun or name before its comma with its determiners, adjectives and names, at most
    :data:`ANTECEDENT_WORDS` words; None when no noun or name stands there."""
    k = a - 2
    if not _relative_opening(toks, a) or toks[a].word not in g.relative_pronouns or k < 0 \
            or toks[k].pos not in ("NOUN", "PROPN"):
        return None
    return _noun_phrase_start(toks, k)


def _noun_phrase_start(toks: list[_Tok], k: int) -> int:
    """The first token of the noun phrase ending in the noun or name ``k``: back over determiners,
    adjectives, numbers and names, at most :data:`ANTECEDENT_WORDS` words in all."""
    j = k
    while j > 0 and k - j + 1 < ANTECEDENT_WORDS and toks[j - 1].pos in _ANTECEDENT_TAGS \
            and toks[j - 1].word not in _QUOTES:
        j -= 1
    return j


_ASIDE_MARKS = frozenset({",", "-", "–", "—"})


def _subject_before_aside(toks: list[_Tok], a: int, g: Grammar) -> tuple[int, int] | None:
    """In a subject–verb–object language, the first token of the subject a clause opening with
    its verb at ``a`` has before an aside ("The firm, which …, will announce", "Kelvaro - whose
    boats … - will unveil", "The bakery, Brennhof, was sold"), and the mark that opens the aside
    (the same as the one closing it): the noun or name (with its determiners, adjectives and
    names, at most :data:`ANTECEDENT_WORDS` words) before that mark, when it opens its sentence
    or follows a clause boundary; else None. A verb form with one of the grammar's
    ``nonfinite_suffixes`` opens no such clause (", merging it with …", ", according to …")."""
    if a < 3 or toks[a].pos not in ("AUX", "VERB") or toks[a - 1].word not in _ASIDE_MARKS \
            or toks[a].word.lower().endswith(tuple(g.nonfinite_suffixes)):
        return None
    mark = toks[a - 1].word
    o = next((i for i in range(a - 2, 0, -1) if toks[i].word == mark), None)
    if o is None or o == a - 2 or toks[o - 1].pos not in ("NOUN", "PROPN"):
        return None
    j = _noun_phrase_start(toks, o - 1)
    if j > 0 and not (toks[j - 1].word in _CLAUSE_PUNCT or toks[j - 1].word in _QUOTES
                      or toks[j - 1].pos in ("CCONJ", "SCONJ")):
        return None
    return j, o


def _clause(toks: list[_Tok], ti: int, g: Grammar) -> tuple[int, int, bool]:
    """(first, last) token of the trigger's clause and whether a subordinating word opens it
    (punctuation and subordinating conjunctions end a clause; quotes and brackets do not; a
    coordinating conjunction does when a verb follows it: "… und baut …")."""

    def boundary(i: int) -> bool:
        t = toks[i]
        if t.pos == "PUNCT" or t.word in _CLAUSE_PUNCT:
            glued = 0 < i < len(toks) - 1 and toks[i - 1].end == t.start and t.end == toks[i + 1].start \
                and toks[i - 1].word not in _QUOTES and toks[i + 1].word not in _QUOTES  # ('…,"' ends a clause)
            if t.word in _DASHES:  # a dash between spaces ends a clause, one inside a word does not
                return 0 < i < len(toks) - 1 and toks[i - 1].end < t.start and t.end < toks[i + 1].start
            return t.word in _CLAUSE_PUNCT and not glued  # not quotes, brackets, "51." or "0:0"
        if t.pos == "CCONJ":
            return i + 1 < len(toks) and toks[i + 1].pos in ("VERB", "AUX")
        if t.word.lower() in g.adjunct_markers and 0 < i < len(toks) - 1 \
                and toks[i - 1].word.lower() in g.approximators and toks[i + 1].pos == "NUM":
            return False  # "mehr als 500": a number, no clause
        return t.pos in _BOUNDARY_TAGS

    a = ti
    while a > 0 and not boundary(a - 1):
        a -= 1
    subordinate = a > 0 and toks[a - 1].pos == "SCONJ" or _relative_opening(toks, a)
    b = ti
    while b < len(toks) - 1 and not boundary(b + 1):
        b += 1
    while b > ti and toks[b].pos == "PUNCT" and toks[b].word not in _QUOTES:
        b -= 1  # the sentence's final stop
    return a, b, subordinate


def _bracketed(toks: list[_Tok], a: int, b: int) -> set[int]:
    """Tokens a..b inside brackets, with the brackets (asides: never subject or object)."""
    out: set[int] = set()
    depth = 0
    for i in range(a, b + 1):
        w = toks[i].word
        if w in ("(", "["):
            depth += 1
        if depth:
            out.add(i)
        if w in (")", "]"):
            depth = max(0, depth - 1)
    return out


def _phrases(toks: list[_Tok], a: int, b: int, g: Grammar, mentions: list[tuple[int, int, str]],
             times: Sequence[tuple[int, int]], skip: set[int]) -> list[_NP]:
    """Noun phrases (and pronouns) of tokens a..b, with whether a preposition governs them (a
    phrase joined by a conjunction to one after a preposition is governed by it too)."""
    out: list[_NP] = []
    brackets = _bracketed(toks, a, b)
    skip = skip | brackets
    i = a
    while i <= b:
        t = toks[i]
        if i in skip:
            i += 1
            continue
        possessive = t.pos == "PRON" and t.word.lower() in g.possessive_pronouns and i + 1 <= b \
            and toks[i + 1].pos in ("ADJ", "NOUN", "NUM") and i + 1 not in skip
        if t.pos == "PRON" and not possessive:
            out.append(_NP(i, i, i, _after_preposition(toks, i, a, g), _key_of(t, mentions)))
            i += 1
            continue
        if not possessive and (t.pos not in _NP_INNER or (t.pos == "ADJ" and i + 1 <= b and toks[i + 1].pos not in _NP_INNER)):
            i += 1
            continue
        j = i
        seen_head = t.pos in _HEADS
        while j + 1 <= b and j + 1 not in skip and (toks[j + 1].pos in _NP_INNER or toks[j + 1].word in _DASHES
                                                      or toks[j + 1].word in _QUOTES and toks[j + 1].word not in "()[]"
                                                      or toks[j + 1].word in (".", "%", ",") and toks[j].pos == "NUM"
                                                      and toks[j].end == toks[j + 1].start):  # "der 51. Minute", "a 20% stake", "146,000"
            if seen_head and toks[j + 1].pos in ("DET", "NUM") or toks[j + 1].word.lower() in g.contracted_prepositions \
                    or (g.split_noun_pairs and seen_head and toks[j + 1].pos == "ADJ") \
                    or (g.split_noun_pairs and toks[j].pos == "NOUN" and toks[j + 1].pos == "NOUN"
                        and toks[j].word.lower() not in g.quantity_nouns):  # ("10 Millionen Geräte": one)
                break  # "die Türkei | die versprochene Liberalisierung", "Pläne | zur Sicherung", "die Forscher | Personen"
            j += 1
            seen_head = seen_head or toks[j].pos in _HEADS
        heads = [k for k in range(i, j + 1) if toks[k].pos in _HEADS]
        if heads:
            head = heads[-1]
            key = next((k for k in (_key_of(toks[h], mentions) for h in reversed(heads)) if k), "")
            timed = any(s < toks[head].end and toks[head].start < e for s, e in times)
            in_pp = _after_preposition(toks, i, a, g) or (
                i - 1 > a and toks[i - 1].pos == "CCONJ" and bool(out) and out[-1].last == i - 2 and out[-1].in_pp) or (
                # a genitive attribute ("die Folgen ihres Lebens", also after an aside in brackets:
                # "X vom Verband (ABC) der Stadt Y"): never subject or object
                bool(out) and out[-1].last == _before_aside(i, brackets, a) and t.word.lower() in g.genitive_determiners)
            if not timed:
                out.append(_NP(i, j, head, in_pp, key))
        i = j + 1
    return out


def _before_aside(i: int, brackets: set[int], a: int) -> int:
    """The token before ``i``, skipping an aside in brackets right before it."""
    k = i - 1
    while k > a and k in brackets:
        k -= 1
    return k


def _after_preposition(toks: list[_Tok], i: int, a: int, g: Grammar) -> bool:
    if i <= a or toks[i].word.lower() in g.contracted_prepositions:  # "im Saal" (tagged as a determiner)
        return toks[i].word.lower() in g.contracted_prepositions or (
            i == a and i > 0 and toks[i - 1].word.lower() in g.adjunct_markers)  # "Als Konsequenz hat …"
    k = i - 1
    while k > a and toks[k].pos in ("ADV", "PART") and toks[k - 1].pos == "ADP":
        k -= 1  # "an nicht gedeckten …"
    prev = toks[k]
    if toks[i].pos == "NUM" and (prev.word.lower() in g.approximators or prev.word.lower() in g.adjunct_markers
                                 and k > a and toks[k - 1].word.lower() in g.approximators):
        return False  # "about 280,000 jobs", "rund 500 Menschen", "mehr als 500": a number, not a preposition
    return prev.pos == "ADP" or prev.word.lower() in g.contracted_prepositions or prev.word.lower() in g.adjunct_markers or (
        toks[i].word.lower() in g.contracted_prepositions)


def _key_of(t: _Tok, mentions: list[tuple[int, int, str]]) -> str:
    return next((k for s, e, k in mentions if s < t.end and t.start < e), "")


def _negated(toks: list[_Tok], a: int, b: int, g: Grammar) -> bool:
    """Whether a negation word negates the clause (not "not only", nor an adverb before an
    adjective before its noun: "nicht gedeckte Kredite")."""
    for i in range(a, b + 1):
        w = toks[i].word.lower()
        if w in g.negation and not (i + 1 < len(toks) and toks[i + 1].word.lower() in g.negation_excluded_next) \
                and not (toks[i].pos != "DET" and i + 2 < len(toks) and toks[i + 1].pos == "ADJ"
                         and toks[i + 2].pos in _HEADS) \
                and not (i + 2 < len(toks) and toks[i + 1].pos == "NOUN" and toks[i + 2].pos == "NOUN"):
            # ("keine neuen Stellen": the determiner negates; "the no change decision": a compound's modifier)
            return True
    return False


def _noun_text(t: _Tok, lang: str) -> str:
    """A noun as a headline shows it: English common nouns in lowercase (not "7E7s", "CEO")."""
    if lang == "en" and t.pos == "NOUN" and (len(t.word) == 1 or t.word[1:].islower()):
        return t.word.lower()
    return t.word


def _head_text(toks: list[_Tok], np: _NP, lang: str) -> str:
    """The head noun: a name with the name words before it ("Age Concern"); English: a noun
    with one noun before it ("peace deal")."""
    head = _noun_text(toks[np.head], lang)
    if toks[np.head].pos == "PROPN":
        k = np.head
        while k - 1 >= np.first and toks[k - 1].pos == "PROPN":
            k -= 1
        return " ".join(toks[i].word for i in range(k, np.head + 1))
    if lang == "en" and np.head - 1 >= np.first and toks[np.head - 1].pos == "NOUN":
        return f"{_noun_text(toks[np.head - 1], lang)} {head}"
    return head


def _others(mentions: list[tuple[int, int, str]], toks: list[_Tok], a: int, b: int, subj: Sequence[_NP]) -> str:
    """The participants the clause names outside its subject (they do not act), comma-joined."""
    lo, hi = toks[a].start, toks[b].end
    subs = [(toks[np.first].start, toks[np.last].end) for np in subj]
    return ",".join(sorted({k for s, e, k in mentions if lo <= s and e <= hi
                            and not any(x <= s and e <= y for x, y in subs)}))


def _plural_noun(t: _Tok, lang: str) -> bool:
    low = t.word.lower()
    if low in rules_for(lang).grammar.plural_nouns:  # "people", "police"
        return True
    if lang == "en":
        return low.endswith("s") and not low.endswith("ss") and _lemma(t.word, lang).lower() != low
    return False


def _np_plural(toks: list[_Tok], np: _NP) -> bool:
    """Whether a noun phrase is counted as more than one ("zehn Rennen", "3 Firmen")."""
    return any(toks[k].pos == "NUM" and toks[k].word.lower() not in ("1", "ein", "eine", "einen", "one")
               for k in range(np.first, np.head))


def _plural_finite(word: str, lang: str) -> bool | None:
    """Whether a finite verb form is plural (None: it does not say)."""
    low = word.lower()
    if lang == "en":
        if low in ("are", "were", "have", "do"):
            return True
        if low in ("is", "was", "has", "does") or (low.endswith("s") and not low.endswith("ss")):
            return False
        return None
    return low.endswith("en") or low == "sind"


@functools.lru_cache(maxsize=8)
def _particles_longest_first(g: Grammar) -> tuple[str, ...]:
    """The separable and ambiguous verb particles of ``g``, longest first (ties in alphabetical order)."""
    return tuple(sorted(g.separable_prefixes + tuple(g.ambiguous_prefixes), key=lambda x: (-len(x), x)))


def _separable(lemma: str, word: str, g: Grammar, joined_finite: bool) -> tuple[str, str]:
    """(particle, base lemma) of a German verb lemma that starts with a separable particle, when
    the form shows it: a participle or zu-infinitive with the particle before "ge"/"zu"
    ("vorgestellt", "vorzustellen"), or an infinitive or a finite verb at the end of a
    subordinate clause ("…, der zurückkam") whose rest is a verb the dictionary knows."""
    from graphbuilder.extract.lemmas import is_known

    low, w = lemma.lower(), word.lower()
    for pre in _particles_longest_first(g):
        rest = low[len(pre):]
        if not (low.startswith(pre) and len(rest) >= 4 and rest.endswith("n")):
            continue
        if w.startswith((pre + "ge", pre + "zu")) and not w.startswith(pre + "gegen"):
            return pre, rest  # "umgebaut", "vorzustellen"
        if pre not in g.separable_prefixes:
            continue  # "um-", "über-" … are separable only when the form shows it
        if (joined_finite or w == low) and w.startswith(pre) and is_known(rest, "de"):
            return pre, rest
    return "", low


def _participle_infinitive(lemma: str, g: Grammar) -> str | None:
    """The infinitive of a regular German past participle that the lemmatiser returned as it is
    (German infinitives end in -n): "abgeblitzt" -> "abblitzen", "gegründet" -> "gründen",
    "gewandert" -> "wandern"; None when ``lemma`` is no such participle."""
    low = lemma.lower()
    if low.endswith("n") or not low.endswith("t"):
        return None
    for pre in (*_particles_longest_first(g), ""):
        if not low.startswith(pre + "ge") or low.startswith(pre + "gegen"):
            continue
        stem = low[len(pre) + 2:-1]
        if stem.endswith("e") and stem[:-1].endswith(("t", "d", "m", "n")):
            stem = stem[:-1]  # "gegründet", "gerechnet": the -e- of the ending
        if len(stem) < 3:
            return None
        return pre + (stem + "n" if stem.endswith(("er", "el")) else stem + "en")
    return None


def _attributive_de(word: str) -> str:
    """The participle of an inflected German attributive participle ("vorgestellten" ->
    "vorgestellt", "gestohlene" -> "gestohlen"); "" when the word has no adjective ending."""
    low = word.lower()
    for end in ("en", "em", "er", "es", "e"):
        stem = low[:-len(end)]
        if low.endswith(end) and len(stem) > 3 and stem.endswith(("t", "en")):
            return stem
    return ""


def _participle_de(word: str, lemma: str, g: Grammar, inseparable: Sequence[str]) -> bool:
    """Whether a German verb form can be a participle: "ge-" (after a separable particle),
    or an inseparable prefix / "-ieren" verb ending in -t/-en ("verkauft", "nominiert")."""
    w, low = word.lower(), lemma.lower()
    if w == low or not w.endswith(("t", "en")):
        return False
    if w.startswith("ge") or any(w.startswith(p + "ge") for p in g.separable_prefixes if low.startswith(p)):
        return True
    return low.endswith("ieren") or any(low.startswith(p) for p in inseparable)


def _coordinated(toks: list[_Tok], nps: list[_NP], np: _NP) -> list[_NP]:
    """``np`` with the noun phrases a conjunction or comma joins to it ("Netflix und Amazon")."""
    group = [np]
    k = nps.index(np)
    while k > 0 and nps[k - 1].last + 2 == group[0].first and toks[group[0].first - 1].pos in ("CCONJ", "PUNCT") \
            and toks[group[0].first - 1].word in (",", "und", "and", "sowie", "oder", "or"):
        k -= 1
        group.insert(0, nps[k])
    return group


def _read(toks: list[_Tok], ti: int, lang: str, g: Grammar, mentions: list[tuple[int, int, str]],
          times: Sequence[tuple[int, int]], trigger: Span, participants: set[str] = frozenset(),
          speaker: bool = False) -> Predicate | None:
    """The predicate of the verb or noun ``toks[ti]`` in its clause (``speaker``: a reported
    clause, whose pronoun subject may be its speaker)."""
    t = toks[ti]
    a, b, subordinate = _clause(toks, ti, g)
    if t.pos in _HEADS and lang == "de" and t.word[:1].islower():
        t = toks[ti] = _Tok(t.start, t.end, t.word, "VERB")  # German nouns are capitalised ("drohten")
    if lang == "en" and t.pos == "VERB" and _lemma(t.word, "en").lower().endswith("ing") and ti > a \
            and toks[ti - 1].pos in ("NOUN", "ADJ", "DET", "NUM", "PROPN"):
        t = toks[ti] = _Tok(t.start, t.end, t.word, "NOUN")  # "a new smoker ruling"
    if lang == "en" and not t.word.lower().endswith(("ing", "ed", "en", "wn")) and (
            t.pos == "ADJ" or t.pos == "VERB" and ti > a and toks[ti - 1].pos in ("DET", "ADJ")):
        t = toks[ti] = _Tok(t.start, t.end, t.word, "NOUN")  # "warns of Kazakh close": a noun, no verb
    if t.pos in _HEADS:
        return _nominal(toks, ti, b, lang, g, mentions, times, trigger)
    if t.pos not in _VERBS:
        return None
    verbs = rules_for(lang).verbs
    lemma = _lemma(t.word, lang).lower()
    if verbs is not None and t.pos in ("VERB", "AUX") and t.word.lower() in verbs.past_forms:
        lemma = verbs.past_forms[t.word.lower()]  # the irregular verbs' table ("left" -> "leave")
    if not lemma or not lemma.isalpha():
        return None
    relemmatised = False
    if lang == "de" and not lemma.endswith("n"):  # no infinitive: a participle the dictionary does not
        # know, also inflected ("die 2013 gegründete X"); "genehmigte" has its lemma "genehmigen"
        found = _participle_infinitive(lemma, g) or _participle_infinitive(_attributive_de(t.word), g)
        lemma, relemmatised = found or lemma, found is not None
    negated = _negated(toks, a, b, g)
    stem = _attributive_de(t.word) if lang == "de" else t.word.lower()
    # "die gewählte X" tagged as a verb: attributive when the dictionary knew it as no verb form
    # (a finite "genehmigte den Antrag" has its lemma "genehmigen")
    attributive = t.pos == "ADJ" or (relemmatised and t.pos == "VERB" and stem != t.word.lower())
    if attributive and ti + 1 <= b and toks[ti + 1].pos in _NP_INNER and not (
            ti > 0 and toks[ti - 1].pos in ("AUX", "VERB")) and t.word.lower() != lemma and stem and (
            lemma.endswith("n") and _participle_de(stem, lemma, g, verbs.inseparable_prefixes if verbs else ())
            if lang == "de" else t.word.lower().endswith(("ed", "en", "wn"))):  # "die nominierte Komödie" (not "kündigte")
        after = _phrases(toks, ti + 1, b, g, mentions, times, set())
        if not after or after[0].first != ti + 1:
            return None
        np = after[0]
        return Predicate(lang, "passive", lemma, form=stem,
                         subj="" if np.key else _head_text(toks, np, lang), subj_key=np.key,
                         plural=_plural_noun(toks[np.head], lang), negated=negated)
    auxes = [i for i in range(a, b + 1) if toks[i].pos == "AUX" and i != ti]
    if lang == "en":
        return _english(toks, ti, a, b, lemma, negated, g, mentions, times, trigger, participants, speaker)
    participle = _participle_de(t.word, lemma, g, verbs.inseparable_prefixes if verbs else ())
    aux_lemmas = {_lemma(toks[i].word, lang).lower() for i in auxes}
    # a werden-passive, or sein with a participle (a state or a perfect: "ist geschlossen", "ist gestorben")
    passive = participle and bool(aux_lemmas & (g.passive_auxiliary | {"sein"}))
    if not auxes and not subordinate and ti == b and participle and (t.word.lower().startswith("ge") or any(
            t.word.lower().startswith(x + "ge") for x in g.separable_prefixes)):
        return None  # a participle without its auxiliary ("…, das Bild per Post geschickt"): elliptical
    skip: set[int] = {ti}
    particle = ""
    finite = ti if not auxes else next((i for i in auxes if i < ti), None)
    if not auxes and not subordinate and b > ti and toks[b].word.lower() in g.separable_prefixes \
            and toks[b].pos in ("ADP", "ADV", "PART", "ADJ", "VERB"):
        particle, base = toks[b].word.lower(), lemma  # "stellte … vor"
        skip.add(b)
    else:
        particle, base = _separable(lemma, t.word, g, joined_finite=not auxes and (subordinate or ti == b))
    # noun phrases of the trigger's verb only: not those before another (full) verb before it
    # or after another verb after it ("… Schlaganfall bekommen und sich untersuchen lassen")
    finite0 = ti if not auxes else next((i for i in auxes if i < ti), a - 1)
    lo = max([a] + [k + 1 for k in range(max(a, finite0 + 1), ti) if toks[k].pos == "VERB"])
    hi = min([b] + [k - 1 for k in range(ti + 1, b + 1) if toks[k].pos == "VERB" and k not in skip])
    every = [np for np in _phrases(toks, a, b, g, mentions, times, skip) if np.head != ti]
    nps = [np for np in every if not np.in_pp and (np.last < finite0 or lo <= np.first) and np.last <= hi]
    if finite == ti == b and not subordinate and len([np for np in nps if np.last < ti]) >= 2 \
            and len(_coordinated(toks, nps, [np for np in nps if np.last < ti][-1])) < 2:
        return None  # two phrases before a clause-final verb of a main clause: no verb-second clause
    if subordinate or finite is None:
        front, middle = [], nps
        if subordinate and nps and nps[0].first == a and toks[a].pos in ("PRON", "DET"):
            middle = nps[1:]  # the relative pronoun is the subject (or object): unknown
            front = [nps[0]]
    else:
        front = [np for np in nps if np.last < finite]
        middle = [np for np in nps if np.first > finite]
    number_word = toks[finite].word if finite is not None else (toks[auxes[-1]].word if auxes else t.word)
    plural = _plural_finite(number_word, lang) or False
    reflexive = any(toks[np.head].word.lower() in g.reflexive for np in middle)
    middle = [np for np in middle if toks[np.head].word.lower() not in g.reflexive]
    if passive:
        cands = [np for np in front + middle if toks[np.head].word.lower() != "es"]
        subj = cands[0] if cands else None
        if subj is None or toks[subj.head].pos == "PRON":
            return None
        return Predicate(lang, "passive", base, particle, form=t.word.lower(),
                         subj="" if subj.key else _head_text(toks, subj, lang),
                         subj_key=subj.key, plural=plural, negated=negated)
    def can_be_subject(np: _NP) -> bool:
        """No subject starts with "einen", "dem", "seinen" …; a plural verb's with no "der", "ein" …"""
        first = toks[np.first].word.lower()
        return first not in g.oblique_determiners and not (plural and first in g.not_plural_subject)

    if front and middle and finite is not None and (
            _np_plural(toks, front[-1]) and not plural  # "Zehn Rennen hat Ina Alt absolviert": agreement
            or toks[middle[0].head].word.lower() in g.nominative_pronouns):  # "Eine Anfrage lehnt er ab"
        subj, objects = middle[0], front + middle[1:]
    elif front and middle and not front[-1].key and middle[0].key.startswith("per:") \
            and toks[middle[0].first].pos in _HEADS and finite is not None and finite != ti:
        subj, objects = middle[0], front + middle[1:]  # "Die Software hat Ina Alt entwickelt": a person acts
    elif front and not can_be_subject(front[-1]):  # "Einen Hashtag bekam der Umstand"
        subj = middle[0] if middle and can_be_subject(middle[0]) else None
        objects = front + [np for np in middle if np is not subj]
    elif not front and finite is not None and finite == a and not subordinate:
        subj, objects = None, middle  # a verb-first clause ("…, bezogen ihre Stoffe …"): its subject is elsewhere
    elif not front and middle and not can_be_subject(middle[0]):
        subj, objects = None, middle  # "…, werfen der Regierung vor"
    elif front:
        subj = front[-1]
        objects = middle
    elif middle and not (a > 0 and toks[a - 1].pos == "CCONJ"):
        subj, objects = middle[0], middle[1:]
    else:  # "… und präsentiert …": the subject is the first clause's
        subj, objects = None, middle
    if not front and finite is not None and finite < lo and any(toks[k].pos == "CCONJ" for k in range(lo, ti)):
        # coordinated infinitives share the subject after the finite verb: "wollte Apple … einsteigen und … präsentieren"
        shared = [np for np in every if not np.in_pp and finite < np.first and np.last < lo and can_be_subject(np)
                  and toks[np.head].pos != "PRON"]
        if shared:
            subj, objects = shared[0], middle
    obj = next((np for np in reversed(objects) if toks[np.head].pos != "PRON"
                and toks[np.head].word.lower() not in g.measure_nouns), None)
    if obj is None and not auxes and not subordinate and ti == b and participle and subj is not None \
            and toks[subj.head].pos != "PRON" and verbs is not None and (particle + base) in verbs.transitive:
        # a headline's participle without its auxiliary: "Neue Pläne veröffentlicht" (a transitive verb with no object)
        return Predicate(lang, "passive", base, particle, form=t.word.lower(),
                         subj="" if subj.key else _head_text(toks, subj, lang), subj_key=subj.key,
                         plural=plural, negated=negated)
    complement = ""
    if reflexive and obj is None:  # a reflexive verb's prepositional object: "spricht sich für den Bau aus"
        start = finite if finite is not None else a
        pp = next((np for np in reversed(every) if np.in_pp and np.first > start and np.first - 1 > start
                   and toks[np.first - 1].pos == "ADP" and toks[np.head].pos in _HEADS), None)
        if pp is not None:
            complement = f"{toks[pp.first - 1].word.lower()} {_head_text(toks, pp, lang)}"
    return _active(toks, lang, base, particle, subj, obj, nps, mentions, a, b, plural, negated, reflexive,
                   participants, speaker, complement)


def _active(toks: list[_Tok], lang: str, base: str, particle: str, subj: _NP | None, obj: _NP | None,
            nps: list[_NP], mentions: list[tuple[int, int, str]], a: int, b: int, plural: bool,
            negated: bool, reflexive: bool = False, participants: set[str] = frozenset(),
            speaker: bool = False, complement: str = "") -> Predicate | None:
    """An active verb's predicate (``complement``: the object's text when there is no object
    phrase, "für Neubau"); coordinated subjects ("Netflix und Amazon") are the participants they name; a singular pronoun subject ("er", "she") with several candidate
    participants names none of them (which one it stands for is unknown)."""
    from graphbuilder.extract.lemmas import is_known

    if not is_known(base, lang):
        return None  # a lemma the dictionary does not know: no headline form is made of it
    subj_text = subj_key = ""
    group = _coordinated(toks, nps, subj) if subj is not None and subj in nps else ([subj] if subj else [])
    if len(group) > 1:
        subj = None
        if all(np.key for np in group):
            subj_key = ",".join(dict.fromkeys(np.key for np in group))
    elif subj is not None and toks[subj.head].pos != "PRON":
        subj_key = subj.key
        subj_text = "" if subj.key else _head_text(toks, subj, lang)
    elif speaker and subj is not None and toks[subj.head].word.lower() in rules_for(lang).grammar.speaker_pronouns:
        subj_key = SPEAKER  # "we will …" in a reported clause: its speaker
    others = _others(mentions, toks, a, b, group)
    if subj is not None and toks[subj.head].word.lower() in rules_for(lang).grammar.indefinite_pronouns:
        others = ",".join(sorted(set(participants)))  # "man", "someone": no participant acts
    elif not plural and (len(group) < 2 if subj is None else (
            toks[subj.head].pos == "PRON" and toks[subj.head].word.lower() in g_singular(lang))):
        # no subject found, or "he"/"er": one of the candidates at most, unknown which
        outside = set(others.split(",")) if others else set()
        if len(set(participants) - outside - {obj.key if obj is not None else ""}) > 1:
            others = ",".join(sorted(set(participants)))
    obj_text = complement if obj is None else "" if obj.key else _head_text(toks, obj, lang)
    return Predicate(lang, "verb", base, particle, obj=obj_text,
                     obj_key=obj.key if obj is not None else "", subj=subj_text, subj_key=subj_key,
                     others=others, plural=plural, negated=negated, reflexive=reflexive)


def g_singular(lang: str) -> frozenset[str]:
    """The language's singular personal pronouns (``[grammar] singular_pronouns``)."""
    return rules_for(lang).grammar.singular_pronouns


def _english(toks: list[_Tok], ti: int, a: int, b: int, lemma: str, negated: bool, g: Grammar,
             mentions: list[tuple[int, int, str]], times: Sequence[tuple[int, int]], trigger: Span,
             participants: set[str] = frozenset(), speaker: bool = False) -> Predicate | None:
    t = toks[ti]
    vg = ti  # the verb group: auxiliaries, "not", adverbs before the trigger
    while vg > a and toks[vg - 1].pos in ("AUX", "PART", "ADV"):
        vg -= 1
    group = range(vg, ti)
    verbs = rules_for("en").verbs
    participle = t.word.lower() != lemma or (verbs is not None and t.word.lower() in verbs.past_forms)
    passive = any(toks[i].pos == "AUX" and _lemma(toks[i].word, "en").lower() in g.passive_auxiliary
                  for i in group) and not t.word.lower().endswith("ing") and participle \
        and not (ti > 0 and toks[ti - 1].word.lower() == "to")  # "is to merge": no passive
    if vg == ti and t.word.lower().endswith("ed") and ti > a and toks[ti - 1].pos in _HEADS \
            and ti + 1 <= b and (toks[ti + 1].pos in ("ADP", "ADV", "PART")
                                 or any(x <= toks[ti + 1].start < y for x, y in times)) \
            and not (ti + 2 <= b and toks[ti + 2].pos in ("VERB", "AUX")) \
            and any(toks[k].pos in ("VERB", "AUX") and toks[k - 1].word.lower() != "to" for k in range(ti + 2, b + 1)):
        passive = True  # a participle after its noun, a verb follows: "Figures released in May showed …"
    if vg == ti and t.word.lower().endswith("ed") and ti > a and toks[ti - 1].pos in _HEADS and not passive \
            and not (ti + 1 <= b and toks[ti + 1].pos in ("DET", "NUM")):  # (an object follows: "… required a change")
        last = next((np for np in reversed(_phrases(toks, a, ti - 1, g, mentions, times, {ti}))
                     if np.last == ti - 1), None)
        if last is not None and (last.in_pp or last.first > a and toks[last.first - 1].pos == "VERB"):
            passive = True  # after an object or a prepositional phrase: "the cost of meeting rules imposed since …"
    negated = negated and any(toks[i].word.lower() in g.negation for i in range(vg, min(b, ti + 1) + 1))
    particle = ""
    j = ti + 1
    if j <= b and toks[j].word.lower() in g.particles and toks[j].pos in ("ADP", "ADV", "PART"):
        particle = toks[j].word.lower()
        j += 1
    skip = {ti} | ({ti + 1} if particle else set())
    before = [np for np in _phrases(toks, a, vg - 1, g, mentions, times, skip) if not np.in_pp] if vg > a else []
    subj = before[-1] if before else None
    if vg > a and toks[vg - 1].word.lower() == "to" or any(toks[k].word.lower() == "to" for k in range(vg, ti)):
        if not any(toks[k].pos == "AUX" and _lemma(toks[k].word, "en").lower() in g.passive_auxiliary
                   for k in range(max(a, vg - 2), ti)):
            subj = None  # an infinitive ("requirements to impose …"): its subject is not the phrase before it
    while subj is not None and before.index(subj) > 0 and before[before.index(subj) - 1].last + 1 == subj.first:
        subj = before[before.index(subj) - 1]  # "280,000 jobs a year have been created": the jobs
    for _ in range(3):  # "Tens of thousands of people protested": the people
        if subj is None or toks[subj.head].word.lower() not in g.quantity_nouns:
            break
        nxt = next((np for np in _phrases(toks, subj.last + 1, vg - 1, g, mentions, times, skip)
                    if np.first == subj.last + 2 and toks[subj.last + 1].word.lower() == "of"), None)
        if nxt is None:
            break
        subj = _NP(nxt.first, nxt.last, nxt.head, False, nxt.key)
        before = [*before, subj]
    if subj is not None:  # only prepositional phrases may stand between subject and verb
        between = _phrases(toks, subj.last + 1, vg - 1, g, mentions, times, skip)
        pp = {k for np in between if np.in_pp for k in range(np.first, np.last + 1)}
        end = subj.last
        for np in between:  # a measure phrase right after the subject ("jobs | a year")
            if np.first == end + 1 and not np.in_pp:
                pp.update(range(np.first, np.last + 1))
                end = np.last
        timed = {k for k in range(subj.last + 1, vg) if any(x < toks[k].end and toks[k].start < y for x, y in times)}
        if any(k not in pp and k not in timed and toks[k].pos not in ("ADP", "PART") for k in range(subj.last + 1, vg)):
            subj = None
    finite = next((i for i in group if toks[i].pos == "AUX"), ti)
    plural = _plural_finite(toks[finite].word, "en")
    if plural is None:
        plural = subj is not None and _plural_noun(toks[subj.head], "en")
    if passive:
        if subj is None or toks[subj.head].pos == "PRON":
            return None
        return Predicate("en", "passive", lemma, particle, form=t.word.lower(),
                         subj="" if subj.key else _head_text(toks, subj, "en"), subj_key=subj.key,
                         plural=plural, negated=negated)
    while j <= b and toks[j].pos == "ADV":
        j += 1
    obj = None
    if j <= b and toks[j].pos != "ADP":
        after = _phrases(toks, j, b, g, mentions, times, skip)
        nxt = after[0].last + 1 if after else b + 1
        for np in after[1:]:  # past its prepositional phrases: "said the price of oil may …"
            if np.in_pp and np.first <= nxt + 2:
                nxt = np.last + 1
        while nxt <= b and toks[nxt].pos == "ADV":
            nxt += 1  # "found the economy still faced …"
        if after and after[0].first == j and not after[0].in_pp and toks[after[0].head].pos != "PRON" \
                and not (nxt <= b and toks[nxt].pos in ("AUX", "VERB")) \
                and toks[after[0].head].word.lower() not in g.measure_nouns:  # "went up five times"
            obj = after[0]  # (a noun phrase a verb follows is a reported clause's subject: "said the firm would …")
    rest = [k for k in range(ti + 1, len(toks)) if toks[k].start < trigger.end
            and not (obj is not None and obj.first <= k <= obj.last) and k not in skip]
    if rest and not particle:  # the rest of a multiword trigger ("went public", "lashed out")
        particle = " ".join(toks[k].word.lower() for k in rest)
    return _active(toks, "en", lemma, particle, subj, obj, before, mentions, a, b, bool(plural), negated,
                   participants=participants, speaker=speaker)


def _nominal(toks: list[_Tok], ti: int, b: int, lang: str, g: Grammar, mentions: list[tuple[int, int, str]],
             times: Sequence[tuple[int, int]], trigger: Span) -> Predicate | None:
    """An event noun with its complement: a genitive ("Gründung des Vereins"), a preposition
    and a noun phrase ("launch of campaign"), or the participant a preposition links to it."""
    t = toks[ti]
    noun = trigger.text if " " in trigger.text.strip() else _noun_text(t, lang)
    if lang == "de" and " " not in noun:  # the nominative singular when it is the word's stem ("Gesprächen")
        lem = _lemma(noun, lang)
        noun = lem if lem and noun.startswith(lem) and lem[:1].isupper() else noun
    j = ti + 1
    if j > b:
        return Predicate(lang, "noun", noun)
    first = toks[j].word.lower()
    prep = ""
    if first in g.complement_prepositions and toks[j].pos == "ADP" or first in g.contracted_prepositions and first in g.complement_prepositions:
        prep = toks[j].word.lower()
        j += 1
    elif first not in g.genitive_determiners:
        return Predicate(lang, "noun", noun)
    k = j
    seen_head = False
    while k <= b and k - j < 5 and (toks[k].pos in _NP_INNER or toks[k].pos == "PRON" and toks[k].word.lower() in g.genitive_determiners):
        if seen_head and toks[k].pos not in _HEADS:
            break  # after the head only more nouns: "of the bank | shocked traders"
        seen_head = seen_head or toks[k].pos in _HEADS
        k += 1
    run = list(range(j, k))
    heads = [i for i in run if toks[i].pos in _HEADS]
    if not heads:
        return Predicate(lang, "noun", noun)
    run = run[:run.index(heads[0]) + 1] if toks[heads[0]].pos == "NOUN" and len(heads) > 1 and toks[heads[1]].pos == "PROPN" else run
    run = [i for i in run if i <= heads[-1]]
    if any(s < toks[i].end and toks[i].start < e for i in run for s, e in times):
        return Predicate(lang, "noun", noun)
    key = _key_of(toks[run[-1]], mentions)  # the complement's head names the participant, not a modifier
    if key and prep:
        return Predicate(lang, "noun", noun, particle=prep, obj_key=key)
    if key:
        return Predicate(lang, "noun", noun)
    if any(_key_of(toks[i], mentions) for i in run):  # "launch of a new England shirt": a name inside is no complement
        run = [i for i in run if not _key_of(toks[i], mentions) or toks[i].pos != "PROPN"]
    words = [_noun_text(toks[i], lang) if toks[i].pos in _HEADS else toks[i].word for i in run
             if toks[i].word.lower() not in g.determiners_dropped]
    if lang == "en":
        words = [w for i, w in zip([i for i in run if toks[i].word.lower() not in g.determiners_dropped], words)
                 if toks[i].pos != "PRON"]
    if not words:
        return Predicate(lang, "noun", noun)
    return Predicate(lang, "noun", noun, obj=" ".join(([prep] if prep else []) + words))


def _reported(toks: list[_Tok], lang: str, g: Grammar, mentions: list[tuple[int, int, str]],
              times: Sequence[tuple[int, int]], participants: set[str], main_only: bool,
              complementizers: frozenset[str] = frozenset()) -> Predicate | None:
    """The predicate of the first clause of ``toks`` with a verb (``main_only``: no subordinate
    clause; else none but one a complementizer opens: not "if …"), with its mood; a copula
    with an adjective ("the law was unfair") is the verb "be" with the adjective as its
    complement."""
    toks = [t for t in toks if t.word not in _QUOTES or t.word in "()[]"]  # quotes inside: '… had "slowed …"'
    if lang == "en":  # "had" tagged as a verb before its participle is an auxiliary ("had slowed", "has had enough")
        for i, t in enumerate(toks):
            k = i + 1
            while k < len(toks) and toks[k].pos in ("ADV", "PART"):
                k += 1
            if t.pos == "VERB" and k < len(toks) and toks[k].pos == "VERB" and _lemma(t.word, lang).lower() in ("have", "do"):
                toks[i] = _Tok(t.start, t.end, t.word, "AUX")
    for v in (i for i, t in enumerate(toks) if t.pos in ("VERB", "AUX")):
        a, b, subordinate = _clause(toks, v, g)
        opener = toks[a - 1].word.lower() if a > 0 else ""
        if subordinate and (main_only or opener not in complementizers):
            continue
        if any(t.word in "([" for t in toks[a:v]):
            continue
        break
    else:
        return None
    cut = next((k for k in range(a + 1, b) if toks[k].pos == "CCONJ" and toks[k - 1].pos == "VERB"), None)
    if lang == "de" and cut is not None:
        b = cut - 1  # "…, dass Nutzer dort landen und sich strafbar machen könnten": the first verb's own clause
    clause = range(a, b + 1)
    lemmas = {i: _lemma(toks[i].word, lang).lower() for i in clause if toks[i].pos in ("VERB", "AUX")}
    # the auxiliaries' words and lemmas ("will", "könne"), not other words ("in May")
    words = {toks[i].word.lower() for i in clause if toks[i].pos in ("AUX", "VERB", "PART")} | set(lemmas.values())
    if words & g.modal_auxiliaries:
        return None  # "must", "wolle": no headline form says it
    def after_preposition(i: int) -> bool:  # "than previously expected", "by selling"
        k = i - 1
        while k >= a and toks[k].pos == "ADV":
            k -= 1
        return k >= a and toks[k].pos == "ADP"

    full = [i for i in clause if toks[i].pos == "VERB" and not (i > a and toks[i - 1].word.lower() in ("to", "zu"))
            and not (lang == "en" and after_preposition(i))
            and toks[i].word.lower() not in g.future_auxiliaries  # ("is going to be")
            and not (lemmas[i] in g.copulas and any(toks[k].pos == "ADJ" for k in range(i + 1, min(b, i + 3) + 1)))]

    def after_aux(i: int) -> bool:
        k = i - 1
        while k >= a and toks[k].pos in ("ADV", "PART"):
            k -= 1
        return k >= a and toks[k].pos == "AUX"

    main: int | None = None
    if full and lang == "de":  # the finite verb, or the participle / infinitive an auxiliary before it governs
        main = full[-1] if any(toks[i].pos == "AUX" for i in range(a, full[0])) else full[0]
    elif full:  # the first verb of a verb group, else the first verb not followed by a copula
        grouped = [i for i in full if after_aux(i)]
        if grouped:
            main = grouped[0]
        elif not any(toks[k].pos == "AUX" and not any(toks[m].pos == "VERB" for m in range(k + 1, b + 1))
                     for k in range(full[0] + 1, b + 1)):
            main = full[0]
    if main is not None:
        word = toks[main].word.lower()
        if lang == "en" and word.endswith("ing"):
            if not after_aux(main):
                return None  # a gerund or participle ("the problems facing …")
            lem = lemmas[main]
            if lem == word:  # "setting" -> "set"
                from graphbuilder.extract.lemmas import is_known

                stem = word[:-3]
                lem = next((c for c in (stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else "", stem, stem + "e")
                            if c and is_known(c, "en")), lem)
            lemmas[main] = lem
        infinitive = word == lemmas[main]
        mood = ""
        if words & g.possibility_auxiliaries:
            mood = "possible"
        elif words & g.future_auxiliaries and (lang != "de" or infinitive):
            mood = "planned"
        span = Span(start=toks[main].start, end=toks[main].end, text=toks[main].word)
        p = _read(list(toks[:b + 1]), main, lang, g, mentions, times, span, participants, speaker=True)
        if p is not None and p.kind == "verb" and lang == "en" and p.lemma == word and word.endswith("ing"):
            p = replace(p, lemma=lemmas[main])
        return replace(p, mood=mood) if p is not None else None
    cop = next((i for i in clause if lemmas.get(i) in g.copulas), None)
    if cop is None:
        return None
    pronouns = [i for i in range(a, cop) if toks[i].pos == "PRON" and toks[i].word.lower() not in g.possessive_pronouns]
    between = ("ADV", "PART", "AUX", "VERB") if lang == "en" else ("ADV", "PART", "AUX", "ADP", "DET", "ADJ", "NOUN")
    adj = next((i for i in clause if i > cop and toks[i].pos == "ADJ"  # near its copula ("were up 10% year-on-year": no)
                and not (i + 1 <= b and toks[i + 1].pos in _NP_INNER)
                and all(toks[k].pos in between or toks[k].word in _QUOTES or toks[k].word.lower() == "to"
                        for k in range(cop + 1, i))), None)
    every = _phrases(toks, a, b, g, mentions, times, {adj} if adj is not None else set())
    nps = [np for np in every if not np.in_pp and toks[np.head].pos != "PRON"]
    before = [np for np in nps if np.last < cop]
    # the speaker with a prepositional phrase ("it is in talks"), "we"/"wir" also with an adjective; not "it" with an
    # adjective or a noun ("it was unfair", "it was a matter for …": the matter)
    word = toks[pronouns[0]].word.lower() if len(pronouns) == 1 else ""
    speaker = not before and word in g.speaker_pronouns and (adj is None or word in g.first_person_pronouns)
    if (pronouns and not speaker) or not (before or speaker):
        return None  # ("Es ist großartig, …": no subject to name)
    subj = None if speaker else before[0]  # the clause's first phrase ("one reason for that result is …")
    while subj is not None and before.index(subj) + 1 < len(before) and before[before.index(subj) + 1].first == subj.last + 1:
        subj = before[before.index(subj) + 1]  # two phrases in a row are one ("Group | advertising revenues")
    if adj is not None:
        complement = toks[adj].word
    else:  # a noun ("Jedes Spiel ist ein Finale") or a prepositional phrase ("is in talks")
        pred = next((np for np in nps if np.first > cop and toks[np.head].pos == "NOUN" and all(
            toks[k].pos in between or toks[k].word in _QUOTES for k in range(cop + 1, np.first))), None)
        pp = next((np for np in every if np.in_pp and np.first - 1 > cop and toks[np.first - 1].pos == "ADP"
                   and toks[np.head].pos in _HEADS), None)
        if pred is not None and not speaker:
            complement = _head_text(toks, pred, lang)
        elif pred is None and pp is not None and all(toks[k].pos in ("ADV", "PART", "AUX") for k in range(cop + 1, pp.first - 1)):
            complement = f"{toks[pp.first - 1].word.lower()} {_head_text(toks, pp, lang)}"
        else:
            return None
    mood = "possible" if words & g.possibility_auxiliaries else "planned" if words & g.future_auxiliaries else ""
    finite = next((i for i in clause if toks[i].pos == "AUX" and i <= cop), cop)
    plural = _plural_finite(toks[finite].word, lang)
    if plural is None:
        plural = subj is not None and (_plural_noun(toks[subj.head], lang) or _np_plural(toks, subj))
    if subj is None:
        return Predicate(lang, "verb", lemmas[cop], obj=complement, subj_key=SPEAKER, plural=bool(plural),
                         negated=_negated(toks, a, b, g), mood=mood)
    return Predicate(lang, "verb", lemmas[cop], obj=complement, subj="" if subj.key else _head_text(toks, subj, lang),
                     subj_key=subj.key, plural=bool(plural), negated=_negated(toks, a, b, g), mood=mood)


__all__ = ["PredicateReader"]
