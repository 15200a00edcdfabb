"""Valid HTML on every page (the W3C Nu HTML checker, RGAA 8.2), Material's toggles still closed on Back
(without the invalid `autocomplete="off"` that kept them so), and a named search dialog in each language."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from playwright.sync_api import Browser
from tests.conftest import REPO, SITE_LANGUAGES, Project, parse
from tests.helpers import SEARCH_DIALOG

from vitrine.publish.conformance import without_toggle_autocomplete

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_every_page_of_the_sample_site_is_valid_html(sample_site: Path) -> None:
    java = shutil.which("java")
    assert java is not None, "the Nu HTML checker needs Java: scripts/bootstrap --test installs default-jre-headless"
    assert VNU.is_file(), "vnu-jar is required: run `npm ci`"
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", "--verbose", "--skip-non-html", str(sample_site)],
        capture_output=True,
        text=True,
        check=False,
    )
    checked = {Path(line).resolve() for line in result.stdout.splitlines() if line.strip()}
    assert checked == {page.resolve() for page in sample_site.rglob("*.html")}  # every page, and only pages
    report = json.loads(result.stderr)
    errors = [
        f"{Path(unquote(urlsplit(m['url']).path)).resolve().relative_to(sample_site.resolve())}:{m.get('lastLine', '?')}:"
        f" {m['message']}"
        for m in report["messages"]
    ]
    assert not errors, f"{len(errors)} errors:\n" + "\n".join(errors)
    assert result.returncode == 0


def test_only_checkboxes_and_radios_lose_autocomplete() -> None:
    page = (
        '<input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off">'
        "<input type='radio' autocomplete=off name=x>"
        '<input type="text" class="md-search__input" autocomplete="off">'
        "<p>autocomplete</p>"
    )
    assert without_toggle_autocomplete(page) == (
        '<input class="md-toggle" type="checkbox" id="__drawer">'
        "<input type='radio' name=x>"
        '<input type="text" class="md-search__input" autocomplete="off">'
        "<p>autocomplete</p>"
    )


@pytest.mark.parametrize("language", SITE_LANGUAGES)
def test_the_search_button_carries_the_dialog_in_the_page_language(sample_site: Path, language: str) -> None:
    """The dialog only works with scripts, so vitrine-search.js writes it (1.1 KB less a page)."""
    page = parse(sample_site / language / "quartiers" / "lyon" / "index.html")
    assert page.select('[role="dialog"]') == [], "no dialog in the HTML as served"
    button = page.select_one("header label[for=__search][data-vt-search]")
    assert button is not None
    dialog = json.loads(str(button["data-vt-search"]))
    assert dialog["name"] == SEARCH_DIALOG[language]
    assert [icon for _box, icon in dialog["icons"]] == ["magnify", "arrow-left", "close"]
    assert (sample_site / language / "quartiers" / "lyon" / dialog["file"]).resolve().is_file()


@pytest.mark.browser
@pytest.mark.parametrize("language", ["fr", "ja", "he"])
def test_the_search_dialog_is_written_named_in_the_page_language(browser: Browser, server: str, language: str) -> None:
    page = browser.new_page()
    try:
        page.route("**/assets/javascripts/bundle.*.js", lambda route: route.abort())  # the script alone
        page.goto(f"{server}{language}/quartiers/lyon/", wait_until="load")
        dialogs = page.evaluate(
            "[...document.querySelectorAll('[role=dialog]')].map(d => [d.className, d.getAttribute('aria-label'),"
            " d.previousElementSibling.getAttribute('for'), d.querySelector('input').placeholder"
            " === JSON.parse(d.previousElementSibling.dataset.vtSearch).query,"
            " [...d.querySelectorAll('use')].map(u => u.href.baseVal)])"
        )
        assert len(dialogs) == 1
        kind, name, after, placeholder, icons = dialogs[0]
        assert (kind, name, after, placeholder) == ("md-search", SEARCH_DIALOG[language], "__search", True)
        assert [icon.rsplit("#", 1)[1] for icon in icons] == ["magnify", "arrow-left", "close"]
        for icon in icons:
            assert page.request.get(urljoin(page.url, icon.split("#")[0])).ok
    finally:
        page.close()


@pytest.mark.browser
def test_back_to_a_page_finds_the_drawer_and_search_closed(browser: Browser, server: str) -> None:
    """Chromium restores a checkbox's state on Back, after Material has read it; vitrine.js closes both first."""
    page = browser.new_page()
    try:
        page.goto(server + "fr/quartiers/lyon/")
        page.evaluate("document.getElementById('__drawer').click(); document.getElementById('__search').click()")
        assert page.evaluate("[__drawer.checked, __search.checked]") == [True, True]
        page.goto(server + "fr/quartiers/lille/")
        page.go_back()
        page.wait_for_load_state("load")
        page.wait_for_timeout(500)  # Chromium restores form state after the load event
        assert page.url == server + "fr/quartiers/lyon/"
        assert page.evaluate("[__drawer.checked, __search.checked]") == [False, False]
    finally:
        page.close()


def test_without_the_search_script_the_dialog_is_in_the_html(project: Project) -> None:
    """vitrine/i18n off: no page loads vitrine-search.js, so the header keeps Material's markup."""
    config = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - vitrine/i18n:\n" in config
    (project.root / "mkdocs.yml").write_text(
        config.replace("  - vitrine/i18n:\n", "  - vitrine/i18n:\n      enabled: false\n", 1), encoding="utf-8"
    )
    result = project.build()
    assert result.returncode == 0, result.stderr
    page = project.html("fr/index.html")
    assert page.select_one("script[src$='vitrine-search.js']") is None
    assert page.select_one("label[data-vt-search]") is None
    assert [dialog.get("class") for dialog in page.select('[role="dialog"]')] == [["md-search"]]
