"""The learned name recogniser: a linear-chain CRF (python-crfsuite) per language.

The hand-written rules of :mod:`graphbuilder.extract.entities` run first; their decision and the
gazetteer hits are features of the CRF (see :mod:`.features`), which then decides the name
spans and labels. Each mention's ``confidence`` is the lowest marginal probability of its
tokens' labels. The rules stay in charge of what the CRF does not predict: derived mentions
("russischen", "US-"), gazetteer keys, coreference, roles and the English nested mentions.
English spans are post-processed by grammar (:mod:`.english`: legal-form dots, one person-or-not
decision per surface form and article).
The model files ship in ``graphbuilder/data/models/`` and are loaded once per process.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pycrfsuite

from graphbuilder import packs
from graphbuilder.extract import entities as E
from graphbuilder.extract.ner.english import english_spans
from graphbuilder.extract.crf_attributes import known_attributes
from graphbuilder.extract.ner.features import (doc_labels, doc_signals, known_word_features, sentence_features,
                                               tokenize)
from graphbuilder.models import EntityMention, RoleFact, Sentence
from graphbuilder.registry import register

MODEL_DIR = Path(__file__).resolve().parents[2] / "data" / "models"
LABELS = ("PER", "LOC", "ORG")
FALLBACK = 0.05
MAX_NAME_TOKENS = 15  # longer CRF spans are runaway chains over lists of names, not one name
OPENERS = frozenset("„\"“«»‚'‘(:–-")
NOT_NAME_POS = frozenset({"ADJ", "ADV", "VERB", "AUX", "ADP", "PRON", "DET", "SCONJ", "CCONJ", "PART"})
DOC_FEATURES = ("en",)  # languages whose model is trained on whole documents (CoNLL)
POS_FEATURES: tuple[str, ...] = ()  # languages whose model has the linguistic layer's UPOS among its features


def model_path(lang: str) -> Path:
    return MODEL_DIR / f"ner-{lang}.crfsuite"


def stack_path(lang: str) -> Path:
    """The optional stacked second-pass CRF of ``lang`` (:mod:`.stack`); used when present."""
    return MODEL_DIR / f"ner-{lang}.stack.crfsuite"


@functools.cache
def stage2_tagger(lang: str) -> pycrfsuite.Tagger | None:
    """The shipped second-pass CRF of ``lang``, or None when the language has none."""
    path = stack_path(lang)
    if not path.exists():
        return None
    t = pycrfsuite.Tagger()
    t.open(str(path))
    return t


@functools.cache
def tagger(lang: str) -> pycrfsuite.Tagger:
    """The shipped CRF of ``lang`` (loaded once per process; clear error when missing)."""
    path = model_path(lang)
    if not path.exists():
        raise FileNotFoundError(
            f"{path}: no trained name recogniser for {lang!r}; run `graphbuilder train ner --lang {lang}`")
    t = pycrfsuite.Tagger()
    t.open(str(path))
    return t


def decode(tags: list[str]) -> list[tuple[int, int, str]]:
    """BIO or BILOU tags -> (first token, last token exclusive, label); a stray I-/L- starts a
    span, an L- closes one, a U- is a one-token span."""
    out: list[tuple[int, int, str]] = []
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        if tag == "O":  # most tokens: close the open span, if any
            if start >= 0:
                out.append((start, i, label))
                start, label = -1, ""
            continue
        prefix, _, typ = tag.partition("-")
        if prefix in ("I", "L") and typ == label and start >= 0:
            if prefix == "L":
                out.append((start, i + 1, label))
                start, label = -1, ""
            continue
        if start >= 0:
            out.append((start, i, label))
        start, label = (i, typ) if prefix in ("B", "I", "L", "U") else (-1, "")
        if prefix in ("U", "L"):
            out.append((i, i + 1, typ))
            start, label = -1, ""
    return out


def is_bilou(labels: list[str]) -> bool:
    """Whether a model's label set is BILOU (has L-/U- labels) rather than BIO."""
    return any(lab[:2] in ("L-", "U-") for lab in labels)


def span_tags(n: int, label: str, bilou: bool) -> list[str]:
    """The tags of an ``n``-token name labelled ``label`` (BIO or BILOU)."""
    if not bilou:
        return ["B-" + label] + ["I-" + label] * (n - 1)
    if n == 1:
        return ["U-" + label]
    return ["B-" + label] + ["I-" + label] * (n - 2) + ["L-" + label]


def sentence_ranges(text: str, sentences: list[Sentence]) -> list[tuple[int, int]]:
    if not sentences:
        return [(0, len(text))]
    return [(s.start, s.end) for s in sentences]


@functools.lru_cache(maxsize=50_000)
def _known_lowercase(word: str) -> bool:
    from graphbuilder.extract.lemmas import is_known

    return is_known(word.lower(), "de")


