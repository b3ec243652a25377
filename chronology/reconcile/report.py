"""The report: its data (``Report``), its summary counts and the terminal's summary lines,
its JSON form (``dumps``) and its Markdown form (``to_markdown``)."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from chronology.conflicts import flag
from chronology.extract import Mention
from chronology.formats import plural
from chronology.reconcile.findings import Coverage, Suspect, Uncurated
from chronology.reconcile.matching import Candidate


@dataclass
class Report:
    """Everything ``chronology reconcile`` reports; ``to_dict`` is its JSON form."""

    events: int
    accounts: int
    mentions: list[Mention]  # the dated mentions, by document and offset
    attested: dict[int, tuple[str, ...]]  # mention index -> ids of the accounts quoting it
    candidates: dict[int, Candidate]  # mention index -> best candidate event (unattested only)
    conflicts: list[dict[str, Any]]  # export events (id, title, line, conflicts) with conflicts
    suspects: list[Suspect]
    uncurated: list[Uncurated]
    coverage: list[Coverage]
    conflict_counts: dict[str, int] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # source id -> Source.display_name

    def name(self, source: str) -> str:
        """The name readers see for a source (its id when the report does not know it)."""
        return self.names.get(source, source)

    def to_dict(self) -> dict[str, Any]:
        return _report_dict(self)


FORMAT = "chronology-reconcile/1"


def _mention_dict(mention: Mention) -> dict[str, Any]:
    assert mention.date is not None
    return {
        "text": mention.text,
        "start": mention.start,
        "end": mention.end,
        "value": mention.value,
        "mod": mention.mod,
        "edtf": mention.date.edtf,
        "label": mention.date.describe(),
        "precision": mention.date.precision,
        "interval": mention.interval,
        "anchor": mention.anchor,
    }


def _candidate_dict(candidate: Candidate | None) -> dict[str, Any] | None:
    if candidate is None:
        return None
    return {
        "event": candidate.event,
        "title": candidate.title,
        "account": candidate.account,
        "line": candidate.line,
        "score": candidate.score,
        "relation": candidate.relation,
    }


def summary(report: Report) -> dict[str, Any]:
    """The counts the terminal summary and CI gates use."""
    kinds: dict[str, int] = defaultdict(int)
    for s in report.suspects:
        kinds[s.kind] += 1
    return {
        "events": report.events,
        "accounts": report.accounts,
        "dated_mentions": len(report.mentions),
        "attested_mentions": len(report.attested),
        "candidate_mentions": len(report.candidates),
        "events_in_conflict": len(report.conflicts),
        "conflicts": dict(report.conflict_counts),
        "suspects": {"date-mismatch": kinds["date-mismatch"], "no-date": kinds["no-date"]},
        "uncurated": len(report.uncurated),
        "uncurated_with_candidate": sum(1 for r in report.uncurated if r.candidate),
        "coverage": {c.source: _share(c) for c in report.coverage},
    }


#: The lists a CI run can gate on (``chronology reconcile --fail-on``), each with the noun that
#: counts its items.
GATES: dict[str, str] = {
    "conflicts": "conflict",
    "suspects": "suspect account",
    "uncurated": "uncurated sentence",
}


def gate_counts(report: Report) -> dict[str, int]:
    """How many items each list of ``GATES`` holds."""
    facts = summary(report)
    return {
        "conflicts": sum(facts["conflicts"].values()),
        "suspects": sum(facts["suspects"].values()),
        "uncurated": facts["uncurated"],
    }


def failures(report: Report, gates: Sequence[str]) -> list[str]:
    """The gated lists that are not empty, counted in words ("1 suspect account"), in the
    order of ``gates``: why a CI gate fails, or nothing when it passes."""
    counts = gate_counts(report)
    return [plural(counts[g], GATES[g]) for g in gates if counts[g]]


def summary_lines(report: Report) -> list[str]:
    """The summary ``chronology reconcile`` prints: counts, conflicts by kind, suspects, the
    to-do list and coverage per source (the terminal's short form of the report)."""
    facts = summary(report)
    kinds, suspects, counts = facts["conflicts"], facts["suspects"], gate_counts(report)
    coverage = ", ".join(
        f"{c.source} {c.covered}/{c.total} ({'n/a' if c.share is None else f'{c.share:.0%}'})"
        for c in report.coverage
    )
    return [
        f"{facts['events']} events, {facts['accounts']} accounts, {facts['dated_mentions']} "
        f"dated mentions ({facts['attested_mentions']} inside curated quotes)",
        f"conflicts: {counts['conflicts']} in {facts['events_in_conflict']} events "
        f"({', '.join(f'{n} {k}' for k, n in kinds.items())})",
        f"suspect accounts: {counts['suspects']} ({suspects['date-mismatch']} date-mismatch, "
        f"{suspects['no-date']} no-date)",
        f"uncurated dated sentences: {counts['uncurated']} "
        f"({facts['uncurated_with_candidate']} with a candidate event)",
        f"coverage of dated mentions: {coverage}",
    ]


def _share(c: Coverage) -> float | None:
    return None if c.share is None else round(c.share, 4)


def _report_dict(report: Report) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "summary": summary(report),
        "coverage": [
            {
                "source": c.source,
                "name": report.name(c.source),
                "covered": c.covered,
                "total": c.total,
                "share": _share(c),
            }
            for c in report.coverage
        ],
        "conflicts": report.conflicts,
        "suspects": [
            {
                "event": s.event,
                "account": s.account,
                "line": s.line,
                "source": s.source,
                "date": s.date,
                "kind": s.kind,
                "stated": list(s.stated),
                "explanation": s.explanation,
            }
            for s in report.suspects
        ],
        "uncurated": [
            {
                "rank": n,
                "source": r.source,
                "document": r.document,
                "line": r.line,
                "start": r.start,
                "sentence": r.sentence,
                "dates": [_mention_dict(m) for m in r.mentions],
                "candidate": _candidate_dict(r.candidate),
            }
            for n, r in enumerate(report.uncurated, start=1)
        ],
        "mentions": [
            {
                "document": m.doc,
                "source": m.source,
                **_mention_dict(m),
                "status": "attested"
                if i in report.attested
                else "candidate"
                if i in report.candidates
                else "uncurated",
                "accounts": list(report.attested.get(i, ())),
                "candidate": _candidate_dict(report.candidates.get(i)),
            }
            for i, m in enumerate(report.mentions)
        ],
    }


