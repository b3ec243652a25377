"""Durations ("eight years", "for decades") and sets ("daily", "every July", "$5 a year")."""

from __future__ import annotations

import re

from chronology.extract.anchors import Found
from chronology.extract.context import Context
from chronology.extract.resolve import duration_value, number_value, unit_code
from chronology.extract.rule import Match, Rule
from chronology.extract.vocabulary import (
    MONTH,
    MONTHS,
    NUM_UNIT,
    NUMBERS,
    PLURAL_DURATIONS,
    SET_WORDS,
    UNIT,
    VAGUE,
    WEEKDAY,
    WEEKDAYS,
    alternation,
    starts,
)


def _h_duration(g: Match, ctx: Context) -> Found | None:
    """``eight years``, ``15 days``, ``a two-day visit``: DURATION, never a date."""
    s, e = g.start, g.end
    word = re.sub(r"\s+", " ", g["n"].lower())
    unit = unit_code(g["u"])
    if word in ("a", "an", "one") and unit == "TS":
        return None  # "a second time"
    if unit == "Q" and re.match(r"\s*of\b", ctx.text[e : e + 6]):
        return None  # "three quarters of the vote"
    n = number_value(word)
    if n is None and word not in VAGUE:
        return None
    return Found(s, e, "DURATION", duration_value(n, unit), mod_ok=False)


def _h_plural(g: Match, ctx: Context) -> Found | None:
    """``for years``, ``decades``: a duration of unstated length."""
    s, e = g.start, g.end
    if _PART_OF.match(ctx.text, e):
        return None  # "the first months of 1981" is a part of a date
    return Found(s, e, "DURATION", duration_value(None, unit_code(g["u"])), mod_ok=False)


_PART_OF = re.compile(r"\s+of\s+(?:the\s+)?(?:[\d'’]|(?-i:[A-Z][a-z]+\s+\d))")


def _h_set(g: Match, ctx: Context) -> Found:
    """``daily``, ``every year``, ``each Monday``, ``$5 a year``: SET."""
    s, e = g.start, g.end
    word = g["w"].lower()
    if word in SET_WORDS:
        return Found(s, e, "SET", SET_WORDS[word], mod_ok=False)
    last = word.split()[-1]
    if last == "annum":
        return Found(s, e, "SET", "P1Y", mod_ok=False)
    if last in WEEKDAYS:
        return Found(s, e, "SET", f"XXXX-WXX-{WEEKDAYS[last] + 1}", mod_ok=False)
    if last.rstrip(".") in MONTHS:  # "each July": every year's July
        return Found(s, e, "SET", f"XXXX-{MONTHS[last.rstrip('.')]:02d}", mod_ok=False)
    return Found(s, e, "SET", duration_value(1, unit_code(last)), mod_ok=False)


RULES = [
    Rule(
        "set",
        rf"(?P<w>{alternation(SET_WORDS)}|"
        rf"every\s+(?:other\s+)?(?:{UNIT}|{WEEKDAY}|{MONTH})|each\s+(?:{UNIT}|{WEEKDAY}|{MONTH})|"
        rf"per\s+{UNIT}|"
        r"per\s+annum|"
        r"(?:(?<=\d\s)|(?<=million\s)|(?<=billion\s)|(?<=percent\s)|(?<=times\s))"
        r"an?\s+(?:year|month|week|day))(?!\w)",
        starts=starts(*SET_WORDS, "every", "each", "per", "a", "an"),
        handler=_h_set,
        examples=(
            ("daily", "P1D"),
            ("every July", "XXXX-07"),
            ("$5 a year", "P1Y"),
        ),
        counterexamples=("the dailies",),
    ),
    Rule(
        "duration",
        rf"{NUM_UNIT}(?:\s+and\s+a\s+half)?(?!\w|-(?:earlier|ago)\b)",
        starts=f"# {NUMBERS}",
        handler=_h_duration,
        examples=(
            ("for eight years", "P8Y"),
            ("a two-day visit", "P2D"),
        ),
        counterexamples=("a second time",),
    ),
    Rule(
        "plural",
        rf"(?P<u>{alternation(PLURAL_DURATIONS)})(?!\w)",
        starts=starts(*PLURAL_DURATIONS),
        handler=_h_plural,
        examples=(("for years", "PXY"),),
        counterexamples=("the first months of 1981",),
    ),
]
