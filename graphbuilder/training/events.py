"""Training and cross-validation of the learned event extractor (training time only; CI never trains).

Training data: the development gold (``tests/gold/events/annotations.jsonl``) and the **train**
split of the event corpus (``tests/gold/events/corpus/``). The corpus test split and the held-out
set are never read here. Every gold trigger and each of its coreferent ``mentions`` is a positive
token span of its event's type (BIO); all other tokens are ``O``.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphbuilder.evaluation.events import GoldDoc, load_gold, participant_spans_from, score_events
from graphbuilder.models import Extraction, Sentence
from graphbuilder.extract.events.learned.extractor import LearnedEventExtractor, confidence_model_path

SEED = 13
TRAIN_SOURCES = ("tests/gold/events/annotations.jsonl", "tests/gold/events/corpus/", "tests/gold/events/sections/")
SECTIONS = True  # also train on the sections corpus (sport, tech, culture, business; session 13)


@dataclass
class Prepared:
    """A gold article with the pipeline's stages before event extraction, and its training sequences."""

    gold: GoldDoc
    extraction: Extraction
    sequences: list[tuple[list[list[str]], list[str]]] = field(default_factory=list)
    pairs: list[tuple[list[str], str]] = field(default_factory=list)  # (features, gold role) per candidate
    own_pairs: list[tuple[list[str], str]] | None = None  # the same over the extractor's own mentions
    status_pairs: list[tuple[list[str], str]] | None = None  # (features, gold status) of its own mentions
    time_pairs: list[tuple[list[str], str]] | None = None  # (features, attached?) of its own mentions' times
    link_pairs: list[tuple[list[str], str]] | None = None  # (features, joins?) per (mention, cluster), jackknifed


def load_training_docs(root: Path, shared: Path, sections: bool | None = None) -> list[GoldDoc]:
    """Development gold plus the train splits of the corpus and (``sections``, default
    :data:`SECTIONS`) of the sections corpus — never a test split nor the held-out set."""
    dev = load_gold(root / TRAIN_SOURCES[0], shared)
    corpus = load_gold(root / TRAIN_SOURCES[1], shared, split="train")
    use_sections = SECTIONS if sections is None else sections
    more = load_gold(root / TRAIN_SOURCES[2], shared, split="train") \
        if use_sections and (root / TRAIN_SOURCES[2]).is_dir() else []
    return dev + corpus + more


def bio_tags(gold: GoldDoc, toks: list[tuple[int, int]]) -> list[str]:
    """BIO tags of the tokens from the gold triggers and mentions."""
    spans = [(sp.start, sp.end, ev.type) for ev in gold.events for sp in ev.trigger_spans]
    tags: list[str] = []
    prev: tuple[int, int, str] | None = None
    for s, e in toks:
        hit = next((sp for sp in spans if sp[0] < e and s < sp[1]), None)
        if hit is None:
            tags.append("O")
        else:
            tags.append(("I-" if hit == prev else "B-") + hit[2])
        prev = hit
    return tags


def prepare(docs: Sequence[GoldDoc]) -> list[Prepared]:
    """Run the pipeline stages before events on each article and collect token features and tags."""
    from graphbuilder.pipeline import Pipeline

    pipe = Pipeline()
    out = []
    for gd in docs:
        ex = pipe.process(gd.document(), language=gd.lang)
        prep = Prepared(gd, ex)

        def record(sent: Sentence, toks: list[tuple[int, int]], feats: list[list[str]], prep: Prepared = prep) -> None:
            prep.sequences.append((feats, bio_tags(prep.gold, toks)))

        LearnedEventExtractor(recorder=record).extract(
            ex.document.text, ex.language if ex.language in ("de", "en") else "en", ex.sentences, ex.entities,
            ex.times, ex.roles, ex.reference_date)

        def record_pair(feats: list[str], role: str, prep: Prepared = prep) -> None:
            prep.pairs.append((feats, role))

        LearnedEventExtractor(gold_events=gd.events, role_recorder=record_pair).extract(
            ex.document.text, ex.language if ex.language in ("de", "en") else "en", ex.sentences, ex.entities,
            ex.times, ex.roles, ex.reference_date)
        out.append(prep)
    return out


