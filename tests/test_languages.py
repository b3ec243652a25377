"""Other calendars and other languages: Jalali and Hijri dates, language codes, detection."""

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from chronology.calendars import CalendarDate, CalendarError
from chronology.cli import app
from chronology.languages import extract
from chronology.languages.detect import language_of

DCT = dt.date(2018, 7, 1)


def spans(text: str, language: str | None = None) -> list[tuple[str, str]]:
    return [(m.text, m.value) for m in extract(text, DCT, language=language)]


# --- calendars ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("calendar", "stated", "edtf"),
    [
        ("jalali", "1360-03-30", "1981-06-20"),
        ("jalali", "1360-03", "1981-05-22/1981-06-21"),
        ("jalali", "1360", "1981-03-21/1982-03-20"),
        ("jalali", "1403-12-30", "2025-03-20"),
        ("hijri", "1400-01-01", "1979-11-20"),
        ("hijri", "1400-09", "1980-07-13/1980-08-11"),
        ("hijri", "1200-01-01", "1785-11-04"),
    ],
)
def test_a_date_of_another_calendar_is_the_gregorian_interval_it_states(calendar, stated, edtf):
    assert CalendarDate.parse(calendar, stated).edtf == edtf


def test_a_day_that_does_not_exist_is_refused_with_the_reason():
    with pytest.raises(CalendarError) as err:
        CalendarDate.parse("jalali", "1402-12-30")
    assert str(err.value) == "no such jalali date 1402-12-30: Esfand 1402 has 29 days"
    with pytest.raises(CalendarError, match="unknown calendar 'julian'"):
        CalendarDate.parse("julian", "1360")


def test_transliterated_dates_in_english_text():
    text = (
        "On 30 Khordad 1360 the conflict began; Khordad 30, 1360, is 20 June 1981. "
        "1 Muharram 1400 AH fell in November 1979, Ramadan 1400 AH in the summer of 1980."
    )
    assert spans(text, "en") == [
        ("30 Khordad 1360", "1981-06-20"),
        ("Khordad 30, 1360", "1981-06-20"),
        ("20 June 1981", "1981-06-20"),
        ("1 Muharram 1400 AH", "1979-11-20"),
        ("November 1979", "1979-11"),
        ("Ramadan 1400 AH", "1980-07-13/1980-08-11"),
        ("the summer of 1980", "1980-SU"),
    ]


def test_a_calendar_date_that_does_not_exist_is_skipped_not_guessed():
    assert [m for m in spans("on 31 Esfand 1402 nothing", "en") if "Esfand" in m[0]] == []
    assert spans("در ۳۱ اسفند ۱۴۰۲ هیچ", "fa") == []


# --- languages ------------------------------------------------------------------------------


def test_french_german_spanish_dates_with_their_anchors():
    assert spans("En juin 1981, deux ans plus tard, l'année dernière, il y a trois ans.", "fr") == [
        ("juin 1981", "1981-06"),
        ("deux ans plus tard", "1983"),
        ("l'année dernière", "2017"),
        ("il y a trois ans", "2015"),
    ]
    assert spans("Am 20. Juni 1981 begann es. Zwei Jahre später, in den 1980er Jahren.", "de") == [
        ("20. Juni 1981", "1981-06-20"),
        ("Zwei Jahre später", "1983"),
        ("1980er Jahren", "198X"),
    ]
    assert spans("El 20 de junio de 1981 comenzó, hace tres años; el mar no.", "es") == [
        ("20 de junio de 1981", "1981-06-20"),
        ("hace tres años", "2015"),
    ]


