#!/usr/bin/env python3
"""Learn the German institution heads (``graphbuilder/data/lexicon/org-heads-de.tsv``) from the
name recogniser's training corpora: for every capitalised common noun of the corpora (a noun of the
CC0 noun lexicon, or a compound ending in one, a hyphen compound included: "EU-Kommission"), its
head is the longest proper tail that is a noun ("Innenministerium" -> "ministerium"; a noun with no
such tail is its own head, "Polizei"); the table counts how often a token with that head lies inside
an ORG name. Heads seen at least ``--min-count`` times are written with their counts and the
decision ``keep`` (share >= ``--threshold`` of the tokens that are an ORG name by themselves or its
head word, :func:`names_body`): :mod:`graphbuilder.extract.ner.bodies` makes a
token whose head is kept an organisation ("body") mention.

Corpora (training data only; no held-out set): GermEval 2014 dev (CC BY 4.0), German Legal Entity
Recognition (Leitner et al., CC BY 4.0; INN/GRT/UN/ORG -> ORG), the project's own annotations'
**train** split (``tests/gold/ner/de``, CC BY-SA). Deterministic.

A second source says which bodies news events have as actors, where the name corpora (legal text
above all: "die Strafkammer") disagree with news ("die Wirtschaftskammer forderte"): the German
articles the event models train on (``graphbuilder.training.events.load_training_docs``: the
development gold and the train splits; never a test split or the held-out set). There a token
with a head, outside every name the shipped recogniser finds, is a *body candidate*; a head is
also kept when its candidates in at least ``--event-articles`` articles are wholly a gold event
participant and they are so at least as often as the recogniser's organisation names are
(``--no-events``: the name corpora alone; the table's fifth and sixth columns give the counts).

    PYTHONPATH=. python scripts/build_org_heads.py [--shared ../shared] [--threshold 0.5] [--min-count 5] [--event-articles 4]

(the defaults build the shipped table; about 15 s, most of it the name recogniser over the event articles)
"""
from __future__ import annotations

import argparse
import collections
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def names_body(toks: list[str], tags: list[str], i: int) -> bool:
    """Whether token ``i`` is an ORG name by itself or its head word: the name starts at it
    and is the token alone or goes on with a lowercase word ("Bundesministerium für Justiz"),
    not a word inside a longer name ("Süddeutsche Zeitung", "Universität Hamburg")."""
    if tags[i] != "B-ORG":
        return False
    return i + 1 == len(toks) or tags[i + 1] != "I-ORG" or not toks[i + 1][:1].isupper()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--min-count", type=int, default=5)
    ap.add_argument("--event-articles", type=int, default=4,
                    help="keep a head whose body candidates are event participants in this many training articles")
    ap.add_argument("--no-events", action="store_true", help="the name corpora alone")
    ap.add_argument("--output", type=Path, default=REPO / "graphbuilder" / "data" / "lexicon" / "org-heads-de.tsv")
    args = ap.parse_args()

    from graphbuilder.extract.ner.bodies import german_head
    from graphbuilder.extract.ner.project_gold import read_project_gold
    from graphbuilder.extract.ner.train import LEGAL_MAP, read_columns, read_germeval_tagged

    shared = args.shared
    corpora = {
        "germeval-dev": read_germeval_tagged(shared / "eval" / "germeval2014-dev" / "NER-de-dev.tsv"),
        "legal-ner-de": [s for part in (1, 2) for s in
                         read_columns(shared / "train" / "ner" / "de" / f"legal-ner-de.part{part}.conll", LEGAL_MAP)],
        "project-train": [g for g in read_project_gold(shared=shared) if g.split == "train"],
    }
    n: collections.Counter[str] = collections.Counter()
    org: collections.Counter[str] = collections.Counter()
    for sents in corpora.values():
        for s in sents:
            toks, tags = s.tokens, s.tags
            for i, (tok, tag) in enumerate(zip(toks, tags)):
                head = german_head(tok)
                if head:
                    n[head] += 1
                    org[head] += names_body(toks, tags, i)
    ev_n, ev_part, ev_docs, org_rate = (collections.Counter(), collections.Counter(),
                                        collections.defaultdict(set), 0.0)
    if not args.no_events:
        ev_n, ev_part, ev_docs, org_rate = event_participants(shared)
    kept_by_events = {h for h in ev_docs if len(ev_docs[h]) >= args.event_articles and ev_n[h]
                      and ev_part[h] / ev_n[h] >= org_rate}
    heads = {h for h in n if n[h] >= args.min_count} | kept_by_events

    def keep(h: str) -> bool:
        return (n[h] >= args.min_count and org[h] / n[h] >= args.threshold) or h in kept_by_events

    rows = sorted(heads, key=lambda h: (-org[h] / max(n[h], 1), -n[h], h))
    sizes = ", ".join(f"{k} {len(v)}" for k, v in corpora.items())
    lines = [f"# German institution heads: head, tokens, of them in an ORG name, keep (share >= {args.threshold}"
             f" or event participants), body candidates in the event training articles, of them participants",
             f"# learned by scripts/build_org_heads.py --threshold {args.threshold} --min-count {args.min_count}"
             + (" --no-events" if args.no_events else f" --event-articles {args.event_articles}"),
             f"# from sentences: {sizes}; licence CC BY-SA 4.0 (see README.md)"
             + ("" if args.no_events else f"; event articles: organisation names are participants at {org_rate:.3f}")]
    lines += [f"{h}\t{n[h]}\t{org[h]}\t{int(keep(h))}\t{ev_n[h]}\t{ev_part[h]}" for h in rows]
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{args.output}: {len(rows)} heads, {sum(keep(h) for h in rows)} kept "
          f"({len(kept_by_events)} by the event articles: {', '.join(sorted(kept_by_events))})")


def event_participants(shared: Path) -> tuple[collections.Counter[str], collections.Counter[str],
                                             dict[str, set[str]], float]:
    """Per head: body candidates in the German event training articles, those wholly inside a gold
    participant, the articles with such a participant; and the share of the recogniser's
    organisation names that lie in a gold participant."""
    from graphbuilder.extract.ner.bodies import SIMPLEX, _WORD_DE, german_head
    from graphbuilder.pipeline import Pipeline
    from graphbuilder.sentences import split_sentences
    from graphbuilder.training.events import load_training_docs

    ner = Pipeline().entities
    n: collections.Counter[str] = collections.Counter()
    part: collections.Counter[str] = collections.Counter()
    docs: dict[str, set[str]] = collections.defaultdict(set)
    orgs = org_parts = 0
    for gd in load_training_docs(REPO, shared):
        if gd.lang != "de":
            continue
        spans = [(p.start, p.end) for ev in gd.events for p in ev.participants]
        names = [m for m in ner.extract(gd.text, "de", split_sentences(gd.text))[0]
                 if not m.derived and not m.body]
        for m in names:
            if m.label == "ORG":
                orgs += 1
                org_parts += any(a < m.end and m.start < b for a, b in spans)
        for match in _WORD_DE.finditer(gd.text):
            head = german_head(match.group())
            s, e = match.span()
            if not head or head.startswith(SIMPLEX) or any(m.start < e and s < m.end for m in names):
                continue
            n[head] += 1
            if any(a <= s and e <= b + 2 for a, b in spans):  # the whole word (a genitive -s/-es beside)
                part[head] += 1
                docs[head].add(gd.doc_id)
    return n, part, docs, org_parts / max(orgs, 1)


if __name__ == "__main__":
    main()
