"""Share cards (1200×630) in the identity, drawn with Pillow: no network, no Cairo.

A card shows the mark, the site name, the page title and its description in
the identity's colours. Text is drawn with the first font of the card stack
that has its glyphs (Latin, Hebrew right to left with shaping, Japanese); a
character no font of the stack has is an error, never an empty box.

A national site draws thousands of cards, so each is cheap (bench/README.md,
"Share cards"): what every card of a style, site name and direction shares
(background, mark, site name, bar) is drawn once per process; a card adds its
title and description, then is stored as an 8-bit palette PNG whose palette
holds the identity's colours and the blends between each two of them (text
and mark edges), mapped without dithering, at the zlib level chosen by
measurement.
"""

from __future__ import annotations

import hashlib
import io
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from fontTools.ttLib import TTFont
from PIL import Image, ImageChops, ImageColor, ImageDraw, ImageFont

from ..images.pipeline import write_atomically
from ..model.buildcache import BuildCache, active
from ..model.errors import ContentError
from ..model.yamlsource import key_line
from .mark import MarkColours, png
from .tokens import Identity

CARD_VERSION = "4"
CARD_BLEND_STEPS = 24
"""Colours from one of a card's colours to another in its palette, both ends included, when the
palette's 256 entries allow (6 distinct colours, 15 pairs: fewer steps)."""
CARD_COMPRESSION = 6
"""zlib level of the cards' PNG files, chosen by measurement (bench/README.md, "Share cards")."""


class CardProblem(Exception):
    """Text a card cannot draw."""


@dataclass(frozen=True)
class CardLayout:
    """Positions and sizes in pixels (the `card` tokens)."""

    margin: int = 72
    mark: int = 88
    site_size: int = 34
    title_top: int = 250
    title_size: int = 64
    title_lines: int = 3
    subtitle_size: int = 30
    bar: int = 16


@dataclass(frozen=True)
class CardStyle:
    width: int
    height: int
    background: str
    text: str
    accent: str
    mark: MarkColours
    fonts: tuple[str, ...]
    """TrueType files, absolute paths, in fallback order."""
    layout: CardLayout

    @cached_property
    def key_text(self) -> str:
        """The style as card keys spell it (kept: every page's card asks, and hashing the style costs more)."""
        return _style_text(self)


@dataclass(frozen=True)
class Card:
    site: str
    title: str
    subtitle: str
    direction: str
    style: CardStyle

    @cached_property
    def key(self) -> str:
        text = f"{CARD_VERSION}|{self.site}|{self.title}|{self.subtitle}|{self.direction}|{self.style.key_text}"
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def text_direction(text: str) -> str:
    """The direction of a card whose text is the same in every language, by Unicode's first-strong
    rule: right to left when its first letter with a direction is Hebrew or Arabic."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


def card_style(identity: Identity, packages: Path) -> CardStyle:
    """The cards' style from the identity tokens, their fonts under `packages` (npm's folder)."""
    light, card = identity.palette.light, identity.card
    return CardStyle(
        card.width,
        card.height,
        light.primary,
        light.on_primary,
        light.accent,
        MarkColours(light.primary, light.on_primary, light.accent),
        tuple(str(packages / font) for font in card.fonts),
        CardLayout(**card.layout.model_dump()),
    )


def _style_text(style: CardStyle) -> str:
    # Fonts are keyed by their bytes, not their path: a checkout elsewhere names the same cards.
    return str(replace(style, fonts=tuple(_file_digest(path) for path in style.fonts)))


# The build's caches (model/buildcache.py); a pool process has its own, for its lifetime, which
# holds a few entries per font file: it never sees a build end.


def _file_digest(path: str) -> str:
    digests: BuildCache[str, str] = active().part("cards.font-digests", BuildCache)
    return digests.get(path, lambda: hashlib.sha256(Path(path).read_bytes()).hexdigest())


def _cmap(path: str) -> frozenset[int]:
    def read() -> frozenset[int]:
        with TTFont(path, lazy=True) as font:  # closes the file the lazy reader keeps open
            return frozenset(font.getBestCmap())

    cmaps: BuildCache[str, frozenset[int]] = active().part("cards.cmaps", BuildCache)
    return cmaps.get(path, read)


def _font(path: str, size: int) -> ImageFont.FreeTypeFont:
    fonts: BuildCache[tuple[str, int], ImageFont.FreeTypeFont] = active().part("cards.fonts", BuildCache)
    return fonts.get((path, size), lambda: ImageFont.truetype(path, size))


def _drawable(char: str) -> bool:
    return not (char.isspace() or unicodedata.category(char) in ("Cc", "Cf"))


FONT_FOR = "cards.font-for"
"""The build's fonts by text, for `check`: every page's card asks, in every build. Drawing asks
`_first_font`: the pool's processes never see a build end, so they keep nothing per text."""