def test_persian_and_arabic_digits_and_offsets_in_right_to_left_text():
    text = "\u200fدر ۳۰ خرداد ۱۳۶۰ مجاهدین. در سال ۱۳۴۴ و در ۱۵ شهریور؛ ۶ سپتامبر ۱۹۶۵."
    mentions = extract(text, DCT, language="fa")
    assert [(m.text, m.value) for m in mentions] == [
        ("۳۰ خرداد ۱۳۶۰", "1981-06-20"),
        ("۱۳۴۴", "1965-03-21/1966-03-20"),
        ("۱۵ شهریور", "1965-09-06"),
        ("۶ سپتامبر ۱۹۶۵", "1965-09-06"),
    ]
    assert all(text[m.start : m.end] == m.text for m in mentions)
    assert mentions[2].anchor == "stated year 1344 SH"
    assert mentions[0].date is not None and mentions[0].date.edtf == "1981-06-20"
    arabic = "في ٢٠ حزيران ١٩٨١ و 1 محرم 1400 هـ، عام 1965."
    assert spans(arabic, "ar") == [
        ("٢٠ حزيران ١٩٨١", "1981-06-20"),
        ("1 محرم 1400 هـ", "1979-11-20"),
        ("1965", "1965"),
    ]


def test_language_is_detected_when_absent_and_short_text_reads_as_english():
    assert language_of("En juin 1981, deux ans plus tard, le groupe s'installe en France.") == "fr"
    assert language_of("در ۳۰ خرداد ۱۳۶۰ مجاهدین خلق علیه جمهوری اسلامی") == "fa"
    assert language_of("on Monday") is None
    assert spans("En juin 1981, deux ans plus tard, le groupe s'installe en France.")[0] == (
        "juin 1981",
        "1981-06",
    )


WIRE = (
    "Israeli Prime Minister Benjamin Netanyahu says considerable gaps remain between Israeli "
    "and Palestinian positions before next week's talks in London. He and Palestinian leader "
    "Yasser Arafat meet separately Monday with US Secretary of State Madeleine Albright. At a "
    "news conference with US Vice President Al Gore in Jerusalem, Mr. Netanyahu said Israel "
    "might move a little on issues holding up peace, but expects an equal effort from "
    "Palestinians. Mr. Gore called on Israel to keep taking risks for peace."
)
GERMAN = (
    "Der israelische Ministerpräsident Benjamin Netanjahu sagt, zwischen den Positionen "
    "Israels und der Palästinenser gebe es vor den Gesprächen in London in der nächsten Woche "
    "noch erhebliche Lücken. Er und Palästinenserführer Jassir Arafat treffen sich am Montag "
    "getrennt mit der amerikanischen Außenministerin Madeleine Albright in London."
)


def test_names_do_not_hide_english_and_german_still_goes_to_the_detector(monkeypatch):
    from chronology.languages import detect

    asked: list[str] = []
    real = detect._detector

    class Spy:
        def compute_language_confidence_values(self, sample: str) -> object:
            asked.append(sample)
            return real().compute_language_confidence_values(sample)

    monkeypatch.setattr(detect, "_detector", Spy)
    assert language_of(WIRE) == "en"
    assert asked == []  # wire copy, a third of it names, is plainly English
    assert language_of(GERMAN) == "de"
    assert len(asked) == 1  # its nouns are capitalised, its other words are not English


def test_stdin_language_is_used_and_a_bad_one_is_located():
    lines = [
        {"id": "fr", "text": "Le 20 juin 1981.", "language": "fr"},
        {"id": "bad", "text": "Le 20 juin 1981.", "language": "french"},
    ]
    result = CliRunner().invoke(
        app,
        ["extract", "--stdin", "-f", "jsonl"],
        input="".join(json.dumps(x) + "\n" for x in lines),
    )
    assert result.exit_code == 1
    assert [json.loads(x)["value"] for x in result.stdout.splitlines()] == ["1981-06-20"]
    assert result.stderr.splitlines() == [
        "<stdin>:2: 'language' must be an ISO 639-1 code such as en, fr, de, es, ar or fa, "
        'got "french"'
    ]


def test_a_source_language_must_be_a_known_code():
    from pydantic import ValidationError

    from chronology.model import Source

    base = {"id": "a", "document": "a.txt", "title": "t", "outlet": "o", "published": "2018"}
    base["stance"] = "critical"
    assert Source.model_validate({**base, "language": "fa"}).language == "fa"
    with pytest.raises(ValidationError, match="unknown language 'farsi': use an ISO 639-1 code"):
        Source.model_validate({**base, "language": "farsi"})


# --- gold ----------------------------------------------------------------------------------

LANGUAGES = Path(__file__).parent / "data" / "languages"


