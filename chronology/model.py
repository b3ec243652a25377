"""The schema: sources, accounts, events and the chronology that holds them.

This is the one place that knows the shape of ``seeds/sources.yaml`` and ``data/events.yaml``.
Every model forbids unknown fields, so a typo such as ``qoute:`` is an error rather than a
silently ignored key. ``chronology schema`` writes the JSON Schema of these models so editors
can validate and complete entries as they type.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ModelWrapValidatorHandler,
    PlainSerializer,
    PrivateAttr,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from chronology.calendars import CalendarDate, CalendarError, CalendarName
from chronology.dates import MODIFIERS, DateError, DateValue

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


@dataclasses.dataclass(frozen=True)
class Category:
    """One kind of event a project declares in chronology.yaml: lanes, legend and filters."""

    id: str
    label: str
    description: str = ""
    colour: str | None = None


@dataclasses.dataclass(frozen=True)
class Vocabulary:
    """The words a project allows: its categories, and its stances (none when it declares none).

    Each story names its own kinds of event, so the vocabulary lives in the project's
    ``chronology.yaml``, never in code. Models check ``category`` and ``stance`` against the
    vocabulary passed as validation context (``{"vocabulary": ...}``); without one (a chronology
    built in code) any slug is accepted.
    """

    categories: tuple[Category, ...]
    stances: tuple[str, ...] = ()

    @property
    def category_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.categories)


def _choices(words: Sequence[str]) -> str:
    quoted = [repr(w) for w in words]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"


def _vocabulary(info: ValidationInfo) -> Vocabulary | None:
    context = info.context
    vocabulary = context.get("vocabulary") if isinstance(context, dict) else None
    return vocabulary if isinstance(vocabulary, Vocabulary) else None


# how the extractor reads an article's dates without a year: from its publication date (news),
# from the time its story has reached (narrative), or decided from its text (auto)
Mode = Literal["auto", "news", "narrative"]


def _parse_date(value: Any) -> DateValue:
    if isinstance(value, DateValue):
        return value
    try:
        return DateValue.parse(value)
    except DateError as exc:
        raise PydanticCustomError("edtf", str(exc)) from None


EDTF = Annotated[
    DateValue,
    BeforeValidator(_parse_date),
    PlainSerializer(lambda d: d.edtf, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "description": (
                "EDTF date, quoted: 1981-06-28, 1981-06, 1965, 196X, 19XX, 1981-21 (spring), "
                "2013~, 2016?, 1960/1963, ../2020-07, [1986,1987]"
            ),
            "examples": ["1981-06-28", "1981-06", "1965", "196X", "2013~", "[1986,1987]"],
        }
    ),
]

_FIGURE = re.compile(r"^(?P<op>~|>=|<=|>|<)?(?P<a>\d+)(?:-(?P<b>\d+))?$")


@dataclasses.dataclass(frozen=True)
class Figure:
    """A number a source states, as the range it allows.

    ``75`` is exact; ``"~75"`` approximate (compared as +/-10%); ``">200000"`` more than and
    ``">=200000"`` at least (no upper bound); ``"<50"``/``"<=50"`` at most; ``"100-150"`` a
    range. Keeping the qualifier means "over 200,000" and "250,000" do not count as a conflict.
    """

    text: str
    low: float
    high: float

    @classmethod
    def parse(cls, value: Any) -> Figure:
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            raise PydanticCustomError(
                "figure",
                'a figure is a whole number or a string like "~75", ">200000" or '
                '"100-150", not {value}',
                {"value": repr(value)},
            )
        text = str(value).replace(",", "").strip()
        m = _FIGURE.match(text)
        if not m or (m.group("b") and m.group("op")):
            raise PydanticCustomError(
                "figure",
                'invalid figure {value}: write 75, "~75", ">75", ">=75", "<75", "<=75" or "70-80"',
                {"value": repr(value)},
            )
        a = float(m.group("a"))
        op = m.group("op")
        if m.group("b"):
            b = float(m.group("b"))
            if b < a:
                raise PydanticCustomError(
                    "figure",
                    "invalid figure range {value}: it ends below its start",
                    {"value": repr(value)},
                )
            return cls(str(value), a, b)
        low, high = {
            None: (a, a),
            "~": (a * 0.9, a * 1.1),
            ">": (a + 1, float("inf")),
            ">=": (a, float("inf")),
            "<": (0.0, max(a - 1, 0.0)),
            "<=": (0.0, a),
        }[op]
        return cls(str(value), low, high)

    @property
    def exact(self) -> bool:
        return self.low == self.high


FigureValue = Annotated[
    Figure,
    BeforeValidator(Figure.parse),
    PlainSerializer(lambda f: int(f.text) if f.text.isdigit() else f.text),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 0},
                {"type": "string", "pattern": r"^(~|>=|<=|>|<)?[\d,]+$|^[\d,]+-[\d,]+$"},
            ],
            "description": 'A number: 75, "~75" (about), ">75", ">=75", "<75", "<=75", "70-80"',
        }
    ),
]


def _web_url(value: Any) -> Any:
    """Only http(s) addresses reach a reader: a ``javascript:`` or ``data:`` link would run."""
    if isinstance(value, str) and not re.match(r"^https?://[^\s/]+", value, re.IGNORECASE):
        raise PydanticCustomError("url", "url must be an http:// or https:// address")
    return value


WebURL = Annotated[str, BeforeValidator(_web_url)]


def _language(value: Any) -> Any:
    """An ISO 639-1 code the extractor has data for: a typo would silently read as English."""
    from chronology.languages import is_known

    if not isinstance(value, str) or not is_known(value):
        raise PydanticCustomError(
            "language",
            "unknown language {value}: use an ISO 639-1 code such as en, fr, de, es, ar or fa",
            {"value": repr(value)},
        )
    return value


LanguageCode = Annotated[str, BeforeValidator(_language)]


def is_safe_link(value: str) -> bool:
    """Whether a link may be put in a page: an http(s) address or a relative path.

    Any other scheme (``javascript:``, ``data:``, ``vbscript:``) can run script once pasted.
    Whitespace and control characters are refused outright: browsers drop them, so
    ``" javascript:"`` or ``"java\tscript:"`` would otherwise slip past a scheme check.
    """
    if not value or re.search(r"[\x00-\x20\x7f-\x9f\\]", value):
        return False
    scheme = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*):", value)
    if scheme is None:
        return True  # relative: "timeline.html", "/embeds/t.html", "//host/t.html"
    return scheme.group(1).lower() in ("http", "https") and bool(
        re.match(r"^https?://[^/]+", value, re.IGNORECASE)
    )


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False, str_strip_whitespace=False)


class Source(Strict):
    """One article. A compilation document holds several, each with its own ``span``."""

    id: str = Field(pattern=SLUG, description="Short slug used by accounts")
    document: str = Field(description="File name in seeds/")
    title: str
    authors: list[str] = Field(default_factory=list)
    outlet: str
    name: str | None = Field(
        default=None,
        description="The one name readers see for this source (default: outlet and authors)",
    )
    url: WebURL | None = Field(
        default=None, description="Where readers can read the article (http or https)"
    )
    published: EDTF = Field(description="Publication date (EDTF); relative dates count from it")
    language: LanguageCode | None = Field(
        default=None,
        description="ISO 639-1 code of the article's language (detected from the text if absent)",
    )
    stance: str | None = Field(
        default=None,
        validate_default=True,
        description="The article's stance toward the subject, from chronology.yaml's stances",
    )
    mode: Mode = Field(
        default="auto",
        description="How dates without a year are read: news (from the publication date), "
        "narrative (from the time the story has reached) or auto (decided from the text)",
    )
    span: tuple[int, int] | None = Field(
        default=None,
        description="[first, last) character offsets of this article inside its document",
    )

    @property
    def display_name(self) -> str:
        """The name a reader sees everywhere: legend, lists, panel, conflict sentences, exports.

        One name per source, so a reader never has to work out that an id, a byline and an
        outlet are the same article.
        """
        if self.name:
            return self.name
        return f"{self.outlet} ({', '.join(self.authors)})" if self.authors else self.outlet

    @field_validator("stance")
    @classmethod
    def _declared_stance(cls, value: str | None, info: ValidationInfo) -> str | None:
        vocabulary = _vocabulary(info)
        if vocabulary is None:
            return value
        if not vocabulary.stances:
            if value is not None:
                raise PydanticCustomError(
                    "vocabulary", "chronology.yaml declares no stances: remove this line"
                )
            return value
        if value is None:
            raise PydanticCustomError(
                "vocabulary",
                "missing: use one of {choices} (declared in chronology.yaml)",
                {"choices": _choices(vocabulary.stances)},
            )
        if value not in vocabulary.stances:
            raise PydanticCustomError(
                "vocabulary",
                "{value} is not allowed; use one of {choices}",
                {"value": repr(value), "choices": _choices(vocabulary.stances)},
            )
        return value

    @model_validator(mode="after")
    def _span_in_order(self) -> Source:
        if self.span is not None and not 0 <= self.span[0] < self.span[1]:
            raise PydanticCustomError("span", "span must be [first, last] with first < last")
        return self


class Account(Strict):
    """What one source says about one event, in its own words and at its own precision."""

    source: str = Field(description="A source id from seeds/sources.yaml")
    calendar: CalendarName | None = Field(
        default=None,
        description=(
            "The calendar the date is stated in: jalali (Solar Hijri) or hijri (Islamic); "
            'then date is that calendar\'s year, year-month or day, e.g. "1360-03-30"'
        ),
    )
    date: EDTF = Field(description="The date exactly as this source states it, never corrected")
    modifier: Literal["early", "mid", "late"] | None = Field(
        default=None, description="early/mid/late (TIMEX3 START/MID/END): narrows comparisons"
    )
    quote: str = Field(min_length=1, description="Verbatim words of the source")
    prefix: str | None = Field(
        default=None, description="Words just before the quote, when the quote occurs twice"
    )
    cited: str | None = Field(default=None, description="Whom the source attributes this to")
    figures: dict[str, FigureValue] = Field(default_factory=dict)
    note: str | None = None
    translation: str | None = Field(
        default=None,
        min_length=1,
        description="The quote in the reader's language, when the source writes in another",
    )

    _line: int = PrivateAttr(default=0)
    _start: int | None = PrivateAttr(default=None)
    _end: int | None = PrivateAttr(default=None)
    _stated: CalendarDate | None = PrivateAttr(default=None)

    # --- another calendar: kept as stated, compared as the Gregorian days it means ---------

    @field_validator("date", mode="before")
    @classmethod
    def _from_calendar(cls, value: Any, info: ValidationInfo) -> Any:
        calendar = info.data.get("calendar")
        if calendar is None:
            return value
        try:
            return CalendarDate.parse(calendar, value).edtf
        except CalendarError as exc:
            raise PydanticCustomError("calendar", str(exc)) from None

    @model_validator(mode="wrap")
    @classmethod
    def _keep_stated(cls, data: Any, handler: ModelWrapValidatorHandler[Account]) -> Account:
        account = handler(data)
        if account.calendar is not None and isinstance(data, dict):
            account._stated = CalendarDate.parse(account.calendar, data["date"])
        return account

    @property
    def stated(self) -> CalendarDate | None:
        """The date in the calendar the source used (``date`` is its Gregorian interval)."""
        return self._stated

    @model_validator(mode="after")
    def _fold_modifier(self) -> Account:
        if self.modifier and self.date.modifier != self.modifier:
            self.date = dataclasses.replace(self.date, modifier=self.modifier)
        return self

    @property
    def line(self) -> int:
        """Line of this account in events.yaml (0 when built in code)."""
        return self._line

    @property
    def offsets(self) -> tuple[int, int] | None:
        """Character offsets of the quote in its document, once the loader has located it."""
        # one read of pydantic's private store, not three trips through its __getattr__
        # (reconcile asks every account of a 20,000-event chronology)
        private = self.__pydantic_private__ or {}
        start, end = private.get("_start"), private.get("_end")
        return None if start is None else (start, end or start)


class Event(Strict):
    """Something that happened, with every source's account of it side by side."""

    id: str = Field(pattern=SLUG, description="Unique slug, e.g. us-delisting-2012")
    title: str = Field(min_length=1, description="Plain, neutral, factual")
    category: str = Field(pattern=SLUG, description="One of the categories in chronology.yaml")
    summary: str | None = None
    accounts: list[Account] = Field(min_length=1)
    note: str | None = Field(default=None, description="Editor's context; never decides")

    _line: int = PrivateAttr(default=0)

    @field_validator("category")
    @classmethod
    def _declared_category(cls, value: str, info: ValidationInfo) -> str:
        vocabulary = _vocabulary(info)
        if vocabulary is not None and value not in vocabulary.category_ids:
            raise PydanticCustomError(
                "vocabulary",
                "{value} is not allowed; use one of {choices}",
                {"value": repr(value), "choices": _choices(vocabulary.category_ids)},
            )
        return value

    @property
    def line(self) -> int:
        return self._line


