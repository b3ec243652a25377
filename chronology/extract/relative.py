"""Relative and deictic expressions: "two days later", "last year", "on Monday", "today"."""

from __future__ import annotations

import datetime as dt
import re

from chronology.extract.anchors import Found, Ref, shift, stated_ref, timex_year
from chronology.extract.context import Context
from chronology.extract.resolve import (
    COMPARED,
    NOT_A_DAY,
    day_in_view,
    duration_value,
    number_value,
    unit_code,
    weekday_in_clause,
    weekday_near,
)
from chronology.extract.rule import Match, Rule
from chronology.extract.vocabulary import (
    ANAPHORIC,
    BACKWARD,
    DAY_FROM_NOW,
    DAYTIME,
    DEICTIC,
    MONTH,
    MONTHS,
    NUM_UNIT,
    NUMBERS,
    PART,
    PART_MODS,
    PART_STEP,
    PARTS,
    RECENT,
    REFS,
    REL_SIGN,
    SEASON,
    SEASONS,
    UNIT,
    UNITS,
    WEEKDAY,
    WEEKDAY_DAY,
    WEEKDAY_STARTS,
    WEEKDAYS,
    alternation,
    starts,
)


def _h_the_time(g: Match, ctx: Context) -> Found:
    """``at the time``, ``at that time``: the date the narrative was last at."""
    s, e = g.start, g.end
    ref = ctx.anaphoric()  # the publication date when no date was stated before
    if ref.year is None:
        return Found(s, e, "DATE", "PAST_REF")
    return Found(s, e, "DATE", ref.truncated(), anchor=ref.label or None)


def _h_ago(g: Match, ctx: Context) -> Found:
    """``two years ago`` (from the publication date), ``two days later`` (from the last date)."""
    s, e = g.start, g.end
    direction = g["dir"].lower().split()[0]
    sign = -1 if direction in BACKWARD else 1
    deictic = direction in ("ago", "from", "hence", "back")
    ref = ctx.deictic(s) if deictic else ctx.anaphoric()
    n = number_value(g["n"]) if g.get("n") else None
    unit = unit_code(g.one("u", "u2"))
    if unit == "Y" and n == 1 and ctx.quarter is not None:
        ref = ctx.quarter  # "profit rose from $5 million a year ago": the same quarter
    if n is None and direction == "ago":
        return Found(s, e, "DATE", "PAST_REF", approx_ok=True)
    if n is None:
        # "months later", "a few days earlier": a date at least one unit from the anchor, in
        # that direction (a mod), not a duration
        step = 0 if unit.startswith("T") else 2 if unit == "2W" else 1
        unit = "D" if unit.startswith("T") else "W" if unit in ("2W", "WE") else unit
        value = shift(ref, unit, sign * step)
        after = "AFTER" if sign > 0 else "BEFORE"
        return Found(s, e, "DATE", value, mod=after, anchor=ref.label or None, approx_ok=True)
    if unit.startswith("T"):
        unit, n = "D", 0
    elif unit == "2W":
        unit, n = "W", 2 * n
    elif unit == "WE":
        unit = "W"
    if unit == "D" and ref.day is None and ref.year is not None and n >= 28:
        unit, n = "M", round(n / 30)
    value = shift(ref, unit, sign * n)
    mod = "APPROX" if g.get("so") else None  # "a week or so ago"
    return Found(s, e, "DATE", value, mod=mod, anchor=ref.label or None, approx_ok=True)


