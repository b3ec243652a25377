"""`chronology draft` and `accept`: candidates grouped across sources, moved by round trip."""

import json
import shutil
from pathlib import Path

import pytest

from chronology.draft import cited, common_words, figures

STORY = Path(__file__).parent / "data" / "story"
ROOT = Path(__file__).parent.parent


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def story(run, tmp_path, monkeypatch) -> Path:
    """A project with the two test articles added, as the current folder."""
    assert run("init", tmp_path).exit_code == 0
    monkeypatch.chdir(tmp_path)
    result = run("add", STORY / "valley-courier.html", STORY / "ridgeford-herald.html")
    assert result.exit_code == 0, result.output
    return tmp_path


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The dam collapsed on March 2, 2021, killing 14 people.", {"killed": 14}),
        ("Eleven people were killed and 40 injured, police said.", {"killed": 11, "injured": 40}),
        ("At least 20 people died in the flood.", {"killed": ">=20"}),
        ("The death toll rose to more than 1,200 on Friday.", {"killed": ">1200"}),
        ("About 300 residents were evacuated.", {"evacuated": "~300"}),
        ("In 2019, 3 officials were arrested.", {"arrested": 3}),
        ("The dam was inspected on January 12, 2021.", {}),
    ],
)
def test_figures_are_read_with_their_qualifiers(sentence, expected):
    dates = [(m.start(), m.end()) for m in __import__("re").finditer(r"\d{4}", sentence)]
    assert figures(sentence, dates) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The dam collapsed, according to the regional fire service.", "the regional fire service"),
        ("Eleven people were killed, police said.", "police"),
        (
            "It was inspected, and engineers reported nothing, the water authority said.",
            "the water authority",
        ),
        ("The dam collapsed on Tuesday.", None),
        ("It will reopen, he said.", None),
    ],
)
def test_whom_a_sentence_cites(sentence, expected):
    assert cited(sentence) == expected


def test_the_same_event_told_by_two_sources_is_one_candidate(run, story):
    result = run("draft")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "wrote candidates.yaml: 3 new events (2 told by several sources), accounts for 0 "
        "curated events; 1 candidate where sources disagree\n"
    )
    text = (story / "candidates.yaml").read_text(encoding="utf-8")
    assert (
        "  - id: the-ridgeford-dam-gave-way-2021\n"
        "    title: The Ridgeford dam gave way\n"
        "    category: event\n"
        "    accounts:\n"
        "      - source: ridgeford-herald\n"
        '        date: "2021-03-03"\n'
        '        quote: "The Ridgeford dam gave way on March 3, 2021, and 11 people were killed '
        'in the lower town, police said."\n'
        "        cited: police\n"
        "        figures: {killed: 11}\n"
        "      - source: valley-courier\n"
        '        date: "2021-03-02"\n'
        '        quote: "The Ridgeford dam collapsed on March 2, 2021, killing 14 people in the '
        'lower town, according to the regional fire service."\n'
        "        cited: the regional fire service\n"
        "        figures: {killed: 14}\n"
    ) in text
    # "Two weeks later" counts from the Herald's previous date, 3 March: the week around the 17th
    assert '        date: "2021-03-15/2021-03-21"\n' in text
    assert "  # sources disagree: Valley Courier (Maria Lopez) dates it 2 March 2021" in text
    assert "  # sources disagree: Ridgeford Herald (Tom Baker) gives killed as 11" in text
    assert run("check").exit_code == 0  # the drafts are valid as they are


def test_accept_moves_a_candidate_keeping_comments_and_order(run, story):
    run("draft")
    events = story / "events.yaml"
    mine = events.read_text().replace("events: []\n", "# my own note\nevents: []\n")
    events.write_text(mine)
    drafts_before = (story / "candidates.yaml").read_text()
    result = run("accept", "engineers-of-the-water-authority-2021")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "new event 'engineers-of-the-water-authority-2021': 2 accounts\n"
        "wrote events.yaml and candidates.yaml: 1 candidate accepted\n"
    )
    after = events.read_text()
    assert after.startswith(mine.replace("events: []\n", "events:\n"))
    assert "  - id: engineers-of-the-water-authority-2021\n" in after
    assert "# new event" not in after  # the drafts' notes stay in the drafts
    drafts = (story / "candidates.yaml").read_text()
    assert "engineers-of-the-water-authority-2021" not in drafts
    kept = drafts_before.split("  # new event, 2 accounts")[1]  # the first candidate's block
    assert kept in drafts
    assert run("accept", "--all").exit_code == 0
    assert (story / "candidates.yaml").read_text().endswith("events: []\n")
    assert run("check").stdout == "events.yaml: 3 events, 5 accounts from 2 sources: no problems\n"


