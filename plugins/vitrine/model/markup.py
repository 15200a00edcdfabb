"""Raw HTML and attributes in Markdown: what the identity and safety allow.

Editors write Markdown; raw HTML is allowed only as plain structure. Two kinds
of finding, each with file and line:

- off-identity styling (`style=`, `<style>`, `<font>`, `color`/`bgcolor`/`face`,
  attr_list `{style=...}`): a content error, the build stops with a hint;
- unsafe markup (`<script>`, `<iframe>`, inline `<svg>`, `on*=` handlers,
  `javascript:`, `data:` or `vbscript:` addresses): reported as a warning (so
  `--strict` fails) and removed from the page by `sanitize`, whatever the
  letter case.

Three more kinds are content errors, because nothing downstream would catch
them with a file and a line:

- addresses that point at the file system instead of the site (an absolute
  path, a `file:` address, `../` climbing out of the content folders);
- snippet directives (`--8<--`, pymdownx.snippets): they copy another file
  into the page; refused unless mkdocs.yml enables snippets confined to the
  content folders (`check_snippets_config`), and even then never reaching
  outside them;
- a `<![` that html.parser cannot read (`<![foo[`): MkDocs would stop on it
  with a traceback, even inside code.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Literal
from urllib.parse import unquote

import nh3

from .buildcache import BuildCache, active
from .errors import ContentError
from .links import relative_link

Kind = Literal["identity", "unsafe", "path", "snippet", "unreadable"]

# An inline <svg> can carry scripts, <foreignObject> HTML and references to other sites.
UNSAFE_TAGS = {
    "script", "iframe", "object", "embed", "frame", "frameset", "applet", "base", "meta", "link", "form", "svg",
}  # fmt: skip
STYLE_TAGS = {"style", "font"}
STYLE_ATTRIBUTES = {"style", "color", "bgcolor", "face"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "background"}
_BAD_SCHEME = re.compile(r"^(javascript|data|vbscript):", re.IGNORECASE)
_MD_LINK = re.compile(r"\]\(\s*<?\s*([^)\s>]+)")
_MD_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+)", re.MULTILINE)
_ATTR_LIST = re.compile(r"\{:?[^}\n]*\b(style|color|bgcolor)\s*=", re.IGNORECASE)
_FENCE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.MULTILINE | re.DOTALL)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1")
_CONTROL = re.compile(r"[\x00-\x20]+")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.IGNORECASE)
_DRIVE = re.compile(r"^[a-z]:[\\/]", re.IGNORECASE)
# pymdownx.snippets' own grammar (RE_ALL_SNIPPETS): a line holding only the marker opens or closes a
# block of file names; the marker followed by a quoted name includes that file. `;` escapes a line.
_SNIPPET_LINE = re.compile(
    r"""^[ \t]*(?P<escape>;*)-+8<-+(?:[ \t]+(?P<target>"(?:\\"|[^"\n])+?"|'(?:\\'|[^'\n])+?'))?[ \t]*$"""
)
SNIPPETS = "pymdownx.snippets"

HINTS: dict[Kind, str] = {
    "identity": "colours and fonts come from identity.yml; write plain Markdown",
    "unsafe": "removed from the page; scripts, frames and script addresses are not allowed",
    "path": "write an address relative to this page, e.g. ../fr/index.md, or a web address, e.g. https://example.org",
    "snippet": "write the text here; a page may include only files of the content folders",
    "unreadable": "MkDocs stops on it, even in code: remove it, or outside code write &lt;![ to show it",
}


@dataclass(frozen=True)
class Finding:
    kind: Kind
    line: int
    what: str
    hint: str = ""
    """What to write instead, when it is known (`write "lyon.md"`); otherwise the kind's hint."""

    def error(self, rel: str) -> ContentError:
        return ContentError(rel, self.line, 0, "", self.what, self.hint or HINTS[self.kind])


def _path_problem(target: str, page_dir: str) -> str | None:
    """Why `target` points at the file system rather than at the site, or None.

    `page_dir` is the folder of the page inside docs_dir (`en`, `fr/quartiers`): MkDocs resolves
    relative addresses from there, so more `../` than that climbs out of the content folders.
    """
    value = _CONTROL.sub("", unquote(target))
    scheme = _SCHEME.match(value)
    if value.startswith(("/", "\\")) or _DRIVE.match(value):
        return f'"{target}" is an absolute path, not an address in the site'
    if scheme is not None:
        return f'"{target}" is a file: address, not an address in the site' if scheme[1].lower() == "file" else None
    path = value.split("#", 1)[0].split("?", 1)[0].replace("\\", "/")
    resolved = posixpath.normpath(posixpath.join(page_dir, path)) if path else "."
    if resolved == ".." or resolved.startswith("../"):
        return f'"{target}" leaves the content folders'
    return None


def _path_hint(target: str, page_dir: str) -> str:
    """The Markdown link to write instead of an absolute or climbing one, when the site surely has its page.

    Not for raw HTML: MkDocs turns `lyon.md` into the page's address in Markdown links only.
    """
    link = relative_link(_CONTROL.sub("", unquote(target)).replace("\\", "/"), page_dir)
    return f'write "{link}"' if link else ""


def _blank_code(text: str) -> str:
    """Code blocks and spans may show HTML as an example: keep their lines, drop their text."""

    def blank(match: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", match.group(0))

    return _CODE_SPAN.sub(blank, _FENCE.sub(blank, text))


def _bad_url(value: str | None) -> bool:
    return bool(value) and bool(_BAD_SCHEME.match(_CONTROL.sub("", value or "")))


class _Scanner(HTMLParser):
    def __init__(self, line_offset: int, page_dir: str) -> None:
        super().__init__(convert_charrefs=True)
        self.line_offset = line_offset  # not "offset": HTMLParser uses that name for columns
        self.page_dir = page_dir
        self.findings: list[Finding] = []

    def _add(self, kind: Kind, what: str) -> None:
        self.findings.append(Finding(kind, self.getpos()[0] + self.line_offset, what))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in UNSAFE_TAGS:
            self._add("unsafe", f"<{tag}> is not allowed")
        if tag in STYLE_TAGS:
            self._add("identity", f"<{tag}> overrides the identity")
        for name, value in attrs:
            if name in STYLE_ATTRIBUTES:
                self._add("identity", f'{name}="..." on <{tag}> overrides the identity')
            elif name.startswith("on"):
                self._add("unsafe", f"event handler {name}= on <{tag}> is not allowed")
            elif name in URL_ATTRIBUTES and _bad_url(value):
                self._add("unsafe", f"{name}= with a {(value or '').strip().split(':')[0].lower()}: address on <{tag}>")
            elif name in URL_ATTRIBUTES and value and (problem := _path_problem(value, self.page_dir)):
                self._add("path", f"{name}= on <{tag}>: {problem}")

    handle_startendtag = handle_starttag

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        # Before Python 3.13 the parser raises AssertionError on `<![foo[` or `<![`; browsers read
        # any `<![` outside SVG and MathML as a bogus comment, and so do we.
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            return self.parse_bogus_comment(i, report)


def scan(markdown: str, line_offset: int = 0, page_dir: str = ".") -> list[Finding]:
    """Findings in a Markdown body; `line_offset` counts lines before the body (front matter)."""
    text = _blank_code(markdown)
    scanner = _Scanner(line_offset, page_dir)
    scanner.feed(text)
    scanner.close()
    findings = scanner.findings
    for pattern in (_MD_LINK, _MD_REFERENCE):
        for match in pattern.finditer(text):
            line = text.count("\n", 0, match.start()) + 1 + line_offset
            if _bad_url(match.group(1)):
                scheme = match.group(1).split(":")[0].lower()
                findings.append(Finding("unsafe", line, f"link to a {scheme}: address"))
            elif problem := _path_problem(match.group(1), page_dir):
                findings.append(Finding("path", line, f"link or image {problem}", _path_hint(match.group(1), page_dir)))
    for match in _ATTR_LIST.finditer(text):
        line = text.count("\n", 0, match.start()) + 1 + line_offset
        findings.append(Finding("identity", line, f"attribute list sets {match.group(1)}= and overrides the identity"))
    return sorted(findings, key=lambda f: f.line)


# Defence in depth on the rendered HTML: only plain structure survives.
ALLOWED_TAGS = set(nh3.ALLOWED_TAGS) | {
    "details",
    "summary",
    "figure",
    "figcaption",
    "span",
    "div",
    "section",
    "article",
    "time",
    "nav",
    "mark",
}
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "*": {"class", "id", "title", "lang", "dir", "role", "aria-label", "aria-hidden", "tabindex"},
    "a": {"href", "hreflang", "rel"},
    "img": {"src", "alt", "width", "height", "loading", "decoding", "srcset", "sizes"},
    "time": {"datetime"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start", "type"},
    "details": {"open"},
    "abbr": {"title"},
}


URL_SCHEMES = {"http", "https", "mailto", "tel"}


def _srcset_filter(element: str, attribute: str, value: str) -> str | None:
    """Ammonia checks the scheme of `href` and `src` only: each address of a `srcset` is checked here."""
    if attribute != "srcset":
        return value
    for candidate in value.split(","):
        scheme = _SCHEME.match(_CONTROL.sub("", candidate))
        if scheme is not None and scheme[1].lower() not in URL_SCHEMES:
            return None
    return value


def sanitize(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_srcset_filter,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


def scan_snippets(markdown: str, line_offset: int = 0, *, enabled: bool = False) -> list[Finding]:
    """Snippet directives, code blocks included: pymdownx.snippets runs before Markdown sees code."""
    findings: list[Finding] = []
    in_block = False
    for number, line in enumerate(markdown.split("\n"), 1 + line_offset):
        match = _SNIPPET_LINE.match(line)
        if match is not None and match["escape"]:
            continue
        if match is not None and match["target"] is None:
            in_block = not in_block
            if in_block and not enabled:
                findings.append(Finding("snippet", number, "snippet directive --8<--: including files is not enabled"))
            continue
        target = match["target"][1:-1] if match is not None else line.strip() if in_block else ""
        if not target:
            continue
        if _snippet_escapes(target):
            findings.append(Finding("snippet", number, f'snippet "{target}" reaches outside the content folders'))
        elif match is not None and not enabled:
            findings.append(Finding("snippet", number, f'snippet "{target}": including files is not enabled'))
    return findings


def _snippet_escapes(target: str) -> bool:
    name = target.replace("\\", "/")
    return name.startswith("/") or bool(_DRIVE.match(name) or _SCHEME.match(name)) or ".." in name.split("/")


def _unreadable(markdown: str, line_offset: int) -> list[Finding]:
    """A `<![` that html.parser (before Python 3.13) cannot read: MkDocs then stops with a traceback.

    MkDocs feeds the whole page, code blocks included, to html.parser to find anchors; `<![foo[`
    or `<![` followed by a space raise AssertionError there, so the page is refused first.
    """
    # What that parser reads: Python-Markdown drops STX/ETX and ends the text with a blank line.
    text = markdown.replace("\x02", "").replace("\x03", "") + "\n\n"
    if "<![" not in text:
        return []
    parser = HTMLParser(convert_charrefs=True)
    try:
        parser.feed(text)
        parser.close()
    except AssertionError:
        return [Finding("unreadable", parser.getpos()[0] + line_offset, "<![ starts a declaration MkDocs cannot read")]
    return []


_INVISIBLE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
"""Control characters no editor means to type (tab, line ends and form feed are text)."""


def _invisible(markdown: str, line_offset: int) -> list[Finding]:
    """A NUL or another control character: the YAML reader refuses them, and so do pages."""
    findings = []
    for number, line in enumerate(markdown.split("\n"), 1):
        match = _INVISIBLE.search(line)
        if match:
            what = f"the invisible character U+{ord(match.group()):04X} is not allowed"
            findings.append(Finding("unreadable", number + line_offset, what, "delete it"))
    return findings


Findings = tuple[tuple[ContentError, ...], tuple[ContentError, ...]]
CheckedKey = tuple[bytes, str, str, bool]
"""(text, file, folder, snippets): the build's cache of findings (`mkdocs serve` reloads every narrative
on each edit) is the part `CHECKED` of its caches (buildcache.py)."""
CHECKED = "markup.checked"


def check_markdown(
    raw: bytes, body: str, rel: str, *, page_dir: str = ".", snippets: bool = False
) -> tuple[list[ContentError], list[ContentError]]:
    """(errors, warnings) of a Markdown file whose body (after front matter) is `body`.

    `page_dir` is where the page sits in docs_dir; `snippets` is whether mkdocs.yml enables
    pymdownx.snippets (confined by `check_snippets_config`). `body` is derived from `raw`.
    """
    key = (raw, rel, page_dir, snippets)
    checked: BuildCache[CheckedKey, Findings] = active().part(CHECKED, BuildCache)
    errors_found, warnings_found = checked.get(key, lambda: _check_markdown(raw, body, rel, page_dir, snippets))
    return list(errors_found), list(warnings_found)


def _check_markdown(raw: bytes, body: str, rel: str, page_dir: str, snippets: bool) -> Findings:
    text = raw.decode("utf-8-sig", errors="replace").replace("\r\n", "\n")
    offset = text.count("\n") - body.count("\n")
    findings = sorted(
        scan(body, offset, page_dir)
        + scan_snippets(body, offset, enabled=snippets)
        + _unreadable(body, offset)
        + _invisible(body, offset),
        key=lambda f: f.line,
    )
    errors = tuple(f.error(rel) for f in findings if f.kind != "unsafe")
    warnings = tuple(f.error(rel) for f in findings if f.kind == "unsafe")
    return errors, warnings


def snippets_enabled(extensions: Iterable[str]) -> bool:
    return any(name == SNIPPETS or name.startswith(f"{SNIPPETS}:") for name in extensions)


def check_snippets_config(
    extensions: Iterable[str],
    configs: Mapping[str, Mapping[str, Any]],
    folders: Iterable[Path],
    config_rel: str,
    config_text: str,
) -> list[ContentError]:
    """pymdownx.snippets copies files into pages: only from the content folders, never from the web.

    Its defaults are unsafe for us: `base_path` is the working directory (mkdocs.yml, .env, .git...).
    Relative base paths are resolved as the extension does, from the working directory.
    """
    if not snippets_enabled(extensions):
        return []
    options = configs.get(SNIPPETS, {})
    line = next((n for n, text in enumerate(config_text.split("\n"), 1) if SNIPPETS in text), 0)
    field = f"markdown_extensions.{SNIPPETS}"
    allowed = [folder.resolve() for folder in folders]
    names = ", ".join(f"{folder.name}/" for folder in allowed)
    errors: list[ContentError] = []
    bases = options.get("base_path", ["."])
    for base in [bases] if isinstance(bases, (str, os.PathLike)) else bases:
        resolved = Path(base).resolve()
        if not any(resolved == folder or folder in resolved.parents for folder in allowed):
            message = f"{str(base)!r} is outside the content folders"
            errors.append(ContentError(config_rel, line, 0, f"{field}.base_path", message, f"use one of {names}"))
    if options.get("restrict_base_path", True) is not True:
        message = "must be true (the default): snippets must not reach outside base_path"
        errors.append(ContentError(config_rel, line, 0, f"{field}.restrict_base_path", message))
    if options.get("url_download", False) is not False:
        message = "must be false (the default): pages never include text downloaded from the web"
        errors.append(ContentError(config_rel, line, 0, f"{field}.url_download", message))
    return errors