def _h_rel(g: Match, ctx: Context) -> Found | None:
    """``last year``, ``next month``, ``the following year``, ``that same day``, ``last fall``."""
    s, e = g.start, g.end
    word = re.sub(r"\s+", " ", g["dir"].lower())
    sign = REL_SIGN[word]
    ref = ctx.anaphoric() if word in ANAPHORIC else ctx.deictic(s)
    target = g["u"]
    low = target.lower().rstrip(".")
    anchor = ref.label or None
    if low in MONTHS and target[0].isupper():
        month = MONTHS[low]
        if ref.year is None:
            return Found(s, e, "DATE", f"XXXX-{month:02d}", anchor=anchor)
        year = ref.year
        if ref.month is not None:
            if sign < 0 and month >= ref.month:
                year -= 1
            elif sign > 0 and month <= ref.month:
                year += 1
        elif sign:
            year += sign
        found = Found(s, e, "DATE", f"{timex_year(year)}-{month:02d}", anchor=anchor)
        found.explicit = stated_ref(year, month, None, s)
        return found
    if low in WEEKDAYS:
        if word in ("last", "next", "this") and ref.date is not None:
            # TimeML weeks: "last Monday" is the Monday of last week
            monday = ref.date - dt.timedelta(days=ref.date.weekday())
            day = monday + dt.timedelta(days=7 * sign + WEEKDAYS[low])
            return Found(s, e, "DATE", day.isoformat(), anchor=anchor)
        if word in ("previous", "preceding", "prior") and ref.date is not None:
            back = (ref.date.weekday() - WEEKDAYS[low]) % 7 or 7
            day = ref.date - dt.timedelta(days=back)
            return Found(s, e, "DATE", day.isoformat(), anchor=anchor)
        return weekday_near(WEEKDAYS[low], None, sign or (1 if ctx.future(s) else -1), ref, s, e)
    if low in SEASONS:
        code = SEASONS[low]
        if ref.year is None:
            return Found(s, e, "DATE", f"XXXX-{code}", anchor=anchor)
        year = ref.year
        first_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
        if sign > 0 and ref.month is not None:
            year += 1 if ref.month >= first_month else 0  # "next summer" in March is this year's
        elif word == "this past" and ref.month is not None:
            # "this past spring" in October: the spring just gone, this year's
            year -= 0 if ref.month >= first_month + 3 else 1
        elif sign:
            year += sign
        return Found(s, e, "DATE", f"{timex_year(year)}-{code}", anchor=anchor)
    if low == "night" and word in ("last", "this"):
        night = shift(ref, "D", -1 if word == "last" else 0)
        return Found(s, e, "TIME", f"{night}TNI", anchor=anchor)
    quarter = ctx.quarter
    if (
        low == "year"
        and word == "last"
        and quarter is not None
        and COMPARED.search(ctx.text, max(0, s - 60), s)
    ):
        # "earnings of $33 million, compared with $40 million last year": the same quarter
        return Found(s, e, "DATE", shift(quarter, "Y", -1), anchor=quarter.label or None)
    unit = unit_code(low)
    if unit.startswith("T"):
        return None
    if unit == "2W":
        unit = "W"
        sign *= 2
    value = shift(ref, unit, sign)
    if unit == "WE" and ref.date is None:
        value = ref.truncated()
    found = Found(s, e, "DATE", value, anchor=anchor, the_ok=True)
    if unit == "Y" and re.fullmatch(r"\d{4}", value):
        found.year_said = (e, Ref(int(value), label=f"{word} year {value} at {s}"))
    return found


def _h_weekday(g: Match, ctx: Context) -> Found | None:
    s, e = g.start, g.end
    if not g.get("part") and NOT_A_DAY.match(ctx.text, e):
        return None  # "Friday prayers" names a rite, not a day
    return weekday_in_clause(g["wd"], g.get("part"), ctx, s, e)


def _h_deictic(g: Match, ctx: Context) -> Found | None:
    """``today``, ``yesterday morning``, ``now``, ``recently``."""
    s, e = g.start, g.end
    word = re.sub(r"\s+", " ", g["w"].lower())
    if word == "today" and _NOWADAYS.match(ctx.text, e):
        return None  # "today's world", "today's youth": our times, not a day
    if word in REFS:
        return Found(s, e, "DATE", REFS[word])
    ref = ctx.deictic(s)
    part = g.get("part") or (word.split()[-1] if word.startswith("this ") else None)
    if word == "tonight":
        part = "night"
    value = shift(ref, "D", DEICTIC[word])
    if part:
        return Found(s, e, "TIME", f"{value}T{PARTS[part.lower()]}", anchor=ref.label or None)
    return Found(s, e, "DATE", value, anchor=ref.label or None)


_NOWADAYS = re.compile(
    r"['’]s\s+(?:world|youth|society|generation|young|children|kids|people|personal|standards|"
    r"terms|culture|economy|technology|media|politics)\b",
    re.I,
)


def _h_recent(g: Match, ctx: Context) -> Found:
    """``recent years`` is PAST_REF; ``the next few days`` a duration of unknown length."""
    s, e = g.start, g.end
    unit = g["u"].lower()
    if g["dir"].lower() == "recent" and unit in ("year", "time", "decade"):
        return Found(s, e, "DATE", "PAST_REF")
    if unit == "time":
        return Found(s, e, "DATE", "PAST_REF" if g["dir"] != "coming" else "FUTURE_REF")
    return Found(s, e, "DURATION", duration_value(None, unit_code(g["u"])), mod_ok=False)


def _h_day_rel(g: Match, ctx: Context) -> Found:
    """``The day before, ...``, ``the day following saw ...``: a day from the last one stated."""
    s, e = g.start, g.end
    ref = ctx.anaphoric()
    value = shift(ref, "D", -1 if g["dir"].lower() == "before" else 1)
    return Found(s, e, "DATE", value, anchor=ref.label or None)


def _h_part_rel(g: Match, ctx: Context) -> Found | None:
    """``the next morning``, ``that evening``: a part of the day just narrated (TIME)."""
    s, e = g.start, g.end
    n = PART_STEP[g["dir"].lower()]
    ref = ctx.anaphoric() if n else day_in_view(ctx, s)
    if ref.date is None:
        return None
    value = f"{shift(ref, 'D', n)}T{PARTS[g['part'].lower()]}"
    return Found(s, e, "TIME", value, anchor=ref.label or None, the_ok=True)


