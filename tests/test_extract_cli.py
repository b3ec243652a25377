"""`chronology extract` as a user and a pipeline see it: formats, stdin, jobs, -o, bad input."""

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from chronology.cli import app
from chronology.formats import CSV_COLUMNS, table

ROOT = Path(__file__).parent.parent
TEXT = (
    "The group was founded in 1965. On June 28, 1981, a bomb destroyed the headquarters.\n"
    "In September 2012 the US removed it from its list; 7000 people attended.\n"
)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


@pytest.fixture
def run_input():
    """Run the CLI with ``stdin`` as its standard input, as a pipeline would."""

    def invoke(stdin: str | bytes, *args: str):
        return CliRunner().invoke(app, [str(a) for a in args], input=stdin, catch_exceptions=False)

    return invoke


def jsonl(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines()]


# --- formats --------------------------------------------------------------------------------


def test_jsonl_mentions_slice_the_file_exactly(run, article):
    result = run("extract", "--format", "jsonl", article)
    assert result.exit_code == 0, result.stderr
    mentions = jsonl(result.stdout)
    texts = [m["text"] for m in mentions]
    assert "1965" in texts and "7000" not in texts
    for m in mentions:
        assert m["doc"] == str(article)
        assert TEXT[m["start"] : m["end"]] == m["text"]
        assert {"doc", "start", "end", "text", "type", "value"} <= m.keys()
    year = next(m for m in mentions if m["text"] == "1965")
    assert (year["type"], year["value"], year["edtf"]) == ("DATE", "1965", "1965")
    assert (year["earliest"], year["latest"]) == ("1965-01-01", "1965-12-31")


def test_json_csv_and_jsonl_carry_the_same_mentions(run, article):
    lines = jsonl(run("extract", "-f", "jsonl", article).stdout)
    assert json.loads(run("extract", "-f", "json", article).stdout) == lines
    rows = list(csv.DictReader(io.StringIO(run("extract", "-f", "csv", article).stdout)))
    assert len(rows) == len(lines) > 0
    for row, line in zip(rows, lines, strict=True):
        assert tuple(row) == CSV_COLUMNS
        for key in CSV_COLUMNS:
            expected = line.get(key)
            assert row[key] == ("" if expected is None else str(expected)), key


def test_table_is_the_default_and_shows_each_mention(run, article):
    result = run("extract", article)
    assert result.exit_code == 0
    header, rule, *rows = result.stdout.splitlines()
    assert header.split()[:5] == ["source", "at", "text", "type", "value"]
    assert set(rule.replace(" ", "")) == {"-"}
    for mention in jsonl(run("extract", "-f", "jsonl", article).stdout):
        assert any(f"{mention['start']}-{mention['end']}" in row for row in rows)
    assert len(rows) == len(jsonl(run("extract", "-f", "jsonl", article).stdout))


def test_table_fits_its_width_and_keeps_the_mention_in_view():
    sentence = "word " * 60 + "in the summer of 1981 " + "word " * 60
    start = sentence.index("the summer")
    record = {
        "doc": "a/very/long/path/to/some/folder/with/the/document.txt",
        "source": None,
        "start": start,
        "end": start + 19,
        "text": "the summer of 1981",
        "type": "DATE",
        "value": "1981-SU",
        "edtf": "1981-22",
        "anchor": None,
        "sentence": sentence,
    }
    for width in (80, 120, 200):
        lines = table([record], width=width).splitlines()
        assert all(len(line) <= width for line in lines), width
        if width < 120:
            continue
        assert "document.txt" in lines[2]
        assert lines[2].count("the summer of 1981") == 2  # the text cell and the sentence
    assert table([]) == "no temporal expressions found\n"


def test_empty_file_gives_no_mentions(run, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = run("extract", "-f", "jsonl", empty)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_unknown_format_is_refused(run, article):
    result = run("extract", "-f", "xml", article)
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: unknown format 'xml': choose one of table, csv, jsonl, json, parquet\n"
    )


