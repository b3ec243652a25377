"""Render the export model as one self-contained HTML timeline page.

Render consumes the same computed model as ``export`` (a plain dict), so the two can never
disagree. Every string that came from YAML or a source document is HTML-escaped before it
enters any Plotly field or the table, because Plotly treats some tags in hover text as markup.
"""

from __future__ import annotations

import hashlib
import html
import json
from pathlib import Path
from typing import Any

import plotly.graph_objects as go

from chronology import __version__
from chronology.files import write_atomic

DIV_ID = "chronology-timeline"
CONFLICT_COLOUR = "#d62728"


def _e(value: Any) -> str:
    """Escape any value for HTML and Plotly text (why: quotes may hold hostile markup)."""
    return html.escape("" if value is None else str(value), quote=True)


def _wrap(text: str, width: int = 60) -> str:
    """Wrap already-escaped text with <br> so long quotes stay readable in hover boxes."""
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "<br>".join(lines)


def input_hash(model: dict[str, Any]) -> str:
    """Hash the model canonically so the footer identifies exactly what was rendered."""
    blob = json.dumps(model, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def build_figure(model: dict[str, Any], lanes: str = "category") -> go.Figure:
    """One trace per source (legend group = source), one mark per account, conflict connectors."""
    sources = {s["id"]: s for s in model.get("sources", [])}
    events = sorted(model.get("events", []), key=lambda ev: ev["id"])
    fig = go.Figure()
    for sid in sorted({a["source"] for ev in events for a in ev["accounts"]}):
        src = sources.get(sid, {})
        xs: list[Any] = []
        ys: list[Any] = []
        texts: list[str] = []
        for ev in events:
            lane = ev.get("category", "") if lanes == "category" else sid
            for acc in ev["accounts"]:
                if acc["source"] != sid:
                    continue
                hover = (
                    f"<b>{_e(ev['title'])}</b><br>{_e(src.get('outlet'))}, "
                    f"{_e(', '.join(src.get('authors', []) or []))} "
                    f"({_e(src.get('published'))}, {_e(src.get('stance'))})<br>"
                    f"Date as stated: {_e(acc.get('date'))}<br>"
                    f"“{_wrap(_e(acc.get('quote')))}”<br>Cites: {_e(acc.get('cited') or '-')}"
                )
                # Bar from earliest to latest day; a day is a single point.
                xs += [acc["earliest"], acc["latest"], None]
                ys += [_e(lane), _e(lane), None]
                texts += [hover, hover, ""]
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines+markers",
                name=_e(f"{sid} ({src.get('stance', '')})"),
                legendgroup=_e(sid),
                text=texts,
                hovertemplate="%{text}<extra></extra>",
                line={"width": 8},
            )
        )
    cx: list[Any] = []
    cy: list[Any] = []
    labels: list[str] = []
    for ev in events:
        if not ev.get("conflicts"):
            continue
        lane = ev.get("category", "")
        lo = min(a["earliest"] for a in ev["accounts"])
        hi = max(a["latest"] for a in ev["accounts"])
        gap = " vs ".join(sorted({str(a.get("date")) for a in ev["accounts"]}))
        cx += [lo, hi, None]
        cy += [_e(lane), _e(lane), None]
        labels += [_e(f"{ev['title']}: {gap}")] * 2 + [""]
    fig.add_trace(
        go.Scatter(
            x=cx,
            y=cy,
            mode="lines",
            name="Sources disagree",
            line={"color": CONFLICT_COLOUR, "dash": "dot", "width": 2},
            text=labels,
            hovertemplate="%{text}<extra></extra>",
        )
    )
    fig.update_layout(
        xaxis={"type": "date", "rangeslider": {"visible": True}},
        height=600,
        legend={"groupclick": "togglegroup"},
    )
    return fig


def _table(model: dict[str, Any]) -> str:
    """The accessible twin: a semantic table usable without JavaScript."""
    rows = []
    for ev in sorted(model.get("events", []), key=lambda ev: ev["id"]):
        flag = "Sources disagree" if ev.get("conflicts") else ""
        for acc in ev["accounts"]:
            rows.append(
                f'<tr id="event-{_e(ev["id"])}"><th scope="row">{_e(ev["title"])}</th>'
                f"<td>{_e(acc.get('source'))}</td><td>{_e(acc.get('date'))}</td>"
                f"<td>{_e(acc.get('quote'))}</td><td>{_e(acc.get('cited'))}</td>"
                f"<td>{flag}</td></tr>"
            )
    head = "<tr><th>Event</th><th>Source</th><th>Date as stated</th><th>Quote</th>"
    head += "<th>Cites</th><th>Conflict</th></tr>"
    return f"<table><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>"


def render_html(model: dict[str, Any], plotlyjs: str = "inline", lanes: str = "category") -> str:
    """Build the whole page deterministically (fixed div id, sorted input, no timestamps)."""
    fig = build_figure(model, lanes)
    include: Any = {"inline": True, "cdn": "cdn", "directory": "directory"}[plotlyjs]
    plot = fig.to_html(full_html=False, include_plotlyjs=include, div_id=DIV_ID)
    n = sum(1 for ev in model.get("events", []) if ev.get("conflicts"))
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        "<title>Chronology</title></head><body><h1>Chronology</h1>"
        "<p>Each mark is one source's account of an event; bars span the stated date range.</p>"
        f"<p>{n} events where sources disagree</p>{plot}{_table(model)}"
        f"<footer>generated by chronology {__version__}; input hash {input_hash(model)}</footer>"
        "</body></html>\n"
    )


def render(model: dict[str, Any], out: str | Path, plotlyjs: str = "inline") -> Path:
    """Write the page atomically so an interrupted run never leaves a half-written file."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(out, render_html(model, plotlyjs))
    return out
