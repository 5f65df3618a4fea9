"""Command-line interface: a thin layer over :mod:`graphbuilder.core`.

Every graph command (``ingest``, ``timeline``, ``export``, ``review``, ``merge``, ``split``,
``push``, ``query``, ``schema apply``) finds its store through ONE function,
:func:`resolve_target`: an explicit option beats the environment, ``--store`` together with
``--neo4j-uri`` is a usage error. Errors are the typed exceptions of
:mod:`graphbuilder.errors`, mapped to exit codes by its one table (no traceback, no secret in
any message). Exit codes: 0 ok, 2 usage error, 3 some inputs failed (the others were
processed), 4 nothing could be processed, 5 store unreachable, 6 credentials refused,
7 store corrupt or unusable, 8 query not found, 9 query rejected by the server,
1 internal error.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import click

from graphbuilder import __version__
from graphbuilder.errors import (
    EXIT_CODE_HELP,
    GraphbuilderError,
    StoreError,
    UsageError,
    classify,
    exit_code,
    redact,
    split_uri_credentials,
)
from graphbuilder.limits import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_S, Limits

DEFAULT_STORE = "graphbuilder.db"
_SECRETS: list[str] = []  # passwords seen while resolving options: removed from every message


# -- the one resolution of store options and environment -----------------------------------


@dataclass(frozen=True)
class Target:
    """Which graph store a command uses (never printed with its password)."""

    kind: str  # "sqlite" or "neo4j"
    store: str | None = None
    uri: str | None = None  # without user:password@
    user: str | None = None
    password: str | None = None
    database: str | None = None

    def __str__(self) -> str:
        return self.store if self.kind == "sqlite" else str(self.uri)

    def __repr__(self) -> str:
        return f"Target(kind={self.kind!r}, store={self.store!r}, uri={self.uri!r}, user={self.user!r})"

    def neo4j_kwargs(self) -> dict[str, Any]:
        return {"user": self.user, "password": self.password, "database": self.database}


def resolve_target(
    *, store: str | None = None, neo4j_uri: str | None = None, user: str | None = None,
    password: str | None = None, database: str | None = None,
    env: Mapping[str, str] | None = None, want: str = "either",
) -> Target:
    """The store a command uses, from explicit options (None = not given) and ``env``.

    ``want``: ``"either"`` (graph commands), ``"sqlite"`` (the source of ``push``) or
    ``"neo4j"`` (``query``, ``schema apply``, the target of ``push``). Rules: an explicit
    option beats the environment; ``--store`` with ``--neo4j-uri`` is a usage error (except
    for ``push``, which uses both); with neither, ``NEO4J_URI`` selects Neo4j and
    ``GRAPHBUILDER_STORE`` a SQLite file (both set: usage error); else ./graphbuilder.db.
    Neo4j credentials: option, else ``user:password@`` in the URI, else ``NEO4J_USERNAME`` /
    ``NEO4J_PASSWORD``; the URI handed on never carries them."""
    env = os.environ if env is None else env
    env_uri = env.get("NEO4J_URI") or None
    env_store = env.get("GRAPHBUILDER_STORE") or None
    if want == "either":
        if store is not None and neo4j_uri is not None:
            raise UsageError("--store and --neo4j-uri name two different stores: give one of them")
        if store is None and neo4j_uri is None and env_uri and env_store:
            raise UsageError("both NEO4J_URI and GRAPHBUILDER_STORE are set: choose with "
                             "--store or --neo4j-uri")
        kind = "sqlite" if store is not None else "neo4j" if (neo4j_uri or env_uri) else "sqlite"
    else:
        kind = want
    if kind == "sqlite":
        path = store if store is not None else env_store or DEFAULT_STORE
        return Target("sqlite", store=path)
    uri = neo4j_uri or env_uri
    if not uri:
        raise UsageError("no Neo4j given: pass --neo4j-uri or set NEO4J_URI")
    clean, uri_user, uri_password = split_uri_credentials(uri)
    password = password if password is not None else uri_password
    if password is None:
        password = env.get("NEO4J_PASSWORD") or None
    user = user or uri_user or env.get("NEO4J_USERNAME") or "neo4j"
    for secret in (password, uri_password):
        if secret and secret not in _SECRETS:
            _SECRETS.append(secret)
    return Target("neo4j", uri=clean, user=user, password=password,
                  database=database or env.get("NEO4J_DATABASE") or None)


def open_target(target: Target, must_exist: bool = False) -> Any:
    """Open the store of ``target`` (typed errors; ``must_exist``: a SQLite file must be there)."""
    from graphbuilder.core import open_sink

    if target.kind == "sqlite":
        if must_exist and not os.path.exists(str(target.store)):
            raise UsageError(f"no graph store at {target.store!r}: run `graphbuilder ingest` "
                             "first or pass --store / --neo4j-uri")
        return open_sink(store=target.store)
    return open_sink(neo4j_uri=target.uri, **target.neo4j_kwargs())


def _target_from(kw: dict[str, Any], want: str = "either") -> Target:
    return resolve_target(store=kw.pop("store", None), neo4j_uri=kw.pop("neo4j_uri", None),
                          user=kw.pop("neo4j_user", None), password=kw.pop("neo4j_password", None),
                          database=kw.pop("neo4j_database", None), want=want)


# -- options --------------------------------------------------------------------------------


def _query_params(param: tuple[str, ...]) -> dict[str, Any]:
    """``--param KEY=VALUE`` options as query parameters (a JSON value when it parses, else text)."""
    params: dict[str, Any] = {}
    for p in param:
        if "=" not in p:
            raise click.BadParameter(f"{p!r}: expected KEY=VALUE", param_hint="--param")
        k, v = p.split("=", 1)
        try:
            params[k] = json.loads(v)
        except json.JSONDecodeError:
            params[k] = v
    return params


def _parse_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an ISO date (YYYY-MM-DD)") from None


store_option = click.option(
    "--store", type=click.Path(dir_okay=False), default=None,
    help=f"Embedded SQLite graph store file [default: $GRAPHBUILDER_STORE, else ./{DEFAULT_STORE}]. "
         "Wins over NEO4J_URI; not together with --neo4j-uri.")
neo4j_uri_option = click.option(
    "--neo4j-uri", default=None,
    help="Use Neo4j at this URI (bolt://, neo4j://, neo4j+s://) [default: $NEO4J_URI]. "
         "Not together with --store.")
neo4j_cred_options = [
    click.option("--neo4j-user", default=None, help="[default: $NEO4J_USERNAME, else neo4j]"),
    click.option("--neo4j-password", default=None,
                 help="[default: $NEO4J_PASSWORD] (prefer the variable: it stays out of shell history)"),
    click.option("--neo4j-database", default=None,
                 help="Database name [default: $NEO4J_DATABASE, else the server's default]"),
]
refdate_option = click.option(
    "--reference-date", callback=_parse_date, metavar="YYYY-MM-DD",
    help="Document creation time for articles whose metadata gives none. Without it, "
         "year-less dates stay partial (XXXX-12-02) and relative ones unanchored.")
doctype_option = click.option(
    "--document-type", type=click.Choice(["auto", "news", "narrative", "interview"]), default="auto",
    show_default=True,
    help="Profile of the time tagger: news (relative dates from the publication day), "
         "narrative (essays, history pieces: 'heute' is often the present, partial dates follow "
         "the story) or interview ('heute' is often the present, dates from the publication "
         "day). auto chooses per article from its explicit years, days and speaker tags.")
def _pack_language(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """A ``--lang`` value must name a language with a complete pack (shipped or GRAPHBUILDER_PACKS)."""
    from graphbuilder.packs import supported_languages

    known = supported_languages()
    if value is not None and value not in known:
        raise click.BadParameter(f"{value!r} has no language pack (known: {', '.join(known)})")
    return value


lang_option = click.option(
    "--lang", "language", callback=_pack_language, default=None, metavar="CODE",
    help="Force the language instead of detecting it per article: de, en, or a language "
         "with a pack in $GRAPHBUILDER_PACKS.")
pipeline_options = [
    click.option("--config", "pipeline_config", type=click.Path(dir_okay=False), default=None,
                 metavar="FILE",
                 help="Pipeline config (TOML, the layout of graphbuilder/data/pipeline.toml): "
                      "laid over the packaged defaults."),
    click.option("--component", "components", multiple=True, metavar="KIND=NAME",
                 help="Choose a stage's component, e.g. entities=rules (repeatable; wins over "
                      "--config). Kinds: furniture, sentences, temporal, entities, events."),
]


def with_pipeline(f: Any) -> Any:
    return _apply(f, pipeline_options)


def _pipeline(pipeline_config: str | None, components: tuple[str, ...], document_type: str) -> Any:
    """The extraction pipeline the command's options describe."""
    from graphbuilder.pipeline import Pipeline, load_config

    return Pipeline(document_type=document_type, config=load_config(pipeline_config, components))