def dumps(report: Report) -> str:
    """The report as JSON: sorted keys, 2-space indent, trailing newline (byte-deterministic)."""
    return json.dumps(report.to_dict(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def _md(text: str) -> str:
    """Source text made inert in Markdown: one line, markup characters escaped."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _percent(share: float | None) -> str:
    return "n/a" if share is None else f"{share * 100:.0f}%"


def _source(report: Report, source: str) -> str:
    """A source as the editor reads it: its name, and the id events.yaml uses."""
    return f"{_md(report.name(source))} (`{source}`)"


def _mention_words(mention: Mention) -> str:
    """'June 1981 (`1981-06`)': the date in words, and the EDTF a stub would use."""
    if mention.date is None:
        return f"`{mention.value}`"
    words = mention.date.describe()
    return words if words == mention.date.edtf else f"{_md(words)} (`{mention.date.edtf}`)"


def to_markdown(report: Report, events_link: str) -> str:
    """The readable report. ``events_link`` is events.yaml's path relative to the report, so
    every event and account links to its line (``events.yaml#L<line>``)."""

    def link(label: str, line: int) -> str:
        return f"[{label}]({events_link}#L{line})"

    facts = summary(report)
    conflicts = facts["conflicts"]
    suspects = facts["suspects"]
    out = [
        "# Reconcile report",
        "",
        f"- {facts['events']} events, {facts['accounts']} accounts, "
        f"{facts['dated_mentions']} dated mentions in the seeds "
        f"({facts['attested_mentions']} attested by an account)",
        f"- conflicts: {conflicts['date']} date, {conflicts['figure']} figure, "
        f"{conflicts['internal']} internal, in {facts['events_in_conflict']} events",
        f"- suspect accounts: {suspects['date-mismatch']} whose quote states another date, "
        f"{suspects['no-date']} whose quote states no date and has no note",
        f"- uncurated dated sentences: {facts['uncurated']} "
        f"({facts['uncurated_with_candidate']} with a candidate event)",
        "",
        "## Coverage per source",
        "",
        "Share of each source's dated mentions that lie inside a curated quote.",
        "",
        "| source | dated mentions | covered | share |",
        "|---|---:|---:|---:|",
    ]
    for c in report.coverage:
        who = _source(report, c.source)
        out.append(f"| {who} | {c.total} | {c.covered} | {_percent(c.share)} |")
    out += ["", "## Conflicts by event", ""]
    if not report.conflicts:
        out += ["No conflicts.", ""]
    for event in report.conflicts:
        out += [f"### {link(_md(event['title']), event['line'])} (`{event['id']}`)", ""]
        for c in event["conflicts"]:
            what = flag(c["kind"], c["strength"] == "possible", c["figure"])
            out.append(f"- **{what}**: {_md(c['label'])}. {_md(c['explanation'])}")
            for n, (side, support) in enumerate(zip(c["sides"], c["support"], strict=True), 1):
                accounts = ", ".join(
                    f"{link(a['id'], a['line'])} ({_md(report.name(a['source']))})"
                    for a in (event["accounts"][i] for i in side)
                )
                out.append(
                    f"  - side {n}, {_md(support['label'])}: {accounts}; "
                    f"{plural(support['sources'], 'source')}, "
                    f"{plural(support['origins'], 'independent origin')}"
                )
        out.append("")
    out += ["## Suspect accounts", ""]
    if not report.suspects:
        out += ["None.", ""]
    for s in report.suspects:
        out.append(
            f"- {link(s.account, s.line)} ({_source(report, s.source)}, dated `{s.date}`): "
            f"{_md(s.explanation)}"
        )
    if report.suspects:
        out.append("")
    out += ["## Uncurated dated sentences (to-do)", ""]
    if not report.uncurated:
        out += ["None: every dated sentence is covered by a curated account.", ""]
    for n, row in enumerate(report.uncurated, start=1):
        dates = ", ".join(
            f'"{_md(m.text)}" = {_mention_words(m)}'
            + (f" (counted from {_md(m.anchor)})" if m.anchor else "")
            for m in row.mentions
        )
        who = _source(report, row.source) if row.source else "no source"
        head = f"{n}. **{who}**, {_md(row.document)} line {row.line}: {dates}"
        if row.candidate:
            cand = row.candidate
            head += (
                f"; candidate event {link(_md(cand.title), cand.line)} "
                f"(`{cand.account}`, similarity {cand.score:.0f}, dates {cand.relation})"
            )
        out += [head, f"   > {_md(row.sentence)}"]
    if report.uncurated:
        out.append("")
    return "\n".join(out)
