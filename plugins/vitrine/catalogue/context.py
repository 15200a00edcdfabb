"""What templates see as `vitrine`: the page's language and its data.

Templates stay simple: they ask this object for texts in the page's language
(with per-field fallback to French), formatted values and links.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ..i18n.formatting import Formatter, pick
from ..i18n.messages import N_, Messages
from ..identity.tokens import Identity
from ..images.service import PublishedImage
from ..model.catalogue import Catalogue, Entry
from ..model.comparison import IndicatorComparison, Reported, compare
from ..model.records import (
    SOURCE_LANGUAGE,
    Champion,
    CriterionDefinition,
    Figure,
    Image,
    Indicator,
    IndicatorDefinition,
    LabelStatus,
    Quartier,
    QuartierKind,
)
from . import directory
from .charts import ChartColours, Mark, Row, domain, horizontal_chart
from .structure import DIRECTORY_TITLES, PageSpec, comparison_uri, directory_uri, entity_uri, web_address
from .wording import KIND_GROUPS, KIND_NAMES, STATUS_NAMES

WAVE = N_("Wave {number}")
HOME = N_("Home")
QUALIFIERS = {"at-least": N_("more than {value}"), "about": N_("about {value}")}
"""How a value the source gives as a bound or an approximation reads ("plus de", "près de")."""
COVERAGES = {
    "city": N_("(city)"),
    "metropolis": N_("(metropolis)"),
    "department": N_("(department)"),
    "region": N_("(region)"),
}
"""The area a value counts when it is not the quartier's own perimeter."""
DATED_VALUE = N_("{value} ({year})")
SAME_SECTOR_LIMIT = 6
"""How many other champions of its sectors a champion's page shows."""


@dataclass(frozen=True)
class CriterionSummary:
    """One criterion on a quartier's profile: whether the quartier documents it, its indicators."""

    criterion: CriterionDefinition
    documented: bool
    rows: list[tuple[IndicatorDefinition, Indicator | None]]
    """Every indicator the definition lists, with the quartier's value or None (not reported)."""

    @property
    def reported(self) -> int:
        return PageContext.reported(self.rows)

    @property
    def total(self) -> int:
        return len(self.rows)


@dataclass(frozen=True)
class Crumb:
    """One step of a breadcrumb trail: its label in the page's language and its site-relative link."""

    label: str
    link: str


