"""The CLI end to end on the embedded store: ingest, extract, timeline, export, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphbuilder.cli import main
from graphbuilder.core import EXIT_FAILED, EXIT_PARTIAL

GOOD_DE = ("Außenministerin Petra Albers traf am Montag den polnischen Außenminister Jan Nowak in Warschau. "
           "Albers sagte nach dem Treffen, beide Seiten wollten enger zusammenarbeiten.\n")
GOOD_EN = ("Prime Minister Helen Carter met President Luis Moreno in Madrid on Tuesday. "
           "Carter said the two leaders would meet again next month.\n")


def _run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    d = tmp_path / "articles"
    d.mkdir()
    (d / "a.jsonl").write_text(json.dumps({"id": "a1", "text": GOOD_DE, "published": "2024-03-06",
                                           "source": "Test"}) + "\n", encoding="utf-8")
    (d / "b.txt").write_text("Carter and Moreno meet\n\n" + GOOD_EN, encoding="utf-8")
    return d


def test_help_everywhere():
    for cmd in ([], ["ingest"], ["extract"], ["timeline"], ["export"], ["push"], ["query"], ["eval"], ["schema", "apply"]):
        res = _run(*cmd, "--help")
        assert res.exit_code == 0 and "Usage" in res.output


def test_ingest_is_idempotent_and_summarised(corpus: Path, tmp_path: Path):
    store = str(tmp_path / "g.db")
    first = _run("ingest", str(corpus), "--store", store, "--reference-date", "2024-03-07", "--json")
    assert first.exit_code == 0, first.output
    s1 = json.loads(first.stdout)
    assert s1["articles"] == 2 and s1["events"] > 0 and s1["entities"] > 0 and s1["failures"] == []
    exp1 = _run("export", "--store", store, "--format", "apoc-jsonl").stdout
    second = _run("ingest", str(corpus), "--store", store, "--reference-date", "2024-03-07", "--json")
    assert json.loads(second.stdout)["articles"] == 2
    exp2 = _run("export", "--store", store, "--format", "apoc-jsonl").stdout
    assert exp1 == exp2  # re-ingesting changes nothing


def test_extract_records_have_offsets_into_the_input(corpus: Path):
    res = _run("extract", str(corpus / "a.jsonl"), "--format", "json")
    assert res.exit_code == 0
    (rec,) = json.loads(res.stdout)
    assert rec["id"] == "a1" and rec["language"] == "de" and rec["reference_date"] == "2024-03-06"
    for key in ("entities", "times"):
        for item in rec[key]:
            assert GOOD_DE[item["start"]:item["end"]] == item["text"]
    for ev in rec["events"]:
        t = ev["trigger"]
        assert GOOD_DE[t["start"]:t["end"]] == t["text"]
        assert ev["status"] in {"occurred", "ongoing", "planned", "expected", "possible", "denied", "cancelled"}
    assert any(e["label"] == "PER" for e in rec["entities"])


def test_extract_takes_a_document_type(tmp_path: Path):
    """--document-type interview reads a present-tense "heute" as the present (PRESENT_REF)."""
    text = "Heute arbeiten in Lunz nur zwei Bäcker.\n"
    path = tmp_path / "i.jsonl"
    path.write_text(json.dumps({"id": "i1", "text": text, "published": "2024-03-06"}) + "\n", encoding="utf-8")
    values = {}
    for doc_type in ("news", "interview"):
        res = _run("extract", str(path), "--format", "json", "--document-type", doc_type)
        assert res.exit_code == 0, res.output
        values[doc_type] = [t["value"] for t in json.loads(res.stdout)[0]["times"]]
    assert values == {"news": ["2024-03-06"], "interview": ["PRESENT_REF"]}
    res = _run("extract", str(path), "--document-type", "poetry")
    assert res.exit_code == 2


def test_timeline_marks_planned_and_filters_by_entity(corpus: Path, tmp_path: Path):
    store = str(tmp_path / "g.db")
    _run("ingest", str(corpus), "--store", store, "--reference-date", "2024-03-07", "-q")
    res = _run("timeline", "--store", store, "--json")
    entries = json.loads(res.stdout)
    assert entries, res.output
    starts = [e["start"] for e in entries if e["start"]]
    assert starts == sorted(starts)
    only = json.loads(_run("timeline", "--store", store, "--entity", "Carter", "--json").stdout)
    assert only and len(only) < len(entries)
    # every extracted event has a confidence below 1; at 0 none is below
    assert json.loads(_run("timeline", "--store", store, "--min-event-confidence", "1", "--json").stdout) == []
    assert len(json.loads(_run("timeline", "--store", store, "--min-event-confidence", "0", "--json").stdout)) == len(entries)
    res = _run("timeline", "--store", store, "--min-event-confidence", "1")
    assert res.stdout.splitlines()[-1].endswith("event(s) below the minimum event confidence not shown")


def test_bad_input_is_named_and_partial(tmp_path: Path):
    d = tmp_path / "mixed"
    d.mkdir()
    (d / "good.txt").write_text(GOOD_EN, encoding="utf-8")
    (d / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 50)
    (d / "empty.txt").write_text("", encoding="utf-8")
    (d / "broken.jsonl").write_text('{"id": "ok", "text": "Helen Carter said on Monday that talks went well."}\n{not json\n',
                                    encoding="utf-8")
    (d / "latin1.txt").write_bytes("Der Minister Jürgen Weiß äußerte sich am Montag in München.".encode("latin-1"))
    res = CliRunner().invoke(main, ["ingest", str(d), "--store", str(tmp_path / "g.db"), "--json",
                                                    "--reference-date", "2024-03-07"])
    assert res.exit_code == EXIT_PARTIAL, res.output
    summary = json.loads(res.stdout)
    assert summary["articles"] == 3  # good.txt, the good JSONL line, latin1.txt
    failed = " ".join(f"{f['document']}: {f['message']}" for f in summary["failures"])
    for name in ("binary.txt", "empty.txt", "broken.jsonl"):
        assert name in failed
    assert "broken.jsonl: line 2" in failed
    assert any("latin1.txt" in n for n in summary["notices"])


def test_nothing_ingested_exit_code(tmp_path: Path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    res = _run("ingest", str(tmp_path / "empty.txt"), "--store", str(tmp_path / "g.db"))
    assert res.exit_code == EXIT_FAILED


def test_stdin_and_export_formats(tmp_path: Path):
    store = str(tmp_path / "g.db")
    res = _run("ingest", "-", "--store", store, "--reference-date", "2024-03-07", input=GOOD_EN)
    assert res.exit_code == 0, res.output
    graphml = _run("export", "--store", store, "--format", "graphml").output
    assert graphml.lstrip().startswith("<?xml")
    cypher = _run("export", "--store", store, "--format", "cypher").output
    assert "MERGE" in cypher


def test_missing_store_is_a_clear_error(tmp_path: Path):
    res = CliRunner().invoke(main, ["timeline", "--store", str(tmp_path / "nope.db")])
    assert res.exit_code == 2 and "no graph store" in res.output


def test_review_merge_split_commands(tmp_path: Path):
    store = str(tmp_path / "g.db")
    text_a = json.dumps({"id": "x1", "published": "2024-03-04", "text": "Minister Anna Lind met Per Holm in Oslo on Monday."})
    text_b = json.dumps({"id": "x2", "published": "2024-03-05", "text": "Minister Eva Lind met Per Holm in Bergen on Tuesday."})
    text_c = json.dumps({"id": "x3", "published": "2024-03-06", "text": "Minister Lind said on Wednesday that the talks had gone well."})
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join((text_a, text_b, text_c)) + "\n", encoding="utf-8")
    assert _run("ingest", str(src), "--store", store, "-q").exit_code == 0
    rev = json.loads(_run("review", "--store", store, "--json").stdout)
    amb = rev["ambiguous_people"]
    assert len(amb) == 1 and len(amb[0]["candidates"]) == 2
    short, target = amb[0]["id"], amb[0]["candidates"][0]["id"]
    res = _run("merge", short, target, "--store", store)
    assert res.exit_code == 0, res.output
    decisions = json.loads((tmp_path / "g.decisions.json").read_text())
    assert decisions["merge"] == {short: target}
    # the decision survives re-ingesting into a fresh store
    store2 = str(tmp_path / "g2.db")
    assert _run("ingest", str(src), "--store", store2, "-q", "--decisions", str(tmp_path / "g.decisions.json")).exit_code == 0
    ids = {e["id"] for e in json.loads(_run("review", "--store", store2, "--json").stdout)["ambiguous_people"]}
    assert short not in ids
    assert _run("split", short, target, "--store", store).exit_code == 0
    assert json.loads((tmp_path / "g.decisions.json").read_text())["merge"] == {}
    bad = _run("merge", "per:nobody", target, "--store", store)
    assert bad.exit_code != 0 and "no node" in bad.output


# -- probes of issue 9: explicit beats implicit, exit codes, no secret, no self-destruction -------

BOGUS_NEO4J = "bolt://127.0.0.1:1"  # nothing listens there


def _invoke(*args: str, env: dict | None = None, input: str | bytes | None = None):
    return CliRunner().invoke(main, list(args), env=env, input=input, catch_exceptions=False)


def test_nonexistent_input_is_a_usage_error_before_any_store(tmp_path: Path):
    store = tmp_path / "g.db"
    res = _invoke("ingest", str(tmp_path / "nope.txt"), "--store", str(store))
    assert res.exit_code == 2 and "nope.txt" in res.output
    assert not store.exists()


def test_ingest_dot_never_reads_its_own_store(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(GOOD_EN, encoding="utf-8")
    first = _invoke("ingest", ".", "--json")
    assert first.exit_code == 0, first.output
    assert (tmp_path / "graphbuilder.db").exists()
    second = _invoke("ingest", ".", "--json")
    summary = json.loads(second.stdout)
    assert second.exit_code == 0 and summary["failures"] == [] and summary["articles"] == 1


def test_store_and_neo4j_uri_together_are_a_usage_error(tmp_path: Path):
    for cmd in (["ingest", str(tmp_path)], ["timeline"], ["export", "--format", "cypher"], ["review"]):
        res = _invoke(*cmd, "--store", str(tmp_path / "g.db"), "--neo4j-uri", BOGUS_NEO4J)
        assert res.exit_code == 2, (cmd, res.output)
        assert "--store and --neo4j-uri" in res.output


def test_explicit_store_wins_over_env_neo4j_uri(tmp_path: Path):
    store = tmp_path / "other.db"
    (tmp_path / "a.txt").write_text(GOOD_EN, encoding="utf-8")
    env = {"NEO4J_URI": BOGUS_NEO4J, "NEO4J_PASSWORD": "x"}
    res = _invoke("ingest", str(tmp_path / "a.txt"), "--store", str(store), "-q", env=env)
    assert res.exit_code == 0, res.output
    assert store.exists()
    for cmd in (["timeline"], ["export", "--format", "cypher"], ["review"]):
        assert _invoke(*cmd, "--store", str(store), env=env).exit_code == 0


def test_every_graph_command_honours_env_neo4j_uri(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    env = {"NEO4J_URI": BOGUS_NEO4J, "NEO4J_PASSWORD": "x"}
    (tmp_path / "a.txt").write_text(GOOD_EN, encoding="utf-8")
    for cmd in (["ingest", "a.txt"], ["timeline"], ["export", "--format", "cypher"], ["review"],
                ["merge", "per:a", "per:b"]):
        res = _invoke(*cmd, env=env)
        assert res.exit_code == 5, (cmd, res.output)  # went to (the unreachable) Neo4j
        assert "cannot reach Neo4j" in res.output
    assert not (tmp_path / "graphbuilder.db").exists()


def test_resolve_target_is_one_rule_for_options_and_env():
    from graphbuilder.cli import resolve_target
    from graphbuilder.errors import UsageError

    env = {"NEO4J_URI": "bolt://h:7687", "NEO4J_USERNAME": "u", "NEO4J_PASSWORD": "pw"}
    assert resolve_target(env={}).store == "graphbuilder.db"
    assert resolve_target(env=env).kind == "neo4j"
    assert resolve_target(store="x.db", env=env).store == "x.db"
    assert resolve_target(env={"GRAPHBUILDER_STORE": "y.db"}).store == "y.db"
    with pytest.raises(UsageError):
        resolve_target(env={**env, "GRAPHBUILDER_STORE": "y.db"})
    with pytest.raises(UsageError):
        resolve_target(store="x.db", neo4j_uri="bolt://h", env={})
    t = resolve_target(neo4j_uri="bolt://ann:s3cret@h:7687", env=env)
    assert (t.uri, t.user, t.password) == ("bolt://h:7687", "ann", "s3cret")
    assert "s3cret" not in repr(t) and "s3cret" not in str(t)
    assert resolve_target(env=env, want="sqlite").store == "graphbuilder.db"  # push's source


def test_no_password_in_any_message(tmp_path: Path):
    res = _invoke("timeline", "--neo4j-uri", "bolt://neo4j:Sup3rSecret@127.0.0.1:1")
    assert res.exit_code == 5
    assert "Sup3rSecret" not in res.output
    res = _invoke("review", "--neo4j-uri", "nosuchscheme://neo4j:Sup3rSecret@127.0.0.1:1",
                  "--neo4j-password", "An0therSecret")
    assert res.exit_code in (2, 5) and "Sup3rSecret" not in res.output and "An0therSecret" not in res.output


def test_export_refuses_to_write_onto_its_store(tmp_path: Path):
    import os

    store = tmp_path / "v.db"
    _invoke("ingest", "-", "--store", str(store), "--reference-date", "2024-03-07", input=GOOD_EN)
    before = _invoke("export", "--store", str(store), "--format", "apoc-jsonl").stdout
    (tmp_path / "sym.db").symlink_to(store)
    os.link(store, tmp_path / "hard.db")
    for out in (store, tmp_path / "sym.db", tmp_path / "hard.db", tmp_path / "v.db-wal"):
        res = _invoke("export", "--store", str(store), "--format", "cypher", "-o", str(out))
        assert res.exit_code == 2, (out, res.output)
        assert "onto its source" in res.output
    assert _invoke("export", "--store", str(store), "--format", "apoc-jsonl").stdout == before


def test_corrupt_store_is_a_store_error_without_traceback(tmp_path: Path):
    store = tmp_path / "bad.db"
    store.write_bytes(b"this is not a sqlite database at all " * 200)
    (tmp_path / "a.txt").write_text(GOOD_EN, encoding="utf-8")
    for cmd in (["ingest", str(tmp_path / "a.txt")], ["timeline"], ["export", "--format", "cypher"],
                ["review"]):
        res = _invoke(*cmd, "--store", str(store))
        assert res.exit_code == 7, (cmd, res.output)
        assert "Traceback" not in res.output and "store" in res.output


def test_stdin_with_a_bad_byte_is_ingested(tmp_path: Path):
    data = GOOD_DE.encode("utf-8") + b"\xff\n"
    res = _invoke("ingest", "-", "--store", str(tmp_path / "g.db"), input=data)
    assert res.exit_code == 0, res.output
    assert "invalid UTF-8 byte" in res.output


def test_oversized_article_is_refused_by_the_limit(tmp_path: Path):
    big = tmp_path / "big.txt"
    big.write_text(GOOD_EN * 200, encoding="utf-8")
    (tmp_path / "ok.txt").write_text(GOOD_DE, encoding="utf-8")
    res = _invoke("ingest", str(tmp_path), "--store", str(tmp_path / "g.db"), "--max-bytes", "10000", "--json")
    assert res.exit_code == 3, res.output
    (fail,) = json.loads(res.stdout)["failures"]
    assert fail["document"].endswith("big.txt") and fail["stage"] == "read" and "size limit" in fail["message"]


def test_duplicate_ids_with_different_texts_are_kept_apart_in_any_order(tmp_path: Path):
    a = {"id": "same", "text": GOOD_EN, "published": "2024-03-05"}
    b = {"id": "same", "text": GOOD_DE, "published": "2024-03-05"}
    exports = []
    for order in ((a, b), (b, a)):
        src = tmp_path / "in.jsonl"
        src.write_text("\n".join(json.dumps(r) for r in order) + "\n", encoding="utf-8")
        store = tmp_path / f"g{len(exports)}.db"
        res = _invoke("ingest", str(src), "--store", str(store), "--json")
        assert res.exit_code == 0, res.output
        summary = json.loads(res.stdout)
        assert summary["articles"] == 2
        assert any("'same'" in n and "kept apart" in n for n in summary["notices"])
        exports.append(_invoke("export", "--store", str(store), "--format", "apoc-jsonl").stdout)
    assert exports[0] == exports[1]
    nodes = [json.loads(line) for line in exports[0].splitlines()]
    articles = [n for n in nodes if n["type"] == "node" and n["labels"] == ["Article"]]
    assert sorted(a["properties"]["id"][:5] for a in articles) == ["same~", "same~"]


def test_a_plain_text_copy_of_a_record_is_read_once_as_the_record(tmp_path: Path):
    record = {"id": "carter-visit", "text": GOOD_EN, "published": "2024-03-05", "source": "Example Wire"}
    (tmp_path / "a.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(GOOD_EN, encoding="utf-8")  # the same article without its metadata
    (tmp_path / "other.txt").write_text(GOOD_DE, encoding="utf-8")  # a different text stays
    store = tmp_path / "g.db"
    res = _invoke("ingest", str(tmp_path), "--store", str(store), "--json")
    assert res.exit_code == 0, res.output
    summary = json.loads(res.stdout)
    assert summary["articles"] == 2
    assert any(n.startswith(str(tmp_path / "a.txt")) and "'carter-visit'" in n and "read once" in n
               for n in summary["notices"])
    nodes = [json.loads(line) for line in _invoke("export", "--store", str(store), "--format", "apoc-jsonl").stdout.splitlines()]
    ids = sorted(n["properties"]["id"] for n in nodes if n["type"] == "node" and n["labels"] == ["Article"])
    assert len(ids) == 2 and "carter-visit" in ids
    # extract reads it once too; two records with one text (two outlets) both stay
    out = _invoke("extract", str(tmp_path))
    assert len([line for line in out.stdout.splitlines() if line.strip()]) == 2
    twin = {**record, "id": "carter-visit-2", "source": "Other Wire"}
    (tmp_path / "b.jsonl").write_text(json.dumps(twin) + "\n", encoding="utf-8")
    res = _invoke("ingest", str(tmp_path), "--store", str(tmp_path / "g2.db"), "--json")
    assert json.loads(res.stdout)["articles"] == 3


def test_bare_copies_are_dropped_whatever_the_order(tmp_path: Path):
    from graphbuilder.core import drop_bare_copies, read_documents

    (tmp_path / "r.jsonl").write_text(json.dumps({"id": "r1", "text": GOOD_DE}) + "\n", encoding="utf-8")
    (tmp_path / "copy.txt").write_text(GOOD_DE, encoding="utf-8")
    docs, _failures, notices = read_documents([str(tmp_path)])
    assert [d.id for d in docs] == ["r1"] and len(notices) == 1 and "copy.txt" in notices[0]
    bare = read_documents([str(tmp_path / "copy.txt")])[0]
    record = read_documents([str(tmp_path / "r.jsonl")])[0]
    for order in (bare + record, record + bare):
        kept, notes = drop_bare_copies(order)
        assert [d.id for d in kept] == ["r1"] and notes == notices
    # the record's id is kept apart from another record's (same id, other text): the notice names its final id
    (tmp_path / "r.jsonl").write_text("\n".join(json.dumps({"id": "r1", "text": t}) for t in (GOOD_DE, GOOD_EN)) + "\n",
                                      encoding="utf-8")
    res = _invoke("ingest", str(tmp_path), "--store", str(tmp_path / "g.db"), "--json")
    summary = json.loads(res.stdout)
    assert summary["articles"] == 2
    (copy_note,) = [n for n in summary["notices"] if "copy.txt" in n]
    assert "read once, as 'r1~" in copy_note


def test_summary_counts_events_as_stored(tmp_path: Path):
    from graphbuilder.store.sqlite_store import SQLiteStore

    store = tmp_path / "g.db"
    examples = Path(__file__).resolve().parents[1] / "examples"
    res = _invoke("ingest", str(examples), "--store", str(store), "--json")
    summary = json.loads(res.stdout)
    with SQLiteStore(store) as s:
        counts = s.counts()
    assert summary["events"] == counts["Event"]
    assert summary["entities"] == counts["Person"] + counts["Organization"] + counts["Location"]


def test_exit_codes_are_documented_in_help():
    text = _invoke("--help").output + _invoke("ingest", "--help").output
    for code in ("2 usage error", "3 some inputs failed", "5 store unreachable", "8 query not found"):
        assert code in " ".join(text.split())


def test_query_missing_file_has_its_own_exit_code(tmp_path: Path):
    res = _invoke("query", str(tmp_path / "nope.cypher"), env={"NEO4J_URI": BOGUS_NEO4J})
    assert res.exit_code == 8 and "nope.cypher" in res.output
    res = _invoke("query", "no_such_query", env={"NEO4J_URI": BOGUS_NEO4J})
    assert res.exit_code == 8


def test_query_never_reads_a_non_cypher_file(tmp_path: Path):
    secret = tmp_path / "secrets.txt"
    secret.write_text("TopSecretWord and more", encoding="utf-8")
    res = _invoke("query", str(secret), env={"NEO4J_URI": BOGUS_NEO4J})
    assert res.exit_code == 2 and "TopSecretWord" not in res.output


def test_query_passes_credentials_and_reports_unreachable(tmp_path: Path):
    res = _invoke("query", "entity_search", "-p", "text=x", "--neo4j-uri", BOGUS_NEO4J,
                  "--neo4j-user", "u", "--neo4j-password", "pw-xyz")
    assert res.exit_code == 5, res.output
    assert "cannot reach" in res.output  # before: a TypeError from run_query(user=…), also exit 5
    assert "pw-xyz" not in res.output


def test_neo4j_dropping_out_mid_ingest_says_what_was_committed(tmp_path: Path, monkeypatch):
    import neo4j.exceptions

    from graphbuilder import cli
    from graphbuilder.store.sqlite_store import SQLiteStore

    class Flaky(SQLiteStore):
        writes = 0

        def transact(self, work):  # one transaction per article with --batch-size 1
            Flaky.writes += 1
            if Flaky.writes > 2:
                raise neo4j.exceptions.ServiceUnavailable("connection lost")
            return super().transact(work)

    monkeypatch.setattr(cli, "open_target", lambda target, must_exist=False: Flaky(tmp_path / "f.db"))
    d = tmp_path / "in"
    d.mkdir()
    for i in range(4):
        (d / f"{i}.txt").write_text(f"Minister Ann Vale{i} spoke in Oslo on Monday.\n", encoding="utf-8")
    res = _invoke("ingest", str(d), "--store", str(tmp_path / "f.db"), "--batch-size", "1")
    assert res.exit_code == 5, res.output
    assert "article(s) of this run were committed" in res.output


def test_a_record_replaces_its_plain_text_copy_stored_by_an_earlier_run(tmp_path: Path):
    """A text ingested as a plain file and later as its record (or the other way round) gives the
    graph of the record alone, whatever the order of the runs: the record replaces the copy, a copy
    of a stored record is not read again; the copy's own dates and first/last seen do not stay."""
    record = {"id": "carter-visit", "text": GOOD_EN, "published": "2024-03-05", "source": "Example Wire"}
    (tmp_path / "a.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(GOOD_EN, encoding="utf-8")
    (tmp_path / "other.txt").write_text(GOOD_DE, encoding="utf-8")  # another text, stored before: it stays

    def graph(*runs: list[str]) -> tuple[str, list[str]]:
        """The export after the runs, one store, and the last run's notices."""
        store = tmp_path / f"g{len(list(tmp_path.glob('g*.db')))}.db"
        notices: list[str] = []
        for args in runs:
            res = _invoke("ingest", *args, "--store", str(store), "--json")
            assert res.exit_code == 0, res.output
            notices = json.loads(res.stdout)["notices"]
        return _invoke("export", "--store", str(store), "--format", "apoc-jsonl").stdout, notices

    other, txt, rec = [str(tmp_path / "other.txt")], [str(tmp_path / "a.txt")], [str(tmp_path / "a.jsonl")]
    alone, _ = graph(other, rec)
    replaced, notices = graph(other, txt, rec)
    assert replaced == alone and any("'carter-visit' replaces article" in n for n in notices)
    dated, _ = graph(other, txt + ["--reference-date", "2023-11-20"], rec)
    assert dated == alone and "2023-11" not in dated
    skipped, notices = graph(other, rec, txt)
    assert skipped == alone
    assert any(n.startswith(txt[0]) and "already in the store" in n for n in notices)
    articles = [json.loads(line) for line in alone.splitlines()]
    ids = [n["properties"]["id"] for n in articles if n.get("labels") == ["Article"]]
    assert len(ids) == 2 and "carter-visit" in ids
