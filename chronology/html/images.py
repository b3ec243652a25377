"""Static images of the timeline (PNG, SVG, PDF) for print and social cards.

The image is drawn by the page's own code in a headless Chromium, so it shows what a reader
sees first: the heading, the disagreements, the plot with its titles packed without overlap,
and a source line; nothing interactive. Playwright drives the system's Chromium (it never
downloads a browser) and the page loads nothing from the network. No Chromium is a setup
problem, so it becomes one ChronologyError line, not a traceback.
"""

from __future__ import annotations

import base64
import os
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from chronology.errors import ChronologyError
from chronology.files import write_atomic
from chronology.html.model import AnyModel
from chronology.html.options import ImageFormat, Options

IMAGE_WIDTH = 1400  # px
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_chromium() -> str:
    """The browser to use: $BROWSER_PATH if set, else the first on PATH."""
    explicit = os.environ.get("BROWSER_PATH")
    if explicit:
        if Path(explicit).is_file():
            return explicit
        raise ChronologyError(
            f"BROWSER_PATH={explicit} does not exist; static images need Chromium"
        )
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    raise ChronologyError(
        "static images need Chromium: install it (apt-get install -y chromium) "
        "or set BROWSER_PATH to a Chrome or Chromium binary"
    )


def check_size(width: int, scale: float) -> None:
    """An image's width (CSS pixels) and scale (pixel density) within what a browser draws."""
    if not 300 <= width <= 10000:
        raise ChronologyError(f"image width {width} must be between 300 and 10000 pixels")
    if not 0.25 <= scale <= 8:
        raise ChronologyError(f"image scale {scale} must be between 0.25 and 8")


def image_bytes(
    model: AnyModel,
    fmt: ImageFormat,
    options: Options,
    width: int = IMAGE_WIDTH,
    scale: float = 1.0,
) -> bytes:
    """The image's bytes: the standalone page drawn at ``width`` CSS pixels, times ``scale``."""
    from chronology.html.page import build, standalone_html

    check_size(width, scale)
    browser = find_chromium()
    page_html = standalone_html(build(model, Options(**{**options.__dict__, "plotlyjs": "inline"})))
    # Playwright's sync API refuses to run where an asyncio loop is running (a notebook, a
    # test that drives a browser already), so the drawing gets a thread of its own.
    with ThreadPoolExecutor(max_workers=1) as pool:
        url_or_pdf = pool.submit(_draw, browser, page_html, fmt, width, scale).result()
    if isinstance(url_or_pdf, bytes):
        return url_or_pdf
    url = url_or_pdf
    head, _, payload = url.partition(",")
    if ";base64" in head:
        return base64.b64decode(payload)
    from urllib.parse import unquote

    return unquote(payload).encode("utf-8")


def write_image(
    model: AnyModel,
    out: Path,
    fmt: ImageFormat,
    options: Options,
    width: int = IMAGE_WIDTH,
    scale: float = 1.0,
) -> Path:
    """Write the image atomically to ``out``."""
    write_atomic(out, image_bytes(model, fmt, options, width, scale))
    return out


def _draw(browser: str, page_html: str, fmt: ImageFormat, width: int, scale: float) -> str | bytes:
    """The image as a data: URL (PNG, SVG) or the PDF's bytes, drawn by the page's own code."""
    from playwright.sync_api import Error, sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "timeline.html"
        source.write_text(page_html, encoding="utf-8")
        try:
            with sync_playwright() as p:
                chromium = p.chromium.launch(executable_path=browser, headless=True)
                try:
                    page = chromium.new_page(viewport={"width": width, "height": 900})
                    page.route("http*://**", lambda route: route.abort())
                    page.goto(source.as_uri())
                    page.wait_for_function("window.Chronology && window.Chronology.timelines")
                    page.evaluate("window.Chronology.timelines[0].ready")
                    result = page.evaluate(
                        "o => window.Chronology.timelines[0].image(o)",
                        {"format": "svg" if fmt == "pdf" else fmt, "width": width, "scale": scale},
                    )
                    url, height = str(result["url"]), int(result["height"])
                    if fmt == "pdf":
                        page.set_content(
                            f'<style>@page{{margin:0}}body{{margin:0}}</style><img src="{url}"'
                            f' style="display:block;width:{width}px;height:{height}px">'
                        )
                        return page.pdf(
                            width=f"{width}px", height=f"{height + 1}px", print_background=True
                        )
                finally:
                    chromium.close()
        except Error as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else "failed"
            raise ChronologyError(f"could not draw the image with {browser}: {first}") from None
    return url
