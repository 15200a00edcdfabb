"""The `vitrine/publish` plugin: hooks only. A build replaces the site only when it succeeded.

MkDocs' public API only: the page workers, the shared parser and serve's quick pass are
vitrine/render's (which may run this plugin's `on_post_page` in a worker: see
`vitrine/rendering.py`, whose `GathersPages` brings the script hashes back here).

on_startup     remember the command and --dirty: a dirty build keeps the folder it updates
on_config      point the build at a fresh staging folder beside site_dir; record warnings; is the
               published site already this build's output? (unchanged.py)
on_files       (first) no file at all for an up-to-date site; the theme's source maps left out (trim.py)
on_post_template drop the theme's markup the HTML standard refuses (conformance.py) from its
               static pages (404.html), and their indentation (compact.py)
on_post_page   (late) drop the theme's markup the HTML standard refuses (conformance.py) and
               its indentation (compact.py); hash the page's inline scripts for the CSP
on_post_build  (last of all but vitrine/render's bookkeeping) an up-to-date site stays as it is;
               else write the security headers, refuse strict warnings and an oversized site,
               swap the staging folder in, and (strict) record what it was built from
on_build_error discard the staging folder: the previous site stays as it was
on_shutdown    a build cut by Ctrl-C leaves no folder
"""

from __future__ import annotations

import os
import sys
import sysconfig
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

import vitrine

from .. import siblings
from .compact import compact
from .config import PublishConfig
from .conformance import without_toggle_autocomplete
from .gate import WarningRecorder, over_budget, strict_failure
from .headers import ScriptHashes, write_headers
from .swap import discard, replace, staging_folder
from .trim import is_theme_source_map
from .unchanged import forget, inputs_fingerprints, is_up_to_date, page_sources, record_name, remember

log = get_plugin_logger(__name__)


