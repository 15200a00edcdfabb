"""Open data: every build publishes the catalogue as JSON, CSV and GeoJSON with its JSON Schema,
under Licence Ouverte 2.0, naming source and last update; the data page of every language links them.

The exports are read back as a reuser would: the JSON validates against the published schema,
the CSV gives back the JSON records, the GeoJSON is a valid FeatureCollection of Points.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import jsonschema
import pytest
from babel.dates import format_date
from tests.conftest import REPO, SITE_LANGUAGES, Project, mkdocs, parse

from vitrine.model.catalogue import load_catalogue
from vitrine.model.records import Capitals, Listings, Sectors
from vitrine.showcase.dates import content_date, source_date_epoch
from vitrine.showcase.exports import LICENCE_URL, LIST_SEPARATOR

SAMPLE = load_catalogue(REPO, SITE_LANGUAGES)
SITE_URL = "https://vitrine.example/"
DATASETS = ("quartiers", "champions")
FILES = (
    "quartiers.json",
    "quartiers.csv",
    "quartiers.geojson",
    "quartiers.schema.json",
    "champions.json",
    "champions.csv",
    "champions.schema.json",
)


def load(site: Path, name: str) -> Any:
    return json.loads((site / "data" / name).read_text(encoding="utf-8"))


def front_matter_dates(paths: list[Path]) -> list[dt.date]:
    found = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        front = text.split("---")[1] if text.startswith("---") else ""
        found += [dt.date.fromisoformat(v) for v in re.findall(r"^(?:updated|date): (\d{4}-\d{2}-\d{2})$", front, re.M)]
    return found


def record_dates() -> list[dt.date]:
    """Dates the sample records state (narratives' front matter included), read without the plugin's code."""
    found = front_matter_dates([*(REPO / "quartiers").glob("*/*.md"), *(REPO / "champions").glob("*/*.md")])
    for entry in SAMPLE.quartiers.values():
        found += [entry.record.label.date] if entry.record.label.date else []
        found += [i.as_of for c in entry.record.criteria.values() for i in c.indicators]
    found += [f.as_of for entry in SAMPLE.champions.values() for f in entry.record.figures]
    return found


def stated_dates() -> list[dt.date]:
    """Every date the sample content states: pages, posts and records."""
    return front_matter_dates(sorted((REPO / "content").rglob("*.md"))) + record_dates()


# The JSON and its schema ------------------------------------------------------------------


def test_every_export_is_published(sample_site: Path) -> None:
    assert sorted(p.name for p in (sample_site / "data").iterdir()) == sorted(FILES)


@pytest.mark.parametrize("dataset", DATASETS)
def test_json_validates_against_the_published_schema(sample_site: Path, dataset: str) -> None:
    data, schema = load(sample_site, f"{dataset}.json"), load(sample_site, f"{dataset}.schema.json")
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    assert list(validator.iter_errors(data)) == []
    assert data["$schema"] == f"{SITE_URL}data/{dataset}.schema.json"
    # A record that breaks the schema is caught: the check is not vacuous.
    broken = {**data, dataset: [{**data[dataset][0], "slug": "Not A Slug"}]}
    assert list(validator.iter_errors(broken))


@pytest.mark.parametrize("dataset", DATASETS)
def test_json_names_licence_source_and_last_update(sample_site: Path, dataset: str) -> None:
    data = load(sample_site, f"{dataset}.json")
    assert data["license"] == {"id": "etalab-2.0", "name": "Licence Ouverte / Open Licence 2.0", "url": LICENCE_URL}
    assert data["source"] == {"name": "Vitrine · Quartiers numériques", "url": SITE_URL}
    # The content's own newest date: never the build's clock.
    assert data["updated"] == max(stated_dates()).isoformat()


def test_json_holds_every_record_sorted(sample_site: Path) -> None:
    quartiers = load(sample_site, "quartiers.json")["quartiers"]
    champions = load(sample_site, "champions.json")["champions"]
    assert [q["slug"] for q in quartiers] == sorted(SAMPLE.quartiers)
    assert [c["slug"] for c in champions] == sorted(SAMPLE.champions)
    lille = next(q for q in quartiers if q["slug"] == "lille")
    assert lille["name"] == "Lille is French Tech"
    assert (lille["label_status"], lille["label_wave"], lille["label_date"]) == ("labelled", 1, "2014-11-12")
    assert lille["tagline"]["en"].startswith("The Lille metropolitan area")
    assert "exotec" in lille["champions"] and lille["page"] == f"{SITE_URL}fr/quartiers/lille/"
    doctolib = next(c for c in champions if c["slug"] == "doctolib")
    assert (doctolib["founded"], doctolib["quartiers"], doctolib["listings"]) == (2013, ["paris"], ["next40-2019"])


# The CSV ----------------------------------------------------------------------------------


def from_csv(text: str, schema: dict[str, Any], dataset: str) -> list[dict[str, Any]]:
    """Records read back from the CSV by the documented rules, typed by the published schema:
    lists joined with "; ", a text per language in `<field>_<lang>` columns, an empty cell absent."""
    item_schema = schema["$defs"][schema["properties"][dataset]["items"]["$ref"].split("/")[-1]]
    properties = item_schema["properties"]
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    records = []
    for row in rows:
        record: dict[str, Any] = {}
        for name, spec in properties.items():
            if spec.get("type") == "object":  # a text per language
                texts = {key.rsplit("_", 1)[1]: value for key, value in row.items() if key.startswith(f"{name}_")}
                record[name] = {code: value for code, value in texts.items() if value}
                continue
            cell = row.pop(name)
            kinds = {spec.get("type")} | {option.get("type") for option in spec.get("anyOf", [])}
            if "array" in kinds:
                record[name] = cell.split(LIST_SEPARATOR) if cell else []
            elif cell == "":
                record[name] = None
            elif "integer" in kinds:
                record[name] = int(cell)
            elif "number" in kinds:
                record[name] = float(cell)
            else:
                record[name] = cell
        records.append(record)
    return records


@pytest.mark.parametrize("dataset", DATASETS)
def test_csv_round_trips_to_the_json_records(sample_site: Path, dataset: str) -> None:
    raw = (sample_site / "data" / f"{dataset}.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "UTF-8 without BOM"
    text = raw.decode("utf-8")
    header = next(csv.reader(io.StringIO(text)))
    assert header[0] == "slug" and f"{'tagline' if dataset == 'quartiers' else 'description'}_he" in header
    records = load(sample_site, f"{dataset}.json")[dataset]
    assert from_csv(text, load(sample_site, f"{dataset}.schema.json"), dataset) == records


def test_csv_reader_sees_a_changed_cell(sample_site: Path) -> None:
    """Guards the round trip against passing vacuously."""
    text = (sample_site / "data" / "quartiers.csv").read_text(encoding="utf-8")
    changed = text.replace("Marseille; Aix-en-Provence", "Marseille;Aix-en-Provence", 1)
    assert changed != text
    schema = load(sample_site, "quartiers.schema.json")
    assert from_csv(changed, schema, "quartiers") != load(sample_site, "quartiers.json")["quartiers"]


def test_a_city_holding_the_list_separator_is_an_error(project: Project) -> None:
    record = (project.root / "quartiers/test/quartier.yml").read_text(encoding="utf-8")
    project.write("quartiers/test/quartier.yml", record.replace("cities: [Lille]", 'cities: ["Lille; Roubaix"]'))
    result = project.build()
    assert result.returncode != 0
    assert 'quartiers/test/quartier.yml: cities[0]: "Lille; Roubaix" contains "; ", which the CSV export uses' in (
        result.stderr
    )


def test_the_published_files_follow_an_edit_and_the_cache_keeps_recent_versions(project: Project) -> None:
    """The files are copied from the build cache, one file per version: an edit is published, and an
    earlier version goes only once it is old (a build in another process may still copy it)."""
    project.own_cache()
    assert project.build().returncode == 0
    kept = project.root / ".cache" / "data"
    first = sorted(path.name for path in kept.iterdir())
    assert len(first) == len(FILES) and all(re.fullmatch(r"[a-z]+\.[0-9a-f]{16}\.[a-z.]+", name) for name in first)
    published = project.root / "site" / "data" / "quartiers.json"
    assert published.read_bytes() in {path.read_bytes() for path in kept.iterdir()}
    record = (project.root / "quartiers/test/quartier.yml").read_text(encoding="utf-8")
    project.write("quartiers/test/quartier.yml", record.replace("cities: [Lille]", "cities: [Roubaix]"))
    assert project.build().returncode == 0
    assert load(project.root / "site", "quartiers.json")["quartiers"][0]["cities"] == ["Roubaix"]
    second = sorted(path.name for path in kept.iterdir())
    changed = sorted(set(second) - set(first))
    assert sorted(name.split(".", 2)[2] for name in changed) == ["csv", "geojson", "json"]  # not the schema
    assert all(name.startswith("quartiers.") for name in changed)
    assert len(second) == len(first) + len(changed)  # the earlier versions are recent: kept
    for name in first:
        os.utime(kept / name, (1, 1))
    project.edit_a_page()  # a build with nothing changed writes nothing (skip_unchanged)
    assert project.build().returncode == 0
    replaced = {name for name in first for new in changed if name.split(".", 2)[::2] == new.split(".", 2)[::2]}
    assert len(replaced) == len(changed)
    assert sorted(path.name for path in kept.iterdir()) == sorted(set(second) - replaced)


# The GeoJSON ------------------------------------------------------------------------------


def geojson_problems(data: Any) -> list[str]:
    """RFC 7946, for a FeatureCollection of Points: what a map library relies on."""
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        return ["not a FeatureCollection"]
    if not isinstance(data.get("features"), list):
        return ["features is not a list"]
    problems = []
    for i, feature in enumerate(data["features"]):
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            problems.append(f"features[{i}] is not a Feature")
        elif not isinstance(feature.get("properties"), dict | None):
            problems.append(f"features[{i}].properties is not an object")
        elif not isinstance(geometry, dict) or geometry.get("type") != "Point":
            problems.append(f"features[{i}].geometry is not a Point")
        else:
            position = geometry.get("coordinates")
            if not (
                isinstance(position, list) and len(position) == 2 and all(isinstance(n, float | int) for n in position)
            ):
                problems.append(f"features[{i}]: a position is [longitude, latitude]")
            elif not (-180 <= position[0] <= 180 and -90 <= position[1] <= 90):
                problems.append(f"features[{i}]: {position} is off the globe")
    return problems


def test_geojson_is_a_feature_collection_of_points(sample_site: Path) -> None:
    data = load(sample_site, "quartiers.geojson")
    assert geojson_problems(data) == []
    features = {feature["id"]: feature for feature in data["features"]}
    assert sorted(features) == sorted(SAMPLE.quartiers)
    for slug, entry in SAMPLE.quartiers.items():
        lon, lat = features[slug]["geometry"]["coordinates"]
        assert math.isclose(lon, entry.record.location.lon) and math.isclose(lat, entry.record.location.lat)
    # Longitude first: Lille is at about 3° east, 50.6° north.
    assert features["lille"]["geometry"]["coordinates"] == [3.0206, 50.6335]
    json_records = {q["slug"]: q for q in load(sample_site, "quartiers.json")["quartiers"]}
    for slug, feature in features.items():
        expected = {k: v for k, v in json_records[slug].items() if k not in ("latitude", "longitude")}
        assert feature["properties"] == expected


def test_geojson_check_refuses_what_is_not_geojson() -> None:
    point = {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [3.02, 50.63]}}
    assert geojson_problems({"type": "FeatureCollection", "features": [point]}) == []
    assert geojson_problems(
        {
            "type": "FeatureCollection",
            "features": [{**point, "geometry": {"type": "Point", "coordinates": [3.02, 95.0]}}],
        }
    )
    assert geojson_problems({"type": "FeatureCollection", "features": [{**point, "type": "Place"}]})
    assert geojson_problems({"features": []})


# The data page ----------------------------------------------------------------------------


@pytest.mark.parametrize("language", SITE_LANGUAGES)
def test_data_page_links_every_file_with_licence_source_and_date(sample_site: Path, language: str) -> None:
    page_path = sample_site / language / "donnees-ouvertes" / "index.html"
    page = parse(page_path)
    assert page.html["lang"] == language
    links = {a.get_text(strip=True): a["href"] for a in page.select("article td a")}
    assert sorted(links) == sorted(FILES)
    base = f"https://host/{language}/donnees-ouvertes/"
    for name, href in links.items():
        target = urljoin(base, href).removeprefix("https://host/")
        assert target == f"data/{name}" and (sample_site / target).is_file()
    licence = page.select_one(f'article a[href="{LICENCE_URL}"]')
    assert licence is not None and "Licence Ouverte" in licence.get_text()
    updated = load(sample_site, "quartiers.json")["updated"]
    stamp = page.select_one(f'article time[datetime="{updated}"]')
    assert stamp is not None and stamp.get_text(strip=True)
    assert "Vitrine · Quartiers numériques" in stamp.parent.get_text()
    nav = parse(sample_site / language / "charte" / "index.html").select("nav.md-nav--primary a.md-nav__link")
    assert "../donnees-ouvertes/" in [a["href"] for a in nav]


def test_data_page_date_is_localized(sample_site: Path) -> None:
    updated = dt.date.fromisoformat(load(sample_site, "quartiers.json")["updated"])
    shown = {}
    for language in ("fr", "en", "ja"):
        stamp = parse(sample_site / language / "donnees-ouvertes" / "index.html").select_one("article time")
        assert stamp is not None
        shown[language] = stamp.get_text()
    assert shown["fr"] == format_date(updated, "long", locale="fr") and "décembre" in shown["fr"]
    assert shown["en"] == format_date(updated, "long", locale="en")
    assert shown["ja"] == f"{updated.year}年{updated.month}月{updated.day}日"


# The content date -------------------------------------------------------------------------


def test_content_date_falls_back_to_source_date_epoch_only_without_dated_content() -> None:
    assert source_date_epoch({"SOURCE_DATE_EPOCH": "1700000000"}) == dt.date(2023, 11, 14)
    assert source_date_epoch({"SOURCE_DATE_EPOCH": "soon"}) is None and source_date_epoch({}) is None
    undated = type(SAMPLE)([], Capitals(capitals={}), Sectors(sectors={}), Listings(listings={}), {}, {}, ("fr",))
    assert content_date(undated, [], dt.date(2023, 11, 14)) == dt.date(2023, 11, 14)
    assert content_date(undated, []) is None
    # Dated content wins over SOURCE_DATE_EPOCH: the date stays the content's, whatever the environment.
    assert content_date(SAMPLE, [], dt.date(2099, 1, 1)) == max(record_dates())


def test_a_dirty_build_publishes_the_data_of_the_records_as_they_are(project: Project) -> None:
    """`--dirty` copies a file only when its source is newer than the published copy: a record edited
    and then put back must still publish the data of the record as it is, not of the edit."""
    path = project.root / "quartiers/test/quartier.yml"
    record = path.read_text(encoding="utf-8")
    assert project.build().returncode == 0
    for cities in ("Roubaix", "Lille"):  # the edit, then the record as it was (its data file still cached)
        path.write_text(record.replace("cities: [Lille]", f"cities: [{cities}]"), encoding="utf-8")
        result = mkdocs("build", "--dirty", "--no-strict", cwd=project.root)  # MkDocs warns of --dirty itself
        assert result.returncode == 0, result.stderr
        assert load(project.root / "site", "quartiers.json")["quartiers"][0]["cities"] == [cities]
