"""Which documents ``chronology extract`` reads, and streaming the extractor over them.

The extractor itself (``chronology.extract``) works on one text. This module turns what a user
names on the command line (files, folders, a seeds folder with its ``sources.yaml``, JSON Lines
or Parquet shards, or JSON Lines on stdin) into a stream of *units*, and maps the extractor
over them one at a time, in worker processes when asked, yielding each unit's result as soon as
it and every unit before it are done.

Why a stream of small units and not a list of documents: an archive is larger than memory. A
unit is what the parent can produce cheaply (a file's path, one raw JSON line, one Parquet row);
reading, decoding, parsing, extracting and formatting all happen where the unit is processed,
so with ``jobs`` workers the parent only hands out work and writes results. Peak memory is
bounded by the units in flight (a few per worker), not by the corpus.

Bad input never stops the run: every unreadable file, bad JSON line or bad Parquet row becomes
a located ``Problem`` in the stream, in input order, and the other documents are still
processed, so one corrupt file in an archive of thousands costs one line of error output.
"""

from __future__ import annotations

import gzip
import json
import multiprocessing
import os
import stat
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeAlias, TypeVar

from chronology.dates import DateValue
from chronology.errors import ChronologyError, Problem
from chronology.files import read_text, resolve_inside
from chronology.languages import is_known

if TYPE_CHECKING:
    from chronology.extract import Mention
    from chronology.model import Source

STDIN = "<stdin>"
TEXT_SUFFIXES = (".txt",)
#: Files holding many documents: JSON Lines (plain or gzipped) and Parquet with id/text/dct.
SHARD_SUFFIXES = (".jsonl", ".jsonl.gz", ".parquet")
_Seeds: TypeAlias = "tuple[dict[str, list[Source]], dict[str, str]]"
T = TypeVar("T")


@dataclass(frozen=True)
class Document:
    """One text to extract from.

    ``sources`` are the seeds articles inside it (with their spans and publication dates), for a
    document listed in a ``sources.yaml``; otherwise ``dct`` is its creation date, if known.
    """

    doc: str
    text: str
    dct: DateValue | None = None
    sources: tuple[Source, ...] = ()
    mode: str = "auto"  # the extractor's mode (auto, news, narrative); see extract_text
    language: str | None = None  # ISO 639-1; None: detected from the text


@dataclass(frozen=True)
class TextFile:
    """A text file, read where it is extracted (in a worker under ``jobs``)."""

    path: str


@dataclass(frozen=True)
class JsonLine:
    """One line of JSON Lines input (``name``, line ``number``), parsed where it is extracted."""

    name: str
    number: int
    raw: bytes | str


@dataclass(frozen=True)
class Shard:
    """A whole shard, listed but not opened: what a cluster task reads (``units(..., False)``)."""

    path: str


#: One piece of work: a document ready to extract, one to read or parse first, or a problem met
#: while listing the inputs (kept in the stream so problems are reported in input order).
Unit: TypeAlias = "Document | TextFile | JsonLine | Problem"


def is_shard(path: Path) -> bool:
    """Whether ``path`` names a file of many documents (see ``SHARD_SUFFIXES``)."""
    return path.name.endswith(SHARD_SUFFIXES)


def units(paths: Sequence[Path], open_shards: bool = True) -> Iterator[Unit | Shard]:
    """The documents under ``paths``, in a stable order, as units to extract.

    A folder contributes its ``*.txt`` files and its shards (recursively, sorted by path). A
    file listed in the ``sources.yaml`` of its folder is a seeds document: its articles' spans
    and publication dates come from there, so "two years ago" counts from the right day. A
    shard contributes one unit per line or row, read lazily, so a shard of any size streams;
    with ``open_shards=False`` it is one ``Shard``, for a cluster worker to open.
    """
    seeds: dict[Path, _Seeds] = {}
    problems: list[Problem] = []

    def seeds_of(folder: Path) -> _Seeds | None:
        if not (folder / "sources.yaml").is_file():
            return None
        if folder not in seeds:
            seeds[folder] = _load_seeds(folder, problems)
        return seeds[folder]

    seen: set[Path] = set()
    for path in paths:
        if path.is_dir():
            found = set()
            for p in sorted(path.rglob("*")):
                if not (p.suffix in TEXT_SUFFIXES or is_shard(p)):
                    continue
                if not (p.is_file() or p.is_symlink()):
                    continue
                if resolve_inside(path, p.relative_to(path)) is None:
                    yield Problem(str(p), 0, 0, f"links outside the folder {path}: not read")
                    continue
                found.add(p)
            listed = seeds_of(path)
            yield from _drain(problems)
            if listed is not None:
                found |= {path / name for name in listed[1]}
            files = sorted(found)
        elif path.exists() or path.is_symlink():
            files = [path]
        else:
            yield Problem(str(path), 0, 0, "no such file or folder")
            continue
        for file in files:
            key = file.resolve()
            if key in seen:
                continue
            seen.add(key)
            listed = seeds_of(file.parent)
            yield from _drain(problems)
            if listed is not None and file.name in listed[0] and file.name in listed[1]:
                by_document, texts = listed
                yield Document(file.name, texts[file.name], sources=tuple(by_document[file.name]))
            elif is_shard(file):
                yield from shard_units(file) if open_shards else [Shard(str(file))]
            else:
                yield TextFile(str(file))


