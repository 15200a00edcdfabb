"""Share cards of a build: one per page, drawn on the pool, cached by content.

Independent of MkDocs: the plugin gives page texts and receives URLs.
"""

from __future__ import annotations

import os
import shutil
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

from babel.core import LOCALE_ALIASES

from .. import rendering
from ..images.pool import shared_pool
from ..images.progress import wait_reporting
from .cards import Card, CardProblem, check, render_all_into_cache

CARDS = "assets/cards"


def og_locale(language: str) -> str:
    """Open Graph wants language_TERRITORY: the likely territory from Babel (fr -> fr_FR)."""
    return LOCALE_ALIASES.get(language, language)


@dataclass(frozen=True)
class CardMeta:
    """What a page's head says about its card."""

    url: str
    width: int
    height: int
    locale: str


@dataclass
class CardService:
    cache: Path
    waiting: dict[str, dict[str, Card]] = field(default_factory=dict)
    """Cards the cache lacks, by title then key: drawn together (`publish`), each title's lines once."""
    pending: list[tuple[list[str], Future[list[str]]]] = field(default_factory=list)
    """Groups of cards being drawn: their keys and the job."""
    kept: dict[str, str] = field(default_factory=dict)
    """Cards the cache has, by key: their file (most cards of a build; no future made for them)."""
    problems: list[str] = field(default_factory=list)
    drawn: int = 0
    cached: int = 0
    in_cache: set[str] | None = None
    """Names of the cached cards, listed once per build rather than one lookup per page."""

    def reset(self) -> None:
        self.waiting, self.pending, self.kept, self.problems = {}, [], {}, []
        self.drawn, self.cached, self.in_cache = 0, 0, None

    def request(self, where: str, card: Card) -> str | None:
        """Check the card and queue it if the cache lacks it; its site path, or None if it cannot be drawn."""
        try:
            check(card)
        except CardProblem as problem:
            self.problems.append(f"{where}: {problem}")
            return None
        key = card.key
        queued = key in self.kept or key in self.waiting.get(card.title, {})
        if not queued and not rendering.in_page_worker():  # in a worker: the parent queues it
            if self.in_cache is None:
                self.in_cache = {path.name for path in self.cache.iterdir()} if self.cache.is_dir() else set()
            if f"{key}.png" in self.in_cache:
                self.cached += 1
                self.kept[key] = f"{self.cache}/{key}.png"
            else:
                self.drawn += 1
                self.waiting.setdefault(card.title, {})[key] = card
        return f"{CARDS}/{key}.png"

    def publish(self, site: Path) -> None:
        """Draw the missing cards, a job per title, wait for them and link every card into the site;
        a job's exception is raised here. Drawing waits for the pages: they keep both cores busy
        until then, and a page's title is in every language only once all are rendered."""
        for cards in self.waiting.values():  # none on a warm build: no pool asked for
            job = shared_pool().submit(render_all_into_cache, tuple(cards.values()), str(self.cache))
            self.pending.append((list(cards), job))
        self.waiting = {}
        wait_reporting([job for _keys, job in self.pending], "cards: {done}/{total} titles drawn")
        target = site / CARDS
        target.mkdir(parents=True, exist_ok=True)
        files = dict(self.kept)
        for keys, job in self.pending:
            files.update(zip(keys, job.result(), strict=True))
        for key, path in sorted(files.items()):
            link_or_copy(Path(path), target / f"{key}.png")


def link_or_copy(source: Path, target: Path) -> None:
    """A hard link to the cached file, or a copy across file systems.

    National size has thousands of cards (a few hundred megabytes): a link writes none of it,
    and removing the previous site then frees nothing the cache still holds.
    """
    if target.exists():  # a dirty build writes into the previous site
        if target.samefile(source):
            return
        target.unlink()
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
