"""Bad input through real builds: a located message, no traceback, and the previous site left as it was.

One good project is built once for the module; each case works on a copy of it
(site/ included), breaks one thing, runs `mkdocs build --strict` and checks that
(a) the build fails, (b) the message names the file, the line or field, and
what is expected, (c) stderr holds no traceback, and (d) site/ is byte for byte
the good build's, with no staging folder left behind. The few inputs that must
be accepted (ambiguous words kept as text, BOM and CRLF, confined snippets) are
built and read back from the HTML.
"""

from __future__ import annotations

import io
import shutil
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image
from tests.conftest import CHAMPION, QUARTIER, Project, mkdocs, new_project, project_config
from tests.helpers import IMAGE_FIELD, LOGO_FIELD, leftovers, snapshot

Q = "quartiers/test/quartier.yml"
C = "champions/champion-test/champion.yml"
PAGE = "content/en/about.md"
NARRATIVE = "quartiers/test/fr.md"

Edit = Callable[[Project], None]


@dataclass(frozen=True)
class GoodBuild:
    root: Path
    site: dict[str, str]
    """Digest of every file of the good build's site/, by path."""


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> GoodBuild:
    """The small project of conftest, built once (--strict) for the whole module, with its own cache
    (copied warm with it into each case; mkdocs.yml as `project_config()` writes it, so the line
    numbers the cases expect hold)."""
    project = new_project(tmp_path_factory.mktemp("good"))
    result = project.build()
    assert result.returncode == 0, result.stderr
    return GoodBuild(project.root, snapshot(project.site))


@pytest.fixture
def built(good: GoodBuild, tmp_path: Path) -> Project:
    """A copy of the good project and its site; node_modules stays a link to the repository's."""
    root = tmp_path / "project"
    shutil.copytree(good.root, root, symlinks=True)
    assert (root / "node_modules").is_symlink()
    return Project(root)


def assert_refused(project: Project, good: GoodBuild, *expected: str) -> None:
    result = project.build()
    assert result.returncode != 0, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    for text in expected:
        assert text in result.stderr, f"{text!r} not in:\n{result.stderr}"
    assert snapshot(project.site) == good.site, "a failed build changed site/"
    assert leftovers(project) == []


# Edits: each checks that it changes something, so a case cannot pass by doing nothing. --------


def replace(rel: str, old: str, new: str) -> Edit:
    def edit(project: Project) -> None:
        path = project.root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {rel}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def write(rel: str, content: str | bytes) -> Edit:
    def edit(project: Project) -> None:
        project.write(rel, content)

    return edit


def append(rel: str, text: str) -> Edit:
    def edit(project: Project) -> None:
        path = project.root / rel
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")

    return edit


def symlink(rel: str, target: str) -> Edit:
    """A link at `rel` to `target` (relative to the project root; `../` leaves the project)."""

    def edit(project: Project) -> None:
        destination = (project.root / target).resolve()
        if not destination.exists():
            destination.write_text("SECRET=1\n", encoding="utf-8")
        (project.root / rel).symlink_to(destination)

    return edit


def photo(name: str, data: bytes) -> list[Edit]:
    """The image file in the quartier's folder and the record's `images:` field naming it (line 41)."""
    return [write(f"quartiers/test/images/{name}", data), append(Q, IMAGE_FIELD.format(name=name))]


def logo(name: str, data: bytes) -> list[Edit]:
    return [write(f"champions/champion-test/{name}", data), append(C, LOGO_FIELD.format(name=name))]


def page(front: str, body: str = "Text.") -> str:
    return f"---\n{front}\n---\n\n{body}\n"


# Image bytes, made small: headers that declare what the pixels would be. -----------------------


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_header(width: int, height: int, frames: int = 0) -> bytes:
    """A PNG (an APNG when `frames`) declaring `width`×`height`, with a few bytes of data only."""
    animation = _chunk(b"acTL", struct.pack(">II", frames, 0)) if frames else b""
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + animation
        + _chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + _chunk(b"IEND", b"")
    )


