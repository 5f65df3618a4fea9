"""`graphbuilder eval`: run one corpus's reader and scorer with our components, print a table."""

from __future__ import annotations

from pathlib import Path

from graphbuilder.packs import rules_language
from typing import Any

CORPORA = ("timeml", "germeval", "events", "meantime", "smartdata", "conll")


class EvalError(Exception):
    """A corpus path or option that cannot be evaluated (the message says why)."""


def _guess_language(path: Path) -> str:
    from graphbuilder.language import detect_language
    from graphbuilder.evaluation.timeml import read_timeml, timeml_files

    files = timeml_files(path)
    if not files:
        raise EvalError(f"{path}: no TimeML files (*.tml, *.xml) found")
    lang, _ = detect_language(read_timeml(files[0]).text)
    return rules_language(lang)


def run_eval(corpus: str, path: str | Path, *, peer: str | Path | None = None,
             language: str | None = None, limit: int | None = None,
             shared: str | Path | None = None, tagger: str = "rules",
             split: str | None = None) -> dict[str, Any]:
    """Evaluate our extraction on one corpus; returns machine-readable figures.

    ``split`` (events only): score just the ``train`` or ``test`` articles of the fixed split."""
    from graphbuilder import registry

    path = Path(path)
    if not path.exists():
        raise EvalError(f"{path}: no such file or directory")
    if corpus == "timeml":
        from graphbuilder.evaluation.timeml import evaluate_timeml

        lang = language or _guess_language(path)
        res = evaluate_timeml(path, registry.get("temporal", tagger)(), lang, peer_dir=peer, limit=limit)
        res["language"] = lang
        return res
    if corpus == "germeval":
        from graphbuilder.evaluation.germeval import evaluate_germeval

        from graphbuilder.extract.ner import default_entities

        return evaluate_germeval(path, registry.get("entities", default_entities())(), language or "de")
    if corpus == "conll":
        from graphbuilder.evaluation.conll import evaluate_conll
        from graphbuilder.extract.ner import default_entities

        return evaluate_conll(path, registry.get("entities", default_entities())(), language or "en")
    if split is not None and corpus != "events":
        raise EvalError("--split applies only to the events corpus")
    if corpus == "events":
        from graphbuilder.evaluation.events import GoldError, load_gold, participant_spans_from, score_events
        from graphbuilder.pipeline import Pipeline

        shared_dir = Path(shared) if shared else Path("..") / "shared"
        try:
            # a folder of corpus batches: articles copied from the gold files beside it are skipped
            exclude = sorted(path.parent.glob("*.jsonl")) if path.is_dir() else []
            docs = load_gold(path, shared_dir, split=split, exclude=exclude)
        except GoldError as exc:
            raise EvalError(str(exc)) from None
        if limit:
            docs = docs[:limit]
        pipe = Pipeline()
        extractions = {gd.doc_id: pipe.process(gd.document(), language=gd.lang) for gd in docs}
        res = score_events(docs, {k: ex.events for k, ex in extractions.items()},
                           participant_spans_from(extractions))
        res["docs"] = len(docs)
        if split:
            res["split"] = split
        return res
    if corpus == "meantime":
        from graphbuilder.evaluation.meantime import evaluate_meantime

        return evaluate_meantime(path, language=language or "en", limit=limit)
    if corpus == "smartdata":
        from graphbuilder.evaluation.smartdata import evaluate_smartdata

        return evaluate_smartdata(path, limit=limit)
    raise EvalError(f"unknown corpus {corpus!r}; expected one of {', '.join(CORPORA)}")


def _row(name: str, fig: dict[str, Any]) -> str:
    p = fig.get("p", fig.get("precision", 0.0))
    r = fig.get("r", fig.get("recall", 0.0))
    return f"{name:24} {p:6.3f} {r:6.3f} {fig['f1']:6.3f}"


def format_table(corpus: str, res: dict[str, Any]) -> str:
    """A human-readable table of :func:`run_eval`'s result."""
    lines = [f"{'':24} {'P':>6} {'R':>6} {'F1':>6}"]
    if corpus == "timeml":
        for who in ("ours", "peer"):
            if who in res:
                for kind in ("strict", "relaxed", "value"):
                    lines.append(_row(f"{who} {kind}", res[who][kind]))
        lines.append(f"{res['docs']} documents, {res['gold']} gold TIMEX3 (DCT excluded), language {res['language']}")
    elif corpus in ("germeval", "conll"):
        for label in ("PER", "LOC", "ORG"):
            if label in res:
                lines.append(_row(label, res[label]))
        lines.append(_row("micro", res["micro"]))
        lines.append(f"{res.get('sentences', '?')} sentences")
        for part in ("blind", "all"):
            if part in res:
                lines.append(_row(f"micro ({part} part)", res[part]["micro"])
                             + f"  {res[part]['sentences']} sentences")
    elif corpus == "meantime":
        ent = res["entities"]
        for label in ("PER", "ORG", "LOC", "micro"):
            lines.append(_row(f"entities exact {label}", ent["exact"][label]))
        lines.append(_row("entities overlap micro", ent["overlap"]["micro"]))
        lines.append("  (entity precision is not meaningful: MEANTIME types only event participants)")
        for kind in ("strict", "relaxed", "value"):
            lines.append(_row(f"timex3 {kind}", res["timex"][kind]))
        for corp, fig in res["bcubed"].items():
            lines.append(_row(f"B-cubed {corp}", fig))
        for corp, fig in res.get("bcubed_resolved", {}).items():
            lines.append(_row(f"B-cubed resolved {corp}", fig))
        lines.append(f"{res['docs']} documents")
    elif corpus == "smartdata":
        for label in ("PER", "ORG", "LOC", "micro", "DATE"):
            lines.append(_row(f"exact {label}", res["exact"][label]))
        lines.append(_row("overlap micro", res["overlap"]["micro"]))
        lines.append(f"{res['docs']} documents")
    elif corpus == "events":
        for kind in ("detection", "full"):
            lines.append(_row(kind, res[kind]))
        errs = ", ".join(f"{k} {v}" for k, v in sorted(res.get("errors", {}).items(), key=lambda kv: -kv[1]))
        lines.append(f"{res['docs']} documents; errors: {errs}")
    return "\n".join(lines)
