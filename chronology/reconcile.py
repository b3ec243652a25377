"""Tie the dates found in the seeds to the curated events: what is attested, what is missing,
what looks mistyped, and where the accounts disagree.

``reconcile(chronology, mentions)`` takes the extractor's mentions (``extract_chronology``) and
the loaded chronology and sorts every *dated* mention (a DATE or TIME mention with a calendar
value, ``Mention.date``; "now" or an unresolved "Tuesday" names no day and is left out):

Attested
    The mention lies inside the quote of an account of the same source (``Account.offsets``,
    the quote's offsets in its document). The account covers it.
Candidate
    Otherwise, the mention may still belong to a curated event: it is a candidate for an event
    when (1) its date is compatible with the date of one of the event's accounts, meaning
    ``conflicts.compare_dates`` calls them ``same``, ``compatible`` or ``overlapping`` (their
    core ranges meet; no second date logic here), and (2) its sentence is similar to that
    account's quote. Similarity is rapidfuzz's ``token_set_ratio`` on lower-cased words without
    punctuation (``utils.default_process``): 100 when one text's words are a subset of the
    other's, so a quote cut from a longer sentence still scores high, and word order does not
    matter. A pair needs a score of at least ``SIMILARITY`` (70) and at least ``MIN_SHARED`` (2)
    shared content words (not stopwords, not numbers) making up at least ``MIN_OVERLAP`` (40%)
    of the shorter text's content words, so that a two-word quote such as "in 2013" cannot match
    every sentence of that year. (On the synthetic benchmark the 40% rule drops no pair that
    scores 70 and cuts the pairs to score twentyfold.) At least ``MIN_SHARED`` of the shared
    words must also be *rare* among the accounts whose dates meet the mention's years: used by
    at most ``COMMON`` (50) of them. A word half the accounts of 1981 use says nothing about
    which of them a sentence retells; in a chronology of a few hundred accounts every word is
    rare, and in one of 20,000 this is what keeps chance matches on common words out (on the
    synthetic benchmark at 200k mentions x 20k events it drops 26,400 chance candidates,
    mostly random sentences that happened to score 70, and 1.3% of the true paraphrases).
    An event's score is its best account's.
Uncurated
    Dated sentences that no account covers, one row per sentence (the editor's to-do list).
    Rows are ranked: first those with a candidate event (a missing account of a known event,
    quick to add, and the likeliest way to find a new disagreement), then those with an explicit
    date before those holding only relative ones ("last year", resolved by the extractor), then
    by the precision of their most precise date (a day before a month, a year, a decade), then
    by place in the document.

It also reports:

- every conflict, grouped by event, exactly as ``export.build`` computes them;
- *suspect* accounts: an account whose quote states explicit dates none of which can be read as
  the account's ``date`` (each is a ``conflict`` by ``compare_dates``: a likely typing error; a
  ``possible-conflict`` is not enough), unless the account's ``note`` names that date (the
  editor saw it: "'since 1951' is the previous election, not this one"). One compatible date is
  enough, because quotes often give a second, earlier date for context. Relative dates ("last
  year", "that year", "September") are not used: the extractor resolves them from the
  publication date or the previous date in the text, which is often not the time of a quoted
  speech. Also suspect: a quote that touches no dated mention at all (a date cut in half by the
  quote still counts) while the account has no ``note`` saying where its date comes from (the
  curation rule: implied dates get a note);
- coverage per source: the share of the source's dated mentions that accounts attest.

Scale: matching never loops over all (mention, account) pairs, and its work grows with the
number of mentions, not with mentions times accounts per year. Mentions are grouped by the years
their date spans; each group meets only the accounts whose dates meet those years (a numpy
interval test), through an inverted index of their rare words (a sparse product over words at
most ``COMMON`` of those accounts use, so each word proposes at most ``COMMON`` accounts per
mention); only proposed pairs have their shared words counted exactly, and only those sharing
enough reach the exact date comparison and rapidfuzz. ``bench/bench_archive.py`` measures it
from 25k mentions x 2.5k events to 200k x 20k.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import gc
import itertools
import json
import os
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process, utils
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString
from scipy import sparse

from chronology import quotes
from chronology.conflicts import DISAGREE, compare_dates, flag
from chronology.dates import DateValue
from chronology.errors import ChronologyError, Problem
from chronology.export import build
from chronology.extract import Mention
from chronology.files import write_atomic
from chronology.formats import plural
from chronology.load import dump_round_trip, parse_yaml
from chronology.model import Account, Chronology, EventsFile

SIMILARITY = 70.0
MIN_SHARED = 2
MIN_OVERLAP = 0.4
#: A word more of the accounts of a mention's years use than this is too common to propose a
#: candidate (it still counts towards MIN_OVERLAP once a pair is proposed).
COMMON = 50
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
_STOPWORDS = """
    a about after against all also an and any are as at be been before but by can could
    did do does during for from had has have he her his how if in into is it its itself
    may more most no not of on once only or other our out over own same she should so
    some such than that the their them then there these they this those through to too
    under until up very was we were what when where which while who whom why will with
    would you your year years month months day days
