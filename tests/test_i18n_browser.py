"""Moving between languages in real Chromium: switcher, search, right-to-left, root page."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from tests.conftest import REPO, SITE_LANGUAGES

pytestmark = pytest.mark.browser
ARTIFACTS = REPO / "test-artifacts"


def _switch(page: Page, language: str) -> None:
    page.locator(".md-header .md-select").hover()
    page.locator(f"a.vt-switch[hreflang={language}]").click()
    page.wait_for_load_state("load")


@pytest.mark.parametrize("language", [code for code in SITE_LANGUAGES if code != "fr"])
def test_switcher_round_trip_on_a_quartier_page(browser: Browser, server: str, language: str) -> None:
    page = browser.new_page()
    page.goto(server + "fr/quartiers/lille/")
    _switch(page, language)
    assert page.url == f"{server}{language}/quartiers/lille/"
    assert page.locator("html").get_attribute("lang") == language
    _switch(page, "fr")
    assert page.url == f"{server}fr/quartiers/lille/"
    page.close()


def test_search_in_german_returns_only_german_pages(browser: Browser, server: str) -> None:
    page = browser.new_page()
    page.goto(server + "de/quartiers/lille/", wait_until="networkidle")
    page.locator("input.md-search__input").click()
    page.keyboard.type("Lille", delay=30)  # Material reacts to key events, not to a programmatic fill
    results = page.locator(".md-search-result__link")
    expect(results.first).to_be_visible(timeout=15_000)
    hrefs = list(results.evaluate_all("links => links.map(a => a.href)"))
    page.close()
    assert hrefs
    assert all(href.startswith(server + "de/") for href in hrefs), hrefs


def test_hebrew_is_laid_out_right_to_left(browser: Browser, server: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    # An editorial page keeps its section's sidebar (record pages have none): it sits on the right,
    # and the header's tabs start from the right edge.
    page.goto(server + "he/charte/", wait_until="networkidle")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    nav = page.locator(".md-sidebar--primary").bounding_box()
    content = page.locator(".md-content").bounding_box()
    assert nav is not None and content is not None and nav["x"] > content["x"], "navigation should sit on the right"
    tabs = page.locator("nav.md-tabs a.md-tabs__link").evaluate_all(
        "links => links.map(a => a.getBoundingClientRect().x)"
    )
    assert tabs == sorted(tabs, reverse=True), "the first tab (home) is the rightmost"
    page.goto(server + "he/quartiers/lille/", wait_until="networkidle")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "he-quartier-lille.png"), full_page=False)
    page.close()
    assert (ARTIFACTS / "he-quartier-lille.png").stat().st_size > 10_000


def test_root_picks_japanese_for_a_japanese_browser(browser: Browser, server: str) -> None:
    context = browser.new_context(locale="ja-JP")
    page = context.new_page()
    page.goto(server)
    page.wait_for_url(server + "ja/")
    assert page.locator("html").get_attribute("lang") == "ja"
    context.close()


def test_root_remembers_an_explicit_choice(browser: Browser, server: str) -> None:
    context = browser.new_context(locale="ja-JP")
    page = context.new_page()
    page.goto(server + "fr/charte/")
    _switch(page, "es")
    page.goto(server)
    page.wait_for_url(server + "es/")
    context.close()


def test_root_without_javascript_offers_every_language(browser: Browser, server: str) -> None:
    context = browser.new_context(java_script_enabled=False, locale="ja-JP")
    page = context.new_page()
    page.goto(server)
    assert page.url == server
    codes = page.locator(".vt-languages a").evaluate_all("links => links.map(a => a.hreflang)")
    context.close()
    assert codes == list(SITE_LANGUAGES)


def test_artifacts_folder_is_ignored_by_git() -> None:
    assert "/test-artifacts/" in Path(REPO / ".gitignore").read_text(encoding="utf-8")


def test_first_view_fetches_no_sitemap_and_the_index_and_worker_only_for_a_search(
    browser: Browser, server: str
) -> None:
    page = browser.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(server + "en/quartiers/lille/", wait_until="networkidle")
    page.wait_for_timeout(500)
    assert not [url for url in requested if url.endswith("sitemap.xml")], requested
    assert not [url for url in requested if "search_index" in url], "the index waits for the visitor's first search"
    assert not [url for url in requested if "/workers/search." in url], "so does the search worker"
    assert page.locator("link[rel=alternate][hreflang]").count() == 0, "hidden from Material's bundle"
    assert page.locator("link[rel=alternate-vitrine][hreflang=de]").count() == 1, "still in the page"
    page.keyboard.press("s")  # Material's shortcut opens the search and focuses its field
    page.keyboard.type("Lille", delay=30)
    results = page.locator(".md-search-result__link")
    expect(results.first).to_be_visible(timeout=15_000)
    assert [url for url in requested if url.endswith("en/search/search_index.json")]
    assert [url for url in requested if "/workers/search." in url]
    page.close()
