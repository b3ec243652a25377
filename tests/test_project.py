"""`chronology init` and a project's own vocabulary, found from the current folder."""

import json
from pathlib import Path

import pytest

from chronology.model import json_schema
from chronology.project import DEFAULT_CATEGORIES, open_project, read_settings

ROOT = Path(__file__).parent.parent


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_init_writes_a_project_that_check_and_render_accept(run, tmp_path, monkeypatch):
    result = run("init", tmp_path / "story")
    assert result.exit_code == 0, result.output
    story = tmp_path / "story"
    assert sorted(snapshot(story)) == [
        "README.md",
        "chronology.yaml",
        "events.schema.json",
        "events.yaml",
        "sources.yaml",
    ]
    assert (story / "documents").is_dir()
    assert (
        (story / "events.yaml")
        .read_text()
        .startswith("# yaml-language-server: $schema=events.schema.json\n")
    )
    settings = read_settings(story / "chronology.yaml")
    assert [c.id for c in settings.categories] == [c.id for c in DEFAULT_CATEGORIES]
    assert settings.stances == []
    schema = json.loads((story / "events.schema.json").read_text())
    assert schema == json_schema(settings.vocabulary)
    assert schema["$defs"]["Event"]["properties"]["category"]["enum"] == [
        "event",
        "statement",
        "publication",
        "legal",
        "context",
    ]

    monkeypatch.chdir(story)
    result = run("check")
    assert result.exit_code == 0, result.output
    assert result.stdout == "events.yaml: 0 events, 0 accounts from 0 sources: no problems\n"
    result = run("render")
    assert result.exit_code == 0, result.output
    page = Path("reports/timeline.html").read_text(encoding="utf-8")
    assert "No events yet: events.yaml is empty." in page
    # rendered from elsewhere with --project: the same page, naming no folder of the editor's
    monkeypatch.chdir(tmp_path)
    result = run("render", "--project", story, "-o", tmp_path / "elsewhere.html")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "elsewhere.html").read_text(encoding="utf-8") == page
    assert str(tmp_path) not in page


def test_init_refuses_to_overwrite_a_project(run, tmp_path):
    assert run("init", tmp_path).exit_code == 0
    (tmp_path / "events.yaml").write_text("events: []  # mine\n")
    before = snapshot(tmp_path)
    result = run("init", tmp_path)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{tmp_path / 'chronology.yaml'}: already exists: this folder is a project already\n"
    )
    assert snapshot(tmp_path) == before


def test_init_refuses_a_folder_holding_files_it_would_write(run, tmp_path):
    (tmp_path / "README.md").write_text("my notes\n")
    result = run("init", tmp_path)
    assert result.exit_code == 1
    assert result.stderr == f"{tmp_path / 'README.md'}: already exists: init never overwrites\n"
    assert snapshot(tmp_path) == {"README.md": b"my notes\n"}


def test_commands_find_the_project_from_a_subfolder_or_with_project(run, tmp_path, monkeypatch):
    run("init", tmp_path / "story")
    monkeypatch.chdir(tmp_path / "story" / "documents")
    result = run("check")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("../events.yaml: 0 events")
    monkeypatch.chdir(tmp_path)
    result = run("check", "--project", tmp_path / "story")
    assert result.exit_code == 0, result.output


