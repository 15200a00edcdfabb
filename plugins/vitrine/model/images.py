"""Content images, checked as records are read: format from the header (not the file name),
size of the file, pixel count, animation, and the size once EXIF orientation is applied.

The domain's part of images (Pillow only, no MkDocs): `vitrine/images` renders them.
"""

from __future__ import annotations

import hashlib
import io
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from .buildcache import BuildCache, active

FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}
MAX_BYTES = 15_000_000
MAX_PIXELS = 40_000_000


class ImageProblem(Exception):
    """A content image that cannot be published; the message names what is wrong."""


@dataclass(frozen=True)
class SourceImage:
    """A checked source: its digest and its size once EXIF orientation is applied."""

    path: Path
    digest: str
    width: int
    height: int


INSPECTED = "images.inspected"
"""The build's checked sources by (path, modification time, size): `mkdocs serve` reloads records on
every edit (a part of the build's caches, buildcache.py)."""


def inspect(path: Path) -> SourceImage:
    """Check a source from its header, without decoding its pixels."""
    expected = FORMATS.get(path.suffix.lower())
    if expected is None:
        raise ImageProblem(f"{path.suffix or 'no extension'} is not an accepted image ({', '.join(FORMATS)})")
    try:
        stat = path.stat()
    except OSError:
        return _inspect(path, expected)
    inspected: BuildCache[tuple[Path, int, int], SourceImage] = active().part(INSPECTED, BuildCache)
    return inspected.get((path, stat.st_mtime_ns, stat.st_size), lambda: _inspect(path, expected))


def _inspect(path: Path, expected: str) -> SourceImage:
    data = path.read_bytes()
    if len(data) > MAX_BYTES:
        raise ImageProblem(f"file is {len(data):,} bytes, over the {MAX_BYTES:,}-byte limit")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # the limit below is ours
            with Image.open(io.BytesIO(data), formats=sorted(set(FORMATS.values()))) as image:
                actual, (width, height) = image.format, image.size
                frames = getattr(image, "n_frames", 1)
                orientation = image.getexif().get(0x0112, 1)
    except Image.DecompressionBombError as exc:
        raise ImageProblem(_bomb_message(exc)) from None
    except UnidentifiedImageError:  # Pillow's message names its in-memory buffer, not the file
        raise ImageProblem("not a readable image (its bytes are not a JPEG, PNG or WebP image)") from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise ImageProblem(f"not a readable image ({exc})") from None
    if actual != expected:
        raise ImageProblem(f"the file is a {actual} image named {path.suffix}; rename it or convert it")
    if width * height > MAX_PIXELS:
        raise ImageProblem(f"{width}×{height} pixels is over the {MAX_PIXELS:,}-pixel limit")
    if frames > 1:
        raise ImageProblem(f"animated images are not accepted ({frames} frames)")
    if orientation in (5, 6, 7, 8):
        width, height = height, width
    return SourceImage(path, hashlib.sha256(data).hexdigest(), width, height)


def _bomb_message(exc: Image.DecompressionBombError) -> str:
    """Pillow refuses a far too large header itself, before we see the size: say it in our terms."""
    declared = re.search(r"\((\d+) pixels\)", str(exc))
    count = f"{int(declared.group(1)):,} pixels" if declared else "too many pixels"
    return f"the header declares {count}, over the {MAX_PIXELS:,}-pixel limit"
