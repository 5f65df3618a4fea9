#!/usr/bin/env python3
"""The fixed plan of the event training corpus (issue 12): which articles, in which batch, in
which split. Deterministic: the order is sha256 of the document id, and an article is in the
**test** split when that hash is 0 mod 5 (about 20 %), whoever annotates it and whenever.

    python scripts/corpus_plan.py            # writes tests/gold/events/corpus/plan.json
    python scripts/corpus_plan.py --show de-03

Articles: 10kGNAD test lines labelled International, Inland, Wirtschaft or Panorama with
600-6000 characters, and BBC politics files; never one of the existing gold, held-out or
agreement articles (tests/gold/events/*.jsonl). Batches hold 25 articles; every eligible article
has a batch (de-01 … de-12 and en-01 … en-09 were annotated first, 2026-12-06; the batches after
them, 2026-12-07). Adding batches never moves an article between batches: the order is fixed.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graphbuilder.evaluation.events import split_of  # noqa: E402

SHARED = Path(os.environ.get("GRAPHBUILDER_SHARED", ROOT.parent / "shared"))
GOLD = ROOT / "tests" / "gold" / "events"
PLAN = GOLD / "corpus" / "plan.json"
BATCH = 25
DE_LABELS = ("International", "Inland", "Wirtschaft", "Panorama")


def _hash(doc_id: str) -> int:
    return int(hashlib.sha256(doc_id.encode()).hexdigest(), 16)


def build() -> dict:
    used = set()
    for f in GOLD.glob("*.jsonl"):
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                used.add(json.loads(line)["doc_id"])
    with open(SHARED / "bench" / "de-10kgnad" / "test.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";", quotechar="'"))
    de = [f"10kgnad:test:{i}" for i, r in enumerate(rows)
          if r[0] in DE_LABELS and 600 <= len(r[1]) <= 6000 and f"10kgnad:test:{i}" not in used]
    en = [f"bbc:politics/{f}" for f in sorted(os.listdir(SHARED / "bench" / "en-bbc" / "politics"))]
    en = [d for d in en if d not in used]
    plan: dict = {"batch_size": BATCH, "batches": {}}
    for lang, ids in (("de", de), ("en", en)):
        ids = sorted(ids, key=_hash)
        for b in range(-(-len(ids) // BATCH)):
            chunk = ids[b * BATCH:(b + 1) * BATCH]
            plan["batches"][f"{lang}-{b + 1:02d}"] = [
                {"doc_id": d, "art": d.replace("10kgnad:test:", "de:").replace("bbc:", "en:"),
                 "split": split_of(d)} for d in chunk]
    return plan


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--show", help="print one batch's articles (e.g. de-03)")
    args = ap.parse_args()
    if args.show:
        for a in json.loads(PLAN.read_text())["batches"][args.show]:
            print(a["art"], a["split"])
        return
    PLAN.parent.mkdir(parents=True, exist_ok=True)
    PLAN.write_text(json.dumps(build(), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {PLAN}")


if __name__ == "__main__":
    main()
