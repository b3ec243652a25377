"""`chronology render`: the page's pieces, its safety and its determinism.

The models come from the real pipeline (load -> export.build), so these tests also hold render
to the export contract. What a browser does with the page (rows, labels, panel, filters) is
measured in test_browser.py.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from helpers import HOSTILE, MINI, chronology_of, event

from chronology import __version__
from chronology.export import build
from chronology.html import geometry
from chronology.html.model import typed
from chronology.html.page import PLOTLY_VERSION, plotly_bundle
from chronology.html.plot import config
from chronology.load import load
from chronology.render import render, render_html

ROOT = Path(__file__).parent.parent


def model_of(*events: dict[str, Any]) -> dict[str, Any]:
    """An export model of the mini sources with these events (built by the real pipeline)."""
    return build(chronology_of(*events))


def hostile_model() -> dict[str, Any]:
    return build(load(HOSTILE / "events.yaml", HOSTILE / "seeds"))


def data_of(page: str) -> dict[str, Any]:
    blob = re.search(r'<script type="application/json" class=chronology-data>(.*?)</script>', page)
    assert blob
    return dict(json.loads(blob.group(1)))


def test_render_command_writes_page_and_prints_summary(run, mini: Path) -> None:
    out = mini / "reports" / "timeline.html"
    result = run("render", "--events", mini / "events.yaml", "--seeds", mini / "seeds", "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {out}: 4 events, 4 accounts, 0 events where sources disagree\n"
    page = out.read_text(encoding="utf-8")
    assert plotly_bundle() in page  # inlined by default: the file works offline
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


def test_each_event_is_written_once_in_the_data_and_once_in_the_table() -> None:
    model = model_of(
        event("move", ("history", "1986"), ("second", "1987")),
        event("calm", ("first", "2012")),
    )
    page = render_html(model, plotlyjs="cdn")
    before_table, table = page.split("<h2 class=table-heading>")
    for ev in model["events"]:
        for account in ev["accounts"]:
            # once in the JSON block (for the plot, hover text, phone list and panel), once in
            # the table
            assert before_table.count(account["quote"]) == 1
            assert table.count(f'<q dir=auto lang="en">{account["quote"]}</q>') == 1
    data = data_of(page)
    assert [e["id"] for e in data["view"]["events"]] == ["move", "calm"]
    move = data["view"]["events"][0]
    assert [a["d"] for a in move["acc"]] == ["1986", "1987"]
    assert move["con"][0]["t"] == "1986 vs 1987"
    assert move["con"][0]["gap"] == "1 year apart"
    names = [s["name"] for s in data["view"]["sources"]]
    assert names == [s.display_name for s in chronology_of().sources]


def test_disagreements_come_first_with_each_side_in_words_and_names() -> None:
    chronology = chronology_of(event("move", ("history", "1986"), ("second", "1987")))
    page = render_html(build(chronology), plotlyjs="cdn")
    names = {s.id: s.display_name for s in chronology.sources}
    assert page.index("class=disagreements") < page.index("class=stage")
    item = re.search(r"<li class=dis-item.*?</li>", page)
    assert item
    assert f"<b>1986</b> ({names['history']})" in item.group(0)
    assert f"<b>1987</b> ({names['second']})" in item.group(0)
    assert "<span class=gap>1 year apart</span>" in item.group(0)


def test_hostile_strings_are_escaped_everywhere() -> None:
    page = render_html(hostile_model(), plotlyjs="cdn")
    for raw in ("<script>window.__pwned", "<b>Iraq</b>", '<a href="javascript:', "<img src=x"):
        assert raw not in page
    assert "&lt;b&gt;Iraq&lt;/b&gt;&lt;script&gt;window.__pwned = 8&lt;/script&gt;" in page
    # the page's own scripts only: plotly.js (and its hand-over), the data, timeline.js, mount
    assert len(re.findall(r"<script\b", page)) == 5


def test_table_is_the_accessible_twin_in_words() -> None:
    model = model_of(
        event("move", ("history", "1986~"), ("second", "1987")),
        event("calm", ("first", "2012")),
    )
    page = render_html(model, plotlyjs="cdn")
    assert '<caption id="table-caption">Every event and each source' in page
    assert page.count("<th scope=col>") == 5
    assert page.count("<th scope=rowgroup rowspan=2") == 1
    assert '<tbody data-event-id="move" data-event="0" data-conflict="1">' in page
    assert "<td class=date>about 1986</td>" in page
    assert "1986~" not in page.split("class=chronology-data")[0]  # no EDTF for readers
    assert "<noscript>" in page and "@media print" in page
    assert "<form class=controls hidden" in page  # controls appear only with JS


def test_footer_names_version_and_input_hash(mini: Path) -> None:
    model = build(load(MINI / "events.yaml", MINI / "seeds"))
    page = render_html(model, plotlyjs="cdn")
    assert f"Made with chronology {__version__} from" in page
    assert f"<code>{model['inputs']['sha256']}</code>" in page


def test_plotlyjs_modes_and_no_global_plotly(tmp_path: Path) -> None:
    model = build(load(MINI / "events.yaml", MINI / "seeds"))
    cdn = render_html(model, plotlyjs="cdn")
    assert f'<script src="https://cdn.plot.ly/plotly-basic-{PLOTLY_VERSION}.min.js"' in cdn
    render(model, tmp_path / "page.html", plotlyjs="directory")
    assert '<script src="plotly.min.js"' in (tmp_path / "page.html").read_text(encoding="utf-8")
    assert (tmp_path / "plotly.min.js").read_text(encoding="utf-8") == plotly_bundle()
    inline = render_html(model)
    assert "var module = { exports: {} }, exports = module.exports;" in inline
    assert "NS.Plotly = module.exports;" in inline


def test_an_interrupted_render_leaves_the_old_page(tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "timeline.html"
    out.write_text("old page", encoding="utf-8")
    model = build(load(MINI / "events.yaml", MINI / "seeds"))

    def interrupted(*args: Any, **kwargs: Any) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr("chronology.html.page.standalone_html", interrupted)
    with pytest.raises(KeyboardInterrupt):
        render(model, out)
    assert out.read_text(encoding="utf-8") == "old page"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["timeline.html"]


def test_no_button_sends_the_chart_anywhere() -> None:
    chosen = config()
    assert chosen["showSendToCloud"] is False
    assert chosen["showEditInChartStudio"] is False
    assert "sendDataToCloud" in chosen["modeBarButtonsToRemove"]
    assert chosen["plotlyServerURL"] == ""


@pytest.mark.parametrize("colour", geometry.PALETTE)
def test_every_source_colour_has_3_to_1_contrast_in_both_themes(colour: str) -> None:
    for background in geometry.LIGHT_BACKGROUNDS + geometry.DARK_BACKGROUNDS:
        assert geometry.contrast(colour, background) >= 3, (colour, background)
    assert colour != geometry.CONFLICT_COLOUR


def test_the_first_view_fits_the_story_and_presets_follow_its_span() -> None:
    weeks = typed(
        model_of(
            event("a", ("history", "2021-03-02")),
            event("b", ("first", "2021-03-21")),
        )
    )
    lo, hi = geometry.first_view(weeks)
    assert dt.date(2021, 2, 27) <= lo < dt.date(2021, 3, 2)
    assert dt.date(2021, 3, 21) < hi <= dt.date(2021, 3, 24)
    unit, presets = geometry.presets(weeks)
    assert unit == "week"
    assert [p.label for p in presets] == ["week of 1 Mar", "week of 8 Mar", "week of 15 Mar"]
    shipped = typed(build(load(ROOT / "data" / "events.yaml", ROOT / "seeds")))
    unit, presets = geometry.presets(shipped)
    assert unit == "decade" and presets[0].label == "1950s" and presets[-1].label == "2020s"
    decade = typed(model_of(event("a", ("history", "1981")), event("b", ("first", "1989-06"))))
    assert geometry.presets(decade)[0] == "year"
