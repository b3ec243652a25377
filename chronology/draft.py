"""Drafts that save typing: candidate events from the sentences no account quotes yet.

``draft`` starts from reconcile's to-do list (every dated sentence outside every curated
quote, with the date ``extract`` resolved for it) and turns it into *candidates*, written in
events.yaml's own shape so that ``check`` validates them and ``accept`` can move them over:

- one candidate per real-world event, with one account per source: the same event told by two
  sources becomes one candidate with two accounts, whose dates and figures may then disagree;
- a sentence that tells an event already curated becomes a proposed account of that event,
  *including* when its date conflicts with the event's other accounts: those are the accounts
  an editor most needs to see;
- each account carries the date as its source states it (EDTF), the verbatim sentence, the
  figures it states (``killed: 14``, ``">=14"``) and whom it cites ("according to X", "X said").

Two sentences tell the same event when they come from different sources, their dates are near
(within ``DATE_WINDOW`` days, or within the width of the coarser date, so "1986" and "1987"
still meet and their conflict is shown) and they share names: at least ``MIN_SHARED`` content
words, one of them a name (a capitalised word inside the sentence), or ``MIN_SHARED_NO_NAME``
without one. Words the whole story uses everywhere (``common_words``: "MEK" and "Iran" in the
shipped example) are no evidence and are left out. Pairs are merged best first (rapidfuzz's
``token_set_ratio`` on the content words breaks ties) and never so that a candidate holds two
accounts of one source. The editor
reviews every draft; nothing here decides which source is right.
"""

from __future__ import annotations

import calendar
import dataclasses
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

from rapidfuzz import fuzz
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from chronology import load as loader
from chronology import quotes
from chronology.add import slug
from chronology.conflicts import analyse, compare_dates
from chronology.dates import DateValue
from chronology.errors import ChronologyError, Problem
from chronology.extract import NUMBER_WORDS, Mention, extract_chronology
from chronology.files import write_atomic
from chronology.formats import plural
from chronology.model import Chronology, Event, EventsFile
from chronology.reconcile import Report, Uncurated, content_words, reconcile

DATE_WINDOW = 31
MIN_SHARED = 2
MIN_SHARED_NO_NAME = 4
COMMON_SHARE = 0.1
COMMON_MIN = 10
TITLE_LENGTH = 80

#: Figure names and the words that state them; the first word of each list is never needed
#: in the text, it is only the name.
FIGURE_WORDS: dict[str, tuple[str, ...]] = {
    "killed": ("killed", "killing", "dead", "died", "deaths", "death toll", "lives", "fatalities"),
    "injured": ("injured", "injuring", "wounded", "wounding", "hurt"),
    "missing": ("missing",),
    "evacuated": ("evacuated", "evacuees"),
    "arrested": ("arrested", "detained", "arrests"),
    "displaced": ("displaced", "homeless"),
}
#: Words before a number and the figure qualifier they mean (see model.Figure).
QUALIFIERS: dict[str, str] = {
    "at least": ">=",
    "no fewer than": ">=",
    "more than": ">",
    "over": ">",
    "about": "~",
    "around": "~",
    "nearly": "~",
    "almost": "~",
    "some": "~",
    "roughly": "~",
    "up to": "<=",
    "as many as": "<=",
    "at most": "<=",
    "fewer than": "<",
    "less than": "<",
}
_CALENDAR_WORDS = frozenset(
    w.casefold()
    for w in (*calendar.month_name[1:], *calendar.day_name, "today", "yesterday", "tomorrow")
)
_NUMBER = r"\d{1,3}(?:,\d{3})+|\d+|" + "|".join(
    sorted((w for w in NUMBER_WORDS if " " not in w and len(w) > 2), key=len)[::-1]
)
_QUALIFIER = "|".join(sorted(QUALIFIERS, key=len, reverse=True))
_FIGURE_WORD = "|".join(
    sorted({w for words in FIGURE_WORDS.values() for w in words}, key=len, reverse=True)
)
# "14 people were killed", "at least 11 dead": a number, up to three words, then the word
_NUMBER_FIRST = re.compile(
    rf"\b(?:(?P<q>{_QUALIFIER})\s+)?(?P<n>{_NUMBER})\b(?:\s+[\w'-]+){{0,3}}?\s+(?P<w>{_FIGURE_WORD})\b",
    re.IGNORECASE,
)
# "killing 14 people", "the death toll rose to at least 20": the word, up to two words, a number
_WORD_FIRST = re.compile(
    rf"\b(?P<w>{_FIGURE_WORD})(?:\s+[\w'-]+){{0,2}}?\s+(?:(?P<q>{_QUALIFIER})\s+)?(?P<n>{_NUMBER})\b",
    re.IGNORECASE,
)
_ACCORDING = re.compile(r"\baccording to (?P<who>[^,.;:]+)", re.IGNORECASE)
_SAID = re.compile(
    r"(?:^|[,;:]\s+)(?:(?:and|but|while)\s+)?(?P<who>[^,;:.]{2,60}?)\s+"
    r"(?:said|says|announced|stated|told reporters|confirmed)\b"
)
_ATTRIBUTION = re.compile(
    r",?\s*(?:according to [^,.;:]+|[^,;:.]{2,60}? "
    r"(?:said|says|announced|stated|told reporters|confirmed))\s*[.!]?\s*$",
    re.IGNORECASE,
)
_LEAD_IN = re.compile(r"\s*\b(?:on|in|at|since|by|from|until|during)\s*$", re.IGNORECASE)


