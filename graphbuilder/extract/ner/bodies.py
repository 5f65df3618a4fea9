"""Institutions named by a common noun: "das Innenministerium", "der Bundespolizei",
"the Commons" — organisation mentions the name recogniser does not give (by its
guidelines they are no proper names), added for events and the graph.

**German** (learned, no phrase list): a capitalised noun whose compound **head** (the longest
proper tail that is a noun of the CC0 noun lexicon: "Innenministerium" -> "ministerium";
"Polizei" is its own head) is one the name recogniser's training corpora mostly mark as part of
an ORG name (``data/lexicon/org-heads-de.tsv``, learned by ``scripts/build_org_heads.py`` from
GermEval 2014 dev, German legal NER and the project's annotations' train split; a head is kept
when at least half of its tokens lie in an ORG name), or whose nouns the event training articles
have as participants (in 4+ articles, as often as organisation names: "Wirtschafts|kammer").
Plurals are left out (several bodies are no one participant); the genitive is the same body ("des
Innenministeriums").

**Identity** (:func:`body_key`):

* a body qualified by a name — a hyphen compound on a name that is no place ("EU-Ministerium")
  — or one the alias tables know ("Bundesregierung") is keyed like any organisation name, across
  articles;
* a body qualified by a place adjective right before it ("das kroatische Innenministerium"),
  compounded with a place ("US-Verteidigungsministerium") or followed by a place's name ("die
  Wirtschaftskammer Tirol", which then takes the place into its span) is that place's body:
  ``org:innenministerium-croatia``, ``org:verteidigungsministerium-united-states``, across articles;
* an unqualified body ("das Innenministerium", "die Bundespolizei": which country's?) is the
  same real-world thing only within its article: its key ends in ``~`` and a digest of the
  article text, so two articles' bodies never become one node.
"""

from __future__ import annotations

import bisect
import functools
import gzip
import hashlib
import re
from collections.abc import Sequence
from pathlib import Path

from graphbuilder.models import EntityMention

LEXICON_DIR = Path(__file__).resolve().parents[2] / "data" / "lexicon"
HEADS_DE = LEXICON_DIR / "org-heads-de.tsv"
_WORD_DE = re.compile(r"(?<![\w-])(?:[A-ZÄÖÜ][\w]*-)*[A-ZÄÖÜ][a-zäöüß]{2,}(?![\w-])")
SIMPLEX = "="  # head mark of a noun that is no compound ("=polizei": "die Polizei")
ARTICLE_SCOPE = "~"  # key infix of a body that is the same thing only within its article


@functools.cache
def _nouns() -> object:
    from graphbuilder.extract.entities import german_nouns

    return german_nouns()


LINKS = ("", "s", "es", "n", "en", "e", "er")  # linking elements between compound parts


@functools.lru_cache(maxsize=50_000)
def _first_part(rest: str, noun: bool) -> bool:
    """Whether ``rest`` (lowercase) is a word before a compound's tail, a linking element
    allowed ("wirtschafts", "innen", "bundes"): a word simplemma knows, with ``noun`` a noun of
    the lexicon."""
    from graphbuilder.extract.lemmas import is_known

    nouns = _nouns()
    for link in LINKS:
        base = rest[: len(rest) - len(link)]
        if rest.endswith(link) and len(base) >= 2 and (
                base[0].upper() + base[1:] in nouns if noun else is_known(base, "de")):  # type: ignore[operator]
            return True
    return False


def _tail_head(word: str, nouns: object, shortest_tail: int) -> str | None:
    """The longest proper tail of ``word`` that is a noun and leaves a word before it (before a
    three-letter tail a noun: "Minister|rat", not "Kommiss|ion")."""
    low = word.lower()
    for i in range(2, len(low) - shortest_tail + 1):
        tail = low[i:]
        if tail[0].upper() + tail[1:] in nouns and _first_part(low[:i], len(tail) < 4):  # type: ignore[operator]
            return tail
    return None


