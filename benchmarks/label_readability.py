"""How many event labels say what happened: the share of labels without a predicate, per type.

Runs the whole pipeline and the graph build over 200 German (10kGNAD test) and 200 English (BBC
politics and business) articles from ``../shared/bench`` (read from there, never copied; articles
of the annotated event corpus are left out), and counts, per language and event type, the
reports whose label has no predicate: the generic "Event involving …" / "Ereignis mit …" (and
"<Type> involving …" / "<Type> mit …"), "… (participants not identified)" / "… nicht erkannt)",
the bare type name (with its status wrap and place), or a statement that names its speaker but
not what was said ("Statement by X" / "Erklärung von X", not "… on Y" / "… zu Y"). Labels that quote the
trigger's clause ("Attack – “two cars were set on fire”", the ``snippet`` label of an event that
names no participant) are counted among those without a predicate and, separately, as quoted.
Figures are given for all events and
for the events shown by default (with at least one participant; ``timeline --all`` shows the
others). Prints ``--samples`` random labels per language (seeded), ``--bare-samples`` random
labels of events without any participant (seeded; the same events before and after a label
change, since extraction does not depend on labels), and the CPU time of the
extraction and of the graph build (where labels are made).

    python benchmarks/label_readability.py [--shared ../shared] [--n 200] [--samples 20] [--bare-samples 40] [--json]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
from collections import Counter
from pathlib import Path

from graphbuilder.evaluation.events import de_lines, read_bbc, read_de_line
from graphbuilder.graph import build_graph
from graphbuilder.labels import rules_for
from graphbuilder.models import Document
from graphbuilder.pipeline import Pipeline
from graphbuilder.schema import STATUSES

GOLD_DIR = Path(__file__).resolve().parents[1] / "tests" / "gold"
SEED = 10


def gold_locators() -> tuple[set[int], set[str]]:
    """10kGNAD line numbers and BBC paths of every article the repository's gold files annotate."""
    lines: set[int] = set()
    paths: set[str] = set()
    for f in GOLD_DIR.rglob("*.json*"):
        text = f.read_text(encoding="utf-8")
        lines.update(int(m) for m in re.findall(r'"line": (\d+)', text))
        lines.update(int(m) for m in re.findall(r'10kgnad:test:(\d+)', text))
        paths.update(re.findall(r'"path": "([a-z]+/\d+\.txt)"', text))
        paths.update(re.findall(r'bbc:([a-z]+/\d+\.txt)', text))
    return lines, paths


def articles(shared: Path, lang: str, n: int) -> list[tuple[str, str]]:
    """``n`` (id, text) pairs drawn with a fixed seed from the bench articles outside the gold."""
    gold_lines, gold_paths = gold_locators()
    rng = random.Random(SEED)
    if lang == "de":
        pool = [(f"de:{i}", read_de_line(line)[1]) for i, line in enumerate(de_lines(shared))
                if line.strip() and i not in gold_lines]
    else:
        root = shared / "bench" / "en-bbc"
        pool = [(f"en:{p.relative_to(root)}", read_bbc(p)) for topic in ("politics", "business")
                for p in sorted((root / topic).glob("*.txt")) if str(p.relative_to(root)) not in gold_paths]
    return rng.sample(pool, min(n, len(pool)))


def generic_patterns(lang: str) -> list[re.Pattern[str]]:
    """Label shapes without a predicate, from the language's label data."""
    rules = rules_for(lang)
    names = sorted({*rules.names.values(), "Event", "Ereignis", "Phone call", "Negotiations",
                    "Verhandlungen", "Sanctions", "Sanktionen", "Law", "Gesetz", "Erklärung",
                    "Legal case", "Crime or legal case", "Straf- oder Justizfall", "Unglück"}, key=len, reverse=True)
    alt = "|".join(re.escape(n) for n in names)
    # the templates that name everyone without saying what happened ("Event involving …",
    # "Ereignis mit …", "Election involving …", "Straf- oder Justizfall um …")
    vague = "|".join(re.escape(n) for n in ("Event", "Ereignis", "Other", "Sonstiges", "Election", "Wahl",
                                            "Accident", "Unglück", "Legal case", "Straf- oder Justizfall"))
    wraps = [re.escape(w).replace(re.escape("{noun}"), "(?P<noun>.*)") for w in rules.wrap.values()]
    inv = "involving" if lang == "en" else "(?:mit|um)"
    return [re.compile(r"(?i)^(?:planned |possible |geplante[rs]? |mögliche[rs]? )?(?:%s) %s " % (vague, inv)),
            re.compile(r"\((?:participants|parties|speaker|person|visitor|body) not identified\)|nicht erkannt\)"),
            re.compile(r"(?i)^(?:planned |possible |geplante[rs]? |mögliche[rs]? )?(?:%s)(?: in [^()]*)?$" % alt),
            # a statement that names its speaker but not what was said ("Statement by X", not "… on Y")
            re.compile(r"^(?:Statement by|Erklärung von) (?!.* (?:on|zu) )[^:]*$"),
            *[re.compile("^" + w + "$") for w in wraps]]


