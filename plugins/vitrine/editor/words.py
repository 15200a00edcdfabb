"""The French words of every field: the web editor's labels and help lines, and
the scaffold's comments (`cli/scaffold.py`), from one table.

Each field has a label, a help line saying what it holds (with an example),
whether it is required, and how it is written: in the file (YAML, for the
scaffold's comment) or in the form (for the editor). English stays in the
code, as elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

from ..model.records import QuartierKind

KIND_MEANINGS: Final[dict[QuartierKind, str]] = {
    "metropole": "Métropole French Tech labellisée en 2014 ou 2015",
    "thematic": "pilote thématique désigné le 24 juin 2015",
    "capitale": "labellisée depuis 2019, en France, outre-mer compris",
    "community": "Communauté French Tech en France, depuis 2019",
    "hub": "hub de 2015-2016 ou Communauté French Tech à l'étranger",
}
"""What each kind is, beside the page's wording of it (the scaffold's comments and the editor's choices)."""

NEEDS: Final = {"required": "Obligatoire.", "optional": "Facultatif.", "": ""}


@dataclass(frozen=True)
class Said:
    """What editors read of one field."""

    label: str
    help: str = ""
    """What it holds, with an example: read in the form and in the file."""
    need: Literal["required", "optional", ""] = ""
    file: str = ""
    """How it is written in the file (the scaffold's comment only)."""
    form: str = ""
    """How it is entered in the form (the editor's help only)."""

    @property
    def hint(self) -> str:
        """The editor's help line under the field."""
        return " ".join(part for part in (self.help, self.form, NEEDS[self.need]) if part)

    @property
    def comment(self) -> str:
        """The scaffold's comment above the field (without `# `)."""
        return " ".join(part for part in (f"{self.label}.", self.help, NEEDS[self.need], self.file) if part)


QUARTIER: Final[dict[str, Said]] = {
    "name": Said("Nom affiché", "Par exemple « Lille is French Tech ».", "required"),
    "kind": Said(
        "Type",
        "La sorte de quartier.",
        "required",
        file="Valeurs possibles, avec ce que la page affiche entre « » et ce que c'est entre parenthèses :",
        form="Chaque choix dit ce que la page affiche, puis ce que c'est.",
    ),
    "tagline": Said("Accroche", "Une phrase qui présente le quartier.", "required"),
    "cities": Said(
        "Villes",
        "Les villes du quartier, par exemple Lille et Roubaix.",
        "required",
        file="Entre crochets, séparées par des virgules : [Lille, Roubaix].",
        form="Une ville par ligne.",
    ),
    "region": Said("Région", "Par exemple Hauts-de-France.", "optional"),
    "country": Said("Pays", "Code ISO à deux lettres majuscules, par exemple FR.", "required"),
    "location": Said(
        "Position sur la carte",
        "Latitude et longitude en degrés décimaux.",
        "required",
        file="Par exemple {lat: 50.6335, lon: 3.0206}.",
        form="Par exemple 50.6335 et 3.0206.",
    ),
    "lat": Said("Latitude", "Par exemple 50.6335."),
    "lon": Said("Longitude", "Par exemple 3.0206."),
    "perimeter": Said(
        "Périmètre",
        "Critère 1 : un rectangle [ouest, sud, est, nord] en degrés.",
        "optional",
        file="Ou un polygone (voir le guide).",
    ),
    "bbox": Said("Rectangle", "Quatre nombres : ouest, sud, est, nord."),
    "perimeter.description": Said("Description du périmètre"),
    "access": Said(
        "Accès", "L'aéroport, les gares à grande vitesse, le trajet le plus rapide vers Paris en minutes.", "optional"
    ),
    "airport": Said("Aéroport"),
    "rail": Said("Gares à grande vitesse"),
    "minutes_to_paris": Said("Trajet le plus rapide vers Paris, en minutes"),
    "label": Said("Label", "Le statut, la vague et la date du label."),
    "status": Said(
        "Statut",
        "Le statut du label ; chacun ne va qu'avec certains types.",
        "required",
        file="Valeurs possibles, avec ce que la page affiche entre « » et les types permis entre parenthèses :",
        form="Les types permis sont entre parenthèses.",
    ),
    "wave": Said("Vague", "Numéro de la vague du label."),
    "date": Said("Date", "Date du label.", file="AAAA-MM-JJ, par exemple 2014-11-12."),
    "note": Said("Remarque", "Une remarque sur le label, par langue."),
    "theme": Said("Thème", "Le thème d'un réseau thématique, une phrase par langue ; sinon laissez vide."),
    "flagships": Said("Lieux emblématiques", "Un bloc par lieu.", "optional", file="Par exemple :"),
    "flagship.name": Said("Nom du lieu", "Par exemple EuraTechnologies."),
    "flagship.city": Said("Ville"),
    "flagship.opened": Said("Année d'ouverture", "Par exemple 2009."),
    "flagship.website": Said("Site web du lieu", "Adresse complète commençant par https://."),
    "flagship.description": Said("Description du lieu"),
    "partners": Said(
        "Capitales numériques partenaires",
        "Les capitales étrangères avec qui le quartier travaille.",
        "optional",
        file="Par leur identifiant, par exemple [london, berlin]. Identifiants possibles :",
    ),
    "website": Said("Site web", "Adresse complète commençant par https://.", "optional"),
    "contact": Said("Contact public", "E-mail et/ou page de contact.", "optional"),
    "email": Said("E-mail"),
    "url": Said("Page de contact"),
    "images": Said(
        "Photos",
        "JPEG, PNG ou WebP ; voir le guide pour les tailles.",
        "optional",
        file="À placer dans ce dossier. Par exemple :",
    ),
    "image.file": Said("Fichier"),
    "image.alt": Said("Texte de remplacement", "Ce que montre la photo, par langue."),
    "image.credit": Said("Crédit", "Nom du photographe ou de l'ayant droit."),
    "criteria": Said(
        "Les critères de la charte",
        "Un texte court par critère, et les indicateurs que vous pouvez sourcer. Un quartier en France "
        "documente tous les critères ; n'inventez jamais un chiffre.",
    ),
    "criterion.text": Said("Ce que le quartier fait pour ce critère"),
    "criterion.indicators": Said("Indicateurs sourcés", "Un bloc par indicateur dont vous avez la source."),
}