DETECTOR_REDUNDANT_O = False  # label a found candidate reaching an already reached gold event ``O`` (tried: CV -0.05 F1)
PRIOR_FOLDS = 5  # the lemma trigger prior of a training article is counted on the other folds' articles


def prior_sequences(preps: Sequence[Prepared], lang: str, k: int = PRIOR_FOLDS) -> list[tuple[list[list[str]], list[str]]]:
    """The articles' training sequences with jackknifed lemma-prior features: each article's prior
    is counted on the articles of the other ``k`` folds (by a hash of the doc id), so the tagger
    learns how far a prior from unseen articles can be trusted."""
    from graphbuilder.extract.events.learned.features import TriggerPrior, add_prior

    fold_of = {id(p): int(hashlib.sha256(f"prior:{p.gold.doc_id}".encode()).hexdigest(), 16) % k for p in preps}
    out: list[tuple[list[list[str]], list[str]]] = []
    for j in range(k):
        prior = TriggerPrior.count([sq for p in preps if fold_of[id(p)] != j for sq in p.sequences], lang)
        out.extend((add_prior(feats, prior), tags) for p in preps if fold_of[id(p)] == j
                   for feats, tags in p.sequences)
    return out


def train_triggers(preps: Sequence[Prepared], path: Path, *, c1: float = 0.1, c2: float = 0.1,
                   max_iterations: int = 150) -> Path:
    """Train the CRF trigger tagger on the prepared articles (one language) and write it to
    ``path``. The lemma trigger prior of these articles is written beside it (``features.prior_path``);
    with the prior features on (``features.PRIOR_FEATURES``) the tagger learns on jackknifed priors."""
    import pycrfsuite

    from graphbuilder.extract.events.learned import features as F

    trainer = pycrfsuite.Trainer(verbose=False)
    langs = {p.gold.lang for p in preps}
    prior_file = F.prior_path(path)
    seqs = [sq for p in preps for sq in p.sequences]
    if len(langs) == 1:  # the prior beside the tagger (the second-stage detector reads it too)
        lang = langs.pop()
        F.TriggerPrior.count(seqs, lang).write(prior_file)
        if F.PRIOR_FEATURES:
            seqs = prior_sequences(preps, lang)
    else:
        prior_file.unlink(missing_ok=True)
    for feats, tags in seqs:
        trainer.append(feats, tags)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": max_iterations,
                        "feature.possible_transitions": True})
    path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(path))
    return path


# --- participants and roles (issue 12, full match) ---------------------------------------------


def own_mention_pairs(prep: Prepared) -> list[tuple[list[str], str]]:
    """(features, gold role) of every candidate name of the rule extractor's own event mentions
    that overlap a gold trigger or coreferent mention of the same type family: the classifier
    learns on the mentions it meets at run time (trained on gold triggers instead, it did not
    beat the rule participants). Cached on ``prep``."""
    if prep.own_pairs is None:
        none = Path("/nonexistent")  # no trigger tagger: the rule triggers
        prep.own_pairs = _recorded(prep, {"de": none, "en": none, "roles": none}, "role_recorder")
    return prep.own_pairs


def _recorded(prep: Prepared, models: dict[str, Path], recorder: str) -> list[tuple[list[str], str]]:
    """What the extractor's ``recorder`` option receives over the article's rule-trigger mentions:
    (features, gold label) pairs labelled from the article's gold events."""
    out: list[tuple[list[str], str]] = []
    ex = prep.extraction
    LearnedEventExtractor(trigger_models=models, role_labels=prep.gold.events,
                          **{recorder: lambda feats, label: out.append((feats, label))}).extract(
        ex.document.text, ex.language if ex.language in ("de", "en") else "en", ex.sentences, ex.entities,
        ex.times, ex.roles, ex.reference_date)
    return out


