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
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from chronology import quotes
from chronology.errors import ChronologyError, Problem
from chronology.files import read_text, write_atomic
from chronology.model import Chronology, Event, Source, Vocabulary

DEFAULT_EVENTS = Path("data/events.yaml")
DEFAULT_SEEDS = Path("seeds")
SOURCES_FILE = "sources.yaml"


def yaml() -> YAML:
    """The round-trip YAML settings this project's files are written in."""
    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    return y


def read_yaml(path: Path, problems: list[Problem]) -> Any:
    """Parse a YAML file safely; record problems and return None if it cannot be used."""
    try:
        text = read_text(path)
    except ChronologyError as exc:
        problems.extend(exc.problems)
        return None
    return parse_yaml(text, str(path), problems)


def parse_yaml(text: str, name: str, problems: list[Problem]) -> Any:
    y = yaml()
    before = len(problems)
    # The safety pre-scan only needs the event stream, which the C parser (ruamel.yaml.clib)
    # produces some 40 times faster than the pure-Python round-trip parser.
    scanner = YAML(typ="safe", pure=False)
    try:
        for event in scanner.parse(io.StringIO(text)):
            mark = event.start_mark
            kind = type(event).__name__
            if kind == "AliasEvent":
                problems.append(
                    Problem(
                        name,
                        mark.line + 1,
                        mark.column + 1,
                        f"YAML alias *{event.anchor} is not allowed: write the value out",
                    )
                )
            elif getattr(event, "anchor", None):
                problems.append(
                    Problem(
                        name,
                        mark.line + 1,
                        mark.column + 1,
                        f"YAML anchor &{event.anchor} is not allowed: write the value out",
                    )
                )
            tag = getattr(event, "tag", None)
            if tag and kind != "AliasEvent":
                problems.append(
                    Problem(
                        name,
                        mark.line + 1,
                        mark.column + 1,
                        f"YAML tag {tag} is not allowed: use plain strings, numbers and lists",
                    )
                )
    except MarkedYAMLError as exc:
        problems.append(_yaml_problem(name, _pure_parse_error(y, text) or exc))
        return None
    if len(problems) > before:
        return None
    try:
        return y.load(text)
    except MarkedYAMLError as exc:  # e.g. duplicate keys
        problems.append(_yaml_problem(name, exc))
    except YAMLError as exc:
        problems.append(Problem(name, 0, 0, f"YAML error: {exc}"))
    return None


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
        if isinstance(node, CommentedMap) and part in node:
            child = node[part]
            if isinstance(child, (CommentedMap, CommentedSeq)):
                line, col = node.lc.key(part)
                line, col = line + 1, col + 1
            else:
                line, col = node.lc.value(part)
                line, col = line + 1, col + 1
            node = child
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and part < len(node):
            line, col = node.lc.item(part)
            line, col = line + 1, col + 1
            node = node[part]
        else:
            continue
    return line, col


def _node_at(root: Any, loc: tuple[Any, ...]) -> Any:
    node = root
    for part in loc:
        if (isinstance(node, CommentedMap) and part in node) or (
            isinstance(node, CommentedSeq) and isinstance(part, int) and part < len(node)
        ):
            node = node[part]
    return node


def _node_pos(node: Any) -> tuple[int, int]:
    lc = getattr(node, "lc", None)
    if lc is None or lc.line is None:
        return 1, 1
    return lc.line + 1, lc.col + 1


def _message(err: dict[str, Any], model: type[BaseModel]) -> str:
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
                if isinstance(parent, CommentedMap) and loc[-1] in parent:
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
    if not isinstance(root, CommentedMap) or key not in root:
        problems.append(Problem(name, 1, 1, f"expected a mapping with a top-level '{key}:' list"))
        return []
    extra = [k for k in root if k != key]
    for k in extra:
        line, col = root.lc.key(k)
        problems.append(Problem(name, line + 1, col + 1, f"unknown top-level field '{k}'"))
    items = root[key]
    if not isinstance(items, CommentedSeq):
        line, col = root.lc.value(key)
        problems.append(Problem(name, line + 1, col + 1, f"'{key}' must be a list"))
        return []
    return list(items)


