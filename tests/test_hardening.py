"""Hostile and broken input, as a newsroom's CI would feed it from contributors' pull requests.

Every case asserts the exact one-line message a user sees, the exit code (2 for a usage
mistake, 1 for bad data), that no input changed, and, where a file outside the project is
named, that it was never opened.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chronology.cli import app
from chronology.dates import DateError, DateValue
from chronology.errors import printable
from chronology.files import check_output, read_text, resolve_inside, write_atomic
from chronology.model import is_safe_link

MINI = Path(__file__).parent / "data" / "mini"

# Every file opened while a test records, whatever opened it (builtins.open, os.open, io).
_opened: list[str] | None = None


def _audit(event: str, args: tuple[object, ...]) -> None:
    if event == "open" and _opened is not None and isinstance(args[0], str | bytes | Path):
        _opened.append(os.fsdecode(args[0]))  # type: ignore[arg-type]


sys.addaudithook(_audit)


@pytest.fixture
def opened() -> Iterator[list[str]]:
    """The paths opened during the test (an audit hook sees every open, not only ours)."""
    global _opened
    _opened = []
    yield _opened
    _opened = None


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the mini project, beside a folder of files it must never read."""
    shutil.copytree(MINI, tmp_path / "project")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("The group was founded in 1965. Secret.\n")
    return tmp_path / "project"


