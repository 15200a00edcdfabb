"""Content images through a real build: checks, metadata stripped, renditions, srcset, cache."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image
from tests.conftest import Project
from tests.helpers import IMAGE_FIELD, _png, add_logo, photo_bytes

from vitrine.images.pipeline import Role, Settings, render_all, renditions
from vitrine.model.images import inspect


def add_photo(project: Project, data: bytes, name: str = "place.jpg") -> None:
    project.write(f"quartiers/test/images/{name}", data)
    record = project.root / "quartiers/test/quartier.yml"
    record.write_text(record.read_text(encoding="utf-8") + IMAGE_FIELD.format(name=name), encoding="utf-8")


def published(project: Project) -> list[Path]:
    return sorted((project.site / "media").rglob("*.*"))


@pytest.mark.parametrize("fallback", ["smallest", "every"])
def test_renditions_srcset_and_intrinsic_size(project: Project, fallback: str) -> None:
    identity = project.root / "identity.yml"
    tokens = identity.read_text(encoding="utf-8")
    assert "  fallback: smallest " in tokens, "the sample's choice"
    identity.write_text(tokens.replace("  fallback: smallest ", f"  fallback: {fallback} "), encoding="utf-8")
    add_photo(project, photo_bytes())
    result = project.build()
    assert result.returncode == 0, result.stderr
    names = [p.name for p in published(project)]
    jpeg_widths = ["480w"] if fallback == "smallest" else ["480w", "960w", "1440w"]
    assert sorted(n.split("-")[1] for n in names if n.endswith(".webp")) == ["1440w", "480w", "960w"]
    assert sorted(n.split("-")[1] for n in names if n.endswith(".jpg")) == sorted(jpeg_widths)
    assert "place.jpg" not in names, "the original is never published"
    page = project.html("en/quartiers/test/index.html")
    img = page.select_one(".vt-hero-photo picture img")  # the first photo opens the profile
    source = page.select_one(".vt-hero-photo picture source[type='image/webp']")
    assert img is not None and source is not None
    assert (img["width"], img["height"]) == ("1440", "810"), "the intrinsic size is the widest rendition's"
    assert img.get("loading") is None and img["alt"] == "The square", "at the top: loaded at once"
    assert [entry.split()[1] for entry in img["srcset"].split(", ")] == jpeg_widths
    assert str(img["src"]).endswith(".jpg") and jpeg_widths[-1] in str(img["src"])
    assert [entry.split()[1] for entry in source["srcset"].split(", ")] == ["480w", "960w", "1440w"]
    assert all(".webp " in entry for entry in source["srcset"].split(", "))
    for entry in [*img["srcset"].split(", "), *source["srcset"].split(", ")]:
        assert (project.site / "en/quartiers/test" / entry.split()[0]).resolve().is_file()


def test_metadata_is_stripped_and_orientation_applied(project: Project) -> None:
    add_photo(project, photo_bytes((1200, 800), orientation=6))
    assert project.build().returncode == 0
    for path in published(project):
        with Image.open(path) as image:
            assert not image.getexif(), f"{path.name} keeps EXIF"
            assert "icc_profile" not in image.info and "xmp" not in image.info
            assert image.width < image.height, "EXIF orientation 6 (rotated) is applied"
    assert b"CameraMaker" not in b"".join(p.read_bytes() for p in published(project))


def test_warm_rebuild_encodes_nothing_and_a_token_reencodes_only_what_it_affects(project: Project) -> None:
    project.own_cache()
    add_photo(project, photo_bytes())
    add_logo(project, _png((400, 120)))
    cold = project.build()
    assert "images: 6 encoded, 0 from cache" in cold.stderr, "3 WebP and a JPEG of the photo, the logo's 2"
    project.edit_a_page()
    warm = project.build()
    assert "images: 0 encoded, 6 from cache" in warm.stderr
    identity = project.root / "identity.yml"
    tokens = identity.read_text(encoding="utf-8")
    tile_background = '    background: "#ffffff"\n\ncard:'
    assert tile_background in tokens
    identity.write_text(
        tokens.replace(tile_background, tile_background.replace("#ffffff", "#f2f4f8")), encoding="utf-8"
    )
    changed = project.build()
    assert changed.returncode == 0, changed.stderr
    assert "images: 2 encoded, 4 from cache" in changed.stderr, "only the logo tile renditions change"


def test_logos_share_one_uniform_tile(project: Project) -> None:
    add_logo(project, _png((900, 120)))
    assert project.build().returncode == 0
    tiles = [p for p in published(project) if p.suffix == ".png"]
    assert tiles
    with Image.open(tiles[0]) as tile:
        assert tile.size == (320, 200)
        assert tile.convert("RGB").getpixel((2, 2)) == (255, 255, 255)
        assert tile.convert("RGB").getpixel((160, 100)) == (200, 30, 40)


def _huge_png_header(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("bomb.png", _huge_png_header(60_000, 60_000), "pixels"),
        ("broken.jpg", b"\xff\xd8\xff\xe0 this is not really a jpeg", "not a readable image"),
        ("mislabelled.jpg", _png((50, 50)), "is a PNG image named .jpg"),
        (
            "drawing.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "is not an accepted image",
        ),
        ("huge.jpg", b"\xff\xd8" + b"\x00" * 16_000_000, "over the 15,000,000-byte limit"),
    ],
)
def test_bad_images_are_errors_naming_the_file(project: Project, name: str, data: bytes, message: str) -> None:
    add_photo(project, data, name)
    result = project.build()
    assert result.returncode == 1
    line = next(line for line in result.stderr.splitlines() if "images[0].file" in line)
    assert line.strip().startswith("quartiers/test/quartier.yml:41:5: images[0].file:"), line
    assert message in line


def test_animated_image_is_refused(project: Project) -> None:
    frames = [Image.new("RGB", (40, 40), (i * 20, 0, 0)) for i in range(3)]
    out = io.BytesIO()
    frames[0].save(out, "WEBP", save_all=True, append_images=frames[1:])
    add_photo(project, out.getvalue(), "moving.webp")
    result = project.build()
    assert result.returncode == 1
    assert "animated images are not accepted (3 frames)" in result.stderr


def test_one_decode_per_source_gives_each_rendition_the_bytes_it_gets_alone(tmp_path: Path) -> None:
    """A source's renditions are rendered in one job (one decode, one resize per size for both formats):
    each file is byte for byte the one rendered alone, for a photo (EXIF orientation) and a logo (alpha)."""
    photo, logo = tmp_path / "place.jpg", tmp_path / "logo.png"
    photo.write_bytes(photo_bytes(orientation=6))
    logo.write_bytes(_png((300, 120)))
    sources: tuple[tuple[Path, Role], ...] = ((photo, "photo"), (logo, "logo"))
    for path, role in sources:
        planned = renditions(inspect(path), role, Settings())
        together = render_all(path, planned)
        assert len(set(together)) == len(planned) >= 2
        assert together == [render_all(path, (rendition,))[0] for rendition in planned], role
        assert together[::-1] == render_all(path, planned[::-1]), f"{role}: the order changes no byte"