workers_option = click.option(
    "--workers", type=click.IntRange(1), default=None,
    help="Extraction processes (default: the machine's cores); the output is the same whatever the number.")

limit_options = [
    click.option("--max-bytes", type=click.IntRange(0), default=DEFAULT_MAX_BYTES, show_default=True,
                 help="Refuse a file or stdin larger than this, unread (0: no limit)."),
    click.option("--timeout", type=click.FloatRange(0), default=DEFAULT_TIMEOUT_S, show_default=True,
                 help="Seconds one document may take to read or extract (0: no limit)."),
]
decisions_option = click.option(
    "--decisions", type=click.Path(dir_okay=False), default=None, envvar="GRAPHBUILDER_DECISIONS",
    help="Analyst decisions file (merges/splits applied on every ingest). Default: beside the "
         "store (graph.db -> graph.decisions.json), ./graphbuilder.decisions.json with Neo4j.")


def _apply(f: Any, options: list[Any]) -> Any:
    for opt in reversed(options):
        f = opt(f)
    return f


def with_neo4j(f: Any) -> Any:
    """--neo4j-uri and the credential options."""
    return _apply(f, [neo4j_uri_option, *neo4j_cred_options])


def with_store(f: Any) -> Any:
    """--store, --neo4j-uri and the credential options (every graph command)."""
    return _apply(f, [store_option, neo4j_uri_option, *neo4j_cred_options])


