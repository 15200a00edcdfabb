"""Criteria scorecards and comparison pages: one page per criterion and language, each numeric
indicator charted at build time as SVG in the identity's colours and followed by the table of the
same values, formatted for the page's language; the scorecard of every quartier page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from playwright.sync_api import Browser
from tests.conftest import REPO, SITE_LANGUAGES, Project, new_project, parse

from vitrine.catalogue.charts import WIDTH, ChartColours, Domain, Row, domain, horizontal_chart
from vitrine.i18n.messages import load_messages
from vitrine.identity.tokens import load_identity
from vitrine.model.catalogue import Entry, load_catalogue
from vitrine.model.comparison import compare
from vitrine.model.records import Indicator, Quartier

SAMPLE = load_catalogue(REPO, SITE_LANGUAGES)
IDENTITY = load_identity(REPO / "identity.yml", "identity.yml")
IN_FRANCE = sum(entry.record.kind != "hub" for entry in SAMPLE.quartiers.values())
NARROW = "\u202f"  # French groups thousands with a narrow no-break space

SECOND = """\
name: Quartier Deux
kind: metropole
tagline: {fr: Un second quartier., en: A second quarter.}
cities: [Lyon]
country: FR
location: {lat: 45.76, lon: 4.84}
label: {status: labelled, wave: 1, date: 2014-11-12}
criteria:
  access:
    text: {fr: Accès., en: Access.}
    indicators:
      - {id: rail-minutes-to-paris, value: 124, as_of: 2020-01-01, source: Horaires}
  real-estate:
    text: {fr: Immobilier., en: Premises.}
    indicators:
      - {id: flagship-floor-area, value: 17000, as_of: 2019-03-01, source: Ville, source_url: "https://example.org/ville"}
  networks:
    text: {fr: Réseaux., en: Networks.}
    indicators:
      - {id: fibre-coverage, value: 80, as_of: 2021-01-01, source: Arcep}
  ecosystem: {text: {fr: Écosystème., en: Ecosystem.}}
  open-innovation: {text: {fr: Fab lab., en: Fab lab.}}
  networking:
    text: {fr: Réseau., en: Networking.}
    indicators:
      - {id: welcome-desk, value: true, as_of: 2021-01-01, source: Préfecture}
  business-environment: {text: {fr: Environnement., en: Environment.}}
  governance: {text: {fr: Gouvernance., en: Governance.}}
"""

# Indicators are data: a project defines its own, here a percentage and a yes-no one that the
# sample's criteria (which keep only what the public record reports) do not have.
PROJECT_INDICATORS = {
    "    indicators: []  # no source publishes coverage or trials per quartier\n": """\
    indicators:
      - id: fibre-coverage
        label: {fr: Locaux raccordables à la fibre, en: Premises that can connect to fibre}
        unit: percent
