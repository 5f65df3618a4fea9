"""The one schema: loaded from data, validated, used everywhere, and the README agrees with it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from importlib import resources
from pathlib import Path

import pytest
from pydantic import ValidationError

from graphbuilder import schema
from graphbuilder.extract.events.lexicon import validate_lexicon
from graphbuilder.models import Node, Participant

README = Path(__file__).resolve().parents[1] / "README.md"


def test_ranks_order_assertions_and_roles():
    assert schema.STATUS_RANK["occurred"] > schema.STATUS_RANK["cancelled"] > schema.STATUS_RANK["denied"]
    assert schema.STATUS_RANK["planned"] > schema.STATUS_RANK["expected"] > schema.STATUS_RANK["possible"]
    assert schema.REALIS == {"occurred", "ongoing"}
    assert max(schema.ROLE_RANK, key=schema.ROLE_RANK.get) == "speaker"
    assert schema.family("CALL") == schema.family("MEETING") == "contact"
    assert schema.family("NO_SUCH_TYPE") == "no_such_type"
    assert set(schema.TYPE_PRIORITY) == set(schema.EVENT_TYPES)


def test_readme_event_type_table_matches_the_schema():
    rows = re.findall(r"^\| ([A-Z_]+)(?: \([^)]*\))? \| (.+?) \| (\w+) \|$", README.read_text(encoding="utf-8"), re.M)
    table = {name: (cameo, fam) for name, cameo, fam in rows if name in schema.EVENT_TYPES or name.isupper()}
    assert set(table) == set(schema.EVENT_TYPES)
    for name, (cameo_text, fam) in table.items():
        t = schema.EVENT_TYPES[name]
        assert fam == t.family, name
        assert cameo_text.startswith(t.cameo) if t.cameo else cameo_text.startswith("none"), name
        assert ("nearest" in cameo_text or t.cameo is None) == (not t.exact), name


def test_readme_status_order_matches_the_schema():
    text = README.read_text(encoding="utf-8")
    m = re.search(r"strongest assertion \(([a-z >\s]+)\)", text)
    assert m, "README must state the status order"
    assert [s.strip() for s in m.group(1).split(">")] == list(reversed(schema.STATUSES))
    m = re.search(r"status \(([a-z,\s]+)\)", text)
    assert m, "README must list the statuses"
    assert {s.strip() for s in m.group(1).split(",")} == set(schema.STATUSES)


def test_models_take_their_value_sets_from_the_schema():
    Participant(key="per:x", role=schema.ROLES[-1])
    with pytest.raises(ValidationError):
        Participant(key="per:x", role="bystander")
    for label in schema.NODE_LABELS:
        Node(label=label, id="x")
    with pytest.raises(ValidationError):
        Node(label="Robot", id="x")


def test_a_misspelt_type_in_a_pack_fails_naming_file_and_key():
    with pytest.raises(schema.SchemaError, match=r"my/events\.toml: \[triggers\.MEETNG\]: unknown event type"):
        validate_lexicon({"triggers": {"MEETNG": {"nouns": ["x"]}}}, "my/events.toml")
    with pytest.raises(schema.SchemaError, match=r"\[triggers\.MEETING\] has unknown key\(s\) noun"):
        validate_lexicon({"triggers": {"MEETING": {"noun": ["x"]}}}, "f")
    with pytest.raises(schema.SchemaError, match=r"\[\[retype\]\] #1 to = 'LAW' is no event type"):
        validate_lexicon({"retype": [{"from": "ELECTION", "to": "LAW"}]}, "f")
    with pytest.raises(schema.SchemaError, match="unknown section"):
        validate_lexicon({"trigger": {}}, "f")


def test_redefining_a_known_type_differently_is_an_error():
    with pytest.raises(schema.SchemaError, match="redefines"):
        validate_lexicon({"types": {"CALL": {"family": "statement"}}}, "f")


def _run_with_pack(tmp_path: Path, extra_toml: str, code: str) -> subprocess.CompletedProcess[str]:
    shipped = resources.files("graphbuilder.data").joinpath("events").joinpath("en.toml").read_text(encoding="utf-8")
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "events.toml").write_text(shipped + "\n" + textwrap.dedent(extra_toml), encoding="utf-8")
    env = {**os.environ, "GRAPHBUILDER_PACKS": str(tmp_path)}
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, env=env)


def test_an_event_type_added_purely_in_data_gives_events_of_that_type(tmp_path: Path):
    res = _run_with_pack(tmp_path, """
        [types.HARVEST]
        family = "harvest"
        description = "Crops brought in."

        [triggers.HARVEST]
        nouns = ['harvests?']
        verbs = ['harvested']
        """, """
        import json
        from graphbuilder.graph import build_graph
        from graphbuilder.models import Document
        from graphbuilder.pipeline import Pipeline
        ex = Pipeline().process(Document(id="t", text="Farmers in Kestrovia harvested the wheat on 3 May 2021.",
                                         published="2021-05-04"), language="en")
        events = [n.props for n in build_graph(ex).nodes if n.label == "Event"]
        print(json.dumps([(e["type"], e["family"]) for e in events]))
        """)
    assert res.returncode == 0, res.stderr
    assert ["HARVEST", "harvest"] in json.loads(res.stdout.strip().splitlines()[-1])


def test_a_misspelt_type_in_an_installed_pack_stops_the_run_with_its_name(tmp_path: Path):
    res = _run_with_pack(tmp_path, """
        [triggers.HARVST]
        nouns = ['harvests?']
        """, """
        from graphbuilder.models import Document
        from graphbuilder.pipeline import Pipeline
        Pipeline().process(Document(id="t", text="Farmers harvested the wheat."), language="en")
        """)
    assert res.returncode != 0
    assert "en/events.toml: [triggers.HARVST]: unknown event type 'HARVST'" in res.stderr
