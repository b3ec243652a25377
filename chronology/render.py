"""Render the export model as one self-contained, accessible HTML timeline page.

Render reads ONLY the dict that ``chronology.export.build`` returns, so the page and
``chronology export`` can never disagree about a date, a side or a count.

Design choices, and why:

- Precision is geometry. A day is a dot; anything coarser (month, year, decade, interval, one
  of a set) is a bar from its earliest to its latest day with end ticks, so a reader sees how
  much a source actually committed to. Approximate/uncertain dates are hollow or dashed and
  faded. Open-ended dates ("before July 1980") run to the edge of the plot with an arrow.
- Each lane (category or source) is packed into rows so that events which overlap in time do
  not draw over each other; the accounts of one event sit a few pixels apart in its row.
- One legend group per source (hide or isolate a source), named with its outlet and stance in
  words. Colours identify sources only: they never encode stance or approval, and no source
  ever gets the colour reserved for conflicts.
- Everything that came from YAML or a source document is HTML-escaped before it reaches
  Plotly (``text``, ``customdata``, ``hovertemplate``, names, tick labels) or the table:
  Plotly renders tags such as ``<b>`` and ``<a href>`` in those strings.
- Output is deterministic: fixed div id, input order, no timestamps; the footer names the
  tool version and the hash of the input files from the export model.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from chronology import __version__
from chronology.dates import clamp_shift
from chronology.files import write_atomic
from chronology.formats import plural
from chronology.model import is_safe_link

DIV_ID = "chronology-timeline"
Lanes = Literal["category", "source"]
PlotlyJS = Literal["inline", "cdn", "directory"]

# Reserved for conflicts (Okabe-Ito vermillion); never given to a source.
CONFLICT_COLOUR = "#D55E00"
# Colour-blind-safe hues (Okabe-Ito and Paul Tol's "muted"), minus anything close to the
# conflict colour. They identify sources, nothing else.
PALETTE = (
    "#0072B2",
    "#009E73",
    "#CC79A7",
    "#332288",
    "#56B4E9",
    "#999933",
    "#882255",
    "#44AA99",
    "#000000",
    "#AA4499",
    "#117733",
    "#6F6F6F",
    "#88CCEE",
    "#B08F1A",
)
# Above this many accounts the marks use WebGL traces, which stay responsive when zooming.
WEBGL_THRESHOLD = 3000
# Vertical layout in pixels: accounts of one event, rows in a lane, lanes.
ACCOUNT_STEP = 9
ROW_GAP = 14
LANE_GAP = 18
MAX_ROWS_PER_LANE = 40
# Past this many conflicting events the gap labels would only cover each other (and cost
# seconds of WebGL text); the connectors stay and every hover box still names the gap.
LABEL_LIMIT = 300
PLOT_WIDTH_GUESS = 740  # px of plot beside the legend on a desktop; keeps labels off marks
AGREEMENT_WORDS = {
    "single": "one account",
    "same": "the accounts give the same date",
    "compatible": "the accounts are compatible (some more precise than others)",
    "overlapping": "the accounts' date ranges overlap",
    "possible-conflict": "sources may disagree",
    "conflict": "sources disagree",
}


def escape(value: Any) -> str:
    """Escape a value for HTML and for Plotly strings.

    ``%`` also becomes an entity so a source's text can never act as a Plotly
    ``%{...}`` hover-template placeholder; Plotly turns the entity back into ``%``. Double
    quotes become ``&#34;`` rather than ``&quot;``, which Plotly would show literally.
    """
    text = html.escape("" if value is None else str(value), quote=True)
    return text.replace("&quot;", "&#34;").replace("%", "&#37;")


def wrap(text: str, width: int = 70) -> str:
    """Break already-escaped text into <br>-separated lines so long quotes fit a hover box."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "<br>".join(lines)


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def conflict_count_text(n: int) -> str:
    """The headline count, e.g. '14 events where sources disagree'."""
    return f"{plural(n, 'event')} where sources disagree"


