"""Share cards: in the identity, drawable in every script; a record's pages share one card."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageColor, ImageDraw, ImageFont
from tests.conftest import CHAMPION, QUARTIER, REPO, Project, vitrine_here

from vitrine.identity.cards import (
    NO_LINE_START,
    Card,
    CardStyle,
    card_style,
    draw,
    line_mask,
    palette_colours,
    render,
    wrap,
)
from vitrine.identity.mark import MarkColours
from vitrine.identity.sharing import CardService
from vitrine.identity.tokens import load_identity
from vitrine.model.buildcache import BuildCaches, using


def card_of(project: Project, page: str) -> tuple[dict[str, str], Image.Image]:
    html = project.html(page)
    meta = {
        tag.get("property") or tag.get("name"): tag["content"]
        for tag in html.select("meta[property], meta[name^=twitter]")
    }
    path = project.site / meta["og:image"].removeprefix("https://vitrine.example/")
    with Image.open(path) as image:
        assert image.format == "PNG", path
        return meta, image.convert("RGB")  # an 8-bit palette file: its colours


def test_every_page_has_its_card_and_social_tags(project: Project) -> None:
    result = project.build()
    assert result.returncode == 0, result.stderr
    meta, card = card_of(project, "en/quartiers/test/index.html")
    assert card.size == (1200, 630)
    assert meta["og:image"].startswith("https://vitrine.example/assets/cards/")
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
    assert meta["og:title"] == "Quartier Test" and meta["og:description"] == "A test quarter."
    assert meta["og:locale"] == "en_US"
    head = project.html("en/quartiers/test/index.html").head
    assert head is not None
    assert head.select('meta[property="og:locale:alternate"]') == [], "Facebook would ask this address for them"
    assert head.select('meta[name="generator"]') == [], "nothing reads it"
    assert {link["hreflang"] for link in head.select("link[rel=alternate][hreflang]")} >= {"fr", "en"}
    assert meta["twitter:card"] == "summary_large_image", "X's large card; its other tags fall back to og:"
    assert sorted(key for key in meta if key.startswith("twitter:")) == ["twitter:card"], "no copies of og: tags"
    assert meta["og:url"] == "https://vitrine.example/en/quartiers/test/"
    french, _ = card_of(project, "fr/quartiers/test/index.html")
    assert french["og:image"] == meta["og:image"], "a record's pages share one card"
    assert french["og:description"] == "Un quartier d'essai.", "the description stays in the page's language"
    assert card.getpixel((600, 620)) == (0xA3, 0x12, 0x2A), "accent bar in the identity's colour"
    assert card.getpixel((600, 560)) == (0x1B, 0x3A, 0x6B), "background in the identity's primary colour"


def test_a_record_has_one_card_for_every_language_and_an_editorial_page_one_per_language(
    project: Project,
) -> None:
    project.write("content/en/index.md", "---\ntitle: Welcome\nnav_order: 1\n---\n\nText.\n")
    assert project.build().returncode == 0
    site, style = repo_style()
    languages = [path.name for path in project.site.iterdir() if (path / "champions" / "champion-test").is_dir()]
    assert len(languages) >= 3, languages
    records = (
        ("champions/champion-test", "Champion Test", "Lille · example.org"),
        ("quartiers/test", "Quartier Test", "Lille"),
    )
    for page, name, second_line in records:
        cards = {card_of(project, f"{code}/{page}/index.html")[0]["og:image"] for code in languages}
        assert len(cards) == 1, (page, cards)
        shared = project.site / cards.pop().removeprefix("https://vitrine.example/")
        expected = render(Card(site, name, second_line, "ltr", style))
        assert shared.read_bytes() == expected, f"{page}: its name, then where it is (and its website)"
    homes = {card_of(project, f"{code}/index.html")[0]["og:image"] for code in ("fr", "en")}
    assert len(homes) == 2, "an editorial page's card shows its own language's title"


def test_a_record_whose_name_is_hebrew_gets_a_right_to_left_card(project: Project) -> None:
    project.write("champions/champion-test/champion.yml", CHAMPION.replace("name: Champion Test", "name: אלפא"))
    assert project.build().returncode == 0
    french_meta, french = card_of(project, "fr/champions/champion-test/index.html")
    hebrew_meta, _ = card_of(project, "he/champions/champion-test/index.html")
    assert french_meta["og:image"] == hebrew_meta["og:image"]
    white = (255, 255, 255)
    assert french.getpixel((1065, 97)) == white and french.getpixel((97, 97)) != white, "mark on the right"


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
    project.edit_a_page()
    second = project.build()
    assert "cards: 0 drawn" in second.stderr


def test_a_text_no_card_font_can_draw_is_an_error_of_its_file_with_the_others(project: Project) -> None:
    """Found as the files are read (vitrine/identity, after vitrine/catalogue), named by file, line and
    field, and said with every other file's errors, by the build as by `vitrine check`."""
    project.write("content/en/about.md", "---\ntitle: Hieroglyph 𓀀\nnav_order: 5\n---\n\nText.\n")
    project.write("quartiers/test/quartier.yml", QUARTIER.replace("cities: [Lille]", "cities: [Lille, 𓀀 Town]"))
    hint = " (share cards are drawn with the fonts of card.fonts in identity.yml; write the text without it)"
    expected = [
        "content/en/about.md:2:1: title: no card font can draw '𓀀' (U+13000) in 'Hieroglyph 𓀀'" + hint,
        "quartiers/test/quartier.yml:6:1: cities: no card font can draw '𓀀' (U+13000) in '𓀀 Town'" + hint,
    ]
    result = project.build()
    assert result.returncode == 1
    assert "2 content errors:\n" + "\n".join(f"  {line}" for line in expected) in result.stderr, result.stderr
    assert "share cards cannot be drawn" not in result.stderr, "not once every page has asked for its card"
    checked = vitrine_here(project.root, "check", "--lang", "en")
    assert checked.returncode == 1
    assert all(line in checked.stdout for line in expected), checked.stdout


