"""The one domain exception, and the located problem it carries.

The library raises ``ChronologyError`` for anything a user can get wrong (a bad file, a bad
date, a quote that is not in its source). The CLI turns it into one line per problem, in one
place (``cli.main``), so users never see a traceback for their own mistakes.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a user's file, at ``path:line:col`` (1-based, like compilers)."""

    path: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        if self.line and self.col:
            return f"{self.path}:{self.line}:{self.col}: {self.message}"
        if self.line:
            return f"{self.path}:{self.line}: {self.message}"
        return f"{self.path}: {self.message}"


class ChronologyError(Exception):
    """A user-facing error: its ``problems`` are printed one per line, without a traceback."""

    def __init__(self, message: str | list[Problem]) -> None:
        if isinstance(message, list):
            self.problems = message
            message = "\n".join(str(p) for p in message)
        else:
            self.problems = []
        super().__init__(message)
