"""Find the temporal expressions in a text and normalise them to TIMEX3 values and EDTF dates.

A rule-based tagger in the HeidelTime/SUTime tradition, written to be fast and readable:

1. **Scan.** A candidate finder (one compiled regex: a digit, an apostrophe before a digit, or
   one of the words a date expression can start with, factored as a trie) jumps from candidate
   to candidate in C; at each one, only the small named patterns that can start with that word
   are tried (full dates, month + year, decades, seasons, quarters, years, relative phrases,
   durations, sets, clock times), as one precompiled alternation. Nothing runs per token in
   Python, so extraction handles millions of characters per second. dateparser is not needed:
   the patterns already know which part is the month, the day and the year.
2. **Extend.** Words around a candidate that change its meaning are absorbed by small anchored
   patterns on the neighbouring text: ``early``/``mid-``/``the end of`` before it (TIMEX3
   ``mod``), ``the`` where TimeML includes it, ``ago``/``later`` after a duration.
3. **Guard.** Numbers that only look like years are rejected from their context: a quantity
   word after them (``7000 people``, ``1000 of his militants``), a currency sign, thousands
   separators (``12,000 euros``), ``the age of 71``.
4. **Resolve.** Relative expressions get a value from an anchor: deictic ones (``last year``,
   ``two days ago``, ``on Monday``) from the document creation time (``dct``, the publication
   date); anaphoric ones (``the following year``, ``two days later``, ``that same year``) from
   the previous explicit date in the text. Every resolved mention names its anchor, so an editor
   can check it.

Ranges follow TimeML practice, as the TempEval-3 gold annotates them: ``between 2009 and 2013``
and ``1980-1988`` are two DATE mentions (``2009``, ``2013``). So that users still get the period,
both mentions carry the whole range as an EDTF interval in ``interval`` (``2009/2013``).
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from chronology.dates import OPEN_END, OPEN_START, DateValue

if TYPE_CHECKING:
    from chronology.model import Chronology


@dataclass(frozen=True)
class Mention:
    """One temporal expression found in a document, normalised."""

    doc: str  # document file name, or the input id in pipeline mode
    source: str | None  # source id whose span holds the mention (None when unknown)
    start: int  # Python str offsets into the document text as read (UTF-8)
    end: int
    text: str
    type: str  # "DATE" | "TIME" | "DURATION" | "SET"
    value: str  # TIMEX3 value: 1981-06-28, 1981-06, 1965, 196X, P3D, PAST_REF, XXXX-11 ...
    mod: str | None  # TIMEX3 mod: START, MID, END, APPROX, BEFORE, AFTER, ...
    date: DateValue | None  # calendar DATE/TIME values: EDTF, earliest/latest day
    anchor: str | None  # what a relative mention was resolved against
    sentence: str  # the sentence it dates
    sentence_start: int
    interval: str | None = None  # EDTF interval of the range this mention is an end of

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with a fixed key order (outputs must be byte-identical)."""
        out: dict[str, Any] = {
            "doc": self.doc,
            "source": self.source,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "type": self.type,
            "value": self.value,
        }
        if self.mod:
            out["mod"] = self.mod
        out["edtf"] = self.date.edtf if self.date else None
        out["earliest"] = _iso(self.date.earliest) if self.date else None
        out["latest"] = _iso(self.date.latest) if self.date else None
        if self.interval:
            out["interval"] = self.interval
        out["anchor"] = self.anchor
        out["sentence"] = self.sentence
        return out


def _iso(day: dt.date) -> str | None:
    return None if day in (OPEN_START, OPEN_END) else day.isoformat()


# --- vocabulary ---------------------------------------------------------------------------

MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = {
    name: i
    for i, name in enumerate(
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    )
}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
_UNITS = {
    "second": "TS",
    "minute": "TM",
    "hour": "TH",
    "day": "D",
    "night": "D",
    "week": "W",
    "weekend": "WE",
    "fortnight": "2W",
    "month": "M",
    "quarter": "Q",
    "year": "Y",
    "decade": "DE",
    "century": "CE",
    "centurie": "CE",
}


def _words(text: str) -> list[str]:
    """Split a space-separated word list (keeps long vocabularies readable)."""
    return text.split()


_SMALL = _words(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
)
_TENS = _words("twenty thirty forty fifty sixty seventy eighty ninety")
NUMBER_WORDS: dict[str, int] = {w: i for i, w in enumerate(_SMALL)}
NUMBER_WORDS.update({w: 20 + 10 * i for i, w in enumerate(_TENS)})
NUMBER_WORDS.update({"a": 1, "an": 1, "a couple of": 2, "couple of": 2, "dozen": 12})
NUMBER_WORDS.update({"a dozen": 12, "half a dozen": 6, "hundred": 100, "a hundred": 100})
_VAGUE = {"a few", "few", "several", "some", "many", "a couple", "couple"}
ORDINALS = {
    w: i
    for i, w in enumerate(
        _words(
            "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
            "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth "
            "twentieth twenty-first"
        ),
        start=1,
    )
}
_DECADE_WORDS = {
    w: i
    for i, w in enumerate(
        _words("twenties thirties forties fifties sixties seventies eighties nineties"), start=2
    )
}
# The first word of a part-of-period phrase -> TIMEX3 mod ("the end of 1981" -> END)
MOD_WORDS = {
    "early": "START",
    "earlier": "START",
    "beginning": "START",
    "start": "START",
    "dawn": "START",
    "first": "START",
    "opening": "START",
    "second": "END",
    "final": "END",
    "closing": "END",
    "mid": "MID",
    "middle": "MID",
    "late": "END",
    "later": "END",
    "end": "END",
    "close": "END",
    "last": "END",
    "latter": "END",
}


def _alt(words: Iterable[object]) -> str:
    """A regex alternation of words, longest first so the longest one wins."""
    items = sorted({str(w) for w in words}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)


_MONTH_FULL = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
_MONTH_ABBR = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
# A month name must be capitalised ("may", "march" are verbs); abbreviations need their dot
# unless a day number follows ("Sept 30").
_MONTH_CAPS = _MONTH_FULL.upper().replace("MAY|", "")
MONTH = rf"(?-i:{_MONTH_FULL}|(?:{_MONTH_ABBR})\.|{_MONTH_CAPS})"
MONTH_D = rf"(?-i:{_MONTH_FULL}|(?:{_MONTH_ABBR})\.?|{_MONTH_CAPS}|MAY)"
WEEKDAY = r"(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
SEASON = _alt(SEASONS)
YEAR_CORE = r"(?:1[0-9]|20)\d\d(?![\w%]|[.,]\d|-\d)"
YEAR = rf"(?<![\w$€£¥#.,\-]){YEAR_CORE}"
YEAR_IN_RANGE = r"(?<![\w$€£¥#.,\-])(?:1[0-9]|20)\d\d(?![\w%]|[.,]\d)"
_ONES_RX = "one|two|three|four|five|six|seven|eight|nine"
_TEENS_RX = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
# years read out, as in broadcast transcripts: "nineteen ninety-six", "two thousand and one"
SPELLED_YEAR = (
    rf"(?:(?:nineteen|eighteen|twenty)[-\s]+(?:(?:twenty|thirty|forty|fifty|sixty|seventy|"
    rf"eighty|ninety)(?:[-\s]+(?:{_ONES_RX}))?|{_TEENS_RX}|oh[-\s]+(?:{_ONES_RX}))|"
    rf"two\s+thousand(?:\s+and)?(?:[-\s]+(?:{_TEENS_RX}|{_ONES_RX}))?)(?!\w)"
)
_DAY_WORDS = (
    "thirty-first|thirtieth|twenty-ninth|twenty-eighth|twenty-seventh|twenty-sixth|twenty-fifth|"
    "twenty-fourth|twenty-third|twenty-second|twenty-first|twentieth|nineteenth|eighteenth|"
    "seventeenth|sixteenth|fifteenth|fourteenth|thirteenth|twelfth|eleventh|tenth|ninth|"
    "eighth|seventh|sixth|fifth|fourth|third|second|first"
)
DAY = rf"(?:(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\w|:\d)|(?:{_DAY_WORDS})(?!\w))"
NUM = (
    rf"(?:\d{{1,3}}(?:\.\d+)?|{_alt(list(NUMBER_WORDS) + list(_VAGUE))}|"
    rf"(?:{_alt(_TENS)})[-\s](?:{_alt(_SMALL[1:10])}))"
)
UNIT = (
    r"(?:second|minute|hour|day|night|week|weekend|fortnight|month|quarter|year|decade|"
    r"centur(?:y|ie))"
)


# --- anchors ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Ref:
    """A point in time to resolve against, known to the year, month or day (or not at all).

    A publication date may be stated as ``2019-02/2019-03``: only the fields its earliest and
    latest days share are known (here the year), so nothing finer is ever invented from it.
    """

    year: int | None = None
    month: int | None = None
    day: int | None = None
    label: str = ""
    quarter: int | None = None  # stated as a quarter ("the third quarter"): shifts stay quarters
    latest_month: int | None = None  # last month it may be (published "2019-02/2019-03": 3)
    stated: bool = True  # the year was written out (not inferred, as for a bare "Dec. 7")

    @classmethod
    def of(cls, value: dt.date | DateValue | None, label: str) -> _Ref:
        if value is None:
            return cls()
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day, f"{label} {value.isoformat()}")
        lo, hi = value.earliest, value.latest
        if lo in (OPEN_START, OPEN_END) or hi in (OPEN_START, OPEN_END) or lo.year != hi.year:
            return cls()
        if lo.month != hi.month:
            return cls(lo.year, label=f"{label} {value.edtf}", latest_month=hi.month)
        if lo.day != hi.day:
            return cls(lo.year, lo.month, label=f"{label} {value.edtf}")
        return cls(lo.year, lo.month, lo.day, f"{label} {value.edtf}")

    @property
    def date(self) -> dt.date | None:
        if self.year and self.month and self.day:
            return dt.date(self.year, self.month, self.day)
        return None

    def truncated(self) -> str:
        """The known part as a TIMEX3 value (used when a finer shift cannot be computed)."""
        if self.year is None:
            return "XXXX"
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


def _shift(ref: _Ref, unit: str, n: int) -> str:
    """The TIMEX3 value of the ``unit`` that is ``n`` units from ``ref`` (0 = the current one)."""
    if ref.year is None:
        return {"Y": "XXXX", "M": "XXXX-XX", "D": "XXXX-XX-XX"}.get(unit, "XXXX")
    y = ref.year
    if ref.quarter is not None and unit in ("Y", "Q"):
        index = y * 4 + ref.quarter - 1 + (4 * n if unit == "Y" else n)
        return f"{index // 4:04d}-Q{index % 4 + 1}"
    if unit == "Y":
        return f"{y + n:04d}"
    if unit == "DE":
        return f"{y // 10 + n:03d}X"
    if unit == "CE":
        return f"{y // 100 + n:02d}"
    if unit in ("M", "Q", "H"):
        if ref.month is None:
            return f"{y:04d}" if n == 0 else ref.truncated()
        index = y * 12 + ref.month - 1 + n * {"M": 1, "Q": 3, "H": 6}[unit]
        year, month = divmod(index, 12)
        if unit == "M":
            return f"{year:04d}-{month + 1:02d}"
        if unit == "Q":
            return f"{year:04d}-Q{month // 3 + 1}"
        return f"{year:04d}-H{month // 6 + 1}"
    day = ref.date
    if day is None:
        return ref.truncated()
    if unit in ("W", "WE"):
        iso = (day + dt.timedelta(weeks=n)).isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}" + ("-WE" if unit == "WE" else "")
    if unit == "D":
        return (day + dt.timedelta(days=n)).isoformat()
    return ref.truncated()


