"""Where the network lands on the base maps: one place per quartier and partner capital,
one line per (quartier, partner) pair.

A French quartier goes on the France map (in its overseas inset when it lies there);
every other place, and a French one outside every area of that map, on the world map.
Lines follow the great circle from the quartier to the capital, on the world map.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from ..model.records import CapitalDefinition, Quartier, QuartierKind
from ..model.records import Point as Location
from .atlas import Atlas, BaseMap
from .geometry import line_data
from .projection import Point

Kind = QuartierKind | Literal["capital"]
STEPS = 48


@dataclass(frozen=True)
class Place:
    slug: str
    kind: Kind
    x: float
    y: float
    area: str = ""
    """The inset's department code on the France map; empty for the main area."""


@dataclass(frozen=True)
class Line:
    quartier: str
    capital: str
    d: str
    """SVG path data on the world map."""


@dataclass(frozen=True)
class Network:
    france: list[Place]
    world: list[Place]
    lines: list[Line]

    @property
    def places(self) -> list[Place]:
        return self.france + self.world


def plan_network(atlas: Atlas, quartiers: Mapping[str, Quartier], capitals: Mapping[str, CapitalDefinition]) -> Network:
    """Every quartier placed, partner capitals placed once each, lines in (quartier, capital) order.

    Capitals come first on the world map: drawn beneath, a hub in the same city stays on top.
    """
    france: list[Place] = []
    world_projection = atlas.world.areas[0].projection
    pairs = [(slug, capital) for slug, quartier in sorted(quartiers.items()) for capital in quartier.partners]
    world = [
        Place(slug, "capital", *world_projection(capitals[slug].location.lon, capitals[slug].location.lat))
        for slug in sorted({capital for _, capital in pairs})
    ]
    for slug, quartier in sorted(quartiers.items()):
        lon, lat = quartier.location.lon, quartier.location.lat
        area = atlas.france.area_of(lon, lat) if quartier.country == "FR" else None
        if area is not None:
            france.append(Place(slug, quartier.kind, *area.projection(lon, lat), area.code))
        else:
            world.append(Place(slug, quartier.kind, *world_projection(lon, lat)))
    lines = [_line(atlas.world, quartiers[q].location, capitals[c].location, q, c) for q, c in pairs]
    return Network(france, world, lines)


def _line(world: BaseMap, start: Location, end: Location, quartier: str, capital: str) -> Line:
    arc = great_circle((start.lon, start.lat), (end.lon, end.lat))
    points = [world.areas[0].projection(lon, lat) for lon, lat in arc]
    return Line(quartier, capital, _broken(points, world.width))


def great_circle(a: tuple[float, float], b: tuple[float, float], steps: int = STEPS) -> list[tuple[float, float]]:
    """(lon, lat) points along the shorter great-circle arc from a to b, both ends included."""
    u, v = _vector(*a), _vector(*b)
    omega = math.acos(max(-1.0, min(1.0, sum(p * q for p, q in zip(u, v, strict=True)))))
    if omega < 1e-9:
        return [a, b]
    points = []
    for i in range(steps + 1):
        t = i / steps
        s1, s2 = math.sin((1 - t) * omega) / math.sin(omega), math.sin(t * omega) / math.sin(omega)
        x, y, z = (s1 * p + s2 * q for p, q in zip(u, v, strict=True))
        points.append((math.degrees(math.atan2(y, x)), math.degrees(math.asin(max(-1.0, min(1.0, z))))))
    return points


def _vector(lon: float, lat: float) -> tuple[float, float, float]:
    lam, phi = math.radians(lon), math.radians(lat)
    return math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi)


def _broken(points: list[Point], width: float) -> str:
    """Path data, restarting where the arc crosses the antimeridian (from one edge to the other)."""
    runs: list[list[Point]] = [[points[0]]]
    for previous, point in itertools.pairwise(points):
        if abs(point[0] - previous[0]) > width / 2:
            runs.append([])
        runs[-1].append(point)
    return "".join(line_data(run if len(run) > 1 else run * 2) for run in runs)
