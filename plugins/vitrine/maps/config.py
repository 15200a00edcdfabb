"""Options of the `vitrine/maps` plugin."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as opt

from ..options import Bounded


class MapsConfig(base.Config):
    enabled = opt.Type(bool, default=True)
    """Turn the map page off."""
    packages = opt.Type(str, default="node_modules")
    """Where npm installed `world-atlas`, the Natural Earth geometry the maps are drawn from (`npm ci`)."""
    page = opt.Type(str, default="carte")
    """Address of the map page inside each language folder: `<lang>/carte/`."""
    nav_order = Bounded(4, 0)
    """Its place in each language's navigation (the directories are 2 and 3)."""