@functools.lru_cache(maxsize=100_000)
def german_head(token: str) -> str | None:
    """The compound head (lowercase) of a capitalised German singular noun, else None.

    The last part of a hyphen compound counts; a genitive -s/-es is dropped. A noun of the
    lexicon has as head its longest proper tail that is a noun (three letters or more: "rat")
    and leaves a known word before it, a linking element allowed ("Wirtschafts|kammer",
    "Innen|ministerium"; "Kom|mission" is no split: "Kommission" is its own head); without such a
    tail the noun is its own head. A word the lexicon lacks has a head only when a tail of four
    letters or more is such a noun ("Links|fraktion"). None for names, plurals and other words.
    """
    word = token.rsplit("-", 1)[-1]
    if len(word) < 3 or not word[:1].isupper() or not word.isalpha() or word.isupper():
        return None
    nouns = _nouns()
    forms = [word]
    if word.endswith("es") and len(word) > 5:
        forms.append(word[:-2])
    if word.endswith("s") and len(word) > 4:
        forms.append(word[:-1])
    hyphen = "-" in token
    for form in forms:
        if form in nouns:  # type: ignore[operator]
            tail = _tail_head(form, nouns, 3)
            if tail is not None:
                return tail
            return form.lower() if hyphen else SIMPLEX + form.lower()
    for form in forms:
        tail = _tail_head(form, nouns, 4)
        if tail is not None:
            return tail
    return None


@functools.cache
def kept_heads_de() -> frozenset[str]:
    """The heads of ``org-heads-de.tsv`` marked kept."""
    if not HEADS_DE.exists():
        return frozenset()
    out = set()
    for line in HEADS_DE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            head, _n, _org, keep = line.split("\t")[:4]
            if keep == "1":
                out.add(head)
    return frozenset(out)


@functools.cache
def _head_endings() -> re.Pattern[str] | None:
    """A pattern matching words that end in a kept compound head (with a genitive ending)."""
    heads = sorted((h for h in kept_heads_de() if not h.startswith(SIMPLEX)), key=lambda h: (-len(h), h))
    if not heads:
        return None
    return re.compile("(?i:" + "|".join(re.escape(h) for h in heads) + ")(?:e?s)?$")


def _lemma(token: str) -> str:
    """The body's form without a genitive ending ("Innenministeriums" -> "Innenministerium")."""
    word = token.rsplit("-", 1)[-1]
    nouns = _nouns()
    if word in nouns:  # type: ignore[operator]
        return token
    for cut in (2, 1):
        if word.endswith("es"[2 - cut:]) and word[:-cut] in nouns:  # type: ignore[operator]
            return token[:-cut]
    return token[:-1] if token.endswith("s") and german_head(token[:-1]) else token