class EventsFile(Strict):
    """The shape of data/events.yaml."""

    events: list[Event]


class SourcesFile(Strict):
    """The shape of seeds/sources.yaml."""

    sources: list[Source]


@dataclasses.dataclass
class Chronology:
    """Sources, their texts and the curated events: everything later stages work from."""

    sources: list[Source]
    events: list[Event]
    texts: dict[str, str]
    events_path: str = "data/events.yaml"
    seeds_dir: str = "seeds"
    vocabulary: Vocabulary | None = None
    sources_path: str | None = None

    @property
    def sources_file(self) -> str:
        """Where sources.yaml is: the project's setting, else inside the documents folder."""
        return self.sources_path or f"{self.seeds_dir}/sources.yaml"

    @property
    def categories(self) -> tuple[Category, ...]:
        """The declared categories, or (for a chronology built in code) those its events use."""
        if self.vocabulary is not None:
            return self.vocabulary.categories
        used = dict.fromkeys(e.category for e in self.events)
        return tuple(Category(c, c) for c in used)

    def source(self, source_id: str) -> Source:
        return next(s for s in self.sources if s.id == source_id)

    def text_of(self, source: Source) -> str:
        """The text of a source: its document, cut to its span."""
        text = self.texts[source.document]
        return text if source.span is None else text[source.span[0] : source.span[1]]


