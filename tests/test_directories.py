"""The quartier and champion directories: the full list without JavaScript, accessible filter
controls, each tile's values in data-* attributes with its rank for every sort order, the
champions wall of uniform tiles; in Chromium, instant filtering reflected in the address."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag
from playwright.sync_api import Browser, Page, expect
from tests.conftest import REPO, SITE_LANGUAGES, Project, parse
from tests.helpers import Watched, _axe, _png, add_logo, headers_file, serving

from vitrine.i18n.formatting import Formatter
from vitrine.i18n.messages import load_messages
from vitrine.identity.tokens import load_identity
from vitrine.model.catalogue import load_catalogue

SAMPLE = load_catalogue(REPO, SITE_LANGUAGES)
IDENTITY = load_identity(REPO / "identity.yml", "identity.yml")
HEALTH = sorted(slug for slug, entry in SAMPLE.champions.items() if "health" in entry.record.sectors)
FORMATTERS = {language: Formatter(language) for language in SITE_LANGUAGES}
NEXT40 = sorted(slug for slug, entry in SAMPLE.champions.items() if "next40-2019" in entry.record.listings)


def tiles(page: BeautifulSoup) -> list[Tag]:
    return page.select("li[data-vt-item]")


def form_of(page: BeautifulSoup) -> Tag:
    form = page.select_one("form.vt-filters")
    assert form is not None
    return form


def options(form: Tag, name: str) -> list[str]:
    return [option["value"] for option in form.select(f'select[name="{name}"] option')]


def assert_labelled(form: Tag) -> None:
    """Every select has a visible label; the checkboxes sit in a fieldset with its legend."""
    for select in form.select("select"):
        label = form.select_one(f'label[for="{select["id"]}"]')
        assert label is not None and label.get_text(strip=True), select["id"]
    for box in form.select("input[type=checkbox]"):
        assert box.find_parent("label") is not None and box.find_parent("fieldset").legend is not None
    status = form.select_one("[role=status]")
    assert status is not None and status["aria-live"] == "polite"
    assert "{shown}" in status["data-vt-template"] and "{total}" in status["data-vt-template"]


# The built pages -----------------------------------------------------------------------


def test_champion_directory_without_javascript_lists_everyone(sample_site: Path) -> None:
    page = parse(sample_site / "fr" / "champions" / "index.html")
    form = form_of(page)
    assert form.has_attr("hidden"), "the form needs the script: hidden until it runs"
    assert len(tiles(page)) == len(SAMPLE.champions)
    assert all(not tile.has_attr("hidden") for tile in tiles(page))
    assert_labelled(form)
    used_sectors = {s for entry in SAMPLE.champions.values() for s in entry.record.sectors}
    assert options(form, "sector")[0] == "" and set(options(form, "sector")[1:]) == used_sectors
    assert set(options(form, "listing")[1:]) == set(SAMPLE.listings.listings)
    assert set(options(form, "quartier")[1:]) == {q for e in SAMPLE.champions.values() for q in e.record.quartiers}
    assert options(form, "sort") == ["name", "founded", "employees"]
    labels = {
        select["name"]: form.select_one(f'label[for="{select["id"]}"]').get_text() for select in form.select("select")
    }
    assert labels == {"sector": "Secteur", "listing": "Liste", "quartier": "Quartier", "sort": "Trier par"}


def test_champion_tiles_carry_their_values_and_ranks(sample_site: Path) -> None:
    page = parse(sample_site / "en" / "champions" / "index.html")
    found = tiles(page)
    by_slug = {}
    for tile in found:
        link = tile.select("a")
        assert len(link) == 1
        slug = link[0]["href"].strip("./").split("/")[-1]
        by_slug[slug] = tile
        record = SAMPLE.champions[slug].record
        assert tile["data-sector"].split() == record.sectors
        assert tile["data-listing"].split() == record.listings
        assert tile["data-quartier"].split() == record.quartiers
        assert tile["data-founded"] == str(record.founded)
    assert set(by_slug) == set(SAMPLE.champions)
    # Shown in name order; the founding order is the build's, oldest first, ties by name.
    assert [int(tile["data-sort-name"]) for tile in found] == list(range(len(found)))
    by_founded = sorted(found, key=lambda tile: int(tile["data-sort-founded"]))
    years = [int(tile["data-founded"]) for tile in by_founded]
    assert years == sorted(years) and sorted(int(t["data-sort-founded"]) for t in found) == list(range(len(found)))
    names = [tile.select_one(".vt-tile-name").get_text() for tile in found]
    assert names.index("Voodoo") < names.index("Ÿnsect") < names.index("Younited Credit"), "accents folded"


def test_champions_wall_stands_in_initials_on_a_uniform_tile(sample_site: Path) -> None:
    page = parse(sample_site / "en" / "champions" / "index.html")
    tile = IDENTITY.images.logo_tile
    for item in tiles(page):
        art = item.select_one("a .vt-logo-tile")
        assert art is not None and art.name == "svg", "the sample has no logo"
        assert art["viewbox"] == f"0 0 {tile.width} {tile.height}"
        assert (art["width"], art["height"]) == (str(tile.width), str(tile.height))
        assert art["aria-hidden"] == "true", "the name follows as text"
        assert set(art.rect.attrs) == {"width", "height"}, "colours, anchor and weight: in vitrine.css"
        assert set(art.find("text").attrs) == {"x", "y", "font-size"}
    back_market = next(i for i in tiles(page) if i.select_one(".vt-tile-name").get_text() == "Back Market")
    assert back_market.find("text").get_text() == "BM"


def test_a_logo_takes_the_same_tile(project: Project) -> None:
    add_logo(project, _png((900, 120)))
    result = project.build()
    assert result.returncode == 0, result.stderr
    item = tiles(project.html("en/champions/index.html"))[0]
    img = item.select_one("a picture.vt-logo-tile img")
    tile = IDENTITY.images.logo_tile
    assert img is not None and (img["width"], img["height"]) == (str(tile.width), str(tile.height))
    assert img["alt"] == "" and img["loading"] == "lazy", "decorative: the link names the champion"
    assert (project.site / "en" / "champions" / img["src"]).resolve().is_file()
    assert item.select_one("a picture source[type='image/webp']") is not None


def test_quartier_directory_filters_and_sort_orders(sample_site: Path) -> None:
    page = parse(sample_site / "en" / "quartiers" / "index.html")
    form = form_of(page)
    assert form.has_attr("hidden")
    assert_labelled(form)
    assert [box["value"] for box in form.select("input[name=kind]")] == ["metropole", "thematic", "hub"]
    assert options(form, "wave") == ["", "1", "2"]
    assert form.select("select[name=wave] option")[1].get_text() == "Wave 1"
    assert options(form, "sort") == ["name", "label"]
    places = dict(
        zip(options(form, "place"), [o.get_text() for o in form.select("select[name=place] option")], strict=True)
    )
    assert (
        places["hauts-de-france"] == "Hauts-de-France"
        and places["jp"] == "Japan"
        and places["ile-de-france"] == "Île-de-France"
    )
    found = tiles(page)
    assert len(found) == len(SAMPLE.quartiers)
    for tile in found:
        slug = tile.a["href"].strip("./").split("/")[-1]
        record = SAMPLE.quartiers[slug].record
        assert tile["data-kind"] == record.kind and tile.find_parent("section")["data-vt-group"] == ""
        assert tile["data-wave"] == (str(record.label.wave) if record.label.wave else "")
        assert tile["data-place"] in places
    lille = next(t for t in found if t.a.get_text() == "Lille is French Tech")
    assert lille["data-place"] == "hauts-de-france" and lille["data-wave"] == "1"
    by_label = sorted(found, key=lambda tile: int(tile["data-sort-label"]))
    dates = [dt.date.fromisoformat(tile["data-label-date"]) for tile in by_label if tile.has_attr("data-label-date")]
    assert dates == sorted(dates) and len(dates) >= 15
    assert all(not tile.has_attr("data-label-date") for tile in by_label[len(dates) :]), "undated last"


def test_directories_in_every_language_have_no_style_attribute_nor_handler(sample_site: Path) -> None:
    for language in SITE_LANGUAGES:
        for kind in ("quartiers", "champions"):
            page = parse(sample_site / language / kind / "index.html")
            status = form_of(page).select_one("[role=status]")
            assert status["data-vt-template"] == load_messages(language).gettext("Showing {shown} of {total}.")
            for element in page.find_all(True):
                bad = [name for name in element.attrs if name == "style" or name.startswith("on")]
                assert not bad, f"{language}/{kind}: <{element.name} {bad}>"


def test_directories_fold_their_fields_behind_a_labelled_disclosure(sample_site: Path) -> None:
    for language in SITE_LANGUAGES:
        messages = load_messages(language)
        for kind, total in (("quartiers", len(SAMPLE.quartiers)), ("champions", len(SAMPLE.champions))):
            form = form_of(parse(sample_site / language / kind / "index.html"))
            toggle = form.select_one("button[data-vt-toggle]")
            assert toggle is not None and toggle["type"] == "button" and toggle["aria-expanded"] == "false"
            assert toggle.get_text(strip=True) == messages.gettext("Filter and sort")
            fields = form.select_one(f"#{toggle['aria-controls']}")
            assert fields is not None and fields.select("select[data-vt-sort]"), f"{language}/{kind}"
            # The count is written at build time, so the script changes no line's height.
            count = FORMATTERS[language].number(total)
            status = form.select_one("[role=status]")
            assert status.get_text() == status["data-vt-template"].format(shown=count, total=count)


# In Chromium ---------------------------------------------------------------------------


def visible(page: Page) -> list[str]:
    return page.eval_on_selector_all(
        "li[data-vt-item]:not([hidden])", "items => items.map(i => i.querySelector('a').getAttribute('href'))"
    )


def slugs(hrefs: list[str]) -> list[str]:
    return [href.strip("./").split("/")[-1] for href in hrefs]


def query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


@pytest.fixture
def tab(browser: Browser, server: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    outside: list[str] = []
    problems: list[str] = []
    page.on("request", lambda request: outside.append(request.url) if not request.url.startswith(server) else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    yield page
    context.close()
    assert outside == [] and problems == []


@pytest.mark.browser
def test_filtering_by_sector_narrows_the_list_and_updates_the_address(tab: Page, server: str) -> None:
    tab.goto(server + "en/champions/", wait_until="networkidle")
    expect(tab.locator("form.vt-filters")).to_be_visible()
    assert len(visible(tab)) == len(SAMPLE.champions)
    tab.select_option("#vt-filter-sector", "health")
    assert sorted(slugs(visible(tab))) == HEALTH and 0 < len(HEALTH) < len(SAMPLE.champions)
    assert query(tab) == {"sector": ["health"]}
    expect(tab.locator("[role=status]")).to_have_text(f"Showing {len(HEALTH)} of {len(SAMPLE.champions)}.")
    tab.select_option("#vt-filter-sort", "founded")
    founded = [SAMPLE.champions[s].record.founded for s in slugs(visible(tab))]
    assert founded == sorted(founded)
    assert query(tab) == {"sector": ["health"], "sort": ["founded"]}


@pytest.mark.browser
def test_an_address_with_filters_applies_them(tab: Page, server: str) -> None:
    tab.goto(server + "fr/champions/?listing=next40-2019&sort=founded", wait_until="networkidle")
    assert tab.input_value("#vt-filter-listing") == "next40-2019"
    assert tab.input_value("#vt-filter-sort") == "founded"
    shown = slugs(visible(tab))
    assert sorted(shown) == NEXT40
    founded = [SAMPLE.champions[s].record.founded for s in shown]
    assert founded == sorted(founded)
    expect(tab.locator("[role=status]")).to_have_text(f"{len(NEXT40)} affichés sur {len(SAMPLE.champions)}.")
    tab.goto(server + "fr/champions/?sector=no-such-sector", wait_until="networkidle")
    assert tab.input_value("#vt-filter-sector") == "" and len(visible(tab)) == len(SAMPLE.champions)


@pytest.mark.browser
def test_back_and_forward_restore_the_filters(tab: Page, server: str) -> None:
    tab.goto(server + "en/champions/", wait_until="networkidle")
    tab.select_option("#vt-filter-sector", "health")
    tab.select_option("#vt-filter-listing", "next40-2019")
    both = sorted(set(HEALTH) & set(NEXT40))
    assert sorted(slugs(visible(tab))) == both
    tab.go_back()
    expect(tab.locator("#vt-filter-listing")).to_have_value("")
    assert tab.input_value("#vt-filter-sector") == "health" and sorted(slugs(visible(tab))) == HEALTH
    tab.go_back()
    expect(tab.locator("#vt-filter-sector")).to_have_value("")
    assert len(visible(tab)) == len(SAMPLE.champions) and query(tab) == {}
    tab.go_forward()
    expect(tab.locator("#vt-filter-sector")).to_have_value("health")
    assert sorted(slugs(visible(tab))) == HEALTH and query(tab) == {"sector": ["health"]}


@pytest.mark.browser
def test_quartier_kinds_and_waves_hide_empty_groups(tab: Page, server: str) -> None:
    tab.goto(server + "en/quartiers/", wait_until="networkidle")
    tab.get_by_role("checkbox", name="Thematic networks").check()
    thematic = sorted(slug for slug, e in SAMPLE.quartiers.items() if e.record.kind == "thematic")
    assert sorted(slugs(visible(tab))) == thematic
    expect(tab.locator("section[data-vt-group]:has(#kind-hub)")).to_be_hidden()
    assert query(tab) == {"kind": ["thematic"]}
    tab.get_by_role("checkbox", name="Hubs abroad").check()
    tab.select_option("#vt-filter-wave", "1")
    assert visible(tab) == []
    expect(tab.locator("[data-vt-empty]")).to_be_visible()
    tab.get_by_role("button", name="Show all").click()
    expect(tab.locator("[data-vt-empty]")).to_be_hidden()
    assert len(visible(tab)) == len(SAMPLE.quartiers)
    expect(tab.locator("#vt-filter-wave")).to_have_value("")
    assert query(tab) == {}


@pytest.mark.browser
def test_without_javascript_the_whole_list_shows(browser: Browser, server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "en/champions/?sector=health", wait_until="networkidle")
    hidden = page.locator("form.vt-filters").is_hidden()
    count = page.locator("li[data-vt-item]:visible").count()
    context.close()
    assert hidden and count == len(SAMPLE.champions)


@pytest.mark.browser
@pytest.mark.parametrize(
    "path", ["en/champions/?sector=health&sort=founded", "he/quartiers/?kind=hub", "fr/quartiers/?wave=2"]
)
def test_filtered_directories_pass_axe(tab: Page, server: str, path: str) -> None:
    tab.goto(server + path, wait_until="networkidle")
    expect(tab.locator("form.vt-filters")).to_be_visible()
    assert _axe(tab) == []


@pytest.mark.browser
def test_filters_run_under_the_content_security_policy(browser: Browser, sample_site: Path) -> None:
    with serving(sample_site, headers_file(sample_site)) as url:
        watched = Watched(browser)
        watched.page.goto(url + "ja/champions/?sector=health", wait_until="networkidle")
        shown = slugs(visible(watched.page))
        errors = watched.errors
        assert watched.close() == []
    assert errors == [] and sorted(shown) == HEALTH


PHONE = {"width": 390, "height": 844}


@pytest.mark.browser
@pytest.mark.parametrize("path", ["fr/quartiers/", "he/quartiers/", "fr/champions/", "he/champions/"])
def test_on_a_phone_the_first_tiles_show_and_the_filters_unfold(browser: Browser, server: str, path: str) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(server + path, wait_until="networkidle")
    top = page.locator("li[data-vt-item]").first.evaluate("tile => tile.getBoundingClientRect().top")
    label = load_messages(path[:2]).gettext("Filter and sort")
    toggle = page.get_by_role("button", name=label)
    fields = page.locator("#vt-filters-fields")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(fields).to_be_hidden()
    expect(page.locator("[role=status]")).to_be_visible()
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#vt-filter-sort")).to_be_visible()
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(fields).to_be_hidden()
    context.close()
    assert 0 < top < PHONE["height"] - 100, "the first tile starts in the first screen"


def _rgb(colour: str) -> str:
    red, green, blue = (int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgb({red}, {green}, {blue})"


@pytest.mark.browser
@pytest.mark.parametrize("language", ["fr", "he"])
def test_initials_are_drawn_in_the_identity_colours_centred_on_their_tile(
    browser: Browser, server: str, language: str
) -> None:
    """The tile's markup holds only its geometry (a directory draws hundreds): vitrine.css gives the
    identity's colours, the weight and the centring, on a right-to-left page too."""
    context = browser.new_context(viewport={"width": 1366, "height": 800}, color_scheme="light")
    page = context.new_page()
    page.goto(f"{server}{language}/champions/", wait_until="networkidle")
    drawn = page.locator("li[data-vt-item] svg.vt-initials").first.evaluate(
        """svg => { const rect = svg.querySelector("rect"), text = svg.querySelector("text");
        const box = svg.getBoundingClientRect(), glyphs = text.getBoundingClientRect();
        return {rect: getComputedStyle(rect).fill, text: getComputedStyle(text).fill,
                weight: getComputedStyle(text).fontWeight,
                dx: (glyphs.left + glyphs.width / 2) - (box.left + box.width / 2),
                dy: (glyphs.top + glyphs.height / 2) - (box.top + box.height / 2), height: box.height}; }"""
    )
    context.close()
    assert drawn["rect"] == _rgb(IDENTITY.palette.light.primary)
    assert drawn["text"] == _rgb(IDENTITY.palette.light.on_primary)
    assert drawn["weight"] == "700"
    assert abs(drawn["dx"]) < 2 and abs(drawn["dy"]) < drawn["height"] * 0.1, drawn


