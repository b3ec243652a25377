"""Sources in other languages on the page: quotes, translations, stated calendars, languages.

The multilingual test story (tests/data/multilingual: a French, a German and a Persian
article, two Jalali dates) through the real pipeline. The markup and the JSON block are checked
as exact text; what a reader sees (a Persian quote running right to left, the translation in
view, a search that finds a translation's words) is measured in Debian's Chromium.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from helpers import chronology_of
from test_browser import Visit, inside_viewport

from chronology.embed import Options
from chronology.export import ExportModel, build, to_timelinejs
from chronology.html.model import language_name
from chronology.html.page import write
from chronology.load import load
from chronology.render import render_html

MULTILINGUAL = Path(__file__).parent / "data" / "multilingual"
PERSIAN_QUOTE = "در ۳۰ خرداد ۱۳۶۰ درگیری مسلحانه سازمان با جمهوری اسلامی آغاز شد"
PERSIAN_TRANSLATION = (
    "On 30 Khordad 1360 the organisation's armed conflict with the Islamic Republic began"
)


def model() -> ExportModel:
    return build(load(MULTILINGUAL / "events.yaml", MULTILINGUAL / "seeds"))


def story() -> dict[str, Any]:
    """The model as the page functions take it (a plain dict)."""
    return dict(model())


def data_of(page: str) -> dict[str, Any]:
    blob = re.search(r'<script type="application/json" class=chronology-data>(.*?)</script>', page)
    assert blob
    return dict(json.loads(blob.group(1)))


def event_body(page: str, event_id: str) -> str:
    found = re.search(rf'<tbody data-event-id="{event_id}".*?</tbody>', page)
    assert found
    return found.group(0)


# --- the JSON block and the table, as text ----------------------------------------------------


def test_the_data_block_carries_stated_dates_translations_and_language_names() -> None:
    view = data_of(render_html(story(), plotlyjs="cdn"))["view"]
    sources = {s["name"]: s for s in view["sources"]}
    assert (sources["نمونه"]["lang"], sources["نمونه"]["language"]) == ("fa", "Persian")
    assert (sources["Exemple Hebdo"]["lang"], sources["Exemple Hebdo"]["language"]) == (
        "fr",
        "French",
    )
    # no language: in sources.yaml: detected from its text, as extraction reads it
    assert (sources["Beispiel Zeitung"]["lang"], sources["Beispiel Zeitung"]["language"]) == (
        "de",
        "German",
    )
    events = {e["id"]: e for e in view["events"]}
    persian = events["armed-struggle"]["acc"][1]
    assert persian["d"] == "30 Khordad 1360 SH (20 June 1981)"
    assert persian["q"] == PERSIAN_QUOTE
    assert persian["tr"] == PERSIAN_TRANSLATION
    assert events["move-to-iraq"]["acc"][1]["d"] == "1365 SH (21 March 1986 to 20 March 1987)"
    assert events["move-to-iraq"]["acc"][0]["tr"] is None
    assert events["move-to-iraq"]["acc"][0]["d"] == "1986"


def test_the_table_shows_quote_translation_stated_date_and_language() -> None:
    body = event_body(render_html(story(), plotlyjs="cdn"), "armed-struggle")
    assert (
        "<td class=date>30 Khordad 1360 SH (20 June 1981)</td>"
        "<td class=source><span class=outlet dir=auto>نمونه</span>"
        "<br><cite dir=auto>تاریخچه سازمان</cite><br>published January 2020<br>in Persian</td>"
        f'<td class=quote><q dir=auto lang="fa">{PERSIAN_QUOTE}</q>'
        "<p class=translation>Translation: <span dir=auto>On 30 Khordad 1360 the"
        " organisation&#x27;s armed conflict with the Islamic Republic began</span></p></td>"
    ) in body
    # a source that does not state its language: the detected one
    assert (
        "<td class=date>20 June 1981</td><td class=source><span class=outlet dir=auto>"
        "Beispiel Zeitung</span><br><cite dir=auto>Die Gruppe im Exil</cite>"
        '<br>published 10 May 2021<br>in German</td><td class=quote><q dir=auto lang="de">'
        "Am 20. Juni 1981"
    ) in body


def test_a_story_in_one_language_names_none() -> None:
    html = render_html(story(), plotlyjs="cdn")
    assert "<br>in Persian</td>" in html
    one_language = story()
    one_language["sources"] = [{**s, "language": "en"} for s in one_language["sources"]]
    view = data_of(render_html(one_language, plotlyjs="cdn"))["view"]
    assert {s["language"] for s in view["sources"]} == {None}
    assert {s["lang"] for s in view["sources"]} == {"en"}


def test_an_account_without_translation_has_no_translation_line() -> None:
    body = event_body(render_html(story(), plotlyjs="cdn"), "hq-bombing")
    assert "class=translation" not in body
    assert '<q dir=auto lang="fa">در ۲۸ ژوئن ۱۹۸۱ دفتر حزب جمهوری اسلامی منفجر شد</q></td>' in body


def test_translations_and_stated_dates_are_escaped() -> None:
    hostile = "<img src=x onerror=alert(1)> & “quoted”"
    chronology = chronology_of(
        {
            "id": "move",
            "title": "Move",
            "category": "relocation",
            "accounts": [
                {"source": "history", "date": "1986", "quote": "quote move 1986"},
            ],
        }
    )
    chronology.events[0].accounts[0].translation = hostile
    page = render_html(dict(build(chronology)), plotlyjs="cdn")
    assert "<img src=x" not in page
    assert (
        "<p class=translation>Translation: <span dir=auto>&lt;img src=x onerror=alert(1)&gt;"
        " &amp; “quoted”</span></p>"
    ) in page
    # in the JSON block '<' is escaped too, and the string round-trips
    assert "\\u003cimg src=x" in page
    assert data_of(page)["view"]["events"][0]["acc"][0]["tr"] == hostile


def test_timelinejs_slides_show_stated_dates_and_translations_right_to_left() -> None:
    slides = {s["unique_id"]: s for s in to_timelinejs(model())["events"]}
    slide = slides["armed-struggle"]
    assert slide["display_date"] == "20 June 1981 / 30 Khordad 1360 SH (20 June 1981)"
    assert (
        "<li><strong>نمونه</strong>, 30 Khordad 1360 SH (20 June 1981): "
        f'<q dir="auto">{PERSIAN_QUOTE}</q> (translation: <span dir="auto">On 30 Khordad 1360'
        " the organisation&#x27;s armed conflict with the Islamic Republic began</span>)</li>"
    ) in slide["text"]["text"]


def test_language_names_come_from_the_code_for_every_language_read() -> None:
    from dateparser.data.languages_info import language_order

    assert [language_name(c) for c in ("fa", "ar", "de", "nb", "ps", None)] == [
        "Persian",
        "Arabic",
        "German",
        "Norwegian Bokmål",
        "Pashto",
        None,
    ]
    unnamed = [c for c in language_order if len(c) == 2 and language_name(c) == c]
    assert unnamed == []


# --- in the browser ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def multilingual_page(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("multilingual")
    write(story(), folder / "timeline.html", Options(plotlyjs="directory"))
    return (folder / "timeline.html").as_uri()


# Where a block's text starts and ends against its own box: a right-to-left paragraph starts
# at its right edge.
TEXT_EDGES = """(node) => {
  const range = document.createRange();
  range.selectNodeContents(node);
  const rects = [...range.getClientRects()];
  const line = rects.filter(r => Math.abs(r.top - rects[0].top) < 2);  // the first line's runs
  const box = node.getBoundingClientRect();
  return {left: Math.min(...line.map(r => r.left)) - box.left,
          right: box.right - Math.max(...line.map(r => r.right)),
          direction: getComputedStyle(node).direction};
}"""


@pytest.mark.browser
def test_a_persian_quote_reads_right_to_left_with_its_translation_in_view(
    multilingual_page: str, browser: Any
) -> None:
    visit = Visit(browser, multilingual_page)
    page = visit.page
    try:
        page.locator(".plot-labels .label:not(.gone)", has_text="armed conflict").click(force=True)
        visit.settle()
        assert page.locator(".panel .panel-title").text_content() == (
            "The armed conflict with the Islamic Republic begins"
        )
        persian = page.locator(".panel .quote[lang=fa]")
        assert persian.text_content() == f"“{PERSIAN_QUOTE}”"
        edges = persian.evaluate(TEXT_EDGES)
        assert edges["direction"] == "rtl"
        # the first line starts at the right edge and (the quote wraps) fills it
        assert edges["right"] < 1 and edges["left"] < 40
        german = page.locator(".panel .quote").first.evaluate(TEXT_EDGES)
        assert german["direction"] == "ltr" and german["left"] < 1
        card = page.locator(".panel .account:has(.quote[lang=fa])")
        translation = card.locator(".translation")
        assert translation.text_content() == f"Translation: {PERSIAN_TRANSLATION}"
        assert translation.is_visible()
        assert inside_viewport(page, ".panel .account:has(.quote[lang=fa]) .translation")
        who = card.locator(".who")
        assert who.text_content() == "نمونه · in Persian"
        when = card.locator(".when")
        assert when.text_content() == "30 Khordad 1360 SH (20 June 1981)"
        assert visit.errors == []
    finally:
        visit.close()


@pytest.mark.browser
def test_a_word_only_in_a_translation_finds_its_event(multilingual_page: str, browser: Any) -> None:
    visit = Visit(browser, multilingual_page)
    page = visit.page
    try:
        # 'struggle' is only in the German account's translation ("armed struggle")
        page.fill("input[type=search]", "struggle")
        page.press("input[type=search]", "Enter")
        visit.settle()
        assert page.locator(".status").text_content() == "Showing 1 of 5 events."
        titles = [b for b in visit.boxes() if b["title"]]
        assert [b["text"] for b in titles] == ["The armed conflict with the Islamic Republic…"]
        plot = page.locator(".plot").bounding_box()
        view = page.viewport_size
        box = titles[0]
        assert plot["x"] <= box["x"] and box["x"] + box["w"] <= min(
            plot["x"] + plot["width"], view["width"]
        )
        assert box["y"] >= 0 and box["y"] + box["h"] <= view["height"]
        # Enter selects the first match: its accounts, with the translation, are in view
        assert page.locator(".panel .panel-title").text_content().startswith("The armed")
        assert inside_viewport(page, ".panel .translation")
        page.wait_for_timeout(100)  # the table follows a frame later
        shown = page.locator(".events-table tbody:not([hidden])")
        assert shown.count() == 1
        assert shown.get_attribute("data-event-id") == "armed-struggle"
        # the Persian account's translation finds both its events
        page.fill("input[type=search]", "organisation")
        visit.settle()
        assert page.locator(".status").text_content() == "Showing 2 of 5 events."
        assert visit.errors == []
    finally:
        visit.close()
