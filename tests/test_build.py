"""Real `mkdocs build --strict` runs: the sample site and small projects."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup
from tests.conftest import REPO, SITE_LANGUAGES, Project, mkdocs, parse
from tests.helpers import PAIRS, search_placeholder, with_pair

from vitrine.model.catalogue import load_catalogue
from vitrine.model.records import LABEL_STATUSES
from vitrine.model.yamlsource import read_yaml_file
from vitrine.schemas import SCHEMAS, schema_text

SAMPLE = load_catalogue(REPO, SITE_LANGUAGES)


# The sample site ---------------------------------------------------------------


def test_every_record_has_a_page_in_every_language(sample_site: Path) -> None:
    for language in ("fr", "en"):
        for slug in SAMPLE.quartiers:
            assert (sample_site / language / "quartiers" / slug / "index.html").is_file()
        for slug in SAMPLE.champions:
            assert (sample_site / language / "champions" / slug / "index.html").is_file()


def test_sample_has_the_network_of_public_record() -> None:
    kinds = [entry.record.kind for entry in SAMPLE.quartiers.values()]
    waves = {slug: entry.record.label.wave for slug, entry in SAMPLE.quartiers.items()}
    assert kinds.count("metropole") >= 14 and kinds.count("thematic") >= 4 and kinds.count("hub") >= 8
    assert [slug for slug, wave in waves.items() if wave == 1] == sorted(
        ["aix-marseille", "bordeaux", "grenoble", "lille", "lyon", "montpellier", "nantes", "rennes", "toulouse"]
    )
    assert len(SAMPLE.champions) >= 25


def test_page_language_and_direction(sample_site: Path) -> None:
    for language in ("fr", "en"):
        page = parse(sample_site / language / "quartiers" / "lyon" / "index.html")
        assert page.html["lang"] == language
        assert page.body["dir"] == "ltr"
    assert search_placeholder(parse(sample_site / "en" / "index.html")) == "Search"
    assert search_placeholder(parse(sample_site / "fr" / "index.html")) == "Rechercher"


def test_quartier_page_shows_identity_criteria_and_champions(sample_site: Path) -> None:
    page = parse(sample_site / "en" / "quartiers" / "lille" / "index.html")
    article = page.select_one("article.vt-quartier")
    assert article is not None and article.h1 is not None
    assert article.h1.get_text(strip=True) == "Lille is French Tech"
    facts = {
        dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(" ", strip=True)
        for dt in article.select(".vt-facts dt")
    }
    assert facts["Label"].startswith("Labelled, wave 1, November 12, 2014")
    assert facts["Airport"] == "Lille-Lesquin"
    criteria = article.select(".vt-criterion h3")
    assert [h.get_text(strip=True)[:2] for h in criteria] == [f"{n}." for n in range(1, 9)]
    champions = {
        a.select_one(".vt-tile-name").get_text(strip=True): a["href"]
        for a in article.select(".vt-quartier-champions .vt-champion-tile > a")
    }
    assert champions["Exotec"] == "../../champions/exotec/"
    assert champions["OVHcloud"] == "../../champions/ovhcloud/"


def test_indicators_and_not_reported(sample_site: Path) -> None:
    page = parse(sample_site / "fr" / "quartiers" / "lille" / "index.html")
    row = page.select_one('tr[data-indicator="flagship-opened"]')
    assert row is not None
    assert [td.get_text(strip=True) for td in row.select("td")] == ["2009", "27 juin 2024", "EuraTechnologies"]
    # an indicator of a criterion Lille documents in part: its row says so
    record = yaml.safe_load((REPO / "quartiers" / "lille" / "quartier.yml").read_text(encoding="utf-8"))
    criteria = yaml.safe_load((REPO / "quartiers" / "criteria.yml").read_text(encoding="utf-8"))["criteria"]
    gaps = [
        indicator["id"]
        for criterion in criteria
        for indicator in criterion["indicators"]
        if record["criteria"][criterion["id"]].get("indicators")
        and indicator["id"] not in {i["id"] for i in record["criteria"][criterion["id"]]["indicators"]}
    ]
    assert gaps, "Lille reports some but not all indicators of a criterion"
    missing = page.select_one(f'tr[data-indicator="{gaps[0]}"] td')
    assert missing is not None and missing.get_text(strip=True) == "non communiqué"


def test_champion_links_back_to_its_quartiers(sample_site: Path) -> None:
    page = parse(sample_site / "fr" / "champions" / "sigfox" / "index.html")
    links = page.select(".vt-quartiers a")
    assert [(a.get_text(strip=True), a["href"]) for a in links] == [
        ("French Tech Toulouse", "../../quartiers/toulouse/")
    ]
    assert (sample_site / "fr" / "quartiers" / "toulouse" / "index.html").is_file()


def test_directories_list_every_record(sample_site: Path) -> None:
    quartiers = parse(sample_site / "en" / "quartiers" / "index.html")
    assert len(quartiers.select(".vt-directory a")) == len(SAMPLE.quartiers)
    champions = parse(sample_site / "fr" / "champions" / "index.html")
    assert len(champions.select(".vt-champions a")) == len(SAMPLE.champions)


def test_navigation_is_short_and_in_the_page_language(sample_site: Path) -> None:
    page = parse(sample_site / "en" / "quartiers" / "lille" / "index.html")
    nav = page.select_one("nav.md-nav--primary")
    assert nav is not None
    links = [a["href"] for a in nav.select("a.md-nav__link")]
    assert 5 <= len(links) <= 15
    assert all(not href.startswith("../../../fr/") for href in links)
    titles = [a.get_text(" ", strip=True) for a in nav.select("a.md-nav__link")]
    assert "Quartiers" in titles and "Champions" in titles and "About this site" in titles
    assert "Accessibility statement" not in titles, "another group is one link to its first page (prune)"
    statement = parse(sample_site / "en" / "accessibilite" / "index.html").select("nav.md-nav--primary a.md-nav__link")
    assert "Accessibility statement" in [a.get_text(" ", strip=True) for a in statement]


def test_previous_and_next_stay_within_the_page_language_navigation(sample_site: Path) -> None:
    """Pages in a navigation link their neighbours there; pages outside any (records, comparisons, 404)
    link none: MkDocs had linked every page to its neighbours in the file listing, across kinds and
    languages (the last champion's "next" was a criterion comparison)."""
    charter = parse(sample_site / "en" / "charte" / "index.html")
    assert charter.select(".md-footer__link"), "a navigation page has its neighbours"
    assert charter.select_one("link[rel=prev]") is not None
    for rel in (
        "en/champions/alan/index.html",
        "fr/quartiers/lille/index.html",
        "en/criteres/access/index.html",
        "en/404.html",
    ):
        page = parse(sample_site / rel)
        assert page.select(".md-footer__link") == [], rel
        assert page.select("link[rel=prev], link[rel=next]") == [], rel


def test_editorial_pages_exist_in_both_languages(sample_site: Path) -> None:
    names = sorted(p.name for p in (REPO / "content" / "fr").glob("*.md"))
    assert names == sorted(p.name for p in (REPO / "content" / "en").glob("*.md"))
    for required in (
        "recommandations",
        "charte",
        "paris",
        "international",
        "business-angels",
        "gouvernance",
        "accessibilite",
        "mentions-legales",
        "donnees-personnelles",
    ):
        for language in ("fr", "en"):
            assert (sample_site / language / required / "index.html").is_file()


def test_footer_shows_accessibility_status(sample_site: Path) -> None:
    for language, text in (("fr", "Accessibilité : non conforme"), ("en", "Accessibility: not compliant")):
        footer = parse(sample_site / language / "charte" / "index.html").select_one(".vt-footer a")
        assert footer is not None and footer.get_text(strip=True) == text
        assert footer["href"] == "../accessibilite/"


def test_root_page_links_every_language(sample_site: Path) -> None:
    from mkdocs.config import load_config

    languages = load_config(str(REPO / "mkdocs.yml")).plugins["vitrine/catalogue"].config.languages
    links = parse(sample_site / "index.html").select(".vt-languages a")
    assert [(a["hreflang"], a["href"]) for a in links] == [(lang.code, f"{lang.code}/") for lang in languages]
    assert [a.get_text(strip=True) for a in links][:2] == ["Français", "English"]


def test_no_google_fonts_or_third_party_assets(sample_site: Path) -> None:
    for path in [sample_site / "index.html", sample_site / "en" / "quartiers" / "paris" / "index.html"]:
        html = path.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
        page = parse(path)
        loaded = [
            *page.select('link[rel~="stylesheet"], link[rel~="icon"], link[rel~="preload"]'),
            *page.find_all("script"),
        ]
        for tag, attribute in (("link", "href"), ("script", "src"), ("img", "src")):
            for element in [e for e in [*loaded, *page.find_all("img")] if e.name == tag]:
                value = element.get(attribute) or ""
                assert not value.startswith(("http://", "https://", "//")), value


def test_generated_pages_point_to_their_source(sample_site: Path) -> None:
    from mkdocs.config import load_config

    config = load_config(str(REPO / "mkdocs.yml"))
    assert {"quartiers", "champions"} <= {Path(p).name for p in config.watch}


def test_schemas_are_published_and_match_the_committed_ones(sample_site: Path) -> None:
    for name, model in SCHEMAS.items():
        published = (sample_site / "schema" / f"{name}.schema.json").read_text(encoding="utf-8")
        committed = (REPO / "schema" / f"{name}.schema.json").read_text(encoding="utf-8")
        assert published == committed == schema_text(name, model), f"run `make schema` ({name})"


@pytest.mark.parametrize("kind", ["quartier", "champion"])
def test_sample_records_validate_against_the_json_schema(kind: str) -> None:
    schema = json.loads((REPO / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    files = sorted((REPO / f"{kind}s").glob(f"*/{kind}.yml"))
    assert files
    for path in files:
        first_line = path.read_text(encoding="utf-8").splitlines()[0]
        assert first_line == f"# yaml-language-server: $schema=../../schema/{kind}.schema.json", path
        located, errors = read_yaml_file(path.read_bytes(), path.name)
        assert located is not None and not errors
        data = json.loads(json.dumps(located.data, default=str))
        assert not list(validator.iter_errors(data)), path


def test_the_schema_flags_a_status_that_contradicts_the_kind() -> None:
    """Editors' tools apply the table of model.records while typing, as `vitrine check` does."""
    schema = json.loads((REPO / "schema" / "quartier.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    for kind, status in PAIRS:
        located, _errors = read_yaml_file(with_pair(kind, status).encode(), "quartier.yml")
        assert located is not None
        errors = list(validator.iter_errors(json.loads(json.dumps(located.data, default=str))))
        if status in LABEL_STATUSES[kind]:
            assert errors == [], (kind, status)
        else:
            assert [list(e.path) for e in errors] == [["label", "status"]], (kind, status)


def test_vscode_maps_every_schema() -> None:
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapped = {Path(schema).name for schema in settings["yaml.schemas"]}
    assert mapped == {f"{name}.schema.json" for name in SCHEMAS}


# Small projects ------------------------------------------------------------------


def test_numbers_and_dates_are_formatted_for_the_page_language(project: Project) -> None:
    result = project.build()
    assert result.returncode == 0, result.stderr
    values = {}
    for language in ("fr", "en"):
        page = project.html(f"{language}/quartiers/test/index.html")
        values[language] = {
            row["data-indicator"]: [td.get_text(strip=True) for td in row.select("td")]
            for row in page.select("tr[data-indicator]")
        }
    # 2013 is more than five years before the project's content date (2020): marked as old
    assert values["fr"]["funds-raised"][:2] == ["200\u202f000\u202f000\xa0€", "28 juin 2013chiffre ancien"]
    assert values["en"]["funds-raised"][:2] == ["€200,000,000", "June 28, 2013old figure"]
    assert values["fr"]["flagship-floor-area"][0] == "34\u202f000\u202fm²"
    assert values["en"]["flagship-floor-area"][0] == "34,000 m²"
    assert values["en"]["rail-minutes-to-paris"][0] == "62 min"
    assert values["en"]["airport-passengers"] == ["not reported"]


def test_missing_translation_falls_back_to_french_with_a_notice(project: Project) -> None:
    assert project.build().returncode == 0
    page = project.html("en/quartiers/test/index.html")
    notice = page.select_one(".vt-notice")
    assert notice is not None and "shown in French" in notice.get_text()
    assert "Un récit en français." in page.select_one(".vt-narrative").get_text()
    assert page.select_one(".vt-tagline").get_text(strip=True) == "A test quarter."
    project.write(
        "quartiers/test/quartier.yml",
        (project.root / "quartiers/test/quartier.yml").read_text().replace("  en: A test quarter.\n", ""),
    )
    assert project.build().returncode == 0
    tagline = project.html("en/quartiers/test/index.html").select_one(".vt-tagline")
    assert tagline is not None and tagline.get_text(strip=True) == "Un quartier d'essai."


def test_capitale_and_community_in_france_are_published_in_their_own_words(project: Project) -> None:
    project.write("quartiers/test/quartier.yml", with_pair("community", "community"))
    capitale = with_pair("capitale", "labelled").replace("Quartier Test", "Capitale Test")
    project.write(
        "quartiers/capitale-test/quartier.yml", capitale.replace("lat: 50.63, lon: 3.02", "lat: 45.76, lon: 4.84")
    )
    result = project.build()
    assert result.returncode == 0, result.stderr
    shown = {
        (language, slug): facts(project.html(f"{language}/quartiers/{slug}/index.html"))
        for language in ("fr", "en")
        for slug in ("test", "capitale-test")
    }
    assert shown["en", "test"]["Kind"] == "Community in France"
    assert shown["en", "test"]["Label"].startswith("French Tech community, wave 1")
    assert shown["fr", "test"]["Type"] == "Communauté en France"
    assert shown["fr", "test"]["Label"].startswith("Communauté French Tech, vague 1")
    assert shown["en", "capitale-test"]["Kind"] == "French Tech Capital"
    assert shown["fr", "capitale-test"]["Type"] == "Capitale French Tech"
    assert shown["fr", "capitale-test"]["Label"].startswith("Labellisé, vague 1")

    directory = project.html("en/quartiers/index.html")
    assert [box["value"] for box in directory.select("input[name=kind]")] == ["capitale", "community"]
    assert [h.get_text(strip=True) for h in directory.select("section[data-vt-group] h2")] == [
        "French Tech Capitals",
        "Communities in France",
    ]
    carte = project.html("en/carte/index.html")
    legend = carte.select("#map-france ~ .vt-map-legend li")
    assert [(li.svg["data-kind"], li.get_text(strip=True)) for li in legend] == [
        ("capitale", "French Tech Capital"),
        ("community", "Community in France"),
    ]
    points = {a["data-slug"]: a for a in carte.select("#vt-map-france a.vt-map-point")}
    assert points["test"]["data-kind"] == "community" and points["test"].select_one("path.vt-map-marker")
    assert points["capitale-test"]["data-kind"] == "capitale" and points["capitale-test"].select_one(
        "path.vt-map-marker"
    )


def facts(page: BeautifulSoup) -> dict[str, str]:
    """A record page's facts: each `<dt>` with the text of its `<dd>`."""
    return {
        dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(" ", strip=True)
        for dt in page.select(".vt-facts dt")
    }


def test_content_errors_abort_cleanly_with_every_message(project: Project) -> None:
    quartier = project.root / "quartiers/test/quartier.yml"
    quartier.write_text(quartier.read_text().replace("date: 2014-11-12", "date: 2014-02-30"))
    project.write("champions/champion-test/champion.yml", "name: Champion Test\nname: Twice\n")
    project.write("content/en/broken.md", "---\ntitle: [unclosed\n---\nBody\n")
    result = project.build()
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert 'quartiers/test/quartier.yml:12:3: label.date: "2014-02-30" is not a valid date' in result.stderr
    assert (
        "champions/champion-test/champion.yml:2:1: name: duplicate key 'name' (first defined on line 1)"
        in result.stderr
    )
    assert "content/en/broken.md:3:1: invalid YAML" in result.stderr
    assert "Aborted with a BuildError!" in result.stdout + result.stderr


def test_editorial_page_outside_a_language_folder(project: Project) -> None:
    project.write("content/about.md", "# About\n")
    result = project.build()
    assert result.returncode == 1
    assert "content/about.md: page is outside a language folder (move it to content/fr/" in result.stderr


def test_unknown_front_matter_field(project: Project) -> None:
    project.write("content/fr/a-propos.md", "---\ntitel: À propos\n---\nTexte\n")
    result = project.build()
    assert result.returncode == 1
    assert "content/fr/a-propos.md:2:1: titel: unknown field (did you mean 'title'?)" in result.stderr


def test_page_taking_a_generated_address(project: Project) -> None:
    project.write("content/fr/quartiers/test.md", "Texte\n")
    result = project.build()
    assert result.returncode == 1
    assert (
        "content/fr/quartiers/test.md: this page takes the address of the generated page for quartiers/test/quartier.yml"
        in result.stderr
    )


def test_edit_link_of_a_record_page_points_at_its_record(project: Project) -> None:
    config = (project.root / "mkdocs.yml").read_text()
    config = config.replace(
        "site_url:", "repo_url: https://git.example.org/vitrine\nedit_uri: edit/main/content/\nsite_url:"
    )
    config = config.replace("  features:\n", "  features:\n    - content.action.edit\n")
    (project.root / "mkdocs.yml").write_text(config)
    result = project.build()
    assert result.returncode == 0, result.stderr
    edit = project.html("fr/quartiers/test/index.html").select_one('a[href*="/edit/"]')
    assert edit is not None and edit["href"] == "https://git.example.org/vitrine/edit/main/quartiers/test/quartier.yml"
    edit = project.html("en/index.html").select_one('a[href*="/edit/"]')
    assert edit is not None and edit["href"] == "https://git.example.org/vitrine/edit/main/content/en/index.md"


@pytest.mark.parametrize("plugin", ["vitrine/maps", "vitrine/showcase", "vitrine/i18n", "vitrine/editor"])
def test_a_plugin_without_the_catalogue_says_how_to_enable_it(plugin: str, tmp_path: Path) -> None:
    """Each plugin asks for its siblings through one typed accessor (vitrine/siblings.py)."""
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "index.md").write_text("# Index\n", encoding="utf-8")
    options = "\n      enabled: true" if plugin == "vitrine/editor" else ""
    config = f"site_name: Test\ndocs_dir: content\nplugins:\n  - {plugin}:{options or ' {}'}\n"
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    if plugin == "vitrine/editor":
        (tmp_path / "editor").symlink_to(REPO / "editor")
    result = mkdocs("build", cwd=tmp_path)
    assert result.returncode == 1
    expected = f"{plugin} needs the vitrine/catalogue plugin: add `- vitrine/catalogue` under `plugins:`"
    assert expected in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_the_build_cache_is_where_cache_dir_says(project: Project) -> None:
    """One option places every plugin's part of the cache; nothing is written to .cache/ then."""
    project.own_cache()
    config = project.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("  - vitrine/catalogue:\n", "  - vitrine/catalogue:\n      cache_dir: build-cache\n", 1)
    )
    result = project.build()
    assert result.returncode == 0, result.stderr
    assert not (project.root / ".cache").exists()
    assert {"cards", "maps", "templates", "yaml"} <= {p.name for p in (project.root / "build-cache").iterdir()}


@pytest.mark.parametrize(
    ("plugin", "option", "value", "expected"),
    [
        ("vitrine/render", "workers", "-1", "expected a whole number from 0 to 256, got -1"),
        ("vitrine/publish", "workers", "2", "'workers' is now an option of the vitrine/render plugin"),
        ("vitrine/publish", "site_budget_mb", "0", "expected a whole number from 1 or more, got 0"),
        ("vitrine/editor", "proxy_port", "70000", "expected a whole number from 1 to 65535, got 70000"),
        ("vitrine/catalogue", "old_after_years", "true", "expected a whole number, not true"),
    ],
)
def test_an_option_out_of_range_stops_the_build_with_its_name(
    project: Project, plugin: str, option: str, value: str, expected: str
) -> None:
    project.forking()  # vitrine/render on one line, as the repository has it
    config = project.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = re.sub(rf"(?m)^  - {plugin}\b:?.*$", f"  - {plugin}:\n      {option}: {value}", text, count=1)
    assert f"{option}: {value}" in text, "the plugin moved in mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    result = project.build()
    assert result.returncode == 1
    assert option in result.stderr and expected in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
