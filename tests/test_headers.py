"""Security headers for static hosts: `_headers` and the nginx snippet carry the same
headers, the Content-Security-Policy allows exactly the site's own inline scripts and
origin, and every page type runs under it in real Chromium without a violation."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from tests.conftest import SITE_LANGUAGES, Project
from tests.helpers import Watched, directives, headers_file, serving, sitemap_of

from vitrine.publish.headers import (
    HEADERS_FILE,
    NGINX_FILE,
    ScriptHashes,
    inline_scripts,
    script_hash,
    site_script_hashes,
)

REQUIRED = {
    "Content-Security-Policy",
    "Strict-Transport-Security",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Permissions-Policy",
    "Cross-Origin-Opener-Policy",
}


def nginx_snippet(site: Path) -> dict[str, str]:
    lines = [line for line in (site / NGINX_FILE).read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    pairs = [re.fullmatch(r'add_header (\S+) "([^"]*)" always;', line) for line in lines]
    assert all(pairs), lines
    return {match[1]: match[2] for match in pairs if match}


# The files, from the sample site's build. ------------------------------------------


def test_both_files_carry_every_security_header(sample_site: Path) -> None:
    netlify, nginx = headers_file(sample_site), nginx_snippet(sample_site)
    assert netlify == nginx
    assert set(netlify) >= REQUIRED
    assert netlify["Strict-Transport-Security"] == "max-age=63072000; includeSubDomains"
    assert netlify["X-Content-Type-Options"] == "nosniff"
    assert netlify["Referrer-Policy"] in {"strict-origin-when-cross-origin", "no-referrer"}
    assert netlify["Cross-Origin-Opener-Policy"] == "same-origin"
    denied = dict(item.split("=") for item in netlify["Permissions-Policy"].split(", "))
    assert {"camera", "microphone", "geolocation", "interest-cohort", "browsing-topics"} <= set(denied)
    assert set(denied.values()) == {"()"}
    policy = directives(netlify["Content-Security-Policy"])
    assert policy["frame-ancestors"] == ["'none'"] and policy["object-src"] == ["'none'"]
    for name in ("default-src", "style-src", "font-src", "connect-src", "manifest-src", "base-uri", "form-action"):
        assert policy[name] == ["'self'"], name
    assert "'unsafe-inline'" not in netlify["Content-Security-Policy"]
    assert "'unsafe-eval'" not in netlify["Content-Security-Policy"]


def test_script_src_lists_the_hash_of_every_inline_script(sample_site: Path) -> None:
    script_src = directives(headers_file(sample_site)["Content-Security-Policy"])["script-src"]
    assert script_src[0] == "'self'"
    hashes = script_src[1:]
    assert hashes == sorted(set(hashes)), "deterministic: sorted, each once"
    seen: set[str] = set()
    for page in sample_site.rglob("*.html"):
        for body in inline_scripts(page.read_text(encoding="utf-8")):
            assert script_hash(body) in hashes, (
                f"{page.relative_to(sample_site)}: inline script not allowed: {body[:80]}"
            )
            seen.add(script_hash(body))
    assert seen == set(hashes), "no hash for a script the site does not have"
    assert len(seen) >= 3  # Material's head scripts, our config script, the root page's


def test_pages_hashed_as_written_are_not_read_again(tmp_path: Path) -> None:
    """The build hashes pages from their output; only the other HTML files are read from disk."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text("<script>on disk</script>", encoding="utf-8")
    (tmp_path / "404.html").write_text("<script>not rendered as a page</script>", encoding="utf-8")
    known = ScriptHashes()
    known.add(str(tmp_path / "a" / "index.html"), "<script>as written</script><script src=x.js></script>")
    other = ScriptHashes()
    other.add(str(tmp_path / "b" / ".." / "b.html"), "<script>from a worker</script>")
    known.merge(other)
    assert site_script_hashes(tmp_path, known) == sorted(
        script_hash(body) for body in ("as written", "not rendered as a page", "from a worker")
    )
    assert site_script_hashes(tmp_path) == sorted(script_hash(body) for body in ("on disk", "not rendered as a page"))


def test_policy_names_no_origin_but_its_own(sample_site: Path) -> None:
    for name, sources in directives(headers_file(sample_site)["Content-Security-Policy"]).items():
        for source in sources:
            assert source in {"'self'", "'none'", "data:"} or re.fullmatch(r"'sha256-[A-Za-z0-9+/]{43}='", source), (
                name,
                source,
            )


def test_header_files_are_not_pages(sample_site: Path) -> None:
    sitemaps = [
        sitemap_of(sample_site, path.parent.name)
        for path in sample_site.rglob("sitemap.xml.gz")
        if path.parent != sample_site
    ]
    indexes = [path.read_text(encoding="utf-8") for path in sample_site.rglob("search_index.json")]
    assert sitemaps and indexes
    for text in sitemaps + indexes:
        assert HEADERS_FILE not in text and NGINX_FILE not in text


def test_inline_scripts_are_hashed_as_browsers_hash_them() -> None:
    html = (
        '<script src="a.js"></script><script type="application/json">{"a": 1}</script><script></script>'
        "<script>a = '&amp;';\r\nb = 1</script><script type=module>import './m.js'</script>"
    )
    assert inline_scripts(html) == ["a = '&amp;';\nb = 1", "import './m.js'"]
    # The hash a browser reports for `alert(1)` (its UTF-8 bytes, base64 of sha256).
    assert script_hash("alert(1)") == "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"


