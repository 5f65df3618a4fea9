"""The Dask job gives exactly the single-machine graph (local cluster, bench sample)."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
BENCH = SHARED / "bench/de-10kgnad/test.csv"


def _sample(path: Path, n: int) -> None:
    from graphbuilder.evaluation.events import de_lines, read_de_line

    texts = [read_de_line(line)[1] for line in de_lines(SHARED) if line.strip()][:n]
    with open(path, "w", encoding="utf-8") as fh:
        for i, text in enumerate(texts):
            rec = {"id": f"s-{i}", "text": text, "language": "de", "source": f"src-{i % 3}",
                   "published": (dt.date(2016, 5, 1) + dt.timedelta(days=i % 20)).isoformat()}
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")


@pytest.mark.skipif(not BENCH.exists(), reason="../shared bench articles absent")
def test_dask_local_cluster_graph_equals_single_machine(tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed")
    from graphbuilder.core import ingest
    from graphbuilder.distributed import client_for, dask_ingest
    from graphbuilder.export import export
    from graphbuilder.store.sqlite_store import SQLiteStore

    corpus = tmp_path / "sample.jsonl"
    _sample(corpus, 60)

    def dump(store: SQLiteStore) -> str:
        buf = io.StringIO()
        export(store, "apoc-jsonl", buf)
        return buf.getvalue()

    with SQLiteStore(tmp_path / "one.db") as one:
        single = ingest([str(corpus)], one, workers=1)
        expected = dump(one)
    client = client_for("local:2")
    try:
        with SQLiteStore(tmp_path / "dask.db") as store:
            summary = dask_ingest([str(corpus)], store, client, partition_size=7, batch_size=25)
            got = dump(store)
    finally:
        client.close()
    assert summary.articles == single.articles == 60
    assert '"Event"' in expected
    assert got == expected
