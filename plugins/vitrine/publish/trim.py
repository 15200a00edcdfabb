"""The theme's files no visitor's browser asks for, left out of the published site. Independent of MkDocs.

Material ships a source map beside its script bundle, its search worker and its stylesheets
(1.3 MB in 9.x): browsers fetch one only when its developer tools are open, to show the
unminified source. A project that wants them sets `source_maps: true` (vitrine/publish).
"""

from __future__ import annotations

from pathlib import Path


def from_theme(source: str | None, docs_dir: Path) -> bool:
    """A file of the theme (its `abs_src_path`), not one of the project's pages or assets: a file this
    project wrote is never left out."""
    return source is not None and not Path(source).resolve().is_relative_to(docs_dir)


def is_theme_source_map(src_uri: str, source: str | None, docs_dir: Path) -> bool:
    """A theme's source map: a `.map` file under `assets/`, not from the project's own pages."""
    return src_uri.startswith("assets/") and src_uri.endswith(".map") and from_theme(source, docs_dir)
