"""Options of the `vitrine/publish` plugin."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as opt


class PublishConfig(base.Config):
    enabled = opt.Type(bool, default=True)
    """Build into a fresh folder and swap it in only after a complete, successful build."""
