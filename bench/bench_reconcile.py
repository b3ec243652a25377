"""Benchmark: reconcile the shipped seeds, then 100,000 synthetic mentions against 10,000
synthetic events; print seconds for each stage.

Why synthetic: the shipped data has a few hundred mentions, far too few to show whether
matching scales. The synthetic chronology is deterministic (seeded) and shaped like the real
one: years 1960-2020 at year, month, day and decade precision, 1-3 accounts per event from 20
sources (10% of events with a second account a year off), quotes of about a dozen words drawn
from a Zipf-distributed vocabulary. Mentions: one inside each quote (attested), 30,000
paraphrases of a curated quote with a compatible date (candidates) and the rest random dated
sentences (the uncurated to-do list).

Run from the repository root: ``PYTHONPATH=. python bench/bench_reconcile.py [mentions events]``.
"""

from __future__ import annotations

import itertools
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

from chronology.dates import DateValue
from chronology.export import build
from chronology.extract import Mention, extract_chronology
from chronology.load import load
from chronology.model import Account, Chronology, Event, Source
from chronology.reconcile import reconcile, summary

ROOT = Path(__file__).resolve().parent.parent
SOURCES = 20


def _vocabulary(rng: random.Random, size: int = 4000) -> tuple[list[str], list[float]]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    words = sorted({"".join(rng.choices(letters, k=rng.randint(4, 9))) for _ in range(size)})
    rng.shuffle(words)
    return words, list(itertools.accumulate(1 / (rank + 1) for rank in range(len(words))))


def _date(rng: random.Random) -> str:
    year = rng.randint(1960, 2020)
    roll = rng.random()
    if roll < 0.5:
        return str(year)
    if roll < 0.75:
        return f"{year}-{rng.randint(1, 12):02d}"
    if roll < 0.95:
        return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return f"{str(year)[:3]}X"


class _Writer:
    """Builds one synthetic document per source, sentence by sentence, recording offsets."""

    def __init__(self) -> None:
        self.parts: dict[str, list[str]] = defaultdict(list)
        self.length: dict[str, int] = defaultdict(int)

    def add(self, source: str, sentence: str) -> int:
        start = self.length[source]
        self.parts[source].append(sentence + "\n")
        self.length[source] += len(sentence) + 1
        return start


def synthetic(n_mentions: int, n_events: int, seed: int = 7) -> tuple[Chronology, list[Mention]]:
    rng = random.Random(seed)
    words, cumulative = _vocabulary(rng)
    dates: dict[str, DateValue] = {}

    def value(text: str) -> DateValue:
        if text not in dates:
            dates[text] = DateValue.parse(text)
        return dates[text]

    def phrase(k: int) -> list[str]:
        return rng.choices(words, cum_weights=cumulative, k=k)

    writer = _Writer()
    mentions: list[Mention] = []

    def mention(source: str, sentence: str, start: int, date: str) -> None:
        at = start + sentence.index(date)
        mentions.append(
            Mention(
                doc=f"{source}.txt",
                source=source,
                start=at,
                end=at + len(date),
                text=date,
                type="DATE",
                value=date,
                mod=None,
                date=value(date),
                anchor=None,
                sentence=sentence,
                sentence_start=start,
            )
        )

    events: list[Event] = []
    quotes: list[tuple[list[str], str]] = []
    for i in range(n_events):
        date = _date(rng)
        body = phrase(12)
        accounts = []
        for k in range(rng.choice((1, 1, 2, 3))):
            source = f"s{rng.randrange(SOURCES)}"
            stated = date
            if k and rng.random() < 0.1 and date[:4].isdigit():
                stated = str(int(date[:4]) + 1)
            sentence = f"{' '.join(body[:6])} in {stated} {' '.join(body[6:])}."
            start = writer.add(source, sentence)
            account = Account(source=source, date=value(stated), quote=sentence)
            account._start, account._end = start, start + len(sentence)
            account._line = 3 + 10 * i + 5 * k
            accounts.append(account)
            mention(source, sentence, start, stated)
            quotes.append((body, stated))
        event = Event(id=f"e{i:05d}", title=f"Event {i}", category="context", accounts=accounts)
        event._line = 2 + 10 * i
        events.append(event)
    paraphrases = min(30_000, max(n_mentions - len(mentions), 0) * 3 // 8)
    while len(mentions) < n_mentions:
        source = f"s{rng.randrange(SOURCES)}"
        if paraphrases:
            paraphrases -= 1
            body, date = rng.choice(quotes)
            shuffled = rng.sample(body, k=9) + phrase(4)
            sentence = f"By {date} {' '.join(shuffled)} reported."
        else:
            date = _date(rng)
            sentence = f"{' '.join(phrase(7))} in {date} {' '.join(phrase(8))}."
        mention(source, sentence, writer.add(source, sentence), date)
    sources = [
        Source(
            id=f"s{k}",
            document=f"s{k}.txt",
            title=f"Source {k}",
            outlet=f"Outlet {k}",
            published=value("2021"),
            stance="critical",
        )
        for k in range(SOURCES)
    ]
    texts = {f"s{k}.txt": "".join(writer.parts[f"s{k}"]) for k in range(SOURCES)}
    chronology = Chronology(sources, events, texts, "synthetic/events.yaml", "synthetic/seeds")
    return chronology, mentions


class _Clock:
    """Wall and CPU seconds: on a busy machine the CPU time is the figure that compares."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def report(self, label: str) -> None:
        wall = time.perf_counter() - self.wall
        cpu = time.process_time() - self.cpu
        print(f"{label:<48} {wall:7.2f} s wall {cpu:7.2f} s CPU")
        self.wall, self.cpu = time.perf_counter(), time.process_time()


def main() -> None:
    n_mentions = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    n_events = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
    clock = _Clock()

    chronology = load(ROOT / "data" / "events.yaml", ROOT / "seeds")
    clock.report("shipped data: load")
    mentions = extract_chronology(chronology)
    clock.report(f"shipped data: extract ({len(mentions)} mentions)")
    report = reconcile(chronology, mentions)
    clock.report(f"shipped data: reconcile ({len(chronology.events)} events)")
    print(f"  {summary(report)['uncurated']} uncurated sentences")

    chronology, mentions = synthetic(n_mentions, n_events)
    accounts = sum(len(e.accounts) for e in chronology.events)
    clock.report(f"synthetic: build {n_events} events ({accounts} accounts)")
    build(chronology)
    clock.report("synthetic: conflicts and export model alone")
    report = reconcile(chronology, mentions)
    clock.report(f"synthetic: reconcile {len(mentions)} mentions")
    facts = summary(report)
    print(
        f"  {facts['attested_mentions']} attested, {facts['candidate_mentions']} with a "
        f"candidate event, {facts['uncurated']} uncurated sentences, "
        f"{sum(facts['conflicts'].values())} conflicts"
    )


if __name__ == "__main__":
    main()
