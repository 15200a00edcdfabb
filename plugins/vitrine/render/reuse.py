"""Pages taken over from the last build: a page whose inputs are those its published file was
rendered from is not rendered again; its file is linked into the new site.

A page's key, computed in the process that renders it once every hook has built its context:

- the build's inputs that are not any one page's (`inputs`: templates, mkdocs.yml, the
  interface's translations, the definitions, the vitrine package, every installed
  distribution's version, the settings and environment the output depends on: vitrine/publish's
  fingerprint without the pages' own sources);
- the page itself: its address, title, converted content, table of contents, metadata, its
  neighbours and place in the navigation (`page_digest`);
- every value of its template's context (the navigation, the share card, the translations, the
  JSON-LD, the map…), digested to the bottom (model/fingerprint.py);
- and, asked again rather than digested, what the template read from the catalogue as it
  rendered (`rendering.RecordsReads`: catalogue/reads.py).

The page is taken over when its key is the one kept for it, every read gives what it gave,
and its published file is still the one that build wrote (same size and modification time).
A value that cannot be digested, a read that cannot be recorded, a warning while the page
rendered: the page is rendered, and rendered again at the next build.

The record of kept pages is written once the new site has replaced the old one, and only then:
a failed build leaves the last good record, which names the last good site.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import shutil
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from mkdocs.structure.files import File
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

from ..model.fingerprint import Fingerprints, Undigestable
from ..publish.gate import WarningCount
from ..rendering import RecordsReads
from .internals import skipped_line
from .parallel import SkippedLines

VERSION = 2
"""Of the record's format and of what a key covers: a change here renders every page again."""

SWITCH = "vitrine-page.html"
"""Every page's template while pages are taken over: its own template, unless it is taken over."""
SWITCH_SOURCE = "{%- if not vitrine_reused -%}{%- include vitrine_template -%}{%- endif -%}"
REUSED_KEY = "vitrine_reused"
TEMPLATE_KEY = "vitrine_template"

UNDIGESTED = frozenset({"config", REUSED_KEY, TEMPLATE_KEY})
"""Context keys not digested with the page: the configuration is in `inputs`; the switch's own."""
BUILD_DATE = "build_date_utc"
"""MkDocs' time of the build, in every context: left out of the keys when no template names it."""
SHARED = frozenset({"nav", "pages"})
"""Context keys whose value is one object for many pages: digested once each."""


@dataclass(frozen=True, slots=True)
class Kept:
    """A page as the last build published it: a few hundred bytes, 51,000 of them at 50,000 pages."""

    key: bytes
    held: bytes
    """Pickled: what each of its context's `RecordsReads` values read (by context key), and the
    hashes of its inline scripts (vitrine/publish's CSP)."""
    size: int = 0
    mtime_ns: int = 0

    @staticmethod
    def of(key: bytes, reads: dict[str, object], scripts: Iterable[str]) -> Kept:
        return Kept(key, pickle.dumps((reads, tuple(scripts)), protocol=pickle.HIGHEST_PROTOCOL))

    def contents(self) -> tuple[dict[str, object], tuple[str, ...]]:
        """Its reads by context key, and its scripts' hashes."""
        reads, scripts = pickle.loads(self.held)
        return reads, scripts


@dataclass
class Record:
    """Every page the last published build could hand on, by destination (site-relative path)."""

    inputs: str
    site: str
    pages: dict[str, Kept] = field(default_factory=dict)


def record_name(site: Path) -> str:
    return f"pages-{hashlib.blake2b(str(site).encode(), digest_size=8).hexdigest()}.pickle"


def read_record(path: Path, inputs: str, site: Path) -> dict[str, Kept]:
    """The last build's pages, if it was built from these inputs into this folder; else none."""
    try:
        with path.open("rb") as handle:
            version, record = pickle.load(handle)
    except (OSError, EOFError, ValueError, TypeError, AttributeError, ImportError, pickle.UnpicklingError):
        return {}
    if version != VERSION or not isinstance(record, Record) or record.inputs != inputs or record.site != str(site):
        return {}
    return record.pages


