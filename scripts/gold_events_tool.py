#!/usr/bin/env python3
"""Helper for annotating the event gold set (tests/gold/events/).

Articles are named ``de:<line>`` (0-based line of ../shared/bench/de-10kgnad/test.csv) or
``en:<topic>/<file>`` (../shared/bench/en-bbc/). Commands::

    list-de [--labels International,Inland] [--min N] [--max N]   candidate articles
    show ART                 the text with character offsets at each line start
    find ART PHRASE          every occurrence of PHRASE with offsets and context
    compile DRAFT...         turn draft files (format below) into annotation records
    render [ART]             the stored annotations of an article, spans in context
    validate                 check the annotation file against the texts; print counts
    score [--events NAME]    run the pipeline on the gold articles and score its events
    agree [FILE]             inter-annotator agreement: a second annotation of some gold
                             articles (default tests/gold/events/agreement.jsonl) scored
                             against the first with the event scorer

The corpora are read from ``../shared`` next to the repository (override with the
environment variable ``GRAPHBUILDER_SHARED``).

Draft format (one article per file; ``#`` starts a comment line)::

    doc de:123
    TYPE STATUS | TRIGGER | p=NAME/LABEL/ROLE; ... | t=VALUE [TIMEPHRASE] | loc=NAME | m=SPEC, ...

A phrase SPEC is ``text`` (first occurrence), ``text#n`` (n-th occurrence), or
``text~context`` (the occurrence inside the unique occurrence of ``context``); matches
must sit on word boundaries unless the spec ends with ``!``. Participants, locations and
time phrases without ``#``/``~`` take the occurrence closest to the trigger.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graphbuilder.evaluation import events as ge  # noqa: E402

GOLD = ROOT / "tests/gold/events/annotations.jsonl"
SHARED = Path(os.environ.get("GRAPHBUILDER_SHARED", ROOT.parent / "shared"))


def locator_of(art: str) -> dict[str, Any]:
    kind, _, rest = art.partition(":")
    if kind == "de":
        return {"corpus": ge.DE_CORPUS, "line": int(rest)}
    if kind == "en":
        return {"corpus": ge.EN_CORPUS, "path": rest}
    raise SystemExit(f"article must be de:<line> or en:<topic>/<file>, not {art!r}")


def doc_id_of(loc: dict[str, Any]) -> str:
    if loc["corpus"] == ge.DE_CORPUS:
        return ge.de_doc_id(loc["line"])
    return ge.en_doc_id(loc["path"])


def text_of(art: str) -> str:
    return ge.article_text(locator_of(art), SHARED)[0]


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def occurrences(text: str, phrase: str, boundary: bool = True) -> list[int]:
    out, i = [], text.find(phrase)
    while i >= 0:
        end = i + len(phrase)
        ok = not boundary or (
            (i == 0 or not _is_word(text[i - 1]) or not _is_word(phrase[0]))
            and (end == len(text) or not _is_word(text[end]) or not _is_word(phrase[-1])))
        if ok:
            out.append(i)
        i = text.find(phrase, i + 1)
    return out


def resolve(text: str, spec: str, near: int | None = None) -> dict[str, Any]:
    """Resolve a phrase SPEC to ``{start, end, text}`` (see module docstring)."""
    spec = spec.strip()
    boundary = not spec.endswith("!")
    spec = spec.rstrip("!")
    if "~" in spec:
        phrase, ctx = spec.split("~", 1)
        ctx_occ = occurrences(text, ctx, boundary=False)
        if len(ctx_occ) != 1:
            raise ValueError(f"context {ctx!r} occurs {len(ctx_occ)} times")
        inner = occurrences(ctx, phrase, boundary=False)
        if not inner:
            raise ValueError(f"{phrase!r} not inside context {ctx!r}")
        start = ctx_occ[0] + inner[0]
    elif "#" in spec and spec.rsplit("#", 1)[1].isdigit():
        phrase, n = spec.rsplit("#", 1)
        occ = occurrences(text, phrase, boundary)
        if len(occ) < int(n):
            raise ValueError(f"{phrase!r} occurs only {len(occ)} times")
        start = occ[int(n) - 1]
    else:
        phrase = spec
        occ = occurrences(text, phrase, boundary)
        if not occ:
            raise ValueError(f"{phrase!r} not found")
        start = min(occ, key=lambda s: abs(s - near)) if near is not None else occ[0]
    return {"start": start, "end": start + len(phrase), "text": phrase}


def compile_draft(path: Path) -> dict[str, Any]:
    """Turn one draft file into an annotation record."""
    lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()]
    lines = [ln for ln in lines if ln and not ln.startswith("#")]
    if not lines or not lines[0].startswith("doc "):
        raise SystemExit(f"{path}: first line must be 'doc ART'")
    art = lines[0].split(None, 1)[1].strip()
    loc = locator_of(art)
    text = text_of(art)
    events = []
    for n, line in enumerate(lines[1:], 1):
        try:
            events.append(_compile_event(text, line, n))
        except (ValueError, IndexError) as exc:
            raise SystemExit(f"{path}: event {n} ({line[:50]}…): {exc}") from None
    return {"doc_id": doc_id_of(loc), "locator": loc, "sha256": ge.text_sha(text),
            "events": events}


def _compile_event(text: str, line: str, n: int) -> dict[str, Any]:
    fields = [f.strip() for f in line.split(" | ")]
    etype, status = fields[0].split()
    trig = resolve(text, fields[1])
    ev: dict[str, Any] = {"id": f"e{n}", "type": etype, "trigger": trig, "mentions": [],
                          "participants": [], "status": status, "time": None,
                          "location": None}
    for f in fields[2:]:
        key, _, val = f.partition("=")
        if key == "p":
            for item in filter(None, (x.strip() for x in val.split(";"))):
                name, label, role = item.rsplit("/", 2)
                ev["participants"].append(
                    {**resolve(text, name, trig["start"]), "label": label, "role": role})
        elif key == "t":
            value, _, phrase = val.partition(" ")
            ev["time"] = None if value == "null" else value
            if phrase.strip():
                ev["time_span"] = resolve(text, phrase.strip().strip('"'), trig["start"])
        elif key == "loc":
            ev["location"] = resolve(text, val, trig["start"])
        elif key == "m":
            ev["mentions"] = [resolve(text, s) for s in val.split(",") if s.strip()]
        else:
            raise ValueError(f"unknown field {key!r}")
    # Parse-check the record with the loader's rules.
    return ev


def cmd_compile(args: argparse.Namespace) -> None:
    records = {r["doc_id"]: r for r in ge.iter_records(args.out)} if Path(args.out).exists() else {}
    for d in args.drafts:
        rec = compile_draft(Path(d))
        text, lang, label = ge.article_text(rec["locator"], SHARED)
        ge.parse_record(rec, text, lang)
        records[rec["doc_id"]] = rec
        print(f"{rec['doc_id']}: {len(rec['events'])} events")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as fh:
        for rec in records.values():
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")


def cmd_show(args: argparse.Namespace) -> None:
    text = text_of(args.article)
    width = args.width
    pos = 0
    while pos < len(text):
        chunk = text[pos:pos + width]
        nl = chunk.find("\n")
        if nl >= 0:
            chunk = chunk[:nl + 1]
        elif pos + width < len(text):
            cut = chunk.rfind(" ")
            chunk = chunk[:cut + 1] if cut > 0 else chunk
        print(f"{pos:6d}| {chunk.rstrip(chr(10))}")
        pos += len(chunk)


def cmd_find(args: argparse.Namespace) -> None:
    text = text_of(args.article)
    for s in occurrences(text, args.phrase, boundary=False):
        e = s + len(args.phrase)
        print(f"{s}-{e}: …{text[max(0, s - 40):s]}[{text[s:e]}]{text[e:e + 40]}…")


def cmd_list_de(args: argparse.Namespace) -> None:
    labels = set(args.labels.split(","))
    for i, line in enumerate(ge.de_lines(SHARED)):
        if not line:
            continue
        label, text = ge.read_de_line(line)
        if label in labels and args.min <= len(text) <= args.max:
            print(f"de:{i}\t{label}\t{len(text)}\t{text[:110]}")


def cmd_render(args: argparse.Namespace) -> None:
    docs = ge.load_gold(args.gold, SHARED)
    for gd in docs:
        if args.article and gd.doc_id != doc_id_of(locator_of(args.article)):
            continue
        print(f"== {gd.doc_id} ({len(gd.events)} events)")
        for ev in gd.events:
            t = gd.text
            s, e = ev.trigger.start, ev.trigger.end
            parts = ", ".join(f"{p.text}/{p.label}/{p.role}" for p in ev.participants)
            print(f" {ev.id} {ev.type} {ev.status} t={ev.time} "
                  f"loc={ev.location.text if ev.location else None} [{parts}]")
            print(f"    …{t[max(0, s - 50):s]}[[{t[s:e]}]]{t[e:e + 50]}…".replace("\n", " "))


def cmd_agree(args: argparse.Namespace) -> None:
    second = ge.load_gold(args.file, SHARED)
    ids = {d.doc_id for d in second}
    first = {d.doc_id: d for d in ge.load_gold(args.gold, SHARED) if d.doc_id in ids}
    missing = ids - set(first)
    if missing:  # second annotations made ahead of the first one are scored later
        print(f"skipped, not yet in {args.gold}: {', '.join(sorted(missing))}")
    second = [d for d in second if d.doc_id in first]
    docs = [first[d.doc_id] for d in second]
    res = ge.score_events(docs, ge.gold_as_predictions(second), ge.gold_participant_spans)
    n1, n2 = sum(len(d.events) for d in docs), sum(len(d.events) for d in second)
    print(f"{len(docs)} articles, {n1} events (first annotation) / {n2} (second)")
    for k in ("detection", "full"):
        print(k, {m: res[k][m] for m in ("precision", "recall", "f1")})
    print("disagreements:", res["errors"])


def cmd_validate(args: argparse.Namespace) -> None:
    docs = ge.load_gold(args.gold, SHARED)
    from collections import Counter
    types: Counter[str] = Counter()
    status: Counter[str] = Counter()
    langs: Counter[str] = Counter()
    for gd in docs:
        langs[gd.lang] += 1
        types.update(e.type for e in gd.events)
        status.update(e.status for e in gd.events)
    n = sum(types.values())
    print(f"OK: {len(docs)} articles ({dict(langs)}), {n} events")
    print("types:", dict(types.most_common()))
    print("status:", dict(status.most_common()))
    ps = ge.gold_as_predictions(docs)
    print("self-score:", ge.score_events(docs, ps, ge.gold_participant_spans)["full"])


def cmd_score(args: argparse.Namespace) -> None:
    from graphbuilder.pipeline import Pipeline

    docs = ge.load_gold(args.gold, SHARED)
    pipe = Pipeline(events=args.events)
    extractions = {gd.doc_id: pipe.process(gd.document(), language=gd.lang) for gd in docs}
    preds = {k: ex.events for k, ex in extractions.items()}
    res = ge.score_events(docs, preds, ge.participant_spans_from(extractions))
    if args.json:
        print(json.dumps(res, ensure_ascii=False, indent=1))
        return
    for k in ("detection", "full"):
        print(k, res[k])
    print("per corpus:", json.dumps(res["per_corpus"]))
    print("errors:", res["errors"])
    print(f"{'type':18} gold pred det full missed spurious  F1(det)")
    for t, row in res["per_type"].items():
        print(f"{t:18} {row.get('gold', 0):4} {row.get('pred', 0):4} {row.get('detected', 0):3} "
              f"{row.get('full', 0):4} {row.get('missed', 0):6} {row.get('spurious', 0):8}"
              f"  {row['detection_f1']:.3f}")
    print("top confusions:", dict(list(res["confusions"].items())[:10]))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("list-de")
    p.add_argument("--labels", default="International,Inland")
    p.add_argument("--min", type=int, default=0)
    p.add_argument("--max", type=int, default=10**9)
    p.set_defaults(fn=cmd_list_de)
    p = sub.add_parser("show")
    p.add_argument("article")
    p.add_argument("--width", type=int, default=110)
    p.set_defaults(fn=cmd_show)
    p = sub.add_parser("find")
    p.add_argument("article")
    p.add_argument("phrase")
    p.set_defaults(fn=cmd_find)
    p = sub.add_parser("compile")
    p.add_argument("drafts", nargs="+")
    p.add_argument("--out", default=str(GOLD))
    p.set_defaults(fn=cmd_compile)
    p = sub.add_parser("render")
    p.add_argument("article", nargs="?")
    p.add_argument("--gold", default=str(GOLD))
    p.set_defaults(fn=cmd_render)
    p = sub.add_parser("validate")
    p.add_argument("--gold", default=str(GOLD))
    p.set_defaults(fn=cmd_validate)
    p = sub.add_parser("agree")
    p.add_argument("file", nargs="?", default=str(GOLD.parent / "agreement.jsonl"))
    p.add_argument("--gold", default=str(GOLD))
    p.set_defaults(fn=cmd_agree)
    p = sub.add_parser("score")
    p.add_argument("--gold", default=str(GOLD))
    p.add_argument("--events", default="rules")
    p.add_argument("--json", action="store_true")
    p.set_defaults(fn=cmd_score)
    args = ap.parse_args(argv)
    args.fn(args)


if __name__ == "__main__":
    main()
