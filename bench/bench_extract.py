"""Benchmark: `chronology extract` throughput on a newsroom-sized corpus, one process and N.

The corpus is the seed articles repeated (each article a document, with its publication date
as dct) until it reaches the requested size, so the text has real prose density of dates. It
runs through the same ``corpus.extract_all`` the command uses and prints words, documents and
characters per second for ``--jobs 1`` and ``--jobs N``, and checks both give the same mentions.

    python bench/bench_extract.py [--mb 10] [--jobs N]
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from chronology.corpus import Document, extract_all
from chronology.load import load_sources

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def corpus(megabytes: float) -> list[Document]:
    """Seed articles, repeated in a fixed order until ``megabytes`` of text (deterministic)."""
    sources, texts = load_sources(SEEDS)
    articles = []
    for source in sources:
        text = texts[source.document]
        if source.span:
            text = text[source.span[0] : source.span[1]]
        articles.append((source.id, text, source.published))
    documents: list[Document] = []
    size, target = 0, int(megabytes * 1_000_000)
    while size < target:
        for source_id, text, dct in articles:
            documents.append(Document(f"{len(documents):06d}-{source_id}", text, dct))
            size += len(text)
    return documents


def measure(documents: list[Document], jobs: int) -> tuple[float, int]:
    start = time.perf_counter()
    mentions = extract_all(documents, jobs)
    return time.perf_counter() - start, len(mentions)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.0, help="corpus size in megabytes")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="parallel N")
    args = parser.parse_args()

    documents = corpus(args.mb)
    chars = sum(len(d.text) for d in documents)
    words = sum(len(d.text.split()) for d in documents)
    print(f"corpus: {len(documents):,} documents, {words:,} words, {chars / 1e6:.1f} M characters")
    counts = set()
    for jobs in sorted({1, args.jobs}):
        seconds, found = measure(documents, jobs)
        counts.add(found)
        print(
            f"--jobs {jobs}: {seconds:6.2f} s  {words / seconds:12,.0f} words/s  "
            f"{len(documents) / seconds:9,.0f} docs/s  {chars / seconds:12,.0f} chars/s  "
            f"{found:,} mentions"
        )
    if len(counts) != 1:
        raise SystemExit(f"different mention counts across --jobs: {sorted(counts)}")


if __name__ == "__main__":
    main()