def with_limits(f: Any) -> Any:
    return _apply(f, limit_options)


def _limits(max_bytes: int, timeout: float) -> Limits:
    return Limits(max_bytes=max_bytes or None, timeout_s=timeout or None)


def _load_decisions(path: str | None, target: Target) -> Any:
    from graphbuilder.decisions import Decisions, default_path

    try:
        return Decisions.load(path or default_path(target.store if target.kind == "sqlite" else None))
    except ValueError as exc:
        raise UsageError(str(exc)) from None


# -- error reporting ------------------------------------------------------------------------


def _report(exc: BaseException) -> None:
    """Print ``exc`` (typed, secrets removed, no traceback) and exit with its code."""
    typed = classify(exc)
    code = exit_code(typed)
    text = str(typed) if isinstance(typed, GraphbuilderError) else f"{type(typed).__name__}: {typed}"
    if code == 1:
        text = f"internal error: {text}"
    click.echo(f"error: {redact(text, _SECRETS)}", err=True)
    sys.exit(code)


class _Main(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as exc:
            if os.environ.get("GRAPHBUILDER_DEBUG"):
                raise
            _report(exc)


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]},
             epilog=EXIT_CODE_HELP)
@click.version_option(__version__, prog_name="graphbuilder")
def main() -> None:
    """Turn news articles (German, English) into an event-timeline knowledge graph.

    Offline and deterministic: models trained on open corpora and shipped inside the package
    (names, part of speech, event triggers, roles and status), grammar rules and
    a temporal tagger of its own; nothing is downloaded at run time. The graph
    goes into an embedded SQLite store (default ./graphbuilder.db) or, with --neo4j-uri /
    NEO4J_URI, into Neo4j. An explicit --store wins over NEO4J_URI. Start with:
    graphbuilder ingest examples/
    """


@main.command(epilog=EXIT_CODE_HELP)
@click.argument("paths", nargs=-1, required=True)
@with_store
@refdate_option
@lang_option
@with_limits
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option("--json", "as_json", is_flag=True, help="Print the closing summary as JSON.")
@decisions_option
@doctype_option
@with_pipeline
@workers_option
@click.option("--batch-size", type=click.IntRange(1), default=200, show_default=True,
              help="Articles resolved and written per transaction; the graph is the same "
                   "whatever the size.")
def ingest(paths: tuple[str, ...], reference_date: dt.date | None, language: str | None,
           quiet: bool, as_json: bool, decisions: str | None, max_bytes: int, timeout: float,
           document_type: str = "auto", pipeline_config: str | None = None,
           components: tuple[str, ...] = (), workers: int | None = None, batch_size: int = 200,
           **kw: Any) -> None:
    """Ingest articles into the graph (files, directories recursively, or - for stdin).

    Formats: .txt/.md, .html, .json/.jsonl. Re-ingesting the same articles changes nothing; a
    plain text file with the text of a record (read in the same run or stored before) is that
    article, read once, and a record replaces its plain text copy stored by an earlier run.
    Each input is read and extracted in its own guard: a bad, oversized or too slow input is
    named in the summary and the others go on. FIFOs, devices and the store's own files are
    skipped. A path that does not exist is a usage error (exit 2) before any store is created.
    The summary counts the distinct events and entities of this run as stored after merging.
    """
    from graphbuilder.core import default_workers
    from graphbuilder.core import ingest as run_ingest
    from graphbuilder.read import check_inputs

    target = _target_from(kw)
    check_inputs(paths)
    pipe = _pipeline(pipeline_config, components, document_type)
    dec = _load_decisions(decisions, target)
    sink = open_target(target)
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
                             stdin=sys.stdin, progress=progress_cb, decisions=dec,
                             limits=_limits(max_bytes, timeout), pipeline=pipe,
                             batch_size=batch_size, workers=workers or default_workers())
    except StoreError as exc:
        if exc.committed is not None:
            click.echo(f"note: {exc.committed} article(s) of this run were committed before the "
                       "failure; re-run the same command to complete it (re-ingesting is safe)",
                       err=True)
        raise
    finally:
        if progress:
            progress.stop()
        sink.close()
    if as_json:
        click.echo(json.dumps(summary.as_dict(), indent=2, ensure_ascii=False))
    else:
        for note in summary.notices:
            click.echo(f"notice: {note}", err=True)
        for fail in summary.failures:
            click.echo(f"failed: {fail}", err=True)
        click.echo(f"ingested {summary.articles} article(s) into {target}: {summary.events} event(s), "
                   f"{summary.entities} entit{'y' if summary.entities == 1 else 'ies'} "
                   f"(as stored after merging), {len(summary.failures)} failure(s)")
    sys.exit(summary.exit_code)