def run(*args: object) -> object:
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def snapshot(root: Path) -> dict[str, str]:
    """Every file under root and its content hash: to prove no input changed."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def outside_opened(opened: list[str], project: Path) -> list[str]:
    outside = project.parent / "outside"
    return [p for p in opened if Path(p).resolve().is_relative_to(outside.resolve())]


def write_sources(project: Path, document: str) -> Path:
    path = project / "seeds" / "sources.yaml"
    path.write_text(
        textwrap.dedent(
            f"""\
            sources:
              - id: history
                document: {document}
                title: A short history
                outlet: Example Weekly
                published: "2019-03-07"
                stance: critical
            """
        )
    )
    return path


def project_args(project: Path) -> list[object]:
    return ["--events", project / "events.yaml", "--seeds", project / "seeds"]


# --- 1. one boundary for files ---------------------------------------------------------------


@pytest.mark.parametrize(
    "document",
    ["../../outside/secret.txt", "ABSOLUTE", "../../../../../../../../etc/passwd", "link.txt"],
)
@pytest.mark.parametrize("command", ["check", "render", "export", "extract"])
def test_a_document_outside_the_seeds_folder_is_refused_unread(
    project: Path, opened: list[str], document: str, command: str
) -> None:
    secret = project.parent / "outside" / "secret.txt"
    if document == "ABSOLUTE":
        document = str(secret)
    if document == "link.txt":
        (project / "seeds" / "link.txt").symlink_to(secret)
    sources = write_sources(project, document)
    before = snapshot(project)
    if command == "extract":
        result = run("extract", project / "seeds", "-f", "jsonl")
        assert "Secret" not in result.stdout
    else:
        output = [] if command == "check" else ["-o", project / "reports" / "out"]
        result = run(command, *project_args(project), *output)
    assert result.exit_code == 1
    assert (
        f"{sources}:3:15: document {document!r} is outside the seeds folder "
        f"{project / 'seeds'}: documents must be files inside it"
    ) in result.stderr.splitlines()
    assert "Traceback" not in result.output
    assert outside_opened(opened, project) == []
    assert snapshot(project) == before
    assert not (project / "reports").exists()


def test_a_broken_source_is_one_error_not_one_per_account(project: Path) -> None:
    sources = write_sources(project, "../../outside/secret.txt")
    result = run("check", *project_args(project))
    assert result.exit_code == 1
    # the accounts citing 'history' are not also "unknown source"; the ones citing sources
    # this file no longer lists still are
    assert result.stderr.splitlines() == [
        f"{project / 'events.yaml'}:34:17: unknown source 'second'",
        f"{sources}:3:15: document '../../outside/secret.txt' is outside the seeds folder "
        f"{project / 'seeds'}: documents must be files inside it",
        "2 problems found",
    ]


def test_extracting_a_folder_never_follows_a_link_out_of_it(
    project: Path, opened: list[str]
) -> None:
    folder = project / "notes"
    folder.mkdir()
    (folder / "a.txt").write_text("It happened on June 28, 1981.\n")
    (folder / "leak.txt").symlink_to(project.parent / "outside" / "secret.txt")
    before = snapshot(project)
    result = run("extract", folder, "-f", "jsonl")
    assert result.exit_code == 1
    assert result.stderr == f"{folder / 'leak.txt'}: links outside the folder {folder}: not read\n"
    assert '"text": "June 28, 1981"' in result.stdout
    assert "1965" not in result.stdout
    assert outside_opened(opened, project) == []
    assert snapshot(project) == before


def test_resolve_inside() -> None:
    root = MINI / "seeds"
    assert resolve_inside(root, "article.txt") == (root / "article.txt").resolve()
    assert resolve_inside(root, "sub/../article.txt") == (root / "article.txt").resolve()
    assert resolve_inside(root, "../events.yaml") is None
    assert resolve_inside(root, "/etc/passwd") is None


@pytest.mark.parametrize(
    ("body", "where"),
    [("", ""), ("sources: []\n", ""), ("# no sources yet\n", "")],
)
def test_no_sources_while_events_have_accounts_is_an_error(
    project: Path, body: str, where: str
) -> None:
    sources = project / "seeds" / "sources.yaml"
    sources.write_text(body)
    before = snapshot(project)
    for command in ("check", "render"):
        result = run(command, *project_args(project))
        assert result.exit_code == 1
        assert result.stderr.splitlines()[0] == (
            f"{sources}: no sources listed, but {project / 'events.yaml'} has 4 accounts: "
            "every account must cite a source listed here"
        )
    assert snapshot(project) == before
    assert not (project / "reports").exists()


# --- 2. outputs never clobber inputs ---------------------------------------------------------


def _output_cases(p: Path, ro: Path) -> list[tuple[list[object], int, str]]:
    events, article, sources = (
        p / "events.yaml",
        p / "seeds" / "article.txt",
        p / "seeds" / "sources.yaml",
    )
    folder, a_file = p / "seeds", p / "seeds" / "article.txt"
    fifo = p / "fifo"
    common = project_args(p)
    return [
        (
            ["render", *common, "-o", events],
            2,
            f"Error: --output {events} is the input {events}: outputs never overwrite inputs",
        ),
        (
            ["render", *common, "-o", p / "seeds" / ".." / "link.yaml"],
            2,
            f"Error: --output {p / 'seeds' / '..' / 'link.yaml'} is the input {events}: "
            "outputs never overwrite inputs",
        ),
        (["render", *common, "-o", p / "out.html", "--plotlyjs", "directory"], 0, ""),
        (
            ["render", *common, "-o", folder],
            2,
            f"Error: --output {folder} is a folder, not a regular file",
        ),
        (
            ["render", *common, "-o", fifo],
            2,
            f"Error: --output {fifo} is a FIFO, not a regular file",
        ),
        (
            ["render", *common, "-o", a_file / "x.html"],
            2,
            f"Error: --output {a_file / 'x.html'} is under {a_file}, which is a file, not a folder",
        ),
        (
            ["render", *common, "-o", ro / "x.html"],
            1,
            f"Error: cannot write {ro / 'x.html'}: Permission denied",
        ),
        (
            ["export", *common, "-o", events],
            2,
            f"Error: --output {events} is the input {events}: outputs never overwrite inputs",
        ),
        (
            ["export", *common, "-o", sources],
            2,
            f"Error: --output {sources} is the input {sources}: outputs never overwrite inputs",
        ),
        (
            ["export", *common, "-o", a_file / "x.json"],
            2,
            f"Error: --output {a_file / 'x.json'} is under {a_file}, which is a file, not a folder",
        ),
        (
            ["export", *common, "-o", folder],
            2,
            f"Error: --output {folder} is a folder, not a regular file",
        ),
        (
            ["extract", folder, "-o", article],
            2,
            f"Error: --output {article} is the input {article}: outputs never overwrite inputs",
        ),
        (
            ["extract", article, "-o", p / "link.txt"],
            2,
            f"Error: --output {p / 'link.txt'} is the input {article}: "
            "outputs never overwrite inputs",
        ),
        (
            ["extract", article, "-o", fifo],
            2,
            f"Error: --output {fifo} is a FIFO, not a regular file",
        ),
        (["schema", "-o", folder], 2, f"Error: --output {folder} is a folder, not a regular file"),
        (
            ["schema", "-o", a_file / "s.json"],
            2,
            f"Error: --output {a_file / 's.json'} is under {a_file}, which is a file, not a folder",
        ),
        (
            ["reconcile", *common, "--out-dir", a_file],
            2,
            f"Error: --out-dir {a_file} is a file, not a folder",
        ),
        (
            ["reconcile", *common, "--out-dir", p / "seeds", "--candidates", events],
            2,
            f"Error: --candidates {events} is the input {events}: outputs never overwrite inputs",
        ),
        (
            ["reconcile", *common, "--out-dir", ro],
            1,
            f"Error: cannot write {ro / 'reconcile.md'}: Permission denied",
        ),
    ]


@pytest.mark.parametrize("case", range(19))
def test_every_command_refuses_a_bad_output(tmp_path: Path, case: int) -> None:
    p = tmp_path / "project"
    shutil.copytree(MINI, p)
    os.mkfifo(p / "fifo")
    (p / "link.yaml").symlink_to(p / "events.yaml")
    (p / "link.txt").symlink_to(p / "seeds" / "article.txt")
    # a folder this process may not write in (root may write anywhere but /sys)
    ro = Path("/sys") if os.geteuid() == 0 else p / "readonly"
    if ro != Path("/sys"):
        ro.mkdir()
        ro.chmod(0o555)
    args, code, message = _output_cases(p, ro)[case]
    before = snapshot(p)
    try:
        result = run(*args)
    finally:
        if ro != Path("/sys"):
            ro.chmod(0o755)
    assert result.exit_code == code, result.output
    assert result.stderr.splitlines()[:1] == ([message] if message else [])
    assert "Traceback" not in result.output
    after = snapshot(p)
    for name, digest in before.items():
        assert after.get(name) == digest, f"{name} changed"
    assert stat.S_ISFIFO((p / "fifo").stat().st_mode)
    assert not [f for f in p.rglob(".*.tmp")]


def test_write_atomic_leaves_no_temporary_file_when_it_fails(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    with pytest.raises(TypeError):
        write_atomic(target, 42)  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


def test_a_full_disk_is_one_line_and_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from chronology.errors import ChronologyError

    target = tmp_path / "out.txt"
    target.write_text("old")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(ChronologyError) as caught:
        write_atomic(target, "new")
    assert str(caught.value) == f"cannot write {target}: No space left on device"
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_a_killed_render_leaves_no_temporary_file(project: Path) -> None:
    import signal
    import subprocess

    out = project / "reports" / "timeline.html"
    out.parent.mkdir()
    # a write that blocks: the temporary file exists when the signal arrives
    script = textwrap.dedent(
        f"""
        import os, sys, time
        from chronology import files
        files.exit_cleanly_on_signals()
        real = os.fsync
        def slow(fd):
            print("writing", flush=True)
            time.sleep(30)
        os.fsync = slow
        files.write_atomic({str(out)!r}, "x" * 1000)
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    assert proc.stdout.readline() == "writing\n"
    assert len(list(out.parent.iterdir())) == 1  # the temporary file
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=10) == 128 + signal.SIGTERM
    proc.stdout.close()
    assert list(out.parent.iterdir()) == []