# --- seeds folders --------------------------------------------------------------------------


def test_a_seeds_folder_uses_its_sources_spans(run, mini):
    seeds = mini / "seeds"
    result = run("extract", "-f", "jsonl", seeds)
    assert result.exit_code == 0, result.stderr
    mentions = jsonl(result.stdout)
    by_text = {(m["doc"], m["text"]): m for m in mentions}
    assert by_text["article.txt", "1965"]["source"] == "history"
    assert by_text["compilation.txt", "2012"]["source"] == "first"
    assert by_text["compilation.txt", "2013"]["source"] == "second"
    texts = {name: (seeds / name).read_text(encoding="utf-8") for name in ("article.txt",)}
    texts["compilation.txt"] = (seeds / "compilation.txt").read_text(encoding="utf-8")
    for m in mentions:
        assert texts[m["doc"]][m["start"] : m["end"]] == m["text"]
    # naming one listed file is the same as finding it in its folder
    one = jsonl(run("extract", "-f", "jsonl", seeds / "compilation.txt").stdout)
    assert one == [m for m in mentions if m["doc"] == "compilation.txt"]


def test_default_is_the_seeds_folder(run, mini, monkeypatch):
    monkeypatch.chdir(mini)
    assert run("extract", "-f", "jsonl").stdout == run("extract", "-f", "jsonl", "seeds").stdout


def test_jobs_2_gives_the_same_output_as_jobs_1(run):
    seeds = ROOT / "seeds"
    one = run("extract", "-f", "jsonl", "--jobs", "1", seeds)
    two = run("extract", "-f", "jsonl", "--jobs", "2", seeds)
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout
    assert len({m["doc"] for m in jsonl(one.stdout)}) == 4


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "json"])
def test_jobs_2_writes_the_same_bytes_as_jobs_1_batch_after_batch(run, tmp_path, fmt):
    """Workers' results are written a batch at a time, one document at a time without them:
    the bytes must not depend on it, header and brackets included."""
    from chronology.corpus import BATCH_UNITS

    shard = tmp_path / "many.jsonl"
    texts = [
        f"Talks began on {n % 28 + 1} March 1998 and ended {n % 5 + 2} days later."
        for n in range(2 * BATCH_UNITS + 22)  # three batches, the last one short
    ]
    records = [{"id": f"d{n:03d}", "text": t, "dct": "1998-03-01"} for n, t in enumerate(texts)]
    shard.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    one = run("extract", "-f", fmt, "--jobs", "1", shard)
    two = run("extract", "-f", fmt, "--jobs", "2", shard)
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout
    assert one.stdout.count("d149") == 2  # the last document's two dates


# --- -o -------------------------------------------------------------------------------------


def test_output_file_replaces_the_old_one_atomically(run, article, tmp_path):
    out = tmp_path / "reports" / "dates.csv"
    out.parent.mkdir()
    out.write_text("old content\n", encoding="utf-8")
    result = run("extract", "-f", "csv", "-o", out, article)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert out.read_text(encoding="utf-8") == run("extract", "-f", "csv", article).stdout
    assert [p.name for p in out.parent.iterdir()] == ["dates.csv"]  # no temporary left over
    count = len(jsonl(run("extract", "-f", "jsonl", article).stdout))
    assert count > 1
    assert result.stderr == f"wrote {out}: {count} mentions from 1 document\n"


def test_output_is_byte_identical_between_runs(run, mini, tmp_path):
    for fmt in ("table", "csv", "jsonl", "json"):
        first, second = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
        run("extract", "-f", fmt, "-o", first, mini / "seeds")
        run("extract", "-f", fmt, "-o", second, mini / "seeds")
        assert first.read_bytes() == second.read_bytes()


# --- --stdin --------------------------------------------------------------------------------