"""
STOPWORDS: frozenset[str] = frozenset(_STOPWORDS.split())
_WORD = re.compile(r"[^\W\d_]{2,}")


@dataclass(frozen=True)
class Candidate:
    """A curated event an unattested mention may belong to, and why."""

    event: str
    title: str
    account: str  # "<event id>/<n>", the account whose date and quote matched best
    line: int  # line of that account in events.yaml
    score: float  # token_set_ratio of the sentence and that account's quote, 0-100
    relation: str  # compare_dates relation of the mention's date and the account's


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
        relative = all(m.anchor is not None for m in self.mentions)
        precision = _precision_rank(self.best)
        return (self.candidate is None, relative, precision, self.document, self.start)


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


@dataclass
class Report:
    """Everything ``chronology reconcile`` reports; ``to_dict`` is its JSON form."""

    events: int
    accounts: int
    mentions: list[Mention]  # the dated mentions, by document and offset
    attested: dict[int, tuple[str, ...]]  # mention index -> ids of the accounts quoting it
    candidates: dict[int, Candidate]  # mention index -> best candidate event (unattested only)
    conflicts: list[dict[str, Any]]  # export events (id, title, line, conflicts) with conflicts
    suspects: list[Suspect]
    uncurated: list[Uncurated]
    coverage: list[Coverage]
    conflict_counts: dict[str, int] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # source id -> Source.display_name

    def name(self, source: str) -> str:
        """The name readers see for a source (its id when the report does not know it)."""
        return self.names.get(source, source)

    def to_dict(self) -> dict[str, Any]:
        return _report_dict(self)


def _precision_rank(mention: Mention) -> int:
    assert mention.date is not None
    return PRECISION_RANK.get(mention.date.precision, len(PRECISION_RANK))


def dated(mentions: Sequence[Mention]) -> list[Mention]:
    """The mentions that name calendar days (DATE or TIME with a date), by document and offset."""
    keep = (m for m in mentions if m.type in ("DATE", "TIME") and m.date is not None)
    return sorted(keep, key=lambda m: (m.doc, m.start, m.end, m.source or ""))


@dataclass(frozen=True)
class _Quote:
    """One curated account, flattened with what matching needs."""

    id: str
    event: str
    title: str
    line: int
    account: Account
    start: int | None
    end: int | None


def _flatten(chronology: Chronology) -> list[_Quote]:
    out = []
    for event in chronology.events:
        for n, account in enumerate(event.accounts, start=1):
            offsets = account.offsets
            out.append(
                _Quote(
                    id=f"{event.id}/{n}",
                    event=event.id,
                    title=event.title,
                    line=account.line,
                    account=account,
                    start=offsets[0] if offsets else None,
                    end=offsets[1] if offsets else None,
                )
            )
    return out


class _QuoteIndex:
    """Located quotes per source, sorted by start offset, for bisecting by position."""

    def __init__(self, quotes: Sequence[_Quote]) -> None:
        grouped: dict[str, list[_Quote]] = defaultdict(list)
        for q in quotes:
            if q.start is not None:
                grouped[q.account.source].append(q)
        self._quotes: dict[str, list[_Quote]] = {}
        self._starts: dict[str, list[int]] = {}
        self._longest: dict[str, int] = {}
        for source, located in grouped.items():
            located.sort(key=lambda q: (q.start, q.end, q.id))
            self._quotes[source] = located
            self._starts[source] = [q.start or 0 for q in located]
            self._longest[source] = max((q.end or 0) - (q.start or 0) for q in located)

    def overlapping(self, source: str | None, start: int, end: int) -> list[_Quote]:
        """Quotes of ``source`` that share at least one character with [start, end)."""
        key = source or ""
        quotes = self._quotes.get(key)
        if not quotes:
            return []
        starts = self._starts[key]
        lo = bisect.bisect_left(starts, start - self._longest[key])
        hi = bisect.bisect_right(starts, end - 1)
        return [q for q in quotes[lo:hi] if (q.end or 0) > start]


def attest(
    mentions: Sequence[Mention], index: _QuoteIndex
) -> tuple[dict[int, tuple[str, ...]], set[str]]:
    """Which accounts each mention attests (it lies inside their quotes, same source), and
    the ids of every account whose quote shares characters with some mention (a quote that
    cuts a date in half still states a date)."""
    inside: dict[int, tuple[str, ...]] = {}
    touched: set[str] = set()
    for i, m in enumerate(mentions):
        quotes = index.overlapping(m.source, m.start, m.end)
        if not quotes:
            continue
        touched.update(q.id for q in quotes)
        ids = tuple(q.id for q in quotes if (q.start or 0) <= m.start and m.end <= (q.end or 0))
        if ids:
            inside[i] = ids
    return inside, touched


def content_words(text: str) -> set[str]:
    """The words similarity must share: lower-cased, no stopwords, no numbers (dates are
    compared as dates, so a shared year is no evidence of a shared event)."""
    return set(_WORD.findall(text.casefold())) - STOPWORDS


def _incidence(texts: Sequence[str]) -> sparse.csr_matrix:
    """A texts x words 0/1 matrix of content words (one vocabulary for all the texts)."""
    words = [content_words(t) for t in texts]
    flat = list(itertools.chain.from_iterable(words))
    vocabulary = {w: code for code, w in enumerate(dict.fromkeys(flat))}
    codes = np.fromiter(map(vocabulary.__getitem__, flat), dtype=np.int64, count=len(flat))
    lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
    indptr = np.concatenate([[0], np.cumsum(lengths)])
    data = np.ones(len(flat), dtype=np.float32)
    shape = (len(texts), max(len(vocabulary), 1))
    return sparse.csr_matrix((data, codes, indptr), shape=shape)


def _ordinals(dates: Sequence[DateValue]) -> tuple[np.ndarray, np.ndarray]:
    """Core ranges as day numbers, for vectorised interval tests (each distinct date once)."""
    # keyed by what the core depends on: hashing two strings is far cheaper than a DateValue
    cores: dict[tuple[str, str | None], tuple[int, int]] = {}
    keys = [(d.edtf, d.modifier) for d in dates]
    for key, d in zip(keys, dates, strict=True):
        if key not in cores:
            lo, hi = d.core
            cores[key] = (lo.toordinal(), hi.toordinal())
    pairs = np.array([cores[k] for k in keys], dtype=np.int64).reshape(len(dates), 2)
    return pairs[:, 0], pairs[:, 1]


def _year_groups(lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Group core ranges by the whole years they touch.

    Returns, per group, the first day of its first year and the last day of its last year (as
    day numbers), and for each range the index of its group.
    """
    epoch = dt.date(1970, 1, 1).toordinal()
    first_year = (lo - epoch).astype("datetime64[D]").astype("datetime64[Y]")
    last_year = (hi - epoch).astype("datetime64[D]").astype("datetime64[Y]")
    keys = np.stack([first_year.astype(np.int64), last_year.astype(np.int64)], axis=1)
    unique, group_of = np.unique(keys, axis=0, return_inverse=True)
    starts = unique[:, 0].astype("datetime64[Y]").astype("datetime64[D]").astype(np.int64)
    ends = (unique[:, 1] + 1).astype("datetime64[Y]").astype("datetime64[D]").astype(np.int64)
    return starts + epoch, ends - 1 + epoch, group_of.reshape(-1)


