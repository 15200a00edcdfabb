"""Content images: checked, cleaned and rendered at the identity's widths.

Independent of MkDocs. Every output is a frozen `Rendition` whose parameters
and source digest name its cache file, so a warm rebuild encodes nothing and
a changed token re-encodes exactly the renditions it affects (Lektor's habit).

Checks happen before any pixel is decoded: size of the file, format read from
the header (not the file name), pixel count, animation. Then EXIF orientation
is applied, the colours converted to sRGB, and every piece of metadata (EXIF,
GPS, XMP, ICC) is left behind by re-encoding.
"""

from __future__ import annotations

import hashlib
import io
import os
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from PIL import Image, ImageCms, ImageOps

from ..model.images import ImageProblem, SourceImage

PIPELINE_VERSION = "2"
WEBP_METHOD = 4
"""libwebp's effort (0-6), chosen by measurement: on photographs, method 6 took half as long again
as 4 for files about 3 % smaller (bench/README.md, "Image pipeline")."""
Role = Literal["photo", "logo"]
Fallback = Literal["every", "smallest"]


@dataclass(frozen=True)
class Settings:
    """Rendition parameters from the identity tokens."""

    widths: tuple[int, ...] = (480, 960, 1440)
    quality: int = 80
    logo_tile: tuple[int, int] = (320, 200)
    logo_padding: int = 24
    logo_background: str = "#ffffff"
    fallback: Fallback = "every"
    """Widths of a photo's fallback (JPEG) beside its WebP: "every" width, or the "smallest" only."""


@dataclass(frozen=True)
class Rendition:
    """One output file: which source, which size and format."""

    source_digest: str
    role: Role
    width: int
    height: int
    format: Literal["WEBP", "JPEG", "PNG"]
    settings: Settings

    @property
    def parameters(self) -> str:
        """Only what changes this output's bytes: a token it does not use keeps its cache entry."""
        common = f"{self.role}|{self.width}x{self.height}|{self.format}"
        quality = self.settings.quality if self.format != "PNG" else "-"
        if self.role == "logo":
            tile = self.settings
            return f"{common}|{quality}|{tile.logo_tile}|{tile.logo_padding}|{tile.logo_background}"
        return f"{common}|{quality}"

    @property
    def key(self) -> str:
        text = f"{PIPELINE_VERSION}|{self.source_digest}|{self.parameters}"
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    @property
    def suffix(self) -> str:
        return {"WEBP": ".webp", "JPEG": ".jpg", "PNG": ".png"}[self.format]

    def name(self, stem: str) -> str:
        return f"{stem}-{self.width}w-{self.key[:8]}{self.suffix}"


def renditions(source: SourceImage, role: Role, settings: Settings) -> tuple[Rendition, ...]:
    """Every output of a source: widths of the tokens (never upscaled), each in WebP and in the
    fallback format (JPEG), or the fallback at the smallest width only (`Settings.fallback`)."""
    digest, width, height = source.digest, source.width, source.height
    if role == "logo":
        w, h = settings.logo_tile
        return (Rendition(digest, role, w, h, "PNG", settings), Rendition(digest, role, w, h, "WEBP", settings))
    widths = sorted({w for w in settings.widths if w < width} | {min(width, max(settings.widths))})
    out = []
    for w in widths:
        h = round(height * w / width)
        if settings.fallback == "every" or w == widths[0]:
            out.append(Rendition(digest, role, w, h, "JPEG", settings))
        out.append(Rendition(digest, role, w, h, "WEBP", settings))
    return tuple(out)


def render_all(source: Path, wanted: tuple[Rendition, ...]) -> list[bytes]:
    """The renditions of one source, in order: decoded once, each size drawn once for all its formats.

    Each rendition's bytes are those it gets alone: every size is drawn from the same decoded
    image, and drawing or encoding never changes what it starts from (a test compares them;
    the national project's 398 renditions were compared once, bench/README.md).
    """
    image = _decoded(source)
    sized: dict[tuple[Role, int, int, Settings], Image.Image] = {}
    out = []
    for rendition in wanted:
        size = (rendition.role, rendition.width, rendition.height, rendition.settings)
        if size not in sized:
            if rendition.role == "logo":
                sized[size] = _logo_tile(image, rendition.settings)
            else:
                sized[size] = image.resize((rendition.width, rendition.height), Image.Resampling.LANCZOS)
        out.append(_encoded(sized[size], rendition))
    return out


def _decoded(source: Path) -> Image.Image:
    """The source's pixels, oriented, in sRGB.

    A file whose header is sound can still be truncated or corrupt further on, which only
    decoding shows: that is an `ImageProblem` (a content error), not a crash of the build.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(source) as opened:
                image = ImageOps.exif_transpose(opened)
                return _to_srgb(image)
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageProblem(f"cannot be decoded ({exc})") from None


def _encoded(image: Image.Image, rendition: Rendition) -> bytes:
    out = io.BytesIO()
    if rendition.format == "JPEG":
        image.convert("RGB").save(out, "JPEG", quality=rendition.settings.quality, optimize=True, progressive=True)
    elif rendition.format == "WEBP":
        image.save(out, "WEBP", quality=rendition.settings.quality, method=WEBP_METHOD)
    else:
        image.save(out, "PNG", optimize=True)
    return out.getvalue()


def _to_srgb(image: Image.Image) -> Image.Image:
    profile = image.info.get("icc_profile")
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    image = image.convert("RGBA" if has_alpha else "RGB")
    if profile:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        converted = ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"), outputMode=image.mode)
        if converted is not None:
            image = converted
    image.info.clear()
    return image


def _logo_tile(image: Image.Image, settings: Settings) -> Image.Image:
    """Every champion logo on the same tile: same size, padding and background."""
    width, height = settings.logo_tile
    inner = (width - 2 * settings.logo_padding, height - 2 * settings.logo_padding)
    logo = ImageOps.contain(image.convert("RGBA"), inner, Image.Resampling.LANCZOS)
    tile = Image.new("RGBA", (width, height), settings.logo_background)
    tile.alpha_composite(logo, ((width - logo.width) // 2, (height - logo.height) // 2))
    return tile.convert("RGB")


@dataclass
class Cache:
    """Encoded renditions under `.cache/images/`, named by their key."""

    folder: Path

    def path(self, rendition: Rendition) -> Path:
        return self.folder / f"{rendition.key}{rendition.suffix}"

    def has(self, rendition: Rendition) -> bool:
        return self.path(rendition).is_file()


def encode_into_cache(source: str, wanted: tuple[Rendition, ...], cache_folder: str) -> list[str]:
    """Pool job: render renditions of one source into the cache (each atomically); returns their paths."""
    cache = Cache(Path(cache_folder))
    paths = []
    for rendition, data in zip(wanted, render_all(Path(source), wanted), strict=True):
        target = cache.path(rendition)
        write_atomically(target, data)
        paths.append(str(target))
    return paths


def write_atomically(target: Path, data: bytes) -> None:
    """Write `data` to `target` whole or not at all, also when another process writes it too (a
    build beside a preview build): each writer has its own temporary file, renamed into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    temporary.replace(target)
