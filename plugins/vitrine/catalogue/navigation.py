"""One short navigation per language.

MkDocs builds a single navigation from every file; Material then renders all
of it into every page, which is quadratic with thousands of record pages. We
keep only editorial pages and the two directories, grouped per language, and
each page is rendered with its own language's navigation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

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