@register("entities", "crf")
class CrfEntityExtractor:
    """PER/ORG/LOC decided by a CRF over rule, gazetteer, dictionary and word-form features."""

    def __init__(self, taggers: dict[str, pycrfsuite.Tagger] | None = None,
                 fallback: float | None = None, pos_filter: bool = True,
                 stage2: dict[str, pycrfsuite.Tagger | None] | None = None) -> None:
        self.rules = E.RuleEntityExtractor()
        self._taggers = taggers or {}
        # the stacked second pass per language (None = none); given taggers without a
        # second pass mean none, else the shipped file decides
        self._stage2: dict[str, pycrfsuite.Tagger | None] = dict(stage2 or {})
        if taggers:
            for lang in taggers:
                self._stage2.setdefault(lang, None)
        self._bilou: dict[str, bool] = {}
        # per language, the per-word features reduced to the shipped model's attributes (not for
        # given taggers, whose attributes are not read)
        self._known: dict[str, Callable[[str], tuple[Any, ...]]] = {}
        self.pos_filter = pos_filter
        # a rules' name the CRF did not take is kept when the CRF gives its labelling at least
        # this probability (its confidence says how weak it is)
        self.fallback = fallback if fallback is not None else float(
            os.environ.get("GRAPHBUILDER_NER_FALLBACK", FALLBACK))

    def _tagger(self, lang: str) -> pycrfsuite.Tagger:
        if lang not in self._taggers:
            self._taggers[lang] = tagger(lang)
            self._known[lang] = known_word_features(lang, known_attributes(model_path(lang), self._taggers[lang]))
        return self._taggers[lang]

    def _second(self, lang: str) -> pycrfsuite.Tagger | None:
        if lang not in self._stage2:
            self._stage2[lang] = stage2_tagger(lang)
        return self._stage2[lang]

    @property
    def last_rules(self) -> dict[tuple[int, int], str]:
        return self.rules.last_rules

    def spans(self, text: str, lang: str, sentences: list[Sentence], doc: E._Doc,
              chosen: list[E._Cand]) -> tuple[list[tuple[int, int, str, float]],
                                               list[tuple[E._Cand, float]]]:
        """The CRF's names (start, end, label, confidence) and the rules' names it did not
        take, each with the CRF's confidence in the rules' labelling."""
        crf = self._tagger(lang)
        second = self._second(lang)
        known = self._known.get(lang) if second is None else None
        if second is not None:
            from graphbuilder.extract.ner.stack import stacked

            crf1, crf = crf, second
            crf1_labels = crf1.labels()
        if lang not in self._bilou:
            self._bilou[lang] = is_bilou(crf.labels())
        bilou = self._bilou[lang]
        out = []
        fallback = []
        doc_lab = doc_labels(text, chosen) if lang in DOC_FEATURES else None
        all_tokens = tokenize(text)
        starts = [t[0] for t in all_tokens]
        gaz_all, rules_all, names_all = doc_signals(doc, chosen, all_tokens)
        rule_names = sorted((c for c in chosen if not c.derived), key=lambda c: c.start)
        r0 = 0
        for a, b in sentence_ranges(text, sentences):
            lo = bisect.bisect_left(starts, a)
            hi = bisect.bisect_left(starts, b, lo)
            while hi > lo and all_tokens[hi - 1][1] > b:
                hi -= 1
            if hi <= lo:
                continue
            tokens = all_tokens[lo:hi]
            feats = sentence_features(text, tokens, lang, gaz_all[lo:hi], rules_all[lo:hi],
                                      names_all[lo:hi], doc_lab, lang in POS_FEATURES, known)
            if second is not None:
                feats = stacked(crf1, feats, crf1_labels)
            tags = crf.tag(feats)
            found = []
            for i, j, label in decode(tags):
                if label not in LABELS or j - i > MAX_NAME_TOKENS:
                    continue
                conf = min(crf.marginal(tags[k], k) for k in range(i, j))
                found.append((tokens[i][0], tokens[j - 1][1], label, conf))
            out.extend(found)
            while r0 < len(rule_names) and rule_names[r0].start < a:
                r0 += 1
            k = r0
            while k < len(rule_names) and rule_names[k].start < b:
                c = rule_names[k]
                k += 1
                if any(s < c.end and c.start < e for s, e, _l, _c in found):
                    continue
                first = bisect.bisect_left(starts, c.start, lo, hi) - lo
                last = first
                while last < len(tokens) and tokens[last][1] < c.end:
                    last += 1
                if first >= len(tokens) or last >= len(tokens) or tokens[first][0] != c.start \
                        or tokens[last][1] != c.end:
                    continue
                conf = min(crf.marginal(tag, first + t) for t, tag in
                           enumerate(span_tags(last + 1 - first, c.label, bilou)))
                fallback.append((c, conf))
        return out, fallback

    def _genitive_of_known_place(self, text: str, rule: E._Cand) -> bool:
        """Whether the rules read a one-word span as the genitive of a gazetteer place or
        organisation ("Tirols", "Moskaus": rule ``gaz-gen``) whose form without the ending is no
        known surname or first name. The German genitive -s before a role noun and a name
        ("Tirols Landesrat X") looks to the CRF like a person's ("Merkels Sprecher X")."""
        if rule.rule != "gaz-gen" or rule.label not in ("LOC", "ORG"):
            return False
        word = text[rule.start:rule.end]
        if " " in word or not word.endswith("s"):
            return False
        lex = self.rules.lex
        forms = (word, word[:-1], *((word[:-2],) if word.endswith("es") else ()))
        return not any(w in lex.surnames or w in lex.first_names for w in forms)

    def _not_clause_initial_words(self, names: list[E._Cand], text: str,
                                  sentences: list[Sentence]) -> list[E._Cand]:
        """German: drop a one-word name opening a sentence (or a quote) that the linguistic
        layer tags as an adjective, adverb, verb or function word ("Knapp", "Relevant"), whose
        lowercase form is a dictionary word (simplemma) and that no name list knows. The tagger
        runs only on sentences with such a candidate."""
        from graphbuilder.extract.linguistic import tag_words

        lex = self.rules.lex
        out = []
        ranges = sentence_ranges(text, sentences)
        range_starts = [a for a, _b in ranges]
        for c in names:
            word = text[c.start:c.end]
            if (" " in word or "/" in word or word in lex.first_names or word in lex.surnames
                    or c.key or not _known_lowercase(word)):
                out.append(c)
                continue
            k = bisect.bisect_right(range_starts, c.start) - 1
            a, b = ranges[max(k, 0)]
            before = text[a:c.start].strip()
            if before and before[-1:] not in OPENERS:
                out.append(c)
                continue
            words = [text[s:e] for s, e in tokenize(text, a, b)]
            i = next((n for n, w in enumerate(words) if w == word), None)
            tags = tag_words(words, "de")
            if i is not None and tags[i] in NOT_NAME_POS:
                continue
            out.append(c)
        return out

    def extract(
        self, text: str, language: str, sentences: list[Sentence]
    ) -> tuple[list[EntityMention], list[RoleFact]]:
        """Mentions (CRF spans; rules' derived mentions beside them) and role facts."""
        lang = packs.entity_profile(language)
        doc, chosen = self.rules.choose(text, lang, sentences)
        spans, fallback = self.spans(text, lang, sentences, doc, chosen)
        if lang == "en":
            spans = english_spans(text, spans, self.rules.lex.legal_forms)
        by_span = {(c.start, c.end): c for c in chosen if not c.derived}
        gaz_keys = {(c.start, c.end, c.label): c.key for c in doc.hits if not c.derived}
        names: list[E._Cand] = []
        confidence: dict[tuple[int, int], float] = {}
        for s, e, label, conf in spans:
            rule = by_span.get((s, e))
            if label == "PER" and lang == "de" and rule is not None and self._genitive_of_known_place(text, rule):
                label = rule.label  # "Tirols Landesrat X", "Moskaus Haltung": the place, not a person
            key = rule.key if rule is not None and rule.label == label else gaz_keys.get((s, e, label), "")
            names.append(E._Cand(s, e, label, 3, key, rule=rule.rule if rule else "crf", conf=conf))
            confidence[(s, e)] = round(conf, 4)
        for c, conf in fallback:
            if conf >= self.fallback:
                names.append(dataclasses.replace(c, conf=conf))
                confidence[(c.start, c.end)] = round(conf, 4)
        if self.pos_filter and lang == "de":
            names = self._not_clause_initial_words(names, text, sentences)
        variants: list[tuple[int, int, int, int]] = []
        if lang == "en":  # MEANTIME's spans ("the GAO", "Xham airport") as nested mentions
            copies = [dataclasses.replace(c) for c in names]
            E._english_boundaries(copies, doc)
            variants = [(c.start, c.end, v.start, v.end) for c, v in zip(names, copies)
                        if (c.start, c.end) != (v.start, v.end)]
        taken = bytearray(len(text) + 1)
        for c in names:
            taken[c.start:c.end] = b"\x01" * (c.end - c.start)
        derived = [c for c in chosen if c.derived and taken.find(1, c.start, c.end) == -1]
        merged = sorted(names + derived, key=lambda c: (c.start, c.end))
        return self.rules.finish(doc, merged, sentences, confidence, variants)
