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


def _era(calendar: str) -> str:
    eras = sorted(_ERAS[calendar], key=lambda e: (-len(e), e))
    spelled = "|".join(re.escape(e).replace(r"\ ", r"\s*") for e in eras)
    return rf"(?:[\s,]*(?:{spelled})(?![\w]))"


def _month(calendar: str) -> str:
    names = [n for month in MONTHS[calendar] for n in month]
    return rf"(?<!\w)(?:{script.alternation(names)})(?:[\s\u200c]*ماه)?(?!\w)"


def _pattern() -> re.Pattern[str]:
    parts = []
    for c in MONTHS:
        month, era = _month(c), _era(c)
        parts += [
            rf"(?P<{c}_d1>{_DAY}){_ORDINAL}(?:\s+of)?[\s,]+(?P<{c}_m1>{month})[\s,]+"
            rf"(?P<{c}_y1>{_YEAR})(?P<{c}_e1>{era})?",
            rf"(?P<{c}_m2>{month})\s+(?P<{c}_d2>{_DAY}){_ORDINAL},?\s+(?P<{c}_y2>{_YEAR})"
            rf"(?P<{c}_e2>{era})?",
            rf"(?P<{c}_m3>{month})(?:\s+of)?,?\s+(?P<{c}_y3>{_YEAR})(?P<{c}_e3>{era})?",
            rf"(?P<{c}_y4>{_YEAR})(?P<{c}_e4>{era})",
        ]
    return re.compile("|".join(parts), re.IGNORECASE)


_PATTERN = _pattern()
# Every pattern holds a month name or an era: the scan jumps from one to the next (in C) and
# tries the patterns only around it, so text without either costs one pass of this regex.
_TRIGGER = re.compile(
    script.trie(
        [
            *(n for c in MONTHS for month in MONTHS[c] for n in month),
            *_ERAS["jalali"],
            *_ERAS["hijri"],
        ]
    ),
    re.IGNORECASE,
)
_BEFORE, _AFTER = 16, 80  # the window around a trigger a date can span
_BARE_YEAR = re.compile(rf"(?<!\w)(?P<y>(?:1[34]|[۱١][۳۴٣٤]){D}{D})(?!\w|[.,]{D})")
_DAY_MONTH = re.compile(rf"(?P<d>{_DAY}){_ORDINAL}[\s,]+(?P<m>{_month('jalali')})", re.IGNORECASE)


def _month_number(calendar: str, text: str) -> int:
    spelled = re.sub(r"[\s\u200c]*ماه$", "", text)
    for i, names in enumerate(MONTHS[calendar], start=1):
        if any(re.fullmatch(script.word(n), spelled, re.IGNORECASE) for n in names):
            return i
    raise ValueError(text)


@dataclass(frozen=True)
class CalendarMatch:
    start: int
    end: int
    date: CalendarDate
    anchor: str | None = None  # the stated year a day and month without one was read in


def find(text: str, *, persian: bool = False) -> list[CalendarMatch]:
    """Every Solar Hijri or Islamic date in ``text`` that exists in its calendar."""
    out: list[CalendarMatch] = []
    invalid: list[CalendarMatch] = []  # no such date: skipped, and its year is not read alone
    for m in _matches(text):
        name = m.lastgroup or ""
        calendar, pattern = name.split("_")[0], name[-1]
        groups = {
            k.split("_")[1][0]: v
            for k, v in m.groupdict().items()
            if v and k.startswith(calendar) and k.endswith(pattern)
        }
        try:
            date = CalendarDate(
                calendar,  # type: ignore[arg-type]
                script.number(groups["y"]),
                _month_number(calendar, groups["m"]) if "m" in groups else None,
                script.number(groups["d"]) if "d" in groups else None,
            )
            date.interval()
        except (CalendarError, ValueError):
            invalid.append(CalendarMatch(m.start(), m.end(), CalendarDate("jalali", 1)))
            continue
        out.append(CalendarMatch(m.start(), m.end(), date))
    if persian:
        out += _persian_bare(text, out, invalid)
    return sorted(out, key=lambda c: c.start)


def _matches(text: str) -> list[re.Match[str]]:
    """The pattern's matches, found only in windows around month names and eras."""
    out: list[re.Match[str]] = []
    floor = 0
    for trigger in _TRIGGER.finditer(text):
        at = trigger.start()
        if at < floor or (at and text[at - 1].isalnum()):
            continue
        end = min(len(text), trigger.end() + _AFTER)
        m = _PATTERN.search(text, max(floor, at - _BEFORE), end)
        if m is not None and m.end() >= end - 1 and end < len(text):
            m = _PATTERN.search(text, max(floor, at - _BEFORE))
        if m is None or not m.start() <= at < m.end():
            continue
        out.append(m)
        floor = m.end()
    return out


def _persian_bare(
    text: str, taken: list[CalendarMatch], invalid: list[CalendarMatch]
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
    for m in _DAY_MONTH.finditer(text):
        if not free(m.start(), m.end()) or not all(
            m.end() <= t.start or m.start() >= t.end for t in out
        ):
            continue
        before = [y for y in years if y.start < m.start() and y.date.calendar == "jalali"]
        if not before:
            continue
        date = CalendarDate(
            "jalali",
            before[-1].date.year,
            _month_number("jalali", m["m"]),
            script.number(m["d"]),
        )
        try:
            date.interval()
        except CalendarError:
            continue
        out.append(CalendarMatch(m.start(), m.end(), date, f"stated year {date.year} SH"))
    return out


def found(matches: list[CalendarMatch]) -> list[Found]:
    """The matches as DATE expressions: the Gregorian day, or the days a month or year covers."""
    return [Found(c.start, c.end, "DATE", c.date.edtf, anchor=c.anchor) for c in matches]
