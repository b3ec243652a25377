"""Turning the words of a match into values: numbers, units, years, and dates from an anchor."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from chronology.extract.anchors import Found, Ref, stated_ref, timex_year, valid_day, year2
from chronology.extract.context import IN_PAST, Context
from chronology.extract.vocabulary import (
    DAY_NUMBERS,
    ERAS,
    MONTHS,
    NUMBER_WORDS,
    PARTS,
    RITES,
    UNITS,
    VAGUE,
    WEEKDAYS,
    alternation,
)


def number_value(word: str) -> int | None:
    """The integer a number word or numeral stands for; None for vague ones (several, few)."""
    w = re.sub(r"\s+", " ", word.lower()).strip()
    if w in VAGUE:
        return None
    if w in NUMBER_WORDS:
        return NUMBER_WORDS[w]
    if re.fullmatch(r"\d+", w):
        return int(w)
    if re.fullmatch(r"\d+\.\d+", w):
        return None
    parts = re.split(r"[-\s]", w)
    if len(parts) == 2 and parts[0] in NUMBER_WORDS and parts[1] in NUMBER_WORDS:
        return NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]]
    return None


def unit_code(word: str) -> str:
    return UNITS[word.lower().rstrip("s")] if word.lower() != "centuries" else "CE"


def day_number(text: str) -> int:
    """The number of a day or ordinal: ``28``, ``28th``, ``twenty-eighth``."""
    m = re.match(r"\d+", text)
    return int(m.group()) if m else DAY_NUMBERS[text.lower()]


def year_of(text: str, ctx: Context) -> int:
    """The year of ``1981``, ``'81``, ``81`` or ``nineteen eighty-one``."""
    digits = re.sub(r"\D", "", text)
    if not digits:
        return spelled_year(text)
    return int(digits) if len(digits) == 4 else year2(int(digits), ctx.dct)


def spelled_year(text: str) -> int:
    """``nineteen ninety-six`` -> 1996, ``two thousand and one`` -> 2001 (SPELLED_YEAR only)."""
    words = [w for w in re.split(r"[-\s]+", text.lower()) if w not in ("and", "oh")]
    if words[:2] == ["two", "thousand"]:
        return 2000 + sum(NUMBER_WORDS[w] for w in words[2:])
    return NUMBER_WORDS[words[0]] * 100 + sum(NUMBER_WORDS[w] for w in words[1:])


def month_year(
    month: int, start: int, ctx: Context, day: int | None = None, end: int | None = None
) -> tuple[str, str, tuple[int, int, int] | None]:
    """Value and anchor of a month (and day) stated without a year, and what the scanner
    records for the same month later in a news story (month, where, year).

    Against the publication date the clause's tense picks the year: "will close in January"
    in a November article is next January, "changed ... in December" last December.
    """
    ref = ctx.year_for(start, end)
    if ref.year is None:
        value = f"XXXX-{month:02d}"
        return (value if day is None else f"{value}-{day:02d}"), "", None
    year = ref.year
    now = ref.month or ref.latest_month
    said = ctx.months_said.get(month)
    record = None
    turn = ref is not ctx.dct and ctx.narrative and ref.month is not None
    if turn and (ref.month or 0) - month >= _TURN_OF_YEAR and ctx.tense(start, end) >= 0:
        year += 1  # a story told in order: "In December 1941 ... In January" is 1942
    if ref is ctx.dct and now is not None:
        # news usage: "Dec. 15" in a January article is last December, unless future
        tense = ctx.tense(start, end)
        past = IN_PAST.search(ctx.text, max(0, start - 80), start)
        if said is not None and tense == 0 and not past and start - said[0] < 1500:
            year = said[1]  # "expected to join in April ... the summit in April": the same April
        elif tense > 0:
            year += 1 if month < now else 0
        elif ((tense < 0 or past) and month > now) or month >= now + 3:
            # "in December" in a February article: a month far ahead is last year's, and so
            # is a month ahead of publication in the past tense ("changed ... in December")
            year -= 1
        record = (month, start, year)
    value = f"{timex_year(year)}-{month:02d}"
    if day is not None:
        if not valid_day(year, month, day):
            return "", "", None
        value += f"-{day:02d}"
    return value, ref.label, record


_TURN_OF_YEAR = 10  # months back from the story's month that read as the next year's


def era_year(number: int, era: str) -> int:
    """The astronomical year of ``490`` + ``BC`` (-489): no year 0 between 1 BC and AD 1."""
    return number if ERAS[era] > 0 else 1 - number


# a capitalised word just before, itself not at the start of a sentence
NAME_BEFORE = re.compile(r"(?<![.!?:\n]\s)(?<!^)\b(?-i:[A-Z][\w'’-]*)\s+$")


