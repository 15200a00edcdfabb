"""The `vitrine/publish` plugin: hooks only.

on_startup     remember the command and --dirty: a dirty build keeps the folder it updates
on_config      point the build at a fresh staging folder beside site_dir; record warnings
on_serve       a failed rebuild keeps the last good pages served and shows its errors on them
on_post_page   (serve) add the script that shows a failed rebuild's errors
on_post_build  (last of all) write the security headers, refuse strict warnings and an oversized
               site, then swap the staging folder in
on_build_error discard the staging folder: the previous site stays as it was
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.pages import Page

from .config import PublishConfig
from .gate import WarningRecorder, over_budget, strict_failure
from .headers import write_headers
from .preview import describe, guarded, status_script, write_status
from .swap import discard, replace, staging_folder

log = get_plugin_logger(__name__)


class PublishPlugin(BasePlugin[PublishConfig]):
    def __init__(self) -> None:
        self.command: str = "build"
        self.dirty = False
        self.site: Path | None = None
        self.staging: Path | None = None
        self.warnings: WarningRecorder | None = None
        self.failure: str | None = None
        self.script = ""

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.command, self.dirty = command, dirty

    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Priority 100: before any plugin reads site_dir. Per-build state is reset here."""
        self.site, self.staging, self.failure = None, None, None
        self._detach()
        if not self.config.enabled or self.dirty:
            return None
        if config.strict:
            self.warnings = WarningRecorder()
            logging.getLogger("mkdocs").addHandler(self.warnings)
        self.script = status_script(urlsplit(config.site_url or "/").path) if self.command == "serve" else ""
        self.site = Path(config.site_dir).resolve()
        self.staging = staging_folder(self.site)
        config.site_dir = str(self.staging)
        return config

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: object
    ) -> LiveReloadServer | None:
        """Priority 0. MkDocs' server hangs after a failed rebuild: ours reports it and keeps serving."""
        if self.config.enabled:
            server.builder = guarded(server.builder, self._rebuild_failed)
        return server

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Priority 0. Preview pages only: show a failed rebuild's errors on the last good pages."""
        if not self.script or "</body>" not in output:
            return None
        head, _, tail = output.rpartition("</body>")
        return f"{head}{self.script}</body>{tail}"

    @event_priority(-1000)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Priority -1000: after every other plugin has written its files, and before MkDocs' strict count."""
        if self.config.headers and self.command != "serve":
            write_headers(Path(config.site_dir))  # into the staging folder, before the budget and the swap
        if self.site is None or self.staging is None:
            return
        if self.warnings is not None and self.warnings.messages:
            raise PluginError(strict_failure(self.warnings.messages))
        too_big = over_budget(self.staging, self.config.site_budget_mb)
        if too_big:
            raise PluginError(too_big)
        self._detach()
        replace(self.site, self.staging)
        config.site_dir = str(self.site)
        log.info(f"site replaced: {self.site}")
        self.staging = None

    def on_build_error(self, *, error: Exception) -> None:
        self.failure = describe(error)
        self._detach()
        if self.staging is not None:
            discard(self.staging)
            log.error(f"the build failed: {self.site} is left as it was")
            self.staging = None

    # Helpers (no hooks below) -------------------------------------------------

    def _detach(self) -> None:
        if self.warnings is not None:
            logging.getLogger("mkdocs").removeHandler(self.warnings)
            self.warnings = None

    def _rebuild_failed(self, error: BaseException) -> None:
        if self.site is not None:
            write_status(self.site, self.failure or describe(error))
        log.error("the last good pages stay served; fix the file and save to rebuild")
