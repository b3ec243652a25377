"""reconcile: attestation, candidates, uncurated sentences, suspects, coverage, the command.

The mini fixture's article (source ``history``) states 1965, June 28 1981, "Two days later, on
August 30" and "moved to Iraq in 1986" twice (after the Guardian, then after the BBC); the
compilation's first article says 2012 and its second 2013. Curated: 1965, the bombing, the
*BBC* 1986 sentence and 2013, so the Guardian sentence is a candidate for ``move-to-iraq``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from chronology.draft import draft, write
from chronology.export import build
from chronology.extract import Mention, extract_chronology
from chronology.load import load, load_round_trip, save_round_trip
from chronology.model import Chronology
from chronology.reconcile import (
    Report,
    failures,
    reconcile,
    summary,
    summary_lines,
    to_markdown,
)


def _load(root: Path) -> Chronology:
    return load(root / "events.yaml", root / "seeds")


def _report(root: Path) -> Report:
    chronology = _load(root)
    return reconcile(chronology, extract_chronology(chronology))


def _status(report: Report, text: str, nth: int = 0) -> tuple[str, object]:
    """(status, detail) of the nth dated mention whose text is ``text``."""
    index = [i for i, m in enumerate(report.mentions) if m.text == text][nth]
    if index in report.attested:
        return "attested", report.attested[index]
    if index in report.candidates:
        return "candidate", report.candidates[index]
    return "uncurated", None


def _add_account(root: Path, event_id: str, account: dict[str, str]) -> None:
    """Edit the copied fixture the way an editor would (round-trip, comments kept)."""
    data = load_round_trip(root / "events.yaml")
    event = next(e for e in data["events"] if e["id"] == event_id)
    account = {**account, "date": DoubleQuotedScalarString(account["date"])}
    event["accounts"].append(CommentedMap(account))
    save_round_trip(data, root / "events.yaml")


def _set_date(root: Path, event_id: str, date: str) -> None:
    data = load_round_trip(root / "events.yaml")
    event = next(e for e in data["events"] if e["id"] == event_id)
    event["accounts"][0]["date"] = DoubleQuotedScalarString(date)
    save_round_trip(data, root / "events.yaml")


def test_a_mention_inside_a_quote_of_its_source_attests_that_account(mini: Path) -> None:
    report = _report(mini)
    assert _status(report, "1965") == ("attested", ("founded/1",))
    assert _status(report, "June 28, 1981") == ("attested", ("hq-bombing/1",))
    assert _status(report, "2013") == ("attested", ("albania/1",))
    # the quote is located after its prefix: only the second 1986 (the BBC one) is quoted
    assert _status(report, "1986", nth=1) == ("attested", ("move-to-iraq/1",))


def test_an_unquoted_similar_sentence_with_a_compatible_date_is_a_candidate(mini: Path) -> None:
    status, candidate = _status(_report(mini), "1986", nth=0)
    assert status == "candidate"
    assert candidate.event == "move-to-iraq"  # type: ignore[attr-defined]
    assert candidate.account == "move-to-iraq/1"  # type: ignore[attr-defined]
    assert candidate.relation == "same"  # type: ignore[attr-defined]
    assert candidate.score == 100.0  # the quote's words are a subset of the sentence's


def test_a_similar_sentence_with_an_incompatible_date_is_no_candidate(mini: Path) -> None:
    _set_date(mini, "move-to-iraq", "1987")  # the curated account now says 1987
    report = _report(mini)
    assert _status(report, "1986", nth=0) == ("uncurated", None)


def test_a_compatible_date_in_an_unrelated_sentence_is_no_candidate(mini: Path) -> None:
    # "2012 ... left the US list" shares no content words with any quote
    _add_account(
        mini,
        "albania",
        {"source": "second", "date": "201X", "quote": "The group went to Albania in 2013."},
    )
    assert _status(_report(mini), "2012") == ("uncurated", None)


def test_uncurated_sentences_are_one_row_each_and_ranked(mini: Path) -> None:
    rows = _report(mini).uncurated
    assert [(r.source, r.line, r.sentence) for r in rows] == [
        # a candidate event first: an account is missing from a known event
        ("history", 4, "The group moved to Iraq in 1986, according to the Guardian."),
        # then explicit dates, before sentences whose dates are all relative
        ("first", 1, "In 2012 the group left the US list."),
        ("history", 3, "Two days later, on August 30, another bomb exploded."),
    ]
    assert [m.text for m in rows[2].mentions] == ["Two days later", "August 30"]
    assert rows[0].candidate is not None and rows[1].candidate is None


def test_coverage_is_the_share_of_dated_mentions_inside_quotes(mini: Path) -> None:
    report = _report(mini)
    # history: 1965, June 28 1981, Two days later, August 30, 1986, 1986 -> 3 quoted
    assert [(c.source, c.covered, c.total, c.share) for c in report.coverage] == [
        ("history", 3, 6, 0.5),
        ("first", 0, 1, 0.0),
        ("second", 1, 1, 1.0),
    ]


def test_a_mistyped_year_makes_the_account_suspect(mini: Path) -> None:
    _set_date(mini, "founded", "1956")
    (suspect,) = _report(mini).suspects
    assert (suspect.account, suspect.kind, suspect.date, suspect.stated) == (
        "founded/1",
        "date-mismatch",
        "1956",
        ("1965",),
    )
    assert suspect.explanation == (
        'the quote says "1965" but the account is dated 1956: a typing error?'
    )
    assert suspect.line == 8  # the account's first line


def test_a_note_naming_the_other_date_clears_the_suspicion(mini: Path) -> None:
    _set_date(mini, "founded", "1956")
    data = load_round_trip(mini / "events.yaml")
    data["events"][0]["accounts"][0]["note"] = "the 1965 in the quote is the registration"
    save_round_trip(data, mini / "events.yaml")
    assert _report(mini).suspects == []


TWO_DATES = "founded in 1965 by students of Tehran University. On June 28, 1981, a bomb"


def test_one_compatible_date_in_the_quote_is_enough(mini: Path) -> None:
    # quotes often give an earlier date for context: 1965 beside the bombing's own date
    _add_account(mini, "hq-bombing", {"source": "history", "date": "1981-06", "quote": TWO_DATES})
    assert _report(mini).suspects == []


def test_a_quote_whose_dates_all_disagree_is_suspect(mini: Path) -> None:
    _add_account(mini, "hq-bombing", {"source": "history", "date": "1982", "quote": TWO_DATES})
    (suspect,) = _report(mini).suspects
    assert (suspect.account, suspect.stated) == ("hq-bombing/2", ("1965", "June 28, 1981"))
    assert suspect.explanation == (
        'the quote says "1965" and "June 28, 1981" but the account is dated 1982: a typing error?'
    )


def test_a_quote_without_a_date_needs_a_note(mini: Path) -> None:
    account = {"source": "history", "date": "1965", "quote": "by students of Tehran University"}
    _add_account(mini, "founded", account)
    (suspect,) = _report(mini).suspects
    assert (suspect.account, suspect.kind) == ("founded/2", "no-date")
    assert suspect.explanation == (
        "the quote states no date, yet the account is dated 1965 and no note says why"
    )
    data = load_round_trip(mini / "events.yaml")
    data["events"][0]["accounts"][1]["note"] = "implied: the founding sentence"
    save_round_trip(data, mini / "events.yaml")
    assert _report(mini).suspects == []


def test_conflicts_are_the_export_models_grouped_by_event(mini: Path) -> None:
    account = {
        "source": "history",
        "date": "1987",
        "quote": "The group moved to Iraq in 1986, according to the Guardian.",
    }
    _add_account(mini, "move-to-iraq", account)
    chronology = _load(mini)
    report = reconcile(chronology, extract_chronology(chronology))
    (event,) = report.conflicts
    exported = next(e for e in build(chronology)["events"] if e["id"] == "move-to-iraq")
    assert event["id"] == "move-to-iraq"
    assert event["conflicts"] == exported["conflicts"]
    assert [c["kind"] for c in event["conflicts"]] == ["internal"]
    assert summary(report)["conflicts"] == {"date": 0, "figure": 0, "internal": 1}
    # the same account, quoting 1986 while dated 1987, is also suspect
    assert [(s.account, s.kind) for s in report.suspects] == [("move-to-iraq/2", "date-mismatch")]


def test_the_markdown_names_sources_as_readers_see_them_and_dates_in_words(mini: Path) -> None:
    """The editor reads names and dates in words, with the ids and EDTF they edit beside them."""
    account = {
        "source": "history",
        "date": "1987-03",
        "quote": "The group moved to Iraq in 1986, according to the Guardian.",
    }
    _add_account(mini, "move-to-iraq", account)
    chronology = _load(mini)
    markdown = to_markdown(reconcile(chronology, extract_chronology(chronology)), "events.yaml")
    lines = markdown.splitlines()
    assert "| Example Weekly (Jane Doe) (`history`) | 6 | 4 | 67% |" in lines
    assert (
        "- **One source disagrees with itself**: 1986 vs March 1987. Example Weekly (Jane Doe) "
        'dates it both 1986 ("The group moved to Iraq in 1986") and March 1987 ("The group moved '
        'to Iraq in 1986, according to the Guardian."): at least 60 days apart.'
    ) in lines
    assert (
        "  - side 1, 1986: [move-to-iraq/1](events.yaml#L25) (Example Weekly (Jane Doe)); "
        "1 source, 1 independent origin"
    ) in lines
    assert (
        "- [move-to-iraq/2](events.yaml#L30) (Example Weekly (Jane Doe) (`history`), dated "
        '`1987-03`): the quote says "1986" but the account is dated March 1987: a typing error?'
    ) in lines
    assert any(
        line.startswith("1. **Example Daily (`first`)**, compilation.txt line 1: ")
        for line in lines
    )
    assert "history dates" not in markdown and "(history)" not in markdown


def _args(root: Path, *extra: object) -> list[object]:
    return [
        "reconcile",
        "--events",
        root / "events.yaml",
        "--seeds",
        root / "seeds",
        "--out-dir",
        root / "reports",
        *extra,
    ]


def test_command_writes_linked_markdown_and_json_and_prints_a_summary(mini: Path, run) -> None:
    result = run(*_args(mini))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:5] == [
        "4 events, 4 accounts, 8 dated mentions (4 inside curated quotes)",
        "conflicts: 0 in 0 events (0 date, 0 figure, 0 internal)",
        "suspect accounts: 0 (0 date-mismatch, 0 no-date)",
        "uncurated dated sentences: 3 (1 with a candidate event)",
        "coverage of dated mentions: history 3/6 (50%), first 0/1 (0%), second 1/1 (100%)",
    ]
    markdown = (mini / "reports" / "reconcile.md").read_text()
    assert "[The group moves to Iraq](../events.yaml#L25)" in markdown
    assert "> The group moved to Iraq in 1986, according to the Guardian." in markdown
    data = json.loads((mini / "reports" / "reconcile.json").read_text())
    assert data["summary"]["uncurated"] == 3
    assert [m["status"] for m in data["mentions"]] == [
        "attested",
        "attested",
        "uncurated",
        "uncurated",
        "candidate",
        "attested",
        "uncurated",
        "attested",
    ]


def test_the_summary_lines_and_gate_failures_come_from_the_library(mini: Path, run) -> None:
    """The command prints the library's summary, then where it wrote the reports."""
    report = _report(mini)
    assert summary_lines(report) == [
        "4 events, 4 accounts, 8 dated mentions (4 inside curated quotes)",
        "conflicts: 0 in 0 events (0 date, 0 figure, 0 internal)",
        "suspect accounts: 0 (0 date-mismatch, 0 no-date)",
        "uncurated dated sentences: 3 (1 with a candidate event)",
        "coverage of dated mentions: history 3/6 (50%), first 0/1 (0%), second 1/1 (100%)",
    ]
    assert failures(report, ["uncurated", "conflicts", "suspects"]) == ["3 uncurated sentences"]
    assert failures(report, ["conflicts"]) == []
    result = run(*_args(mini))
    assert result.stdout.splitlines() == [
        *summary_lines(report),
        f"wrote {mini / 'reports' / 'reconcile.md'} and {mini / 'reports' / 'reconcile.json'}",
    ]


