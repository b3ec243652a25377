"""Benchmark: how long a user waits for ``chronology check`` on 1,000, 10,000 and 50,000 events.

Why: every command starts by loading events.yaml and sources.yaml and checking every quote
against its document; on a large chronology that load is most of what the user waits for.
Targets (issue 14): ``check`` on 10,000 events in under 2 s and 150 MB, and time linear in size.

Each size is a synthetic project (two accounts per event, quotes taken from documents of 500
sentences each, a comment per event as editors write them) checked in a fresh
``python -m chronology check`` process, as a user runs it. The figures are its wall time, its
CPU time (user + system, which other work on a shared machine does not inflate) and its peak
resident memory, read from the kernel for the child (``wait4``'s ``ru_maxrss``); best of three.

    python bench/bench_load.py [--sizes 1000 10000 50000]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# accounts quoted from each document: a bigger chronology cites more articles, not longer ones
PER_DOCUMENT = 500
CATEGORIES = ("organisation", "armed-action", "relocation", "politics")
WORDS = [
    "council",
    "minister",
    "protest",
    "border",
    "treaty",
    "election",
    "court",
    "harbour",
    "railway",
    "village",
    "assembly",
    "bridge",
    "congress",
    "factory",
    "garrison",
    "embassy",
    "ministry",
    "market",
    "tribunal",
    "river",
]


def sentence(i: int) -> str:
    """A distinct, dated sentence (the quote an account cites)."""
    w = [WORDS[(i * k + k) % len(WORDS)] for k in (3, 5, 7, 11)]
    return f"The {w[0]} met the {w[1]} near the {w[2]} of {w[3]} in {1900 + i % 120} (item {i})."


def make_project(root: Path, events: int) -> tuple[Path, Path]:
    """Write seeds/ (sources.yaml and its documents) and data/events.yaml for ``events``."""
    seeds, data = root / "seeds", root / "data"
    seeds.mkdir(parents=True)
    data.mkdir()
    accounts = events * 2
    per_doc = PER_DOCUMENT
    lines = ["sources:"]
    for d in range(-(-accounts // per_doc)):
        body = "\n".join(sentence(i) for i in range(d * per_doc, (d + 1) * per_doc))
        (seeds / f"doc{d}.txt").write_text(body + "\n", encoding="utf-8")
        lines += [
            f"  - id: src-{d}",
            f"    document: doc{d}.txt",
            f"    title: Article {d}",
            "    outlet: Example Daily",
            '    published: "2020-01-01"',
            "    stance: critical",
        ]
    (seeds / "sources.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = ["# A synthetic chronology for bench/bench_load.py", "events:"]
    for e in range(events):
        out += [
            f"  # event {e}: as the two sources tell it",
            f"  - id: event-{e}",
            f"    title: Meeting number {e}",
            f"    category: {CATEGORIES[e % len(CATEGORIES)]}",
            "    accounts:",
        ]
        for a in (2 * e, 2 * e + 1):
            year = 1900 + a % 120
            out += [
                f"      - source: src-{a // per_doc}",
                f'        date: "{year if a % 2 else f"{year}-06~"}"',
                f'        quote: "{sentence(a)}"',
            ]
    events_path = data / "events.yaml"
    events_path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return events_path, seeds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print("events  file MB  wall s  CPU s  peak MB  CPU ms/event  (best of", args.repeat, "runs)")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            events, seeds = make_project(Path(tmp), size)
            runs = [measure(events, seeds) for _ in range(args.repeat)]
            wall = min(r[0] for r in runs)
            cpu = min(r[1] for r in runs)
            peak = min(r[2] for r in runs)
            mb = events.stat().st_size / 1e6
            print(
                f"{size:>6}  {mb:>7.1f}  {wall:>6.2f}  {cpu:>5.2f}  {peak:>7.0f}  "
                f"{1000 * cpu / size:>12.3f}",
                flush=True,
            )


def measure(events: Path, seeds: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak resident MB of one ``chronology check`` process."""
    command = [sys.executable, "-m", "chronology", "check", "--events", str(events)]
    command += ["--seeds", str(seeds)]
    with tempfile.TemporaryFile("w+") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            out.seek(0)
            raise SystemExit(f"check failed ({proc.returncode}):\n{out.read()[:2000]}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


if __name__ == "__main__":
    main()
