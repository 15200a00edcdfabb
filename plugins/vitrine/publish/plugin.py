"""The `vitrine/publish` plugin: hooks only.

on_startup     remember the command and --dirty: a dirty build keeps the folder it updates
on_config      point the build at a fresh staging folder beside site_dir; record warnings
on_serve       a failed rebuild keeps the last good pages served and shows its errors on them
on_nav         (last) keep the final navigation, which the page workers render with
on_env         (last) fork the workers that render page templates on the other cores
on_page_context (first) a page a worker renders gets its template back before any hook reads it
on_post_page   (serve) add the script that shows a failed rebuild's errors
on_post_build  (first) wait for the workers and log their warnings;
               (last of all) write the security headers, refuse strict warnings and an oversized
               site, then swap the staging folder in
on_build_error stop the workers, discard the staging folder: the previous site stays as it was
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from jinja2 import Environment
from mkdocs.commands.build import _build_page  # MkDocs' own page builder, for the forked workers
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from . import parallel
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
        self.nav: Navigation | None = None
        self.workers: parallel.Workers | None = None

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

    @event_priority(-1000)
    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        """Priority -1000: the navigation as every other plugin left it, the one pages are built with."""
        self.nav = nav
        return None

    @event_priority(-1000)
    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment | None:
        """Priority -1000: every page is converted and the environment final; fork the page workers."""
        processes = self.config.workers or parallel.default_workers()
        if self.command == "serve" or self.dirty or not parallel.available() or self.nav is None:
            return None
        nav, pages = self.nav, files.documentation_pages(inclusion=InclusionLevel.is_included)

        def render(page: Page) -> None:
            _build_page(page, config, pages, nav, env, excluded=page.file.inclusion.is_excluded())

        self.workers = parallel.start([file.page for file in pages if file.page], env, render, processes)
        if self.workers is not None:
            log.info(f"pages: {len(pages)} rendered by {processes} processes")
        return env

    @event_priority(1000)
    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        """Priority 1000, before every other hook: a page a worker renders gets its template back."""
        if self.workers is not None:
            self.workers.restore(page)
        return None

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Priority 0. Preview pages only: show a failed rebuild's errors on the last good pages."""
        if not self.script or "</body>" not in output:
            return None
        head, _, tail = output.rpartition("</body>")
        return f"{head}{self.script}</body>{tail}"

    @event_priority(1000)
    def _on_post_build_join(self, *, config: MkDocsConfig) -> None:
        """Priority 1000, before any plugin reads the site: the workers' pages are all written."""
        if self.workers is None:
            return
        failures, self.workers = self.workers.join(), None
        if failures:
            raise PluginError("pages could not be rendered:\n  " + "\n  ".join(failures))

    @event_priority(-1000)
    def _on_post_build_publish(self, *, config: MkDocsConfig) -> None:
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

    on_post_build = CombinedEvent(_on_post_build_join, _on_post_build_publish)

    def on_build_error(self, *, error: Exception) -> None:
        if self.workers is not None:
            self.workers.kill()
            self.workers = None
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
