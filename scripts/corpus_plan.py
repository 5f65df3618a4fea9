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

    python scripts/corpus_plan.py --sections   # writes tests/gold/events/sections/plan.json

The **sections** plan (session 13) holds the news the corpus above leaves out: 10kGNAD test lines
labelled Sport, Web, Kultur, Wissenschaft or Etat and BBC sport, tech, entertainment and business
files, 600-4000 characters (bytes for the BBC files), in batches of 10 (``sde-01`` …, ``sen-01`` …), same
hash order and split rule; rewriting the plan keeps its batches and appends the next eligible articles. Trigger words have other senses there (a football "Angriff", a "launch" of a phone), which
the politics corpus never shows a model.
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
SECTIONS_PLAN = GOLD / "sections" / "plan.json"
SECTION_LABELS_DE = ("Sport", "Web", "Kultur", "Wissenschaft", "Etat")
SECTIONS_EN = ("sport", "tech", "entertainment", "business")
SECTION_BATCH = 10
SECTION_BATCHES = 16  # batches per language written to the plan (the order is fixed: more batches never move an article)


def _hash(doc_id: str) -> int:
    return int(hashlib.sha256(doc_id.encode()).hexdigest(), 16)


def used_ids(every: bool = False) -> set[str]:
    """Doc ids of the event gold files directly in tests/gold/events (development, held-out,
    agreement) or, with ``every``, of every gold file below it (also corpus and sections)."""
    used = set()
    for f in (GOLD.rglob if every else GOLD.glob)("*.jsonl"):
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                used.add(json.loads(line)["doc_id"])
    return used


def _de_rows() -> list[list[str]]:
    """The 10kGNAD test lines as ``[label, text]``."""
    with open(SHARED / "bench" / "de-10kgnad" / "test.csv", encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh, delimiter=";", quotechar="'"))


def _batch(ids: list[str]) -> list[dict]:
    """The plan entries of one batch."""
    return [{"doc_id": d, "art": d.replace("10kgnad:test:", "de:").replace("bbc:", "en:"), "split": split_of(d)}
            for d in ids]


def build() -> dict:
    used = used_ids()
    de = [f"10kgnad:test:{i}" for i, r in enumerate(_de_rows())
          if r[0] in DE_LABELS and 600 <= len(r[1]) <= 6000 and f"10kgnad:test:{i}" not in used]
    en = [f"bbc:politics/{f}" for f in sorted(os.listdir(SHARED / "bench" / "en-bbc" / "politics"))]
    en = [d for d in en if d not in used]
    plan: dict = {"batch_size": BATCH, "batches": {}}
    for lang, ids in (("de", de), ("en", en)):
        ids = sorted(ids, key=_hash)
        for b in range(-(-len(ids) // BATCH)):
            plan["batches"][f"{lang}-{b + 1:02d}"] = _batch(ids[b * BATCH:(b + 1) * BATCH])
    return plan


def build_sections() -> dict:
    """The sections plan: articles of the sections the corpus leaves out, in hash order. The
    batches of an existing plan are kept as they are; new batches take the next eligible articles."""
    plan_used = {a["doc_id"] for b in json.loads(PLAN.read_text())["batches"].values() for a in b}
    kept = json.loads(SECTIONS_PLAN.read_text())["batches"] if SECTIONS_PLAN.is_file() else {}
    fixed = {a["doc_id"] for b in kept.values() for a in b}
    used = used_ids(every=True) | plan_used | fixed
    de = [f"10kgnad:test:{i}" for i, r in enumerate(_de_rows())
          if r[0] in SECTION_LABELS_DE and 600 <= len(r[1]) <= 4000 and f"10kgnad:test:{i}" not in used]
    en = []
    for sec in SECTIONS_EN:
        for f in sorted(os.listdir(SHARED / "bench" / "en-bbc" / sec)):
            d = f"bbc:{sec}/{f}"
            if d not in used and 600 <= len((SHARED / "bench" / "en-bbc" / sec / f).read_bytes()) <= 4000:
                en.append(d)
    plan: dict = {"batch_size": SECTION_BATCH, "batches": dict(kept)}
    for lang, ids in (("sde", de), ("sen", en)):
        ids = sorted(ids, key=_hash)
        have = sum(name.startswith(lang + "-") for name in kept)
        for b in range(min(SECTION_BATCHES - have, -(-len(ids) // SECTION_BATCH))):
            plan["batches"][f"{lang}-{have + b + 1:02d}"] = _batch(ids[b * SECTION_BATCH:(b + 1) * SECTION_BATCH])
    return plan


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--show", help="print one batch's articles (e.g. de-03, sde-01)")
    ap.add_argument("--sections", action="store_true", help="write the sections plan (session 13) instead")
    args = ap.parse_args()
    if args.show:
        plan = SECTIONS_PLAN if args.show.startswith("s") else PLAN
        for a in json.loads(plan.read_text())["batches"][args.show]:
            print(a["art"], a["split"])
        return
    if args.sections:
        SECTIONS_PLAN.parent.mkdir(parents=True, exist_ok=True)
        SECTIONS_PLAN.write_text(json.dumps(build_sections(), indent=1) + "\n", encoding="utf-8")
        print(f"wrote {SECTIONS_PLAN}")
        return
    PLAN.parent.mkdir(parents=True, exist_ok=True)
    PLAN.write_text(json.dumps(build(), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {PLAN}")


if __name__ == "__main__":
    main()
