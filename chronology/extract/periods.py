"""Parts of a year and reporting periods: seasons, quarters, halves, "the year", "year-end"."""

from __future__ import annotations

import re
from dataclasses import replace

from chronology.extract.anchors import Found, shift, stated_ref, timex_year
from chronology.extract.context import Context
from chronology.extract.resolve import (
    NAME_BEFORE,
    day_number,
    month_year,
    quarter_ref,
    unit_code,
    year_of,
)
from chronology.extract.rule import Match, Rule
from chronology.extract.vocabulary import (
    MONTH,
    MONTHS,
    ORDINALS,
    QUARTER_ORDINALS,
    SEASON,
    SEASONS,
    SPELLED_YEAR,
    THE_UNITS,
    WHOLE,
    YEAR,
    alternation,
    starts,
)


def _h_season_rel(g: Match, ctx: Context) -> Found:
    """``the summer of that year``, ``the spring of the following year``."""
    s, e = g.start, g.end
    word = re.sub(r"\s+", " ", g["dir"].lower())
    ref = ctx.anaphoric()
    sign = -1 if "previous" in word else 1 if "next" in word or "foll" in word else 0
    year = f"{timex_year(ref.year + sign)}" if ref.year else "XXXX"
    value = f"{year}-{SEASONS[g['s'].lower()]}"
    return Found(s, e, "DATE", value, anchor=ref.label or None, the_ok=True)


# a capitalised word after "in", "of" or "for": "Spring in Tehran", a title
_TITLE_AFTER = re.compile(r"\s+(?:in|of|for)\s+(?:the\s+)?(?-i:[A-Z])", re.I)


def _h_season(g: Match, ctx: Context) -> Found | None:
    s, e = g.start, g.end
    code = SEASONS[g["s"].lower()]
    if g.get("y"):
        year = year_of(g["y"], ctx)
        return Found(
            s,
            e,
            "DATE",
            f"{timex_year(year)}-{code}",
            explicit=stated_ref(year, None, None, s),
            the_ok=True,
        )
    if g["s"][0].isupper() and (
        NAME_BEFORE.search(ctx.text, max(0, s - 30), s) or _TITLE_AFTER.match(ctx.text, e)
    ):
        return None  # "the operation Hard Winter", "the Prague Spring", "Spring in Tehran"
    ref = ctx.year_for(s, e)
    year_text = f"{timex_year(ref.year)}" if ref.year else "XXXX"
    return Found(s, e, "DATE", f"{year_text}-{code}", anchor=ref.label or None, the_ok=True)


def _h_quarter(g: Match, ctx: Context) -> Found | None:
    """``the third quarter``, ``the fourth quarter of 1989``, ``Q3 2019``."""
    s, e = g.start, g.end
    number = g.one("q", "q2", "q3")
    q = ORDINALS.get(number.lower()) or day_number(number)
    if not 1 <= q <= 4:
        return None
    year_text = g.first("y", "y2", "y3")
    if year_text:
        year = year_of(year_text, ctx)
        found = Found(s, e, "DATE", f"{timex_year(year)}-Q{q}", the_ok=True)
        found.explicit = replace(stated_ref(year, None, None, s), quarter=q)
        return found
    ref = ctx.deictic(s)
    year_text = f"{timex_year(ref.year)}" if ref.year else "XXXX"
    found = Found(s, e, "DATE", f"{year_text}-Q{q}", anchor=ref.label or None, the_ok=True)
    if ref.year:
        found.explicit = replace(stated_ref(ref.year, None, None, s), quarter=q)
    return found


def _h_half(g: Match, ctx: Context) -> Found:
    s, e = g.start, g.end
    h = 1 if g.one("h", "h2").lower() in ("first", "1st") else 2
    year = year_of(g["y"], ctx)
    return Found(
        s,
        e,
        "DATE",
        f"{timex_year(year)}-H{h}",
        explicit=stated_ref(year, None, None, s),
        the_ok=True,
    )


_YEAR_BACK = re.compile(r"\s+(?:a\s+year\s+(?:ago|earlier)|last\s+year)(?!\w)", re.I)


_ENDED = re.compile(r"\s+(?:ended|ending)\b", re.I)


