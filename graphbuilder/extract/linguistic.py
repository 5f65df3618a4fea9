"""The linguistic layer: tokens with offsets, lemmas and parts of speech (German, English).

Stages that need it call :func:`analyse` (nothing runs it otherwise). Tokens come from the name
recogniser's tokenizer (:func:`graphbuilder.extract.ner.features.tokenize`); lemmas from
simplemma (MIT, its own dictionaries, no download); the universal part of speech (UPOS) from
a CRF per language trained on Universal Dependencies treebanks (``pos-LANG.crfsuite``, CC BY-SA,
see its model card; ``graphbuilder train pos --lang de|en``). Lemma and tag are cached per word
type and the models load once per process. For English, :func:`parse` adds a dependency parse
(heads and UD relations, :mod:`graphbuilder.extract.depparse`); it loads its model on the first
call only, and no default component calls it yet.
"""

from __future__ import annotations

import functools
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pycrfsuite

from graphbuilder.extract.ner.features import shape, tokenize
from graphbuilder.models import Sentence

MODEL_DIR = Path(__file__).resolve().parents[1] / "data" / "models"
PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 100, "feature.possible_transitions": True}


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str
    lemma: str
    pos: str  # UPOS: NOUN, PROPN, ADJ, VERB, ADV …
    sentence: int


@functools.lru_cache(maxsize=200_000)
def lemma(word: str, lang: str) -> str:
    """simplemma's lemma of one word ("Häuser" -> "Haus", "went" -> "go")."""
    from graphbuilder.extract.lemmas import lemmatize

    return lemmatize(word, lang)


@functools.lru_cache(maxsize=200_000)
def _word(word: str) -> tuple[str, ...]:
    low = word.lower()
    return ("w=" + low, "sh=" + shape(word), "s1=" + low[-1:], "s2=" + low[-2:], "s3=" + low[-3:],
            "s4=" + low[-4:], "p1=" + word[:1], "p3=" + low[:3], "cap=" + str(word[:1].isupper()),
            "upper=" + str(word.isupper()), "digit=" + str(any(c.isdigit() for c in word)))


def pos_features(words: list[str]) -> list[list[str]]:
    """CRF features of a sentence's words for the part-of-speech tagger (per-word parts cached)."""
    out = []
    n = len(words)
    base = [_word(w) for w in words]
    low = [b[0][2:] for b in base]  # "w=" + lowercase
    for i in range(n):
        f = ["b", *base[i]]
        if i == 0:
            f.append("bos")
        else:
            f.append("-1:w=" + low[i - 1])
            f.append("-1:s2=" + words[i - 1][-2:].lower())
        if i > 1:
            f.append("-2:w=" + low[i - 2])
        if i == n - 1:
            f.append("eos")
        else:
            f.append("1:w=" + low[i + 1])
            if i < n - 2:
                f.append("1:" + base[i + 1][1])  # "sh=" + shape of the next word
                f.append("2:w=" + low[i + 2])
            else:
                f.append("1:" + base[i + 1][1])
        out.append(f)
    return out


@functools.cache
def pos_tagger(lang: str) -> pycrfsuite.Tagger:
    path = MODEL_DIR / f"pos-{lang}.crfsuite"
    if not path.exists():
        raise FileNotFoundError(f"{path}: no part-of-speech model for {lang!r}; run "
                                f"`graphbuilder train pos --lang {lang}`")
    t = pycrfsuite.Tagger()
    t.open(str(path))
    return t


def tag_words(words: list[str], lang: str) -> list[str]:
    """UPOS tags of one sentence's words."""
    return pos_tagger(lang).tag(pos_features(words)) if words else []


def analyse(text: str, lang: str, sentences: list[Sentence] | None = None) -> list[Token]:
    """Tokens of ``text`` with offsets, lemma and UPOS, sentence by sentence."""
    lang = "en" if lang.startswith("en") else "de"
    ranges = [(s.start, s.end) for s in sentences] if sentences else [(0, len(text))]
    out: list[Token] = []
    for k, (a, b) in enumerate(ranges):
        spans = tokenize(text, a, b)
        words = [text[s:e] for s, e in spans]
        for (s, e), w, p in zip(spans, words, tag_words(words, lang)):
            out.append(Token(s, e, w, lemma(w, lang), p, k))
    return out