def _drain(problems: list[Problem]) -> Iterator[Problem]:
    while problems:
        yield problems.pop(0)


def _load_seeds(folder: Path, problems: list[Problem]) -> _Seeds:
    """A seeds folder's sources grouped by document, and the documents' texts."""
    from chronology.load import load_sources

    sources, texts = load_sources(folder, problems)
    by_document: dict[str, list[Source]] = {}
    for source in sources:
        by_document.setdefault(source.document, []).append(source)
    return by_document, texts


def shard_units(path: Path) -> Iterator[Unit]:
    """One unit per document of a JSON Lines (optionally gzipped) or Parquet shard.

    An unreadable shard is one problem naming it (and the line where reading failed); the
    lines before it are still extracted.
    """
    try:
        regular = stat.S_ISREG(path.stat().st_mode)
    except OSError as exc:
        yield Problem(str(path), 0, 0, f"cannot read: {exc.strerror}")
        return
    if not regular:  # a FIFO or a device would block or never end
        yield Problem(str(path), 0, 0, "not a regular file")
        return
    if path.name.endswith(".parquet"):
        from chronology.arrow import parquet_documents

        yield from parquet_documents(path)
        return
    number, opened = 0, False
    try:
        opener = gzip.open if path.name.endswith(".gz") else open
        with opener(path, "rb") as handle:
            opened = True
            for number, raw in enumerate(handle, start=1):
                yield JsonLine(str(path), number, raw)
    except (OSError, EOFError, zlib.error) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        yield Problem(str(path), number + 1 if opened else 0, 0, f"cannot read: {reason}")


def jsonl_units(lines: Iterable[str | bytes], name: str = STDIN) -> Iterator[JsonLine]:
    """Units from JSON Lines (stdin), numbered from 1, parsed where they are extracted."""
    for number, raw in enumerate(lines, start=1):
        yield JsonLine(name, number, raw)


def parse_line(line: JsonLine) -> Document | Problem | None:
    """A document from one JSON line ``{"id": ..., "text": ..., "dct": ..., "language": ...}``
    (see ``document``). A blank line is None; a bad line is a problem at ``name:line``.
    """

    def bad(message: str) -> Problem:
        return Problem(line.name, line.number, 0, message)

    raw = line.raw
    if isinstance(raw, bytes):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            return bad(f"not UTF-8 text (byte {raw[exc.start]:#04x} at column {exc.start + 1})")
    else:
        text = raw
    if not text.strip():
        return None
    try:
        item = json.loads(text)
    except json.JSONDecodeError as exc:
        return bad(f"invalid JSON: {exc.msg} (column {exc.colno})")
    except RecursionError:  # json's C parser recurses once per [ or {
        return bad("invalid JSON: nested too deeply")
    if not isinstance(item, dict):
        return bad(f'expected an object {{"id": ..., "text": ...}}, got {_json_kind(item)}')
    return document(
        line.name,
        line.number,
        item.get("id"),
        item.get("text"),
        item.get("dct"),
        item.get("language"),
    )


def document(
    name: str, number: int, doc: object, text: object, dct: object, language: object = None
) -> Document | Problem:
    """A document from one record of a shard (JSON line or Parquet row ``number`` of ``name``),
    or the problem with it: the one place the record's fields are checked.

    ``dct`` (the document's creation date) is optional; any EDTF date is accepted (an archive
    may only know the month, ``2019-03``). ``language`` (ISO 639-1) is optional too: without it
    the language is detected from the text.
    """

    def bad(message: str) -> Problem:
        return Problem(name, number, 0, message)

    if isinstance(doc, bool) or not isinstance(doc, str | int):
        return bad("missing 'id'" if doc is None else "'id' must be a string or an integer")
    if not isinstance(text, str):
        return bad("missing 'text'" if text is None else "'text' must be a string")
    date = None
    if dct is not None:
        date = _date(dct)
        if date is None:
            shown = dct if isinstance(dct, str | int | float) else str(dct)
            got = json.dumps(shown, ensure_ascii=False)
            return bad(f"'dct' must be a date like 2019-03-07 (or EDTF: 2019-03), got {got}")
    if language is not None and not (isinstance(language, str) and is_known(language)):
        got = json.dumps(language, ensure_ascii=False)
        return bad(
            f"'language' must be an ISO 639-1 code such as en, fr, de, es, ar or fa, got {got}"
        )
    return Document(str(doc), text, date, language=language)


