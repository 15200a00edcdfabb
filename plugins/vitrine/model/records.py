"""The content model: quartiers, champions, criteria and their indicators.

Plain typed data, independent of MkDocs: the same classes feed the pages, the
JSON Schema, the exports and the tests. Records are validated from the
`Located` data of `yamlsource`, which keeps YAML text as text; the few
non-text types below (dates, years, URLs) parse that text themselves so an
editor gets a precise message instead of a silent conversion.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    ValidationInfo,
    WithJsonSchema,
)

SOURCE_LANGUAGE = "fr"
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$")


def _parse_date(value: Any) -> dt.date:
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not _DATE.match(value):
        raise ValueError(f'"{value}" is not a date; expected YYYY-MM-DD, e.g. 2014-11-12')
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f'"{value}" is not a valid date (no such day in the calendar)') from None


def _check_url(value: str) -> str:
    if not _URL.match(value):
        raise ValueError(f'"{value}" is not a web address; expected one starting with https://')
    return value


def _check_email(value: str) -> str:
    if not _EMAIL.match(value):
        raise ValueError(f'"{value}" is not an e-mail address')
    return value


def _check_languages(value: dict[str, str], info: ValidationInfo) -> dict[str, str]:
    languages: tuple[str, ...] = (info.context or {}).get("languages", ())
    if languages:
        unknown = [code for code in value if code not in languages]
        if unknown:
            raise ValueError(f"unknown language code {unknown[0]!r}; the site's languages are {', '.join(languages)}")
    if SOURCE_LANGUAGE not in value:
        raise ValueError(f"the French text ({SOURCE_LANGUAGE}:) is required; other languages are optional")
    return value


Text = Annotated[StrictStr, Field(min_length=1)]
Slug = Annotated[StrictStr, Field(pattern=SLUG_PATTERN)]
Url = Annotated[StrictStr, AfterValidator(_check_url), WithJsonSchema({"type": "string", "format": "uri"})]
Email = Annotated[StrictStr, AfterValidator(_check_email), WithJsonSchema({"type": "string", "format": "email"})]
Date = Annotated[
    dt.date,
    BeforeValidator(_parse_date),
    WithJsonSchema({"type": "string", "format": "date", "pattern": _DATE.pattern}),
]
Year = Annotated[StrictInt, Field(ge=1800, le=2100)]
Localized = Annotated[
    dict[StrictStr, Text],
    AfterValidator(_check_languages),
    WithJsonSchema(
        {
            "type": "object",
            "description": "One text per language code; fr (French, the source) is required.",
            "required": [SOURCE_LANGUAGE],
            "additionalProperties": {"type": "string", "minLength": 1},
        }
    ),
]
Number = StrictInt | StrictFloat


def _check_reviewed(value: dict[str, dict[str, str]], info: ValidationInfo) -> dict[str, dict[str, str]]:
    languages: tuple[str, ...] = (info.context or {}).get("languages", ())
    translated = [code for code in languages if code != SOURCE_LANGUAGE]
    unknown = [code for code in value if code == SOURCE_LANGUAGE or (languages and code not in translated)]
    if unknown:
        listed = ", ".join(repr(code) for code in unknown)
        raise ValueError(f"not translated languages of the site: {listed}; expected one of: {', '.join(translated)}")
    return value


Digest = Annotated[StrictStr, Field(pattern=r"^[0-9a-f]{12}$")]
Reviewed = Annotated[
    dict[StrictStr, dict[StrictStr, Digest]],
    AfterValidator(_check_reviewed),
    Field(
        description="translations reviewed in the web editor: language -> field -> digest of the French text "
        "(written by the editor's « Traductions relues »; vitrine translations writes the .translations.yml file)"
    ),
]


class Record(BaseModel):
    """Base of every content record: unknown fields are errors, nothing is coerced."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# Definitions (data files that describe the catalogue itself) -----------------


class IndicatorDefinition(Record):
    id: Slug
    label: Localized
    unit: Text = Field(
        description="count, percent, EUR, year, or a CLDR unit such as duration-minute or area-square-meter"
    )
    type: Literal["number", "text", "yes-no"] = "number"


class CriterionDefinition(Record):
    id: Slug
    number: Annotated[StrictInt, Field(ge=1, le=8)]
    title: Localized
    summary: Localized
    indicators: list[IndicatorDefinition] = []


class Criteria(Record):
    criteria: list[CriterionDefinition]


class CapitalDefinition(Record):
    """A foreign digital capital the network links with (recommendation 6)."""

    name: Localized
    cluster: Text | None = None
    country: Annotated[StrictStr, Field(pattern=r"^[A-Z]{2}$")]
    location: Point