@pytest.mark.browser
@pytest.mark.parametrize("language", ["fr", "he"])
def test_on_a_phone_the_champions_wall_has_two_tiles_a_row(browser: Browser, server: str, language: str) -> None:
    """27 champions one under the other made an 8,000 px page at 360 px: two a row halve it."""
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto(f"{server}{language}/champions/", wait_until="networkidle")
    boxes = page.locator("li[data-vt-item]").evaluate_all(
        "tiles => tiles.slice(0, 4).map(t => { const r = t.getBoundingClientRect(); return [r.top, r.left, r.right]; })"
    )
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    context.close()
    (top1, *_), (top2, *_), (top3, *_) = boxes[0], boxes[1], boxes[2]
    assert top1 == top2 and top3 > top1, boxes
    assert boxes[2][1:] == boxes[0][1:], "the third tile starts the second row under the first"
    assert top3 < 800, "two rows of tiles begin in the first screen"
    assert overflow <= 0


@pytest.mark.browser
def test_on_a_wide_screen_the_fields_show_without_a_disclosure(tab: Page, server: str) -> None:
    tab.goto(server + "fr/quartiers/", wait_until="networkidle")
    expect(tab.locator("button[data-vt-toggle]")).to_be_hidden()
    expect(tab.locator("#vt-filter-place")).to_be_visible()
