"""One short navigation per language.

MkDocs builds a single navigation from every file; Material then renders all
of it into every page, which is quadratic with thousands of record pages. We
keep only editorial pages and the two directories, grouped per language, and
each page is rendered with its own language's navigation.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Hashable, Iterable

from markupsafe import Markup
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

LAST = 10_000


def language_of(src_uri: str, languages: Iterable[str], default: str) -> str:
    head = src_uri.split("/", 1)[0]
    return head if "/" in src_uri and head in set(languages) else default


def build_navigations(
    pages: Iterable[Page],
    languages: dict[str, str],
    order_of: Callable[[Page], int | None],
    default_language: str,
) -> tuple[Navigation, dict[str, Navigation]]:
    """The site-wide navigation (a section per language) and each language's own.

    `languages` maps code -> native name, in the order of mkdocs.yml; pages whose
    `order_of` is None are left out of navigation (records, the root page).
    """
    chosen: dict[str, list[tuple[int, str, Page]]] = {code: [] for code in languages}
    for page in pages:
        order = order_of(page)
        if order is None:
            # Out of every navigation: no neighbours and no section. MkDocs linked each page to its
            # neighbours in the folder listing it makes first, across kinds and languages.
            page.parent, page.previous_page, page.next_page = None, None, None
            continue
        code = language_of(page.file.src_uri, languages, default_language)
        chosen[code].append((order, page.file.src_uri, page))
    per_language: dict[str, Navigation] = {}
    for code, entries in chosen.items():
        ordered = [page for _, _, page in sorted(entries, key=lambda item: (item[0], item[1]))]
        _link_siblings(ordered)
        per_language[code] = Navigation(list(ordered), ordered)
    sections = [Section(languages[code], list(nav.pages)) for code, nav in per_language.items()]
    everything = [page for nav in per_language.values() for page in nav.pages]
    return Navigation(sections, everything), per_language


def _link_siblings(pages: list[Page]) -> None:
    for i, page in enumerate(pages):
        page.parent = None
        page.previous_page = pages[i - 1] if i > 0 else None
        page.next_page = pages[i + 1] if i + 1 < len(pages) else None


def fragment_key(page_url: str, language: str, nav: Navigation) -> tuple[str, str, int] | None:
    """What the page's navigation, header tools and footer depend on, or None if it is in them.

    A page outside its language's navigation (a record page) shows no active item and no table
    of contents there, and every link in those parts is relative to the page's folder. Pages
    whose folders are siblings write every such link alike (`../../quartiers/` from any
    champion), so those parts are rendered once per language and parent folder.
    """
    folder = page_url if not page_url or page_url.endswith("/") else posixpath.dirname(page_url) + "/"
    for item in nav.pages:
        if item.url == page_url or (folder and item.url.startswith(folder)):
            return None
    trimmed = folder.rstrip("/")
    return language, posixpath.dirname(trimmed), trimmed.count("/") + (1 if trimmed else 0)


class Fragments:
    """Template fragments shared by many pages, rendered once per build and key."""

    def __init__(self) -> None:
        self.rendered: dict[Hashable, Markup] = {}

    def __call__(self, name: str, key: Hashable | None, caller: Callable[[], str]) -> Markup:
        if key is None:
            return Markup(caller())
        if (name, key) not in self.rendered:
            self.rendered[(name, key)] = Markup(caller())
        return self.rendered[(name, key)]
