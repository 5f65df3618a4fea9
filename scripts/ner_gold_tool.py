"""Prepare, compile and compare the project's own German name annotations (PER/LOC/ORG/OTH).

The texts stay in ``../shared`` (CC BY-SA sentences of UD German GSD, UD German PUD and WikiANN
German); the repository keeps only token-index spans (``tests/gold/ner/de/<batch>.jsonl``) with a
checksum of the tokens, read back by :mod:`graphbuilder.extract.ner.project_gold` (whose source
readers this tool uses).

    python scripts/ner_gold_tool.py prepare OUT_DIR [--only wikidev,wikitest]  # batch files to annotate (outside the repo)
    python scripts/ner_gold_tool.py compile BATCH.txt ANN.txt OUT.jsonl
    python scripts/ner_gold_tool.py agree A.jsonl B.jsonl    # span F1 between two annotators

Annotation lines (one per sentence, the guideline is ``tests/gold/ner/README.md``)::

    s017<TAB>PER: Erika Mustermann | LOC: Köln | ORG: Stadtwerke Köln #2
    s018<TAB>-

``#2`` picks the second occurrence of the same token sequence in the sentence.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

from graphbuilder.extract.ner.project_gold import (  # noqa: F401  (the readers live in the package)
    SOURCES, conllu_sentences, tokens_sha, wikiann_sentences)

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
LABELS = {f"{b}{s}" for b in ("PER", "LOC", "ORG", "OTH") for s in ("", "deriv", "part")}
BATCH_SIZE = 200


def source_sentences(name: str, shared: Path = SHARED) -> list[tuple[str, list[str]]]:
    rel, reader = SOURCES[name]
    sents = reader(shared / rel)
    if name.startswith("wiki"):  # long, sentence-like lines only, a fixed hash sample
        sents = [s for s in sents if len(s[1]) >= 10 and s[1][-1] in {".", "!", "?"}]
        sents.sort(key=lambda s: hashlib.sha256(s[0].encode()).hexdigest())
        sents = sents[:7400]
    return sents


def prepare(out_dir: Path, only: set[str] | None = None) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    queues = {}
    for name in SOURCES:
        if only and name not in only:
            continue
        sents = source_sentences(name)
        queues[name] = [sents[i:i + BATCH_SIZE] for i in range(0, len(sents), BATCH_SIZE)]
    order: list[str] = []
    i = 0
    while any(i < len(q) for q in queues.values()):
        for name, q in queues.items():
            if i < len(q):
                batch = f"{name}-{i + 1:02d}"
                order.append(batch)
                lines = [f"# batch {batch} source {SOURCES[name][0]}"]
                for j, (sid, toks) in enumerate(q[i]):
                    lines.append(f"s{j + 1:03d}\t{sid}\t{' '.join(toks)}")
                (out_dir / f"{batch}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        i += 1
    (out_dir / "ORDER").write_text("\n".join(order) + "\n", encoding="utf-8")
    print(f"{len(order)} batches in {out_dir}")


def read_batch(path: Path) -> tuple[str, list[tuple[str, str, list[str]]]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    source = lines[0].split(" source ")[1].strip()
    rows = []
    for line in lines[1:]:
        if line.strip():
            key, sid, text = line.split("\t", 2)
            rows.append((key, sid, text.split(" ")))
    return source, rows


ITEM = re.compile(r"^\s*([A-Za-z]+)\s*:\s*(.+?)\s*(?:#(\d+))?\s*$")


def find(tokens: list[str], words: list[str], nth: int) -> int | None:
    hits = [i for i in range(len(tokens) - len(words) + 1) if tokens[i:i + len(words)] == words]
    return hits[nth - 1] if len(hits) >= nth else None


def compile_batch(batch: Path, ann: Path, out: Path) -> int:
    """Write the JSONL gold of one batch; print and count problems (nothing written if any)."""
    source, rows = read_batch(batch)
    marks: dict[str, str] = {}
    for line in ann.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, rest = line.partition("\t")
            marks[key.strip()] = rest.strip()
    problems, records = 0, []
    for key, sid, toks in rows:
        if key not in marks:
            print(f"{ann}: {key}: no annotation line", file=sys.stderr)
            problems += 1
            continue
        spans: list[list[object]] = []
        body = marks[key]
        for item in ([] if body in {"-", ""} else body.split("|")):
            m = ITEM.match(item)
            if not m or m.group(1) not in LABELS:
                print(f"{ann}: {key}: cannot read {item!r}", file=sys.stderr)
                problems += 1
                continue
            words = m.group(2).split()
            start = find(toks, words, int(m.group(3) or 1))
            if start is None:
                print(f"{ann}: {key}: {m.group(2)!r} is not a token sequence of the sentence",
                      file=sys.stderr)
                problems += 1
                continue
            span = [start, start + len(words), m.group(1)]
            if any(not (span[1] <= s[0] or span[0] >= s[1]) for s in spans):  # type: ignore[operator]
                print(f"{ann}: {key}: {m.group(2)!r} overlaps another name", file=sys.stderr)
                problems += 1
                continue
            spans.append(span)
        records.append({"source": source, "sent_id": sid, "n_tokens": len(toks),
                        "tokens_sha1": tokens_sha(toks),
                        "entities": sorted(spans, key=lambda s: s[0])})  # type: ignore[arg-type,return-value]
    if problems:
        return problems
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    print(f"{out}: {len(records)} sentences, {sum(len(r['entities']) for r in records)} names")
    return 0


def agree(a: Path, b: Path) -> None:
    def load(p: Path) -> dict[str, set[tuple[int, int, str]]]:
        out = {}
        for line in p.read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            out[r["sent_id"]] = {(s[0], s[1], s[2]) for s in r["entities"]}
        return out
    ga, gb = load(a), load(b)
    keys = ga.keys() & gb.keys()
    for name, keep in (("PER/LOC/ORG (scored)", {"PER", "LOC", "ORG"}), ("all labels", LABELS),
                       ("spans, any label", None)):
        tp = fa = fb = 0
        for k in keys:
            sa = {s if keep else s[:2] for s in ga[k] if keep is None or s[2] in keep}
            sb = {s if keep else s[:2] for s in gb[k] if keep is None or s[2] in keep}
            tp += len(sa & sb)
            fa += len(sa - sb)
            fb += len(sb - sa)
        f1 = 2 * tp / (2 * tp + fa + fb) if tp else 0.0
        print(f"{name}: {len(keys)} sentences, F1 {f1:.3f} (both {tp}, only A {fa}, only B {fb})")


def main(argv: list[str]) -> int:
    if argv[:1] == ["prepare"] and len(argv) in (2, 4) and (len(argv) == 2 or argv[2] == "--only"):
        prepare(Path(argv[1]), set(argv[3].split(",")) if len(argv) == 4 else None)
        return 0
    if argv[:1] == ["compile"] and len(argv) == 4:
        return 1 if compile_batch(Path(argv[1]), Path(argv[2]), Path(argv[3])) else 0
    if argv[:1] == ["agree"] and len(argv) == 3:
        agree(Path(argv[1]), Path(argv[2]))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
