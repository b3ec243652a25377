"""The export model (docs/export-schema.md) and the `chronology export` command."""

import csv
import io
import json
from pathlib import Path

from chronology import __version__
from chronology.export import CSV_COLUMNS, build, dumps, to_csv, to_timelinejs
from chronology.load import load
from chronology.project import read_settings

ROOT = Path(__file__).parent.parent

DISPUTED = """\
events:
  - id: move-to-iraq
    title: The group moves to Iraq
    category: relocation
    accounts:
      - source: history
        date: "1986"
        quote: "The group moved to Iraq in 1986"
        cited: the Guardian
      - source: history
        date: "1986"
        quote: "The group moved to Iraq in 1986"
        prefix: "the Guardian."
        cited: BBC (radio)
      - source: second
        date: "2013"
        quote: "The group went to Albania in 2013."
        cited: bbc
  - id: hq-bombing
    title: Bombing of the party headquarters
    category: armed-action
    accounts:
      - source: history
        date: "1981-06-28"
        quote: "On June 28, 1981, a bomb destroyed the party's headquarters - 72 people died"
        figures:
          killed: 72
          present: ">200000"
      - source: first
        date: "../1986"
        quote: "In 2012 the group left the US list."
        figures:
          killed: "~100"
"""


def model_of(mini: Path, body: str | None = None) -> dict:
    if body is not None:
        (mini / "events.yaml").write_text(body, encoding="utf-8")
    return build(load(mini / "events.yaml", mini / "seeds", vocabulary=VOCABULARY))


VOCABULARY = read_settings(ROOT / "chronology.yaml").vocabulary


def test_top_level_inputs_categories_and_sources(mini):
    model = model_of(mini)
    assert model["schema_version"] == 2
    assert model["generator"] == {"name": "chronology", "version": __version__}
    # named relative to the project, never by the editor's own folders (mini is absolute)
    assert model["inputs"]["events"] == "events.yaml"
    assert model["inputs"]["seeds"] == "seeds"
    assert len(model["inputs"]["sha256"]) == 64
    assert model["categories"][0] == {
        "id": "organisation",
        "label": "Organisation",
        "description": "founding, leadership, ideology, internal life",
        "colour": None,
    }
    assert [c["id"] for c in model["categories"]] == list(VOCABULARY.category_ids)
    assert [s["id"] for s in model["sources"]] == ["history", "first", "second"]
    assert model["sources"][0] == {
        "id": "history",
        "name": "Example Weekly (Jane Doe)",
        "url": None,
        "document": "article.txt",
        "title": "A short history",
        "authors": ["Jane Doe"],
        "outlet": "Example Weekly",
        "published": "2019-03-07",
        "published_label": "7 March 2019",
        "stance": "critical",
        "span": None,
        "language": "en",
        "language_stated": False,
    }
    assert model["sources"][1]["span"] == [0, 51]


def test_events_sorted_and_accounts_complete(mini):
    model = model_of(mini)
    order = ["founded", "hq-bombing", "move-to-iraq", "albania"]
    assert [e["id"] for e in model["events"]] == order
    bombing = model["events"][1]
    assert {k: bombing[k] for k in ("line", "earliest", "latest", "agreement", "most_precise")} == {
        "line": 11,
        "earliest": "1981-06-28",
        "latest": "1981-06-28",
        "agreement": "single",
        "most_precise": [0],
    }
    (account,) = bombing["accounts"]
    text = (mini / "seeds" / "article.txt").read_text(encoding="utf-8")
    assert text[account["start"] : account["end"]].startswith("On June 28, 1981, a bomb")
    assert account == {
        "id": "hq-bombing/1",
        "source": "history",
        "document": "article.txt",
        "date": "1981-06-28",
        "modifier": None,
        "label": "28 June 1981",
        "precision": "day",
        "soft": False,
        "earliest": "1981-06-28",
        "latest": "1981-06-28",
        "open_start": False,
        "open_end": False,
        "core_earliest": "1981-06-28",
        "core_latest": "1981-06-28",
        "quote": "On June 28, 1981, a bomb destroyed the party's headquarters - 72 people died",
        "prefix": None,
        "cited": "officials",
        "note": None,
        "line": 15,
        "start": 64,
        "end": 140,
        "figures": {"killed": {"text": "72", "label": "72", "low": 72.0, "high": 72.0}},
        "stated": None,
        "translation": None,
    }
    assert model["summary"] == {
        "events": 4,
        "accounts": 4,
        "sources": 3,
        "events_in_conflict": 0,
        "conflicts": {"date": 0, "figure": 0, "internal": 0},
        "strengths": {"conflict": 0, "possible": 0},
        "agreement": {
            "single": 4,
            "same": 0,
            "compatible": 0,
            "overlapping": 0,
            "possible-conflict": 0,
            "conflict": 0,
        },
    }


