"""Conflict detection on hand-built accounts: every relation, every kind, sides and origins."""

import datetime as dt

import pytest

from chronology.conflicts import (
    analyse,
    compare_dates,
    compare_figures,
    normalise_cited,
    origin,
)
from chronology.dates import DateValue
from chronology.model import Account, Event, Figure


def account(source: str, date: str, quote: str = "", **fields: object) -> Account:
    return Account(source=source, date=date, quote=quote or f"It happened in {date}.", **fields)


def event(*accounts: Account) -> Event:
    return Event(id="move", title="The move", category="relocation", accounts=list(accounts))


def d(text: str, modifier: str | None = None) -> DateValue:
    return DateValue.parse(text, modifier)


# --- dates, pair by pair -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "relation", "gap", "more_precise"),
    [
        (d("1986"), d("1986"), "same", None, None),
        (d("196X"), d("1965"), "compatible", None, 1),
        (d("1981-06-28"), d("1981-06"), "compatible", None, 0),
        (d("[1986,1987]"), d("1986"), "compatible", None, 1),
        (d("1985/1986"), d("1986/1987"), "overlapping", None, None),
        (d("1986"), d("1987"), "conflict", 1, None),
        (d("1981-06"), d("1981-07"), "conflict", 1, None),
        (d("2011"), d("2012-09"), "conflict", 245, 1),
        (d("1986~"), d("1988"), "conflict", 366, None),
        (d("1986"), d("1987~"), "possible-conflict", 1, None),
        (d("197X", "early"), d("1975"), "possible-conflict", 610, 1),
    ],
)
def test_compare_dates(a, b, relation, gap, more_precise):
    result = compare_dates(a, b)
    assert (result.relation, result.gap_days, result.more_precise) == (relation, gap, more_precise)


def test_same_bounds_but_one_approximate_is_compatible_not_same():
    assert compare_dates(d("1986"), d("1986~")).relation == "compatible"


def test_possible_conflict_says_how_the_ranges_meet():
    assert compare_dates(d("1986"), d("1987?")).through == "soft"
    assert compare_dates(d("198X", "late"), d("1982")).through == "modifier"


def test_early_modifier_narrows_the_comparison_to_its_core():
    assert compare_dates(d("197X", "early"), d("1971")).relation == "compatible"
    assert compare_dates(d("197X"), d("1975")).relation == "compatible"


# --- figures, pair by pair -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "relation", "difference"),
    [
        (72, 72, "same", 0.0),
        ("~75", 80, "compatible", 0.0),
        (">200000", 250000, "compatible", 0.0),
        ("70-80", "75-90", "overlapping", 0.0),
        (72, 80, "conflict", 0.1),
        (">200000", 150000, "conflict", 0.25),
        ("<=50", 100, "conflict", 0.5),
    ],
)
def test_compare_figures(a, b, relation, difference):
    result = compare_figures(Figure.parse(a), Figure.parse(b))
    assert (result.relation, result.relative_difference) == (relation, difference)


# --- origins --------------------------------------------------------------------------------


def test_cited_outlets_are_compared_without_case_details_or_punctuation():
    assert normalise_cited("Fars News Agency (video of August 5, 2018)") == "fars news agency"
    assert normalise_cited("fars news agency.") == "fars news agency"
    assert normalise_cited("(anonymous)") == "anonymous"
    assert origin(account("a", "1986", cited="BBC")) == origin(account("b", "1986", cited="bbc"))
    assert origin(account("a", "1986")) != origin(account("b", "1986"))
    assert origin(account("a", "1986")) == "source:a"


# --- whole events ---------------------------------------------------------------------------


def test_single_account_is_single_and_most_precise():
    result = analyse(event(account("a", "1986")))
    assert (result.agreement, result.most_precise, result.conflicts) == ("single", (0,), ())


def test_agreeing_accounts_give_no_conflict_and_name_the_most_precise():
    result = analyse(event(account("a", "198X"), account("b", "1986"), account("c", "1986-06")))
    assert result.agreement == "compatible"
    assert result.most_precise == (2,)
    assert result.conflicts == ()


def test_date_conflict_sides_sources_origins_and_explanation():
    result = analyse(
        event(
            account("press-tv", "1986", "The group fled to Iraq in 1986", cited="BBC"),
            account("daily", "1986", "In 1986 they moved to Iraq", cited="bbc (radio)"),
            account("weekly", "1986-06", "They left for Iraq in June 1986"),
            account("glance", "1987", "They settled in Iraq in 1987"),
            account("vague", "198X", "In the 1980s they moved to Iraq"),
        )
    )
    assert result.agreement == "conflict"
    (conflict,) = result.conflicts
    earlier, later = conflict.sides
    assert (conflict.kind, conflict.relation, conflict.figure) == ("date", "conflict", None)
    assert earlier.accounts == (0, 1, 2)  # the vague 1980s account supports both: on no side
    assert (earlier.sources, earlier.origins) == (3, 2)
    assert (later.accounts, later.sources, later.origins) == ((3,), 1, 1)
    assert earlier.days == (dt.date(1986, 6, 1), dt.date(1986, 6, 30))
    assert conflict.gap_days == 185
    assert conflict.label == "1986 / June 1986 vs 1987"
    assert conflict.explanation == (
        'press-tv, daily and weekly date it 1986 / June 1986 ("The group fled to Iraq in 1986"; '
        '"In 1986 they moved to Iraq"; "They left for Iraq in June 1986"); glance dates it 1987 '
        '("They settled in Iraq in 1987"): at least 6 months apart.'
    )


