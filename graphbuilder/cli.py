"""Command-line interface: a thin layer over :mod:`graphbuilder.core`.

Exit codes: 0 success, 2 usage error, 3 partial failure (some inputs failed, the rest were
processed), 4 nothing could be processed, 5 cannot reach the graph store.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import Any

import click

from graphbuilder import __version__

EXIT_STORE = 5


def _parse_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an ISO date (YYYY-MM-DD)") from None


store_option = click.option(
    "--store", type=click.Path(dir_okay=False), default="graphbuilder.db", show_default=True,
    envvar="GRAPHBUILDER_STORE", help="Embedded SQLite graph store file.")
refdate_option = click.option(
    "--reference-date", callback=_parse_date, metavar="YYYY-MM-DD",
    help="Document creation time for articles whose metadata gives none. Without it, "
         "year-less dates stay partial (XXXX-12-02) and relative ones unanchored.")
lang_option = click.option(
    "--lang", "language", type=click.Choice(["de", "en"]), default=None,
    help="Force the language instead of detecting it per article.")
neo4j_options = [
    click.option("--neo4j-uri", envvar="NEO4J_URI", default=None,
                 help="Write to Neo4j at this URI (bolt://, neo4j://, neo4j+s://) instead of the "
                      "embedded store. Env: NEO4J_URI."),
    click.option("--neo4j-user", envvar="NEO4J_USERNAME", default="neo4j", show_default=True,
                 help="Env: NEO4J_USERNAME."),
    click.option("--neo4j-password", envvar="NEO4J_PASSWORD", default=None,
                 help="Env: NEO4J_PASSWORD (prefer the env variable: it stays out of shell history)."),
    click.option("--neo4j-database", envvar="NEO4J_DATABASE", default=None,
                 help="Database name (default: the server's default). Env: NEO4J_DATABASE."),
]


decisions_option = click.option(
    "--decisions", type=click.Path(dir_okay=False), default=None, envvar="GRAPHBUILDER_DECISIONS",
    help="Analyst decisions file (merges/splits applied on every ingest). Default: beside the "
         "store (graph.db -> graph.decisions.json), ./graphbuilder.decisions.json with Neo4j.")


def _load_decisions(path: str | None, store: str | None) -> Any:
    from graphbuilder.decisions import Decisions, default_path

    try:
        return Decisions.load(path or default_path(store))
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None


def with_neo4j(f: Any) -> Any:
    for opt in reversed(neo4j_options):
        f = opt(f)
    return f


def _neo4j_kwargs(kw: dict[str, Any]) -> dict[str, Any]:
    return {"user": kw.pop("neo4j_user"), "password": kw.pop("neo4j_password"),
            "database": kw.pop("neo4j_database")}


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="graphbuilder")
def main() -> None:
    """Turn news articles (German, English) into an event-timeline knowledge graph.

    Offline and deterministic: rules, gazetteers and a temporal tagger of its own. The graph
    goes into an embedded SQLite store (default ./graphbuilder.db) or, with --neo4j-uri /
    NEO4J_URI, into Neo4j. Start with:  graphbuilder ingest examples/
    """


@main.command()
@click.argument("paths", nargs=-1, required=True)
@store_option
@refdate_option
@lang_option
@with_neo4j
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option("--json", "as_json", is_flag=True, help="Print the closing summary as JSON.")
@decisions_option
def ingest(paths: tuple[str, ...], store: str, reference_date: dt.date | None, language: str | None,
           quiet: bool, as_json: bool, neo4j_uri: str | None, decisions: str | None, **kw: Any) -> None:
    """Ingest articles into the graph (files, directories recursively, or - for stdin).

    Formats: .txt/.md, .html, .json/.jsonl. Re-ingesting the same articles changes nothing.
    Exit code 0 when everything was ingested, 3 when some inputs failed (named in the
    summary), 4 when nothing could be ingested, 5 when the store cannot be reached.
    """
    from graphbuilder.core import ingest as run_ingest
    from graphbuilder.core import open_sink

    nkw = _neo4j_kwargs(kw)
    dec = _load_decisions(decisions, None if neo4j_uri else store)
    try:
        sink = open_sink(store=store, neo4j_uri=neo4j_uri, **(nkw if neo4j_uri else {}))
    except Exception as exc:
        click.echo(f"error: cannot open the graph store: {exc}", err=True)
        sys.exit(EXIT_STORE)
    progress_cb = None
    progress = None
    if not quiet and sys.stderr.isatty():
        from rich.progress import Progress

        progress = Progress(transient=True)
        task = progress.add_task("ingesting", total=None)
        progress.start()

        def progress_cb(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

    try:
        summary = run_ingest(paths, sink, reference_date=reference_date, language=language,
                             stdin=sys.stdin, progress=progress_cb, decisions=dec)
    except Exception as exc:
        if progress:
            progress.stop()
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_STORE)
    finally:
        sink.close()
    if progress:
        progress.stop()
    if as_json:
        click.echo(json.dumps(summary.as_dict(), indent=2, ensure_ascii=False))
    else:
        for note in summary.notices:
            click.echo(f"notice: {note}", err=True)
        for fail in summary.failures:
            click.echo(f"failed: {fail}", err=True)
        target = neo4j_uri or store
        click.echo(f"ingested {summary.articles} article(s) into {target}: {summary.events} event(s), "
                   f"{summary.entities} entit{'y' if summary.entities == 1 else 'ies'}, "
                   f"{len(summary.failures)} failure(s)")
    sys.exit(summary.exit_code)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json"]), default="jsonl", show_default=True)
@click.option("--output", "-o", type=click.File("w", encoding="utf-8"), default="-",
              help="Output file (default stdout).")
@refdate_option
@lang_option
def extract(paths: tuple[str, ...], fmt: str, output: Any, reference_date: dt.date | None,
            language: str | None) -> None:
    """Print what is extracted from each article, without writing a graph.

    One record per document: id, language, reference_date, entities, times and events, with
    character offsets into the input text exactly as given.
    """
    from graphbuilder.core import extract_documents, read_documents
    from graphbuilder.pipeline import extraction_record

    docs, failures, notices = read_documents(paths, reference_date=reference_date, language=language,
                                             stdin=sys.stdin)
    records = []
    for res in extract_documents(docs, reference_date=reference_date, language=language):
        if isinstance(res, str):
            failures.append(res)
            continue
        rec = extraction_record(res)
        if fmt == "jsonl":
            output.write(json.dumps(rec, ensure_ascii=False) + "\n")
        else:
            records.append(rec)
    if fmt == "json":
        output.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    for n in notices:
        click.echo(f"notice: {n}", err=True)
    for f in failures:
        click.echo(f"failed: {f}", err=True)
    if failures:
        sys.exit(3 if docs else 4)


@main.command()
@store_option
@click.option("--entity", default=None, help="Only events with this participant (name, alias or id).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def timeline(store: str, entity: str | None, as_json: bool) -> None:
    """Show the events of the embedded store in time order (planned ones marked)."""
    from graphbuilder.store.sqlite_store import SQLiteStore
    from graphbuilder.timeline import build_timeline, render_timeline

    _require_store(store)
    with SQLiteStore(store) as s:
        entries = build_timeline(s, entity=entity)
    render_timeline(entries, sys.stdout, as_json=as_json)


@main.command()
@store_option
@click.option("--format", "fmt", type=click.Choice(["apoc-jsonl", "graphml", "cypher"]), required=True,
              help="apoc-jsonl: APOC's JSON-lines export (load with apoc.import.json); graphml; "
                   "cypher: a script cypher-shell runs.")
@click.option("--output", "-o", type=click.File("w", encoding="utf-8"), default="-")
def export(store: str, fmt: str, output: Any) -> None:
    """Export the embedded store."""
    from graphbuilder.export import export as run_export
    from graphbuilder.store.sqlite_store import SQLiteStore

    _require_store(store)
    with SQLiteStore(store) as s:
        counts = run_export(s, fmt, output)  # type: ignore[arg-type]
    click.echo(f"exported {counts}", err=True)


@main.command()
@store_option
@with_neo4j
@click.option("--batch-size", type=click.IntRange(1), default=5000, show_default=True,
              help="Elements per write transaction.")
def push(store: str, neo4j_uri: str | None, batch_size: int, **kw: Any) -> None:
    """Copy the embedded store into Neo4j (same ids, MERGE: safe to repeat)."""
    from graphbuilder.core import open_sink
    from graphbuilder.core import push as run_push
    from graphbuilder.store.sqlite_store import SQLiteStore

    if not neo4j_uri:
        raise click.UsageError("give --neo4j-uri or set NEO4J_URI")
    _require_store(store)
    try:
        target = open_sink(neo4j_uri=neo4j_uri, **_neo4j_kwargs(kw))
    except Exception as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_STORE)
    with SQLiteStore(store) as s:
        try:
            counts = run_push(s, target, batch_size=batch_size)
        finally:
            target.close()
    click.echo(f"pushed to {neo4j_uri}: {counts}")


@main.command()
@store_option
@click.option("--json", "as_json", is_flag=True)
def review(store: str, as_json: bool) -> None:
    """List what needs an analyst: surname-only people that may be a full name seen in other
    articles (likely duplicates, with evidence) and disputed events."""
    from graphbuilder.review import review as run_review
    from graphbuilder.store.sqlite_store import SQLiteStore

    _require_store(store)
    with SQLiteStore(store) as s:
        res = run_review(s)
    if as_json:
        click.echo(json.dumps(res, ensure_ascii=False, indent=2))
        return
    click.echo(f"likely duplicates ({len(res['likely_duplicates'])}):")
    for a in res["likely_duplicates"]:
        click.echo(f"  {a['name']} ({a['id']}, {a['article_count']} article(s)) could be:")
        for c in a["candidates"]:
            shared = ", ".join(c["shared_context"]) or "nothing"
            click.echo(f"    {c['name']} ({c['id']}, {c['article_count']} article(s); mentioned alongside both: {shared})")
    click.echo(f"disputed events ({len(res['disputed_events'])}):")
    for d in res["disputed_events"]:
        click.echo(f"  {d['label']} ({d['id']}): status {d['status']}, reports conflict")
    if res["likely_duplicates"]:
        click.echo("decide with: graphbuilder merge SOURCE_ID TARGET_ID  or  graphbuilder split ID ID")


@main.command()
@click.argument("source")
@click.argument("target")
@store_option
@decisions_option
def merge(source: str, target: str, store: str, decisions: str | None) -> None:
    """Merge node SOURCE into TARGET now and on every later ingest (recorded in the decisions file)."""
    from graphbuilder.store.sqlite_store import SQLiteStore

    _require_store(store)
    dec = _load_decisions(decisions, store)
    with SQLiteStore(store) as s:
        a, b = s.get_node(source), s.get_node(target)
        if a is None or b is None:
            raise click.ClickException(f"no node with id {source if a is None else target!r} in {store}")
        if a.label != b.label:
            raise click.ClickException(f"cannot merge a {a.label} into a {b.label}")
        try:
            dec.add_merge(source, target)
        except ValueError as exc:
            raise click.ClickException(str(exc)) from None
        s.rename(source, target)
    dec.save()
    click.echo(f"merged {source} into {target}; recorded in {dec.path}")


@main.command()
@click.argument("first")
@click.argument("second")
@store_option
@decisions_option
def split(first: str, second: str, store: str, decisions: str | None) -> None:
    """Keep FIRST and SECOND apart on every later ingest (undoes a recorded merge of the two).

    Nodes already merged stay merged until the articles are ingested again into a fresh store."""
    dec = _load_decisions(decisions, store)
    try:
        dec.add_split(first, second)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    dec.save()
    click.echo(f"{first} and {second} will be kept apart; recorded in {dec.path}")


@main.group()
def schema() -> None:
    """Neo4j schema (constraints and indexes of cypher/schema.cypher)."""


@schema.command("apply")
@with_neo4j
def schema_apply(neo4j_uri: str | None, **kw: Any) -> None:
    """Apply the schema to Neo4j (idempotent: IF NOT EXISTS)."""
    from graphbuilder.core import open_sink

    if not neo4j_uri:
        raise click.UsageError("give --neo4j-uri or set NEO4J_URI")
    try:
        sink = open_sink(neo4j_uri=neo4j_uri, **_neo4j_kwargs(kw))
        sink.apply_schema()
        sink.close()
    except Exception as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_STORE)
    click.echo("schema applied")


@main.command()
@click.argument("query")
@click.option("--param", "-p", multiple=True, metavar="KEY=VALUE",
              help="Query parameter; VALUE is parsed as JSON when it can be (numbers, lists), else a string.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--write", is_flag=True, help="Run in write access mode (default: read-only).")
@click.option("--list", "list_only", is_flag=True, help="List the packaged queries and exit (QUERY ignored).")
@with_neo4j
def query(query: str, param: tuple[str, ...], fmt: str, write: bool, list_only: bool,
          neo4j_uri: str | None, **kw: Any) -> None:
    """Run an analyst query: a packaged query name (see --list) or a .cypher file."""
    from graphbuilder import queries

    if list_only:
        for q in queries.list_queries():
            click.echo(f"{q.name:32} {q.description}")
        return
    params: dict[str, Any] = {}
    for p in param:
        if "=" not in p:
            raise click.BadParameter(f"{p!r}: expected KEY=VALUE", param_hint="--param")
        k, v = p.split("=", 1)
        try:
            params[k] = json.loads(v)
        except json.JSONDecodeError:
            params[k] = v
    if not neo4j_uri:
        raise click.UsageError("give --neo4j-uri or set NEO4J_URI")
    nkw = _neo4j_kwargs(kw)
    try:
        rows = queries.run_query(query, params, neo4j_uri, user=nkw["user"], password=nkw["password"],
                                 database=nkw["database"], access_mode="WRITE" if write else "READ")
    except Exception as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_STORE)
    _print_rows(rows, fmt)


@main.command("eval")
@click.argument("corpus", type=click.Choice(["timeml", "germeval", "events", "meantime", "smartdata"]))
@click.argument("path", type=click.Path(exists=True))
@click.option("--peer", type=click.Path(exists=True, file_okay=False), default=None,
              help="timeml: another system's TimeML output (e.g. HeidelTime's), scored side by side.")
@click.option("--lang", "language", type=click.Choice(["de", "en"]), default=None,
              help="Language of the corpus (default: detected).")
@click.option("--limit", type=int, default=None, help="Only the first N documents (fast mode).")
@click.option("--shared", type=click.Path(exists=True, file_okay=False), default=None,
              help="events: the shared data folder holding the article texts (default ../shared).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable figures.")
def eval_cmd(corpus: str, path: str, peer: str | None, language: str | None, limit: int | None,
             shared: str | None, as_json: bool) -> None:
    """Score extraction against a gold corpus.

    \b
    timeml    TIMEX3 strict/relaxed/value P/R/F1, DCT excluded (KRAUTS, TempEval-3)
    germeval  GermEval 2014 TSV: PER/LOC/ORG exact-span P/R/F1 (outer level)
    events    our own event gold set (tests/gold/events/annotations.jsonl)
    meantime  MEANTIME NewsReader XML: entity recall, TIMEX3, cross-document B-cubed
    smartdata SmartData JSON: PER/ORG/LOC and DATE exact-span P/R/F1
    """
    from graphbuilder.evaluation.run import EvalError, format_table, run_eval

    try:
        res = run_eval(corpus, path, peer=peer, language=language, limit=limit, shared=shared)
    except EvalError as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(json.dumps(res, ensure_ascii=False, indent=2, default=str))
    else:
        click.echo(format_table(corpus, res))


def _print_rows(rows: list[dict[str, Any]], fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
        return
    cols = list(rows[0]) if rows else []
    if fmt == "csv":
        import csv

        w = csv.DictWriter(sys.stdout, fieldnames=cols)
        w.writeheader()
        for r in rows:
            w.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v
                        for k, v in r.items()})
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(*cols)
    for r in rows:
        table.add_row(*(str(r[c]) for c in cols))
    Console().print(table)
    click.echo(f"{len(rows)} row(s)")


def _require_store(path: str) -> None:
    import os

    if not os.path.exists(path):
        raise click.UsageError(f"no graph store at {path!r}: run `graphbuilder ingest` first or pass --store")


if __name__ == "__main__":  # pragma: no cover
    main()
