"""Holidays: each one's date in a given year, and the rule that finds them by name."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable

from chronology.extract.anchors import Found, stated_ref
from chronology.extract.context import Context
from chronology.extract.resolve import year_of
from chronology.extract.rule import Match, Rule
from chronology.extract.vocabulary import (
    YEAR,
    starts,
    title,
)


def _easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th given weekday of a month (n = -1: the last one)."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


HOLIDAYS: dict[str, Callable[[int], dt.date]] = {
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),
    "christmas": lambda y: dt.date(y, 12, 25),
    "christmas eve": lambda y: dt.date(y, 12, 24),
    "new year's day": lambda y: dt.date(y, 1, 1),
    "new year's eve": lambda y: dt.date(y, 12, 31),
    "easter": _easter,
    "good friday": lambda y: _easter(y) - dt.timedelta(days=2),
    "election day": lambda y: _nth_weekday(y, 11, 0, 1) + dt.timedelta(days=1),
    "independence day": lambda y: dt.date(y, 7, 4),
    "valentine's day": lambda y: dt.date(y, 2, 14),
    "halloween": lambda y: dt.date(y, 10, 31),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1),
    "memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
    "veterans day": lambda y: dt.date(y, 11, 11),
    "boxing day": lambda y: dt.date(y, 12, 26),
    "women's day": lambda y: dt.date(y, 3, 8),
}


# the holidays' names as written, longest first ("Christmas Eve" before "Christmas")
_NAMES = "|".join(title(name) for name in sorted(HOLIDAYS, key=lambda n: (-len(n), n)))


def _h_holiday(g: Match, ctx: Context) -> Found:
    """``Thanksgiving Day``, ``Christmas 1999``, ``International Women's Day``."""
    s, e = g.start, g.end
    name = re.sub(r"\s+", " ", g["h"].lower().replace("’", "'"))
    name = re.sub(r"^international |( day| sunday)$", "", name)
    key = next(k for k in (name, f"{name} day") if k in HOLIDAYS)
    if g.get("y"):
        year = year_of(g["y"], ctx)
        day = HOLIDAYS[key](year)
        return Found(
            s, e, "DATE", day.isoformat(), explicit=stated_ref(year, day.month, day.day, s)
        )
    ref = ctx.year_for(s)
    if ref.year is None or ref.year < 1:
        return Found(s, e, "DATE", "XXXX", anchor=None)
    day = HOLIDAYS[key](ref.year)
    now = ref.date
    if ref is ctx.dct and now is not None and day > now:
        # "found on Thanksgiving Day" in a January article is last year's; "as Easter week
        # began" a week before Easter is this year's
        tense = ctx.tense(s, e)
        if tense < 0 or (tense == 0 and (day - now).days > 60):
            day = HOLIDAYS[key](ref.year - 1)
    return Found(s, e, "DATE", day.isoformat(), anchor=ref.label or None)


RULES = [
    Rule(
        "holiday",
        rf"(?-i:(?P<h>(?:International\s+)?(?:{_NAMES})(?:\s+(?:Day|Sunday))?))"
        rf"(?!\w)(?:,?\s+(?P<y>{YEAR}))?",
        starts=starts(*HOLIDAYS, "international"),
        handler=_h_holiday,
        examples=(
            ("Christmas 1999", "1999-12-25"),
            ("on Thanksgiving Day", "2018-11-22"),
            ("on Valentine’s Day", "2019-02-14"),
        ),
        counterexamples=("a christmas tree",),
    ),
]
