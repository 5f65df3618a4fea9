"""Build the compact lemma -> lexicographer classes tables the event trigger tagger reads.

    python scripts/build_wordnet_lexicon.py --oewn /path/to/english-wordnet   # a checkout of globalwordnet/english-wordnet

Reads the YAML sources of Open English WordNet (``src/yaml/entries-*.yaml`` for lemma -> senses,
``src/yaml/{verb,noun}.*.yaml`` for the lexicographer file of each synset; a git checkout or a
bare mirror, read with ``git show``) and writes ``graphbuilder/data/lexicon/wordnet-en.tsv.gz``:
one line per single-word verb or noun lemma (lowercase), ``lemma<TAB>classes`` where classes are
``v.motion``/``n.act``… in the order of the lemma's senses (the first one is the most frequent
sense's class), without repeats. Deterministic: sorted lemmas, gzip without timestamp.

German (OdeNet, linked to English synsets by ILI) is not built: its XML was not available in the
snapshot this was written from (see graphbuilder/data/lexicon/README.md).
"""

from __future__ import annotations

import argparse
import gzip
import io
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "graphbuilder" / "data" / "lexicon"
_KEY = re.compile(r"^(\S.*):\s*$")
_POS = re.compile(r"^  ([a-z]):\s*$")
_SYN = re.compile(r"^\s+synset:\s*(\S+)\s*$")
_SYNSET_KEY = re.compile(r"^(\d{8}-[a-z]):\s*$")


def _files(repo: Path) -> dict[str, str]:
    """Path -> text of the YAML sources (work tree if present, else ``git show HEAD:``)."""
    src = repo / "src" / "yaml"
    if src.is_dir():
        return {f"src/yaml/{p.name}": p.read_text(encoding="utf-8") for p in sorted(src.glob("*.yaml"))}
    names = subprocess.run(["git", "-C", str(repo), "ls-tree", "--name-only", "HEAD", "src/yaml/"],
                           check=True, capture_output=True, text=True).stdout.split()
    return {n: subprocess.run(["git", "-C", str(repo), "show", f"HEAD:{n}"], check=True, capture_output=True,
                              text=True).stdout for n in sorted(names) if n.endswith(".yaml")}


def build_en(repo: Path) -> dict[str, list[str]]:
    files = _files(repo)
    lexfile: dict[str, str] = {}
    for name, text in files.items():
        base = name.rsplit("/", 1)[1][:-5]
        if base.startswith(("verb.", "noun.")):
            short = base[0] + "." + base.split(".", 1)[1]
            for line in text.splitlines():
                m = _SYNSET_KEY.match(line)
                if m:
                    lexfile[m.group(1)] = short
    table: dict[str, list[str]] = {}
    for name, text in files.items():
        if not name.rsplit("/", 1)[1].startswith("entries-"):
            continue
        lem = pos = None
        for line in text.splitlines():
            m = _KEY.match(line)
            if m:
                lem = m.group(1).strip("'\"").replace("''", "'")
                pos = None
                continue
            m = _POS.match(line)
            if m:
                pos = m.group(1)
                continue
            m = _SYN.match(line)
            if m and lem and pos in ("v", "n") and " " not in lem and not lem[:1].isupper():
                cls = lexfile.get(m.group(1).strip("'\""))
                if cls:
                    row = table.setdefault(lem.lower(), [])
                    if cls not in row:
                        row.append(cls)
    return table


def write(table: dict[str, list[str]], path: Path) -> Path:
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, filename="") as gz:
        for lem in sorted(table):
            gz.write(f"{lem}\t{','.join(table[lem])}\n".encode())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buf.getvalue())
    return path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--oewn", type=Path, required=True, help="checkout (or bare mirror) of globalwordnet/english-wordnet")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    table = build_en(args.oewn)
    path = write(table, args.out / "wordnet-en.tsv.gz")
    print(f"wrote {path}: {len(table)} lemmas, {path.stat().st_size / 1e3:.0f} kB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
