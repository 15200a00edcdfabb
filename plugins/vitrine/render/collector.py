"""Python's cycle collector, paused while `mkdocs build` reads the project, skipped at the exit.

A national build keeps millions of objects alive until its end (records, pages, their HTML
trees): every automatic collection walks the young ones, every full one walks them all, and
none frees much. Measured with `gc.callbacks` at national size: 1.1 to 1.6 s of a 27 s build,
most of it before the page workers fork. So the collector is paused from `on_config`; when the
workers fork, the heap is frozen (parallel.py) and the collector resumes in the parent and each
worker, walking only what the pages make: paused to the end, every page's cycles piled up in
every process (45 MB at national size, about 450 MB a process at 50,000 pages). A build in one
process keeps it paused to the end; after the build it is set as it was. When the interpreter
exits, the heap is frozen first: Python would otherwise walk it all once more to free memory the
system takes back anyway (1.7 s).

`mkdocs serve` runs for hours and rebuilds many times: its collector is left alone.
"""

from __future__ import annotations

import atexit
import gc

_exit_registered = False


class PausedCollector:
    """The collector paused for one build; `resume()` sets it as it was (and may be called twice)."""

    def __init__(self) -> None:
        self.was_enabled = gc.isenabled()
        gc.disable()
        self.resumed = False

    def resume(self) -> None:
        if not self.resumed and self.was_enabled:
            gc.enable()
        self.resumed = True


def freeze_at_exit() -> None:
    """At the interpreter's exit, move every object out of the collector's reach before it walks them.

    Registered once per process; objects still alive at exit then are not finalised one by one
    (every file the build writes is closed by then: all are written with `with`).
    """
    global _exit_registered  # one registration per process, whatever the number of builds
    if not _exit_registered:
        atexit.register(gc.freeze)
        _exit_registered = True
