"""The invented language of tests/packs/xx runs the whole pipeline with no code change."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PACKS = Path(__file__).resolve().parent
# Invented text in the invented language: "Mara Kessling met Olek Brandt in Veltrin on 3 May 2024."
TEXT = ("Mara Kessling vembat Olek Brandt po Veltrin 3 Florem 2024. "
        "Olek Brandt dixa ka vembo mi sel.\n")


def _run(*args: str, packs: bool = True) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NEO4J_URI", "GRAPHBUILDER_PACKS")}
    if packs:
        env["GRAPHBUILDER_PACKS"] = str(PACKS)
    return subprocess.run([sys.executable, "-m", "graphbuilder.cli", *args], env=env,
                          capture_output=True, text=True, timeout=300, check=False)


@pytest.fixture()
def article(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_ingest_runs_end_to_end_in_the_tiny_language(article: Path, tmp_path: Path) -> None:
    store = str(tmp_path / "g.db")
    res = _run("ingest", str(article), "--store", store, "--reference-date", "2024-06-01", "--json")
    assert res.returncode == 0, res.stderr
    summary = json.loads(res.stdout)
    assert summary["articles"] == 1 and summary["events"] == 1
    res = _run("timeline", "--store", store, "--json")
    assert res.returncode == 0, res.stderr
    (event,) = json.loads(res.stdout)
    assert event["type"] == "MEETING"
    assert event["start"] == "2024-05-03" and event["time_text"] == "3 Florem 2024"
    assert {"Mara Kessling", "Olek Brandt"} <= set(event["participants"])


def test_the_tiny_language_is_detected_and_accepted_by_lang(article: Path) -> None:
    res = _run("extract", str(article), "--lang", "xx", "--reference-date", "2024-06-01")
    assert res.returncode == 0, res.stderr
    rec = json.loads(res.stdout)
    assert rec["language"] == "xx" and rec["warnings"] == []
    assert [t["value"] for t in rec["times"]] == ["2024-05-03"]
    res = _run("extract", str(article), "--reference-date", "2024-06-01")
    assert json.loads(res.stdout)["language"] == "xx"


def test_without_the_pack_the_language_is_unknown(article: Path) -> None:
    res = _run("extract", str(article), "--lang", "xx", packs=False)
    assert res.returncode == 2 and "no language pack" in res.stderr
    rec = json.loads(_run("extract", str(article), packs=False).stdout)
    assert rec["language"] != "xx" and rec["events"] == []
