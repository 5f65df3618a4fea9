"""The learned event extractor: triggers tagged by a CRF trained on the event corpus.

Per sentence, a conditional random field (python-crfsuite) tags tokens with ``B-TYPE``/``I-TYPE``
/``O`` from the features of :mod:`.features` (the word, its lemma, affixes, shape, neighbours,
quote and headline context, and whether the rule lexicon matches here — a feature, not an
override). The sentence's event mentions are the tagged spans plus the rule triggers the tagger
does not rule out (marginal of ``O`` below :data:`VETO`); where both overlap, the rule trigger's
span and type stand (the tagger is weak on rare types). Participants, status, time, location and
within-article coreference then come from the grammar rules of the rule extractor, except that a
learned classifier (:mod:`.roles`) revises which candidate names take part and in which role
(:data:`LEARNED_ROLES`, in the languages of :data:`ROLE_LANGUAGES`: since session 14 English, where
the dependency parse gives it the path between trigger and name; it drops a rule participant at
P(none) >= 0.7 and adds a name at P(takes part) >= 0.8: 5-fold CV English full F1 0.324 -> 0.333,
corpus test split English 0.358 -> 0.370, the held-out and sections test splits' full matches unchanged; German, without a
parse, gained nothing and lost the subject of a fronted "Nach einem Treffen mit X"), and a
second classifier (:mod:`.status`, on by default: ``learned_status``) revises each mention's status
where it is at least :data:`STATUS_MIN` sure, and a third (:mod:`.timing`, off by default:
``learned_time`` / :data:`LEARNED_TIME`; it did not hold on the held-out set) revises which time expression of the trigger's sentence dates it (the likeliest
candidate at P >= :data:`TIME_MIN`, else none: the marked fallbacks apply). A fourth
(:mod:`.coref`, off by default: ``learned_coref`` / :data:`LEARNED_COREF`; it did not hold on the
corpus test split) revises the rules' within-article coreference: the rules' cluster stands unless
it gives it P(join) < :data:`COREF_KEEP`; otherwise the likeliest cluster at P >= :data:`COREF_MIN`
(else a new event). A second-stage detector (:mod:`.detector`, on by default since session 10:
:data:`DETECTOR`) revises the sentence's candidates with wider context: it drops a trigger the tagger
alone found at P(not an event) >= :data:`DETECTOR_DROP` (it could add tokens the tagger left untagged:
:data:`DETECTOR_ADD`, off). After coreference, statements of one speaker close together become one occasion (:func:`merge_statements`;
further apart, or kept apart by a mark of another occasion, only with :data:`MERGE_FAR_GAP` / :data:`MERGE_NEAR_OCCASION`,
off by default: session 10 of the model card). Last, a confidence classifier (:mod:`.confidence`, session 15,
on by default: ``learned_confidence``) sets each event's ``confidence`` to its probability of being real with the right
participants (it may also drop events unlikely to be real: ``confidence_min_real``, 0 by default). Models: ``data/models/events-*.crfsuite``
(model card ``events-MODEL-CARD.md``), trained by ``scripts/train_events.py``.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from graphbuilder.models import EntityMention, EventMention, Participant, RoleFact, Sentence, Span, TimeExpr
from graphbuilder.schema import family
from graphbuilder.registry import register
from graphbuilder.extract.crf_attributes import known_attributes
from graphbuilder.extract.events.common import ExtractionContext, Mention, same_family
from graphbuilder.extract.events.extractor import RuleEventExtractor, lexicon_hits
from graphbuilder.extract.events.coref import Linker
from graphbuilder.extract.events.learned.coref import decide_link, link_features, oracle_labels
from graphbuilder.extract.events.learned.roles import candidate_features, decide
from graphbuilder.extract.events.learned.status import decide_status, status_features
from graphbuilder.extract.events.learned.timing import label_pairs, revise_time, time_pairs
from graphbuilder.extract.events.learned import features as F
from graphbuilder.extract.events.learned.features import add_prior, is_verb_guess, prior_for, sentence_features, tokenize

THRESHOLD = 1.01  # marginal probability that makes an untagged token a trigger (tuned by cross-validation)
VETO = 0.9  # a rule trigger is dropped only when the tagger's marginal of O reaches this (cross-validated)
LEARNED_ROLES = True  # the role classifier revises the rules' participants (session 14: on, in :data:`ROLE_LANGUAGES`)
ROLE_LANGUAGES = ("en",)  # where it does: English, whose parse gives it the trigger-name path (German, without a parse: no gain, and it drops the subject of a fronted "Nach einem Treffen mit X")
ROLE_SPANS = 99  # how many of an event's trigger spans (main first) give it participants
ROLE_DROP, ROLE_ADD = 0.7, 0.8  # role classifier: drop a rule participant / add a name at these probabilities (5-fold CV)
ADD_MIN = 0.0  # least probability of a trigger the rules do not have
PREFER_RULE = 1.01  # an overlapping rule trigger replaces the tagger's unless its type marginal reaches this
MERGE_SPEAKER_GAP = 5  # statements of one speaker at most this many sentences apart are one occasion (0: off)
MERGE_LOOSE = False  # statement speakers also match by a shorter form of a person's name (:func:`same_speakers`; off: model card, session 10)
MERGE_UNNAMED_GAP = 1  # a statement without speaker joins the statement before it this close (0: off)
MERGE_NEAR_OCCASION = False  # within the speaker gap too, a statement marking another occasion stays apart (:func:`same_occasion`; off: model card, session 10)
MERGE_UNNAMED_OCCASION = False  # ... and so does one without a speaker (CV: full +0.0010, detection -0.0004: off)
MERGE_FAR_GAP = 0  # up to this far, statements of one speaker join when nothing marks another occasion (0: off; 10 in session 10: CV gain, not on the unseen sets)
STATUS_LANGUAGES = ("de", "en")  # the languages the status classifier was trained on
DETECTOR = True  # the second-stage detector (:mod:`.detector`) revises the tagger's candidates (session 10, on:
# 5-fold CV over 722 articles 0.6011 / 0.3081 -> 0.6052 / 0.3123; model card, "Session 10")
DETECTOR_DROP = 0.6  # it drops a candidate at this P(not an event) (5-fold CV among 0.5-0.85)
DETECTOR_ADD = 1.01  # it adds a token the tagger left untagged at this P(event) (> 1: never; 5-fold CV among 0.5-0.95
# added +0.0004 detection and -0.0006 full at best, and the untagged tokens then need not become mentions)
DETECTOR_SOURCES = frozenset({"tag"})  # the candidates it may drop, by where they come from: only the tagger's own
# ("tag": CV 0.6052 / 0.3123 at 0.6, against 0.6032 / 0.3124 for every source, which dropped rule-lexicon
# triggers of plain invented events the tagger was unsure of; "both": tagger and rules agree; "rule": the rules only)
DETECTOR_DROP_RULE = DETECTOR_DROP  # ... and a candidate of the rule lexicon ("rule", "both") at this P(not an
# event), when DETECTOR_SOURCES lets it drop one. Session 13, 5-fold CV over 982 articles with every source droppable:
# 0.6 / 0.7 / 0.8 / 0.9 gave politics 0.6017 / 0.6025 / 0.6021 / 0.6026 detection (0.6030 with "tag" only) and
# precision +0.02 / +0.015 / +0.008 / +0.003, full F1 flat; but even at 0.7 it drops plain events of invented and example
# articles ("Berger und Kowaltschuk beraten per Videoschalte", "feared an attack"), so "tag" stays (model card, session 13)
NCAND_SATURATES = 5  # the detector's candidate-count feature (``detector._count``) is the same from this many on
DETECTOR_RETYPE = 1.01  # it changes a candidate's type (to another family) at this probability (off)
STATUS_MIN = 0.5  # the status classifier replaces the rules' status at this probability (5-fold CV)
STATUS_CUE_NOT_EVENT = True  # a trigger of the tagger alone that is a planned/expected status cue of the language
# ("a visit that had been planned for Monday") is no event: it is another event's status (CV neutral: +0.0001 / +0.0002)
STATUS_CUE_NAMES = ("planned", "expected")  # those status cues (``[cues]`` of ``data/events/<lang>.toml``)
STATUS_KEEP: frozenset[str] = frozenset({"cancelled"})  # the rules' statuses the classifier never replaces: an explicit
# cancellation cue of the clause ("calls off", "abgesagt"; CV unchanged: the classifier sees few cancelled events)
TIME_LANGUAGES = ("de", "en")  # the languages the time-attachment classifier was trained on
LEARNED_TIME = False  # the time classifier is off by default: +0.003 CV full, but -0.005 full on the held-out set
TIME_MIN = 0.6  # the time classifier dates a mention by its likeliest candidate at this probability (5-fold CV)
LEARNED_COREF = False  # the coreference classifier revises the rules' clustering (off: +0.0013 CV full, -0.0015 corpus test)
COREF_LANGUAGES = ("de", "en")  # the languages the coreference classifier was trained on
COREF_MIN = 0.7  # a mention joins the likeliest cluster at this probability (5-fold CV)
COREF_FAMILIES: frozenset[str] | None = None  # the type families the classifier clusters (None: all; else the rules)
COREF_KEEP = 0.3  # the rules' cluster stands at this probability (1.01: the classifier alone decides; 5-fold CV)
LEARNED_CONFIDENCE = True  # each event's confidence from the confidence classifier (:mod:`.confidence`, session 15)
CONFIDENCE_LANGUAGES = ("de", "en")  # the languages the confidence classifier was trained on
CONFIDENCE_MIN_REAL = 0.0  # ... which may drop an event whose P(real) is below this (0: none). 0.25 was best in 5-fold CV
# (+0.003 / +0.005 detection / full), but on the unseen sets detection moved -0.002 / +0.017 / -0.010 (corpus test,
# held-out, sections test; full +0.001 / +0.014 / 0.000) and it dropped plain statements without a named speaker
MODELS_DIR = Path(__file__).resolve().parents[3] / "data" / "models"


def trigger_model_path(lang: str, models_dir: Path | None = None) -> Path:
    """Where the trigger tagger of ``lang`` is stored."""
    return (models_dir or MODELS_DIR) / f"events-{lang}-triggers.crfsuite"


def status_model_path(models_dir: Path | None = None) -> Path:
    """Where the status classifier is stored (one model for both languages)."""
    return (models_dir or MODELS_DIR) / "events-status.crfsuite"


def time_model_path(models_dir: Path | None = None) -> Path:
    """Where the time-attachment classifier is stored (one model for both languages)."""
    return (models_dir or MODELS_DIR) / "events-time.crfsuite"


def coref_model_path(models_dir: Path | None = None) -> Path:
    """Where the within-article coreference classifier is stored (one model for both languages)."""
    return (models_dir or MODELS_DIR) / "events-coref.crfsuite"


def confidence_model_path(models_dir: Path | None = None) -> Path:
    """Where the event confidence classifier is stored (one model for both languages)."""
    return (models_dir or MODELS_DIR) / "events-confidence.crfsuite"


def detector_model_path(models_dir: Path | None = None) -> Path:
    """Where the second-stage detector is stored (one model for both languages)."""
    return (models_dir or MODELS_DIR) / "events-detector.crfsuite"


def role_model_path(models_dir: Path | None = None) -> Path:
    """Where the participant/role classifier is stored (one model for both languages)."""
    return (models_dir or MODELS_DIR) / "events-roles.crfsuite"


#: the classifiers beside the trigger taggers: name (a key of ``trigger_models``) -> where the shipped one is
_CLASSIFIER_PATHS: dict[str, Callable[[Path | None], Path]] = {
    "roles": role_model_path, "status": status_model_path, "time": time_model_path, "coref": coref_model_path,
    "detector": detector_model_path, "confidence": confidence_model_path}


def _open(path: Path) -> Any | None:
    if not Path(path).exists():
        return None
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    try:
        tagger.open(str(path))
    except (OSError, ValueError) as exc:
        raise ValueError(f"cannot read the event model {path}: {exc} (retrain it with "
                         f"`python scripts/train_events.py`)") from None
    return tagger


def lexicon_matches(ctx: ExtractionContext, sent: Sentence, stext: str) -> list[tuple[int, int, str]]:
    """Every raw lexicon match of the sentence as (start, end, ``TYPE:V`` or ``TYPE:N``)."""
    return [(s, e, f"{tname}:{'V' if is_verb else 'N'}") for s, e, tname, is_verb in lexicon_hits(ctx, sent, stext)]


def _status_cue(ctx: ExtractionContext, men: Mention) -> bool:
    """Whether the mention's whole trigger is a word the language's grammar reads as the status of
    another event (a ``planned``/``expected`` cue of ``data/events/<lang>.toml``: "planned",
    "scheduled", "geplant", "expected")."""
    cues = ctx.lex.cue_res
    text = men.trigger.text
    return any(name in cues and cues[name].fullmatch(text) is not None for name in STATUS_CUE_NAMES)


def _token_indices(toks: list[tuple[int, int]], men: Mention) -> list[int]:
    """The indices of the tokens (sorted, disjoint) that overlap the mention's trigger: from the
    first token ending after its start."""
    s, e = men.trigger.start, men.trigger.end
    i = bisect.bisect_right(toks, s, key=lambda t: t[1])
    out = []
    while i < len(toks) and toks[i][0] < e:
        out.append(i)
        i += 1
    return out


def _token_lemma(text: str, lang: str, toks: list[tuple[int, int]], idx: list[int], men: Mention) -> str:
    """The lemma the trigger tagger's features give the mention's first token (its ``lem=``), else
    the trigger in lower case."""
    if not idx:
        return men.trigger.text.lower()
    a, b = toks[idx[0]]
    return F.lemma(text[a:b], lang)


class _Taggers:
    """Trigger taggers per language, opened on first use, with their label sets (asked once)."""

    def __init__(self, paths: dict[str, Path] | None, models_dir: Path | None) -> None:
        self.paths = paths or {}
        self.models_dir = models_dir
        self.cache: dict[str, Any] = {}
        self._labels: dict[str, frozenset[str]] = {}
        self._shipped: set[str] = set()  # languages whose tagger get() opened from the shipped file

    def labels(self, lang: str) -> frozenset[str]:
        """The labels of the tagger of ``lang`` (which must exist)."""
        if lang not in self._labels:
            self._labels[lang] = frozenset(self.get(lang).labels())
        return self._labels[lang]

    def begin_labels(self, lang: str) -> tuple[str, ...]:
        """The ``B-`` labels of the tagger of ``lang``, in the model's order."""
        key = f"B:{lang}"
        if key not in self.cache:
            self.cache[key] = tuple(lab for lab in self.get(lang).labels() if lab.startswith("B-"))
        return self.cache[key]

    def prior(self, lang: str) -> Any | None:
        """The lemma trigger prior stored beside the tagger of ``lang`` (None without one)."""
        key = f"prior:{lang}"
        if key not in self.cache:
            path = self.paths.get(lang) or trigger_model_path(lang, self.models_dir)
            self.cache[key] = prior_for(path, lang)
        return self.cache[key]

    def known(self, lang: str) -> Callable[[str], tuple[Any, ...]] | None:
        """The per-word features reduced to what the shipped tagger of ``lang`` knows
        (:func:`features.known_word_features`); None for another tagger (a given path or models folder, a test's)."""
        key = f"known:{lang}"
        if key not in self.cache:
            tagger = self.get(lang)
            self.cache[key] = F.known_word_features(lang, known_attributes(trigger_model_path(lang), tagger)) \
                if tagger is not None and lang in self._shipped else None
        return self.cache[key]

    def get(self, lang: str) -> Any | None:
        if lang not in self.cache:
            classifier = _CLASSIFIER_PATHS.get(lang)
            if classifier is not None:
                path = self.paths.get(lang) or classifier(self.models_dir)
            else:
                path = self.paths.get(lang) or trigger_model_path(lang, self.models_dir)
                if path == trigger_model_path(lang):
                    self._shipped.add(lang)
            self.cache[lang] = _open(path)
        return self.cache[lang]


