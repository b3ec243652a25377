"""Benchmark: `chronology extract` throughput on a newsroom-sized corpus, one process and N.

The corpus is the seed articles repeated (each article a document, with its publication date
as dct) until it reaches the requested size, so the text has real prose density of dates. It
runs through the same ``corpus.extract_all`` the command uses and prints words, documents and
characters per second for ``--jobs 1`` and ``--jobs N``, and checks both give the same mentions.

It then times ``dateparser.search.search_dates(text, languages=["en"])`` (the baseline the issue
names) and our extractor, one core each, on the same first ``--dp-mb`` megabytes of documents in
the same run, and prints characters per second for both and the ratio. dateparser is timed on a
smaller slice only because it is slow; both see exactly the same texts.

Finally it times this checkout's extractor against the one of an earlier revision
(``--before``, by default the one before issue 13 and the last single-module one), loaded from
git into a temporary module, on the same texts, in CPU seconds, best of five interleaved
rounds: the speed before and after a change, measured in one run on one machine.

    python bench/bench_extract.py [--mb 10] [--jobs N] [--dp-mb 0.5] [--before REV ...]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

from chronology.corpus import Document, extract_all
from chronology.extract import extract_text
from chronology.load import load_sources

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
# earlier extractors to time against: before issue 13, and its last single-module version
BEFORE = {"8a3e099": "before issue 13", "f6cd430": "before the package"}


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


def versus_dateparser(documents: list[Document], megabytes: float) -> None:
    """Characters per second of ours and of dateparser's search_dates on the same texts."""
    from dateparser.search import search_dates

    texts: list[tuple[str, Document]] = []
    size = 0
    for document in documents:
        if size >= megabytes * 1_000_000:
            break
        texts.append((document.text, document))
        size += len(document.text)
    search_dates("warm-up on 5 March 2019", languages=["en"])  # loads its language data
    start = time.process_time()  # CPU time: other processes on the machine do not count
    theirs = sum(len(search_dates(text, languages=["en"]) or []) for text, _ in texts)
    dp_seconds = time.process_time() - start
    start = time.process_time()
    ours = sum(len(extract_text(text, document.dct)) for text, document in texts)
    our_seconds = time.process_time() - start
    print(f"same {size / 1e6:.2f} M characters ({len(texts)} documents), one core:")
    print(f"  chronology extract_text: {size / our_seconds:12,.0f} chars/s  {ours:,} mentions")
    print(f"  dateparser search_dates: {size / dp_seconds:12,.0f} chars/s  {theirs:,} mentions")
    print(f"  ratio: {dp_seconds / our_seconds:.1f}x the throughput of search_dates")


def extractor_at(revision: str) -> ModuleType | None:
    """The single-module extractor (chronology/extract.py) of ``revision``, or None."""
    shown = subprocess.run(
        ["git", "show", f"{revision}:chronology/extract.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if shown.returncode != 0:
        return None
    path = Path(tempfile.mkdtemp()) / "extract_before.py"
    path.write_text(shown.stdout, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("extract_before", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def versus_revision(documents: list[Document], revision: str, label: str = "") -> None:
    """Characters per second of this extractor and of ``revision``'s, best of five rounds."""
    before = extractor_at(revision)
    if before is None:
        print(f"before/after: no chronology/extract.py at {revision} (not a git checkout?)")
        return
    size = sum(len(d.text) for d in documents)
    best = {"before": float("inf"), "after": float("inf")}
    runs = (("before", before.extract_text), ("after", extract_text))
    for round_ in range(5):
        for name, extract in runs if round_ % 2 else runs[::-1]:
            start = time.process_time()
            for document in documents:
                extract(document.text, document.dct)
            best[name] = min(best[name], time.process_time() - start)
    print(f"same {size / 1e6:.2f} M characters, one core, CPU time, best of 5:")
    name = f"{revision}, {label}" if label else revision
    print(f"  before ({name}): {size / best['before']:12,.0f} chars/s")
    print(f"  after  (this checkout): {size / best['after']:12,.0f} chars/s")
    print(f"  after / before: {best['before'] / best['after']:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.0, help="corpus size in megabytes")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="parallel N")
    parser.add_argument(
        "--dp-mb", type=float, default=0.5, help="megabytes for the dateparser comparison"
    )
    parser.add_argument(
        "--before", nargs="*", default=list(BEFORE), help="git revisions to compare speed with"
    )
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
    versus_dateparser(documents, args.dp_mb)
    sample = documents[: max(1, len(documents) // 4)]
    for revision in args.before:
        versus_revision(sample, revision, BEFORE.get(revision, ""))


if __name__ == "__main__":
    main()
