"""Put the timeline into an article the way newsrooms do: a page, a CMS fragment or an iframe.

``render.page`` builds the picture, the table and the text once; this module chooses what goes
in (filters, crop), how it reads (title, theme, locale, height) and how it is packaged:

- ``standalone``: the full page, which also works as the target of an iframe: it reports its
  height to the parent frame with the messages Datawrapper (``datawrapper-height``) and Pym.js
  (``pymxPYMx...``) embeds send, so existing CMS integrations size it, and it reports the
  selected event so the host page can keep its own URL in sync;
- ``fragment``: one ``<div>`` with its ``<style>`` and ``<script>`` elements to paste into a
  CMS page. Its CSS is scoped under the fragment's id and every id in it is prefixed, so two
  fragments on one page do not collide and nothing leaks into the host page; its scripts
  define one global object, ``window.Chronology`` (besides plotly.js's own ``Plotly``);
- ``iframe``: the standalone page plus the snippet to paste (``iframe_snippet``).

Filters work on the loaded chronology *before* the export model is built, so a cropped or
filtered timeline still comes out of the one computed model that ``export`` writes, with
counts and conflicts that match what is shown.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any, Literal

from chronology.errors import ChronologyError
from chronology.model import Chronology

Embed = Literal["standalone", "fragment", "iframe"]
Theme = Literal["light", "dark", "auto"]
ID_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,63}$")
# Below this width (of the timeline's own box, not the window) the list replaces the plot.
BREAKPOINT_PX = 640

# Month names per locale, for the plot's axis (a Plotly locale) and the dates in words.
# Only month names change: the rest of the page stays in English.
MONTHS: dict[str, tuple[str, ...]] = {
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    "de": (
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ),
    "es": (
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ),
    "it": (
        "gennaio",
        "febbraio",
        "marzo",
        "aprile",
        "maggio",
        "giugno",
        "luglio",
        "agosto",
        "settembre",
        "ottobre",
        "novembre",
        "dicembre",
    ),
    "nl": (
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ),
    "pt": (
        "janeiro",
        "fevereiro",
        "março",
        "abril",
        "maio",
        "junho",
        "julho",
        "agosto",
        "setembro",
        "outubro",
        "novembro",
        "dezembro",
    ),
}
_ENGLISH_MONTH = re.compile(r"\b(" + "|".join(MONTHS["en"]) + r")\b")


@dataclass(frozen=True)
class Options:
    """Everything an editor can choose about one embed; the CLI maps its options onto this."""

    embed: Embed = "standalone"
    title: str | None = None
    subtitle: str | None = None
    height: int | None = None
    theme: Theme = "light"
    locale: str = "en"
    start: str | None = None  # EDTF, e.g. 1979 or 1981-06: crop from its first day
    end: str | None = None  # EDTF: crop to its last day
    categories: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    only_conflicts: bool = False
    id: str | None = None
    url: str | None = None  # where the page will be published (iframe src)
    lanes: Literal["category", "source"] = "category"
    plotlyjs: Literal["inline", "cdn", "directory"] = "inline"
    image: str | None = None  # file name of a PNG rendered beside the page (noscript fallback)


def _bounds(options: Options) -> tuple[dt.date | None, dt.date | None]:
    """--from/--to as days: the first day of --from and the last day of --to."""
    from chronology.dates import DateError, DateValue

    days: list[dt.date | None] = []
    for flag, value, edge in (
        ("--from", options.start, "earliest"),
        ("--to", options.end, "latest"),
    ):
        if value is None:
            days.append(None)
            continue
        try:
            days.append(getattr(DateValue.parse(value), edge))
        except DateError as exc:
            raise ChronologyError(f"{flag} {value!r} is not a date: {exc}") from None
    start, end = days
    if start and end and start > end:
        raise ChronologyError(f"--from {options.start} is after --to {options.end}")
    return start, end


def check_options(chronology: Chronology, options: Options) -> None:
    """Reject a mistyped category, source, locale or id with one line naming the choices."""
    declared = [c.id for c in chronology.categories]
    unknown = [c for c in options.categories if c not in declared]
    if unknown:
        raise ChronologyError(f"unknown category {unknown[0]!r}; choose from {', '.join(declared)}")
    ids = [s.id for s in chronology.sources]
    unknown = [s for s in options.sources if s not in ids]
    if unknown:
        raise ChronologyError(f"unknown source {unknown[0]!r}; choose from {', '.join(ids)}")
    if options.locale not in MONTHS:
        raise ChronologyError(
            f"unknown locale {options.locale!r}; choose from {', '.join(sorted(MONTHS))}"
        )
    if options.id is not None and not ID_PATTERN.match(options.id):
        raise ChronologyError(
            f"--id {options.id!r} must start with a letter and use only letters, digits, - and _"
        )
    if options.height is not None and not 150 <= options.height <= 10000:
        raise ChronologyError(f"--height {options.height} must be between 150 and 10000 pixels")


def select(chronology: Chronology, options: Options) -> dict[str, Any]:
    """The export model of only what the options keep, computed by ``export.build``.

    An event is kept when it is in a chosen category, when some account from a chosen source
    remains (only those accounts are kept), and when one of its accounts' date ranges touches
    the --from/--to window (open ends count by their known day). --only-conflicts keeps the
    events that are in conflict *as shown*, so it applies to the already filtered accounts.
    """
    from chronology.export import build

    check_options(chronology, options)
    start, end = _bounds(options)
    events = []
    for event in chronology.events:
        if options.categories and event.category not in options.categories:
            continue
        accounts = [a for a in event.accounts if not options.sources or a.source in options.sources]
        if not accounts:
            continue
        if (start or end) and not any(_touches(a.date, start, end) for a in accounts):
            continue
        events.append(event if len(accounts) == len(event.accounts) else _with(event, accounts))
    sources = [s for s in chronology.sources if not options.sources or s.id in options.sources]
    picked = replace(chronology, events=events, sources=sources)
    model = build(picked)
    if options.only_conflicts:
        keep = {e["id"] for e in model["events"] if e["conflicts"]}
        model = build(replace(picked, events=[e for e in events if e.id in keep]))
    if not model["events"] and chronology.events:
        raise ChronologyError("no events match the chosen filters")
    return model


def _touches(date: Any, start: dt.date | None, end: dt.date | None) -> bool:
    """Whether a date's range meets the --from/--to window.

    An open end ("before 1980", "after 2016") counts by its known day only; otherwise every
    "after ..." event would belong to every later window.
    """
    from chronology.dates import OPEN_END, OPEN_START

    lo, hi = date.earliest, date.latest
    if lo == OPEN_START:
        lo = hi
    if hi == OPEN_END:
        hi = lo
    return (start is None or hi >= start) and (end is None or lo <= end)


def _with(event: Any, accounts: list[Any]) -> Any:
    """A copy of an event with fewer accounts (keeping each account's line and offsets)."""
    copy = event.model_copy()
    copy.accounts = accounts
    return copy


def _short_months(months: tuple[str, ...]) -> list[str]:
    """Three letters, or four when three would be ambiguous (French 'juin'/'juillet')."""
    three = [m[:3] for m in months]
    return [m[:4] if three.count(s) > 1 else s for m, s in zip(months, three, strict=True)]


_LABEL_KEYS = frozenset({"label", "published_label", "explanation"})


def localise(model: dict[str, Any], locale: str) -> dict[str, Any]:
    """A copy of the model whose dates in words use the locale's month names.

    Only the derived wording changes (labels, conflict explanations); quotes, titles and
    notes are the sources' and the editor's own words and stay exactly as written.
    """
    if locale == "en":
        return model
    names = dict(zip(MONTHS["en"], MONTHS[locale], strict=True))

    def walk(value: Any, key: str = "") -> Any:
        if isinstance(value, dict):
            return {k: walk(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v, key) for v in value]
        if isinstance(value, str) and key in _LABEL_KEYS:
            return _ENGLISH_MONTH.sub(lambda m: names[m.group(1)], value)
        return value

    localised: dict[str, Any] = walk(model)
    return localised


def plotly_locale(locale: str) -> dict[str, Any]:
    """A Plotly locale module that gives the date axis the locale's month names."""
    return {
        "moduleType": "locale",
        "name": locale,
        "dictionary": {},
        "format": {"months": list(MONTHS[locale]), "shortMonths": _short_months(MONTHS[locale])},
    }


# The plot's dark colours, as Plotly relayout paths (applied in Python for --theme dark, in
# the browser for --theme auto when the reader's system is dark).
DARK_BG = "#16181C"
DARK_INK = "#E8E8E8"


def _dark_grey(colour: str) -> str:
    """A light grey lane background becomes a dark one; other colours are kept."""
    if re.fullmatch(r"#[0-9A-Fa-f]{6}", colour):
        channels = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
        if min(channels) >= 0xC0 and max(channels) - min(channels) < 0x10:
            level = 0x16 + (0xFF - channels[0])
            return f"#{level:02X}{level:02X}{level:02X}"
    return colour


def dark_changes(fig: dict[str, Any]) -> dict[str, Any]:
    """The relayout that turns the light figure dark (lane bands included)."""
    changes: dict[str, Any] = {
        "paper_bgcolor": DARK_BG,
        "plot_bgcolor": DARK_BG,
        "font.color": DARK_INK,
        "xaxis.gridcolor": "#3A3D44",
        "xaxis2.gridcolor": "#3A3D44",
        "xaxis.rangeslider.bgcolor": "#22252A",
    }
    for i, shape in enumerate(fig["layout"].get("shapes", [])):
        if isinstance(shape.get("fillcolor"), str):
            changes[f"shapes[{i}].fillcolor"] = _dark_grey(shape["fillcolor"])
        line = shape.get("line") or {}
        if isinstance(line.get("color"), str):
            changes[f"shapes[{i}].line.color"] = _dark_grey(line["color"])
    return changes


def _set_path(layout: dict[str, Any], path: str, value: Any) -> None:
    """Set a Plotly relayout path such as 'shapes[3].line.color' in a layout dict."""
    node: Any = layout
    parts = re.findall(r"[^.\[\]]+|\[\d+\]", path)
    for i, part in enumerate(parts):
        key: Any = int(part[1:-1]) if part.startswith("[") else part
        if i == len(parts) - 1:
            node[key] = value
        else:
            if isinstance(key, str) and key not in node:
                node[key] = {}
            node = node[key]


def frame_id(model: dict[str, Any], options: Options) -> str:
    """The embed's id: --id, or one derived from the input hash and the options.

    Deterministic (the same input and options give the same id, so re-renders are
    byte-identical) and distinct for different data or options, so two fragments of one
    chronology on one page (say, all events and only conflicts) get different ids.
    """
    if options.id:
        return options.id
    chosen = {k: v for k, v in asdict(options).items() if k not in ("embed", "url", "id")}
    seed = json.dumps([model["inputs"].get("sha256", ""), chosen], sort_keys=True, default=str)
    return "chronology-" + hashlib.sha256(seed.encode("utf-8")).hexdigest()[:10]


def event_list(model: dict[str, Any]) -> str:
    """The phone view: a vertical list of events, each opening onto its accounts.

    It replaces the plot and the table when the timeline's box is narrow (a container query
    in embed.css), needs no JavaScript, and carries the same attributions and conflict flags.
    """
    from chronology.render import (
        AGREEMENT_WORDS,
        category_labels,
        conflict_label,
        escape,
        source_link,
        source_names,
    )

    sources = {s["id"]: s for s in model["sources"]}
    category_names = category_labels(model)
    names = source_names(model["sources"])
    items = []
    for index, ev in enumerate(model["events"]):
        labels = list(dict.fromkeys(a["label"] for a in ev["accounts"]))
        flag = (
            f" <span class=flag-badge>Sources disagree: {escape(conflict_label(ev))}</span>"
            if ev["conflicts"]
            else ""
        )
        accounts = []
        for acc in ev["accounts"]:
            src = sources.get(acc["source"])
            who = escape(names.get(acc["source"], acc["source"]))
            stance = f", {escape(src['stance'])}" if src and src.get("stance") else ""
            link = f" · {source_link(src)}" if src and src.get("url") else ""
            cited = (
                f"<br><span class=meta>Cites: {escape(acc['cited'])}</span>"
                if acc.get("cited")
                else ""
            )
            accounts.append(
                f"<li><b>{escape(acc['label'])}</b> · <span class=outlet>{who}</span>{stance}{link}"
                f"<br><q>{escape(acc['quote'])}</q>{cited}</li>"
            )
        explanations = "".join(
            f"<p class=flag>{escape(c['explanation'])}</p>" for c in ev["conflicts"]
        )
        items.append(
            f'<li class=event-item data-event="{index}" data-event-id="{escape(ev["id"])}"'
            f' data-earliest="{escape(ev["earliest"] or "")}"'
            f' data-latest="{escape(ev["latest"] or "")}"'
            f' data-conflict="{int(bool(ev["conflicts"]))}"><details><summary>'
            f"<span class=when>{escape(' / '.join(labels))}</span> "
            f"<span class=what>{escape(ev['title'])}</span>{flag}</summary>"
            f"<p class=meta>{escape(category_names.get(ev['category'], ev['category']))} · "
            f"{escape(AGREEMENT_WORDS.get(ev['agreement'], ev['agreement']))}</p>{explanations}"
            f"<ul class=accounts>{''.join(accounts)}</ul></details></li>"
        )
    return (
        '<section class=event-list-wrap aria-labelledby="event-list-heading">'
        '<h2 id="event-list-heading">Events</h2>'
        f"<ol class=event-list tabindex=0>{''.join(items)}</ol></section>\n"
    )


SELECTED_PANEL = (
    '<section id="selected-event" class=selected-event hidden aria-live=polite'
    ' aria-label="Selected event"></section>\n'
)


def _split_top(text: str, sep: str) -> list[str]:
    """Split on ``sep`` outside parentheses and brackets (selector lists such as :is(a, b))."""
    parts, depth, current = [], 0, ""
    for char in text:
        depth += char in "(["
        depth -= char in ")]"
        if char == sep and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return parts


def _scope_selector(selector: str, root: str, id_prefix: str) -> str:
    selector = re.sub(r"#(?=[A-Za-z_-])", "#" + id_prefix, selector.strip())
    match = re.match(r"^(:root|html|body)(?![\w-])", selector)
    if match:
        return root + selector[match.end() :]
    return f"{root} {selector}"


def scope_css(css: str, root: str, id_prefix: str = "") -> str:
    """Confine a stylesheet to one element: every selector is put under ``root``.

    ``:root``, ``html`` and ``body`` become the root itself, so a page stylesheet becomes a
    fragment's; rules inside @media/@supports/@container are scoped too, other at-rules
    (@font-face, @keyframes) are kept as they are. Id selectors get ``id_prefix``, as the
    fragment's ids do (``namespace_ids``). Made for our own stylesheets (no strings
    with braces in them).
    """
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    out: list[str] = []
    i = 0
    while i < len(css):
        brace = css.find("{", i)
        if brace == -1:
            break
        prelude = css[i:brace].strip()
        depth, j = 1, brace + 1
        while depth and j < len(css):
            depth += {"{": 1, "}": -1}.get(css[j], 0)
            j += 1
        block = css[brace + 1 : j - 1]
        if prelude.startswith(("@media", "@supports", "@container")):
            out.append(f"{prelude}{{{scope_css(block, root, id_prefix)}}}")
        elif prelude.startswith("@"):
            out.append(f"{prelude}{{{block}}}")
        else:
            selectors = ",".join(
                _scope_selector(s, root, id_prefix) for s in _split_top(prelude, ",")
            )
            out.append(f"{selectors}{{{block.strip()}}}")
        i = j
    return "\n".join(out)


_TAG = re.compile(r"<[A-Za-z][^<>]*>")
_ATTR = re.compile(r"""([^\s=/>"']+)(\s*=\s*)("[^"]*"|'[^']*'|[^\s>"']+)""")
_ID_ATTRS = frozenset(
    {"id", "for", "aria-labelledby", "aria-describedby", "aria-controls", "aria-owns", "headers"}
)


def namespace_ids(markup: str, prefix: str) -> str:
    """Prefix every id, and every reference to one, in our own markup.

    Works tag by tag on attributes only: text is never touched, and since everything from the
    sources is escaped, a quote cannot contain a tag. References are id-list attributes
    (``for``, ``aria-labelledby``...) and same-page links (``href="#..."``).
    """

    def attr(match: re.Match[str]) -> str:
        name, eq, raw = match.groups()
        quote = raw[0] if raw[0] in "\"'" else ""
        value = raw[1:-1] if quote else raw
        lowered = name.lower()
        if lowered in _ID_ATTRS:
            value = " ".join(prefix + token for token in value.split())
        elif lowered in ("href", "xlink:href") and value.startswith("#") and len(value) > 1:
            value = "#" + prefix + value[1:]
        else:
            return match.group(0)
        return f'{name}{eq}"{value}"'

    return _TAG.sub(lambda tag: _ATTR.sub(attr, tag.group(0)), markup)


def _css(options: Options) -> str:
    """Our embed stylesheet plus the theme's (dark always, or by the reader's setting)."""
    from chronology.render import _static

    css = _static("embed.css")
    if options.height:
        css += f"\n:root {{ --list-height: {int(options.height)}px; }}\n"
    if options.theme == "dark":
        css += _static("embed-dark.css")
    elif options.theme == "auto":
        css += f"@media (prefers-color-scheme: dark) {{\n{_static('embed-dark.css')}}}\n"
    return css


def build_page(model: dict[str, Any], options: Options) -> tuple[Any, str]:
    """The page's pieces with the editor's choices applied, and the embed's id."""
    from chronology import render as r

    fid = frame_id(model, options)
    model = localise(model, options.locale)
    p = r.page(model, options.lanes)
    if options.title:
        p.heading = p.title = r.escape(options.title)
    if options.subtitle:
        p.subtitle = r.escape(options.subtitle)
    layout = p.figure["layout"]
    if options.height:
        layout["height"] = options.height
    start, end = _bounds(options)
    if start or end:
        shown = [
            (start or dt.date.fromisoformat(layout["xaxis"]["range"][0])).isoformat(),
            (end or dt.date.fromisoformat(layout["xaxis"]["range"][1])).isoformat(),
        ]
        layout["xaxis"]["range"] = shown
        p.config["range"] = list(shown)
        # zoom presets for the decades shown, not those of the whole chronology
        p.controls = r._controls(model, *(dt.date.fromisoformat(d) for d in shown))
    embed: dict[str, Any] = {"id": fid}
    if options.theme == "dark":
        for path, value in dark_changes(p.figure).items():
            _set_path(layout, path, value)
    elif options.theme == "auto":
        embed["dark"] = dark_changes(p.figure)
    p.config["embed"] = embed
    if options.locale != "en":
        p.config["plotly"]["locale"] = options.locale
        p.scripts_before += (
            f"<script>if (window.Plotly) {{ Plotly.register("
            f"{r._script_json(plotly_locale(options.locale))}); }}</script>\n"
        )
    p.after_plot = SELECTED_PANEL + event_list(model)
    if options.image:
        p.noscript = (
            f'<img class=noscript-image src="{r.escape(options.image)}" alt="Timeline of the'
            ' events (static image); the table below lists the same events and accounts.">'
            + p.noscript
        )
    return p, fid


def standalone_html(model: dict[str, Any], options: Options) -> str:
    """The full page; also the page an iframe shows (it then reports its height)."""
    from chronology import render as r

    p, _ = build_page(model, options)
    p.head_extra += f"<style>{_css(options)}</style>\n"
    p.scripts_after += (
        f"<script>{r._static('embed.js')}</script>\n"
        "<script>window.Chronology.mount({});</script>\n"
    )
    return r.page_html(p, options.plotlyjs)


def _fragment_plotly(plotlyjs: Literal["inline", "cdn", "directory"]) -> str:
    """plotly.js for a fragment: inlined once per host page, whatever the number of fragments.

    The bundle runs with a local ``module`` so its loader does not leave a stray global; it
    still defines ``window.Plotly``, which the next fragment then reuses.
    """
    from chronology.render import _plotly_tag

    if plotlyjs != "inline":
        return _plotly_tag(plotlyjs) + "\n"
    from plotly.offline import get_plotlyjs

    return (
        "<script>if (!window.Plotly) { (function (module) {\n"
        f"{get_plotlyjs()}\n}})({{ exports: {{}} }}); }}</script>\n"
    )


def fragment_html(model: dict[str, Any], options: Options) -> str:
    """One <div> with its style and scripts, to paste into a CMS page (no <html>/<head>).

    CSS is scoped under the fragment's id, every id inside is prefixed with it, and
    timeline.js runs against ``Chronology.scope(prefix)``, a view of the document in which the
    page's ids are this fragment's ids.
    """
    from chronology import render as r

    p, fid = build_page(model, options)
    prefix = fid + "-"
    css = scope_css(r._static("timeline.css") + "\n" + _css(options), f"#{fid}", prefix)
    quoted = json.dumps(prefix)
    scripts = (
        f"{_fragment_plotly(options.plotlyjs)}{namespace_ids(r.page_data(p), prefix)}"
        f"{p.scripts_before}<script>{r._static('embed.js')}</script>\n"
        f"<script>(function (document, Plotly) {{\n{r._static('timeline.js')}\n}})"
        f"(window.Chronology.scope({quoted}), window.Plotly);</script>\n"
    )
    # Ids are prefixed in our markup only, never inside scripts (plotly.js holds HTML strings).
    body = namespace_ids(r.page_body(p, _SLOT), prefix).replace(_SLOT, scripts)
    return (
        f'<div id="{fid}" class="chronology-embed">\n<style>{css}</style>\n'
        f"<noscript><style>#{prefix}{r.DIV_ID}{{display:none}}</style></noscript>\n{body}"
        f"<script>window.Chronology.mount({{ root: {json.dumps(fid)}, prefix: {quoted} }});"
        "</script>\n</div>\n"
    )


_SLOT = "<!--chronology-scripts-->"


def iframe_snippet(model: dict[str, Any], options: Options, src: str) -> str:
    """What an editor pastes: the iframe (titled for screen readers) and our resize script."""
    from chronology import render as r

    p, fid = build_page(model, options)
    label = f"{p.title}: interactive timeline of the events and each source's account"
    height = (options.height or 600) + 400
    return (
        f'<iframe src="{r.escape(src)}" id="{fid}" data-chronology data-chronology-sync'
        f' title="{p.title}" aria-label="{label}" loading="lazy" scrolling="no"'
        f' style="width:100%;border:0;height:{height}px"></iframe>\n'
        f"<script>{r._static('embed-resize.js')}</script>\n"
    )


def write(model: dict[str, Any], out: str | Path, options: Options) -> str | None:
    """Write the page or the fragment atomically; for ``iframe``, return the snippet."""
    from chronology.files import write_atomic
    from chronology.render import write_bundle

    out = Path(out)
    if options.plotlyjs == "directory":
        write_bundle(out.parent)
    if options.embed == "fragment":
        write_atomic(out, fragment_html(model, options))
        return None
    write_atomic(out, standalone_html(model, options))
    if options.embed == "iframe":
        return iframe_snippet(model, options, options.url or out.name)
    return None