@pytest.mark.parametrize("path", sorted(LANGUAGES.rglob("*.tml")), ids=lambda p: p.name)
def test_language_gold_is_valid_timeml_with_enough_timexes(path: Path):
    from chronology.dates import DateValue
    from chronology.evaluate import read_timeml

    document = read_timeml(path)
    assert document.language == path.name[:2]
    assert len(document.timexes) >= (20 if path.parent.name == "heldout" else 40)
    for timex in document.timexes:
        assert timex.text.strip() == timex.text and timex.text
        if timex.type in ("DATE", "TIME") and not timex.value.endswith("_REF"):
            # a Solar Hijri or Islamic month or year is the EDTF interval of days it covers
            if "/" in timex.value:
                assert DateValue.parse(timex.value).precision == "interval", timex
            else:
                assert DateValue.from_timex(timex.value) is not None, timex


_PIECES = [
    "20",
    "۳۰",
    "٢٠",
    "1981",
    "۱۳۶۰",
    "١٩٨١",
    " ",
    ".",
    ",",
    "-",
    "\u200c",
    "\u200f",
    "\n",
    "juin",
    "Juni",
    "junio",
    "حزيران",
    "خرداد",
    "Khordad",
    "محرم",
    "AH",
    "هـ",
    "de",
    "au",
    "il y a",
    "deux",
    "ans",
    "vor",
    "Jahren",
    "plus tard",
    "mi-",
    "سال",
    "پیش",
    "قبل",
    "é",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(_PIECES) | st.text(max_size=3), max_size=30).map("".join),
    st.sampled_from(["en", "fr", "de", "es", "ar", "fa"]),
    st.sampled_from([None, dt.date(2020, 2, 29)]),
)
def test_any_text_in_any_language_gives_exact_slices_and_no_error(text, language, dct):
    for m in extract(text, dct, language=language):
        assert text[m.start : m.end] == m.text
        assert m.text in m.sentence or len(m.sentence) >= 1000


@pytest.mark.parametrize(
    ("stated", "nowruz_or_day"),
    [
        ("1403-01-01", "2024-03-20"),
        ("1404-01-01", "2025-03-21"),  # after the leap year 1403
        ("1403-12-30", "2025-03-20"),
        ("1357-11-22", "1979-02-11"),
    ],
)
def test_solar_hijri_days_fall_where_the_iranian_calendar_puts_them(stated, nowruz_or_day):
    assert CalendarDate.parse("jalali", stated).edtf == nowruz_or_day


def test_persian_short_years_and_month_words_and_arabic_clitics():
    assert spans("انقلاب در ۲۲ بهمن ۵۷ پیروز شد؛ در خردادماه ۱۳۶۰ و ۳۰ خرداد ۶۰.", "fa") == [
        ("۲۲ بهمن ۵۷", "1979-02-11"),
        ("خردادماه ۱۳۶۰", "1981-05-22/1981-06-21"),
        ("۳۰ خرداد ۶۰", "1981-06-20"),
    ]
    assert spans("ومنذ ثلاث سنوات، وأمس، والعام الماضي، وفي 2003/6/17.", "ar") == [
        ("منذ ثلاث سنوات", "2015"),
        ("أمس", "2018-06-30"),
        ("العام الماضي", "2017"),
        ("2003/6/17", "2003-06-17"),
    ]


def test_year_words_first_days_clock_digits_eras_and_letter_variants():
    # "سال" between a Solar Hijri month and its year; "اول": the first day; a clock time in
    # Persian digits, on the day just stated
    assert spans("کودتای ۲۸ مرداد سال ۱۳۳۲ و اول فروردین ۱۳۵۸ و اول آوریل ۱۹۷۹", "fa") == [
        ("۲۸ مرداد سال ۱۳۳۲", "1953-08-19"),
        ("اول فروردین ۱۳۵۸", "1979-03-21"),
        ("اول آوریل ۱۹۷۹", "1979-04-01"),
    ]
    assert spans("۴ سپتامبر ۲۰۲۳، ساعت ۰۹:۳۴ (UTC) و ساعت ۲۵:۷۰", "fa") == [
        ("۴ سپتامبر ۲۰۲۳", "2023-09-04"),
        ("۰۹:۳۴ (UTC)", "2023-09-04T09:34"),
    ]
    # the era written onto the year, veh for feh, an English date quoted in Arabic text; a
    # Hijri year with "عام" before it
    assert spans("من عام 1299م إلى 1 نوڤمبر 1922م، signed 8 May 1916، رمضان عام 1393 هـ", "ar") == [
        ("1299م", "1299"),
        ("1 نوڤمبر 1922م", "1922-11-01"),
        ("8 May 1916", "1916-05-08"),
        ("رمضان عام 1393 هـ", "1973-09-27/1973-10-26"),
    ]


