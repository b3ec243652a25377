"""The shape of a rule, Duckling-style: one value holds everything about one kind of expression."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from chronology.extract.anchors import Found
from chronology.extract.context import Context


class Match:
    """What a rule's pattern matched: its named groups, by the names the pattern gives them, and
    where the match starts and ends in the text.

    ``g["mon"]`` is a group the handler knows matched (a missing one is a bug, so it raises);
    ``g.get("y")`` one that may not have; ``g.one("h", "h2")`` the one of several alternatives
    that did.
    """

    __slots__ = ("_groups", "end", "start")

    def __init__(self, groups: dict[str, str | None], start: int, end: int) -> None:
        self._groups = groups
        self.start = start
        self.end = end

    def __getitem__(self, name: str) -> str:
        value = self._groups.get(name)
        if value is None:
            raise KeyError(f"group {name!r} did not match")
        return value

    def get(self, name: str) -> str | None:
        return self._groups.get(name)

    def first(self, *names: str) -> str | None:
        """The first of ``names`` that matched, if any."""
        return next((v for v in map(self._groups.get, names) if v is not None), None)

    def one(self, *names: str) -> str:
        """The one of ``names`` (alternatives in the pattern) that matched."""
        value = self.first(*names)
        if value is None:
            raise KeyError(f"none of {names} matched")
        return value


Handler = Callable[[Match, Context], "list[Found] | Found | None"]


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
