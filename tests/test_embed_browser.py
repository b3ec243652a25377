"""The embed kit in a real browser: a plain article page with two fragments and one iframe.

Drives Debian's Chromium through Playwright, like test_browser.py: skipped on a developer's
machine without /usr/bin/chromium, never in CI (the CI variable is set).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from chronology.embed import Options, select, write
from chronology.load import load

ROOT = Path(__file__).parent.parent
MINI = Path(__file__).parent / "data" / "mini"
ALL = Options(embed="fragment", id="story-all", start="1975", end="1995")
CONFLICTS = Options(embed="fragment", id="story-conflicts", only_conflicts=True, theme="dark")
FRAME = Options(embed="iframe", plotlyjs="directory")

pytestmark = pytest.mark.browser  # skipping and the browser fixture: conftest.py


def host_page(*parts: str) -> str:
    """A plain article page with rules that would restyle a careless embed."""
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>An article</title><style>body { font-family: Georgia, serif; max-width: 1100px;"
        " margin: auto; padding: 1rem; } h1 { color: purple; }</style></head>\n<body>"
        "<h1>An article about a contested history</h1><p id=before>The newsroom's text.</p>\n"
        + "\n<p>More of the article.</p>\n".join(parts)
        + "\n<p id=after>The end of the article.</p></body></html>\n"
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("site")
    chronology = load(ROOT / "data" / "events.yaml", ROOT / "seeds")
    everything = select(chronology, ALL)
    conflicts = select(chronology, CONFLICTS)
    write(everything, folder / "all.html", ALL)
    write(conflicts, folder / "conflicts.html", CONFLICTS)
    frame = select(chronology, FRAME)
    snippet = write(frame, folder / "timeline.html", FRAME)
    assert snippet is not None
    fragments = [(folder / n).read_text(encoding="utf-8") for n in ("all.html", "conflicts.html")]
    (folder / "host.html").write_text(host_page(*fragments, snippet), encoding="utf-8")
    (folder / "blank.html").write_text(host_page(""), encoding="utf-8")
    return {"folder": folder, "all": everything, "conflicts": conflicts, "frame": frame}


def open_page(browser: Any, url: str, width: int = 1300) -> tuple[Any, Any, list[str]]:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    return context, page, errors


def frame_of(page: Any) -> Any:
    return next(f for f in page.frames if "/timeline.html" in f.url)


def wait_drawn(page: Any) -> None:
    for fid in ("story-all", "story-conflicts"):
        page.wait_for_selector(f"#{fid}-chronology-timeline[data-ready='1']", timeout=20000)


def conflicting(model: dict[str, Any]) -> dict[str, Any]:
    return next(e for e in model["events"] if e["conflicts"])


def test_host_page_with_two_fragments_an_iframe_and_a_deep_link(
    site: dict[str, Any], browser: Any
) -> None:
    """One load of the article page (loading it costs seconds): deep link first, then the rest."""
    target = conflicting(site["all"])
    url = (site["folder"] / "host.html").as_uri() + f"#event-{target['id']}"
    context, page, errors = open_page(browser, url)
    try:
        wait_drawn(page)
        page.wait_for_selector("#story-all-selected-event:not([hidden])")
        assert page.inner_text("#story-all-selected-event h3") == target["title"]
        assert page.locator(f"#story-all-event-{target['id']}.is-selected").count() == 1
        shown = page.locator("#story-all-selected-event tbody tr").count()
        assert shown == len(target["accounts"])  # its accounts are open beside the plot
        page.wait_for_function(
            """(lo) => {
                const r = document.getElementById('story-all-chronology-timeline')
                    ._fullLayout.xaxis.range;
                return r[0].slice(0, 10) > lo;
            }""",
            arg=min(e["earliest"] for e in site["all"]["events"] if e["earliest"]),
        )
        # the iframe got the link from the host page and reports its selection back
        frame = frame_of(page)
        frame.wait_for_selector(f"#event-{target['id']}.is-selected", timeout=20000)
        page.wait_for_timeout(200)
        # every timeline opened it; only the first one on the page took the focus
        assert page.locator(f"#story-conflicts-event-{target['id']}.is-selected").count() == 1
        assert page.evaluate("() => document.activeElement.closest('#story-all') !== null")
        other = [e for e in site["all"]["events"] if e["id"] != target["id"]][5]
        frame.evaluate(f"() => {{ location.hash = '#event-{other['id']}'; }}")
        page.wait_for_function(f"() => location.hash === '#event-{other['id']}'")
        for fid, model in (("story-all", site["all"]), ("story-conflicts", site["conflicts"])):
            rows = page.locator(f"#{fid}-events-table tbody[data-event]")
            assert rows.count() == model["summary"]["events"]
            marks = page.locator(f"#{fid}-chronology-timeline .scatterlayer .trace .points path")
            assert marks.count() >= model["summary"]["accounts"]
        # each fragment's controls drive only that fragment
        page.check("#story-conflicts-only-conflicts")
        page.fill("#story-all-search", site["all"]["events"][-1]["title"])
        page.wait_for_function(
            "() => document.getElementById('story-all-status').textContent.startsWith('Showing 1')"
        )
        assert page.locator("#story-conflicts-events-table tbody[hidden]").count() == 0
        # the dark fragment is dark, the host's heading rule did not reach the fragments
        assert page.evaluate(
            "() => getComputedStyle(document.getElementById('story-conflicts')).backgroundColor"
        ) == ("rgb(22, 24, 28)")
        assert page.evaluate(
            "() => getComputedStyle(document.querySelector('#story-all h1')).color"
        ) == ("rgb(17, 17, 17)")
        # and the fragments' CSS did not reach the host page
        assert page.evaluate("() => getComputedStyle(document.body).fontFamily") == "Georgia, serif"
        # one global of our own
        context2, blank, _ = open_page(browser, (site["folder"] / "blank.html").as_uri())
        before = set(blank.evaluate("() => Object.keys(window)"))
        context2.close()
        plotly = {
            "Plotly",
            "PlotlyGeoAssets",
            "PolyBool",
            "sprintf",
            "vsprintf",
            "__TYPEDARRAY_POOL",
            "__TEXT_CACHE",
            "requestResize",
        }
        added = (
            set(page.evaluate("() => Object.keys(window).filter(k => isNaN(k))")) - before - plotly
        )
        assert added == {"Chronology"}
        # the iframe sized itself to its content
        iframe = page.locator("iframe[data-chronology]")
        assert iframe.get_attribute("title") == (
            f"Chronology: {site['frame']['summary']['events']} events,"
            f" {site['frame']['summary']['events_in_conflict']} events where sources disagree"
        )
        frame = frame_of(page)
        frame.wait_for_selector("#chronology-timeline[data-ready='1']", timeout=20000)
        page.wait_for_function(
            "() => document.querySelector('iframe[data-chronology]').style.height !== '1000px'"
        )
        gap = None
        for _ in range(50):  # the content grows as the table is parsed; the frame follows
            content = frame.evaluate(
                "() => Math.ceil(document.documentElement.getBoundingClientRect().height)"
            )
            shown = iframe.bounding_box()
            assert shown is not None
            gap = abs(shown["height"] - content)
            if gap <= 2:
                break
            page.wait_for_timeout(100)
        assert gap is not None and gap <= 2
        assert frame.evaluate("() => document.documentElement.scrollHeight") <= content + 2
        assert errors == []
    finally:
        context.close()


def test_a_phone_gets_the_list(site: dict[str, Any], browser: Any) -> None:
    target = conflicting(site["all"])
    url = (site["folder"] / "host.html").as_uri() + f"#event-{target['id']}"
    context, page, errors = open_page(browser, url, width=375)
    try:
        page.wait_for_selector("#story-all .event-list", state="visible")
        plot = page.locator("#story-all-chronology-timeline").bounding_box()
        assert plot is not None and plot["height"] == 0
        assert not page.is_visible("#story-all-events-table")
        items = page.locator("#story-all .event-item")
        assert items.count() == site["all"]["summary"]["events"]
        opened = page.locator(f"#story-all .event-item[data-event-id='{target['id']}'] details")
        assert opened.get_attribute("open") is not None
        text = opened.inner_text()
        assert "Sources disagree" in text and target["accounts"][0]["quote"][:30] in text
        flagged = page.locator("#story-all .event-item[data-conflict='1'] .flag-badge")
        assert flagged.count() == site["all"]["summary"]["events_in_conflict"]
        box = page.locator("#story-all .event-list").bounding_box()
        assert box is not None and box["width"] <= 375
        frame = frame_of(page)
        frame.wait_for_selector(".event-list", state="visible", timeout=20000)
        assert errors == []
    finally:
        context.close()


def test_without_javascript_the_page_shows_the_png(tmp_path: Path, browser: Any) -> None:
    from typer.testing import CliRunner

    from chronology.cli import app

    out = tmp_path / "timeline.html"
    args = ["render", "--events", str(MINI / "events.yaml"), "--seeds", str(MINI / "seeds")]
    result = CliRunner().invoke(app, [*args, "-o", str(out), "--format", "png"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "timeline.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1300, "height": 900}
    )
    try:
        page = context.new_page()
        page.goto(out.as_uri())
        image = page.locator("img.noscript-image")
        assert image.is_visible()
        assert page.evaluate("() => document.querySelector('img.noscript-image').naturalWidth") > 0
    finally:
        context.close()


def test_hostile_fragments_run_nothing(tmp_path: Path, browser: Any) -> None:
    hostile = Path(__file__).parent / "data" / "hostile"
    chronology = load(hostile / "events.yaml", hostile / "seeds")
    parts = []
    for name in ("one", "two"):
        options = Options(
            embed="fragment", id=f"hostile-{name}", title="<img src=x onerror=alert(1)>"
        )
        write(select(chronology, options), tmp_path / f"{name}.html", options)
        parts.append((tmp_path / f"{name}.html").read_text(encoding="utf-8"))
    (tmp_path / "host.html").write_text(host_page(*parts), encoding="utf-8")
    context, page, errors = open_page(browser, (tmp_path / "host.html").as_uri())
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        for name in ("one", "two"):
            page.wait_for_selector(f"#hostile-{name}-chronology-timeline[data-ready='1']")
            assert page.inner_text(f"#hostile-{name} h1") == "<img src=x onerror=alert(1)>"
            body = page.inner_text(f"#hostile-{name}-events-table")
            assert "The group moves to <b>Iraq</b><script>window.__pwned = 8</script>" in body
        assert page.evaluate("() => window.__pwned") is None
        assert page.evaluate("() => document.querySelectorAll('img, iframe, object').length") == 0
        assert dialogs == [] and errors == []
    finally:
        context.close()


# The listener newsroom pages already carry for Datawrapper embeds, in its usual form: it sizes
# whichever iframe sent a "datawrapper-height" message, knowing nothing about chronology.
DATAWRAPPER_LISTENER = """<script>
window.addEventListener("message", function (e) {
  if (e.data["datawrapper-height"] === undefined) { return; }
  var frames = document.querySelectorAll("iframe");
  for (var key in e.data["datawrapper-height"]) {
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === e.source) {
        frames[i].style.height = e.data["datawrapper-height"][key] + "px";
      }
    }
  }
});
</script>"""


def test_a_datawrapper_host_sizes_our_iframe(tmp_path: Path, browser: Any) -> None:
    options = Options(embed="iframe", plotlyjs="directory")
    write(select(load(MINI / "events.yaml", MINI / "seeds"), options), tmp_path / "t.html", options)
    frame = (
        '<iframe src="t.html" title="Timeline" style="width:100%;border:0" height="200"></iframe>'
    )
    (tmp_path / "host.html").write_text(host_page(frame + DATAWRAPPER_LISTENER), encoding="utf-8")
    context, page, errors = open_page(browser, (tmp_path / "host.html").as_uri())
    try:
        page.wait_for_function(
            "() => parseInt(document.querySelector('iframe').style.height) > 600", timeout=20000
        )
        assert errors == []
    finally:
        context.close()


def test_static_images_use_the_locale(tmp_path: Path) -> None:
    from chronology.images import write_image

    options = Options(locale="fr", start="1965", end="1965", height=300)
    model = select(load(MINI / "events.yaml", MINI / "seeds"), options)
    svg = write_image(model, tmp_path / "t.svg", options).read_text(encoding="utf-8")
    assert svg.startswith("<svg")
    assert ">juil 1965<" in svg and ">Jul 1965<" not in svg
