"""Outlines made light enough for a page: projected, clamped to the drawn area, simplified,
tiny islands dropped, then written as compact SVG path data (one decimal, relative moves).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence

from .projection import Box, Point, Projection
from .topology import LonLat

PlaneRing = list[Point]


def antimeridian_pieces(ring: Sequence[LonLat]) -> list[list[LonLat]]:
    """A ring that crosses the 180th meridian, as rings that each stay on one side of it.

    Quantized TopoJSON writes +180 and -180 alike: a point on that meridian takes the side
    of its neighbours first; a ring still jumping from one side to the other is cut there,
    each piece closing along the meridian.
    """
    fixed = list(ring)
    for index, (lon, lat) in enumerate(fixed):
        if abs(lon) >= 180 - 1e-9:
            side = _side(fixed, index)
            fixed[index] = (180.0 if side >= 0 else -180.0, lat)
    runs: list[list[LonLat]] = [[fixed[0]]]
    for previous, point in itertools.pairwise(fixed):
        if abs(point[0] - previous[0]) > 180:
            runs.append([])
        runs[-1].append(point)
    if len(runs) > 1:  # the ring is a cycle: its last run continues into its first
        runs[0] = runs.pop() + runs[0]
    return runs


def _side(ring: list[LonLat], index: int) -> float:
    """The longitude of the nearest point before (else after) `index` that is off the 180th meridian."""
    for neighbour in [*ring[index - 1 :: -1], *ring[index + 1 :]]:
        if abs(neighbour[0]) < 180 - 1e-9:
            return neighbour[0]
    return 1.0


def project_ring(ring: Sequence[LonLat], projection: Projection) -> PlaneRing:
    return [projection(lon, lat) for lon, lat in ring]


def clamp(ring: PlaneRing, box: Box) -> PlaneRing:
    """Points outside `box` moved onto its edge: what lies inside stays as drawn, the rest folds away.

    Used with a box a little larger than the visible area, so the folds fall outside it.
    """
    right, bottom = box.x + box.width, box.y + box.height
    return [(min(max(x, box.x), right), min(max(y, box.y), bottom)) for x, y in ring]


def area(ring: PlaneRing) -> float:
    """Unsigned area (shoelace formula)."""
    total = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        total += x1 * y2 - x2 * y1
    return abs(total) / 2


def simplify(ring: PlaneRing, tolerance: float) -> PlaneRing:
    """Douglas-Peucker: keep the points that move the outline by more than `tolerance`."""
    if len(ring) < 4:
        return ring
    keep = [False] * len(ring)
    keep[0] = keep[-1] = True
    stack = [(0, len(ring) - 1)]
    while stack:
        first, last = stack.pop()
        index, distance = _farthest(ring, first, last)
        if distance > tolerance:
            keep[index] = True
            stack.extend(((first, index), (index, last)))
    return [point for point, kept in zip(ring, keep, strict=True) if kept]


def _farthest(ring: PlaneRing, first: int, last: int) -> tuple[int, float]:
    (ax, ay), (bx, by) = ring[first], ring[last]
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    best, best_distance = first, -1.0
    for index in range(first + 1, last):
        px, py = ring[index]
        if length2 == 0:
            distance = ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
        else:
            t = min(max(((px - ax) * dx + (py - ay) * dy) / length2, 0.0), 1.0)
            distance = ((px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2) ** 0.5
        if distance > best_distance:
            best, best_distance = index, distance
    return best, best_distance


def outline(
    rings: Iterable[Sequence[LonLat]],
    projection: Projection,
    *,
    tolerance: float,
    min_area: float,
    within: Box | None = None,
) -> list[PlaneRing]:
    """Projected rings ready to draw: clamped to `within`, simplified, none smaller than `min_area`."""
    drawn = []
    for ring in (piece for whole in rings for piece in antimeridian_pieces(whole)):
        plane = project_ring(ring, projection)
        if within is not None:
            plane = clamp(plane, within)
        plane = simplify(plane, tolerance)
        if len(plane) >= 4 and area(plane) >= min_area:
            drawn.append(plane)
    return drawn


def path_data(rings: Iterable[PlaneRing]) -> str:
    """`M x y l dx dy ... z` per ring, in tenths of a unit: the same rings always give the same text."""
    parts = []
    for ring in rings:
        tenths = [(round(x * 10), round(y * 10)) for x, y in ring]
        (x0, y0), moves = tenths[0], []
        previous = tenths[0]
        for point in tenths[1:]:
            step = (point[0] - previous[0], point[1] - previous[1])
            if step != (0, 0):
                moves.append(step)
                previous = point
        if len(moves) >= 2:
            parts.append(f"M{number(x0)} {number(y0)}l" + _numbers(v for step in moves for v in step) + "z")
    return "".join(parts)


def line_data(points: Sequence[Point]) -> str:
    """An open polyline (`M x y L x y ...`), absolute, in tenths of a unit."""
    words = [f"{number(round(x * 10))} {number(round(y * 10))}" for x, y in points]
    return "M" + words[0] + "".join(f"L{word}" for word in words[1:])


def number(tenths: int) -> str:
    """A coordinate given in tenths, written short: 12.5, -3, .5, -.5."""
    sign = "-" if tenths < 0 else ""
    whole, tenth = divmod(abs(tenths), 10)
    if not tenth:
        return f"{sign}{whole}"
    return f"{sign}{whole if whole else ''}.{tenth}"


def _numbers(values: Iterable[int]) -> str:
    """Numbers separated by a space, or by nothing before a minus sign (SVG allows it)."""
    words = [number(value) for value in values]
    return "".join(word if i == 0 or word.startswith("-") else " " + word for i, word in enumerate(words))
