"""Within-article event coreference scales linearly with the article (issue 9: a 1 MB article
made ~148 million comparisons, every mention against every earlier statement and every member
of every earlier cluster). Counted, not timed: the work per mention must not grow with the
article once the look-back window is full."""

from __future__ import annotations

import itertools

import pytest

import graphbuilder.extract.events.coref as coref
from graphbuilder.models import Document
from graphbuilder.pipeline import Pipeline

FIRST = ["Anna", "Bernd", "Clara", "Dieter", "Eva", "Frank", "Greta", "Hans", "Ines", "Jonas"]
LAST = ["Varlen", "Moskat", "Tirbel", "Quandor", "Selvik", "Brannow", "Pelkert", "Dorwin",
        "Kastrup", "Lindqvar"]  # invented surnames


def _article(statements: int) -> str:
    names = [f"{f} {l}" for l, f in itertools.product(LAST, FIRST)]
    lines = ["Minister beraten in Berlin"]
    lines += [f"{names[i % len(names)]} sagte am Montag, die Verhandlungen seien schwierig."
              for i in range(statements)]
    return "\n\n".join(lines)


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline()


def _work(pipe: Pipeline, statements: int, monkeypatch: pytest.MonkeyPatch) -> tuple[int, int]:
    calls = 0
    original = coref.status_class

    def counting(status):  # called per (mention, cluster) comparison and per joining mention
        nonlocal calls
        calls += 1
        return original(status)

    monkeypatch.setattr(coref, "status_class", counting)
    ex = pipe.process(Document(id="x", text=_article(statements)), language="de")
    monkeypatch.setattr(coref, "status_class", original)
    return calls, len(ex.events)


def test_coreference_work_grows_linearly_once_the_window_is_full(pipe, monkeypatch) -> None:
    monkeypatch.setattr(coref, "LOOKBACK_CLUSTERS", 4)
    small, small_events = _work(pipe, 120, monkeypatch)
    large, large_events = _work(pipe, 240, monkeypatch)
    assert large_events > small_events > 4  # more clusters than the window holds
    assert large <= 2.3 * small, (small, large)  # quadratic work would be ~4x


def test_large_clusters_cost_nothing_extra(pipe, monkeypatch) -> None:
    # 100 speakers in turn: each speaker's statements join one cluster, which keeps growing;
    # before, every comparison walked every member of the cluster (~52,000 calls here)
    calls, _ = _work(pipe, 300, monkeypatch)
    assert calls < 300 * 40, calls
