"""A failed build never replaces a good site: site/ stays byte for byte as it was."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import Project, mkdocs
from tests.helpers import beside, leftovers, snapshot

from vitrine.publish.gate import DEFAULT_BUDGET_MB, HOST_LIMIT, budget_reason, over_budget


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
    # A link to a missing page: a warning as the page is converted, refused by --strict at the end
    project.write("content/en/about.md", "---\ntitle: About\nnav_order: 5\n---\n\nSee [this](nowhere.md).\n")
    result = project.build()
    assert result.returncode == 1 and "in strict mode, the site is not published" in result.stderr
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
    assert beside(target) == []


def test_strict_warning_leaves_the_previous_site(project: Project) -> None:
    # MkDocs counts strict warnings after on_post_build: the swap must not happen first.
    assert project.build().returncode == 0
    before = snapshot(project.site)
    project.write("content/en/about.md", "---\ntitle: About\nnav_order: 5\n---\n\n[Agenda](agenda.md)\n")
    result = project.build()
    assert result.returncode == 1
    assert "1 warning in strict mode, the site is not published:" in result.stderr
    assert "'en/about.md' contains a link 'agenda.md'" in result.stderr
    assert snapshot(project.site) == before
    assert leftovers(project) == []


def test_warning_without_strict_publishes(project: Project) -> None:
    project.write("content/en/about.md", "---\ntitle: About\nnav_order: 5\n---\n\n[Agenda](agenda.md)\n")
    result = mkdocs("build", "--no-strict", cwd=project.root)
    assert result.returncode == 0, result.stderr
    assert (project.site / "en/about/index.html").is_file()


def test_site_over_its_budget_is_not_published(project: Project) -> None:
    assert project.build().returncode == 0
    before = snapshot(project.site)
    config = project.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("  - vitrine/publish ", "  - vitrine/publish:\n      site_budget_mb: 1\n "), encoding="utf-8"
    )
    result = project.build()
    assert result.returncode == 1
    assert re.search(
        r"the site is \d+\.\d MB, over its budget of 1 MB \(site_budget_mb of vitrine/publish\): "
        r"the budget set in mkdocs\.yml \(the default, 1000 MB, is there because GitHub Pages refuses a "
        r"published site over 1 GB \(https://docs\.github\.com/\S+github-pages-limits\)\)",
        result.stderr,
    )
    assert re.search(r"^  \.html: \d+\.\d MB in \d+ files$", result.stderr, re.MULTILINE), "sizes by kind"
    assert re.search(r"^  \S+: \d+\.\d MB$", result.stderr, re.MULTILINE), "the largest files are named"
    assert snapshot(project.site) == before
    assert leftovers(project) == []


def test_the_budget_message_sizes_each_kind_of_file_and_names_the_host_limit(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "en").mkdir(parents=True)
    (site / "en/index.html").write_bytes(b"x" * 1_500_000)
    (site / "card.png").write_bytes(b"x" * 600_000)
    assert over_budget(site, 3) is None
    message = over_budget(site, 2)
    assert message is not None
    lines = message.splitlines()
    assert lines[0].startswith("the site is 2.1 MB, over its budget of 2 MB (site_budget_mb of vitrine/publish): ")
    assert lines[1:3] == ["  .html: 1.5 MB in 1 files", "  .png: 0.6 MB in 1 files"]
    assert lines[-2:] == ["  en/index.html: 1.5 MB", "  card.png: 0.6 MB"]
    assert budget_reason(DEFAULT_BUDGET_MB) == f"the default budget, because {HOST_LIMIT}"
    assert budget_reason(2).startswith("the budget set in mkdocs.yml (the default, 1000 MB, is there because ")
    assert "GitHub Pages refuses a published site over 1 GB" in HOST_LIMIT and DEFAULT_BUDGET_MB == 1000


def test_dirty_build_updates_the_site_in_place(project: Project) -> None:
    assert project.build().returncode == 0
    kept = project.site / "kept.txt"
    kept.write_text("a dirty build keeps what it does not rewrite", encoding="utf-8")
    result = mkdocs("build", "--dirty", "--no-strict", cwd=project.root)
    assert result.returncode == 0, result.stderr
    assert kept.is_file()
    assert leftovers(project) == []


def test_the_old_site_is_deleted_by_a_detached_process(tmp_path: Path) -> None:
    old = tmp_path / ".site.previous-x"
    for number in range(50):
        (old / f"page-{number}").mkdir(parents=True)
        (old / f"page-{number}" / "index.html").write_text("old", encoding="utf-8")
    script = (
        "import os, sys, pathlib; from vitrine.publish.swap import remove_detached\n"
        "remove_detached(pathlib.Path(sys.argv[1]))\n"
        "try:\n    os.waitpid(-1, os.WNOHANG)\nexcept ChildProcessError:\n    print('no child to reap')\n"
    )
    result = subprocess.run([sys.executable, "-c", script, str(old)], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "no child to reap", result.stderr  # the remover is detached, not a child
    deadline = time.monotonic() + 30
    while old.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not old.exists()