@main.command(epilog=EXIT_CODE_HELP)
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json"]), default="jsonl", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, allow_dash=True), default="-",
              help="Output file (default stdout).")
@refdate_option
@lang_option
@doctype_option
@with_limits
@with_pipeline
@workers_option
def extract(paths: tuple[str, ...], fmt: str, output: str, reference_date: dt.date | None,
            language: str | None, max_bytes: int, timeout: float, document_type: str = "auto",
            pipeline_config: str | None = None, components: tuple[str, ...] = (),
            workers: int | None = None) -> None:
    """Print what is extracted from each article, without writing a graph.

    One record per document: id, language, reference_date, entities, times and events, with
    character offsets into the input text exactly as given.
    """
    from graphbuilder.core import default_workers, extract_documents, scan_inputs, stream_documents
    from graphbuilder.errors import Failure
    from graphbuilder.pipeline import extraction_record
    from graphbuilder.read import check_inputs

    check_inputs(paths)
    pipe = _pipeline(pipeline_config, components, document_type)
    limits = _limits(max_bytes, timeout)
    scan = scan_inputs(paths, reference_date=reference_date, language=language, stdin=sys.stdin,
                       limits=limits)
    failures, notices = scan.failures, scan.notices
    docs = stream_documents(paths, scan, reference_date=reference_date, language=language, limits=limits)
    workers = workers or default_workers()
    if scan.documents < 4 * workers:
        workers = 1
    records = []
    done = 0
    with click.open_file(output, "w", encoding="utf-8") as out:
        for res in extract_documents(docs, reference_date=reference_date, language=language,
                                     limits=limits, pipeline=pipe,
                                     repeated=scan.repeated(), workers=workers,
                                     then=extraction_record):
            if isinstance(res, Failure):
                failures.append(res)
                continue
            done += 1
            rec = res
            if fmt == "jsonl":
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            else:
                records.append(rec)
        if fmt == "json":
            out.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    for n in notices:
        click.echo(f"notice: {n}", err=True)
    for f in failures:
        click.echo(f"failed: {f}", err=True)
    if failures:
        sys.exit(3 if done else 4)


@main.command(epilog=EXIT_CODE_HELP)
@with_store
@click.option("--entity", default=None, help="Only events with this participant (name, alias or id).")
@click.option("--all", "show_all", is_flag=True,
              help="Also events without any participant (kept with their evidence, hidden by default).")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=None, metavar="0..1",
              help="Hide people, organisations and places whose confidence (best mention) is lower.")
@click.option("--min-event-confidence", type=click.FloatRange(0, 1), default=None, metavar="0..1",
              help="Hide events whose confidence is lower (learned extractor: the probability that the event "
                   "is real and its participants right; a line says how many were hidden).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def timeline(entity: str | None, show_all: bool, min_confidence: float | None, min_event_confidence: float | None,
             as_json: bool, **kw: Any) -> None:
    """Show the events of the graph (SQLite store or Neo4j) in time order (planned ones marked),
    each with its readable label in its article's language (who did what: "Nordlicht stellt
    Kameras vor"). Events without any participant are hidden unless --all."""
    from graphbuilder.timeline import build_timeline, render_timeline

    hidden: list[str] = []
    doubtful: list[str] = []
    with open_target(_target_from(kw), must_exist=True) as s:
        entries = build_timeline(s, entity=entity, include_all=show_all, min_confidence=min_confidence,
                                 hidden=hidden, min_event_confidence=min_event_confidence, doubtful=doubtful)
    render_timeline(entries, sys.stdout, as_json=as_json, hidden=len(hidden), doubtful=len(doubtful))


@main.command(epilog=EXIT_CODE_HELP)
@with_store
@click.option("--entity", default=None, help="Only events with this participant or place (name, alias or id).")
@click.option("--from", "date_from", callback=_parse_date, metavar="YYYY-MM-DD",
              help="Only dated events ending on or after this day.")
@click.option("--to", "date_to", callback=_parse_date, metavar="YYYY-MM-DD",
              help="Only dated events starting on or before this day.")