def test_check_output_refuses_a_hard_link_to_an_input(tmp_path: Path) -> None:
    data = tmp_path / "events.yaml"
    data.write_text("events: []\n")
    os.link(data, tmp_path / "hard.yaml")
    with pytest.raises(Exception, match="outputs never overwrite inputs"):
        check_output(tmp_path / "hard.yaml", [data])


# --- 3. only http(s) or relative URLs ---------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(document.cookie)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "https://",
    ],
)
def test_render_refuses_a_url_that_could_run_script(project: Path, url: str) -> None:
    before = snapshot(project)
    result = run("render", *project_args(project), "--embed", "iframe", "--url", url)
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: --url must be an http:// or https:// address or a relative path, "
        f"not {printable(repr(url))}\n"
    )
    assert result.stdout == ""
    assert snapshot(project) == before
    assert not (project / "reports").exists()


@pytest.mark.parametrize(
    "url", ["https://example.org/t.html", "http://x.org", "t.html", "/embeds/t.html", "//h/t"]
)
def test_safe_links(url: str) -> None:
    assert is_safe_link(url)


def test_render_embeds_a_safe_url(project: Path) -> None:
    url = "https://example.org/embeds/timeline.html"
    result = run(
        "render",
        *project_args(project),
        "--embed",
        "iframe",
        "--url",
        url,
        "-o",
        project / "reports" / "t.html",
    )
    assert result.exit_code == 0, result.output
    assert f'src="{url}"' in result.stdout


