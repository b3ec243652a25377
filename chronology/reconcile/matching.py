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
from operator import attrgetter

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
_DATE = attrgetter("date")
_SENTENCE = attrgetter("sentence")
_SOURCE = attrgetter("source")
_START = attrgetter("start")
_END = attrgetter("end")


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
        # the furthest end among the first n quotes: no quote up to n reaches past it
        self._reach: dict[str, np.ndarray] = {
            source: np.maximum.accumulate(np.array([q.end or 0 for q in located], np.int64))
            for source, located in self._quotes.items()
        }

    def near(self, mentions: Sequence[Mention]) -> np.ndarray:
        """Indices of the mentions that may share characters with a quote of their source, in
        order: a superset of those ``overlapping`` finds quotes for, chosen without a Python
        step per mention (most mentions of a large corpus lie far from every quote)."""
        # attributes read in C: a generator step per mention was most of attesting
        sources = list(map(_SOURCE, mentions))  # None (no source) is in no quote's source
        starts = np.fromiter(map(_START, mentions), np.int64, len(mentions))
        ends = np.fromiter(map(_END, mentions), np.int64, len(mentions))
        keep = np.zeros(len(mentions), dtype=bool)
        codes = {s: n for n, s in enumerate(dict.fromkeys(sources))}
        source_of = np.fromiter(map(codes.__getitem__, sources), np.int64, len(sources))
        for source, code in codes.items():
            if source is None or source not in self._reach:
                continue
            mine = np.flatnonzero(source_of == code)
            before = np.searchsorted(self._starts[source], ends[mine] - 1, side="right")
            reach = self._reach[source][np.maximum(before - 1, 0)]
            keep[mine] = (before > 0) & (reach > starts[mine])
        return np.flatnonzero(keep)

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
    for i in index.near(mentions).tolist():
        m = mentions[i]
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


#: For ASCII text, ``content_words`` splits on every byte but the 52 letters; this table maps
#: upper-case letters to lower case, the text separator ``_SEP`` to itself, and every other byte
#: to a space, so ``bytes.split`` finds the same words as ``_WORD`` in one pass over many texts.
_SEP = b"\x01"
_ASCII_WORDS = bytes(
    c + 32 if 65 <= c <= 90 else c if 97 <= c <= 122 or c == _SEP[0] else 32 for c in range(256)
)
_STOPBYTES = frozenset(w.encode() for w in STOPWORDS)


def _tokens(texts: Sequence[str]) -> list[bytes]:
    """The words of each text (as ``content_words`` finds them, stopwords and one-letter words
    included), each text's followed by ``_SEP``.

    Runs of ASCII texts are joined, translated and split in three C calls, so a sentence costs
    no regular-expression scan and no call of its own; other texts go through ``_WORD``.
    """
    sep = _SEP.decode()
    out: list[bytes] = []
    # grouped by a method called in C; a text holding the separator itself (it never should)
    # sends its whole run the slow way
    for ascii_run, group in itertools.groupby(texts, key=str.isascii):
        run = list(group)
        if ascii_run:
            joined = f" {sep} ".join(run) + f" {sep}"
            if joined.count(sep) == len(run):
                out += joined.encode("ascii").translate(_ASCII_WORDS).split()
                continue
        for text in run:
            out += [w.encode() for w in _WORD.findall(text.casefold())]
            out.append(_SEP)
    return out


def incidence(texts: Sequence[str]) -> sparse.csr_matrix:
    """A texts x words 0/1 matrix of content words (one vocabulary for all the texts): row n
    holds ``content_words(texts[n])``, found without a Python step per word."""
    tokens = _tokens(texts)
    vocabulary = {w: code for code, w in enumerate(dict.fromkeys(tokens))}
    codes = np.fromiter(map(vocabulary.__getitem__, tokens), dtype=np.int64, count=len(tokens))
    size = max(len(vocabulary), 1)
    content = np.fromiter(
        (len(w) >= 2 and w not in _STOPBYTES and w != _SEP for w in vocabulary),
        dtype=bool,
        count=len(vocabulary),
    )
    separator = codes == vocabulary.get(_SEP, -1)
    row = np.cumsum(separator) - separator  # the text each token belongs to
    keep = content[codes]
    cells = np.sort(row[keep] * size + codes[keep], kind="stable")  # radix sort: fast
    first = np.ones(len(cells), dtype=bool)
    first[1:] = cells[1:] != cells[:-1]
    rows, cols = np.divmod(cells[first], size)  # each word once per text
    indptr = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=len(texts)))])
    data = np.ones(len(cols), dtype=np.float32)
    return sparse.csr_matrix((data, cols, indptr), shape=(len(texts), size))


