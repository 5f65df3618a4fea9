"""The analyst query library: headers and parameters (no server), and every query's rows on a
small hand-built graph written through Neo4jSink (skipped without NEO4J_URI)."""

from __future__ import annotations

import re

import pytest

from graphbuilder.models import GraphBatch, Node, Relationship
from graphbuilder.queries import QueryInfo, cypher_dir, list_queries, load_query, run_query

# -- without a server ------------------------------------------------------------------------------


def test_library_has_the_documented_queries() -> None:
    names = {q.name for q in list_queries()}
    assert {
        "entity_timeline", "events_between", "who_met_whom", "planned_not_happened",
        "about_event", "event_evidence", "person_roles", "most_active_actors",
        "events_at_location", "shortest_path_people", "as_of", "browse",
    } <= names


@pytest.mark.parametrize("info", list_queries(), ids=lambda q: q.name)
def test_every_query_documents_its_parameters(info: QueryInfo) -> None:
    text = load_query(info.name)
    code = "\n".join(ln for ln in text.splitlines() if not ln.strip().startswith("//"))
    used = set(re.findall(r"\$(\w+)", code))
    assert info.description and info.example
    assert {p.name for p in info.params} == used
    assert not re.search(r"\b(CREATE|MERGE|DELETE|SET|REMOVE)\b", code)  # read-only


def test_unknown_query_and_missing_parameter_are_clear_errors() -> None:
    with pytest.raises(KeyError, match="entity_timeline"):
        load_query("no_such_query")
    with pytest.raises(ValueError, match=r"\$entity"):
        run_query("entity_timeline", {}, driver_or_uri="bolt://127.0.0.1:1")


def test_cypher_dir_is_found_from_a_checkout() -> None:
    assert (cypher_dir() / "schema.cypher").is_file()


# -- against a live server ------------------------------------------------------------------------


def _node(kind: str, id_: str, **props) -> Node:
    return Node(label=kind, id=id_, props=props)  # type: ignore[arg-type]


def _rel(type_: str, a: Node, b: Node, **props) -> Relationship:
    return Relationship(type=type_, start=a.id, end=b.id, start_label=a.label,  # type: ignore[arg-type]
                        end_label=b.label, props=props)


def analyst_graph() -> GraphBatch:
    anna = _node("Person", "per:anna", name="Anna Alt", aliases=["A. Alt", "Anna Alt"])
    bert = _node("Person", "per:bert", name="Bert Berg", aliases=["Bert Berg"])
    cora = _node("Person", "per:cora", name="Cora Clad", aliases=["Cora Clad"])
    dirk = _node("Person", "per:dirk", name="Dirk Dorn", aliases=["Dirk Dorn"])
    acme = _node("Organization", "org:acme", name="Acme Union", aliases=["Acme Union"])
    xville = _node("Location", "loc:xville", name="Xville", aliases=["Xstadt", "Xville"])
    art1 = _node("Article", "art:1", title="Plans", published="2021-12-01")
    art2 = _node("Article", "art:2", title="Calls", published="2021-12-03")
    art3 = _node("Article", "art:3", title="Met", published="2021-12-06")
    meet = _node("Event", "ev:meet", type="MEETING", label="Meeting: Anna Alt, Bert Berg",
                 status="occurred", start="2021-12-05", end="2021-12-05")
    call = _node("Event", "ev:call", type="CALL", label="Call: Bert Berg, Cora Clad",
                 status="occurred", start="2021-12-02", end="2021-12-02")
    say = _node("Event", "ev:say", type="STATEMENT", label="Statement: Cora Clad",
                status="occurred", start="2021-12-03", end="2021-12-03")
    summit = _node("Event", "ev:summit", type="MEETING", label="Meeting: Anna Alt, Acme Union",
                   status="planned", start="2022-01-10", end="2022-01-10")
    protest = _node("Event", "ev:protest", type="PROTEST", label="Protest: Cora Clad, Dirk Dorn",
                    status="occurred", start="2021-11-20", end="2021-11-20")
    # no participant: kept with its evidence, hidden by default
    lone = _node("Event", "ev:lone", type="MEETING", label="Meeting in Xville (participants not identified)",
                 status="planned", start="2021-12-04", end="2021-12-04")
    return GraphBatch(
        nodes=[anna, bert, cora, dirk, acme, xville, art1, art2, art3, meet, call, say, summit,
               protest, lone],
        relationships=[
            _rel("PARTICIPATED_IN", anna, meet, role="host"),
            _rel("PARTICIPATED_IN", bert, meet, role="participant"),
            _rel("PARTICIPATED_IN", bert, call), _rel("PARTICIPATED_IN", cora, call),
            _rel("PARTICIPATED_IN", cora, say, role="speaker"),
            _rel("PARTICIPATED_IN", anna, summit), _rel("PARTICIPATED_IN", acme, summit),
            _rel("PARTICIPATED_IN", cora, protest), _rel("PARTICIPATED_IN", dirk, protest),
            _rel("LOCATED_IN", meet, xville), _rel("ABOUT", say, meet),
            _rel("REPORTED_IN", meet, art1, sentence=2, start=40, end=47, trigger="Treffen",
                 status="planned", time_text="am Sonntag", published="2021-12-01",
                 mention_triggers=["Gespräch"], mention_starts=[90], mention_ends=[98], mention_sentences=[3],
                 mention_sentence_starts=[80], mention_sentence_texts=["Das Gespräch soll in Xville stattfinden."]),
            _rel("REPORTED_IN", meet, art3, sentence=0, start=5, end=10, trigger="trafen",
                 status="occurred", published="2021-12-06"),
            _rel("REPORTED_IN", call, art2, sentence=1, start=3, end=12, status="occurred",
                 published="2021-12-03"),
            _rel("REPORTED_IN", say, art2, sentence=4, start=0, end=5, status="occurred",
                 published="2021-12-03"),
            _rel("REPORTED_IN", summit, art3, sentence=3, start=20, end=26, status="planned",
                 published="2021-12-06"),
            _rel("REPORTED_IN", protest, art1, sentence=5, start=7, end=14, status="occurred",
                 published="2021-12-01"),
            _rel("LOCATED_IN", lone, xville), _rel("ABOUT", lone, summit),
            _rel("REPORTED_IN", lone, art2, sentence=6, start=0, end=7, status="planned",
                 published="2021-12-03", sentence_text="Ein Treffen ist geplant."),
            _rel("HOLDS_ROLE", anna, acme, title="Präsidentin"),
            _rel("HOLDS_ROLE", bert, xville, title="Minister"),
        ],
    )


