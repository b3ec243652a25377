"""Dates in French, German, Spanish, Arabic, Persian and every language dateparser knows.

The candidate finder is built from dateparser's data for the language (month and weekday
names, the words for year/month/week/day, "ago" and "in", the canonical English meaning of its
relative phrases such as "l'année dernière" -> "1 year ago", its number words) and compiled into
one regex, like the English rules: the text is scanned once, in C, and each match already knows
which part is the day, the month and the year. dateparser's data is the normaliser: a name is
looked up in its tables, a relative phrase is resolved from its canonical meaning. Running
dateparser's own ``search_dates`` as the scanner instead would be slower by orders of
magnitude and noisier (it reads "mar" in "el mar" as March).

What dateparser has no data for is spelled once below, per language (``SUPPLEMENTS``): the
connecting words of anaphoric phrases ("deux ans plus tard"), decades ("les années 1980"), the
Levantine month names of Arabic and the number words it lacks. Solar Hijri and Islamic dates in
the language's own script come from ``chronology.languages.calendar_dates``.

Persian and Arabic-Indic digits are read everywhere a digit is, and offsets are into the text as
read, whatever its direction.
"""

from __future__ import annotations

import calendar as gregorian
import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from typing import TypeVar

from chronology.dates import DateValue
from chronology.extract import Mention
from chronology.languages import calendar_dates, script
from chronology.languages.found import Found, mentions, without_overlaps

_T = TypeVar("_T")
MONTH_KEYS = (
    *("january", "february", "march", "april", "may", "june"),
    *("july", "august", "september", "october", "november", "december"),
)
WEEKDAY_KEYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
UNIT_KEYS = {"year": "Y", "month": "M", "week": "W", "day": "D", "hour": "TH", "minute": "TM"}


@dataclass(frozen=True)
class Supplement:
    """What dateparser's data lacks for a language, spelled once."""

    numbers: dict[str, int] = field(default_factory=dict)
    months: dict[str, int] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)  # plurals dateparser lacks
    later: tuple[str, ...] = ()  # after "NUM UNIT": counts forward from the last stated date
    earlier: tuple[str, ...] = ()  # after "NUM UNIT": counts back from it
    before_later: tuple[str, ...] = ()  # before "NUM UNIT": "بعد عامين", "پس از دو سال"
    following: dict[str, tuple[str, int]] = field(default_factory=dict)  # "l'année suivante"
    relative: dict[str, tuple[str, int]] = field(default_factory=dict)  # deictic phrases it lacks
    clitics: str = ""  # letters written onto the next word ("ومنذ": "and since")
    decade_starts: tuple[str, ...] = ()  # the words a decade can start with ("les années")
    decade: str | None = None  # a regex whose group decade_y (or decade_z) holds its first year
    exclude: tuple[str, ...] = ()  # names too ambiguous to read alone ("mar" is the sea)
    ranges: tuple[str, ...] = ()  # "du 5 au 9 juillet", "entre août et décembre 1993"
    first_day: tuple[str, ...] = ()  # "premier juillet 2001": the first of the month
    quarters: dict[str, int] = field(default_factory=dict)  # ordinal word -> quarter
    quarter: str = "(?!)"  # the word for a quarter of a year
    mods: dict[str, str] = field(default_factory=dict)  # "mi-", "Anfang": TIMEX3 mod
    mod_join: str = ""  # a regex between a part-of word and its month ("début du mois de")
    articles: tuple[str, ...] = ()  # before the second day of a range ("du 2 au 5 juillet")
    year_words: tuple[str, ...] = ()  # between a month and its year: "de l'an 2000"
    vague: tuple[str, ...] = ()  # "quelques semaines": an unknown number (PXW)
    present: tuple[str, ...] = ()  # "actuellement": PRESENT_REF
    past: tuple[str, ...] = ()  # "récemment": PAST_REF
    that_date: tuple[str, ...] = ()  # "à partir de cette date": the date last stated
    quantity: tuple[str, ...] = ()  # "plus de 1500": a number, not a year
    century: tuple[str, ...] = ()  # the word for a century ("قرن", "القرن")
    centuries: dict[str, int] = field(default_factory=dict)  # its ordinals: "بیستم" -> 20


