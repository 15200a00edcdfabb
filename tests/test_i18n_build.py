"""Every language in one build: lang/dir, UI strings, hreflang, fallbacks, search, sitemaps, 404."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from tests.conftest import REPO, SITE_LANGUAGES, Project, parse
from tests.helpers import search_placeholder, sitemap_of

from vitrine.i18n.alternates import PageIndex, parents
from vitrine.i18n.publishing import stemmer

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
SEARCH_PLACEHOLDER = {"fr": "Rechercher", "en": "Search", "de": "Suche", "es": "Búsqueda", "ja": "検索", "he": "חיפוש"}


def test_the_sample_site_ships_six_languages() -> None:
    assert SITE_LANGUAGES == ("fr", "en", "de", "es", "ja", "he")


@pytest.mark.parametrize("language", SITE_LANGUAGES)
def test_each_language_has_its_lang_dir_and_material_strings(sample_site: Path, language: str) -> None:
    page = parse(sample_site / language / "quartiers" / "lyon" / "index.html")
    assert page.html["lang"] == language
    assert page.body["dir"] == ("rtl" if language == "he" else "ltr")
    assert search_placeholder(page) == SEARCH_PLACEHOLDER[language]


def test_babel_formats_dates_per_language(sample_site: Path) -> None:
    expected = {"fr": "27 juin 2024", "en": "June 27, 2024", "de": "27. Juni 2024", "ja": "2024年6月27日"}
    for language, text in expected.items():
        row = parse(sample_site / language / "quartiers" / "lille" / "index.html").select_one(
            'tr[data-indicator="flagship-opened"] time'
        )
        assert row is not None and row.get_text(strip=True) == text


def _hreflang(path: Path) -> dict[str, str]:
    return {link["hreflang"]: link["href"] for link in parse(path).select("link[rel=alternate][hreflang]")}


def test_hreflang_groups_are_reciprocal(sample_site: Path) -> None:
    group = _hreflang(sample_site / "fr" / "quartiers" / "lille" / "index.html")
    assert set(group) == {*SITE_LANGUAGES, "x-default"}
    assert group["x-default"] == "https://vitrine.example/fr/quartiers/lille/"
    for language in SITE_LANGUAGES:
        other = _hreflang(sample_site / language / "quartiers" / "lille" / "index.html")
        assert other == group, language


def test_every_page_of_a_group_names_the_same_alternates_and_x_default(sample_site: Path) -> None:
    """The homes' group is the root and every language home, x-default the root; any other group's is French."""
    homes = {"https://vitrine.example/": sample_site / "index.html"} | {
        f"https://vitrine.example/{code}/": sample_site / code / "index.html" for code in SITE_LANGUAGES
    }
    expected = {code: f"https://vitrine.example/{code}/" for code in SITE_LANGUAGES} | {
        "x-default": "https://vitrine.example/"
    }
    for url, path in homes.items():
        assert _hreflang(path) == expected, url
    sitemaps: dict[str, dict[str, str | None]] = {}
    for code in SITE_LANGUAGES:
        for url in ET.fromstring(sitemap_of(sample_site, code)).iter(f"{SITEMAP}url"):
            loc = url.find(f"{SITEMAP}loc")
            assert loc is not None and loc.text is not None
            sitemaps[loc.text] = {link.get("hreflang") or "": link.get("href") for link in url.iter(f"{XHTML}link")}
    for code in SITE_LANGUAGES:
        assert sitemaps[f"https://vitrine.example/{code}/"] == expected, code
    charter = {code: f"https://vitrine.example/{code}/charte/" for code in SITE_LANGUAGES}
    for code, url in charter.items():
        head = _hreflang(sample_site / code / "charte" / "index.html")
        assert head == sitemaps[url] == charter | {"x-default": charter["fr"]}, code


def test_switcher_lands_on_the_same_page(sample_site: Path) -> None:
    page = parse(sample_site / "de" / "champions" / "doctolib" / "index.html")
    links = {a["hreflang"]: a["href"] for a in page.select("a.vt-switch")}
    assert links == {lang: f"../../../{lang}/champions/doctolib/" for lang in SITE_LANGUAGES if lang != "de"} | {
        "de": "./"
    }


def test_parents_chain() -> None:
    assert parents("news/2015/wave-2.md") == ["news/2015/wave-2.md", "news/2015/index.md", "news/index.md", "index.md"]
    assert parents("quartiers/index.md") == ["quartiers/index.md", "index.md"]
    index = PageIndex(("fr", "en"))
    index.add("fr", "news/a.md", "fr/news/a/")
    index.add("en", "index.md", "en/")
    assert index.nearest("en", "news/a.md") == "en/"
    assert index.nearest("fr", "news/a.md") == "fr/news/a/"


def test_stemmers_exist_for_every_shipped_language() -> None:
    assert [stemmer(code) for code in SITE_LANGUAGES] == ["fr", "en", "de", "es", "ja", "he"]
    assert stemmer("xx") == "en"


def test_search_index_per_language_holds_only_that_language(sample_site: Path) -> None:
    for language in SITE_LANGUAGES:
        data = json.loads((sample_site / language / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert data["config"]["lang"] == [stemmer(language)]
        locations = [doc["location"] for doc in data["docs"]]
        assert "quartiers/lille/" in locations
        assert not any(loc.startswith(tuple(f"{code}/" for code in SITE_LANGUAGES)) for loc in locations)
    de = json.loads((sample_site / "de" / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = {doc["location"]: doc["title"] for doc in de["docs"] if "#" not in doc["location"]}
    heading = parse(sample_site / "de" / "charte" / "index.html").select_one("article h1")
    assert heading is not None and titles["charte/"] == heading.get_text(strip=True)


def test_page_points_material_search_at_its_language(sample_site: Path) -> None:
    """The page names its language's folder to the site's one search script, which Material's bundle follows."""
    page = sample_site / "de" / "quartiers" / "lille" / "index.html"
    scripts = [script.get("src") for script in parse(page).find_all("script")]
    ours = parse(page).select_one("script[data-search-base]")
    assert ours is not None and ours["data-search-base"] == "../../"
    assert scripts.index(ours["src"]) < next(i for i, src in enumerate(scripts) if src and "/bundle." in src)
    script = (page.parent / str(ours["src"])).resolve()
    assert script == sample_site / "assets" / "vitrine-search.js"
    assert 'getAttribute("data-search-base")' in script.read_text(encoding="utf-8")


