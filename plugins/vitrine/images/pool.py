"""The one process pool of a Vitrine build (images and cards), sized to the machine.

Created on first use, kept across `mkdocs serve` rebuilds, closed when the
command ends (`on_shutdown`). Its processes end by themselves when the build's
process dies without closing it (a `mkdocs serve` killed by SIGTERM).
"""

from __future__ import annotations

import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor

from ..model.buildcache import BuildCaches, activate

_pool: ProcessPoolExecutor | None = None
_forbidden = False


def forbid_pool() -> None:
    """In a forked page-rendering worker: encodes and cards are the parent's, no pool starts here."""
    global _forbidden
    _forbidden = True


def pool_allowed() -> bool:
    return not _forbidden


def shared_pool() -> ProcessPoolExecutor:
    global _pool
    if _forbidden:
        raise RuntimeError("a page-rendering worker may not use the build's process pool")
    if _pool is None:
        _pool = ProcessPoolExecutor(max_workers=os.cpu_count() or 1, initializer=_start, initargs=(os.getpid(),))
    return _pool


def _start(parent: int) -> None:
    """A pool process: it ends with the build's process, and keeps its own caches (fonts) for its life."""
    exit_with_parent(parent)
    activate(BuildCaches())


def close_pool() -> None:
    global _pool
    if _pool is not None:
        _pool.shutdown(wait=True, cancel_futures=True)
        _pool = None


def exit_with_parent(parent: int, interval: float = 1.0) -> None:
    """In a child process: end it as soon as `parent` is gone (no orphan left working)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(interval)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()