CHAMPION: Final[dict[str, Said]] = {
    "name": Said("Nom de l'entreprise", "Par exemple Doctolib.", "required"),
    "quartiers": Said(
        "Quartiers",
        "Où l'entreprise est implantée.",
        "required",
        file="Par leur identifiant, par exemple [paris]. Identifiants possibles :",
    ),
    "city": Said("Ville du siège", "Par exemple Paris.", "required"),
    "country": Said("Pays du siège", "Code ISO à deux lettres majuscules (FR si vous ne changez rien)."),
    "sectors": Said(
        "Secteurs",
        "Ce que fait l'entreprise, un ou plusieurs secteurs.",
        "required",
        file="Par leur identifiant, par exemple [health]. Identifiants possibles :",
    ),
    "founded": Said("Année de création", "En chiffres, par exemple 2013.", "required"),
    "website": Said("Site web", "Adresse complète commençant par https://.", "required"),
    "logo": Said(
        "Logo",
        "JPEG, PNG ou WebP.",
        "optional",
        file="Dans ce dossier. Pour l'indiquer, remplacez la ligne logo: par ces lignes, sans les # :",
    ),
    "listings": Said(
        "Listes publiques",
        "Les listes où figure l'entreprise.",
        "optional",
        file="Par leur identifiant, par exemple [next40-2019]. Identifiants possibles :",
    ),
    "figures": Said("Chiffres clés", "Chacun daté et sourcé.", "optional", file="Par exemple :"),
    "description": Said("Description courte", "Ce que fait l'entreprise, en une phrase.", "required"),
}

RECORD: Final[dict[str, Said]] = {
    "reviewed": Said(
        "Traductions relues",
        "Choisissez une langue quand vous avez relu toutes les traductions de la fiche dans cette langue : "
        "à l'enregistrement, elles comptent comme à jour pour le texte français tel qu'il est. "
        "Si le français change ensuite, relisez puis choisissez-la de nouveau.",
    ),
}
"""Fields every record has."""

VALUE: Final[dict[str, Said]] = {
    "value": Said("Valeur", ""),
    "unit": Said("Unité", ""),
    "as_of": Said("Date du chiffre", "La date que la source donne au chiffre, ou sa date de publication."),
    "source": Said("Source", "Qui publie ce chiffre."),
    "source_url": Said("Adresse de la source", "La page d'où vient le chiffre, commençant par https://."),
    "qualifier": Said("Précision", "« plus de » ou « environ » quand la source le dit ; sinon laissez vide."),
    "coverage": Said("Territoire compté", "Quand le chiffre compte un territoire plus large que le quartier."),
}
QUALIFIERS: Final[dict[str, str]] = {"at-least": "plus de (au moins)", "about": "environ (à peu près)"}
COVERAGES: Final[dict[str, str]] = {
    "city": "la ville",
    "metropolis": "la métropole",
    "department": "le département",
    "region": "la région",
}

PAGE: Final[dict[str, Said]] = {
    "title": Said("Titre", "Le titre de la page. Obligatoire."),
    "description": Said("Résumé", "Une phrase, pour les moteurs de recherche et les partages."),
    "nav_order": Said("Position dans le menu", "Un nombre ; les plus petits viennent d'abord."),
    "nav_section": Said("Groupe du menu", "Le réseau et son label, ou le site lui-même."),
    "date": Said("Date de publication", "Le jour du nom du fichier."),
    "body": Said("Texte", "En Markdown."),
}
SECTIONS: Final[dict[str, str]] = {"network": "Le réseau", "about": "À propos du site"}

NARRATIVE = Said("Récit", "Le récit de la fiche, en Markdown : quelques paragraphes.")