def test_conflicts_sides_and_open_or_unbounded_values(mini):
    model = model_of(mini, DISPUTED)
    bombing, move = model["events"]  # the open-ended "../1986" account sorts first
    assert bombing["earliest"] is None and bombing["open_start"] is True
    assert bombing["latest"] == "1986-12-31" and bombing["open_end"] is False
    opened = bombing["accounts"][1]
    assert (opened["earliest"], opened["latest"], opened["open_start"]) == (
        None,
        "1986-12-31",
        True,
    )
    assert opened["core_earliest"] is None
    assert bombing["accounts"][0]["figures"]["present"] == {
        "text": ">200000",
        "label": "more than 200,000",
        "low": 200001.0,  # "more than": the next whole number
        "high": None,
    }
    assert bombing["conflicts"] == [
        {
            "kind": "figure",
            "strength": "conflict",
            "figure": "killed",
            "sides": [[0], [1]],
            "support": [
                {
                    "label": "72",
                    "labels": ["72"],
                    "source_ids": ["history"],
                    "source_names": ["Example Weekly (Jane Doe)"],
                    "sources": 1,
                    "origins": 1,
                    "earliest": None,
                    "latest": None,
                    "low": 72.0,
                    "high": 72.0,
                },
                {
                    "label": "about 100",
                    "labels": ["about 100"],
                    "source_ids": ["first"],
                    "source_names": ["Example Daily"],
                    "sources": 1,
                    "origins": 1,
                    "earliest": None,
                    "latest": None,
                    "low": 90.0,
                    "high": 110.0,
                },
            ],
            "gap": 0.2,
            "gap_unit": "relative",
            "gap_at_least": False,
            "gap_days": None,
            "gap_words": "20%",
            "label": "killed: 72 vs about 100",
            "explanation": (
                'Example Weekly (Jane Doe) gives killed as 72 ("On June 28, 1981, a bomb '
                "destroyed the party's headquarters - 72 people died\"); Example Daily gives "
                'killed as about 100 ("In 2012 the group left the US list."): 20% apart.'
            ),
        }
    ]
    assert bombing["comparisons"] == [
        {
            "accounts": [0, 1],
            "figure": None,
            "relation": "compatible",
            "more_precise": 0,
            "gap_days": None,
            "relative_difference": None,
        },
        {
            "accounts": [0, 1],
            "figure": "killed",
            "relation": "conflict",
            "more_precise": None,
            "gap_days": None,
            "relative_difference": 0.2,
        },
    ]
    (conflict,) = move["conflicts"]
    assert move["agreement"] == "conflict"
    assert (conflict["kind"], conflict["strength"]) == ("date", "conflict")
    # the gap in the sources' unit, as the sentence says it, and the days beside it
    assert {k: conflict[k] for k in ("gap", "gap_unit", "gap_at_least", "gap_days")} == {
        "gap": 27,
        "gap_unit": "years",
        "gap_at_least": False,
        "gap_days": 9498,
    }
    assert conflict["gap_words"] == "27 years"
    assert conflict["label"] == "1986 vs 2013"
    # sides point at the right accounts: both 1986 accounts against the 2013 one
    assert conflict["sides"] == [[0, 1], [2]]
    assert [[move["accounts"][i]["date"] for i in side] for side in conflict["sides"]] == [
        ["1986", "1986"],
        ["2013"],
    ]
    # two citations (the Guardian, BBC) are two origins; "bbc" on the other side is one
    assert [(s["sources"], s["origins"]) for s in conflict["support"]] == [(1, 2), (1, 1)]
    assert conflict["support"][0]["earliest"] == "1986-01-01"
    assert conflict["explanation"].endswith(": 27 years apart.")
    assert model["summary"]["conflicts"] == {"date": 1, "figure": 1, "internal": 0}
    assert model["summary"]["events_in_conflict"] == 2


