#!/usr/bin/env python3
"""Print the temporal-tagging figures: KRAUTS dev (ours, HeidelTime's shipped output, naive
dateparser baseline) and TempEval-3 TBAQ dev (ours, naive), strict / relaxed / value P, R, F1,
plus the rule tagger's throughput on the German bench (../shared/bench/de-10kgnad/test.csv).

    python scripts/eval_temporal.py [--fast] [--shared PATH]

``--fast`` scores the naive baseline on the first 20 documents of each corpus only and times
the tagger on 300 bench articles.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graphbuilder.evaluation.naive import DateparserTemporalTagger  # noqa: E402
from graphbuilder.evaluation.timeml import evaluate_timeml  # noqa: E402
from graphbuilder.extract.temporal import RuleTemporalTagger  # noqa: E402


def _row(corpus: str, system: str, figures: dict, docs: int) -> str:
    cells = []
    for kind in ("strict", "relaxed", "value"):
        f = figures[kind]
        cells.append(f"{f['p']:.3f} {f['r']:.3f} {f['f1']:.3f}")
    return f"{corpus:<14} {system:<22} {docs:>5}  " + "   ".join(cells)


def bench_speed(path: Path, limit: int | None) -> tuple[int, float]:
    lines = path.read_text(encoding="utf-8").splitlines()[:limit]
    texts = [line.split(";", 1)[-1] for line in lines]
    tagger = RuleTemporalTagger()
    ref = dt.date(2021, 12, 2)
    tagger.tag(texts[0], "de", ref)  # warm-up
    start = time.perf_counter()
    for text in texts:
        tagger.tag(text, "de", ref)
    return len(texts), time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--fast", action="store_true", help="sample the slow parts")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args()
    krauts = args.shared / "eval" / "krauts-dev"
    tbaq = args.shared / "eval" / "tempeval3-dev"
    naive_limit = 20 if args.fast else None
    ours, naive = RuleTemporalTagger(), DateparserTemporalTagger()

    print(f"{'corpus':<14} {'system':<22} {'docs':>5}  {'strict P/R/F1':<17}   "
          f"{'relaxed P/R/F1':<17}   {'value P/R/F1'}")
    if krauts.exists():
        r = evaluate_timeml(krauts / "gold", ours, "de", peer_dir=krauts / "heideltime")
        print(_row("KRAUTS dev", "rules (ours)", r["ours"], r["docs"]))
        print(_row("KRAUTS dev", "HeidelTime (shipped)", r["peer"], r["docs"]))
        n = evaluate_timeml(krauts / "gold", naive, "de", limit=naive_limit)
        print(_row("KRAUTS dev", "naive dateparser", n["ours"], n["docs"]))
    else:
        print(f"(missing {krauts})")
    if tbaq.exists():
        r = evaluate_timeml(tbaq, ours, "en")
        print(_row("TempEval-3 TBAQ", "rules (ours)", r["ours"], r["docs"]))
        n = evaluate_timeml(tbaq, naive, "en", limit=naive_limit)
        print(_row("TempEval-3 TBAQ", "naive dateparser", n["ours"], n["docs"]))
    else:
        print(f"(missing {tbaq})")
    bench = args.shared / "bench" / "de-10kgnad" / "test.csv"
    if bench.exists():
        count, seconds = bench_speed(bench, 300 if args.fast else None)
        size = bench.stat().st_size / max(1, len(bench.read_text(encoding="utf-8").splitlines()))
        print(f"\nspeed: {count} German bench articles (~{size / 1024:.1f} KB each) in {seconds:.2f} s: "
              f"{count / seconds:.0f} articles/s, {seconds / count * 1000:.2f} ms/article")


if __name__ == "__main__":
    main()
