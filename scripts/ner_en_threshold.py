"""English name recall/precision balance by a confidence threshold (experiment, not product
code): besides the CRF's best labelling, tokens the CRF gives a PER/LOC/ORG label with probability
>= T (summed marginals) that no name covers become names (runs of such tokens; the label with the
highest summed marginal). Prints the figures of ``scripts/eval_names_en.py`` for each T.

    python scripts/ner_en_threshold.py 0.5 0.3 0.2
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from graphbuilder.extract.ner import model as M  # noqa: E402
from graphbuilder.extract.ner.features import tokenize  # noqa: E402
from graphbuilder.registry import register  # noqa: E402

T = 1.0


@register("entities", "crf-threshold")
class ThresholdCrf(M.CrfEntityExtractor):
    def spans(self, text, lang, sentences, doc, chosen):  # type: ignore[no-untyped-def]
        out, fallback = super().spans(text, lang, sentences, doc, chosen)
        crf = self._tagger(lang)
        covered = bytearray(len(text) + 1)
        for s, e, _l, _c in out:
            covered[s:e] = b"\x01" * (e - s)
        extra = []
        # re-tag each sentence to read its marginals (the parent keeps no state)
        from graphbuilder.extract.ner.features import doc_labels, doc_signals, sentence_features
        import bisect
        all_tokens = tokenize(text)
        starts = [t[0] for t in all_tokens]
        gaz, rules, names = doc_signals(doc, chosen, all_tokens)
        doc_lab = doc_labels(text, chosen) if lang in M.DOC_FEATURES else None
        for a, b in M.sentence_ranges(text, sentences):
            lo = bisect.bisect_left(starts, a)
            hi = bisect.bisect_left(starts, b, lo)
            toks = all_tokens[lo:hi]
            if not toks:
                continue
            crf.set(sentence_features(text, toks, lang, gaz[lo:hi], rules[lo:hi], names[lo:hi], doc_lab))
            run: list[int] = []

            def name_p(k: int) -> float:
                return sum(crf.marginal(p + lab, k) for lab in M.LABELS for p in ("B-", "I-"))

            for k in range(len(toks) + 1):
                ok = k < len(toks) and not covered[toks[k][0]] and name_p(k) >= T \
                    and text[toks[k][0]].isupper() if k < len(toks) else False
                if ok:
                    run.append(k)
                    continue
                if run:
                    score = {lab: sum(crf.marginal(p + lab, i) for i in run for p in ("B-", "I-"))
                             for lab in M.LABELS}
                    lab = max(sorted(score), key=score.get)
                    conf = min(name_p(i) for i in run)
                    extra.append((toks[run[0]][0], toks[run[-1]][1], lab, conf))
                    run = []
        return out + extra, fallback


if __name__ == "__main__":
    import os

    import eval_names_en

    os.environ["GRAPHBUILDER_NER"] = "crf-threshold"
    thresholds = [float(x) for x in sys.argv[1:]]
    sys.argv = sys.argv[:1]
    for t in thresholds:
        T = t
        print(f"threshold {t}")
        eval_names_en.main()
