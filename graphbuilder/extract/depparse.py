"""English dependency parser: greedy arc-standard transitions scored by an averaged perceptron.

Python at run time, a state's class scores summed by one numpy ``bincount`` over the loaded
model's integer weights (:class:`_Table`; the same parses as the per-feature loop, twice as fast). Features are the word forms and UPOS of the stack and buffer positions,
the leftmost/rightmost children of the two stack items with their labels, their distance and
valency. Each transition carries its UD relation (``nsubj``, ``obj`` …), so one decision labels
the arc. The model (``parse-en.json.gz``, CC BY-SA 4.0, see its model card) is trained on UD
English EWT by ``graphbuilder train parse --lang en``; :func:`graphbuilder.extract.linguistic.parse`
loads it on first use only.
"""

from __future__ import annotations

import functools
import gzip
import json
import random
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

from graphbuilder.extract.linguistic import read_trees  # noqa: F401  (the one CoNLL-U reader)

MODEL_DIR = Path(__file__).resolve().parents[1] / "data" / "models"
FORMAT = "graphbuilder-parse-1"
SHIFT, LEFT, RIGHT = 0, 1, 2
SEED = 13
SCALE = 100  # weights are stored as integers (weight * SCALE)


class ParseModelError(ValueError):
    """A parser model file that cannot be read."""


# ---------------------------------------------------------------------------- state and features

def _features(words: list[str], tags: list[str], stack: list[int], i: int, heads: list[int],
              labels: list[str], lefts: list[list[int]], rights: list[list[int]]) -> list[str]:
    """Feature strings of one parser state (index 0 is the root)."""
    n = len(words)
    s0 = stack[-1] if stack else -1
    s1 = stack[-2] if len(stack) > 1 else -1
    s2 = stack[-3] if len(stack) > 2 else -1
    b0 = i if i < n else -1
    b1 = i + 1 if i + 1 < n else -1
    b2 = i + 2 if i + 2 < n else -1

    def w(k: int) -> str:
        return words[k] if k >= 0 else "-"

    def p(k: int) -> str:
        return tags[k] if k >= 0 else "-"

    def lab(k: int) -> str:
        return labels[k] if k >= 0 else "-"

    def lc(k: int, m: int) -> int:
        return lefts[k][m] if k >= 0 and len(lefts[k]) > m else -1

    def rc(k: int, m: int) -> int:
        return rights[k][-1 - m] if k >= 0 and len(rights[k]) > m else -1

    s0w, s0p, s1w, s1p = w(s0), p(s0), w(s1), p(s1)
    b0w, b0p, b1w, b1p, b2p, s2p = w(b0), p(b0), w(b1), p(b1), p(b2), p(s2)
    s0l1, s0l2, s0r1 = lc(s0, 0), lc(s0, 1), rc(s0, 0)
    s1l1, s1r1, s1r2 = lc(s1, 0), rc(s1, 0), rc(s1, 1)
    dist = str(min(s0 - s1, 5)) if s0 > 0 and s1 >= 0 else "-"
    s0vl = str(len(lefts[s0])) if s0 >= 0 else "-"
    s0vr = str(len(rights[s0])) if s0 >= 0 else "-"
    s1vl = str(len(lefts[s1])) if s1 >= 0 else "-"
    s1vr = str(len(rights[s1])) if s1 >= 0 else "-"
    return [
        "b",
        "s0w=" + s0w, "s0p=" + s0p, "s0wp=" + s0w + "/" + s0p,
        "s1w=" + s1w, "s1p=" + s1p, "s1wp=" + s1w + "/" + s1p,
        "b0w=" + b0w, "b0p=" + b0p, "b0wp=" + b0w + "/" + b0p,
        "b1w=" + b1w, "b1p=" + b1p, "b2p=" + b2p, "s2p=" + s2p,
        "s0w_s1w=" + s0w + "/" + s1w, "s0p_s1p=" + s0p + "/" + s1p,
        "s0wp_s1p=" + s0w + "/" + s0p + "/" + s1p, "s0p_s1wp=" + s0p + "/" + s1w + "/" + s1p,
        "s0w_s1p=" + s0w + "/" + s1p, "s0p_s1w=" + s0p + "/" + s1w,
        "s0p_b0p=" + s0p + "/" + b0p, "s0w_b0w=" + s0w + "/" + b0w,
        "s1p_s0p_b0p=" + s1p + "/" + s0p + "/" + b0p, "s0p_b0p_b1p=" + s0p + "/" + b0p + "/" + b1p,
        "s2p_s1p_s0p=" + s2p + "/" + s1p + "/" + s0p, "b0p_b1p_b2p=" + b0p + "/" + b1p + "/" + b2p,
        "d_s0p_s1p=" + dist + "/" + s0p + "/" + s1p, "d_s0w=" + dist + "/" + s0w,
        "d_s1w=" + dist + "/" + s1w,
        "s0vl_s0p=" + s0vl + "/" + s0p, "s0vr_s0p=" + s0vr + "/" + s0p,
        "s1vl_s1p=" + s1vl + "/" + s1p, "s1vr_s1p=" + s1vr + "/" + s1p,
        "s0vl_s0w=" + s0vl + "/" + s0w, "s1vr_s1w=" + s1vr + "/" + s1w,
        "s0l1=" + p(s0l1) + "/" + lab(s0l1), "s0l2=" + p(s0l2) + "/" + lab(s0l2),
        "s0r1=" + p(s0r1) + "/" + lab(s0r1),
        "s1l1=" + p(s1l1) + "/" + lab(s1l1), "s1r1=" + p(s1r1) + "/" + lab(s1r1),
        "s1r2=" + p(s1r2) + "/" + lab(s1r2),
        "s0p_s0l1_s1p=" + s0p + "/" + lab(s0l1) + "/" + s1p,
        "s1p_s1r1_s0p=" + s1p + "/" + lab(s1r1) + "/" + s0p,
        "s1p_s1l1_s0p=" + s1p + "/" + lab(s1l1) + "/" + s0p,
        "s0labs=" + s0p + "/" + ",".join(labels[k] for k in lefts[s0]) if s0 >= 0 else "s0labs=-",
        "s1rlabs=" + s1p + "/" + ",".join(labels[k] for k in rights[s1]) if s1 >= 0 else "s1rlabs=-",
    ]


