"""The `vitrine/i18n` plugin: moving between languages, hooks only.

Runs after `vitrine/catalogue` (which declares the languages and adds record
and fallback pages):

on_config        read the languages, reset per-build state
on_files         index every page by (language, key); translation status and
                 glossary (warnings, so --strict fails); the status page; the theme's
                 search scripts for languages no search index has are not published
on_page_context  switcher targets, hreflang group, canonical of fallbacks,
                 outdated-translation notice
on_post_build    one search index and one sitemap per language
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from .. import rendering, siblings
from ..model.editorial import FALLBACK
from ..model.errors import ContentError, ContentErrors, logged
from ..model.glossary import glossary_problems, load_glossary
from ..model.translations import Unit, collect, translation_problems
from ..publish.trim import from_theme
from .alternates import HOME_KEY, PageIndex, split_uri
from .config import I18nConfig
from .publishing import search_languages, split_search_index, unused_search_script, write_sitemaps
from .status import STATUS_PAGE, LanguageStatus, status_table
from .switcher import Language, page_translations

log = get_plugin_logger(__name__)


class I18nPlugin(BasePlugin[I18nConfig]):
    def __init__(self) -> None:
        self.content_errors: list[ContentError] = []
        """This build's errors in its files, said with every other plugin's (vitrine/reporting)."""
        self.languages: list[Language] = []
        self.index = PageIndex(())
        self.status: list[LanguageStatus] = []
        """The translation status per language, for its page (the units themselves are not kept:
        15 MB at 50,000 pages, inherited by every page worker)."""
        self.outdated: set[tuple[str, str]] = set()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Priority 0, after vitrine/catalogue (listed first in mkdocs.yml)."""
        self.content_errors = []
        if not self.config.enabled:
            return None
        catalogue = siblings.catalogue(config, "vitrine/i18n")  # it declares the languages
        self.languages = [Language(lang.code, lang.name, lang.dir) for lang in catalogue.config.languages]
        self.index = PageIndex(tuple(language.code for language in self.languages))
        self.status, self.outdated = [], set()
        unknown = sorted(set(self.config.require) - set(self.index.languages))
        if unknown:
            raise PluginError(f"vitrine/i18n: 'require' names {', '.join(unknown)}, not a language of the site")
        return config

    @event_priority(-100)
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        """Priority -100: after every plugin that adds pages."""
        if not self.config.enabled or rendering.nothing_to_build(config):
            return None
        for file in files.documentation_pages():
            language, key = split_uri(file.src_uri, self.index.languages)
            if language is not None:
                self.index.add(language, key, file.url, fallback=file.generated_by == FALLBACK)
            elif key == HOME_KEY:
                self.index.root = file.url.removeprefix("./")  # "" for the root, as every URL is relative
        search = config.plugins.get("material/search")
        if search is not None:  # the search languages no index has: their scripts are never loaded
            indexes = search_languages(self.index.languages, search.config.get("lang") or [])
            docs_dir = Path(config.docs_dir).resolve()
            for file in [
                f for f in files if unused_search_script(f.src_uri, indexes) and from_theme(f.abs_src_path, docs_dir)
            ]:
                files.remove(file)
        root = Path(config.config_file_path).resolve().parent
        docs = Path(config.docs_dir).resolve().relative_to(root).as_posix()
        scan = collect(root, docs, self.index.languages)
        self.content_errors = list(scan.errors)  # said with every other plugin's at priority -1000
        self._check(root, scan.readable())  # as vitrine check says it
        if scan.errors:  # a sidecar or a translation that cannot be read: no status page
            return None
        self.outdated = {(u.language, u.page) for u in scan.units if u.status == "outdated" and u.page}
        self.status = status_table(scan.units, self.index.languages)
        status = File.generated(config, self.config.status_page, content=STATUS_PAGE)
        status.generated_by = "vitrine/i18n"
        files.append(status)
        return files

    @event_priority(-100)
    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        """Priority -100. `translations` for the header switcher and the hreflang links."""
        if not self.config.enabled:
            return None
        language, key = split_uri(page.file.src_uri, self.index.languages)
        if language is not None and page.meta.get("updated"):
            self.index.updated[(language, key)] = str(page.meta["updated"])
        translations = page_translations(page.file.src_uri, self.languages, self.index, self.outdated)
        if translations.canonical is not None:
            page.canonical_url = _absolute(config, translations.canonical)
        extra: dict[str, object] = context  # type: ignore[assignment]  # TemplateContext is open to plugins
        extra["translations"] = translations
        if page.file.src_uri == self.config.status_page:
            extra["translation_status"] = self.status
        return context

    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Priority -100: after Material's search plugin has written its index."""
        if not self.config.enabled or rendering.nothing_to_build(config):
            return
        site = Path(config.site_dir)
        split_search_index(site, self.index)
        write_sitemaps(site, config.site_url or "", self.index)

    # Helpers (no hooks below) -------------------------------------------------

    def _check(self, root: Path, units: list[Unit]) -> None:
        """The translations' and the glossary's warnings, logged; the glossary's errors, kept."""
        for problem in translation_problems(root, units, self.config.require):
            log.warning(str(problem), extra=logged(problem))
        if not self.config.glossary:
            return
        try:
            glossary = load_glossary(root / self.config.glossary, self.config.glossary)
        except ContentErrors as exc:  # said with every other plugin's errors at priority -1000
            self.content_errors += exc.errors
            return
        for problem in glossary_problems(glossary, units):
            log.warning(str(problem), extra=logged(problem))


def _absolute(config: MkDocsConfig, url: str) -> str | None:
    return (config.site_url or "").rstrip("/") + "/" + url if config.site_url else None
