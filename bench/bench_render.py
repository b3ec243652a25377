"""Benchmark: render 10,000 synthetic events with 3 accounts each; print time and size."""

from __future__ import annotations

import time

from chronology.render import render_html


def synthetic(n: int = 10_000) -> dict:
    """Deterministic synthetic export model (why: measure render without the real data)."""
    events = []
    for i in range(n):
        year = 1965 + i % 55
        accs = [
            {
                "source": f"s{k}",
                "date": str(year + (k == 2 and i % 7 == 0)),
                "earliest": f"{year + (k == 2 and i % 7 == 0)}-01-01",
                "latest": f"{year + (k == 2 and i % 7 == 0)}-12-31",
                "quote": f"quote {i} {k}",
                "cited": None,
            }
            for k in range(3)
        ]
        events.append(
            {
                "id": f"e{i:05d}",
                "title": f"Event {i}",
                "category": f"c{i % 6}",
                "accounts": accs,
                "conflicts": [{"kind": "date"}] if i % 7 == 0 else [],
            }
        )
    return {"schema_version": 1, "sources": [{"id": f"s{k}"} for k in range(3)], "events": events}


if __name__ == "__main__":
    model = synthetic()
    t0 = time.perf_counter()
    page = render_html(model, plotlyjs="inline")
    dt = time.perf_counter() - t0
    print(f"10000 events x 3 accounts: {dt:.2f} s, {len(page.encode()) / 1e6:.1f} MB")