def repo_style() -> tuple[str, CardStyle]:
    identity = load_identity(REPO / "identity.yml", "identity.yml")
    return identity.name, card_style(identity, REPO / "node_modules")


@pytest.mark.parametrize(
    ("title", "subtitle", "direction"),
    [
        (
            "Lyon : santé, industrie et jeux vidéo autour de la Part-Dieu",
            "Un quartier numérique labellisé en 2014.",
            "ltr",
        ),
        ("東京のフレンチテック・コミュニティ", "海外のフランス系スタートアップの拠点。", "ltr"),
        ("קהילת הפרנץ' טק בתל אביב", "מרכז של יזמים צרפתים בישראל.", "rtl"),
    ],
)
def test_a_card_in_its_palette_looks_like_its_full_colour_drawing(title: str, subtitle: str, direction: str) -> None:
    """No visible loss: the 8-bit file differs from the full-colour drawing only on antialiased edges, by a few
    levels; the identity's colours are exact; drawing on the shared backdrop leaves it as it was."""
    site, style = repo_style()
    card = Card(site, title, subtitle, direction, style)
    with using(BuildCaches()):  # the backdrop kept between cards, as in a pool process
        drawn = draw(card)
        data = render(card)
        assert render(card) == data, "the shared backdrop is drawn on a copy"
    with Image.open(io.BytesIO(data)) as decoded:
        assert decoded.mode == "P" and decoded.format == "PNG"
        colours = decoded.convert("RGB")
    difference = ImageChops.difference(drawn, colours).convert("L").histogram()
    pixels = style.width * style.height
    assert sum(difference[9:]) < pixels / 1000, "more than 0.1 % of pixels off by more than 8 levels"
    assert sum(difference[17:]) == 0, "a pixel off by more than 16 levels"
    assert colours.getpixel((600, 560)) == ImageColor.getrgb(style.background)
    assert colours.getpixel((600, 620)) == ImageColor.getrgb(style.accent)
    assert len(data) < 20_000, f"{len(data)} bytes: bench/README.md measured about 11 KB a card"