class Point(Record):
    lat: Annotated[Number, Field(ge=-90, le=90)]
    lon: Annotated[Number, Field(ge=-180, le=180)]


class Capitals(Record):
    capitals: dict[Slug, CapitalDefinition]


class Term(Record):
    label: Localized


class Sectors(Record):
    sectors: dict[Slug, Term]


class Listing(Record):
    label: Localized
    year: Year
    source: Text
    source_url: Url | None = None


class Listings(Record):
    listings: dict[Slug, Listing]


# Quartiers -------------------------------------------------------------------


class Perimeter(Record):
    """The clearly delimited quarter of criterion 1: a bounding box or a polygon."""

    bbox: Annotated[list[Number], Field(min_length=4, max_length=4)] | None = Field(
        None, description="[west, south, east, north] in degrees"
    )
    polygon: Annotated[list[Annotated[list[Number], Field(min_length=2, max_length=2)]], Field(min_length=4)] | None = (
        Field(None, description="closed ring of [lon, lat] points")
    )
    description: Localized | None = None


class Access(Record):
    airport: Text | None = None
    rail: Text | None = Field(None, description="high-speed rail station(s)")
    minutes_to_paris: Annotated[StrictInt, Field(gt=0)] | None = Field(
        None, description="fastest scheduled rail journey to Paris, in minutes (omit if not known)"
    )


QuartierKind = Literal["metropole", "thematic", "capitale", "community", "hub"]
LabelStatus = Literal["labelled", "pilot", "community"]

# The label statuses each kind can hold, from the public record: the Métropoles French Tech were
# labelled on 12 November 2014 and 24 June 2015 (Paris by the 2013 report); the thematic pilots were
# named on 24 June 2015 (the nine thematic networks of 25 July 2016 were membership, "not a new
# label": https://electroniques.biz/?p=57444); since 3 April 2019 the State labels Capitales French
# Tech (in France, overseas included) and Communautés French Tech, volunteer associations in France
# and abroad, which the hubs abroad of 2015-2016 became. A pair outside this table is refused
# (model.catalogue); a status the record does not show stays out until a source shows it.
LABEL_STATUSES: dict[QuartierKind, tuple[LabelStatus, ...]] = {
    "metropole": ("labelled",),
    "thematic": ("pilot",),
    "capitale": ("labelled",),
    "community": ("community",),
    "hub": ("community",),
}


def _pairs_text() -> str:
    return "; ".join(f"{kind}: {' or '.join(statuses)}" for kind, statuses in LABEL_STATUSES.items())


def _pairs_schema(schema: dict[str, Any]) -> None:
    """The table as JSON Schema conditions, so editors' tools flag a contradictory pair while typing."""
    schema["allOf"] = [
        {
            "if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]},
            "then": {"properties": {"label": {"properties": {"status": {"enum": list(statuses)}}}}},
        }
        for kind, statuses in LABEL_STATUSES.items()
    ]


class Label(Record):
    status: LabelStatus = Field(description=f"the statuses each kind allows: {_pairs_text()}")
    wave: Annotated[StrictInt, Field(ge=1)] | None = None
    date: Date | None = None
    note: Localized | None = None


class Flagship(Record):
    name: Text
    city: Text | None = None
    opened: Year | None = None
    website: Url | None = None
    description: Localized | None = None


class Contact(Record):
    email: Email | None = None
    url: Url | None = None


class Image(Record):
    file: Text = Field(description="path relative to the record's folder")
    alt: Localized
    credit: Text


Qualifier = Literal["at-least", "about"]
"""How the source states a number: "plus de 1 200" is at least 1,200; "près de 5 000" is about 5,000."""
Coverage = Literal["city", "metropolis", "department", "region"]
"""The area a figure counts when it is not the quartier's own perimeter."""


class Indicator(Record):
    id: Slug
    value: StrictBool | Number | Text
    as_of: Date = Field(description="the date the source gives the figure for, or else its publication date")
    source: Text = Field(description="the publisher of the page the value comes from")
    source_url: Url | None = Field(None, description="the page the value comes from")
    qualifier: Qualifier | None = Field(
        None,
        description='at-least when the source says "plus de" (a lower bound), '
        'about when it says "près de", "environ" (an approximation); absent for an exact figure',
    )
    coverage: Coverage | None = Field(
        None,
        description="the area the figure counts when it is not the quartier's own perimeter "
        "(city, metropolis, department, region); such a value is tabled with its area, not charted",
    )


class CriterionEntry(Record):
    text: Localized
    indicators: list[Indicator] = []


