"""The rendered page in a real browser: it draws, hovers, filters, and never runs hostile text.

Drives Debian's Chromium through Playwright (Playwright cannot download its own browser here).
Without /usr/bin/chromium these tests are skipped on a developer's machine, but never in CI
(the CI variable is set): there a missing browser is a failure.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from chronology.export import build
from chronology.load import load
from chronology.render import render

ROOT = Path(__file__).parent.parent
HOSTILE = Path(__file__).parent / "data" / "hostile"

# The SVG groups of the main plot's traces, in trace order (the range slider draws copies).
TRACES = (
    "[...document.querySelectorAll("
    "'#chronology-timeline .cartesianlayer .subplot.xy .scatterlayer .trace')]"
)
GD = "document.getElementById('chronology-timeline')"

pytestmark = pytest.mark.browser  # skipping and the browser fixture: conftest.py


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The shipped chronology (plotly.js inlined) and the hostile fixture (plotly.js beside it)."""
    folder = tmp_path_factory.mktemp("pages")
    model = build(load(ROOT / "data" / "events.yaml", ROOT / "seeds"))
    render(model, folder / "timeline.html")
    hostile = build(load(HOSTILE / "events.yaml", HOSTILE / "seeds"))
    render(hostile, folder / "hostile.html", plotlyjs="directory")
    return {"folder": folder, "model": model, "hostile": hostile}


class Visit:
    """One page load that records console errors, page errors and dialogs."""

    def __init__(self, browser: Any, path: Path, width: int = 1300) -> None:
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.context = browser.new_context(viewport={"width": width, "height": 900})
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

        def on_dialog(dialog: Any) -> None:
            self.dialogs.append(dialog.message)
            dialog.dismiss()

        self.page.on("dialog", on_dialog)
        self.page.goto(path.as_uri())
        self.page.wait_for_selector("#chronology-timeline[data-ready='1']", timeout=15000)

    def count(self, selector: str) -> int:
        return self.page.locator(selector).count()

    def visible_points(self) -> int:
        return int(
            self.page.evaluate(
                f"() => {TRACES}.reduce((n, g) => n + g.querySelectorAll('.points path').length, 0)"
            )
        )

    def hover_first_point_of(self, trace_name: str) -> str:
        """Move the real mouse onto the first mark of a trace and return the hover box text."""
        box = self.page.evaluate(
            f"""(name) => {{
                const k = {GD}._fullData.findIndex(
                    t => t.name === name && t.text && t.mode === 'markers');
                const point = {TRACES}[k].querySelector('.points path');
                point.scrollIntoView({{block: 'center'}});
                const r = point.getBoundingClientRect();
                return {{x: r.x + r.width / 2, y: r.y + r.height / 2}};
            }}""",
            trace_name,
        )
        self.page.mouse.move(box["x"], box["y"])
        label = self.page.wait_for_selector(".hoverlayer .hovertext", timeout=5000)
        return label.text_content() or ""

    def close(self) -> None:
        self.context.close()


def test_the_shipped_timeline_draws_hovers_and_filters(pages: dict[str, Any], browser: Any) -> None:
    model = pages["model"]
    summary = model["summary"]
    visit = Visit(browser, pages["folder"] / "timeline.html")
    try:
        points = visit.visible_points()
        assert points >= summary["accounts"]  # every account has a mark (bars have end ticks)
        conflicts = summary["events_in_conflict"]
        assert (
            visit.count("#chronology-timeline .cartesianlayer .subplot.xy .scatterlayer .textpoint")
            == conflicts
        )
        # each conflicting event's connector has its two end ticks, in the reserved colour
        ends = visit.page.evaluate(
            f"""() => {{
                const k = {GD}._fullData.findIndex(
                    t => t.legendgroup === 'conflicts' && t.mode !== 'text');
                return {TRACES}[k].querySelectorAll('.points path').length;
            }}"""
        )
        assert ends == 2 * conflicts

        # hover a mark: the attribution of that account shows
        source = next(
            s for s in model["sources"] if s["id"] == model["events"][0]["accounts"][0]["source"]
        )
        name = visit.page.evaluate(
            """() => document.getElementById('chronology-timeline')._fullData
                .find(t => t.text && t.mode === 'markers').name"""
        )
        text = visit.hover_first_point_of(name)
        assert "Source:" in text and "Date as stated:" in text and "stance:" in text
        assert source["outlet"] or text

        # search: both the table and the plot narrow to the matching event
        first = model["events"][-1]
        visit.page.fill("#search", first["title"])
        visit.page.wait_for_function(
            "() => document.getElementById('status').textContent.startsWith('Showing 1 of')"
        )
        shown = visit.page.locator("#events-table tbody:not([hidden])")
        assert shown.count() == 1
        assert shown.first.get_attribute("id") == f"event-{first['id']}"
        assert 0 < visit.visible_points() < points
        visit.page.fill("#search", "")
        visit.page.wait_for_function(
            "() => document.getElementById('status').textContent.startsWith('Showing all')"
        )
        assert visit.visible_points() == points

        # only events where sources disagree
        visit.page.check("#only-conflicts")
        visit.page.wait_for_function(
            "() => document.querySelectorAll('#events-table tbody:not([hidden])').length"
            f" === {conflicts}"
        )
        assert visit.visible_points() < points
        assert (
            visit.count("#chronology-timeline .cartesianlayer .subplot.xy .scatterlayer .textpoint")
            == conflicts
        )
        visit.page.uncheck("#only-conflicts")

        # one category off: its events leave the table
        category = model["events"][0]["category"]
        visit.page.uncheck(f"input[name=category][value='{category}']")
        hidden = sum(1 for e in model["events"] if e["category"] == category)
        assert visit.count("#events-table tbody[hidden]") == hidden

        # the legend: a click hides a whole source, a double-click shows only that source
        visibility = f"""() => {{
            const v = {{}};
            {GD}._fullData.forEach(t => {{ v[t.legendgroup] = String(t.visible); }});
            return v;
        }}"""
        entries = visit.page.locator("#chronology-timeline .legend .traces")
        first = f"source-{model['sources'][0]['id']}"
        # Plotly waits out the double-click delay before acting on a single click
        entries.nth(1).locator(".legendtoggle").click()
        visit.page.wait_for_function(f"() => ({visibility})()['{first}'] === 'legendonly'")
        entries.nth(1).locator(".legendtoggle").click()
        visit.page.wait_for_function(f"() => ({visibility})()['{first}'] === 'true'")
        entries.nth(1).locator(".legendtoggle").dblclick()
        visit.page.wait_for_function(f"() => ({visibility})()['conflicts'] === 'legendonly'")
        shown = [k for k, v in visit.page.evaluate(visibility).items() if v == "true"]
        assert shown == [first]
        assert visit.errors == []
    finally:
        visit.close()