def font_for(text: str, fonts: tuple[str, ...]) -> str:
    """The first font that has every glyph of `text`; a CardProblem names the first missing character."""
    chosen: BuildCache[tuple[str, tuple[str, ...]], str] = active().part(FONT_FOR, BuildCache)
    return chosen.get((text, fonts), lambda: _first_font(text, fonts))


CARD_HINT = "share cards are drawn with the fonts of card.fonts in identity.yml; write the text without it"


def _first_font(text: str, fonts: tuple[str, ...]) -> str:
    needed = {ord(c) for c in set(text) if _drawable(c)}
    for path in fonts:
        if needed <= _cmap(path):
            return path
    covered = set().union(*(_cmap(path) for path in fonts))
    missing = sorted(needed - covered)
    if missing:
        char = chr(missing[0])
        raise CardProblem(f"no card font can draw {char!r} (U+{missing[0]:04X}) in {text!r}")
    raise CardProblem(f"no single card font draws all of {text!r}")


def text_errors(texts: Iterable[tuple[str, str, str]], fonts: tuple[str, ...], root: Path) -> list[ContentError]:
    """The texts of `(file, field, text)` that no card font can draw, as errors of their file (with the
    line of the field, a top-level key under `root`): found as files are read, with every other
    error, rather than once every page has asked for its card."""
    found = []
    for source, field_name, text in texts:
        try:
            font_for(text, fonts)
        except CardProblem as problem:
            line = key_line(root / source, field_name)
            found.append(ContentError(source, line, 1 if line else 0, field_name, str(problem), CARD_HINT))
    return found


def check(card: Card) -> None:
    """Raise CardProblem if a text of the card cannot be drawn."""
    for text in (card.site, card.title, card.subtitle):
        if text:
            font_for(text, card.style.fonts)


NO_LINE_START = frozenset("、。，．・：；？！ー」』）］｝〉》〕】ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ")
"""Japanese characters a line never starts with (closing marks, small kana: JIS X 4051's basic rule)."""


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int, lines: int) -> list[str]:
    """Lines at most `width` pixels wide: broken between words or, where a text has no space
    (Japanese) or a word is wider than a line (a Japanese sentence after a Latin name), between
    characters; past `lines`, the last one ends with an ellipsis."""
    spaced = " " in text.strip()
    pieces: list[tuple[str, str]] = []  # each piece of text, with what joins it to the one before on a line
    for word in text.split() if spaced else [text]:
        if spaced and font.getlength(word) <= width:
            pieces.append((" ", word))
        else:
            pieces += [(" " if i == 0 else "", char) for i, char in enumerate(word)]
    out: list[str] = []
    current = ""
    for joiner, piece in pieces:
        trial = f"{current}{joiner}{piece}" if current else piece
        if font.getlength(trial) <= width or not current:
            current = trial
        elif joiner == "" and piece in NO_LINE_START and len(current) > 1:
            out.append(current[:-1])  # kinsoku: a closing mark never starts a line; the character before it comes along
            current = current[-1] + piece
        else:
            out.append(current)
            current = piece
    if current:
        out.append(current)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1].rstrip(" ,.;:") + "…"
    return out


def render(card: Card) -> bytes:
    """The card's PNG file."""
    return save_png(indexed(card), CARD_COMPRESSION)


def save_png(image: Image.Image, level: int) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=level)
    return out.getvalue()


def encode(image: Image.Image, palette: Image.Image, level: int) -> bytes:
    """`image` as an 8-bit PNG: each pixel the nearest colour of `palette`, no dithering (for comparing
    settings: `render` composes a card in its palette directly)."""
    return save_png(image.quantize(palette=palette, dither=Image.Dither.NONE), level)


Placed = tuple[Image.Image, tuple[int, int]]
"""A line of text: its coverage mask and where the mask's top-left corner goes."""


def _card_lines(card: Card) -> list[Placed]:
    """The title's and the description's lines, laid out."""
    style, layout = card.style, card.style.layout
    rtl = card.direction == "rtl"
    margin = layout.margin
    width = style.width - 2 * margin
    title_font = _font(_first_font(card.title, style.fonts), layout.title_size)
    lines = wrap(card.title, title_font, width, layout.title_lines)
    size = layout.title_size if len(lines) <= 2 else round(layout.title_size * 0.85)  # three lines: a size down
    placed, top = _lines(card.title, style, size, (margin, layout.title_top), width, layout.title_lines, rtl)
    if card.subtitle:
        placed += _lines(card.subtitle, style, layout.subtitle_size, (margin, top + 24), width, 2, rtl)[0]
    return placed


