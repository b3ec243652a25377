"""Every rule's own examples and counterexamples (Duckling's corpus style): a rule whose start
words miss its pattern, or that a rule before it in the scanner's order always shadows, fails
here by name."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

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


RULE_MODULES = ("calendar_dates", "years", "periods", "relative", "holidays", "durations", "clock")
PACKAGE = Path(__file__).parent.parent / "chronology" / "extract"


def _tree(module: str) -> ast.Module:
    return ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))


@pytest.mark.parametrize("module", [*RULE_MODULES, "resolve"])
def test_rules_only_read_the_context(module: str) -> None:
    """The scanner alone writes the anchoring context: no handler or helper assigns to it."""
    writes = [
        f"{module}.py:{node.lineno}"
        for node in ast.walk(_tree(module))
        if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign)
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        for sub in ast.walk(target)
        if isinstance(sub, ast.Attribute) and isinstance(sub.value, ast.Name)
        if sub.value.id == "ctx"
    ]
    assert writes == []


def test_handlers_never_call_each_other() -> None:
    handlers = {rule.handler.__name__ for rule in RULES.values()}
    calls = [
        f"{module}.py:{node.lineno} calls {node.func.id}"
        for module in RULE_MODULES
        for node in ast.walk(_tree(module))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
        if node.func.id in handlers
    ]
    assert calls == []
