"""Score the date extractor against TimeML gold annotations, the way TempEval-3 does.

Why TempEval-3 scoring: it is the published yardstick for temporal taggers (HeidelTime, SUTime
report it), so our figures can be compared with theirs on the same data.

- A gold file is TimeML: the document creation time is the ``TIMEX3`` with
  ``functionInDocument="CREATION_TIME"`` (inside ``<DCT>``), never scored; the text is the
  content of ``<TEXT>`` with its tags stripped and entities decoded; each gold ``TIMEX3`` is
  located by the offsets of its content in that text.
- The extractor runs on that text with the DCT, exactly as it runs on an article.
- Strict match: the same span. Relaxed match: overlapping spans, paired one to one.
  Value accuracy: the share of relaxed matches whose ``value`` equals the gold value.
  Value F1 = value accuracy x relaxed F1 (the F1 of matches with the right value).
- Scores are computed per type group: DATE and TIME (what a timeline needs) and all types.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from chronology.dates import DateValue
from chronology.errors import ChronologyError, Problem
from chronology.extract import Mention
from chronology.files import read_text
from chronology.languages import extract

GROUPS: dict[str, frozenset[str]] = {
    "date-time": frozenset({"DATE", "TIME"}),
    "all": frozenset({"DATE", "TIME", "DURATION", "SET"}),
}


@dataclass(frozen=True)
class Timex:
    """A gold TIMEX3: its span in the stripped text and its normalisation."""

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None


@dataclass(frozen=True)
class GoldDocument:
    """One TimeML file: plain text, creation time and gold timexes."""

    name: str
    text: str
    dct: dt.date | DateValue | None
    timexes: tuple[Timex, ...]
    language: str | None = None  # the root's xml:lang; None: detected from the text


_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'([\w:]+)\s*=\s*"([^"]*)"')


def read_timeml(path: str | Path) -> GoldDocument:
    """Parse a TimeML file into its plain text, DCT and gold timexes (the DCT excluded)."""
    path = Path(path)
    raw = read_text(path)
    dct = _dct(raw)
    body = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
    if body is None:
        raise ChronologyError([Problem(str(path), 0, 0, "no <TEXT> element: not a TimeML file")])
    pieces: list[str] = []
    length = 0
    open_timexes: list[tuple[int, dict[str, str]]] = []
    timexes: list[Timex] = []
    pos = 0
    content = body.group(1)
    for m in _TAG.finditer(content):
        chunk = html.unescape(content[pos : m.start()])
        pieces.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, name, attrs, selfclosing = m.groups()
        if name != "TIMEX3" or selfclosing:
            continue
        if not closing:
            open_timexes.append((length, dict(_ATTR.findall(attrs))))
        elif open_timexes:
            start, attributes = open_timexes.pop()
            if attributes.get("functionInDocument") == "CREATION_TIME":
                continue
            timexes.append(
                Timex(
                    start=start,
                    end=length,
                    text="",
                    type=attributes.get("type", "DATE"),
                    value=attributes.get("value", ""),
                    mod=attributes.get("mod") or None,
                )
            )
    tail = html.unescape(content[pos:])
    pieces.append(tail)
    text = "".join(pieces)
    located = tuple(
        Timex(t.start, t.end, text[t.start : t.end], t.type, t.value, t.mod)
        for t in sorted(timexes, key=lambda t: (t.start, t.end))
    )
    root = re.search(r"<TimeML\b([^>]*)>", raw)
    language = dict(_ATTR.findall(root.group(1))).get("xml:lang") if root else None
    return GoldDocument(path.name, text, dct, located, language)


def _dct(raw: str) -> dt.date | DateValue | None:
    """The creation time: a day when the DCT gives one, else the DateValue it states."""
    for m in re.finditer(r"<TIMEX3([^>]*)>", raw):
        attributes = dict(_ATTR.findall(m.group(1)))
        if attributes.get("functionInDocument") != "CREATION_TIME":
            continue
        value = attributes.get("value", "")
        day = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
        if day:
            return dt.date(*(int(x) for x in day.groups()))
        return DateValue.from_timex(value)
    return None


@dataclass
class Scores:
    """Counts for one type group; precision, recall and F1 follow from them."""

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0

    def add(self, other: Scores) -> None:
        self.gold += other.gold
        self.system += other.system
        self.strict += other.strict
        self.relaxed += other.relaxed
        self.value += other.value

    @staticmethod
    def _f1(hits: int, gold: int, system: int) -> tuple[float, float, float]:
        p = hits / system if system else 0.0
        r = hits / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    @property
    def strict_prf(self) -> tuple[float, float, float]:
        return self._f1(self.strict, self.gold, self.system)

    @property
    def relaxed_prf(self) -> tuple[float, float, float]:
        return self._f1(self.relaxed, self.gold, self.system)

    @property
    def value_accuracy(self) -> float:
        return self.value / self.relaxed if self.relaxed else 0.0

    @property
    def value_f1(self) -> float:
        return self.value_accuracy * self.relaxed_prf[2]


@dataclass(frozen=True)
class Error:
    """One disagreement with the gold, for reading the extractor's mistakes."""

    doc: str
    kind: str  # "missed" (false negative), "spurious" (false positive), "value"
    text: str
    gold: str
    system: str
    context: str

    def __str__(self) -> str:
        fields = (self.doc, self.kind, repr(self.text), f"gold={self.gold}", f"sys={self.system}")
        return "\t".join((*fields, self.context))


