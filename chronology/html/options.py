"""The editor's choices about one timeline, and what they change in the words shown.

``Options`` is everything the ``render`` command can set; ``localise`` gives dates in words the
locale's month names (quotes and titles stay as the sources and the editor wrote them);
``frame_id`` names an embed so two on one page never collide and re-renders stay identical.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass
from typing import Any, Literal

from chronology.html.model import AnyModel, ExportModel, typed

Embed = Literal["standalone", "fragment", "iframe"]
Theme = Literal["light", "dark", "auto"]
Lanes = Literal["category", "source"]
PlotlyJS = Literal["inline", "cdn", "directory"]
ImageFormat = Literal["png", "svg", "pdf"]
ID_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,63}$")

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
    """Everything an editor can choose about one timeline; the CLI maps its options onto this."""

    embed: Embed = "standalone"
    title: str | None = None
    subtitle: str | None = None
    height: int | None = None  # the plot's greatest height in pixels (rows past it: marks only)
    theme: Theme = "light"
    locale: str = "en"
    start: str | None = None  # EDTF, e.g. 1979 or 1981-06: crop from its first day
    end: str | None = None  # EDTF: crop to its last day
    categories: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    only_conflicts: bool = False
    id: str | None = None
    url: str | None = None  # where the page will be published (iframe src)
    lanes: Lanes = "category"
    plotlyjs: PlotlyJS = "inline"
    image: str | None = None  # file name of a PNG shown when JavaScript is off


def _short_months(months: tuple[str, ...]) -> list[str]:
    """Three letters, or four when three would be ambiguous (French 'juin'/'juillet')."""
    three = [m[:3] for m in months]
    return [m[:4] if three.count(s) > 1 else s for m, s in zip(months, three, strict=True)]


_LABEL_KEYS = frozenset({"label", "published_label", "explanation"})


def localise(model: AnyModel, locale: str) -> ExportModel:
    """A copy of the model whose dates in words use the locale's month names.

    Only the derived wording changes (labels, conflict explanations); quotes, titles and
    notes are the sources' and the editor's own words and stay exactly as written.
    """
    if locale == "en":
        return typed(model)
    names = dict(zip(MONTHS["en"], MONTHS[locale], strict=True))

    def walk(value: Any, key: str = "") -> Any:
        if isinstance(value, dict):
            return {k: walk(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v, key) for v in value]
        if isinstance(value, str) and key in _LABEL_KEYS:
            return _ENGLISH_MONTH.sub(lambda m: names[m.group(1)], value)
        return value

    return typed(walk(model))


def plotly_locale(locale: str) -> dict[str, Any]:
    """A Plotly locale module that gives the date axis the locale's month names."""
    return {
        "moduleType": "locale",
        "name": locale,
        "dictionary": {},
        "format": {"months": list(MONTHS[locale]), "shortMonths": _short_months(MONTHS[locale])},
    }


def frame_id(model: AnyModel, options: Options) -> str:
    """The timeline's id: --id, or one derived from the input hash and the options.

    Deterministic (the same input and options give the same id, so re-renders are
    byte-identical) and distinct for different data or options, so two fragments of one
    chronology on one page (say, all events and only conflicts) get different ids.
    """
    if options.id:
        return options.id
    chosen = {k: v for k, v in asdict(options).items() if k not in ("embed", "url", "id")}
    seed = json.dumps(
        [typed(model)["inputs"].get("sha256", ""), chosen], sort_keys=True, default=str
    )
    return "chronology-" + hashlib.sha256(seed.encode("utf-8")).hexdigest()[:10]
