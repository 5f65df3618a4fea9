"""Analyst reading sample: event nodes of real news as an analyst would see them, for judging by hand.

Ingests ``--articles`` German articles (10kGNAD test csv, or ``--de-source krauts-dev``) and ``--articles`` English BBC articles
(``--en-section``, default business) from ``../shared/bench`` into a temporary graph store — only
articles that are in none of the project's event gold files (``tests/gold/events``: development,
corpus, agreement, held-out), so no model saw them — and draws ``--events`` event nodes per language
(fixed ``--seed``, all event nodes, also those the timeline hides). Writes to ``--out`` (outside the
repository: the sheets quote the articles):

* ``sheet-<lang>.tsv``: one row per event with what a judge needs (label, type, status, time,
  participants, place, the article's title and the evidence sentence of every report, with the
  sentences of the event's further mentions in it) and three
  empty columns ``real``, ``participants``, ``label`` for the judge (y / n / ?);
* ``key-<lang>.json``: the event ids behind the rows; ``confidence-<lang>.json``: their ``confidence``
  (not shown to the judge).

``--score A.tsv B.tsv …`` reads filled sheets instead and prints, per question, the share of "y" per
judge and the agreement between the first two (observed and Cohen's kappa); with ``--confidence
DIR/confidence-<lang>.json`` (the sheet's own draw) also how well the events' confidence ranks what
each judge found real, and real with the right participants (AUC). Usage:

    python benchmarks/analyst_sample.py --out /work/analyst [--articles 60] [--skip 0] [--events 40] [--seed 7]
    python benchmarks/analyst_sample.py --score /work/analyst/judge-A-de.tsv /work/analyst/judge-B-de.tsv

Two versions side by side, blind: draw sheets with each version (``--out old``, ``--out new``),
``--merge old new --out both`` shuffles them into one sheet per language, and ``--score
A/sheet-de.tsv B/sheet-de.tsv --versions both/versions-de.json`` scores each version apart.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import html
import json
import random
import re
import sqlite3
import importlib.util
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from graphbuilder.core import ingest, open_sink
from graphbuilder.evaluation.events import de_doc_id, de_lines, en_doc_id, read_bbc, read_de_line
from graphbuilder.models import Document

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ("real", "participants", "label")
ANSWERS = tuple(f"judge_{q}" for q in QUESTIONS)  # the judge's columns (distinct from the data's)


def gold_ids() -> set[str]:
    """Doc ids of every article in the event gold files."""
    ids: set[str] = set()
    for path in (ROOT / "tests" / "gold" / "events").rglob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                ids.add(json.loads(line)["doc_id"])
    return ids


def krauts_documents(shared: Path, n: int, skip: int = 0) -> list[Document]:
    """German newspaper articles of the KRAUTS development part (TimeML files; the text inside
    ``<TEXT>`` without tags, the creation time as the publication date)."""
    out: list[Document] = []
    for path in sorted((shared / "eval" / "krauts-dev" / "raw-text").glob("*.tml"))[skip:skip + n]:
        raw = path.read_text(encoding="utf-8")
        dct = re.search(r'functionInDocument="CREATION_TIME">(\d{4}-\d{2}-\d{2})', raw)
        body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
        text = html.unescape(re.sub(r"<[^>]+>", "", body.group(1) if body else "")).strip()
        if text:
            out.append(Document(id=f"de-krauts-{path.stem}", text=text, language="de",
                                published=dt.date.fromisoformat(dct.group(1)) if dct else dt.date(2014, 1, 15)))
    return out


def _report_evidence(r: dict[str, Any]) -> str:
    """One report's evidence for the sheet: the trigger's sentence, then the sentences of the
    event's further mentions in that article (each once), each with its trigger in brackets."""
    shown = r.get("sentence_text", "")
    parts = [f"[{r.get('trigger', '')}] {shown}"]
    seen = {shown}
    for trigger, sentence in zip(r.get("mention_triggers") or [], r.get("mention_sentence_texts") or []):
        if sentence and sentence not in seen:
            seen.add(sentence)
            parts.append(f"[{trigger}] {sentence}")
    return " | ".join(parts)


