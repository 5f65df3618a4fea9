"""Shared helpers of the event extractor tests: hand-made sentences, entity and time mentions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from graphbuilder.extract.events import RuleEventExtractor
from graphbuilder.models import EntityMention, Sentence, TimeExpr

REF = dt.date(2023, 3, 14)


def _sentences(text: str) -> list[Sentence]:
    out, start = [], 0
    for i, part in enumerate(text.split("\n")):
        out.append(Sentence(start=start, end=start + len(part), text=part, index=i))
        start += len(part) + 1
    return out


def _ents(text: str, spec: list[tuple[str, str, str]], derived: tuple[str, ...] = ()) -> list[EntityMention]:
    """spec: (surface, label, key); every occurrence of surface becomes a mention."""
    out = []
    for surface, label, key in spec:
        pos = text.find(surface)
        while pos >= 0:
            out.append(EntityMention(start=pos, end=pos + len(surface), text=surface, label=label,
                                     key=key, name=surface, derived=surface in derived))
            pos = text.find(surface, pos + 1)
    return out


def _time(text: str, surface: str, value: str, earliest: dt.date | None, latest: dt.date | None,
          vague: bool = False) -> TimeExpr:
    pos = text.index(surface)
    return TimeExpr(start=pos, end=pos + len(surface), text=surface, type="DATE", value=value,
                    earliest=earliest, latest=latest, vague=vague)


def run(text, lang, ents, times=(), roles=()):
    return RuleEventExtractor().extract(text, lang, _sentences(text), ents, list(times), list(roles), REF)


def by_type(events, t):
    return [e for e in events if e.type == t]


def _relative_free(text: str) -> bool:
    """', der Politiker' is an article: no antecedent is taken from before it."""
    ents = _ents(text, [("Nordpress", "ORG", "org:np")])
    return all("org:np" not in {p.key for p in ev.participants}
               for ev in run(text, "de", ents) if ev.type != "STATEMENT")


def _status_of(events, type_):
    return [e.status for e in by_type(events, type_)]


def toy_classifier(path: Path, rows: list[tuple[list[str], str]], repeat: int = 20) -> Path:
    """A one-item-sequence CRF (a logistic regression) that learns ``rows`` (features, label),
    each seen ``repeat`` times, written to ``path``: a toy stand-in for a shipped classifier."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for _ in range(repeat):
        for feats, label in rows:
            trainer.append([feats], [label])
    trainer.set_params({"c2": 0.01, "max_iterations": 50})
    trainer.train(str(path))
    return path