# --- 4. no traceback for any input -----------------------------------------------------------


EDGE = {
    "9999-12-31~": "widened by 1 day for ~ it ends after 9999-12-31, the calendar's last day",
    "0001~": "widened by 1 year for ~ it starts before 0001-01-01, the calendar's first day",
    "0001?": "widened by 1 year for ? it starts before 0001-01-01, the calendar's first day",
    "9999~": "widened by 1 year for ~ it ends after 9999-12-31, the calendar's last day",
    "0001-01%": "widened by 1 month for % it starts before 0001-01-01, the calendar's first day",
    "9999-23?": "widened by 3 months for ? it ends after 9999-12-31, the calendar's last day",
    "9999-24": "winter 9999 ends after 9999-12-31, the calendar's last day",
    "000X~": "widened by 10 years for ~ it starts before 0001-01-01, the calendar's first day",
    "99XX~": "widened by 100 years for ~ it ends after 9999-12-31, the calendar's last day",
}


@pytest.mark.parametrize("value", sorted(EDGE))
def test_a_date_widened_off_the_calendar_is_refused_the_same_everywhere(
    project: Path, value: str
) -> None:
    with pytest.raises(DateError) as caught:
        DateValue.parse(value)
    assert str(caught.value) == f"invalid date {value!r}: {EDGE[value]}"
    result = run("render", *project_args(project), "--from", value)
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: --from {value!r} is not a date: invalid date {value!r}: {EDGE[value]}\n"
    )
    events = project / "events.yaml"
    events.write_text(events.read_text().replace('date: "1965"', f'date: "{value}"'))
    before = snapshot(project)
    for command in ("check", "render", "export"):
        result = run(command, *project_args(project))
        assert result.exit_code == 1, result.output
        assert result.stderr.splitlines()[0] == (
            f"{events}:9:15: date: invalid date {value!r}: {EDGE[value]}"
        )
    assert snapshot(project) == before
    assert not (project / "reports").exists()


@pytest.mark.parametrize(
    "dates",
    [
        ("00XX", "000X"),
        ("0001", "9999"),
        ("0001-01-02", "9999-12-31"),
        ("9999-12-31", "9999-12-30"),
        ("../0001-01-02", "9999-12-30/.."),
        ("0001-01-02/9999-12-30", "[0001,9999]"),
    ],
)
@pytest.mark.parametrize("lanes", ["category", "source"])
def test_dates_at_the_calendar_s_edge_render(
    project: Path, dates: tuple[str, str], lanes: str
) -> None:
    events = project / "events.yaml"
    text = events.read_text()
    text = text.replace('date: "1965"', f'date: "{dates[0]}"')
    text = text.replace('date: "1986"', f'date: "{dates[1]}"')
    events.write_text(text)
    out = project / "reports" / "t.html"
    result = run("render", *project_args(project), "-o", out, "--lanes", lanes)
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 0
    if lanes == "category":  # cropping at the calendar's start: a page, or no event left
        early = run("render", *project_args(project), "-o", out, "--to", "0001-06")
        assert (early.exit_code, early.stderr) in (
            (0, ""),
            (2, "Error: no events match the chosen filters\n"),
        )