def article_digest(text: str) -> str:
    """Eight hex digits naming the article (sha1 of its text)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def body_key(name: str, place_key: str | None, text: str, language: str = "de") -> tuple[str, str]:
    """(key, display name) of a body mention ``name`` (without genitive ending); ``place_key``:
    the place of an adjective right before it, ``text``: the article (module docstring)."""
    from graphbuilder.keys import alias_data, entity_key, canonical_name

    base = entity_key("ORG", name)
    data = alias_data()
    if "-" in name and name[:1].isupper() or data.label.get(base) == "ORG":
        return base, canonical_name("ORG", name, language)
    if place_key:
        place = place_key.split(":", 1)[1]
        shown = data.display.get(place_key, place)
        return f"{base}-{place}", f"{name} ({shown})"
    return f"{base}{ARTICLE_SCOPE}{article_digest(text)}", name


def place_body(name: str) -> tuple[str, str] | None:
    """(key, display name) of an organisation name that is a body with a place's name after it
    ("Arbeiterkammer Wien", "Bildungsministerium Steiermark") or a place's "-er" adjective before it
    ("Wiener Arbeiterkammer"): that place's body, keyed as "die steirische …" is (:func:`body_key`),
    shown as written; None for any other name."""
    from graphbuilder.keys import alias_data

    words = name.split()
    if len(words) != 2:
        return None
    data = alias_data()

    def place_of(alias: str) -> str | None:
        key = data.alias_to_key.get(alias)
        return key if key is not None and data.label.get(key) == "LOC" else None

    for body, place in ((words[0], place_of(words[1])),
                        (words[1], place_of(words[0][:-2]) if words[0].endswith("er") else None)):
        head = german_head(body) if place is not None and "-" not in body else None
        if head is not None and not head.startswith(SIMPLEX) and head in kept_heads_de():
            return body_key(_lemma(body), place, name)[0], name  # shown as written
    return None


_PLACE_GAP = re.compile(r"\s+")
_APPOSED = re.compile(r"\s+[„\"“»]?")


def german_bodies(text: str, mentions: Sequence[EntityMention],
                  sentence_of: object = None) -> list[EntityMention]:
    """Body mentions of a German text that overlap no name mention (a derived mention such as
    the "US" of "US-Verteidigungsministerium" qualifies it instead; module docstring)."""
    heads = kept_heads_de()
    ending = _head_endings()
    if ending is None:
        return []
    spans = sorted((m.start, m.end) for m in mentions if not m.nested and not m.derived)
    starts = [s for s, _e in spans]
    places = {m.end: m.key for m in mentions if m.derived and m.key.startswith("loc:")}
    places_after = {m.start: m for m in mentions
                    if not m.derived and not m.nested and m.label == "LOC" and m.key.startswith("loc:")}
    prefixes = {m.start: m.key for m in mentions if m.derived and m.key.startswith("loc:")}
    out = []
    for match in _WORD_DE.finditer(text):
        token = match.group()
        if ending.search(token) is None:  # cheap test first: ends in a kept head
            continue
        head = german_head(token)
        if head is None or head not in heads or head.startswith(SIMPLEX):
            continue
        s, e = match.span()
        i = bisect.bisect_left(starts, e)
        if any(a < e and s < b for a, b in spans[max(0, i - 3):i]):
            continue
        after = None  # a place named right after the body: "die Wirtschaftskammer Tirol"
        if i < len(spans) and _APPOSED.fullmatch(text, e, spans[i][0]):
            after = places_after.get(spans[i][0]) if text[e:spans[i][0]] == " " else None
            if after is None:
                continue  # a descriptor before the name: "die Nachrichtenagentur Xpress"
        name = _lemma(token)
        place = prefixes.get(s) if "-" in token else None
        if after is not None:  # the place's body, its name the whole phrase
            place, e, token = after.key, after.end, text[s:after.end]
        elif place is not None:  # a place's compound: "US-Verteidigungsministerium"
            name = name.rsplit("-", 1)[1]
        else:
            before = text.rfind(" ", 0, s)
            if before >= 0 and _PLACE_GAP.fullmatch(text, before, s):
                place = places.get(before)  # a place adjective: "das kroatische Innenministerium"
        key, shown = body_key(name, place, text)
        if after is not None:
            shown = f"{name} {text[after.start:after.end]}"  # as written: "Wirtschaftskammer Tirol"
        out.append(EntityMention(start=s, end=e, text=token, label="ORG", key=key, name=shown,
                                 sentence=sentence_of(s) if callable(sentence_of) else None,
                                 body=True))
    return out


@functools.cache
def group_nouns_en() -> frozenset[str]:
    """English nouns one of whose first two wordnet senses is a group (``n.group``:
    "parliament", "cabinet", "commons", "executive"), from ``data/lexicon/wordnet-en.tsv.gz``."""
    path = LEXICON_DIR / "wordnet-en.tsv.gz"
    if not path.is_file():
        return frozenset()
    out = set()
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            lemma, _, classes = line.rstrip("\n").partition("\t")
            nouns = [c for c in classes.split(",") if c.startswith("n.")]
            if "n.group" in nouns[:2]:
                out.add(lemma)
    return frozenset(out)


_WORD_EN = re.compile(r"(?<![\w'’.-])[A-Z][a-z]{3,}(?![\w'’-])")
_BEFORE_EN = re.compile(r"(?:^|[^\w'’-])(?:[a-z]+|The)\s+$")
NOT_BODY_NEIGHBOURS = (frozenset({"ADP"}), frozenset({"NOUN", "PROPN", "NUM"}))  # UPOS before / after


def _place_adjective(word: str) -> str | None:
    """The place key of a country adjective ("French" -> "loc:france"), else None."""
    from graphbuilder.extract.entities import lexicon

    key = lexicon().adjectives.get(word)
    return key if key and key.startswith("loc:") else None


def english_bodies(text: str, mentions: Sequence[EntityMention], sentence_starts: Sequence[int],
                   sentence_of: object = None) -> list[EntityMention]:
    """Body mentions of an English text: a capitalised word inside a sentence whose lowercase
    form is a group noun (:func:`group_nouns_en`: "the Commons", "Parliament", "the Cabinet"),
    after a lowercase word or a country adjective ("the French Parliament"), overlapping no name
    mention, no month name. The part-of-speech tagger then drops it when it is no noun, the
    object of a preposition not followed by a verb (a venue: "in Parliament", "through the
    Commons") or a noun's modifier ("Cabinet members", "a Commons debate")."""
    from graphbuilder.extract.entities import MONTHS_DE_EN

    groups = group_nouns_en()
    spans = sorted((m.start, m.end) for m in mentions if not m.nested and not m.derived)
    starts = [a for a, _b in spans]
    first = sorted(set(sentence_starts))
    found = []
    for match in _WORD_EN.finditer(text):
        s, e = match.span()
        token = match.group()
        if token.lower() not in groups or token in MONTHS_DE_EN:
            continue
        k = bisect.bisect_right(first, s) - 1
        if k >= 0 and not text[first[k]:s].strip():
            continue  # a sentence's first word
        i = bisect.bisect_left(starts, e)
        if any(a < e and s < b for a, b in spans[max(0, i - 3):i]):
            continue
        before = text.rfind(" ", 0, s)
        place = _place_adjective(text[text.rfind(" ", 0, before) + 1:before]) if before > 0 else None
        if place is None and not _BEFORE_EN.search(text, max(0, s - 30), s):
            continue
        sent = (first[k] if k >= 0 else 0, first[k + 1] if k + 1 < len(first) else len(text))
        found.append((s, e, token, place, sent))
    if not found:
        return []
    from graphbuilder.extract.linguistic import tag_words
    from graphbuilder.extract.ner.features import tokenize

    tagged: dict[tuple[int, int], tuple[list[tuple[int, int]], list[str]]] = {}
    out = []
    for s, e, token, place, sent in found:
        if sent not in tagged:
            toks = tokenize(text, *sent)
            tagged[sent] = (toks, tag_words([text[a:b] for a, b in toks], "en"))
        toks, tags = tagged[sent]
        j = next((n for n, (a, _b) in enumerate(toks) if a == s), None)
        if j is None or tags[j] not in ("NOUN", "PROPN"):
            continue
        prev = tags[j - 2] if j >= 2 and tags[j - 1] == "DET" else tags[j - 1] if j else ""
        nxt = tags[j + 1] if j + 1 < len(tags) else ""
        if nxt in NOT_BODY_NEIGHBOURS[1] or prev in NOT_BODY_NEIGHBOURS[0] and nxt not in ("VERB", "AUX"):
            continue  # a modifier; after a preposition, unless a verb follows ("after the Commons voted")
        key, shown = body_key(token, place, text, "en")
        out.append(EntityMention(start=s, end=e, text=token, label="ORG", key=key, name=shown,
                                 sentence=sentence_of(s) if callable(sentence_of) else None,
                                 body=True))
    return out


def with_bodies(text: str, language: str, mentions: list[EntityMention],
                sentence_starts: Sequence[int] = (), sentence_of: object = None) -> list[EntityMention]:
    """``mentions`` with the body mentions of ``text`` added (German and English)."""
    if language == "de":
        extra = german_bodies(text, mentions, sentence_of)
    elif language == "en":
        extra = english_bodies(text, mentions, sentence_starts, sentence_of)
    else:
        return mentions
    if not extra:
        return mentions
    # a place named right after a body is part of its name ("Wirtschaftskammer Tirol"): no mention of its own
    took = {b.end: b.start for b in extra if " " in b.text}  # such a body ends where the place's name does
    kept = [m for m in mentions
            if m.derived or m.label != "LOC" or not (m.end in took and took[m.end] < m.start)]
    return sorted([*kept, *extra], key=lambda m: (m.start, -m.end))
