"""Sharing and search engines: JSON-LD (schema.org) on record pages, Open Graph and canonical
links on every page, read from the built sample site as a crawler reads them."""

from __future__ import annotations

import html as html_lib
import json
import re
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from babel.core import LOCALE_ALIASES
from tests.conftest import REPO, SITE_LANGUAGES, parse
from tests.helpers import SITE_URL, sitemap_of

from vitrine.model.catalogue import load_catalogue
from vitrine.showcase.jsonld import script_text

SAMPLE = load_catalogue(REPO, SITE_LANGUAGES)
POST = sorted(p.stem for p in (REPO / "content" / "fr" / "news").glob("*.md") if p.name != "index.md")[0]
_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
_CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)">')
_OG_URL = re.compile(r'<meta property="og:url" content="([^"]+)">')
_DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)">')

# The schema.org properties each type may use here (schema.org/Place, /Organization, /WebPage).
PLACE = {"@context", "@type", "@id", "name", "description", "url", "geo", "address", "sameAs", "mainEntityOfPage"}
ORGANIZATION = PLACE - {"geo"} | {"foundingDate", "location"}
WEB_PAGE = {"@type", "@id", "url", "name", "inLanguage", "breadcrumb"}
ADDRESS = {"@type", "addressLocality", "addressRegion", "addressCountry"}


def json_ld(html: str) -> list[dict[str, Any]]:
    return [json.loads(block) for block in _LD.findall(html)]


def read(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


# JSON-LD ---------------------------------------------------------------------------------


@pytest.mark.parametrize("language", SITE_LANGUAGES)
def test_every_record_page_describes_its_entity(sample_site: Path, language: str) -> None:
    kinds = (
        ("quartiers", SAMPLE.quartiers, "Place", PLACE),
        ("champions", SAMPLE.champions, "Organization", ORGANIZATION),
    )
    for folder, entries, kind, allowed in kinds:
        for slug in entries:
            html = read(sample_site, f"{language}/{folder}/{slug}")
            blocks = json_ld(html)
            assert len(blocks) == 1, (language, slug)
            data = blocks[0]
            assert data["@context"] == "https://schema.org" and data["@type"] == kind
            assert set(data) <= allowed and {"name", "description", "url", "address", "mainEntityOfPage"} <= set(data)
            canonical = _CANONICAL.search(html)
            assert (
                canonical is not None and data["url"] == canonical.group(1) == f"{SITE_URL}{language}/{folder}/{slug}/"
            )
            description = _DESCRIPTION.search(html)
            assert description is not None and data["description"] == html_lib.unescape(description.group(1))
            assert data["@id"] == f"{SITE_URL}fr/{folder}/{slug}/#{kind.lower()}"
            page = data["mainEntityOfPage"]
            assert set(page) <= WEB_PAGE and page["@type"] == "WebPage"
            assert page["inLanguage"] == language and page["url"] == data["url"]
            assert set(data["address"]) <= ADDRESS and data["address"]["@type"] == "PostalAddress"


def test_place_of_a_quartier(sample_site: Path) -> None:
    lille = SAMPLE.quartiers["lille"].record
    ids = set()
    for language in ("fr", "en", "ja", "he"):
        html = read(sample_site, f"{language}/quartiers/lille")
        (data,) = json_ld(html)
        assert re.search(rf'<html lang="{language}"', html)
        assert data["name"] == "Lille is French Tech"
        assert data["description"] == (lille.tagline.get(language) or lille.tagline["fr"])
        assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 50.6335, "longitude": 3.0206}
        assert data["address"] == {
            "@type": "PostalAddress",
            "addressLocality": "Lille",
            "addressRegion": "Hauts-de-France",
            "addressCountry": "FR",
        }
        assert data["sameAs"] == ["https://www.euratechnologies.com"]
        ids.add(data["@id"])
    assert ids == {f"{SITE_URL}fr/quartiers/lille/#place"}, "one entity, whatever the language of the page"


