#!/usr/bin/env python3
"""Learn which verbs need an object (``[verbs] transitive`` in
``graphbuilder/data/labels/{de,en}.toml``) from the Universal Dependencies treebanks in
``../shared/train/ud`` (English EWT train+dev+test, CC BY-SA 4.0; German GSD dev+test and PUD,
CC BY-SA 3.0/4.0 — training data, no held-out set).

For every active VERB token (no ``aux:pass``/``nsubj:pass`` dependent) the lemma (German: with
its separable particle, ``compound:prt``) counts as used *with an object* when it has an ``obj``
or ``iobj`` dependent or a reflexive one (``expl:pv``: "sich präsentieren"). A lemma seen at
least ``--min-count`` times and with an object in at least ``--min-share`` of them is
transitive: a label that shows it without an object says too little ("Firma präsentiert sich",
"authorities arrest"); other verbs may stand alone ("Arbeitslosigkeit steigt", "talks
resume"). Deterministic.

    PYTHONPATH=. python scripts/build_valency.py [--shared ../shared] [--write]
"""
from __future__ import annotations

import argparse
import collections
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FILES = {"en": ["en-ewt/en_ewt-ud-train.conllu", "en-ewt/en_ewt-ud-dev.conllu", "en-ewt/en_ewt-ud-test.conllu"],
         "de": ["de-gsd/de_gsd-ud-dev.conllu", "de-gsd/de_gsd-ud-test.conllu", "de-pud/de_pud-ud-test.conllu"]}
OBJECTS = {"obj", "iobj", "expl:pv"}


def sentences(path: Path):
    rows: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if rows:
                yield rows
            rows = []
        elif not line.startswith("#"):
            cols = line.split("\t")
            if len(cols) >= 8 and cols[0].isdigit():
                rows.append(cols)


def counts(shared: Path, lang: str) -> dict[str, list[int]]:
    """lemma -> [active uses, uses with an object]."""
    out: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    for name in FILES[lang]:
        for rows in sentences(shared / "train" / "ud" / name):
            deps: dict[str, list[tuple[str, str]]] = collections.defaultdict(list)
            for cols in rows:
                deps[cols[6]].append((cols[7], cols[1].lower()))
            for cols in rows:
                if cols[3] != "VERB":
                    continue
                rels = deps.get(cols[0], [])
                kinds = {r.split(":")[0] if r not in ("aux:pass", "nsubj:pass", "expl:pv", "compound:prt") else r
                         for r, _ in rels}
                if kinds & {"aux:pass", "nsubj:pass"}:
                    continue
                lemma = cols[2].lower()
                prt = next((w for r, w in rels if r == "compound:prt"), "")
                if lang == "de" and prt and not lemma.startswith(prt):
                    lemma = prt + lemma
                if not re.fullmatch(r"[a-zäöüß]+", lemma):
                    continue
                out[lemma][0] += 1
                out[lemma][1] += bool(kinds & OBJECTS)
    return out


def transitive(c: dict[str, list[int]], min_count: int, min_share: float) -> list[str]:
    return sorted(lem for lem, (n, k) in c.items() if n >= min_count and k >= min_share * n)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--min-share", type=float, default=0.6)
    ap.add_argument("--write", action="store_true", help="write the lists into data/labels/{de,en}.toml")
    args = ap.parse_args()
    for lang in ("de", "en"):
        words = transitive(counts(args.shared, lang), args.min_count, args.min_share)
        print(f"{lang}: {len(words)} transitive verbs")
        if args.write:
            path = REPO / "graphbuilder" / "data" / "labels" / f"{lang}.toml"
            text = path.read_text(encoding="utf-8")
            line = "transitive = [" + ", ".join(f'"{w}"' for w in words) + "]"
            text, n = re.subn(r"(?m)^transitive = \[.*\]$", line.replace("\\", "\\\\"), text)
            if n != 1:
                raise SystemExit(f"{path}: no single 'transitive = [...]' line under [verbs] to replace")
            path.write_text(text, encoding="utf-8")
        else:
            print("  " + " ".join(words))


if __name__ == "__main__":
    main()