def read_jsonl(
    lines: Iterable[str | bytes], name: str = STDIN
) -> tuple[list[Document], list[Problem]]:
    """Every document of JSON Lines in memory, and the problems (see ``parse_line``)."""
    documents: list[Document] = []
    problems: list[Problem] = []
    for line in jsonl_units(lines, name):
        found = parse_line(line)
        if isinstance(found, Document):
            documents.append(found)
        elif found is not None:
            problems.append(found)
    return documents, problems


def gather(paths: Sequence[Path]) -> tuple[list[Document], list[Problem]]:
    """Every document under ``paths`` read into memory, and the problems met reading them.

    For small inputs and tests; ``units`` and ``extract_stream`` handle archives.
    """
    documents: list[Document] = []
    problems: list[Problem] = []
    for unit in units(paths):
        assert not isinstance(unit, Shard)
        found = read(unit)
        if isinstance(found, Document):
            documents.append(found)
        elif found is not None:
            problems.append(found)
    return documents, problems


def _json_kind(value: object) -> str:
    names = {list: "an array", str: "a string", bool: "a boolean", type(None): "null"}
    return names.get(type(value), "a number")


def _date(value: object) -> DateValue | None:
    """A creation date from a record, or None if it is not one EDTF date (a string, or a day
    from a Parquet date column)."""
    if hasattr(value, "isoformat") and not isinstance(value, str):
        value = value.isoformat()[:10]
    if not isinstance(value, str):
        return None
    try:
        date = DateValue.parse(value)
    except ChronologyError:
        return None
    return None if date.is_open else date


def read(unit: Unit) -> Document | Problem | None:
    """The document a unit holds, read or parsed if need be, or its problem (None: nothing)."""
    if isinstance(unit, Document | Problem):
        return unit
    if isinstance(unit, JsonLine):
        return parse_line(unit)
    try:
        return Document(unit.path, read_text(unit.path))
    except ChronologyError as exc:
        return exc.problems[0] if exc.problems else Problem(unit.path, 0, 0, str(exc))


def extract_document(document: Document) -> list[Mention]:
    """All mentions in one document."""
    from chronology.extract import extract_chronology
    from chronology.languages import extract

    if document.sources:
        from chronology.model import Chronology

        chronology = Chronology(
            sources=list(document.sources), events=[], texts={document.doc: document.text}
        )
        return extract_chronology(chronology, mode=document.mode)
    return extract(
        document.text,
        document.dct,
        doc=document.doc,
        language=document.language,
        mode=document.mode,
    )


@dataclass(frozen=True)
class Extracted(Generic[T]):
    """What one unit gave: ``output`` (its mentions, encoded by the caller's function), how
    many documents and mentions that was, and the problem if it could not be read."""

    output: T
    documents: int = 0
    mentions: int = 0
    problem: Problem | None = None


def _mentions(mentions: list[Mention]) -> list[Mention]:
    return mentions


def process(unit: Unit, encode: Callable[[list[Mention]], T], mode: str = "auto") -> Extracted[T]:
    """Read, extract and encode one unit: the whole job of a worker. A ``mode`` other than
    ``auto`` applies to every document (``auto`` leaves each its own, or a source's)."""
    found = read(unit)
    if isinstance(found, Document) and mode != "auto":
        found = replace(found, mode=mode)
    if isinstance(found, Document):
        mentions = extract_document(found)
        return Extracted(encode(mentions), 1, len(mentions))
    return Extracted(encode([]), problem=found)


def _process_batch(
    batch: list[Unit], encode: Callable[[list[Mention]], T], mode: str
) -> list[Extracted[T]]:
    return [process(unit, encode, mode) for unit in batch]


#: A batch sent to a worker holds about this much text, so that inter-process traffic stays a
#: small share of the work while a few batches per worker keep memory bounded.
BATCH_CHARS = 200_000
BATCH_UNITS = 64


def _size(unit: Unit) -> int:
    if isinstance(unit, Document):
        return len(unit.text)
    if isinstance(unit, JsonLine):
        return len(unit.raw)
    if isinstance(unit, TextFile):
        try:
            return os.stat(unit.path).st_size
        except OSError:
            return 0
    return 0


def _batches(source: Iterable[Unit]) -> Iterator[list[Unit]]:
    batch: list[Unit] = []
    size = 0
    for unit in source:
        batch.append(unit)
        size += _size(unit)
        if size >= BATCH_CHARS or len(batch) >= BATCH_UNITS:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def opened(source: Iterable[Unit | Shard]) -> Iterator[Unit]:
    """``source`` with every ``Shard`` replaced by its documents."""
    for unit in source:
        if isinstance(unit, Shard):
            yield from shard_units(Path(unit.path))
        else:
            yield unit