SUPPLEMENTS: dict[str, Supplement] = {
    "fr": Supplement(
        later=("plus tard", "après"),
        earlier=("plus tôt", "auparavant", "avant"),
        following={
            "l'année suivante": ("Y", 1),
            "l'année précédente": ("Y", -1),
            "le mois suivant": ("M", 1),
            "le lendemain": ("D", 1),
            "la veille": ("D", -1),
        },
        decade=r"(?:les\s+)?années\s+(?P<decade_y>{D}{{4}})",
        decade_starts=("les", "années"),
        exclude=("mar", "mer", "jeu", "sam", "dim", "lu", "ma", "me", "je", "ve", "sa", "di"),
        ranges=("au", "à", "et", "-", "–"),
        first_day=("premier",),
        quarters={"premier": 1, "deuxième": 2, "second": 2, "troisième": 3, "quatrième": 4},
        quarter="trimestre",
        mods={"mi-": "MID", "début": "START", "fin": "END", "courant": "MID"},
        mod_join=r"(?:(?:du|de|des)\s+(?:mois\s+(?:de\s+|d['’]))?)?",
        articles=("le",),
        year_words=("de l'an", "de l'année"),
        vague=("quelques", "plusieurs"),
        present=("actuellement", "de nos jours", "à l'heure actuelle", "à présent"),
        past=("récemment", "dernièrement", "naguère", "jadis", "autrefois"),
        that_date=("cette date", "ce jour-là", "ce jour"),
        quantity=("plus de", "moins de", "environ", "près de", "quelque"),
    ),
    "de": Supplement(
        later=("später", "danach"),
        earlier=("früher", "zuvor", "davor"),
        following={
            "im folgenden jahr": ("Y", 1),
            "im darauffolgenden jahr": ("Y", 1),
            "im jahr darauf": ("Y", 1),
            "im vorjahr": ("Y", -1),
            "am folgenden tag": ("D", 1),
            "am nächsten tag": ("D", 1),
            "tags darauf": ("D", 1),
        },
        decade=r"(?P<decade_y>{D}{{4}})er(?:\s+jahren?)?",
        exclude=("mi", "do", "fr", "sa", "so", "mo", "di"),
        ranges=("bis", "und", "-", "–"),
        quarters={"ersten": 1, "zweiten": 2, "dritten": 3, "vierten": 4},
        quarter="quartal",
        mods={"mitte": "MID", "anfang": "START", "ende": "END", "beginn": "START"},
        articles=("den", "zum"),
        year_words=("des jahres",),
        vague=("wenigen", "wenige", "einigen", "einige", "mehreren", "mehrere"),
        present=("zurzeit", "derzeit", "heutzutage", "gegenwärtig", "momentan"),
        past=("kürzlich", "vor kurzem", "kurz vorher", "kurz zuvor", "neulich", "einst"),
        that_date=("diesem zeitpunkt", "diesem tag", "jenem tag", "diesem datum"),
        quantity=("mehr als", "über", "etwa", "rund", "fast", "knapp", "weniger als"),
    ),
    "es": Supplement(
        numbers={
            "dos": 2,
            "tres": 3,
            "cuatro": 4,
            "cinco": 5,
            "seis": 6,
            "siete": 7,
            "ocho": 8,
            "nueve": 9,
            "diez": 10,
            "once": 11,
            "doce": 12,
            "quince": 15,
            "veinte": 20,
        },
        later=("después", "más tarde"),
        earlier=("antes",),
        following={
            "al año siguiente": ("Y", 1),
            "el año siguiente": ("Y", 1),
            "el año anterior": ("Y", -1),
            "al día siguiente": ("D", 1),
            "el día siguiente": ("D", 1),
            "al mes siguiente": ("M", 1),
        },
        decade_starts=("la", "década", "los", "años"),
        decade=r"(?:la\s+)?década\s+de\s+(?:los\s+)?(?P<decade_y>{D}{{4}})|(?:los\s+)?años\s+(?P<decade_z>{D}{{4}})",
        exclude=("mar", "mie", "jue", "sab", "dom", "lu", "ma", "mi", "ju", "vi", "sa", "do"),
        ranges=("al", "a", "y", "-", "–"),
        first_day=("primero",),
        quarters={"primer": 1, "segundo": 2, "tercer": 3, "cuarto": 4},
        quarter="trimestre",
        mods={
            "mediados de": "MID",
            "principios de": "START",
            "comienzos de": "START",
            "finales de": "END",
            "fines de": "END",
        },
        year_words=("del año",),
        articles=("el",),
        vague=("algunas", "algunos", "unos", "unas", "varios", "varias"),
        present=("actualmente", "hoy en día", "en la actualidad"),
        past=("recientemente", "últimamente", "antiguamente"),
        that_date=("esta fecha", "esa fecha", "ese día", "aquel día"),
        quantity=("más de", "menos de", "cerca de", "unos", "casi"),
    ),
    "ar": Supplement(
        numbers={
            "واحد": 1,
            "اثنين": 2,
            "اثنان": 2,
            "ثلاث": 3,
            "ثلاثة": 3,
            "أربع": 4,
            "أربعة": 4,
            "خمس": 5,
            "خمسة": 5,
            "ست": 6,
            "ستة": 6,
            "سبع": 7,
            "سبعة": 7,
            "ثماني": 8,
            "ثمانية": 8,
            "تسع": 9,
            "تسعة": 9,
            "عشر": 10,
            "عشرة": 10,
        },
        months={
            "كانون الثاني": 1,
            "شباط": 2,
            "آذار": 3,
            "نيسان": 4,
            "أيار": 5,
            "حزيران": 6,
            "تموز": 7,
            "آب": 8,
            "أيلول": 9,
            "إيلول": 9,
            "تشرين الأول": 10,
            "تشرين الثاني": 11,
            "كانون الأول": 12,
        },
        units={"سنوات": "Y", "أعوام": "Y", "أشهر": "M", "شهور": "M", "أسابيع": "W"},
        relative={
            "العام الماضي": ("Y", -1),
            "العام المقبل": ("Y", 1),
            "العام القادم": ("Y", 1),
            "الشهر المقبل": ("M", 1),
            "الأسبوع المقبل": ("W", 1),
        },
        clitics="وفبلك",
        before_later=("بعد",),
        ranges=("و", "إلى", "حتى", "-", "–"),
        mods={"منتصف": "MID", "أوائل": "START", "بداية": "START", "أواخر": "END", "نهاية": "END"},
        year_words=("عام", "سنة"),
        vague=("عدة", "بضعة", "بضع"),
        present=("حاليا", "حالياً", "في الوقت الحاضر"),
        past=("مؤخرا", "مؤخراً", "سابقا", "سابقاً"),
        that_date=("ذلك اليوم", "ذلك التاريخ", "هذا التاريخ"),
        first_day=("أول",),
        century=("القرن", "قرن"),
        centuries={
            "الأول": 1,
            "الثاني": 2,
            "الثالث": 3,
            "الرابع": 4,
            "الخامس": 5,
            "السادس": 6,
            "السابع": 7,
            "الثامن": 8,
            "التاسع": 9,
            "العاشر": 10,
            "الحادي عشر": 11,
            "الثاني عشر": 12,
            "الثالث عشر": 13,
            "الرابع عشر": 14,
            "الخامس عشر": 15,
            "السادس عشر": 16,
            "السابع عشر": 17,
            "الثامن عشر": 18,
            "التاسع عشر": 19,
            "العشرين": 20,
            "الحادي والعشرين": 21,
            "الحادي و العشرين": 21,
        },
        quantity=("أكثر من", "نحو", "حوالي", "قرابة"),
        following={"العام التالي": ("Y", 1), "في العام التالي": ("Y", 1)},
    ),
    "fa": Supplement(
        numbers={
            "یک": 1,
            "دو": 2,
            "سه": 3,
            "چهار": 4,
            "پنج": 5,
            "شش": 6,
            "هفت": 7,
            "هشت": 8,
            "نه": 9,
            "ده": 10,
        },
        before_later=("پس از", "بعد از"),
        later=("بعد",),
        ranges=("تا", "و", "-", "–"),
        mods={"اواسط": "MID", "اوایل": "START", "اواخر": "END"},
        year_words=("سال",),
        vague=("چند",),
        present=("هم‌اکنون", "اکنون", "امروزه", "در حال حاضر"),
        past=("اخیرا", "اخیراً", "پیشتر"),
        that_date=("آن روز", "آن تاریخ", "این تاریخ"),
        first_day=("اول", "یکم"),
        century=("قرن", "سده"),
        centuries={
            "اول": 1,
            "دوم": 2,
            "سوم": 3,
            "چهارم": 4,
            "پنجم": 5,
            "ششم": 6,
            "هفتم": 7,
            "هشتم": 8,
            "نهم": 9,
            "دهم": 10,
            "یازدهم": 11,
            "دوازدهم": 12,
            "سیزدهم": 13,
            "چهاردهم": 14,
            "پانزدهم": 15,
            "شانزدهم": 16,
            "هفدهم": 17,
            "هجدهم": 18,
            "هیجدهم": 18,
            "نوزدهم": 19,
            "بیستم": 20,
            "بیست و یکم": 21,
        },
        quantity=("بیش از", "حدود", "نزدیک به"),
        following={"سال بعد": ("Y", 1), "سال قبل": ("Y", -1), "روز بعد": ("D", 1)},
    ),
}
# the words after a century or a year of the Solar Hijri or Islamic calendar
OTHER_ERAS = "خورشیدی|شمسی|هجری|قمری|الهجري|هجري|للهجرة|ه\\.ش|ه\\.ق|هـ"
GREGORIAN_ERA = "میلادی|ميلادي|ميلادية|م"  # "1979 میلادی", "1517م": the Common Era, spelled out
_NO_JOIN = {"et", "und", "y", "e", "and", "و", "عام", "environ", "etwa", "cerca", "uhr", "um"}


