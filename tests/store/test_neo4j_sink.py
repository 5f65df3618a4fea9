"""Neo4jSink: value encoding and query building (no server), MERGE semantics and parity with
SQLiteStore against a live Neo4j (skipped without NEO4J_URI)."""

from __future__ import annotations

import datetime as dt
import json
import os

import pytest

from graphbuilder.models import GraphBatch, Node, Relationship
from graphbuilder.store.neo4j_sink import (
    Neo4jConnectionError,
    Neo4jSink,
    _node_cells,
    _node_query,
    _rel_cells,
    _rel_query,
    neo4j_value,
    schema_statements,
)


def person(pid: str, name: str, aliases: list[str], day: str | None = None) -> Node:
    props: dict = {"name": name, "aliases": aliases}
    if day:
        props.update(first_seen=day, last_seen=day)
    return Node(label="Person", id=pid, props=props)


def event(eid: str, rank: str, **props) -> Node:
    return Node(label="Event", id=eid, props={"type": "MEETING", "family": "meet",
                                              "report_rank": rank, **props})


def article(aid: str, published: str) -> Node:
    return Node(label="Article", id=aid, props={"title": f"Title {aid}", "published": published})


def rel(type_: str, source: Node, target: Node, **props) -> Relationship:
    return Relationship(type=type_, start=source.id, end=target.id, start_label=source.label,
                        end_label=target.label, props=props)


def report(aid: str, rank: str, published: str, status: str, **event_props) -> GraphBatch:
    """One article reporting meeting ev:1 of per:a and per:b."""
    a, b = person("per:a", "Anna Alt", ["Anna Alt", f"A-{aid}"], published), person(
        "per:b", "Bert Berg", ["Bert Berg"], published)
    ev = event("ev:1", rank, status=status, **event_props)
    art = article(aid, published)
    return GraphBatch(
        nodes=[a, b, ev, art],
        relationships=[
            rel("PARTICIPATED_IN", a, ev, role="host"),
            rel("PARTICIPATED_IN", b, ev, role="participant"),
            rel("REPORTED_IN", ev, art, sentence=1, start=10, end=20, status=status,
                published=published),
            rel("MENTIONED_IN", a, art, count=2),
        ],
    )


# -- without a server ------------------------------------------------------------------------------


def test_values_nested_and_mixed_become_json_strings() -> None:
    assert neo4j_value({"b": 1, "a": [1, 2]}) == '{"a": [1, 2], "b": 1}'
    assert json.loads(neo4j_value([[1, 2], [3]])) == [[1, 2], [3]]
    assert json.loads(neo4j_value([1, "x"])) == [1, "x"]
    assert neo4j_value(["x", "y"]) == ["x", "y"]
    assert neo4j_value([1, 2.5]) == [1, 2.5]
    assert neo4j_value(dt.date(2021, 12, 2)) == "2021-12-02"
    assert neo4j_value(float("nan")) is None
    assert neo4j_value([]) == []


@pytest.mark.parametrize("label", ["Person) DETACH DELETE n //", "person", "Thing"])
def test_node_label_outside_allow_list_is_rejected(label: str) -> None:
    with pytest.raises(ValueError, match="unknown node label"):
        _node_query(label)


def test_rel_type_outside_allow_list_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown relationship type"):
        _rel_query("KNOWS]->() DELETE r //", "Person", "Event")
    assert "MERGE (a)-[r:PARTICIPATED_IN]->(b)" in _rel_query("PARTICIPATED_IN", "Person", "Event")


def test_queries_have_clauses_only_for_the_columns_rows_carry() -> None:
    article_q = _node_query("Article", (), ("title",), None)
    assert "{`title`: row[1]}" in article_q
    assert "n.name" not in article_q and "aliases" not in article_q and "first_seen" not in article_q
    assert "SET r" not in _rel_query("LOCATED_IN", "Event", "Location", None)
    assert "SET r += {`count`: row[2]}" in _rel_query("MENTIONED_IN", "Person", "Article", ("count",))
    # the role rule always gets a props map, even an empty one
    assert "WITH r, {} AS p" in _rel_query("PARTICIPATED_IN", "Person", "Event", None)


