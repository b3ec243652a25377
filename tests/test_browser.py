"""The rendered page in a real browser, measured the way a reader meets it.

Geometry, not presence: the boxes of the text drawn on the plot never intersect, at least 8
titles can be read in the first 1400×900 screen, the plot's height after a filter and its undo
equals the first, and the selected event's quotes are inside the viewport. Drives Debian's
Chromium through Playwright (skipped on a developer's machine without it, never in CI).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from chronology.embed import Options
from chronology.export import build
from chronology.html.page import write
from chronology.load import load
from chronology.project import open_project

ROOT = Path(__file__).parent.parent
HOSTILE = Path(__file__).parent / "data" / "hostile"

pytestmark = pytest.mark.browser  # skipping and the browser fixture: conftest.py

# Every text box drawn on the plot (titles, gaps, tick labels), in page coordinates.
TEXT_BOXES = """(sel) => {
  const host = document.querySelector(sel);
  const root = host.shadowRoot || document;
  return [...root.querySelectorAll('.plot-labels .label, .plot .main-svg .xtick text,'
      + ' .plot .main-svg .ytick text')]
    .filter(t => t.textContent.trim() && getComputedStyle(t).visibility !== 'hidden')
    .map(t => { const r = t.getBoundingClientRect();
      return {text: t.textContent, x: r.x, y: r.y, w: r.width, h: r.height,
              title: t.closest('.plot-labels') !== null}; })
    .filter(b => b.w > 0 && b.h > 0);
}"""


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("pages")
    model = build(open_project(ROOT).load())  # the shipped example with its own categories
    # plotly.js beside the pages rather than inlined: Chromium caches its compiled code between
    # loads, which keeps this suite fast (the inlined default is what bench_render.py times)
    write(model, folder / "timeline.html", Options(plotlyjs="directory"))
    write(model, folder / "sources.html", Options(plotlyjs="directory", lanes="source"))
    hostile = build(load(HOSTILE / "events.yaml", HOSTILE / "seeds"))
    write(hostile, folder / "hostile.html", Options(plotlyjs="directory"))
    return {"folder": folder, "model": model, "hostile": hostile}


class Visit:
    """One page load that records errors, dialogs and every request that is not a file."""

    def __init__(self, browser: Any, url: str, width: int = 1400, height: int = 900) -> None:
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.context = browser.new_context(viewport={"width": width, "height": height})
        self.page = self.context.new_page()
        self.page.set_default_timeout(8000)
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on(
            "request",
            lambda r: (
                None
                if r.url.startswith(("file:", "data:", "blob:"))
                else self.requests.append(r.url)
            ),
        )

        def on_dialog(dialog: Any) -> None:
            self.dialogs.append(dialog.message)
            dialog.dismiss()

        self.page.on("dialog", on_dialog)
        self.page.goto(url)
        self.page.wait_for_selector(".plot[data-ready='1']", timeout=20000)
        self.settle()

    def settle(self) -> None:
        """Wait until pending redraws are painted (two animation frames)."""
        self.page.evaluate(
            "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
        )
        self.page.evaluate(
            "() => Promise.all((window.Chronology.timelines || []).map(t => t.draw()))"
        )
        self.page.wait_for_timeout(60)  # the table follows the plot, a frame later

    def boxes(self, host: str = ".chronology") -> list[dict[str, Any]]:
        return list(self.page.evaluate(TEXT_BOXES, host))

    def plot_height(self) -> float:
        return float(self.page.locator(".plot").bounding_box()["height"])

    def close(self) -> None:
        self.context.close()


def overlaps(boxes: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """Pairs of text boxes that intersect (by more than half a pixel each way)."""
    found = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if (
                a["x"] + a["w"] - 0.5 > b["x"]
                and b["x"] + b["w"] - 0.5 > a["x"]
                and a["y"] + a["h"] - 0.5 > b["y"]
                and b["y"] + b["h"] - 0.5 > a["y"]
            ):
                found.append((a["text"], b["text"]))
    return found


def readable_titles(boxes: list[dict[str, Any]], width: int, height: int) -> list[str]:
    return [
        b["text"]
        for b in boxes
        if b["title"]
        and b["x"] >= 0
        and b["y"] >= 0
        and b["x"] + b["w"] <= width
        and b["y"] + b["h"] <= height
        and len(b["text"]) >= 8
    ]


def inside_viewport(page: Any, selector: str) -> bool:
    box = page.locator(selector).first.bounding_box()
    view = page.viewport_size
    return (
        box is not None
        and box["y"] >= 0
        and box["y"] + min(box["height"], 60) <= view["height"]
        and box["x"] >= 0
        and box["x"] + box["width"] <= view["width"]
    )


def test_first_screen_shows_titles_that_never_overlap(pages: dict[str, Any], browser: Any) -> None:
    visit = Visit(browser, (pages["folder"] / "timeline.html").as_uri())
    try:
        boxes = visit.boxes()
        assert overlaps(boxes) == []
        titles = readable_titles(boxes, 1400, 900)
        assert len(titles) >= 8, titles
        # a shortened title shows whole in the hover box
        short = next(b for b in boxes if b["title"] and b["text"].endswith("…") and b["y"] < 880)
        visit.page.mouse.move(short["x"] + short["w"] / 2, short["y"] + short["h"] / 2)
        tip = visit.page.locator(".tip b")
        tip.wait_for(state="visible")
        whole = tip.text_content() or ""
        assert whole.startswith(short["text"][:-1].rstrip()) and len(whole) > len(short["text"])
        # nothing leaves the page, and no button offers to send the chart anywhere
        assert visit.requests == []
        visit.page.hover(".plot .nsewdrag")
        assert visit.page.locator(".modebar-btn").count() > 0
        assert (
            visit.page.locator("[data-title*='Share'], [data-title*='Chart Studio']").count() == 0
        )
        # only one global besides the browser's own
        assert visit.errors == []
    finally:
        visit.close()


def test_source_lanes_pack_without_overlap_too(pages: dict[str, Any], browser: Any) -> None:
    visit = Visit(browser, (pages["folder"] / "sources.html").as_uri())
    try:
        boxes = visit.boxes()
        assert overlaps(boxes) == []
        assert len(readable_titles(boxes, 1400, 900)) >= 8
        lanes = [b["text"] for b in boxes if not b["title"] and not b["text"][:1].isdigit()]
        assert len(lanes) >= 5  # one lane per source, named as readers see it
        assert visit.errors == []
    finally:
        visit.close()


def test_filters_keep_the_layout_and_undoing_restores_the_height(
    pages: dict[str, Any], browser: Any
) -> None:
    visit = Visit(browser, (pages["folder"] / "timeline.html").as_uri())
    page = visit.page
    try:
        first = visit.plot_height()
        assert first > 600
        titles = sorted((b["text"], b["x"], b["y"]) for b in visit.boxes() if b["title"])
        page.check(".only-conflicts")
        visit.settle()
        narrowed = visit.plot_height()
        assert 100 < narrowed < first
        boxes = visit.boxes()
        assert overlaps(boxes) == []
        # every event in view has its title (or the start of it) beside its marks
        drawn = [b["text"].rstrip("…") for b in boxes if b["title"]]
        for event in pages["model"]["events"]:
            if event["conflicts"]:
                assert any(d and event["title"].startswith(d) for d in drawn), event["title"]
        # and the disagreements beside their titles, after a dot ("· 1986 vs 1987")
        gaps = page.locator(".plot-labels .dispute:not(.gone)").all_text_contents()
        assert len(gaps) >= 8 and all(g.startswith("· ") and " vs " in g for g in gaps), gaps
        page.uncheck(".only-conflicts")
        visit.settle()
        assert visit.plot_height() == first
        # the same titles in the same places as before the filter
        assert sorted((b["text"], b["x"], b["y"]) for b in visit.boxes() if b["title"]) == titles
        page.fill("input[type=search]", "iraq")
        page.wait_for_timeout(120)
        visit.settle()
        assert visit.plot_height() < first
        assert overlaps(visit.boxes()) == []
        page.fill("input[type=search]", "")
        page.wait_for_timeout(120)
        visit.settle()
        assert visit.plot_height() == first
        # a narrower window re-lays out the rows for the new width, still without overlap
        page.set_viewport_size({"width": 1000, "height": 900})
        page.wait_for_timeout(100)
        visit.settle()
        assert overlaps(visit.boxes()) == []
        assert visit.page.locator(".plot .main-svg").first.bounding_box()["width"] < 800
        assert visit.errors == []
    finally:
        visit.close()


def test_zooming_packs_the_rows_anew_for_the_window(pages: dict[str, Any], browser: Any) -> None:
    visit = Visit(browser, (pages["folder"] / "timeline.html").as_uri())
    page = visit.page
    try:
        first = visit.plot_height()
        page.click(".zoom button:has-text('1980s')")
        visit.settle()
        boxes = visit.boxes()
        assert overlaps(boxes) == []
        # the rows hold only the decade's events now, so the plot is shorter
        assert visit.plot_height() < first
        assert "Massoud Rajavi joins the MEK" not in {b["text"] for b in boxes}  # 1960s
        ticks = [b["text"] for b in boxes if not b["title"] and b["text"][:2] in ("19", "Ja")]
        assert ticks, "the axis shows the decade's years"
        # a drag on the plot pans; the labels follow the new window
        plot = page.locator(".plot .nsewdrag").first.bounding_box()
        label = page.locator(".plot-labels .label:not(.gone)").first
        before = label.bounding_box()
        page.mouse.move(plot["x"] + 400, plot["y"] + 40)
        page.mouse.down()
        page.mouse.move(plot["x"] + 150, plot["y"] + 40, steps=5)
        page.wait_for_timeout(50)
        during = label.bounding_box()  # mid-drag, the titles move with the marks
        assert abs(during["x"] - (before["x"] - 250)) < 2 and during["y"] == before["y"]
        page.mouse.up()
        page.wait_for_timeout(50)
        visit.settle()
        assert overlaps(visit.boxes()) == []
        # in the last decade, bars that run across the whole window carry their titles too
        page.click(".zoom button:has-text('2010s')")
        visit.settle()
        assert overlaps(visit.boxes()) == []
        in_view = page.evaluate(
            "() => window.Chronology.timelines[0].state.placed.filter(it => !it.overflow).length"
        )
        titles = page.locator(".plot-labels .label:not(.dispute):not(.gone)")
        assert titles.count() == in_view
        assert page.locator(".plot-labels .over:not(.gone)").count() >= 3
        page.click(".zoom button:has-text('All')")
        visit.settle()
        assert visit.plot_height() == first
        assert visit.errors == []
    finally:
        visit.close()


def test_the_download_button_gives_the_picture_with_titles(
    pages: dict[str, Any], browser: Any
) -> None:
    visit = Visit(browser, (pages["folder"] / "timeline.html").as_uri())
    page = visit.page
    try:
        page.hover(".plot .nsewdrag")
        assert page.locator("[data-title='Download plot as a PNG']").count() == 0
        with page.expect_download() as info:
            page.click("[data-title='Download the timeline as a PNG image']")
        data = Path(info.value.path()).read_bytes()
        assert data.startswith(b"\x89PNG\r\n\x1a\n")
        plot_width = page.locator(".plot").bounding_box()["width"]
        assert int.from_bytes(data[16:20], "big") == 2 * round(plot_width)  # drawn at scale 2
        assert info.value.suggested_filename == "timeline.png"
        # drawing the picture left the page's plot as it was: a click on a title selects it
        label = page.locator(".plot-labels .label:not(.gone)").nth(3)
        title = label.text_content() or ""
        label.click(force=True)
        visit.settle()
        assert (page.locator(".panel .panel-title").text_content() or "").startswith(
            title.rstrip("…")
        )
        assert visit.errors == []
    finally:
        visit.close()


def test_selecting_an_event_shows_its_accounts_in_view(pages: dict[str, Any], browser: Any) -> None:
    visit = Visit(browser, (pages["folder"] / "timeline.html").as_uri())
    page = visit.page
    try:
        # a click on a title far down the plot
        page.mouse.wheel(0, 900)
        page.wait_for_timeout(100)
        label = page.locator(".plot-labels .label:not(.gone)").nth(30)
        title = label.text_content() or ""
        label.click(force=True)
        visit.settle()
        heading = page.locator(".panel .panel-title")
        assert heading.text_content().startswith(title.rstrip("…"))
        assert inside_viewport(page, ".panel .quote")
        assert page.evaluate("() => document.activeElement.classList.contains('panel-title')")
        page.keyboard.press("Escape")
        assert page.evaluate("() => document.activeElement.classList.contains('plot')")
        # the keyboard: arrows move, Enter selects
        page.keyboard.press("ArrowRight")
        page.keyboard.press("Enter")
        visit.settle()
        assert inside_viewport(page, ".panel .quote")
        # the disagreements list
        page.mouse.wheel(0, -5000)
        item = page.locator(".dis-item a").nth(4)
        wanted = item.text_content()
        item.click()
        visit.settle()
        assert heading.text_content() == wanted
        assert inside_viewport(page, ".panel .quote")
        # a search result
        page.fill("input[type=search]", "Albania")
        page.press("input[type=search]", "Enter")
        visit.settle()
        first_match = page.evaluate(
            "() => document.querySelector('.events-table tbody:not([hidden]) th')"
            ".firstChild.textContent"
        )
        assert heading.text_content() == first_match
        assert page.locator(".events-table tbody:not([hidden])").count() < 40
        assert inside_viewport(page, ".panel .quote")
        assert page.evaluate("() => location.hash").startswith("#event-")
        assert visit.errors == []
    finally:
        visit.close()


def test_a_deep_link_opens_the_event_with_focus(pages: dict[str, Any], browser: Any) -> None:
    event = next(e for e in pages["model"]["events"] if e["id"] == "move-to-iraq")
    url = (pages["folder"] / "timeline.html").as_uri() + "#event-move-to-iraq"
    visit = Visit(browser, url)
    page = visit.page
    try:
        visit.settle()
        assert page.locator(".panel .panel-title").text_content() == event["title"]
        assert inside_viewport(page, ".panel .panel-title")
        assert inside_viewport(page, ".panel .quote")
        assert page.evaluate("() => document.activeElement.textContent") == event["title"]
        quotes = page.locator(".panel .quote").all_text_contents()
        assert [q.strip("“”") for q in quotes] == [a["quote"] for a in event["accounts"]]
        assert visit.errors == []
    finally:
        visit.close()


def test_a_phone_gets_the_list_and_a_sheet(pages: dict[str, Any], browser: Any) -> None:
    visit_phone = browser.new_context(
        viewport={"width": 390, "height": 800}, is_mobile=True, has_touch=True
    )
    page = visit_phone.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto((pages["folder"] / "timeline.html").as_uri())
        page.wait_for_selector(".event-item")
        assert page.locator(".event-item").count() == pages["model"]["summary"]["events"]
        assert not page.locator(".plot-wrap").is_visible()
        item = page.locator(".event-button").nth(5)
        item.scroll_into_view_if_needed()
        item.tap()
        assert inside_viewport(page, ".panel .quote")
        assert page.locator(".panel").evaluate("p => getComputedStyle(p).position") == "fixed"
        page.keyboard.press("Escape")
        assert not page.locator(".panel").is_visible()
        assert errors == []
    finally:
        visit_phone.close()


def test_the_hostile_page_shows_markup_as_text_and_runs_nothing(
    pages: dict[str, Any], browser: Any
) -> None:
    visit = Visit(browser, (pages["folder"] / "hostile.html").as_uri())
    page = visit.page
    try:
        body = page.inner_text(".events-table")
        assert "The group moves to <b>Iraq</b><script>window.__pwned = 8</script>" in body
        drawn = " ".join(b["text"] for b in visit.boxes())
        assert "<b>Iraq</b>" in drawn  # the title on the plot, as text
        page.locator(".plot-labels .label:not(.gone)").first.click(force=True)
        panel = page.inner_text(".panel")
        assert "%{customdata[0]}" in panel or "<" in panel
        assert page.evaluate("() => window.__pwned") is None
        assert visit.dialogs == []
        assert page.evaluate("() => document.querySelectorAll('img, iframe, object').length") == 0
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
        assert page.locator(".events-table tbody").count() == summary["events"]
        assert page.locator(".events-table tbody tr").count() == summary["accounts"]
        assert not page.locator(".controls").is_visible()
        assert not page.locator(".stage").is_visible()
        assert page.locator(".dis-item").count() == summary["events_in_conflict"]
    finally:
        context.close()


def test_a_project_with_no_events_says_so_and_shows_nothing_else(
    tmp_path: Path, browser: Any
) -> None:
    from chronology.project import init

    init(tmp_path / "story")
    page_path = tmp_path / "story" / "timeline.html"
    write(build(open_project(tmp_path / "story").load()), page_path, Options())
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(page_path.as_uri())
        page.wait_for_selector(".plot[data-ready='1']", state="attached", timeout=20000)
        assert page.locator(".summary").is_visible()
        summary = page.locator(".summary").text_content() or ""
        assert summary.startswith("No events yet: ") and summary.endswith("events.yaml is empty.")
        for hidden in (".controls", ".key", ".stage", ".table-heading", ".events-table"):
            assert not page.locator(hidden).first.is_visible(), hidden
        assert errors == []
    finally:
        context.close()
