"""The `vitrine/publish` plugin: hooks only.

on_startup     remember the command and --dirty: a dirty build keeps the folder it updates;
               (build) the heap is frozen at the process's exit (collector.py)
on_config      point the build at a fresh staging folder beside site_dir; record warnings;
               (build) pause the cycle collector until the build is over
on_serve       a failed rebuild keeps the last good pages served and shows its errors on them;
               an edit of record texts is rendered on its own pages first (the quick pass),
               the whole site follows in another process (followup.py)
on_pre_page    pages are converted by one Markdown parser for the build (convert.py)
on_nav         (last) keep the final navigation, which the page workers render with
on_env         (last) fork the workers that render page templates on the other cores
on_post_template drop the theme's markup the HTML standard refuses (conformance.py) from its
               static pages (404.html)
on_page_context (first) a page a worker renders gets its template back before any hook reads it
on_post_page   (last) the parent claims its next page (parallel.py); drop the theme's markup the
               HTML standard refuses (conformance.py); hash the page's inline scripts for the CSP;
               (serve) add the script that shows a failed rebuild's errors
on_post_build  (first) wait for the workers and log their warnings;
               (last of all) write the security headers, refuse strict warnings and an oversized
               site, then swap the staging folder in
on_build_error stop the workers, discard the staging folder: the previous site stays as it was
on_shutdown    stop the full preview build in progress; a build cut by Ctrl-C leaves no folder
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol
from urllib.parse import urlsplit

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from .. import rendering
from . import internals, parallel
from .collector import PausedCollector, freeze_at_exit
from .config import PublishConfig
from .conformance import without_toggle_autocomplete
from .convert import Converter
from .followup import Followup, child_command
from .gate import WarningRecorder, over_budget
from .headers import ScriptHashes, write_headers
from .preview import Snapshot, changes, clear_status, describe, guarded, snapshot, status_script, write_status
from .swap import discard, move_into, replace, staging_folder

log = get_plugin_logger(__name__)


class Refresher(Protocol):
    """vitrine/catalogue's side of the quick pass (`CataloguePlugin.refresh`)."""

    def refresh(self, changed: set[Path], files: Files) -> list[File] | None: ...


@dataclass(frozen=True)
class Built:
    """What the last good build of this process rendered its pages with."""

    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: Environment


