"""One Markdown parser for the whole build (vitrine/render `shared_parser`): the same site as a
parser per page, and nothing of one page leaks into the next."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import EDITORIAL, Project
from tests.helpers import snapshot

from vitrine.render.plugin import RenderPlugin

FIRST = """## Première section

Un renvoi défini ici seulement : [la source][ref].

[ref]: https://example.org/premiere

| Critère | État |
| --- | --- |
| Réseau | déclaré |
"""

SECOND = """## Seconde section {#seconde}

Le même renvoi, non défini sur cette page : [la source][ref].

Un lien vers [la première section](premiere.md#premiere-section) et une ancre
écrite en HTML : <span id="brut"></span>

!!! note "À retenir"
    Une remarque.
"""


def shared_parser(project: Project, on: bool) -> None:
    project.render_option(f"shared_parser: {'true' if on else 'false'}")


def test_one_parser_builds_what_a_parser_per_page_builds(project: Project, tmp_path: Path) -> None:
    project.write("content/fr/premiere.md", EDITORIAL.format(title="Première", order=5, body=FIRST))
    project.write("content/fr/seconde.md", EDITORIAL.format(title="Seconde", order=6, body=SECOND))
    project.write("quartiers/test/fr.md", "## Un récit\n\nAvec [un renvoi][ref] non défini.\n")
    project.review_translations()
    original = (project.root / "mkdocs.yml").read_text(encoding="utf-8")

    shared_parser(project, on=False)
    per_page = project.build("-d", str(tmp_path / "per-page"))
    assert per_page.returncode == 0, per_page.stderr
    (project.root / "mkdocs.yml").write_text(original, encoding="utf-8")
    shared = project.build("-d", str(tmp_path / "shared"))
    assert shared.returncode == 0, shared.stderr

    pages = snapshot(tmp_path / "per-page")
    assert sum(rel.endswith(".html") for rel in pages) > 10
    assert snapshot(tmp_path / "shared") == pages

    # What MkDocs' conversion gives, kept by the shared parser: a reference defined on one page
    # only resolves there, and each page's table of contents and anchors are its own.
    first = (tmp_path / "shared" / "fr" / "premiere" / "index.html").read_text(encoding="utf-8")
    second = (tmp_path / "shared" / "fr" / "seconde" / "index.html").read_text(encoding="utf-8")
    record = (tmp_path / "shared" / "fr" / "quartiers" / "test" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://example.org/premiere"' in first
    assert "https://example.org/premiere" not in second and "https://example.org/premiere" not in record
    assert "[la source][ref]" in second
    assert 'id="seconde"' in second and 'href="../premiere/#premiere-section"' in second
    assert "Première section" not in second
    assert 'class="admonition note"' in second and "<table>" in first


@pytest.mark.parametrize("on", [True, False])
def test_the_setting_chooses_the_parser(project: Project, monkeypatch: pytest.MonkeyPatch, on: bool) -> None:
    """`shared_parser: false` leaves MkDocs' own `Page.render` (a parser per page) to every page."""
    shared_parser(project, on=on)
    config = project.build_in_process(monkeypatch)
    render = config.plugins["vitrine/render"]
    assert isinstance(render, RenderPlugin) and render.built is not None
    pages = [file.page for file in render.built.files.documentation_pages() if file.page is not None]
    assert len(pages) > 10
    assert render.converter.converted == (len(pages) if on else 0)
    # The choice is not kept on the page: a page's own attribute costs it a dictionary of its own.
    assert not any("render" in vars(page) for page in pages)


@pytest.mark.parametrize("on", [True, False])
def test_links_to_anchors_are_still_checked(project: Project, on: bool) -> None:
    """A link to a missing anchor fails the strict build, with the shared parser as with MkDocs' own."""
    shared_parser(project, on=on)
    project.write("content/fr/premiere.md", EDITORIAL.format(title="Première", order=5, body=FIRST))
    broken = SECOND.replace("premiere.md#premiere-section", "premiere.md#nulle-part")
    project.write("content/fr/seconde.md", EDITORIAL.format(title="Seconde", order=6, body=broken))
    project.review_translations()
    result = project.build()
    assert result.returncode != 0
    said = "Doc file 'fr/seconde.md' contains a link 'premiere.md#nulle-part', but the doc 'fr/premiere.md'"
    assert f"{said} does not contain an anchor '#nulle-part'." in result.stderr, result.stderr


def test_only_pages_with_links_to_anchors_keep_them(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page with no link to an anchor keeps none of its own (MkDocs reads the class's None as
    nothing to check): a third attribute of its own would give the page a dictionary of its own,
    830 bytes a page instead of keys shared with every other page."""
    project.write("content/fr/premiere.md", EDITORIAL.format(title="Première", order=5, body=FIRST))
    project.write("content/fr/seconde.md", EDITORIAL.format(title="Seconde", order=6, body=SECOND))
    project.review_translations()
    config = project.build_in_process(monkeypatch)
    render = config.plugins["vitrine/render"]
    assert isinstance(render, RenderPlugin) and render.built is not None
    owned = {
        file.src_uri: "links_to_anchors" in vars(file.page)
        for file in render.built.files.documentation_pages()
        if file.page is not None
    }
    # The French page and its fallbacks in the other languages link to an anchor; nothing else does.
    assert sorted(uri for uri, own in owned.items() if own) == sorted(
        uri for uri in owned if uri.endswith("/seconde.md")
    )
    assert len(owned) > 10 and owned["fr/premiere.md"] is False
