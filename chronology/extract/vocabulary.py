"""Every word list the rules use, spelled once, and the regex pieces derived from them."""

from __future__ import annotations

import re
from collections.abc import Iterable

# each month's name, then its abbreviations
_MONTH_NAMES = [
    ("january", "jan"),
    ("february", "feb"),
    ("march", "mar"),
    ("april", "apr"),
    ("may",),
    ("june", "jun"),
    ("july", "jul"),
    ("august", "aug"),
    ("september", "sep", "sept"),
    ("october", "oct"),
    ("november", "nov"),
    ("december", "dec"),
]
MONTHS = {name: i for i, names in enumerate(_MONTH_NAMES, start=1) for name in names}
WEEKDAYS = {
    name: i
    for i, name in enumerate(
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    )
}


SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}


# era words and their sign: "490 BC" is before the common era, "AD 70" in it
ERAS = {"BC": -1, "B.C.": -1, "BCE": -1, "B.C.E.": -1, "AD": 1, "A.D.": 1, "CE": 1, "C.E.": 1}


ERA_WORDS = list(ERAS)


UNITS = {
    "second": "TS",
    "minute": "TM",
    "hour": "TH",
    "day": "D",
    "night": "D",
    "week": "W",
    "weekend": "WE",
    "fortnight": "2W",
    "month": "M",
    "quarter": "Q",
    "year": "Y",
    "decade": "DE",
    "century": "CE",
    "centurie": "CE",
}


def word_list(text: str) -> list[str]:
    """Split a space-separated word list (keeps long vocabularies readable)."""
    return text.split()


_SMALL = word_list(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
)


_TENS = word_list("twenty thirty forty fifty sixty seventy eighty ninety")


NUMBER_WORDS: dict[str, int] = {w: i for i, w in enumerate(_SMALL)}


NUMBER_WORDS.update({w: 20 + 10 * i for i, w in enumerate(_TENS)})


NUMBER_WORDS.update({"a": 1, "an": 1, "a couple of": 2, "couple of": 2, "dozen": 12})


NUMBER_WORDS.update({"a dozen": 12, "half a dozen": 6, "hundred": 100, "a hundred": 100})


VAGUE = {"a few", "few", "several", "some", "many", "a couple", "couple"}


# ordinal words, first to thirty-first: days of a month; the first 21 also count centuries
_ORDINAL_WORDS = word_list(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth "
    "twenty-first twenty-second twenty-third twenty-fourth twenty-fifth twenty-sixth "
    "twenty-seventh twenty-eighth twenty-ninth thirtieth thirty-first"
)
ORDINALS = {w: i for i, w in enumerate(_ORDINAL_WORDS[:21], start=1)}


DECADE_WORDS = {
    w: i
    for i, w in enumerate(
        word_list("twenties thirties forties fifties sixties seventies eighties nineties"), start=2
    )
}


# The first word of a part-of-period phrase -> TIMEX3 mod ("the end of 1981" -> END)
MOD_WORDS = {
    "early": "START",
    "earlier": "START",
    "beginning": "START",
    "start": "START",
    "dawn": "START",
    "first": "START",
    "opening": "START",
    "second": "END",
    "final": "END",
    "closing": "END",
    "mid": "MID",
    "middle": "MID",
    "late": "END",
    "later": "END",
    "end": "END",
    "close": "END",
    "last": "END",
    "latter": "END",
}


def alternation(words: Iterable[object]) -> str:
    """A regex alternation of words, longest first so the longest one wins."""
    items = sorted({str(w) for w in words}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)


def starts(*words: object) -> str:
    """Start words for a rule: the first word of each phrase, lower case, space-separated."""
    return " ".join(sorted({re.split(r"[\s'’]", str(w))[0].lower() for w in words}))


def title(phrase: str) -> str:
    """A regex for a phrase written with capitals ("New Year's Day"), either apostrophe."""
    words = [re.escape(w[:1].upper() + w[1:]) for w in phrase.split()]
    return r"\s+".join(words).replace("'", "['’]")


_MONTH_FULL = "|".join(names[0].capitalize() for names in _MONTH_NAMES)
_MONTH_ABBR = "|".join(
    a.capitalize() for names in _MONTH_NAMES for a in sorted(names[1:], key=len, reverse=True)
)


# A month name must be capitalised ("may", "march" are verbs); abbreviations need their dot
# unless a day number follows ("Sept 30").
_MONTH_CAPS = _MONTH_FULL.upper().replace("MAY|", "")


MONTH = rf"(?-i:{_MONTH_FULL}|(?:{_MONTH_ABBR})\.|{_MONTH_CAPS})"


MONTH_D = rf"(?-i:{_MONTH_FULL}|(?:{_MONTH_ABBR})\.?|{_MONTH_CAPS}|MAY)"


WEEKDAY = f"(?-i:{'|'.join(w.capitalize() for w in WEEKDAYS)})"


# words after a weekday that make it the name of a rite ("Friday prayers"), not a day
RITES = word_list("prayer prayers sermon sermons mosque imam")


# a weekday that is a day: patterns that end on one use it, so "10 a.m. Friday prayers" is a time
WEEKDAY_DAY = rf"{WEEKDAY}(?!\s+(?i:{alternation(RITES)})(?!\w))"


SEASON = alternation(SEASONS)


ERA = rf"(?-i:{alternation(ERAS)})(?!\w)"


ERA_BEFORE = rf"(?-i:{alternation(w for w, sign in ERAS.items() if sign > 0)})(?!\w)"  # "AD 70"


YEAR_CORE = r"(?:1[0-9]|20)\d\d(?![\w%]|[.,]\d|-\d)"


