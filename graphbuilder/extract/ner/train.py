"""Training and dev scoring of the CRF name recogniser (``graphbuilder train ner``).

Corpora are read from ``../shared/train`` and ``../shared/eval`` (never copied). Every sentence is
re-tokenised with the runtime tokenizer and its gold labels projected onto those tokens, so the
model sees at training time exactly the tokens and features it sees at run time. Training is
deterministic (L-BFGS, fixed corpus order and fixed folds); CI never trains.

Dev splits: GermEval 2014 dev is cut into three contiguous folds of sentences; fold 3 is the
blind part. CoNLL-2003 testa documents with index % 3 == 2 are the blind part.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pycrfsuite

from graphbuilder.extract import entities as E
from graphbuilder.extract.ner import features as F
from graphbuilder.extract.ner.features import doc_labels, doc_signals, sentence_features, tokenize
from graphbuilder.extract.ner.model import DOC_FEATURES, LABELS, POS_FEATURES, decode, span_tags
from graphbuilder.models import Sentence

LEGAL_MAP = {"PER": "PER", "RR": "PER", "AN": "PER", "LD": "LOC", "ST": "LOC", "STR": "LOC",
             "LDS": "LOC", "ORG": "ORG", "UN": "ORG", "INN": "ORG", "GRT": "ORG"}
# training-only domain marks of the project's annotations: the WikiANN sample is twice as dense
# in names as news; a "dom=wiki" feature on its tokens takes up that prior (GermEval dev CV
# 0.742 -> 0.752, docs/quality.md) and is absent at run time
# (WikiANN dev and test sentences, annotated from session 7 on, are the same kind of text)
DOMAINS = {f"train/ner/de/wikiann-de.{part}": "wiki" for part in ("train", "dev", "test")}
PARAMS = {"c1": 0.1, "c2": 0.05, "max_iterations": 150, "feature.possible_transitions": True,
          "feature.minfreq": 1}
# per language, chosen by GermEval dev CV folds 1+2 (fold 3 blind): with the project's
# annotations c1 0.05 / c2 0.1 gave 0.785 / 0.754 against 0.775 / 0.750 (0.1 / 0.05) and
# 0.787 / 0.745 (0.02 / 0.2). English, chosen on CoNLL testa dev and the MEANTIME dev tune half
# (docs/quality.md): c1 0.05 / c2 0.1 gave testa dev 0.919 against 0.916 (0.1 / 0.05) and 0.912
# (0.2 / 0.05); blind third and MEANTIME blind half did not drop
LANG_PARAMS: dict[str, dict[str, Any]] = {"de": {"c1": 0.05, "c2": 0.1},
                                          "en": {"c1": 0.05, "c2": 0.1}}
# per language: the tag scheme of the training labels ("bio" or "bilou"; the model's label set
# says which at run time) and whether GermEval's OTH and -deriv/-part classes are learned as
# classes of their own (never predicted as names; the scorer drops them). German uses BILOU
# since session 8: with the recogniser's own clusters (clusters-de-ner) it has the best folds
# 1+2 of GermEval dev CV (0.791 / 0.755 against BIO 0.790 / 0.753; fold 3, blind, 0.749 against
# 0.745). Extra classes were measured and not kept (0.772 / 0.744 against 0.788 / 0.749,
# session 6); scripts/ner_de_cv.py tries both
SCHEME: dict[str, str] = {"de": "bilou"}
EXTRA_CLASSES: dict[str, bool] = {}
# per language: the number of jackknife folds of the stacked second pass (:mod:`.stack`;
# absent = one CRF). Measured for German in session 7 (docs/experiments/ner-de-session7.tsv);
# ``graphbuilder train ner --stack J`` sets it for one run
STACK: dict[str, int] = {}


@dataclass
class Tagged:
    tokens: list[str]
    tags: list[str]  # BIO over the gold tokens; labels PER/LOC/ORG (+ MISC for English)
    doc: int = 0
    domain: str = ""  # a training-only feature "dom=…" on every token (absent at run time)


def _bio(tags: list[str]) -> list[str]:
    """IOB1 or BIO -> BIO."""
    out, prev = [], "O"
    for tag in tags:
        if tag.startswith("I-") and prev[2:] != tag[2:]:
            tag = "B-" + tag[2:]
        out.append(tag)
        prev = tag
    return out


def to_scheme(tags: list[str], scheme: str) -> list[str]:
    """BIO tags in ``scheme``: unchanged for "bio"; "bilou" marks the last token of a name L-
    and a one-token name U-."""
    if scheme != "bilou":
        return tags
    out = []
    for i, j, lab in decode(tags):
        out.append((i, span_tags(j - i, lab, True)))
    res = ["O"] * len(tags)
    for i, seq in out:
        res[i:i + len(seq)] = seq
    return res


def _clean(tag: str, mapping: dict[str, str] | None = None) -> str:
    tag = tag.strip().replace("_", "-").replace(".", "-")
    prefix, _, typ = tag.partition("-")
    typ = typ.upper()
    if prefix.upper() not in ("B", "I") or not typ:
        return "O"
    typ = (mapping or {}).get(typ, typ if mapping is None else "")
    return f"{prefix.upper()}-{typ}" if typ in ("PER", "LOC", "ORG", "MISC") else "O"


def read_wikiann(path: Path) -> list[Tagged]:
    out: list[Tagged] = []
    toks: list[str] = []
    tags: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if toks:
                out.append(Tagged(toks, _bio(tags)))
            toks, tags = [], []
            continue
        tok, _, tag = line.rpartition("\t")
        toks.append(tok.split(":", 1)[1] if ":" in tok[:4] else tok)
        tags.append(_clean(tag))
    if toks:
        out.append(Tagged(toks, _bio(tags)))
    return out


def read_columns(path: Path, mapping: dict[str, str] | None = None, split_at_stops: bool = False,
                 max_len: int = 60) -> list[Tagged]:
    """``token tag`` lines (last column = tag); blank lines split sentences, or with
    ``split_at_stops`` (Europeana, no sentence breaks) sentence-final punctuation does."""
    out: list[Tagged] = []
    toks: list[str] = []
    tags: list[str] = []

    def flush() -> None:
        nonlocal toks, tags
        if toks:
            out.append(Tagged(toks, _bio(tags)))
        toks, tags = [], []

    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split()
        if len(cols) < 2:
            if not cols:
                flush()
            continue
        toks.append(cols[0])
        tags.append(_clean(cols[-1], mapping))
        if split_at_stops and (cols[0] in (".", "!", "?") or len(toks) >= max_len) \
                and tags[-1] == "O":
            flush()
    flush()
    return out


def read_germeval_tagged(path: Path, extra: bool = False) -> list[Tagged]:
    """GermEval sentences with outer PER/LOC/ORG tags; ``extra``: also OTH and the
    -deriv/-part classes (as classes of their own)."""
    from graphbuilder.evaluation.germeval import read_germeval

    out = []
    for s in read_germeval(path):
        tags = [t if t[2:] in LABELS or (extra and t != "O") else "O" for t in s.outer]
        out.append(Tagged(s.tokens, _bio(tags)))
    return out


def read_conll(path: Path) -> list[Tagged]:
    """CoNLL-2003 (IOB1) with document numbers."""
    out: list[Tagged] = []
    toks: list[str] = []
    tags: list[str] = []
    doc = -1
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            doc += 1
            continue
        cols = line.split()
        if not cols:
            if toks:
                out.append(Tagged(toks, _bio(tags), max(doc, 0)))
            toks, tags = [], []
            continue
        toks.append(cols[0])
        tags.append(_clean(cols[-1]))
    if toks:
        out.append(Tagged(toks, _bio(tags), max(doc, 0)))
    return out


# ---------------------------------------------------------------------------- features


def gold_char_spans(t: Tagged) -> tuple[str, list[tuple[int, int, str]]]:
    """Space-joined text and its gold (start, end, label) character spans."""
    text = " ".join(t.tokens)
    offs, pos = [], 0
    for tok in t.tokens:
        offs.append((pos, pos + len(tok)))
        pos += len(tok) + 1
    spans = [(offs[i][0], offs[j - 1][1], lab) for i, j, lab in decode(t.tags)]
    return text, spans


def featurize(t: Tagged, lang: str, rules: E.RuleEntityExtractor
              ) -> tuple[list[list[str]], list[str], list[tuple[int, int]], list[tuple[int, int, str]]]:
    """(features, projected BIO labels, runtime token spans, gold char spans) of one sentence."""
    text, gold = gold_char_spans(t)
    tokens = tokenize(text)
    sent = [Sentence(start=0, end=len(text), text=text, index=0)]
    doc, chosen = rules.choose(text, lang, sent)
    gaz, rule_tags, names = doc_signals(doc, chosen, tokens)
    feats = sentence_features(text, tokens, lang, gaz, rule_tags, names, pos=lang in POS_FEATURES)
    if t.domain:
        for f in feats:
            f.append("dom=" + t.domain)
    return feats, bio_labels(tokens, gold), tokens, gold


def bio_labels(tokens: list[tuple[int, int]], gold: list[tuple[int, int, str]]) -> list[str]:
    """BIO tags of ``tokens`` for the gold character spans ``(start, end, label)``."""
    labels = ["O"] * len(tokens)
    for s, e, lab in gold:
        first = True
        for k, (a, b) in enumerate(tokens):
            if a >= s and b <= e:
                labels[k] = ("B-" if first else "I-") + lab
                first = False
    return labels


def featurize_document(doc: list[Tagged], lang: str, rules: E.RuleEntityExtractor
                       ) -> list[tuple[Any, ...]]:
    """:func:`featurize` for the sentences of one document read as one text (one sentence a
    line), so the rules and the document-level features see the whole article."""
    texts = [gold_char_spans(t) for t in doc]
    text = "\n".join(x for x, _g in texts)
    sents, pos = [], 0
    for k, (x, _g) in enumerate(texts):
        sents.append(Sentence(start=pos, end=pos + len(x), text=x, index=k))
        pos += len(x) + 1
    d, chosen = rules.choose(text, lang, sents)
    doc_lab = doc_labels(text, chosen)
    out = []
    for sent, (_x, gold) in zip(sents, texts):
        tokens = tokenize(text, sent.start, sent.end)
        gaz, rule_tags, names = doc_signals(d, chosen, tokens)
        feats = sentence_features(text, tokens, lang, gaz, rule_tags, names, doc_lab,
                                  lang in POS_FEATURES)
        gold = [(s + sent.start, e + sent.start, lab) for s, e, lab in gold]
        out.append((feats, bio_labels(tokens, gold), tokens, gold))
    return out


def featurize_all(items: Iterable[Tagged], lang: str) -> list[tuple[Any, ...]]:
    """Features of every sentence; English ones document by document (see DOC_FEATURES)."""
    rules = E.RuleEntityExtractor()
    items = [t for t in items if t.tokens]
    if lang not in DOC_FEATURES:
        return [featurize(t, lang, rules) for t in items]
    out: list[tuple[Any, ...]] = []
    for _doc, group in itertools.groupby(items, key=lambda t: t.doc):
        out.extend(featurize_document(list(group), lang, rules))
    return out


# ---------------------------------------------------------------------------- corpora


def corpora(lang: str, shared: Path, silver: bool = False) -> dict[str, list[Tagged]]:
    """Training corpora of a language (name -> sentences), in a fixed order.

    German: GermEval dev is added by :func:`train` (cross-validated). The out-of-domain
    corpora (WikiANN silver, Europeana OCR, legal) lowered GermEval dev F1 in every mix we
    measured (docs/quality.md), so they are used only with ``silver``."""
    ner = shared / "train" / "ner" / lang
    if lang == "de":
        if not silver:
            return {}
        return {
            "wikiann-de.train": read_wikiann(ner / "wikiann-de.train"),
            "europeana-de": [s for part in ("lft", "onb", "sbb")
                             for s in read_columns(ner / f"europeana-de-{part}.bio", None, True)],
            "legal-ner-de": [s for part in (1, 2)
                             for s in read_columns(ner / f"legal-ner-de.part{part}.conll", LEGAL_MAP)],
        }
    return {"conll2003-eng.train": read_conll(ner / "conll2003-eng.train")}


def germeval_folds(shared: Path, k: int = 3, extra: bool = False) -> list[list[Tagged]]:
    """GermEval 2014 dev in ``k`` contiguous folds (the last one is the blind part)."""
    sents = read_germeval_tagged(shared / "eval" / "germeval2014-dev" / "NER-de-dev.tsv", extra)
    size = -(-len(sents) // k)
    return [sents[i * size:(i + 1) * size] for i in range(k)]


def conll_dev(shared: Path) -> tuple[list[Tagged], list[Tagged]]:
    """CoNLL-2003 testa: (dev part, blind third = documents with index % 3 == 2)."""
    sents = read_conll(shared / "train" / "ner" / "en" / "conll2003-eng.testa")
    return [s for s in sents if s.doc % 3 != 2], [s for s in sents if s.doc % 3 == 2]


# ---------------------------------------------------------------------------- train / score


def train_model(data: Iterable[tuple[Any, ...]], out: Path, params: dict[str, Any] | None = None,
                scheme: str = "bio") -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for feats, labels, *_rest in data:
        trainer.append(feats, to_scheme(labels, scheme))
    trainer.select("lbfgs")
    trainer.set_params({**PARAMS, **(params or {})})
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))


def score(model: Path, data: Iterable[tuple[Any, ...]]) -> dict[str, Any]:
    """Exact-span P/R/F1 (PER/LOC/ORG) of a model on featurized sentences."""
    from graphbuilder.evaluation.germeval import score as span_score

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    pairs = [(set(gold), {(tokens[i][0], tokens[j - 1][1], lab) for i, j, lab in decode(tagger.tag(feats))})
             for feats, _labels, tokens, gold in data]
    tagger.close()
    return {key: {"p": round(v["precision"], 4), "r": round(v["recall"], 4), "f1": round(v["f1"], 4)}
            for key, v in span_score(pairs).items()}


def pool(results: list[dict[str, Any]]) -> dict[str, float]:
    """Micro P/R/F1 over several scorer results (their ``micro`` tp/fp/fn added up)."""
    tp, fp, fn = (sum(r["micro"][k] for r in results) for k in ("tp", "fp", "fn"))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r,
            "f1": 2 * p * r / (p + r) if p + r else 0.0}


def _extractor(model: Path, lang: str, second: Path | None = None) -> Any:
    from graphbuilder.extract.ner.model import CrfEntityExtractor

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    stage2 = None
    if second is not None:
        stage2 = pycrfsuite.Tagger()
        stage2.open(str(second))
    return CrfEntityExtractor(taggers={lang: tagger}, stage2={lang: stage2})


def _fit(data: list[tuple[Any, ...]], out: Path, params: dict[str, Any], scheme: str,
         stack: int, log: Any) -> Path | None:
    """Train ``out`` (and with ``stack`` its second pass beside it); the second pass's path."""
    if not stack:
        train_model(data, out, params, scheme)
        return None
    from graphbuilder.extract.ner.stack import train_stacked

    second = out.with_name(out.name.replace(".crfsuite", ".stack.crfsuite"))
    train_stacked(data, out, second, params, stack, scheme, log=lambda m: None)
    return second