def _train_one_item(pairs: Iterable[tuple[list[str], str]], path: Path, c1: float, c2: float,
                    max_iterations: int) -> Path:
    """A one-item-sequence CRF (a logistic regression) over (features, label) pairs, written to ``path``."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for feats, label in pairs:
        trainer.append([feats], [label])
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": max_iterations})
    path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(path))
    return path


def train_roles(preps: Sequence[Prepared], path: Path, *, c1: float = 0.1, c2: float = 0.5,
                max_iterations: int = 200) -> Path:
    """Train the role classifier (one-item sequences: a logistic regression) on the candidates
    of the extractor's own mentions (:func:`own_mention_pairs`) and write it to ``path``."""
    return _train_one_item((pair for prep in preps for pair in own_mention_pairs(prep)), path, c1, c2,
                           max_iterations)


def own_mention_statuses(prep: Prepared) -> list[tuple[list[str], str]]:
    """(features, gold status) of every rule-trigger mention of the article that overlaps a gold
    trigger or coreferent mention of the same type family (cached on ``prep``)."""
    if getattr(prep, "status_pairs", None) is None:
        none = Path("/nonexistent")
        prep.status_pairs = _recorded(prep, {"de": none, "en": none, "roles": none, "status": none, "time": none},
                                      "status_recorder")
    return prep.status_pairs


def train_status(preps: Sequence[Prepared], path: Path, *, c1: float = 0.1, c2: float = 0.5,
                 max_iterations: int = 200) -> Path:
    """Train the status classifier (one-item sequences) on the statuses of the extractor's own
    mentions (:func:`own_mention_statuses`) and write it to ``path``."""
    return _train_one_item((pair for prep in preps for pair in own_mention_statuses(prep)), path, c1, c2,
                           max_iterations)


def own_mention_times(prep: Prepared) -> list[tuple[list[str], str]]:
    """(features, ``yes``/``no``) of every (mention, sentence time) pair of the rule triggers'
    mentions that overlap a gold trigger or coreferent mention of the same type family, plus the
    same over mentions at the gold triggers themselves (more examples: 5-fold CV full 0.3063 with
    the own mentions alone, 0.3068 with both at the same regularisation). Cached on ``prep``."""
    if getattr(prep, "time_pairs", None) is None:
        none = Path("/nonexistent")
        models = {"de": none, "en": none, "roles": none, "status": none, "time": none}
        pairs = _recorded(prep, models, "time_recorder")
        ex = prep.extraction
        LearnedEventExtractor(trigger_models=models, gold_events=prep.gold.events, role_labels=prep.gold.events,
                              time_recorder=lambda feats, label: pairs.append((feats, label))).extract(
            ex.document.text, ex.language if ex.language in ("de", "en") else "en", ex.sentences, ex.entities,
            ex.times, ex.roles, ex.reference_date)
        prep.time_pairs = pairs
    return prep.time_pairs


def train_time(preps: Sequence[Prepared], path: Path, *, c1: float = 0.1, c2: float = 2.0,
               max_iterations: int = 200) -> Path:
    """Train the time-attachment classifier (one-item sequences) on the (mention, time) pairs of
    :func:`own_mention_times` and write it to ``path`` (c2 = 2.0 chosen by 5-fold CV among 0.1–4)."""
    return _train_one_item((pair for prep in preps for pair in own_mention_times(prep)), path, c1, c2,
                           max_iterations)


def record_links(prep: Prepared, models: dict[str, Path]) -> list[tuple[list[str], str]]:
    """(features, ``yes``/``no``) of every (mention, earlier cluster of its family) pair met when the
    extractor runs with ``models`` (trigger taggers and status classifier that never saw this
    article: jackknifed) and the mentions are clustered as the gold events group them
    (:func:`graphbuilder.extract.events.learned.coref.oracle_labels`). Stored on ``prep``."""
    out: list[tuple[list[str], str]] = []
    ex = prep.extraction
    LearnedEventExtractor(trigger_models={**models, "coref": Path("/nonexistent")}, role_labels=prep.gold.events,
                          learned_time=False,
                          coref_recorder=lambda feats, label: out.append((feats, label))).extract(
        ex.document.text, ex.language if ex.language in ("de", "en") else "en", ex.sentences, ex.entities,
        ex.times, ex.roles, ex.reference_date)
    prep.link_pairs = out
    return out