def draw(card: Card) -> Image.Image:
    """The card in full colour (RGB): what its palette file must look like (tests, bench/cards.py)."""
    style = card.style
    image = _backdrop(style, card.site, card.direction).copy()
    for mask, corner in _card_lines(card):
        image.paste(style.text, corner, mask)
    _bar(ImageDraw.Draw(image), style)  # over any text that reaches it, as every card
    return image


def indexed(card: Card) -> Image.Image:
    """The card as an 8-bit palette image, composed in palette indices: the backdrop's indices (mapped
    once), then the text's coverage (its lines combined as the same colour drawn twice would be),
    each level the nearest palette entry to the text colour over the background at that level. The
    text is laid out over the background, as the card tokens place it; the bar is put back over it."""
    style = card.style
    backdrop = _backdrop_indices(style, card.site, card.direction)
    image = backdrop.copy()
    placed = _card_lines(card)
    if placed:
        left = min(x for _mask, (x, _y) in placed)
        top = min(y for _mask, (_x, y) in placed)
        right = max(x + mask.width for mask, (x, _y) in placed)
        bottom = max(y + mask.height for mask, (_x, y) in placed)
        coverage = Image.new("L", (right - left, bottom - top), 0)
        for mask, (x, y) in placed:
            box = (x - left, y - top, x - left + mask.width, y - top + mask.height)
            coverage.paste(ImageChops.screen(coverage.crop(box), mask), box[:2])
        image.paste(coverage.point(_text_levels(style)), (left, top), coverage.point(_INKED))
    bar = (0, style.height - style.layout.bar, style.width, style.height)
    image.paste(backdrop.crop(bar), bar[:2])
    card_image = Image.frombytes("P", image.size, image.tobytes())
    card_image.putpalette(_palette(style).getpalette() or [])
    return card_image


_INKED = [0] + [255] * 255
"""Coverage to mask: every pixel a line touches takes the text's index."""


def _text_levels(style: CardStyle) -> list[int]:
    """For each coverage level (0-255), the palette index nearest the text colour blended over the
    background at that level."""

    def make() -> list[int]:
        colours = palette_colours(style)
        background, text = _rgb(style.background), _rgb(style.text)
        levels = []
        for level in range(256):
            blend = _blend(background, text, level / 255)
            levels.append(min(range(len(colours)), key=lambda i: _distance(colours[i], blend)))
        return levels

    kept: BuildCache[str, list[int]] = active().part("cards.text-levels", lambda: BuildCache(limit=4))
    return kept.get(style.key_text, make)


def _distance(a: tuple[int, int, int], b: tuple[int, int, int]) -> int:
    return sum((x - y) * (x - y) for x, y in zip(a, b, strict=True))


def _backdrop_indices(style: CardStyle, site: str, direction: str) -> Image.Image:
    """The backdrop mapped to the card palette once, its indices held in an "L" image (pasting
    between "P" images may remap palettes; "L" keeps the numbers)."""

    def make() -> Image.Image:
        mapped = _backdrop(style, site, direction).quantize(palette=_palette(style), dither=Image.Dither.NONE)
        return Image.frombytes("L", mapped.size, mapped.tobytes())

    kept: BuildCache[tuple[str, str, str], Image.Image] = active().part(
        "cards.backdrop-indices", lambda: BuildCache(limit=4)
    )
    return kept.get((style.key_text, site, direction), make)


def _backdrop(style: CardStyle, site: str, direction: str) -> Image.Image:
    """What every card of a style, site name and direction shows (never changed: cards draw on a copy)."""

    def make() -> Image.Image:
        layout = style.layout
        image = Image.new("RGB", (style.width, style.height), style.background)
        rtl = direction == "rtl"
        margin = layout.margin
        with Image.open(io.BytesIO(png(style.mark, layout.mark))) as mark:
            mark_x = style.width - margin - layout.mark if rtl else margin
            image.paste(mark, (mark_x, margin), mark)
        width = style.width - 2 * margin
        lines, _below = _lines(site, style, layout.site_size, (margin, margin + layout.mark + 28), width, 1, rtl)
        for mask, corner in lines:
            image.paste(style.text, corner, mask)
        _bar(ImageDraw.Draw(image), style)
        return image

    # A few images of a megabyte or two: bounded, as a pool process keeps its caches for its lifetime.
    backdrops: BuildCache[tuple[str, str, str], Image.Image] = active().part(
        "cards.backdrops", lambda: BuildCache(limit=4)
    )
    return backdrops.get((style.key_text, site, direction), make)


