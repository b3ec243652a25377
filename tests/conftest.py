"""Shared fixtures: a tiny, self-contained seeds folder and events file."""

import shutil
from pathlib import Path

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