def test_command_output_is_byte_identical_across_runs(mini: Path, run) -> None:
    outputs = []
    for _ in range(2):
        assert run(*_args(mini)).exit_code == 0
        outputs.append(
            [(mini / "reports" / name).read_bytes() for name in ("reconcile.md", "reconcile.json")]
        )
    assert outputs[0] == outputs[1]


@pytest.mark.parametrize(
    ("gates", "code", "message"),
    [
        (["conflicts"], 0, None),
        (["suspects", "conflicts"], 0, None),
        (["uncurated"], 1, "reconcile failed (--fail-on): 3 uncurated sentences"),
        (["conflicts", "uncurated"], 1, "reconcile failed (--fail-on): 3 uncurated sentences"),
    ],
)
def test_fail_on_exits_1_naming_each_non_empty_category(
    mini: Path, run, gates: list[str], code: int, message: str | None
) -> None:
    extra = [arg for gate in gates for arg in ("--fail-on", gate)]
    result = run(*_args(mini, *extra))
    assert result.exit_code == code
    assert (result.stderr.strip() or None) == message


def test_fail_on_suspects_and_conflicts_after_a_planted_error(mini: Path, run) -> None:
    _set_date(mini, "founded", "1956")
    result = run(*_args(mini, "--fail-on", "suspects", "--fail-on", "conflicts"))
    assert result.exit_code == 1
    assert result.stderr == "reconcile failed (--fail-on): 1 suspect account\n"


