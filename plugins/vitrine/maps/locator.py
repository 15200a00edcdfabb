"""The locator mini-map of a record page: a base map drawn small, the record's quartiers marked.

Each base map's outline, inset frames and the network's other points, faint, are drawn once per
build into one shared SVG file (`Locator.files`, under `assets/maps/`, its name carrying a hash
of its content so a browser may keep it). A page's inline drawing refers to that file's parts
with `<use>` and adds only its marked points and its title, in its language: about 300 bytes
where the whole outline was 6 to 10 KB on each of thousands of pages. The drawing has no text,
so it is the same in both directions. Colours come from `vitrine.css` (`vt-locator-*` classes
with identity tokens, set on the `<use>` elements and inherited by the shared shapes), so dark
mode follows and no `style=` is written.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from typing import Literal

from babel.lists import format_list
from markupsafe import Markup

from ..i18n.formatting import Formatter
from ..i18n.messages import N_
from ..model.records import Quartier
from .atlas import Atlas, BaseMap
from .geometry import number
from .network import Network, Place
from .projection import Box, Point

FRANCE_TITLE = N_("{names} on the map of France")
WORLD_TITLE = N_("{names} on the world map")
Base = Literal["mainland", "france", "world"]
"""Metropolitan France alone; France with its overseas insets; the world."""
OTHER, HERE, RING = 5.0, 12.0, 24.0
"""Radii: another quartier of the network, a marked one, the ring around a marked one."""
MARGIN = 30.0
FOLDER = "assets/maps"
"""Where the shared drawings are published, relative to the site's root."""


@dataclass(frozen=True)
class Background:
    view: Box
    svg: str
    """The shared file: the outline (`#land`), the inset frames (`#frames`) and the other
    quartiers (`#others`), everything but the marked points."""
    parts: tuple[tuple[str, str], ...]
    """Each part of the file a page shows: its id and the class its `<use>` takes."""
    path: str
    """The file's path from the site's root, named after its content."""


class Locator:
    """The locator mini-maps of one build: backgrounds drawn here, marked points per page."""

    def __init__(self, atlas: Atlas, network: Network, quartiers: Mapping[str, Quartier]) -> None:
        self.atlas = atlas
        self.quartiers = quartiers
        self.france = {place.slug: place for place in network.france}
        abroad = [place for place in network.world if place.kind != "capital"]
        mainland = [place for place in network.france if not place.area]
        main = atlas.france.areas[0].box
        self.backgrounds: dict[Base, Background] = {
            "mainland": _background("mainland", atlas.france, main.grown(MARGIN), mainland, frames=False),
            "france": _background("france", atlas.france, _whole(atlas.france), network.france, frames=True),
            "world": _background("world", atlas.world, _whole(atlas.world), abroad, frames=False),
        }

    def base(self, slugs: Sequence[str]) -> Base:
        """Metropolitan France when every quartier is there; France with its insets when every one is
        in France; else the world, France included."""
        if all(slug in self.france for slug in slugs):
            return "mainland" if all(not self.france[slug].area for slug in slugs) else "france"
        return "world"

    def files(self) -> dict[str, str]:
        """The shared drawings to publish: path from the site's root -> SVG text."""
        return {background.path: background.svg for background in self.backgrounds.values()}

    def draw(
        self, slugs: Sequence[str], language: str, gettext: Callable[[str], str], href: Callable[[str], str]
    ) -> Markup:
        """The mini-map marking `slugs`, named for screen readers after their quartiers' names.

        `href` turns a shared file's path from the site's root into a URL from the page."""
        base = self.base(slugs)
        names = format_list([self.quartiers[slug].name for slug in slugs], locale=Formatter(language).locale)
        wording = WORLD_TITLE if base == "world" else FRANCE_TITLE  # not inside gettext(): Babel would extract "world"
        title = gettext(wording).format(names=names)
        background = self.backgrounds[base]
        view = background.view
        marks = "".join(_mark(slug, self._point(slug, base)) for slug in slugs)
        url = escape(href(background.path))
        shared = "".join(f'<use class="{cls}" href="{url}#{part}"/>' for part, cls in background.parts)
        return Markup(
            f'<svg xmlns="http://www.w3.org/2000/svg" class="vt-locator-svg" data-base="{base}" '
            f'viewBox="{_n(view.x)} {_n(view.y)} {_n(view.width)} {_n(view.height)}" role="img" '
            f'aria-labelledby="vt-locator-title"><title id="vt-locator-title">{escape(title)}</title>'
            f"{shared}{marks}</svg>"
        )

    def _point(self, slug: str, base: Base) -> Point:
        if base != "world":
            place = self.france[slug]
            return place.x, place.y
        location = self.quartiers[slug].location
        return self.atlas.world.areas[0].projection(location.lon, location.lat)


def _background(name: str, base: BaseMap, view: Box, others: Sequence[Place], *, frames: bool) -> Background:
    """The shared file of one base. `vector-effect` is not inherited, so the shapes carry it."""
    areas = base.areas if frames else base.areas[:1]
    fixed = 'vector-effect="non-scaling-stroke"'
    land = "".join(f'<path {fixed} d="{area.sketch}"/>' for area in areas if area.sketch)
    insets = "".join(
        f'<rect {fixed} x="{_n(a.box.x)}" y="{_n(a.box.y)}" width="{_n(a.box.width)}" height="{_n(a.box.height)}"/>'
        for a in areas[1:]
    )
    dots = "".join(f'<circle cx="{_n(p.x)}" cy="{_n(p.y)}" r="{_n(OTHER)}"/>' for p in others)
    parts = [("land", "vt-locator-land", land)]
    if insets:
        parts.append(("frames", "vt-locator-frame", insets))
    parts.append(("others", "vt-locator-others", dots))
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="{_n(view.x)} {_n(view.y)} {_n(view.width)} {_n(view.height)}">'
        + "".join(f'<g id="{part}">{shapes}</g>' for part, _, shapes in parts)
        + "</svg>\n"
    )
    digest = hashlib.sha256(svg.encode()).hexdigest()[:8]
    return Background(view, svg, tuple((part, cls) for part, cls, _ in parts), f"{FOLDER}/locator-{name}.{digest}.svg")


def _mark(slug: str, point: Point) -> str:
    x, y = _n(point[0]), _n(point[1])
    return (
        f'<g class="vt-locator-here" data-slug="{escape(slug)}">'
        f'<circle class="vt-locator-ring" cx="{x}" cy="{y}" r="{_n(RING)}"/>'
        f'<circle class="vt-locator-point" cx="{x}" cy="{y}" r="{_n(HERE)}"/></g>'
    )


def _whole(base: BaseMap) -> Box:
    return Box(0, 0, base.width, base.height)


def _n(value: float) -> str:
    """Whole units: a third of a pixel at the size a locator is shown."""
    return number(round(value) * 10)
