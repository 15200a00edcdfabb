"""The indicators the public record reports (issue 20): the revised criteria, values the source
gives as a bound, an approximation or for another area, old values, and charts that say the year
each bar counts. Built from real projects; the sample's own values are checked over the records."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup, Tag
from tests.conftest import QUARTIER, REPO, SITE_LANGUAGES, Project, new_project, parse

from vitrine.model.catalogue import load_catalogue

SAMPLE = load_catalogue(REPO, SITE_LANGUAGES)
NARROW = "\u202f"

ECOSYSTEM = QUARTIER[QUARTIER.index("  ecosystem:\n") : QUARTIER.index("  open-innovation:")]
"""The shared test quartier's ecosystem entry (a 2013 amount, old next to its other dates of 2020)."""
# Quartier Test: a lower bound, an approximation, a regional figure (and its 2013 amount, old).
QUALIFIED = QUARTIER.replace(
    ECOSYSTEM,
    ECOSYSTEM
    + """\
      - {id: digital-jobs, value: 21000, qualifier: at-least, as_of: 2019-06-01, source: Agence}
      - id: digital-companies
        value: 5000
        qualifier: about
        coverage: region
        as_of: 2019-06-01
        source: Région
        source_url: https://example.org/region
""",
)
# Quartier Deux: the same record under another name, with a city's count of digital companies.
SECOND = QUARTIER.replace("name: Quartier Test", "name: Quartier Deux").replace(
    ECOSYSTEM,
    """\
  ecosystem:
    text: {fr: Écosystème., en: Ecosystem.}
    indicators:
      - {id: digital-companies, value: 1100, as_of: 2020-01-01, source: Agglomération}
""",
)


@pytest.fixture(scope="module")
def qualified(tmp_path_factory: pytest.TempPathFactory, project_cache: Path) -> Project:
    assert "funds-raised" in ECOSYSTEM and "2013-06-28" in ECOSYSTEM, "the shared test quartier changed"
    project = new_project(tmp_path_factory.mktemp("qualified"), cache=project_cache)
    project.catalogue_option("compared_from: 1")  # two quartiers: chart what one reports
    records = {"test/quartier.yml": QUALIFIED, "quartier-deux/quartier.yml": SECOND, "quartier-deux/fr.md": "Récit.\n"}
    for rel, text in records.items():
        project.write(f"quartiers/{rel}", text)
    built = project.build()
    assert built.returncode == 0, built.stderr
    return project


def cells(page: BeautifulSoup, indicator: str) -> list[str]:
    row = page.select_one(f'tr[data-indicator="{indicator}"]')
    assert row is not None, indicator
    return [td.get_text(" ", strip=True) for td in row.select("td")]


def comparison(project: Project, language: str, indicator: str) -> Tag:
    page = project.html(f"{language}/criteres/ecosystem/index.html")
    part = page.select_one(f'section[data-indicator="{indicator}"]')
    assert part is not None
    return part


# The revised criteria ------------------------------------------------------------------


def test_the_revised_criteria_load_with_every_label_translated() -> None:
    indicators = {c.id: [i.id for i in c.indicators] for c in sorted(SAMPLE.criteria, key=lambda c: c.number)}
    assert indicators == {
        "access": ["rail-minutes-to-paris", "airport-passengers"],
        "real-estate": ["flagship-floor-area", "flagship-opened"],
        "networks": [],
        "ecosystem": ["startups", "digital-jobs", "funds-raised", "digital-companies", "french-tech-members"],
        "open-innovation": ["fab-labs", "incubators"],
        "networking": [],
        "business-environment": [],
        "governance": ["governance-body", "governance-founded"],
    }
    for criterion in SAMPLE.criteria:
        for indicator in criterion.indicators:
            assert set(indicator.label) == set(SITE_LANGUAGES), indicator.id


def test_every_sample_value_names_its_page_and_a_date_not_in_the_future() -> None:
    today = dt.date.today()
    values = [
        (entry.slug, indicator)
        for entry in SAMPLE.quartiers.values()
        for criterion in entry.record.criteria.values()
        for indicator in criterion.indicators
    ]
    assert len(values) >= 60
    for slug, indicator in values:
        assert indicator.source_url is not None, (slug, indicator.id)
        url = urlsplit(indicator.source_url)
        assert url.scheme in ("https", "http") and url.netloc, (slug, indicator.id)
        assert indicator.as_of <= today, (slug, indicator.id)


def test_sample_values_from_a_wider_area_say_so() -> None:
    covered = {
        (entry.slug, indicator.id): indicator.coverage
        for entry in SAMPLE.quartiers.values()
        for criterion in entry.record.criteria.values()
        for indicator in criterion.indicators
        if indicator.coverage
    }
    # the figures the research notes found counting a region or a department (see their pages)
    assert (
        covered.items()
        >= {
            ("lille", "funds-raised"): "region",
            ("nantes", "funds-raised"): "department",
            ("alsace", "digital-companies"): "region",
        }.items()
    )


# Qualifier and coverage on the profile ------------------------------------------------------


