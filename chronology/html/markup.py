"""The page's words as HTML: heading, disagreements, controls, key and the table.

Everything from YAML or a source is escaped here (``escape``); the browser never inserts HTML
(it sets ``textContent``). The table is the plot's twin for readers without JavaScript and
for screen readers: every event, every account, in words.
"""

from __future__ import annotations

import html
import re
from typing import Any

from chronology.export import date_words
from chronology.formats import plural
from chronology.html.geometry import Preset
from chronology.html.model import (
    ExportAccount,
    ExportModel,
    ExportSource,
    display_name,
    shown_languages,
    source_url,
)

AGREEMENT_WORDS = {
    "single": "one account",
    "same": "the accounts give the same date",
    "compatible": "the accounts are compatible (some more precise than others)",
    "overlapping": "the accounts' date ranges overlap",
    "possible-conflict": "sources may disagree",
    "conflict": "sources disagree",
}


def escape(value: Any) -> str:
    """Escape a value for HTML text and attributes."""
    return html.escape("" if value is None else str(value), quote=True)


def conflict_count_text(n: int) -> str:
    """The headline count, e.g. '13 events where sources disagree'."""
    return f"{plural(n, 'event')} where sources disagree"


def _swatch(category: Any) -> str:
    """A square of the colour chronology.yaml gives a category (a #rrggbb checked on load)."""
    colour = category.get("colour")
    if not isinstance(colour, str) or not re.fullmatch(r"#[0-9a-fA-F]{6}", colour):
        return ""
    return f'<span class=swatch style="background:{colour}" aria-hidden=true></span>'


def summary_line(model: ExportModel) -> str:
    """'241 events, 407 accounts from 13 sources, 1950 to 2020. 13 events where ...'."""
    s = model["summary"]
    if not s["events"]:  # a new project: say so rather than draw an empty plot silently
        return f"No events yet: {escape(model['inputs']['events'])} is empty."
    years = [
        d[:4]
        for ev in model["events"]
        for a in ev["accounts"]
        for d in (a["earliest"], a["latest"])
        if d
    ]
    span = f", {min(years)} to {max(years)}" if years else ""
    return (
        f"{plural(s['events'], 'event')}, {plural(s['accounts'], 'account')} from "
        f"{plural(s['sources'], 'source')}{span}. "
        f"<strong class=count>{conflict_count_text(s['events_in_conflict'])}</strong>."
    )


def _names(names: list[str]) -> str:
    return ", ".join(escape(n) for n in names)


def disagreements(model: ExportModel) -> str:
    """The compact list above the plot: every event where sources disagree, each side's date in
    words with its sources' names, and the gap. Each item selects its event (with JS); without
    JS it links to the event's row in the table."""
    from chronology.html.model import gap_words

    items = []
    for ev in model["events"]:
        if not ev["conflicts"]:
            continue
        # The firmest conflict stands for the event; the panel lists them all.
        ranked = sorted(ev["conflicts"], key=lambda c: c["strength"] != "conflict")
        c = ranked[0]
        sides = " <span class=vs>vs</span> ".join(
            f"<b>{escape(sup['label'])}</b> ({_names(sup['source_names'])})" for sup in c["support"]
        )
        what = f"{escape(c['figure'])}: " if c["figure"] else ""
        maybe = "" if c["strength"] == "conflict" else "possibly "
        gap = gap_words(c)
        more = len(ranked) - 1
        line = (
            f"{maybe}{what}{sides}"
            + (f" <span class=gap>{escape(gap)}</span>" if gap else "")
            + (f" <span class=more>(+{more} more)</span>" if more else "")
        )
        items.append(
            f'<li class=dis-item data-event-id="{escape(ev["id"])}">'
            f'<a class=dis-title href="#event-{escape(ev["id"])}">{escape(ev["title"])}</a>'
            f"<span class=dis-sides>{line}</span></li>"
        )
    count = model["summary"]["events_in_conflict"]
    if not items:
        return ""
    return (
        '<section class=disagreements aria-labelledby="dis-heading">'
        f'<h2 id="dis-heading">Where sources disagree <span class=n>({count})</span></h2>'
        f"<ol class=dis-list>{''.join(items)}</ol></section>"
    )


def _svg(body: str) -> str:
    return f'<svg width="34" height="14" viewBox="0 0 40 16" aria-hidden="true">{body}</svg>'


KEY_ITEMS = (
    ('<circle cx="20" cy="8" r="5" fill="currentColor"/>', "a day"),
    (
        '<path d="M4 8H36" stroke="currentColor" stroke-width="5"/>',
        "a month, year or longer: a bar over every day it can mean",
    ),
    (
        '<path d="M4 8H36" stroke="currentColor" stroke-width="3" stroke-dasharray="4 3"/>',
        "approximate or uncertain",
    ),
    (
        '<path d="M4 8H36" stroke="#D55E00" stroke-opacity=".35" stroke-width="12"/>',
        "sources disagree: a band over the disputed dates",
    ),
)
KEY = (
    '<ul class=key aria-label="How to read the timeline">'
    + "".join(f"<li>{_svg(svg)}{text}</li>" for svg, text in KEY_ITEMS)
    + "<li>colours tell sources apart and say nothing about them</li></ul>"
)


