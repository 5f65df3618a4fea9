"""One huge article: processed or refused within its limits (issue 9 acceptance: a 20 MB
article is handled in under a minute).

Builds one article of ``--mb`` megabytes by joining the German bench articles of
../shared/bench/de-10kgnad/test.csv (read from there at run time, never copied; repeated when
more text is needed), writes it to a temporary file and ingests it into a temporary SQLite
store with the default limits (or ``--max-bytes`` / ``--timeout``). Prints the outcome
(ingested, or the named failure), wall time and peak RSS. Usage:

    python benchmarks/bench_big_article.py --mb 20
    python benchmarks/bench_big_article.py --mb 1 --max-bytes 0
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

from graphbuilder.core import ingest
from graphbuilder.evaluation.events import de_lines, read_de_line
from graphbuilder.limits import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_S, Limits
from graphbuilder.store.sqlite_store import SQLiteStore


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=20.0)
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    ap.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES)
    ap.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT_S)
    args = ap.parse_args()
    texts = [read_de_line(line)[1] for line in de_lines(Path(args.shared)) if line.strip()]
    want = int(args.mb * 1_000_000)
    parts, size = [], 0
    while size < want:
        for t in texts:
            parts.append(t)
            size += len(t.encode("utf-8")) + 2
            if size >= want:
                break
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "big.txt"
        src.write_text("\n\n".join(parts), encoding="utf-8")
        t0 = time.perf_counter()
        with SQLiteStore(Path(tmp) / "g.db") as store:
            summary = ingest([str(src)], store, language="de",
                             limits=Limits(max_bytes=args.max_bytes or None, timeout_s=args.timeout or None))
        seconds = time.perf_counter() - t0
    print(json.dumps({
        "megabytes": round(size / 1e6, 2),
        "seconds": round(seconds, 2),
        "articles_ingested": summary.articles, "events": summary.events,
        "failures": [str(f) for f in summary.failures],
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
