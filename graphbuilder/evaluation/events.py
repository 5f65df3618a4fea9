"""Load the hand-annotated event gold set and score predicted events against it.

The gold file (``tests/gold/events/annotations.jsonl``, format in its README) stores
annotations only: an article locator, a sha256 prefix of the article text and character
offsets. :func:`load_gold` rebuilds each article's text from ``../shared/bench`` and checks
the hash and every span's text, so drift in the corpora is detected.

Scoring (:func:`score_events`)
------------------------------
*Detection*: a predicted event matches a gold event when their type families agree
(:data:`SCORING_FAMILIES`; two types agree when they share a family) AND either a
trigger span of one (trigger or coreferent ``mentions``) overlaps a trigger span of the
other, OR the two participant sets are equal and non-empty (participants compared by span
overlap, see :func:`participants_equal`). Matching is one-to-one and greedy, best
candidate pairs first (exact type, trigger overlap, attribute agreement, then position).

*Full match*: a detection match with the same exact type, equal participant sets, the
same time value (both null counts as same; a gold value with ``X`` placeholders such as
``XXXX-12-02`` also accepts a predicted value filling them in) and the same status.

Error categories: ``missed`` (gold unmatched), ``spurious`` (prediction unmatched) and, per
detection match, ``wrong_type``, ``wrong_status``, ``wrong_time``, ``wrong_participants``
(a match can carry several). ``missed_other_family`` counts the missed gold events whose
trigger an unmatched prediction of another family overlaps (found, but typed wrongly);
they are also in ``missed`` and the prediction in ``spurious``.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphbuilder.models import Document, EventMention, Extraction

from graphbuilder.schema import EVENT_TYPES, MENTION_LABELS, ROLES, STATUSES
from graphbuilder.extract.events.common import SCORING_FAMILIES, families, same_family  # noqa: F401

ENTITY_LABELS: tuple[str, ...] = tuple(MENTION_LABELS)
PARTICIPANT_ROLES: tuple[str, ...] = ROLES

DE_CORPUS = "de-10kgnad"
EN_CORPUS = "en-bbc"
DE_CSV = Path("bench/de-10kgnad/test.csv")
EN_DIR = Path("bench/en-bbc")

SpanTuple = tuple[int, int]
# A participant as returned by a participant-span function: one span, or the alternative
# spans of one entity (e.g. all its mentions).
ParticipantSpans = Callable[[str, EventMention], Sequence[SpanTuple | Sequence[SpanTuple]]]


# ---------------------------------------------------------------------------
# Gold data model


@dataclass(frozen=True)
class GoldSpan:
    start: int
    end: int
    text: str

    def overlaps(self, other: SpanTuple) -> bool:
        return self.start < other[1] and other[0] < self.end


@dataclass(frozen=True)
class GoldParticipant(GoldSpan):
    label: str = "PER"
    role: str = "participant"


@dataclass
class GoldEvent:
    id: str
    type: str
    trigger: GoldSpan
    status: str
    participants: list[GoldParticipant] = field(default_factory=list)
    mentions: list[GoldSpan] = field(default_factory=list)
    time: str | None = None
    time_span: GoldSpan | None = None
    location: GoldSpan | None = None

    @property
    def trigger_spans(self) -> list[GoldSpan]:
        return [self.trigger, *self.mentions]


@dataclass
class GoldDoc:
    doc_id: str
    corpus: str
    lang: str
    text: str
    events: list[GoldEvent]
    locator: dict[str, Any] = field(default_factory=dict)
    title: str | None = None

    def document(self) -> Document:
        """The article as a pipeline :class:`Document` (no publication date is known)."""
        return Document(
            id=self.doc_id, text=self.text, title=self.title, language=self.lang,
            source=self.corpus, meta={"gold_locator": self.locator},
        )


class GoldError(ValueError):
    """The gold file does not fit the article texts (drift or a bad annotation)."""


# ---------------------------------------------------------------------------
# Article texts


def text_sha(text: str, n: int = 16) -> str:
    """Prefix of the sha256 hex digest of the UTF-8 encoded text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:n]


