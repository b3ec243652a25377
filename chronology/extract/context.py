"""What the rules resolve against while one text is scanned, written by the scanner alone.

The creation date; the previous date stated; the time a narrative has reached; the quotation a
mention sits in and the date of the speech that introduced it; the tense of its clause.
"""

from __future__ import annotations

import re
from dataclasses import replace

from chronology.extract.anchors import Ref
from chronology.extract.vocabulary import DAY_FROM_NOW, MONTH_D, SEASON, WEEKDAY, YEAR


class Context:
    """What the rules need to know while scanning one text: the text and its anchors."""

    def __init__(
        self, text: str, dct: Ref, narrative: bool = False, passages: bool = False
    ) -> None:
        self.text = text
        self.dct = dct
        # narrative (history told in order): dates without a year and relative ones count from
        # the time the story has reached; news: from the creation date
        self.narrative = narrative
        self.passages = passages  # news that may tell history in a passage (mode auto)
        self.previous: Ref | None = None
        self.previous_at = -1
        # the time a narrative has reached: the last date stated as a step of the story, not as
        # a bound ("until 1958"), an aside in brackets or a plan ("a campaign planned in 1976")
        self.story: Ref | None = None
        self.quarter: Ref | None = None  # the last quarter stated: financial reports' period
        self.year_said: tuple[int, Ref] | None = None  # "last year" and where it ends
        self.months_said: dict[int, tuple[int, int]] = {}  # bare month -> (where, which year)
        self.stated: list[tuple[int, Ref]] = []  # dates written out so far, with positions
        self._quote_scan = 0  # how far open_quote has read
        self._quote_stack: list[tuple[str, int]] = []  # quotation marks open there
        self._speeches: dict[int, Ref | None] = {}  # quotation opening -> its speech's date

    def deictic(self, at: int) -> Ref:
        """``last year``, ``two days ago``: counted from the publication date when known.

        Inside a quotation introduced by a dated speech ("said on January 9, 2018, 'It does not
        date from today'") they count from the day of the speech, not of the article.
        """
        speech = self.speech(at)
        if speech is not None:
            return speech
        if self.narrative and self.story is not None:
            return self.story
        if self.dct.year is not None or self.previous is None:
            return self.dct
        return self.previous

    def speech(self, at: int) -> Ref | None:
        """The date of the speech whose quotation holds the current mention, if one is stated."""
        if not self.stated:
            return None
        opening = self.open_quote(at)
        if opening is None:
            return None
        if opening not in self._speeches:  # every mention in one quotation shares the answer
            self._speeches[opening] = self._speech_before(opening)
        return self._speeches[opening]

    def _speech_before(self, opening: int) -> Ref | None:
        lead = self.text[max(0, opening - 200) : opening]
        # a speech introduced at the end of the previous paragraph ("said on May 5:")
        core = lead.rstrip()
        introduced = core.endswith((":", ","))
        cut = max((m.end() for m in _BREAK.finditer(core if introduced else lead)), default=0)
        start = opening - len(lead) + cut
        if not _SPEECH.search(self.text, start, opening):
            return None
        for at, ref in reversed(self.stated):
            if at < start:
                return None
            if at < opening and ref.month is not None and ref.stated:
                return replace(ref, label=f"speech dated {ref.truncated()} at {at}")
        return None

    def open_quote(self, at: int) -> int | None:
        """Where the innermost quotation open at the current mention begins: “…”, ‘…’,
        ``…'' or "…", read once through the text as mentions come.

        A paragraph end closes every quotation, except the typographers' convention for a
        quotation that runs over several paragraphs: no closing mark at the end of a paragraph,
        an opening mark at the start of the next. Then the quotation goes on, and the speech
        that introduced it still dates "last year" in its later paragraphs.
        """
        text, stack = self.text, self._quote_stack
        begin = self._quote_scan
        first = self._quotation_start(begin, at)
        if first > begin:  # skip the paragraphs in between: no quotation open there goes on
            stack.clear()
            begin = first
        while True:
            paragraph = text.find("\n", begin, at)
            self._read_quotes(begin, at if paragraph < 0 else paragraph)
            if paragraph < 0:
                break
            begin = paragraph + 1
            while begin < at and text[begin].isspace():
                begin += 1
            opening = _QUOTE_OPENING.match(text, begin)
            if stack and opening is not None:
                stack[:] = stack[:1]  # the quotation goes on: keep where it began
                begin = opening.end()
            else:
                stack.clear()
        self._quote_scan = max(self._quote_scan, at)
        return stack[-1][1] if stack else None

    def _quotation_start(self, begin: int, at: int) -> int:
        """Where to read quotation marks from for a mention at ``at``: its paragraph, or the
        first of the paragraphs before it that each open with a quotation mark (a quotation
        running over them), never before ``begin``."""
        text = self.text
        start = text.rfind("\n", begin, at) + 1
        if start == 0:
            return begin
        while start > begin:
            lead = start
            while lead < at and text[lead].isspace():
                lead += 1
            if _QUOTE_OPENING.match(text, lead) is None:
                return start
            end = start - 1  # the line break before this paragraph; skip blank lines
            while end > begin and text[end - 1].isspace():
                end -= 1
            if end <= begin:
                return begin
            start = text.rfind("\n", begin, end) + 1 or begin
        return begin

    def _read_quotes(self, begin: int, end: int) -> None:
        """Push and pop the quotation marks between ``begin`` and ``end`` (one paragraph)."""
        text, stack = self.text, self._quote_stack
        for m in _QUOTE_MARK.finditer(text, begin, end):
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

    def moves_story(self, start: int, end: int) -> bool:
        """Whether a date stated at ``start`` is a step of the story (see ``story``)."""
        before = self.text[max(0, start - 80) : start]
        if _BOUND.search(before):
            return False
        # a plan ("a campaign planned in 1976"): only a future cue near the date can make one,
        # so the full tense reading runs only where there is one
        near = self.text[max(0, start - 80) : end + 80]
        cue = _FUTURE.search(near) or _DEADLINE.search(before[-16:])
        if cue and self.tense(start, end) > 0:
            return False
        opened = before.rfind("(")
        return opened < 0 or ")" in before[opened:]

    def anaphoric(self) -> Ref:
        """``the following year``, ``two days later``: counted from the previous date stated, or
        in a narrative from the time the story has reached."""
        if self.narrative and self.story is not None:
            return self.story
        if self.previous is not None:
            return self.previous
        return self.dct

    def year_for(self, start: int, end: int | None = None) -> Ref:
        """The anchor giving a year to ``June 28`` or ``in April``.

        In the sentence of a stated year ("In 1981, on June 28 and July 2") it is that year;
        otherwise it is the publication year, as news uses "Dec. 7" or "in April". (Taking the
        last stated year from earlier sentences is wrong more often than right in news, where
        background years such as "since 1980" precede "In September, it announced".)
        """
        if end is not None:
            ahead = _YEAR_AHEAD.match(self.text, end)
            if ahead:  # "In April and June 1955", "the spring and early summer of 1943"
                year = int(ahead.group("y"))
                return Ref(year, label=f"year stated after {year:04d} at {ahead.start('y')}")
        if self.year_said is not None and 0 <= start - self.year_said[0] <= 24:
            return self.year_said[1]  # "this year through August", "last year in May"
        previous = self.previous
        if self.narrative and self.story is not None:
            return self.story  # the year the story has reached
        if (
            previous is not None
            and previous.year is not None
            and previous.stated
            and (
                self.dct.year is None
                or not _BREAK.search(self.text, self.previous_at, start)
                or self.history_passage(previous, start)
            )
            # "which applied in July 1997, will join on March 12": the future is not a past year
            and not (
                self.dct.year is not None and previous.year < self.dct.year and self.future(start)
            )
        ):
            return previous
        return self.dct

    def history_passage(self, previous: Ref, start: int) -> bool:
        """Whether a news article tells history at ``start``: the paragraph states a year two
        or more years before the article's date, and nothing since counts from that date."""
        if not self.passages or self.dct.year is None or previous.year is None:
            return False
        if previous.year > self.dct.year - 2:
            return False
        between = self.text[self.previous_at : start]
        if "\n" in between or NEWS_DEICTIC.search(between):
            return False
        # the old year opens its sentence, as a step of a story does ("In 1979, students ...")
        head = self.text[max(0, self.previous_at - 12) : self.previous_at]
        return bool(_STORY_HEAD.search(head))

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
        if _PAST_DEADLINE.search(left[-40:]):
            return -1  # "was stalemated by 1940": a deadline already passed
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
IN_PAST = re.compile(rf"{_PAST}[^.;:!?\n\"“”]*\bin\s+$")


