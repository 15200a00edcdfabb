"""The built site served from a sub-path, as a GitHub Pages project site is (`/<repository>/`).

Navigation is relative everywhere, the root language page included: crawling
every page from the root, every `<a href>`, `<link href>`, `<script src>`,
`<img src>` and `srcset` leads to a file that exists and stays under the
sub-path. Canonical links, hreflang and sitemaps are absolute by design (they
use `site_url`); no navigation link does. In Chromium, the root under the
sub-path opens a language home that renders with the identity's styles.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser
from tests.conftest import REPO, Project, serve_folder
from tests.helpers import sitemap_of, vitrine

from vitrine.identity.tokens import load_identity

PREFIX = "/some/sub/path/"
SITE_HOST = "vitrine.example"  # site_url in mkdocs.yml
ATTRIBUTES = {"a": ("href",), "link": ("href",), "script": ("src",), "img": ("src", "srcset"), "source": ("srcset",)}


class _SubPathHandler(SimpleHTTPRequestHandler):
    """Serves the site under PREFIX only, as a project site's host does: anything else is a 404."""

    def translate_path(self, path: str) -> str:
        if not path.startswith(PREFIX):
            return str(Path(self.directory) / ".not-under-the-sub-path")
        return super().translate_path("/" + path[len(PREFIX) :])

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def sub_path(sample_site: Path) -> Iterator[str]:
    with serve_folder(sample_site, _SubPathHandler) as root:
        yield root.rstrip("/") + PREFIX


def _fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as error:
        return error.code, "", b""


def _targets(html: bytes) -> Iterator[tuple[str, str]]:
    """(tag, address) of everything a page links to or loads."""
    soup = BeautifulSoup(html, "html.parser")
    for tag, attributes in ATTRIBUTES.items():
        for element in soup.find_all(tag):
            for attribute in attributes:
                value = element.get(attribute)
                if not isinstance(value, str) or not value:
                    continue
                if attribute == "srcset":
                    yield from ((tag, part.split()[0]) for part in value.split(",") if part.strip())
                else:
                    yield tag, value


def test_every_link_works_and_stays_under_the_sub_path(sub_path: str, sample_site: Path) -> None:
    origin = urlsplit(sub_path).netloc
    queue, pages, checked = [sub_path], set(), {}
    problems: list[str] = []
    while queue:
        page = queue.pop()
        status, _kind, body = _fetch(page)
        assert status == 200, page
        pages.add(page)
        for tag, target in _targets(body):
            address = urldefrag(urljoin(page, target)).url
            parts = urlsplit(address)
            if parts.scheme not in ("http", "https"):
                continue  # mailto:, data:…
            if parts.netloc != origin:
                if tag == "a" and parts.netloc == SITE_HOST:
                    problems.append(f"{page}: navigation to the absolute site_url: {target}")
                continue
            if not parts.path.startswith(PREFIX):
                problems.append(f"{page}: {tag} {target} leaves the sub-path ({parts.path})")
                continue
            if address not in checked:
                checked[address] = _fetch(address)[:2]
                if checked[address][0] != 200:
                    problems.append(f"{page}: {tag} {target} -> {checked[address][0]}")
                elif checked[address][1] == "text/html" and address not in pages:
                    queue.append(address)
    assert not problems, "\n".join(problems[:20])
    built = {
        path.relative_to(sample_site).as_posix()
        for path in sample_site.rglob("*.html")
        if path.name != "404.html" and not path.relative_to(sample_site).as_posix().startswith("translations/")
    }
    reached = {urlsplit(page).path[len(PREFIX) :] for page in pages}
    reached = {(path + "index.html") if path.endswith("/") or not path else path for path in reached}
    assert built - reached == set(), "pages no link leads to"
    assert len(reached) > 300


@pytest.mark.browser
def test_root_under_the_sub_path_opens_a_styled_language_home(browser: Browser, sub_path: str) -> None:
    identity = load_identity(REPO / "identity.yml", "identity.yml")
    context = browser.new_context(locale="de-DE")
    page = context.new_page()
    failed: list[str] = []
    requested: list[str] = []
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    page.on("request", lambda request: requested.append(request.url))
    page.goto(sub_path)
    page.wait_for_url(sub_path + "de/")
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == "de"
    primary = page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--vt-primary').trim()")
    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    loaded = page.evaluate("document.fonts.check('16px \"Source Sans 3\"')")
    context.close()
    assert primary.lower() == identity.palette.light.primary.lower()
    assert "Source Sans 3" in font and loaded
    assert header != "rgba(0, 0, 0, 0)"
    assert not failed, failed
    local = [url for url in requested if url.startswith("http://127.0.0.1")]
    assert local and all(urlsplit(url).path.startswith(PREFIX) for url in local), local


def test_site_url_of_a_project_site_is_given_at_build_time(project: Project) -> None:
    """404 pages are served at any address, so they alone use site_url's path: CI passes the Pages address."""
    result = vitrine(project.root, "build", "--site-url", "https://example.github.io/vitrine/")
    assert result.returncode == 0, result.stderr
    not_found = project.html("fr/404.html")
    assert not_found.select_one("base")["href"] == "/vitrine/fr/404.html"
    assert (
        project.html("fr/index.html").select_one('link[rel="canonical"]')["href"]
        == "https://example.github.io/vitrine/fr/"
    )
    assert "https://vitrine.example/" not in (project.site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.github.io/vitrine/fr/</loc>" in sitemap_of(project.site, "fr")