def read_de_line(line: str) -> tuple[str, str]:
    """Split one 10kGNAD csv line ``label;'text'`` into ``(label, text)`` (csv-unquoted)."""
    rows = list(csv.reader([line], delimiter=";", quotechar="'"))
    if len(rows) != 1 or len(rows[0]) != 2:
        raise GoldError(f"not a 10kGNAD line: {line[:60]!r}")
    return rows[0][0], rows[0][1]


def de_lines(shared_dir: Path | str) -> list[str]:
    """The raw lines of the 10kGNAD test csv (0-based line numbers index this list)."""
    path = Path(shared_dir) / DE_CSV
    return path.read_text(encoding="utf-8").split("\n")


def read_bbc(path: Path) -> str:
    """A BBC article as text: UTF-8, falling back to cp1252/Latin-1; newlines kept as is."""
    raw = path.read_bytes()
    for enc in ("utf-8", "cp1252", "latin-1"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    raise GoldError(f"cannot decode {path}")  # pragma: no cover - latin-1 never fails


def de_doc_id(line_no: int) -> str:
    return f"10kgnad:test:{line_no}"


def en_doc_id(rel_path: str) -> str:
    return f"bbc:{rel_path}"


def article_text(locator: Mapping[str, Any], shared_dir: Path | str,
                 _cache: dict[str, list[str]] | None = None) -> tuple[str, str, str | None]:
    """Return ``(text, lang, label_or_title)`` for a record's ``locator``."""
    corpus = locator.get("corpus")
    if corpus == DE_CORPUS:
        if _cache is not None and "de" in _cache:
            lines = _cache["de"]
        else:
            lines = de_lines(shared_dir)
            if _cache is not None:
                _cache["de"] = lines
        label, text = read_de_line(lines[int(locator["line"])])
        return text, "de", label
    if corpus == EN_CORPUS:
        text = read_bbc(Path(shared_dir) / EN_DIR / locator["path"])
        return text, "en", text.split("\n", 1)[0]
    raise GoldError(f"unknown corpus in locator {locator!r}")


# ---------------------------------------------------------------------------
# Loading and validation


def _span(obj: Mapping[str, Any] | None, text: str, what: str) -> GoldSpan | None:
    if obj is None:
        return None
    start, end = int(obj["start"]), int(obj["end"])
    if not 0 <= start < end <= len(text):
        raise GoldError(f"{what}: bad offsets {start}-{end}")
    if "text" in obj and text[start:end] != obj["text"]:
        raise GoldError(f"{what}: text {obj['text']!r} != {text[start:end]!r} at {start}")
    return GoldSpan(start, end, text[start:end])


def parse_record(rec: Mapping[str, Any], text: str, lang: str,
                 title: str | None = None) -> GoldDoc:
    """Validate one annotation record against its article text and build a GoldDoc."""
    doc_id = rec["doc_id"]
    if text_sha(text, len(rec["sha256"])) != rec["sha256"]:
        raise GoldError(f"{doc_id}: article text hash changed (corpus drift)")
    events: list[GoldEvent] = []
    seen: set[str] = set()
    for i, ev in enumerate(rec.get("events", [])):
        where = f"{doc_id} event {ev.get('id', i)}"
        eid = ev.get("id") or f"e{i + 1}"
        if eid in seen:
            raise GoldError(f"{where}: duplicate id")
        seen.add(eid)
        if ev["type"] not in EVENT_TYPES:
            raise GoldError(f"{where}: unknown type {ev['type']!r}")
        if ev["status"] not in STATUSES:
            raise GoldError(f"{where}: unknown status {ev['status']!r}")
        trigger = _span(ev["trigger"], text, f"{where} trigger")
        assert trigger is not None
        parts: list[GoldParticipant] = []
        for p in ev.get("participants", []):
            sp = _span(p, text, f"{where} participant")
            assert sp is not None
            if p["label"] not in ENTITY_LABELS or p["role"] not in PARTICIPANT_ROLES:
                raise GoldError(f"{where}: bad participant label/role {p!r}")
            if any(q.overlaps((sp.start, sp.end)) for q in parts):
                raise GoldError(f"{where}: overlapping participants {p!r}")
            parts.append(GoldParticipant(sp.start, sp.end, sp.text, p["label"], p["role"]))
        time = ev.get("time")
        if time is not None and not isinstance(time, str):
            raise GoldError(f"{where}: time must be a TIMEX3 string or null")
        events.append(GoldEvent(
            id=eid, type=ev["type"], trigger=trigger, status=ev["status"],
            participants=parts,
            mentions=[s for m in ev.get("mentions", [])
                      if (s := _span(m, text, f"{where} mention")) is not None],
            time=time,
            time_span=_span(ev.get("time_span"), text, f"{where} time_span"),
            location=_span(ev.get("location"), text, f"{where} location"),
        ))
    return GoldDoc(doc_id=doc_id, corpus=rec["locator"]["corpus"], lang=lang, text=text,
                   events=events, locator=dict(rec["locator"]), title=title)


SPLITS = ("train", "test")


def split_of(doc_id: str) -> str:
    """The fixed split of a corpus article: ``test`` when sha256 of its id is 0 mod 5 (about
    20 %), else ``train`` — the same whoever annotates it and whenever (issue 12)."""
    return "test" if int(hashlib.sha256(doc_id.encode()).hexdigest(), 16) % 5 == 0 else "train"


def iter_records(path: Path | str) -> Iterable[dict[str, Any]]:
    """The records of one annotation file, or of every ``*.jsonl`` file directly inside a
    folder (in name order)."""
    path = Path(path)
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    for f in files:
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as exc:
                    raise GoldError(f"{f}:{n}: {exc}") from None


def body_key(text: str) -> str:
    """A key shared by copies of one article: its text without the first line when it has
    several (copies in the BBC set differ only in the title), whitespace collapsed."""
    lines = text.strip().splitlines()
    body = "\n".join(lines[1:]) if len(lines) > 1 else text
    return hashlib.sha256(" ".join(body.split()).encode("utf-8")).hexdigest()[:16]


def load_gold(path: Path | str, shared_dir: Path | str, split: str | None = None,
              exclude: Sequence[Path | str] = ()) -> list[GoldDoc]:
    """Read the gold annotations and their article texts; raise GoldError on any drift.

    ``split`` (``train``/``test``) keeps only the articles of that fixed split. Copies of one
    article (same :func:`body_key`) count once, so no text is both trained and tested on: a
    record is dropped when its article is a copy of one in an ``exclude`` file or of a record
    with a smaller doc id in ``path`` (whatever its split)."""
    if split is not None and split not in SPLITS:
        raise GoldError(f"unknown split {split!r}; expected one of {', '.join(SPLITS)}")
    cache: dict[str, list[str]] = {}
    reserved: set[str] = set()
    for other in exclude:
        for rec in iter_records(other):
            reserved.add(body_key(article_text(rec["locator"], shared_dir, cache)[0]))
    loaded: list[tuple[str, dict[str, Any], str, str, str | None]] = []
    ids: set[str] = set()
    for rec in iter_records(path):
        if rec["doc_id"] in ids:
            raise GoldError(f"duplicate doc_id {rec['doc_id']}")
        ids.add(rec["doc_id"])
        text, lang, label = article_text(rec["locator"], shared_dir, cache)
        loaded.append((rec["doc_id"], rec, text, lang, label))
    first: dict[str, str] = {}
    for doc_id, _rec, text, _lang, _label in sorted(loaded, key=lambda x: x[0]):
        first.setdefault(body_key(text), doc_id)
    docs: list[GoldDoc] = []
    for doc_id, rec, text, lang, label in loaded:
        key = body_key(text)
        if key in reserved or first[key] != doc_id:
            continue
        if split is not None and split_of(doc_id) != split:
            continue
        docs.append(parse_record(rec, text, lang, label if lang == "en" else None))
    return docs


# ---------------------------------------------------------------------------
# Scoring


def time_matches(gold: str | None, pred: str | None) -> bool:
    """Equal values (None == None); gold ``X`` placeholders accept any predicted digit."""
    if gold is None or pred is None:
        return gold is None and pred is None
    if gold == pred:
        return True
    return len(gold) == len(pred) and "X" in gold and all(
        g == p or (g == "X" and p.isdigit()) for g, p in zip(gold, pred))


def _groups(spans: Sequence[SpanTuple | Sequence[SpanTuple]]) -> list[list[SpanTuple]]:
    out: list[list[SpanTuple]] = []
    for item in spans:
        if len(item) == 2 and all(isinstance(x, int) for x in item):
            out.append([(int(item[0]), int(item[1]))])  # type: ignore[arg-type]
        else:
            out.append([(int(s), int(e)) for s, e in item])  # type: ignore[misc]
    return out


def participants_equal(gold: Sequence[GoldSpan],
                       pred: Sequence[SpanTuple | Sequence[SpanTuple]]) -> bool:
    """True when a one-to-one pairing by span overlap covers both participant sets.

    ``pred`` holds one item per predicted participant: a ``(start, end)`` span or a list
    of alternative spans of the same entity (any of which may overlap the gold mention).
    """
    groups = _groups(pred)
    if len(groups) != len(gold):
        return False
    # Small sets: exact bipartite matching by augmenting paths.
    match: dict[int, int] = {}

    def augment(gi: int, seen: set[int]) -> bool:
        for pi, group in enumerate(groups):
            if pi in seen or not any(gold[gi].overlaps(s) for s in group):
                continue
            seen.add(pi)
            if pi not in match or augment(match[pi], seen):
                match[pi] = gi
                return True
        return False

    return all(augment(gi, set()) for gi in range(len(gold)))


def _pred_trigger_spans(ev: EventMention) -> list[SpanTuple]:
    return [(ev.trigger.start, ev.trigger.end)] + [(m.start, m.end) for m in ev.mentions]


def _no_spans(doc_id: str, ev: EventMention) -> list[SpanTuple]:
    return []


def participant_spans_from(extractions: Mapping[str, Extraction]) -> ParticipantSpans:
    """A participant-span function using every mention of each participant's entity key."""
    by_doc: dict[str, dict[str, list[SpanTuple]]] = {}
    for doc_id, ex in extractions.items():
        keyed: dict[str, list[SpanTuple]] = defaultdict(list)
        for m in ex.entities:
            if m.key:
                keyed[m.key].append((m.start, m.end))
        by_doc[doc_id] = keyed

    def spans(doc_id: str, ev: EventMention) -> list[list[SpanTuple]]:
        keyed = by_doc.get(doc_id, {})
        return [keyed.get(p.key, []) for p in ev.participants]

    return spans


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float | int]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "pred": n_pred, "gold": n_gold,
            "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


