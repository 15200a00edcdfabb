"""Country outlines read from a TopoJSON file of the `world-atlas` package (Natural Earth).

TopoJSON stores each border once, as a delta-encoded, quantized arc; a country is a
list of polygons, each a list of rings naming its arcs (a negative index, `~i`, runs
arc `i` backwards). This module turns that back into rings of (longitude, latitude).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

LonLat = tuple[float, float]
Ring = list[LonLat]
Polygon = list[Ring]
"""The outer ring first, then its holes."""


class AtlasError(ValueError):
    """The geometry file is missing or not the TopoJSON the maps expect."""


@dataclass(frozen=True)
class Country:
    id: str
    """ISO 3166-1 numeric code, e.g. `250` for France (a few disputed areas have none: empty)."""
    name: str
    polygons: list[Polygon]


@dataclass(frozen=True)
class Topology:
    arcs: list[Ring]
    countries: list[Country]

    def country(self, numeric: str) -> Country:
        for country in self.countries:
            if country.id == numeric:
                return country
        raise AtlasError(f"country {numeric} is not in the atlas")


def load_topology(path: Path, collection: str = "countries") -> Topology:
    """Decode every geometry of `collection`; raise AtlasError naming the file on any surprise."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        arcs = _decode_arcs(data["arcs"], data.get("transform"))
        geometries = data["objects"][collection]["geometries"]
        countries = [_country(geometry, arcs) for geometry in geometries]
    except FileNotFoundError:
        raise AtlasError(f"{path} is missing: run `npm ci` (see README)") from None
    except (ValueError, KeyError, TypeError, IndexError) as exc:
        raise AtlasError(f"{path}: not a TopoJSON file of countries ({type(exc).__name__}: {exc})") from None
    return Topology(arcs, countries)


def _decode_arcs(raw: list[list[list[float]]], transform: dict[str, Any] | None) -> list[Ring]:
    if transform is None:  # an unquantized topology holds plain positions
        return [[(float(x), float(y)) for x, y, *_ in arc] for arc in raw]
    (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
    decoded = []
    for arc in raw:
        x = y = 0.0
        points = []
        for dx, dy, *_ in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _country(geometry: dict[str, Any], arcs: list[Ring]) -> Country:
    kind = geometry.get("type")
    if kind == "Polygon":
        polygons = [geometry["arcs"]]
    elif kind == "MultiPolygon":
        polygons = geometry["arcs"]
    else:  # a null geometry (no land at this scale)
        polygons = []
    name = str((geometry.get("properties") or {}).get("name", ""))
    return Country(str(geometry.get("id", "")), name, [[_ring(ring, arcs) for ring in polygon] for polygon in polygons])


def _ring(indexes: list[int], arcs: list[Ring]) -> Ring:
    ring: Ring = []
    for index in indexes:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(points if not ring else points[1:])  # consecutive arcs share their end point
    return ring