def load_sources(
    seeds_dir: str | Path = DEFAULT_SEEDS,
    problems: list[Problem] | None = None,
    *,
    sources_path: str | Path | None = None,
    vocabulary: Vocabulary | None = None,
) -> tuple[list[Source], dict[str, str]]:
    """Read sources.yaml and the documents it names: (sources, texts by file name).

    Documents are read from ``seeds_dir``; sources.yaml is ``sources_path``, by default the one
    inside that folder (the shipped example's layout).
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
            try:
                texts[source.document] = read_text(seeds_dir / source.document)
            except ChronologyError as exc:
                dline, dcol = position(root, ("sources", i, "document"))
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


def check(
    events_path: str | Path = DEFAULT_EVENTS,
    seeds_dir: str | Path = DEFAULT_SEEDS,
    *,
    sources_path: str | Path | None = None,
    vocabulary: Vocabulary | None = None,
) -> tuple[Chronology | None, list[Problem]]:
    """Validate sources, events and quotes; return the chronology (if usable) and problems.

    With a project's ``vocabulary``, categories and stances must be ones it declares.
    """
    problems: list[Problem] = []
    sources, texts = load_sources(
        seeds_dir, problems, sources_path=sources_path, vocabulary=vocabulary
    )
    by_id = {s.id: s for s in sources}
    events_path = Path(events_path)
    name = str(events_path)
    root = read_yaml(events_path, problems)
    events: list[Event] = []
    first_line: dict[str, int] = {}
    for i, item in enumerate(_items(root, "events", name, problems)):
        loc = ("events", i)
        raw_id = item.get("id") if isinstance(item, CommentedMap) else None
        if isinstance(raw_id, str):
            line, col = position(root, (*loc, "id"))
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
        raw_accounts = item.get("accounts") if isinstance(item, CommentedMap) else None
        for j, raw in enumerate(raw_accounts if isinstance(raw_accounts, CommentedSeq) else []):
            if not isinstance(raw, CommentedMap):
                continue
            offsets = _check_quote(raw, (*loc, "accounts", j), root, name, by_id, texts, problems)
            if event is not None:
                account = event.accounts[j]
                account._line = position(root, (*loc, "accounts", j))[0]
                if offsets is not None:
                    account._start, account._end = offsets
        if event is not None:
            event._line = position(root, loc)[0]
            events.append(event)
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
    raw: CommentedMap,
    loc: tuple[Any, ...],
    root: Any,
    name: str,
    sources: dict[str, Source],
    texts: dict[str, str],
    problems: list[Problem],
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
        if sources:
            line, col = position(root, (*loc, "source"))
            hint = difflib.get_close_matches(source_id, list(sources), n=1)
            suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
            problems.append(Problem(name, line, col, f"unknown source '{source_id}'{suggestion}"))
        return None
    text = texts[source.document]
    line, col = position(root, (*loc, "quote"))
    lo, hi = source.span or (0, len(text))
    located = quotes.locate(quote, text[lo:hi], prefix)
    if located is not None:
        return located[0] + lo, located[1] + lo
    if prefix is not None and quotes.locate(quote, text[lo:hi]) is not None:
        pline, pcol = position(root, (*loc, "prefix"))
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
    *,
    sources_path: str | Path | None = None,
    vocabulary: Vocabulary | None = None,
) -> Chronology:
    """Load and validate everything; raise one ChronologyError listing every problem."""
    chronology, problems = check(
        events_path, seeds_dir, sources_path=sources_path, vocabulary=vocabulary
    )
    if problems or chronology is None:
        raise ChronologyError(problems)
    return chronology


def load_round_trip(path: str | Path) -> Any:
    """Load a YAML file for editing, keeping comments, order and quoting."""
    problems: list[Problem] = []
    data = read_yaml(Path(path), problems)
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