def supports(code: str) -> bool:
    """Whether dateparser has data for ``code`` (so its rules can be built)."""
    from chronology.languages import is_known

    return is_known(code)


@dataclass(frozen=True)
class Rules:
    """One language's compiled finder and the tables its matches are read with."""

    code: str
    pattern: re.Pattern[str]
    finder: re.Pattern[str]  # where a match can start: a digit or a word of the vocabulary
    months: dict[str, int]
    units: dict[str, str]
    numbers: dict[str, int]
    relative: dict[str, tuple[str, int]]
    following: dict[str, tuple[str, int]]
    later: frozenset[str]
    persian: bool
    first_day: frozenset[str]
    quarters: dict[str, int]
    mods: dict[str, str]
    vague: frozenset[str]
    present: frozenset[str]
    quantity: re.Pattern[str] | None
    clitics: str
    centuries: dict[str, int]


def _info(code: str) -> dict[str, object]:
    from dateparser.languages.loader import default_loader

    return default_loader.get_locale(code).info  # type: ignore[no-any-return]


def _names(info: dict[str, object], key: str) -> list[str]:
    value = info.get(key) or []
    return [str(v) for v in value] if isinstance(value, list) else []


@functools.cache
def rules(code: str) -> Rules:
    """The rules for language ``code``, built once per process from dateparser's data."""
    info = _info(code)
    extra = SUPPLEMENTS.get(code, Supplement())
    D = script.DIGIT

    def usable(name: str) -> bool:
        return len(name) >= 3 and name.lower() not in extra.exclude

    months = {n: i for i, k in enumerate(MONTH_KEYS, 1) for n in _names(info, k)}
    months = {n: i for n, i in months.items() if usable(n)}  # spellings: the regexes use them
    months.update({n: i for n, i in extra.months.items()})
    if code != "en":
        # any text quotes English often enough ("On July 11th, 2000" in a French history, a
        # file named "signed 8 May 1916" in an Arabic article): English month names are read
        # too, where a day or a year stands beside them
        english = _info("en")
        for i, key in enumerate(MONTH_KEYS, 1):
            for name in _names(english, key):
                if usable(name):
                    months.setdefault(name, i)
    weekdays = [n for k in WEEKDAY_KEYS for n in _names(info, k) if usable(n)]
    units = {n: u for k, u in UNIT_KEYS.items() for n in _names(info, k) if len(n) > 1}
    units.update({n: u for n, u in extra.units.items()})
    numbers = {n: i for n, i in extra.numbers.items()}
    for simplification in info.get("simplifications") or []:  # type: ignore[attr-defined]
        for word, digits in simplification.items():
            if re.fullmatch(r"[^\W\d_]+", word) and digits.isdigit():
                numbers[word] = int(digits)
    present = {w for w in extra.present}
    for phrase in (info.get("relative-type") or {}).get("0 second ago", []):  # type: ignore[attr-defined]
        present.add(phrase)
    relative: dict[str, tuple[str, int]] = dict(extra.relative)
    for meaning, phrases in (info.get("relative-type") or {}).items():  # type: ignore[attr-defined]
        m = re.fullmatch(r"(in )?(\d+) (year|month|week|day) ?(ago)?", meaning)
        if m:
            n = int(m.group(2)) * (1 if m.group(1) else -1)
            for phrase in phrases:
                relative[phrase] = (UNIT_KEYS[m.group(3)], n)
    following = {k: v for k, v in extra.following.items()}
    joiners = [w for w in _names(info, "skip") if re.fullmatch(r"[^\W\d_]{2,}", w)]
    joiners = [w for w in joiners if w.lower() not in _NO_JOIN]

    mod = (
        rf"(?:(?P<{{k}}_mod>{script.alternation(extra.mods)})[\s-]*"
        rf"{extra.mod_join})?"
        if extra.mods
        else ""
    )
    month = rf"(?<!\w)(?:{script.alternation(months)})(?!\w)"
    weekday = rf"(?<!\w)(?:{script.alternation(weekdays)})(?!\w)"
    # wikitext links may close and open between the parts: "[[28 يونيو]] عام [[1914]]"
    gap = r"(?:[\s,]|\]\]|\[\[)*"
    join = rf"(?:{gap}(?:(?:{script.alternation(joiners)})\s+)?)" if joiners else gap
    year_join = (
        rf"(?:{gap}(?:(?:{script.alternation([*joiners, *extra.year_words])}){gap})?)"
        if joiners or extra.year_words
        else join
    )
    ranges = script.alternation(extra.ranges) if extra.ranges else "-|–"
    articles = script.alternation(extra.articles) if extra.articles else "(?!)"
    first = rf"|(?<!\w)(?:{script.alternation(extra.first_day)})(?!\w)" if extra.first_day else ""
    # a day is not part of a dotted number ("4.13.1. Juillet 2000" is a section, then a month)
    day = (
        rf"(?:(?<!{D})(?<!{D}[.,])(?:3[01]|[12]\d|0?[1-9]|{D}{{1,2}})(?!{D}|[.,]{D})"
        rf"(?:er|st|nd|rd|th|\.|º|°)?{first})"
    )
    year_first = "(?:1[5-9]|20)" if code == "fa" else "(?:1\\d|20)"
    year = rf"(?<![\w.,/-]){year_first}\d\d(?![\w%]|[.,/]\d)"
    if code in ("ar", "fa"):
        # "1517م": the Gregorian era may be written onto the year
        # a year of three digits only with its era ("632 م"): the years of early Islam
        year = (
            rf"(?<![\w.,/-])(?:{year_first}\d\d|{D}{{4}}|{D}{{3}}(?=\s*(?:{GREGORIAN_ERA})(?!\w)))"
            rf"(?:(?![\w%]|[.,/]{D})|(?=(?:{GREGORIAN_ERA})(?!\w)))"
        )
    words = [*numbers, *extra.vague]
    number = (
        rf"(?:{D}{{1,3}}|(?<!\w)(?:{script.alternation(words)})(?!\w))" if words else rf"{D}{{1,3}}"
    )
    unit = rf"(?:{script.alternation(units)})(?!\w)"
    ago = _names(info, "ago")
    ago_rx = script.alternation(ago) if ago else "(?!)"
    later_rx = script.alternation([*extra.later, *extra.earlier]) if extra.later else "(?!)"
    before_later = script.alternation(extra.before_later) if extra.before_later else "(?!)"
    relative_rx = script.alternation([*relative, *following]) if relative else "(?!)"
    decade = extra.decade.format(D=D) if extra.decade else "(?!)"
    gregorian_era = rf"(?:\s*(?P<{{k}}_era>{GREGORIAN_ERA})(?!\w))?"
    present_rx = script.alternation(present) if present else "(?!)"
    century_word = script.alternation(extra.century) if extra.century else "(?!)"
    century_ordinals = script.alternation(extra.centuries) if extra.centuries else "(?!)"
    past_rx = script.alternation(extra.past) if extra.past else "(?!)"
    that_rx = script.alternation(extra.that_date) if extra.that_date else "(?!)"
    quarters = script.alternation(extra.quarters) if extra.quarters else "(?!)"
    alternatives = {
        "rangedays": rf"(?P<rangedays_a>{day})\s*(?:{ranges})\s*(?:(?:{articles})\s+)?"
        rf"(?P<rangedays_d>{day}){join}(?P<rangedays_m>{month})"
        rf"(?:{year_join}(?P<rangedays_y>{year}))?",
        "rangemonths": rf"(?P<rangemonths_a>{month})\s*(?:{ranges})\s*"
        rf"(?P<rangemonths_m>{month}){year_join}(?P<rangemonths_y>{year})",
        "quarter": rf"(?<!\w)(?P<quarter_q>{quarters})\s+(?:{extra.quarter})(?!\w){year_join}"
        rf"(?P<quarter_y>{year})",
        "present": rf"(?<!\w)(?:{present_rx})(?!\w)",
        "past": rf"(?<!\w)(?:{past_rx})(?!\w)",
        "thatdate": rf"(?<!\w)(?:{that_rx})(?!\w)",
        "clock": rf"(?<!{D})(?<![:.])(?P<clock_h>{D}{{1,2}}):(?P<clock_m>{D}{{2}})(?!{D}|:)"
        r"(?:\s*\(?(?:UTC|GMT|CET|CEST|EET|EEST|IRST|[ECMP][SD]T)(?!\w)\)?)?",
        "date": rf"(?:{weekday}[\s,]+)?(?P<date_d>{day}){join}(?P<date_m>{month}){year_join}"
        rf"(?P<date_y>{year}){gregorian_era.format(k='date')}",
        "mdy": rf"(?P<mdy_m>{month})\s+(?P<mdy_d>{day}),\s*(?P<mdy_y>{year})",
        "numeric": rf"(?<![\d/.-])(?P<numeric_d>{D}{{1,2}})[./](?P<numeric_m>{D}{{1,2}})[./]"
        rf"(?P<numeric_y>{D}{{4}})(?![\d/-]|\.\d)",
        "iso": rf"(?<![\d/.-])(?P<iso_y>{D}{{4}})[-/](?P<iso_m>{D}{{1,2}})[-/]"
        rf"(?P<iso_d>{D}{{1,2}})(?![\d/-]|\.\d)",
        "month": rf"{mod.format(k='month')}(?P<month_m>{month}){year_join}(?P<month_y>{year})"
        rf"{gregorian_era.format(k='month')}",
        "daymonth": rf"(?:{weekday}[\s,]+)?(?P<daymonth_d>{day})\s*(?:de\s+)?"
        rf"(?P<daymonth_m>{month})",
        "decade": rf"(?<!\w)(?:{decade})",
        # "قرن بیستم", "القرن العشرين"; not a century of another calendar ("قرن چهاردهم خورشیدی")
        "century": rf"(?<!\w)(?:{century_word})\s+(?P<century_n>(?>{century_ordinals}))(?!\w)"
        rf"(?![\s\u200c]*(?:{OTHER_ERAS})(?!\w))",
        "relative": rf"(?<!\w)(?P<relative_p>{relative_rx})(?!\w)",
        "agobefore": rf"(?<!\w)(?:{ago_rx})\s+(?P<agobefore_n>{number})\s+(?P<agobefore_u>{unit})",
        "agoafter": rf"(?P<agoafter_n>{number})\s+(?P<agoafter_u>{unit})\s+(?:{ago_rx})(?!\w)",
        "laterbefore": rf"(?<!\w)(?:{before_later})\s+(?P<laterbefore_n>{number})\s+"
        rf"(?P<laterbefore_u>{unit})",
        "later": rf"(?P<later_n>{number})\s+(?P<later_u>{unit})\s+(?P<later_w>{later_rx})(?!\w)",
        "duration": rf"(?P<duration_n>{number})\s+(?P<duration_u>{unit})",
        "year": rf"{mod.format(k='year')}(?P<year_y>{year}){gregorian_era.format(k='year')}",
    }
    pattern = "|".join(f"(?P<{k}>{v})" for k, v in alternatives.items())
    if extra.clitics:  # a word may start after a clitic letter as well as after a non-letter
        pattern = pattern.replace(r"(?<!\w)", rf"(?:(?<!\w)|(?<=(?<!\w)[{extra.clitics}]))")
    vocabulary = [
        *months,
        *weekdays,
        *words,
        *ago,
        *extra.before_later,
        *relative,
        *following,
        *present,
        *extra.past,
        *extra.that_date,
        *extra.quarters,
        *extra.first_day,
        *extra.decade_starts,
        *extra.century,
        *(m.rstrip("-") for m in extra.mods),
    ]
    finder = script.first_characters(vocabulary, digits=True) + (
        rf"(?:{D}+|{script.trie(vocabulary)})"
    )
    return Rules(
        code=code,
        pattern=re.compile(pattern, re.IGNORECASE),
        finder=re.compile(finder, re.IGNORECASE),
        months=_folded(months),
        units=_folded(units),
        numbers=_folded(numbers),
        relative=_folded(relative),
        following=_folded(following),
        later=frozenset(script.fold(w) for w in extra.later),
        persian=code == "fa",
        first_day=frozenset(script.fold(w) for w in extra.first_day),
        quarters={script.fold(w): q for w, q in extra.quarters.items()},
        mods={script.fold(w).rstrip("-"): m for w, m in extra.mods.items()},
        vague=frozenset(script.fold(w) for w in extra.vague),
        present=frozenset(script.fold(p) for p in present),
        clitics=extra.clitics,
        centuries={script.fold(w): n for w, n in extra.centuries.items()},
        quantity=re.compile(rf"(?:{script.alternation(extra.quantity)})\s*$", re.IGNORECASE)
        if extra.quantity
        else None,
    )


