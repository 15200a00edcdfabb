"""A quartier's page is a profile: a hero (its photo with the credit, else a band in the
identity), a facts card beside a locator mini-map, its champions as tiles, a summary of the 8
criteria counted from the record, then details in tables whose columns line up, one line for
a criterion with nothing sourced. The locator also marks a champion's quartiers. In Chromium
at 360 px the profile never scrolls sideways and the locator takes the identity's colours."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from playwright.sync_api import Browser
from tests.conftest import REPO, SITE_LANGUAGES, Project, parse
from tests.helpers import IMAGE_FIELD, photo_bytes

from vitrine.identity.tokens import load_identity
from vitrine.maps.atlas import load_atlas
from vitrine.maps.locator import Locator
from vitrine.maps.network import plan_network
from vitrine.model.catalogue import load_catalogue
from vitrine.model.records import Point

SAMPLE = load_catalogue(REPO, SITE_LANGUAGES)
IDENTITY = load_identity(REPO / "identity.yml", "identity.yml")
CRITERIA = sorted(SAMPLE.criteria, key=lambda c: c.number)


def profile(site: Path, language: str, slug: str) -> Tag:
    article = parse(site / language / "quartiers" / slug / "index.html").select_one("article.vt-quartier")
    assert article is not None and article["data-slug"] == slug
    return article


def facts(article: Tag) -> dict[str, Tag]:
    card = article.select_one(".vt-quartier-overview .vt-profile-card .vt-facts")
    assert card is not None
    return {dt.get_text(strip=True): dt.find_next_sibling("dd") for dt in card.select("dt")}


def locator(page: Tag | BeautifulSoup) -> Tag:
    svg = page.select_one("svg.vt-locator-svg")
    assert svg is not None and svg["role"] == "img"
    title = svg.find("title")
    assert isinstance(title, Tag) and svg["aria-labelledby"] == title["id"]
    return svg


def shared(svg: Tag, page: Path) -> BeautifulSoup:
    """The shared drawing the locator's `<use>` elements show, read from the built site."""
    hrefs = {str(use["href"]).split("#")[0] for use in svg.select("use")}
    assert len(hrefs) == 1, hrefs
    return BeautifulSoup((page.parent / hrefs.pop()).resolve().read_text(encoding="utf-8"), "html.parser")


def marked(svg: Tag) -> list[str]:
    return [str(g["data-slug"]) for g in svg.select("g.vt-locator-here")]


def counts(slug: str) -> list[tuple[str, bool, int, int]]:
    """Each criterion, in order: whether the record documents it, indicators sourced, indicators defined."""
    record = SAMPLE.quartiers[slug].record
    rows = []
    for criterion in CRITERIA:
        entry = record.criteria.get(criterion.id)
        given = {i.id for i in entry.indicators} if entry else set()
        defined = [i.id for i in criterion.indicators]
        rows.append((criterion.id, entry is not None, len(given & set(defined)), len(defined)))
    return rows


# The sample site ---------------------------------------------------------------------------


def test_hero_is_a_band_in_the_identity_without_a_photo(sample_site: Path) -> None:
    article = profile(sample_site, "fr", "lille")
    hero = article.select_one("header.vt-profile-hero")
    assert hero is not None and "vt-profile-banner" in hero["class"] and hero.select_one("img") is None
    assert hero.select_one(".vt-hero-band h1").get_text(strip=True) == "Lille is French Tech"
    assert hero.select_one(".vt-hero-kind").get_text(strip=True) == "Métropole labellisée"
    assert hero.select_one(".vt-tagline").get_text(strip=True).startswith("La métropole lilloise")


def test_facts_card_says_what_where_since_when_and_how_to_get_there(sample_site: Path) -> None:
    values = {name: dd.get_text(" ", strip=True) for name, dd in facts(profile(sample_site, "fr", "lille")).items()}
    assert values["Type"] == "Métropole labellisée"
    assert values["Label"] == "Labellisé, vague 1, 12 novembre 2014"
    assert values["Région et pays"] == "Hauts-de-France, France"
    assert values["Villes"] == "Lille"
    assert values["Aéroport"] == "Lille-Lesquin"
    assert values["Grande vitesse ferroviaire"] == "Lille-Europe, Lille-Flandres"
    site = facts(profile(sample_site, "fr", "lille"))["Site web"].a
    assert site is not None and site["href"] == SAMPLE.quartiers["lille"].record.website
    assert site.get_text(strip=True) == "euratechnologies.com"


