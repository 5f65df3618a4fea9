"""Within-document entity coreference.

* Persons: a surname-only or genitive mention ("Lawrow", "Putins", "Blinken's") joins the
  person whose full name ("Sergej Lawrow") occurs anywhere in the document, when only one person
  with that surname does (two first names: the bare surname stays apart); full names with one
  surname and different first names are different people. An honorific opening a name ("Mr",
  "Frau", "Dr"; ``honorific`` in the roles gazetteer) is no first name: "Mr Brown" is a
  surname-only mention. Further bare occurrences of a known
  surname are added as mentions. The cluster's key is
  :func:`graphbuilder.keys.person_key` of its fullest name, which is also the display name.
* Every name (German): a further occurrence of a recognised name's exact words that the
  recogniser left unlabelled is a mention of it (:func:`repeated_names`: one sense per article;
  not for a string the article names with two labels, a common noun, a two-letter word that is
  no acronym, a one-word person the recogniser was unsure of, or words that may belong to a
  longer name).
* Organisations/places: an acronym defined in brackets right after a long form ("Organisation
  für … (OSZE)") shares the long form's key (the alias table's key when either is known);
  keys otherwise come from alias data. Within a document an organisation's acronym of
  initials ("USAF"), first word ("Northrop") or name without a leading place ("Air Force")
  joins the one long form it abbreviates. A country's party named by a word ("Democrats",
  "Grüne", "Labour") does not take the party's key when the article's places all lie in other
  countries: it becomes that country's party ("org:labour-australia").
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from collections.abc import Callable

from graphbuilder.keys import (
    GAZETTEER_DIR,
    read_rows,
    alias_data,
    canonical_name,
    country_free_org,
    entity_key,
    first_name_key,
    person_key,
    genitive_context,
    genitive_surname,
    person_name_parts,
    strip_article,
    strip_genitive_apostrophe,
)
from graphbuilder.extract.ner.bodies import place_body
from graphbuilder.models import EntityMention


def _base_forms(name: str, language: str) -> list[str]:
    """Possible uninflected forms of a name ("Putins" -> ["Putins", "Putin"])."""
    clean = strip_genitive_apostrophe(name)
    forms = [clean]
    if language == "de" and clean.endswith("s") and len(clean) > 3:
        forms.append(clean[:-1])
    return forms


def _next_word(text: str, end: int) -> str | None:
    """The word right after a mention (None at a punctuation mark or the end)."""
    rest = text[end:end + 40]
    if not rest[:1].isspace():
        return None
    words = rest.split(None, 1)
    return words[0].rstrip(".,;:!?)\"'“”’") if words else None


def _parts(name: str) -> list[str]:
    return _clean_parts(strip_genitive_apostrophe(name).split())


@functools.cache
def _honorifics() -> frozenset[str]:
    """Honorifics of the roles gazetteer ("Mr", "Mrs", "Frau", "Dr.", "Sir" …)."""
    return frozenset(row[0] for row in read_rows(GAZETTEER_DIR / "roles.tsv") if len(row) > 1 and row[1] == "honorific")


# a rank before a first name ("Sir Menzies Campbell", "Lord Roberts"): dropped only before two parts
_RANKS = frozenset({"Sir", "Lord", "Lady", "Dame"})


def _without_honorific(parts: list[str]) -> list[str]:
    """Name parts without leading honorifics ("Mr Brown" -> Brown, "Dr Liam Fox" -> Liam Fox);
    a rank stays before a single part ("Lord Roberts", "Sir John")."""
    hon = _honorifics()
    while len(parts) >= 2 and parts[0] in hon and (parts[0] not in _RANKS or len(parts) >= 3):
        parts = parts[1:]
    return parts


# surname particles: "Alexander Van der Bellen" has the surname "Van der Bellen"
_PARTICLES = frozenset({"van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "dos", "ter", "ten", "zu"})
# an acronym compound before a name ("ÖVP-Chef Mitterlehner", "IHS-Mann Hofer") is no first name
_ACRONYM_COMPOUND = re.compile(r"[A-ZÄÖÜ]{2,}-[\w-]+")
# post-nominal letters after a name ("Tom Quill MSP", "Ann Osk QC") are no surname
_POSTNOMINAL = re.compile(r"[A-Z]{2,4}")


def _clean_parts(parts: list[str]) -> list[str]:
    """The first names and the surname of a person mention: honorifics, a leading acronym
    compound and trailing post-nominal letters dropped; surname particles joined to the surname
    ("Van der Bellen" is one surname, with or without the first name)."""
    parts = _without_honorific(parts)
    if len(parts) >= 2 and _ACRONYM_COMPOUND.fullmatch(parts[0]):
        parts = parts[1:]
    while len(parts) >= 3 and _POSTNOMINAL.fullmatch(parts[-1]):
        parts = parts[:-1]
    for i, w in enumerate(parts[:-1]):
        if w.lower() in _PARTICLES and parts[-1][:1].isupper():
            return parts[:i] + [" ".join(parts[i:])]
    return parts


def _prev_word(text: str, start: int) -> str | None:
    """The word right before a mention in its clause (None after a punctuation mark or at the
    start)."""
    head = text[max(0, start - 40):start]
    if not head[-1:].isspace():
        return None
    words = head.split()
    return words[-1] if words and words[-1][-1:].isalnum() else None


def _noun_not_first_name(word: str) -> bool:
    """A German noun of the lexicon (or its plural in -s/-n/-en/-e) that no first-name list
    knows, read as a person's first name by a name span in the genitive that took the noun
    governing it ("Widersacher X-s", "Fotos X-s"): such a span stands for no full name that bare
    surnames could join."""
    from graphbuilder.extract.entities import german_nouns, lexicon

    if word in lexicon().first_names:
        return False
    nouns = german_nouns()
    return any(form in nouns for form in (word, *(word[:-len(e)] for e in ("s", "n", "en", "e")
                                                   if word.endswith(e) and len(word) > len(e) + 2)))


class _NameParts:
    """The parts of the person mentions' names in one text (:func:`person_name_parts`, with the
    words around each mention and whether the text names it without a German genitive -s
    elsewhere), each mention read once and each form looked up in the text once."""

    def __init__(self, text: str, language: str) -> None:
        self.text, self.language = text, language
        self._parts: dict[int, list[str]] = {}
        self._found: dict[str, bool] = {}

    def elsewhere(self, form: str) -> bool:
        if form not in self._found:
            self._found[form] = re.search(rf"(?<![\w-]){re.escape(form)}(?![\w-])", self.text) is not None
        return self._found[form]

    def __call__(self, m: EntityMention) -> list[str]:
        if id(m) not in self._parts:
            self._parts[id(m)] = _clean_parts(person_name_parts(
                m.text, self.language, _next_word(self.text, m.end), _prev_word(self.text, m.start), self.elsewhere))
        return self._parts[id(m)]


REPEATED_NAMES = ("de",)  # where further occurrences of a recognised name's words are its mentions (:func:`repeated_names`; English: no gain, session 18)
SURE_PERSON = 0.9  # a one-word person name is repeated only when the recogniser was this sure of it somewhere


def repeated_names(mentions: list[EntityMention], text: str, language: str, tokens: list[str],
                   spans: list[tuple[int, int]], sentence_of: Callable[[int], int | None] | None = None,
                   ) -> list[EntityMention]:
    """Mentions for the further occurrences of recognised names: where the article's tokens
    repeat a name's tokens exactly and no mention covers them, a mention with the name's label.

    Not for a string the article names with two labels; nor, as one word, for a German common
    noun ("Post", "Standard"), a two-letter word that is no acronym, or a person the recogniser was
    never sure of (:data:`SURE_PERSON`); nor where the words may be part of a longer name
    (:func:`_in_larger_name`). A new mention takes the best confidence of the
    name's recognised mentions. Written for German (:data:`REPEATED_NAMES`)."""
    from graphbuilder.extract.entities import german_nouns

    starts = [a for a, _b in spans]
    labels: dict[tuple[str, ...], set[str]] = {}
    best: dict[tuple[str, ...], float] = {}
    for m in mentions:
        if m.derived or m.label not in ("PER", "ORG", "LOC"):
            continue
        i, j = bisect_left(starts, m.start), bisect_left(starts, m.end)
        if i >= j or spans[i][0] != m.start or spans[j - 1][1] != m.end:
            continue  # the name does not fall on token boundaries
        words = tuple(tokens[i:j])
        labels.setdefault(words, set()).add(m.label)
        best[words] = max(best.get(words, 0.0), m.confidence)
    if not labels:
        return []
    taken = bytearray(len(text) + 1)
    for m in mentions:
        taken[m.start:m.end] = b"\x01" * (m.end - m.start)
    firsts: dict[str, list[tuple[str, ...]]] = {}
    for words, labs in labels.items():
        if len(labs) != 1:
            continue
        if len(words) == 1:
            w = words[0]
            if len(w) < 2 or not w[:1].isupper() or (len(w) == 2 and not w.isupper()):
                continue
            if language == "de" and w in german_nouns():
                continue
            if labs == {"PER"} and best[words] < SURE_PERSON:
                continue  # the recogniser's unsure one-word persons are often products or clubs ("Steam")
        firsts.setdefault(words[0], []).append(words)
    out: list[EntityMention] = []
    for k, tok in enumerate(tokens):
        for words in sorted(firsts.get(tok, ()), key=len, reverse=True):
            end = k + len(words)
            if tuple(tokens[k:end]) != words:
                continue
            a, b = spans[k][0], spans[end - 1][1]
            if taken.find(1, a, b) != -1:
                break
            if _in_larger_name(tokens, end):
                break
            (label,) = labels[words]
            out.append(EntityMention(start=a, end=b, text=text[a:b], label=label,
                                     sentence=sentence_of(a) if sentence_of else None, confidence=best[words]))
            taken[a:b] = b"\x01" * (b - a)
            break
    return out


