"""One short navigation per language.

MkDocs builds a single navigation from every file; Material then renders all
of it into every page, which is quadratic with thousands of record pages. We
keep only editorial pages and the two directories, grouped per language, and
each page is rendered with its own language's navigation.

Its top level is the header's tabs: the home, the directories, the map, the
news, and two sections editors fill with `nav_section:` (the network's story,
and the pages about the site itself). On wide screens an editorial page's
sidebar shows only its own section (Material's `navigation.tabs`).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass

from markupsafe import Markup
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

LAST = 10_000


@dataclass(frozen=True)
class Place:
    """Where a page sits in its language's navigation: its order, and its section if any."""

    order: int
    section: str | None = None


def language_of(src_uri: str, languages: Iterable[str], default: str) -> str:
    head = src_uri.split("/", 1)[0]
    return head if "/" in src_uri and head in set(languages) else default


def build_navigations(
    pages: Iterable[Page],
    languages: dict[str, str],
    place_of: Callable[[Page], Place | None],
    section_title: Callable[[str, str], str],
    default_language: str,
) -> tuple[Navigation, dict[str, Navigation]]:
    """The site-wide navigation (a section per language) and each language's own.

    `languages` maps code -> native name, in the order of mkdocs.yml; pages whose
    `place_of` is None are left out of navigation (records, the root page). Pages of one
    section are grouped under `section_title(language, section)`, where its first page is.
    """
    chosen: dict[str, list[tuple[Place, str, Page]]] = {code: [] for code in languages}
    for page in pages:
        place = place_of(page)
        if place is None:
            # Out of every navigation: no neighbours and no section. MkDocs linked each page to its
            # neighbours in the folder listing it makes first, across kinds and languages.
            page.parent, page.previous_page, page.next_page = None, None, None
            continue
        code = language_of(page.file.src_uri, languages, default_language)
        chosen[code].append((place, page.file.src_uri, page))
    per_language: dict[str, Navigation] = {}
    for code, entries in chosen.items():
        entries.sort(key=lambda item: (item[0].order, item[1]))
        ordered = [page for _, _, page in entries]
        _link_siblings(ordered)
        per_language[code] = Navigation(_grouped(entries, code, section_title), ordered)
    sections = [Section(languages[code], list(nav.items)) for code, nav in per_language.items()]
    everything = [page for nav in per_language.values() for page in nav.pages]
    return Navigation(sections, everything), per_language


def _grouped(
    entries: list[tuple[Place, str, Page]], language: str, section_title: Callable[[str, str], str]
) -> list[Page | Section]:
    """The language's top level: pages, and a section per `nav_section` where its first page is."""
    items: list[Page | Section] = []
    sections: dict[str, Section] = {}
    for place, _, page in entries:
        if place.section is None:
            items.append(page)
            continue
        section = sections.get(place.section)
        if section is None:
            section = sections[place.section] = Section(section_title(language, place.section), [])
            items.append(section)
        section.children.append(page)
        page.parent = section
    return items


def current_tab(nav: Navigation, page_url: str, parent_url: str | None) -> str | None:
    """The address of the header tab a page belongs to, or None.

    A page of the navigation belongs to its own item or section; a page outside it (a record, a
    news post) to the item with the longest address its own starts with, else to `parent_url`
    (the directory that lists it, as its breadcrumbs say). The home's address starts every
    address of its language: it counts only for itself."""
    best: tuple[int, str] | None = None
    for position, item in enumerate(nav.items):
        pages = _pages_of(item)
        if not pages:
            continue
        for page in pages:
            if page.url == page_url:
                return pages[0].url
            if position and page.url and page_url.startswith(page.url) and (best is None or len(page.url) > best[0]):
                best = (len(page.url), pages[0].url)
    return best[1] if best is not None else parent_url


def _pages_of(item: object) -> list[Page]:
    if isinstance(item, Section):
        return [child for child in item.children if isinstance(child, Page)]
    return [item] if isinstance(item, Page) else []


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