@dataclass
class _Found:
    """A mention before sentences and documents are attached."""

    start: int
    end: int
    type: str
    value: str
    mod: str | None = None
    anchor: str | None = None
    explicit: _Ref | None = None  # a date stated in full: later anaphora resolve against it
    the_ok: bool = False  # TimeML includes a preceding "the" ("the 1990s", "the third quarter")
    mod_ok: bool = True  # may take early/mid/late before it
    approx_ok: bool = False  # may take about/nearly before it ("nearly two weeks ago")


class _Context:
    """What the rules need to know while scanning one text: the text and its anchors."""

    def __init__(self, text: str, dct: _Ref) -> None:
        self.text = text
        self.dct = dct
        self.previous: _Ref | None = None
        self.previous_at = -1
        self.quarter: _Ref | None = None  # the last quarter stated: financial reports' period
        self.at = 0  # where the mention being resolved starts
        self.year_said: tuple[int, _Ref] | None = None  # "last year" and where it ends
        self.months_said: dict[int, tuple[int, int]] = {}  # bare month -> (where, which year)
        self.stated: list[tuple[int, _Ref]] = []  # dates written out so far, with positions
        self._quote_scan = 0  # how far open_quote has read
        self._quote_stack: list[tuple[str, int]] = []  # quotation marks open there
        self._speeches: dict[int, _Ref | None] = {}  # quotation opening -> its speech's date

    def deictic(self) -> _Ref:
        """``last year``, ``two days ago``: counted from the publication date when known.

        Inside a quotation introduced by a dated speech ("said on January 9, 2018, 'It does not
        date from today'") they count from the day of the speech, not of the article.
        """
        speech = self.speech()
        if speech is not None:
            return speech
        if self.dct.year is not None or self.previous is None:
            return self.dct
        return self.previous

    def speech(self) -> _Ref | None:
        """The date of the speech whose quotation holds the current mention, if one is stated."""
        if not self.stated:
            return None
        opening = self.open_quote()
        if opening is None:
            return None
        if opening not in self._speeches:  # every mention in one quotation shares the answer
            self._speeches[opening] = self._speech_before(opening)
        return self._speeches[opening]

    def _speech_before(self, opening: int) -> _Ref | None:
        lead = self.text[max(0, opening - 200) : opening]
        cut = max((m.end() for m in _BREAK.finditer(lead)), default=0)
        start = opening - len(lead) + cut
        if not _SPEECH.search(self.text, start, opening):
            return None
        for at, ref in reversed(self.stated):
            if at < start:
                return None
            if at < opening and ref.month is not None and ref.stated:
                return replace(ref, label=f"speech dated {ref.truncated()} at {at}")
        return None

    def open_quote(self) -> int | None:
        """Where the innermost quotation open at the current mention begins: “…”, ‘…’,
        ``…'' or "…", read once through the text as mentions come, and closed at a paragraph
        end."""
        text, stack = self.text, self._quote_stack
        begin = self._quote_scan
        paragraph = text.rfind("\n", begin, self.at)
        if paragraph >= 0:  # only the current paragraph matters
            stack.clear()
            begin = paragraph + 1
        for m in _QUOTE_MARK.finditer(text, begin, self.at):
            mark, i = m.group(), m.start()
            before = text[i - 1 : i].isalnum()
            after = text[m.end() : m.end() + 1].isalnum()
            if mark in ("“", "``") or (mark == "‘" and not before):
                stack.append((mark, i))
            elif mark == '"':
                if stack and stack[-1][0] == '"':
                    stack.pop()
                elif after and not before:
                    stack.append((mark, i))
            elif mark in _PAIRS and not (mark == "’" and after):  # not "Khamenei’s"
                for k in range(len(stack) - 1, -1, -1):
                    if stack[k][0] == _PAIRS[mark]:
                        del stack[k:]
                        break
        self._quote_scan = max(self._quote_scan, self.at)
        return stack[-1][1] if stack else None

    def anaphoric(self) -> _Ref:
        """``the following year``, ``two days later``: counted from the previous date stated."""
        if self.previous is not None:
            return self.previous
        return self.dct

    def year_for(self, start: int) -> _Ref:
        """The anchor giving a year to ``June 28`` or ``in April``.

        In the sentence of a stated year ("In 1981, on June 28 and July 2") it is that year;
        otherwise it is the publication year, as news uses "Dec. 7" or "in April". (Taking the
        last stated year from earlier sentences is wrong more often than right in news, where
        background years such as "since 1980" precede "In September, it announced".)
        """
        if self.year_said is not None and 0 <= start - self.year_said[0] <= 24:
            return self.year_said[1]  # "this year through August", "last year in May"
        previous = self.previous
        if (
            previous is not None
            and previous.year is not None
            and previous.stated
            and (self.dct.year is None or not _BREAK.search(self.text, self.previous_at, start))
            # "which applied in July 1997, will join on March 12": the future is not a past year
            and not (
                self.dct.year is not None and previous.year < self.dct.year and self.future(start)
            )
        ):
            return previous
        return self.dct

    def future(self, start: int, end: int | None = None) -> bool:
        """Whether the clause around ``start`` speaks of the future (for weekdays, months)."""
        return self.tense(start, end) > 0

    def tense(self, start: int, end: int | None = None) -> int:
        """+1 if the clause of a mention speaks of the future, -1 of the past, 0 if unsure.

        News leaves the year of "in April" and the week of "Tuesday" to the verb: "will meet
        Tuesday" is next Tuesday, "met Tuesday" the last one. Without a part-of-speech tagger
        we read the cues a reader uses: a past verb or a past perfect just before ("said
        Tuesday", "had been due to expire Friday") wins; then a deadline word ("until
        Tuesday") or a future cue in the clause before the mention; then one in the words
        after it, up to the first past verb ("On Tuesday, the league plans to ...").
        """
        text = self.text
        left = text[max(0, start - 80) : start]
        cut = max((m.end() for m in _CLAUSE_END.finditer(left)), default=0)
        left = left[cut:]
        if _PAST_VERB.search(left[-20:]) or _PERFECT.search(left[-40:]):
            return -1
        if end is not None and _OPENING.fullmatch(left):
            # the verb comes after: "On Tuesday, the league plans to", "By Monday, officials
            # hardened", "Up until Thursday, they had described him"
            right = text[end : end + 80]
            stop = _CLAUSE_END.search(right, 1)
            cue = _RIGHT_CUE.search(right[: stop.start()] if stop else right)
            if cue is not None:
                return 1 if cue.group("future") else -1
        if _DEADLINE.search(left[-16:]) or _FUTURE.search(left):
            return 1
        return 0


# past verbs, regular and the common irregular ones (no part-of-speech tagger here)
_PAST_WORDS = (
    r"[a-z]{3,}ed|was|were|had|did|said|told|bought|sold|paid|made|took|gave|won|lost|began|"
    r"left|met|came|went|held|saw|spoke|wrote|sent|fell|rose|got|brought|built|led|found|became"
)
# a past verb, not a participle after "be" ("will be paid Dec. 14", "to be held")
_PAST = rf"(?<!\bbe\s)(?<!\bbeen\s)(?<!\bbeing\s)(?<!\bto\s)\b(?:{_PAST_WORDS})\b"
# a past verb earlier in the clause, then "in" just before the month
_IN_PAST = re.compile(rf"{_PAST}[^.;:!?\n\"“”]*\bin\s+$")
_OPENING = re.compile(
    r"\W*(?:(?:and|but|then|so|yet|on|by|until|till|up|not|late|early|as|of|from)\W+)*", re.I
)


_QUOTE_MARK = re.compile(r"[“”\"‘’]|``|''")
_PAIRS = {"”": "“", "''": "``", "’": "‘"}
_SPEECH = re.compile(
    r"\b(?:said|says|say|stated|states|announced|announces|told|tells|declared|declares|wrote|"
    r"writes|added|adds|warned|warns|explained|claimed|claims|according\s+to)\b",
    re.I,
)


# a clause ends at ; or a newline, or at a full stop that is not an initial or a title
# ("will succeed Daniel P. Davison Feb. 1", "Mr. Smith will")
_CLAUSE_END = re.compile(
    r"[;\n\"“”]|``|''|(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bJr)(?<!\bMrs)(?<!\bCo)"
    r"(?<!\bInc)(?<!\bCorp)(?<!\bLtd)\."
)
_BREAK = re.compile(r"[.!?][\"'”’)]*\s+[\"'“‘(]?[A-Z]|\n")


_DEADLINE = re.compile(
    r"(?<!\bnot\s)(?<!\bup\s)\b(?:effective|payable|by|through|until|till|due|expires?|"
    r"starting|beginning)\s+$",
    re.I,
)
_FUTURE = re.compile(
    r"\b(?:will|'ll|’ll|shall|going\s+to|plans?\s+to|planning\s+to|planned\s+to|scheduled|due\s+to|"
    r"expect(?:s|ed)?\s+to|hopes?\s+to|aims?\s+to|is\s+to|are\s+to|set\s+to|intends?\s+to|"
    r"next(?!\s+to\b)|upcoming|would|"
    r"as\s+(?:soon|early)\s+as)\b",
    re.I,
)
# "had been due to expire Friday", "had purchased 481,000 shares through Sept. 29"
_PERFECT = re.compile(r"\bhad\s+(?:been\s+|already\s+|not\s+)?[a-z]+(?:ed|en|un|wn|ought)\b", re.I)
# the first verb cue after a mention: "On Tuesday, the league plans to", "Tuesday was"
_RIGHT_CUE = re.compile(rf"(?P<future>{_FUTURE.pattern})|{_PAST}", re.I)

Handler = Callable[[dict[str, str | None], _Context, int, int], "list[_Found] | _Found | None"]


def _number(word: str) -> int | None:
    """The integer a number word or numeral stands for; None for vague ones (several, few)."""
    w = re.sub(r"\s+", " ", word.lower()).strip()
    if w in _VAGUE:
        return None
    if w in NUMBER_WORDS:
        return NUMBER_WORDS[w]
    if re.fullmatch(r"\d+", w):
        return int(w)
    if re.fullmatch(r"\d+\.\d+", w):
        return None
    parts = re.split(r"[-\s]", w)
    if len(parts) == 2 and parts[0] in NUMBER_WORDS and parts[1] in NUMBER_WORDS:
        return NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]]
    return None


def _unit(word: str) -> str:
    return _UNITS[word.lower().rstrip("s")] if word.lower() != "centuries" else "CE"


def _year2(yy: int, ref: _Ref) -> int:
    """A two-digit year in the century that does not put it far in the future ('67 -> 1967).

    Without a publication date the pivot is fixed (not today's date) so output never changes.
    """
    now = ref.year or 2020
    year = now // 100 * 100 + yy
    return year - 100 if year > now + 10 else year


def _explicit(y: int, m: int | None, d: int | None, at: int) -> _Ref:
    if m is None:
        label = f"{y:04d}"
    elif d is None:
        label = f"{y:04d}-{m:02d}"
    else:
        label = f"{y:04d}-{m:02d}-{d:02d}"
    return _Ref(y, m, d, f"previous date {label} at {at}")


def _valid_day(y: int | None, m: int, d: int) -> bool:
    return 1 <= d <= calendar.monthrange(y or 2000, m)[1]


# --- handlers: one per pattern, turning a regex match into mentions ------------------------


