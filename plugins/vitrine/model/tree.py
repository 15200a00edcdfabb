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
from pathlib import Path

from ..images.pipeline import MAX_BYTES as MAX_IMAGE_BYTES
from .errors import ContentError, too_large
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
    """(symbolic links, other problems): links stop everything before any file is read."""
    links: list[ContentError] = []
    errors: list[ContentError] = []
    for folder in folders:
        base = root / folder
        if not base.is_dir():
            continue
        seen: dict[str, str] = {}
        for directory, subfolders, names in os.walk(base, followlinks=False):
            here = Path(directory)
            for name in sorted(subfolders + names):
                path = here / name
                rel = path.relative_to(root).as_posix()
                if path.is_symlink():
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
                errors.extend(_check(path, rel, folder, name in names))
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
    return links, errors


def _check(path: Path, rel: str, folder: str, is_file: bool) -> list[ContentError]:
    if not is_file or path.name in IGNORED:
        return []
    accepted = ALLOWED.get(folder, ALLOWED["content"])  # docs_dir may have another name
    if path.suffix.lower() not in accepted or path.name.startswith("."):
        allowed = ", ".join(sorted(accepted))
        return [ContentError(rel, 0, 0, "", "this kind of file is never published", f"{folder}/ holds only {allowed}")]
    return _check_size(path, rel)


def _check_size(path: Path, rel: str) -> list[ContentError]:
    """Read from the file system, before any file is opened: images in content/ are published as they are."""
    text = path.suffix.lower() in TEXT_SUFFIXES
    limit, hint = (MAX_TEXT_BYTES, TEXT_HINT) if text else (MAX_IMAGE_BYTES, IMAGE_HINT)
    size = path.stat().st_size
    return [too_large(rel, size, limit, hint)] if size > limit else []
