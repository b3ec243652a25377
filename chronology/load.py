"""The one loader: YAML files -> validated models, with every problem located to a line.

YAML is read with ruamel's round-trip loader, which keeps line numbers (so every problem is
reported as ``path:line:col: message``) and comments (so the tool can save ``events.yaml``
without losing an editor's notes). It is loaded safely: tags are refused, so no Python object is
ever built from a file, and anchors and aliases are refused before anything is constructed, so
an alias bomb costs nothing.

``check`` collects every problem in one run; ``load`` does the same and raises them together.
"""

from __future__ import annotations

import difflib
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.cyaml import CSafeLoader
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from ruamel.yaml.nodes import ScalarNode

from chronology import quotes
from chronology.errors import ChronologyError, Problem
from chronology.files import read_text, resolve_inside, write_atomic
from chronology.model import Chronology, Event, Source, Vocabulary

DEFAULT_EVENTS = Path("data/events.yaml")
DEFAULT_SEEDS = Path("seeds")
SOURCES_FILE = "sources.yaml"
# events.yaml needs five levels; the parsers and validators recurse once per level, so a file
# nested hundreds deep would exhaust the stack instead of getting a message.
MAX_DEPTH = 32


def yaml() -> YAML:
    """The round-trip YAML settings this project's files are written in."""
    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    return y


def read_yaml(
    path: Path, problems: list[Problem], progress: Callable[[int, int], None] | None = None
) -> Any:
    """Parse a YAML file safely; record problems and return None if it cannot be used."""
    try:
        text = read_text(path)
    except ChronologyError as exc:
        problems.extend(exc.problems)
        return None
    return parse_yaml(text, str(path), problems, progress=progress)


class Positions:
    """Where a mapping's keys and values, or a sequence's items, start (0-based, like ruamel).

    The same questions as ruamel's ``.lc`` (``key``, ``value``, ``item``, ``line``, ``col``), so
    position lookups work on both the fast tree and a round-trip one.
    """

    __slots__ = ("col", "data", "line")

    def __init__(self, line: int, col: int) -> None:
        self.line, self.col = line, col
        self.data: dict[Any, tuple[int, ...]] = {}

    def key(self, key: Any) -> tuple[int, int]:
        line, col = self.data[key][:2]
        return line, col

    def value(self, key: Any) -> tuple[int, int]:
        line, col = self.data[key][2:4]
        return line, col

    def item(self, index: int) -> tuple[int, int]:
        line, col = self.data[index][:2]
        return line, col


class YamlMap(dict[Any, Any]):
    """A YAML mapping read by ``parse_yaml``, with the position of each key and value."""

    __slots__ = ("lc",)

    def __init__(self, line: int, col: int) -> None:
        super().__init__()
        self.lc = Positions(line, col)


class YamlSeq(list[Any]):
    """A YAML sequence read by ``parse_yaml``, with the position of each item."""

    __slots__ = ("lc",)

    def __init__(self, line: int, col: int) -> None:
        super().__init__()
        self.lc = Positions(line, col)


# What positions are looked up in: the fast tree, or a round-trip one being edited.
MAPPINGS = (YamlMap, CommentedMap)
SEQUENCES = (YamlSeq, CommentedSeq)
_STR = "tag:yaml.org,2002:str"
_NO_KEY = object()  # a mapping waiting for its next key
_BAD_KEY = object()  # a key that cannot be one: its value is skipped


def _refuse(event: Any, problem: Callable[[Any, str], None]) -> None:
    """Anchors, aliases and tags: refused, so no alias bomb expands and no object is built."""
    mark = event.start_mark
    if isinstance(event, AliasEvent):
        problem(mark, f"YAML alias *{event.anchor} is not allowed: write the value out")
        return
    if event.anchor:
        problem(mark, f"YAML anchor &{event.anchor} is not allowed: write the value out")
    if event.tag:
        problem(mark, f"YAML tag {event.tag} is not allowed: use plain strings, numbers and lists")