QUANTITY_AFTER = re.compile(
    r"\s*(?:of\b|%|percent|per\s*cent|people|persons|men|women|children|kids|troops|soldiers|"
    r"militants|fighters|members|supporters|followers|refugees|prisoners|inmates|detainees|"
    r"workers|employees|staff|jobs|students|voters|votes|delegates|participants|residents|"
    r"families|homes|houses|buildings|units|cars|vehicles|tanks|planes|aircraft|ships|weapons|"
    r"rockets|missiles|tons|tonnes|barrels|kilos?|kg|lbs?|pounds|grams|km|kilomet\w*|miles|meters|"
    r"metres|feet|ft|yards|acres|hectares|euros?|dollars?|francs?|marks|yen|rials?|tomans?|"
    r"rupees|yuan|shares|points|signatures|deaths|dead|killed|wounded|injured|casualties|"
    r"victims|cases|times|square|mph|calories|words|pages|copies|hours|minutes|seconds|rooms|"
    r"beds|seats|pieces|items|documents|letters|names|individuals|activists|agents|officers|"
    r"police|guards|civilians|cadres|rounds|bullets|executions|arrests|years|months|weeks|"
    r"days|decades|centuries|[-–]\s*(?:strong|member))(?!\w)",
    re.I,
)


# a figure compared with the one of a year before, in a quarterly report
COMPARED = re.compile(
    r"\b(?:compared\s+(?:with|to)|versus|vs\.|(?:corresponding|comparable|same)\s+period)"
    r"\b[^.;]*$",
    re.I,
)


def weekday_near(day: int, part: str | None, sign: int, ref: Ref, s: int, e: int) -> Found:
    """The weekday nearest the anchor in the direction of the clause's tense."""
    suffix = f"T{PARTS[part.lower()]}" if part else ""
    kind = "TIME" if part else "DATE"
    base = ref.date
    if base is None:
        return Found(s, e, kind, f"XXXX-WXX-{day + 1}{suffix}", anchor=ref.label or None)
    # forward: the next such day after the anchor; backward: on or before it
    delta = (day - base.weekday()) % 7 or 7 if sign > 0 else -((base.weekday() - day) % 7)
    target = (base + dt.timedelta(days=delta)).isoformat()
    return Found(s, e, kind, target + suffix, anchor=ref.label or None)


NOT_A_DAY = re.compile(rf"\s+(?:{alternation(RITES)})(?!\w)", re.I)


def weekday_in_clause(word: str, part: str | None, ctx: Context, s: int, e: int) -> Found:
    """The weekday ``word`` read through the tense of its clause (never None)."""
    sign = 1 if not _POSSESSIVE.match(ctx.text, e) and ctx.future(s, e) else -1
    return weekday_near(WEEKDAYS[word.lower()], part, sign, ctx.deictic(s), s, e)


# "Wednesday's ruling", "announced Wednesday": the day is past whatever the clause's tense
_POSSESSIVE = re.compile(r"['’]s\b")


def day_in_view(ctx: Context, s: int) -> Ref:
    """The day a clock time or part of day belongs to: one stated in this paragraph, else
    the publication day ("shot on Oct. 23 ... at 10 p.m.", "By mid afternoon, ...")."""
    previous = ctx.previous
    if previous is not None and previous.day and "\n" not in ctx.text[ctx.previous_at : s]:
        return previous
    return ctx.deictic(s)


def quarter_ref(ctx: Context, s: int) -> Ref:
    """The quarter a report is about: the one last stated, else the one before publication."""
    if ctx.quarter is not None:
        return ctx.quarter
    ref = ctx.deictic(s)
    if ref.year is None or ref.month is None:
        return ref
    index = ref.year * 4 + (ref.month - 1) // 3 - 1
    return Ref(index // 4, label=ref.label, quarter=index % 4 + 1)


def duration_value(n: int | None, unit: str) -> str:
    amount = "X" if n is None else str(n)
    if unit.startswith("T"):
        return f"PT{amount}{unit[1]}"
    if unit == "2W":
        return f"P{'X' if n is None else 2 * n}W"
    if unit in ("DE", "CE"):  # ISO 8601 has no decades: "two decades" is P20Y
        return f"PX{unit[0]}" if n is None else f"P{n * (10 if unit == 'DE' else 100)}Y"
    return f"P{amount}{unit}"


def calendar_date(
    month_word: str, day_text: str | None, year_text: str | None, ctx: Context, s: int, e: int
) -> Found | None:
    """The DATE of a month name with an optional day and year, the year from the context when
    not stated; None for a day the month does not have."""
    month = MONTHS[month_word.lower().rstrip(".")]
    day = day_number(day_text) if day_text else None
    if year_text:
        year = year_of(year_text, ctx)
        if day is not None and not valid_day(year, month, day):
            return None
        value = f"{timex_year(year)}-{month:02d}" + (f"-{day:02d}" if day else "")
        return Found(s, e, "DATE", value, explicit=stated_ref(year, month, day, s))
    if day is not None and not valid_day(None, month, day):
        return None
    value, anchor, said = month_year(month, s, ctx, day, e)
    if not value:
        return None
    found = Found(s, e, "DATE", value, anchor=anchor or None, month_said=said)
    if value[0].isdigit():
        found.explicit = replace(stated_ref(int(value[:4]), month, day, s), stated=False)
    return found
