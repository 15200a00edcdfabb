"""The `vitrine/render` plugin: hooks only. The build's speed, behind one seam.

Everything here leans on MkDocs 1.6 internals, named in `internals.py` only and checked at
each `on_config`; a part whose names are missing falls back to MkDocs' own behaviour, with the
same output. Without this plugin MkDocs renders the site itself, as fast as MkDocs does. What a
feature plugin may assume of a page rendered here is written in `vitrine/rendering.py`.

on_startup     remember the command and --dirty; (build) the heap is frozen at the process's exit
on_config      check MkDocs' internals; a new Markdown parser; (build) pause the cycle collector
               until the build is over; (serve) the watched files as they are before the build
on_serve       a failed rebuild keeps the last good pages served and shows its errors on them;
               an edit of record texts is rendered on its own pages first (quick.py), the whole
               site follows in another process (followup.py)
on_pre_page    pages are converted by one Markdown parser for the build (convert.py)
on_nav         (last) keep the final navigation, which the page workers render with; (build, and
               serve's full preview build) the conversions the last build kept, for the pages
               about to be converted (conversions.py)
on_env         (first) Jinja's template cache a plain dict, compiled templates kept on disk; this
               build's conversions kept for the next;
               (last) (build) the last build's pages that may be taken over (reuse.py); fork
               the workers that render page templates on the other cores
on_page_context (first) a page a worker renders gets its template back before any hook reads it;
               (last) the page is rendered, or taken over from the last build (reuse.py)
on_post_page   (after publish's) a page taken over: its file linked into the new site, its
               scripts' hashes to vitrine/publish; the parent claims its next page
               (parallel.py); (serve) add the script that shows a failed rebuild's errors
on_post_build  (first) wait for the workers, log their warnings, hand what their hooks gathered
               to the plugins that gathered it, write the next build's ledger (reuse.py);
               (after publish's swap) keep the build for the quick pass; the ledger into
               place; resume the collector
on_build_error stop the workers; the preview's error text
on_shutdown    stop the full preview build in progress and the workers
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from jinja2 import ChoiceLoader, DictLoader, Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from .. import rendering, siblings
from ..publish.gate import WarningRecorder
from . import conversions, internals, parallel, reuse
from .collector import PausedCollector, freeze_at_exit
from .config import RenderConfig
from .conversions import Conversions
from .convert import Converter
from .followup import Followup, child_command
from .preview import Snapshot, changes, clear_status, describe, guarded, snapshot, status_script, write_status
from .quick import Built, edited_pages, render_into, watched
from .templates import template_cache

log = get_plugin_logger(__name__)


class RenderPlugin(BasePlugin[RenderConfig]):
    def __init__(self) -> None:
        self.internals = internals.Internals(frozenset(internals.PARTS), ())
        """The parts that may use MkDocs' private names (checked again at each on_config)."""
        self.command: str = "build"
        self.dirty = False
        self.followup_child = False
        """Set in the full preview build's process: a serve build that may fork page workers."""
        self.converter = Converter()
        self.collector: PausedCollector | None = None
        self.nav: Navigation | None = None
        self.workers: parallel.Workers | None = None
        self.gatherers: list[rendering.GathersPages] = []
        self.reuse: reuse.Reuse | None = None
        """This build's taking over of the last build's pages (reuse.py), when it may."""
        self.reused: tuple[int, int] | None = None
        """After a build that could take pages over: how many it rendered, how many it took over."""
        # serve ---------------------------------------------------------------
        self.site: Path | None = None
        """The served folder, once serving."""
        self.script = ""
        self.failure: str | None = None
        self.pending: Built | None = None
        self.built: Built | None = None
        self.watched: list[Path] = []
        self.seen: Snapshot = {}
        """The watched files as the last build (or quick pass) found them, before reading them."""
        self.server: LiveReloadServer | None = None
        self.followup: Followup | None = None

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.command, self.dirty = command, dirty
        if self.command != "serve":
            freeze_at_exit()

    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Priority 100: the collector is paused before the other plugins read the project. Per-build
        state is reset here."""
        self.failure, self.pending, self.built, self.reused = None, None, None, None
        self._drop_reuse()
        self.internals = internals.check()  # MkDocs' private names this build may use
        self.converter = Converter()  # a new parser for each build: serve reloads the configuration
        self._resume_collector()
        if not self.config.enabled:
            return None
        said = internals.problems_line(self.internals)
        if said is not None:
            log.info(f"MkDocs' own behaviour for {said}")
        if self.command != "serve":
            self.collector = PausedCollector()
            return None
        if self.dirty:  # a dirty build updates the served folder in place: no status file to go stale
            return None
        self.script = status_script(urlsplit(config.site_url or "/").path)
        if not self.followup_child:
            self.watched = watched(config, self.server, readable="server" in self.internals)
            self.seen = snapshot(self.watched)
        return None

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: object
    ) -> LiveReloadServer | None:
        """Priority 0. MkDocs' server hangs after a failed rebuild: ours reports it and keeps serving
        (unless the server's internals are not there: MkDocs' own behaviour then)."""
        if not self.config.enabled:
            return server
        if not self.dirty:
            self.site = Path(config.site_dir).resolve()  # the first build is done: the folder served
        if self.config.watcher == "native" and "watcher" in self.internals:
            refused = internals.watch_natively(server, [str(path) for path in config.watch])
            if refused is not None:
                log.info(f"preview: the system's file events are not available ({refused}); polling instead")
        quick = self.config.quick_preview and {"pages", "server"} <= self.internals.usable
        if self.site is not None and quick and siblings.catalogue_if_any(config) is not None:
            self.server = server
            command = child_command(
                Path(config.config_file_path).resolve(),
                config.site_url or server.url,
                strict=bool(config.strict),
                directory_urls=config.use_directory_urls,
            )
            self.followup = Followup(command, self.site, self._followup_done, cwd=Path.cwd())
            internals.wrap_builder(server, lambda full: guarded(lambda: self._rebuild(full), self._rebuild_failed))
        elif "server" in self.internals:
            internals.wrap_builder(server, lambda full: guarded(full, self._rebuild_failed))
        return server

    def on_pre_page(self, page: Page, /, *, config: MkDocsConfig, files: Files) -> Page | None:
        """Priority 0. The page's Markdown is converted by the build's one parser."""
        if self.config.enabled and self.config.shared_parser and "parser" in self.internals:
            self.converter.attach(page)
        return None

    @event_priority(-1000)
    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        """Priority -1000: the navigation as every other plugin left it, the one pages are built with;
        the conversions the last build kept (conversions.py), just before pages are converted."""
        self.nav = nav
        self.converter.conversions = self._conversions(config)
        return None

    @event_priority(1000)
    def _on_env_templates(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment | None:
        """Priority 1000, before any template is loaded.

        Jinja's template cache becomes a plain dict: its default, a locked LRU of 400, is consulted
        on every `include` (about 35 per page, 2 s of a national build). Each build, `serve`
        rebuilds included, makes a new environment, so an edited template is still picked up.
        Compiled templates are kept in `<cache_dir>/templates/` (Jinja checks each against its
        source): every build process compiled the same 54 templates again (0.4 s each).
        """
        if not self.config.enabled:
            return None
        env.cache = {}
        env.bytecode_cache = template_cache(siblings.cache_folder(config, "templates"), env)
        self._publish_conversions()
        return env

    @event_priority(-1000)
    def _on_env_fork(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment | None:
        """Priority -1000: every page is converted and the environment final; fork the page workers."""
        if not self.config.enabled:
            return None
        if self.nav is not None:
            self.pending = Built(config, files, self.nav, env)
        pages = files.documentation_pages(inclusion=InclusionLevel.is_included)
        self.reuse = self._reuse(config, env, [file.page for file in pages if file.page])
        threaded = self.command == "serve" and not self.followup_child
        if threaded or self.dirty or not parallel.available() or self.nav is None or "pages" not in self.internals:
            return None
        processes = self.config.workers or parallel.default_workers()
        nav = self.nav
        self.gatherers = [plugin for plugin in config.plugins.values() if isinstance(plugin, rendering.GathersPages)]
        gatherers = self.gatherers

        def render(page: Page) -> None:
            internals.build_page(page, config, pages, nav, env)

        def gathered() -> list[object]:
            return [plugin.pages_gathered() for plugin in gatherers]

        collect = self.collector is not None and self.collector.was_enabled
        self.workers = parallel.start(
            [file.page for file in pages if file.page], env, render, processes, gathered, collect=collect
        )
        if self.workers is not None:
            log.info(f"pages: {len(pages)} rendered by {processes} processes")
            # The heap is frozen from here (parallel.start): the collector walks only what the pages
            # make, and frees the cycles each leaves (about 450 MB a process at 50,000 pages, else kept).
            self._resume_collector()
        return env

    on_env = CombinedEvent(_on_env_templates, _on_env_fork)

    @event_priority(1000)
    def _on_page_context_first(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        """Priority 1000, before every other hook: a page a worker renders gets its template back.

        It is also marked delegated (the contract, `rendering.py`): hooks that only add to the
        context may skip it (the worker runs them for the page it renders); hooks with effects
        (search, cards) may not.
        """
        if self.workers is not None and not self.workers.enter(page):
            extra: dict[str, object] = context  # type: ignore[assignment]  # TemplateContext is open to plugins
            rendering.mark_delegated(extra)
        if self.reuse is not None:
            self.reuse.restore(page)
        return None

    @event_priority(-5000)
    def _on_page_context_reuse(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        """Priority -5000, after every other hook: the page is rendered, or taken over (reuse.py)."""
        extra: dict[str, object] = context  # type: ignore[assignment]  # TemplateContext is open to plugins
        if self.reuse is not None and not rendering.delegated(extra):
            self.reuse.decide(page, extra)
        return None

    on_page_context = CombinedEvent(_on_page_context_first, _on_page_context_reuse)

    @event_priority(-2000)
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Priority -2000, after vitrine/publish's (-1000): the page as it is written. With workers,
        the parent claims its next page; on preview pages, the failed rebuild's errors. A page taken
        over from the last build: kept for the next, its scripts' hashes to vitrine/publish."""
        if self.reuse is not None:
            publish = siblings.publish(config)
            taken = self.reuse.done(page, output, lambda text: publish.script_hashes(page, text) if publish else [])
            if taken is not None and publish is not None:
                publish.page_taken_over(page.file.abs_dest_path, taken)
        if self.workers is not None:
            self.workers.leave(page)
        if not self.script or "</body>" not in output:
            return output
        head, _, tail = output.rpartition("</body>")
        return f"{head}{self.script}</body>{tail}"

    @event_priority(1000)
    def _on_post_build_join(self, *, config: MkDocsConfig) -> None:
        """Priority 1000, before any plugin reads the site: the workers' pages are all written; the
        next build's ledger is written beside the last."""
        if self.workers is not None:
            (failures, reports), self.workers = self.workers.join(), None
            if failures:
                raise PluginError("pages could not be rendered:\n  " + "\n  ".join(failures))
            for report in reports:
                if isinstance(report, list) and len(report) == len(self.gatherers):
                    for plugin, gathered in zip(self.gatherers, report, strict=True):
                        plugin.merge_gathered(gathered)
        if self.reuse is not None:
            try:
                self.reuse.record_pages(Path(config.site_dir))
            except (OSError, sqlite3.Error) as exc:  # the site is whole: only the next build's ledger is lost
                reuse.drop_ledger(self.reuse.record)
                log.info(f"the next build will render every page: its record could not be written ({exc})")

    @event_priority(-2000)
    def _on_post_build_done(self, *, config: MkDocsConfig) -> None:
        """Priority -2000, after vitrine/publish has swapped the site in: this build is the good one,
        and the pages the next may take over are recorded."""
        self.built, self.pending = self.pending, None
        if self.reuse is not None:
            taking, self.reuse = self.reuse, None
            taking.detach()
            problem = reuse.publish_ledger(taking.record)
            found = taking.found
            self.reused = (found.rendered, found.taken)
            log.info(f"pages: {found.taken} taken over from the last build, {found.rendered} rendered")
            for reason, count in sorted(found.why.items(), key=lambda item: -item[1]):
                log.debug(f"pages that cannot be taken over next time ({count}): {reason}")
            if problem is not None:
                log.info(f"the next build will render every page: its record could not be written ({problem})")
        self._resume_collector()

    on_post_build = CombinedEvent(_on_post_build_join, _on_post_build_done)

    def on_build_error(self, *, error: Exception) -> None:
        self.pending, self.built = None, None
        self._drop_reuse()
        if self.workers is not None:
            self.workers.kill()
            self.workers = None
        self._resume_collector()
        self.failure = describe(error)

    def on_shutdown(self) -> None:
        """Also after Ctrl-C during a build, which no other hook sees."""
        if self.followup is not None:
            self.followup.stop(tidy=True)
            self.followup = None
        if self.workers is not None:
            self.workers.kill()
            self.workers = None
        self._drop_reuse()
        self._resume_collector()

    # rendering.GathersPages: what a page worker found for the next build ------

    def pages_gathered(self) -> reuse.Gathered | None:
        return self.reuse.gathered() if self.reuse is not None else None

    def merge_gathered(self, gathered: object) -> None:
        if self.reuse is not None and isinstance(gathered, reuse.Gathered):
            self.reuse.found.merge(gathered)

    # Helpers (no hooks below) -------------------------------------------------

    def _rebuild(self, full: Callable[[], None]) -> None:
        """serve, on every change: the quick pass when it can do, else MkDocs' full rebuild.

        No change at all (one save seen twice by the watcher, an editor's scratch file) rebuilds
        nothing: a national full build would take a minute for it.
        """
        if self.built is not None:
            self.watched = watched(self.built.config, self.server, readable="server" in self.internals)
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
        start = time.monotonic()
        self.failure = None
        recorder = WarningRecorder() if built.config.strict else None  # --strict: the records' warnings too
        if recorder is not None:
            recorder.attach()
        try:
            files = edited_pages(built, changed)
            if files is None:
                return False
            render_into(built, site, files, recorder)
        finally:
            if recorder is not None:
                recorder.detach()
        clear_status(site)
        log.info(
            f"preview: {len(files)} pages of the edited records rebuilt in {time.monotonic() - start:.1f} s; "
            "the rest of the site follows in a full build"
        )
        return True

    def _followup_done(self, error: str | None) -> None:
        """From the full preview build's thread: browsers reload onto the complete site (or its error)."""
        if error is None:
            log.info("preview: the whole site is up to date")
        else:
            log.error("the full preview build failed; the pages served show its errors")
        if self.server is not None:
            internals.reload_browsers(self.server)

    def _reuse(self, config: MkDocsConfig, env: Environment, pages: list[Page]) -> reuse.Reuse | None:
        """`mkdocs build` replacing a whole site: the last build's pages that may be taken over."""
        publish = siblings.publish(config)
        site = publish.published_site if publish is not None else None
        if not self.config.enabled or not self.config.reuse_pages or self.dirty or publish is None or site is None:
            return None
        if rendering.nothing_to_build(config):
            return None
        foreign = self._foreign_hooks(config)
        if foreign is not None:
            log.info(f"every page is rendered (reuse_pages): {foreign}")
            return None
        inputs = publish.shared_inputs(config)
        if inputs is None or self.command != "build":
            return None
        record = siblings.cache_folder(config, "render") / reuse.record_name(site)
        found = reuse.Reuse(inputs, site, record, reuse.undated(config.theme.dirs))
        switch = DictLoader({reuse.SWITCH: reuse.SWITCH_SOURCE})
        env.loader = ChoiceLoader([switch, *([env.loader] if env.loader else [])])
        found.attach(pages)
        return found

    def _foreign_hooks(self, config: MkDocsConfig) -> str | None:
        """Why pages cannot be taken over in this project, if they cannot: a hook that changes a page
        after its template (its output would be made from nothing), or one that adds to its context
        after the page's key is read."""
        from ..publish.plugin import PublishPlugin

        for method in config.plugins.events["post_page"]:
            if not isinstance(getattr(method, "__self__", None), PublishPlugin | RenderPlugin):
                return f"{_named(method)} changes pages after they render"
        last = config.plugins.events["page_context"][-1:]
        if last and (getattr(last[0], "__self__", None) is not self or last[0].__name__ != "_on_page_context_reuse"):
            return f"{_named(last[0])} adds to a page's context after its inputs are read"
        return None

    def _conversions(self, config: MkDocsConfig) -> Conversions | None:
        """`mkdocs build` and serve's full preview build: this build's kept conversions, if it keeps
        them (conversions.py). The preview builds keep theirs apart from the published site's."""
        publish = siblings.publish(config)
        usable = self.config.enabled and self.config.shared_parser and "parser" in self.internals
        preview = self.command == "serve" and self.followup_child
        if not usable or not self.config.keep_conversions or self.dirty or publish is None:
            return None
        if preview:
            site = "serve"
        elif self.command == "build" and publish.published_site is not None:
            site = str(publish.published_site)
        else:
            return None
        if rendering.nothing_to_build(config):
            return None
        reader = conversions.reads_other_files(config.markdown_extensions)
        if reader is not None:
            log.info(f"every page's Markdown is converted (keep_conversions): {reader} may read other files")
            return None
        name = conversions.file_name(config.config_file_path or "", site)
        return Conversions(siblings.cache_folder(config, "render") / name, conversions.settings_digest(config))

    def _publish_conversions(self) -> None:
        found, self.converter.conversions = self.converter.conversions, None
        if found is not None:
            found.publish()
            if found.kept:
                log.info(f"pages: {found.kept} conversions of Markdown taken from the last build, {found.made} made")

    def _drop_reuse(self) -> None:
        """The build stopped (or a new one starts): what it kept for the next is dropped, the last
        build's records stay."""
        if self.converter.conversions is not None:
            self.converter.conversions.drop()
            self.converter.conversions = None
        if self.reuse is not None:
            self.reuse.detach()
            self.reuse.spool.clear()
            reuse.drop_ledger(self.reuse.record)
            self.reuse = None

    def _resume_collector(self) -> None:
        if self.collector is not None:
            self.collector.resume()
            self.collector = None

    def _rebuild_failed(self, error: BaseException) -> None:
        if self.failure is None:  # the quick pass failed: MkDocs has not logged it, as it does a build's error
            log.error(describe(error))
        if self.site is not None:
            write_status(self.site, self.failure or describe(error))
        log.error("the last good pages stay served; fix the file and save to rebuild")


def _named(method: object) -> str:
    """A hook as people find it: `on_post_page of hooks.py`, `MyPlugin.on_post_page`."""
    owner = getattr(method, "__self__", None)
    name = getattr(method, "__name__", repr(method))
    return f"{type(owner).__name__}.{name}" if owner is not None else f"{name} of {getattr(method, '__module__', '?')}"
