"""Choose what goes into a timeline: filters and crop, computed before the export model.

Filters work on the loaded chronology *before* the export model is built, so a cropped or
filtered timeline still comes out of the one computed model that ``export`` writes, with counts
and conflicts that match what is shown. The page itself is built by ``chronology.html``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Any, cast

from chronology.errors import ChronologyError
from chronology.html.options import ID_PATTERN, MONTHS, Options
from chronology.model import Chronology

__all__ = ["Options", "bounds", "check_options", "select", "write"]


def bounds(options: Options) -> tuple[dt.date | None, dt.date | None]:
    """--from/--to as days: the first day of --from and the last day of --to."""
    from chronology.dates import DateError, DateValue

    days: list[dt.date | None] = []
    for flag, value, edge in (
        ("--from", options.start, "earliest"),
        ("--to", options.end, "latest"),
    ):
        if value is None:
            days.append(None)
            continue
        try:
            days.append(getattr(DateValue.parse(value), edge))
        except DateError as exc:
            raise ChronologyError(f"{flag} {value!r} is not a date: {exc}") from None
    start, end = days
    if start and end and start > end:
        raise ChronologyError(f"--from {options.start} is after --to {options.end}")
    return start, end


def check_options(chronology: Chronology, options: Options) -> None:
    """Reject a mistyped category, source, locale or id with one line naming the choices."""
    declared = [c.id for c in chronology.categories]
    unknown = [c for c in options.categories if c not in declared]
    if unknown:
        raise ChronologyError(f"unknown category {unknown[0]!r}; choose from {', '.join(declared)}")
    ids = [s.id for s in chronology.sources]
    unknown = [s for s in options.sources if s not in ids]
    if unknown:
        raise ChronologyError(f"unknown source {unknown[0]!r}; choose from {', '.join(ids)}")
    if options.locale not in MONTHS:
        raise ChronologyError(
            f"unknown locale {options.locale!r}; choose from {', '.join(sorted(MONTHS))}"
        )
    if options.id is not None and not ID_PATTERN.match(options.id):
        raise ChronologyError(
            f"--id {options.id!r} must start with a letter and use only letters, digits, - and _"
        )
    if options.height is not None and not 150 <= options.height <= 10000:
        raise ChronologyError(f"--height {options.height} must be between 150 and 10000 pixels")


def select(chronology: Chronology, options: Options) -> dict[str, Any]:
    """The export model of only what the options keep, computed by ``export.build``.

    An event is kept when it is in a chosen category, when some account from a chosen source
    remains (only those accounts are kept), and when one of its accounts' date ranges touches
    the --from/--to window (open ends count by their known day). --only-conflicts keeps the
    events that are in conflict *as shown*, so it applies to the already filtered accounts.
    """
    from chronology.export import build

    check_options(chronology, options)
    start, end = bounds(options)
    events = []
    for event in chronology.events:
        if options.categories and event.category not in options.categories:
            continue
        accounts = [a for a in event.accounts if not options.sources or a.source in options.sources]
        if not accounts:
            continue
        if (start or end) and not any(_touches(a.date, start, end) for a in accounts):
            continue
        events.append(event if len(accounts) == len(event.accounts) else _with(event, accounts))
    sources = [s for s in chronology.sources if not options.sources or s.id in options.sources]
    picked = replace(chronology, events=events, sources=sources)
    model = build(picked)
    if options.only_conflicts:
        keep = {e["id"] for e in model["events"] if e["conflicts"]}
        model = build(replace(picked, events=[e for e in events if e.id in keep]))
    if not model["events"] and chronology.events:  # an empty project draws an empty page
        raise ChronologyError("no events match the chosen filters")
    # A plain dict from here on: the page localises copies of it (html.model reads it typed).
    return cast(dict[str, Any], model)


def _touches(date: Any, start: dt.date | None, end: dt.date | None) -> bool:
    """Whether a date's range meets the --from/--to window.

    An open end ("before 1980", "after 2016") counts by its known day only; otherwise every
    "after ..." event would belong to every later window.
    """
    from chronology.dates import OPEN_END, OPEN_START

    lo, hi = date.earliest, date.latest
    if lo == OPEN_START:
        lo = hi
    if hi == OPEN_END:
        hi = lo
    return (start is None or hi >= start) and (end is None or lo <= end)


def _with(event: Any, accounts: list[Any]) -> Any:
    """A copy of an event with fewer accounts (keeping each account's line and offsets)."""
    copy = event.model_copy()
    copy.accounts = accounts
    return copy


def write(model: dict[str, Any], out: str | Path, options: Options) -> str | None:
    """Write the page or the fragment; for ``iframe``, return the snippet to paste."""
    from chronology.html.page import write as write_page

    return write_page(model, out, options)
