"""`graphbuilder view` at scale: a synthetic store of N events (default 5,000) in headless Chromium.

Builds an invented graph (people "Person 0001" …, events over two years with mixed status,
precision and 1–3 reports each with an evidence sentence), then prints:

* model: build_view seconds; page: render_html seconds and the HTML size;
* open: milliseconds from navigation start until the page is ready (first render and layout
  done, handlers attached) and until its first frame is painted — the "interactive" figure;
* interaction: milliseconds for a click that opens the details, a filter change, a zoom step,
  turning the timeline labels on, and a search (each includes the forced layout after it).

Needs selenium and chromium/chromedriver (Debian packages). Usage:

    python benchmarks/bench_view.py [--events 5000] [--runs 3] [--json] [--keep PAGE.html]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from graphbuilder.models import GraphBatch, Node, Relationship
from graphbuilder.view import build_view, render_html

TYPES = ["MEETING", "CALL", "VISIT", "STATEMENT", "AGREEMENT", "SANCTION", "PROTEST", "ATTACK", "LEGISLATION",
         "ELECTION"]
STATUSES = ["occurred"] * 6 + ["planned", "expected", "possible", "cancelled", "ongoing", "denied"]
WORDS = ("talks visit agreement ministry talks capital council deal vote summit envoy border trade energy "
         "parliament delegation announced confirmed said reported").split()


def synthetic_graph(n_events: int, seed: int = 7) -> GraphBatch:
    """An invented store: n_events events, n/25 people, n/5 articles."""
    rnd = random.Random(seed)
    people = [Node(label="Person", id=f"per:p{i:04d}", props={"name": f"Person {i:04d}"})
              for i in range(max(4, n_events // 25))]
    places = [Node(label="Location", id=f"loc:l{i:03d}", props={"name": f"Place {i:03d}"}) for i in range(40)]
    day0 = dt.date(2030, 1, 1)
    articles = [Node(label="Article", id=f"art{i:05d}", props={
        "title": f"Invented report {i}", "published": (day0 + dt.timedelta(days=rnd.randrange(730))).isoformat(),
        "source": "Bench"}) for i in range(max(1, n_events // 5))]
    # a few busy people, many occasional ones
    weights = [1.0 / (1 + i) ** 0.8 for i in range(len(people))]
    nodes: list[Node] = [*people, *places, *articles]
    rels: list[Relationship] = []
    for i in range(n_events):
        eid = f"evt:{i:06d}"
        props: dict[str, Any] = {"type": rnd.choice(TYPES), "status": rnd.choice(STATUSES),
                                 "confidence": round(rnd.uniform(0.3, 0.95), 2), "label": f"event {i}"}
        r = rnd.random()
        start = day0 + dt.timedelta(days=rnd.randrange(730))
        if r < 0.1:
            pass  # undated
        elif r < 0.2:
            props.update(start=start.replace(day=1).isoformat(), precision="month",
                         end=(start.replace(day=28)).isoformat())
        elif r < 0.25:
            props.update(start=start.isoformat(), end=(start + dt.timedelta(days=90)).isoformat(),
                         precision="vague", vague=True, time_text="in the near future")
        else:
            props.update(start=start.isoformat(), end=start.isoformat(), precision="day")
        props["disputed"] = rnd.random() < 0.02
        nodes.append(Node(label="Event", id=eid, props=props))
        if rnd.random() > 0.1:
            for p in {q.id: q for q in rnd.choices(people, weights=weights, k=rnd.choice([1, 1, 2, 2, 3]))}.values():
                rels.append(Relationship(type="PARTICIPATED_IN", start=p.id, end=eid, start_label="Person",
                                         end_label="Event", props={"role": rnd.choice(["participant", "speaker", "host"])}))
        if rnd.random() < 0.4:
            rels.append(Relationship(type="LOCATED_IN", start=eid, end=rnd.choice(places).id, start_label="Event",
                                     end_label="Location"))
        for art in rnd.sample(articles, k=min(len(articles), rnd.choice([1, 1, 1, 2, 3]))):
            words = [rnd.choice(WORDS) for _ in range(rnd.randrange(12, 30))]
            trigger = words[len(words) // 2]
            sentence = " ".join(words).capitalize() + "."
            at = sentence.lower().index(trigger)
            rels.append(Relationship(type="REPORTED_IN", start=eid, end=art.id, start_label="Event",
                                     end_label="Article", props={
                                         "status": rnd.choice(STATUSES), "published": art.props["published"],
                                         "trigger": sentence[at:at + len(trigger)], "sentence_text": sentence,
                                         "sentence_start": 0, "sentence_end": len(sentence), "start": at,
                                         "end": at + len(trigger)}))
    return GraphBatch(nodes=nodes, relationships=rels)


def _chrome() -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    binary, driver = shutil.which("chromium") or shutil.which("chromium-browser"), shutil.which("chromedriver")
    if not binary or not driver:
        sys.exit("chromium/chromedriver not installed")
    opts = webdriver.ChromeOptions()
    opts.binary_location = binary
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--window-size=1500,950", "--no-first-run",
                 "--disable-background-networking"):
        opts.add_argument(flag)
    return webdriver.Chrome(service=Service(driver), options=opts)


INTERACT = """
const v = window.gbView, out = {};
function timed(name, f) { const t0 = performance.now(); f(); void document.body.offsetHeight; out[name] = performance.now() - t0; }
const el = document.querySelector('#lanes .ev');
timed('click_details', () => el.click());
const box = document.querySelector('#status-filter input[value="occurred"]');
timed('filter_status', () => box.click());
timed('filter_status_back', () => box.click());
timed('zoom_in', () => document.getElementById('zoom-in').click());
timed('labels_on', () => { const c = document.getElementById('show-labels'); if (!c.checked) c.click(); });
timed('search', () => { v.state.q = 'person 0001'; v.render(); });
out.elements = document.querySelectorAll('.ev').length;
return out;
"""


def measure(page: Path, runs: int) -> dict[str, Any]:
    from selenium.webdriver.support.ui import WebDriverWait

    chrome = _chrome()
    ready, painted, inter = [], [], []
    try:
        for _ in range(runs):
            chrome.get(page.resolve().as_uri())
            WebDriverWait(chrome, 60).until(lambda c: c.execute_script("return !!(window.gbView && window.gbView.paintedAt)"))
            r = chrome.execute_script("return [window.gbView.readyAt, window.gbView.paintedAt]")
            ready.append(r[0])
            painted.append(r[1])
            inter.append(chrome.execute_script(INTERACT))
    finally:
        chrome.quit()
    keys = [k for k in inter[0] if k != "elements"]
    return {"ready_ms": statistics.median(ready), "interactive_ms": statistics.median(painted),
            "interactive_ms_max": max(painted),
            "interaction_ms": {k: round(statistics.median(i[k] for i in inter), 1) for k in keys},
            "timeline_elements_after_search": inter[-1]["elements"]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--keep", type=Path, default=None, help="Also write the page here.")
    args = ap.parse_args()

    graph = synthetic_graph(args.events)
    t0 = time.perf_counter()
    model = build_view(graph)
    t1 = time.perf_counter()
    page = render_html(model)
    t2 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.html"
        path.write_text(page, encoding="utf-8")
        if args.keep:
            args.keep.write_text(page, encoding="utf-8")
        res = measure(path, args.runs)
    res.update(events=len(model["events"]), lanes=len(model["lanes"]["participant"]),
               model_s=round(t1 - t0, 3), render_s=round(t2 - t1, 3), html_mb=round(len(page.encode()) / 1e6, 2))
    if args.json:
        print(json.dumps(res, indent=2))
        return
    print(f"events {res['events']}, lanes {res['lanes']}, page {res['html_mb']} MB "
          f"(model {res['model_s']} s, render {res['render_s']} s)")
    print(f"open -> ready {res['ready_ms']:.0f} ms, -> interactive (first frame painted) "
          f"{res['interactive_ms']:.0f} ms (median of {args.runs}; max {res['interactive_ms_max']:.0f} ms)")
    print("interaction (ms): " + ", ".join(f"{k} {v}" for k, v in res["interaction_ms"].items()))


if __name__ == "__main__":
    main()