_DAY_NUMBERS = {w: i for i, w in enumerate(reversed(_DAY_WORDS.split("|")), start=1)}


def _digits(text: str) -> int:
    """The number of a day or ordinal: ``28``, ``28th``, ``twenty-eighth``."""
    m = re.match(r"\d+", text)
    return int(m.group()) if m else _DAY_NUMBERS[text.lower()]


def _year_of(text: str, ctx: _Context) -> int:
    """The year of ``1981``, ``'81``, ``81`` or ``nineteen eighty-one``."""
    digits = re.sub(r"\D", "", text)
    if not digits:
        return _spelled_year(text)
    return int(digits) if len(digits) == 4 else _year2(int(digits), ctx.dct)


def _spelled_year(text: str) -> int:
    """``nineteen ninety-six`` -> 1996, ``two thousand and one`` -> 2001 (SPELLED_YEAR only)."""
    words = [w for w in re.split(r"[-\s]+", text.lower()) if w not in ("and", "oh")]
    if words[:2] == ["two", "thousand"]:
        return 2000 + sum(NUMBER_WORDS[w] for w in words[2:])
    return NUMBER_WORDS[words[0]] * 100 + sum(NUMBER_WORDS[w] for w in words[1:])


def _month_year(
    month: int, start: int, ctx: _Context, day: int | None = None, end: int | None = None
) -> tuple[str, str]:
    """Value and anchor of a month (and day) stated without a year.

    Against the publication date the clause's tense picks the year: "will close in January"
    in a November article is next January, "changed ... in December" last December.
    """
    ref = ctx.year_for(start)
    if ref.year is None:
        value = f"XXXX-{month:02d}"
        return (value if day is None else f"{value}-{day:02d}"), ""
    year = ref.year
    now = ref.month or ref.latest_month
    said = ctx.months_said.get(month)
    if ref is ctx.dct and now is not None:
        # news usage: "Dec. 15" in a January article is last December, unless future
        tense = ctx.tense(start, end)
        past = _IN_PAST.search(ctx.text, max(0, start - 80), start)
        if said is not None and tense == 0 and not past and start - said[0] < 1500:
            year = said[1]  # "expected to join in April ... the summit in April": the same April
        elif tense > 0:
            year += 1 if month < now else 0
        elif ((tense < 0 or past) and month > now) or month >= now + 3:
            # "in December" in a February article: a month far ahead is last year's, and so
            # is a month ahead of publication in the past tense ("changed ... in December")
            year -= 1
        ctx.months_said[month] = (start, year)
    value = f"{year:04d}-{month:02d}"
    if day is not None:
        if not _valid_day(year, month, day):
            return "", ""
        value += f"-{day:02d}"
    return value, ref.label


def _h_date(g: dict[str, str | None], ctx: _Context, s: int, e: int) -> _Found | None:
    month = MONTHS[str(g["mon"]).lower().rstrip(".")]
    day = _digits(g["d"]) if g.get("d") else None
    if g.get("y"):
        year = _year_of(str(g["y"]), ctx)
        if day is not None and not _valid_day(year, month, day):
            return None
        value = f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")
        return _Found(s, e, "DATE", value, explicit=_explicit(year, month, day, s))
    if day is not None and not _valid_day(None, month, day):
        return None
    value, anchor = _month_year(month, s, ctx, day, e)
    if not value:
        return None
    found = _Found(s, e, "DATE", value, anchor=anchor or None)
    if value[0].isdigit():
        found.explicit = replace(_explicit(int(value[:4]), month, day, s), stated=False)
    return found


def _h_month(g: dict[str, str | None], ctx: _Context, s: int, e: int) -> _Found | None:
    word = str(g["mon"])
    near = _MONTH_CONTEXT.search(ctx.text, max(0, s - 12), s)
    if not near and (word in ("May", "MAY") or _NAMED_AFTER.match(ctx.text, e)):
        return None  # "May" the verb; "the March of the Mothers", "March for Life"
    return _h_date({"mon": word}, ctx, s, e)


_NAMED_AFTER = re.compile(r"\s+(?:of|for)\s+(?:the\s+)?(?-i:[A-Z])", re.I)
_MONTH_CONTEXT = re.compile(
    r"\b(?:in|since|until|till|by|from|to|through|during|of|last|next|this|early|mid|late|"
    r"before|after|between|and|or|that|every|each|end|beginning|middle)[\s-]+$",
    re.I,
)


def _h_range(g: dict[str, str | None], ctx: _Context, s: int, e: int) -> list[_Found] | None:
    """``1980-1988``, ``1980-88``: two DATE mentions, as TimeML annotates ranges."""
    first = int(str(g["y1"]))
    second_text = str(g["y2"])
    second = int(second_text) if len(second_text) == 4 else first // 100 * 100 + int(second_text)
    cut = s + len(str(g["y1"]))
    if len(second_text) not in (2, 4) or not first < second <= first + 200:
        return _h_year({"y": g["y1"]}, ctx, s, cut)  # "2019-17": a year and something else
    second_start = e - len(second_text)
    return [
        _Found(s, cut, "DATE", f"{first:04d}", explicit=_explicit(first, None, None, s)),
        _Found(second_start, e, "DATE", f"{second:04d}", mod_ok=False),
    ]


def _h_decade(g: dict[str, str | None], ctx: _Context, s: int, e: int) -> _Found:
    if g.get("c"):
        value = f"{g['c']}{g['d']}X"
    else:
        digit = g.get("d2") or g.get("d3") or g.get("d4")
        tens = int(digit) if digit else _DECADE_WORDS[str(g["w"]).lower()]
        value = f"{_year2(tens * 10, ctx.dct) // 10:03d}X"
    return _Found(s, e, "DATE", value, the_ok=True)


def _h_century(g: dict[str, str | None], ctx: _Context, s: int, e: int) -> _Found | None:
    n = _digits(g["n"]) if g.get("n") else ORDINALS[str(g["w"]).lower()]
    if not 1 <= n <= 21:
        return None
    return _Found(s, e, "DATE", f"{n - 1:02d}", the_ok=True)


def _h_season_rel(g: dict[str, str | None], ctx: _Context, s: int, e: int) -> _Found:
    """``the summer of that year``, ``the spring of the following year``."""
    word = re.sub(r"\s+", " ", str(g["dir"]).lower())
    ref = ctx.anaphoric()
    sign = -1 if "previous" in word else 1 if "next" in word or "foll" in word else 0
    year = f"{ref.year + sign:04d}" if ref.year else "XXXX"
    value = f"{year}-{SEASONS[str(g['s']).lower()]}"
    return _Found(s, e, "DATE", value, anchor=ref.label or None, the_ok=True)


def _h_the_time(g: dict[str, str | None], ctx: _Context, s: int, e: int) -> _Found:
    """``at the time``, ``at that time``: the date the narrative was last at."""
    ref = ctx.anaphoric()  # the publication date when no date was stated before
    if ref.year is None:
        return _Found(s, e, "DATE", "PAST_REF")
    return _Found(s, e, "DATE", ref.truncated(), anchor=ref.label or None)


def _h_season(g: dict[str, str | None], ctx: _Context, s: int, e: int) -> _Found:
    code = SEASONS[str(g["s"]).lower()]
    if g.get("y"):
        year = _year_of(str(g["y"]), ctx)
        return _Found(
            s, e, "DATE", f"{year:04d}-{code}", explicit=_explicit(year, None, None, s), the_ok=True
        )
    ref = ctx.year_for(s)
    year_text = f"{ref.year:04d}" if ref.year else "XXXX"
    return _Found(s, e, "DATE", f"{year_text}-{code}", anchor=ref.label or None, the_ok=True)


def _h_quarter(g: dict[str, str | None], ctx: _Context, s: int, e: int) -> _Found | None:
    q = ORDINALS.get(str(g["q"]).lower()) or _digits(str(g["q"]))
    if not 1 <= q <= 4:
        return None
    if g.get("y"):
        year = _year_of(str(g["y"]), ctx)
        found = _Found(s, e, "DATE", f"{year:04d}-Q{q}", the_ok=True)
        found.explicit = replace(_explicit(year, None, None, s), quarter=q)
        return found
    ref = ctx.deictic()
    year_text = f"{ref.year:04d}" if ref.year else "XXXX"
    found = _Found(s, e, "DATE", f"{year_text}-Q{q}", anchor=ref.label or None, the_ok=True)
    if ref.year:
        found.explicit = replace(_explicit(ref.year, None, None, s), quarter=q)
    return found


def _h_half(g: dict[str, str | None], ctx: _Context, s: int, e: int) -> _Found:
    h = 1 if str(g.get("h") or g["h2"]).lower() in ("first", "1st") else 2
    year = _year_of(str(g["y"]), ctx)
    return _Found(
        s, e, "DATE", f"{year:04d}-H{h}", explicit=_explicit(year, None, None, s), the_ok=True
    )


_QUANTITY_AFTER = re.compile(
    r"\s*(?:of\b|%|percent|per\s*cent|people|persons|men|women|children|kids|troops|soldiers|"
    r"militants|fighters|members|supporters|followers|refugees|prisoners|inmates|detainees|"
    r"workers|employees|staff|jobs|students|voters|votes|delegates|participants|residents|"
    r"families|homes|houses|buildings|units|cars|vehicles|tanks|planes|aircraft|ships|weapons|"
    r"rockets|missiles|tons|tonnes|barrels|kilos?|kg|lbs?|pounds|grams|km|kilomet|miles|meters|"
    r"metres|feet|ft|yards|acres|hectares|euros?|dollars?|francs?|marks|yen|rials?|tomans?|"
    r"rupees|yuan|shares|points|signatures|deaths|dead|killed|wounded|injured|casualties|"
    r"victims|cases|times|square|mph|calories|words|pages|copies|hours|minutes|seconds|rooms|"
    r"beds|seats|pieces|items|documents|letters|names|individuals|activists|agents|officers|"
    r"police|guards|civilians|cadres|rounds|bullets|executions|arrests|years|months|weeks|"
    r"days|decades|centuries|[-–]\s*(?:strong|member))",
    re.I,
)
_QUANTITY_BEFORE = re.compile(
    r"(?:\b(?:some|about|around|nearly|almost|over|than|least|up\s+to|approximately|roughly|"
    r"estimated|total\s+of|of\s+about|number|no|nos|room|flight|route|highway|page|pp|article|"
    r"section|chapter|model|version|resolution|code|channel|bus|line)\.?|[$€£¥#])\s*$",
    re.I,
)
_YEAR_CONTEXT = re.compile(
    r"\b(?:in|since|from|by|until|till|to|and|or|between|before|after|during|circa|c\.|year|"
    r"of|around|early|mid|late|spring|summer|autumn|fall|winter|fiscal)[\s-]*$",
    re.I,
)


def _h_year(g: dict[str, str | None], ctx: _Context, s: int, e: int) -> _Found | None:
    """A bare four-digit year, unless its context makes it a quantity or a label."""
    year = _year_of(str(g["y"]), ctx)
    text = ctx.text
    after = text[e : e + 24]
    before = text[max(0, s - 24) : s]
    if _QUANTITY_AFTER.match(after) and not g.get("fiscal"):
        return None
    latest = (ctx.dct.year or 2070) + 30
    if _QUANTITY_BEFORE.search(before) and re.match(r"\s+[a-z]+s\b", after):
        return None  # "some 1200 protesters", but "around 2013 and" is a year
    if (year < 1900 or year > latest) and not _YEAR_CONTEXT.search(before):
        return None
    period = _YEAR_PERIOD.match(text, e)
    if period and before.endswith(("the ", "The ")):
        # "the 1988 period" in an earnings report: that year's quarter being reported (TimeML)
        ref = _quarter_ref(ctx)
        if ref.quarter is not None:
            value = f"{year:04d}-Q{ref.quarter}"
            return _Found(s, period.end(), "DATE", value, anchor=ref.label or None, the_ok=True)
    return _Found(s, e, "DATE", f"{year:04d}", explicit=_explicit(year, None, None, s))


