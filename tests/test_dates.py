"""The date model: bounds for every precision, modifiers, qualifiers and refused forms."""

import datetime as dt
import re
from pathlib import Path

import pytest

from chronology.dates import OPEN_END, OPEN_START, DateError, DateValue, narrow, timex_to_edtf

D = dt.date


@pytest.mark.parametrize(
    ("text", "earliest", "latest", "precision"),
    [
        ("1981-06-28", D(1981, 6, 28), D(1981, 6, 28), "day"),
        ("1981-06", D(1981, 6, 1), D(1981, 6, 30), "month"),
        ("1980-02", D(1980, 2, 1), D(1980, 2, 29), "month"),
        ("1965", D(1965, 1, 1), D(1965, 12, 31), "year"),
        ("196X", D(1960, 1, 1), D(1969, 12, 31), "decade"),
        ("19XX", D(1900, 1, 1), D(1999, 12, 31), "century"),
        ("1981-21", D(1981, 3, 1), D(1981, 5, 31), "season"),
        ("1981-22", D(1981, 6, 1), D(1981, 8, 31), "season"),
        ("1981-23", D(1981, 9, 1), D(1981, 11, 30), "season"),
        # winter runs into the next year (the edtf package says December only)
        ("1983-24", D(1983, 12, 1), D(1984, 2, 29), "season"),
        ("1960/1963", D(1960, 1, 1), D(1963, 12, 31), "interval"),
        ("1981-06/1981-07", D(1981, 6, 1), D(1981, 7, 31), "interval"),
        ("../2020-07", OPEN_START, D(2020, 7, 31), "interval"),
        ("2016/..", D(2016, 1, 1), OPEN_END, "interval"),
        ("[1986,1987]", D(1986, 1, 1), D(1987, 12, 31), "one-of"),
        ("[1986..1988]", D(1986, 1, 1), D(1988, 12, 31), "one-of"),
        ("2013~", D(2013, 1, 1), D(2013, 12, 31), "year"),
        ("2016?", D(2016, 1, 1), D(2016, 12, 31), "year"),
    ],
)
def test_bounds(text, earliest, latest, precision):
    value = DateValue.parse(text)
    assert (value.earliest, value.latest, value.precision) == (earliest, latest, precision)
    assert value.edtf == text
    if ".." not in text:  # the reference parser raises TypeError on open ends
        import edtf

        edtf.parse_edtf(text)  # every form we accept is EDTF by the reference parser too


def test_qualifiers_keep_stated_bounds_and_widen_soft_bounds_by_one_unit():
    year = DateValue.parse("2013~")
    assert year.approximate and not year.uncertain
    assert year.soft == (D(2012, 1, 1), D(2014, 12, 31))
    month = DateValue.parse("2013-04?")
    assert month.uncertain and not month.approximate
    # one month each side, not the edtf package's year-and-a-month padding
    assert month.soft == (D(2013, 3, 1), D(2013, 5, 31))
    day = DateValue.parse("1981-06-28%")
    assert day.approximate and day.uncertain
    assert day.soft == (D(1981, 6, 27), D(1981, 6, 29))
    assert DateValue.parse("2013").soft == (D(2013, 1, 1), D(2013, 12, 31))


def test_modifier_narrows_the_comparison_range_but_not_the_stated_date():
    early = DateValue.parse("197X", "early")
    assert (early.earliest, early.latest) == (D(1970, 1, 1), D(1979, 12, 31))
    assert early.core == (D(1970, 1, 1), D(1973, 5, 1))
    assert DateValue.parse("2013", "mid").core == (D(2013, 5, 2), D(2013, 9, 1))
    assert DateValue.parse("2017", "late").core == (D(2017, 9, 2), D(2017, 12, 31))
    assert DateValue.parse("2017").core == (D(2017, 1, 1), D(2017, 12, 31))
    assert str(early) == "197X (early)"
    assert early.describe() == "early 1970s"
    assert early.timex_mod == "START"


def test_open_intervals_are_not_narrowed():
    assert narrow(OPEN_START, D(2020, 7, 31), "early") == (OPEN_START, D(2020, 7, 31))


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("1981-06-28", "28 June 1981"),
        ("1981-06", "June 1981"),
        ("196X", "1960s"),
        ("19XX", "20th century"),
        ("20XX", "21st century"),
        ("11XX", "12th century"),
        ("1981-22", "summer 1981"),
        ("1981-24", "winter 1981–82"),
        ("1999-24", "winter 1999–2000"),
        ("0800", "800"),
        ("2013~", "about 2013"),
        ("2016?", "possibly 2016"),
        ("2004%", "possibly about 2004"),
        ("[1986,1987]", "1986 or 1987"),
        ("[1986,1987,1988]", "1986, 1987 or 1988"),
        ("[1986..1988]", "1986 to 1988"),
        ("[2019-02-20,2019-02-27]", "20 or 27 February 2019"),
        ("../1979", "1979 or earlier"),
        ("../2020-07", "July 2020 or earlier"),
        ("1979/..", "1979 or later"),
        ("2009/2013", "2009 to 2013"),
        ("2019-02/2019-03", "February to March 2019"),
        ("2019-02-11/2019-02", "11 to 28 February 2019"),
        ("2019-02-11/2019-02-18", "11 to 18 February 2019"),
        ("2019-02-11/2019-03", "11 February 2019 to March 2019"),
        ("1960~/1963", "about 1960 to 1963"),
        ("../..", "date unknown"),
    ],
)
def test_describe(text, words):
    assert DateValue.parse(text).describe() == words