def test_rows_are_flat_and_grouped_into_few_shapes() -> None:
    rows = [{"id": "per:a", "name": "A", "aliases": ["A"], "first_seen": "2021"},
            {"id": "per:b", "name": "B"},
            {"id": "per:c", "plain": {"odd key": 1}}]
    groups = _node_cells("Person", rows)
    padded = ("aliases", "first_seen")
    assert groups[("Person", ("name", *padded), None, None)] == [
        ["per:a", "A", ["A"], "2021"], ["per:b", "B", None, None]]  # null adds nothing
    # no name column (a null name would remove it); a key that is no identifier goes as a map
    assert groups[("Person", padded, "*", None)] == [["per:c", None, None, {"odd key": 1}]]
    rels = _rel_cells([["a", "b", {"count": 2}], ["a", "c", {}], ["a", "d", {"count": 1}]])
    assert rels == {("count",): [["a", "b", 2], ["a", "d", 1]], None: [["a", "c"]]}


def test_plan_folds_duplicates_and_rejects_one_id_with_two_labels() -> None:
    plan = Neo4jSink._plan([report("art:1", "2021-12-01", "2021-12-01", "planned"),
                            report("art:2", "2021-12-03", "2021-12-03", "occurred")])
    (row,) = [r for r in plan["nodes"]["Person"] if r["id"] == "per:a"]
    assert row["aliases"] == ["A-art:1", "A-art:2", "Anna Alt"]
    assert (row["first_seen"], row["last_seen"]) == ("2021-12-01", "2021-12-03")
    (ev,) = plan["nodes"]["Event"]
    assert ev["evolving"]["status"] == "occurred" and ev["evolving"]["report_rank"] == "2021-12-03"
    clash = GraphBatch(nodes=[person("x:1", "X", ["X"]), Node(label="Location", id="x:1")])
    with pytest.raises(ValueError, match="x:1"):
        Neo4jSink._plan([clash])


def test_schema_file_is_idempotent_and_covers_every_label() -> None:
    statements = schema_statements()
    assert all("IF NOT EXISTS" in s for s in statements)
    for label in ("Article", "Event", "Person", "Organization", "Location", "Date"):
        assert any(f"(n:{label}) REQUIRE n.id IS UNIQUE" in s for s in statements)
    assert any("FULLTEXT INDEX entityNames" in s and "n.aliases" in s for s in statements)


def test_unreachable_server_gives_clear_error() -> None:
    with pytest.raises(Neo4jConnectionError, match="server down or wrong URI") as err:
        Neo4jSink(uri="bolt://127.0.0.1:1", password="secret-pw-123")
    assert "secret-pw-123" not in str(err.value)


def test_bad_uri_scheme_gives_clear_error() -> None:
    with pytest.raises(Neo4jConnectionError, match="invalid Neo4j URI"):
        Neo4jSink(uri="http://127.0.0.1:7474", password="x")


# -- against a live server ------------------------------------------------------------------------


def _graph(sink) -> tuple[list, list]:
    nodes = sorted((n.label, n.id, n.props) for n in sink.nodes())
    rels = sorted((r.type, r.start, r.end, r.start_label, r.end_label, r.props)
                  for r in sink.relationships())
    return nodes, rels


@pytest.mark.integration
def test_schema_applied_before_first_write(neo4j_sink, neo4j_driver) -> None:
    neo4j_sink.write(report("art:1", "2021-12-01", "2021-12-01", "planned"))
    names = {r["name"] for r in neo4j_driver.execute_query("SHOW INDEXES YIELD name").records}
    assert {"event_id", "event_start", "event_type", "event_status", "entityNames"} <= names
    hits = neo4j_driver.execute_query(
        "CALL db.index.fulltext.queryNodes('entityNames', 'A-art') YIELD node RETURN node.id AS id"
    ).records
    assert [h["id"] for h in hits] == ["per:a"]  # found through an alias (list property)


