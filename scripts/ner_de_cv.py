"""German name CRF experiments: GermEval dev 3-fold CV for one setting (fold 3 = blind part).

Scores each fold like ``graphbuilder train ner --lang de`` (the CRF trained on the other two
folds + the project's annotations' train split, run through the extractor with the rules'
fallback and post-check, the project's GermEval scorer), without training the final model.

    python scripts/ner_de_cv.py NAME [--scheme bio|bilou] [--extra] [--variant gazpos,rulepos]
                                [--c1 X --c2 Y --iters N] [--folds 0,1] [--frac P]
                                [--gold-dir DIR] [--stack J] [--clusters FILE] [--log FILE]

``--extra``: learn GermEval's OTH and -deriv/-part classes as classes of their own;
``--variant``: experimental feature groups of ``features.VARIANT``; ``--frac P``: keep only
the project train sentences whose hash ``sha256("lc:" + source:sent_id) % 100 < P`` (a fixed
P % sample for learning curves; nested: the 25 % sample lies inside the 50 % one);
``--gold-dir``: read the project's annotations from DIR (default ``tests/gold/ner/de``);
``--clusters FILE``: the word-cluster table the features read (``GRAPHBUILDER_NER_CLUSTERS``;
default: the shipped one), its hash part of the cache name;
The predicted spans of each fold are kept in the cache folder as NAME.pred.pkl
(``scripts/ner_de_vote.py`` votes over several runs). ``--stack J``: the stacked second pass (:mod:`graphbuilder.extract.ner.stack`), its training
features from J-fold jackknifed first-pass outputs. Appends NAME, setting, fold 1, fold 2,
fold 3 (blind), pooled, project train sentences and time to ``--log`` (default
``docs/experiments/ner-de-session8.tsv``). Featurized data are cached per feature variant,
gold folder and word-cluster table in /tmp/ner-de-cv-$USER-… or $NER_CV_CACHE (delete it after
changing features.py: the code is not part of the key). Choose settings
by folds 1+2 only; fold 3 is reported, never chosen by."""
from __future__ import annotations

import argparse
import hashlib
import os
import pickle
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
ap.add_argument("--frac", type=int, default=100, help="percent of the project train split kept")
ap.add_argument("--gold-dir", default=None)
ap.add_argument("--stack", type=int, default=0, help="stacked second pass, J jackknife folds")
ap.add_argument("--log", default=None)
ap.add_argument("--train-mark-only", action="store_true",
                help="the dom=wiki mark on the WikiANN train sample only (as before session 7), "
                     "not on the annotated WikiANN dev/test sentences")
ap.add_argument("--clusters", default=None, help="word-cluster table to read instead of the shipped one")
args = ap.parse_args()
if args.clusters:
    os.environ["GRAPHBUILDER_NER_CLUSTERS"] = str(Path(args.clusters).resolve())

from graphbuilder.extract.ner import features as F  # noqa: E402

F.VARIANT = frozenset(v for v in args.variant.split(",") if v)
from graphbuilder.extract.ner import train as T  # noqa: E402
from graphbuilder.extract.ner.model import LABELS  # noqa: E402

if args.train_mark_only:
    T.DOMAINS = {"train/ner/de/wikiann-de.train": "wiki"}
from graphbuilder.extract.ner.project_gold import GOLD_DIR, read_project_gold  # noqa: E402
from graphbuilder.evaluation.germeval import gold_spans, predicted_spans, score  # noqa: E402
from graphbuilder.models import Sentence  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
shared = REPO.parent / "shared"
gold_dir = Path(args.gold_dir) if args.gold_dir else GOLD_DIR
log_path = Path(args.log) if args.log else REPO / "docs" / "experiments" / "ner-de-session8.tsv"
t0 = time.time()
batches = sorted(p.name for p in gold_dir.glob("*.jsonl"))
gold_key = hashlib.sha1("\n".join(batches).encode()).hexdigest()[:8]
cache_dir = Path(os.environ.get("NER_CV_CACHE", f"/tmp/ner-de-cv-{os.environ.get('USER', 'u')}-nerde"))
mark = "-trainmark" if args.train_mark_only else ""
cluster_file = F.cluster_path("de")
# the cluster table always names the cache: the default table changes when a new one ships
mark += "-cl" + hashlib.sha1(cluster_file.read_bytes()).hexdigest()[:8]
cache = cache_dir / f"feats-{'+'.join(sorted(F.VARIANT)) or 'base'}-{gold_key}{mark}.pkl"
if cache.exists():
    project, ids, folds, gold = pickle.loads(cache.read_bytes())