YEAR = rf"(?<![\w$€£¥#.,\-]){YEAR_CORE}"


YEAR_IN_RANGE = r"(?<![\w$€£¥#.,\-])(?:1[0-9]|20)\d\d(?![\w%]|[.,]\d)"


_ONES_RX = "|".join(_SMALL[1:10])


_TEENS_RX = "|".join(_SMALL[10:20])


# years read out, as in broadcast transcripts: "nineteen ninety-six", "two thousand and one"
SPELLED_YEAR = (
    rf"(?:(?:nineteen|eighteen|twenty)[-\s]+(?:(?:{'|'.join(_TENS)})"
    rf"(?:[-\s]+(?:{_ONES_RX}))?|{_TEENS_RX}|oh[-\s]+(?:{_ONES_RX}))|"
    rf"two\s+thousand(?:\s+and)?(?:[-\s]+(?:{_TEENS_RX}|{_ONES_RX}))?)(?!\w)"
)


_DAY_WORDS = "|".join(reversed(_ORDINAL_WORDS))  # "thirty-first" before "first"


DAY = rf"(?:(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\w|:\d)|(?:{_DAY_WORDS})(?!\w))"


NUM = (
    rf"(?:\d{{1,3}}(?:\.\d+)?|{alternation(list(NUMBER_WORDS) + list(VAGUE))}|"
    rf"(?:{alternation(_TENS)})[-\s](?:{alternation(_SMALL[1:10])}))"
)


UNIT = f"(?:{alternation(UNITS)})"


DAY_NUMBERS = {w: i for i, w in enumerate(_ORDINAL_WORDS, start=1)}


BACKWARD = {"ago", "earlier", "before", "previously", "back"}


REL_SIGN = {
    "this": 0,
    "current": 0,
    "last": -1,
    "past": -1,
    "this past": -1,
    "next": 1,
    "coming": 1,
    "this coming": 1,
    "following": 1,
    "subsequent": 1,
    "previous": -1,
    "preceding": -1,
    "prior": -1,
    "same": 0,
    "that same": 0,
    "that": 0,
}


ANAPHORIC = {
    "following",
    "subsequent",
    "previous",
    "preceding",
    "prior",
    "same",
    "that same",
    "that",
}


# parts of a day and their TIMEX3 codes
PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
PART = f"(?:{alternation(PARTS)})"
# the parts of a day that are a time of it ("early morning"), not the night after it
_DAYTIME_PARTS = [p for p in PARTS if p != "night"]
DAYTIME = f"(?:{alternation(_DAYTIME_PARTS)})"
# "the next morning", "that evening": a part of the day one step from the one in view
PART_STEP = {"next": 1, "following": 1, "previous": -1, "preceding": -1, "same": 0, "that": 0}


# days counted from the creation date, in words
DAYS_FROM_NOW = {"yesterday": -1, "today": 0, "tomorrow": 1}
DEICTIC = {
    **DAYS_FROM_NOW,
    "tonight": 0,
    "the day before yesterday": -2,
    "the day after tomorrow": 2,
    **{f"this {part}": 0 for part in _DAYTIME_PARTS},
}
DAY_FROM_NOW = f"(?:{alternation(DAYS_FROM_NOW)})"


REFS = {
    "now": "PRESENT_REF",
    "right now": "PRESENT_REF",
    "nowadays": "PRESENT_REF",
    "currently": "PRESENT_REF",
    "presently": "PRESENT_REF",
    "these days": "PRESENT_REF",
    "at present": "PRESENT_REF",
    "recently": "PAST_REF",
    "lately": "PAST_REF",
    "the future": "FUTURE_REF",
    "the near future": "FUTURE_REF",
    "the near term": "FUTURE_REF",
    "the short term": "FUTURE_REF",
    "present day": "PRESENT_REF",
}


PART_MODS = {"early": "START", "mid": "MID", "late": "END"}


# clock times said in words
CLOCK_WORDS = {"noon": "12:00", "midday": "12:00", "midnight": "24:00"}
# the ordinals a quarter of a year can have
QUARTER_ORDINALS = [w for w, i in ORDINALS.items() if i <= 4]
# "recent years", "the next few days", "the coming weeks": a stretch of unstated length
RECENT = word_list("recent coming past last next")
# "the year", "the full year", "the quarter": the unit in view, and the words allowed before it
THE_UNITS = word_list("year quarter month week weekend morning decade")
WHOLE = word_list("full fiscal calendar entire whole")
# durations and sets that the plain "plural" rule reads as a duration of unstated length
PLURAL_DURATIONS = word_list("years months weeks days decades hours minutes centuries")
SET_WORDS = {
    "hourly": "PT1H",
    "daily": "P1D",
    "nightly": "P1D",
    "weekly": "P1W",
    "monthly": "P1M",
    "quarterly": "P3M",
    "yearly": "P1Y",
    "annually": "P1Y",
}


NUM_UNIT = rf"(?P<n>{NUM})[-\s]+(?P<u>{UNIT})s?"


NUMBERS = " ".join({w.split()[0] for w in [*NUMBER_WORDS, *VAGUE]})


MONTH_STARTS = starts(*MONTHS)
WEEKDAY_STARTS = starts(*WEEKDAYS)


APPROX_MOD = {
    "about": "APPROX",
    "around": "APPROX",
    "approximately": "APPROX",
    "roughly": "APPROX",
    "some": "APPROX",
    "nearly": "LESS_THAN",
    "almost": "LESS_THAN",
    "under": "LESS_THAN",
    "less than": "LESS_THAN",
    "over": "MORE_THAN",
    "more than": "MORE_THAN",
    "at least": "EQUAL_OR_MORE",
    "up to": "EQUAL_OR_LESS",
}