class CategorySetting(Strict):
    """A category as chronology.yaml declares it."""

    id: str = Field(pattern=SLUG, description="The slug events use in `category:`")
    label: str = Field(min_length=1, description="What readers see in the legend and filters")
    description: str = Field(default="", description="What belongs here, for editors")
    colour: str | None = Field(
        default=None, pattern=r"^#[0-9a-fA-F]{6}$", description="A colour like #1f77b4"
    )


class Settings(Strict):
    """The shape of chronology.yaml: where a project's files are and the words it allows."""

    documents: str = Field(default="documents", description="Folder of the source documents")
    sources: str = Field(default="sources.yaml", description="The sources file")
    events: str = Field(default="events.yaml", description="The curated events file")
    candidates: str = Field(default="candidates.yaml", description="Where drafts go")
    categories: list[CategorySetting]
    stances: list[Annotated[str, Field(pattern=SLUG)]] = Field(
        default_factory=list, description="Stances sources may take; none when empty"
    )

    @field_validator("categories")
    @classmethod
    def _some(cls, value: list[CategorySetting]) -> list[CategorySetting]:
        if not value:
            raise PydanticCustomError("categories", "declare at least one category")
        return value

    @model_validator(mode="after")
    def _unique(self) -> Settings:
        for what, words in (
            ("category", [c.id for c in self.categories]),
            ("stance", self.stances),
        ):
            repeated = sorted({w for w in words if words.count(w) > 1})
            if repeated:
                raise PydanticCustomError(
                    "duplicate",
                    "{what} {word} is declared twice",
                    {"what": what, "word": repr(repeated[0])},
                )
        return self

    @property
    def vocabulary(self) -> Vocabulary:
        return Vocabulary(
            tuple(Category(c.id, c.label, c.description, c.colour) for c in self.categories),
            tuple(self.stances),
        )


def json_schema(vocabulary: Vocabulary | None = None) -> dict[str, Any]:
    """JSON Schema for events.yaml, for editors' YAML language servers.

    With a project's vocabulary, ``category`` lists its categories, so an editor completes them.
    """
    schema = EventsFile.model_json_schema()
    if vocabulary is not None:
        schema["$defs"]["Event"]["properties"]["category"] = {
            "enum": list(vocabulary.category_ids),
            "description": "; ".join(
                f"{c.id}: {c.description or c.label}" for c in vocabulary.categories
            ),
            "title": "Category",
        }
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "chronology events"
    return schema


__all__ = [
    "MODIFIERS",
    "Account",
    "Category",
    "CategorySetting",
    "Chronology",
    "Event",
    "EventsFile",
    "Figure",
    "Settings",
    "Source",
    "SourcesFile",
    "Vocabulary",
    "json_schema",
]
