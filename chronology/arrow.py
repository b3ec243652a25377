"""Parquet in and out, through pyarrow: shards of documents, and tables of mentions and accounts.

Why Parquet: it is what a data desk's notebooks, DuckDB and Dask read fastest, with column
types kept (a day is a date, an offset an integer), and a partitioned dataset is how an archive
is split across a cluster. pyarrow is imported only here, and only when a Parquet file is read
or written, so the command starts as fast as before.

Outputs are deterministic: a fixed schema and column order, row groups of a fixed size, no
pandas metadata and no timestamps, so the same input gives byte-identical files (for one pyarrow
version, which names itself in the file's footer).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chronology.errors import Problem
from chronology.formats import PARQUET_COLUMNS

if TYPE_CHECKING:
    import pyarrow as pa

    from chronology.corpus import Unit
    from chronology.export import ExportModel
    from chronology.extract import Mention

#: Rows per Parquet row group (and per batch read from a shard): small enough that reading or
#: writing one never holds much of a corpus in memory.
ROW_GROUP = 10_000
READ_BATCH = 64
_DAYS = ("earliest", "latest")
_INTEGERS = ("start", "end", "sentence_start")


def mention_schema() -> pa.Schema:
    """The mentions table: the CSV columns and ``sentence_start``, with offsets as integers
    and bounds as days."""
    import pyarrow as pa

    def kind(name: str) -> pa.DataType:
        if name in _INTEGERS:
            return pa.int64()
        if name in _DAYS:
            return pa.date32()
        return pa.string()

    return pa.schema(
        [pa.field(name, kind(name), nullable=name not in _INTEGERS) for name in PARQUET_COLUMNS]
    )


def mention_table(records: Sequence[Mapping[str, Any]]) -> pa.Table:
    """Mention records (``Mention.to_dict()``) as an Arrow table with ``mention_schema``."""
    return _table(records, mention_schema())


def _table(rows: Sequence[Mapping[str, Any]], schema: pa.Schema) -> pa.Table:
    """Rows as a table with ``schema``; ISO days become dates."""
    import pyarrow as pa

    columns: dict[str, list[Any]] = {name: [] for name in schema.names}
    days = {f.name for f in schema if f.type == pa.date32()}
    for row in rows:
        for name, values in columns.items():
            value = row.get(name)
            if name in days and value is not None:
                value = dt.date.fromisoformat(value)
            values.append(value)
    return pa.table(columns, schema=schema)


#: Column types of the export tables, by name; every other column is text.
_EXPORT_TYPES = {
    "account": "int64",
    "start": "int64",
    "end": "int64",
    "line": "int64",
    "conflict": "int64",
    "accounts": "int64",
    "conflicts": "int64",
    "earliest": "date32",
    "latest": "date32",
    "open_start": "bool_",
    "open_end": "bool_",
    "on_conflict_side": "bool_",
    "gap": "float64",
    "gap_days": "int64",
    "gap_at_least": "bool_",
    "sides": "list<list<string>>",
    "side_source_names": "list<list<string>>",
    "side_labels": "list<string>",
    "side_sources": "list<int64>",
}

EVENT_COLUMNS = (
    "id",
    "title",
    "category",
    "summary",
    "note",
    "line",
    "earliest",
    "latest",
    "agreement",
    "accounts",
    "conflicts",
)


def _schema(columns: Sequence[str]) -> pa.Schema:
    import pyarrow as pa

    def kind(name: str) -> pa.DataType:
        spelled = _EXPORT_TYPES.get(name, "string")
        if spelled == "list<list<string>>":
            return pa.list_(pa.list_(pa.string()))
        if spelled.startswith("list<"):
            return pa.list_(getattr(pa, spelled[5:-1])())
        return getattr(pa, spelled)()

    return pa.schema([pa.field(name, kind(name)) for name in columns])


def export_tables(model: ExportModel) -> dict[str, pa.Table]:
    """The export model as three tables: ``events``, ``accounts`` (one row per account, the
    CSV's columns) and ``conflicts`` (one row per conflict)."""
    from chronology.export import CONFLICT_COLUMNS, account_rows, conflict_rows
    from chronology.export import CSV_COLUMNS as ACCOUNT_COLUMNS

    events = [
        {
            **{key: e.get(key) for key in EVENT_COLUMNS},
            "accounts": len(e["accounts"]),
            "conflicts": len(e["conflicts"]),
        }
        for e in model["events"]
    ]
    return {
        "events": _table(events, _schema(EVENT_COLUMNS)),
        "accounts": _table(account_rows(model), _schema(ACCOUNT_COLUMNS)),
        "conflicts": _table(conflict_rows(model), _schema(CONFLICT_COLUMNS)),
    }


def write_export(folder: Path, model: ExportModel) -> list[Path]:
    """``events.parquet``, ``accounts.parquet`` and ``conflicts.parquet`` in ``folder``."""
    written = []
    for name, table in export_tables(model).items():
        path = folder / f"{name}.parquet"
        write_table(path, table)
        written.append(path)
    return written


class ParquetSink:
    """Writes records to one Parquet file, a row group at a time (bounded memory)."""

    def __init__(self, path: Path | str, schema: pa.Schema | None = None) -> None:
        import pyarrow.parquet as pq

        self.schema = schema if schema is not None else mention_schema()
        self._writer = pq.ParquetWriter(str(path), self.schema, compression="zstd")
        self._rows: list[Mapping[str, Any]] = []
        self.count = 0

    def write(self, records: Sequence[Mapping[str, Any]]) -> None:
        self._rows.extend(records)
        self.count += len(records)
        if len(self._rows) >= ROW_GROUP:
            self._flush()

    def _flush(self) -> None:
        while self._rows:
            chunk, self._rows = self._rows[:ROW_GROUP], self._rows[ROW_GROUP:]
            self._writer.write_table(mention_table(chunk), row_group_size=ROW_GROUP)

    def close(self) -> None:
        self._flush()
        self._writer.close()


def write_table(path: Path | str, table: pa.Table) -> None:
    """One table to one Parquet file (the caller makes it atomic)."""
    import pyarrow.parquet as pq

    pq.write_table(table, str(path), compression="zstd", row_group_size=ROW_GROUP)


def parquet_documents(path: Path) -> Iterator[Unit]:
    """The documents of a Parquet shard with columns ``id``, ``text`` and optional ``dct``,
    one per row, read a few rows at a time; a bad row is a problem at ``shard:row``."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from chronology.corpus import document

    name = str(path)
    try:
        shard = pq.ParquetFile(name)
    except (OSError, pa.ArrowException) as exc:
        yield Problem(name, 0, 0, f"not a readable Parquet file ({_reason(exc)})")
        return
    columns = shard.schema_arrow.names
    missing = [c for c in ("id", "text") if c not in columns]
    if missing:
        wanted = " and ".join(f"'{c}'" for c in missing)
        yield Problem(name, 0, 0, f"no {wanted} column (columns: {', '.join(columns)})")
        return
    optional = [c for c in ("dct", "language") if c in columns]
    wanted_columns = ["id", "text", *optional]
    row = 0
    try:
        for batch in shard.iter_batches(batch_size=READ_BATCH, columns=wanted_columns):
            values = batch.to_pydict()
            dcts = values.get("dct") or [None] * batch.num_rows
            languages = values.get("language") or [None] * batch.num_rows
            rows = zip(values["id"], values["text"], dcts, languages, strict=True)
            for doc, text, dct, language in rows:
                row += 1
                yield document(name, row, doc, text, dct, language)
    except (OSError, pa.ArrowException) as exc:
        yield Problem(name, row + 1, 0, f"cannot read row ({_reason(exc)})")


def _reason(exc: Exception) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def mentions_from_records(records: Sequence[Mapping[str, Any]]) -> list[Mention]:
    """Mentions back from Parquet records (``read_mentions``), for reconcile."""
    from chronology.dates import DateValue
    from chronology.extract import Mention

    dates: dict[tuple[str, str | None], DateValue] = {}
    modifiers = {"START": "early", "MID": "mid", "END": "late"}

    def date(edtf: str | None, mod: str | None) -> DateValue | None:
        if edtf is None:
            return None
        key = (edtf, modifiers.get(mod or ""))
        if key not in dates:
            dates[key] = DateValue.parse(*key)
        return dates[key]

    return [
        Mention(
            doc=r["doc"],
            source=r["source"],
            start=r["start"],
            end=r["end"],
            text=r["text"],
            type=r["type"],
            value=r["value"],
            mod=r["mod"],
            date=date(r["edtf"], r["mod"]),
            anchor=r["anchor"],
            sentence=r["sentence"],
            sentence_start=r["sentence_start"],
            interval=r["interval"],
        )
        for r in records
    ]


def read_mentions(path: Path | str) -> list[dict[str, Any]]:
    """Mention records from a Parquet file or a partitioned dataset folder of them, sorted by
    document and offset (a dataset's parts may come back in any order)."""
    import pyarrow.dataset as ds

    table = ds.dataset(str(path), format="parquet", schema=mention_schema()).to_table()
    records = []
    for record in table.to_pylist():
        for name in _DAYS:
            if record[name] is not None:
                record[name] = record[name].isoformat()
        records.append(record)
    records.sort(key=lambda r: (r["doc"], r["start"], r["end"], r["source"] or ""))
    return records


def read_mention_objects(path: Path | str) -> list[Mention]:
    """The mentions of a Parquet file or dataset folder, as the extractor's ``Mention`` s;
    a file that is not a mentions table is a one-line error naming it."""
    import pyarrow as pa

    from chronology.errors import ChronologyError

    try:
        records = read_mentions(path)
    except (OSError, pa.ArrowException) as exc:
        raise ChronologyError(
            [Problem(str(path), 0, 0, f"not a mentions table ({_reason(exc)})")]
        ) from None
    return mentions_from_records(records)
