"""The export model: the whole chronology with everything computed, as plain typed dicts.

``build`` is the single place where the loaded chronology and the conflict analysis become the
documented, versioned shape of ``docs/export-schema.md`` (``schema_version`` 2; the field names
of issue 5 are kept). Each record is a ``TypedDict`` below (``ExportModel``, ``EventRecord``,
``AccountRecord``, ``ConflictRecord``, ``SupportRecord``, ``SourceRecord``...), so a module
that reads the model gets a type error, not a run-time ``KeyError``, for a misspelt key.
``chronology export`` writes it as JSON, ``render`` draws it, and outside tools read it, so the
three can never disagree about a date, a side or a count.

Reader text (dates in words, conflict sentences, each side's sources by ``Source.display_name``
in ``support[].source_names``, the gap in words) sits beside the machine fields tools join on
(source ids, EDTF, ISO days, account indices).

The output is deterministic: no timestamps, events sorted by the first day they name (an
open start counts by its known end), then id, accounts in the
order of ``events.yaml``, and ``dumps`` sorts keys. Infinite figure bounds (``">200000"``) and
open date ends (``../2020-07``) have no JSON number or day, so they become ``null``, with the
flags ``open_start``/``open_end`` beside them. Every reference to an account (conflict sides,
comparisons, most precise) is a 0-based index into its event's ``accounts``.

``to_csv`` and ``to_timelinejs`` are two more views of the same dict, for spreadsheets and for
Knight Lab's TimelineJS.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import math
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path, PurePosixPath
from typing import Any, Literal, TypedDict

from chronology import __version__
from chronology.conflicts import (
    SEVERITY,
    Conflict,
    EventAnalysis,
    Pair,
    Side,
    analyse,
    figure_words,
    flag,
    label,
)
from chronology.dates import OPEN_END, OPEN_START
from chronology.formats import to_csv as _csv_text
from chronology.languages import language_of
from chronology.load import SOURCES_FILE
from chronology.model import Account, Chronology, Event, Figure, Source

SCHEMA_VERSION = 2
STRENGTH: dict[str, Literal["conflict", "possible"]] = {
    "conflict": "conflict",
    "possible-conflict": "possible",
}


# --- the model's records: one TypedDict per record of docs/export-schema.md ---------------
# They are plain dicts at run time (JSON as is), and a misspelt key is a type error.


class Generator(TypedDict):
    name: str
    version: str


class Inputs(TypedDict):
    events: str
    seeds: str
    sha256: str


class CategoryRecord(TypedDict):
    """A category as the project's chronology.yaml declares it."""

    id: str
    label: str
    description: str
    colour: str | None


class SourceRecord(TypedDict):
    """A source; ``name`` is the one name readers see (``Source.display_name``)."""

    id: str
    name: str
    url: str | None
    document: str
    title: str
    authors: list[str]
    outlet: str
    published: str
    published_label: str
    stance: str | None
    span: list[int] | None
    language: str
    language_stated: bool


class StatedRecord(TypedDict):
    """An account's date as stated in another calendar (its ``date`` is the Gregorian one)."""

    calendar: str
    date: str
    label: str


class FigureRecord(TypedDict):
    """A figure as written (``text``), in words (``label``) and the range it allows."""

    text: str
    label: str
    low: float | None
    high: float | None


class AccountRecord(TypedDict):
    id: str
    source: str
    document: str
    date: str
    modifier: str | None
    label: str
    precision: str
    soft: bool
    earliest: str | None
    latest: str | None
    open_start: bool
    open_end: bool
    core_earliest: str | None
    core_latest: str | None
    quote: str
    prefix: str | None
    cited: str | None
    note: str | None
    line: int
    start: int | None
    end: int | None
    figures: dict[str, FigureRecord]
    stated: StatedRecord | None
    translation: str | None


