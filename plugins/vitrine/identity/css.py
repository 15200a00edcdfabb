"""The site's stylesheet for the identity, generated from the tokens.

Custom properties `--vt-*` carry the tokens; Material's own variables are
mapped onto them, so every Material component follows the identity.
"""

from __future__ import annotations

import re

from .tokens import Font, Identity, Scheme

SCHEMES = {"light": "default", "dark": "slate"}
FONT_DIR = "assets/identity/fonts"


def font_files(font: Font) -> list[tuple[str, str, int]]:
    """(file name in the npm package's files/, subset, weight) of every face to self-host."""
    slug = font.package.rsplit("/", 1)[-1]
    return [
        (f"{slug}-{subset}-{weight}-normal.woff2", subset, weight) for subset in font.subsets for weight in font.weights
    ]


def preloaded_fonts(identity: Identity, language: str) -> list[str]:
    """The faces a page in `language` is sure to draw its text with: every weight of the text
    font's first subset, and of its own script's font if the identity self-hosts one. The head
    asks for them first, so they usually arrive before the first paint: faces are
    `font-display: optional` (never swapped in late, so text never moves)."""
    fonts = [identity.typography.text]
    script = identity.typography.scripts.get(language)
    if isinstance(script, Font):
        fonts.append(script)
    first = [(font, font.subsets[0]) for font in fonts if font.subsets]
    return [name for font, subset in first for name, face_subset, _ in font_files(font) if face_subset == subset]


_FACE = re.compile(r"@font-face\s*\{([^}]*)\}")
_FILE = re.compile(r"url\(\./files/([^)]+\.woff2)\)")
_RANGE = re.compile(r"unicode-range:\s*([^;]+);")


def unicode_ranges(package_css: str) -> dict[str, str]:
    """File name -> unicode-range of each face in a fontsource stylesheet (e.g. its `400.css`).

    Without a range, a browser treats every face of a family as covering every
    character and downloads them all; with it, an English page fetches only
    the Latin faces, and the extended ones only for the characters that need them.
    """
    ranges = {}
    for face in _FACE.findall(package_css):
        name, span = _FILE.search(face), _RANGE.search(face)
        if name and span:
            ranges[name.group(1)] = span.group(1).strip()
    return ranges


def _scheme_block(selector: str, scheme: Scheme) -> str:
    tokens = "\n".join(f"  --vt-{name.replace('_', '-')}: {value};" for name, value in scheme.model_dump().items())
    return f"""{selector} {{
{tokens}
  --md-default-bg-color: var(--vt-background);
  --md-default-fg-color: var(--vt-text);
  --md-default-fg-color--light: var(--vt-muted);
  --md-default-fg-color--lighter: var(--vt-muted);
  --md-primary-fg-color: var(--vt-primary);
  --md-primary-fg-color--light: var(--vt-primary);
  --md-primary-fg-color--dark: var(--vt-primary);
  --md-primary-bg-color: var(--vt-on-primary);
  --md-primary-bg-color--light: var(--vt-on-primary);
  --md-accent-fg-color: var(--vt-accent);
  --md-typeset-color: var(--vt-text);
  --md-typeset-a-color: var(--vt-link);
  --md-footer-bg-color: var(--vt-primary);
  --md-footer-bg-color--dark: var(--vt-primary);
  --md-footer-fg-color: var(--vt-on-primary);
  --md-footer-fg-color--light: var(--vt-on-primary);
  --md-footer-fg-color--lighter: var(--vt-on-primary);
}}
"""


def _font_faces(font: Font, ranges: dict[str, str]) -> str:
    faces = []
    for name, _subset, weight in font_files(font):
        span = f"\n  unicode-range: {ranges[name]};" if name in ranges else ""
        faces.append(
            f"""@font-face {{
  font-family: "{font.family}";
  font-style: normal;
  font-weight: {weight};
  font-display: optional;
  src: url("identity/fonts/{name}") format("woff2");{span}
}}
"""
        )
    return "".join(faces)


def stylesheet(identity: Identity, ranges: dict[str, str] | None = None) -> str:
    """`ranges` maps a font file to its unicode-range (see `unicode_ranges`)."""
    ranges = ranges or {}
    text = identity.typography.text
    parts = ["/* Generated from identity.yml by vitrine/identity: edit the tokens, not this file. */\n"]
    parts.append(_font_faces(text, ranges))
    for script in identity.typography.scripts.values():
        if isinstance(script, Font):
            parts.append(_font_faces(script, ranges))
    parts.append(_scheme_block(':root, [data-md-color-scheme="default"]', identity.palette.light))
    parts.append(_scheme_block('[data-md-color-scheme="slate"]', identity.palette.dark))
    parts.append(
        f':root {{\n  --md-text-font: "{text.family}";\n  --vt-radius: {identity.spacing.radius};\n'
        f"  --vt-tile-gap: {identity.spacing.tile_gap};\n}}\n"
    )
    for code, script in sorted(identity.typography.scripts.items()):
        families = [script.family] if isinstance(script, Font) else list(script.system)
        stack = ", ".join(f'"{family}"' for family in [text.family, *families])
        parts.append(f":lang({code}) {{\n  --md-text-font: {stack};\n}}\n")
    return "".join(parts)
