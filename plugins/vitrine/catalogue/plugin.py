"""The `vitrine/catalogue` plugin: hooks only, in the order MkDocs calls them.

on_config   reset per-build state, read languages and UI catalogues; take the parses
            kept in `.cache/yaml/` by the last build
on_files    load and check every record and page, add one generated page per record and
            language; at priority -1000, once every plugin has read its files, stop on
            every content error any of them found (vitrine/reporting)
on_nav      replace the global navigation by short per-language ones
on_page_markdown (first) a generated page's metadata (title, template...)
on_page_content  only plain structure survives in the HTML of every page
on_env      (build) keep this build's parses for the next, and let go of them, of the
            Markdown checks' findings and of the record pages' Markdown before the pages render
on_page_context  give each page its language, formatter, strings and record
on_post_build    publish the JSON Schemas of the records; (serve) keep this build's parses;
                 the process's caches keep only what this build looked up

`refresh` (no hook) serves `mkdocs serve`'s quick pass after an edit of record texts; it
prunes the caches as a build does.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
from collections.abc import Collection
from pathlib import Path
from urllib.parse import urlsplit

import material as material_package
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PrefixLoader
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data
from mkdocs.utils.templates import TemplateContext

from .. import rendering, reporting, siblings
from ..i18n.languages import is_supported
from ..i18n.messages import Messages, load_messages
from ..identity.tokens import image_settings
from ..images.pipeline import Cache, write_atomically
from ..images.pool import close_pool
from ..images.service import ImageService, PublishedImage, decode_errors
from ..model.buildcache import BuildCaches, activate
from ..model.catalogue import Catalogue, changed_records, load_catalogue
from ..model.editorial import FALLBACK, check_editorial, plan_fallbacks
from ..model.errors import ContentError, ContentErrors, logged
from ..model.landing import check_featured, featured, is_home, key_figures
from ..model.markup import CHECKED, check_snippets_config, sanitize, snippets_enabled
from ..model.parsestore import ParseStore
from ..model.records import SOURCE_LANGUAGE, PageMeta
from ..model.tree import check_tree
from ..model.yamlsource import PARSES
from ..schemas import write_schemas
from ..showcase.dates import content_date, source_date_epoch
from .addresses import shared_addresses
from .config import CatalogueConfig
from .context import PageContext
from .landing import landing
from .navigation import LAST, Fragments, Place, build_navigations, current_tab, fragment_key, language_of
from .reads import PageReads
from .structure import DIRECTORY_ORDER, NAV_SECTIONS, NOT_FOUND_TITLE, PageSpec, media_items, not_found_dest, plan_pages

log = get_plugin_logger(__name__)
LANDING = "landing.html"


class CataloguePlugin(BasePlugin[CatalogueConfig]):
    def __init__(self) -> None:
        self.content_errors: list[ContentError] = []
        """This build's errors in its files, said with every other plugin's (vitrine/reporting)."""
        self.root = Path.cwd()
        self.catalogue: Catalogue | None = None
        self.page_reads: PageReads | None = None
        """The records as this build's templates read them (reads.py), when pages may be taken over."""
        self.specs: dict[str, PageSpec] = {}
        self.metas: dict[str, PageMeta] = {}
        self.content_date: dt.date | None = None
        """The newest date the content states (as vitrine/showcase's): figures are old next to it."""
        self.messages: dict[str, Messages] = {}
        self.navigations: dict[str, Navigation] = {}
        self.fallbacks: dict[str, str] = {}
        """src_uri of an untranslated editorial page -> src_uri of the French page it shows."""
        self.image_service: ImageService | None = None
        self.images: dict[Path, PublishedImage] = {}
        self.serving = False
        """`mkdocs serve`: the records' folders are kept between loads (`load_catalogue`'s `keep_folders`)."""
        self._languages: tuple[str, ...] | None = None
        self.parses: ParseStore | None = None
        self.snippets = False
        """Whether mkdocs.yml enables pymdownx.snippets (then confined to the content folders)."""
        self.caches = BuildCaches()
        """The caches of this build, or of this `mkdocs serve` session (which keeps the plugin): YAML
        parses, Markdown checks, image headers, card fonts (model/buildcache.py). Active in the
        build's thread from `on_config` on; each build and quick pass ends by pruning them."""

    @property
    def languages(self) -> tuple[str, ...]:
        """The configured language codes, source first (read once per configuration: each page asks)."""
        if self._languages is None:
            self._languages = tuple(language.code for language in self.config.languages)
        return self._languages

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Once per command: `mkdocs serve` keeps what each record's folder held between loads."""
        self.serving = command == "serve"

    def on_shutdown(self) -> None:
        """The image pool lives across `mkdocs serve` rebuilds; it ends with the command."""
        close_pool()

    @event_priority(1000)
    def _on_config_caches(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Priority 1000, before any plugin reads a file: this build's caches are the plugin's."""
        activate(self.caches)
        return None

    def _on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Priority 0. Per-build state is reset here: `mkdocs serve` keeps the plugin."""
        self.content_errors = []
        if not self.config.enabled:
            return None
        config_file = Path(config.config_file_path).resolve()
        self.root = config_file.parent
        self._languages = None  # serve reloads the configuration
        if not self.languages or self.languages[0] != SOURCE_LANGUAGE:
            raise PluginError(
                f"{config_file.name}: vitrine/catalogue: 'languages' must start with the source language "
                f"'{SOURCE_LANGUAGE}'"
            )
        unsupported = [code for code in self.languages if not is_supported(code)]
        if unsupported:
            raise PluginError(
                f"{config_file.name}: vitrine/catalogue: language {unsupported[0]!r} is unknown to Babel or "
                "mkdocs-material; use a code both know (e.g. it, pt, ar, zh)"
            )
        folders = (Path(config.docs_dir), self.root / "quartiers", self.root / "champions")
        config_text = config_file.read_text(encoding="utf-8")
        snippet_errors = check_snippets_config(
            config.markdown_extensions, config.mdx_configs, folders, config_file.name, config_text
        )
        if snippet_errors:
            raise PluginError(ContentErrors(snippet_errors).report("configuration"))
        self.snippets = snippets_enabled(config.markdown_extensions)
        self.catalogue, self.specs, self.metas, self.navigations, self.fallbacks = None, {}, {}, {}, {}
        self.content_date = None
        self.messages = {code: load_messages(code) for code in self.languages}
        cache = Cache(siblings.cache_folder(config, "images"))
        if self.image_service is None or self.image_service.cache != cache:
            self.image_service = ImageService(cache)
        self.images = {}
        self.parses = ParseStore(siblings.cache_folder(config, "yaml"))
        self.parses.load()  # here, before any plugin's on_files reads a record or a page
        return config

    on_config = CombinedEvent(_on_config_caches, _on_config)

    def _on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        """Priority 0. Load everything, hand every error on (vitrine/reporting), then add the record
        pages."""
        if not self.config.enabled or rendering.nothing_to_build(config):
            return None
        docs_dir = Path(config.docs_dir)
        rel_docs = docs_dir.resolve().relative_to(self.root).as_posix()
        links, tree_errors = check_tree(self.root, (rel_docs, "quartiers", "champions"))
        if links:  # never read through a link
            self.content_errors = links + tree_errors
            reporting.report(config)
        pages = [f.src_uri for f in files.documentation_pages() if not f.generated_by]
        self.metas, errors, warnings = check_editorial(
            docs_dir, pages, rel_docs, self.languages, snippets=self.snippets
        )
        errors.extend(tree_errors)
        try:
            self.catalogue = load_catalogue(
                self.root, self.languages, snippets=self.snippets, keep_folders=self.serving
            )
        except ContentErrors as exc:
            errors.extend(exc.errors)
        specs = list(plan_pages(self.catalogue, self._gettext)) if self.catalogue else []
        if self.catalogue is not None:
            errors.extend(check_featured(self.metas, self.catalogue, docs_dir, rel_docs))
        errors.extend(_collisions(files, specs, rel_docs))
        if errors:  # said with every other plugin's once all have read their files
            self.content_errors = errors
            self.catalogue, self.specs = None, {}
            return files
        for warning in [*warnings, *(self.catalogue.warnings if self.catalogue else [])]:
            log.warning(str(warning), extra=logged(warning))
        for spec in specs:
            generated = File.generated(config, spec.src_uri, content=spec.markdown())
            generated.generated_by = "vitrine/catalogue"
            # edit_uri is relative to docs_dir; records live beside it, not inside.
            generated.edit_uri = posixpath.relpath(spec.source, rel_docs) if spec.source else None
            if spec.kind == "notfound":
                generated.dest_uri = not_found_dest(spec.language)
            files.append(generated)
            self.specs[spec.src_uri] = spec
        for src_uri, source_uri in plan_fallbacks(self.metas, self.languages):
            fallback = File.generated(config, src_uri, abs_src_path=str(docs_dir / source_uri))
            fallback.generated_by = FALLBACK
            fallback.edit_uri = source_uri
            files.append(fallback)
            self.metas[src_uri] = self.metas[source_uri]
            self.fallbacks[src_uri] = source_uri
        if self.catalogue is not None:
            self._publish_images(files, config)
            self.content_date = content_date(self.catalogue, self.metas.values(), source_date_epoch(os.environ))
        self.content_errors = shared_addresses(files, self.specs, self.root, rel_docs)
        return files

    @event_priority(reporting.LAST)
    def _on_files_report(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        """Priority -1000, once every plugin has read its files: every content error found, at once
        (the errors themselves stay attached: the preview shows them in French)."""
        reporting.report(config)
        return None

    on_files = CombinedEvent(_on_files, _on_files_report)

    @event_priority(100)
    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Priority 100, before any hook reads it: a generated page's metadata (it has no front matter);
        a language's home is a landing page, without sidebars; a page outside the sections of the
        header's tabs has no navigation sidebar."""
        spec = self.specs.get(page.file.src_uri)
        if spec is not None and page.file.generated_by == "vitrine/catalogue":
            page.meta.update(spec.meta())
        elif self.config.enabled and is_home(page.file.src_uri, self.languages):
            page.meta.setdefault("template", LANDING)
            page.meta.setdefault("hide", ["navigation", "toc"])
        elif self.config.enabled and page.parent is None:
            # A tab of its own (the news) or a page out of the navigation (a post): on wide screens
            # the sidebar would list only the page itself, or nothing.
            page.meta.setdefault("hide", ["navigation"])
        return None

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Priority 0. Only plain structure survives in what editors wrote (scripts, handlers removed)."""
        if not self.config.enabled:
            return None
        return sanitize(html)

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment | None:
        """Priority 0. Image encodes submitted in on_files are collected before MkDocs copies files.
        (Jinja's caches are vitrine/render's.)"""
        if not self.config.enabled or rendering.nothing_to_build(config):
            return None
        # Material's own partials stay reachable as `material/...` under the ones we wrap.
        material = FileSystemLoader(str(Path(material_package.__file__).parent / "templates"))
        env.loader = ChoiceLoader([*([env.loader] if env.loader else []), PrefixLoader({"material": material})])
        env.globals["vitrine_fragment"] = Fragments()
        # `tojson` (Material's page configuration, the search button's strings) writes Japanese and
        # Hebrew as UTF-8, not as \u escapes of twice the bytes; <, >, & and ' stay escaped.
        env.policies["json.dumps_kwargs"] = {**env.policies["json.dumps_kwargs"], "ensure_ascii": False}
        self._done_reading(files)
        if self.image_service is None:
            return env
        problems = decode_errors(self.image_service.collect(), self.root)
        if problems:
            found = ContentErrors(problems)
            raise PluginError(found.report()) from found
        log.info(f"images: {self.image_service.encoded} encoded, {self.image_service.cached} from cache")
        return env

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        """Priority 0. A short navigation per language; record pages stay out of it."""
        if not self.config.enabled or rendering.nothing_to_build(config):
            return None
        names = {language.code: language.name for language in self.config.languages}
        pages = [f.page for f in files.documentation_pages() if f.page is not None]
        everything, self.navigations = build_navigations(
            pages, names, self._place, self._section_title, SOURCE_LANGUAGE
        )
        return everything

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        """Priority 0. The page's language, its navigation, strings, formatter and record."""
        if not self.config.enabled or self.catalogue is None:
            return None
        language = language_of(page.file.src_uri, self.languages, SOURCE_LANGUAGE)
        context["nav"] = self.navigations.get(language, nav)
        own = self.navigations.get(language)
        extra: dict[str, object] = context  # type: ignore[assignment]  # TemplateContext is open to plugins
        extra["vitrine_fragments"] = (
            fragment_key(page.url, language, own) if own and self.config.shared_fragments else None
        )
        extra["_"] = self.messages[language].gettext
        extra["vitrine"] = vitrine = PageContext(
            catalogue=self.catalogue,
            language=language,
            languages=list(self.config.languages),
            messages=self.messages[language],
            spec=self.specs.get(page.file.src_uri),
            fallback_of=self.fallbacks.get(page.file.src_uri),
            site_path=urlsplit(config.site_url or "/").path or "/",
            images=self.images,
            accessibility=self.config.accessibility,
            accessibility_page=self.config.accessibility_page,
            content_date=self.content_date,
            old_after_years=self.config.old_after_years,
            compared_from=self.config.compared_from,
        )
        if rendering.pages_taken_over(config):  # the template's reads of the records are recorded
            if self.page_reads is None or self.page_reads.catalogue is not self.catalogue:
                self.page_reads = PageReads(self.catalogue)
            extra["vitrine"] = self.page_reads.view(vitrine)
        crumbs = vitrine.breadcrumbs
        extra["vitrine_tab"] = current_tab(own, page.url, crumbs[1].link if crumbs else None) if own else None
        if is_home(page.file.src_uri, self.languages):
            figures = key_figures(self.catalogue, self.languages)
            chosen = featured(self.metas, language)
            extra["vitrine_landing"] = landing(self.catalogue, figures, chosen, language, self.messages[language])
        return context

    def on_template_context(
        self, context: TemplateContext, /, *, template_name: str, config: MkDocsConfig
    ) -> TemplateContext | None:
        """Priority 0. The site-wide 404 page offers every language's home, in its own words."""
        if not self.config.enabled or template_name != "404.html":
            return None
        extra: dict[str, object] = context  # type: ignore[assignment]  # TemplateContext is open to plugins
        extra["vitrine_homes"] = [
            (lang.code, lang.name, self._gettext(lang.code, NOT_FOUND_TITLE), f"{lang.code}/")
            for lang in self.config.languages
        ]
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Priority 0. The JSON Schemas editors' tools and data users rely on; the parses for the next build.

        Then every cache of the plugin (parses, Markdown checks, image headers, card fonts) keeps only
        what this build looked up: `mkdocs serve` lives through a day of edits.
        """
        if not self.config.enabled or rendering.nothing_to_build(config):
            return
        write_schemas(Path(config.site_dir) / "schema")
        if self.parses is not None:
            self.parses.save(write_atomically)  # before end_build: it keeps what the build looked up
        self.caches.end_build()

    # Helpers (no hooks below) -------------------------------------------------

    def _done_reading(self, files: Files) -> None:
        """`mkdocs build`, every record and page read: the parses are kept for the next build now, and
        neither they nor the Markdown checks' findings are held while pages render (at 50,000 pages,
        160 MB of the parent's heap that every page worker would inherit). Whatever is read later
        is parsed again, and not kept. The generated pages' Markdown, converted by now, is let go
        too (`rendering.py`, point 8: two copies of every record's texts, 27 MB at 50,000 pages).
        `mkdocs serve` keeps all of it for its next rebuild."""
        if self.serving or self.parses is None:
            return
        self.parses.save(write_atomically)
        self.parses = None
        self.caches.drop(PARSES, CHECKED)
        for file in files.documentation_pages():
            if file.generated_by == "vitrine/catalogue" and file.page is not None and file.page.content is not None:
                file.page.markdown = ""  # not None: MkDocs then takes the page for unread (no title)
                file.content_string = ""

    def refresh(self, changed: Collection[Path], files: Files) -> list[File] | None:
        """`mkdocs serve`, after an edit: the generated pages to render again, or None for a full build
        (`_refresh`). This session's caches become the active ones in the server's thread, which may
        not have built yet: the pages are rendered next, in this thread, with them too."""
        activate(self.caches)
        return self._refresh(changed, files)

    def _refresh(self, changed: Collection[Path], files: Files) -> list[File] | None:
        """`mkdocs serve`, after an edit: the generated pages to render again, or None for a full build.

        Only edits of record texts (YAML and Markdown inside a record folder) qualify, and only when
        no record was added or removed and no definition or image changed. Every record is loaded
        and checked again, so a mistake raises the same report as a build. The catalogue object is
        shared with vitrine/maps and vitrine/showcase: its entries are replaced in place, so the
        pages rendered again show the edit in every part (JSON-LD included).
        """
        records_at = (self.root / "quartiers", self.root / "champions")
        changed = {path.resolve() for path in changed}  # the server's spelling may go through a link
        if self.catalogue is None or not changed or not all(_record_text(path, records_at) for path in changed):
            return None
        try:
            catalogue = load_catalogue(self.root, self.languages, snippets=self.snippets, keep_folders=True)
        except ContentErrors as exc:
            raise PluginError(exc.report()) from exc  # the preview words it in French
        records = changed_records(self.catalogue, catalogue)
        specs = {spec.src_uri: spec for spec in plan_pages(catalogue, self._gettext)}
        if records is None or specs.keys() != self.specs.keys():
            return None
        quartiers, champions = records
        edited = [
            uri
            for uri, spec in specs.items()
            if spec != self.specs[uri]
            or (spec.kind == "quartier" and spec.slug in quartiers)
            or (spec.kind == "champion" and spec.slug in champions)
        ]
        pages = [files.get_file_from_path(uri) for uri in edited]
        if any(file is None or file.page is None for file in pages):
            return None
        for warning in catalogue.warnings:
            if warning not in self.catalogue.warnings:
                log.warning(str(warning), extra=logged(warning))
        self.catalogue.replace_entries(catalogue, quartiers, champions)
        self.specs.update(specs)
        for file, uri in zip(pages, edited, strict=True):
            assert file is not None
            file.content_string = specs[uri].markdown()
        self.caches.end_build()  # quick passes follow each other all day: the caches keep only this one's entries
        return [file for file in pages if file is not None]

    def _publish_images(self, files: Files, config: MkDocsConfig) -> None:
        assert self.catalogue is not None and self.image_service is not None
        identity = siblings.identity(config)
        settings = image_settings(identity.identity if identity is not None else None)
        self.images = self.image_service.publish(media_items(self.catalogue), settings)
        for published in self.images.values():
            for rendition in published.renditions:
                source = self.image_service.cache.path(rendition)
                files.append(File.generated(config, published.url(rendition), abs_src_path=str(source)))

    def _gettext(self, language: str, message: str) -> str:
        return self.messages[language].gettext(message)

    def _place(self, page: Page) -> Place | None:
        spec = self.specs.get(page.file.src_uri)
        if spec is not None:
            order = DIRECTORY_ORDER.get(spec.kind)
            return Place(order) if order is not None else None
        meta = self.metas.get(page.file.src_uri)
        if meta is None:
            declared = _declared_order(page.file)
            return Place(declared) if declared is not None else None
        if meta.nav_order is None and page.file.src_uri.count("/") > 1:
            return None  # a page of a subfolder (a news post) is reached from that folder's index
        return Place(meta.nav_order if meta.nav_order is not None else LAST, meta.nav_section)

    def _section_title(self, language: str, section: str) -> str:
        return self._gettext(language, NAV_SECTIONS[section])


def _record_text(path: Path, folders: tuple[Path, ...]) -> bool:
    """A YAML or Markdown file inside one record's folder (not a definition file such as criteria.yml)."""
    for folder in folders:
        if path.is_relative_to(folder) and len(path.relative_to(folder).parts) >= 2:
            return path.suffix in (".yml", ".yaml", ".md")
    return False


def _declared_order(file: File) -> int | None:
    """A page another Vitrine plugin generates (the map page) joins the navigation by its `nav_order`."""
    if file.generated_by in (None, "vitrine/catalogue", FALLBACK) or not file.is_documentation_page():
        return None
    order = get_data(file.content_string)[1].get("nav_order")
    return order if isinstance(order, int) and not isinstance(order, bool) else None


def _collisions(files: Files, specs: list[PageSpec], rel_docs: str) -> list[ContentError]:
    """A page in content/ that would take the place of a generated one."""
    taken = {f.src_uri for f in files}
    return [
        ContentError(
            f"{rel_docs}/{spec.src_uri}",
            0,
            0,
            "",
            f"this page takes the address of the generated page for {spec.source or 'the site root'}",
            "rename or remove it",
        )
        for spec in specs
        if spec.src_uri in taken
    ]
