"""Finding candidates: one compiled regex over every rule's start words, then the rules that can
start at each candidate, tried in ``ORDER``.
"""

from __future__ import annotations

import re
from dataclasses import replace

from chronology.extract import calendar_dates, clock, durations, holidays, periods, relative, years
from chronology.extract.anchors import Found, Ref
from chronology.extract.context import Context
from chronology.extract.extend import extend
from chronology.extract.rule import Handler, Match, Rule
from chronology.extract.vocabulary import ERA_BEFORE, MONTH, SEASON, UNIT, WEEKDAY

# every rule, in the order they are tried: at one position, the first that matches wins
ORDER = [
    "iso",
    "mdd",
    "ddm",
    "holiday",
    "spelled_year",
    "year_ago",
    "year_end",
    "rel_quarter",
    "month_rel",
    "latest",
    "era_range",
    "era_year",
    "era_period",
    "mdy",
    "dmy",
    "month_year",
    "range",
    "decade",
    "century",
    "season",
    "season_rel",
    "quarter",
    "half",
    "fiscal",
    "year",
    "story_year",
    "yy",
    "ago",
    "recent",
    "day_rel",
    "part_rel",
    "part_mod",
    "rel",
    "deictic",
    "weekday",
    "month",
    "season_bare",
    "week_of",
    "the_unit",
    "the_time",
    "set",
    "duration",
    "plural",
    "time",
]
RULES: dict[str, Rule] = {
    rule.name: rule
    for module in (calendar_dates, years, periods, relative, holidays, durations, clock)
    for rule in module.RULES
}
assert set(RULES) == set(ORDER), set(RULES) ^ set(ORDER)


def _trie(words: set[str]) -> str:
    """A regex matching exactly ``words``, factored by prefix (fast in a backtracking engine)."""
    children: dict[str, set[str]] = {}
    ends = False
    for word in words:
        if word:
            children.setdefault(word[0], set()).add(word[1:])
        else:
            ends = True
    if not children:
        return ""
    alts = [re.escape(ch) + _trie(rest) for ch, rest in sorted(children.items())]
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return f"(?:{body})?" if ends else body


def _compile() -> tuple[
    re.Pattern[str], dict[str, str], dict[str, tuple[Handler, list[tuple[str, str]]]]
]:
    """Compile the candidate finder; build each start word's scanner source and the handlers.

    Each pattern's inner groups get the pattern's name as prefix so that they stay unique when
    patterns are joined into one alternation.
    """
    prefixed: dict[str, str] = {}
    table: dict[str, tuple[Handler, list[tuple[str, str]]]] = {}
    for name in ORDER:
        pattern, handler = RULES[name].pattern, RULES[name].handler
        inner = re.findall(r"\(\?P<(\w+)>", pattern)
        prefixed[name] = (
            f"(?P<{name}>" + re.sub(r"\(\?P<(\w+)>", rf"(?P<{name}__\1>", pattern) + ")"
        )
        table[name] = (handler, [(g, f"{name}__{g}") for g in dict.fromkeys(inner)])
    by_start: dict[str, list[str]] = {}
    for name in ORDER:
        for start in RULES[name].starts.split():
            by_start.setdefault(start.lower(), []).append(name)
    sources = {start: "|".join(prefixed[n] for n in names) for start, names in by_start.items()}
    words = {w for w in by_start if w[0].isalpha() and w not in _FUNCTION_WORDS}
    by_letter: dict[str, set[str]] = {}
    for word in words:
        by_letter.setdefault(word[0], set()).add(word[1:])
    letters = "|".join(f"[{c}{c.upper()}]{_trie(rest)}" for c, rest in sorted(by_letter.items()))
    function = "|".join(
        rf"[{w[0]}{w[0].upper()}]{w[1:]}(?=\s+(?i:{after})(?!\w))"
        for w, after in _FUNCTION_WORDS.items()
    )
    # era words written in capitals before a year ("AD 70"): the letters above are lower case
    eras = rf"{ERA_BEFORE}(?=\s*\d)"
    finder = re.compile(rf"(?<![\w'’])(?:[0-9]|['’][0-9]|(?:{letters})(?!\w)|{function}|{eras})")
    return finder, sources, table


# Frequent words that start a pattern only before certain words: the candidate finder checks
# that next word itself, so "the", "a", "that" elsewhere cost nothing.
_NEXT_UNIT = rf"(?:{UNIT}|few|couple|dozen|hundred|half|several)"


_FUNCTION_WORDS = {
    "the": r"day|near|short|future|time",
    "a": rf"{_NEXT_UNIT}s?",
    "an": r"hour",
    "at": r"present|the\s+time|that\s+time",
    "that": rf"same|time|morning|afternoon|evening|night|{UNIT}|{SEASON}|{WEEKDAY}|{MONTH}",
    "this": rf"past|coming|morning|afternoon|evening|{UNIT}|{SEASON}|{WEEKDAY}|{MONTH}",
    "some": rf"{_NEXT_UNIT}s?",
    "many": rf"{_NEXT_UNIT}s?",
}


