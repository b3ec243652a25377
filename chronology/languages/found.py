"""What a language's rules find (the English rules' ``Found``), and turning it into the
``Mention`` every stage reads.

Every language produces the same result shape as the English rules (``chronology.extract``):
offsets into the text as read, the TIMEX3 value, the EDTF date with its bounds, the anchor a
relative expression was resolved against, and the sentence it dates.
"""

from __future__ import annotations

import functools

from chronology.dates import DateValue
from chronology.extract import Mention
from chronology.extract.anchors import Found
from chronology.languages import script

__all__ = ["Found", "date_of", "mentions", "without_overlaps"]


@functools.lru_cache(maxsize=4096)
def date_of(value: str, mod: str | None) -> DateValue | None:
    """The EDTF date of a TIMEX3 value, or of an EDTF interval (another calendar's month)."""
    date = DateValue.from_timex(value, mod)
    if date is None and "/" in value:
        return DateValue.parse(value)
    return date


def mentions(found: list[Found], text: str, doc: str, source: str | None) -> list[Mention]:
    """Mentions in text order, each with its sentence."""
    starts = script.sentence_starts(text) if found else [0]
    out = []
    for f in sorted(found, key=lambda f: (f.start, -f.end)):
        sentence, sentence_start = script.sentence(text, starts, f.start)
        if f.end > sentence_start + len(sentence):  # a date across a paragraph break
            sentence = text[sentence_start : f.end]
        date = date_of(f.value, f.mod) if f.type == "DATE" else None
        out.append(
            Mention.of(
                f,
                text,
                doc=doc,
                source=source,
                date=date,
                sentence=sentence,
                sentence_start=sentence_start,
            )
        )
    return out


def without_overlaps(found: list[Found]) -> list[Found]:
    """The longest expression wins where two overlap (earlier first on a tie)."""
    kept: list[Found] = []
    for f in sorted(found, key=lambda f: (-(f.end - f.start), f.start)):
        if all(f.end <= k.start or f.start >= k.end for k in kept):
            kept.append(f)
    return sorted(kept, key=lambda f: f.start)
