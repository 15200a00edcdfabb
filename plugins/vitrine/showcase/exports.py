"""Open data: the catalogue as JSON, CSV and GeoJSON, with the JSON Schema of the JSON.

Plain functions of the loaded `Catalogue` (no MkDocs); the plugin publishes their
text under `data/` in on_files, so pages link to them like to any file (copied from the
build cache, `keep_on_disk`). The output
is deterministic: records sorted by slug, keys sorted, and the one date it holds
is the content's own ("last update", see `dates`), never the build clock.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import hashlib
import io
import json
import os
import re
import time as time_module
import typing
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictStr

from ..i18n.formatting import Formatter
from ..i18n.messages import N_, Gettext
from ..images.pipeline import write_atomically
from ..model.catalogue import Catalogue
from ..model.errors import ContentError
from ..model.records import Date, LabelStatus, Localized, QuartierKind, Slug, Text, Url
from ..schemas import schema_text
from .markdown import text, time

DATA_FOLDER = "data"
LIST_SEPARATOR = "; "
"""Joins the items of a list field in a CSV cell (`Lille; Roubaix`)."""
LICENCE_NAME = "Licence Ouverte / Open Licence 2.0"
LICENCE_ID = "etalab-2.0"
"""The licence's SPDX identifier."""
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"

Country = Annotated[StrictStr, Field(pattern=r"^[A-Z]{2}$", description="ISO 3166 code, e.g. FR")]
PageUrl = Annotated[StrictStr, Field(description="address of the record's page in the source language (French)")]


