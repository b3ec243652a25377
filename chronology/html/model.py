"""The export model as types, and the one JSON block the browser reads.

``chronology.export.build`` returns a plain dict (the documented, versioned export). The page
code reads it only through the TypedDicts below, so a renamed key is a type error here rather
than a blank page. ``view`` turns it into the browser's data: one record per event with its
accounts and conflicts in reader's words, written once into the page. The plot's marks and
labels, the hover text, the phone list and the accounts panel are all built from that block;
only the table (the path without JavaScript) is written out as HTML.
"""

from __future__ import annotations

import re
from typing import Any, Literal, TypedDict, cast

from chronology.model import Source


class ExportSource(TypedDict):
    id: str
    document: str
    title: str
    authors: list[str]
    outlet: str
    published: str
    published_label: str
    stance: str
    span: list[int] | None


class ExportFigure(TypedDict):
    text: str
    low: float | None
    high: float | None


class ExportAccount(TypedDict):
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
    quote: str
    cited: str | None
    note: str | None
    figures: dict[str, ExportFigure]


class ExportSupport(TypedDict):
    label: str
    sources: int
    origins: int
    earliest: str | None
    latest: str | None


class ExportConflict(TypedDict):
    kind: str
    strength: str
    figure: str | None
    sides: list[list[int]]
    support: list[ExportSupport]
    gap: float | None
    gap_unit: str
    label: str
    explanation: str


class ExportEvent(TypedDict):
    id: str
    title: str
    category: str
    summary: str | None
    note: str | None
    earliest: str | None
    latest: str | None
    agreement: str
    accounts: list[ExportAccount]
    conflicts: list[ExportConflict]


class ExportSummary(TypedDict):
    events: int
    accounts: int
    sources: int
    events_in_conflict: int


class ExportInputs(TypedDict):
    events: str
    seeds: str
    sha256: str


class ExportCategory(TypedDict):
    id: str
    description: str


class ExportModel(TypedDict):
    schema_version: int
    inputs: ExportInputs
    categories: list[ExportCategory]
    sources: list[ExportSource]
    events: list[ExportEvent]
    summary: ExportSummary


def typed(model: dict[str, Any]) -> ExportModel:
    """The export dict seen through its types (``export.build`` makes exactly this shape)."""
    return cast(ExportModel, model)


def display_name(source: ExportSource) -> str:
    """The one name a reader sees for a source: ``Source.display_name`` of the model.

    The export may carry the name already (``name``); otherwise the source is rebuilt from its
    exported fields so the rule lives in one place, ``chronology.model.Source``.
    """
    given = cast(dict[str, Any], source).get("name")
    if isinstance(given, str) and given:
        return given
    return Source(
        id=source["id"],
        document=source["document"],
        title=source["title"],
        authors=list(source["authors"]),
        outlet=source["outlet"],
        published=source["published"],
        stance=cast(Any, source["stance"]),
    ).display_name


def source_url(source: ExportSource) -> str | None:
    """The source's link when it has one (http or https only, checked by the model)."""
    url = cast(dict[str, Any], source).get("url")
    return url if isinstance(url, str) and re.match(r"https?://", url) else None


_APART = re.compile(r"([^:;()]*\bapart)\.?\s*$")


def gap_words(conflict: ExportConflict) -> str:
    """How far apart the sides are, in the words of the conflict's own sentence."""
    given = cast(dict[str, Any], conflict).get("gap_label")
    if isinstance(given, str) and given:
        return given
    match = _APART.search(conflict["explanation"].split("; they meet only")[0])
    return match.group(1).strip() if match else ""


# --- the browser's data ---------------------------------------------------------------------


class ViewSource(TypedDict):
    name: str
    colour: str
    url: str | None


class ViewAccount(TypedDict):
    s: int  # index into sources
    a: str | None  # first day (None: open start)
    b: str | None  # last day (None: open end)
    day: bool  # a single day (a dot) rather than a range (a bar)
    soft: bool  # approximate or uncertain
    d: str  # the date in words, as the source states it
    q: str  # verbatim quote
    c: str | None  # whom it cites


class ViewSide(TypedDict):
    d: str  # the side's date in words
    names: list[str]  # its sources' display names


class ViewConflict(TypedDict):
    t: str  # 'June 1981 vs July 1981'
    gap: str  # '1 month apart'
    firm: bool  # a conflict (True) or a possible one
    lo: str | None  # the disputed range, drawn as a band
    hi: str | None
    sides: list[ViewSide]


class ViewEvent(TypedDict):
    id: str
    t: str  # title
    cat: str
    acc: list[ViewAccount]
    con: list[ViewConflict]


class View(TypedDict):
    sources: list[ViewSource]
    categories: list[str]
    events: list[ViewEvent]


Lanes = Literal["category", "source"]


def _side_days(conflict: ExportConflict) -> tuple[str | None, str | None]:
    days = [
        d
        for s in conflict["support"]
        for d in (s["earliest"], s["latest"])
        if d is not None  # an open end has no day
    ]
    return (min(days), max(days)) if days else (None, None)


def view(model: ExportModel, colours: dict[str, str]) -> View:
    """The browser's one JSON block: every event once, in reader's words."""
    index = {s["id"]: i for i, s in enumerate(model["sources"])}
    names = [display_name(s) for s in model["sources"]]
    events: list[ViewEvent] = []
    for ev in model["events"]:
        accounts: list[ViewAccount] = [
            {
                "s": index[a["source"]],
                "a": None if a["open_start"] else a["earliest"],
                "b": None if a["open_end"] else a["latest"],
                "day": a["precision"] == "day" and a["earliest"] == a["latest"],
                "soft": bool(a["soft"]),
                "d": a["label"],
                "q": a["quote"],
                "c": a["cited"] or None,
            }
            for a in ev["accounts"]
        ]
        conflicts: list[ViewConflict] = []
        for c in ev["conflicts"]:
            lo, hi = _side_days(c)
            sides: list[ViewSide] = [
                {
                    "d": support["label"],
                    "names": list(
                        dict.fromkeys(names[index[ev["accounts"][i]["source"]]] for i in side)
                    ),
                }
                for side, support in zip(c["sides"], c["support"], strict=False)
            ]
            title = f"{c['figure']}: {c['label']}" if c["figure"] else c["label"]
            conflicts.append(
                {
                    "t": title,
                    "gap": gap_words(c),
                    "firm": c["strength"] == "conflict",
                    "lo": lo,
                    "hi": hi,
                    "sides": sides,
                }
            )
        events.append(
            {
                "id": ev["id"],
                "t": ev["title"],
                "cat": ev["category"],
                "acc": accounts,
                "con": conflicts,
            }
        )
    used = {ev["category"] for ev in model["events"]}
    order = [c["id"] for c in model["categories"]]
    categories = [c for c in order if c in used] + sorted(used - set(order))
    return {
        "sources": [
            {"name": names[i], "colour": colours[s["id"]], "url": source_url(s)}
            for i, s in enumerate(model["sources"])
        ],
        "categories": categories,
        "events": events,
    }
