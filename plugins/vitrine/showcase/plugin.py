"""The `vitrine/showcase` plugin: hooks only, in the order MkDocs calls them.

Runs after `vitrine/catalogue` (listed after it in mkdocs.yml), whose loaded
catalogue and editorial front matter it reads:

on_config        reset per-build state; the interface strings of every language
on_files         check the news posts and the calendar (all errors at once); publish
                 the open data under data/ (JSON, CSV, GeoJSON, JSON Schemas)
on_page_markdown add the generated part of three editorial pages: the list of posts
                 to the news index, the timeline to the calendar page, the files
                 with licence, source and last update to the data page
on_page_content  keep each post's HTML for its language's feed
on_page_context  `showcase` for the head: the feed link, JSON-LD, Open Graph type; on a
                 language's home, its newest posts (`vitrine_latest`)
on_post_build    one Atom feed per language
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from mkdocs.utils.templates import TemplateContext

from .. import rendering, siblings
from ..catalogue.structure import entity_uri
from ..i18n.alternates import split_uri
from ..i18n.formatting import Formatter
from ..i18n.messages import Messages, load_messages
from ..model.catalogue import Catalogue
from ..model.errors import ContentError
from ..model.landing import is_home
from ..model.records import SOURCE_LANGUAGE
from .calendar import Calendar, Timeline, Wave, timeline_markdown
from .checks import check_showcase
from .config import ShowcaseConfig
from .dates import content_date, source_date_epoch
from .exports import DATA_FOLDER, Publication, dataset_files, files_markdown, keep_on_disk
from .head import Head
from .jsonld import organization, place, script_text
from .markdown import relative
from .news import FEED, INDEX, LATEST, NEWS, Feed, Latest, Post, atom, index_markdown, posts_of

log = get_plugin_logger(__name__)


class ShowcasePlugin(BasePlugin[ShowcaseConfig]):
    def __init__(self) -> None:
        self.content_errors: list[ContentError] = []
        """This build's errors in its files, said with every other plugin's (vitrine/reporting)."""
        self.root = Path.cwd()
        self.languages: tuple[str, ...] = ()
        self.messages: dict[str, Messages] = {}
        self.base_url = ""
        """site_url ending with `/`, or "" (then no feed and no JSON-LD: both need absolute addresses)."""
        self.catalogue: Catalogue | None = None
        self.calendar = Calendar()
        self.waves: list[Wave] = []
        self.as_of: dt.date | None = None
        """The content date: the datasets' last update, the line between past and upcoming events."""
        self.publication: Publication | None = None
        self.datasets: list[str] = []
        """The names of the data files."""
        self.urls: dict[str, str] = {}
        """src_uri -> site-relative URL of every page."""
        self.posts: dict[str, list[Post]] = {}
        """Per language, newest first (French fallbacks included)."""
        self.contents: dict[str, str] = {}
        """src_uri of a post -> its rendered HTML, for the feed."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Priority 0. Per-build state is reset here: `mkdocs serve` keeps the plugin."""
        self.content_errors = []
        if not self.config.enabled:
            return None
        catalogue = siblings.catalogue(config, "vitrine/showcase")
        self.root = Path(config.config_file_path).resolve().parent
        self.languages = tuple(language.code for language in catalogue.config.languages)
        self.messages = {code: load_messages(code) for code in self.languages}
        self.base_url = config.site_url.rstrip("/") + "/" if config.site_url else ""
        self.catalogue, self.calendar, self.waves, self.as_of, self.publication = None, Calendar(), [], None, None
        self.datasets, self.urls, self.posts, self.contents = [], {}, {}, {}
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        """Priority 0, after vitrine/catalogue has loaded the records and front matter."""
        if not self.config.enabled or rendering.nothing_to_build(config):
            return None
        catalogue_plugin = siblings.catalogue(config, "vitrine/showcase")
        catalogue = catalogue_plugin.catalogue
        docs_dir = Path(config.docs_dir)
        rel_docs = docs_dir.resolve().relative_to(self.root).as_posix()
        sources = [f.src_uri for f in files.documentation_pages() if not f.generated_by]
        files_read = (self.config.news, self.config.calendar)
        checked = check_showcase(self.root, (docs_dir, rel_docs), sources, self.languages, files_read, catalogue)
        if catalogue is None or checked.errors:  # said with every other plugin's errors at priority -1000
            self.content_errors = checked.errors
            return None
        self.calendar, self.waves = checked.calendar, checked.waves
        metas, fallbacks = catalogue_plugin.metas, catalogue_plugin.fallbacks
        self.urls = {f.src_uri: f.url for f in files.documentation_pages()}
        self.posts = {
            code: posts_of(code, metas, fallbacks, self.urls, self.languages, self.config.news)
            for code in self.languages
        }
        self.as_of = content_date(catalogue, metas.values(), source_date_epoch(os.environ))
        self.publication = Publication(self.config.publisher or config.site_name, self.base_url, self.as_of)
        kept = siblings.cache_folder(config, DATA_FOLDER)
        datasets = dataset_files(catalogue, self.publication, self._source_page)
        for name, path in keep_on_disk(kept, datasets).items():
            files.append(File.generated(config, f"{DATA_FOLDER}/{name}", abs_src_path=str(path)))
        self.datasets = list(datasets)
        self.catalogue = catalogue
        return files

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Priority 0. The generated part of the news index, the calendar page and the data page."""
        if not self.config.enabled or self.catalogue is None:
            return None
        language, key = split_uri(page.file.src_uri, self.languages)
        if language is None:
            return None
        gettext, src_uri = self.messages[language].gettext, page.file.src_uri
        if key == f"{self.config.news}/{INDEX}":
            feed_url = self._feed_url(language)
            feed = get_relative_url(feed_url, page.file.url) if feed_url else None
            return markdown + index_markdown(self.posts[language], gettext, Formatter(language), feed)
        if key == self.config.calendar_page:
            timeline = Timeline(self.calendar, self.waves, self.catalogue, self.as_of)
            return markdown + timeline_markdown(
                timeline, language, gettext, lambda slug: relative(entity_uri("quartier", language, slug), src_uri)
            )
        if key == self.config.data_page and self.publication is not None:
            counts = {"quartiers": len(self.catalogue.quartiers), "champions": len(self.catalogue.champions)}
            return markdown + files_markdown(
                self.datasets,
                counts,
                self.publication,
                gettext,
                Formatter(language),
                lambda name: relative(f"{DATA_FOLDER}/{name}", src_uri),
            )
        return None

    @event_priority(-50)
    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Priority -50, after vitrine/catalogue has sanitized the page: a post's HTML for the feed."""
        if self.config.enabled and self._post(page.file.src_uri, own=True) is not None:
            self.contents[page.file.src_uri] = html
        return None

    @event_priority(-110)
    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        """Priority -110, after vitrine/i18n has set the canonical address of fallback pages."""
        if not self.config.enabled or self.catalogue is None or rendering.delegated(context):
            return None  # a delegated page's context is the worker's to fill: only its template reads it
        language, _key = split_uri(page.file.src_uri, self.languages)
        post = self._post(page.file.src_uri)
        extra: dict[str, object] = context  # type: ignore[assignment]  # TemplateContext is open to plugins
        extra["showcase"] = Head(
            feed=self._feed_url(language) if language else None,
            feed_title=self._feed_title(language, config) if language else "",
            json_ld=self._json_ld(extra.get("vitrine"), page, language),
            og_type="article" if post else "website",
            published=post.date.isoformat() if post else None,
            modified=post.updated.isoformat() if post else None,
        )
        if language and is_home(page.file.src_uri, self.languages):
            index = self.urls.get(f"{language}/{self.config.news}/{INDEX}")
            extra["vitrine_latest"] = Latest(self.posts.get(language, [])[:LATEST], index)
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Priority 0. The feeds, once every post is rendered; before vitrine/publish swaps the site in."""
        if not self.config.enabled or rendering.nothing_to_build(config) or self.catalogue is None:
            return
        site = Path(config.site_dir)
        for language in self.languages:
            url = self._feed_url(language)
            if url is None:
                continue
            home = self.urls[f"{language}/{self.config.news}/{INDEX}"]
            author = self.publication.publisher if self.publication else config.site_name
            feed = Feed(language, self._feed_title(language, config), self.base_url, url, home, author, self.as_of)
            text = atom(feed, self.posts[language], lambda post: self.contents.get(post.src_uri))
            (site / url).parent.mkdir(parents=True, exist_ok=True)
            (site / url).write_text(text, encoding="utf-8")

    # Helpers (no hooks below) -------------------------------------------------

    def _source_page(self, kind: str, slug: str) -> str:
        """Address of a record's page in the source language: the exports' `page` column."""
        return self.base_url + self.urls[entity_uri(kind, SOURCE_LANGUAGE, slug)]  # type: ignore[arg-type]

    def _post(self, src_uri: str, *, own: bool = False) -> Post | None:
        language, _key = split_uri(src_uri, self.languages)
        for post in self.posts.get(language or "", []):
            if post.src_uri == src_uri and not (own and post.fallback):
                return post
        return None

    def _feed_url(self, language: str) -> str | None:
        """`<lang>/feed.xml`, for a language with a news index, on a site with a known address."""
        if not self.base_url or f"{language}/{self.config.news}/{INDEX}" not in self.urls:
            return None
        return f"{language}/{FEED}"

    def _feed_title(self, language: str, config: MkDocsConfig) -> str:
        return f"{config.site_name} · {self.messages[language].gettext(NEWS)}"

    def _json_ld(self, vitrine: object, page: Page, language: str | None) -> Markup | None:
        spec = getattr(vitrine, "spec", None)
        if spec is None or language is None or not self.base_url or self.catalogue is None:
            return None
        url = page.canonical_url or self.base_url + page.url
        trail = [(crumb.label, self.base_url + crumb.link) for crumb in getattr(vitrine, "breadcrumbs", [])]
        if spec.kind == "quartier":
            entry = self.catalogue.quartiers[spec.slug]
            return Markup(script_text(place(entry, language, url, self._place_id(spec.slug), trail)))
        if spec.kind == "champion":
            champion = self.catalogue.champions[spec.slug]
            entity = self._source_page("champion", spec.slug) + "#organization"
            return Markup(script_text(organization(champion, language, url, entity, self._place_id, trail)))
        return None

    def _place_id(self, slug: str) -> str:
        return self._source_page("quartier", slug) + "#place"
