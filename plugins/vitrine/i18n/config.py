"""Options of the `vitrine/i18n` plugin. Languages themselves are declared once,
under `vitrine/catalogue` in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as opt


class I18nConfig(base.Config):
    enabled = opt.Type(bool, default=True)
    """Turn off switcher, hreflang, per-language search, sitemaps and translation status."""

    # Translation status
    require = opt.ListOfItems(opt.Type(str), default=[])
    """Languages whose missing or outdated translations are warnings (so `--strict` fails)."""
    glossary = opt.Optional(opt.Type(str))
    """YAML file (beside mkdocs.yml) listing protected terms, never translated: `terms: [...]`."""
    status_page = opt.Type(str, default="translations.md")
    """Where the status report for the editorial team is published (outside every language)."""