@click.option("--query", "query_name", default=None, metavar="NAME|FILE.cypher",
              help="Only the events (or the events of the entities) a packaged query or a .cypher file "
                   "returns; needs Neo4j. See `graphbuilder query --list`.")
@click.option("--param", "-p", multiple=True, metavar="KEY=VALUE", help="Parameter of --query (repeatable).")
@click.option("--query-result", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Only the events whose ids appear in this JSON file (e.g. `graphbuilder query ... --format json`).")
@click.option("--sources", multiple=True, type=click.Path(exists=True), metavar="PATH",
              help="The ingested articles (files or folders, repeatable): their evidence sentences are shown "
                   "when the store does not keep the sentence text. Changed files are skipped.")
@click.option("--lang", "language", type=click.Choice(["de", "en"]), default="en", show_default=True,
              help="Language of the page's labels (switchable in the page).")
@click.option("--max-lanes", type=click.IntRange(1), default=12, show_default=True,
              help="Lanes for the participants in most events; the rest share one lane.")
@click.option("--title", default=None, help="Page title (default: what is shown).")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=None, metavar="0..1",
              help="Leave out people, organisations and places whose confidence (best mention) is lower.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), default="timeline.html",
              show_default=True, help="The HTML file to write.")
def view(entity: str | None, date_from: dt.date | None,
         date_to: dt.date | None, query_name: str | None, param: tuple[str, ...], query_result: str | None,
         sources: tuple[str, ...], language: str, max_lanes: int, title: str | None,
         min_confidence: float | None, output: str, **kw: Any) -> None:
    """Write one self-contained HTML timeline (no network needed to open it).

    Lanes per main participant (or per event type), events on their interval, status styles,
    report history marks, details with the evidence sentences; filters, search, zoom. Reads the
    embedded store, or Neo4j with --neo4j-uri / NEO4J_URI: the same graph gives the same page.
    """
    from graphbuilder.view import (
        ViewError, build_view, event_ids_from_rows, load_graph, render_html, texts_from_sources)

    if date_from and date_to and date_from > date_to:
        raise click.BadParameter(f"--from {date_from} is after --to {date_to}", param_hint="--from")
    target = _target_from(kw)
    if query_name and target.kind != "neo4j":
        raise click.UsageError("--query runs Cypher and needs Neo4j (--neo4j-uri or NEO4J_URI); with the "
                               "embedded store pass a saved result with --query-result")
    source = open_target(target, must_exist=True)
    only: set[str] | None = None
    try:
        graph = load_graph(source)
        if query_name:
            from graphbuilder import queries

            params = _query_params(param)
            try:
                rows = queries.run_query(query_name, params, source.driver,
                                         database=target.neo4j_kwargs().get("database"))
            except (KeyError, ValueError) as exc:
                raise click.ClickException(str(exc).strip("'\"")) from None
            only = event_ids_from_rows(rows)
    finally:
        source.close()
    if query_result:
        try:
            with open(query_result, encoding="utf-8") as fh:
                rows = json.load(fh)
        except (OSError, ValueError) as exc:
            raise click.ClickException(f"{query_result}: not a JSON query result ({exc})") from None
        found = event_ids_from_rows(rows)
        only = found if only is None else only & found
    texts: dict[str, str] = {}
    if sources:
        articles = {n.id: n.props for n in graph.nodes if n.label == "Article"}
        texts, notes = texts_from_sources(list(sources), articles)
        for note in notes:
            click.echo(f"notice: {note}", err=True)
    try:
        model = build_view(graph, entity=entity, start=date_from, end=date_to, only=only, texts=texts,
                           max_lanes=max_lanes, lang=language, title=title,
                           query=query_name or (query_result and "result"), min_confidence=min_confidence)
    except ViewError as exc:
        raise click.ClickException(str(exc)) from None
    page = render_html(model)
    try:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(page)
    except OSError as exc:
        raise click.ClickException(f"cannot write {output}: {exc}") from None
    c = model["counts"]
    click.echo(f"wrote {output}: {c['events']} event(s) ({c['dated']} dated, {c['undated']} undated), "
               f"{len(model['lanes']['participant'])} lane(s), evidence sentences for {c['with_evidence']}")


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def check_export_output(output: str, target: Target, decisions: str | None = None) -> None:
    """Refuse an export written onto its source: the store file (also via a symlink or hard
    link), its -wal/-shm/-journal files or its decisions file."""
    if output == "-" or target.kind != "sqlite":
        return
    from graphbuilder.decisions import default_path

    store = str(target.store)
    protected = [store, store + "-wal", store + "-shm", store + "-journal",
                 decisions or str(default_path(store))]
    for path in protected:
        same = (_same_file(output, path) if os.path.exists(output) and os.path.exists(path)
                else os.path.realpath(output) == os.path.realpath(path))
        if same:
            which = "" if path == store else f" (its file {path!r})"
            raise UsageError(f"refusing to write the export onto its source: {output!r} is the "
                             f"store {store!r}{which}; choose another -o")