def train_coref(preps: Sequence[Prepared], path: Path, *, c1: float = 0.1, c2: float = 4.0,
                max_iterations: int = 200) -> Path:
    """Train the coreference classifier (one-item sequences) on the recorded (mention, cluster)
    pairs of the articles (:func:`record_links`, called first) and write it to ``path``."""
    missing = [p.gold.doc_id for p in preps if p.link_pairs is None]
    if missing:
        raise ValueError(f"no recorded coreference pairs for {len(missing)} articles (e.g. {missing[0]}): "
                         "call record_links first")
    return _train_one_item((pair for prep in preps for pair in prep.link_pairs or ()), path, c1, c2,
                           max_iterations)


def fold_models(preps: Sequence[Prepared], workdir: Path, k: int, *, roles: bool = False, time: bool = False,
                reuse: bool = False, **params: Any) -> list[dict[str, Path]]:
    """Per fold the trigger taggers, status (and optionally role and time) classifiers trained on
    the other folds (kept in ``workdir``; with ``reuse`` a file already there is used as it is)."""
    out = []

    def trained(path: Path, train: Any) -> Path:
        return path if reuse and path.exists() else train(path)

    for i, fold in enumerate(folds(preps, k)):
        held = {id(p) for p in fold}
        rest = [p for p in preps if id(p) not in held]
        models: dict[str, Path] = {}
        for lang in ("de", "en"):
            train = [p for p in rest if p.gold.lang == lang]
            if train:
                models[lang] = fold_tagger(train, workdir / f"cv{i}-{lang}.crfsuite", reuse, **params)
        models["roles"] = trained(workdir / f"cv{i}-roles.crfsuite", lambda path: train_roles(rest, path)) \
            if roles else workdir / "none.crfsuite"
        models["status"] = trained(workdir / f"cv{i}-status.crfsuite", lambda path: train_status(rest, path))
        models["time"] = trained(workdir / f"cv{i}-time.crfsuite", lambda path: train_time(rest, path)) \
            if time else workdir / "none.crfsuite"
        models["confidence"] = workdir / "none.crfsuite"  # never the shipped confidence classifier (it saw this fold)
        out.append(models)
    return out


def train_coref_jackknifed(preps: Sequence[Prepared], path: Path, workdir: Path, k: int = 5, reuse: bool = False,
                           coref_c2: float | None = None, **params: Any) -> Path:
    """The shipped coreference classifier: each article's (mention, cluster) pairs recorded with the
    fold models that never saw it (trained in ``workdir`` unless reused), then one model on all."""
    for models, fold in zip(fold_models(preps, workdir, k, reuse=reuse, **params), folds(preps, k)):
        for p in fold:
            record_links(p, models)
    return train_coref(preps, path, **({"c2": coref_c2} if coref_c2 is not None else {}))


def second_mentions(preps: Sequence[Prepared], extractions: dict[str, Extraction]) -> dict[str, int]:
    """Spurious predicted events that are a second mention of one happening: a trigger span overlaps
    a trigger span of a gold event that another predicted event matched (``second_mention``);
    ``predicted``/``spurious`` for scale."""
    from graphbuilder.evaluation.events import match_document

    spans = participant_spans_from(extractions)
    c = {"predicted": 0, "spurious": 0, "second_mention": 0}
    for prep in preps:
        gd = prep.gold
        preds = extractions[gd.doc_id].events
        pairs = match_document(gd, preds, spans)
        matched_g = {pr.gi for pr in pairs}
        matched_p = {pr.pi for pr in pairs}
        c["predicted"] += len(preds)
        for pi, ev in enumerate(preds):
            if pi in matched_p:
                continue
            c["spurious"] += 1
            own = [ev.trigger, *ev.mentions]
            if any(gi in matched_g and any(sp.start < o.end and o.start < sp.end for sp in g.trigger_spans for o in own)
                   for gi, g in enumerate(gd.events)):
                c["second_mention"] += 1
    return c


