"""Share cards: time and size of each encoder setting, on the cards of a built site.

    .venv/bin/python bench/cards.py [--site site] [--limit 200] [--repeat 3]

Reads the title, description and direction of every page of a built site
(`make site` first; or a national site from bench/generate.py), draws each
distinct card once with `vitrine.identity.cards.draw` in the identity of
`identity.yml`, then encodes every card with each candidate setting: the
full-colour PNG of card version 1 (`optimize`), and 8-bit palette PNGs with
several blend steps and zlib levels. Prints, per setting, milliseconds per
card (drawing apart), kilobytes per card and the largest difference of any
pixel channel from the full-colour drawing (0-255). Then times whole cards
both ways: drawn in full colour and mapped to the palette (version 2), and
composed in palette indices (version 3, `render`). Not a test: numbers go to
bench/README.md, "Share cards", with the commit and the command.
"""

from __future__ import annotations

import argparse
import html
import io
import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageChops

from vitrine.identity.cards import (
    CARD_BLEND_STEPS,
    CARD_COMPRESSION,
    Card,
    CardStyle,
    card_style,
    draw,
    encode,
    palette_colours,
    palette_image,
    render,
)
from vitrine.identity.tokens import load_identity
from vitrine.model.buildcache import BuildCaches, activate

REPO = Path(__file__).resolve().parent.parent
META = re.compile(r'<meta property="og:(title|description)" content="([^"]*)">')


def page_texts(site: Path, limit: int) -> list[tuple[str, str, str]]:
    """(title, description, direction) of the site's pages, distinct, in path order."""
    found: dict[tuple[str, str, str], None] = {}
    for path in sorted(site.rglob("index.html")):
        text = path.read_text(encoding="utf-8")
        meta = {name: html.unescape(value) for name, value in META.findall(text)}
        direction = "rtl" if re.search(r'<body[^>]* dir="rtl"', text) else "ltr"
        if "title" in meta:
            found.setdefault((meta["title"], meta.get("description", ""), direction), None)
        if len(found) >= limit:
            break
    return list(found)


def style_of(root: Path) -> tuple[str, CardStyle]:
    identity = load_identity(root / "identity.yml", "identity.yml")
    return identity.name, card_style(identity, root / "node_modules")


def full_colour(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


Encoder = Callable[[Image.Image], bytes]


def measure(images: list[Image.Image], encoder: Encoder, repeat: int) -> tuple[float, float, int]:
    """Median ms per card over `repeat` passes, mean KB per card, largest channel difference."""
    passes = []
    for _ in range(repeat):
        start = time.perf_counter()
        files = [encoder(image) for image in images]
        passes.append((time.perf_counter() - start) / len(images) * 1000)
    worst = 0
    for image, data in zip(images, files, strict=True):
        with Image.open(io.BytesIO(data)) as decoded:
            difference = ImageChops.difference(image, decoded.convert("RGB"))
        worst = max(worst, *(high for _low, high in difference.getextrema()))
    return statistics.median(passes), sum(len(data) for data in files) / len(files) / 1000, worst


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=REPO / "site", help="a built site (default: site/)")
    parser.add_argument("--root", type=Path, default=REPO, help="the project of identity.yml and node_modules")
    parser.add_argument("--limit", type=int, default=200, help="cards at most (default 200)")
    parser.add_argument("--repeat", type=int, default=3, help="passes per setting, median (default 3)")
    args = parser.parse_args()
    activate(BuildCaches())  # backdrops and fonts kept, as in a pool process
    site_name, style = style_of(args.root)
    texts = page_texts(args.site, args.limit)
    if not texts:
        raise SystemExit(f"no page with og:title under {args.site}: build the site first (make site)")
    cards = [Card(site_name, title, description, direction, style) for title, description, direction in texts]
    start = time.perf_counter()
    images = [draw(card) for card in cards]
    drawing = (time.perf_counter() - start) / len(cards) * 1000
    print(f"{len(cards)} distinct cards of {args.site}; drawing (backdrop shared): {drawing:.1f} ms per card\n")
    print("| encoding | ms per card | KB per card | largest channel difference |")
    print("|---|---:|---:|---:|")
    settings: list[tuple[str, Encoder]] = [("full colour, optimize (version 1)", full_colour)]
    for steps in (12, CARD_BLEND_STEPS, 48):
        palette = palette_image(palette_colours(style, steps))
        for level in (1, 3, CARD_COMPRESSION, 9):
            label = f"palette, {steps} steps, zlib {level}"
            if (steps, level) == (CARD_BLEND_STEPS, CARD_COMPRESSION):
                label += " (versions 2 and 3)"
            settings.append((label, lambda image, palette=palette, level=level: encode(image, palette, level)))
    for label, encoder in settings:
        ms, kb, worst = measure(images, encoder, args.repeat)
        print(f"| {label} | {ms:.1f} | {kb:.1f} | {worst} |")
    palette = palette_image(palette_colours(style))
    print("\nWhole card (layout, drawing, palette, file), cards in title order as the build's jobs draw them:\n")
    by_title = sorted(cards, key=lambda card: card.title)
    print("| path | ms per card | KB per card |")
    print("|---|---:|---:|")
    paths: list[tuple[str, Callable[[Card], bytes]]] = [
        (
            "version 2: full colour, then mapped to the palette",
            lambda card: encode(draw(card), palette, CARD_COMPRESSION),
        ),
        ("version 3: composed in palette indices", render),
    ]
    for label, make in paths:
        passes, files = [], []
        for _ in range(args.repeat):
            start = time.perf_counter()
            files = [make(card) for card in by_title]
            passes.append((time.perf_counter() - start) / len(by_title) * 1000)
        print(f"| {label} | {statistics.median(passes):.1f} | {sum(map(len, files)) / len(files) / 1000:.1f} |")


if __name__ == "__main__":
    main()