def test_build_is_deterministic_and_hash_follows_the_inputs(mini):
    first = dumps(model_of(mini))
    assert dumps(model_of(mini)) == first
    assert first.endswith("}\n") and json.loads(first)["schema_version"] == 2
    assert to_csv(model_of(mini, DISPUTED)) == to_csv(model_of(mini, DISPUTED))
    assert dumps(to_timelinejs(model_of(mini))) == dumps(to_timelinejs(model_of(mini)))
    events = mini / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8") + "# a comment\n", encoding="utf-8")
    assert (
        json.loads(dumps(model_of(mini)))["inputs"]["sha256"]
        != json.loads(first)["inputs"]["sha256"]
    )


def test_shipped_data_exports_consistently():
    model = build(load(ROOT / "data" / "events.yaml", ROOT / "seeds"))
    names = {s["id"]: s["name"] for s in model["sources"]}
    text = dumps(model)  # raises on NaN or infinity
    assert json.loads(text) == model
    ids = [a["id"] for e in model["events"] for a in e["accounts"]]
    assert len(ids) == len(set(ids)) == model["summary"]["accounts"]
    assert "0001-01-01" not in text and "9999-12-31" not in text  # open ends are null
    for event in model["events"]:
        own = range(len(event["accounts"]))
        assert set(event["most_precise"]) <= set(own)
        for conflict in event["conflicts"]:
            assert len(conflict["sides"]) == len(conflict["support"]) == 2
            members = [i for side in conflict["sides"] for i in side]
            assert all(isinstance(i, int) and i in own for i in members)
            assert len(members) == len(set(members))
            assert conflict["explanation"].endswith(".")
            # the fields say what the sentence says
            assert f": {conflict['gap_words']} apart" in conflict["explanation"]
            if conflict["figure"] is None:
                assert conflict["gap_unit"] in ("years", "months", "days")
                assert isinstance(conflict["gap"], int) and conflict["gap_days"] >= 1
                unit = conflict["gap_unit"][:-1] if conflict["gap"] == 1 else conflict["gap_unit"]
                at_least = "at least " if conflict["gap_at_least"] else ""
                assert conflict["gap_words"] == f"{at_least}{conflict['gap']} {unit}"
            else:
                assert conflict["gap_unit"] == "relative" and conflict["gap_days"] is None
            # readers see names, never ids; tools get the ids beside them
            for support in conflict["support"]:
                assert support["source_names"] == [names[i] for i in support["source_ids"]]
            assert not any(f"{i} date" in conflict["explanation"] for i in names)
    # by the first day any account names (an open start counts by its known end), then id
    keys = [
        (min(a["earliest"] or a["latest"] for a in e["accounts"]), e["id"]) for e in model["events"]
    ]
    assert keys == sorted(keys)