@dataclass
class _Pair:
    gi: int
    pi: int
    trigger_overlap: bool
    same_type: bool
    same_status: bool
    same_time: bool
    same_participants: bool

    @property
    def full(self) -> bool:
        return self.same_type and self.same_status and self.same_time and self.same_participants

    def rank(self) -> tuple[Any, ...]:
        return (not self.same_type, not self.trigger_overlap,
                -(self.same_status + self.same_time + self.same_participants),
                self.gi, self.pi)


def match_document(gold: GoldDoc, predicted: Sequence[EventMention],
                   participant_spans: ParticipantSpans = _no_spans) -> list[_Pair]:
    """One-to-one greedy matching of one document's predicted events to its gold events."""
    pred_parts = [participant_spans(gold.doc_id, p) for p in predicted]
    candidates: list[_Pair] = []
    for gi, g in enumerate(gold.events):
        g_trig = g.trigger_spans
        for pi, p in enumerate(predicted):
            if not same_family(g.type, p.type):
                continue
            overlap = any(t.overlaps(s) for t in g_trig for s in _pred_trigger_spans(p))
            same_parts = participants_equal(g.participants, pred_parts[pi])
            if not (overlap or (same_parts and g.participants)):
                continue
            candidates.append(_Pair(
                gi, pi, overlap, g.type == p.type, g.status == p.status,
                time_matches(g.time, p.time.value if p.time else None), same_parts))
    candidates.sort(key=_Pair.rank)
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs: list[_Pair] = []
    for c in candidates:
        if c.gi in used_g or c.pi in used_p:
            continue
        used_g.add(c.gi)
        used_p.add(c.pi)
        pairs.append(c)
    return pairs