def match(
    mentions: Sequence[Mention], which: Sequence[int], quotes: Sequence[_Quote]
) -> dict[int, Candidate]:
    """The best candidate event for each mention in ``which`` (indices into ``mentions``).

    See the module docstring for the rule. Pairs are generated per group of mentions spanning
    the same years: a numpy test keeps the accounts whose core range meets those years, a sparse
    product over the words at most ``COMMON`` of those accounts use proposes pairs (the inverted
    index), their shared content words are counted exactly, and only pairs with enough shared
    words and meeting core ranges are scored by rapidfuzz, in one vectorised call.
    """
    if not which or not quotes:
        return {}
    chosen = [mentions[i] for i in which]
    dates = [m.date for m in chosen if m.date is not None]
    assert len(dates) == len(chosen)  # ``which`` holds dated mentions only
    m_lo, m_hi = _ordinals(dates)
    a_lo, a_hi = _ordinals([q.account.date for q in quotes])
    sentences = list(dict.fromkeys(m.sentence for m in chosen))
    sentence_row = {s: r for r, s in enumerate(sentences)}
    matrix = _incidence([*sentences, *(q.account.quote for q in quotes)])
    s_matrix, q_matrix = matrix[: len(sentences)], matrix[len(sentences) :]
    s_words, q_words = np.diff(s_matrix.indptr), np.diff(q_matrix.indptr)
    rows_of = np.fromiter((sentence_row[m.sentence] for m in chosen), np.int64, len(chosen))
    g_lo, g_hi, group_of = _year_groups(m_lo, m_hi)
    by_group = np.argsort(group_of, kind="stable")
    bounds = np.searchsorted(group_of[by_group], np.arange(len(g_lo) + 1))
    pair_m: list[np.ndarray] = []
    pair_q: list[np.ndarray] = []
    for g in range(len(g_lo)):
        cols = np.flatnonzero((a_lo <= g_hi[g]) & (a_hi >= g_lo[g]))
        if not len(cols):
            continue
        ks = by_group[bounds[g] : bounds[g + 1]]
        s_group, q_group = s_matrix[rows_of[ks]], q_matrix[cols]
        # the inverted index: only words few of these accounts use can propose a pair
        rare = q_group.copy()
        rare.data[np.bincount(rare.indices, minlength=rare.shape[1])[rare.indices] > COMMON] = 0
        rare.eliminate_zeros()
        proposed = (s_group @ rare.T).tocoo()
        ok = proposed.data >= MIN_SHARED
        row, col = proposed.row[ok], proposed.col[ok]
        shared = np.asarray(s_group[row].multiply(q_group[col]).sum(axis=1)).ravel()
        shorter = np.minimum(s_words[rows_of[ks]][row], q_words[cols][col])
        keep = shared >= MIN_OVERLAP * shorter
        mk, qk = ks[row[keep]], cols[col[keep]]
        meet = (m_lo[mk] <= a_hi[qk]) & (a_lo[qk] <= m_hi[mk])
        pair_m.append(mk[meet])
        pair_q.append(qk[meet])
    if not pair_m:
        return {}
    mk = np.concatenate(pair_m)
    qk = np.concatenate(pair_q)
    if not len(mk):
        return {}
    clean_s = np.array([utils.default_process(s) for s in sentences], dtype=object)
    clean_q = np.array([utils.default_process(q.account.quote) for q in quotes], dtype=object)
    scores = process.cpdist(
        clean_s[rows_of[mk]],
        clean_q[qk],
        scorer=fuzz.token_set_ratio,
        score_cutoff=SIMILARITY,
        workers=1,
    )
    # the best account per mention: highest score, then the earliest account in events.yaml
    ok = scores >= SIMILARITY
    mk, qk, scores = mk[ok], qk[ok], scores[ok]
    order = np.lexsort((qk, -scores, mk))
    mk, qk, scores = mk[order], qk[order], scores[order]
    first = np.ones(len(mk), dtype=bool)
    first[1:] = mk[1:] != mk[:-1]
    best = zip(mk[first].tolist(), qk[first].tolist(), scores[first].tolist(), strict=True)
    relations: dict[tuple[DateValue, DateValue], str] = {}
    out = {}
    for k, j, score in best:
        mention, quote = chosen[k], quotes[j]
        assert mention.date is not None
        pair = (mention.date, quote.account.date)
        if pair not in relations:
            relations[pair] = compare_dates(*pair).relation
        relation = relations[pair]
        assert relation not in DISAGREE  # the core ranges meet
        out[which[k]] = Candidate(
            event=quote.event,
            title=quote.title,
            account=quote.id,
            line=quote.line,
            score=round(float(score), 1),
            relation=relation,
        )
    return out


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
    quotes: Sequence[_Quote],
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
    grouped: dict[tuple[str, int, str], list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        if i not in attested:
            grouped[(m.doc, m.sentence_start, m.source or "")].append(i)
    newlines = {doc: _lines(text) for doc, text in chronology.texts.items()}
    rows = []
    for (doc, start, source), members in grouped.items():
        found = [candidates[i] for i in members if i in candidates]
        best = max(found, key=lambda c: (c.score, c.account), default=None)
        rows.append(
            Uncurated(
                source=source,
                document=doc,
                line=bisect.bisect_right(newlines.get(doc, []), start - 1) + 1,
                start=start,
                sentence=mentions[members[0]].sentence,
                mentions=tuple(mentions[i] for i in members),
                candidate=best,
            )
        )
    rows.sort(key=lambda r: r.rank_key)
    return rows


def coverage(
    chronology: Chronology, mentions: Sequence[Mention], attested: dict[int, tuple[str, ...]]
) -> list[Coverage]:
    """Per source, in sources.yaml order: attested dated mentions / all its dated mentions."""
    total: dict[str, int] = defaultdict(int)
    covered: dict[str, int] = defaultdict(int)
    for i, m in enumerate(mentions):
        total[m.source or ""] += 1
        covered[m.source or ""] += i in attested
    return [Coverage(s.id, covered[s.id], total[s.id]) for s in chronology.sources]


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector while reconciling.

    Matching allocates hundreds of thousands of small acyclic objects (tuples, candidates,
    rows); with a large chronology alive, each automatic collection rescans all of it, which
    cost a third of the time on 100,000 mentions. Reference counting still frees everything.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def reconcile(chronology: Chronology, mentions: Sequence[Mention]) -> Report:
    """Match the extractor's mentions to the curated events and collect everything an editor
    should look at (see the module docstring)."""
    with _no_cycle_collection():
        return _reconcile(chronology, mentions)


def _reconcile(chronology: Chronology, mentions: Sequence[Mention]) -> Report:
    found = dated(mentions)
    quotes = _flatten(chronology)
    index = _QuoteIndex(quotes)
    attested, touched = attest(found, index)
    unattested = [i for i in range(len(found)) if i not in attested]
    candidates = match(found, unattested, quotes)
    model = build(chronology)
    in_conflict = [
        {key: e[key] for key in ("id", "title", "category", "line", "accounts", "conflicts")}
        for e in model["events"]
        if e["conflicts"]
    ]
    return Report(
        events=len(chronology.events),
        accounts=len(quotes),
        mentions=found,
        attested=attested,
        candidates=candidates,
        conflicts=in_conflict,
        suspects=suspects(found, attested, quotes, touched),
        uncurated=uncurated(chronology, found, attested, candidates),
        coverage=coverage(chronology, found, attested),
        conflict_counts=dict(model["summary"]["conflicts"]),
        names={s.id: s.display_name for s in chronology.sources},
    )


FORMAT = "chronology-reconcile/1"


def _mention_dict(mention: Mention) -> dict[str, Any]:
    assert mention.date is not None
    return {
        "text": mention.text,
        "start": mention.start,
        "end": mention.end,
        "value": mention.value,
        "mod": mention.mod,
        "edtf": mention.date.edtf,
        "label": mention.date.describe(),
        "precision": mention.date.precision,
        "interval": mention.interval,
        "anchor": mention.anchor,
    }


def _candidate_dict(candidate: Candidate | None) -> dict[str, Any] | None:
    if candidate is None:
        return None
    return {
        "event": candidate.event,
        "title": candidate.title,
        "account": candidate.account,
        "line": candidate.line,
        "score": candidate.score,
        "relation": candidate.relation,
    }


def summary(report: Report) -> dict[str, Any]:
    """The counts the terminal summary and CI gates use."""
    kinds: dict[str, int] = defaultdict(int)
    for s in report.suspects:
        kinds[s.kind] += 1
    return {
        "events": report.events,
        "accounts": report.accounts,
        "dated_mentions": len(report.mentions),
        "attested_mentions": len(report.attested),
        "candidate_mentions": len(report.candidates),
        "events_in_conflict": len(report.conflicts),
        "conflicts": dict(report.conflict_counts),
        "suspects": {"date-mismatch": kinds["date-mismatch"], "no-date": kinds["no-date"]},
        "uncurated": len(report.uncurated),
        "uncurated_with_candidate": sum(1 for r in report.uncurated if r.candidate),
        "coverage": {c.source: _share(c) for c in report.coverage},
    }


def _share(c: Coverage) -> float | None:
    return None if c.share is None else round(c.share, 4)


def _report_dict(report: Report) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "summary": summary(report),
        "coverage": [
            {
                "source": c.source,
                "name": report.name(c.source),
                "covered": c.covered,
                "total": c.total,
                "share": _share(c),
            }
            for c in report.coverage
        ],
        "conflicts": report.conflicts,
        "suspects": [
            {
                "event": s.event,
                "account": s.account,
                "line": s.line,
                "source": s.source,
                "date": s.date,
                "kind": s.kind,
                "stated": list(s.stated),
                "explanation": s.explanation,
            }
            for s in report.suspects
        ],
        "uncurated": [
            {
                "rank": n,
                "source": r.source,
                "document": r.document,
                "line": r.line,
                "start": r.start,
                "sentence": r.sentence,
                "dates": [_mention_dict(m) for m in r.mentions],
                "candidate": _candidate_dict(r.candidate),
            }
            for n, r in enumerate(report.uncurated, start=1)
        ],
        "mentions": [
            {
                "document": m.doc,
                "source": m.source,
                **_mention_dict(m),
                "status": "attested"
                if i in report.attested
                else "candidate"
                if i in report.candidates
                else "uncurated",
                "accounts": list(report.attested.get(i, ())),
                "candidate": _candidate_dict(report.candidates.get(i)),
            }
            for i, m in enumerate(report.mentions)
        ],
    }


