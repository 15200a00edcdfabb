"""Publishing a site's images: plan, encode on a pool what the cache lacks, report.

Jobs are submitted as soon as the records are loaded and collected before
MkDocs copies files, so encoding overlaps the rest of the build.
"""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

from ..model.errors import ContentError
from ..model.images import ImageProblem, SourceImage
from .pipeline import Cache, Rendition, Role, Settings, encode_into_cache, renditions
from .pool import shared_pool
from .progress import wait_reporting


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
        """The widest fallback: the `<img>`'s own file, for browsers that read no WebP."""
        return max(self.fallback, key=lambda r: r.width)

    @property
    def widest(self) -> Rendition:
        """The widest rendition of any format: the image's intrinsic size on the page."""
        return max(self.renditions, key=lambda r: r.width)


@dataclass
class ImageService:
    cache: Cache
    pending: list[tuple[Path, Future[list[str]]]] = field(default_factory=list)
    """One job per source: its renditions the cache lacks, decoded once (`render_all`)."""
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
            missing = []
            for rendition in planned:
                if self.cache.has(rendition) or rendition.key in submitted:
                    self.cached += rendition.key not in submitted
                    continue
                submitted.add(rendition.key)
                missing.append(rendition)
            if missing:
                self.encoded += len(missing)
                job = pool.submit(encode_into_cache, str(source.path), tuple(missing), str(self.cache.folder))
                self.pending.append((source.path, job))
        return published

    def collect(self) -> dict[Path, str]:
        """Wait for every encode; returns the sources that could not be decoded, with the reason.

        Other exceptions of a job (the pool broke, the disk is full) are not the editor's and are raised.
        """
        jobs, self.pending = self.pending, []
        wait_reporting([job for _source, job in jobs], "images: {done}/{total} sources encoded")
        problems: dict[Path, str] = {}
        for source, job in jobs:
            try:
                job.result()
            except ImageProblem as problem:
                problems.setdefault(source, str(problem))
        return problems


def decode_errors(problems: dict[Path, str], root: Path) -> list[ContentError]:
    """Sources whose header passed the checks but whose pixels could not be decoded (truncated, corrupt)."""
    return [
        ContentError(path.relative_to(root).as_posix(), 0, 0, "", problem, "export the image again from its original")
        for path, problem in sorted(problems.items())
    ]
