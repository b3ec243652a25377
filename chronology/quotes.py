"""Finding a curated quote in its source text, forgiving only typography.

Editors copy quotes from browsers and word processors, which change curly quotes to straight
ones, dashes to hyphens and line breaks to spaces. None of that changes what a source said, so
quotes are compared after *folding*: runs of whitespace become one space, curly and straight
quotes are the same, and all dash variants are a hyphen. Anything else (a changed word, a fixed
typo) is a different quote, and the checker says so and shows the closest passage.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import overload

from rapidfuzz import fuzz

_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)


class Origin(Sequence[int]):
    """For each character of a folded text, the offset in the original it came from.

    Folding only collapses whitespace runs, so the offset shifts by a constant between
    collapsed runs: stored as those few breakpoints instead of one integer per character,
    which for a long document cost more memory than the text itself.
    """

    def __init__(self, length: int, starts: list[int], shifts: list[int]) -> None:
        self._length = length
        self._starts = starts  # folded offsets where a new shift begins (ascending)
        self._shifts = shifts  # original offset minus folded offset from there on

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> int: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[int]: ...

    def __getitem__(self, index: int | slice) -> int | Sequence[int]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._length))]
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError(index)
        return index + self._shifts[bisect_right(self._starts, index) - 1]


@dataclass(frozen=True)
class Folded:
    """A folded text and, for each of its characters, the offset it came from."""

    text: str
    origin: Sequence[int]


_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=64)
def fold(text: str) -> Folded:
    """Fold typography (see module docstring), remembering original offsets."""
    translated = text.translate(_FOLD)
    pieces: list[str] = []
    starts, shifts = [0], [0]
    last = 0  # end of the previous whitespace run in the original
    length = 0  # folded characters so far
    for run in _SPACES.finditer(translated):
        start, end = run.span()
        if run.group() == " ":
            continue  # unchanged: no new piece needed
        pieces.append(translated[last:start])
        pieces.append(" ")
        length += start - last + 1
        last = end
        starts.append(length)
        shifts.append(end - length)
    pieces.append(translated[last:])
    return Folded("".join(pieces), Origin(length + len(translated) - last, starts, shifts))


def fold_text(text: str) -> str:
    """The folded text alone, trimmed (no offsets needed: the quick way)."""
    return " ".join(text.translate(_FOLD).split())


def find_all(quote: str, text: str) -> list[tuple[int, int]]:
    """Every place the folded quote occurs in the folded text, as original (start, end)."""
    folded = fold(text)
    needle = fold_text(quote)
    if not needle:
        return []
    hits = []
    at = folded.text.find(needle)
    while at >= 0:
        end = folded.origin[at + len(needle) - 1] + 1
        hits.append((folded.origin[at], end))
        at = folded.text.find(needle, at + 1)
    return hits


def locate(quote: str, text: str, prefix: str | None = None) -> tuple[int, int] | None:
    """Where the quote is in the text; with a prefix, the occurrence that follows the prefix.

    Returns None when the quote is not there (or no occurrence follows the prefix).
    """
    if prefix is None:  # the first occurrence: one search, not a list of every one
        folded = fold(text)
        needle = fold_text(quote)
        at = folded.text.find(needle) if needle else -1
        if at < 0:
            return None
        return folded.origin[at], folded.origin[at + len(needle) - 1] + 1
    hits = find_all(quote, text)
    if not hits:
        return None
    want = fold_text(prefix)
    for start, end in hits:
        before = fold_text(text[max(0, start - len(prefix) * 2 - 20) : start])
        if before.endswith(want):
            return start, end
    return None


def closest(quote: str, text: str) -> tuple[int, int, float] | None:
    """The passage of the text most like the quote: (start, end, similarity 0-100)."""
    folded = fold(text)
    needle = fold_text(quote)
    if not needle or not folded.text:
        return None
    match = fuzz.partial_ratio_alignment(needle, folded.text, score_cutoff=60)
    if match is None:
        return None
    start = folded.origin[match.dest_start]
    end = folded.origin[max(match.dest_end - 1, match.dest_start)] + 1
    while start > 0 and text[start - 1].isalnum():  # show whole words
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return start, end, match.score
