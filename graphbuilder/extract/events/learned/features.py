"""Tokens of a sentence and the features the learned trigger tagger reads from them.

A token is a word (letters/digits, with inner hyphens and apostrophes: "UN-Sicherheitsrat",
"Blair's") or one punctuation sign. Features of a token: its lowercase form and lemma
(simplemma, cached per word), prefixes and suffixes (the suffixes of length 4–6 are German
compound heads: "Drohnen|angriff"), the part after the last hyphen, its shape and
capitalisation, whether it opens the sentence, whether it lies inside a quote or a name, whether
the sentence is a headline, whether today's lexicon matches here and with which type (raw, and
after the rule filters) — all of these for the token and, in part, for its neighbours ±2.
Part-of-speech features (:func:`pos_context`) exist but are off (:data:`POS_FEATURES`): they
gained too little in cross-validation for their cost in speed. Wordnet lexicographer classes of the
token and its neighbours ±1 (:func:`wordnet_features`, tables in ``data/lexicon/``) exist too and are
switched by :data:`WORDNET_FEATURES`. Word-cluster ids (:func:`cluster_features`, tables in
``data/clusters/``) and time/name context (a date or a name near the token) exist and are switched by
:data:`CLUSTER_FEATURES` and :data:`CONTEXT_FEATURES`, both off: no gain in cross-validation (model card).
The lemma trigger prior (:class:`TriggerPrior`: how often a lemma was a gold trigger, and of which type,
in the training articles; stored beside each tagger) gives features to the second-stage detector and,
switched by :data:`PRIOR_FEATURES` (off: no gain in CV), to the tagger.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from functools import lru_cache
import gzip
from pathlib import Path
import re
from typing import Any

from graphbuilder.extract.crf_attributes import KnownAttributes

WORD_RE = re.compile(r"\w+(?:[-'’.]\w+)*|[^\w\s]")
QUOTES = set("\"„“”«»")
POS_FEATURES = False  # part-of-speech features (:func:`pos_context`): +0.006 CV detection F1 for ~40 % of the pipeline's speed, off
WORDNET_FEATURES = False  # wordnet lexicographer classes (:func:`lexical_classes`); see the model card for the CV figures
WORDNET_ALL_CLASSES = True  # the token's every class (else only the first sense's class per part of speech)
WORDNET_NEIGHBOURS = True  # also the first-sense classes of the neighbours ±1
CONTEXT_FEATURES = False  # time expressions and names near the token: no gain in 5-fold CV (model card), off
CLUSTER_FEATURES = False  # word-cluster ids of the token and its neighbours ±1 (:func:`cluster_features`): no gain in CV, off
PRIOR_FEATURES = False  # the lemma trigger prior (:class:`TriggerPrior`) as tagger features: no gain in 5-fold CV (model card), off
PRIOR_NEIGHBOURS = False  # also the prior bucket of the neighbours ±1
LEXICON_DIR = Path(__file__).resolve().parents[3] / "data" / "lexicon"
CLUSTER_DIR = Path(__file__).resolve().parents[3] / "data" / "clusters"
_DETERMINERS = {
    "en": frozenset("the a an his her its their our my your this that these those of no any every another".split()),
    "de": frozenset(),
}
_NOUN_SUFFIXES_EN = ("tion", "tions", "ment", "ments", "ence", "ance", "ship", "ism", "ure", "sion", "sions", "ity",
                     "cy", "ings", "ists", "iew", "iews", "ks", "ts")


@lru_cache(maxsize=200_000)
def lemma(word: str, lang: str) -> str:
    """The lowercased lemma of a word (simplemma; the word itself when unknown)."""
    from graphbuilder.extract.lemmas import lemmatize

    try:
        return lemmatize(word, lang).lower()
    except Exception:  # pragma: no cover - simplemma refuses very odd tokens
        return word.lower()


@lru_cache(maxsize=4)
def wordnet_table(lang: str) -> dict[str, tuple[str, ...]]:
    """Lemma -> lexicographer classes (``v.motion``, ``n.act`` …, the first sense's first) from
    ``data/lexicon/wordnet-<lang>.tsv.gz`` (built by ``scripts/build_wordnet_lexicon.py``; read once,
    lazily); empty when the language has no table."""
    path = LEXICON_DIR / f"wordnet-{lang}.tsv.gz"
    if not path.is_file():
        return {}
    table: dict[str, tuple[str, ...]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            lem, _, classes = line.rstrip("\n").partition("\t")
            if lem and classes:
                table[lem] = tuple(classes.split(","))
    return table


@lru_cache(maxsize=200_000)
def lexical_classes(word: str, lang: str) -> tuple[str, ...]:
    """The wordnet lexicographer classes of a word: by its lemma, else its lowercase form, else (German)
    the longest compound head of at least 4 letters the table knows ("Drohnenangriff" -> "angriff")."""
    table = wordnet_table(lang)
    if not table or not word[:1].isalpha():
        return ()
    for key in (lemma(word, lang), word.lower()):
        if key in table:
            return table[key]
    if lang == "de" and len(word) > 6:
        low = lemma(word, lang)
        for k in range(1, len(low) - 3):
            if low[k:] in table:
                return table[low[k:]]
    return ()


def wordnet_features(word: str, lang: str, prefix: str = "", *, all_classes: bool = True) -> list[str]:
    """``wn=`` features of a word: every class (``all_classes``) and the first sense's class per part of speech."""
    classes = lexical_classes(word, lang)
    if not classes:
        return []
    out = [f"{prefix}wn={c}" for c in classes] if all_classes else []
    first_v = next((c for c in classes if c[0] == "v"), None)
    first_n = next((c for c in classes if c[0] == "n"), None)
    if first_v:
        out.append(f"{prefix}wnv1={first_v}")
    if first_n:
        out.append(f"{prefix}wnn1={first_n}")
    return out


@lru_cache(maxsize=4)
def cluster_table(lang: str) -> dict[str, tuple[str, ...]]:
    """Word -> its cluster ids at three granularities (``data/clusters/clusters-<lang>.tsv.gz``, built
    by ``scripts/build_word_clusters.py`` from shippable text; read once, lazily); empty without a table."""
    path = CLUSTER_DIR / f"clusters-{lang}.tsv.gz"
    if not path.is_file():
        return {}
    from graphbuilder.cache import cached  # kept parsed between runs, keyed by the file's hash

    return cached(f"event-clusters-{lang}", [path, __file__], lambda: _read_cluster_table(path))


def _read_cluster_table(path: Path) -> dict[str, tuple[str, ...]]:
    from graphbuilder.extract.ner.features import cluster_rows

    seen: dict[tuple[str, ...], tuple[str, ...]] = {}  # one tuple per distinct cluster triple
    return {word: seen.setdefault(tuple(ids), tuple(ids)) for word, ids in cluster_rows(path)}


@lru_cache(maxsize=200_000)
def word_clusters(word: str, lang: str) -> tuple[str, ...]:
    """The cluster ids of a word: as written, lowercase or by lemma, else (German) those of its longest
    compound head of at least 4 letters the table knows ("Drohnenangriff" -> "Angriff")."""
    table = cluster_table(lang)
    if not table or not word[:1].isalpha():
        return ()
    low = word.lower()
    for key in (word, low, lemma(word, lang)):
        if key in table:
            return table[key]
    if lang == "de" and len(word) > 6:
        for k in range(1, len(word) - 3):
            head = word[k:]
            for key in (head.capitalize(), head):
                if key in table:
                    return table[key]
    return ()


@lru_cache(maxsize=200_000)
def cluster_features(word: str, lang: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """``c64=``/``c256=``/``c1024=`` of the word, and its ``c256`` as the left and right neighbour."""
    ids = word_clusters(word, lang)
    if not ids:
        return (), (), ()
    own = tuple(f"c{n}={i}" for n, i in zip((64, 256, 1024), ids))
    return own, (f"-1c256={ids[1]}",), (f"1c256={ids[1]}",)


# --- lemma trigger prior (issue 12: how often a lemma is a gold trigger, and of which type) ----------

PRIOR_MIN_KEEP = 3  # a lemma never seen as a trigger is kept in the table when seen this often
PRIOR_HEAD_MIN = 4  # least length of a German compound head looked up for a lemma the table lacks


def _ratio_bucket(r: float) -> str:
    return "0" if r == 0 else "1" if r < 0.05 else "2" if r < 0.2 else "3" if r < 0.45 else "4" if r < 0.75 else "5"


def _count_bucket(n: int) -> str:
    return "1" if n == 1 else "2" if n < 5 else "3" if n < 20 else "4"


class TriggerPrior:
    """How often each lemma was a gold trigger in the training articles: lemma -> (occurrences, as
    a trigger, {type: count}). Its features (:meth:`features`) are bucketed ratios: the lemma's
    trigger rate with its frequency, and its commonest type's rate; a German lemma the table lacks
    is looked up by its longest known compound head ("drohnenangriff" -> "angriff"). Trained and
    cross-validated jackknifed (``training.events``): an article's own triggers never count in
    the prior its features see."""

    def __init__(self, rows: dict[str, tuple[int, int, dict[str, int]]], lang: str) -> None:
        self.rows = rows
        self.lang = lang
        self._cache: dict[str, tuple[str, ...]] = {}

    @classmethod
    def count(cls, seqs: list[tuple[list[list[str]], list[str]]], lang: str) -> "TriggerPrior":
        """The prior of training sequences (the tagger's feature lists, which carry ``lem=``, and BIO tags)."""
        occ: dict[str, int] = {}
        trig: dict[str, dict[str, int]] = {}
        for feats, tags in seqs:
            for f, tag in zip(feats, tags):
                lem = next((x[4:] for x in f if x.startswith("lem=")), None)
                if lem is None or not lem[:1].isalpha():
                    continue
                occ[lem] = occ.get(lem, 0) + 1
                if tag != "O":
                    d = trig.setdefault(lem, {})
                    d[tag[2:]] = d.get(tag[2:], 0) + 1
        rows = {lem: (n, sum(trig.get(lem, {}).values()), trig.get(lem, {})) for lem, n in occ.items()
                if lem in trig or n >= PRIOR_MIN_KEEP}
        return cls(rows, lang)

    @classmethod
    def read(cls, path: Path, lang: str) -> "TriggerPrior":
        rows: dict[str, tuple[int, int, dict[str, int]]] = {}
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                lem, n, k, types = (line.rstrip("\n").split("\t") + [""])[:4]
                d = {t: int(c) for t, _, c in (x.partition(":") for x in types.split(",")) if t}
                rows[lem] = (int(n), int(k), d)
        return cls(rows, lang)

    def write(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as fh, gzip.GzipFile(filename="", fileobj=fh, mode="wb", mtime=0) as raw:
            for lem in sorted(self.rows):  # same bytes for the same table (no name or time in the header)
                n, k, d = self.rows[lem]
                types = ",".join(f"{t}:{c}" for t, c in sorted(d.items()))
                raw.write(f"{lem}\t{n}\t{k}\t{types}\n".encode())
        return path

    def _row(self, lem: str) -> tuple[str, tuple[int, int, dict[str, int]]] | None:
        row = self.rows.get(lem)
        if row is not None:
            return "", row
        if self.lang == "de" and len(lem) > PRIOR_HEAD_MIN + 1:
            for k in range(1, len(lem) - PRIOR_HEAD_MIN + 1):
                row = self.rows.get(lem[k:])
                if row is not None:
                    return "h", row
        return None

    def features(self, lem: str) -> tuple[str, ...]:
        """``pr=`` (trigger rate | frequency) and ``prt=`` (commonest type | its rate) of a lemma;
        ``prh``/``prht`` when they come from a compound head; ``pr=unk`` for an unknown lemma."""
        out = self._cache.get(lem)
        if out is not None:
            return out
        found = self._row(lem) if lem[:1].isalpha() else None
        if found is None:
            out = ("pr=unk",) if lem[:1].isalpha() else ()
        else:
            h, (n, k, d) = found
            out = (f"pr{h}={_ratio_bucket(k / n)}|{_count_bucket(n)}",)
            if d:
                t, c = max(d.items(), key=lambda x: (x[1], x[0]))
                out += (f"pr{h}t={t}|{_ratio_bucket(c / n)}",)
        self._cache[lem] = out
        return out


def prior_path(model: Path) -> Path:
    """Where the lemma trigger prior of a trigger tagger is stored: beside it
    (``events-de-triggers.crfsuite`` -> ``events-de-triggers.prior.tsv.gz``)."""
    return model.with_name(model.name.rsplit(".", 1)[0] + ".prior.tsv.gz")


@lru_cache(maxsize=16)
def _read_prior(path: str, mtime: float, lang: str) -> TriggerPrior:
    return TriggerPrior.read(Path(path), lang)


def prior_for(model: Path, lang: str) -> TriggerPrior | None:
    """The prior stored beside a trigger tagger (read once per file version), or None without one."""
    path = prior_path(Path(model))
    if not path.is_file():
        return None
    return _read_prior(str(path), path.stat().st_mtime, lang)


def add_prior(feats: list[list[str]], prior: TriggerPrior) -> list[list[str]]:
    """Copies of a sentence's feature lists with the prior features of each token (by its ``lem=``)."""
    lems = [f[2][4:] if len(f) > 2 and f[2].startswith("lem=") else
            next((x[4:] for x in f if x.startswith("lem=")), "") for f in feats]
    own = [prior.features(lem) for lem in lems]
    out = []
    for i, f in enumerate(feats):
        g = [*f, *own[i]]
        if PRIOR_NEIGHBOURS:
            for d in (-1, 1):
                if 0 <= i + d < len(feats) and own[i + d]:
                    g.append(f"{d}{own[i + d][0]}")
        out.append(g)
    return out


@lru_cache(maxsize=200_000)
def shape(word: str) -> str:
    """A short shape class: ``Xx`` (title), ``x``, ``X`` (all caps), ``d`` (digits), ``Xx-Xx`` …"""
    out = []
    for ch in word:
        c = "X" if ch.isupper() else "x" if ch.isalpha() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)[:6]


@lru_cache(maxsize=200_000)
def word_features(word: str, lang: str) -> tuple[str, ...]:
    """The features of a word that do not depend on its context (cached per word)."""
    low = word.lower()
    lem = lemma(word, lang)
    feats = [f"w={low}", f"lem={lem}", f"sh={shape(word)}"]
    if word.isalpha():
        # a coarse stand-in for part of speech: the lemma's ending and whether the word is inflected
        feats.append(f"ls2={lem[-2:]}")
        feats.append(f"infl={int(lem != low)}|cap={int(word[:1].isupper())}")
        if lang == "de" and not word[:1].isupper() and lem.endswith(("en", "ern", "eln")):
            feats.append("verbal")
        if lang == "en" and lem != low and low.endswith(("ed", "en")) and not word[:1].isupper():
            feats.append("verbal")
    if word[:1].isupper():
        feats.append("cap")
    if len(low) >= 4:
        feats.append(f"p3={low[:3]}")
        for k in (2, 3, 4, 5, 6):
            if len(low) > k:
                feats.append(f"s{k}={low[-k:]}")
    if "-" in low:
        feats.append(f"hp={low.rsplit('-', 1)[1]}")
    if not word[0].isalnum():
        feats.append("punct")
    return tuple(feats)


def known_word_features(lang: str, known: KnownAttributes) -> Callable[[str], tuple[Any, ...]]:
    """For a tagger (inference only): a word's :func:`word_features` and :func:`_neighbour_features`
    reduced to the attributes the tagger's model knows, as bytes (:mod:`graphbuilder.extract.crf_attributes`),
    cached per word type in place of their own caches: ``(own, (-2, -1, +1, +2), k1, k2)``, where ``k1``/``k2``
    are how many of the ``-1``/``+1`` parts' three word features are left (:func:`_with_context` inserts
    after them). Of the neighbour parts only the word form and lemma are tested (:meth:`KnownAttributes.keep_at`)."""
    own_of, near_of = word_features.__wrapped__, _neighbour_features.__wrapped__

    @lru_cache(maxsize=200_000)
    def get(word: str) -> tuple[Any, ...]:
        own = own_of(word, lang)
        m2, m1, p1, p2 = near_of(word, lang)
        m1k, p1k = known.keep_at(m1, _OPEN_NEAR), known.keep_at(p1, _OPEN_NEAR)
        return (known.keep(own), (known.keep_at(m2, _OPEN_NEAR), m1k, p1k, known.keep_at(p2, _OPEN_NEAR)),
                3 - len(m1) + len(m1k), 3 - len(p1) + len(p1k))

    return get


_OPEN_NEAR = (1, 0)  # the neighbour's lemma and word form


def tokenize(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Character spans of the tokens of ``text[start:end]``."""
    return [m.span() for m in WORD_RE.finditer(text, start, end)]


def labels_at(spans: Sequence[tuple[int, int, str]], toks: list[tuple[int, int]]) -> list[str | None]:
    """Per token (sorted, not overlapping): the label of the first span overlapping it, or None.
    Each span labels the tokens it overlaps (found by bisection), the spans taken last to first
    so that the first one wins."""
    out: list[str | None] = [None] * len(toks)
    if not spans:
        return out
    starts = [s for s, _e in toks]
    ends = [e for _s, e in toks]
    for a, b, lab in reversed(spans):
        for i in range(bisect.bisect_right(ends, a), bisect.bisect_left(starts, b)):
            out[i] = lab
    return out


def sentence_features(text: str, lang: str, toks: list[tuple[int, int]], *, is_title: bool,
                      lexicon: list[tuple[int, int, str]], kept: list[tuple[int, int, str]],
                      entities: list[tuple[int, int, str]],
                      times: list[tuple[int, int, str]] = (),
                      known: Callable[[str], tuple[Any, ...]] | None = None) -> list[list[Any]]:
    """One feature list per token. ``lexicon``: raw lexicon matches (start, end, TYPE:V|N);
    ``kept``: the matches the rule filters keep (start, end, TYPE); ``entities``: names (start, end, LABEL);
    ``times``: time expressions (start, end, TIMEX3 type) of the sentence. ``known`` (inference): a
    :func:`known_word_features`, whose per-word parts (only what the model knows, as bytes) stand in for
    :func:`word_features`' and :func:`_neighbour_features`' — the tagger sees the same."""
    words = [text[s:e] for s, e in toks]
    if known is not None:
        kw = [known(w) for w in words]
        base: list[tuple[Any, ...]] = [k[0] for k in kw]
    else:
        base = [word_features(w, lang) for w in words]
    lex = labels_at(lexicon, toks)
    rule = labels_at(kept, toks)
    ent = labels_at(entities, toks)
    quote = []
    inside = False
    for w in words:
        if w in QUOTES:  # only quote marks open or close a quote
            if w in "„«" or (w == "“" and lang != "de"):
                inside = True
            elif w in "”»" or w == "“":
                inside = False
            else:  # '"'
                inside = not inside
        quote.append(inside)
    n = len(toks)
    extra = pos_context(words, tag_words(words, lang), lang, ent) if POS_FEATURES else None
    # what each token gives its neighbours; pad[i + 2] is token i's, beyond the sentence "-2none" …
    if known is None:
        pad = [_NONE, _NONE, *[_neighbour_features(w, lang) for w in words], _NONE, _NONE]
        for j in range(n):
            if lex[j] or ent[j]:
                pad[j + 2] = _with_context(pad[j + 2], lex[j], ent[j])
    else:
        pad = [_NONE, _NONE, *[k[1] for k in kw], _NONE, _NONE]
        for j in range(n):
            if lex[j] or ent[j]:
                pad[j + 2] = _with_context(pad[j + 2], lex[j], ent[j], kw[j][2], kw[j][3])
    cl = [cluster_features(w, lang) for w in words] if CLUSTER_FEATURES else []
    tim = labels_at(times, toks) if CONTEXT_FEATURES and times else [None] * n
    sent_time = sorted({t for t in tim if t})
    out: list[list[str]] = []
    german = lang == "de"
    for i in range(n):
        f = ["b", *base[i]]
        if i == 0:
            f.append("first")
        if is_title:
            f.append("title")
        if quote[i]:
            f.append("inq")
        if lex[i]:
            f.append(f"lex={lex[i]}")
            f.append(f"lext={lex[i].split(':')[0]}")
        if rule[i]:
            f.append(f"rule={rule[i]}")
        if ent[i]:
            f.append(f"ent={ent[i]}")
        # tokens i - 2, i - 1, i + 1, i + 2 as seen from token i
        f += [*pad[i][0], *pad[i + 1][1], *pad[i + 3][2], *pad[i + 4][3]]
        if i > 0 and german and words[i][:1].isupper():
            f.append("midcap")  # a German noun (or a name)
        if extra is not None:
            f.extend(extra[i])
        if CONTEXT_FEATURES and words[i][:1].isalpha():
            # a happening is placed in time and has actors: a date or a name close by
            if tim[i]:
                f.append("intime")
            for t in sent_time:
                f.append(f"stime={t}")
            near_t = [tim[j] for j in range(max(0, i - 5), min(n, i + 6)) if j != i and tim[j]]
            if near_t:
                f.append(f"ntime={near_t[0]}")
            for k in sorted({ent[j] for j in range(max(0, i - 4), min(n, i + 5)) if j != i and ent[j]}):
                f.append(f"nent={k}")
        if CLUSTER_FEATURES:
            f.extend(cl[i][0])
            if i > 0:
                f.extend(cl[i - 1][1])
            if i + 1 < n:
                f.extend(cl[i + 1][2])
        if WORDNET_FEATURES:
            f.extend(wordnet_features(words[i], lang, all_classes=WORDNET_ALL_CLASSES))
            for d in (-1, 1) if WORDNET_NEIGHBOURS else ():
                if 0 <= i + d < n:
                    f.extend(wordnet_features(words[i + d], lang, f"{d}", all_classes=False))
        out.append(f)
    return out


def tag_words(words: list[str], lang: str) -> list[str]:
    """Universal parts of speech of the words (the CRF taggers of :mod:`graphbuilder.extract.linguistic`)."""
    from graphbuilder.extract.linguistic import tag_words as tag

    return tag(words, "de" if lang == "de" else "en")


_PARTICLE_TAGS = frozenset({"ADP", "PART", "ADV", "ADJ"})
_CLAUSE_END = frozenset(",.;:!?\"„“”«»()–-")


def pos_context(words: list[str], pos: list[str], lang: str, ent: list[str | None]) -> list[list[str]]:
    """Part-of-speech features per token: its tag and its neighbours' (±2), the tag with the lemma
    and with the suffix (word-class-aware), German separable verbs (a clause-final particle joined
    to the clause's verb: "kündigte … an" -> ``sep=ankündigen``), and whether a name, a number or an
    auxiliary is near."""
    n = len(words)
    out: list[list[str]] = [[] for _ in range(n)]
    sep: dict[int, str] = {}
    if lang == "de":
        start = 0
        for i, w in enumerate(words):
            if w in _CLAUSE_END or i == n - 1:
                end = i if w in _CLAUSE_END else i + 1
                last = end - 1
                if last > start and pos[last] in _PARTICLE_TAGS and words[last].islower() and len(words[last]) <= 6:
                    verb = next((j for j in range(start, last) if pos[j] == "VERB" and words[j].islower()), None)
                    if verb is not None:
                        sep[verb] = words[last].lower() + lemma(words[verb], lang)
                        out[last].append("ptkvz")
                start = i + 1
    aux_before = False
    for i in range(n):
        p = pos[i]
        f = out[i]
        f.append(f"pos={p}")
        low = words[i].lower()
        f.append(f"lp={lemma(words[i], lang)}|{p}")
        if len(low) > 3:
            f.append(f"ps3={p}|{low[-3:]}")
        for d in (-2, -1, 1, 2):
            j = i + d
            f.append(f"{d}pos={pos[j] if 0 <= j < n else '-'}")
        f.append(f"pp={pos[i - 1] if i else '-'}|{p}")
        f.append(f"pn={p}|{pos[i + 1] if i + 1 < n else '-'}")
        if i in sep:
            f.append(f"sep={sep[i]}")
        if p in ("VERB", "NOUN", "ADJ"):
            if aux_before:
                f.append("auxbefore")
            window = range(max(0, i - 4), min(n, i + 5))
            kinds = {ent[j] for j in window if j != i and ent[j]}
            for k in sorted(kinds):
                f.append(f"nearent={k}")
            if any(pos[j] == "NUM" for j in window if j != i):
                f.append("nearnum")
        if p == "AUX":
            aux_before = True
    return out


_NONE = (("-2none",), ("-1none",), ("1none",), ("2none",))  # what no token gives its neighbours


@lru_cache(maxsize=50_000)
def _neighbour_features(word: str, lang: str) -> tuple[tuple[str, ...], ...]:
    """The features a word gives the token two after it ("-2w=…"), the next one ("-1w=…",
    "-1lem=…", "-1sh=…", then "-1det" for a determiner), the one before ("1w=…" …) and the one
    two before ("2w=…"); cached per word so that they are not formatted again for every token
    (≈ 0.8 kB a word: the 50,000 most recent words, ≈ 40 MB at most)."""
    low, lem, shp = word.lower(), lemma(word, lang), shape(word)
    det = low in _DETERMINERS.get(lang, frozenset())
    return ((f"-2w={low}",), (f"-1w={low}", f"-1lem={lem}", f"-1sh={shp}", *(("-1det",) if det else ())),
            (f"1w={low}", f"1lem={lem}", f"1sh={shp}", *(("1det",) if det else ())), (f"2w={low}",))


def _with_context(near: tuple[tuple[Any, ...], ...], lex: str | None, ent: str | None,
                  k1: int = 3, k2: int = 3) -> tuple[tuple[Any, ...], ...]:
    """:func:`_neighbour_features` with the token's lexicon type and name label for the next and
    the previous token, after the word's three features (``k1``/``k2`` of them where some were left
    out, :func:`known_word_features`) and before the determiner flag."""
    extra = ([f"lext={lex.split(':')[0]}"] if lex else []) + ([f"ent={ent}"] if ent else [])
    m2, m1, p1, p2 = near
    return (m2, (*m1[:k1], *("-1" + x for x in extra), *m1[k1:]),
            (*p1[:k2], *("1" + x for x in extra), *p1[k2:]), p2)


def is_verb_guess(text: str, lang: str, toks: list[tuple[int, int]], i: int) -> bool:
    """Whether token ``i`` is probably a verb (used when the lexicon does not say): German
    nouns are capitalised; English nouns follow a determiner or carry a noun suffix."""
    word = text[toks[i][0]:toks[i][1]]
    if lang == "de":
        return not word[:1].isupper()
    prev = text[toks[i - 1][0]:toks[i - 1][1]].lower() if i > 0 else ""
    low = word.lower()
    if prev in _DETERMINERS["en"] or prev in ("'s", "’s"):
        return False
    if low.endswith(_NOUN_SUFFIXES_EN) and not low.endswith(("ed", "ing")):
        return False
    return True