def test_the_hostile_page_shows_markup_as_text_and_runs_nothing(
    pages: dict[str, Any], browser: Any
) -> None:
    visit = Visit(browser, pages["folder"] / "hostile.html")
    try:
        page = visit.page
        body = page.inner_text("#events-table")
        assert "The group moves to <b>Iraq</b><script>window.__pwned = 8</script>" in body
        assert '<a href="javascript:window.__pwned = 10">BBC</a>' in body
        assert "%{customdata[0]}" in body
        legend = page.evaluate(
            "() => document.querySelector('#chronology-timeline .legend').textContent"
        )
        assert '<img src=x onerror="window.__pwned = 6">Mal' in legend
        assert "Outlet <i>two</i> & sons · supportive" in legend
        # the hover box shows the hostile quote literally, placeholders unexpanded
        text = visit.hover_first_point_of(
            page.evaluate(
                """() => document.getElementById('chronology-timeline')._fullData
                    .find(t => t.text && t.mode === 'markers' && t.x[0].startsWith('1965')).name"""
            )
        )
        squeezed = "".join(text.split())  # hover lines are wrapped; compare without spaces
        assert "%{customdata[0]}</script><script>window.__pwned=4</script>" in squeezed
        assert '<ahref="javascript:window.__pwned=2">thislink</a>' in squeezed
        page.mouse.move(5, 5)
        labels = page.evaluate(
            """() => [...document.querySelectorAll(
                '#chronology-timeline .cartesianlayer .subplot.xy .scatterlayer .textpoint')]
                .map(t => t.textContent).join('|')"""
        )
        assert labels == "1986 vs 1987"
        # nothing ran, nothing became an element
        assert page.evaluate("() => window.__pwned") is None
        assert visit.dialogs == []
        assert page.evaluate("() => document.querySelectorAll('img, iframe, object').length") == 0
        assert (
            page.evaluate(
                """() => [...document.querySelectorAll('a')].filter(a =>
                (a.getAttribute('href') || a.getAttribute('xlink:href') || '')
                .startsWith('javascript')).length"""
            )
            == 0
        )
        assert page.evaluate("() => document.scripts.length") == 4
        assert visit.errors == []
    finally:
        visit.close()


def test_phone_width_puts_the_legend_below(pages: dict[str, Any], browser: Any) -> None:
    visit = Visit(browser, pages["folder"] / "timeline.html", width=390)
    try:
        orientation = visit.page.evaluate(
            "() => document.getElementById('chronology-timeline')._fullLayout.legend.orientation"
        )
        assert orientation == "h"
        assert visit.errors == []
    finally:
        visit.close()


def test_without_javascript_the_table_carries_everything(
    pages: dict[str, Any], browser: Any
) -> None:
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1300, "height": 900}
    )
    try:
        page = context.new_page()
        page.goto((pages["folder"] / "timeline.html").as_uri())
        summary = pages["model"]["summary"]
        assert page.locator("#events-table tbody").count() == summary["events"]
        assert page.locator("#events-table tbody tr").count() == summary["accounts"]
        assert not page.locator("#controls").is_visible()
        assert not page.locator("#chronology-timeline").is_visible()
        notice = page.locator("main > noscript p")
        assert notice.is_visible()
        assert notice.inner_text().startswith("The interactive timeline needs JavaScript")
        page.emulate_media(media="print")
        assert page.locator("#events-table").is_visible()
    finally:
        context.close()