def _ordinals(dates: Sequence[DateValue]) -> tuple[np.ndarray, np.ndarray]:
    """Core ranges as day numbers, for vectorised interval tests (each distinct date once)."""
    # Dates are immutable and shared (parsing and extraction cache them), so identity finds
    # the distinct ones without a Python step per date: hashing a DateValue, or even two of
    # its strings, costs more than its core. Equal dates that are distinct objects are just
    # computed twice.
    ids = np.fromiter(map(id, dates), dtype=np.uint64, count=len(dates))
    _, first, which = np.unique(ids, return_index=True, return_inverse=True)
    cores = [d.core for d in map(dates.__getitem__, first.tolist())]
    pairs = np.array([(lo.toordinal(), hi.toordinal()) for lo, hi in cores], dtype=np.int64)
    pairs = pairs.reshape(len(cores), 2)[which.reshape(-1)]
    return pairs[:, 0], pairs[:, 1]


def _year_groups(lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Group core ranges by the whole years they touch.

    Returns, per group, the first day of its first year and the last day of its last year (as
    day numbers), and for each range the index of its group.
    """
    epoch = dt.date(1970, 1, 1).toordinal()
    first_year = (lo - epoch).astype("datetime64[D]").astype("datetime64[Y]")
    last_year = (hi - epoch).astype("datetime64[D]").astype("datetime64[Y]")
    first, last = first_year.astype(np.int64), last_year.astype(np.int64)
    # one integer per (first, last) pair, in their order: np.unique is far slower on rows
    base, low = int(first.min(initial=0)), int(last.min(initial=0))
    width = int(last.max(initial=0)) - low + 1
    unique, group_of = np.unique((first - base) * width + (last - low), return_inverse=True)
    firsts, lasts = unique // width + base, unique % width + low
    starts = firsts.astype("datetime64[Y]").astype("datetime64[D]").astype(np.int64)
    ends = (lasts + 1).astype("datetime64[Y]").astype("datetime64[D]").astype(np.int64)
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
    chosen = list(map(mentions.__getitem__, which))
    # attributes read in C (attrgetter): a generator step per mention is a tenth of matching
    dates: list[DateValue] = list(map(_DATE, chosen))
    assert None not in dates  # ``which`` holds dated mentions only
    m_lo, m_hi = _ordinals(dates)
    a_lo, a_hi = _ordinals([q.account.date for q in quotes])
    texts = list(map(_SENTENCE, chosen))
    sentences = list(dict.fromkeys(texts))
    sentence_row = {s: r for r, s in enumerate(sentences)}
    matrix = incidence([*sentences, *(q.account.quote for q in quotes)])
    s_matrix, q_matrix = matrix[: len(sentences)], matrix[len(sentences) :]
    s_words, q_words = np.diff(s_matrix.indptr), np.diff(q_matrix.indptr)
    rows_of = np.fromiter(map(sentence_row.__getitem__, texts), np.int64, len(chosen))
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
    # rapidfuzz's own processing, once per text that is scored at all
    s_used, s_of = np.unique(rows_of[mk], return_inverse=True)
    q_used, q_of = np.unique(qk, return_inverse=True)
    clean_s = [utils.default_process(sentences[r]) for r in s_used.tolist()]
    clean_q = [utils.default_process(quotes[j].account.quote) for j in q_used.tolist()]
    scores = process.cpdist(
        np.array(clean_s, dtype=object)[s_of.reshape(-1)],
        np.array(clean_q, dtype=object)[q_of.reshape(-1)],
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
    # keyed by identity, like ``_ordinals``: the dates stay alive in ``chosen`` and ``quotes``
    relations: dict[tuple[int, int], str] = {}
    out = {}
    for k, j, score in best:
        mention, quote = chosen[k], quotes[j]
        assert mention.date is not None
        pair = (id(mention.date), id(quote.account.date))
        relation = relations.get(pair)
        if relation is None:
            relation = relations[pair] = compare_dates(mention.date, quote.account.date).relation
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
