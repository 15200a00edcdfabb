"""The two base maps, drawn once per build: outlines, frames and the projection of each area.

France: metropolitan France and Corsica with their neighbours on the right, the five
overseas departments as insets in a column on the left (each at its own scale, in the
order of their codes 971-976). World: every country but Antarctica, France marked.
Geometry: `countries-50m.json` for France (1:50m keeps the small islands) and
`countries-110m.json` for the world, from the `world-atlas` package.
"""

from __future__ import annotations

import hashlib
import math
import pickle
from dataclasses import dataclass
from pathlib import Path

from ..images.pipeline import write_atomically
from .geometry import PlaneRing, outline, path_data
from .projection import Box, EqualEarth, Equirectangular, Fitted, LambertConic, fit
from .topology import Polygon, Topology, load_topology

FRANCE = "250"
ANTARCTICA = "010"
ATLAS_PACKAGE = "world-atlas"
FRANCE_FILE = "countries-50m.json"
WORLD_FILE = "countries-110m.json"
CODE = ("atlas.py", "geometry.py", "projection.py", "topology.py")
"""The modules that draw the base maps: a change to any draws them again."""

FRANCE_SIZE = (1000.0, 860.0)
MAINLAND = Box(205, 1.5, 793, 857)
MAINLAND_AREA = (-5.3, 41.3, 9.7, 51.15)
"""west, south, east, north: metropolitan France and Corsica."""
NEIGHBOURS_AREA = (-12.0, 35.0, 22.0, 58.0)
INSET_WIDTH, INSET_HEIGHT, INSET_GAP, CAPTION = 190.0, 158.0, 17.0, 30.0
SKETCH = (1.5, 30.0)
"""Tolerance and smallest island of the locator mini-maps' outlines (about a third of the map page's
size: coarser, in whole units); the world's, wider for the same screen size, is coarser still."""
WORLD_SKETCH = (2.5, 20.0)
WORLD_WIDTH = 1000.0
WORLD_LATITUDES = (-57.0, 84.0)


@dataclass(frozen=True)
class InsetArea:
    code: str
    """ISO 3166-1 alpha-2 code of the department, for its name (Babel)."""
    bounds: tuple[float, float, float, float]
    """west, south, east, north, in degrees."""

    def covers(self, lon: float, lat: float, margin: float = 0.5) -> bool:
        west, south, east, north = self.bounds
        return west - margin <= lon <= east + margin and south - margin <= lat <= north + margin


OVERSEAS = (
    InsetArea("GP", (-61.85, 15.83, -61.0, 16.52)),
    InsetArea("MQ", (-61.25, 14.38, -60.8, 14.9)),
    InsetArea("GF", (-54.65, 2.1, -51.6, 5.8)),
    InsetArea("RE", (55.2, -21.4, 55.85, -20.85)),
    InsetArea("YT", (45.0, -13.02, 45.3, -12.62)),
)


@dataclass(frozen=True)
class Area:
    """A framed part of a map: where it is drawn and how (lon, lat) land in it."""

    box: Box
    projection: Fitted
    code: str = ""
    """The inset's department code; empty for the main area."""
    sketch: str = ""
    """Path data of the land this area shows (France; every country on the world map), drawn coarser
    for the locator mini-maps of record pages."""


@dataclass(frozen=True)
class BaseMap:
    width: float
    height: float
    areas: list[Area]
    """The main area first, then the insets."""
    land: str
    """Path data of the countries around (France map) or of every country (world)."""
    home: str
    """Path data of France."""

    def area_of(self, lon: float, lat: float) -> Area | None:
        """The inset showing (lon, lat), else the main area when it shows it, else None."""
        for area in self.areas[1:]:
            if any(inset.code == area.code and inset.covers(lon, lat) for inset in OVERSEAS):
                return area
        main = self.areas[0]
        return main if main.box.contains(main.projection(lon, lat)) else None


@dataclass(frozen=True)
class Atlas:
    france: BaseMap
    world: BaseMap


def load_atlas(packages: Path, cache: Path | None = None) -> Atlas:
    """Both base maps from the installed `world-atlas` package (AtlasError when it is missing).

    With `cache`, a folder: the maps drawn once are kept there, under a name made of the atlas
    files' bytes and of this code's (decoding and simplifying both took 0.8 s of every build).
    An entry that cannot be read is drawn again.
    """
    folder = packages / ATLAS_PACKAGE
    sources = [folder / FRANCE_FILE, folder / WORLD_FILE]
    kept = _kept(cache, sources) if cache is not None else None
    if kept is not None and kept.is_file():
        try:
            with kept.open("rb") as stream:
                atlas = pickle.load(stream)  # our own cache, written below
            if isinstance(atlas, Atlas):
                return atlas
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
            pass
    atlas = Atlas(france_map(load_topology(sources[0])), world_map(load_topology(sources[1])))
    if kept is not None:
        write_atomically(kept, pickle.dumps(atlas, protocol=pickle.HIGHEST_PROTOCOL))
    return atlas