def _valid(stack: list[int], i: int, n: int) -> tuple[bool, bool, bool]:
    """Which of SHIFT, LEFT, RIGHT are allowed (one root: RIGHT onto the root only at the end)."""
    shift = i < n
    left = len(stack) > 1 and stack[-2] != 0
    right = len(stack) > 1 and (stack[-2] != 0 or i >= n)
    return shift, left, right


def _oracle(stack: list[int], i: int, n: int, gold_heads: list[int], attached: list[int]) -> int:
    """Static arc-standard oracle move (SHIFT, LEFT or RIGHT) for projective trees."""
    if len(stack) > 1:
        s0, s1 = stack[-1], stack[-2]
        if s1 != 0 and gold_heads[s1] == s0:
            return LEFT
        if gold_heads[s0] == s1 and attached[s0] == 0:
            return RIGHT
    return SHIFT


# ---------------------------------------------------------------------------- the model

class _Table:
    """A loaded model's weights for scoring: each feature's (class, integer weight) pairs laid end
    to end in arrays, so one state's class scores are one ``bincount`` instead of a Python loop
    over every feature's classes. The integer weights (``SCALE``) sum exactly, in any order."""

    def __init__(self, weights: dict[str, list[int]], n_classes: int):
        self.rows: dict[str, int] = {}
        starts: list[int] = []
        lens: list[int] = []
        cls: list[int] = []
        val: list[int] = []
        for f, cv in weights.items():
            self.rows[f] = len(starts)
            starts.append(len(cls))
            lens.append(len(cv) // 2)
            cls.extend(cv[0::2])
            val.extend(cv[1::2])
        self.starts = np.asarray(starts, dtype=np.int64)
        self.lens = np.asarray(lens, dtype=np.int64)
        self.cls = np.asarray(cls, dtype=np.int64)
        self.val = np.asarray(val, dtype=np.float64)
        self.n = n_classes

    def scores(self, feats: list[str]) -> list[float]:
        get = self.rows.get
        rows = [r for r in map(get, feats) if r is not None]
        if not rows:
            return [0.0] * self.n
        r = np.asarray(rows, dtype=np.int64)
        lens = self.lens[r]
        ends = np.cumsum(lens)
        pos = np.repeat(self.starts[r] - ends + lens, lens) + np.arange(int(ends[-1]))
        return np.bincount(self.cls[pos], weights=self.val[pos], minlength=self.n).tolist()


class Parser:
    """Averaged-perceptron arc-standard parser; ``classes`` are (move, label) pairs."""

    def __init__(self, classes: list[tuple[int, str]], weights: dict[str, dict[int, float]],
                 table: _Table | None = None):
        self.classes = classes
        self.weights = weights
        self.table = table  # a loaded model's weights as arrays (inference); None while training
        self._by_move = [[c for c, (m, _) in enumerate(classes) if m == mv] for mv in (SHIFT, LEFT, RIGHT)]

    def _scores(self, feats: list[str]) -> list[float]:
        if self.table is not None:
            return self.table.scores(feats)
        scores = [0.0] * len(self.classes)
        get = self.weights.get
        for f in feats:
            wd = get(f)
            if wd:
                for c, v in wd.items():
                    scores[c] += v
        return scores

    def _best(self, scores: list[float], valid: tuple[bool, bool, bool]) -> int:
        best, best_score = -1, float("-inf")
        for mv in (SHIFT, LEFT, RIGHT):
            if valid[mv]:
                for c in self._by_move[mv]:  # ties: the lowest class index (deterministic)
                    if scores[c] > best_score:
                        best, best_score = c, scores[c]
        return best

    def parse(self, words: list[str], tags: list[str]) -> tuple[list[int], list[str]]:
        """Heads (1-based, 0 = root) and relations of one sentence's words with their UPOS."""
        if not words:
            return [], []
        ws = ["<root>"] + [_norm(x) for x in words]
        ts = ["ROOT"] + list(tags)
        n = len(ws)
        heads = [-1] * n
        labels = ["-"] * n
        lefts: list[list[int]] = [[] for _ in range(n)]
        rights: list[list[int]] = [[] for _ in range(n)]
        stack, i = [0], 1
        while i < n or len(stack) > 1:
            feats = _features(ws, ts, stack, i, heads, labels, lefts, rights)
            c = self._best(self._scores(feats), _valid(stack, i, n))
            i = _apply(self.classes[c], stack, i, heads, labels, lefts, rights)
        return heads[1:], labels[1:]


def _norm(word: str) -> str:
    low = word.lower()
    if any(ch.isdigit() for ch in low):
        return "<num>" if len(low) < 5 or low.replace(",", "").replace(".", "").isdigit() else "<digits>"
    return low


def _apply(cls: tuple[int, str], stack: list[int], i: int, heads: list[int], labels: list[str],
           lefts: list[list[int]], rights: list[list[int]]) -> int:
    move, label = cls
    if move == SHIFT:
        stack.append(i)
        return i + 1
    s0 = stack.pop()
    if move == LEFT:
        s1 = stack.pop()
        heads[s1], labels[s1] = s0, label
        lefts[s0].insert(0, s1)  # s1 lies left of every earlier left child of s0
        stack.append(s0)
    else:
        s1 = stack[-1]
        heads[s0], labels[s0] = s1, label
        rights[s1].append(s0)  # s0 lies right of every earlier right child of s1
    return i


@functools.cache
def load(lang: str = "en", path: Path | None = None) -> Parser:
    """The shipped parser of ``lang`` (loaded once per process)."""
    path = path or MODEL_DIR / f"parse-{lang}.json.gz"
    if not path.exists():
        raise FileNotFoundError(f"{path}: no dependency parser for {lang!r}; run "
                                f"`graphbuilder train parse --lang {lang}`")
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            data = json.load(fh)
        if data.get("format") != FORMAT:
            raise ValueError(f"format is {data.get('format')!r}, expected {FORMAT!r}")
        classes = [(int(m), str(lab)) for m, lab in data["classes"]]
        float(data["scale"])  # (the integer weights are compared as they are: the scale is common)
        table = _Table(data["weights"], len(classes))
    except (OSError, EOFError, ValueError, KeyError, TypeError) as exc:
        raise ParseModelError(f"{path}: not a readable dependency parser model ({exc})") from None
    return Parser(classes, {}, table)


# ---------------------------------------------------------------------------- training

def projective(heads: list[int]) -> bool:
    """True when no two arcs of the tree (heads 1-based, 0 = root) cross."""
    arcs = [(min(d, h), max(d, h)) for d, h in enumerate(heads, 1)]
    for a, b in arcs:
        for c, d in arcs:
            if a < c < b < d:
                return False
    return True


def evaluate(parser: Parser, data: list[tuple[list[str], list[str], list[int], list[str]]],
             tags: list[list[str]]) -> tuple[float, float]:
    """UAS and LAS over all words (punctuation included, as in the CoNLL 2018 shared task)."""
    right_u = right_l = total = 0
    for (words, _, gold_h, gold_r), tg in zip(data, tags):
        h, r = parser.parse(words, tg)
        for a, b, c, d in zip(h, r, gold_h, gold_r):
            total += 1
            if a == c:
                right_u += 1
                right_l += b == d
    return right_u / total, right_l / total


def train_parser(train: list[tuple[list[str], list[str], list[int], list[str]]],
                 train_tags: list[list[str]], epochs: int, log: Any = print) -> Parser:
    """Averaged perceptron over static-oracle transitions; fixed seed and order."""
    rels = sorted({r for _, _, _, rs in train for r in rs})
    classes = [(SHIFT, "-")] + [(LEFT, r) for r in rels] + [(RIGHT, r) for r in rels]
    index = {c: k for k, c in enumerate(classes)}
    weights: dict[str, dict[int, float]] = defaultdict(dict)
    totals: dict[tuple[str, int], float] = defaultdict(float)
    stamps: dict[tuple[str, int], int] = defaultdict(int)
    model = Parser(classes, weights)
    step = 0
    order = [k for k, (_, _, h, _) in enumerate(train) if projective(h)]
    rng = random.Random(SEED)

    def update(f: str, c: int, delta: float) -> None:
        key = (f, c)
        wd = weights[f]
        old = wd.get(c, 0.0)
        totals[key] += (step - stamps[key]) * old
        stamps[key] = step
        wd[c] = old + delta

    for epoch in range(epochs):
        rng.shuffle(order)
        t0 = time.time()
        right = seen = 0
        for k in order:
            words, _, gheads, grels = train[k]
            ws = ["<root>"] + [_norm(x) for x in words]
            ts = ["ROOT"] + train_tags[k]
            gh = [-1] + gheads
            gr = ["-"] + grels
            n = len(ws)
            heads = [-1] * n
            labels = ["-"] * n
            lefts: list[list[int]] = [[] for _ in range(n)]
            rights: list[list[int]] = [[] for _ in range(n)]
            attached = [0] * n  # dependents of each word not yet attached
            for d in range(1, n):
                attached[gh[d]] += 1
            stack, i = [0], 1
            while i < n or len(stack) > 1:
                feats = _features(ws, ts, stack, i, heads, labels, lefts, rights)
                move = _oracle(stack, i, n, gh, attached)
                if move == SHIFT:
                    gold = 0
                elif move == LEFT:
                    gold = index[(LEFT, gr[stack[-2]])]
                else:
                    gold = index[(RIGHT, gr[stack[-1]])]
                scores = model._scores(feats)
                guess = model._best(scores, (True, True, True))
                step += 1
                seen += 1
                if guess != gold:
                    for f in feats:
                        update(f, gold, 1.0)
                        update(f, guess, -1.0)
                else:
                    right += 1
                dep = stack[-2] if move == LEFT else stack[-1] if move == RIGHT else -1
                if dep >= 0:
                    attached[gh[dep]] -= 1
                i = _apply(classes[gold], stack, i, heads, labels, lefts, rights)
        log(f"epoch {epoch + 1}/{epochs}: transition accuracy {right / seen:.4f} "
            f"({time.time() - t0:.0f} s)")
    averaged: dict[str, dict[int, float]] = {}
    for f, wd in weights.items():
        out = {}
        for c, v in wd.items():
            key = (f, c)
            total = totals[key] + (step - stamps[key]) * v
            avg = total / step
            if avg:
                out[c] = avg
        if out:
            averaged[f] = out
    return Parser(classes, averaged)


def save(parser: Parser, path: Path, min_weight: float, meta: dict[str, Any]) -> int:
    """Write the model as gzip'd JSON with integer weights; weights below ``min_weight`` dropped."""
    weights: dict[str, list[int]] = {}
    for f in sorted(parser.weights):
        flat: list[int] = []
        for c in sorted(parser.weights[f]):
            v = round(parser.weights[f][c] * SCALE)
            if abs(v) >= min_weight * SCALE and v:
                flat += [c, v]
        if flat:
            weights[f] = flat
    data = {"format": FORMAT, "scale": SCALE, "meta": meta,
            "classes": [[m, lab] for m, lab in parser.classes], "weights": weights}
    raw = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0, filename="") as gz:
        gz.write(raw)
    return path.stat().st_size


