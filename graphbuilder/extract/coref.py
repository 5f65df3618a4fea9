"""Within-document entity coreference.

* Persons: a surname-only or genitive mention ("Lawrow", "Putins", "Blinken's") joins the
  person whose full name ("Sergej Lawrow") occurs anywhere in the document; further bare
  occurrences of a known surname are added as mentions. The cluster's key is
  :func:`graphbuilder.keys.person_key` of its fullest name, which is also the display name.
* Organisations/places: an acronym defined in brackets right after a long form ("Organisation
  für … (OSZE)") shares the long form's key; keys otherwise come from alias data.
"""

from __future__ import annotations

from collections.abc import Callable

from graphbuilder.keys import (
    alias_data,
    canonical_name,
    entity_key,
    person_key,
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
        covered = [(m.start, m.end) for m in mentions]
        by_span = {(m.start, m.end): m for m in mentions}
        added = []
        for tok, (s, e) in zip(tokens, spans):
            if tok not in forms:
                continue
            existing = by_span.get((s, e))
            if existing is not None:
                if existing.label != "PER" and not existing.derived and not existing.key:
                    existing.label = "PER"
                continue
            if any(cs < e and s < ce for cs, ce in covered):
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
            key = known or f"org:{cur.key.split(':', 1)[1]}"
            name = alias_data().display.get(key, cur.name)
            for m in mentions:
                if m.label == "ORG" and m.key in (prev.key, cur.key):
                    m.key, m.name = key, name
    return mentions