@pytest.mark.parametrize("dct", ["0001-01-02", "0002-06-15", "9999-12-30", "9998-12-30"])
def test_relative_dates_counted_off_the_calendar_give_no_mention(dct: str) -> None:
    text = (
        "Two years ago it happened. Three days ago it rained. Yesterday, last week and "
        "5 centuries ago; tomorrow, next year, in two years, next week, next month, the next "
        "decade, in 3 centuries, last Monday, next Friday, last quarter, next quarter, last "
        "winter, next summer, last Christmas, 2000 years ago."
    )
    line = f'{{"id": "a", "text": "{text}", "dct": "{dct}"}}\n'
    result = CliRunner().invoke(
        app, ["extract", "--stdin", "-f", "jsonl"], input=line, catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert result.stdout.count('"doc": "a"') >= 10


@pytest.mark.parametrize("which", ["events", "sources"])
@pytest.mark.parametrize("style", ["flow", "block"])
def test_yaml_nested_too_deep_is_one_message(project: Path, which: str, style: str) -> None:
    path = project / "events.yaml" if which == "events" else project / "seeds" / "sources.yaml"
    if style == "flow":
        path.write_text(f"{which}: " + "[" * 1000 + "]" * 1000 + "\n")
        where = f"1:{len(which) + 34}"
    else:
        path.write_text(f"{which}:\n" + "".join("  " * i + "- \n" for i in range(1000)))
        where = "33:63"
    before = snapshot(project)
    result = run("check", *project_args(project))
    assert result.exit_code == 1
    assert f"{path}:{where}: YAML nested more than 32 levels deep" in result.stderr.splitlines()
    assert "Traceback" not in result.output
    assert snapshot(project) == before


def test_a_json_line_nested_too_deep_is_reported_and_skipped() -> None:
    lines = "\n".join(
        [
            '{"id": "a", "text": "It happened on June 28, 1981."}',
            "[" * 100_000 + "]" * 100_000,
            '{"id": "b", "text": "It happened in 1986."}',
        ]
    )
    result = CliRunner().invoke(
        app, ["extract", "--stdin", "-f", "jsonl"], input=lines, catch_exceptions=False
    )
    assert result.exit_code == 1
    assert result.stderr == "<stdin>:2: invalid JSON: nested too deeply\n"
    assert '"doc": "a"' in result.stdout
    assert '"doc": "b"' in result.stdout


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_fifo_or_device_is_refused_not_waited_on(tmp_path: Path, kind: str) -> None:
    import subprocess

    if kind == "fifo":
        special = tmp_path / "pipe.txt"
        os.mkfifo(special)
        what = "a FIFO"
    else:
        special, what = Path("/dev/zero"), "a device"
    good = tmp_path / "a.txt"
    good.write_text("It happened in 1986.\n")
    # a subprocess with a timeout: a hang fails the test instead of blocking the suite
    result = subprocess.run(
        [sys.executable, "-m", "chronology", "extract", str(special), str(good), "-f", "jsonl"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr == f"{special}: is {what}, not a regular file\n"
    assert '"text": "1986"' in result.stdout


def test_a_file_over_the_size_limit_is_refused_and_the_limit_can_be_raised(
    project: Path,
) -> None:
    events = project / "events.yaml"
    events.write_text(events.read_text() + "#" + "x" * (2 * 1024 * 1024) + "\n")
    before = snapshot(project)
    result = run("--max-file-size", "1", "check", *project_args(project))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{events}: is 2 MB, over the limit of 1 MB (raise it with --max-file-size)",
        "1 problem found",
    ]
    assert run("--max-file-size", "3", "check", *project_args(project)).exit_code == 0
    assert snapshot(project) == before


def test_jobs_are_capped_at_the_cpus_and_documents(tmp_path: Path) -> None:
    from concurrent import futures

    from chronology import corpus

    made: list[int] = []
    real = futures.ProcessPoolExecutor

    class Counting(real):  # type: ignore[misc, valid-type]
        def __init__(self, max_workers: int) -> None:
            made.append(max_workers)
            super().__init__(max_workers=max_workers)

    documents = [corpus.Document(f"d{i}", "It happened in 1986.") for i in range(3)]
    original = corpus.ProcessPoolExecutor
    corpus.ProcessPoolExecutor = Counting  # type: ignore[misc]
    try:
        mentions = corpus.extract_all(documents, jobs=32)
    finally:
        corpus.ProcessPoolExecutor = original  # type: ignore[misc]
    assert len(mentions) == 3
    assert made == ([min(3, os.cpu_count() or 1)] if (os.cpu_count() or 1) > 1 else [])


def test_control_characters_never_reach_the_terminal(project: Path) -> None:
    article = project / "seeds" / "article.txt"
    text = article.read_text().replace("in 1965 by", "in 1965 \x1b[2J\x1b]0;pwned\x07 by", 1)
    article.write_text(text)
    events = project / "events.yaml"
    events.write_text(
        events.read_text().replace(
            '"The group was founded in 1965"',
            '"The group was founded in 1965 by the students of Tehran"',
        )
    )
    before = snapshot(project)
    table = run("extract", article)
    assert "\x1b" not in table.stdout
    assert "1965 \\x1b[2J\\x1b]0;pwned\\x07 by" in table.stdout
    check = run("check", *project_args(project))
    assert check.exit_code == 1
    assert "\x1b" not in check.stderr
    assert '"The group was founded in 1965 \\x1b[2J\\x1b]0;pwned\\x07 by students"' in (
        check.stderr
    )
    assert printable("a\x1b[31mb\x9bc\td\ne") == "a\\x1b[31mb\\x9bc\td\\x0ae"
    assert snapshot(project) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["extract", "-f", "xml", "x.txt"],
            "Error: unknown format 'xml': choose one of table, csv, jsonl, json, parquet",
        ),
        (
            ["evaluate", "--types", "x", "x.tml"],
            "Error: --types must be one of date-time, all, not 'x'",
        ),
        (
            ["reconcile", "--fail-on", "x"],
            "Error: --fail-on must be one of conflicts, suspects, uncurated, not 'x'",
        ),
        (["export", "-f", "xml"], None),
        (["render", "--lanes", "x"], None),
        (["extract", "--jobs", "0"], None),
    ],
)
def test_every_usage_mistake_exits_2(args: list[str], message: str | None) -> None:
    result = run(*args)
    assert result.exit_code == 2
    if message is not None:
        assert result.stderr == message + "\n"