QUOTED = re.compile(r" – [„“].*[“”]")  # a label quoting the trigger's clause (``snippet`` in data/labels)


def has_predicate(label: str, patterns: list[re.Pattern[str]]) -> bool:
    """Whether ``label`` says what happened by a predicate (none of the generic shapes, no quoted clause)."""
    if QUOTED.search(label):
        return False
    for p in patterns[:4]:
        if p.search(label):
            return False
    for p in patterns[4:]:  # a status wrap around a generic noun phrase
        m = p.match(label)
        if m and m.group("noun") != label and not has_predicate(m.group("noun"), patterns):
            return False
    return True


def measure(shared: Path, lang: str, n: int, samples: int, bare_samples: int = 0) -> dict:
    pipe = Pipeline()
    docs = articles(shared, lang, n)
    pipe.process(Document(id="warm", text="Warm-up."), language=lang)
    patterns = generic_patterns(lang)
    per_type: dict[str, Counter[str]] = {}
    labels: list[str] = []
    bare: list[tuple[str, ...]] = []  # (label, sentence, trigger, predicate) of the events without any participant
    cpu_extract = cpu_build = 0.0
    for doc_id, text in docs:
        c0 = time.process_time()
        ex = pipe.process(Document(id=doc_id, text=text, language=lang), language=lang)
        c1 = time.process_time()
        batch = build_graph(ex)
        c2 = time.process_time()
        cpu_extract += c1 - c0
        cpu_build += c2 - c1
        for r in batch.relationships:
            if r.type != "REPORTED_IN":
                continue
            label, type_ = r.props["label"], r.props["type"]
            shown = bool(r.props.get("participants"))
            ok = has_predicate(label, patterns)
            c = per_type.setdefault(type_, Counter())
            c["all"] += 1
            c["all_without"] += not ok
            c["shown"] += shown
            c["shown_without"] += shown and not ok
            c["all_quoted"] += bool(QUOTED.search(label))
            c["shown_quoted"] += shown and bool(QUOTED.search(label))
            labels.append(label)
            if not shown:
                bare.append((label, r.props.get("sentence_text", ""), r.props.get("trigger", ""),
                             r.props.get("predicate", "")))
    rng = random.Random(SEED)
    total = Counter()
    for c in per_type.values():
        total.update(c)
    return {"lang": lang, "articles": len(docs), "per_type": {k: dict(v) for k, v in sorted(per_type.items())},
            "total": dict(total), "cpu_extract_s": round(cpu_extract, 2), "cpu_build_s": round(cpu_build, 2),
            "samples": rng.sample(labels, min(samples, len(labels))),
            "bare_samples": [bare[i] for i in random.Random(SEED).sample(range(len(bare)), min(bare_samples, len(bare)))]}


def _share(a: int, b: int) -> str:
    return f"{a / b:6.1%} ({a}/{b})" if b else "     -"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared")
    ap.add_argument("--n", type=int, default=200, help="articles per language")
    ap.add_argument("--samples", type=int, default=20, help="random labels shown per language")
    ap.add_argument("--bare-samples", type=int, default=0,
                    help="random labels shown per language of events without any participant")
    ap.add_argument("--lang", choices=["de", "en", "both"], default="both")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    results = [measure(args.shared, lg, args.n, args.samples, args.bare_samples)
               for lg in (("de", "en") if args.lang == "both" else (args.lang,))]
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
        return 0
    for res in results:
        print(f"== {res['lang']}: {res['articles']} articles; CPU extraction {res['cpu_extract_s']} s, "
              f"graph build with labels {res['cpu_build_s']} s")
        print(f"{'type':18} {'without predicate (all)':>26} {'without predicate (shown)':>26} {'quoted clause (all)':>26}")
        for t, c in [*res["per_type"].items(), ("ALL", res["total"])]:
            print(f"{t:18} {_share(c['all_without'], c['all']):>26} {_share(c['shown_without'], c['shown']):>26} "
                  f"{_share(c.get('all_quoted', 0), c['all']):>26}")
        print("samples:")
        for s in res["samples"]:
            print("  " + s)
        if res["bare_samples"]:
            print("samples of events without any participant:")
            for s, *_ in res["bare_samples"]:
                print("  " + s)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
