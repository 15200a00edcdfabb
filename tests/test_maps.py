"""The network maps: a map of France with its overseas departments and a world map, drawn
at build time as inline SVG from Natural Earth geometry (npm `world-atlas`), one page per
language at `<lang>/carte/`. Build assertions on the sample site, projection and geometry
units, error paths on small projects, and the maps used in Chromium."""

from __future__ import annotations

import gzip
import posixpath
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from babel import Locale
from bs4 import BeautifulSoup, Tag
from playwright.sync_api import Browser
from tests.conftest import REPO, SITE_LANGUAGES, Project, parse
from tests.helpers import load_fonts_in_use

from vitrine.maps.atlas import MAINLAND, OVERSEAS, load_atlas
from vitrine.maps.geometry import antimeridian_pieces, number, path_data, simplify
from vitrine.maps.network import great_circle
from vitrine.maps.projection import Box, EqualEarth, LambertConic, fit

SVG = "{http://www.w3.org/2000/svg}"
MAP = "carte/index.html"


def _records() -> dict[str, dict[str, object]]:
    return {
        path.parent.name: yaml.safe_load(path.read_text(encoding="utf-8"))
        for path in sorted((REPO / "quartiers").glob("*/quartier.yml"))
    }


def _points(soup: BeautifulSoup, svg_id: str, *, capitals: bool = False) -> list[Tag]:
    svg = soup.find("svg", id=svg_id)
    assert isinstance(svg, Tag), svg_id
    points = svg.select("a.vt-map-point")
    return [a for a in points if (a["data-kind"] == "capital") == capitals]


def _svgs(html: str) -> list[str]:
    """The maps as the browser receives them: raw markup, not re-serialised."""
    return re.findall(r'<svg xmlns="http://www\.w3\.org/2000/svg" class="vt-map-svg".*?</svg>', html, re.S)


# Build assertions on the sample site ------------------------------------------------


@pytest.mark.parametrize("language", SITE_LANGUAGES)
def test_every_quartier_is_a_link_to_its_page_on_one_map(sample_site: Path, language: str) -> None:
    records = _records()
    soup = parse(sample_site / language / MAP)
    france = {a["data-slug"]: a for a in _points(soup, "vt-map-france")}
    world = {a["data-slug"]: a for a in _points(soup, "vt-map-world")}
    assert not set(france) & set(world)
    assert set(france) | set(world) == set(records)
    assert set(france) == {slug for slug, record in records.items() if record["country"] == "FR"}
    assert "lille" in france and "paris" in france and "tokyo" in world and "tel-aviv" in world
    for slug, link in {**france, **world}.items():
        target = posixpath.normpath(posixpath.join(f"{language}/carte/", str(link["href"])))
        assert target == f"{language}/quartiers/{slug}", (slug, link["href"])
        assert (sample_site / target / "index.html").is_file()


def test_map_points_name_themselves_in_text(sample_site: Path) -> None:
    soup = parse(sample_site / "fr" / MAP)
    for link in soup.select("a.vt-map-point"):
        title, label = link.find("title"), link.find("text", class_="vt-map-label")
        assert title is not None and label is not None
        assert label.get_text() and label.get_text() in title.get_text()
    points = _points(soup, "vt-map-france") + _points(soup, "vt-map-world")
    names = {a["data-slug"]: a.find("title").get_text() for a in points}  # type: ignore[union-attr]
    assert names["lille"] == "Lille is French Tech"  # the visible name is already in it
    assert names["alsace"] == "French Tech Alsace (Strasbourg)"
    assert names["tokyo"] == "French Tech Tokyo (Japon)"


