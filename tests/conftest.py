"""Shared fixtures: a tiny, self-contained seeds folder and events file, and the browser."""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from chronology.cli import app

MINI = Path(__file__).parent / "data" / "mini"
ROOT = Path(__file__).parent.parent


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A writable copy of tests/data/mini (seeds/ and events.yaml)."""
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    return target


@pytest.fixture
def run():
    """Run the CLI as a user would; returns click's Result (exit_code, stdout, stderr)."""
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)

    return invoke


CHROMIUM = Path("/usr/bin/chromium")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests skip on a developer's machine without Chromium, never in CI.

    In CI (the CI variable is set) a missing browser must fail loudly, not pass silently.
    """
    if CHROMIUM.exists() or os.environ.get("CI"):
        return
    skip = pytest.mark.skip(
        reason="needs /usr/bin/chromium (apt-get install -y chromium); CI always runs these"
    )
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Debian Chromium for every browser test (Playwright cannot download one)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        yield launched
        launched.close()
