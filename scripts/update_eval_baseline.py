"""Measure the fast dev-set figures and write them to tests/eval_baseline.json.

Run deliberately after an improvement (the regression test compares against this file):

    python scripts/update_eval_baseline.py [--shared ../shared] [--only krauts,germeval]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

from graphbuilder.evaluation import guard


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared")
    ap.add_argument("--only", default="", help="comma-separated measures to refresh (default: all)")
    args = ap.parse_args()
    figures = guard.load_baseline() if guard.BASELINE.exists() else {}
    names = [n for n in args.only.split(",") if n] or list(guard.MEASURES)
    for name in names:
        figures.update(guard.MEASURES[name](args.shared))
    data = {"updated": dt.date.today().isoformat(),
            "note": "fast dev-set figures; see graphbuilder/evaluation/guard.py",
            "figures": dict(sorted(figures.items()))}
    guard.BASELINE.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(data["figures"], indent=2))


if __name__ == "__main__":
    main()