def _in_larger_name(tokens: list[str], end: int) -> bool:
    """Whether German words ending before token ``end`` may be part of a longer name: a number or a
    capitalised word that is no noun follows ("beim Kelvaro Open", "Kelvaro 100", a headline in
    capitals)."""
    from graphbuilder.extract.entities import german_nouns

    nxt = tokens[end] if end < len(tokens) else ""
    return nxt[:1].isdigit() or (nxt[:1].isupper() and nxt not in german_nouns())


def resolve_coreference(
    mentions: list[EntityMention],
    text: str,
    language: str,
    tokens: list[str] | None = None,
    spans: list[tuple[int, int]] | None = None,
    sentence_of: Callable[[int], int | None] | None = None,
) -> list[EntityMention]:
    """Fill ``key`` and ``name`` of every mention; add bare surname mentions of known persons."""
    # 1. persons with a full name: surname -> first name -> fullest name. Two people with one
    #    surname and different first names stay two people.
    people: dict[str, dict[str, str]] = {}
    name_parts = _NameParts(text, language)
    for m in mentions:
        if m.label == "PER" and not m.derived:
            parts = name_parts(m)
            if len(parts) >= 2 and not (language == "de" and parts[-1] != _parts(m.text)[-1]
                                        and _noun_not_first_name(parts[0])):
                group = people.setdefault(parts[-1], {})
                best = group.get(first_name_key(parts[0]))
                if best is None or (len(parts), len(" ".join(parts))) > (len(best.split()), len(best)):
                    group[first_name_key(parts[0])] = " ".join(parts)
    # a surname-only mention joins a full name only when one person has that surname here
    full_by_surname = {sur: next(iter(g.values())) for sur, g in people.items() if len(g) == 1}

    # 2. bare occurrences of a known surname (also inside mentions labelled otherwise)
    if people and tokens is not None and spans is not None:
        forms: dict[str, str] = {}
        for surname in people:
            for suffix in ("", "'s", "’s", "'", "’") + (("s",) if language == "de" else ()):
                forms.setdefault(surname + suffix, surname)
        covered = sorted((m.start, m.end) for m in mentions)
        starts = [cs for cs, _ in covered]
        reach: list[int] = []  # reach[i]: the furthest end among covered[:i + 1]
        for _, ce in covered:
            reach.append(max(ce, reach[-1]) if reach else ce)
        by_span = {(m.start, m.end): m for m in mentions}
        added = []
        for tok, (s, e) in zip(tokens, spans):
            if tok not in forms:
                continue
            existing = by_span.get((s, e))
            if existing is not None:
                if existing.label != "PER" and not existing.derived and (
                        not existing.key or language == "en"):
                    existing.label, existing.key = "PER", ""  # "said Angers" after "Ann Angers"
                continue
            i = bisect_left(starts, e)  # covered[:i] start before e: overlap iff one ends after s
            if i and reach[i - 1] > s:
                continue
            if language == "en" and tok.endswith(("'s", "’s")):
                e -= 2  # English: the possessive stays outside the name
            added.append(EntityMention(start=s, end=e, text=text[s:e], label="PER",
                                       sentence=sentence_of(s) if sentence_of else None))
        mentions = sorted(mentions + added, key=lambda m: (m.start, m.end))
    if language in REPEATED_NAMES and tokens is not None and spans is not None:
        mentions = sorted(mentions + repeated_names(mentions, text, language, tokens, spans, sentence_of),
                          key=lambda m: (m.start, m.end))

    # 3. keys and names
    single_persons = {" ".join(_parts(m.text)) for m in mentions
                      if m.label == "PER" and len(_parts(m.text)) == 1}
    for m in mentions:
        if m.label == "PER":
            parts = name_parts(m)
            if len(parts) >= 2:
                full = people.get(parts[-1], {}).get(first_name_key(parts[0]), " ".join(parts))
            else:
                bare = " ".join(parts) if parts else m.text
                full = next((full_by_surname[f] for f in _base_forms(bare, language)
                             if f in full_by_surname), None)
                if full is None:
                    forms = _base_forms(bare, language)
                    # "Putins" with a bare "Putin" elsewhere in the text; German "Kanzler Kerns Vorschlag":
                    # Kern a surname and the words around say genitive ("schreibt Moodys in" do not)
                    full = forms[1] if len(forms) > 1 and (
                        forms[1] in single_persons
                        or language == "de" and genitive_surname(forms[0]) is not None
                        and genitive_context(_next_word(text, m.end), _prev_word(text, m.start))) else forms[0]
            m.key = person_key(full)
            m.name = full
        else:
            placed = place_body(m.text) if language == "de" and m.label == "ORG" and not m.key else None
            if placed is not None:  # "Arbeiterkammer Wien": keyed as "die Wiener Arbeiterkammer" is
                m.key, m.name = placed
                continue
            if not m.key:
                m.key = entity_key(m.label, m.text)
            m.name = canonical_name(m.label, m.text, language)
            if m.key in alias_data().display:
                m.name = alias_data().display[m.key]

    # 4. acronym defined in brackets: "Organisation für … (OSZE)" -> one key
    for prev, cur in zip(mentions, mentions[1:]):
        if (prev.label == "ORG" and cur.label == "ORG" and not prev.derived
                and text[prev.end:cur.start].strip() == "(" and text[cur.end:cur.end + 1] == ")"):
            known = prev.key if prev.key in alias_data().display else (
                cur.key if cur.key in alias_data().display else None)
            key = known or prev.key
            name = alias_data().display.get(key, prev.name)
            old = (prev.key, cur.key)
            for m in mentions:
                if m.label == "ORG" and m.key in old:
                    m.key, m.name = key, name
    _link_short_forms(mentions, text)
    # 5. a country's party named by a word is not that party in an article about other countries
    countries = {m.key for m in mentions if m.label == "LOC" and m.key}
    for m in mentions:
        if m.label == "ORG" and m.key:
            free = country_free_org(m.key, m.text, countries)
            if free is not None:
                m.key, m.name = free
    return mentions