def test_one_name_per_source_in_every_view(mini):
    """A source's ``name:`` is what readers see in sentences, CSV and TimelineJS; ids stay in
    the machine fields."""
    sources = mini / "seeds" / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    text = text.replace(
        "    outlet: Example Weekly\n",
        "    outlet: Example Weekly\n    name: The Weekly\n    url: https://example.org/history\n",
    )
    sources.write_text(text, encoding="utf-8")
    model = model_of(mini, DISPUTED)
    history = model["sources"][0]
    assert (history["id"], history["name"], history["url"]) == (
        "history",
        "The Weekly",
        "https://example.org/history",
    )
    move = next(e for e in model["events"] if e["id"] == "move-to-iraq")
    (conflict,) = move["conflicts"]
    assert conflict["explanation"] == (
        'The Weekly dates it 1986 ("The group moved to Iraq in 1986"); Example Daily dates it '
        '2013 ("The group went to Albania in 2013."): 27 years apart.'
    )
    assert [(s["source_ids"], s["source_names"], s["labels"]) for s in conflict["support"]] == [
        (["history"], ["The Weekly"], ["1986"]),
        (["second"], ["Example Daily"], ["2013"]),
    ]
    assert [a["source"] for a in move["accounts"]] == ["history", "history", "second"]
    rows = list(csv.DictReader(io.StringIO(to_csv(model))))
    assert {(r["source"], r["source_name"], r["source_url"]) for r in rows} == {
        ("history", "The Weekly", "https://example.org/history"),
        ("first", "Example Daily", ""),
        ("second", "Example Daily", ""),
    }
    slide = next(s for s in to_timelinejs(model)["events"] if s["unique_id"] == "move-to-iraq")
    assert (
        '<li><a href="https://example.org/history"><strong>The Weekly</strong></a>, 1986: '
        '<q dir="auto">' in slide["text"]["text"]
    )
    assert "(history)" not in slide["text"]["text"]


# --- the issue's public names, CSV and TimelineJS ------------------------------------------

ISSUE_TOP = {"schema_version", "sources", "events"}
ISSUE_EVENT = {"id", "title", "category", "accounts", "conflicts"}
ISSUE_ACCOUNT = {
    "source", "document", "date", "modifier", "earliest", "latest",
    "quote", "start", "end", "cited", "figures",
}  # fmt: skip
ISSUE_CONFLICT = {"kind", "strength", "sides", "gap", "explanation"}


def test_the_issue_field_names_are_all_there(mini):
    """Issue 5 item 3 names these fields; outside tools depend on them, so they must not move."""
    model = json.loads(dumps(model_of(mini, DISPUTED)))
    assert set(model) >= ISSUE_TOP and model["schema_version"] == 2
    conflicts = [c for e in model["events"] for c in e["conflicts"]]
    assert conflicts
    for event in model["events"]:
        assert set(event) >= ISSUE_EVENT
        for account in event["accounts"]:
            assert set(account) >= ISSUE_ACCOUNT
    for conflict in conflicts:
        assert set(conflict) >= ISSUE_CONFLICT
        assert conflict["kind"] in {"date", "figure", "internal"}
        assert conflict["strength"] in {"conflict", "possible"}
        assert all(isinstance(i, int) for side in conflict["sides"] for i in side)


def test_csv_has_one_row_per_account_with_the_events_conflict_flags(mini):
    text = to_csv(model_of(mini, DISPUTED))
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == list(CSV_COLUMNS)
    assert len(rows) == 1 + 5
    assert text.splitlines()[0].startswith("event_id,event_title,event_category,account,source")
    row = dict(zip(rows[0], rows[1], strict=True))  # the bombing's first account
    assert row == {
        "event_id": "hq-bombing",
        "event_title": "Bombing of the party headquarters",
        "event_category": "armed-action",
        "account": "0",
        "source": "history",
        "source_name": "Example Weekly (Jane Doe)",
        "source_url": "",
        "language": "en",
        "document": "article.txt",
        "date": "1981-06-28",
        "modifier": "",
        "label": "28 June 1981",
        "stated": "",
        "precision": "day",
        "earliest": "1981-06-28",
        "latest": "1981-06-28",
        "open_start": "false",
        "open_end": "false",
        "quote": "On June 28, 1981, a bomb destroyed the party's headquarters - 72 people died",
        "translation": "",
        "start": "64",
        "end": "140",
        "cited": "",
        "figures": "killed=72; present=>200000",
        "note": "",
        "conflict_strength": "conflict",
        "conflict_kinds": "figure",
        "on_conflict_side": "true",
    }
    # the open-ended account has an empty earliest, and a comma-laden quote stays one cell
    assert dict(zip(rows[0], rows[2], strict=True))["earliest"] == ""
    assert '"The group went to Albania in 2013."' not in text  # no needless quoting


