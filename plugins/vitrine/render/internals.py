"""The one module that names anything private of MkDocs (and of its LiveReload server).

The fast paths lean on MkDocs 1.6 internals: the shared parser on the four processors
`Page.render` registers and on `Page._title_from_render`; page workers and serve's quick
pass on `_build_page` and `_populate_page` (and the line `_build_page` logs for an empty
page, which the parent's log hides for pages a worker renders); replacing the server's
`builder` (a failed rebuild keeps the last good pages served) and telling browsers to reload after the full
preview build on the server's epoch fields. `check()` looks for each of them, with the
parameters we call them with, once per build (`vitrine/render`'s `on_config`). A part whose
names are missing or different is switched off with one line in the log, and MkDocs' own
behaviour does that part: `Page.render` for the parser, MkDocs' page loop for the workers,
a full rebuild for the quick pass. The output is the same either way (tests/test_render.py
forces each fallback and compares every byte).

`VITRINE_MKDOCS_INTERNALS=off` (or a comma-separated list of parts: `parser,pages,server`)
forces the fallbacks, to check a site with MkDocs' own behaviour.
"""

from __future__ import annotations

import inspect
import logging
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path
from typing import Any, Literal

import jinja2
import markdown
from mkdocs import __version__ as MKDOCS_VERSION  # noqa: N812
from mkdocs.commands import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure import pages as mkdocs_pages
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from watchdog import events
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

Part = Literal["parser", "pages", "server", "watcher"]
PARTS: tuple[Part, ...] = ("parser", "pages", "server", "watcher")
FORCED = "VITRINE_MKDOCS_INTERNALS"
TESTED = "1.6."
"""The MkDocs line these names were read from."""

_WHAT: dict[Part, str] = {
    "parser": "one Markdown parser for every page (MkDocs' Page.render instead)",
    "pages": "page workers and serve's quick pass (MkDocs' page loop and full rebuilds instead)",
    "server": "serve's quick pass and its errors shown on the served pages (MkDocs' full rebuilds instead)",
    "watcher": "serve's native file watcher (MkDocs' polling instead)",
}
_PROCESSORS = {
    "_RawHTMLPreprocessor": (),
    "_ExtractAnchorsTreeprocessor": ("file", "files", "config"),
    "_RelativePathTreeprocessor": ("file", "files", "config"),
    "_ExtractTitleTreeprocessor": (),
}
_SKIPPED = "Page skipped: '{}'. Generated empty output."
"""MkDocs' info line for a page whose template gave nothing (a page a worker renders, in the parent)."""
_SERVER_FIELDS = ("_epoch_cond", "_wanted_epoch", "_visible_epoch", "_watched_paths", "self.builder")
_WATCHER_FIELDS = ("self.observer = watchdog.observers.polling.PollingObserver", "_watched_paths", "_watch_refs")


@dataclass(frozen=True)
class Internals:
    """Which parts may use MkDocs' internals in this build, and why the others may not."""

    usable: frozenset[Part]
    problems: tuple[str, ...]

    def __contains__(self, part: object) -> bool:
        return part in self.usable


def _parameters(function: Callable[..., Any]) -> tuple[str, ...]:
    return tuple(inspect.signature(function).parameters)


def _source(thing: object) -> str:
    try:
        return inspect.getsource(thing)  # type: ignore[arg-type]
    except (OSError, TypeError):
        return ""


def _parser_problem() -> str | None:
    for name, wanted in _PROCESSORS.items():
        kind = getattr(mkdocs_pages, name, None)
        if kind is None or not hasattr(kind, "_register"):
            return f"mkdocs.structure.pages.{name} (with _register) is gone"
        if wanted and _parameters(kind.__init__)[1:] != wanted:
            return f"mkdocs.structure.pages.{name} takes {_parameters(kind.__init__)[1:]}, not {wanted}"
    if "self._title_from_render" not in _source(Page):
        return "Page._title_from_render is gone"
    if "links_to_anchors" not in vars(Page) or Page.links_to_anchors is not None:
        return "Page.links_to_anchors has no class default of None"
    return None


def _pages_problem() -> str | None:
    expected = {
        "_build_page": ("page", "config", "doc_files", "nav", "env", "dirty", "excluded"),
        "_populate_page": ("page", "config", "files", "dirty"),
    }
    for name, wanted in expected.items():
        function = getattr(mkdocs_build, name, None)
        if function is None:
            return f"mkdocs.commands.build.{name} is gone"
        if _parameters(function) != wanted:
            return f"mkdocs.commands.build.{name} takes {_parameters(function)}, not {wanted}"
    if _SKIPPED.split("'")[-1] not in _source(mkdocs_build._build_page):
        return "mkdocs.commands.build._build_page no longer logs 'Page skipped: ... Generated empty output.'"
    return None


