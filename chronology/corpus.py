"""Which documents ``chronology extract`` reads, and running the extractor over them in parallel.

The extractor itself (``chronology.extract``) works on one text. This module turns what a user
names on the command line (files, folders, a seeds folder with its ``sources.yaml``, or JSON
Lines on stdin) into a list of ``Document`` s, each with the publication date its relative
expressions count from, and maps the extractor over them, in worker processes when asked.

Bad input never stops the run: every unreadable file or bad JSON line becomes a located
``Problem`` and the other documents are still processed, so one corrupt file in an archive of
thousands costs one line of error output, not the whole run.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from chronology.dates import DateValue
from chronology.errors import ChronologyError, Problem
from chronology.files import read_text, resolve_inside
from chronology.languages import is_known

if TYPE_CHECKING:
    from chronology.extract import Mention
    from chronology.model import Source

STDIN = "<stdin>"
TEXT_SUFFIXES = (".txt",)
_Seeds: TypeAlias = "tuple[dict[str, list[Source]], dict[str, str]]"


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


def gather(paths: Sequence[Path]) -> tuple[list[Document], list[Problem]]:
    """The documents under ``paths``, in a stable order, and the problems met reading them.

    A folder contributes its ``*.txt`` files (recursively, sorted by path). A file listed in the
    ``sources.yaml`` of its folder is a seeds document: its articles' spans and publication
    dates come from there, so "two years ago" counts from the right day.
    """
    problems: list[Problem] = []
    seeds: dict[Path, _Seeds] = {}

    def seeds_of(folder: Path) -> _Seeds | None:
        if not (folder / "sources.yaml").is_file():
            return None
        if folder not in seeds:
            seeds[folder] = _load_seeds(folder, problems)
        return seeds[folder]

    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = set()
            for p in sorted(path.rglob("*")):
                if p.suffix not in TEXT_SUFFIXES or not (p.is_file() or p.is_symlink()):
                    continue
                if resolve_inside(path, p.relative_to(path)) is None:
                    problems.append(
                        Problem(str(p), 0, 0, f"links outside the folder {path}: not read")
                    )
                    continue
                found.add(p)
            listed = seeds_of(path)
            if listed is not None:
                found |= {path / name for name in listed[1]}
            files.extend(sorted(found))
        elif path.exists() or path.is_symlink():
            files.append(path)
        else:
            problems.append(Problem(str(path), 0, 0, "no such file or folder"))
    documents: list[Document] = []
    seen: set[Path] = set()
    for path in files:
        key = path.resolve()
        if key in seen:
            continue
        seen.add(key)
        listed = seeds_of(path.parent)
        if listed is not None and path.name in listed[0] and path.name in listed[1]:
            by_document, texts = listed
            documents.append(
                Document(path.name, texts[path.name], sources=tuple(by_document[path.name]))
            )
            continue
        try:
            documents.append(Document(str(path), read_text(path)))
        except ChronologyError as exc:
            problems.extend(exc.problems)
    return documents, problems


def _load_seeds(folder: Path, problems: list[Problem]) -> _Seeds:
    """A seeds folder's sources grouped by document, and the documents' texts."""
    from chronology.load import load_sources

    sources, texts = load_sources(folder, problems)
    by_document: dict[str, list[Source]] = {}
    for source in sources:
        by_document.setdefault(source.document, []).append(source)
    return by_document, texts


def read_jsonl(
    lines: Iterable[str | bytes], name: str = STDIN
) -> tuple[list[Document], list[Problem]]:
    """Documents from JSON Lines ``{"id": ..., "text": ..., "dct": ..., "language": ...}``.

    ``dct`` (the document's creation date) is optional; any EDTF date is accepted (an archive
    may only know the month, ``2019-03``). ``language`` (ISO 639-1) is optional too: without it
    the language is detected from the text. Blank lines are skipped; a bad line is a
    problem at ``name:line`` and the others are still read.
    """
    documents: list[Document] = []
    problems: list[Problem] = []
    for number, raw in enumerate(lines, start=1):

        def bad(message: str, number: int = number) -> None:
            problems.append(Problem(name, number, 0, message))

        if isinstance(raw, bytes):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                bad(f"not UTF-8 text (byte {raw[exc.start]:#04x} at column {exc.start + 1})")
                continue
        else:
            line = raw
        if not line.strip():
            continue

        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            bad(f"invalid JSON: {exc.msg} (column {exc.colno})")
            continue
        except RecursionError:  # json's C parser recurses once per [ or {
            bad("invalid JSON: nested too deeply")
            continue
        if not isinstance(item, dict):
            bad(f'expected an object {{"id": ..., "text": ...}}, got {_json_kind(item)}')
            continue
        doc, text, dct = item.get("id"), item.get("text"), item.get("dct")
        if isinstance(doc, bool) or not isinstance(doc, str | int):
            bad("missing 'id'" if doc is None else "'id' must be a string or an integer")
            continue
        if not isinstance(text, str):
            bad("missing 'text'" if text is None else "'text' must be a string")
            continue
        date = None
        if dct is not None:
            date = _date(dct)
            if date is None:
                got = json.dumps(dct, ensure_ascii=False)
                bad(f"'dct' must be a date like 2019-03-07 (or EDTF: 2019-03), got {got}")
                continue
        language = item.get("language")
        if language is not None and not (isinstance(language, str) and is_known(language)):
            got = json.dumps(language, ensure_ascii=False)
            bad(f"'language' must be an ISO 639-1 code such as en, fr, de, es, ar or fa, got {got}")
            continue
        documents.append(Document(str(doc), text, date, language=language))
    return documents, problems


def _json_kind(value: object) -> str:
    names = {list: "an array", str: "a string", bool: "a boolean", type(None): "null"}
    return names.get(type(value), "a number")


def _date(value: object) -> DateValue | None:
    """A creation date from JSON, or None if it is not a string holding one EDTF date."""
    if not isinstance(value, str):
        return None
    try:
        date = DateValue.parse(value)
    except ChronologyError:
        return None
    return None if date.is_open else date


def extract_document(document: Document) -> list[Mention]:
    """All mentions in one document (runs in a worker process under ``--jobs``)."""
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


def extract_all(
    documents: Sequence[Document],
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
) -> list[Mention]:
    """Mentions of every document, in document order whatever ``jobs`` is.

    With ``jobs > 1`` documents go to worker processes (the extractor is pure Python, so
    threads would share one core); ``map`` returns results in input order, so the output is
    byte-identical to a one-process run. ``progress`` is called with the number of documents
    finished since the last call.
    """
    results: list[Mention] = []
    # More workers than CPUs or documents only costs forks (a typo like -j 3000 is not a bomb).
    jobs = min(jobs, len(documents), os.cpu_count() or 1)
    if jobs <= 1:
        for document in documents:
            results.extend(extract_document(document))
            if progress:
                progress(1)
        return results
    chunksize = max(1, len(documents) // (jobs * 8))
    # the platform's default start method (fork on Linux: workers start in milliseconds)
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for mentions in pool.map(extract_document, documents, chunksize=chunksize):
            results.extend(mentions)
            if progress:
                progress(1)
    return results
