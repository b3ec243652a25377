"""Where the story sits in time: the first view's range, the zoom presets and the colours.

No Plotly here, only days and numbers. The rows of the plot are packed in the browser
(``static/timeline.js``), because they must be packed anew for the events in the window each
time the reader zooms, pans or filters, at the plot's real width in pixels.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from chronology.dates import clamp_shift
from chronology.html.model import ExportModel
from chronology.html.options import MONTHS as LOCALE_MONTHS

# Colours identify sources, nothing else (never stance, never approval). Every one has at
# least 3:1 contrast (WCAG 1.4.11) with the page and the lane bands of both themes; none is
# close to the colour reserved for conflicts. tests/test_render.py checks the ratios.
PALETTE = (
    "#3A7FC1",
    "#1E8A5E",
    "#B3478F",
    "#8A7A12",
    "#7A5CC7",
    "#0088AA",
    "#9A6A00",
    "#5D8C1E",
    "#6A6AD0",
    "#807070",
    "#B05A8A",
    "#2F8F6F",
    "#4477AA",
    "#A0623A",
)
CONFLICT_COLOUR = "#D55E00"  # Okabe-Ito vermillion: conflicts only
# The backgrounds marks are drawn on: page and lane bands, light then dark.
LIGHT_BACKGROUNDS = ("#FFFFFF", "#F3F3F3")
DARK_BACKGROUNDS = ("#16181C", "#1D2025")


def source_colours(model: ExportModel) -> dict[str, str]:
    """Colour per source in sources.yaml order."""
    return {s["id"]: PALETTE[i % len(PALETTE)] for i, s in enumerate(model["sources"])}


def luminance(colour: str) -> float:
    """Relative luminance of '#RRGGBB' (WCAG 2)."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def story_span(model: ExportModel) -> tuple[dt.date, dt.date]:
    """The first and last day any account names (open ends count by their known day)."""
    days = [
        _day(d)
        for ev in model["events"]
        for a in ev["accounts"]
        for d in (a["earliest"], a["latest"])
        if d is not None
    ]
    if not days:
        return dt.date(2000, 1, 1), dt.date(2000, 12, 31)
    return min(days), max(days)


def first_view(model: ExportModel) -> tuple[dt.date, dt.date]:
    """The first view: the story's span with a margin (more where an end is open, so "before
    1980" reads as running off the edge rather than as a short bar)."""
    lo, hi = story_span(model)
    days = max((hi - lo).days, 1)
    pad = dt.timedelta(days=max(2, round(days * 0.03)))
    room = dt.timedelta(days=max(4, round(days * 0.08)))
    accounts = [a for ev in model["events"] for a in ev["accounts"]]
    # clamp_shift: a story near year 1 or 9999 keeps its margin inside the calendar
    lo = clamp_shift(lo, -(room if any(a["open_start"] for a in accounts) else pad))
    hi = clamp_shift(hi, room if any(a["open_end"] for a in accounts) else pad)
    return lo, hi


@dataclass(frozen=True)
class Preset:
    """One zoom button: its words and the days it shows."""

    label: str
    start: dt.date
    end: dt.date


MONTHS = LOCALE_MONTHS["en"]  # the presets' labels: the page's words are English
MAX_PRESETS = 12


def _on(year: int, month: int = 1, day: int = 1) -> dt.date:
    """A day, held inside the calendar (years 1 to 9999) for stories at its edges."""
    if year < dt.MINYEAR:
        return dt.date.min
    if year > dt.MAXYEAR:
        return dt.date.max
    return dt.date(year, month, day)


def _periods(unit: str, lo: dt.date, hi: dt.date) -> list[Preset]:
    out: list[Preset] = []
    if unit in ("century", "decade", "5 years", "year"):
        size = {"century": 100, "decade": 10, "5 years": 5, "year": 1}[unit]
        for year in range(lo.year // size * size, hi.year + 1, size):
            label = {
                "century": f"{year}s",
                "decade": f"{year}s",
                "5 years": f"{year}–{year + 4}",
                "year": str(year),
            }[unit]
            out.append(Preset(label, _on(year), _on(year + size)))
        return out
    if unit in ("quarter", "month"):
        size = 3 if unit == "quarter" else 1
        month = (lo.month - 1) // size * size
        year = lo.year
        while _on(year, month + 1) <= hi and year <= dt.MAXYEAR:
            start = _on(year, month + 1)
            nxt = month + size
            end = _on(year + nxt // 12, nxt % 12 + 1)
            label = (
                f"{MONTHS[month]} {year}"
                if size == 1
                else f"{MONTHS[month][:3]}–{MONTHS[month + 2][:3]} {year}"
            )
            out.append(Preset(label, start, end))
            year, month = year + nxt // 12, nxt % 12
        return out
    size = 7 if unit == "week" else 1
    day = clamp_shift(lo, -dt.timedelta(days=lo.weekday())) if size == 7 else lo
    while day <= hi:
        words = f"{day.day} {MONTHS[day.month - 1][:3]}"
        following = clamp_shift(day, dt.timedelta(days=size))
        out.append(Preset(f"week of {words}" if size == 7 else words, day, following))
        if following == day:
            break  # the calendar's last day
        day = following
    return out


UNIT_DAYS = {
    "day": 1,
    "week": 7,
    "month": 28,
    "quarter": 89,
    "year": 365,
    "5 years": 1826,
    "decade": 3652,
    "century": 36524,
}
UNITS = ("day", "week", "month", "quarter", "year", "5 years", "decade", "century")


def presets(model: ExportModel) -> tuple[str, list[Preset]]:
    """Zoom presets fitted to the story: the finest unit that needs at most 12 buttons
    (decades for seventy years, years for a decade, days or weeks for a three-week story)."""
    lo, hi = story_span(model)
    for unit in UNITS:
        if (hi - lo).days / UNIT_DAYS[unit] > MAX_PRESETS + 1:
            continue  # too many buttons: no need to list them
        periods = _periods(unit, lo, hi)
        if len(periods) <= MAX_PRESETS:
            if len(periods) < 2:
                continue
            return unit, periods
    return "century", _periods("century", lo, hi)
