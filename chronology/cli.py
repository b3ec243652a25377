"""The ``chronology`` command: a thin typer layer over the library.

Every command calls library functions and formats their results. ``main`` is the one place
where a ``ChronologyError`` (a user's mistake) becomes one line per problem on stderr and a
non-zero exit, instead of a traceback.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from chronology import __version__
from chronology.errors import ChronologyError, Problem, UsageError, printable
from chronology.files import DEFAULT_MAX_FILE_SIZE
from chronology.formats import encode, plural

if TYPE_CHECKING:
    from chronology.corpus import Extracted
    from chronology.model import Chronology
    from chronology.project import Project


class _Group(TyperGroup):
    """Turns a ChronologyError from any command into one line per problem and its exit code.

    Exit 1 for bad data, 2 for a usage mistake (``UsageError``), as click does for its own.

    This is the only place that happens, and it sits inside the app so that typer's
    ``CliRunner`` in the tests sees exactly what a user sees.
    """

    def invoke(self, ctx: Any) -> Any:  # click.Context: typer bundles click, never imported
        try:
            return super().invoke(ctx)
        except ChronologyError as exc:
            lines = str(exc).splitlines() or [type(exc).__name__]
            for line in lines:
                typer.echo(line if exc.problems else f"Error: {printable(line)}", err=True)
            raise typer.Exit(exc.exit_code) from None


app = typer.Typer(
    cls=_Group,
    rich_markup_mode=None,
    help="Build one honest, attributed timeline from sources that disagree.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    # a fixed width keeps --help identical everywhere, so the README can include it verbatim
    context_settings={
        "help_option_names": ["-h", "--help"],
        "terminal_width": 100,
        "max_content_width": 100,
    },
)

ProjectOption = Annotated[
    Path | None,
    typer.Option(
        "--project",
        help="The project folder (default: the current folder or the nearest one above it "
        "with a chronology.yaml).",
        file_okay=False,
        show_default=False,
    ),
]
EventsOption = Annotated[
    Path | None,
    typer.Option(
        "--events",
        help="The curated events file (default: the project's).",
        dir_okay=False,
        show_default=False,
    ),
]
SeedsOption = Annotated[
    Path | None,
    typer.Option(
        "--seeds",
        help="A folder with the source documents and their sources.yaml (default: the project's).",
        show_default=False,
    ),
]


def _project(folder: Path | None, events: Path | None = None, seeds: Path | None = None) -> Project:
    """The project a command works on, with any paths given on the command line."""
    from chronology.project import open_project

    explicit = events is not None and seeds is not None
    return open_project(folder, old_layout_ok=explicit).with_paths(events, seeds)


class Mode(StrEnum):
    """How the extractor reads dates without a year (see chronology.extract.extract_text)."""

    auto = "auto"
    news = "news"
    narrative = "narrative"


ModeOption = Annotated[
    Mode,
    typer.Option(
        "--mode",
        help="How dates without a year are read: news (from the creation date), narrative "
        "(from the time the story has reached) or auto (decided per document from its text).",
    ),
]


def _check_outputs(
    outputs: list[tuple[str, Path]], reads: list[Path], folder: tuple[str, Path] | None = None
) -> None:
    """Refuse, before any work, outputs that are inputs, folders or special files (exit 2).

    ``outputs`` pairs each path with the option that names it, for the message.
    """
    from chronology.files import check_output, check_output_folder, files_under

    if folder is not None:
        try:
            check_output_folder(folder[1])
        except UsageError as exc:
            raise UsageError(f"{folder[0]} {exc}") from None
    inputs = files_under(reads)
    for flag, output in outputs:
        try:
            check_output(output, inputs)
        except UsageError as exc:
            raise UsageError(f"{flag} {exc}") from None


@contextmanager
def _loading() -> Iterator[Callable[[int, int], None] | None]:
    """A progress callback for loading that shows a bar on a terminal's stderr after 1 s.

    Small files load before the bar would appear; pipes and CI logs never get one.
    """
    if not sys.stderr.isatty():
        yield None
        return
    started = time.monotonic()
    bars: list[Any] = []

    def update(done: int, total: int) -> None:
        """Both halves of loading report (done, total) in their own units: shown per mille."""
        if not bars:
            if time.monotonic() - started < 1 or done >= total:
                return
            bars.append(typer.progressbar(length=1000, label="loading", file=sys.stderr))
            bars[0].__enter__()
        bars[0].update(max(0, 1000 * done // max(total, 1) - bars[0].pos))

    try:
        yield update
    finally:
        if bars:
            bars[0].__exit__(None, None, None)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"chronology {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show version.")
    ] = False,
    max_file_size: Annotated[
        int,
        typer.Option(
            "--max-file-size",
            min=1,
            metavar="MB",
            help="Refuse to read any file larger than this many megabytes.",
        ),
    ] = DEFAULT_MAX_FILE_SIZE // (1024 * 1024),
) -> None:
    """Build one honest, attributed timeline from sources that disagree."""
    from chronology.files import set_max_file_size

    set_max_file_size(max_file_size * 1024 * 1024)


@app.command()
def check(
    project: ProjectOption = None, events: EventsOption = None, seeds: SeedsOption = None
) -> None:
    """Validate sources.yaml, events.yaml, drafts and every quote; list each problem's line."""
    current = _project(project, events, seeds)
    events = current.events
    with _loading() as progress:
        chronology, problems = current.check(progress)
    if problems:
        for problem in problems:
            typer.echo(str(problem), err=True)
        typer.echo(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found", err=True)
        raise typer.Exit(1)
    assert chronology is not None
    accounts = sum(len(e.accounts) for e in chronology.events)
    typer.echo(
        f"{events}: {plural(len(chronology.events), 'event')}, {plural(accounts, 'account')} "
        f"from {plural(len(chronology.sources), 'source')}: no problems"
    )


@app.command()
def init(
    folder: Annotated[
        Path, typer.Argument(help="Folder of the new project (created if needed).", file_okay=False)
    ] = Path("."),
) -> None:
    """Start a new story: chronology.yaml, sources.yaml, events.yaml and a documents folder."""
    from chronology.project import init as run_init

    created = run_init(folder)
    for path in created.files:
        typer.echo(f"wrote {path}{'/' if path.is_dir() else ''}")
    typer.echo("next: chronology add FILE_OR_URL ... (see README.md in the project)")


@app.command()
def add(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Saved web pages (.html), PDFs, .txt or .md files, or http(s) addresses.",
            metavar="FILE_OR_URL",
        ),
    ],
    project: ProjectOption = None,
) -> None:
    """Register documents as sources: text into the documents folder, metadata into sources.yaml.

    Prints, for each document, the fields it could not determine for you to fill in. Nothing
    is written when any input cannot be added.
    """
    from chronology.add import add as run_add

    current = _project(project)
    for added in run_add(current, inputs):
        typer.echo(
            f"added {added.origin} as source '{Path(added.document).stem}' "
            f"({(current.documents / added.document).as_posix()})"
        )
        if added.missing:
            typer.echo(
                f"  not found, fill in {current.sources.as_posix()}: {', '.join(added.missing)}"
            )


