"""Regression guard: dev-set quality may not drop > 2 points, speed ratio not > 20 % below baseline."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphbuilder.evaluation import guard

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
needs_shared = pytest.mark.skipif(not (SHARED / "eval").exists(), reason="../shared/eval not present")


def test_regressions_logic():
    base = {"a.f1": 0.80, "speed.ratio_vs_dateparser": 5.0}
    assert guard.regressions({"a.f1": 0.79, "speed.ratio_vs_dateparser": 4.1}, base) == []
    bad = guard.regressions({"a.f1": 0.77, "speed.ratio_vs_dateparser": 3.9}, base)
    assert len(bad) == 2 and bad[0].startswith("a.f1")


@pytest.mark.eval
@needs_shared
@pytest.mark.parametrize("measure", sorted(guard.MEASURES))
def test_no_regression_against_committed_baseline(measure: str):
    baseline = guard.load_baseline()
    current = guard.MEASURES[measure](SHARED)
    assert set(current) <= set(baseline), f"figures missing from the baseline: {set(current) - set(baseline)}"
    assert guard.regressions(current, baseline) == []
