"""Page templates rendered on every core, by forked workers.

By `on_env` MkDocs has read and converted every page; what remains per page is the theme's
template, most of a large build's time, rendered one page after another. Here the build forks
workers that inherit all of it (configuration, navigation, pages, Jinja environment) and
render pages with MkDocs' own page builder, into the same staging folder.

Pages are shared out as the build goes (`Claims`): a worker takes the first page nobody has
taken yet; the parent, as it finishes a page, takes the next one unless a worker has. A process
that is slower (the parent also runs every page's hooks) thus renders fewer pages, and all
finish together whatever the machine or the pages.

The parent still runs every page's context hooks, so the search index, share cards, title
checks and their warnings are gathered exactly as in a one-process build. For a page a worker
renders, the parent renders an empty template, and MkDocs writes no file for empty output. At
`on_post_build` the parent waits for its workers, logs their warnings through its own loggers
(so `--strict` counts them), and fails the build if one failed or died: the staging folder is
then discarded like any failed build's.

Only `fork` shares a build this way: where it is missing (Windows, macOS's default), and on
`mkdocs serve` (a threaded server), pages are rendered in one process.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import logging
import multiprocessing
import os
import pickle
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from jinja2 import ChoiceLoader, DictLoader, Environment
from mkdocs.structure.pages import Page

from ..images.pool import forbid_pool
from .internals import skipped_line

DELEGATED = "vitrine-delegated.html"
"""The parent's template for a page a worker renders: empty, so MkDocs writes nothing."""

LOCK_TIMEOUT = 60.0
"""Seconds a claim may wait for the lock: held for microseconds, unless its holder died."""

Record = tuple[str, int, str]
"""A log record as it crosses the pipe: logger name, level, message."""


def available() -> bool:
    return hasattr(os, "fork") and sys.platform.startswith("linux")


def default_workers() -> int:
    """One process per core, the parent included."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class Claims:
    """Which process renders each page: each takes pages as it goes, and no page is taken twice.

    In shared memory, which the forked workers inherit: one flag per page and the first page
    that may still be free, under one lock (a claim is a few microseconds; a page, milliseconds).
    """

    def __init__(self, count: int) -> None:
        self.count = count
        self.lock = multiprocessing.Lock()
        self.taken = multiprocessing.RawArray(ctypes.c_bool, count)
        self.cursor = multiprocessing.RawValue(ctypes.c_long, 0)

    def take(self, number: int) -> bool:
        """Take page `number`; False when another process has it."""
        with self._locked():
            if self.taken[number]:
                return False
            self.taken[number] = True
            return True

    def take_next(self) -> int | None:
        """Take the first page nobody has taken; None when there is none left."""
        with self._locked():
            number = self.cursor.value
            while number < self.count and self.taken[number]:
                number += 1
            self.cursor.value = min(number + 1, self.count)
            if number == self.count:
                return None
            self.taken[number] = True
            return number

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """The lock, or an error when a process died holding it (killed in the microseconds it does)."""
        if not self.lock.acquire(timeout=LOCK_TIMEOUT):
            raise RuntimeError(f"no page could be claimed for {LOCK_TIMEOUT} s: a page worker died while claiming one")
        try:
            yield
        finally:
            self.lock.release()


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[Record] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


class SkippedLines(logging.Filter):
    """MkDocs' line for a page whose template gave nothing, for the pages the build's process does not
    render (a worker does; reuse.py takes it over)."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() not in self.lines


@dataclass
class Worker:
    pid: int
    reader: int


@dataclass
class Workers:
    """The forked workers of one build, and what the parent must undo when they are done."""

    workers: list[Worker]
    claims: Claims
    numbers: dict[str, int]
    """The number of each page (by source URI) in the claims."""
    seen: _Collect
    skipped: SkippedLines
    pages: Sequence[Page]
    templates: dict[str, str | None] = field(default_factory=dict)
    """Pages a worker renders (by source URI) and the template each had."""
    decided: dict[int, bool] = field(default_factory=dict)
    """For each page the parent has claimed, whether it got it."""

    def claim_after(self, number: int) -> None:
        """Claim page `number` before the parent's loop reaches it: MkDocs picks a page's template before
        any hook runs, so a page a worker has gets the empty template now (its own comes back in `enter`)."""
        if number >= self.claims.count or number in self.decided:
            return
        page = self.pages[number]
        self.decided[number] = self.claims.take(number)
        if not self.decided[number]:
            original = page.meta.get("template")
            self.templates[page.file.src_uri] = original if isinstance(original, str) else None
            self.skipped.lines.add(skipped_line(page))
            page.meta["template"] = DELEGATED

    def enter(self, page: Page) -> bool:
        """The parent reaches `page`, before any of its hooks: False when a worker renders it; that page
        gets its own template back, for the hooks that read it."""
        uri = page.file.src_uri
        number = self.numbers.get(uri)
        if number is None:
            return True
        if number not in self.decided:  # MkDocs' loop left the order of `pages`: claim it now (if a
            self.decided[number] = True  # worker has it too, both render it, alike)
            self.claims.take(number)
        if uri not in self.templates:
            return True
        original = self.templates[uri]
        if original is None:
            page.meta.pop("template", None)
        else:
            page.meta["template"] = original
        return False

    def leave(self, page: Page) -> None:
        """The parent is done with `page`: it claims the next one."""
        number = self.numbers.get(page.file.src_uri)
        if number is not None:
            self.claim_after(number + 1)

    def join(self) -> tuple[list[str], list[object]]:
        """Wait for every worker; log their new warnings here; return the failures and the reports."""
        relog: list[Record] = []
        already = set(self.seen.records)
        failures: list[str] = []
        reports: list[object] = []
        for worker in self.workers:
            payload = _read_all(worker.reader)
            _, status = os.waitpid(worker.pid, 0)
            try:
                records, error, report = pickle.loads(payload) if payload else ([], None, None)
            except (pickle.UnpicklingError, EOFError, ValueError):
                records, error, report = [], "its report could not be read", None
            if report is not None:
                reports.append(report)
            for record in records:
                if record not in already:
                    already.add(record)
                    relog.append(record)
            if error is None and status != 0:
                error = _describe(status)
            if error is not None:
                failures.append(f"worker {worker.pid}: {error}")
        self.workers = []
        self.close()
        for name, level, message in relog:
            logging.getLogger(name).log(level, message)
        return failures, reports

    def kill(self) -> None:
        """Stop every worker (the parent's build failed first)."""
        for worker in self.workers:
            with contextlib.suppress(ProcessLookupError):
                os.kill(worker.pid, signal.SIGKILL)
            os.waitpid(worker.pid, 0)
            os.close(worker.reader)
        self.workers = []
        self.close()

    def close(self) -> None:
        logging.getLogger("mkdocs").removeHandler(self.seen)
        logging.getLogger("mkdocs.commands.build").removeFilter(self.skipped)
        gc.unfreeze()


