"""Score the rule and the learned event extractors side by side on an event gold file or folder.

    python scripts/compare_events.py tests/gold/events/corpus/ --split test
    python scripts/compare_events.py tests/gold/events/heldout.jsonl
    python scripts/compare_events.py tests/gold/events/heldout.jsonl --components learned,learned-detector,learned+detector
    python scripts/compare_events.py tests/gold/events/corpus/ --split test --components learned-confidence,learned --confidence

Same scorer as `graphbuilder eval events` (detection and full-match F1); texts from ../shared.
``--confidence`` also says how well each event's ``confidence`` ranks and calibrates: the AUC for
the events that are real (matched to a gold event) and for those that are right (real, with the
gold's participants), and the Brier score against right. ``learned-confidence`` / ``learned+confidence``:
the learned extractor without / with its confidence classifier (without: the rule formula).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graphbuilder.evaluation.events import confidence_figures, load_gold, participant_spans_from, score_events  # noqa: E402
from graphbuilder.pipeline import Pipeline  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", type=Path)
    ap.add_argument("--split", choices=["train", "test"], default=None)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--components", default="rules,learned",
                    help="events components, comma-separated; learned+detector / learned-detector: the learned one with its "
                         "second-stage detector on / off (plain learned: its default); likewise +confidence / -confidence "
                         "for its confidence classifier")
    ap.add_argument("--confidence", action="store_true",
                    help="also the AUC of each event's confidence for real and for right events, and its Brier score")
    args = ap.parse_args(argv)
    docs = load_gold(args.path, args.shared, split=args.split)
    print(f"{args.path} {args.split or ''}: {len(docs)} articles, {sum(len(d.events) for d in docs)} events")
    from graphbuilder.extract.events.learned import extractor as learned

    defaults = {"detector": learned.DETECTOR, "confidence": learned.LEARNED_CONFIDENCE}
    for name in args.components.split(","):
        base, switches = name, dict(defaults)
        suffixes = {sign + part: (part, on) for part in ("detector", "confidence") for sign, on in (("+", True), ("-", False))}
        while any(base.endswith(x) for x in suffixes):  # "learned-detector+confidence": both switches
            x = next(x for x in suffixes if base.endswith(x))
            base, switches[suffixes[x][0]] = base.removesuffix(x), suffixes[x][1]
        learned.DETECTOR, learned.LEARNED_CONFIDENCE = switches["detector"], switches["confidence"]
        pipe = Pipeline(events=base)
        exs = {d.doc_id: pipe.process(d.document(), language=d.lang) for d in docs}
        res = score_events(docs, {k: ex.events for k, ex in exs.items()}, participant_spans_from(exs))
        det, full = res["detection"], res["full"]
        print(f"  {name:8s} detection P {det['precision']:.3f} R {det['recall']:.3f} F1 {det['f1']:.3f} "
              f"({det['tp']} of {det['pred']} predicted, {det['gold']} gold) | "
              f"full P {full['precision']:.3f} R {full['recall']:.3f} F1 {full['f1']:.3f} ({full['tp']})")
        if args.confidence:
            print("           confidence: " + ", ".join(f"{k} {v}" for k, v in confidence_figures(docs, exs).items()))
    return 0



if __name__ == "__main__":
    raise SystemExit(main())
