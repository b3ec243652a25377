"""`chronology check`: every kind of problem is reported with its exact line and message."""

import textwrap
from pathlib import Path

import pytest

from chronology.load import check
from chronology.project import read_settings

GOOD_ACCOUNT = """\
              - source: history
                date: "1965"
                quote: "The group was founded in 1965"
"""


def write(mini: Path, body: str) -> Path:
    path = mini / "events.yaml"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


# the shipped example's categories and stances, declared in the repository's chronology.yaml
EXAMPLE = read_settings(Path(__file__).parent.parent / "chronology.yaml").vocabulary


def problems_of(mini: Path, body: str) -> list[str]:
    path = write(mini, body)
    _, problems = check(path, mini / "seeds", vocabulary=EXAMPLE)
    return [f"{p.line}:{p.col}: {p.message}" for p in problems]


def test_shipped_mini_fixture_is_clean(run, mini):
    result = run("check", "--events", mini / "events.yaml", "--seeds", mini / "seeds")
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("4 events, 4 accounts from 3 sources: no problems\n")


def test_cli_reports_each_problem_as_path_line_col(run, mini):
    path = write(
        mini,
        """\
        events:
          - id: founded
            title: The group is founded
            category: organisation
            accounts:
              - source: history
                date: 1965
                quote: "The group was founded in 1965"
        """,
    )
    result = run("check", "--events", path, "--seeds", mini / "seeds")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f'{path}:7:15: date: date must be a quoted EDTF string: write "1965" in quotes '
        "(YAML read it as a number)",
        "1 problem found",
    ]
    assert "Traceback" not in result.output


CASES = [
    (
        "yaml syntax",
        """\
        events:
          - id: x
            title: [unclosed
        """,
        "4:1: YAML syntax error: while parsing a flow sequence expected ',' or ']', but got "
        "'<stream end>'",
    ),
    (
        "unknown field with a suggestion",
        """\
        events:
          - id: founded
            titel: The group is founded
            category: organisation
            accounts:
"""
        + GOOD_ACCOUNT,
        "3:5: unknown field 'titel' (did you mean 'title'?); allowed: id, title, category, "
        "summary, accounts, note",
    ),
    (
        "missing field",
        """\
        events:
          - id: founded
            category: organisation
            accounts:
"""
        + GOOD_ACCOUNT,
        "2:5: missing field 'title'",
    ),
    (
        "unknown account field",
        """\
        events:
          - id: founded
            title: Founded
            category: organisation
            accounts:
              - source: history
                date: "1965"
                qoute: "The group was founded in 1965"
        """,
        "8:9: unknown field 'qoute' (did you mean 'quote'?); allowed: source, calendar, date, "
        "modifier, quote, prefix, cited, figures, note, translation",
    ),
    (
        "duplicate id",
        """\
        events:
          - id: founded
            title: Founded
            category: organisation
            accounts:
"""
        + GOOD_ACCOUNT
        + """\
          - id: founded
            title: Founded again
            category: organisation
            accounts:
"""
        + GOOD_ACCOUNT,
        "9:9: duplicate event id 'founded' (first at line 2)",
    ),
    (
        "unknown source",
        """\
        events:
          - id: founded
            title: Founded
            category: organisation
            accounts:
              - source: histroy
                date: "1965"
                quote: "The group was founded in 1965"
        """,
        "6:17: unknown source 'histroy' (did you mean 'history'?)",
    ),
    (
        "impossible day",
        """\
        events:
          - id: founded
            title: Founded
            category: organisation
            accounts:
              - source: history
                date: "1981-02-30"
                quote: "The group was founded in 1965"
        """,
        "7:15: date: invalid date '1981-02-30': February 1981 has no day 30",
    ),
    (
        "malformed date",
        """\
        events:
          - id: founded
            title: Founded
            category: organisation
            accounts:
              - source: history
                date: "19811"
                quote: "The group was founded in 1965"
        """,
        "7:15: date: invalid EDTF date '19811': expected a form such as 1981-06-28, 1981-06, "
        "1981, 198X, 19XX or 1981-21",
    ),
    (
        "unquoted calendar date",
        """\
        events:
          - id: founded
            title: Founded
            category: organisation
            accounts:
              - source: history
                date: 2013-04-12
                quote: "The group was founded in 1965"
        """,
        '7:15: date: date must be a quoted EDTF string: write "2013-04-12" in quotes (YAML '
        "read it as a calendar date)",
    ),
    (
        "quote not in source, with the closest passage",
        """\
        events:
          - id: founded
            title: Founded
            category: organisation
            accounts:
              - source: history
                date: "1965"
                quote: "The group was created in 1965 by students"
        """,
        "8:16: quote not found in article.txt (source 'history'), even after folding "
        "whitespace, curly/straight quotes and dashes; closest passage (88% similar) at line "
        '1: "The group was founded in 1965 by students"',
    ),
    (
        "quote outside the source's span",
        """\
        events:
          - id: albania
            title: Albania
            category: relocation
            accounts:
              - source: first
                date: "2013"
                quote: "The group went to Albania in 2013."
        """,
        "8:16: quote is in compilation.txt at line 2 but outside the span of source 'first' "
        "[0, 51]; it is in source 'second'",
    ),
    (
        "prefix that matches no occurrence",
        """\
        events:
          - id: iraq
            title: Iraq
            category: relocation
            accounts:
              - source: history
                date: "1986"
                quote: "The group moved to Iraq in 1986"
                prefix: "nothing like this"
        """,
        "9:17: no occurrence of the quote in article.txt follows this prefix",
    ),
    (
        "bad category",
        """\
        events:
          - id: founded
            title: Founded
            category: history
            accounts:
"""
        + GOOD_ACCOUNT,
        "4:15: category: 'history' is not allowed; use one of 'organisation', 'armed-action', "
        "'crackdown', 'relocation', 'designation', 'politics', 'legal' or 'context'",
    ),
    (
        "bad figure",
        """\
        events:
          - id: founded
            title: Founded
            category: organisation
            accounts:
              - source: history
                date: "1965"
                quote: "The group was founded in 1965"
                figures: {founders: about three}
        """,
        '9:29: founders: invalid figure \'about three\': write 75, "~75", ">75", ">=75", '
        '"<75", "<=75" or "70-80"',
    ),
    (
        "alias",
        """\
        events:
          - &first
            id: founded
          - *first
        """,
        "2:5: YAML anchor &first is not allowed: write the value out",
    ),
    (
        "python tag",
        """\
        events:
          - !!python/object/apply:os.system ["echo hacked"]
        """,
        "2:5: YAML tag tag:yaml.org,2002:python/object/apply:os.system is not allowed: use "
        "plain strings, numbers and lists",
    ),
    (
        "wrong top level",
        """\
        - id: founded
        """,
        "1:1: expected a mapping with a top-level 'events:' list",
    ),
]


