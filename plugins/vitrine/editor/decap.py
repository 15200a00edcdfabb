"""The web editor's configuration (Decap CMS `config.yml`), generated from the model and the definitions.

Every choice an editor picks from (kinds, statuses, sectors, listings, quartiers,
capitals, criteria and their indicators, kinds of figures) is read from the
definition files at build time, so adding a sector or an indicator needs no edit
here. Fields are labelled in French (`words`); a text that has one version per
language is one input per site language, French first.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from babel import Locale

from ..catalogue.wording import KIND_NAMES, STATUS_NAMES
from ..i18n.messages import load_messages
from ..model.catalogue import CHAMPION_FILE, QUARTIER_FILE
from ..model.records import (
    LABEL_STATUSES,
    SOURCE_LANGUAGE,
    Capitals,
    CriterionDefinition,
    FigureDefinition,
    IndicatorDefinition,
    Listings,
    PageMeta,
    QuartierKind,
    Sectors,
)
from ..model.translations import REVIEWED
from . import words
from .words import Said

REVIEWED_TICKS = "translations_reviewed"
"""« Traductions relues »: read by reviewed.js as a record is saved, never saved itself."""

Field = dict[str, Any]
"""One field of a collection, as Decap reads it."""

HTTPS = ["^https://", "Une adresse complète commençant par https://"]
COUNTRY = ["^[A-Z]{2}$", "Deux lettres majuscules, par exemple FR"]
DATE: dict[str, Any] = {"format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False}
"""A date field's settings: a day, written YYYY-MM-DD."""
# Record folders: `quartiers/<slug>/quartier.yml` and their narratives `<lang>.md` beside them.
RECORD_FOLDERS = {"quartiers": QUARTIER_FILE, "champions": CHAMPION_FILE}


@dataclass(frozen=True)
class Definitions:
    """What the editor offers to pick from, read from the definition files and the records."""

    criteria: list[CriterionDefinition]
    capitals: Capitals
    sectors: Sectors
    listings: Listings
    figures: dict[str, FigureDefinition]
    quartiers: dict[str, str]
    """Slug -> name of every quartier, for a champion's quartiers."""


@dataclass(frozen=True)
class Site:
    languages: tuple[str, ...]
    """The site's languages, French first."""
    required: tuple[str, ...]
    """Languages whose translations the build requires (`vitrine/i18n: require`)."""
    docs: str = "content"
    """docs_dir, relative to the project."""
    news: str = "news"
    backend: dict[str, Any] = field(default_factory=lambda: {"name": "proxy", "proxy_url": LOCAL_PROXY})
    site_url: str | None = None


LOCAL_PROXY = "http://localhost:8081/api/v1"
NO_PREVIEW = {"preview": False}
"""The form alone: the site's own preview (`vitrine edit`) shows the page as it will be published."""


def decap_config(definitions: Definitions, site: Site) -> dict[str, Any]:
    """The whole `config.yml`: the backend, then one collection per kind of content."""
    config: dict[str, Any] = {
        "backend": dict(site.backend),
        "locale": "fr",
        # Images go to the record's own folder (each collection says so); this is only the default.
        "media_folder": f"{site.docs}/images",
        "public_folder": "/images",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        # pages and news: `<docs>/<language>/<name>.md`, French the source
        "i18n": {"structure": "multiple_folders", "locales": list(site.languages), "default_locale": SOURCE_LANGUAGE},
        "collections": [
            quartiers(definitions, site),
            champions(definitions, site),
            pages(site),
            *news(site),
            *narratives(site),
        ],
    }
    if site.backend.get("name") in ("github", "gitlab"):
        config["publish_mode"] = "editorial_workflow"  # drafts and reviews as pull/merge requests
    if site.site_url:
        config["site_url"] = site.site_url
    return config


# Building blocks --------------------------------------------------------------------


def _field(name: str, said: Said, widget: str = "string", required: bool = False, **more: Any) -> Field:
    out: Field = {"name": name, "label": said.label, "widget": widget, "required": required}
    if said.hint:
        out["hint"] = said.hint
    out.update(more)
    return out


def localized(name: str, said: Said, site: Site, required: bool, widget: str = "string") -> Field:
    """One input per site language, French first; French and the required translations are
    required when the field is (the build's own rule)."""
    must = {SOURCE_LANGUAGE, *site.required} if required else set()
    # Decap itself marks an input it does not require "(optionnel)".
    inputs = [
        {"name": code, "label": _language(code), "widget": widget, "required": code in must} for code in site.languages
    ]
    return _field(name, said, "object", required, collapsed=False, fields=inputs)


