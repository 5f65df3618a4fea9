"""Build the word clusters the name recogniser uses as features (developers only; CI never runs it).

Reads unlabelled text whose licence allows shipping what is derived from it (the tokens of the
corpora below, never their labels), learns word vectors (gensim word2vec, one worker, fixed
seed and hash: deterministic) and groups them by k-means at several granularities. Writes
``graphbuilder/data/clusters/clusters-LANG.tsv.gz`` (``word<TAB>c1<TAB>c2<TAB>…`` per word type),
shipped as a separate file under CC BY-SA 4.0 with attribution (``clusters/README.md``).
Never add 10kGNAD, CoNLL/Reuters, GermEval or any held-out set here.

    pip install gensim   # build-time only
    python scripts/build_word_clusters.py --lang de [--shared ../shared]

The name recogniser's own, larger table (``clusters-de-ner.tsv.gz``) adds running text listed in
a source table (``scripts/cluster_sources_de.tsv``: name, file under ``--text-root``, percent
kept, licence, origin repository@commit), exported beforehand by
``scripts/export_cluster_text.py`` to a folder outside the repository:

    PYTHONHASHSEED=0 python scripts/build_word_clusters.py --lang de \
        --sources scripts/cluster_sources_de.tsv --text-root /root/gb-text \
        --min-count 5 --epochs 5 --out graphbuilder/data/clusters/clusters-de-ner.tsv.gz
"""

from __future__ import annotations

import argparse
import gzip
import os
import zlib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT_DIR = REPO / "graphbuilder" / "data" / "clusters"
KS = (64, 256, 1024)
SEED = 7

# language -> (path under shared/train, reader): CC BY-SA / CC BY / CC0 text only
SOURCES = {
    "de": [("ner/de/wikiann-de.train", "wikiann"), ("ner/de/wikiann-de.dev", "wikiann"),
           ("ner/de/wikiann-de.test", "wikiann"),
           ("ud/de-gsd/de_gsd-ud-dev.conllu", "conllu"), ("ud/de-gsd/de_gsd-ud-test.conllu", "conllu"),
           ("ud/de-pud/de_pud-ud-test.conllu", "conllu"),
           ("ner/de/europeana-de-lft.bio", "columns"), ("ner/de/europeana-de-onb.bio", "columns"),
           ("ner/de/europeana-de-sbb.bio", "columns"),
           ("ner/de/legal-ner-de.part1.conll", "columns"), ("ner/de/legal-ner-de.part2.conll", "columns")],
    "en": [("ner/en/wikiann-en.train", "wikiann"), ("ner/en/wikiann-en.dev", "wikiann"),
           ("ner/en/wikiann-en.test", "wikiann"), ("ud/en-ewt/en_ewt-ud-train.conllu", "conllu"),
           ("ud/en-ewt/en_ewt-ud-dev.conllu", "conllu"), ("ud/en-ewt/en_ewt-ud-test.conllu", "conllu")],
}


def sentences(path: Path, kind: str) -> list[list[str]]:
    """Token lists of a corpus file (labels and annotations ignored)."""
    out: list[list[str]] = []
    toks: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if toks:
                out.append(toks)
            toks = []
            continue
        if kind == "conllu":
            cols = line.split("\t")
            if line.startswith("#") or len(cols) < 2 or not cols[0].isdigit():
                continue
            toks.append(cols[1])
        elif kind == "wikiann":
            tok = line.split("\t")[0]
            toks.append(tok.split(":", 1)[1] if ":" in tok[:4] else tok)
        else:
            cols = line.split()
            if cols:
                toks.append(cols[0])
                if len(toks) >= 60 or cols[0] in {".", "!", "?"}:  # Europeana has no breaks
                    out.append(toks)
                    toks = []
    if toks:
        out.append(toks)
    return out


def text_sentences(path: Path, percent: int, seen: set[int]) -> list[list[str]]:
    """Sentences of a plain-text file (one paragraph a line), tokenized like the recogniser at run
    time; a fixed crc32 sample of ``percent`` % of the paragraphs, each distinct paragraph once
    (``seen`` is shared across sources)."""
    import sys

    sys.path.insert(0, str(REPO))
    from graphbuilder.extract.ner.features import TOKEN_RE

    out: list[list[str]] = []
    intern = sys.intern
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            para = line.strip()
            h = _hash(para)
            if not para or h % 100 >= percent or h in seen:
                continue
            seen.add(h)
            toks: list[str] = []
            for m in TOKEN_RE.finditer(para):
                toks.append(intern(m.group()))
                if m.group() in {".", "!", "?"} and len(toks) > 1:
                    out.append(toks)
                    toks = []
            if toks:
                out.append(toks)
    return out