@pytest.mark.parametrize(
    ("language", "title"),
    [("fr", "Lille is French Tech sur la carte de France"), ("ja", "フランス地図上のLille is French Tech")],
)
def test_locator_names_and_marks_the_quartier(sample_site: Path, language: str, title: str) -> None:
    svg = locator(profile(sample_site, language, "lille").select_one(".vt-quartier-overview"))
    assert svg.title is not None and svg.title.get_text() == title
    assert svg["data-base"] == "mainland" and marked(svg) == ["lille"]
    uses = [(use["class"], str(use["href"]).split("#")[1]) for use in svg.select("use")]
    assert uses == [(["vt-locator-land"], "land"), (["vt-locator-others"], "others")]
    others = shared(svg, sample_site / language / "quartiers/lille/index.html").select("#others circle")
    in_france = [slug for slug, e in SAMPLE.quartiers.items() if e.record.country == "FR"]
    assert len(others) == len(in_france), "the network's other quartiers, faint"


def test_a_community_abroad_is_located_on_the_world_map(sample_site: Path) -> None:
    # London documents no criterion yet (Tokyo does since its founding year was sourced).
    article = profile(sample_site, "en", "london")
    svg = locator(article)
    assert svg["data-base"] == "world" and marked(svg) == ["london"]
    assert svg.title is not None and svg.title.get_text() == "French Tech London on the world map"
    assert article.select_one(".vt-scorecard-none") is not None and not article.select(".vt-criteria-summary")


def test_locator_outline_is_shared_and_light(sample_site: Path) -> None:
    """Only the marked point and the title differ from one quartier to another; the drawing stays small."""
    lille = locator(profile(sample_site, "fr", "lille"))
    lyon = locator(profile(sample_site, "fr", "lyon"))
    assert [use["href"] for use in lille.select("use")] == [use["href"] for use in lyon.select("use")]
    drawing = shared(lille, sample_site / "fr/quartiers/lille/index.html")
    assert drawing.select_one("#land path") is not None and not drawing.select("[class], [style], [fill]")
    assert len(str(lille).encode()) < 800, "the outline is in the shared file, not in each page"


@pytest.mark.parametrize("slug", ["lille", "toulouse", "paris"])
def test_summary_counts_the_records_criteria(sample_site: Path, slug: str) -> None:
    article = profile(sample_site, "fr", slug)
    items = article.select("ol.vt-criteria-summary > li")
    expected = counts(slug)
    assert len(items) == 8
    shown = [
        (item["data-criterion"], item["data-documented"] == "yes", int(item["data-reported"]), int(item["data-total"]))
        for item in items
    ]
    assert shown == expected
    for item, (criterion, documented, reported, total) in zip(items, expected, strict=True):
        link = item.a
        assert link is not None and link["href"] == f"#criterion-{criterion}"
        assert article.select_one(f"section#criterion-{criterion}") is not None
        state = item.select_one(".vt-summary-state").get_text(" ", strip=True)
        assert state.startswith("Documenté" if documented else "Non documenté")
        if not total:  # a criterion no source reports an indicator for: no count, no pips
            assert "indicateurs" not in state and not item.select(".vt-pip")
            continue
        assert f"{reported} sur {total} indicateurs sourcés" in state
        assert len(item.select(".vt-pip.vt-pip-on")) == reported and len(item.select(".vt-pip")) == total


@pytest.mark.parametrize("slug", ["lille", "toulouse"])
def test_nothing_sourced_is_one_line_and_tables_line_up(sample_site: Path, slug: str) -> None:
    article = profile(sample_site, "fr", slug)
    columns = []
    for criterion, _documented, reported, total in counts(slug):
        section = article.select_one(f"section#criterion-{criterion}")
        assert section is not None
        table = section.select_one("table.vt-indicators")
        if total and not reported:
            line = section.select_one("p.vt-coverage.vt-none")
            assert line is not None and table is None and not section.select("tr")
            assert line.get_text(" ", strip=True).startswith("Aucun indicateur communiqué pour l'instant")
        elif total:
            assert table is not None and section.select_one(".vt-none") is None
            assert len(table.select("tbody tr")) == total, "with one sourced, the others show as not reported"
            columns.append([col["class"] for col in table.select("colgroup > col")])
    assert columns and all(c == columns[0] for c in columns) and len(columns[0]) == 4
    assert [len(row.select("th, td")) for row in article.select("table.vt-indicators thead tr")] == [4] * len(columns)


def test_champions_are_tiles_linking_to_each_champion(sample_site: Path) -> None:
    for slug in ("lille", "toulouse"):
        article = profile(sample_site, "fr", slug)
        tiles = article.select(".vt-quartier-champions li.vt-champion-tile")
        expected = sorted(SAMPLE.champions_of(slug), key=lambda e: e.record.name.casefold())
        assert [tile["data-slug"] for tile in tiles] == [e.slug for e in expected]
        for tile, entry in zip(tiles, expected, strict=True):
            link = tile.a
            assert link is not None and link["href"] == f"../../champions/{entry.slug}/"
            assert tile.select_one(".vt-logo-tile") is not None
            assert tile.select_one(".vt-tile-name").get_text(strip=True) == entry.record.name


