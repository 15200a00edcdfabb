"""The `vitrine/i18n` plugin: moving between languages, hooks only.

Runs after `vitrine/catalogue` (which declares the languages and adds record
and fallback pages):

on_config        read the languages, reset per-build state
on_files         index every page by (language, key)
on_page_context  switcher targets, hreflang group, canonical of fallbacks
on_post_build    one search index and one sitemap per language
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from ..model.editorial import FALLBACK
from .alternates import PageIndex, split_uri
from .config import I18nConfig
from .publishing import split_search_index, write_sitemaps
from .switcher import Language, PageTranslations, page_translations


class I18nPlugin(BasePlugin[I18nConfig]):
    def __init__(self) -> None:
        self.languages: list[Language] = []
        self.index = PageIndex(())

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Priority 0, after vitrine/catalogue (listed first in mkdocs.yml)."""
        if not self.config.enabled:
            return None
        catalogue = config.plugins.get("vitrine/catalogue")
        if catalogue is None:
            raise PluginError("vitrine/i18n needs the vitrine/catalogue plugin, which declares the languages")
        self.languages = [Language(lang.code, lang.name, lang.dir) for lang in catalogue.config.languages]
        self.index = PageIndex(tuple(language.code for language in self.languages))
        return config

    @event_priority(-100)
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        """Priority -100: after every plugin that adds pages."""
        if not self.config.enabled:
            return None
        for file in files.documentation_pages():
            language, key = split_uri(file.src_uri, self.index.languages)
            if language is not None:
                self.index.add(language, key, file.url, fallback=file.generated_by == FALLBACK)
        return files

    @event_priority(-100)
    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        """Priority -100. `translations` for the header switcher and the hreflang links."""
        if not self.config.enabled:
            return None
        translations: PageTranslations = page_translations(page.file.src_uri, self.languages, self.index)
        if translations.canonical is not None:
            page.canonical_url = _absolute(config, translations.canonical)
        extra: dict[str, object] = context  # type: ignore[assignment]  # TemplateContext is open to plugins
        extra["translations"] = translations
        return context

    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Priority -100: after Material's search plugin has written its index."""
        if not self.config.enabled:
            return
        site = Path(config.site_dir)
        split_search_index(site, self.index)
        write_sitemaps(site, config.site_url or "", self.index)


def _absolute(config: MkDocsConfig, url: str) -> str | None:
    return (config.site_url or "").rstrip("/") + "/" + url if config.site_url else None
