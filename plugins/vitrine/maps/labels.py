"""Where each point's name goes: beside its marker, clear of other names and markers.

Greedy and deterministic: points are taken in the order given, each trying eight
positions around its marker and keeping the first that overlaps least. Text width
is estimated from the characters (wide East Asian characters count one em), which
is close enough for the site's fonts at map sizes.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from .projection import Box

Anchor = Literal["start", "middle", "end"]
NARROW, WIDE, SPACE = 0.56, 1.0, 0.28
"""Average advance of a character, in em."""


@dataclass(frozen=True)
class Spot:
    """A marker to name: its centre, radius and text."""

    x: float
    y: float
    radius: float
    text: str


@dataclass(frozen=True)
class Placement:
    x: float
    y: float
    """Where the text's baseline starts (`start`), is centred (`middle`) or ends (`end`), left to right."""
    anchor: Anchor
    box: Box


def text_width(text: str, size: float) -> float:
    ems = sum(SPACE if char == " " else WIDE if unicodedata.east_asian_width(char) in "WF" else NARROW for char in text)
    return ems * size


def place_labels(spots: Sequence[Spot], size: float, bounds: Box, obstacles: Sequence[Box] = ()) -> list[Placement]:
    """One placement per spot, in the same order."""
    markers = [Box(s.x - s.radius, s.y - s.radius, 2 * s.radius, 2 * s.radius) for s in spots]
    taken = [_edges(box) for box in [*markers, *obstacles]]
    placements = []
    for spot in spots:
        ranked = enumerate(_candidates(spot, size))
        _, best = min(ranked, key=lambda item: _cost(item[1].box, taken, bounds, item[0]))
        placements.append(best)
        taken.append(_edges(best.box))
    return placements


def _candidates(spot: Spot, size: float) -> list[Placement]:
    width, gap = text_width(spot.text, size), spot.radius + size * 0.25
    ascent, descent = size * 0.75, size * 0.25
    x, y, middle = spot.x, spot.y, spot.y + size * 0.35
    options: list[tuple[float, float, Anchor]] = [
        (x + gap, middle, "start"),
        (x - gap, middle, "end"),
        (x, y - gap - descent, "middle"),
        (x, y + gap + ascent, "middle"),
        (x + gap * 0.7, y - gap * 0.7 - descent, "start"),
        (x + gap * 0.7, y + gap * 0.7 + ascent, "start"),
        (x - gap * 0.7, y - gap * 0.7 - descent, "end"),
        (x - gap * 0.7, y + gap * 0.7 + ascent, "end"),
    ]
    placements = []
    for px, py, anchor in options:
        left = px if anchor == "start" else px - width if anchor == "end" else px - width / 2
        placements.append(Placement(px, py, anchor, Box(left, py - ascent, width, ascent + descent)))
    return placements


Edges = tuple[float, float, float, float]
"""A box as (left, top, right, bottom)."""


def _edges(box: Box) -> Edges:
    return box.x, box.y, box.x + box.width, box.y + box.height


def _cost(box: Box, taken: list[Edges], bounds: Box, rank: int) -> float:
    """Area overlapping the names and markers already placed, plus what falls outside `bounds`.

    Every candidate is checked against every box taken (a national map has about 150 names):
    boxes apart on the x axis, most of them, are passed over before any product is taken."""
    left, top, right, bottom = _edges(box)
    overlap = 0.0
    for other_left, other_top, other_right, other_bottom in taken:
        width = min(right, other_right) - max(left, other_left)
        if width > 0:
            height = min(bottom, other_bottom) - max(top, other_top)
            if height > 0:
                overlap += width * height
    inside = _overlap(box, bounds)
    outside = box.width * box.height - inside
    return overlap + 4 * outside + rank * 0.01


def _overlap(a: Box, b: Box) -> float:
    width = min(a.x + a.width, b.x + b.width) - max(a.x, b.x)
    height = min(a.y + a.height, b.y + b.height) - max(a.y, b.y)
    return max(width, 0) * max(height, 0)
