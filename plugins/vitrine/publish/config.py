"""Options of the `vitrine/publish` plugin."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as opt

from ..options import Bounded

_MOVED = (
    "'{}' is now an option of the vitrine/render plugin: write it under `- vitrine/render:` "
    "in mkdocs.yml instead (README, Speed)"
)


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

    # Moved to vitrine/render --------------------------------------------------
    workers = opt.Deprecated(message=_MOVED.format("workers"), removed=True)
    shared_parser = opt.Deprecated(message=_MOVED.format("shared_parser"), removed=True)
