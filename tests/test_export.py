"""Exports: APOC JSON lines, GraphML, Cypher script and Cypher literals."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import uuid

import networkx
import pytest

from graphbuilder.export import cypher_literal, cypher_map, cypher_name, export
from graphbuilder.models import GraphBatch, Node, Relationship
from graphbuilder.store.sqlite_store import SQLiteStore

EVIL = "'}) DETACH DELETE n //"


def rel(type_: str, start: Node, end: Node, **props) -> Relationship:
    return Relationship(type=type_, start=start.id, end=end.id, start_label=start.label,
                        end_label=end.label, props=props)


def sample_batch(prefix: str = "") -> GraphBatch:
    """A small graph; ``prefix`` is put before every id (to share a Neo4j database safely)."""
    batch = _sample_batch()
    if not prefix:
        return batch
    return GraphBatch(
        nodes=[n.model_copy(update={"id": prefix + n.id}) for n in batch.nodes],
        relationships=[r.model_copy(update={"start": prefix + r.start, "end": prefix + r.end})
                       for r in batch.relationships],
    )


def _sample_batch() -> GraphBatch:
    art = Node(label="Article", id="art:1", props={
        "title": "Line one\nO'Brien said \"hi\" \\ done", "published": dt.date(2021, 12, 1)})
    p1 = Node(label="Person", id="per:a", props={"name": "Anna", "aliases": ["A.", "Änna"]})
    p2 = Node(label="Person", id="per:b", props={"name": EVIL, "aliases": []})
    ev = Node(label="Event", id="ev:1", props={
        "type": "MEETING", "status": "planned", "confidence": 0.75, "vague": False,
        "report_count": 1, "extra": {"k": [1, 2]}, "missing": None})
    day = Node(label="Date", id="date:2021-12-02", props={"value": "2021-12-02"})
    month = Node(label="Date", id="date:2021-12", props={"value": "2021-12"})
    return GraphBatch(nodes=[art, p1, p2, ev, day, month], relationships=[
        rel("PARTICIPATED_IN", p1, ev, role="speaker"),
        rel("PARTICIPATED_IN", p2, ev),
        rel("REPORTED_IN", ev, art, status="planned"),
        rel("ON_DATE", ev, day),
        rel("PART_OF", day, month),
    ])


# -- a tiny reader for Cypher string literals (to check escaping) ---------------------------

_UNESCAPE = {"\\": "\\", "'": "'", '"': '"', "n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f"}


def read_cypher_string(text: str, i: int = 0) -> tuple[str, int]:
    """Parse the single-quoted Cypher string starting at ``text[i]``; return (value, end)."""
    assert text[i] == "'"
    out, i = [], i + 1
    while text[i] != "'":
        if text[i] == "\\":
            nxt = text[i + 1]
            if nxt == "u":
                out.append(chr(int(text[i + 2:i + 6], 16)))
                i += 6
                continue
            out.append(_UNESCAPE[nxt])
            i += 2
        else:
            assert text[i] not in "\n\r", "raw line break inside a string literal"
            out.append(text[i])
            i += 1
    return "".join(out), i + 1


def strip_strings(script: str) -> str:
    """The script with every string literal replaced by ``S`` (what Cypher parses as code)."""
    out, i = [], 0
    while i < len(script):
        if script[i] == "'":
            _, i = read_cypher_string(script, i)
            out.append("S")
        else:
            out.append(script[i])
            i += 1
    return "".join(out)


@pytest.mark.parametrize("text", [
    "plain", "O'Brien", 'say "x"', "back\\slash", "new\nline\r\ttab", EVIL,
    "\\'}) DETACH DELETE n //", "ctrl\x00\x1b\x7f", "Ümlaut – “quotes” 🙂", "\u2028sep", "",
])
def test_cypher_string_literal_round_trips(text):
    lit = cypher_literal(text)
    value, end = read_cypher_string(lit)
    assert value == text and end == len(lit)
    assert "\n" not in lit and "\r" not in lit


def test_injection_stays_inside_the_string():
    lit = cypher_literal(EVIL)
    assert strip_strings(lit) == "S"
    stmt = f"MERGE (n:Person {{id: 'x'}}) SET n += {cypher_map({'name': EVIL})};"
    assert "DETACH" not in strip_strings(stmt)


def test_cypher_scalars_lists_maps():
    assert cypher_literal(None) == "null"
    assert cypher_literal(True) == "true" and cypher_literal(False) == "false"
    assert cypher_literal(42) == "42" and cypher_literal(-3) == "-3"
    assert cypher_literal(0.5) == "0.5"
    assert cypher_literal(1e20) == "1e20"
    assert cypher_literal(dt.date(2021, 12, 2)) == "'2021-12-02'"
    assert cypher_literal(["a", "b'"]) == "['a', 'b\\'']"
    assert cypher_literal([]) == "[]"
    assert cypher_map({"b": 1, "a": "x", "skip": None}) == "{a: 'x', b: 1}"
    assert cypher_map({"odd key": 1, "we`ird": 2}) == "{`odd key`: 1, `we``ird`: 2}"
    assert cypher_name("ok_1") == "ok_1" and cypher_name("1x") == "`1x`"
    with pytest.raises(ValueError):
        cypher_literal(float("nan"))
    with pytest.raises(TypeError):
        cypher_literal(object())


def test_cypher_script(tmp_path):
    out = io.StringIO()
    counts = export(sample_batch(), "cypher", out)
    assert counts == {"nodes": 6, "relationships": 5}
    script = out.getvalue()
    code = strip_strings(script)
    assert "DETACH" not in code
    merges = [line for line in script.splitlines() if line.startswith("MERGE")]
    assert len(merges) == 6
    # deterministic order: label, then id
    assert merges[0].startswith("MERGE (n:Article {id: 'art:1'})")
    assert [m.split("{id: ")[1].split("}")[0] for m in merges[1:3]] == [
        "'date:2021-12'", "'date:2021-12-02'"]
    assert "MERGE (n:Person {id: 'per:b'}) SET n += {aliases: [], name: '\\'}) DETACH" in script
    assert "title: 'Line one\\nO\\'Brien said \\\"hi\\\" \\\\ done'" in script
    assert "published: '2021-12-01'" in script
    assert "missing" not in script
    assert "extra: '{\\\"k\\\": [1, 2]}'" in script  # maps become JSON strings
    assert ("MATCH (a:Person {id: 'per:a'}), (b:Event {id: 'ev:1'}) "
            "MERGE (a)-[r:PARTICIPATED_IN]->(b) SET r += {role: 'speaker'};") in script
    assert ("MATCH (a:Date {id: 'date:2021-12-02'}), (b:Date {id: 'date:2021-12'}) "
            "MERGE (a)-[r:PART_OF]->(b);") in script
    assert script.count(";\n") == code.count(";")  # every ';' ends a statement
    assert "CREATE CONSTRAINT event_id IF NOT EXISTS FOR (n:Event) REQUIRE n.id IS UNIQUE;" in script
    assert script.rstrip().endswith(":commit")
    out2 = io.StringIO()
    export(sample_batch(), "cypher", out2)
    assert out2.getvalue() == script


def test_apoc_jsonl_round_trip():
    out = io.StringIO()
    counts = export(sample_batch(), "apoc-jsonl", out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert counts == {"nodes": 6, "relationships": 5} and len(lines) == 11
    nodes = [x for x in lines if x["type"] == "node"]
    rels = [x for x in lines if x["type"] == "relationship"]
    assert lines[:6] == nodes  # nodes first
    assert [n["id"] for n in nodes] == [str(i) for i in range(6)]
    assert all(set(n) == {"type", "id", "labels", "properties"} for n in nodes)
    by_num = {n["id"]: n for n in nodes}
    ev = next(n for n in nodes if n["labels"] == ["Event"])
    assert ev["properties"]["id"] == "ev:1" and ev["properties"]["confidence"] == 0.75
    assert ev["properties"]["extra"] == '{"k": [1, 2]}' and "missing" not in ev["properties"]
    art = next(n for n in nodes if n["labels"] == ["Article"])
    assert art["properties"]["published"] == "2021-12-01"
    part = next(r for r in rels if r["label"] == "PARTICIPATED_IN"
                and r["properties"] == {"role": "speaker"})
    assert set(part) == {"id", "type", "label", "properties", "start", "end"}
    assert by_num[part["start"]["id"]]["properties"]["id"] == "per:a"
    assert part["start"]["labels"] == ["Person"] and part["end"]["labels"] == ["Event"]
    on_date = next(r for r in rels if r["label"] == "ON_DATE")
    assert "properties" not in on_date  # APOC omits empty property maps
    # rebuild the graph from the lines: same as the input
    rebuilt = GraphBatch(
        nodes=[Node(label=n["labels"][0], id=n["properties"]["id"], props=n["properties"])
               for n in nodes],
        relationships=[Relationship(
            type=r["label"], start=by_num[r["start"]["id"]]["properties"]["id"],
            end=by_num[r["end"]["id"]]["properties"]["id"], start_label=r["start"]["labels"][0],
            end_label=r["end"]["labels"][0], props=r.get("properties", {})) for r in rels],
    )
    assert {(r.type, r.start, r.end) for r in rebuilt.relationships} == {
        r.key for r in sample_batch().relationships}


def test_graphml_readable_by_networkx(tmp_path):
    out = io.StringIO()
    export(sample_batch(), "graphml", out)
    path = tmp_path / "g.graphml"
    path.write_text(out.getvalue(), encoding="utf-8")
    g = networkx.read_graphml(path, force_multigraph=True)
    assert g.number_of_nodes() == 6 and g.number_of_edges() == 5
    assert g.nodes["ev:1"]["labels"] == ":Event"
    assert g.nodes["ev:1"]["vague"] is False and g.nodes["ev:1"]["report_count"] == 1
    assert json.loads(g.nodes["per:a"]["aliases"]) == ["A.", "Änna"]
    assert g.nodes["per:b"]["name"] == EVIL
    assert g.nodes["art:1"]["title"].startswith("Line one\nO'Brien")
    labels = {d["label"] for _, _, d in g.edges(data=True)}
    assert labels == {"PARTICIPATED_IN", "REPORTED_IN", "ON_DATE", "PART_OF"}
    # APOC's shape: labels/type as XML attributes too, list keys marked with attr.list
    xml = out.getvalue()
    assert '<node id="ev:1" labels=":Event">' in xml
    assert 'label="PARTICIPATED_IN"' in xml and '<data key="labels">:Event</data>' in xml
    assert 'attr.name="aliases" attr.type="string" attr.list="string"' in xml


def test_export_from_store(tmp_path):
    with SQLiteStore(tmp_path / "g.db") as store:
        store.write(sample_batch())
        a, b = io.StringIO(), io.StringIO()
        assert export(store, "apoc-jsonl", a) == export(sample_batch(), "apoc-jsonl", b)
        first = [json.loads(x) for x in a.getvalue().splitlines()]
        assert first[0]["labels"] == ["Article"]


def test_unknown_format_and_dangling_relationship():
    with pytest.raises(ValueError):
        export(sample_batch(), "csv", io.StringIO())  # type: ignore[arg-type]
    bad = sample_batch()
    bad.nodes = [n for n in bad.nodes if n.id != "per:a"]
    for fmt in ("apoc-jsonl", "graphml"):
        with pytest.raises(ValueError, match="per:a"):
            export(bad, fmt, io.StringIO())


def test_labels_come_from_the_allow_list():
    bad = Node.model_construct(label="Event) DETACH DELETE n //", id="x", props={})
    for fmt in ("apoc-jsonl", "graphml", "cypher"):
        with pytest.raises(ValueError):
            export(GraphBatch.model_construct(nodes=[bad], relationships=[]), fmt, io.StringIO())


def test_cypher_escaping_is_exhaustive_for_ascii():
    text = "".join(chr(i) for i in range(0, 128))
    value, _ = read_cypher_string(cypher_literal(text))
    assert value == text
    assert re.fullmatch(r"'[^\n\r]*'", cypher_literal(text))


# -- against a real Neo4j (skipped without NEO4J_URI) ---------------------------------------


@pytest.fixture
def neo4j_driver():
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        pytest.skip("NEO4J_URI not set")
    neo4j = pytest.importorskip("neo4j")
    password = os.environ.get("NEO4J_PASSWORD")
    auth = (os.environ.get("NEO4J_USERNAME", "neo4j"), password) if password else None
    driver = neo4j.GraphDatabase.driver(uri, auth=auth)
    try:
        driver.verify_connectivity()
    except Exception as exc:  # pragma: no cover - depends on the environment
        driver.close()
        pytest.skip(f"Neo4j not reachable: {exc}")
    yield driver
    driver.close()


def _read_back(driver, prefix: str) -> tuple[dict, set]:
    nodes, _, _ = driver.execute_query(
        "MATCH (n) WHERE n.id STARTS WITH $p RETURN labels(n) AS l, properties(n) AS props",
        p=prefix)
    rels, _, _ = driver.execute_query(
        "MATCH (a)-[r]->(b) WHERE a.id STARTS WITH $p "
        "RETURN a.id AS s, type(r) AS t, b.id AS e, properties(r) AS props", p=prefix)
    return ({r["props"]["id"]: (tuple(r["l"]), r["props"]) for r in nodes},
            {(r["t"], r["s"], r["e"], json.dumps(r["props"], sort_keys=True)) for r in rels})


def _expected(batch: GraphBatch) -> tuple[dict, set]:
    from graphbuilder.export import storable_props

    return ({n.id: ((n.label,), storable_props(n.props, n.id)) for n in batch.nodes},
            {(r.type, r.start, r.end, json.dumps(storable_props(r.props), sort_keys=True))
             for r in batch.relationships})


@pytest.mark.integration
def test_neo4j_loads_cypher_script_and_apoc_jsonl(neo4j_driver):
    from graphbuilder.models import NODE_LABELS

    driver = neo4j_driver
    token = uuid.uuid4().hex[:12]
    prefix = f"gbx{token}:"
    batch = sample_batch(prefix)
    import_id = f"gbx{token}ImportId"
    try:
        # the Cypher script, statement by statement as cypher-shell runs it, twice (idempotent)
        script = io.StringIO()
        export(batch, "cypher", script)
        for _ in range(2):
            with driver.session() as session:
                tx = None
                for line in script.getvalue().splitlines():
                    if line.startswith("//") or not line.strip():
                        continue
                    if line == ":begin":
                        tx = session.begin_transaction()
                    elif line == ":commit":
                        tx.commit()
                    elif tx is not None:
                        tx.run(line).consume()
                    else:
                        session.run(line).consume()
        assert _read_back(driver, prefix) == _expected(batch)
        driver.execute_query("MATCH (n) WHERE n.id STARTS WITH $p DETACH DELETE n", p=prefix)

        # APOC JSON lines through apoc.import.json
        for label in NODE_LABELS:
            driver.execute_query(
                f"CREATE CONSTRAINT gbx{token}_{label} IF NOT EXISTS FOR (n:{label}) "
                f"REQUIRE n.{import_id} IS UNIQUE")
        lines = io.StringIO()
        export(batch, "apoc-jsonl", lines)
        driver.execute_query(
            "CALL apoc.import.json($data, {compression: 'NONE', importIdName: $name})",
            data=bytearray(lines.getvalue().encode("utf-8")), name=import_id)
        nodes, rels = _read_back(driver, prefix)
        nodes = {k: (lab, {p: v for p, v in props.items() if p != import_id})
                 for k, (lab, props) in nodes.items()}
        assert (nodes, rels) == _expected(batch)
        driver.execute_query("MATCH (n) WHERE n.id STARTS WITH $p DETACH DELETE n", p=prefix)

        # GraphML through apoc.import.graphml (labels from the XML attributes)
        graphml = io.StringIO()
        export(batch, "graphml", graphml)
        driver.execute_query(
            "CALL apoc.import.graphml($data, {compression: 'NONE', readLabels: true, "
            "storeNodeIds: false})", data=bytearray(graphml.getvalue().encode("utf-8")))
        assert _read_back(driver, prefix) == _expected(batch)
    finally:
        driver.execute_query("MATCH (n) WHERE n.id STARTS WITH $p DETACH DELETE n", p=prefix)
        for label in NODE_LABELS:
            driver.execute_query(f"DROP CONSTRAINT gbx{token}_{label} IF EXISTS")


def test_export_does_not_depend_on_property_key_order():
    # Neo4j returns a node's properties in no fixed order: the export must not care
    batch = sample_batch()
    shuffled = GraphBatch(
        nodes=[n.model_copy(update={"props": dict(reversed(list(n.props.items())))}) for n in batch.nodes],
        relationships=[r.model_copy(update={"props": dict(reversed(list(r.props.items())))})
                       for r in batch.relationships])
    for fmt in ("apoc-jsonl", "graphml", "cypher"):
        a, b = io.StringIO(), io.StringIO()
        export(batch, fmt, a)
        export(shuffled, fmt, b)
        assert a.getvalue() == b.getvalue(), fmt
