"""No layout shift: on a 390 px phone, in French and in Hebrew (right to left), every page
type moves by at most 0.05 of cumulative layout shift through load and the scripts'
enhancement, measured by Chromium itself (PerformanceObserver for `layout-shift`)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Route

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
LIMIT = 0.05
PAGE_TYPES = {
    "quartiers-directory": "quartiers/",
    "champions-directory": "champions/",
    "quartier": "quartiers/lille/",
    "champion": "champions/doctolib/",
    "map": "carte/",
    "editorial": "charte/",
    "home": "",
    "comparison": "criteres/access/",
    "news": "news/",
    "news-post": "news/2015-06-24-deuxieme-vague/",
    "404": "404.html",
    # Directories opened on a filtered address, as the home's figures link them: the script filters
    # the lists before they are painted (main.html, vt-pending).
    "quartiers-filtered": "quartiers/?kind=hub",
    "champions-filtered": "champions/?sector=health&sort=founded",
}
# Registered before the page's first byte; `buffered` also reports shifts from before it ran.
OBSERVE = """
window.vtShifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) window.vtShifts.push({value: entry.value, sources: entry.sources.map(
      (source) => source.node ? source.node.nodeName + "." + (source.node.className || "") : "?")});
  }
}).observe({type: "layout-shift", buffered: true});
"""


@pytest.mark.parametrize("language", ["fr", "he"])
def test_no_page_moves_on_a_phone(browser: Browser, server: str, language: str) -> None:
    """Each page type in a tab of its own, all loaded one after the other, then given a second
    after the last load for the scripts' enhancement: every page had at least that second."""
    context = browser.new_context(viewport=PHONE)
    context.add_init_script(OBSERVE)
    pages = {}
    for name, path in PAGE_TYPES.items():
        pages[name] = context.new_page()
        pages[name].goto(f"{server}{language}/{path}", wait_until="load")
    pages["home"].wait_for_timeout(1000)  # the scripts' enhancement, after load
    shifts = {name: page.evaluate("window.vtShifts") for name, page in pages.items()}
    hidden = [name for name, page in pages.items() if page.evaluate("document.visibilityState") != "visible"]
    observed = pages["home"].evaluate("PerformanceObserver.supportedEntryTypes.includes('layout-shift')")
    context.close()
    assert observed, "Chromium reports layout shifts"
    assert hidden == [], f"pages in a background tab may not run their scripts: {hidden}"
    # Every shift counts, not only the worst session window: stricter than the CLS metric.
    moved = {name: found for name, found in shifts.items() if sum(shift["value"] for shift in found) > LIMIT}
    assert moved == {}, moved


# The header's buttons as Chromium lays them out: scheme toggle, language menu, search.
HEADER = """() => [...document.querySelectorAll('.md-header__option, .md-search, .md-header__title')]
  .map((el) => { const box = el.getBoundingClientRect(); return [el.className, Math.round(box.left), Math.round(box.width)]; })
  .filter(([, , width]) => width > 0)"""


@pytest.mark.parametrize("language", ["fr", "he"])
@pytest.mark.parametrize("width", [1000, 1366])
def test_on_a_wide_screen_the_header_stays_put_while_the_scripts_arrive(
    browser: Browser, server: str, language: str, width: int
) -> None:
    """Over a slow link the page is painted before its scripts at the end of the body arrive: the
    scheme toggle and the search field must already have their places (palette.html, vitrine.css)."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    context.add_init_script(OBSERVE)
    page = context.new_page()
    held: list[Route] = []
    holding = [True]

    def hold(route: Route) -> None:  # every script, until released below
        if holding[0]:
            held.append(route)
        else:
            route.continue_()

    page.route("**/*.js", hold)
    page.goto(f"{server}{language}/champions/doctolib/", wait_until="commit")
    page.wait_for_function("document.querySelector('footer') !== null")
    page.wait_for_timeout(500)  # painted without the scripts
    before = page.evaluate(HEADER)
    holding[0] = False
    for route in held:
        route.continue_()
    page.wait_for_load_state("load")
    page.wait_for_timeout(1000)
    after = page.evaluate(HEADER)
    shifts = page.evaluate("window.vtShifts")
    context.close()
    assert "md-search" in [name for name, _left, _width in after], "the search field is written and shown"
    header = [entry for entry in before if entry[0] != "md-search"]
    assert header == [entry for entry in after if entry[0] != "md-search"], (before, after)
    assert sum(shift["value"] for shift in shifts) <= LIMIT, shifts