def _server_problem() -> str | None:
    import mkdocs.livereload as livereload

    if not callable(getattr(livereload, "_timestamp", None)):
        return "mkdocs.livereload._timestamp is gone"
    source = _source(LiveReloadServer.__init__)
    missing = [field for field in _SERVER_FIELDS if field not in source]
    return f"LiveReloadServer has no {', '.join(missing)}" if missing else None


def _watcher_problem() -> str | None:
    if "event_filter" not in _parameters(BaseObserver.schedule):
        return "watchdog's Observer.schedule takes no event_filter (watchdog 4 or later has it)"
    source = _source(LiveReloadServer.__init__) + _source(LiveReloadServer.watch) + _source(LiveReloadServer.serve)
    missing = [field for field in _WATCHER_FIELDS if field not in source]
    if "if self._watched_paths:\n            self.observer.start()" not in source:
        missing.append("observer started in serve()")
    return f"LiveReloadServer has no {', '.join(missing)}" if missing else None


@cache  # the installed MkDocs does not change within a process; reading its source costs file reads
def _problems() -> tuple[tuple[Part, str | None], ...]:
    return (
        ("parser", _parser_problem()),
        ("pages", _pages_problem()),
        ("server", _server_problem()),
        ("watcher", _watcher_problem()),
    )


def check() -> Internals:
    """Which parts can use MkDocs' internals: every name there, with the parameters we pass."""
    forced = os.environ.get(FORCED, "").strip()
    off = set(PARTS) if forced == "off" else {part.strip() for part in forced.split(",") if part.strip()}
    problems: list[str] = []
    usable: set[Part] = set()
    version = "" if MKDOCS_VERSION.startswith(TESTED) else f"MkDocs {MKDOCS_VERSION}, read from {TESTED}x: "
    for part, problem in _problems():
        if part in off:
            problems.append(f"{_WHAT[part]}: off ({FORCED}={forced})")
        elif problem is not None:
            problems.append(f"{_WHAT[part]}: off, {version}{problem}")
        else:
            usable.add(part)
    return Internals(frozenset(usable), tuple(problems))


# The calls themselves: only through these. ----------------------------------------------------


def build_page(
    page: Page, config: MkDocsConfig, pages: Sequence[File], nav: Navigation, env: jinja2.Environment
) -> None:
    """MkDocs' own rendering of one page into its destination (templates, hooks, writing)."""
    mkdocs_build._build_page(page, config, pages, nav, env, excluded=page.file.inclusion.is_excluded())


def populate_page(page: Page, config: MkDocsConfig, files: Files) -> None:
    """MkDocs' own reading and conversion of one page (its Markdown, hooks, `page.render`)."""
    mkdocs_build._populate_page(page, config, files)


def reload_browsers(server: LiveReloadServer) -> None:
    """Have every open browser reload now, as the server does after its own rebuild."""
    import mkdocs.livereload as livereload

    with server._epoch_cond:
        server._wanted_epoch = server._visible_epoch = livereload._timestamp()
        server._epoch_cond.notify_all()


def wrap_builder(server: LiveReloadServer, wrap: Callable[[Callable[[], None]], Callable[[], None]]) -> None:
    """Have the server rebuild with `wrap(its own rebuild)`."""
    server.builder = wrap(server.builder)


_CHANGES: list[type[events.FileSystemEvent]] = [
    events.FileCreatedEvent,
    events.FileDeletedEvent,
    events.FileModifiedEvent,
    events.FileMovedEvent,
    events.FileAttribEvent,
    events.FileClosedEvent,
    events.DirCreatedEvent,
    events.DirDeletedEvent,
    events.DirMovedEvent,
    events.EventsLostEvent,
]
"""What the server hears of: changes. Not a file opened or closed unwritten: the server's own
reading of the sources would start another rebuild, and that one another."""


class _NativeObserver(Observer):  # type: ignore[misc,valid-type]  # the platform's, chosen at import
    """The system's file events, changes only; started by `watch_natively`, so the server's own
    start is a no-op."""

    def schedule(self, handler: Any, path: str | Path, *, recursive: bool = False, **options: Any) -> Any:
        return super().schedule(handler, path, recursive=recursive, event_filter=_CHANGES, **options)

    def start(self) -> None:
        if not self.is_alive():
            super().start()


