"""`chronology render`: the page, its geometry, its safety and its determinism.

The models come from the real pipeline (load -> export.build), so these tests also hold render
to the export contract. What a browser does with the page is in test_browser.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import pytest
from helpers import HOSTILE, MINI, chronology_of, event
from plotly.offline import get_plotlyjs

from chronology import __version__
from chronology.export import build
from chronology.load import load
from chronology.render import (
    CONFLICT_COLOUR,
    DIV_ID,
    PALETTE,
    figure,
    layout_marks,
    render,
    render_html,
    source_colours,
)


def model_of(*events: dict[str, Any]) -> dict[str, Any]:
    """An export model of the mini sources with these events (built by the real pipeline)."""
    return build(chronology_of(*events))


def hostile_model() -> dict[str, Any]:
    return build(load(HOSTILE / "events.yaml", HOSTILE / "seeds"))


def figure_json(page: str) -> dict[str, Any]:
    blob = re.search(r'<script type="application/json" id="chronology-figure">(.*?)</script>', page)
    assert blob
    return json.loads(blob.group(1))


def traces(fig: dict[str, Any], name_part: str = "") -> list[dict[str, Any]]:
    return [t for t in fig["data"] if name_part in t.get("name", "")]


def test_render_command_writes_page_and_prints_summary(run, mini: Path) -> None:
    out = mini / "reports" / "timeline.html"
    result = run("render", "--events", mini / "events.yaml", "--seeds", mini / "seeds", "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {out}: 4 events, 4 accounts, 0 events where sources disagree\n"
    page = out.read_text(encoding="utf-8")
    assert f'<div id="{DIV_ID}"' in page
    assert get_plotlyjs() in page  # inlined by default: the file works offline
    assert "<title>Chronology: 4 events, 0 events where sources disagree</title>" in page


def test_render_command_reports_bad_input_in_one_line(run, mini: Path) -> None:
    result = run("render", "--events", mini / "missing.yaml", "--seeds", mini / "seeds")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{mini / 'missing.yaml'}:")
    assert "Traceback" not in result.output


def test_reruns_are_byte_identical(run, mini: Path) -> None:
    args = ("--events", mini / "events.yaml", "--seeds", mini / "seeds")
    run("render", *args, "-o", mini / "a.html", "--lanes", "source")
    run("render", *args, "-o", mini / "b.html", "--lanes", "source")
    assert (mini / "a.html").read_bytes() == (mini / "b.html").read_bytes()
    assert render_html(hostile_model()) == render_html(hostile_model())


@pytest.mark.parametrize("lanes", ["category", "source"])
def test_figure_is_valid_plotly(lanes: str) -> None:
    for model in (hostile_model(), build(load(MINI / "events.yaml", MINI / "seeds"))):
        go.Figure(figure(model, lanes))  # raises on any property Plotly does not know


def test_one_hoverable_mark_per_account_with_its_attribution() -> None:
    model = model_of(
        event("a", ("history", "1981-06-28"), ("first", "1981"), ("second", "1981-06")),
        event("b", ("second", "2013")),
    )
    fig = figure(model)
    hoverable = [t for t in fig["data"] if "text" in t and t.get("mode") == "markers"]
    points = [
        (cd[0], text)
        for t in hoverable
        for cd, text in zip(t["customdata"], t["text"], strict=True)
    ]
    assert len(points) == 4  # one per account
    assert sorted(cd for cd, _ in points) == [0, 0, 0, 1]
    dot = next(t for t in hoverable if t["name"] == "Jane Doe")
    assert dot["x"] == ["1981-06-28"]
    assert "“Title of a”" not in dot["hovertemplate"]  # the title is per point
    assert "Example Weekly, by Jane Doe" in dot["hovertemplate"]
    assert "stance: critical" in dot["hovertemplate"]
    assert "published 7 March 2019" in dot["hovertemplate"]
    assert "<b>Date as stated:</b> 28 June 1981 (1981-06-28)" in dot["text"][0]


def test_precision_is_geometry() -> None:
    model = model_of(
        event("day", ("history", "1981-06-28")),
        event("year", ("history", "1986")),
        event("soft", ("history", "2013~")),
        event("open", ("history", "../1980-07")),
    )
    fig = figure(model)
    source = [t for t in fig["data"] if t.get("legendgroup") == "source-history"]
    dots = next(
        t for t in source if t["mode"] == "markers" and "text" in t and t["x"][0][:4] == "1981"
    )
    assert dots["marker"]["symbol"] == ["circle"]
    bars = [t for t in source if t["mode"] == "lines+markers" and "customdata" in t]
    by_dash = {t["line"]["dash"]: t for t in bars}
    assert by_dash["solid"]["x"] == ["1986-01-01", "1986-12-31", None]
    assert by_dash["dash"]["x"] == ["2013-01-01", "2013-12-31", None]  # soft: dashed, faded
    assert by_dash["dash"]["opacity"] < 1
    start = fig["layout"]["xaxis"]["range"][0]
    assert by_dash["dot"]["x"][1] == "1980-07-31"  # open start: runs towards the plot's edge
    assert start < by_dash["dot"]["x"][0] < "1976-06-01"  # about five years of "before"
    assert by_dash["dot"]["marker"]["symbol"][:2] == ["triangle-left", "line-ns"]


def test_overlapping_events_get_their_own_rows_and_accounts_sit_together() -> None:
    model = model_of(
        event("x", ("history", "1986"), ("first", "1986")),
        event("y", ("history", "1986-03")),
        event("z", ("second", "1995")),
    )
    geometry = layout_marks(model)
    marks = geometry.marks
    assert marks["x/1"].y != marks["y/1"].y  # overlapping in time: different rows
    assert marks["x/2"].y - marks["x/1"].y == 9  # accounts of one event a few pixels apart
    centres = geometry.centres
    assert centres[(2, "relocation")] == centres[(0, "relocation")]  # far apart: row reused


def test_conflicts_get_a_connector_label_count_and_the_other_dates() -> None:
    model = model_of(
        event("move", ("history", "1986"), ("second", "1987")),
        event("calm", ("history", "1990"), ("second", "1990")),
    )
    assert model["summary"]["events_in_conflict"] == 1
    fig = figure(model)
    connectors = next(t for t in fig["data"] if t["name"] == "<b>sources disagree</b>")
    assert connectors["x"] == ["1986-01-01", "1987-12-31", None]
    assert connectors["marker"]["color"] == CONFLICT_COLOUR
    labels = next(t for t in fig["data"] if t["name"] == "conflict labels")
    assert labels["text"] == ["<b>1986 vs 1987</b>"]
    texts = [x for t in fig["data"] for x in t.get("text", []) if "Other accounts" in x]
    assert len(texts) == 2
    assert any("Other accounts:</b><br>Example Daily: Second article: 1987" in x for x in texts)
    page = render_html(model, plotlyjs="cdn")
    assert "1 event where sources disagree" in page
    assert "Sources disagree: 1986 vs 1987." in page  # the table says it in words


def test_colours_identify_sources_never_stance_nor_conflict() -> None:
    assert CONFLICT_COLOUR not in PALETTE
    model = model_of(event("e", ("history", "1986"), ("first", "1986"), ("second", "1986")))
    colours = source_colours(model["sources"])
    assert len(set(colours.values())) == 3  # history and first are both critical
    assert CONFLICT_COLOUR not in colours.values()


def test_lanes_by_source() -> None:
    model = model_of(event("e", ("history", "1986"), ("second", "1987")))
    fig = figure(model, "source")
    assert fig["layout"]["yaxis"]["ticktext"] == [
        "Jane Doe",
        "Example Daily: Second artic…",  # lane labels are clipped; the legend has more
    ]
    connectors = fig["data"][0]
    assert len(set(connectors["y"]) - {None}) == 2  # joins the two lanes


HOSTILE_TEXT = (
    "<script>window.__pwned",
    "<b>Iraq</b>",
    '<a href="javascript:',
    "<img src=x onerror",
    "<i>two</i>",
)


def test_hostile_strings_are_escaped_everywhere() -> None:
    page = render_html(hostile_model(), plotlyjs="cdn")
    for raw in HOSTILE_TEXT:
        assert raw not in page
    assert "&lt;b&gt;Iraq&lt;/b&gt;&lt;script&gt;window.__pwned = 8&lt;/script&gt;" in page
    assert "&lt;a href=&#34;javascript:window.__pwned = 10&#34;&gt;BBC&lt;/a&gt;" in page
    # exactly the page's own scripts: plotly.js, the figure, the config and the controls
    assert len(re.findall(r"<script\b", page)) == 4
    fig = figure_json(page)
    strings = json.dumps(fig)
    assert "%{customdata[0]} " not in strings  # a quote cannot act as a hover placeholder
    assert "&#37;{customdata[0]}" in strings
    for raw in HOSTILE_TEXT:
        assert raw not in strings


def test_table_is_the_accessible_twin() -> None:
    model = model_of(
        event("move", ("history", "1986"), ("second", "1987")),
        event("calm", ("first", "2012")),
    )
    page = render_html(model, plotlyjs="cdn")
    assert '<caption id="table-caption">Every event and each source' in page
    assert page.count("<th scope=col>") == 5
    assert page.count("<th scope=rowgroup rowspan=2") == 1
    assert (
        '<tbody id="event-move" data-event="0" data-category="relocation" data-conflict="1">'
        in page
    )
    assert (
        "sources disagree</p><p class=flag><strong>Sources disagree: 1986 vs 1987.</strong>" in page
    )
    assert "<noscript>" in page and "@media print" in page
    assert "<form id=controls class=controls hidden" in page  # controls appear only with JS


def test_footer_names_version_and_input_hash(mini: Path) -> None:
    model = build(load(MINI / "events.yaml", MINI / "seeds"))
    page = render_html(model, plotlyjs="cdn")
    assert f"Made with chronology {__version__} from" in page
    assert f"<code>{model['inputs']['sha256']}</code>" in page


def test_plotlyjs_modes(tmp_path: Path) -> None:
    model = build(load(MINI / "events.yaml", MINI / "seeds"))
    cdn = render_html(model, plotlyjs="cdn")
    assert re.search(r'<script src="https://cdn\.plot\.ly/plotly-[\d.]+\.min\.js"', cdn)
    render(model, tmp_path / "page.html", plotlyjs="directory")
    assert '<script src="plotly.min.js"' in (tmp_path / "page.html").read_text(encoding="utf-8")
    assert (tmp_path / "plotly.min.js").read_text(encoding="utf-8") == get_plotlyjs()


def test_an_interrupted_render_leaves_the_old_page(tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "timeline.html"
    out.write_text("old page", encoding="utf-8")
    model = build(load(MINI / "events.yaml", MINI / "seeds"))

    def interrupted(*args: Any, **kwargs: Any) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr("chronology.render.render_html", interrupted)
    with pytest.raises(KeyboardInterrupt):
        render(model, out)
    assert out.read_text(encoding="utf-8") == "old page"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["timeline.html"]


def test_past_the_label_limit_connectors_stay_and_labels_go(monkeypatch) -> None:
    model = model_of(event("move", ("history", "1986"), ("second", "1987")))
    monkeypatch.setattr("chronology.render.LABEL_LIMIT", 0)
    fig = figure(model)
    connectors = next(t for t in fig["data"] if t["name"] == "<b>sources disagree</b>")
    labels = next(t for t in fig["data"] if t["name"] == "conflict labels")
    assert connectors["x"] == ["1986-01-01", "1987-12-31", None]
    assert labels["x"] == [] and labels["text"] == []


def test_large_chronologies_use_webgl(monkeypatch) -> None:
    model = model_of(event("move", ("history", "1986"), ("second", "1987")))
    monkeypatch.setattr("chronology.render.WEBGL_THRESHOLD", 1)
    fig = figure(model)
    kinds = {t["type"] for t in fig["data"] if "customdata" in t}
    assert kinds == {"scattergl"}
    assert fig["layout"]["xaxis"]["rangeslider"]["visible"] is False  # it would redraw all
    go.Figure(figure(model))