def _folded(table: dict[str, _T]) -> dict[str, _T]:
    """A table keyed by spellings, keyed instead by what ``script.fold`` makes of them."""
    return {script.fold(k): v for k, v in table.items()}


@dataclass
class _Ref:
    """The date relative expressions count from, and what it is (for the anchor)."""

    year: int
    month: int | None
    day: int | None
    label: str


def _ref_of(dct: dt.date | DateValue | None) -> _Ref | None:
    if dct is None:
        return None
    if isinstance(dct, dt.date):
        return _Ref(dct.year, dct.month, dct.day, f"publication {dct.isoformat()}")
    lo = dct.earliest
    precise = dct.precision in ("day", "month")
    return _Ref(
        lo.year,
        lo.month if precise else None,
        lo.day if dct.precision == "day" else None,
        f"publication {dct.edtf}",
    )


def _value(ref: _Ref, unit: str, n: int) -> str | None:
    """``ref`` moved by ``n`` units, at the unit's precision (None if ref is too vague)."""
    if unit == "Y":
        return f"{ref.year + n:04d}"
    if ref.month is None:
        return None
    if unit == "M":
        index = ref.year * 12 + ref.month - 1 + n
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    if ref.day is None:
        return None
    day = dt.date(ref.year, ref.month, ref.day) + dt.timedelta(days=n * (7 if unit == "W" else 1))
    if unit == "W":
        iso = day.isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}"
    return day.isoformat()