@dataclasses.dataclass(frozen=True)
class Item:
    """One uncurated dated sentence of one source, read for drafting."""

    row: Uncurated
    date: DateValue
    words: frozenset[str]
    names: frozenset[str]


@dataclasses.dataclass
class Candidate:
    """A drafted event: a new one, or accounts proposed for an existing one (``existing``)."""

    id: str
    title: str
    category: str
    items: list[Item]
    existing: Event | None = None


@dataclasses.dataclass(frozen=True)
class Drafts:
    """What ``draft`` wrote: the candidates' YAML and counts for the summary line."""

    text: str
    new: int
    several_sources: int
    existing: int
    in_conflict: int

    def summary(self, path: Path) -> str:
        """The line ``draft`` and ``reconcile --candidates`` print once the file is written."""
        return (
            f"wrote {path.as_posix()}: {plural(self.new, 'new event')} "
            f"({self.several_sources} told by several sources), "
            f"accounts for {plural(self.existing, 'curated event')}; "
            f"{plural(self.in_conflict, 'candidate')} where sources disagree"
        )


def sentence_prefix(chronology: Chronology, row: Uncurated) -> str | None:
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


def figures(sentence: str, dates: Sequence[tuple[int, int]] = ()) -> dict[str, str | int]:
    """Numbers the sentence states with what they count (``{"killed": 14}``), by FIGURE_WORDS.

    Numbers inside ``dates`` (offsets of the sentence's date mentions) are never figures, so
    "March 2, 2021, killing 14" counts 14, not 2021.
    """
    found: dict[str, tuple[int, str | int]] = {}
    names = {w: name for name, words in FIGURE_WORDS.items() for w in words}
    for pattern in (_NUMBER_FIRST, _WORD_FIRST):
        for m in pattern.finditer(sentence):
            start = m.start("n")
            if any(a <= start < b for a, b in dates):
                continue
            raw = m.group("n").casefold().replace(",", "")
            number = int(raw) if raw.isdigit() else NUMBER_WORDS.get(raw)
            if number is None or number < 1:
                continue
            name = names[m.group("w").casefold()]
            op = QUALIFIERS.get((m.group("q") or "").casefold(), "")
            value: str | int = f"{op}{number}" if op else number
            if name not in found or start < found[name][0]:
                found[name] = (start, value)
    return {name: found[name][1] for name in FIGURE_WORDS if name in found}


def cited(sentence: str) -> str | None:
    """Whom the sentence attributes itself to: "according to X", "X said"."""
    said = list(_SAID.finditer(sentence))
    m = _ACCORDING.search(sentence) or (said[-1] if said else None)
    if m is None:
        return None
    who = m.group("who").strip()
    return who if who.casefold() not in ("he", "she", "they", "it", "we", "i") else None


def _names(sentence: str) -> frozenset[str]:
    """Capitalised words after the first: names of places, people, bodies."""
    words = re.findall(r"\b[^\W\d_][\w'-]*", sentence)
    return frozenset(
        w.casefold()
        for w in words[1:]
        if w[0].isupper() and w.casefold() not in _CALENDAR_WORDS and len(w) > 1
    )


def _item(row: Uncurated, common: frozenset[str]) -> Item:
    best = row.best
    assert best.date is not None
    date = DateValue.parse(best.interval) if best.interval else best.date
    return Item(
        row,
        date,
        frozenset(content_words(row.sentence) - _CALENDAR_WORDS - common),
        _names(row.sentence) - common,
    )


def common_words(texts: Sequence[str]) -> frozenset[str]:
    """Words too frequent in this story to tell its events apart ("Iran" in a story about Iran).

    A word is common when more than ``COMMON_SHARE`` of the texts hold it, and at least
    ``COMMON_MIN`` do: in a story of a few sentences every word still counts.
    """
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(content_words(text) | _names(text))
    limit = max(COMMON_MIN, COMMON_SHARE * len(texts))
    return frozenset(w for w, n in counts.items() if n > limit)


