"""Archives: shards in (JSON Lines, gzipped, Parquet), streamed output, Parquet out, bad shards."""

import gzip
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from chronology.arrow import read_mentions
from chronology.corpus import Document, extract_all, extract_stream, units
from chronology.formats import encode, render

DOCS = [
    {"id": "a", "text": "It was founded in 1965. Two years later it split.", "dct": "2019-03-07"},
    {"id": "b", "text": "On June 28, 1981, a bomb destroyed the headquarters."},
    {"id": "c", "text": "Nothing dated here."},
    {"id": "d", "text": "In September 2012 the US removed it from its list.", "dct": "2019"},
]


def jsonl(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines()]


@pytest.fixture
def shards(tmp_path: Path) -> Path:
    """The same four documents split over a .jsonl, a .jsonl.gz and a .parquet shard."""
    folder = tmp_path / "shards"
    folder.mkdir()
    (folder / "part-0.jsonl").write_text(json.dumps(DOCS[0]) + "\n", encoding="utf-8")
    with gzip.open(folder / "part-1.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write(json.dumps(DOCS[1]) + "\n\n")
    table = pa.table(
        {
            "id": [d["id"] for d in DOCS[2:]],
            "text": [d["text"] for d in DOCS[2:]],
            "dct": [d.get("dct") for d in DOCS[2:]],
        }
    )
    pq.write_table(table, folder / "part-2.parquet")
    return folder


@pytest.fixture
def expected(run_input) -> list[dict]:
    """The mentions of DOCS read from stdin: what every input route must give."""
    stdin = "".join(json.dumps(d) + "\n" for d in DOCS)
    result = run_input(stdin, "extract", "--stdin", "-f", "jsonl")
    assert result.exit_code == 0, result.stderr
    return jsonl(result.stdout)


@pytest.fixture
def run_input():
    from typer.testing import CliRunner

    from chronology.cli import app

    def invoke(stdin: str | bytes, *args: str):
        return CliRunner().invoke(app, [str(a) for a in args], input=stdin, catch_exceptions=False)

    return invoke


def test_a_folder_of_shards_gives_the_same_mentions_as_stdin(run, shards, expected):
    assert {m["doc"] for m in expected} == {"a", "b", "d"}
    for jobs in ("1", "2"):
        result = run("extract", "-f", "jsonl", "--jobs", jobs, shards)
        assert result.exit_code == 0, result.stderr
        assert jsonl(result.stdout) == expected


def test_each_shard_can_be_named(run, shards, expected):
    named = [shards / "part-2.parquet", shards / "part-0.jsonl", shards / "part-1.jsonl.gz"]
    result = run("extract", "-f", "jsonl", *named)
    assert result.exit_code == 0, result.stderr
    order = {"c": 0, "d": 0, "a": 1, "b": 2}
    assert jsonl(result.stdout) == sorted(expected, key=lambda m: order[m["doc"]])


def test_json_is_streamed_byte_for_byte_like_one_dump(run, shards):
    lines = jsonl(run("extract", "-f", "jsonl", shards).stdout)
    streamed = run("extract", "-f", "json", shards).stdout
    assert streamed == json.dumps(lines, ensure_ascii=False, indent=2) + "\n"
    assert run("extract", "-f", "json", shards / "part-2.parquet").stdout.startswith("[\n  {")
    empty = shards / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    assert run("extract", "-f", "json", empty).stdout == "[]\n"


def test_render_and_the_streaming_writer_agree():
    documents = [Document(d["id"], d["text"]) for d in DOCS]
    mentions = extract_all(documents)
    records = [m.to_dict() for m in mentions]
    for fmt in ("csv", "jsonl", "json", "table"):
        parts: list[str] = []
        from chronology.formats import Writer

        writer = Writer(fmt, parts.append)
        for done in extract_stream(documents, 1, lambda ms, fmt=fmt: encode(ms, fmt)):
            writer.add(done.output)
        writer.close()
        assert "".join(parts) == render(records, fmt), fmt


def test_jsonl_is_written_before_the_input_ends(tmp_path):
    """A pipeline sees each document's mentions while later documents are still unread."""
    read: list[str] = []

    def source():
        for d in DOCS:
            read.append(d["id"])
            yield Document(d["id"], d["text"])

    stream = extract_stream(source(), 1, lambda mentions: mentions)
    first = next(stream)
    assert first.mentions > 0
    assert read == ["a"]


def test_parquet_output_round_trips(run, shards, expected, tmp_path):
    out = tmp_path / "mentions.parquet"
    result = run("extract", "-f", "parquet", "-o", out, shards)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"wrote {out}: {len(expected)} mentions from 4 documents\n"
    table = pq.read_table(out)
    assert table.schema.field("start").type == pa.int64()
    assert table.schema.field("earliest").type == pa.date32()
    back = read_mentions(out)
    assert [{k: v for k, v in m.items() if k != "sentence_start"} for m in back] == [
        {key: m.get(key) for key in table.schema.names if key != "sentence_start"}
        for m in sorted(expected, key=lambda m: (m["doc"], m["start"]))
    ]
    assert all(
        m["sentence"].startswith(m["text"]) == (m["sentence_start"] == m["start"]) for m in back
    )
    again = tmp_path / "again.parquet"
    run("extract", "-f", "parquet", "-o", again, "--jobs", "2", shards)
    assert again.read_bytes() == out.read_bytes()


def test_parquet_needs_a_file(run, shards):
    result = run("extract", "-f", "parquet", shards)
    assert result.exit_code == 2
    assert "parquet is a binary format: give a file with -o" in result.stderr


def test_bad_shards_are_located_and_the_others_still_processed(run, shards, tmp_path):
    pq.write_table(pa.table({"id": ["x"], "body": ["In 1999."]}), shards / "no-text.parquet")
    (shards / "broken.parquet").write_bytes(b"PAR1 not really")
    (shards / "rows.jsonl").write_text(
        '{"id": "ok", "text": "In 1999."}\n{"id": "bad"}\n', encoding="utf-8"
    )
    pq.write_table(
        pa.table({"id": ["p", None], "text": [None, "In 2001."]}), shards / "rows.parquet"
    )
    (shards / "cut.jsonl.gz").write_bytes(gzip.compress(b'{"id": "g", "text": "In 1999."}\n')[:-12])
    out = tmp_path / "out.jsonl"
    result = run("extract", "-f", "jsonl", "-o", out, shards)
    assert result.exit_code == 1
    first, broken, *rest = result.stderr.splitlines()
    assert first.startswith(f"wrote {out}: ")
    assert broken.startswith(f"{shards / 'broken.parquet'}: not a readable Parquet file (")
    assert rest == [
        f"{shards / 'cut.jsonl.gz'}:1: cannot read: Compressed file ended before the "
        "end-of-stream marker was reached",
        f"{shards / 'no-text.parquet'}: no 'text' column (columns: id, body)",
        f"{shards / 'rows.jsonl'}:2: missing 'text'",
        f"{shards / 'rows.parquet'}:1: missing 'text'",
        f"{shards / 'rows.parquet'}:2: missing 'id'",
    ]
    docs = {m["doc"] for m in jsonl(out.read_text(encoding="utf-8"))}
    assert docs == {"a", "b", "d", "ok"}


def test_units_are_lazy_over_a_shard(tmp_path):
    shard = tmp_path / "big.jsonl"
    shard.write_text("".join(json.dumps(d) + "\n" for d in DOCS * 50), encoding="utf-8")
    stream = units([shard])
    first = next(stream)
    assert first.number == 1 and first.name == str(shard)


def test_export_parquet_writes_events_accounts_and_conflicts(run, mini, tmp_path):
    out = tmp_path / "reports" / "tables"
    args = ("export", "--events", mini / "events.yaml", "--seeds", mini / "seeds")
    result = run(*args, "-f", "parquet", "-o", out)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        f"wrote events.parquet, accounts.parquet, conflicts.parquet to {out}\n"
    )
    accounts = pq.read_table(out / "accounts.parquet").to_pylist()
    csv_rows = run(*args, "-f", "csv", "-o", "-").stdout.splitlines()
    assert len(accounts) == len(csv_rows) - 1 > 0
    assert accounts[0]["account"] == 0 and isinstance(accounts[0]["open_start"], bool)
    conflicts = pq.read_table(out / "conflicts.parquet").to_pylist()
    model = json.loads(run(*args, "-o", "-").stdout)
    expected = [(e["id"], c["label"]) for e in model["events"] for c in e["conflicts"]]
    assert [(c["event_id"], c["label"]) for c in conflicts] == expected
    first = pq.read_table(out / "events.parquet").to_pylist()
    again = run(*args, "-f", "parquet", "-o", out)  # replaces the folder
    assert again.exit_code == 0
    assert pq.read_table(out / "events.parquet").to_pylist() == first
    assert sorted(p.name for p in out.parent.iterdir()) == ["tables"]  # no temporary left


