"""Navigation for visitors: the site's sections as tabs in the header, the tab of each page
marked, no documentation sidebar on the landing, directory, map, record and comparison pages,
an editorial page's sidebar limited to its own section; built, parsed, and looked at in
Chromium on a laptop and a phone."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser
from tests.conftest import Project, parse

TABS = {
    "fr": ["Accueil", "Quartiers", "Champions", "Carte du réseau", "Le réseau", "Actualités", "À propos du site"],
    "ja": [
        "ホーム",
        "地区",
        "チャンピオン企業",
        "ネットワークの地図",
        "ネットワーク",
        "ニュース",
        "このサイトについて",
    ],
    "he": ["דף הבית", "רבעים", "אלופות", "מפת הרשת", "הרשת", "חדשות", "אודות האתר"],
}
# The editorial pages of each section, by file name, in the order of their nav_order.
SECTIONS = {
    "Le réseau": ["recommandations", "charte", "paris", "international", "business-angels", "gouvernance"],
    "À propos du site": ["donnees-ouvertes", "accessibilite", "mentions-legales", "donnees-personnelles"],
}
# page -> (its tab, aria-current): the page itself, or the part of the site it belongs to.
MARKED = {
    "fr/": ("Accueil", "page"),
    "fr/quartiers/": ("Quartiers", "page"),
    "fr/quartiers/lille/": ("Quartiers", "true"),
    "fr/quartiers/tokyo/": ("Quartiers", "true"),
    "fr/criteres/access/": ("Quartiers", "true"),
    "fr/champions/": ("Champions", "page"),
    "fr/champions/doctolib/": ("Champions", "true"),
    "fr/carte/": ("Carte du réseau", "page"),
    "fr/recommandations/": ("Le réseau", "page"),
    "fr/charte/": ("Le réseau", "true"),
    "fr/news/": ("Actualités", "page"),
    "fr/news/2015-06-24-deuxieme-vague/": ("Actualités", "true"),
    "fr/donnees-ouvertes/": ("À propos du site", "page"),
    "fr/mentions-legales/": ("À propos du site", "true"),
}
# Pages for visitors, not for reading documentation: neither navigation nor contents sidebar.
WITHOUT_SIDEBARS = ["fr/", "fr/quartiers/", "fr/champions/", "fr/carte/", "fr/quartiers/lille/"]
WITHOUT_SIDEBARS += ["fr/champions/doctolib/", "fr/criteres/access/", "he/quartiers/paris/", "ja/carte/"]


def _tabs(html: BeautifulSoup) -> list[tuple[str, str | None, str]]:
    return [
        (a.get_text(strip=True), str(a["aria-current"]) if a.has_attr("aria-current") else None, str(a["href"]))
        for a in html.select("header nav.md-tabs a.md-tabs__link, nav.md-tabs a.md-tabs__link")
    ]


@pytest.mark.parametrize("language", TABS)
def test_every_page_has_the_sections_as_tabs_in_its_language(sample_site: Path, language: str) -> None:
    for page in ("", "charte/", "quartiers/lille/", "champions/doctolib/", "news/"):
        tabs = _tabs(parse(sample_site / language / page / "index.html"))
        assert [text for text, _, _ in tabs] == TABS[language], page
        for _, _, href in tabs:
            target = urljoin(f"https://site.test/{language}/{page}", href).removeprefix("https://site.test/")
            assert (sample_site / target / "index.html").is_file(), (page, href)


def test_a_section_tab_leads_to_its_first_page(sample_site: Path) -> None:
    tabs = {text: href for text, _, href in _tabs(parse(sample_site / "fr" / "index.html"))}
    for section, pages in SECTIONS.items():
        assert tabs[section] == f"{pages[0]}/"


def _drawer_groups(html: BeautifulSoup) -> dict[str, list[str] | str]:
    """Each group of the drawer: the hrefs of its pages when it opens there, or its one link."""
    groups: dict[str, list[str] | str] = {}
    for item in html.select(".md-nav--primary > .md-nav__list > .md-nav__item--nested"):
        nested = item.select_one(":scope > nav")
        link = item.select_one(":scope > .md-nav__link")
        assert link is not None
        if nested is None:
            assert link.name == "a", "a group that does not open there is a link"
            groups[link.get_text(strip=True)] = str(link["href"])
        else:
            links = [str(a["href"]) for a in nested.select("a.md-nav__link")]
            groups[link.get_text(strip=True)] = [href for href in links if not href.startswith("#")]  # not the toc
    return groups


def test_the_drawer_opens_only_the_page_group_and_links_the_others_to_their_first_page(sample_site: Path) -> None:
    network, about = SECTIONS
    record = _drawer_groups(parse(sample_site / "fr" / "champions" / "doctolib" / "index.html"))
    assert record == {network: "../../recommandations/", about: "../../donnees-ouvertes/"}
    editorial = _drawer_groups(parse(sample_site / "fr" / "charte" / "index.html"))
    assert editorial[about] == "../donnees-ouvertes/"
    own = {"charte": "./"}
    assert editorial[network] == [own.get(name, f"../{name}/") for name in SECTIONS[network]]


@pytest.mark.parametrize(("page", "marked"), MARKED.items(), ids=MARKED.keys())
def test_the_tab_of_the_page_is_marked(sample_site: Path, page: str, marked: tuple[str, str]) -> None:
    html = parse(sample_site / page / "index.html")
    current = [(text, state) for text, state, _ in _tabs(html) if state is not None]
    assert current == [marked]
    active = html.select("nav.md-tabs li.md-tabs__item--active a")
    assert [a.get_text(strip=True) for a in active] == [marked[0]]


@pytest.mark.parametrize("page", WITHOUT_SIDEBARS)
def test_visitor_pages_have_no_documentation_sidebar(sample_site: Path, page: str) -> None:
    html = parse(sample_site / page / "index.html")
    primary, secondary = html.select_one(".md-sidebar--primary"), html.select_one(".md-sidebar--secondary")
    # Material keeps the primary sidebar as the phone's drawer: hidden on wide screens only.
    assert primary is not None and primary.has_attr("hidden")
    assert secondary is None, "a hidden table of contents is not written (the drawer has the page's)"


def test_a_page_that_is_a_tab_of_its_own_has_no_navigation_sidebar(sample_site: Path) -> None:
    for page in ("fr/news/", "fr/news/2015-06-24-deuxieme-vague/"):
        primary = parse(sample_site / page / "index.html").select_one(".md-sidebar--primary")
        assert primary is not None and primary.has_attr("hidden"), page


def test_an_unknown_section_is_an_error_naming_file_line_and_field(project: Project) -> None:
    project.write("content/fr/apropos.md", "---\ntitle: À propos\nnav_order: 5\nnav_section: reseau\n---\n\nTexte.\n")
    result = project.build()
    assert result.returncode == 1
    assert (
        "content/fr/apropos.md:4:1: nav_section: \"reseau\" is not allowed; expected one of 'network' or 'about'"
        in result.stderr
    )
    assert "Traceback" not in result.stderr and not project.site.exists()


def test_a_small_site_without_sections_has_a_tab_per_page(project: Project) -> None:
    project.write("content/fr/apropos.md", "---\ntitle: À propos\nnav_order: 5\n---\n\nTexte.\n")
    assert project.build().returncode == 0
    tabs = [text for text, _, _ in _tabs(project.html("fr/index.html"))]
    assert tabs == ["Vitrine", "Quartiers", "Champions", "Carte du réseau", "À propos"]


@pytest.mark.browser
def test_wide_screens_show_tabs_and_only_the_page_section(browser: Browser, server: str) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto(server + "fr/charte/", wait_until="load")
    tabs = page.locator("nav.md-tabs")
    assert tabs.is_visible()
    shown = page.eval_on_selector_all(
        ".md-sidebar--primary a.md-nav__link",
        "links => links.filter(a => a.offsetParent).map(a => a.textContent.trim())",
    )
    titles = [title for title in shown if title]
    page.goto(server + "fr/quartiers/lille/", wait_until="load")
    sidebar_shown = page.locator(".md-sidebar--primary").is_visible()
    context.close()
    assert len(titles) == len(SECTIONS["Le réseau"]), titles
    assert "La charte du label" in titles and "Mentions légales" not in titles and "Quartiers" not in titles
    assert not sidebar_shown


@pytest.mark.browser
@pytest.mark.parametrize("language", ["fr", "he"])
def test_phones_reach_every_section_through_the_drawer(browser: Browser, server: str, language: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto(f"{server}{language}/quartiers/lille/", wait_until="load")
    assert not page.locator("nav.md-tabs").is_visible()
    page.click(".md-header label[for=__drawer]")
    page.wait_for_timeout(400)  # the drawer slides in
    drawer = page.locator(".md-sidebar--primary")
    # Each top-level item's own link (a section's is the label that opens it).
    shown = drawer.evaluate(
        "d => [...d.querySelectorAll('.md-nav--primary > .md-nav__list > .md-nav__item')]"
        ".map(item => item.querySelector(':scope > .md-nav__link').textContent.trim())"
    )
    inside = page.evaluate(
        "() => { const r = document.querySelector('.md-sidebar--primary').getBoundingClientRect();"
        " return r.left >= -1 && r.right <= innerWidth + 1; }"
    )
    context.close()
    assert inside, "the drawer is on screen"
    assert shown == TABS[language]
