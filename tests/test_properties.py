"""Properties: whatever editors write, Vitrine answers with located content errors, never a traceback.

Hypothesis generates records (the real quartier and champion of conftest,
mutated: wrong types, unknown keys, ambiguous scalars, anchors, tags, tabs,
bytes that are not UTF-8, BOM, CRLF...), raw text and bytes, Markdown pages
with hostile HTML, and file names with `..`, `/`, dots and unicode. Every
property runs derandomized (the same examples on every run) and without an
example database, so CI is deterministic; bugs the properties found are kept
as plain examples at the end.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import event, example, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from pydantic import BaseModel
from tests.conftest import CHAMPION, DEFINITIONS, QUARTIER, REPO, SITE_LANGUAGES, mkdocs, new_project

from vitrine.catalogue.structure import media_items, not_found_dest, plan_pages
from vitrine.images.pipeline import Cache, Settings
from vitrine.images.pool import close_pool
from vitrine.images.service import ImageService
from vitrine.model.catalogue import load_catalogue
from vitrine.model.editorial import read_page_meta
from vitrine.model.errors import ContentError, ContentErrors
from vitrine.model.markup import check_markdown, sanitize
from vitrine.model.records import Champion, Quartier
from vitrine.model.validate import validate
from vitrine.model.yamlsource import read_yaml_file, split_front_matter

LANGUAGES = SITE_LANGUAGES
QUARTIER_REL = "quartiers/test/quartier.yml"
CHAMPION_REL = "champions/champion-test/champion.yml"
NARRATIVE_REL = "quartiers/test/fr.md"
PAGE_REL = "content/fr/page.md"


def properties(max_examples: int) -> Callable[[Any], Any]:
    # No deadline: these tests read and write files, whose speed depends on the machine, not on the input.
    return settings(max_examples=max_examples, derandomize=True, database=None, deadline=None)


# Checking what the loaders report ---------------------------------------------


def line_count(raw: bytes) -> int:
    """Lines of a file as the reports count them: `\\n` ends a line (CRLF is one), plus the end of the file."""
    return raw.decode("utf-8-sig", errors="replace").replace("\r\n", "\n").count("\n") + 1


def assert_located(errors: list[ContentError], files: dict[str, bytes]) -> None:
    """Every error names a file of `files` (or a folder, or a missing file of a folder) and a line of that file."""
    folders = {rel.rsplit("/", 1)[0] for rel in files if "/" in rel}
    folders |= {folder.rsplit("/", 1)[0] for folder in folders if "/" in folder}
    for error in errors:
        assert isinstance(error, ContentError), repr(error)
        assert error.path in files or error.path in folders or error.path.rsplit("/", 1)[0] in folders, str(error)
        assert error.line >= 0 and error.column >= 0, str(error)
        if error.line:
            assert error.path in files, str(error)
            assert error.line <= line_count(files[error.path]), (
                f"{error} (the file has {line_count(files[error.path])})"
            )


def tree_files(root: Path) -> dict[str, bytes]:
    """Every file under `root`, by project-relative path; empty folders appear as `folder/.` entries."""
    files = {path.relative_to(root).as_posix(): path.read_bytes() for path in root.rglob("*") if path.is_file()}
    folders = {f"{path.relative_to(root).as_posix()}/.": b"" for path in root.rglob("*") if path.is_dir()}
    return files | folders


def load_errors(root: Path) -> list[ContentError]:
    """`load_catalogue`'s errors; any exception other than `ContentErrors` fails the property."""
    try:
        load_catalogue(root, LANGUAGES)
    except ContentErrors as exc:
        return exc.errors
    return []


# Strategies: records ------------------------------------------------------------

