"""Page templates rendered on every core, by forked workers.

By `on_env` MkDocs has read and converted every page; what remains per page is the theme's
template, most of a large build's time, rendered one page after another. Here the build forks
workers that inherit all of it (configuration, navigation, pages, Jinja environment) and
render their share of the pages with MkDocs' own page builder, into the same staging folder.

The parent still runs every page's context hooks, so the search index, share cards, title
checks and their warnings are gathered exactly as in a one-process build. For a page a worker
owns, the parent renders an empty template, and MkDocs writes no file for empty output. At
`on_post_build` the parent waits for its workers, logs their warnings through its own loggers
(so `--strict` counts them), and fails the build if one failed or died: the staging folder is
then discarded like any failed build's.

Only `fork` shares a build this way: where it is missing (Windows, macOS's default), and on
`mkdocs serve` (a threaded server), pages are rendered in one process.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import pickle
import signal
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from jinja2 import ChoiceLoader, DictLoader, Environment
from mkdocs.structure.pages import Page

from ..images.pool import forbid_pool

DELEGATED = "vitrine-delegated.html"
"""The parent's template for a page a worker renders: empty, so MkDocs writes nothing."""
DELEGATED_KEY = "vitrine_delegated"
"""True in the parent's context of a page a worker renders: hooks that only feed the template skip it."""
PARENT_SHARE = 0.8
"""The parent's share of pages relative to a worker's: it also runs every page's context hooks."""
SKIPPED = "Page skipped: '{}'. Generated empty output."
"""MkDocs' info line for an empty page, silenced for delegated pages."""

Record = tuple[str, int, str]
"""A log record as it crosses the pipe: logger name, level, message."""


def available() -> bool:
    return hasattr(os, "fork") and sys.platform.startswith("linux")


def default_workers() -> int:
    """One process per core, the parent included."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def shares(count: int, processes: int) -> list[int]:
    """The process (0: the parent) that renders each of `count` pages, interleaved by weight."""
    weights = [PARENT_SHARE] + [1.0] * (processes - 1)
    done = [0.0] * processes
    owners = []
    for _ in range(count):
        owner = min(range(processes), key=lambda p: (done[p] + 1) / weights[p])
        done[owner] += 1
        owners.append(owner)
    return owners


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[Record] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


class _Skipped(logging.Filter):
    def __init__(self, uris: set[str]) -> None:
        super().__init__()
        self.lines = {SKIPPED.format(uri) for uri in uris}

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
    templates: dict[str, str | None]
    """Delegated pages (by source URI) and the template each had, given back before its hooks run."""
    seen: _Collect
    skipped: _Skipped

    def restore(self, page: Page) -> bool:
        """Give a delegated page its template back, before any plugin's context hook reads it;
        True for a delegated page (its context is not rendered here)."""
        uri = page.file.src_uri
        if uri not in self.templates:
            return False
        original = self.templates[uri]
        if original is None:
            page.meta.pop("template", None)
        else:
            page.meta["template"] = original
        return True

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
) -> Workers | None:
    """Fork `processes - 1` workers for their share of `pages`; None when one process is asked.

    Each worker sends back `report()` (picklable) once its pages are rendered: what the hooks it
    ran gathered for the parent.
    """
    if processes < 2 or len(pages) < 2 * processes:
        return None
    owners = shares(len(pages), processes)
    sys.stdout.flush()
    sys.stderr.flush()
    gc.collect()
    gc.freeze()  # the workers' collector never writes to the shared heap, so it stays shared
    workers: list[Worker] = []
    for number in range(1, processes):
        mine = [page for page, owner in zip(pages, owners, strict=True) if owner == number]
        reader, writer = os.pipe()
        pid = os.fork()
        if pid == 0:  # the worker: render, report, and leave without running the parent's exit code
            os.close(reader)
            for worker in workers:
                os.close(worker.reader)
            _work(mine, render, report, writer)
        os.close(writer)
        workers.append(Worker(pid, reader))
    delegated = [page for page, owner in zip(pages, owners, strict=True) if owner != 0]
    templates: dict[str, str | None] = {}
    for page in delegated:
        original = page.meta.get("template")
        templates[page.file.src_uri] = original if isinstance(original, str) else None
        page.meta["template"] = DELEGATED
    env.loader = ChoiceLoader([DictLoader({DELEGATED: ""}), *([env.loader] if env.loader else [])])
    seen = _Collect()
    logging.getLogger("mkdocs").addHandler(seen)
    skipped = _Skipped(set(templates))
    logging.getLogger("mkdocs.commands.build").addFilter(skipped)
    return Workers(workers, templates, seen, skipped)


def _work(pages: list[Page], render: Callable[[Page], None], report: Callable[[], object], writer: int) -> None:
    status, error, where, gathered = 0, None, "before the first page", None
    collect = _Collect()
    forbid_pool()
    try:
        logger = logging.getLogger("mkdocs")
        for handler in list(logger.handlers):  # the parent prints what a worker reports, once
            logger.removeHandler(handler)
        logger.addHandler(collect)
        for page in pages:
            where = page.file.src_uri
            render(page)
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