def _near(a: DateValue, b: DateValue) -> bool:
    """Near enough to be one event told twice, or in conflict about it."""
    gap = compare_dates(a, b).gap_days
    if gap is None:
        return True
    widest = max((d.core[1] - d.core[0]).days + 1 for d in (a, b))
    return gap <= max(DATE_WINDOW, widest)


def _score(
    a_words: frozenset[str],
    a_names: frozenset[str],
    b_words: frozenset[str],
    b_names: frozenset[str],
) -> float | None:
    """How likely two sentences tell the same event (None: not at all)."""
    shared = a_words & b_words
    named = a_names & b_names
    if len(shared) < MIN_SHARED or (not named and len(shared) < MIN_SHARED_NO_NAME):
        return None
    ratio = fuzz.token_set_ratio(" ".join(sorted(a_words)), " ".join(sorted(b_words)))
    return len(shared) + 2 * len(named) + ratio / 100


def group(items: Sequence[Item]) -> list[list[Item]]:
    """One group per event, one item per source, merging the best pairs first."""
    pairs = []
    for i, a in enumerate(items):
        for j in range(i + 1, len(items)):
            b = items[j]
            if a.row.source == b.row.source or not _near(a.date, b.date):
                continue
            score = _score(a.words, a.names, b.words, b.names)
            if score is not None:
                pairs.append((-score, i, j))
    owner = list(range(len(items)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(items))}
    for _, i, j in sorted(pairs):
        gi, gj = owner[i], owner[j]
        if gi == gj:
            continue
        sources = {items[k].row.source for k in members[gi]}
        if sources & {items[k].row.source for k in members[gj]}:
            continue  # one account per source
        for k in members[gj]:
            owner[k] = gi
        members[gi] += members.pop(gj)
    return [[items[k] for k in sorted(ks)] for _, ks in sorted(members.items())]


def _existing_match(item: Item, chronology: Chronology, common: frozenset[str]) -> Event | None:
    """The curated event this sentence tells, if any (its source not yet among the accounts)."""
    best: tuple[float, str] | None = None
    chosen = None
    for event in chronology.events:
        if any(a.source == item.row.source for a in event.accounts):
            continue
        for account in event.accounts:
            if not _near(item.date, account.date):
                continue
            quote = account.quote + " " + event.title
            words = frozenset(content_words(quote) - _CALENDAR_WORDS - common)
            score = _score(item.words, item.names, words, _names(account.quote) - common)
            if score is not None and (best is None or (score, event.id) > best):
                best, chosen = (score, event.id), event
    return chosen


def _title(items: Sequence[Item], mentions: Sequence[Mention]) -> str:
    """A plain title from the shortest sentence: its first clause without dates or attribution.

    No source's date or figure goes into the title: they belong to the accounts, which may
    disagree.
    """
    row = min((i.row for i in items), key=lambda r: (len(r.sentence), r.source))
    text = row.sentence
    for a, b in sorted(_spans(row, mentions), reverse=True):
        text = _LEAD_IN.sub("", text[:a]) + text[b:]
    text = re.sub(r"\s+([,;:.])", r"\1", " ".join(text.split())).strip(" ,;:")
    text = _ATTRIBUTION.sub("", text).rstrip(" ,;:.")
    clauses = text.split(", ")
    title = clauses[0]
    for clause in clauses[1:]:
        if len(title.split()) >= 3:
            break
        title += ", " + clause
    if len(title) > TITLE_LENGTH:
        title = title[:TITLE_LENGTH].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"
    return (title[:1].upper() + title[1:]) or "Untitled"


def _spans(row: Uncurated, mentions: Sequence[Mention]) -> list[tuple[int, int]]:
    """Offsets in the sentence of every date, duration or set the extractor found in it."""
    end = row.start + len(row.sentence)
    return [
        (m.start - row.start, m.end - row.start)
        for m in mentions
        if m.doc == row.document and row.start <= m.start and m.end <= end
    ]


def _account(item: Item, chronology: Chronology, mentions: Sequence[Mention]) -> CommentedMap:
    row = item.row
    account = CommentedMap()
    account["source"] = row.source
    best = row.best
    account["date"] = DoubleQuotedScalarString(item.date.edtf)
    if best.date is not None and best.date.modifier:
        account["modifier"] = best.date.modifier
    quote = " ".join(row.sentence.split())
    account["quote"] = DoubleQuotedScalarString(quote)
    prefix = sentence_prefix(chronology, row)
    if prefix:
        account["prefix"] = DoubleQuotedScalarString(prefix)
    who = cited(quote)
    if who:
        account["cited"] = who
    found = figures(row.sentence, _spans(row, mentions))
    if found:
        account["figures"] = CommentedMap(found)
        account["figures"].fa.set_flow_style()
    return account


