"""Finding a curated quote in its source text, forgiving only typography.

Editors copy quotes from browsers and word processors, which change curly quotes to straight
ones, dashes to hyphens and line breaks to spaces. None of that changes what a source said, so
quotes are compared after *folding*: runs of whitespace become one space, curly and straight
quotes are the same, and all dash variants are a hyphen. Anything else (a changed word, a fixed
typo) is a different quote, and the checker says so and shows the closest passage.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

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


@dataclass(frozen=True)
class Folded:
    """A folded text and, for each of its characters, the offset it came from."""

    text: str
    origin: tuple[int, ...]


@lru_cache(maxsize=64)
def fold(text: str) -> Folded:
    """Fold typography (see module docstring), remembering original offsets."""
    out: list[str] = []
    origin: list[int] = []
    in_space = False
    for i, ch in enumerate(text.translate(_FOLD)):
        if ch.isspace():
            if in_space:
                continue
            in_space = True
            ch = " "
        else:
            in_space = False
        out.append(ch)
        origin.append(i)
    return Folded("".join(out), tuple(origin))


def fold_text(text: str) -> str:
    return fold(text).text.strip()


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
    hits = find_all(quote, text)
    if prefix is None or not hits:
        return hits[0] if hits else None
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