def detector_pairs(prep: Prepared, models: dict[str, Path]) -> list[tuple[list[str], str]]:
    """(features, label) of the second-stage detector's candidates in one article, found with the
    given trigger taggers (for jackknifed training: taggers that did not see it). A candidate the
    tagger or the rules found is labelled with the type of the gold event whose trigger or mention
    it overlaps (else ``O``); a token the tagger left untagged only when it is the first to reach a
    gold event no found candidate of the article reaches (adding it would add an event; another
    mention of a found event would split it)."""
    recs: list[tuple[list[str], int, str]] = []
    ex = prep.extraction
    LearnedEventExtractor(trigger_models=models, role_labels=prep.gold.events, learned_status=False,
                          detector_recorder=lambda feats, gi, source: recs.append((feats, gi, source))).extract(
        ex.document.text, ex.language if ex.language in ("de", "en") else "en", ex.sentences, ex.entities,
        ex.times, ex.roles, ex.reference_date)
    return label_candidates(recs, [ev.type for ev in prep.gold.events])


def label_candidates(recs: Sequence[tuple[list[str], int, str]], types: Sequence[str]) -> list[tuple[list[str], str]]:
    """Labels of an article's detector candidates (features, index of the gold event they overlap
    or -1, source) in text order: see :func:`detector_pairs`."""
    reached = {gi for _, gi, source in recs if source != "extra" and gi >= 0}
    first: set[int] = set()
    out: list[tuple[list[str], str]] = []
    for feats, gi, source in recs:
        if gi >= 0 and source == "extra":
            label = types[gi] if gi not in reached else "O"
            reached.add(gi)
        elif DETECTOR_REDUNDANT_O and gi >= 0 and gi in first:
            label = "O"  # a further mention of a gold event an earlier candidate reached
        else:
            label = types[gi] if gi >= 0 else "O"
        if gi >= 0 and source != "extra":
            first.add(gi)
        out.append((feats, label))
    return out


def train_detector(pairs: Iterable[tuple[list[str], str]], path: Path, *, c1: float = 0.1, c2: float = 0.5,
                   max_iterations: int = 200) -> Path:
    """Train the second-stage detector (one-item sequences) on jackknifed candidates and write it."""
    return _train_one_item(pairs, path, c1, c2, max_iterations)


def fold_tagger(train: Sequence[Prepared], path: Path, reuse: bool = False, **params: Any) -> Path:
    """A fold's trigger tagger trained on ``train`` (one language) at ``path``; with ``reuse`` a
    tagger already there is used as it is (its lemma trigger prior is written beside it when missing:
    the second-stage detector reads it)."""
    from graphbuilder.extract.events.learned import features as F

    if not (reuse and path.exists()):
        return train_triggers(train, path, **params)
    if not F.prior_path(path).exists():
        F.TriggerPrior.count([sq for p in train for sq in p.sequences], train[0].gold.lang).write(F.prior_path(path))
    return path


def train_detector_jackknifed(preps: Sequence[Prepared], path: Path, workdir: Path, k: int = 5,
                              reuse: bool = False, **params: Any) -> Path:
    """Train the shipped second-stage detector: each article's candidates come from trigger taggers
    trained on the other ``k - 1`` folds (as in cross-validation: ``cv{i}-<lang>.crfsuite`` in
    ``workdir``, reused when there with ``reuse``), then one detector learns on all."""
    pairs: list[tuple[list[str], str]] = []
    none = workdir / "none.crfsuite"
    for i, fold in enumerate(folds(preps, k)):
        held = {id(p) for p in fold}
        models: dict[str, Path] = {"roles": none, "status": none, "time": none, "coref": none, "detector": none,
                                   "confidence": none}
        for lang in ("de", "en"):
            train = [p for p in preps if id(p) not in held and p.gold.lang == lang]
            if train:
                models[lang] = fold_tagger(train, workdir / f"cv{i}-{lang}.crfsuite", reuse, **params)
        for p in fold:
            pairs.extend(detector_pairs(p, models))
    return train_detector(pairs, path)


