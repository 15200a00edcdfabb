"""One typed accessor per vitrine plugin, for the other plugins and the command line.

A plugin that cannot work without another asks for it with `needed_by`: when it
is missing from mkdocs.yml the build stops with a message naming it and how to
enable it (as mkdocstrings does for autorefs). A plugin another can do without
comes back as None when absent. Either way, a name taken by a plugin that is
not vitrine's own is refused, never used half-way.

Imports of the plugins happen inside each accessor: a plugin's module may ask
for its siblings without importing them at load time.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from .options import CACHE_DIR

if TYPE_CHECKING:
    from .catalogue.plugin import CataloguePlugin
    from .editor.plugin import EditorPlugin
    from .i18n.plugin import I18nPlugin
    from .identity.plugin import IdentityPlugin
    from .maps.plugin import MapsPlugin
    from .publish.plugin import PublishPlugin
    from .render.plugin import RenderPlugin
    from .showcase.plugin import ShowcasePlugin

Plugin = TypeVar("Plugin")


def _found(config: MkDocsConfig, name: str, kind: type[Plugin], needed_by: str | None) -> Plugin | None:
    plugin = config.plugins.get(name)
    if plugin is None:
        if needed_by is None:
            return None
        raise PluginError(
            f"{needed_by} needs the {name} plugin: add `- {name}` under `plugins:` in mkdocs.yml, "
            f"before {needed_by} (README, Code layout)"
        )
    if not isinstance(plugin, kind):
        raise PluginError(
            f"{name} in mkdocs.yml is {type(plugin).__module__}.{type(plugin).__name__}, not vitrine's plugin: "
            "install vitrine (scripts/bootstrap) and remove the other package of that name"
        )
    return plugin


def catalogue(config: MkDocsConfig, needed_by: str) -> CataloguePlugin:
    """vitrine/catalogue, which every other plugin builds on (languages, records, definitions)."""
    from .catalogue.plugin import CataloguePlugin

    found = _found(config, "vitrine/catalogue", CataloguePlugin, needed_by)
    assert found is not None  # _found raises when a needed plugin is absent
    return found


def catalogue_if_any(config: MkDocsConfig) -> CataloguePlugin | None:
    """vitrine/catalogue for a plugin that does without it (vitrine/render's quick preview)."""
    from .catalogue.plugin import CataloguePlugin

    return _found(config, "vitrine/catalogue", CataloguePlugin, None)


def identity(config: MkDocsConfig) -> IdentityPlugin | None:
    from .identity.plugin import IdentityPlugin

    return _found(config, "vitrine/identity", IdentityPlugin, None)


def i18n(config: MkDocsConfig) -> I18nPlugin | None:
    from .i18n.plugin import I18nPlugin

    return _found(config, "vitrine/i18n", I18nPlugin, None)


def maps(config: MkDocsConfig) -> MapsPlugin | None:
    from .maps.plugin import MapsPlugin

    return _found(config, "vitrine/maps", MapsPlugin, None)


def showcase(config: MkDocsConfig) -> ShowcasePlugin | None:
    from .showcase.plugin import ShowcasePlugin

    return _found(config, "vitrine/showcase", ShowcasePlugin, None)


def publish(config: MkDocsConfig) -> PublishPlugin | None:
    from .publish.plugin import PublishPlugin

    return _found(config, "vitrine/publish", PublishPlugin, None)


def render(config: MkDocsConfig) -> RenderPlugin | None:
    from .render.plugin import RenderPlugin

    return _found(config, "vitrine/render", RenderPlugin, None)


def editor(config: MkDocsConfig) -> EditorPlugin | None:
    from .editor.plugin import EditorPlugin

    return _found(config, "vitrine/editor", EditorPlugin, None)


def cache_folder(config: MkDocsConfig, part: str) -> Path:
    """A plugin's part of the build cache: `<cache_dir>/<part>` (vitrine/catalogue's `cache_dir`,
    `.cache` by default), relative to mkdocs.yml. The one place that knows where the cache is.

    The folder is made here; one that cannot be made or written (a file in its place, no right to
    write) stops the build with a message saying so, before any plugin writes there."""
    from .catalogue.plugin import CataloguePlugin

    plugin = _found(config, "vitrine/catalogue", CataloguePlugin, None)
    cache = Path(config.config_file_path).resolve().parent / (
        plugin.config.cache_dir if plugin is not None else CACHE_DIR
    )
    folder = cache / part
    try:
        folder.mkdir(parents=True, exist_ok=True)
        writable = os.access(folder, os.W_OK | os.X_OK)
    except OSError as exc:
        problem = exc.strerror or type(exc).__name__
    else:
        if writable:
            return folder
        problem = "not writable"
    raise PluginError(
        f"the build cache cannot be used: {folder} ({problem}). "
        f"Delete {cache} (always safe: the build makes it again) or fix its rights, then build again."
    )
