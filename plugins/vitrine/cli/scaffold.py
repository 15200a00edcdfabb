"""`vitrine new quartier|champion SLUG`: a new record and its texts, ready to fill in.

Every field of the model is written out with a comment in French saying what
it holds; the required ones are left empty, so `vitrine check` names each
one still to fill (file and line), and the build passes once they are filled.
Lists the editor picks from (criteria and their indicators, capitals, sectors,
listings, quartiers) are read from the definition files, never hard-coded.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..catalogue.wording import KIND_NAMES, STATUS_NAMES
from ..editor.words import CHAMPION, KIND_MEANINGS, QUARTIER, Said
from ..i18n.messages import load_messages
from ..model.catalogue import CHAMPION_FILE, QUARTIER_FILE
from ..model.errors import ContentErrors
from ..model.records import (
    LABEL_STATUSES,
    SLUG_PATTERN,
    SOURCE_LANGUAGE,
    Capitals,
    Criteria,
    Listings,
    Sectors,
)
from ..model.translations import digest
from ..model.validate import load_model
from .project import Project

Kind = Literal["quartier", "champion"]
FOLDERS: dict[Kind, str] = {"quartier": "quartiers", "champion": "champions"}
RECORD_FILES: dict[Kind, str] = {"quartier": QUARTIER_FILE, "champion": CHAMPION_FILE}
NARRATIVE = (
    "<!-- Le récit de la fiche, en Markdown : quelques paragraphes. Ce commentaire n'est pas publié ;\n"
    "     laissez le fichier ainsi s'il n'y a pas encore de récit. -->\n"
)
TRANSLATION = (
    "<!-- La traduction du récit français ({source}). Quand elle est relue, lancez :\n"
    "     vitrine translations {language} --mark-current -->\n"
)


class ScaffoldRefused(Exception):
    """The slug cannot be used; the message says why and what to do."""


@dataclass(frozen=True)
class Created:
    record: str
    narratives: tuple[str, ...]


def suggest_slug(text: str) -> str:
    """`Saint-Étienne Métropole` -> `saint-etienne-metropole`."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def scaffold(project: Project, kind: Kind, slug: str) -> Created:
    """Write the record and its Markdown files; refuse an invalid or existing slug."""
    if not re.match(SLUG_PATTERN, slug):
        suggestion = suggest_slug(slug)
        example = f", e.g. {suggestion}" if suggestion else ""
        raise ScaffoldRefused(f'"{slug}" is not a valid name: use lower-case letters, digits and dashes{example}')
    folder = project.root / FOLDERS[kind] / slug
    if folder.exists():
        existing = f"{FOLDERS[kind]}/{slug}/{RECORD_FILES[kind]}"
        raise ScaffoldRefused(f'the {kind} "{slug}" already exists ({existing}); choose another name')
    languages = (SOURCE_LANGUAGE, *[code for code in project.required if code != SOURCE_LANGUAGE])
    write = quartier_text if kind == "quartier" else champion_text
    text = write(project.root, slug, languages)
    folder.mkdir(parents=True)
    record = folder / RECORD_FILES[kind]
    record.write_text(text, encoding="utf-8")
    (folder / f"{SOURCE_LANGUAGE}.md").write_text(NARRATIVE, encoding="utf-8")
    narratives = [f"{SOURCE_LANGUAGE}.md"]
    source = f"{FOLDERS[kind]}/{slug}/{SOURCE_LANGUAGE}.md"
    for language in languages[1:]:
        body = "\n" + TRANSLATION.format(source=source, language=language)
        # Reviewed against the French template: it stays current until the French text is written.
        front = f'---\ntranslation_of: "{digest(NARRATIVE)}"\n---\n'
        (folder / f"{language}.md").write_text(front + body, encoding="utf-8")
        narratives.append(f"{language}.md")
    rel = folder.relative_to(project.root).as_posix()
    return Created(f"{rel}/{RECORD_FILES[kind]}", tuple(f"{rel}/{name}" for name in narratives))


def _definitions(root: Path, rel: str, model: type[Criteria | Capitals | Sectors | Listings]) -> object:
    try:
        return load_model(root / rel, rel, model)
    except ContentErrors as exc:
        raise ScaffoldRefused(f"{rel} has errors; fix it first (vitrine check):\n{exc.report()}") from None
    except FileNotFoundError:
        raise ScaffoldRefused(f"{rel} is missing: a new record needs the definitions of the site") from None


