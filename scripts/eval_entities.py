#!/usr/bin/env python3
"""Print entity figures: GermEval 2014 dev P/R/F1 and throughput on the 10kGNAD bench.

Usage: python scripts/eval_entities.py [--shared ../shared] [--errors N]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from graphbuilder.evaluation.germeval import (
    evaluate_germeval,
    gold_spans,
    predicted_spans,
    read_germeval,
)
from graphbuilder.extract.entities import RuleEntityExtractor
from graphbuilder.models import Sentence


def show_errors(path: Path, extractor: RuleEntityExtractor, limit: int) -> None:
    """Print false positives and false negatives (for tuning on dev)."""
    shown = 0
    for sent in read_germeval(path):
        text = sent.text
        mentions, _ = extractor.extract(text, "de", [Sentence(start=0, end=len(text), text=text,
                                                               index=0)])
        gold, pred = gold_spans(sent.outer), predicted_spans(sent.tokens, mentions)
        for kind, spans in (("FP", pred - gold), ("FN", gold - pred)):
            for a, b, label in sorted(spans):
                words = " ".join(sent.tokens[a:b + 1]) if a >= 0 else "<misaligned>"
                print(f"{kind}\t{label}\t{words}\t|| {text[:120]}")
                shown += 1
        if shown >= limit:
            return


def bench(path: Path, extractor: RuleEntityExtractor) -> None:
    texts = []
    for line in path.read_text(encoding="utf-8").splitlines():
        _label, _, body = line.partition(";")
        texts.append(body.strip("'"))
    chars = sum(len(t) for t in texts)
    t0, c0 = time.perf_counter(), time.process_time()
    for text in texts:
        extractor.extract(text, "de", [Sentence(start=0, end=len(text), text=text, index=0)])
    dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(f"bench: {len(texts)} articles, {chars / len(texts):.0f} chars avg, "
          f"{len(texts) / dt:.0f} articles/s, {1000 * dt / len(texts):.2f} ms/article wall, "
          f"{1000 * cpu / len(texts):.2f} ms/article cpu, "
          f"{1000 * cpu / (chars / 2600):.2f} ms cpu per 2.6 KB")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--errors", type=int, default=0)
    ap.add_argument("--no-bench", action="store_true")
    args = ap.parse_args()
    shared = Path(args.shared)
    t0 = time.perf_counter()
    extractor = RuleEntityExtractor()
    print(f"init: {time.perf_counter() - t0:.2f} s")
    dev = shared / "eval" / "germeval2014-dev" / "NER-de-dev.tsv"
    if dev.exists():
        res = evaluate_germeval(dev, extractor)
        for label in ("PER", "LOC", "ORG", "micro"):
            r = res[label]
            print(f"GermEval dev {label:5s} P {r['precision']:.3f} R {r['recall']:.3f} "
                  f"F1 {r['f1']:.3f} (tp {r['tp']} fp {r['fp']} fn {r['fn']})")
        if args.errors:
            show_errors(dev, extractor, args.errors)
    b = shared / "bench" / "de-10kgnad" / "test.csv"
    if b.exists() and not args.no_bench:
        bench(b, extractor)


if __name__ == "__main__":
    main()