class Export(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Licence(Export):
    name: str
    id: str = Field(description="SPDX identifier")
    url: str


class Source(Export):
    """Who publishes the data: Licence Ouverte asks reusers to name the source and its last update."""

    name: str
    url: str | None = None


class QuartierRow(Export):
    """One quartier, flat: a CSV row, a GeoJSON feature's properties (without the coordinates)."""

    slug: Slug = Field(description="identifier, as in the page's address")
    name: Text
    kind: QuartierKind
    tagline: Localized
    cities: list[Text]
    region: Text | None = None
    country: Country
    latitude: float
    longitude: float
    label_status: LabelStatus
    label_wave: int | None = None
    label_date: Date | None = None
    airport: Text | None = None
    rail: Text | None = Field(None, description="high-speed rail station(s)")
    minutes_to_paris: int | None = Field(None, description="fastest scheduled rail journey to Paris, in minutes")
    partners: list[Slug] = Field(description="foreign digital capitals the quartier names as partners")
    champions: list[Slug] = Field(description="slugs of the champions (champions.json) based in the quartier")
    website: Url | None = None
    page: PageUrl


class ChampionRow(Export):
    slug: Slug = Field(description="identifier, as in the page's address")
    name: Text
    description: Localized
    quartiers: list[Slug] = Field(description="slugs of its quartiers (quartiers.json)")
    city: Text
    country: Country
    sectors: list[Slug]
    founded: int = Field(description="founding year")
    website: Url
    listings: list[Slug] = Field(description="public lists it appears in, e.g. next40-2019")
    page: PageUrl


class Dataset(Export):
    schema_: str = Field(alias="$schema", description="address of this JSON Schema")
    title: str
    license: Licence
    source: Source
    updated: Date | None = Field(description="last update of the data (YYYY-MM-DD)")


class QuartiersDataset(Dataset):
    """quartiers.json: the quartiers of the network, with licence, source and last update."""

    quartiers: list[QuartierRow]


class ChampionsDataset(Dataset):
    """champions.json: the champions, with licence, source and last update."""

    champions: list[ChampionRow]


@dataclass(frozen=True)
class Publication:
    """Who publishes the datasets, where, and when their content last changed."""

    publisher: str
    base_url: str
    """The site's address ending with `/`, or "" when site_url is not set (addresses stay relative)."""
    updated: dt.date | None


PageUrlOf = Callable[[str, str], str]
"""(kind, slug) -> address of the record's page in the source language."""


def quartier_rows(catalogue: Catalogue, page_url: PageUrlOf) -> list[QuartierRow]:
    rows = []
    for slug, entry in sorted(catalogue.quartiers.items()):
        q = entry.record
        rows.append(
            QuartierRow(
                slug=slug,
                name=q.name,
                kind=q.kind,
                tagline=dict(sorted(q.tagline.items())),
                cities=list(q.cities),
                region=q.region,
                country=q.country,
                latitude=float(q.location.lat),
                longitude=float(q.location.lon),
                label_status=q.label.status,
                label_wave=q.label.wave,
                label_date=q.label.date,
                airport=q.access.airport,
                rail=q.access.rail,
                minutes_to_paris=q.access.minutes_to_paris,
                partners=list(q.partners),
                champions=sorted(c.slug for c in catalogue.champions_of(slug)),
                website=q.website,
                page=page_url("quartier", slug),
            )
        )
    return rows


def champion_rows(catalogue: Catalogue, page_url: PageUrlOf) -> list[ChampionRow]:
    return [
        ChampionRow(
            slug=slug,
            name=c.record.name,
            description=dict(sorted(c.record.description.items())),
            quartiers=list(c.record.quartiers),
            city=c.record.city,
            country=c.record.country,
            sectors=list(c.record.sectors),
            founded=c.record.founded,
            website=c.record.website,
            listings=list(c.record.listings),
            page=page_url("champion", slug),
        )
        for slug, c in sorted(catalogue.champions.items())
    ]


def list_problems(catalogue: Catalogue) -> list[ContentError]:
    """A list item holding the CSV separator could not be read back from its cell (lists of slugs cannot)."""
    return [
        ContentError(
            entry.source, 0, 0, f"cities[{i}]", f'"{city}" contains "{LIST_SEPARATOR}", which the CSV export uses'
        )
        for entry in catalogue.quartiers.values()
        for i, city in enumerate(entry.record.cities)
        if LIST_SEPARATOR in city
    ]


# Files ------------------------------------------------------------------------


DATASET_NAMES = (
    "quartiers.json",
    "quartiers.csv",
    "quartiers.geojson",
    "quartiers.schema.json",
    "champions.json",
    "champions.csv",
    "champions.schema.json",
)
"""The files of `data/`, which pages (and `vitrine check`) may link to."""


def dataset_files(catalogue: Catalogue, publication: Publication, page_url: PageUrlOf) -> dict[str, str]:
    """Every file of `data/`, by name: JSON, CSV, GeoJSON and the JSON Schemas."""
    quartiers, champions = quartier_rows(catalogue, page_url), champion_rows(catalogue, page_url)
    languages = catalogue.languages
    return {
        "quartiers.json": _json(
            QuartiersDataset(**_header(publication, "quartiers"), quartiers=quartiers).model_dump(
                mode="json", by_alias=True
            )
        ),
        "quartiers.csv": csv_text(quartiers, QuartierRow, languages),
        "quartiers.geojson": geojson_text(quartiers),
        "quartiers.schema.json": schema_text("quartiers", QuartiersDataset),
        "champions.json": _json(
            ChampionsDataset(**_header(publication, "champions"), champions=champions).model_dump(
                mode="json", by_alias=True
            )
        ),
        "champions.csv": csv_text(champions, ChampionRow, languages),
        "champions.schema.json": schema_text("champions", ChampionsDataset),
    }


def _header(publication: Publication, name: str) -> dict[str, object]:
    return {
        "$schema": f"{publication.base_url}{DATA_FOLDER}/{name}.schema.json",
        "title": f"{publication.publisher}: {name}",
        "license": Licence(name=LICENCE_NAME, id=LICENCE_ID, url=LICENCE_URL),
        "source": Source(name=publication.publisher, url=publication.base_url or None),
        "updated": publication.updated,
    }


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def geojson_text(rows: Sequence[QuartierRow]) -> str:
    """A FeatureCollection of Points ([longitude, latitude], RFC 7946), one per quartier."""
    features = [
        {
            "type": "Feature",
            "id": row.slug,
            "geometry": {"type": "Point", "coordinates": [row.longitude, row.latitude]},
            "properties": row.model_dump(mode="json", exclude={"latitude", "longitude"}),
        }
        for row in rows
    ]
    return _json({"type": "FeatureCollection", "features": features})


# CSV ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    language: str | None = None
    """For a text given per language: the column holds that language's text (`tagline_en`)."""


def csv_columns(model: type[Export], languages: Sequence[str]) -> list[Column]:
    """One column per field, in the model's order; a text per language becomes `<field>_<lang>` columns."""
    columns: list[Column] = []
    for name, info in model.model_fields.items():
        if typing.get_origin(info.annotation) is dict:
            columns.extend(Column(f"{name}_{code}", name, code) for code in languages)
        else:
            columns.append(Column(name, name))
    return columns


def csv_text(rows: Sequence[Export], model: type[Export], languages: Sequence[str]) -> str:
    """UTF-8 CSV with a header row; lists joined with "; ", an empty cell for a value not given."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    columns = csv_columns(model, languages)
    writer.writerow([column.header for column in columns])
    for row in rows:
        writer.writerow(list(_cells(row, columns)))
    return out.getvalue()


def _cells(row: Export, columns: list[Column]) -> Iterator[str]:
    for column in columns:
        value = getattr(row, column.field)
        if column.language is not None:
            value = value.get(column.language)
        if value is None:
            yield ""
        elif isinstance(value, list):
            yield LIST_SEPARATOR.join(str(item) for item in value)
        elif isinstance(value, dt.date):
            yield value.isoformat()
        else:
            yield str(value)


# The data page ------------------------------------------------------------------

FILES_HEADING = N_("Download the data")
FILE, FORMAT, RECORDS = N_("File"), N_("Format"), N_("Records")
LICENCE, SOURCE, LAST_UPDATE = N_("Licence"), N_("Source"), N_("Last update")
NOT_DATED = N_("not dated")
FORMATS = {".json": "JSON", ".csv": "CSV", ".geojson": "GeoJSON", ".schema.json": "JSON Schema"}


KEPT_FOR = 3600.0
"""Seconds an earlier version of a data file stays in the cache: a build in another process (a
preview's full build) may still be about to copy it."""


def keep_on_disk(folder: Path, texts: dict[str, str]) -> dict[str, Path]:
    """Each text written once to `folder`, under a name made from its file name and digest; where each is.

    The build copies the data files from there instead of holding them as text in every page
    worker (33 MB at 50,000 pages). Their time is this build's, as the texts were in memory before:
    `--dirty` copies them even when an earlier build made them (a record edited, then put back).
    Other versions of the same files older than `KEPT_FOR` go.
    """
    kept: dict[str, Path] = {}
    for name, content in texts.items():
        data = content.encode("utf-8")
        stem, _, extension = name.partition(".")
        target = kept[name] = folder / f"{stem}.{hashlib.blake2b(data, digest_size=8).hexdigest()}.{extension}"
        if not target.is_file() or target.stat().st_size != len(data):
            write_atomically(target, data)
        else:  # newer than any copy a build made: `--dirty` copies a file only when its source is newer
            os.utime(target)
    names = "|".join(re.escape(name).replace(r"\.", r"\.[0-9a-f]{16}\.", 1) for name in texts)
    version, current, now = re.compile(f"(?:{names})"), set(kept.values()), time_module.time()
    for old in folder.iterdir():
        if old not in current and version.fullmatch(old.name):
            with contextlib.suppress(OSError):  # another build may have removed it first
                if now - old.stat().st_mtime > KEPT_FOR:
                    old.unlink()
    return kept


def files_markdown(
    files: Sequence[str],
    counts: dict[str, int],
    publication: Publication,
    gettext: Gettext,
    fmt: Formatter,
    link: Callable[[str], str],
) -> str:
    """Appended to the data page: each file with its format and record count, then licence, source, date.

    `counts` is the number of records per dataset name (`quartiers`); `link(name)` the relative
    link from the page to `data/<name>`.
    """
    lines = ["", f"## {text(gettext(FILES_HEADING))}", ""]
    lines += [f"| {text(gettext(FILE))} | {text(gettext(FORMAT))} | {text(gettext(RECORDS))} |", "|---|---|---:|"]
    for name in sorted(files, key=_file_order):
        dataset, kind = name.split(".", 1)
        count = "–" if kind == "schema.json" else fmt.number(counts[dataset])
        lines.append(f"| [{text(name)}]({link(name)}) | {FORMATS['.' + kind]} | {count} |")
    updated = (
        time(publication.updated, fmt.date(publication.updated)) if publication.updated else text(gettext(NOT_DATED))
    )
    colon = text(gettext(": "))
    lines += [
        "",
        f"**{text(gettext(LICENCE))}**{colon}[{LICENCE_NAME}]({LICENCE_URL}) · "
        f"**{text(gettext(SOURCE))}**{colon}{text(publication.publisher)} · "
        f"**{text(gettext(LAST_UPDATE))}**{colon}{updated}",
        "",
    ]
    return "\n".join(lines)


def _file_order(name: str) -> tuple[bool, str]:
    """Data first, schemas last; quartiers before champions as on the rest of the site."""
    dataset, kind = name.split(".", 1)
    return kind == "schema.json", f"{dataset != 'quartiers'}{list(FORMATS).index('.' + kind)}"
