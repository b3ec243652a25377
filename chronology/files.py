"""Reading users' text files safely and writing outputs atomically.

Outputs are written to a temporary file in the same folder and moved into place with
``os.replace``, so a crash or Ctrl-C never leaves a half-written report over the old one.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from chronology.errors import ChronologyError, Problem


def read_text(path: str | Path) -> str:
    """Read a UTF-8 text file, or raise a one-line ChronologyError naming it."""
    path = Path(path)

    def fail(message: str, line: int = 0) -> ChronologyError:
        return ChronologyError([Problem(str(path), line, 0, message)])

    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise fail("no such file") from None
    except IsADirectoryError:
        raise fail("is a folder, not a file") from None
    except OSError as exc:
        raise fail(f"cannot read: {exc.strerror}") from None
    if b"\0" in data:
        raise fail("binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise fail(
            f"not UTF-8 text (byte {data[exc.start]:#04x} at offset {exc.start})", line
        ) from None


def write_atomic(path: str | Path, content: str | bytes) -> None:
    """Write a file so that readers see either the old or the new content, never half."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def atomic_path(path: str | Path, *, folder: bool = False) -> Iterator[Path]:
    """A temporary path next to ``path`` to write an output into, moved into place only when
    the block ends without error (and removed otherwise), for outputs written in pieces: a
    stream of mentions, or a Parquet dataset (``folder=True``) written part by part.

    Readers never see a half-written output presented as complete.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if folder:
        tmp = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"))
    else:
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        os.close(fd)
        tmp = Path(name)
    try:
        yield tmp
        if folder:
            os.chmod(tmp, 0o755)
            if path.is_dir():
                shutil.rmtree(path)
        else:
            with open(tmp, "rb+") as handle:
                os.fsync(handle.fileno())
            os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        os.replace(tmp, path)
    except BaseException:
        if tmp.is_dir():
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            tmp.unlink(missing_ok=True)
        raise
