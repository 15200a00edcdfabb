"""One visual identity: tokens -> CSS, mark, icons, manifest, fonts; contrast and off-identity refused."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import material as material_package
import pytest
from PIL import Image
from tests.conftest import QUARTIER, Project

from vitrine.identity.contrast import ratio
from vitrine.identity.mark import MarkColours, ico, icon_files, icons


def set_token(project: Project, old: str, new: str) -> None:
    path = project.root / "identity.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def icon_pixel(project: Project, name: str, xy: tuple[int, int]) -> tuple[int, ...]:
    with Image.open(project.site / "assets/identity" / name) as image:
        return tuple(image.convert("RGBA").getpixel(xy))  # type: ignore[arg-type]


def test_tokens_generate_the_css(project: Project) -> None:
    assert project.build().returncode == 0
    css = (project.site / "assets/identity.css").read_text(encoding="utf-8")
    light, dark = css.split('[data-md-color-scheme="slate"]')
    assert "--vt-primary: #1b3a6b;" in light and "--md-primary-fg-color: var(--vt-primary);" in light
    assert "--vt-primary: #0f2548;" in dark and "--vt-link: #8fb8ff;" in dark
    assert '--md-text-font: "Source Sans 3";' in css
    assert ':lang(he) {\n  --md-text-font: "Source Sans 3", "Noto Sans Hebrew";' in css
    assert ':lang(ja) {\n  --md-text-font: "Source Sans 3", "Hiragino Sans"' in css
    page = project.html("fr/quartiers/test/index.html")
    sheets = [link["href"] for link in page.select("link[rel=stylesheet]")]
    assert "../../../assets/identity.css" in sheets


def test_changing_a_token_changes_css_mark_and_icons(project: Project) -> None:
    set_token(project, 'primary: "#1b3a6b"', 'primary: "#2a4d1e"')
    assert project.build().returncode == 0
    assert "--vt-primary: #2a4d1e;" in (project.site / "assets/identity.css").read_text(encoding="utf-8")
    assert 'fill="#2a4d1e"' in (project.site / "assets/identity/logo.svg").read_text(encoding="utf-8")
    assert icon_pixel(project, "icon-192.png", (96, 4)) == (0x2A, 0x4D, 0x1E, 255)
    manifest = json.loads((project.site / "assets/identity/manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["theme_color"] == "#2a4d1e"


def test_icons_and_manifest(project: Project) -> None:
    assert project.build().returncode == 0
    for name, size in (
        ("favicon-32.png", 32),
        ("apple-touch-icon.png", 180),
        ("icon-192.png", 192),
        ("icon-512.png", 512),
    ):
        with Image.open(project.site / "assets/identity" / name) as image:
            assert image.size == (size, size) and image.format == "PNG"
    with Image.open(project.site / "favicon.ico") as favicon:
        assert favicon.format == "ICO" and {(16, 16), (32, 32), (48, 48)} <= set(favicon.info["sizes"])
    manifest = json.loads((project.site / "assets/identity/manifest.webmanifest").read_text(encoding="utf-8"))
    for icon in manifest["icons"]:
        assert (project.site / "assets/identity" / icon["src"]).is_file()
    page = project.html("en/index.html")
    assert page.select_one('link[rel="apple-touch-icon"]')["href"] == "../assets/identity/apple-touch-icon.png"
    assert page.select_one('link[rel="manifest"]')["href"] == "../assets/identity/manifest.webmanifest"
    logo = page.select_one(".md-header .md-logo img")
    assert logo is not None and logo["src"] == "../assets/identity/logo.svg"
    assert page.select_one('link[rel="icon"]')["href"] == logo["src"], "the icon is the mark, loaded once"


def test_the_mark_is_our_own_svg(project: Project) -> None:
    assert project.build().returncode == 0
    svg = (project.site / "assets/identity/logo.svg").read_text(encoding="utf-8")
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"') and "<script" not in svg and "href" not in svg
    assert len(re.findall(r"<rect ", svg)) == 5


def test_fonts_are_self_hosted_from_npm(project: Project) -> None:
    assert project.build().returncode == 0
    css = (project.site / "assets/identity.css").read_text(encoding="utf-8")
    urls = re.findall(r'url\("([^"]+)"\)', css)
    assert len(urls) == 3  # latin, latin-ext and hebrew, one weight each (identity.yml)
    for url in urls:
        path = project.site / "assets" / url
        assert path.is_file() and path.read_bytes()[:4] == b"wOF2", url
    assert "googleapis" not in css
    faces = re.findall(r"@font-face \{[^}]*\}", css)
    assert len(faces) == 3 and all("unicode-range: U+" in face for face in faces), "each face names its subset"
    latin = next(face for face in faces if "source-sans-3-latin-400" in face)
    assert "U+0000-00FF" in latin


def test_the_head_asks_first_for_the_faces_the_page_draws_with(project: Project) -> None:
    """Faces are `font-display: optional` (never swapped in late: no layout shift); each page
    preloads its text faces so that they are there for the first paint, and only those."""
    project.write("content/he/index.md", "---\ntitle: בית\nnav_order: 1\n---\n\nשלום.\n")
    assert project.build().returncode == 0
    css = (project.site / "assets/identity.css").read_text(encoding="utf-8")
    assert css.count("font-display: optional;") == 3 and "font-display: swap" not in css
    expected = {
        "fr": ["source-sans-3-latin-400-normal.woff2"],
        "he": ["source-sans-3-latin-400-normal.woff2", "noto-sans-hebrew-hebrew-400-normal.woff2"],
    }
    for language, names in expected.items():
        links = project.html(f"{language}/index.html").select('link[rel="preload"][as="font"]')
        assert [str(link["href"]).rsplit("/", 1)[-1] for link in links] == names, language
        for link in links:
            assert link["type"] == "font/woff2" and link.has_attr("crossorigin")
            assert (project.site / language / str(link["href"])).resolve().is_file()


def test_contrast_below_aa_fails_the_build(project: Project) -> None:
    set_token(project, 'muted: "#4b5263"', 'muted: "#a0a4ad"')
    result = project.build()
    assert result.returncode == 1
    expected = f"identity.yml: palette.light: muted on background has contrast {ratio('#a0a4ad', '#ffffff'):.2f}:1 (WCAG AA needs 4.5:1)"
    assert expected in result.stderr


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            'link: "#1f4f99"',
            "link: blue",
            r'identity\.yml:\d+:5: palette\.light\.link: "blue" does not have the expected form',
        ),
        (
            'muted: "#4b5263"',
            'muted: "#a0a4ad"',
            r"identity\.yml: palette\.light: muted on background has contrast 2\.50:1",
        ),
    ],
)
def test_identity_errors_come_with_every_other_file_errors(project: Project, old: str, new: str, expected: str) -> None:
    """The tokens are read at on_config, the records at on_files: one build still names both, as
    `vitrine check` does (vitrine/reporting)."""
    set_token(project, old, new)
    project.write("quartiers/test/quartier.yml", QUARTIER.replace("country: FR", "country: France"))
    result = project.build()
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    report = result.stderr.split("content errors:\n", 1)[1]
    assert re.search(expected, report), report
    assert re.search(r"quartiers/test/quartier\.yml:\d+:\d+: country: ", report), report


def test_invalid_token_names_line_and_field(project: Project) -> None:
    set_token(project, 'link: "#1f4f99"', "link: blue")
    result = project.build()
    assert result.returncode == 1
    assert re.search(
        r'identity\.yml:\d+:5: palette\.light\.link: "blue" does not have the expected form', result.stderr
    )


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "  - assets/vitrine.css\n",
            "  - assets/vitrine.css\n  - https://fonts.example/brand.css\n",
            "extra_css: https://fonts.example/brand.css is outside the identity",
        ),
        ("  font: false", "  font:\n    text: Roboto", "theme.font must be false"),
        (
            "  - assets/vitrine.js\n",
            "  - assets/vitrine.js\n  - extra/tracker.js\n",
            "extra_javascript: extra/tracker.js is outside the identity",
        ),
    ],
)
def test_off_identity_settings_are_refused(project: Project, old: str, new: str, message: str) -> None:
    config = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    assert old in config
    (project.root / "mkdocs.yml").write_text(config.replace(old, new, 1), encoding="utf-8")
    result = project.build()
    assert result.returncode == 1
    assert f"mkdocs.yml: {message}" in result.stderr


def test_icons_are_reproducible(project: Project) -> None:
    assert project.build().returncode == 0
    first = (project.site / "assets/identity/icon-512.png").read_bytes()
    assert project.build().returncode == 0
    assert (project.site / "assets/identity/icon-512.png").read_bytes() == first
    with Image.open(io.BytesIO(first)) as image:
        assert "exif" not in image.info


def test_icons_drawn_once_are_read_back_the_same_and_drawn_again_when_damaged(tmp_path: Path) -> None:
    colours = MarkColours("#1b3a6b", "#ffffff", "#a51c30")
    drawn = {**icons(colours), "favicon.ico": ico(colours)}
    assert icon_files(colours, tmp_path) == drawn, "drawn, then kept"
    (kept,) = tmp_path.glob("mark-*.pickle")
    assert icon_files(colours, tmp_path) == drawn, "read back"
    other = icon_files(MarkColours("#1b3a6b", "#ffffff", "#0b6e4f"), tmp_path)
    assert other["icon-512.png"] != drawn["icon-512.png"] and len(list(tmp_path.glob("mark-*.pickle"))) == 2
    data = bytearray(kept.read_bytes())
    data[-40] ^= 0xFF  # a byte of an icon changed on disk
    kept.write_bytes(bytes(data))
    assert icon_files(colours, tmp_path) == drawn, "a damaged entry is drawn again"
    kept.write_bytes(b"not a pickle")
    assert icon_files(colours, tmp_path) == drawn


def test_titles_longer_than_the_layout_allows_are_warned(project: Project) -> None:
    long_name = "Quartier numérique au nom bien trop long pour une tuile"
    record = project.root / "quartiers/test/quartier.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("name: Quartier Test", f"name: {long_name}"))
    project.write("content/de/index.md", "---\ntitle: " + "Sehr langer Titel " * 6 + "\nnav_order: 1\n---\n\nText.\n")
    result = project.build()
    assert result.returncode == 1
    assert f"fr/quartiers/test.md: name is {len(long_name)} characters, tiles show 48 (fr)" in result.stderr
    assert "de/index.md: title is 107 characters, cards show 80 (de)" in result.stderr
    assert project.build("--no-strict").returncode == 0


def test_the_scheme_script_is_material_s_own_when_an_option_follows_the_system(project: Project) -> None:
    assert project.build().returncode == 0
    short = str(project.html("en/quartiers/test/index.html").find("script", string=re.compile("__palette")))
    assert "prefers-color-scheme" not in short and '"data-md-color-"+k' in short and "hidden" in short, short
    config = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  palette:\n" in config
    automatic = '  palette:\n    - media: "(prefers-color-scheme)"\n      toggle: {icon: material/brightness-auto, name: Follow the system}\n'
    (project.root / "mkdocs.yml").write_text(config.replace("  palette:\n", automatic, 1), encoding="utf-8")
    result = project.build()
    assert result.returncode == 0, result.stderr
    material = Path(material_package.__file__).parent / "templates/partials/javascripts/palette.html"
    script = re.search(r"<script>.*</script>", material.read_text(encoding="utf-8"))
    assert script is not None
    assert script.group(0) in project.site.joinpath("en/quartiers/test/index.html").read_text(encoding="utf-8")
