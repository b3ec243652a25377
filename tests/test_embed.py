"""The embed kit: standalone page, CMS fragment, iframe snippet, the editors' options.

Models come from the real pipeline (load -> embed.select -> export.build). What a browser
does with a host page that embeds them is in test_embed_browser.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from helpers import HOSTILE, MINI, chronology_of, event

from chronology.embed import (
    Options,
    fragment_html,
    frame_id,
    iframe_snippet,
    localise,
    namespace_ids,
    scope_css,
    select,
    standalone_html,
)
from chronology.errors import ChronologyError
from chronology.images import find_chromium
from chronology.load import load
from chronology.model import Chronology

HOSTILE_TEXT = (
    "<script>window.__pwned",
    "<b>Iraq</b>",
    '<a href="javascript:',
    "<img src=x onerror",
    "<i>two</i>",
)


def sample() -> Chronology:
    return chronology_of(
        event("move", ("history", "1986"), ("second", "1987")),
        event("hq", ("history", "1981-06-28"), ("first", "1981-06-28"), category="armed-action"),
        event("late", ("first", "2013-06")),
        event("open", ("second", "2016/..")),
    )


def mini_model() -> dict[str, Any]:
    return select(load(MINI / "events.yaml", MINI / "seeds"), Options())


def hostile_model() -> dict[str, Any]:
    return select(load(HOSTILE / "events.yaml", HOSTILE / "seeds"), Options())


def config_of(html: str, prefix: str = "") -> dict[str, Any]:
    blob = re.search(
        rf'<script type="application/json" id="{prefix}chronology-config">(.*?)<', html
    )
    assert blob
    return json.loads(blob.group(1))


def figure_of(html: str, prefix: str = "") -> dict[str, Any]:
    blob = re.search(
        rf'<script type="application/json" id="{prefix}chronology-figure">(.*?)<', html
    )
    assert blob
    return json.loads(blob.group(1))


# --- fragment -------------------------------------------------------------------------------


def test_fragment_is_one_namespaced_div_without_page_elements() -> None:
    options = Options(embed="fragment", plotlyjs="cdn")
    model = mini_model()
    html = fragment_html(model, options)
    fid = frame_id(model, options)
    assert html.startswith(f'<div id="{fid}" class="chronology-embed">')
    assert html.rstrip().endswith("</div>")
    for tag in ("html", "head", "body", "!doctype", "title"):
        assert not re.search(rf"<{tag}[\s>]", html, re.I), tag
    ids = re.findall(r'<[a-z][^<>]*\sid="([^"]+)"', html)
    assert len(ids) > 10
    assert all(i == fid or i.startswith(fid + "-") for i in ids), ids
    assert len(ids) == len(set(ids))
    labels = re.findall(r'<label[^<>]*\sfor="([^"]+)"', html)
    assert labels and all(x in ids for x in labels)  # the references moved with the ids
    assert f'href="#{fid}-events-table"' in html


def test_fragment_css_is_scoped_under_its_root() -> None:
    options = Options(embed="fragment", plotlyjs="cdn")
    model = mini_model()
    fid = frame_id(model, options)
    css = re.search(r"<style>(.*?)</style>", fragment_html(model, options), re.S)
    assert css
    selectors = re.findall(r"(?:^|[{}])\s*([^{}@]+?)\s*\{", css.group(1))
    assert len(selectors) > 30
    for group in selectors:
        for selector in group.split(","):
            assert selector.strip().startswith(f"#{fid}"), selector
    assert not re.search(r"(^|[\s,}])(body|html|:root)\b", css.group(1))
    assert f"#{fid} #{fid}-status" in css.group(1)  # id selectors follow the prefixed ids


def test_fragment_scripts_define_one_global_and_run_against_the_prefixed_ids() -> None:
    options = Options(embed="fragment", id="story-a")
    html = fragment_html(mini_model(), options)
    assert html.count("<script>if (!window.Plotly) { (function (module) {") == 1
    assert 'window.Chronology.scope("story-a-"), window.Plotly);' in html
    assert 'window.Chronology.mount({ root: "story-a", prefix: "story-a-" });' in html
    scripts = re.findall(r"<script>(?!if \(!window\.Plotly)(.*?)</script>", html, re.S)
    ours = "\n".join(scripts)
    assert "var ns = window.Chronology = window.Chronology || {};" in ours
    # no other assignment to a global from our code
    assert not re.search(r"window\.(?!Chronology\b)[A-Za-z_$]+\s*=[^=]", ours)


def test_hostile_strings_stay_escaped_in_fragments() -> None:
    html = fragment_html(hostile_model(), Options(embed="fragment", plotlyjs="cdn"))
    for raw in HOSTILE_TEXT:
        assert raw not in html
    assert "&lt;b&gt;Iraq&lt;/b&gt;&lt;script&gt;window.__pwned = 8&lt;/script&gt;" in html
    fid = frame_id(hostile_model(), Options(embed="fragment", plotlyjs="cdn"))
    assert json.dumps(figure_of(html, fid + "-")).count("window.__pwned") > 0
    for raw in HOSTILE_TEXT:
        assert raw not in json.dumps(figure_of(html, fid + "-"))


def test_two_fragments_of_one_chronology_get_different_ids_and_reruns_the_same() -> None:
    model = mini_model()
    a = Options(embed="fragment")
    b = Options(embed="fragment", only_conflicts=False, theme="dark")
    assert frame_id(model, a) == frame_id(mini_model(), a)
    assert frame_id(model, a) != frame_id(model, b)
    assert re.fullmatch(r"chronology-[0-9a-f]{10}", frame_id(model, a))
    assert frame_id(model, Options(id="my-story")) == "my-story"
    assert fragment_html(model, a) == fragment_html(mini_model(), a)


# --- the pieces -----------------------------------------------------------------------------


def test_scope_css_maps_page_selectors_onto_the_root() -> None:
    css = (
        ":root { --x: 1; }\nbody, h1 { margin: 0; }\n/* a comment { } */\n"
        "#status, .a:is(.b, .c) > p { color: red; }\n"
        "@media (max-width: 9px) { body { padding: 0; } td { color: #fff; } }\n"
        "@font-face { font-family: X; }"
    )
    assert scope_css(css, "#r", "r-") == (
        "#r{--x: 1;}\n"
        "#r,#r h1{margin: 0;}\n"
        "#r #r-status,#r .a:is(.b, .c) > p{color: red;}\n"
        "@media (max-width: 9px){#r{padding: 0;}\n#r td{color: #fff;}}\n"
        "@font-face{ font-family: X; }"
    )


def test_namespace_ids_touches_attributes_never_text() -> None:
    markup = (
        '<a class=skip href="#table">id=x for=y</a><label for=search>Search</label>'
        '<input id=search data-note="id=3"><h2 id="h" aria-labelledby="a b">#h</h2>'
        '<a href="https://example.org/#x">out</a>'
    )
    assert namespace_ids(markup, "p-") == (
        '<a class=skip href="#p-table">id=x for=y</a><label for="p-search">Search</label>'
        '<input id="p-search" data-note="id=3"><h2 id="p-h" aria-labelledby="p-a p-b">#h</h2>'
        '<a href="https://example.org/#x">out</a>'
    )


# --- standalone and iframe ------------------------------------------------------------------


def test_standalone_page_has_list_panel_and_embed_script() -> None:
    model = select(sample(), Options())
    html = standalone_html(model, Options(plotlyjs="cdn"))
    assert html.startswith("<!doctype html>")
    assert html.count("<li class=event-item") == 4
    assert (
        '<li class=event-item data-event="1" data-event-id="move" data-earliest="1986-01-01"'
        ' data-latest="1987-12-31" data-conflict="1">' in html
    )
    assert "<span class=flag-badge>Sources disagree: 1986 vs 1987</span>" in html
    assert '<section id="selected-event" class=selected-event hidden' in html
    assert "window.Chronology.mount({});" in html
    assert "@container chronology (max-width: 640px)" in html
    assert config_of(html)["embed"]["id"] == frame_id(model, Options(plotlyjs="cdn"))


def test_iframe_command_writes_the_page_and_prints_the_snippet(run, mini: Path) -> None:
    out = mini / "out" / "timeline.html"
    result = run(
        "render",
        *("--events", mini / "events.yaml", "--seeds", mini / "seeds", "-o", out),
        *("--embed", "iframe", "--title", 'Who "founded" <it>?', "--url", "https://x.org/t.html"),
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == f"wrote {out}: 4 events, 4 accounts, 0 events where sources disagree\n"
    snippet = result.stdout
    fid = config_of(out.read_text(encoding="utf-8"))["embed"]["id"]
    assert snippet.startswith(
        f'<iframe src="https://x.org/t.html" id="{fid}" data-chronology data-chronology-sync'
        ' title="Who &#34;founded&#34; &lt;it&gt;?" aria-label="Who &#34;founded&#34;'
        " &lt;it&gt;?: interactive timeline"
    )
    assert "MIT License" in snippet
    assert '"datawrapper-height"' in snippet and '"pymxPYMx"' in snippet
    assert snippet.count("<script>") == 1
    assert "<title>Who &#34;founded&#34; &lt;it&gt;?</title>" in out.read_text(encoding="utf-8")


def test_iframe_snippet_defaults_to_the_page_beside_it() -> None:
    model = mini_model()
    snippet = iframe_snippet(model, Options(embed="iframe", height=500), "timeline.html")
    assert 'src="timeline.html"' in snippet and "height:900px" in snippet


def test_the_page_reports_its_height_like_datawrapper_and_pym() -> None:
    html = standalone_html(mini_model(), Options(plotlyjs="cdn"))
    assert 'post({ "datawrapper-height": sizes });' in html
    assert 'post("pymxPYMx" + pymId + "xPYMxheightxPYMx" + height);' in html
    assert 'post({ sentinel: "amp", type: "embed-size", height: height });' in html
    assert 'post({ chronology: { type: "select", id: frameId, event: id, title: ev.title } });' in (
        html
    )


# --- options --------------------------------------------------------------------------------


def test_title_subtitle_height_are_applied_and_escaped() -> None:
    options = Options(title="A <b>story</b>", subtitle="Dates & <i>doubts</i>", height=480)
    html = standalone_html(mini_model(), replace_cdn(options))
    assert "<h1>A &lt;b&gt;story&lt;/b&gt;</h1>" in html
    assert "<p class=subtitle>Dates &amp; &lt;i&gt;doubts&lt;/i&gt;</p>" in html
    assert figure_of(html)["layout"]["height"] == 480
    assert "--list-height: 480px" in html


def replace_cdn(options: Options) -> Options:
    from dataclasses import replace

    return replace(options, plotlyjs="cdn")


def test_themes() -> None:
    model = mini_model()
    dark = standalone_html(model, Options(theme="dark", plotlyjs="cdn"))
    layout = figure_of(dark)["layout"]
    assert layout["paper_bgcolor"] == layout["plot_bgcolor"] == "#16181C"
    assert layout["font"]["color"] == "#E8E8E8"
    assert "--paper: #16181c" in dark
    auto = standalone_html(model, Options(theme="auto", plotlyjs="cdn"))
    assert figure_of(auto)["layout"]["paper_bgcolor"] == "#FFFFFF"
    assert config_of(auto)["embed"]["dark"]["paper_bgcolor"] == "#16181C"
    assert "@media (prefers-color-scheme: dark) {" in auto
    light = standalone_html(model, Options(plotlyjs="cdn"))
    assert "--paper: #16181c" not in light and "dark" not in config_of(light)["embed"]


def test_locale_changes_month_names_not_quotes() -> None:
    chronology = chronology_of(event("hq", ("history", "1981-06-28")))
    model = select(chronology, Options(locale="fr"))
    french = localise(model, "fr")
    account = french["events"][0]["accounts"][0]
    assert account["label"] == "28 juin 1981"
    assert account["quote"] == model["events"][0]["accounts"][0]["quote"]
    html = standalone_html(model, Options(locale="fr", plotlyjs="cdn"))
    assert "28 juin 1981" in html and "28 June 1981" not in html
    assert config_of(html)["plotly"]["locale"] == "fr"
    assert '"shortMonths":["janv","févr","mars","avr","mai","juin","juil"' not in html
    assert '"shortMonths":["jan","fév","mar","avr","mai","juin","juil","aoû"' in html


def test_crop_keeps_events_touching_the_window_by_their_known_days() -> None:
    model = select(sample(), Options(start="1985", end="2014"))
    assert [e["id"] for e in model["events"]] == ["move", "late"]
    html = standalone_html(model, Options(start="1985", end="2014", plotlyjs="cdn"))
    assert figure_of(html)["layout"]["xaxis"]["range"] == ["1985-01-01", "2014-12-31"]
    assert config_of(html)["range"] == ["1985-01-01", "2014-12-31"]
    decades = re.findall(r'data-range="(\d{4})-01-01,', html)
    assert decades == ["1980", "1990", "2000", "2010"]  # zoom presets follow the crop
    # "2016 or later" counts from 2016, not from the end of time
    assert [e["id"] for e in select(sample(), Options(start="2015"))["events"]] == ["open"]


def test_category_source_and_conflict_filters_recompute_the_model() -> None:
    by_category = select(sample(), Options(categories=("armed-action",)))
    assert [e["id"] for e in by_category["events"]] == ["hq"]
    by_source = select(sample(), Options(sources=("history",)))
    assert [e["id"] for e in by_source["events"]] == ["hq", "move"]
    assert all(a["source"] == "history" for e in by_source["events"] for a in e["accounts"])
    assert by_source["summary"]["events_in_conflict"] == 0  # one side left: no conflict shown
    assert [s["id"] for s in by_source["sources"]] == ["history"]
    conflicts = select(sample(), Options(only_conflicts=True))
    assert [e["id"] for e in conflicts["events"]] == ["move"]
    assert conflicts["summary"]["events"] == conflicts["summary"]["events_in_conflict"] == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--category", "nope"),
            "Error: unknown category 'nope'; choose from organisation, armed-action, crackdown,"
            " relocation, designation, politics, legal, context\n",
        ),
        (
            ("--source", "nope"),
            "Error: unknown source 'nope'; choose from history, first, second\n",
        ),
        (
            ("--locale", "xx"),
            "Error: unknown locale 'xx'; choose from de, en, es, fr, it, nl, pt\n",
        ),
        (
            ("--id", "1 bad"),
            "Error: --id '1 bad' must start with a letter and use only letters, digits, - and _\n",
        ),
        (("--from", "2001", "--to", "1999"), "Error: --from 2001 is after --to 1999\n"),
        (("--from", "2050"), "Error: no events match the chosen filters\n"),
        (("--height", "20"), "Error: --height 20 must be between 150 and 10000 pixels\n"),
    ],
)
def test_bad_options_are_one_line_errors(
    run, mini: Path, args: tuple[str, ...], message: str
) -> None:
    result = run("render", "--events", mini / "events.yaml", "--seeds", mini / "seeds", *args)
    assert result.exit_code == 2  # a usage mistake, as for every command
    assert result.stderr == message


def test_fragment_command_writes_only_the_fragment(run, mini: Path) -> None:
    out = mini / "fragment.html"
    result = run(
        "render",
        *("--events", mini / "events.yaml", "--seeds", mini / "seeds", "-o", out),
        *("--embed", "fragment", "--id", "story", "--plotlyjs", "cdn", "--only-conflicts"),
    )
    assert result.exit_code == 2  # the mini chronology has no conflicts: the filter is wrong
    assert result.stderr == "Error: no events match the chosen filters\n"
    result = run(
        "render",
        *("--events", mini / "events.yaml", "--seeds", mini / "seeds", "-o", out),
        *(
            "--embed",
            "fragment",
            "--id",
            "story",
            "--plotlyjs",
            "cdn",
            "--category",
            "armed-action",
        ),
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {out}: 1 event, 1 account, 0 events where sources disagree\n"
    assert out.read_text(encoding="utf-8").startswith('<div id="story" class="chronology-embed">')


# --- static images --------------------------------------------------------------------------


def test_no_chromium_is_one_line(run, mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BROWSER_PATH", raising=False)
    monkeypatch.setenv("PATH", str(mini))
    with pytest.raises(ChronologyError) as caught:
        find_chromium()
    message = (
        "static images need Chromium: install it (apt-get install -y chromium) "
        "or set BROWSER_PATH to a Chrome or Chromium binary"
    )
    assert str(caught.value) == message
    result = run(
        "render", "--events", mini / "events.yaml", "--seeds", mini / "seeds", "--format", "png"
    )
    assert result.exit_code == 1
    assert result.stderr == f"Error: {message}\n"
    monkeypatch.setenv("BROWSER_PATH", str(mini / "nothing"))
    with pytest.raises(ChronologyError, match="does not exist; static images need Chromium"):
        find_chromium()
