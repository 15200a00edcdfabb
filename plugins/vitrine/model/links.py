"""Links between pages, checked before anything is rendered (`vitrine check`).

MkDocs validates links while it renders pages, which only a build does. This
reads the Markdown itself: a relative link must lead to a page of the site
(`charte.md`, `../en/index.md`, a generated `quartiers/index.md`) or to a file
in the content folder (`photo.jpg`), and an `#anchor` must name a heading of
the page it points at, as Python-Markdown's `toc` extension writes its id.
Addresses with a scheme are left alone; absolute paths and links leaving the
content folder are reported by `markup`. A link leading nowhere gets the link
that works for the page it was meant for (`meant_page`, `relative_link`).
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import unquote

from markdown.extensions.toc import slugify, unique

from .errors import ContentError


@dataclass(frozen=True)
class Page:
    """A Markdown text as the site will show it."""

    src_uri: str
    """Where the page sits in docs_dir (`fr/charte.md`, `fr/quartiers/lille.md`): links resolve from there."""
    rel: str
    """Project-relative file the text comes from, for messages."""
    body: str
    """The Markdown after the front matter."""
    offset: int = 0
    """Lines before the body (the front matter), so messages give the file's own line numbers."""


@dataclass
class Site:
    """What links may lead to: pages with their anchors, and the other files of docs_dir."""

    pages: dict[str, frozenset[str] | None] = field(default_factory=dict)
    """src_uri -> heading ids; None for a page whose ids come from a template (not checked)."""
    files: set[str] = field(default_factory=set)
    folder: str = ""
    """docs_dir relative to the project (`content`), to name pages in messages as editors see them."""

    def add(self, page: Page) -> None:
        self.pages[page.src_uri] = anchors(page.body)


_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,}).*?^[ \t]*\1[ \t]*$", re.MULTILINE | re.DOTALL)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1")
_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_ATTR_ID = re.compile(r"[ \t]*\{:?[^}\n]*#([\w-]+)[^}\n]*\}[ \t]*$")
_HTML_ID = re.compile(r"""\b(?:id|name)\s*=\s*["']([^"']+)["']""")
_INLINE_LINK = re.compile(r"\[[^\]\n]*\]\(\s*(<[^>\n]*>|[^)\s]+)")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*(<[^>\n]*>|\S+)", re.MULTILINE)
_HTML_URL = re.compile(r"""<[a-zA-Z][^>]*?\b(?:href|src)\s*=\s*["']([^"']+)["']""")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_MARKUP = re.compile(r"\*\*|__|[*`]|(?<!\w)_|_(?!\w)|<[^>]+>")
_LINK_TEXT = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


