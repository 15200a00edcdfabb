"""Sources of the values: `vitrine check` and the build name each unsourced, future, http or copied value
with its file, line and field; `vitrine check --coverage` counts what the records report."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from tests.conftest import CHAMPION, QUARTIER, REPO, Project
from tests.helpers import vitrine

from vitrine.model.errors import ContentError
from vitrine.model.sources import Sourced, source_problems

QUARTIER_FILE = "quartiers/test/quartier.yml"
OTHER_FILE = "quartiers/other/quartier.yml"
CHAMPION_FILE = "champions/champion-test/champion.yml"
OTHER_CHAMPION_FILE = "champions/other-champion/champion.yml"
URL = "https://example.org/horaires"
FIGURE = """\
figures:
  - id: employees
    value: 120
    unit: count
    as_of: 2024-01-01
    source: Rapport annuel
    source_url: https://example.org/rapport
"""


INDICATORS = {
    key: [indicator["id"] for indicator in documented.get("indicators", [])]
    for key, documented in yaml.safe_load(QUARTIER)["criteria"].items()
}
"""The indicators these tests use: those of `QUARTIER` (numbers), whatever the sample's criteria.yml defines."""


@pytest.fixture
def project(project: Project) -> Project:
    """The small project, with its criteria defining exactly `INDICATORS`."""
    path = project.root / "quartiers/criteria.yml"
    criteria = yaml.safe_load(path.read_text(encoding="utf-8"))
    for criterion in criteria["criteria"]:
        criterion["indicators"] = [
            {"id": name, "label": {"fr": name, "en": name.replace("-", " ")}, "unit": "count"}
            for name in INDICATORS.get(criterion["id"], [])
        ]
    path.write_text(yaml.safe_dump(criteria, allow_unicode=True, sort_keys=False), encoding="utf-8")
    project.review_translations()
    return project


def at(project: Project, rel: str, text: str, occurrence: int = 1) -> str:
    """`rel:line:column` of the `occurrence`-th line holding `text`, where `text` starts."""
    lines = (project.root / rel).read_text(encoding="utf-8").split("\n")
    found = [(n, line.index(text) + 1) for n, line in enumerate(lines, 1) if text in line]
    line, column = found[occurrence - 1]
    return f"{rel}:{line}:{column}"


def quartier(old: str, new: str, name: str = "Quartier Test") -> str:
    assert old in QUARTIER
    return QUARTIER.replace(old, new, 1).replace("name: Quartier Test", f"name: {name}", 1)


def champion(figures: str, name: str = "Champion Test") -> str:
    return CHAMPION.replace("name: Champion Test", f"name: {name}", 1) + figures


def test_a_value_without_source_is_an_error_with_file_line_and_field(project: Project) -> None:
    project.write(QUARTIER_FILE, quartier("        source: Horaires\n", ""))
    project.write(CHAMPION_FILE, champion(FIGURE.replace("    source: Rapport annuel\n", "")))
    indicator = at(project, QUARTIER_FILE, "id: rail-minutes-to-paris")
    figure = at(project, CHAMPION_FILE, "id: employees")
    checked = vitrine(project.root, "check", "--lang", "en")
    assert checked.returncode == 1
    assert f"  {indicator}: criteria.access.indicators[0].source: required field is missing\n" in checked.stdout
    assert f"  {figure}: figures[0].source: required field is missing\n" in checked.stdout
    french = vitrine(project.root, "check").stdout
    assert f"  {figure}: figures[0].source: champ obligatoire manquant\n" in french
    built = project.build()
    assert built.returncode == 1
    assert f"{indicator}: criteria.access.indicators[0].source: required field is missing" in built.stderr
    assert f"{figure}: figures[0].source: required field is missing" in built.stderr


def test_a_date_after_today_stops_check_and_build(project: Project) -> None:
    project.write(QUARTIER_FILE, quartier("as_of: 2020-01-01", "as_of: 2999-01-01"))
    project.write(CHAMPION_FILE, champion(FIGURE.replace("as_of: 2024-01-01", "as_of: 2998-05-01")))
    today = dt.date.today()
    indicator = at(project, QUARTIER_FILE, "as_of: 2999-01-01")
    figure = at(project, CHAMPION_FILE, "as_of: 2998-05-01")
    english = (
        f'{indicator}: criteria.access.indicators[0].as_of: "2999-01-01" is after today ({today}) '
        "(write the date the source gives for the value)"
    )
    checked = vitrine(project.root, "check", "--lang", "en")
    assert checked.returncode == 1
    assert f"  {english}\n" in checked.stdout
    assert f'  {figure}: figures[0].as_of: "2998-05-01" is after today ({today})' in checked.stdout
    assert checked.stdout.rstrip().endswith("vitrine check: 2 errors, 0 warnings")
    french = vitrine(project.root, "check").stdout
    assert (
        f'  {indicator}: criteria.access.indicators[0].as_of: "2999-01-01" est une date future (nous sommes le '
        f"{today}) (écrivez la date que la source donne pour la valeur)\n"
    ) in french
    built = project.build()
    assert built.returncode == 1 and english in built.stderr


