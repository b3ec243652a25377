"""The file boundary: what may be read, what may be written, and writing it atomically.

Everything the tool reads or writes goes through here, so the rules hold for every command:

- ``read_text`` reads one regular UTF-8 file of bounded size (a FIFO or device is refused, not
  waited on; a file over ``max_file_size()`` is refused before it is read).
- ``resolve_inside`` resolves a path named in a data file (symlinks included) and says whether
  it stays inside its folder: an untrusted ``sources.yaml`` must not pull ``/etc/passwd`` into
  a published page.
- ``check_output`` refuses an output that is one of the command's inputs (the same file after
  resolving links), a folder, or a special file, before any work is done.
- ``write_atomic`` writes to a temporary file in the same folder and moves it into place with
  ``os.replace``, so a crash, Ctrl-C or ``kill`` never leaves a half-written report over the old
  one, nor a stray temporary file (see ``exit_cleanly_on_signals``); ``atomic_path`` does the
  same for an output written in pieces (a stream of mentions, a Parquet dataset folder).
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from chronology.errors import ChronologyError, Problem, UsageError

DEFAULT_MAX_FILE_SIZE = 200 * 1024 * 1024
_limits = {"max_file_size": DEFAULT_MAX_FILE_SIZE}


def max_file_size() -> int:
    """The largest file, in bytes, that ``read_text`` reads (a guard against memory blow-ups)."""
    return _limits["max_file_size"]


def set_max_file_size(size: int) -> None:
    """Raise (or lower) the limit for this process, for users with genuinely huge files."""
    _limits["max_file_size"] = size


def _kind(mode: int) -> str | None:
    """The kind of a special file, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.0f} MB"


def read_text(path: str | Path) -> str:
    """Read a UTF-8 text file, or raise a one-line ChronologyError naming it."""
    path = Path(path)

    def fail(message: str, line: int = 0) -> ChronologyError:
        return ChronologyError([Problem(str(path), line, 0, message)])

    try:
        info = path.stat()
    except FileNotFoundError:
        raise fail("no such file") from None
    except OSError as exc:
        raise fail(f"cannot read: {exc.strerror}") from None
    kind = _kind(info.st_mode)
    if kind == "a folder":
        raise fail("is a folder, not a file")
    if kind is not None:
        raise fail(f"is {kind}, not a regular file")
    if info.st_size > max_file_size():
        raise fail(
            f"is {_megabytes(info.st_size)}, over the limit of {_megabytes(max_file_size())} "
            "(raise it with --max-file-size)"
        )
    try:
        data = path.read_bytes()
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


def resolve_inside(root: str | Path, name: str | Path) -> Path | None:
    """``root / name`` with every symlink resolved, or None if that leaves ``root``.

    ``..``, absolute paths and links pointing out of the folder all land outside it. The
    check is on the resolved path, so a link inside the folder to a file inside it is fine.
    """
    base = Path(root).resolve()
    target = (base / name).resolve()
    return target if target.is_relative_to(base) else None


def same_file(a: str | Path, b: str | Path) -> bool:
    """Whether two paths name one file (after links; hard links included when both exist)."""
    a, b = Path(a), Path(b)
    if a.resolve() == b.resolve():
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def check_output(path: str | Path, inputs: Iterable[str | Path] = ()) -> None:
    """Refuse an output path that cannot or must not be written, before any work is done.

    Raises ``UsageError`` when ``path`` is one of ``inputs`` (an output never overwrites what
    the command reads), an existing folder or special file, or sits under a file.
    """
    path = Path(path)
    for given in inputs:
        if same_file(path, given):
            raise UsageError(f"{path} is the input {given}: outputs never overwrite inputs")
    try:
        mode: int | None = path.stat().st_mode
    except OSError:  # missing, or a parent is a file (found below)
        mode = None
    if mode is not None and (kind := _kind(mode)) is not None:
        raise UsageError(f"{path} is {kind}, not a regular file")
    _check_parents(path)


def check_output_folder(path: str | Path) -> None:
    """Refuse an output folder that is a file or sits under one (``UsageError``)."""
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise UsageError(f"{path} is a file, not a folder")
    _check_parents(path)


def _check_parents(path: Path) -> None:
    for parent in path.parents:
        if parent.exists():
            if not parent.is_dir():
                raise UsageError(f"{path} is under {parent}, which is a file, not a folder")
            break


def write_atomic(path: str | Path, content: str | bytes) -> None:
    """Write a file so that readers see either the old or the new content, never half.

    Every failure (no permission, a full disk, a parent that is a file) is one
    ``ChronologyError`` naming the path, and the temporary file is always removed.
    """
    path = Path(path)
    check_output(path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise ChronologyError(f"cannot write {path}: {exc.strerror}") from None
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
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise ChronologyError(f"cannot write {path}: {exc.strerror}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _exit_on_signal(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


def exit_cleanly_on_signals() -> None:
    """Turn SIGTERM and SIGHUP into ``SystemExit`` so ``finally`` blocks remove temporary files.

    Python's default for these signals ends the process at once, skipping cleanup; a CI runner
    cancelling a job sends SIGTERM. Only SIGKILL, which no process can catch, leaves a file.
    """
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) in (signal.SIG_DFL, None):
            signal.signal(number, _exit_on_signal)


def files_under(paths: Iterable[str | Path]) -> list[Path]:
    """The files a command reads from ``paths``: each file, and every file under each folder.

    Outputs are checked against these, so that no output lands on an input.
    """
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(p for p in sorted(path.rglob("*")) if p.is_file())
        else:
            found.append(path)
    return found


@contextmanager
def atomic_path(path: str | Path, *, folder: bool = False) -> Iterator[Path]:
    """A temporary path next to ``path`` to write an output into, moved into place only when
    the block ends without error (and removed otherwise), for outputs written in pieces: a
    stream of mentions, or a Parquet dataset (``folder=True``) written part by part.

    Readers never see a half-written output presented as complete.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if folder:
            tmp = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"))
        else:
            fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            os.close(fd)
            tmp = Path(name)
    except OSError as exc:
        raise ChronologyError(f"cannot write {path}: {exc.strerror}") from None
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
    except BaseException as exc:
        if tmp.is_dir():
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise ChronologyError(f"cannot write {path}: {exc.strerror}") from None
        raise