def _number(rules: Rules, text: str) -> int | None:
    key = script.fold(text)
    if key in rules.numbers:
        return rules.numbers[key]
    try:
        return script.number(key)
    except ValueError:
        return None


def extract(
    text: str,
    dct: dt.date | DateValue | None,
    code: str,
    *,
    doc: str = "",
    source: str | None = None,
) -> list[Mention]:
    """Every temporal expression in ``text``, read with the rules of language ``code``."""
    r = rules(code)
    publication = _ref_of(dct)
    calendar_found = calendar_dates.find(text, persian=r.persian)
    found: list[Found] = calendar_dates.found(calendar_found)
    taken = [(c.start, c.end) for c in calendar_found]
    stated = sorted(
        (c.start, _Ref(*_first_day(c.date.interval()[0], c.date.precision), ""))
        for c in calendar_found
    )
    previous: _Ref | None = None
    floor = 0
    for candidate in r.finder.finditer(text):
        at = candidate.start()
        if at < floor or (at and text[at - 1].isalpha() and not text[at].isdigit()):
            clitic = text[at - 1] in r.clitics and (at < 2 or not text[at - 2].isalpha())
            if at < floor or not clitic:
                continue
        m = r.pattern.match(text, at)
        if m is None:
            continue
        s, e = m.span()
        if any(s < b and e > a for a, b in taken):
            continue
        floor = e
        while stated and stated[0][0] < s:
            previous = stated.pop(0)[1]
        for f, explicit in _read(r, m, text, previous, publication):
            found.append(f)
            if explicit is not None:
                previous = _Ref(explicit.year, explicit.month, explicit.day, f"date {f.value}")
    return mentions(_times_dated(without_overlaps(found)), text, doc, source)


