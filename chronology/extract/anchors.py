"""Reference points for relative expressions, and the arithmetic of moving from them."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from chronology.dates import OPEN_END, OPEN_START, DateValue


def timex_year(year: int) -> str:
    """A year as TIMEX3 writes it: ``0490`` AD, ``BC0490`` for 490 BC.

    Years are counted astronomically inside the extractor (1 BC is year 0, 490 BC is -489), so
    arithmetic crosses the era boundary without a year 0: 1 BC + 1 year is AD 1.
    """
    return f"{year:04d}" if year > 0 else f"BC{1 - year:04d}"


@dataclass(frozen=True)
class Ref:
    """A point in time to resolve against, known to the year, month or day (or not at all).

    A publication date may be stated as ``2019-02/2019-03``: only the fields its earliest and
    latest days share are known (here the year), so nothing finer is ever invented from it.
    """

    year: int | None = None
    month: int | None = None
    day: int | None = None
    label: str = ""
    quarter: int | None = None  # stated as a quarter ("the third quarter"): shifts stay quarters
    latest_month: int | None = None  # last month it may be (published "2019-02/2019-03": 3)
    stated: bool = True  # the year was written out (not inferred, as for a bare "Dec. 7")

    @classmethod
    def of(cls, value: dt.date | DateValue | None, label: str) -> Ref:
        if value is None:
            return cls()
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day, f"{label} {value.isoformat()}")
        lo, hi = value.earliest, value.latest
        if lo in (OPEN_START, OPEN_END) or hi in (OPEN_START, OPEN_END) or lo.year != hi.year:
            return cls()
        if lo.month != hi.month:
            return cls(lo.year, label=f"{label} {value.edtf}", latest_month=hi.month)
        if lo.day != hi.day:
            return cls(lo.year, lo.month, label=f"{label} {value.edtf}")
        return cls(lo.year, lo.month, lo.day, f"{label} {value.edtf}")

    @property
    def date(self) -> dt.date | None:
        if self.year and self.year >= 1 and self.month and self.day:  # Python has no BC days
            return dt.date(self.year, self.month, self.day)
        return None

    def truncated(self) -> str:
        """The known part as a TIMEX3 value (used when a finer shift cannot be computed)."""
        if self.year is None:
            return "XXXX"
        if self.month is None:
            return f"{timex_year(self.year)}"
        if self.day is None:
            return f"{timex_year(self.year)}-{self.month:02d}"
        return f"{timex_year(self.year)}-{self.month:02d}-{self.day:02d}"


def shift(ref: Ref, unit: str, n: int) -> str:
    """The TIMEX3 value of the ``unit`` that is ``n`` units from ``ref`` (0 = the current one)."""
    if ref.year is None:
        return {"Y": "XXXX", "M": "XXXX-XX", "D": "XXXX-XX-XX"}.get(unit, "XXXX")
    y = ref.year
    if ref.quarter is not None and unit in ("Y", "Q"):
        index = y * 4 + ref.quarter - 1 + (4 * n if unit == "Y" else n)
        return f"{timex_year(index // 4)}-Q{index % 4 + 1}"
    if unit == "Y":
        return f"{timex_year(y + n)}"
    if unit == "DE":
        if y <= 0:  # the 480s BC (BC048) come after the 490s BC (BC049)
            return f"BC{(1 - y) // 10 - n:03d}"
        return f"{y // 10 + n:03d}X"
    if unit == "CE":
        if y <= 0:
            return f"BC{(1 - y) // 100 - n:02d}"
        return f"{y // 100 + n:02d}"
    if unit in ("M", "Q", "H"):
        if ref.month is None:
            return f"{timex_year(y)}" if n == 0 else ref.truncated()
        index = y * 12 + ref.month - 1 + n * {"M": 1, "Q": 3, "H": 6}[unit]
        year, month = divmod(index, 12)
        if unit == "M":
            return f"{timex_year(year)}-{month + 1:02d}"
        if unit == "Q":
            return f"{timex_year(year)}-Q{month // 3 + 1}"
        return f"{timex_year(year)}-H{month // 6 + 1}"
    day = ref.date
    if day is None and unit == "D" and ref.month is not None:
        return f"{ref.truncated()}-XX"  # "the same day" in a month known without its day
    if day is None:
        return ref.truncated()
    if unit in ("W", "WE"):
        iso = (day + dt.timedelta(weeks=n)).isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}" + ("-WE" if unit == "WE" else "")
    if unit == "D":
        return (day + dt.timedelta(days=n)).isoformat()
    return ref.truncated()


@dataclass
class Found:
    """A mention before sentences and documents are attached."""

    start: int
    end: int
    type: str
    value: str
    mod: str | None = None
    anchor: str | None = None
    explicit: Ref | None = None  # a date stated in full: later anaphora resolve against it
    the_ok: bool = False  # TimeML includes a preceding "the" ("the 1990s", "the third quarter")
    mod_ok: bool = True  # may take early/mid/late before it
    approx_ok: bool = False  # may take about/nearly before it ("nearly two weeks ago")
    # what the scanner records in the context once the mention is kept: a year said in words
    # ("last year", where it ends) and a bare month's year in news (month, where, year)
    rule: str = ""  # the rule that found it (set by the scanner)
    year_said: tuple[int, Ref] | None = None
    month_said: tuple[int, int, int] | None = None


def year2(yy: int, ref: Ref) -> int:
    """A two-digit year in the century that does not put it far in the future ('67 -> 1967).

    Without a publication date the pivot is fixed (not today's date) so output never changes.
    """
    now = ref.year or 2020
    year = now // 100 * 100 + yy
    return year - 100 if year > now + 10 else year


def stated_ref(y: int, m: int | None, d: int | None, at: int) -> Ref:
    if m is None:
        label = f"{timex_year(y)}"
    elif d is None:
        label = f"{timex_year(y)}-{m:02d}"
    else:
        label = f"{timex_year(y)}-{m:02d}-{d:02d}"
    return Ref(y, m, d, f"previous date {label} at {at}")


def valid_day(y: int | None, m: int, d: int) -> bool:
    return 1 <= d <= calendar.monthrange(y if y and y >= 1 else 2000, m)[1]
