"""Pages' Markdown conversions kept from one build to the next.

Converting every page's Markdown is the one part of a build's pages that MkDocs does in the
build's own process, before the page workers start: 0.6 to 0.8 s of a national build's 6,890
pages, on one core, every build (MkDocs' page population then takes 1.1 s; 0.4 s with every
conversion kept). A page's conversion (its HTML, its table of contents, the title of its
first heading, its anchors and the links it makes to other pages' anchors) is a function of:

- its Markdown, as the `on_page_markdown` hooks left it;
- where the page is and where every other file of the site is (links are made relative, and
  checked against the files);
- the settings a conversion reads (the Markdown extensions and their settings, the link checks,
  `use_directory_urls`, the content folder), as the configuration was loaded (its file, what it
  inherits, the command line), and the code that converts: the versions of Python, MkDocs,
  Python-Markdown, pymdown-extensions and Pygments, and of this package's conversion modules;
  only extensions known to read nothing but the page's text keep conversions (`SELF_CONTAINED`);
- what the log lets through: a message logged while a page converts (a link to a missing page)
  must be logged again by the next build, so such a conversion is not kept, and the loggers'
  levels are part of the key (under `-q`, a message is not even made).

The key digests all of them; an equal key gives back the conversion byte for byte. The
conversions of one build are written to an SQLite file beside the last one's (each found or
made as pages convert, nothing held in memory), renamed into place once every page is
converted: a failed build leaves the last file. Independent of the build's success after that:
a conversion depends on its inputs only.
"""

from __future__ import annotations

import hashlib
import json
import logging
import pickle
import sqlite3
import sys
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .internals import Found
from .sqlitefile import create, open_if_made_for

VERSION = 1
"""Of the file's format and of what a key covers: another value makes every conversion anew."""

SELF_CONTAINED = frozenset(
    {
        *(
            f"{prefix}{name}"
            for prefix in ("", "markdown.extensions.")
            for name in (
                "abbr",
                "admonition",
                "attr_list",
                "codehilite",
                "def_list",
                "extra",
                "fenced_code",
                "footnotes",
                "legacy_attrs",
                "legacy_em",
                "md_in_html",
                "meta",
                "nl2br",
                "sane_lists",
                "smarty",
                "tables",
                "toc",
                "wikilinks",
            )
        ),
        *(
            f"pymdownx.{name}"
            for name in (
                "arithmatex",
                "betterem",
                "blocks.admonition",
                "blocks.details",
                "blocks.html",
                "blocks.tab",
                "caret",
                "critic",
                "details",
                "escapeall",
                "highlight",
                "inlinehilite",
                "keys",
                "magiclink",
                "mark",
                "saneheaders",
                "smartsymbols",
                "superfences",
                "tabbed",
                "tasklist",
                "tilde",
            )
        ),
    }
)
"""Markdown extensions that make a page's HTML from its own text and their settings only. Another one
(pymdownx.snippets, which copies other files of the content into the page; pymdownx.b64, which
reads images; pymdownx.emoji, which reads icon files; any extension this list does not know) turns
keeping conversions off: a file it reads could change while the page's text does not."""

CODE = ("markdown", "pymdown-extensions", "mkdocs", "pygments")
"""The distributions whose code converts a page with those extensions."""

LOGGERS = ("mkdocs", "mkdocs.structure.pages", "MARKDOWN")
"""Whose levels decide what a conversion logs (MkDocs' link checks, Python-Markdown's extensions)."""


def file_name(config_file: str, site: str) -> str:
    """The file's name in the build cache's `render/` folder: one per configuration and site, since
    projects may share a cache and one project may build with several configurations."""
    digest = hashlib.blake2b(f"{config_file}\0{site}".encode(), digest_size=8).hexdigest()
    return f"conversions-{digest}.sqlite"


def settings_digest(config: MkDocsConfig) -> str:
    """What a conversion reads besides the page and the files: settings and code (see above)."""
    extensions = [_extension_name(extension) for extension in config.markdown_extensions]
    settings = {
        "markdown_extensions": extensions,
        "mdx_configs": config.mdx_configs,
        "validation": dict(config.validation),
        "use_directory_urls": config.use_directory_urls,
        "docs_dir": config.docs_dir,
    }
    versions = {name: _version(name) for name in CODE}
    here = Path(__file__).parent
    code = [(name, (here / name).read_bytes()) for name in ("convert.py", "conversions.py", "internals.py")]
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"{VERSION}\0{sys.version}\0".encode())
    digest.update(json.dumps([settings, versions], sort_keys=True, default=_named).encode())
    for name, text in code:
        digest.update(f"{name}\0{len(text)}\0".encode())
        digest.update(text)
    return digest.hexdigest()


def _named(value: object) -> str:
    """A setting JSON cannot write (a slugify function, an extension object): its qualified name."""
    named = value if callable(value) and hasattr(value, "__qualname__") else type(value)
    return f"{getattr(named, '__module__', '?')}.{getattr(named, '__qualname__', repr(named))}"


def _extension_name(extension: object) -> str:
    """An extension as mkdocs.yml names it, or an extension object by its class's qualified name."""
    return extension if isinstance(extension, str) else _named(extension)


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return ""


def reads_other_files(extensions: Iterable[object]) -> str | None:
    """The first configured Markdown extension that may read more than a page's text, if any."""
    for extension in extensions:
        name = _extension_name(extension)
        if name not in SELF_CONTAINED:
            return name
    return None


