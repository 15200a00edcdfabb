"""Content errors of one build, reported together: every broken file is named by one build.

Each plugin reads its own files (vitrine/identity its tokens at `on_config`; vitrine/catalogue
the records and pages, vitrine/showcase the news and the calendar, vitrine/i18n the
translations and the glossary at `on_files`). A plugin that finds errors keeps them in its
`content_errors` (`FindsErrors`, emptied at its `on_config`) and carries on without what it
could not read. The build stops once every plugin has read its files: `report`, called by an
`on_files` hook of priority -1000, raises every plugin's errors in one message, sorted as
`vitrine check` lists them; its cause is the `ContentErrors`, which the preview words in French.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from .model.errors import ContentError, ContentErrors

LAST = -1000
"""The priority of the `on_files` hooks that call `report`: after every plugin's own."""


@runtime_checkable
class FindsErrors(Protocol):
    content_errors: list[ContentError]
    """This build's errors in the plugin's files, said by `report`; emptied at its `on_config`."""


def found(config: MkDocsConfig) -> list[ContentError]:
    """Every error the build's plugins have found so far."""
    return [
        error
        for plugin in config.plugins.values()
        if isinstance(plugin, FindsErrors)
        for error in plugin.content_errors
    ]


def report(config: MkDocsConfig) -> None:
    """Stop the build with every error found so far, if any."""
    errors = found(config)
    if errors:
        problems = ContentErrors(errors)
        raise PluginError(problems.report()) from problems
