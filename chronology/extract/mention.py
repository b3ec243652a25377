"""What the extractor returns: one normalised mention, and the EDTF form of its value."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Any

from chronology.dates import OPEN_END, OPEN_START, DateValue
from chronology.extract.anchors import Found


@dataclass(frozen=True)
class Mention:
    """One temporal expression found in a document, normalised."""

    doc: str  # document file name, or the input id in pipeline mode
    source: str | None  # source id whose span holds the mention (None when unknown)
    start: int  # Python str offsets into the document text as read (UTF-8)
    end: int
    text: str
    type: str  # "DATE" | "TIME" | "DURATION" | "SET"
    value: str  # TIMEX3 value: 1981-06-28, 1981-06, 1965, 196X, P3D, PAST_REF, XXXX-11 ...
    mod: str | None  # TIMEX3 mod: START, MID, END, APPROX, BEFORE, AFTER, ...
    date: DateValue | None  # calendar DATE/TIME values: EDTF, earliest/latest day
    anchor: str | None  # what a relative mention was resolved against
    sentence: str  # the sentence it dates
    sentence_start: int
    interval: str | None = None  # EDTF interval of the range this mention is an end of

    @classmethod
    def of(
        cls,
        found: Found,
        text: str,
        *,
        doc: str,
        source: str | None,
        date: DateValue | None,
        sentence: str,
        sentence_start: int,
        interval: str | None = None,
    ) -> Mention:
        """The mention a rule found in ``text``, with its document, date and sentence: one
        constructor for the English rules and every other language's."""
        return cls(
            doc=doc,
            source=source,
            start=found.start,
            end=found.end,
            text=text[found.start : found.end],
            type=found.type,
            value=found.value,
            mod=found.mod,
            date=date,
            anchor=found.anchor,
            sentence=sentence,
            sentence_start=sentence_start,
            interval=interval,
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with a fixed key order (outputs must be byte-identical)."""
        out: dict[str, Any] = {
            "doc": self.doc,
            "source": self.source,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "type": self.type,
            "value": self.value,
        }
        if self.mod:
            out["mod"] = self.mod
        out["edtf"] = self.date.edtf if self.date else era_edtf(self.value)
        out["earliest"] = _iso(self.date.earliest) if self.date else None
        out["latest"] = _iso(self.date.latest) if self.date else None
        if self.interval:
            out["interval"] = self.interval
        out["anchor"] = self.anchor
        out["sentence"] = self.sentence
        return out


_SEASON_EDTF = {"SP": "21", "SU": "22", "FA": "23", "WI": "24"}


def era_edtf(value: str) -> str | None:
    """The EDTF form of a TIMEX3 value before the common era: ``BC0490`` -> ``-0489``.

    EDTF counts years astronomically (1 BC is ``0000``), TIMEX2 and TimeML by era, so the two
    differ by one. Decades and centuries BC (``BC047``) have no EDTF form: None.
    """
    m = re.fullmatch(r"BC(\d{4})((?:-\d\d){0,2})(?:-(SP|SU|FA|WI))?", value)
    if m is None:
        return None
    year = 1 - int(m.group(1))
    season = f"-{_SEASON_EDTF[m.group(3)]}" if m.group(3) else ""
    return f"-{-year:04d}{m.group(2)}{season}" if year < 0 else f"{year:04d}{m.group(2)}{season}"


def _iso(day: dt.date) -> str | None:
    return None if day in (OPEN_START, OPEN_END) else day.isoformat()


@functools.lru_cache(maxsize=16384)
def date_value(value: str, mod: str | None) -> DateValue | None:
    """DateValue.from_timex, cached: news repeats the same few values many times over."""
    return DateValue.from_timex(value, mod)
