"""Extraction for every language: the one place that picks the rules a text is read with.

``extract`` is the dispatch point. English text goes to the English rules
(``chronology.extract``), plus the rule for Solar Hijri and Islamic dates transliterated in
English ("30 Khordad 1360", "1 Muharram 1400 AH"). Text in another language goes to the rules
built from dateparser's data for that language (``chronology.languages.locale``), which also
read dates of those calendars in their own script. When a text's language is not given, it is
detected (``chronology.languages.detect``).

All of them return the same ``Mention`` s, so reconcile, export and the page never need to know
which language a mention came from.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import TYPE_CHECKING

from chronology.dates import DateValue

if TYPE_CHECKING:
    from chronology.extract import Mention


@functools.cache
def _codes() -> frozenset[str]:
    from dateparser.data.languages_info import language_order

    return frozenset(code for code in language_order if len(code) == 2)


def is_known(code: str) -> bool:
    """Whether ``code`` is an ISO 639-1 language code dateparser has data for (120 of them)."""
    return code in _codes()


def language_of(text: str, stated: str | None = None) -> str:
    """The language a text is read in: as its source states it, else detected, else English.

    Extraction and the export both ask here, so the language a reader is shown is the one the
    dates were read in.
    """
    from chronology.languages import detect

    return stated or detect.language_of(text) or "en"


def extract(
    text: str,
    dct: dt.date | DateValue | None = None,
    *,
    doc: str = "",
    source: str | None = None,
    language: str | None = None,
    mode: str = "auto",
) -> list[Mention]:
    """Every temporal expression in ``text``, read with the rules of its language.

    ``language`` is an ISO 639-1 code; when it is None the language is detected from the text,
    and text whose language cannot be told is read as English. ``mode`` (news, narrative or
    auto) is the English rules' (``chronology.extract.extract_text``).
    """
    from chronology.languages import locale

    code = language_of(text, language)
    if code != "en" and locale.supports(code):
        return locale.extract(text, dct, code, doc=doc, source=source)
    return english(text, dct, doc=doc, source=source, mode=mode)


def english(
    text: str,
    dct: dt.date | DateValue | None = None,
    *,
    doc: str = "",
    source: str | None = None,
    mode: str = "auto",
) -> list[Mention]:
    """The English rules, with transliterated Solar Hijri and Islamic dates read first.

    "30 Khordad 1360" would otherwise give the Gregorian year 1360: the calendar date replaces
    any English mention it overlaps.
    """
    from chronology.extract import extract_text
    from chronology.languages import calendar_dates, found

    mentions = extract_text(text, dct, doc=doc, source=source, mode=mode)
    matches = calendar_dates.find(text)
    if not matches:
        return mentions
    dated = found.mentions(calendar_dates.found(matches), text, doc, source)
    kept = [m for m in mentions if all(m.end <= c.start or m.start >= c.end for c in dated)]
    return sorted([*kept, *dated], key=lambda m: (m.start, m.end))


__all__ = ["english", "extract", "is_known"]
