"""The one domain exception, the located problem it carries, and the exit code of each kind.

The library raises ``ChronologyError`` for anything a user can get wrong (a bad file, a bad
date, a quote that is not in its source). The CLI turns it into one line per problem, in one
place (``cli.main``), so users never see a traceback for their own mistakes.

Two kinds of mistake, two exit codes, the same for every command:

- ``ChronologyError`` (exit 1, ``DATA_ERROR``): the data is wrong or cannot be read or written
  (a bad date in events.yaml, a document outside the seeds folder, a full disk).
- ``UsageError`` (exit 2, ``USAGE_ERROR``, the code click gives its own usage errors): the
  command line is wrong (an unknown format, an output path that is one of the inputs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DATA_ERROR = 1
USAGE_ERROR = 2

# C0 and C1 control characters and DEL, except tab; a newline inside one message would split
# it into two lines, so it is escaped too.
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` safe to print on a terminal: control characters become ``\\x1b``-style escapes.

    A document or YAML value can hold escape sequences (``ESC[2J`` clears the screen, others
    retitle the window or fake a prompt); echoed raw they act on the user's terminal.
    """
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a user's file, at ``path:line:col`` (1-based, like compilers)."""

    path: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        path, message = printable(self.path), printable(self.message)
        if self.line and self.col:
            return f"{path}:{self.line}:{self.col}: {message}"
        if self.line:
            return f"{path}:{self.line}: {message}"
        return f"{path}: {message}"


class ChronologyError(Exception):
    """A user-facing error: its ``problems`` are printed one per line, without a traceback."""

    exit_code = DATA_ERROR

    def __init__(self, message: str | list[Problem]) -> None:
        if isinstance(message, list):
            self.problems = message
            message = "\n".join(str(p) for p in message)
        else:
            self.problems = []
        super().__init__(message)


class UsageError(ChronologyError):
    """A mistake on the command line rather than in the data; exits 2 like click's own."""

    exit_code = USAGE_ERROR