def _comment(said: Said, indent: str = "") -> list[str]:
    """The words the web editor shows for a field (`editor/words.py`), as comment lines."""
    # an example in braces or brackets stays on one line
    text = re.sub(r"\{[^}]*\}|\[[^\]]*\]", lambda found: found[0].replace(" ", "\0"), said.comment)
    lines = textwrap.wrap(text, width=100 - len(indent) - 2, break_long_words=False, break_on_hyphens=False)
    return [f"{indent}# {line}".replace("\0", " ") for line in lines]


def _field(key: str, said: Said, value: str = "", indent: str = "") -> list[str]:
    """A field with its comment."""
    return [*_comment(said, indent), f"{indent}{key}:{' ' + value if value else ''}"]


def _localized(key: str, said: Said, languages: tuple[str, ...], indent: str = "") -> list[str]:
    return [*_field(key, said, indent=indent), *(f"{indent}  {code}:" for code in languages)]


def _kinds() -> list[str]:
    """Each kind with what its page shows (« ... ») and what it is."""
    french = load_messages(SOURCE_LANGUAGE).gettext
    lines = _comment(QUARTIER["kind"])
    lines += [f"#   {kind} : « {french(KIND_NAMES[kind])} » ({KIND_MEANINGS[kind]})" for kind in LABEL_STATUSES]
    return [*lines, "kind:"]


def _statuses() -> list[str]:
    """Each status with what its page shows and the kinds it goes with (`vitrine check` refuses the others)."""
    french = load_messages(SOURCE_LANGUAGE).gettext
    lines = _comment(QUARTIER["status"], "  ")
    for status, name in STATUS_NAMES.items():
        kinds = ", ".join(kind for kind, statuses in LABEL_STATUSES.items() if status in statuses)
        lines.append(f"  #   {status} : « {french(name)} » ({kinds})")
    return [*lines, "  status:"]


def _wrap(items: list[str], prefix: str, width: int = 100) -> list[str]:
    """A comment listing names, wrapped to stay readable in an editor."""
    lines, current = [], prefix
    for item in items:
        if len(current) + len(item) + 2 > width and current != prefix:
            lines.append(current.rstrip(", "))
            current = "#   "
        current += item + ", "
    lines.append(current.rstrip(", "))
    return lines


def _header(kind: Kind, slug: str, languages: tuple[str, ...]) -> list[str]:
    others = ", ".join(f"{code}:" for code in languages[1:]) or "aucune"
    return [
        f"# yaml-language-server: $schema=../../schema/{kind}.schema.json",
        f"# Fiche « {slug} ». Remplissez chaque champ laissé vide après les deux-points.",
        "# Les lignes qui commencent par # sont des commentaires, ignorés par le site.",
        "# Un champ facultatif se laisse vide ; une liste vide s'écrit [].",
        f"# Textes : fr: (le français, la source) et les traductions obligatoires sur ce site ({others}) ;",
        "# les autres langues du site s'ajoutent de la même façon (de:, es:…), ou plus tard.",
        "# Vérifier : vitrine check    Prévisualiser : vitrine serve    Guide : docs/guide/fr.md",
    ]