def _kept(cache: Path, sources: list[Path]) -> Path | None:
    """The cache entry for these atlas files; None when one is missing (loading then says so)."""
    digest = hashlib.sha256()
    code = Path(__file__).parent
    try:
        for path in [*sources, *(code / name for name in CODE)]:
            digest.update(path.read_bytes())
    except OSError:
        return None
    return cache / f"atlas-{digest.hexdigest()[:20]}.pickle"


def france_map(topology: Topology) -> BaseMap:
    france = topology.country(FRANCE).polygons
    projection = fit(LambertConic(), _corners(MAINLAND_AREA, steps=8), MAINLAND)
    mainland = [p for p in france if _within(p, MAINLAND_AREA)]
    home = outline(_rings(mainland), projection, tolerance=0.6, min_area=6)
    around = [p for c in topology.countries if c.id != FRANCE for p in c.polygons if _within(p, NEIGHBOURS_AREA)]
    land = outline(_rings(around), projection, tolerance=0.6, min_area=6, within=MAINLAND)
    areas = [Area(MAINLAND, projection, sketch=_sketch(mainland, projection, SKETCH))]
    for index, inset in enumerate(OVERSEAS):
        frame = Box(1, 1 + index * (INSET_HEIGHT + INSET_GAP), INSET_WIDTH, INSET_HEIGHT)
        inner = Box(frame.x + 8, frame.y + CAPTION, frame.width - 16, frame.height - CAPTION - 8)
        fitted = fit(Equirectangular(_middle(inset.bounds)), _corners(inset.bounds), inner)
        shapes = [p for p in france if _within(p, inset.bounds)]
        areas.append(Area(frame, fitted, inset.code, _sketch(shapes, fitted, (SKETCH[0], 3))))
        home += outline(_rings(shapes), fitted, tolerance=0.4, min_area=3)
    return BaseMap(*FRANCE_SIZE, areas, path_data(land), path_data(home))


def world_map(topology: Topology) -> BaseMap:
    south, north = WORLD_LATITUDES
    projection = EqualEarth()
    corners = [(-180.0, 0.0), (180.0, 0.0), (0.0, north), (0.0, south)]
    top, bottom = projection(0, north)[1], projection(0, south)[1]
    height = math.ceil(WORLD_WIDTH * (top - bottom) / (2 * projection(180, 0)[0]))
    box = Box(0, 0, WORLD_WIDTH, height)
    fitted = fit(projection, corners, box)
    countries = [c for c in topology.countries if c.id != ANTARCTICA]
    land: list[PlaneRing] = []
    home: list[PlaneRing] = []
    for country in countries:
        rings = outline(_rings(country.polygons), fitted, tolerance=0.5, min_area=1.5, within=box)
        (home if country.id == FRANCE else land).extend(rings)
    sketch = _sketch([p for c in countries for p in c.polygons], fitted, WORLD_SKETCH, within=box)
    return BaseMap(WORLD_WIDTH, height, [Area(box, fitted, sketch=sketch)], path_data(land), path_data(home))


def _sketch(
    polygons: list[Polygon], projection: Fitted, coarseness: tuple[float, float], within: Box | None = None
) -> str:
    """Path data of `polygons` for a locator: simplified further, in whole units (a third of the bytes)."""
    tolerance, min_area = coarseness
    rings = outline(_rings(polygons), projection, tolerance=tolerance, min_area=min_area, within=within)
    return path_data([(round(x), round(y)) for x, y in ring] for ring in rings)


def _rings(polygons: list[Polygon]) -> list[list[tuple[float, float]]]:
    return [ring for polygon in polygons for ring in polygon]


def _within(polygon: Polygon, bounds: tuple[float, float, float, float]) -> bool:
    """Whether the polygon's outer ring reaches into `bounds`."""
    west, south, east, north = bounds
    return any(west <= lon <= east and south <= lat <= north for lon, lat in polygon[0])


def _middle(bounds: tuple[float, float, float, float]) -> float:
    return (bounds[1] + bounds[3]) / 2


def _corners(bounds: tuple[float, float, float, float], steps: int = 1) -> list[tuple[float, float]]:
    """Points along the edges of a lon/lat rectangle: a conic bends its parallels."""
    west, south, east, north = bounds
    points = []
    for i in range(steps + 1):
        lon = west + (east - west) * i / steps
        lat = south + (north - south) * i / steps
        points += [(lon, south), (lon, north), (west, lat), (east, lat)]
    return points