class SupportRecord(TypedDict):
    """One side of a conflict as a reader is told it: its dates (or figures) in words and its
    sources' names, beside the counts and the range every member allows."""

    label: str
    labels: list[str]
    source_ids: list[str]
    source_names: list[str]
    sources: int
    origins: int
    earliest: str | None
    latest: str | None
    low: float | None
    high: float | None


class ConflictRecord(TypedDict):
    kind: str
    strength: Literal["conflict", "possible"]
    figure: str | None
    sides: list[list[int]]
    support: list[SupportRecord]
    gap: int | float
    gap_unit: Literal["years", "months", "days", "relative"]
    gap_at_least: bool
    gap_days: int | None
    gap_words: str
    label: str
    explanation: str


class ComparisonRecord(TypedDict):
    accounts: list[int]
    figure: str | None
    relation: str
    more_precise: int | None
    gap_days: int | None
    relative_difference: float | None


class EventRecord(TypedDict):
    id: str
    title: str
    category: str
    summary: str | None
    note: str | None
    line: int
    earliest: str | None
    latest: str | None
    open_start: bool
    open_end: bool
    agreement: str
    most_precise: list[int]
    accounts: list[AccountRecord]
    conflicts: list[ConflictRecord]
    comparisons: list[ComparisonRecord]


class Summary(TypedDict):
    events: int
    accounts: int
    sources: int
    events_in_conflict: int
    conflicts: dict[str, int]
    strengths: dict[str, int]
    agreement: dict[str, int]


class ExportModel(TypedDict):
    """The whole export (docs/export-schema.md)."""

    schema_version: int
    generator: Generator
    inputs: Inputs
    categories: list[CategoryRecord]
    sources: list[SourceRecord]
    events: list[EventRecord]
    summary: Summary


def _start(day: dt.date) -> str | None:
    """A range's first day, or None for an open start ("before 1980" has no first day)."""
    return None if day == OPEN_START else day.isoformat()


def _end(day: dt.date) -> str | None:
    """A range's last day, or None for an open end ("after 2016" has no last day)."""
    return None if day == OPEN_END else day.isoformat()


def _number(value: float) -> float | None:
    """A figure bound for JSON: infinity has no JSON form, so it becomes null."""
    if math.isinf(value):
        return None
    return float(round(value, 6))


def input_hash(chronology: Chronology) -> str:
    """SHA-256 over the input files, so a reader can tell which data an export came from.

    Hashes, in order, events.yaml, then sources.yaml and every document sorted by file name,
    each as its name, a NUL byte, its length, a NUL byte and its bytes. A file that does not
    exist on disk (a chronology built in code) contributes its name only; documents come from
    the loaded texts, which are the files' UTF-8 bytes.
    """
    digest = hashlib.sha256()

    def feed(name: str, data: bytes | None) -> None:
        digest.update(name.encode("utf-8") + b"\0")
        if data is not None:
            digest.update(str(len(data)).encode("ascii") + b"\0" + data)

    def disk(path: Path) -> bytes | None:
        return path.read_bytes() if path.is_file() else None

    feed("events", disk(Path(chronology.events_path)))
    feed(SOURCES_FILE, disk(Path(chronology.sources_file)))
    for name in sorted(chronology.texts):
        feed(name, chronology.texts[name].encode("utf-8"))
    return digest.hexdigest()


def _source(source: Source, text: str) -> SourceRecord:
    return {
        "id": source.id,
        "name": source.display_name,
        "url": source.url,
        "document": source.document,
        "title": source.title,
        "authors": list(source.authors),
        "outlet": source.outlet,
        "published": source.published.edtf,
        "published_label": source.published.describe(),
        "stance": source.stance,
        "span": list(source.span) if source.span is not None else None,
        "language": language_of(text, source.language),
        "language_stated": source.language is not None,
    }


def _figure(figure: Figure) -> FigureRecord:
    return {
        "text": figure.text,
        "label": figure_words(figure),
        "low": _number(figure.low),
        "high": _number(figure.high),
    }


