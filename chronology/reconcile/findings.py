"""What reconcile finds besides candidates: the editor's to-do list of uncurated sentences,
suspect accounts, and coverage per source.

Uncurated
    Dated sentences that no account covers, one row per sentence (the editor's to-do list).
    Rows are ranked: first those with a candidate event (a missing account of a known event,
    quick to add, and the likeliest way to find a new disagreement), then those with an explicit
    date before those holding only relative ones ("last year", resolved by the extractor), then
    by the precision of their most precise date (a day before a month, a year, a decade), then
    by place in the document.
Suspect accounts
    An account whose quote states explicit dates none of which can be read as the account's
    ``date`` (each is a ``conflict`` by ``compare_dates``: a likely typing error; a
    ``possible-conflict`` is not enough), unless the account's ``note`` names that date (the
    editor saw it: "'since 1951' is the previous election, not this one"). One compatible date
    is enough, because quotes often give a second, earlier date for context. Relative dates
    ("last year", "that year", "September") are not used: the extractor resolves them from the
    publication date or the previous date in the text, which is often not the time of a quoted
    speech. Also suspect: a quote that touches no dated mention at all (a date cut in half by
    the quote still counts) while the account has no ``note`` saying where its date comes from
    (the curation rule: implied dates get a note).
Coverage
    Per source, the share of the source's dated mentions that accounts attest.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import filterfalse
from operator import attrgetter, itemgetter

from chronology.conflicts import compare_dates
from chronology.dates import DateValue
from chronology.errors import ChronologyError
from chronology.extract import Mention
from chronology.model import Account, Chronology
from chronology.reconcile.matching import Candidate, Quote

#: Most precise first; the order uncurated rows are ranked in.
PRECISION_RANK: dict[str, int] = {
    "day": 0,
    "month": 1,
    "season": 2,
    "year": 3,
    "interval": 4,
    "one-of": 4,
    "decade": 5,
    "century": 6,
}


@dataclass(frozen=True)
class Uncurated:
    """A dated sentence no curated account covers: one line of the editor's to-do list."""

    source: str
    document: str
    line: int  # line of the sentence in its document
    start: int  # offset of the sentence in its document
    sentence: str
    mentions: tuple[Mention, ...]  # its uncovered dated mentions, in text order
    candidate: Candidate | None

    @property
    def best(self) -> Mention:
        """The most precise of its mentions (the date a stub proposes)."""
        return min(self.mentions, key=lambda m: (_precision_rank(m), m.start))

    @property
    def rank_key(self) -> tuple[bool, bool, int, str, int]:
        """Where the row stands in the to-do list (see the module docstring)."""
        return _rank_key(self.mentions, self.candidate, self.document, self.start)


def _rank_key(
    mentions: Sequence[Mention], candidate: Candidate | None, document: str, start: int
) -> tuple[bool, bool, int, str, int]:
    relative = all(m.anchor is not None for m in mentions)
    precision = min(map(_precision_rank, mentions))  # the precision of the row's best mention
    return (candidate is None, relative, precision, document, start)


@dataclass(frozen=True)
class Suspect:
    """A curated account that looks wrong: its quote contradicts its date, or holds none."""

    event: str
    account: str
    line: int
    source: str
    date: str  # the account's date as curated (EDTF)
    kind: str  # "date-mismatch" | "no-date"
    stated: tuple[str, ...]  # the dates its quote states, as written in the text
    explanation: str


@dataclass(frozen=True)
class Coverage:
    """How many of a source's dated mentions curated accounts attest."""

    source: str
    covered: int
    total: int

    @property
    def share(self) -> float | None:
        return None if self.total == 0 else self.covered / self.total


_SENTENCE = attrgetter("doc", "sentence_start", "source")
_SOURCE = attrgetter("source")


def _precision_rank(mention: Mention) -> int:
    assert mention.date is not None
    return PRECISION_RANK.get(mention.date.precision, len(PRECISION_RANK))


def _stated(mention: Mention) -> list[DateValue]:
    """The dates a mention can stand for: its own, and the period it ends, if any."""
    assert mention.date is not None
    dates = [mention.date]
    if mention.interval:
        period = DateValue.from_timex(mention.interval)
        if period is None:
            try:
                period = DateValue.parse(mention.interval)
            except ChronologyError:
                period = None
        if period is not None:
            dates.append(period)
    return dates


def _explained(account: Account, stated: Sequence[Mention]) -> bool:
    """Whether the account's note names a date its quote states (the editor saw the mismatch:
    "'since 1951': the article names 1951 as the previous elections before 1980")."""
    note = (account.note or "").casefold()
    return bool(note) and any(m.text.casefold() in note for m in stated)


