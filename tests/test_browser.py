"""Each page type in real Chromium: no WCAG 2.1 A/AA violation (axe-core), no request
leaving localhost, no console error. Missing Chromium is a failure, never a skip."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser
from tests.helpers import _axe

PAGE_TYPES = {
    "root": "",
    "home-fr": "fr/",
    "editorial-en": "en/charte/",
    "quartier-fr": "fr/quartiers/lille/",
    "quartier-en": "en/quartiers/paris/",
    "hub-en": "en/quartiers/tokyo/",
    "champion-fr": "fr/champions/doctolib/",
    "quartiers-directory-en": "en/quartiers/",
    "champions-directory-fr": "fr/champions/",
    "news-index-he": "he/news/",
    "news-post-ja": "ja/news/2015-06-24-deuxieme-vague/",
    "data-de": "de/donnees-ouvertes/",
    "calendar-fr": "fr/gouvernance/",
    "map-fr": "fr/carte/",
    "map-he": "he/carte/",
    "comparison-fr": "fr/criteres/real-estate/",
    "comparison-he": "he/criteres/access/",
    "comparison-en": "en/criteres/governance/",
}

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_page_type_in_chromium(browser: Browser, server: str, path: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    problems: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    response = page.goto(server + path, wait_until="networkidle")
    assert response is not None and response.status == 200
    violations = _axe(page)
    context.close()
    assert not violations, violations
    assert not problems, problems
    outside = [url for url in requests if not url.startswith(server) and not url.startswith("data:")]
    assert not outside, outside


def test_small_screen_has_no_horizontal_scroll(browser: Browser, server: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(server + "fr/quartiers/lille/", wait_until="networkidle")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    context.close()
    assert overflow <= 0
