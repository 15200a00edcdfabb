"""Self-test of the gates on the real sample site: a planted mistake fails the strict build.

Each test plants one mistake into a copy of the repository (its own mkdocs.yml,
content and records) and checks that `mkdocs build --strict` refuses it and
leaves the copy's previous site as it was.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.conftest import REPO, mkdocs, tracked_copy
from tests.test_publish import snapshot


@pytest.fixture(scope="module")
def sample_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = tracked_copy(tmp_path_factory.mktemp("gates") / "vitrine")
    if (REPO / ".cache").is_dir():  # warm cards: these builds test the gates, not the drawing
        shutil.copytree(REPO / ".cache", copy / ".cache")
    result = mkdocs("build", "--strict", cwd=copy)
    assert result.returncode == 0, result.stderr
    return copy


@pytest.mark.parametrize(
    ("planted", "message"),
    [
        ("\n\nVoir [le calendrier](calendrier-introuvable.md).\n", "contains a link 'calendrier-introuvable.md'"),
        ("\n\n<script>alert('planted')</script>\n", "<script>"),
    ],
    ids=["broken-link", "script"],
)
def test_planted_mistake_fails_the_strict_build(sample_copy: Path, planted: str, message: str) -> None:
    before = snapshot(sample_copy / "site")
    rel = "content/fr/charte.md"
    path = sample_copy / rel
    original = path.read_text(encoding="utf-8")
    path.write_text(original + planted, encoding="utf-8")
    try:
        result = mkdocs("build", "--strict", cwd=sample_copy)
    finally:
        path.write_text(original, encoding="utf-8")
    assert result.returncode == 1
    assert message in result.stderr
    assert "in strict mode, the site is not published" in result.stderr
    assert snapshot(sample_copy / "site") == before
