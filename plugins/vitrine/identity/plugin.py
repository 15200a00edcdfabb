"""The `vitrine/identity` plugin: the identity file is the only way to style the site.

on_config  load the tokens (their errors and a palette below WCAG AA are reported with
           every other file's at on_files, vitrine/reporting), refuse Google Fonts and
           stylesheets or scripts outside the identity, set the mark; refuse a header icon
           the theme does not have, put the others in one file (sprite.py)
on_files   publish the generated CSS, the mark, icons, manifest and the fonts
           installed from npm; the header's icon file; at priority -500, the content's
           texts no card font can draw; at priority -1000, stop on the content errors
           every plugin found
on_env     that file, for the templates (`vitrine_icons`)
on_page_context  the theme colour for the page head; the page's share card
                 (checked now, drawn on the pool, cached by content)
on_post_build    cards copied into the site; a title no card font can draw
                 stops the build
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from .. import rendering, reporting, siblings
from ..catalogue.structure import card_texts
from ..images.pool import close_pool
from ..model.errors import ContentError, ContentErrors
from .cards import Card, CardStyle, card_style, text_direction, text_errors
from .config import IdentityConfig
from .contrast import contrast_errors
from .css import FONT_DIR, font_files, preloaded_fonts, stylesheet, unicode_ranges
from .manifest import ASSETS, manifest
from .mark import MarkColours, icon_files, svg
from .sharing import CardMeta, CardService, og_locale
from .sprite import Sprite, icon_settings, read_icons, sprite, unknown_icons
from .tokens import Font, Identity, Limits, load_identity

log = get_plugin_logger(__name__)
STYLESHEET = "assets/identity.css"
# Stylesheets and scripts the identity itself ships; anything else is off-identity.
ALLOWED_EXTRA = {"assets/identity.css", "assets/vitrine.css", "assets/vitrine.js"}


class IdentityPlugin(BasePlugin[IdentityConfig]):
    def __init__(self) -> None:
        self.identity: Identity | None = None
        self.root = Path.cwd()
        self.cards: CardService | None = None
        self.card_style: CardStyle | None = None
        self.sprite: Sprite | None = None
        """The header's icons in one file (sprite.py), made at on_config, published at on_files."""
        self.content_errors: list[ContentError] = []
        """The tokens' errors, and the content's texts no card font can draw: said with every other
        plugin's (vitrine/reporting)."""

    def on_shutdown(self) -> None:
        close_pool()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Priority 0."""
        self.sprite = None
        self.content_errors = []
        if not self.config.enabled:
            return None
        self.root = Path(config.config_file_path).resolve().parent
        self.identity = self._read_tokens()
        _refuse_off_identity(config)
        named = icon_settings(config.theme.get("icon"), config.theme.get("palette"))
        found = read_icons(named, config.theme.dirs)
        config_text = Path(config.config_file_path).read_text(encoding="utf-8") if config.config_file_path else ""
        unknown = unknown_icons(config_text, named, found)
        if unknown:
            raise PluginError("the header cannot draw these icons:\n  " + "\n  ".join(unknown))
        made = sprite(found)
        self.sprite = made if made.path else None  # no icon could be read: pages draw them inline
        config.theme["logo"] = f"{ASSETS}/logo.svg"
        # The page's icon is the mark the header already loads: no extra request on a first view.
        # Browsers without SVG icons ask for /favicon.ico, drawn below.
        config.theme["favicon"] = f"{ASSETS}/logo.svg"
        if STYLESHEET not in config.extra_css:
            config.extra_css.insert(0, STYLESHEET)
        self.card_style = self._card_style() if self.identity is not None else None
        cache = siblings.cache_folder(config, "cards")
        if self.cards is None or self.cards.cache != cache:
            self.cards = CardService(cache)
        self.cards.reset()
        return config

    def _on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        """Priority 0. Everything the identity publishes is generated here."""
        if not self.config.enabled or rendering.nothing_to_build(config) or self.identity is None:
            return None
        light = self.identity.palette.light
        colours = MarkColours(light.primary, light.on_primary, light.accent)
        generated = {
            STYLESHEET: stylesheet(self.identity, self._unicode_ranges()),
            f"{ASSETS}/logo.svg": svg(colours, self.identity.name),
            f"{ASSETS}/manifest.webmanifest": manifest(self.identity, config.theme.get("language", "fr")),
        }
        for src_uri, content in generated.items():
            files.append(File.generated(config, src_uri, content=content))
        for name, data in icon_files(colours, siblings.cache_folder(config, "identity")).items():
            files.append(File.generated(config, name if name == "favicon.ico" else f"{ASSETS}/{name}", content=data))
        if self.sprite is not None:
            files.append(File.generated(config, self.sprite.path, content=self.sprite.content))
        for font in self._fonts():
            for name, _subset, _weight in font_files(font):
                source = self.root / self.config.packages / font.package / "files" / name
                if not source.is_file():
                    raise PluginError(f"font file {name} of {font.package} is missing: run `npm ci` (see README)")
                files.append(File.generated(config, f"{ASSETS}/fonts/{name}", abs_src_path=str(source)))
        return files

    @event_priority(-500)
    def _on_files_card_texts(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        """Priority -500, once vitrine/catalogue has read the pages and records: a text of theirs that
        no card font can draw is an error of its file (line and field), said with every other."""
        if not self.config.enabled or rendering.nothing_to_build(config) or self.identity is None:
            return None
        assert self.card_style is not None
        texts: list[tuple[str, str, str]] = [(self.config.tokens, "name", self.identity.name)]
        catalogue = siblings.catalogue_if_any(config)
        if catalogue is not None and catalogue.config.enabled:
            docs = Path(config.docs_dir).resolve().relative_to(self.root).as_posix()
            titles = {uri: meta.title for uri, meta in catalogue.metas.items() if uri not in catalogue.fallbacks}
            texts += card_texts(catalogue.catalogue, titles, docs)
        self.content_errors += text_errors(texts, self.card_style.fonts, self.root)
        return None

    @event_priority(reporting.LAST)
    def _on_files_report(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        """Priority -1000: the tokens' errors, with every other plugin's (vitrine/catalogue's own
        hook says them all when it is there)."""
        reporting.report(config)
        return None

    on_files = CombinedEvent(_on_files, _on_files_card_texts, _on_files_report)

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment | None:
        """Priority 0. `vitrine_icons`: the icon file partials/vt-icon.html points at (none: inline icons)."""
        env.globals["vitrine_icons"] = self.sprite if self.config.enabled else None
        return env

    @event_priority(-50)
    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        """Priority -50, after vitrine/catalogue and before vitrine/i18n: `identity`, the faces to
        preload (`identity_fonts`) and `card` for the head."""
        if not self.config.enabled or self.identity is None:
            return None
        extra: dict[str, object] = context  # type: ignore[assignment]  # TemplateContext is open to plugins
        extra["identity"] = self.identity
        extra["identity_fonts"] = [
            f"{FONT_DIR}/{name}" for name in preloaded_fonts(self.identity, page.file.src_uri.split("/", 1)[0])
        ]
        extra["card"] = self._card(page, config, extra.get("vitrine"))
        for problem in title_problems(self.identity.limits, page.file.src_uri, page.title or "", _is_tile(page)):
            log.warning(problem)
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Priority 0. Cards into the site; a title no card font can draw is an error."""
        if not self.config.enabled or rendering.nothing_to_build(config) or self.cards is None:
            return
        if self.cards.problems:
            raise PluginError("share cards cannot be drawn:\n  " + "\n  ".join(self.cards.problems))
        self.cards.publish(Path(config.site_dir))
        log.info(f"cards: {self.cards.drawn} drawn, {self.cards.cached} from cache")

    def _read_tokens(self) -> Identity | None:
        """The tokens, or None when they cannot be used: their errors are then reported with every
        other file's once all are read (vitrine/reporting)."""
        try:
            identity = load_identity(self.root / self.config.tokens, self.config.tokens)
        except ContentErrors as exc:
            self.content_errors = list(exc.errors)
            return None
        self.content_errors = contrast_errors(identity, self.config.tokens)
        return None if self.content_errors else identity

    def _card_style(self) -> CardStyle:
        assert self.identity is not None
        style = card_style(self.identity, self.root / self.config.packages)
        for font, path in zip(self.identity.card.fonts, style.fonts, strict=True):
            if not Path(path).is_file():
                raise PluginError(f"card font {font} is missing: run `npm ci` (see README)")
        return style

    def _card(self, page: Page, config: MkDocsConfig, vitrine: object) -> CardMeta | None:
        assert self.identity is not None and self.cards is not None and self.card_style is not None
        language = getattr(vitrine, "language", "fr")
        direction = getattr(vitrine, "direction", "ltr")
        if getattr(vitrine, "fallback_of", None):
            direction = "ltr"  # the text shown is French
        title = page.title or self.identity.name
        shared = page.meta.get("card_subtitle")
        if isinstance(shared, str):  # one card for every language: laid out as its own text reads
            card = Card(self.identity.name, title, shared, text_direction(title + shared), self.card_style)
        else:
            card = Card(self.identity.name, title, page.meta.get("description", "") or "", direction, self.card_style)
        path = self.cards.request(page.file.src_uri, card)
        if path is None:
            return None
        url = (config.site_url or "").rstrip("/") + "/" + path if config.site_url else path
        return CardMeta(url, self.card_style.width, self.card_style.height, og_locale(language))

    def _unicode_ranges(self) -> dict[str, str]:
        ranges: dict[str, str] = {}
        for font in self._fonts():
            for weight in sorted({weight for _name, _subset, weight in font_files(font)}):
                css = self.root / self.config.packages / font.package / f"{weight}.css"
                if css.is_file():
                    ranges |= unicode_ranges(css.read_text(encoding="utf-8"))
        return ranges

    def _fonts(self) -> list[Font]:
        assert self.identity is not None
        scripts = [font for font in self.identity.typography.scripts.values() if isinstance(font, Font)]
        return [self.identity.typography.text, *scripts]


