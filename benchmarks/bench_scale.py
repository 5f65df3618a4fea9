"""Scale benchmark (issue 14): does ingest cost per article and peak memory stay flat as the
corpus grows, and how does ingest compare with extraction alone?

Builds N articles from the 1,028 German articles of ../shared/bench/de-10kgnad/test.csv (read
from there; the repeated texts get distinct ids and shifted publication dates, so the store keeps
growing), writes them as JSONL into a temporary folder (never into the repository), then runs,
each as its own process and measured by the kernel (CPU time user+system, peak RSS):

* ``graphbuilder extract`` of the N articles (no store);
* ``graphbuilder ingest --store`` of the same N articles into a fresh store
  (plus ``--neo4j-uri`` when ``--neo4j`` is given and NEO4J_* is set).

Prints one row per N: CPU ms per article, articles per CPU second, peak RSS, and the ratios the
issue asks for (ingest / extract cost; cost and RSS at the largest N / at the smallest). CPU time
is used because the machine is shared and its load varies.

    python benchmarks/bench_scale.py --sizes 1000,5000,10000 [--workers N] [--neo4j] [--json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def load_texts(shared: Path) -> list[str]:
    sys.path.insert(0, str(ROOT))
    from graphbuilder.evaluation.events import de_lines, read_de_line

    return [read_de_line(line)[1] for line in de_lines(shared) if line.strip()]


def write_corpus(texts: list[str], n: int, path: Path) -> None:
    """N records: copy k of article i gets id ``r{k}-{i}`` and a date shifted by 30*k days."""
    base = dt.date(2015, 1, 1)
    with open(path, "w", encoding="utf-8") as fh:
        for j in range(n):
            k, i = divmod(j, len(texts))
            rec = {"id": f"r{k}-{i}", "text": texts[i], "language": "de", "source": f"bench-{k}",
                   "published": (base + dt.timedelta(days=30 * k + i % 28)).isoformat()}
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")


def run_measured(cmd: list[str], env: dict[str, str]) -> dict[str, Any]:
    """Run a command, return its exit code, CPU seconds and peak RSS (MB) from wait4."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    proc.returncode = os.waitstatus_to_exitcode(status)
    return {"rc": proc.returncode, "cpu_s": usage.ru_utime + usage.ru_stime,
            "peak_mb": usage.ru_maxrss / 1024, "stderr_tail": err.strip().splitlines()[-3:]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--sizes", default="1000,5000,10000", help="comma-separated article counts")
    ap.add_argument("--workers", type=int, default=None, help="pass --workers N to ingest/extract (if supported)")
    ap.add_argument("--neo4j", action="store_true", help="also ingest into NEO4J_URI (use an empty database)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if not (args.shared / "bench/de-10kgnad/test.csv").exists():
        print(f"benchmark data not found under {args.shared}", file=sys.stderr)
        return 2
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    texts = load_texts(args.shared)
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    gb = [sys.executable, "-m", "graphbuilder.cli"]
    extra = ["--workers", str(args.workers)] if args.workers else []
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="gb-bench-scale-") as tmp:
        for n in sizes:
            corpus = Path(tmp) / f"corpus-{n}.jsonl"
            write_corpus(texts, n, corpus)
            ext = run_measured([*gb, "extract", str(corpus), "-o", os.devnull, *extra], env)
            store = Path(tmp) / f"store-{n}.db"
            ing = run_measured([*gb, "ingest", str(corpus), "--store", str(store), "-q", *extra], env)
            row = {"articles": n, "extract": ext, "ingest": ing}
            if args.neo4j and os.environ.get("NEO4J_URI"):
                row["ingest_neo4j"] = run_measured(
                    [*gb, "ingest", str(corpus), "--neo4j-uri", os.environ["NEO4J_URI"], "-q", *extra], env)
            rows.append(row)
    for row in rows:
        n = row["articles"]
        for key in ("extract", "ingest", "ingest_neo4j"):
            if key in row:
                row[key]["ms_per_article"] = round(1000 * row[key]["cpu_s"] / n, 2)
                row[key]["articles_per_cpu_s"] = round(n / row[key]["cpu_s"], 1) if row[key]["cpu_s"] else None
        row["ingest_over_extract"] = round(row["ingest"]["cpu_s"] / row["extract"]["cpu_s"], 2)
    summary = {"rows": rows}
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        summary["ingest_cost_growth"] = round(last["ingest"]["ms_per_article"] / first["ingest"]["ms_per_article"], 2)
        summary["ingest_rss_growth"] = round(last["ingest"]["peak_mb"] / first["ingest"]["peak_mb"], 2)
    if args.json:
        print(json.dumps(summary, indent=2))
        return 0
    print(f"{'N':>7} {'extract ms/art':>15} {'ingest ms/art':>14} {'ingest/extract':>15} "
          f"{'extract MB':>11} {'ingest MB':>10}  rc")
    for row in rows:
        print(f"{row['articles']:>7} {row['extract']['ms_per_article']:>15} {row['ingest']['ms_per_article']:>14} "
              f"{row['ingest_over_extract']:>15} {row['extract']['peak_mb']:>11.0f} {row['ingest']['peak_mb']:>10.0f}"
              f"  {row['extract']['rc']}/{row['ingest']['rc']}")
        if "ingest_neo4j" in row:
            neo = row["ingest_neo4j"]
            print(f"{'':>7} neo4j ingest: {neo['ms_per_article']} ms/art client CPU, rc {neo['rc']}")
    if len(rows) > 1:
        print(f"ingest cost per article, largest/smallest N: {summary['ingest_cost_growth']}x; "
              f"peak RSS: {summary['ingest_rss_growth']}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
