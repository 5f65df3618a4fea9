"""Event-date probe: how many events land exactly on their article's day, and why.

Reads 200 German articles of ../shared/bench/de-10kgnad/test.csv and 200 English BBC politics
articles of ../shared/bench/en-bbc/politics (never copied). Neither has a date, so each set gets
an assumed published date (``--de-date``, ``--en-date``). For every event it prints the share

* dated exactly on the article's day (precision "day", start = published), before it, after it;
* marked "report date" (no time of its own: the article's date as a fallback, shown as
  "reported on"), "before report date" (no time of its own, told in the past or perfect: some
  time before the article's date), undated;
* whose time comes from its own clause (``time_source == "clause"``) or from the story's last
  explicit date (``"story"``, the reference time of a past-tense narrative clause);

plus the most frequent time texts of events on the article's day; what the "report date" events
are (``report date by kind``, shares of all events: statement / other occurred / ongoing, and
what tense the forms of their verb triggers show, :func:`_verbs`); and (``--sample N``) N events
with a time of their own, N dated "before report date" and N statements dated "before report
date", half per language, with the sentence, for checking by hand; and (``--moved N``) N events
per language that the session-9 readings (event nouns by their clause's tense, the reportive
present of statements, the reported past, a contact dated by its occasion) moved off the
"report date" mark, found by running the articles once with those readings off. Usage:

    python benchmarks/probe_event_dates.py [--shared ../shared] [--limit 200] [--offset 0] [--sample 40] [--seed 13] [--moved 40] [--json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from collections import Counter
from pathlib import Path

from graphbuilder.evaluation.events import de_lines, read_bbc, read_de_line
from graphbuilder.extract.events.lexicon import load_lexicon
from graphbuilder.extract.events.status import verb_form
from graphbuilder.graph import BEFORE_REPORT, REPORT_DATE, event_time
from graphbuilder.models import Document
from graphbuilder.pipeline import Pipeline


def _docs(shared: Path, limit: int, de_date: dt.date, en_date: dt.date,
          offset: int = 0) -> list[tuple[str, Document]]:
    """``limit`` articles per language after the first ``offset`` (ids keep their position)."""
    de = [read_de_line(line)[1] for line in de_lines(shared) if line.strip()][offset:offset + limit]
    en_dir = shared / "bench" / "en-bbc" / "politics"
    en = [read_bbc(p) for p in sorted(en_dir.glob("*.txt"))[offset:offset + limit]]
    docs = [("de", Document(id=f"de-{i:04d}", text=t, published=de_date)) for i, t in enumerate(de, offset)]
    for i, t in enumerate(en, offset):
        title, _, body = t.partition("\n")
        docs.append(("en", Document(id=f"en-{i:04d}", text=t, title=title.strip(), published=en_date)))
    return docs


def _verbs(lang: str, triggers: list[str]) -> str:
    """What tense the verb triggers of an event show by their form: "nouns only" (no trigger is
    a verb of the lexicon, read alone, nor a lower-case German word), "a present verb" (one reads as present or present/participle), else
    "past forms only" (:func:`~graphbuilder.extract.events.status.verb_form`)."""
    lex = load_lexicon(lang)
    forms = []
    for text in triggers:
        m = lex.trigger_re.search(text)
        verb = m is not None and lex.group_type.get(m.lastgroup or "", ("", False))[1]
        if not verb and not (lang == "de" and text[:1].islower()):  # German nouns are capitalised
            continue
        forms.append(next((f for f in (verb_form(w, lang, lex.cue_res["participle_lemmas"])
                                       for w in text.split() if w.isalpha()) if f is not None), None))
    if not forms:
        return "nouns only"
    return "a present verb" if any(f in ("present", "either", None) for f in forms) else "past forms only"


def probe(shared: Path, limit: int, de_date: dt.date, en_date: dt.date, sample: int, seed: int = 13,
          offset: int = 0) -> dict:
    pipe = Pipeline()
    counts: dict[str, Counter[str]] = {"de": Counter(), "en": Counter()}
    texts: dict[str, Counter[str]] = {"de": Counter(), "en": Counter()}
    pool: dict[str, list[dict]] = {"de": [], "en": []}
    tense_pool: dict[str, list[dict]] = {"de": [], "en": []}
    said_pool: dict[str, list[dict]] = {"de": [], "en": []}  # statements "before report date"
    kinds: dict[str, Counter[str]] = {"de": Counter(), "en": Counter()}
    for lang, doc in _docs(shared, limit, de_date, en_date, offset):
        ex = pipe.process(doc, language=lang)
        sents = {s.index: s for s in ex.sentences}
        day = doc.published.isoformat()
        c = counts[lang]
        for ev in ex.events:
            t = event_time(ev, doc.published)
            c["events"] += 1
            c["own clause"] += ev.time_source == "clause"
            c["story time"] += ev.time_source == "story"
            if t["precision"] == REPORT_DATE:
                c["report date"] += 1
                kind = "statement" if ev.type == "STATEMENT" else "ongoing" if ev.status == "ongoing" else "other " + ev.status
                kinds[lang][f"{kind}, {_verbs(lang, [ev.trigger.text, *(m.text for m in ev.mentions)])}"] += 1
            elif t["precision"] == BEFORE_REPORT:
                c["before report date"] += 1
                s = sents.get(ev.sentence)
                row = {"doc": doc.id, "status": ev.status, "trigger": ev.trigger.text, "type": ev.type,
                       "sentence": " ".join(doc.text[s.start:s.end].split()) if s else ""}
                (said_pool if ev.type == "STATEMENT" else tense_pool)[lang].append(row)
            elif not t["start"]:
                c["undated"] += 1
            elif t["precision"] == "day" and t["start"] == day:
                c["on day"] += 1
                texts[lang][t["time_text"] or "?"] += 1
            elif (t["end"] or t["start"]) < day:
                c["before"] += 1
            elif t["start"] > day:
                c["after"] += 1
            else:
                c["spans day"] += 1
            if ev.time_source == "clause" and ev.time is not None:
                # the sentence the time stands in (a coreferent mention's, maybe)
                s = next((x for x in ex.sentences if x.start <= ev.time.start < x.end), sents.get(ev.sentence))
                pool[lang].append({
                    "doc": doc.id, "status": ev.status, "trigger": ev.trigger.text,
                    "time": t["time_text"], "value": t["time_value"], "start": t["start"],
                    "end": t["end"], "precision": t["precision"],
                    "sentence": " ".join(doc.text[s.start:s.end].split()) if s else ""})
    rng = random.Random(seed)
    picked = {lang: rng.sample(p, min(sample // 2, len(p))) for lang, p in pool.items()}
    out: dict = {"assumed_dates": {"de": de_date.isoformat(), "en": en_date.isoformat()}}
    for lang, c in counts.items():
        n = c["events"] or 1
        out[lang] = {"events": c["events"], **{k: round(c[k] / n, 3) for k in (
            "on day", "before", "after", "spans day", "report date", "before report date", "undated",
            "own clause", "story time")},
            "on-day time texts": texts[lang].most_common(8),
            "report date by kind": {k: round(v / n, 3) for k, v in kinds[lang].most_common()}}
    out["sample"] = picked
    out["tense sample"] = {lang: rng.sample(p, min(sample // 2, len(p))) for lang, p in tense_pool.items()}
    out["statement sample"] = {lang: rng.sample(p, min(sample // 2, len(p))) for lang, p in said_pool.items()}
    return out


def _precisions(docs: list[tuple[str, Document]]) -> dict[tuple[str, int], dict]:
    """Each event's precision and sentence, by (document id, trigger start)."""
    pipe = Pipeline()
    out = {}
    for lang, doc in docs:
        ex = pipe.process(doc, language=lang)
        sents = {s.index: s for s in ex.sentences}
        for ev in ex.events:
            s = sents.get(ev.sentence)
            out[(doc.id, ev.trigger.start)] = {
                "lang": lang, "doc": doc.id, "type": ev.type, "trigger": ev.trigger.text,
                "precision": event_time(ev, doc.published)["precision"], "source": ev.time_source,
                "sentence": " ".join(doc.text[s.start:s.end].split()) if s else ""}
    return out


