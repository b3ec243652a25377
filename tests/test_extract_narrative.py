"""The extractor on history told as a narrative: story time, modes, eras and the other kinds of
expression issue 13 lists (each test is a kind of error, not a document)."""

from __future__ import annotations

import datetime as dt

import pytest

from chronology.dates import DateValue
from chronology.extract import MODES, Mention, era_edtf, extract_text, reads_as_narrative

SAVED = dt.date(2009, 12, 19)  # a web page saved long after the story it tells


def values(text: str, dct: dt.date | DateValue | None = None, mode: str = "auto") -> list[str]:
    return [m.value for m in extract_text(text, dct, mode=mode)]


def found(text: str, dct: dt.date | None = None, mode: str = "auto") -> list[tuple[str, str]]:
    return [(m.text, m.value) for m in extract_text(text, dct, mode=mode)]


WAR = (
    "In 1941, the Germans invaded the Soviet Union. By the end of March they had launched an "
    "offensive. On April 25 the two forces linked up. Two days later the city fell.\n"
    "In 1942 the Allies landed in North Africa. In July, the offensive stalled."
)


@pytest.mark.parametrize("dct", [None, SAVED])
def test_yearless_dates_take_the_year_the_story_has_reached(dct: dt.date | None) -> None:
    assert found(WAR, dct) == [
        ("1941", "1941"),
        ("the end of March", "1941-03"),
        ("April 25", "1941-04-25"),
        ("Two days later", "1941-04-27"),
        ("1942", "1942"),
        ("July", "1942-07"),
    ]


def test_news_mode_anchors_on_the_creation_date_and_names_it() -> None:
    mentions = extract_text("The minister resigned on April 25.", SAVED, mode="news")
    assert [(m.value, m.anchor) for m in mentions] == [("2009-04-25", "publication 2009-12-19")]


def test_narrative_mode_names_the_story_date_as_anchor() -> None:
    mentions = extract_text(WAR, SAVED, mode="narrative")
    anchors = {m.text: m.anchor for m in mentions}
    assert anchors["April 25"] == f"story date 1941-03 at {WAR.index('the end of March')}"
    assert anchors["Two days later"] == f"story date 1941-04-25 at {WAR.index('April 25')}"


def test_mode_is_decided_from_how_far_the_years_lie_from_the_creation_date() -> None:
    assert reads_as_narrative(WAR, None)
    history = " ".join(f"In {year}, the army moved." for year in range(1940, 1950))
    assert reads_as_narrative(history, 2009)
    news = "The minister said on Monday that 1990 was a bad year. Yesterday he resigned."
    assert not reads_as_narrative(news, 2009)
    # a news story with a long background still counts from its own days
    background = history + " " + "On Monday, yesterday, today, last week, tomorrow. " * 2
    assert not reads_as_narrative(background, 2009)
    with pytest.raises(ValueError, match="mode must be one of auto, news, narrative"):
        extract_text("1990", None, mode="story")
    assert MODES == ("auto", "news", "narrative")


def test_bounds_asides_and_plans_do_not_move_the_story() -> None:
    text = (
        "In 1975 the offensive began. The road would be exposed for a campaign planned in 1976. "
        "Resistance lasted until 1980 (as of December 5, 2006). On 11 March, Hue fell."
    )
    assert values(text)[-1] == "1975-03-11"


