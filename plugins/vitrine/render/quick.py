"""`mkdocs serve`'s quick pass: after an edit of record texts, only the edited records' pages.

vitrine/catalogue says which generated pages an edit changes (`CataloguePlugin.refresh`, which
loads and checks every record again); they are rendered as the last good build rendered its
pages (its configuration, files, navigation and Jinja environment, kept in `Built`), into a
staging folder beside the served one, then moved in one rename each. Under `--strict` a warning
keeps the served pages as they were. The rest of the site follows in a full build in another
process (followup.py).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation

from .. import siblings
from ..publish.gate import WarningRecorder
from ..publish.swap import discard, move_into, staging_folder
from . import internals


@dataclass(frozen=True)
class Built:
    """What the last good build of this process rendered its pages with."""

    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: Environment


def edited_pages(built: Built, changed: set[Path]) -> list[File] | None:
    """The pages to render again after `changed`; None when a full build is needed."""
    catalogue = siblings.catalogue_if_any(built.config)
    if catalogue is None:
        return None
    return catalogue.refresh(changed, built.files)


def render_into(built: Built, site: Path, files: list[File], recorder: WarningRecorder | None) -> None:
    """Render `files` as the last build would have, into a staging folder; then, unless `recorder`
    (--strict) heard a warning, into `site`."""
    staging = staging_folder(site)
    pages = built.files.documentation_pages(inclusion=InclusionLevel.is_included)
    try:
        for file in files:
            assert file.page is not None
            internals.write_into(file, staging)
            internals.populate_page(file.page, built.config, built.files)
            internals.build_page(file.page, built.config, pages, built.nav, built.env)
        if recorder is not None and recorder.messages:
            raise recorder.failure()
        move_into(site, staging, [file.dest_uri for file in files])
    finally:
        for file in files:
            internals.write_into(file, site)
        discard(staging)


def watched(config: MkDocsConfig, server: LiveReloadServer | None, readable: bool) -> list[Path]:
    """What `mkdocs serve` watches, spelt as it does: once it serves, its own list (the theme too,
    with --watch-theme; `readable`: its private field is there); otherwise what it watches by default."""
    if server is not None and readable:
        return sorted(Path(path) for path in internals.watched_paths(server))
    paths = [config.docs_dir, config.config_file_path, *config.watch]
    return sorted({Path(os.path.abspath(path)) for path in paths})  # noqa: PTH100  # as the server spells them
