"""Regression guard: fast dev-set figures compared with the committed baseline.

Each *figure* is a named number measured in fast mode (fixed samples of the dev corpora under
``../shared``). ``tests/eval_baseline.json`` holds the committed values; CI fails when a
quality figure drops more than :data:`QUALITY_TOLERANCE` (2 points) below it, or the speed
ratio (our extraction vs dateparser's ``search_dates``, measured side by side in one run)
more than :data:`SPEED_TOLERANCE` (20 %) below it. Refresh the baseline deliberately with
``python scripts/update_eval_baseline.py`` after an improvement.
"""

from __future__ import annotations

import json
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

QUALITY_TOLERANCE = 0.02
SPEED_TOLERANCE = 0.20
BASELINE = Path(__file__).resolve().parents[2] / "tests" / "eval_baseline.json"


def _f1(fig: dict[str, Any]) -> float:
    return round(float(fig["f1"]), 4)


def krauts(shared: Path) -> dict[str, float]:
    from graphbuilder import registry
    from graphbuilder.evaluation.timeml import evaluate_timeml

    res = evaluate_timeml(shared / "eval/krauts-dev/gold", registry.get("temporal", "rules")(), "de")
    return {"krauts.value_f1": _f1(res["ours"]["value"]), "krauts.strict_f1": _f1(res["ours"]["strict"])}


def tempeval(shared: Path) -> dict[str, float]:
    from graphbuilder import registry
    from graphbuilder.evaluation.timeml import evaluate_timeml

    dirs = [shared / "eval/tempeval3-dev/TimeBank", shared / "eval/tempeval3-dev/AQUAINT"]
    res = evaluate_timeml(dirs, registry.get("temporal", "rules")(), "en")
    return {"tempeval3.value_f1": _f1(res["ours"]["value"])}


def germeval(shared: Path) -> dict[str, float]:
    """GermEval dev with the rules, and with the shipped CRF (trained on GermEval dev: an
    in-sample figure that guards against breakage; the model card has the cross-validated one);
    the CRF on the test split of the project's own German name annotations (never trained on)."""
    from graphbuilder import registry
    from graphbuilder.evaluation.germeval import evaluate_germeval, evaluate_sentences
    from graphbuilder.extract.ner.project_gold import GOLD_DIR, read_project_gold

    path = shared / "eval/germeval2014-dev/NER-de-dev.tsv"
    rules = evaluate_germeval(path, registry.get("entities", "rules")())
    crf_extractor = registry.get("entities", "crf")()
    crf = evaluate_germeval(path, crf_extractor)
    out = {"germeval.micro_f1": _f1(rules["micro"]), "germeval.crf_insample_f1": _f1(crf["micro"])}
    if GOLD_DIR.is_dir():
        test = [(g.tokens, g.tags) for g in read_project_gold(GOLD_DIR, shared) if g.split == "test"]
        out["germeval.project_test_f1"] = _f1(evaluate_sentences(test, crf_extractor, "de")["micro"])
    return out


def conll(shared: Path) -> dict[str, float]:
    """CoNLL-2003 testa, dev part (the blind third is not guarded: nobody tunes on it)."""
    from graphbuilder import registry
    from graphbuilder.evaluation.conll import evaluate_conll
    from graphbuilder.extract.ner import default_entities

    res = evaluate_conll(shared / "train/ner/en/conll2003-eng.testa", registry.get("entities", default_entities())())
    return {"conll.testa_dev_f1": _f1(res["micro"])}


def smartdata(shared: Path) -> dict[str, float]:
    from graphbuilder.evaluation.smartdata import evaluate_smartdata

    res = evaluate_smartdata(shared / "eval/smartdata-dev/dev.json.gz")
    return {"smartdata.exact_f1": _f1(res["exact"]["micro"])}


def meantime(shared: Path) -> dict[str, float]:
    from graphbuilder.evaluation.meantime import evaluate_meantime

    res = evaluate_meantime(shared / "eval/meantime-en-dev")
    out = {"meantime.timex_value_f1": _f1(res["timex"]["value"]),
           "meantime.bcubed_f1": _f1(res["bcubed"]["overall"])}
    ent = res["entities"]["exact"]["micro"]
    out["meantime.entity_recall"] = round(float(ent.get("r", ent.get("recall", 0.0))), 4)
    return out


def events(shared: Path) -> dict[str, float]:
    from graphbuilder.evaluation.run import run_eval

    gold = Path(__file__).resolve().parents[2] / "tests" / "gold" / "events"
    res = run_eval("events", gold / "annotations.jsonl", shared=shared)
    held = run_eval("events", gold / "heldout.jsonl", shared=shared)  # never tuned on: guarded only
    return {"events.detection_f1": _f1(res["detection"]), "events.full_f1": _f1(res["full"]),
            "events.heldout_detection_f1": _f1(held["detection"]), "events.heldout_full_f1": _f1(held["full"])}


def speed(shared: Path, articles: int = 120) -> dict[str, float]:
    """Articles/s of the full extraction over naive search_dates on the same texts, one run."""
    from dateparser.search import search_dates

    from graphbuilder.evaluation.events import de_lines, read_de_line
    from graphbuilder.models import Document
    from graphbuilder.pipeline import Pipeline

    texts = [read_de_line(line)[1] for line in de_lines(shared) if line.strip()][:articles]
    pipe = Pipeline()
    pipe.process(Document(id="warm", text=texts[0]), language="de")
    warnings.filterwarnings("ignore")
    search_dates(texts[0], languages=["de"])
    # interleaved per article, best of two runs each, so bursts of machine load hit both
    # sides alike and are filtered out
    ours = naive = 0.0
    for i, text in enumerate(texts):
        best_ours = best_naive = float("inf")
        for _ in range(2):
            t0 = time.perf_counter()
            pipe.process(Document(id=str(i), text=text), language="de")
            t1 = time.perf_counter()
            search_dates(text, languages=["de"])
            t2 = time.perf_counter()
            best_ours, best_naive = min(best_ours, t1 - t0), min(best_naive, t2 - t1)
        ours += best_ours
        naive += best_naive
    return {"speed.ratio_vs_dateparser": round(naive / ours, 3)}


MEASURES: dict[str, Callable[[Path], dict[str, float]]] = {
    "krauts": krauts, "tempeval": tempeval, "germeval": germeval, "meantime": meantime,
    "conll": conll, "smartdata": smartdata, "events": events, "speed": speed,
}


def measure_all(shared: Path) -> dict[str, float]:
    out: dict[str, float] = {}
    for fn in MEASURES.values():
        out.update(fn(shared))
    return out


def load_baseline(path: Path = BASELINE) -> dict[str, float]:
    return json.loads(path.read_text(encoding="utf-8"))["figures"]


def regressions(current: dict[str, float], baseline: dict[str, float]) -> list[str]:
    """Human-readable list of figures that fell further than allowed below the baseline."""
    out = []
    for name, base in baseline.items():
        if name not in current:
            continue
        now = current[name]
        if name.startswith("speed."):
            floor = base * (1 - SPEED_TOLERANCE)
        else:
            floor = base - QUALITY_TOLERANCE
        if now < floor:
            out.append(f"{name}: {now:.4f} < allowed {floor:.4f} (baseline {base:.4f})")
    return out