def parse(words: list[str], lang: str = "en", tags: list[str] | None = None) -> tuple[list[int], list[str]]:
    """Dependency parse of one sentence's words: heads (1-based, 0 = root) and UD relations.

    ``tags`` are UPOS tags (default: this layer's tagger). English only; the parser model loads on
    the first call (``parse-en.json.gz``).
    """
    from graphbuilder.extract import depparse

    lang = "en" if lang.startswith("en") else lang
    if lang != "en":
        raise ValueError(f"no dependency parser for {lang!r} (English only)")
    if tags is not None and len(tags) != len(words):
        raise ValueError(f"{len(tags)} tags for {len(words)} words")
    return depparse.load(lang).parse(words, tags if tags is not None else tag_words(words, lang))


# ---------------------------------------------------------------------------- training

TREEBANKS = {
    # (training files, dev file, dev sentences taken from the end of the last training file)
    "de": (["ud/de-gsd/de_gsd-ud-dev.conllu", "ud/de-gsd/de_gsd-ud-test.conllu",
            "ud/de-pud/de_pud-ud-test.conllu"], None, 200),
    "en": (["ud/en-ewt/en_ewt-ud-train.conllu"], "ud/en-ewt/en_ewt-ud-dev.conllu", 0),
}


def read_trees(path: Path) -> list[tuple[list[str], list[str], list[int], list[str]]]:
    """(forms, UPOS, heads, deprels) per sentence; multiword-token and empty-node lines skipped."""
    out = []
    forms: list[str] = []
    tags: list[str] = []
    heads: list[int] = []
    rels: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if forms:
                out.append((forms, tags, heads, rels))
            forms, tags, heads, rels = [], [], [], []
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 8 or not cols[0].isdigit():
            continue
        forms.append(cols[1])
        tags.append(cols[3])
        heads.append(int(cols[6]))
        rels.append(cols[7])
    return out


def read_conllu(path: Path) -> list[tuple[list[str], list[str]]]:
    """(forms, UPOS) per sentence of a CoNLL-U file (see :func:`read_trees`)."""
    return [(forms, tags) for forms, tags, _heads, _rels in read_trees(path)]


def train_pos(lang: str, shared: Path, out_dir: Path, log: Any = print) -> dict[str, Any]:
    """Train ``pos-LANG.crfsuite`` on the UD treebanks of :data:`TREEBANKS`; report dev accuracy."""
    t0 = time.time()
    files, dev_file, tail = TREEBANKS[lang]
    missing = [str(shared / "train" / f) for f in files + ([dev_file] if dev_file else [])
               if not (shared / "train" / f).exists()]
    if missing:
        raise FileNotFoundError(f"treebank not found: {', '.join(missing)} (is --shared right?)")
    train: list[tuple[list[str], list[str]]] = []
    for f in files:
        train.extend(read_conllu(shared / "train" / f))
    if dev_file:
        dev = read_conllu(shared / "train" / dev_file)
    else:
        train, dev = train[:-tail], train[-tail:]
    trainer = pycrfsuite.Trainer(verbose=False)
    for words, tags in train:
        trainer.append(pos_features(words), tags)
    trainer.select("lbfgs")
    trainer.set_params(PARAMS)
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / f"pos-{lang}.crfsuite"
    trainer.train(str(out))
    tagger = pycrfsuite.Tagger()
    tagger.open(str(out))
    right = total = 0
    for words, tags in dev:
        pred = tagger.tag(pos_features(words))
        right += sum(p == g for p, g in zip(pred, tags))
        total += len(tags)
    report = {"lang": lang, "train_sentences": len(train), "train_tokens": sum(len(w) for w, _ in train),
              "dev_sentences": len(dev), "dev_accuracy": round(right / total, 4), "params": PARAMS,
              "model_bytes": out.stat().st_size, "seconds": round(time.time() - t0)}
    (out_dir / f"pos-{lang}.train.json").write_text(json.dumps(report, indent=1, sort_keys=True) + "\n",
                                                    encoding="utf-8")
    log(f"wrote {out} ({report['model_bytes'] / 1e6:.1f} MB): dev accuracy {report['dev_accuracy']:.4f}")
    return report
