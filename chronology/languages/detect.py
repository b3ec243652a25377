"""Which language a text is in, when its source does not say (``language:`` is absent).

lingua-language-detector is used because it is accurate on short and mixed texts, ships its
models inside the wheel (nothing is fetched at run time) and is maintained. Its models load
lazily, once per process, in well under a second in low-accuracy mode, which is plenty for
articles: that mode reads trigrams only, and an article has thousands.

A text too short to tell, or one where no language clearly wins, gives None, and the caller
reads it as English: guessing a language from "on Monday" would do more harm than good.

Detection costs milliseconds a document, more than extracting from it: so prose whose words are
plainly English (one in twelve words, names left out, is "the", "and", "of", "which"... words no
other language writes that often) is taken as English without asking the detector. Anything
else is detected.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lingua import LanguageDetector

MIN_LETTERS = 20
MIN_CONFIDENCE = 0.5


@functools.cache
def _detector() -> LanguageDetector:
    from lingua import LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()


# frequent in English prose, rare in the other languages written in Latin script
ENGLISH_WORDS = frozenset(
    "the and of that with which from were been would this have has their there".split()  # noqa: SIM905
)
ENGLISH_SHARE = 1 / 12
_WORDS = re.compile(r"[^\W\d_]+")


def _plainly_english(sample: str) -> bool:
    """Whether one in twelve words is an English word of ``ENGLISH_WORDS``, names left out.

    A capitalised word that is not one of them (a name, or a sentence's first word) is evidence
    of no language, and wire copy is a third names ("Israeli Prime Minister Benjamin Netanyahu
    says..."): counted, they sent one English news story in a hundred to the detector, and its
    models' load (half a second) to every process extracting news. German capitalises its
    nouns, so leaving them out leaves its lower-case words, none of them English.
    """
    words = _WORDS.findall(sample)
    if len(words) < 30:
        return False
    english = sum(w.lower() in ENGLISH_WORDS for w in words)
    names = sum(not w.islower() and w.lower() not in ENGLISH_WORDS for w in words)
    return english >= 3 and english >= (len(words) - names) * ENGLISH_SHARE


def language_of(text: str) -> str | None:
    """The ISO 639-1 code of the language ``text`` is written in, or None if unclear."""
    sample = text[:1000]
    if sum(map(len, _WORDS.findall(sample))) < MIN_LETTERS:
        return None
    if _plainly_english(sample):
        return "en"
    values = _detector().compute_language_confidence_values(sample)
    if not values or values[0].value < MIN_CONFIDENCE:
        return None
    return values[0].language.iso_code_639_1.name.lower()