def test_qualifier_and_coverage_read_in_french(qualified: Project) -> None:
    page = qualified.html("fr/quartiers/test/index.html")
    assert cells(page, "digital-jobs")[0] == f"plus de 21{NARROW}000"
    value = page.select_one('tr[data-indicator="digital-companies"] td.vt-value')
    assert value is not None and value.get_text(" ", strip=True) == f"près de 5{NARROW}000 (région)"
    assert value.select_one("span.vt-area").get_text() == "(région)"


def test_qualifier_and_coverage_read_in_japanese(qualified: Project) -> None:
    page = qualified.html("ja/quartiers/test/index.html")
    assert cells(page, "digital-jobs")[0] == "21,000以上"
    assert cells(page, "digital-companies")[0] == "約5,000 （地域圏）"


def test_an_old_value_is_marked_in_words(qualified: Project) -> None:
    """The project's content date is 2020-01-01: 2013 is more than 5 years before, 2019 is not."""
    for language, mark in (("fr", "chiffre ancien"), ("en", "old figure"), ("ja", None)):
        page = qualified.html(f"{language}/quartiers/test/index.html")
        old = page.select_one('tr[data-indicator="funds-raised"]')
        assert old is not None and "vt-old" in old.get("class", [])
        text = old.select_one(".vt-old-mark").get_text()
        assert text and (mark is None or text == mark)
        recent = page.select_one('tr[data-indicator="digital-jobs"]')
        assert recent is not None and "vt-old" not in recent.get("class", [])
        assert recent.select_one(".vt-old-mark") is None
    part = comparison(qualified, "en", "funds-raised")
    row = part.select_one('tr[data-quartier="test"]')
    assert row is not None and row.select_one(".vt-old-mark").get_text() == "old figure"


def test_the_threshold_is_a_setting(tmp_path_factory: pytest.TempPathFactory, project_cache: Path) -> None:
    project = new_project(tmp_path_factory.mktemp("threshold"), cache=project_cache)
    config = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    assert "      accessibility: none\n" in config
    project.write(
        "mkdocs.yml",
        config.replace("      accessibility: none\n", "      accessibility: none\n      old_after_years: 10\n"),
    )
    assert project.build().returncode == 0
    page = project.html("en/quartiers/test/index.html")
    assert page.select_one('tr[data-indicator="funds-raised"] .vt-old-mark') is None


# Comparison pages -------------------------------------------------------------------------


def test_each_bar_says_the_year_it_counts(qualified: Project) -> None:
    part = comparison(qualified, "en", "digital-jobs")
    labels = [text.get_text() for text in part.select("svg .vt-chart-value")]
    assert labels == ["more than 21,000 (2019)"]
    caption = part.select_one("figcaption").get_text()
    assert "year it counts" in caption


def test_a_value_for_another_area_is_tabled_not_charted(qualified: Project) -> None:
    for language, note in (("en", "Quartier Test"), ("fr", "Quartier Test")):
        part = comparison(qualified, language, "digital-companies")
        charted = [text.get_text() for text in part.select("svg .vt-chart-label")]
        assert charted == ["Quartier Deux"], "the regional figure is not ranked against a city's"
        assert note in part.select_one(".vt-chart-note").get_text()
        rows = {row["data-quartier"]: row for row in part.select("tbody tr")}
        assert rows["test"].select_one(".vt-area") is not None
    en = comparison(qualified, "en", "digital-companies").select_one('tr[data-quartier="test"] td.vt-value')
    assert en is not None and en.get_text(" ", strip=True) == "about 5,000 (region)"


def test_a_figure_few_quartiers_publish_is_said_so_and_not_charted(sample_site: Path) -> None:
    """Under five reporting quartiers (`compared_from`, default 5) a comparison says the network
    does not publish the figure in common and lists who reports it; nobody: no table at all."""
    catalogue = load_catalogue(REPO, SITE_LANGUAGES)
    criteria = [criterion for criterion in catalogue.criteria if criterion.indicators]
    kinds = set()
    for criterion in criteria:
        page = parse(sample_site / "fr" / "criteres" / criterion.id / "index.html")
        for definition in criterion.indicators:
            count = sum(
                any(i.id == definition.id for i in entry.record.criteria[criterion.id].indicators)
                for entry in catalogue.quartiers.values()
                if criterion.id in entry.record.criteria
            )
            part = page.select_one(f'section[data-indicator="{definition.id}"]')
            assert part is not None, definition.id
            note = part.select_one(".vt-few")
            rows = part.select("tbody tr")
            if count == 0:
                kinds.add("none")
                assert note is not None and "aucun quartier" in note.get_text(), definition.id
                assert part.select_one("table") is None and part.select_one("figure") is None
            elif count < 5:
                kinds.add("few")
                assert note is not None and "en commun" in note.get_text(), definition.id
                assert part.select_one("figure") is None and len(rows) == count, definition.id
            else:
                kinds.add("compared")
                assert note is None and len(rows) >= count, definition.id
                if definition.type == "number":
                    assert part.select_one("figure svg") is not None, definition.id
    # (an indicator nobody reports: test_comparison.py, on a small project)
    assert kinds >= {"few", "compared"}, "the sample has both cases"
