"""`chronology serve`: the open page follows edits to events.yaml, in a real browser."""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from chronology.project import open_project
from chronology.serve import Preview

STORY = Path(__file__).parent / "data" / "story"


@pytest.fixture
def story(run, tmp_path, monkeypatch) -> Path:
    """The two test articles drafted and accepted: three events, one in dispute."""
    assert run("init", tmp_path).exit_code == 0
    monkeypatch.chdir(tmp_path)
    assert run("add", STORY / "valley-courier.html", STORY / "ridgeford-herald.html").exit_code == 0
    assert run("draft").exit_code == 0
    assert run("accept", "--all").exit_code == 0
    return tmp_path


@pytest.fixture
def preview(story) -> Iterator[Preview]:
    server = Preview(open_project())  # the current folder, as a user runs it
    server.start()
    yield server
    server.stop()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.browser
def test_the_page_reloads_on_an_edit_and_shows_check_errors(
    preview: Preview, story: Path, browser: Any
) -> None:
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    try:
        page.goto(preview.url)
        heading = page.locator("#h-the-ridgeford-dam-gave-way-2021")
        heading.wait_for()
        assert heading.inner_text().startswith("The Ridgeford dam gave way")
        assert page.locator(".plot .main-svg").first.bounding_box()["height"] > 100

        edit(story / "events.yaml", "title: The Ridgeford dam gave way", "title: The dam fails")
        page.wait_for_function(
            "() => (document.querySelector('#h-the-ridgeford-dam-gave-way-2021') || {})"
            ".innerText?.startsWith('The dam fails')",
            timeout=10_000,
        )

        edit(story / "events.yaml", "category: event", "category: disaster")
        problems = page.locator("#problems li")
        problems.first.wait_for(timeout=10_000)
        assert problems.first.inner_text() == (
            "events.yaml:7: category: 'disaster' is not allowed; use one of 'event', "
            "'statement', 'publication', 'legal' or 'context'"
        )
        box = problems.first.bounding_box()
        assert box is not None and box["y"] < 900  # in view, not below a stale timeline
        assert page.locator(".plot").count() == 0

        edit(story / "events.yaml", "category: disaster", "category: event")
        heading.wait_for(timeout=10_000)
        assert page.locator("#problems").count() == 0
    finally:
        page.close()


def test_serve_listens_on_localhost_and_stops_cleanly_on_ctrl_c(story: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "chronology", "serve"],
        cwd=story,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.startswith("serving http://127.0.0.1:") and line.endswith(
            "/ (Ctrl-C to stop)\n"
        )
        time.sleep(0.3)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=10)
    finally:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
    assert process.returncode == 0
    assert out == "stopped\n"
    assert err == ""


def fetch(url: str) -> str:
    import urllib.request

    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for_version(preview: Preview, before: int) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if int(fetch(preview.url + "__version")) > before:
            return
        time.sleep(0.05)
    raise AssertionError("the page was not re-rendered")


def test_settings_sources_and_documents_changes_re_render(preview: Preview, story: Path) -> None:
    page = fetch(preview.url)
    assert "> Event</label>" in page

    version = preview.version
    edit(story / "chronology.yaml", 'label: "Event"', 'label: "Incident"')
    wait_for_version(preview, version)
    assert "> Incident</label>" in fetch(preview.url)

    version = preview.version
    edit(story / "sources.yaml", "outlet: Valley Courier", "outlet: The Valley Courier")
    wait_for_version(preview, version)
    assert "The Valley Courier" in fetch(preview.url)

    version = preview.version
    edit(story / "documents" / "valley-courier.txt", "killing 14 people", "killing people")
    wait_for_version(preview, version)
    page = fetch(preview.url)
    assert '<ul id="problems"><li><code>events.yaml:' in page
    assert "quote not found in valley-courier.txt" in page


def test_a_port_in_use_is_one_line(run, story: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run("serve", "--port", port)
    assert result.exit_code == 1
    assert result.stderr == f"Error: cannot listen on 127.0.0.1:{port}: Address already in use\n"
