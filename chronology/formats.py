"""Writing extracted mentions out: a table for people, CSV, JSON Lines and JSON for programs.

Every format works from the same JSON-ready records (``Mention.to_dict()`` or the pipeline
mode's dicts), so a column means the same thing everywhere, and every output is deterministic:
fixed key and column order, no timestamps, ``\\n`` line ends, so the same input gives
byte-identical files that diff cleanly between runs.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from chronology.errors import printable

if TYPE_CHECKING:
    from chronology.extract import Mention

FORMATS = ("table", "csv", "jsonl", "json", "parquet")
#: Formats written as the documents are extracted; a table is laid out once all rows are known.
STREAMED = ("csv", "jsonl", "json", "parquet")
#: Formats that are bytes, not text (never written to a terminal).
BINARY = ("parquet",)


def plural(n: int, noun: str) -> str:
    """'1 event', '2 events': the one place counts are put into words for readers."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


# CSV columns, in order: every field a mention can carry, so a spreadsheet never loses one.
CSV_COLUMNS = (
    "doc",
    "source",
    "start",
    "end",
    "text",
    "type",
    "value",
    "mod",
    "edtf",
    "earliest",
    "latest",
    "interval",
    "anchor",
    "sentence",
)

#: Parquet columns: the CSV's, and the offset of the sentence (reconcile groups by it).
PARQUET_COLUMNS = (*CSV_COLUMNS, "sentence_start")

# Table columns: (header, widest it may grow to, narrowest it may shrink to on a small
# terminal). Offsets and type are never cut. The sentence takes whatever width is left.
_TABLE_COLUMNS: tuple[tuple[str, int, int], ...] = (
    ("source", 22, 8),
    ("at", 11, 11),
    ("text", 24, 10),
    ("type", 8, 8),
    ("value", 14, 8),
    ("edtf", 12, 8),
    ("anchor", 20, 6),
)
_MIN_SENTENCE = 30
DEFAULT_WIDTH = 200  # off a terminal (a file, a pipe): wide enough for the sentence

Record = Mapping[str, Any]


def render(records: Iterable[Record], fmt: str, *, width: int = DEFAULT_WIDTH) -> str:
    """The whole output of ``chronology extract`` in one text format, as one string."""
    if fmt not in FORMATS or fmt in BINARY:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    parts: list[str] = []
    writer = Writer(fmt, parts.append, width=width)
    writer.add(pieces(list(records), fmt))
    writer.close()
    return "".join(parts)


def encode(
    mentions: Sequence[Mention],
    fmt: str,
    record: Callable[[Mention], Record] | None = None,
) -> list[Any]:
    """One document's mentions ready for a ``Writer``: one output string per mention for the
    text formats, the records themselves for a table or Parquet.

    Runs where the mentions are found (in a worker under ``--jobs``), so that formatting is as
    parallel as extraction. ``record`` turns a mention into its output record
    (``Mention.to_dict`` by default).
    """
    records = [m.to_dict() if record is None else record(m) for m in mentions]
    if fmt in BINARY:
        # a table keeps where each sentence starts, so reconcile can read mentions back
        starts = (m.sentence_start for m in mentions)
        records = [{**r, "sentence_start": at} for r, at in zip(records, starts, strict=True)]
    return pieces(records, fmt)


def pieces(records: Sequence[Record], fmt: str) -> list[Any]:
    """Records as ``Writer.add`` takes them in ``fmt`` (see ``encode``)."""
    if fmt == "jsonl":
        return [json_line(r) for r in records]
    if fmt == "csv":
        return [csv_row(r) for r in records]
    if fmt == "json":
        return [json_item(r) for r in records]
    return list(records)


class Writer:
    """Writes encoded documents as they come, in one text format, through ``write``.

    CSV writes its header first and JSON its opening bracket, so the output is the same,
    byte for byte, as ``render`` of all the records at once; only a table waits for the end
    (its column widths depend on every row).
    """

    def __init__(self, fmt: str, write: Callable[[str], None], *, width: int = DEFAULT_WIDTH):
        if fmt not in FORMATS or fmt in BINARY:
            raise ValueError(f"unknown text format {fmt!r}")
        self.fmt, self.width, self._write = fmt, width, write
        self._rows: list[Record] = []
        self.count = 0
        if fmt == "csv":
            write(to_csv([]))

    def add(self, items: Sequence[Any]) -> None:
        """One document's ``encode`` output."""
        if self.fmt == "table":
            self._rows.extend(items)
        elif items:
            if self.fmt == "json":
                lead = "[\n" if self.count == 0 else ",\n"
                self._write(lead + ",\n".join(items))
            else:
                self._write("".join(items))
        self.count += len(items)

    def close(self) -> None:
        if self.fmt == "table":
            self._write(table(self._rows, width=self.width))
        elif self.fmt == "json":
            self._write("\n]\n" if self.count else "[]\n")