def _times_dated(found: list[Found]) -> list[Found]:
    """A clock time followed at once by its day ("17:00 UTC del 19 de noviembre") is on that day."""
    out = list(found)
    for i, f in enumerate(out):
        if f.type != "TIME" or i + 1 >= len(out):
            continue
        after = out[i + 1]
        if after.type == "DATE" and after.start - f.end <= 8 and len(after.value) == 10:
            clock = f.value.partition("T")[2]
            out[i] = Found(f.start, f.end, "TIME", f"{after.value}T{clock}", anchor=None)
    return out


def _first_day(day: dt.date, precision: str) -> tuple[int, int | None, int | None]:
    return (
        day.year,
        day.month if precision != "year" else None,
        (day.day if precision == "day" else None),
    )


_Read = list[tuple[Found, "_Ref | None"]]


def _read(
    r: Rules, m: re.Match[str], text: str, previous: _Ref | None, publication: _Ref | None
) -> _Read:
    """One match as normalised expressions (two for a range), each with the date it states."""
    kind = m.lastgroup or ""
    g = {k.split("_", 1)[1]: v for k, v in m.groupdict().items() if v and k.startswith(kind + "_")}
    s, e = m.span()
    mod = r.mods.get(script.fold(g["mod"]).rstrip("-")) if "mod" in g else None
    if kind == "rangedays":
        second = _day(r, g, m.start(f"{kind}_d"), e, previous, publication, None)
        if not second:
            return []
        ref = second[0][1]
        assert ref is not None
        first = _day(
            r, {**g, "d": g["a"], "y": str(ref.year)}, s, m.end(f"{kind}_a"), None, None, None
        )
        return [*first, *second]
    if kind == "rangemonths":
        year = script.number(g["y"])
        first_month = r.months.get(script.fold(g["a"]))
        second = _day(r, g, m.start(f"{kind}_m"), e, previous, publication, None)
        if first_month is None or not second or not _gregorian_year(r, year):
            return second
        month = Found(s, m.end(f"{kind}_a"), "DATE", f"{year:04d}-{first_month:02d}")
        return [(month, _Ref(year, first_month, None, "")), *second]
    rumi = _RUMI.match(text, e) if kind == "date" else None
    if rumi is not None:
        return _rumi(r, g, s, rumi.end())
    if kind in ("date", "mdy", "numeric", "iso", "month", "daymonth"):
        return _day(r, g, s, e, previous, publication, mod)
    if kind == "quarter":
        year = script.number(g["y"])
        quarter = r.quarters.get(script.fold(g["q"]))
        if quarter is None or not _gregorian_year(r, year):
            return []
        return [(Found(s, e, "DATE", f"{year:04d}-Q{quarter}"), _Ref(year, None, None, ""))]
    if kind == "present":
        return [(Found(s, e, "DATE", "PRESENT_REF"), None)]
    if kind == "past":
        return [(Found(s, e, "DATE", "PAST_REF"), None)]
    if kind == "thatdate":
        if previous is None:
            return []
        return [(Found(s, e, "DATE", _truncated(previous), anchor=previous.label or None), None)]
    if kind == "clock":
        hour, minute = script.number(g["h"]), script.number(g["m"])
        if hour > 23 or minute > 59:
            return []
        context = previous if previous is not None and previous.day is not None else None
        day = f"{context.year:04d}-{context.month:02d}-{context.day:02d}" if context else ""
        anchor = context.label or None if context else None
        return [(Found(s, e, "TIME", f"{day}T{hour:02d}:{minute:02d}", anchor=anchor), None)]
    if kind == "year":
        year = script.number(g["y"])
        start = m.start(f"{kind}_y")
        if not _gregorian_year(r, year, "era" in g) or (
            r.quantity is not None and r.quantity.search(text, max(0, start - 24), start)
        ):
            return []
        return [(Found(s, e, "DATE", f"{year:04d}", mod=mod), _Ref(year, None, None, ""))]
    if kind == "century":
        century = r.centuries.get(script.fold(g["n"]))
        return [] if century is None else [(Found(s, e, "DATE", f"{century - 1:02d}"), None)]
    if kind == "decade":
        decade = script.number(g.get("y") or g.get("z") or "0")
        if decade % 10:
            return []
        return [(Found(s, e, "DATE", f"{decade // 10:03d}X"), None)]
    if kind == "relative":
        return _relative(r, g, s, e, previous, publication)
    return _quantity(r, kind, g, s, e, previous, publication)


