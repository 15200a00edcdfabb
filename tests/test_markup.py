"""Raw HTML in Markdown: off-identity styling stops the build, unsafe markup is removed and reported."""

from __future__ import annotations

import pytest
from tests.conftest import Project

from vitrine.model.markup import sanitize, scan

PAGE = "---\ntitle: Test\nnav_order: 5\n---\n\nIntro line.\n\n{body}\n"


def kinds(markdown: str) -> list[tuple[str, int, str]]:
    return [(f.kind, f.line, f.what) for f in scan(markdown)]


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ('<p style="color:red">x</p>', ("identity", 1, 'style="..." on <p> overrides the identity')),
        ("<style>h1{color:red}</style>", ("identity", 1, "<style> overrides the identity")),
        ('<font face="Comic Sans">x</font>', ("identity", 1, "<font> overrides the identity")),
        ('<td bgcolor="#f00">x</td>', ("identity", 1, 'bgcolor="..." on <td> overrides the identity')),
        ('Text\n{: style="color: red" }', ("identity", 2, "attribute list sets style= and overrides the identity")),
        ("<SCRIPT>alert(1)</SCRIPT>", ("unsafe", 1, "<script> is not allowed")),
        ('<img src="x.png" OnError="alert(1)">', ("unsafe", 1, "event handler onerror= on <img> is not allowed")),
        ('<iframe src="https://example.org"></iframe>', ("unsafe", 1, "<iframe> is not allowed")),
        ('<a href=" JaVaScRiPt:alert(1)">x</a>', ("unsafe", 1, "href= with a javascript: address on <a>")),
        ("[x](data:text/html;base64,PHNjcmlwdD4=)", ("unsafe", 1, "link to a data: address")),
        ("[x]: VBScript:msgbox", ("unsafe", 1, "link to a vbscript: address")),
    ],
)
def test_each_forbidden_construct_is_found(markdown: str, expected: tuple[str, int, str]) -> None:
    assert expected in kinds(markdown)


def test_code_may_show_html() -> None:
    assert kinds('Use `<p style="x">` never.\n\n```html\n<script>alert(1)</script>\n```\n') == []


def test_plain_markdown_and_structure_pass() -> None:
    assert (
        kinds("Some *text* and [a link](charte.md).\n\n<details><summary>More</summary>\n\nHidden.\n</details>\n") == []
    )


def test_sanitize_removes_what_scan_reports() -> None:
    html = '<p onclick="x()">a<script>bad()</script><a href="javascript:x()">l</a><iframe src="y"></iframe></p>'
    clean = sanitize(html)
    assert "script" not in clean and "onclick" not in clean and "javascript" not in clean and "iframe" not in clean
    assert clean.startswith("<p>a") and "<a>l</a>" in clean


def test_off_identity_styling_stops_the_build_with_file_and_line(project: Project) -> None:
    project.write("content/en/about.md", PAGE.format(body='<span style="color: pink">Hi</span>'))
    result = project.build()
    assert result.returncode == 1
    assert (
        'content/en/about.md:8: style="..." on <span> overrides the identity (colours and fonts come from identity.yml'
        in result.stderr
    )


def test_off_identity_styling_in_a_narrative(project: Project) -> None:
    project.write("quartiers/test/en.md", "First line.\n\n<font color=red>Big</font>\n")
    result = project.build()
    assert result.returncode == 1
    assert "quartiers/test/en.md:3: <font> overrides the identity" in result.stderr
    assert 'quartiers/test/en.md:3: color="..." on <font> overrides the identity' in result.stderr


def test_unsafe_markup_is_removed_and_fails_strict(project: Project) -> None:
    body = '<script>alert("x")</script>\n\n<img src="x.png" onerror="alert(1)" alt="x">\n\n[click](javascript:alert(1))'
    project.write("content/en/about.md", PAGE.format(body=body))
    strict = project.build()
    assert strict.returncode == 1
    assert "content/en/about.md:8: <script> is not allowed (removed from the page" in strict.stderr
    assert "content/en/about.md:10: event handler onerror= on <img> is not allowed" in strict.stderr
    assert "content/en/about.md:12: link to a javascript: address" in strict.stderr
    relaxed = project.build("--no-strict")
    assert relaxed.returncode == 0
    article = project.html("en/about/index.html").select_one("article")
    assert article is not None
    assert not article.select("script") and not article.select("[onerror]")
    assert all(not a.get("href", "").lower().startswith("javascript") for a in article.select("a"))
    assert "Intro line." in article.get_text()


def test_page_palette_override_in_front_matter_is_refused(project: Project) -> None:
    project.write("content/en/about.md", "---\ntitle: About\npalette: red\n---\n\nText.\n")
    result = project.build()
    assert result.returncode == 1
    assert "content/en/about.md:3:1: palette: unknown field" in result.stderr