_YEAR_PERIOD = re.compile(r"\s+(?:quarter|period)(?!\w)", re.I)


def _h_yy(g: dict[str, str | None], ctx: _Context, s: int, e: int) -> _Found:
    """``'67``, or ``in 67`` at the end of a clause: a year of the century it most likely means."""
    year = _year2(int(str(g.get("yy") or g.get("yy2"))), ctx.dct)
    return _Found(s, e, "DATE", f"{year:04d}", explicit=_explicit(year, None, None, s))


# a figure compared with the one of a year before, in a quarterly report
_COMPARED = re.compile(
    r"\b(?:compared\s+(?:with|to)|versus|vs\.|(?:corresponding|comparable|same)\s+period)"
    r"\b[^.;]*$",
    re.I,
)

_BACKWARD = {"ago", "earlier", "before", "previously", "back"}


def _h_ago(g: dict[str, str | None], ctx: _Context, s: int, e: int) -> _Found:
    """``two years ago`` (from the publication date), ``two days later`` (from the last date)."""
    direction = str(g["dir"]).lower().split()[0]
    sign = -1 if direction in _BACKWARD else 1
    deictic = direction in ("ago", "from", "hence", "back")
    ref = ctx.deictic() if deictic else ctx.anaphoric()
    n = _number(str(g["n"]))
    unit = _unit(str(g["u"]))
    if unit == "Y" and n == 1 and ctx.quarter is not None:
        ref = ctx.quarter  # "profit rose from $5 million a year ago": the same quarter
    if n is None and direction == "ago":
        return _Found(s, e, "DATE", "PAST_REF", approx_ok=True)
    if n is None:  # "a few days later": TimeML marks the vague duration only
        cut = re.search(rf"{UNIT}s?", ctx.text[s:e], re.I)
        return _Found(s, s + cut.end() if cut else e, "DURATION", _duration_value(None, unit))
    if unit.startswith("T"):
        unit, n = "D", 0
    elif unit == "2W":
        unit, n = "W", 2 * n
    elif unit == "WE":
        unit = "W"
    if unit == "D" and ref.day is None and ref.year is not None and n >= 28:
        unit, n = "M", round(n / 30)
    value = _shift(ref, unit, sign * n)
    mod = "APPROX" if g.get("so") else None  # "a week or so ago"
    return _Found(s, e, "DATE", value, mod=mod, anchor=ref.label or None, approx_ok=True)


_REL_SIGN = {
    "this": 0,
    "current": 0,
    "last": -1,
    "past": -1,
    "this past": -1,
    "next": 1,
    "coming": 1,
    "this coming": 1,
    "following": 1,
    "subsequent": 1,
    "previous": -1,
    "preceding": -1,
    "prior": -1,
    "same": 0,
    "that same": 0,
    "that": 0,
}
_ANAPHORIC = {
    "following",
    "subsequent",
    "previous",
    "preceding",
    "prior",
    "same",
    "that same",
    "that",
}


def _h_rel(g: dict[str, str | None], ctx: _Context, s: int, e: int) -> _Found | None:
    """``last year``, ``next month``, ``the following year``, ``that same day``, ``last fall``."""
    word = re.sub(r"\s+", " ", str(g["dir"]).lower())
    sign = _REL_SIGN[word]
    ref = ctx.anaphoric() if word in _ANAPHORIC else ctx.deictic()
    target = str(g["u"])
    low = target.lower().rstrip(".")
    anchor = ref.label or None
    if low in MONTHS and target[0].isupper():
        month = MONTHS[low]
        if ref.year is None:
            return _Found(s, e, "DATE", f"XXXX-{month:02d}", anchor=anchor)
        year = ref.year
        if ref.month is not None:
            if sign < 0 and month >= ref.month:
                year -= 1
            elif sign > 0 and month <= ref.month:
                year += 1
        elif sign:
            year += sign
        found = _Found(s, e, "DATE", f"{year:04d}-{month:02d}", anchor=anchor)
        found.explicit = _explicit(year, month, None, s)
        return found
    if low in WEEKDAYS:
        if word in ("last", "next", "this") and ref.date is not None:
            # TimeML weeks: "last Monday" is the Monday of last week
            monday = ref.date - dt.timedelta(days=ref.date.weekday())
            day = monday + dt.timedelta(days=7 * sign + WEEKDAYS[low])
            return _Found(s, e, "DATE", day.isoformat(), anchor=anchor)
        if word in ("previous", "preceding", "prior") and ref.date is not None:
            back = (ref.date.weekday() - WEEKDAYS[low]) % 7 or 7
            day = ref.date - dt.timedelta(days=back)
            return _Found(s, e, "DATE", day.isoformat(), anchor=anchor)
        return _weekday(WEEKDAYS[low], None, sign or (1 if ctx.future(s) else -1), ref, s, e)
    if low in SEASONS:
        code = SEASONS[low]
        if ref.year is None:
            return _Found(s, e, "DATE", f"XXXX-{code}", anchor=anchor)
        year = ref.year
        first_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
        if sign > 0 and ref.month is not None:
            year += 1 if ref.month >= first_month else 0  # "next summer" in March is this year's
        elif word == "this past" and ref.month is not None:
            # "this past spring" in October: the spring just gone, this year's
            year -= 0 if ref.month >= first_month + 3 else 1
        elif sign:
            year += sign
        return _Found(s, e, "DATE", f"{year:04d}-{code}", anchor=anchor)
    if low == "night" and word in ("last", "this"):
        night = _shift(ref, "D", -1 if word == "last" else 0)
        return _Found(s, e, "TIME", f"{night}TNI", anchor=anchor)
    quarter = ctx.quarter
    if (
        low == "year"
        and word == "last"
        and quarter is not None
        and _COMPARED.search(ctx.text, max(0, s - 60), s)
    ):
        # "earnings of $33 million, compared with $40 million last year": the same quarter
        return _Found(s, e, "DATE", _shift(quarter, "Y", -1), anchor=quarter.label or None)
    unit = _unit(low)
    if unit.startswith("T"):
        return None
    if unit == "2W":
        unit = "W"
        sign *= 2
    value = _shift(ref, unit, sign)
    if unit == "WE" and ref.date is None:
        value = ref.truncated()
    found = _Found(s, e, "DATE", value, anchor=anchor, the_ok=True)
    if unit == "Y" and re.fullmatch(r"\d{4}", value):
        ctx.year_said = (e, _Ref(int(value), label=f"{word} year {value} at {s}"))
    return found


def _weekday(day: int, part: str | None, sign: int, ref: _Ref, s: int, e: int) -> _Found:
    """The weekday nearest the anchor in the direction of the clause's tense."""
    suffix = f"T{_PARTS[part.lower()]}" if part else ""
    kind = "TIME" if part else "DATE"
    base = ref.date
    if base is None:
        return _Found(s, e, kind, f"XXXX-WXX-{day + 1}{suffix}", anchor=ref.label or None)
    # forward: the next such day after the anchor; backward: on or before it
    delta = (day - base.weekday()) % 7 or 7 if sign > 0 else -((base.weekday() - day) % 7)
    target = (base + dt.timedelta(days=delta)).isoformat()
    return _Found(s, e, kind, target + suffix, anchor=ref.label or None)


_NOT_A_DAY = re.compile(r"\s+(?:prayers?|sermons?|mosque|imam)\b", re.I)
_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}


def _h_weekday(g: dict[str, str | None], ctx: _Context, s: int, e: int) -> _Found | None:
    if not g.get("part") and _NOT_A_DAY.match(ctx.text, e):
        return None  # "Friday prayers" names a rite, not a day
    day = WEEKDAYS[str(g["wd"]).lower()]
    sign = 1 if not _POSSESSIVE.match(ctx.text, e) and ctx.future(s, e) else -1
    return _weekday(day, g.get("part"), sign, ctx.deictic(), s, e)


# "Wednesday's ruling", "announced Wednesday": the day is past whatever the clause's tense
_POSSESSIVE = re.compile(r"['’]s\b")
_PAST_VERB = re.compile(rf"{_PAST}\s+(?:on\s+|late\s+|early\s+)?$")


_DEICTIC = {
    "today": 0,
    "tonight": 0,
    "yesterday": -1,
    "tomorrow": 1,
    "the day before yesterday": -2,
    "the day after tomorrow": 2,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
}
_REFS = {
    "now": "PRESENT_REF",
    "right now": "PRESENT_REF",
    "nowadays": "PRESENT_REF",
    "currently": "PRESENT_REF",
    "presently": "PRESENT_REF",
    "these days": "PRESENT_REF",
    "at present": "PRESENT_REF",
    "recently": "PAST_REF",
    "lately": "PAST_REF",
    "the future": "FUTURE_REF",
    "the near future": "FUTURE_REF",
    "the near term": "FUTURE_REF",
    "the short term": "FUTURE_REF",
    "soon": "FUTURE_REF",
}


def _h_deictic(g: dict[str, str | None], ctx: _Context, s: int, e: int) -> _Found | None:
    """``today``, ``yesterday morning``, ``now``, ``recently``."""
    word = re.sub(r"\s+", " ", str(g["w"]).lower())
    if word == "today" and _NOWADAYS.match(ctx.text, e):
        return None  # "today's world", "today's youth": our times, not a day
    if word in _REFS:
        return _Found(s, e, "DATE", _REFS[word])
    ref = ctx.deictic()
    part = g.get("part") or (word.split()[-1] if word.startswith("this ") else None)
    if word == "tonight":
        part = "night"
    value = _shift(ref, "D", _DEICTIC[word])
    if part:
        return _Found(s, e, "TIME", f"{value}T{_PARTS[part.lower()]}", anchor=ref.label or None)
    return _Found(s, e, "DATE", value, anchor=ref.label or None)


_NOWADAYS = re.compile(
    r"['’]s\s+(?:world|youth|society|generation|young|children|kids|people|personal|standards|"
    r"terms|culture|economy|technology|media|politics)\b",
    re.I,
)


def _h_recent(g: dict[str, str | None], ctx: _Context, s: int, e: int) -> _Found:
    """``recent years`` is PAST_REF; ``the next few days`` a duration of unknown length."""
    unit = str(g["u"]).lower()
    if str(g["dir"]).lower() == "recent" and unit in ("year", "time", "decade"):
        return _Found(s, e, "DATE", "PAST_REF")
    if unit == "time":
        return _Found(s, e, "DATE", "PAST_REF" if g["dir"] != "coming" else "FUTURE_REF")
    return _Found(s, e, "DURATION", _duration_value(None, _unit(str(g["u"]))), mod_ok=False)


def _h_part_rel(g: dict[str, str | None], ctx: _Context, s: int, e: int) -> _Found | None:
    """``the next morning``, ``that evening``: a part of the day just narrated (TIME)."""
    n = {"next": 1, "following": 1, "previous": -1, "preceding": -1}.get(str(g["dir"]).lower(), 0)
    ref = ctx.anaphoric() if n else _day_in_view(ctx, s)
    if ref.date is None:
        return None
    value = f"{_shift(ref, 'D', n)}T{_PARTS[str(g['part']).lower()]}"
    return _Found(s, e, "TIME", value, anchor=ref.label or None, the_ok=True)


