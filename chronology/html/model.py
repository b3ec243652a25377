"""The export model as types, and the one JSON block the browser reads.

``chronology.export.build`` returns a plain dict (the documented, versioned export). The page
code reads it only through the TypedDicts below, so a renamed key is a type error here rather
than a blank page. ``view`` turns it into the browser's data: one record per event with its
accounts and conflicts in reader's words, written once into the page. The plot's marks and
labels, the hover text, the phone list and the accounts panel are all built from that block;
only the table (the path without JavaScript) is written out as HTML.
"""

from __future__ import annotations

import functools
import re
from typing import Any, Literal, TypedDict, cast

from chronology import export

# The export's records, as ``chronology.export`` declares them (one TypedDict per record).
ExportModel = export.ExportModel
ExportSource = export.SourceRecord
ExportAccount = export.AccountRecord
ExportConflict = export.ConflictRecord
ExportEvent = export.EventRecord


# The export model as ``export.build`` makes it, or as ``embed.select`` passes it on (a plain
# dict of the same shape): what every entry point of the page code accepts.
AnyModel = ExportModel | dict[str, Any]


def typed(model: AnyModel) -> ExportModel:
    """The export model seen through its types (``export.build`` makes exactly this shape;
    ``embed.select`` passes it on as a plain dict)."""
    return cast(ExportModel, model)


def display_name(source: ExportSource) -> str:
    """The one name a reader sees for a source (``Source.display_name``, exported as
    ``name``)."""
    return source["name"]


def source_url(source: ExportSource) -> str | None:
    """The source's link when it has one (http or https only; checked again here because the
    page puts it in an href)."""
    url = source["url"]
    return url if url and re.match(r"https?://", url) else None


# Names for the ISO 639-1 codes dateparser reads that lingua (our detector) has no name for, and
# for two whose lingua name is too bare (BOKMAL, NYNORSK); lingua names the other 67.
LANGUAGE_NAMES = {
    "ak": "Akan", "am": "Amharic", "as": "Assamese", "bm": "Bambara", "bo": "Tibetan",
    "br": "Breton", "ce": "Chechen", "dz": "Dzongkha", "ee": "Ewe", "ff": "Fula",
    "fo": "Faroese", "fy": "Western Frisian", "gd": "Scottish Gaelic", "gl": "Galician",
    "gv": "Manx", "ha": "Hausa", "ig": "Igbo", "ii": "Sichuan Yi", "ki": "Kikuyu",
    "kl": "Kalaallisut", "km": "Khmer", "kn": "Kannada", "ks": "Kashmiri", "kw": "Cornish",
    "ky": "Kyrgyz", "lb": "Luxembourgish", "ln": "Lingala", "lo": "Lao", "lu": "Luba-Katanga",
    "mg": "Malagasy", "ml": "Malayalam", "mt": "Maltese", "my": "Burmese",
    "nb": "Norwegian Bokmål", "nd": "North Ndebele", "ne": "Nepali", "nn": "Norwegian Nynorsk",
    "om": "Oromo", "or": "Odia", "os": "Ossetian", "ps": "Pashto", "qu": "Quechua",
    "rm": "Romansh", "rn": "Kirundi", "rw": "Kinyarwanda", "se": "Northern Sami",
    "sg": "Sango", "si": "Sinhala", "ti": "Tigrinya", "to": "Tongan", "ug": "Uyghur",
    "uz": "Uzbek", "yi": "Yiddish",
}  # fmt: skip


@functools.cache
def language_name(code: str | None) -> str | None:
    """A language's name in English from its ISO 639-1 code ('fa' -> 'Persian'), for readers.

    The table above, else lingua's name (its ``Language`` enum: PERSIAN, ARABIC...) for the
    languages it detects; a code neither knows is shown as it is.
    """
    if not code:
        return None
    if code in LANGUAGE_NAMES:
        return LANGUAGE_NAMES[code]
    from lingua import IsoCode639_1, Language

    try:
        language = Language.from_iso_code_639_1(IsoCode639_1.from_str(code))
    except ValueError:
        return code
    return language.name.replace("_", " ").capitalize()


def shown_languages(model: ExportModel) -> dict[str, str | None]:
    """Each source's language as readers see it, by source id: named only when the story's
    sources are written in more than one language ("in English" beside every account of a story
    told in English alone would be noise)."""
    several = len({s["language"] for s in model["sources"]}) > 1
    return {s["id"]: language_name(s["language"]) if several else None for s in model["sources"]}


def gap_words(conflict: ExportConflict) -> str:
    """How far apart the sides are, in the sources' unit: '1 year apart'."""
    words = conflict["gap_words"]
    return f"{words} apart" if words and conflict["figure"] is None else words


# --- the browser's data ---------------------------------------------------------------------


class ViewSource(TypedDict):
    name: str
    colour: str
    url: str | None
    lang: str | None  # ISO 639-1 code (the quotes' lang attribute)
    language: str | None  # its name in English: 'Persian'


class ViewAccount(TypedDict):
    s: int  # index into sources
    a: str | None  # first day (None: open start)
    b: str | None  # last day (None: open end)
    day: bool  # a single day (a dot) rather than a range (a bar)
    soft: bool  # approximate or uncertain
    d: str  # the date in words, as the source states it: '30 Khordad 1360 SH (20 June 1981)'
    q: str  # verbatim quote
    tr: str | None  # the quote's translation
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
    labels: dict[str, str]  # what readers see for each category id (chronology.yaml's label)
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
    languages = shown_languages(model)
    events: list[ViewEvent] = []
    for ev in model["events"]:
        accounts: list[ViewAccount] = [
            {
                "s": index[a["source"]],
                "a": None if a["open_start"] else a["earliest"],
                "b": None if a["open_end"] else a["latest"],
                "day": a["precision"] == "day" and a["earliest"] == a["latest"],
                "soft": bool(a["soft"]),
                "d": export.date_words(a),
                "q": a["quote"],
                "tr": a["translation"] or None,
                "c": a["cited"] or None,
            }
            for a in ev["accounts"]
        ]
        conflicts: list[ViewConflict] = []
        for c in ev["conflicts"]:
            lo, hi = _side_days(c)
            sides: list[ViewSide] = [
                {"d": support["label"], "names": list(support["source_names"])}
                for support in c["support"]
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
            {
                "name": names[i],
                "colour": colours[s["id"]],
                "url": source_url(s),
                "lang": s["language"],
                "language": languages[s["id"]],
            }
            for i, s in enumerate(model["sources"])
        ],
        "categories": categories,
        "labels": {c["id"]: c["label"] or c["id"] for c in model["categories"]},
        "events": events,
    }