def _is_tile(page: Page) -> bool:
    """Record pages appear as tiles in the directories."""
    return page.file.generated_by == "vitrine/catalogue" and page.meta.get("template") in (
        "quartier.html",
        "champion.html",
    )


def title_problems(limits: Limits, src_uri: str, title: str, tile: bool) -> list[str]:
    language = src_uri.split("/", 1)[0] if "/" in src_uri else "-"
    found = []
    if len(title) > limits.card_title:
        found.append(
            f"{src_uri}: title is {len(title)} characters, cards show {limits.card_title} ({language}): {title!r}"
        )
    if tile and len(title) > limits.tile_title:
        found.append(
            f"{src_uri}: name is {len(title)} characters, tiles show {limits.tile_title} ({language}): {title!r}"
        )
    return found


def _refuse_off_identity(config: MkDocsConfig) -> None:
    problems = []
    if config.theme.get("font") is not False:
        problems.append("theme.font must be false: fonts come from identity.yml and are self-hosted")
    for key in ("extra_css", "extra_javascript"):
        for item in getattr(config, key):
            if str(item) not in ALLOWED_EXTRA:
                problems.append(f"{key}: {item} is outside the identity; colours and fonts belong in identity.yml")
    if problems:
        raise PluginError("mkdocs.yml: " + "\n  mkdocs.yml: ".join(problems))
