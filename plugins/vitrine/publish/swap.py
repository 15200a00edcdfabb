"""Atomic replacement of a site folder, independent of MkDocs.

MkDocs empties the site folder before building, so a crash leaves it empty or
half-written. We build into a fresh sibling folder and, once everything has
succeeded, exchange the two with renames on the same file system.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path


def staging_folder(site: Path) -> Path:
    """A new, empty folder beside `site` (same file system, so renames are atomic)."""
    site.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{site.name}.building-", dir=site.parent))


def replace(site: Path, staging: Path) -> None:
    """Put `staging` in place of `site`; the old site is removed only after the switch."""
    old = None
    if site.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{site.name}.previous-", dir=site.parent))
        old.rmdir()
        site.rename(old)
    staging.rename(site)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def move_into(site: Path, staging: Path, files: Iterable[str]) -> None:
    """Move each of `files` (paths relative to both folders) from `staging` into `site`, one rename each."""
    for name in files:
        target = site / name
        target.parent.mkdir(parents=True, exist_ok=True)
        (staging / name).replace(target)


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)
