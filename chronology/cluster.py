"""Extraction beyond one machine: the shards of an archive on a Dask cluster.

``chronology extract --engine dask`` lists the inputs on the client (shards are named, not
opened), puts them in a Dask bag of one partition per shard (text files and seeds documents in
groups of ``FILES_PER_TASK``), and has each worker read its shard, extract every document and
write its mentions as one Parquet part (``part-00000.parquet``, numbered in input order) of a
dataset folder. The mentions are the local engine's, byte for byte after sorting, because each
worker runs the same ``corpus.process`` on the same units.

Why one task per shard: a shard is the unit of storage an archive already has, a worker reads it
sequentially and keeps only a few documents in memory, and a shard that cannot be read fails one
task. Split a large archive into at least a few shards per worker core.

Failures: bad rows and unreadable shards are problems located at ``shard:row``, as locally; a
task whose worker dies is retried by Dask on another worker, and if it keeps dying its inputs
are named as one problem. Every part is written to a temporary name and renamed, and the whole
dataset is written in a temporary folder next to the output and moved into place at the end, so
a reader never sees a half-written dataset presented as complete.

Dask and distributed are an optional extra (``pip install 'chronology[dask]'``): nothing else in
``chronology`` imports them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chronology.corpus import Shard, Unit, process, units
from chronology.errors import ChronologyError, Problem

#: Text files (or seeds documents) per task: enough to outweigh a task's scheduling cost.
FILES_PER_TASK = 64
INSTALL = "the dask engine needs Dask: pip install 'chronology[dask]'"


@dataclass
class PartResult:
    """What one task did: documents and mentions written to its part, and its problems."""

    documents: int = 0
    mentions: int = 0
    problems: list[Problem] = field(default_factory=list)


def tasks(paths: Sequence[Path]) -> list[list[Unit | Shard]]:
    """The inputs as the tasks of a bag: each shard alone, other documents in groups."""
    out: list[list[Unit | Shard]] = []
    group: list[Unit | Shard] = []
    for unit in units(paths, open_shards=False):
        if isinstance(unit, Shard):
            if group:
                out.append(group)
                group = []
            out.append([unit])
            continue
        group.append(unit)
        if len(group) >= FILES_PER_TASK:
            out.append(group)
            group = []
    if group:
        out.append(group)
    return out


def extract_part(task: tuple[int, list[Unit | Shard]], folder: str, mode: str) -> PartResult:
    """Run on a worker: extract one task's documents into ``folder/part-NNNNN.parquet``."""
    from chronology.arrow import ParquetSink
    from chronology.corpus import opened
    from chronology.formats import encode

    number, work = task
    result = PartResult()
    final = Path(folder) / f"part-{number:05d}.parquet"
    tmp = final.with_name(f".{final.name}.tmp")
    sink = ParquetSink(tmp)
    try:
        for unit in opened(work):
            done = process(unit, lambda mentions: encode(mentions, "parquet"), mode)
            result.documents += done.documents
            result.mentions += done.mentions
            if done.problem is not None:
                result.problems.append(done.problem)
            sink.write(done.output)
        sink.close()
        os.replace(tmp, final)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return result


@dataclass
class Run:
    """A finished cluster run: totals and the problems of every task, in input order."""

    documents: int = 0
    mentions: int = 0
    parts: int = 0
    problems: list[Problem] = field(default_factory=list)


def _client(stack: ExitStack, scheduler: str | None, workers: int | None) -> Any:
    """A client of the scheduler at ``scheduler``, or of a LocalCluster closed with ``stack``."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ChronologyError(INSTALL) from None
    if scheduler:
        try:
            return stack.enter_context(Client(scheduler, timeout="20s"))
        except OSError as exc:
            raise ChronologyError(
                f"cannot reach the Dask scheduler at {scheduler}: {_reason(exc)}"
            ) from None
    cluster = stack.enter_context(
        LocalCluster(
            n_workers=workers or os.cpu_count() or 1,
            threads_per_worker=1,  # the extractor is pure Python: one process per core
            processes=True,
            dashboard_address=None,
        )
    )
    return stack.enter_context(Client(cluster))


def extract_dataset(
    paths: Sequence[Path],
    output: Path,
    scheduler: str | None = None,
    workers: int | None = None,
    mode: str = "auto",
) -> Run:
    """Extract the documents under ``paths`` on a Dask cluster into the Parquet dataset folder
    ``output`` (replaced atomically when every task has finished).

    ``scheduler`` is the address of a running scheduler (``tcp://host:8786``); without one, a
    ``distributed.LocalCluster`` of ``workers`` processes (one per CPU by default) is started
    and stopped. Workers must be able to read the inputs and write ``output`` at the same paths
    (shared storage).
    """
    try:
        import dask.bag as db
    except ImportError:
        raise ChronologyError(INSTALL) from None
    from chronology.files import atomic_path

    work = tasks(paths)
    run = Run(parts=len(work))
    with ExitStack() as stack:
        client = _client(stack, scheduler, workers)
        with atomic_path(output, folder=True) as tmp:
            if work:
                bag = db.from_sequence(list(enumerate(work)), npartitions=len(work))
                parts = bag.map(extract_part, folder=str(tmp.resolve()), mode=mode).to_delayed()
                futures = client.compute(parts)
                for task, future in zip(work, futures, strict=True):
                    _collect(run, task, future)
            else:
                from chronology.arrow import ParquetSink

                ParquetSink(tmp / "part-00000.parquet").close()
    return run


def _collect(run: Run, task: list[Unit | Shard], future: Any) -> None:
    try:
        results = future.result()
    except Exception as exc:  # a worker died, or the task failed past Dask's retries
        where = ", ".join(_names(task))
        run.problems.append(Problem(where, 0, 0, f"task failed on the cluster: {_reason(exc)}"))
        return
    for result in results:
        run.documents += result.documents
        run.mentions += result.mentions
        run.problems.extend(result.problems)


def _names(task: list[Unit | Shard]) -> Iterator[str]:
    from chronology.corpus import Document, JsonLine, TextFile

    for unit in task[:3]:
        if isinstance(unit, Shard | TextFile):
            yield unit.path
        elif isinstance(unit, Document):
            yield unit.doc
        elif isinstance(unit, JsonLine):
            yield f"{unit.name}:{unit.number}"
    if len(task) > 3:
        yield f"and {len(task) - 3} more"


def _reason(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