_OPENING = re.compile(
    r"\W*(?:(?:and|but|then|so|yet|on|by|until|till|up|not|late|early|as|of|from)\W+)*", re.I
)


# a month or season joined to the next one, which states the year: "April and June 1955"
_YEAR_AHEAD = re.compile(
    rf"\s*(?:and|or|to|through|until|/|-|–)\s*(?:(?:early|late|mid)[-\s]*)?(?:\d{{1,2}}\s+)?"
    rf"(?:{MONTH_D}|(?i:{SEASON}))(?:\s+\d{{1,2}}(?!\d))?(?:\s+of)?,?\s+(?P<y>{YEAR})"
)


# a date that opens its sentence: "In 1979, ...", "By March 1980 ...", "1981: ..."
_STORY_HEAD = re.compile(r"(?:^|[.!?\n]\s*|\n)(?:(?:In|By|During|On|From|Early|Late)\s+)?$")


# words that make a date a bound of something else rather than a step of the story
_BOUND = re.compile(
    r"\b(?:until|till|since|after|before)\s+(?:the\s+|early\s+|late\s+|mid-?)?$", re.I
)


_QUOTE_MARK = re.compile(r"[“”\"‘’]|``|''")


_PAIRS = {"”": "“", "''": "``", "’": "‘"}