class Converted:
    """A page's conversion as it is kept: the HTML, the table of contents' tokens and what MkDocs'
    processors found (the links to other pages' anchors by the linked file's source path)."""

    __slots__ = ("content", "found", "toc_tokens")

    def __init__(self, content: str, toc_tokens: list[Any], found: Found) -> None:
        self.content, self.toc_tokens, self.found = content, toc_tokens, found

    def dumps(self) -> bytes:
        links = {file.src_uri: dict(anchors) for file, anchors in self.found.links_to_anchors.items()}
        held = (self.content, self.toc_tokens, self.found.title, sorted(self.found.anchors), links)
        return pickle.dumps(held, protocol=pickle.HIGHEST_PROTOCOL)

    @staticmethod
    def loads(blob: bytes, files: Files) -> Converted | None:
        """None when a linked file is not in `files` (the key says it is: a broken file)."""
        try:
            content, toc_tokens, title, anchors, links = pickle.loads(blob)
            linked: dict[File, dict[str, str]] = {}
            for src_uri, found in links.items():
                file = files.get_file_from_path(src_uri)
                if file is None:
                    return None
                linked[file] = dict(found)
            return Converted(str(content), list(toc_tokens), Found(title, set(anchors), linked))
        except Exception:  # a damaged row (unpickling raises many kinds): converted as if none was kept
            return None


class Heard(logging.Handler):
    """Counts what is logged while one page converts."""

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class Conversions:
    """One build's kept conversions: the last build's, read as pages ask; this build's, written."""

    def __init__(self, path: Path, settings: str) -> None:
        self.path, self.settings = path, settings
        self.partial = path.with_name(path.name + ".partial")
        self.kept = 0
        """Pages whose conversion was found."""
        self.made = 0
        """Pages converted, and kept for the next build."""
        self._files: bytes | None = None
        self._old: sqlite3.Connection | None = None
        self._new: sqlite3.Connection | None = None
        self._opened = False
        self.heard = Heard()

    def key(self, page: Page, files: Files) -> bytes:
        digest = hashlib.blake2b(digest_size=20)
        digest.update(f"vitrine-conversion {VERSION}\n{self.settings}\n".encode())
        digest.update(self._files_digest(files))
        levels = ",".join(str(logging.getLogger(name).getEffectiveLevel()) for name in LOGGERS)
        file = page.file
        digest.update(f"{levels}\0{file.src_uri}\0{file.dest_uri}\0{file.url}\0".encode())
        digest.update((page.markdown or "").encode("utf-8", "surrogatepass"))
        return digest.digest()

    def get(self, key: bytes, files: Files) -> Converted | None:
        """The conversion kept under `key`, carried into this build's file; None if there is none."""
        old = self._connections()[0]
        if old is None:
            return None
        try:
            row = old.execute("SELECT value FROM conversions WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            return None
        if row is None:
            return None
        found = Converted.loads(row[0], files)
        if found is not None:
            self._write(key, row[0])
            self.kept += 1
        return found

    def put(self, key: bytes, converted: Converted) -> None:
        if self._write(key, converted.dumps()):
            self.made += 1

    def listen(self) -> None:
        """From now until `heard_nothing`: what is logged is counted."""
        self.heard.count = 0
        for name in ("", "mkdocs"):  # MkDocs' own logger does not hand its records to the root's
            logging.getLogger(name).addHandler(self.heard)

    def heard_nothing(self) -> bool:
        for name in ("", "mkdocs"):
            logging.getLogger(name).removeHandler(self.heard)
        return self.heard.count == 0

    def publish(self) -> None:
        """Every page converted: this build's file in place of the last one's (nothing is kept when it
        cannot be written; the next build converts every page)."""
        old, new = self._old, self._new
        self._old, self._new = None, None
        if old is not None:
            old.close()
        if new is None:
            return
        try:
            new.commit()
            new.close()
            self.partial.replace(self.path)
        except (OSError, sqlite3.Error):
            self.partial.unlink(missing_ok=True)

    def drop(self) -> None:
        """The build stopped before its pages were converted: the last build's file stays. (Never in a
        page worker: the conversions are published, and let go, before the workers fork.)"""
        for connection in (self._old, self._new):
            if connection is not None:
                connection.close()
        self._old, self._new = None, None
        self.partial.unlink(missing_ok=True)

    # Helpers ------------------------------------------------------------------

    def _files_digest(self, files: Iterable[File]) -> bytes:
        if self._files is None:
            digest = hashlib.blake2b(digest_size=20)
            for file in files:
                digest.update(f"{file.src_uri}\0{file.dest_uri}\0{file.url}\0{file.inclusion.name}\n".encode())
            self._files = digest.digest()
        return self._files

    def _connections(self) -> tuple[sqlite3.Connection | None, sqlite3.Connection | None]:
        if not self._opened:
            self._opened = True
            self._old = open_if_made_for(self.path, _meta(self.settings))
            self._new = _start(self.partial, self.settings)
        return self._old, self._new

    def _write(self, key: bytes, value: bytes) -> bool:
        new = self._connections()[1]
        if new is None:
            return False
        try:
            new.execute("INSERT OR REPLACE INTO conversions (key, value) VALUES (?, ?)", (key, value))
        except sqlite3.Error:
            return False
        return True


def _meta(settings: str) -> dict[str, str]:
    """What a conversions file is made for: this module's version, the settings and code digest."""
    return {"version": str(VERSION), "settings": settings}


def _start(partial: Path, settings: str) -> sqlite3.Connection | None:
    try:
        db = create(partial, "conversions (key BLOB PRIMARY KEY, value BLOB NOT NULL)", _meta(settings))
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
    except (OSError, sqlite3.Error):
        return None
    return db