@dataclass
class PageContext:
    catalogue: Catalogue
    language: str
    languages: list[Any]
    messages: Messages
    spec: PageSpec | None
    accessibility: str
    accessibility_page: str
    images: dict[Path, PublishedImage] = field(default_factory=dict)
    site_path: str = "/"
    """Path of the site on its host (from site_url), for pages served at any address (404)."""
    fallback_of: str | None = None
    """For an untranslated editorial page: the French page whose text it shows."""
    content_date: dt.date | None = None
    """The newest date the content states: figures are old next to it."""
    old_after_years: int = 5
    compared_from: int = 5
    """How many quartiers must report an indicator for its comparison to be charted."""
    fmt: Formatter = field(init=False)

    def __post_init__(self) -> None:
        self.fmt = Formatter(self.language)

    # Strings -------------------------------------------------------------------

    def text(self, text: dict[str, str] | None) -> str:
        """The text in the page's language or, field by field, in French (for attributes)."""
        return pick(text, self.language)

    def t(self, text: dict[str, str] | None) -> Markup:
        """Like `text`, for element content: a French fallback is marked `lang="fr"` (WCAG 3.1.2),
        and on a right-to-left page `dir="ltr"`, so that its final full stop stays at its end."""
        if text and self.language not in text and SOURCE_LANGUAGE in text:
            if self.direction == "rtl":
                return Markup('<span lang="{}" dir="ltr">{}</span>').format(SOURCE_LANGUAGE, text[SOURCE_LANGUAGE])
            return Markup('<span lang="{}">{}</span>').format(SOURCE_LANGUAGE, text[SOURCE_LANGUAGE])
        return Markup.escape(pick(text, self.language))

    @property
    def direction(self) -> str:
        return next((lang.dir for lang in self.languages if lang.code == self.language), "ltr")

    # Records -------------------------------------------------------------------

    @property
    def quartier(self) -> Entry[Quartier] | None:
        if self.spec is None or self.spec.kind != "quartier":
            return None
        return self.catalogue.quartiers[self.spec.slug]

    @property
    def champion(self) -> Entry[Champion] | None:
        if self.spec is None or self.spec.kind != "champion":
            return None
        return self.catalogue.champions[self.spec.slug]

    def quartiers(self, kind: str | None = None) -> list[Entry[Quartier]]:
        entries = self.catalogue.quartiers.values()
        return sorted(
            (e for e in entries if kind is None or e.record.kind == kind), key=lambda e: e.record.name.casefold()
        )

    def champions(self, quartier: str | None = None) -> list[Entry[Champion]]:
        entries = self.catalogue.champions_of(quartier) if quartier else self.catalogue.champions.values()
        return sorted(entries, key=lambda e: e.record.name.casefold())

    @property
    def criteria(self) -> list[CriterionDefinition]:
        return sorted(self.catalogue.criteria, key=lambda c: c.number)

    def indicator_rows(
        self, quartier: Quartier, criterion: CriterionDefinition
    ) -> list[tuple[IndicatorDefinition, Indicator | None]]:
        """Every indicator the definitions list, with the quartier's value or None (not reported)."""
        documented = quartier.criteria.get(criterion.id)
        given = {i.id: i for i in documented.indicators} if documented else {}
        return [(definition, given.get(definition.id)) for definition in criterion.indicators]

    @staticmethod
    def reported(rows: list[tuple[IndicatorDefinition, Indicator | None]]) -> int:
        """How many of a criterion's indicators the quartier reports."""
        return sum(indicator is not None for _definition, indicator in rows)

    def criteria_summary(self, quartier: Quartier) -> list[CriterionSummary]:
        """The 8 criteria in order, as a quartier's profile sums them up before the details."""
        return [
            CriterionSummary(criterion, criterion.id in quartier.criteria, self.indicator_rows(quartier, criterion))
            for criterion in self.criteria
        ]

    def value(self, indicator: Indicator, definition: IndicatorDefinition) -> str:
        """The value in the page's language, as the source states it ("more than 1,200")."""
        text = self.fmt.indicator(
            indicator, definition, self.messages.gettext(N_("yes")), self.messages.gettext(N_("no"))
        )
        if indicator.qualifier is None:
            return text
        return self.messages.gettext(QUALIFIERS[indicator.qualifier]).format(value=text)

    def coverage(self, indicator: Indicator) -> str:
        """The area of a value that is not the quartier's own ("(region)"), else nothing."""
        return self.messages.gettext(COVERAGES[indicator.coverage]) if indicator.coverage else ""

    def date(self, value: dt.date) -> str:
        return self.fmt.date(value)

    def is_old(self, as_of: dt.date) -> bool:
        """Dated more than `old_after_years` before the content date (never old without one)."""
        if self.content_date is None:
            return False
        years = (
            self.content_date.year
            - as_of.year
            - ((self.content_date.month, self.content_date.day) < (as_of.month, as_of.day))
        )
        return years >= self.old_after_years

    # Champions' figures: a kind of champions/figures.yml, or a figure of its own ----------

    def figure_label(self, figure: Figure) -> Markup:
        label = self.catalogue.figures[figure.id].label if figure.id is not None else figure.label
        return self.t(label)

    def figure_value(self, figure: Figure) -> str:
        """A champion's figure as its source states it ("more than 1,000")."""
        text = self.fmt.measure(figure.value, figure.unit)
        return self.messages.gettext(QUALIFIERS[figure.qualifier]).format(value=text) if figure.qualifier else text

    @staticmethod
    def figure_of(champion: Champion, kind: str) -> Figure | None:
        return next((figure for figure in champion.figures if figure.id == kind), None)

    def sector(self, slug: str) -> str:
        return self.t(self.catalogue.sectors.sectors[slug].label)

    def listing(self, slug: str) -> str:
        return self.t(self.catalogue.listings.listings[slug].label)

    def capital(self, slug: str) -> str:
        return self.t(self.catalogue.capitals.capitals[slug].name)

    # Kinds and label statuses in the page's language (see wording.py) ----------

    def kind_name(self, kind: QuartierKind) -> str:
        return self.messages.gettext(KIND_NAMES[kind])

    def status_name(self, status: LabelStatus) -> str:
        return self.messages.gettext(STATUS_NAMES[status])

    @property
    def kind_groups(self) -> list[tuple[QuartierKind, str]]:
        """The directory's groups and filter: each kind some quartier has, with its heading."""
        present = {entry.record.kind for entry in self.catalogue.quartiers.values()}
        return [(kind, self.messages.gettext(heading)) for kind, heading in KIND_GROUPS.items() if kind in present]

    # Directories: filters, sort orders and tiles (see directory.py) ------------

    def directory_quartiers(self, kind: str) -> list[Entry[Quartier]]:
        return directory.by_name(e for e in self.catalogue.quartiers.values() if e.record.kind == kind)

    def directory_champions(self) -> list[Entry[Champion]]:
        return list(directory.champions_by_name(self.catalogue))

    @cached_property
    def quartier_facets(self) -> dict[str, list[directory.Option]]:
        quartiers = [e.record for e in self.catalogue.quartiers.values()]
        wave = self.messages.gettext(WAVE)
        return {
            "place": directory.place_options(quartiers, self.fmt.country),
            "wave": directory.wave_options(quartiers, lambda number: wave.format(number=number)),
        }

    @cached_property
    def champion_facets(self) -> dict[str, list[directory.Option]]:
        champions = [e.record for e in self.catalogue.champions.values()]
        sectors, listings = self.catalogue.sectors.sectors, self.catalogue.listings.listings
        names = {slug: e.record.name for slug, e in self.catalogue.quartiers.items()}
        return {
            "sector": directory.used_options(
                (s for c in champions for s in c.sectors), lambda s: self.text(sectors[s].label)
            ),
            "listing": directory.used_options(
                (item for c in champions for item in c.listings), lambda item: self.text(listings[item].label)
            ),
            "quartier": directory.used_options((q for c in champions for q in c.quartiers), names.__getitem__),
        }

    @cached_property
    def quartier_ranks(self) -> dict[str, dict[str, int]]:
        return directory.quartier_sorts(list(self.catalogue.quartiers.values()))

    @cached_property
    def champion_ranks(self) -> dict[str, dict[str, int]]:
        return directory.champion_sorts(list(self.catalogue.champions.values()))

    def place(self, quartier: Quartier) -> str:
        return directory.place_of(quartier)

    def initials(self, name: str) -> str:
        return directory.initials(name)

    # Champion profile: its quartiers, its website, its neighbours by sector ----------

    def champion_quartiers(self, champion: Entry[Champion]) -> list[Entry[Quartier]]:
        """The quartiers a champion names, in its record's order, each once."""
        return [self.catalogue.quartiers[slug] for slug in dict.fromkeys(champion.record.quartiers)]

    def same_sector(self, champion: Entry[Champion], limit: int = SAME_SECTOR_LIMIT) -> list[Entry[Champion]]:
        """The other champions sharing one of its sectors, in the directory's name order, at most `limit`."""
        return directory.same_sector(self.catalogue, champion, limit)

    @staticmethod
    def web_address(url: str) -> str:
        """A website as people write it: `doctolib.fr` for https://www.doctolib.fr/."""
        return web_address(url)

    # Comparison pages: one criterion across the quartiers ------------------------

    @property
    def criterion(self) -> CriterionDefinition | None:
        if self.spec is None or self.spec.kind != "comparison":
            return None
        return next(c for c in self.catalogue.criteria if c.id == self.spec.slug)

    def comparisons(self, criterion: CriterionDefinition) -> list[IndicatorComparison]:
        return compare(self.catalogue, criterion, self.compared_from)

    def chart(self, comparison: IndicatorComparison, labelled_by: str, identity: Identity | None = None) -> Markup:
        """The SVG chart of a numeric indicator; its table shows the same formatted values."""
        definition = comparison.definition
        rows = [Row(r.entry.record.name, r.number, self._bar_text(comparison, r)) for r in comparison.charted_rows]
        mark: Mark = "dot" if comparison.positions else "bar"
        scale = domain([row.value for row in rows], mark, percent=definition.unit == "percent")
        axis = None
        if mark == "dot" and rows:
            ends = (round(scale.low), round(scale.high))
            axis = (self.fmt.measure(ends[0], definition.unit), self.fmt.measure(ends[1], definition.unit))
        colours = None
        if identity is not None:
            light = identity.palette.light
            colours = ChartColours(mark=light.primary, text=light.text, track=light.surface)
        return horizontal_chart(
            rows, labelled_by=labelled_by, mark=mark, scale=scale, axis=axis, direction=self.direction, colours=colours
        )

    def _bar_text(self, comparison: IndicatorComparison, reported: Reported) -> str:
        """A bar's value with the year it counts, so bars of different years are not read as alike;
        an opening year is a date already and needs none."""
        text = self.value(reported.indicator, comparison.definition)
        if comparison.positions:
            return text
        return self.messages.gettext(DATED_VALUE).format(value=text, year=reported.indicator.as_of.year)

    def number(self, value: float) -> str:
        return self.fmt.number(value)

    # Links (site-relative; templates pass them through the `url` filter) --------

    def link(self, kind: str, slug: str = "", language: str | None = None) -> str:
        language = language or self.language
        if kind == "comparison":
            uri = comparison_uri(language, slug)
        elif kind in ("quartiers", "champions"):
            uri = directory_uri(kind, language)  # type: ignore[arg-type]
        else:
            uri = entity_uri(kind, language, slug)  # type: ignore[arg-type]
        return uri.removesuffix("index.md").removesuffix(".md") + ("/" if not uri.endswith("index.md") else "")

    def image(self, entry: Entry[Any], image: Image) -> PublishedImage:
        return self.images[entry.image_path(image)]

    @property
    def breadcrumbs(self) -> list[Crumb]:
        """Home, the directory, the page itself: the trail of a record or comparison page, else empty.
        A comparison's parent is the quartiers directory, which lists the comparisons."""
        spec = self.spec
        if spec is None or spec.kind not in ("quartier", "champion", "comparison"):
            return []
        parent = "champions" if spec.kind == "champion" else "quartiers"
        return [
            Crumb(self.messages.gettext(HOME), self.page_link("index.md")),
            Crumb(self.messages.gettext(DIRECTORY_TITLES[parent]), self.link(parent)),
            Crumb(spec.title, self.link(spec.kind, spec.slug)),
        ]

    def page_link(self, name: str, language: str | None = None) -> str:
        """URL of an editorial page of `content/<lang>/` by its file name."""
        stem = name.removesuffix(".md")
        return f"{language or self.language}/" + ("" if stem == "index" else f"{stem}/")
