"""Span voting over several German name CRF runs of ``scripts/ner_de_cv.py`` (an ensemble
measured without building it): a predicted PER/LOC/ORG span is kept when at least ``--min``
of the runs predicted exactly it (default: a strict majority).

    python scripts/ner_de_vote.py NAME RUN1 RUN2 RUN3 [--min K] [--log FILE]

Reads ``RUN.pred.pkl`` from the CV cache folder, scores GermEval dev folds 1, 2, 3 (blind)
and pooled with the project's scorer, and appends a row to ``--log`` (default
``docs/experiments/ner-de-session7.tsv``)."""
from __future__ import annotations

import argparse
import os
import pickle
from collections import Counter
from pathlib import Path

from graphbuilder.evaluation.germeval import score
from graphbuilder.extract.ner.train import pool

ap = argparse.ArgumentParser()
ap.add_argument("name")
ap.add_argument("runs", nargs="+")
ap.add_argument("--min", type=int, default=None)
ap.add_argument("--log", default=None)
args = ap.parse_args()
REPO = Path(__file__).resolve().parents[1]
cache_dir = Path(os.environ.get("NER_CV_CACHE", f"/tmp/ner-de-cv-{os.environ.get('USER', 'u')}-nerde"))
log_path = Path(args.log) if args.log else REPO / "docs" / "experiments" / "ner-de-session7.tsv"
need = args.min or len(args.runs) // 2 + 1
runs = [pickle.loads((cache_dir / f"{r}.pred.pkl").read_bytes()) for r in args.runs]
res = {}
for k in sorted(set.intersection(*(set(r) for r in runs))):
    pairs = []
    for n, (gold, _p) in enumerate(runs[0][k]):
        votes = Counter(s for r in runs for s in r[k][n][1])
        pairs.append((gold, {s for s, v in votes.items() if v >= need}))
    res[k] = score(pairs)
    print(f"fold {k + 1}: {res[k]['micro']['f1']:.4f} (P {res[k]['micro']['precision']:.3f} "
          f"R {res[k]['micro']['recall']:.3f})")
pooled = pool(list(res.values())) if len(res) == 3 else {"f1": float("nan")}
row = [args.name, f"vote min={need} of {'+'.join(args.runs)}"] \
    + [f"{res[k]['micro']['f1']:.4f}" if k in res else "-" for k in range(3)] + [f"{pooled['f1']:.4f}", "-", "-"]
with open(log_path, "a") as fh:
    fh.write("\t".join(row) + "\n")
print("\t".join(row))
