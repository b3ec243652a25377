"""Static images of the timeline (PNG, SVG, PDF) for print, social cards and no-JavaScript readers.

Kaleido 1.x drives a real Chromium to run plotly.js; we point it at the system's browser and
at the plotly.js bundled with plotly.py, and switch MathJax off, so it never downloads a
browser and never fetches anything. No Chromium is a user's setup problem, so it becomes one
ChronologyError line, not a traceback from deep inside Kaleido.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from chronology.errors import ChronologyError

IMAGE_WIDTH = 1400  # px; wide enough for the legend beside the plot
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_chromium() -> str:
    """The browser Kaleido should use: $BROWSER_PATH if set, else the first on PATH."""
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


def static_figure(figure: dict[str, Any], heading: str) -> dict[str, Any]:
    """The page's figure, titled (an image travels without the page's heading)."""
    layout = dict(figure["layout"])
    margin = dict(layout.get("margin", {}))
    margin["t"] = max(int(margin.get("t", 0)), 70)
    layout["margin"] = margin
    layout["title"] = {"text": f"<b>{heading}</b>", "x": 0.01, "xanchor": "left"}
    layout["legend"] = {**layout.get("legend", {}), "x": 1.02, "y": 1, "yanchor": "top"}
    return {"data": figure["data"], "layout": layout}


def write_image(model: dict[str, Any], out: Path, options: Any) -> Path:
    """Render the plot the page would show (same options) to ``out`` (.png, .svg or .pdf)."""
    import kaleido
    import plotly

    from chronology.embed import build_page, plotly_locale
    from chronology.files import write_atomic

    browser = find_chromium()
    page, _ = build_page(model, options)
    fig = static_figure(page.figure, page.heading)
    bundle = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    fmt = out.suffix.lstrip(".")
    with tempfile.TemporaryDirectory() as folder:
        locale = page.config["plotly"].get("locale")
        if locale:
            # The page registers its month names in the browser; Kaleido's page gets them the
            # same way, appended to its plotly.js and made the default for every plot.
            localised = Path(folder) / "plotly-locale.js"
            localised.write_text(
                bundle.read_text(encoding="utf-8")
                + f"\n;Plotly.register({json.dumps(plotly_locale(locale))});"
                + f"Plotly.setPlotConfig({{locale: {json.dumps(locale)}}});\n",
                encoding="utf-8",
            )
            bundle = localised
        try:
            data = kaleido.calc_fig_sync(
                fig,
                opts={"format": fmt, "width": IMAGE_WIDTH, "height": fig["layout"]["height"]},
                kopts={"path": browser, "mathjax": False, "plotlyjs": str(bundle)},
            )
        except Exception as exc:  # Kaleido reports a broken browser in many shapes
            raise ChronologyError(f"could not render {out.name} with {browser}: {exc}") from None
    write_atomic(out, data)
    return out