def test_frames_are_the_export_tables_and_the_seeds_mentions(mini):
    from chronology.extract import extract_chronology
    from chronology.frames import frames
    from chronology.load import load

    chronology = load(mini / "events.yaml", mini / "seeds")
    desk = frames(chronology)
    mentions = extract_chronology(chronology)
    assert list(desk.mentions["text"]) == [m.text for m in mentions]
    assert str(desk.mentions["earliest"].dtype).startswith("datetime64")
    assert set(desk.accounts["event_id"]) == {e.id for e in chronology.events}
    assert len(desk.events) == len(chronology.events)
    assert list(desk.conflicts.columns[:3]) == ["event_id", "event_title", "conflict"]


def test_the_command_line_never_imports_pandas_or_pyarrow(tmp_path):
    import subprocess
    import sys

    text = tmp_path / "a.txt"
    text.write_text("In 1981.", encoding="utf-8")
    code = (
        "import sys\n"
        "from chronology.cli import main\n"
        f"sys.argv = ['chronology', 'extract', '-f', 'jsonl', {str(text)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('pandas', 'pyarrow', 'scipy') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines()[-1] == "[]"


def test_dask_engine_gives_the_local_mentions_and_locates_bad_shards(run, shards, tmp_path):
    """One LocalCluster of two worker processes (a few seconds): the dataset holds the local
    engine's mentions, byte for byte once sorted, and a bad shard is a located problem."""
    (shards / "rows.jsonl").write_text(
        '{"id": "ok", "text": "In 1999."}\n{"id": "bad"}\n', encoding="utf-8"
    )
    pq.write_table(pa.table({"id": ["x"], "body": ["In 1999."]}), shards / "no-text.parquet")
    local = tmp_path / "local.parquet"
    expected = run("extract", "-f", "parquet", "-o", local, shards)
    assert expected.exit_code == 1
    out = tmp_path / "dataset"
    result = run(
        "extract", "--engine", "dask", "--workers", "2", "-f", "parquet", "-o", out, shards
    )
    assert result.exit_code == 1
    wrote, *problems = result.stderr.splitlines()
    assert wrote == f"wrote {out}: 5 mentions from 5 documents in 5 parts"
    assert (
        problems
        == expected.stderr.splitlines()[1:]
        == [
            f"{shards / 'no-text.parquet'}: no 'text' column (columns: id, body)",
            f"{shards / 'rows.jsonl'}:2: missing 'text'",
        ]
    )
    assert sorted(p.name for p in out.iterdir()) == [f"part-{n:05d}.parquet" for n in range(5)]
    ours = "".join(json.dumps(r, default=str) + "\n" for r in read_mentions(out))
    theirs = "".join(json.dumps(r, default=str) + "\n" for r in read_mentions(local))
    assert ours == theirs and len(ours.splitlines()) == 5


def test_dask_engine_says_how_to_install_dask(run, shards, tmp_path, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "dask.bag", None)
    result = run("extract", "--engine", "dask", "-o", tmp_path / "out", shards)
    assert result.exit_code == 1
    assert result.stderr == "Error: the dask engine needs Dask: pip install 'chronology[dask]'\n"
    assert not (tmp_path / "out").exists()


def test_reconcile_reads_mentions_from_a_parquet_dataset(run, mini, tmp_path):
    args = ("--events", mini / "events.yaml", "--seeds", mini / "seeds")
    mentions = tmp_path / "mentions.parquet"
    assert run("extract", "-f", "parquet", "-o", mentions, mini / "seeds").exit_code == 0
    direct = run("reconcile", *args, "--out-dir", tmp_path / "a")
    via = run("reconcile", *args, "--out-dir", tmp_path / "b", "--mentions", mentions)
    assert via.exit_code == direct.exit_code == 0, via.stderr
    assert (tmp_path / "a" / "reconcile.json").read_bytes() == (
        tmp_path / "b" / "reconcile.json"
    ).read_bytes()


def shard_doc(record: dict) -> Document:
    from chronology.dates import DateValue

    dct = record.get("dct")
    return Document(record["id"], record["text"], DateValue.parse(dct) if dct else None)


def _die_on_b(mentions):
    """An encoder that kills its worker process on document "b" (as running out of memory
    would); module-level so worker processes can unpickle it."""
    import os

    if any(m.doc == "b" for m in mentions):
        os._exit(9)
    return encode(mentions, "jsonl")


def test_a_worker_that_dies_costs_only_its_document(tmp_path):
    shard = tmp_path / "docs.jsonl"
    shard.write_text("".join(json.dumps(d) + "\n" for d in DOCS), encoding="utf-8")
    results = list(extract_stream(units([shard]), 2, _die_on_b))
    assert [str(r.problem) for r in results if r.problem is not None] == [
        f"{shard}:2: a worker process died extracting it (out of memory?)"
    ]
    assert [json.loads(line) for r in results for line in r.output] == [
        m.to_dict() for m in extract_all([shard_doc(d) for d in DOCS if d["id"] != "b"])
    ]


def test_a_shard_that_is_a_fifo_is_refused_not_waited_on(run, tmp_path):
    import os

    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    result = run("extract", "-f", "jsonl", fifo)
    assert result.exit_code == 1
    assert result.stderr == f"{fifo}: not a regular file\n"


def test_mode_applies_to_every_document_a_worker_reads(run, tmp_path):
    story = "In 1941 the Germans invaded. On April 25 the two armies met.\n"
    shard = tmp_path / "stories.jsonl"
    shard.write_text(
        json.dumps({"id": "s", "text": story, "dct": "2019-03-07"}) + "\n", encoding="utf-8"
    )

    def april(*args: str) -> str:
        result = run("extract", "-f", "jsonl", *args, shard)
        return next(m["value"] for m in jsonl(result.stdout) if m["text"] == "April 25")

    for jobs in ("1", "2"):
        assert april("--jobs", jobs, "--mode", "narrative") == "1941-04-25"
        assert april("--jobs", jobs, "--mode", "news") != "1941-04-25"


def test_a_parquet_shard_can_name_each_documents_language(run, tmp_path):
    shard = tmp_path / "langs.parquet"
    table = pa.table(
        {"id": ["en", "xx"], "text": ["In 1981.", "In 1981."], "language": ["en", "x"]}
    )
    pq.write_table(table, shard)
    result = run("extract", "-f", "jsonl", shard)
    assert result.exit_code == 1
    assert [m["doc"] for m in jsonl(result.stdout)] == ["en"]
    assert result.stderr == (
        f"{shard}:2: 'language' must be an ISO 639-1 code such as en, fr, de, es, ar or fa, "
        'got "x"\n'
    )
