"""Where the accounts of one event disagree, in words an editor understands; never who is right.

Every comparison is between *ranges*: a date is the interval of days it can mean
(``DateValue``), a figure the interval of values it allows (``Figure.low .. high``). Two ranges
stand in one of five relations, from mildest to worst:

``same``
    identical statements.
``compatible``
    one range inside the other: a difference of precision ("1960s" and "1965"), not a
    contradiction.
``overlapping``
    the ranges share some days (or values) but neither contains the other.
``possible-conflict``
    (dates only) the ranges meet only through the soft bounds of an approximate or uncertain
    date (``~``/``?``/``%``), or only outside the early/mid/late part of a stated range. A
    reader can reconcile them by reading a date loosely, so it is flagged, not asserted.
``conflict``
    the ranges are disjoint.

Dates are compared on their ``core`` (the stated range narrowed by early/mid/late), so "early
1970s" and "1975" are a possible conflict, not a match. Figures are compared on their ranges, so
"over 200,000" and "250,000" agree and "~75" (67.5-82.5) agrees with "80".

For one event, the accounts that take part in a (possible) conflict are grouped into *sides*:
clusters whose members do not conflict with each other. Accounts that conflict with nobody (a
vague "1980s" beside "1986" and "1987") support every side and are left out of all of them. For
each pair of sides that disagree we report:

- a ``date`` or ``figure`` conflict, when accounts of different sources disagree;
- an ``internal`` conflict, for each source whose own accounts fall on both sides.

Each side counts its distinct sources and its distinct *origins*: accounts that cite the same
outlet or person (``cited``, compared case-insensitively, without parenthesised details or
punctuation) are one origin repeated, not independent confirmation; an uncited account is an
origin of its own for its source. The module reports sizes of gaps and a neutral one-sentence
explanation built from the quotes; it never declares a winner.

The sentence is for readers of the published timeline: it names each source by the name
readers see everywhere (``Source.display_name``, passed to ``analyse`` as ``names``), gives
dates in words (``DateValue.describe``), states the gap in the unit the sources use ("1 year
apart" for 1986 and 1987, not "1 day" between their nearest days) and, for a possible conflict,
says in plain words which loose reading would reconcile the accounts.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Literal, TypeVar

from chronology.dates import DateValue
from chronology.formats import plural
from chronology.model import Account, Event, Figure

Relation = Literal["same", "compatible", "overlapping", "possible-conflict", "conflict"]
Agreement = Literal["single", "same", "compatible", "overlapping", "possible-conflict", "conflict"]
Kind = Literal["date", "figure", "internal"]
GapUnit = Literal["years", "months", "days"]

#: Relations from mildest to worst; an event's agreement is the worst among its pairs.
SEVERITY: dict[str, int] = {
    "single": 0,
    "same": 1,
    "compatible": 2,
    "overlapping": 3,
    "possible-conflict": 4,
    "conflict": 5,
}
DISAGREE: frozenset[str] = frozenset({"possible-conflict", "conflict"})
KIND_ORDER: dict[str, int] = {"date": 0, "figure": 1, "internal": 2}
QUOTE_WIDTH = 90
MAX_QUOTES = 3


@functools.lru_cache(maxsize=65536)
def label(date: DateValue) -> str:
    """``date.describe()``, remembered: a chronology repeats few distinct dates many times and
    month names come from the locale on every call."""
    return date.describe()


@dataclass(frozen=True)
class DateComparison:
    """How two dates relate.

    ``gap_days`` is the number of days from the end of the earlier core range to the start of
    the later one (1 for 1986 vs 1987), or None when the cores meet. ``more_precise`` is 0 or
    1 for the account with the narrower core range, None when they are equally precise.
    ``through`` says how a possible conflict meets: ``"modifier"`` (outside the early/mid/late
    core) or ``"soft"`` (only via ~/?/%).
    """

    relation: Relation
    gap_days: int | None
    more_precise: int | None
    through: Literal["modifier", "soft"] | None = None


@dataclass(frozen=True)
class FigureComparison:
    """How two figures relate; ``relative_difference`` is 0.0 when the ranges meet."""

    relation: Relation
    relative_difference: float


def _meet(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


_Ordered = TypeVar("_Ordered", dt.date, float)


def _inside(inner: tuple[_Ordered, _Ordered], outer: tuple[_Ordered, _Ordered]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def _days(span: tuple[dt.date, dt.date]) -> int:
    return (span[1] - span[0]).days + 1


def _gap(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> int | None:
    """Days between two disjoint ranges (1 for adjacent days), None when they meet."""
    if _meet(a, b):
        return None
    return (b[0] - a[1]).days if a[1] < b[0] else (a[0] - b[1]).days


def compare_dates(a: DateValue, b: DateValue) -> DateComparison:
    """Relate two dates by their core ranges, falling back to stated and soft bounds."""
    ca, cb = a.core, b.core
    wa, wb = _days(ca), _days(cb)
    # June (30 days) is not more precise than July (31): same unit and modifier is a tie
    same_unit = a.precision == b.precision not in ("interval", "one-of")
    if wa == wb or (same_unit and a.modifier == b.modifier):
        more_precise = None
    else:
        more_precise = 0 if wa < wb else 1
    stated_a, stated_b = (a.earliest, a.latest), (b.earliest, b.latest)
    if stated_a == stated_b and ca == cb and a.soft == b.soft:
        return DateComparison("same", None, None)
    if _meet(ca, cb):
        relation: Relation = "compatible" if _inside(ca, cb) or _inside(cb, ca) else "overlapping"
        return DateComparison(relation, None, more_precise)
    gap = _gap(ca, cb)
    if _meet(stated_a, stated_b):
        return DateComparison("possible-conflict", gap, more_precise, "modifier")
    if _meet(a.soft, b.soft):
        return DateComparison("possible-conflict", gap, more_precise, "soft")
    return DateComparison("conflict", gap, more_precise)


def _figure_difference(a: tuple[float, float], b: tuple[float, float]) -> float:
    """How far apart two value ranges are, as a share of the larger near bound (0 if they meet).

    72 vs 80 gives 0.1; "over 200,000" vs 150,000 gives 0.25. Always finite: the lower range
    of two disjoint ranges has a finite top.
    """
    low, high = (a, b) if a[1] < b[0] else (b, a)
    if low[1] >= high[0]:
        return 0.0
    return round((high[0] - low[1]) / high[0], 4)


def compare_figures(a: Figure, b: Figure) -> FigureComparison:
    """Relate two values of the same named figure as ranges."""
    ra, rb = (a.low, a.high), (b.low, b.high)
    if ra == rb:
        return FigureComparison("same", 0.0)
    if _inside(ra, rb) or _inside(rb, ra):
        return FigureComparison("compatible", 0.0)
    if ra[0] <= rb[1] and rb[0] <= ra[1]:
        return FigureComparison("overlapping", 0.0)
    return FigureComparison("conflict", _figure_difference(ra, rb))


#: How a reader hears each figure qualifier (``chronology.model.Figure``): ">200000" is
#: "more than 200,000".
FIGURE_WORDS = {
    "~": "about",
    ">": "more than",
    ">=": "at least",
    "<": "fewer than",
    "<=": "at most",
}


def figure_words(figure: Figure) -> str:
    """A figure as a reader reads it: '72', 'about 75', 'more than 200,000', '100 to 150'."""
    m = re.fullmatch(r"(~|>=|<=|>|<)?(\d+)(?:-(\d+))?", figure.text.replace(",", "").strip())
    if m is None:  # Figure.parse accepted it, so this cannot happen; show it as written
        return figure.text
    op, first, last = m.groups()
    if last is not None:
        return f"{int(first):,} to {int(last):,}"
    return f"{FIGURE_WORDS[op]} {int(first):,}" if op else f"{int(first):,}"


@functools.lru_cache(maxsize=65536)
def normalise_cited(cited: str) -> str:
    """The comparable form of a ``cited`` value: 'Fars news agency (video, 2018)' -> 'fars news
    agency'. Parenthesised details say *which* statement, not *whose*, so they are dropped."""
    bare = re.sub(r"\([^)]*\)", " ", cited)
    words = re.sub(r"[^\w]+", " ", bare.casefold()).split()
    return " ".join(words) or " ".join(re.sub(r"[^\w]+", " ", cited.casefold()).split())