@pytest.fixture
def graph(neo4j_sink, neo4j_driver):
    neo4j_sink.write(analyst_graph())
    return lambda name, **params: run_query(name, params, neo4j_driver)


@pytest.mark.integration
def test_entity_timeline_matches_alias_case_insensitively(graph) -> None:
    rows = graph("entity_timeline", entity="a. ALT")
    assert [(r["event_id"], r["role"]) for r in rows] == [("ev:meet", "host"), ("ev:summit", None)]
    assert rows[0]["others"] == ["Bert Berg"] and rows[0]["reports"] == 2


@pytest.mark.integration
def test_events_between_with_month_prefix(graph) -> None:
    rows = graph("events_between", **{"from": "2021-12-01", "to": "2021-12"})
    assert [r["event_id"] for r in rows] == ["ev:call", "ev:say", "ev:meet"]
    assert rows[2]["locations"] == ["Xville"]
    rows = graph("events_between", **{"from": "2021-12-03", "to": "2021-12-03"})
    assert [r["event_id"] for r in rows] == ["ev:say"]


@pytest.mark.integration
def test_events_without_participants_only_with_show_all(graph) -> None:
    window = {"from": "2021-12-01", "to": "2021-12"}
    assert "ev:lone" not in [r["event_id"] for r in graph("events_between", **window)]
    assert "ev:lone" in [r["event_id"] for r in graph("events_between", **window, show_all=True)]
    assert [r["event_id"] for r in graph("events_at_location", location="Xville")] == ["ev:meet"]
    assert [r["event_id"] for r in graph("events_at_location", location="Xville", show_all=True)] == [
        "ev:lone", "ev:meet"]
    assert [r["event_id"] for r in graph("planned_not_happened")] == ["ev:summit"]
    assert "ev:lone" in {r["event_id"] for r in graph("planned_not_happened", show_all=True)}
    assert "ev:lone" not in {r["event_id"] for r in graph("as_of", as_of="2021-12-31")}
    assert "ev:lone" in {r["event_id"] for r in graph("as_of", as_of="2021-12-31", show_all=True)}
    shown = {r["event"]["id"] for r in graph("browse")}
    assert "ev:lone" not in shown and "ev:meet" in shown
    assert "ev:lone" in {r["event"]["id"] for r in graph("browse", show_all=True)}


