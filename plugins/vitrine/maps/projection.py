"""Map projections, and fitting a projected area into a box of the SVG.

Projections take degrees and return unitless plane coordinates, y pointing north;
a `Fitted` projection scales and moves them into SVG user units (y pointing down).
France uses the Lambert conformal conic of its official maps (Lambert-93's
parallels, on a sphere), the world Equal Earth, each overseas inset a local
equirectangular projection.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

Point = tuple[float, float]


class Projection(Protocol):
    def __call__(self, lon: float, lat: float) -> Point: ...


@dataclass(frozen=True)
class LambertConic:
    """Conformal conic on a sphere; defaults are Lambert-93's (France's official grid)."""

    parallel1: float = 44.0
    parallel2: float = 49.0
    origin_lat: float = 46.5
    origin_lon: float = 3.0

    def __call__(self, lon: float, lat: float) -> Point:
        p1, p2, p0 = (math.radians(v) for v in (self.parallel1, self.parallel2, self.origin_lat))
        n = math.log(math.cos(p1) / math.cos(p2)) / math.log(_t(p2) / _t(p1))
        f = math.cos(p1) * _t(p1) ** n / n
        rho, rho0 = f / _t(math.radians(lat)) ** n, f / _t(p0) ** n
        angle = n * math.radians(lon - self.origin_lon)
        return rho * math.sin(angle), rho0 - rho * math.cos(angle)


def _t(phi: float) -> float:
    return math.tan(math.pi / 4 + phi / 2)


@dataclass(frozen=True)
class EqualEarth:
    """Šavrič, Patterson and Jenny's equal-area world projection (2018)."""

    def __call__(self, lon: float, lat: float) -> Point:
        a1, a2, a3, a4 = 1.340264, -0.081106, 0.000893, 0.003796
        theta = math.asin(math.sqrt(3) / 2 * math.sin(math.radians(lat)))
        t2 = theta * theta
        t6 = t2 * t2 * t2
        x = 2 * math.sqrt(3) * math.radians(lon) * math.cos(theta)
        x /= 3 * (9 * a4 * t6 * t2 + 7 * a3 * t6 + 3 * a2 * t2 + a1)
        y = theta * (a1 + a2 * t2 + t6 * (a3 + a4 * t2))
        return x, y


@dataclass(frozen=True)
class Equirectangular:
    """Degrees as they are, longitudes shrunk by the cosine of a reference latitude: fine for an island."""

    reference_lat: float

    def __call__(self, lon: float, lat: float) -> Point:
        return lon * math.cos(math.radians(self.reference_lat)), lat


@dataclass(frozen=True)
class Box:
    """A rectangle of the SVG, in user units."""

    x: float
    y: float
    width: float
    height: float

    def contains(self, point: Point) -> bool:
        return self.x <= point[0] <= self.x + self.width and self.y <= point[1] <= self.y + self.height

    def grown(self, margin: float) -> Box:
        return Box(self.x - margin, self.y - margin, self.width + 2 * margin, self.height + 2 * margin)


@dataclass(frozen=True)
class Fitted:
    """`projection` scaled and translated so the fitted area fills `box`, centred, aspect kept."""

    projection: Projection
    scale: float
    dx: float
    dy: float

    def __call__(self, lon: float, lat: float) -> Point:
        x, y = self.projection(lon, lat)
        return x * self.scale + self.dx, -y * self.scale + self.dy


def fit(projection: Projection, area: Iterable[Point], box: Box) -> Fitted:
    """Fit the (lon, lat) points of `area` (e.g. a country's outline or its bounding corners) into `box`."""
    projected = [projection(lon, lat) for lon, lat in area]
    xs, ys = [p[0] for p in projected], [p[1] for p in projected]
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    scale = min(box.width / width, box.height / height)
    dx = box.x + (box.width - width * scale) / 2 - min(xs) * scale
    dy = box.y + (box.height - height * scale) / 2 + max(ys) * scale
    return Fitted(projection, scale, dx, dy)
