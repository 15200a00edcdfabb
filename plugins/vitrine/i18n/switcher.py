"""What a page offers to move between languages: switcher, hreflang, canonical."""

from __future__ import annotations

from dataclasses import dataclass

from .alternates import HOME_KEY, PageIndex, split_uri


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    dir: str = "ltr"


@dataclass(frozen=True)
class Alternate:
    code: str
    name: str
    url: str
    current: bool


@dataclass(frozen=True)
class PageTranslations:
    language: str | None
    """The page's language; None for the site root."""
    home: str
    switch: list[Alternate]
    hreflang: list[tuple[str, str]]
    """(language or x-default, URL) of the real translations; empty on a fallback page."""
    canonical: str | None
    """On a fallback page, the URL of the French page it shows."""
    search_base: str | None
    """Folder whose `search/search_index.json` holds this language's pages."""
    outdated: bool = False
    """The translation shown was made from an older version of the French text."""

    def __bool__(self) -> bool:
        return True


def page_translations(
    src_uri: str, languages: list[Language], index: PageIndex, outdated: set[tuple[str, str]] | None = None
) -> PageTranslations:
    codes = [language.code for language in languages]
    source = codes[0]
    language, key = split_uri(src_uri, codes)
    if language is None:  # the site root: a door to every language's home
        homes = index.translations(HOME_KEY)
        switch = [Alternate(lang.code, lang.name, homes[lang.code], False) for lang in languages if lang.code in homes]
        return PageTranslations(None, "", switch, _hreflang(index, HOME_KEY), None, None)
    switch = []
    for lang in languages:
        target = index.nearest(lang.code, key)
        if target is not None:
            switch.append(Alternate(lang.code, lang.name, target, lang.code == language))
    fallback = (language, key) in index.fallbacks
    hreflang = [] if fallback else _hreflang(index, key)
    canonical = index.urls.get((source, key)) if fallback else None
    home = index.nearest(language, HOME_KEY) or f"{language}/"
    stale = (language, key) in (outdated or set()) and not fallback
    return PageTranslations(language, home, switch, hreflang, canonical, f"{language}/", stale)


def _hreflang(index: PageIndex, key: str) -> list[tuple[str, str]]:
    """(language or x-default, URL): the same list on every page of the group."""
    default = index.x_default(key)
    return [] if default is None else [*index.translations(key).items(), ("x-default", default)]
