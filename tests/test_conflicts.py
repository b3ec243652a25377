"""Conflict detection on hand-built accounts: every relation, every kind, sides and origins."""

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chronology.conflicts import (
    Gap,
    analyse,
    compare_dates,
    compare_figures,
    figure_words,
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
        'a dates it 1986 ("It happened in 1986."); b dates it about 1987 ("It happened '
        'in 1987~."): 1 year apart; they agree only if "about 1987" means as early as 1986.'
    )


def test_a_loose_date_on_the_earlier_side_stretches_later():
    result = analyse(event(account("a", "1981-06~"), account("b", "1981-07-02")))
    assert result.conflicts[0].explanation.endswith(
        ': at least 2 days apart; they agree only if "about June 1981" means as late as July 1981.'
    )


def test_two_loose_dates_both_stretch():
    result = analyse(event(account("a", "1986~"), account("b", "1988?")))
    assert result.conflicts[0].explanation.endswith(
        ': 2 years apart; they agree only if "about 1986" means as late as 1987 and '
        '"possibly 1988" means as early as 1987.'
    )


def test_an_early_mid_or_late_date_is_read_as_its_whole_span_in_plain_words():
    result = analyse(
        event(
            account("a", "196X", "founded in the early 1960s", modifier="early"),
            account("b", "1965", "founded in 1965"),
        )
    )
    (conflict,) = result.conflicts
    assert conflict.relation == "possible-conflict"
    assert conflict.explanation == (
        'a dates it early 1960s ("founded in the early 1960s"); b dates it 1965 ("founded in '
        '1965"): at least 20 months apart; they agree only if "early 1960s" means any time in '
        "the 1960s."
    )
    late = analyse(event(account("a", "1986", modifier="late"), account("b", "1986-02")))
    assert late.conflicts[0].explanation.endswith(
        'they agree only if "late 1986" means any time in 1986.'
    )


def test_sentences_name_sources_as_readers_see_them_and_keep_ids_for_tools():
    names = {"press-tv": "Press TV", "glance": "Atalayar.com (Luis Illanas García)"}
    result = analyse(
        event(
            account("press-tv", "1986", "The group fled to Iraq in 1986"),
            account("glance", "1987", "The whole organisation is moved to Iraq in 1987"),
            account("glance", "1986", "Since 1986 it has been in Iraq"),
        ),
        names,
    )
    date, internal = result.conflicts
    assert date.explanation == (
        'Press TV and Atalayar.com (Luis Illanas García) date it 1986 ("The group fled to Iraq '
        'in 1986"; "Since 1986 it has been in Iraq"); Atalayar.com (Luis Illanas García) dates '
        'it 1987 ("The whole organisation is moved to Iraq in 1987"): 1 year apart.'
    )
    assert internal.explanation == (
        'Atalayar.com (Luis Illanas García) dates it both 1986 ("Since 1986 it has been in '
        'Iraq") and 1987 ("The whole organisation is moved to Iraq in 1987"): 1 year apart.'
    )
    earlier, later = date.sides
    assert (earlier.source_ids, earlier.source_names) == (
        ("press-tv", "glance"),
        ("Press TV", "Atalayar.com (Luis Illanas García)"),
    )
    assert (later.source_ids, later.labels) == (("glance",), ("1987",))


@pytest.mark.parametrize(
    ("first", "second", "gap", "days", "words"),
    [
        ("1986", "1987", Gap(1, "years", False), 1, "1 year"),
        ("1986", "1990", Gap(4, "years", False), 1097, "4 years"),
        ("1981-06", "1981-07", Gap(1, "months", False), 1, "1 month"),
        ("1981-11", "1982-02", Gap(3, "months", False), 63, "3 months"),
        ("1981-06-28", "1981-08-30", Gap(63, "days", False), 63, "63 days"),
        ("2010", "2012-09", Gap(20, "months", True), 610, "at least 20 months"),
        ("1986-12", "1987", Gap(1, "days", True), 1, "at least 1 day"),
        ("196X", "198X", Gap(10, "years", True), 3653, "at least 10 years"),
    ],
)
def test_the_gap_is_stated_at_the_sources_precision(first, second, gap, days, words):
    (conflict,) = analyse(event(account("a", first), account("b", second))).conflicts
    assert (conflict.gap, conflict.gap_days, conflict.gap_words) == (gap, days, words)
    assert conflict.explanation.endswith(f": {words} apart.")


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
    assert conflict.label == "marchers: 150,000 vs more than 200,000"
    assert conflict.explanation == (
        'a gives marchers as both 150,000 ("some 150,000 marched") and more than 200,000 ("over '
        '200,000 marched"): 25% apart.'
    )
    assert conflict.gap_words == "25%"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (72, "72"),
        ("~75", "about 75"),
        (">200000", "more than 200,000"),
        (">=14", "at least 14"),
        ("<50", "fewer than 50"),
        ("<=50", "at most 50"),
        ("100-1500", "100 to 1,500"),
        ("3,400", "3,400"),
    ],
)
def test_figures_in_words(text, words):
    assert figure_words(Figure.parse(text)) == words


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


