"""The `vitrine/publish` plugin: hooks only.

on_startup     remember the command: `mkdocs serve` keeps its own temporary site
on_config      point the build at a fresh staging folder beside site_dir
on_post_build  (last of all) swap the staging folder in
on_build_error discard the staging folder: the previous site stays as it was
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger

from .config import PublishConfig
from .swap import discard, replace, staging_folder

log = get_plugin_logger(__name__)


class PublishPlugin(BasePlugin[PublishConfig]):
    def __init__(self) -> None:
        self.command: str = "build"
        self.site: Path | None = None
        self.staging: Path | None = None

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.command = command

    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Priority 100: before any plugin reads site_dir."""
        self.site, self.staging = None, None
        if not self.config.enabled or self.command == "serve":
            return None
        self.site = Path(config.site_dir).resolve()
        self.staging = staging_folder(self.site)
        config.site_dir = str(self.staging)
        return config

    @event_priority(-1000)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Priority -1000: after every other plugin has written its files."""
        if self.site is None or self.staging is None:
            return
        replace(self.site, self.staging)
        config.site_dir = str(self.site)
        log.info(f"site replaced: {self.site}")
        self.staging = None

    def on_build_error(self, *, error: Exception) -> None:
        if self.staging is not None:
            discard(self.staging)
            log.error(f"the build failed: {self.site} is left as it was")
            self.staging = None
