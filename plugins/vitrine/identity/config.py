"""Options of the `vitrine/identity` plugin."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as opt


class IdentityConfig(base.Config):
    enabled = opt.Type(bool, default=True)
    """Turn the identity off (Material's defaults then apply: for tests of the theme only)."""
    tokens = opt.Type(str, default="identity.yml")
    """The identity file, relative to mkdocs.yml."""
    packages = opt.Type(str, default="node_modules")
    """Where npm installed the font packages named in the tokens (`npm ci`)."""
