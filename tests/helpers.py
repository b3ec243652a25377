"""Builders shared by the render and embed tests: small chronologies on the mini sources."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from chronology.load import load
from chronology.model import Chronology, Event

DATA = Path(__file__).parent / "data"
MINI = DATA / "mini"
HOSTILE = DATA / "hostile"


def chronology_of(*events: dict[str, Any]) -> Chronology:
    """The mini fixture's sources and texts with these events instead of its own."""
    chronology = load(MINI / "events.yaml", MINI / "seeds")
    chronology.events = [Event.model_validate(e) for e in events]
    return chronology


def event(eid: str, *accounts: tuple[str, str], category: str = "relocation") -> dict[str, Any]:
    """An event with one account per (source, date), each quoting a placeholder."""
    return {
        "id": eid,
        "title": f"Title of {eid}",
        "category": category,
        "accounts": [{"source": s, "date": d, "quote": f"quote {eid} {d}"} for s, d in accounts],
    }