def test_an_empty_folder_says_how_to_start(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("check")
    assert result.exit_code == 1
    assert result.stderr == (
        f"chronology.yaml: not found in {tmp_path} or any folder above it: "
        "start a project with 'chronology init'\n"
    )


def events_with(category: str) -> str:
    return (
        "events:\n"
        "  - id: collapse\n"
        "    title: The dam collapses\n"
        f"    category: {category}\n"
        "    accounts:\n"
        "      - source: a\n"
        '        date: "2021-03-01"\n'
        "        quote: The dam collapsed\n"
    )


@pytest.fixture
def story(run, tmp_path, monkeypatch) -> Path:
    """An initialised project with one source and one event, as the current folder."""
    run("init", tmp_path)
    (tmp_path / "documents" / "a.txt").write_text("The dam collapsed on March 1, 2021.\n")
    (tmp_path / "sources.yaml").write_text(
        "sources:\n"
        "  - id: a\n"
        "    document: a.txt\n"
        "    title: Dam collapses\n"
        "    outlet: Valley News\n"
        '    published: "2021-03-02"\n'
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_category_the_project_declares_is_accepted(run, story):
    (story / "events.yaml").write_text(events_with("event"))
    result = run("check")
    assert result.exit_code == 0, result.output


def test_a_category_the_project_does_not_declare_is_refused(run, story):
    (story / "events.yaml").write_text(events_with("disaster"))
    result = run("check")
    assert result.exit_code == 1
    assert result.stderr == (
        "events.yaml:4:15: category: 'disaster' is not allowed; use one of 'event', "
        "'statement', 'publication', 'legal' or 'context'\n1 problem found\n"
    )


def test_categories_and_stances_come_from_chronology_yaml(run, story):
    text = (story / "chronology.yaml").read_text()
    text = text.replace("  - id: event\n", "  - id: disaster\n").replace(
        "stances: []", "stances: [official, independent]"
    )
    (story / "chronology.yaml").write_text(text)
    (story / "events.yaml").write_text(events_with("disaster"))
    result = run("check")
    assert result.exit_code == 1
    assert result.stderr == (
        "sources.yaml:2:5: stance: missing: use one of 'official' or 'independent' "
        "(declared in chronology.yaml)\n1 problem found\n"
    )
    sources = (story / "sources.yaml").read_text() + "    stance: official\n"
    (story / "sources.yaml").write_text(sources)
    assert run("check").exit_code == 0
    schema = json.loads(run("schema").stdout)
    assert schema["$defs"]["Event"]["properties"]["category"]["enum"][0] == "disaster"


def test_a_stance_in_a_project_without_stances_is_refused(run, story):
    sources = (story / "sources.yaml").read_text() + "    stance: critical\n"
    (story / "sources.yaml").write_text(sources)
    (story / "events.yaml").write_text(events_with("event"))
    result = run("check")
    assert result.exit_code == 1
    assert result.stderr == (
        "sources.yaml:7:13: stance: chronology.yaml declares no stances: remove this line\n"
        "1 problem found\n"
    )


def test_the_page_uses_the_projects_category_labels_and_no_stance(run, story):
    (story / "events.yaml").write_text(events_with("event"))
    assert run("render").exit_code == 0
    page = Path("reports/timeline.html").read_text(encoding="utf-8")
    assert '<input type=checkbox name=category value="event" checked> Event</label>' in page
    settings = story / "chronology.yaml"
    settings.write_text(
        settings.read_text().replace(
            '    label: "Event"\n', '    label: "Event"\n    colour: "#1f77b4"\n'
        )
    )
    assert run("render").exit_code == 0
    page = Path("reports/timeline.html").read_text(encoding="utf-8")
    assert (
        '<input type=checkbox name=category value="event" checked> <span class=swatch '
        'style="background:#1f77b4" aria-hidden=true></span>Event</label>'
    ) in page
    assert "· stance:" not in page and "<br>stance:" not in page  # hover box, table
    assert "Valley News · " not in page  # nor does the legend


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("categories: []\n", "1:1: categories: declare at least one category"),
        (
            "events: ../outside.yaml\ncategories: [{id: a, label: A}]\n",
            "1:9: events: '../outside.yaml' must be a path inside the project folder",
        ),
        (
            "categories: [{id: a, label: A}, {id: a, label: B}]\n",
            "1:1: category 'a' is declared twice",
        ),
        (
            "categories: [{id: a, label: A, color: red}]\n",
            "1:32: unknown field 'color' (did you mean 'colour'?); "
            "allowed: id, label, description, colour",
        ),
    ],
)
def test_bad_settings_are_one_located_line(run, tmp_path, monkeypatch, text, message):
    (tmp_path / "chronology.yaml").write_text(text)
    monkeypatch.chdir(tmp_path)
    result = run("check")
    assert result.exit_code == 1
    assert result.stderr == f"chronology.yaml:{message}\n"


def test_the_shipped_example_declares_its_vocabulary():
    project = open_project(ROOT)
    assert project.vocabulary is not None
    assert project.vocabulary.stances == ("critical", "supportive")
    assert len(project.vocabulary.categories) == 8
    chronology, problems = project.check()
    assert problems == [] and chronology is not None
    assert (len(chronology.events), len(chronology.sources)) == (241, 13)


def test_a_sources_url_is_a_link_in_the_table_escaped(run, story):
    sources = (story / "sources.yaml").read_text()
    (story / "sources.yaml").write_text(
        sources + "    url: 'https://valley.example/a?b=1&c=\"><script>alert(1)</script>'\n"
    )
    (story / "events.yaml").write_text(events_with("event"))
    assert run("render").exit_code == 0
    page = Path("reports/timeline.html").read_text(encoding="utf-8")
    assert (
        '<a href="https://valley.example/a?b=1&amp;c=&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"'
        ' rel="noopener">Valley News</a>'
    ) in page
    assert "<script>alert(1)" not in page


def test_a_javascript_url_is_refused(run, story):
    sources = (story / "sources.yaml").read_text()
    (story / "sources.yaml").write_text(sources + "    url: javascript:alert(1)\n")
    result = run("check")
    assert result.exit_code == 1
    assert result.stderr == (
        "sources.yaml:7:10: url: url must be an http:// or https:// address\n1 problem found\n"
    )


def test_outputs_go_to_the_project_from_a_subfolder(run, story, monkeypatch):
    (story / "events.yaml").write_text(events_with("event"))
    monkeypatch.chdir(story / "documents")
    result = run("render")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("wrote ../reports/timeline.html: 1 event, 1 account, ")
    assert (story / "reports" / "timeline.html").is_file()
    assert run("export").exit_code == 0
    assert (story / "reports" / "chronology.json").is_file()
    assert not (story / "documents" / "reports").exists()