def test_the_palette_holds_every_colour_of_the_style_and_fits_256_entries() -> None:
    _site, style = repo_style()
    many = replace(style, accent="#00aa00", mark=MarkColours("#112233", "#fefefe", "#cc8800"), text="#f0f0f0")
    for candidate in (style, many):
        colours = palette_colours(candidate)
        assert len(colours) <= 256 and len(set(colours)) == len(colours)
        named = [candidate.background, candidate.text, candidate.accent, *vars(candidate.mark).values()]
        assert {ImageColor.getrgb(c)[:3] for c in named} <= set(colours)
    assert len(palette_colours(many)) > 200, "six colours: fewer steps per blend, the palette still nearly full"


@pytest.mark.parametrize(
    ("text", "rtl", "font"),
    [("Lyon, Île-de-France — 2014", False, 0), ("קהילת הפרנץ' טק", True, 1), ("東京のフレンチテック", False, 2)],
)
def test_a_line_pasted_through_its_mask_has_the_pixels_imagedraw_draws(text: str, rtl: bool, font: int) -> None:
    """A card's lines are kept as coverage masks (a title in six languages is rasterised once):
    pasting the text colour through one gives exactly what `ImageDraw.text` draws, anchored at the
    line's start (its right end in right-to-left text)."""
    _site, style = repo_style()
    path, size, start = style.fonts[font], 64, (1100 if rtl else 72, 250)
    expected = Image.new("RGB", (1200, 400), style.background)
    options = {"direction": "rtl", "language": "he", "anchor": "ra"} if rtl else {}
    ImageDraw.Draw(expected).text(start, text, font=ImageFont.truetype(path, size), fill=style.text, **options)
    pasted = Image.new("RGB", (1200, 400), style.background)
    with using(BuildCaches()):
        mask, (left, top) = line_mask(path, size, text, rtl)
        assert line_mask(path, size, text, rtl)[0] is mask, "kept for the next card"
    pasted.paste(style.text, (start[0] + left, start[1] + top), mask)
    assert expected.getbbox() is not None and ImageChops.difference(expected, pasted).getbbox() is None


def test_cards_sharing_a_title_are_drawn_in_one_job(tmp_path: Path) -> None:
    site_name, style = repo_style()
    service = CardService(tmp_path / "cache")
    titles = {"fr": ("Doctolib", "Prise de rendez-vous médicaux."), "en": ("Doctolib", "Medical appointments.")}
    cards = [Card(site_name, title, about, "ltr", style) for title, about in titles.values()]
    cards.append(Card(site_name, "Lyon", "Un quartier numérique.", "ltr", style))
    paths = [service.request(f"{i}.md", card) for i, card in enumerate(cards)]
    assert service.request("again.md", cards[0]) == paths[0] and service.drawn == 3
    service.publish(tmp_path / "site")
    assert sorted(len(keys) for keys, _job in service.pending) == [1, 2], "one job per title"
    for card, path in zip(cards, paths, strict=True):
        assert path is not None
        with Image.open(tmp_path / "site" / path) as published:
            assert published.tobytes() == Image.open(io.BytesIO(render(card))).tobytes()


def test_a_japanese_sentence_after_a_latin_name_wraps_inside_the_card() -> None:
    """A description with a space (after "French Tech") and a Japanese sentence wider than a line is
    broken between characters, never past the right margin, and no line starts with a closing mark."""
    site, style = repo_style()
    about = "Vitrineは、French Techとなったフランスの「デジタル地区」ネットワークと、その地域を紹介します。"
    card = Card(site, "ホーム", about, "ltr", style)
    with using(BuildCaches()):
        image = draw(card)
        font = ImageFont.truetype(style.fonts[2], style.layout.subtitle_size)
        lines = wrap(about, font, style.width - 2 * style.layout.margin, 2)
    assert len(lines) == 2 and "…" not in lines[-1] and "".join(lines).replace(" ", "") == about.replace(" ", "")
    assert not any(line[0] in "、。」』）ー" for line in lines), lines
    assert {"、", "。", "」", "ー"} <= NO_LINE_START
    right = image.crop((style.width - style.layout.margin + 4, 250, style.width, style.height - style.layout.bar))
    assert right.getcolors() == [(right.width * right.height, ImageColor.getrgb(style.background))], (
        "ink past the margin"
    )