def train_confidence_jackknifed(preps: Sequence[Prepared], path: Path, workdir: Path, k: int = 5,
                                reuse: bool = False, *, confidence_c2: float = 1.0,
                                **params: Any) -> tuple[Path, dict[str, Extraction]]:
    """Train the shipped event confidence classifier (:mod:`graphbuilder.extract.events.learned.confidence`)
    on the events the whole pipeline finds in articles its models never saw: ``k``-fold
    cross-validation with the shipped settings (fold models in ``workdir``, reused when there with
    ``reuse``; ``params``: the trigger taggers'), each event labelled against the gold (a logistic
    regression, L2 ``confidence_c2``). Returns the model and the CV extractions."""
    from graphbuilder.extract.events.learned.confidence import training_rows
    from graphbuilder.extract.events.learned.extractor import DETECTOR, LEARNED_ROLES, LEARNED_TIME

    exs = cross_validate(preps, workdir, k, configs=[{"learned_confidence": False}], roles=LEARNED_ROLES,
                         time=LEARNED_TIME, reuse=reuse, detector=DETECTOR, **params)[0]
    rows = [row for p in preps for row in training_rows(p.gold, exs[p.gold.doc_id])]
    return _train_one_item(rows, path, 0.0, confidence_c2, 300), exs


def confidence_inputs(models_dir: Path, root: Path) -> dict[str, str]:
    """SHA-256 of what the confidence classifier learns from, by path: every other shipped model
    (the pipeline whose successes it learns; ``models_dir``) and the event gold files
    (:data:`TRAIN_SOURCES` under ``root``). Training writes it beside the model
    (:func:`confidence_inputs_path`); a test compares it with the files as they are, so a model or
    gold change without retraining the classifier fails."""
    files = sorted(p for p in Path(models_dir).iterdir()
                   if p.is_file() and p.suffix in (".crfsuite", ".gz")
                   and p.name != confidence_model_path(Path(models_dir)).name)
    for src in TRAIN_SOURCES:
        path = root / src
        files.extend(sorted(path.rglob("*.jsonl")) if path.is_dir() else [path])
    out: dict[str, str] = {}
    for f in files:
        name = f"models/{f.name}" if f.parent == Path(models_dir) else f.relative_to(root).as_posix()
        out[name] = hashlib.sha256(f.read_bytes()).hexdigest()
    return out


def confidence_inputs_path(models_dir: Path) -> Path:
    """Where :func:`confidence_inputs` of the shipped confidence classifier is recorded."""
    return Path(models_dir) / "events-confidence.train.json"


def confidence_cv(preps: Sequence[Prepared], extractions: dict[str, Extraction], workdir: Path, k: int = 5,
                  confidence_c2: float = 1.0) -> dict[str, float]:
    """How well the confidence classifier ranks and calibrates, by ``k``-fold cross-validation over the
    (cross-validated) extractions: AUC of P(real) for real events and of P(yes) for events with the
    right participants, and the Brier score of P(yes); beside them the same for the rule formula's
    confidence the classifier replaces."""
    import pycrfsuite

    from graphbuilder.evaluation.events import brier, roc_auc
    from graphbuilder.extract.events.learned.confidence import training_rows

    rows = {p.gold.doc_id: training_rows(p.gold, extractions[p.gold.doc_id]) for p in preps}
    real: list[float] = []
    right: list[float] = []
    formula: list[float] = []
    labels: list[str] = []
    for i, fold in enumerate(folds(preps, k)):
        held = {p.gold.doc_id for p in fold}
        path = _train_one_item((r for d, rs in rows.items() if d not in held for r in rs),
                               workdir / f"cv{i}-confidence.crfsuite", 0.0, confidence_c2, 300)
        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
        for d in sorted(held):
            for (feats, lab), ev in zip(rows[d], extractions[d].events):
                tagger.set([feats])
                real.append(1.0 - tagger.marginal("no", 0))
                right.append(tagger.marginal("yes", 0))
                formula.append(ev.confidence)
                labels.append(lab)
    is_real = [lab != "no" for lab in labels]
    is_yes = [lab == "yes" for lab in labels]
    n = max(len(labels), 1)
    return {"events": len(labels), "real_rate": round(sum(is_real) / n, 4), "right_rate": round(sum(is_yes) / n, 4),
            "auc_real": round(roc_auc(real, is_real), 4), "auc_real_formula": round(roc_auc(formula, is_real), 4),
            "auc_right": round(roc_auc(right, is_yes), 4), "auc_right_formula": round(roc_auc(formula, is_yes), 4),
            "brier_right": round(brier(right, is_yes), 4), "brier_right_formula": round(brier(formula, is_yes), 4)}