def _account(event: Event, index: int, account: Account, document: str) -> AccountRecord:
    date = account.date
    core = date.core
    offsets = account.offsets
    return {
        "id": f"{event.id}/{index + 1}",
        "source": account.source,
        "document": document,
        "date": date.edtf,
        "modifier": account.modifier,
        "label": label(date),
        "precision": date.precision,
        "soft": date.approximate or date.uncertain,
        "earliest": _start(date.earliest),
        "latest": _end(date.latest),
        "open_start": date.earliest == OPEN_START,
        "open_end": date.latest == OPEN_END,
        "core_earliest": _start(core[0]),
        "core_latest": _end(core[1]),
        "quote": account.quote,
        "prefix": account.prefix,
        "cited": account.cited,
        "note": account.note,
        "line": account.line,
        "start": offsets[0] if offsets else None,
        "end": offsets[1] if offsets else None,
        "figures": {name: _figure(f) for name, f in sorted(account.figures.items())},
        "stated": _stated(account),
        "translation": account.translation,
    }


def date_words(account: AccountRecord) -> str:
    """The account's date as a reader is told it: as stated in its calendar, with the
    Gregorian date beside it ("30 Khordad 1360 SH (20 June 1981)"), or the Gregorian date
    alone ("20 June 1981")."""
    stated = account["stated"]
    return f"{stated['label']} ({account['label']})" if stated else account["label"]


def _stated(account: Account) -> StatedRecord | None:
    stated = account.stated
    if stated is None:
        return None
    return {"calendar": stated.calendar, "date": stated.stated, "label": stated.describe()}


def _support(side: Side) -> SupportRecord:
    """Who stands on one side of a conflict: the issue asks every event to report how many
    sources and distinct origins support each side, beside the range they all allow."""
    return {
        "label": side.label,
        "labels": list(side.labels),
        "source_ids": list(side.source_ids),
        "source_names": list(side.source_names),
        "sources": side.sources,
        "origins": side.origins,
        "earliest": _start(side.days[0]) if side.days else None,
        "latest": _end(side.days[1]) if side.days else None,
        "low": _number(side.values[0]) if side.values else None,
        "high": _number(side.values[1]) if side.values else None,
    }


def _conflict(conflict: Conflict) -> ConflictRecord:
    """One conflict in the issue's names. ``gap`` is what the sentence says: for dates the
    distance in the sources' unit (1 year for 1986 vs 1987), with the days between the
    nearest ends beside it in ``gap_days``; for figures a share."""
    amount: int | float
    unit: Literal["years", "months", "days", "relative"]
    if conflict.gap is not None:
        amount, unit, at_least = conflict.gap.amount, conflict.gap.unit, conflict.gap.at_least
    else:
        amount, unit, at_least = conflict.relative_difference or 0.0, "relative", False
    return {
        "kind": conflict.kind,
        "strength": STRENGTH[conflict.relation],
        "figure": conflict.figure,
        "sides": [list(s.accounts) for s in conflict.sides],
        "support": [_support(s) for s in conflict.sides],
        "gap": amount,
        "gap_unit": unit,
        "gap_at_least": at_least,
        "gap_days": conflict.gap_days,
        "gap_words": conflict.gap_words,
        "label": conflict.label,
        "explanation": conflict.explanation,
    }


def _pair(pair: Pair) -> ComparisonRecord:
    return {
        "accounts": [pair.first, pair.second],
        "figure": pair.figure,
        "relation": pair.relation,
        "more_precise": pair.more_precise,
        "gap_days": pair.gap_days,
        "relative_difference": pair.relative_difference,
    }


