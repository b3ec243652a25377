"""Find the temporal expressions in a text and normalise them to TIMEX3 values and EDTF dates.

A rule-based tagger in the HeidelTime/SUTime tradition, written to be fast and readable. The
package has one module per job:

- ``vocabulary``: every word list, spelled once, and the regex pieces derived from them;
- the rules, one ``Rule`` value each (name, pattern, start words, handler, examples,
  counterexamples), in modules by kind: ``calendar_dates``, ``years`` (and eras), ``periods``
  (seasons, quarters, halves), ``relative`` (and deictic), ``holidays``, ``durations`` (and
  sets), ``clock``;
- ``scanner``: one candidate finder over every rule's start words; at each candidate only the
  rules that can start there are tried, as one precompiled alternation, in ``ORDER``;
- ``context``: what the rules resolve against, written by the scan alone: the creation date,
  the time the story has reached, quotations and their speeches, the tense of a clause;
- ``anchors`` and ``resolve``: reference points and the arithmetic on them (astronomical years,
  so there is no year 0 between 1 BC and AD 1);
- ``extend``: the words around a match that TimeML includes (early, the end of, about);
- ``sentences``, ``ranges`` and ``mention``: what each mention carries out.

Relative expressions get a value from an anchor and name it: the creation date in news, the
time the story has reached in a narrative (``mode``), the date of the speech inside a quotation.
Ranges follow TimeML practice (``between 2009 and 2013`` is two mentions), and both ends carry
the whole period as an EDTF interval.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from chronology.dates import DateValue
from chronology.extract.anchors import Found, Ref
from chronology.extract.context import NEWS_DEICTIC, Context
from chronology.extract.holidays import HOLIDAYS
from chronology.extract.mention import Mention, date_value, era_edtf
from chronology.extract.ranges import link_ranges
from chronology.extract.scanner import scan
from chronology.extract.sentences import sentence_around, sentence_starts
from chronology.extract.vocabulary import (
    ERA_WORDS,
    ERAS,
    MOD_WORDS,
    MONTHS,
    NUMBER_WORDS,
    ORDINALS,
    RITES,
    SEASONS,
    UNITS,
    WEEKDAYS,
)

if TYPE_CHECKING:
    from chronology.model import Chronology

__all__ = [
    "ERAS",
    "ERA_WORDS",
    "HOLIDAYS",
    "MODES",
    "MOD_WORDS",
    "MONTHS",
    "NUMBER_WORDS",
    "ORDINALS",
    "RITES",
    "SEASONS",
    "UNITS",
    "WEEKDAYS",
    "Mention",
    "era_edtf",
    "extract_chronology",
    "extract_text",
    "reads_as_narrative",
]


def extract_text(
    text: str,
    dct: dt.date | DateValue | None = None,
    *,
    doc: str = "",
    source: str | None = None,
    mode: str = "auto",
) -> list[Mention]:
    """Every temporal expression in ``text``, in order, with offsets into ``text``.

    ``dct`` is the document creation time (publication date). ``mode`` says what dates without
    a year ("April 25") and relative ones ("last year", "two days later") count from:

    - ``news``: the creation date, read through the tense of the clause;
    - ``narrative``: the time the story has reached (the last date it stated as a step);
    - ``auto`` (the default): narrative when the text reads as history (``reads_as_narrative``),
      else news, with passages of a news text that tell history read as narrative.

    Each resolved mention's ``anchor`` names what it counted from ("publication 2019-03-07",
    "story date 1941-03 at 61", "speech dated 2018-01-09 at 22").
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    ref = Ref.of(dct, "publication")
    narrative = mode == "narrative" or (mode == "auto" and reads_as_narrative(text, ref.year))
    ctx = Context(text, ref, narrative, passages=mode == "auto")
    found = scan(ctx)
    return _mentions(found, text, doc, source)


MODES = ("auto", "news", "narrative")


# years and years BC, found fast: a pattern that starts with a literal or a small set of digits
# lets the regex engine skip ahead, so the character before a year is checked by a lookbehind
# at its end (none of $ # . , - or a letter)
_YEAR_FINDER = re.compile(r"(?:1[0-9]|20)\d\d(?<![\w$€£¥#.,\-]....)(?![\w%]|[.,]\d|-\d)")