AMBIGUOUS = [
    "NO", "no", "on", "Off", "yes", "y", "~", "null", "Null", "true", "True", "false", "-", "", "0", "-0", "+1",
    "0123", "0o17", "0x1F", "0b101", "1_000", "1e3", "1.", ".5", "1.5e-3", ".inf", "-.inf", ".nan", "12:30",
    "1:2:3", "2014-11-12", "2024-02-30", "2014-11-12T10:00:00Z", "12/11/2014", "9" * 5000, "1" * 400 + ".5",
    "'quoted'", '"double"', "''", '"\\UFFFFFFFF"', '"\\U00110000"', '"\\ud800"', '"\\x00"', '"\\z"', "'it''s'",
    "&a x", "*a", "&a [1, *a]", "!!python/object/apply:os.system ['true']", "!!python/name:os.system", "!secret x",
    "!!int 3", "!!str 12", "!!binary aGk=", "!!timestamp 2001-12-14", "!!map x", "!!seq [1]", "! x", "!<!x> y",
    "|\n  block", ">-\n  folded", "|-", "[", "]", "{", "}", "{a: 1, a: 2}", "[1, [2, [3]]]", "{? [a]: b}",
    "? x", "<<: {a: 1}", "=", "x: y: z", "@x", "`x", "%x", "#comment", "a #b", "a\tb", "\t", "\x85", "\u2028",
    "\u2029", "\ufeff", "\x00", "\x07", "\x1b[31m", "\U0001f600", "é", "\u202e", "\udcff", "---", "...",
    "[" * 5000 + "]" * 5000, "{a: " * 60 + "1" + "}" * 60, "- " * 60 + "x",
]  # fmt: skip
FIELDS = [
    "name", "kind", "tagline", "cities", "country", "location", "lat", "lon", "label", "status", "wave", "date",
    "criteria", "indicators", "id", "value", "as_of", "source", "text", "fr", "en", "xx", "quartiers", "city",
    "sectors", "founded", "website", "listings", "description", "images", "file", "logo", "citties", "<<",
]  # fmt: skip
YAML_PUNCTUATION = [*":-?[]{}&*!|>'\"%@`#,. \n\t\r\\", "\x85", "\u2028", "\ufeff", "é", "0", "a"]

scalars = st.sampled_from(AMBIGUOUS) | st.text(max_size=20) | st.text(st.sampled_from(YAML_PUNCTUATION), max_size=20)
keys = st.sampled_from(FIELDS) | st.text(max_size=8)
yaml_lines = st.one_of(
    st.builds(lambda k, v: f"{k}: {v}", keys, scalars),
    st.builds(lambda k, v, n: " " * n + f"{k}: {v}", keys, scalars, st.integers(0, 8)),
    st.builds(lambda v: f"- {v}", scalars),
    st.builds(lambda n: "".join(" " * i + f"k{i}:\n" for i in range(n)) + " " * n + "x", st.integers(30, 60)),
    st.sampled_from(["x: &a 1", "y: *a", "<<: *a", "%YAML 1.1", "%TAG ! tag:x,2000:", "---", "...", "\ta: 1"]),
    scalars,
)


@st.composite
def text_mutations(draw: st.DrawFn, base: str) -> bytes:
    """The record's text, edited line by line as a careless editor (or a broken tool) would."""
    lines = base.splitlines()
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1)) if lines else 0
        op = draw(st.sampled_from(["value", "insert", "duplicate", "delete", "tab", "indent"]))
        if op == "value" and lines:
            head = lines[i].split(":", 1)[0] if ":" in lines[i] else lines[i]
            lines[i] = f"{head}: {draw(scalars)}"
        elif op == "insert":
            lines.insert(i, draw(yaml_lines))
        elif op == "duplicate" and lines:
            lines.insert(i, lines[i])
        elif op == "delete" and lines:
            del lines[i]
        elif op == "tab" and lines:
            lines[i] = "\t" + lines[i]
        elif op == "indent" and lines:
            lines[i] = " " * draw(st.integers(0, 5)) + lines[i].lstrip(" ")
    text = "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n", "\n# end"]))
    return encode_like_an_editor(draw, text)


def encode_like_an_editor(draw: st.DrawFn, text: str) -> bytes:
    """UTF-8 (possibly with BOM and CRLF), or Latin-1, or bytes spliced in and the end cut off."""
    if draw(st.booleans()):
        text = text.replace("\n", draw(st.sampled_from(["\r\n", "\r", "\n\r", "\n"])))
    raw = text.encode("latin-1", errors="replace") if draw(st.integers(0, 9)) == 0 else text.encode("utf-8", "replace")
    if draw(st.booleans()):
        raw = b"\xef\xbb\xbf" + raw
    if draw(st.integers(0, 3)) == 0:
        at = draw(st.integers(0, len(raw)))
        raw = raw[:at] + draw(st.binary(min_size=1, max_size=8)) + raw[at:]
    if draw(st.integers(0, 5)) == 0:
        raw = raw[: draw(st.integers(0, len(raw)))]
    return raw