def json_item(record: Record) -> str:
    """One record as an element of the JSON array ``render`` writes (indented by two)."""
    return "  " + json.dumps(record, ensure_ascii=False, indent=2).replace("\n", "\n  ")


def csv_row(record: Record, columns: Sequence[str] = CSV_COLUMNS) -> str:
    """One CSV line (RFC 4180 quoting, ``\\n`` ending) with ``columns`` in order."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(
        ["" if record.get(c) is None else record[c] for c in columns]
    )
    return buffer.getvalue()


def json_line(record: Record) -> str:
    """One record as one line of JSON Lines (UTF-8 kept readable, not \\u-escaped)."""
    return json.dumps(record, ensure_ascii=False) + "\n"


def to_csv(rows: Sequence[Record], columns: Sequence[str] = CSV_COLUMNS) -> str:
    """RFC 4180 CSV with a header; empty cells for fields a record does not have.

    ``columns`` defaults to the mention columns; ``chronology export --format csv`` passes its
    own, so both commands quote and end lines the same way.
    """
    header = dict(zip(columns, columns, strict=True))
    return "".join(csv_row(row, columns) for row in [header, *rows])


def table(rows: Sequence[Record], *, width: int = DEFAULT_WIDTH) -> str:
    """A plain-text table fitted to ``width`` columns, one mention per line.

    Long cells are cut with an ellipsis rather than wrapped, so each mention stays on one line
    and the table can be read with ``less -S`` or grepped. The sentence is the last column and
    gets the room the others leave, around the mention (which is what a reader needs to see).
    """
    if not rows:
        return "no temporal expressions found\n"
    cells = [_cells(row) for row in rows]
    headers = [name for name, _, _ in _TABLE_COLUMNS]
    widths = [
        min(limit, max(len(name), *(len(c[i]) for c in cells)))
        for i, (name, limit, _) in enumerate(_TABLE_COLUMNS)
    ]
    # on a narrow terminal, narrow the widest columns first, down to a readable minimum
    while sum(widths) + 2 * len(widths) + _MIN_SENTENCE > width:
        slack = [w - low for w, (_, _, low) in zip(widths, _TABLE_COLUMNS, strict=True)]
        if max(slack) <= 0:
            break
        widest = max(range(len(widths)), key=lambda i: (slack[i] > 0, widths[i]))
        widths[widest] -= 1
    used = sum(widths) + 2 * len(widths)
    sentence_width = max(10, width - used)
    lines = [_line([*headers, "sentence"], [*widths, sentence_width])]
    lines.append(_line(["-" * w for w in [*widths, sentence_width]], [*widths, sentence_width]))
    for row, cell in zip(rows, cells, strict=True):
        sentence = _around(row, sentence_width)
        lines.append(_line([*cell, sentence], [*widths, sentence_width]))
    return "\n".join(lines) + "\n"


def _cells(row: Record) -> list[str]:
    value = str(row.get("value") or "")
    if row.get("mod"):
        value = f"{value} {row['mod']}"
    return [
        str(row.get("source") or row.get("doc") or ""),
        f"{row.get('start')}-{row.get('end')}",
        _flat(str(row.get("text") or "")),
        str(row.get("type") or ""),
        value,
        str(row.get("interval") or row.get("edtf") or ""),
        str(row.get("anchor") or ""),
    ]


def _around(row: Record, width: int) -> str:
    """The sentence cut to ``width``, keeping the mention itself in view."""
    sentence = _flat(str(row.get("sentence") or ""))
    if len(sentence) <= width:
        return sentence
    at = sentence.find(_flat(str(row.get("text") or "")))
    if at < 0 or at + len(str(row.get("text") or "")) <= width - 1:
        return sentence[: width - 1] + "…"
    begin = max(0, min(at - width // 3, len(sentence) - width + 1))
    piece = "…" + sentence[begin + 1 : begin + width - 1]
    return piece + "…" if begin + width - 1 < len(sentence) else piece


def _flat(text: str) -> str:
    """Whitespace runs (newlines, tabs, no-break spaces) as one space, for one-line cells."""
    return " ".join(text.split())


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _line(cells: Sequence[str], widths: Sequence[int]) -> str:
    # a document's escape sequences must not act on the reader's terminal
    cells = [printable(c) for c in cells]
    # the first column names the document: a long path keeps its end (the file name)
    first = cells[0]
    if len(first) > widths[0]:
        first = "…" + first[-widths[0] + 1 :] if "/" in first else _fit(first, widths[0])
    fitted = [first, *(_fit(c, w) for c, w in zip(cells[1:], widths[1:], strict=True))]
    return "  ".join(c.ljust(w) for c, w in zip(fitted, widths, strict=True)).rstrip()
