"""English name CRF experiments: train one setting on CoNLL-2003 train (as ``graphbuilder train
ner --lang en`` does, into /tmp/ner-en-exp/NAME, never over the shipped model) and print the
figures of ``scripts/eval_names_en.py`` for it: CoNLL testa dev part / blind third F1, MEANTIME
dev tune / blind half recall exact / overlap, B-cubed.

    python scripts/ner_en_exp.py NAME [--window] [--scheme bio|bilou] [--c1 X --c2 Y]
                                 [--iters N] [--note TEXT]

``--window``: the German model's long affixes and window features for English too.
Appends a row to ``docs/experiments/ner-en-session7.tsv``. Choose settings by the tune half and
testa dev; the blind half and the blind third are reported, never chosen by."""
from __future__ import annotations

import argparse
import contextlib
import io
import re
import sys
import time
from pathlib import Path

ap = argparse.ArgumentParser()
ap.add_argument("name")
ap.add_argument("--window", action="store_true")
ap.add_argument("--only", choices=["affix", "window"], default=None,
                help="with --window: only the long affixes / only the window features")
ap.add_argument("--scheme", default="bio")
ap.add_argument("--c1", type=float, default=0.05)
ap.add_argument("--c2", type=float, default=0.1)
ap.add_argument("--iters", type=int, default=150)
ap.add_argument("--note", default="")
args = ap.parse_args()
ARGV = sys.argv[1:]

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
from graphbuilder.extract.ner import features as F  # noqa: E402

if args.window:
    if args.only != "affix":
        F.WINDOW_LANGS = (*F.WINDOW_LANGS, "en")
    if args.only != "window":
        F.AFFIX_LANGS = (*F.AFFIX_LANGS, "en")
from graphbuilder.extract.ner import model as M  # noqa: E402
from graphbuilder.extract.ner import train as T  # noqa: E402

shared = REPO.parent / "shared"
out_dir = Path("/tmp/ner-en-exp") / args.name
t0 = time.time()
data = []
for _name, sents in T.corpora("en", shared).items():
    data.extend(T.featurize_all(sents, "en"))
print(f"features {time.time() - t0:.0f}s", flush=True)
T.train_model(data, out_dir / "ner-en.crfsuite",
              {"c1": args.c1, "c2": args.c2, "max_iterations": args.iters}, args.scheme)
print(f"trained {time.time() - t0:.0f}s", flush=True)
M.MODEL_DIR = out_dir
import eval_names_en  # noqa: E402

buf = io.StringIO()
sys.argv = ["eval_names_en.py", "--shared", str(shared)]
with contextlib.redirect_stdout(buf):
    eval_names_en.main()
text = buf.getvalue()
print(text)
nums = [re.findall(r"\d\.\d{4}", line) for line in text.splitlines()]
testa, tune, blind, _all, b3 = nums[:5]
only = f"({args.only} only)" if args.only else ""
setting = (f"scheme={args.scheme} window={int(args.window)}{only} c1={args.c1} c2={args.c2} "
           f"it={args.iters} {args.note}").strip()
row = [args.name, setting, *testa, *tune, *blind, *b3, "?",
       f"python scripts/ner_en_exp.py {' '.join(ARGV)} ({time.time() - t0:.0f}s)"]
with (REPO / "docs" / "experiments" / "ner-en-session7.tsv").open("a", encoding="utf-8") as fh:
    fh.write("\t".join(row) + "\n")