json_like = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**20), 10**20)
    | st.floats()
    | st.dates()
    | st.sampled_from(AMBIGUOUS)
    | st.text(max_size=12),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(keys, children, max_size=3),
    max_leaves=12,
)


def _paths(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _paths(value, (*path, i))


@st.composite
def structured_mutations(draw: st.DrawFn, base: str) -> bytes:
    """The record as data, with values of the wrong type, unknown or missing keys, then written out as YAML."""
    data = yaml.safe_load(base)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(list(_paths(data))))
        op = draw(st.sampled_from(["replace", "delete", "add", "wrap"]))
        if not path:
            if op == "replace":
                data = draw(json_like)
            continue
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        if op == "replace":
            parent[path[-1]] = draw(json_like)
        elif op == "delete":
            del parent[path[-1]]
        elif op == "add" and isinstance(parent, dict):
            parent[draw(keys)] = draw(json_like)
        elif op == "wrap":
            parent[path[-1]] = [parent[path[-1]]]
    text = yaml.safe_dump(
        data,
        allow_unicode=draw(st.booleans()),
        default_flow_style=draw(st.sampled_from([None, False, True])),
        sort_keys=draw(st.booleans()),
    )
    return encode_like_an_editor(draw, text)


def records(base: str) -> st.SearchStrategy[bytes]:
    return st.one_of(
        st.just(base.encode()),
        text_mutations(base),
        structured_mutations(base),
        st.binary(max_size=200),
        st.text(st.sampled_from(YAML_PUNCTUATION) | st.characters(), max_size=200).map(
            lambda t: t.encode("utf-8", "surrogatepass")
        ),
    )


# Strategies: Markdown -----------------------------------------------------------

URLS = [
    "javascript:alert(1)", " JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "\x01javascript:x", "&#106;avascript:x",
    "&#x6A;avascript:x", "javascript&colon;x", "jav&#x09;ascript:x", "data:text/html,<script>alert(1)</script>",
    "DATA:image/svg+xml;base64,PHN2Zz4=", "vbscript:msgbox", "x.png 1x, javascript:alert(1) 2x",
    "data:image/png;base64,iVBOR 2x", "../../../etc/passwd", "../x.md", "/etc/passwd", "/abs/page.md", "//evil.example",
    "https://example.org", "mailto:a@example.org", "file:///etc/passwd", "C:\\x", "#top", "", "?q=<script>",
]  # fmt: skip
TAGS = [
    "script", "iframe", "img", "a", "svg", "math", "object", "embed", "p", "div", "span", "form", "input", "button",
    "style", "font", "base", "meta", "link", "details", "noscript", "template", "textarea", "title", "video", "td",
    "frameset", "applet", "xmp", "plaintext", "select", "table",
]  # fmt: skip
ATTRIBUTES = [
    "onerror", "onload", "onclick", "onmouseover", "on", "href", "src", "srcset", "action", "formaction",
    "xlink:href", "poster", "background", "style", "color", "class", "title", "data-x", "id", "open", "dynsrc",
    "lowsrc", "cite", "ping",
]  # fmt: skip
MALFORMED = [
    "<![foo[", "<![CDATA[<script>x</script>]]>", "<![if !IE]>", "<![", "<!--", "-->", "<!-- <script> -->",
    "<!DOCTYPE html>", "<!x>", "<?php echo 1 ?>", "</", "</>", "<a <b", "<", ">", "&", "&#0;", "&#xD800;",
    "&#99999999;", "<scr<script>ipt>", "</script>", "<!--->", "<svg/onload=alert(1)>", "<img src=x onerror=alert(1)//",
    "{: onclick=\"x\" }", "{: style=\"color:red\" }", "{#id .c onerror=alert(1)}", "```\n<script>x</script>\n```",
    "`<script>`", "    <script>indented</script>", "!!! note\n    <script>x</script>", "| a |\n|---|\n| <b onclick=x> |",
]  # fmt: skip


def random_case(text: str) -> st.SearchStrategy[str]:
    return st.lists(st.booleans(), min_size=len(text), max_size=len(text)).map(
        lambda flips: "".join(c.upper() if flip else c for c, flip in zip(text, flips, strict=True))
    )


urls = st.sampled_from(URLS).flatmap(random_case) | st.text(max_size=12)