_BC_FINDER = re.compile(r"B\.?C(?:\.?E)?\.?(?!\w)")


def reads_as_narrative(text: str, dct_year: int | None) -> bool:
    """Whether a text tells history (anchor: the story) rather than news (anchor: its date).

    Without a creation date there is nothing else to count from. With one, a text is narrative
    when it states many years, most of them two or more years from its date, and seldom counts
    from its own date ("yesterday", "on Monday", "last week"): news mentions the odd background
    year and speaks of its own days; history moves through its own years ("a page saved in 2009
    about 1945").
    """
    if dct_year is None:
        return True
    years = [int(m.group()) for m in _YEAR_FINDER.finditer(text)]
    far = sum(abs(year - dct_year) >= 2 for year in years)
    if far < _NARRATIVE_YEARS:  # a history told in years before the common era
        bc = sum(_after_number(text, m.start()) for m in _BC_FINDER.finditer(text))
        far += bc
        years += [0] * bc
    if far < _NARRATIVE_YEARS or far < _NARRATIVE_SHARE * len(years):
        return False
    return len(NEWS_DEICTIC.findall(text)) <= far * _NEWS_DEICTIC_PER_YEAR


def _after_number(text: str, at: int) -> bool:
    """Whether a number ends just before ``at`` ("490 BC", "490BC")."""
    return text[max(0, at - 2) : at].rstrip()[-1:].isdigit()


_NARRATIVE_YEARS = 2  # far years a narrative states at least


_NARRATIVE_SHARE = 0.6  # the share of its years that are far


_NEWS_DEICTIC_PER_YEAR = 0.1  # at most one word counting from the creation date per 10 years


def _mentions(found: list[Found], text: str, doc: str, source: str | None) -> list[Mention]:
    starts = sentence_starts(text) if found else [0]
    intervals = link_ranges(found, text)
    out = []
    for i, f in enumerate(found):
        sentence, sentence_start = sentence_around(text, starts, f.start)
        # "1943-07-XX" (a day of July 1943) is placed on a timeline as July 1943
        value = f.value.removesuffix("-XX")
        date = date_value(value, f.mod) if f.type in ("DATE", "TIME") else None
        out.append(
            Mention.of(
                f,
                text,
                doc=doc,
                source=source,
                date=date,
                sentence=sentence,
                sentence_start=sentence_start,
                interval=intervals.get(i),
            )
        )
    return out


def extract_chronology(chronology: Chronology, mode: str = "auto") -> list[Mention]:
    """Mentions in every seed document, each article dated by its own publication date.

    A compilation document holds several articles, each with a ``span``: each span is
    extracted on its own (so "last year" counts from that article's date) and its offsets are
    shifted back to offsets in the whole document. Each article is read in its source's
    ``mode``; a ``mode`` other than ``auto`` given here overrides them all. Each article is read
    in its source's ``language`` (``chronology.languages`` picks the rules).
    """
    from chronology.languages import extract as read  # the one dispatch point, by language

    out: list[Mention] = []
    for document in sorted(chronology.texts):
        text = chronology.texts[document]
        sources = [s for s in chronology.sources if s.document == document]
        spanned = sorted((s for s in sources if s.span is not None), key=lambda s: s.span or ())
        if not spanned:
            source = sources[0] if sources else None
            dct = source.published if source else None
            how = mode if mode != "auto" or source is None else source.mode
            out.extend(
                read(
                    text,
                    dct,
                    doc=document,
                    source=source.id if source else None,
                    language=source.language if source else None,
                    mode=how,
                )
            )
            continue
        for s in spanned:
            assert s.span is not None
            begin, end = s.span
            how = mode if mode != "auto" else s.mode
            piece = text[begin:end]
            mentions = read(
                piece, s.published, doc=document, source=s.id, language=s.language, mode=how
            )
            for mention in mentions:
                out.append(
                    replace(
                        mention,
                        start=mention.start + begin,
                        end=mention.end + begin,
                        sentence_start=mention.sentence_start + begin,
                    )
                )
    return out
