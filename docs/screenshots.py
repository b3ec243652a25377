"""Take the README's screenshots of the shipped timeline with Debian's Chromium.

    python docs/screenshots.py

Writes docs/timeline-desktop.png (first view at 1400×900), timeline-conflicts.png (only the
events where sources disagree), timeline-selected.png (an event's accounts beside the plot),
timeline-phone.png, timeline-dark.png and timeline-cms.png (a fragment in an article whose
theme restyles everything it can reach) and timeline-translation.png (the accounts panel of the
multilingual test story: a Persian quote right to left, its translation, its Solar Hijri date).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from chronology.embed import Options, select, write
from chronology.load import load
from chronology.project import open_project

ROOT = Path(__file__).parent.parent
DOCS = ROOT / "docs"
CMS = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>An article</title>
<style>.entry-content { font: 19px/1.8 Georgia, serif; color: #333; max-width: 1000px;
margin: auto; text-align: justify; } .entry-content * { letter-spacing: .5px; }
.entry-content div { padding: 12px; border: 2px dotted #c39; } .entry-content svg
{ max-width: 100px; } .entry-content p { margin: 1.5em 0; } .entry-content table
{ border: 4px solid red; } .entry-content td { background: #ffd; padding: 20px; }
.entry-content button { background: #000; color: #fff; border-radius: 20px; padding: 12px; }
.entry-content h1, .entry-content h2, .entry-content h3 { color: purple; font-size: 38px; }
</style></head><body><article class=entry-content><h1>Who moved when: a contested history</h1>
<p>The newsroom's article text runs here, above the timeline. Its theme styles every div,
paragraph, svg, table and button inside the article.</p>FRAGMENT
<p>The article goes on after the timeline.</p></article></body></html>"""


def wait(page) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_selector(".plot[data-ready='1']", timeout=60000)
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    page.wait_for_timeout(300)


def translation(browser, tmp: Path) -> None:  # type: ignore[no-untyped-def]
    """The panel of an event with a German and a Persian account, each with a translation."""
    story = ROOT / "tests" / "data" / "multilingual"
    chronology = load(story / "events.yaml", story / "seeds")
    write(select(chronology, Options()), tmp / "multilingual.html", Options())
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto((tmp / "multilingual.html").as_uri() + "#event-armed-struggle")
    wait(page)
    page.locator(".panel").screenshot(path=DOCS / "timeline-translation.png")
    page.close()


def main() -> None:
    # The shipped project as `chronology render` reads it: its own categories and their names.
    chronology = open_project(ROOT).load()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        write(select(chronology, Options()), tmp / "light.html", Options())
        write(select(chronology, Options()), tmp / "dark.html", Options(theme="dark"))
        fragment = Options(embed="fragment", id="story", only_conflicts=True)
        write(select(chronology, fragment), tmp / "fragment.html", fragment)
        cms = CMS.replace("FRAGMENT", (tmp / "fragment.html").read_text(encoding="utf-8"))
        (tmp / "cms.html").write_text(cms, encoding="utf-8")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True)
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto((tmp / "light.html").as_uri())
            wait(page)
            page.screenshot(path=DOCS / "timeline-desktop.png")
            page.check(".only-conflicts")
            wait(page)
            page.locator(".controls").scroll_into_view_if_needed()
            page.evaluate(
                "() => window.scrollTo(0, document.querySelector('.controls').offsetTop - 8)"
            )
            page.screenshot(path=DOCS / "timeline-conflicts.png")
            page.close()
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto((tmp / "light.html").as_uri() + "#event-move-to-iraq")
            wait(page)
            page.screenshot(path=DOCS / "timeline-selected.png")
            page.goto((tmp / "dark.html").as_uri())
            wait(page)
            page.screenshot(path=DOCS / "timeline-dark.png")
            page.goto((tmp / "cms.html").as_uri())
            wait(page)
            page.screenshot(path=DOCS / "timeline-cms.png")
            phone = browser.new_page(
                viewport={"width": 390, "height": 800},
                is_mobile=True,
                has_touch=True,
                device_scale_factor=1,
            )
            phone.goto((tmp / "light.html").as_uri())
            phone.wait_for_selector(".event-item")
            phone.locator(".event-button").nth(40).tap()
            phone.wait_for_timeout(300)
            phone.screenshot(path=DOCS / "timeline-phone.png")
            translation(browser, tmp)
            browser.close()


if __name__ == "__main__":
    main()
