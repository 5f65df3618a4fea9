"""Read TimeML files and score TIMEX3 tagging (strict / relaxed / value P, R, F1).

Text and offsets
----------------
The text of a document is the content of ``<TEXT>`` with every tag removed and XML entities
unescaped; TIMEX3 offsets are computed on that text while stripping, so gold files, a peer's
TimeML output (e.g. HeidelTime's) and a tagger run on :attr:`TimeMLDoc.text` share one
coordinate system. (KRAUTS ``raw-text/`` holds exactly this stripped text.) The document
creation time (DCT) is the TIMEX3 with ``functionInDocument="CREATION_TIME"``; it is never
scored, wherever it appears.

Scoring
-------
Matching is one-to-one. *strict*: identical ``[start, end)``. *relaxed*: spans overlap; pairs
are chosen greedily, largest overlap first (ties: equal values first, then earlier gold). *value*: a relaxed
pair whose normalised values are equal (surrounding whitespace ignored). Precision divides
by the number of predictions, recall by the number of gold expressions. Corpus figures are
micro-averaged (counts summed over documents).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'([A-Za-z_:]+)\s*=\s*"([^"]*)"')
_TEXT_BLOCK = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)


@dataclass(frozen=True)
class Timex:
    """One TIMEX3 with offsets into :attr:`TimeMLDoc.text`."""

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None


@dataclass
class TimeMLDoc:
    doc_id: str
    text: str
    dct: dt.date | None
    timexes: list[Timex] = field(default_factory=list)


def parse_date(value: str) -> dt.date | None:
    m = re.match(r"(\d{4})-?(\d{2})-?(\d{2})", value or "")
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def parse_timeml(source: str, doc_id: str = "") -> TimeMLDoc:
    """Parse one TimeML document given as a string."""
    dct: dt.date | None = None
    for m in _TAG.finditer(source):
        if m[2] == "TIMEX3" and 'CREATION_TIME' in m[3]:
            dct = parse_date(dict(_ATTR.findall(m[3])).get("value", ""))
            break
    if not doc_id:
        d = re.search(r"<DOCID>(.*?)</DOCID>", source, re.S)
        doc_id = d[1].strip() if d else ""
    block = _TEXT_BLOCK.search(source)
    body = block[1] if block else ""
    parts: list[str] = []
    pos = 0
    length = 0
    open_timex: list[tuple[int, dict[str, str]]] = []
    timexes: list[Timex] = []
    for m in _TAG.finditer(body):
        chunk = html.unescape(body[pos:m.start()])
        parts.append(chunk)
        length += len(chunk)
        pos = m.end()
        if m[2] != "TIMEX3":
            continue
        if m[1]:  # closing tag
            if open_timex:
                start, attrs = open_timex.pop()
                if attrs.get("functionInDocument") != "CREATION_TIME":
                    text = "".join(parts)[start:length]
                    timexes.append(Timex(start, length, text, attrs.get("type", ""),
                                         attrs.get("value", ""), attrs.get("mod")))
        elif not m[4]:
            open_timex.append((length, dict(_ATTR.findall(m[3]))))
    parts.append(html.unescape(body[pos:]))
    timexes.sort(key=lambda t: (t.start, t.end))
    return TimeMLDoc(doc_id=doc_id, text="".join(parts), dct=dct, timexes=timexes)


def read_timeml(path: str | Path) -> TimeMLDoc:
    """Read one ``.tml`` file."""
    p = Path(path)
    return parse_timeml(p.read_text(encoding="utf-8"), doc_id=p.name)


PARTS = ("all", "tune", "blind")
BLIND_SHARE = 3  # one file name in three (by hash) is blind


def split_part(name: str) -> str:
    """``"tune"`` or ``"blind"`` for a file name: a fixed hash (SHA-1 of the bare name), one in
    three blind. Errors are studied on the tuning part only; the blind part is only scored."""
    digest = hashlib.sha1(Path(name).name.encode("utf-8")).hexdigest()
    return "blind" if int(digest[:8], 16) % BLIND_SHARE == 0 else "tune"


def select_part(files: Sequence[Path], part: str = "all") -> list[Path]:
    """The files of one part (``"all"``, ``"tune"`` or ``"blind"``, see :func:`split_part`)."""
    if part not in PARTS:
        raise ValueError(f"unknown corpus part {part!r}; expected one of {', '.join(PARTS)}")
    return [f for f in files if part == "all" or split_part(f.name) == part]


def timeml_files(root: str | Path | Sequence[str | Path]) -> list[Path]:
    """All ``*.tml`` files under one or several directories (recursive), sorted."""
    roots = [root] if isinstance(root, (str, Path)) else list(root)
    out: list[Path] = []
    for r in roots:
        rp = Path(r)
        out.extend(sorted(rp.rglob("*.tml")) if rp.is_dir() else [rp])
    return out


# ---------------------------------------------------------------------------
# scoring

_WEEK = re.compile(r"-W(\d)(?!\d)")


def canonical_value(value: str) -> str:
    """A TIMEX3 value in canonical spelling (for comparing notational variants)."""
    return _WEEK.sub(r"-W0\1", value.strip())


def _span(x: Any) -> tuple[int, int, str]:
    if isinstance(x, tuple):
        return int(x[0]), int(x[1]), canonical_value(str(x[2])) if len(x) > 2 else ""
    return int(x.start), int(x.end), canonical_value(str(getattr(x, "value", "") or ""))


def score_spans(gold: Iterable[Any], pred: Iterable[Any]) -> dict[str, dict[str, int]]:
    """Count matches of predicted against gold spans.

    Items are objects with ``start``/``end``/``value`` or tuples ``(start, end[, value])``.
    Returns ``{"strict"|"relaxed"|"value": {"tp", "n_pred", "n_gold"}}`` (add with
    :func:`add_counts`, turn into figures with :func:`prf`).
    """
    g = [_span(x) for x in gold]
    p = [_span(x) for x in pred]
    gset: dict[tuple[int, int], int] = {}
    for s, e, _ in g:
        gset[(s, e)] = gset.get((s, e), 0) + 1
    strict = 0
    for s, e, _ in p:
        if gset.get((s, e), 0) > 0:
            gset[(s, e)] -= 1
            strict += 1
    pairs = []
    for gi, (gs, ge, _) in enumerate(g):
        for pi, (ps, pe, _) in enumerate(p):
            ov = min(ge, pe) - max(gs, ps)
            if ov > 0:
                pairs.append((-ov, g[gi][2] != p[pi][2], gi, pi))
    pairs.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    relaxed = value = 0
    for _, _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        relaxed += 1
        if g[gi][2] == p[pi][2]:
            value += 1
    n = {"n_pred": len(p), "n_gold": len(g)}
    return {"strict": {"tp": strict, **n}, "relaxed": {"tp": relaxed, **n},
            "value": {"tp": value, **n}}


def add_counts(total: dict[str, dict[str, int]], part: dict[str, dict[str, int]]) -> None:
    """Add ``part`` into ``total`` in place."""
    for k, counts in part.items():
        slot = total.setdefault(k, {"tp": 0, "n_pred": 0, "n_gold": 0})
        for c, v in counts.items():
            slot[c] += v


def prf(counts: dict[str, int]) -> dict[str, float]:
    """Precision, recall and F1 from ``{"tp", "n_pred", "n_gold"}``."""
    p = counts["tp"] / counts["n_pred"] if counts["n_pred"] else 0.0
    r = counts["tp"] / counts["n_gold"] if counts["n_gold"] else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), **counts}


class Tagger(Protocol):
    def tag(self, text: str, language: str, reference_date: dt.date | None,
            sentences: Any = None) -> list[Any]: ...


def _figures(total: dict[str, dict[str, int]]) -> dict[str, dict[str, float]]:
    return {k: prf(total.get(k, {"tp": 0, "n_pred": 0, "n_gold": 0}))
            for k in ("strict", "relaxed", "value")}


def evaluate_timeml(gold_dir: str | Path | Sequence[str | Path], tagger: Tagger | None,
                    language: str, peer_dir: str | Path | None = None,
                    limit: int | None = None, part: str = "all",
                    **tag_options: Any) -> dict[str, Any]:
    """Score ``tagger`` (and optionally a peer's TimeML output) on gold TimeML files.

    ``part`` keeps the tuning or the blind files only (:func:`select_part`); ``tag_options``
    are passed to ``tagger.tag`` (e.g. ``document_type``).

    Returns ``{"docs": n, "gold": n, "ours": figures, "peer": figures}`` where figures are
    ``{"strict"|"relaxed"|"value": {"p", "r", "f1", "tp", "n_pred", "n_gold"}}``; ``peer``
    only when ``peer_dir`` is given (its files are matched to gold ones by file name).
    """
    files = select_part(timeml_files(gold_dir), part)
    if limit is not None:
        files = files[:limit]
    ours: dict[str, dict[str, int]] = {}
    peer: dict[str, dict[str, int]] = {}
    n_gold = 0
    mismatched = 0
    for path in files:
        doc = read_timeml(path)
        n_gold += len(doc.timexes)
        if tagger is not None:
            pred = tagger.tag(doc.text, language, doc.dct, **tag_options)
            add_counts(ours, score_spans(doc.timexes, pred))
        if peer_dir is not None:
            ppath = Path(peer_dir) / path.name
            pdoc = read_timeml(ppath) if ppath.exists() else None
            if pdoc is not None and pdoc.text != doc.text:
                mismatched += 1
            add_counts(peer, score_spans(doc.timexes, pdoc.timexes if pdoc else []))
    out: dict[str, Any] = {"docs": len(files), "gold": n_gold}
    if tagger is not None:
        out["ours"] = _figures(ours)
    if peer_dir is not None:
        out["peer"] = _figures(peer)
        out["peer_text_mismatches"] = mismatched
    return out


def evaluate_meantime_timex(root: str | Path, tagger: Tagger, part: str = "all",
                            **tag_options: Any) -> dict[str, Any]:
    """TIMEX3 figures on MEANTIME documents as :func:`graphbuilder.evaluation.meantime.
    evaluate_meantime` scores them (first six sentences, DCT mentions dropped), without
    running the entity extractor; ``part`` as in :func:`select_part`."""
    from graphbuilder.evaluation.meantime import meantime_files, read_meantime, score_document
    from graphbuilder.sentences import split_sentences

    files = select_part(meantime_files(root), part)
    total: dict[str, dict[str, int]] = {}
    n_gold = 0
    for path in files:
        doc = read_meantime(path)
        times = tagger.tag(doc.text, "en", doc.dct, split_sentences(doc.text), **tag_options)
        n_gold += len(doc.timexes)
        add_counts(total, score_document(doc, [], times)["timex"])
    return {"docs": len(files), "gold": n_gold, "ours": _figures(total)}


def value_errors(gold: Sequence[Timex], pred: Sequence[Any]) -> list[str]:
    """Readable differences of one document: missed, wrong value, spurious (for study of the
    tuning part only)."""
    out = []
    used: set[int] = set()
    for g in gold:
        over = [(i, p) for i, p in enumerate(pred) if p.start < g.end and g.start < p.end and i not in used]
        if not over:
            out.append(f"MISS  {g.text!r} {g.type} {g.value}")
            continue
        i, p = over[0]
        used.add(i)
        if canonical_value(p.value) != canonical_value(g.value):
            out.append(f"VALUE {g.text!r} gold {g.type} {g.value} ours {p.text!r} {p.type} {p.value}")
    for i, p in enumerate(pred):
        if i not in used and not any(p.start < g.end and g.start < p.end for g in gold):
            out.append(f"SPUR  {p.text!r} {p.type} {p.value}")
    return out