def score_events(gold_docs: Sequence[GoldDoc],
                 predicted: Mapping[str, Sequence[EventMention]],
                 participant_spans: ParticipantSpans | None = None) -> dict[str, Any]:
    """Detection and full-match P/R/F1, per-type and per-error counts over all documents.

    ``predicted`` maps doc_id to that document's events (missing ids: no predictions).
    ``participant_spans(doc_id, event)`` gives each predicted participant's span(s);
    without it predicted participants have no spans (only trigger overlap can match, and
    participant sets compare equal only when both are empty).
    """
    spans_fn = participant_spans or _no_spans
    n_gold = n_pred = det = full = 0
    errors: Counter[str] = Counter()
    per_type: dict[str, Counter[str]] = defaultdict(Counter)
    per_corpus: dict[str, Counter[str]] = defaultdict(Counter)
    confusion: Counter[str] = Counter()
    examples: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for gd in gold_docs:
        preds = list(predicted.get(gd.doc_id, []))
        pairs = match_document(gd, preds, spans_fn)
        n_gold += len(gd.events)
        n_pred += len(preds)
        det += len(pairs)
        pc = per_corpus[gd.corpus]
        pc.update(gold=len(gd.events), pred=len(preds), tp=len(pairs))
        for g in gd.events:
            per_type[g.type]["gold"] += 1
        for p in preds:
            per_type[p.type]["pred"] += 1
        matched_g = {c.gi for c in pairs}
        matched_p = {c.pi for c in pairs}
        for gi, g in enumerate(gd.events):
            if gi not in matched_g:
                errors["missed"] += 1
                per_type[g.type]["missed"] += 1
                _example(examples, "missed", gd, g.trigger, g.type)
                other = _overlapping_unmatched(g, preds, matched_p)
                if other is not None:
                    errors["missed_other_family"] += 1
                    confusion[f"{g.type}->{other.type} (other family)"] += 1
        for pi, p in enumerate(preds):
            if pi not in matched_p:
                errors["spurious"] += 1
                per_type[p.type]["spurious"] += 1
                _example(examples, "spurious", gd, p.trigger, p.type)
        for c in pairs:
            g, p = gd.events[c.gi], preds[c.pi]
            per_type[g.type]["detected"] += 1
            per_type[p.type]["pred_detected"] += 1
            if c.full:
                full += 1
                per_type[g.type]["full"] += 1
                pc["full"] += 1
            details = {
                "wrong_type": f"{g.type}/{p.type}",
                "wrong_status": f"{g.status}/{p.status}",
                "wrong_time": f"{g.time}/{p.time.value if p.time else None}",
                "wrong_participants": "{}/{}".format(
                    [q.text for q in g.participants], [q.key for q in p.participants]),
            }
            for name, ok in (("wrong_type", c.same_type), ("wrong_status", c.same_status),
                             ("wrong_time", c.same_time),
                             ("wrong_participants", c.same_participants)):
                if not ok:
                    errors[name] += 1
                    per_type[g.type][name] += 1
                    _example(examples, name, gd, g.trigger, f"{g.type}: {details[name]}")
            if not c.same_type:
                confusion[f"{g.type}->{p.type}"] += 1
            if not c.same_status:
                confusion[f"status {g.status}->{p.status}"] += 1
    per_type_out: dict[str, dict[str, Any]] = {}
    for t, cnt in sorted(per_type.items()):
        row: dict[str, Any] = dict(cnt)
        # precision over predictions of this type, recall over gold events of this type
        p = cnt["pred_detected"] / cnt["pred"] if cnt["pred"] else 0.0
        r = cnt["detected"] / cnt["gold"] if cnt["gold"] else 0.0
        row.update(detection_precision=round(p, 4), detection_recall=round(r, 4),
                   detection_f1=round(2 * p * r / (p + r), 4) if p + r else 0.0)
        per_type_out[t] = row
    return {
        "documents": len(gold_docs),
        "detection": _prf(det, n_pred, n_gold),
        "full": _prf(full, n_pred, n_gold),
        "errors": {k: errors.get(k, 0) for k in (
            "missed", "spurious", "wrong_type", "wrong_status", "wrong_time",
            "wrong_participants", "missed_other_family")},
        "per_type": per_type_out,
        "per_corpus": {k: {**_prf(v["tp"], v["pred"], v["gold"]),
                           "full_f1": _prf(v["full"], v["pred"], v["gold"])["f1"]}
                       for k, v in sorted(per_corpus.items())},
        "confusions": dict(confusion.most_common()),
        "examples": {k: v for k, v in examples.items()},
    }


