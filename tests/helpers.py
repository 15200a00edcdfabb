"""Helpers shared by the test modules (none imports another test module)."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any, get_args

import pytest
from PIL import Image
from playwright.sync_api import Browser, BrowserContext, Page
from tests.conftest import QUARTIER, REPO, Project, _QuietHandler, free_port, mkdocs, serve_folder, vitrine_here

from vitrine.model import buildcache, yamlsource
from vitrine.model.buildcache import BuildCaches
from vitrine.model.records import LabelStatus, QuartierKind
from vitrine.publish.headers import HEADERS_FILE

# from test_browser
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"


# from test_browser
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


# from test_browser
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
"""The WCAG 2.1 A/AA rules of axe-core that read the colours drawn, not the document: all that differs
between the light and the dark scheme of one page (the same HTML, Material's palette set by CSS)."""


def _axe(page: Page, rules: list[str] | None = None) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.1 A/AA violations on the page; with `rules`, only those rules. axe is added
    to the page unless its context already adds it to every page (`with_axe`)."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE))
    only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": WCAG}
    result = page.evaluate(
        "async (only) => (await axe.run(document, {runOnly: only, resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))",
        only,
    )
    return list(result)


def with_axe(context: BrowserContext) -> BrowserContext:
    """`context` with axe-core in every page it opens, before the page's own scripts: for a test
    that runs `_axe` on many pages (added to each page after its load, it cost 90 ms a page)."""
    context.add_init_script(path=str(AXE))
    return context


FONTS_IN_USE = """async () => {
  const text = document.body.innerText;
  const fonts = new Set([...document.querySelectorAll("body, body *")].map((element) => {
    const style = getComputedStyle(element);
    return `${style.fontStyle} ${style.fontWeight} 16px ${style.fontFamily}`;
  }));
  const loaded = await Promise.all([...fonts].map((font) => document.fonts.load(font, text)));
  return loaded.every((faces) => faces.length > 0) && [...fonts].every((font) => document.fonts.check(font, text));
}"""
"""Every face the page's text needs, in every style it is set in, loaded (True when each style found
its faces)."""


def load_fonts_in_use(page: Page) -> None:
    """The page drawn in the identity's fonts, however slowly they first came.

    The identity's faces are `font-display: optional` (text never moves): a face that arrives after
    the first 100 ms or so is not used by that page at all, which stays in the fallback font (a
    busy run drew the compaction test's 360 px page that way, 75 px taller). So every face the
    text uses is loaded, then the page is loaded again, when they are at hand from the start."""
    assert page.evaluate(FONTS_IN_USE) is True, "a font the page uses did not load"
    page.reload(wait_until="load")
    assert page.evaluate(FONTS_IN_USE) is True, "a font the page uses did not load"


# from test_headers
def headers_file(site: Path) -> dict[str, str]:
    """`_headers` as a host reads it: a `/*` rule, then its indented `Name: value` lines."""
    lines = [
        line for line in (site / HEADERS_FILE).read_text(encoding="utf-8").splitlines() if not line.startswith("#")
    ]
    assert lines[0] == "/*", lines[0]
    assert all(line.startswith("  ") for line in lines[1:]), lines
    pairs = [line.strip().split(": ", 1) for line in lines[1:]]
    return dict(pairs)


# from test_headers
def directives(policy: str) -> dict[str, list[str]]:
    parsed = [part.split() for part in policy.split(";")]
    return {words[0]: words[1:] for words in parsed if words}


# from test_headers
class _SecuredHandler(_QuietHandler):
    """Sends the security headers with every response; a missing address gets the
    nearest 404.html up the tree, with status 404 (as Cloudflare Pages does)."""

    security_headers: dict[str, str] = {}  # noqa: RUF012 (set per server, on a subclass)

    def end_headers(self) -> None:
        for name, value in self.security_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        root = Path(self.directory)
        if path.exists() or root not in path.parents:
            return super().send_head()
        for folder in path.parents:
            if (folder / "404.html").is_file():
                body = (folder / "404.html").read_bytes()
                self.send_response(404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                return io.BytesIO(body)
            if folder == root:
                break
        return super().send_head()


# from test_headers
@contextmanager
def serving(site: Path, headers: dict[str, str]) -> Iterator[str]:
    handler_class = type("Handler", (_SecuredHandler,), {"security_headers": headers})
    with serve_folder(site, handler_class) as url:
        yield url


# from test_headers
WATCH = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const text = `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber}) ${event.sample}`;
  window.__csp.push(text);
  if (window.__vtCspViolation) window.__vtCspViolation(text);
});
"""


# from test_headers
class Watched:
    """A browser context reporting CSP violations (events and console) of all its documents."""

    def __init__(self, browser: Browser, **options: Any) -> None:
        self.context: BrowserContext = browser.new_context(viewport={"width": 1280, "height": 900}, **options)
        self.violations: list[str] = []
        self.errors: list[str] = []
        self.context.expose_function("__vtCspViolation", self._reported)
        self.context.add_init_script(WATCH)
        self.page: Page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _reported(self, text: str) -> None:
        self.violations.append(text)

    def _console(self, message: Any) -> None:
        if "Content Security Policy" in message.text:
            self.violations.append(message.text)
        elif message.type == "error" and "status of 404" not in message.text:
            self.errors.append(message.text)

    def close(self) -> list[str]:
        """Every violation, including the ones still only recorded in the page."""
        if not self.page.is_closed():
            self.violations.extend(self.page.evaluate("window.__csp || []"))
        self.context.close()
        return self.violations


# from test_html_conformance
SEARCH_DIALOG = {"fr": "Recherche", "en": "Search", "de": "Suche", "es": "Buscar", "ja": "検索", "he": "חיפוש"}
"""Material's `search` string in each language of the sample site."""


