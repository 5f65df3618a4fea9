"""NewsReader MEANTIME (English) reader and scorers: named entities, TIMEX3, cross-doc B-cubed.

Text and offsets
----------------
MEANTIME stores tokens only (``<token t_id sentence number>``), not the original spacing.
The text is rebuilt by :func:`detokenize`: sentence 0 (the headline) and sentence 1 (the
dateline) are followed by a blank line, other sentences by one space; inside a sentence tokens
are joined by one space except before closing punctuation and clitics (``, . ; : ! ? ) ] %
's n't ...``), after opening brackets/currency signs, and around straight double quotes
(alternately opening and closing). Every token keeps its ``[start, end)`` in that text.

Gold standard
-------------
* Entities: an ``ENTITY_MENTION`` refers (``REFERS_TO``) to an ``ENTITY`` whose ``ent_type`` is
  PER, ORG or LOC (PRO, FIN, MIX are dropped). Named mentions are those with
  ``syntactic_type="NAM"``; mentions added during cross-document annotation carry no
  syntactic type and are used for coreference only. The cluster of a mention is the entity's
  corpus-wide ``instance_id`` (shared across documents), or ``<doc_id>#<m_id>`` for the few
  document-level entities without one.
* Time: TIMEX3s with token anchors. The DCT is the ``CREATION_TIME`` TIMEX3; sentence 1 is the
  dateline, so a TIMEX3 there with the DCT's value is the DCT too (two documents type it NONE,
  one of them has no CREATION_TIME at all: its dateline date is the DCT).
  DCT mentions are never scored and predictions overlapping them are dropped. MEANTIME
  annotates time (and named mentions) only in the first six sentences (0-5); predictions
  outside them are dropped.

Figures
-------
* Named-entity mentions (sentences 0-5): per label, exact span + same label (``exact``) and
  one-to-one overlap + same label (``overlap``). Precision is reported but not meaningful:
  MEANTIME types only entities taking part in its annotated events.
* TIMEX3 strict / relaxed / value P, R, F1 (:func:`graphbuilder.evaluation.timeml.score_spans`).
* Cross-document entity coreference, B-cubed over matched mentions: every name-like gold
  mention of a PER/ORG/LOC entity (syntactic type NAM, PRE.NAM or none, whole document;
  pronouns, nominals, appositions and conjunctions are left out since an overlap with a name
  inside them says nothing about coreference) matched one-to-one to an overlapping predicted
  mention of the same label (largest overlap first, then more shared boundaries); gold
  cluster = instance id (entities without one were never linked across documents and are
  left out),
  predicted cluster = our entity ``key``. Per corpus directory and overall (pooled). Body
  mentions (institutions named by a common noun, :mod:`graphbuilder.extract.ner.bodies`) are
  no predictions in any of these figures.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from graphbuilder.evaluation.timeml import Timex, parse_date, add_counts, prf, score_spans

LABELS = ("PER", "ORG", "LOC")
TIME_SENTENCES = 6  # MEANTIME annotates time and named mentions in sentences 0..5
HEADER_SENTENCES = 2  # headline and dateline, each followed by a blank line
# name-like mentions used for B-cubed: named, named pre-modifier, untyped (cross-doc layer)
COREF_TYPES = ("NAM", "PRE.NAM", None)

_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "...", "''", "”", "’",
                    "'"}
_CLITICS = {"'s", "'ve", "'re", "'ll", "'d", "'m", "n't"}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "£", "€", "#", "``", "“", "‘"}


@dataclass(frozen=True)
class Mention:
    """A gold entity mention with offsets into :attr:`MeantimeDoc.text`."""

    m_id: str
    start: int
    end: int
    text: str
    label: str  # the entity's ent_type (PER, ORG, LOC, PRO, FIN, MIX)
    cluster: str  # cross-document instance id (or doc-local id)
    syntactic_type: str | None
    sentence: int


@dataclass
class MeantimeDoc:
    doc_id: str
    name: str
    text: str
    dct: dt.date | None
    corpus: str = ""
    sentences: list[tuple[int, int]] = field(default_factory=list)  # char span per sentence no.
    mentions: list[Mention] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)  # scored TIMEX3s (DCT excluded)
    dct_spans: list[tuple[int, int]] = field(default_factory=list)

    def scored_end(self) -> int:
        """End offset of the last sentence MEANTIME annotates time in."""
        spans = self.sentences[:TIME_SENTENCES]
        return spans[-1][1] if spans else 0


def _split_name(prev: str, tok: str) -> bool:
    """``O' Leary`` / ``O 'Reilly``: an apostrophe name split by the tokenizer."""
    return bool(re.fullmatch(r"[A-Z]'", prev) and tok[:1].isupper()
                or re.fullmatch(r"[A-Z]", prev) and re.match(r"'[A-Z]", tok))


def _capitalised(tok: str) -> bool:
    return tok[:1].isupper() and tok.isalpha()


def detokenize(tokens: Sequence[tuple[str, int]]) -> tuple[str, list[tuple[int, int]]]:
    """Join ``(token, sentence)`` pairs into text; return it and each token's ``[start, end)``.

    A ``-`` between two capitalised words is a hyphen (``Wal-Mart``), otherwise a dash.
    PTB quotes (````` ``''``) are written as ``"``."""
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    pos = 0
    prev: str | None = None
    prev_sentence = -1
    quote_open = False  # a straight double quote is open in this sentence
    glue_next = False  # the previous token opens (bracket, currency sign, opening quote)
    for i, (tok, sentence) in enumerate(tokens):
        nxt = tokens[i + 1][0] if i + 1 < len(tokens) and tokens[i + 1][1] == sentence else ""
        if sentence != prev_sentence:
            quote_open = False
        closing_quote = tok == '"' and quote_open
        if prev is None:
            sep = ""
        elif sentence != prev_sentence:
            sep = "\n\n" if prev_sentence < HEADER_SENTENCES else " "
        elif (glue_next or closing_quote or tok in _NO_SPACE_BEFORE or tok.lower() in _CLITICS
              or tok == "/" or prev == "/" or _split_name(prev, tok)):
            sep = ""
        else:
            sep = " "
        if tok == '"':
            quote_open = not quote_open
        glue_next = tok in _NO_SPACE_AFTER or (tok == '"' and quote_open)
        if tok == "-" and prev and _capitalised(prev) and _capitalised(nxt):  # Wal - Mart
            sep, glue_next = "", True
        shown = '"' if tok in ("``", "''") else tok
        parts.append(sep)
        pos += len(sep)
        parts.append(shown)
        offsets.append((pos, pos + len(shown)))
        pos += len(shown)
        prev, prev_sentence = tok, sentence
    return "".join(parts), offsets


def parse_meantime(source: str | bytes, corpus: str = "") -> MeantimeDoc:
    """Parse one MEANTIME NewsReader XML document."""
    if isinstance(source, str):
        source = source.encode("utf-8")
    root = etree.fromstring(source, parser=etree.XMLParser(resolve_entities=False))
    toks = [(t.get("t_id", ""), t.text or "", int(t.get("sentence", "0")),
             int(t.get("number", "0"))) for t in root.iter("token")]
    toks.sort(key=lambda t: t[3])
    text, offsets = detokenize([(t[1], t[2]) for t in toks])
    tok_span = {t[0]: offsets[i] for i, t in enumerate(toks)}
    tok_sentence = {t[0]: t[2] for t in toks}
    sentences: dict[int, tuple[int, int]] = {}
    for i, t in enumerate(toks):
        s, e = sentences.get(t[2], offsets[i])
        sentences[t[2]] = (min(s, offsets[i][0]), max(e, offsets[i][1]))
    doc_id = root.get("doc_id", "")
    doc = MeantimeDoc(doc_id=doc_id, name=root.get("doc_name", doc_id), text=text, dct=None,
                      corpus=corpus, sentences=[sentences[k] for k in sorted(sentences)])

    def span(el: Any) -> tuple[int, int, int] | None:
        ids = [a.get("t_id") for a in el.iter("token_anchor") if a.get("t_id") in tok_span]
        if not ids:
            return None
        return (min(tok_span[i][0] for i in ids), max(tok_span[i][1] for i in ids),
                min(tok_sentence[i] for i in ids))

    markables = root.find("Markables")
    markables = markables if markables is not None else etree.Element("Markables")
    entities = {e.get("m_id"): e for e in markables.iter("ENTITY")}
    mention_el = {m.get("m_id"): m for m in markables.iter("ENTITY_MENTION")}
    timex_el = list(markables.iter("TIMEX3"))
    for x in timex_el:
        if x.get("functionInDocument") == "CREATION_TIME":
            doc.dct = parse_date(x.get("value", ""))
    relations = root.find("Relations")
    seen: set[str] = set()
    for rel in relations.iter("REFERS_TO") if relations is not None else []:
        target = rel.find("target")
        ent = entities.get(target.get("m_id") if target is not None else "")
        if ent is None:
            continue
        cluster = ent.get("instance_id") or f"{doc_id}#{ent.get('m_id')}"
        for src in rel.iter("source"):
            m_id = src.get("m_id", "")
            el = mention_el.get(m_id)
            sp = span(el) if el is not None and m_id not in seen else None
            if sp is None:
                continue
            seen.add(m_id)
            doc.mentions.append(Mention(m_id, sp[0], sp[1], text[sp[0]:sp[1]],
                                        ent.get("ent_type", ""), cluster,
                                        el.get("syntactic_type"), sp[2]))
    doc.mentions.sort(key=lambda m: (m.start, m.end))
    if doc.dct is None:  # no CREATION_TIME: the dateline's date is the DCT
        for x in timex_el:
            sp = span(x)
            if sp is not None and sp[2] == 1 and x.get("type") == "DATE":
                doc.dct = parse_date(x.get("value", ""))
                break
    for x in timex_el:
        sp = span(x)
        if sp is None:
            continue
        value = x.get("value", "")
        is_dct = x.get("functionInDocument") == "CREATION_TIME" or (
            sp[2] == 1 and doc.dct is not None and parse_date(value) == doc.dct)
        if is_dct:
            doc.dct_spans.append((sp[0], sp[1]))
            continue
        doc.timexes.append(Timex(sp[0], sp[1], text[sp[0]:sp[1]], x.get("type", ""), value,
                                 x.get("mod") or None))
    doc.timexes.sort(key=lambda t: (t.start, t.end))
    return doc


def read_meantime(path: str | Path, corpus: str | None = None) -> MeantimeDoc:
    """Read one MEANTIME XML file; ``corpus`` defaults to its directory name minus ``corpus_``."""
    p = Path(path)
    name = corpus if corpus is not None else p.parent.name.removeprefix("corpus_")
    return parse_meantime(p.read_bytes(), corpus=name)


def meantime_files(root: str | Path) -> list[Path]:
    """All ``*.xml`` documents under ``root`` (recursive, the schema excluded), sorted."""
    rp = Path(root)
    if rp.is_file():
        return [rp]
    return sorted(p for p in rp.rglob("*.xml"))


# ---------------------------------------------------------------------------
# scoring


def bcubed(items: Iterable[tuple[str, str]]) -> dict[str, float]:
    """B-cubed P/R/F1 over mentions given as ``(gold cluster, predicted cluster)`` pairs.

    Per mention: precision = |same gold among its predicted cluster| / |predicted cluster|,
    recall = |same predicted among its gold cluster| / |gold cluster|; averaged over mentions.
    """
    pairs = list(items)
    if not pairs:
        return {"p": 0.0, "r": 0.0, "f1": 0.0, "mentions": 0}
    both = Counter(pairs)
    gold_size = Counter(g for g, _ in pairs)
    pred_size = Counter(p for _, p in pairs)
    p = sum(both[(g, q)] / pred_size[q] for g, q in pairs) / len(pairs)
    r = sum(both[(g, q)] / gold_size[g] for g, q in pairs) / len(pairs)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "mentions": len(pairs)}


def match_mentions(gold: Sequence[Any], pred: Sequence[Any]) -> list[tuple[int, int]]:
    """One-to-one ``(gold index, pred index)`` pairs of overlapping same-label mentions,
    largest overlap first (ties: more shared boundaries, earlier gold, earlier prediction)."""
    cands = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            ov = min(g.end, p.end) - max(g.start, p.start)
            if ov > 0 and g.label == p.label:
                shared = (g.start == p.start) + (g.end == p.end)
                cands.append((-ov, -shared, gi, pi))
    cands.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, _, gi, pi in cands:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gi, pi))
    return out


def _miss_kind(g: Mention, preds: Sequence[Any]) -> str:
    same_span = [p for p in preds if (p.start, p.end) == (g.start, g.end)]
    if same_span:
        return f"label:{same_span[0].label}"
    over = [p for p in preds if p.start < g.end and g.start < p.end]
    if any(p.label == g.label for p in over):
        return "boundary"
    if over:
        return f"boundary+label:{over[0].label}"
    return "missed"


def _in(span: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    return any(s < span[1] and span[0] < e for s, e in spans)


def score_document(doc: MeantimeDoc, mentions: Sequence[Any], times: Sequence[Any]
                   ) -> dict[str, Any]:
    """Counts for one document given our entity mentions and time expressions."""
    end = doc.scored_end()
    named = [m for m in doc.mentions if m.syntactic_type == "NAM" and m.label in LABELS]
    preds = [m for m in mentions if not m.derived and not m.body and m.label in LABELS and m.start < end]
    entity: dict[str, dict[str, dict[str, int]]] = {}
    for label in LABELS:
        entity[label] = score_spans([(m.start, m.end) for m in named if m.label == label],
                                    [(m.start, m.end) for m in preds if m.label == label])
    times_kept = [t for t in times if t.end <= end and not _in((t.start, t.end), doc.dct_spans)]
    timex = score_spans(doc.timexes, times_kept)
    gold_coref = [m for m in doc.mentions if m.label in LABELS and m.syntactic_type in COREF_TYPES
                  and "#" not in m.cluster]
    mentions = [m for m in mentions if not m.body]  # institutions named by a common noun: no names
    pairs = match_mentions(gold_coref, list(mentions))
    coref = [(gold_coref[gi].cluster, mentions[pi].key or f"{doc.doc_id}@{pi}",
              gold_coref[gi].text, mentions[pi].text) for gi, pi in pairs]
    misses = []
    exact = {(m.start, m.end, m.label) for m in preds}
    for g in named:
        if (g.start, g.end, g.label) not in exact:
            misses.append((_miss_kind(g, preds), g.label, g.text))
    return {"entity": entity, "timex": timex, "coref": coref, "misses": misses,
            "timex_errors": _timex_errors(doc.timexes, times_kept)}


def _timex_errors(gold: Sequence[Timex], pred: Sequence[Any]) -> list[str]:
    """Readable value errors: missed gold, wrong value, spurious prediction."""
    out = []
    for g in gold:
        over = [p for p in pred if p.start < g.end and g.start < p.end]
        if not over:
            out.append(f"missed {g.text!r}={g.value}")
        elif all(p.value.strip() != g.value.strip() for p in over):
            out.append(f"value {g.text!r}={g.value} got {over[0].text!r}={over[0].value}")
    for p in pred:
        if not any(p.start < g.end and g.start < p.end for g in gold):
            out.append(f"spurious {p.text!r}={p.value}")
    return out


def _coref_errors(coref: list[tuple[str, str, str, str]], top: int) -> dict[str, Any]:
    by_gold: dict[str, Counter[str]] = defaultdict(Counter)
    by_pred: dict[str, Counter[str]] = defaultdict(Counter)
    texts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for g, p, gtext, _ in coref:
        by_gold[g][p] += 1
        by_pred[p][g] += 1
        texts[(g, p)][gtext] += 1

    def names(g: str, p: str, n: int) -> str:
        return ", ".join(t for t, _ in texts[(g, p)].most_common(n))

    split = sorted(((sum(c.values()), g, c) for g, c in by_gold.items() if len(c) > 1),
                   key=lambda x: -x[0])[:top]
    merged = sorted(((sum(c.values()), p, c) for p, c in by_pred.items() if len(c) > 1),
                    key=lambda x: -x[0])[:top]
    return {
        "split": [f"{g}: " + " | ".join(f"{p} [{names(g, p, 3)}] x{sum(texts[(g, p)].values())}"
                                        for p, _ in c.most_common(4)) for _, g, c in split],
        "merged": [f"{p}: " + " | ".join(f"{g} [{names(g, p, 2)}]" for g, _ in c.most_common(4))
                   for _, p, c in merged],
    }


def _entity_figures(counts: dict[str, dict[str, dict[str, int]]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for kind in ("strict", "relaxed"):
        name = "exact" if kind == "strict" else "overlap"
        total = {"tp": 0, "n_pred": 0, "n_gold": 0}
        out[name] = {}
        for label in LABELS:
            c = counts.get(label, {}).get(kind, {"tp": 0, "n_pred": 0, "n_gold": 0})
            out[name][label] = prf(c)
            for k in total:
                total[k] += c[k]
        out[name]["micro"] = prf(total)
    out["note"] = ("recall is the figure: precision is not meaningful, MEANTIME types only "
                   "entities taking part in its annotated events")
    return out


def evaluate_meantime(root: str | Path, language: str = "en", limit: int | None = None,
                      top_errors: int = 25) -> dict[str, Any]:
    """Run our entity extractor and time tagger on MEANTIME documents and score them.

    Returns ``{"docs", "corpora", "entities": {"exact"|"overlap": {label|"micro": prf}},
    "timex": {"strict"|"relaxed"|"value": prf}, "bcubed": {corpus|"overall": {p, r, f1,
    mentions}}, "by_corpus": {...}, "errors": {...}}``.
    """
    from graphbuilder import registry
    from graphbuilder.sentences import split_sentences

    from graphbuilder.extract.ner import default_entities

    extractor = registry.get("entities", default_entities())()
    tagger = registry.get("temporal", "rules")()
    files = meantime_files(root)
    if limit is not None:
        files = files[:limit]
    entity: dict[str, dict[str, dict[str, int]]] = {}
    timex: dict[str, dict[str, int]] = {}
    per_corpus: dict[str, dict[str, Any]] = {}
    coref: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)
    misses: Counter[tuple[str, str, str]] = Counter()
    timex_errors: Counter[str] = Counter()
    n_gold_timex = 0
    for path in files:
        doc = read_meantime(path)
        sentences = split_sentences(doc.text)
        mentions, _roles = extractor.extract(doc.text, language, sentences)
        times = tagger.tag(doc.text, language, doc.dct, sentences)
        res = score_document(doc, mentions, times)
        n_gold_timex += len(doc.timexes)
        slot = per_corpus.setdefault(doc.corpus, {"docs": 0, "entity": {}, "timex": {}})
        slot["docs"] += 1
        for label, counts in res["entity"].items():
            add_counts(entity.setdefault(label, {}), counts)
            add_counts(slot["entity"].setdefault(label, {}), counts)
        add_counts(timex, res["timex"])
        add_counts(slot["timex"], res["timex"])
        coref[doc.corpus].extend(res["coref"])
        misses.update(res["misses"])
        timex_errors.update(res["timex_errors"])
    all_coref = [x for c in coref.values() for x in c]
    b3 = {name: bcubed((g, p) for g, p, _, _ in items) for name, items in sorted(coref.items())}
    b3["overall"] = bcubed((g, p) for g, p, _, _ in all_coref)
    # the same, after cross-document resolution as ingest does it (each corpus one store):
    # surname-only people join the one full name with that surname
    from graphbuilder.resolve import surname_map

    resolved: list[tuple[str, str]] = []
    b3_resolved: dict[str, dict[str, float]] = {}
    for name, items in sorted(coref.items()):
        smap = surname_map({p for _, p, _, _ in items})
        pairs = [(g, smap.get(p, p)) for g, p, _, _ in items]
        b3_resolved[name] = bcubed(pairs)
        resolved.extend(pairs)
    b3_resolved["overall"] = bcubed(resolved)
    kinds: Counter[str] = Counter()
    for (kind, label, _), n in misses.items():
        kinds[f"{label} {kind}"] += n
    return {
        "docs": len(files),
        "corpora": {k: v["docs"] for k, v in sorted(per_corpus.items())},
        "entities": _entity_figures(entity),
        "timex": {k: prf(timex.get(k, {"tp": 0, "n_pred": 0, "n_gold": 0}))
                  for k in ("strict", "relaxed", "value")},
        "timex_gold": n_gold_timex,
        "bcubed": b3,
        "bcubed_resolved": b3_resolved,
        "by_corpus": {
            k: {"entities": _entity_figures(v["entity"])["exact"]["micro"],
                "timex_value": prf(v["timex"].get("value", {"tp": 0, "n_pred": 0, "n_gold": 0}))}
            for k, v in sorted(per_corpus.items())
        },
        "errors": {
            "entity_miss_kinds": dict(kinds.most_common()),
            "entity_misses": [f"{kind} {label} {text!r} x{n}"
                              for (kind, label, text), n in misses.most_common(top_errors)],
            "coref": _coref_errors(all_coref, top_errors),
            "timex": [f"{e} x{n}" if n > 1 else e for e, n in timex_errors.most_common(top_errors)],
        },
    }