def _clip(text: str, limit: int = 60) -> str:
    """Shorten a name for the legend or a lane; the hover box and the table keep it whole."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def source_names(sources: list[dict[str, Any]]) -> dict[str, str]:
    """A short, unique, unescaped name per source for the legend and lanes.

    The byline, or the outlet when there is none; the article title is added when that is not
    unique (one author can write several pieces, and a compilation's pieces share an outlet).
    The hover box and the table give the full attribution.
    """
    base = {s["id"]: ", ".join(s.get("authors") or []) or s["outlet"] for s in sources}
    counts: dict[str, int] = {}
    for name in base.values():
        counts[name] = counts.get(name, 0) + 1
    return {
        sid: _clip(name if counts[name] == 1 else f"{name}: {src_title}", 44)
        for sid, name, src_title in ((s["id"], base[s["id"]], s["title"]) for s in sources)
    }


def source_colours(sources: list[dict[str, Any]]) -> dict[str, str]:
    """Colour per source in sources.yaml order (identity only; never stance)."""
    return {src["id"]: PALETTE[i % len(PALETTE)] for i, src in enumerate(sources)}


@dataclass
class Placed:
    """One account's mark: its event, its drawn extent (open ends clipped) and its height."""

    event: int
    account: dict[str, Any]
    x0: dt.date
    x1: dt.date
    y: float


@dataclass
class Lane:
    """One horizontal band (a category or a source) and the y range its rows take."""

    key: str
    label: str
    top: int
    bottom: int


@dataclass
class Geometry:
    """Where everything goes: the x domain, the lanes and every account's mark."""

    start: dt.date
    end: dt.date
    lanes: list[Lane] = field(default_factory=list)
    marks: dict[str, Placed] = field(default_factory=dict)
    # (event index, lane key) -> y of the centre of that event's row in that lane
    centres: dict[tuple[int, str], float] = field(default_factory=dict)
    height: int = 0


def _domain(events: list[dict[str, Any]]) -> tuple[dt.date, dt.date]:
    """The x range: every closed end of every account, padded; open ends are clipped to it."""
    days = [
        _day(a[end])
        for ev in events
        for a in ev["accounts"]
        for end, is_open in (("earliest", "open_start"), ("latest", "open_end"))
        if not a.get(is_open)
    ]
    if not days:
        return dt.date(1900, 1, 1), dt.date(2030, 1, 1)
    lo, hi = min(days), max(days)
    pad = dt.timedelta(days=max(365, (hi - lo).days // 30))
    # An open end ("before 1980") needs room to read as "before", not as a short bar.
    room = dt.timedelta(days=max(5 * 365, (hi - lo).days // 10))
    accounts = [a for ev in events for a in ev["accounts"]]
    lo = clamp_shift(lo, -(room if any(a.get("open_start") for a in accounts) else pad))
    hi = clamp_shift(hi, room if any(a.get("open_end") for a in accounts) else pad)
    return lo, hi


def _lane_keys(model: dict[str, Any], lanes: Lanes) -> list[tuple[str, str]]:
    """The lanes in model order (categories or sources), keeping only those with marks."""
    events = model["events"]
    if lanes == "source":
        used = {a["source"] for ev in events for a in ev["accounts"]}
        names = source_names(model["sources"])
        return [(s["id"], _clip(names[s["id"]], 28)) for s in model["sources"] if s["id"] in used]
    used = {ev["category"] for ev in events}
    labels = category_labels(model)
    order = list(labels)
    order += sorted(used - set(order))
    return [(c, labels.get(c, c)) for c in order if c in used]


def conflict_label(event: dict[str, Any]) -> str:
    """The gap label(s) of an event's conflicts, e.g. '1986 vs 1987' (unescaped)."""
    labels = []
    for conflict in event["conflicts"]:
        label = conflict["label"]
        if conflict.get("figure"):
            label = f"{conflict['figure']}: {label}"
        if conflict["strength"] != "conflict":
            label = f"possibly {label}"
        if label not in labels:
            labels.append(label)
    return "; ".join(labels)


def short_conflict_label(event: dict[str, Any], limit: int = 36) -> str:
    """The label drawn beside a connector: the first firm conflict's gap, and how many more.

    The full list is in the hover boxes and the table; on the plot a long label would cover
    other events.
    """
    ranked = sorted(event["conflicts"], key=lambda c: c["strength"] != "conflict")
    first = ranked[0]
    label = first["label"] if first["strength"] == "conflict" else f"possibly {first['label']}"
    more = len({c["label"] for c in ranked}) - 1
    return _clip(label, limit) + (f" · +{more} more" if more > 0 else "")


def labelled(model: dict[str, Any]) -> bool:
    """Whether conflicts get a gap label on the plot (see LABEL_LIMIT)."""
    return model["summary"]["events_in_conflict"] <= LABEL_LIMIT


def label_on_left(x: dt.date, start: dt.date, end: dt.date) -> bool:
    """Labels of conflicts near the right edge go left of the connector, or they would be cut."""
    return (x - start).days > 0.72 * (end - start).days


def _closed_extent(marks: list[Placed]) -> tuple[dt.date, dt.date]:
    """The days the accounts actually name: an open end ("by 2012") counts as its closed end."""
    lows = [m.x1 if m.account.get("open_start") else m.x0 for m in marks]
    highs = [m.x0 if m.account.get("open_end") else m.x1 for m in marks]
    return min(lows), max(highs)


def layout_marks(model: dict[str, Any], lanes: Lanes = "category") -> Geometry:
    """Pack each lane's events into rows so that overlapping events never share a row.

    Greedy interval packing in time order (deterministic). A row's extent includes a few
    pixels of air and, in category lanes, the conflict label drawn right of the event. Past
    MAX_ROWS_PER_LANE rows an event goes to the row that frees up first, so a huge chronology
    overlaps instead of growing an endless page.
    """
    events = model["events"]
    start, end = _domain(events)
    geometry = Geometry(start=start, end=end)
    days_per_px = max((end - start).days, 1) / PLOT_WIDTH_GUESS
    air = dt.timedelta(days=8 * days_per_px)
    # Open ends stop a few pixels inside the plot so their arrowheads are not clipped.
    open_lo = clamp_shift(start, air)
    open_hi = clamp_shift(end, -air)
    y = 0
    for key, label in _lane_keys(model, lanes):
        items: list[tuple[int, list[dict[str, Any]], dt.date, dt.date]] = []
        for index, ev in enumerate(events):
            accounts = [
                a
                for a in ev["accounts"]
                if (a["source"] if lanes == "source" else ev["category"]) == key
            ]
            if not accounts:
                continue
            x0 = min(open_lo if a.get("open_start") else _day(a["earliest"]) for a in accounts)
            x1 = max(open_hi if a.get("open_end") else _day(a["latest"]) for a in accounts)
            reach = clamp_shift(x1, air)
            if ev["conflicts"] and lanes == "category" and labelled(model):
                room = dt.timedelta(days=7.5 * len(short_conflict_label(ev)) * days_per_px)
                if label_on_left(x1, start, end):
                    x0 = clamp_shift(x0, -room)
                else:
                    reach = clamp_shift(reach, room)
            items.append((index, accounts, x0, reach))
        rows_end: list[dt.date] = []
        rows_size: list[int] = []
        assigned: list[tuple[int, list[dict[str, Any]], int]] = []
        for index, accounts, x0, reach in sorted(items, key=lambda it: (it[2], it[0])):
            free = [r for r, last in enumerate(rows_end) if last < x0]
            if free:
                row = free[0]
            elif len(rows_end) < MAX_ROWS_PER_LANE:
                row = len(rows_end)
                rows_end.append(dt.date.min)
                rows_size.append(1)
            else:
                row = min(range(len(rows_end)), key=lambda r: (rows_end[r], r))
            rows_end[row] = max(rows_end[row], reach)
            rows_size[row] = max(rows_size[row], len(accounts))
            assigned.append((index, accounts, row))
        top = y
        row_tops = []
        for size in rows_size:
            row_tops.append(y)
            y += (size - 1) * ACCOUNT_STEP + ROW_GAP
        for index, accounts, row in assigned:
            size = rows_size[row]
            first = row_tops[row] + ROW_GAP / 2 + (size - len(accounts)) * ACCOUNT_STEP / 2
            geometry.centres[(index, key)] = first + (len(accounts) - 1) * ACCOUNT_STEP / 2
            for k, acc in enumerate(accounts):
                geometry.marks[acc["id"]] = Placed(
                    event=index,
                    account=acc,
                    x0=open_lo if acc.get("open_start") else _day(acc["earliest"]),
                    x1=open_hi if acc.get("open_end") else _day(acc["latest"]),
                    y=first + k * ACCOUNT_STEP,
                )
        geometry.lanes.append(Lane(key=key, label=label, top=top, bottom=y))
        y += LANE_GAP
    geometry.height = max(y - LANE_GAP, 1)
    return geometry


def _source_block(src: dict[str, Any]) -> str:
    """The attribution lines of a hover box, escaped (they sit in a Plotly hovertemplate)."""
    authors = ", ".join(src.get("authors") or [])
    who = f"{escape(src['outlet'])}" + (f", by {escape(authors)}" if authors else "")
    return (
        f"<b>Source:</b> {wrap(who)}<br>"
        f"“{wrap(escape(src['title']))}”<br>"
        f"published {escape(src['published_label'])}"
        + (f" · stance: {escape(src['stance'])}" if src.get("stance") else "")
    )


def _account_text(event: dict[str, Any], account: dict[str, Any], names: dict[str, str]) -> str:
    """The per-account part of a hover box (escaped): date as stated, quote, citation, others."""
    stated = escape(account["date"]) + (
        f", {escape(account['modifier'])}" if account.get("modifier") else ""
    )
    label = escape(account["label"])
    parts = [
        f"<b>Date as stated:</b> {label}" + ("" if stated == label else f" ({stated})"),
        f"“{wrap(escape(account['quote']))}”",
    ]
    if account.get("cited"):
        parts.append(f"<b>Cites:</b> {wrap(escape(account['cited']))}")
    if account.get("figures"):
        figures = ", ".join(f"{k} {v['text']}" for k, v in account["figures"].items())
        parts.append(f"<b>Figures:</b> {escape(figures)}")
    if account.get("note"):
        parts.append(f"<b>Note:</b> {wrap(escape(account['note']))}")
    if event["conflicts"]:
        parts.append(f"<b>Sources disagree:</b> {escape(conflict_label(event))}")
        others = [
            f"{escape(names.get(o['source'], o['source']))}: {escape(o['label'])}"
            for o in event["accounts"]
            if o["id"] != account["id"]
        ]
        if others:
            parts.append("<b>Other accounts:</b><br>" + "<br>".join(others))
    return "<br>".join(parts)


def _hovertemplate(block: str) -> str:
    return f"<b>%{{customdata[1]}}</b><br>{block}<br>%{{text}}<extra></extra>"


# How a bar looks: firm, soft (~ or ?), or open-ended (runs to the edge of the plot).
BAR_STYLES: dict[str, dict[str, Any]] = {
    "firm": {"opacity": 1, "line": {"width": 5, "dash": "solid"}},
    "soft": {"opacity": 0.55, "line": {"width": 4, "dash": "dash"}},
    "open": {"opacity": 0.55, "line": {"width": 1.5, "dash": "dot"}},
}


def _bar_styles(bars: list[Placed]) -> dict[str, list[Placed]]:
    styles: dict[str, list[Placed]] = {"firm": [], "soft": [], "open": []}
    for m in bars:
        if m.account.get("open_start") or m.account.get("open_end"):
            styles["open"].append(m)
        else:
            styles["soft" if m.account["soft"] else "firm"].append(m)
    return {k: v for k, v in styles.items() if v}


def _end_symbol(is_open: bool, side: str) -> str:
    return ("triangle-left" if side == "start" else "triangle-right") if is_open else "line-ns"


def _mark_traces(model: dict[str, Any], geometry: Geometry, kind: str) -> list[dict[str, Any]]:
    """Per source: a legend entry, day dots, firm bars, soft bars and bar hover points."""
    events = model["events"]
    names = source_names(model["sources"])
    colours = source_colours(model["sources"])
    by_source: dict[str, list[Placed]] = {}
    for mark in geometry.marks.values():
        by_source.setdefault(mark.account["source"], []).append(mark)
    traces: list[dict[str, Any]] = []
    for rank, src in enumerate(model["sources"]):
        sid = src["id"]
        marks = sorted(by_source.get(sid, []), key=lambda m: (m.event, m.account["id"]))
        if not marks:
            continue
        colour = colours[sid]
        group = {"legendgroup": f"source-{sid}", "showlegend": False}
        template = _hovertemplate(_source_block(src))
        traces.append(
            {
                "type": "scatter",
                "x": [None],
                "y": [None],
                "mode": "lines+markers",
                "name": escape(names[sid])
                + (f" · {escape(src['stance'])}" if src.get("stance") else ""),
                "legendgroup": f"source-{sid}",
                "legendrank": 1000 + rank,
                "line": {"color": colour, "width": 5},
                "marker": {"color": colour, "size": 9},
                "hoverinfo": "skip",
            }
        )
        dots = [m for m in marks if m.x0 == m.x1 and m.account["precision"] == "day"]
        if dots:
            traces.append(
                {
                    "type": kind,
                    "mode": "markers",
                    "name": escape(names[sid]),
                    **group,
                    "x": [m.x0.isoformat() for m in dots],
                    "y": [m.y for m in dots],
                    "customdata": [[m.event, wrap(escape(events[m.event]["title"]))] for m in dots],
                    "text": [_account_text(events[m.event], m.account, names) for m in dots],
                    "hovertemplate": template,
                    "hoverlabel": {"bordercolor": colour},
                    "marker": {
                        "color": colour,
                        "size": 10,
                        "symbol": ["circle-open" if m.account["soft"] else "circle" for m in dots],
                        "opacity": [0.6 if m.account["soft"] else 1 for m in dots],
                        "line": {"color": colour, "width": 2},
                    },
                }
            )
        bars = [m for m in marks if not (m.x0 == m.x1 and m.account["precision"] == "day")]
        for style, chosen in _bar_styles(bars).items():
            xs: list[str | None] = []
            ys: list[float | None] = []
            symbols: list[str] = []
            custom: list[list[int] | None] = []
            for m in chosen:
                xs += [m.x0.isoformat(), m.x1.isoformat(), None]
                ys += [m.y, m.y, None]
                symbols += [
                    _end_symbol(bool(m.account.get("open_start")), "start"),
                    _end_symbol(bool(m.account.get("open_end")), "end"),
                    "line-ns",
                ]
                custom += [[m.event], [m.event], None]
            traces.append(
                {
                    "type": kind,
                    "mode": "lines+markers",
                    "name": escape(names[sid]),
                    **group,
                    "x": xs,
                    "y": ys,
                    "customdata": custom,
                    "hoverinfo": "skip",
                    "opacity": BAR_STYLES[style]["opacity"],
                    "line": {"color": colour, **BAR_STYLES[style]["line"]},
                    "marker": {
                        "color": colour,
                        "size": 11,
                        "symbol": symbols,
                        "line": {"color": colour, "width": 2},
                    },
                }
            )
        if bars:
            # Plotly hovers on points, not along lines: one invisible point mid-bar carries it.
            traces.append(
                {
                    "type": kind,
                    "mode": "markers",
                    "name": escape(names[sid]),
                    **group,
                    "x": [(m.x0 + (m.x1 - m.x0) / 2).isoformat() for m in bars],
                    "y": [m.y for m in bars],
                    "customdata": [[m.event, wrap(escape(events[m.event]["title"]))] for m in bars],
                    "text": [_account_text(events[m.event], m.account, names) for m in bars],
                    "hovertemplate": template,
                    "hoverlabel": {"bordercolor": colour},
                    "marker": {"color": "rgba(0,0,0,0)", "size": 14},
                }
            )
    return traces


def _conflict_traces(
    model: dict[str, Any], geometry: Geometry, lanes: Lanes, kind: str
) -> tuple[dict[str, Any], dict[str, Any]]:
    """One connector per conflicting event over the disputed range, and its gap label.

    In category lanes the connector is a band across the event's row from the earliest to the
    latest day the conflicting accounts allow; in source lanes it joins their marks.
    """
    events = model["events"]
    xs: list[str | None] = []
    ys: list[float | None] = []
    custom: list[list[int] | None] = []
    lx: list[str] = []
    ly: list[float] = []
    ltext: list[str] = []
    lhover: list[str] = []
    lcustom: list[list[Any]] = []
    lpos: list[str] = []
    for index, ev in enumerate(events):
        if not ev["conflicts"]:
            continue
        ids = [
            ev["accounts"][i]["id"] for c in ev["conflicts"] for side in c["sides"] for i in side
        ]
        marks = [geometry.marks[a] for a in dict.fromkeys(ids) if a in geometry.marks]
        if not marks:
            marks = [geometry.marks[a["id"]] for a in ev["accounts"] if a["id"] in geometry.marks]
        if not marks:
            continue
        if lanes == "category":
            y = geometry.centres[(index, ev["category"])]
            low, high = _closed_extent(marks)
            points = [(low, y), (high, y)]
        else:
            points = sorted(
                ((m.x0 + (m.x1 - m.x0) / 2, float(m.y)) for m in marks), key=lambda p: (p[1], p[0])
            )
        for x, y in points:
            xs.append(x.isoformat())
            ys.append(y)
            custom.append([index])
        xs.append(None)
        ys.append(None)
        custom.append(None)
        right = max(points, key=lambda p: (p[0], p[1]))
        if not labelled(model):
            continue
        if label_on_left(right[0], geometry.start, geometry.end):
            left = min(points, key=lambda p: (p[0], p[1]))
            lx.append(left[0].isoformat())
            ly.append(left[1])
            lpos.append("middle left")
        else:
            lx.append(right[0].isoformat())
            ly.append(right[1])
            lpos.append("middle right")
        ltext.append(f"<b>{escape(short_conflict_label(ev))}</b>")
        lhover.append("<br>".join(wrap(escape(c["explanation"])) for c in ev["conflicts"]))
        lcustom.append([index, wrap(escape(ev["title"]))])
    connectors = {
        "type": kind,
        "mode": "lines+markers",
        "name": "<b>sources disagree</b>",
        "legendgroup": "conflicts",
        "legendrank": 1,
        "x": xs,
        "y": ys,
        "customdata": custom,
        "hoverinfo": "skip",
        # a band along a row; between source lanes a thinner line that does not hide marks
        "line": {"color": "rgba(213,94,0,0.4)", "width": 12}
        if lanes == "category"
        else {"color": "rgba(213,94,0,0.8)", "width": 3},
        "marker": {
            "color": CONFLICT_COLOUR,
            "symbol": "line-ns",
            "size": 22,
            "line": {"color": CONFLICT_COLOUR, "width": 2.5},
        },
    }
    labels = {
        "type": kind,
        "mode": "text",
        "name": "conflict labels",
        "legendgroup": "conflicts",
        "showlegend": False,
        "x": lx,
        "y": ly,
        "text": ltext,
        "textposition": lpos,
        "textfont": {"color": CONFLICT_COLOUR, "size": 12},
        "customdata": lcustom,
        "hovertext": lhover,
        "hovertemplate": "<b>%{customdata[1]}</b><br>%{hovertext}<extra></extra>",
        "hoverlabel": {"bordercolor": CONFLICT_COLOUR},
    }
    return connectors, labels


def figure(model: dict[str, Any], lanes: Lanes = "category") -> dict[str, Any]:
    """The Plotly figure (data + layout) as plain JSON-able dicts.

    Plain dicts rather than ``plotly.graph_objects`` keep rendering fast for large
    chronologies; the tests validate the result against Plotly's schema.
    """
    geometry = layout_marks(model, lanes)
    n_accounts = sum(len(ev["accounts"]) for ev in model["events"])
    kind = "scattergl" if n_accounts > WEBGL_THRESHOLD else "scatter"
    connectors, labels = _conflict_traces(model, geometry, lanes, kind)
    data = [connectors, *_mark_traces(model, geometry, kind), labels]
    shapes = [
        {
            "type": "rect",
            "xref": "paper",
            "yref": "y",
            "x0": 0,
            "x1": 1,
            "y0": lane.top - LANE_GAP / 2,
            "y1": lane.bottom + LANE_GAP / 2 - ROW_GAP / 2,
            "fillcolor": "#F2F2F2" if i % 2 == 0 else "#FFFFFF",
            "line": {"width": 0},
            "layer": "below",
        }
        for i, lane in enumerate(geometry.lanes)
    ] + [
        {
            "type": "line",
            "xref": "paper",
            "yref": "y",
            "x0": 0,
            "x1": 1,
            "y0": lane.top - LANE_GAP / 2,
            "y1": lane.top - LANE_GAP / 2,
            "line": {"width": 1, "color": "#BBBBBB"},
            "layer": "below",
        }
        for lane in geometry.lanes[1:]
    ]
    height = geometry.height + 230
    layout = {
        "height": height,
        "margin": {"l": 130, "r": 20, "t": 30, "b": 20},
        "font": {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", "size": 13},
        "plot_bgcolor": "#FFFFFF",
        "paper_bgcolor": "#FFFFFF",
        "hovermode": "closest",
        "hoverdistance": 12,
        "hoverlabel": {
            "align": "left",
            "bgcolor": "#FFFFFF",
            "font": {"color": "#111111", "size": 13},
            "namelength": -1,
        },
        "dragmode": "zoom",
        "uirevision": "chronology",
        "shapes": shapes,
        "xaxis": {
            "type": "date",
            "range": [geometry.start.isoformat(), geometry.end.isoformat()],
            "showgrid": True,
            "gridcolor": "#DDDDDD",
            "tick0": "1900-01-01",
            "side": "top",
            # The slider redraws every mark a second time; past WEBGL_THRESHOLD that makes
            # each filter take seconds (measured 7.8 s vs 0.5 s for 30,000 accounts), so large
            # chronologies zoom with the decade buttons and drag-to-zoom instead.
            "rangeslider": {
                "visible": kind == "scatter",
                "thickness": 0.06,
                "bgcolor": "#F7F7F7",
            },
        },
        "yaxis": {
            "range": [geometry.height + ROW_GAP / 2, -LANE_GAP / 2],
            "fixedrange": True,
            "showgrid": False,
            "zeroline": False,
            "tickmode": "array",
            "tickvals": [(lane.top + lane.bottom - ROW_GAP) / 2 for lane in geometry.lanes],
            "ticktext": [escape(lane.label) for lane in geometry.lanes],
            "ticks": "",
            "automargin": True,
        },
        "legend": {
            "title": {"text": "<b>Sources</b><br>click: hide · double-click: only this one"},
            "groupclick": "togglegroup",
            "tracegroupgap": 2,
            "itemsizing": "constant",
        },
    }
    return {"data": data, "layout": layout}


def _source_cell(src: dict[str, Any]) -> str:
    authors = ", ".join(src.get("authors") or [])
    by = f"<br>by {escape(authors)}" if authors else ""
    return (
        f"<td class=source><span class=outlet>{escape(src['outlet'])}</span>{by}"
        f"<br>{source_link(src)}"
        f"<br>published {escape(src['published_label'])}"
        + (f"<br>stance: {escape(src['stance'])}" if src.get("stance") else "")
        + "</td>"
    )


def source_link(src: dict[str, Any]) -> str:
    """The source's title, escaped, as a link to the article when it has an http(s) url."""
    title = f"<cite>{escape(src['title'])}</cite>"
    url = src.get("url")
    if (
        isinstance(url, str)
        and url.lower().startswith(("http://", "https://"))
        and (is_safe_link(url))
    ):
        return f'<a href="{escape(url)}" rel="noopener noreferrer">{title}</a>'
    return title


def category_labels(model: dict[str, Any]) -> dict[str, str]:
    """What readers see for each category id: the label chronology.yaml gives it."""
    return {c["id"]: c.get("label") or c["id"] for c in model.get("categories", [])}


def table(model: dict[str, Any]) -> str:
    """The accessible twin of the plot: every event and every account, usable without JS.

    One ``<tbody>`` per event (its header cell spans the accounts' rows), so screen readers
    announce which event an account belongs to and the search box can hide whole events.
    """
    sources = {s["id"]: s for s in model["sources"]}
    labels = category_labels(model)
    summary = model["summary"]
    bodies = []
    for index, ev in enumerate(model["events"]):
        accounts = ev["accounts"]
        conflict = bool(ev["conflicts"])
        flag = ""
        if conflict:
            explanations = " ".join(escape(c["explanation"]) for c in ev["conflicts"])
            flag = (
                f"<p class=flag><strong>Sources disagree: {escape(conflict_label(ev))}.</strong>"
                f" {explanations}</p>"
            )
        extra = "".join(
            f"<p class=meta>{label}: {escape(ev[key])}</p>"
            for key, label in (("summary", "Summary"), ("note", "Editor's note"))
            if ev.get(key)
        )
        head = (
            f'<th scope=rowgroup rowspan={len(accounts)} id="h-{escape(ev["id"])}">'
            f"{escape(ev['title'])}"
            f"<p class=meta>{escape(labels.get(ev['category'], ev['category']))} · "
            f"{escape(AGREEMENT_WORDS.get(ev['agreement'], ev['agreement']))}</p>{flag}{extra}</th>"
        )
        rows = []
        for k, acc in enumerate(accounts):
            src = sources.get(acc["source"])
            stated = escape(acc["date"]) + (
                f", {escape(acc['modifier'])}" if acc.get("modifier") else ""
            )
            figures = "".join(
                f"<br>{escape(name)}: {escape(fig['text'])}"
                for name, fig in acc.get("figures", {}).items()
            )
            note = f"<p class=meta>Note: {escape(acc['note'])}</p>" if acc.get("note") else ""
            rows.append(
                "<tr>"
                + (head if k == 0 else "")
                + f"<td class=date>{escape(acc['label'])}"
                + ("" if stated == escape(acc["label"]) else f"<br><code>{stated}</code>")
                + f"{figures}</td>"
                + (_source_cell(src) if src else f"<td class=source>{escape(acc['source'])}</td>")
                + f"<td class=quote><q>{escape(acc['quote'])}</q>{note}</td>"
                + f"<td class=cited>{escape(acc.get('cited') or '')}</td>"
                + "</tr>"
            )
        bodies.append(
            f'<tbody id="event-{escape(ev["id"])}" data-event="{index}"'
            f' data-category="{escape(ev["category"])}" data-conflict="{int(conflict)}">'
            + "".join(rows)
            + "</tbody>"
        )
    caption = (
        f"Every event and each source's account of it: {plural(summary['events'], 'event')}, "
        f"{plural(summary['accounts'], 'account')} from {plural(summary['sources'], 'source')}; "
        f"{conflict_count_text(summary['events_in_conflict'])}."
    )
    head = "".join(
        f"<th scope=col>{name}</th>"
        for name in ("Event", "Date as the source states it", "Source", "Quote", "Cites")
    )
    return (
        '<div class=table-wrap tabindex=0 role=region aria-labelledby="table-caption">'
        f'<table id="events-table"><caption id="table-caption">{caption}</caption>'
        f"<thead><tr>{head}</tr></thead>{''.join(bodies)}</table></div>"
    )


def _static(name: str) -> str:
    """A file shipped in chronology/static (the page's script and style, inlined)."""
    return resources.files("chronology").joinpath("static", name).read_text(encoding="utf-8")


def _script_json(value: Any) -> str:
    """JSON safe inside a <script> element: '<' only occurs in strings, so escape it there."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _plotly_tag(plotlyjs: PlotlyJS) -> str:
    from plotly.offline import get_plotlyjs, get_plotlyjs_version

    if plotlyjs == "inline":
        return f"<script>{get_plotlyjs()}</script>"
    if plotlyjs == "cdn":
        return (
            f'<script src="https://cdn.plot.ly/plotly-{get_plotlyjs_version()}.min.js"'
            ' charset="utf-8"></script>'
        )
    return '<script src="plotly.min.js" charset="utf-8"></script>'


def _svg(body: str) -> str:
    """A small drawing for the key (decorative: the words beside it carry the meaning)."""
    return f'<svg width="40" height="16" viewBox="0 0 40 16" aria-hidden="true">{body}</svg>'


_C = CONFLICT_COLOUR
# The visual encoding in words, each beside a small drawing of the mark it describes.
KEY_ITEMS = (
    ('<circle cx="20" cy="8" r="5" fill="#555"/>', "a day"),
    (
        '<path d="M4 8H36" stroke="#555" stroke-width="5"/>'
        '<path d="M4 2V14M36 2V14" stroke="#555" stroke-width="2"/>',
        "a month, year, decade or range: a bar from its earliest to its latest day",
    ),
    (
        '<g opacity=".55"><path d="M4 8H36" stroke="#555" stroke-width="4"'
        ' stroke-dasharray="6 4"/><circle cx="20" cy="8" r="4.5" fill="#fff" stroke="#555"'
        ' stroke-width="2"/></g>',
        "approximate (~) or uncertain (?): hollow, dashed, faded",
    ),
    (
        '<path d="M12 8H38" stroke="#555" stroke-width="5"/><path d="M2 8L12 2V14Z" fill="#555"/>',
        "open-ended: before or after a date",
    ),
    (
        f'<path d="M4 8H36" stroke="{_C}" stroke-opacity=".35" stroke-width="12"/>'
        f'<path d="M4 0V16M36 0V16" stroke="{_C}" stroke-width="2.5"/>',
        "sources disagree: a band over the disputed range, labelled with the gap",
    ),
)
KEY = (
    '<ul class=key aria-label="How to read the timeline">'
    + "".join(f"<li>{_svg(svg)}{text}</li>" for svg, text in KEY_ITEMS)
    + "<li>colours tell sources apart and say nothing about them; accounts of one event share"
    " a row; hover a mark for the source and its words</li></ul>"
)


def _swatch(category: dict[str, Any]) -> str:
    """A square of the colour chronology.yaml gives a category (a #rrggbb checked on load)."""
    colour = category.get("colour")
    if not isinstance(colour, str) or not re.fullmatch(r"#[0-9a-fA-F]{6}", colour):
        return ""
    return f'<span class=swatch style="background:{colour}" aria-hidden=true></span>'


def _controls(model: dict[str, Any], start: dt.date, end: dt.date) -> str:
    """Search, conflict filter, category filter and zoom presets (shown only with JS)."""
    used = {ev["category"] for ev in model["events"]}
    categories = "".join(
        f'<label><input type=checkbox name=category value="{escape(c["id"])}" checked> '
        f"{_swatch(c)}{escape(c.get('label') or c['id'])}</label>"
        for c in model.get("categories", [])
        if c["id"] in used
    )
    decades = "".join(
        f'<button type=button data-range="{y}-01-01,{y + 10}-01-01">{y}s</button>'
        for y in range(start.year // 10 * 10, end.year + 1, 10)
    )
    return (
        '<form id=controls class=controls hidden role=search aria-label="Filter the timeline'
        ' and the table">'
        "<p><label for=search>Search titles, quotes and sources</label> "
        "<input type=search id=search autocomplete=off></p>"
        "<p><label><input type=checkbox id=only-conflicts> Show only events where sources"
        " disagree</label></p>"
        f"<fieldset><legend>Categories</legend>{categories}</fieldset>"
        f'<div class=zoom role=group aria-label="Zoom the timeline">Zoom: {decades}'
        '<button type=button data-range="all">all</button></div>'
        "<p id=status role=status aria-live=polite></p></form>"
    )


@dataclass
class Page:
    """The page in named pieces, all HTML already escaped.

    ``render_html`` joins them into the standalone page. ``chronology.embed`` adjusts them
    first (heading, figure height and colours, extra parts) and reassembles them as a page, a
    CMS fragment or an iframe target, so the picture and the table are built in one place.
    """

    title: str
    heading: str
    summary: str
    controls: str
    table: str
    footer: str
    figure: dict[str, Any]
    config: dict[str, Any]
    subtitle: str = ""
    # Extension points for chronology.embed; empty in the plain page.
    head_extra: str = ""
    after_plot: str = ""
    scripts_before: str = ""
    scripts_after: str = ""
    noscript: str = (
        "<p>The interactive timeline needs JavaScript; the table below lists every"
        " event and account.</p>"
    )


def page(model: dict[str, Any], lanes: Lanes = "category") -> Page:
    """Build every piece of the page from the export model (deterministic)."""
    fig = figure(model, lanes)
    start, end = (dt.date.fromisoformat(d) for d in fig["layout"]["xaxis"]["range"])
    summary = model["summary"]
    inputs = model.get("inputs", {})
    closed = [
        (a["earliest"] or a["latest"])[:4]
        for ev in model["events"]
        for a in ev["accounts"]
        if a["earliest"] or a["latest"]  # an open end is null; "../.." has no day at all
    ]
    span = f", {min(closed)} to {max(closed)}" if closed else ""
    config = {
        "div": DIV_ID,
        "range": fig["layout"]["xaxis"]["range"],
        "plotly": {
            "responsive": True,
            "displaylogo": False,
            "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"],
            "toImageButtonOptions": {"filename": "timeline"},
        },
    }
    return Page(
        title=f"Chronology: {plural(summary['events'], 'event')}, "
        f"{conflict_count_text(summary['events_in_conflict'])}",
        heading="Chronology",
        summary=(
            f"{plural(summary['events'], 'event')}, {plural(summary['accounts'], 'account')}"
            f" from {plural(summary['sources'], 'source')}{span}. "
            f"<strong class=count>{conflict_count_text(summary['events_in_conflict'])}</strong>."
        )
        if summary["events"]
        else f"No events yet: {escape(inputs.get('events', 'the events file'))} is empty.",
        controls=_controls(model, start, end),
        table=table(model),
        footer=f"Made with chronology {escape(__version__)} from "
        f"{escape(inputs.get('events', ''))} and {escape(inputs.get('seeds', ''))}; input"
        f" SHA-256 <code>{escape(inputs.get('sha256', ''))}</code>. It shows every source's"
        " account side by side and does not decide between them.",
        figure=fig,
        config=config,
    )


def page_body(p: Page, scripts: str = "") -> str:
    """Everything the reader sees, without <html> or <head>.

    ``scripts`` go right after the plot's box, before the table: the plot draws while the
    (long) table is still being parsed; timeline.js wires the controls once it exists.
    """
    subtitle = f"<p class=subtitle>{p.subtitle}</p>\n" if p.subtitle else ""
    return (
        '<a class=skip href="#events-table">Skip to the table of events</a>\n'
        f"<header><h1>{p.heading}</h1>\n{subtitle}"
        f"<p>{p.summary}</p>\n"
        f"{KEY}</header>\n"
        "<main>\n"
        f"{p.controls}\n"
        f'<div id="{DIV_ID}" class=plot role=img aria-label="Timeline of the events; the table'
        ' below lists the same events and accounts in text."></div>\n'
        f"<noscript>{p.noscript}</noscript>\n{scripts}{p.after_plot}"
        f"<h2>Events and accounts</h2>\n{p.table}\n</main>\n"
        f"<footer>{p.footer}</footer>\n"
    )


def page_scripts(p: Page, plotlyjs: PlotlyJS = "inline") -> str:
    """plotly.js, the figure, the config and timeline.js (plus embed's hooks), in that order."""
    return (
        f"{_plotly_tag(plotlyjs)}\n{page_data(p)}{p.scripts_before}"
        f"<script>{_static('timeline.js')}</script>\n"
    )


def page_data(p: Page) -> str:
    """The figure and the config as inert JSON script elements (read by timeline.js)."""
    return (
        f'<script type="application/json" id="chronology-figure">{_script_json(p.figure)}'
        "</script>\n"
        f'<script type="application/json" id="chronology-config">{_script_json(p.config)}'
        "</script>\n"
    )


def page_html(p: Page, plotlyjs: PlotlyJS = "inline") -> str:
    """The standalone page: the pieces in a full HTML document."""
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{p.title}</title>\n"
        f"<style>{_static('timeline.css')}</style>\n"
        "<noscript><style>#chronology-timeline{display:none}</style></noscript>\n"
        f"{p.head_extra}</head>\n<body>\n"
        f"{page_body(p, page_scripts(p, plotlyjs))}{p.scripts_after}"
        "</body>\n</html>\n"
    )


def render_html(
    model: dict[str, Any], plotlyjs: PlotlyJS = "inline", lanes: Lanes = "category"
) -> str:
    """The whole page as a string: deterministic for the same model and options."""
    return page_html(page(model, lanes), plotlyjs)


def render(
    model: dict[str, Any],
    out: str | Path,
    plotlyjs: PlotlyJS = "inline",
    lanes: Lanes = "category",
) -> Path:
    """Write the page atomically (a crash or Ctrl-C never leaves half a page over the old one).

    With ``plotlyjs="directory"`` the page loads ``plotly.min.js`` from its own folder, which is
    written next to it when missing or different.
    """
    out = Path(out)
    if plotlyjs == "directory":
        write_bundle(out.parent)
    write_atomic(out, render_html(model, plotlyjs, lanes))
    return out


def write_bundle(folder: Path) -> None:
    """Write plotly.min.js into a folder (for ``--plotlyjs directory``) unless it is there."""
    from plotly.offline import get_plotlyjs

    bundle = folder / "plotly.min.js"
    js = get_plotlyjs()
    if not bundle.is_file() or bundle.read_text(encoding="utf-8") != js:
        write_atomic(bundle, js)