# from test_images
IMAGE_FIELD = "images:\n  - file: images/{name}\n    alt: {{fr: La place, en: The square}}\n    credit: Ville\n"


# from test_images
LOGO_FIELD = "logo:\n  file: {name}\n  alt: {{fr: Logo de Champion Test}}\n  credit: Champion Test\n"


# from test_images
def photo_bytes(size: tuple[int, int] = (1600, 900), *, gps: bool = True, orientation: int = 1) -> bytes:
    image = Image.new("RGB", size, (30, 90, 160))
    image.paste((220, 40, 40), (0, 0, size[0] // 4, size[1] // 4))  # a red corner, to see orientation
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "CameraMaker"
    if gps:
        exif[0x8825] = {1: "N", 2: (48.0, 52.0, 0.0), 3: "E", 4: (2.0, 20.0, 0.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, quality=90)
    return out.getvalue()


# from test_images
def add_logo(project: Project, data: bytes, name: str = "logo.png") -> None:
    project.write(f"champions/champion-test/{name}", data)
    record = project.root / "champions/champion-test/champion.yml"
    record.write_text(record.read_text(encoding="utf-8") + LOGO_FIELD.format(name=name), encoding="utf-8")


# from test_images
def _png(size: tuple[int, int], mode: str = "RGBA") -> bytes:
    image = Image.new(mode, size, (200, 30, 40, 255) if mode == "RGBA" else (200, 30, 40))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


# from test_publish
def snapshot(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


# from test_publish
def leftovers(project: Project, site: str = "site") -> list[str]:
    """Folders left beside the site: any staging folder; the old site if still there after 30 s.

    The old site is deleted by a detached process after the swap, so it may linger a moment.
    """
    return beside(project.root / site)


# from test_publish
def beside(site: Path) -> list[str]:
    deadline = time.monotonic() + 30
    while True:
        names = sorted(p.name for p in site.parent.iterdir() if p.name.startswith(f".{site.name}."))
        if not any(".previous-" in name for name in names) or time.monotonic() > deadline:
            return names
        time.sleep(0.1)


# from test_validation
PAIRS = [(kind, status) for kind in get_args(QuartierKind) for status in get_args(LabelStatus)]


# from test_validation
def with_pair(kind: str, status: str) -> str:
    """The test quartier with this kind and this label status."""
    return QUARTIER.replace("kind: metropole", f"kind: {kind}", 1).replace("status: labelled", f"status: {status}", 1)


# from test_parse_store
def new_process(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What a new build process starts with: caches of its own, empty (active until the test ends).
    Returns the texts it then parses."""
    fresh: ContextVar[BuildCaches | None] = ContextVar("vitrine_build_caches", default=None)
    fresh.set(BuildCaches())
    monkeypatch.setattr(buildcache, "_ACTIVE", fresh)
    parsed: list[str] = []
    parse = yamlsource._parse

    def counting(text: str, rel: str, line_offset: int, **options: Any) -> Any:
        parsed.append(rel)
        return parse(text, rel, line_offset, **options)

    monkeypatch.setattr(yamlsource, "_parse", counting)
    return parsed


# from test_cli
IN_PROCESS = ("check", "new", "translations")
"""`vitrine` commands that fork and serve nothing: `vitrine()` runs them in the test's process."""


def vitrine(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The `vitrine` command in `root`, outside CI unless `env` says otherwise: in this process for
    `IN_PROCESS` commands (`vitrine_here`), else as a command."""
    command = next((arg for arg in args if not arg.startswith("-")), None)
    if command in IN_PROCESS:
        return vitrine_here(root, *args, env=env)
    base = {k: v for k, v in os.environ.items() if k not in ("CI", "VITRINE_LANG", "GITHUB_WORKSPACE")}
    base |= {"NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore::DeprecationWarning"}
    return subprocess.run(
        [sys.executable, "-m", "vitrine.cli", *args],
        cwd=root,
        env=base | (env or {}),
        capture_output=True,
        text=True,
        timeout=600,
    )


# from test_serve
def _wait_for(url: str, expected: str, deadline: float) -> str:
    body = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                body = response.read().decode("utf-8")
            if expected in body:
                return body
        except (urllib.error.URLError, ConnectionError):
            pass
        time.sleep(0.3)
    raise AssertionError(f"{expected!r} never appeared at {url}")


# from test_serve
@contextmanager
def previewing(project: Project, log: Path) -> Iterator[int]:
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project.root,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            yield port
        finally:
            server.send_signal(signal.SIGINT)  # as Ctrl-C: the server stops its full preview build and pool
            server.wait(timeout=60)


# from test_serve
def _wait_in_log(log: Path, expected: str, deadline: float) -> str:
    while time.monotonic() < deadline:
        text = log.read_text(encoding="utf-8")
        if expected in text:
            return text
        time.sleep(0.3)
    raise AssertionError(f"{expected!r} never appeared in the serve output:\n{log.read_text(encoding='utf-8')}")


# from test_serve
def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return str(response.read().decode("utf-8"))


# from test_jsonld
SITE_URL = "https://vitrine.example/"


# from test_reuse and test_conversions
FULL = "mkdocs-full.yml"
"""The same project with every page rendered, into another folder: the reference."""


def build(root: Path, *extra: str) -> str:
    result = mkdocs("build", "--strict", *extra, cwd=root)
    assert result.returncode == 0, result.stderr
    return result.stdout + result.stderr


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{rel} changed: {old!r} is not in it"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def full_build(root: Path) -> dict[str, str]:
    """Every page rendered, into `full/`: what the site must be."""
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - vitrine/render " in config
    plain = "  - vitrine/render:\n      reuse_pages: false\n      keep_conversions: false\n  #"
    config = config.replace("  - vitrine/render ", plain, 1)
    (root / FULL).write_text(config.replace("site_dir: site", "site_dir: full"), encoding="utf-8")
    output = build(root, "-f", FULL)
    assert "taken over" not in output and "conversions" not in output
    return snapshot(root / "full")


EDITS = {
    "template": ("overrides/partials/copyright.html", '{{ _("Legal notice") }}', "Legal notice (edited)"),
    "definition": ("champions/sectors.yml", "en: Robotics and logistics", "en: Robots and logistics"),
    "translation": ("content/en/charte.md", "It grew out of", "It was born of"),
    "record": ("champions/alan/champion.yml", 'name: "Alan"', 'name: "Alan Santé"'),
}
"""Each kind of input the issue names, as an editor would change it in the sample."""


# from test_i18n_build, test_jsonld, test_headers
def sitemap_of(site: Path, language: str) -> str:
    """A language's sitemap, which is published gzipped (`<lang>/sitemap.xml.gz`)."""
    return gzip.decompress((site / language / "sitemap.xml.gz").read_bytes()).decode("utf-8")


# from test_i18n_build, test_editor
def search_placeholder(page: Any) -> str:
    """The search field's placeholder as the page gives it: in the data of the header's search
    button, from which vitrine-search.js writes the dialog (Material's own field otherwise)."""
    button = page.select_one("header label[for=__search][data-vt-search]")
    if button is not None:
        return str(json.loads(str(button["data-vt-search"]))["query"])
    field = page.select_one("input.md-search__input")
    assert field is not None, "no search field"
    return str(field["placeholder"])