@pytest.mark.integration
def test_min_confidence_hides_doubtful_entities(neo4j_sink, neo4j_driver) -> None:
    batch = analyst_graph()
    for n in batch.nodes:
        if n.id == "per:dirk":
            n.props["confidence"] = 0.3
        elif n.label in ("Person", "Organization", "Location"):
            n.props["confidence"] = 0.9
    neo4j_sink.write(batch)
    q = lambda name, **params: run_query(name, params, neo4j_driver)  # noqa: E731
    window = {"from": "2021-11-01", "to": "2021-12"}
    assert "Dirk Dorn" in [r["name"] for r in q("most_active_actors", **window)]
    assert "Dirk Dorn" not in [r["name"] for r in q("most_active_actors", **window, min_confidence=0.5)]
    protest = next(r for r in q("events_between", **window, min_confidence=0.5) if r["event_id"] == "ev:protest")
    assert protest["participants"] == ["Cora Clad"]
    # events below an event confidence leave the Browser's starting graph
    neo4j_sink.write(GraphBatch(nodes=[n.model_copy(update={"props": {**n.props, "confidence": 0.2}})
                                       for n in batch.nodes if n.id == "ev:protest"]))
    assert "ev:protest" in {r["event"]["id"] for r in q("browse")}
    assert "ev:protest" not in {r["event"]["id"] for r in q("browse", min_event_confidence=0.5)}
    assert "ev:protest" in {r["event"]["id"] for r in q("browse", min_event_confidence=0.2)}


@pytest.mark.integration
def test_who_met_whom(graph) -> None:
    pairs = {(r["actor"], r["met"]): r["times"] for r in graph("who_met_whom")}
    assert pairs == {("Anna Alt", "Bert Berg"): 1, ("Bert Berg", "Cora Clad"): 1,
                     ("Acme Union", "Anna Alt"): 1}
    rows = graph("who_met_whom", entity="bert berg")
    assert sorted(r["met"] for r in rows) == ["Anna Alt", "Cora Clad"]
    assert {r["actor"] for r in rows} == {"Bert Berg"}


@pytest.mark.integration
def test_planned_not_happened(graph) -> None:
    (row,) = graph("planned_not_happened", as_of="2022-02-01")
    assert (row["event_id"], row["overdue"], row["last_report"]) == ("ev:summit", True, "2021-12-06")
    assert graph("planned_not_happened", as_of="2021-12-31")[0]["overdue"] is False
    assert graph("planned_not_happened")[0]["overdue"] is None


@pytest.mark.integration
def test_about_event(graph) -> None:
    (row,) = graph("about_event", event_id="ev:meet")
    assert (row["statement_id"], row["speakers"]) == ("ev:say", ["Cora Clad"])
    assert row["reports"] == [{"article": "art:2", "title": "Calls", "published": "2021-12-03",
                               "sentence": 4}]
    assert graph("about_event", event_id="ev:call") == []
    assert [r["statement_id"] for r in graph("about_event", event_id="ev:summit")] == []
    assert [r["statement_id"] for r in graph("about_event", event_id="ev:summit", show_all=True)] == ["ev:lone"]


@pytest.mark.integration
def test_event_evidence(graph) -> None:
    rows = graph("event_evidence", event_id="ev:meet")
    assert [(r["article_id"], r["sentence"], r["start"], r["end"], r["status"]) for r in rows] == [
        ("art:1", 2, 40, 47, "planned"), ("art:3", 0, 5, 10, "occurred")]
    assert rows[0]["time_text"] == "am Sonntag"
    assert (rows[0]["mention_triggers"], rows[0]["mention_starts"], rows[0]["mention_ends"]) == (["Gespräch"], [90], [98])
    assert rows[0]["mention_sentences"] == ["Das Gespräch soll in Xville stattfinden."]
    assert rows[1]["mention_triggers"] == [] and rows[1]["mention_sentences"] == []  # a report without further mentions


@pytest.mark.integration
def test_person_roles(graph) -> None:
    rows = graph("person_roles", entity="anna alt")
    assert [(r["title"], r["of"], r["of_kind"]) for r in rows] == [
        ("Präsidentin", "Acme Union", "Organization")]
    assert graph("person_roles", entity="Bert Berg")[0]["of_kind"] == "Location"
    assert rows[0]["titles"] == ["Präsidentin"]


