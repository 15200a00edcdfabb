"""Which pages the catalogue adds to the site, and the Markdown of each.

A `PageSpec` is plain data: the plugin turns each into an MkDocs
`File.generated`; the page's template (in `overrides/`) renders the record.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

from ..i18n.formatting import pick
from ..i18n.messages import N_
from ..images.pipeline import Role
from ..model.catalogue import Catalogue, Entry, Narrative
from ..model.images import SourceImage
from ..model.records import SOURCE_LANGUAGE, CriterionDefinition

Kind = Literal["quartier", "champion", "quartiers", "champions", "comparison", "root", "notfound"]
TEMPLATES: dict[Kind, str] = {
    "quartier": "quartier.html",
    "champion": "champion.html",
    "quartiers": "quartiers.html",
    "champions": "champions.html",
    "comparison": "comparison.html",
    "root": "root.html",
    "notfound": "notfound.html",
}
DIRECTORY_ORDER = {"quartiers": 2, "champions": 3}
DIRECTORY_TITLES = {"quartiers": N_("Quartiers"), "champions": N_("Champions")}
# The header tabs grouping editorial pages, by model.records.NavSection.
NAV_SECTIONS: dict[str, str] = {"network": N_("The network"), "about": N_("About this site")}
NOT_FOUND_TITLE = N_("Page not found")
COMPARISON_TITLE = N_("Criterion {number} compared: {title}")
COMPARISON_FOLDER = "criteres"
CRITERIA_SOURCE = "quartiers/criteria.yml"


@dataclass(frozen=True)
class PageSpec:
    src_uri: str
    kind: Kind
    language: str
    title: str
    description: str = ""
    slug: str = ""
    source: str = ""
    """Project-relative path of the record or text the page comes from."""
    body: str = ""
    fallback: bool = False
    """True when the narrative is shown in the source language for lack of a translation."""
    card_subtitle: str | None = None
    """The share card's second line when it is the same in every language (record pages: where
    the record is, its web address), so the six pages of a record share one card file."""

    def meta(self) -> dict[str, object]:
        """The page's metadata. vitrine/catalogue sets it in `on_page_markdown` rather than writing
        it as front matter, which MkDocs would parse again for each page (1 s of a national build)."""
        # No documentation sidebars: the header's tabs lead to and from every generated page.
        meta: dict[str, object] = {"title": self.title, "template": TEMPLATES[self.kind], "hide": ["navigation", "toc"]}
        if self.description:
            meta["description"] = self.description
        if self.card_subtitle is not None:
            meta["card_subtitle"] = self.card_subtitle
        if self.kind in DIRECTORY_ORDER:
            meta["nav_order"] = DIRECTORY_ORDER[self.kind]
        if self.kind == "notfound":
            meta["search"] = {"exclude": True}
        return meta

    def markdown(self) -> str:
        """The page's source: its body after a blank line, from which MkDocs reads no metadata."""
        return f"\n{self.body}"


def entity_uri(kind: Literal["quartier", "champion"], language: str, slug: str) -> str:
    return f"{language}/{kind}s/{slug}.md"


def not_found_uri(language: str) -> str:
    return f"{language}/404.md"


def not_found_dest(language: str) -> str:
    """Published as `<lang>/404.html`, where static hosts look for a folder's 404 page."""
    return f"{language}/404.html"


def directory_uri(kind: Literal["quartiers", "champions"], language: str) -> str:
    return f"{language}/{kind}/index.md"


def comparison_uri(language: str, criterion: str) -> str:
    """One page per criterion of the charter, e.g. `fr/criteres/networks/`."""
    return f"{language}/{COMPARISON_FOLDER}/{criterion}.md"


def media_folder(kind: Literal["quartier", "champion"], slug: str) -> str:
    """Where a record's image renditions are published: one copy shared by every language."""
    return f"media/{kind}s/{slug}"