def _event(event: Event, analysis: EventAnalysis, documents: dict[str, str]) -> EventRecord:
    accounts = event.accounts
    earliest = min(a.date.earliest for a in accounts)
    latest = max(a.date.latest for a in accounts)
    return {
        "id": event.id,
        "title": event.title,
        "category": event.category,
        "summary": event.summary,
        "note": event.note,
        "line": event.line,
        "earliest": _start(earliest),
        "latest": _end(latest),
        "open_start": earliest == OPEN_START,
        "open_end": latest == OPEN_END,
        "agreement": analysis.agreement,
        "most_precise": list(analysis.most_precise),
        "accounts": [
            _account(event, i, a, documents.get(a.source, "")) for i, a in enumerate(accounts)
        ],
        "conflicts": [_conflict(c) for c in analysis.conflicts],
        "comparisons": [_pair(p) for p in analysis.pairs],
    }


def _first_known_day(event: Event) -> dt.date:
    """Where an event sits in reading order: the first day any account names.

    An open start ("before 1980") counts by its known end, so a reader's list does not begin
    with every "before ..." event of the chronology out of order.
    """
    days = [
        a.date.earliest if a.date.earliest != OPEN_START else a.date.latest for a in event.accounts
    ]
    return min(days)


#: The kinds of conflict the summary counts, in the order it lists them.
CONFLICT_KINDS = ("date", "figure", "internal")


def _analysed(chronology: Chronology) -> Iterator[tuple[Event, EventAnalysis]]:
    """Every event in reading order, with its conflict analysis."""
    names = {s.id: s.display_name for s in chronology.sources}
    for event in sorted(chronology.events, key=lambda e: (_first_known_day(e), e.id)):
        yield event, analyse(event, names)


def events_in_conflict(chronology: Chronology) -> list[EventRecord]:
    """The records ``build`` gives the events whose accounts conflict, in the same order.

    Only those records are built: a large chronology's events mostly agree, and building every
    account's record took most of ``chronology reconcile``'s time outside matching.
    """
    documents = {s.id: s.document for s in chronology.sources}
    names = {s.id: s.display_name for s in chronology.sources}
    # reading order among the events that may conflict is their order among all events
    candidates = sorted(
        filter(_may_conflict, chronology.events), key=lambda e: (_first_known_day(e), e.id)
    )
    analysed = ((e, analyse(e, names)) for e in candidates)
    return [_event(e, a, documents) for e, a in analysed if a.conflicts]


def _may_conflict(event: Event) -> bool:
    """Whether an event's accounts can disagree at all: two of them with different dates, or a
    figure. Most events of a large chronology are told once, or twice with the same date;
    analysing them to find no conflict was most of the time of ``events_in_conflict``."""
    accounts = event.accounts
    if len(accounts) < 2:
        return False
    first = accounts[0].date
    return any(a.figures or (a.date is not first and a.date != first) for a in accounts)


def count_conflicts(events: Iterable[EventRecord]) -> dict[str, int]:
    """Conflicts of the events by kind (``CONFLICT_KINDS``), as the summary counts them."""
    counts = dict.fromkeys(CONFLICT_KINDS, 0)
    for event in events:
        for conflict in event["conflicts"]:
            counts[conflict["kind"]] += 1
    return counts


def _input_names(chronology: Chronology) -> tuple[str, str]:
    """The events file and the documents folder relative to the folder both are in (the
    project): an export, and a page made from it, never names the editor's own folders, and
    is the same whichever folder the command ran in."""
    events = PurePosixPath(Path(chronology.events_path).as_posix())
    seeds = PurePosixPath(Path(chronology.seeds_dir).as_posix())
    if events.is_absolute() != seeds.is_absolute():
        return events.name, seeds.name
    common = PurePosixPath(os.path.commonpath([events, seeds]))
    if common in (events, seeds) or common == PurePosixPath("/"):
        return events.name, seeds.name
    return events.relative_to(common).as_posix(), seeds.relative_to(common).as_posix()