def quartier_text(root: Path, slug: str, languages: tuple[str, ...]) -> str:
    criteria = _definitions(root, "quartiers/criteria.yml", Criteria)
    capitals = _definitions(root, "quartiers/capitals.yml", Capitals)
    assert isinstance(criteria, Criteria) and isinstance(capitals, Capitals)
    lines = _header("quartier", slug, languages)
    count, texts = len(criteria.criteria), len(criteria.criteria) * len(languages)
    lines += [
        "# Dans l'ordre : les champs obligatoires, puis les critères, puis les champs facultatifs (repliables).",
        f"# Un quartier en France (tout type sauf hub) décrit les {count} critères de la charte : un texte court",
        f"# par critère et par langue obligatoire ({texts} phrases en tout) ; un hub à l'étranger n'écrit que",
        "# les critères qu'il documente.",
    ]
    said = QUARTIER
    lines += [
        "",
        *_field("name", said["name"]),
        *_kinds(),
        *_localized("tagline", said["tagline"], languages),
        *_field("cities", said["cities"]),
        *_field("country", said["country"]),
        *_field("location", said["location"]),
        *_comment(said["label"]),
        "label:",
        *_statuses(),
        *_field("wave", said["wave"], indent="  "),
        *_field("date", said["date"], indent="  "),
        *_field("note", said["note"], indent="  "),
    ]
    optional = [
        "",
        "# region Facultatif : à remplir quand vous avez l'information (un éditeur comme VS Code replie ce bloc)",
        *_field("region", said["region"]),
        *_comment(said["perimeter"]),
        "# Pour l'indiquer, remplacez la ligne suivante par ces lignes, sans les # :",
        "#   perimeter:",
        "#     bbox: [3.005, 50.628, 3.030, 50.640]",
        "#     description: {fr: Le quartier des Rives, en: The Rives district}",
        "perimeter:",
        *_comment(said["access"]),
        "access:",
        "  airport:",
        "  rail:",
        "  minutes_to_paris:",
        *_field("theme", said["theme"]),
        *_comment(said["flagships"]),
        "#   - name: EuraTechnologies",
        "#     city: Lille",
        "#     opened: 2009",
        "#     website: https://www.euratechnologies.com",
        "#     description: {fr: Un pôle numérique dans une ancienne filature., en: A digital hub in a former mill.}",
        "flagships: []",
        *_comment(said["partners"]),
        *_wrap(sorted(capitals.capitals), "#   "),
        "partners: []",
        *_field("website", said["website"]),
        *_comment(said["contact"]),
        "contact:",
        "  email:",
        "  url:",
        *_comment(said["images"]),
        "#   - file: photo.jpg",
        "#     alt: {fr: Ce que montre la photo, en: What the photo shows}",
        "#     credit: Nom du photographe",
        "images: []",
        "# endregion",
    ]
    lines += [
        "",
        *_comment(said["criteria"]),
        "# Un indicateur sans source ne s'écrit pas. Un hub (kind: hub) peut supprimer les critères qu'il",
        "# ne documente pas.",
        "criteria:",
    ]
    for criterion in sorted(criteria.criteria, key=lambda c: c.number):
        lines += [f"  # {criterion.number}. {criterion.title.get(SOURCE_LANGUAGE, criterion.id)}", f"  {criterion.id}:"]
        lines += _localized("text", said["criterion.text"], languages, "    ")[1:]
        if criterion.indicators:
            lines.append("    # Indicateurs possibles : remplacez « indicators: [] » par « indicators: » suivi")
            lines.append("    # des blocs voulus, sans leur # (un bloc par indicateur sourcé) :")
            for indicator in criterion.indicators:
                label = indicator.label.get(SOURCE_LANGUAGE, indicator.id)
                lines += [
                    f"    #   - id: {indicator.id}    # {label} ({_unit(indicator.type, indicator.unit)})",
                    "    #     value:",
                    "    #     as_of: 2024-01-01",
                    "    #     source: Qui publie ce chiffre",
                    "    #     source_url: https://…",
                ]
        lines.append("    indicators: []")
    return "\n".join([*lines, *optional]) + "\n"


def _unit(kind: str, unit: str) -> str:
    if kind == "yes-no":
        return "true ou false"
    if kind == "text":
        return "texte"
    return f"nombre, unité {unit}"


def champion_text(root: Path, slug: str, languages: tuple[str, ...]) -> str:
    sectors = _definitions(root, "champions/sectors.yml", Sectors)
    listings = _definitions(root, "champions/listings.yml", Listings)
    assert isinstance(sectors, Sectors) and isinstance(listings, Listings)
    quartiers = sorted(p.parent.name for p in (root / "quartiers").glob(f"*/{QUARTIER_FILE}"))
    lines = _header("champion", slug, languages)
    said = CHAMPION
    lines += [
        "",
        *_field("name", said["name"]),
        *_comment(said["quartiers"]),
        *_wrap(quartiers, "#   "),
        "quartiers:",
        *_field("city", said["city"]),
        *_field("country", said["country"], "FR"),
        *_comment(said["sectors"]),
        *_wrap(sorted(sectors.sectors), "#   "),
        "sectors:",
        *_field("founded", said["founded"]),
        *_field("website", said["website"]),
        *_comment(said["logo"]),
        "#   logo:",
        "#     file: logo.png",
        "#     alt: {fr: Logo de l'entreprise, en: Company logo}",
        "#     credit: L'entreprise",
        "logo:",
        *_comment(said["listings"]),
        *_wrap(sorted(listings.listings), "#   "),
        "listings: []",
        *_comment(said["figures"]),
        "#   - label: {fr: Salariés, en: Employees}",
        "#     value: 2800",
        "#     unit: count",
        "#     as_of: 2023-12-31",
        "#     source: Rapport annuel",
        "figures: []",
        *_localized("description", said["description"], languages),
    ]
    return "\n".join(lines) + "\n"
