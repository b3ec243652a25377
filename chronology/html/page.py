"""The timeline as a page, a CMS fragment or an iframe target, built once from the export model.

Data flows one way: export model → ``model.view`` (the one JSON block) and ``geometry`` (range,
presets, colours) → ``markup`` (disagreements, controls, table) and ``plot`` (Plotly's layout
and config) → here, where the pieces are put in a page.

- ``standalone``: a full HTML document; also the target of an iframe (it then reports its
  height to the parent frame the way Datawrapper and Pym.js embeds do).
- ``fragment``: one ``<div>`` to paste into an article. Its content sits in a declarative
  shadow root, so the article's stylesheet cannot reach it and its own styles cannot leak out;
  ``window.Chronology`` is the only global its scripts define (plotly.js is kept inside it).
- ``iframe``: the standalone page, plus the snippet to paste (``iframe_snippet``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from chronology import __version__
from chronology.files import write_atomic
from chronology.formats import plural
from chronology.html import geometry, markup, plot
from chronology.html.model import AnyModel, view
from chronology.html.options import Options, PlotlyJS, frame_id, localise, plotly_locale

# Where a standalone page puts its scripts: before the (long) table, so the plot is drawn
# while the table is still being parsed.
SCRIPTS_SLOT = "<!--chronology-scripts-->"
NOSCRIPT = (
    "<p>The interactive timeline needs JavaScript; the table below lists every event and"
    " account.</p>"
)


# plotly.js's "basic" bundle (scatter, bar, pie; MIT, from the npm package
# plotly.js-basic-dist-min): a quarter of the full bundle plotly.py ships, which is all the page
# draws with, so the page is smaller and the reader's first paint sooner.
PLOTLY_VERSION = "4.1.1"
PLOTLY_BUNDLE = "plotly-basic.min.js"


def plotly_bundle() -> str:
    """The plotly.js the page uses (inlined, or written beside it)."""
    return static(PLOTLY_BUNDLE)


def static(name: str) -> str:
    """A file shipped in chronology/static (the page's script and style, inlined)."""
    return resources.files("chronology").joinpath("static", name).read_text(encoding="utf-8")


def script_json(value: Any) -> str:
    """JSON safe inside a <script> element: '<' only occurs in strings, so escape it there."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


@dataclass
class Page:
    """The timeline in named pieces, all HTML already escaped."""

    id: str
    title: str  # plain text for <title> (escaped)
    heading: str
    subtitle: str
    summary: str
    body: str  # disagreements, controls, key, stage, list, table, footer and the data block
    theme: str
    plotlyjs: PlotlyJS
    locale: str
    empty: bool = False  # no events yet: the page shows its heading and says so, nothing else


def build(model_dict: AnyModel, options: Options) -> Page:
    """Every piece of the timeline from the export model (deterministic)."""
    fid = frame_id(model_dict, options)
    model = localise(model_dict, options.locale)
    colours = geometry.source_colours(model)
    lo, hi = geometry.first_view(model)
    if options.start or options.end:
        from chronology.embed import bounds

        start, end = bounds(options)
        lo, hi = start or lo, end or hi
    _, presets = geometry.presets(model)
    summary = model["summary"]
    heading = markup.escape(options.title) if options.title else "Chronology"
    subtitle = markup.escape(options.subtitle) if options.subtitle else ""
    inputs = model["inputs"]
    source_line = (
        f"Made with chronology {__version__} from {inputs['events']} and {inputs['seeds']}."
        " Every source's account side by side; the tool does not decide between them."
    )
    footer = (
        f"<footer>{markup.escape(source_line)} Input SHA-256"
        f" <code>{markup.escape(inputs.get('sha256', ''))}</code>.</footer>"
    )
    n_accounts = summary["accounts"]
    config = {
        "id": fid,
        "range": [lo.isoformat(), hi.isoformat()],
        "lanes": options.lanes,
        "height": options.height,
        "layout": plot.base_layout(),
        "plotly": plot.config(options.locale if options.locale != "en" else None),
        "headingText": heading,
        "summaryText": (
            f"{plural(summary['events'], 'event')}, {plural(n_accounts, 'account')} from "
            f"{plural(summary['sources'], 'source')}; "
            f"{markup.conflict_count_text(summary['events_in_conflict'])}."
        ),
        "sourceLine": source_line,
        "locale": plotly_locale(options.locale) if options.locale != "en" else None,
    }
    data = script_json({"view": view(model, colours), "config": config})
    noscript = NOSCRIPT
    if options.image:
        noscript = (
            f'<img class=noscript-image src="{markup.escape(options.image)}" alt="Timeline of the'
            ' events (static image); the table below lists the same events and accounts.">'
            + NOSCRIPT
        )
    body = (
        markup.disagreements(model)
        + markup.controls(model, presets)
        + markup.KEY
        + "<div class=stage>"
        "<div class=plot-wrap><div class=plot tabindex=0 role=application aria-roledescription="
        '"timeline" aria-label="Timeline of the events. Arrow keys move from event to event,'
        ' Enter shows its accounts; the table below lists the same events in text."></div>'
        "<p class=plot-focus aria-live=polite></p></div>"
        '<aside class=panel hidden aria-label="Accounts of the selected event" tabindex=-1>'
        "<p class=panel-empty>Select an event (click its marks or title) to read every"
        " source's account side by side.</p></aside></div>"
        '<section class=event-list-wrap aria-label="Events"><ol class=event-list></ol>'
        "</section>"
        f"<noscript>{noscript}<style>.chronology .stage{{display:none}}</style></noscript>"
        f'<script type="application/json" class=chronology-data>{data}</script>'
        f"{SCRIPTS_SLOT}<h2 class=table-heading>Events and accounts</h2>"
        f"{markup.table(model)}{footer}"
    )
    return Page(
        id=fid,
        title=f"{heading}: {plural(summary['events'], 'event')}, "
        f"{markup.conflict_count_text(summary['events_in_conflict'])}",
        heading=heading,
        subtitle=subtitle,
        summary=markup.summary_line(model),
        body=body,
        theme=options.theme,
        plotlyjs=options.plotlyjs,
        locale=options.locale,
        empty=summary["events"] == 0,
    )


def shell(p: Page) -> str:
    """The timeline's own box: heading, summary and body, themed."""
    subtitle = f"<p class=subtitle>{p.subtitle}</p>" if p.subtitle else ""
    classes = '"chronology empty"' if p.empty else "chronology"
    return (
        f'<div class={classes} data-theme="{p.theme}">'
        f"<header><h1>{p.heading}</h1>{subtitle}<p class=summary>{p.summary}</p></header>"
        f"{p.body}</div>"
    )


def plotly_script(plotlyjs: PlotlyJS, locale: str) -> str:
    """plotly.js, once per page whatever the number of timelines, kept off the global scope.

    The bundle runs with a local ``module`` so its loader hands the library to
    ``Chronology.Plotly`` instead of defining ``window.Plotly``.
    """
    register = ""
    if locale != "en":
        register = f"window.Chronology.Plotly.register({script_json(plotly_locale(locale))});"
    if plotlyjs == "cdn":
        url = f"https://cdn.plot.ly/plotly-basic-{PLOTLY_VERSION}.min.js"
    elif plotlyjs == "directory":
        url = "plotly.min.js"
    else:
        # plotly.js also sets a few globals of its own while it loads (window.Plotly, sprintf,
        # PolyBool...); its modules keep their own references, so they are taken off the
        # page's global scope again and only window.Chronology remains.
        return (
            "<script>(function () { var NS = window.Chronology = window.Chronology || {};"
            " if (NS.Plotly) { return; } var had = {};"
            " Object.keys(window).forEach(function (k) { had[k] = true; });"
            " var module = { exports: {} }, exports = module.exports;\n"
            f"{plotly_bundle()}\nNS.Plotly = module.exports; NS.plotlyGlobals = {{}};"
            " Object.keys(window).forEach(function (k) { if (!had[k] && k !== 'Chronology'"
            " && !/^[0-9]+$/.test(k)) { NS.plotlyGlobals[k] = window[k]; delete window[k]; } });"
            f" }})();{register}</script>\n"
        )
    return (
        f'<script src="{url}" charset="utf-8"></script>\n'
        "<script>(function () { var NS = window.Chronology = window.Chronology || {};"
        f" NS.Plotly = NS.Plotly || window.Plotly; }})();{register}</script>\n"
    )


def scripts(p: Page, mount: str) -> str:
    return (
        f"{plotly_script(p.plotlyjs, p.locale)}<script>{static('timeline.js')}</script>\n"
        f"<script>window.Chronology.mount({mount});</script>\n"
    )


PAGE_CSS = {
    "light": "body{margin:0;background:#fff}",
    "dark": "body{margin:0;background:#16181c}",
    "auto": "body{margin:0;background:#fff}"
    "@media (prefers-color-scheme: dark){body{background:#16181c}}",
}


def standalone_html(p: Page) -> str:
    """The full page; also the page an iframe shows (it then reports its height)."""
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{p.title}</title>\n<style>{PAGE_CSS[p.theme]}\n{static('timeline.css')}</style>\n"
        f'</head>\n<body>\n<div id="{p.id}" class=chronology-host>'
        + shell(p).replace(
            SCRIPTS_SLOT,
            "\n" + scripts(p, f"document.getElementById({json.dumps(p.id)}).firstChild"),
        )
        + "</div>\n</body>\n</html>\n"
    )


