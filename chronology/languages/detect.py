"""Which language a text is in, when its source does not say (``language:`` is absent).

lingua-language-detector is used because it is accurate on short and mixed texts, ships its
models inside the wheel (nothing is fetched at run time) and is maintained. Its models load
lazily, once per process, in well under a second in low-accuracy mode, which is plenty for
articles: that mode reads trigrams only, and an article has thousands.

A text too short to tell, or one where no language clearly wins, gives None, and the caller
reads it as English: guessing a language from "on Monday" would do more harm than good.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lingua import LanguageDetector

MIN_LETTERS = 20
MIN_CONFIDENCE = 0.5


@functools.cache
def _detector() -> LanguageDetector:
    from lingua import LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()


def language_of(text: str) -> str | None:
    """The ISO 639-1 code of the language ``text`` is written in, or None if unclear."""
    sample = text[:4000]
    if sum(c.isalpha() for c in sample) < MIN_LETTERS:
        return None
    values = _detector().compute_language_confidence_values(sample)
    if not values or values[0].value < MIN_CONFIDENCE:
        return None
    return values[0].language.iso_code_639_1.name.lower()