else:
    ptrain, _ptest, _info = T.project_sentences(gold_dir, shared, None, True)
    ids = [f"{g.source}:{g.sent_id}" for g in read_project_gold(gold_dir, shared, True)
           if g.split == "train"]
    assert len(ids) == len(ptrain) and all(t.tokens for t in ptrain)
    project = T.featurize_all(ptrain, "de")
    gold = T.germeval_folds(shared, extra=True)
    folds = [T.featurize_all(f, "de") for f in gold]
    cache_dir.mkdir(exist_ok=True)
    cache.write_bytes(pickle.dumps((project, ids, folds, gold)))
print(f"features {time.time() - t0:.0f}s ({len(batches)} batches)", flush=True)


def kept(sid: str) -> bool:
    return int(hashlib.sha256(f"lc:{sid}".encode()).hexdigest(), 16) % 100 < args.frac


project = [x for x, sid in zip(project, ids) if kept(sid)]
print(f"project train sentences: {len(project)} ({args.frac} %)", flush=True)


def lab(data):
    if args.extra:
        return data
    return [(x[0], [t if t[2:] in LABELS else "O" for t in x[1]], *x[2:]) for x in data]


def evaluate(sentences, extractor):
    """Scores and the (gold, predicted) span sets per sentence (kept for span voting)."""
    pairs = []
    for t in sentences:
        text = " ".join(t.tokens)
        mentions, _roles = extractor.extract(text, "de", [Sentence(start=0, end=len(text), text=text, index=0)])
        pairs.append((gold_spans(t.tags), predicted_spans(t.tokens, mentions)))
    return score(pairs), pairs


params = {"c1": args.c1, "c2": args.c2, "max_iterations": args.iters}
res = {}
preds = {}
for k in (int(x) for x in args.folds.split(",")):
    rest = [x for j, f in enumerate(folds) if j != k for x in f]
    tmp = cache_dir / f"{args.name}.cv{k}.crfsuite"
    if args.stack:
        from graphbuilder.extract.ner import stack as S

        tmp2 = cache_dir / f"{args.name}.cv{k}.stack.crfsuite"
        S.train_stacked(lab(project + rest), tmp, tmp2, params, args.stack, args.scheme,
                        log=lambda m: print(f"  fold {k + 1}: {m} {time.time() - t0:.0f}s", flush=True))
        ext = S.stacked_extractor(tmp, tmp2, "de")
    else:
        T.train_model(lab(project + rest), tmp, params, args.scheme)
        ext = T._extractor(tmp, "de")
    r, preds[k] = evaluate(gold[k], ext)
    size = tmp.stat().st_size
    tmp.unlink()
    if args.stack:
        size += tmp2.stat().st_size
        tmp2.unlink()
    res[k] = r
    print(f"fold {k + 1}: {r['micro']['f1']:.4f} (P {r['micro']['precision']:.3f} R {r['micro']['recall']:.3f}) "
          f"{size / 1e6:.1f} MB {time.time() - t0:.0f}s", flush=True)
(cache_dir / f"{args.name}.pred.pkl").write_bytes(pickle.dumps(preds))
pooled = T.pool(list(res.values())) if len(res) == 3 else {"f1": float("nan")}
setting = (f"scheme={args.scheme} extra={int(args.extra)} variant={args.variant or '-'} c1={args.c1} "
           f"c2={args.c2} it={args.iters} frac={args.frac} stack={args.stack} batches={len(batches)}"
           + (" wiki-mark=train-only" if args.train_mark_only else "")
           + (f" clusters={cluster_file.name}" if args.clusters else ""))
row = [args.name, setting] + [f"{res[k]['micro']['f1']:.4f}" if k in res else "-" for k in range(3)] \
    + [f"{pooled['f1']:.4f}", str(len(project)), f"{time.time() - t0:.0f}s"]
if not log_path.exists():
    log_path.write_text("name\tsetting\tfold1\tfold2\tfold3_blind\tpooled\tproject_train\ttime\n")
with open(log_path, "a") as fh:
    fh.write("\t".join(row) + "\n")
print("\t".join(row))