TREEBANK = ("ud/en-ewt/en_ewt-ud-train.conllu", "ud/en-ewt/en_ewt-ud-dev.conllu")


def train(lang: str, shared: Path, out_dir: Path, epochs: int = 5, tags: str = "gold",
          limit: int | None = None, min_weight: float = 0.05, log: Any = print) -> dict[str, Any]:
    """Train ``parse-LANG.json.gz`` on UD English EWT train; report dev UAS/LAS with predicted UPOS."""
    from graphbuilder.extract.linguistic import tag_words

    if lang != "en":
        raise ValueError(f"no treebank for a {lang!r} dependency parser (only en: UD English EWT)")
    t0 = time.time()
    paths = [shared / "train" / f for f in TREEBANK]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise FileNotFoundError(f"treebank not found: {', '.join(missing)} (is --shared right?)")
    train_data = read_trees(paths[0])
    if limit:
        train_data = train_data[:limit]
    dev = read_trees(paths[1])
    if tags == "predicted":
        train_tags = [tag_words(w, lang) for w, *_ in train_data]
    else:
        train_tags = [list(t) for _, t, _, _ in train_data]
    parser = train_parser(train_data, train_tags, epochs, log=log)
    dev_pred_tags = [tag_words(w, lang) for w, *_ in dev]
    out = out_dir / f"parse-{lang}.json.gz"
    meta = {"treebank": "UD English EWT train", "licence": "CC BY-SA 4.0", "epochs": epochs,
            "train_tags": tags, "seed": SEED}
    size = save(parser, out, min_weight, meta)
    load.cache_clear()
    shipped = load(lang, out)
    uas, las = evaluate(shipped, dev, dev_pred_tags)
    guas, glas = evaluate(shipped, dev, [list(t) for _, t, _, _ in dev])
    t1 = time.time()
    for words, tg in zip((d[0] for d in dev), dev_pred_tags):
        shipped.parse(words, tg)
    speed = len(dev) / (time.time() - t1)
    report = {"lang": lang, "train_sentences": len(train_data),
              "train_projective": sum(projective(h) for _, _, h, _ in train_data),
              "train_tags": tags, "epochs": epochs, "seed": SEED, "min_weight": min_weight,
              "dev_sentences": len(dev), "dev_uas": round(uas, 4), "dev_las": round(las, 4),
              "dev_uas_gold_tags": round(guas, 4), "dev_las_gold_tags": round(glas, 4),
              "features": len(shipped.table.rows) if shipped.table else len(shipped.weights), "model_bytes": size,
              "parse_sentences_per_s": round(speed), "seconds": round(time.time() - t0)}
    (out_dir / f"parse-{lang}.train.json").write_text(json.dumps(report, indent=1, sort_keys=True) + "\n",
                                                      encoding="utf-8")
    log(f"wrote {out} ({size / 1e6:.1f} MB): dev UAS {uas:.4f} LAS {las:.4f} (predicted UPOS)")
    return report