def draft(
    chronology: Chronology,
    category: str,
    mentions: Sequence[Mention] | None = None,
    report: Report | None = None,
) -> Drafts:
    """Candidates for every uncurated dated sentence, as the text of candidates.yaml.

    ``mentions`` and their ``report`` are extracted and reconciled here unless the caller has
    them already (``reconcile --candidates``, which may read its mentions from a dataset).
    """
    if mentions is None:
        mentions = extract_chronology(chronology)
    if report is None:
        report = reconcile(chronology, list(mentions))
    rows = [row for row in report.uncurated if row.source]
    common = common_words(
        [row.sentence for row in rows] + [a.quote for e in chronology.events for a in e.accounts]
    )
    items = [_item(row, common) for row in rows]
    items.sort(key=lambda i: (i.row.document, i.row.start))
    proposed: dict[str, list[Item]] = defaultdict(list)
    fresh = []
    for item in items:
        event = _existing_match(item, chronology, common)
        if event is None:
            fresh.append(item)
        elif all(other.row.source != item.row.source for other in proposed[event.id]):
            proposed[event.id].append(item)
        else:
            fresh.append(item)
    by_id = {e.id: e for e in chronology.events}
    candidates = [
        Candidate(eid, by_id[eid].title, by_id[eid].category, its, by_id[eid])
        for eid, its in sorted(proposed.items(), key=lambda kv: by_id[kv[0]].line)
    ]
    taken = set(by_id)
    for members in group(fresh):
        title = _title(members, mentions)
        first = min(m.date.core[0] for m in members)
        base = f"{slug(title, 5)}-{first.year}"
        cid, n = base, 2
        while cid in taken:
            cid, n = f"{base}-{n}", n + 1
        taken.add(cid)
        candidates.append(Candidate(cid, title, category, members))
    return _write(candidates, chronology, mentions)


def _write(
    candidates: Sequence[Candidate], chronology: Chronology, mentions: Sequence[Mention]
) -> Drafts:
    events = CommentedSeq()
    in_conflict = 0
    names = {s.id: s.display_name for s in chronology.sources}
    for c in candidates:
        accounts = [_account(i, chronology, mentions) for i in c.items]
        entry = CommentedMap()
        entry["id"] = c.id
        entry["title"] = c.title
        entry["category"] = c.category
        entry["accounts"] = CommentedSeq(accounts)
        shown = Event.model_validate(
            {
                "id": c.id,
                "title": c.title,
                "category": c.category,
                "accounts": [
                    *(
                        a.model_dump(exclude_none=True)
                        for a in (c.existing.accounts if c.existing else [])
                    ),
                    *(dict(a) for a in accounts),
                ],
            }
        )
        conflicts = analyse(shown, names).conflicts
        in_conflict += bool(conflicts)
        notes = []
        if c.existing is not None:
            notes.append(
                f"adds {plural(len(accounts), 'account')} to '{c.id}', already in "
                f"{Path(chronology.events_path).as_posix()} (line {c.existing.line})"
            )
        else:
            notes.append(
                f"new event, {plural(len(accounts), 'account')}: check the title and category"
            )
        notes += [f"sources disagree: {x.explanation}" for x in conflicts]
        events.append(entry)
        events.yaml_set_comment_before_after_key(len(events) - 1, before="\n".join(notes), indent=2)
    root = CommentedMap()
    root["events"] = events
    root.yaml_set_start_comment(
        "Drafts from 'chronology draft': review each, then 'chronology accept ID' moves it into\n"
        "the events file (an id already there adds its accounts to that event)."
    )
    text = loader.dump_round_trip(root) if events else "events: []\n"
    problems: list[Problem] = []
    EventsFile.model_validate(loader.parse_yaml(text, "candidates", problems))  # ours if it fails
    assert not problems, problems
    existing = sum(c.existing is not None for c in candidates)
    return Drafts(
        text=text,
        new=len(candidates) - existing,
        several_sources=sum(len(c.items) > 1 for c in candidates if c.existing is None),
        existing=existing,
        in_conflict=in_conflict,
    )


def write(drafts: Drafts, path: Path, events_path: Path) -> None:
    """Write candidates.yaml atomically; never the events file itself."""
    if path.resolve() == events_path.resolve():
        raise ChronologyError(
            [Problem(str(path), 0, 0, "is the events file: drafts never overwrite it")]
        )
    write_atomic(path, drafts.text)


__all__ = [
    "DATE_WINDOW",
    "FIGURE_WORDS",
    "QUALIFIERS",
    "Drafts",
    "cited",
    "draft",
    "figures",
    "group",
    "sentence_prefix",
    "write",
]