def _choices(options: Mapping[str, str]) -> list[dict[str, str]]:
    return [{"label": label, "value": value} for value, label in options.items()]


def _select(name: str, said: Said, options: Mapping[str, str], required: bool = False, multiple: bool = False) -> Field:
    extra: dict[str, Any] = {"options": _choices(options), "multiple": multiple}
    if multiple:
        extra["min"] = 1 if required else 0
    return _field(name, said, "select", required, **extra)


def _language(code: str) -> str:
    """A site language's name in French, from the CLDR (Babel): "anglais", "hébreu"."""
    return str(Locale(SOURCE_LANGUAGE).languages.get(code, code))


def _french(labels: Mapping[str, str]) -> str:
    return labels.get(SOURCE_LANGUAGE) or next(iter(labels.values()), "")


def _record_collection(name: str, label: str, singular: str, file: str, marker: str) -> dict[str, Any]:
    """A folder of records, one folder each; images go beside the record. `marker` is a field
    only records have, so the `*.translations.yml` files next to them are not listed."""
    return {
        "name": name,
        "label": label,
        "label_singular": singular,
        "folder": name,
        "path": "{{slug}}/" + file.removesuffix(".yml"),
        "extension": "yml",
        "format": "yml",
        "create": True,
        "identifier_field": "name",
        "filter": {"field": marker, "pattern": "."},
        "media_folder": "",
        "public_folder": "",
        "summary": "{{name}}",
        "editor": NO_PREVIEW,
    }


# Quartiers ---------------------------------------------------------------------------


def quartiers(definitions: Definitions, site: Site) -> dict[str, Any]:
    said = words.QUARTIER
    french = load_messages(SOURCE_LANGUAGE).gettext
    kinds: dict[str, str] = {
        kind: f"{french(KIND_NAMES[kind])} ({words.KIND_MEANINGS[kind]})" for kind in LABEL_STATUSES
    }
    # each status with the kinds it goes with (vitrine check refuses the others)
    statuses: dict[str, str] = {
        status: f"{french(name)} (pour : {', '.join(french(KIND_NAMES[k]) for k in _kinds_of(status))})"
        for status, name in STATUS_NAMES.items()
    }
    capitals = {slug: _french(capital.name) for slug, capital in sorted(definitions.capitals.capitals.items())}
    collection = _record_collection("quartiers", "Quartiers", "Quartier", QUARTIER_FILE, "kind")
    # The scaffold's order: what is required, then the criteria, then what is optional.
    collection["fields"] = [
        _field("name", said["name"], required=True),
        _select("kind", said["kind"], kinds, required=True),
        localized("tagline", said["tagline"], site, required=True, widget="text"),
        _field("cities", said["cities"], "list", True, min=1),
        _field("country", said["country"], required=True, default="FR", pattern=COUNTRY),
        _field(
            "location",
            said["location"],
            "object",
            True,
            fields=[
                _field("lat", said["lat"], "number", True, value_type="float", min=-90, max=90),
                _field("lon", said["lon"], "number", True, value_type="float", min=-180, max=180),
            ],
        ),
        _field(
            "label",
            said["label"],
            "object",
            True,
            fields=[
                _select("status", said["status"], statuses, required=True),
                _field("wave", said["wave"], "number", value_type="int", min=1),
                _field("date", said["date"], "datetime", **DATE),
                localized("note", said["note"], site, required=False),
            ],
        ),
        _field(
            "criteria",
            said["criteria"],
            "object",
            collapsed=False,
            fields=[_criterion(c, site) for c in sorted(definitions.criteria, key=lambda c: c.number)],
        ),
        _field("region", said["region"]),
        _field(
            "perimeter",
            said["perimeter"],
            "object",
            collapsed=True,
            fields=[
                _field("bbox", said["bbox"], "list", field={"name": "n", "widget": "number", "value_type": "float"}),
                localized("description", said["perimeter.description"], site, required=False),
            ],
        ),
        _field(
            "access",
            said["access"],
            "object",
            collapsed=True,
            fields=[
                _field("airport", said["airport"]),
                _field("rail", said["rail"]),
                _field("minutes_to_paris", said["minutes_to_paris"], "number", value_type="int", min=1),
            ],
        ),
        localized("theme", said["theme"], site, required=False),
        _field("flagships", said["flagships"], "list", collapsed=True, fields=_flagship(site)),
        _select("partners", said["partners"], capitals, multiple=True),
        _field("website", said["website"], pattern=HTTPS),
        _field(
            "contact",
            said["contact"],
            "object",
            collapsed=True,
            fields=[_field("email", said["email"]), _field("url", said["url"], pattern=HTTPS)],
        ),
        _field("images", said["images"], "list", collapsed=True, fields=_image(site)),
        *_reviewed(site),
    ]
    return collection


