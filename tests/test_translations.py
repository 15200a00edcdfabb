"""Translation status: missing / outdated / current, the command, the build and the glossary."""

from __future__ import annotations

import io
import json
import subprocess

from tests.conftest import SITE_LANGUAGES, Project, vitrine_here
from tests.helpers import vitrine as vitrine_in_french

from vitrine.cli.project import load_project
from vitrine.cli.status import Marking, Selection, run
from vitrine.cli.words import Words
from vitrine.model.translations import collect, digest, localized_fields


def status_of(project: Project, source: str, language: str, field: str = "") -> str:
    units = collect(project.root, "content", SITE_LANGUAGES).units
    (unit,) = [u for u in units if u.source == source and u.language == language and u.field == field]
    return unit.status


def vitrine(project: Project, *args: str) -> subprocess.CompletedProcess[str]:
    return vitrine_here(project.root, "--lang", "en", *args)


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
    marked = vitrine(project, "translations", "en", "--mark-current", "--all")
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
    line = record.read_text(encoding="utf-8").split("\n").index("  en: A test quarter.") + 1
    assert (
        f"quartiers/test/quartier.yml:{line}:3: tagline.en: the en translation is outdated:"
        " the French text changed since it was reviewed" in result.stderr
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

    units = collect(REPO, "content", SITE_LANGUAGES).units
    statuses = {u.status for u in units if u.language != "en"}
    assert statuses == {"current", "outdated", "missing"}
    assert all(u.status == "current" for u in units if u.language == "en")


# Sidecars are content: read strictly, never taken as "nothing reviewed". -------------------------

SIDECAR = "quartiers/test/quartier.translations.yml"


def test_a_broken_sidecar_is_named_by_check_build_and_translations(project: Project) -> None:
    project.review_translations()
    reviewed = (project.root / SIDECAR).read_text(encoding="utf-8")
    project.write(SIDECAR, reviewed + "zz: 1\nen: 3\n")
    check = vitrine(project, "check")
    assert check.returncode == 1 and "Traceback" not in check.stdout + check.stderr
    assert (
        f"{SIDECAR}:{reviewed.count(chr(10)) + 1}:1: zz: 'zz' is not a translated language of the site" in check.stdout
    )
    assert "duplicate key 'en'" in check.stdout, check.stdout
    assert "never marked as reviewed" not in check.stdout  # the sidecar is blamed, not each field
    listing = vitrine(project, "translations", "en")
    assert listing.returncode == 1 and f"{SIDECAR}:" in listing.stderr and "Traceback" not in listing.stderr
    built = project.build()
    assert built.returncode != 0 and "Traceback" not in built.stderr
    assert f"{SIDECAR}:" in built.stderr and "is not a translated language" in built.stderr


def test_mark_current_never_rewrites_a_sidecar_it_cannot_read(project: Project) -> None:
    record = project.root / "quartiers/test/quartier.yml"
    record.write_text(record.read_text().replace("Un quartier d'essai.", "Un quartier pour essayer."), encoding="utf-8")
    broken = "en:\n  tagline: [not a digest\n"
    project.write(SIDECAR, broken)
    result = vitrine(project, "translations", "en", "--mark-current", "--file", "quartiers/test")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{SIDECAR}:" in result.stderr and "Nothing was marked" in result.stderr
    assert (project.root / SIDECAR).read_text(encoding="utf-8") == broken


def test_mark_current_without_file_lists_then_asks_or_needs_all(project: Project) -> None:
    page = project.root / "content/fr/index.md"
    page.write_text(page.read_text().replace("Bienvenue.", "Bienvenue à tous."), encoding="utf-8")
    refused = vitrine(project, "translations", "en", "--mark-current")  # no terminal: nobody to ask
    assert refused.returncode == 1
    assert "en  content/fr/index.md -> content/en/index.md" in refused.stdout
    assert "add --all to mark them all" in refused.stderr
    assert status_of(project, "content/fr/index.md", "en") == "outdated"

    questions: list[str] = []

    def decline(question: str) -> str:
        questions.append(question)
        return "n"

    project_ = load_project(str(project.root / "mkdocs.yml"))
    out = io.StringIO()
    assert run(project_, Words("en"), out, Selection("en", None), Marking(True, False, decline), "text") == 1
    assert questions and "Mark these" in questions[0] and "Nothing was marked." in out.getvalue()
    assert status_of(project, "content/fr/index.md", "en") == "outdated"
    assert run(project_, Words("fr"), out, Selection("en", None), Marking(True, False, lambda _q: "oui"), "text") == 0
    assert status_of(project, "content/fr/index.md", "en") == "current"


def test_mark_current_takes_a_folder(project: Project) -> None:
    record = project.root / "quartiers/test/quartier.yml"
    record.write_text(record.read_text().replace("Un quartier d'essai.", "Un quartier pour essayer."), encoding="utf-8")
    page = project.root / "content/fr/index.md"
    page.write_text(page.read_text().replace("Bienvenue.", "Bienvenue à tous."), encoding="utf-8")
    marked = vitrine(project, "translations", "en", "--mark-current", "--file", "quartiers/test/")
    assert marked.returncode == 0, marked.stderr
    assert status_of(project, "quartiers/test/quartier.yml", "en", "tagline") == "current"
    assert status_of(project, "content/fr/index.md", "en") == "outdated"  # outside the folder: untouched


def test_a_yaml_file_no_record_owns_is_an_error_never_ignored(project: Project) -> None:
    """A misnamed sidecar or record would be silently unread: its reviews lost, its fields unpublished."""
    project.write("quartiers/test/quartiers.translations.yml", "en:\n  tagline: 0123456789ab\n")
    project.write("quartiers/test/notes.yml", "name: x\n")
    result = vitrine(project, "check")
    assert result.returncode == 1
    assert (
        "quartiers/test/quartiers.translations.yml: file is not read by the site"
        " (did you mean quartier.translations.yml?)" in result.stdout
    )
    assert (
        "quartiers/test/notes.yml: file is not read by the site"
        " (a record folder holds quartier.yml and quartier.translations.yml)" in result.stdout
    )
    built = project.build()
    assert built.returncode != 0 and "quartiers/test/notes.yml: file is not read by the site" in built.stderr


def test_the_editors_reviewed_block_is_checked_like_the_record(project: Project) -> None:
    """The record's `reviewed:` block (written by the web editor): every wrong language and digest
    is named with its line, in French, and the build refuses the record."""
    record = project.root / "quartiers" / "test" / "quartier.yml"
    lines = record.read_text(encoding="utf-8") + "reviewed:\n  en: {tagline: NOTADIGEST}\n  de: [oops]\n"
    record.write_text(lines, encoding="utf-8")
    said = vitrine_in_french(project.root, "check").stdout
    assert 'reviewed.en.tagline: "NOTADIGEST" n\'a pas la forme attendue' in said, said
    assert "reviewed.de: des champs sont attendus" in said, said
    record.write_text(lines.split("reviewed:")[0] + "reviewed:\n  fr: {tagline: 0123456789ab}\n  xx: {}\n", "utf-8")
    said = vitrine_in_french(project.root, "check").stdout
    assert "reviewed: langues non traduites sur le site : 'fr', 'xx' ; attendu : en, " in said, said
    built = project.build("-q")
    assert built.returncode == 1 and "Traceback" not in built.stderr
    assert not project.site.exists()