def parse_yaml(
    text: str,
    name: str,
    problems: list[Problem],
    round_trip: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> Any:
    """Parse YAML text safely into mappings and lists that know the line of every value.

    One pass of the C parser (ruamel.yaml.clib) over the event stream both refuses what is
    not allowed (anchors, aliases, tags, nesting deeper than ``MAX_DEPTH``, duplicate keys)
    and builds the data with each key's, value's and item's position: about ten times faster
    and lighter than the pure-Python round-trip parser on a large events.yaml. Only
    ``round_trip=True``, for a file about to be rewritten, then reads it again with the
    round-trip parser, which keeps comments and quoting. ``progress`` is called now and then
    with (characters read, characters in the text).
    """
    before = len(problems)
    try:
        data = _build(text, name, problems, progress)
    except MarkedYAMLError as exc:
        problems.append(_yaml_problem(name, _pure_parse_error(yaml(), text) or exc))
        return None
    if len(problems) > before:
        return None
    if not round_trip:
        return data
    try:
        return yaml().load(text)
    except MarkedYAMLError as exc:
        problems.append(_yaml_problem(name, exc))
    except YAMLError as exc:
        problems.append(Problem(name, 0, 0, f"YAML error: {exc}"))
    return None


def _build(
    text: str,
    name: str,
    problems: list[Problem],
    progress: Callable[[int, int], None] | None = None,
) -> Any:
    """The document from the C parser's events; problems for anything not plain data."""
    loader = CSafeLoader("")  # for its resolver and scalar constructors only
    constructors = loader.yaml_constructors
    root: Any = None
    documents = 0
    # one entry per open collection: [container, pending key, key mark]
    stack: list[list[Any]] = []

    def problem(mark: Any, message: str) -> None:
        problems.append(Problem(name, mark.line + 1, mark.column + 1, message))

    def add(value: Any, mark: Any) -> None:
        nonlocal root
        if not stack:
            root = value
            return
        top = stack[-1]
        container = top[0]
        if isinstance(container, YamlSeq):
            container.lc.data[len(container)] = (mark.line, mark.column)
            container.append(value)
        elif top[1] is _NO_KEY:
            if isinstance(value, YamlMap | YamlSeq):
                problem(mark, "a key must be plain text, not a mapping or a list")
                value = _BAD_KEY
            elif value in container:
                first = container.lc.data[value][0] + 1
                problem(mark, f"duplicate key {value!r} (first at line {first})")
                value = _BAD_KEY
            top[1], top[2] = value, mark
        else:
            key, kmark = top[1], top[2]
            if key is not _BAD_KEY:
                container[key] = value
                container.lc.data[key] = (kmark.line, kmark.column, mark.line, mark.column)
            top[1] = _NO_KEY

    # a plain scalar can only be a number, date, bool or null if its first character says so
    implicit_first = set(loader.yaml_implicit_resolvers)
    for count, event in enumerate(YAML(typ="safe", pure=False).parse(io.StringIO(text))):
        if progress is not None and count % 8192 == 0:
            progress(event.start_mark.index, len(text))
        kind = type(event)
        if kind is ScalarEvent:
            mark = event.start_mark
            value = event.value
            if event.anchor or event.tag:
                _refuse(event, problem)
            elif event.implicit[0] and (not value or value[0] in implicit_first):
                resolved = str(loader.resolve(ScalarNode, value, event.implicit))
                if resolved != _STR and resolved in constructors:
                    node = ScalarNode(resolved, value, mark, event.end_mark)
                    value = constructors[resolved](loader, node)
            add(value, mark)
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            mark = event.start_mark
            if event.anchor or event.tag:
                _refuse(event, problem)
            if len(stack) >= MAX_DEPTH:
                problem(mark, f"YAML nested more than {MAX_DEPTH} levels deep")
                return None
            container = (YamlMap if kind is MappingStartEvent else YamlSeq)(mark.line, mark.column)
            add(container, mark)
            stack.append([container, _NO_KEY, None])
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            stack.pop()
        elif kind is AliasEvent:
            _refuse(event, problem)
            add(None, event.start_mark)
        elif kind is DocumentStartEvent:
            documents += 1
            if documents > 1:
                problem(event.start_mark, "expected one YAML document, found a second one here")
                return None
    return root


def _pure_parse_error(y: YAML, text: str) -> MarkedYAMLError | None:
    """The pure-Python parser words syntax errors better than the C one: let it say it."""
    try:
        for _ in y.parse(io.StringIO(text)):
            pass
    except MarkedYAMLError as exc:
        return exc
    return None


def _yaml_problem(name: str, exc: MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    what = " ".join(str(p) for p in (exc.context, exc.problem) if p).replace("\n", " ")
    if mark is None:
        return Problem(name, 0, 0, f"YAML syntax error: {what}")
    return Problem(name, mark.line + 1, mark.column + 1, f"YAML syntax error: {what}")


def position(root: Any, loc: tuple[Any, ...]) -> tuple[int, int]:
    """The 1-based (line, col) in the YAML of a pydantic error location."""
    node = root
    line, col = _node_pos(root)
    for part in loc:
        if isinstance(node, MAPPINGS) and part in node:
            child = node[part]
            if isinstance(child, (*MAPPINGS, *SEQUENCES)):
                line, col = node.lc.key(part)
                line, col = line + 1, col + 1
            else:
                line, col = node.lc.value(part)
                line, col = line + 1, col + 1
            node = child
        elif isinstance(node, SEQUENCES) and isinstance(part, int) and part < len(node):
            line, col = node.lc.item(part)
            line, col = line + 1, col + 1
            node = node[part]
        else:
            continue
    return line, col


def _node_at(root: Any, loc: tuple[Any, ...]) -> Any:
    node = root
    for part in loc:
        if (isinstance(node, MAPPINGS) and part in node) or (
            isinstance(node, SEQUENCES) and isinstance(part, int) and part < len(node)
        ):
            node = node[part]
    return node


def _node_pos(node: Any) -> tuple[int, int]:
    lc = getattr(node, "lc", None)
    if lc is None or lc.line is None:
        return 1, 1
    return lc.line + 1, lc.col + 1


def _message(err: ErrorDetails, model: type[BaseModel]) -> str:
    loc = [p for p in err["loc"] if isinstance(p, str)]
    field = loc[-1] if loc else ""
    kind = err["type"]
    if kind == "missing":
        return f"missing field '{field}'"
    if kind == "extra_forbidden":
        allowed = _fields_at(model, err["loc"][:-1])
        hint = difflib.get_close_matches(field, allowed, n=1)
        suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
        return f"unknown field '{field}'{suggestion}; allowed: {', '.join(allowed)}"
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        return f"{field}: {err['input']!r} is not allowed; use one of {expected}"
    if kind == "string_pattern_mismatch" and field == "id":
        return f"id {err['input']!r} must be a slug: lowercase letters, digits and hyphens"
    if kind in ("string_type",) and field:
        return f"{field} must be text, not {err['input']!r}"
    return f"{field}: {err['msg']}" if field else err["msg"]


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The field names allowed at a location (for 'did you mean' hints)."""
    current: type[BaseModel] = model
    for part in loc:
        if not isinstance(part, str) or part not in current.model_fields:
            continue
        annotation = current.model_fields[part].annotation
        for arg in getattr(annotation, "__args__", ()) or (annotation,):
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                current = arg
    return list(current.model_fields)


def _validate(
    model: type[BaseModel],
    data: Any,
    root: Any,
    name: str,
    problems: list[Problem],
    loc_prefix: tuple[Any, ...] = (),
    vocabulary: Vocabulary | None = None,
) -> Any:
    try:
        context = {"vocabulary": vocabulary} if vocabulary is not None else None
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        for err in exc.errors():
            loc = loc_prefix + tuple(err["loc"])
            if err["type"] == "extra_forbidden":  # point at the unknown key, not its value
                line, col = position(root, loc[:-1])
                parent = _node_at(root, loc[:-1])
                if isinstance(parent, MAPPINGS) and loc[-1] in parent:
                    line, col = (n + 1 for n in parent.lc.key(loc[-1]))
            else:
                line, col = position(root, loc)
            problems.append(Problem(name, line, col, _message(err, model)))
    return None


def validate(
    model: type[BaseModel], root: Any, name: str, problems: list[Problem]
) -> BaseModel | None:
    """Validate a whole YAML file against a model, recording each problem at its line."""
    result: BaseModel | None = _validate(model, root, root, name, problems)
    return result


def _items(root: Any, key: str, name: str, problems: list[Problem]) -> list[Any]:
    """The list under a top-level key, or a problem saying the file has the wrong shape."""
    if root is None:
        return []
    if not isinstance(root, MAPPINGS) or key not in root:
        problems.append(Problem(name, 1, 1, f"expected a mapping with a top-level '{key}:' list"))
        return []
    extra = [k for k in root if k != key]
    for k in extra:
        line, col = root.lc.key(k)
        problems.append(Problem(name, line + 1, col + 1, f"unknown top-level field '{k}'"))
    items = root[key]
    if not isinstance(items, SEQUENCES):
        line, col = root.lc.value(key)
        problems.append(Problem(name, line + 1, col + 1, f"'{key}' must be a list"))
        return []
    return list(items)


def load_sources(
    seeds_dir: str | Path = DEFAULT_SEEDS,
    problems: list[Problem] | None = None,
    declared: set[str] | None = None,
    *,
    sources_path: str | Path | None = None,
    vocabulary: Vocabulary | None = None,
) -> tuple[list[Source], dict[str, str]]:
    """Read sources.yaml and the documents it names: (sources, texts by file name).

    Documents are read from ``seeds_dir``; sources.yaml is ``sources_path``, by default the one
    inside that folder (the shipped example's layout). With a project's ``vocabulary``, a
    source's stance must be one it declares.

    A document must resolve, links included, to a file inside ``seeds_dir``: anything else is
    refused at its line, never read. ``declared`` (if given) receives every source id the file
    lists, valid or not, so that accounts citing a source with a broken entry are not also
    reported as citing an unknown source.
    """
    collect = problems if problems is not None else []
    seeds_dir = Path(seeds_dir)
    path = Path(sources_path) if sources_path is not None else seeds_dir / SOURCES_FILE
    name = str(path)
    if not seeds_dir.is_dir():
        collect.append(Problem(str(seeds_dir), 0, 0, "no such folder"))
        root = None
    else:
        root = read_yaml(path, collect)
    sources: list[Source] = []
    texts: dict[str, str] = {}
    seen: dict[str, int] = {}
    for i, item in enumerate(_items(root, "sources", name, collect)):
        raw_id = item.get("id") if isinstance(item, MAPPINGS) else None
        if declared is not None and isinstance(raw_id, str):
            declared.add(raw_id)
        source = _validate(Source, item, root, name, collect, ("sources", i), vocabulary)
        if source is None:
            continue
        line, col = position(root, ("sources", i, "id"))
        if source.id in seen:
            collect.append(
                Problem(
                    name,
                    line,
                    col,
                    f"duplicate source id '{source.id}' (first at line {seen[source.id]})",
                )
            )
            continue
        seen[source.id] = line
        if source.document not in texts:
            dline, dcol = position(root, ("sources", i, "document"))
            target = resolve_inside(seeds_dir, source.document)
            if target is None:
                collect.append(
                    Problem(
                        name,
                        dline,
                        dcol,
                        f"document {source.document!r} is outside the seeds folder "
                        f"{seeds_dir}: documents must be files inside it",
                    )
                )
                continue
            try:
                texts[source.document] = read_text(target)
            except ChronologyError as exc:
                why = "; ".join(f"{p.path}: {p.message}" for p in exc.problems)
                collect.append(Problem(name, dline, dcol, f"document {why}"))
                continue
        if source.span and source.span[1] > len(texts[source.document]):
            sline, scol = position(root, ("sources", i, "span"))
            collect.append(
                Problem(
                    name,
                    sline,
                    scol,
                    f"span {list(source.span)} runs past the end of {source.document} "
                    f"({len(texts[source.document])} characters)",
                )
            )
            continue
        sources.append(source)
    if problems is None and collect:
        raise ChronologyError(collect)
    return sources, texts


Progress = Callable[[int, int], None]


def check(
    events_path: str | Path = DEFAULT_EVENTS,
    seeds_dir: str | Path = DEFAULT_SEEDS,
    progress: Progress | None = None,
    *,
    sources_path: str | Path | None = None,
    vocabulary: Vocabulary | None = None,
) -> tuple[Chronology | None, list[Problem]]:
    """Validate sources, events and quotes; return the chronology (if usable) and problems.

    ``progress``, if given, is called with (work done, work to do) as it goes: the first half
    is reading events.yaml, the second checking its events. With a project's ``vocabulary``,
    categories and stances must be ones it declares.
    """
    problems: list[Problem] = []
    declared: set[str] = set()
    sources, texts = load_sources(
        seeds_dir, problems, declared, sources_path=sources_path, vocabulary=vocabulary
    )
    sources_readable = not problems
    by_id = {s.id: s for s in sources}
    events_path = Path(events_path)
    name = str(events_path)
    # one bar for both halves of the work: reading the YAML, then checking each event
    reading = None if progress is None else lambda done, total: progress(done, 2 * total)
    root = read_yaml(events_path, problems, reading)
    events: list[Event] = []
    first_line: dict[str, int] = {}
    spans: dict[str, str] = {}
    items = _items(root, "events", name, problems)
    for i, item in enumerate(items):
        if progress is not None and i % 200 == 0:
            progress(len(items) + i, 2 * len(items))
        loc = ("events", i)
        raw_id = item.get("id") if isinstance(item, MAPPINGS) else None
        if isinstance(raw_id, str):
            line, col = position(item, ("id",))
            if raw_id in first_line:
                problems.append(
                    Problem(
                        name,
                        line,
                        col,
                        f"duplicate event id '{raw_id}' (first at line {first_line[raw_id]})",
                    )
                )
            else:
                first_line[raw_id] = line
        event = _validate(Event, item, root, name, problems, loc, vocabulary)
        raw_accounts = item.get("accounts") if isinstance(item, MAPPINGS) else None
        if not isinstance(raw_accounts, SEQUENCES):
            raw_accounts = YamlSeq(0, 0)
        for j, raw in enumerate(raw_accounts):
            if not isinstance(raw, MAPPINGS):
                continue
            # positions are looked up from the account's own node (from the root, each lookup
            # would walk the whole path again)
            offsets = _check_quote(raw, name, by_id, declared, texts, problems, spans)
            if event is not None:
                account = event.accounts[j]
                account._line = raw_accounts.lc.item(j)[0] + 1
                if offsets is not None:
                    account._start, account._end = offsets
        if event is not None:
            event._line = _node_pos(item)[0]
            events.append(event)
    if progress is not None:
        progress(2 * len(items), 2 * len(items))
    accounts = sum(len(e.accounts) for e in events)
    if accounts and not declared and sources_readable:
        # Without sources nothing can be verified: no quote checked, no source known.
        problems.append(
            Problem(
                str(sources_path or Path(seeds_dir) / SOURCES_FILE),
                0,
                0,
                f"no sources listed, but {name} has {accounts} accounts: every account must "
                "cite a source listed here",
            )
        )
    chronology = Chronology(
        sources,
        events,
        texts,
        str(events_path),
        str(seeds_dir),
        vocabulary,
        None if sources_path is None else str(sources_path),
    )
    return chronology, sorted(set(problems), key=lambda p: (p.path, p.line, p.col, p.message))


def _check_quote(
    raw: YamlMap | CommentedMap,
    name: str,
    sources: dict[str, Source],
    declared: set[str],
    texts: dict[str, str],
    problems: list[Problem],
    spans: dict[str, str],
) -> tuple[int, int] | None:
    """Check an account's source and quote; return the quote's offsets in its document.

    Works on the raw YAML so that an account with, say, a bad date still gets its quote
    checked in the same run.
    """
    source_id, quote, prefix = raw.get("source"), raw.get("quote"), raw.get("prefix")
    if not isinstance(source_id, str) or not isinstance(quote, str) or not quote.strip():
        return None
    if prefix is not None and not isinstance(prefix, str):
        return None
    source = sources.get(source_id)
    if source is None:
        # a declared but broken source has its own problem; no sources at all is one problem
        if declared and source_id not in declared:
            line, col = position(raw, ("source",))
            hint = difflib.get_close_matches(source_id, sorted(declared), n=1)
            suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
            problems.append(Problem(name, line, col, f"unknown source '{source_id}'{suggestion}"))
        return None
    text = texts[source.document]
    lo, hi = source.span or (0, len(text))
    if source.id not in spans:  # one copy of each span, so its folding is cached once
        spans[source.id] = text[lo:hi]
    located = quotes.locate(quote, spans[source.id], prefix)
    if located is not None:
        return located[0] + lo, located[1] + lo
    line, col = position(raw, ("quote",))
    if prefix is not None and quotes.locate(quote, text[lo:hi]) is not None:
        pline, pcol = position(raw, ("prefix",))
        problems.append(
            Problem(
                name,
                pline,
                pcol,
                f"no occurrence of the quote in {source.document} follows this prefix",
            )
        )
        return None
    elsewhere = quotes.locate(quote, text)
    if elsewhere is not None:
        owner = next(
            (
                s.id
                for s in sources.values()
                if s.document == source.document
                and s.span
                and s.span[0] <= elsewhere[0] < s.span[1]
            ),
            None,
        )
        where = f"; it is in source '{owner}'" if owner else ""
        problems.append(
            Problem(
                name,
                line,
                col,
                f"quote is in {source.document} at line {_line_of(text, elsewhere[0])} but "
                f"outside the span of source '{source.id}' {list(source.span or ())}{where}",
            )
        )
        return None
    message = (
        f"quote not found in {source.document} (source '{source.id}'), even after folding "
        "whitespace, curly/straight quotes and dashes"
    )
    near = quotes.closest(quote, text[lo:hi])
    if near is not None:
        start, end, score = near
        passage = " ".join(text[lo + start : lo + end].split())
        if len(passage) > 120:
            passage = passage[:117] + "..."
        message += (
            f"; closest passage ({score:.0f}% similar) at line {_line_of(text, lo + start)}: "
            f'"{passage}"'
        )
    problems.append(Problem(name, line, col, message))
    return None


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def load(
    events_path: str | Path = DEFAULT_EVENTS,
    seeds_dir: str | Path = DEFAULT_SEEDS,
    progress: Progress | None = None,
    *,
    sources_path: str | Path | None = None,
    vocabulary: Vocabulary | None = None,
) -> Chronology:
    """Load and validate everything; raise one ChronologyError listing every problem."""
    chronology, problems = check(
        events_path, seeds_dir, progress, sources_path=sources_path, vocabulary=vocabulary
    )
    if problems or chronology is None:
        raise ChronologyError(problems)
    return chronology


def load_round_trip(path: str | Path) -> Any:
    """Load a YAML file for editing, keeping comments, order and quoting."""
    problems: list[Problem] = []
    try:
        text = read_text(path)
    except ChronologyError as exc:
        problems.extend(exc.problems)
    else:
        data = parse_yaml(text, str(path), problems, round_trip=True)
    if problems:
        raise ChronologyError(problems)
    return data


def dump_round_trip(data: Any) -> str:
    stream = io.StringIO()
    yaml().dump(data, stream)
    return stream.getvalue()


def save_round_trip(data: Any, path: str | Path) -> None:
    """Write YAML loaded by ``load_round_trip`` back, atomically; untouched data is identical."""
    write_atomic(path, dump_round_trip(data))
