"""A failed build never replaces a good site: site/ stays byte for byte as it was."""

from __future__ import annotations

import hashlib
from pathlib import Path

from tests.conftest import Project


def snapshot(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def leftovers(project: Project) -> list[str]:
    return [p.name for p in project.root.iterdir() if p.name.startswith(".site.")]


def test_content_error_leaves_the_previous_site(project: Project) -> None:
    assert project.build().returncode == 0
    before = snapshot(project.site)
    assert "en/quartiers/test/index.html" in before
    record = project.root / "quartiers/test/quartier.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("date: 2014-11-12", "date: 2014-02-30"))
    result = project.build()
    assert result.returncode == 1
    assert "label.date" in result.stderr and "is left as it was" in result.stderr
    assert snapshot(project.site) == before
    assert leftovers(project) == []


def test_failure_late_in_the_build_leaves_the_previous_site(project: Project) -> None:
    assert project.build().returncode == 0
    before = snapshot(project.site)
    project.write("content/en/about.md", "---\ntitle: Hieroglyph 𓀀\nnav_order: 5\n---\n\nText.\n")
    result = project.build()
    assert result.returncode == 1 and "share cards cannot be drawn" in result.stderr
    assert snapshot(project.site) == before
    assert leftovers(project) == []


def test_successful_build_replaces_the_site_completely(project: Project) -> None:
    assert project.build().returncode == 0
    stale = project.site / "stale.html"
    stale.write_text("from an older build", encoding="utf-8")
    project.write("content/en/about.md", "---\ntitle: About\nnav_order: 5\n---\n\nText.\n")
    assert project.build().returncode == 0
    assert not stale.exists(), "the new site is built from scratch"
    assert (project.site / "en/about/index.html").is_file()
    assert leftovers(project) == []


def test_custom_site_dir(project: Project, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere" / "public"
    result = project.build("-d", str(target))
    assert result.returncode == 0, result.stderr
    assert (target / "en/index.html").is_file()
    assert not [p for p in target.parent.iterdir() if p.name.startswith(".public.")]