class PublishPlugin(BasePlugin[PublishConfig]):
    def __init__(self) -> None:
        self.command: str = "build"
        self.dirty = False
        self.detach_old_site = False
        """Delete the old site in a process of its own (not while a threaded server runs here)."""
        self.site: Path | None = None
        self.staging: Path | None = None
        self.warnings: WarningRecorder | None = None
        self.scripts = ScriptHashes()
        """Inline script hashes of the pages rendered (page workers send theirs), for the CSP."""
        self.page_scripts: tuple[str, list[str]] | None = None
        """The last page's file and its scripts' hashes, as `on_post_page` counted them."""
        self.own_headers: dict[str, dict[str, str]] = {}
        """Headers a top-level folder sends instead of the site's (vitrine/editor's /admin/), set by
        other plugins from on_files on; written with the site's (see headers.header_rules)."""
        self.record: Path | None = None
        """Where the last published strict build's inputs and output are recorded (unchanged.py)."""
        self.inputs: str | None = None
        """This build's inputs, read at on_config, when a strict build may record them."""
        self.shared: str | None = None
        """The inputs every page shares (all but the pages' own sources), read with `inputs`."""
        self.up_to_date = False
        """The published site is already this build's output: nothing is built (rendering.py, 7)."""

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.command, self.dirty = command, dirty
        self.detach_old_site = command != "serve"

    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Priority 100: before any plugin reads site_dir. Per-build state is reset here."""
        self.site, self.staging = None, None
        self.scripts = ScriptHashes()
        self.own_headers = {}
        self.record, self.inputs, self.shared, self.up_to_date = None, None, None, False
        self._detach()
        if not self.config.enabled:
            return None
        if config.strict:
            self.warnings = WarningRecorder()
            self.warnings.attach()  # warnings are heard even under -q (with --dirty, by MkDocs' strict count too)
        site = Path(config.site_dir).resolve()
        self.record = siblings.cache_folder(config, "publish") / record_name(site)
        if self.dirty:
            forget(self.record)  # the site is changed in place: no longer any strict build's output
            return None
        self.site = site
        if self.config.skip_unchanged and self.command == "build":
            self.inputs, self.shared = self._inputs(config)
            self.up_to_date = is_up_to_date(self.record, self.inputs, self.site)
        if self.up_to_date:  # MkDocs' own pages from templates (404.html, sitemap.xml) are not needed either
            config.theme.static_templates.clear()
            config.extra_templates = []
        self.staging = staging_folder(self.site)
        config.site_dir = str(self.staging)
        return config

    @event_priority(10000)
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        """Priority 10000, before any plugin adds a page: an up-to-date site needs no file; the theme's
        source maps are not published."""
        if self.up_to_date:
            return Files([])
        if self.config.enabled and not self.config.source_maps:
            docs_dir = Path(config.docs_dir).resolve()
            for file in [f for f in files if is_theme_source_map(f.src_uri, f.abs_src_path, docs_dir)]:
                files.remove(file)
        return None

    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str | None:
        """Priority 0. The theme's static pages (404.html) come from the same base template as pages."""
        if not self.config.enabled or not template_name.endswith(".html"):
            return None
        output = without_toggle_autocomplete(output_content)
        return compact(output) if self.config.compact_html else output

    @event_priority(-1000)
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Priority -1000, the page as it is written, in the process that renders it (a page worker
        runs this hook for its pages; a delegated page's output is empty here): the theme's invalid
        attributes dropped, its indentation removed (compact.py), its scripts hashed for the CSP."""
        if self.config.enabled:
            output = without_toggle_autocomplete(output)
            if self.config.compact_html:
                output = compact(output)
        self.page_scripts = None
        if self.config.headers and self.command != "serve" and output.strip():
            self.page_scripts = (page.file.abs_dest_path, self.scripts.add(page.file.abs_dest_path, output))
        return output

    def page_taken_over(self, path: str, hashes: Iterable[str]) -> None:
        """A page vitrine/render took over from the last build (its output here is empty): the hashes
        of its scripts, as they were when it was rendered."""
        if self.config.headers and self.command != "serve":
            self.scripts.add_known(path, hashes)

    def script_hashes(self, page: Page, output: str) -> list[str]:
        """The hashes of the inline scripts of a page's final output (as this hook counted them)."""
        if self.page_scripts is not None and self.page_scripts[0] == page.file.abs_dest_path:
            return self.page_scripts[1]
        return self.scripts.of(output)

    def pages_gathered(self) -> ScriptHashes:
        """`rendering.GathersPages`: a page worker's script hashes."""
        return self.scripts.gathered()

    def merge_gathered(self, gathered: object) -> None:
        """`rendering.GathersPages`: a page worker's script hashes, in the build's process."""
        if isinstance(gathered, ScriptHashes):
            self.scripts.merge(gathered)

    @event_priority(-1000)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Priority -1000: after every other plugin has written its files, and before MkDocs' strict count."""
        if self.up_to_date and self.site is not None and self.staging is not None:
            discard(self.staging)
            config.site_dir = str(self.site)
            self.staging = None
            log.info(
                f"site up to date: every input is as the last strict build read it, and {self.site} is "
                "as it wrote it; nothing to build (skip_unchanged of vitrine/publish)"
            )
            return
        if self.config.headers and self.command != "serve":
            # into the staging folder, before the budget and swap
            write_headers(Path(config.site_dir), self.scripts, self.own_headers)
        if self.site is None or self.staging is None:
            return
        if self.warnings is not None and self.warnings.messages:
            raise self.warnings.failure()
        too_big = over_budget(self.staging, self.config.site_budget_mb)
        if too_big:
            raise PluginError(too_big)
        self._detach()
        if self.record is not None:
            forget(self.record)  # first: the site is about to be another build's
        replace(self.site, self.staging, detach=self.detach_old_site)
        config.site_dir = str(self.site)
        log.info(f"site replaced: {self.site}")
        self.staging = None
        if self.record is not None and self.inputs is not None and config.strict:
            problem = remember(self.record, self.inputs, self.site)  # strict, so not one warning: the next may skip
            if problem is not None:
                log.info(f"the next build will render every page: its record could not be written ({problem})")

    def on_build_error(self, *, error: Exception) -> None:
        unseen = self.warnings.unseen if self.warnings is not None else []
        self._detach()
        if unseen:  # -q: the strict build would have refused them too; said now, with the error
            log.error(strict_failure(unseen))
        if self.staging is not None:
            discard(self.staging)
            log.error(f"the build failed: {self.site} is left as it was")
            self.staging = None

    def on_shutdown(self) -> None:
        """Also after Ctrl-C during a build, which no other hook sees: its staging folder goes too."""
        if self.staging is not None:
            discard(self.staging)
            self.staging = None

    # Helpers (no hooks below) -------------------------------------------------

    def shared_inputs(self, config: MkDocsConfig) -> str | None:
        """The inputs every page shares (unchanged.py: all but the pages' own texts and records), for
        vitrine/render's page keys; None when this build does not replace a whole site (`--dirty`,
        serve). Read with the no-change check's inputs, or now if that check is off."""
        if self.site is None or self.staging is None or self.command != "build":
            return None
        if self.shared is None:
            _, self.shared = self._inputs(config)
        return self.shared

    @property
    def published_site(self) -> Path | None:
        """The site this build replaces, if it publishes one (None: `--dirty`, disabled)."""
        return self.site if self.staging is not None else None

    def _inputs(self, config: MkDocsConfig) -> tuple[str, str]:
        """This build's inputs (unchanged.py): the project's files, what the configuration reads
        outside them, the settings a command line changes, the environment the output depends on;
        and those every page shares (all but the pages' own texts and records)."""
        assert self.site is not None
        root = Path(config.config_file_path).resolve().parent
        installed = {Path(sysconfig.get_paths()[key]).resolve() for key in ("purelib", "platlib")}
        themes = [Path(folder) for folder in config.theme.dirs]
        # Material's templates and icons (14,500 files, 0.2 s to read) are its distribution's, whose
        # version is counted: only a theme folder outside the installed packages is read.
        themes = [folder for folder in themes if not installed & set(folder.resolve().parents)]
        outside = [Path(config.docs_dir), *themes, *map(Path, config.watch)]
        outside.append(Path(vitrine.__file__).parent)
        settings = {
            "config_file": str(Path(config.config_file_path).resolve()),
            "docs_dir": str(Path(config.docs_dir).resolve()),
            "site_dir": str(self.site),
            "site_url": str(config.site_url),
            "use_directory_urls": str(config.use_directory_urls),
            "theme": str(config.theme.name),
            "python": sys.version,
        }
        skipped = [self.site, siblings.cache_folder(config, "")]
        page_source = page_sources(Path(config.docs_dir).resolve(), root)
        return inputs_fingerprints(root, outside, skipped, settings, os.environ, page_source)

    def _detach(self) -> None:
        if self.warnings is not None:
            self.warnings.detach()
            self.warnings = None
