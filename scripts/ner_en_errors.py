#!/usr/bin/env python3
"""Error table of the English name recogniser on the TUNE half of MEANTIME dev (never the blind
half): every gold named mention (``syntactic_type="NAM"``, all entity types; only PER/ORG/LOC
are scored) by type and by cause.

Causes, first that applies: ``hit`` (exact span and label), ``label`` (same span, other
label), ``boundary`` (overlapping mention of the same label; sub-cause: gold has an article,
a title/role word, a parenthesis or comma (apposition), ours is longer / shorter),
``boundary+label``, and for names nothing overlaps: ``rules-dropped`` (the rules found it, the
CRF's confidence in their labelling was under the fallback threshold), ``crf-weak`` (the CRF's
marginal gives some token of the span a name label with probability >= 0.1) or ``unseen``.
Flags of a miss: ``headline`` (sentence 0), ``initial`` (first word of its sentence or after
an opening quote), ``lower`` (starts lowercase).

Usage: ``PYTHONPATH=. python scripts/ner_en_errors.py [--shared ../shared] [--list]``.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_names_en import half  # noqa: E402

LABELS = ("PER", "ORG", "LOC")
TYPES = ("PER", "ORG", "LOC", "PRO", "FIN", "MIX")
OPENERS = set("\"“‘'(")


def analyse(shared: Path, show: bool) -> None:
    from graphbuilder.evaluation.meantime import meantime_files, read_meantime
    from graphbuilder.extract.ner.features import tokenize
    from graphbuilder.extract.ner.model import CrfEntityExtractor
    from graphbuilder import packs
    from graphbuilder.sentences import split_sentences

    ex = CrfEntityExtractor()
    table: Counter[tuple[str, str]] = Counter()
    flags: Counter[tuple[str, str]] = Counter()
    lines = []
    for path in meantime_files(shared / "eval" / "meantime-en-dev"):
        if half(path.name) != "tune":
            continue
        doc = read_meantime(path)
        text = doc.text
        sents = split_sentences(text)
        mentions, _ = ex.extract(text, "en", sents)
        preds = [m for m in mentions if not m.derived and m.label in LABELS]
        lang = packs.entity_profile("en")
        d, chosen = ex.rules.choose(text, lang, sents)
        _spans, fallback = ex.spans(text, lang, sents, d, chosen)
        weak = {(c.start, c.end) for c, conf in fallback if conf < ex.fallback}
        # token marginals of the CRF
        crf = ex._tagger("en")
        name_prob: dict[int, float] = {}
        for s in sents:
            toks = tokenize(text, s.start, s.end)
            if not toks:
                continue
            from graphbuilder.extract.ner.features import doc_labels, doc_signals, sentence_features
            all_t = tokenize(text)
            starts = [t[0] for t in all_t]
            import bisect
            lo = bisect.bisect_left(starts, toks[0][0])
            hi = lo + len(toks)
            gaz, rul, nam = doc_signals(d, chosen, all_t)
            feats = sentence_features(text, toks, lang, gaz[lo:hi], rul[lo:hi], nam[lo:hi],
                                      doc_labels(text, chosen))
            crf.set(feats)
            for k, (a, _b) in enumerate(toks):
                name_prob[a] = 1.0 - crf.marginal("O", k)
        for g in doc.mentions:
            if g.syntactic_type != "NAM":
                continue
            same = [p for p in preds if (p.start, p.end) == (g.start, g.end)]
            over = [p for p in preds if p.start < g.end and g.start < p.end]
            gtext = g.text
            if any(p.label == g.label for p in same):
                cause = "hit"
            elif same:
                cause = "label"
            elif any(p.label == g.label for p in over):
                p = next(p for p in over if p.label == g.label)
                low = gtext.lower()
                if low.startswith("the "):
                    cause = "boundary:article"
                elif "(" in gtext or "," in gtext:
                    cause = "boundary:apposition"
                elif p.start <= g.start and p.end >= g.end:
                    cause = "boundary:ours-longer"
                elif p.start >= g.start and p.end <= g.end:
                    cause = "boundary:ours-shorter"
                else:
                    cause = "boundary:crossing"
            elif over:
                cause = "boundary+label"
            elif (g.start, g.end) in weak or any(c.start == g.start and c.end == g.end
                                                  for c, _ in fallback):
                cause = "rules-dropped"
            elif max((v for a, v in name_prob.items() if g.start <= a < g.end), default=0) >= 0.1:
                cause = "crf-weak"
            else:
                cause = "unseen"
            table[(g.label, cause)] += 1
            if cause != "hit":
                sent_start = next((a for a, b in doc.sentences if a <= g.start < b), 0)
                before = text[sent_start:g.start].strip()
                fl = []
                if g.sentence == 0:
                    fl.append("headline")
                if not before or before[-1] in OPENERS:
                    fl.append("initial")
                if not gtext[:1].isupper():
                    fl.append("lower")
                for f in fl:
                    flags[(g.label, f)] += 1
                got = "; ".join(f"{p.label} {p.text!r}" for p in over) or "-"
                lines.append(f"{g.label}\t{cause}\t{','.join(fl) or '-'}\t{gtext!r}\tours: {got}")
    causes = sorted({c for _t, c in table}, key=lambda c: (c != "hit", c))
    print("| cause | " + " | ".join(TYPES) + " | all |")
    print("|---" * (len(TYPES) + 2) + "|")
    for c in causes:
        row = [table[(t, c)] for t in TYPES]
        print(f"| {c} | " + " | ".join(str(x) for x in row) + f" | {sum(row)} |")
    tot = [sum(v for (t, _c), v in table.items() if t == ty) for ty in TYPES]
    print("| gold named | " + " | ".join(str(x) for x in tot) + f" | {sum(tot)} |")
    for f in ("headline", "initial", "lower"):
        row = [flags[(t, f)] for t in TYPES]
        print(f"| misses flagged {f} | " + " | ".join(str(x) for x in row) + f" | {sum(row)} |")
    if show:
        print("\n".join(lines))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=Path("..") / "shared")
    ap.add_argument("--list", action="store_true", help="list every miss of the tune half")
    args = ap.parse_args()
    analyse(args.shared, args.list)


if __name__ == "__main__":
    main()