def test_france_map_has_an_inset_per_overseas_department(sample_site: Path) -> None:
    soup = parse(sample_site / "fr" / MAP)
    svg = soup.find("svg", id="vt-map-france")
    assert isinstance(svg, Tag)
    assert [t.get_text() for t in svg.select("text.vt-map-caption")] == [
        "Guadeloupe",
        "Martinique",
        "Guyane française",
        "La Réunion",
        "Mayotte",
    ]
    frames = svg.select("rect.vt-map-border")
    assert len(frames) == 1 + len(OVERSEAS)
    # France's outline has land drawn inside every inset frame, and in the main frame.
    starts = [
        (float(x), float(y)) for x, y in re.findall(r"M(-?[\d.]+) (-?[\d.]+)", str(svg.select_one(".vt-map-home")["d"]))
    ]
    for frame in frames:
        box = Box(*(float(frame[name]) for name in ("x", "y", "width", "height")))
        assert any(box.contains(start) for start in starts), frame


def test_one_line_per_quartier_and_partner(sample_site: Path) -> None:
    records = _records()
    pairs = sorted((slug, capital) for slug, record in records.items() for capital in record.get("partners") or [])
    assert pairs, "the sample names partner capitals"
    soup = parse(sample_site / "en" / MAP)
    lines = soup.select("#vt-map-world path.vt-map-line")
    assert sorted((line["data-quartier"], line["data-capital"]) for line in lines) == pairs
    capitals = {a["data-slug"]: a for a in _points(soup, "vt-map-world", capitals=True)}
    assert set(capitals) == {capital for _, capital in pairs}
    for slug, link in capitals.items():
        assert link["href"] == f"#capital-{slug}"
        assert soup.find("li", id=f"capital-{slug}") is not None


def test_labels_are_in_the_page_language(sample_site: Path) -> None:
    for language, london, japan in (("fr", "Londres", "Japon"), ("he", "לונדון", "יפן"), ("ja", "ロンドン", "日本")):
        soup = parse(sample_site / language / MAP)
        hubs = {a["data-slug"]: a.find("text").get_text() for a in _points(soup, "vt-map-world")}  # type: ignore[union-attr]
        capitals = {a["data-slug"]: a.find("text").get_text() for a in _points(soup, "vt-map-world", capitals=True)}  # type: ignore[union-attr]
        assert hubs["tokyo"] == japan and capitals["london"] == london
        captions = [t.get_text() for t in soup.select("#vt-map-france text.vt-map-caption")]
        assert Locale.parse(language).territories["RE"] in captions
    he = parse(sample_site / "he" / MAP)
    assert all(svg["direction"] == "rtl" for svg in he.select("svg.vt-map-svg"))
    assert all(svg["direction"] == "ltr" for svg in parse(sample_site / "fr" / MAP).select("svg.vt-map-svg"))
    hebrew = [t.get_text() for t in he.select("#vt-map-world text.vt-map-label")]
    assert any(re.search("[\u0590-\u05ff]", text) for text in hebrew)
    assert he.find("h1").get_text() == "מפת הרשת"  # type: ignore[union-attr]


@pytest.mark.parametrize("language", ["fr", "he"])
def test_maps_are_wellformed_light_svg_under_the_csp(sample_site: Path, language: str) -> None:
    html = (sample_site / language / MAP).read_text(encoding="utf-8")
    svgs = _svgs(html)
    assert len(svgs) == 2
    for markup in svgs:
        root = ET.fromstring(markup)
        assert root.tag == f"{SVG}svg" and root.get("viewBox", "").startswith("0 0 ")
        assert root.get("role") == "group" and root.find(f"{SVG}title") is not None
        for element in root.iter():
            assert "style" not in element.attrib and not any(name.startswith("on") for name in element.attrib)
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.select(".vt-map [style], .vt-map-lists [style], .vt-map style")
    assert len(gzip.compress(html.encode())) < 60_000


def test_lists_give_the_same_information_as_text(sample_site: Path) -> None:
    soup = parse(sample_site / "de" / MAP)
    listed = {a["href"] for a in soup.select(".vt-map-lists a")}
    for link in soup.select("a.vt-map-point"):
        assert link["href"] in listed or link["href"].startswith("#capital-")
    tokyo = soup.find("li", id="capital-tokyo")
    assert tokyo is not None and "Tokio" in tokyo.get_text() and "Japan" in tokyo.get_text()


