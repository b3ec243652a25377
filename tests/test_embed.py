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

from chronology.embed import Options, select
from chronology.errors import ChronologyError
from chronology.html.images import find_chromium
from chronology.html.options import frame_id, localise
from chronology.html.page import build, fragment_html, iframe_snippet, standalone_html
from chronology.load import load
from chronology.model import Chronology


def sample() -> Chronology:
    return chronology_of(
        event("move", ("history", "1986"), ("second", "1987")),
        event("hq", ("history", "1981-06-28"), ("first", "1981-06-28"), category="armed-action"),
        event("late", ("first", "2013-06")),
        event("open", ("second", "2016/..")),
    )


def mini_model() -> dict[str, Any]:
    return select(load(MINI / "events.yaml", MINI / "seeds"), Options())


def page_of(model: dict[str, Any], options: Options) -> str:
    return standalone_html(build(model, options))


def data_of(html: str) -> dict[str, Any]:
    blob = re.search(r'<script type="application/json" class=chronology-data>(.*?)</script>', html)
    assert blob
    return dict(json.loads(blob.group(1)))


def config_of(html: str) -> dict[str, Any]:
    return dict(data_of(html)["config"])


# --- fragment -------------------------------------------------------------------------------


def test_fragment_is_one_element_with_a_declarative_shadow_root() -> None:
    model = select(sample(), Options())
    html = fragment_html(build(model, Options(embed="fragment", id="story", plotlyjs="cdn")))
    assert html.startswith(
        '<chronology-timeline id="story" class=chronology-embed style="display:block">'
        "<template shadowrootmode=open>"
    )
    assert html.rstrip().endswith("</chronology-timeline>")
    assert not re.search(r"<html\b|<head>|<body\b", html)
    shadow = html[: html.index("</template>")]
    assert "<style>" in shadow and ":host { all: initial; display: block; }" in shadow
    # the scripts run outside the shadow root and mount it; the only global is Chronology
    scripts = html[html.index("</template>") :]
    assert 'window.Chronology.mount(document.getElementById("story"));' in scripts
    assert "window.Plotly =" not in scripts


def test_two_fragments_of_one_chronology_get_different_ids_and_reruns_the_same() -> None:
    model = select(sample(), Options())
    one = frame_id(model, Options(embed="fragment"))
    two = frame_id(model, Options(embed="fragment", only_conflicts=True))
    assert one != two
    assert one == frame_id(model, Options(embed="fragment"))
    assert re.fullmatch(r"chronology-[0-9a-f]{10}", one)


def test_hostile_strings_stay_escaped_in_fragments() -> None:
    model = select(load(HOSTILE / "events.yaml", HOSTILE / "seeds"), Options())
    html = fragment_html(build(model, Options(embed="fragment", plotlyjs="cdn")))
    for raw in ("<script>window.__pwned", "<b>Iraq</b>", '<a href="javascript:'):
        assert raw not in html


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
    fid = config_of(out.read_text(encoding="utf-8"))["id"]
    assert snippet.startswith(
        f'<iframe src="https://x.org/t.html" id="{fid}" data-chronology data-chronology-sync'
        ' title="Who &quot;founded&quot; &lt;it&gt;?: 4 events'
    )
    assert "MIT License" in snippet
    assert '"datawrapper-height"' in snippet and '"pymxPYMx"' in snippet
    assert snippet.count("<script>") == 1
    page = out.read_text(encoding="utf-8")
    assert "<h1>Who &quot;founded&quot; &lt;it&gt;?</h1>" in page


def test_iframe_snippet_defaults_to_the_page_beside_it() -> None:
    snippet = iframe_snippet(build(mini_model(), Options(embed="iframe")), "timeline.html")
    assert 'src="timeline.html"' in snippet


def test_the_page_reports_its_height_like_datawrapper_and_pym() -> None:
    html = page_of(mini_model(), Options(plotlyjs="cdn"))
    assert 'post({ "datawrapper-height": sizes });' in html
    assert 'post("pymxPYMx" + pymId + "xPYMxheightxPYMx" + height);' in html
    assert 'post({ chronology: { type: "select", id: cfg.id, event: ev.id, title: ev.t } });' in (
        html
    )


# --- options --------------------------------------------------------------------------------


def test_title_subtitle_height_are_applied_and_escaped() -> None:
    options = Options(title="A <b>story</b>", subtitle="Dates & <i>doubts</i>", height=480)
    html = page_of(mini_model(), options)
    assert "<h1>A &lt;b&gt;story&lt;/b&gt;</h1>" in html
    assert "<p class=subtitle>Dates &amp; &lt;i&gt;doubts&lt;/i&gt;</p>" in html
    assert config_of(html)["height"] == 480


def test_themes() -> None:
    model = mini_model()
    assert '<div class=chronology data-theme="dark">' in page_of(model, Options(theme="dark"))
    assert "body{margin:0;background:#16181c}" in page_of(model, Options(theme="dark"))
    auto = page_of(model, Options(theme="auto"))
    assert '<div class=chronology data-theme="auto">' in auto
    assert "@media (prefers-color-scheme: dark) {" in auto


def test_locale_changes_month_names_not_quotes() -> None:
    chronology = chronology_of(event("hq", ("history", "1981-06-28")))
    model = select(chronology, Options(locale="fr"))
    french = localise(model, "fr")
    account = french["events"][0]["accounts"][0]
    assert account["label"] == "28 juin 1981"
    assert account["quote"] == model["events"][0]["accounts"][0]["quote"]
    html = page_of(model, Options(locale="fr", plotlyjs="cdn"))
    assert "28 juin 1981" in html and "28 June 1981" not in html
    assert config_of(html)["plotly"]["locale"] == "fr"
    assert '"shortMonths":["jan","fév","mar","avr","mai","juin","juil","aoû"' in html


def test_crop_keeps_events_touching_the_window_by_their_known_days() -> None:
    model = select(sample(), Options(start="1985", end="2014"))
    assert [e["id"] for e in model["events"]] == ["move", "late"]
    html = page_of(model, Options(start="1985", end="2014", plotlyjs="cdn"))
    assert config_of(html)["range"] == ["1985-01-01", "2014-12-31"]
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
    assert out.read_text(encoding="utf-8").startswith('<chronology-timeline id="story"')


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


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--width", "20"), "Error: image width 20 must be between 300 and 10000 pixels\n"),
        (("--scale", "20"), "Error: image scale 20.0 must be between 0.25 and 8\n"),
    ],
)
def test_image_size_mistakes_are_usage_errors(
    run, mini: Path, args: tuple[str, ...], message: str
) -> None:
    result = run(
        "render",
        "--events",
        mini / "events.yaml",
        "--seeds",
        mini / "seeds",
        "--format",
        "png",
        *args,
    )
    assert result.exit_code == 2
    assert result.stderr == message