def jpeg_header(width: int, height: int) -> bytes:
    """A JPEG start-of-frame declaring `width`×`height`, and nothing to decode."""
    frame = struct.pack(">HBHHB", 17, 8, height, width, 3) + bytes.fromhex("011100021100031100")
    return b"\xff\xd8\xff\xc0" + frame + b"\xff\xd9"


def png(size: tuple[int, int] = (60, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 40)).save(out, "PNG")
    return out.getvalue()


def truncated_jpeg() -> bytes:
    """A real photo cut after a third: the header is sound, the pixels run out."""
    out = io.BytesIO()
    Image.effect_noise((800, 600), 64).convert("RGB").save(out, "JPEG", quality=90)
    return out.getvalue()[: len(out.getvalue()) // 3]


def animated_png(frames: int) -> bytes:
    images = [Image.new("RGB", (2, 2), (i % 256, i // 256, 0)) for i in range(frames)]
    out = io.BytesIO()
    images[0].save(out, "PNG", save_all=True, append_images=images[1:])
    return out.getvalue()


SVG = b"""<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
<script>alert(1)</script><foreignObject><div>x</div></foreignObject>
<image xlink:href="https://tracker.example/pixel.png"/></svg>
"""
BILLION_LAUGHS = """\
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: [*c, *c, *c, *c, *c, *c, *c, *c, *c]
"""
SNIPPETS_AFTER = "  - tables\n"
PROJECT_CONFIG = project_config()
# The line the edit below gives `pymdownx.snippets` in the project's copy of the repository's mkdocs.yml.
SNIPPETS_LINE = PROJECT_CONFIG.split(SNIPPETS_AFTER)[0].count("\n") + 2
SNIPPET_ERROR_HINT = "(write the text here; a page may include only files of the content folders)"
PATH_HINT = "(write an address relative to this page, e.g. ../fr/index.md, or a web address, e.g. https://example.org)"


def snippets_config(options: str) -> Edit:
    return replace("mkdocs.yml", SNIPPETS_AFTER, f"{SNIPPETS_AFTER}  - pymdownx.snippets{options}\n")


REFUSED = [
    # 1. Invalid YAML: line and column, and what to do.
    pytest.param(
        [replace(Q, "  status: labelled", "\tstatus: labelled")],
        ["quartiers/test/quartier.yml:10:1: tab used for indentation (indent with spaces)"],
        id="01-tab-indentation",
    ),
    pytest.param(
        [replace(Q, "name: Quartier Test", 'name: "Quartier Test'), write(PAGE, page("title: 'About\nnav_order: 2"))],
        [
            "quartiers/test/quartier.yml:40:1: invalid YAML: found unexpected end of stream while scanning a quoted"
            " scalar that starts on line 1, column 7 (close the quote opened on line 1)",
            "content/en/about.md:4:1: invalid YAML: found unexpected end of stream while scanning a quoted scalar"
            " that starts on line 2, column 8 (close the quote opened on line 2)",
        ],
        id="01-unclosed-quote",
    ),
    # 2. A record must be fields.
    pytest.param(
        [write(Q, "- name: Quartier Test\n- kind: hub\n")],
        ["quartiers/test/quartier.yml:1:1: the file holds a list; expected a record of fields (key: value)"],
        id="02-record-is-a-list",
    ),
    pytest.param(
        [write(C, "Champion Test\n")],
        ["champions/champion-test/champion.yml:1:1: the file holds a single value; expected a record of fields"],
        id="02-record-is-a-scalar",
    ),
    pytest.param(
        [write(Q, "")],
        ["quartiers/test/quartier.yml:1: the file is empty (write the record's fields, one `key: value` per line)"],
        id="02-empty-file",
    ),
    # 3. Duplicate keys name both lines, in records and front matter alike.
    pytest.param(
        [
            append(Q, "name: Autre nom\n"),
            replace(Q, "  wave: 1\n", "  wave: 1\n  wave: 2\n"),
            write(PAGE, page("title: A\ntitle: B")),
        ],
        [
            "quartiers/test/quartier.yml:41:1: name: duplicate key 'name' (first defined on line 1)",
            "quartiers/test/quartier.yml:12:3: label.wave: duplicate key 'wave' (first defined on line 11)",
            "content/en/about.md:3:1: title: duplicate key 'title' (first defined on line 2)",
        ],
        id="03-duplicate-key",
    ),
    # 4. Anchors, aliases and tags are refused before anything is built from them.
    pytest.param(
        [append(Q, "region: &r Hauts-de-France\ntheme: *r\n")],
        ["quartiers/test/quartier.yml:40:9: anchor &r is not allowed (write the value out in full)"],
        id="04-anchor-and-alias",
    ),
    pytest.param(
        [write(Q, BILLION_LAUGHS)],
        ["quartiers/test/quartier.yml:1:4: anchor &a is not allowed (write the value out in full)"],
        id="04-alias-bomb",
    ),
    pytest.param(
        [
            replace(C, "city: Lille", "city: !!python/object/apply:os.system ['touch pwned']"),
            write(PAGE, page("title: !!python/object/new:os.system ['touch pwned']")),
        ],
        [
            "champions/champion-test/champion.yml:3:7: tag tag:yaml.org,2002:python/object/apply:os.system is not"
            " allowed (remove the tag)",
            "content/en/about.md:2:8: tag tag:yaml.org,2002:python/object/new:os.system is not allowed (remove the tag)",
        ],
        id="04-python-tags",
    ),
    # 5. Deep nesting is a located error, not a RecursionError.
    pytest.param(
        [append(Q, "region: " + "[" * 5000 + "]" * 5000 + "\n"), write(PAGE, page("title: " + "{a: " * 5000))],
        [
            "quartiers/test/quartier.yml:40:48: nesting deeper than 40 levels is not allowed (content needs only"
            " a few levels; look for brackets that are never closed)",
            "content/en/about.md:2:161: nesting deeper than 40 levels is not allowed",
        ],
        id="05-deep-nesting",
    ),
    # 6. Dates are checked against the calendar.
    pytest.param(
        [replace(Q, "as_of: 2017-06-29", "as_of: 2024-02-30"), write(PAGE, page("title: A\nupdated: 2024-02-30"))],
        [
            'quartiers/test/quartier.yml:26:9: criteria.real-estate.indicators[0].as_of: "2024-02-30" is not a'
            " valid date (no such day in the calendar)",
            'content/en/about.md:3:1: updated: "2024-02-30" is not a valid date (no such day in the calendar)',
        ],
        id="06-impossible-date",
    ),
    # 7. `0123`, `12:30`, `on` stay text: in a number field they are errors, never converted.
    pytest.param(
        [
            replace(C, "founded: 2015", "founded: 0123"),
            replace(Q, "value: 62", "value: 12:30"),
            write(PAGE, page("title: A\nnav_order: on")),
        ],
        [
            'champions/champion-test/champion.yml:5:1: founded: expected a number, got "0123" (write digits only,'
            " e.g. 2014)",
            'quartiers/test/quartier.yml:18:9: criteria.access.indicators[0].value: "12:30" does not fit indicator'
            " 'rail-minutes-to-paris', which expects a number",
            'content/en/about.md:3:1: nav_order: expected a number, got "on" (write digits only, e.g. 2014)',
        ],
        id="07-ambiguous-words-in-number-fields",
    ),
    # 8. Every mistake of a file, in one run.
    pytest.param(
        [replace(Q, "kind: metropole\n", ""), replace(Q, "cities:", "citties:"), replace(Q, "wave: 1", "wave: first")],
        [
            "4 content errors:",
            "quartiers/test/quartier.yml:1:1: kind: required field is missing",
            "quartiers/test/quartier.yml:1:1: cities: required field is missing",
            "quartiers/test/quartier.yml:5:1: citties: unknown field (did you mean 'cities'?)",
            'quartiers/test/quartier.yml:10:3: label.wave: expected a number, got "first" (write digits only, e.g. 2014)',
        ],
        id="08-every-error-of-a-file-at-once",
    ),
    # 9. Not UTF-8: the byte offset of the first bad byte.
    pytest.param(
        [
            write(Q, QUARTIER.replace("cities: [Lille]", "cities: [Orléans]").encode("latin-1")),
            write(PAGE, "---\ntitle: Café\n---\n\nText.\n".encode("cp1252")),
        ],
        [
            "quartiers/test/quartier.yml:6: not valid UTF-8 (byte offset 106) (save the file as UTF-8)",
            "content/en/about.md:2: not valid UTF-8 (byte offset 14) (save the file as UTF-8)",
        ],
        id="09-not-utf8",
    ),
    # 11. References: languages, quartiers, names.
    pytest.param(
        [replace(Q, "  en: A test quarter.", "  eng: A test quarter."), write("quartiers/test/eng.md", "Text.\n")],
        [
            "quartiers/test/quartier.yml:3:1: tagline: unknown language code 'eng'; the site's languages are"
            " fr, en, de, es, ja, he",
            "quartiers/test/eng.md: unknown language code 'eng' (did you mean en.md?)",
        ],
        id="11-unknown-language-code",
    ),
    pytest.param(
        [replace("mkdocs.yml", "{code: es, name: Español}", "{code: xx, name: Xx}")],
        [
            "mkdocs.yml: vitrine/catalogue: language 'xx' is unknown to Babel or mkdocs-material; use a code both"
            " know (e.g. it, pt, ar, zh)"
        ],
        id="11-unknown-site-language",
    ),
    pytest.param(
        [replace(C, "quartiers: [test]", "quartiers: [tset]")],
        ["champions/champion-test/champion.yml:2:13: quartiers[0]: unknown quartier 'tset' (did you mean 'test'?)"],
        id="11-unknown-quartier",
    ),
    pytest.param(
        [write("champions/copy/champion.yml", CHAMPION.replace("name: Champion Test", "name: CHAMPION TEST"))],
        [
            "champions/copy/champion.yml:1:1: name: duplicate: champions/champion-test/champion.yml already uses"
            " this name"
        ],
        id="11-duplicate-name",
    ),
    pytest.param(
        [write("quartiers/Test/quartier.yml", QUARTIER.replace("Quartier Test", "Autre"))],
        [
            "quartiers/Test: folder name must be lower-case letters, digits and dashes, e.g. lille",
            "quartiers/test: same name as quartiers/Test once case and accents are folded (rename one of them)",
        ],
        id="11-duplicate-slug",
    ),
    # 13. Snippets copy files into pages: off here, so every directive is refused; never outside the tree.
    pytest.param(
        [
            write(PAGE, page("title: A", '--8<-- "../../mkdocs.yml"\n\n--8<-- "/etc/passwd"\n\n--8<-- "en/index.md"')),
            write(NARRATIVE, "Récit.\n\n```\n--8<--\n../../.env\n--8<--\n```\n"),
        ],
        [
            f'content/en/about.md:5: snippet "../../mkdocs.yml" reaches outside the content folders {SNIPPET_ERROR_HINT}',
            f'content/en/about.md:7: snippet "/etc/passwd" reaches outside the content folders {SNIPPET_ERROR_HINT}',
            f'content/en/about.md:9: snippet "en/index.md": including files is not enabled {SNIPPET_ERROR_HINT}',
            "quartiers/test/fr.md:4: snippet directive --8<--: including files is not enabled",
            'quartiers/test/fr.md:5: snippet "../../.env" reaches outside the content folders',
        ],
        id="13-snippet-directives",
    ),
    pytest.param(
        [snippets_config("")],
        [
            "1 configuration error:",
            f"mkdocs.yml:{SNIPPETS_LINE}: markdown_extensions.pymdownx.snippets.base_path: '.' is outside the content folders"
            " (use one of content/, quartiers/, champions/)",
        ],
        id="13-snippets-config-default-base-path",
    ),
    pytest.param(
        [
            snippets_config(
                ":\n      base_path: [content, ..]\n      restrict_base_path: false\n      url_download: true"
            )
        ],
        [
            "3 configuration errors:",
            f"mkdocs.yml:{SNIPPETS_LINE}: markdown_extensions.pymdownx.snippets.base_path: '..' is outside the content folders",
            f"mkdocs.yml:{SNIPPETS_LINE}: markdown_extensions.pymdownx.snippets.restrict_base_path: must be true (the default):"
            " snippets must not reach outside base_path",
            f"mkdocs.yml:{SNIPPETS_LINE}: markdown_extensions.pymdownx.snippets.url_download: must be false (the default):"
            " pages never include text downloaded from the web",
        ],
        id="13-snippets-config-unconfined",
    ),
    # 14. MkDocs' own link validation (`warn` in mkdocs.yml) fails the strict build.
    pytest.param(
        [
            write(
                PAGE,
                page(
                    "title: About",
                    "# About\n\n[a](missing.md)\n\n![b](nothere.png)\n\n[c](index.md#nope)\n\n[d](#nope)",
                ),
            )
        ],
        [
            "Doc file 'en/about.md' contains a link 'missing.md', but the target 'en/missing.md' is not found among"
            " documentation files.",
            "Doc file 'en/about.md' contains a link 'nothere.png', but the target 'en/nothere.png' is not found among"
            " documentation files.",
            "Doc file 'en/about.md' contains a link 'index.md#nope', but the doc 'en/index.md' does not contain an"
            " anchor '#nope'.",
            "Doc file 'en/about.md' contains a link '#nope', but there is no such anchor on this page.",
        ],
        id="14-missing-link-image-and-anchors",
    ),
    # 15. Paths that point at the file system, in records and in Markdown.
    pytest.param(
        [
            append(
                Q,
                "images:\n"
                + "".join(
                    f"  - file: '{ref}'\n    alt: {{fr: Photo}}\n    credit: Ville\n"
                    for ref in ("../lille/photo.jpg", "/etc/photo.jpg", "file:///etc/photo.jpg")
                ),
            ),
            replace(C, "https://example.org", "file:///etc/passwd"),
        ],
        [
            'quartiers/test/quartier.yml:41:5: images[0].file: "../lille/photo.jpg" must be a path inside the'
            " record's folder (e.g. images/photo.jpg)",
            'quartiers/test/quartier.yml:44:5: images[1].file: "/etc/photo.jpg" must be a path inside the record\'s'
            " folder",
            'quartiers/test/quartier.yml:47:5: images[2].file: "file:///etc/photo.jpg" must be a path inside the'
            " record's folder",
            'champions/champion-test/champion.yml:6:1: website: "file:///etc/passwd" is not a web address; expected'
            " one starting with https://",
        ],
        id="15-paths-in-records",
    ),
    pytest.param(
        [
            write(
                PAGE,
                page(
                    "title: About",
                    "[a](../../mkdocs.yml)\n\n![b](/etc/passwd)\n\n[c](FiLe:///etc/passwd)\n\n"
                    '<img src="file:///etc/hosts" alt="d">\n\n[ok](../fr/index.md)',
                ),
            ),
            write(NARRATIVE, "Récit.\n\n[a](../../../mkdocs.yml) [ok](../../en/index.md)\n"),
        ],
        [
            f'content/en/about.md:5: link or image "../../mkdocs.yml" leaves the content folders {PATH_HINT}',
            'content/en/about.md:7: link or image "/etc/passwd" is an absolute path, not an address in the site',
            'content/en/about.md:9: link or image "FiLe:///etc/passwd" is a file: address, not an address in the site',
            'content/en/about.md:11: src= on <img>: "file:///etc/hosts" is a file: address',
            'quartiers/test/fr.md:3: link or image "../../../mkdocs.yml" leaves the content folders',
        ],
        id="15-paths-in-markdown",
    ),
    # 16. Symbolic links are never followed, wherever they are.
    pytest.param(
        [symlink("content/en/secret.md", "../secret.md")],
        ["content/en/secret.md: symbolic links are not allowed (they are never followed) (copy the file here instead)"],
        id="16-symlink-in-content",
    ),
    pytest.param(
        [symlink("quartiers/copy", "quartiers/test")],
        ["quartiers/copy: symbolic links are not allowed (they are never followed)"],
        id="16-symlink-in-quartiers",
    ),
    pytest.param(
        [symlink("champions/champion-test/logo.png", "../logo.png")],
        ["champions/champion-test/logo.png: symbolic links are not allowed (they are never followed)"],
        id="16-symlink-in-champions",
    ),
    # 17. Two sources, one page: folded names and shared addresses, every input named.
    pytest.param(
        [write("content/en/About.md", page("title: A")), write("content/en/about.md", page("title: B"))],
        ["content/en/about.md: same name as content/en/About.md once case and accents are folded (rename one of them)"],
        id="17-names-colliding-once-case-folded",
    ),
    pytest.param(
        [write("content/en/cafe\u0301.md", page("title: A")), write("content/en/caf\u00e9.md", page("title: B"))],
        ["same name as content/en/cafe\u0301.md once case and accents are folded"],
        id="17-names-colliding-once-unicode-normalised",
    ),
    pytest.param(
        [write(PAGE, page("title: A")), write("content/en/about/index.md", page("title: B"))],
        [
            "content/en/about.md: published at en/about/index.html, like content/en/about/index.md (rename, move or"
            " remove one of them)"
        ],
        id="17-two-pages-at-one-address",
    ),
    pytest.param(
        [
            write("content/en/quartiers.md", page("title: Q")),
            write("content/fr/presse.md", page("title: P")),
            write("content/de/presse/index.md", page("title: P")),
        ],
        [
            "content/en/quartiers.md: published at en/quartiers/index.html, like the generated page"
            " en/quartiers/index.md",
            "content/de/presse/index.md: published at de/presse/index.html, like content/fr/presse.md (shown as"
            " de/presse.md)",
        ],
        id="17-page-at-a-generated-address",
    ),
    # 18. Files that are never published.
    pytest.param(
        [
            write("content/en/.env", b"SECRET=1\n"),
            write("champions/champion-test/notes.docx", b"PK\x03\x04"),
            write("quartiers/test/run.exe", b"MZ\x90\x00"),
        ],
        [
            "content/en/.env: this kind of file is never published (content/ holds only .jpeg, .jpg, .md, .png, .webp)",
            "champions/champion-test/notes.docx: this kind of file is never published",
            "quartiers/test/run.exe: this kind of file is never published",
        ],
        id="18-files-never-published",
    ),
    # 19. Size limits, read from the file system before any file is opened.
    pytest.param(
        [write(PAGE, page("title: Big", "word " * 210_000))],
        [
            "content/en/about.md: file is 1,050,021 bytes, over the 1,000,000-byte limit (split the text into"
            " several files)"
        ],
        id="19-markdown-over-the-limit",
    ),
    pytest.param(
        [append(Q, "# " + "x" * 1_000_000 + "\n")],
        [
            f"quartiers/test/quartier.yml: file is {len(QUARTIER.encode()) + 1_000_003:,} bytes, over the 1,000,000-byte limit"
        ],
        id="19-record-over-the-limit",
    ),
    pytest.param(
        [write("content/en/poster.png", png_header(10, 10) + b"\x00" * 15_000_000)],
        [
            "content/en/poster.png: file is 15,000,069 bytes, over the 15,000,000-byte limit (export it smaller,"
            " e.g. at most 3000 pixels wide as a JPEG of quality 85)"
        ],
        id="19-image-in-content-over-the-limit",
    ),
    # 20. Pixel bombs are refused from their header: a decode would need gigabytes.
    pytest.param(
        photo("bomb.png", png_header(60_000, 60_000)),
        [
            'quartiers/test/quartier.yml:41:5: images[0].file: image "images/bomb.png": the header declares'
            " 3,600,000,000 pixels, over the 40,000,000-pixel limit"
        ],
        id="20-pixel-bomb-png",
    ),
    pytest.param(
        photo("bomb.jpg", jpeg_header(8_000, 8_000)),
        [
            'quartiers/test/quartier.yml:41:5: images[0].file: image "images/bomb.jpg": 8000×8000 pixels is over'
            " the 40,000,000-pixel limit"
        ],
        id="20-pixel-bomb-jpeg",
    ),
    # 21. Corrupt or mislabelled images name the file.
    pytest.param(
        photo("broken.jpg", b"\xff\xd8\xff\xe0 this is not really a jpeg"),
        ['quartiers/test/quartier.yml:41:5: images[0].file: image "images/broken.jpg": not a readable image'],
        id="21-corrupt-image",
    ),
    pytest.param(
        logo("logo.jpg", png()),
        [
            'champions/champion-test/champion.yml:12:3: logo.file: image "logo.jpg": the file is a PNG image named'
            " .jpg; rename it or convert it"
        ],
        id="21-png-named-jpg",
    ),
    pytest.param(
        photo("cut.jpg", truncated_jpeg()),
        [
            "quartiers/test/images/cut.jpg: cannot be decoded (image file is truncated",
            "(export the image again from its original)",
        ],
        id="21-truncated-image",
    ),
    # 22. SVG is refused as a file, as a disguised PNG, and inline in Markdown.
    pytest.param(
        logo("logo.svg", SVG),
        [
            "champions/champion-test/logo.svg: this kind of file is never published",
            'champions/champion-test/champion.yml:12:3: logo.file: "logo.svg" is not an accepted image'
            " (use .jpg, .jpeg, .png, .webp)",
        ],
        id="22-svg-logo",
    ),
    pytest.param(
        logo("logo.png", SVG),
        [
            'champions/champion-test/champion.yml:12:3: logo.file: image "logo.png": not a readable image (its bytes'
            " are not a JPEG, PNG or WebP image)"
        ],
        id="22-svg-named-png",
    ),
    pytest.param(
        [write(PAGE, page("title: A", SVG.decode()))],
        [
            "content/en/about.md:5: <svg> is not allowed (removed from the page",
            "content/en/about.md:6: <script> is not allowed",
        ],
        id="22-inline-svg",
    ),
    # 23. Animations are refused, however many frames or however large the canvas.
    pytest.param(
        photo("moving.png", animated_png(3000)),
        [
            'quartiers/test/quartier.yml:41:5: images[0].file: image "images/moving.png": animated images are not'
            " accepted (3000 frames)"
        ],
        id="23-thousands-of-frames",
    ),
    pytest.param(
        photo("canvas.png", png_header(50_000, 50_000, frames=5000)),
        [
            'quartiers/test/quartier.yml:41:5: images[0].file: image "images/canvas.png": the header declares'
            " 2,500,000,000 pixels, over the 40,000,000-pixel limit"
        ],
        id="23-animation-with-a-huge-canvas",
    ),
]


@pytest.mark.parametrize(("edits", "expected"), REFUSED)
def test_bad_input_is_refused_and_the_site_kept(
    built: Project, good: GoodBuild, edits: list[Edit], expected: list[str]
) -> None:
    for edit in edits:
        edit(built)
    assert_refused(built, good, *expected)


# Cases with more to check than the shared shape. -------------------------------------------------


def test_07_ambiguous_words_in_text_fields_stay_text(built: Project) -> None:
    replace(Q, "cities: [Lille]", "cities: [NO, on, 0123, 12:30]\nregion: on")(built)
    result = built.build()
    assert result.returncode == 0, result.stderr
    facts = built.html("en/quartiers/test/index.html").select_one(".vt-facts")
    assert facts is not None
    values = {dt.get_text(strip=True): dd.get_text(strip=True) for dt, dd in zip(facts("dt"), facts("dd"), strict=True)}
    assert values["Cities"] == "NO, on, 0123, 12:30"
    assert values["Region and country"] == "on, France"


def test_09_bom_and_crlf_are_accepted(built: Project) -> None:
    for rel in (Q, NARRATIVE, "content/en/index.md"):
        path = built.root / rel
        path.write_bytes(b"\xef\xbb\xbf" + path.read_text(encoding="utf-8").replace("\n", "\r\n").encode())
    result = built.build()
    assert result.returncode == 0, result.stderr
    title = built.html("en/quartiers/test/index.html").select_one("h1")
    assert title is not None and title.get_text() == "Quartier Test"
    assert "Un récit en français." in built.html("fr/quartiers/test/index.html").get_text()
    assert "Welcome." in built.html("en/index.html").get_text()


def test_10_broken_front_matter_is_an_error_never_page_text(built: Project, good: GoodBuild) -> None:
    built.write(PAGE, page("title: [unclosed\nnav_order: 2", "Body."))
    built.write("quartiers/test/en.md", '---\ntitle: "Récit\n---\n\nText.\n')
    built.write("content/en/open.md", "---\ntitle: A\n\nBody.\n")
    expected = [
        "content/en/about.md:3:10: invalid YAML: expected ',' or ']', but got ':' while parsing a flow sequence that"
        " starts on line 2, column 8 (close the [ opened on line 2)",
        "quartiers/test/en.md:3:1: invalid YAML: found unexpected end of stream while scanning a quoted scalar that"
        " starts on line 2, column 8 (close the quote opened on line 2)",
        "content/en/open.md:1:1: front matter opened with --- but never closed (end it with a --- line)",
    ]
    assert_refused(built, good, *expected)
    relaxed = mkdocs("build", "--no-strict", cwd=built.root)  # a content error, not a warning
    assert relaxed.returncode != 0 and all(text in relaxed.stderr for text in expected), relaxed.stderr
    assert snapshot(built.site) == good.site


UNSAFE_BODY = """\
<SCRIPT>alert(1)</SCRIPT>

<img src="x.png" OnError="alert(1)" alt="x">

<iframe src="https://example.org"></iframe>

[a](JaVaScRiPt:alert(1)) [b](DATA:text/html;base64,PHNjcmlwdD4=) [c](VbScript:msgbox)

<a href=" javascript:alert(1)">d</a>

Kept text.
"""


def test_12_unsafe_markup_fails_strict_and_is_removed_from_the_page(built: Project, good: GoodBuild) -> None:
    built.write(PAGE, page("title: About\nnav_order: 5", UNSAFE_BODY))
    assert_refused(
        built,
        good,
        "content/en/about.md:6: <script> is not allowed (removed from the page; scripts, frames and script"
        " addresses are not allowed)",
        "content/en/about.md:8: event handler onerror= on <img> is not allowed",
        "content/en/about.md:10: <iframe> is not allowed",
        "content/en/about.md:12: link to a javascript: address",
        "content/en/about.md:12: link to a data: address",
        "content/en/about.md:12: link to a vbscript: address",
        "content/en/about.md:14: href= with a javascript: address on <a>",
    )
    # mkdocs.yml sets `strict: true`, so a plain `mkdocs build` is strict too: --no-strict relaxes it.
    relaxed = mkdocs("build", "--no-strict", cwd=built.root)
    assert relaxed.returncode == 0, relaxed.stderr
    article = built.html("en/about/index.html").select_one("article")
    assert article is not None and "Kept text." in article.get_text()
    assert not article.select("script, iframe, [onerror]")
    addresses = [a.get("href", "") for a in article.select("a")]
    assert not [href for href in addresses if href.strip().lower().startswith(("javascript", "data", "vbscript"))]


def test_13_snippets_confined_to_the_content_folders_are_accepted(built: Project) -> None:
    snippets_config(":\n      base_path: [content]")(built)
    built.write("content/en/part.md", "Included part.\n")  # included whole: no front matter
    built.write(PAGE, page("title: About", '--8<-- "en/part.md"'))
    result = built.build()
    assert result.returncode == 0, result.stderr
    assert "Included part." in built.html("en/about/index.html").get_text()
