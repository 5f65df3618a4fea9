"""Event confidence, learned: how likely an extracted event is real and has the right participants.

Each finished event of an article (after coreference, roles, status and time) is described by
features of what the extractor made of it, never by phrasings: its type and language, the lemma of
its trigger word (with the type), whether the word is capitalised or several words, how many
mentions it joined, its status and where its time came from, a place, whether it is in the headline
or in a quote, its participants (how many, their roles and labels, how far the nearest one is from
the trigger in words, whether all are named in its sentence, the recogniser's confidence in them,
whether one is only an adjective), the names of its sentence left out, the two words before its
trigger and the one after, the sentence's length, and how many other events share its sentence,
its lemma and its type in the article. A maximum-entropy classifier (python-crfsuite, one-item
sequences) gives three probabilities: ``no`` (no event of the gold standard), ``part`` (a real
event with wrong participants) and ``yes`` (real, participants right). The event's ``confidence``
becomes P(yes), rounded to two decimals; an event whose P(real) = 1 - P(no) is below ``min_real``
is dropped (:func:`apply`).

Training (:func:`training_rows`): the events the extractor finds in articles its models never saw
(5-fold cross-validation of the whole event pipeline, ``scripts/train_events.py --confidence-only``),
labelled by matching them to the gold events. Model: ``data/models/events-confidence.crfsuite``.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from graphbuilder.extract.events.learned.features import lemma  # cached, shared with the trigger features
from graphbuilder.models import EntityMention, EventMention, Sentence

_WORD = re.compile(r"\w+")
_QUOTES = frozenset("\"„“”«»")
LABELS = ("no", "part", "yes")


def _bucket(n: int, cuts: Sequence[int]) -> str:
    for c in cuts:
        if n <= c:
            return str(c)
    return f"{cuts[-1]}+"


def event_features(text: str, language: str, sentences: Sequence[Sentence], entities: Sequence[EntityMention],
                   events: Sequence[EventMention]) -> list[list[str]]:
    """The features of each event of one article (in ``events`` order)."""
    by_key: dict[str, list[EntityMention]] = defaultdict(list)
    for m in entities:
        if m.key:
            by_key[m.key].append(m)
    names = sorted((m.start, m.key) for m in entities if m.key and m.label in ("PER", "ORG") and not m.derived)
    name_starts = [start for start, _key in names]
    lang = language
    lemmas = [lemma(ev.trigger.text.split()[0], lang) if ev.trigger.text.split() else "" for ev in events]
    per_sentence = Counter(ev.sentence for ev in events)
    per_lemma = Counter(lemmas)
    per_type = Counter(ev.type for ev in events)
    out = []
    for ev, lem in zip(events, lemmas):
        t = ev.type
        sent = sentences[ev.sentence] if 0 <= ev.sentence < len(sentences) else None
        s0, s1 = (sent.start, sent.end) if sent is not None else (ev.trigger.start, ev.trigger.end)
        word = ev.trigger.text.split()[0] if ev.trigger.text.split() else ""
        nm = _bucket(len(ev.mentions), (0, 1, 2, 3, 5))
        f = [f"t={t}", f"lang={lang}", f"t={t}|lang={lang}", f"lem={lem}|lang={lang}", f"lem={lem}|t={t}",
             f"cap={word[:1].isupper()}|lang={lang}", f"multi={len(ev.trigger.text.split()) > 1}",
             f"nm={nm}", f"nm={nm}|t={t}", f"status={ev.status}", f"status={ev.status}|t={t}",
             f"ts={ev.time_source}", f"ts={ev.time_source}|t={t}", f"loc={ev.location is not None}",
             f"sent={_bucket(ev.sentence, (0, 1, 3, 7))}",
             f"head={ev.sentence == 0 or (sent is not None and sent.is_title)}",
             f"about={bool(ev.about)}", f"before={bool(ev.before)}"]
        roles = sorted(p.role for p in ev.participants)
        np_ = _bucket(len(roles), (0, 1, 2, 3))
        f += [f"np={np_}", f"np={np_}|t={t}", f"roles={'+'.join(roles)}|t={t}"]
        labels = sorted({by_key[p.key][0].label for p in ev.participants if by_key.get(p.key)})
        f.append(f"labs={'+'.join(labels)}|t={t}")
        nearest = None  # the nearest participant mention: how many words lie between it and the trigger
        for p in ev.participants:
            for m in by_key.get(p.key, ()):
                a, b = (m.end, ev.trigger.start) if m.end <= ev.trigger.start else (ev.trigger.end, m.start)
                # counted up to 13 (the buckets end at "12+"), not through the whole article
                gap = sum(1 for _ in itertools.islice(_WORD.finditer(text, a, b), 13)) if a < b else 0
                nearest = gap if nearest is None else min(nearest, gap)
        f.append(f"pdist={'none' if nearest is None else _bucket(nearest, (0, 1, 3, 6, 12))}")
        named_here = sum(1 for p in ev.participants if any(s0 <= m.start < s1 for m in by_key.get(p.key, ())))
        f.append(f"pin={named_here == len(roles)}|np={min(len(roles), 2)}")
        confs = [max(m.confidence for m in by_key[p.key]) for p in ev.participants if by_key.get(p.key)]
        if confs:
            f.append(f"nerconf={_bucket(int(min(confs) * 10), (5, 7, 8, 9))}")
        if any(by_key.get(p.key) and all(m.derived for m in by_key[p.key]) for p in ev.participants):
            f.append("derived_part")
        taking_part = {p.key for p in ev.participants}
        left_out = {key for _start, key in names[bisect.bisect_left(name_starts, s0):bisect.bisect_left(name_starts, s1)]
                    if key not in taking_part}
        f.append(f"others={_bucket(len(left_out), (0, 1, 2))}")
        quoted = sum(text.count(q, s0, ev.trigger.start) for q in _QUOTES) % 2
        f += [f"inquote={quoted}", f"inquote={quoted}|t={t}"]
        before = _WORD.findall(text[max(s0, ev.trigger.start - 40):ev.trigger.start])[-2:]
        after = _WORD.findall(text[ev.trigger.end:min(s1, ev.trigger.end + 30)])[:1]
        for i, w in enumerate(reversed(before)):
            f.append(f"pw{i + 1}={w.lower()}")
        for w in after:
            f.append(f"nw1={w.lower()}")
        f += [f"slen={_bucket(len(_WORD.findall(text[s0:s1])), (8, 15, 25, 40))}",
              f"same_sent={_bucket(per_sentence[ev.sentence] - 1, (0, 1, 2))}",
              f"same_lem={_bucket(per_lemma[lem] - 1, (0, 1, 2))}",
              f"same_type={_bucket(per_type[t] - 1, (0, 1, 3))}|t={t}"]
        out.append(f)
    return out


def probabilities(tagger: Any, features: list[list[str]]) -> list[dict[str, float]]:
    """P(no), P(part), P(yes) of each event."""
    labels = tagger.labels()
    out = []
    for f in features:
        tagger.set([f])
        out.append({lab: tagger.marginal(lab, 0) for lab in labels})
    return out


def apply(tagger: Any, text: str, language: str, sentences: Sequence[Sentence], entities: Sequence[EntityMention],
          events: list[EventMention], min_real: float) -> list[EventMention]:
    """The events with the classifier's confidence (P(yes)), without those whose P(real) < ``min_real``
    (and without references to them in the others' ``about``/``before``)."""
    if not events:
        return events
    probs = probabilities(tagger, event_features(text, language, sentences, entities, events))
    kept = [(ev, p) for ev, p in zip(events, probs) if 1.0 - p.get("no", 0.0) >= min_real]
    keys = {ev.key for ev, _ in kept}
    out = []
    for ev, p in kept:
        update: dict[str, Any] = {"confidence": round(p.get("yes", 0.0), 2)}
        if any(k not in keys for k in (*ev.about, *ev.before)):
            update["about"] = [k for k in ev.about if k in keys]
            update["before"] = [k for k in ev.before if k in keys]
        out.append(ev.model_copy(update=update))
    return out


def training_rows(gold: Any, extraction: Any) -> list[tuple[list[str], str]]:
    """``(features, label)`` of each event of an extraction, labelled against its gold document
    (:class:`graphbuilder.evaluation.events.GoldDoc`): ``no`` unmatched, ``part`` matched with other
    participants, ``yes`` matched with the same participants."""
    from graphbuilder.evaluation.events import match_document, participant_spans_from

    ex = extraction
    pairs = {c.pi: c for c in match_document(gold, ex.events, participant_spans_from({gold.doc_id: ex}))}
    feats = event_features(ex.document.text, ex.language, ex.sentences, ex.entities, ex.events)
    return [(f, "no" if i not in pairs else "yes" if pairs[i].same_participants else "part")
            for i, f in enumerate(feats)]