def read_sources(table: Path) -> list[tuple[str, str, int, str, str]]:
    """Rows of a source table: name, file, percent kept, licence, origin (``#`` lines skipped)."""
    rows = []
    for line in table.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, rel, pct, licence, origin = line.split("\t")[:5]
            rows.append((name, rel, int(pct), licence, origin))
    return rows


def _hash(text: str) -> int:
    return zlib.crc32(text.encode("utf-8"))


def kmeans(vectors, k: int, iterations: int = 25):  # type: ignore[no-untyped-def]
    """Spherical k-means, deterministic (first centres: every n/k-th vector by frequency rank)."""
    import numpy as np

    x = vectors / np.linalg.norm(vectors, axis=1, keepdims=True).clip(1e-9)
    centres = x[np.linspace(0, len(x) - 1, k).astype(int)].copy()
    assign = np.zeros(len(x), dtype=int)
    step = 50_000  # in blocks: the same result, less memory for a large vocabulary
    for _ in range(iterations):
        assign = np.concatenate([np.argmax(x[i:i + step] @ centres.T, axis=1)
                                 for i in range(0, len(x), step)])
        for c in range(k):
            members = x[assign == c]
            if len(members):
                m = members.sum(axis=0)
                centres[c] = m / max(np.linalg.norm(m), 1e-9)
    return assign


def build(lang: str, shared: Path, min_count: int = 3, sources: Path | None = None,
          text_root: Path | None = None, epochs: int = 10, out: Path | None = None) -> Path:
    import time

    from gensim.models import Word2Vec

    t0 = time.time()
    corpus: list[list[str]] = []
    for rel, kind in SOURCES[lang]:
        corpus.extend(sentences(shared / "train" / rel, kind))
    print(f"{lang}: {len(corpus)} sentences, {sum(map(len, corpus))} tokens (shared/train)", flush=True)
    seen: set[int] = set()
    for name, rel, pct, licence, origin in read_sources(sources) if sources else []:
        if text_root is None:
            raise SystemExit("--sources needs --text-root (the folder the texts were exported to)")
        path = text_root / rel
        if not path.exists():
            raise SystemExit(f"{path}: missing; export it with scripts/export_cluster_text.py ({origin})")
        part = text_sentences(path, pct, seen)
        corpus.extend(part)
        print(f"  + {name} ({pct} %, {licence}, {origin}): {len(part)} sentences, "
              f"{sum(map(len, part))} tokens", flush=True)
    print(f"{lang}: {len(corpus)} sentences, {sum(map(len, corpus))} tokens "
          f"{time.time() - t0:.0f}s", flush=True)
    model = Word2Vec(corpus, vector_size=100, window=5, min_count=min_count, workers=1, sg=1,
                     negative=10, epochs=epochs, seed=SEED, hashfxn=_hash, sorted_vocab=1)
    print(f"word2vec {time.time() - t0:.0f}s", flush=True)
    words = list(model.wv.index_to_key)
    vecs = model.wv.vectors
    cols = [kmeans(vecs, k) for k in KS]
    print(f"k-means {time.time() - t0:.0f}s", flush=True)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    out = out or OUT_DIR / f"clusters-{lang}.tsv.gz"
    lines = [f"# word clusters ({lang}), k = {', '.join(map(str, KS))}; see README.md (CC BY-SA 4.0)"]
    lines += ["\t".join([w, *(str(int(c[i])) for c in cols)]) for i, w in enumerate(words)]
    with gzip.GzipFile(out, "wb", mtime=0) as fh:
        fh.write(("\n".join(lines) + "\n").encode("utf-8"))
    print(f"wrote {out}: {len(words)} words ({out.stat().st_size / 1e6:.2f} MB)")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lang", choices=sorted(SOURCES), required=True)
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--sources", type=Path, help="table of extra running text (see the docstring)")
    ap.add_argument("--text-root", type=Path, help="folder holding the exported texts of --sources")
    ap.add_argument("--out", type=Path, help="output file (default: clusters-LANG.tsv.gz)")
    args = ap.parse_args()
    if os.environ.get("PYTHONHASHSEED") is None and args.sources:
        raise SystemExit("set PYTHONHASHSEED=0 (deterministic build)")
    if args.sources:  # a long build: show word2vec's progress
        import logging

        logging.basicConfig(format="%(asctime)s %(message)s", level=logging.INFO)
    build(args.lang, args.shared, args.min_count, args.sources, args.text_root, args.epochs, args.out)


if __name__ == "__main__":
    main()