def _h_the_unit(g: Match, ctx: Context) -> Found:
    """``the year``, ``the full year``, ``the quarter``, ``the weekend``, ``the morning``."""
    s, e = g.start, g.end
    unit = g["u"].lower()
    if unit == "year" and _ENDED.match(ctx.text, e):
        # "the year ended March 31": a fiscal period, named by its end date
        return Found(s, e, "DURATION", "P1Y", the_ok=True)
    if unit == "quarter":
        ended = _QUARTER_ENDED.match(ctx.text, e)
        if ended:
            return _quarter_ended(ended, ctx, s, e)
        ref = quarter_ref(ctx, s)
        back = _YEAR_BACK.match(ctx.text, e)
        if back:  # "the quarter a year ago": the report's quarter, one year before
            return Found(s, back.end(), "DATE", shift(ref, "Y", -1), anchor=ref.label or None)
        return Found(s, e, "DATE", shift(ref, "Q", 0), anchor=ref.label or None)
    if unit == "decade":  # "throughout the decade": the one the narrative is in
        ref = ctx.anaphoric()
        return Found(s, e, "DATE", shift(ref, "DE", 0), anchor=ref.label or None)
    ref = ctx.deictic(s)
    if unit == "morning":
        return Found(s, e, "TIME", f"{shift(ref, 'D', 0)}TMO", anchor=ref.label or None)
    if unit == "weekend" and ref.date is not None:
        weeks = 0 if ref.date.weekday() >= 5 or ctx.future(s) else -1
        return Found(s, e, "DATE", shift(ref, "WE", weeks), anchor=ref.label or None)
    return Found(s, e, "DATE", shift(ref, unit_code(unit), 0), anchor=ref.label or None)


def _quarter_ended(ended: re.Match[str], ctx: Context, s: int, e: int) -> Found:
    """``the quarter ended July 31``: the calendar quarter holding most of its three months.

    A fiscal quarter ending in July runs May-July, so it is mostly the second calendar quarter;
    its middle month (June) names it. It becomes the report's quarter for later ``a year ago``.
    """
    month = MONTHS[ended.group("mon").lower().rstrip(".")]
    value, anchor, said = month_year(month, ended.start("mon"), ctx)
    if not value[:4].isdigit():
        value = f"XXXX-Q{(month - 2) % 12 // 3 + 1}"
        return Found(s, e, "DATE", value, the_ok=True, month_said=said)
    year = int(value[:4]) - (1 if month == 1 else 0)
    quarter = (month - 2) % 12 // 3 + 1
    found = Found(
        s, e, "DATE", f"{timex_year(year)}-Q{quarter}", anchor=anchor or None, the_ok=True
    )
    found.explicit = replace(stated_ref(year, None, None, s), quarter=quarter)
    found.month_said = said
    return found


_QUARTER_ENDED = re.compile(rf"\s+(?:ended|ending)\s+(?:on\s+)?(?P<mon>{MONTH})", re.I)


def _h_rel_quarter(g: Match, ctx: Context) -> Found:
    """``this year's third quarter``, ``last year's quarter``."""
    s, e = g.start, g.end
    sign = {"this": 0, "last": -1, "next": 1}[g["dir"].lower()]
    if g.get("q"):
        ref = ctx.deictic(s)
        year = f"{timex_year(ref.year + sign)}" if ref.year else "XXXX"
        q = ORDINALS[g["q"].lower()]
        found = Found(s, e, "DATE", f"{year}-Q{q}", anchor=ref.label or None)
        if ref.year:  # "a year earlier" after it counts from this quarter
            found.explicit = replace(stated_ref(ref.year + sign, None, None, s), quarter=q)
        return found
    ref = quarter_ref(ctx, s)
    return Found(s, e, "DATE", shift(ref, "Y", sign), anchor=ref.label or None)


def _h_latest(g: Match, ctx: Context) -> Found:
    """``the latest quarter``, ``the latest period``, ``the latest fiscal year``."""
    s, e = g.start, g.end
    unit = g["u"].lower().split()[-1]
    if unit in ("quarter", "period"):
        ref = quarter_ref(ctx, s)
        return Found(s, e, "DATE", shift(ref, "Q", 0), anchor=ref.label or None, the_ok=True)
    ref = ctx.deictic(s)
    step = -1 if unit == "year" else 0
    value = shift(ref, unit_code(unit), step)
    return Found(s, e, "DATE", value, anchor=ref.label or None, the_ok=True)


def _h_year_ago(g: Match, ctx: Context) -> Found:
    """``year-earlier``, ``the year-ago quarter``: the same period one year before."""
    s, e = g.start, g.end
    quarterly = g.get("what") is not None and g["what"].lower() in ("quarter", "period")
    ref = ctx.quarter
    if ref is not None and (quarterly or g.get("what") is None):
        value = shift(ref, "Y", -1)
    else:
        ref = ctx.deictic(s)
        value = shift(replace(ref, quarter=None), "Y", -1)
    return Found(s, e, "DATE", value, anchor=ref.label or None, the_ok=True)


def _h_year_end(g: Match, ctx: Context) -> Found:
    """``year-end``, ``year's end``: the current year (TimeML leaves the end implicit)."""
    s, e = g.start, g.end
    ref = ctx.deictic(s)
    return Found(s, e, "DATE", shift(ref, "Y", 0), anchor=ref.label or None, the_ok=True)


