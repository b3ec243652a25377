"""Render tests against a hand-made export-model dict (export.py not yet available)."""

from __future__ import annotations

from chronology.render import render_html

HOSTILE = '<img src=x onerror=alert(1)><a href="javascript:alert(2)">x</a><b>bold</b>'


def _model(quote: str = "said so") -> dict:
    acc = {
        "source": "s1",
        "date": "1986",
        "earliest": "1986-01-01",
        "latest": "1986-12-31",
        "quote": quote,
        "cited": None,
    }
    acc2 = dict(acc, source="s2", date="1987", earliest="1987-01-01", latest="1987-12-31")
    return {
        "schema_version": 1,
        "sources": [{"id": "s1", "stance": "critical"}, {"id": "s2", "stance": "supportive"}],
        "events": [
            {
                "id": "e1",
                "title": "Move",
                "category": "exile",
                "accounts": [acc, acc2],
                "conflicts": [{"kind": "date"}],
            }
        ],
    }


def test_deterministic() -> None:
    assert render_html(_model(), plotlyjs="cdn") == render_html(_model(), plotlyjs="cdn")


def test_conflict_count_and_table() -> None:
    page = render_html(_model(), plotlyjs="cdn")
    assert "1 events where sources disagree" in page
    assert 'id="event-e1"' in page


def test_hostile_quote_escaped() -> None:
    page = render_html(_model(HOSTILE), plotlyjs="cdn")
    assert "<img src=x" not in page
    assert 'href="javascript' not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
