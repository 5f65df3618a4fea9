"""Tokens and CRF features for the learned name recogniser.

Features of a token: its form (lowercased word, shape, prefixes/suffixes, casing, length),
membership in the gazetteers and dictionaries of :mod:`graphbuilder.extract.entities` (first
names, surnames, German common nouns, English dictionary words, function words, organisation
cues and acronyms, role titles, country adjectives), its position in the sentence, the same for
its neighbours, and two document-level signals: the gazetteer phrase hits over the token
(``Berlin``, ``Vereinte Nationen``) and the hand-written rules' decision over it. The rules are
thus a feature the model weighs, not an override. Word features are cached per word type.
"""

from __future__ import annotations

import bisect
import functools
import gzip
import itertools
import os
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from graphbuilder.extract import entities as E
from graphbuilder.extract.crf_attributes import KnownAttributes

# runtime tokens: dotted abbreviations ("U.S."), words with inner hyphens/dots/ampersands,
# an English possessive on its own ("'s"), single punctuation marks
TOKEN_RE = re.compile(
    r"(?:[A-Za-zÄÖÜ]\.){2,}|\w+(?:[-.&/]\w+)*(?:['’](?![sS]\b)\w+)*|['’][sS]\b|[^\w\s]")
_SHAPE_TR = str.maketrans(
    {**{c: "X" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÜÉÈÀÁÓÍÚŠŽČ"},
     **{c: "x" for c in "abcdefghijklmnopqrstuvwxyzäöüßéèàáóíúšžčçñ"},
     **{c: "d" for c in "0123456789"}})
OPEN_QUOTES = frozenset("„\"“«»‚'‘(")


CLUSTER_DIR = Path(__file__).resolve().parents[2] / "data" / "clusters"
CLUSTER_LANGS = ("de",)  # languages whose model has word-cluster features
CLUSTER_NAMES = ("c64", "c256", "c1024")
# languages whose model has the long affixes (5-letter suffix, 4/5-letter prefixes) and the
# window features (three-token shape window, word with its neighbours' shapes, position)
WINDOW_LANGS = ("de",)
AFFIX_LANGS = WINDOW_LANGS  # languages with the long affixes (an experiment may set them apart)
# feature groups measured and not kept (GermEval dev CV, docs/quality.md), off unless an
# experiment sets them: "gazpos"/"rulepos" = the gazetteer's / rules' tag with the token's
# position in the phrase (B/I/L/U instead of B/I)
VARIANT: frozenset[str] = frozenset()


@functools.cache
def clusters(lang: str) -> dict[str, tuple[str, ...]]:
    """Word -> its cluster ids (``clusters-LANG.tsv.gz``, built by
    ``scripts/build_word_clusters.py``); empty for a language without clusters."""
    path = cluster_path(lang)
    if lang not in CLUSTER_LANGS or not path.exists():
        return {}
    from graphbuilder.cache import cached  # kept parsed between runs, keyed by the file's hash

    return cached(f"clusters-{lang}", [path, __file__], lambda: _read_clusters(path))


def cluster_path(lang: str) -> Path:
    """The recogniser's cluster table: ``$GRAPHBUILDER_NER_CLUSTERS`` when set (experiments), else
    ``clusters-LANG-ner.tsv.gz`` (the recogniser's own, from a larger corpus) when shipped, else
    ``clusters-LANG.tsv.gz`` (shared with the event trigger taggers)."""
    env = os.environ.get("GRAPHBUILDER_NER_CLUSTERS")
    if env:
        return Path(env)
    own = CLUSTER_DIR / f"clusters-{lang}-ner.tsv.gz"
    return own if own.exists() else CLUSTER_DIR / f"clusters-{lang}.tsv.gz"


def _read_clusters(path: Path) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    ids_seen: dict[tuple[str, ...], tuple[str, ...]] = {}  # one tuple per distinct cluster triple
    for word, ids in cluster_rows(path):
        feats = tuple(f"{n}={i}" for n, i in zip(CLUSTER_NAMES, ids))
        out[word] = ids_seen.setdefault(feats, feats)
    return out


def cluster_rows(path: Path) -> Iterator[tuple[str, list[str]]]:
    """(word, its cluster ids) of a ``clusters-<lang>.tsv.gz`` table, comment lines skipped."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if not line.startswith("#"):
                word, *ids = line.rstrip("\n").split("\t")
                yield word, ids


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Character spans of the recogniser's tokens in ``text[start:end]``."""
    return [m.span() for m in TOKEN_RE.finditer(text, start, len(text) if end is None else end)]


def shape(word: str) -> str:
    """"Merkel" -> "Xx", "OSZE" -> "X", "G7" -> "Xd", "Baden-Baden" -> "Xx-Xx" (each run of one
    class as one character)."""
    return "".join(c for c, _run in itertools.groupby(word.translate(_SHAPE_TR)))


@functools.lru_cache(maxsize=400_000)
def word_features(word: str, lang: str) -> tuple[tuple[str, ...], ...]:
    """Features of a word type, cached: (its own, as seen from the next token ("-1:…"), from
    the previous token ("1:…"), two tokens on ("-2:w=…"), two tokens back ("2:w=…"))."""
    lex = E.lexicon()
    low = word.lower()
    sh = shape(word)
    own = ["w=" + low, "sh=" + sh, "s2=" + low[-2:], "s3=" + low[-3:], "s4=" + low[-4:],
           "p2=" + low[:2], "p3=" + low[:3], "len=" + str(min(len(word), 12))]
    if lang in AFFIX_LANGS:
        own.extend(("s5=" + low[-5:], "p4=" + low[:4], "p5=" + low[:5]))
    cap = word[:1].isupper()
    near = ["w=" + low, "sh=" + sh]
    flags: list[str] = []
    if cap:
        flags.append("cap")
        if word.isupper() and len(word) > 1:
            flags.append("upper")
    if not word.isalpha() and any(ch.isdigit() for ch in word):
        flags.append("digit")
    if "-" in word:
        flags.append("hyph")
    if word in lex.first_names:
        flags.append("first")
    if word in lex.surnames:
        flags.append("surname")
    if low in lex.function_words or word in lex.function_words:
        flags.append("func")
    if word in lex.common_words or low in lex.common_words:
        flags.append("common")
    if word in lex.adjectives:
        flags.append("adj-loc")
    if cap:
        if lang == "de":
            if E.is_common_noun(word):
                flags.append("noun")
            elif E.is_unknown_word(word):
                flags.append("unknown")
        elif low in E.english_words():
            flags.append("dictword")
        if E.is_org_cue(word):
            flags.append("orgcue")
        if E.is_org_acronym(word):
            flags.append("acronym")
        if E.cue_of(word, lang)[1] is not None:
            flags.append("role")
        compass, street, place_suffix = E._place_shape(word)
        if compass:
            flags.append("compass")
        if street:
            flags.append("street")
        if place_suffix:
            flags.append("placesuffix")
    elif lang == "en" and low in E.english_words():
        flags.append("dictword")
    if word in E.SPEECH_VERBS or low in E.SPEECH_VERBS:
        flags.append("speech")
    own.extend(flags)
    near.extend(flags)
    cl = clusters(lang)
    if cl:
        ids = cl.get(word) or cl.get(low) or ()
        own.extend(ids)
        near.extend(ids[1:2])
    return (tuple(own), tuple(["-1:" + f for f in near]), tuple(["1:" + f for f in near]),
            ("-2:" + near[0],), ("2:" + near[0],))


# the positions in word_features' parts whose strings are often unknown to a model (the word form,
# the long affixes: 60-100 % of them unknown for rare words); only these are tested
_OPEN_OWN = (10, 9, 8, 4, 0)  # p5=, p4=, s5=, s4=, w=
_OPEN_NEAR = (0,)  # -1:w=, 1:w=, -2:w=, 2:w=


def known_word_features(lang: str, known: KnownAttributes) -> Callable[[str], tuple[Any, ...]]:
    """:func:`word_features` for a tagger (inference only): each part reduced to the attributes its
    model knows, as bytes (:mod:`graphbuilder.extract.crf_attributes`), then the word's shape and
    whether its lowercase form can make a known ``bi=`` bigram as first and as second word, a known
    ``wn=`` and a known ``pw=`` window feature (where it cannot, :func:`sentence_features` does not
    build them: 70-97 % of these are unknown); cached per word type in place of :func:`word_features`'
    own cache."""
    build = word_features.__wrapped__
    bi_first, bi_second = known.pairs("bi=")
    wn_words, _ = known.pairs("wn=")
    _, pw_words = known.pairs("pw=")

    @functools.lru_cache(maxsize=400_000)
    def get(word: str) -> tuple[Any, ...]:
        own, m1, p1, m2, p2 = build(word, lang)
        low = word.lower()
        return (known.keep_at(own, _OPEN_OWN), known.keep_at(m1, _OPEN_NEAR), known.keep_at(p1, _OPEN_NEAR),
                known.keep_at(m2, _OPEN_NEAR), known.keep_at(p2, _OPEN_NEAR), own[1][3:],
                low in bi_first, low in bi_second, low in wn_words, low in pw_words)

    return get


def _bio(spans: Sequence[tuple[int, int, str]], tokens: Sequence[tuple[int, int]],
         starts: list[int], bilou: bool = False) -> list[str]:
    """Project character spans (start, end, tag) onto tokens as B-/I- tags ("" = none);
    ``bilou``: the last token of a span L-, a one-token span U-."""
    out = [""] * len(tokens)
    for s, e, tag in spans:
        i = bisect.bisect_left(starts, s)
        first = True
        last = -1
        while i < len(tokens) and tokens[i][1] <= e:
            if not out[i]:
                out[i] = ("B-" if first else "I-") + tag
                last = i
            first = False
            i += 1
        if bilou and last >= 0 and out[last][2:] == tag:
            out[last] = ("U-" if out[last][0] == "B" else "L-") + tag
    return out


def doc_signals(doc: E._Doc, chosen: Sequence[E._Cand], tokens: Sequence[tuple[int, int]]
                ) -> tuple[list[str], list[str], list[str]]:
    """Per token: gazetteer phrase tag, rule decision tag, rule name ("" where none)."""
    starts = [s for s, _e in tokens]
    gaz = _bio([(c.start, c.end, c.label + ("-d" if c.derived else "")) for c in doc.hits],
               tokens, starts, "gazpos" in VARIANT)
    rules = _bio([(c.start, c.end, c.label + ("-d" if c.derived else "")) for c in chosen],
                 tokens, starts, "rulepos" in VARIANT)
    names = _bio([(c.start, c.end, c.rule or "x") for c in chosen if not c.derived],
                 tokens, starts)
    return gaz, rules, names


def doc_labels(text: str, chosen: Sequence[E._Cand]) -> dict[str, str]:
    """Capitalised word -> the rules' labels of the names containing it anywhere in the
    document ("ORG", "LOC|PER"): evidence from the other sentences of one article."""
    seen: dict[str, set[str]] = {}
    for c in chosen:
        if c.derived:
            continue
        for m in TOKEN_RE.finditer(text, c.start, c.end):
            w = m.group()
            if w[:1].isupper():
                seen.setdefault(w, set()).add(c.label)
    return {w: "|".join(sorted(labels)) for w, labels in seen.items()}


def pos_tags(words: Sequence[str], lang: str) -> list[str]:
    """UPOS of a sentence's words from the linguistic layer's tagger."""
    from graphbuilder.extract.linguistic import tag_words

    return tag_words(list(words), lang)


def _window_features(words: Sequence[str], lows: Sequence[str], shapes: Sequence[str],
                     can: Sequence[tuple[bool, bool]] | None = None) -> list[tuple[str, ...]]:
    """Each token's window features: the shapes of the three-token window, the word with its
    neighbours' shapes, its position in the sentence (GermEval dev CV folds 1+2 0.766 -> 0.768,
    blind fold 3 0.730 -> 0.733; docs/quality.md); built for the whole sentence at once.
    ``can`` (inference): per token, whether its word can make a known ``wn=`` and ``pw=`` feature;
    those it cannot are left out (:func:`known_word_features`)."""
    prev_sh = ["BOS", *shapes[:-1]]
    next_sh = [*shapes[1:], "EOS"]
    if can is None:
        out = [(f"shw={p}|{sh}|{q}", f"wn={low}|{q}", f"pw={p}|{low}", _POSITION[min(i, 3)])
               for i, (p, sh, q, low) in enumerate(zip(prev_sh, shapes, next_sh, lows))]
    else:
        out = []
        for i, (p, sh, q, low, (wn, pw)) in enumerate(zip(prev_sh, shapes, next_sh, lows, can)):
            f = [f"shw={p}|{sh}|{q}"]
            if wn:
                f.append(f"wn={low}|{q}")
            if pw:
                f.append(f"pw={p}|{low}")
            f.append(_POSITION[min(i, 3)])
            out.append(tuple(f))
    if len(words) > 1 and words[0] in OPEN_QUOTES:
        out[1] = (*out[1], "bos2")
    return out


_POSITION = ("i=0", "i=1", "i=2", "i=3")


def _with_tags(near: tuple[str, ...], prefix: str, rule: str, gaz: str, quote: bool = False
               ) -> tuple[str, ...]:
    """A token's cached features for a neighbour (:func:`word_features`) with "afterquote" first
    when it is an opening quote (for the token after it), then its rules' and gazetteer tags."""
    return (*(("afterquote",) if quote else ()), *near, *((f"{prefix}r={rule}",) if rule else ()),
            *((f"{prefix}g={gaz}",) if gaz else ()))


def sentence_features(text: str, tokens: Sequence[tuple[int, int]], lang: str,
                      gaz: Sequence[str], rules: Sequence[str], names: Sequence[str],
                      doc_lab: dict[str, str] | None = None, pos: bool = False,
                      known: Callable[[str], tuple[Any, ...]] | None = None) -> list[list[Any]]:
    """CRF feature lists of one sentence's tokens (``doc_lab``: see :func:`doc_labels`;
    ``pos``: add the linguistic layer's part of speech of the token and its neighbours).
    What a token gives its neighbours is put together once per token, not once per neighbour.
    ``known`` (inference): a :func:`known_word_features`, whose per-word parts (only the strings
    the model knows, as bytes) stand in for :func:`word_features`' — the tagger sees the same."""
    words = [text[s:e] for s, e in tokens]
    tags = pos_tags(words, lang) if pos else None
    lows = [w.lower() for w in words]
    if known is None:
        wf: list[tuple[Any, ...]] = [word_features(w, lang) for w in words]
        shapes = [f[0][1][3:] for f in wf]
    else:
        wf = [known(w) for w in words]
        shapes = [f[5] for f in wf]
    n = len(words)
    if lang not in WINDOW_LANGS:
        window = None
    elif known is None:
        window = _window_features(words, lows, shapes)
    else:
        window = _window_features(words, lows, shapes, [(f[8], f[9]) for f in wf])
    before = [f[1] for f in wf]  # what each token gives the next one
    after = [f[2] for f in wf]  # and the one before it
    for j in range(n):
        if rules[j] or gaz[j]:
            before[j] = _with_tags(before[j], "-1:", rules[j], gaz[j], words[j] in OPEN_QUOTES)
            after[j] = _with_tags(after[j], "1:", rules[j], gaz[j])
        elif words[j] in OPEN_QUOTES:
            before[j] = ("afterquote", *before[j])
    if known is None:
        bigrams: list[str | None] = [f"bi={a}|{b}" for a, b in zip(lows, lows[1:])]
    else:  # a bigram no known one can be is not built
        bigrams = [f"bi={a}|{b}" if f[6] and g[7] else None for a, b, f, g in zip(lows, lows[1:], wf, wf[1:])]
    out = []
    for i in range(n):
        feats = ["b", *wf[i][0], *window[i]] if window is not None else ["b", *wf[i][0]]
        if i == 0:
            feats.append("bos")
            feats.append("-1:pad")
        else:
            feats.extend(before[i - 1])
            if bigrams[i - 1] is not None:
                feats.append(bigrams[i - 1])
            if i > 1:
                feats.extend(wf[i - 2][3])
        if i == n - 1:
            feats.append("eos")
            feats.append("1:pad")
        else:
            feats.extend(after[i + 1])
            if i + 2 < n:
                feats.extend(wf[i + 2][4])
        if gaz[i]:
            feats.append("g=" + gaz[i])
        if rules[i]:
            feats.append("r=" + rules[i])
            if names[i]:
                feats.append("rn=" + names[i][2:])
        if doc_lab is not None:
            lab = doc_lab.get(words[i])
            if lab:
                feats.append("dl=" + lab)
        if tags is not None:
            feats.append("pos=" + tags[i])
            feats.append("-1:pos=" + (tags[i - 1] if i else "BOS"))
            feats.append("1:pos=" + (tags[i + 1] if i + 1 < n else "EOS"))
        out.append(feats)
    return out
