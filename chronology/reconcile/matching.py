"""Match dated mentions to curated accounts: by position (attestation) and by date and words
(candidates).

A mention *attests* an account when it lies inside the account's quote, in the same source
(``Account.offsets``, the quote's offsets in its document).

Otherwise, the mention may still belong to a curated event: it is a *candidate* for an event
when (1) its date is compatible with the date of one of the event's accounts, meaning
``conflicts.compare_dates`` calls them ``same``, ``compatible`` or ``overlapping`` (their core
ranges meet; no second date logic here), and (2) its sentence is similar to that account's
quote. Similarity is rapidfuzz's ``token_set_ratio`` on lower-cased words without punctuation
(``utils.default_process``): 100 when one text's words are a subset of the other's, so a quote
cut from a longer sentence still scores high, and word order does not matter. A pair needs a
score of at least ``SIMILARITY`` (70) and at least ``MIN_SHARED`` (2) shared content words (not
stopwords, not numbers) making up at least ``MIN_OVERLAP`` (40%) of the shorter text's content
words, so that a two-word quote such as "in 2013" cannot match every sentence of that year. (On
the synthetic benchmark the 40% rule drops no pair that scores 70 and cuts the pairs to score
twentyfold.) At least ``MIN_SHARED`` of the shared words must also be *rare* among the accounts
whose dates meet the mention's years: used by at most ``COMMON`` (50) of them. A word half the
accounts of 1981 use says nothing about which of them a sentence retells; in a chronology of a
few hundred accounts every word is rare, and in one of 20,000 this is what keeps chance matches
on common words out (on the synthetic benchmark at 200k mentions x 20k events it drops 26,400
chance candidates, mostly random sentences that happened to score 70, and 1.3% of the true
paraphrases). An event's score is its best account's.

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
import datetime as dt
import itertools
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process, utils
from scipy import sparse

from chronology.conflicts import DISAGREE, compare_dates
from chronology.dates import DateValue
from chronology.extract import Mention
from chronology.model import Account, Chronology

SIMILARITY = 70.0
MIN_SHARED = 2
MIN_OVERLAP = 0.4
#: A word more of the accounts of a mention's years use than this is too common to propose a
#: candidate (it still counts towards MIN_OVERLAP once a pair is proposed).
COMMON = 50
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


def dated(mentions: Sequence[Mention]) -> list[Mention]:
    """The mentions that name calendar days (DATE or TIME with a date), by document and offset."""
    keep = (m for m in mentions if m.type in ("DATE", "TIME") and m.date is not None)
    return sorted(keep, key=lambda m: (m.doc, m.start, m.end, m.source or ""))


@dataclass(frozen=True)
class Quote:
    """One curated account, flattened with what matching needs."""

    id: str
    event: str
    title: str
    line: int
    account: Account
    start: int | None
    end: int | None


def flatten(chronology: Chronology) -> list[Quote]:
    """Every account of the chronology in events.yaml order, with its event and its quote's
    offsets (None when the loader could not locate the quote)."""
    out = []
    for event in chronology.events:
        for n, account in enumerate(event.accounts, start=1):
            offsets = account.offsets
            out.append(
                Quote(
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


class QuoteIndex:
    """Located quotes per source, sorted by start offset, for bisecting by position."""

    def __init__(self, quotes: Sequence[Quote]) -> None:
        grouped: dict[str, list[Quote]] = defaultdict(list)
        for q in quotes:
            if q.start is not None:
                grouped[q.account.source].append(q)
        self._quotes: dict[str, list[Quote]] = {}
        self._starts: dict[str, list[int]] = {}
        self._longest: dict[str, int] = {}
        for source, located in grouped.items():
            located.sort(key=lambda q: (q.start, q.end, q.id))
            self._quotes[source] = located
            self._starts[source] = [q.start or 0 for q in located]
            self._longest[source] = max((q.end or 0) - (q.start or 0) for q in located)

    def overlapping(self, source: str | None, start: int, end: int) -> list[Quote]:
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
    mentions: Sequence[Mention], index: QuoteIndex
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
    mentions: Sequence[Mention], which: Sequence[int], quotes: Sequence[Quote]
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