def _h_part_mod(g: Match, ctx: Context) -> Found | None:
    """``mid afternoon``, ``early morning yesterday``: a part of a day (TIME, with its mod)."""
    s, e = g.start, g.end
    if g.get("wd"):
        day = weekday_in_clause(g["wd"], None, ctx, s, e)
        value, anchor = day.value, day.anchor
    else:
        ref = ctx.deictic(s) if g.get("rel") else day_in_view(ctx, s)
        if ref.date is None:
            return None
        days = DEICTIC[g["rel"].lower()] if g.get("rel") else 0
        value, anchor = shift(ref, "D", days), ref.label or None
    if not value[:1].isdigit():
        return None
    value = f"{value}T{PARTS[g['part'].lower()]}"
    mod = PART_MODS[g["mod"].lower()]
    return Found(s, e, "TIME", value, mod=mod, anchor=anchor, mod_ok=False)


RULES = [
    Rule(
        "ago",
        rf"(?:{NUM_UNIT}|(?P<u2>{UNIT})s)\s+(?P<so>or\s+so\s+)?(?P<dir>ago|earlier|later|"
        r"from\s+now|hence|back|"
        r"(?:before|after)(?=\s*(?:[.,;:!?)]|$)))",
        starts=f"# {NUMBERS} " + " ".join(f"{unit}s" for unit in UNITS),
        handler=_h_ago,
        examples=(
            ("two years ago", "2017"),
            ("three days later", "2019-02-18"),
        ),
        counterexamples=(
            "two years",
            "for two years or so",
        ),
    ),
    Rule(
        "recent",
        rf"(?P<dir>{alternation(RECENT)})\s+(?:(?:few|several|couple\s+of)\s+)?"
        rf"(?P<u>{UNIT}|time)s(?!\w)",
        starts=starts(*RECENT),
        handler=_h_recent,
        examples=(
            ("in recent years", "PAST_REF"),
            ("the next few days", "PXD"),
        ),
        counterexamples=("recent events",),
    ),
    Rule(
        "day_rel",
        r"the\s+day\s+(?P<dir>before|after|following)(?!\s+(?:yesterday|tomorrow)\b)"
        r"(?=\s*[,.;:!?)]|\s+(?-i:[a-z]+ed|saw|was|were|had|brought)\b)",
        starts="the",
        handler=_h_day_rel,
        examples=(("On 23 February 1918 they met. The day before, they left.", "1918-02-22"),),
        counterexamples=("the day before the election",),
    ),
    Rule(
        "part_rel",
        rf"(?P<dir>{alternation(PART_STEP)})\s+(?P<part>{PART})(?!\w)",
        starts=starts(*PART_STEP),
        handler=_h_part_rel,
        examples=(("On June 5, 1990 they met; the next morning they left.", "1990-06-06TMO"),),
        counterexamples=("the next mornings",),
    ),
    Rule(
        "part_mod",
        rf"(?P<mod>{alternation(PART_MODS)})[-\s]?(?P<part>{DAYTIME})(?![\w-])"
        r"(?!\s+(?:hours\s+)?of\b)"
        rf"(?:\s+(?:(?P<rel>{DAY_FROM_NOW})|(?:on\s+)?(?P<wd>{WEEKDAY_DAY}))(?!\w))?",
        starts=starts(*PART_MODS),
        handler=_h_part_mod,
        examples=(("early morning yesterday", "2019-02-14TMO"),),
        counterexamples=("the early morning hours of June 5, 1990",),
    ),
    Rule(
        "rel",
        rf"(?P<dir>{alternation(REL_SIGN)})\s+(?:fiscal\s+)?"
        rf"(?P<u>{UNIT}|{MONTH}(?!\s*\d)|{WEEKDAY}|{SEASON})(?!\w)",
        starts=starts(*REL_SIGN),
        handler=_h_rel,
        examples=(
            ("last year", "2018"),
            ("next Monday", "2019-02-18"),
            ("last fall", "2018-FA"),
        ),
        counterexamples=("last yearbook",),
    ),
    Rule(
        "deictic",
        rf"(?P<w>{alternation([*DEICTIC, *REFS])})(?!\w)(?:\s+(?P<part>{PART})(?!\w))?",
        starts=starts(*DEICTIC, *REFS),
        handler=_h_deictic,
        examples=(
            ("yesterday", "2019-02-14"),
            ("for now", "PRESENT_REF"),
            ("in present day Ondo State", "PRESENT_REF"),
        ),
        counterexamples=("today's world",),
    ),
    Rule(
        "weekday",
        rf"(?P<wd>{WEEKDAY})(?:\s+(?P<part>{PART})(?!\w))?",
        starts=WEEKDAY_STARTS,
        handler=_h_weekday,
        examples=(
            ("met on Monday", "2019-02-11"),
            ("will meet on Tuesday", "2019-02-19"),
        ),
        counterexamples=("after Friday prayers",),
    ),
    Rule(
        "the_time",
        r"(?<=\bat\s)(?:the|that)\s+time(?!\w)",
        starts="the that",
        handler=_h_the_time,
        examples=(("In 1990, at the time, it rained.", "1990"),),
        counterexamples=("at the timekeeper's",),
    ),
]
