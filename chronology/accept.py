"""Move chosen drafts from candidates.yaml into events.yaml, by round trip.

Both files are edited as YAML documents, never regenerated: the editor's comments, order and
quoting in events.yaml are kept, the accepted candidates are appended (or, when a candidate's
id is an event already there, its accounts are appended to that event), and they are removed
from the drafts. Nothing is written unless every chosen candidate exists and the drafts pass
``check``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from chronology import load as loader
from chronology.errors import ChronologyError, Problem
from chronology.files import read_text, write_atomic
from chronology.project import Project


@dataclasses.dataclass(frozen=True)
class Accepted:
    """One accepted candidate: a new event, or accounts added to an existing one."""

    id: str
    accounts: int
    added_to_existing: bool


def _events_of(root: object, path: str) -> CommentedSeq:
    if isinstance(root, CommentedMap) and isinstance(root.get("events"), CommentedSeq):
        events: CommentedSeq = root["events"]
        return events
    raise ChronologyError(
        [Problem(path, 1, 1, "expected a mapping with a top-level 'events:' list")]
    )


def accept(project: Project, ids: Sequence[str] | None) -> list[Accepted]:
    """Accept the candidates with these ids (all of them when ``ids`` is None)."""
    drafts_path = project.candidates
    name = str(drafts_path)
    if not drafts_path.is_file():
        raise ChronologyError([Problem(name, 0, 0, "no such file: there are no drafts to accept")])
    _, problems = loader.check(
        drafts_path, project.documents, sources_path=project.sources, vocabulary=project.vocabulary
    )
    own = [p for p in problems if p.path == name]
    if own:
        raise ChronologyError(own)
    drafts_root = loader.load_round_trip(drafts_path)
    drafts = _events_of(drafts_root, name)
    events_root = loader.load_round_trip(project.events)
    if events_root is None:
        events_root = CommentedMap([("events", CommentedSeq())])
    events = _events_of(events_root, str(project.events))

    index = {str(c.get("id")): i for i, c in enumerate(drafts) if isinstance(c, CommentedMap)}
    chosen = list(index) if ids is None else list(dict.fromkeys(ids))
    unknown = [i for i in chosen if i not in index]
    if unknown:
        listed = ", ".join(index) if index else "none"
        raise ChronologyError(
            [Problem(name, 0, 0, f"no candidate '{i}' (candidates: {listed})") for i in unknown]
        )
    if not chosen:
        raise ChronologyError([Problem(name, 0, 0, "no candidates to accept")])
    existing = {str(e.get("id")): e for e in events if isinstance(e, CommentedMap)}
    done = []
    for cid in chosen:
        candidate = drafts[index[cid]]
        accounts = candidate.get("accounts")
        count = len(accounts) if isinstance(accounts, CommentedSeq) else 0
        if cid in existing:
            target = existing[cid].get("accounts")
            if not isinstance(target, CommentedSeq):
                raise ChronologyError(
                    [Problem(str(project.events), 0, 0, f"event '{cid}' has no accounts list")]
                )
            target.extend(_copy(a) for a in accounts)
            done.append(Accepted(cid, count, True))
        else:
            fresh = _copy(candidate)
            events.append(fresh)
            existing[cid] = fresh
            done.append(Accepted(cid, count, False))
    if events.fa.flow_style():
        events.fa.set_block_style()
    remaining = _without(read_text(drafts_path), drafts, {index[c] for c in chosen})
    loader.save_round_trip(events_root, project.events)
    write_atomic(drafts_path, remaining)
    return done


def _copy(node: Any) -> Any:
    """A copy of a YAML node without its comments (a draft's notes stay in the drafts)."""
    if isinstance(node, CommentedMap):
        out = CommentedMap((k, _copy(v)) for k, v in node.items())
        if node.fa.flow_style():
            out.fa.set_flow_style()
        return out
    if isinstance(node, CommentedSeq):
        seq = CommentedSeq(_copy(v) for v in node)
        if node.fa.flow_style():
            seq.fa.set_flow_style()
        return seq
    return node


def _without(text: str, drafts: CommentedSeq, removed: set[int]) -> str:
    """The drafts file's text without the removed candidates and the notes above them.

    Cut as text, so every other line, the editor's own comments included, stays as it was.
    """
    lines = text.splitlines(keepends=True)
    starts = []
    for i in range(len(drafts)):
        line = drafts.lc.item(i)[0]
        while line > 0 and lines[line - 1].lstrip().startswith("#"):
            line -= 1
        starts.append(line)
    bounds = [*starts[1:], len(lines)]
    drop = {n for i in removed for n in range(starts[i], bounds[i])}
    kept = [line for n, line in enumerate(lines) if n not in drop]
    if len(removed) == len(drafts):
        key = next(n for n, line in enumerate(kept) if line.startswith("events:"))
        kept[key] = "events: []\n"
    return "".join(kept)


__all__ = ["Accepted", "accept"]
