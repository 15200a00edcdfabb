"""Per-language files written after the build: search indexes and sitemaps.

Material writes one search index for the whole site; visitors of one language
should download and search only their language's pages, with its stemmer. We
split that index by language folder. Sitemaps follow the same split, gzipped, with
an index at the root and hreflang alternates on every entry.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import material

from .alternates import PageIndex

LUNR = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "lunr" / "min"
# Japanese has no spaces between words: its punctuation separates terms too.
SEPARATORS = {"ja": r"[\s\-　、。，．・「」（）]+", "zh": r"[\s\-　、。，．]+"}


NOT_IN_SITEMAP = {"404.md"}


def stemmer(code: str) -> str:
    """The lunr language Material ships for `code`, or English."""
    return code if (LUNR / f"lunr.{code}.min.js").is_file() else "en"


LUNR_FOLDER = "assets/javascripts/lunr/"
"""Where the theme keeps what its search worker loads for languages other than English."""
SEGMENTERS = {"tinyseg.js": {"ja"}, "wordcut.js": {"hi", "th"}}
"""The word segmenters the worker loads, by the languages that need them."""


def unused_search_script(src_uri: str, indexes: Sequence[Sequence[str]]) -> bool:
    """Whether Material's search worker never loads this theme file for these search indexes (each
    given by its lunr languages, `config.lang`). For each index the worker (9.x, `setupSearchLanguages`)
    loads `min/lunr.<code>.min.js` for each language but English, the segmenter of Japanese and of
    Hindi and Thai, `min/lunr.multi.min.js` when the index has several languages, and then
    `min/lunr.stemmer.support.min.js`; nothing for an English-only index."""
    if not src_uri.startswith(LUNR_FOLDER):
        return False
    name = src_uri.removeprefix(LUNR_FOLDER)
    codes = {code for index in indexes for code in index}
    several = any(len(index) > 1 for index in indexes)
    if name in SEGMENTERS:
        return not SEGMENTERS[name] & codes
    if not (name.startswith("min/lunr.") and name.endswith(".min.js")):
        return False
    code = name.removeprefix("min/lunr.").removesuffix(".min.js")
    if code == "stemmer.support":
        return not (several or codes - {"en"})
    if code == "multi":
        return not several
    return code == "en" or code not in codes


def search_languages(codes: Sequence[str], whole: Sequence[str]) -> list[list[str]]:
    """The lunr languages of each index `split_search_index` writes: one per language of the site,
    and the root's, which keeps the search plugin's (`whole`)."""
    return [[stemmer(code)] for code in codes] + [list(whole)]


def split_search_index(site: Path, index: PageIndex) -> list[Path]:
    """Write `<lang>/search/search_index.json` with only that language's own pages."""
    source = site / "search" / "search_index.json"
    if not source.is_file():
        return []
    whole: dict[str, Any] = json.loads(source.read_text(encoding="utf-8"))
    fallback_urls = {index.urls[key] for key in index.fallbacks}
    written = []
    for code in index.languages:
        prefix = f"{code}/"
        docs = [
            {**doc, "location": doc["location"].removeprefix(prefix)}
            for doc in whole["docs"]
            if doc["location"].startswith(prefix) and doc["location"].split("#")[0] not in fallback_urls
        ]
        config = {**whole["config"], "lang": [stemmer(code)]}
        if code in SEPARATORS:
            config["separator"] = SEPARATORS[code]
        path = site / code / "search" / "search_index.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            json.dumps({"config": config, "docs": docs}, ensure_ascii=False, separators=(",", ":")), "utf-8"
        )
        written.append(path)
    # The root page (language choice) searches the source language.
    root_docs = [doc for doc in whole["docs"] if doc["location"].startswith(f"{index.languages[0]}/")]
    source.write_text(_json({**whole, "docs": root_docs}), "utf-8")
    return written


SITEMAP = "sitemap.xml.gz"
"""A language's sitemap, gzipped as the sitemap protocol allows: every entry names its page in each
language, so uncompressed the six took 5.6 of the national site's MB (0.4 gzipped)."""


def write_sitemaps(site: Path, site_url: str, index: PageIndex) -> list[Path]:
    """`<lang>/sitemap.xml.gz` per language (real translations only) and a sitemap index at the root."""
    base = site_url.rstrip("/") + "/"
    written = []
    for code in index.languages:
        keys = sorted(key for (language, key) in index.urls if language == code and index.listed(language, key))
        entries = [_entry(base, index, code, key) for key in keys]
        path = site / code / SITEMAP
        path.write_bytes(gzip.compress(_urlset(entries).encode("utf-8"), mtime=0))  # mtime 0: reproducible
        written.append(path)
    sitemaps = "".join(f"<sitemap><loc>{escape(base + code)}/{SITEMAP}</loc></sitemap>\n" for code in index.languages)
    index_xml = f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{sitemaps}</sitemapindex>\n'
    (site / "sitemap.xml").write_text(index_xml, encoding="utf-8")
    # mkdocs gzipped its own whole-site sitemap: replace it too (mtime 0 keeps builds reproducible).
    (site / "sitemap.xml.gz").write_bytes(gzip.compress(index_xml.encode("utf-8"), mtime=0))
    return written


def _entry(base: str, index: PageIndex, code: str, key: str) -> str:
    own = index.translations(key)
    links = "".join(
        f'<xhtml:link rel="alternate" hreflang={quoteattr(code)} href={quoteattr(base + url)}/>'
        for code, url in own.items()
    )
    default = index.x_default(key)
    if default is not None:
        links += f'<xhtml:link rel="alternate" hreflang="x-default" href={quoteattr(base + default)}/>'
    lastmod = index.lastmod(code, key)
    modified = f"<lastmod>{escape(lastmod)}</lastmod>" if lastmod else ""
    return f"<url><loc>{escape(base + index.urls[(code, key)])}</loc>{modified}{links}</url>"


def _urlset(entries: list[str]) -> str:
    body = "\n".join(entries)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
        f"{body}\n</urlset>\n"
    )


def _json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
