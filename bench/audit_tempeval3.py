"""Audit: sort the extractor's wrong values on TimeML gold into kinds, by rule.

`chronology evaluate` scores a value as right only when it is the gold string exactly (the
TempEval-3 rule). This script explains the misses: for every relaxed match whose value differs
it decides, by rules anyone can check (no hand labels), what kind of difference it is, and
prints the counts and what value F1 would be if each kind were forgiven. It does not change
how anything is scored; it tells the next person where the remaining points are.

Kinds, in the order they are tested:
- notation: the same period written differently (``1968-XX`` / ``1968``, ``2000-W7`` /
  ``2000-W07``, ``198`` / ``198X``, ``T17`` / ``T17:00``);
- part of day: the same day, one side adds a part of day (``1998-10-23TNI`` / ``1998-10-23``);
- gold coarser: our value lies inside the gold's (``1989-WXX`` where we say ``1989-W43``);
- gold finer: the gold's value lies inside ours (``1989-12-31`` where we say ``1989``);
- not a point: one side is a duration or a reference word, the other a date;
- gold weekday: the gold day for a weekday name falls on another weekday;
- week apart / year apart: the same weekday a week off, or the same month a year off
  (the tense or anchor was read differently);
- other: the rest.

    python bench/audit_tempeval3.py [PATHS...] [--show KIND]
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
from collections import Counter, defaultdict
from pathlib import Path

from chronology.dates import DateValue
from chronology.evaluate import GROUPS, match, read_timeml, timeml_files
from chronology.extract import WEEKDAYS, extract_text

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared/benchmarks/tempeval3"
PART = re.compile(r"T(?:MO|AF|EV|NI)$")
KINDS = [
    "notation",
    "part of day",
    "gold coarser",
    "gold finer",
    "not a point",
    "gold weekday",
    "week apart",
    "year apart",
    "other",
]


def canonical(value: str) -> str:
    """The value with unknown trailing fields dropped and short fields padded."""
    value = re.sub(r"(?:-XX)+$", "", value)
    value = re.sub(r"-W(\d)(?=$|-)", r"-W0\1", value)
    value = re.sub(r"T(\d\d)$", r"T\1:00", value)
    value = re.sub(r"^(\d{3})$", r"\1X", value)
    return re.sub(r"^(\d{2})$", r"\1XX", value)


def period(value: str) -> tuple[dt.date, dt.date] | None:
    """The days a value covers; a year with an unknown week or quarter covers the year."""
    value = canonical(value)
    value = re.sub(r"^(\d{4})-(?:WXX|QX|XX)$", r"\1", value)
    date = DateValue.from_timex(value)
    return None if date is None else (date.earliest, date.latest)


def kind(text: str, gold: str, system: str) -> str:
    if canonical(gold) == canonical(system):
        return "notation"
    if PART.sub("", gold) == PART.sub("", system):
        return "part of day"
    g, s = period(gold), period(system)
    if g is not None and s is not None:
        if g == s:
            return "notation"
        if g[0] <= s[0] and s[1] <= g[1]:
            return "gold coarser"
        if s[0] <= g[0] and g[1] <= s[1]:
            return "gold finer"
    elif (g is None) != (s is None):
        return "not a point"
    named = [d for w, d in WEEKDAYS.items() if re.search(rf"\b{w}\b", text, re.I)]
    if g is not None and g[0] == g[1] and named and g[0].weekday() not in named:
        return "gold weekday"
    if g is None or s is None:
        return "other"
    if g[0] == g[1] and s[0] == s[1] and abs((g[0] - s[0]).days) == 7:
        return "week apart"
    if re.sub(r"^\d{4}", "", gold) == re.sub(r"^\d{4}", "", system):
        return "year apart"
    return "other"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[DEFAULT])
    parser.add_argument("--group", choices=list(GROUPS), default="date-time")
    parser.add_argument("--show", choices=KINDS, help="list the cases of one kind")
    args = parser.parse_args()
    types = GROUPS[args.group]
    counts: Counter[str] = Counter()
    cases: dict[str, list[str]] = defaultdict(list)
    n_gold = n_system = right = 0
    for path in timeml_files(args.paths):
        document = read_timeml(path)
        gold = [t for t in document.timexes if t.type in types]
        system = [m for m in extract_text(document.text, document.dct) if m.type in types]
        n_gold += len(gold)
        n_system += len(system)
        for i, j in match(gold, system):
            g, s = gold[i], system[j]
            if g.value == s.value:
                right += 1
                continue
            k = kind(g.text, g.value, s.value)
            counts[k] += 1
            cases[k].append(f"{path.name}\t{g.text!r}\tgold={g.value}\tours={s.value}")

    def f1(correct: int) -> float:
        return 2 * correct / (n_gold + n_system)

    wrong = sum(counts.values())
    print(f"{args.group}: {n_gold} gold, {n_system} ours, {right + wrong} relaxed matches")
    print(f"value F1 as scored (exact strings): {f1(right):.3f}")
    print(f"{'kind':<14} {'cases':>5}  value F1 if forgiven (cumulative)")
    forgiven = right
    for k in KINDS:
        forgiven += counts[k]
        print(f"{k:<14} {counts[k]:>5}  {f1(forgiven):.3f}")
    if args.show:
        print()
        print("\n".join(cases[args.show]))


if __name__ == "__main__":
    main()