RULES = [
    Rule(
        "year_ago",
        r"(?:(?:comparable|corresponding|same|prior)\s+)?year[-\s](?:earlier|ago)(?:\s+"
        r"(?:(?:first|second|third|fourth)[-\s])?(?P<what>quarter|period|month|week)s?)?(?!\w)",
        starts="comparable corresponding same prior year",
        handler=_h_year_ago,
        examples=(("from a year-earlier level", "2018"),),
        counterexamples=("yearly",),
    ),
    Rule(
        "year_end",
        r"year(?:[-\s]|['’]s\s+)end(?!\w)",
        starts="year",
        handler=_h_year_end,
        examples=(("by year-end", "2019"),),
        counterexamples=("a year-ender",),
    ),
    Rule(
        "rel_quarter",
        r"(?P<dir>this|last|next)\s+year['’]s\s+(?:(?P<q>first|second|third|fourth)[-\s]+)?"
        r"quarter(?!\w)",
        starts="this last next",
        handler=_h_rel_quarter,
        examples=(("this year's third quarter", "2019-Q3"),),
        counterexamples=("this year's quarterback",),
    ),
    Rule(
        "latest",
        r"(?:latest|most\s+recent)\s+(?P<u>quarter|period|fiscal\s+year|year|month|week)(?!\w)",
        starts="latest most",
        handler=_h_latest,
        examples=(("the latest quarter", "2018-Q4"),),
        counterexamples=("the latest news",),
    ),
    Rule(
        "season",
        rf"(?P<s>{SEASON})(?:\s+of)?,?\s+(?P<y>{YEAR}|{SPELLED_YEAR})",
        starts=" ".join(SEASONS),
        handler=_h_season,
        examples=(("the summer of 1981", "1981-SU"),),
        counterexamples=("summer camp",),
    ),
    Rule(
        "season_rel",
        rf"(?P<s>{SEASON})\s+of\s+(?P<dir>that|the\s+same|that\s+same|the\s+following|"
        r"the\s+previous|the\s+next)\s+year(?!\w)",
        starts=" ".join(SEASONS),
        handler=_h_season_rel,
        examples=(("In 1981 and in the summer of that year", "1981-SU"),),
        counterexamples=("the summer of that kind",),
    ),
    Rule(
        "quarter",
        rf"(?P<q>{alternation(QUARTER_ORDINALS)}|1st|2nd|3rd|4th)[-\s]+quarter(?!\w)"
        rf"(?:(?:\s+of)?(?:\s+fiscal)?\s+(?P<y>{YEAR}))?|(?-i:Q)(?P<q2>[1-4])\s+(?P<y2>{YEAR})|"
        rf"(?P<y3>{YEAR})\s+(?P<q3>{alternation(QUARTER_ORDINALS)})[-\s]+quarter(?!\w)",
        starts="# q1 q2 q3 q4 " + starts(*QUARTER_ORDINALS),
        handler=_h_quarter,
        examples=(
            ("the third quarter of 1989", "1989-Q3"),
            ("in Q2 2019", "2019-Q2"),
        ),
        counterexamples=("three quarters of the vote",),
    ),
    Rule(
        "half",
        rf"(?:(?P<h>first|second|1st|2nd)[-\s]+half|(?P<h2>first|last)\s+two\s+quarters)"
        rf"(?:\s+of)?\s+(?:fiscal\s+)?(?P<y>{YEAR})",
        starts="# first second last",
        handler=_h_half,
        examples=(("the first half of 1990", "1990-H1"),),
        counterexamples=("the first half of the game",),
    ),
    Rule(
        "season_bare",
        r"(?P<s>spring|summer|autumn|winter|(?<=in\sthe\s)fall)(?!\w)(?!\s+of\s+(?!['’\d]))"
        r"(?!\s+(?:up|back|forward|into|out)\b)",
        starts=" ".join(SEASONS),
        handler=_h_season,
        examples=(("In 1942 the summer offensive began.", "1942-SU"),),
        counterexamples=(
            "the Prague Spring",
            "prices spring up",
        ),
    ),
    Rule(
        "the_unit",
        rf"(?:(?<=\bthe\s)(?:{alternation(WHOLE)})\s+|(?<=\bthe\s))"
        rf"(?P<u>{alternation(THE_UNITS)})(?!\w)"
        r"(?!\s+(?:\d|(?:two\s+thousand|nineteen|eighteen|before|after)\b))"
        r"(?<!morning(?=\s+of\b))",
        starts=starts(*THE_UNITS, *WHOLE),
        handler=_h_the_unit,
        examples=(
            ("during the year", "2019"),
            ("in the quarter", "2018-Q4"),
        ),
        counterexamples=(
            "the year 1990",
            "the morning of June 5",
        ),
    ),
]
