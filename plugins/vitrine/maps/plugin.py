"""The `vitrine/maps` plugin: hooks only, in the order MkDocs calls them; listed after
`vitrine/catalogue`, whose records it maps.

on_config        reset per-build state
on_files         (priority -10: the catalogue has loaded the records) draw the base maps once
                 for the build, place the network on them, add one map page per language and the
                 locator's shared drawings (assets/maps/)
on_page_context  (priority -10) the map page's drawings and lists in its language (`vitrine_map`);
                 on a language's home, the France map alone (`vitrine_home_map`); on a quartier's
                 or a champion's page, the locator mini-map marking its quartiers (`vitrine_locator`)
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from mkdocs.utils.templates import TemplateContext

from .. import rendering, reporting, siblings
from ..catalogue.structure import entity_uri
from ..i18n.formatting import Formatter
from ..i18n.messages import N_, Messages, load_messages
from ..model.catalogue import Catalogue
from ..model.errors import ContentError
from ..model.landing import is_home
from .atlas import Atlas, load_atlas
from .config import MapsConfig
from .locator import Locator
from .network import Network, plan_network
from .page import TITLE, HomeMap, Names, france_map, map_page
from .topology import AtlasError

GENERATED_BY = "vitrine/maps"
DESCRIPTION = N_(
    "Where the quartiers of the network are, in France and abroad, and the foreign capitals they work with."
)


class MapsPlugin(BasePlugin[MapsConfig]):
    def __init__(self) -> None:
        self.content_errors: list[ContentError] = []
        """This build's errors in its files, said with every other plugin's (vitrine/reporting)."""
        self.catalogue: Catalogue | None = None
        self.atlas: Atlas | None = None
        self.network: Network | None = None
        self.pages: dict[str, tuple[str, Literal["ltr", "rtl"]]] = {}
        """src_uri of each map page -> its language and direction."""
        self.messages: dict[str, Messages] = {}
        self.urls: dict[str, str] = {}
        """src_uri of each quartier page -> its URL."""
        self.locator: Locator | None = None
        self.located: dict[str, tuple[str, list[str]]] = {}
        """src_uri of each quartier and champion page -> its language and the quartiers its locator marks."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Priority 0. Per-build state is reset here: `mkdocs serve` keeps the plugin."""
        self.content_errors = []
        self.catalogue, self.atlas, self.network, self.pages, self.messages, self.urls = None, None, None, {}, {}, {}
        self.locator, self.located = None, {}
        return config

    @event_priority(-10)
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        """Priority -10, after vitrine/catalogue and before vitrine/i18n indexes the pages."""
        if not self.config.enabled or rendering.nothing_to_build(config):
            return None
        catalogue_plugin = siblings.catalogue(config, "vitrine/maps")
        self.catalogue = catalogue_plugin.catalogue
        if self.catalogue is None:
            if reporting.found(config):  # the records could not be read: said at priority -1000
                return None
            raise PluginError("vitrine/maps needs vitrine/catalogue enabled (enabled: true) to draw its quartiers")
        root = Path(config.config_file_path).resolve().parent
        try:
            self.atlas = load_atlas(root / self.config.packages, cache=siblings.cache_folder(config, "maps"))
        except AtlasError as exc:
            raise PluginError(f"vitrine/maps: {exc}") from None
        quartiers = {slug: entry.record for slug, entry in self.catalogue.quartiers.items()}
        self.network = plan_network(self.atlas, quartiers, self.catalogue.capitals.capitals)
        self.locator = Locator(self.atlas, self.network, quartiers)
        self.located = _located(self.catalogue, [lang.code for lang in catalogue_plugin.config.languages])
        self.urls = {f.src_uri: f.url for f in files.documentation_pages()}
        generated = [
            self._page(config, lang.code, "rtl" if lang.dir == "rtl" else "ltr")
            for lang in catalogue_plugin.config.languages
        ]
        drawings = [_drawing(config, path, svg) for path, svg in self.locator.files().items()]
        taken = _taken(files, generated + drawings, Path(config.docs_dir).resolve().relative_to(root).as_posix())
        if taken:  # said with every other plugin's errors at priority -1000
            self.content_errors = taken
            return None
        for file in generated:
            files.append(file)
            self.urls[file.src_uri] = file.url
        for file in drawings:
            files.append(file)
        return files

    @event_priority(-10)
    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        """Priority -10, after vitrine/catalogue set the page's language and strings."""
        if self.catalogue is None or self.atlas is None or not self.network or rendering.delegated(context):
            return None  # a worker renders this page: the map is drawn there
        if page.file.src_uri in self.located:
            return self._locator(context, page)
        if page.file.src_uri not in self.pages:
            return self._home(context, page, self.catalogue, self.atlas, self.network)
        language, direction = self.pages[page.file.src_uri]
        catalogue = self.catalogue

        def href(slug: str) -> str:
            return get_relative_url(self.urls[entity_uri("quartier", language, slug)], page.url)

        extra: dict[str, object] = context  # type: ignore[assignment]  # TemplateContext is open to plugins
        extra["vitrine_map"] = map_page(
            self.atlas,
            self.network,
            {slug: entry.record for slug, entry in catalogue.quartiers.items()},
            catalogue.capitals.capitals,
            language,
            direction,
            self.messages[language].gettext,
            href,
        )
        return context

    # Helpers (no hooks below) -------------------------------------------------

    def _home(
        self, context: TemplateContext, page: Page, catalogue: Catalogue, atlas: Atlas, network: Network
    ) -> TemplateContext | None:
        """A language's home shows the France map as a way in, every point a link, and links the map page."""
        language = page.file.src_uri.split("/", 1)[0]
        map_uri = f"{language}/{self.config.page}.md"
        if not is_home(page.file.src_uri, self.messages) or map_uri not in self.pages:
            return None
        quartiers = {slug: entry.record for slug, entry in catalogue.quartiers.items()}

        def href(slug: str) -> str:
            return get_relative_url(self.urls[entity_uri("quartier", language, slug)], page.url)

        gettext = self.messages[language].gettext
        names = Names(quartiers, catalogue.capitals.capitals, language, Formatter(language), gettext, href)
        svg = france_map(atlas, network, names, self.pages[map_uri][1], neighbours=False)
        extra: dict[str, object] = context  # type: ignore[assignment]  # TemplateContext is open to plugins
        extra["vitrine_home_map"] = HomeMap(svg, self.urls[map_uri])
        return context

    def _locator(self, context: TemplateContext, page: Page) -> TemplateContext | None:
        """A record page's mini-map: its quartier, or every quartier of its champion, marked."""
        if self.locator is None:
            return None
        language, slugs = self.located[page.file.src_uri]

        def href(path: str) -> str:
            return get_relative_url(path, page.url)

        extra: dict[str, object] = context  # type: ignore[assignment]  # TemplateContext is open to plugins
        extra["vitrine_locator"] = self.locator.draw(slugs, language, self._messages(language).gettext, href)
        return context

    def _messages(self, language: str) -> Messages:
        """The language's strings, read from its catalogue once per build (not once per page)."""
        if language not in self.messages:
            self.messages[language] = load_messages(language)
        return self.messages[language]

    def _page(self, config: MkDocsConfig, language: str, direction: Literal["ltr", "rtl"]) -> File:
        messages = self._messages(language)
        meta = {
            "title": messages.gettext(TITLE),
            "description": messages.gettext(DESCRIPTION),
            "template": "map.html",
            "hide": ["navigation", "toc"],  # a header tab: no documentation sidebars
            "nav_order": self.config.nav_order,
        }
        src_uri = f"{language}/{self.config.page}.md"
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=True)
        file = File.generated(config, src_uri, content=f"---\n{front}---\n")
        file.generated_by = GENERATED_BY
        file.edit_uri = None  # drawn from every quartier record: no single source to edit
        self.pages[src_uri] = (language, direction)
        return file