@main.command(epilog=EXIT_CODE_HELP)
@with_store
@click.option("--format", "fmt", type=click.Choice(["apoc-jsonl", "graphml", "cypher"]), required=True,
              help="apoc-jsonl: APOC's JSON-lines export (load with apoc.import.json); graphml; "
                   "cypher: a script cypher-shell runs.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, allow_dash=True), default="-",
              help="Output file (default stdout); never the source store (exit 2).")
def export(fmt: str, output: str, **kw: Any) -> None:
    """Export the graph (SQLite store or Neo4j)."""
    from graphbuilder.export import export as run_export

    target = _target_from(kw)
    check_export_output(output, target)
    with open_target(target, must_exist=True) as s:
        batch = s.to_batch()
    with click.open_file(output, "w", encoding="utf-8", atomic=output != "-") as out:
        counts = run_export(batch, fmt, out)  # type: ignore[arg-type]
    click.echo(f"exported {counts}", err=True)


@main.command(epilog=EXIT_CODE_HELP)
@with_store
@click.option("--batch-size", type=click.IntRange(1), default=5000, show_default=True,
              help="Elements per write transaction.")
def push(batch_size: int, **kw: Any) -> None:
    """Copy the embedded store (--store) into Neo4j (--neo4j-uri): same ids, MERGE, safe to repeat."""
    from graphbuilder.core import push as run_push

    store = kw.pop("store", None)
    source = resolve_target(store=store, want="sqlite")
    target = _target_from(kw, want="neo4j")
    with open_target(source, must_exist=True) as s, open_target(target) as t:
        counts = run_push(s, t, batch_size=batch_size)
    click.echo(f"pushed {source} to {target}: {counts}")


@main.command(epilog=EXIT_CODE_HELP)
@with_store
@click.option("--json", "as_json", is_flag=True)
def review(as_json: bool, **kw: Any) -> None:
    """List what needs an analyst: surname-only people that may be a full name seen in other
    articles (likely duplicates), doubtful merges (a person with different first names, an
    organisation seen in articles about different countries, an event whose reports disagree
    on place or day) and disputed events, each with its evidence."""
    from graphbuilder.review import review as run_review

    with open_target(_target_from(kw), must_exist=True) as s:
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
    click.echo(f"doubtful merges: people with different first names ({len(res['doubtful_people'])}):")
    for d in res["doubtful_people"]:
        names = "; ".join(f"{', '.join(a)}" for a in d["first_names"].values())
        click.echo(f"  {d['name']} ({d['id']}): {names} — articles: {', '.join(d['articles'])}")
    click.echo(f"doubtful merges: organisations seen in articles about different countries "
               f"({len(res['doubtful_organizations'])}):")
    for d in res["doubtful_organizations"]:
        where = "; ".join(f"{c}: {', '.join(a)}" for c, a in d["articles_by_country"].items())
        click.echo(f"  {d['name']} ({d['id']}, aliases {', '.join(d['aliases'])}): {where}")
    click.echo(f"doubtful merges: events whose reports disagree ({len(res['doubtful_events'])}):")
    for d in res["doubtful_events"]:
        click.echo(f"  {d['label']} ({d['id']}): {', '.join(d['why'])}")
        for r in d["reports"]:
            said = ", ".join(x for x in (r["location"], r["day"] or r["time_text"]) if x) or "no place or day"
            click.echo(f"    {r['article']} ({r['published']}): {said}" + (f" — {r['sentence']}" if r["sentence"] else ""))
    if res["likely_duplicates"] or any(res[k] for k in ("doubtful_people", "doubtful_organizations", "doubtful_events")):
        click.echo("decide with: graphbuilder merge SOURCE_ID TARGET_ID  or  graphbuilder split ID ID")


@main.command(epilog=EXIT_CODE_HELP)
@click.argument("source")
@click.argument("target_id", metavar="TARGET")
@with_store
@decisions_option
def merge(source: str, target_id: str, decisions: str | None, **kw: Any) -> None:
    """Merge node SOURCE into TARGET now and on every later ingest (recorded in the decisions file)."""
    from graphbuilder.curate import merge_nodes

    target = _target_from(kw)
    dec = _load_decisions(decisions, target)
    with open_target(target, must_exist=True) as s:
        merge_nodes(s, dec, source, target_id, where=str(target))
    click.echo(f"merged {source} into {target_id}; recorded in {dec.path}")