def test_the_day_itself_is_not_after_today() -> None:
    today = dt.date(2026, 12, 6)
    values = [
        Sourced("quartiers/a/quartier.yml", ("criteria", "access", "indicators", 0), "x", 1, today, None),
        Sourced("quartiers/b/quartier.yml", ("figures", 0), "x", 1, today + dt.timedelta(days=1), None),
    ]
    errors, warnings = source_problems(values, {}, today)
    assert errors == [
        ContentError(
            "quartiers/b/quartier.yml",
            0,
            0,
            "figures[0].as_of",
            '"2026-12-07" is after today (2026-12-06)',
            "write the date the source gives for the value",
        )
    ]
    assert warnings == []


def test_http_sources_and_copied_values_are_warnings_naming_both_records(project: Project) -> None:
    project.write(QUARTIER_FILE, quartier("source: Horaires", f"source: Horaires\n        source_url: {URL}"))
    copied = quartier("source: Horaires", f"source: Horaires\n        source_url: {URL}", "Quartier Autre")
    project.write(
        OTHER_FILE,
        copied.replace("source: Exploitant", "source: Exploitant\n        source_url: http://example.org/lieu"),
    )
    project.write(CHAMPION_FILE, champion(FIGURE))
    project.write(OTHER_CHAMPION_FILE, champion(FIGURE, "Autre Champion"))
    project.review_translations()
    first = at(project, OTHER_FILE, "value: 62")  # records are read in folder order: other, then test
    copy = at(project, QUARTIER_FILE, "value: 62")
    figure, figure_copy = at(project, CHAMPION_FILE, "value: 120"), at(project, OTHER_CHAMPION_FILE, "value: 120")
    http = at(project, OTHER_FILE, "source_url: http://")
    expected = [
        f"{figure_copy}: figures[0].value: the same value (120) and source_url as {figure} (figures[0].value) "
        "(cite, for each record, the page that gives its own value)",
        f'{http}: criteria.real-estate.indicators[0].source_url: "http://example.org/lieu" is not an https address '
        "(use the https address of the page)",
        f"{copy}: criteria.access.indicators[0].value: the same value (62) and source_url as {first} "
        "(criteria.access.indicators[0].value) (cite, for each record, the page that gives its own value)",
    ]
    checked = vitrine(project.root, "check", "--lang", "en")
    assert checked.returncode == 1  # mkdocs.yml is strict
    assert [line for line in checked.stdout.splitlines() if line.startswith("  ")] == [
        f"  warning: {line}" for line in expected
    ]
    assert checked.stdout.rstrip().endswith("vitrine check: 0 errors, 3 warnings (warnings fail the strict build)")
    french = vitrine(project.root, "check").stdout
    assert (
        f'  avertissement : {http}: criteria.real-estate.indicators[0].source_url: "http://example.org/lieu" '
        "n'est pas une adresse https (utilisez l'adresse https de la page)\n"
    ) in french
    assert (
        f"  avertissement : {copy}: criteria.access.indicators[0].value: la même valeur (62) et la même source_url "
        f"que {first} (criteria.access.indicators[0].value) (citez, pour chaque fiche, la page qui donne sa propre "
        "valeur)\n"
    ) in french
    built = project.build()
    assert built.returncode == 1
    warned = [line for line in built.stderr.splitlines() if line.startswith("WARNING")]
    assert all(any(text in line for line in warned) for text in expected)


def test_a_shared_table_of_different_values_is_no_copy(project: Project) -> None:
    project.write(QUARTIER_FILE, quartier("source: Horaires", f"source: Horaires\n        source_url: {URL}"))
    other = quartier("source: Horaires", f"source: Horaires\n        source_url: {URL}", "Quartier Autre")
    project.write(OTHER_FILE, other.replace("value: 62", "value: 75"))
    project.write(CHAMPION_FILE, champion(FIGURE))
    project.write(OTHER_CHAMPION_FILE, champion(FIGURE.replace("value: 120", "value: 80"), "Autre Champion"))
    project.review_translations()
    checked = vitrine(project.root, "check", "--lang", "en")
    assert checked.returncode == 0, checked.stdout
    assert "warning" not in checked.stdout


