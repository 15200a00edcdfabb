"""The editors' command line, run as editors and CI run it, on copies of the sample site and small projects.

`vitrine new` scaffolds records that build once filled; `vitrine check` finds
planted mistakes, all at once, on the right lines, in French or English and as
GitHub annotations; `vitrine translations` follows the French source and shows
what changed; `vitrine build` and `vitrine serve` are MkDocs' commands with the
project's defaults and a summary.
"""

from __future__ import annotations

import ast
import io
import json
import logging
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from PIL import Image
from tests.conftest import EDITORIAL, REPO, Project, free_port, mkdocs, tracked_copy
from tests.helpers import vitrine

from vitrine.cli.french import CONTENT, FRENCH
from vitrine.cli.output import github
from vitrine.cli.words import Words
from vitrine.images.progress import wait_reporting
from vitrine.model.errors import ContentError
from vitrine.model.records import Champion, Quartier


@pytest.fixture
def sample(tmp_path: Path, sample_cache: Path) -> Path:
    return tracked_copy(tmp_path / "vitrine", cache=sample_cache)  # warm cards: these tests are about the command line


def line_of(path: Path, text: str) -> int:
    """1-based number of the first line of `path` starting with `text` (indentation ignored)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    return next(n for n, line in enumerate(lines, 1) if line.strip().startswith(text))


FILLED = {
    "name": "Quimper Cornouaille",
    "kind": "metropole",
    "cities": "[Quimper]",
    "country": "FR",
    "location": "{lat: 47.996, lon: -4.102}",
    "status": "labelled",
    "quartiers": "[test]",
    "city": "Lille",
    "sectors": "[robotics]",
    "founded": "2016",
    "website": "https://example.org",
    "fr": "Un texte en français.",
    "en": "An English text.",
}


def fill(path: Path, values: dict[str, str] = FILLED) -> None:
    """What an editor does: write a value after each empty `key:` the template left."""
    lines = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        match = re.match(r"^(\s*)([\w-]+):\s*$", line)
        if match and match.group(2) in values:
            line = f"{match.group(1)}{match.group(2)}: {values[match.group(2)]}"
        lines.append(line)
    path.write_text("\n".join(lines), encoding="utf-8")


# vitrine new -----------------------------------------------------------------


def test_new_quartier_is_filled_in_then_builds(sample: Path) -> None:
    created = vitrine(sample, "new", "quartier", "quimper")
    assert created.returncode == 0, created.stderr
    record = sample / "quartiers/quimper/quartier.yml"
    text = record.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/quartier.schema.json\n")
    assert (sample / "schema/quartier.schema.json").is_file()
    for name in set(Quartier.model_fields) - {"reviewed"}:  # every field is there, each under a comment
        # (but `reviewed`, the web editor's record of the translations it was told are reviewed)
        assert re.search(rf"^{name}:", text, re.MULTILINE), name
        assert text.split(f"\n{name}:")[0].rstrip().split("\n")[-1].startswith("#"), name
    for criterion in ("access", "governance"):
        assert f"\n  {criterion}:\n" in text
    assert "Obligatoire." in text and "n'inventez jamais un chiffre" in text
    assert {p.name for p in record.parent.iterdir()} == {"quartier.yml", "fr.md", "en.md"}
    assert (
        "quartiers/quimper/quartier.yml" in created.stdout
        and "vitrine translations en --mark-current" in created.stdout
    )

    unfilled = vitrine(sample, "check")
    assert unfilled.returncode == 1
    name_line = line_of(record, "name:")
    assert (
        f"quartiers/quimper/quartier.yml:{name_line}:1: name: champ obligatoire vide (écrivez un texte)"
        in unfilled.stdout
    )
    assert (
        "label.status: champ obligatoire vide (écrivez l'une de ces valeurs : 'labelled', 'pilot' ou 'community')"
        in unfilled.stdout
    )
    assert "criteria.governance.text.fr: champ obligatoire vide" in unfilled.stdout

    fill(record)
    reviewed = vitrine(sample, "check")
    assert reviewed.returncode == 1  # the English texts were never marked as reviewed
    assert (
        f"quartiers/quimper/quartier.yml:{line_of(record, 'tagline:') + 2}:3: tagline.en: la traduction en n'a jamais été marquée comme relue"
        in reviewed.stdout
    )
    marked = vitrine(sample, "translations", "en", "--mark-current", "--file", "quartiers/quimper/quartier.yml")
    assert "9 traductions marquées comme relues" in marked.stdout, marked.stdout
    assert vitrine(sample, "check").returncode == 0

    built = vitrine(sample, "build")
    assert built.returncode == 0, built.stdout + built.stderr
    assert (sample / "site/fr/quartiers/quimper/index.html").is_file()
    assert (sample / "site/en/quartiers/quimper/index.html").is_file()
    assert "Site construit dans site/ en" in built.stdout


def test_new_champion_is_filled_in_then_checks(project: Project) -> None:
    assert vitrine(project.root, "new", "champion", "robots-du-nord").returncode == 0
    record = project.root / "champions/robots-du-nord/champion.yml"
    text = record.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/champion.schema.json\n")
    for name in set(Champion.model_fields) - {"reviewed"}:
        assert re.search(rf"^{name}:", text, re.MULTILINE), name
    assert "#   champion-test" not in text and "#   test" in text  # the quartiers it may name, from the folders
    assert "robotics" in text and "ft120-2020" in text  # sectors and listings, from their files
    fill(record, FILLED | {"name": "Robots du Nord"})
    assert vitrine(project.root, "translations", "--mark-current", "--all").returncode == 0
    result = vitrine(project.root, "check")
    assert result.returncode == 0, result.stdout


def test_new_refuses_an_existing_or_invalid_name(project: Project) -> None:
    existing = vitrine(project.root, "new", "quartier", "test")
    assert existing.returncode == 1
    assert 'le quartier "test" existe déjà (quartiers/test/quartier.yml) ; choisissez un autre nom' in existing.stderr
    invalid = vitrine(project.root, "--lang", "en", "new", "champion", "Ça Va")
    assert invalid.returncode == 1
    assert '"Ça Va" is not a valid name: use lower-case letters, digits and dashes, e.g. ca-va' in invalid.stderr
    assert not (project.root / "champions/Ça Va").exists()
    assert "Traceback" not in existing.stderr + invalid.stderr


# vitrine check ---------------------------------------------------------------


def test_check_passes_on_the_sample_site() -> None:
    result = vitrine(REPO, "check")
    assert result.returncode == 0, result.stdout
    assert re.match(r"vitrine check : tout est en ordre \(\d+ quartiers, \d+ champions, \d+ pages", result.stdout)


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (800, 600), "#336699").save(out, "PNG")
    return out.getvalue()


def _plant(sample: Path) -> dict[str, int]:
    """One mistake of each kind (two for the misspelt field); returns the line each is on."""
    lille = sample / "quartiers/lille/quartier.yml"
    text = lille.read_text(encoding="utf-8").replace("\ncities:", "\ncitties:")
    lille.write_text(
        text.replace("  fr: La métropole lilloise,", "  fr: La grande métropole lilloise,"), encoding="utf-8"
    )
    lyon = sample / "quartiers/lyon/quartier.yml"
    photo = "images:\n  - file: photo.jpg\n    alt: {fr: Le site, en: The site}\n    credit: Moi\npartners: []"
    lyon.write_text(lyon.read_text(encoding="utf-8").replace("partners: []", photo), encoding="utf-8")
    (sample / "quartiers/lyon/photo.jpg").write_bytes(_png())  # a PNG named .jpg
    page = sample / "content/en/index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("(charte.md)", "(chartes.md)"), encoding="utf-8")
    charter = sample / "content/en/charte.md"
    charter.write_text(
        charter.read_text(encoding="utf-8") + "\nSee [the list](recommandations.md#the-list).\n", encoding="utf-8"
    )
    (sample / "content/en/paris.md").unlink()
    return {
        "citties": line_of(lille, "citties:"),
        "tagline.en": line_of(lille, "tagline:") + 2,
        "image": line_of(lyon, "- file: photo.jpg"),
        "link": line_of(page, "- [The label charter](chartes.md)"),
        "anchor": len(charter.read_text(encoding="utf-8").rstrip("\n").split("\n")),
    }


def test_check_finds_every_planted_mistake_at_once(sample: Path) -> None:
    lines = _plant(sample)
    result = vitrine(sample, "check")
    assert result.returncode == 1
    out = result.stdout
    assert (
        f"quartiers/lille/quartier.yml:{lines['citties']}:1: citties: champ inconnu (vouliez-vous dire 'cities' ?)"
        in out
    )
    assert "quartiers/lille/quartier.yml:2:1: cities: champ obligatoire manquant" in out
    assert (
        f"quartiers/lille/quartier.yml:{lines['tagline.en']}:3: tagline.en: la traduction en est à revoir : "
        "le texte français a changé depuis sa relecture" in out
    )
    assert (
        f'quartiers/lyon/quartier.yml:{lines["image"]}:5: images[0].file: image "photo.jpg" : '
        "le fichier est une image PNG nommée .jpg : renommez-le ou convertissez-le" in out
    )
    assert (
        f'content/en/index.md:{lines["link"]}:23: lien vers "chartes.md" : cette page n\'existe pas '
        '(vouliez-vous dire "charte.md" ?)' in out
    )
    assert (
        f'content/en/charte.md:{lines["anchor"]}:16: lien vers "recommandations.md#the-list" : '
        "content/en/recommandations.md n'a pas de titre avec l'ancre #the-list" in out
    )
    assert (
        "content/fr/paris.md: pas de traduction en (content/en/paris.md) (traduisez-la dans content/en/paris.md)" in out
    )
    assert (
        f"quartiers/lyon/quartier.yml:{lines['image'] + 1}:24: images[0].alt.en: "
        "la traduction en n'a jamais été marquée comme relue" in out
    )
    assert out.rstrip().endswith("vitrine check : 8 erreurs, 0 avertissement"), out

    english = vitrine(sample, "check", "--lang", "en")
    assert (
        f"quartiers/lille/quartier.yml:{lines['citties']}:1: citties: unknown field (did you mean 'cities'?)"
        in english.stdout
    )
    assert english.stdout.rstrip().endswith("vitrine check: 8 errors, 0 warnings")
    assert vitrine(sample, "check", env={"VITRINE_LANG": "en"}).stdout == english.stdout


def test_check_prints_github_annotations(sample: Path) -> None:
    lines = _plant(sample)
    result = vitrine(sample, "check", "--format", "github", "--lang", "en")
    assert result.returncode == 1
    annotations = [line for line in result.stdout.split("\n") if line.startswith("::")]
    assert len(annotations) == 8
    assert (
        f"::error file=quartiers/lille/quartier.yml,line={lines['citties']},col=1,title=Vitrine%3A citties::"
        "unknown field (did you mean 'cities'?)"
    ) in annotations
    assert any(
        a.startswith("::error file=content/fr/paris.md,title=Vitrine::no en translation (content/en/paris.md)")
        for a in annotations
    )
    nested = vitrine(
        sample.parent,
        "-f",
        "vitrine/mkdocs.yml",
        "check",
        "--format",
        "github",
        env={"GITHUB_WORKSPACE": str(sample.parent)},
    )
    assert "::error file=vitrine/quartiers/lille/quartier.yml," in nested.stdout  # paths from the repository root


def test_check_and_build_refuse_a_status_that_contradicts_the_kind(sample: Path) -> None:
    lille = sample / "quartiers/lille/quartier.yml"
    text = lille.read_text(encoding="utf-8")
    assert "\nkind: metropole\n" in text and "\n  status: labelled\n" in text
    lille.write_text(text.replace("\n  status: labelled\n", "\n  status: community\n"), encoding="utf-8")
    where = f"quartiers/lille/quartier.yml:{line_of(lille, 'status:')}:3: label.status: "

    checked = vitrine(sample, "check")
    assert checked.returncode == 1
    assert (
        f'{where}"community" ne va pas avec le type (kind) "metropole" ; possibles : \'labelled\' '
        "(ou changez le type : \"community\" va avec 'community' ou 'hub')" in checked.stdout
    )
    english = (
        f'{where}"community" does not go with kind "metropole"; expected \'labelled\' '
        "(or change kind: \"community\" goes with kind 'community' or 'hub')"
    )
    assert english in vitrine(sample, "check", "--lang", "en").stdout

    built = mkdocs("build", "--strict", cwd=sample)
    assert built.returncode == 1 and "Traceback" not in built.stderr
    assert english in built.stderr
    assert not (sample / "site" / "en" / "quartiers" / "lille").exists()


def test_new_quartier_lists_each_kind_and_status_with_its_wording(project: Project) -> None:
    assert vitrine(project.root, "new", "quartier", "la-reunion").returncode == 0
    text = (project.root / "quartiers/la-reunion/quartier.yml").read_text(encoding="utf-8")
    kinds = text.split("\nkind:\n")[0].split("\n")
    statuses = [line.strip() for line in text.split("\n  status:\n")[0].split("\n")]  # inside label:
    comments = kinds + statuses
    for line in (  # the value, then the French the page shows for it (locale/fr), then where it goes
        "#   metropole : « Métropole labellisée » (Métropole French Tech labellisée en 2014 ou 2015)",
        "#   thematic : « Réseau thématique » (pilote thématique désigné le 24 juin 2015)",
        "#   capitale : « Capitale French Tech » (labellisée depuis 2019, en France, outre-mer compris)",
        "#   community : « Communauté en France » (Communauté French Tech en France, depuis 2019)",
        "#   hub : « Hub à l'étranger » (hub de 2015-2016 ou Communauté French Tech à l'étranger)",
        "#   labelled : « Labellisé » (metropole, capitale)",
        "#   pilot : « Pilote thématique » (thematic)",
        "#   community : « Communauté French Tech » (community, hub)",
    ):
        assert line in comments, line


def test_check_refuses_warnings_when_strict(project: Project) -> None:
    project.write(
        "content/en/index.md", "---\ntitle: Vitrine\nnav_order: 1\n---\n\nWelcome.\n\n<script>alert(1)</script>\n"
    )
    project.review_translations()
    result = vitrine(project.root, "check")
    assert result.returncode == 1  # mkdocs.yml says strict: true
    line = line_of(project.root / "content/en/index.md", "<script>")
    assert (
        f"  avertissement : content/en/index.md:{line}: <script> n'est pas autorisé (retiré de la page" in result.stdout
    )
    assert "les avertissements font échouer la construction stricte" in result.stdout
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("strict: true", "strict: false"), encoding="utf-8")
    assert vitrine(project.root, "check").returncode == 0
    assert vitrine(project.root, "check", env={"CI": "true"}).returncode == 1


# vitrine translations ----------------------------------------------------------


def _commit(root: Path) -> None:
    git = ["git", "-c", "user.name=Vitrine", "-c", "user.email=vitrine@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run([*git, "add", "-A"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-qm", "sample"], cwd=root, check=True)


def test_translation_status_follows_the_french_and_shows_what_changed(sample: Path) -> None:
    _commit(sample)
    assert re.search(
        r"^en : (\d+)/\1 à jour, 0 à revoir, 0 manquantes$", vitrine(sample, "translations", "en").stdout, re.M
    )
    source = sample / "content/fr/charte.md"
    text = source.read_text(encoding="utf-8")
    before = re.search(r"Lorsqu’une valeur n’a pas été publiée[^;]*;", text).group(0)  # type: ignore[union-attr]
    after = before.replace("n’a pas été publiée", "manque")
    source.write_text(text.replace(before, after), encoding="utf-8")

    status = vitrine(sample, "translations", "en")
    assert status.returncode == 0, status.stderr
    out = status.stdout
    assert re.search(r"^en : (\d+)/\d+ à jour, 1 à revoir, 0 manquantes$", out, re.M), out
    assert "en à revoir content/fr/charte.md -> content/en/charte.md" in " ".join(out.split())
    commit = subprocess.run(
        ["git", "log", "--format=%h", "-1"], cwd=sample, capture_output=True, text=True
    ).stdout.strip()
    assert f"ce qui a changé dans le texte français depuis la relecture (version {commit}) :" in out
    removed = [line[8:] for line in out.split("\n") if line.startswith("        -")]
    added = [line[8:] for line in out.split("\n") if line.startswith("        +")]
    assert removed == ["-" + before] and added == ["+" + after]  # sentence by sentence: only what changed
    as_json = json.loads(vitrine(sample, "translations", "en", "--format", "json").stdout)
    (pending,) = [u for u in as_json if u["status"] != "current"]
    assert pending["source"] == "content/fr/charte.md" and pending["reviewed_in"] == commit
    assert removed[0] in pending["changes"] and added[0] in pending["changes"]

    marked = vitrine(sample, "translations", "en", "--mark-current", "--all")
    assert "1 traduction marquée comme relue par rapport au texte français actuel" in marked.stdout
    assert re.search(r"^en : (\d+)/\1 à jour, 0 à revoir, 0 manquantes$", marked.stdout, re.M)
    assert vitrine(sample, "check").returncode == 0


def test_unknown_language_is_refused(project: Project) -> None:
    result = vitrine(project.root, "translations", "xx")
    assert result.returncode == 1 and "xx n'est pas une langue traduite du site" in result.stderr


# vitrine build / serve ---------------------------------------------------------


def test_build_ends_with_a_summary_and_passes_options_to_mkdocs(project: Project) -> None:
    result = vitrine(project.root, "build", "-d", "published")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (project.root / "published/fr/quartiers/test/index.html").is_file()
    assert not (project.root / "site").exists()
    summary = result.stdout.split("\n")
    assert summary[0].startswith("Site construit dans published/ en ")
    assert re.fullmatch(r"  Pages : fr \d+, en \d+, de \d+ \(dont \d+ en français\), .*", summary[1]), summary[1]
    assert summary[2] == "  Images : 0 encodées, 0 reprises du cache"
    assert re.fullmatch(r"  Cartes de partage : \d+ dessinées, \d+ reprises du cache", summary[3])
    assert summary[4].startswith("  Traductions à jour : en ")
    assert summary[5] == "  0 avertissement"
    again = vitrine(project.root, "--lang", "en", "build", "-d", "published")
    assert again.stdout.startswith("The site in published/ is up to date: no file has changed since the last build")
    project.edit_a_page()
    edited = vitrine(project.root, "--lang", "en", "build", "-d", "published")
    assert "  Share cards: 0 drawn, " in edited.stdout  # a warm rebuild draws nothing
    kept = re.search(
        r"^  Pages rendered: (\d+); unchanged since the last build, kept as they were: (\d+)$", edited.stdout, re.M
    )
    assert kept is not None and 0 < int(kept[1]) < int(kept[2]), edited.stdout  # one page's text edited


def test_build_is_strict_in_ci(project: Project) -> None:
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("strict: true", "strict: false"), encoding="utf-8")
    project.write(
        "content/en/index.md", "---\ntitle: Vitrine\nnav_order: 1\n---\n\nWelcome.\n\n<script>alert(1)</script>\n"
    )
    project.review_translations()
    local = vitrine(project.root, "build", "--no-check")
    assert local.returncode == 0, local.stderr
    assert re.search(r"^  [1-9]\d* avertissements?$", local.stdout, re.MULTILINE), local.stdout
    in_ci = vitrine(project.root, "build", "--no-check", env={"CI": "true"})
    assert in_ci.returncode == 1
    assert "La construction a échoué ; le dossier du site est resté tel qu'il était." in in_ci.stdout
    checked = vitrine(project.root, "build", env={"CI": "true"})
    assert checked.returncode == 1
    assert "Le site n'a pas été construit" in checked.stdout and "<script> n'est pas autorisé" in checked.stderr


def test_serve_previews_the_site(project: Project) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "CI"} | {"NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "vitrine.cli", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project.root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline, body = time.monotonic() + 120, ""
        while time.monotonic() < deadline and "A test quarter." not in body:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/en/quartiers/test/", timeout=5) as response:
                    body = response.read().decode("utf-8")
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.3)
        assert "A test quarter." in body
    finally:
        server.terminate()
        server.wait(timeout=30)


# The command line's words, annotations and progress ------------------------------------


def _msgids() -> set[str]:
    """Every English sentence the command line passes to `words(...)` or `words.count(...)`."""
    found: set[str] = set()
    for path in (REPO / "plugins/vitrine/cli").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            direct = isinstance(func, ast.Name) and func.id == "words"
            counted = (
                isinstance(func, ast.Attribute) and func.attr == "count" and getattr(func.value, "id", "") == "words"
            )
            if direct or counted:
                found |= {
                    arg.value for arg in node.args if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                }
    return found


def test_every_sentence_of_the_command_line_has_its_french() -> None:
    msgids = _msgids() | {"current", "outdated", "missing"}  # statuses, passed as variables
    assert len(msgids) > 40
    assert sorted(msgids - set(FRENCH)) == []
    assert sorted(set(FRENCH) - msgids) == [], "unused French sentences"
    for english, french in FRENCH.items():
        assert set(re.findall(r"\{(\w+)\}", french)) == set(re.findall(r"\{(\w+)\}", english)), english


def test_content_patterns_keep_every_part_of_the_message() -> None:
    for english, french in CONTENT:
        assert set(re.findall(r"\{(\w+)\}", french)) == set(re.findall(r"\{(\w+)\}", english)), english
    fr = Words("fr")
    error = ContentError(
        "quartiers/lille/quartier.yml",
        7,
        1,
        "label.date",
        '"2014-02-30" is not a valid date (no such day in the calendar)',
    )
    assert str(fr.error(error)) == (
        'quartiers/lille/quartier.yml:7:1: label.date: "2014-02-30" n\'est pas une date valide '
        "(ce jour n'existe pas dans le calendrier)"
    )
    calendar = ContentError(
        "quartiers/calendar.yml",
        7,
        5,
        "dates[0].date",
        '"octobre" is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2012-10',
    )
    assert (
        fr.error(calendar).message
        == '"octobre" n\'est pas une date ; écrivez AAAA, AAAA-MM ou AAAA-MM-JJ, par ex. 2012-10'
    )
    nested = ContentError("a.yml", 3, 5, "images[0].file", 'image "p.jpg": animated images are not accepted (4 frames)')
    assert fr.error(nested).message == 'image "p.jpg" : les images animées ne sont pas acceptées (4 images)'
    union = ContentError("a.yml", 1, 1, "value", "nothing is not accepted; expected a number or text")
    assert fr.error(union).message == "rien n'est pas accepté ; attendu : un nombre ou du texte"
    unknown = ContentError("a.yml", 1, 1, "", "a sentence no pattern knows yet")
    assert fr.error(unknown) == unknown  # shown as the loader wrote it, never lost
    assert Words("en").error(error) == error


def test_github_annotations_escape_what_the_format_reserves() -> None:
    error = ContentError("content/fr/a,b.md", 3, 7, "title", "100% sure: line one\nline two", "fix it")
    line = github(error, "warning", Words("en"), REPO)
    assert (
        line
        == "::warning file=content/fr/a%2Cb.md,line=3,col=7,title=Vitrine%3A title::100%25 sure: line one%0Aline two (fix it)"
    )
    whole_file = github(ContentError("content/fr/b.md", 0, 0, "", "no en translation"), "error", Words("en"), REPO)
    assert whole_file == "::error file=content/fr/b.md,title=Vitrine::no en translation"


def test_long_pool_work_reports_progress(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.vitrine.progress")
    with ThreadPoolExecutor(max_workers=1) as pool:
        slow = [pool.submit(time.sleep, 0.25) for _ in range(4)]
        wait_reporting(slow, "cards: {done}/{total} drawn", interval=0.1)
        assert all(job.done() for job in slow)
        reported = [record.getMessage() for record in caplog.records]
        caplog.clear()
        wait_reporting([pool.submit(int, "1")], "cards: {done}/{total} drawn", interval=5)
    assert reported and all(re.fullmatch(r"vitrine: cards: [0-3]/4 drawn", line) for line in reported), reported
    assert caplog.records == []  # a quick step says nothing


def test_check_covers_what_the_showcase_and_maps_publish(project: Project) -> None:
    # Links to the map page and to the open-data files are valid; a misnamed post and a broken calendar are not.
    project.write(
        "content/en/index.md",
        EDITORIAL.format(title="Vitrine", order=1, body="[Map](carte.md) and [data](../data/quartiers.csv)."),
    )
    project.review_translations()
    assert vitrine(project.root, "check", "--lang", "en").returncode == 0
    project.write("content/en/news/2014-13-40-wave.md", "---\ntitle: Wave\ndescription: A wave.\n---\n\nText.\n")
    project.write("quartiers/calendar.yml", "dates:\n  - date: 2013-02-30\n    label: {fr: Date., en: Date.}\n")
    result = vitrine(project.root, "check", "--lang", "en")
    assert result.returncode == 1
    assert "content/en/news/2014-13-40-wave.md" in result.stdout
    assert "quartiers/calendar.yml:2:" in result.stdout
    assert "carte.md" not in result.stdout and "quartiers.csv" not in result.stdout


def test_check_finds_two_pages_at_one_address(project: Project) -> None:
    project.write("content/en/about.md", EDITORIAL.format(title="About", order=2, body="One."))
    project.write("content/en/about/index.md", EDITORIAL.format(title="About", order=2, body="Two."))
    result = vitrine(project.root, "check", "--lang", "en")
    assert result.returncode == 1
    assert "content/en/about.md" in result.stdout and "content/en/about/index.md" in result.stdout
    assert "en/about/index.html" in result.stdout


def test_the_french_messages_use_no_git_words() -> None:
    """Editors read these: no git vocabulary, except in the help of CI's own output format."""
    from vitrine.cli.french import CONTENT, FRENCH

    words = re.compile(r"\b(git|commit|branche|merge|historique git)\b", re.IGNORECASE)
    meant_for_ci = {"github: annotations for pull requests"}
    french = [text for key, text in FRENCH.items() if key not in meant_for_ci]
    french += [template for _pattern, template in CONTENT]
    assert [text for text in french if words.search(text.replace("{commit}", ""))] == []