@st.composite
def html_fragments(draw: st.DrawFn) -> str:
    tag = draw(st.sampled_from(TAGS).flatmap(random_case))
    attributes = ""
    for _ in range(draw(st.integers(0, 3))):
        name = draw(st.sampled_from(ATTRIBUTES).flatmap(random_case))
        value = draw(urls if draw(st.booleans()) else st.sampled_from(["alert(1)", "x", "color:red", ""]))
        quote = draw(st.sampled_from(['"', "'", ""]))
        attributes += draw(st.sampled_from([" ", "\n", "/", "\t"])) + f"{name}={quote}{value}{quote}"
    inner = draw(st.sampled_from(["", "alert(1)", "text", "<b>x</b>"]) | st.text(max_size=8))
    close = draw(st.sampled_from([f"</{tag}>", "", " />", f"</{tag.upper()}>"]))
    return f"<{tag}{attributes}>{inner}{close}"


links = st.builds(
    lambda form, text, url: form.format(text=text, url=url),
    st.sampled_from(["[{text}]({url})", "![{text}]({url})", "\n[{text}]: {url}\n", "<{url}>", "[{text}]( <{url}> )"]),
    st.text(max_size=6),
    urls,
)
front_matter = st.builds(
    lambda lines, close: "---\n" + "\n".join(lines) + ("\n---\n" if close else "\n"),
    st.lists(
        yaml_lines
        | st.sampled_from(
            ["title: T", "nav_order: 3", "nav_order: NO", "hide: [toc]", "updated: 2024-02-30", "translation_of: x"]
        ),
        max_size=4,
    ),
    st.booleans(),
)


@st.composite
def markdown_bodies(draw: st.DrawFn) -> str:
    chunks = draw(st.lists(html_fragments() | links | st.sampled_from(MALFORMED) | st.text(max_size=20), max_size=8))
    return "".join(chunk + draw(st.sampled_from(["", " ", "\n", "\n\n", "\r\n"])) for chunk in chunks)


markdown_pages = st.builds(lambda head, body: head + body, st.just("") | front_matter, markdown_bodies())


@st.composite
def markdown_files(draw: st.DrawFn) -> bytes:
    """A page as saved: UTF-8 (lone surrogates become invalid bytes), maybe with BOM and CRLF; or any bytes."""
    if draw(st.integers(0, 4)) == 0:
        return draw(st.binary(max_size=200))
    text = draw(markdown_pages)
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    return (b"\xef\xbb\xbf" if draw(st.booleans()) else b"") + text.encode("utf-8", "surrogatepass")


# 1. Records: only content errors, each located --------------------------------


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with the real definitions, one quartier and one champion; each example rewrites its files."""
    root = tmp_path_factory.mktemp("tree")
    for rel in DEFINITIONS:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / rel, root / rel)
    (root / "quartiers" / "test").mkdir()
    (root / "champions" / "champion-test").mkdir()
    (root / "content" / "fr").mkdir(parents=True)
    return root


@pytest.fixture(scope="module", autouse=True)
def _image_pool() -> Iterator[None]:
    """Publishing images starts the build's process pool; it ends with the module."""
    yield
    close_pool()


def write_files(root: Path, files: dict[str, bytes]) -> dict[str, bytes]:
    for rel, raw in files.items():
        (root / rel).write_bytes(raw)
    return tree_files(root)


@properties(max_examples=300)
@given(
    record=st.one_of(
        records(QUARTIER).map(lambda raw: (Quartier, raw)), records(CHAMPION).map(lambda raw: (Champion, raw))
    )
)
def test_yaml_reader_and_validation_report_only_located_content_errors(record: tuple[type[BaseModel], bytes]) -> None:
    model, raw = record
    located, errors = read_yaml_file(raw, "r.yml")
    assert_located(errors, {"r.yml": raw})
    if located is None:
        assert errors, "a file that could not be read must say why"
        return
    _, field_errors = validate(model, located, "r.yml", {"languages": LANGUAGES})
    assert_located(field_errors, {"r.yml": raw})


@properties(max_examples=150)
@given(raw=records(QUARTIER))
def test_front_matter_reader_reports_only_located_content_errors(raw: bytes) -> None:
    page = b"---\n" + raw + b"\n---\nBody\n"
    _, _, errors = split_front_matter(page, "p.md")
    assert_located(errors, {"p.md": page})


