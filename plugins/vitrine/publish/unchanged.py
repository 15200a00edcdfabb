"""Whether the published site is already what a build would write: its inputs are those of the
last strict build that published it, and nobody has touched it since. Independent of MkDocs.

A build's inputs, read here as bytes (never by date: a checkout changes dates, not bytes):

- every file under the project's folder (the one holding mkdocs.yml), except the published
  folder and its staging and previous copies, the build cache, `.git`, virtual environments,
  `__pycache__` and every `node_modules` (whose installed tree `node_modules/.package-lock.json`
  stands for it); other folders at the top starting with a dot are skipped too, none is read
  by a build (a dot file deeper in content is an input: the build refuses it);
- the folders the configuration reads outside that folder (docs_dir, the theme's folders but
  those inside the installed packages, `watch:`), the vitrine package's own files, and the name
  and version of every installed Python distribution (MkDocs, Material, Markdown, Babel,
  Pillow…: their code, and Material's templates and icons);
- the settings a command line can change (site_url, use_directory_urls, docs_dir, site_dir,
  the theme) and the environment variables the output depends on (SOURCE_DATE_EPOCH and
  VITRINE_*).

The published folder is checked by the path, size and modification time of each of its files,
recorded when it was published: a file edited, added or removed by hand means a full build.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from ..model.catalogue import RECORD_FOLDERS
from .gate import walk_files

VERSION = 1
"""Of the record's format and of what a fingerprint covers: a change here invalidates every record."""

ENVIRONMENT_PREFIXES = ("SOURCE_DATE_EPOCH", "VITRINE_")


def record_name(site: Path) -> str:
    """The record's name in the build cache's `publish/` folder: one per published folder, since
    projects may share a cache (and one project may publish to several folders, `-d`)."""
    return f"last-build-{hashlib.blake2b(str(site).encode(), digest_size=8).hexdigest()}.json"


@dataclass(frozen=True)
class Record:
    """What the last published strict build read and wrote."""

    inputs: str
    site: str
    output: str
    files: int

    def to_json(self) -> str:
        return json.dumps({"version": VERSION, **self.__dict__}, sort_keys=True) + "\n"

    @staticmethod
    def from_json(text: str) -> Record | None:
        try:
            data = json.loads(text)
            if data.get("version") != VERSION:
                return None
            return Record(str(data["inputs"]), str(data["site"]), str(data["output"]), int(data["files"]))
        except (ValueError, KeyError, TypeError, AttributeError):
            return None


def inputs_fingerprints(
    root: Path,
    outside: Iterable[Path],
    skipped: Iterable[Path],
    settings: Mapping[str, str],
    environ: Mapping[str, str],
    page_source: Callable[[Path], bool],
) -> tuple[str, str]:
    """The digest of a build's inputs (see the module's docstring), and in the same reading the digest
    of the inputs every page shares: all but the files `page_source` names (the pages' own texts and
    records; vitrine/render's page keys). `outside`: folders or files the build reads beyond `root`;
    `skipped`: folders under `root` that are outputs (site, cache)."""
    every, shared = hashlib.blake2b(digest_size=20), hashlib.blake2b(digest_size=20)
    both = (every, shared)
    _update(both, f"vitrine-inputs {VERSION}\n".encode())
    for key in sorted(settings):
        _update(both, f"setting {key}={settings[key]}\n".encode())
    for key in sorted(environ):
        if key.startswith(ENVIRONMENT_PREFIXES):
            _update(both, f"env {key}={environ[key]}\n".encode())
    for dist in sorted({f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions()}):
        _update(both, f"dist {dist}\n".encode())
    root = root.resolve()
    skip = {path.resolve() for path in skipped}
    seen: set[Path] = set()
    for label, base, paths in [("root", root, _tree(root, skip, project=True)), *_outside(outside, root, skip)]:
        for path in paths:
            if path in seen:
                continue
            seen.add(path)
            digests = (every,) if page_source(path) else both
            _update(digests, f"file {label} {path.relative_to(base).as_posix()}\n".encode())
            _add_file(digests, path)
    return every.hexdigest(), shared.hexdigest()


