"""Within-document entity coreference.

* Persons: a surname-only or genitive mention ("Lawrow", "Putins", "Blinken's") joins the
  person whose full name ("Sergej Lawrow") occurs anywhere in the document; further bare
  occurrences of a known surname are added as mentions. The cluster's key is
  :func:`graphbuilder.keys.person_key` of its fullest name, which is also the display name.
* Organisations/places: an acronym defined in brackets right after a long form ("Organisation
  für … (OSZE)") shares the long form's key (the alias table's key when either is known);
  keys otherwise come from alias data. Within a document an organisation's acronym of
  initials ("USAF"), first word ("Northrop") or name without a leading place ("Air Force")
  joins the one long form it abbreviates.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable

from graphbuilder.keys import (
    alias_data,
    canonical_name,
    entity_key,
    person_key,
    strip_article,
    strip_genitive_apostrophe,
)
from graphbuilder.models import EntityMention


def _base_forms(name: str, language: str) -> list[str]:
    """Possible uninflected forms of a name ("Putins" -> ["Putins", "Putin"])."""
    clean = strip_genitive_apostrophe(name)
    forms = [clean]
    if language == "de" and clean.endswith("s") and len(clean) > 3:
        forms.append(clean[:-1])
    return forms


def _parts(name: str) -> list[str]:
    return strip_genitive_apostrophe(name).split()


def resolve_coreference(
    mentions: list[EntityMention],
    text: str,
    language: str,
    tokens: list[str] | None = None,
    spans: list[tuple[int, int]] | None = None,
    sentence_of: Callable[[int], int | None] | None = None,
) -> list[EntityMention]:
    """Fill ``key`` and ``name`` of every mention; add bare surname mentions of known persons."""
    # 1. persons with a full name: surname -> fullest name
    full_by_surname: dict[str, str] = {}
    for m in mentions:
        if m.label == "PER" and not m.derived:
            parts = _parts(m.text)
            if len(parts) >= 2:
                surname = parts[-1]
                best = full_by_surname.get(surname)
                if best is None or (len(parts), len(m.text)) > (len(best.split()), len(best)):
                    full_by_surname[surname] = " ".join(parts)

    # 2. bare occurrences of a known surname (also inside mentions labelled otherwise)
    if full_by_surname and tokens is not None and spans is not None:
        forms: dict[str, str] = {}
        for surname in full_by_surname:
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

    # 3. keys and names
    single_persons = {strip_genitive_apostrophe(m.text) for m in mentions
                      if m.label == "PER" and len(_parts(m.text)) == 1}
    for m in mentions:
        if m.label == "PER":
            parts = _parts(m.text)
            if len(parts) >= 2:
                full = full_by_surname.get(parts[-1], " ".join(parts))
            else:
                full = next((full_by_surname[f] for f in _base_forms(m.text, language)
                             if f in full_by_surname), None)
                if full is None:
                    forms = _base_forms(m.text, language)
                    # "Putins" with a bare "Putin" elsewhere in the text
                    full = forms[1] if len(forms) > 1 and forms[1] in single_persons else forms[0]
            m.key = person_key(full)
            m.name = full
        else:
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
