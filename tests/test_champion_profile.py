"""A champion's page is a profile: its tile (logo or initials), a facts card, its listings as
badges, its quartiers linked (with the locator map's slot), key figures, and the other
champions of its sectors; on a phone in Chromium it never scrolls sideways."""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

import pytest
from bs4 import BeautifulSoup, Tag
from playwright.sync_api import Browser
from tests.conftest import REPO, SITE_LANGUAGES, Project, new_project, parse, serve_folder
from tests.helpers import _axe, _png, add_logo

from vitrine.catalogue.directory import by_name, champions_by_name
from vitrine.i18n.formatting import pick
from vitrine.i18n.messages import load_messages
from vitrine.identity.tokens import load_identity
from vitrine.model.catalogue import load_catalogue

SAMPLE = load_catalogue(REPO, SITE_LANGUAGES)
IDENTITY = load_identity(REPO / "identity.yml", "identity.yml")
LIMIT = 6

# A small site: eight robotics champions (more than a page shows), one alone in its sector;
# champion-test has a logo and key figures, and a hook stands in for the maps plugin's locator.
OTHERS = {"zeta": "Zeta", "ebene": "Ébène", "alpha": "Alpha", "mu": "Mu", "delta": "Delta", "kappa": "Kappa"}
OTHERS |= {"omega": "Omega"}
ROBOT = """\
name: {name}
quartiers: [test]
city: Lille
sectors: [{sector}]
founded: 2016
website: https://{slug}.example.org/
description:
  fr: Une entreprise d'essai.
  en: A test company.
"""
FIGURES = """\
figures:
  - label: {fr: Chiffre d'affaires annuel consolidé, en: Consolidated annual revenue}
    value: 348000000
    unit: EUR
    as_of: 2022-12-31
    source: Rapport annuel de la société
    source_url: https://example.org/rapport
  - label: {fr: Salariés, en: Employees}
    value: 2800
    unit: count
    as_of: 2023-06-30
    source: Communiqué de presse
"""
LOCATOR_TITLE = "Stand-in locator"
HOOK = f"""\
from markupsafe import Markup
from mkdocs.plugins import event_priority


@event_priority(-20)  # after vitrine/maps, which sets the real one at -10
def on_page_context(context, page, config, nav):
    if "/champions/" in page.file.src_uri and page.file.src_uri.count("/") == 2:
        context["vitrine_locator"] = Markup(
            '<svg role="img" viewBox="0 0 40 30" width="40" height="30"><title>{LOCATOR_TITLE}</title></svg>'
        )
    return context
"""


def profile(page: BeautifulSoup) -> Tag:
    article = page.select_one("article.vt-champion")
    assert article is not None
    return article


def facts(article: Tag) -> dict[str, Tag]:
    card = article.select_one(".vt-profile-card .vt-facts")
    assert card is not None
    return {dt.get_text(strip=True): dt.find_next_sibling("dd") for dt in card.select("dt")}


def related(article: Tag) -> list[str]:
    """Slugs of the other champions' tiles, in page order."""
    return [a["href"].strip("./").split("/")[-1] for a in article.select(".vt-related li > a")]