@dataclass
class Report:
    """Scores per type group over a set of documents, and the errors behind them."""

    documents: int = 0
    scores: dict[str, Scores] = field(default_factory=lambda: {g: Scores() for g in GROUPS})
    errors: dict[str, list[Error]] = field(default_factory=lambda: {g: [] for g in GROUPS})


def match(gold: list[Timex], system: list[Mention]) -> list[tuple[int, int]]:
    """Pair overlapping gold and system spans one to one, in text order (TempEval relaxed)."""
    pairs: list[tuple[int, int]] = []
    used: set[int] = set()
    j0 = 0
    for i, g in enumerate(gold):
        while j0 < len(system) and system[j0].end <= g.start:
            j0 += 1
        for j in range(j0, len(system)):
            s = system[j]
            if s.start >= g.end:
                break
            if j not in used and s.start < g.end and g.start < s.end:
                pairs.append((i, j))
                used.add(j)
                break
    return pairs


def score_document(
    document: GoldDocument,
    report: Report,
    mode: str = "auto",
    mentions: list[Mention] | None = None,
) -> None:
    """Score the extractor on one gold document, adding its counts and errors to ``report``.

    ``mentions`` scores another system's output on the same gold instead (a benchmark compares
    dateparser's ``search_dates`` this way, through exactly the same matching and counting).
    """
    if mentions is None:
        mentions = extract(
            document.text, document.dct, doc=document.name, language=document.language, mode=mode
        )
    report.documents += 1
    for group, types in GROUPS.items():
        gold = [t for t in document.timexes if t.type in types]
        system = [m for m in mentions if m.type in types]
        counts = Scores(gold=len(gold), system=len(system))
        pairs = match(gold, system)
        paired_gold = {i for i, _ in pairs}
        paired_system = {j for _, j in pairs}
        errors = report.errors[group]
        for i, j in pairs:
            g, s = gold[i], system[j]
            counts.relaxed += 1
            counts.strict += g.start == s.start and g.end == s.end
            if g.value == s.value:
                counts.value += 1
            else:
                errors.append(
                    Error(
                        document.name,
                        "value",
                        g.text,
                        g.value,
                        f"{s.value} ({s.text})",
                        _context(document.text, g.start, g.end),
                    )
                )
        for i, g in enumerate(gold):
            if i not in paired_gold:
                errors.append(
                    Error(
                        document.name,
                        "missed",
                        g.text,
                        f"{g.type} {g.value}",
                        "",
                        _context(document.text, g.start, g.end),
                    )
                )
        for j, s in enumerate(system):
            if j not in paired_system:
                errors.append(
                    Error(
                        document.name,
                        "spurious",
                        s.text,
                        "",
                        f"{s.type} {s.value}",
                        _context(document.text, s.start, s.end),
                    )
                )
        report.scores[group].add(counts)


def _context(text: str, start: int, end: int) -> str:
    left = text[max(0, start - 40) : start]
    right = text[end : end + 40]
    return re.sub(r"\s+", " ", f"{left}[{text[start:end]}]{right}")


def timeml_files(paths: list[Path]) -> list[Path]:
    """The ``.tml`` files under the given files and folders, sorted; missing paths are errors."""
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.tml") if p.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            problems.append(Problem(str(path), 0, 0, "no such file or folder"))
    if problems:
        raise ChronologyError(problems)
    if not files:
        raise ChronologyError(f"no TimeML (.tml) files in {', '.join(map(str, paths))}")
    return files


def evaluate(paths: list[Path], mode: str = "auto") -> Report:
    """Score the extractor on every TimeML file under ``paths`` (``mode`` as for extraction)."""
    report = Report()
    for path in timeml_files(paths):
        score_document(read_timeml(path), report, mode)
    return report


def format_report(report: Report, groups: list[str] | None = None) -> str:
    """A small fixed-width table: one row per type group."""
    rows = [
        f"{'types':<10} {'gold':>5} {'sys':>5}  {'strict P':>8} {'R':>5} {'F1':>5}  "
        f"{'relaxed P':>9} {'R':>5} {'F1':>5}  {'value acc':>9} {'value F1':>8}"
    ]
    for group in groups or list(GROUPS):
        s = report.scores[group]
        sp, sr, sf = s.strict_prf
        rp, rr, rf = s.relaxed_prf
        rows.append(
            f"{group:<10} {s.gold:>5} {s.system:>5}  {sp:>8.3f} {sr:>5.3f} {sf:>5.3f}  "
            f"{rp:>9.3f} {rr:>5.3f} {rf:>5.3f}  {s.value_accuracy:>9.3f} {s.value_f1:>8.3f}"
        )
    return f"{report.documents} documents\n" + "\n".join(rows) + "\n"
