"""The words around a match that change its meaning and that TimeML includes in the span."""

from __future__ import annotations

import re

from chronology.extract.anchors import Found
from chronology.extract.vocabulary import APPROX_MOD, MOD_WORDS, PARTS

_MOD_PREFIX = re.compile(
    r"(?:(?P<the>\bthe\s+)?(?:very\s+)?"
    r"(?P<part>\b(?P<phrase>end|beginning|start|middle|dawn|close|turn|latter\s+(?:part|half)|"
    r"(?:first|last|final|closing|opening)\s+(?:months?|weeks?|days?|part|half)|"
    r"second\s+half)\s+of\s+(?:the\s+)?|"
    r"\b(?P<word>early|earlier|late|later|mid|middle)(?:\s*-\s*|\s+)(?:in\s+)?(?:the\s+)?)"
    r"|(?P<mid>\bmid-))$",
    re.I,
)


THE_PREFIX = re.compile(r"\b(?:the|The|THE)\s+$")


_YEAR_PREFIX = re.compile(r"\b(?:the\s+)?year\s+$", re.I)


_DURATION_PREFIX = re.compile(
    r"(?:(?P<the>\b(?:the|The)\s+(?:(?:past|last|next|first|coming|previous|following|final|"
    r"same|entire|whole|full|early|recent|recent\s+past)\s+)?)|"
    r"(?P<approx>\b(?:about|around|nearly|almost|approximately|roughly|some|over|"
    r"more\s+than|less\s+than|at\s+least|up\s+to|under)\s+))$",
    re.I,
)


_AROUND = re.compile(r"\b(?:around|circa|approximately|roughly|c\.|ca\.)\s*$", re.I)


_DAY_VALUE = re.compile(r"(?:BC)?\d{4}-\d\d-\d\d")


_PART_OF_DAY_PREFIX = re.compile(
    r"(?:\b(?P<mod>early|late)\s+(?:in\s+)?)?(?:\bthe\s+)?(?:(?P<mod2>early|late)\s+)?"
    r"\b(?P<part>morning|afternoon|evening|night)(?:\s+hours)?\s+of\s+$",
    re.I,
)


def extend(found: Found, text: str, floor: int) -> None:
    """Take in the modifier words before a mention (early, mid-, the end of, about, the)."""
    left = text[max(floor, found.start - 40) : found.start]
    if found.type == "DATE" and _DAY_VALUE.fullmatch(found.value):
        m = _PART_OF_DAY_PREFIX.search(left)
        if m:  # "the night of May 13", "early in the morning of 29 April 1975": a TIME
            found.start -= len(m.group())
            found.type = "TIME"
            found.value += f"T{PARTS[m.group('part').lower()]}"
            early = (m.group("mod") or m.group("mod2") or "").lower()
            found.mod = {"early": "START", "late": "END"}.get(early)
            return
    if found.type == "DURATION" or found.approx_ok:
        m = _DURATION_PREFIX.search(left)
        if m and (found.type == "DURATION" or m.group("approx")):
            found.start -= len(m.group())
            if m.group("approx"):
                found.mod = APPROX_MOD[re.sub(r"\s+", " ", m.group("approx").strip().lower())]
        return
    m = _AROUND.search(left)
    if m and found.type == "DATE" and re.fullmatch(r"(?:BC)?\d{3}[\dX]", found.value):
        # "around 2013", "circa 1960s"; not "around Wednesday's ruling" (a preposition)
        found.start -= len(m.group())
        found.mod = "APPROX"
        return
    if found.type == "TIME" and found.the_ok:  # "the next morning", "the morning of June 5"
        m = THE_PREFIX.search(left)
        found.start -= len(m.group()) if m else 0
        return
    if found.type != "DATE" or found.value.endswith("_REF"):
        return
    if found.mod_ok:
        m = _MOD_PREFIX.search(left)
        if m:
            found.start -= len(m.group())
            word = (m.group("phrase") or m.group("word") or "mid").lower().split()[0]
            phrase = (m.group("phrase") or "").lower()
            if "half" in phrase and re.fullmatch(r"\d{4}", found.value):
                found.value += "-H1" if word in ("first", "opening") else "-H2"
            else:
                found.mod = MOD_WORDS.get(word)  # None for "the turn of the century"
            left = text[max(floor, found.start - 40) : found.start]
    if found.the_ok or found.mod:
        m = THE_PREFIX.search(left)
        if m:
            found.start -= len(m.group())
            return
    if re.fullmatch(r"\d{4}", found.value):
        m = _YEAR_PREFIX.search(left)
        if m:
            found.start -= len(m.group())
