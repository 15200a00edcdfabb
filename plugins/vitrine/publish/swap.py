"""Atomic replacement of a site folder, independent of MkDocs.

MkDocs empties the site folder before building, so a crash leaves it empty or
half-written. We build into a fresh sibling folder and, once everything has
succeeded, exchange the two with renames on the same file system.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path


def staging_folder(site: Path) -> Path:
    """A new, empty folder beside `site` (same file system, so renames are atomic)."""
    site.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{site.name}.building-", dir=site.parent))


def replace(site: Path, staging: Path, *, detach: bool = False) -> None:
    """Put `staging` in place of `site`; the old site is removed only after the switch.

    `detach`: the old site is deleted by a process of its own, so the build does not wait for
    it (7,000 page folders take 1.5 to 3.5 s to delete); it lingers, as `.<site>.previous-*`
    beside the new one, only for that long.
    """
    old = exchange(site, staging)
    if old is not None:
        if detach:
            remove_detached(old)
        else:
            shutil.rmtree(old, ignore_errors=True)


def exchange(site: Path, staging: Path) -> Path | None:
    """Put `staging` in place of `site` (two renames); return where the old site now is, to delete."""
    old = None
    if site.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{site.name}.previous-", dir=site.parent))
        old.rmdir()
        site.rename(old)
    staging.rename(site)
    return old


def remove_detached(folder: Path) -> None:
    """Delete `folder` in a detached process (no one waits for it); in this one without `fork`."""
    if not hasattr(os, "fork"):
        shutil.rmtree(folder, ignore_errors=True)
        return
    child = os.fork()
    if child == 0:  # forks the remover and leaves at once, so the remover has no parent to wait for it
        try:
            if os.fork() == 0:
                try:
                    os.setsid()
                    shutil.rmtree(folder, ignore_errors=True)
                finally:
                    os._exit(0)
        finally:
            os._exit(0)
    os.waitpid(child, 0)


def move_into(site: Path, staging: Path, files: Iterable[str]) -> None:
    """Move each of `files` (paths relative to both folders) from `staging` into `site`, one rename each."""
    for name in files:
        target = site / name
        target.parent.mkdir(parents=True, exist_ok=True)
        (staging / name).replace(target)


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)