@pytest.mark.parametrize(("body", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_problem_is_reported_with_its_line(mini, body, expected):
    assert expected in problems_of(mini, body)


def test_all_problems_are_reported_in_one_run(mini):
    body = """\
    events:
      - id: founded
        title: Founded
        category: organisation
        accounts:
          - source: histroy
            date: 1965
            quote: "nothing"
      - id: founded
        title: Again
        category: organisaton
        accounts:
          - source: history
            date: "1981-02-30"
            quote: "The group was founded in 1965"
    """
    found = problems_of(mini, body)
    assert [f.split(":")[0] for f in found] == ["6", "7", "9", "11", "14"]


def test_alias_bomb_is_refused_without_expanding(mini):
    lines = ["events:", '  - &a ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 30):
        lines.append(f"  - &a{i} [*a, *a, *a, *a, *a, *a, *a, *a, *a]")
    found = problems_of(mini, "\n".join(lines) + "\n")
    assert found[0] == "2:5: YAML anchor &a is not allowed: write the value out"


def test_missing_events_file(run, mini):
    result = run("check", "--events", mini / "nope.yaml", "--seeds", mini / "seeds")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == f"{mini / 'nope.yaml'}: no such file"


def test_not_utf8_events_file(run, mini):
    path = mini / "events.yaml"
    path.write_bytes(b"events:\n  - id: caf\xe9\n")
    result = run("check", "--events", path, "--seeds", mini / "seeds")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (f"{path}:2: not UTF-8 text (byte 0xe9 at offset 19)")


def test_sources_problems_are_reported(mini):
    sources = mini / "seeds" / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    sources.write_text(
        text.replace("document: article.txt", "document: missing.txt").replace(
            "span: [51, 102]", "span: [51, 9999]"
        ),
        encoding="utf-8",
    )
    _, problems = check(mini / "events.yaml", mini / "seeds")
    messages = [
        f"{p.line}:{p.col}: {p.message}" for p in problems if p.path.endswith("sources.yaml")
    ]
    assert messages == [
        f"3:15: document {mini / 'seeds' / 'missing.txt'}: no such file",
        "23:5: span [51, 9999] runs past the end of compilation.txt (102 characters)",
    ]


def test_usage_error_exits_2(run):
    result = run("check", "--no-such-option")
    assert result.exit_code == 2
    assert "No such option: --no-such-option" in result.output
