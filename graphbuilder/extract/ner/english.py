"""English post-processing of the CRF's name spans (grammar and one-sense-per-document).

* A legal-form abbreviation ends an organisation's name with its dot: the runtime tokenizer
  splits ``Ltd.`` into ``Ltd`` and ``.``, the name is ``AirCo Ltd.`` (as the rules and news
  corpora write it).
* One kind of being per surface form and document: the same string tagged as a person in one
  place and as an organisation or place in another takes the label with the highest summed
  confidence (the CRF sees one sentence; the article settles whether a name is a person). A
  place name used for a team or a government (LOC beside ORG) is left as tagged: that
  metonymy is real.
* A name does not run over a possessive when its first part is a name alone in the article
  ("Xco's Launch Division" -> "Xco", "Launch Division"; CoNLL-2003 train has 40 names holding
  an ``'s``, "Lloyd's", "People's Party", none whose first part is a name alone).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection

from graphbuilder.extract.entities import english_words

Span = tuple[int, int, str, float]
_LAST_WORD = re.compile(r"(\w+)$")
_POSSESSIVE = re.compile(r"['’]s\s+(?=\S)")


def legal_dot(text: str, spans: list[Span], legal_forms: Collection[str]) -> list[Span]:
    """Organisation spans ending in ``Inc``/``Ltd``/``Corp``/``Co`` followed by ``.`` take the
    dot."""
    out = []
    for s, e, label, conf in spans:
        if label == "ORG" and text[e:e + 1] == ".":
            m = _LAST_WORD.search(text, s, e)
            if m is not None and m.start() > s and m.group() + "." in legal_forms:
                e += 1
        out.append((s, e, label, conf))
    return out


def consistent_labels(text: str, spans: list[Span]) -> list[Span]:
    """The label with the highest summed confidence for every surface form in the text."""
    weight: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for s, e, label, conf in spans:
        weight[text[s:e]][label] += conf
    best = {form: max(sorted(w), key=lambda lab: w[lab]) for form, w in weight.items()
            if len(w) > 1}
    if not best:
        return spans
    out = []
    for s, e, label, conf in spans:
        other = best.get(text[s:e], label)
        out.append((s, e, other if "PER" in (label, other) else label, conf))
    return out


def possessive_split(text: str, spans: list[Span]) -> list[Span]:
    """A name running over a possessive ("Xco's Launch Division") ends before it when the
    part before the ``'s`` is a name on its own elsewhere in the article; the part after it
    stays an organisation or place of the span's label when its first and last words are
    capitalised and it is not one dictionary word ("Office"); after a person it is dropped. Names that hold a
    possessive ("Lloyd's", "People's Party") keep it: their first part is never a name alone."""
    alone = {text[s:e] for s, e, _l, _c in spans}
    out = []
    for s, e, label, conf in spans:
        m = _POSSESSIVE.search(text, s, e)
        if m is None or text[s:m.start()] not in alone:
            out.append((s, e, label, conf))
            continue
        out.append((s, m.start(), label, conf))
        words = text[m.end():e].split()
        if label != "PER" and words and words[0][:1].isupper() and words[-1][:1].isupper() \
                and not (len(words) == 1 and words[0].lower() in english_words()):
            out.append((m.end(), e, label, conf))
    return out


def english_spans(text: str, spans: list[Span], legal_forms: Collection[str]) -> list[Span]:
    """All English post-processing steps in order."""
    return consistent_labels(text, legal_dot(text, possessive_split(text, spans), legal_forms))
