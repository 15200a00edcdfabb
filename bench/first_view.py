"""First view of the landing page and of a quartier page at national size, part by part, gzip.

    .venv/bin/python bench/first_view.py [--project /tmp/nat] [--cache DIR] [--quartier q0100-lille]
        [--language fr]

Generates the national project (bench/generate.py: 120 quartiers, 1,000 champions, 6
languages, seed 2013) into PROJECT unless that folder exists, and builds it with `mkdocs
build --strict` unless PROJECT/site exists. The project holds a copy of the templates and
mkdocs.yml of the day it was generated: measure new templates in a new PROJECT (`--cache`
copies an earlier project's .cache into it, so that no card or image is drawn again). Then
opens `/<language>/` and
`/<language>/quartiers/<quartier>/` in Chromium, each in a new browser context (empty
cache) at 360 × 800, waits for the network to go idle, and records every response.
Each body is compressed with gzip level 9 (a static host's precompressed files). Photos
are left out: a response whose Content-Type is a raster image (JPEG, PNG, WebP, AVIF,
GIF) and whose address is not under `/assets/` (record photos and logos; the identity's
icons under `/assets/` count). Prints one table per page and PASS or FAIL against 100 KB.

Not a test: numbers go to bench/README.md.
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Response, ViewportSize, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate
from visitors import CHROMIUM, serving

LIMIT = 100 * 1024
PHONE: ViewportSize = {"width": 360, "height": 800}
RASTER = ("image/jpeg", "image/png", "image/webp", "image/avif", "image/gif")
KINDS = (
    ("text/html", "HTML"),
    ("text/css", "CSS"),
    ("javascript", "JS"),
    ("font/", "font"),
    ("image/svg+xml", "SVG"),
    ("json", "JSON"),
    ("image/", "image"),
)


@dataclass(frozen=True)
class Part:
    """One response of a first view."""

    kind: str
    path: str
    raw: int
    gzip: int


def kind_of(content_type: str) -> str:
    return next((kind for marker, kind in KINDS if marker in content_type), content_type or "other")


def is_photo(path: str, content_type: str) -> bool:
    return content_type.startswith(RASTER) and not path.startswith("/assets/")


def first_view(browser: Browser, url: str) -> list[Part]:
    """Every response of `url` opened in an empty browser context, photos left out."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    responses: list[Response] = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url, wait_until="networkidle")
    parts = []
    for response in responses:
        content_type = response.headers.get("content-type", "").split(";")[0].strip()
        path = urlsplit(response.url).path
        if response.status != 200 or is_photo(path, content_type):
            continue
        body = response.body()
        parts.append(Part(kind_of(content_type), path, len(body), len(gzip.compress(body, 9, mtime=0))))
    context.close()
    return parts


def table(title: str, parts: list[Part]) -> str:
    order = [kind for _, kind in KINDS]
    ranked = sorted(parts, key=lambda p: (order.index(p.kind) if p.kind in order else len(order), -p.gzip))
    rows = [f"{title}\n", "| part | file | raw (KB) | gzip (KB) |", "|---|---|---:|---:|"]
    rows += [f"| {p.kind} | `{p.path}` | {p.raw / 1024:.1f} | {p.gzip / 1024:.1f} |" for p in ranked]
    raw, packed = sum(p.raw for p in parts), sum(p.gzip for p in parts)
    verdict = "PASS" if packed <= LIMIT else "FAIL"
    rows.append(f"| **total** | {len(parts)} responses | {raw / 1024:.1f} | **{packed / 1024:.1f}** |")
    rows.append(f"\n{verdict}: {packed / 1024:.1f} KB gzip against {LIMIT // 1024} KB")
    return "\n".join(rows)


def build(project: Path, cache: Path | None) -> None:
    if not project.exists():
        generate(project, quartiers=120, champions=1000, languages=6, photos=0.25, logos=0.1, seed=2013)
    if cache is not None and not (project / ".cache").exists():
        shutil.copytree(cache, project / ".cache", copy_function=os.link)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=project, env=env, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=Path("/tmp/nat"), help="the generated national project")
    parser.add_argument("--quartier", default="q0100-lille", help="the quartier page to open")
    parser.add_argument("--language", default="fr")
    parser.add_argument("--cache", type=Path, help="the .cache folder of an earlier national project")
    args = parser.parse_args()
    if not (args.project / "site").is_dir():
        build(args.project, args.cache)
    pages = {"landing": f"{args.language}/", "quartier": f"{args.language}/quartiers/{args.quartier}/"}
    with serving(args.project / "site") as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        )
        for name, path in pages.items():
            print(table(f"\nFirst view of /{path} ({name}), 360 px, empty cache:", first_view(browser, base + path)))
        browser.close()


if __name__ == "__main__":
    main()
