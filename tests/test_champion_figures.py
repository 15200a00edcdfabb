"""Champions' figures (issue 20): kinds defined in champions/figures.yml, each figure sourced and
dated, shown on the profile and compared in the directory; and the fact fixes of the issue."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from bs4 import Tag
from tests.conftest import CHAMPION, REPO, SITE_LANGUAGES, Project, parse

from vitrine.catalogue.context import QUALIFIERS
from vitrine.i18n.formatting import Formatter, pick
from vitrine.i18n.messages import load_messages
from vitrine.model.catalogue import load_catalogue
from vitrine.model.errors import ContentErrors
from vitrine.model.records import Figure

SAMPLE = load_catalogue(REPO, SITE_LANGUAGES)
KINDS = ["employees", "funds-raised", "latest-round"]


# The fact fixes ---------------------------------------------------------------------------


def test_the_fact_fixes_hold() -> None:
    assert SAMPLE.champions["openclassrooms"].record.founded == 2007, "the company; 2013 is the rename"
    listings = SAMPLE.listings.listings
    assert "ft120-2019" not in listings and listings["ft120-2020"].year == 2020, "first list: 20 January 2020"
    assert all("2020" in label for label in listings["ft120-2020"].label.values())
    sigfox = SAMPLE.champions["sigfox"].record
    assert sigfox.sectors == ["iot"] and "ft120-2020" in sigfox.listings
    assert set(SAMPLE.sectors.sectors["iot"].label) == set(SITE_LANGUAGES)
    assert SAMPLE.quartiers["alsace"].record.cities == ["Strasbourg", "Mulhouse"]


# The sample's figures -----------------------------------------------------------------------


def test_every_figure_is_a_defined_kind_sourced_and_dated() -> None:
    assert list(SAMPLE.figures) == KINDS
    figures = [f for entry in SAMPLE.champions.values() for f in entry.record.figures]
    assert figures
    for figure in figures:
        assert figure.id in KINDS and figure.unit in SAMPLE.figures[figure.id].units
        assert figure.source and figure.source_url and figure.source_url.startswith("https://")
        assert figure.as_of <= dt.date.today()


def test_at_least_half_of_the_champions_have_a_sourced_figure() -> None:
    sourced = [slug for slug, e in SAMPLE.champions.items() if any(f.source_url for f in e.record.figures)]
    assert 2 * len(sourced) >= len(SAMPLE.champions), sorted(sourced)


# The profile --------------------------------------------------------------------------------


def figure_rows(page: Tag) -> list[Tag]:
    return page.select("article.vt-champion table.vt-figures tbody tr")


def stated(figure: Figure, language: str) -> str:
    """The value as the source states it: "plus de 1 000" for a lower bound."""
    text = Formatter(language).measure(figure.value, figure.unit)
    return (
        load_messages(language).gettext(QUALIFIERS[figure.qualifier]).format(value=text) if figure.qualifier else text
    )


@pytest.mark.parametrize("language", ["fr", "ja"])
def test_the_profile_shows_value_date_and_source(sample_site: Path, language: str) -> None:
    fmt = Formatter(language)
    shown = 0
    for slug, entry in SAMPLE.champions.items():
        rows = figure_rows(parse(sample_site / language / "champions" / slug / "index.html"))
        assert len(rows) == len(entry.record.figures), slug
        for row, figure in zip(rows, entry.record.figures, strict=True):
            assert figure.id is not None
            label, value, date, source = row.find_all(["th", "td"])
            assert label.get_text(strip=True) == pick(SAMPLE.figures[figure.id].label, language)
            assert value.get_text(strip=True) == stated(figure, language)
            assert date.time is not None and date.time["datetime"] == figure.as_of.isoformat()
            assert date.time.get_text() == fmt.date(figure.as_of)
            link = source.a
            assert link is not None and link["href"] == figure.source_url and link.get_text() == figure.source
            assert row["data-figure"] == figure.id
            shown += 1
    assert shown == sum(len(e.record.figures) for e in SAMPLE.champions.values())
    payfit = figure_rows(parse(sample_site / "fr" / "champions" / "payfit" / "index.html"))[0]
    assert payfit.select_one(".vt-value").get_text() == "plus de 1\u202f000", "the source's lower bound"


def test_an_old_figure_says_so(sample_site: Path) -> None:
    rows = figure_rows(parse(sample_site / "fr" / "champions" / "sigfox" / "index.html"))
    round_2016 = next(row for row in rows if row["data-figure"] == "latest-round")
    assert "vt-old" in round_2016["class"]
    mark = round_2016.select_one(".vt-old-mark")
    assert mark is not None and mark.get_text() == load_messages("fr").gettext("old figure")


# The directory ------------------------------------------------------------------------------


def employees(slug: str) -> float | None:
    found = [f.value for f in SAMPLE.champions[slug].record.figures if f.id == "employees"]
    return found[0] if found else None


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_directory_shows_and_sorts_by_employees(sample_site: Path, language: str) -> None:
    page = parse(sample_site / language / "champions" / "index.html")
    sorts = [option["value"] for option in page.select("select[data-vt-sort] option")]
    assert "employees" in sorts
    tiles = {li.a["href"].strip("./").split("/")[-1]: li for li in page.select("li[data-vt-item]")}
    by_rank = sorted(tiles, key=lambda slug: int(tiles[slug]["data-sort-employees"]))
    reported = [slug for slug in by_rank if employees(slug) is not None]
    assert len(reported) >= 5, "enough champions report it to compare"
    assert by_rank[: len(reported)] == reported, "those that report none come last"
    values = [employees(slug) for slug in reported]
    assert values == sorted(values, reverse=True)  # type: ignore[type-var]
    for slug, tile in tiles.items():
        shown = tile.select_one(".vt-tile-figure[data-figure=employees]")
        figure = next((f for f in SAMPLE.champions[slug].record.figures if f.id == "employees"), None)
        if figure is None:
            assert shown is None, slug
            continue
        assert shown is not None and shown["data-as-of"] == figure.as_of.isoformat()
        text = shown.get_text()
        assert stated(figure, language) in text and str(figure.as_of.year) in text, (slug, text)


# Errors -----------------------------------------------------------------------------------------

FIGURE = """\
figures:
  - id: {kind}
    value: 120
    unit: {unit}
    as_of: 2022-05-11
    source: Presse
    source_url: https://example.org/article
"""


def errors_of(project: Project, figure: str) -> list[str]:
    project.write("champions/champion-test/champion.yml", CHAMPION + figure)
    with pytest.raises(ContentErrors) as caught:
        load_catalogue(project.root, SITE_LANGUAGES)
    return [str(error) for error in caught.value]


def test_an_unknown_figure_id_names_file_line_field_and_allowed_ids(project: Project) -> None:
    assert errors_of(project, FIGURE.format(kind="employes", unit="count")) == [
        "champions/champion-test/champion.yml:12:5: figures[0].id: unknown figure 'employes'; "
        "allowed: employees, funds-raised, latest-round (did you mean 'employees'?)"
    ]


def test_a_unit_the_kind_does_not_allow_is_an_error(project: Project) -> None:
    [error] = errors_of(project, FIGURE.format(kind="latest-round", unit="GBP"))
    assert error.startswith("champions/champion-test/champion.yml:14:5: figures[0].unit: ")
    assert "'EUR' or 'USD'" in error


def test_a_figure_needs_an_id_or_a_label(project: Project) -> None:
    [error] = errors_of(project, FIGURE.format(kind="employees", unit="count").replace("  - id: employees\n", "  -\n"))
    assert error.startswith("champions/champion-test/champion.yml:") and "figures[0]: neither id nor label" in error
