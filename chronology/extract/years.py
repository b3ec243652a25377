"""Years, decades and centuries, of either era ("1981", "'67", "the 1960s", "490 BC", "the 5th
century BC").
"""

from __future__ import annotations

import re

from chronology.extract.anchors import Found, stated_ref, timex_year, year2
from chronology.extract.context import Context
from chronology.extract.extend import THE_PREFIX
from chronology.extract.resolve import (
    QUANTITY_AFTER,
    day_number,
    era_year,
    quarter_ref,
    spelled_year,
    year_of,
)
from chronology.extract.rule import Match, Rule
from chronology.extract.vocabulary import (
    DECADE_WORDS,
    ERA,
    ERA_BEFORE,
    ERAS,
    MONTH,
    MONTH_STARTS,
    MONTHS,
    ORDINALS,
    SEASON,
    SEASONS,
    SPELLED_YEAR,
    YEAR,
    YEAR_CORE,
    YEAR_IN_RANGE,
    alternation,
)


def _h_range(g: Match, ctx: Context) -> list[Found] | None:
    """``1980-1988``, ``1980-88``: two DATE mentions, as TimeML annotates ranges."""
    s, e = g.start, g.end
    first = int(g["y1"])
    second_text = g["y2"]
    second = int(second_text) if len(second_text) == 4 else first // 100 * 100 + int(second_text)
    cut = s + len(g["y1"])
    if len(second_text) not in (2, 4) or not first < second <= first + 200:
        single = _year(g["y1"], False, ctx, s, cut)  # "2019-17": a year and something else
        return [single] if single is not None else None
    second_start = e - len(second_text)
    return [
        Found(s, cut, "DATE", f"{timex_year(first)}", explicit=stated_ref(first, None, None, s)),
        Found(second_start, e, "DATE", f"{timex_year(second)}", mod_ok=False),
    ]


def _h_decade(g: Match, ctx: Context) -> Found:
    s, e = g.start, g.end
    if g.get("c"):
        value = f"{g['c']}{g['d']}X"
    else:
        digit = g.get("d2") or g.get("d3") or g.get("d4")
        tens = int(digit) if digit else DECADE_WORDS[g["w"].lower()]
        value = f"{year2(tens * 10, ctx.dct) // 10:03d}X"
    return Found(s, e, "DATE", value, the_ok=True)


def _h_era_year(g: Match, ctx: Context) -> Found | None:
    """``490 BC``, ``AD 70``, ``April 480 BC``, ``the autumn of 481 BC``, ``218 BCE``."""
    s, e = g.start, g.end
    number = int(g.one("y", "y2"))
    if number == 0:
        return None
    year = era_year(number, g.one("era", "era2"))
    if g.get("mon"):
        month = MONTHS[g["mon"].lower().rstrip(".")]
        found = Found(s, e, "DATE", f"{timex_year(year)}-{month:02d}")
        found.explicit = stated_ref(year, month, None, s)
        return found
    if g.get("s"):
        value = f"{timex_year(year)}-{SEASONS[g['s'].lower()]}"
        return Found(s, e, "DATE", value, explicit=stated_ref(year, None, None, s), the_ok=True)
    return Found(s, e, "DATE", timex_year(year), explicit=stated_ref(year, None, None, s))


def _h_era_range(g: Match, ctx: Context) -> list[Found] | None:
    """``499-493 BC``, ``396-395 BC``: two DATE mentions in the era the second one states."""
    s, e = g.start, g.end
    era = g["era"]
    first, second = int(g["y1"]), int(g["y2"])
    if not first or not second or (first < second) != (ERAS[era] > 0):
        return None  # "493-499 BC" runs backwards: not a range of years
    cut = s + len(g["y1"])
    second_start = text_index = ctx.text.index(g["y2"], cut)
    del text_index
    y1, y2 = era_year(first, era), era_year(second, era)
    return [
        Found(s, cut, "DATE", timex_year(y1), explicit=stated_ref(y1, None, None, s)),
        Found(second_start, e, "DATE", timex_year(y2), explicit=stated_ref(y2, None, None, s)),
    ]


def _h_era_period(g: Match, ctx: Context) -> Found | None:
    """``the 470s BC`` (``BC047``), ``the 5th century BC`` (``BC04``), ``the 2nd century AD``."""
    s, e = g.start, g.end
    bc = ERAS[g["era"]] < 0
    if g.get("dec"):
        tens = int(g["dec"]) // 10
        return Found(s, e, "DATE", f"BC{tens:03d}" if bc else f"{tens:03d}X", the_ok=True)
    n = day_number(g["n"]) if g.get("n") else ORDINALS[g["w"].lower()]
    if not 1 <= n <= 40:
        return None
    return Found(s, e, "DATE", f"BC{n - 1:02d}" if bc else f"{n - 1:02d}", the_ok=True)