def test_every_data_mistake_exits_1(project: Path) -> None:
    (project / "events.yaml").write_text("events: [\n")
    for command in ("check", "render", "export", "reconcile"):
        assert run(command, *project_args(project)).exit_code == 1
    assert run("extract", project / "missing.txt").exit_code == 1
    assert run("evaluate", project / "missing.tml").exit_code == 1


def test_read_text_names_the_problem(tmp_path: Path) -> None:
    with pytest.raises(Exception, match="is a folder, not a file"):
        read_text(tmp_path)


# --- 5. loading ----------------------------------------------------------------------------


def test_loading_reports_progress_and_positions_from_the_c_parser(project: Path) -> None:
    from chronology.load import check, load_round_trip

    calls: list[tuple[int, int]] = []
    chronology, problems = check(
        project / "events.yaml", project / "seeds", lambda *a: calls.append(a)
    )
    assert problems == []
    assert chronology is not None
    # reading the YAML is the first half, checking the four events the second
    assert calls[0] == (0, 2 * len((project / "events.yaml").read_text()))
    assert calls[-2:] == [(4, 8), (8, 8)]
    assert [e._line for e in chronology.events] == [4, 11, 21, 30]
    assert [a._line for e in chronology.events for a in e.accounts] == [8, 15, 25, 34]
    # the file an editor rewrites keeps its comments: the round-trip parser reads it
    assert "# The founding" in str(load_round_trip(project / "events.yaml").ca.items["events"])


def test_duplicate_keys_and_second_documents_are_located(project: Path) -> None:
    events = project / "events.yaml"
    events.write_text("events:\n  - id: a\n    id: b\n")
    result = run("check", *project_args(project))
    assert result.stderr.splitlines()[0] == f"{events}:3:5: duplicate key 'id' (first at line 2)"
    events.write_text("events: []\n---\nevents: []\n")
    result = run("check", *project_args(project))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{events}:2:1: expected one YAML document, found a second one here"
    )
