"""Content folders: no symbolic links, no stray files, no names that collide once folded."""

from __future__ import annotations

import hashlib

import pytest
from tests.conftest import Project


def site_hash(project: Project) -> str:
    digest = hashlib.sha256()
    for path in sorted(project.site.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(project.site).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


@pytest.fixture
def built(project: Project) -> Project:
    assert project.build().returncode == 0
    return project


def test_symlink_out_of_the_tree_is_refused(built: Project, tmp_path_factory: pytest.TempPathFactory) -> None:
    secret = tmp_path_factory.mktemp("outside") / "secret.md"
    secret.write_text("# Secret\n", encoding="utf-8")
    before = site_hash(built)
    (built.root / "content/en/secret.md").symlink_to(secret)
    result = built.build()
    assert result.returncode == 1
    assert "content/en/secret.md: symbolic links are not allowed (they are never followed)" in result.stderr
    assert site_hash(built) == before


def test_symlinked_record_folder_is_refused(built: Project) -> None:
    (built.root / "quartiers/copy").symlink_to(built.root / "quartiers/test")
    result = built.build()
    assert result.returncode == 1
    assert "quartiers/copy: symbolic links are not allowed" in result.stderr


@pytest.mark.parametrize(
    "name",
    ["content/en/.env", "content/en/budget.xlsx", "quartiers/test/run.exe", "champions/champion-test/notes.docx"],
)
def test_files_never_published_are_refused(built: Project, name: str) -> None:
    built.write(name, b"SECRET=1\n")
    before = site_hash(built)
    result = built.build()
    assert result.returncode == 1
    assert f"{name}: this kind of file is never published" in result.stderr
    assert site_hash(built) == before


def test_names_colliding_after_folding_are_refused(built: Project) -> None:
    built.write("content/en/About.md", "---\ntitle: About\n---\n\nA.\n")
    built.write("content/en/about.md", "---\ntitle: About\n---\n\nB.\n")
    built.write("content/en/cafe\u0301.md", "---\ntitle: Café\n---\n\nC.\n")
    built.write("content/en/caf\u00e9.md", "---\ntitle: Café\n---\n\nD.\n")
    result = built.build()
    assert result.returncode == 1
    assert "content/en/about.md: same name as content/en/About.md once case and accents are folded" in result.stderr
    assert "same name as content/en/cafe\u0301.md once case and accents are folded" in result.stderr
