"""No layout shift: on a 390 px phone, in French and in Hebrew (right to left), every page
type moves by at most 0.05 of cumulative layout shift through load and the scripts'
enhancement, measured by Chromium itself (PerformanceObserver for `layout-shift`)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

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