""",
    "    indicators: []  # no source counts partners or welcome desks per quartier\n": """\
    indicators:
      - id: welcome-desk
        label: {fr: Guichet d'accueil des talents, en: Welcome desk for talent}
        unit: yes-no
        type: yes-no
""",
}


def sample_values(criterion: str, indicator: str) -> list[tuple[Entry[Quartier], Indicator]]:
    """The sample's values of one indicator, read from the records (the pages must show these)."""
    return [
        (entry, value)
        for entry in SAMPLE.quartiers.values()
        if criterion in entry.record.criteria
        for value in entry.record.criteria[criterion].indicators
        if value.id == indicator
    ]


def section(page: BeautifulSoup, indicator: str) -> Tag:
    found = page.select_one(f'section.vt-comparison-indicator[data-indicator="{indicator}"]')
    assert found is not None, indicator
    return found


def chart_rows(chart: Tag) -> list[tuple[str, str]]:
    return [
        (row.select_one(".vt-chart-label").get_text(), row.select_one(".vt-chart-value").get_text())
        for row in chart.select("g.vt-chart-row")
    ]


def table_rows(table: Tag) -> list[tuple[str, ...]]:
    return [tuple(cell.get_text(strip=True) for cell in row.select("th, td")) for row in table.select("tbody tr")]


def figure_parts(part: Tag) -> tuple[Tag, Tag, Tag]:
    """The chart, its caption and the table that follows the figure."""
    figure = part.select_one("figure.vt-figure")
    assert figure is not None
    chart, caption = figure.select_one("svg.vt-chart"), figure.select_one("figcaption")
    table = figure.find_next_sibling()
    assert chart is not None and caption is not None and isinstance(table, Tag)
    return chart, caption, table


# The sample site -------------------------------------------------------------------


def test_one_comparison_page_per_criterion_and_language(sample_site: Path) -> None:
    for language in SITE_LANGUAGES:
        title = load_messages(language).gettext("Criterion {number} compared: {title}")
        directory = parse(sample_site / language / "quartiers" / "index.html")
        links = [a["href"] for a in directory.select("nav.vt-comparisons a")]
        assert links == [f"../criteres/{c.id}/" for c in sorted(SAMPLE.criteria, key=lambda c: c.number)]
        for criterion in SAMPLE.criteria:
            page = parse(sample_site / language / "criteres" / criterion.id / "index.html")
            assert page.html["lang"] == language
            expected = title.format(number=criterion.number, title=criterion.title.get(language, criterion.title["fr"]))
            assert page.select_one("article.vt-comparison h1").get_text(strip=True) == expected
            parts = page.select("section.vt-comparison-indicator")
            assert [p["data-indicator"] for p in parts] == [i.id for i in criterion.indicators]


def test_a_year_indicator_is_charted_then_tabled_with_the_same_values(sample_site: Path) -> None:
    page = parse(sample_site / "fr" / "criteres" / "real-estate" / "index.html")
    part = section(page, "flagship-opened")
    chart, caption, table = figure_parts(part)
    assert chart["role"] == "img" and chart["aria-labelledby"] == caption["id"]
    assert chart.name == "svg" and chart["viewbox"].startswith(f"0 0 {WIDTH} ")
    # Years are positions in time: dots on an axis, earliest first, not bars from zero.
    assert chart.select("circle.vt-chart-dot") and not chart.select("rect.vt-chart-bar")
    # an opening year is a date already: its dot carries no year of count
    # earliest first, then by name: the sample's own values, read from its records
    years = sorted(
        (int(indicator.value), entry.record.name)
        for entry, indicator in sample_values("real-estate", "flagship-opened")
        if indicator.coverage is None
    )
    assert len(years) >= 5
    assert chart_rows(chart) == [
        (name, str(year)) for year, name in sorted(years, key=lambda v: (v[0], v[1].casefold()))
    ]
    # the axis runs a year either side of the values
    assert [a.get_text() for a in chart.select(".vt-chart-axis text")] == [str(years[0][0] - 1), str(years[-1][0] + 1)]
    rows = table_rows(table)
    reported = [row for row in rows if row[1] != "non communiqué"]
    assert [row[:2] for row in reported] == chart_rows(chart), "the table shows the chart's values, in its order"
    lille = next(row for row in reported if row[0] == "Lille is French Tech")
    assert lille == ("Lille is French Tech", "2009", "27 juin 2024", "EuraTechnologies")
    assert len(rows) == IN_FRANCE and all(row[1:] == ("non communiqué",) for row in rows[len(reported) :])
    count = len(reported)
    assert part.select_one(".vt-coverage").get_text(strip=True) == (
        f"Quartiers l'ayant communiqué : {count} sur {IN_FRANCE}"
    )


def test_text_indicators_are_tables_only(sample_site: Path) -> None:
    # The sample's governing bodies are names: a table of them, no chart. Every quartier in France
    # is a row, and a hub abroad only when it documents the criterion (a founding year, say).
    part = section(parse(sample_site / "en" / "criteres" / "governance" / "index.html"), "governance-body")
    assert part.select_one("svg") is None and part.select_one("figure") is None
    rows = {row[0]: row[1:] for row in table_rows(part.select_one("table"))}
    reported = sample_values("governance", "governance-body")
    hubs = [
        e.record.name for e in SAMPLE.quartiers.values() if e.record.kind == "hub" and "governance" in e.record.criteria
    ]
    assert len(reported) >= 5 and hubs and len(rows) == IN_FRANCE + len(hubs)
    for entry, indicator in reported:
        assert rows[entry.record.name][0] == indicator.value, entry.slug
    assert all(rows[name][0] == "not reported" for name in hubs if name not in {e.record.name for e, _ in reported})
    assert sum(cells == ("not reported",) for cells in rows.values()) == IN_FRANCE + len(hubs) - len(reported)


def test_an_indicator_nobody_reports_is_said_so_without_a_table(compared: Project) -> None:
    # Neither quartier of the small project names its governing body: no chart, no table of
    # "not reported" rows either; the page says so (test_indicators.py covers the other cases).
    part = section(compared.html("en/criteres/governance/index.html"), "governance-body")
    assert part.select_one("svg") is None and part.select_one("figure") is None
    assert part.select_one("table") is None
    note = part.select_one(".vt-few")
    assert (
        note is not None and note.get_text() == "The network does not publish this figure: no quartier reports it yet."
    )


def test_a_criterion_no_source_reports_says_so(sample_site: Path) -> None:
    page = parse(sample_site / "en" / "criteres" / "networks" / "index.html")
    assert not page.select("section.vt-comparison-indicator")
    assert "This criterion has no indicator yet." in page.select_one("article.vt-comparison").get_text()


def test_yes_no_indicators_are_tables_only(compared: Project) -> None:
    part = section(compared.html("en/criteres/networking/index.html"), "welcome-desk")
    assert part.select_one("svg") is None and part.select_one("figure") is None
    assert table_rows(part.select_one("table.vt-comparison-table")) == [
        ("Quartier Deux", "yes", "January 1, 2021", "Préfecture"),
        ("Quartier Test", "not reported"),
    ]


def test_hubs_appear_only_when_they_document_the_criterion() -> None:
    criterion = next(c for c in SAMPLE.criteria if c.id == "access")
    listed = {
        entry.slug
        for entry in (
            *compare(SAMPLE, criterion)[0].missing,
            *(r.entry for r in compare(SAMPLE, criterion)[0].reported),
        )
    }
    hubs = {slug for slug, entry in SAMPLE.quartiers.items() if entry.record.kind == "hub"}
    assert listed and not listed & hubs


def test_scorecard_links_every_criterion_with_indicators_to_its_comparison(sample_site: Path) -> None:
    page = parse(sample_site / "fr" / "quartiers" / "lille" / "index.html")
    criteria = page.select(".vt-scorecard .vt-criterion")
    assert len(criteria) == 8
    for criterion, definition in zip(criteria, sorted(SAMPLE.criteria, key=lambda c: c.number), strict=True):
        link = criterion.select_one(".vt-coverage a")
        if not definition.indicators:  # nothing to compare: the text alone, no link to an empty page
            assert link is None and not criterion.select("table")
            continue
        assert link is not None and link["href"] == f"../../criteres/{definition.id}/"
        rows = [row["data-indicator"] for row in criterion.select("tr[data-indicator]")]
        # a table of every indicator once one is reported; else one line and no table
        assert rows == [i.id for i in definition.indicators] or (not rows and criterion.select_one(".vt-none"))
    access = page.select_one("#criterion-access .vt-coverage").get_text(" ", strip=True)
    lille = SAMPLE.quartiers["lille"].record.criteria["access"].indicators
    assert 0 < len(lille) < 3 and access.startswith(f"Indicateurs communiqués : {len(lille)} sur 2")
    bare = next(slug for slug, e in SAMPLE.quartiers.items() if e.record.kind == "hub" and not e.record.criteria)
    hub = parse(sample_site / "en" / "quartiers" / bare / "index.html")
    assert hub.select_one(".vt-scorecard-none") is not None and not hub.select(".vt-criterion")


def test_no_style_attribute_nor_inline_handler(sample_site: Path) -> None:
    for language in SITE_LANGUAGES:
        for path in (sample_site / language / "criteres").rglob("index.html"):
            for element in parse(path).find_all(True):
                bad = [name for name in element.attrs if name == "style" or name.startswith("on")]
                assert not bad, f"{path}: <{element.name} {bad}>"
            assert "<style" not in path.read_text(encoding="utf-8")


# A small project with figures to compare -----------------------------------------------


@pytest.fixture(scope="module")
def compared(tmp_path_factory: pytest.TempPathFactory, project_cache: Path) -> Project:
    project = new_project(tmp_path_factory.mktemp("compared"), cache=project_cache)
    project.catalogue_option("compared_from: 1")  # two quartiers: chart what one reports
    criteria = (project.root / "quartiers" / "criteria.yml").read_text(encoding="utf-8")
    for sample, own in PROJECT_INDICATORS.items():
        assert sample in criteria
        criteria = criteria.replace(sample, own)
    project.write("quartiers/criteria.yml", criteria)
    project.write("quartiers/quartier-deux/quartier.yml", SECOND)
    project.write("quartiers/quartier-deux/fr.md", "Un second récit.\n")
    result = project.build()
    assert result.returncode == 0, result.stderr
    return project


def bars(chart: Tag) -> list[tuple[float, float]]:
    return [(float(bar["x"]), float(bar["width"])) for bar in chart.select("rect.vt-chart-bar")]


def test_amounts_are_bars_from_zero_formatted_for_each_language(compared: Project) -> None:
    expected = {
        "fr": [("Quartier Test", f"34{NARROW}000{NARROW}m²"), ("Quartier Deux", f"17{NARROW}000{NARROW}m²")],
        "en": [("Quartier Test", "34,000 m²"), ("Quartier Deux", "17,000 m²")],
        "de": [("Quartier Test", "34.000 m²"), ("Quartier Deux", "17.000 m²")],
    }
    for language, rows in expected.items():
        chart, _caption, table = figure_parts(
            section(compared.html(f"{language}/criteres/real-estate/index.html"), "flagship-floor-area")
        )
        # each bar says the year its value counts; the table gives the full date
        assert chart_rows(chart) == [
            (name, f"{value} ({year})") for (name, value), year in zip(rows, (2017, 2019), strict=True)
        ]
        assert [row[:2] for row in table_rows(table)] == rows, "the table shows the chart's numbers"
        assert bars(chart) == [(0, WIDTH), (0, WIDTH / 2)]
    _chart, _caption, table = figure_parts(
        section(compared.html("en/criteres/real-estate/index.html"), "flagship-floor-area")
    )
    source = table.select_one('tr[data-quartier="quartier-deux"] a[rel=external]')
    assert source is not None and source["href"] == "https://example.org/ville" and source.get_text() == "Ville"
    assert table_rows(table)[1][2] == "March 1, 2019"


def test_a_percentage_runs_to_100_and_an_unreported_value_is_listed(compared: Project) -> None:
    part = section(compared.html("en/criteres/networks/index.html"), "fibre-coverage")
    chart, _caption, table = figure_parts(part)
    assert chart_rows(chart) == [("Quartier Deux", "80% (2021)")]
    assert bars(chart) == [(0, WIDTH * 0.8)]
    assert table_rows(table) == [
        ("Quartier Deux", "80%", "January 1, 2021", "Arcep"),
        ("Quartier Test", "not reported"),
    ]
    money = section(compared.html("fr/criteres/ecosystem/index.html"), "funds-raised")
    assert chart_rows(figure_parts(money)[0]) == [("Quartier Test", f"200{NARROW}000{NARROW}000\xa0€ (2013)")]


def test_chart_colours_come_from_the_identity_tokens(compared: Project) -> None:
    chart = figure_parts(section(compared.html("en/criteres/access/index.html"), "rail-minutes-to-paris"))[0]
    light = IDENTITY.palette.light
    assert {bar["fill"] for bar in chart.select(".vt-chart-bar")} == {light.primary}
    assert {text["fill"] for text in chart.select("text")} == {light.text}
    css = (compared.site / "assets" / "vitrine.css").read_text(encoding="utf-8")
    assert re.search(r"\.vt-chart \.vt-chart-bar[^{]*\{ fill: var\(--vt-primary\); \}", css)


def test_a_right_to_left_chart_is_mirrored(compared: Project) -> None:
    chart = figure_parts(section(compared.html("he/criteres/access/index.html"), "rail-minutes-to-paris"))[0]
    assert chart["direction"] == "rtl"
    assert [round(x + width, 1) for x, width in bars(chart)] == [WIDTH, WIDTH], "bars grow from the right edge"
    assert bars(chart)[1] == (round(WIDTH - WIDTH * 62 / 124, 1), WIDTH * 62 / 124)
    labels = chart.select(".vt-chart-label")
    assert {label["x"] for label in labels} == {str(WIDTH)}


def test_scorecard_of_a_project_quartier(compared: Project) -> None:
    page = compared.html("en/quartiers/quartier-deux/index.html")
    rows = {
        row["data-indicator"]: [td.get_text(strip=True) for td in row.select("td")]
        for row in page.select("tr[data-indicator]")
    }
    assert rows["flagship-floor-area"] == ["17,000 m²", "March 1, 2019", "Ville"]
    assert rows["rail-minutes-to-paris"] == ["124 min", "January 1, 2020", "Horaires"]
    assert rows["airport-passengers"] == ["not reported"]
    # nothing sourced for the ecosystem: one line, no table of empty rows
    assert "startups" not in rows and page.select_one("#criterion-ecosystem .vt-none") is not None
    link = page.select_one('tr[data-indicator="flagship-floor-area"] a')
    assert link is not None and link["href"] == "https://example.org/ville"
    fr = compared.html("fr/quartiers/quartier-deux/index.html")
    assert [td.get_text(strip=True) for td in fr.select('tr[data-indicator="flagship-floor-area"] td')][:2] == [
        f"17{NARROW}000{NARROW}m²",
        "1 mars 2019",
    ]


# The chart drawing alone -------------------------------------------------------------


def test_charts_are_deterministic_and_escape_their_text() -> None:
    rows = [Row("A <b>&</b>", 3.0, "3"), Row("B", 1.0, "1")]
    colours = ChartColours("#112233", "#000000", "#eeeeee")
    first = horizontal_chart(rows, labelled_by="c", mark="bar", scale=domain([3.0, 1.0], "bar"), colours=colours)
    again = horizontal_chart(rows, labelled_by="c", mark="bar", scale=domain([3.0, 1.0], "bar"), colours=colours)
    assert first == again
    assert "A &lt;b&gt;&amp;&lt;/b&gt;" in first and "<b>" not in first
    assert 'width="160"' in first  # one third of 480, written without a trailing .0


def test_domains() -> None:
    assert domain([5.0, 20.0], "bar") == Domain(0, 20.0)
    assert domain([5.0], "bar", percent=True) == Domain(0, 100.0)
    assert domain([2009.0, 2017.0], "dot") == Domain(2008.0, 2018.0)
    assert domain([], "bar") == Domain(0, 1)
    assert Domain(0, 0).share(0) == 0.5
    assert Domain(0, 10).share(-3) == 0.0


# In Chromium --------------------------------------------------------------------------


# Axe, console and requests on the page are checked with every page type in test_browser.py.


# Latin names on right-to-left pages ----------------------------------------------------


# The x of the "+" minus the x of the "B" of "Brest Tech+", in every place the name is shown: a
# Latin name keeps its own order on a Hebrew page (`<bdi>`, and first-strong isolates in the SVG),
# where the bidirectional algorithm would otherwise move the trailing "+" to its left.
PLUS_AFTER_NAME = """(selector) => [...document.querySelectorAll(selector)]
  .filter(node => node.textContent.includes('Brest Tech+'))
  .map(node => {
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    let text; while ((text = walker.nextNode()) && !text.data.includes('Brest Tech+')) {}
    const at = text.data.indexOf('Brest Tech+'), range = document.createRange();
    const x = i => { range.setStart(text, i); range.setEnd(text, i + 1); return range.getBoundingClientRect().x; };
    return x(at + 10) - x(at);
  })"""


@pytest.mark.browser
@pytest.mark.parametrize(
    ("path", "selector"),
    [
        ("criteres/access/", ".vt-comparison-table th a"),
        ("criteres/access/", "svg.vt-chart text.vt-chart-label"),
        ("quartiers/", ".vt-directory a, .vt-card a, main a"),
        ("quartiers/brest/", "h1"),
    ],
)
@pytest.mark.parametrize("language", ["he", "fr"])
def test_a_latin_name_keeps_its_order_on_a_right_to_left_page(
    browser: Browser, server: str, language: str, path: str, selector: str
) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto(server + f"{language}/{path}", wait_until="networkidle")
    offsets = page.evaluate(PLUS_AFTER_NAME, selector)
    context.close()
    assert offsets and all(offset > 0 for offset in offsets), (path, selector, offsets)
