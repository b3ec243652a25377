"""The date extractor on the expressions issue 4 lists, on non-dates, anchors and offsets."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chronology.dates import DateValue
from chronology.extract import Mention, extract_chronology, extract_text
from chronology.load import load_sources
from chronology.model import Chronology

DCT = dt.date(2019, 2, 15)  # a Friday


def only(text: str, dct: dt.date | DateValue | None = DCT) -> Mention:
    """The single mention in ``text`` (fails if there is not exactly one)."""
    mentions = extract_text(text, dct)
    assert len(mentions) == 1, [(m.text, m.value) for m in mentions]
    return mentions[0]


@pytest.mark.parametrize(
    ("text", "span", "type_", "value", "mod"),
    [
        ("It began on June 28, 1981 in Tehran.", "June 28, 1981", "DATE", "1981-06-28", None),
        ("It began on 28 June 1981 in Tehran.", "28 June 1981", "DATE", "1981-06-28", None),
        ("It was September 2012 when it began.", "September 2012", "DATE", "2012-09", None),
        ("They left in 1965 for Paris.", "1965", "DATE", "1965", None),
        ("The war of '67 changed everything.", "'67", "DATE", "1967", None),
        ("The war of ’67 changed everything.", "’67", "DATE", "1967", None),
        ("He was born in 67, like me.", "67", "DATE", "1967", None),
        ("Back in the 1960s they met.", "the 1960s", "DATE", "196X", None),
        ("Back in the 70's they met.", "the 70's", "DATE", "197X", None),
        ("It grew in the early 1970s.", "the early 1970s", "DATE", "197X", "START"),
        ("It ends by mid-2013.", "mid-2013", "DATE", "2013", "MID"),
        ("It fell in the late 1990s.", "the late 1990s", "DATE", "199X", "END"),
        ("It was early 2017 then.", "early 2017", "DATE", "2017", "START"),
        ("It was the summer of 1981.", "the summer of 1981", "DATE", "1981-SU", None),
        (
            "In the first months of 1981 it grew.",
            "the first months of 1981",
            "DATE",
            "1981",
            "START",
        ),
        ("It was built in the 20th century.", "the 20th century", "DATE", "19", None),
        (
            "Results for the third quarter of 2013.",
            "the third quarter of 2013",
            "DATE",
            "2013-Q3",
            None,
        ),
        ("He served for eight years.", "eight years", "DURATION", "P8Y", None),
        ("He was held 15 days there.", "15 days", "DURATION", "P15D", None),
        ("They meet every year.", "every year", "SET", "P1Y", None),
        ("In the 1988 third quarter it fell.", "the 1988 third quarter", "DATE", "1988-Q3", None),
        ("They meet daily.", "daily", "SET", "P1D", None),
        ("It happened around 2013.", "around 2013", "DATE", "2013", "APPROX"),
        ("He left at 10 a.m. on Monday.", "10 a.m. on Monday", "TIME", "2019-02-11T10:00", None),
        (
            "On Thanksgiving Day 1999 he was found.",
            "Thanksgiving Day 1999",
            "DATE",
            "1999-11-25",
            None,
        ),
        ("In nineteen ninety-six it ended.", "nineteen ninety-six", "DATE", "1996", None),
    ],
)
def test_issue_expressions(text: str, span: str, type_: str, value: str, mod: str | None) -> None:
    m = only(text)
    assert (m.text, m.type, m.value, m.mod) == (span, type_, value, mod)
    assert text[m.start : m.end] == span
    if type_ in ("DURATION", "SET"):
        assert m.date is None


@pytest.mark.parametrize(
    "text",
    [
        "Rajavi sent 1000 of his militants to the border.",
        "About 7000 people attended the rally.",
        "The ticket cost 12,000 euros.",
        "He died at the age of 71.",
        "Room 1984 was empty and flight 2019 was late.",
        "The vote was 1500 to 300.",
        "He paid $1990 for it.",
        "She may come; they march on.",
        "Some 1200 protesters gathered.",
        "They joined the March for Life.",
    ],
)
def test_numbers_that_are_not_dates(text: str) -> None:
    assert extract_text(text, DCT) == []


def test_ranges_are_two_mentions_with_the_interval() -> None:
    for text, first, last in [
        ("It ran between 2009 and 2013.", "2009", "2013"),
        ("It ran from 1997 until 2011.", "1997", "2011"),
        ("The war of 1980-1988 ended.", "1980", "1988"),
        ("It was held in 2004 and 2005.", "2004", "2005"),
    ]:
        a, b = extract_text(text, DCT)
        assert (a.text, a.value, b.text, b.value) == (first, first, last, last)
        assert a.interval == b.interval == f"{first}/{last}"
        assert a.to_dict()["interval"] == f"{first}/{last}"
    a, b = extract_text("The war of 1980-88 ended.", DCT)
    assert (a.text, a.value, b.text, b.value, a.interval) == (
        "1980",
        "1980",
        "88",
        "1988",
        "1980/1988",
    )


def test_fiscal_period_named_by_its_end() -> None:
    period, end = extract_text("For the year ending March 31, it expects a loss.", DCT)
    assert (period.text, period.type, period.value) == ("the year", "DURATION", "P1Y")
    assert (end.text, end.value) == ("March 31", "2019-03-31")
    # "ended" is past: in a February article, last March
    period, end = extract_text("For the year ended March 31, it lost money.", DCT)
    assert (period.text, period.value, end.value) == ("the year", "P1Y", "2018-03-31")


def test_day_ranges() -> None:
    a, b = extract_text("The summit met on 13-14 February 2019 in Warsaw.", None)
    assert (a.text, a.value, b.text, b.value) == (
        "13",
        "2019-02-13",
        "14 February 2019",
        "2019-02-14",
    )
    a, b = extract_text("NATO meets on April 24 and 25.", dt.date(1999, 4, 1))
    assert (a.text, a.value, b.text, b.value) == ("April 24", "1999-04-24", "25", "1999-04-25")


def test_anaphora_resolve_against_the_previous_date() -> None:
    text = "On June 28, 1981, a bomb exploded. Two days later the leaders fled; the following year"
    text += " they left. That same year the war went on."
    first, later, following, same = extract_text(text, DCT)
    assert (later.text, later.value) == ("Two days later", "1981-06-30")
    assert later.anchor == "previous date 1981-06-28 at 3"
    assert (following.value, same.value) == ("1982", "1981")
    assert following.anchor == same.anchor == "previous date 1981-06-28 at 3"
    assert first.anchor is None


def test_deictic_expressions_resolve_against_publication() -> None:
    text = "Two years ago, last November and on Monday, and in recent weeks, he spoke."
    ago, november, monday, recent = extract_text(text, DCT)
    assert (ago.value, ago.anchor) == ("2017", "publication 2019-02-15")
    assert (november.value, november.anchor) == ("2018-11", "publication 2019-02-15")
    assert (monday.value, monday.text) == ("2019-02-11", "Monday")
    # TimeML practice, as in TempEval-3: "in recent weeks" is a vague duration
    assert (recent.text, recent.type, recent.value) == ("recent weeks", "DURATION", "PXW")


def test_publication_known_to_the_year_only_invents_no_day() -> None:
    published = DateValue.parse("2019-02/2019-03")
    assert only("He spoke yesterday.", published).value == "2019"
    assert only("It happened last year.", published).value == "2018"
    # a month-day without year in a February/March article: the November before it
    assert only("It aired on November 22.", published).value == "2018-11-22"
    assert only("Nothing happened yesterday.", None).value == "XXXX-XX-XX"


def test_future_tense_moves_weekdays_forward() -> None:
    assert only("He arrived on Tuesday.").value == "2019-02-12"
    assert only("He will arrive on Tuesday.").value == "2019-02-19"
    assert only("They met last Monday.").value == "2019-02-04"
    assert only("They will appeal Tuesday's ruling.").value == "2019-02-12"


def test_dates_carry_edtf_and_bounds() -> None:
    m = only("Back in the early 1970s, it grew.")
    assert m.date is not None
    assert (m.date.edtf, m.date.earliest, m.date.latest) == (
        "197X",
        dt.date(1970, 1, 1),
        dt.date(1979, 12, 31),
    )
    d = m.to_dict()
    assert d["mod"] == "START" and d["edtf"] == "197X"
    assert (d["earliest"], d["latest"]) == ("1970-01-01", "1979-12-31")
    assert list(d) == [
        "doc", "source", "start", "end", "text", "type", "value", "mod", "edtf", "earliest",
        "latest", "anchor", "sentence",
    ]  # fmt: skip
    assert "mod" not in only("It was 1965.").to_dict()
    json.dumps(d)


def test_offsets_with_curly_quotes_and_multibyte_characters() -> None:
    text = "«Téhéran» — l’été: “On 28 June 1981,” said Rajavi 😀, “and in ’67.”"
    a, b = extract_text(text, None)
    assert text[a.start : a.end] == a.text == "28 June 1981"
    assert text[b.start : b.end] == b.text == "’67"
    assert a.sentence.startswith("«Téhéran»") and text[a.sentence_start :].startswith("«Téhéran»")


def test_sentence_is_the_one_holding_the_mention() -> None:
    text = "Mr. Smith came on Aug. 7, 1998. He left in 1999 to Paris.\nOn Monday he spoke."
    a, b, c = extract_text(text, DCT)
    assert a.sentence == "Mr. Smith came on Aug. 7, 1998."
    assert b.sentence == "He left in 1999 to Paris."
    assert (c.sentence, c.sentence_start) == ("On Monday he spoke.", text.index("On Monday"))


def test_extract_chronology_dates_each_article_by_its_publication(mini) -> None:
    sources, texts = load_sources(mini / "seeds")
    chronology = Chronology(sources=sources, events=[], texts=texts)
    mentions = extract_chronology(chronology)
    assert mentions
    by_id = {s.id: s for s in sources}
    for m in mentions:
        assert chronology.texts[m.doc][m.start : m.end] == m.text
        source = by_id[m.source] if m.source else None
        if source is not None and source.span is not None:
            assert source.span[0] <= m.start < m.end <= source.span[1]
        assert chronology.texts[m.doc][m.sentence_start :].startswith(m.sentence)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_arbitrary_unicode_never_breaks_offsets(text: str) -> None:
    for m in extract_text(text, DCT):
        assert text[m.start : m.end] == m.text


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "In",
                "1981",
                "June",
                "28,",
                "the",
                "early",
                "1970s",
                "'67",
                "two",
                "days",
                "later",
                "last",
                "year",
                "Monday",
                "–",
                "-",
                "and",
                "between",
                "é",
                "’",
                "\n",
                ".",
                "of",
                "mid-",
                "Sept.",
                "7",
            ]
        )
    )
)
def test_date_like_word_salad_never_breaks(words: list[str]) -> None:
    text = " ".join(words)
    for m in extract_text(text, DCT):
        assert text[m.start : m.end] == m.text
        assert m.start >= 0 and m.end <= len(text) and m.start < m.end


def test_quarter_ended_is_the_calendar_quarter_holding_most_of_it() -> None:
    """A fiscal quarter ending July 31 runs May-July: mostly the second calendar quarter."""
    text = "Profit in the quarter ended July 31 rose. A year ago it fell."
    values = [(m.text, m.value) for m in extract_text(text, dt.date(1989, 11, 2))]
    assert values == [
        ("the quarter", "1989-Q2"),
        ("July 31", "1989-07-31"),
        ("A year ago", "1988-Q2"),
    ]


def test_the_year_period_is_that_years_reported_quarter() -> None:
    text = "It earned $5 in the third quarter. In the 1988 period, it earned $1."
    values = [(m.text, m.value) for m in extract_text(text, dt.date(1989, 11, 2))]
    assert values == [("the third quarter", "1989-Q3"), ("the 1988 period", "1988-Q3")]


def test_an_unfinished_quarter_is_an_outlook_not_the_reported_period() -> None:
    text = "It expects fourth-quarter profit to fall. In the latest quarter, it lost money."
    values = [(m.text, m.value) for m in extract_text(text, dt.date(1989, 11, 2))]
    assert values == [("fourth-quarter", "1989-Q4"), ("the latest quarter", "1989-Q3")]


def test_initials_and_titles_do_not_end_the_future_clause() -> None:
    """The full stop in "Daniel P. Davison" or "Mr. Jones" does not hide the earlier "will"."""
    dct = dt.date(1989, 11, 2)
    assert only("Smith will succeed Daniel P. Davison Feb. 1, they said.", dct).value == (
        "1990-02-01"
    )
    assert only("Mr. Jones will speak on Tuesday.", dct).value == "1989-11-07"


def test_next_to_is_a_place_not_the_future() -> None:
    text = "A bomb exploded next to the U.S. embassy in Nairobi on Friday."
    assert only(text, dt.date(1998, 8, 9)).value == "1998-08-07"


def test_future_clause_does_not_take_an_earlier_stated_year() -> None:
    text = "Poland, invited in July 1997, will officially join NATO on March 12 in Missouri."
    values = [m.value for m in extract_text(text, dt.date(1999, 2, 27))]
    assert values == ["1997-07", "1999-03-12"]


def test_the_quarter_a_year_ago_is_the_reported_quarter_one_year_back() -> None:
    text = "Sales rose in the third quarter. For the quarter a year ago, it earned $1."
    assert [m.value for m in extract_text(text, dt.date(1989, 11, 2))] == ["1989-Q3", "1988-Q3"]


def test_last_year_in_a_quarterly_comparison_is_the_same_quarter() -> None:
    dct = dt.date(1989, 11, 2)
    text = "Profit rose in the third quarter. It earned $5, compared with $3 million last year."
    assert [m.value for m in extract_text(text, dct)] == ["1989-Q3", "1988-Q3"]
    plain = "Profit rose in the third quarter. Last year it fell."
    assert [m.value for m in extract_text(plain, dct)] == ["1989-Q3", "1988"]


def test_this_past_season_is_the_one_just_gone() -> None:
    assert only("It rose this past spring.", dt.date(1989, 10, 2)).value == "1989-SP"
    assert only("It rose this past summer.", dt.date(1989, 8, 2)).value == "1988-SU"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # DCT is Friday 2019-02-15
        ("Officials postponed until Tuesday morning any action.", "2019-02-19TMO"),
        ("He was given until 9 a.m. Tuesday to sign.", "2019-02-19T09:00"),
        ("On Tuesday, the league plans to hold a news conference.", "2019-02-19"),
        ("By Monday, officials hardened their stance.", "2019-02-11"),
        ("Up until Thursday, they had described him as a witness.", "2019-02-14"),
        ("The offer had been due to expire Friday evening.", "2019-02-15TEV"),
        ("Protesters were planning to drive to the airport on Monday.", "2019-02-18"),
        ("The team planned to leave Nairobi on Thursday.", "2019-02-21"),
        ('"I would try," Clinton told reporters in the Rose Garden Wednesday.', "2019-02-13"),
    ],
)
def test_weekday_follows_the_clause_tense(text: str, expected: str) -> None:
    (mention,) = [m for m in extract_text(text, DCT) if m.type in ("DATE", "TIME")]
    assert mention.value == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The deal will close in January.", "2020-01"),
        ("The company had purchased 481,000 shares through Sept. 29.", "2018-09-29"),
        ("The summit is in April.", "2019-04"),
    ],
)
def test_month_follows_the_clause_tense(text: str, expected: str) -> None:
    assert [m.value for m in extract_text(text, DCT)] == [expected]


def test_a_holiday_days_ahead_is_this_years() -> None:
    (easter,) = extract_text("Protesters prayed as Easter week began.", dt.date(2000, 4, 17))
    assert easter.value == "2000-04-23"
    (thanks,) = extract_text("He was found on Thanksgiving Day.", dt.date(2000, 1, 17))
    assert thanks.value == "1999-11-25"


def test_week_of_a_day_and_halves_named_by_quarters() -> None:
    (week,) = extract_text("A hearing is set for the week of March 6.", DCT)
    assert (week.text, week.value) == ("the week of March 6", "2019-W10")
    (half,) = extract_text("Demand slows through the first two quarters of 1990.", DCT)
    assert (half.text, half.value) == ("the first two quarters of 1990", "1990-H1")


def test_a_year_earlier_counts_from_this_years_quarter() -> None:
    text = (
        "Net fell below the 1987 level. In this year's third quarter, net was $10 million, "
        "compared with $9 million a year earlier."
    )
    values = [(m.text, m.value) for m in extract_text(text, dt.date(1989, 10, 26))]
    assert values[-1] == ("a year earlier", "1988-Q3")


@pytest.mark.parametrize(
    "text",
    [
        "The quarter-to-quarter comparison improved.",
        "Sales rose year-over-year.",
        "For the people of Poland, high noon comes.",
    ],
)
def test_comparisons_and_idioms_are_not_dates(text: str) -> None:
    assert [m.text for m in extract_text(text, DCT) if m.type in ("DATE", "TIME")] == []


def test_each_month_is_a_set() -> None:
    (each,) = extract_text("Orangemen march each July from their church.", DCT)
    assert (each.text, each.type, each.value) == ("each July", "SET", "XXXX-07")


def test_a_background_quarter_does_not_become_the_reports_period() -> None:
    text = (
        "The company posted a gain in third-quarter net income. After a flat second quarter, "
        "sales rose. In the 1989 period, taxes were lower than a year ago."
    )
    values = {m.text: m.value for m in extract_text(text, dt.date(1989, 11, 1))}
    assert values["second quarter"] == "1989-Q2"
    assert values["the 1989 period"] == "1989-Q3"
    assert values["a year ago"] == "1988-Q3"


def test_a_time_takes_the_day_named_beside_it() -> None:
    text = "The blast occurred at about 10:35 a.m. (0735 GMT) Friday, toppling a building."
    values = [(m.text, m.value) for m in extract_text(text, DCT)]
    assert values == [("10:35 a.m.", "2019-02-15T10:35"), ("Friday", "2019-02-15")]
    text = "He will leave at 4 in the morning (4 a.m. EDT Monday), Castro said."
    values = [(m.text, m.value) for m in extract_text(text, DCT)]
    assert values == [
        ("4 in the morning", "2019-02-18T04:00"),
        ("4 a.m. EDT Monday", "2019-02-18T04:00"),
    ]
    (evening,) = extract_text("They met at 8 o'clock in the evening.", DCT)
    assert (evening.text, evening.value) == ("8 o'clock in the evening", "2019-02-15T20:00")


def test_parts_of_a_narrated_day() -> None:
    text = "He came on Feb. 12. That evening he left. He was in court the next morning."
    values = [(m.text, m.type, m.value) for m in extract_text(text, DCT)]
    assert values == [
        ("Feb. 12", "DATE", "2019-02-12"),
        ("That evening", "TIME", "2019-02-12TEV"),
        ("the next morning", "TIME", "2019-02-13TMO"),
    ]
    (mid,) = extract_text("In London at mid-afternoon yesterday, shares rose.", DCT)
    assert (mid.text, mid.value, mid.mod) == ("mid-afternoon yesterday", "2019-02-14TAF", "MID")
    (ago,) = extract_text("Then, a week or so ago, he chose.", DCT)
    assert (ago.text, ago.value, ago.mod) == ("a week or so ago", "2019-W06", "APPROX")


def test_a_dated_speech_anchors_its_quotation() -> None:
    text = (
        "On 24 April 2019, the director stated: “Last year, the group expanded. "
        "It does not date from today.” Last year was calm."
    )
    values = [(m.text, m.value, m.anchor) for m in extract_text(text, dt.date(2020, 7, 1))]
    assert values == [
        ("24 April 2019", "2019-04-24", None),
        ("Last year", "2018", "speech dated 2019-04-24 at 3"),
        ("today", "2019-04-24", "speech dated 2019-04-24 at 3"),
        ("Last year", "2019", "publication 2020-07-01"),
    ]
    # a quotation without a dated speech before it keeps the publication date
    *_, today = extract_text("In 2018 he said it was “not from today”.", dt.date(2020, 7, 1))
    assert (today.text, today.value) == ("today", "2020-07-01")


def test_a_bare_month_keeps_the_year_the_text_gave_it() -> None:
    october = dt.date(1989, 10, 27)
    values = [
        (m.text, m.value)
        for m in extract_text("Sales this year through August were flat.", october)
    ]
    assert values == [("this year", "1989"), ("August", "1989-08")]
    text = (
        "The three are expected to join in April. They can take part in planning for "
        "the summit in April. Since KKR bought RJR in February, it has sold assets."
    )
    values = [(m.text, m.value) for m in extract_text(text, dt.date(1998, 12, 5))]
    assert values == [("April", "1999-04"), ("April", "1999-04"), ("February", "1998-02")]
    (december,) = extract_text("It changed to a calendar year in December.", october)
    assert december.value == "1988-12"
    # a participle after "be" is not a past verb
    (paid,) = extract_text("The dividend will be paid Dec. 14 to holders.", october)
    assert paid.value == "1989-12-14"


def test_a_text_without_full_stops_gets_sentences_cut_around_each_mention() -> None:
    text = "On 1 May 2019 he said “" + "today and ‘yesterday ' " * 10000
    mentions = extract_text(text, DCT)
    assert len(mentions) == 20001
    for m in mentions[::997]:
        assert 0 < len(m.sentence) <= 1000
        assert text[m.sentence_start :].startswith(m.sentence)
        assert m.sentence_start <= m.start and m.end <= m.sentence_start + len(m.sentence)
    assert mentions[1].anchor == "speech dated 2019-05-01 at 3"


def test_todays_world_is_not_a_day() -> None:
    text = "Justice in today’s world matters. Today's editions carry it."
    assert [(m.text, m.value) for m in extract_text(text, DCT)] == [("Today", "2019-02-15")]