def controls(model: ExportModel, presets: list[Preset]) -> str:
    """Search, conflict filter, category filter and zoom presets (shown only with JS)."""
    used = {ev["category"] for ev in model["events"]}
    categories = "".join(
        f'<label><input type=checkbox name=category value="{escape(c["id"])}" checked> '
        f"{_swatch(c)}{escape(c.get('label') or c['id'])}</label>"
        for c in model["categories"]
        if c["id"] in used
    )
    zoom = "".join(
        f'<button type=button data-range="{p.start.isoformat()},{p.end.isoformat()}">'
        f"{escape(p.label)}</button>"
        for p in presets
    )
    return (
        '<form class=controls hidden role=search aria-label="Filter the timeline and the table">'
        "<p><label for=search>Search</label> "
        "<input type=search id=search autocomplete=off"
        ' placeholder="titles, quotes, translations, sources"></p>'
        "<p><label><input type=checkbox id=only-conflicts class=only-conflicts> Only where sources"
        " disagree</label></p>"
        f"<fieldset><legend>Categories</legend>{categories}</fieldset>"
        f'<div class=zoom role=group aria-label="Zoom the timeline">{zoom}'
        '<button type=button data-range="all">All</button></div>'
        "<p class=status role=status aria-live=polite></p></form>"
    )


def _source_cell(src: ExportSource, language: str | None) -> str:
    name = escape(display_name(src))
    url = source_url(src)
    linked = f'<a href="{escape(url)}" rel="noopener">{name}</a>' if url else name
    return (
        f"<td class=source><span class=outlet dir=auto>{linked}</span>"
        f"<br><cite dir=auto>{escape(src['title'])}</cite>"
        f"<br>published {escape(src['published_label'])}"
        + (f"<br>in {escape(language)}" if language else "")
        + "</td>"
    )


def quote_cell(account: ExportAccount, source: ExportSource | None) -> str:
    """The quote in the source's words, then its translation when it has one: each with
    ``dir="auto"``, so Persian and Arabic read right to left inside an English page, and the
    quote with the source's ``lang`` for screen readers and fonts."""
    lang = source["language"] if source else None
    lang_attr = f' lang="{escape(lang)}"' if lang else ""
    translation = (
        f"<p class=translation>Translation: <span dir=auto>"
        f"{escape(account['translation'])}</span></p>"
        if account["translation"]
        else ""
    )
    note = f"<p class=meta>Note: {escape(account['note'])}</p>" if account["note"] else ""
    return (
        f"<td class=quote><q dir=auto{lang_attr}>{escape(account['quote'])}</q>"
        f"{translation}{note}</td>"
    )


def table(model: ExportModel) -> str:
    """Every event and every account, usable without JavaScript.

    One ``<tbody>`` per event (its header cell spans the accounts' rows), so screen readers
    announce which event an account belongs to and the search can hide whole events.
    """
    sources = {s["id"]: s for s in model["sources"]}
    category_names = {c["id"]: c["label"] or c["id"] for c in model["categories"]}
    languages = shown_languages(model)
    summary = model["summary"]
    bodies = []
    for index, ev in enumerate(model["events"]):
        accounts = ev["accounts"]
        conflict = bool(ev["conflicts"])
        flag = ""
        if conflict:
            labels = "; ".join(dict.fromkeys(escape(c["label"]) for c in ev["conflicts"]))
            explanations = " ".join(escape(c["explanation"]) for c in ev["conflicts"])
            flag = f"<p class=flag><strong>Sources disagree: {labels}.</strong> {explanations}</p>"
        extra = "".join(
            f"<p class=meta>{label}: {escape(text)}</p>"
            for text, label in ((ev["summary"], "Summary"), (ev["note"], "Editor's note"))
            if text
        )
        head = (
            f'<th scope=rowgroup rowspan={len(accounts)} id="h-{escape(ev["id"])}">'
            f"{escape(ev['title'])}"
            f"<p class=meta>{escape(category_names.get(ev['category'], ev['category']))} · "
            f"{escape(AGREEMENT_WORDS.get(ev['agreement'], ev['agreement']))}</p>{flag}{extra}</th>"
        )
        rows = []
        for k, acc in enumerate(accounts):
            src = sources.get(acc["source"])
            figures = "".join(
                f"<br>{escape(name)}: {escape(fig['text'])}" for name, fig in acc["figures"].items()
            )
            rows.append(
                "<tr>"
                + (head if k == 0 else "")
                + f"<td class=date>{escape(date_words(acc))}{figures}</td>"
                + (
                    _source_cell(src, languages[src["id"]])
                    if src
                    else f"<td class=source>{escape(acc['source'])}</td>"
                )
                + quote_cell(acc, src)
                + f"<td class=cited>{escape(acc['cited'] or '')}</td>"
                + "</tr>"
            )
        bodies.append(
            f'<tbody data-event-id="{escape(ev["id"])}" data-event="{index}"'
            f' data-conflict="{int(conflict)}">' + "".join(rows) + "</tbody>"
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
        f'<table class=events-table><caption id="table-caption">{caption}</caption>'
        f"<thead><tr>{head}</tr></thead>{''.join(bodies)}</table></div>"
    )