_SKIP_IN_INITIALS = {"of", "and", "&", "the", "for", "on", "de", "du", "des", "der", "für", "und"}


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.replace("-", " ").split()
                   if w not in _SKIP_IN_INITIALS and w[:1].isupper())


def _link_short_forms(mentions: list[EntityMention], text: str) -> None:
    """Organisations named twice in one document share the long form's key: an acronym of
    its initials ("USAF" ~ "United States Air Force"), its first word ("Northrop" ~ "Northrop
    Grumman") or the name without a leading place ("Air Force" ~ "United States Air Force")."""
    data = alias_data()
    orgs = [m for m in mentions if m.label == "ORG" and not m.derived]
    longs: dict[str, EntityMention] = {}
    for m in orgs:
        name = strip_article(strip_genitive_apostrophe(m.text))
        if len(name.split()) >= 2:
            longs.setdefault(name, m)
    if not longs:
        return
    by_initials: dict[str, set[str]] = {}
    by_first: dict[str, set[str]] = {}
    by_tail: dict[str, set[str]] = {}
    for name, m in longs.items():
        by_initials.setdefault(_initials(name), set()).add(m.key)
        by_first.setdefault(name.split()[0], set()).add(m.key)
        words = name.split()
        for k in range(1, len(words) - 1):
            head = " ".join(words[:k])
            key = data.alias_to_key.get(head)
            if key is not None and data.label.get(key) == "LOC":
                by_tail.setdefault(" ".join(words[k:]), set()).add(m.key)
    rename: dict[str, str] = {}
    for m in orgs:
        name = strip_article(strip_genitive_apostrophe(m.text))
        if m.key in data.display or m.key in rename:
            continue
        target: set[str] = set()
        if name.isupper() and 2 <= len(name) <= 6 and name.isalpha():
            target = by_initials.get(name, set())
        if not target and " " not in name:
            target = by_first.get(name, set())
        if not target:
            target = by_tail.get(name, set())
        target = target - {m.key}
        if len(target) == 1:
            rename[m.key] = next(iter(target))
    if not rename:
        return
    names = {m.key: m.name for m in orgs}
    for m in orgs:
        key, seen = m.key, {m.key}
        while rename.get(key, key) not in seen:
            key = rename[key]
            seen.add(key)
        if key != m.key:
            m.key, m.name = key, names.get(key, m.name)