FINDER, _SCANNER_SOURCES, TABLE = _compile()


_SCANNERS: dict[str, re.Pattern[str]] = {}


def scanner_for(key: str) -> re.Pattern[str]:
    """The patterns that can start with ``key``, compiled on first use (keeps import fast)."""
    scanner = _SCANNERS.get(key)
    if scanner is None:
        scanner = _SCANNERS[key] = re.compile(_SCANNER_SOURCES[key], re.I)
    return scanner


# a relative date resolved to a month or a day moves a story (a year alone is too coarse)
RESOLVED = re.compile(r"(BC)?(\d{4})-(\d\d)(?:-(\d\d))?")


COMPOUND = re.compile(r"[-\s](?:to|over|on|by)[-\s](?:year|quarter|month|week|day)\b", re.I)


COMPOUND_BEFORE = re.compile(
    r"(?:\b(?:year|quarter|month|week|day)[-\s](?:to|over|on|by)|\bhigh)[-\s]$", re.I
)


def quarter_earlier(quarter: Ref, than: Ref | None) -> bool:
    """Whether a stated quarter is before the report's period found so far.

    "After a flat second quarter" in a third-quarter report is background: "the 1989 period"
    and "a year ago" after it still mean the third quarter.
    """
    if than is None or than.year is None or than.quarter is None or quarter.year is None:
        return False
    return (quarter.year, quarter.quarter or 0) < (than.year, than.quarter)


def quarter_reported(quarter: Ref, dct: Ref) -> bool:
    """Whether a stated quarter can be the period a report is about: it ended by publication.

    "expects fourth-quarter profit to fall" in a November report is an outlook; the report's
    own period ("the latest quarter", "a year ago") stays the last finished quarter.
    """
    if quarter.quarter is None:
        return False
    if dct.year is None or dct.month is None or quarter.year is None or quarter.quarter is None:
        return True
    return quarter.year * 4 + quarter.quarter <= dct.year * 4 + (dct.month - 1) // 3


def scan(ctx: Context) -> list[Found]:
    """Every mention in the context's text, in order: each candidate tried against the rules
    that can start there, the words around a match taken in, and the context updated.

    This loop alone writes the anchoring context (``_record``): the rules' handlers only read
    it, so a match a handler rejects leaves no trace.
    """
    text = ctx.text
    found: list[Found] = []
    floor = 0
    for candidate in FINDER.finditer(text):
        at = candidate.start()
        if at < floor:
            continue
        first = candidate.group()
        key = "#" if first[0].isdigit() else "'" if first[0] in "'’" else first.lower()
        m = scanner_for(key).match(text, at)
        if m is None:
            continue
        if COMPOUND.match(text, m.end()) or COMPOUND_BEFORE.search(text, max(0, at - 16), at):
            continue  # "quarter-to-quarter", "year-over-year", "high noon": not a date
        name = m.lastgroup
        assert name is not None
        handler, groups = TABLE[name]
        match = Match({short: m.group(full) for short, full in groups}, m.start(), m.end())
        try:
            result = handler(match, ctx)
        except (OverflowError, ValueError):
            # counting from an anchor near year 1 or 9999 can leave the calendar: no date to give
            result = None
        if result is None:
            continue
        for item in result if isinstance(result, list) else [result]:
            item.rule = name
            extend(item, text, floor)
            floor = item.end
            _record(item, ctx)
            found.append(item)
    return found


def _record(item: Found, ctx: Context) -> None:
    """Write into the context what a kept mention tells later ones."""
    if item.explicit is not None:
        ctx.previous, ctx.previous_at = item.explicit, item.start
        # only a narrative reads its story's time (and the check costs a tense reading)
        if (
            ctx.narrative
            and item.explicit.year is not None
            and ctx.moves_story(item.start, item.end)
        ):
            label = f"story date {item.explicit.truncated()} at {item.start}"
            ctx.story = replace(item.explicit, label=label)
        ctx.stated.append((item.start, item.explicit))
        if quarter_reported(item.explicit, ctx.dct) and not quarter_earlier(
            item.explicit, ctx.quarter
        ):
            ctx.quarter = item.explicit
    elif ctx.narrative and item.anchor and item.type == "DATE":
        # "Two days later", "the next day": the story has reached that day
        resolved = RESOLVED.fullmatch(item.value)
        if resolved and ctx.moves_story(item.start, item.end):
            bc, number, month, day = resolved.groups()
            year = 1 - int(number) if bc else int(number)
            month, day = (int(x) if x else None for x in (month, day))
            label = f"story date {item.value} at {item.start}"
            ctx.story = Ref(year, month, day, label)
    if item.year_said is not None:
        ctx.year_said = item.year_said
    if item.month_said is not None:
        month, where, year = item.month_said
        ctx.months_said[month] = (where, year)
