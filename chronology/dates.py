"""One date model for the whole tool: an EDTF value that keeps the precision its source used.

Sources state dates at very different precisions ("1965", "the early 1970s", "June 28, 1981",
"around 2013"). Comparing them honestly means never inventing precision: every value is turned
into the interval of days it could mean (``earliest`` .. ``latest``) and all comparisons are
interval comparisons.

Supported EDTF (ISO 8601-2) forms, always written as quoted strings in YAML:

========================  ===============================  ====================================
form                      example                          bounds
========================  ===============================  ====================================
day / month / year        ``1981-06-28`` ``1981-06`` ``1965``  the day, the month, the year
decade / century          ``196X`` ``19XX``                1960-01-01..1969-12-31, 1900..1999
season                    ``1981-21`` .. ``1981-24``       spring Mar-May, summer Jun-Aug,
                                                           autumn Sep-Nov, winter Dec-Feb (next
                                                           year), northern hemisphere
approximate / uncertain   ``2013~`` ``2016?`` ``2004%``    as stated; ``soft`` widens by one unit
interval                  ``1960/1963`` ``../2020-07``     first day of start .. last day of end
one of a set              ``[1986,1987]`` ``[1986..1988]``  earliest member .. latest member
========================  ===============================  ====================================

Refused, each with a message: times of day, negative or five-digit years, ``{...}`` all-of sets,
seasons other than 21-24, qualifiers inside a date (``1984?-06``), exponents and significant
digits.

Why we parse and compute bounds ourselves: the ``edtf`` package on PyPI parses these forms, but
its bounds are wrong or missing in places we depend on, and it is slow (about 13 ms a value
through pyparsing: five seconds to load the shipped events file). It accepts ``1981-02-29`` (no
such day); it puts winter ``1981-24`` in December 1981 only; it raises ``TypeError`` on open
intervals (``../2020-07``); and its "fuzzy" padding for ``~``/``?`` is a whole year even for a month
(``2013-04~`` becomes 2012-03-01..2014-05-30). So values are parsed by our own small grammar,
and the test suite checks that every form it accepts is one the ``edtf`` package accepts too.

The words "early", "mid" and "late" are not EDTF. They are kept beside the date as a
``modifier`` (TIMEX3 START/MID/END). A modifier never changes ``earliest``/``latest`` (the date as
stated); it only narrows the *comparison range* ``core`` to the first, middle or last third of
the stated interval, so "early 1970s" compares as 1970-01-01..1973-05-02.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, get_args

from chronology.errors import ChronologyError

Modifier = Literal["early", "mid", "late"]
MODIFIERS: tuple[Modifier, ...] = get_args(Modifier)
TIMEX_MOD = {"early": "START", "mid": "MID", "late": "END"}
OPEN_START = dt.date.min
OPEN_END = dt.date.max

_SEASONS = {21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (12, 2)}
_SEASON_NAMES = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}
_SIMPLE = re.compile(
    r"^(?P<year>\d{2}XX|\d{3}X|\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?(?P<q>[~?%])?$"
)


class DateError(ChronologyError):
    """A date string that is not in the EDTF subset we support (the message says why)."""


@dataclass(frozen=True)
class DateValue:
    """A date as a source states it, with the interval of days it can mean.

    ``earliest``/``latest`` are the stated bounds. ``core`` narrows them by the modifier;
    ``soft`` widens them for approximate or uncertain dates. Open ends use ``date.min``/``max``.
    """

    edtf: str
    earliest: dt.date
    latest: dt.date
    precision: str
    approximate: bool = False
    uncertain: bool = False
    modifier: Modifier | None = None
    soft_earliest: dt.date | None = None
    soft_latest: dt.date | None = None

    @classmethod
    def parse(cls, text: str, modifier: str | None = None) -> DateValue:
        """Parse an EDTF string; raise DateError with a fix-it message if it is not one.

        Values are immutable, so each distinct (text, modifier) is parsed once per process: a
        large events.yaml states the same few thousand dates over and over.
        """
        if not isinstance(text, str):
            raise DateError(_not_a_string(text))
        if cls is DateValue:
            return _parse_cached(text, modifier)
        return cls._parse(text, modifier)

    @classmethod
    def _parse(cls, text: str, modifier: str | None) -> DateValue:
        chosen = next((m for m in MODIFIERS if m == modifier), None)
        if modifier is not None and chosen is None:
            raise DateError(f"modifier must be one of early, mid, late, not {modifier!r}")
        value = text.strip()
        if value != text or not value:
            raise DateError(f"invalid date {text!r}: remove the surrounding spaces")
        _refuse_unsupported(value)
        earliest, latest, precision, approx, uncertain, soft = _bounds(value)
        return cls(
            edtf=value,
            earliest=earliest,
            latest=latest,
            precision=precision,
            approximate=approx,
            uncertain=uncertain,
            modifier=chosen,
            soft_earliest=soft[0],
            soft_latest=soft[1],
        )

    @classmethod
    def from_timex(cls, value: str, mod: str | None = None) -> DateValue | None:
        """Turn a TIMEX3 DATE/TIME value (and mod) into a DateValue, or None if not a date.

        Durations, sets and PRESENT_REF-style references name no calendar interval, so they
        give None. START/MID/END become the early/mid/late modifier; APPROX becomes ``~``;
        BEFORE/AFTER become open intervals.
        """
        edtf_text = timex_to_edtf(value)
        if edtf_text is None:
            return None
        modifier = {"START": "early", "MID": "mid", "END": "late"}.get(mod or "")
        if mod == "APPROX" and "/" not in edtf_text and edtf_text[-1] not in "~?%":
            edtf_text += "~"
        elif mod in ("BEFORE", "ON_OR_BEFORE") and "/" not in edtf_text:
            edtf_text = f"../{edtf_text}"
        elif mod in ("AFTER", "ON_OR_AFTER") and "/" not in edtf_text:
            edtf_text = f"{edtf_text}/.."
        try:
            return cls.parse(edtf_text, modifier)
        except DateError:
            return None

    @property
    def core(self) -> tuple[dt.date, dt.date]:
        """The comparison range: the stated bounds narrowed to a third by early/mid/late."""
        return narrow(self.earliest, self.latest, self.modifier)

    @property
    def soft(self) -> tuple[dt.date, dt.date]:
        """The stated bounds widened for ``~``/``?``/``%`` (one unit of the date's precision)."""
        return (self.soft_earliest or self.earliest, self.soft_latest or self.latest)

    @property
    def is_open(self) -> bool:
        return self.earliest == OPEN_START or self.latest == OPEN_END

    @property
    def timex_mod(self) -> str | None:
        return TIMEX_MOD.get(self.modifier or "")

    def describe(self) -> str:
        """The date in words, as a newspaper would print it: 'late 1950s', 'about 1968',
        '1979 or earlier', '1986 or 1987', '28 June 1981'. Never EDTF notation: readers see
        this, editors see ``edtf``."""
        if self.modifier and _SIMPLE.match(self.edtf):
            return _describe(self.edtf, self.modifier)
        text = _describe(self.edtf)
        return f"{self.modifier} {text}" if self.modifier else text

    def __str__(self) -> str:
        return self.edtf if not self.modifier else f"{self.edtf} ({self.modifier})"


@lru_cache(maxsize=16384)
def _parse_cached(text: str, modifier: str | None) -> DateValue:
    return DateValue._parse(text, modifier)


def narrow(earliest: dt.date, latest: dt.date, modifier: str | None) -> tuple[dt.date, dt.date]:
    """Narrow an interval to its first, middle or last third (early/mid/late).

    Thirds are counted in whole days; an open interval is not narrowed (a third of infinity
    would invent precision).
    """
    if modifier is None or earliest == OPEN_START or latest == OPEN_END:
        return earliest, latest
    days = (latest - earliest).days + 1
    third = max(days // 3, 1)
    if modifier == "early":
        return earliest, earliest + dt.timedelta(days=third - 1)
    if modifier == "late":
        return latest - dt.timedelta(days=third - 1), latest
    start = earliest + dt.timedelta(days=third)
    return start, max(start, latest - dt.timedelta(days=third))


def timex_to_edtf(value: str) -> str | None:
    """Map a TIMEX3 value to EDTF, or None when it names no calendar interval."""
    value = value.strip()
    m = re.fullmatch(r"(\d{4}-\d{2}-\d{2})T.*", value)
    if m:
        return m.group(1)
    if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        return value
    if re.fullmatch(r"\d{3}X?", value):
        return value[:3] + "X"
    if re.fullmatch(r"\d{2}(XX)?", value):
        return value[:2] + "XX"
    m = re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value)
    if m:
        return f"{m.group(1)}-{ {'SP': 21, 'SU': 22, 'FA': 23, 'WI': 24}[m.group(2)] }"
    m = re.fullmatch(r"(\d{4})-Q([1-4])", value)
    if m:
        year, q = m.group(1), int(m.group(2))
        return f"{year}-{3 * q - 2:02d}/{year}-{3 * q:02d}"
    m = re.fullmatch(r"(\d{4})-H([12])", value)
    if m:
        year, h = m.group(1), int(m.group(2))
        return f"{year}-{6 * h - 5:02d}/{year}-{6 * h:02d}"
    m = re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", value)
    if m:
        try:
            monday = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        except ValueError:
            return None
        first = monday + dt.timedelta(days=5) if m.group(3) else monday
        return f"{first.isoformat()}/{(monday + dt.timedelta(days=6)).isoformat()}"
    return None


def _not_a_string(value: object) -> str:
    if isinstance(value, bool) or value is None:
        return f'date must be a quoted EDTF string such as "1981-06-28", not {value!r}'
    if isinstance(value, int):
        return (
            f'date must be a quoted EDTF string: write "{value}" in quotes '
            "(YAML read it as a number)"
        )
    if isinstance(value, dt.date):
        return (
            f'date must be a quoted EDTF string: write "{value.isoformat()}" in quotes '
            "(YAML read it as a calendar date)"
        )
    return f'date must be a quoted EDTF string such as "1981-06-28", not {value!r}'


def _refuse_unsupported(value: str) -> None:
    if "T" in value:
        raise DateError(f"times of day are not supported in {value!r}: give the day only")
    if value.startswith(("{", "-", "Y")) or "E" in value or "S" in value:
        raise DateError(
            f"unsupported EDTF date {value!r}: use a day, month, year, decade (196X), century "
            "(19XX), season (1981-21..24), an interval (A/B) or a one-of set ([A,B])"
        )


def _bounds(
    value: str,
) -> tuple[dt.date, dt.date, str, bool, bool, tuple[dt.date | None, dt.date | None]]:
    """Compute (earliest, latest, precision, approximate, uncertain, soft bounds)."""
    if value.startswith("["):
        members = [m.strip() for m in value[1:-1].split(",") if m.strip()]
        ranges: list[tuple[dt.date, dt.date]] = []
        for member in members:
            if ".." in member:
                first, _, last = member.partition("..")
                ranges.append(
                    (
                        _simple(first)[0] if first else OPEN_START,
                        _simple(last)[1] if last else OPEN_END,
                    )
                )
            else:
                ranges.append(_simple(member)[:2])
        return (
            min(r[0] for r in ranges),
            max(r[1] for r in ranges),
            "one-of",
            False,
            True,
            (None, None),
        )
    if "/" in value:
        first, _, last = value.partition("/")
        start = _simple(first) if first not in ("", "..") else None
        end = _simple(last) if last not in ("", "..") else None
        earliest = start[0] if start else OPEN_START
        latest = end[1] if end else OPEN_END
        if earliest > latest:
            raise DateError(f"invalid interval {value!r}: it ends before it starts")
        approx = "~" in value or "%" in value
        uncertain = "?" in value or "%" in value
        soft = (
            start[2][0] if start and start[2] else None,
            end[2][1] if end and end[2] else None,
        )
        return earliest, latest, "interval", approx, uncertain, soft
    earliest, latest, widened = _simple(value)
    q = value[-1]
    precision = _precision(value.rstrip("~?%"))
    return earliest, latest, precision, q in ("~", "%"), q in ("?", "%"), widened or (None, None)


def _simple(value: str) -> tuple[dt.date, dt.date, tuple[dt.date, dt.date] | None]:
    """Bounds of one date (no interval or set), plus its soft bounds when qualified."""
    m = _SIMPLE.match(value)
    if not m:
        hint = ""
        if re.search(r"[~?%].", value):
            hint = ' (put the ~, ? or % qualifier at the end, as in "1984-06?")'
        raise DateError(
            f"invalid EDTF date {value!r}: expected a form such as 1981-06-28, 1981-06, 1981, "
            f"198X, 19XX or 1981-21{hint}"
        )
    year_text, month_text, day_text, q = m.group("year", "month", "day", "q")
    if "X" in year_text and month_text:
        raise DateError(f"unsupported EDTF date {value!r}: a decade or century has no month")
    if "X" in year_text:
        unit = 10 ** year_text.count("X")
        base = int(year_text.replace("X", "0"))
        earliest, latest = dt.date(max(base, 1), 1, 1), dt.date(base + unit - 1, 12, 31)
        step = ("year", unit)
    else:
        year = int(year_text)
        if year == 0:
            raise DateError(f"invalid date {value!r}: there is no year 0 in this tool")
        if month_text is None:
            earliest, latest, step = dt.date(year, 1, 1), dt.date(year, 12, 31), ("year", 1)
        else:
            month = int(month_text)
            if month in _SEASONS:
                if day_text:
                    raise DateError(f"invalid date {value!r}: a season has no day")
                first, last = _SEASONS[month]
                end_year = year + 1 if last < first else year
                if end_year > OPEN_END.year:
                    raise DateError(
                        f"invalid date {value!r}: {_SEASON_NAMES[month]} {year} ends after "
                        f"{OPEN_END.isoformat()}, the calendar's last day"
                    )
                earliest = dt.date(year, first, 1)
                latest = dt.date(end_year, last, calendar.monthrange(end_year, last)[1])
                step = ("month", 3)
            elif not 1 <= month <= 12:
                raise DateError(
                    f"invalid date {value!r}: month {month_text} does not exist "
                    "(seasons are 21 spring, 22 summer, 23 autumn, 24 winter)"
                )
            elif day_text is None:
                last_day = calendar.monthrange(year, month)[1]
                earliest, latest = dt.date(year, month, 1), dt.date(year, month, last_day)
                step = ("month", 1)
            else:
                try:
                    earliest = latest = dt.date(year, month, int(day_text))
                except ValueError:
                    raise DateError(
                        f"invalid date {value!r}: {_month_name(month)} {year} has no day "
                        f"{int(day_text)}"
                    ) from None
                step = ("day", 1)
    soft = _widen(value, earliest, latest, step) if q else None
    return earliest, latest, soft


def _widen(
    value: str, earliest: dt.date, latest: dt.date, step: tuple[str, int]
) -> tuple[dt.date, dt.date]:
    """The soft bounds of a qualified date: one unit either side, inside the calendar.

    A ``~`` or ``?`` on a date at the calendar's edge (``0001~``, ``9999-12-31?``) would widen it
    past 0001-01-01 or 9999-12-31; such a date is refused, so that check, render and extract all
    agree on it instead of one of them failing on arithmetic.
    """
    unit, n = step
    try:
        lo = _shift(earliest, unit, -n)
    except (OverflowError, ValueError):
        raise DateError(
            f"invalid date {value!r}: widened by {n} {unit}{'s' if n > 1 else ''} "
            f"for {value[-1]} it starts before {OPEN_START.isoformat()}, the calendar's first day"
        ) from None
    try:
        hi = _shift(latest, unit, n)
    except (OverflowError, ValueError):
        raise DateError(
            f"invalid date {value!r}: widened by {n} {unit}{'s' if n > 1 else ''} "
            f"for {value[-1]} it ends after {OPEN_END.isoformat()}, the calendar's last day"
        ) from None
    return lo, hi


def _shift(day: dt.date, unit: str, n: int) -> dt.date:
    """``day`` moved by ``n`` days, months or years (to the month's or year's far edge)."""
    if unit == "day":
        return day + dt.timedelta(days=n)
    if unit == "month":
        if n < 0:
            return _add_months(day, n)
        return _end_of_month(_add_months(day.replace(day=1), n))
    return dt.date(day.year + n, 1, 1) if n < 0 else dt.date(day.year + n, 12, 31)


def clamp_shift(day: dt.date, delta: dt.timedelta) -> dt.date:
    """``day`` moved by ``delta``, stopping at the calendar's first or last day.

    For drawing: padding an axis around a date near year 1 or 9999 ends at the calendar's edge
    rather than failing.
    """
    try:
        return day + delta
    except OverflowError:
        return OPEN_START if delta < dt.timedelta(0) else OPEN_END


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _end_of_month(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _precision(value: str) -> str:
    if value.endswith("XX"):
        return "century"
    if value.endswith("X"):
        return "decade"
    parts = value.split("-")
    if len(parts) == 1:
        return "year"
    if len(parts) == 3:
        return "day"
    return "season" if int(parts[1]) > 12 else "month"


def _month_name(month: int) -> str:
    return calendar.month_name[month]


#: How a reader hears each EDTF qualifier: "2013~" is "about 2013", never "2013~".
QUALIFIER_WORDS = {"~": "about", "?": "possibly", "%": "possibly about"}


def _ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st."""
    suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _describe(value: str, modifier: str | None = None) -> str:
    """Words for one EDTF value; a modifier goes after the qualifier ("about early 1970s").

    Open ends say which way they are open, inclusively ("by 1979" could be read as "before
    1979 began"), so ``../1979`` is "1979 or earlier"; a set or an interval within one month
    or year names the month or year once ("20 or 27 February 2019", "February to March 2019").
    """
    if value.startswith("["):
        return _one_of([m.strip() for m in value[1:-1].split(",") if m.strip()])
    if ".." in value and "/" not in value:  # a run inside a set: [1986..1988]
        first, _, last = value.partition("..")
        if not first:
            return f"{_describe(last)} or earlier"
        if not last:
            return f"{_describe(first)} or later"
        return _span(first, last)
    if "/" in value:
        first, _, last = value.partition("/")
        if {first, last} <= {"", ".."}:
            return "date unknown"
        if first in ("", ".."):
            return f"{_describe(last)} or earlier"
        if last in ("", ".."):
            return f"{_describe(first)} or later"
        return _span(first, last)
    q = value[-1] if value[-1] in QUALIFIER_WORDS else ""
    core = value.rstrip("~?%")
    prefix = "".join(f"{word} " for word in (QUALIFIER_WORDS.get(q), modifier) if word)
    parts = core.split("-")
    if core.endswith("XX"):
        text = f"{_ordinal(int(core[:2]) + 1)} century"
    elif core.endswith("X"):
        text = f"{int(core[:3]) * 10}s"
    elif len(parts) == 1:
        text = str(int(core))
    elif len(parts) == 2 and int(parts[1]) in _SEASON_NAMES:
        year = int(parts[0])
        if int(parts[1]) == 24:  # winter runs into the next year: "winter 1981–82"
            after = str(year + 1)
            shown = after[-2:] if after[:-2] == str(year)[:-2] else after
            text = f"winter {year}–{shown}"
        else:
            text = f"{_SEASON_NAMES[int(parts[1])]} {year}"
    elif len(parts) == 2:
        text = f"{_month_name(int(parts[1]))} {int(parts[0])}"
    else:
        text = f"{int(parts[2])} {_month_name(int(parts[1]))} {int(parts[0])}"
    return prefix + text


def _plain(value: str) -> re.Match[str] | None:
    """A day, month or year without qualifier, the only forms whose words can be merged."""
    return re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value)


def _span(first: str, last: str) -> str:
    """'1960 to 1963', 'February to March 2019', '11 to 18 February 2019'."""
    a, b = _plain(first), _plain(last)
    if a and b and a.group(1) == b.group(1) and a.group(2) and b.group(2):
        year = int(a.group(1))
        month_a, month_b = int(a.group(2)), int(b.group(2))
        if month_a <= 12 and month_b <= 12:
            if month_a == month_b and a.group(3):  # within one month: name it once
                end = b.group(3) or str(calendar.monthrange(year, month_b)[1])
                return f"{int(a.group(3))} to {int(end)} {_month_name(month_a)} {year}"
            if not a.group(3) and not b.group(3):
                return f"{_month_name(month_a)} to {_month_name(month_b)} {year}"
    return f"{_describe(first)} to {_describe(last)}"


def _one_of(members: list[str]) -> str:
    """'1986 or 1987', '1986, 1987 or 1988', '20 or 27 February 2019'."""
    days = [_plain(m) for m in members]
    if len(members) > 1 and all(d and d.group(3) for d in days):
        months = {(d.group(1), d.group(2)) for d in days if d}
        if len(months) == 1:
            year, month = months.pop()
            numbers = [str(int(d.group(3))) for d in days if d]
            return f"{_either(numbers)} {_month_name(int(month))} {int(year)}"
    return _either([_describe(m) for m in members])


def _either(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"