class Quartier(Record):
    model_config = ConfigDict(json_schema_extra=_pairs_schema)

    name: Text
    kind: QuartierKind = Field(
        description="metropole, thematic, capitale, community (in France) or hub (abroad); see label.status"
    )
    tagline: Localized
    cities: Annotated[list[Text], Field(min_length=1)]
    region: Text | None = None
    country: Annotated[StrictStr, Field(pattern=r"^[A-Z]{2}$", description="ISO 3166 code, e.g. FR")]
    location: Point
    perimeter: Perimeter | None = None
    access: Access = Access()
    label: Label
    theme: Localized | None = Field(None, description="the theme of a thematic network")
    flagships: list[Flagship] = []
    partners: list[Slug] = Field([], description="ids from quartiers/capitals.yml")
    website: Url | None = None
    contact: Contact | None = None
    images: list[Image] = []
    criteria: dict[Slug, CriterionEntry] = {}
    reviewed: Reviewed = {}


# Champions -------------------------------------------------------------------


class FigureDefinition(Record):
    """A kind of figure champions report alike (champions/figures.yml), so they can be compared."""

    label: Localized
    units: Annotated[list[Text], Field(min_length=1)] = Field(
        description="the units its values may be in, e.g. [count] or [EUR, USD]; "
        "values are never converted, so only values of one unit are compared"
    )
    description: Localized | None = None


class FigureDefinitions(Record):
    figures: dict[Slug, FigureDefinition]


def _figure_schema(schema: dict[str, Any]) -> None:
    """A figure names its kind (`id`) or its own `label`, not both: editors' tools say so while typing."""
    schema["oneOf"] = [{"required": ["id"]}, {"required": ["label"]}]


class Figure(Record):
    model_config = ConfigDict(json_schema_extra=_figure_schema)

    id: Slug | None = Field(
        None,
        description="a kind from champions/figures.yml (e.g. employees, funds-raised, latest-round): "
        "its label comes from there and champions are compared on it",
    )
    label: Localized | None = Field(None, description="the name of a figure no kind describes (then no id)")
    value: Number
    unit: Text = Field(description="count, EUR, USD…; for a kind, one of the units figures.yml gives it")
    as_of: Date = Field(
        description="the date the source gives the figure for (for a round: the day it was announced), "
        "or else the source's publication date"
    )
    source: Text
    source_url: Url | None = None
    qualifier: Qualifier | None = Field(
        None, description='at-least for "plus de" (a lower bound), about for "près de", "environ"; absent if exact'
    )


class Champion(Record):
    name: Text
    quartiers: Annotated[list[Slug], Field(min_length=1)]
    city: Text
    country: Annotated[StrictStr, Field(pattern=r"^[A-Z]{2}$")] = "FR"
    sectors: Annotated[list[Slug], Field(min_length=1)]
    founded: Year
    website: Url
    logo: Image | None = None
    listings: list[Slug] = []
    figures: list[Figure] = []
    description: Localized
    reviewed: Reviewed = {}


NavSection = Literal["network", "about"]
"""The groups of editorial pages in the header's tabs (their titles are in vitrine/catalogue)."""


class PageMeta(BaseModel):
    """Front matter accepted on Markdown pages (narratives and editorial pages)."""

    model_config = ConfigDict(extra="forbid")

    title: Text | None = None
    description: Text | None = None
    nav_order: StrictInt | None = Field(None, description="position in the language's navigation (editorial pages)")
    nav_section: NavSection | None = Field(
        None,
        description="the header tab an editorial page is grouped under: `network` (the network and its label) "
        "or `about` (the site itself: open data, accessibility, legal notices); none: a tab of its own",
    )
    nav_title: Text | None = None
    template: Text | None = None
    hide: list[Literal["navigation", "toc", "footer"]] = []
    date: Date | None = Field(
        None, description="publication date of a news post (`news/<yyyy-mm-dd>-<slug>.md`): the date of its file name"
    )
    updated: Date | None = Field(
        None,
        description="when the text last changed (sitemap lastmod); a translation without one uses its French page's",
    )
    translation_of: Annotated[StrictStr, Field(pattern=r"^[0-9a-f]{12}$")] | None = Field(
        None, description="digest of the French text this translation was reviewed against (vitrine translations)"
    )
    headline: Text | None = Field(None, description="a language's home (index.md): the headline of its hero")
    featured: list[Slug] | None = Field(
        None,
        description="a language's home (index.md): champions shown in its featured band, by folder name; "
        "the French list serves every language that gives none",
    )


CapitalDefinition.model_rebuild()