def origin(account: Account) -> str:
    """Where an account's claim comes from: the cited outlet, or else the source itself."""
    if account.cited and account.cited.strip():
        return f"cited:{normalise_cited(account.cited)}"
    return f"source:{account.source}"


@dataclass(frozen=True)
class Side:
    """Accounts that agree with each other against another side.

    ``accounts`` are indices into the event's accounts. ``days`` (for dates) or ``values``
    (for figures) is the range every member allows: the intersection of their ranges.
    ``labels`` are the members' distinct dates in words (or figures as written), ``label``
    the same joined by " / "; ``source_ids`` the members' distinct sources in order of
    appearance and ``source_names`` the names readers see for them, parallel to the ids.
    """

    accounts: tuple[int, ...]
    label: str
    sources: int
    origins: int
    days: tuple[dt.date, dt.date] | None = None
    values: tuple[float, float] | None = None
    labels: tuple[str, ...] = ()
    source_ids: tuple[str, ...] = ()
    source_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Gap:
    """How far apart two sides' dates are, in the unit a reader is told.

    When every date on both sides is a plain year (or month, or day) the gap is counted in that
    unit between the nearest ends, exactly: 1986 and 1987 are 1 year apart, June and July 1981
    1 month. Otherwise (mixed precisions, decades, intervals, early/mid/late) it is the days
    between the nearest ends in the largest sensible unit, rounded down, and ``at_least`` is
    True: 2010 and September 2012 are at least 20 months apart.
    """

    amount: int
    unit: GapUnit
    at_least: bool

    @property
    def words(self) -> str:
        """'1 year', 'at least 20 months'."""
        text = plural(self.amount, self.unit[:-1])
        return f"at least {text}" if self.at_least else text