@properties(max_examples=60)
@given(quartier=records(QUARTIER), champion=records(CHAMPION), narrative=markdown_files())
def test_catalogue_loader_raises_only_located_content_errors(
    tree: Path, quartier: bytes, champion: bytes, narrative: bytes
) -> None:
    files = write_files(tree, {QUARTIER_REL: quartier, CHAMPION_REL: champion, NARRATIVE_REL: narrative})
    errors = load_errors(tree)
    event("refused" if errors else "loaded")
    assert_located(errors, files)


def test_valid_records_load_in_the_property_tree(tree: Path) -> None:
    """The properties above start from records that load: their errors come from the mutations."""
    write_files(tree, {QUARTIER_REL: QUARTIER.encode(), CHAMPION_REL: CHAMPION.encode(), NARRATIVE_REL: b"Texte.\n"})
    assert load_errors(tree) == []


# 2. Markdown: only content errors; sanitized HTML keeps no script -------------


@properties(max_examples=250)
@given(raw=markdown_files())
def test_page_checks_report_only_located_content_errors(tree: Path, raw: bytes) -> None:
    (tree / PAGE_REL).write_bytes(raw)
    _, errors, warnings = read_page_meta(tree / PAGE_REL, PAGE_REL, LANGUAGES)
    assert_located(errors + warnings, {PAGE_REL: raw})
    _, body, front_errors = split_front_matter(raw, PAGE_REL)
    markup_errors, markup_warnings = check_markdown(raw, body, PAGE_REL)
    assert_located(front_errors + markup_errors + markup_warnings, {PAGE_REL: raw})


URL_ATTRIBUTES = {
    "href", "src", "srcset", "action", "formaction", "xlink:href", "poster", "background", "cite", "ping",
    "dynsrc", "lowsrc", "data", "codebase", "longdesc", "usemap", "manifest", "icon", "profile",
}  # fmt: skip


def as_browsers_read(url: str) -> str:
    """The WHATWG URL parser strips leading and trailing controls and spaces, and tabs and newlines anywhere."""
    return re.sub(r"[\t\n\r]", "", url.strip("".join(map(chr, range(0x21)))))


_BAD_URL = re.compile(r"^(javascript|data|vbscript):", re.IGNORECASE)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "iframe", "object", "embed"}:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{name}= on <{tag}>")
            candidates = (value or "").split(",") if name == "srcset" else [value or ""]
            for candidate in candidates:
                if name in URL_ATTRIBUTES and _BAD_URL.match(as_browsers_read(candidate)):
                    self.problems.append(f"{name}={value!r} on <{tag}>")

    handle_startendtag = handle_starttag


def unsafe_parts(html: str) -> list[str]:
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector.problems + (["<script"] if "<script" in html.lower() else [])


@functools.cache
def site_config() -> MkDocsConfig:
    return load_config(str(REPO / "mkdocs.yml"))


def render_like_mkdocs(source: str) -> str:
    """The HTML MkDocs makes of a page body: its Markdown extensions and its own HTML and link passes."""
    config = site_config()
    file = File(PAGE_REL.removeprefix("content/"), None, config.site_dir, config.use_directory_urls)
    page = Page(None, file, config)
    page.markdown = source
    page.render(config, Files([file]))
    assert page.content is not None
    return page.content


@properties(max_examples=200)
@given(body=markdown_bodies(), render=st.booleans())
@example(body='<img srcset="x.png 1x, javascript:alert(1) 2x" src="x.png">', render=False)
@example(body="```\n<![foo[\n```\n", render=True)
@example(body="<![", render=True)
@example(body="[x](java\tscript:alert(1))", render=True)
def test_pages_render_and_sanitized_html_keeps_no_script(body: str, render: bool) -> None:
    """A body the checks accept renders without a traceback, and what sanitize keeps is plain structure."""
    body = body.encode("utf-8", "replace").decode("utf-8")  # pages reach MkDocs as decoded UTF-8 text
    errors, _ = check_markdown(body.encode(), body, PAGE_REL)
    event("rendered by MkDocs" if render and not errors else "refused by the checks" if render else "sanitized raw")
    if render and errors:
        return  # the build stops on these errors before MkDocs renders anything
    html = render_like_mkdocs(body) if render else body
    assert unsafe_parts(sanitize(html)) == []