def test_organization_of_a_champion(sample_site: Path) -> None:
    (data,) = json_ld(read(sample_site, "en/champions/doctolib"))
    assert data["@type"] == "Organization" and data["name"] == "Doctolib"
    assert data["foundingDate"] == "2013"
    assert data["address"] == {"@type": "PostalAddress", "addressLocality": "Paris", "addressCountry": "FR"}
    assert data["sameAs"] == ["https://www.doctolib.fr"]
    assert data["description"] == SAMPLE.champions["doctolib"].record.description["en"]
    # Its quartier is the Place the quartier's own pages describe.
    (paris,) = json_ld(read(sample_site, "en/quartiers/paris"))
    assert data["location"] == [{"@id": paris["@id"]}]


def test_other_pages_carry_no_entity(sample_site: Path) -> None:
    for path in ("fr", "en/charte", "fr/quartiers", "en/champions", "en/news", f"fr/news/{POST}", "de/gouvernance"):
        assert json_ld(read(sample_site, path)) == [], path


def test_json_ld_text_cannot_close_its_script_element() -> None:
    data = {"@context": "https://schema.org", "name": "A </script><script>alert(1)</script> & <b>"}
    text = script_text(data)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == data


# Open Graph and canonical links ------------------------------------------------------------

PAGE_TYPES = {
    "home": "fr/",
    "editorial": "en/charte/",
    "quartier": "ja/quartiers/lille/",
    "champion": "he/champions/doctolib/",
    "quartiers-directory": "de/quartiers/",
    "champions-directory": "es/champions/",
    "news-index": "en/news/",
    "news-post": f"fr/news/{POST}/",
    "data": "de/donnees-ouvertes/",
    "calendar": "ja/gouvernance/",
}


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_open_graph_and_canonical_of_each_page_type(sample_site: Path, path: str) -> None:
    page = parse(sample_site / path / "index.html")
    language = path.split("/", 1)[0]

    def meta(name: str) -> str:
        tag = page.head.select_one(f'meta[property="{name}"]')  # type: ignore[union-attr]
        assert tag is not None, name
        return str(tag["content"])

    canonical = page.head.select_one('link[rel="canonical"]')  # type: ignore[union-attr]
    assert canonical is not None and canonical["href"] == f"{SITE_URL}{path}"
    assert meta("og:url") == canonical["href"]
    assert meta("og:type") == ("article" if path.startswith("fr/news/2") else "website")
    h1 = page.select_one("article h1")
    assert h1 is not None and meta("og:title") == h1.get_text(strip=True)
    description = page.head.select_one('meta[name="description"]')  # type: ignore[union-attr]
    assert description is not None and meta("og:description") == description["content"] != ""
    assert meta("og:locale") == LOCALE_ALIASES[language]
    assert meta("og:site_name") == "Vitrine · Quartiers numériques"
    image = meta("og:image")
    assert image.startswith(SITE_URL) and (sample_site / image.removeprefix(SITE_URL)).is_file()


def test_texts_with_quotes_stay_whole_in_attributes(sample_site: Path) -> None:
    """Toulouse's tagline quotes "Pink City": crawlers and previews must read all of it."""
    tagline = SAMPLE.quartiers["toulouse"].record.tagline["en"]
    assert '"' in tagline
    head = parse(sample_site / "en" / "quartiers" / "toulouse" / "index.html").head
    assert head is not None
    for selector in ('meta[name="description"]', 'meta[property="og:description"]'):
        tag = head.select_one(selector)
        assert tag is not None and tag["content"] == tagline, selector


def test_every_listed_page_has_its_canonical_and_og_url(sample_site: Path) -> None:
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    checked = 0
    for language in SITE_LANGUAGES:
        sitemap = ElementTree.fromstring(sitemap_of(sample_site, language))
        for loc in sitemap.iterfind("s:url/s:loc", namespace):
            address = loc.text or ""
            html = read(sample_site, address.removeprefix(SITE_URL).rstrip("/"))
            canonical, og_url = _CANONICAL.search(html), _OG_URL.search(html)
            assert canonical is not None and og_url is not None, address
            assert canonical.group(1) == og_url.group(1) == address
            checked += 1
    assert checked > 300