def fragment_html(p: Page) -> str:
    """One element to paste into a CMS page: its content in a declarative shadow root.

    A custom element rather than a <div>, so an article's ``div`` and ``p`` rules do not
    restyle its box either (what is inside the shadow root they cannot reach at all).
    """
    return (
        f'<chronology-timeline id="{p.id}" class=chronology-embed style="display:block">'
        f"<template shadowrootmode=open><style>{static('timeline.css')}</style>\n"
        f"{shell(p).replace(SCRIPTS_SLOT, '')}"
        "</template>\n"
        f"{scripts(p, f'document.getElementById({json.dumps(p.id)})')}</chronology-timeline>\n"
    )


def iframe_snippet(p: Page, src: str) -> str:
    """What an editor pastes: the iframe (titled for screen readers) and our resize script."""
    label = f"{p.title}: interactive timeline of the events and each source's account"
    return (
        f'<iframe src="{markup.escape(src)}" id="{p.id}" data-chronology data-chronology-sync'
        f' title="{p.title}" aria-label="{label}" loading="lazy" scrolling="no"'
        ' style="width:100%;border:0;height:900px"></iframe>\n'
        f"<script>{static('embed-resize.js')}</script>\n"
    )


def write_bundle(folder: Path) -> None:
    """Write plotly.min.js into a folder (for ``--plotlyjs directory``) unless it is there."""
    bundle = folder / "plotly.min.js"
    js = plotly_bundle()
    if not bundle.is_file() or bundle.read_text(encoding="utf-8") != js:
        write_atomic(bundle, js)


def html(model: AnyModel, options: Options) -> str:
    """The page or the fragment, as the options ask."""
    p = build(model, options)
    return fragment_html(p) if options.embed == "fragment" else standalone_html(p)


def write(model: AnyModel, out: str | Path, options: Options) -> str | None:
    """Write the page or the fragment atomically; for ``iframe``, return the snippet."""
    out = Path(out)
    if options.plotlyjs == "directory":
        write_bundle(out.parent)
    p = build(model, options)
    if options.embed == "fragment":
        write_atomic(out, fragment_html(p))
        return None
    write_atomic(out, standalone_html(p))
    if options.embed == "iframe":
        return iframe_snippet(p, options.url or out.name)
    return None