class PublishPlugin(BasePlugin[PublishConfig]):
    def __init__(self) -> None:
        self.internals = internals.Internals(frozenset(internals.PARTS), ())
        """The parts that may use MkDocs' private names (checked again at each on_config)."""
        self.command: str = "build"
        self.dirty = False
        self.site: Path | None = None
        self.staging: Path | None = None
        self.warnings: WarningRecorder | None = None
        self.failure: str | None = None
        self.script = ""
        self.nav: Navigation | None = None
        self.workers: parallel.Workers | None = None
        self.followup_child = False
        """Set in the full preview build's process: a serve build that may fork page workers."""
        self.pending: Built | None = None
        self.built: Built | None = None
        self.watched: list[Path] = []
        self.seen: Snapshot = {}
        """The watched files as the last build (or quick pass) found them, before reading them."""
        self.server: LiveReloadServer | None = None
        self.followup: Followup | None = None
        self.scripts = ScriptHashes()
        """Inline script hashes of the pages rendered (workers send theirs), for the CSP."""
        self.own_headers: dict[str, dict[str, str]] = {}
        """Headers a top-level folder sends instead of the site's (vitrine/editor's /admin/), set by
        other plugins from on_files on; written with the site's (see headers.header_rules)."""
        self.converter = Converter()
        self.collector: PausedCollector | None = None

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.command, self.dirty = command, dirty
        if self.command != "serve":
            freeze_at_exit()

    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Priority 100: before any plugin reads site_dir. Per-build state is reset here."""
        self.site, self.staging, self.failure = None, None, None
        self.pending, self.built = None, None
        self.scripts = ScriptHashes()
        self.own_headers = {}
        self.internals = internals.check()  # MkDocs' private names this build may use
        said = internals.problems_line(self.internals)
        if said is not None:
            log.info(f"MkDocs' own behaviour for {said}")
        self.converter = Converter()  # a new parser for each build: serve reloads the configuration
        self._detach()
        self._resume_collector()
        if not self.config.enabled:
            return None
        if self.command != "serve":
            self.collector = PausedCollector()
        if config.strict:
            self.warnings = WarningRecorder()
            self.warnings.attach()  # warnings are heard even under -q (with --dirty, by MkDocs' strict count too)
        if self.dirty:
            return None
        if self.command == "serve" and not self.followup_child:
            self.watched = _watched(config, self.server, readable="server" in self.internals)
            self.seen = snapshot(self.watched)
        self.script = status_script(urlsplit(config.site_url or "/").path) if self.command == "serve" else ""
        self.site = Path(config.site_dir).resolve()
        self.staging = staging_folder(self.site)
        config.site_dir = str(self.staging)
        return config

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: object
    ) -> LiveReloadServer | None:
        """Priority 0. MkDocs' server hangs after a failed rebuild: ours reports it and keeps serving."""
        if not self.config.enabled:
            return server
        if self.command == "serve" and not self.dirty and self.site is not None and "server" in self.internals:
            self.server = server
            command = child_command(
                Path(config.config_file_path).resolve(),
                config.site_url or server.url,
                strict=bool(config.strict),
                directory_urls=config.use_directory_urls,
            )
            self.followup = Followup(command, self.site, self._followup_done, cwd=Path.cwd())
            full = server.builder
            server.builder = guarded(lambda: self._rebuild(full), self._rebuild_failed)
        else:
            server.builder = guarded(server.builder, self._rebuild_failed)
        return server

    def on_pre_page(self, page: Page, /, *, config: MkDocsConfig, files: Files) -> Page | None:
        """Priority 0. The page's Markdown is converted by the build's one parser."""
        if self.config.enabled and self.config.shared_parser and "parser" in self.internals:
            self.converter.attach(page)
        return None

    @event_priority(-1000)
    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        """Priority -1000: the navigation as every other plugin left it, the one pages are built with."""
        self.nav = nav
        return None

    @event_priority(-1000)
    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment | None:
        """Priority -1000: every page is converted and the environment final; fork the page workers."""
        processes = self.config.workers or parallel.default_workers()
        if self.nav is not None:
            self.pending = Built(config, files, self.nav, env)
        threaded = self.command == "serve" and not self.followup_child
        if threaded or self.dirty or not parallel.available() or self.nav is None or "pages" not in self.internals:
            return None
        nav, pages = self.nav, files.documentation_pages(inclusion=InclusionLevel.is_included)

        def render(page: Page) -> None:
            internals.build_page(page, config, pages, nav, env)

        self.workers = parallel.start(
            [file.page for file in pages if file.page], env, render, processes, report=lambda: self.scripts
        )
        if self.workers is not None:
            log.info(f"pages: {len(pages)} rendered by {processes} processes")
        return env

    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str | None:
        """Priority 0. The theme's static pages (404.html) come from the same base template as pages."""
        if not self.config.enabled or not template_name.endswith(".html"):
            return None
        return without_toggle_autocomplete(output_content)

    @event_priority(1000)
    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        """Priority 1000, before every other hook: a page a worker renders gets its template back.

        It is also marked delegated (`rendering.py`, the contract): hooks that only add to the context may skip it
        (the worker runs them for the page it renders); hooks with effects (search, cards) may not.
        """
        if self.workers is not None and not self.workers.enter(page):
            extra: dict[str, object] = context  # type: ignore[assignment]  # TemplateContext is open to plugins
            rendering.mark_delegated(extra)
        return None

    @event_priority(-1000)
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Priority -1000, the page as it is written, in the process that renders it (a worker runs this
        hook for its pages; a delegated page's output is empty here): the theme's invalid attributes
        dropped, its scripts hashed for the CSP; on preview pages, the failed rebuild's errors.
        With workers, the parent claims its next page."""
        if self.workers is not None:
            self.workers.leave(page)
        if self.config.enabled:
            output = without_toggle_autocomplete(output)
        if self.config.headers and self.command != "serve" and output.strip():
            self.scripts.add(page.file.abs_dest_path, output)
        if not self.script or "</body>" not in output:
            return output
        head, _, tail = output.rpartition("</body>")
        return f"{head}{self.script}</body>{tail}"

    @event_priority(1000)
    def _on_post_build_join(self, *, config: MkDocsConfig) -> None:
        """Priority 1000, before any plugin reads the site: the workers' pages are all written."""
        if self.workers is None:
            return
        (failures, reports), self.workers = self.workers.join(), None
        if failures:
            raise PluginError("pages could not be rendered:\n  " + "\n  ".join(failures))
        for report in reports:
            if isinstance(report, ScriptHashes):
                self.scripts.merge(report)

    @event_priority(-1000)
    def _on_post_build_publish(self, *, config: MkDocsConfig) -> None:
        """Priority -1000: after every other plugin has written its files, and before MkDocs' strict count."""
        if self.config.headers and self.command != "serve":
            # into the staging folder, before the budget and swap
            write_headers(Path(config.site_dir), self.scripts, self.own_headers)
        if self.site is None or self.staging is None:
            self._resume_collector()
            return
        if self.warnings is not None and self.warnings.messages:
            raise self.warnings.failure()
        too_big = over_budget(self.staging, self.config.site_budget_mb)
        if too_big:
            raise PluginError(too_big)
        self._detach()
        replace(self.site, self.staging, detach=self.command != "serve" or self.followup_child)
        config.site_dir = str(self.site)
        log.info(f"site replaced: {self.site}")
        self.staging = None
        self.built, self.pending = self.pending, None
        self._resume_collector()

    on_post_build = CombinedEvent(_on_post_build_join, _on_post_build_publish)

    def on_build_error(self, *, error: Exception) -> None:
        self.pending, self.built = None, None
        if self.workers is not None:
            self.workers.kill()
            self.workers = None
        self._resume_collector()
        self.failure = describe(error)
        self._detach()
        if self.staging is not None:
            discard(self.staging)
            log.error(f"the build failed: {self.site} is left as it was")
            self.staging = None

    def on_shutdown(self) -> None:
        """Also after Ctrl-C during a build, which no other hook sees: its staging folder goes too."""
        if self.followup is not None:
            self.followup.stop(tidy=True)
            self.followup = None
        if self.workers is not None:
            self.workers.kill()
            self.workers = None
        if self.staging is not None:
            discard(self.staging)
            self.staging = None
        self._resume_collector()

    # Helpers (no hooks below) -------------------------------------------------

    def _rebuild(self, full: Callable[[], None]) -> None:
        """serve, on every change: the quick pass when it can do, else MkDocs' full rebuild.

        No change at all (one save seen twice by the watcher, an editor's scratch file) rebuilds
        nothing: a national full build would take a minute for it.
        """
        if self.built is not None:
            self.watched = _watched(self.built.config, self.server, readable="server" in self.internals)
        now = snapshot(self.watched)
        changed = changes(self.seen, now)
        if not changed and self.built is not None:
            log.info("preview: no page source changed; nothing to rebuild")
            return
        if self.followup is not None:
            self.followup.stop()
        if self._quick(changed):
            self.seen = now
            if self.followup is not None:
                self.followup.start()
            return
        full()

    def _quick(self, changed: set[Path]) -> bool:
        """Render again only the pages of the edited records; False when a full build is needed."""
        built, site = self.built, self.site
        if built is None or site is None or not changed:
            return False
        catalogue = built.config.plugins.get("vitrine/catalogue")
        if not hasattr(catalogue, "refresh"):
            return False
        start = time.monotonic()
        self.failure = None
        refresher: Refresher = catalogue  # type: ignore[assignment]  # checked just above
        recorder = WarningRecorder() if built.config.strict else None  # --strict: the records' warnings too
        if recorder is not None:
            recorder.attach()
        try:
            files = refresher.refresh(changed, built.files)
            if files is None:
                return False
            self._render(built, site, files, recorder)
        finally:
            if recorder is not None:
                recorder.detach()
        clear_status(site)
        log.info(
            f"preview: {len(files)} pages of the edited records rebuilt in {time.monotonic() - start:.1f} s; "
            "the rest of the site follows in a full build"
        )
        return True

    def _render(self, built: Built, site: Path, files: list[File], recorder: WarningRecorder | None) -> None:
        """Render `files` as the last build would have, into a staging folder; then, unless `recorder`
        (--strict) heard a warning, into `site`."""
        staging = staging_folder(site)
        pages = built.files.documentation_pages(inclusion=InclusionLevel.is_included)
        try:
            for file in files:
                assert file.page is not None
                internals.write_into(file, staging)
                internals.populate_page(file.page, built.config, built.files)
                internals.build_page(file.page, built.config, pages, built.nav, built.env)
            if recorder is not None and recorder.messages:
                raise recorder.failure()
            move_into(site, staging, [file.dest_uri for file in files])
        finally:
            for file in files:
                internals.write_into(file, site)
            discard(staging)

    def _followup_done(self, error: str | None) -> None:
        """From the full preview build's thread: browsers reload onto the complete site (or its error)."""
        if error is None:
            log.info("preview: the whole site is up to date")
        else:
            log.error("the full preview build failed; the pages served show its errors")
        server = self.server
        if server is None:
            return
        internals.reload_browsers(server)

    def _resume_collector(self) -> None:
        if self.collector is not None:
            self.collector.resume()
            self.collector = None

    def _detach(self) -> None:
        if self.warnings is not None:
            self.warnings.detach()
            self.warnings = None

    def _rebuild_failed(self, error: BaseException) -> None:
        if self.failure is None:  # the quick pass failed: MkDocs has not logged it, as it does a build's error
            log.error(describe(error))
        if self.site is not None:
            write_status(self.site, self.failure or describe(error))
        log.error("the last good pages stay served; fix the file and save to rebuild")


def _watched(config: MkDocsConfig, server: LiveReloadServer | None, readable: bool) -> list[Path]:
    """What `mkdocs serve` watches, spelt as it does: once it serves, its own list (the theme too,
    with --watch-theme; `readable`: its private field is there); otherwise what it watches by default."""
    if server is not None and readable:
        return sorted(Path(path) for path in internals.watched_paths(server))
    paths = [config.docs_dir, config.config_file_path, *config.watch]
    return sorted({Path(os.path.abspath(path)) for path in paths})  # noqa: PTH100  # as the server spells them
