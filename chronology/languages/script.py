"""Writing systems: digits, letter variants and sentences, without ever changing the text.

Offsets must point into the text as it was read, whatever its script or direction: Python
string offsets are in logical (reading) order, so a Persian or Arabic mention's ``start``/``end``
are right as long as nothing is normalised before matching. So instead of folding the text
(which would shift offsets wherever a character is dropped), the *patterns* accept every
variant: Persian and Arabic-Indic digits, Arabic and Persian yeh and kaf, alef with or without
hamza, a zero-width non-joiner or a space between the parts of a name, and bidi marks.
"""

from __future__ import annotations

import bisect
import re

DIGIT = "[0-9\u0660-\u0669\u06f0-\u06f9]"
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# letters a text may spell either way -> the class that accepts all of them
_VARIANTS = {
    "ي": "[يیى]",
    "ی": "[يیى]",
    "ى": "[يیى]",
    "ك": "[كک]",
    "ک": "[كک]",
    "ا": "[اأإآ]",
    "أ": "[اأإآ]",
    "إ": "[اأإآ]",
    "آ": "[اأإآ]",
    "ة": "[ةه]",
    "ه": "[هة]",
    "ف": "[فڤ]",  # veh: "نوڤمبر", as Levantine and Maghrebi writing spell a foreign v
    "ڤ": "[فڤ]",
}
# one spelling of each variant letter, so that names sharing a prefix share it in a trie
_CANONICAL = {"ی": "ي", "ى": "ي", "ک": "ك", "أ": "ا", "إ": "ا", "آ": "ا", "ة": "ه", "ڤ": "ف"}
# tatweel, harakat, superscript alef, hamza above, bidi marks: may sit inside any word
_IGNORABLE = "[\u0640\u064b-\u0655\u0670\u200e\u200f]*"
_GAP = r"[\s\u200c\u200f\u200e]*"
BIDI_MARKS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def number(text: str) -> int:
    """The value of a run of digits in any of the scripts ``DIGIT`` accepts."""
    return int(text.translate(_DIGITS))


def word(name: str) -> str:
    """A regex matching ``name`` as texts spell it (letter variants, ZWNJ, diacritics).

    Latin names match case-insensitively through the caller's flags; a space or a zero-width
    non-joiner between parts may be either or none ("ربیع‌الاول", "ربيع الأول").
    """
    out = []
    for char in name:
        if char in " \u200c":
            out.append(_GAP)
        elif char in "ٔ":
            out.append("ٔ?")
        elif char in _VARIANTS:
            out.append(_VARIANTS[char] + _IGNORABLE)
        elif "\u0600" <= char <= "\u06ff":
            out.append(re.escape(char) + _IGNORABLE)
        elif char in "'’":
            out.append("['’]?")
        elif char == "-":
            out.append(r"[-\s]?")
        else:
            out.append(re.escape(char))
    return "".join(out)


def _piece(char: str) -> str:
    """The regex for one character of a name, as ``word`` spells it."""
    return word(char) if char != " " else _GAP


def trie(names: object, *, ignore_case: bool = True) -> str:
    """A regex matching ``names`` as ``word`` spells them, factored by prefix.

    Python's backtracking engine tries the alternatives of a plain alternation one by one at
    every position; factored by prefix, a position that starts no name fails at its first
    character, so a scan for a hundred names runs at the speed of a scan for one.
    """
    keys = {
        "".join(" " if c == "\u200c" else _canonical(c, ignore_case) for c in str(n))
        for n in names  # type: ignore[attr-defined]
    }
    return _trie(keys)


def first_characters(names: object, *, digits: bool = False, ignore_case: bool = True) -> str:
    """A lookahead for the characters ``names`` can start with (either case, every variant).

    Put before a trie, it lets the regex engine skip in C every position no name starts at:
    several times faster than letting the trie fail there.
    """
    chars: set[str] = set()
    for name in names:  # type: ignore[attr-defined]
        first = str(name)[:1]
        chars.update({first, first.lower(), first.upper()} if ignore_case else {first})
        variants = _VARIANTS.get(first)
        if variants:
            chars.update(variants.strip("[]"))
    body = "".join(sorted(re.escape(c) for c in chars if c))
    return f"(?=[{body}{DIGIT[1:-1] if digits else ''}])"


def _canonical(char: str, ignore_case: bool = True) -> str:
    low = char.lower() if ignore_case else char
    return _CANONICAL.get(low, low)


def _trie(keys: set[str]) -> str:
    children: dict[str, set[str]] = {}
    ends = False
    for key in keys:
        if key:
            children.setdefault(key[0], set()).add(key[1:])
        else:
            ends = True
    if not children:
        return ""
    alts = [_piece(ch) + _trie(rest) for ch, rest in sorted(children.items())]
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return f"(?:{body})?" if ends else body


def alternation(names: object) -> str:
    """An alternation of names as ``word`` spells them, longest first so the longest wins."""
    items = sorted({str(n) for n in names}, key=lambda n: (-len(n), n))  # type: ignore[attr-defined]
    return "|".join(word(n) for n in items)


# a full stop after a one- or two-digit number is an ordinal ("am 20. Juni"), not an end
_SENTENCE_END = re.compile(r"(?:[!?؟۔]|(?<!\b\d)(?<!\b\d\d)\.)+[\"'»”’)\]]*\s+|[\n\u2029]+\s*")
_LONGEST_SENTENCE = 1000


def sentence_starts(text: str) -> list[int]:
    """Start offsets of the sentences (and paragraphs) of a text in any of our scripts."""
    return [0, *(m.end() for m in _SENTENCE_END.finditer(text))]


def sentence(text: str, starts: list[int], at: int) -> tuple[str, int]:
    """The sentence holding offset ``at``, trimmed, and its start (cut to 1000 characters)."""
    i = bisect.bisect_right(starts, at) - 1
    begin = starts[i]
    end = starts[i + 1] if i + 1 < len(starts) else len(text)
    if end - begin > _LONGEST_SENTENCE:
        half = _LONGEST_SENTENCE // 2
        begin, end = max(begin, at - half), min(end, at + half)
    raw = text[begin:end]
    stripped = raw.strip()
    return stripped, begin + (len(raw) - len(raw.lstrip()))


_FOLD = str.maketrans(
    {"ی": "ي", "ى": "ي", "ک": "ك", "أ": "ا", "إ": "ا", "آ": "ا", "ة": "ه", "ڤ": "ف", "\u200c": " "}
)
# what ``word`` lets a text add or leave out: marks, spaces, apostrophes, hyphens, dots
_DROP = re.compile(r"[\u0640\u064b-\u0655\u0670\u200e\u200f\s'’.-]")


def fold(text: str) -> str:
    """A lookup key for a matched name: lower case, one spelling of each Arabic letter variant,
    without the marks, spaces, apostrophes and hyphens a spelling may add or leave out.

    Only ever applied to a copy of a matched name to look it up, never to the text itself.
    """
    return _DROP.sub("", text.lower().translate(_FOLD))