@main.command(epilog=EXIT_CODE_HELP)
@click.argument("first")
@click.argument("second")
@with_store
@decisions_option
def split(first: str, second: str, decisions: str | None, **kw: Any) -> None:
    """Keep FIRST and SECOND apart on every later ingest (undoes a recorded merge of the two).

    Nodes already merged stay merged until the articles are ingested again into a fresh store."""
    from graphbuilder.curate import keep_apart

    dec = _load_decisions(decisions, _target_from(kw))
    keep_apart(dec, first, second)
    click.echo(f"{first} and {second} will be kept apart; recorded in {dec.path}")


@main.group()
def schema() -> None:
    """Neo4j schema (constraints and indexes of cypher/schema.cypher)."""


@schema.command("apply", epilog=EXIT_CODE_HELP)
@with_neo4j
def schema_apply(**kw: Any) -> None:
    """Apply the schema to Neo4j (idempotent: IF NOT EXISTS)."""
    with open_target(_target_from(kw, want="neo4j")) as sink:
        sink.apply_schema()
    click.echo("schema applied")


@main.command(epilog=EXIT_CODE_HELP)
@click.argument("query", required=False)
@click.option("--param", "-p", multiple=True, metavar="KEY=VALUE",
              help="Query parameter; VALUE is parsed as JSON when it can be (numbers, lists), else a string.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--write", is_flag=True, help="Run in write access mode (default: read-only).")
@click.option("--list", "list_only", is_flag=True, help="List the packaged queries and exit (QUERY ignored).")
@with_neo4j
def query(query: str | None, param: tuple[str, ...], fmt: str, write: bool, list_only: bool,
          **kw: Any) -> None:
    """Run an analyst query against Neo4j: a packaged query NAME (see --list) or a FILE.cypher.

    A bare name only ever means a packaged query (no file in the current folder shadows it);
    a file must be given as a path ending in .cypher. Exit 8 when the query does not exist,
    9 when the server rejects it, 2 for a missing parameter."""
    from graphbuilder import queries

    if list_only:
        for q in queries.list_queries():
            click.echo(f"{q.name:32} {q.description}")
        return
    if not query:
        raise UsageError("give a query name (see --list) or a .cypher file")
    queries.resolve_query(query)  # exit 8 before anything else when it does not exist
    params = _query_params(param)
    target = _target_from(kw, want="neo4j")
    rows = queries.run_query(query, params, target.uri, database=target.database,
                             access_mode="WRITE" if write else "READ",
                             user=target.user, password=target.password)
    _print_rows(rows, fmt)


@main.command("eval")
@click.argument("corpus", type=click.Choice(["timeml", "germeval", "events", "meantime", "smartdata", "conll"]))
@click.argument("path", type=click.Path(exists=True))
@click.option("--peer", type=click.Path(exists=True, file_okay=False), default=None,
              help="timeml: another system's TimeML output (e.g. HeidelTime's), scored side by side.")
@click.option("--lang", "language", type=click.Choice(["de", "en"]), default=None,
              help="Language of the corpus (default: detected).")
@click.option("--limit", type=int, default=None, help="Only the first N documents (fast mode).")
@click.option("--shared", type=click.Path(exists=True, file_okay=False), default=None,
              help="events: the shared data folder holding the article texts (default ../shared).")
@click.option("--split", type=click.Choice(["train", "test"]), default=None,
              help="events: only the articles of this fixed split (test = sha256(doc id) mod 5 == 0).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable figures.")
def eval_cmd(corpus: str, path: str, peer: str | None, language: str | None, limit: int | None,
             shared: str | None, split: str | None, as_json: bool) -> None:
    """Score extraction against a gold corpus.

    \b
    timeml    TIMEX3 strict/relaxed/value P/R/F1, DCT excluded (KRAUTS, TempEval-3)
    germeval  GermEval 2014 TSV: PER/LOC/ORG exact-span P/R/F1 (outer level)
    events    our own event gold: a .jsonl file or a folder of them
              (tests/gold/events/annotations.jsonl, tests/gold/events/corpus/)
    meantime  MEANTIME NewsReader XML: entity recall, TIMEX3, cross-document B-cubed
    smartdata SmartData JSON: PER/ORG/LOC and DATE exact-span P/R/F1
    conll     CoNLL-2003 English: PER/LOC/ORG exact-span P/R/F1 (MISC not scored)

    Entities come from the component named by GRAPHBUILDER_NER (crf, the default, or rules).
    """
    from graphbuilder.evaluation.run import EvalError, format_table, run_eval

    try:
        res = run_eval(corpus, path, peer=peer, language=language, limit=limit, shared=shared,
                       split=split)
    except EvalError as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(json.dumps(res, ensure_ascii=False, indent=2, default=str))
    else:
        click.echo(format_table(corpus, res))


@main.group()
def train() -> None:
    """Train a shipped model from ../shared/train (developers only; CI never trains)."""


