"""Editorial pages in `content/<lang>/`: front matter checked like records.

MkDocs renders invalid front matter as page text, even under `--strict`; we
read it first with the strict YAML reader and report it as a content error.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import ContentError
from .markup import check_markdown
from .records import PageMeta
from .validate import validate
from .yamlsource import split_front_matter

FALLBACK = "vitrine/catalogue:fallback"
EMPTY_PAGE_HINT = "write its text (and a title: line in its front matter), or delete the file"
"""Marks a generated page that shows the French text of an untranslated editorial page."""


def read_page_meta(
    path: Path, rel: str, languages: tuple[str, ...], *, page_dir: str = ".", snippets: bool = False
) -> tuple[PageMeta | None, list[ContentError], list[ContentError]]:
    """Front matter, errors (including off-identity markup) and warnings (unsafe markup).

    `page_dir` is the page's folder inside docs_dir, `snippets` whether pymdownx.snippets is on.
    """
    raw = path.read_bytes()
    located, body, errors = split_front_matter(raw, rel)
    if errors:
        return None, errors, []
    if located is None and not body.strip():  # a save that lost everything, not a page
        return None, [ContentError(rel, 1, 0, "", "the page is empty", EMPTY_PAGE_HINT)], []
    markup_errors, warnings = check_markdown(raw, body, rel, page_dir=page_dir, snippets=snippets)
    if located is None:
        return (PageMeta() if not markup_errors else None), markup_errors, warnings
    meta, errors = validate(PageMeta, located, rel, {"languages": languages})
    return meta, errors + markup_errors, warnings


def check_editorial(
    docs_dir: Path, src_uris: Iterable[str], rel_prefix: str, languages: tuple[str, ...], *, snippets: bool = False
) -> tuple[dict[str, PageMeta], list[ContentError], list[ContentError]]:
    """Front matter of every Markdown page, keyed by `src_uri`, plus every error and warning."""
    metas: dict[str, PageMeta] = {}
    errors: list[ContentError] = []
    warnings: list[ContentError] = []
    for src_uri in src_uris:
        rel = f"{rel_prefix}/{src_uri}"
        head = src_uri.split("/", 1)[0]
        if "/" not in src_uri or head not in languages:
            errors.append(
                ContentError(
                    rel,
                    0,
                    0,
                    "",
                    "page is outside a language folder",
                    f"move it to {rel_prefix}/fr/ (or another language)",
                )
            )
            continue
        meta, file_errors, file_warnings = read_page_meta(
            docs_dir / src_uri, rel, languages, page_dir=posixpath.dirname(src_uri), snippets=snippets
        )
        errors.extend(file_errors)
        warnings.extend(file_warnings)
        if meta is not None:
            metas[src_uri] = meta
    return metas, errors, warnings


def plan_fallbacks(pages: Iterable[str], languages: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    """(missing translation, French page) for every editorial page absent from a language."""
    present = set(pages)
    source = languages[0]
    for src_uri in sorted(present):
        if not src_uri.startswith(f"{source}/"):
            continue
        rest = src_uri.removeprefix(f"{source}/")
        for language in languages[1:]:
            if f"{language}/{rest}" not in present:
                yield f"{language}/{rest}", src_uri
