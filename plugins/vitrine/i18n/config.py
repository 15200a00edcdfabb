"""Options of the `vitrine/i18n` plugin. Languages themselves are declared once,
under `vitrine/catalogue` in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as opt


class I18nConfig(base.Config):
    enabled = opt.Type(bool, default=True)
    """Turn off switcher, hreflang, per-language search and sitemaps."""
