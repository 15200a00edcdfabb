"""Markdown conversions kept from one build to the next (vitrine/render's conversions.py): a page
whose Markdown, place, settings and site files are unchanged is not converted again, the site is
byte for byte what a build converting every page writes, and what a conversion logs is logged at
every build."""

from __future__ import annotations

import os
import pickle
import re
import sqlite3
import subprocess
from pathlib import Path

from tests.conftest import Project, mkdocs
from tests.helpers import EDITS, build, edit, full_build, snapshot

from vitrine.render.conversions import VERSION, Conversions, Converted, file_name
from vitrine.render.followup import child_command
from vitrine.render.internals import Found

KEPT = re.compile(r"pages: (\d+) conversions of Markdown taken from the last build, (\d+) made")


def kept(output: str) -> tuple[int, int]:
    """How many conversions a build took from the last, and how many it made; (0, 0) when it took none."""
    found = KEPT.findall(output)
    assert len(found) <= 1, output
    return (int(found[0][0]), int(found[0][1])) if found else (0, 0)


def pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("index.html"))


def test_a_page_edited_is_converted_again_the_others_are_taken(project: Project) -> None:
    project.forking()
    build(project.root)
    project.edit_a_page()
    taken, made = kept(build(project.root))
    assert made == 1 and taken > 10, (taken, made)
    assert "One more sentence." in (project.site / "en/index.html").read_text(encoding="utf-8")
    assert snapshot(project.site) == full_build(project.root)


def test_a_markdown_setting_converts_every_page_a_template_none(project: Project) -> None:
    project.forking()
    build(project.root)
    edit(project.root, "mkdocs.yml", "  - tables\n", "  - tables\n  - def_list\n")
    assert kept(build(project.root)) == (0, 0)
    project.edit_a_page()
    assert kept(build(project.root))[0] > 10, "the next build takes them again"
    edit(project.root, *EDITS["template"])
    taken, made = kept(build(project.root))
    assert taken > 10 and made == 0, "a template is not read by a conversion"
    assert snapshot(project.site) == full_build(project.root)


def test_a_conversion_that_logs_is_made_at_every_build(project: Project) -> None:
    """A link to a page that does not exist: MkDocs' warning, at each build, from the page's own
    conversion; a link to a missing anchor of another page: checked at each build after the pages
    are converted, from what the conversion kept."""
    project.forking()
    project.write("content/en/about.md", "# About\n\nSee [home](index.md#no-such-part) and [nothing](nowhere.md).\n")
    for _ in range(2):
        project.edit_a_page()
        result = mkdocs("build", "--no-strict", cwd=project.root)
        output = result.stdout + result.stderr
        assert result.returncode == 0, output
        assert "contains a link 'nowhere.md', but the target 'en/nowhere.md' is not found" in output
        assert "contains a link 'index.md#no-such-part', but the doc 'en/index.md' does not contain" in output
    taken, made = kept(output)
    assert taken > 10 and made == 1, "the page edited is kept; the page that logged is converted, not kept"
    for rel in ("fr/index.html", "en/about/index.html"):
        assert (project.site / rel).is_file()


def test_a_damaged_or_foreign_file_converts_every_page(project: Project) -> None:
    project.forking()
    build(project.root)
    cache = project.shared_cache or project.root / ".cache"
    kept_file = cache / "render" / file_name(str((project.root / "mkdocs.yml").resolve()), str(project.site.resolve()))
    assert kept_file.is_file()
    kept_file.write_bytes(b"not a database")
    project.edit_a_page()
    assert kept(build(project.root)) == (0, 0)
    project.edit_a_page()
    assert kept(build(project.root))[0] > 10, "a good file again"
    assert not kept_file.with_name(kept_file.name + ".partial").exists()


def test_quiet_builds_keep_their_own_conversions(project: Project) -> None:
    """Under `-q` a conversion's messages are not even made: what it keeps is for quiet builds only."""
    project.forking()
    build(project.root, "-q")
    project.edit_a_page()
    assert kept(build(project.root)) == (0, 0)


