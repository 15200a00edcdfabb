"""Options of the `vitrine/publish` plugin."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as opt

from ..options import Bounded
from .gate import DEFAULT_BUDGET_MB

_MOVED = (
    "'{}' is now an option of the vitrine/render plugin: write it under `- vitrine/render:` "
    "in mkdocs.yml instead (README, Speed)"
)


class PublishConfig(base.Config):
    enabled = opt.Type(bool, default=True)
    """Build into a fresh folder and swap it in only after a complete, successful build."""

    # Size budget --------------------------------------------------------------
    site_budget_mb = Bounded(DEFAULT_BUDGET_MB, 1)
    """The whole built site may not exceed this many megabytes (10^6 bytes). The default keeps it under
    the 1 GB that GitHub Pages accepts for a published site (gate.HOST_LIMIT)."""

    # No-change builds ---------------------------------------------------------
    skip_unchanged = opt.Type(bool, default=True)
    """`mkdocs build` leaves site_dir as it is, and says so, when every input is byte for byte what
    the last strict build that published it read, and nobody has changed site_dir since
    (unchanged.py). Off: every build renders every page."""

    # Page size ----------------------------------------------------------------
    compact_html = opt.Type(bool, default=True)
    """Write pages without the theme's indentation: each run of white space holding a line break
    becomes one line break, outside `<pre>`, `<textarea>`, `<script>`, `<style>` and `<code>`
    (compact.py); the page renders exactly as before."""

    source_maps = opt.Type(bool, default=False)
    """Publish the theme's source maps (`assets/**/*.map`, 1.3 MB), which only a browser's developer
    tools ask for (trim.py)."""

    # Security headers ---------------------------------------------------------
    headers = opt.Type(bool, default=True)
    """Write `_headers` and `nginx-security-headers.conf` at the site root (not on `mkdocs serve`):
    HSTS, nosniff, frame-ancestors and a Content-Security-Policy listing the hash of every inline script."""

    # Moved to vitrine/render --------------------------------------------------
    workers = opt.Deprecated(message=_MOVED.format("workers"), removed=True)
    shared_parser = opt.Deprecated(message=_MOVED.format("shared_parser"), removed=True)
