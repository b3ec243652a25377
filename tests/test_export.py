"""The export model (docs/export-schema.md) and the `chronology export` command."""

import json
from pathlib import Path

from chronology import __version__
from chronology.export import build, dumps
from chronology.load import load
from chronology.model import CATEGORIES

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
    return build(load(mini / "events.yaml", mini / "seeds"))


def test_top_level_inputs_categories_and_sources(mini):
    model = model_of(mini)
    assert model["format"] == "chronology-export/1"
    assert model["generator"] == {"name": "chronology", "version": __version__}
    assert model["inputs"]["events"] == (mini / "events.yaml").as_posix()
    assert model["inputs"]["seeds"] == (mini / "seeds").as_posix()
    assert len(model["inputs"]["sha256"]) == 64
    assert [c["id"] for c in model["categories"]] == list(CATEGORIES)
    assert [s["id"] for s in model["sources"]] == ["history", "first", "second"]
    assert model["sources"][0] == {
        "id": "history",
        "document": "article.txt",
        "title": "A short history",
        "authors": ["Jane Doe"],
        "outlet": "Example Weekly",
        "published": "2019-03-07",
        "published_label": "7 March 2019",
        "stance": "critical",
        "span": None,
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
        "most_precise": ["hq-bombing/1"],
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
        "figures": {"killed": {"text": "72", "low": 72.0, "high": 72.0}},
    }
    assert model["summary"] == {
        "events": 4,
        "accounts": 4,
        "sources": 3,
        "events_in_conflict": 0,
        "conflicts": {"date": 0, "figure": 0, "internal": 0},
        "relations": {"conflict": 0, "possible-conflict": 0},
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
    assert bombing["earliest"] == "0001-01-01" and bombing["open_start"] is True
    assert bombing["accounts"][1]["open_start"] is True
    assert bombing["accounts"][0]["figures"]["present"] == {
        "text": ">200000",
        "low": 200001.0,  # "more than": the next whole number
        "high": None,
    }
    assert bombing["conflicts"] == [
        {
            "kind": "figure",
            "relation": "conflict",
            "figure": "killed",
            "sides": [
                {
                    "accounts": ["hq-bombing/1"],
                    "label": "72",
                    "sources": 1,
                    "origins": 1,
                    "earliest": None,
                    "latest": None,
                    "low": 72.0,
                    "high": 72.0,
                },
                {
                    "accounts": ["hq-bombing/2"],
                    "label": "~100",
                    "sources": 1,
                    "origins": 1,
                    "earliest": None,
                    "latest": None,
                    "low": 90.0,
                    "high": 110.0,
                },
            ],
            "gap_days": None,
            "relative_difference": 0.2,
            "label": "killed: 72 vs ~100",
            "explanation": (
                "history gives killed as 72 (\"On June 28, 1981, a bomb destroyed the party's "
                'headquarters - 72 people died"); first gives killed as ~100 ("In 2012 the group '
                'left the US list."): 20% apart.'
            ),
        }
    ]
    assert bombing["comparisons"] == [
        {
            "accounts": ["hq-bombing/1", "hq-bombing/2"],
            "figure": None,
            "relation": "compatible",
            "more_precise": "hq-bombing/1",
            "gap_days": None,
            "relative_difference": None,
        },
        {
            "accounts": ["hq-bombing/1", "hq-bombing/2"],
            "figure": "killed",
            "relation": "conflict",
            "more_precise": None,
            "gap_days": None,
            "relative_difference": 0.2,
        },
    ]
    (conflict,) = move["conflicts"]
    assert move["agreement"] == "conflict"
    assert conflict["kind"] == "date"
    assert conflict["gap_days"] == 9498
    assert conflict["label"] == "1986 vs 2013"
    assert [(s["accounts"], s["sources"], s["origins"]) for s in conflict["sides"]] == [
        (["move-to-iraq/1", "move-to-iraq/2"], 1, 2),
        (["move-to-iraq/3"], 1, 1),
    ]
    assert conflict["sides"][0]["earliest"] == "1986-01-01"
    assert conflict["explanation"].endswith(": 27 years apart.")
    assert model["summary"]["conflicts"] == {"date": 1, "figure": 1, "internal": 0}
    assert model["summary"]["events_in_conflict"] == 2


def test_build_is_deterministic_and_hash_follows_the_inputs(mini):
    first = dumps(model_of(mini))
    assert dumps(model_of(mini)) == first
    assert first.endswith("}\n") and json.loads(first)["format"] == "chronology-export/1"
    events = mini / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8") + "# a comment\n", encoding="utf-8")
    assert (
        json.loads(dumps(model_of(mini)))["inputs"]["sha256"]
        != json.loads(first)["inputs"]["sha256"]
    )


def test_shipped_data_exports_consistently():
    model = build(load(ROOT / "data" / "events.yaml", ROOT / "seeds"))
    text = dumps(model)  # raises on NaN or infinity
    assert json.loads(text) == model
    ids = [a["id"] for e in model["events"] for a in e["accounts"]]
    assert len(ids) == len(set(ids)) == model["summary"]["accounts"]
    for event in model["events"]:
        own = {a["id"] for a in event["accounts"]}
        assert set(event["most_precise"]) <= own
        for conflict in event["conflicts"]:
            assert len(conflict["sides"]) == 2
            members = [a for side in conflict["sides"] for a in side["accounts"]]
            assert set(members) <= own and len(members) == len(set(members))
            assert conflict["explanation"].endswith(".")
    keys = [(e["earliest"], e["id"]) for e in model["events"]]
    assert keys == sorted(keys)


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


def test_export_reports_bad_input_in_one_line(run, mini):
    result = run("export", "--events", mini / "nope.yaml", "--seeds", mini / "seeds", "-o", "-")
    assert result.exit_code == 1
    assert result.stderr == f"{mini / 'nope.yaml'}: no such file\n"
    assert result.stdout == ""