@pytest.mark.integration
def test_most_active_actors(graph) -> None:
    rows = graph("most_active_actors", **{"from": "2021-11-01", "to": "2021-12"})
    assert [(r["name"], r["events"]) for r in rows] == [
        ("Cora Clad", 3), ("Bert Berg", 2), ("Anna Alt", 1), ("Dirk Dorn", 1)]
    rows = graph("most_active_actors", **{"from": "2021-11-01", "to": "2021-12", "limit": 2})
    assert [r["name"] for r in rows] == ["Cora Clad", "Bert Berg"]


@pytest.mark.integration
def test_events_at_location(graph) -> None:
    rows = graph("events_at_location", location="xstadt")
    assert [(r["event_id"], r["location"]) for r in rows] == [("ev:meet", "Xville")]
    assert sorted(rows[0]["participants"]) == ["Anna Alt", "Bert Berg"]


@pytest.mark.integration
def test_shortest_path_people(graph) -> None:
    (row,) = graph("shortest_path_people", person_a="Anna Alt", person_b="dirk dorn")
    assert row["events_apart"] == 3
    assert row["event_ids"] == ["ev:meet", "ev:call", "ev:protest"]
    assert row["chain"][0] == "Anna Alt" and row["chain"][-1] == "Dirk Dorn"


@pytest.mark.integration
def test_as_of(graph) -> None:
    then = {r["event_id"]: r for r in graph("as_of", as_of="2021-12-02")}
    assert set(then) == {"ev:meet", "ev:protest"}
    assert (then["ev:meet"]["status_then"], then["ev:meet"]["status_now"]) == ("planned", "occurred")
    later = {r["event_id"]: r for r in graph("as_of", as_of="2021-12-06")}
    assert later["ev:meet"]["status_then"] == "occurred" and later["ev:meet"]["reports_then"] == 2
    assert later["ev:summit"]["status_then"] == "planned"


@pytest.mark.integration
def test_entity_search_uses_the_fulltext_index(graph) -> None:
    rows = graph("entity_search", text="Xstadt")
    assert rows[0]["id"] == "loc:xville"


@pytest.mark.integration
def test_read_mode_refuses_writes(graph, neo4j_driver, tmp_path) -> None:
    script = tmp_path / "sneaky.cypher"
    script.write_text("CREATE (:Person {id: 'per:new'}) RETURN 1 AS x", encoding="utf-8")
    with pytest.raises(Exception, match="(?i)write|read"):
        run_query(script, {}, neo4j_driver)
    assert run_query(script, {}, neo4j_driver, access_mode="WRITE") == [{"x": 1}]


def test_a_file_in_the_current_folder_never_shadows_a_packaged_query(tmp_path, monkeypatch) -> None:
    from graphbuilder.queries import resolve_query

    monkeypatch.chdir(tmp_path)
    (tmp_path / "entity_timeline").write_text("MATCH (n) DETACH DELETE n", encoding="utf-8")
    (tmp_path / "entity_timeline.cypher").write_text("MATCH (n) DETACH DELETE n", encoding="utf-8")
    name, text = resolve_query("entity_timeline")
    assert name == "entity_timeline" and text == load_query("entity_timeline")
    assert resolve_query("./entity_timeline.cypher")[1] == "MATCH (n) DETACH DELETE n"


def test_query_files_must_be_cypher_and_exist(tmp_path) -> None:
    from graphbuilder.errors import QueryNotFound, UsageError
    from graphbuilder.queries import resolve_query

    other = tmp_path / "notes.txt"
    other.write_text("HiddenWord", encoding="utf-8")
    with pytest.raises(UsageError) as err:
        resolve_query(str(other))
    assert "HiddenWord" not in str(err.value)
    with pytest.raises(QueryNotFound):
        resolve_query(str(tmp_path / "missing.cypher"))
    with pytest.raises(UsageError):
        resolve_query("../etc")  # a path without .cypher: never read, never a packaged name


@pytest.mark.integration
def test_the_documented_browser_default_query_hides_events_without_participants(graph, neo4j_driver) -> None:
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[1] / "docs" / "neo4j.md").read_text(encoding="utf-8")
    snippet = doc.split("Default queries for Browser", 1)[1].split("```cypher\n", 1)[1].split("```", 1)[0]
    with neo4j_driver.session() as session:
        events = {r["id"] for r in session.run(
            f"CALL {{ {snippet} }} UNWIND nodes(p) AS n WITH n WHERE n:Event RETURN DISTINCT n.id AS id")}
    assert "ev:meet" in events and "ev:lone" not in events
