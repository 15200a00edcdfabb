"""Content errors: what editors read when a file is wrong.

Every loader collects `ContentError`s instead of raising on the first one, so
a single run reports every mistake of every file (file, line, column, field).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

LOGGED = "vitrine_content_error"
"""The log record attribute carrying the `ContentError` a warning was written from (see `logged`)."""


@dataclass(frozen=True, order=True)
class ContentError:
    """One mistake in one content file, located as precisely as we can."""

    path: str
    """File path relative to the project root, with forward slashes."""
    line: int
    """1-based line, or 0 when the error concerns the whole file."""
    column: int
    """1-based column, or 0 when unknown."""
    field: str
    """Dotted field path such as `criteria.fab_lab.indicators[1].as_of`, or ``""``."""
    message: str
    """What is wrong and what is expected, in plain words."""
    hint: str = ""
    """An optional suggestion (``did you mean ...``)."""

    def __str__(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        text = f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class ContentErrors(Exception):
    """Raised once loading is over when at least one `ContentError` was found."""

    def __init__(self, errors: Iterable[ContentError]) -> None:
        self.errors = sorted(set(errors))
        super().__init__(self.report())

    def report(self, kind: str = "content") -> str:
        count = len(self.errors)
        head = f"{count} {kind} error{'s' if count > 1 else ''}:"
        return "\n".join([head, *(f"  {error}" for error in self.errors)])

    def __iter__(self) -> Iterator[ContentError]:
        return iter(self.errors)


def too_large(rel: str, size: int, limit: int, hint: str) -> ContentError:
    """A file over its size limit; the same words wherever the size is checked, so reports merge them."""
    return ContentError(rel, 0, 0, "", f"file is {size:,} bytes, over the {limit:,}-byte limit", hint)


class ErrorCollector:
    """Accumulates errors across files; `raise_if_any` ends a loading pass."""

    def __init__(self) -> None:
        self.errors: list[ContentError] = []

    def add(self, error: ContentError) -> None:
        self.errors.append(error)

    def extend(self, errors: Iterable[ContentError]) -> None:
        self.errors.extend(errors)

    def __bool__(self) -> bool:
        return bool(self.errors)

    def raise_if_any(self) -> None:
        if self.errors:
            raise ContentErrors(self.errors)


def logged(error: ContentError) -> dict[str, Any]:
    """`extra=` of a warning logged from a content error: the build's strict gate keeps the error
    itself, so the preview can word it in French as `vitrine check` does."""
    return {LOGGED: error}
