"""The sentence each mention dates, cut to a readable length."""

from __future__ import annotations

import bisect
import re

from chronology.extract.vocabulary import word_list

_ABBREVIATIONS = word_list(
    "mr mrs ms dr prof gen col lt sgt capt rev st sen rep gov pres jr sr inc corp co ltd vs "
    "no jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thurs fri sat "
    "sun u.s u.n u.k e.g i.e a.m p.m"
)


# A full stop after an abbreviation or an initial ("Mr.", "U.S.", "J.") ends no sentence. Each
# abbreviation is a fixed-width lookbehind, so the whole split runs inside the regex engine.
_NOT_ABBREVIATION = (
    "".join(rf"(?<!(?<![\w.])(?i:{re.escape(a)})\.)" for a in _ABBREVIATIONS)
    + r"(?<!(?<![\w.])\w\.)"
)


_SENTENCE_END = re.compile(
    rf"(?:\.{_NOT_ABBREVIATION}|[!?])[.!?]*[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z])|\n\s*"
)


def sentence_starts(text: str) -> list[int]:
    """Start offsets of the sentences (and paragraphs) of a text."""
    return [0, *(m.end() for m in _SENTENCE_END.finditer(text))]


def sentence_around(text: str, starts: list[int], at: int) -> tuple[str, int]:
    """The sentence holding offset ``at``, trimmed, and its start offset.

    A "sentence" longer than ``_LONGEST_SENTENCE`` (a file with no full stops or line breaks)
    is cut to that many characters around the mention, at spaces: every mention carries its
    sentence, and a megabyte each would exhaust memory.
    """
    i = bisect.bisect_right(starts, at) - 1
    begin = starts[i]
    end = starts[i + 1] if i + 1 < len(starts) else len(text)
    if end - begin > _LONGEST_SENTENCE:
        half = _LONGEST_SENTENCE // 2
        low, high = max(begin, at - half), min(end, at + half)
        space = text.find(" ", low, at)
        begin = space + 1 if low > begin and space >= 0 else low
        space = text.rfind(" ", at, high)
        end = space if high < end and space > at else high
    raw = text[begin:end]
    stripped = raw.strip()
    return stripped, begin + (len(raw) - len(raw.lstrip()))


_LONGEST_SENTENCE = 1000