def test_champion_locator_marks_each_of_its_quartiers(sample_site: Path) -> None:
    several = [e for e in SAMPLE.champions.values() if len(set(e.record.quartiers)) > 1]
    for entry in [*several, *list(SAMPLE.champions.values())[:5]]:
        svg = locator(parse(sample_site / "fr" / "champions" / entry.slug / "index.html"))
        assert marked(svg) == list(entry.record.quartiers)
        names = [SAMPLE.quartiers[q].record.name for q in entry.record.quartiers]
        assert all(name in svg.title.get_text() for name in names)


def test_an_overseas_quartier_is_marked_in_its_inset() -> None:
    atlas = load_atlas(REPO / "node_modules")
    lille = SAMPLE.quartiers["lille"].record
    quartiers = {"lille": lille, "reunion": lille.model_copy(update={"location": Point(lat=-20.88, lon=55.45)})}
    drawer = Locator(atlas, plan_network(atlas, quartiers, {}), quartiers)
    drawn = BeautifulSoup(str(drawer.draw(["reunion"], "en", str, lambda path: "../../" + path)), "html.parser")
    svg = locator(drawn)
    href = str(svg.select("use")[1]["href"])
    assert href.startswith("../../assets/maps/locator-france.") and href.endswith(".svg#frames")
    drawing = BeautifulSoup(drawer.files()[href[len("../../") :].split("#")[0]], "html.parser")
    inset = next(area.box for area in atlas.france.areas if area.code == "RE")
    point = svg.select_one(".vt-locator-here .vt-locator-point")
    assert svg["data-base"] == "france" and point is not None
    assert inset.contains((float(point["cx"]), float(point["cy"])))
    assert len(drawing.select("#frames rect")) == 5, "the overseas insets, framed"


# A photo: the hero shows it with its credit ----------------------------------------------------


def test_hero_shows_the_first_photo_with_its_credit(project: Project) -> None:
    project.write("quartiers/test/images/place.jpg", photo_bytes())
    quartier = project.root / "quartiers/test/quartier.yml"
    quartier.write_text(quartier.read_text(encoding="utf-8") + IMAGE_FIELD.format(name="place.jpg"), encoding="utf-8")
    result = project.build()
    assert result.returncode == 0, result.stderr
    hero = project.html("en/quartiers/test/index.html").select_one("header.vt-profile-hero")
    assert hero is not None and "vt-profile-banner" not in hero["class"]
    img = hero.select_one("figure.vt-hero-photo picture img")
    assert img is not None and img["alt"] == "The square" and img.get("loading") is None, "eager: it is the top"
    assert img["sizes"] == "(min-width: 76.25em) 60rem, 100vw", "as wide as the page, not the text column"
    caption = hero.select_one("figure.vt-hero-photo figcaption")
    assert caption is not None and caption.get_text(strip=True) == "Credit: Ville"
    assert hero.select_one(".vt-hero-band h1").get_text(strip=True) == "Quartier Test"
    assert project.html("en/quartiers/test/index.html").select_one("section.vt-images") is None, "shown once"


# In Chromium -----------------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("language", ["fr", "he", "ja"])
def test_profile_fits_a_360_px_screen(browser: Browser, server: str, language: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(f"{server}{language}/quartiers/lille/", wait_until="networkidle")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    wider = page.evaluate(
        "[...document.querySelectorAll('.vt-indicators, .vt-facts, .vt-criteria-summary, .vt-locator-svg')]"
        ".filter(e => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > innerWidth + 1)"
        ".map(e => e.className.baseVal ?? e.className)"
    )
    located = page.evaluate("document.querySelector('.vt-locator-svg').getBoundingClientRect().height")
    context.close()
    assert overflow <= 0 and not wider, wider
    assert located > 100, "the locator is drawn below the facts"


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_locator_and_banner_take_the_identity_colours(browser: Browser, server: str, scheme: str) -> None:
    tokens = getattr(IDENTITY.palette, scheme)
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto(server + "he/quartiers/lille/", wait_until="networkidle")
    style = "([selector, prop]) => getComputedStyle(document.querySelector(selector))[prop]"
    point = page.evaluate(style, [".vt-locator-point", "fill"])
    band = page.evaluate(style, [".vt-hero-band", "backgroundColor"])
    title = page.evaluate(style, [".vt-hero-band h1", "color"])
    beside = page.evaluate(
        "(() => { const f = document.querySelector('.vt-quartier-overview .vt-profile-card').getBoundingClientRect();"
        " const l = document.querySelector('.vt-quartier-locator').getBoundingClientRect();"
        " return Math.abs(f.top - l.top) < 2 && l.right <= f.left; })()"
    )
    context.close()
    assert point == rgb(tokens.accent) and band == rgb(tokens.primary) and title == rgb(tokens.on_primary)
    assert beside, "on a wide right-to-left screen the locator sits beside the facts, on their left"


def rgb(hex_colour: str) -> str:
    value = hex_colour.lstrip("#")
    red, green, blue = (int(value[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgb({red}, {green}, {blue})"