def test_headers_can_be_turned_off(project: Project) -> None:
    config = project.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("  - vitrine/publish", "  - vitrine/publish:\n      headers: false", 1), encoding="utf-8"
    )
    result = project.build()
    assert result.returncode == 0, result.stderr
    assert not (project.site / HEADERS_FILE).exists() and not (project.site / NGINX_FILE).exists()


# In Chromium, with the headers sent as a host would. --------------------------------


@pytest.fixture(scope="module")
def secured_server(sample_site: Path) -> Iterator[str]:
    """The sample site served with the headers its `_headers` file declares."""
    with serving(sample_site, headers_file(sample_site)) as url:
        yield url


# Every violation a document sees, also kept on the page for a look in devtools.


PAGE_TYPES = {
    **{f"home-{code}": f"{code}/" for code in ("fr", "en", "he", "ja")},
    "quartier-fr": "fr/quartiers/lille/",
    "quartier-he": "he/quartiers/lille/",
    "champion-en": "en/champions/doctolib/",
    "quartiers-directory-fr": "fr/quartiers/",
    "champions-directory-ja": "ja/champions/",
    "editorial-accessibility-fr": "fr/accessibilite/",
    "translations": "translations/",
    "404-site": "404.html",
    "404-fr": "fr/404.html",
}


@pytest.mark.browser
@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_page_type_runs_under_the_policy(browser: Browser, secured_server: str, path: str) -> None:
    watched = Watched(browser)
    response = watched.page.goto(secured_server + path, wait_until="networkidle")
    assert response is not None and response.status == 200
    assert "content-security-policy" in response.headers
    # Material's bundle ran: it marks the document once it has started.
    expect(watched.page.locator("html.js-focus-visible, [data-js-focus-visible]").first).to_be_attached()
    errors = watched.errors
    assert watched.close() == []
    assert errors == []


@pytest.mark.browser
def test_missing_address_shows_its_language_404_under_the_policy(browser: Browser, secured_server: str) -> None:
    """The page a host serves in place of a missing address, with its <base> (base-uri)."""
    watched = Watched(browser)
    response = watched.page.goto(secured_server + "de/quartiers/nowhere/", wait_until="networkidle")
    assert response is not None and response.status == 404
    expect(watched.page.locator("html")).to_have_attribute("lang", "de")
    # Its links resolve against its own address through <base>, which base-uri allows.
    home = watched.page.locator("article a").first.evaluate("a => a.href")
    # The search index is found beside <base> too, not beside the missing address.
    watched.page.locator("input.md-search__input").click()
    watched.page.keyboard.type("Lille", delay=30)
    expect(watched.page.locator(".md-search-result__link").first).to_be_visible(timeout=15_000)
    errors = watched.errors
    assert watched.close() == []
    assert errors == []
    assert home == secured_server + "de/"


@pytest.mark.browser
def test_root_page_picks_a_language_under_the_policy(browser: Browser, secured_server: str) -> None:
    """The root's inline script runs (the redirection proves it was allowed)."""
    watched = Watched(browser, locale="ja-JP")
    watched.page.goto(secured_server, wait_until="networkidle")
    with suppress(PlaywrightTimeoutError):  # a blocked script stays on the root: the violation is the message
        watched.page.wait_for_url(secured_server + "ja/", timeout=10_000)
    arrived, errors = watched.page.url, watched.errors
    assert watched.close() == []
    assert errors == []
    assert arrived == secured_server + "ja/"


@pytest.mark.browser
@pytest.mark.parametrize("language", ["fr", "ja", "he"])
def test_search_and_scheme_toggle_under_the_policy(browser: Browser, secured_server: str, language: str) -> None:
    """Search runs in a Web Worker that imports lunr's stemmers: a violation inside the
    worker reaches neither the page's console nor its events, so results must appear."""
    assert language in SITE_LANGUAGES
    watched = Watched(browser)
    page = watched.page
    page.goto(f"{secured_server}{language}/quartiers/lille/", wait_until="networkidle")
    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") != scheme
    page.locator("input.md-search__input").click()
    page.keyboard.type("Lille", delay=30)  # Material reacts to key events, not to a programmatic fill
    expect(page.locator(".md-search-result__link").first).to_be_visible(timeout=15_000)
    errors = watched.errors
    assert watched.close() == []
    assert errors == []


@pytest.mark.browser
def test_the_check_sees_a_script_the_policy_does_not_allow(browser: Browser, sample_site: Path) -> None:
    """Guards the tests above against passing vacuously: one hash fewer is reported."""
    headers = headers_file(sample_site)
    policy = headers["Content-Security-Policy"]
    home = (sample_site / "fr" / "index.html").read_text(encoding="utf-8")
    dropped = script_hash(inline_scripts(home)[0])
    assert dropped in policy
    with serving(sample_site, {**headers, "Content-Security-Policy": policy.replace(f" {dropped}", "")}) as url:
        watched = Watched(browser)
        watched.page.goto(url + "fr/", wait_until="networkidle")
        violations = watched.close()
    assert any("script-src" in violation for violation in violations), violations
