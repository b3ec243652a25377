"""A story with French, German and Persian articles: extract, reconcile, export and render.

The fixture (tests/data/multilingual) has one source per language; the German one states no
``language:`` (it is detected), and the Persian accounts state their dates in the Solar Hijri
calendar, as Iranian sources do.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from chronology.export import build, to_csv
from chronology.extract import extract_chronology
from chronology.load import load

DATA = Path(__file__).parent / "data" / "multilingual"


@pytest.fixture
def story(tmp_path: Path) -> Path:
    target = tmp_path / "story"
    shutil.copytree(DATA, target)
    return target


def test_every_article_is_read_in_its_language_with_offsets_into_the_text():
    chronology = load(DATA / "events.yaml", DATA / "seeds")
    mentions = extract_chronology(chronology)
    by_source = {}
    for m in mentions:
        assert chronology.texts[m.doc][m.start : m.end] == m.text
        by_source.setdefault(m.source, []).append((m.text, m.value))
    assert by_source["exil-fr"] == [
        ("juin 1981", "1981-06"),
        ("Deux ans plus tard", "1983"),
        ("1983", "1983"),
        ("17 juin 2003", "2003-06-17"),
    ]
    assert by_source["exil-de"] == [
        ("20. Juni 1981", "1981-06-20"),
        ("1986", "1986"),
        ("Vor drei Jahren", "2018"),
    ]
    assert by_source["tarikh-fa"] == [
        ("۳۰ خرداد ۱۳۶۰", "1981-06-20"),
        ("۱۳۶۵", "1986-03-21/1987-03-20"),
        ("۲۸ ژوئن ۱۹۸۱", "1981-06-28"),
    ]


def test_jalali_accounts_keep_their_wording_and_compare_as_gregorian(run, story):
    result = run(
        "reconcile",
        "--events",
        story / "events.yaml",
        "--seeds",
        story / "seeds",
        "--out-dir",
        story / "reports",
    )
    assert result.exit_code == 0, result.stderr
    assert "suspect accounts: 0 (0 date-mismatch, 0 no-date)" in result.stdout
    model = build(load(story / "events.yaml", story / "seeds"))
    armed = next(e for e in model["events"] if e["id"] == "armed-struggle")
    german, persian = armed["accounts"]
    assert persian["stated"] == {
        "calendar": "jalali",
        "date": "1360-03-30",
        "label": "30 Khordad 1360 SH",
    }
    assert persian["date"] == german["date"] == "1981-06-20"
    assert armed["agreement"] == "same"
    assert persian["translation"].startswith("On 30 Khordad 1360")
    iraq = next(e for e in model["events"] if e["id"] == "move-to-iraq")
    assert iraq["accounts"][1]["earliest"] == "1986-03-21"
    assert iraq["accounts"][1]["latest"] == "1987-03-20"
    # the German article states no language: it is detected, and the export says so
    assert [s["language"] for s in model["sources"]] == ["fr", "de", "fa"]
    assert [s["language_stated"] for s in model["sources"]] == [True, False, True]
    rows = list(csv.DictReader(io.StringIO(to_csv(model))))
    persian_row = next(r for r in rows if r["event_id"] == "armed-struggle" and r["account"] == "1")
    assert persian_row["stated"] == "30 Khordad 1360 SH"
    assert persian_row["date"] == "1981-06-20"
    assert persian_row["language"] == "fa"
    assert persian_row["translation"].startswith("On 30 Khordad 1360")


def test_the_story_renders_with_its_persian_quotes(run, story, tmp_path):
    page = tmp_path / "timeline.html"
    result = run(
        "render", "--events", story / "events.yaml", "--seeds", story / "seeds", "-o", page
    )
    assert result.exit_code == 0, result.stderr
    assert "5 events, 7 accounts" in result.stdout
    html = page.read_text(encoding="utf-8")
    assert json.dumps("سازمان در سال ۱۳۶۵ به عراق منتقل شد")[1:-1] in html or (
        "سازمان در سال ۱۳۶۵ به عراق منتقل شد" in html
    )


def test_a_calendar_date_that_does_not_exist_is_one_located_error(run, story):
    events = story / "events.yaml"
    events.write_text(
        events.read_text(encoding="utf-8").replace('date: "1360-03-30"', 'date: "1402-12-30"'),
        encoding="utf-8",
    )
    result = run("check", "--events", events, "--seeds", story / "seeds")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"{events}:13:15: date: no such jalali date 1402-12-30: Esfand 1402 has 29 days",
        "1 problem found",
    ]


def test_an_unknown_language_is_one_located_error(run, story):
    sources = story / "seeds" / "sources.yaml"
    sources.write_text(
        sources.read_text(encoding="utf-8").replace("language: fa", "language: farsi"),
        encoding="utf-8",
    )
    result = run("check", "--events", story / "events.yaml", "--seeds", story / "seeds")
    assert result.exit_code == 1
    assert (
        f"{sources}:23:15: language: unknown language 'farsi': use an ISO 639-1 code such as "
        "en, fr, de, es, ar or fa"
    ) in result.stderr.splitlines()
