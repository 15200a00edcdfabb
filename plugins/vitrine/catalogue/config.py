"""Options of the `vitrine/catalogue` plugin (see mkdocs.yml)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as opt

from ..options import CACHE_DIR, Bounded


class LanguageConfig(base.Config):
    code = opt.Type(str)
    """Language code known to Babel and mkdocs-material, e.g. `fr`, `ja`, `he`."""
    name = opt.Type(str)
    """The language's own name for itself, shown in the switcher (`Français`)."""
    dir = opt.Choice(("ltr", "rtl"), default="ltr")
    """Writing direction."""


class CatalogueConfig(base.Config):
    enabled = opt.Type(bool, default=True)
    """Turn the whole plugin off (pages from records are then not generated)."""

    # Languages: the first one is the source language (French).
    languages = opt.ListOfItems(opt.SubConfig(LanguageConfig))
    """Every language of the site, declared once."""

    cache_dir = opt.Type(str, default=CACHE_DIR)
    """The build cache (image renditions, share cards, base maps, compiled templates, YAML parses),
    relative to mkdocs.yml; every plugin keeps its part there. Keep it between builds (CI templates
    save `.cache/`: change their path with this option)."""

    # Footer: RGAA compliance status shown on every page.
    accessibility = opt.Choice(("full", "partial", "none"), default="partial")
    """`full`, `partial` or `none`: « totalement / partiellement / non conforme »."""
    accessibility_page = opt.Type(str, default="accessibilite.md")
    """File name, inside each language folder, of the accessibility statement."""

    # Rendering: parts shared by record pages.
    shared_fragments = opt.Type(bool, default=True)
    """Render the navigation, the header's scheme toggle and search form, the footer and Material's
    page configuration once per language and folder for pages outside the navigation. Turn off
    only for a template that makes those parts depend on the page itself."""

    # Dated figures: when they read as old.
    old_after_years = Bounded(5, 1)
    """A figure dated more than this many years before the content date (the newest date the
    content states, see vitrine/showcase) is marked as old where it is shown."""
    compared_from = Bounded(5, 1)
    """A comparison page charts an indicator only when at least this many quartiers report it;
    below, it says the network does not publish that figure in common and lists the values."""