def roc_auc(scores: Sequence[float], positives: Sequence[bool]) -> float:
    """The probability that a random positive scores above a random negative (ties count half);
    NaN without both."""
    import bisect

    neg = sorted(s for s, y in zip(scores, positives) if not y)
    pos = [s for s, y in zip(scores, positives) if y]
    if not pos or not neg:
        return float("nan")
    above = sum(bisect.bisect_left(neg, s) + 0.5 * (bisect.bisect_right(neg, s) - bisect.bisect_left(neg, s))
                for s in pos)
    return above / (len(pos) * len(neg))


def brier(probs: Sequence[float], outcomes: Sequence[bool]) -> float:
    """Mean squared difference between probabilities and what happened (0 best)."""
    return sum((p - y) ** 2 for p, y in zip(probs, outcomes)) / max(len(probs), 1)


def confidence_figures(gold_docs: Sequence[GoldDoc], extractions: Mapping[str, Extraction]) -> dict[str, float]:
    """How well the predicted events' ``confidence`` ranks and calibrates: its AUC for the events
    that are real (matched to a gold event) and for those that are right (real, with the gold's
    participants), and its Brier score against right."""
    spans = participant_spans_from(extractions)
    conf: list[float] = []
    real: list[bool] = []
    right: list[bool] = []
    for gd in gold_docs:
        events = extractions[gd.doc_id].events
        pairs = {c.pi: c for c in match_document(gd, events, spans)}
        for i, ev in enumerate(events):
            conf.append(ev.confidence)
            real.append(i in pairs)
            right.append(i in pairs and pairs[i].same_participants)
    n = max(len(conf), 1)
    return {"events": len(conf), "AUC real": round(roc_auc(conf, real), 3), "AUC right": round(roc_auc(conf, right), 3),
            "Brier right": round(brier(conf, right), 3), "right rate": round(sum(right) / n, 3),
            "mean confidence": round(sum(conf) / n, 3)}


