"""Links between pages, checked without building (`vitrine check`): pages, files, anchors."""

from __future__ import annotations

from vitrine.model.links import Page, Site, anchors, check_links, links


def site(*pages: tuple[str, str], files: tuple[str, ...] = (), generated: tuple[str, ...] = ()) -> Site:
    found = Site(files=set(files), folder="content")
    for src_uri, body in pages:
        found.add(Page(src_uri, f"content/{src_uri}", body))
    for src_uri in generated:
        found.pages[src_uri] = None
    return found


def problems(body: str, known: Site, src_uri: str = "fr/index.md", offset: int = 0) -> list[str]:
    page = Page(src_uri, f"content/{src_uri}", body, offset)
    known.add(page)
    return [str(e) for e in check_links([page], known)]


def test_anchors_are_the_ids_python_markdown_gives_headings() -> None:
    text = (
        "# Les huit critères\n\n## Accès & *mobilité*\n\nIntro\n\n## Accès & mobilité\n\n"
        'Réseaux [très haut débit](x.md)\n-------------------\n\n### Titre {#mon-ancre}\n\n<div id="bloc"></div>\n'
    )
    assert anchors(text) == {
        "les-huit-criteres",
        "acces-mobilite",
        "acces-mobilite_1",
        "reseaux-tres-haut-debit",
        "mon-ancre",
        "bloc",
    }


def test_code_shows_links_and_headings_without_checking_them() -> None:
    text = "```\n# Not a heading\n[x](missing.md)\n```\n\n`[y](missing.md)`\n"
    assert anchors(text) == frozenset()
    assert list(links(text)) == []


def test_links_are_found_with_line_and_column() -> None:
    text = (
        'Voir [la charte](charte.md "Charte") et ![logo](logo.png).\n\n[ref]: <../en/index.md>\n<a href="paris.md#x">'
    )
    assert list(links(text)) == [
        (1, 18, "charte.md"),
        (1, 49, "logo.png"),
        (3, 8, "../en/index.md"),
        (4, 10, "paris.md#x"),
    ]


def test_a_link_to_a_missing_page_suggests_the_nearest() -> None:
    known = site(("fr/charte.md", "# Charte\n"))
    assert problems("Intro\n\n[la charte](chartes.md)\n", known, offset=3) == [
        'content/fr/index.md:6:13: link to "chartes.md": no such page (did you mean "charte.md"?)'
    ]


def test_pages_files_generated_pages_and_other_languages_resolve() -> None:
    known = site(
        ("fr/charte.md", "# Charte\n"),
        ("en/index.md", "# Home\n"),
        files=("fr/images/plan.png",),
        generated=("fr/quartiers/index.md", "fr/quartiers/lille.md"),
    )
    body = (
        "[c](charte.md) [e](../en/index.md#home) ![p](images/plan.png) [q](quartiers/index.md) "
        "[l](quartiers/lille.md#anything) [w](https://example.org/x.md) [m](mailto:a@b.fr) [s](#top)\n\n# Top\n"
    )
    assert problems(body, known) == []


def test_missing_files_folders_and_anchors_are_reported() -> None:
    known = site(("fr/charte.md", "# La charte\n\n## Critère 1\n"), generated=("fr/quartiers/index.md",))
    body = "[a](charte.md#critere-9) [b](quartiers/) [c](plan.png) [d](#nulle-part)\n"
    assert problems(body, known) == [
        'content/fr/index.md:1:5: link to "charte.md#critere-9": content/fr/charte.md has no heading with the '
        "anchor #critere-9 (did you mean #critere-1?)",
        'content/fr/index.md:1:30: link to "quartiers/" points at a folder, not a page (write "quartiers/index.md")',
        'content/fr/index.md:1:46: link to "plan.png": no such file',
        'content/fr/index.md:1:60: link to "#nulle-part": this page has no heading with the anchor #nulle-part '
        "(the page has no headings)",
    ]


def test_addresses_outside_the_site_are_left_to_the_markup_rules() -> None:
    assert problems("[a](/etc/passwd) [b](../../secret.md) [c](C:/x.md)", site()) == []
