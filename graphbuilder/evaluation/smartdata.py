"""DFKI SmartData corpus (German) reader and scorer: PER/ORG/LOC and DATE mentions.

Format
------
``dev.json.gz`` holds concatenated JSON objects (neither an array nor one object per line);
:func:`iter_json_objects` decodes them one after another. A document's text is
``text.string``; its annotations are the document-level ``conceptMentions`` (``span.start``,
``span.end`` into that text, ``type``, ``normalizedValue``). The ``raw`` field holds the source
(HTML, tweet JSON or, for some documents only, an XML copy of the annotations whose spans
often include surrounding blanks), so the structured field is used. Version 3 of the corpus
widened spans to token boundaries ("Stournaras." for "Stournaras", "#Samsung", "EU-"); where
the annotated ``normalizedValue`` occurs inside the span, the span is narrowed to it.

Labels
------
``person`` -> PER; ``organization``, ``organization-company`` -> ORG; ``location`` and every
``location-*`` subtype (city, street, stop, route) -> LOC; ``date`` -> DATE; ``time`` -> TIME.
``org-position``, ``number``, ``duration``, ``distance``, ``trigger``, ``disaster-type`` and
other types are not scored.

Scoring
-------
Exact span + same label (``exact``) and one-to-one overlap + same label (``overlap``), per
label and micro over PER/ORG/LOC; derived mentions (adjectives, compound parts) are not
predictions, except in the ``with_derived`` figures (SmartData annotates "US" in
"US-Präsident" and "deutsche" as locations); body mentions (institutions named by a common
noun, :mod:`graphbuilder.extract.ner.bodies`) are never predictions. DATE: our TIMEX3 of type DATE or TIME against
their ``date`` mentions; DATE+TIME: the same predictions against ``date`` and ``time``
mentions together. Reference date: the document's ``date`` field (tweets store the tweet id
there: its Snowflake timestamp is used).
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphbuilder.evaluation.timeml import add_counts, prf, score_spans

ENTITY_LABELS = ("PER", "ORG", "LOC")
TIME_LABELS = ("DATE", "DATE+TIME")
_TWITTER_EPOCH_MS = 1288834974657


def map_type(smartdata_type: str) -> str | None:
    """SmartData concept type (``LOCATION_CITY`` or ``location-city``) -> our label or None."""
    t = smartdata_type.lower().replace("_", "-")
    if t == "person":
        return "PER"
    if t in ("organization", "organization-company"):
        return "ORG"
    if t == "location" or t.startswith("location-"):
        return "LOC"
    if t == "date":
        return "DATE"
    if t == "time":
        return "TIME"
    return None


@dataclass(frozen=True)
class GoldMention:
    start: int
    end: int
    text: str
    type: str  # SmartData type, lower case with hyphens ("location-city")
    label: str | None  # PER/ORG/LOC/DATE/TIME or None (not scored)


@dataclass
class SmartDataDoc:
    doc_id: str
    text: str
    date: dt.date | None
    doc_type: str = ""
    mentions: list[GoldMention] = field(default_factory=list)


def iter_json_objects(text: str) -> Iterator[dict[str, Any]]:
    """Decode concatenated JSON values (whitespace between them is allowed)."""
    decoder = json.JSONDecoder()
    pos = 0
    while True:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if pos >= len(text):
            return
        obj, pos = decoder.raw_decode(text, pos)
        yield obj


def _string(value: Any) -> str:
    """Avro-JSON unions wrap values: ``{"string": "x"}``; plain values pass through."""
    if isinstance(value, dict):
        for v in value.values():
            return _string(v)
        return ""
    return "" if value is None else str(value)


def parse_date(value: str) -> dt.date | None:
    """ISO date/timestamp, or a tweet id (Snowflake: milliseconds since the Twitter epoch)."""
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    if value.isdigit() and int(value) >= 1 << 32:
        ms = (int(value) >> 22) + _TWITTER_EPOCH_MS
        return dt.datetime.fromtimestamp(ms / 1000, tz=dt.timezone.utc).date()
    return None


def _narrow(text: str, start: int, end: int, value: str) -> tuple[int, int]:
    surface = text[start:end]
    if value and surface != value and value in surface:
        k = surface.index(value)
        return start + k, start + k + len(value)
    return start, end


def parse_smartdata_doc(obj: dict[str, Any]) -> SmartDataDoc:
    """One SmartData document object -> :class:`SmartDataDoc`."""
    text = _string(obj.get("text"))
    mentions = []
    for c in (obj.get("conceptMentions") or {}).get("array", []) or []:
        span = c.get("span") or {}
        s, e = int(span.get("start", 0)), int(span.get("end", 0))
        if not 0 <= s < e <= len(text):
            continue
        s, e = _narrow(text, s, e, _string(c.get("normalizedValue")))
        typ = str(c.get("type", "")).lower().replace("_", "-")
        mentions.append(GoldMention(s, e, text[s:e], typ, map_type(typ)))
    mentions.sort(key=lambda m: (m.start, m.end))
    doc_type = _string(obj.get("docType"))
    return SmartDataDoc(doc_id=_string(obj.get("id")), text=text,
                        date=parse_date(_string(obj.get("date"))), doc_type=doc_type,
                        mentions=mentions)


def read_smartdata(path: str | Path, limit: int | None = None) -> list[SmartDataDoc]:
    """Read a SmartData ``.json`` / ``.json.gz`` file of concatenated document objects."""
    p = Path(path)
    raw = gzip.open(p, "rt", encoding="utf-8").read() if p.suffix == ".gz" else p.read_text("utf-8")
    docs = []
    for obj in iter_json_objects(raw):
        docs.append(parse_smartdata_doc(obj))
        if limit is not None and len(docs) >= limit:
            break
    return docs


# ---------------------------------------------------------------------------
# scoring


def score_document(doc: SmartDataDoc, mentions: Sequence[Any], times: Sequence[Any],
                   derived: bool = False) -> dict[str, dict[str, dict[str, int]]]:
    """Counts per label (PER/ORG/LOC/DATE/DATE+TIME) for one document; ``derived``: count
    derived mentions ("US" in "US-Präsident", "deutsche") as predictions too."""
    preds = [m for m in mentions if (derived or not m.derived) and not m.body and m.label in ENTITY_LABELS]
    out: dict[str, dict[str, dict[str, int]]] = {}
    for label in ENTITY_LABELS:
        out[label] = score_spans([(m.start, m.end) for m in doc.mentions if m.label == label],
                                 [(m.start, m.end) for m in preds if m.label == label])
    date_preds = [(t.start, t.end) for t in times if t.type in ("DATE", "TIME")]
    out["DATE"] = score_spans([(m.start, m.end) for m in doc.mentions if m.label == "DATE"],
                              date_preds)
    out["DATE+TIME"] = score_spans(
        [(m.start, m.end) for m in doc.mentions if m.label in ("DATE", "TIME")], date_preds)
    return out


def _errors(doc: SmartDataDoc, mentions: Sequence[Any], times: Sequence[Any],
            err: dict[str, Counter[str]], subtype: dict[str, list[int]]) -> None:
    """Tally missed / spurious entity and date mentions (exact span) and recall per type."""
    mentions = [m for m in mentions if not m.body]
    preds = {(m.start, m.end, m.label) for m in mentions if not m.derived}
    derived = {(m.start, m.end, m.label) for m in mentions if m.derived}
    gold = {(m.start, m.end, m.label) for m in doc.mentions if m.label in ENTITY_LABELS}
    for m in doc.mentions:
        if m.label not in ENTITY_LABELS:
            continue
        found = (m.start, m.end, m.label) in preds
        slot = subtype.setdefault(m.type, [0, 0])
        slot[0] += found
        slot[1] += 1
        if not found:
            near = [p for p in mentions if p.start < m.end and m.start < p.end]
            how = ("only derived" if (m.start, m.end, m.label) in derived
                   else f"as {near[0].label} {near[0].text!r}" if near else "missed")
            err["false_negatives"][f"{m.label} {m.text!r} {how}"] += 1
    for m in mentions:
        if not m.derived and m.label in ENTITY_LABELS and (m.start, m.end, m.label) not in gold:
            err["false_positives"][f"{m.label} {m.text!r}"] += 1
    gold_t = {(m.start, m.end) for m in doc.mentions if m.label in ("DATE", "TIME")}
    pred_t = {(t.start, t.end): t for t in times if t.type in ("DATE", "TIME")}
    for m in doc.mentions:
        if m.label in ("DATE", "TIME") and (m.start, m.end) not in pred_t:
            near = [t for t in times if t.start < m.end and m.start < t.end]
            how = f"as {near[0].text!r}" if near else "missed"
            err["date_false_negatives"][f"{m.label} {m.text!r} {how}"] += 1
    for span, t in pred_t.items():
        if span not in gold_t:
            err["date_false_positives"][f"{t.type} {t.text!r}"] += 1


def _figures(totals: dict[str, dict[str, dict[str, int]]], with_time: bool) -> dict[str, Any]:
    zero = {"tp": 0, "n_pred": 0, "n_gold": 0}
    out: dict[str, Any] = {}
    for kind, name in (("strict", "exact"), ("relaxed", "overlap")):
        figs: dict[str, Any] = {}
        micro = dict(zero)
        for label in ENTITY_LABELS:
            c = totals.get(label, {}).get(kind, zero)
            figs[label] = prf(c)
            micro = {k: micro[k] + c[k] for k in micro}
        figs["micro"] = prf(micro)
        for label in TIME_LABELS if with_time else ():
            figs[label] = prf(totals.get(label, {}).get(kind, zero))
        out[name] = figs
    return out


def evaluate_smartdata(path: str | Path, limit: int | None = None, top_errors: int = 25
                       ) -> dict[str, Any]:
    """Run our entity extractor and time tagger on SmartData documents and score them.

    Returns ``{"docs", "exact"|"overlap": {PER|ORG|LOC|micro|DATE|DATE+TIME: {p, r, f1, tp,
    n_pred, n_gold}}, "with_derived": {"exact"|"overlap": entity figures counting derived
    mentions}, "recall_by_type": {smartdata type: {r, found, n_gold}}, "errors"}``.
    """
    from graphbuilder import registry
    from graphbuilder.sentences import split_sentences

    from graphbuilder.extract.ner import default_entities

    extractor = registry.get("entities", default_entities())()
    tagger = registry.get("temporal", "rules")()
    docs = read_smartdata(path, limit=limit)
    totals: dict[str, dict[str, dict[str, int]]] = {}
    totals_derived: dict[str, dict[str, dict[str, int]]] = {}
    err: dict[str, Counter[str]] = defaultdict(Counter)
    subtype: dict[str, list[int]] = {}
    for doc in docs:
        sentences = split_sentences(doc.text)
        mentions, _roles = extractor.extract(doc.text, "de", sentences)
        times = tagger.tag(doc.text, "de", doc.date, sentences)
        for label, counts in score_document(doc, mentions, times).items():
            add_counts(totals.setdefault(label, {}), counts)
        for label, counts in score_document(doc, mentions, [], derived=True).items():
            add_counts(totals_derived.setdefault(label, {}), counts)
        _errors(doc, mentions, times, err, subtype)
    out: dict[str, Any] = {"docs": len(docs), **_figures(totals, with_time=True)}
    out["with_derived"] = _figures(totals_derived, with_time=False)
    out["recall_by_type"] = {
        t: {"r": round(f / n, 4) if n else 0.0, "found": f, "n_gold": n}
        for t, (f, n) in sorted(subtype.items(), key=lambda kv: -kv[1][1])
    }
    out["errors"] = {name: [f"{k} x{n}" for k, n in err[name].most_common(top_errors)]
                     for name in ("false_negatives", "false_positives", "date_false_negatives",
                                  "date_false_positives")}
    return out
