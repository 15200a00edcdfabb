"""Each language's home is a landing page: hero, figures counted from the records, the France
map, the featured champions and the newest posts, every link leading to a built page."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Tag
from tests.conftest import EDITORIAL, REPO, SITE_LANGUAGES, Project, parse

from vitrine.model.catalogue import load_catalogue
from vitrine.model.landing import LABELLED_IN_FRANCE


def _target(site: Path, home: str, href: str) -> Path:
    """The built file a link of the home `/<lang>/` leads to (query and fragment dropped)."""
    path = urlsplit(urljoin(f"http://site/{home}", href)).path.lstrip("/")
    return site / path / "index.html" if not path or path.endswith("/") else site / path


def _expected_counts() -> dict[str, int]:
    catalogue = load_catalogue(REPO, SITE_LANGUAGES)
    quartiers = [entry.record for entry in catalogue.quartiers.values()]
    return {
        "labelled": sum(q.kind in ("metropole", "capitale") and q.label.status == "labelled" for q in quartiers),
        "thematic": sum(q.kind == "thematic" for q in quartiers),
        "abroad": sum(q.kind == "hub" for q in quartiers),
        "champions": len(catalogue.champions),
        "capitals": len({p for q in quartiers for p in q.partners}),
        "languages": len(SITE_LANGUAGES),
    }


def _section(soup: BeautifulSoup, cls: str) -> Tag:
    section = soup.select_one(f".vt-landing .{cls}")
    assert section is not None, cls
    return section


def test_labelled_kinds_are_the_metropolises_and_capitals() -> None:
    assert set(LABELLED_IN_FRANCE) == {"metropole", "capitale"}


def test_every_home_has_hero_figures_from_the_records_and_no_sidebar(sample_site: Path) -> None:
    expected = _expected_counts()
    for language in SITE_LANGUAGES:
        soup = parse(sample_site / language / "index.html")
        hero = _section(soup, "vt-hero")
        assert hero.h1 is not None and hero.h1.get_text(strip=True)
        assert len(soup.find_all("h1")) == 1
        assert hero.select_one("img.vt-hero-mark") is not None
        assert hero.select_one(".vt-pitch") is not None
        ways = [_target(sample_site, f"{language}/", str(a["href"])) for a in hero.select(".vt-ways a")]
        assert [p.parent.name for p in ways] == ["quartiers", "champions", "charte"]
        assert all(p.is_file() for p in ways)
        figures = {str(li["data-figure"]): li for li in soup.select(".vt-key-figures li")}
        assert set(figures) == set(expected), language
        for key, li in figures.items():
            assert int(str(li["data-count"])) == expected[key], (language, key)
            value = li.select_one(".vt-figure-value")
            assert value is not None and value.get_text(strip=True) == str(expected[key])  # all below 1,000
            link = li.find("a")
            assert link is not None, (language, key)
            assert _target(sample_site, f"{language}/", str(link["href"])).is_file(), (language, key)
        for sidebar in soup.select(".md-sidebar"):
            assert sidebar.has_attr("hidden")


def test_figures_equal_the_counts_of_the_published_open_data(sample_site: Path) -> None:
    """What a journalist can recount from /data/ is what the home says, in every language."""
    quartiers = json.loads((sample_site / "data" / "quartiers.json").read_text(encoding="utf-8"))["quartiers"]
    champions = json.loads((sample_site / "data" / "champions.json").read_text(encoding="utf-8"))["champions"]
    published = {
        "labelled": sum(q["kind"] in LABELLED_IN_FRANCE and q["label_status"] == "labelled" for q in quartiers),
        "thematic": sum(q["kind"] == "thematic" for q in quartiers),
        "abroad": sum(q["kind"] == "hub" for q in quartiers),
        "champions": len(champions),
        "capitals": len({partner for q in quartiers for partner in q["partners"]}),
        "languages": len({language for q in quartiers for language in q["tagline"]}),
    }
    assert all(published.values()), published  # the sample has some of each
    for language in SITE_LANGUAGES:
        soup = parse(sample_site / language / "index.html")
        shown = {str(li["data-figure"]): int(str(li["data-count"])) for li in soup.select(".vt-key-figures li")}
        assert shown == published, language


def test_figures_link_to_the_directory_filtered_on_what_they_count(sample_site: Path) -> None:
    soup = parse(sample_site / "en" / "index.html")
    links = {str(li["data-figure"]): str(li.a["href"]) for li in soup.select(".vt-key-figures li") if li.a}
    assert links["labelled"] == "quartiers/?kind=metropole&kind=capitale"
    assert links["thematic"] == "quartiers/?kind=thematic"
    assert links["abroad"] == "quartiers/?kind=hub"
    assert links["champions"] == "champions/"
    assert links["capitals"] == "carte/"
    assert _target(sample_site, "en/", links["languages"]) == sample_site / "index.html"


def test_the_france_map_leads_to_every_quartier_in_france(sample_site: Path) -> None:
    catalogue = load_catalogue(REPO, SITE_LANGUAGES)
    for language in ("fr", "he"):
        section = _section(parse(sample_site / language / "index.html"), "vt-home-map")
        svg = section.find("svg")
        assert svg is not None
        hrefs = [str(a.get("href")) for a in svg.find_all("a")]
        slugs = {Path(href.rstrip("/")).name for href in hrefs}
        in_france = {slug for slug, e in catalogue.quartiers.items() if e.record.country == "FR"}
        assert slugs == in_france
        for href in hrefs:
            assert _target(sample_site, f"{language}/", href).is_file(), href
        # Reduced: France and its insets without the neighbouring countries the map page draws.
        assert svg.select_one(".vt-map-home") is not None and svg.select_one(".vt-map-land") is None
        full = parse(sample_site / language / "carte" / "index.html").select_one("#vt-map-france .vt-map-land")
        assert full is not None


def test_featured_champions_are_the_editors_choice_in_every_language(sample_site: Path) -> None:
    front = (REPO / "content" / "fr" / "index.md").read_text(encoding="utf-8")
    line = next(line for line in front.splitlines() if line.startswith("featured:"))
    chosen = [slug.strip() for slug in line.split("[", 1)[1].rstrip("]").split(",")]
    assert chosen
    for language in SITE_LANGUAGES:
        tiles = _section(parse(sample_site / language / "index.html"), "vt-featured").select("li.vt-tile a")
        hrefs = [str(a["href"]) for a in tiles]
        assert [Path(href.rstrip("/")).name for href in hrefs] == chosen, language
        for href in hrefs:
            assert _target(sample_site, f"{language}/", href).is_file()


def test_the_three_newest_posts_newest_first(sample_site: Path) -> None:
    names = sorted(p.stem for p in (REPO / "content" / "fr" / "news").glob("????-??-??-*.md"))
    newest = list(reversed(names))[:3]
    for language in SITE_LANGUAGES:
        items = _section(parse(sample_site / language / "index.html"), "vt-latest").select("ul.vt-posts > li")
        assert [Path(str(li.a["href"]).rstrip("/")).name for li in items] == newest, language
        dates = [dt.date.fromisoformat(str(li.time["datetime"])) for li in items]
        assert dates == sorted(dates, reverse=True)
        for li in items:
            assert _target(sample_site, f"{language}/", str(li.a["href"])).is_file()


def _feature(project: Project, slugs: str) -> None:
    project.write(
        "content/fr/index.md",
        "---\ntitle: Vitrine\nnav_order: 1\nfeatured:\n"
        + "".join(f"  - {s}\n" for s in slugs.split())
        + "---\n\nBienvenue.\n",
    )


def test_a_featured_champion_of_a_small_site_is_its_tile(project: Project) -> None:
    _feature(project, "champion-test")
    result = project.build()
    assert result.returncode == 0, result.stderr
    for language in ("fr", "en"):  # English gives no list: the French one serves it
        tiles = project.html(f"{language}/index.html").select(".vt-featured li.vt-tile a")
        assert [str(a["href"]) for a in tiles] == ["champions/champion-test/"]


def test_an_unknown_featured_champion_stops_build_and_check(project: Project) -> None:
    _feature(project, "champion-test champion-tset")
    expected = "content/fr/index.md:6:5: featured[1]: unknown champion 'champion-tset' (did you mean 'champion-test'?)"
    result = project.build()
    assert result.returncode != 0
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    check = subprocess.run(
        [sys.executable, "-m", "vitrine.cli", "check"], cwd=project.root, capture_output=True, text=True, timeout=600
    )
    assert check.returncode != 0
    in_french = (
        "content/fr/index.md:6:5: featured[1]: champion inconnu 'champion-tset' (vouliez-vous dire 'champion-test' ?)"
    )
    assert in_french in check.stdout


def test_a_home_without_front_matter_list_builds(project: Project) -> None:
    project.write("content/fr/index.md", EDITORIAL.format(title="Vitrine", order=1, body="Bienvenue."))
    result = project.build()
    assert result.returncode == 0, result.stderr
    assert project.html("fr/index.html").select_one(".vt-featured") is None