def _overlapping_unmatched(g: GoldEvent, preds: Sequence[EventMention],
                           matched_p: set[int]) -> EventMention | None:
    """An unmatched prediction whose trigger overlaps the gold trigger (type disagreed)."""
    for pi, p in enumerate(preds):
        if pi not in matched_p and any(
                t.overlaps(s) for t in g.trigger_spans for s in _pred_trigger_spans(p)):
            return p
    return None


def _example(store: dict[str, list[dict[str, Any]]], kind: str, gd: GoldDoc, span: Any,
             what: str, limit: int = 20) -> None:
    if len(store[kind]) < limit:
        store[kind].append({"doc_id": gd.doc_id, "start": span.start, "end": span.end,
                            "text": gd.text[span.start:span.end], "type": what})


def gold_as_predictions(gold_docs: Sequence[GoldDoc]) -> dict[str, list[EventMention]]:
    """Gold events as EventMentions (keys ``g<n>``): a sanity check scores 1.0 with
    :func:`gold_participant_spans`."""
    from graphbuilder.models import Participant, Span, TimeExpr

    out: dict[str, list[EventMention]] = {}
    for gd in gold_docs:
        evs = []
        for g in gd.events:
            ts = g.time_span or g.trigger
            evs.append(EventMention(
                key=g.id, type=g.type, status=g.status,  # type: ignore[arg-type]
                trigger=Span(start=g.trigger.start, end=g.trigger.end, text=g.trigger.text),
                sentence=0,
                mentions=[Span(start=m.start, end=m.end, text=m.text) for m in g.mentions],
                participants=[Participant(key=f"{p.start}:{p.end}", role=p.role)  # type: ignore[arg-type]
                              for p in g.participants],
                time=None if g.time is None else TimeExpr(
                    start=ts.start, end=ts.end, text=ts.text, type="DATE", value=g.time),
            ))
        out[gd.doc_id] = evs
    return out


def gold_participant_spans(doc_id: str, ev: EventMention) -> list[SpanTuple]:
    """Participant spans of events made by :func:`gold_as_predictions`."""
    out = []
    for p in ev.participants:
        s, _, e = p.key.partition(":")
        if re.fullmatch(r"\d+", s) and re.fullmatch(r"\d+", e):
            out.append((int(s), int(e)))
    return out