def media_items(catalogue: Catalogue) -> Iterator[tuple[str, SourceImage, Role]]:
    """(site folder, checked source, role) of every image the records use."""
    for quartier in catalogue.quartiers.values():
        for image in quartier.record.images:
            yield media_folder("quartier", quartier.slug), catalogue.images[quartier.image_path(image)], "photo"
    for champion in catalogue.champions.values():
        if champion.record.logo is not None:
            source = catalogue.images[champion.image_path(champion.record.logo)]
            yield media_folder("champion", champion.slug), source, "logo"


def plan_pages(catalogue: Catalogue, gettext: Callable[[str, str], str]) -> Iterator[PageSpec]:
    """Every generated page of every language; `gettext(language, msgid)` names the directories."""
    yield PageSpec("index.md", "root", SOURCE_LANGUAGE, "Vitrine")
    for language in catalogue.languages:
        for kind in ("quartiers", "champions"):
            yield PageSpec(directory_uri(kind, language), kind, language, gettext(language, DIRECTORY_TITLES[kind]))
        yield PageSpec(not_found_uri(language), "notfound", language, gettext(language, NOT_FOUND_TITLE))
        for criterion in sorted(catalogue.criteria, key=lambda c: c.number):
            yield _comparison(language, criterion, gettext(language, COMPARISON_TITLE))
        for quartier in catalogue.quartiers.values():
            card = " · ".join(quartier.record.cities)
            yield _entity("quartier", language, quartier, pick(quartier.record.tagline, language), card)
        for champion in catalogue.champions.values():
            record = champion.record
            card = f"{record.city} · {web_address(record.website)}"
            yield _entity("champion", language, champion, pick(record.description, language), card)


def card_texts(
    catalogue: Catalogue | None, titles: Mapping[str, str | None], docs: str
) -> Iterator[tuple[str, str, str]]:
    """What the share cards show of the content, as (file, field, text): each editorial page's title
    (`titles` by page, under the folder `docs`), and of each record (the pages above) its name, and
    its cities, or its city and web address."""
    for src_uri, title in titles.items():
        if title:
            yield f"{docs}/{src_uri}", "title", title
    if catalogue is None:
        return
    for quartier in catalogue.quartiers.values():
        yield quartier.source, "name", quartier.record.name
        yield from ((quartier.source, "cities", city) for city in quartier.record.cities)
    for champion in catalogue.champions.values():
        yield champion.source, "name", champion.record.name
        yield champion.source, "city", champion.record.city
        yield champion.source, "website", web_address(champion.record.website)


def web_address(url: str) -> str:
    """A website as people write it: `doctolib.fr` for https://www.doctolib.fr/."""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    return host + parts.path.rstrip("/") if host else url


def _entity(
    kind: Literal["quartier", "champion"],
    language: str,
    entry: Entry,  # type: ignore[type-arg]
    description: str,
    card_subtitle: str,
) -> PageSpec:
    narrative, fallback = _narrative(entry.narratives, language)
    return PageSpec(
        entity_uri(kind, language, entry.slug),
        kind,
        language,
        title=entry.record.name,
        description=description,
        slug=entry.slug,
        source=entry.source,
        body=narrative.body if narrative else "",
        fallback=fallback,
        card_subtitle=card_subtitle,
    )


def _comparison(language: str, criterion: CriterionDefinition, title: str) -> PageSpec:
    return PageSpec(
        comparison_uri(language, criterion.id),
        "comparison",
        language,
        title=title.format(number=criterion.number, title=pick(criterion.title, language)),
        description=pick(criterion.summary, language),
        slug=criterion.id,
        source=CRITERIA_SOURCE,
    )


def _narrative(narratives: dict[str, Narrative], language: str) -> tuple[Narrative | None, bool]:
    if language in narratives:
        return narratives[language], False
    source = narratives.get(SOURCE_LANGUAGE)
    return source, source is not None