# "31 مارس 1325 رومي": a date of the Ottoman Rumi calendar, named as such after its year
_RUMI = re.compile(r"\s*(?:رومي|رومی)(?!\w)")


def _rumi(r: Rules, g: dict[str, str], s: int, e: int) -> _Read:
    """A day, month and year of the Rumi calendar, as its Gregorian day (the wording kept)."""
    from chronology.calendars import rumi_to_gregorian

    month = r.months.get(script.fold(g["m"]))
    digits = re.sub(r"\D", "", g["d"].translate(_DIGIT_TABLE))
    if month is None or not digits:
        return []
    try:
        day = rumi_to_gregorian(script.number(g["y"]), month, int(digits))
    except ValueError:
        return []
    return [(Found(s, e, "DATE", day.isoformat()), _Ref(day.year, day.month, day.day, ""))]


def _day(
    r: Rules,
    g: dict[str, str],
    s: int,
    e: int,
    previous: _Ref | None,
    publication: _Ref | None,
    mod: str | None,
) -> _Read:
    """A day or a month, its year stated or taken from the last date (or publication)."""
    numeric = "m" in g and g["m"].strip().translate(_DIGIT_TABLE).isdigit()
    month = script.number(g["m"]) if numeric else r.months.get(script.fold(g["m"]))
    if month is None or not 1 <= month <= 12:
        return []
    anchor = None
    if "y" in g:
        year = script.number(g["y"])
        if not _gregorian_year(r, year, "era" in g):
            return []
    else:
        context = previous or publication
        if context is None:
            return []
        year, anchor = context.year, context.label or None
    if "d" not in g:
        value = f"{year:04d}-{month:02d}"
        return [(Found(s, e, "DATE", value, mod=mod), _Ref(year, month, None, ""))]
    folded = script.fold(g["d"])
    if folded in r.first_day:
        day = 1
    else:
        digits = re.sub(r"\D", "", g["d"].translate(_DIGIT_TABLE))
        day = int(digits) if digits else 0
    if not 1 <= day <= gregorian.monthrange(year, month)[1]:
        return []
    found = Found(s, e, "DATE", f"{year:04d}-{month:02d}-{day:02d}", anchor=anchor)
    return [(found, _Ref(year, month, day, ""))]