def extract_stream(
    source: Iterable[Unit | Shard],
    jobs: int,
    encode: Callable[[list[Mention]], T],
    mode: str = "auto",
) -> Iterator[Extracted[T]]:
    """Extract every unit of ``source``, yielding results in input order as they are ready.

    ``encode`` turns one document's mentions into what the caller writes (output lines, say),
    in the worker, so formatting is parallel too; it must be picklable (a module-level
    function or a ``functools.partial`` of one) when ``jobs > 1``.

    With ``jobs > 1`` batches of units go to worker processes (the extractor is pure Python,
    so threads would share one core). At most ``3 * jobs`` batches are in flight, and results
    come back in input order, so the output is byte-identical to a one-process run and memory
    stays bounded however long the input is.
    """
    for ready in extract_batches(source, jobs, encode, mode):
        yield from ready


def extract_batches(
    source: Iterable[Unit | Shard],
    jobs: int,
    encode: Callable[[list[Mention]], T],
    mode: str = "auto",
) -> Iterator[list[Extracted[T]]]:
    """``extract_stream``'s results, grouped as they become ready: one unit's alone with one
    process, a whole batch's with workers.

    A writer that flushes once a group, not once a document, spares the parent process a
    system call and a formatting pass per document while its workers extract: under
    ``--jobs`` the parent's time is taken from the workers' cores.
    """
    # More workers than CPUs only costs forks (a typo like -j 3000 is not a bomb).
    jobs = min(jobs, os.cpu_count() or 1)
    if jobs <= 1:
        for unit in opened(source):
            yield [process(unit, encode, mode)]
        return
    workers = _Workers(jobs, encode, mode)
    try:
        for batch in _batches(opened(source)):
            workers.submit(batch)
            if len(workers.pending) >= 3 * jobs:
                yield workers.next()
        while workers.pending:
            yield workers.next()
    finally:
        workers.pool.shutdown(cancel_futures=True)


def _import_extractor() -> None:
    """Import what extracting an English document needs (0.17 CPU seconds)."""
    import chronology.extract
    import chronology.languages.calendar_dates
    import chronology.languages.found  # noqa: F401


class _Workers(Generic[T]):
    """A process pool with a queue of batches in flight, in input order, that survives a
    worker's death: the pool is replaced, the batches in flight are sent again, and the batch
    that failed is retried one document at a time, so only the document that kills a worker
    (out of memory, a crash in a C library) is lost, as a located problem."""

    def __init__(self, jobs: int, encode: Callable[[list[Mention]], T], mode: str) -> None:
        self.jobs, self.encode = jobs, encode
        self.work = partial(_process_batch, encode=encode, mode=mode)
        # the platform's default start method (fork on Linux: workers start in milliseconds,
        # with the extractor imported once, here, instead of once in each of them)
        if multiprocessing.get_start_method() == "fork":
            _import_extractor()
        self.pool = ProcessPoolExecutor(max_workers=jobs)
        self.pending: deque[tuple[list[Unit], Future[list[Extracted[T]]]]] = deque()

    def submit(self, batch: list[Unit]) -> None:
        self.pending.append((batch, self.pool.submit(self.work, batch)))

    def next(self) -> list[Extracted[T]]:
        """The results of the oldest batch in flight."""
        batch, future = self.pending.popleft()
        try:
            return future.result()
        except BrokenProcessPool:
            self._renew()
            return [self._alone(unit) for unit in batch]

    def _renew(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.pool = ProcessPoolExecutor(max_workers=self.jobs)
        waiting = [batch for batch, _ in self.pending]
        self.pending.clear()
        for batch in waiting:
            self.submit(batch)

    def _alone(self, unit: Unit) -> Extracted[T]:
        try:
            return self.pool.submit(self.work, [unit]).result()[0]
        except BrokenProcessPool:
            self._renew()
            died = "a worker process died extracting it (out of memory?)"
            if isinstance(unit, JsonLine):
                problem = Problem(unit.name, unit.number, 0, died)
            else:
                where = unit.doc if isinstance(unit, Document) else unit.path
                problem = Problem(where, 0, 0, died)
            return Extracted(self.encode([]), problem=problem)


def extract_all(
    documents: Sequence[Document] | Iterable[Unit],
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
) -> list[Mention]:
    """Mentions of every document, in document order whatever ``jobs`` is (in memory).

    ``progress`` is called with the number of documents finished since the last call.
    """
    results: list[Mention] = []
    done: Extracted[list[Mention]]
    for done in extract_stream(documents, jobs, _mentions):
        results.extend(done.output)
        if progress:
            progress(1)
    return results
