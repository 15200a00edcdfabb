"""Publishing a site's images: plan, encode on a pool what the cache lacks, report.

Jobs are submitted as soon as the records are loaded and collected before
MkDocs copies files, so encoding overlaps the rest of the build.
"""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

from .pipeline import Cache, Rendition, Role, Settings, SourceImage, encode_into_cache, renditions
from .pool import shared_pool


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
    pending: list[Future[str]] = field(default_factory=list)
    encoded: int = 0
    cached: int = 0

    def publish(self, items: Iterable[tuple[str, SourceImage, Role]], settings: Settings) -> dict[Path, PublishedImage]:
        """Plan every image and submit the encodes the cache lacks; returns pages' view of them."""
        pool = shared_pool()
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
                job = pool.submit(encode_into_cache, str(source.path), rendition, str(self.cache.folder))
                self.pending.append(job)
        return published

    def collect(self) -> None:
        """Wait for every encode; a job's exception is raised here."""
        jobs, self.pending = self.pending, []
        for job in jobs:
            job.result()