def folded(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()


# The sample site ------------------------------------------------------------------------


def test_the_header_shows_the_initials_tile_name_and_description(sample_site: Path) -> None:
    record = SAMPLE.champions["back-market"].record
    article = profile(parse(sample_site / "fr" / "champions" / "back-market" / "index.html"))
    head = article.select_one("header.vt-profile-head")
    assert head is not None and head.h1 is not None and head.h1.get_text(strip=True) == record.name
    tile = head.select_one(".vt-profile-tile svg.vt-logo-tile.vt-initials")
    assert tile is not None and tile.find("text").get_text() == "BM"
    size = IDENTITY.images.logo_tile
    assert tile["viewbox"] == f"0 0 {size.width} {size.height}", "the directory's uniform tile"
    assert tile["aria-hidden"] == "true", "the heading names the champion"
    tagline = head.select_one(".vt-tagline")
    assert tagline is not None and tagline.get_text(strip=True) == record.description["fr"]
    assert article["data-slug"] == "back-market"


@pytest.mark.parametrize("language", ["fr", "he"])
def test_the_facts_card_in_the_page_language(sample_site: Path, language: str) -> None:
    messages = load_messages(language)
    for slug, entry in SAMPLE.champions.items():
        record = entry.record
        article = profile(parse(sample_site / language / "champions" / slug / "index.html"))
        card = facts(article)
        labels = [messages.gettext(label) for label in ("City", "Founded", "Sectors", "Website")]
        assert list(card) == labels, slug
        city, founded, sectors, website = (card[label] for label in labels)
        assert city.get_text().startswith(f"{record.city}, ")
        assert founded.get_text() == str(record.founded)
        names = SAMPLE.sectors.sectors
        assert [(a.get_text(), a["href"]) for a in sectors.select("a")] == [
            (pick(names[s].label, language), f"../?sector={s}") for s in record.sectors
        ], "each sector leads to the directory filtered on it"
        assert website.a is not None and website.a["href"] == record.website and website.a["rel"] == ["external"]
        assert "://" not in website.a.get_text() and "www." not in website.a.get_text()


@pytest.mark.parametrize("language", ["fr", "ja"])
def test_listings_are_a_labelled_list_of_badges(sample_site: Path, language: str) -> None:
    listed = [slug for slug, entry in SAMPLE.champions.items() if entry.record.listings]
    assert listed
    for slug in listed:
        record = SAMPLE.champions[slug].record
        article = profile(parse(sample_site / language / "champions" / slug / "index.html"))
        badges = article.select_one("header ul.vt-badges")
        assert badges is not None, slug
        label = article.select_one(f"#{badges['aria-labelledby']}")
        assert label is not None and label.get_text() == load_messages(language).gettext("Listed in")
        items = badges.find_all("li", recursive=False)
        assert [li.get_text(strip=True) for li in items] == [
            pick(SAMPLE.listings.listings[item].label, language) for item in record.listings
        ]
        assert [li.select_one("a.vt-badge")["href"] for li in items] == [f"../?listing={i}" for i in record.listings]


def test_quartiers_are_linked_to_their_pages(sample_site: Path) -> None:
    for slug, entry in SAMPLE.champions.items():
        article = profile(parse(sample_site / "en" / "champions" / slug / "index.html"))
        section = article.select_one("section.vt-profile-quartiers")
        assert section is not None and section.h2 is not None and section.h2.get_text() == "Quartiers"
        links = [(a.get_text(), a["href"]) for a in section.select("ul.vt-quartiers > li > a")]
        assert links == [
            (SAMPLE.quartiers[q].record.name, f"../../quartiers/{q}/") for q in dict.fromkeys(entry.record.quartiers)
        ]
        for _name, href in links:
            assert (sample_site / "en" / "champions" / slug / href / "index.html").resolve().is_file()


def test_other_champions_are_exactly_those_sharing_a_sector(sample_site: Path) -> None:
    directory = parse(sample_site / "en" / "champions" / "index.html")
    order = [a["href"].strip("./").split("/")[-1] for a in directory.select("li[data-vt-item] > a")]
    alone = 0
    for slug, entry in SAMPLE.champions.items():
        sectors = set(entry.record.sectors)
        expected = {s for s, e in SAMPLE.champions.items() if s != slug and sectors & set(e.record.sectors)}
        assert len(expected) <= LIMIT, "the sample's sectors are small: every neighbour shows"
        article = profile(parse(sample_site / "en" / "champions" / slug / "index.html"))
        shown = related(article)
        assert set(shown) == expected, slug
        assert shown == sorted(shown, key=order.index), "in the directory's name order"
        section = article.select_one("section.vt-related")
        if not expected:
            alone += 1
            assert section is None, f"{slug}: no neighbour, no section"
        else:
            assert section is not None and section.h2.get_text() == "Other champions in the same sector"
    assert 0 < alone < len(SAMPLE.champions), "the sample has champions with and without neighbours"


def test_the_name_order_is_sorted_once_and_again_when_serve_replaces_a_record() -> None:
    """Every champion page asks for the directory's order: it is kept on the catalogue, and a record
    the preview's quick pass takes from a newer load (a renamed champion) sorts it again."""
    catalogue = load_catalogue(REPO, SITE_LANGUAGES)
    order = champions_by_name(catalogue)
    assert champions_by_name(catalogue) is order, "sorted once"
    first = order[0]
    newer = load_catalogue(REPO, SITE_LANGUAGES)
    renamed = newer.champions[first.slug]
    newer.champions[first.slug] = dataclasses.replace(renamed, record=renamed.record.model_copy(update={"name": "Zzz"}))
    catalogue.replace_entries(newer, [], [first.slug])
    again = champions_by_name(catalogue)
    assert again[-1].slug == first.slug and again[-1].record.name == "Zzz"
    assert [e.slug for e in again] == [e.slug for e in by_name(catalogue.champions.values())]


# A small site: the cap, a logo, key figures and the locator's slot ------------------------


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory, project_cache: Path) -> Project:
    project = new_project(tmp_path_factory.mktemp("profile"), cache=project_cache)
    for slug, name in OTHERS.items():
        project.write(f"champions/{slug}/champion.yml", ROBOT.format(name=name, sector="robotics", slug=slug))
    project.write("champions/lone/champion.yml", ROBOT.format(name="Lone", sector="gaming", slug="lone"))
    add_logo(project, _png((900, 120)))
    record = project.root / "champions/champion-test/champion.yml"
    record.write_text(record.read_text(encoding="utf-8") + FIGURES, encoding="utf-8")
    project.write("hooks/locator.py", HOOK)
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nhooks:\n  - hooks/locator.py\n", encoding="utf-8")
    project.review_translations()
    result = project.build()
    assert result.returncode == 0, result.stderr
    return project


