"""Export German running text for the word clusters from public git snapshots (developers only).

Writes plain UTF-8 text, one paragraph a line, OUTSIDE the repository (never commit the text):

    python scripts/export_cluster_text.py bundestag-wp20 GITDIR OUT.txt   # mathias-goebel/plenarsitzungsprotokolle
    python scripts/export_cluster_text.py gesetze GITDIR OUT.txt          # bundestag/gesetze

GITDIR is a (bare) clone of the repository; its HEAD commit is printed and must be recorded in
``scripts/cluster_sources_de.tsv``. Deterministic: files in path order, each distinct text once.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path


def _git(gitdir: str, *args: str) -> bytes:
    return subprocess.run(["git", "--git-dir", gitdir, *args], check=True, capture_output=True).stdout


def _blobs(gitdir: str, keep) -> list[str]:  # type: ignore[no-untyped-def]
    """Blob ids of the HEAD files whose path ``keep`` accepts, in path order, each id once."""
    seen: set[str] = set()
    out: list[str] = []
    rows = _git(gitdir, "ls-tree", "-r", "-z", "HEAD").decode("utf-8").split("\0")
    for row in sorted(r for r in rows if r):
        meta, path = row.split("\t", 1)
        blob = meta.split()[2]
        if keep(path) and blob not in seen:
            seen.add(blob)
            out.append(blob)
    return out


def _read(gitdir: str, blobs: list[str]):  # type: ignore[no-untyped-def]
    proc = subprocess.run(["git", "--git-dir", gitdir, "cat-file", "--batch"], check=True,
                          input="\n".join(blobs).encode() + b"\n", capture_output=True)
    data, pos = proc.stdout, 0
    while pos < len(data):
        nl = data.index(b"\n", pos)
        size = int(data[pos:nl].split()[2])
        yield data[nl + 1:nl + 1 + size].decode("utf-8", "replace")
        pos = nl + 1 + size + 1


def bundestag(gitdir: str) -> list[str]:
    """Speeches of the 20th Bundestag (one .txt per speech; the per-item ``komplett.txt`` repeats them)."""
    blobs = _blobs(gitdir, lambda p: p.startswith("data/") and p.endswith(".txt")
                   and not p.endswith("komplett.txt"))
    return [ln.strip() for text in _read(gitdir, blobs) for ln in text.splitlines() if ln.strip()]


_MD_SKIP = re.compile(r"^\s*(#|\||:|-{3,}|\*\s*\*|<)")


def gesetze(gitdir: str) -> list[str]:
    """Federal laws and ordinances (Markdown): front matter, headings, tables dropped, wrapped
    lines of a paragraph joined."""
    blobs = _blobs(gitdir, lambda p: p.endswith("index.md") and "/" in p)
    out: list[str] = []
    for text in _read(gitdir, blobs):
        body = text.split("\n---\n", 1)[-1] if text.startswith("---") else text
        for para in re.split(r"\n\s*\n", body):
            lines = [ln.strip() for ln in para.splitlines() if ln.strip() and not _MD_SKIP.match(ln)]
            joined = " ".join(lines)
            if len(joined.split()) >= 4:
                out.append(joined)
    return out


def main() -> None:
    kind, gitdir, out = sys.argv[1:4]
    paras = {"bundestag-wp20": bundestag, "gesetze": gesetze}[kind](gitdir)
    head = _git(gitdir, "rev-parse", "HEAD").decode().strip()
    Path(out).write_text("\n".join(paras) + "\n", encoding="utf-8")
    print(f"{kind}@{head}: {len(paras)} paragraphs, {sum(len(p.split()) for p in paras)} words -> {out}")


if __name__ == "__main__":
    main()
