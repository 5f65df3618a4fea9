#!/usr/bin/env python3
"""Learn the German institution heads (``graphbuilder/data/lexicon/org-heads-de.tsv``) from the
name recogniser's training corpora: for every capitalised common noun of the corpora (a noun of the
CC0 noun lexicon, or a compound ending in one, a hyphen compound included: "EU-Kommission"), its
head is the longest proper tail that is a noun ("Innenministerium" -> "ministerium"; a noun with no
such tail is its own head, "Polizei"); the table counts how often a token with that head lies inside
an ORG name. Heads seen at least ``--min-count`` times are written with their counts and the
decision ``keep`` (share >= ``--threshold`` of the tokens that are an ORG name by themselves or its
head word, :func:`names_body`): :mod:`graphbuilder.extract.ner.bodies` makes a
token whose head is kept an organisation ("body") mention.

Corpora (training data only; no held-out set): GermEval 2014 dev (CC BY 4.0), German Legal Entity
Recognition (Leitner et al., CC BY 4.0; INN/GRT/UN/ORG -> ORG), the project's own annotations'
**train** split (``tests/gold/ner/de``, CC BY-SA). Deterministic.

    PYTHONPATH=. python scripts/build_org_heads.py [--shared ../shared] [--threshold 0.5] [--min-count 4]
"""
from __future__ import annotations

import argparse
import collections
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def names_body(toks: list[str], tags: list[str], i: int) -> bool:
    """Whether token ``i`` is an ORG name by itself or its head word: the name starts at it
    and is the token alone or goes on with a lowercase word ("Bundesministerium für Justiz"),
    not a word inside a longer name ("Süddeutsche Zeitung", "Universität Hamburg")."""
    if tags[i] != "B-ORG":
        return False
    return i + 1 == len(toks) or tags[i + 1] != "I-ORG" or not toks[i + 1][:1].isupper()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--min-count", type=int, default=4)
    ap.add_argument("--output", type=Path, default=REPO / "graphbuilder" / "data" / "lexicon" / "org-heads-de.tsv")
    args = ap.parse_args()

    from graphbuilder.extract.ner.bodies import german_head
    from graphbuilder.extract.ner.project_gold import read_project_gold
    from graphbuilder.extract.ner.train import LEGAL_MAP, read_columns, read_germeval_tagged

    shared = args.shared
    corpora = {
        "germeval-dev": read_germeval_tagged(shared / "eval" / "germeval2014-dev" / "NER-de-dev.tsv"),
        "legal-ner-de": [s for part in (1, 2) for s in
                         read_columns(shared / "train" / "ner" / "de" / f"legal-ner-de.part{part}.conll", LEGAL_MAP)],
        "project-train": [g for g in read_project_gold(shared=shared) if g.split == "train"],
    }
    n: collections.Counter[str] = collections.Counter()
    org: collections.Counter[str] = collections.Counter()
    for sents in corpora.values():
        for s in sents:
            toks, tags = s.tokens, s.tags
            for i, (tok, tag) in enumerate(zip(toks, tags)):
                head = german_head(tok)
                if head:
                    n[head] += 1
                    org[head] += names_body(toks, tags, i)
    rows = sorted((h for h in n if n[h] >= args.min_count), key=lambda h: (-org[h] / n[h], -n[h], h))
    sizes = ", ".join(f"{k} {len(v)}" for k, v in corpora.items())
    lines = [f"# German institution heads: head, tokens, of them in an ORG name, keep (share >= {args.threshold})",
             f"# learned by scripts/build_org_heads.py --threshold {args.threshold} --min-count {args.min_count}",
             f"# from sentences: {sizes}; licence CC BY-SA 4.0 (see README.md)"]
    lines += [f"{h}\t{n[h]}\t{org[h]}\t{int(org[h] / n[h] >= args.threshold)}" for h in rows]
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    kept = sum(org[h] / n[h] >= args.threshold for h in rows)
    print(f"{args.output}: {len(rows)} heads, {kept} kept")


if __name__ == "__main__":
    main()
