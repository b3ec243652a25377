"""Clock times: "10 a.m.", "3:30 p.m. Friday", "noon", "4 in the morning"."""

from __future__ import annotations

import re

from chronology.extract.anchors import Found, shift
from chronology.extract.context import Context
from chronology.extract.resolve import calendar_date, day_in_view, weekday_in_clause
from chronology.extract.rule import Match, Rule
from chronology.extract.vocabulary import (
    CLOCK_WORDS,
    DAY,
    DAY_FROM_NOW,
    DAYTIME,
    DEICTIC,
    MONTH_D,
    WEEKDAY,
    WEEKDAY_DAY,
    YEAR,
    alternation,
    starts,
)


def _h_time(g: Match, ctx: Context) -> Found | None:
    """``10 a.m.``, ``3:30 p.m.``, ``noon``: a TIME on the publication day when known."""
    s, e = g.start, g.end
    weekday = g.get("wd")
    said = None
    aside = _DAY_ASIDE.match(ctx.text, e)
    if aside and not weekday and not g.get("rel") and not g.get("mon"):
        # "10:35 a.m. (0735 GMT) Friday", "4 in the morning (4 a.m. EDT Thursday)": that day
        weekday = aside.group("wd1") or aside.group("wd2")
    if weekday:
        found = weekday_in_clause(weekday, None, ctx, s, e)
        day, anchor = found.value, found.anchor
    elif g.get("rel"):
        ref = ctx.deictic(s)
        day, anchor = shift(ref, "D", DEICTIC[g["rel"].lower()]), ref.label
    elif g.get("mon"):
        dated = calendar_date(g["mon"], g["d"], g.get("y"), ctx, s, e)
        if dated is None:
            return None
        day, anchor, said = dated.value, dated.anchor, dated.month_said
    else:
        ref = day_in_view(ctx, s)
        day, anchor = (ref.date.isoformat() if ref.date else "XXXX-XX-XX"), ref.label
    word = (g.get("w") or "").lower()
    if word:
        clock = CLOCK_WORDS[word]
    else:
        hour_text = g.one("h", "h2", "h3")
        hour = int(hour_text)
        minute = int(g.get("mi") or g.get("mi2") or 0)
        ampm = (g.get("ap") or "").lower().replace(".", "")
        if g.get("part"):  # "4 in the morning", "8 in the evening"
            ampm = "am" if g["part"].lower() == "morning" else "pm"
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        if hour > 24 or (ampm and not 1 <= int(hour_text) <= 12):
            return None
        clock = f"{hour:02d}:{minute:02d}"
    value = f"{day}T{clock}"
    return Found(s, e, "TIME", value, anchor=anchor or None, mod_ok=False, month_said=said)


# a weekday just after a time's parenthesis, or closing it
_DAY_ASIDE = re.compile(
    rf"\s*\((?:[^()\n]{{0,24}}?\s(?P<wd1>{WEEKDAY})|[^()\n]{{1,24}}\)\s*,?\s+(?:on\s+)?"
    rf"(?P<wd2>{WEEKDAY}))(?!\w)"
)


RULES = [
    Rule(
        "time",
        r"(?:(?<![\w:.])(?P<h>[01]?\d)(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>a\.m\.|p\.m\.|am|pm)(?!\w)|"
        r"(?<=\bat\s)(?P<h2>[0-2]?\d):(?P<mi2>[0-5]\d)(?![\d:])|"
        rf"(?P<w>{alternation(CLOCK_WORDS)})(?!\w)|"
        r"(?<![\w:.])(?P<h3>1[0-2]|0?[1-9])(?:\s+o['’]clock)?\s+in\s+the\s+"
        rf"(?P<part>{DAYTIME})(?!\w))"
        r"(?:\s+(?-i:[A-Z]{2,4})(?![\w.]))?(?:,?\s+(?:on\s+)?(?:(?P<wd>"
        rf"{WEEKDAY_DAY})|(?P<rel>{DAY_FROM_NOW})|(?P<mon>{MONTH_D})\s*(?P<d>{DAY})"
        rf"(?:,?\s+(?P<y>{YEAR}))?)(?!\w))?",
        starts="# " + starts(*CLOCK_WORDS),
        handler=_h_time,
        examples=(
            ("at 10 a.m.", "2019-02-15T10:00"),
            ("at noon", "2019-02-15T12:00"),
        ),
        counterexamples=("13 p.m.",),
    ),
]