def test_a_year_word_or_wikitext_links_between_a_day_month_and_its_year():
    assert spans("في 28 يونيو عام 1914 و5 مارس سنة 1967م", "ar") == [
        ("28 يونيو عام 1914", "1914-06-28"),
        ("5 مارس سنة 1967م", "1967-03-05"),
    ]
    assert spans("در ۲۸ ژوئن سال ۱۹۸۱", "fa") == [("۲۸ ژوئن سال ۱۹۸۱", "1981-06-28")]
    assert spans("في [[28 يونيو]] عام [[1914]]م", "ar") == [("28 يونيو]] عام [[1914", "1914-06-28")]
    assert spans("le [[14 juillet]] [[1789]]", "fr") == [("14 juillet]] [[1789", "1789-07-14")]


def test_years_of_three_digits_with_their_era():
    text = "من 622 م إلى 632 م، في بدر عام 624، (الموافق 13 مارس 624م)"
    assert spans(text, "ar") == [
        ("622 م", "0622"),
        ("632 م", "0632"),
        ("13 مارس 624م", "0624-03-13"),
    ]
    assert spans("در سال ۱۳۵۰ میلادی و ۱۳۵۰", "fa") == [
        ("۱۳۵۰ میلادی", "1350"),
        ("۱۳۵۰", "1971-03-21/1972-03-20"),
    ]


def test_ottoman_rumi_dates_are_julian_days_until_1917():
    from chronology.calendars import rumi_to_gregorian

    assert rumi_to_gregorian(1325, 3, 31) == dt.date(1909, 4, 13)
    assert rumi_to_gregorian(1332, 2, 15) == dt.date(1917, 2, 28)  # the last Julian day
    assert rumi_to_gregorian(1333, 3, 1) == dt.date(1917, 3, 1)  # then Gregorian days
    assert rumi_to_gregorian(1334, 1, 5) == dt.date(1919, 1, 5)
    with pytest.raises(ValueError):
        rumi_to_gregorian(1325, 2, 30)
    text = "وكان هذا في 31 مارس 1325 رومي / 13 نيسان 1909 ميلادي، لا في 30 فبراير 1325 رومي"
    assert spans(text, "ar") == [
        ("31 مارس 1325 رومي", "1909-04-13"),
        ("13 نيسان 1909 ميلادي", "1909-04-13"),
    ]


def test_centuries_in_words_but_not_those_of_another_calendar():
    text = "انقلاب‌های قرن بیستم، نه قرن چهاردهم خورشیدی؛ سده نوزدهم"
    assert spans(text, "fa") == [("قرن بیستم", "19"), ("سده نوزدهم", "18")]
    text = "في القرن العشرين لا القرن الرابع عشر الهجري، والقرن التاسع عشر، القرن السابع الميلادي"
    assert spans(text, "ar") == [
        ("القرن العشرين", "19"),
        ("القرن التاسع عشر", "18"),
        ("القرن السابع", "06"),
    ]


def test_an_account_may_state_its_date_in_the_islamic_calendar():
    from chronology.model import Account

    account = Account.model_validate(
        {"source": "s", "calendar": "hijri", "date": "1400-09", "quote": "في رمضان 1400"}
    )
    assert account.date.edtf == "1980-07-13/1980-08-11"
    assert account.stated is not None and account.stated.describe() == "Ramadan 1400 AH"
    assert Account.model_validate({"source": "s", "date": "1981", "quote": "q"}).stated is None
