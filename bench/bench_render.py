"""Benchmark: the page a reader waits for, at 241 (the shipped data), 1,000 and 10,000 events.

For each size prints the page's size, the time to build and write it, and in headless Chromium
(when /usr/bin/chromium exists) the time from navigation to the plot painted, and how long a
filter, a search, a zoom and undoing the filter take from input to the painted result. Every
browser figure waits for the paint: two requestAnimationFrame callbacks after the update, not
a promise. Each input is timed five times on one page (the machine is shared: one run is
noise); the figure is the median, the slowest in brackets, and at 1,000 and 10,000 events a
verdict says whether every input's median meets issue 11's target. Synthetic events have 3
accounts each; every 7th has a 1-year date conflict.

    python bench/bench_render.py [--sizes 241,1000,10000] [--no-browser] [--timelinejs DIR]

With ``--timelinejs DIR`` (the ``dist`` folder of the npm package @knight-lab/timelinejs, e.g.
from ``npm pack @knight-lab/timelinejs``), it also times TimelineJS3's first slide painted on
the same events (``chronology export --format timelinejs``), network blocked, for comparison.
"""

from __future__ import annotations

import argparse
import functools
import os
import statistics
import tempfile
import time
from pathlib import Path

from chronology.dates import DateValue
from chronology.export import ExportModel, build
from chronology.load import load
from chronology.model import Account, Chronology, Event, Source
from chronology.render import render

ROOT = Path(__file__).parent.parent
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


PAINTED = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
TIMED = """async ([step, round]) => {
  const raf2 = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const tl = window.Chronology.timelines[0];
  const root = tl.shell;
  const t0 = performance.now();
  if (step === 'filter' || step === 'undo') {
    root.querySelector('.only-conflicts').checked = step === 'filter';
    await tl.apply();
  } else if (step === 'search' || step === 'clear') {
    root.querySelector('input[type=search]').value = step === 'search' ? 'number 12' : '';
    await tl.apply();
  } else if (step === 'zoom') {
    // the first preset, then back to the whole span, and so on: each zoom changes the window
    const buttons = root.querySelectorAll('.zoom button');
    buttons[round % 2 ? buttons.length - 1 : 0].click();
    await tl.draw();
  }
  await raf2();
  return performance.now() - t0;
}"""


STEPS = ("filter", "undo", "search", "clear", "zoom")
ROUNDS = 5  # each input is timed this many times on one page; the median is the figure

# Issue 11's targets: the slowest input to its painted result, by number of events.
TARGET_MS = {1000: 100, 10000: 300}


def verdict(size: int, steps: dict[str, float]) -> str:
    """Whether every input's median meets the target for this many events (if one is set)."""
    if size not in TARGET_MS:
        return ""
    worst = max(steps, key=lambda k: steps[k])
    met = "met" if steps[worst] <= TARGET_MS[size] else "NOT met"
    return f"; target {TARGET_MS[size]} ms: {met} (slowest: {worst} {steps[worst]:.0f} ms)"


def browser_timings(page: Path, size: int = 0) -> str:
    """First paint and input-to-paint latencies in headless Chromium, in milliseconds."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True)
        tab = browser.new_page(viewport={"width": 1400, "height": 900})
        tab.goto(page.as_uri(), wait_until="commit", timeout=600_000)
        tab.wait_for_selector(".plot[data-ready='1']", timeout=600_000)
        tab.evaluate(PAINTED)
        # from navigation start to the plot painted
        paint = tab.evaluate("() => performance.now()")
        fcp = tab.evaluate(
            "() => (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime"
        )
        rounds: dict[str, list[float]] = {step: [] for step in STEPS}
        for round_ in range(ROUNDS):
            for step in STEPS:
                rounds[step].append(tab.evaluate(TIMED, [step, round_]))
        steps = {step: statistics.median(times) for step, times in rounds.items()}
        worst = {step: max(times) for step, times in rounds.items()}
        browser.close()
    load_avg = os.getloadavg()[0]
    return (
        f"first contentful paint {fcp or 0:.0f} ms, plot painted {paint:.0f} ms; input to paint,"
        f" median (slowest) of {ROUNDS} rounds:"
        + "".join(f" {k} {v:.0f} ({worst[k]:.0f}) ms," for k, v in steps.items())
        + f" ({os.cpu_count()} CPUs, load average {load_avg:.1f}, software rendering)"
        + verdict(size, steps)
    )


TIMELINEJS_PAGE = """<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="{dist}/css/timeline.css"><script src="{dist}/js/timeline.js"></script>
</head><body><div id="timeline" style="width:100%;height:900px"></div><script>
window.tl = new TL.Timeline("timeline", {data});
</script></body></html>"""


def timelinejs_first_paint(model: ExportModel, dist: Path, folder: Path) -> str:
    """TimelineJS3 on the same events: navigation to its first slide painted, in ms."""
    import json

    from playwright.sync_api import sync_playwright

    from chronology.export import to_timelinejs

    page = folder / "timelinejs.html"
    page.write_text(
        TIMELINEJS_PAGE.format(dist=dist.resolve().as_uri(), data=json.dumps(to_timelinejs(model))),
        encoding="utf-8",
    )
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True)
        tab = browser.new_page(viewport={"width": 1400, "height": 900})
        tab.route("http*://**", lambda route: route.abort())
        tab.goto(page.as_uri(), wait_until="commit", timeout=600_000)
        tab.wait_for_selector(".tl-slide-content", state="visible", timeout=600_000)
        tab.evaluate(PAINTED)
        painted = tab.evaluate("() => performance.now()")
        browser.close()
    return f"TimelineJS3 first slide painted {painted:.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="241,1000,10000")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--timelinejs", type=Path, help="dist folder of @knight-lab/timelinejs")
    args = parser.parse_args()
    for size in (int(s) for s in args.sizes.split(",")):
        if size == 241:
            chronology = load(ROOT / "data" / "events.yaml", ROOT / "seeds")
        else:
            chronology = synthetic(size)
        t0 = time.perf_counter()
        model = build(chronology)
        t1 = time.perf_counter()
        with tempfile.TemporaryDirectory() as folder:
            out = Path(folder) / "timeline.html"
            render(model, out)
            t2 = time.perf_counter()
            bytes_ = out.stat().st_size
            from chronology.html.page import plotly_bundle

            own = bytes_ - len(plotly_bundle().encode("utf-8"))
            summary = model["summary"]
            print(
                f"{summary['events']} events, {summary['accounts']} accounts: export.build "
                f"{t1 - t0:.2f} s, render {t2 - t1:.2f} s, page {bytes_ / 1e6:.1f} MB "
                f"({own / 1e6:.2f} MB besides plotly.js)"
            )
            if not args.no_browser and Path("/usr/bin/chromium").exists():
                print(f"  headless Chromium: {browser_timings(out, size)}", flush=True)
                if args.timelinejs and size <= 1000:
                    first = timelinejs_first_paint(model, args.timelinejs, Path(folder))
                    print(f"  same events in {first}", flush=True)


if __name__ == "__main__":
    main()
