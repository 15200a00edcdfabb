"""The French words of the web editor: a label and a help line for every field.

Editors read these in the browser; they say what the scaffold's comments say
(`cli/scaffold.py`), field by field. English stays in the code, as elsewhere.
"""

from __future__ import annotations

from typing import Final

from ..model.records import QuartierKind

KIND_MEANINGS: Final[dict[QuartierKind, str]] = {
    "metropole": "Métropole French Tech labellisée en 2014 ou 2015",
    "thematic": "pilote thématique désigné le 24 juin 2015",
    "capitale": "labellisée depuis 2019, en France, outre-mer compris",
    "community": "Communauté French Tech en France, depuis 2019",
    "hub": "hub de 2015-2016 ou Communauté French Tech à l'étranger",
}
"""What each kind is, beside the page's wording of it (the scaffold's comments and the editor's choices)."""

Words = tuple[str, str]
"""A field's label and its help line ("" when the label says it all)."""

QUARTIER: Final[dict[str, Words]] = {
    "name": ("Nom affiché", "Par exemple « Lille is French Tech ». Obligatoire."),
    "kind": ("Type", "Ce que la page affiche, et ce que c'est. Obligatoire."),
    "tagline": ("Accroche", "Une phrase qui présente le quartier. Obligatoire."),
    "cities": ("Villes", "Une ville par ligne, par exemple Lille puis Roubaix. Obligatoire."),
    "region": ("Région", "Par exemple Hauts-de-France. Facultatif."),
    "country": ("Pays", "Code ISO à deux lettres majuscules, par exemple FR. Obligatoire."),
    "location": ("Position sur la carte", "En degrés décimaux, par exemple 50.6335 et 3.0206. Obligatoire."),
    "lat": ("Latitude", "Par exemple 50.6335."),
    "lon": ("Longitude", "Par exemple 3.0206."),
    "perimeter": ("Périmètre", "Critère 1, facultatif : un rectangle [ouest, sud, est, nord] en degrés."),
    "bbox": ("Rectangle", "Quatre nombres : ouest, sud, est, nord."),
    "perimeter.description": ("Description du périmètre", ""),
    "access": ("Accès", "Facultatifs : aéroport, gares à grande vitesse, trajet le plus rapide vers Paris."),
    "airport": ("Aéroport", ""),
    "rail": ("Gares à grande vitesse", ""),
    "minutes_to_paris": ("Trajet le plus rapide vers Paris, en minutes", ""),
    "label": ("Label", "Le statut, la vague et la date du label."),
    "status": ("Statut", "Chaque statut ne va qu'avec certains types (indiqués entre parenthèses). Obligatoire."),
    "wave": ("Vague", "Numéro de la vague du label."),
    "date": ("Date", "Date du label."),
    "note": ("Remarque", "Une remarque sur le label, par langue."),
    "theme": ("Thème", "Le thème d'un réseau thématique, une phrase par langue ; sinon laissez vide."),
    "flagships": ("Lieux emblématiques", "Un bloc par lieu."),
    "flagship.name": ("Nom du lieu", "Par exemple EuraTechnologies."),
    "flagship.city": ("Ville", ""),
    "flagship.opened": ("Année d'ouverture", "Par exemple 2009."),
    "flagship.website": ("Site web du lieu", "Adresse complète commençant par https://."),
    "flagship.description": ("Description du lieu", ""),
    "partners": ("Capitales numériques partenaires", ""),
    "website": ("Site web", "Adresse complète commençant par https://."),
    "contact": ("Contact public", "E-mail et/ou page de contact."),
    "email": ("E-mail", ""),
    "url": ("Page de contact", ""),
    "images": ("Photos", "JPEG, PNG ou WebP ; voir le guide pour les tailles."),
    "image.file": ("Fichier", ""),
    "image.alt": ("Texte de remplacement", "Ce que montre la photo, par langue."),
    "image.credit": ("Crédit", "Nom du photographe ou de l'ayant droit."),
    "criteria": (
        "Les critères de la charte",
        "Un texte court par critère, et les indicateurs que vous pouvez sourcer. Un quartier en France "
        "documente les huit critères ; n'inventez jamais un chiffre.",
    ),
    "criterion.text": ("Ce que le quartier fait pour ce critère", ""),
    "criterion.indicators": ("Indicateurs sourcés", "Un bloc par indicateur dont vous avez la source."),
}

CHAMPION: Final[dict[str, Words]] = {
    "name": ("Nom de l'entreprise", "Par exemple Doctolib. Obligatoire."),
    "quartiers": ("Quartiers", "Où l'entreprise est implantée. Obligatoire."),
    "city": ("Ville du siège", "Par exemple Paris. Obligatoire."),
    "country": ("Pays du siège", "Code ISO à deux lettres majuscules (FR si vous ne changez rien)."),
    "sectors": ("Secteurs", "Obligatoire."),
    "founded": ("Année de création", "En chiffres, par exemple 2013. Obligatoire."),
    "website": ("Site web", "Adresse complète commençant par https://. Obligatoire."),
    "logo": ("Logo", "Facultatif : JPEG, PNG ou WebP."),
    "listings": ("Listes publiques", "Les listes où figure l'entreprise."),
    "figures": ("Chiffres clés", "Facultatifs, chacun daté et sourcé."),
    "description": ("Description courte", "Ce que fait l'entreprise, en une phrase. Obligatoire."),
}

VALUE: Final[dict[str, Words]] = {
    "value": ("Valeur", ""),
    "unit": ("Unité", ""),
    "as_of": ("Date du chiffre", "La date que la source donne au chiffre, ou sa date de publication."),
    "source": ("Source", "Qui publie ce chiffre."),
    "source_url": ("Adresse de la source", "La page d'où vient le chiffre, commençant par https://."),
    "qualifier": ("Précision", "« plus de » ou « environ » quand la source le dit ; sinon laissez vide."),
    "coverage": ("Territoire compté", "Quand le chiffre compte un territoire plus large que le quartier."),
}
QUALIFIERS: Final[dict[str, str]] = {"at-least": "plus de (au moins)", "about": "environ (à peu près)"}
COVERAGES: Final[dict[str, str]] = {
    "city": "la ville",
    "metropolis": "la métropole",
    "department": "le département",
    "region": "la région",
}

PAGE: Final[dict[str, Words]] = {
    "title": ("Titre", "Le titre de la page. Obligatoire."),
    "description": ("Résumé", "Une phrase, pour les moteurs de recherche et les partages."),
    "nav_order": ("Position dans le menu", "Un nombre ; les plus petits viennent d'abord."),
    "nav_section": ("Groupe du menu", "Le réseau et son label, ou le site lui-même."),
    "date": ("Date de publication", "Le jour du nom du fichier."),
    "body": ("Texte", "En Markdown."),
}
SECTIONS: Final[dict[str, str]] = {"network": "Le réseau", "about": "À propos du site"}

NARRATIVE = ("Récit", "Le récit de la fiche, en Markdown : quelques paragraphes.")
