"""The project's own German name annotations read back as tagged sentences.

The repository keeps only token spans (``tests/gold/ner/de/<batch>.jsonl``: ``source``,
``sent_id``, ``n_tokens``, ``tokens_sha1``, ``entities`` = ``[first, last + 1, label]``; guideline
in ``tests/gold/ner/README.md``); the CC BY-SA sentences are read from ``../shared/train`` with the
readers below (``scripts/ner_gold_tool.py``, which wrote the spans, uses the same ones) and checked
against the checksum. Labels as GermEval's outer level: PER/LOC/ORG; ``-deriv``, ``-part`` and OTH
become O. Split: a sentence is **test** when ``sha256(source + ":" + sent_id) % 5 == 0``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
GOLD_DIR = REPO / "tests" / "gold" / "ner" / "de"
SCORED = ("PER", "LOC", "ORG")


@dataclass(frozen=True)
class GoldSentence:
    source: str  # path under shared/, e.g. "train/ud/de-gsd/de_gsd-ud-dev.conllu"
    sent_id: str
    tokens: list[str]
    tags: list[str]  # BIO over ``tokens``, PER/LOC/ORG (all labels when read so)
    batch: str  # the file it came from (without .jsonl)

    @property
    def split(self) -> str:
        return split_of(self.source, self.sent_id)


def split_of(source: str, sent_id: str) -> str:
    """``test`` when sha256(source:sent_id) is 0 mod 5 (about a fifth), else ``train``."""
    digest = hashlib.sha256(f"{source}:{sent_id}".encode()).hexdigest()
    return "test" if int(digest, 16) % 5 == 0 else "train"


def conllu_sentences(path: Path) -> list[tuple[str, list[str]]]:
    """(sent_id, surface tokens) per sentence; multiword tokens kept as one surface token."""
    out: list[tuple[str, list[str]]] = []
    sid, toks, skip_to = "", [], 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# sent_id"):
            sid = line.split("=", 1)[1].strip()
        elif not line.strip():
            if toks:
                out.append((sid, toks))
            sid, toks, skip_to = "", [], 0
        elif not line.startswith("#"):
            cols = line.split("\t")
            if "." in cols[0]:
                continue
            if "-" in cols[0]:
                a, b = cols[0].split("-")
                toks.append(cols[1])
                skip_to = int(b)
                continue
            if int(cols[0]) <= skip_to:
                continue
            toks.append(cols[1])
    if toks:
        out.append((sid, toks))
    return out


def wikiann_sentences(path: Path) -> list[tuple[str, list[str]]]:
    out: list[tuple[str, list[str]]] = []
    toks: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if toks:
                out.append((f"{path.name}:{len(out)}", toks))
            toks = []
            continue
        tok = line.split("\t")[0]
        toks.append(tok[3:] if tok.startswith("de:") else tok)
    if toks:
        out.append((f"{path.name}:{len(out)}", toks))
    return out


SOURCES = {
    "gsd-dev": ("train/ud/de-gsd/de_gsd-ud-dev.conllu", conllu_sentences),
    "gsd-test": ("train/ud/de-gsd/de_gsd-ud-test.conllu", conllu_sentences),
    "pud": ("train/ud/de-pud/de_pud-ud-test.conllu", conllu_sentences),
    "wiki": ("train/ner/de/wikiann-de.train", wikiann_sentences),
    "wikidev": ("train/ner/de/wikiann-de.dev", wikiann_sentences),
    "wikitest": ("train/ner/de/wikiann-de.test", wikiann_sentences),
}


def tokens_sha(tokens: list[str]) -> str:
    return hashlib.sha1("\u0001".join(tokens).encode("utf-8")).hexdigest()[:16]


def bio_tags(n_tokens: int, entities: list[list[object]], all_labels: bool = False) -> list[str]:
    """BIO tags of a sentence from ``[first, last + 1, label]`` spans; only PER/LOC/ORG unless
    ``all_labels`` (then also OTH and the -deriv/-part classes)."""
    tags = ["O"] * n_tokens
    for first, end, label in entities:
        if label not in SCORED and not all_labels:
            continue
        for k in range(int(first), int(end)):  # type: ignore[call-overload]
            tags[k] = ("B-" if k == first else "I-") + str(label)
    return tags


def _source_tokens(source: str, shared: Path, cache: dict[str, dict[str, list[str]]]
                   ) -> dict[str, list[str]]:
    if source not in cache:
        readers = {rel: reader for rel, reader in SOURCES.values()}
        if source not in readers:
            raise ValueError(f"unknown source {source!r} (known: {', '.join(sorted(readers))})")
        path = shared / source
        if not path.exists():
            raise FileNotFoundError(f"{path}: source text of the project's name annotations "
                                    "not found (is --shared right?)")
        cache[source] = {sid: toks for sid, toks in readers[source](path)}
    return cache[source]


def read_project_gold(gold_dir: Path = GOLD_DIR, shared: Path = REPO.parent / "shared",
                      all_labels: bool = False) -> list[GoldSentence]:
    """Every annotated sentence of ``gold_dir/*.jsonl`` (files in name order; a sentence
    annotated twice is taken from the first file; ``all_labels``: see :func:`bio_tags`). A record whose tokens do not match the
    source's (count or checksum) is an error naming file and line."""
    if not gold_dir.is_dir():
        raise FileNotFoundError(f"{gold_dir}: no folder of name annotations")
    cache: dict[str, dict[str, list[str]]] = {}
    seen: set[tuple[str, str]] = set()
    out: list[GoldSentence] = []
    for path in sorted(gold_dir.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{path}:{n}"
            try:
                rec = json.loads(line)
                source, sid = rec["source"], rec["sent_id"]
                entities = rec["entities"]
            except (ValueError, KeyError, TypeError) as exc:
                raise ValueError(f"{where}: not a name-annotation record ({exc})") from None
            tokens = _source_tokens(source, shared, cache).get(sid)
            if tokens is None:
                raise ValueError(f"{where}: sentence {sid!r} not found in {source}")
            if len(tokens) != rec.get("n_tokens") or tokens_sha(tokens) != rec.get("tokens_sha1"):
                raise ValueError(f"{where}: the tokens of {sid!r} in {source} do not match the "
                                 "annotation's count/checksum (source changed?)")
            if any(not (0 <= int(a) < int(b) <= len(tokens)) for a, b, _l in entities):
                raise ValueError(f"{where}: a span lies outside the sentence's {len(tokens)} tokens")
            if (source, sid) in seen:
                continue
            seen.add((source, sid))
            out.append(GoldSentence(source, sid, tokens, bio_tags(len(tokens), entities, all_labels),
                                   path.stem))
    return out
