"""Vitrine's own mark, drawn from one geometry as SVG and as PNG icons.

A rounded square in the primary colour holding four "quarters": three in the
colour of text on primary, one in the accent colour, the network of quarters
the showcase presents. No borrowed brand: no rooster, no Marianne.
"""

from __future__ import annotations

import hashlib
import io
import pickle
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw
from PIL import __version__ as PILLOW_VERSION  # noqa: N812

from ..images.pipeline import write_atomically

VIEWBOX = 64
CORNER = 14
QUARTERS = ((14, 14), (34, 14), (14, 34), (34, 34))
QUARTER = 16
QUARTER_CORNER = 3
ACCENT_QUARTER = 3
ICON_SIZES = {"favicon-32.png": 32, "apple-touch-icon.png": 180, "icon-192.png": 192, "icon-512.png": 512}


@dataclass(frozen=True)
class MarkColours:
    primary: str
    on_primary: str
    accent: str


def svg(colours: MarkColours, title: str) -> str:
    squares = "".join(
        f'<rect x="{x}" y="{y}" width="{QUARTER}" height="{QUARTER}" rx="{QUARTER_CORNER}" '
        f'fill="{colours.accent if i == ACCENT_QUARTER else colours.on_primary}"/>'
        for i, (x, y) in enumerate(QUARTERS)
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {VIEWBOX} {VIEWBOX}" role="img" aria-label="{title}">'
        f'<rect width="{VIEWBOX}" height="{VIEWBOX}" rx="{CORNER}" fill="{colours.primary}"/>{squares}</svg>\n'
    )


def png(colours: MarkColours, size: int) -> bytes:
    """The mark at `size` pixels, drawn 4x larger then reduced for smooth edges."""
    scale = size * 4 / VIEWBOX
    canvas = Image.new("RGBA", (size * 4, size * 4), (0, 0, 0, 0))
    draw = ImageDraw.Draw(canvas)
    draw.rounded_rectangle((0, 0, size * 4 - 1, size * 4 - 1), radius=round(CORNER * scale), fill=colours.primary)
    for i, (x, y) in enumerate(QUARTERS):
        box = (round(x * scale), round(y * scale), round((x + QUARTER) * scale) - 1, round((y + QUARTER) * scale) - 1)
        fill = colours.accent if i == ACCENT_QUARTER else colours.on_primary
        draw.rounded_rectangle(box, radius=round(QUARTER_CORNER * scale), fill=fill)
    icon = canvas.resize((size, size), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    icon.save(out, format="PNG", optimize=True)
    return out.getvalue()


def ico(colours: MarkColours) -> bytes:
    """favicon.ico (16, 32 and 48 px), for browsers that ask for it without reading the page."""
    with Image.open(io.BytesIO(png(colours, 48))) as image:
        out = io.BytesIO()
        image.save(out, format="ICO", sizes=[(16, 16), (32, 32), (48, 48)])
    return out.getvalue()


def icons(colours: MarkColours) -> dict[str, bytes]:
    return {name: png(colours, size) for name, size in ICON_SIZES.items()}


def icon_files(colours: MarkColours, cache: Path | None = None) -> dict[str, bytes]:
    """Every PNG icon and favicon.ico, by file name: drawn, or read from `cache` where an earlier build
    drew them with the same colours, this module and Pillow (about 0.15 s a build). A cache entry
    that cannot be read, or whose bytes are not those it says, is drawn again."""
    key = hashlib.blake2b(digest_size=16)
    key.update(f"{colours}\0{PILLOW_VERSION}\0".encode())
    key.update(Path(__file__).read_bytes())
    path = cache / f"mark-{key.hexdigest()}.pickle" if cache is not None else None
    if path is not None:
        found = _read(path)
        if found is not None:
            return found
    drawn = {**icons(colours), "favicon.ico": ico(colours)}
    if path is not None:
        _write(path, drawn)
    return drawn


def _check(files: dict[str, bytes]) -> bytes:
    digest = hashlib.blake2b(digest_size=16)
    for name, data in sorted(files.items()):
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.digest()


def _read(path: Path) -> dict[str, bytes] | None:
    try:
        check, files = pickle.loads(path.read_bytes())
    except Exception:  # absent, damaged, of another shape: drawn again
        return None
    if not isinstance(files, dict) or check != _check(files):
        return None
    return files


def _write(path: Path, files: dict[str, bytes]) -> None:
    try:
        write_atomically(path, pickle.dumps((_check(files), files), protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:  # no cache: drawn again next build
        return
