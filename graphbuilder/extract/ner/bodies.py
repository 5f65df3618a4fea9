"""Institutions named by a common noun: "das Innenministerium", "die EU-Kommission",
"der Wirtschaftskammer" — organisation mentions the name recogniser does not give (by its
guidelines they are no proper names), added for events and the graph.

**German** (learned, no phrase list): a capitalised noun whose compound **head** (the longest
proper tail that is a noun of the CC0 noun lexicon: "Innenministerium" -> "ministerium";
"Polizei" is its own head) is one the name recogniser's training corpora mostly mark as part of
an ORG name (``data/lexicon/org-heads-de.tsv``, learned by ``scripts/build_org_heads.py`` from
GermEval 2014 dev, German legal NER and the project's annotations' train split; a head is kept
when at least half of its tokens lie in an ORG name). Plurals are left out (several bodies are no
one participant); the genitive is the same body ("des Innenministeriums").

**Identity** (:func:`body_key`):

* a body qualified by a name — a hyphen compound on a name ("EU-Kommission", "Griss-Kommission")
  — or one the alias tables know is keyed like any organisation name, across articles;
* a body qualified by a place adjective right before it ("das kroatische Innenministerium") is
  that place's body: ``org:innenministerium-croatia``, across articles;
* an unqualified body ("das Innenministerium", "die Bundesregierung": which country's?) is the
  same real-world thing only within its article: its key ends in ``~`` and a digest of the
  article text, so two articles' bodies never become one node.
"""

from __future__ import annotations

import bisect
import functools
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


def _tail_head(word: str, nouns: object, shortest_tail: int) -> str | None:
    low = word.lower()
    for i in range(1, len(low) - shortest_tail + 1):
        tail = low[i:]
        if tail[0].upper() + tail[1:] in nouns:  # type: ignore[operator]
            return tail
    return None


@functools.lru_cache(maxsize=100_000)
def german_head(token: str) -> str | None:
    """The compound head (lowercase) of a capitalised German singular noun, else None.

    The last part of a hyphen compound counts; a genitive -s/-es is dropped. A noun of the
    lexicon has the longest proper tail that is a noun as head (three letters or more: "rat"),
    else itself; a word the lexicon lacks has a head only when a tail of four letters or more
    is a noun and the rest a noun too ("Linksfraktion" has none: "Links" is no noun; "Eurogruppe"
    -> "gruppe" likewise none). None for names, plurals and other words.
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
            rest = form[: len(form) - len(tail)]
            rest = rest[:-1] if rest.endswith("s") and len(rest) > 3 else rest
            if rest in nouns:  # type: ignore[operator]
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
            head, _n, _org, keep = line.split("\t")
            if keep == "1":
                out.add(head)
    return frozenset(out)


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


def body_key(name: str, place_key: str | None, text: str) -> tuple[str, str]:
    """(key, display name) of a body mention ``name`` (without genitive ending); ``place_key``:
    the place of an adjective right before it, ``text``: the article (module docstring)."""
    from graphbuilder.keys import alias_data, entity_key, canonical_name

    base = entity_key("ORG", name)
    data = alias_data()
    if "-" in name and name[:1].isupper() or data.label.get(base) == "ORG":
        return base, canonical_name("ORG", name, "de")
    if place_key:
        place = place_key.split(":", 1)[1]
        shown = data.display.get(place_key, place)
        return f"{base}-{place}", f"{name} ({shown})"
    return f"{base}{ARTICLE_SCOPE}{article_digest(text)}", name


_PLACE_GAP = re.compile(r"\s+")
_APPOSED = re.compile(r"\s+[„\"“»]?")


def german_bodies(text: str, mentions: Sequence[EntityMention],
                  sentence_of: object = None) -> list[EntityMention]:
    """Body mentions of a German text that overlap no name mention (module docstring)."""
    heads = kept_heads_de()
    if not heads:
        return []
    spans = sorted((m.start, m.end) for m in mentions if not m.nested)
    starts = [s for s, _e in spans]
    places = {m.end: m.key for m in mentions if m.derived and m.key.startswith("loc:")}
    out = []
    for match in _WORD_DE.finditer(text):
        token = match.group()
        head = german_head(token)
        if head is None or head not in heads or head.startswith(SIMPLEX):
            continue
        s, e = match.span()
        i = bisect.bisect_left(starts, e)
        if any(a < e and s < b for a, b in spans[max(0, i - 3):i]):
            continue
        if i < len(spans) and _APPOSED.fullmatch(text, e, spans[i][0]):
            continue  # a descriptor before the name: "die Nachrichtenagentur Xpress"
        before = text.rfind(" ", 0, s)
        place = None
        gap = _PLACE_GAP.fullmatch(text, before, s) if before >= 0 else None
        if gap is not None:
            place = places.get(before)
        name = _lemma(token)
        key, shown = body_key(name, place, text)
        out.append(EntityMention(start=s, end=e, text=token, label="ORG", key=key, name=shown,
                                 sentence=sentence_of(s) if callable(sentence_of) else None,
                                 body=True))
    return out


def with_bodies(text: str, language: str, mentions: list[EntityMention],
                sentence_of: object = None) -> list[EntityMention]:
    """``mentions`` with the body mentions of ``text`` added (German; others unchanged)."""
    if language != "de":
        return mentions
    extra = german_bodies(text, mentions, sentence_of)
    if not extra:
        return mentions
    return sorted([*mentions, *extra], key=lambda m: (m.start, -m.end))
