"""YAML stubs for the uncurated sentences, for the editor to review and paste into
events.yaml (``chronology reconcile --candidates``)."""

from __future__ import annotations

import os
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from chronology import quotes
from chronology.errors import ChronologyError, Problem
from chronology.files import write_atomic
from chronology.load import dump_round_trip, parse_yaml
from chronology.model import Chronology, EventsFile
from chronology.reconcile.findings import Uncurated
from chronology.reconcile.report import Report

STUB_NOTE = "from chronology reconcile: review"


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
        prefix = sentence_prefix(chronology, row)
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