def label_bench_ids(shared: Path) -> set[str]:
    """Doc ids (as :func:`gold_ids` spells them) of the articles ``label_readability.py`` reads."""
    spec = importlib.util.spec_from_file_location("label_readability", Path(__file__).with_name("label_readability.py"))
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    articles = bench.articles
    ids: set[str] = set()
    for lang in ("de", "en"):
        for art_id, _ in articles(shared, lang, 200):
            ref = art_id.split(":", 1)[1]
            ids.add(de_doc_id(int(ref)) if lang == "de" else en_doc_id(ref))
    return ids


def documents(shared: Path, n: int, section: str, exclude: set[str], skip: int = 0,
              de_source: str = "10kgnad") -> list[Document]:
    """``n`` German and ``n`` English articles outside the gold, in file order, after the first
    ``skip`` such articles per language (a fresh sample after a reading)."""
    published = dt.date(2016, 1, 15)
    docs: list[Document] = []
    skipped = {"de": 0, "en": 0}
    if de_source == "krauts-dev":
        docs += krauts_documents(shared, n, skip)
    for i, line in enumerate(de_lines(shared) if de_source == "10kgnad" else ()):
        if len([d for d in docs if d.language == "de"]) >= n:
            break
        if line.strip() and de_doc_id(i) not in exclude:
            if skipped["de"] < skip:
                skipped["de"] += 1
                continue
            docs.append(Document(id=f"de-{i:04d}", text=read_de_line(line)[1], language="de", published=published))
    en_dir = shared / "bench" / "en-bbc" / section
    for p in sorted(en_dir.glob("*.txt")):
        if len([d for d in docs if d.language == "en"]) >= n:
            break
        if en_doc_id(f"{section}/{p.name}") in exclude:
            continue
        if skipped["en"] < skip:
            skipped["en"] += 1
            continue
        title, _, body = read_bbc(p).partition("\n")
        docs.append(Document(id=f"en-{section}-{p.stem}", text=read_bbc(p), title=title.strip(), language="en",
                             published=dt.date(2005, 1, 15)))
    return docs


def event_rows(db: Path) -> dict[str, list[dict[str, str]]]:
    """Every event node of the store as a sheet row, per article language."""
    con = sqlite3.connect(db)
    nodes = {i: (label, json.loads(props)) for i, label, props in con.execute("select id, label, props from nodes")}
    reports: dict[str, list[dict]] = {}
    parts: dict[str, list[str]] = {}
    for type_, start, end, _sl, _el, props in con.execute("select * from rels"):
        if type_ == "REPORTED_IN":
            reports.setdefault(start, []).append(json.loads(props))
        elif type_ == "PARTICIPATED_IN":
            role = json.loads(props or "{}").get("role", "")
            name = nodes.get(start, ("", {}))[1].get("name", start)
            parts.setdefault(end, []).append(f"{name} ({role})" if role else name)
    out: dict[str, list[dict[str, str]]] = {"de": [], "en": []}
    for eid, (label, props) in sorted(nodes.items()):
        if label != "Event":
            continue
        reps = sorted(reports.get(eid, []), key=lambda r: (r.get("published", ""), r.get("key", "")))
        lang = "de" if any(nodes.get(r.get("article", ""), ("", {}))[1].get("language") == "de" for r in reps) else None
        evidence = " || ".join(_report_evidence(r) for r in reps)
        row = {"id": eid, "label": props.get("label", ""), "type": props.get("type", ""),
               "status": props.get("status", ""),
               "time": props.get("time_text") or props.get("time_value") or props.get("precision") or "",
               "participants": "; ".join(sorted(parts.get(eid, []))), "place": props.get("location", ""),
               "evidence": evidence.replace("\t", " ").replace("\n", " "), "confidence": props.get("confidence")}
        out.setdefault(lang or _lang_of(reps), []).append(row)
    return out


def _lang_of(reps: list[dict]) -> str:
    """The language of an event's reports by its first article id (``de-…`` / ``en-…``)."""
    return "de" if reps and str(reps[0].get("report_rank", "")).rsplit("|", 1)[-1].startswith("de-") else "en"


