"""The shape of a rule, Duckling-style: one value holds everything about one kind of expression."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from chronology.extract.anchors import Found
from chronology.extract.context import Context

Handler = Callable[[dict[str, str | None], Context, int, int], "list[Found] | Found | None"]


@dataclass(frozen=True)
class Rule:
    """One kind of temporal expression: how to find it and what it means (Duckling's shape).

    ``pattern`` is a regex tried at the positions where one of ``starts`` begins a word (``#``
    for a digit, ``'`` for an apostrophe before one), so a rule whose start words miss the
    words its pattern begins with can never fire: the examples test catches that.
    ``examples`` are texts the rule must find, with the value it must give (against a
    publication date of Friday 15 February 2019, read as news); ``counterexamples`` are texts
    where it must find nothing.
    """

    name: str
    pattern: str
    starts: str  # the words a match can begin with, space-separated, lower case
    handler: Handler
    examples: tuple[tuple[str, str], ...] = ()
    counterexamples: tuple[str, ...] = ()