def test_sitemap_index_and_per_language_sitemaps(sample_site: Path) -> None:
    index = ET.parse(sample_site / "sitemap.xml").getroot()
    assert [loc.text for loc in index.iter(f"{SITEMAP}loc")] == [
        f"https://vitrine.example/{code}/sitemap.xml.gz" for code in SITE_LANGUAGES
    ]
    assert not (sample_site / "en" / "sitemap.xml").exists(), "published gzipped only"
    urlset = ET.fromstring(sitemap_of(sample_site, "en"))
    entries = {url.find(f"{SITEMAP}loc").text: url for url in urlset.iter(f"{SITEMAP}url")}  # type: ignore[union-attr]
    assert all(loc.startswith("https://vitrine.example/en/") for loc in entries)
    lille = entries["https://vitrine.example/en/quartiers/lille/"]
    alternates = {link.get("hreflang"): link.get("href") for link in lille.iter(f"{XHTML}link")}
    assert alternates["x-default"] == "https://vitrine.example/fr/quartiers/lille/"
    assert set(alternates) == {*SITE_LANGUAGES, "x-default"}
    assert not any("404" in loc for loc in entries)
    charter = entries["https://vitrine.example/en/charte/"].find(f"{SITEMAP}lastmod")
    assert charter is not None and charter.text == "2026-11-22", "lastmod comes from the content's `updated:`"
    assert lille.find(f"{SITEMAP}lastmod") is None, "no content date, no lastmod (never the build clock)"


def test_language_404_pages(sample_site: Path) -> None:
    for language, title in (("fr", "Page introuvable"), ("de", "Seite nicht gefunden"), ("he", "הדף לא נמצא")):
        page = parse(sample_site / language / "404.html")
        assert page.html["lang"] == language
        assert page.h1 is not None and page.h1.get_text(strip=True) == title
        base = page.select_one("head base")
        assert base is not None and base["href"] == f"/{language}/404.html"
    root = parse(sample_site / "404.html")
    homes = {a["hreflang"]: a["href"] for a in root.select(".vt-languages a")}
    assert homes == {code: f"/{code}/" for code in SITE_LANGUAGES}


# Fallbacks, in a small project with an untranslated page -------------------------------


