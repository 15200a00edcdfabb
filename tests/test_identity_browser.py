"""The identity as visitors see it, in Chromium: colours from the tokens, both schemes, screenshots."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser
from tests.conftest import REPO, Project, serve_folder
from tests.helpers import _axe

from vitrine.identity.tokens import load_identity

pytestmark = pytest.mark.browser
IDENTITY = load_identity(REPO / "identity.yml", "identity.yml")
ARTIFACTS = REPO / "test-artifacts"


def rgb(colour: str) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_computed_colours_match_the_tokens(browser: Browser, server: str, scheme: str) -> None:
    tokens = getattr(IDENTITY.palette, scheme)
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(server + "fr/quartiers/lille/", wait_until="networkidle")
    style = "([selector, prop]) => getComputedStyle(document.querySelector(selector))[prop]"
    assert page.evaluate(style, [".md-header", "backgroundColor"]) == rgb(tokens.primary)
    assert page.evaluate(style, [".md-header", "color"]) == rgb(tokens.on_primary)
    assert page.evaluate(style, [".vt-facts a", "color"]) == rgb(tokens.link)
    assert page.evaluate(style, ["body", "backgroundColor"]) == rgb(tokens.background)
    assert page.evaluate(style, [".md-typeset", "color"]) == rgb(tokens.text)
    assert page.evaluate(style, [".md-header__button.md-icon[for^=__palette]", "color"]) == rgb(tokens.on_primary)
    assert "Source Sans 3" in page.evaluate(style, ["body", "fontFamily"])
    fonts = page.evaluate("document.fonts.check('16px \"Source Sans 3\"')")
    context.close()
    assert fonts


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("language", ["fr", "ja", "he"])
def test_screenshots_and_no_contrast_violation(browser: Browser, server: str, language: str, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server + f"{language}/quartiers/lille/", wait_until="networkidle")
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / f"quartier-lille-{language}-{scheme}.png"
    page.screenshot(path=str(shot))
    violations = _axe(page)
    context.close()
    assert shot.stat().st_size > 10_000
    assert not violations, violations


def test_a_page_downloads_only_the_font_faces_its_characters_need(browser: Browser, server: str) -> None:
    # Each face carries its subset's unicode-range: without it Chromium fetched every
    # Latin face (about 95 KB) on every page.
    page = browser.new_page()
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(server + "en/", wait_until="networkidle")
    page.evaluate("document.fonts.ready.then(() => true)")
    page.close()
    fonts = sorted(url.rsplit("/", 1)[-1] for url in fetched if "/identity/fonts/" in url)
    assert fonts, "the text font is self-hosted and used"
    assert all(name.startswith("source-sans-3-latin-") for name in fonts), fonts
    assert not [name for name in fonts if "latin-ext" in name], "an English page with no extended Latin letter"
    assert not [name for name in fonts if "hebrew" in name], "Hebrew faces only for Hebrew pages"


def test_a_chosen_scheme_is_painted_on_the_next_page_before_material_runs(browser: Browser, server: str) -> None:
    """The header's inline script (partials/javascripts/palette.html) restores the choice: with
    Material's bundle refused, the next page still opens in the scheme the visitor picked."""
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    page.goto(server + "fr/quartiers/lille/", wait_until="networkidle")
    assert page.evaluate("document.body.dataset.mdColorScheme") == "default"
    page.click(".md-header__button.md-icon[for=__palette_1]")
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    page.route("**/assets/javascripts/bundle.*.js", lambda route: route.abort())
    page.goto(server + "he/champions/doctolib/", wait_until="load")
    body = page.evaluate("[document.body.dataset.mdColorScheme, document.body.dataset.mdColorMedia]")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    context.close()
    assert body == ["slate", "(prefers-color-scheme: dark)"]
    assert background == rgb(IDENTITY.palette.dark.background)


def test_with_an_option_that_follows_the_system_the_toggle_is_there_before_material_runs(
    browser: Browser, project: Project
) -> None:
    """palette.html writes Material's own script then, and shows the current option's toggle as
    Material's bundle would: on a wide screen the header does not move when the bundle arrives."""
    config = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    automatic = '  palette:\n    - media: "(prefers-color-scheme)"\n      toggle: {icon: material/brightness-auto, name: Follow the system}\n'
    (project.root / "mkdocs.yml").write_text(config.replace("  palette:\n", automatic, 1), encoding="utf-8")
    result = project.build()
    assert result.returncode == 0, result.stderr
    shown = []
    with serve_folder(project.site) as url:
        for blocked in (True, False):
            page = browser.new_page(viewport={"width": 1366, "height": 800})
            if blocked:
                page.route("**/assets/javascripts/bundle.*.js", lambda route: route.abort())
            page.goto(url + "en/quartiers/test/", wait_until="load")
            page.wait_for_timeout(300)
            labels = "[...document.querySelectorAll('[data-md-component=palette] label')]"
            shown.append(page.evaluate(f"{labels}.map((l) => !l.hidden && l.getBoundingClientRect().width > 0)"))
            page.close()
    assert shown[0] == [True, False, False], "the system's option, shown without Material's bundle"
    assert shown[0] == shown[1], "the same toggle once the bundle has run"
