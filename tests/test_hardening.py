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
from chronology.errors import printable
from chronology.files import check_output, resolve_inside, write_atomic
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
@pytest.mark.parametrize("command", ["check", "render", "export"])
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
