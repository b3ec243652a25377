"""Tie the dates found in the seeds to the curated events: what is attested, what is missing,
what looks mistyped, and where the accounts disagree.

``reconcile(chronology, mentions)`` takes the extractor's mentions (``extract_chronology``) and
the loaded chronology and sorts every *dated* mention (a DATE or TIME mention with a calendar
value, ``Mention.date``; "now" or an unresolved "Tuesday" names no day and is left out):

Attested
    The mention lies inside the quote of an account of the same source (``Account.offsets``,
    the quote's offsets in its document). The account covers it.
Candidate
    Otherwise, the mention may still belong to a curated event: its date is compatible with
    the date of one of the event's accounts and its sentence is similar to that account's quote
    (the rule, and how it stays near-linear on large chronologies, in ``matching``).
Uncurated
    Dated sentences that no account covers, one row per sentence, ranked: the editor's to-do
    list (``findings``).

It also reports every conflict, grouped by event, exactly as ``export.build`` computes them;
*suspect* accounts, whose quote contradicts their date or states none without a note
(``findings``); and coverage per source.

The package has one module per job: ``matching`` (the matching engine), ``findings`` (to-do list,
suspects, coverage) and ``report`` (the report's data, summary, JSON and Markdown); the editor's
drafts of the uncurated sentences are ``chronology.draft``'s. Everything public is importable
from here.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator, Sequence

from chronology.export import count_conflicts, events_in_conflict
from chronology.extract import Mention
from chronology.model import Chronology
from chronology.reconcile.findings import (
    PRECISION_RANK,
    Coverage,
    Suspect,
    Uncurated,
    coverage,
    suspects,
    uncurated,
)
from chronology.reconcile.matching import (
    COMMON,
    MIN_OVERLAP,
    MIN_SHARED,
    SIMILARITY,
    STOPWORDS,
    Candidate,
    Quote,
    QuoteIndex,
    attest,
    content_words,
    dated,
    flatten,
    incidence,
    match,
)
from chronology.reconcile.report import (
    FORMAT,
    GATES,
    Report,
    dumps,
    failures,
    gate_counts,
    summary,
    summary_lines,
    to_markdown,
)

__all__ = [
    "COMMON",
    "FORMAT",
    "GATES",
    "MIN_OVERLAP",
    "MIN_SHARED",
    "PRECISION_RANK",
    "SIMILARITY",
    "STOPWORDS",
    "Candidate",
    "Coverage",
    "Quote",
    "QuoteIndex",
    "Report",
    "Suspect",
    "Uncurated",
    "attest",
    "content_words",
    "coverage",
    "dated",
    "dumps",
    "failures",
    "flatten",
    "gate_counts",
    "incidence",
    "match",
    "reconcile",
    "summary",
    "summary_lines",
    "suspects",
    "to_markdown",
    "uncurated",
]


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector while reconciling, and keep it from scanning the report
    afterwards.

    Matching allocates hundreds of thousands of small acyclic objects (tuples, candidates,
    rows); with a large chronology alive, each automatic collection rescans all of it, which
    cost a third of the time on 100,000 mentions. Reference counting still frees everything.

    Re-enabling the collector alone is not enough: every object allocated meanwhile is still
    in the youngest generation, so the next allocation scans all the report's objects (0.25 s
    at 200,000 mentions), and often the whole heap with them (1 s). ``gc.freeze()`` followed by
    ``gc.unfreeze()`` moves every tracked object into the oldest generation without scanning
    it, which is where the report would end up anyway: it is collected, if ever garbage, by
    the next full collection. Skipped when the caller keeps objects frozen (a server that
    froze its heap before forking), whose frozen objects must stay frozen.
    """
    enabled = gc.isenabled()
    frozen = gc.get_freeze_count()
    gc.disable()
    try:
        yield
    finally:
        if not frozen:
            gc.freeze()
            gc.unfreeze()
        if enabled:
            gc.enable()


def reconcile(chronology: Chronology, mentions: Sequence[Mention]) -> Report:
    """Match the extractor's mentions to the curated events and collect everything an editor
    should look at (see the module docstring)."""
    with _no_cycle_collection():
        return _reconcile(chronology, mentions)


def _reconcile(chronology: Chronology, mentions: Sequence[Mention]) -> Report:
    found = dated(mentions)
    quotes = flatten(chronology)
    index = QuoteIndex(quotes)
    attested, touched = attest(found, index)
    unattested = [i for i in range(len(found)) if i not in attested]
    candidates = match(found, unattested, quotes)
    conflicted = events_in_conflict(chronology)
    in_conflict = [
        {key: e[key] for key in ("id", "title", "category", "line", "accounts", "conflicts")}
        for e in conflicted
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
        conflict_counts=count_conflicts(conflicted),
        names={s.id: s.display_name for s in chronology.sources},
    )
