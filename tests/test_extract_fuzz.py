"""Fuzzing the extractor with its own vocabulary, so that the word sequences its rules react to
("10 a.m. Friday prayers", "the 5th century BC", "two days later") actually come up.

Arbitrary Unicode almost never forms two date words in a row, which is why a crash on
"The mosque opens at 10 a.m. Friday prayers begin." went unnoticed: these strategies build
text from the month, weekday, holiday, season, number, ordinal, unit, clock and era words the
rules are written with, glued by spaces and punctuation.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chronology import extract
from chronology.dates import DateValue

# A phrase is what comes before a date word, the date word, and what comes after it, each drawn
# from the extractor's own vocabulary: a clock time, a weekday and a rite ("10 a.m. Friday
# prayers") come up in about one phrase in a hundred.
_BEFORE = [
    ["10 a.m.", "3:30 p.m.", "noon", "midnight", "8 o'clock", "4 in the morning", "at 10:35"],
    [
        "early",
        "mid",
        "late",
        "the",
        "end",
        "of",
        "the",
        "middle",
        "of",
        "this",
        "last",
        "next",
        "that",
        "same",
        "following",
        "on",
        "in",
    ],
    [*extract.NUMBER_WORDS, *extract.ORDINALS, "12", "28th", "490", "two days"],
    ["", "said", "will", "had", "since", "until", "between", "from", "by", "in the"],
]
_HEAD = [
    [w.capitalize() for w in extract.WEEKDAYS],
    [m.capitalize() for m in extract.MONTHS],
    [h.title() for h in extract.HOLIDAYS],
    [*extract.SEASONS, *extract.UNITS, *(f"{u}s" for u in extract.UNITS)],
    ["1981", "'67", "1980s", "1989-90", "2019-02-15", "490", "(1789)", "300,000", "century"],
    ["today", "yesterday", "tomorrow", "tonight", "now", "morning", "evening", "night", "year-end"],
]
_AFTER = [
    extract.RITES,
    ["ago", "later", "earlier", "before", "after", "of", "that", "year", "morning", "night"],
    [*extract.ERA_WORDS, "1981", "2019", "12", "5th", "and 1990", "– 28", "century BC"],
    ["", "", "peace treaty", "prayers begin", "people", "percent"],
]
_PHRASE = st.tuples(
    *(st.one_of(*(st.sampled_from(kind) for kind in kinds)) for kinds in (_BEFORE, _HEAD, _AFTER))
).map(lambda words: " ".join(w for w in words if w))
_GLUE = st.sampled_from([" ", " ", ", ", ". ", "-", " – ", " (", ") ", "\n", "\n\n", '"', "“"])
_TEXT = st.lists(st.tuples(_PHRASE, _GLUE), max_size=6).map(
    lambda pairs: "".join(word + glue for word, glue in pairs)
)
_DCT = st.one_of(
    st.none(),
    st.dates(dt.date(1950, 1, 1), dt.date(2030, 12, 31)),
    st.sampled_from(
        [DateValue.parse("2019-02"), DateValue.parse("2019"), DateValue.parse("2020?")]
    ),
)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT, _DCT, st.sampled_from(extract.MODES))
def test_vocabulary_sequences_never_crash_and_offsets_slice(
    text: str, dct: dt.date | DateValue | None, mode: str
) -> None:
    for m in extract.extract_text(text, dct, mode=mode):
        assert text[m.start : m.end] == m.text
        assert text[m.sentence_start :].startswith(m.sentence)


def test_a_clock_time_before_friday_prayers_is_a_time_not_a_crash() -> None:
    mentions = extract.extract_text(
        "The mosque opens at 10 a.m. Friday prayers begin.", dt.date(2020, 1, 1)
    )
    assert [(m.text, m.value) for m in mentions] == [("10 a.m.", "2020-01-01T10:00")]
    mentions = extract.extract_text("early morning Friday prayers began", dt.date(2020, 1, 1))
    assert [(m.text, m.value) for m in mentions] == [("early morning", "2020-01-01TMO")]
