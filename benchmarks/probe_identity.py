"""Identity probe: is the stored graph a pure function of the SET of ingested articles?

Reads the 1,028 German articles of ../shared/bench/de-10kgnad/test.csv (as the extraction
benchmark does; never copied), extracts and builds each once, then writes them into fresh
SQLite stores:

* ``once``: in file order; ``twice``: the same store with every article ingested again;
* ``reversed`` and ``shuffled`` (fixed seed): two more orders;
* ``halves``: two processes ingesting the two halves into one store at the same time.

Prints whether the ``apoc-jsonl`` exports are byte-identical to ``once``, the counts of
dangling references (a relationship end, a report's participant or place, an event's
``location_id`` naming no node), and the write time per article. ``--dated`` gives every
article a published date (spread over 60 days by a hash of its id) so that reports of one event
in different articles meet, as they do in real news. Usage:

    python benchmarks/probe_identity.py [--shared ../shared] [--limit N] [--dated] [--json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import json
import multiprocessing as mp
import random
import sys
import tempfile
import time
from pathlib import Path

from graphbuilder.core import write_resolved
from graphbuilder.decisions import Decisions
from graphbuilder.evaluation.events import de_lines, read_de_line
from graphbuilder.export import export
from graphbuilder.graph import build_graph
from graphbuilder.models import Document, GraphBatch
from graphbuilder.pipeline import Pipeline
from graphbuilder.store.sqlite_store import SQLiteStore

_BATCHES: list[GraphBatch] = []  # inherited by the forked writer processes


def load_batches(shared: Path, limit: int | None, dated: bool) -> list[GraphBatch]:
    texts = [read_de_line(line)[1] for line in de_lines(shared) if line.strip()]
    texts = texts[:limit] if limit else texts
    pipe = Pipeline()
    out = []
    for i, text in enumerate(texts):
        doc_id = f"10kgnad-test-{i:04d}"
        published = None
        if dated:
            days = int(hashlib.sha1(doc_id.encode()).hexdigest(), 16) % 60
            published = dt.date(2024, 3, 1) + dt.timedelta(days=days)
        ex = pipe.process(Document(id=doc_id, text=text, published=published), language="de")
        out.append(build_graph(ex))
    return out


def ingest(store_path: Path, order: list[int]) -> float:
    """Write the batches of ``order``; returns seconds per article."""
    t0 = time.perf_counter()
    with SQLiteStore(store_path) as store:
        for i in order:
            write_resolved(_BATCHES[i].model_copy(deep=True), store, Decisions())
    return (time.perf_counter() - t0) / max(1, len(order))


def _writer(store_path: str, order: list[int]) -> None:
    ingest(Path(store_path), order)


def dump(store_path: Path) -> str:
    buf = io.StringIO()
    with SQLiteStore(store_path) as store:
        export(store, "apoc-jsonl", buf)
    return buf.getvalue()


def dangling(store_path: Path) -> dict[str, int]:
    with SQLiteStore(store_path) as store:
        ids = {n.id for n in store.nodes()}
        rels = list(store.relationships())
        events = list(store.nodes("Event"))
    out = {"relationship_ends": sum((r.start not in ids) + (r.end not in ids) for r in rels),
           "report_refs": 0, "event_location_ids": 0,
           "event_id_lists": 0}
    for r in rels:
        if r.type == "REPORTED_IN":
            refs = [*(r.props.get("participants") or []), r.props.get("location")]
            out["report_refs"] += sum(1 for k in refs if k and k not in ids)
    out["event_location_ids"] = sum(1 for e in events if e.props.get("location_id") and e.props["location_id"] not in ids)
    # id lists on events (graphbuilder before the report-based resolution stored people/actors)
    out["event_id_lists"] = sum(1 for e in events for k in ("people", "actors")
                                for i in e.props.get(k) or [] if i not in ids)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--dated", action="store_true", help="give each article a published date")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if not (args.shared / "bench/de-10kgnad/test.csv").exists():
        print(f"benchmark data not found under {args.shared}", file=sys.stderr)
        return 2
    _BATCHES[:] = load_batches(args.shared, args.limit, args.dated)
    n = len(_BATCHES)
    base = list(range(n))
    shuffled = base[:]
    random.Random(7).shuffle(shuffled)
    result: dict[str, object] = {"articles": n, "dated": args.dated}
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        ms = {"once": ingest(d / "once.db", base) * 1000}
        exports = {"once": dump(d / "once.db")}
        ms["twice"] = ingest(d / "once.db", base) * 1000  # the same store again
        exports["twice"] = dump(d / "once.db")
        for name, order in (("reversed", base[::-1]), ("shuffled", shuffled)):
            ms[name] = ingest(d / f"{name}.db", order) * 1000
            exports[name] = dump(d / f"{name}.db")
        ctx = mp.get_context("fork")
        halves = [shuffled[: n // 2], shuffled[n // 2:]]
        t0 = time.perf_counter()
        procs = [ctx.Process(target=_writer, args=(str(d / "halves.db"), h)) for h in halves]
        for p in procs:
            p.start()
        for p in procs:
            p.join()
        ms["halves"] = (time.perf_counter() - t0) / max(1, n) * 1000
        exports["halves"] = dump(d / "halves.db")
        result["process_exit_codes"] = [p.exitcode for p in procs]
        result["identical_to_once"] = {k: v == exports["once"] for k, v in exports.items() if k != "once"}
        result["export_lines"] = exports["once"].count("\n")
        result["dangling"] = {k: dangling(d / f"{k}.db") for k in ("once", "reversed", "shuffled", "halves")}
        result["write_ms_per_article"] = {k: round(v, 2) for k, v in ms.items()}
        with SQLiteStore(d / "once.db") as store:
            c = store.counts()
        result["counts"] = {k: c[k] for k in ("Event", "Person", "REPORTED_IN", "PARTICIPATED_IN", "BEFORE")}
    if args.json:
        print(json.dumps(result))
    else:
        for k, v in result.items():
            print(f"{k}: {v}")
    ok = all(result["identical_to_once"].values()) and not any(  # type: ignore[union-attr]
        sum(v.values()) for v in result["dangling"].values())  # type: ignore[union-attr]
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