def test_fail_on_refuses_an_unknown_category(mini: Path, run) -> None:
    result = run(*_args(mini, "--fail-on", "typos"))
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: --fail-on must be one of conflicts, suspects, uncurated, not 'typos'\n"
    )
    assert not (mini / "reports").exists()


def test_candidates_are_the_drafts_of_chronology_draft(mini: Path, run) -> None:
    """reconcile --candidates writes what `chronology draft` writes, from the same mentions."""
    result = run(*_args(mini, "--candidates", mini / "candidates.yaml"))
    assert result.exit_code == 0
    chronology = _load(mini)
    drafts = draft(chronology, chronology.categories[0].id)  # the project's first category
    assert (mini / "candidates.yaml").read_text(encoding="utf-8") == drafts.text
    assert drafts.summary(mini / "candidates.yaml") in result.stderr.splitlines()
    drafted = load_round_trip(mini / "candidates.yaml")["events"]
    accounts = [(a["source"], a["date"], a["quote"]) for e in drafted for a in e["accounts"]]
    assert (
        "history",
        "1986",
        "The group moved to Iraq in 1986, according to the Guardian.",
    ) in accounts


def test_candidates_refuse_the_events_file_in_any_spelling(mini: Path, run) -> None:
    before = (mini / "events.yaml").read_bytes()
    spelled = mini / "seeds" / ".." / "events.yaml"
    result = run(*_args(mini, "--candidates", spelled))
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: --candidates {spelled} is the input {mini / 'events.yaml'}: "
        "outputs never overwrite inputs\n"
    )
    assert (mini / "events.yaml").read_bytes() == before
    assert not (mini / "reports").exists()