def _blank_code(text: str) -> str:
    """Code shows links and headings as examples: keep its lines, drop its text."""

    def blank(match: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", match.group(0))

    return _CODE_SPAN.sub(blank, _FENCE.sub(blank, text))


def anchors(markdown: str) -> frozenset[str]:
    """Ids of the headings (and of elements given an explicit id) in a Markdown text."""
    ids: set[str] = set()
    lines = _blank_code(markdown).split("\n")
    for number, line in enumerate(lines):
        heading = _HEADING.match(line)
        text = heading.group(2) if heading else None
        if text is None and number > 0 and _SETEXT.match(line) and lines[number - 1].strip():
            previous = lines[number - 1]
            text = previous.strip() if not _HEADING.match(previous) and not previous.startswith(" " * 4) else None
        if text is not None:
            explicit = _ATTR_ID.search(text)
            if explicit:
                ids.add(explicit.group(1))
            else:
                unique(slugify(_plain(text), "-"), ids)
        ids.update(_HTML_ID.findall(line))
    return frozenset(ids)


def _plain(heading: str) -> str:
    """The text of a heading once rendered: link texts kept, emphasis and tags dropped."""
    return _MARKUP.sub("", _LINK_TEXT.sub(r"\1", heading))


def links(markdown: str) -> Iterator[tuple[int, int, str]]:
    """(line, column, address) of every link and image in a Markdown text, code excepted."""
    text = _blank_code(markdown)
    found: list[tuple[int, int, str]] = []
    for pattern in (_INLINE_LINK, _REFERENCE, _HTML_URL):
        for match in pattern.finditer(text):
            start = match.start(1)
            line = text.count("\n", 0, start) + 1
            column = start - (text.rfind("\n", 0, start) + 1) + 1
            found.append((line, column, match.group(1).strip("<>")))
    yield from sorted(found)


def check_links(pages: Iterable[Page], site: Site) -> list[ContentError]:
    """Every relative link of `pages` leading nowhere in `site`, with file, line and column."""
    errors: list[ContentError] = []
    for page in pages:
        for line, column, target in links(page.body):
            problem = _problem(page, target, site)
            if problem is not None:
                message, hint = problem
                errors.append(ContentError(page.rel, line + page.offset, column, "", message, hint))
    return errors


def _problem(page: Page, target: str, site: Site) -> tuple[str, str] | None:
    if _SCHEME.match(target) or target.startswith(("/", "\\")):
        return None  # web addresses are not ours to check; absolute paths are `markup`'s error
    path, _, anchor = unquote(target).partition("#")
    path = path.split("?", 1)[0]
    src_uri, folder = page.src_uri, posixpath.dirname(page.src_uri)
    destination = posixpath.normpath(posixpath.join(folder, path)) if path else src_uri
    if destination == ".." or destination.startswith("../"):
        return None  # leaves the content folder: reported by `markup`
    if path.endswith(".md") and destination not in site.pages:
        return f'link to "{target}": no such page', _hint(page, path, anchor, site, site.pages)
    if path and not path.endswith(".md") and destination not in site.files:
        for candidate in (f"{destination}.md", posixpath.join(destination, "index.md")):
            if candidate in site.pages:
                return f'link to "{target}" points at a folder, not a page', f'write "{_relative(candidate, folder)}"'
        return f'link to "{target}": no such file', _hint(page, path, anchor, site, site.files)
    ids = site.pages.get(destination)
    if anchor and ids is not None and anchor not in ids:
        where = "this page" if destination == src_uri else posixpath.join(site.folder, destination)
        close = difflib.get_close_matches(anchor, sorted(ids), n=1)
        hint = f"did you mean #{close[0]}?" if close else _known_anchors(ids)
        return f'link to "{target}": {where} has no heading with the anchor #{anchor}', hint
    return None


def _hint(page: Page, path: str, anchor: str, site: Site, known: Iterable[str]) -> str:
    folder = posixpath.dirname(page.src_uri)
    meant = meant_page(page, path, site)
    if meant is None:
        return _did_you_mean(path, folder, known)
    return f'write "{_relative(meant, folder)}{"#" + anchor if anchor else ""}"'


def _relative(src_uri: str, folder: str) -> str:
    return posixpath.relpath(src_uri, folder or ".")


def _did_you_mean(path: str, folder: str, known: Iterable[str]) -> str:
    candidates = [_relative(uri, folder) for uri in known]
    close = difflib.get_close_matches(path, candidates, n=1, cutoff=0.6)
    return f'did you mean "{close[0]}"?' if close else ""


def _known_anchors(ids: frozenset[str]) -> str:
    if not ids:
        return "the page has no headings"
    shown = sorted(ids)[:8]
    more = ", …" if len(ids) > len(shown) else ""
    return "its anchors: " + ", ".join(f"#{i}" for i in shown) + more


# The link that works ------------------------------------------------------------------------
# A link names the Markdown source of the page it leads to, relative to the page it is on. A
# quartier's narrative is the page `fr/quartiers/lille.md` (published at `fr/quartiers/lille/`),
# so another quartier is `lyon.md`, a champion `../champions/doctolib.md`, an editorial page
# `../charte.md`. Editors write the published address instead (`../lyon/`, `/fr/quartiers/lyon/`)
# or the record's file (`../../quartiers/lyon/quartier.yml`): these read them as meant.

RECORD_FILES = {"quartiers": "quartier.yml", "champions": "champion.yml"}
"""Record folders and each record's file: `model.catalogue`'s names (it imports this module, through `markup`)."""
_LANGUAGE = re.compile(r"[a-z]{2}(?:-[A-Za-z0-9]+)?")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def meant_page(page: Page, path: str, site: Site) -> str | None:
    """The page of `site` a link leading nowhere was meant for, or None.

    `path` is read from the page's published address (`fr/quartiers/lille/`), then from its
    source (MkDocs' own rule), then from its file in the project (`quartiers/lille/fr.md`);
    each reading may name a record's folder or file, or leave out the page's language.
    """
    language = page.src_uri.split("/", 1)[0] if "/" in page.src_uri else ""
    for reading in _readings(page, path, site.folder):
        for candidate in _candidates(reading, language):
            if candidate in site.pages:
                return candidate
    return None


def relative_link(target: str, page_dir: str) -> str | None:
    """The link to write, relative to `page_dir`, for an absolute or climbing address; None if unsure.

    For `markup`, which refuses `/fr/quartiers/lyon/` or `../../../quartiers/lyon/quartier.yml`
    before the site's pages are known: only addresses every Vitrine site publishes are named
    (language homes, the directories, record pages, `/<lang>/<page>/` from `<lang>/<page>.md`).
    """
    path, _, anchor = target.partition("#")
    path = path.split("?", 1)[0]
    if _SCHEME.match(path):
        return None
    if path.startswith("/"):
        path = posixpath.normpath(path)
    else:
        resolved = posixpath.normpath(posixpath.join(page_dir, path))
        if not resolved.startswith(".."):
            return None
        path = re.sub(r"^(\.\./)*(\.\.$)?", "", resolved)
    language = page_dir.split("/", 1)[0]
    page = _published_page(path.strip("/"), language if _LANGUAGE.fullmatch(language) else "")
    if page is None:
        return None
    return _relative(page, page_dir) + (f"#{anchor}" if anchor else "")


def _readings(page: Page, path: str, folder: str) -> Iterator[str]:
    source_dir = posixpath.dirname(page.src_uri)
    published = source_dir if posixpath.basename(page.src_uri) == "index.md" else page.src_uri[: -len(".md")]
    for base in (published, source_dir):
        yield posixpath.normpath(posixpath.join(base, path))
    in_project = posixpath.normpath(posixpath.join(posixpath.dirname(page.rel), path))
    yield in_project.removeprefix(f"{folder}/") if folder else in_project


def _candidates(path: str, language: str) -> list[str]:
    """The pages a docs-relative address may name, most likely first."""
    record = _record_page(path, language)
    if record is not None:
        return [record]
    stem = _stem(path)
    found = [f"{stem}.md", f"{stem}/index.md"] if stem else ["index.md"]
    if language and stem.split("/", 1)[0] != language:
        local = posixpath.join(language, stem) if stem else language
        found += [f"{local}.md", f"{local}/index.md"]
    return found


def _published_page(path: str, language: str) -> str | None:
    """The source of what a Vitrine site publishes at `path`, whatever else the site holds; None if unsure."""
    head, _, rest = path.partition("/")
    if _LANGUAGE.fullmatch(head):
        language, path = head, rest
    elif head not in RECORD_FILES or not language:
        return None
    record = _record_page(path, language)
    if record is not None:
        return record
    stem = _stem(path)
    if stem in RECORD_FILES:
        return f"{language}/{stem}/index.md"
    return f"{language}/{stem}.md" if stem else f"{language}/index.md"


def _record_page(path: str, language: str) -> str | None:
    """A record's folder or file (`quartiers/lyon/`, `quartiers/lyon/quartier.yml`, `…/en.md`) -> its page."""
    parts = path.strip("/").split("/")
    if len(parts) == 2:
        parts[1] = parts[1].removesuffix(".md").removesuffix(".html")
    if len(parts) not in (2, 3) or parts[0] not in RECORD_FILES or not _SLUG.fullmatch(parts[1]):
        return None
    if len(parts) == 3:
        name = parts[2]
        if name.endswith(".md") and _LANGUAGE.fullmatch(name[: -len(".md")]):
            language = name[: -len(".md")]
        elif name not in (RECORD_FILES[parts[0]], "index.md", "index.html"):
            return None
    return f"{language}/{parts[0]}/{parts[1]}.md" if language else None


def _stem(path: str) -> str:
    """An address without its ending: `fr/quartiers/lyon/`, `…/lyon.md`, `…/lyon/index.md` -> `fr/quartiers/lyon`."""
    path = path.strip("/")
    if path in ("index.md", "index.html", "."):
        return ""
    for suffix in ("/index.md", "/index.html", ".md", ".html"):
        if path.endswith(suffix):
            return path[: -len(suffix)]
    return path