@pytest.mark.integration
def test_merge_semantics(neo4j_sink) -> None:
    neo4j_sink.write(report("art:2", "2021-12-05", "2021-12-05", "occurred", start="2021-12-04",
                            end="2021-12-05"))
    neo4j_sink.write(report("art:1", "2021-12-01", "2021-12-01", "planned", start="2021-12-04"))
    ev = {n.id: n.props for n in neo4j_sink.nodes("Event")}["ev:1"]
    # the older, lower-ranked report does not overwrite the evolving group
    assert (ev["status"], ev["end"], ev["report_rank"]) == ("occurred", "2021-12-05", "2021-12-05")
    assert ev["report_count"] == 2
    a = {n.id: n.props for n in neo4j_sink.nodes("Person")}["per:a"]
    assert a["aliases"] == ["A-art:1", "A-art:2", "Anna Alt"]
    assert (a["first_seen"], a["last_seen"]) == ("2021-12-01", "2021-12-05")
    # a higher rank wins and clears evolving props it does not carry (`end`)
    neo4j_sink.write(GraphBatch(nodes=[event("ev:1", "2021-12-09", status="cancelled")]))
    ev = {n.id: n.props for n in neo4j_sink.nodes("Event")}["ev:1"]
    assert ev["status"] == "cancelled" and "end" not in ev and "start" not in ev
    # relationship props are replaced key by key; None removes
    r = report("art:1", "2021-12-01", "2021-12-01", "planned")
    r.relationships[2].props.update(sentence=7, time_text=None, start=None)
    neo4j_sink.write(r)
    (rep,) = [x for x in neo4j_sink.relationships("REPORTED_IN") if x.end == "art:1"]
    assert rep.props["sentence"] == 7 and "start" not in rep.props and rep.props["end"] == 20


@pytest.mark.integration
def test_rewriting_the_same_batches_changes_nothing(neo4j_sink) -> None:
    batches = [report("art:1", "2021-12-01", "2021-12-01", "planned"),
               report("art:2", "2021-12-03", "2021-12-03", "occurred")]
    neo4j_sink.write_many(batches)
    first = _graph(neo4j_sink)
    neo4j_sink.write_many(batches)
    assert _graph(neo4j_sink) == first
    assert neo4j_sink.counts()["Event"] == 1 and neo4j_sink.counts()["REPORTED_IN"] == 2


@pytest.mark.integration
def test_order_of_reports_does_not_matter(neo4j_sink) -> None:
    one = report("art:1", "2021-12-01", "2021-12-01", "planned", start="2021-12-04")
    two = report("art:2", "2021-12-05", "2021-12-05", "occurred", start="2021-12-04")
    neo4j_sink.write(one)
    neo4j_sink.write(two)
    forward = _graph(neo4j_sink)
    neo4j_sink.clear()
    neo4j_sink.write(two)
    neo4j_sink.write(one)
    assert _graph(neo4j_sink) == forward


@pytest.mark.integration
def test_failed_batch_leaves_nothing_behind(neo4j_sink) -> None:
    bad = report("art:1", "2021-12-01", "2021-12-01", "planned")
    ghost = Node(label="Location", id="loc:nowhere")
    bad.relationships.append(rel("LOCATED_IN", bad.nodes[2], ghost))
    with pytest.raises(ValueError, match="loc:nowhere"):
        neo4j_sink.write(bad)
    assert sum(neo4j_sink.counts().values()) == 0


@pytest.mark.integration
def test_node_id_stored_under_another_label_is_an_error(neo4j_sink) -> None:
    neo4j_sink.write(GraphBatch(nodes=[person("x:1", "X", ["X"])]))
    with pytest.raises(ValueError, match="exists as Person"):
        neo4j_sink.write(GraphBatch(nodes=[Node(label="Location", id="x:1", props={"name": "X"})]))


@pytest.mark.integration
def test_per_element_writes_give_the_same_graph(neo4j_sink) -> None:
    batches = [report("art:1", "2021-12-01", "2021-12-01", "planned"),
               report("art:2", "2021-12-03", "2021-12-03", "occurred")]
    for b in batches:
        neo4j_sink.write(b)
    batched = _graph(neo4j_sink)
    neo4j_sink.clear()
    for b in batches:
        neo4j_sink.write_per_element(b)
    assert _graph(neo4j_sink) == batched


@pytest.mark.integration
def test_small_chunks_and_transactions(neo4j_driver) -> None:
    batches = [report(f"art:{i}", f"2021-12-{i:02d}", f"2021-12-{i:02d}", "planned")
               for i in range(1, 8)]
    with Neo4jSink(batch_size=2, tx_elements=10) as sink:
        sink.write_many(batches)
        counts = sink.counts()
        assert counts["Article"] == 7 and counts["REPORTED_IN"] == 7
        assert {n.id: n.props for n in sink.nodes("Event")}["ev:1"]["report_count"] == 7


