"""Links between pages, checked without building (`vitrine check`): pages, files, anchors, and the
link that works when editors write a published address or a record's file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

from bs4 import BeautifulSoup
from tests.conftest import REPO, Project, mkdocs, tracked_copy

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


# What editors write between records, through the real command and build ----------------------

LILLE, DOCTOLIB, CHARTE = "quartiers/lille/fr.md", "champions/doctolib/fr.md", "content/fr/charte.md"
MEANT = [  # (where the link is written, the link as editors write it, the link that works, its page)
    (LILLE, "../lyon/index.md", "lyon.md", "fr/quartiers/lyon/"),
    (LILLE, "../lyon/", "lyon.md", "fr/quartiers/lyon/"),
    (LILLE, "../lyon", "lyon.md", "fr/quartiers/lyon/"),
    (LILLE, "lyon/", "lyon.md", "fr/quartiers/lyon/"),
    (LILLE, "/fr/quartiers/lyon/", "lyon.md", "fr/quartiers/lyon/"),
    (LILLE, "/quartiers/lyon/", "lyon.md", "fr/quartiers/lyon/"),
    (LILLE, "../../quartiers/lyon/quartier.yml", "lyon.md", "fr/quartiers/lyon/"),
    (LILLE, "../lyon/fr.md", "lyon.md", "fr/quartiers/lyon/"),
    (LILLE, "../../champions/doctolib/", "../champions/doctolib.md", "fr/champions/doctolib/"),
    (LILLE, "/fr/champions/doctolib/", "../champions/doctolib.md", "fr/champions/doctolib/"),
    (LILLE, "../../charte/#les-huit-criteres", "../charte.md#les-huit-criteres", "fr/charte/#les-huit-criteres"),
    (LILLE, "/fr/charte/", "../charte.md", "fr/charte/"),
    (LILLE, "../../quartiers/", "index.md", "fr/quartiers/"),
    (DOCTOLIB, "../../quartiers/paris/", "../quartiers/paris.md", "fr/quartiers/paris/"),
    (DOCTOLIB, "/fr/quartiers/paris/", "../quartiers/paris.md", "fr/quartiers/paris/"),
    (DOCTOLIB, "../../quartiers/paris/quartier.yml", "../quartiers/paris.md", "fr/quartiers/paris/"),
    (CHARTE, "quartiers/lyon/", "quartiers/lyon.md", "fr/quartiers/lyon/"),
    (CHARTE, "../../quartiers/lyon/quartier.yml", "quartiers/lyon.md", "fr/quartiers/lyon/"),
]
CLIMBING = {(CHARTE, "../../quartiers/lyon/quartier.yml")}
"""Links leaving the content folder, refused with the absolute ones before anything is rendered."""
REFUSED = [case for case in MEANT if case[1].startswith("/") or case[:2] in CLIMBING]
UNRESOLVED = [case for case in MEANT if case not in REFUSED]


def _write_links(root: Path, cases: list[tuple[str, str, str, str]], column: int) -> dict[tuple[str, str], int]:
    """Append one link per paragraph (column 1: as written, 2: as hinted); the line of each."""
    lines: dict[tuple[str, str], int] = {}
    for number, case in enumerate(cases):
        path = root / case[0]
        text = path.read_text(encoding="utf-8").rstrip("\n") + f"\n\nVoir [lien {number}]({case[column]}).\n"
        path.write_text(text, encoding="utf-8")
        lines[case[0], case[1]] = text.count("\n")
    Project(root).review_translations()  # the French texts changed; their translations stay current
    return lines


def _check(root: Path) -> list[str]:
    """The error lines of `vitrine check`, in English, outside CI."""
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "VITRINE_LANG")}
    command = [sys.executable, "-m", "vitrine.cli", "--lang", "en", "check"]
    result = subprocess.run(
        command, cwd=root, env=env | {"NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 1, result.stdout + result.stderr
    return [line.strip() for line in (result.stdout + result.stderr).splitlines()]


def _hinted(reported: list[str], cases: list[tuple[str, str, str, str]], lines: dict[tuple[str, str], int]) -> None:
    """Each case is reported once, on its line, naming the link that works."""
    for rel, written, hint, _page in cases:
        found = [line for line in reported if line.startswith(f"{rel}:{lines[rel, written]}:")]
        assert len(found) == 1 and f'"{written}"' in found[0], (written, found)
        assert found[0].endswith(f'(write "{hint}")'), found[0]


def test_links_to_published_addresses_and_record_files_get_the_link_that_works(tmp_path: Path) -> None:
    root = tracked_copy(tmp_path / "vitrine")
    lines = _write_links(root, UNRESOLVED, 1)
    _hinted(_check(root), UNRESOLVED, lines)


def test_absolute_and_climbing_links_get_the_link_that_works_from_check_and_build(tmp_path: Path) -> None:
    root = tracked_copy(tmp_path / "vitrine")
    lines = _write_links(root, REFUSED, 1)
    _hinted(_check(root), REFUSED, lines)
    refused = mkdocs("build", "--strict", cwd=root)  # stops before rendering, with the same lines
    assert refused.returncode != 0 and not (root / "site").exists()
    _hinted([line.strip() for line in refused.stderr.splitlines()], REFUSED, lines)


def _guide_example() -> str:
    """The example of the guide's "Liens entre fiches", written in quartiers/lille/fr.md."""
    section = (REPO / "docs/guide/fr.md").read_text(encoding="utf-8").split("### Liens entre fiches", 1)[1]
    return section.split("```markdown\n", 1)[1].split("```", 1)[0]


def test_the_hinted_links_lead_to_the_pages_meant_and_the_guides_example_builds(
    tmp_path: Path, sample_cache: Path
) -> None:
    root = tracked_copy(tmp_path / "vitrine", cache=sample_cache)
    with (root / LILLE).open("a", encoding="utf-8") as narrative:
        narrative.write(f"\n{_guide_example()}")
    _write_links(root, MEANT, 2)
    result = mkdocs("build", "--strict", cwd=root)
    assert result.returncode == 0, result.stderr
    for number, (rel, _written, _hint, page) in enumerate(MEANT):
        source = {LILLE: "fr/quartiers/lille/", DOCTOLIB: "fr/champions/doctolib/", CHARTE: "fr/charte/"}[rel]
        html = BeautifulSoup((root / "site" / source / "index.html").read_text(encoding="utf-8"), "html.parser")
        (link,) = html.find_all("a", string=f"lien {number}")
        assert urljoin(f"https://site.test/{source}", str(link["href"])) == f"https://site.test/{page}"
        assert (root / "site" / page.partition("#")[0] / "index.html").is_file()
