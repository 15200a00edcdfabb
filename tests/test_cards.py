"""Share cards: one per page and language, in the identity, drawable in every script."""

from __future__ import annotations

from PIL import Image
from tests.conftest import Project


def card_of(project: Project, page: str) -> tuple[dict[str, str], Image.Image]:
    html = project.html(page)
    meta = {
        tag.get("property") or tag.get("name"): tag["content"]
        for tag in html.select("meta[property], meta[name^=twitter]")
    }
    path = project.site / meta["og:image"].removeprefix("https://vitrine.example/")
    image = Image.open(path)
    image.load()  # reads and closes the file
    return meta, image


def test_every_page_has_its_card_and_social_tags(project: Project) -> None:
    result = project.build()
    assert result.returncode == 0, result.stderr
    meta, card = card_of(project, "en/quartiers/test/index.html")
    assert card.size == (1200, 630) and card.format == "PNG"
    assert meta["og:image"].startswith("https://vitrine.example/assets/cards/")
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
    assert meta["og:title"] == "Quartier Test" and meta["og:description"] == "A test quarter."
    assert meta["og:locale"] == "en_US"
    alternates = [
        t["content"]
        for t in project.html("en/quartiers/test/index.html").select('meta[property="og:locale:alternate"]')
    ]
    assert "fr_FR" in alternates and "he_IL" in alternates and "en_US" not in alternates
    assert meta["twitter:card"] == "summary_large_image" and meta["twitter:image"] == meta["og:image"]
    assert meta["og:url"] == "https://vitrine.example/en/quartiers/test/"
    french, _ = card_of(project, "fr/quartiers/test/index.html")
    assert french["og:image"] != meta["og:image"], "each language has its own card"
    assert card.getpixel((600, 620)) == (0xA3, 0x12, 0x2A), "accent bar in the identity's colour"
    assert card.getpixel((600, 560)) == (0x1B, 0x3A, 0x6B), "background in the identity's primary colour"


def test_hebrew_card_is_laid_out_right_to_left(project: Project) -> None:
    project.write("content/he/index.md", '---\ntitle: "ברוכים הבאים"\nnav_order: 1\n---\n\nטקסט.\n')
    assert project.build().returncode == 0
    _, hebrew = card_of(project, "he/index.html")
    _, english = card_of(project, "en/index.html")
    white = (255, 255, 255)
    assert hebrew.getpixel((1065, 97)) == white and english.getpixel((97, 97)) == white
    assert hebrew.getpixel((97, 97)) != white, "the mark sits on the right in Hebrew"


def test_japanese_title_is_drawn(project: Project) -> None:
    project.write("content/ja/index.md", "---\ntitle: デジタル地区のネットワーク\nnav_order: 1\n---\n\n本文。\n")
    assert project.build().returncode == 0
    _, card = card_of(project, "ja/index.html")
    band = card.crop((72, 250, 1128, 330)).convert("L")
    assert band.getextrema()[1] > 200, "title glyphs are drawn in white"


def test_warm_rebuild_draws_no_card(project: Project) -> None:
    project.own_cache()
    first = project.build()
    assert "cards: 0 drawn" not in first.stderr
    second = project.build()
    assert "cards: 0 drawn" in second.stderr


def test_title_no_font_can_draw_is_an_error(project: Project) -> None:
    project.write("content/en/about.md", "---\ntitle: Hieroglyph 𓀀\nnav_order: 5\n---\n\nText.\n")
    result = project.build()
    assert result.returncode == 1
    assert "share cards cannot be drawn:" in result.stderr
    assert "en/about.md: no card font can draw '𓀀' (U+13000) in 'Hieroglyph 𓀀'" in result.stderr
