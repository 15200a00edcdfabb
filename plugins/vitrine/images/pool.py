"""The one process pool of a Vitrine build (images and cards), sized to the machine.

Created on first use, kept across `mkdocs serve` rebuilds, closed when the
command ends (`on_shutdown`). Its processes end by themselves when the build's
process dies without closing it (a `mkdocs serve` killed by SIGTERM).

A process with other threads (`mkdocs serve`, a test runner building in its own process) gets
its pool from a fork server, not from forks of itself: a fork copies a lock another thread holds
without the thread that would release it. The fork server is a fresh interpreter that imports
the drawing modules once; each pool process is a fork of it. `mkdocs build` has one thread and
forks its pool itself, which is cheaper: the national build took 3 s longer with a fork server.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

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
        _pool = ProcessPoolExecutor(
            max_workers=os.cpu_count() or 1, mp_context=_context(), initializer=_start, initargs=(os.getpid(),)
        )
    return _pool


_PRELOADED = ["vitrine.images.pool", "vitrine.images.pipeline", "vitrine.identity.cards"]
"""What the fork server imports once, so that its forks start with the code of every job."""


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" not in methods:  # not on Windows
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(_PRELOADED)
    return context


def _start(build: int) -> None:
    """A pool process: it ends with the build's process, and keeps its own caches (fonts) for its life.

    Its parent is the build or the fork server; the fork server outlives the build while a pool
    process is alive (each holds the pipe whose end tells the server that its clients are gone):
    so it watches the build."""
    exit_with_process(build)
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


def exit_with_process(pid: int, interval: float = 1.0) -> None:
    """In a process of `pid`'s pool (its child, or a fork server's): end it as soon as `pid` has ended."""

    def watch() -> None:
        while _running(pid):
            time.sleep(interval)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-build", daemon=True).start()


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process now has that number: ours has ended
        return False
    try:  # a process that has ended but that its parent has not reaped yet is a zombie (Linux)
        return Path(f"/proc/{pid}/stat").read_text(encoding="utf-8").rsplit(") ", 1)[1][:1] != "Z"
    except (OSError, IndexError):
        return True