def test_map_page_is_in_every_language_navigation(sample_site: Path) -> None:
    for language in SITE_LANGUAGES:
        nav = parse(sample_site / language / "index.html").select(".md-nav--primary a.md-nav__link")
        assert "carte/" in [a["href"] for a in nav], language


# Projection and geometry ---------------------------------------------------------------


def test_equal_earth_matches_its_published_extent() -> None:
    x, _ = EqualEarth()(180, 0)
    _, y = EqualEarth()(0, 90)
    assert x == pytest.approx(2.7066, abs=1e-4) and y == pytest.approx(1.3173, abs=1e-4)


def test_cities_land_where_they_are_on_the_maps() -> None:
    atlas = load_atlas(REPO / "node_modules")
    france = atlas.france.areas[0].projection
    paris, marseille, brest, strasbourg = (
        france(2.35, 48.86),
        france(5.37, 43.30),
        france(-4.49, 48.39),
        france(7.75, 48.57),
    )
    for city in (paris, marseille, brest, strasbourg):
        assert MAINLAND.contains(city)
    assert brest[0] < paris[0] < strasbourg[0] and paris[1] < marseille[1]
    assert MAINLAND.y + MAINLAND.height * 0.15 < paris[1] < MAINLAND.y + MAINLAND.height * 0.4
    reunion = atlas.france.area_of(55.45, -21.0)
    assert reunion is not None and reunion.code == "RE" and reunion.box.contains(reunion.projection(55.45, -21.0))
    world = atlas.world.areas[0].projection
    tokyo, san_francisco, cape_town = world(139.65, 35.68), world(-122.42, 37.77), world(18.42, -33.92)
    assert tokyo[0] > 0.8 * atlas.world.width and san_francisco[0] < 0.25 * atlas.world.width
    assert tokyo[1] < atlas.world.height / 2 < cape_town[1]


def test_fit_keeps_the_aspect_and_centres() -> None:
    corners = [(-5.0, 42.0), (8.0, 51.0), (-5.0, 51.0), (8.0, 42.0)]
    fitted = fit(LambertConic(), corners, Box(0, 0, 100, 200))
    xs, ys = zip(*(fitted(lon, lat) for lon, lat in corners), strict=True)
    assert min(xs) == pytest.approx(0, abs=1e-6) and max(xs) == pytest.approx(100)  # fills the width
    assert (min(ys) + max(ys)) / 2 == pytest.approx(100)  # centred in the height
    assert max(ys) - min(ys) < 200


def test_a_ring_across_the_180th_meridian_is_cut_in_two() -> None:
    # Quantized TopoJSON writes +180 as -180: the point takes its neighbours' side first.
    east_only = [(178.0, 60.0), (-180.0, 61.0), (-180.0, 62.0), (178.0, 63.0)]
    assert antimeridian_pieces(east_only) == [[(178.0, 60.0), (180.0, 61.0), (180.0, 62.0), (178.0, 63.0)]]
    across = [(179.0, -16.0), (180.0, -16.5), (-179.5, -16.5), (-179.5, -16.0), (-180.0, -15.8), (179.0, -15.8)]
    pieces = antimeridian_pieces(across)
    assert len(pieces) == 2
    assert all(len({lon > 0 for lon, _ in piece}) == 1 for piece in pieces)


def test_great_circle_ends_at_both_places_and_bends_north() -> None:
    arc = great_circle((2.35, 48.86), (-74.0, 40.71))
    assert arc[0] == pytest.approx((2.35, 48.86)) and arc[-1] == pytest.approx((-74.0, 40.71))
    assert max(lat for _, lat in arc) > 50  # Paris-New York passes north of both
    assert great_circle((1.0, 2.0), (1.0, 2.0)) == [(1.0, 2.0), (1.0, 2.0)]


def test_path_data_is_short_and_exact() -> None:
    assert [number(v) for v in (120, 125, 5, -5, 0, -123)] == ["12", "12.5", ".5", "-.5", "0", "-12.3"]
    square = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)]
    assert path_data([square]) == "M0 0l10 0 0 10-10 0z"
    wiggly = [(0.0, 0.0), (5.0, 0.01), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)]
    assert simplify(wiggly, 0.5) == [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)]