def _kinds_of(status: str) -> list[QuartierKind]:
    return [kind for kind, allowed in LABEL_STATUSES.items() if status in allowed]


def _flagship(site: Site) -> list[Field]:
    said = words.QUARTIER
    return [
        _field("name", said["flagship.name"], required=True),
        _field("city", said["flagship.city"]),
        _field("opened", said["flagship.opened"], "number", value_type="int", min=1800, max=2100),
        _field("website", said["flagship.website"], pattern=HTTPS),
        localized("description", said["flagship.description"], site, required=False, widget="text"),
    ]


def _image(site: Site, required: bool = True) -> list[Field]:
    """An image's fields: required in a list's item (it exists once added), not in an optional
    object such as a logo, which Decap would otherwise ask for even when left empty."""
    said = words.QUARTIER
    return [
        _field("file", said["image.file"], "image", required),
        localized("alt", said["image.alt"], site, required=required),
        _field("credit", said["image.credit"], required=required),
    ]


def _criterion(criterion: CriterionDefinition, site: Site) -> Field:
    said = words.QUARTIER
    title = f"{criterion.number}. {_french(criterion.title)}"
    # A hub documents only the criteria it chooses: nothing here is forced, `vitrine check` says
    # what a quartier in France still lacks.
    fields = [localized("text", said["criterion.text"], site, required=False, widget="text")]
    if criterion.indicators:
        types = [_indicator(indicator) for indicator in criterion.indicators]
        fields.append(_field("indicators", said["criterion.indicators"], "list", typeKey="id", types=types))
    return _field(criterion.id, Said(title, _french(criterion.summary)), "object", collapsed=True, fields=fields)


def _indicator(indicator: IndicatorDefinition) -> Field:
    said = words.VALUE
    label = f"{_french(indicator.label)} ({_unit(indicator)})"
    if indicator.type == "yes-no":
        value = _field("value", said["value"], "boolean", True)
    elif indicator.type == "text":
        value = _field("value", said["value"], required=True)
    else:
        kind = "int" if indicator.unit in ("count", "year") else "float"
        value = _field("value", said["value"], "number", True, value_type=kind)
    return {"name": indicator.id, "label": label, "widget": "object", "fields": [value, *_sourced()]}


def _unit(indicator: IndicatorDefinition) -> str:
    if indicator.type == "yes-no":
        return "oui ou non"
    if indicator.type == "text":
        return "texte"
    return f"nombre, unité {indicator.unit}"


def _sourced() -> list[Field]:
    """The fields every sourced figure has: date, source, address, how the source states it."""
    said = words.VALUE
    return [
        _field("as_of", said["as_of"], "datetime", True, **DATE),
        _field("source", said["source"], required=True),
        _field("source_url", said["source_url"], pattern=HTTPS),
        _select("qualifier", said["qualifier"], words.QUALIFIERS),
        _select("coverage", said["coverage"], words.COVERAGES),
    ]


# Champions ---------------------------------------------------------------------------


def champions(definitions: Definitions, site: Site) -> dict[str, Any]:
    said = words.CHAMPION
    sectors = {slug: _french(term.label) for slug, term in sorted(definitions.sectors.sectors.items())}
    listings = {slug: _french(item.label) for slug, item in sorted(definitions.listings.listings.items())}
    quartiers = {slug: f"{name} ({slug})" for slug, name in sorted(definitions.quartiers.items())}
    collection = _record_collection("champions", "Champions", "Champion", CHAMPION_FILE, "founded")
    # The scaffold's order: what is required, then the criteria, then what is optional.
    collection["fields"] = [
        _field("name", said["name"], required=True),
        _select("quartiers", said["quartiers"], quartiers, required=True, multiple=True),
        _field("city", said["city"], required=True),
        _field("country", said["country"], default="FR", pattern=COUNTRY),
        _select("sectors", said["sectors"], sectors, required=True, multiple=True),
        _field("founded", said["founded"], "number", True, value_type="int", min=1800, max=2100),
        _field("website", said["website"], required=True, pattern=HTTPS),
        _field("logo", said["logo"], "object", collapsed=True, fields=_image(site, required=False)),
        _select("listings", said["listings"], listings, multiple=True),
        _field("figures", said["figures"], "list", typeKey="id", types=_figure_types(definitions)),
        localized("description", said["description"], site, required=True, widget="text"),
        *_reviewed(site),
    ]
    return collection