def test_same_unit_gap_is_counted_in_that_unit():
    result = analyse(
        event(
            account("codepink-press-tv", "1986", "The group fled to Iraq in 1986"),
            account("mko-at-a-glance", "1987", "The group arrived in Iraq in 1987"),
        )
    )
    assert result.conflicts[0].explanation == (
        'codepink-press-tv dates it 1986 ("The group fled to Iraq in 1986"); mko-at-a-glance '
        'dates it 1987 ("The group arrived in Iraq in 1987"): 1 year apart.'
    )
    months = analyse(event(account("a", "1981-06"), account("b", "1981-09")))
    assert months.conflicts[0].label == "June 1981 vs September 1981"
    assert months.conflicts[0].explanation.endswith(": 3 months apart.")


def test_possible_conflict_explains_how_the_dates_could_meet():
    result = analyse(event(account("a", "1986"), account("b", "1987~")))
    (conflict,) = result.conflicts
    assert (conflict.kind, conflict.relation) == ("date", "possible-conflict")
    assert result.agreement == "possible-conflict"
    assert conflict.explanation == (
        'a dates it 1986 ("It happened in 1986."); b dates it 1987 (approximate) ("It happened '
        'in 1987~."): 1 year apart; they meet only if an approximate or uncertain date is read '
        "loosely."
    )


def test_internal_conflict_when_one_source_disagrees_with_itself():
    result = analyse(
        event(
            account("history", "1981-06-28", "on June 28 the bomb went off"),
            account("history", "1981-08-30", "Two days later, on August 30"),
        )
    )
    (conflict,) = result.conflicts
    assert conflict.kind == "internal"
    assert [s.accounts for s in conflict.sides] == [(0,), (1,)]
    assert conflict.gap_days == 63
    assert conflict.explanation == (
        'history dates it both 28 June 1981 ("on June 28 the bomb went off") and 30 August 1981 '
        '("Two days later, on August 30"): 63 days apart.'
    )


def test_internal_and_cross_source_conflicts_are_both_reported():
    result = analyse(
        event(account("a", "1986"), account("a", "1987"), account("b", "1986", cited="a"))
    )
    kinds = [(c.kind, [s.accounts for s in c.sides]) for c in result.conflicts]
    assert kinds == [("date", [(0, 2), (1,)]), ("internal", [(0,), (1,)])]


def test_figure_conflict_with_relative_difference_and_explanation():
    result = analyse(
        event(
            account("a", "1981-06-28", "a bomb killed 72 people", figures={"killed": 72}),
            account("b", "1981-06-28", "the bomb killed 80", figures={"killed": 80}),
            account("c", "1981-06-28", "about 75 died", figures={"killed": "~75"}),
        )
    )
    assert result.agreement == "conflict"
    (conflict,) = result.conflicts
    assert (conflict.kind, conflict.figure) == ("figure", "killed")
    assert conflict.relative_difference == 0.1
    assert conflict.gap_days is None
    assert conflict.label == "killed: 72 vs 80"
    assert [s.accounts for s in conflict.sides] == [(0,), (1,)]  # ~75 agrees with both
    assert conflict.explanation == (
        'a gives killed as 72 ("a bomb killed 72 people"); b gives killed as 80 ("the bomb '
        'killed 80"): 10% apart.'
    )


def test_internal_figure_conflict():
    result = analyse(
        event(
            account("a", "2019", "over 200,000 marched", figures={"marchers": ">200000"}),
            account("a", "2019", "some 150,000 marched", figures={"marchers": 150000}),
        )
    )
    (conflict,) = result.conflicts
    assert (conflict.kind, conflict.figure) == ("internal", "marchers")
    assert conflict.explanation == (
        'a gives marchers as both 150000 ("some 150,000 marched") and >200000 ("over 200,000 '
        'marched"): 25% apart.'
    )


def test_long_quotes_are_shortened_around_the_date():
    filler = "word " * 40
    quote = f"{filler}the group moved to Iraq in 1986 after the war, {filler}"
    result = analyse(event(account("a", "1986", quote), account("b", "1990", "In 1990.")))
    explanation = result.conflicts[0].explanation
    assert '("…the group moved to Iraq in 1986 after the war, word word' in explanation
    assert 'word…")' in explanation
    assert len(explanation) < 200


def test_three_dates_give_a_conflict_per_pair_of_sides():
    result = analyse(event(account("a", "1986"), account("b", "1987"), account("c", "1988")))
    assert [c.label for c in result.conflicts] == ["1986 vs 1987", "1986 vs 1988", "1987 vs 1988"]
    assert [c.gap_days for c in result.conflicts] == [1, 366, 1]
