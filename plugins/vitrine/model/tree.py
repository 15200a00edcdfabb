"""What may live in the content folders: checked before anything is read.

MkDocs follows symbolic links (even out of the tree), publishes any file it
finds, whatever its size, and lets `Foo.md` and `foo.md` become two pages.
Content folders here hold only Markdown, YAML records and images of bounded
size; links, other files, files over their limit and names that collide once
case and Unicode forms are folded are errors.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from .errors import ContentError, too_large
from .images import MAX_BYTES as MAX_IMAGE_BYTES
from .yamlsource import MAX_BYTES as MAX_TEXT_BYTES
from .yamlsource import TEXT_HINT

ALLOWED = {
    "content": {".md", ".jpg", ".jpeg", ".png", ".webp"},
    "quartiers": {".yml", ".md", ".jpg", ".jpeg", ".png", ".webp"},
    "champions": {".yml", ".md", ".jpg", ".jpeg", ".png", ".webp"},
}
IGNORED = {".gitkeep", ".DS_Store"}
TEXT_SUFFIXES = {".md", ".yml"}
IMAGE_HINT = "export it smaller, e.g. at most 3000 pixels wide as a JPEG of quality 85"


def check_tree(root: Path, folders: Iterable[str]) -> tuple[list[ContentError], list[ContentError]]:
    """(symbolic links, other problems): links stop everything before any file is read.

    One `scandir` per folder (its entries say what they are without another system call): a
    national project has about 7,000 files here.
    """
    links: list[ContentError] = []
    errors: list[ContentError] = []
    for folder in folders:
        base = root / folder
        if not base.is_dir():
            continue
        seen: dict[str, str] = {}
        pending = [(str(base), folder)]
        while pending:
            directory, rel_directory = pending.pop()
            with os.scandir(directory) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
            subfolders = []
            for entry in entries:
                rel = f"{rel_directory}/{entry.name}"
                if entry.is_symlink():
                    links.append(
                        ContentError(
                            rel,
                            0,
                            0,
                            "",
                            "symbolic links are not allowed (they are never followed)",
                            "copy the file here instead",
                        )
                    )
                    continue
                is_folder = entry.is_dir(follow_symlinks=False)
                if is_folder:
                    subfolders.append((entry.path, rel))
                else:
                    errors.extend(_check(entry, rel, folder))
                key = unicodedata.normalize("NFKC", rel).casefold()
                if key in seen:
                    errors.append(
                        ContentError(
                            rel,
                            0,
                            0,
                            "",
                            f"same name as {seen[key]} once case and accents are folded",
                            "rename one of them",
                        )
                    )
                else:
                    seen[key] = rel
            pending.extend(reversed(subfolders))  # depth first, in name order
    return links, errors


def _check(entry: os.DirEntry[str], rel: str, folder: str) -> list[ContentError]:
    if entry.name in IGNORED:
        return []
    accepted = ALLOWED.get(folder, ALLOWED["content"])  # docs_dir may have another name
    suffix = PurePosixPath(entry.name).suffix.lower()
    if suffix not in accepted or entry.name.startswith("."):
        allowed = ", ".join(sorted(accepted))
        return [ContentError(rel, 0, 0, "", "this kind of file is never published", f"{folder}/ holds only {allowed}")]
    return _check_size(entry, rel, suffix)


def _check_size(entry: os.DirEntry[str], rel: str, suffix: str) -> list[ContentError]:
    """Read from the file system, before any file is opened: images in content/ are published as they are."""
    text = suffix in TEXT_SUFFIXES
    limit, hint = (MAX_TEXT_BYTES, TEXT_HINT) if text else (MAX_IMAGE_BYTES, IMAGE_HINT)
    size = entry.stat(follow_symlinks=False).st_size
    return [too_large(rel, size, limit, hint)] if size > limit else []
