"""What stops a build before its output replaces the published site.

MkDocs counts `--strict` warnings only after every `on_post_build` hook has
run, so a plugin that publishes in `on_post_build` would publish a build that
strict mode is about to reject. `WarningRecorder` keeps those warnings so the
swap can be refused first; `over_budget` checks the size of the output.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import CountHandler

from ..model.errors import LOGGED, ContentError, ContentErrors

LOGGER = "mkdocs"
"""The logger MkDocs, its plugins and ours log under (its children included)."""


class WarningCount(logging.Handler):
    """How many warnings (or worse) reached it: the closing summary of `vitrine build`, and a page
    logging one as it renders (vitrine/render's reuse.py)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class WarningRecorder(logging.Handler):
    """Keeps the text of every warning (or worse) logged under `mkdocs` while it is attached.

    `mkdocs build -q` (or a logging configuration) raises the level of the `mkdocs` logger to
    ERROR: warnings are then dropped before any handler sees them, so a strict build would count
    none and publish. While attached, the loggers let warnings through to this recorder (and to
    MkDocs' own strict count, which refuses a `--dirty` build), and every other handler that was
    already there gets a filter that shows only what it showed before: quiet stays quiet.
    """

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []
        self.errors: list[ContentError | None] = []
        """The content error each message was written from, if any (`model.errors.logged`)."""
        self.unseen: list[str] = []
        """The messages no handler showed (`-q`): said when the build fails before its end."""
        self._levels: dict[logging.Logger, int] = {}
        self._filtered: list[tuple[logging.Handler, _ShownBefore]] = []
        self._shown: _ShownBefore | None = None

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())
        error = getattr(record, LOGGED, None)
        self.errors.append(error if isinstance(error, ContentError) else None)
        if self._shown is not None and not self._shown.filter(record):
            self.unseen.append(record.getMessage())

    def failure(self) -> PluginError:
        """The strict gate's refusal; caused by the content errors when every warning is one, so the
        preview words them in French, as `vitrine check` does."""
        refused = PluginError(strict_failure(self.messages))
        self.unseen.clear()  # the refusal says them all
        found = [error for error in self.errors if error is not None]
        if found and len(found) == len(self.errors):
            refused.__cause__ = ContentErrors(found)
        return refused

    def attach(self) -> None:
        loggers = _loggers_under(LOGGER)
        shown = self._shown = _ShownBefore({logger.name: logger.getEffectiveLevel() for logger in loggers})
        for logger in loggers:
            if logger.level > logging.WARNING:
                self._levels[logger] = logger.level
                logger.setLevel(logging.WARNING)
            for handler in logger.handlers:
                if isinstance(handler, CountHandler):  # MkDocs' strict count: it must hear them too
                    continue
                handler.addFilter(shown)
                self._filtered.append((handler, shown))
        logging.getLogger(LOGGER).addHandler(self)

    def detach(self) -> None:
        logging.getLogger(LOGGER).removeHandler(self)
        for logger, level in self._levels.items():
            logger.setLevel(level)
        for handler, shown in self._filtered:
            handler.removeFilter(shown)
        self._levels.clear()
        self._filtered.clear()


class _ShownBefore(logging.Filter):
    """Passes a record only if its logger's level before `attach` would have let it through."""

    def __init__(self, levels: dict[str, int]) -> None:
        super().__init__()
        self.levels = levels

    def filter(self, record: logging.LogRecord) -> bool:
        name = record.name
        while name not in self.levels and "." in name:
            name = name.rsplit(".", 1)[0]
        return record.levelno >= self.levels.get(name, self.levels.get(LOGGER, logging.NOTSET))


def _loggers_under(name: str) -> list[logging.Logger]:
    """The logger `name` and every logger below it created so far (those created later inherit)."""
    manager = logging.Logger.manager
    found = [logging.getLogger(name)]
    for child in sorted(manager.loggerDict):
        logger = manager.loggerDict[child]
        if child.startswith(name + ".") and isinstance(logger, logging.Logger):
            found.append(logger)
    return found


def strict_failure(messages: list[str]) -> str:
    count = len(messages)
    head = f"{count} warning{'s' if count > 1 else ''} in strict mode, the site is not published:"
    return "\n".join([head, *(f"  {message}" for message in messages)])


def walk_files(folder: str) -> Iterator[tuple[os.DirEntry[str], str]]:
    """Every file under `folder` (links not followed), with its POSIX path relative to it.

    One `scandir` per folder: `Path.rglob` with `is_file` and `stat` took 1 s on 14,000 files.
    """
    folders = [(folder, "")]
    while folders:
        current, prefix = folders.pop()
        with os.scandir(current) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append((entry.path, f"{prefix}{entry.name}/"))
                elif entry.is_file(follow_symlinks=False):
                    yield entry, f"{prefix}{entry.name}"


def file_sizes(site: Path) -> dict[str, int]:
    """Size of every file under `site`, by its POSIX path relative to it."""
    return {rel: entry.stat(follow_symlinks=False).st_size for entry, rel in walk_files(str(site))}


DEFAULT_BUDGET_MB = 1000
"""`site_budget_mb`'s default: the host limit below, in megabytes (10^6 bytes, so a little under it
whether the host counts 10^9 or 2^30 bytes to the gigabyte)."""

HOST_LIMIT = (
    "GitHub Pages refuses a published site over 1 GB "
    "(https://docs.github.com/en/pages/getting-started-with-github-pages/github-pages-limits)"
)
"""The limit the default budget protects, named in its message."""


def by_kind(sizes: dict[str, int]) -> dict[str, list[int]]:
    """The sizes of `file_sizes` by kind of file: ".html", ".png"… (lower case) or "(no extension)"."""
    kinds: dict[str, list[int]] = {}
    for rel, size in sizes.items():
        name = rel.rsplit("/", 1)[-1]
        kinds.setdefault("." + name.rsplit(".", 1)[-1].lower() if "." in name else "(no extension)", []).append(size)
    return kinds


def budget_reason(budget_mb: int) -> str:
    """Why the site has this budget: the host limit, for the default."""
    if budget_mb == DEFAULT_BUDGET_MB:
        return f"the default budget, because {HOST_LIMIT}"
    return f"the budget set in mkdocs.yml (the default, {DEFAULT_BUDGET_MB} MB, is there because {HOST_LIMIT})"


def over_budget(site: Path, budget_mb: int) -> str | None:
    """A message naming the total, the largest kinds of file and the largest files when `site` is bigger
    than the budget, and the host limit the default budget protects."""
    sizes = file_sizes(site)
    total = sum(sizes.values())
    if total <= budget_mb * 1_000_000:
        return None
    largest = sorted(sizes.items(), key=lambda item: (-item[1], item[0]))[:5]
    kinds = sorted(by_kind(sizes).items(), key=lambda item: (-sum(item[1]), item[0]))[:4]
    return "\n".join(
        [
            f"the site is {total / 1_000_000:.1f} MB, over its budget of {budget_mb} MB "
            f"(site_budget_mb of vitrine/publish): {budget_reason(budget_mb)}. By kind of file:",
            *[f"  {kind}: {sum(s) / 1_000_000:.1f} MB in {len(s)} files" for kind, s in kinds],
            "The largest files:",
            *[f"  {rel}: {size / 1_000_000:.1f} MB" for rel, size in largest],
        ]
    )
