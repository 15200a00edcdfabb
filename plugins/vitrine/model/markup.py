"""Raw HTML and attributes in Markdown: what the identity and safety allow.

Editors write Markdown; raw HTML is allowed only as plain structure. Two kinds
of finding, each with file and line:

- off-identity styling (`style=`, `<style>`, `<font>`, `color`/`bgcolor`/`face`,
  attr_list `{style=...}`): a content error, the build stops with a hint;
- unsafe markup (`<script>`, `<iframe>`, `on*=` handlers, `javascript:`,
  `data:` or `vbscript:` addresses): reported as a warning (so `--strict`
  fails) and removed from the page by `sanitize`, whatever the letter case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Literal

import nh3

from .errors import ContentError

Kind = Literal["identity", "unsafe"]

UNSAFE_TAGS = {"script", "iframe", "object", "embed", "frame", "frameset", "applet", "base", "meta", "link", "form"}
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

HINTS: dict[Kind, str] = {
    "identity": "colours and fonts come from identity.yml; write plain Markdown",
    "unsafe": "removed from the page; scripts, frames and script addresses are not allowed",
}


@dataclass(frozen=True)
class Finding:
    kind: Kind
    line: int
    what: str

    def error(self, rel: str) -> ContentError:
        return ContentError(rel, self.line, 0, "", self.what, HINTS[self.kind])


def _blank_code(text: str) -> str:
    """Code blocks and spans may show HTML as an example: keep their lines, drop their text."""

    def blank(match: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", match.group(0))

    return _CODE_SPAN.sub(blank, _FENCE.sub(blank, text))


def _bad_url(value: str | None) -> bool:
    return bool(value) and bool(_BAD_SCHEME.match(_CONTROL.sub("", value or "")))


class _Scanner(HTMLParser):
    def __init__(self, line_offset: int) -> None:
        super().__init__(convert_charrefs=True)
        self.line_offset = line_offset  # not "offset": HTMLParser uses that name for columns
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

    handle_startendtag = handle_starttag


def scan(markdown: str, line_offset: int = 0) -> list[Finding]:
    """Findings in a Markdown body; `line_offset` counts lines before the body (front matter)."""
    text = _blank_code(markdown)
    scanner = _Scanner(line_offset)
    scanner.feed(text)
    scanner.close()
    findings = scanner.findings
    for pattern in (_MD_LINK, _MD_REFERENCE):
        for match in pattern.finditer(text):
            if _bad_url(match.group(1)):
                line = text.count("\n", 0, match.start()) + 1 + line_offset
                scheme = match.group(1).split(":")[0].lower()
                findings.append(Finding("unsafe", line, f"link to a {scheme}: address"))
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


def sanitize(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel=None,
        strip_comments=True,
    )


def check_markdown(raw: bytes, body: str, rel: str) -> tuple[list[ContentError], list[ContentError]]:
    """(errors, warnings) of a Markdown file whose body (after front matter) is `body`."""
    text = raw.decode("utf-8-sig", errors="replace").replace("\r\n", "\n")
    offset = text.count("\n") - body.count("\n")
    findings = scan(body, offset)
    errors = [f.error(rel) for f in findings if f.kind == "identity"]
    warnings = [f.error(rel) for f in findings if f.kind == "unsafe"]
    return errors, warnings