def write_sheets(out: Path, rows: dict[str, list[dict[str, str]]], k: int, seed: int) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for lang, lst in rows.items():
        rng = random.Random(f"{seed}:{lang}")
        pick = rng.sample(lst, min(k, len(lst)))
        cols = ["n", "label", "type", "status", "time", "participants", "place", "evidence", *ANSWERS]
        with (out / f"sheet-{lang}.tsv").open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, delimiter="\t")
            w.writerow(cols)
            for n, r in enumerate(pick, 1):
                w.writerow([n, *(r[c] for c in cols[1:-3]), "", "", ""])
        (out / f"key-{lang}.json").write_text(json.dumps([r["id"] for r in pick], indent=1), encoding="utf-8")
        (out / f"confidence-{lang}.json").write_text(json.dumps([r.get("confidence") for r in pick]), encoding="utf-8")
        print(f"{lang}: {len(lst)} event nodes, {len(pick)} drawn -> {out / f'sheet-{lang}.tsv'}")


def _answers(path: Path) -> list[dict[str, str]]:
    """A judged sheet's answers per row (``shown``: the event has participants, so the timeline and
    the Browser's default queries show it)."""
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh, delimiter="\t"))
    # by position: the judge's three columns are the last ones (older sheets named them like the data)
    return [{**{q: (r[len(r) - 3 + i] if len(r) >= 3 else "").strip().lower()[:1] for i, q in enumerate(QUESTIONS)},
             "shown": "y" if len(r) > 5 and r[5].strip() else "n"}
            for r in rows[1:] if r]


def merge_blind(a: Path, b: Path, out: Path, seed: int) -> None:
    """One sheet per language from the sheets of two versions (folders ``a`` and ``b``), rows
    shuffled so a judge cannot tell the versions apart; ``versions-<lang>.json`` says which row
    came from which folder (for ``--score --versions``)."""
    out.mkdir(parents=True, exist_ok=True)
    for sheet in sorted(a.glob("sheet-*.tsv")):
        lang = sheet.stem.split("-", 1)[1]
        rows: list[tuple[str, list[str]]] = []
        header: list[str] = []
        for name, folder in (("a", a), ("b", b)):
            with (folder / sheet.name).open(encoding="utf-8") as fh:
                table = list(csv.reader(fh, delimiter="\t"))
            header = table[0]
            rows += [(name, r) for r in table[1:] if r]
        random.Random(f"{seed}:merge:{lang}").shuffle(rows)
        with (out / sheet.name).open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, delimiter="\t")
            w.writerow(header)
            for n, (_v, r) in enumerate(rows, 1):
                w.writerow([n, *r[1:]])
        (out / f"versions-{lang}.json").write_text(json.dumps([v for v, _r in rows]), encoding="utf-8")
        print(f"{lang}: {len(rows)} rows -> {out / sheet.name}")


def score(paths: list[Path], versions: list[str] | None = None) -> None:
    """Share of "y" per judge and question, over all rows and over the rows shown by default;
    agreement of the first two judges. ``versions``: the row's version (``--merge``), scored apart."""
    for version in sorted(set(versions)) if versions else [None]:
        if version is not None:
            print(f"== version {version}")
        _score([[r for i, r in enumerate(_answers(p)) if version is None or versions[i] == version] for p in paths],
               paths)


def confidence_ranking(paths: list[Path], confidence: list[float | None]) -> None:
    """Per judge: the AUC of the events' confidence for the rows judged real, and judged real with
    the right participants (rows without a confidence or an answer are left out)."""
    from graphbuilder.evaluation.events import roc_auc

    for p in paths:
        rows = [(c, r) for c, r in zip(confidence, _answers(p)) if isinstance(c, (int, float)) and r["real"] in ("y", "n")]
        scores = [c for c, _r in rows]
        real = [r["real"] == "y" for _c, r in rows]
        right = [r["real"] == "y" and r["participants"] == "y" for _c, r in rows]
        print(f"  confidence AUC {p.parent.name}/{p.name}: real {roc_auc(scores, real):.2f}, "
              f"real with the right participants {roc_auc(scores, right):.2f} ({len(rows)} nodes)")


