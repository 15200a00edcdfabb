"""The contract between the renderer and the feature plugins.

The renderer (today inside `vitrine/publish`: `parallel.py`, `convert.py`, `internals.py`)
may render a page's template in a forked worker. What a feature plugin may assume:

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

Feature plugins import this module, never the renderer's.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping

from .images.pool import pool_allowed

DELEGATED_KEY = "vitrine_delegated"
"""The context key the renderer sets on a page a worker renders (see `delegated`)."""


def delegated(context: Mapping[str, object]) -> bool:
    """Whether a worker renders this page's template: hooks that only feed the template skip it."""
    return bool(context.get(DELEGATED_KEY))


def mark_delegated(context: MutableMapping[str, object]) -> None:
    """The renderer's side: a worker renders this page."""
    context[DELEGATED_KEY] = True


def in_page_worker() -> bool:
    """Whether this process is a page-rendering worker (the build's process pool is not here)."""
    return not pool_allowed()