def test_timelinejs_shape_dates_and_escaping(mini):
    article = mini / "seeds" / "article.txt"
    hostile = '<img src=x onerror=alert(1)> "quoted" & more, in 1999.'
    article.write_text(article.read_text(encoding="utf-8") + hostile + "\n", encoding="utf-8")
    body = DISPUTED + (
        "  - id: hostile\n"
        "    title: <b>Bold</b> & co\n"
        "    category: politics\n"
        "    accounts:\n"
        "      - source: history\n"
        '        date: "199X"\n'
        f"        quote: {json.dumps(hostile)}\n"
        "        cited: <i>them</i>\n"
    )
    timeline = to_timelinejs(model_of(mini, body))
    assert set(timeline) == {"title", "events"}
    assert set(timeline["title"]["text"]) == {"headline", "text"}
    slides = {s["unique_id"]: s for s in timeline["events"]}
    assert list(slides) == ["hq-bombing", "move-to-iraq", "hostile"]
    move = slides["move-to-iraq"]
    assert move["start_date"] == {"year": 1986} and move["end_date"] == {"year": 2013}
    assert move["group"] == "relocation" and move["display_date"] == "1986 / 2013"
    assert (
        "<strong>Sources disagree on the date:</strong> Example Weekly (Jane Doe) dates it 1986"
        in move["text"]["text"]
    )
    assert (
        '<li><strong>Example Daily</strong>, 2013: <q dir="auto">The group went to'
        in move["text"]["text"]
    )
    assert "<strong>Sources disagree on killed:</strong>" in slides["hq-bombing"]["text"]["text"]
    # an open start is dropped: the slide sits at the known days
    bombing = slides["hq-bombing"]
    assert bombing["start_date"] == {"year": 1981, "month": 6, "day": 28}
    assert bombing["end_date"] == {"year": 1986}
    # a decade is its first and last year
    bad = slides["hostile"]
    assert (bad["start_date"], bad["end_date"]) == ({"year": 1990}, {"year": 1999})
    assert bad["text"]["headline"] == "&lt;b&gt;Bold&lt;/b&gt; &amp; co"
    html = bad["text"]["text"]
    assert "<img" not in html and "<i>" not in html
    assert "&lt;img src=x onerror=alert(1)&gt; &quot;quoted&quot; &amp; more, in 1999." in html
    assert "Cites: &lt;i&gt;them&lt;/i&gt;." in html
    assert "1990s" in html and "199X" not in html and "<code>" not in html  # words, not EDTF
    # an event with no known day at all gets no slide (and no crash)
    undated = DISPUTED.replace('date: "../1986"', 'date: "../.."')
    undated = undated.replace('date: "1981-06-28"', 'date: "../.."')
    assert [s["unique_id"] for s in to_timelinejs(model_of(mini, undated))["events"]] == [
        "move-to-iraq"
    ]


# --- the command ----------------------------------------------------------------------------


def test_export_command_writes_the_file_byte_identically(run, mini, tmp_path):
    out = tmp_path / "out" / "chronology.json"
    args = ("export", "--events", mini / "events.yaml", "--seeds", mini / "seeds", "-o", out)
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        f"wrote {out}: 4 events, 0 with conflicts (0 date, 0 figure, 0 internal)\n"
    )
    first = out.read_bytes()
    assert json.loads(first) == model_of(mini)
    assert run(*args).exit_code == 0
    assert out.read_bytes() == first
    assert not list(out.parent.glob(".*.tmp"))


