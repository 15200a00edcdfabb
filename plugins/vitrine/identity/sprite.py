"""The header's icons in one file that pages point at (`<svg><use href>`), not copied into each page.

Material draws its header and search icons inline: seven SVGs, 3.2 KB of every page (22 MB of
the national site's HTML). Here they become `<symbol>`s of one file under `assets/identity/`,
named by its content so a host may cache it for good, and each page keeps a 90-byte reference
to its symbol; the browser fetches the file once for the whole site.

`partials/vt-icon.html` draws an icon from here when the file has it and inline otherwise: an
icon a project's template asks for that is not listed below still shows. The same pixels are
drawn: the page's `<svg>` keeps the icon's viewBox, Material's size and `fill: currentcolor`
(which the symbol's shapes inherit), and the symbol, with the same viewBox, fills it.

Independent of MkDocs: given the theme's folders and its `icon` and `palette` settings.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .manifest import ASSETS

DEFAULTS = {
    "menu": "material/menu",
    "search": "material/magnify",
    "previous": "material/arrow-left",
    "close": "material/close",
    "share": "material/share-variant",
    "alternate": "material/translate",
}
"""The `theme.icon` settings the header, the search form and the language switcher draw, with
Material's defaults (its `partials/header.html`, `search.html` and `alternate.html`)."""

_SVG = re.compile(r'\A\s*<svg\b[^>]*?\sviewBox="([^"]+)"[^>]*>(.*)</svg>\s*\Z', re.DOTALL)


@dataclass(frozen=True)
class Sprite:
    path: str = ""
    """The file's path in the site (`assets/identity/icons.<digest>.svg`); empty: no file."""
    ids: Mapping[str, str] = field(default_factory=dict)
    """Each icon's name (`material/magnify`) → its symbol's id in the file."""
    boxes: Mapping[str, str] = field(default_factory=dict)
    """Each icon's name → its viewBox, which the page's `<svg>` keeps (sized as the inline icon was)."""
    content: str = ""


def icon_settings(icon: Mapping[str, Any] | None, palette: Any) -> list[tuple[str, str]]:
    """Each icon the header draws with these `theme.icon` and `theme.palette` settings, with the
    setting that names it (`theme.icon.menu`), or "" where it is Material's default."""
    named: list[tuple[str, str]] = []
    for key, default in DEFAULTS.items():
        value = (icon or {}).get(key)
        named.append((f"theme.icon.{key}" if value else "", str(value or default)))
    options = palette if isinstance(palette, Sequence) and not isinstance(palette, str) else []
    for number, option in enumerate(options):
        toggle = option.get("toggle") if isinstance(option, Mapping) else None
        if isinstance(toggle, Mapping) and toggle.get("icon"):
            named.append((f"theme.palette[{number}].toggle.icon", str(toggle["icon"])))
    return named


def read_icons(named: Iterable[tuple[str, str]], theme_dirs: Sequence[str | Path]) -> dict[str, str]:
    """The SVG of each named icon the theme's folders have, read once (`find_icon`)."""
    found = {}
    for _, name in named:
        if name not in found and (text := find_icon(name, theme_dirs)) is not None:
            found[name] = text
    return found


def unknown_icons(config_text: str, named: Iterable[tuple[str, str]], found: Mapping[str, str]) -> list[str]:
    """A line for each icon a setting names that the theme does not have (not in `found`: Jinja would
    stop the build on it with a traceback), with its line in the configuration's text when found there."""
    lines = config_text.splitlines()
    problems = []
    for setting, name in named:
        if setting and name not in found:
            number = next((i for i, line in enumerate(lines, 1) if name in line), None)
            where = f"mkdocs.yml, line {number}" if number else "mkdocs.yml"
            problems.append(
                f"{where}, {setting}: '{name}' is not an icon of the theme; give a name from Material's icon "
                "search (https://squidfunk.github.io/mkdocs-material/reference/icons-emojis/), such as "
                "material/menu or fontawesome/solid/bars"
            )
    return problems


def find_icon(name: str, theme_dirs: Iterable[str | Path]) -> str | None:
    """The SVG of `.icons/<name>.svg` in the first theme folder holding it (a project's overrides
    first, as Jinja looks), or None."""
    for folder in theme_dirs:
        path = Path(folder) / ".icons" / f"{name}.svg"
        if path.is_file():
            return path.read_text(encoding="utf-8")
    return None


def symbol_ids(names: Iterable[str]) -> dict[str, str]:
    """Each icon's symbol id: its own name (`magnify` for `material/magnify`), short since every page
    repeats it, or its whole name where two sets have an icon of that name."""
    names = list(names)
    short = {name: re.sub(r"[^A-Za-z0-9_-]", "-", name.rsplit("/", 1)[-1]) for name in names}
    counts = Counter(short.values())
    return {name: short[name] if counts[short[name]] == 1 else re.sub(r"[^A-Za-z0-9_-]", "-", name) for name in names}


def sprite(sources: Mapping[str, str]) -> Sprite:
    """One file holding each icon of `sources` (name → its SVG) as a symbol. An icon whose SVG is not
    one `<svg viewBox>` element is left out: pages draw it inline."""
    symbols, boxes, parts = [], {}, {}
    for name, svg in sources.items():
        found = _SVG.match(svg)
        if found is not None:
            boxes[name], parts[name] = found.group(1), found.group(2).strip()
    ids = symbol_ids(parts)
    for name, inner in parts.items():
        symbols.append(f'<symbol id="{ids[name]}" viewBox="{boxes[name]}">{inner}</symbol>')
    if not symbols:
        return Sprite()
    content = '<svg xmlns="http://www.w3.org/2000/svg">' + "".join(symbols) + "</svg>\n"
    digest = hashlib.blake2b(content.encode(), digest_size=4).hexdigest()
    return Sprite(f"{ASSETS}/icons.{digest}.svg", ids, boxes, content)
