"""Train the learned event extractor's models (reproducible; CI never runs this).

    python scripts/train_events.py --lang de --lang en            # train and write the shipped models
    python scripts/train_events.py --cv 5                         # k-fold cross-validation only
    python scripts/train_events.py --cv 5 --c1 0.05 --c2 0.05     # with other regularisation
    python scripts/train_events.py --roles-only                   # only the participant/role model
    python scripts/train_events.py --cv 5 --breakdown             # + what fails among detected events
    python scripts/train_events.py --cv 5 --cv-models /tmp/cvm    # keep/reuse the fold models (participant work)
    python scripts/train_events.py --triggers-only                # only the trigger taggers
    python scripts/train_events.py --status-only                  # only the status classifier
    python scripts/train_events.py --time-only                    # only the time-attachment classifier
    python scripts/train_events.py --cv 5 --breakdown --time-ablation
                                 # CV with the rules' event times and with the time classifier (one run)
    python scripts/train_events.py --coref-only --cv-models /tmp/cvm
                                 # only the coreference classifier (jackknifed: fold models kept in /tmp/cvm)
    python scripts/train_events.py --cv 5 --no-roles --no-time --coref-ablation --coref-min 0.4 --coref-min 0.5
                                 # CV: the rules' coreference and the coreference classifier side by side
    python scripts/train_events.py --confidence-only --cv-models /tmp/cvm
                                 # only the event confidence classifier (on the events of a 5-fold CV of the
                                 # whole pipeline; fold models kept in /tmp/cvm), with its own CV figures
    python scripts/train_events.py --detector-only --cv-models /tmp/cvm
                                 # only the second-stage detector (jackknifed: fold taggers kept in /tmp/cvm)
    python scripts/train_events.py --cv 5 --no-roles --no-time --detector on
                                 # CV with the second-stage detector (off by default) per fold
    python scripts/train_events.py --cv 5 --no-roles --prior on   # CV with the lemma prior as tagger features
    python scripts/train_events.py --cv 5 --no-roles --no-time --detector-ablation --detector-add 0.5 --detector-add 0.65
                                 # CV: without and with the detector (thresholds repeatable) in one run
    python scripts/train_events.py --cv 5 --no-roles --clusters off --context off
                                 # CV of the trigger taggers without the word-cluster / context features
    python scripts/train_events.py --cv 5 --wordnet-ablation --no-roles --lang en
                                 # CV with and without the wordnet class features (one preparation)

Training data: tests/gold/events/annotations.jsonl + the train splits of tests/gold/events/corpus/
and tests/gold/events/sections/ (``--sections off`` leaves the latter out; texts read from
../shared). The test splits and tests/gold/events/heldout.jsonl are never read. Models go to graphbuilder/data/models/events-<lang>-triggers.crfsuite and
events-roles.crfsuite, events-status.crfsuite, events-time.crfsuite and events-detector.crfsuite (trained on
both languages; written when both are trained; the detector on the candidates of 5-fold jackknifed
taggers, kept in --cv-models when given); each trigger tagger's lemma trigger prior goes beside it
(events-<lang>-triggers.prior.tsv.gz); events-coref.crfsuite only with --coref-only (it learns on the
extractor's outputs for articles its trigger models never saw: 5-fold jackknife); events-confidence.crfsuite
only with --confidence-only (it learns on the finished events of a 5-fold cross-validation of the pipeline:
retrain it after any other event model or rule changes, with a --cv-models folder of the same code or none).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graphbuilder.training import events as T  # noqa: E402
from graphbuilder.extract.events.learned.extractor import (  # noqa: E402
    DETECTOR,
    MODELS_DIR,
    confidence_model_path,
    coref_model_path,
    detector_model_path,
    role_model_path,
    status_model_path,
    time_model_path,
    trigger_model_path,
)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lang", action="append", choices=["de", "en"], help="languages to train (default both)")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--cv", type=int, default=0, help="only cross-validate with this many folds")
    ap.add_argument("--c1", type=float, default=0.1)
    ap.add_argument("--c2", type=float, default=0.1)
    ap.add_argument("--iterations", type=int, default=150)
    ap.add_argument("--out", type=Path, default=MODELS_DIR)
    ap.add_argument("--breakdown", action="store_true",
                    help="with --cv: also count wrong type/status/time/participants among the detected events")
    ap.add_argument("--roles-only", action="store_true",
                    help="train only the participant/role classifier (it learns on the rule triggers' mentions)")
    ap.add_argument("--triggers-only", action="store_true", help="train the trigger taggers, not the role/status models")
    ap.add_argument("--status-only", action="store_true",
                    help="train only the status classifier (it learns on the rule triggers' mentions)")
    ap.add_argument("--time-only", action="store_true",
                    help="train only the time-attachment classifier (it learns on the rule triggers' mentions)")
    ap.add_argument("--no-time", action="store_true",
                    help="with --cv: train no time classifier per fold (the default extractor does not use it)")
    ap.add_argument("--time-ablation", action="store_true",
                    help="with --cv: the rules' event times and the time classifier's, side by side (one run)")
    ap.add_argument("--time-min", type=float, action="append",
                    help="with --time-ablation: the time classifier's least probability (repeatable; default TIME_MIN)")
    ap.add_argument("--coref-only", action="store_true",
                    help="train only the coreference classifier, on jackknifed extractor outputs (5 folds; "
                         "the fold models go to --cv-models, reused when there)")
    ap.add_argument("--no-coref", action="store_true",
                    help="with --cv: no coreference classifier per fold (the rules; also the default while "
                         "LEARNED_COREF is off)")
    ap.add_argument("--coref-ablation", action="store_true",
                    help="with --cv: the rules' coreference and the coreference classifier side by side (one run)")
    ap.add_argument("--coref-min", type=float, action="append",
                    help="with --coref-ablation: the classifier's least probability to join (repeatable; default COREF_MIN)")
    ap.add_argument("--coref-c2", type=float, default=4.0,
                    help="L2 regularisation of the coreference classifier (default 4.0, chosen by 5-fold CV among 0.1, 1, 4)")
    ap.add_argument("--wordnet", choices=["on", "off"], default=None,
                    help="wordnet lexicographer class features (default: features.WORDNET_FEATURES)")
    ap.add_argument("--wordnet-ablation", action="store_true",
                    help="with --cv: cross-validate without and with the wordnet features (prepared once)")
    ap.add_argument("--wordnet-first-only", action="store_true",
                    help="wordnet features: only the first sense's class per part of speech, not every class")
    ap.add_argument("--wordnet-no-neighbours", action="store_true",
                    help="wordnet features: only the token's classes, not its neighbours'")
    ap.add_argument("--clusters", choices=["on", "off"], default=None,
                    help="word-cluster features of the trigger tagger (default: features.CLUSTER_FEATURES)")
    ap.add_argument("--context", choices=["on", "off"], default=None,
                    help="time-expression/name context features (default: features.CONTEXT_FEATURES)")
    ap.add_argument("--no-roles", action="store_true", help="with --cv: rule participants, no role model per fold")
    ap.add_argument("--cv-models", type=Path, default=None,
                    help="with --cv: keep the fold models in this folder and reuse those already there (only "
                         "while iterating on code the models do not see, e.g. participant rules; delete the "
                         "folder after changing features or training data)")
    ap.add_argument("--sections", choices=["on", "off"], default=None,
                    help="also train on the sections corpus's train split (default: training.events.SECTIONS)")
    ap.add_argument("--prior", choices=["on", "off"], default=None,
                    help="lemma trigger prior features of the trigger tagger (default: features.PRIOR_FEATURES)")
    ap.add_argument("--detector", choices=["on", "off"], default=None,
                    help="with --cv: the second-stage detector per fold (default: as the extractor, extractor.DETECTOR)")
    ap.add_argument("--confidence-only", action="store_true",
                    help="train only the event confidence classifier (on a 5-fold CV of the whole pipeline)")
    ap.add_argument("--detector-only", action="store_true",
                    help="train only the second-stage detector (on candidates of 5-fold jackknifed taggers)")
    ap.add_argument("--detector-ablation", action="store_true",
                    help="with --cv: without and with the second-stage detector, side by side (one run)")
    ap.add_argument("--detector-drop", type=float, action="append",
                    help="with --detector-ablation: P(not an event) at which it drops a candidate (repeatable; default DETECTOR_DROP)")
    ap.add_argument("--detector-add", type=float, action="append",
                    help="with --detector-ablation: P(event) at which it adds an untagged token (repeatable; default DETECTOR_ADD)")
    ap.add_argument("--detector-sources", action="append", default=None,
                    help="with --detector-ablation: the candidate sources the detector may drop, comma-separated "
                         "(tag, both, rule; repeatable; default DETECTOR_SOURCES)")
    ap.add_argument("--status-keep", action="append", default=None,
                    help="with --cv: a rules' status the status classifier never replaces (repeatable; default "
                         "extractor.STATUS_KEEP; 'none': every status may be replaced)")
    ap.add_argument("--status-cue-not-event", choices=["on", "off"], default=None,
                    help="a tagger-only trigger that is a planned/expected status cue is no event (default: "
                         "extractor.STATUS_CUE_NOT_EVENT)")
    args = ap.parse_args(argv)
    if args.status_cue_not_event:
        from graphbuilder.extract.events.learned import extractor as X

        X.STATUS_CUE_NOT_EVENT = args.status_cue_not_event == "on"
    if args.status_keep:
        from graphbuilder.extract.events.learned import extractor as X

        X.STATUS_KEEP = frozenset(k for k in args.status_keep if k != "none")
    from graphbuilder.extract.events.learned import features as F

    if args.wordnet or args.wordnet_ablation:
        F.WORDNET_FEATURES = args.wordnet_ablation or args.wordnet == "on"
    if args.clusters:
        F.CLUSTER_FEATURES = args.clusters == "on"
    if args.context:
        F.CONTEXT_FEATURES = args.context == "on"
    if args.prior:
        F.PRIOR_FEATURES = args.prior == "on"
    if args.wordnet_no_neighbours:
        F.WORDNET_NEIGHBOURS = False
    if args.wordnet_first_only:
        F.WORDNET_ALL_CLASSES = False
    langs = args.lang or ["de", "en"]
    sections = None if args.sections is None else args.sections == "on"
    docs = [d for d in T.load_training_docs(ROOT, args.shared, sections) if d.lang in langs]
    preps = T.prepare(docs)
    n_events = sum(len(p.gold.events) for p in preps)
    print(f"training data: {len(preps)} articles, {n_events} events "
          f"({', '.join(f'{lang} {sum(p.gold.lang == lang for p in preps)}' for lang in langs)})")
    params = {"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations}
    if args.cv and args.wordnet_ablation:
        out = {}
        for name, on in (("without", False), ("with", True)):
            F.WORDNET_FEATURES = on
            run = preps if on else [_strip_wordnet(p) for p in preps]
            with tempfile.TemporaryDirectory() as tmp:
                exs = T.cross_validate(run, Path(tmp), k=args.cv, roles=not args.no_roles, **params)[0]
            res = T.score(preps, exs)
            out[name] = {"detection": res["detection"], "full": res["full"]}
            print(name, json.dumps(out[name], default=str), flush=True)
        print(json.dumps({"cv": args.cv, **params, "langs": langs, **out}, indent=1, default=str))
        return 0
    if args.coref_only:
        with tempfile.TemporaryDirectory() as tmp:
            workdir = args.cv_models or Path(tmp)
            workdir.mkdir(parents=True, exist_ok=True)
            path = T.train_coref_jackknifed(preps, coref_model_path(args.out), workdir, k=args.cv or 5,
                                            reuse=args.cv_models is not None, coref_c2=args.coref_c2, **params)
        print(f"wrote {path} ({path.stat().st_size / 1e6:.2f} MB)")
        return 0
    if args.cv and args.coref_ablation:
        configs = [{"learned_coref": False}] + [{"learned_coref": True, "coref_min": m} for m in args.coref_min or [None]]
        with tempfile.TemporaryDirectory() as tmp:
            workdir = args.cv_models or Path(tmp)
            workdir.mkdir(parents=True, exist_ok=True)
            runs = T.cross_validate(preps, workdir, k=args.cv, configs=configs, roles=not args.no_roles,
                                    time=not args.no_time, reuse=args.cv_models is not None,
                                    coref_params={"c2": args.coref_c2}, **params)
        for cfg, exs in zip(configs, runs):
            res = T.score(preps, exs)
            name = "rules" if not cfg["learned_coref"] else f"learned (coref_min {cfg['coref_min'] or 'default'})"
            extra = {"breakdown": T.attribute_breakdown(preps, exs)} if args.breakdown else {}
            print(json.dumps({"coref": name, "cv": args.cv, "detection": res["detection"], "full": res["full"],
                              "second_mentions": T.second_mentions(preps, exs), **extra}, default=str), flush=True)
        return 0
    if args.cv and args.time_ablation:
        configs = [{"learned_time": False}] + [{"learned_time": True, "time_min": m} for m in args.time_min or [None]]
        with tempfile.TemporaryDirectory() as tmp:
            runs = T.cross_validate(preps, Path(tmp), k=args.cv, configs=configs, roles=not args.no_roles, **params)
        for cfg, exs in zip(configs, runs):
            res = T.score(preps, exs)
            name = "rules" if cfg.get("learned_time") is False else f"learned (time_min {cfg['time_min'] or 'default'})"
            extra = {"breakdown": T.attribute_breakdown(preps, exs)} if args.breakdown else {}
            print(json.dumps({"time": name, "cv": args.cv, **params, "detection": res["detection"],
                              "full": res["full"], **extra}, indent=1, default=str), flush=True)
        return 0
    if args.cv and args.detector_ablation:
        configs = [{"detector": False}] + [
            {"detector": True, "detector_drop": d, "detector_add": a,
             "detector_sources": frozenset(src.split(",")) if src else None}
            for src in args.detector_sources or [None] for d in args.detector_drop or [None]
            for a in args.detector_add or [None]]
        with tempfile.TemporaryDirectory() as tmp:
            workdir = args.cv_models or Path(tmp)
            workdir.mkdir(parents=True, exist_ok=True)
            runs = T.cross_validate(preps, workdir, k=args.cv, configs=configs, roles=not args.no_roles,
                                    time=not args.no_time, reuse=args.cv_models is not None,
                                    coref=False if args.no_coref else None, **params)
        for cfg, exs in zip(configs, runs):
            res = T.score(preps, exs)
            name = "off" if not cfg["detector"] else \
                f"on (drop {cfg['detector_drop'] or 'default'}, add {cfg['detector_add'] or 'default'}" + \
                (f", sources {','.join(sorted(cfg['detector_sources']))})" if cfg["detector_sources"] else ")")
            extra = {"breakdown": T.attribute_breakdown(preps, exs)} if args.breakdown else {}
            print(json.dumps({"detector": name, "cv": args.cv, "detection": res["detection"], "full": res["full"],
                              "second_mentions": T.second_mentions(preps, exs), **extra}, default=str), flush=True)
        return 0
    if args.cv:
        with tempfile.TemporaryDirectory() as tmp:
            workdir = args.cv_models or Path(tmp)
            workdir.mkdir(parents=True, exist_ok=True)
            exs = T.cross_validate(preps, workdir, k=args.cv, roles=not args.no_roles, time=not args.no_time,
                                   reuse=args.cv_models is not None, coref=False if args.no_coref else None,
                                   coref_params={"c2": args.coref_c2},
                                   detector=args.detector == "on" if args.detector else DETECTOR, **params)[0]
        res = T.score(preps, exs)
        det, full = res["detection"], res["full"]
        extra = {"breakdown": T.attribute_breakdown(preps, exs)} if args.breakdown else {}
        print(json.dumps({"cv": args.cv, **params, "detection": det, "full": full,
                          "errors": res.get("errors"), "second_mentions": T.second_mentions(preps, exs), **extra},
                         indent=1, default=str))
        return 0
    if args.roles_only:
        path = T.train_roles(preps, role_model_path(args.out))
        print(f"wrote {path} ({path.stat().st_size / 1e6:.2f} MB)")
        return 0
    if args.time_only:
        path = T.train_time(preps, time_model_path(args.out))
        print(f"wrote {path} ({path.stat().st_size / 1e6:.2f} MB)")
        return 0
    if args.status_only:
        path = T.train_status(preps, status_model_path(args.out))
        print(f"wrote {path} ({path.stat().st_size / 1e6:.2f} MB)")
        return 0
    if args.confidence_only:
        with tempfile.TemporaryDirectory() as tmp:
            workdir = args.cv_models or Path(tmp)
            workdir.mkdir(parents=True, exist_ok=True)
            path, exs = T.train_confidence_jackknifed(preps, confidence_model_path(args.out), workdir, k=args.cv or 5,
                                                      reuse=args.cv_models is not None, **params)
            print(f"wrote {path} ({path.stat().st_size / 1e6:.2f} MB)")
            record = T.confidence_inputs_path(path.parent)
            record.write_text(json.dumps({"command": "python scripts/train_events.py --confidence-only",
                                          "inputs": T.confidence_inputs(MODELS_DIR, ROOT)}, indent=1) + "\n",
                              encoding="utf-8")
            print(f"wrote {record} (what it was trained from: the shipped models and the gold; ship it with the model)")
            print(json.dumps({"confidence_cv": T.confidence_cv(preps, exs, workdir, k=args.cv or 5)}, indent=1))
        return 0
    if args.detector_only:
        with tempfile.TemporaryDirectory() as tmp:
            workdir = args.cv_models or Path(tmp)
            workdir.mkdir(parents=True, exist_ok=True)
            path = T.train_detector_jackknifed(preps, detector_model_path(args.out), workdir,
                                               reuse=args.cv_models is not None, **params)
        print(f"wrote {path} ({path.stat().st_size / 1e6:.2f} MB)")
        return 0
    for lang in langs:
        path = T.train_triggers([p for p in preps if p.gold.lang == lang], trigger_model_path(lang, args.out), **params)
        print(f"wrote {path} ({path.stat().st_size / 1e6:.2f} MB)")
    if set(langs) == {"de", "en"} and not args.triggers_only:
        path = T.train_roles(preps, role_model_path(args.out))
        print(f"wrote {path} ({path.stat().st_size / 1e6:.2f} MB)")
        path = T.train_status(preps, status_model_path(args.out))
        print(f"wrote {path} ({path.stat().st_size / 1e6:.2f} MB)")
        path = T.train_time(preps, time_model_path(args.out))
        print(f"wrote {path} ({path.stat().st_size / 1e6:.2f} MB)")
        with tempfile.TemporaryDirectory() as tmp:
            workdir = args.cv_models or Path(tmp)
            workdir.mkdir(parents=True, exist_ok=True)
            path = T.train_detector_jackknifed(preps, detector_model_path(args.out), workdir,
                                               reuse=args.cv_models is not None, **params)
        print(f"wrote {path} ({path.stat().st_size / 1e6:.2f} MB)")
    return 0


def _strip_wordnet(prep: T.Prepared) -> T.Prepared:
    """A copy of a prepared article whose trigger sequences lack the wordnet features."""
    import dataclasses

    def keep(f: str) -> bool:
        return not any(t in f for t in ("wn=", "wnv1=", "wnn1="))

    seqs = [([[f for f in tok if keep(f)] for tok in feats], tags) for feats, tags in prep.sequences]
    return dataclasses.replace(prep, sequences=seqs)


if __name__ == "__main__":
    raise SystemExit(main())