def dumps(report: Report) -> str:
    """The report as JSON: sorted keys, 2-space indent, trailing newline (byte-deterministic)."""
    return json.dumps(report.to_dict(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def _md(text: str) -> str:
    """Source text made inert in Markdown: one line, markup characters escaped."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _percent(share: float | None) -> str:
    return "n/a" if share is None else f"{share * 100:.0f}%"


def _source(report: Report, source: str) -> str:
    """A source as the editor reads it: its name, and the id events.yaml uses."""
    return f"{_md(report.name(source))} (`{source}`)"


def _mention_words(mention: Mention) -> str:
    """'June 1981 (`1981-06`)': the date in words, and the EDTF a stub would use."""
    if mention.date is None:
        return f"`{mention.value}`"
    words = mention.date.describe()
    return words if words == mention.date.edtf else f"{_md(words)} (`{mention.date.edtf}`)"


def to_markdown(report: Report, events_link: str) -> str:
    """The readable report. ``events_link`` is events.yaml's path relative to the report, so
    every event and account links to its line (``events.yaml#L<line>``)."""

    def link(label: str, line: int) -> str:
        return f"[{label}]({events_link}#L{line})"

    facts = summary(report)
    conflicts = facts["conflicts"]
    suspects = facts["suspects"]
    out = [
        "# Reconcile report",
        "",
        f"- {facts['events']} events, {facts['accounts']} accounts, "
        f"{facts['dated_mentions']} dated mentions in the seeds "
        f"({facts['attested_mentions']} attested by an account)",
        f"- conflicts: {conflicts['date']} date, {conflicts['figure']} figure, "
        f"{conflicts['internal']} internal, in {facts['events_in_conflict']} events",
        f"- suspect accounts: {suspects['date-mismatch']} whose quote states another date, "
        f"{suspects['no-date']} whose quote states no date and has no note",
        f"- uncurated dated sentences: {facts['uncurated']} "
        f"({facts['uncurated_with_candidate']} with a candidate event)",
        "",
        "## Coverage per source",
        "",
        "Share of each source's dated mentions that lie inside a curated quote.",
        "",
        "| source | dated mentions | covered | share |",
        "|---|---:|---:|---:|",
    ]
    for c in report.coverage:
        who = _source(report, c.source)
        out.append(f"| {who} | {c.total} | {c.covered} | {_percent(c.share)} |")
    out += ["", "## Conflicts by event", ""]
    if not report.conflicts:
        out += ["No conflicts.", ""]
    for event in report.conflicts:
        out += [f"### {link(_md(event['title']), event['line'])} (`{event['id']}`)", ""]
        for c in event["conflicts"]:
            what = flag(c["kind"], c["strength"] == "possible", c["figure"])
            out.append(f"- **{what}**: {_md(c['label'])}. {_md(c['explanation'])}")
            for n, (side, support) in enumerate(zip(c["sides"], c["support"], strict=True), 1):
                accounts = ", ".join(
                    f"{link(a['id'], a['line'])} ({_md(report.name(a['source']))})"
                    for a in (event["accounts"][i] for i in side)
                )
                out.append(
                    f"  - side {n}, {_md(support['label'])}: {accounts}; "
                    f"{plural(support['sources'], 'source')}, "
                    f"{plural(support['origins'], 'independent origin')}"
                )
        out.append("")
    out += ["## Suspect accounts", ""]
    if not report.suspects:
        out += ["None.", ""]
    for s in report.suspects:
        out.append(
            f"- {link(s.account, s.line)} ({_source(report, s.source)}, dated `{s.date}`): "
            f"{_md(s.explanation)}"
        )
    if report.suspects:
        out.append("")
    out += ["## Uncurated dated sentences (to-do)", ""]
    if not report.uncurated:
        out += ["None: every dated sentence is covered by a curated account.", ""]
    for n, row in enumerate(report.uncurated, start=1):
        dates = ", ".join(
            f'"{_md(m.text)}" = {_mention_words(m)}'
            + (f" (counted from {_md(m.anchor)})" if m.anchor else "")
            for m in row.mentions
        )
        who = _source(report, row.source) if row.source else "no source"
        head = f"{n}. **{who}**, {_md(row.document)} line {row.line}: {dates}"
        if row.candidate:
            cand = row.candidate
            head += (
                f"; candidate event {link(_md(cand.title), cand.line)} "
                f"(`{cand.account}`, similarity {cand.score:.0f}, dates {cand.relation})"
            )
        out += [head, f"   > {_md(row.sentence)}"]
    if report.uncurated:
        out.append("")
    return "\n".join(out)


STUB_NOTE = "from chronology reconcile: review"


def _prefix(chronology: Chronology, row: Uncurated) -> str | None:
    """Words before the sentence when an identical sentence comes earlier in its source (the
    loader takes the first occurrence otherwise), or None when none is needed or none works."""
    source = chronology.source(row.source)
    text = chronology.text_of(source)
    local = row.start - (source.span[0] if source.span else 0)
    first = quotes.locate(row.sentence, text)
    if first is None or first[0] == local:
        return None
    for width in (20, 40, 80, 160):
        prefix = " ".join(text[max(0, local - width) : local].split()[1:])
        found = quotes.locate(row.sentence, text, prefix) if prefix else None
        if found is not None and found[0] == local:
            return prefix
    return None


def candidates_yaml(report: Report, chronology: Chronology) -> str:
    """YAML stubs for the uncurated sentences, in events.yaml's shape, for the editor to review
    and paste: one event per sentence with one account (the source, the date as EDTF, the
    sentence as quote and the note ``STUB_NOTE``). Written with the project's round-trip YAML
    settings and checked to load back as a valid events file, so pasting cannot break it."""
    events = CommentedSeq()
    for row in report.uncurated:
        if not row.source:
            continue  # a sentence outside every source's span cannot be attributed
        best = row.best
        assert best.date is not None
        account = CommentedMap()
        account["source"] = row.source
        account["date"] = DoubleQuotedScalarString(best.interval or best.date.edtf)
        if best.date.modifier:
            account["modifier"] = best.date.modifier
        account["quote"] = DoubleQuotedScalarString(" ".join(row.sentence.split()))
        prefix = _prefix(chronology, row)
        if prefix:
            account["prefix"] = DoubleQuotedScalarString(prefix)
        account["note"] = STUB_NOTE
        event = CommentedMap()
        event["id"] = f"review-{row.source}-{row.start}"
        event["title"] = "TODO: a plain, neutral title"
        event["category"] = "context"
        event["accounts"] = CommentedSeq([account])
        where = f"{row.document} line {row.line}"
        if row.candidate:
            where += (
                f"; may be an account of '{row.candidate.event}' "
                f"(events.yaml line {row.candidate.line})"
            )
        events.append(event)
        events.yaml_set_comment_before_after_key(len(events) - 1, before=where, indent=2)
    root = CommentedMap()
    root["events"] = events
    root.yaml_set_start_comment(
        "Candidates from `chronology reconcile`: review each, give it a title and category "
        "(or move the account\nto the event named above it), then paste it into events.yaml."
    )
    text = dump_round_trip(root) if events else "events: []\n"
    problems: list[Problem] = []
    data = parse_yaml(text, "candidates", problems)
    EventsFile.model_validate(data)  # a bug here is ours, not the user's: let it raise
    assert not problems, problems
    return text


def write_candidates(
    report: Report, chronology: Chronology, path: str | Path, events_path: str | Path
) -> int:
    """Write the stubs to ``path`` atomically; refuse to touch the events file itself.

    Returns the number of stubs written.
    """
    target, events = Path(path), Path(events_path)
    same = target.resolve() == events.resolve()
    if not same and target.exists() and events.exists():
        same = os.path.samefile(target, events)
    if same:
        raise ChronologyError(
            f"--candidates {path} is the events file: reconcile never rewrites it; "
            "write the stubs to another file (e.g. reports/candidates.yaml) and paste from there"
        )
    write_atomic(target, candidates_yaml(report, chronology))
    return sum(1 for row in report.uncurated if row.source)