def _drawing(config: MkDocsConfig, path: str, svg: str) -> File:
    """A shared locator drawing, published as a static file."""
    file = File.generated(config, path, content=svg)
    file.generated_by = GENERATED_BY
    return file


def _located(catalogue: Catalogue, languages: list[str]) -> dict[str, tuple[str, list[str]]]:
    """The pages that show a locator, in every language, with the quartiers each marks."""
    marked: list[tuple[Literal["quartier", "champion"], str, list[str]]] = [
        ("quartier", slug, [slug]) for slug in catalogue.quartiers
    ]
    marked += [("champion", slug, list(entry.record.quartiers)) for slug, entry in catalogue.champions.items()]
    return {
        entity_uri(kind, language, slug): (language, quartiers)
        for kind, slug, quartiers in marked
        for language in languages
    }


def _taken(files: Files, generated: list[File], rel_docs: str) -> list[ContentError]:
    """A page of content/ at a map page's address would be silently replaced: an error instead."""
    taken = {f.dest_uri: f for f in files}
    return [
        ContentError(
            f"{rel_docs}/{taken[file.dest_uri].src_uri}",
            0,
            0,
            "",
            f"this page takes the address of the generated map page {file.url}",
            "rename or remove it, or set another `page:` for vitrine/maps in mkdocs.yml",
        )
        for file in generated
        if file.dest_uri in taken
    ]