def test_stdin_pipeline_writes_one_object_per_mention(run_input):
    lines = [
        {"id": "a", "text": "It was founded in 1965.", "dct": "2019-03-07"},
        {"id": 7, "text": "Nothing dated here."},
        {"id": "b", "text": "In September 2012 it was delisted."},
    ]
    result = run_input(
        "".join(json.dumps(x) + "\n" for x in lines), "extract", "--stdin", "-f", "jsonl"
    )
    assert result.exit_code == 0, result.stderr
    mentions = jsonl(result.stdout)
    assert [m["doc"] for m in mentions][:1] == ["a"]
    assert {m["doc"] for m in mentions} == {"a", "b"}
    texts = {x["id"]: x["text"] for x in lines}
    for m in mentions:
        assert texts[m["doc"]][m["start"] : m["end"]] == m["text"]
        assert {"doc", "start", "end", "text", "type", "value"} <= m.keys()
    assert any(m["text"] == "1965" and m["value"] == "1965" for m in mentions)


def test_stdin_bad_lines_are_located_and_the_rest_still_processed(run_input):
    stdin = (
        "\n".join(
            [
                '{"id": "ok", "text": "Founded in 1965."}',
                "{not json",
                '{"id": "x"}',
                '{"id": "y", "text": "In 1981.", "dct": "2019-13-01"}',
                '["id", "text"]',
                '{"text": "In 1981."}',
                '{"id": "z", "text": 12}',
                '{"id": "w", "text": "In 1981.", "dct": 2019}',
                '{"id": "v", "text": "caf\xe9 in 1981"}',
                '{"id": "last", "text": "In 2001.", "dct": "2019-03"}',
                "",
            ]
        )
        .encode("utf-8")
        .replace("caf\xe9".encode(), b"caf\xe9")
    )
    result = run_input(stdin, "extract", "--stdin", "-f", "jsonl")
    assert result.exit_code == 1
    assert [m["doc"] for m in jsonl(result.stdout)] == ["ok", "last"]
    assert result.stderr.splitlines() == [
        "<stdin>:2: invalid JSON: Expecting property name enclosed in double quotes (column 2)",
        "<stdin>:3: missing 'text'",
        "<stdin>:4: 'dct' must be a date like 2019-03-07 (or EDTF: 2019-03), got \"2019-13-01\"",
        '<stdin>:5: expected an object {"id": ..., "text": ...}, got an array',
        "<stdin>:6: missing 'id'",
        "<stdin>:7: 'text' must be a string",
        "<stdin>:8: 'dct' must be a date like 2019-03-07 (or EDTF: 2019-03), got 2019",
        "<stdin>:9: not UTF-8 text (byte 0xe9 at column 25)",
    ]


def test_stdin_and_paths_together_are_refused(run_input, article):
    result = run_input("", "extract", "--stdin", str(article))
    assert result.exit_code == 2
    assert result.stderr == "Error: give either --stdin or paths, not both\n"


# --- bad files ------------------------------------------------------------------------------


def test_bad_paths_are_named_and_the_others_still_processed(run, article, tmp_path):
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x00\x00")
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("In 1981,\ncaf\xe9".encode("latin-1"))
    missing = tmp_path / "missing.txt"
    result = run("extract", "-f", "jsonl", missing, binary, article, latin)
    assert result.exit_code == 1
    assert {m["doc"] for m in jsonl(result.stdout)} == {str(article)}
    assert result.stderr.splitlines() == [
        f"{missing}: no such file or folder",
        f"{binary}: binary file, not text",
        f"{latin}:2: not UTF-8 text (byte 0xe9 at offset 12)",
    ]


def test_a_folder_without_sources_reads_its_text_files(run, article, tmp_path):
    (tmp_path / "notes.md").write_text("In 1999.", encoding="utf-8")
    sub = tmp_path / "more"
    sub.mkdir()
    (sub / "other.txt").write_text("In 2001 it happened.", encoding="utf-8")
    mentions = jsonl(run("extract", "-f", "jsonl", tmp_path).stdout)
    assert sorted({m["doc"] for m in mentions}) == sorted([str(article), str(sub / "other.txt")])


