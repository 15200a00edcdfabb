"""Translation status: missing / outdated / current, the command, the build and the glossary."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import SITE_LANGUAGES, Project

from vitrine.model.translations import collect, digest, localized_fields


def status_of(project: Project, source: str, language: str, field: str = "") -> str:
    units = collect(project.root, "content", SITE_LANGUAGES)
    (unit,) = [u for u in units if u.source == source and u.language == language and u.field == field]
    return unit.status


def vitrine(project: Project, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "vitrine.cli", "--lang", "en", *args],
        cwd=project.root,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_digest_ignores_whitespace_only() -> None:
    assert digest("Huit  critères\n") == digest("Huit critères")
    assert digest("Huit critères") != digest("Neuf critères")


def test_localized_fields_are_found_with_their_path() -> None:
    data = {"name": "x", "tagline": {"fr": "a", "en": "b"}, "criteria": {"access": {"text": {"fr": "c"}}}}
    assert [(path, texts["fr"]) for path, texts in localized_fields(data)] == [
        (("tagline",), "a"),
        (("criteria", "access", "text"), "c"),
    ]


def test_statuses_follow_the_french_source(project: Project) -> None:
    assert status_of(project, "content/fr/index.md", "en") == "current"
    assert status_of(project, "content/fr/index.md", "de") == "missing"
    assert status_of(project, "quartiers/test/quartier.yml", "en", "tagline") == "current"
    assert status_of(project, "quartiers/test/quartier.yml", "de", "tagline") == "missing"
    page = project.root / "content/fr/index.md"
    page.write_text(page.read_text().replace("Bienvenue.", "Bienvenue sur la vitrine."))
    record = project.root / "quartiers/test/quartier.yml"
    record.write_text(record.read_text().replace("Un quartier d'essai.", "Un quartier pour essayer."))
    assert status_of(project, "content/fr/index.md", "en") == "outdated"
    assert status_of(project, "quartiers/test/quartier.yml", "en", "tagline") == "outdated"


def test_command_reports_and_mark_current_clears(project: Project) -> None:
    page = project.root / "content/fr/index.md"
    page.write_text(page.read_text().replace("Bienvenue.", "Bienvenue à tous."))
    report = vitrine(project, "translations", "en")
    assert report.returncode == 0, report.stderr
    assert "en outdated content/fr/index.md -> content/en/index.md" in " ".join(report.stdout.split())
    as_json = json.loads(vitrine(project, "translations", "en", "--format", "json").stdout)
    assert {
        "language": "en",
        "status": "outdated",
        "source": "content/fr/index.md",
        "field": None,
        "target": "content/en/index.md",
        "reviewed_in": None,  # not a git repository: what changed cannot be shown
        "changes": None,
    } in as_json
    marked = vitrine(project, "translations", "en", "--mark-current")
    assert "1 translation marked as reviewed" in marked.stdout
    assert status_of(project, "content/fr/index.md", "en") == "current"
    assert "translation_of: " + digest("\nBienvenue à tous.\n") in (project.root / "content/en/index.md").read_text()


def test_required_language_outdated_fails_the_strict_build(project: Project) -> None:
    project.write("quartiers/test/en.md", "An English narrative.\n")
    project.review_translations()
    project.require("en")
    assert project.build().returncode == 0
    record = project.root / "quartiers/test/quartier.yml"
    record.write_text(record.read_text().replace("Un quartier d'essai.", "Un quartier pour essayer."))
    result = project.build()
    assert result.returncode == 1
    assert (
        "quartiers/test/quartier.translations.yml: en translation of quartiers/test/quartier.yml tagline is outdated"
        in result.stderr
    )


def test_outdated_translation_shows_a_notice(project: Project) -> None:
    project.write("content/fr/charte.md", "---\ntitle: Charte\nnav_order: 20\n---\n\nHuit critères.\n")
    project.write("content/en/charte.md", "---\ntitle: Charter\nnav_order: 20\n---\n\nEight criteria.\n")
    project.review_translations()
    page = project.root / "content/fr/charte.md"
    page.write_text(page.read_text().replace("Huit critères.", "Les huit critères du label."))
    result = project.build()
    assert result.returncode == 0, result.stderr
    notice = project.html("en/charte/index.html").select_one(".vt-outdated")
    assert notice is not None and "may be out of date" in notice.get_text()
    assert project.html("en/index.html").select_one(".vt-outdated") is None


def test_status_page_lists_pending_translations(project: Project) -> None:
    assert project.build().returncode == 0
    page = project.html("translations/index.html")
    rows = {
        row["data-language"]: [td.get_text(strip=True) for td in row.select("td")]
        for row in page.select("tr[data-language]")
    }
    assert set(rows) == set(SITE_LANGUAGES[1:])
    assert rows["en"][1:3] == ["0", "1"]  # English: nothing outdated, the test narrative missing
    assert int(rows["de"][2]) > 0
    pending = page.select('ul[data-language="de"] li[data-status="missing"]')
    assert any("content/de/index.md" in li.get_text() for li in pending)


def test_glossary_term_missing_from_a_translation(project: Project) -> None:
    project.write("content/fr/charte.md", "---\ntitle: Charte\nnav_order: 20\n---\n\nLe label French Tech.\n")
    project.write("content/en/charte.md", "---\ntitle: Charter\nnav_order: 20\n---\n\nThe French technology label.\n")
    project.review_translations()
    result = project.build()
    assert result.returncode == 1
    assert "content/en/charte.md: protected term 'French Tech' is missing from the en translation" in result.stderr
    project.write("content/en/charte.md", "---\ntitle: Charter\nnav_order: 20\n---\n\nThe French-Tech label.\n")
    project.review_translations()
    assert project.build().returncode == 0


def test_sample_site_has_current_and_pending_translations() -> None:
    from tests.conftest import REPO

    units = collect(REPO, "content", SITE_LANGUAGES)
    statuses = {u.status for u in units if u.language != "en"}
    assert statuses == {"current", "outdated", "missing"}
    assert all(u.status == "current" for u in units if u.language == "en")