def page_sources(docs: Path, root: Path) -> Callable[[Path], bool]:
    """The files only their own pages read: the editorial pages' texts under `docs`, and whatever is
    in a record's folder (its fields, texts, translations and images). The definitions, at the top
    of the record folders, are every page's."""
    records = [root / folder for folder in RECORD_FOLDERS]

    def page_source(path: Path) -> bool:
        if path.suffix == ".md" and docs in path.parents:
            return True
        return any(folder in path.parents and path.parent != folder for folder in records)

    return page_source


def _update(digests: Iterable[hashlib.blake2b], data: bytes) -> None:
    for digest in digests:
        digest.update(data)


def output_digest(site: Path) -> tuple[str, int]:
    """The digest of every file's path, size and modification time under `site`, and their number."""
    digest = hashlib.blake2b(digest_size=20)
    count = 0
    if not site.is_dir():
        return "", 0
    entries = sorted((rel, entry.stat(follow_symlinks=False)) for entry, rel in walk_files(str(site)))
    for rel, stat in entries:
        digest.update(f"{rel}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
        count += 1
    return digest.hexdigest(), count


def is_up_to_date(record_path: Path, inputs: str, site: Path) -> bool:
    """Whether `site` is what the last strict build wrote from these very inputs."""
    record = read_record(record_path)
    if record is None or record.inputs != inputs or record.site != str(site):
        return False
    return output_digest(site) == (record.output, record.files)


def remember(record_path: Path, inputs: str, site: Path) -> str | None:
    """After a strict build published `site` from `inputs`; what went wrong, if the record could not be
    written (a read-only cache: the next build then renders every page, nothing worse)."""
    output, files = output_digest(site)
    try:
        write_record(record_path, Record(inputs, str(site), output, files))
    except OSError as exc:
        return f"{record_path}: {exc.strerror or exc}"
    return None


def read_record(path: Path) -> Record | None:
    try:
        return Record.from_json(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None


def write_record(path: Path, record: Record) -> None:
    """Written beside, then renamed: a reader never sees half a record."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(record.to_json(), encoding="utf-8")
    partial.replace(path)


def forget(path: Path) -> None:
    """The site is no longer the last strict build's: no record, so the next build is a full one. A
    record that cannot be deleted is harmless: it names the published files' times, which change."""
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


# Helpers ----------------------------------------------------------------------------------------


def _outside(outside: Iterable[Path], root: Path, skip: set[Path]) -> Iterator[tuple[str, Path, Iterator[Path]]]:
    for number, place in enumerate(outside):
        place = place.resolve()
        if place == root or root in place.parents or not place.exists():
            continue  # under the project's folder: already read
        base = place if place.is_dir() else place.parent
        yield f"outside{number}:{place.as_posix()}", base, (_tree(place, skip) if place.is_dir() else iter([place]))


def _tree(folder: Path, skip: set[Path], *, project: bool = False) -> Iterator[Path]:
    """Every file under `folder`, in a stable order; a linked folder is followed once. `project`: the
    project's own folder, whose top-level folders starting with a dot are not read."""
    visited: set[Path] = set()
    for current, folders, files in os.walk(folder, followlinks=True):
        here = Path(current)
        real = here.resolve()
        if real in visited:
            folders[:] = []
            continue
        visited.add(real)
        hidden = project and here == folder
        kept = sorted(
            name
            for name in folders
            if name != "__pycache__" and not (hidden and name.startswith(".")) and (here / name).resolve() not in skip
        )
        if "node_modules" in kept:  # npm's installed tree (editor/ has 27,000 files): its lock stands for it
            kept.remove("node_modules")
            lock = here / "node_modules" / ".package-lock.json"
            if lock.is_file():
                yield lock
        folders[:] = kept
        for name in sorted(files):
            path = here / name
            if path.is_file():
                yield path


def _add_file(digests: Iterable[hashlib.blake2b], path: Path) -> None:
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                _update(digests, chunk)
    except OSError as exc:  # unreadable: the build will say so; never the same as readable
        _update(digests, f"unreadable {exc.errno}".encode())
    _update(digests, b"\0end\0")
