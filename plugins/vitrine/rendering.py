"""The contract between the renderer and the feature plugins.

The renderer (the `vitrine/render` plugin) may render a page's template in a forked worker.
What a feature plugin may assume:

1. Every page's hooks up to its template's context (`on_pre_page`, `on_page_markdown`,
   `on_page_content`, `on_page_context`) run in the build's own process, for every page,
   in order, as in a one-process build. State gathered there (search index, share cards,
   warnings, open data) is complete by `on_post_build`.
2. A page may then be rendered by a worker: its template and its `on_post_page` hooks run
   there, on a copy of the build as it stood at `on_env`. What a hook changes in the
   build's process after `on_env` is not seen by workers; what a hook changes in a worker
   is lost, but its log lines are forwarded (so `--strict` counts its warnings).
3. In the build's process, the context of a page a worker renders is marked: `delegated()`
   is true. A hook that only adds to the template's context may skip such a page (the
   worker runs it for the page it renders); a hook with an effect (a file, a warning, a
   queued card) must not.
4. Work a feature needs per page that is heavy (encoding, drawing) is queued from the
   build's process (`on_page_context`), never from `on_post_page`: in a worker the build's
   process pool is not available (`in_page_worker()` is true).
5. A plugin whose `on_post_page` gathers something the build's process needs at
   `on_post_build` (vitrine/publish: the hashes of inline scripts, for the CSP) implements
   `GathersPages`: each worker sends `pages_gathered()` back once it has rendered its pages,
   and the build's process receives it in `merge_gathered()` at `on_post_build` (priority
   1000), before any other `on_post_build` hook runs. It must be picklable.
6. Under `mkdocs serve`, a failed rebuild leaves the last good pages served and writes its
   error into `STATUS` under the served folder (`{"error": ...}`; `{"error": null}` once fixed).
7. When vitrine/publish finds the published site up to date (`mkdocs build` whose inputs are
   byte for byte those of the last strict build that published it: publish/unchanged.py),
   `nothing_to_build(config)` is true from `on_config` (priority 100) on: MkDocs is handed
   no file, and a feature plugin's `on_files`, `on_nav`, `on_env` and `on_post_build` return
   at once (nothing it would write is published: the site stays as it is).
8. In `mkdocs build`, once every page is converted (vitrine/catalogue's `on_env`), the Markdown
   of the pages generated from records is let go: their `page.markdown` and their file's
   `content_string` are empty. A hook reads what they show in `page.content`. Under
   `mkdocs serve` it is kept (the preview converts edited records again).
9. In `mkdocs build` (not `--dirty`, not serve), a page whose inputs are those of its file in the
   site being replaced is not rendered: that file is taken over (render/reuse.py). Its inputs are
   read once every `on_page_context` hook has run, in the process that renders it: the page, the
   build's shared inputs, and every value of its context, digested to the bottom
   (model/fingerprint.py). So a value a hook adds to the context is plain data (text, numbers,
   dates, lists, dicts, dataclasses, pydantic models) or says what it stands for
   (`reuse_digest() -> bytes`); anything else makes its page render every time, never wrongly.
   A value that reads the build's state while the template renders (catalogue's `vitrine`)
   implements `RecordsReads`: its reads are recorded and asked again at the next build.
   For a page taken over, `on_post_page` hooks get an empty output, as for a delegated page;
   vitrine/publish adds the hashes of its scripts as they were.

Feature plugins import this module, never the renderer's.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from typing import Protocol, runtime_checkable

from mkdocs.config.defaults import MkDocsConfig

from .images.pool import pool_allowed

STATUS = "_vitrine/build-status.json"
"""The preview's build status, under the served folder (point 6)."""

DELEGATED_KEY = "vitrine_delegated"
"""The context key the renderer sets on a page a worker renders (see `delegated`)."""


def delegated(context: Mapping[str, object]) -> bool:
    """Whether a worker renders this page's template: hooks that only feed the template skip it."""
    return bool(context.get(DELEGATED_KEY))


def mark_delegated(context: MutableMapping[str, object]) -> None:
    """The renderer's side: a worker renders this page."""
    context[DELEGATED_KEY] = True


def nothing_to_build(config: MkDocsConfig) -> bool:
    """Whether this build leaves the published site as it is, already up to date (point 7)."""
    from . import siblings

    publish = siblings.publish(config)
    return publish is not None and publish.up_to_date


def pages_taken_over(config: MkDocsConfig) -> bool:
    """Whether this build may take pages over from the last one: context values are digested (point 9)."""
    from . import siblings

    render = siblings.render(config)
    return render is not None and render.reuse is not None


def in_page_worker() -> bool:
    """Whether this process is a page-rendering worker (the build's process pool is not here)."""
    return not pool_allowed()


@runtime_checkable
class RecordsReads(Protocol):
    """A context value the template reads the build's state through (point 9)."""

    def reuse_digest(self) -> bytes:
        """What it stands for before the template reads it (the page's settings)."""
        ...

    def reads(self) -> object:
        """Once the page is rendered: what the template read (picklable), or None when some read
        could not be recorded (the page is then rendered at every build)."""
        ...

    def replays(self, reads: object) -> bool:
        """Whether the reads of an earlier build of this page give what they gave then."""
        ...


@runtime_checkable
class GathersPages(Protocol):
    """A plugin whose `on_post_page` gathers, in whichever process renders the page (point 5)."""

    def pages_gathered(self) -> object:
        """In a worker, after its last page: what this plugin's hooks gathered there (picklable)."""
        ...

    def merge_gathered(self, gathered: object) -> None:
        """In the build's process, at `on_post_build`: one worker's `pages_gathered()`."""
        ...
