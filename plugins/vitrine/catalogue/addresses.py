"""Two sources published at one address, found once every file of the build is known.

Used by the catalogue plugin (after it adds its generated pages) and by
`vitrine check` (on the pages of the content folder).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from mkdocs.structure.files import File, Files

from ..model.editorial import FALLBACK
from ..model.errors import ContentError
from .structure import PageSpec


def shared_addresses(files: Files, specs: dict[str, PageSpec], root: Path, rel_docs: str) -> list[ContentError]:
    """Two sources published at one address: MkDocs writes both and the last silently wins.

    `en/about.md` and `en/about/index.md` both become `en/about/index.html`; `en/quartiers.md`
    takes the generated directory's. Compared once every generated file is in, folded as the
    content tree is (a case-insensitive host serves `About/` and `about/` as one).
    """
    owners: dict[str, list[File]] = {}
    for file in files:
        owners.setdefault(unicodedata.normalize("NFKC", file.dest_uri).casefold(), []).append(file)
    shared = {dest: group for dest, group in sorted(owners.items()) if len(group) > 1}
    # A French page that collides collides again in every language that shows it for lack of a
    # translation: report the page once, and a fallback only when it is the sole cause.
    direct = {f"{rel_docs}/{file.src_uri}" for group in shared.values() for file in group if not file.generated_by}
    errors = []
    for dest, group in shared.items():
        if any(file.generated_by == FALLBACK and f"{rel_docs}/{file.edit_uri}" in direct for file in group):
            continue
        sources = sorted(_origin(file, specs, root, rel_docs) for file in group)
        message = f"published at {dest}, like {' and '.join(sources[1:])}"
        errors.append(ContentError(sources[0], 0, 0, "", message, "rename, move or remove one of them"))
    return errors


def _origin(file: File, specs: dict[str, PageSpec], root: Path, rel_docs: str) -> str:
    """The project file an editor would change to move `file`."""
    if file.generated_by == "vitrine/catalogue":
        spec = specs.get(file.src_uri)
        return f"the generated page {file.src_uri}" + (f" (from {spec.source})" if spec and spec.source else "")
    if file.generated_by == FALLBACK:
        return f"{rel_docs}/{file.edit_uri} (shown as {file.src_uri})"
    if file.abs_src_path is not None:
        path = Path(file.abs_src_path).resolve()
        return path.relative_to(root).as_posix() if path.is_relative_to(root) else file.src_uri
    return file.src_uri