def start(
    pages: Sequence[Page],
    env: Environment,
    render: Callable[[Page], None],
    processes: int,
    report: Callable[[], object] = lambda: None,
    collect: bool = False,
) -> Workers | None:
    """Fork `processes - 1` workers that render `pages` with the parent; None when one process is asked.

    Each worker sends back `report()` (picklable) once it finds no page left: what the hooks it
    ran gathered for the parent. With `collect`, each worker's cycle collector runs while it
    renders (the heap inherited from the parent is frozen: it walks only what the pages make).
    """
    if processes < 2 or len(pages) < 2 * processes:
        return None
    claims = Claims(len(pages))
    sys.stdout.flush()
    sys.stderr.flush()
    if gc.isenabled():  # paused for a build (collector.py), it stays so: a collection here is 0.4 s of waiting
        gc.collect()
    gc.freeze()  # the workers' collector never writes to the shared heap, so it stays shared
    _give_back_free_memory()
    workers: list[Worker] = []
    for _ in range(1, processes):
        reader, writer = os.pipe()
        pid = os.fork()
        if pid == 0:  # the worker: render, report, and leave without running the parent's exit code
            os.close(reader)
            for worker in workers:
                os.close(worker.reader)
            if collect:
                gc.enable()
            _work(pages, claims, render, report, writer)
        os.close(writer)
        workers.append(Worker(pid, reader))
    env.loader = ChoiceLoader([DictLoader({DELEGATED: ""}), *([env.loader] if env.loader else [])])
    seen = _Collect()
    logging.getLogger("mkdocs").addHandler(seen)
    skipped = SkippedLines()
    logging.getLogger("mkdocs.commands.build").addFilter(skipped)
    numbers = {page.file.src_uri: number for number, page in enumerate(pages)}
    parent = Workers(workers, claims, numbers, seen, skipped, pages)
    parent.claim_after(0)
    return parent


def _give_back_free_memory() -> None:
    """Hand the C library's free memory back to the system before forking: what the build let go
    of (parses, sources; catalogue/plugin.py) would else stay resident, in the parent and shared
    with each worker until one writes there (23 MB at 50,000 pages, in 4 ms). glibc only."""
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (AttributeError, OSError):  # another C library (musl): nothing to do
        return
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    trim(0)


def _work(
    pages: Sequence[Page], claims: Claims, render: Callable[[Page], None], report: Callable[[], object], writer: int
) -> None:
    status, error, where, gathered = 0, None, "before the first page", None
    collect = _Collect()
    forbid_pool()
    try:
        logger = logging.getLogger("mkdocs")
        for handler in list(logger.handlers):  # the parent prints what a worker reports, once
            if not getattr(handler, "in_workers", False):  # reuse.py's warning count stays
                logger.removeHandler(handler)
        logger.addHandler(collect)
        while (number := claims.take_next()) is not None:
            where = pages[number].file.src_uri
            render(pages[number])
        where = "after its last page"
        gathered = report()
    except BaseException as exc:  # whatever stops a worker is reported to the parent
        status, error = 1, f"{where}: {type(exc).__name__}: {exc}"
    try:
        payload = pickle.dumps((collect.records, error, gathered))
        view = memoryview(payload)
        while view:
            view = view[os.write(writer, view) :]
        os.close(writer)
    finally:
        os._exit(status)


def _read_all(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 1 << 16):
        chunks.append(chunk)
    os.close(fd)
    return b"".join(chunks)


def _describe(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"killed by signal {os.WTERMSIG(status)}"
    return f"exited with status {os.waitstatus_to_exitcode(status)}"
