"""Extraction throughput: graphbuilder's full extraction vs the naive dateparser scan, one run.

Reads the 1,028 German articles of ../shared/bench/de-10kgnad/test.csv (read from there, never
copied), then times, in this one process and on the same texts:

* graphbuilder: the whole pipeline (cleaning, sentences, times, entities, events) per article;
* naive: ``dateparser.search.search_dates(text, languages=["de"])`` per article — what a user
  would reach for first, and it finds only dates.

Prints articles/s for each, the ratio, and the process's peak RSS. Usage:

    python benchmarks/bench_extract.py [--shared ../shared] [--limit N] [--naive-limit N] [--json]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
import warnings
from pathlib import Path

from graphbuilder.evaluation.events import de_lines, read_de_line
from graphbuilder.models import Document
from graphbuilder.pipeline import Pipeline


def load_texts(shared: Path, limit: int | None) -> list[str]:
    texts = [read_de_line(line)[1] for line in de_lines(shared) if line.strip()]
    return texts[:limit] if limit else texts


def bench_graphbuilder(texts: list[str]) -> tuple[float, dict[str, int]]:
    pipe = Pipeline()
    pipe.process(Document(id="warm", text="Warm-up am 2. Dezember 2021 in Berlin."), language="de")
    counts = {"times": 0, "entities": 0, "events": 0}
    t0 = time.perf_counter()
    for i, text in enumerate(texts):
        ex = pipe.process(Document(id=str(i), text=text), language="de")
        counts["times"] += len(ex.times)
        counts["entities"] += len(ex.entities)
        counts["events"] += len(ex.events)
    return time.perf_counter() - t0, counts


def bench_naive(texts: list[str]) -> tuple[float, int]:
    from dateparser.search import search_dates

    warnings.filterwarnings("ignore")
    search_dates("am 2. Dezember 2021", languages=["de"])  # warm-up
    found = 0
    t0 = time.perf_counter()
    for text in texts:
        found += len(search_dates(text, languages=["de"]) or [])
    return time.perf_counter() - t0, found


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared")
    ap.add_argument("--limit", type=int, default=None, help="articles for graphbuilder (default all)")
    ap.add_argument("--naive-limit", type=int, default=None, help="articles for the naive scan (default all)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    csv_path = args.shared / "bench/de-10kgnad/test.csv"
    if not csv_path.exists():
        print(f"benchmark data not found: {csv_path}", file=sys.stderr)
        return 2
    texts = load_texts(args.shared, args.limit)
    naive_texts = texts[: args.naive_limit] if args.naive_limit else texts
    gb_s, counts = bench_graphbuilder(texts)
    nv_s, nv_found = bench_naive(naive_texts)
    gb_rate = len(texts) / gb_s
    nv_rate = len(naive_texts) / nv_s
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {
        "articles": len(texts), "graphbuilder_articles_per_s": round(gb_rate, 1),
        "naive_articles": len(naive_texts), "naive_articles_per_s": round(nv_rate, 1),
        "ratio": round(gb_rate / nv_rate, 2), "peak_rss_mb": round(peak_mb, 1),
        "graphbuilder_found": counts, "naive_dates_found": nv_found,
        "avg_chars": round(sum(map(len, texts)) / len(texts)),
    }
    if args.json:
        print(json.dumps(result))
    else:
        print(f"articles: {len(texts)} (avg {result['avg_chars']} chars)")
        print(f"graphbuilder extract (times+entities+events): {gb_rate:8.1f} articles/s  {counts}")
        print(f"naive dateparser search_dates:                {nv_rate:8.1f} articles/s  ({nv_found} dates)")
        print(f"ratio graphbuilder / naive: {result['ratio']:.2f}x")
        print(f"peak RSS: {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
