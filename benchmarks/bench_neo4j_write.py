"""Write throughput into Neo4j: batched ``UNWIND … MERGE`` vs one MERGE per element.

    eval "$(scripts/neo4j-local start)"
    python benchmarks/bench_neo4j_write.py --articles 300
    python benchmarks/bench_neo4j_write.py --csv ../shared/bench/de-10kgnad/test.csv \
        --articles 1028 --repeat 3

Synthesises realistic GraphBatches (per article: 1 Article, 10 entities drawn from a shared,
skewed pool so that later articles MERGE into existing nodes, 5 events, date nodes, ~40
relationships), or (``--csv``) the real pipeline's batches, then writes the same batches into an
emptied database: ``batched`` (``write_many``: large transactions, one UNWIND query per label /
relationship type, row shape and chunk), ``per-element`` (``write_per_element``: one query per
node and relationship) and, with ``--per-article``, ``write`` per article. ``--repeat`` rounds,
the modes interleaved within each round so that load from other processes hits them alike; the
best run per mode counts (median also shown). Prints elements/s, the speed-up and whether every
mode left the same graph (exit 1 if not). WARNING: clears the database.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections.abc import Callable

from graphbuilder.models import GraphBatch, Node, Relationship
from graphbuilder.store.neo4j_sink import Neo4jSink

_EVENT_TYPES = ("MEETING", "CALL", "STATEMENT", "PROTEST", "AGREEMENT", "ATTACK", "VISIT")
_STATUSES = ("occurred", "occurred", "occurred", "planned", "expected", "possible")
_KINDS = (("Person", "per"), ("Organization", "org"), ("Location", "loc"))


def _rel(type_: str, a: Node, b: Node, **props: object) -> Relationship:
    return Relationship(type=type_, start=a.id, end=b.id, start_label=a.label,  # type: ignore[arg-type]
                        end_label=b.label, props=props)


def synth_batches(articles: int, seed: int = 7, pool: int = 3000) -> list[GraphBatch]:
    """Deterministic synthetic batches, one per article."""
    rng = random.Random(seed)
    batches = []
    for i in range(articles):
        day = f"2021-{1 + i % 12:02d}-{1 + i % 28:02d}"
        art = Node(label="Article", id=f"art:{i:06d}", props={
            "title": f"Article {i}", "url": f"https://example.org/{i}", "source": "example",
            "published": day, "language": "de", "content_hash": f"{rng.getrandbits(128):032x}"})
        nodes: list[Node] = [art]
        rels: list[Relationship] = []
        entities: list[Node] = []
        for _ in range(10):
            label, prefix = _KINDS[min(2, int(rng.paretovariate(1.2)) - 1)]
            k = int(pool * rng.random() ** 3)  # skewed: frequent entities recur
            name = f"{label} {k}"
            ent = Node(label=label, id=f"{prefix}:{k}", props={  # type: ignore[arg-type]
                "name": name, "aliases": [name, f"{name[:3]}. {k}"], "first_seen": day, "last_seen": day})
            if all(e.id != ent.id for e in entities):
                entities.append(ent)
        nodes += entities
        rels += [_rel("MENTIONED_IN", e, art, count=rng.randint(1, 6)) for e in entities]
        people = [e for e in entities if e.label == "Person"]
        orgs = [e for e in entities if e.label != "Person"]
        for p, o in zip(people[:2], orgs[:2]):
            rels.append(_rel("HOLDS_ROLE", p, o, title="Minister"))
        dates = [Node(label="Date", id=day, props={"precision": "day"}),
                 Node(label="Date", id=day[:7], props={"precision": "month"}),
                 Node(label="Date", id=day[:4], props={"precision": "year"})]
        nodes += dates
        rels += [_rel("PART_OF", dates[0], dates[1]), _rel("PART_OF", dates[1], dates[2])]
        events = []
        for j in range(5):
            status = rng.choice(_STATUSES)
            ev = Node(label="Event", id=f"evt:{rng.getrandbits(40):010x}", props={
                "type": rng.choice(_EVENT_TYPES), "family": "contact", "cameo": "04",
                "label": f"Event {i}/{j}", "status": status, "start": day, "end": day,
                "precision": "day", "time_text": "am Montag", "confidence": 0.7,
                "report_rank": f"{day}|3|{rng.randint(0, 6)}", "status_date": day})
            events.append(ev)
            rels.append(_rel("REPORTED_IN", ev, art, sentence=j, start=10 * j, end=10 * j + 6,
                             status=status, time_text="am Montag", published=day))
            rels.append(_rel("ON_DATE", ev, dates[0]))
            for e in rng.sample(entities, min(2, len(entities))):
                rels.append(_rel("PARTICIPATED_IN", e, ev, role="participant"))
        nodes += events
        locs = [e for e in entities if e.label == "Location"]
        for ev in events[:3]:
            if locs:
                rels.append(_rel("LOCATED_IN", ev, locs[0]))
        rels.append(_rel("ABOUT", events[0], events[1]))
        rels += [_rel("BEFORE", events[1], events[2]), _rel("BEFORE", events[2], events[3])]
        batches.append(GraphBatch(nodes=nodes, relationships=rels))
    return batches


def pipeline_batches(csv_path: str, limit: int) -> list[GraphBatch]:
    """GraphBatches of the real pipeline over a ``label;'text'`` CSV (e.g. 10kGNAD test.csv)."""
    import csv

    from graphbuilder.core import extract_documents
    from graphbuilder.graph import build_graph
    from graphbuilder.models import Document, Extraction

    docs = []
    with open(csv_path, encoding="utf-8", newline="") as f:
        for i, row in enumerate(csv.reader(f, delimiter=";", quotechar="'")):
            if i >= limit:
                break
            if len(row) >= 2 and row[1].strip():
                docs.append(Document(id=f"bench:{i:05d}", text=row[1], language="de"))
    return [build_graph(x) for x in extract_documents(docs) if isinstance(x, Extraction)]


def run_modes(sink: Neo4jSink, batches: list[GraphBatch], modes: list[str], repeat: int,
              ) -> tuple[dict[str, list[float]], dict[str, dict[str, int]]]:
    """Wall times of each mode, ``repeat`` rounds, the modes interleaved within a round (so
    that load from other processes hits all of them alike), each run into an emptied database
    and on the same batches. Also the graph counts each mode left behind (must agree)."""
    writers: dict[str, Callable[[], object]] = {
        "batched": lambda: sink.write_many(batches),
        "per-article": lambda: [sink.write(b) for b in batches],
        "per-element": lambda: [sink.write_per_element(b) for b in batches],
    }
    times: dict[str, list[float]] = {m: [] for m in modes}
    graphs: dict[str, dict[str, int]] = {}
    for _ in range(repeat):
        for mode in modes:
            sink.clear()
            t0 = time.perf_counter()
            writers[mode]()
            times[mode].append(time.perf_counter() - t0)
            graphs[mode] = {k: v for k, v in sink.counts().items() if v}
    sink.clear()
    return times, graphs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=300, help="articles (default 300)")
    parser.add_argument("--batch-size", type=int, default=None, help="UNWIND rows per query "
                        "(default: the sink's)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--csv", default=None,
                        help="use the pipeline's output over this label;'text' CSV instead of "
                             "synthetic batches (e.g. ../shared/bench/de-10kgnad/test.csv)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds; the best run per mode counts")
    parser.add_argument("--per-article", action="store_true",
                        help="also time write() per article (slow)")
    parser.add_argument("--json", action="store_true", help="print results as JSON")
    args = parser.parse_args(argv)

    if args.csv:
        t0 = time.perf_counter()
        batches = pipeline_batches(args.csv, args.articles)
        print(f"pipeline: {len(batches)} articles extracted in {time.perf_counter() - t0:.1f} s",
              file=sys.stderr)
    else:
        batches = synth_batches(args.articles, args.seed)
    modes = ["batched", *(["per-article"] if args.per_article else []), "per-element"]
    elements = sum(len(b.nodes) + len(b.relationships) for b in batches)
    options = {} if args.batch_size is None else {"batch_size": args.batch_size}
    with Neo4jSink(**options) as sink:
        sink.ensure_schema()
        run_modes(sink, batches[:20], modes, 1)  # plans compiled, JIT warm
        times, graphs = run_modes(sink, batches, modes, max(1, args.repeat))
    best = {m: min(t) for m, t in times.items()}
    median = {m: statistics.median(t) for m, t in times.items()}
    result = {
        "articles": len(batches), "source": args.csv or "synthetic", "elements": elements,
        "repeat": args.repeat,
        "runs": {m: {"best_s": round(best[m], 3), "median_s": round(median[m], 3),
                     "all_s": [round(t, 3) for t in times[m]],
                     "elements_per_s": round(elements / best[m])} for m in modes},
        "speedup_best": round(best["per-element"] / best["batched"], 1),
        "speedup_median": round(median["per-element"] / median["batched"], 1),
        "same_graph": all(g == graphs["batched"] for g in graphs.values()),
        "graph": graphs["batched"],
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        kind = "pipeline" if args.csv else "synthetic"
        print(f"{len(batches)} {kind} articles, {elements} input elements, "
              f"best of {args.repeat} per mode (modes interleaved)")
        for m, r in result["runs"].items():
            print(f"  {m:12s} best {r['best_s']:7.2f} s = {r['elements_per_s']:7d} elements/s   "
                  f"median {r['median_s']:7.2f} s   runs {r['all_s']}")
        print(f"  per-element / batched = {result['speedup_best']}x best-of-{args.repeat}, "
              f"{result['speedup_median']}x median (target >= 10x)")
        print(f"  same graph in every mode: {result['same_graph']}; {result['graph']}")
    return 0 if result["same_graph"] else 1


if __name__ == "__main__":
    sys.exit(main())