def build(chronology: Chronology) -> ExportModel:
    """The export model of a loaded chronology (see docs/export-schema.md)."""
    documents = {s.id: s.document for s in chronology.sources}
    events = [_event(e, a, documents) for e, a in _analysed(chronology)]
    conflicts = [c for e in events for c in e["conflicts"]]
    return {
        "schema_version": SCHEMA_VERSION,
        "generator": {"name": "chronology", "version": __version__},
        "inputs": {
            **dict(zip(("events", "seeds"), _input_names(chronology), strict=True)),
            "sha256": input_hash(chronology),
        },
        "categories": [
            {"id": c.id, "label": c.label, "description": c.description, "colour": c.colour}
            for c in chronology.categories
        ],
        "sources": [_source(s, chronology.text_of(s)) for s in chronology.sources],
        "events": events,
        "summary": {
            "events": len(events),
            "accounts": sum(len(e["accounts"]) for e in events),
            "sources": len(chronology.sources),
            "events_in_conflict": sum(1 for e in events if e["conflicts"]),
            "conflicts": count_conflicts(events),
            "strengths": {
                strength: sum(1 for c in conflicts if c["strength"] == strength)
                for strength in ("conflict", "possible")
            },
            "agreement": {
                level: sum(1 for e in events if e["agreement"] == level) for level in SEVERITY
            },
        },
    }


def dumps(model: Mapping[str, Any]) -> str:
    """The model (or its TimelineJS view) as JSON: sorted keys, 2-space indent, UTF-8 text,
    trailing newline."""
    return json.dumps(model, indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False) + "\n"


# --- CSV: one row per account, for spreadsheets -------------------------------------------

CSV_COLUMNS = (
    "event_id",
    "event_title",
    "event_category",
    "account",
    "source",
    "source_name",
    "source_url",
    "language",
    "document",
    "date",
    "modifier",
    "label",
    "stated",
    "precision",
    "earliest",
    "latest",
    "open_start",
    "open_end",
    "quote",
    "translation",
    "start",
    "end",
    "cited",
    "figures",
    "note",
    "conflict_strength",
    "conflict_kinds",
    "on_conflict_side",
)


def _strongest(conflicts: list[ConflictRecord]) -> str | None:
    """The event's flag: ``conflict`` if any firm conflict, else ``possible``, else None."""
    strengths = {c["strength"] for c in conflicts}
    return next((s for s in ("conflict", "possible") if s in strengths), None)


def account_rows(model: ExportModel) -> list[dict[str, Any]]:
    """One flat row per account (events in model order, accounts in file order), with the
    ``CSV_COLUMNS``: the table behind ``to_csv``, Parquet and ``chronology.frames``.

    Every row repeats its event's id, title and category and the event's conflict flags, so a
    filter on one column ("conflict_strength = conflict") keeps whole events.
    ``source_name`` is the name readers see beside the ``source`` id tools join on.
    ``figures`` is ``name=text`` pairs joined by ``; ``; booleans stay booleans (``to_csv``
    spells them). ``stated`` is the date in the calendar the source used ("30 Khordad 1360
    SH"), when not Gregorian; ``language`` the source's ``language:``; ``translation`` the
    quote's.
    """
    names = {s["id"]: s["name"] for s in model["sources"]}
    urls = {s["id"]: s["url"] or "" for s in model["sources"]}
    languages = {s["id"]: s["language"] for s in model["sources"]}
    rows = []
    for event in model["events"]:
        conflicts = event["conflicts"]
        kinds = sorted({c["kind"] for c in conflicts}, key=["date", "figure", "internal"].index)
        on_side = {i for c in conflicts for side in c["sides"] for i in side}
        for index, account in enumerate(event["accounts"]):
            fields: dict[str, Any] = dict(account)
            row: dict[str, Any] = {key: fields.get(key) for key in CSV_COLUMNS}
            row.update(
                source_name=names.get(account["source"], account["source"]),
                source_url=urls.get(account["source"], ""),
                language=languages.get(account["source"]),
                stated=account["stated"]["label"] if account["stated"] else None,
                event_id=event["id"],
                event_title=event["title"],
                event_category=event["category"],
                account=index,
                figures="; ".join(f"{k}={v['text']}" for k, v in account["figures"].items()),
                conflict_strength=_strongest(conflicts),
                conflict_kinds=" ".join(kinds),
                on_conflict_side=index in on_side,
            )
            rows.append(row)
    return rows


