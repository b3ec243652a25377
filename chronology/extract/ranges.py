"""Pairs of mentions that are the two ends of one period ("between 2009 and 2013")."""

from __future__ import annotations

import re

from chronology.extract.anchors import Found
from chronology.extract.mention import date_value

_RANGE_JOIN = re.compile(r"\s*(?:-|–|—|to|until|till|through|thru|and|or)\s*", re.I)


_RANGE_OPEN = re.compile(r"\b(?:between|from)\s+(?:the\s+)?$", re.I)


def link_ranges(found: list[Found], text: str) -> dict[int, str]:
    """EDTF intervals for pairs such as ``between 2009 and 2013``, keyed by index in ``found``.

    TimeML annotates the two ends as two mentions; the interval is what users need to place the
    period on a timeline.
    """
    intervals: dict[int, str] = {}
    for i in range(len(found) - 1):
        a, b = found[i], found[i + 1]
        if a.type != "DATE" or b.type != "DATE":
            continue
        join = text[a.end : b.start]
        if not _RANGE_JOIN.fullmatch(join):
            continue
        dash = join.strip() in ("-", "–", "—")
        opened = bool(_RANGE_OPEN.search(text[max(0, a.start - 20) : a.start]))
        both = join.strip().lower() in ("and", "or")
        if not (dash or opened or both):
            continue
        first = date_value(a.value, a.mod)
        last = date_value(b.value, b.mod)
        if first is None or last is None or "/" in first.edtf or "/" in last.edtf:
            continue
        if both and not opened and first.precision != last.precision:
            continue  # "the 1970s and the summer of 1981" are two dates, not a period
        if first.latest >= last.earliest:
            continue
        interval = f"{first.edtf}/{last.edtf}"
        intervals[i] = intervals[i + 1] = interval
    return intervals