def _reviewed(site: Site) -> list[Field]:
    """« Traductions relues », the last field of a record (`reviewed.js` reads it as it is saved), and
    the record's digests it writes, kept as they are."""
    languages = {code: _language(code) for code in site.languages if code != SOURCE_LANGUAGE}
    return [
        _select(REVIEWED_TICKS, words.RECORD["reviewed"], languages, multiple=True),
        {"name": REVIEWED, "widget": "hidden", "required": False},
    ]


def _figure_types(definitions: Definitions) -> list[Field]:
    said = words.VALUE
    types = []
    for kind, definition in definitions.figures.items():
        units = {unit: unit for unit in definition.units}
        fields = [
            _field("value", said["value"], "number", True, value_type="float"),
            _select("unit", said["unit"], units, required=True),
            *_sourced()[:-1],  # a champion's figure is the company's own: no area
        ]
        types.append({"name": kind, "label": _french(definition.label), "widget": "object", "fields": fields})
    return types


# Pages, news and narratives --------------------------------------------------------------


def _kept(shown: set[str], i18n: bool = True) -> list[Field]:
    """The front matter keys the form does not show, kept as they are in each file."""
    names = [name for name in PageMeta.model_fields if name not in shown]
    kept = ({"name": name, "widget": "hidden", "required": False} for name in names)
    return [{**hidden, "i18n": True} if i18n else hidden for hidden in kept]


def pages(site: Site) -> dict[str, Any]:
    said = words.PAGE
    sections = _choices(words.SECTIONS)
    fields = [
        _field("title", said["title"], required=True, i18n=True),
        _field("description", said["description"], "text", i18n=True),
        _field("nav_order", said["nav_order"], "number", value_type="int", i18n="duplicate"),
        _field("nav_section", said["nav_section"], "select", options=sections, i18n="duplicate"),
        *_kept({"title", "description", "nav_order", "nav_section"}),
        _field("body", said["body"], "markdown", True, i18n=True),
    ]
    return {
        "name": "pages",
        "editor": NO_PREVIEW,
        "label": "Pages",
        "label_singular": "Page",
        "folder": site.docs,
        "path": "{{slug}}",
        "extension": "md",
        "format": "frontmatter",
        "create": True,
        "i18n": True,
        "fields": fields,
    }


def news(site: Site) -> list[dict[str, Any]]:
    """One collection per language: posts are `<docs>/<language>/<news>/<yyyy-mm-dd>-<name>.md`, a
    folder below the language's, which Decap's side-by-side languages cannot address."""
    said = words.PAGE
    out = []
    for code in site.languages:
        fields = [
            _field("title", said["title"], required=True),
            _field("date", said["date"], "datetime", **DATE),
            _field("description", said["description"], "text"),
            *_kept({"title", "date", "description"}, i18n=False),
            _field("body", said["body"], "markdown", True),
        ]
        language = _language(code)
        out.append(
            {
                "name": f"news-{code}",
                "label": f"Actualités ({language})",
                "label_singular": "Actualité",
                "editor": NO_PREVIEW,
                "folder": f"{site.docs}/{code}/{site.news}",
                "slug": "{{year}}-{{month}}-{{day}}-{{slug}}",
                "extension": "md",
                "format": "frontmatter",
                "create": True,
                "sortable_fields": ["date", "title"],
                "fields": fields,
            }
        )
    return out


def narratives(site: Site) -> list[dict[str, Any]]:
    """Each record's narrative, `<lang>.md` beside its record: one collection per kind and language."""
    out = []
    for folder, label in (("quartiers", "quartiers"), ("champions", "champions")):
        for code in site.languages:
            language = _language(code)
            fields = [*_kept(set(), i18n=False), _field("body", words.NARRATIVE, "markdown", False)]
            out.append(
                {
                    "name": f"{folder}-{code}",
                    "label": f"Récits des {label} ({language})",
                    "folder": folder,
                    "path": "{{slug}}/" + code,
                    "extension": "md",
                    "format": "frontmatter",
                    "create": False,
                    "editor": NO_PREVIEW,
                    # a narrative has no title of its own: its folder names the record
                    "identifier_field": "body",
                    "summary": "{{dirname}}",
                    "fields": fields,
                }
            )
    return out