def _relative(
    r: Rules, g: dict[str, str], s: int, e: int, previous: _Ref | None, publication: _Ref | None
) -> _Read:
    """A phrase dateparser knows ("l'année dernière"), or an anaphoric one ("le lendemain")."""
    phrase = script.fold(g["p"])
    if phrase in r.following:
        unit, n = r.following[phrase]
        context = previous or publication
    elif phrase in r.relative:
        unit, n = r.relative[phrase]
        context = publication
    else:  # a spelling the regex allows but no table holds (a case folding that differs)
        return []
    if context is None:
        return [(Found(s, e, "DATE", "PRESENT_REF"), None)] if n == 0 else []
    value = _value(context, unit, n)
    if value is None:
        return []
    return [(Found(s, e, "DATE", value, anchor=context.label or None), None)]


def _quantity(
    r: Rules,
    kind: str,
    g: dict[str, str],
    s: int,
    e: int,
    previous: _Ref | None,
    publication: _Ref | None,
) -> _Read:
    """A number of units: a duration, or a date that many units from an anchor."""
    unit = r.units.get(script.fold(g.get("u", "")))
    if unit is None:
        return []
    vague = script.fold(g.get("n", "")) in r.vague
    number = None if vague else _number(r, g.get("n", ""))
    if number is None and not vague:
        return []
    amount = "X" if number is None else str(number)
    duration = f"PT{amount}{unit[1]}" if unit.startswith("T") else f"P{amount}{unit}"
    if kind == "duration" or number is None or unit.startswith("T"):
        return [(Found(s, e, "DURATION", duration), None)]
    if kind in ("agobefore", "agoafter"):
        context, sign = publication, -1
    elif kind == "laterbefore":
        context, sign = previous or publication, 1
    else:
        context = previous or publication
        sign = 1 if script.fold(g["w"]) in r.later else -1
    if context is None:
        return [(Found(s, e, "DURATION", duration), None)]
    value = _value(context, unit, sign * number)
    if value is None:
        return []
    return [(Found(s, e, "DATE", value, anchor=context.label or None), None)]


def _truncated(ref: _Ref) -> str:
    """A reference date as a TIMEX3 value at the precision it was stated."""
    if ref.month is None:
        return f"{ref.year:04d}"
    if ref.day is None:
        return f"{ref.year:04d}-{ref.month:02d}"
    return f"{ref.year:04d}-{ref.month:02d}-{ref.day:02d}"


def _gregorian_year(r: Rules, year: int, era: bool = False) -> bool:
    """A plausible Gregorian year; in Persian text 13xx and 14xx are Solar Hijri years.

    With its era stated ("632 م", "1350 میلادی") any year up to 2099 is one.
    """
    if era:
        return 1 <= year <= 2099
    return 1000 <= year <= 2099 and not (r.persian and year < 1500)


_DIGIT_TABLE = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