# Error paths ---------------------------------------------------------------------------


def test_a_content_page_at_the_map_address_stops_the_build(project: Project) -> None:
    project.write("content/fr/carte.md", "---\ntitle: Carte\n---\n\nUne carte.\n")
    result = project.build()
    assert result.returncode != 0
    assert "content/fr/carte.md: this page takes the address of the generated map page fr/carte/" in result.stderr


def test_missing_geometry_package_names_the_fix(project: Project) -> None:
    config = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  - vitrine/maps ", "  - vitrine/maps:\n      packages: elsewhere\n  #", 1)
    (project.root / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = project.build()
    assert result.returncode != 0
    assert (
        "vitrine/maps:" in result.stderr and "world-atlas/countries-50m.json is missing: run `npm ci`" in result.stderr
    )
    assert "Traceback" not in result.stderr


# In Chromium ---------------------------------------------------------------------------


@pytest.mark.browser
def test_tab_reaches_map_points_and_enter_opens_the_quartier(browser: Browser, server: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server + "fr/carte/", wait_until="networkidle")
    focused = ""
    for _ in range(80):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const a = document.activeElement; return a && a.matches('#vt-map-france a.vt-map-point') ? a.dataset.slug : '' }"
        )
        if focused:
            break
    assert focused, "no point of the France map took the keyboard focus"
    page.keyboard.press("Enter")
    page.wait_for_url(f"{server}fr/quartiers/{focused}/")
    assert page.locator("article.vt-quartier").get_attribute("data-slug") == focused
    page.goto(server + "en/carte/", wait_until="networkidle")
    page.locator('#vt-map-world a[data-kind="hub"][data-slug="tokyo"]').click()
    page.wait_for_url(f"{server}en/quartiers/tokyo/")
    context.close()


@pytest.mark.browser
def test_map_points_have_accessible_names(browser: Browser, server: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(server + "fr/carte/", wait_until="networkidle")
    france = page.get_by_role("group", name=re.compile("^Carte de la France"))
    assert france.get_by_role("link", name="French Tech Alsace (Strasbourg)").count() == 1
    world = page.get_by_role("group", name=re.compile("^Carte du monde"))
    assert world.get_by_role("link", name="Londres (Capitale partenaire)").count() == 1
    context.close()


# Axe, console and requests on the page are checked with every page type in test_browser.py.
@pytest.mark.browser
@pytest.mark.parametrize("language", ["fr", "he"])
def test_small_screen_keeps_the_page_narrow_and_the_names_readable(
    browser: Browser, server: str, language: str
) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(server + f"{language}/carte/", wait_until="networkidle")
    load_fonts_in_use(page)  # measured in the fallback font (font-display: optional), a label was 11 px once
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    heights = page.evaluate(
        "Object.fromEntries([...document.querySelectorAll('text.vt-map-label')]"
        ".map(t => [t.textContent, t.getBoundingClientRect().height]))"
    )
    context.close()
    assert overflow <= 0
    small = {label: height for label, height in heights.items() if height < 12}
    assert heights and not small, small


def test_base_maps_are_kept_in_the_cache_and_drawn_again_when_unreadable(tmp_path: Path) -> None:
    fresh = load_atlas(REPO / "node_modules")
    first = load_atlas(REPO / "node_modules", cache=tmp_path)
    kept = list(tmp_path.glob("atlas-*.pickle"))
    assert len(kept) == 1 and not list(tmp_path.glob("*.tmp"))
    assert first == fresh
    written = kept[0].stat().st_mtime_ns
    assert load_atlas(REPO / "node_modules", cache=tmp_path) == fresh
    assert kept[0].stat().st_mtime_ns == written, "read from the cache, not drawn again"
    kept[0].write_bytes(b"not a pickle")
    assert load_atlas(REPO / "node_modules", cache=tmp_path) == fresh
    assert kept[0].read_bytes() != b"not a pickle", "an unreadable entry is replaced"