@register("events", "learned")
class LearnedEventExtractor(RuleEventExtractor):
    """Event extractor with learned triggers (CRF) and the rule grammar for the rest.

    ``trigger_models`` maps a language to a model file (default: the shipped
    ``data/models/events-<lang>-triggers.crfsuite``); a language without a model falls back to
    the rule triggers. ``recorder`` (training only) receives ``(sentence, tokens, features)`` of
    every sentence and the rule triggers are used."""

    def __init__(self, trigger_models: dict[str, Path] | None = None, models_dir: Path | None = None,
                 recorder: Callable[[Sentence, list[tuple[int, int]], list[list[str]]], None] | None = None,
                 threshold: float | dict[str, float] | None = None, veto: float | None = None, gold_events: list[Any] | None = None,
                 role_recorder: Callable[[list[str], str], None] | None = None, learned_roles: bool | None = None,
                 role_drop: float | None = None, role_add: float | None = None, prefer_rule: float | None = None,
                 add_min: float | None = None, role_labels: list[Any] | None = None,
                 merge_speaker_gap: int | None = None, merge_unnamed_gap: int | None = None,
                 learned_status: bool = True, status_min: float | None = None,
                 status_recorder: Callable[[list[str], str], None] | None = None,
                 merge_loose: bool | None = None, learned_time: bool | None = None, time_min: float | None = None,
                 time_recorder: Callable[[list[str], str], None] | None = None,
                 learned_coref: bool | None = None, coref_min: float | None = None, coref_keep: float | None = None,
                 coref_families: frozenset[str] | None = None,
                 coref_recorder: Callable[[list[str], str], None] | None = None, detector: bool | None = None,
                 detector_drop: float | None = None, detector_add: float | None = None,
                 detector_retype: float | None = None,
                 detector_recorder: Callable[[list[str], int, str], None] | None = None,
                 detector_sources: frozenset[str] | None = None, detector_drop_rule: float | None = None,
                 learned_confidence: bool | None = None, confidence_min_real: float | None = None) -> None:
        self.learned_confidence = LEARNED_CONFIDENCE if learned_confidence is None else learned_confidence
        self.confidence_min_real = CONFIDENCE_MIN_REAL if confidence_min_real is None else confidence_min_real
        if not isinstance(self.confidence_min_real, (int, float)) or not 0.0 <= self.confidence_min_real <= 1.0:
            raise ValueError(f"confidence_min_real must be a number from 0 to 1, not {self.confidence_min_real!r}")
        self.learned_coref = LEARNED_COREF if learned_coref is None else learned_coref
        self.coref_min = COREF_MIN if coref_min is None else coref_min
        self.coref_keep = COREF_KEEP if coref_keep is None else coref_keep
        self.coref_families = COREF_FAMILIES if coref_families is None else coref_families
        self.coref_recorder = coref_recorder
        self.learned_time = LEARNED_TIME if learned_time is None else learned_time
        self.time_min = TIME_MIN if time_min is None else time_min
        self.time_recorder = time_recorder
        self.detector = DETECTOR if detector is None else detector
        self.detector_drop = DETECTOR_DROP if detector_drop is None else detector_drop
        self.detector_add = DETECTOR_ADD if detector_add is None else detector_add
        self.detector_retype = DETECTOR_RETYPE if detector_retype is None else detector_retype
        self.detector_recorder = detector_recorder
        self.detector_sources = DETECTOR_SOURCES if detector_sources is None else detector_sources
        self.detector_drop_rule = DETECTOR_DROP_RULE if detector_drop_rule is None else detector_drop_rule
        self.learned_status = learned_status
        self.status_min = STATUS_MIN if status_min is None else status_min
        self.status_recorder = status_recorder
        self.merge_loose = MERGE_LOOSE if merge_loose is None else merge_loose
        self.merge_speaker_gap = MERGE_SPEAKER_GAP if merge_speaker_gap is None else merge_speaker_gap
        self.merge_unnamed_gap = MERGE_UNNAMED_GAP if merge_unnamed_gap is None else merge_unnamed_gap
        self.taggers = _Taggers(trigger_models, models_dir)
        self.recorder = recorder
        self.threshold = THRESHOLD if threshold is None else threshold
        self.veto = VETO if veto is None else veto
        self.prefer_rule = PREFER_RULE if prefer_rule is None else prefer_rule
        self.add_min = ADD_MIN if add_min is None else add_min
        self.gold_events = gold_events
        self.role_labels = role_labels
        self.role_recorder = role_recorder
        self.learned_roles = LEARNED_ROLES if learned_roles is None else learned_roles
        self.role_drop, self.role_add = ROLE_DROP if role_drop is None else role_drop, ROLE_ADD if role_add is None else role_add

    def _find_triggers(self, ctx: ExtractionContext, sent: Sentence, stext: str, breaks: list[int]) -> list[Mention]:
        if self.gold_events is not None:
            return self._gold_triggers(ctx, sent, stext, breaks)
        kept = super()._find_triggers(ctx, sent, stext, breaks)
        tagger = None if self.recorder is not None else self.taggers.get(ctx.language)
        if tagger is None and self.recorder is None:
            return kept
        text = ctx.text
        lexicon = lexicon_matches(ctx, sent, stext)
        toks = tokenize(text, sent.start, sent.end)
        if not toks:
            return kept if self.recorder is not None else []
        # the sentence's names: ctx.entities is sorted by start (ctx.starts)
        lo, hi = bisect.bisect_left(ctx.starts, sent.start), bisect.bisect_left(ctx.starts, sent.end)
        ents = [(e.start, e.end, e.label) for e in ctx.entities[lo:hi]]
        feats = sentence_features(text, ctx.language, toks, is_title=sent.is_title or sent.index == 0,
                                  lexicon=lexicon, kept=[(m.trigger.start, m.trigger.end, m.type) for m in kept],
                                  entities=ents, times=[(t.start, t.end, str(t.type)) for t in ctx.times
                                                        if sent.start <= t.start < sent.end],
                                  known=self.taggers.known(ctx.language) if self.recorder is None else None)
        if self.recorder is not None:
            self.recorder(sent, toks, feats)
            return kept
        det = self.taggers.get("detector") if self.detector and self.detector_recorder is None else None
        second = det is not None or self.detector_recorder is not None
        prior = self.taggers.prior(ctx.language) if F.PRIOR_FEATURES or second else None
        if prior is not None and F.PRIOR_FEATURES:
            feats = add_prior(feats, prior)
        tags = tagger.tag(feats)
        if self.threshold is not None and (isinstance(self.threshold, dict) or self.threshold < 1.0):
            tags = recall_tags(tagger, tags, self.threshold)
        found: list[Mention | None] = list(mentions_from_tags(ctx, sent, breaks, toks, tags, lexicon))
        for k, f in enumerate(found):
            # where a rule trigger overlaps, its span and type stand unless the tagger is sure of
            # its own type ("video call": the rare CALL against a frequent STATEMENT "call")
            m = next((m for m in kept if m.trigger.start < f.trigger.end and f.trigger.start < m.trigger.end), None)
            if m is None:
                if self.add_min > 0 and max((1.0 - tagger.marginal("O", i) for i in _token_indices(toks, f)),
                                            default=0.0) < self.add_min:
                    found[k] = None  # a trigger of the tagger alone needs this confidence
                elif STATUS_CUE_NOT_EVENT and _status_cue(ctx, f):
                    found[k] = None  # "a visit that had been planned for Monday": another event's status, not an event
                continue
            if m.type == f.type or self._sureness(ctx.language, f, toks) < self.prefer_rule:
                found[k] = m
        unique: dict[int, Mention] = {id(f): f for f in found if f is not None}  # two tokens of one rule trigger
        found = list(unique.values())
        if self.veto is not None:
            # a rule trigger the tagger left out stays unless the tagger is sure it is no trigger
            for m in kept:
                if any(f.trigger.start < m.trigger.end and m.trigger.start < f.trigger.end for f in found):
                    continue
                idx = _token_indices(toks, m)
                if idx and min(tagger.marginal("O", i) for i in idx) < self.veto:
                    found.append(m)
            found.sort(key=lambda m: m.trigger.start)
        if second:
            found = self._second_stage(ctx, sent, breaks, toks, feats, tagger, found, kept, lexicon, det, prior)
        return found

    def _second_stage(self, ctx: ExtractionContext, sent: Sentence, breaks: list[int], toks: list[tuple[int, int]],
                      feats: list[list[str]], tagger: Any, found: list[Mention], kept: list[Mention],
                      lexicon: list[tuple[int, int, str]], det: Any | None, prior: Any | None) -> list[Mention]:
        """The second-stage detector over the sentence's candidates: the mentions found so far and
        the tokens the tagger left untagged at P(trigger) >= ``detector.CANDIDATE_MIN``."""
        from graphbuilder.extract.events.learned.detector import CANDIDATE_MIN, candidate_features, decide

        # untagged tokens become mentions only where the detector may add them (or in training);
        # otherwise they are only counted (a feature of every candidate: how many the sentence has)
        build_extras = self.detector_recorder is not None or self.detector_add <= 1.0
        if not found and not build_extras:
            return found
        labels = self.taggers.labels(ctx.language)
        b_labels = self.taggers.begin_labels(ctx.language)
        n_extra = 0
        cands: list[tuple[Mention, str, list[int]]] = []
        covered: set[int] = set()
        for m in found:
            idx = _token_indices(toks, m)
            covered.update(idx)
            in_rule = any(k.trigger.start < m.trigger.end and m.trigger.start < k.trigger.end for k in kept)
            cands.append((m, "rule" if in_rule else "tag", idx))
        # without retyping, a candidate it may not drop is kept unasked (only the counts of what was kept follow it)
        ask_all = self.detector_recorder is not None or self.detector_retype <= 1.0
        seen_lemma, seen_type = self._seen

        def seen(m: Mention, lem: str) -> None:  # one more event of this lemma and type in the article
            seen_lemma[lem] = seen_lemma.get(lem, 0) + 1
            seen_type[m.type] = seen_type.get(m.type, 0) + 1

        if not build_extras and not ask_all and "both" not in self.detector_sources and \
                all(src not in self.detector_sources for _, src, _ in cands):
            # nothing here it may drop (and the tagger's marginals, which cost a forward-backward pass, are not needed)
            for m, _, idx in cands:
                seen(m, _token_lemma(ctx.text, ctx.language, toks, idx, m))
            return sorted(found, key=lambda m: m.trigger.start)
        # a rule trigger the tagger also tagged: both
        cands = [(m, "both" if src == "rule" and any(tagger.marginal("O", i) < 0.5 for i in idx) else src, idx)
                 for m, src, idx in cands]
        text = ctx.text
        for i, (a, b) in enumerate(toks):
            if i in covered or not text[a:a + 1].isalpha() or not b_labels:
                continue
            p = 1.0 - tagger.marginal("O", i)
            if p < CANDIDATE_MIN:
                continue
            if not build_extras:
                n_extra += 1
                if len(cands) + n_extra >= NCAND_SATURATES:
                    break  # the candidate-count feature reads no further
                continue
            best = max(b_labels, key=lambda lab: tagger.marginal(lab, i))
            one = ["O"] * len(toks)
            one[i] = best
            cands.append((mentions_from_tags(ctx, sent, breaks, toks, one, lexicon)[0], "extra", [i]))
        cands.sort(key=lambda c: c[0].trigger.start)
        out: list[Mention] = []
        for m, source, idx in cands:
            lem = _token_lemma(ctx.text, ctx.language, toks, idx, m)
            if not ask_all and source != "extra" and source not in self.detector_sources:
                out.append(m)
                seen(m, lem)
                continue
            p_trig = max((1.0 - tagger.marginal("O", i) for i in idx), default=0.0)
            lab = f"B-{m.type}"
            p_type = max((tagger.marginal(lab, i) for i in idx), default=0.0) if lab in labels else 0.0
            f = candidate_features(ctx, m, source, p_trig, p_type, prior.features(lem) if prior is not None else (),
                                   lem, sent.start, sent.end,
                                   sent.is_title or sent.index == 0, len(cands) + n_extra, seen_lemma.get(lem, 0),
                                   seen_type.get(m.type, 0))
            if self.detector_recorder is not None:
                gi = next((k for k, g in enumerate(self.role_labels or ()) if any(
                    sp.start < m.trigger.end and m.trigger.start < sp.end for sp in g.trigger_spans)), -1)
                self.detector_recorder(f, gi, source)
                keep = source != "extra"
            else:
                drop = 1.01 if source not in self.detector_sources else \
                    self.detector_drop if source in ("tag", "extra") else self.detector_drop_rule
                keep, best = decide(det, f, source, drop,
                                    self.detector_add, best_type=self.detector_retype <= 1.0)
                if keep and best is not None and best != m.type and not same_family(best, m.type) \
                        and det.marginal(best, 0) >= self.detector_retype:
                    m.type = best
            if keep:
                out.append(m)
                seen(m, lem)
        return out


    def _sureness(self, lang: str, men: Mention, toks: list[tuple[int, int]]) -> float:
        """The trigger tagger's highest marginal of ``B-TYPE`` (the mention's type) over the
        mention's tokens (0 when it has no such label); asked only where a rule trigger of another
        type overlaps."""
        label = f"B-{men.type}"
        if label not in self.taggers.labels(lang):
            return 0.0
        tagger = self.taggers.get(lang)
        return max((tagger.marginal(label, i) for i in _token_indices(toks, men)), default=0.0)

    def _gold_triggers(self, ctx: ExtractionContext, sent: Sentence, stext: str, breaks: list[int]) -> list[Mention]:
        """Training only: the gold events' main triggers of this sentence as mentions."""
        lexicon = lexicon_matches(ctx, sent, stext)
        toks = tokenize(ctx.text, sent.start, sent.end)
        out = []
        for g in self.gold_events or ():
            s, e = g.trigger.start, g.trigger.end
            if not sent.start <= s < sent.end:
                continue
            lex = next((lab for a, b, lab in lexicon if a < e and s < b), None)
            ti = next((i for i, (a, b) in enumerate(toks) if a < e and s < b), 0)
            is_verb = lex.endswith(":V") if lex else bool(toks) and is_verb_guess(ctx.text, ctx.language, toks, ti)
            i = bisect.bisect_right(breaks, s) - 1
            clause = (breaks[max(i, 0)], breaks[min(i + 1, len(breaks) - 1)])
            out.append(Mention(g.type, is_verb, Span(start=s, end=e, text=ctx.text[s:e]), sent.index, clause))
        return out

    def _gold_of(self, men: Mention) -> Any:
        """Training only: the gold event that labels the extractor's own mention ``men``, the
        one of its family whose trigger or coreferent mention it overlaps (the mentions met at
        run time); None when there is none."""
        return next((g for g in self.role_labels or () if same_family(g.type, men.type) and any(
            sp.start < men.trigger.end and men.trigger.start < sp.end for sp in g.trigger_spans)), None)

    def _fill(self, ctx: ExtractionContext, men: Mention, sent: Sentence, in_quote: bool) -> None:
        super()._fill(ctx, men, sent, in_quote)
        if self.time_recorder is not None:
            g = self._gold_of(men)
            if g is not None:
                for feats, label in label_pairs(time_pairs(ctx, men, sent.start, sent.end), g):
                    self.time_recorder(feats, label)
            return
        # the time classifier sees the rules' time and status, as in training (decided here,
        # applied after the status classifier, which was trained on the rules' time)
        time_tagger = self.taggers.get("time") if self.learned_time and self.recorder is None \
            and ctx.language in TIME_LANGUAGES else None
        pairs = time_pairs(ctx, men, sent.start, sent.end) if time_tagger is not None else None
        if self.status_recorder is not None:
            g = self._gold_of(men)
            if g is not None and g.status:
                self.status_recorder(status_features(ctx, men, sent.start, sent.end), g.status)
            return
        # trained on German and English only (a language pack's language keeps the rules' status)
        status_tagger = self.taggers.get("status") if self.learned_status and self.recorder is None \
            and ctx.language in STATUS_LANGUAGES else None
        if status_tagger is not None and men.status not in STATUS_KEEP:
            status = decide_status(status_tagger, ctx, men, sent.start, sent.end, self.status_min)
            if status is not None:
                men.status = status
        if pairs is not None:
            men.time = revise_time(time_tagger, men.time, pairs, self.time_min)
        if self.role_recorder is not None:
            self._record_roles(ctx, men, sent)
            return
        tagger = self.taggers.get("roles") if self.learned_roles and ctx.language in ROLE_LANGUAGES else None
        if tagger is not None:
            # decided now (the context is the sentence's), applied after coreference, which
            # keeps clustering on the rules' participants
            self._learned[(men.trigger.start, men.trigger.end)] = decide(
                tagger, ctx, men, sent.start, sent.end, self.role_drop, self.role_add)

    def extract(self, text: str, language: str, sentences: list[Sentence], entities: list[EntityMention],
                times: list[TimeExpr], roles: list[RoleFact] | None = None,
                reference_date: dt.date | None = None) -> list[EventMention]:
        self._learned: dict[tuple[int, int], dict[str, str]] = {}
        self._seen: tuple[dict[str, int], dict[str, int]] = ({}, {})  # lemma/type -> events so far (second stage)
        events = super().extract(text, language, sentences, entities, times, roles, reference_date)
        tagger = self.taggers.get("confidence") if self.learned_confidence and language in CONFIDENCE_LANGUAGES \
            and self.recorder is None and self.gold_events is None else None
        if tagger is not None:
            from graphbuilder.extract.events.learned.confidence import apply

            events = apply(tagger, text, language, sentences, entities, events, self.confidence_min_real)
        return events

    def _linker(self, ctx: ExtractionContext) -> Linker | None:
        """The coreference classifier's decision (or, in training with ``coref_recorder``, the gold
        clusters while recording each (mention, cluster) pair); None: the rules decide."""
        if self.coref_recorder is None and (not self.learned_coref or ctx.language not in COREF_LANGUAGES
                                            or self.recorder is not None):
            return None
        tagger = self.taggers.get("coref") if self.coref_recorder is None else None
        if tagger is None and self.coref_recorder is None:
            return None
        from graphbuilder.extract.linguistic import lemma

        lemmas: dict[int, str] = {}
        golds: dict[int, Any] = {}
        lang = ctx.language

        def lemma_of(m: Mention) -> str:
            if id(m) not in lemmas:
                words = m.trigger.text.split()
                lemmas[id(m)] = lemma(words[0], lang).lower() if words else ""
            return lemmas[id(m)]

        def gold_of(m: Mention) -> Any:
            if id(m) not in golds:
                golds[id(m)] = self._gold_of(m)
            return golds[id(m)]

        def link(men: Mention, cands: list[int], rule_target: int | None, clusters: list[list[Mention]],
                 summaries: list[Any], headline_only: list[bool]) -> tuple[int | None, bool]:
            feats = [link_features(men, ci, rank, rule_target, clusters, summaries, headline_only, lemma_of, cands)
                     for rank, ci in enumerate(cands)]
            if self.coref_recorder is not None:
                labels, target, repeat = oracle_labels(men, cands, clusters, gold_of, rule_target)
                for f, lab in zip(feats, labels):
                    self.coref_recorder(f, lab)
                return target, repeat
            if self.coref_families is not None and family(men.type) not in self.coref_families:
                return rule_target, False
            return decide_link(tagger, feats, cands, self.coref_min, rule_target, self.coref_keep)

        return link

    def _finish(self, events: list[EventMention], mentions: list[Mention]) -> list[EventMention]:
        events = self._learned_roles(events)
        if self.merge_speaker_gap or self.merge_unnamed_gap:
            # the statements whose clause marks another occasion (read only by the occasion switches, off by default)
            marked = frozenset((m.trigger.start, m.trigger.end) for m in mentions
                               if m.type == "STATEMENT" and (m.time is not None or m.earlier)) \
                if MERGE_NEAR_OCCASION or MERGE_UNNAMED_OCCASION or MERGE_FAR_GAP else frozenset()
            events = merge_statements(events, self.merge_speaker_gap, self.merge_unnamed_gap, self.merge_loose,
                                      marked=marked)
        return events

    def _learned_roles(self, events: list[EventMention]) -> list[EventMention]:
        if not self._learned:
            return events
        out = []
        for ev in events:
            parts: dict[str, str] = {}
            for sp in (ev.trigger, *ev.mentions)[:ROLE_SPANS]:
                for key, role in self._learned.get((sp.start, sp.end), {}).items():
                    if role == "speaker" and "speaker" in parts.values() and parts.get(key) != "speaker":
                        role = "participant"
                    parts.setdefault(key, role)
            # the rules' order (subject first: labels name participants in this order), then additions
            rule_order = list(dict.fromkeys(p.key for p in ev.participants if p.key in parts))
            keys = rule_order + [k for k in parts if k not in rule_order]
            out.append(ev.model_copy(update={"participants": [Participant(key=k, role=parts[k]) for k in keys]}))
        return out

    def _record_roles(self, ctx: ExtractionContext, men: Mention, sent: Sentence) -> None:
        if self.role_labels is not None:
            g = self._gold_of(men)
        else:
            g = next((g for g in self.gold_events or () if g.trigger.start == men.trigger.start), None)
        if g is None or self.role_recorder is None:
            return
        for key, feats in candidate_features(ctx, men, sent.start, sent.end):
            role = next((p.role for p in g.participants for m in ctx.entities
                         if m.key == key and m.start < p.end and p.start < m.end), "none")
            self.role_recorder(feats, role)


