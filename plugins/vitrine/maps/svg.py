"""The SVG markup of one map in one language: base map, lines, then one link per place.

Only structure and classes are written here: colours come from the identity's CSS
(`vitrine.css` styles the classes with `var(--vt-*)`), so dark mode follows and the
strict CSP (no `style=`) holds. Each place is an `<a>` naming itself with `<title>`,
its visible name beside it; shapes, frames, captions and lines are hidden from
assistive technology, which gets the links and the list under the maps.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape
from typing import Literal

from .atlas import CAPTION, BaseMap
from .geometry import number
from .labels import Anchor, Placement, Spot, place_labels
from .network import Kind, Line, Place
from .projection import Box

RADIUS: dict[Kind, float] = {"metropole": 8, "thematic": 8, "capitale": 8, "community": 7, "hub": 7, "capital": 11}
HIT = 15
"""Radius of the invisible disc that makes a point easy to click or tap."""
FLIPPED: dict[Anchor, Anchor] = {"start": "end", "middle": "middle", "end": "start"}


@dataclass(frozen=True)
class Marker:
    place: Place
    href: str
    label: str
    """The visible name, in the page's language where one exists."""
    name: str
    """The link's accessible name (its `<title>`); it contains `label`."""
    lang: str = ""
    """Language of `label` when it is not the page's (a French fallback)."""


@dataclass(frozen=True)
class Drawing:
    """What one map says in one language."""

    id: str
    title: str
    direction: Literal["ltr", "rtl"] = "ltr"
    captions: Mapping[str, str] | None = None
    """Inset code -> its caption (the department's name)."""
    font_size: float = 18
    neighbours: bool = True
    """Draw the land around the home country (the map page); a way in (the home's map) goes without."""


def render(base: BaseMap, markers: Sequence[Marker], lines: Sequence[Line], drawing: Drawing) -> str:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="vt-map-svg" id="{drawing.id}" '
        f'viewBox="0 0 {_n(base.width)} {_n(base.height)}" role="group" aria-labelledby="{drawing.id}-title" '
        f'direction="{drawing.direction}" font-size="{_n(drawing.font_size)}">'
        f'<title id="{drawing.id}-title">{escape(drawing.title)}</title>'
    )
    parts = [head, _background(base, drawing), _lines(lines), _points(base, markers, drawing), "</svg>"]
    return "".join(parts)


def _background(base: BaseMap, drawing: Drawing) -> str:
    parts = ['<g aria-hidden="true">']
    if base.land and drawing.neighbours:
        parts.append(f'<path class="vt-map-land" d="{base.land}"/>')
    parts.append(f'<path class="vt-map-home" d="{base.home}"/>')
    if len(base.areas) > 1:
        for area in base.areas:
            box = area.box
            parts.append(
                f'<rect class="vt-map-border" x="{_n(box.x)}" y="{_n(box.y)}" '
                f'width="{_n(box.width)}" height="{_n(box.height)}"/>'
            )
            caption = (drawing.captions or {}).get(area.code, "")
            if caption:
                # at the frame's start: its left edge, or its right edge in a right-to-left drawing
                x = box.x + box.width - 8 if drawing.direction == "rtl" else box.x + 8
                parts.append(
                    f'<text class="vt-map-caption" x="{_n(x)}" y="{_n(box.y + CAPTION - 10)}" '
                    f'text-anchor="start">{escape(caption)}</text>'
                )
    parts.append("</g>")
    return "".join(parts)


def _lines(lines: Sequence[Line]) -> str:
    if not lines:
        return ""
    paths = "".join(
        f'<path class="vt-map-line" data-quartier="{line.quartier}" data-capital="{line.capital}" d="{line.d}"/>'
        for line in lines
    )
    return f'<g class="vt-map-lines" aria-hidden="true">{paths}</g>'


def _points(base: BaseMap, markers: Sequence[Marker], drawing: Drawing) -> str:
    placements = _placements(base, markers, drawing.font_size)
    links = "".join(_point(marker, placements[i], _reach(markers, i), drawing) for i, marker in enumerate(markers))
    return f'<g class="vt-map-points">{links}</g>'


def _placements(base: BaseMap, markers: Sequence[Marker], size: float) -> list[Placement]:
    """Names placed area by area, each kept inside its own frame and off the inset captions."""
    placements: dict[int, Placement] = {}
    for area in base.areas:
        indexes = [i for i, m in enumerate(markers) if m.place.area == area.code]
        spots = [Spot(markers[i].place.x, markers[i].place.y, _reach(markers, i), markers[i].label) for i in indexes]
        caption = [Box(area.box.x, area.box.y, area.box.width, CAPTION)] if area.code else []
        for index, placement in zip(indexes, place_labels(spots, size, area.box.grown(-4), caption), strict=True):
            placements[index] = placement
    return [placements[i] for i in range(len(markers))]


def _reach(markers: Sequence[Marker], index: int) -> float:
    """The radius a name must clear: the largest marker drawn at this point (a hub inside a capital's ring)."""
    here = markers[index].place
    return max(
        RADIUS[m.place.kind]
        for m in markers
        if m.place.area == here.area and abs(m.place.x - here.x) < 4 and abs(m.place.y - here.y) < 4
    )


def _point(marker: Marker, placement: Placement, reach: float, drawing: Drawing) -> str:
    place = marker.place
    x, y, r = place.x, place.y, RADIUS[place.kind]
    # inside a larger marker (a hub in its capital's ring), only the inner disc is this point's
    hit = HIT if reach <= r else r + 2
    lang = f' lang="{marker.lang}"' if marker.lang else ""
    area = f' data-area="{place.area}"' if place.area else ""
    return (
        f'<a href="{escape(marker.href)}" class="vt-map-point" data-kind="{place.kind}" data-slug="{place.slug}"{area}>'
        f"<title>{escape(marker.name)}</title>"
        f'<circle class="vt-map-hit" cx="{_n(x)}" cy="{_n(y)}" r="{_n(hit)}"/>'
        f"{_shape(place.kind, x, y, r)}"
        f'<text class="vt-map-label" x="{_n(placement.x)}" y="{_n(placement.y)}" '
        f'text-anchor="{_anchor(placement.anchor, drawing)}"{lang}>{escape(marker.label)}</text></a>'
    )


def _shape(kind: Kind, x: float, y: float, r: float) -> str:
    # Kinds that share a map are told apart by shape, not colour alone (the legend draws the same).
    if kind == "thematic":  # a diamond
        s = _n(r + 1)
        return f'<path class="vt-map-marker" d="M{_n(x)} {_n(y - r - 1)}l{s} {s}-{s} {s}-{s}-{s}z"/>'
    if kind == "capitale":  # a square
        side = _n(2 * (r - 1))
        return f'<path class="vt-map-marker" d="M{_n(x - r + 1)} {_n(y - r + 1)}h{side}v{side}h-{side}z"/>'
    if kind == "community":  # a triangle, point up
        s, base = _n(r + 1), _n(2 * (r + 1))
        return f'<path class="vt-map-marker" d="M{_n(x)} {_n(y - r - 1)}l{s} {base}h-{base}z"/>'
    return f'<circle class="vt-map-marker" cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}"/>'


def _anchor(anchor: Anchor, drawing: Drawing) -> Anchor:
    """Placements are computed left to right; in a right-to-left drawing `start` is the right end."""
    return FLIPPED[anchor] if drawing.direction == "rtl" else anchor


def _n(value: float) -> str:
    return number(round(value * 10))
