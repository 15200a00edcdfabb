"""The map page of one language: both maps drawn with its names, and the same network as lists.

Names come from the records (city names, capitals per language) and from Babel
(countries, overseas departments); interface strings from the gettext catalogues.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal, get_args

from markupsafe import Markup

from ..i18n.formatting import Formatter
from ..i18n.messages import N_
from ..model.records import SOURCE_LANGUAGE, CapitalDefinition, Quartier, QuartierKind
from .atlas import Atlas
from .network import Network, Place
from .svg import Drawing, Marker, render

TITLE = N_("Network map")
FRANCE_TITLE = N_("Map of France: every quartier of the network, the overseas departments in insets")
WORLD_TITLE = N_("World map: the hubs abroad, the partner capitals and a line from each quartier to its partners")
PARTNER_CAPITAL = N_("Partner capital")


@dataclass(frozen=True)
class MapPage:
    """What `overrides/map.html` shows."""

    france_svg: Markup
    world_svg: Markup
    france: list[tuple[str, Quartier]]
    """Quartiers on the France map, by name."""
    abroad: list[tuple[str, Quartier]]
    """Quartiers on the world map, by name."""
    capitals: list[tuple[str, CapitalDefinition, list[tuple[str, Quartier]]]]
    """Partner capitals, by slug, with the quartiers naming them."""

    @staticmethod
    def capital_anchor(slug: str) -> str:
        return f"capital-{slug}"

    @property
    def france_kinds(self) -> list[QuartierKind]:
        """The kinds drawn on the France map: its legend names these and no other."""
        return _kinds(self.france)

    @property
    def world_kinds(self) -> list[QuartierKind]:
        """The kinds of quartier drawn on the world map."""
        return _kinds(self.abroad)


@dataclass(frozen=True)
class HomeMap:
    """What `overrides/landing.html` shows of the maps: France, and the map page's address."""

    france_svg: Markup
    page: str
    """Site-relative address of the map page, where the same network is also given as lists."""


def _kinds(entries: list[tuple[str, Quartier]]) -> list[QuartierKind]:
    present = {quartier.kind for _slug, quartier in entries}
    return [kind for kind in get_args(QuartierKind) if kind in present]


def map_page(
    atlas: Atlas,
    network: Network,
    quartiers: Mapping[str, Quartier],
    capitals: Mapping[str, CapitalDefinition],
    language: str,
    direction: Literal["ltr", "rtl"],
    gettext: Callable[[str], str],
    href: Callable[[str], str],
) -> MapPage:
    """`href(slug)` is the address of a quartier's page from the map page."""
    fmt = Formatter(language)
    names = Names(quartiers, capitals, language, fmt, gettext, href)
    france = france_map(atlas, network, names, direction)
    world = render(
        atlas.world,
        [names.marker(place) for place in network.world],
        network.lines,
        Drawing("vt-map-world", gettext(WORLD_TITLE), direction, font_size=16),
    )
    partners = {
        slug: [(q, quartiers[q]) for q in sorted(quartiers) if slug in quartiers[q].partners]
        for slug in sorted({place.slug for place in network.world if place.kind == "capital"})
    }
    return MapPage(
        france,
        Markup(world),
        _by_name(quartiers, network.france),
        _by_name(quartiers, [p for p in network.world if p.kind != "capital"]),
        [(slug, capitals[slug], quartier_list) for slug, quartier_list in partners.items()],
    )


def france_map(
    atlas: Atlas, network: Network, names: Names, direction: Literal["ltr", "rtl"], neighbours: bool = True
) -> Markup:
    """Every quartier in France, each point a link; the overseas departments in insets; the
    neighbouring countries unless `neighbours` is False (the home's map: 2.9 KB gzip less)."""
    captions = {area.code: names.fmt.country(area.code) for area in atlas.france.areas if area.code}
    drawing = Drawing("vt-map-france", names.gettext(FRANCE_TITLE), direction, captions, 21, neighbours)
    return Markup(render(atlas.france, [names.marker(place) for place in network.france], [], drawing))


def _by_name(quartiers: Mapping[str, Quartier], places: list[Place]) -> list[tuple[str, Quartier]]:
    return sorted(((p.slug, quartiers[p.slug]) for p in places), key=lambda item: item[1].name.casefold())


@dataclass(frozen=True)
class Names:
    """How the points of a map are named and where each leads, in one language."""

    quartiers: Mapping[str, Quartier]
    capitals: Mapping[str, CapitalDefinition]
    language: str
    fmt: Formatter
    gettext: Callable[[str], str]
    href: Callable[[str], str]

    def marker(self, place: Place) -> Marker:
        if place.kind == "capital":
            names = self.capitals[place.slug].name
            label = names.get(self.language) or names[SOURCE_LANGUAGE]
            lang = "" if self.language in names else SOURCE_LANGUAGE
            name = f"{label} ({self.gettext(PARTNER_CAPITAL)})"
            return Marker(place, f"#{MapPage.capital_anchor(place.slug)}", label, name, lang)
        quartier = self.quartiers[place.slug]
        abroad = quartier.country != "FR"
        label = self.fmt.country(quartier.country) if abroad else quartier.cities[0]
        name = quartier.name if label in quartier.name else f"{quartier.name} ({label})"
        return Marker(place, self.href(place.slug), label, name)