def _bar(draw: ImageDraw.ImageDraw, style: CardStyle) -> None:
    draw.rectangle((0, style.height - style.layout.bar, style.width, style.height), fill=style.accent)


def palette_colours(style: CardStyle, steps: int = CARD_BLEND_STEPS) -> list[tuple[int, int, int]]:
    """The card palette: the style's distinct colours, then the blends between each two of them
    (`steps` colours from one to the other, both included, or fewer to fit 256 entries)."""
    named = (style.background, style.text, style.accent, style.mark.primary, style.mark.on_primary, style.mark.accent)
    colours = list(dict.fromkeys(_rgb(colour) for colour in named))
    pairs = [(a, b) for i, a in enumerate(colours) for b in colours[i + 1 :]]
    steps = min(steps, 2 + (256 - len(colours)) // max(1, len(pairs)))
    entries = list(colours)
    for a, b in pairs:
        for step in range(1, steps - 1):
            entries.append(_blend(a, b, step / (steps - 1)))
    return list(dict.fromkeys(entries))


def _rgb(colour: str) -> tuple[int, int, int]:
    red, green, blue, *_alpha = ImageColor.getrgb(colour)
    return red, green, blue


def _blend(a: tuple[int, int, int], b: tuple[int, int, int], share: float) -> tuple[int, int, int]:
    red, green, blue = (round(x + (y - x) * share) for x, y in zip(a, b, strict=True))
    return red, green, blue


def palette_image(colours: list[tuple[int, int, int]]) -> Image.Image:
    """A palette as `Image.quantize` takes it."""
    image = Image.new("P", (1, 1))
    image.putpalette([value for colour in colours for value in colour])
    return image


def _palette(style: CardStyle) -> Image.Image:
    def make() -> Image.Image:
        return palette_image(palette_colours(style))

    palettes: BuildCache[str, Image.Image] = active().part("cards.palettes", lambda: BuildCache(limit=4))
    return palettes.get(style.key_text, make)


def _lines(
    text: str, style: CardStyle, size: int, origin: tuple[int, int], width: int, lines: int, rtl: bool
) -> tuple[list[Placed], int]:
    """`text` wrapped into at most `lines` lines from `origin`; the lines and the y below them."""
    path = _first_font(text, style.fonts)
    x, y = origin
    placed = []
    for line in wrap(text, _font(path, size), width, lines):
        mask, (left, top) = line_mask(path, size, line, rtl)
        placed.append((mask, ((x + width if rtl else x) + left, y + top)))
        y += round(size * 1.25)
    return placed, y


def line_mask(path: str, size: int, line: str, rtl: bool) -> tuple[Image.Image, tuple[int, int]]:
    """A line of text as a coverage mask and its offset from where it is anchored (its start: the
    left, or the right in right-to-left text). Pasting the text colour through it gives the pixels
    `ImageDraw.text` draws; a page's title, the same in most languages, is rasterised once for the
    cards drawn together (`render_all_into_cache`, `sharing.CardService.publish`)."""

    def make() -> tuple[Image.Image, tuple[int, int]]:
        font = _font(path, size)
        options = {"direction": "rtl", "language": "he", "anchor": "ra"} if rtl else {}
        left, top, right, bottom = (int(edge) for edge in font.getbbox(line, **options))  # type: ignore[arg-type]
        mask = Image.new("L", (max(1, right - left), max(1, bottom - top)), 0)
        ImageDraw.Draw(mask).text((-left, -top), line, font=font, fill=255, **options)  # type: ignore[arg-type]
        return mask, (left, top)

    masks: BuildCache[tuple[str, int, str, bool], tuple[Image.Image, tuple[int, int]]] = active().part(
        "cards.lines", lambda: BuildCache(limit=64)
    )
    return masks.get((path, size, line, rtl), make)


def render_all_into_cache(cards: tuple[Card, ...], folder: str) -> list[str]:
    """Pool job: draw cards into the cache (each atomically); returns their paths. Cards that share
    a title (a page in every language) are drawn in one job, so its lines are rasterised once."""
    paths = []
    for card in cards:
        target = Path(folder) / f"{card.key}.png"
        write_atomically(target, render(card))
        paths.append(str(target))
    return paths
