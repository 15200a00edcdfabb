"""A build whose inputs are those of the last strict build that published the site writes
nothing (vitrine/publish, skip_unchanged): no file of the site is rewritten, and it says so.
Any edit (a template, a definition, a translation, a record, a setting given on the command
line, the site changed by hand) builds again, and what it publishes is byte for byte what a
full build publishes."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import Project, mkdocs
from tests.helpers import leftovers, snapshot, vitrine

from vitrine.publish.unchanged import forget, inputs_fingerprints, is_up_to_date, record_name, remember

UP_TO_DATE = "site up to date: every input is as the last strict build read it"


def stamps(site: Path) -> dict[str, int]:
    """Every file of the site and when it was written."""
    return {path.relative_to(site).as_posix(): path.stat().st_mtime_ns for path in site.rglob("*") if path.is_file()}


def built(project: Project, *extra: str) -> str:
    result = project.build(*extra)
    assert result.returncode == 0, result.stderr
    return result.stdout + result.stderr


def edit(project: Project, rel: str, old: str, new: str) -> None:
    path = project.root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{rel} changed: {old!r} is not in it"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_nothing_changed_nothing_written(project: Project) -> None:
    assert UP_TO_DATE not in built(project)
    before, written = snapshot(project.site), stamps(project.site)
    output = built(project)
    assert UP_TO_DATE in output
    assert stamps(project.site) == written, "no file rewritten"
    assert snapshot(project.site) == before
    assert leftovers(project) == [], "the staging folder is gone"
    quiet = project.build("-q")
    assert quiet.returncode == 0 and quiet.stdout + quiet.stderr == "", "-q: nothing to say"
    assert stamps(project.site) == written


def test_every_kind_of_edit_builds_again_what_a_full_build_builds(project: Project) -> None:
    built(project)
    edits = [
        ("a template", "overrides/partials/copyright.html", '{{ _("Legal notice") }}', "Legal notice (edited)"),
        ("a definition", "champions/sectors.yml", "en: Robotics", "en: Robots and automation"),
        ("a translation", "content/en/index.md", "Welcome.", "Welcome, investors."),
        ("one record", "quartiers/test/quartier.yml", "en: A test quarter.", "en: A quarter under test."),
    ]
    shown = {
        "a template": ("en/index.html", "Legal notice (edited)"),
        "a definition": ("en/champions/champion-test/index.html", "Robots and automation"),
        "a translation": ("en/index.html", "Welcome, investors."),
        "one record": ("en/quartiers/test/index.html", "A quarter under test."),
    }
    for kind, rel, old, new in edits:
        edit(project, rel, old, new)
        assert UP_TO_DATE not in built(project), f"after {kind}, the site was taken as up to date"
        page, text = shown[kind]
        assert text in (project.site / page).read_text(encoding="utf-8"), f"{kind}: not in {page}"
        assert UP_TO_DATE in built(project), f"after {kind} was built, nothing more changed"
    incremental = snapshot(project.site)
    config = project.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - vitrine/publish " in text
    config.write_text(text.replace("  - vitrine/publish ", "  - vitrine/publish:\n      skip_unchanged: false\n "))
    full = built(project)
    assert "site replaced" in full and UP_TO_DATE not in full
    assert snapshot(project.site) == incremental, "the same bytes as a full build"
    assert UP_TO_DATE not in built(project), "skip_unchanged: false renders every page every time"


def test_a_site_changed_by_hand_is_built_again(project: Project) -> None:
    built(project)
    before = snapshot(project.site)
    page = project.site / "en/index.html"
    page.write_text("tampered", encoding="utf-8")
    assert UP_TO_DATE not in built(project)
    assert snapshot(project.site) == before
    (project.site / "stray.txt").write_text("left by hand", encoding="utf-8")
    assert UP_TO_DATE not in built(project)
    assert snapshot(project.site) == before, "the stray file is gone, as after any full build"


def test_command_line_settings_and_the_environment_count(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    built(project)
    assert UP_TO_DATE not in built(project, "--no-directory-urls")
    assert (project.site / "en/quartiers/test.html").is_file()
    assert UP_TO_DATE in built(project, "--no-directory-urls")
    assert UP_TO_DATE not in built(project)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert UP_TO_DATE not in built(project)
    assert UP_TO_DATE in built(project)


def test_only_a_strict_build_without_warnings_is_taken_as_the_reference(project: Project) -> None:
    """A build that published with warnings, or a --dirty one, is never taken as up to date."""
    built(project)
    project.write("content/en/about.md", "---\ntitle: About\nnav_order: 5\n---\n\n[Agenda](agenda.md)\n")
    loose = mkdocs("build", "--no-strict", cwd=project.root)
    assert loose.returncode == 0 and "agenda.md" in loose.stderr
    again = mkdocs("build", "--no-strict", cwd=project.root)
    assert UP_TO_DATE not in again.stdout + again.stderr and "agenda.md" in again.stderr, "its warning again"
    (project.root / "content/en/about.md").unlink()
    built(project)
    dirty = mkdocs("build", "--dirty", "--no-strict", cwd=project.root)
    assert dirty.returncode == 0 and UP_TO_DATE not in dirty.stdout + dirty.stderr
    assert UP_TO_DATE not in built(project), "a dirty build changed the site in place"
    assert UP_TO_DATE in built(project)


def test_vitrine_build_says_the_site_is_up_to_date_in_french(project: Project) -> None:
    first = vitrine(project.root, "build")
    assert first.returncode == 0, first.stderr
    second = vitrine(project.root, "build")
    assert second.returncode == 0, second.stderr
    assert "Le site dans site/ est à jour : aucun fichier n'a changé depuis la dernière construction" in second.stdout
    assert "0 avertissement" in second.stdout


def test_a_broken_or_unwritable_record_means_a_full_build_never_an_error(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("page", encoding="utf-8")
    record = tmp_path / "cache" / "publish" / record_name(site)
    assert remember(record, "inputs", site) is None
    assert is_up_to_date(record, "inputs", site) and not is_up_to_date(record, "other inputs", site)
    for broken in ("", "{", '{"version": 1, "inputs": 5', '{"version": 1, "inputs": "inputs", "files": "many"}', "[]"):
        record.write_text(broken, encoding="utf-8")
        assert not is_up_to_date(record, "inputs", site), broken
    forget(record)
    forget(record)  # already gone: nothing to say
    assert not is_up_to_date(record, "inputs", site)
    blocked = tmp_path / "file" / "publish" / record_name(site)
    blocked.parent.parent.write_text("a file where the cache folder should be", encoding="utf-8")
    problem = remember(blocked, "inputs", site)
    assert problem is not None and str(blocked) in problem
    assert not is_up_to_date(blocked, "inputs", site)


def test_installed_npm_trees_count_by_their_lock_and_outputs_not_at_all(tmp_path: Path) -> None:
    """Inputs are read as bytes; a `node_modules` anywhere (editor/ has 27,000 files) stands by its
    `.package-lock.json`; the site and the cache are outputs."""
    root = tmp_path / "project"
    for rel, text in {
        "mkdocs.yml": "site_name: x\n",
        "content/index.md": "Text.\n",
        "editor/node_modules/.package-lock.json": '{"lockfileVersion": 3}\n',
        "editor/node_modules/decap-cms/dist/bundle.js": "bundle",
        "site/index.html": "out",
        ".cache/yaml/parses": "cache",
    }.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")

    def fingerprint() -> str:
        settings, environ = {"site_url": "x"}, {"HOME": "/h"}
        return inputs_fingerprints(root, [], [root / "site", root / ".cache"], settings, environ, lambda path: False)[0]

    first = fingerprint()
    assert fingerprint() == first
    for rel in ("editor/node_modules/decap-cms/dist/bundle.js", "site/index.html", ".cache/yaml/parses"):
        (root / rel).write_text("changed", encoding="utf-8")
        assert fingerprint() == first, f"{rel} is not an input"
    for rel in ("editor/node_modules/.package-lock.json", "content/index.md"):
        (root / rel).write_text("changed", encoding="utf-8")
        assert fingerprint() != first, f"{rel} is an input"
        first = fingerprint()
    (root / "content/new.md").write_text("", encoding="utf-8")
    assert fingerprint() != first, "a new empty file is an input"
    other = inputs_fingerprints(root, [], [root / "site", root / ".cache"], {"site_url": "y"}, {}, lambda path: False)
    assert other[0] != fingerprint()