def _h_part_mod(g: dict[str, str | None], ctx: _Context, s: int, e: int) -> _Found | None:
    """``mid afternoon``, ``early morning yesterday``: a part of a day (TIME, with its mod)."""
    if g.get("wd"):
        day = _h_weekday({"wd": g["wd"], "part": None}, ctx, s, e)
        value, anchor = day.value, day.anchor
    else:
        ref = ctx.deictic() if g.get("rel") else _day_in_view(ctx, s)
        if ref.date is None:
            return None
        shift = _DEICTIC[str(g["rel"]).lower()] if g.get("rel") else 0
        value, anchor = _shift(ref, "D", shift), ref.label or None
    if not value[:1].isdigit():
        return None
    value = f"{value}T{_PARTS[str(g['part']).lower()]}"
    mod = _PART_MODS[str(g["mod"]).lower()]
    return _Found(s, e, "TIME", value, mod=mod, anchor=anchor, mod_ok=False)


_PART_MODS = {"early": "START", "mid": "MID", "late": "END"}


def _day_in_view(ctx: _Context, s: int) -> _Ref:
    """The day a clock time or part of day belongs to: one stated in this paragraph, else
    the publication day ("shot on Oct. 23 ... at 10 p.m.", "By mid afternoon, ...")."""
    previous = ctx.previous
    if previous is not None and previous.day and "\n" not in ctx.text[ctx.previous_at : s]:
        return previous
    return ctx.deictic()


def _quarter_ref(ctx: _Context) -> _Ref:
    """The quarter a report is about: the one last stated, else the one before publication."""
    if ctx.quarter is not None:
        return ctx.quarter
    ref = ctx.deictic()
    if ref.year is None or ref.month is None:
        return ref
    index = ref.year * 4 + (ref.month - 1) // 3 - 1
    return _Ref(index // 4, label=ref.label, quarter=index % 4 + 1)


_YEAR_BACK = re.compile(r"\s+(?:a\s+year\s+(?:ago|earlier)|last\s+year)(?!\w)", re.I)
_ENDED = re.compile(r"\s+(?:ended|ending)\b", re.I)


def _h_the_unit(g: dict[str, str | None], ctx: _Context, s: int, e: int) -> _Found:
    """``the year``, ``the full year``, ``the quarter``, ``the weekend``, ``the morning``."""
    unit = str(g["u"]).lower()
    if unit == "year" and _ENDED.match(ctx.text, e):
        # "the year ended March 31": a fiscal period, named by its end date
        return _Found(s, e, "DURATION", "P1Y", the_ok=True)
    if unit == "quarter":
        ended = _QUARTER_ENDED.match(ctx.text, e)
        if ended:
            return _quarter_ended(ended, ctx, s, e)
        ref = _quarter_ref(ctx)
        back = _YEAR_BACK.match(ctx.text, e)
        if back:  # "the quarter a year ago": the report's quarter, one year before
            return _Found(s, back.end(), "DATE", _shift(ref, "Y", -1), anchor=ref.label or None)
        return _Found(s, e, "DATE", _shift(ref, "Q", 0), anchor=ref.label or None)
    if unit == "decade":  # "throughout the decade": the one the narrative is in
        ref = ctx.anaphoric()
        return _Found(s, e, "DATE", _shift(ref, "DE", 0), anchor=ref.label or None)
    ref = ctx.deictic()
    if unit == "morning":
        return _Found(s, e, "TIME", f"{_shift(ref, 'D', 0)}TMO", anchor=ref.label or None)
    if unit == "weekend" and ref.date is not None:
        back = 0 if ref.date.weekday() >= 5 or ctx.future(s) else -1
        return _Found(s, e, "DATE", _shift(ref, "WE", back), anchor=ref.label or None)
    return _Found(s, e, "DATE", _shift(ref, _unit(unit), 0), anchor=ref.label or None)


def _quarter_ended(ended: re.Match[str], ctx: _Context, s: int, e: int) -> _Found:
    """``the quarter ended July 31``: the calendar quarter holding most of its three months.

    A fiscal quarter ending in July runs May-July, so it is mostly the second calendar quarter;
    its middle month (June) names it. It becomes the report's quarter for later ``a year ago``.
    """
    month = MONTHS[ended.group("mon").lower().rstrip(".")]
    value, anchor = _month_year(month, ended.start("mon"), ctx)
    if not value[:4].isdigit():
        return _Found(s, e, "DATE", f"XXXX-Q{(month - 2) % 12 // 3 + 1}", the_ok=True)
    year = int(value[:4]) - (1 if month == 1 else 0)
    quarter = (month - 2) % 12 // 3 + 1
    found = _Found(s, e, "DATE", f"{year:04d}-Q{quarter}", anchor=anchor or None, the_ok=True)
    found.explicit = replace(_explicit(year, None, None, s), quarter=quarter)
    return found


_QUARTER_ENDED = re.compile(rf"\s+(?:ended|ending)\s+(?:on\s+)?(?P<mon>{MONTH})", re.I)


def _h_week_of(g: dict[str, str | None], ctx: _Context, s: int, e: int) -> _Found | None:
    """``the week of March 6``: the ISO week holding that day."""
    day = _h_date(g, ctx, s, e)
    if day is None or not re.fullmatch(r"\d{4}-\d\d-\d\d", day.value):
        return day
    year, week, _ = dt.date.fromisoformat(day.value).isocalendar()
    return _Found(s, e, "DATE", f"{year:04d}-W{week:02d}", anchor=day.anchor, the_ok=True)


def _h_rel_quarter(g: dict[str, str | None], ctx: _Context, s: int, e: int) -> _Found:
    """``this year's third quarter``, ``last year's quarter``."""
    sign = {"this": 0, "last": -1, "next": 1}[str(g["dir"]).lower()]
    if g.get("q"):
        ref = ctx.deictic()
        year = f"{ref.year + sign:04d}" if ref.year else "XXXX"
        q = ORDINALS[str(g["q"]).lower()]
        found = _Found(s, e, "DATE", f"{year}-Q{q}", anchor=ref.label or None)
        if ref.year:  # "a year earlier" after it counts from this quarter
            found.explicit = replace(_explicit(ref.year + sign, None, None, s), quarter=q)
        return found
    ref = _quarter_ref(ctx)
    return _Found(s, e, "DATE", _shift(ref, "Y", sign), anchor=ref.label or None)


def _h_month_rel(g: dict[str, str | None], ctx: _Context, s: int, e: int) -> _Found:
    """``April next year``, ``July last year``, ``September of that year``."""
    word = re.sub(r"\s+", " ", str(g["dir"]).lower())
    ref = ctx.deictic() if word in ("last", "next", "this") else ctx.anaphoric()
    sign = -1 if word in ("last", "the previous") else 1 if "next" in word or "foll" in word else 0
    month = MONTHS[str(g["mon"]).lower().rstrip(".")]
    year = f"{ref.year + sign:04d}" if ref.year else "XXXX"
    return _Found(s, e, "DATE", f"{year}-{month:02d}", anchor=ref.label or None)


def _h_latest(g: dict[str, str | None], ctx: _Context, s: int, e: int) -> _Found:
    """``the latest quarter``, ``the latest period``, ``the latest fiscal year``."""
    unit = str(g["u"]).lower().split()[-1]
    if unit in ("quarter", "period"):
        ref = _quarter_ref(ctx)
        return _Found(s, e, "DATE", _shift(ref, "Q", 0), anchor=ref.label or None, the_ok=True)
    ref = ctx.deictic()
    step = -1 if unit == "year" else 0
    value = _shift(ref, _unit(unit), step)
    return _Found(s, e, "DATE", value, anchor=ref.label or None, the_ok=True)


def _h_year_ago(g: dict[str, str | None], ctx: _Context, s: int, e: int) -> _Found:
    """``year-earlier``, ``the year-ago quarter``: the same period one year before."""
    quarterly = g.get("what") is not None and str(g["what"]).lower() in ("quarter", "period")
    ref = ctx.quarter
    if ref is not None and (quarterly or g.get("what") is None):
        value = _shift(ref, "Y", -1)
    else:
        ref = ctx.deictic()
        value = _shift(replace(ref, quarter=None), "Y", -1)
    return _Found(s, e, "DATE", value, anchor=ref.label or None, the_ok=True)


def _h_year_end(g: dict[str, str | None], ctx: _Context, s: int, e: int) -> _Found:
    """``year-end``, ``year's end``: the current year (TimeML leaves the end implicit)."""
    ref = ctx.deictic()
    return _Found(s, e, "DATE", _shift(ref, "Y", 0), anchor=ref.label or None, the_ok=True)


def _h_spelled_year(g: dict[str, str | None], ctx: _Context, s: int, e: int) -> _Found | None:
    """``nineteen ninety-six``, ``two thousand``: years read out in broadcast transcripts."""
    if _QUANTITY_AFTER.match(ctx.text[e : e + 24]):
        return None  # "two thousand people"
    year = _spelled_year(str(g["y"]))
    return _Found(s, e, "DATE", f"{year:04d}", explicit=_explicit(year, None, None, s))


def _easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th given weekday of a month (n = -1: the last one)."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


_HOLIDAYS: dict[str, Callable[[int], dt.date]] = {
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),
    "christmas": lambda y: dt.date(y, 12, 25),
    "christmas eve": lambda y: dt.date(y, 12, 24),
    "new year's day": lambda y: dt.date(y, 1, 1),
    "new year's eve": lambda y: dt.date(y, 12, 31),
    "easter": _easter,
    "good friday": lambda y: _easter(y) - dt.timedelta(days=2),
    "election day": lambda y: _nth_weekday(y, 11, 0, 1) + dt.timedelta(days=1),
    "independence day": lambda y: dt.date(y, 7, 4),
    "valentine's day": lambda y: dt.date(y, 2, 14),
    "halloween": lambda y: dt.date(y, 10, 31),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1),
    "memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
    "veterans day": lambda y: dt.date(y, 11, 11),
    "boxing day": lambda y: dt.date(y, 12, 26),
    "women's day": lambda y: dt.date(y, 3, 8),
}


def _h_holiday(g: dict[str, str | None], ctx: _Context, s: int, e: int) -> _Found:
    """``Thanksgiving Day``, ``Christmas 1999``, ``International Women's Day``."""
    name = re.sub(r"\s+", " ", str(g["h"]).lower().replace("’", "'"))
    name = re.sub(r"^international |( day| sunday)$", "", name)
    key = next(k for k in (name, f"{name} day") if k in _HOLIDAYS)
    if g.get("y"):
        year = _year_of(str(g["y"]), ctx)
        day = _HOLIDAYS[key](year)
        return _Found(
            s, e, "DATE", day.isoformat(), explicit=_explicit(year, day.month, day.day, s)
        )
    ref = ctx.year_for(s)
    if ref.year is None:
        return _Found(s, e, "DATE", "XXXX", anchor=None)
    day = _HOLIDAYS[key](ref.year)
    now = ref.date
    if ref is ctx.dct and now is not None and day > now:
        # "found on Thanksgiving Day" in a January article is last year's; "as Easter week
        # began" a week before Easter is this year's
        tense = ctx.tense(s, e)
        if tense < 0 or (tense == 0 and (day - now).days > 60):
            day = _HOLIDAYS[key](ref.year - 1)
    return _Found(s, e, "DATE", day.isoformat(), anchor=ref.label or None)