def test_export_to_stdout(run, mini, tmp_path):
    out = tmp_path / "chronology.json"
    base = ("export", "--events", mini / "events.yaml", "--seeds", mini / "seeds")
    run(*base, "-o", out)
    result = run(*base, "-o", "-")
    assert result.exit_code == 0
    assert result.stdout == out.read_text(encoding="utf-8")
    assert result.stderr == ""


def test_export_default_path(run, mini, monkeypatch):
    (mini / "data").mkdir()
    (mini / "events.yaml").rename(mini / "data" / "events.yaml")
    monkeypatch.chdir(mini)
    result = run("export")
    assert result.exit_code == 0, result.output
    assert json.loads(Path("reports/chronology.json").read_text(encoding="utf-8"))["inputs"] == {
        "events": "data/events.yaml",
        "seeds": "seeds",
        "sha256": json.loads(run("export", "-o", "-").stdout)["inputs"]["sha256"],
    }


def test_export_formats_on_the_command_line(run, mini, tmp_path, monkeypatch):
    base = ("export", "--events", mini / "events.yaml", "--seeds", mini / "seeds")
    model = model_of(mini)
    result = run(*base, "--format", "csv", "-o", "-")
    assert result.exit_code == 0 and result.stdout == to_csv(model)
    result = run(*base, "-f", "timelinejs", "-o", "-")
    assert result.exit_code == 0 and json.loads(result.stdout) == to_timelinejs(model)
    monkeypatch.chdir(tmp_path)
    assert run(*base, "-f", "csv").exit_code == 0
    assert Path("reports/chronology.csv").read_text(encoding="utf-8") == to_csv(model)
    result = run(*base, "-f", "xml")
    assert result.exit_code == 2 and "'xml' is not one of" in result.stderr


def test_export_reports_bad_input_in_one_line(run, mini):
    result = run("export", "--events", mini / "nope.yaml", "--seeds", mini / "seeds", "-o", "-")
    assert result.exit_code == 1
    assert result.stderr == f"{mini / 'nope.yaml'}: no such file\n"
    assert result.stdout == ""


SHARED_DATES = """\
  - id: told-once
    title: Told once
    category: relocation
    accounts:
      - source: second
        date: "2013"
        quote: "The group went to Albania in 2013."
  - id: same-date-twice
    title: Same date twice
    category: relocation
    accounts:
      - source: history
        date: "1986"
        quote: "The group moved to Iraq in 1986"
      - source: second
        date: "1986"
        quote: "The group went to Albania in 2013."
        note: the date is the move's
  - id: same-date-other-figures
    title: Same date, other figures
    category: armed-action
    accounts:
      - source: history
        date: "1981-06-28"
        quote: "On June 28, 1981, a bomb destroyed the party's headquarters - 72 people died"
        figures:
          killed: 72
      - source: first
        date: "1981-06-28"
        quote: "In 2012 the group left the US list."
        figures:
          killed: 300
"""


def test_events_in_conflict_are_the_conflicted_events_build_gives(mini):
    """Reconcile builds only the conflicted events' records, skipping those whose accounts all
    share one date and state no figure: the same records, in the same order, as ``build``."""
    from chronology.export import events_in_conflict

    (mini / "events.yaml").write_text(DISPUTED + SHARED_DATES, encoding="utf-8")
    chronology = load(mini / "events.yaml", mini / "seeds", vocabulary=VOCABULARY)
    conflicted = [e for e in build(chronology)["events"] if e["conflicts"]]
    assert events_in_conflict(chronology) == conflicted
    assert [e["id"] for e in conflicted] == [
        "hq-bombing",
        "same-date-other-figures",
        "move-to-iraq",
    ]
