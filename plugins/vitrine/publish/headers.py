"""Security headers for static hosts, computed from the built site (no MkDocs).

Runs once every page is written, before the staging folder is swapped in: the
inline scripts of every HTML file are hashed into one site-wide
Content-Security-Policy, written with the other headers at the site root as
`_headers` (Netlify, Cloudflare Pages) and an nginx snippet.

A top-level folder may send headers of its own instead of some of the site's
(the web editor under /admin/ runs code the site's policy forbids). Hosts
disagree on what two matching rules do with one header (Cloudflare joins the
values, so two policies both apply; Netlify keeps one), so no address ever
matches two rules that set the same header: the replaced headers are then
written once per top-level entry of the site rather than under `/*`.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from .gate import walk_files

HEADERS_FILE = "_headers"
NGINX_FILE = "nginx-security-headers.conf"

# <script type> values a browser executes, so CSP checks them (HTML "prepare the
# script element"); any other type (application/json, ld+json…) is a data block:
# never run, never checked, so never hashed.
_JAVASCRIPT_TYPES = frozenset(
    {"", "module", "importmap", "speculationrules"}
    | {f"text/{name}" for name in ("javascript", "ecmascript", "jscript", "livescript", "x-javascript")}
    | {f"text/javascript1.{minor}" for minor in range(6)}
    | {f"application/{name}" for name in ("javascript", "ecmascript", "x-javascript", "x-ecmascript")}
    | {"text/x-ecmascript"}
)

PERMISSIONS = (
    "accelerometer",
    "autoplay",
    "browsing-topics",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "interest-cohort",  # FLoC, gone from Chromium (which ignores it silently), still read by older ones
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "usb",
)
"""Browser features the site never uses, denied to it and to anything it could embed."""


# The pages are our own output (MkDocs, Material, our templates; content is
# sanitised), so a scanner over the text is exact and far cheaper than an HTML
# parser over thousands of pages. A script's text ends at the first </script.
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_SRC = re.compile(r"(?:^|\s)src\s*=", re.IGNORECASE)
_TYPE = re.compile(r"""(?:^|\s)type\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)


MEMO_LIMIT = 4096
"""Entries a build's memo of script tags and hashes keeps at most (most pages carry the same few)."""


def _executable(attributes: str) -> bool:
    if _SRC.search(attributes):
        return False
    kind = _TYPE.search(attributes)
    value = next((group for group in kind.groups() if group is not None), "") if kind else ""
    return value.strip().lower() in _JAVASCRIPT_TYPES


def inline_scripts(html: str, executable: Callable[[str], bool] = _executable) -> list[str]:
    """The text of each executable inline script of a page, in document order (empty ones skipped)."""
    # A browser normalises line breaks before parsing, so it hashes \n where the file may hold \r\n.
    text = html.replace("\r\n", "\n").replace("\r", "\n") if "\r" in html else html
    # An empty script is never run, hence never checked.
    return [body for attributes, body in _SCRIPT.findall(text) if body and executable(attributes)]


def script_hash(body: str) -> str:
    """The CSP source a browser matches an inline script against: sha256 of its UTF-8 text."""
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


