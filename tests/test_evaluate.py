"""The TempEval-3 scorer on a tiny hand-made TimeML file with known answers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from chronology.errors import ChronologyError
from chronology.evaluate import Scores, evaluate, format_report, match, read_timeml
from chronology.extract import extract_text

TIMEML = Path(__file__).parent / "data" / "timeml"
EMBASSY = TIMEML / "embassy.tml"


def test_read_timeml_strips_tags_decodes_entities_and_skips_the_dct() -> None:
    doc = read_timeml(EMBASSY)
    assert doc.dct == dt.date(1998, 8, 7)
    assert doc.text.startswith("\nThe bomb exploded Friday at the embassy. Last year was calm & q")
    assert "<" not in doc.text and "&amp;" not in doc.text
    assert [(t.text, t.type, t.value) for t in doc.timexes] == [
        ("Friday", "DATE", "1998-08-07"),
        ("Last year", "DATE", "1997"),
        ("two days", "DURATION", "P2D"),
        ("on Thursday", "DATE", "1998-08-06"),
        ("a while back", "DATE", "PAST_REF"),
        ("the 1990s", "DATE", "199"),
    ]
    for t in doc.timexes:
        assert doc.text[t.start : t.end] == t.text


def test_scores_by_type_group() -> None:
    # gold DATE: Friday, Last year, on Thursday, a while back, the 1990s; the system finds
    # Friday, Last year, Thursday (relaxed only), 1990 (spurious), the 1990s (199X: wrong value)
    report = evaluate([EMBASSY])
    dates = report.scores["date-time"]
    assert (dates.gold, dates.system, dates.strict, dates.relaxed, dates.value) == (5, 5, 3, 4, 3)
    assert dates.relaxed_prf == pytest.approx((0.8, 0.8, 0.8))
    assert dates.value_accuracy == pytest.approx(0.75)
    assert dates.value_f1 == pytest.approx(0.6)
    every = report.scores["all"]
    assert (every.gold, every.system, every.strict, every.relaxed, every.value) == (6, 6, 4, 5, 4)
    kinds = sorted((e.kind, e.text) for e in report.errors["date-time"])
    assert kinds == [("missed", "a while back"), ("spurious", "1990"), ("value", "the 1990s")]


def test_relaxed_matching_pairs_one_to_one() -> None:
    doc = read_timeml(EMBASSY)
    mentions = extract_text(doc.text, doc.dct)
    pairs = match(list(doc.timexes), mentions)
    assert len({i for i, _ in pairs}) == len({j for _, j in pairs}) == len(pairs) == 5


def test_empty_scores_are_zero_not_errors() -> None:
    assert Scores().relaxed_prf == (0.0, 0.0, 0.0)
    assert Scores().value_f1 == 0.0


def test_format_report_is_a_table() -> None:
    table = format_report(evaluate([TIMEML / "embassy.tml"]), ["date-time"])
    lines = table.splitlines()
    assert lines[0] == "1 documents"
    assert lines[1].split()[:3] == ["types", "gold", "sys"]
    assert lines[2].split() == [
        "date-time", "5", "5", "0.600", "0.600", "0.600", "0.800", "0.800", "0.800", "0.750",
        "0.600",
    ]  # fmt: skip


def test_cli_evaluate(run) -> None:
    result = run("evaluate", EMBASSY, "--types", "all")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[2].split()[:3] == ["all", "6", "6"]
    assert "date-time" not in result.stdout
    errors = run("evaluate", EMBASSY, "--errors")
    assert "missed\t'a while back'" in errors.stdout


def test_cli_evaluate_bad_input(run, tmp_path: Path) -> None:
    missing = run("evaluate", tmp_path / "nope")
    assert missing.exit_code == 1
    assert missing.stderr.strip() == f"{tmp_path / 'nope'}: no such file or folder"
    bad_type = run("evaluate", EMBASSY, "--types", "dates")
    assert bad_type.exit_code == 2  # a usage mistake, as for every command
    assert bad_type.stderr.strip() == "Error: --types must be one of date-time, all, not 'dates'"
    not_timeml = run("evaluate", TIMEML / "notimeml.tml")
    assert not_timeml.exit_code == 1
    assert "no <TEXT> element: not a TimeML file" in not_timeml.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run("evaluate", empty).stderr.strip() == f"Error: no TimeML (.tml) files in {empty}"


def test_missing_gold_file_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(ChronologyError):
        read_timeml(tmp_path / "absent.tml")