@pytest.mark.integration
def test_strings_with_quotes_are_data_not_cypher(neo4j_sink) -> None:
    nasty = "x'}) DETACH DELETE n // \"\\"
    neo4j_sink.write(GraphBatch(nodes=[person("per:q", nasty, [nasty])]))
    (node,) = neo4j_sink.nodes("Person")
    assert node.props["name"] == nasty and node.props["aliases"] == [nasty]


@pytest.mark.integration
def test_find_events(neo4j_sink) -> None:
    neo4j_sink.write(report("art:1", "2021-12-01", "2021-12-01", "planned"))
    solo = event("ev:2", "2021-12-01")
    neo4j_sink.write(GraphBatch(nodes=[solo, person("per:a", "Anna Alt", [])],
                                relationships=[rel("PARTICIPATED_IN", person("per:a", "", []), solo)]))
    assert [e.id for e in neo4j_sink.find_events(participant_ids=["per:a"])] == ["ev:1", "ev:2"]
    assert [e.id for e in neo4j_sink.find_events(participant_ids=["per:a", "per:b"])] == ["ev:1"]
    assert neo4j_sink.find_events(type_family="attack", participant_ids=["per:a"]) == []
    assert [e.id for e in neo4j_sink.find_events(type_family="meet")] == ["ev:1", "ev:2"]


@pytest.mark.integration
def test_wrong_password_gives_clear_error(neo4j_driver) -> None:
    if not os.environ.get("NEO4J_PASSWORD"):
        pytest.skip("server runs without auth")
    with pytest.raises(Neo4jConnectionError, match="wrong username or password"):
        Neo4jSink(password="definitely-wrong-pw")


@pytest.mark.integration
def test_same_graph_as_sqlite_store(neo4j_sink, tmp_path) -> None:
    sqlite_store = pytest.importorskip("graphbuilder.store.sqlite_store")
    loc = Node(label="Location", id="loc:wien", props={"name": "Wien", "aliases": ["Vienna", "Wien"]})
    org = Node(label="Organization", id="org:un", props={"name": "UN", "aliases": ["UNO"]})
    day = Node(label="Date", id="2021-12", props={"precision": "month"})
    day2 = Node(label="Date", id="2021-12-04", props={"precision": "day"})
    extra = GraphBatch(
        nodes=[loc, org, day, day2, event("ev:1", "2021-12-02", status="planned", meta={"k": [1]}),
               person("per:a", "Anna Alt", ["Anna A."], "2021-11-30")],
        relationships=[
            rel("LOCATED_IN", event("ev:1", ""), loc), rel("ON_DATE", event("ev:1", ""), day2),
            rel("PART_OF", day2, day), rel("HOLDS_ROLE", person("per:a", "", []), org, title="Chefin"),
            rel("PARTICIPATED_IN", org, event("ev:1", ""), role="subject"),
        ],
    )
    batches = [report("art:2", "2021-12-05", "2021-12-05", "occurred", start="2021-12-04",
                      end="2021-12-05"),
               extra, report("art:1", "2021-12-01", "2021-12-01", "planned"),
               GraphBatch(nodes=[event("ev:1", "2021-12-05", label="Treffen", time_text=None)])]
    store = sqlite_store.SQLiteStore(tmp_path / "g.db")
    for b in batches:
        store.write(b)
        neo4j_sink.write(b)

    def norm(props: dict) -> dict:
        return {k: neo4j_value(v) for k, v in props.items() if neo4j_value(v) is not None}

    lite_nodes = sorted((n.label, n.id, norm(n.props)) for n in store.nodes())
    lite_rels = sorted((r.type, r.start, r.end, r.start_label, r.end_label, norm(r.props))
                       for r in store.relationships())
    store.close()
    neo_nodes, neo_rels = _graph(neo4j_sink)
    assert neo_nodes == lite_nodes
    assert neo_rels == lite_rels
    assert len(neo_nodes) == 9 and len(neo_rels) == 11