def test_a_proposed_account_for_a_curated_event_even_in_conflict(run, story):
    run("draft")
    run("accept", "the-ridgeford-dam-gave-way-2021")
    # the editor keeps only the Herald's account; the Courier's becomes uncurated again
    events = story / "events.yaml"
    text = events.read_text()
    events.write_text(text[: text.index("      - source: valley-courier")])
    result = run("draft")
    assert result.exit_code == 0, result.output
    assert "accounts for 1 curated event" in result.stdout
    drafts = (story / "candidates.yaml").read_text()
    assert "  # adds 1 account to 'the-ridgeford-dam-gave-way-2021', already in events.yaml" in (
        drafts
    )
    # what the editor most needs to see: the proposed account disagrees on the date and the toll
    assert drafts.count("  # sources disagree: ") == 2
    assert "dates it 2 March 2021" in drafts and "gives killed as 14" in drafts
    assert run("accept", "the-ridgeford-dam-gave-way-2021").stdout.startswith(
        "added to event 'the-ridgeford-dam-gave-way-2021': 1 account\n"
    )
    assert events.read_text().count("      - source: valley-courier\n") == 1


def test_an_unknown_candidate_id_changes_no_file(run, story):
    run("draft")
    before = snapshot(story)
    result = run("accept", "the-ridgeford-dam-gave-way-2021", "nope")
    assert result.exit_code == 1
    assert result.stderr == (
        "candidates.yaml: no candidate 'nope' (candidates: the-ridgeford-dam-gave-way-2021, "
        "the-regional-government-opened-an-2021, engineers-of-the-water-authority-2021)\n"
    )
    assert snapshot(story) == before


def test_an_undeclared_category_in_the_drafts_is_refused(run, story):
    run("draft")
    drafts = story / "candidates.yaml"
    drafts.write_text(drafts.read_text().replace("category: event", "category: disaster", 1))
    before = snapshot(story)
    result = run("accept", "--all")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "candidates.yaml:9:15: category: 'disaster' is not allowed; use one of 'event', "
    )
    assert snapshot(story) == before
    result = run("check")
    assert result.exit_code == 1 and "candidates.yaml:9:15: category: 'disaster'" in result.stderr


def readme_story_commands() -> list[str]:
    """The commands of the README's "Start your own story", in order."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Start your own story\n", 1)[1].split("\n## ", 1)[0]
    shown = section.split("<!-- [[[end]]] -->")[0].split("]]] -->", 1)[1]
    return [line[2:] for line in shown.splitlines() if line.startswith("$ ")]


def test_the_readme_story_flags_both_disagreements(run, tmp_path, monkeypatch):
    """Run the README's steps from an empty folder; both disagreements must be flagged."""
    shutil.copytree(STORY, tmp_path / "tests" / "data" / "story")
    monkeypatch.chdir(tmp_path)
    commands = readme_story_commands()
    assert commands[0] == "chronology init dam-story"
    assert commands[-1] == "chronology render"
    for command in commands:
        program, *args = command.split()
        if program == "cd":
            monkeypatch.chdir(Path.cwd() / args[0])
            continue
        assert program == "chronology"
        result = run(*args)
        assert result.exit_code == 0, (command, result.output)
    story = tmp_path / "dam-story"
    assert "sources:\n  - id: valley-courier\n" in (story / "sources.yaml").read_text()
    model = json.loads(run("export", "-o", "-").stdout)
    (event,) = [e for e in model["events"] if e["conflicts"]]
    kinds = sorted((c["kind"], c.get("figure") or "") for c in event["conflicts"])
    assert kinds == [("date", ""), ("figure", "killed")]
    page = (story / "reports" / "timeline.html").read_text(encoding="utf-8")
    assert "Sources disagree: 2 March 2021 vs 3 March 2021" in page
    assert 'href="https://valley-courier.example/2021/03/04/ridgeford-dam"' in page


def test_draft_never_writes_the_events_file(run, story):
    before = snapshot(story)
    result = run("draft", "-o", "events.yaml")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: --output events.yaml is the input events.yaml: outputs never overwrite inputs\n"
    )
    assert snapshot(story) == before
    result = run("draft", "--category", "disaster")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: --category 'disaster' is not declared; choose from event, statement, "
        "publication, legal, context\n"
    )
    assert snapshot(story) == before


def test_draft_on_the_shipped_example(run, monkeypatch, tmp_path):
    monkeypatch.chdir(ROOT)
    result = run("draft", "-o", tmp_path / "candidates.yaml")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"wrote {(tmp_path / 'candidates.yaml').as_posix()}: ")


def test_accept_without_drafts_says_so(run, story):
    result = run("accept", "--all")
    assert result.exit_code == 1
    assert result.stderr == "candidates.yaml: no such file: there are no drafts to accept\n"
    result = run("accept")
    assert result.exit_code == 2 and "give candidate ids or --all" in result.stderr


def test_words_the_whole_story_uses_are_no_evidence():
    texts = [f"The Iran office of the MEK held meeting number {n} in Paris." for n in range(30)]
    texts += ["Police arrested a Swiss lawyer in Geneva."] * 3
    common = common_words(texts)
    assert {"iran", "mek", "paris", "office"} <= common
    assert "geneva" not in common and "police" not in common
    assert common_words(texts[:5]) == frozenset()  # a short story: every word counts


def test_extract_in_a_project_reads_its_sources(run, story):
    result = run("extract", "-f", "jsonl")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {(r["doc"], r["source"]) for r in rows} == {
        ("ridgeford-herald.txt", "ridgeford-herald"),
        ("valley-courier.txt", "valley-courier"),
    }