_QUOTE_OPENING = re.compile(r"[“\"‘]|``")


_SPEECH = re.compile(
    r"\b(?:said|says|say|stated|states|announced|announces|told|tells|declared|declares|wrote|"
    r"writes|added|adds|warned|warns|explained|claimed|claims|according\s+to)\b",
    re.I,
)


# a clause ends at ; or a newline, or at a full stop that is not an initial or a title
# ("will succeed Daniel P. Davison Feb. 1", "Mr. Smith will")
# (the full stop comes first and the abbreviations are looked behind from it, so the regex
# engine tries them only at full stops)
_CLAUSE_END = re.compile(
    r"[;\n\"“”]|``|''|\.(?<!\b[A-Z]\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bSt\.)(?<!\bJr\.)"
    r"(?<!\bMrs\.)(?<!\bCo\.)(?<!\bInc\.)(?<!\bCorp\.)(?<!\bLtd\.)"
)


_BREAK = re.compile(r"[.!?][\"'”’)]*\s+[\"'“‘(]?[A-Z]|\n")


_DEADLINE = re.compile(
    r"(?<!\bnot\s)(?<!\bup\s)\b(?:effective|payable|by|through|until|till|due|expires?|"
    r"starting|beginning)\s+$",
    re.I,
)


# a past verb just before "by": "was stalemated by 1940" is done by then, while "postponed
# until Tuesday" still looks ahead
_PAST_DEADLINE = re.compile(rf"{_PAST}\s+by\s+$", re.I)
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


_PAST_VERB = re.compile(rf"{_PAST}\s+(?:on\s+|late\s+|early\s+)?$")


NEWS_DEICTIC = re.compile(
    rf"\b(?:{DAY_FROM_NOW}|tonight|{WEEKDAY}|"
    r"(?:last|this|next|past)\s+(?:week|weekend|month|year)|ago)\b",
    re.I,
)
