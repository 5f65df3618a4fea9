"""English dependency parser: greedy arc-standard transitions scored by an averaged perceptron.

Features are the word forms and UPOS of the stack and buffer positions, the leftmost/rightmost
children of the two stack items with their labels, their distance and valency. Each transition
carries its UD relation (``nsubj``, ``obj`` …), so one decision labels the arc. Training builds
the features as strings (:func:`_features`); a loaded model parses by integer ids instead
(:class:`_Compiled`: the stored strings split into word, tag and relation ids once, each feature's
weights a matrix row, a state's scores one numpy sum of its rows; about 2.5 times the speed of
the strings with numpy scoring, :class:`_Table`, which stays as the reference they must equal).
The model (``parse-en.json.gz``, CC BY-SA 4.0, see its model card) is trained on UD English EWT
by ``graphbuilder train parse --lang en``; :func:`graphbuilder.extract.linguistic.parse` loads it
on first use only (its id tables from the compiled-resource cache).
"""

from __future__ import annotations

import functools
import gzip
import json
import math
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
WORD_ROWS = 65_536  # word-feature rows kept filled (then all are emptied, between sentences): ≈ 27 MB


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


# What each template's value is made of (see _features): W a word form, P a tag, L a relation,
# D the stack distance, V a valency, S a list of relations joined by ",". Only a word may hold a "/".
_KINDS = {
    "b": "", "s0w": "W", "s0p": "P", "s0wp": "WP", "s1w": "W", "s1p": "P", "s1wp": "WP",
    "b0w": "W", "b0p": "P", "b0wp": "WP", "b1w": "W", "b1p": "P", "b2p": "P", "s2p": "P",
    "s0w_s1w": "WW", "s0p_s1p": "PP", "s0wp_s1p": "WPP", "s0p_s1wp": "PWP", "s0w_s1p": "WP",
    "s0p_s1w": "PW", "s0p_b0p": "PP", "s0w_b0w": "WW", "s1p_s0p_b0p": "PPP", "s0p_b0p_b1p": "PPP",
    "s2p_s1p_s0p": "PPP", "b0p_b1p_b2p": "PPP", "d_s0p_s1p": "DPP", "d_s0w": "DW", "d_s1w": "DW",
    "s0vl_s0p": "VP", "s0vr_s0p": "VP", "s1vl_s1p": "VP", "s1vr_s1p": "VP", "s0vl_s0w": "VW",
    "s1vr_s1w": "VW", "s0l1": "PL", "s0l2": "PL", "s0r1": "PL", "s1l1": "PL", "s1r1": "PL",
    "s1r2": "PL", "s0p_s0l1_s1p": "PLP", "s1p_s1r1_s0p": "PLP", "s1p_s1l1_s0p": "PLP",
    "s0labs": "PS", "s1rlabs": "PS",
}
# templates of one stack or buffer position (summed once per sentence and position) ...
_POSITIONAL = ("s0w", "s0p", "s0wp", "s1w", "s1p", "s1wp",
               "b", "b0w", "b0p", "b0wp", "b1w", "b1p", "b2p", "b0p_b1p_b2p")
# ... templates with a word of two positions (few classes each: added one by one) ...
_SPARSE = ("s0w_s1w", "s0wp_s1p", "s0p_s1wp", "s0w_s1p", "s0p_s1w", "s0w_b0w", "d_s0w", "d_s1w",
           "s0vl_s0w", "s1vr_s1w")
# ... and the rest, closed-class values only (rows of a dense matrix, gathered per state)
_DENSE = ("s2p", "s0p_s1p", "s0p_b0p", "s1p_s0p_b0p", "s0p_b0p_b1p", "s2p_s1p_s0p", "d_s0p_s1p",
          "s0vl_s0p", "s0vr_s0p", "s1vl_s1p", "s1vr_s1p", "s0l1", "s0l2", "s0r1", "s1l1", "s1r1", "s1r2",
          "s0p_s0l1_s1p", "s1p_s1r1_s0p", "s1p_s1l1_s0p", "s0labs", "s1rlabs")


