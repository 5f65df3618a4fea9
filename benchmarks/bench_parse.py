"""Speed and accuracy of the English dependency parser on UD English EWT dev.

Prints the model load time, tagging and parsing speed (sentences/s of CPU time, single process)
and dev UAS/LAS with UPOS from the shipped tagger (punctuation included). ``--reference`` also
parses every sentence with the feature-string reference scorer (``depparse.reference``, what
the integer-id tables must equal), with the shipped tagger's UPOS and with gold UPOS, and prints
its speed and how many parses differ (0 expected). Reads the treebank from
``../shared/train/ud/en-ewt`` (read-only). Usage:

    python benchmarks/bench_parse.py [--shared ../shared] [--limit N] [--reference] [--json]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from graphbuilder.extract import depparse
from graphbuilder.extract.linguistic import tag_words


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--reference", action="store_true",
                    help="also parse with the feature-string reference and count differing parses")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    dev = depparse.read_trees(Path(args.shared) / "train" / depparse.TREEBANK[1])[: args.limit]
    t0 = time.perf_counter()
    parser = depparse.load("en")
    load_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    tags = [tag_words(words, "en") for words, *_ in dev]
    tag_s = time.perf_counter() - t0
    t0 = time.process_time()
    parses = [parser.parse(words, tg) for (words, *_), tg in zip(dev, tags)]
    parse_s = time.process_time() - t0
    uas, las = depparse.evaluate(parser, dev, tags)
    out = {"sentences": len(dev), "words": sum(len(d[0]) for d in dev), "load_s": round(load_s, 2),
           "tag_sentences_per_s": round(len(dev) / tag_s), "parse_sentences_per_s": round(len(dev) / parse_s),
           "uas": round(uas, 4), "las": round(las, 4)}
    if args.reference:
        ref = depparse.reference(parser.path)
        t0 = time.process_time()
        differ = sum(ref.parse(words, tg) != p for (words, *_), tg, p in zip(dev, tags, parses))
        out["reference_parse_sentences_per_s"] = round(len(dev) / (time.process_time() - t0))
        differ += sum(ref.parse(words, list(gold)) != parser.parse(words, list(gold)) for words, gold, *_ in dev)
        out["parses_differing_from_reference"] = differ
    print(json.dumps(out) if args.json else "\n".join(f"{k}: {v}" for k, v in out.items()))


if __name__ == "__main__":
    main()
