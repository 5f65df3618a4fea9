"""Wall-clock comparisons for issue 14 on N bench articles (default 1,000), each run its own process:

* ``ingest --store --workers 1`` vs ``--workers 2`` (throughput ratio; exports must be identical);
* ``ingest --store`` vs ``ingest --neo4j-uri`` (when NEO4J_URI is set; the database is CLEARED
  first — use a database of your own), exports must be identical;
* ``extract`` of one short invented article with warm caches (CPU seconds, min of 3).

Prints the load average before and after (the machine is shared), and the Neo4j server's CPU
seconds during the Neo4j ingest when its pid is known (``--neo4j-pid``, else the pid file of
``scripts/neo4j-local`` under $GRAPHBUILDER_NEO4J_HOME). Usage:

    python benchmarks/bench_parallel.py [--articles 1000] [--neo4j] [--neo4j-pid PID] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_scale import load_texts, run_measured, write_corpus  # noqa: E402


def timed(cmd: list[str], env: dict[str, str]) -> dict:
    t = time.perf_counter()
    res = run_measured(cmd, env)
    res["wall_s"] = round(time.perf_counter() - t, 2)
    res["cpu_s"] = round(res["cpu_s"], 2)
    return res


def server_cpu(pid: int | None) -> float | None:
    """CPU seconds (user+system) of a running process, from /proc (None when unknown)."""
    if pid is None:
        return None
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def neo4j_pid(given: int | None) -> int | None:
    if given is not None:
        return given
    home = os.environ.get("GRAPHBUILDER_NEO4J_HOME")
    pid_file = Path(home) / "run" / "neo4j-local.pid" if home else None
    try:
        return int(pid_file.read_text().strip()) if pid_file else None
    except (OSError, ValueError):
        return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--neo4j", action="store_true")
    ap.add_argument("--neo4j-pid", type=int, default=None, help="the Neo4j server's pid (its CPU is reported)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    gb = [sys.executable, "-m", "graphbuilder.cli"]
    out: dict = {"load_before": os.getloadavg()}
    with tempfile.TemporaryDirectory(prefix="gb-bench-par-") as tmp:
        corpus = Path(tmp) / "c.jsonl"
        write_corpus(load_texts(args.shared), args.articles, corpus)
        one = Path(tmp) / "one.txt"
        one.write_text("Die Ministerin Ada Korn traf am Montag in Wien den Bürgermeister Paul Ried.\n",
                       encoding="utf-8")
        subprocess.run([*gb, "extract", str(one), "-o", os.devnull], env=env, check=False)  # warm
        out["startup_cpu_s"] = min(timed([*gb, "extract", str(one), "-o", os.devnull], env)["cpu_s"]
                                   for _ in range(3))
        exports = {}
        for w in (1, 2):
            store = Path(tmp) / f"w{w}.db"
            out[f"workers_{w}"] = timed([*gb, "ingest", str(corpus), "--store", str(store), "-q",
                                         "--workers", str(w)], env)
            dump = Path(tmp) / f"w{w}.jsonl"
            subprocess.run([*gb, "export", "--store", str(store), "--format", "apoc-jsonl", "-o", str(dump)],
                           env=env, check=True, stdout=subprocess.DEVNULL)
            exports[f"w{w}"] = dump.read_bytes()
        out["workers_speedup"] = round(out["workers_1"]["wall_s"] / out["workers_2"]["wall_s"], 2)
        out["workers_identical_export"] = exports["w1"] == exports["w2"]
        if args.neo4j and os.environ.get("NEO4J_URI"):
            from graphbuilder.store.neo4j_sink import Neo4jSink

            with Neo4jSink() as sink:
                sink.clear()
            pid = neo4j_pid(args.neo4j_pid)
            before = server_cpu(pid)
            out["neo4j"] = timed([*gb, "ingest", str(corpus), "--neo4j-uri", os.environ["NEO4J_URI"], "-q"], env)
            after = server_cpu(pid)
            if before is not None and after is not None:
                out["neo4j"]["server_cpu_s"] = round(after - before, 2)
            dump = Path(tmp) / "neo.jsonl"
            subprocess.run([*gb, "export", "--neo4j-uri", os.environ["NEO4J_URI"], "--format", "apoc-jsonl",
                            "-o", str(dump)], env=env, check=True, stdout=subprocess.DEVNULL)
            out["neo4j_identical_export"] = dump.read_bytes() == exports["w2"]
            out["neo4j_over_sqlite_throughput"] = round(out["workers_2"]["wall_s"] / out["neo4j"]["wall_s"], 2)
    out["load_after"] = os.getloadavg()
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