def _split(kinds: str, value: str) -> list[tuple[str, ...]]:
    """The component strings a feature value can be made of (several where two words meet at a
    "/": each of them; none when the value cannot come from :func:`_features`)."""
    if not kinds:
        return [()] if not value else []
    parts = value.split("/")
    words = kinds.count("W")
    if words == 0:
        return [tuple(parts)] if len(parts) == len(kinds) else []
    if len(parts) < len(kinds):
        return []
    if words == 1:
        w = kinds.index("W")
        end = len(parts) - (len(kinds) - w - 1)
        return [(*parts[:w], "/".join(parts[w:end]), *parts[end:])]
    return [("/".join(parts[:j]), "/".join(parts[j:])) for j in range(1, len(parts))]  # "WW"


class _Compiled:
    """A loaded model's weights keyed by integer ids, for parsing without feature strings.

    Every stored feature string is split into its template and component values (word, tag,
    relation, distance, valency; id 0 = a value the model never saw, which no key holds), so a
    state's features are tuples of ids looked up per template. Each feature's weights are a row of
    one matrix (``matrix``): the closed-class features' rows filled at load, a word feature's on its
    first use; a state's class scores are the sum of its features' rows, and the features of one
    stack or buffer position are summed once per sentence (:meth:`_positions`). The weights are
    integers, summed exactly in any order, so the scores and parses are :class:`_Table`'s."""

    def __init__(self, weights: dict[str, list[int]], classes: list[tuple[int, str]]):
        self.n = n_classes = len(classes)
        self.vocab: dict[str, dict[str, int]] = {k: {} for k in "WPLDV"}
        for _m, lab in classes:
            self._id("L", lab)
        keyed: dict[str, dict[Any, int]] = {t: {} for t in _KINDS}
        starts: list[int] = []
        lens: list[int] = []
        cls: list[int] = []
        val: list[int] = []
        for f, cv in weights.items():
            name, _, value = f.partition("=")
            kinds = _KINDS.get(name)
            if kinds is None:
                raise ValueError(f"unknown feature template {name!r}")
            row = len(starts)
            starts.append(len(cls))
            lens.append(len(cv) // 2)
            cls.extend(cv[0::2])
            val.extend(cv[1::2])
            if kinds == "PS":  # a tag, "/", then relations joined by "," (or "-": no position)
                if "/" not in value:
                    keyed[name][value] = row
                else:
                    p, labs = value.split("/", 1)
                    keyed[name][(self._id("P", p), tuple(self._id("L", x) for x in labs.split(",")) if labs
                                 else ())] = row
                continue
            for parts in _split(kinds, value):
                ids = tuple(self._id(k, x) for k, x in zip(kinds, parts))
                keyed[name][ids[0] if len(ids) == 1 else ids] = row
        self.n_features = len(starts)
        self.starts = np.asarray(starts, dtype=np.int64)
        self.lens = np.asarray(lens, dtype=np.int64)
        self.cls = np.asarray(cls, dtype=np.int64)
        self.val = np.asarray(val, dtype=np.float64)
        # integer sums of up to 46 weights are exact in float32 below 2**24
        big = float(np.abs(self.val).max()) if len(val) else 0.0
        self.dtype = np.float32 if big * (len(_KINDS) + 1) < 2 ** 24 else np.float64
        self.radix = {k: len(v) + 1 for k, v in self.vocab.items()}
        filled = [t for t in _KINDS if "W" not in _KINDS[t]]
        filled_rows = sorted({r for t in filled for r in keyed[t].values()})
        at = {r: k for k, r in enumerate(filled_rows)}
        self.zero = len(filled_rows)  # an all-zero row: a feature the model does not have
        self.filled = np.zeros((len(filled_rows) + 1, n_classes), dtype=self.dtype)
        for k, r in enumerate(filled_rows):
            a, b = self.starts[r], self.starts[r] + self.lens[r]
            self.filled[k, self.cls[a:b]] = self.val[a:b]
        self.tables: dict[str, Any] = {}
        for t, kinds in _KINDS.items():
            if "W" in kinds:  # -(row + 1): the matrix row is filled on first use (_fill)
                self.tables[t] = {key: -r - 1 for key, r in keyed[t].items()}
            elif t in _POSITIONAL or kinds == "PS":
                self.tables[t] = {key: at[r] for key, r in keyed[t].items()}
            else:  # a list indexed by the ids' mixed-radix code
                lut = [self.zero] * math.prod(self.radix[k] for k in kinds)
                for key, r in keyed[t].items():
                    code = 0
                    for k, x in zip(kinds, key if isinstance(key, tuple) else (key,)):
                        code = code * self.radix[k] + x
                    lut[code] = at[r]
                self.tables[t] = lut
        self.capacity = len(filled_rows) + 1 + sum(len(self.tables[t]) for t in _KINDS if "W" in _KINDS[t])
        get = self.vocab["D"].get
        self.dist = [get(str(d), 0) for d in range(6)]
        get = self.vocab["V"].get
        top = max((int(x) for x in self.vocab["V"] if x.isdigit()), default=0)
        self.valency = [get(str(v), 0) for v in range(top + 1)]
        self.dash = {k: v.get("-", 0) for k, v in self.vocab.items()}
        self.class_moves = [m for m, _ in classes]
        self.class_labels = [self._id("L", lab) for _, lab in classes]
        # where SHIFT's, LEFT's and RIGHT's classes end when they lie in that order (as trained: a
        # state's valid classes are then one range); else None and Parser._best decides
        counts = [self.class_moves.count(mv) for mv in (SHIFT, LEFT, RIGHT)]
        order = [SHIFT] * counts[0] + [LEFT] * counts[1] + [RIGHT] * counts[2]
        self.bounds = (counts[0], counts[0] + counts[1]) if self.class_moves == order else None
        self._allocate()

    def _allocate(self) -> None:
        # zeroed pages are mapped on first write: only the rows filled so far take memory
        self.matrix = np.zeros((self.capacity, self.n), dtype=self.dtype)
        self.matrix[:len(self.filled)] = self.filled
        self.used = len(self.filled)
        self.limit = len(self.filled) + WORD_ROWS
        self._filled_words: list[tuple[dict[Any, int], Any, int]] = []  # (table, key, -(row + 1))
        self._tokens: dict[tuple[int, int], tuple[list[int], list[int], list[int], list[int]]] = {}

    def _empty(self) -> None:
        """Forget the filled word-feature rows (they are filled again on their next use)."""
        for table, key, code in self._filled_words:
            table[key] = code
        self._filled_words.clear()
        self._tokens.clear()
        self.matrix[len(self.filled):self.used] = 0
        self.used = len(self.filled)

    def __getstate__(self) -> dict[str, Any]:
        self._empty()  # pickled as loaded: the matrix is not kept
        state = dict(self.__dict__)
        for name in ("matrix", "used", "limit", "_filled_words", "_tokens"):
            del state[name]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._allocate()

    def _id(self, kind: str, value: str) -> int:
        ids = self.vocab[kind]
        return ids.setdefault(value, len(ids) + 1)

    def _fill(self, table: dict[Any, int], key: Any, code: int) -> int:
        """The matrix row of a word feature (``code`` = -(row + 1)), filled on its first use."""
        r = -code - 1
        m = self.used
        self._filled_words.append((table, key, code))
        a = int(self.starts[r])
        b = a + int(self.lens[r])
        self.matrix[m, self.cls[a:b]] = self.val[a:b]
        self.used = m + 1
        table[key] = m
        return m

    def _lookup(self, table: dict[Any, int], key: Any) -> list[int]:
        v = table.get(key)
        return [] if v is None else [v if v >= 0 else self._fill(table, key, v)]

    def _token(self, w: int, p: int) -> tuple[list[int], list[int], list[int], list[int]]:
        """The matrix rows of a word with its tag as s0, as s1, as b0 and as b1 (kept per pair)."""
        rows = self._tokens.get((w, p))
        if rows is None:
            t, look = self.tables, self._lookup
            rows = self._tokens[(w, p)] = (
                look(t["s0w"], w) + look(t["s0p"], p) + look(t["s0wp"], (w, p)),
                look(t["s1w"], w) + look(t["s1p"], p) + look(t["s1wp"], (w, p)),
                look(t["b0w"], w) + look(t["b0p"], p) + look(t["b0wp"], (w, p)),
                look(t["b1w"], w) + look(t["b1p"], p))
        return rows

    def _positions(self, wid: list[int], pid: list[int], n: int) -> np.ndarray:
        """Per-sentence score rows: s0 features of token k at ``1 + k``, s1 features at
        ``n + 2 + k`` (k = -1: no token), buffer features of ``i`` at ``2n + 2 + i``."""
        t = self.tables
        b2p, b0p_b1p_b2p, bias = t["b2p"], t["b0p_b1p_b2p"], t["b"].get((), self.zero)
        zero = self.zero
        toks = [self._token(wid[k], pid[k]) for k in range(-1, n)]  # toks[1 + k]
        rows: list[int] = []
        groups: list[int] = []
        for part in (0, 1):
            for tok in toks:
                groups.append(len(rows))
                rows.append(zero)
                rows += tok[part]
        for i in range(n + 1):
            k0 = i if i < n else -1
            k1 = i + 1 if i + 1 < n else -1
            k2 = i + 2 if i + 2 < n else -1
            groups.append(len(rows))
            rows.append(bias)
            rows += toks[1 + k0][2]
            rows += toks[1 + k1][3]
            rows.append(b2p.get(pid[k2], zero))
            rows.append(b0p_b1p_b2p.get((pid[k0], pid[k1], pid[k2]), zero))
        return np.add.reduceat(self.matrix.take(rows, 0), groups, axis=0)  # (exact: integer sums in range)

    def parse(self, parser: Parser, words: list[str], tags: list[str]) -> tuple[list[int], list[str]]:
        """:meth:`Parser.parse` of normalised words and tags holding no "/"."""
        if self.used > self.limit:
            self._empty()  # (only here: a state's rows stay valid while it is scored)
        W, P = self.vocab["W"], self.vocab["P"]
        n = len(words) + 1
        wid = [W.get(w, 0) for w in ["<root>", *words]] + [self.dash["W"]]  # [-1]: no position ("-")
        pid = [P.get(t, 0) for t in ["ROOT", *tags]] + [self.dash["P"]]
        S = self._positions(wid, pid, n)
        u1, bb = n + 2, 2 * n + 2
        M, reduce, fill = self.matrix, np.add.reduce, self._fill
        t = self.tables
        (t_s2p, t_s0p_s1p, t_s0p_b0p, t_s1p_s0p_b0p, t_s0p_b0p_b1p, t_s2p_s1p_s0p, t_d_s0p_s1p, t_s0vl_s0p,
         t_s0vr_s0p, t_s1vl_s1p, t_s1vr_s1p, t_s0l1, t_s0l2, t_s0r1, t_s1l1, t_s1r1, t_s1r2, t_s0p_s0l1_s1p,
         t_s1p_s1r1_s0p, t_s1p_s1l1_s0p, t_s0labs, t_s1rlabs) = (t[x] for x in _DENSE)
        (x_s0w_s1w, x_s0wp_s1p, x_s0p_s1wp, x_s0w_s1p, x_s0p_s1w, x_s0w_b0w, x_d_s0w, x_d_s1w, x_s0vl_s0w,
         x_s1vr_s1w) = (t[x] for x in _SPARSE)
        zero = self.zero
        dists, d_dash, v_dash = self.dist, self.dash["D"], self.dash["V"]
        NP, NL = self.radix["P"], self.radix["L"]
        NP2 = NP * NP
        valency = self.valency + [0] * max(0, n + 1 - len(self.valency))
        moves, class_lab, bounds = self.class_moves, self.class_labels, self.bounds
        n_classes = self.n
        only_shift = 0 if bounds is not None and bounds[0] == 1 else None  # the one SHIFT class
        heads = [-1] * n
        labels = ["-"] * n
        lid = [self.dash["L"]] * (n + 1)
        lefts: list[list[int]] = [[] for _ in range(n + 1)]  # [-1]: no position, no children
        rights: list[list[int]] = [[] for _ in range(n + 1)]
        left_labs: list[tuple[int, ...]] = [()] * (n + 1)
        right_labs: list[tuple[int, ...]] = [()] * (n + 1)
        stack, i = [0], 1
        while i < n or len(stack) > 1:
            depth = len(stack)
            s0 = stack[-1]
            s1 = stack[-2] if depth > 1 else -1
            shift = i < n
            left = depth > 1 and s1 != 0
            right = depth > 1 and (s1 != 0 or not shift)
            if only_shift is not None and not left and not right:  # nothing to score
                stack.append(i)
                i += 1
                continue
            s2 = stack[-3] if depth > 2 else -1
            b0 = i if i < n else -1
            b1 = i + 1 if i + 1 < n else -1
            p0, p1, p2, pb0 = pid[s0], pid[s1], pid[s2], pid[b0]
            l0, r0, l1, r1 = lefts[s0], rights[s0], lefts[s1], rights[s1]
            s0l1 = l0[0] if l0 else -1
            s0l2 = l0[1] if len(l0) > 1 else -1
            s0r1 = r0[-1] if r0 else -1
            s1l1 = l1[0] if l1 else -1
            s1r1 = r1[-1] if r1 else -1
            s1r2 = r1[-2] if len(r1) > 1 else -1
            dist = dists[min(s0 - s1, 5)] if s0 > 0 and s1 >= 0 else d_dash
            v0l, v0r = valency[len(l0)], valency[len(r0)]
            v1l, v1r = (valency[len(l1)], valency[len(r1)]) if s1 >= 0 else (v_dash, v_dash)
            q01 = p0 * NP + p1
            rows = [
                t_s2p[p2], t_s0p_s1p[q01], t_s0p_b0p[p0 * NP + pb0], t_s1p_s0p_b0p[(p1 * NP + p0) * NP + pb0],
                t_s0p_b0p_b1p[(p0 * NP + pb0) * NP + pid[b1]], t_s2p_s1p_s0p[(p2 * NP + p1) * NP + p0],
                t_d_s0p_s1p[dist * NP2 + q01], t_s0vl_s0p[v0l * NP + p0], t_s0vr_s0p[v0r * NP + p0],
                t_s1vl_s1p[v1l * NP + p1], t_s1vr_s1p[v1r * NP + p1],
                t_s0l1[pid[s0l1] * NL + lid[s0l1]], t_s0l2[pid[s0l2] * NL + lid[s0l2]],
                t_s0r1[pid[s0r1] * NL + lid[s0r1]], t_s1l1[pid[s1l1] * NL + lid[s1l1]],
                t_s1r1[pid[s1r1] * NL + lid[s1r1]], t_s1r2[pid[s1r2] * NL + lid[s1r2]],
                t_s0p_s0l1_s1p[(p0 * NL + lid[s0l1]) * NP + p1], t_s1p_s1r1_s0p[(p1 * NL + lid[s1r1]) * NP + p0],
                t_s1p_s1l1_s0p[(p1 * NL + lid[s1l1]) * NP + p0], t_s0labs.get((p0, left_labs[s0]), zero),
                t_s1rlabs.get((p1, right_labs[s1]) if s1 >= 0 else "-", zero),
            ]
            w0, w1, wb0 = wid[s0], wid[s1], wid[b0]
            if w0 or w1:  # the word features (a word the model never saw has none)
                for table, key in (((x_s0wp_s1p, (w0, p0, p1)), (x_s0w_s1p, (w0, p1)), (x_d_s0w, (dist, w0)),
                                    (x_s0vl_s0w, (v0l, w0)), (x_s0w_s1w, (w0, w1)), (x_s0w_b0w, (w0, wb0))) if w0 else ()) \
                        + (((x_s0p_s1wp, (p0, w1, p1)), (x_s0p_s1w, (p0, w1)), (x_d_s1w, (dist, w1)),
                            (x_s1vr_s1w, (v1r, w1))) if w1 else ()):
                    v = table.get(key)
                    if v is not None:
                        rows.append(v if v >= 0 else fill(table, key, v))
            scores = reduce(M.take(rows, 0), 0) + S[1 + s0] + S[u1 + s1] + S[bb + i]
            if bounds is None:
                c = parser._best(scores.tolist(), (shift, left, right))
            else:  # the valid classes are one range: the first highest score (as Parser._best)
                lo = 0 if shift else bounds[0] if left else bounds[1]
                hi = n_classes if right else bounds[0]
                c = lo + int(scores[lo:hi].argmax()) if lo < hi else parser._best(scores.tolist(), (shift, left, right))
            move = moves[c]
            if move == SHIFT:
                stack.append(i)
                i += 1
            elif move == LEFT:
                s0 = stack.pop()
                s1 = stack.pop()
                heads[s1], labels[s1], lid[s1] = s0, parser.classes[c][1], class_lab[c]
                lefts[s0].insert(0, s1)
                left_labs[s0] = (class_lab[c], *left_labs[s0])
                stack.append(s0)
            else:
                s0 = stack.pop()
                s1 = stack[-1]
                heads[s0], labels[s0], lid[s0] = s1, parser.classes[c][1], class_lab[c]
                rights[s1].append(s0)
                right_labs[s1] = (*right_labs[s1], class_lab[c])
        return heads[1:], labels[1:]


class Parser:
    """Averaged-perceptron arc-standard parser; ``classes`` are (move, label) pairs.

    A loaded model parses with ``compiled`` (:class:`_Compiled`, integer ids); ``table`` (feature
    strings, :class:`_Table`) is the reference path it must agree with, used for tags holding a
    "/" (which the id tables cannot split) and by the tests; training scores with ``weights``."""

    def __init__(self, classes: list[tuple[int, str]], weights: dict[str, dict[int, float]],
                 table: _Table | None = None, compiled: _Compiled | None = None, path: Path | None = None):
        self.classes = classes
        self.weights = weights
        self.table = table  # a loaded model's weights as arrays (reference inference); None while training
        self.compiled = compiled
        self.path = path
        self._by_move = [[c for c, (m, _) in enumerate(classes) if m == mv] for mv in (SHIFT, LEFT, RIGHT)]

    @property
    def n_features(self) -> int:
        if self.compiled is not None:
            return self.compiled.n_features
        return len(self.table.rows) if self.table is not None else len(self.weights)

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
        if self.compiled is not None:
            if not any("/" in t for t in tags):
                return self.compiled.parse(self, [_norm(x) for x in words], list(tags))
            if self.table is None and self.path is not None:
                return reference(self.path).parse(words, tags)
        return self.parse_reference(words, tags)

    def parse_reference(self, words: list[str], tags: list[str]) -> tuple[list[int], list[str]]:
        """:meth:`parse` by feature strings (the training code's features; the reference)."""
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


def _read(path: Path, lang: str) -> tuple[list[tuple[int, str]], dict[str, list[int]]]:
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
        return classes, data["weights"]
    except (OSError, EOFError, ValueError, KeyError, TypeError) as exc:
        raise ParseModelError(f"{path}: not a readable dependency parser model ({exc})") from None


@functools.cache
def load(lang: str = "en", path: Path | None = None) -> Parser:
    """The shipped parser of ``lang`` (loaded once per process)."""
    from graphbuilder.cache import cached

    path = path or MODEL_DIR / f"parse-{lang}.json.gz"
    if not path.exists():
        _read(path, lang)  # (raises, saying how to train one)

    def build() -> tuple[list[tuple[int, str]], _Compiled]:
        classes, weights = _read(path, lang)
        try:
            return classes, _Compiled(weights, classes)
        except (ValueError, KeyError, TypeError, IndexError) as exc:
            raise ParseModelError(f"{path}: not a readable dependency parser model ({exc})") from None

    # the id tables are kept in the compiled-resource cache (≈ 0.1 s to read; 1.9 s to build)
    classes, compiled = cached(f"depparse-{path.name.split('.')[0]}", [path, __file__], build)
    return Parser(classes, {}, compiled=compiled, path=path)


@functools.cache
def reference(path: Path, lang: str = "en") -> Parser:
    """The model at ``path`` scored by feature strings (:class:`_Table`): the reference parses
    :func:`load`'s parser must equal (loaded on demand only)."""
    classes, weights = _read(path, lang)
    return Parser(classes, {}, _Table(weights, len(classes)), path=path)


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
    reference.cache_clear()
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
              "features": shipped.n_features, "model_bytes": size,
              "parse_sentences_per_s": round(speed), "seconds": round(time.time() - t0)}
    (out_dir / f"parse-{lang}.train.json").write_text(json.dumps(report, indent=1, sort_keys=True) + "\n",
                                                      encoding="utf-8")
    log(f"wrote {out} ({size / 1e6:.1f} MB): dev UAS {uas:.4f} LAS {las:.4f} (predicted UPOS)")
    return report
