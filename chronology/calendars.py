"""Solar Hijri (Jalali) and Islamic (Hijri) dates, as the Gregorian interval of days they mean.

Iranian sources date events in the Solar Hijri calendar ("30 Khordad 1360" is 20 June 1981),
Arabic ones often in the Islamic calendar ("1 Muharram 1400 AH"). A date in one calendar is
compared with the others by the interval of Gregorian days it can mean, at the precision it
states: a day is one day, but a month is an interval that straddles two Gregorian months
(Khordad 1360 is 1981-05-22..1981-06-21) and a year straddles two Gregorian years. Nothing is
rounded to a Gregorian month: that would invent precision the source did not give.

The arithmetic comes from well-kept libraries: ``jdatetime`` for the Solar Hijri calendar, and
``hijridate`` for the Islamic calendar (the Umm al-Qura tables, 1343-1500 AH, that is
1924-2077), the library dateparser's own ``calendars`` extra uses; outside those tables, the
tabular Islamic calendar of ``convertdate.islamic``. ``jdatetime`` rather than the
``convertdate.persian`` dateparser uses: both give the same Nowruz and the same leap years for
every year from 1300 to 1450 SH (checked when it was chosen), but ``convertdate`` computes each
equinox astronomically, about half a second a date, and ``jdatetime`` is arithmetic.

Islamic months start with the sighted crescent, so a day may differ by one from the tables where
a country sighted it differently; the tables are what every converter uses, and the stated
wording is always kept beside the value.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

import jdatetime
from convertdate import islamic, julian
from hijridate import Hijri

from chronology.errors import ChronologyError

CalendarName = Literal["jalali", "hijri"]
CALENDARS: tuple[str, ...] = ("jalali", "hijri")

# Month names, in order, each with the spellings a text uses: the calendar's own script first,
# then the English transliterations. Every other list (regexes, messages) is derived from these.
JALALI_MONTHS: tuple[tuple[str, ...], ...] = (
    ("فروردین", "Farvardin"),
    ("اردیبهشت", "Ordibehesht", "Ordibehest"),
    ("خرداد", "Khordad"),
    ("تیر", "Tir"),
    ("مرداد", "امرداد", "Mordad", "Amordad"),
    ("شهریور", "Shahrivar", "Shahriver"),
    ("مهر", "Mehr"),
    ("آبان", "Aban", "Âbân"),
    ("آذر", "Azar", "Âzar"),
    ("دی", "Dey", "Dei"),
    ("بهمن", "Bahman"),
    ("اسفند", "Esfand", "Isfand"),
)
HIJRI_MONTHS: tuple[tuple[str, ...], ...] = (
    ("محرم", "Muharram", "Moharram"),
    ("صفر", "Safar"),
    ("ربيع الأول", "ربیع‌الاول", "Rabi al-Awwal", "Rabi' al-Awwal", "Rabi I", "Rabi' I"),
    ("ربيع الآخر", "ربيع الثاني", "ربیع‌الثانی", "Rabi al-Thani", "Rabi' al-Thani", "Rabi II"),
    ("جمادى الأولى", "جمادی‌الاول", "Jumada al-Ula", "Jumada al-Awwal", "Jumada I"),
    (
        "جمادى الآخرة",
        "جمادى الثانية",
        "جمادی‌الثانی",
        "Jumada al-Akhirah",
        "Jumada al-Thani",
        "Jumada II",
    ),
    ("رجب", "Rajab"),
    ("شعبان", "Sha'ban", "Shaban", "Sha’ban"),
    ("رمضان", "Ramadan", "Ramazan"),
    ("شوال", "Shawwal"),
    ("ذو القعدة", "ذی‌القعده", "Dhu al-Qadah", "Dhu al-Qa'dah", "Dhul-Qadah", "Dhu'l-Qa'dah"),
    ("ذو الحجة", "ذی‌الحجه", "Dhu al-Hijjah", "Dhul-Hijjah", "Dhu'l-Hijjah"),
)
MONTHS: dict[str, tuple[tuple[str, ...], ...]] = {"jalali": JALALI_MONTHS, "hijri": HIJRI_MONTHS}
ERA = {"jalali": "SH", "hijri": "AH"}

_STATED = re.compile(r"^(?P<y>\d{1,4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?$")
_UMM_AL_QURA = (1343, 1500)


class CalendarError(ChronologyError):
    """A date that does not exist in its calendar (the message names it and says why)."""


@dataclass(frozen=True)
class CalendarDate:
    """A date as a source states it in a non-Gregorian calendar, at the precision it gives."""

    calendar: CalendarName
    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, calendar: str, text: str) -> CalendarDate:
        """``1360``, ``1360-03`` or ``1360-03-30`` in ``calendar``; CalendarError if none such."""
        if calendar not in CALENDARS:
            raise CalendarError(f"unknown calendar {calendar!r}: use one of {', '.join(CALENDARS)}")
        m = _STATED.match(text.strip()) if isinstance(text, str) else None
        if m is None:
            raise CalendarError(
                f"invalid {calendar} date {text!r}: write the year, year-month or "
                "year-month-day as stated, e.g. 1360, 1360-03 or 1360-03-30"
            )
        day = cls(
            calendar,  # type: ignore[arg-type]
            int(m.group("y")),
            int(m.group("m")) if m.group("m") else None,
            int(m.group("d")) if m.group("d") else None,
        )
        day.interval()  # validates
        return day

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def stated(self) -> str:
        """The date in its own calendar, as EDTF-like digits: ``1360-03-30``."""
        out = f"{self.year:04d}"
        if self.month:
            out += f"-{self.month:02d}"
            if self.day:
                out += f"-{self.day:02d}"
        return out

    def describe(self) -> str:
        """In words, with the transliterated month: ``30 Khordad 1360 SH``."""
        parts = [str(self.day)] if self.day else []
        if self.month:
            parts.append(MONTHS[self.calendar][self.month - 1][_latin(self.calendar)])
        return " ".join([*parts, str(self.year), ERA[self.calendar]])

    def interval(self) -> tuple[dt.date, dt.date]:
        """The first and last Gregorian day this date can mean."""
        name = self.calendar
        if self.month is not None and not 1 <= self.month <= 12:
            raise CalendarError(f"invalid {name} date {self.stated}: months run from 01 to 12")
        if not 1 <= self.year <= 9377:
            raise CalendarError(f"invalid {name} date {self.stated}: year out of range")
        if self.day is not None:
            assert self.month is not None
            length = month_length(name, self.year, self.month)
            if not 1 <= self.day <= length:
                month = MONTHS[name][self.month - 1][_latin(name)]
                raise CalendarError(
                    f"no such {name} date {self.stated}: {month} {self.year} has {length} days"
                )
            day = to_gregorian(name, self.year, self.month, self.day)
            return day, day
        months = [self.month] if self.month else [1, 12]
        first = to_gregorian(name, self.year, months[0], 1)
        last = to_gregorian(name, self.year, months[-1], month_length(name, self.year, months[-1]))
        return first, last

    @property
    def edtf(self) -> str:
        """The Gregorian EDTF: the day, or the interval of days a month or a year covers."""
        first, last = self.interval()
        return first.isoformat() if first == last else f"{first.isoformat()}/{last.isoformat()}"


def _latin(calendar: str) -> int:
    """Index of the first Latin-script spelling of a month (its English transliteration)."""
    return next(i for i, name in enumerate(MONTHS[calendar][0]) if name.isascii())


def _umm_al_qura(year: int) -> bool:
    return _UMM_AL_QURA[0] <= year <= _UMM_AL_QURA[1] - 1


def month_length(calendar: str, year: int, month: int) -> int:
    """Days in a month of ``calendar`` (Esfand has 30 in a Solar Hijri leap year, else 29)."""
    if calendar == "jalali":
        return int(jdatetime.j_days_in_month[month - 1]) + (
            month == 12 and jdatetime.date(year, 1, 1).isleap()
        )
    if _umm_al_qura(year):
        return int(Hijri(year, month, 1).month_length())
    return int(islamic.month_length(year, month))


def to_gregorian(calendar: str, year: int, month: int, day: int) -> dt.date:
    """The Gregorian day of a valid date in ``calendar``."""
    if calendar == "jalali":
        return jdatetime.date(year, month, day).togregorian()  # type: ignore[no-any-return]
    if _umm_al_qura(year):
        return dt.date(*Hijri(year, month, day).to_gregorian().datetuple())
    return dt.date(*islamic.to_gregorian(year, month, day))


def rumi_to_gregorian(year: int, month: int, day: int) -> dt.date:
    """The Gregorian day of an Ottoman Rumi date ("31 Mart 1325": 13 April 1909).

    The Rumi calendar of Ottoman documents (1840-1926) has the Julian calendar's months and days
    and a year that begins on 1 March, numbered 584 behind the Common Era (585 in January and
    February). From 1 March 1333 (1917) its days are the Gregorian days, the numbering kept.
    ``ValueError`` if there is no such day.
    """
    common = year + (584 if month >= 3 else 585)
    if (year, month) >= (1333, 3):
        return dt.date(common, month, day)
    if not 1 <= month <= 12 or not 1 <= day <= julian.month_length(common, month):
        raise ValueError(f"no such Rumi date {year}-{month:02d}-{day:02d}")
    return dt.date(*julian.to_gregorian(common, month, day))


__all__ = [
    "CALENDARS",
    "HIJRI_MONTHS",
    "JALALI_MONTHS",
    "MONTHS",
    "CalendarDate",
    "CalendarError",
    "month_length",
    "rumi_to_gregorian",
    "to_gregorian",
]