def _h_day_range(g: dict[str, str | None], ctx: _Context, s: int, e: int) -> list[_Found] | None:
    """``April 24 and 25``, ``13-14 February 2019``: two DATE mentions, as TimeML has them."""
    text = ctx.text
    first, second = (_digits(str(g["d1"])), _digits(str(g["d2"])))
    if not first < second:
        return None
    whole = _h_date({"mon": g["mon"], "d": g["d2"], "y": g.get("y")}, ctx, s, e)
    if whole is None:
        return None
    month_first = text[s].isalpha()
    d1_at = text.index(str(g["d1"]), s + (len(str(g["mon"])) if month_first else 0))
    d2_at = text.index(str(g["d2"]), d1_at + len(str(g["d1"])))
    value_first = whole.value[:-2] + f"{first:02d}"
    if not _valid_day(
        int(whole.value[:4]) if whole.value[0].isdigit() else None, int(whole.value[5:7]), first
    ):
        return None
    first_end = (d1_at if month_first else s) + len(str(g["d1"]))
    return [
        _Found(s, first_end, "DATE", value_first, anchor=whole.anchor),
        _Found(
            d2_at, e, "DATE", whole.value, whole.mod, whole.anchor, whole.explicit, mod_ok=False
        ),
    ]


def _duration_value(n: int | None, unit: str) -> str:
    amount = "X" if n is None else str(n)
    if unit.startswith("T"):
        return f"PT{amount}{unit[1]}"
    if unit == "2W":
        return f"P{'X' if n is None else 2 * n}W"
    if unit in ("DE", "CE"):  # ISO 8601 has no decades: "two decades" is P20Y
        return f"PX{unit[0]}" if n is None else f"P{n * (10 if unit == 'DE' else 100)}Y"
    return f"P{amount}{unit}"


def _h_duration(g: dict[str, str | None], ctx: _Context, s: int, e: int) -> _Found | None:
    """``eight years``, ``15 days``, ``a two-day visit``: DURATION, never a date."""
    word = re.sub(r"\s+", " ", str(g["n"]).lower())
    unit = _unit(str(g["u"]))
    if word in ("a", "an", "one") and unit == "TS":
        return None  # "a second time"
    if unit == "Q" and re.match(r"\s*of\b", ctx.text[e : e + 6]):
        return None  # "three quarters of the vote"
    n = _number(word)
    if n is None and word not in _VAGUE:
        return None
    return _Found(s, e, "DURATION", _duration_value(n, unit), mod_ok=False)


def _h_plural(g: dict[str, str | None], ctx: _Context, s: int, e: int) -> _Found | None:
    """``for years``, ``decades``: a duration of unstated length."""
    if _PART_OF.match(ctx.text, e):
        return None  # "the first months of 1981" is a part of a date
    return _Found(s, e, "DURATION", _duration_value(None, _unit(str(g["u"]))), mod_ok=False)


_PART_OF = re.compile(r"\s+of\s+(?:the\s+)?(?:[\d'’]|(?-i:[A-Z][a-z]+\s+\d))")
_SET_WORDS = {
    "hourly": "PT1H",
    "daily": "P1D",
    "nightly": "P1D",
    "weekly": "P1W",
    "monthly": "P1M",
    "quarterly": "P3M",
    "yearly": "P1Y",
    "annually": "P1Y",
}


def _h_set(g: dict[str, str | None], ctx: _Context, s: int, e: int) -> _Found:
    """``daily``, ``every year``, ``each Monday``, ``$5 a year``: SET."""
    word = str(g["w"]).lower()
    if word in _SET_WORDS:
        return _Found(s, e, "SET", _SET_WORDS[word], mod_ok=False)
    last = word.split()[-1]
    if last == "annum":
        return _Found(s, e, "SET", "P1Y", mod_ok=False)
    if last in WEEKDAYS:
        return _Found(s, e, "SET", f"XXXX-WXX-{WEEKDAYS[last] + 1}", mod_ok=False)
    if last.rstrip(".") in MONTHS:  # "each July": every year's July
        return _Found(s, e, "SET", f"XXXX-{MONTHS[last.rstrip('.')]:02d}", mod_ok=False)
    return _Found(s, e, "SET", _duration_value(1, _unit(last)), mod_ok=False)


def _h_time(g: dict[str, str | None], ctx: _Context, s: int, e: int) -> _Found | None:
    """``10 a.m.``, ``3:30 p.m.``, ``noon``: a TIME on the publication day when known."""
    aside = _DAY_ASIDE.match(ctx.text, e)
    if aside and not g.get("wd") and not g.get("rel") and not g.get("mon"):
        # "10:35 a.m. (0735 GMT) Friday", "4 in the morning (4 a.m. EDT Thursday)": that day
        g = {**g, "wd": aside.group("wd1") or aside.group("wd2")}
    if g.get("wd"):
        found = _h_weekday({"wd": g["wd"], "part": None}, ctx, s, e)
        day, anchor = found.value, found.anchor
    elif g.get("rel"):
        ref = ctx.deictic()
        day, anchor = _shift(ref, "D", _DEICTIC[str(g["rel"]).lower()]), ref.label
    elif g.get("mon"):
        dated = _h_date({"mon": g["mon"], "d": g["d"], "y": g.get("y")}, ctx, s, e)
        if dated is None:
            return None
        day, anchor = dated.value, dated.anchor
    else:
        ref = _day_in_view(ctx, s)
        day, anchor = (ref.date.isoformat() if ref.date else "XXXX-XX-XX"), ref.label
    word = (g.get("w") or "").lower()
    if word:
        clock = {"noon": "12:00", "midday": "12:00", "midnight": "24:00"}[word]
    else:
        hour = int(str(g.get("h") or g.get("h2") or g.get("h3")))
        minute = int(g.get("mi") or g.get("mi2") or 0)
        ampm = (g.get("ap") or "").lower().replace(".", "")
        if g.get("part"):  # "4 in the morning", "8 in the evening"
            ampm = "am" if str(g["part"]).lower() == "morning" else "pm"
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        if hour > 24 or (
            ampm and not 1 <= int(str(g.get("h") or g.get("h2") or g.get("h3"))) <= 12
        ):
            return None
        clock = f"{hour:02d}:{minute:02d}"
    return _Found(s, e, "TIME", f"{day}T{clock}", anchor=anchor or None, mod_ok=False)


# a weekday just after a time's parenthesis, or closing it
_DAY_ASIDE = re.compile(
    rf"\s*\((?:[^()\n]{{0,24}}?\s(?P<wd1>{WEEKDAY})|[^()\n]{{1,24}}\)\s*,?\s+(?:on\s+)?"
    rf"(?P<wd2>{WEEKDAY}))(?!\w)"
)


# --- the scanner: one alternation, earlier patterns win at the same position --------------

