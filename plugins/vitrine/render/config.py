"""Options of the `vitrine/render` plugin."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as opt

from ..options import Bounded


class RenderConfig(base.Config):
    enabled = opt.Type(bool, default=True)
    """`false`: MkDocs renders every page itself, in one process (the output is the same)."""

    workers = Bounded(0, 0, 256)
    """Processes that render page templates on `mkdocs build`, the build's own included: 0 is one
    per core, 1 renders every page in the build's process. `mkdocs serve`, `--dirty` and systems
    without `fork` always use one."""

    shared_parser = opt.Type(bool, default=True)
    """Convert every page's Markdown with one Python-Markdown parser, reset between pages (MkDocs
    makes one per page, which costs more than the conversion). `false` for a Markdown extension
    that keeps state from one page to the next without a `reset()`."""

    watcher = opt.Choice(("native", "polling"), default="native")
    """`mkdocs serve`: how edits are noticed. `native`: the system's file events (inotify on
    Linux), through watchdog's own observer; `polling`: MkDocs' observer, which lists and stats
    every watched file twice a second (half a core and up to a second's delay at 50,000 pages).
    `native` falls back to polling, with one line in the log, where the system cannot watch
    every folder."""

    quick_preview = opt.Type(bool, default=True)
    """`mkdocs serve`: after an edit of record texts, render the edited records' pages first, then
    the whole site in another process. `false`: MkDocs' full rebuild after every edit."""

    reuse_pages = opt.Type(bool, default=True)
    """`mkdocs build`: a page whose inputs (its text, its record and what it shows of others, the
    templates, translations, navigation and settings) are those of its file in the site being
    replaced is not rendered again; that file is taken over (reuse.py). `false`: every page is
    rendered at every build. The site is the same byte for byte either way."""

    keep_conversions = opt.Type(bool, default=True)
    """`mkdocs build` and serve's full preview build: a page whose Markdown, place, settings and site
    files are those of a page an earlier build converted is not converted again; that conversion is
    taken from the build cache (conversions.py). `false`: every page is converted at every build.
    The site is the same byte for byte either way."""
