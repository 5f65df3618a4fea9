"""German name CRF experiments: GermEval dev 3-fold CV for one setting (fold 3 = blind part).

Scores each fold like ``graphbuilder train ner --lang de`` (the CRF trained on the other two
folds + the project's annotations' train split, run through the extractor with the rules'
fallback and post-check, the project's GermEval scorer), without training the final model.

    python scripts/ner_de_cv.py NAME [--scheme bio|bilou] [--extra] [--variant gazpos,rulepos]
                                [--c1 X --c2 Y --iters N] [--folds 0,1]

``--extra``: learn GermEval's OTH and -deriv/-part classes as classes of their own;
``--variant``: experimental feature groups of ``features.VARIANT``. Appends NAME, setting,
fold 1, fold 2, fold 3 (blind), pooled to ``docs/experiments/ner-de-session6.tsv``. Featurized data are cached
per feature variant in /tmp/ner-de-cv (delete it after changing features.py). Choose settings by
folds 1+2 only; fold 3 is reported, never chosen by."""
from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from pathlib import Path

ap = argparse.ArgumentParser()
ap.add_argument("name")
ap.add_argument("--scheme", default="bio")
ap.add_argument("--extra", action="store_true")
ap.add_argument("--variant", default="")
ap.add_argument("--c1", type=float, default=0.05)
ap.add_argument("--c2", type=float, default=0.1)
ap.add_argument("--iters", type=int, default=150)
ap.add_argument("--folds", default="0,1,2")
args = ap.parse_args()

from graphbuilder.extract.ner import features as F  # noqa: E402

F.VARIANT = frozenset(v for v in args.variant.split(",") if v)
from graphbuilder.extract.ner import train as T  # noqa: E402
from graphbuilder.extract.ner.model import LABELS  # noqa: E402
from graphbuilder.extract.ner.project_gold import GOLD_DIR  # noqa: E402
from graphbuilder.evaluation.germeval import evaluate_sentences  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
shared = REPO.parent / "shared"
t0 = time.time()
cache = Path("/tmp/ner-de-cv") / f"feats-{'+'.join(sorted(F.VARIANT)) or 'base'}.pkl"
if cache.exists():
    project, folds, gold = pickle.loads(cache.read_bytes())
else:
    ptrain, _ptest, _info = T.project_sentences(GOLD_DIR, shared, None, True)
    project = T.featurize_all(ptrain, "de")
    gold = T.germeval_folds(shared, extra=True)
    folds = [T.featurize_all(f, "de") for f in gold]
    cache.parent.mkdir(exist_ok=True)
    cache.write_bytes(pickle.dumps((project, folds, gold)))
print(f"features {time.time() - t0:.0f}s", flush=True)


def lab(data):
    if args.extra:
        return data
    return [(x[0], [t if t[2:] in LABELS else "O" for t in x[1]], *x[2:]) for x in data]


params = {"c1": args.c1, "c2": args.c2, "max_iterations": args.iters}
res = {}
for k in (int(x) for x in args.folds.split(",")):
    rest = [x for j, f in enumerate(folds) if j != k for x in f]
    tmp = Path(f"/tmp/ner-de-cv/{args.name}.cv{k}.crfsuite")
    T.train_model(lab(project + rest), tmp, params, args.scheme)
    r = evaluate_sentences([(t.tokens, t.tags) for t in gold[k]], T._extractor(tmp, "de"), "de")
    size = tmp.stat().st_size
    tmp.unlink()
    res[k] = r
    print(f"fold {k + 1}: {r['micro']['f1']:.4f} (P {r['micro']['precision']:.3f} R {r['micro']['recall']:.3f}) "
          f"{size / 1e6:.1f} MB {time.time() - t0:.0f}s", flush=True)
pooled = T.pool(list(res.values())) if len(res) == 3 else {"f1": float("nan")}
setting = f"scheme={args.scheme} extra={int(args.extra)} variant={args.variant or '-'} c1={args.c1} c2={args.c2} it={args.iters}"
row = [args.name, setting] + [f"{res[k]['micro']['f1']:.4f}" if k in res else "-" for k in range(3)] \
    + [f"{pooled['f1']:.4f}", f"{time.time() - t0:.0f}s"]
with open(REPO / "docs" / "experiments" / "ner-de-session6.tsv", "a") as fh:
    fh.write("\t".join(row) + "\n")
print("\t".join(row))
