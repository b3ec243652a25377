"""Benchmark: conflict analysis and export of 10,000 synthetic events with 5 accounts each.

Why: ``export.build`` compares every pair of accounts within each event (dates and shared
figures) and groups sides; this checks that the cost stays linear in the number of events.
Prints the seconds taken by ``build()`` (best of three) and the conflicts it found.

    python bench/bench_conflicts.py [--events 10000] [--accounts 5]
"""

from __future__ import annotations

import argparse
import functools
import random
import time

from chronology.dates import DateValue
from chronology.export import build, dumps
from chronology.model import Account, Chronology, Event, Source

SOURCES = 8
# few distinct dates per year: parsing (the edtf syntax gate) costs milliseconds per date
FORMS = ("{y}", "{y}-03", "{y}-09", "{y}-09-15", "{y}~", "{dec}X", "{y}/{y2}")


@functools.cache
def _parse(text: str, modifier: str | None) -> DateValue:
    """Parse each distinct date once: EDTF syntax checking dominates building the data."""
    return DateValue.parse(text, modifier)


def _date(rng: random.Random, year: int) -> tuple[DateValue, str | None]:
    y = year + rng.choice((0, 0, 0, 1, -1))
    text = rng.choice(FORMS).format(y=y, dec=str(y)[:3], y2=y + 1)
    modifier = rng.choice((None, None, None, None, "early", "late")) if "X" in text else None
    return _parse(text, modifier), modifier


def synthetic(events: int, accounts: int, seed: int = 1) -> Chronology:
    """A deterministic chronology: dates near a per-event year, some figures, some citations."""
    rng = random.Random(seed)
    sources = [
        Source(
            id=f"s{i}",
            document=f"s{i}.txt",
            title=f"Source {i}",
            outlet=f"Outlet {i % 3}",
            published="2020",
            stance="critical" if i % 2 else "supportive",
        )
        for i in range(SOURCES)
    ]
    built = []
    for n in range(events):
        year = rng.randint(1950, 2020)
        items = []
        for _ in range(accounts):
            date, modifier = _date(rng, year)
            killed = rng.choice((10, 12, "~10", ">8", "20-30"))
            figures = {"killed": killed} if rng.random() < 0.3 else {}
            items.append(
                Account(
                    source=f"s{rng.randrange(SOURCES)}",
                    date=date,
                    modifier=modifier,
                    quote=f"Something happened in {date.edtf}.",
                    cited=rng.choice((None, None, "Agency A", "agency a (video)", "Agency B")),
                    figures=figures,
                )
            )
        built.append(Event(id=f"e{n}", title=f"Event {n}", category="context", accounts=items))
    texts = {s.document: "" for s in sources}
    return Chronology(sources, built, texts, "bench/none.yaml", "bench/none")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--accounts", type=int, default=5)
    args = parser.parse_args()
    start = time.perf_counter()
    chronology = synthetic(args.events, args.accounts)
    print(f"setup (building the synthetic models): {time.perf_counter() - start:.1f} s")
    timings, cpu = [], []
    for _ in range(3):
        start, start_cpu = time.perf_counter(), time.process_time()
        model = build(chronology)
        timings.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    start = time.perf_counter()
    text = dumps(model)
    dump_seconds = time.perf_counter() - start
    summary = model["summary"]
    print(
        f"build(): {min(timings):.2f} s wall, {min(cpu):.2f} s CPU for {summary['events']} "
        f"events x {args.accounts} accounts (best of 3); dumps(): {dump_seconds:.2f} s, "
        f"{len(text) / 1e6:.1f} MB"
    )
    print(f"conflicts by kind: {summary['conflicts']}; by strength: {summary['strengths']}")


if __name__ == "__main__":
    main()
