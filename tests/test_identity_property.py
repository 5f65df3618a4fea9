"""Property: the stored graph is a pure function of the SET of ingested articles.

For random subsets and orders of real news (a small sample of ../shared/bench/de-10kgnad, with
published dates spread over a few weeks so reports of one event in different articles meet),
ingesting in any order gives the same graph, and ingesting again changes nothing. Hypothesis
runs derandomized: the same examples every run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from graphbuilder.core import write_resolved  # noqa: E402
from graphbuilder.decisions import Decisions  # noqa: E402
from graphbuilder.graph import build_graph  # noqa: E402
from graphbuilder.models import Document, GraphBatch  # noqa: E402
from graphbuilder.store.sqlite_store import SQLiteStore  # noqa: E402

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CSV = SHARED / "bench" / "de-10kgnad" / "test.csv"
POOL = 240  # articles read to choose the sample from
SAMPLE = 14

pytestmark = pytest.mark.skipif(not CSV.exists(), reason="../shared/bench not present")


def _published(doc_id: str) -> dt.date:
    return dt.date(2024, 3, 1) + dt.timedelta(days=int(hashlib.sha1(doc_id.encode()).hexdigest(), 16) % 30)


def _people(batch: GraphBatch) -> set[tuple[str, str]]:
    return {(str(r.props.get("family")), k) for r in batch.relationships if r.type == "REPORTED_IN"
            for k in r.props.get("participants") or []}


@pytest.fixture(scope="module")
def sample() -> list[GraphBatch]:
    """Articles whose reports share a participant and family with another article's (so their
    events can meet), topped up with unrelated ones."""
    from graphbuilder.evaluation.events import de_lines, read_de_line
    from graphbuilder.pipeline import Pipeline

    pipe = Pipeline()
    texts = [read_de_line(line)[1] for line in de_lines(SHARED) if line.strip()][:POOL]
    batches = []
    for i, text in enumerate(texts):
        doc_id = f"10kgnad-test-{i:04d}"
        ex = pipe.process(Document(id=doc_id, text=text, published=_published(doc_id)), language="de")
        batches.append(build_graph(ex))
    seen: dict[tuple[str, str], list[int]] = {}
    for i, b in enumerate(batches):
        for key in _people(b):
            seen.setdefault(key, []).append(i)
    linked = sorted({i for idx in seen.values() if len(idx) > 1 for i in idx})
    chosen = linked[: SAMPLE - 4] + [i for i in range(len(batches)) if i not in linked][:4]
    return [batches[i] for i in chosen]


def _snapshot(store: SQLiteStore) -> str:
    return json.dumps([[(n.label, n.id, n.props) for n in store.nodes()],
                       [(r.type, r.start, r.end, r.props) for r in store.relationships()]], sort_keys=True)


def _ingest(store: SQLiteStore, batches: list[GraphBatch]) -> None:
    for b in batches:
        write_resolved(b.model_copy(deep=True), store, Decisions())


@settings(max_examples=20, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_any_order_and_reingest_give_the_same_graph(sample: list[GraphBatch], data: st.DataObject) -> None:
    subset = data.draw(st.lists(st.integers(0, len(sample) - 1), min_size=1, max_size=len(sample), unique=True))
    order = data.draw(st.permutations(subset))
    again = data.draw(st.lists(st.sampled_from(subset), min_size=1, max_size=len(subset)))
    with SQLiteStore(":memory:") as ref:
        _ingest(ref, [sample[i] for i in sorted(subset)])
        expected = _snapshot(ref)
    with SQLiteStore(":memory:") as store:
        _ingest(store, [sample[i] for i in order])
        assert _snapshot(store) == expected
        _ingest(store, [sample[i] for i in again])
        assert _snapshot(store) == expected


def test_the_sample_has_events_reported_by_several_articles(sample: list[GraphBatch]) -> None:
    """The property above is only worth something if reports do meet across articles."""
    with SQLiteStore(":memory:") as store:
        _ingest(store, sample)
        counts = [e.props.get("report_count", 1) for e in store.nodes("Event")]
    assert max(counts) >= 2
