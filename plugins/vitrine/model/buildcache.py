"""The caches of one build, or of one `mkdocs serve` session: owned by a plugin, never by a module.

vitrine/catalogue makes one `BuildCaches` when MkDocs makes the plugin (once per `mkdocs build`,
once per `mkdocs serve`: MkDocs keeps the plugin across rebuilds) and makes it the active one
for the build's thread at each `on_config` (`activate`) and around serve's quick pass
(`using`). Model functions find theirs with `active().part(name, kind)`; outside a build (a
test, a script) a fresh set is made for each call, so nothing is kept anywhere.

A session's caches stay the size of one site: `end_build()` (at the end of each build and quick
pass) has every part keep only the entries looked up since the last one, and what the next
build reads again is still there.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Generic, Protocol, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Prunable(Protocol):
    def prune(self) -> None:
        """Keep only the entries looked up since the last prune."""
        ...


P = TypeVar("P", bound=Prunable)


class BuildCache(Generic[K, V]):
    """Values by key; `prune()` keeps those looked up since the last one.

    With a `limit`, the least recently looked-up entry goes when one more is made: for large
    values in processes that never see a build end (the pool's share-card backdrops).
    """

    def __init__(self, limit: int | None = None) -> None:
        self.entries: dict[K, V] = {}
        self.used: set[K] = set()
        self.limit = limit

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, key: K, make: Callable[[], V]) -> V:
        """The value of `key`, made by `make()` the first time (what `make` raises is not kept)."""
        if key not in self.entries:
            value = make()
            if self.limit is not None and len(self.entries) >= self.limit:
                oldest = next(iter(self.entries))
                del self.entries[oldest]
                self.used.discard(oldest)
            self.entries[key] = value
        elif self.limit is not None:
            self.entries[key] = self.entries.pop(key)  # most recent last
        self.used.add(key)
        return self.entries[key]

    def prune(self) -> None:
        self.entries = {key: self.entries[key] for key in self.used}
        self.used = set()


class BuildCaches:
    """One owner's caches, by name (`markup.checked`, `yaml.parses`, ...)."""

    def __init__(self) -> None:
        self.parts: dict[str, Prunable] = {}

    def part(self, name: str, kind: Callable[[], P]) -> P:
        """The part called `name`, made by `kind()` the first time it is asked for."""
        found = self.parts.get(name)
        if found is None:
            found = self.parts[name] = kind()
        return found  # type: ignore[return-value]  # one name, one kind: each is asked for by one module

    def drop(self, *names: str) -> None:
        """Forget the named parts (made again, empty, when next asked for): what a build no longer reads."""
        for name in names:
            self.parts.pop(name, None)

    def end_build(self) -> None:
        """A build, or serve's quick pass, is over: every part keeps only the entries it looked up."""
        for part in self.parts.values():
            part.prune()


_ACTIVE: ContextVar[BuildCaches | None] = ContextVar("vitrine_build_caches", default=None)
"""The caches of the build running in this thread (a context variable: serve rebuilds in a thread of
its own, and page workers inherit it when they fork)."""


def active() -> BuildCaches:
    """The running build's caches; outside a build, a new empty set that nobody keeps."""
    return _ACTIVE.get() or BuildCaches()


def activate(caches: BuildCaches) -> None:
    """Make `caches` the active ones for this thread, until another `activate` (a build's `on_config`)."""
    _ACTIVE.set(caches)


@contextmanager
def using(caches: BuildCaches) -> Iterator[BuildCaches]:
    """`caches` active inside the block only (serve's quick pass, a pool process's task)."""
    token = _ACTIVE.set(caches)
    try:
        yield caches
    finally:
        _ACTIVE.reset(token)