# Coverage ----------------------------------------------------------------------


def test_coverage_counts_the_quartiers_in_france_and_the_champions(project: Project) -> None:
    thematic = quartier("kind: metropole", "kind: thematic", "Réseau Test").replace("status: labelled", "status: pilot")
    project.write("quartiers/reseau/quartier.yml", thematic.replace("        value: 34000", "        value: 1000"))
    hub = quartier("kind: metropole", "kind: hub", "Hub Test").replace("status: labelled", "status: community")
    project.write("quartiers/hub/quartier.yml", hub)  # abroad: not counted
    project.write("quartiers/capitale/quartier.yml", quartier("kind: metropole", "kind: capitale", "Capitale Test"))
    bare = re.sub(r"    indicators:\n(      .*\n|        .*\n)+", "", QUARTIER)
    project.write("quartiers/nu/quartier.yml", bare.replace("name: Quartier Test", "name: Quartier Nu"))
    project.write(CHAMPION_FILE, champion(FIGURE))
    project.review_translations()
    checked = vitrine(project.root, "check", "--coverage", "--lang", "en")
    assert checked.returncode == 0, checked.stdout
    expected = _coverage_lines(project.root)
    shown = [line.strip() for line in checked.stdout.splitlines()[1:-1]]
    assert shown == expected
    assert "Filled cells: 9 of " in checked.stdout  # 3 quartiers in France × 3 indicators, the bare one none
    french = vitrine(project.root, "check", "--coverage").stdout
    assert "Indicateurs des 4 quartiers en France (métropoles, capitales, réseaux thématiques) :" in french
    assert re.search(r"employees : Salariés\n", french) and "1 sur 1 (100\xa0%)" in french


def _coverage_lines(root: Path) -> list[str]:
    """The report, counted here from the YAML files themselves."""
    criteria = yaml.safe_load((root / "quartiers/criteria.yml").read_text(encoding="utf-8"))["criteria"]
    records = [
        yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(root.glob("quartiers/*/quartier.yml"))
    ]
    in_france = [record for record in records if record["kind"] in ("metropole", "capitale", "thematic")]
    lines = [f"Indicators of the {len(in_france)} quartiers in France (métropoles, capitales, thematic networks):"]
    filled = cells = 0
    for criterion in criteria:
        counts = []
        for indicator in criterion.get("indicators", []):
            ids = [[i["id"] for i in record["criteria"][criterion["id"]].get("indicators", [])] for record in in_france]
            counts.append((indicator, sum(indicator["id"] in found for found in ids)))
        reported, total = sum(n for _i, n in counts), len(in_france) * len(counts)
        filled, cells = filled + reported, cells + total
        share = _share(reported, total) if counts else "no indicator"
        lines.append(f"{criterion['number']}. {criterion['title']['en']}: {share}")
        lines += [f"{_share(n, len(in_france))}  {i['id']}: {i['label']['en']}" for i, n in counts]
    lines.append(f"Filled cells: {_share(filled, cells)}")
    kinds = yaml.safe_load((root / "champions/figures.yml").read_text(encoding="utf-8"))["figures"]
    champions = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in root.glob("champions/*/champion.yml")]
    lines.append(f"Figures of the {len(champions)} champions:")
    for kind, definition in kinds.items():
        n = sum(any(f.get("id") == kind for f in record.get("figures", [])) for record in champions)
        lines.append(f"{_share(n, len(champions))}  {kind}: {definition['label']['en']}")
    return lines


def _share(n: int, total: int) -> str:
    return f"{n} of {total} ({round(100 * n / total) if total else 0}%)"


def test_the_readme_shows_the_samples_coverage_as_the_command_prints_it() -> None:
    """README "Indicators" quotes `vitrine check --coverage --lang en` on the sample (run it again
    rather than editing the numbers), and the sample meets issue 20's targets."""
    checked = vitrine(REPO, "check", "--coverage", "--lang", "en")
    assert checked.returncode == 0, checked.stdout
    report = checked.stdout.splitlines()[1:-1]  # a blank line first; check's verdict last
    assert [line.strip() for line in report] == _coverage_lines(REPO)
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split("Coverage of the sample, printed by", 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
    assert block.splitlines() == report
    filled = re.search(r"Filled cells: (\d+) of (\d+)", checked.stdout)
    assert filled is not None and 2 * int(filled[1]) >= int(filled[2]), "at least half the cells in France"
    champions = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in REPO.glob("champions/*/champion.yml")]
    assert 2 * sum(bool(record.get("figures")) for record in champions) >= len(champions)