@dataclass
class ScriptHashes:
    """Inline script hashes taken from pages as they are written, and which files they cover.

    Pages are hashed from their output in `on_post_page` (by the process that renders them):
    reading 7,000 pages back from disk took 2 s. Every other HTML file is still read.
    """

    hashes: set[str] = field(default_factory=set)
    files: set[str] = field(default_factory=set)
    """Absolute paths of the files whose scripts are in `hashes`."""
    hashed: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    runs: dict[str, bool] = field(default_factory=dict, repr=False, compare=False)
    """This build's script bodies and tags already seen (at most MEMO_LIMIT each): the same few on every page."""

    def add(self, path: str, html: str) -> list[str]:
        """The hashes of the page's inline scripts, counted in."""
        found = self.of(html)
        self.hashes.update(found)
        self.files.add(os.path.normpath(path))
        return found

    def add_known(self, path: str, hashes: Iterable[str]) -> None:
        """A page taken over from the last build (vitrine/render's reuse.py), with its scripts' hashes."""
        self.hashes.update(hashes)
        self.files.add(os.path.normpath(path))

    def of(self, html: str) -> list[str]:
        """The hash of each executable inline script of `html`."""
        return [_remembered(self.hashed, body, script_hash) for body in inline_scripts(html, self._executable)]

    def _executable(self, attributes: str) -> bool:
        return _remembered(self.runs, attributes, _executable)

    def gathered(self) -> ScriptHashes:
        """What a page worker sends back: the hashes and files, not its memo."""
        return ScriptHashes(self.hashes, self.files)

    def merge(self, other: ScriptHashes) -> None:
        self.hashes |= other.hashes
        self.files |= other.files


V = TypeVar("V")


def _remembered(memo: dict[str, V], key: str, make: Callable[[str], V]) -> V:
    """`make(key)`, kept in `memo` while it holds fewer than MEMO_LIMIT entries."""
    if key in memo:
        return memo[key]
    value = make(key)
    if len(memo) < MEMO_LIMIT:
        memo[key] = value
    return value


Headers = list[tuple[str, str]]

OwnHeaders = Mapping[str, Mapping[str, str]]
"""Headers a top-level folder sends instead of the site's: folder name -> {header: value}."""


def site_script_hashes(site: Path, known: ScriptHashes | None = None, skip: frozenset[str] = frozenset()) -> list[str]:
    """Every distinct inline script hash of every HTML file under `site`, sorted.

    Files in `known` (written exactly as they were hashed) are not read again; the
    top-level folders in `skip` (which have a policy of their own) are not read.
    """
    hashes = set(known.hashes) if known else set()
    covered = known.files if known else set()
    reader = known or ScriptHashes()
    for entry, rel in walk_files(os.path.normpath(site)):
        if skip and rel.split("/", 1)[0] in skip:
            continue
        if entry.name.endswith(".html") and entry.path not in covered:
            text = Path(entry.path).read_bytes().decode("utf-8")
            hashes.update(reader.of(text))
    return sorted(hashes)


def content_security_policy(hashes: list[str]) -> str:
    """One policy for the whole site: its own origin only, inline scripts by hash."""
    directives = [
        ("default-src", ["'self'"]),
        ("script-src", ["'self'", *hashes]),
        # Material's search runs in a Web Worker loaded from the site (no blob:).
        ("worker-src", ["'self'"]),
        # No 'unsafe-inline' nor hash: our pages have no style attribute nor <style>
        # (content is sanitised, Material sets styles through CSSOM, which CSP allows).
        ("style-src", ["'self'"]),
        # data: for the SVG icons Material's stylesheet embeds (admonitions, search…).
        ("img-src", ["'self'", "data:"]),
        ("font-src", ["'self'"]),
        ("connect-src", ["'self'"]),
        ("manifest-src", ["'self'"]),
        ("object-src", ["'none'"]),
        ("base-uri", ["'self'"]),  # language 404 pages carry a <base> of their own address
        ("form-action", ["'self'"]),
        ("frame-ancestors", ["'none'"]),
    ]
    return policy_text(directives)


def policy_text(directives: list[tuple[str, list[str]]]) -> str:
    """A Content-Security-Policy header value: `name source…` directives joined by `; `."""
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives)


def security_headers(site: Path, known: ScriptHashes | None = None, skip: frozenset[str] = frozenset()) -> Headers:
    """Every header, in a fixed order, for every response of the site (but the folders in `skip`)."""
    return [
        ("Content-Security-Policy", content_security_policy(site_script_hashes(site, known, skip))),
        ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),  # frame-ancestors, for browsers that predate it
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
        ("Permissions-Policy", ", ".join(f"{feature}=()" for feature in PERMISSIONS)),
        ("Cross-Origin-Opener-Policy", "same-origin"),
    ]