@dataclass(frozen=True)
class Conflict:
    """One disagreement between two sides of one event, with its size and an explanation.

    ``gap`` (dates) is the distance the sentence states; ``gap_days`` the days between the
    sides' nearest ends; ``gap_words`` the distance as the sentence words it ("1 year",
    "at least 20 months", "10%").
    """

    kind: Kind
    relation: Literal["conflict", "possible-conflict"]
    figure: str | None
    sides: tuple[Side, Side]
    gap_days: int | None
    relative_difference: float | None
    label: str
    explanation: str
    gap: Gap | None = None
    gap_words: str = ""


@dataclass(frozen=True)
class Pair:
    """The comparison of two accounts (indices ``first`` < ``second``) on their date, or on one
    shared figure when ``figure`` is set. ``more_precise`` is an account index or None."""

    first: int
    second: int
    figure: str | None
    relation: Relation
    more_precise: int | None
    gap_days: int | None
    relative_difference: float | None


@dataclass(frozen=True)
class EventAnalysis:
    """Everything computed about one event: its worst relation, its sharpest accounts, its
    conflicts (by kind, figure, then side order) and every pairwise comparison (dates first,
    then figures by name)."""

    agreement: Agreement
    most_precise: tuple[int, ...]
    conflicts: tuple[Conflict, ...]
    pairs: tuple[Pair, ...] = ()


def flag(kind: str, possible: bool, figure: str | None) -> str:
    """What a conflict is, in a reader's words: 'Sources disagree on the date', 'Sources may
    disagree on killed', 'One source disagrees with itself'. One phrasing for every view."""
    if kind == "internal":
        return f"One source {'may disagree' if possible else 'disagrees'} with itself"
    verb = "may disagree" if possible else "disagree"
    return f"Sources {verb} on {'the date' if figure is None else figure}"