def _h_story_year(g: Match, ctx: Context) -> Found | None:
    """``in 496`` in a story told in years BC: a year of the story's era, when near its time.

    Outside such a story a bare three-digit number is a quantity, so it is left alone.
    """
    s, e = g.start, g.end
    story = ctx.previous
    number = int(g["y"])
    if story is None or story.year is None or story.year > 0 or not number:
        return None
    year = 1 - number
    before = ctx.text[max(0, s - 24) : s]
    if abs(year - story.year) > 100 or not (_YEAR_CONTEXT.search(before) or before.endswith("(")):
        return None
    if QUANTITY_AFTER.match(ctx.text, e):
        return None
    return Found(s, e, "DATE", timex_year(year), explicit=stated_ref(year, None, None, s))


def _h_century(g: Match, ctx: Context) -> Found | None:
    s, e = g.start, g.end
    n = day_number(g["n"]) if g.get("n") else ORDINALS[g["w"].lower()]
    if not 1 <= n <= 21:
        return None
    return Found(s, e, "DATE", f"{n - 1:02d}", the_ok=True)


_QUANTITY_BEFORE = re.compile(
    r"(?:\b(?:some|about|around|nearly|almost|over|than|least|up\s+to|approximately|roughly|"
    r"estimated|total\s+of|of\s+about|number|no|nos|room|flight|route|highway|page|pp|article|"
    r"section|chapter|model|version|resolution|code|channel|bus|line)\.?|[$€£¥#])\s*$",
    re.I,
)


_YEAR_CONTEXT = re.compile(
    r"\b(?:in|since|from|by|until|till|to|and|or|between|before|after|during|circa|c\.|year|"
    r"of|around|early|mid|late|spring|summer|autumn|fall|winter|fiscal)[\s-]*$",
    re.I,
)


def _years_like(year: int, before: str, after: str, ctx: Context) -> bool:
    """Whether an old or far-off number reads as a year from how it is written: in brackets
    ("(1789)"), as an adjective ("the 1783 peace treaty"), or near the year a story is in."""
    if before.endswith("(") and after.startswith(")"):
        return True
    if THE_PREFIX.search(before) and _ADJECTIVE_AFTER.match(after):
        return True
    story = ctx.story if ctx.narrative else None
    return story is not None and story.year is not None and abs(year - story.year) <= 50


# a lower-case word after "the 1783": the year is an adjective ("the 1783 peace treaty")
_ADJECTIVE_AFTER = re.compile(r"\s+(?-i:[a-z][a-z-]+)\b(?<!\bof)")


def _h_year(g: Match, ctx: Context) -> Found | None:
    """``1981``, ``fiscal 1990``: a bare year, unless its context makes it a quantity or a label."""
    return _year(g["y"], g.get("fiscal") is not None, ctx, g.start, g.end)


def _year(text: str, fiscal: bool, ctx: Context, s: int, e: int) -> Found | None:
    """The year written ``text`` at ``s``-``e``, or None where it reads as a number."""
    year = year_of(text, ctx)
    text = ctx.text
    after = text[e : e + 24]
    before = text[max(0, s - 24) : s]
    if QUANTITY_AFTER.match(after) and not fiscal:
        return None
    latest = (ctx.dct.year or 2070) + 30
    if _QUANTITY_BEFORE.search(before) and re.match(r"\s+[a-z]+s\b", after):
        return None  # "some 1200 protesters", but "around 2013 and" is a year
    if (year < 1900 or year > latest) and not (
        _YEAR_CONTEXT.search(before) or _years_like(year, before, after, ctx)
    ):
        return None
    period = _YEAR_PERIOD.match(text, e)
    if period and before.endswith(("the ", "The ")):
        # "the 1988 period" in an earnings report: that year's quarter being reported (TimeML)
        ref = quarter_ref(ctx, s)
        if ref.quarter is not None:
            value = f"{timex_year(year)}-Q{ref.quarter}"
            return Found(s, period.end(), "DATE", value, anchor=ref.label or None, the_ok=True)
    return Found(s, e, "DATE", f"{timex_year(year)}", explicit=stated_ref(year, None, None, s))


_YEAR_PERIOD = re.compile(r"\s+(?:quarter|period)(?!\w)", re.I)


def _h_yy(g: Match, ctx: Context) -> Found:
    """``'67``, or ``in 67`` at the end of a clause: a year of the century it most likely means."""
    s, e = g.start, g.end
    year = year2(int(g.one("yy", "yy2")), ctx.dct)
    return Found(s, e, "DATE", f"{timex_year(year)}", explicit=stated_ref(year, None, None, s))


def _h_spelled_year(g: Match, ctx: Context) -> Found | None:
    """``nineteen ninety-six``, ``two thousand``: years read out in broadcast transcripts."""
    s, e = g.start, g.end
    if QUANTITY_AFTER.match(ctx.text[e : e + 24]):
        return None  # "two thousand people"
    year = spelled_year(g["y"])
    return Found(s, e, "DATE", f"{timex_year(year)}", explicit=stated_ref(year, None, None, s))