@pytest.mark.integration
@pytest.mark.parametrize("fmt, procedure, config", [
    ("apoc-jsonl", "apoc.import.json", "{}"),
    ("graphml", "apoc.import.graphml", "{readLabels: true}"),
])
def test_apoc_import_of_our_exports_gives_the_same_graph(neo4j_sink, fmt, procedure, config) -> None:
    export = pytest.importorskip("graphbuilder.export")
    import io

    driver = neo4j_sink.driver
    try:
        driver.execute_query("RETURN apoc.version()")
    except Exception:
        pytest.skip("APOC not installed")
    for b in (report("art:1", "2021-12-01", "2021-12-01", "planned"),
              report("art:2", "2021-12-05", "2021-12-05", "occurred", meta={"k": [1, 2]})):
        neo4j_sink.write(b)
    written = _graph(neo4j_sink)
    buffer = io.StringIO()
    export.export(neo4j_sink.to_batch(), fmt, buffer)
    neo4j_sink.clear()
    labels = ("Article", "Event", "Person", "Organization", "Location", "Date")
    try:
        for label in labels:  # apoc.import.json needs these
            driver.execute_query(f"CREATE CONSTRAINT tmp_import_{label} IF NOT EXISTS "
                                 f"FOR (n:{label}) REQUIRE n.neo4jImportId IS UNIQUE")
        driver.execute_query(f"CALL {procedure}($data, {config})",
                             {"data": buffer.getvalue().encode("utf-8")})
        driver.execute_query("MATCH (n) REMOVE n.neo4jImportId")
    finally:
        for label in labels:
            driver.execute_query(f"DROP CONSTRAINT tmp_import_{label} IF EXISTS")
    assert _graph(neo4j_sink) == written


def _random_steps(seed: int, steps: int = 8) -> list[tuple[GraphBatch, dict[str, str]]]:
    """Random small batches (and renames) exercising every MERGE rule of store.base."""
    import random

    rng = random.Random(seed)
    names = {"per:anna-alt": ["Anna Alt", "Anna B. Alt", "A. Alt"], "per:alt": ["Alt"],
             "per:bert-berg": ["Bert Berg", "Berg"], "org:un": ["UN", "Vereinte Nationen"],
             "loc:wien": ["Wien", "Vienna"]}
    labels = {"per": "Person", "org": "Organization", "loc": "Location"}
    days = ["2021-12-01", "2021-12-03", "2021-12-05", "2022-01-10"]

    def entity(key: str) -> Node:
        name = rng.choice(names[key])
        return Node(label=labels[key[:3]], id=key, props={  # type: ignore[arg-type]
            "name": name, "aliases": rng.sample(names[key], rng.randint(1, len(names[key]))),
            **({"first_seen": (d := rng.choice(days)), "last_seen": d} if rng.random() < .8 else {})})

    def ev(eid: str) -> Node:
        props = {"type": rng.choice(["MEETING", "CALL"]), "family": "contact",
                 "status": rng.choice(["planned", "occurred", "denied", "cancelled"]),
                 "report_rank": rng.choice(days) + f"|{rng.randint(0, 3)}",
                 "label": rng.choice(["Treffen", "Gespräch"]), "confidence": rng.random()}
        if rng.random() < .7:
            props["start"] = rng.choice(days)
        if rng.random() < .4:
            props["end"] = rng.choice(days)
        if rng.random() < .3:
            props["meta"] = {"k": [1, rng.randint(0, 3)]}
        return Node(label="Event", id=eid, props=props)

    out = []
    for step in range(steps):
        ents = {k: entity(k) for k in rng.sample(sorted(names), 3)}
        events = {e: ev(e) for e in rng.sample(["ev:1", "ev:2", "ev:3"], 2)}
        art = Node(label="Article", id=f"art:{step}", props={"title": f"T{step}", "published": rng.choice(days)})
        rels = [rel("REPORTED_IN", e, art, status=e.props["status"], sentence=rng.randint(0, 5))
                for e in events.values()]
        for e in events.values():
            for p in rng.sample(list(ents.values()), 2):
                rels.append(rel("PARTICIPATED_IN", p, e,
                                role=rng.choice(["participant", "host", "speaker", "target"])))
        people = [p for p in ents.values() if p.label == "Person"]
        orgs = [p for p in ents.values() if p.label != "Person"]
        if people and orgs:
            rels.append(rel("HOLDS_ROLE", people[0], orgs[0], title=rng.choice(["Chefin", "Ministerin", "Sprecher"])))
        e1, e2 = list(events.values())
        rels.append(rel("ABOUT", e1, e2))
        rels += [rel("MENTIONED_IN", p, art, count=rng.randint(1, 4)) for p in ents.values()]
        renames = {}
        if step >= 2 and rng.random() < .5:
            renames = rng.choice([{"per:alt": "per:anna-alt"}, {"ev:3": "ev:1"}, {"ev:2": "ev:4"}])
        out.append((GraphBatch(nodes=[*ents.values(), *events.values(), art], relationships=rels), renames))
    return out