CONFLICT_COLUMNS = (
    "event_id",
    "event_title",
    "conflict",
    "kind",
    "strength",
    "figure",
    "sides",
    "side_labels",
    "side_source_names",
    "side_sources",
    "gap",
    "gap_unit",
    "gap_at_least",
    "gap_days",
    "gap_words",
    "label",
    "explanation",
)


def conflict_rows(model: ExportModel) -> list[dict[str, Any]]:
    """One flat row per conflict, with the ``CONFLICT_COLUMNS``: ``sides`` lists each side's
    account ids (``event/1``), beside each side's label, sources' names and number of
    sources."""
    rows = []
    for event in model["events"]:
        ids = [a["id"] for a in event["accounts"]]
        for n, conflict in enumerate(event["conflicts"]):
            rows.append(
                {
                    "event_id": event["id"],
                    "event_title": event["title"],
                    "conflict": n,
                    "kind": conflict["kind"],
                    "strength": conflict["strength"],
                    "figure": conflict["figure"],
                    "sides": [[ids[i] for i in side] for side in conflict["sides"]],
                    "side_labels": [s["label"] for s in conflict["support"]],
                    "side_source_names": [s["source_names"] for s in conflict["support"]],
                    "side_sources": [s["sources"] for s in conflict["support"]],
                    "gap": conflict["gap"],
                    "gap_unit": conflict["gap_unit"],
                    "gap_at_least": conflict["gap_at_least"],
                    "gap_days": conflict["gap_days"],
                    "gap_words": conflict["gap_words"],
                    "label": conflict["label"],
                    "explanation": conflict["explanation"],
                }
            )
    return rows


def to_csv(model: ExportModel) -> str:
    """The model as CSV, one row per account (see ``account_rows``); booleans are
    ``true``/``false``."""
    rows = [
        {k: _bool(v) if isinstance(v, bool) else v for k, v in row.items()}
        for row in account_rows(model)
    ]
    return _csv_text(rows, CSV_COLUMNS)


def _bool(value: bool) -> str:
    return "true" if value else "false"


# --- TimelineJS3: one slide per event, for Knight Lab's TimelineJS -------------------------

_COARSE = {"year", "decade", "century"}


def _tl_date(day: str, precision: str, end: bool) -> dict[str, int]:
    """A day as a TimelineJS date at the precision its account stated: 1986 stays a year.

    Decades and centuries become their first or last year; intervals and sets are given as
    precisely as their bound needs (a bound on 1 January or 31 December is a year, on the first
    or last of a month a month).
    """
    d = dt.date.fromisoformat(day)
    year = {"year": d.year}
    if precision in _COARSE:
        return year
    if precision in ("month", "season"):
        return {**year, "month": d.month}
    if precision == "day":
        return {**year, "month": d.month, "day": d.day}
    next_day = d + dt.timedelta(days=1) if end else d
    if (end and (d.month, d.day) == (12, 31)) or (not end and (d.month, d.day) == (1, 1)):
        return year
    if (end and next_day.day == 1) or (not end and d.day == 1):
        return {**year, "month": d.month}
    return {**year, "month": d.month, "day": d.day}


def _tl_span(event: EventRecord) -> tuple[dict[str, int], dict[str, int] | None] | None:
    """The slide's dates: the union of the accounts' stated ranges, with no winner picked.

    An open end ("by 1986", "from 2017") has no day, so the slide runs to the account's
    known end instead; the display date still shows every account's words.
    """
    ends: list[tuple[str, str, bool]] = []  # (day, precision, is_end)
    for a in event["accounts"]:
        for day, is_end in ((a["earliest"], False), (a["latest"], True)):
            if day is not None:
                ends.append((day, a["precision"], is_end))
    if not ends:
        return None  # every account is open at both ends ("../.."): TimelineJS cannot place it
    first = min(ends, key=lambda e: (e[0], e[2]))
    last = max(ends, key=lambda e: (e[0], e[2]))
    start = _tl_date(first[0], first[1], first[2])
    end = _tl_date(last[0], last[1], last[2])
    covered = _tl_date(first[0], first[1], True) if not first[2] else start
    return start, (None if end in (start, covered) else end)


