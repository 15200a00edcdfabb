"""What a visitor sees: every page type in fr, ja and he, on a phone (360 px) and a laptop
(1366 px), saved as full-page PNGs in test-artifacts/screenshots/ for a look. Each page
answers with its status, has no horizontal scroll on the phone, and Japanese renders with
a CJK font (Debian's fonts-noto-cjk), not .notdef boxes."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page
from tests.conftest import REPO
from tests.helpers import serving

SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
PAGES = {
    "landing": "",
    "quartiers": "quartiers/",
    "champions": "champions/",
    "quartier": "quartiers/lille/",
    "champion": "champions/doctolib/",
    "comparison": "criteres/access/",
    "map": "carte/",
    "editorial": "charte/",
    "news": "news/",
    "404": "page-absente/",
}
VIEWPORTS = {360: 800, 1366: 900}

# The first heading or paragraph with Japanese text (an h1 may be a name in Latin letters);
# one bitmap per distinct Japanese character of it, drawn in its computed font: .notdef
# boxes are all the same bitmap (and the same as an unassigned code point's).
GLYPHS = """
() => {
  const japanese = /[\\u3040-\\u30ff\\u4e00-\\u9fff]/g;
  const element = [...document.querySelectorAll("h1, h2, h3, p")].find(
    (candidate) => new Set(candidate.textContent.match(japanese) || []).size >= 2
  );
  if (!element) return null;
  const style = getComputedStyle(element);
  const font = `${style.fontStyle} ${style.fontWeight} 40px ${style.fontFamily}`;
  const draw = (text) => {
    const canvas = document.createElement("canvas");
    canvas.width = 64;
    canvas.height = 64;
    const context = canvas.getContext("2d");
    context.font = font;
    context.textBaseline = "top";
    context.fillText(text, 4, 4);
    return canvas.toDataURL();
  };
  const characters = [...new Set(element.textContent.match(japanese))];
  return {
    text: element.textContent.trim(),
    font,
    missing: draw("\\u0378"),
    glyphs: characters.map(draw),
    width: element.getBoundingClientRect().width,
  };
}
"""

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def missing_aware_server(sample_site: Path) -> Iterator[str]:
    """The sample site served as a host does: a missing address gets the nearest 404.html, status 404."""
    with serving(sample_site, {}) as url:
        yield url


def test_a_japanese_font_is_installed() -> None:
    listed = subprocess.run(["fc-list", ":lang=ja"], capture_output=True, text=True, check=True).stdout
    assert listed.strip(), "Japanese needs a CJK font: run `scripts/bootstrap --test` (installs fonts-noto-cjk)"


@pytest.mark.parametrize("width", VIEWPORTS)
@pytest.mark.parametrize("language", ["fr", "ja", "he"])
def test_every_page_type_on_screen(browser: Browser, missing_aware_server: str, language: str, width: int) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": VIEWPORTS[width]})
    page = context.new_page()
    problems: list[str] = []
    for name, path in PAGES.items():
        # `load` (the page, styles, scripts, fonts asked for so far, images in view), then the fonts
        # the page's text needs: what Material's worker fetches later (the search index) is not on
        # screen, and waiting for the network to go idle cost half a second a page.
        response = page.goto(f"{missing_aware_server}{language}/{path}", wait_until="load")
        page.evaluate("document.fonts.ready.then(() => true)")
        page.screenshot(path=str(SCREENSHOTS / f"{language}-{width}-{name}.png"), full_page=True)
        expected = 404 if name == "404" else 200
        status = response.status if response is not None else None
        if status != expected:
            problems.append(f"{name}: status {status}, expected {expected}")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 0:
            problems.append(f"{name}: {overflow} px wider than the {width} px screen")
        if language == "ja":
            problems.extend(f"{name}: {problem}" for problem in _japanese_problems(page))
    context.close()
    assert not problems, problems


def _japanese_problems(page: Page) -> list[str]:
    drawn = page.evaluate(GLYPHS)
    if drawn is None:
        return ["no heading or paragraph in Japanese"]
    glyphs: list[str] = drawn["glyphs"]
    if drawn["width"] <= 0:
        return [f"{drawn['text']!r} has no width"]
    if len(set(glyphs)) < len(glyphs) or drawn["missing"] in glyphs:
        return [f"{drawn['text']!r} shows .notdef boxes in {drawn['font']}"]
    return []