def same_speakers(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two speaker sets name the same speakers, allowing a shorter form of a person's name
    (``per:quell`` and ``per:ferdinand-quell``): same size, and each key of one matches a key of
    the other of the same kind whose name parts include its own (other kinds: equal keys)."""
    if len(a) != len(b) or not a:
        return False

    def parts(k: str) -> tuple[str, set[str]]:
        kind, _, name = k.partition(":")
        return kind, set(name.split("-"))

    pa, pb = [parts(k) for k in a], [parts(k) for k in b]
    def match(ka: str, na: set[str], kb: str, nb: set[str]) -> bool:
        # persons only: "Labour" and "the Parliamentary Labour Party" are two bodies
        return ka == kb and (na == nb or ka == "per" and (na <= nb or nb <= na))

    return all(any(match(ka, na, kb, nb) for kb, nb in pb) for ka, na in pa) and \
        all(any(match(ka, na, kb, nb) for ka, na in pa) for kb, nb in pb)


def same_occasion(host: EventMention, ev: EventMention, marked: frozenset[tuple[int, int]] = frozenset()) -> bool:
    """Whether nothing in a later statement of the same speakers marks another occasion than the
    host's: the same status, no time of its own (a date, "last week", "on Monday"; ``marked``: the
    trigger spans whose clause has a time or an earlier-occasion cue such as "previously"), no other
    place, and nobody else taking part (a medium, an addressee: "told the BBC", "in a letter to X")."""
    if ev.status != host.status or (ev.time is not None and ev.time_source == "clause"):
        return False
    if any((sp.start, sp.end) in marked for sp in (ev.trigger, *ev.mentions)):
        return False
    if ev.location is not None and ev.location != host.location:
        return False
    known = {p.key for p in host.participants}
    return not any(p.role == "participant" and p.key not in known for p in ev.participants)


def merge_statements(events: list[EventMention], speaker_gap: int, unnamed_gap: int,
                     loose: bool = False, far_gap: int | None = None,
                     marked: frozenset[tuple[int, int]] = frozenset()) -> list[EventMention]:
    """One STATEMENT per speaker and occasion: a statement joins the last statement of the same
    speakers when that was mentioned at most ``speaker_gap`` sentences before, and a statement
    without a speaker joins the statement just before it (at most ``unnamed_gap`` sentences);
    its triggers become the host's mentions, references to it point to the host. ``loose``: speakers
    also match by a shorter form of the name (:func:`same_speakers`)."""
    far_gap = MERGE_FAR_GAP if far_gap is None else far_gap
    kept: list[EventMention] = []
    seen: list[int] = []  # per kept event: the sentence of its last mention
    alias: dict[str, str] = {}
    last: dict[frozenset[str], int] = {}  # speakers -> index in kept
    prev: int | None = None  # the last statement in kept
    for ev in sorted(events, key=lambda e: e.trigger.start):
        target = None
        speakers = frozenset(p.key for p in ev.participants if p.role == "speaker")
        if ev.type == "STATEMENT":
            key = speakers if speakers in last or not loose else next(
                (k for k in reversed(list(last)) if same_speakers(k, speakers)), speakers)
            gap = ev.sentence - seen[last[key]] if speakers and key in last else None
            # close by: the same occasion (with MERGE_NEAR_OCCASION: unless something marks another);
            # further, up to far_gap: only when nothing marks another
            checked = gap is not None and (gap > speaker_gap or MERGE_NEAR_OCCASION)
            if gap is not None and (gap <= speaker_gap or gap <= far_gap) and (
                    not checked or same_occasion(kept[last[key]], ev, marked)):
                target = last[key]
            elif not speakers and prev is not None and ev.sentence - seen[prev] <= unnamed_gap and (
                    not MERGE_UNNAMED_OCCASION or same_occasion(kept[prev], ev, marked)):
                target = prev
        if target is None:
            kept.append(ev)
            seen.append(ev.sentence)
            if ev.type == "STATEMENT":
                prev = len(kept) - 1
                if speakers:
                    last[speakers] = prev
            continue
        host = kept[target]
        roles = {p.key: p for p in host.participants}
        for p in ev.participants:
            short = next((k for k in roles if same_speakers(frozenset({p.key}), frozenset({k}))), None) \
                if loose and p.key not in roles else None
            if short is not None:
                if len(p.key) > len(short):  # the fuller form of the name names the participant
                    roles = {(p.key if k == short else k): (v.model_copy(update={"key": p.key}) if k == short else v)
                             for k, v in roles.items()}
                continue  # a shorter or longer form of a name the host has
            roles.setdefault(p.key, p)
        kept[target] = host.model_copy(update={
            "mentions": [*host.mentions, ev.trigger, *ev.mentions], "participants": list(roles.values()),
            "about": sorted(set(host.about) | set(ev.about)), "before": sorted(set(host.before) | set(ev.before))})
        seen[target] = max(seen[target], ev.sentence)
        prev = target
        if loose and speakers:
            last[speakers] = target  # the later form of the name finds this occasion too
        alias[ev.key] = host.key
    if not alias:
        return events
    return [ev.model_copy(update={"about": sorted({alias.get(k, k) for k in ev.about} - {ev.key}),
                                  "before": sorted({alias.get(k, k) for k in ev.before} - {ev.key})})
            for ev in kept]


def recall_tags(tagger: Any, tags: list[str], threshold: float | dict[str, float]) -> list[str]:
    """Viterbi tags, plus ``B-TYPE`` (the likeliest type) on each ``O`` token whose probability
    of being any trigger (1 - marginal of ``O``) reaches ``threshold`` (a number, or one per type:
    the likeliest type's, types not listed never): the best path is conservative when the
    probability is split between types."""
    labels = [lab for lab in tagger.labels() if lab.startswith("B-")]
    out = list(tags)
    for i, tag in enumerate(tags):
        if tag != "O" or not labels:
            continue
        p = 1.0 - tagger.marginal("O", i)
        if isinstance(threshold, dict):
            if p < min(threshold.values(), default=1.01):
                continue
            best = max(labels, key=lambda lab: tagger.marginal(lab, i))
            if p >= threshold.get(best[2:], 1.01):
                out[i] = best
            continue
        if p < threshold:
            continue
        out[i] = max(labels, key=lambda lab: tagger.marginal(lab, i))
    return out


def mentions_from_tags(ctx: ExtractionContext, sent: Sentence, breaks: list[int], toks: list[tuple[int, int]],
                       tags: list[str], lexicon: list[tuple[int, int, str]]) -> list[Mention]:
    """Event mentions from BIO tags: each ``B-TYPE`` with its ``I-TYPE`` tokens is one trigger."""
    text = ctx.text
    spans: list[tuple[int, int, str]] = []  # first token, last token, type
    for i, tag in enumerate(tags):
        if tag == "O":
            continue
        bio, _, tname = tag.partition("-")
        if bio == "I" and spans and spans[-1][1] == i - 1 and spans[-1][2] == tname:
            spans[-1] = (spans[-1][0], i, tname)
        else:
            spans.append((i, i, tname))
    found = []
    for a, b, tname in spans:
        start, end = toks[a][0], toks[b][1]
        lex = next((lab for s, e, lab in lexicon if s < end and start < e), None)
        is_verb = lex.endswith(":V") if lex else is_verb_guess(text, ctx.language, toks, a)
        i = bisect.bisect_right(breaks, start) - 1
        clause = (breaks[max(i, 0)], breaks[min(i + 1, len(breaks) - 1)])
        found.append(Mention(tname, is_verb, Span(start=start, end=end, text=text[start:end]), sent.index, clause))
    return found