_NUM_UNIT = rf"(?P<n>{NUM})[-\s]+(?P<u>{UNIT})s?"
_PATTERNS: list[tuple[str, str, Handler]] = [
    (
        "iso",
        r"(?<![\w/.-])(?P<y>(?:1[0-9]|20)\d\d)-(?P<mon>0[1-9]|1[0-2])-(?P<d>[0-3]\d)(?![\w/-])",
        lambda g, c, s, e: _h_date({**g, "mon": calendar.month_name[int(str(g["mon"]))]}, c, s, e),
    ),
    (
        "mdd",
        rf"(?P<mon>{MONTH_D})\s*(?P<d1>{DAY})\s*(?:-|–|—|and|to|through|until)\s*(?P<d2>{DAY})"
        rf"(?:(?:\s*,\s*|\s+)(?P<y>{YEAR}))?",
        _h_day_range,
    ),
    (
        "ddm",
        rf"(?P<d1>{DAY})\s*(?:-|–|—|and|to|until)\s*(?P<d2>{DAY})(?:\s+of)?\s+(?P<mon>{MONTH_D})"
        rf"(?!\w)(?:,?\s+(?P<y>{YEAR}))?",
        _h_day_range,
    ),
    (
        "holiday",
        r"(?-i:(?P<h>Thanksgiving(?:\s+Day)?|Christmas(?:\s+(?:Day|Eve))?|"
        r"New\s+Year(?:'s|’s)\s+(?:Day|Eve)|Easter(?:\s+Sunday)?|Good\s+Friday|"
        r"Election\s+Day|Independence\s+Day|Valentine(?:'s|’s)\s+Day|Halloween|Labor\s+Day|"
        r"Memorial\s+Day|Veterans\s+Day|Boxing\s+Day|(?:International\s+)?Women(?:'s|’s)\s+Day))"
        rf"(?!\w)(?:,?\s+(?P<y>{YEAR}))?",
        _h_holiday,
    ),
    (
        "spelled_year",
        rf"(?P<y>{SPELLED_YEAR})",
        _h_spelled_year,
    ),
    (
        "year_ago",
        r"(?:(?:comparable|corresponding|same|prior)\s+)?year[-\s](?:earlier|ago)(?:\s+"
        r"(?:(?:first|second|third|fourth)[-\s])?(?P<what>quarter|period|month|week)s?)?(?!\w)",
        _h_year_ago,
    ),
    ("year_end", r"year(?:[-\s]|['’]s\s+)end(?!\w)", _h_year_end),
    (
        "rel_quarter",
        r"(?P<dir>this|last|next)\s+year['’]s\s+(?:(?P<q>first|second|third|fourth)[-\s]+)?"
        r"quarter(?!\w)",
        lambda g, c, s, e: _h_rel_quarter(g, c, s, e),
    ),
    (
        "month_rel",
        rf"(?P<mon>{MONTH})\s+(?:of\s+)?(?P<dir>last|next|this|that|the\s+same|that\s+same|"
        r"the\s+following|the\s+previous|the\s+next)\s+year(?!\w)",
        lambda g, c, s, e: _h_month_rel(g, c, s, e),
    ),
    (
        "latest",
        r"(?:latest|most\s+recent)\s+(?P<u>quarter|period|fiscal\s+year|year|month|week)(?!\w)",
        _h_latest,
    ),
    (
        "mdy",
        rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<mon>{MONTH_D})\s*(?P<d>{DAY})"
        rf"(?:(?:\s*,\s*|\s+)(?P<y>{YEAR}))?",
        _h_date,
    ),
    (
        "dmy",
        rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<d>{DAY})(?:\s+of)?\s+(?P<mon>{MONTH_D})(?!\w)"
        rf"(?:,?\s+(?P<y>{YEAR}))?",
        _h_date,
    ),
    (
        "month_year",
        rf"(?P<mon>{MONTH})(?:\s+of)?,?\s+(?P<y>{YEAR}|['’]\d\d(?![\w'’])|{SPELLED_YEAR})",
        _h_date,
    ),
    (
        "range",
        rf"(?P<y1>{YEAR_IN_RANGE})\s*[-–—]\s*(?P<y2>(?:1[0-9]|20)\d\d|\d\d)(?![\w%]|[.,]\d)",
        _h_range,
    ),
    (
        "decade",
        r"(?:(?<![\w$€£.,])(?P<c>1[0-9]|20)(?P<d>\d)0|['’](?P<d2>\d)0|"
        r"(?:(?<=the\s)|(?<=early\s)|(?<=late\s)|(?<=mid-)|(?<=mid\s))(?P<d3>[1-9])0)['’]?s(?!\w)|"
        rf"(?<=the\s)(?P<w>{_alt(_DECADE_WORDS)})(?!\w)",
        _h_decade,
    ),
    (
        "century",
        rf"(?:(?P<n>\d{{1,2}})(?:st|nd|rd|th)|(?P<w>{_alt(ORDINALS)}))[-\s]+century(?!\w)",
        _h_century,
    ),
    ("season", rf"(?P<s>{SEASON})(?:\s+of)?,?\s+(?P<y>{YEAR}|{SPELLED_YEAR})", _h_season),
    (
        "season_rel",
        rf"(?P<s>{SEASON})\s+of\s+(?P<dir>that|the\s+same|that\s+same|the\s+following|"
        r"the\s+previous|the\s+next)\s+year(?!\w)",
        lambda g, c, s, e: _h_season_rel(g, c, s, e),
    ),
    (
        "quarter",
        rf"(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)[-\s]+quarter(?!\w)"
        rf"(?:(?:\s+of)?(?:\s+fiscal)?\s+(?P<y>{YEAR}))?|(?-i:Q)(?P<q2>[1-4])\s+(?P<y2>{YEAR})|"
        rf"(?P<y3>{YEAR})\s+(?P<q3>first|second|third|fourth)[-\s]+quarter(?!\w)",
        lambda g, c, s, e: _h_quarter(
            {
                "q": g.get("q") or g.get("q2") or g.get("q3"),
                "y": g.get("y") or g.get("y2") or g.get("y3"),
            },
            c,
            s,
            e,
        ),
    ),
    (
        "half",
        rf"(?:(?P<h>first|second|1st|2nd)[-\s]+half|(?P<h2>first|last)\s+two\s+quarters)"
        rf"(?:\s+of)?\s+(?:fiscal\s+)?(?P<y>{YEAR})",
        _h_half,
    ),
    (
        "fiscal",
        rf"(?P<fiscal>fiscal(?:\s+year)?\s+)(?P<y>{YEAR}|(?:['’])?\d\d(?![\w'’]))",
        lambda g, c, s, e: _h_year(g, c, s, e),
    ),
    (
        "year",
        rf"(?:(?<=mid-)|(?<=pre-)|(?<=post-)|(?<![\w$€£¥#.,\-]))(?P<y>{YEAR_CORE})",
        _h_year,
    ),
    (
        "yy",
        r"['’](?P<yy>\d\d)(?![\w'’%])|(?:(?<=\bin\s)|(?<=\bsince\s)|(?<=\buntil\s))"
        r"(?P<yy2>[2-9]\d)(?=\s*[,.;:)]|\s+(?:and|when|until|in|at|with|after|before)\b)",
        _h_yy,
    ),
    (
        "ago",
        rf"{_NUM_UNIT}\s+(?P<so>or\s+so\s+)?(?P<dir>ago|earlier|later|from\s+now|hence|back|"
        r"(?:before|after)(?=\s*(?:[.,;:!?)]|$)))",
        _h_ago,
    ),
    (
        "recent",
        rf"(?P<dir>recent|coming|past|last|next)\s+(?:(?:few|several|couple\s+of)\s+)?"
        rf"(?P<u>{UNIT}|time)s(?!\w)",
        _h_recent,
    ),
    (
        "part_rel",
        r"(?P<dir>next|following|previous|preceding|same|that)\s+"
        r"(?P<part>morning|afternoon|evening|night)(?!\w)",
        _h_part_rel,
    ),
    (
        "part_mod",
        r"(?P<mod>early|mid|late)[-\s]?(?P<part>morning|afternoon|evening)(?![\w-])"
        rf"(?:\s+(?:(?P<rel>yesterday|today|tomorrow)|(?:on\s+)?(?P<wd>{WEEKDAY}))(?!\w))?",
        _h_part_mod,
    ),
    (
        "rel",
        r"(?P<dir>this\s+past|this\s+coming|this|last|next|past|coming|previous|preceding|"
        r"following|current|subsequent|prior|that\s+same|same|that)\s+(?:fiscal\s+)?"
        rf"(?P<u>{UNIT}|{MONTH}(?!\s*\d)|{WEEKDAY}|{SEASON})(?!\w)",
        _h_rel,
    ),
    (
        "deictic",
        r"(?P<w>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|tonight|"
        r"yesterday|tomorrow|this\s+(?:morning|afternoon|evening)|right\s+now|nowadays|now|"
        r"currently|presently|these\s+days|at\s+present|recently|lately|"
        r"the\s+(?:near\s+)?future|the\s+(?:near|short)\s+term)(?!\w)(?:\s+(?P<part>morning|afternoon|evening|night)"
        r"(?!\w))?",
        _h_deictic,
    ),
    (
        "weekday",
        rf"(?P<wd>{WEEKDAY})(?:\s+(?P<part>morning|afternoon|evening|night)(?!\w))?",
        _h_weekday,
    ),
    ("month", rf"(?P<mon>{MONTH})(?!\w)", _h_month),
    (
        "season_bare",
        r"(?:(?<=\bthe\s)|(?<=\bin\s)|(?<=\bthis\s)|(?<=\bearly\s)|(?<=\blate\s)|(?<=\bmid-))"
        r"(?P<s>spring|summer|autumn|winter|(?<=in\sthe\s)fall)(?!\w)(?!\s+of\s+(?!['’\d]))",
        _h_season,
    ),
    (
        "week_of",
        rf"week\s+of\s+(?P<mon>{MONTH_D})\s*(?P<d>{DAY})(?:,?\s+(?P<y>{YEAR}))?(?!\w)",
        _h_week_of,
    ),
    (
        "the_unit",
        r"(?:(?<=\bthe\s)(?:full|fiscal|calendar|entire|whole)\s+|(?<=\bthe\s))"
        r"(?P<u>year|quarter|month|week|weekend|morning|decade)(?!\w)"
        r"(?!\s+(?:\d|two\s+thousand|nineteen|eighteen|before|after)\b)",
        _h_the_unit,
    ),
    ("the_time", r"(?<=\bat\s)(?:the|that)\s+time(?!\w)", _h_the_time),
    (
        "set",
        rf"(?P<w>hourly|daily|nightly|weekly|monthly|quarterly|yearly|annually|"
        rf"every\s+(?:other\s+)?(?:{UNIT}|{WEEKDAY}|{MONTH})|each\s+(?:{UNIT}|{WEEKDAY}|{MONTH})|"
        rf"per\s+{UNIT}|"
        r"per\s+annum|"
        r"(?:(?<=\d\s)|(?<=million\s)|(?<=billion\s)|(?<=percent\s)|(?<=times\s))"
        r"an?\s+(?:year|month|week|day))(?!\w)",
        _h_set,
    ),
    (
        "duration",
        rf"{_NUM_UNIT}(?:\s+and\s+a\s+half)?(?!\w|-(?:earlier|ago)\b)",
        _h_duration,
    ),
    (
        "plural",
        r"(?P<u>years|months|weeks|days|decades|hours|minutes|centuries)(?!\w)",
        _h_plural,
    ),
    (
        "time",
        r"(?:(?<![\w:.])(?P<h>[01]?\d)(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>a\.m\.|p\.m\.|am|pm)(?!\w)|"
        r"(?<=\bat\s)(?P<h2>[0-2]?\d):(?P<mi2>[0-5]\d)(?![\d:])|(?P<w>noon|midnight|midday)(?!\w)|"
        r"(?<![\w:.])(?P<h3>1[0-2]|0?[1-9])(?:\s+o['’]clock)?\s+in\s+the\s+"
        r"(?P<part>morning|afternoon|evening)(?!\w))"
        r"(?:\s+(?-i:[A-Z]{2,4})(?![\w.]))?(?:,?\s+(?:on\s+)?(?:(?P<wd>"
        rf"{WEEKDAY})|(?P<rel>today|tomorrow|yesterday)|(?P<mon>{MONTH_D})\s*(?P<d>{DAY})"
        rf"(?:,?\s+(?P<y>{YEAR}))?)(?!\w))?",
        _h_time,
    ),
]


_NUMBERS = " ".join({w.split()[0] for w in [*NUMBER_WORDS, *_VAGUE]})
_MONTHS = " ".join(MONTHS)
_WEEKDAYS = " ".join(WEEKDAYS)
# The words (or "#" for a digit, "'" for an apostrophe) each pattern can start with: a
# candidate position only tries the patterns that can start there, which keeps scanning fast.
_STARTS: dict[str, str] = {
    "iso": "#",
    "mdy": f"{_MONTHS} {_WEEKDAYS}",
    "dmy": f"# {_WEEKDAYS}",
    "month_year": _MONTHS,
    "range": "#",
    "decade": f"# ' {' '.join(_DECADE_WORDS)}",
    "century": f"# {' '.join(ORDINALS)}",
    "season": " ".join(SEASONS),
    "season_rel": " ".join(SEASONS),
    "quarter": "# first second third fourth q1 q2 q3 q4",
    "half": "# first second last",
    "week_of": "week",
    "fiscal": "fiscal",
    "year": "#",
    "yy": "# '",
    "ago": f"# {_NUMBERS}",
    "recent": "recent coming past last next",
    "rel": "this past last next coming previous preceding following current subsequent prior "
    "that same",
    "part_rel": "next following previous preceding same that",
    "part_mod": "early mid late",
    "deictic": "the today tonight yesterday tomorrow this right nowadays now currently "
    "presently these at recently lately",
    "weekday": _WEEKDAYS,
    "month": _MONTHS,
    "season_bare": " ".join(SEASONS),
    "the_unit": "year quarter month week weekend morning decade full fiscal calendar entire whole",
    "the_time": "the that",
    "mdd": _MONTHS,
    "ddm": "#",
    "holiday": "thanksgiving christmas new easter good election independence valentine halloween "
    "labor memorial veterans boxing international women",
    "spelled_year": "nineteen eighteen twenty two",
    "year_ago": "comparable corresponding same prior year",
    "year_end": "year",
    "latest": "latest most",
    "rel_quarter": "this last next",
    "month_rel": _MONTHS,
    "set": "hourly daily nightly weekly monthly quarterly yearly annually every each per a an",
    "duration": f"# {_NUMBERS}",
    "plural": "years months weeks days decades hours minutes centuries",
    "time": "# noon midnight midday",
}


def _trie(words: set[str]) -> str:
    """A regex matching exactly ``words``, factored by prefix (fast in a backtracking engine)."""
    children: dict[str, set[str]] = {}
    ends = False
    for word in words:
        if word:
            children.setdefault(word[0], set()).add(word[1:])
        else:
            ends = True
    if not children:
        return ""
    alts = [re.escape(ch) + _trie(rest) for ch, rest in sorted(children.items())]
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return f"(?:{body})?" if ends else body


def _compile() -> tuple[
    re.Pattern[str], dict[str, str], dict[str, tuple[Handler, list[tuple[str, str]]]]
]:
    """Compile the candidate finder; build each start word's scanner source and the handlers.

    Each pattern's inner groups get the pattern's name as prefix so that they stay unique when
    patterns are joined into one alternation.
    """
    prefixed: dict[str, str] = {}
    table: dict[str, tuple[Handler, list[tuple[str, str]]]] = {}
    for name, pattern, handler in _PATTERNS:
        inner = re.findall(r"\(\?P<(\w+)>", pattern)
        prefixed[name] = (
            f"(?P<{name}>" + re.sub(r"\(\?P<(\w+)>", rf"(?P<{name}__\1>", pattern) + ")"
        )
        table[name] = (handler, [(g, f"{name}__{g}") for g in dict.fromkeys(inner)])
    by_start: dict[str, list[str]] = {}
    for name, _, _ in _PATTERNS:
        for start in _STARTS[name].split():
            by_start.setdefault(start.lower(), []).append(name)
    sources = {start: "|".join(prefixed[n] for n in names) for start, names in by_start.items()}
    words = {w for w in by_start if w[0].isalpha() and w not in _FUNCTION_WORDS}
    by_letter: dict[str, set[str]] = {}
    for word in words:
        by_letter.setdefault(word[0], set()).add(word[1:])
    letters = "|".join(f"[{c}{c.upper()}]{_trie(rest)}" for c, rest in sorted(by_letter.items()))
    function = "|".join(
        rf"[{w[0]}{w[0].upper()}]{w[1:]}(?=\s+(?i:{after})(?!\w))"
        for w, after in _FUNCTION_WORDS.items()
    )
    finder = re.compile(rf"(?<![\w'’])(?:[0-9]|['’][0-9]|(?:{letters})(?!\w)|{function})")
    return finder, sources, table


