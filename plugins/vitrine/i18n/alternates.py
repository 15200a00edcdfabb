"""Which page is "the same page" in another language.

Every page lives at `<lang>/<key>`; the same `key` in another language is its
translation. A page that is only a French fallback is not a translation: the
switcher may land on it, but hreflang and sitemaps leave it out.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field

HOME_KEY = "index.md"
"""The key of each language's home page."""


def split_uri(src_uri: str, languages: Iterable[str]) -> tuple[str | None, str]:
    """`de/quartiers/lille.md` -> (`de`, `quartiers/lille.md`); pages outside a language -> (None, uri)."""
    head, _, rest = src_uri.partition("/")
    return (head, rest) if rest and head in set(languages) else (None, src_uri)


def parents(key: str) -> list[str]:
    """`key` then the index pages above it, nearest first, ending with `index.md`."""
    chain = [key]
    folder = posixpath.dirname(key)
    if posixpath.basename(key) == "index.md":
        folder = posixpath.dirname(folder)
    while True:
        index = posixpath.join(folder, "index.md") if folder else "index.md"
        if index not in chain:
            chain.append(index)
        if not folder:
            return chain
        folder = posixpath.dirname(folder)


@dataclass
class PageIndex:
    """Pages per (language, key), and which of them are French fallbacks."""

    languages: tuple[str, ...]
    urls: dict[tuple[str, str], str] = field(default_factory=dict)
    fallbacks: set[tuple[str, str]] = field(default_factory=set)
    unlisted: set[str] = field(default_factory=lambda: {"404.md"})
    """Keys that exist in every language but are no content: no hreflang group, no sitemap entry."""
    updated: dict[tuple[str, str], str] = field(default_factory=dict)
    """ISO date a page's text last changed, from its content (never the build clock)."""
    root: str | None = None
    """URL of the site root (the page that sends a visitor to a language's home), if the site has one."""

    def add(self, language: str, key: str, url: str, *, fallback: bool = False) -> None:
        self.urls[(language, key)] = url
        if fallback:
            self.fallbacks.add((language, key))

    def listed(self, language: str, key: str) -> bool:
        """A page of its language's own: neither a French fallback nor an unlisted page."""
        return (language, key) in self.urls and (language, key) not in self.fallbacks and key not in self.unlisted

    def lastmod(self, language: str, key: str) -> str | None:
        return self.updated.get((language, key)) or self.updated.get((self.languages[0], key))

    def nearest(self, language: str, key: str) -> str | None:
        """URL of the page in `language`, or of its nearest parent there."""
        url = self.urls.get((language, key))
        if url is not None:  # most pages exist in every language: no need for the parents
            return url
        for candidate in parents(key):
            if (language, candidate) in self.urls:
                return self.urls[(language, candidate)]
        return None

    def x_default(self, key: str) -> str | None:
        """The page for visitors whose language the group lacks; None when `key` has no group.

        The homes' group points at the site root, the door to every language; any other group at
        its French page (the source, always complete), or its first page if it has no French one.
        Every page of a group names the same one, in its head and in the sitemaps.
        """
        group = self.translations(key)
        if key == HOME_KEY and self.root is not None and group:
            return self.root
        if len(group) < 2:
            return None
        return group.get(self.languages[0], next(iter(group.values())))

    def translations(self, key: str) -> dict[str, str]:
        """Real translations of `key` (fallbacks excluded), language -> URL, in site order."""
        return {language: self.urls[(language, key)] for language in self.languages if self.listed(language, key)}
