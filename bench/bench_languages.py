"""Benchmark: extraction beyond English, against dateparser's ``search_dates``, per language.

For every hand-annotated TimeML file in ``tests/data/languages`` (its ``xml:lang`` naming the
language; ``heldout/`` holds the files annotated after the rules were written), both systems
read the same text and are scored by the same
code as ``chronology evaluate`` (TempEval-3 relaxed matching, value F1 over all types):

- ours: ``chronology.languages.extract`` with the file's language;
- theirs: ``dateparser.search.search_dates(text, languages=[lang])``, each result placed at its
  text's next occurrence, its value cut to the precision dateparser itself reports for that text
  (``DateDataParser.get_date_data(...).period``), so it is not penalised for a default day. It is
  given the text with non-breaking spaces as plain spaces (same length, same offsets): French
  typography puts them between "juillet" and "2000", and search_dates finds almost nothing
  across them, which would make the comparison say more about typography than about dates.

Throughput is characters per second on one core, rules and language data loaded beforehand (a
warm-up call each), ours averaged over repeated runs because one run is too short to time.

    python bench/bench_languages.py
"""

from __future__ import annotations

import time
from pathlib import Path

from chronology.evaluate import GoldDocument, Report, read_timeml, score_document
from chronology.extract import Mention
from chronology.languages import extract

GOLD = Path(__file__).resolve().parent.parent / "tests" / "data" / "languages"
TARGET_F1 = 0.85
TARGET_SPEEDUP = 10.0


def theirs(document: GoldDocument, language: str) -> list[Mention]:
    """search_dates' findings as mentions: offsets located in order, values at their period."""
    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    text = document.text.replace("\u00a0", " ").replace("\u202f", " ")
    found = search_dates(text, languages=[language]) or []
    parser = DateDataParser(languages=[language])
    out: list[Mention] = []
    at = 0
    for phrase, when in found:
        start = text.find(phrase, at)
        if start < 0:
            continue
        at = start + len(phrase)
        period = parser.get_date_data(phrase).period or "day"
        value = {"year": "%Y", "month": "%Y-%m"}.get(period, "%Y-%m-%d")
        out.append(
            Mention(
                doc=document.name,
                source=None,
                start=start,
                end=at,
                text=document.text[start:at],
                type="DATE",
                value=when.strftime(value),
                mod=None,
                date=None,
                anchor=None,
                sentence="",
                sentence_start=start,
            )
        )
    return out


def value_f1(document: GoldDocument, mentions: list[Mention] | None = None) -> float:
    report = Report()
    score_document(document, report, mentions=mentions)
    return report.scores["all"].value_f1


def main() -> None:
    from dateparser.search import search_dates

    print(
        f"{'lang':<5} {'file':<32} {'timexes':>7}  {'ours F1':>7} {'search_dates F1':>15}  "
        f"{'ours chars/s':>12} {'search_dates chars/s':>20} {'speed-up':>8}"
    )
    met = True
    for path in sorted(GOLD.rglob("*.tml")):
        document = read_timeml(path)
        language = document.language or "en"
        size = len(document.text)
        extract("warm-up 1981", language=language)
        search_dates("warm-up 1981", languages=[language])

        runs = 20
        start = time.perf_counter()
        for _ in range(runs):
            ours = extract(document.text, document.dct, doc=document.name, language=language)
        our_speed = size * runs / (time.perf_counter() - start)

        start = time.perf_counter()
        baseline = theirs(document, language)
        their_speed = size / (time.perf_counter() - start)

        ours_f1, their_f1 = value_f1(document, ours), value_f1(document, baseline)
        speedup = our_speed / their_speed
        met &= ours_f1 >= TARGET_F1 and speedup >= TARGET_SPEEDUP
        name = path.relative_to(GOLD).as_posix()
        print(
            f"{language:<5} {name:<32} {len(document.timexes):>7}  {ours_f1:>7.3f} "
            f"{their_f1:>15.3f}  {our_speed:>12,.0f} {their_speed:>20,.0f} {speedup:>7.0f}x"
        )
    print(
        f"targets (value F1 >= {TARGET_F1}, >= {TARGET_SPEEDUP:.0f}x search_dates): "
        + ("met" if met else "NOT met")
    )


if __name__ == "__main__":
    main()
