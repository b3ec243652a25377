"""Benchmark: 10,000 synthetic events with 3 accounts each, through export.build and render.

Prints the time to build the export model, the time to render the page, the page size, and,
when /usr/bin/chromium exists, how long the page takes to draw and to redraw after a zoom and
after a search in headless Chromium (WebGL traces above render.WEBGL_THRESHOLD accounts).

    python bench/bench_render.py [--events 10000] [--no-browser]
"""

from __future__ import annotations

import argparse
import functools
import os
import tempfile
import time
from pathlib import Path

from chronology.dates import DateValue
from chronology.export import build
from chronology.model import Account, Chronology, Event, Source
from chronology.render import render

CATEGORIES = ("organisation", "armed-action", "crackdown", "relocation", "politics", "context")
DATES = ("{y}", "{y}-06", "{y}-06-{d:02d}", "{y}~", "19{dd}X", "../{y}")


@functools.cache
def parse(date: str) -> DateValue:
    """Dates repeat across synthetic events; parsing each once keeps setup out of the figures."""
    return DateValue.parse(date)


def synthetic(n: int) -> Chronology:
    """A deterministic chronology: every 7th event has a 1-year date conflict."""
    sources = [
        Source(
            id=f"source-{k}",
            document=f"doc{k}.txt",
            title=f"Article {k}",
            authors=[f"Author {k}"],
            outlet=f"Outlet {k}",
            published="2020",
            stance="critical" if k % 2 else "supportive",
        )
        for k in range(3)
    ]
    events = []
    for i in range(n):
        year = 1965 + i % 55
        accounts = []
        for k in range(3):
            shift = 1 if (k == 2 and i % 7 == 0) else 0
            pattern = DATES[(i + k) % len(DATES)] if i % 7 else "{y}"
            date = pattern.format(y=year + shift, d=1 + i % 3, dd=str(year + shift)[2])
            accounts.append(
                Account(
                    source=f"source-{k}",
                    date=parse(date),
                    quote=f"In {date}, something numbered {i} happened, as source {k} says. " * 2,
                    cited="an official" if k == 1 else None,
                )
            )
        events.append(
            Event(
                id=f"event-{i:05d}",
                title=f"Synthetic event number {i}",
                category=CATEGORIES[i % len(CATEGORIES)],
                accounts=accounts,
            )
        )
    texts = {f"doc{k}.txt": "" for k in range(3)}
    return Chronology(sources=sources, events=events, texts=texts)


def browser_timings(page: Path) -> str:
    """Draw, zoom and search times in headless Chromium, in milliseconds."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True)
        tab = browser.new_page(viewport={"width": 1400, "height": 900})
        tab.goto(page.as_uri(), wait_until="commit", timeout=600_000)
        tab.wait_for_selector("#chronology-timeline[data-ready='1']", timeout=600_000)
        # from navigation start to Plotly.newPlot resolving (the browser paints after that)
        load = tab.evaluate("() => performance.now()")
        zoom = tab.evaluate(
            """async () => {
                const gd = document.getElementById('chronology-timeline');
                const t = performance.now();
                await Plotly.relayout(gd, {'xaxis.range': ['1980-01-01', '1990-01-01']});
                return performance.now() - t;
            }"""
        )
        t0 = time.perf_counter()
        tab.fill("#search", "number 12")
        tab.wait_for_function(
            "() => document.getElementById('status').textContent.startsWith('Showing 1')",
            timeout=600_000,
        )
        search = (time.perf_counter() - t0) * 1000
        browser.close()
    load_avg = os.getloadavg()[0]
    return (
        f"navigation to plot drawn {load:.0f} ms, zoom {zoom:.0f} ms,"
        f" search {search:.0f} ms (incl. debounce);"
        f" {os.cpu_count()} CPUs, load average {load_avg:.1f}, WebGL in software (no GPU)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    chronology = synthetic(args.events)
    t0 = time.perf_counter()
    model = build(chronology)
    t1 = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "timeline.html"
        render(model, out)
        t2 = time.perf_counter()
        size = out.stat().st_size
        summary = model["summary"]
        print(
            f"{summary['events']} events x 3 accounts ({summary['events_in_conflict']} in "
            f"conflict): export.build {t1 - t0:.2f} s, render {t2 - t1:.2f} s, "
            f"page {size / 1e6:.1f} MB (plotly.js inlined)"
        )
        if not args.no_browser and Path("/usr/bin/chromium").exists():
            print(f"headless Chromium: {browser_timings(out)}")


if __name__ == "__main__":
    main()
