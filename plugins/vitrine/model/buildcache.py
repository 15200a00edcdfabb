"""Caches kept for the whole process that hold only what the last build looked up.

`mkdocs serve` keeps one process through a day of edits, and a cache keyed by a file's text
or state gains an entry at every save. A `BuildCache` remembers the keys looked up since the
last `end_build()`, which drops every other entry: a cache never holds more than one build's
entries (the size of the site), and what the next build reads again is still there.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

_PRUNES: list[Callable[[], None]] = []
"""What `end_build` calls: one per cache, each made once, at import."""


class BuildCache(Generic[K, V]):
    """Values by key, for a module's lifetime; `end_build()` keeps those looked up since the last one."""

    def __init__(self) -> None:
        self.entries: dict[K, V] = {}
        self.used: set[K] = set()
        on_end_build(self.prune)

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, key: K, make: Callable[[], V]) -> V:
        """The value of `key`, made by `make()` the first time (what `make` raises is not kept)."""
        if key not in self.entries:
            self.entries[key] = make()
        self.used.add(key)
        return self.entries[key]

    def prune(self) -> None:
        self.entries = {key: self.entries[key] for key in self.used}
        self.used = set()


def on_end_build(prune: Callable[[], None]) -> None:
    """Have `end_build` call `prune` too (a cache kept in another form, such as the YAML parses)."""
    _PRUNES.append(prune)


def end_build() -> None:
    """A build, or serve's quick pass, is over: every cache keeps only the entries it looked up."""
    for prune in _PRUNES:
        prune()
