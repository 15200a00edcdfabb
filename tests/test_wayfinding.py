"""Breadcrumbs on record and comparison pages, and the footer of every page: built, parsed, and
the breadcrumb's reading direction checked in Chromium."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup, Tag
from playwright.sync_api import Browser
from tests.conftest import SITE_LANGUAGES, parse
from tests.helpers import SITE_URL

# (language, page, [home, parent, page]) for a quartier, a champion and a comparison.
TRAILS = [
    ("fr", "fr/quartiers/lille/", ["Accueil", "Quartiers", "Lille is French Tech"]),
    ("fr", "fr/champions/doctolib/", ["Accueil", "Champions", "Doctolib"]),
    ("fr", "fr/criteres/access/", ["Accueil", "Quartiers", "Critère 1 comparé : Un quartier délimité et accessible"]),
    ("he", "he/quartiers/lille/", ["דף הבית", "רבעים", "Lille is French Tech"]),
    ("he", "he/champions/doctolib/", ["דף הבית", "אלופות", "Doctolib"]),
    ("he", "he/criteres/access/", ["דף הבית", "רבעים", "השוואת קריטריון 1: רובע מוגדר ונגיש"]),
]
TRAIL_NAMES = {"fr": "Fil d’Ariane", "he": "פירורי לחם"}
PARENTS = {"quartiers": "quartiers/", "champions": "champions/", "criteres": "quartiers/"}

# The footer's four pages, by file name, with their link text in three languages.
FOOTER_PAGES = ["accessibilite", "mentions-legales", "donnees-personnelles", "donnees-ouvertes"]
FOOTER_TEXTS = {
    "fr": ["Accessibilité : non conforme", "Mentions légales", "Données personnelles", "Données ouvertes"],
    "en": ["Accessibility: not compliant", "Legal notice", "Personal data", "Open data"],
    "he": ["נגישות: לא תואם", "מידע משפטי", "מידע אישי", "מידע פתוח"],
}
FOOTER_NAMES = {
    "fr": ("À propos du site", "Langues"),
    "en": ("About this site", "Languages"),
    "he": ("אודות האתר", "שפות"),
}
PAGE_TYPES = ["", "charte/", "quartiers/", "quartiers/lille/", "champions/doctolib/", "criteres/access/", "news/"]
NATIVE_NAMES = {"fr": "Français", "en": "English", "de": "Deutsch", "es": "Español", "ja": "日本語", "he": "עברית"}


def _target(site: Path, page: str, href: str) -> Path:
    """The file a link of `page` (a site folder such as `fr/charte/`) leads to."""
    address = urljoin("https://site.test/" + page, href).removeprefix("https://site.test/")
    return site / address / "index.html" if address.endswith("/") or not address else site / address


def _page(site: Path, page: str) -> BeautifulSoup:
    return parse(site / page / "index.html")


@pytest.mark.parametrize(("language", "page", "labels"), TRAILS, ids=[page for _l, page, _t in TRAILS])
def test_breadcrumb_leads_home_to_the_page(sample_site: Path, language: str, page: str, labels: list[str]) -> None:
    trail = _page(sample_site, page).select_one("nav.vt-breadcrumb")
    assert trail is not None and trail["aria-label"] == TRAIL_NAMES[language]
    links = trail.select("ol > li > a")
    assert [a.get_text(strip=True) for a in links] == labels
    targets = [_target(sample_site, page, str(a["href"])) for a in links]
    parent = PARENTS[page.split("/")[1]]
    assert targets == [
        sample_site / language / "index.html",
        sample_site / language / parent / "index.html",
        sample_site / page / "index.html",
    ]
    assert all(target.is_file() for target in targets)
    assert [a.get("aria-current") for a in links] == [None, None, "page"]


@pytest.mark.parametrize("page", ["fr/quartiers/lille/", "he/champions/doctolib/"])
def test_record_entity_carries_the_same_trail(sample_site: Path, page: str) -> None:
    """Search engines read the trail the page shows, with absolute addresses (schema.org BreadcrumbList)."""
    html = _page(sample_site, page)
    script = html.select_one('script[type="application/ld+json"]')
    assert script is not None
    trail = json.loads(script.get_text())["mainEntityOfPage"]["breadcrumb"]
    links = html.select("nav.vt-breadcrumb a")
    assert trail["@type"] == "BreadcrumbList"
    assert trail["itemListElement"] == [
        {
            "@type": "ListItem",
            "position": position,
            "name": a.get_text(strip=True),
            "item": SITE_URL + str(_target(Path(), page, str(a["href"])).parent) + "/",
        }
        for position, a in enumerate(links, start=1)
    ]
    assert trail["itemListElement"][-1]["item"] == SITE_URL + page


def test_only_record_and_comparison_pages_have_a_breadcrumb(sample_site: Path) -> None:
    for page in ("fr/", "fr/charte/", "fr/quartiers/", "he/champions/", "en/carte/"):
        assert _page(sample_site, page).select("nav.vt-breadcrumb") == [], page


@pytest.mark.parametrize("language", FOOTER_TEXTS)
def test_footer_links_the_site_pages_and_every_language_home(sample_site: Path, language: str) -> None:
    for kind in PAGE_TYPES:
        page = f"{language}/{kind}"
        footer = _page(sample_site, page).select_one(".vt-footer")
        assert footer is not None, page
        wrapper = footer.find("div")
        assert isinstance(wrapper, Tag) and wrapper["lang"] == language, page
        about, languages = footer.select("nav.vt-footer-links"), footer.select("nav.vt-footer-languages")
        assert [nav["aria-label"] for nav in about + languages] == list(FOOTER_NAMES[language]), page
        links = about[0].select("li > a")
        assert [a.get_text(strip=True) for a in links] == FOOTER_TEXTS[language], page
        targets = [_target(sample_site, page, str(a["href"])) for a in links]
        assert targets == [sample_site / language / name / "index.html" for name in FOOTER_PAGES], page
        assert all(target.is_file() for target in targets), page
        homes = languages[0].select("li > a")
        assert [(a["hreflang"], a["lang"], a.get_text(strip=True)) for a in homes] == [
            (code, code, NATIVE_NAMES[code]) for code in SITE_LANGUAGES
        ], page
        assert [_target(sample_site, page, str(a["href"])) for a in homes] == [
            sample_site / code / "index.html" for code in SITE_LANGUAGES
        ], page
        assert [a["hreflang"] for a in homes if a.get("aria-current")] == [language], page


@pytest.mark.browser
@pytest.mark.parametrize(("language", "ahead"), [("fr", "right"), ("he", "left")])
def test_breadcrumb_reads_in_the_page_direction(browser: Browser, server: str, language: str, ahead: str) -> None:
    """Each step of the trail follows the previous one in reading order, and the chevron between
    them points the same way."""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(server + f"{language}/quartiers/lille/", wait_until="networkidle")
    steps = page.evaluate(
        "() => [...document.querySelectorAll('.vt-breadcrumb li')].map(li => {"
        " const turn = getComputedStyle(li, '::before').transform;"
        " return [li.getBoundingClientRect().left, turn === 'none' ? null : new DOMMatrix(turn).a]; })"
    )
    context.close()
    lefts = [left for left, _cos in steps]
    assert lefts == sorted(lefts, reverse=ahead == "left") and len(set(lefts)) == 3
    # The chevron is the box's top and right borders, turned: +45° points right, -135° points left.
    cosines = [cos for _left, cos in steps]
    assert cosines[0] is None and all(cos is not None and (cos > 0) == (ahead == "right") for cos in cosines[1:])