def test_drafts_refuse_a_link_to_the_events_file(mini: Path) -> None:
    link = mini / "link.yaml"
    link.symlink_to(mini / "events.yaml")
    before = (mini / "events.yaml").read_bytes()
    with pytest.raises(Exception, match="is the events file"):
        write(draft(_load(mini), "context"), link, mini / "events.yaml")
    assert (mini / "events.yaml").read_bytes() == before


def test_source_text_is_inert_in_the_markdown_report(mini: Path, run) -> None:
    article = mini / "seeds" / "article.txt"
    article.write_text(
        article.read_text() + "In 1999 a <script>alert(1)</script> | [link](x) *ran*.\n"
    )
    assert run(*_args(mini)).exit_code == 0
    markdown = (mini / "reports" / "reconcile.md").read_text()
    assert r"> In 1999 a \<script\>alert(1)\</script\> \| \[link\](x) \*ran\*." in markdown
    assert "<script>" not in markdown


def test_a_draft_of_a_repeated_sentence_gets_a_prefix(mini: Path, run) -> None:
    article = mini / "seeds" / "article.txt"
    article.write_text(
        article.read_text() + "In 1999 the group met.\nAgain. In 1999 the group met.\n"
    )
    assert run(*_args(mini, "--candidates", mini / "candidates.yaml")).exit_code == 0
    drafted = load_round_trip(mini / "candidates.yaml")["events"]
    repeated = [a for e in drafted for a in e["accounts"] if "1999" in a["quote"]]
    assert [a.get("prefix") for a in repeated] == [None, "group met. Again."]