# 3. Every output file stays under the output folder ----------------------------

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201a0e1b1b40000000049454e44ae426082"
)
SEGMENTS = ["..", ".", "", "images", "sub", "é", "日本", " ", "a b", "..jpg", ".hidden", "test", "~", "\\", "C:"]
names = st.one_of(
    st.sampled_from(["test", "lille", "..", ".", "a/b", "/abs", "Lille", "é", "a..b", "a.b", "-", "--", "_x", ".x",
                     "x ", "日本", "a\\b", "x" * 300, "a\x00b", "../../escape", "ǅ", "ﬁ", "İ", "1"]),
    st.text(st.sampled_from(list("az09-./\\ _é")), min_size=1, max_size=12),
    st.text(min_size=1, max_size=8),
)  # fmt: skip
image_references = st.one_of(
    st.builds(
        lambda lead, parts, sep, suffix: lead + sep.join(parts) + suffix,
        st.sampled_from(["", "/", "\\", "./", "../"]),
        st.lists(st.sampled_from(SEGMENTS) | st.text(max_size=4), min_size=1, max_size=4),
        st.sampled_from(["/", "\\"]),
        st.sampled_from([".png", ".PNG", ".jpg", ".webp", ".gif", "", ".png/"]),
    ),
    st.text(max_size=12),
)


def place(root: Path, rel: str, content: bytes | None = None) -> Path | None:
    """Create folder (or file, given `content`) `root / rel` if it can exist inside `root`, else None.

    None for what no file name can be: `..` climbing out, an absolute path, NUL, over 255 bytes...
    """
    path = root / rel
    try:
        if path.resolve() == root.resolve() or not path.resolve().is_relative_to(root.resolve()):
            return None
        if content is None:
            path.mkdir(parents=True, exist_ok=True)
        elif not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
    except (OSError, ValueError):
        return None
    return path


def inside(folder: Path, rel: str) -> bool:
    return Path(os.path.normpath(folder / rel)).resolve().is_relative_to(folder.resolve())


def with_image(record: str, image: str) -> str:
    # JSON is YAML; not ASCII-only: PyYAML would read an escaped pair like \ud83d\ude00 as two lone surrogates.
    file = json.dumps(image, ensure_ascii=False)
    return record + f"images:\n  - file: {file}\n    alt: {{fr: Photo}}\n    credit: Moi\n"


# Names valid enough to be published, mixed with names no record may have.
build_folders = st.from_regex(r"[a-z0-9]{1,6}(-{1,2}[a-z0-9]{1,6}){0,2}", fullmatch=True) | names
build_pages = st.text(st.sampled_from([*"abcXYZ019 .-_~'()&+=,;", "é", "日", "\u05d0"]), min_size=1, max_size=12)
build_images = st.builds(lambda stem, suffix: f"images/{stem}{suffix}", build_pages, st.sampled_from([".png", ".PNG"]))


