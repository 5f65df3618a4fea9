"""Streaming, batched and parallel ingest give the graph of the plain one-article-at-a-time run."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from graphbuilder import read
from graphbuilder.clean import ParagraphCounter, normalise
from graphbuilder.core import ingest
from graphbuilder.export import export
from graphbuilder.read import read_paths
from graphbuilder.store.sqlite_store import SQLiteStore

PEOPLE = ["Ann Vale", "Bert Kolm", "Cora Lind", "Dirk Amsel", "Edda Rusk"]
CITIES = ["Oslo", "Lyon", "Graz"]
FOOTER = "Alle Rechte vorbehalten. Nachdruck nur mit Genehmigung des Verlags Beispielhaus."


def _corpus(path: Path, n: int = 14) -> Path:
    """Invented articles sharing people (so events link across articles) and a page footer."""
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            a, b = PEOPLE[i % 5], PEOPLE[(i + 2) % 5]
            text = (f"{a} traf am Montag {b} in {CITIES[i % 3]}.\n\n"
                    f"Die beiden sprachen über den Haushalt der Stadt.\n\n{FOOTER}")
            fh.write(json.dumps({"id": f"art-{i}", "text": text, "language": "de", "source": "blatt",
                                 "published": f"2021-03-{1 + i % 9:02d}"}, ensure_ascii=False) + "\n")
    return path


def _export(store: SQLiteStore) -> str:
    buf = io.StringIO()
    export(store, "apoc-jsonl", buf)
    return buf.getvalue()


def _ingest(tmp_path: Path, name: str, corpus: Path, **kw) -> str:
    with SQLiteStore(tmp_path / f"{name}.db") as store:
        summary = ingest([str(corpus)], store, **kw)
        assert summary.articles == 14 and not summary.failures
        return _export(store)


def test_graph_does_not_depend_on_batch_size(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "c.jsonl")
    one = _ingest(tmp_path, "b1", corpus, batch_size=1)
    assert one.count('"type": "node"') > 14 and '"Event"' in one
    assert _ingest(tmp_path, "b5", corpus, batch_size=5) == one
    assert _ingest(tmp_path, "b100", corpus, batch_size=100) == one


def test_two_workers_give_the_export_of_one(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "c.jsonl")
    one = _ingest(tmp_path, "w1", corpus, workers=1)
    assert _ingest(tmp_path, "w2", corpus, workers=2) == one


def test_streamed_jsonl_reads_what_the_whole_file_read_gives(tmp_path: Path, monkeypatch) -> None:
    corpus = tmp_path / "c.jsonl"
    _corpus(corpus, n=3)
    with open(corpus, "a", encoding="utf-8") as fh:
        fh.write("{not json\n")
    whole = [str(x) if not hasattr(x, "id") else (x.id, x.text, x.published) for x in read_paths([str(corpus)])]
    monkeypatch.setattr(read, "STREAM_BYTES", 10)
    streamed = [str(x) if not hasattr(x, "id") else (x.id, x.text, x.published) for x in read_paths([str(corpus)])]
    assert streamed == whole and len(whole) == 4


def test_streamed_jsonl_limits_each_record_not_the_file(tmp_path: Path, monkeypatch) -> None:
    corpus = _corpus(tmp_path / "c.jsonl", n=3)
    monkeypatch.setattr(read, "STREAM_BYTES", 10)
    items = list(read_paths([str(corpus)], limits=read.Limits(max_bytes=corpus.stat().st_size // 2)))
    assert [type(x).__name__ for x in items] == ["Document"] * 3


def test_paragraph_counts_are_digests_and_order_free() -> None:
    texts = [f"Bericht {i}\n\nNeue Zahlen zum Haushalt {i}.\n\n{FOOTER}" for i in range(4)]
    forward, backward = ParagraphCounter(), ParagraphCounter()
    for t in texts:
        forward.add(t)
    for t in reversed(texts):
        backward.add(t)
    assert forward.repeated().hashes == backward.repeated().hashes
    assert normalise(FOOTER) in forward.repeated()
    assert normalise("Neue Zahlen zum Haushalt 1.") not in forward.repeated()
    assert all(isinstance(k, int) for k in forward.counts)


def test_footer_is_furniture_when_streamed(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "c.jsonl")
    with SQLiteStore(tmp_path / "s.db") as store:
        ingest([str(corpus)], store, batch_size=4)
        names = {n.props.get("name") for n in store.nodes("Organization")}
    assert not any(n and "Beispielhaus" in n for n in names)


@pytest.mark.parametrize("workers", [1, 2])
def test_extract_cli_output_same_for_workers(tmp_path: Path, workers: int) -> None:
    from click.testing import CliRunner

    from graphbuilder.cli import main

    corpus = _corpus(tmp_path / "c.jsonl")
    outs = []
    for w in (1, workers):
        out = tmp_path / f"o{w}.jsonl"
        res = CliRunner().invoke(main, ["extract", str(corpus), "-o", str(out), "--workers", str(w)])
        assert res.exit_code == 0, res.output
        outs.append(out.read_text(encoding="utf-8"))
    assert outs[0] == outs[1] and outs[0].count("\n") == 14


class _BackgroundStore(SQLiteStore):
    """An SQLite store that says it writes in the background (as the Neo4j local index does)."""

    writes_in_background = True

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.sizes: list[int] = []

    def transact(self, work):  # type: ignore[no-untyped-def]
        before = self.counts().get("Article", 0)
        result = super().transact(work)
        self.sizes.append(self.counts().get("Article", 0) - before)
        return result


def test_a_background_writer_gets_the_last_batch_in_small_parts_and_the_same_graph(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "c.jsonl")
    with _BackgroundStore(tmp_path / "bg.db") as store:
        ingest([str(corpus)], store, batch_size=8)
        # the last 8 articles go one by one: the write the run waits for at its end is small
        assert store.sizes[-7:] == [1] * 7 and sum(store.sizes) == 14
        graph = _export(store)
    assert graph == _ingest(tmp_path, "plain", corpus, batch_size=8)


def test_ingest_into_a_store_of_an_older_grouping_says_so(tmp_path: Path) -> None:
    import sqlite3

    corpus = _corpus(tmp_path / "c.jsonl", n=2)
    path = tmp_path / "old.db"
    with SQLiteStore(path) as store:
        assert not any("grouped by" in n for n in ingest([str(corpus)], store).notices)
    con = sqlite3.connect(path)
    con.execute("PRAGMA user_version = 1")  # as a store written before the publication-order grouping
    con.commit()
    con.close()
    with SQLiteStore(path) as store:
        notices = ingest([str(corpus)], store).notices
    assert any(str(path) in n and "grouped by" in n for n in notices)
