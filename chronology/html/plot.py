"""What Plotly is told: the base layout and the config of the interactive plot.

The traces themselves are built in the browser (``static/timeline.js``) from the page's one
JSON block, because the rows are packed anew for every window the reader looks at. Everything
that does not change with the window lives here.
"""

from __future__ import annotations

from typing import Any

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"


def base_layout() -> dict[str, Any]:
    """The layout every redraw starts from (timeline.js fills height, ranges and colours)."""
    return {
        "font": {"family": FONT, "size": 12},
        "hovermode": "closest",
        "hoverdistance": 14,
        "hoverlabel": {"align": "left", "font": {"size": 13}, "namelength": -1},
        "dragmode": "pan",
        "showlegend": False,
        "uirevision": "chronology",
        "xaxis": {
            "type": "date",
            "side": "top",
            "showgrid": True,
            "zeroline": False,
            "automargin": False,
            "ticks": "outside",
            "ticklen": 4,
            # Labels are placed by plotly.js's own rules; "allow" skips measuring each of
            # them again after every update to hide those that overflow.
            "ticklabeloverflow": "allow",
        },
        "yaxis": {
            "fixedrange": True,
            "showgrid": False,
            "zeroline": False,
            "tickmode": "array",
            "ticks": "",
            "automargin": False,
            "ticklabeloverflow": "allow",
        },
    }


def config(locale: str | None = None) -> dict[str, Any]:
    """Plotly's config: no cloud button, no logo, nothing that sends data anywhere."""
    chosen: dict[str, Any] = {
        "responsive": False,
        "displaylogo": False,
        "showSendToCloud": False,
        "showEditInChartStudio": False,
        "showLink": False,
        "plotlyServerURL": "",
        "scrollZoom": False,
        "doubleClick": "reset",
        "modeBarButtonsToRemove": [
            "select2d",
            "lasso2d",
            "autoScale2d",
            "sendDataToCloud",
            "editInChartStudio",
        ],
        "toImageButtonOptions": {"filename": "timeline"},
    }
    if locale:
        chosen["locale"] = locale
    return chosen