def test_a_side_member_that_agrees_with_the_other_side_is_left_out_of_that_dispute():
    result = analyse(
        event(
            account("a", "../2012-09", "by September 2012"),
            account("a", "2010", "in 2010"),
            account("b", "2012-09", "in September 2012"),
            account("c", "2013/2016", "between 2013 and 2016"),
        )
    )
    disputes = [(c.kind, c.label, [s.accounts for s in c.sides]) for c in result.conflicts]
    assert disputes == [
        ("date", "2010 vs September 2012", [(1,), (2,)]),
        ("date", "September 2012 or earlier / 2010 vs 2013 to 2016", [(0, 1), (3,)]),
        ("date", "September 2012 vs 2013 to 2016", [(2,), (3,)]),
    ]


def test_every_pair_is_compared_and_the_more_precise_named():
    result = analyse(
        event(
            account("a", "198X", figures={"killed": 10}),
            account("b", "1986-06", figures={"killed": 12}),
            account("c", "1987"),
        )
    )
    pairs = [
        (p.first, p.second, p.figure, p.relation, p.more_precise, p.gap_days, p.relative_difference)
        for p in result.pairs
    ]
    assert pairs == [
        (0, 1, None, "compatible", 1, None, None),
        (0, 2, None, "compatible", 2, None, None),
        (1, 2, None, "conflict", 1, 185, None),
        (0, 1, "killed", "conflict", None, None, 0.1667),
    ]


# --- properties over random dates -------------------------------------------------------------

DATES = [
    *(f"{y}" for y in range(1984, 1990)),
    "1986-06",
    "1986-07",
    "1987-01-15",
    "198X",
    "1987~",
    "1985?",
    "1985/1987",
    "[1986,1988]",
    "../1986",
    "1987/..",
]
MIRROR = {None: None, 0: 1, 1: 0}


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(DATES), st.sampled_from(DATES), st.sampled_from([None, "early", "late"]))
def test_comparison_is_symmetric(a, b, modifier):
    first, second = d(a, modifier), d(b)
    there, back = compare_dates(first, second), compare_dates(second, first)
    assert (there.relation, there.gap_days) == (back.relation, back.gap_days)
    assert there.more_precise == MIRROR[back.more_precise]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("abc"), st.sampled_from(DATES)), min_size=1, max_size=6))
def test_sides_never_hold_a_disagreement_and_every_conflict_is_real(items):
    accounts = [account(source, date) for source, date in items]
    result = analyse(event(*accounts))
    for conflict in result.conflicts:
        first, second = conflict.sides
        for side in (first, second):
            for x in side.accounts:
                for y in side.accounts:
                    relation = compare_dates(accounts[x].date, accounts[y].date).relation
                    assert relation not in ("conflict", "possible-conflict")
        relations = {
            compare_dates(accounts[x].date, accounts[y].date).relation
            for x in first.accounts
            for y in second.accounts
        }
        assert conflict.relation in relations
        assert conflict.gap_days is not None and conflict.gap_days >= 1
    worst_is_disagreement = result.agreement in ("conflict", "possible-conflict")
    assert worst_is_disagreement == bool(result.conflicts)


def test_a_crowded_side_quotes_three_and_counts_the_rest():
    result = analyse(
        event(
            *(account(f"s{n}", "1986", f"Quote {n} says 1986") for n in range(5)),
            account("t", "1987", "It was 1987"),
        )
    )
    assert result.conflicts[0].explanation == (
        's0, s1, s2, s3 and s4 date it 1986 ("Quote 0 says 1986"; "Quote 1 says 1986"; "Quote 2 '
        'says 1986"; and 2 more quotes); t dates it 1987 ("It was 1987"): 1 year apart.'
    )


NOTATION = re.compile(r"[~?%X\[\]]|\.\.|\d{4}-\d|\d/\d")


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("abc"), st.sampled_from(DATES)), min_size=2, max_size=5))
def test_reader_text_has_names_and_words_never_ids_or_edtf(items):
    names = {"a": "The Daily", "b": "Weekly News (Jo Bloggs)", "c": "Radio One"}
    accounts = [account(source, date, "It happened then.") for source, date in items]
    for conflict in analyse(event(*accounts), names).conflicts:
        for text in (conflict.explanation, conflict.label, *(s.label for s in conflict.sides)):
            assert not NOTATION.search(text), text
        words = conflict.explanation.replace("It happened then.", "")
        assert not re.search(r"\b[abc]\b", words), words
        assert conflict.explanation.endswith(f": {conflict.gap_words} apart.") or (
            f": {conflict.gap_words} apart; they agree only if " in conflict.explanation
        )