def test_dirty_and_keep_conversions_false_convert_every_page(project: Project) -> None:
    build(project.root)
    project.edit_a_page()
    dirty = mkdocs("build", "--dirty", "--no-strict", cwd=project.root)
    assert dirty.returncode == 0 and kept(dirty.stdout + dirty.stderr) == (0, 0)
    project.render_option("keep_conversions: false")
    project.edit_a_page()
    assert kept(build(project.root)) == (0, 0)


def test_a_conversion_round_trips(tmp_path: Path) -> None:
    from mkdocs.structure.files import File, Files

    target = File("en/charte.md", "/docs", "/site", use_directory_urls=True)
    files = Files([target])
    found = Found("Title", {"a", "b"}, {target: {"part": "charte.md#part"}})
    tokens = [{"level": 2, "id": "a", "name": "A", "html": "A", "data-toc-label": "", "children": []}]
    again = Converted.loads(Converted("<p>x</p>", tokens, found).dumps(), files)
    assert again is not None
    assert (again.content, again.toc_tokens, again.found) == ("<p>x</p>", tokens, found)
    assert Converted.loads(Converted("<p>x</p>", tokens, found).dumps(), Files([])) is None, "a linked file gone"
    assert Converted.loads(b"garbage", files) is None
    conversions = Conversions(tmp_path / file_name("mkdocs.yml", "site"), "inputs")
    assert conversions.get(b"k" * 20, files) is None
    conversions.put(b"k" * 20, Converted("<p>x</p>", tokens, found))
    conversions.publish()
    again_read = Conversions(conversions.path, "inputs")
    assert again_read.get(b"k" * 20, files) is not None and VERSION >= 1
    assert Conversions(conversions.path, "other inputs").get(b"k" * 20, files) is None


def test_an_extension_that_reads_other_files_converts_every_page(project: Project) -> None:
    """pymdownx.snippets copies a file of the content into a page: the page's text does not change when
    that file does, so no conversion is kept (a kept one would show the file as it was)."""
    edit(project.root, "mkdocs.yml", "  - tables\n", "  - tables\n  - pymdownx.snippets:\n      base_path: [content]\n")
    project.write("content/en/part.md", "A part as it was.\n")
    page = project.root / "content/en/index.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n--8<-- "en/part.md"\n', encoding="utf-8")
    output = build(project.root)
    assert "every page's Markdown is converted (keep_conversions): pymdownx.snippets may read other files" in output
    project.write("content/en/part.md", "A part as it is now.\n")
    output = build(project.root)
    assert kept(output) == (0, 0)
    assert "A part as it is now." in (project.site / "en/index.html").read_text(encoding="utf-8")


def test_the_full_preview_build_keeps_its_own_conversions(project: Project, tmp_path: Path) -> None:
    """`mkdocs serve`'s full preview build (followup.py) takes back what the last one converted, from a
    file of its own: a mark put into every kept conversion shows in the next preview build's pages."""
    config = (project.root / "mkdocs.yml").resolve()
    command = child_command(config, "http://127.0.0.1:8000/", strict=True, directory_urls=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    first = subprocess.run(command(tmp_path / "first"), cwd=project.root, env=env, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    cache = project.shared_cache or project.root / ".cache"
    kept_file = cache / "render" / file_name(str(config), "serve")
    assert kept_file.is_file(), "the preview build's conversions are kept apart from a published site's"
    with sqlite3.connect(kept_file) as db:
        rows = db.execute("SELECT key, value FROM conversions").fetchall()
        assert len(rows) > 10
        for key, value in rows:
            content, *rest = pickle.loads(value)
            db.execute(
                "UPDATE conversions SET value = ? WHERE key = ?", (pickle.dumps(("<p>MARK</p>" + content, *rest)), key)
            )
    db.close()
    second = subprocess.run(command(tmp_path / "second"), cwd=project.root, env=env, capture_output=True, text=True)
    assert second.returncode == 0, second.stderr
    assert "<p>MARK</p>" in (tmp_path / "second/en/index.html").read_text(encoding="utf-8")
    assert "<p>MARK</p>" not in (tmp_path / "first/en/index.html").read_text(encoding="utf-8")
