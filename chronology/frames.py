"""pandas DataFrames of a chronology, for a data desk's notebooks.

``frames(chronology)`` gives the tables a notebook would otherwise rebuild from the JSON
export: events, accounts (one row per account, the CSV's columns), conflicts (one row per
conflict) and the mentions the extractor finds in the seeds. They are the Parquet tables of
``chronology export --format parquet`` and ``extract --format parquet`` (``chronology.arrow``
defines their columns once), converted: days are ``datetime64`` columns, offsets integers.

pandas is imported here and nowhere on the command line's path, so ``chronology`` starts in a
few tens of milliseconds and only a notebook pays for pandas.

    >>> from chronology.load import load
    >>> from chronology.frames import frames
    >>> desk = frames(load("data/events.yaml", "seeds"))
    >>> desk.conflicts[["event_id", "kind", "label"]].head()
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

    from chronology.extract import Mention
    from chronology.model import Chronology


@dataclass(frozen=True)
class Frames:
    """The chronology as four DataFrames."""

    events: pd.DataFrame
    accounts: pd.DataFrame
    conflicts: pd.DataFrame
    mentions: pd.DataFrame


def to_frame(table: pa.Table) -> pd.DataFrame:
    """An Arrow table as a DataFrame, days as ``datetime64`` (not Python objects)."""
    return table.to_pandas(date_as_object=False)


def frames(chronology: Chronology, mentions: Sequence[Mention] | None = None) -> Frames:
    """Events, accounts, conflicts and mentions of ``chronology`` as DataFrames.

    ``mentions`` default to what the extractor finds in the chronology's seeds; pass the
    result of an archive run (``mentions_frame``) or your own to skip extracting again.
    """
    from chronology.arrow import export_tables, mention_table
    from chronology.export import build
    from chronology.extract import extract_chronology
    from chronology.formats import encode

    tables = export_tables(build(chronology))
    if mentions is None:
        mentions = extract_chronology(chronology)
    return Frames(
        events=to_frame(tables["events"]),
        accounts=to_frame(tables["accounts"]),
        conflicts=to_frame(tables["conflicts"]),
        mentions=to_frame(mention_table(encode(mentions, "parquet"))),
    )


def mentions_frame(path: Path | str) -> pd.DataFrame:
    """The mentions of an ``extract --format parquet`` file or a Dask engine's dataset folder,
    sorted by document and offset."""
    from chronology.arrow import mention_table, read_mentions

    return to_frame(mention_table(read_mentions(path)))