def _score(sheets: list[list[dict[str, str]]], paths: list[Path]) -> None:
    for subset in ("all", "shown"):
        print(f"{subset} event nodes" if subset == "all" else
              "event nodes shown by default (with a participant; the timeline hides the others)")
        for q in QUESTIONS:
            rows = [[r for r in s if subset == "all" or r["shown"] == "y"] for s in sheets]
            shares = []
            for p, s in zip(paths, rows):
                vals = [r[q] for r in s if r[q] in ("y", "n")]
                shares.append(f"{p.parent.name}/{p.name}: {sum(v == 'y' for v in vals)}/{len(vals)} = "
                              f"{sum(v == 'y' for v in vals) / max(1, len(vals)):.0%}")
            line = f"  {q:13} " + "  ".join(shares)
            if len(rows) >= 2:
                pairs = [(a[q], b[q]) for a, b in zip(rows[0], rows[1]) if a[q] and b[q] and a[q] in "yn" and b[q] in "yn"]
                if pairs:
                    po = sum(a == b for a, b in pairs) / len(pairs)
                    ca, cb = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
                    pe = sum(ca[v] * cb[v] for v in "yn") / len(pairs) ** 2
                    kappa = (po - pe) / (1 - pe) if pe < 1 else 1.0
                    line += f"  agreement {po:.0%} (kappa {kappa:.2f}, {len(pairs)} items)"
            print(line)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--articles", type=int, default=60, help="articles per language (default 60)")
    ap.add_argument("--events", type=int, default=40, help="event nodes drawn per language (default 40)")
    ap.add_argument("--en-section", default="business", help="BBC section (politics is nearly all gold)")
    ap.add_argument("--de-source", choices=["10kgnad", "krauts-dev"], default="10kgnad",
                    help="German articles: 10kGNAD test (bench) or the KRAUTS development part (dated newspaper "
                         "articles, ../shared/eval/krauts-dev)")
    ap.add_argument("--skip", type=int, default=0,
                    help="leave out the first SKIP eligible articles per language (a fresh sample)")
    ap.add_argument("--not-label-bench", action="store_true",
                    help="also leave out the articles benchmarks/label_readability.py reads (labels are tuned on "
                         "those), for a reading of labels on articles nobody tuned on")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", type=Path, help="folder for the sheets (outside the repository)")
    ap.add_argument("--score", type=Path, nargs="+", help="filled sheets to score instead")
    ap.add_argument("--versions", type=Path, help="with --score: the versions-<lang>.json of a merged sheet")
    ap.add_argument("--confidence", type=Path,
                    help="with --score of an unmerged sheet: its confidence-<lang>.json (AUC of the confidence per judge)")
    ap.add_argument("--merge", type=Path, nargs=2, metavar=("A", "B"),
                    help="merge the sheets of two versions' folders into one blind sheet per language in --out")
    args = ap.parse_args(argv)
    if args.score:
        score(args.score, json.loads(args.versions.read_text(encoding="utf-8")) if args.versions else None)
        if args.confidence:
            confidence_ranking(args.score, json.loads(args.confidence.read_text(encoding="utf-8")))
        return 0
    if args.merge:
        if not args.out:
            ap.error("--merge needs --out")
        merge_blind(*args.merge, args.out, args.seed)
        return 0
    if not args.out:
        ap.error("--out is required unless --score")
    exclude = gold_ids() | (label_bench_ids(args.shared) if args.not_label_bench else set())
    docs = documents(args.shared, args.articles, args.en_section, exclude, args.skip, args.de_source)
    with tempfile.TemporaryDirectory() as tmp:
        db, src = Path(tmp) / "g.db", Path(tmp) / "articles.jsonl"
        src.write_text("".join(json.dumps({"id": d.id, "language": d.language, "title": d.title,
                                           "published": d.published.isoformat(), "text": d.text}) + "\n"
                               for d in docs), encoding="utf-8")
        sink = open_sink(db)
        try:
            ingest([str(src)], sink)
        finally:
            sink.close()
        write_sheets(args.out, event_rows(db), args.events, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
