"""Render the export model as one self-contained, accessible HTML timeline page.

The page code lives in the ``chronology.html`` package (model → geometry → plot and markup →
page → images); this module is its short public face for the common case: a standalone page.
"""

from __future__ import annotations

from pathlib import Path

from chronology.html.markup import conflict_count_text, escape
from chronology.html.model import AnyModel
from chronology.html.options import Lanes, Options, PlotlyJS
from chronology.html.page import html, write

__all__ = ["conflict_count_text", "escape", "render", "render_html"]


def render_html(model: AnyModel, plotlyjs: PlotlyJS = "inline", lanes: Lanes = "category") -> str:
    """The whole page as a string: deterministic for the same model and options."""
    return html(model, Options(plotlyjs=plotlyjs, lanes=lanes))


def render(
    model: AnyModel,
    out: str | Path,
    plotlyjs: PlotlyJS = "inline",
    lanes: Lanes = "category",
) -> Path:
    """Write the page atomically (a crash or Ctrl-C never leaves half a page over the old one).

    With ``plotlyjs="directory"`` the page loads ``plotly.min.js`` from its own folder, which is
    written next to it when missing or different.
    """
    write(model, out, Options(plotlyjs=plotlyjs, lanes=lanes))
    return Path(out)