def _replaced(headers: Headers, own: Mapping[str, str]) -> Headers:
    """`headers` with the values `own` gives in their place (same order), then `own`'s new ones."""
    names = {name for name, _value in headers}
    return [(name, own.get(name, value)) for name, value in headers] + [
        (name, value) for name, value in own.items() if name not in names
    ]


def header_rules(site: Path, headers: Headers, own: OwnHeaders | None = None) -> list[tuple[str, Headers]]:
    """The rules of `_headers` for the site's `headers`: (path pattern, headers), no address
    matching two rules that set one header.

    With no folder of its own, one `/*` rule. Otherwise `/*` keeps the headers no folder
    replaces, and the replaced ones are given for the root, each other top-level entry
    (`/<folder>/*`, `/<file>`), and each folder's own. A missing address at the top level
    (`/nothing`) then gets only the `/*` headers.
    """
    own = own or {}
    if not own:
        return [("/*", headers)]
    replaced = {name for values in own.values() for name in values}
    site_only = [(name, value) for name, value in headers if name in replaced]
    rules: list[tuple[str, Headers]] = [("/*", [(name, value) for name, value in headers if name not in replaced])]
    rules.append(("/", site_only))
    with os.scandir(site) as entries:  # the nginx snippet is written next, and served by nginx
        found = {entry.name: entry.is_dir() for entry in entries if entry.name not in (HEADERS_FILE, *own)}
    for name, is_folder in sorted({**found, NGINX_FILE: False}.items()):
        rules.append((f"/{name}/*" if is_folder else f"/{name}", site_only))
    for folder in sorted(own):
        rules.append((f"/{folder}/*", _replaced(site_only, own[folder])))
    return rules


_BANNER = "# Security headers for every address of the site, written by vitrine/publish at build time: do not edit."


def headers_file(rules: list[tuple[str, Headers]]) -> str:
    """Netlify and Cloudflare Pages `_headers`: a path pattern, then indented `Name: value` lines."""
    lines = [_BANNER]
    for pattern, headers in rules:
        lines += [pattern, *(f"  {name}: {value}" for name, value in headers)]
    return "\n".join(lines) + "\n"


def _add_header(name: str, value: str) -> str:
    if '"' in value or "\\" in value:
        raise ValueError(f"{name}: a header value cannot hold quotes or backslashes: {value}")
    return f'add_header {name} "{value}" always;'


def nginx_snippet(headers: Headers, own: OwnHeaders | None = None) -> str:
    """`add_header … always;` lines, to include in the site's `server` block, and a `location`
    block per folder with headers of its own (repeating every header: nginx drops the inherited ones)."""
    lines = [
        _BANNER,
        "# Include it in the server block; a location with add_header lines of its own must include it too",
        "# (nginx then drops the inherited ones).",
    ]
    lines += [_add_header(name, value) for name, value in headers]
    for folder, values in sorted((own or {}).items()):
        lines.append(f"location /{folder}/ {{")
        lines += [f"    {_add_header(name, value)}" for name, value in _replaced(headers, values)]
        lines.append("}")
    return "\n".join(lines) + "\n"


def write_headers(
    site: Path, known: ScriptHashes | None = None, own: OwnHeaders | None = None
) -> list[tuple[str, Headers]]:
    """Write `_headers` and the nginx snippet at the root of the built `site`; return the rules.

    `own`: headers top-level folders send instead of the site's (see `header_rules`)."""
    headers = security_headers(site, known, frozenset(own or {}))
    rules = header_rules(site, headers, own)
    (site / HEADERS_FILE).write_text(headers_file(rules), encoding="utf-8", newline="\n")
    (site / NGINX_FILE).write_text(nginx_snippet(headers, own), encoding="utf-8", newline="\n")
    return rules
