"""Score the rule and the learned event extractors side by side on an event gold file or folder.

    python scripts/compare_events.py tests/gold/events/corpus/ --split test
    python scripts/compare_events.py tests/gold/events/heldout.jsonl
    python scripts/compare_events.py tests/gold/events/heldout.jsonl --components learned,learned-detector,learned+detector

Same scorer as `graphbuilder eval events` (detection and full-match F1); texts from ../shared.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graphbuilder.evaluation.events import load_gold, participant_spans_from, score_events  # noqa: E402
from graphbuilder.pipeline import Pipeline  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", type=Path)
    ap.add_argument("--split", choices=["train", "test"], default=None)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--components", default="rules,learned",
                    help="events components, comma-separated; learned+detector / learned-detector: the learned one with its "
                         "second-stage detector on / off (plain learned: its default)")
    args = ap.parse_args(argv)
    docs = load_gold(args.path, args.shared, split=args.split)
    print(f"{args.path} {args.split or ''}: {len(docs)} articles, {sum(len(d.events) for d in docs)} events")
    from graphbuilder.extract.events.learned import extractor as learned

    default = learned.DETECTOR
    for name in args.components.split(","):
        learned.DETECTOR = True if name.endswith("+detector") else False if name.endswith("-detector") else default
        pipe = Pipeline(events=name.removesuffix("+detector").removesuffix("-detector"))
        exs = {d.doc_id: pipe.process(d.document(), language=d.lang) for d in docs}
        res = score_events(docs, {k: ex.events for k, ex in exs.items()}, participant_spans_from(exs))
        det, full = res["detection"], res["full"]
        print(f"  {name:8s} detection P {det['precision']:.3f} R {det['recall']:.3f} F1 {det['f1']:.3f} | "
              f"full P {full['precision']:.3f} R {full['recall']:.3f} F1 {full['f1']:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