def _own(i: int) -> str:
    """Two words only account ``i`` uses ("alphaaaa betaaaa", "alphaaab betaaab", ...)."""
    letters = "".join(chr(ord("a") + int(d)) for d in f"{i:03d}")
    return f"alpha{letters} beta{letters}"


def _crowded_year(n_events: int) -> Chronology:
    """``n_events`` accounts of 1981 that all share three common words, each with two words
    of its own."""
    from chronology.dates import DateValue
    from chronology.model import Account, Event, Source

    year = DateValue.parse("1981")
    events = [
        Event(
            id=f"e{i}",
            title=f"Event {i}",
            category="context",
            accounts=[
                Account(
                    source="s",
                    date=year,
                    quote=f"Officials announced reforms in 1981 {_own(i)}.",
                )
            ],
        )
        for i in range(n_events)
    ]
    source = Source(
        id="s", document="s.txt", title="S", outlet="S", published=year, stance="critical"
    )
    return Chronology([source], events, {"s.txt": ""}, "events.yaml", "seeds")


def _sentence_mention(sentence: str) -> Mention:
    from chronology.dates import DateValue

    at = sentence.index("1981")
    return Mention(
        doc="s.txt",
        source="s",
        start=at,
        end=at + 4,
        text="1981",
        type="DATE",
        value="1981",
        mod=None,
        date=DateValue.parse("1981"),
        anchor=None,
        sentence=sentence,
        sentence_start=0,
    )


def test_words_most_accounts_of_the_year_use_propose_no_candidate() -> None:
    from chronology.reconcile import COMMON

    common = "Officials announced reforms in 1981."
    own = f"In 1981 officials announced reforms: {_own(7)}."
    for n_events, expected in ((COMMON, "e0"), (COMMON + 1, None)):
        report = reconcile(
            _crowded_year(n_events), [_sentence_mention(common), _sentence_mention(own)]
        )
        by_sentence = {report.mentions[i].sentence: c.event for i, c in report.candidates.items()}
        # the shared words alone: a candidate while few accounts use them, none once they are
        # common in that year; a sentence with an account's own words always finds it
        assert by_sentence.get(common) == expected
        assert by_sentence[own] == "e7"


def test_the_word_matrix_holds_each_text_s_content_words() -> None:
    """The matrix matching reads (ASCII texts split in one pass, other text by the regular
    expression) holds exactly ``content_words`` of each text: the words each text has, and
    the words any two share."""
    from chronology.reconcile import content_words, incidence

    texts = [
        "The Group moved to IRAQ in 1986, its_base x2y abc123def.",
        "Straße ΣΊΣΥΦΟΣ café’s déjà-vu ½ ² Ⅻ moved",
        "a b cc dd the THE group",
        "",
        "\x01 a separator byte inside the text: group cc",
        "new\nline\ttab a1b2cc İstanbul ﬁnance",
        "don't won’t O'Neill dd",
        "١٢٣ جميل 日本語 テスト moved",
    ]
    words = [content_words(t) for t in texts]
    matrix = incidence(texts)
    assert matrix.shape[0] == len(texts)
    assert matrix.sum(axis=1).A1.tolist() == [len(w) for w in words]
    shared = (matrix @ matrix.T).toarray()
    assert shared.tolist() == [[len(a & b) for b in words] for a in words]
