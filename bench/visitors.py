"""What a visitor downloads: page weight, first view and first search, measured in Chromium.

    .venv/bin/python bench/visitors.py SITE [--sample 400]

SITE is a built Vitrine site (e.g. the output of bench/generate.py built with
`mkdocs build`). Reports, all sizes gzip-compressed (level 6, as static hosts
serve them):

- the HTML of every page: median, 95th percentile and largest;
- the first view of a quartier page in a fresh browser: every response
  Chromium fetched (HTML, CSS, JS, fonts, icons), photos excluded;
- a visitor's first search on that page: every response fetched from typing
  a query until results show (the search worker, the language's index).

Not a test: numbers go to bench/README.md.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import shutil
import statistics
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, Response, sync_playwright

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".webp", ".png")


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def html_weights(site: Path) -> list[int]:
    return sorted(gz(path.read_bytes()) for path in site.rglob("*.html"))


def percentile(values: list[int], share: float) -> int:
    return values[min(len(values) - 1, int(share * len(values)))]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serving(site: Path) -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


class Downloads:
    """Every response a page received, by URL, with its gzip size."""

    def __init__(self, page: Page) -> None:
        self.sizes: dict[str, int] = {}
        page.on("response", self._record)

    def _record(self, response: Response) -> None:
        try:
            body = response.body()
        except Exception:  # a redirect or an aborted request has no body
            return
        self.sizes[response.url] = gz(body)

    def total(self, *, without_photos: bool) -> int:
        return sum(
            size for url, size in self.sizes.items() if not (without_photos and url.lower().endswith(PHOTO_SUFFIXES))
        )


def first_view_and_search(base: str, path: str, query: str) -> tuple[int, int, dict[str, int]]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        )
        page = browser.new_page()
        downloads = Downloads(page)
        page.goto(base + path, wait_until="networkidle")
        first_view = downloads.total(without_photos=True)
        before = dict(downloads.sizes)
        page.locator("label.md-search__icon, .md-search__input").first.click()
        page.keyboard.type(query)
        page.wait_for_selector(".md-search-result__item", timeout=60_000)
        page.wait_for_load_state("networkidle")
        search = {url: size for url, size in downloads.sizes.items() if url not in before}
        browser.close()
    return first_view, sum(search.values()), before


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--page", help="the quartier page to open (default: the site's first synthetic one)")
    parser.add_argument("--query", default="Lyon")
    args = parser.parse_args()
    if args.page is None:  # bench/generate.py numbers its copies after the sample's own quartiers (q0030-… today)
        synthetic = sorted(path.name for path in (args.site / "en" / "quartiers").glob("q[0-9]*-*") if path.is_dir())
        args.page = f"en/quartiers/{synthetic[0] if synthetic else 'lille'}/"
    weights = html_weights(args.site)
    print("| HTML pages | median (KB gz) | p95 (KB gz) | largest (KB gz) |\n|---:|---:|---:|---:|")
    print(
        f"| {len(weights)} | {statistics.median(weights) / 1024:.1f} | {percentile(weights, 0.95) / 1024:.1f} "
        f"| {weights[-1] / 1024:.1f} |"
    )
    with serving(args.site) as base:
        first_view, search, files = first_view_and_search(base, args.page, args.query)
    print(f"\nfirst view of /{args.page} (no photos): {first_view / 1024:.1f} KB gz")
    print(f"first search ({args.query!r}): {search / 1024:.1f} KB gz")
    for url, size in sorted(files.items(), key=lambda item: -item[1]):
        print(f"  {url.removeprefix(base)}: {size / 1024:.1f} KB gz")


if __name__ == "__main__":
    main()