# --- any input ------------------------------------------------------------------------------

_WORDS = ["1981", "June", "28,", "the", "early", "1970s", "’67", "two", "years", "ago", "Monday"]
_TEXTS = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from([*_WORDS, " ", "-", "\n", ".", "\xa0"]), max_size=40).map("".join),
)


@given(text=_TEXTS, dct=st.sampled_from([None, "2019-03-07", "2019-03"]))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_stdin_any_unicode_gives_exact_slices_and_no_error(text, dct):
    line = json.dumps({"id": "doc", "text": text, **({"dct": dct} if dct else {})})
    result = CliRunner().invoke(
        app, ["extract", "--stdin", "-f", "jsonl"], input=line + "\n", catch_exceptions=False
    )
    assert result.exit_code == 0, result.stderr
    for mention in jsonl(result.stdout):
        assert text[mention["start"] : mention["end"]] == mention["text"]


# --- news or narrative ----------------------------------------------------------------------

STORY = "In 1941 the Germans invaded. On April 25 the two armies met.\n"


def test_mode_decides_where_a_date_without_a_year_counts_from(run, tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    auto = jsonl(run("extract", "-f", "jsonl", path).stdout)
    narrative = jsonl(run("extract", "-f", "jsonl", "--mode", "narrative", path).stdout)
    assert auto == narrative  # no creation date: the story is all there is
    assert [(m["text"], m["value"], m["anchor"]) for m in narrative] == [
        ("1941", "1941", None),
        ("April 25", "1941-04-25", "story date 1941 at 3"),
    ]


def test_a_bad_mode_is_a_usage_error(run, article):
    result = run("extract", "--mode", "story", article)
    assert result.exit_code == 2
    assert "Invalid value for '--mode'" in result.stderr


def test_sources_yaml_sets_each_articles_mode_and_mode_overrides_it(run, mini):
    seeds = mini / "seeds"
    (seeds / "article.txt").write_text(STORY, encoding="utf-8")
    listed = (seeds / "sources.yaml").read_text(encoding="utf-8")
    news = listed.replace("    stance: critical\n", "    stance: critical\n    mode: news\n", 1)
    (seeds / "sources.yaml").write_text(news, encoding="utf-8")

    def april(*args: str) -> tuple[str, str]:
        mentions = jsonl(run("extract", "-f", "jsonl", *args, seeds / "article.txt").stdout)
        return next((m["value"], m["anchor"]) for m in mentions if m["text"] == "April 25")

    # published 2019-03-07, read as news: last April, counted from the publication date
    assert april() == ("2018-04-25", "publication 2019-03-07")
    assert april("--mode", "narrative") == ("1941-04-25", "story date 1941 at 3")
    bad = listed.replace("    stance: critical\n", "    stance: critical\n    mode: story\n", 1)
    (seeds / "sources.yaml").write_text(bad, encoding="utf-8")
    result = run("extract", seeds / "article.txt")
    assert result.exit_code == 1
    assert "mode" in result.stderr and "sources.yaml" in result.stderr


def test_a_file_full_of_problems_shows_twenty_and_counts_the_rest(run, tmp_path):
    """A mentions file given as a shard has a problem on every line: twenty are shown, then
    one line says how many more, instead of thousands of lines."""
    shard = tmp_path / "mentions.jsonl"
    shard.write_text('{"doc": "a.txt", "text": "1965"}\n' * 25, encoding="utf-8")
    result = run("extract", "-f", "jsonl", shard)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[:20] == [f"{shard}:{n}: missing 'id'" for n in range(1, 21)]
    assert lines[20:] == [f"{shard}: 5 more problems like these (not shown)"]
