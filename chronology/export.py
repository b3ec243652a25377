"""The export model: the whole chronology with everything computed, as one plain dict.

``build`` is the single place where the loaded chronology and the conflict analysis become the
documented, versioned shape of ``docs/export-schema.md`` (format ``chronology-export/1``).
``chronology export`` writes it as JSON, ``render`` draws it, and outside tools read it, so the
three can never disagree about a date, a side or a count.

The output is deterministic: no timestamps, events sorted by (earliest, id), accounts in the
order of ``events.yaml``, and ``dumps`` sorts keys. Infinite figure bounds (``">200000"``) and
open date ends (``../2020-07``) have no JSON number or day, so they become ``null`` for figures
and the flags ``open_start``/``open_end`` beside the ``0001-01-01``/``9999-12-31`` days.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from pathlib import Path
from typing import Any

from chronology import __version__
from chronology.conflicts import SEVERITY, Conflict, EventAnalysis, Pair, Side, analyse, label
from chronology.dates import OPEN_END, OPEN_START
from chronology.load import SOURCES_FILE
from chronology.model import CATEGORIES, Account, Chronology, Event, Figure, Source

FORMAT = "chronology-export/1"


def _day(day: dt.date) -> str:
    return day.isoformat()


def _number(value: float) -> float | None:
    """A figure bound for JSON: infinity has no JSON form, so it becomes null."""
    if math.isinf(value):
        return None
    return float(round(value, 6))


def input_hash(chronology: Chronology) -> str:
    """SHA-256 over the input files, so a reader can tell which data an export came from.

    Hashes, in order, events.yaml, then sources.yaml and every document sorted by file name,
    each as its name, a NUL byte, its length, a NUL byte and its bytes. A file that does not
    exist on disk (a chronology built in code) contributes its name only; documents come from
    the loaded texts, which are the files' UTF-8 bytes.
    """
    digest = hashlib.sha256()

    def feed(name: str, data: bytes | None) -> None:
        digest.update(name.encode("utf-8") + b"\0")
        if data is not None:
            digest.update(str(len(data)).encode("ascii") + b"\0" + data)

    def disk(path: Path) -> bytes | None:
        return path.read_bytes() if path.is_file() else None

    feed("events", disk(Path(chronology.events_path)))
    feed(SOURCES_FILE, disk(Path(chronology.seeds_dir) / SOURCES_FILE))
    for name in sorted(chronology.texts):
        feed(name, chronology.texts[name].encode("utf-8"))
    return digest.hexdigest()


def _source(source: Source) -> dict[str, Any]:
    return {
        "id": source.id,
        "document": source.document,
        "title": source.title,
        "authors": list(source.authors),
        "outlet": source.outlet,
        "published": source.published.edtf,
        "published_label": source.published.describe(),
        "stance": source.stance,
        "span": list(source.span) if source.span is not None else None,
    }


def _figure(figure: Figure) -> dict[str, Any]:
    return {"text": figure.text, "low": _number(figure.low), "high": _number(figure.high)}


def _account(event: Event, index: int, account: Account, document: str) -> dict[str, Any]:
    date = account.date
    core = date.core
    offsets = account.offsets
    return {
        "id": f"{event.id}/{index + 1}",
        "source": account.source,
        "document": document,
        "date": date.edtf,
        "modifier": account.modifier,
        "label": label(date),
        "precision": date.precision,
        "soft": date.approximate or date.uncertain,
        "earliest": _day(date.earliest),
        "latest": _day(date.latest),
        "open_start": date.earliest == OPEN_START,
        "open_end": date.latest == OPEN_END,
        "core_earliest": _day(core[0]),
        "core_latest": _day(core[1]),
        "quote": account.quote,
        "prefix": account.prefix,
        "cited": account.cited,
        "note": account.note,
        "line": account.line,
        "start": offsets[0] if offsets else None,
        "end": offsets[1] if offsets else None,
        "figures": {name: _figure(f) for name, f in sorted(account.figures.items())},
    }


def _side(event: Event, side: Side) -> dict[str, Any]:
    return {
        "accounts": [f"{event.id}/{i + 1}" for i in side.accounts],
        "label": side.label,
        "sources": side.sources,
        "origins": side.origins,
        "earliest": _day(side.days[0]) if side.days else None,
        "latest": _day(side.days[1]) if side.days else None,
        "low": _number(side.values[0]) if side.values else None,
        "high": _number(side.values[1]) if side.values else None,
    }


def _conflict(event: Event, conflict: Conflict) -> dict[str, Any]:
    return {
        "kind": conflict.kind,
        "relation": conflict.relation,
        "figure": conflict.figure,
        "sides": [_side(event, s) for s in conflict.sides],
        "gap_days": conflict.gap_days,
        "relative_difference": conflict.relative_difference,
        "label": conflict.label,
        "explanation": conflict.explanation,
    }


def _pair(event: Event, pair: Pair) -> dict[str, Any]:
    def ref(i: int | None) -> str | None:
        return None if i is None else f"{event.id}/{i + 1}"

    return {
        "accounts": [ref(pair.first), ref(pair.second)],
        "figure": pair.figure,
        "relation": pair.relation,
        "more_precise": ref(pair.more_precise),
        "gap_days": pair.gap_days,
        "relative_difference": pair.relative_difference,
    }


def _event(event: Event, analysis: EventAnalysis, documents: dict[str, str]) -> dict[str, Any]:
    accounts = event.accounts
    earliest = min(a.date.earliest for a in accounts)
    latest = max(a.date.latest for a in accounts)
    return {
        "id": event.id,
        "title": event.title,
        "category": event.category,
        "summary": event.summary,
        "note": event.note,
        "line": event.line,
        "earliest": _day(earliest),
        "latest": _day(latest),
        "open_start": earliest == OPEN_START,
        "open_end": latest == OPEN_END,
        "agreement": analysis.agreement,
        "most_precise": [f"{event.id}/{i + 1}" for i in analysis.most_precise],
        "accounts": [
            _account(event, i, a, documents.get(a.source, "")) for i, a in enumerate(accounts)
        ],
        "conflicts": [_conflict(event, c) for c in analysis.conflicts],
        "comparisons": [_pair(event, p) for p in analysis.pairs],
    }


def build(chronology: Chronology) -> dict[str, Any]:
    """The export model of a loaded chronology (see docs/export-schema.md)."""
    documents = {s.id: s.document for s in chronology.sources}
    events = [_event(e, analyse(e), documents) for e in chronology.events]
    events.sort(key=lambda e: (e["earliest"], e["id"]))
    conflicts = [c for e in events for c in e["conflicts"]]
    return {
        "format": FORMAT,
        "generator": {"name": "chronology", "version": __version__},
        "inputs": {
            "events": Path(chronology.events_path).as_posix(),
            "seeds": Path(chronology.seeds_dir).as_posix(),
            "sha256": input_hash(chronology),
        },
        "categories": [{"id": k, "description": v} for k, v in CATEGORIES.items()],
        "sources": [_source(s) for s in chronology.sources],
        "events": events,
        "summary": {
            "events": len(events),
            "accounts": sum(len(e["accounts"]) for e in events),
            "sources": len(chronology.sources),
            "events_in_conflict": sum(1 for e in events if e["conflicts"]),
            "conflicts": {
                kind: sum(1 for c in conflicts if c["kind"] == kind)
                for kind in ("date", "figure", "internal")
            },
            "relations": {
                relation: sum(1 for c in conflicts if c["relation"] == relation)
                for relation in ("conflict", "possible-conflict")
            },
            "agreement": {
                level: sum(1 for e in events if e["agreement"] == level) for level in SEVERITY
            },
        },
    }


def dumps(model: dict[str, Any]) -> str:
    """The model as JSON: sorted keys, 2-space indent, UTF-8 text, trailing newline."""
    return json.dumps(model, indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False) + "\n"
