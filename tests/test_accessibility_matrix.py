"""The accessibility gate over the whole matrix: every page type in fr, en, ja and he, light
and dark, on a 360 px phone and a 1366 px laptop. Each page has no WCAG 2.1 A/AA violation
(axe-core), a search dialog named in its language and, on the phone, no horizontal scroll.
In dark, axe runs only the rules that read colours (`COLOUR_RULES`): the page's HTML is the same
in both schemes, so the other rules, run in light, would find the same things again.
One browser context per language, scheme and width visits every page type; every problem of
every page is collected before the test fails, so one run shows them all."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page
from tests.helpers import COLOUR_RULES, SEARCH_DIALOG, _axe, serving, with_axe

pytestmark = pytest.mark.browser

PAGE_TYPES = {
    "landing": "",
    "quartiers-directory": "quartiers/",
    "champions-directory": "champions/",
    "quartier": "quartiers/lille/",
    "champion": "champions/doctolib/",
    "community-abroad": "quartiers/tokyo/",
    "comparison": "criteres/access/",
    "map": "carte/",
    "editorial": "charte/",
    "news-index": "news/",
    "news-post": "news/2015-06-24-deuxieme-vague/",
    "404": "page-absente/",
}
VIEWPORTS = {360: 800, 1366: 900}
SCHEMES = {"light": "default", "dark": "slate"}
"""Each colour scheme the visitor's system asks for, and Material's palette it must select."""

# Elements drawn past the viewport's edge (right, or left in right-to-left pages), outside any
# clipping or fixed ancestor (those cannot widen the page), widest overflow first.
OUTSIDE = """
() => {
  const width = document.documentElement.clientWidth;
  const contained = (element) => {
    for (let node = element; node && node !== document.body; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.position === "fixed") return true;
      if (node !== element && style.overflowX !== "visible") return true;
    }
    return false;
  };
  const describe = (element) => element.tagName.toLowerCase() + (element.id ? "#" + element.id : "")
    + [...element.classList].map((name) => "." + name).join("");
  return [...document.body.querySelectorAll("*")]
    .map((element) => ({element, box: element.getBoundingClientRect()}))
    .map(({element, box}) => ({element, past: Math.max(box.right - width, -box.left)}))
    .filter(({element, past}) => past > 0.5 && !contained(element))
    .sort((a, b) => b.past - a.past)
    .slice(0, 3)
    .map(({element, past}) => `${describe(element)} (${Math.round(past)} px past the edge)`);
}
"""


@pytest.fixture(scope="module")
def missing_aware_server(sample_site: Path) -> Iterator[str]:
    """The sample site served as a host does: a missing address gets the nearest 404.html, status 404."""
    with serving(sample_site, {}) as url:
        yield url


@pytest.mark.parametrize("width", VIEWPORTS)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("language", ["fr", "en", "ja", "he"])
def test_every_page_type_is_accessible(
    browser: Browser, missing_aware_server: str, language: str, scheme: str, width: int
) -> None:
    context = with_axe(
        browser.new_context(
            viewport={"width": width, "height": VIEWPORTS[width]},
            color_scheme="dark" if scheme == "dark" else "light",
        )
    )
    page = context.new_page()
    problems: list[str] = []
    for name, path in PAGE_TYPES.items():
        # `load`: the page, its styles, scripts and fonts; what is fetched later (the search index,
        # by Material's worker) changes nothing axe checks, and waiting for the network to be idle
        # cost half a second a page (192 pages).
        response = page.goto(f"{missing_aware_server}{language}/{path}", wait_until="load")
        status = response.status if response is not None else None
        expected = 404 if name == "404" else 200
        if status != expected:
            problems.append(f"{name}: status {status}, expected {expected}")
        problems.extend(f"{name}: {problem}" for problem in _page_problems(page, language, scheme, width))
    context.close()
    assert not problems, f"{len(problems)} problems in {language}, {scheme}, {width} px:\n" + "\n".join(problems)


def _page_problems(page: Page, language: str, scheme: str, width: int) -> list[str]:
    problems: list[str] = []
    selected = page.evaluate("document.body.dataset.mdColorScheme")
    if selected != SCHEMES[scheme]:
        problems.append(f"palette {selected!r}, expected {SCHEMES[scheme]!r} for a {scheme} system")
    dialogs = page.get_by_role("dialog", name=SEARCH_DIALOG[language], exact=True, include_hidden=True)
    if dialogs.count() != 1:
        problems.append(f"no search dialog named {SEARCH_DIALOG[language]!r}")
    problems.extend(
        f"axe {violation['id']} ({violation['impact']}): {', '.join(violation['nodes'][:3])}"
        for violation in _axe(page, COLOUR_RULES if scheme == "dark" else None)
    )
    if width == 360:
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            problems.append(f"{overflow} px of horizontal scroll: {', '.join(page.evaluate(OUTSIDE)) or '?'}")
    return problems


def test_axe_as_the_matrix_runs_it_finds_a_planted_violation(browser: Browser) -> None:
    """The gate can fail: axe, added to every page by the context, reports an image without a text
    alternative and an empty link, in light and with the dark run's colour rules a contrast failure."""
    context = with_axe(browser.new_context())
    page = context.new_page()
    page.set_content(
        '<html lang="en"><head><title>Planted</title></head><body><main><img src="x.png"><a href="/"></a>'
        '<p style="color:#777;background:#888">Faint text</p></main></body></html>'
    )
    found = {violation["id"] for violation in _axe(page)}
    colours = {violation["id"] for violation in _axe(page, COLOUR_RULES)}
    context.close()
    assert {"image-alt", "link-name", "color-contrast"} <= found, found
    assert colours == {"color-contrast"}, colours