def _tl_text(
    event: EventRecord, names: dict[str, str], urls: dict[str, str | None] | None = None
) -> str:
    """Every account of the event (source's name, date in words, quote, its translation,
    cited) and its conflicts in words, as HTML; everything from the data is escaped, because
    TimelineJS inserts it as is. Quotes and translations get ``dir="auto"`` so Persian and
    Arabic read right to left. A source's name links to its article when it has a url. A
    slide is for readers: no ids, no EDTF."""
    e = html.escape
    parts = []
    for c in event["conflicts"]:
        what = flag(c["kind"], c["strength"] == "possible", c["figure"])
        parts.append(f"<p><strong>{e(what)}:</strong> {e(c['explanation'])}</p>")
    items = []
    for a in event["accounts"]:
        cited = f" Cites: {e(a['cited'])}." if a["cited"] else ""
        translation = (
            f' (translation: <span dir="auto">{e(a["translation"])}</span>)'
            if a["translation"]
            else ""
        )
        who = f"<strong>{e(names.get(a['source'], a['source']))}</strong>"
        url = (urls or {}).get(a["source"])
        if url and url.lower().startswith(("http://", "https://")):
            who = f'<a href="{e(url)}">{who}</a>'
        items.append(
            f"<li>{who}, "
            f'{e(date_words(a))}: <q dir="auto">{e(a["quote"])}</q>{translation}{cited}</li>'
        )
    parts.append("<ul>" + "".join(items) + "</ul>")
    if event["note"]:
        parts.append(f"<p>Note: {e(event['note'])}</p>")
    return "".join(parts)


def to_timelinejs(model: ExportModel) -> dict[str, Any]:
    """The model as TimelineJS3 JSON (https://timeline.knightlab.com/docs/json-format.html).

    One slide per event that has a known day (an event stated only as ``../..`` is left out),
    grouped by category, its dates the union of its accounts' ranges and
    its ``display_date`` every distinct date the accounts state, so the slide never shows
    one source's date as the event's date.
    """
    names = {s["id"]: s["name"] for s in model["sources"]}
    urls = {s["id"]: s["url"] for s in model["sources"]}
    slides = []
    for event in model["events"]:
        span = _tl_span(event)
        if span is None:
            continue
        start, end = span
        slide: dict[str, Any] = {
            "unique_id": event["id"],
            "start_date": start,
            "display_date": " / ".join(dict.fromkeys(date_words(a) for a in event["accounts"])),
            "text": {
                "headline": html.escape(event["title"]),
                "text": _tl_text(event, names, urls),
            },
            "group": event["category"],
        }
        if end is not None:
            slide["end_date"] = end
        slides.append(slide)
    summary = model["summary"]
    return {
        "title": {
            "text": {
                "headline": "Chronology",
                "text": (
                    f"<p>{summary['events']} events from {summary['sources']} sources, each "
                    f"account attributed; {summary['events_in_conflict']} events where sources "
                    "disagree.</p>"
                ),
            }
        },
        "events": slides,
    }


__all__ = [
    "CSV_COLUMNS",
    "SCHEMA_VERSION",
    "AccountRecord",
    "CategoryRecord",
    "ComparisonRecord",
    "ConflictRecord",
    "EventRecord",
    "ExportModel",
    "FigureRecord",
    "Generator",
    "Inputs",
    "SourceRecord",
    "StatedRecord",
    "Summary",
    "SupportRecord",
    "build",
    "date_words",
    "dumps",
    "input_hash",
    "to_csv",
    "to_timelinejs",
]
