"""Calendar dates: a day, a month, or both, with or without a year ("June 28, 1981", "13-14
February", "in April").
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from chronology.extract.anchors import Found, timex_year, valid_day
from chronology.extract.context import Context
from chronology.extract.resolve import NAME_BEFORE, calendar_date, day_number
from chronology.extract.rule import Match, Rule
from chronology.extract.vocabulary import (
    DAY,
    MONTH,
    MONTH_D,
    MONTH_STARTS,
    MONTHS,
    SPELLED_YEAR,
    WEEKDAY,
    WEEKDAY_STARTS,
    YEAR,
)


def _h_date(g: Match, ctx: Context) -> Found | None:
    """``June 28, 1981``, ``28 June``, ``Sept. 30``, ``March 1990``."""
    return calendar_date(g["mon"], g.get("d"), g.get("y"), ctx, g.start, g.end)


def _h_iso(g: Match, ctx: Context) -> Found | None:
    """``1981-06-28``."""
    month = calendar.month_name[int(g["mon"])]
    return calendar_date(month, g["d"], g["y"], ctx, g.start, g.end)


def _h_month(g: Match, ctx: Context) -> Found | None:
    s, e = g.start, g.end
    word = g["mon"]
    near = _MONTH_CONTEXT.search(ctx.text, max(0, s - 12), s)
    if not near and (
        word in ("May", "MAY")
        or _NAMED_AFTER.match(ctx.text, e)
        or NAME_BEFORE.search(ctx.text, max(0, s - 30), s)
    ):
        # "May" the verb; "the March of the Mothers", "March for Life", "the Long March",
        # "the March to the Sea"
        return None
    return calendar_date(word, None, None, ctx, s, e)


_NAMED_AFTER = re.compile(r"\s+(?:of|for|to\s+the)\s+(?:the\s+)?(?-i:[A-Z])", re.I)


_MONTH_CONTEXT = re.compile(
    r"\b(?:in|since|until|till|by|from|to|through|during|of|last|next|this|early|mid|late|"
    r"before|after|between|and|or|that|every|each|end|beginning|middle)[\s-]+$",
    re.I,
)


def _h_week_of(g: Match, ctx: Context) -> Found | None:
    """``the week of March 6``: the ISO week holding that day."""
    s, e = g.start, g.end
    day = calendar_date(g["mon"], g.get("d"), g.get("y"), ctx, s, e)
    if day is None or not re.fullmatch(r"\d{4}-\d\d-\d\d", day.value):
        return day
    year, week, _ = dt.date.fromisoformat(day.value).isocalendar()
    value = f"{timex_year(year)}-W{week:02d}"
    return Found(s, e, "DATE", value, anchor=day.anchor, the_ok=True, month_said=day.month_said)


def _h_month_rel(g: Match, ctx: Context) -> Found:
    """``April next year``, ``July last year``, ``September of that year``."""
    s, e = g.start, g.end
    word = re.sub(r"\s+", " ", g["dir"].lower())
    ref = ctx.deictic(s) if word in ("last", "next", "this") else ctx.anaphoric()
    sign = -1 if word in ("last", "the previous") else 1 if "next" in word or "foll" in word else 0
    month = MONTHS[g["mon"].lower().rstrip(".")]
    year = f"{timex_year(ref.year + sign)}" if ref.year else "XXXX"
    return Found(s, e, "DATE", f"{year}-{month:02d}", anchor=ref.label or None)


def _h_day_range(g: Match, ctx: Context) -> list[Found] | None:
    """``April 24 and 25``, ``13-14 February 2019``: two DATE mentions, as TimeML has them."""
    s, e = g.start, g.end
    text = ctx.text
    first, second = (day_number(g["d1"]), day_number(g["d2"]))
    if not first < second:
        return None
    whole = calendar_date(g["mon"], g["d2"], g.get("y"), ctx, s, e)
    if whole is None:
        return None
    month_first = text[s].isalpha()
    d1_at = text.index(g["d1"], s + (len(g["mon"]) if month_first else 0))
    d2_at = text.index(g["d2"], d1_at + len(g["d1"]))
    value_first = whole.value[:-2] + f"{first:02d}"
    if not valid_day(
        int(whole.value[:4]) if whole.value[0].isdigit() else None, int(whole.value[5:7]), first
    ):
        return None
    first_end = (d1_at if month_first else s) + len(g["d1"])
    return [
        Found(s, first_end, "DATE", value_first, anchor=whole.anchor),
        Found(
            d2_at,
            e,
            "DATE",
            whole.value,
            whole.mod,
            whole.anchor,
            whole.explicit,
            mod_ok=False,
            month_said=whole.month_said,
        ),
    ]


RULES = [
    Rule(
        "iso",
        r"(?<![\w/.-])(?P<y>(?:1[0-9]|20)\d\d)-(?P<mon>0[1-9]|1[0-2])-(?P<d>[0-3]\d)(?![\w/-])",
        starts="#",
        handler=_h_iso,
        examples=(("on 1981-06-28", "1981-06-28"),),
        counterexamples=(
            "version 2019-13-01",
            "ref 1981-06-28/2",
        ),
    ),
    Rule(
        "mdd",
        rf"(?P<mon>{MONTH_D})\s*(?P<d1>{DAY})\s*(?:-|–|—|and|to|through|until)\s*(?P<d2>{DAY})"
        rf"(?:(?:\s*,\s*|\s+)(?P<y>{YEAR}))?",
        starts=MONTH_STARTS,
        handler=_h_day_range,
        examples=(
            ("on April 24 and 25, 1990", "1990-04-24"),
            ("April 24 and 25, 1990", "1990-04-25"),
        ),
        counterexamples=("April 25 and 24",),
    ),
    Rule(
        "ddm",
        rf"(?P<d1>{DAY})\s*(?:-|–|—|and|to|until)\s*(?P<d2>{DAY})(?:\s+of)?\s+(?P<mon>{MONTH_D})"
        rf"(?!\w)(?:,?\s+(?P<y>{YEAR}))?",
        starts="#",
        handler=_h_day_range,
        examples=(("on 13-14 February 2019", "2019-02-14"),),
        counterexamples=("on 14-13 February",),
    ),
    Rule(
        "month_rel",
        rf"(?P<mon>{MONTH})\s+(?:of\s+)?(?P<dir>last|next|this|that|the\s+same|that\s+same|"
        r"the\s+following|the\s+previous|the\s+next)\s+year(?!\w)",
        starts=MONTH_STARTS,
        handler=_h_month_rel,
        examples=(
            ("April next year", "2020-04"),
            ("July last year", "2018-07"),
        ),
        counterexamples=("April next to him",),
    ),
    Rule(
        "mdy",
        rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<mon>{MONTH_D})\s*(?P<d>{DAY})"
        rf"(?:(?:\s*,\s*|\s+)(?P<y>{YEAR}))?",
        starts=f"{MONTH_STARTS} {WEEKDAY_STARTS}",
        handler=_h_date,
        examples=(
            ("on June 28, 1981", "1981-06-28"),
            ("by Sept. 30", "2019-09-30"),
            ("on Sept. 30", "2018-09-30"),
        ),
        counterexamples=("June 31, 1981",),
    ),
    Rule(
        "dmy",
        rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<d>{DAY})(?:\s+of)?\s+(?P<mon>{MONTH_D})(?!\w)"
        rf"(?:,?\s+(?P<y>{YEAR}))?",
        starts=f"# {WEEKDAY_STARTS}",
        handler=_h_date,
        examples=(
            ("on 28 June 1981", "1981-06-28"),
            ("on Tuesday, 12 February", "2019-02-12"),
        ),
        counterexamples=("on 31 June 1981",),
    ),
    Rule(
        "month_year",
        rf"(?P<mon>{MONTH})(?:\s+of)?,?\s+(?P<y>{YEAR}|['’]\d\d(?![\w'’])|{SPELLED_YEAR})",
        starts=MONTH_STARTS,
        handler=_h_date,
        examples=(
            ("in March 1990", "1990-03"),
            ("in May '67", "1967-05"),
        ),
        counterexamples=("we may 1990",),
    ),
    Rule(
        "month",
        rf"(?P<mon>{MONTH})(?!\w)",
        starts=MONTH_STARTS,
        handler=_h_month,
        examples=(
            ("in April", "2019-04"),
            ("in December", "2018-12"),
        ),
        counterexamples=(
            "May I help?",
            "the March of the Mothers",
            "the Long March",
        ),
    ),
    Rule(
        "week_of",
        rf"week\s+of\s+(?P<mon>{MONTH_D})\s*(?P<d>{DAY})(?:,?\s+(?P<y>{YEAR}))?(?!\w)",
        starts="week",
        handler=_h_week_of,
        examples=(("the week of March 6", "2019-W10"),),
        counterexamples=("the week of the march",),
    ),
]