@app.command()
def draft(
    project: ProjectOption = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="Write the drafts here (default: the project's candidates.yaml).",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    category: Annotated[
        str | None,
        typer.Option(
            "--category",
            help="Category of new candidates (default: the project's first).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Draft candidate events from the dated sentences no account quotes yet.

    Groups the same event told by several sources into one candidate (one account per source,
    with its date, quote, figures and whom it cites) and proposes accounts for the curated
    events, including those whose dates conflict. Never touches the events file.
    """
    from chronology.draft import draft as run_draft
    from chronology.draft import write

    current = _project(project)
    target = output or current.candidates
    if output is not None:
        _check_outputs([("--output", output)], current.inputs)
    with _loading() as progress:
        chronology = current.load(progress)
    drafts = run_draft(chronology, _draft_category(chronology, category))
    write(drafts, target, current.events)
    typer.echo(drafts.summary(target))


def _draft_category(chronology: Chronology, category: str | None) -> str:
    """The category of new candidates: the one asked for, else the project's first."""
    declared = [c.id for c in chronology.categories]
    chosen = category or (declared[0] if declared else "context")
    if declared and chosen not in declared:
        raise UsageError(
            f"--category {chosen!r} is not declared; choose from {', '.join(declared)}"
        )
    return chosen


@app.command()
def accept(
    ids: Annotated[
        list[str] | None,
        typer.Argument(help="Ids of the candidates to accept.", show_default=False, metavar="ID"),
    ] = None,
    accept_all: Annotated[bool, typer.Option("--all", help="Accept every candidate.")] = False,
    project: ProjectOption = None,
) -> None:
    """Move candidates from candidates.yaml into events.yaml (comments and order kept).

    A candidate whose id is an event already in events.yaml adds its accounts to that event.
    """
    from chronology.accept import accept as run_accept

    if bool(ids) == accept_all:
        raise typer.BadParameter("give candidate ids or --all (not both)")
    current = _project(project)
    done = run_accept(current, None if accept_all else ids)
    for item in done:
        where = "added to event" if item.added_to_existing else "new event"
        typer.echo(f"{where} '{item.id}': {plural(item.accounts, 'account')}")
    typer.echo(
        f"wrote {current.events.as_posix()} and {current.candidates.as_posix()}: "
        f"{plural(len(done), 'candidate')} accepted"
    )


@app.command()
def serve(
    project: ProjectOption = None,
    port: Annotated[
        int, typer.Option("--port", min=0, max=65535, help="Port (default: a free one).")
    ] = 0,
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (only this machine by default).")
    ] = "127.0.0.1",
) -> None:
    """Preview the timeline; it re-renders and reloads when a project file changes.

    A file that does not pass check shows its problems (file, line, message) in the page.
    Ctrl-C stops it.
    """
    from chronology.serve import Preview

    current = _project(project)
    preview = Preview(current, host, port)
    preview.start(on_change=lambda: typer.echo(f"re-rendered (version {preview.version})"))
    typer.echo(f"serving {preview.url} (Ctrl-C to stop)")
    try:
        preview.wait()
    except KeyboardInterrupt:
        typer.echo("stopped")
    finally:
        preview.stop()


@app.command()
def schema(
    project: ProjectOption = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write to this file instead of stdout.")
    ] = None,
) -> None:
    """Print the JSON Schema of events.yaml, with the project's categories (for editors)."""
    from chronology.files import write_atomic
    from chronology.model import json_schema
    from chronology.project import open_project

    vocabulary = open_project(project, old_layout_ok=True).vocabulary
    if output is not None:
        _check_outputs([("--output", output)], [])
    text = json.dumps(json_schema(vocabulary), indent=2, ensure_ascii=False) + "\n"
    if output is None:
        typer.echo(text, nl=False)
    else:
        write_atomic(output, text)
        typer.echo(f"wrote {output}", err=True)


@app.command()
def evaluate(
    paths: Annotated[
        list[Path], typer.Argument(help="TimeML (.tml) files or folders holding them.")
    ],
    types: Annotated[
        str | None,
        typer.Option(
            "--types",
            help="Type group to report: date-time (DATE and TIME) or all. Default: both.",
        ),
    ] = None,
    errors: Annotated[
        bool,
        typer.Option("--errors", help="Also list every missed, spurious or wrong-value mention."),
    ] = False,
    mode: ModeOption = Mode.auto,
) -> None:
    """Score the date extractor against TimeML gold (TempEval-3 strict/relaxed/value F1)."""
    from chronology.evaluate import GROUPS, evaluate, format_report

    if types is not None and types not in GROUPS:
        raise UsageError(f"--types must be one of {', '.join(GROUPS)}, not {types!r}")
    groups = [types] if types else list(GROUPS)
    report = evaluate(paths, mode.value)
    if errors:
        for group in groups:
            for error in report.errors[group]:
                typer.echo(f"{group}\t{error}")
    typer.echo(format_report(report, groups), nl=False)


@app.command()
def reconcile(
    project: ProjectOption = None,
    events: EventsOption = None,
    seeds: SeedsOption = None,
    out_dir: Annotated[
        Path | None,
        typer.Option(
            "--out-dir",
            help="Folder for reconcile.md and reconcile.json (default: reports/ in the project).",
            show_default=False,
        ),
    ] = None,
    fail_on: Annotated[
        list[str] | None,
        typer.Option(
            "--fail-on",
            metavar="CATEGORY",
            help="Exit 1 when this list is not empty: conflicts, suspects or uncurated "
            "(repeatable; for CI).",
        ),
    ] = None,
    candidates: Annotated[
        Path | None,
        typer.Option(
            "--candidates",
            help="Also write drafts of the uncurated sentences here, as 'chronology draft' "
            "does (never events.yaml).",
        ),
    ] = None,
    mentions: Annotated[
        Path | None,
        typer.Option(
            "--mentions",
            help="Read the mentions from a Parquet file or dataset folder written by extract "
            "(-f parquet, or --engine dask) instead of extracting the seeds.",
        ),
    ] = None,
) -> None:
    """Tie the seeds' dates to the curated events; report conflicts, suspects and gaps."""
    import os

    from chronology.extract import extract_chronology
    from chronology.files import write_atomic
    from chronology.reconcile import (
        GATES,
        dumps,
        failures,
        reconcile,
        summary_lines,
        to_markdown,
    )

    gates = list(dict.fromkeys(fail_on or []))
    wrong = [g for g in gates if g not in GATES]
    if wrong:
        raise UsageError(
            f"--fail-on must be one of {', '.join(GATES)}, not {', '.join(map(repr, wrong))}"
        )
    current = _project(project, events, seeds)
    events = current.events
    out_dir = out_dir or current.root / "reports"
    outputs = [("--out-dir", out_dir / "reconcile.md"), ("--out-dir", out_dir / "reconcile.json")]
    if candidates is not None:
        outputs.append(("--candidates", candidates))
    _check_outputs(outputs, current.inputs, folder=("--out-dir", out_dir))
    with _loading() as progress:
        chronology = current.load(progress)
    if mentions is None:
        found = extract_chronology(chronology)
    else:
        from chronology.arrow import read_mention_objects

        found = read_mention_objects(mentions)
    report = reconcile(chronology, found)
    if candidates is not None:
        from chronology.draft import draft as run_draft
        from chronology.draft import write as write_drafts

        drafts = run_draft(chronology, _draft_category(chronology, None), found, report)
        write_drafts(drafts, candidates, events)
        typer.echo(drafts.summary(candidates), err=True)
    link = Path(os.path.relpath(events.resolve(), out_dir.resolve())).as_posix()
    write_atomic(out_dir / "reconcile.md", to_markdown(report, link))
    write_atomic(out_dir / "reconcile.json", dumps(report))
    written_to = f"wrote {out_dir / 'reconcile.md'} and {out_dir / 'reconcile.json'}"
    typer.echo("\n".join([*summary_lines(report), written_to]))
    failed = failures(report, gates)
    if failed:
        typer.echo(f"reconcile failed (--fail-on): {', '.join(failed)}", err=True)
        raise typer.Exit(1)


class Engine(StrEnum):
    local = "local"
    dask = "dask"


@app.command()
def extract(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Files, folders or shards (default: seeds/). A folder gives its *.txt files "
            "and shards; a shard (*.jsonl, *.jsonl.gz, *.parquet) holds one document per "
            "line or row, with id, text and an optional dct. A document listed in its "
            "folder's sources.yaml gets its articles' spans and publication dates from there.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="table, csv, jsonl, json or parquet. csv, jsonl, json and parquet are "
            "written document by document as they are extracted; a table waits for the "
            "last row (its widths depend on all of them). parquet needs -o.",
            metavar="FORMAT",
        ),
    ] = "table",
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="Write to this file instead of stdout (a folder with --engine dask).",
        ),
    ] = None,
    stdin: Annotated[
        bool,
        typer.Option(
            "--stdin",
            help=(
                'Read JSON Lines documents {"id", "text", "dct"?, "language"?} from stdin '
                "instead of files."
            ),
        ),
    ] = False,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="Worker processes reading, extracting and formatting documents in parallel "
            "(at most one per CPU; output order is unchanged).",
        ),
    ] = 1,
    mode: ModeOption = Mode.auto,
    engine: Annotated[
        Engine,
        typer.Option(
            "--engine",
            help="local: this machine (streams to stdout or -o). dask: a Dask cluster, one "
            "task per shard, writing a Parquet dataset folder to -o (pip install "
            "'chronology[dask]').",
        ),
    ] = Engine.local,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            metavar="ADDRESS",
            help="With --engine dask: a running scheduler (tcp://host:8786). Default: a local "
            "cluster of --workers processes.",
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            min=1,
            help="With --engine dask and no --scheduler: local worker processes (default: "
            "one per CPU).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """List every date, period, duration and set in the documents, normalised (TIMEX3, EDTF).

    Relative expressions ("two years ago", "the following year") and dates without a year are
    resolved against the publication date (news) or the time the story has reached
    (narrative), and name the anchor used. --mode auto decides per document from its text;
    a source's mode: in sources.yaml applies unless --mode says otherwise. Each document is
    read in its language (language: in sources.yaml, "language" on stdin, else detected):
    English, French, German, Spanish, Arabic, Persian and the other languages dateparser knows,
    with Solar Hijri and Islamic dates in their script or transliterated. Unreadable files
    and bad input lines are reported one per line; the others are still processed, and the exit
    code is 1 if any failed.
    """
    import shutil

    from chronology.corpus import extract_batches, jsonl_units, units
    from chronology.formats import BINARY, DEFAULT_WIDTH, FORMATS

    if output_format not in FORMATS:
        raise UsageError(f"unknown format '{output_format}': choose one of {', '.join(FORMATS)}")
    if stdin and paths:
        raise UsageError("give either --stdin or paths, not both")
    current = None if stdin or paths else _project(None)
    if engine is Engine.dask:
        _extract_on_dask(
            paths or [current.documents if current else Path(".")],
            output_format,
            output,
            stdin,
            scheduler,
            workers,
            mode.value,
        )
        return
    if scheduler is not None or workers is not None:
        raise UsageError("--scheduler and --workers go with --engine dask")
    if output_format in BINARY and output is None:
        raise UsageError(f"{output_format} is a binary format: give a file with -o")
    if output is not None:
        reads = current.inputs if current is not None else [] if stdin else paths or []
        _check_outputs([("--output", output)], reads)
    source: Iterable[Any]
    if stdin:  # as bytes: bad UTF-8 is one line's problem
        source = jsonl_units(sys.stdin.buffer)
    elif current is not None and current.declared:
        # the project's sources.yaml gives each article its span and publication date
        documents, problems = current.documents_to_extract()
        source = [*problems, *documents]
    else:
        source = units(paths or [current.documents if current else Path(".")])

    width = DEFAULT_WIDTH
    if output is None and sys.stdout.isatty():
        width = shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns
    results = extract_batches(source, jobs, partial(encode, fmt=output_format), mode.value)
    if output is None:
        facts = _write_extracted(results, output_format, _echo, width)
    else:
        from chronology.files import atomic_path

        with atomic_path(output) as tmp:
            if output_format in BINARY:
                facts = _write_parquet(results, tmp)
            else:
                with open(tmp, "w", encoding="utf-8", newline="") as handle:
                    facts = _write_extracted(results, output_format, handle.write, width)
        typer.echo(
            f"wrote {output}: {plural(facts.mentions, 'mention')} from "
            f"{plural(facts.documents, 'document')}",
            err=True,
        )
    if facts.problems:
        raise ChronologyError(facts.problems)


def _extract_on_dask(
    paths: list[Path] | None,
    output_format: str,
    output: Path | None,
    stdin: bool,
    scheduler: str | None,
    workers: int | None,
    mode: str,
) -> None:
    from chronology.cluster import extract_dataset

    if stdin:
        raise UsageError("the dask engine reads shards, not --stdin")
    if output is None or output_format not in ("table", "parquet"):
        raise UsageError(
            "the dask engine writes a Parquet dataset: give a folder with -o (and -f parquet)"
        )
    _check_outputs([], paths or [], folder=("--output", output))
    run = extract_dataset(paths or [], output, scheduler, workers, mode)
    typer.echo(
        f"wrote {output}: {plural(run.mentions, 'mention')} from "
        f"{plural(run.documents, 'document')} in {plural(run.parts, 'part')}",
        err=True,
    )
    if run.problems:
        raise ChronologyError(run.problems)


def _echo(text: str) -> None:
    typer.echo(text, nl=False)


#: Problems shown for one file; past these, one line says how many more there were (a file
#: that is not a shard of documents at all, say a mentions file, would give one per line).
PROBLEMS_SHOWN = 20


@dataclass
class _Written:
    documents: int = 0
    mentions: int = 0
    shown: list[Problem] = field(default_factory=list)
    per_file: dict[str, int] = field(default_factory=dict)

    def count(self, done: Extracted[Any]) -> None:
        self.documents += done.documents
        self.mentions += done.mentions
        if done.problem is not None:
            path = done.problem.path
            self.per_file[path] = self.per_file.get(path, 0) + 1
            if self.per_file[path] <= PROBLEMS_SHOWN:
                self.shown.append(done.problem)

    @property
    def problems(self) -> list[Problem]:
        """The problems shown, and for each file with more, one line saying how many."""
        more = [
            Problem(path, 0, 0, f"{n - PROBLEMS_SHOWN:,} more problems like these (not shown)")
            for path, n in self.per_file.items()
            if n > PROBLEMS_SHOWN
        ]
        return [*self.shown, *more]


def _progress(batches: Iterable[list[Extracted[Any]]]) -> Iterator[list[Extracted[Any]]]:
    """Results, with a running count of documents on stderr when it is a terminal."""
    import sys

    if not sys.stderr.isatty():
        yield from batches
        return
    documents = 0
    for ready in batches:
        for done in ready:
            documents += done.documents
            if documents % 100 == 1 or documents < 100:
                typer.echo(f"\rextracting: {documents:,} documents", err=True, nl=False)
        yield ready


def _write_extracted(
    batches: Iterable[list[Extracted[Any]]],
    fmt: str,
    write: Callable[[str], None],
    width: int,
) -> _Written:
    """Write each group of results as it arrives (see ``extract_batches``), in one call."""
    from chronology.formats import Writer

    facts = _Written()
    pending: list[str] = []
    writer = Writer(fmt, pending.append, width=width)
    for ready in _progress(batches):
        for done in ready:
            facts.count(done)
            writer.add(done.output)
        if pending:
            write("".join(pending))
            pending.clear()
    writer.close()
    if pending:
        write("".join(pending))
    return facts


def _write_parquet(batches: Iterable[list[Extracted[Any]]], path: Path) -> _Written:
    from chronology.arrow import ParquetSink

    facts = _Written()
    sink = ParquetSink(path)
    for ready in _progress(batches):
        for done in ready:
            facts.count(done)
            sink.write(done.output)
    sink.close()
    return facts


class ExportFormat(StrEnum):
    json = "json"
    csv = "csv"
    timelinejs = "timelinejs"
    parquet = "parquet"


_EXPORT_DEFAULTS = {
    "json": "reports/chronology.json",
    "csv": "reports/chronology.csv",
    "timelinejs": "reports/timelinejs.json",
    "parquet": "reports/parquet",
}


@app.command()
def export(
    project: ProjectOption = None,
    events: EventsOption = None,
    seeds: SeedsOption = None,
    output_format: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help="json: the full model (docs/export-schema.md); csv: one row per account; "
            "timelinejs: TimelineJS3 JSON, one slide per event; parquet: a folder of "
            "events.parquet, accounts.parquet and conflicts.parquet.",
        ),
    ] = ExportFormat.json,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="Write here; '-' for stdout. Default: reports/chronology.json, "
            "reports/chronology.csv, reports/timelinejs.json or reports/parquet/ in the project.",
            allow_dash=True,
        ),
    ] = None,
) -> None:
    """Write the whole chronology, conflicts included (see docs/export-schema.md)."""
    from chronology.export import build, dumps, to_csv, to_timelinejs
    from chronology.files import write_atomic

    current = _project(project, events, seeds)
    target = output if output is not None else current.root / _EXPORT_DEFAULTS[output_format.value]
    if output_format is ExportFormat.parquet:
        if str(target) == "-":
            raise UsageError("--output: parquet is a folder of files, not a stream: give a folder")
        _check_outputs([], current.inputs, folder=("--output", target))
    elif str(target) != "-":
        _check_outputs([("--output", target)], current.inputs)
    with _loading() as progress:
        model = build(current.load(progress))
    if output_format is ExportFormat.parquet:
        from chronology.arrow import write_export
        from chronology.files import atomic_path

        with atomic_path(target, folder=True) as tmp:
            written = [p.name for p in write_export(tmp, model)]
        typer.echo(f"wrote {', '.join(written)} to {target}", err=True)
        return
    if output_format is ExportFormat.csv:
        text = to_csv(model)
    elif output_format is ExportFormat.timelinejs:
        text = dumps(to_timelinejs(model))
    else:
        text = dumps(model)
    if str(target) == "-":
        typer.echo(text, nl=False)
        return
    write_atomic(target, text)
    summary = model["summary"]
    typer.echo(
        f"wrote {target}: {summary['events']} events, {summary['events_in_conflict']} with "
        f"conflicts ({', '.join(f'{n} {k}' for k, n in summary['conflicts'].items())})",
        err=True,
    )


class LanesChoice(StrEnum):
    category = "category"
    source = "source"


class PlotlyJSChoice(StrEnum):
    inline = "inline"
    cdn = "cdn"
    directory = "directory"


class EmbedChoice(StrEnum):
    standalone = "standalone"
    fragment = "fragment"
    iframe = "iframe"


class ThemeChoice(StrEnum):
    light = "light"
    dark = "dark"
    auto = "auto"


class ImageChoice(StrEnum):
    html = "html"
    png = "png"
    svg = "svg"
    pdf = "pdf"


@app.command()
def render(
    project: ProjectOption = None,
    events: EventsOption = None,
    seeds: SeedsOption = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="Write the HTML page here (default: reports/timeline.html in the project).",
            show_default=False,
        ),
    ] = None,
    lanes: Annotated[
        LanesChoice, typer.Option("--lanes", help="One lane per event category or per source.")
    ] = LanesChoice.category,
    plotlyjs: Annotated[
        PlotlyJSChoice,
        typer.Option(
            "--plotlyjs",
            help="inline: the page works offline; cdn: load plotly.js from cdn.plot.ly; "
            "directory: load plotly.min.js written next to the page.",
        ),
    ] = PlotlyJSChoice.inline,
    embed: Annotated[
        EmbedChoice,
        typer.Option(
            "--embed",
            help="standalone: a full page; fragment: one element to paste into a CMS page; "
            "iframe: write the page and print the <iframe> snippet to paste.",
        ),
    ] = EmbedChoice.standalone,
    image: Annotated[
        ImageChoice,
        typer.Option(
            "--format",
            help="html: the interactive page; png, svg or pdf: a static image (heading, "
            "disagreements, the plot with its titles, source line) written to -o instead "
            "(needs Chromium).",
        ),
    ] = ImageChoice.html,
    width: Annotated[
        int, typer.Option("--width", help="Image width in pixels (png, svg, pdf).")
    ] = 1400,
    scale: Annotated[
        float, typer.Option("--scale", help="Pixel density of a png (2 for sharp screens).")
    ] = 1.0,
    title: Annotated[str | None, typer.Option("--title", help="Heading of the timeline.")] = None,
    subtitle: Annotated[
        str | None, typer.Option("--subtitle", help="A line under the heading.")
    ] = None,
    height: Annotated[
        int | None, typer.Option("--height", help="Greatest height of the plot in pixels.")
    ] = None,
    theme: Annotated[
        ThemeChoice,
        typer.Option("--theme", help="Colours; auto follows the reader's system setting."),
    ] = ThemeChoice.light,
    locale: Annotated[
        str, typer.Option("--locale", help="Month names: en, de, es, fr, it, nl or pt.")
    ] = "en",
    start: Annotated[
        str | None, typer.Option("--from", help="Show events from this date on (EDTF: 1979).")
    ] = None,
    end: Annotated[
        str | None, typer.Option("--to", help="Show events up to this date (EDTF: 1990-06).")
    ] = None,
    category: Annotated[
        list[str] | None,
        typer.Option("--category", help="Only this category (repeat for several)."),
    ] = None,
    source: Annotated[
        list[str] | None,
        typer.Option("--source", help="Only accounts from this source id (repeatable)."),
    ] = None,
    only_conflicts: Annotated[
        bool,
        typer.Option("--only-conflicts", help="Only events where sources disagree."),
    ] = False,
    embed_id: Annotated[
        str | None,
        typer.Option("--id", help="Id of the embed (default: derived from inputs and options)."),
    ] = None,
    url: Annotated[
        str | None,
        typer.Option("--url", help="Where the page will be published (the iframe's src)."),
    ] = None,
) -> None:
    """Draw the interactive timeline: every account, attributed, with conflicts flagged."""
    from chronology.embed import Options, select, write
    from chronology.model import is_safe_link
    from chronology.render import conflict_count_text

    if url is not None and not is_safe_link(url):
        raise UsageError(
            f"--url must be an http:// or https:// address or a relative path, not {url!r}"
        )
    current = _project(project, events, seeds)
    named = output is not None
    output = output or current.root / "reports" / "timeline.html"
    outputs = [("--output", output)]
    if image is not ImageChoice.html:
        outputs.append(("--format", output.with_suffix(f".{image.value}")))
    if plotlyjs is PlotlyJSChoice.directory:
        outputs.append(("--plotlyjs", output.parent / "plotly.min.js"))
    _check_outputs(outputs, current.inputs)

    options = Options(
        embed=embed.value,
        title=title,
        subtitle=subtitle,
        height=height,
        theme=theme.value,
        locale=locale,
        start=start,
        end=end,
        categories=tuple(category or ()),
        sources=tuple(source or ()),
        only_conflicts=only_conflicts,
        id=embed_id,
        url=url,
        lanes=lanes.value,
        plotlyjs=plotlyjs.value,
    )
    if image is not ImageChoice.html:
        from chronology.html.images import check_size

        try:
            check_size(width, scale)
        except ChronologyError as exc:
            raise UsageError(str(exc)) from None
    with _loading() as progress:
        chronology = current.load(progress)
    try:
        model = select(chronology, options)
    except ChronologyError as exc:  # the options chose badly (unknown category, --from...)
        raise UsageError(str(exc)) from None
    summary = model["summary"]
    counts = (
        f"{plural(summary['events'], 'event')}, {plural(summary['accounts'], 'account')}, "
        f"{conflict_count_text(summary['events_in_conflict'])}"
    )
    if image is not ImageChoice.html:
        from chronology.html.images import write_image

        # -o names the image; without -o it goes where the page would, as .png/.svg/.pdf.
        target = output if named else output.with_suffix(f".{image.value}")
        write_image(model, target, image.value, options, width=width, scale=scale)
        typer.echo(f"wrote {target}: {counts}")
        return
    snippet = write(model, output, options)
    typer.echo(
        f"wrote {output}: {counts}",
        err=snippet is not None,  # stdout then carries only the snippet to paste
    )
    if snippet is not None:
        typer.echo(snippet, nl=False)


def main() -> None:
    """Entry point of the ``chronology`` console script and ``python -m chronology``."""
    from chronology.files import exit_cleanly_on_signals

    exit_cleanly_on_signals()  # a killed run still removes its temporary files
    app(prog_name="chronology")
