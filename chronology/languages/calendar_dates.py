"""Solar Hijri and Islamic dates in running text, in their own script or transliterated.

"30 Khordad 1360", "Khordad 30, 1360", "1 Muharram 1400 AH", "Ramadan 1400 AH", "1360 SH",
"۳۰ خرداد ۱۳۶۰", "۱ محرم ۱۴۰۰ هـ": a day, a month or a year of another calendar, normalised
(by ``chronology.calendars``) to the Gregorian day or the interval of days it means. The
wording stays the mention's text. A date that does not exist ("31 Esfand 1402": that Esfand has
29 days) is skipped, never guessed.

A bare year needs its era ("1360 SH", "1400 AH") except in Persian text, where a four-digit year
of the 13th or 14th century is the Solar Hijri year Iranian writing uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from chronology.calendars import MONTHS, CalendarDate, CalendarError
from chronology.languages import script
from chronology.languages.found import Found

D = script.DIGIT
_DAY = rf"(?<!{D})(?:[12]\d|3[01]|0?[1-9]|[۱۲][۰-۹]|۳[۰۱]|۰?[۱-۹]|[١٢][٠-٩]|٣[٠١]|٠?[١-٩])(?!{D})"
_YEAR = rf"(?<!{D})(?<![.,]{D}){D}{{3,4}}(?!{D}|[.,]{D}|%)"
_ERAS = {
    "jalali": [
        "SH",
        "S.H.",
        "AP",
        "A.P.",
        "HS",
        "H.S.",
        "Solar Hijri",
        "ه.ش",
        "ه. ش",
        "ه‍.ش",
        "هجری شمسی",
        "هجری خورشیدی",
        "خورشیدی",
        "شمسی",
    ],
    "hijri": [
        "AH",
        "A.H.",
        "هـ",
        "ه‍",
        "ه.ق",
        "ه. ق",
        "هجری قمری",
        "قمری",
        "هجري",
        "هجرية",
        "للهجرة",
        "ق",
    ],
}
_ORDINAL = r"(?:st|nd|rd|th|ام|م)?"
# "۲۸ مرداد سال ۱۳۳۲", "رمضان عام 1393": the word for "year" between a month and its year
_YEAR_WORD = r"(?:(?:سال|عام|سنة|سنه)\s+)?"
# "اول فروردین", "یکم فروردین", "أول محرم": the first day of a month, in words
_FIRST_DAY = ("اول", "یکم", "أول")

# Every date holds a month name or an era: the scan jumps (in C) from one to the next and reads
# the few words around it with small anchored patterns, so a text without either costs one pass
# of one regex. Names are capitalised and eras upper-case where texts write them in Latin
# script, so the scan is case-sensitive: it skips every position not starting with a few letters.
_NAMES: dict[str, tuple[str, int | None]] = {
    script.fold(name): (calendar, month)
    for calendar, months in MONTHS.items()
    for month, names in enumerate(months, start=1)
    for name in names
}
_NAMES.update({script.fold(era): (calendar, None) for calendar in _ERAS for era in _ERAS[calendar]})
_SPELLINGS = [
    *(n for months in MONTHS.values() for names in months for n in names),
    *(era for eras in _ERAS.values() for era in eras),
]
_TRIGGER = re.compile(
    script.first_characters(_SPELLINGS, ignore_case=False)
    + f"(?:{script.trie(_SPELLINGS, ignore_case=False)})"
)
_MONTH_WORD = re.compile(r"[\s\u200c]*ماه(?!\w)")  # "خردادماه": the month, named as a month
_DAY_BEFORE = re.compile(
    rf"(?P<d>{_DAY}|(?<!\w)(?:{'|'.join(_FIRST_DAY)})){_ORDINAL}(?:\s+of)?[\s,]+$",
    re.IGNORECASE,
)
_YEAR_AFTER = re.compile(rf"(?:\s+of)?,?[\s,]+{_YEAR_WORD}(?P<y>{_YEAR})", re.IGNORECASE)
# "۳۰ خرداد ۶۰": Persian writing shortens Solar Hijri years of the 1300s to two digits
_SHORT_YEAR_AFTER = re.compile(rf"[\s,]+{_YEAR_WORD}(?P<y>{D}{D})(?!{D}|[.,:/]{D})")
_DAY_YEAR_AFTER = re.compile(rf"\s+(?P<d>{_DAY}){_ORDINAL},?\s+(?P<y>{_YEAR})", re.IGNORECASE)
_YEAR_BEFORE = re.compile(rf"(?P<y>{_YEAR})[\s,]*$")
_ERA_AFTER = {
    calendar: re.compile(
        r"[\s,]*(?:"
        + "|".join(re.escape(e).replace(r"\ ", r"\s*") for e in sorted(eras, key=len)[::-1])
        + r")(?!\w)"
    )
    for calendar, eras in _ERAS.items()
}
_LAST_YEAR = 1500  # 2121 CE (Solar Hijri), 2077 CE (Islamic): a later year is not one of theirs
# not a year its era says is Gregorian ("۱۳۵۰ میلادی")
_BARE_YEAR = re.compile(
    rf"(?<!\w)(?P<y>(?:1[34]|[۱١][۳۴٣٤]){D}{D})(?!\w|[.,]{D})"
    r"(?![\s\u200c]*(?:میلادی|ميلادي|م)(?!\w))"
)


@dataclass(frozen=True)
class CalendarMatch:
    start: int
    end: int
    date: CalendarDate
    anchor: str | None = None  # the stated year a day and month without one was read in


@dataclass(frozen=True)
class _Read:
    """What the words around one month name or era say, before the date is checked."""

    start: int
    end: int
    calendar: str
    year: int | None
    month: int | None
    day: int | None


def find(text: str, *, persian: bool = False) -> list[CalendarMatch]:
    """Every Solar Hijri or Islamic date in ``text`` that exists in its calendar."""
    out: list[CalendarMatch] = []
    invalid: list[CalendarMatch] = []  # no such date: skipped, and its year is not read alone
    pending: list[_Read] = []  # a day and a month without a year (Persian text only)
    floor = 0
    for trigger in _TRIGGER.finditer(text):
        at, end = trigger.span()
        if at < floor or (at and text[at - 1].isalnum()):
            continue
        inside = end < len(text) and text[end].isalnum() and text[end - 1].isalnum()
        if inside and not _MONTH_WORD.match(text, end):  # "خردادماه" is the month Khordad
            continue  # "April", "Shah": a name or an era only as a whole word
        read = _around(text, at, end, floor)
        if read is None:
            continue
        floor = read.end
        if read.year is None:
            pending.append(read)
            continue
        if not 1 <= read.year < _LAST_YEAR:
            continue  # "Khordad 1981": a Gregorian year beside the name, not a date of its own
        try:
            date = CalendarDate(read.calendar, read.year, read.month, read.day)  # type: ignore[arg-type]
            date.interval()
        except CalendarError:
            invalid.append(CalendarMatch(read.start, read.end, CalendarDate("jalali", 1)))
            continue
        out.append(CalendarMatch(read.start, read.end, date))
    if persian:
        out += _persian_bare(text, out, invalid, pending)
    return sorted(out, key=lambda c: c.start)


def _around(text: str, at: int, end: int, floor: int) -> _Read | None:
    """The date a month name or an era at ``text[at:end]`` is part of, if any."""
    named = _NAMES.get(script.fold(text[at:end]))
    if named is None:
        return None
    calendar, month = named
    if month is None:  # an era: the year is just before it ("1400 AH")
        year = _YEAR_BEFORE.search(text, max(floor, at - 8), at)
        if year is None:
            return None
        return _Read(year.start(), end, calendar, script.number(year["y"]), None, None)
    suffix = _MONTH_WORD.match(text, end)
    if suffix:
        end = suffix.end()
    day = _DAY_BEFORE.search(text, max(floor, at - 12), at)
    start = day.start() if day else at
    after = None if day else _DAY_YEAR_AFTER.match(text, end)  # "Khordad 30, 1360"
    if after:
        day = after
    else:
        after = _YEAR_AFTER.match(text, end)
    short = None
    if after is None and day is not None and calendar == "jalali":
        short = _SHORT_YEAR_AFTER.match(text, end)
    if short is not None and day is not None:
        short_year = 1300 + script.number(short["y"])
        return _Read(start, short.end(), calendar, short_year, month, _day_number(day["d"]))
    if after is None:
        if day is None:
            return None
        return _Read(start, end, calendar, None, month, _day_number(day["d"]))
    end = after.end()
    era = _ERA_AFTER[calendar].match(text, end)
    if era:
        end = era.end()
    found_day = _day_number(day["d"]) if day else None
    return _Read(start, end, calendar, script.number(after["y"]), month, found_day)


def _day_number(text: str) -> int:
    """A day of the month in digits of any script, or the first day in words ("اول")."""
    return 1 if text in _FIRST_DAY else script.number(text)


def _persian_bare(
    text: str,
    taken: list[CalendarMatch],
    invalid: list[CalendarMatch],
    pending: list[_Read],
) -> list[CalendarMatch]:
    """In Persian text: a bare 13xx/14xx year, and a day and month resolved by that year."""

    def free(s: int, e: int) -> bool:
        return all(e <= t.start or s >= t.end for t in [*taken, *invalid])

    out: list[CalendarMatch] = []
    for m in _BARE_YEAR.finditer(text):
        if free(m.start(), m.end()):
            year = CalendarDate("jalali", script.number(m["y"]))
            out.append(CalendarMatch(m.start(), m.end(), year))
    years = sorted([*taken, *out], key=lambda c: c.start)
    for read in pending:
        before = [y for y in years if y.start < read.start and y.date.calendar == read.calendar]
        if read.calendar != "jalali" or not before:
            continue
        date = CalendarDate("jalali", before[-1].date.year, read.month, read.day)
        try:
            date.interval()
        except CalendarError:
            continue
        out.append(CalendarMatch(read.start, read.end, date, f"stated year {date.year} SH"))
    return out


def found(matches: list[CalendarMatch]) -> list[Found]:
    """The matches as DATE expressions: the Gregorian day, or the days a month or year covers."""
    return [Found(c.start, c.end, "DATE", c.date.edtf, anchor=c.anchor) for c in matches]
