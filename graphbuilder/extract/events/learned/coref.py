"""Within-article event coreference, learned: does a mention join an earlier cluster of its family?

The rules of :func:`graphbuilder.extract.events.coref.corefer` choose a cluster for each mention
(same family; same speakers and a short gap for statements; the same participants, a repeated
noun, a headline and its body for the rest). This classifier revises that choice, which is one of
its features. Per (mention, candidate cluster) pair — every earlier cluster of the
mention's family, most recent first — a maximum-entropy classifier gives P(same happening) from
structure, not phrasings: the sentence distance to the cluster's last and first mention, how many
clusters of the family were mentioned since (another event of the family in between, and whether
it repeats the mention's word), same stem / lemma / type, noun or verb on each side, headline and
body, shared and conflicting participants, people and speakers, compatible status classes, times
and places, the same clause, the mention's flags (definite, indefinite, anaphoric, in a series,
earlier occasion, speech setting, victims count) and the rules' decision. Best-first linking:
the likeliest candidate is joined when its probability reaches ``least``; else the mention opens
a new cluster; the rules' cluster stands unless its P(join) is below ``keep``. Labels (training,
:func:`oracle_labels`): a pair is ``yes`` when the mention and a member of the cluster map to the
same gold event (``LearnedEventExtractor._gold_of``); a mention without a gold event is labelled
``repeat`` for the rules' cluster (it joins as a mere repetition: its status, time, place and
participants are left to the cluster) and ``no`` elsewhere. During training the clusters grow as
the rules group the mentions (:data:`TRAIN_CLUSTERS`). A python-crfsuite model trained on one-item
sequences (a logistic regression): ``data/models/events-coref.crfsuite``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graphbuilder.schema import family
from graphbuilder.extract.events.common import Mention
from graphbuilder.extract.events.status import status_class, times_compatible

_FLAGS = ("anaphoric", "definite", "indefinite", "sequence", "earlier", "medium", "casualty")


def _bucket(n: int) -> str:
    return str(n) if n < 3 else "3-5" if n <= 5 else "6-10" if n <= 10 else "11+"


def _stem(word: str) -> str:
    return word.lower()[:5]  # as coref._stem


def _sets(a: set[str], b: set[str]) -> str:
    """How two key sets relate."""
    if not a and not b:
        return "none"
    if not a:
        return "m_empty"
    if not b:
        return "c_empty"
    if a == b:
        return "equal"
    if a < b:
        return "sub"
    if a > b:
        return "super"
    return "overlap" if a & b else "disjoint"


def link_features(men: Mention, ci: int, rank: int, rule_target: int | None, clusters: list[list[Mention]],
                  summaries: list[Any], headline_only: list[bool], lemma_of: Callable[[Mention], str],
                  cands: list[int]) -> list[str]:
    """Features of a (mention, candidate cluster) pair; ``rank``: the candidate's position among
    ``cands`` (the earlier clusters of the family, most recent first)."""
    cl, s = clusters[ci], summaries[ci]
    fam = family(men.type)
    tf = f"fam={fam}"
    d_last = men.sentence - cl[-1].sentence
    d_first = men.sentence - cl[0].sentence
    db = _bucket(max(d_last, 0))
    rule = "join" if rule_target == ci else "new" if rule_target is None else "other"
    stem = _stem(men.trigger.text)
    same_stem = stem in s.stems
    lem = lemma_of(men)
    same_lemma = any(lemma_of(m) == lem for m in cl)
    same_type = any(m.type == men.type for m in cl)
    cverb = any(m.is_verb for m in cl)
    mv = "v" if men.is_verb else "n"
    cv = "v" if cverb else "n"
    rk = str(min(rank, 3))
    # a more recent cluster of the family repeats the word: the repetition names that one
    between_stem = any(stem in summaries[cj].stems for cj in cands[:rank])
    keys, ckeys = set(men.participants), s.keys
    parts = _sets(keys, ckeys)
    people = _sets({k for k in keys if k.startswith("per:")}, {k for k in ckeys if k.startswith("per:")})
    mine = {k for k, r in men.participants.items() if r == "speaker"}
    speakers = _sets(mine, s.speakers)
    mcls = status_class(men.status)
    status = "none" if mcls is None or not s.statuses else "same" if mcls in s.statuses else "diff"
    if men.time is None or not s.times:
        time = "none"
    else:
        time = "compat" if all(times_compatible(men.time, t) for t in s.times.values()) else "conflict"
    locs = {m.location for m in cl if m.location}
    loc = "none" if not men.location or not locs else "same" if men.location in locs else "diff"
    same_clause = d_last == 0 and any(m.clause == men.clause for m in s.by_sentence.get(men.sentence, ()))
    head = "mh" if men.sentence == 0 else "mb"
    chead = "ch" if headline_only[ci] else "cb"
    f = [tf, f"d={db}", f"{tf}|d={db}", f"d0={_bucket(max(d_first, 0))}", f"rank={rk}", f"{tf}|rank={rk}",
         f"rule={rule}", f"{tf}|rule={rule}", f"rule={rule}|rank={rk}",
         f"stem={same_stem}", f"lemma={same_lemma}", f"{tf}|stem={same_stem}", f"{tf}|lemma={same_lemma}",
         f"lemma={same_lemma}|mv={mv}|cv={cv}", f"stem={same_stem}|d={db}",
         f"type={same_type}", f"types={men.type}|{cl[0].type}", f"mv={mv}|cv={cv}", f"{tf}|mv={mv}|cv={cv}",
         f"head={head}|{chead}", f"{tf}|head={head}|{chead}",
         f"parts={parts}", f"{tf}|parts={parts}", f"people={people}", f"{tf}|people={people}",
         f"speakers={speakers}", f"{tf}|speakers={speakers}", f"speakers={speakers}|d={db}",
         f"status={status}", f"{tf}|status={status}", f"time={time}", f"{tf}|time={time}", f"loc={loc}",
         f"size={min(len(cl), 3)}", f"between_stem={between_stem}", f"{tf}|between_stem={between_stem}",
         f"parts={parts}|stem={same_stem}", f"parts={parts}|d={db}"]
    if same_clause:
        f.append("same_clause")
        f.append(f"same_clause|mv={mv}|cv={cv}")
    for name in _FLAGS:
        if getattr(men, name):
            f.append(f"flag={name}")
            f.append(f"flag={name}|stem={same_stem}")
            f.append(f"flag={name}|parts={parts}")
    return f


def decide_link(tagger: Any, feats: list[list[str]], cands: list[int], least: float,
                rule_target: int | None = None, keep: float = 1.01) -> tuple[int | None, bool]:
    """Which cluster the mention joins, and whether it only repeats that event (label ``repeat``).
    The rules' choice stands unless the classifier gives it a probability of joining (``yes`` or
    ``repeat``) below ``keep`` (1.01: the classifier decides alone); otherwise the candidate most
    likely joined when that probability reaches ``least``, else None (a new cluster)."""
    labels = set(tagger.labels())
    probs = []
    for f in feats:
        tagger.set([f])
        rep = tagger.marginal("repeat", 0) if "repeat" in labels else 0.0
        probs.append(((tagger.marginal("yes", 0) if "yes" in labels else 0.0) + rep, rep))
    if rule_target is not None and rule_target in cands:
        p, rep = probs[cands.index(rule_target)]
        if p >= keep:
            return rule_target, rep > p - rep
    best, best_p, best_rep = None, least, False
    for ci, (p, rep) in zip(cands, probs):
        if p > best_p or best is None and p == best_p:
            best, best_p, best_rep = ci, p, rep > p - rep  # ties: the most recent
    return best, best_rep and best is not None


TRAIN_CLUSTERS = "rules"  # training: the clusters grow as the rules group the mentions (as met at run time,
# where the rules' choice mostly stands; 5-fold CV) or as the gold events group them ("gold")
UNLABELLED = "repeat"  # training pairs of a mention without a gold event: "no" (joins nothing), "skip",
# "rule" (joins the rules' choice), "repeat" (joins the rules' choice as a mere repetition)


def oracle_labels(men: Mention, cands: list[int], clusters: list[list[Mention]],
                  gold_of: Callable[[Mention], Any], rule_target: int | None = None
                  ) -> tuple[list[str], int | None, bool]:
    """Training: per candidate ``yes`` when one of its mentions maps to the mention's gold event,
    the cluster the mention joins (the rules' choice, or with :data:`TRAIN_CLUSTERS` "gold" the most
    recent ``yes``; without a gold event see :data:`UNLABELLED`) and whether it joins as a repetition."""
    g = gold_of(men)
    if g is None and UNLABELLED == "skip":
        return [], rule_target, False
    if g is None and UNLABELLED in ("rule", "repeat"):
        lab = "yes" if UNLABELLED == "rule" else "repeat"
        return [lab if ci == rule_target else "no" for ci in cands], rule_target, UNLABELLED == "repeat"
    labels = ["yes" if g is not None and any(gold_of(m) is g for m in clusters[ci]) else "no" for ci in cands]
    if TRAIN_CLUSTERS == "rules":
        return labels, rule_target, False
    target = next((ci for ci, lab in zip(cands, labels) if lab == "yes"), None)
    return labels, target, False
