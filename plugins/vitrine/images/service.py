"""Publishing a site's images: plan, encode on a pool what the cache lacks, report.

Jobs are submitted as soon as the records are loaded and collected before
MkDocs copies files, so encoding overlaps the rest of the build.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .pipeline import Cache, Rendition, Role, Settings, SourceImage, encode_into_cache, renditions


@dataclass(frozen=True)
class PublishedImage:
    """A source image as pages use it: URLs of its renditions and its intrinsic size."""

    folder: str
    stem: str
    role: Role
    renditions: tuple[Rendition, ...]

    def url(self, rendition: Rendition) -> str:
        return f"{self.folder}/{rendition.name(self.stem)}"

    def of_format(self, fmt: str) -> list[Rendition]:
        return [r for r in self.renditions if r.format == fmt]

    @property
    def fallback(self) -> list[Rendition]:
        return [r for r in self.renditions if r.format != "WEBP"]

    @property
    def largest(self) -> Rendition:
        return max(self.fallback, key=lambda r: r.width)


@dataclass
class ImageService:
    cache: Cache
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    pool: ProcessPoolExecutor | None = None
    pending: list[Future[str]] = field(default_factory=list)
    encoded: int = 0
    cached: int = 0

    def start(self) -> None:
        if self.pool is None:
            self.pool = ProcessPoolExecutor(max_workers=self.workers)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    def publish(self, items: Iterable[tuple[str, SourceImage, Role]], settings: Settings) -> dict[Path, PublishedImage]:
        """Plan every image and submit the encodes the cache lacks; returns pages' view of them."""
        self.start()
        assert self.pool is not None
        self.pending, self.encoded, self.cached = [], 0, 0
        published: dict[Path, PublishedImage] = {}
        submitted: set[str] = set()
        for folder, source, role in items:
            planned = renditions(source, role, settings)
            published[source.path] = PublishedImage(folder, source.path.stem, role, planned)
            for rendition in planned:
                if self.cache.has(rendition) or rendition.key in submitted:
                    self.cached += rendition.key not in submitted
                    continue
                submitted.add(rendition.key)
                self.encoded += 1
                job = self.pool.submit(encode_into_cache, str(source.path), rendition, str(self.cache.folder))
                self.pending.append(job)
        return published

    def collect(self) -> None:
        """Wait for every encode; a job's exception is raised here."""
        jobs, self.pending = self.pending, []
        for job in jobs:
            job.result()