@pytest.mark.parametrize(
    ("text", "modifier", "words"),
    [
        ("195X", "late", "late 1950s"),
        ("2017", "mid", "mid 2017"),
        ("197X~", "early", "about early 1970s"),
    ],
)
def test_describe_with_a_modifier(text, modifier, words):
    assert DateValue.parse(text, modifier).describe() == words


ROOT = Path(__file__).resolve().parent.parent
NOTATION = re.compile(r"[~?%X\[\]/]|\.\.|\d{4}-\d")
SHIPPED_DATES = sorted(
    set(re.findall(r'^\s+date: "([^"]+)"', (ROOT / "data/events.yaml").read_text(), re.MULTILINE))
)


@pytest.mark.parametrize("text", ["1984-06?", "198X%", "[1986,1987~]", "../..", *SHIPPED_DATES])
def test_words_never_show_edtf_notation(text):
    """Readers never see ~ ? % X .. / brackets or ISO dates, whatever the form."""
    assert not NOTATION.search(DateValue.parse(text).describe())


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1981-02-30", "invalid date '1981-02-30': February 1981 has no day 30"),
        # the edtf package accepts this one
        ("1981-02-29", "invalid date '1981-02-29': February 1981 has no day 29"),
        (
            "19811",
            "invalid EDTF date '19811': expected a form such as 1981-06-28, 1981-06, "
            "1981, 198X, 19XX or 1981-21",
        ),
        (
            "1981-13",
            "invalid date '1981-13': month 13 does not exist (seasons are 21 spring, "
            "22 summer, 23 autumn, 24 winter)",
        ),
        ("1985/1980", "invalid interval '1985/1980': it ends before it starts"),
        (
            "2013-04-12T10:00",
            "times of day are not supported in '2013-04-12T10:00': give the day only",
        ),
        (
            1986,
            'date must be a quoted EDTF string: write "1986" in quotes (YAML read it as a number)',
        ),
        (
            D(2013, 4, 12),
            'date must be a quoted EDTF string: write "2013-04-12" in quotes '
            "(YAML read it as a calendar date)",
        ),
        (" 1986", "invalid date ' 1986': remove the surrounding spaces"),
    ],
)
def test_invalid_dates_have_fix_it_messages(value, message):
    with pytest.raises(DateError) as exc:
        DateValue.parse(value)
    assert str(exc.value) == message


@pytest.mark.parametrize("text", ["{1986,1987}", "1981-25", "-0100", "Y170000002", "1984?-06"])
def test_refused_forms(text):
    with pytest.raises(DateError):
        DateValue.parse(text)


def test_unknown_modifier_is_refused():
    with pytest.raises(DateError, match="modifier must be one of early, mid, late"):
        DateValue.parse("1981", "beginning")


@pytest.mark.parametrize(
    ("timex", "mod", "edtf", "modifier"),
    [
        ("1998-08-07T14:00", None, "1998-08-07", None),
        ("199X", None, "199X", None),
        ("197", "START", "197X", "early"),
        ("19", None, "19XX", None),
        ("1981-SU", None, "1981-22", None),
        ("1981-Q1", None, "1981-01/1981-03", None),
        ("2013", "MID", "2013", "mid"),
        ("2013", "APPROX", "2013~", None),
        ("1979", "BEFORE", "../1979", None),
    ],
)
def test_from_timex(timex, mod, edtf, modifier):
    value = DateValue.from_timex(timex, mod)
    assert value is not None
    assert (value.edtf, value.modifier) == (edtf, modifier)


@pytest.mark.parametrize("timex", ["PRESENT_REF", "PAST_REF", "P3D", "XXXX-06-06", "1998-W60"])
def test_from_timex_none_for_non_dates(timex):
    assert DateValue.from_timex(timex) is None


def test_week_maps_to_its_days():
    assert timex_to_edtf("1998-W32") == "1998-08-03/1998-08-09"


def test_every_shipped_date_is_edtf_by_the_reference_parser():
    """Our grammar is the one we run; the ``edtf`` package checks it stays a subset of EDTF."""
    import edtf

    from chronology.load import load_round_trip

    root = Path(__file__).resolve().parent.parent
    values = {
        str(account["date"])
        for event in load_round_trip(root / "data" / "events.yaml")["events"]
        for account in event["accounts"]
    }
    values |= {
        str(s["published"]) for s in load_round_trip(root / "seeds" / "sources.yaml")["sources"]
    }
    for value in sorted(values):
        DateValue.parse(value)
        if ".." not in value:  # edtf raises TypeError on open ends
            edtf.parse_edtf(value)
