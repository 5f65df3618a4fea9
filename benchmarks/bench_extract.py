"""Extraction throughput: graphbuilder's full extraction vs the naive dateparser scan, one run.

Reads the 1,028 German articles of ../shared/bench/de-10kgnad/test.csv (``--lang en``: the 2,225
English BBC articles of ../shared/bench/en-bbc/, in path order; read from there, never copied),
then times, in this one process and on the same texts:

* graphbuilder: the whole pipeline (cleaning, sentences, times, entities, events) per article;
* naive: ``dateparser.search.search_dates(text, languages=[LANG])`` per article — what a user
  would reach for first, and it finds only dates.

Prints articles/s (wall clock and CPU time) for each, the ratios, and the process's peak RSS.
Usage:

    python benchmarks/bench_extract.py [--shared ../shared] [--lang de|en] [--limit N]
                                       [--naive-limit N] [--json]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
import warnings
from pathlib import Path

from graphbuilder.evaluation.events import de_lines, read_bbc, read_de_line
from graphbuilder.models import Document
from graphbuilder.pipeline import Pipeline


WARM_UP = {"de": "Warm-up am 2. Dezember 2021 in Berlin.", "en": "Warm-up on 2 December 2021 in Leeds."}


def load_texts(shared: Path, limit: int | None, lang: str = "de") -> list[str]:
    if lang == "en":
        texts = [read_bbc(p) for p in sorted((shared / "bench" / "en-bbc").glob("*/*.txt"))]
    else:
        texts = [read_de_line(line)[1] for line in de_lines(shared) if line.strip()]
    return texts[:limit] if limit else texts


def bench_graphbuilder(texts: list[str], lang: str = "de") -> tuple[float, float, dict[str, int]]:
    """(wall seconds, CPU seconds, counts) of the whole pipeline over ``texts``."""
    pipe = Pipeline()
    pipe.process(Document(id="warm", text=WARM_UP[lang]), language=lang)
    counts = {"times": 0, "entities": 0, "events": 0}
    t0, c0 = time.perf_counter(), time.process_time()
    for i, text in enumerate(texts):
        ex = pipe.process(Document(id=str(i), text=text), language=lang)
        counts["times"] += len(ex.times)
        counts["entities"] += len(ex.entities)
        counts["events"] += len(ex.events)
    return time.perf_counter() - t0, time.process_time() - c0, counts


def bench_naive(texts: list[str], lang: str = "de") -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, dates found) of dateparser's search over ``texts``."""
    from dateparser.search import search_dates

    warnings.filterwarnings("ignore")
    search_dates(WARM_UP[lang], languages=[lang])  # warm-up
    found = 0
    t0, c0 = time.perf_counter(), time.process_time()
    for text in texts:
        try:
            found += len(search_dates(text, languages=[lang]) or [])
        except (OverflowError, ValueError):  # dateparser fails on a few BBC articles
            pass
    return time.perf_counter() - t0, time.process_time() - c0, found


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared")
    ap.add_argument("--lang", choices=["de", "en"], default="de",
                    help="de: 10kGNAD test (1,028 articles); en: BBC news (2,225 articles)")
    ap.add_argument("--limit", type=int, default=None, help="articles for graphbuilder (default all)")
    ap.add_argument("--naive-limit", type=int, default=None, help="articles for the naive scan (default all)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    data = args.shared / ("bench/en-bbc" if args.lang == "en" else "bench/de-10kgnad/test.csv")
    if not data.exists():
        print(f"benchmark data not found: {data}", file=sys.stderr)
        return 2
    texts = load_texts(args.shared, args.limit, args.lang)
    naive_texts = texts[: args.naive_limit] if args.naive_limit else texts
    gb_s, gb_cpu, counts = bench_graphbuilder(texts, args.lang)
    nv_s, nv_cpu, nv_found = bench_naive(naive_texts, args.lang)
    gb_rate = len(texts) / gb_s
    nv_rate = len(naive_texts) / nv_s
    gb_cpu_rate = len(texts) / gb_cpu
    nv_cpu_rate = len(naive_texts) / nv_cpu
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {
        "articles": len(texts), "graphbuilder_articles_per_s": round(gb_rate, 1),
        "naive_articles": len(naive_texts), "naive_articles_per_s": round(nv_rate, 1),
        "ratio": round(gb_rate / nv_rate, 2), "peak_rss_mb": round(peak_mb, 1),
        "lang": args.lang, "graphbuilder_cpu_articles_per_s": round(gb_cpu_rate, 1),
        "naive_cpu_articles_per_s": round(nv_cpu_rate, 1),
        "cpu_ratio": round(gb_cpu_rate / nv_cpu_rate, 2),
        "graphbuilder_found": counts, "naive_dates_found": nv_found,
        "avg_chars": round(sum(map(len, texts)) / len(texts)),
    }
    if args.json:
        print(json.dumps(result))
    else:
        print(f"articles: {len(texts)} {args.lang} (avg {result['avg_chars']} chars)")
        print(f"graphbuilder extract (times+entities+events): {gb_rate:8.1f} articles/s, "
              f"{gb_cpu_rate:8.1f} per CPU s  {counts}")
        print(f"naive dateparser search_dates:                {nv_rate:8.1f} articles/s, "
              f"{nv_cpu_rate:8.1f} per CPU s  ({nv_found} dates)")
        print(f"ratio graphbuilder / naive: {result['ratio']:.2f}x wall, {result['cpu_ratio']:.2f}x CPU")
        print(f"peak RSS: {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