@train.command("ner")
@click.option("--lang", type=click.Choice(["de", "en"]), required=True)
@click.option("--shared", type=click.Path(exists=True, file_okay=False), default="../shared",
              show_default=True, help="The shared data folder (train/ and eval/).")
@click.option("--output-dir", type=click.Path(file_okay=False), default=None,
              help="Where to write ner-LANG.crfsuite and its training report "
                   "(default: the package's data/models).")
@click.option("--no-cv", is_flag=True, help="de: skip the GermEval dev cross-validation.")
@click.option("--silver", is_flag=True,
              help="de: add WikiANN-de, Europeana and legal NER (lowered dev F1; experiments only).")
@click.option("--project-gold", type=click.Path(file_okay=False), default=None,
              help="de: folder of the project's name annotations (*.jsonl) "
                   "[default: tests/gold/ner/de, skipped when absent].")
@click.option("--project-limit", type=click.IntRange(min=0), default=None,
              help="de: train on at most this many sentences of their train split (0 = none; "
                   "for learning curves).")
@click.option("--stack", type=click.IntRange(min=0), default=None,
              help="Add a stacked second-pass CRF trained on this many jackknife folds of the "
                   "first pass's outputs (0 = one CRF) [default: the language's setting].")
def train_ner(lang: str, shared: str, output_dir: str | None, no_cv: bool, silver: bool,
              project_gold: str | None, project_limit: int | None, stack: int | None) -> None:
    """Train the CRF name recogniser of one language (deterministic, a few minutes).

    \b
    de: GermEval 2014 dev + the train split of the project's own annotations;
        figures by 3-fold cross-validation of GermEval dev (fold 3 = blind part; the
        project's sentences are added to every fold's training) and on the project's
        test split
    en: CoNLL-2003 train; figures on testa (documents index % 3 == 2 = blind part)
    """
    from pathlib import Path

    from graphbuilder.extract.ner.model import MODEL_DIR
    from graphbuilder.extract.ner.project_gold import GOLD_DIR
    from graphbuilder.extract.ner.train import train as run_training

    gold_dir = Path(project_gold) if project_gold else GOLD_DIR
    if project_gold and not gold_dir.is_dir():
        raise click.ClickException(f"{gold_dir}: no folder of name annotations")
    try:
        run_training(lang, Path(shared), Path(output_dir) if output_dir else MODEL_DIR, cv=not no_cv,
                     silver=silver, log=lambda msg: click.echo(msg, err=True),
                     project_gold=gold_dir, project_limit=project_limit, stack=stack)
    except (FileNotFoundError, ValueError) as exc:
        raise click.ClickException(str(exc)) from None


@train.command("pos")
@click.option("--lang", type=click.Choice(["de", "en"]), required=True)
@click.option("--shared", type=click.Path(exists=True, file_okay=False), default="../shared",
              show_default=True, help="The shared data folder (train/ud).")
@click.option("--output-dir", type=click.Path(file_okay=False), default=None,
              help="Where to write pos-LANG.crfsuite (default: the package's data/models).")
def train_pos(lang: str, shared: str, output_dir: str | None) -> None:
    """Train the part-of-speech CRF of the linguistic layer on Universal Dependencies.

    \b
    de: UD German GSD dev+test and PUD (last 200 PUD sentences = dev)
    en: UD English EWT train (EWT dev = dev)
    """
    from pathlib import Path

    from graphbuilder.extract.linguistic import MODEL_DIR, train_pos as run_training

    try:
        run_training(lang, Path(shared), Path(output_dir) if output_dir else MODEL_DIR,
                     log=lambda msg: click.echo(msg, err=True))
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from None


@train.command("parse")
@click.option("--lang", type=click.Choice(["en"]), required=True)
@click.option("--shared", type=click.Path(exists=True, file_okay=False), default="../shared",
              show_default=True, help="The shared data folder (train/ud).")
@click.option("--output-dir", type=click.Path(file_okay=False), default=None,
              help="Where to write parse-LANG.json.gz (default: the package's data/models).")
@click.option("--epochs", type=click.IntRange(1, 50), default=10, show_default=True,
              help="Perceptron passes over the treebank.")
def train_parse(lang: str, shared: str, output_dir: str | None, epochs: int) -> None:
    """Train the dependency parser of the linguistic layer on Universal Dependencies.

    \b
    en: UD English EWT train with UPOS from the shipped tagger (EWT dev = dev);
        deterministic (fixed seed and order); 18 minutes on a loaded 2-core machine
    """
    from pathlib import Path

    from graphbuilder.extract.depparse import MODEL_DIR, train as run_training

    try:
        run_training(lang, Path(shared), Path(output_dir) if output_dir else MODEL_DIR,
                     epochs=epochs, tags="predicted", log=lambda msg: click.echo(msg, err=True))
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from None


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


if __name__ == "__main__":  # pragma: no cover
    main()