@properties(max_examples=30)
@given(quartier=build_folders, champion=build_folders, image=build_images | image_references)
def test_planned_pages_and_images_stay_in_the_site(quartier: str, champion: str, image: str) -> None:
    """Names the loader accepts become destinations inside the site; the others are located content errors."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        for rel in DEFINITIONS:
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(REPO / rel, root / rel)
        # A name no folder can have never reaches the loader: the record goes to a plain folder instead.
        folder = place(root / "quartiers", quartier) or place(root / "quartiers", "test")
        assert folder is not None
        (folder / "quartier.yml").write_text(with_image(QUARTIER, image), encoding="utf-8")
        place(folder, image, PNG)
        champion_folder = place(root / "champions", champion) or place(root / "champions", "champion-test")
        assert champion_folder is not None
        record = CHAMPION.replace("quartiers: [test]", f"quartiers: [{json.dumps(folder.name)}]")
        (champion_folder / "champion.yml").write_text(record, encoding="utf-8")
        try:
            catalogue = load_catalogue(root, LANGUAGES)
        except ContentErrors as exc:
            event("refused by the loader")
            assert_located(exc.errors, tree_files(root))
            return
        event("planned")
        site = Path(tmp) / "site"
        for spec in plan_pages(catalogue, lambda language, message: message):
            dest = File(spec.src_uri, None, str(site), use_directory_urls=True).abs_dest_path
            assert Path(dest).resolve().is_relative_to(site.resolve()), (spec.src_uri, dest)
            assert inside(site, not_found_dest(spec.language))
        service = ImageService(Cache(Path(tmp) / "cache"))
        published = service.publish(media_items(catalogue), Settings())
        service.collect()
        for picture in published.values():
            for rendition in picture.renditions:
                assert inside(site, picture.url(rendition)), picture.url(rendition)


def site_escapes(site: Path) -> list[str]:
    """Files under `site` that are links or resolve outside it."""
    outside = []
    for directory, folders, files in os.walk(site, followlinks=False):
        for name in folders + files:
            path = Path(directory) / name
            if path.is_symlink() or not path.resolve().is_relative_to(site.resolve()):
                outside.append(str(path))
    return outside


@settings(max_examples=3, derandomize=True, database=None, deadline=None)
@given(
    quartier=build_folders,
    page=build_pages | names,
    image=build_images | image_references,
    body=st.just("Texte.") | markdown_bodies(),
    name=st.just("'Lille 2'") | scalars,
)
@example(  # builds: odd names published as they are, unsafe markup removed
    quartier="a-b2",
    page="à propos..v2 (2024)",
    image="images/vue d'été.v2.PNG",
    body="<img src=x.png onerror=alert(1)>\n\n<script>alert(1)</script>\n",
    name="'Lille 2'",
)
# Each was a traceback: MkDocs' own HTML parser on `<![foo[` (even in code); the exports' slug check on `a--b`.
@example(quartier="lille-2", page="page", image="images/vue.png", body="```\n<![foo[\n```\n", name="'Lille 2'")
@example(quartier="a--b", page="page", image="images/vue.png", body="Texte.", name="'Lille 2'")
def test_real_build_writes_only_inside_the_site(
    project_cache: Path, quartier: str, page: str, image: str, body: str, name: str
) -> None:
    """`mkdocs build` on odd folder, page and image names: an exit code, never a traceback; site/ holds only site/."""
    with tempfile.TemporaryDirectory() as tmp:
        project = new_project(Path(tmp), cache=project_cache)
        folder = place(project.root / "quartiers", quartier) or project.root / "quartiers" / "test"
        record = with_image(QUARTIER.replace("name: Quartier Test", f"name: {name}"), image)
        (folder / "quartier.yml").write_text(record, encoding="utf-8", errors="surrogateescape")
        place(folder, image, PNG)
        place(project.root / "content" / "fr", f"{page}.md", body.encode("utf-8", "replace"))
        result = mkdocs("build", "--no-strict", cwd=project.root)  # pages with unsafe markup are published, cleaned
        event(f"exit code {result.returncode}")
        assert result.returncode in (0, 1), result.stderr
        assert "Traceback" not in result.stderr, result.stderr
        assert site_escapes(project.site) == []


# Regressions: what the properties found, as plain examples ----------------------


def only_errors(raw: bytes) -> list[str]:
    located, errors = read_yaml_file(raw, "r.yml")
    assert located is None or errors
    return [str(error) for error in errors]


def test_control_character_is_a_located_error_not_a_reader_error() -> None:
    # yaml.reader.ReaderError was raised by the loader's constructor, outside the try.
    message = "invalid YAML: the invisible character U+0007 is not allowed (delete it)"
    assert only_errors(b"name: a\nkind: \x07hub\n") == [f"r.yml:2:7: {message}"]
    _, _, errors = split_front_matter(b"---\ntitle: a\x00\n---\n", "p.md")
    assert [str(error) for error in errors] == [
        "p.md:2:9: invalid YAML: the invisible character U+0000 is not allowed (delete it)"
    ]


@pytest.mark.parametrize(
    "raw",
    [b'name: "\\UFFFFFFFF"\n', b'name: "\\U00110000"\n', b"%YAML " + b"1" * 5000 + b".1\n---\nname: a\n"],
    ids=["overflow", "beyond-unicode", "huge-directive"],
)
def test_escape_or_directive_out_of_range_is_an_error(raw: bytes) -> None:
    # PyYAML's scanner let OverflowError / ValueError escape from chr() and int().
    (message,) = only_errors(raw)
    assert message.startswith("r.yml:1:") and "invalid YAML: an escape or a number here is out of range" in message


def test_integer_beyond_python_digit_limit_stays_text() -> None:
    # int() refuses more than 4300 digits with ValueError.
    located, errors = read_yaml_file(b"founded: " + b"9" * 5000 + b"\n", "r.yml")
    assert not errors and located is not None and located.data == {"founded": "9" * 5000}


def test_decimal_too_large_for_a_float_stays_text() -> None:
    # float() silently gave infinity, which a number field then accepted.
    text = "1" * 400 + ".5"
    located, errors = read_yaml_file(f"value: {text}\n".encode(), "r.yml")
    assert not errors and located is not None and located.data == {"value": text}


@pytest.mark.parametrize("separator", ["\r", "\x85", "\u2028", "\u2029"])
def test_only_newline_ends_a_line_in_positions(separator: str) -> None:
    # PyYAML also ends lines at these characters: its line numbers went past the end of the file.
    raw = f'a: "x{separator}y"\nb: 1\nb: 2\n'.encode()
    assert only_errors(raw) == ["r.yml:3:1: b: duplicate key 'b' (first defined on line 2)"]


def test_unreadable_marked_section_is_an_error_not_a_crash() -> None:
    # html.parser (Python < 3.13) raises AssertionError on `<![foo[` and on `<![ `: our scan crashed,
    # and MkDocs, which parses every page (code included) the same way, stopped with a traceback.
    raw = b"Intro.\n\n<![foo[ x ]>\n<script>alert(1)</script>\n"
    errors, warnings = check_markdown(raw, raw.decode(), "p.md")
    assert [str(error).split(" (")[0] for error in errors] == ["p.md:3: <![ starts a declaration MkDocs cannot read"]
    assert [str(warning).split(" (")[0] for warning in warnings] == ["p.md:4: <script> is not allowed"]


def test_unreadable_marked_section_in_code_is_an_error_too() -> None:
    raw = b"---\ntitle: T\n---\n\n```html\n<![ x\n```\n"
    _, body, _ = split_front_matter(raw, "p.md")
    errors, _ = check_markdown(raw, body, "p.md")
    assert [str(error).split(" (")[0] for error in errors] == ["p.md:6: <![ starts a declaration MkDocs cannot read"]


@pytest.mark.parametrize("text", ["<![", "a <!\x02[foo[ b"], ids=["at-the-end", "control-character"])
def test_unreadable_as_mkdocs_reads_it(text: str) -> None:
    # Python-Markdown ends the text with a blank line and drops STX/ETX before MkDocs parses it.
    errors, _ = check_markdown(text.encode(), text, "p.md")
    found = [str(error).split(" (")[0] for error in errors]
    assert found[0] == "p.md:1: <![ starts a declaration MkDocs cannot read"
    # STX is also refused on its own: no editor types a control character (README, "When something is wrong").
    assert found[1:] == (["p.md:1: the invisible character U+0002 is not allowed"] if "\x02" in text else [])


@pytest.mark.parametrize("text", ["<![CDATA[x]]>", "<![if IE]>x<![endif]>", "a < b and c <! d"])
def test_readable_declarations_are_accepted(text: str) -> None:
    assert check_markdown(text.encode(), text, "p.md") == ([], [])


def test_sanitize_removes_script_addresses_from_srcset() -> None:
    # Ammonia checks the scheme of src and href, not of the addresses of srcset.
    assert sanitize('<img src="a.png" srcset="a.png 1x, JavaScript:alert(1) 2x">') == '<img src="a.png">'
    assert sanitize('<img src="a.png" srcset="data:image/svg+xml,x">') == '<img src="a.png">'
    kept = '<img src="a.png" srcset="a.png 1x, https://example.org/b.png 2x">'
    assert sanitize(kept) == kept


@pytest.mark.parametrize("folder", ["a--b", "-lille", "lille-"])
def test_folder_name_follows_the_slug_rule_of_references(tree: Path, folder: str) -> None:
    # Such a folder was loaded although no record can refer to it, and the exports, which check
    # slugs again, then stopped the build with a pydantic traceback.
    write_files(tree, {QUARTIER_REL: QUARTIER.encode(), CHAMPION_REL: CHAMPION.encode(), NARRATIVE_REL: b"Texte.\n"})
    (tree / "quartiers" / folder).mkdir()
    try:
        assert [str(error) for error in load_errors(tree)] == [
            f"quartiers/{folder}: folder name must not start or end with a dash nor hold two in a row, e.g. french-tech"
        ]
    finally:
        (tree / "quartiers" / folder).rmdir()