def moved(shared: Path, limit: int, de_date: dt.date, en_date: dt.date, n: int, seed: int,
          offset: int = 0) -> dict:
    """Events the session-9 readings moved off the report-date mark (they are switched off for
    a first run: ``status.READ_NOUNS``, ``status.READ_REPORTIVE``, ``status.READ_REPORTED_PAST``,
    ``coref.OCCASIONS``), with
    counts per language and kind and a sample of ``n`` per language."""
    from graphbuilder.extract.events import coref, status

    docs = _docs(shared, limit, de_date, en_date, offset)
    flags = (status.READ_NOUNS, status.READ_REPORTIVE, status.READ_REPORTED_PAST, coref.OCCASIONS)
    status.READ_NOUNS = status.READ_REPORTIVE = status.READ_REPORTED_PAST = coref.OCCASIONS = False
    try:
        before = _precisions(docs)
    finally:
        status.READ_NOUNS, status.READ_REPORTIVE, status.READ_REPORTED_PAST, coref.OCCASIONS = flags
    after = _precisions(docs)
    rows = [dict(row, was=before[k]["precision"]) for k, row in after.items()
            if k in before and before[k]["precision"] == REPORT_DATE and row["precision"] != REPORT_DATE]
    rng = random.Random(seed)
    out: dict = {}
    for lang in ("de", "en"):
        mine = [r for r in rows if r["lang"] == lang]
        out[lang] = {"moved": len(mine),
                     "by kind": dict(Counter(("statement" if r["type"] == "STATEMENT" else "other") + " -> " + str(r["precision"])
                                             for r in mine)),
                     "sample": rng.sample(mine, min(n, len(mine)))}
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared")
    ap.add_argument("--limit", type=int, default=200)
    ap.add_argument("--offset", type=int, default=0,
                    help="skip this many articles per language first (200: a blind set the rules were not read on)")
    ap.add_argument("--sample", type=int, default=40)
    ap.add_argument("--de-date", type=dt.date.fromisoformat, default=dt.date(2016, 5, 12))
    ap.add_argument("--en-date", type=dt.date.fromisoformat, default=dt.date(2005, 3, 16))
    ap.add_argument("--seed", type=int, default=13, help="seed of the hand-check sample")
    ap.add_argument("--moved", type=int, default=0,
                    help="sample this many events per language that the session-9 readings moved off the report date")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    res = probe(args.shared, args.limit, args.de_date, args.en_date, args.sample, args.seed, args.offset)
    if args.moved:
        res["moved"] = moved(args.shared, args.limit, args.de_date, args.en_date, args.moved, args.seed, args.offset)
    if args.json:
        json.dump(res, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return
    print(f"assumed published dates: {res['assumed_dates']}")
    for lang in ("de", "en"):
        r = res[lang]
        print(f"{lang}: {r['events']} events; on the article's day {r['on day']:.1%} "
              f"(before {r['before']:.1%}, after {r['after']:.1%}, spanning it {r['spans day']:.1%}); "
              f"'report date' fallback {r['report date']:.1%}; 'before report date' (past tense, no time) "
              f"{r['before report date']:.1%}; undated {r['undated']:.1%}; "
              f"time from own clause {r['own clause']:.1%}; story's reference time {r['story time']:.1%}")
        print(f"   on-day time texts: {r['on-day time texts']}")
        print(f"   report date by kind (share of all events): {r['report date by kind']}")
    for lang in ("de", "en"):
        for i, s in enumerate(res["tense sample"][lang], 1):
            print(f"[{lang}-before{i}] {s['doc']} {s['type']} {s['status']} '{s['trigger']}'\n      {s['sentence'][:300]}")
    for lang in ("de", "en"):
        for i, s in enumerate(res["statement sample"][lang], 1):
            print(f"[{lang}-said{i}] {s['doc']} {s['status']} '{s['trigger']}'\n      {s['sentence'][:300]}")
    for lang, m in res.get("moved", {}).items():
        print(f"{lang}: {m['moved']} events moved off the report date by the session-9 readings: {m['by kind']}")
        for i, s in enumerate(m["sample"], 1):
            print(f"[{lang}-moved{i}] {s['doc']} {s['type']} '{s['trigger']}' -> {s['precision']} ({s['source']})\n      {s['sentence'][:300]}")
    for lang in ("de", "en"):
        for i, s in enumerate(res["sample"][lang], 1):
            print(f"[{lang}{i}] {s['doc']} {s['status']} '{s['trigger']}' <- '{s['time']}' = {s['value']} "
                  f"({s['start']}..{s['end']}, {s['precision']})\n      {s['sentence'][:300]}")


if __name__ == "__main__":
    main()