# Frequent words that start a pattern only before certain words: the candidate finder checks
# that next word itself, so "the", "a", "that" elsewhere cost nothing.
_NEXT_UNIT = rf"(?:{UNIT}|few|couple|dozen|hundred|half|several)"
_FUNCTION_WORDS = {
    "the": r"day|near|short|future|time",
    "a": rf"{_NEXT_UNIT}s?",
    "an": r"hour",
    "at": r"present|the\s+time|that\s+time",
    "that": rf"same|time|morning|afternoon|evening|night|{UNIT}|{SEASON}|{WEEKDAY}|{MONTH}",
    "this": rf"past|coming|morning|afternoon|evening|{UNIT}|{SEASON}|{WEEKDAY}|{MONTH}",
    "some": rf"{_NEXT_UNIT}s?",
    "many": rf"{_NEXT_UNIT}s?",
}


_FINDER, _SCANNER_SOURCES, _TABLE = _compile()
_SCANNERS: dict[str, re.Pattern[str]] = {}


def _scanner(key: str) -> re.Pattern[str]:
    """The patterns that can start with ``key``, compiled on first use (keeps import fast)."""
    scanner = _SCANNERS.get(key)
    if scanner is None:
        scanner = _SCANNERS[key] = re.compile(_SCANNER_SOURCES[key], re.I)
    return scanner


# --- extending a match to the words TimeML includes around it -----------------------------

_MOD_PREFIX = re.compile(
    r"(?:(?P<the>\bthe\s+)?(?:very\s+)?"
    r"(?P<part>\b(?P<phrase>end|beginning|start|middle|dawn|close|turn|latter\s+part|"
    r"(?:first|last|final|closing|opening)\s+(?:months?|weeks?|days?|part|half)|"
    r"second\s+half)\s+of\s+(?:the\s+)?|"
    r"\b(?P<word>early|earlier|late|later|mid|middle)(?:\s*-\s*|\s+)(?:in\s+)?(?:the\s+)?)"
    r"|(?P<mid>\bmid-))$",
    re.I,
)
_THE_PREFIX = re.compile(r"\b(?:the|The|THE)\s+$")
_YEAR_PREFIX = re.compile(r"\b(?:the\s+)?year\s+$", re.I)
_DURATION_PREFIX = re.compile(
    r"(?:(?P<the>\b(?:the|The)\s+(?:(?:past|last|next|first|coming|previous|following|final|"
    r"same|entire|whole|full|early|recent|recent\s+past)\s+)?)|"
    r"(?P<approx>\b(?:about|around|nearly|almost|approximately|roughly|some|over|"
    r"more\s+than|less\s+than|at\s+least|up\s+to|under)\s+))$",
    re.I,
)
_AROUND = re.compile(r"\b(?:around|circa|approximately|roughly|c\.)\s*$", re.I)
_APPROX_MOD = {
    "about": "APPROX",
    "around": "APPROX",
    "approximately": "APPROX",
    "roughly": "APPROX",
    "some": "APPROX",
    "nearly": "LESS_THAN",
    "almost": "LESS_THAN",
    "under": "LESS_THAN",
    "less than": "LESS_THAN",
    "over": "MORE_THAN",
    "more than": "MORE_THAN",
    "at least": "EQUAL_OR_MORE",
    "up to": "EQUAL_OR_LESS",
}


def _extend(found: _Found, text: str, floor: int) -> None:
    """Take in the modifier words before a mention (early, mid-, the end of, about, the)."""
    left = text[max(floor, found.start - 40) : found.start]
    if found.type == "DURATION" or found.approx_ok:
        m = _DURATION_PREFIX.search(left)
        if m and (found.type == "DURATION" or m.group("approx")):
            found.start -= len(m.group())
            if m.group("approx"):
                found.mod = _APPROX_MOD[re.sub(r"\s+", " ", m.group("approx").strip().lower())]
        return
    m = _AROUND.search(left)
    if m and found.type == "DATE" and re.fullmatch(r"\d{3}[\dX]", found.value):
        # "around 2013", "circa 1960s"; not "around Wednesday's ruling" (a preposition)
        found.start -= len(m.group())
        found.mod = "APPROX"
        return
    if found.type == "TIME" and found.the_ok:  # "the next morning", "the morning of June 5"
        m = _THE_PREFIX.search(left)
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
        m = _THE_PREFIX.search(left)
        if m:
            found.start -= len(m.group())
            return
    if re.fullmatch(r"\d{4}", found.value):
        m = _YEAR_PREFIX.search(left)
        if m:
            found.start -= len(m.group())


# --- sentences ----------------------------------------------------------------------------

_ABBREVIATIONS = _words(
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


def _sentence_starts(text: str) -> list[int]:
    """Start offsets of the sentences (and paragraphs) of a text."""
    return [0, *(m.end() for m in _SENTENCE_END.finditer(text))]


def _sentence(text: str, starts: list[int], at: int) -> tuple[str, int]:
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

# --- ranges -------------------------------------------------------------------------------

_RANGE_JOIN = re.compile(r"\s*(?:-|–|—|to|until|till|through|thru|and|or)\s*", re.I)
_RANGE_OPEN = re.compile(r"\b(?:between|from)\s+(?:the\s+)?$", re.I)


def _link_ranges(found: list[_Found], text: str) -> dict[int, str]:
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
        first = _date_value(a.value, a.mod)
        last = _date_value(b.value, b.mod)
        if first is None or last is None or "/" in first.edtf or "/" in last.edtf:
            continue
        if both and not opened and first.precision != last.precision:
            continue  # "the 1970s and the summer of 1981" are two dates, not a period
        if first.latest >= last.earliest:
            continue
        interval = f"{first.edtf}/{last.edtf}"
        intervals[i] = intervals[i + 1] = interval
    return intervals


# --- public API ---------------------------------------------------------------------------


def extract_text(
    text: str,
    dct: dt.date | DateValue | None = None,
    *,
    doc: str = "",
    source: str | None = None,
) -> list[Mention]:
    """Every temporal expression in ``text``, in order, with offsets into ``text``.

    ``dct`` is the document creation time (publication date): relative expressions such as
    ``last year`` or ``on Monday`` count from it, and anaphoric ones (``the following year``)
    fall back to it when no date was stated before them.
    """
    ctx = _Context(text, _Ref.of(dct, "publication"))
    found: list[_Found] = []
    floor = 0
    for candidate in _FINDER.finditer(text):
        at = candidate.start()
        if at < floor:
            continue
        first = candidate.group()
        key = "#" if first[0].isdigit() else "'" if first[0] in "'’" else first.lower()
        m = _scanner(key).match(text, at)
        if m is None:
            continue
        if _COMPOUND.match(text, m.end()) or _COMPOUND_BEFORE.search(text, max(0, at - 16), at):
            continue  # "quarter-to-quarter", "year-over-year", "high noon": not a date
        name = m.lastgroup
        assert name is not None
        handler, groups = _TABLE[name]
        values = {short: m.group(full) for short, full in groups}
        ctx.at = at
        try:
            result = handler(values, ctx, m.start(), m.end())
        except (OverflowError, ValueError):
            # counting from an anchor near year 1 or 9999 can leave the calendar: no date to give
            result = None
        if result is None:
            continue
        for item in result if isinstance(result, list) else [result]:
            _extend(item, text, floor)
            floor = item.end
            if item.explicit is not None:
                ctx.previous, ctx.previous_at = item.explicit, item.start
                ctx.stated.append((item.start, item.explicit))
                if _reported(item.explicit, ctx.dct) and not _earlier(item.explicit, ctx.quarter):
                    ctx.quarter = item.explicit
            found.append(item)
    return _mentions(found, text, doc, source)


_COMPOUND = re.compile(r"[-\s](?:to|over|on|by)[-\s](?:year|quarter|month|week|day)\b", re.I)
_COMPOUND_BEFORE = re.compile(
    r"(?:\b(?:year|quarter|month|week|day)[-\s](?:to|over|on|by)|\bhigh)[-\s]$", re.I
)


def _earlier(quarter: _Ref, than: _Ref | None) -> bool:
    """Whether a stated quarter is before the report's period found so far.

    "After a flat second quarter" in a third-quarter report is background: "the 1989 period"
    and "a year ago" after it still mean the third quarter.
    """
    if than is None or than.year is None or than.quarter is None or quarter.year is None:
        return False
    return (quarter.year, quarter.quarter or 0) < (than.year, than.quarter)


def _reported(quarter: _Ref, dct: _Ref) -> bool:
    """Whether a stated quarter can be the period a report is about: it ended by publication.

    "expects fourth-quarter profit to fall" in a November report is an outlook; the report's
    own period ("the latest quarter", "a year ago") stays the last finished quarter.
    """
    if quarter.quarter is None:
        return False
    if dct.year is None or dct.month is None or quarter.year is None or quarter.quarter is None:
        return True
    return quarter.year * 4 + quarter.quarter <= dct.year * 4 + (dct.month - 1) // 3


@functools.lru_cache(maxsize=16384)
def _date_value(value: str, mod: str | None) -> DateValue | None:
    """DateValue.from_timex, cached: news repeats the same few values many times over."""
    return DateValue.from_timex(value, mod)


def _mentions(found: list[_Found], text: str, doc: str, source: str | None) -> list[Mention]:
    starts = _sentence_starts(text) if found else [0]
    intervals = _link_ranges(found, text)
    out = []
    for i, f in enumerate(found):
        sentence, sentence_start = _sentence(text, starts, f.start)
        date = _date_value(f.value, f.mod) if f.type in ("DATE", "TIME") else None
        out.append(
            Mention(
                doc=doc,
                source=source,
                start=f.start,
                end=f.end,
                text=text[f.start : f.end],
                type=f.type,
                value=f.value,
                mod=f.mod,
                date=date,
                anchor=f.anchor,
                sentence=sentence,
                sentence_start=sentence_start,
                interval=intervals.get(i),
            )
        )
    return out


def extract_chronology(chronology: Chronology) -> list[Mention]:
    """Mentions in every seed document, each article dated by its own publication date.

    A compilation document holds several articles, each with a ``span``: each span is
    extracted on its own (so "last year" counts from that article's date) and its offsets are
    shifted back to offsets in the whole document.
    """
    out: list[Mention] = []
    for document in sorted(chronology.texts):
        text = chronology.texts[document]
        sources = [s for s in chronology.sources if s.document == document]
        spanned = sorted((s for s in sources if s.span is not None), key=lambda s: s.span or ())
        if not spanned:
            source = sources[0] if sources else None
            dct = source.published if source else None
            out.extend(extract_text(text, dct, doc=document, source=source.id if source else None))
            continue
        for s in spanned:
            assert s.span is not None
            begin, end = s.span
            for mention in extract_text(text[begin:end], s.published, doc=document, source=s.id):
                out.append(
                    replace(
                        mention,
                        start=mention.start + begin,
                        end=mention.end + begin,
                        sentence_start=mention.sentence_start + begin,
                    )
                )
    return out