def test_a_month_joined_to_one_with_a_year_takes_that_year() -> None:
    assert found("In April and June 1955, Diem met them.", SAVED, mode="news") == [
        ("April", "1955-04"),
        ("June 1955", "1955-06"),
    ]
    assert values("the spring and early summer of 1943", None) == ["1943-SP", "1943-SU"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In 490 BC the Persians landed.", [("490 BC", "BC0490")]),
        ("in 218 BCE", [("218 BCE", "BC0218")]),
        ("by AD 70", [("AD 70", "0070")]),
        ("Ionian Revolt (499-493 BC)", [("499", "BC0499"), ("493 BC", "BC0493")]),
        ("in April 480 BC", [("April 480 BC", "BC0480-04")]),
        ("in the autumn of 481 BC", [("the autumn of 481 BC", "BC0481-FA")]),
        ("throughout the 470s BC", [("the 470s BC", "BC047")]),
        ("during the 5th century BC", [("the 5th century BC", "BC04")]),
        ("at peace (ca. 466 BC).", [("ca. 466 BC", "BC0466")]),
    ],
)
def test_years_before_the_common_era(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


def test_arithmetic_crosses_the_era_boundary_without_a_year_zero() -> None:
    assert values("In 2 BC it began. The following year it went on.") == ["BC0002", "BC0001"]
    assert values("In 1 BC it began. The following year it went on.") == ["BC0001", "0001"]
    assert values("In 492 BC they sailed. A decade earlier they had not.") == ["BC0492", "BC050"]
    text = "In 490 BC they landed. In 489 they left, and for the rest of 488 they waited."
    assert values(text) == ["BC0490", "BC0489", "BC0488"]


def test_era_values_have_their_edtf_form() -> None:
    assert era_edtf("BC0490") == "-0489"
    assert era_edtf("BC0480-04") == "-0479-04"
    assert era_edtf("BC0481-FA") == "-0480-23"
    assert era_edtf("BC0001") == "0000"
    assert era_edtf("BC047") is None  # decades BC have no EDTF form
    mention = extract_text("in 490 BC", None)[0]
    assert mention.to_dict()["edtf"] == "-0489"


def test_a_bare_three_digit_number_is_a_year_only_in_a_story_told_bc() -> None:
    assert values("In 1990 they sold 496 cars.") == ["1990"]


@pytest.mark.parametrize(
    ("text", "value", "mod"),
    [
        ("In June 1940 France fell. Months later, the Blitz began.", "1940-07", "AFTER"),
        ("On 20 October 1944 it fell. A few days later, they attacked.", "1944-10-21", "AFTER"),
        ("In June 1940 France fell. Weeks earlier, they met.", "1940-06", "BEFORE"),
        ("On 20 October 1944 it fell. Hours later, they left.", "1944-10-20", "AFTER"),
    ],
)
def test_vague_later_and_earlier_are_dates_with_a_mod(text: str, value: str, mod: str) -> None:
    last: Mention = extract_text(text, None)[-1]
    assert (last.type, last.value, last.mod) == ("DATE", value, mod)


def test_years_in_brackets_and_as_adjectives() -> None:
    assert values("Louis XVI (1789) and the 1783 peace treaty", SAVED, mode="news") == [
        "1789",
        "1783",
    ]
    assert values("He had 1500 soldiers.", SAVED, mode="news") == []


def test_seasons_without_a_year_take_the_story_year_unless_they_are_names() -> None:
    assert values("In 1942 the summer offensive began; that winter was harsh.") == [
        "1942",
        "1942-SU",
        "1942-WI",
    ]
    assert values("In 2018 the operation Hard Winter began.") == ["2018"]


def test_a_part_of_a_stated_day_is_a_time() -> None:
    assert found("It started on the morning of 31 January 1965.") == [
        ("the morning of 31 January 1965", "1965-01-31TMO")
    ]
    assert found("In 1958 Massu seized power on the night of May 13.")[-1] == (
        "the night of May 13",
        "1958-05-13TNI",
    )


def test_the_day_before_and_the_day_following() -> None:
    text = "On 23 February 1918 they met. The day before, the army left."
    assert values(text) == ["1918-02-23", "1918-02-22"]
    assert values("On 23 February 1918 they met the day after the election.") == ["1918-02-23"]


def test_a_quotation_over_several_paragraphs_keeps_its_speech_date() -> None:
    text = (
        "The president said on January 9, 2018:\n\n"
        "“We grew last year. It was hard.\n\n"
        "“This year we will do better.”\n\n"
        "Last year the company lost money."
    )
    mentions = extract_text(text, dt.date(2019, 3, 1), mode="news")
    assert [(m.text, m.value) for m in mentions] == [
        ("January 9, 2018", "2018-01-09"),
        ("last year", "2017"),
        ("This year", "2018"),
        ("Last year", "2018"),
    ]
    assert mentions[2].anchor == "speech dated 2018-01-09 at 22"


@pytest.mark.parametrize(
    "text",
    [
        "In 1934 the Long March began.",
        'In 1864 his "March to the Sea" ended.',
        "In 2018 the operation Hard Winter began.",
        "In 2010 he wrote Un Printemps en Iran [Spring in Tehran].",
    ],
)
def test_months_and_seasons_inside_names_are_not_dates(text: str) -> None:
    assert len(values(text)) == 1  # only the year


def test_a_year_before_a_capitalised_word_is_a_year() -> None:
    assert values("By 1956 France had committed more than 400,000 troops.") == ["1956"]


def test_a_date_after_a_past_verb_and_by_is_a_step_of_the_story() -> None:
    text = (
        "On May 11, 1941, the bombing stopped. The war was stalemated by 1940. "
        "In August of that year, they attacked."
    )
    assert values(text)[-1] == "1940-08"
    # in news, "by" still looks ahead unless its verb is past
    assert values("The deal will close by April.", DateValue.parse("2019-02")) == ["2019-04"]