def test_a_page_shows_at_most_six_others_first_by_name(small: Project) -> None:
    shown = related(profile(small.html("en/champions/champion-test/index.html")))
    assert shown == sorted(OTHERS, key=lambda slug: folded(OTHERS[slug]))[:LIMIT]
    assert "zeta" not in shown and "ebene" in shown, "Ébène sorts as Ebene"
    alpha = related(profile(small.html("en/champions/alpha/index.html")))
    assert "champion-test" in alpha and "alpha" not in alpha and len(alpha) == LIMIT


def test_a_champion_alone_in_its_sector_and_unlisted_has_neither_section_nor_badges(small: Project) -> None:
    article = profile(small.html("fr/champions/lone/index.html"))
    assert article.select_one(".vt-related") is None
    assert article.select(".vt-listings, .vt-badges") == []
    assert "champion-test" not in related(article)


def test_a_logo_takes_the_profile_tile_with_its_text(small: Project) -> None:
    article = profile(small.html("en/champions/champion-test/index.html"))
    img = article.select_one("header .vt-profile-tile picture.vt-logo-tile img")
    size = IDENTITY.images.logo_tile
    assert img is not None and (img["width"], img["height"]) == (str(size.width), str(size.height))
    assert img["alt"] == "Logo de Champion Test", "the logo's own text (French: no English given)"
    assert not img.has_attr("loading"), "at the top of the page: loaded at once"
    assert (small.site / "en" / "champions" / "champion-test" / img["src"]).resolve().is_file()
    # The same logo in another champion's wall is decorative and lazy, as in the directory.
    tile = small.html("en/champions/alpha/index.html").select_one(".vt-related a[href$='/champion-test/'] img")
    assert tile is not None and tile["alt"] == "" and tile["loading"] == "lazy"


def test_key_figures_keep_their_sources(small: Project) -> None:
    article = profile(small.html("fr/champions/champion-test/index.html"))
    rows = article.select(".vt-table-frame table.vt-figures tbody tr")
    cells = [[cell.get_text(strip=True) for cell in row.find_all(["th", "td"])] for row in rows]
    assert [row[0] for row in cells] == ["Chiffre d'affaires annuel consolidé", "Salariés"]
    assert cells[0][3] == "Rapport annuel de la société" and cells[1][3] == "Communiqué de presse"
    assert rows[0].select_one("a[href='https://example.org/rapport']") is not None
    assert rows[1].time is not None and rows[1].time["datetime"] == "2023-06-30"


def test_the_locator_sits_above_the_quartiers(small: Project) -> None:
    for language in ("en", "he"):
        section = profile(small.html(f"{language}/champions/champion-test/index.html")).select_one(
            "section.vt-profile-quartiers"
        )
        assert section is not None
        children = [child for child in section.children if isinstance(child, Tag)]
        assert [child.name for child in children] == ["h2", "div", "ul"]
        svg = children[1].select_one("svg[role=img]")
        assert "vt-locator" in children[1]["class"] and svg is not None
        assert svg.title is not None and svg.title.get_text() == LOCATOR_TITLE


# In Chromium ------------------------------------------------------------------------------

PHONE = {"width": 360, "height": 740}


@pytest.fixture(scope="module")
def small_server(small: Project) -> Iterator[str]:
    with serve_folder(small.site) as url:
        yield url


Scheme = Literal["light", "dark"]


def _phone_check(browser: Browser, url: str, scheme: Scheme) -> tuple[int, list[dict[str, Any]]]:
    context = browser.new_context(viewport=PHONE, color_scheme=scheme)
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    framed = page.evaluate("[...document.querySelectorAll('.vt-table-frame')].map(f => f.scrollWidth - f.clientWidth)")
    violations = _axe(page)
    context.close()
    assert all(width <= 0 for width in framed), f"{url}: the figures table scrolls on a phone ({framed})"
    return overflow, violations


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("language", ["fr", "he"])
def test_on_a_phone_the_sample_profile_fits(browser: Browser, server: str, language: str, scheme: Scheme) -> None:
    overflow, violations = _phone_check(browser, f"{server}{language}/champions/doctolib/", scheme)
    assert overflow <= 0 and violations == []


@pytest.mark.browser
@pytest.mark.parametrize("language", ["fr", "he"])
def test_on_a_phone_a_profile_with_logo_and_figures_fits(browser: Browser, small_server: str, language: str) -> None:
    overflow, violations = _phone_check(browser, f"{small_server}{language}/champions/champion-test/", "light")
    assert overflow <= 0 and violations == []