def suspects(
    mentions: Sequence[Mention],
    attested: dict[int, tuple[str, ...]],
    quotes: Sequence[Quote],
    touched: set[str],
) -> list[Suspect]:
    """Accounts whose quote contradicts their date, or states none and has no note."""
    inside: dict[str, list[Mention]] = defaultdict(list)
    for i, ids in attested.items():
        for account_id in ids:
            inside[account_id].append(mentions[i])
    out = []
    for q in quotes:
        account = q.account
        if q.start is None:
            continue
        stated = inside.get(q.id, [])
        explicit = [m for m in stated if m.anchor is None]
        if explicit:
            relations = [
                compare_dates(d, account.date).relation for m in explicit for d in _stated(m)
            ]
            if all(r == "conflict" for r in relations) and not _explained(account, explicit):
                texts = tuple(dict.fromkeys(m.text for m in explicit))
                said = " and ".join(f'"{t}"' for t in texts)
                out.append(
                    Suspect(
                        event=q.event,
                        account=q.id,
                        line=q.line,
                        source=account.source,
                        date=account.date.edtf,
                        kind="date-mismatch",
                        stated=texts,
                        explanation=(
                            f"the quote says {said} but the account is dated "
                            f"{account.date.describe()}: a typing error?"
                        ),
                    )
                )
        elif q.id not in touched and not account.note:
            out.append(
                Suspect(
                    event=q.event,
                    account=q.id,
                    line=q.line,
                    source=account.source,
                    date=account.date.edtf,
                    kind="no-date",
                    stated=(),
                    explanation=(
                        f"the quote states no date, yet the account is dated "
                        f"{account.date.describe()} and no note says why"
                    ),
                )
            )
    return out


def _lines(text: str) -> list[int]:
    """Offsets of the line breaks of a text (to turn offsets into line numbers by bisecting)."""
    return [m.start() for m in re.finditer("\n", text)]


def uncurated(
    chronology: Chronology,
    mentions: Sequence[Mention],
    attested: dict[int, tuple[str, ...]],
    candidates: dict[int, Candidate],
) -> list[Uncurated]:
    """Unattested dated mentions, one row per sentence, ranked (see the module docstring)."""
    grouped: dict[tuple[str, int, str | None], list[int]] = defaultdict(list)
    # the unattested indices and their keys found in C (filterfalse, attrgetter): one Python
    # step per row member; a source of None joins "" when the row is built
    unattested = list(filterfalse(attested.__contains__, range(len(mentions))))
    sentences = map(_SENTENCE, map(mentions.__getitem__, unattested))
    for i, sentence in zip(unattested, sentences, strict=True):
        grouped[sentence].append(i)
    newlines = {doc: _lines(text) for doc, text in chronology.texts.items()}
    no_lines: list[int] = []
    breaks_of: str | None = None
    breaks = no_lines
    unranked = len(PRECISION_RANK)
    ranked = []
    for (doc, start, of), members in grouped.items():
        source = of or ""
        if len(members) == 1:  # most sentences hold one date: no list, no max, no min
            first = mentions[members[0]]
            best = candidates.get(members[0])
            row_mentions: tuple[Mention, ...] = (first,)
            assert first.date is not None
            key = (
                best is None,
                first.anchor is not None,
                PRECISION_RANK.get(first.date.precision, unranked),
                doc,
                start,
            )
        else:
            found = [candidates[i] for i in members if i in candidates]
            best = max(found, key=lambda c: (c.score, c.account), default=None)
            row_mentions = tuple(map(mentions.__getitem__, members))
            first = row_mentions[0]
            # the key from what is at hand: the row's own property would find its best again
            key = _rank_key(row_mentions, best, doc, start)
        if doc != breaks_of:  # rows come a document at a time: one look-up per document
            breaks_of, breaks = doc, newlines.get(doc, no_lines)
        line = bisect.bisect_right(breaks, start - 1) + 1
        # positional: 165,000 rows at 200k mentions, and keywords cost a third of building one
        row = Uncurated(source, doc, line, start, first.sentence, row_mentions, best)
        ranked.append((key, row))
    ranked.sort(key=itemgetter(0))
    return [row for _, row in ranked]


def coverage(
    chronology: Chronology, mentions: Sequence[Mention], attested: dict[int, tuple[str, ...]]
) -> list[Coverage]:
    """Per source, in sources.yaml order: attested dated mentions / all its dated mentions."""
    total = Counter(map(_SOURCE, mentions))
    covered = Counter(map(_SOURCE, map(mentions.__getitem__, attested)))
    for counts in (total, covered):  # a mention of no known source counts under ""
        counts[""] += counts.pop(None, 0)
    return [Coverage(s.id, covered[s.id], total[s.id]) for s in chronology.sources]