def _join(names: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _excerpt(quote: str, anchors: Sequence[str]) -> str:
    """The quote, shortened around the first anchor it contains (a year, a number)."""
    text = " ".join(quote.split())
    if len(text) <= QUOTE_WIDTH:
        return text
    pos = next((p for p in (text.find(a) for a in anchors if a) if p >= 0), 0)
    start = max(0, min(pos - QUOTE_WIDTH // 3, len(text) - QUOTE_WIDTH))
    if start:
        start = text.find(" ", start) + 1 or start
    end = start + QUOTE_WIDTH
    if end < len(text) and text.rfind(" ", start, end) > start:
        end = text.rfind(" ", start, end)  # end on a word boundary
    return ("…" if start else "") + text[start:end].strip() + ("…" if end < len(text) else "")


def _date_anchors(date: DateValue) -> list[str]:
    return [str(d.year) for d in (date.earliest, date.latest) if 1 < d.year < 9999]


def _figure_anchors(figure: Figure) -> list[str]:
    digits = re.findall(r"\d+", figure.text.replace(",", ""))
    return [form for d in digits for form in (f"{int(d):,}", d)]


def _human_days(days: int) -> Gap:
    """A day count in the largest sensible unit, rounded down so that "at least" stays true."""
    if days < 62:
        return Gap(days, "days", True)
    if days < 730:
        return Gap(int(days / 30.44), "months", True)
    return Gap(int(days / 365.25), "years", True)


def _date_distance(dates: Sequence[DateValue], earlier: Side, later: Side, days: int) -> Gap:
    """1 year when both sides speak in the same unit, else at least 8 months (see ``Gap``)."""
    assert earlier.days is not None and later.days is not None
    units = {d.precision for d in dates}
    if len(units) == 1 and not any(d.modifier for d in dates):
        unit = units.pop()
        a, b = earlier.days[1], later.days[0]
        if unit == "year":
            return Gap(b.year - a.year, "years", False)
        if unit == "month":
            return Gap((b.year - a.year) * 12 + b.month - a.month, "months", False)
        if unit == "day":
            return Gap(days, "days", False)
    return _human_days(days)


def _percent(share: float) -> str:
    pct = share * 100
    return f"{pct:.0f}%" if pct >= 1 else f"{pct:.1f}%"


@dataclass(frozen=True)
class _Dispute:
    """Two sides that disagree, the pairs across them that disagree, and, for an internal
    dispute, the one source on both sides."""

    earlier: tuple[int, ...]
    later: tuple[int, ...]
    pairs: tuple[tuple[int, int], ...]
    source: str | None


def _pair(i: int, j: int) -> tuple[int, int]:
    return (i, j) if i < j else (j, i)


def _disputes(
    accounts: Sequence[Account],
    members: Sequence[int],
    relations: Mapping[tuple[int, int], str],
    key: Callable[[int], tuple[object, ...]],
) -> list[_Dispute]:
    """Group the accounts that disagree with someone into sides; list each disputed pair of sides.

    Sides are built greedily in the order of ``key`` (start of range): an account joins the
    first side none of whose members it disagrees with. With intervals this keeps each side a
    set of ranges that share a common stretch. Disagreements across sources give one dispute
    per pair of sides; a source with accounts on both sides gives an internal dispute. In each
    dispute a side holds only its members that disagree with someone on the other side.
    """

    def disagree(i: int, j: int) -> bool:
        return relations[_pair(i, j)] in DISAGREE

    involved = [i for i in members if any(disagree(i, j) for j in members if j != i)]
    sides: list[list[int]] = []
    for i in sorted(involved, key=key):
        for side in sides:
            if not any(disagree(i, j) for j in side):
                side.append(i)
                break
        else:
            sides.append([i])
    found: list[_Dispute] = []
    for a, whole_first in enumerate(sides):
        for whole_second in sides[a + 1 :]:
            cross = [_pair(i, j) for i in whole_first for j in whole_second if disagree(i, j)]
            if not cross:
                continue
            # only the members that disagree with the other side stand on it in this dispute:
            # "by 2012" may be on 2010's side against "2014" yet agree with "September 2012"
            taking_part = {k for p in cross for k in p}
            first = tuple(k for k in whole_first if k in taking_part)
            second = tuple(k for k in whole_second if k in taking_part)
            between = tuple(p for p in cross if accounts[p[0]].source != accounts[p[1]].source)
            if between:
                found.append(_Dispute(first, second, between, None))
            for source in sorted({accounts[i].source for i, j in cross}):
                pairs = tuple(
                    (i, j) for i, j in cross if accounts[i].source == accounts[j].source == source
                )
                if pairs:
                    own = {k for p in pairs for k in p}
                    found.append(
                        _Dispute(
                            tuple(k for k in first if k in own),
                            tuple(k for k in second if k in own),
                            pairs,
                            source,
                        )
                    )
    return found


def _side(
    accounts: Sequence[Account],
    members: tuple[int, ...],
    label_of: Callable[[int], str],
    names: Mapping[str, str],
    days: tuple[dt.date, dt.date] | None = None,
    values: tuple[float, float] | None = None,
) -> Side:
    labels = tuple(dict.fromkeys(label_of(i) for i in members))
    ids = tuple(dict.fromkeys(accounts[i].source for i in members))
    return Side(
        accounts=members,
        label=" / ".join(labels),
        sources=len(ids),
        origins=len({origin(accounts[i]) for i in members}),
        days=days,
        values=values,
        labels=labels,
        source_ids=ids,
        source_names=tuple(names.get(i, i) for i in ids),
    )


def _quotes(accounts: Sequence[Account], side: Side, anchors: Callable[[int], list[str]]) -> str:
    """The side's distinct quotes, at most ``MAX_QUOTES`` of them so the sentence stays
    readable; the rest are counted (every account is still listed in the side)."""
    excerpts = (_excerpt(accounts[i].quote, anchors(i)) for i in side.accounts)
    quoted = list(dict.fromkeys(f'"{text}"' for text in excerpts))
    shown = "; ".join(quoted[:MAX_QUOTES])
    hidden = len(quoted) - MAX_QUOTES
    return shown if hidden <= 0 else f"{shown}; and {plural(hidden, 'more quote')}"


def _names(side: Side) -> tuple[str, bool]:
    """The side's sources in words, and whether there is more than one."""
    return _join(side.source_names), len(side.source_names) > 1


def _whole(date: DateValue) -> str:
    """The stated span of an early/mid/late date: 'the 1960s' for 'early 1960s'."""
    words = label(replace(date, modifier=None))
    if date.precision in ("decade", "century"):
        return f"any time in the {words}"
    if date.precision in ("interval", "one-of"):
        return f"any time from {words}"
    return f"any time in {words}"


def _stretched(date: DateValue, earlier: bool) -> str | None:
    """How far an approximate or uncertain date must stretch to meet the other side: 'as early
    as 1986' for 'about 1987' on the later side; None when its loose end has no plain unit."""
    if date.precision not in ("year", "month", "day") or date.soft == (date.earliest, date.latest):
        return None
    day = date.soft[1] if earlier else date.soft[0]
    form = {"year": "%Y", "month": "%Y-%m", "day": "%Y-%m-%d"}[date.precision]
    direction = "late" if earlier else "early"
    return f"as {direction} as {label(DateValue.parse(day.strftime(form)))}"


def _loose_readings(
    accounts: Sequence[Account],
    dispute: _Dispute,
    relations: Mapping[tuple[int, int], DateComparison],
) -> str:
    """'"early 1960s" means any time in the 1960s', or '"about 1987" means as early as 1986':
    the loose readings under which each possibly conflicting pair would agree, in plain words."""
    readings: list[str] = []
    for pair in dispute.pairs:
        compared = relations[pair]
        if compared.relation != "possible-conflict":
            continue
        parts = []
        for i in pair:
            date = accounts[i].date
            if compared.through == "modifier" and date.modifier:
                parts.append(f'"{label(date)}" means {_whole(date)}')
            elif compared.through == "soft" and date.soft != (date.earliest, date.latest):
                stretch = _stretched(date, i in dispute.earlier)
                parts.append(f'"{label(date)}" ' + (f"means {stretch}" if stretch else "is loose"))
        if parts:
            readings.append(" and ".join(parts))
    return " or ".join(dict.fromkeys(readings))


def _date_conflict(
    accounts: Sequence[Account],
    dispute: _Dispute,
    relations: Mapping[tuple[int, int], DateComparison],
    names: Mapping[str, str],
) -> Conflict:
    def side(members: tuple[int, ...]) -> Side:
        cores = [accounts[i].date.core for i in members]
        common = (max(c[0] for c in cores), min(c[1] for c in cores))
        return _side(accounts, members, lambda i: label(accounts[i].date), names, days=common)

    earlier, later = side(dispute.earlier), side(dispute.later)
    assert earlier.days is not None and later.days is not None
    days = _gap(earlier.days, later.days) or 0
    compared = [relations[p] for p in dispute.pairs]
    relation: Literal["conflict", "possible-conflict"] = (
        "conflict" if any(c.relation == "conflict" for c in compared) else "possible-conflict"
    )
    dates = [accounts[i].date for i in (*dispute.earlier, *dispute.later)]
    gap = _date_distance(dates, earlier, later, days)
    detail = f"{gap.words} apart"
    if relation == "possible-conflict":
        readings = _loose_readings(accounts, dispute, relations)
        detail += f"; they agree only if {readings}" if readings else ""

    def anchors(i: int) -> list[str]:
        return _date_anchors(accounts[i].date)

    if dispute.source is not None:
        text = (
            f"{names.get(dispute.source, dispute.source)} dates it both {earlier.label} "
            f"({_quotes(accounts, earlier, anchors)}) and {later.label} "
            f"({_quotes(accounts, later, anchors)}): {detail}."
        )
    else:
        clauses = []
        for s in (earlier, later):
            who, many = _names(s)
            verb = "date" if many else "dates"
            clauses.append(f"{who} {verb} it {s.label} ({_quotes(accounts, s, anchors)})")
        text = f"{'; '.join(clauses)}: {detail}."
    return Conflict(
        kind="internal" if dispute.source else "date",
        relation=relation,
        figure=None,
        sides=(earlier, later),
        gap_days=days,
        relative_difference=None,
        label=f"{earlier.label} vs {later.label}",
        explanation=text,
        gap=gap,
        gap_words=gap.words,
    )


def _figure_conflict(
    accounts: Sequence[Account], name: str, dispute: _Dispute, names: Mapping[str, str]
) -> Conflict:
    def side(members: tuple[int, ...]) -> Side:
        ranges = [(accounts[i].figures[name].low, accounts[i].figures[name].high) for i in members]
        common = (max(r[0] for r in ranges), min(r[1] for r in ranges))
        return _side(
            accounts,
            members,
            lambda i: figure_words(accounts[i].figures[name]),
            names,
            values=common,
        )

    lower, higher = side(dispute.earlier), side(dispute.later)
    assert lower.values is not None and higher.values is not None
    share = _figure_difference(lower.values, higher.values)

    def anchors(i: int) -> list[str]:
        return _figure_anchors(accounts[i].figures[name])

    if dispute.source is not None:
        text = (
            f"{names.get(dispute.source, dispute.source)} gives {name} as both {lower.label} "
            f"({_quotes(accounts, lower, anchors)}) and {higher.label} "
            f"({_quotes(accounts, higher, anchors)}): {_percent(share)} apart."
        )
    else:
        clauses = []
        for s in (lower, higher):
            who, many = _names(s)
            verb = "give" if many else "gives"
            clauses.append(f"{who} {verb} {name} as {s.label} ({_quotes(accounts, s, anchors)})")
        text = f"{'; '.join(clauses)}: {_percent(share)} apart."
    return Conflict(
        kind="internal" if dispute.source else "figure",
        relation="conflict",
        figure=name,
        sides=(lower, higher),
        gap_days=None,
        relative_difference=share,
        label=f"{name}: {lower.label} vs {higher.label}",
        explanation=text,
        gap_words=_percent(share),
    )


def analyse(event: Event, names: Mapping[str, str] | None = None) -> EventAnalysis:
    """Compare every pair of an event's accounts (dates, then each shared figure) once.

    ``names`` maps a source id to the name readers see (``Source.display_name``); the
    sentences fall back to the id for a source it does not name (events built in code).
    """
    names = names or {}
    accounts = event.accounts
    widths = [_days(a.date.core) for a in accounts]
    most_precise = tuple(i for i, w in enumerate(widths) if w == min(widths))
    if len(accounts) == 1:
        return EventAnalysis("single", most_precise, ())
    everyone = list(range(len(accounts)))
    dates = {
        (i, j): compare_dates(accounts[i].date, accounts[j].date)
        for i in everyone
        for j in everyone[i + 1 :]
    }
    pairs = [
        Pair(
            i,
            j,
            None,
            c.relation,
            None if c.more_precise is None else (i, j)[c.more_precise],
            c.gap_days,
            None,
        )
        for (i, j), c in dates.items()
    ]
    date_disputes = _disputes(
        accounts,
        everyone,
        {p: c.relation for p, c in dates.items()},
        lambda i: (*accounts[i].date.core, i),
    )
    conflicts = [_date_conflict(accounts, d, dates, names) for d in date_disputes]
    for name in sorted({n for a in accounts for n in a.figures}):
        values = {i: accounts[i].figures[name] for i in everyone if name in accounts[i].figures}
        holders = list(values)
        compared = {
            (i, j): compare_figures(values[i], values[j])
            for x, i in enumerate(holders)
            for j in holders[x + 1 :]
        }
        pairs += [
            Pair(i, j, name, c.relation, None, None, c.relative_difference)
            for (i, j), c in compared.items()
        ]
        figures = {p: c.relation for p, c in compared.items()}
        by_range = {i: (f.low, f.high, i) for i, f in values.items()}
        conflicts += [
            _figure_conflict(accounts, name, d, names)
            for d in _disputes(accounts, holders, figures, by_range.__getitem__)
        ]
    conflicts.sort(key=lambda c: (KIND_ORDER[c.kind], c.figure or ""))  # stable: side order
    worst = max((p.relation for p in pairs), key=SEVERITY.__getitem__)
    return EventAnalysis(worst, most_precise, tuple(conflicts), tuple(pairs))