def predict(preps: Sequence[Prepared], models: dict[str, Path], **options: Any) -> dict[str, Extraction]:
    """Run the learned extractor with the given models (and extractor options) on prepared articles."""
    ext = LearnedEventExtractor(trigger_models=models, **options)
    out = {}
    for prep in preps:
        ex = prep.extraction
        lang = ex.language if ex.language in ("de", "en") else "en"
        events = ext.extract(ex.document.text, lang, ex.sentences, ex.entities, ex.times, ex.roles, ex.reference_date)
        out[prep.gold.doc_id] = ex.model_copy(update={"events": events})
    return out


def score(preps: Sequence[Prepared], extractions: dict[str, Extraction]) -> dict[str, Any]:
    """The event scorer's figures for these articles."""
    docs = [p.gold for p in preps]
    return score_events(docs, {k: ex.events for k, ex in extractions.items()}, participant_spans_from(extractions))


def folds(preps: Sequence[Prepared], k: int) -> list[list[Prepared]]:
    """``k`` folds, assigned by a hash of the doc id (stable, independent of order)."""
    out: list[list[Prepared]] = [[] for _ in range(k)]
    for p in preps:
        out[int(hashlib.sha256(f"fold:{p.gold.doc_id}".encode()).hexdigest(), 16) % k].append(p)
    return out