def test_untranslated_editorial_page_falls_back_to_french(project: Project) -> None:
    project.write("content/fr/charte.md", "---\ntitle: La charte\nnav_order: 20\n---\n\nHuit critères.\n")
    result = project.build()
    assert result.returncode == 0, result.stderr
    page = project.html("en/charte/index.html")
    assert page.html["lang"] == "fr", "the page declares the language of the text it shows"
    notice = page.select_one(".vt-notice")
    assert notice is not None and notice["lang"] == "en" and "shown in French" in notice.get_text()
    assert "Huit critères." in page.select_one("article").get_text()
    assert search_placeholder(page) == "Search"
    hebrew = project.html("he/charte/index.html")
    assert hebrew.html["lang"] == "fr" and hebrew.body["dir"] == "ltr"
    assert hebrew.select_one(".vt-notice")["dir"] == "rtl"
    assert page.select_one("link[rel=canonical]")["href"] == "https://vitrine.example/fr/charte/"
    assert not page.select("link[rel=alternate][hreflang]")
    assert "charte" not in sitemap_of(project.site, "en")
    fr_group = _hreflang(project.site / "fr" / "charte" / "index.html")
    assert fr_group == {}, "a page with no real translation has no hreflang group"
    search = json.loads((project.site / "en" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not any(doc["location"].startswith("charte/") for doc in search["docs"])
    nav = [a.get_text(strip=True) for a in page.select("nav.md-nav--primary a.md-nav__link")]
    assert "La charte" in nav


def test_amounts_follow_each_language_customs(project: Project) -> None:
    assert project.build().returncode == 0
    amounts = {
        language: project.html(f"{language}/quartiers/test/index.html")
        .select_one('tr[data-indicator="funds-raised"] td')
        .get_text(strip=True)
        for language in ("fr", "en", "de", "ja")
    }
    assert amounts == {"fr": "200\u202f000\u202f000\xa0€", "en": "€200,000,000", "de": "200.000.000\xa0€", "ja": "€2億"}


def test_missing_record_field_falls_back_field_by_field(project: Project) -> None:
    result = project.build()
    assert result.returncode == 0, result.stderr
    tagline = project.html("de/quartiers/test/index.html").select_one(".vt-tagline span[lang=fr]")
    assert tagline is not None and tagline.get_text() == "Un quartier d'essai." and not tagline.has_attr("dir")
    # In a right-to-left page the French text runs left to right: its full stop stays at its end.
    hebrew = project.html("he/quartiers/test/index.html").select_one(".vt-tagline span[lang=fr]")
    assert hebrew is not None and hebrew.get("dir") == "ltr" and hebrew.get_text() == "Un quartier d'essai."
    english = project.html("en/quartiers/test/index.html").select_one(".vt-tagline")
    assert (
        english is not None and english.get_text(strip=True) == "A test quarter." and not english.select("span[lang]")
    )


def test_sample_keeps_some_translations_missing_on_purpose() -> None:
    assert not (REPO / "champions" / "sigfox" / "ja.md").exists()
    assert not (REPO / "quartiers" / "tokyo" / "he.md").exists()


def test_a_language_is_added_with_content_and_catalogue_only(project: Project) -> None:
    config = (project.root / "mkdocs.yml").read_text()
    (project.root / "mkdocs.yml").write_text(
        config.replace(
            "        - {code: en, name: English}\n",
            "        - {code: en, name: English}\n        - {code: it, name: Italiano}\n",
        )
    )
    project.write("content/it/index.md", "---\ntitle: Vitrine\nnav_order: 1\n---\n\nBenvenuti.\n")
    result = project.build()
    assert result.returncode == 0, result.stderr
    page = project.html("it/quartiers/test/index.html")
    assert page.html["lang"] == "it"
    assert search_placeholder(page) == "Cerca"
    assert page.select_one('tr[data-indicator="funds-raised"] td').get_text(strip=True) == "200.000.000\xa0€"
    assert json.loads((project.site / "it/search/search_index.json").read_text())["config"]["lang"] == ["it"]


def test_unknown_language_code_is_refused(project: Project) -> None:
    config = (project.root / "mkdocs.yml").read_text()
    (project.root / "mkdocs.yml").write_text(
        config.replace(
            "        - {code: en, name: English}\n",
            "        - {code: en, name: English}\n        - {code: xx, name: Nowhere}\n",
        )
    )
    result = project.build()
    assert result.returncode == 1
    assert "language 'xx' is unknown to Babel or mkdocs-material" in result.stderr + result.stdout
