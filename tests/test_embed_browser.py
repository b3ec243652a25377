"""The embed kit in a real browser: an article page under a CMS theme, with two fragments and an
iframe, and the static images.

Drives Debian's Chromium through Playwright, like test_browser.py: skipped on a developer's
machine without /usr/bin/chromium, never in CI (the CI variable is set).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from chronology.embed import Options, select, write
from chronology.html.images import write_image
from chronology.load import load

ROOT = Path(__file__).parent.parent
MINI = Path(__file__).parent / "data" / "mini"
ALL = Options(embed="fragment", id="story-all", start="1975", end="1995")
CONFLICTS = Options(embed="fragment", id="story-conflicts", only_conflicts=True, theme="dark")
FRAME = Options(embed="iframe", plotlyjs="directory")

# A CMS theme's article styles: descendant selectors on *, div, p, svg, table, td, button, h1-h3.
CMS_THEME = """
.entry-content * { font-family: "Comic Sans MS", cursive !important; letter-spacing: 2px;
  line-height: 3; text-transform: uppercase; }
.entry-content div { padding: 20px; margin: 10px; border: 3px dotted hotpink; }
.entry-content p { margin: 2em 0; font-size: 22px; color: green; }
.entry-content svg { max-width: 100px; }
.entry-content table { border: 5px solid red; font-size: 30px; }
.entry-content td { padding: 30px; background: yellow; }
.entry-content button { background: black; color: white; padding: 15px; border-radius: 20px; }
.entry-content h1, .entry-content h2, .entry-content h3 { color: purple; font-size: 40px; }
.entry-content { font: 20px/2 Georgia, serif; color: #333; text-align: justify; }
"""

pytestmark = pytest.mark.browser  # skipping and the browser fixture: conftest.py


def host_page(*parts: str, theme: bool = True) -> str:
    style = f"<style>{CMS_THEME}</style>" if theme else ""
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>An article</title>{style}</head>\n<body><article class=entry-content>"
        "<h1>An article about a contested history</h1><p id=before>The newsroom's text.</p>\n"
        + "\n<p>More of the article.</p>\n".join(parts)
        + "\n<p id=after>The end of the article.</p></article></body></html>\n"
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
    (folder / "plain.html").write_text(host_page(*fragments, theme=False), encoding="utf-8")
    (folder / "blank.html").write_text(host_page(""), encoding="utf-8")
    return {"folder": folder, "all": everything, "conflicts": conflicts, "frame": frame}


def open_page(browser: Any, url: str, width: int = 1400) -> tuple[Any, Any, list[str]]:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10000)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url, wait_until="domcontentloaded", timeout=60000)
    for fid in ("story-all", "story-conflicts"):
        page.wait_for_selector(f"#{fid} .plot[data-ready='1']", timeout=30000)
    return context, page, errors


STYLES = """(fid) => {
  const root = document.getElementById(fid).shadowRoot;
  const props = ['font-family', 'font-size', 'line-height', 'color', 'background-color',
    'padding-top', 'margin-top', 'border-top-width', 'letter-spacing', 'text-transform',
    'text-align', 'max-width', 'width', 'height'];
  const picks = ['.chronology', 'h1', '.summary', '.dis-title', '.controls', '.zoom button',
    'input[type=search]', '.plot', '.plot .main-svg', '.panel', 'table', 'td', 'caption',
    '.plot-labels .label:not(.gone)'];
  const out = {};
  for (const sel of picks) {
    const node = root.querySelector(sel);
    if (!node) { out[sel] = null; continue; }
    const style = getComputedStyle(node);
    out[sel] = props.map(p => p + ':' + style.getPropertyValue(p)).join(';');
  }
  return out;
}"""


def test_fragments_look_the_same_under_a_cms_theme(site: dict[str, Any], browser: Any) -> None:
    folder = site["folder"]
    plain_ctx, plain, plain_errors = open_page(browser, (folder / "plain.html").as_uri())
    themed_ctx, themed, themed_errors = open_page(browser, (folder / "host.html").as_uri())
    try:
        for fid in ("story-all", "story-conflicts"):
            with_theme = themed.evaluate(STYLES, fid)
            without = plain.evaluate(STYLES, fid)
            assert all(v is not None for v in with_theme.values()), with_theme
            assert with_theme == without
            svg = themed.locator(f"#{fid} .plot .main-svg").first.bounding_box()
            assert svg["width"] > 600 and svg["height"] > 100  # not squeezed to 100 px
        # the dark fragment is dark, the other light, on the same page
        backgrounds = [
            themed.evaluate(
                f"() => getComputedStyle(document.getElementById('{fid}').shadowRoot"
                ".querySelector('.chronology')).backgroundColor"
            )
            for fid in ("story-all", "story-conflicts")
        ]
        assert backgrounds == ["rgb(255, 255, 255)", "rgb(22, 24, 28)"]
        assert plain_errors == [] and themed_errors == []
    finally:
        plain_ctx.close()
        themed_ctx.close()


def test_two_fragments_and_an_iframe_work_with_one_global(
    site: dict[str, Any], browser: Any
) -> None:
    folder = site["folder"]
    blank_ctx = browser.new_context()
    blank = blank_ctx.new_page()
    blank.goto((folder / "blank.html").as_uri())
    before = set(blank.evaluate("() => Object.keys(window)"))
    blank_ctx.close()
    wanted = next(e for e in site["conflicts"]["events"] if e["conflicts"])
    url = (folder / "host.html").as_uri() + f"#event-{wanted['id']}"
    context, page, errors = open_page(browser, url)
    try:
        added = {
            k for k in page.evaluate("() => Object.keys(window)") if not k.isdigit()
        } - before  # window[0] is the iframe
        assert added == {"Chronology"}
        # the deep link opened the event in the fragment that has it, with the focus
        panel = page.locator("#story-conflicts .panel .panel-title")
        assert panel.text_content() == wanted["title"]
        box = page.locator("#story-conflicts .panel .quote").first.bounding_box()
        assert box["y"] >= 0 and box["y"] + 20 <= 900
        focused = page.evaluate(
            "() => document.getElementById('story-conflicts').shadowRoot.activeElement.className"
        )
        assert focused == "panel-title"
        # each fragment filters on its own
        page.locator("#story-all .only-conflicts").check()
        page.wait_for_timeout(150)
        shown = page.locator("#story-all tbody:not([hidden])").count()
        assert shown == sum(1 for e in site["all"]["events"] if e["conflicts"])
        assert page.locator("#story-conflicts tbody:not([hidden])").count() == len(
            site["conflicts"]["events"]
        )
        # the iframe draws, sizes itself to its content, and opens a linked event too
        frame = next(f for f in page.frames if f.url.endswith("/timeline.html"))
        frame.wait_for_selector(".plot[data-ready='1']")
        frame.wait_for_function("() => document.querySelector('.panel .panel-title') !== null")
        assert frame.locator(".panel .panel-title").text_content() == wanted["title"]
        page.wait_for_function(
            "() => parseInt(document.querySelector('iframe').style.height) > 1500"
        )
        assert errors == []
    finally:
        context.close()


def test_hostile_fragments_run_nothing(tmp_path: Path, browser: Any) -> None:
    hostile = Path(__file__).parent / "data" / "hostile"
    model = select(load(hostile / "events.yaml", hostile / "seeds"), Options())
    options = Options(embed="fragment", id="hostile", plotlyjs="directory")
    write(model, tmp_path / "fragment.html", options)
    page_file = tmp_path / "host.html"
    page_file.write_text(host_page((tmp_path / "fragment.html").read_text(encoding="utf-8")))
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        page.goto(page_file.as_uri())
        page.wait_for_selector("#hostile .plot[data-ready='1']", timeout=30000)
        page.locator("#hostile .plot-labels .label:not(.gone)").first.click(force=True)
        panel = page.locator("#hostile .panel").inner_text()
        assert "<" in panel  # markup shown as text
        assert page.evaluate("() => window.__pwned") is None
        assert dialogs == []
        shadow_elements = page.evaluate(
            "() => document.getElementById('hostile').shadowRoot"
            ".querySelectorAll('img, iframe, object, a[href^=javascript]').length"
        )
        assert shadow_elements == 0
    finally:
        context.close()


def test_the_images_show_titles_and_nothing_interactive(
    site: dict[str, Any], tmp_path: Path
) -> None:
    model = site["conflicts"]
    png = write_image(model, tmp_path / "t.png", "png", Options(), width=1000, scale=1)
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width = int.from_bytes(data[16:20], "big")
    assert width == 1000
    svg = write_image(model, tmp_path / "t.svg", "svg", Options(), width=900).read_text()
    assert svg.startswith("<svg")
    first = model["events"][0]["title"]
    assert first[:30].replace("'", "&#39;") in svg.replace("&apos;", "&#39;") or first[:20] in svg
    assert "Where sources disagree" in svg
    assert "Made with chronology" in svg
    assert "click" not in svg.lower() and "modebar" not in svg
    pdf = write_image(model, tmp_path / "t.pdf", "pdf", Options(), width=900).read_bytes()
    assert pdf.startswith(b"%PDF")


def test_render_format_png_writes_only_the_png(run, tmp_path: Path) -> None:
    out = tmp_path / "x.png"
    result = run(
        "render",
        "--events",
        MINI / "events.yaml",
        "--seeds",
        MINI / "seeds",
        "--format",
        "png",
        "-o",
        out,
        "--width",
        "800",
        "--scale",
        "2",
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {out}: 4 events, 4 accounts, 0 events where sources disagree\n"
    data = out.read_bytes()
    assert data.startswith(b"\x89PNG")
    assert int.from_bytes(data[16:20], "big") == 1600  # 800 px at scale 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.png"]  # no HTML beside it
