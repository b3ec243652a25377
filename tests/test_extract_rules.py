"""Every rule's own examples and counterexamples (Duckling's corpus style): a rule whose start
words miss its pattern, or that a rule before it in the scanner's order always shadows, fails
here by name."""

from __future__ import annotations

import datetime as dt

import pytest

from chronology.extract.anchors import Found, Ref
from chronology.extract.context import Context
from chronology.extract.scanner import ORDER, RULES, scan

DCT = dt.date(2019, 2, 15)  # a Friday: the examples' publication date, read as news


def found(text: str) -> list[Found]:
    return scan(Context(text, Ref.of(DCT, "publication")))


def test_every_rule_has_examples_and_counterexamples() -> None:
    assert list(RULES) and set(RULES) == set(ORDER)
    for rule in RULES.values():
        assert rule.examples, f"rule {rule.name} has no examples"
        assert rule.counterexamples, f"rule {rule.name} has no counterexamples"


@pytest.mark.parametrize(
    ("rule", "text", "value"),
    [(r.name, text, value) for r in RULES.values() for text, value in r.examples],
)
def test_rule_example(rule: str, text: str, value: str) -> None:
    by_rule = [(f.rule, text[f.start : f.end], f.value) for f in found(text)]
    assert any(r == rule and v == value for r, _, v in by_rule), by_rule


@pytest.mark.parametrize(
    ("rule", "text"),
    [(r.name, text) for r in RULES.values() for text in r.counterexamples],
)
def test_rule_counterexample(rule: str, text: str) -> None:
    by_rule = [(f.rule, text[f.start : f.end], f.value) for f in found(text)]
    assert not any(r == rule for r, _, _ in by_rule), by_rule