def watch_natively(server: LiveReloadServer, more: Sequence[str]) -> str | None:
    """Have the server notice edits by the system's file events instead of MkDocs' polling: what
    it watches now and `more` (mkdocs.yml's `watch:`, which MkDocs adds after `on_serve`) are
    watched by a started native observer. None when done; else why not, the server untouched."""
    polling, watched, refs = server.observer, dict(server._watched_paths), dict(server._watch_refs)
    native = _NativeObserver()
    server.observer, server._watched_paths, server._watch_refs = native, {}, {}
    try:
        for path in [*watched, *more]:
            server.watch(path)
        native.start()  # the system's watches are made here: a limit reached raises now, not in serve()
    except OSError as exc:
        native.stop()
        server.observer, server._watched_paths, server._watch_refs = polling, watched, refs
        return f"{type(exc).__name__}: {exc}"
    for path, count in watched.items():
        server._watched_paths[os.path.abspath(path)] = count  # noqa: PTH100  # as the server spells them
    return None


def skipped_line(page: Page) -> str:
    """What MkDocs logs for `page` when its template gives nothing."""
    return _SKIPPED.format(page.file.src_uri)


def watched_paths(server: LiveReloadServer) -> list[str]:
    """What the server watches (the theme too with --watch-theme)."""
    return list(server._watched_paths)


@dataclass
class PageProcessors:
    """MkDocs' four page-bound processors, made per page and registered on a shared parser."""

    raw_html: Any
    anchors: Any
    relative: Any
    title: Any

    @classmethod
    def register(cls, md: markdown.Markdown, page: Page, files: Files, config: MkDocsConfig) -> PageProcessors:
        made = cls(
            mkdocs_pages._RawHTMLPreprocessor(),
            mkdocs_pages._ExtractAnchorsTreeprocessor(page.file, files, config),
            mkdocs_pages._RelativePathTreeprocessor(page.file, files, config),
            mkdocs_pages._ExtractTitleTreeprocessor(),
        )
        for processor in (made.raw_html, made.anchors, made.relative, made.title):
            processor._register(md)
        return made

    def found(self) -> Found:
        """What `Page.render` records on the page from them."""
        anchors, raw = self.anchors.present_anchor_ids, self.raw_html.present_anchor_ids
        return Found(self.title.title, anchors | raw if raw else anchors, self.relative.links_to_anchors)


@dataclass(frozen=True)
class Found:
    """What MkDocs' page-bound processors found in a page's Markdown, as `Page.render` records it:
    the title of its first heading, the anchors it has, the links it makes to other pages' anchors
    (checked by MkDocs once every page is converted)."""

    title: str | None
    anchors: set[str]
    links_to_anchors: dict[Any, Any]

    def record(self, page: Page) -> None:
        page._title_from_render = self.title
        page.present_anchor_ids = self.anchors  # one set: not a third when one of the two is empty
        # Only when there are some: without, the class's None means the same to MkDocs (nothing to
        # check), and a third attribute of the page's own gives the page a dictionary of its own
        # instead of one sharing its keys with every other page (830 bytes a page, 43 MB at 50,000).
        if self.links_to_anchors and mkdocs_pages.log.getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = self.links_to_anchors


def write_into(file: File, folder: Path) -> None:
    """Have MkDocs write `file` under `folder` (`abs_dest_path` is a cached property: set both)."""
    file.dest_dir, file.abs_dest_path = str(folder), str(folder / file.dest_uri)


PageRender = Callable[[Page, MkDocsConfig, Files], None]
"""A conversion: `render(page, config, files)`, done in place of MkDocs' `page.render(config, files)`."""


class _ChosenRender:
    """`Page.render` once a conversion is chosen for some page: the chosen one for those pages,
    MkDocs' own for every other page (and when read from the class).

    The choice is looked up here rather than set on each page: a method set on the page itself
    gave each page a dictionary of its own instead of one sharing its keys with every other page,
    830 bytes a page (43 MB at 50,000 pages, copied again by each page worker).
    """

    def __init__(self, mkdocs_render: Callable[..., None]) -> None:
        self.mkdocs_render = mkdocs_render
        self.chooser: Callable[[Page], PageRender | None] = lambda page: None

    def __get__(self, page: Page | None, owner: type | None = None) -> Callable[..., None]:
        if page is None:
            return self.mkdocs_render
        chosen = self.chooser(page)
        if chosen is None:
            return partial(self.mkdocs_render, page)
        return partial(chosen, page)


def render_with(chooser: Callable[[Page], PageRender | None]) -> None:
    """From now on, MkDocs' `page.render(config, files)` (called right after `on_pre_page`) asks
    `chooser(page)` for the conversion to use; None leaves MkDocs' own. The last chooser set wins:
    each build's converter sets its own before its first page."""
    installed = Page.__dict__.get("render")
    if not isinstance(installed, _ChosenRender):
        installed = _ChosenRender(Page.render)
        Page.render = installed  # type: ignore[assignment, method-assign]  # MkDocs' own for other pages
    installed.chooser = chooser


def problems_line(internals: Internals) -> str | None:
    """The one log line for the parts switched off, or None."""
    return "; ".join(internals.problems) if internals.problems else None