@pytest.mark.integration
@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_random_batches_and_renames_match_sqlite_store(neo4j_sink, tmp_path, seed) -> None:
    sqlite_store = pytest.importorskip("graphbuilder.store.sqlite_store")
    store = sqlite_store.SQLiteStore(tmp_path / "g.db")
    if "renames" not in str(__import__("inspect").signature(store.write)):
        pytest.skip("SQLiteStore without renames")

    def lite_graph() -> tuple[list, list]:
        return (sorted((n.label, n.id, n.props) for n in store.nodes()),
                sorted((r.type, r.start, r.end, r.start_label, r.end_label, r.props)
                       for r in store.relationships()))

    for step, (batch, renames) in enumerate(_random_steps(seed)):
        store.write(batch, renames=renames)
        neo4j_sink.write(batch, renames=renames)
        assert _graph(neo4j_sink) == lite_graph(), f"seed {seed}, step {step}"
    assert [p.id for p in neo4j_sink.find_persons("alt")] == [p.id for p in store.find_persons("alt")]
    store.close()


@pytest.mark.integration
def test_resolved_story_in_two_orders_and_a_merge_match_sqlite(neo4j_sink, tmp_path) -> None:
    """write_resolved (one transaction per article: reads, event replacement, date links) and
    an analyst's merge give the same graph in Neo4j as in the embedded store, in any order."""
    from graphbuilder.core import write_resolved
    from graphbuilder.decisions import Decisions
    from graphbuilder.store.sqlite_store import SQLiteStore
    from invented import HOLM, LIND, make_article, make_story  # tests/invented.py

    story = make_story() + [make_article("s7", "2024-05-02", ("MEETING", "occurred", ["per:lind", HOLM], "2024-05-07", None),
                                         names={"per:lind": "Lind", HOLM: "Per Holm"})]
    store = SQLiteStore(tmp_path / "g.db")
    for b in story:
        write_resolved(b.model_copy(deep=True), store, Decisions())

    def lite_graph() -> tuple[list, list]:
        return (sorted((n.label, n.id, n.props) for n in store.nodes()),
                sorted((r.type, r.start, r.end, r.start_label, r.end_label, r.props) for r in store.relationships()))

    for order in (story, story[::-1]):
        neo4j_sink.clear()
        for b in order:
            write_resolved(b.model_copy(deep=True), neo4j_sink, Decisions())
        assert _graph(neo4j_sink) == lite_graph()
    store.rename("per:lind", LIND)
    neo4j_sink.rename("per:lind", LIND)
    assert _graph(neo4j_sink) == lite_graph()
    store.close()


def _neo4j_write_half(batches) -> None:
    from graphbuilder.core import write_resolved
    from graphbuilder.decisions import Decisions
    from graphbuilder.store.neo4j_sink import Neo4jSink

    with Neo4jSink() as sink:
        for b in batches:
            write_resolved(b, sink, Decisions())


@pytest.mark.integration
def test_two_processes_ingesting_halves_into_neo4j_equal_sequential(neo4j_sink, tmp_path) -> None:
    """Ingest transactions are serialised (lock node): concurrent halves give the sequential graph."""
    import multiprocessing as mp

    from graphbuilder.core import write_resolved
    from graphbuilder.decisions import Decisions
    from graphbuilder.store.sqlite_store import SQLiteStore
    from invented import make_story  # tests/invented.py

    story = make_story()
    with SQLiteStore(tmp_path / "g.db") as store:
        for b in story:
            write_resolved(b.model_copy(deep=True), store, Decisions())
        expected = (sorted((n.label, n.id, n.props) for n in store.nodes()),
                    sorted((r.type, r.start, r.end, r.start_label, r.end_label, r.props) for r in store.relationships()))
    neo4j_sink.apply_schema()
    ctx = mp.get_context("fork")
    procs = [ctx.Process(target=_neo4j_write_half, args=(half,)) for half in (story[0::2], story[1::2])]
    for p in procs:
        p.start()
    for p in procs:
        p.join(300)
    assert [p.exitcode for p in procs] == [0, 0]
    assert _graph(neo4j_sink) == expected
