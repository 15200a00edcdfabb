"""Options of the `vitrine/publish` plugin."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as opt

from ..options import Bounded


class PublishConfig(base.Config):
    enabled = opt.Type(bool, default=True)
    """Build into a fresh folder and swap it in only after a complete, successful build."""

    # Size budget --------------------------------------------------------------
    site_budget_mb = Bounded(1000, 1)
    """The whole built site may not exceed this many megabytes (10^6 bytes): a static host has quotas."""

    # Security headers ---------------------------------------------------------
    headers = opt.Type(bool, default=True)
    """Write `_headers` and `nginx-security-headers.conf` at the site root (not on `mkdocs serve`):
    HSTS, nosniff, frame-ancestors and a Content-Security-Policy listing the hash of every inline script."""

    # Rendering ------------------------------------------------------------------
    workers = Bounded(0, 0, 256)
    """Processes that render page templates on `mkdocs build`, the build's own included: 0 is one
    per core, 1 renders every page in the build's process. `mkdocs serve`, `--dirty` and systems
    without `fork` always use one."""

    shared_parser = opt.Type(bool, default=True)
    """Convert every page's Markdown with one Python-Markdown parser, reset between pages (MkDocs
    makes one per page, which costs more than the conversion). `false` for a Markdown extension
    that keeps state from one page to the next without a `reset()`."""