def project_sentences(gold_dir: Path | None, shared: Path, limit: int | None = None,
                      extra: bool = False) -> tuple[list[Tagged], list[Tagged], dict[str, Any]]:
    """The project's German annotations (:mod:`.project_gold`): (train split, at most ``limit``
    sentences in file order; test split; sizes). No folder, no sentences."""
    from graphbuilder.extract.ner.project_gold import read_project_gold

    if gold_dir is None or not gold_dir.is_dir():
        return [], [], {}
    gold = read_project_gold(gold_dir, shared, extra)
    train_part = [Tagged(g.tokens, g.tags, domain=DOMAINS.get(g.source, "")) for g in gold
                  if g.split == "train"][:limit]
    test_part = [Tagged(g.tokens, g.tags) for g in gold if g.split == "test"]
    info = {"folder": str(gold_dir), "batches": sorted({g.batch for g in gold}),
            "sentences": len(gold), "train_sentences": len(train_part),
            "test_sentences": len(test_part),
            "by_source": {src: sum(g.source == src for g in gold)
                          for src in sorted({g.source for g in gold})}}
    return train_part, test_part, info


def train(lang: str, shared: Path, out_dir: Path, *, cv: bool = True, silver: bool = False,
          log: Any = print, params: dict[str, Any] | None = None,
          project_gold: Path | None = None, project_limit: int | None = None,
          stack: int | None = None) -> dict[str, Any]:
    """Train the shipped model of ``lang`` and measure it on dev with the project's scorers
    (:mod:`graphbuilder.evaluation.germeval`, :mod:`graphbuilder.evaluation.conll`); writes
    ``ner-LANG.crfsuite`` and ``ner-LANG.train.json`` (data sizes, figures) to ``out_dir``.

    German: the train split of the project's own annotations in ``project_gold`` (at most
    ``project_limit`` sentences) is added to every cross-validation fold's training and to the
    final model; the final model is scored on their test split. ``stack`` (default
    :data:`STACK`): jackknife folds of a stacked second pass, written beside the model as
    ``ner-LANG.stack.crfsuite`` (0 = one CRF; a stale second-pass file is removed)."""
    from graphbuilder.evaluation.germeval import evaluate_sentences

    params = {**LANG_PARAMS.get(lang, {}), **(params or {})}
    scheme, extra = SCHEME.get(lang, "bio"), EXTRA_CLASSES.get(lang, False)
    stack = STACK.get(lang, 0) if stack is None else stack

    needed = ([shared / "eval" / "germeval2014-dev" / "NER-de-dev.tsv"] if lang == "de" else
              [shared / "train" / "ner" / "en" / f"conll2003-eng.{p}" for p in ("train", "testa")])
    missing = [str(p) for p in needed if not p.exists()]
    if missing:
        raise FileNotFoundError(f"training data not found: {', '.join(missing)} (is --shared right?)")
    t0 = time.time()
    data: list[tuple[Any, ...]] = []
    sizes: dict[str, dict[str, int]] = {}
    for name, sents in corpora(lang, shared, silver).items():
        feats = featurize_all(sents, lang)
        sizes[name] = {"sentences": len(feats), "tokens": sum(len(f[1]) for f in feats)}
        data.extend(feats)
        log(f"{name}: {sizes[name]['sentences']} sentences ({time.time() - t0:.0f}s)")
    report: dict[str, Any] = {"lang": lang, "params": {**PARAMS, **(params or {})}, "data": sizes,
                              "scheme": scheme, "extra_classes": extra, "stack": stack}
    project_test: list[Tagged] = []
    if lang == "de":
        project_train, project_test, info = project_sentences(project_gold, shared, project_limit,
                                                                   extra)
        if project_train:
            feats = featurize_all(project_train, lang)
            sizes["project-de (train split)"] = {"sentences": len(feats),
                                                 "tokens": sum(len(f[1]) for f in feats)}
            data.extend(feats)
        if info:
            report["project_gold"] = info
            log(f"project annotations: {info['sentences']} sentences in {len(info['batches'])} "
                f"batches; {len(project_train)} train, {len(project_test)} test")
    out = out_dir / f"ner-{lang}.crfsuite"
    out_dir.mkdir(parents=True, exist_ok=True)
    stale = out_dir / f"ner-{lang}.stack.crfsuite"
    if not stack and stale.exists():
        stale.unlink()
    if lang == "de":
        gold = germeval_folds(shared, extra=extra)
        folds = [featurize_all(f, "de") for f in gold]
        sizes["germeval2014-dev"] = {"sentences": sum(len(f) for f in folds),
                                     "tokens": sum(len(x[1]) for f in folds for x in f)}
        if cv:
            cv_res = []
            for k, fold in enumerate(gold):
                rest = [x for j, f in enumerate(folds) if j != k for x in f]
                tmp = out_dir / f".cv{k}.crfsuite"
                tmp2 = _fit(data + rest, tmp, params, scheme, stack, log)
                res = evaluate_sentences([(t.tokens, t.tags) for t in fold], _extractor(tmp, "de", tmp2),
                                         "de")
                tmp.unlink()
                if tmp2 is not None:
                    tmp2.unlink()
                cv_res.append(res)
                log(f"GermEval dev fold {k + 1}{' (blind)' if k == len(gold) - 1 else ''}: "
                    f"F1 {res['micro']['f1']:.4f} ({time.time() - t0:.0f}s)")
            report["germeval_dev_cv"] = cv_res
            report["germeval_dev_cv_pooled"] = pooled = pool(cv_res)
            log(f"GermEval dev, {len(gold)} folds pooled: P {pooled['precision']:.4f} "
                f"R {pooled['recall']:.4f} F1 {pooled['f1']:.4f}")
        second = _fit(data + [x for f in folds for x in f], out, params, scheme, stack, log)
        if project_test:
            res = evaluate_sentences([(t.tokens, t.tags) for t in project_test],
                                     _extractor(out, "de", second), "de")
            report["project_test"] = res
            log(f"project annotations, test split: F1 {res['micro']['f1']:.4f} "
                f"({res['sentences']} sentences)")
    else:
        from graphbuilder.evaluation.conll import evaluate_conll

        second = _fit(data, out, params, scheme, stack, log)
        res = evaluate_conll(shared / "train" / "ner" / "en" / "conll2003-eng.testa",
                             _extractor(out, "en", second))
        report["conll_testa"] = res
        log(f"CoNLL-2003 testa F1: dev part {res['micro']['f1']:.4f}, "
            f"blind part {res['blind']['micro']['f1']:.4f}")
    report["model_bytes"] = out.stat().st_size + (second.stat().st_size if second else 0)
    table = F.cluster_path(lang)
    if lang in F.CLUSTER_LANGS and table.exists():  # which word-cluster table the features read
        report["clusters"] = {"file": table.name, "sha256": hashlib.sha256(table.read_bytes()).hexdigest()}
    report["seconds"] = round(time.time() - t0)
    (out_dir / f"ner-{lang}.train.json").write_text(
        json.dumps(report, indent=1, sort_keys=True, default=str) + "\n", encoding="utf-8")
    log(f"wrote {out} ({report['model_bytes'] / 1e6:.1f} MB) in {report['seconds']}s")
    return report


def iter_sizes(report: dict[str, Any]) -> Iterator[str]:
    for name, s in report["data"].items():
        yield f"| {name} | {s['sentences']:,} | {s['tokens']:,} |"
