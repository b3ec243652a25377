"""The schema models, figures, the JSON Schema and the round-trip YAML path."""

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from chronology.load import check, dump_round_trip, load, load_round_trip, save_round_trip
from chronology.model import Account, Event, Figure, Source, json_schema
from chronology.project import read_settings

ROOT = Path(__file__).parent.parent


def test_account_keeps_the_date_as_stated_and_folds_the_modifier():
    account = Account(source="s", date="197X", modifier="early", quote="in the early 1970s")
    assert account.date.edtf == "197X"
    assert account.date.modifier == "early"
    assert account.model_dump(exclude_defaults=True)["date"] == "197X"


def _source(**fields: object) -> Source:
    base = {"id": "s", "document": "s.txt", "title": "T", "outlet": "Outlet", "published": "2020"}
    return Source.model_validate({**base, "stance": "critical", **fields})


def test_a_source_has_one_display_name():
    assert _source().display_name == "Outlet"
    assert (
        _source(authors=["A. Writer", "B. Writer"]).display_name == "Outlet (A. Writer, B. Writer)"
    )
    assert _source(authors=["A. Writer"], name="The Paper").display_name == "The Paper"


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "data:text/html,x", "//evil.test/x", "ftp://x"]
)
def test_a_source_url_is_http_or_https_only(url):
    with pytest.raises(ValidationError, match="url must be an http:// or https:// address"):
        _source(url=url)
    assert _source(url="https://example.org/a").url == "https://example.org/a"


def test_unknown_fields_are_errors():
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        Account(source="s", date="1965", quote="q", qoute="typo")


def test_event_needs_an_account():
    with pytest.raises(ValidationError, match="at least 1 item"):
        Event(id="x", title="X", category="context", accounts=[])


@pytest.mark.parametrize(
    ("value", "low", "high"),
    [
        (75, 75, 75),
        ("~100", 90, 110),
        (">200000", 200001, float("inf")),
        (">=200000", 200000, float("inf")),
        ("<50", 0, 49),
        ("<=50", 0, 50),
        ("100-150", 100, 150),
        ("12,000", 12000, 12000),
    ],
)
def test_figures_are_ranges(value, low, high):
    figure = Figure.parse(value)
    assert (figure.low, figure.high) == pytest.approx((low, high))


def test_loader_locates_quotes_and_lines(mini):
    chronology = load(mini / "events.yaml", mini / "seeds")
    bombing = next(e for e in chronology.events if e.id == "hq-bombing")
    account = bombing.accounts[0]
    text = chronology.texts["article.txt"]
    start, end = account.offsets
    # the quote was typed with straight quotes and a hyphen; the source has curly and a dash
    assert (
        text[start:end]
        == "On June 28, 1981, a bomb destroyed the party’s headquarters — 72 people died"
    )
    assert account.line == 15
    assert bombing.line == 11
    iraq = next(e for e in chronology.events if e.id == "move-to-iraq").accounts[0]
    # the prefix picks the second of two identical sentences
    assert text[: iraq.offsets[0]].endswith("according to the Guardian.\n")


def test_round_trip_keeps_an_untouched_file_byte_identical(mini):
    path = mini / "events.yaml"
    before = path.read_bytes()
    save_round_trip(load_round_trip(path), path)
    assert path.read_bytes() == before


def test_round_trip_keeps_comments_when_a_value_changes(mini):
    path = mini / "events.yaml"
    data = load_round_trip(path)
    data["events"][0]["title"] = "The group is founded (edited)"
    text = dump_round_trip(data)
    assert "# The founding, as the history tells it." in text
    assert "title: The group is founded (edited)" in text
    assert text.splitlines()[0].startswith("# yaml-language-server:")


def test_shipped_events_file_round_trips_byte_identical():
    path = ROOT / "data" / "events.yaml"
    assert dump_round_trip(load_round_trip(path)) == path.read_text(encoding="utf-8")


def test_shipped_data_is_clean():
    chronology, problems = check(ROOT / "data" / "events.yaml", ROOT / "seeds")
    assert [str(p) for p in problems] == []
    assert chronology is not None and len(chronology.events) >= 200


# Floors for the curated coverage of each source: (events, accounts). Raise them as curation
# grows; a drop means accounts were lost, which should never happen silently.
COVERAGE_FLOORS = {
    "villepinte-show": (8, 16),
    "alavi-introduction": (2, 2),
    "ep-defectors-meeting": (3, 6),
    "codepink-press-tv": (32, 41),
    "amad-news-documentary": (23, 28),
    "khodabandeh-bandwagon": (13, 13),
    "parsi-fake-opposition": (7, 8),
    "rajavi-disappearance": (7, 8),
    "parsi-warsaw": (15, 20),
    "iran-front-page-anniversary": (15, 27),
    "ebrahim-khodabandeh-alinejad": (3, 3),
    "mko-at-a-glance": (111, 145),
    "nuisance-or-threat": (70, 90),
}


def test_every_source_keeps_its_curated_coverage():
    chronology = load(ROOT / "data" / "events.yaml", ROOT / "seeds")
    counts = {
        source.id: (
            sum(any(a.source == source.id for a in e.accounts) for e in chronology.events),
            sum(a.source == source.id for e in chronology.events for a in e.accounts),
        )
        for source in chronology.sources
    }
    assert set(counts) == set(COVERAGE_FLOORS)
    short = {
        sid: (got, COVERAGE_FLOORS[sid])
        for sid, got in counts.items()
        if got[0] < COVERAGE_FLOORS[sid][0] or got[1] < COVERAGE_FLOORS[sid][1]
    }
    assert short == {}


def test_shipped_schema_file_is_current(run):
    shipped = json.loads((ROOT / "data" / "events.schema.json").read_text(encoding="utf-8"))
    assert shipped == json_schema(read_settings(ROOT / "chronology.yaml").vocabulary)
    result = run("schema")
    assert json.loads(result.stdout) == shipped


def test_events_file_points_editors_at_the_schema():
    first = (ROOT / "data" / "events.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=events.schema.json"


def test_schema_command_writes_a_file(run, tmp_path):
    out = tmp_path / "schema.json"
    result = run("schema", "-o", out)
    assert result.exit_code == 0
    schema = json.loads(out.read_text(encoding="utf-8"))
    assert schema["required"] == ["events"]
    assert schema["additionalProperties"] is False


def test_python_dash_m_runs_the_cli():
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-m", "chronology", "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.startswith("chronology ")