def cross_validate(preps: Sequence[Prepared], workdir: Path, k: int = 5, configs: Sequence[dict[str, Any]] = ({},),
                   roles: bool = True, exclude: frozenset[str] = frozenset(), time: bool = True,
                   reuse: bool = False, coref: bool | None = None, coref_params: dict[str, Any] | None = None,
                   detector: bool = False, **params: Any) -> list[dict[str, Extraction]]:
    """k-fold cross-validation: per fold, per language, train on the rest and predict the fold
    (once per extractor configuration); returns the predictions per configuration. ``time``: train
    the time-attachment classifier per fold (else the rules date the mentions). ``reuse``: a fold
    model already in ``workdir`` is used as it is (for iterating on code the models do not see,
    e.g. the participant rules; the caller keeps ``workdir``). ``coref``: train the coreference
    classifier per fold on the other folds' jackknifed pairs (:func:`record_links` with each
    article's own fold models; never reused), else the rules cluster (default: when the extractor
    uses it by default, :data:`LEARNED_COREF`). ``detector``: the second-stage detector's default
    for the configurations (a configuration may set ``detector`` itself); when any configuration
    uses it, a detector is trained per fold on the other folds' candidates (each found by its own
    fold's taggers; never reused)."""
    from graphbuilder.extract.events.learned.extractor import LEARNED_COREF

    random.seed(SEED)
    if coref is None:
        coref = LEARNED_COREF or any(c.get("learned_coref") for c in configs)
    extractions: list[dict[str, Extraction]] = [{} for _ in configs]

    def trained(path: Path, train: Any) -> Path:
        return path if reuse and path.exists() else train(path)

    configs = [{**c, "detector": c.get("detector", detector)} for c in configs]
    second = any(c["detector"] for c in configs)
    cands: dict[str, list[tuple[list[str], str]]] = {}
    all_models: list[dict[str, Path]] = []
    for i, fold in enumerate(folds(preps, k)):
        held = {id(p) for p in fold}
        rest = [p for p in preps if id(p) not in held and p.gold.doc_id not in exclude]
        models = {}
        for lang in ("de", "en"):
            train = [p for p in rest if p.gold.lang == lang]
            if train:
                models[lang] = fold_tagger(train, workdir / f"cv{i}-{lang}.crfsuite", reuse, **params)
        if roles:
            models["roles"] = trained(workdir / f"cv{i}-roles.crfsuite", lambda path: train_roles(rest, path))
        else:
            models["roles"] = workdir / "none.crfsuite"
        # the status classifier of the fold (never the shipped one, which saw the held-out fold)
        models["status"] = trained(workdir / f"cv{i}-status.crfsuite", lambda path: train_status(rest, path))
        models["confidence"] = workdir / "none.crfsuite"  # nor the shipped confidence classifier
        models["time"] = trained(workdir / f"cv{i}-time.crfsuite", lambda path: train_time(rest, path)) \
            if time else workdir / "none.crfsuite"
        all_models.append(models)
    if coref:
        for models, fold in zip(all_models, folds(preps, k)):
            for p in fold:
                record_links(p, models)
    for i, fold in enumerate(folds(preps, k)):
        models = all_models[i]
        held = {id(p) for p in fold}
        rest = [p for p in preps if id(p) not in held and p.gold.doc_id not in exclude]
        models["coref"] = train_coref(rest, workdir / f"cv{i}-coref.crfsuite", **(coref_params or {})) if coref \
            else workdir / "none.crfsuite"
        models["detector"] = workdir / "none.crfsuite"  # never the shipped one (it saw this fold)
        if second:
            for p in fold:
                cands[p.gold.doc_id] = detector_pairs(p, models)
        for i_c, options in enumerate(configs):
            if not options["detector"]:
                extractions[i_c].update(predict(fold, models, **options))
    if second:
        # second stage: per fold, a detector trained on the other folds' jackknifed candidates
        for i, fold in enumerate(folds(preps, k)):
            held = {p.gold.doc_id for p in fold}
            models = dict(all_models[i])
            models["detector"] = train_detector((pair for d, prs in cands.items() if d not in held and d not in exclude
                                                 for pair in prs), workdir / f"cv{i}-detector.crfsuite")
            for i_c, options in enumerate(configs):
                if options["detector"]:
                    extractions[i_c].update(predict(fold, models, **options))
    return extractions


def attribute_breakdown(preps: Sequence[Prepared], extractions: dict[str, Extraction]) -> dict[str, Any]:
    """What fails among the detected events: per matched (gold, predicted) pair, wrong type,
    status, time or participant set, and for participant sets the gold participants not chosen
    (``missed_not_chosen``: a named entity covers them; ``missed_no_entity``: none does) and the
    predicted ones the gold set lacks (``extra``)."""
    from collections import Counter

    from graphbuilder.evaluation.events import match_document

    spans = participant_spans_from(extractions)
    c: Counter[str] = Counter()
    for prep in preps:
        gd = prep.gold
        ex = extractions[gd.doc_id]
        for pair in match_document(gd, ex.events, spans):
            g, e = gd.events[pair.gi], ex.events[pair.pi]
            c["detected"] += 1
            fails = [n for n, ok in (("type", pair.same_type), ("status", pair.same_status),
                                     ("time", pair.same_time), ("participants", pair.same_participants)) if not ok]
            c["full" if not fails else "not_full"] += 1
            for n in fails:
                c[f"wrong_{n}"] += 1
            if len(fails) == 1:
                c[f"only_{fails[0]}"] += 1
            if pair.same_participants:
                continue
            groups = spans(gd.doc_id, e)
            for gp in g.participants:
                if not any(gp.overlaps(s) for grp in groups for s in grp):
                    covered = any(m.key and m.start < gp.end and gp.start < m.end for m in ex.entities)
                    c["missed_not_chosen" if covered else "missed_no_entity"] += 1
            c["extra"] += sum(not any(gp.overlaps(s) for gp in g.participants for s in grp) for grp in groups)
    return dict(c)