def write_record(path: Path, record: Record) -> str | None:
    """Written beside, then renamed; what went wrong, if it could not be (the next build renders all)."""
    partial = path.with_name(path.name + ".partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with partial.open("wb") as handle:
            pickle.dump((VERSION, record), handle, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(path)
    except OSError as exc:
        return f"{path}: {exc.strerror or exc}"
    return None


def published(site: Path, dest: str, kept: Kept) -> Path | None:
    """The page's published file, if it is still the one the last build wrote."""
    path = site / dest
    try:
        stat = path.stat()
    except OSError:
        return None
    return path if (stat.st_size, stat.st_mtime_ns) == (kept.size, kept.mtime_ns) else None


def take_over(source: Path, target: Path) -> None:
    """The published file into the new site: linked (the old site's name goes with the old site),
    copied where it cannot be linked."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except FileExistsError:
        raise
    except OSError:
        if target.exists():
            raise FileExistsError(target) from None
        shutil.copyfile(source, target)


def stamp(site: Path, dest: str) -> tuple[int, int] | None:
    try:
        stat = (site / dest).stat()
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns


# The page's key -----------------------------------------------------------------------------


def fingerprints() -> Fingerprints:
    """One build's digests, with what MkDocs' own objects in a context stand for."""
    return Fingerprints(
        special={
            Navigation: _navigation,
            File: lambda file: _plain((file.src_uri, file.dest_uri, file.url)),
        }
    )


def page_key(
    inputs: str, page: Page, context: Mapping[str, object], digests: Fingerprints, skipped: Iterable[str] = ()
) -> bytes:
    """The digest of what `page` is rendered from, but the reads its template makes as it renders;
    `Undigestable` when some value of its context cannot be vouched for."""
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"vitrine-page {VERSION} {inputs}\n".encode())
    digest.update(digests.of(page_digest(page)))
    left_out = UNDIGESTED.union(skipped)
    for key in sorted(context):
        if key in left_out or key == "page":
            continue
        digest.update(key.encode() + b"\0")
        value = context[key]
        try:
            digest.update(digests.shared(value) if key in SHARED else digests.of(value))
        except Undigestable as exc:
            raise Undigestable(f"{key}: {exc}") from exc
    return digest.digest()


def undated(folders: Iterable[str]) -> bool:
    """Whether no template in the theme's `folders` names the build's time (Material's and ours do
    not). Its icons (`.icons`, 14,000 files) are not templates."""
    for folder in folders:
        for current, subfolders, files in os.walk(folder):
            subfolders[:] = [name for name in subfolders if not name.startswith(".")]
            for name in files:
                if name.endswith((".html", ".xml", ".js", ".txt")) and BUILD_DATE in _text(Path(current, name)):
                    return False
    return True


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def page_digest(page: Page) -> tuple[object, ...]:
    """What a template may read of the page itself."""
    return (
        page.file.src_uri,
        page.file.dest_uri,
        page.url,
        page.abs_url,
        page.canonical_url,
        page.edit_url,
        page.title,
        page.content,
        _toc(page.toc),
        page.meta,
        page.is_homepage,
        page.is_index,
        page.is_top_level,
        page.update_date,
        _neighbour(page.previous_page),
        _neighbour(page.next_page),
        [(type(item).__name__, item.title) for item in page.ancestors],
    )


def _toc(items: Iterable[AnchorLink]) -> list[object]:
    return [(item.title, item.id, item.level, _toc(item.children)) for item in items]


def _neighbour(page: Page | None) -> tuple[str | None, str] | None:
    return None if page is None else (page.title, page.url)


def _navigation(nav: Navigation) -> bytes:
    return _plain(_items(nav.items))


def _items(items: Iterable[object]) -> list[object]:
    found: list[object] = []
    for item in items:
        if isinstance(item, Section):
            found.append(("section", item.title, _items(item.children)))
        elif isinstance(item, Page):
            found.append(("page", item.title, item.url, item.file.src_uri, item.is_index))
        elif isinstance(item, Link):
            found.append(("link", item.title, item.url))
        else:
            raise Undigestable(f"navigation item {type(item).__qualname__}")
    return found


def _plain(value: object) -> bytes:
    return Fingerprints().of(value)


# One build's taking over ---------------------------------------------------------------------


@dataclass
class Current:
    """The page the process is rendering, as its key was found."""

    page: Page
    key: bytes | None
    """None: the page cannot be kept (`why`)."""
    readers: dict[str, RecordsReads]
    warnings: int
    taken: Kept | None = None
    source: Path | None = None


@dataclass
class Gathered:
    """What a process found (a page worker sends it back): the pages it can hand on, its counts."""

    pages: dict[str, Kept] = field(default_factory=dict)
    files: list[tuple[str, str, str]] = field(default_factory=list)
    """The pages taken over: published file, file in the new site, destination; linked once every page
    is written."""
    taken: int = 0
    rendered: int = 0
    why: dict[str, int] = field(default_factory=dict)
    """Why pages could not be kept, with how many."""

    def merge(self, other: Gathered) -> None:
        self.pages.update(other.pages)
        self.files += other.files
        self.taken += other.taken
        self.rendered += other.rendered
        for reason, count in other.why.items():
            self.why[reason] = self.why.get(reason, 0) + count


class Reuse:
    """One `mkdocs build`'s taking over of the last build's pages (see the module's docstring)."""

    def __init__(self, inputs: str, site: Path, kept: dict[str, Kept], record: Path, undated: bool) -> None:
        self.inputs, self.site, self.kept, self.record = inputs, site, kept, record
        self.skipped = (BUILD_DATE,) if undated else ()
        """Context keys no template reads."""
        self.digests = fingerprints()
        self.templates: dict[str, str | None] = {}
        """Each page's own template (by source URI), while MkDocs is handed the switch."""
        self.current: Current | None = None
        self.found = Gathered()
        self.warnings = WarningCount()
        self.warnings.in_workers = True  # type: ignore[attr-defined]  # kept by parallel.py's workers
        self.quiet = SkippedLines()

    def attach(self, pages: Iterable[Page]) -> None:
        """Before the workers fork: every page gets the switch; the loggers that watch the pages."""
        for page in pages:
            original = page.meta.get("template")
            self.templates[page.file.src_uri] = original if isinstance(original, str) else None
            page.meta["template"] = SWITCH
        logging.getLogger("mkdocs").addHandler(self.warnings)
        logging.getLogger("mkdocs.commands.build").addFilter(self.quiet)

    def detach(self) -> None:
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        logging.getLogger("mkdocs.commands.build").removeFilter(self.quiet)

    def restore(self, page: Page) -> None:
        """The page's own template back in its metadata, for the hooks that read it (MkDocs has
        already picked the switch)."""
        uri = page.file.src_uri
        if uri not in self.templates:
            return
        original = self.templates[uri]
        if original is None:
            page.meta.pop("template", None)
        else:
            page.meta["template"] = original

    def decide(self, page: Page, context: dict[str, object]) -> None:
        """Once every hook has built the page's context: render it, or take its file over."""
        if page.file.src_uri not in self.templates:  # not given the switch: MkDocs renders it as it is
            return
        context[TEMPLATE_KEY] = self.templates.get(page.file.src_uri) or "main.html"
        context[REUSED_KEY] = False
        readers = {key: cast("RecordsReads", value) for key, value in context.items() if _reads(value)}
        try:
            key: bytes | None = page_key(self.inputs, page, context, self.digests, self.skipped)
        except Undigestable as exc:
            key = None
            self._why(f"a value cannot be digested: {exc}")
        if key is not None and not logging.getLogger("mkdocs").isEnabledFor(logging.WARNING):
            key = None  # `-q` without --strict: a warning while it renders would go unheard, and unsaid later
            self._why("warnings are not heard (-q without --strict)")
        self.current = Current(page, key, readers, self.warnings.count)
        kept = self.kept.get(page.file.dest_uri)
        if key is None or kept is None or kept.key != key:
            return
        reads, _scripts = kept.contents()
        if set(reads) != set(readers) or not all(readers[k].replays(reads[k]) for k in readers):
            return
        source = published(self.site, page.file.dest_uri, kept)
        if source is None:
            return
        context[REUSED_KEY] = True
        self.current.taken, self.current.source = kept, source
        self.quiet.lines.add(skipped_line(page))

    def done(self, page: Page, output: str, scripts: Callable[[str], Iterable[str]]) -> Kept | None:
        """The page's hooks are done (`output` as written; `scripts`: the hashes of a page's inline
        scripts). The page taken over, if it was (its file is linked in by `link`)."""
        current, self.current = self.current, None
        if current is None or current.page is not page:
            return None
        dest = page.file.dest_uri
        if current.taken is not None and current.source is not None:
            if output.strip():  # a hook wrote something after all: MkDocs writes it, the page is not kept
                self._why("an on_post_page hook wrote into the page taken over")
                return None
            self.found.files.append((str(current.source), page.file.abs_dest_path, dest))
            self.found.pages[dest] = current.taken
            self.found.taken += 1
            return current.taken
        self.found.rendered += 1
        if current.key is None:
            return None
        if self.warnings.count != current.warnings:
            self._why("a warning was logged while it rendered")
            return None
        reads: dict[str, object] = {}
        for name, reader in current.readers.items():
            found = reader.reads()
            if found is None:
                why = getattr(reader, "why_not", lambda: None)()
                self._why(str(why or f"{name}: its reads could not be recorded"))
                return None
            reads[name] = found
        self.found.pages[dest] = Kept.of(current.key, reads, scripts(output))
        return None

    def link(self) -> None:
        """In the build's process, every page written: the pages taken over into the new site. Linked
        only now, and never over a file: MkDocs writes a page into the file it names, which must never
        be one the site being replaced holds."""
        for source, target, dest in self.found.files:
            try:
                take_over(Path(source), Path(target))
            except FileExistsError:  # written by another hook or plugin: that file stays, not kept
                self.found.pages.pop(dest, None)
                self._why("another file was written in its place")

    def published(self) -> Record:
        """After the swap: what the next build may take over, stamped as the new site has it."""
        pages: dict[str, Kept] = {}
        for dest, kept in self.found.pages.items():
            found = stamp(self.site, dest)
            if found is not None:
                pages[dest] = Kept(kept.key, kept.held, *found)
        return Record(self.inputs, str(self.site), pages)

    def _why(self, reason: str) -> None:
        self.found.why[reason] = self.found.why.get(reason, 0) + 1


def _reads(value: object) -> bool:
    """Whether `value` is a `RecordsReads` (as `isinstance` would say, at a tenth of its cost)."""
    kind = type(value)
    return hasattr(kind, "replays") and hasattr(kind, "reads") and hasattr(kind, "reuse_digest")