RULES = [
    Rule(
        "spelled_year",
        rf"(?P<y>{SPELLED_YEAR})",
        starts="nineteen eighteen twenty two",
        handler=_h_spelled_year,
        examples=(("in nineteen ninety-six", "1996"),),
        counterexamples=("two thousand people",),
    ),
    Rule(
        "era_range",
        rf"(?<![\w.,])(?P<y1>\d{{1,4}})\s*[-–—]\s*(?P<y2>\d{{1,4}})\s*(?P<era>{ERA})",
        starts="#",
        handler=_h_era_range,
        examples=(
            ("(499-493 BC)", "BC0499"),
            ("(499-493 BC)", "BC0493"),
        ),
        counterexamples=("493-499 BC",),
    ),
    Rule(
        "era_year",
        rf"(?:(?P<mon>{MONTH})\s+|(?P<s>{SEASON})\s+(?:of\s+)?)?(?:(?<![\w.,])(?P<y>\d{{1,4}})"
        rf"\s*(?P<era>{ERA})|(?P<era2>{ERA_BEFORE})\s*(?P<y2>\d{{1,4}})(?![\w.,]\d))",
        starts=f"# {MONTH_STARTS} {' '.join(SEASONS)} "
        + " ".join(w.lower() for w, sign in ERAS.items() if sign > 0),
        handler=_h_era_year,
        examples=(
            ("in 490 BC", "BC0490"),
            ("by AD 70", "0070"),
            ("in April 480 BC", "BC0480-04"),
        ),
        counterexamples=("in 0 BC",),
    ),
    Rule(
        "era_period",
        rf"(?:(?P<dec>\d{{1,3}}0)['’]?s|(?:(?P<n>\d{{1,2}})(?:st|nd|rd|th)|(?P<w>{alternation(ORDINALS)}))"
        rf"[-\s]+century)\s*(?P<era>{ERA})",
        starts=f"# {' '.join(ORDINALS)}",
        handler=_h_era_period,
        examples=(
            ("the 5th century BC", "BC04"),
            ("the 470s BC", "BC047"),
        ),
        counterexamples=("the 45th century BC",),
    ),
    Rule(
        "range",
        rf"(?P<y1>{YEAR_IN_RANGE})\s*[-–—]\s*(?P<y2>(?:1[0-9]|20)\d\d|\d\d)(?![\w%]|[.,]\d)",
        starts="#",
        handler=_h_range,
        examples=(
            ("1980-1988", "1980"),
            ("1980-88", "1988"),
        ),
        counterexamples=("1990-1980s",),
    ),
    Rule(
        "decade",
        r"(?:(?<![\w$€£.,])(?P<c>1[0-9]|20)(?P<d>\d)0|['’](?P<d2>\d)0|"
        r"(?:(?<=the\s)|(?<=early\s)|(?<=late\s)|(?<=mid-)|(?<=mid\s))(?P<d3>[1-9])0)['’]?s(?!\w)|"
        rf"(?<=the\s)(?P<w>{alternation(DECADE_WORDS)})(?!\w)",
        starts=f"# ' {' '.join(DECADE_WORDS)}",
        handler=_h_decade,
        examples=(
            ("the 1960s", "196X"),
            ("the '80s", "198X"),
        ),
        counterexamples=("$1960s",),
    ),
    Rule(
        "century",
        rf"(?:(?P<n>\d{{1,2}})(?:st|nd|rd|th)|(?P<w>{alternation(ORDINALS)}))[-\s]+century(?!\w)",
        starts=f"# {' '.join(ORDINALS)}",
        handler=_h_century,
        examples=(
            ("the 19th century", "18"),
            ("the twentieth century", "19"),
        ),
        counterexamples=("the 25th century",),
    ),
    Rule(
        "fiscal",
        rf"(?P<fiscal>fiscal(?:\s+year)?\s+)(?P<y>{YEAR}|(?:['’])?\d\d(?![\w'’]))",
        starts="fiscal",
        handler=_h_year,
        examples=(("in fiscal 1990", "1990"),),
        counterexamples=("the fiscal year",),
    ),
    Rule(
        "year",
        rf"(?:(?<=mid-)|(?<=pre-)|(?<=post-)|(?<![\w$€£¥#.,\-]))(?P<y>{YEAR_CORE})",
        starts="#",
        handler=_h_year,
        examples=(
            ("in 1981", "1981"),
            ("By 1956 France", "1956"),
        ),
        counterexamples=(
            "2000 people",
            "1500 soldiers",
        ),
    ),
    Rule(
        "story_year",
        r"(?<![\w$€£¥#.,\-])(?P<y>[1-9]\d\d)(?![\w%]|[.,]\d)",
        starts="#",
        handler=_h_story_year,
        examples=(("In 490 BC they landed; in 489 they left.", "BC0489"),),
        counterexamples=("In 1990 they sold 496 cars.",),
    ),
    Rule(
        "yy",
        r"['’](?P<yy>\d\d)(?![\w'’%])|(?:(?<=\bin\s)|(?<=\bsince\s)|(?<=\buntil\s))"
        r"(?P<yy2>[2-9]\d)(?=\s*[,.;:)]|\s+(?:and|when|until|in|at|with|after|before)\b)",
        starts="# '",
        handler=_h_yy,
        examples=(
            ("in '67", "1967"),
            ("since 89, when", "1989"),
        ),
        counterexamples=("in 67 cases",),
    ),
]
