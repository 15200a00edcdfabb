"""What `overrides/landing.html` shows of the records on a language's home: the key figures,
named and formatted in the page's language, each with the page that lists what it counts,
and the featured champions. Counting is `model/landing.py`'s.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n.formatting import Formatter
from ..i18n.messages import N_, Messages
from ..model.catalogue import Catalogue, Entry
from ..model.landing import LABELLED_IN_FRANCE, KeyFigures
from ..model.records import Champion
from .structure import directory_uri

FIGURE_LABELS = {
    "labelled": N_("quartiers labelled in France"),
    "thematic": N_("thematic networks"),
    "abroad": N_("communities abroad"),
    "champions": N_("champions"),
    "capitals": N_("partner capitals"),
    "languages": N_("languages"),
}


@dataclass(frozen=True)
class Figure:
    key: str
    count: int
    value: str
    """The count formatted by Babel for the page's language."""
    label: str
    link: str | None
    """Site-relative address of the page listing what it counts; None for the map page, which
    `vitrine/maps` gives (`vitrine_home_map.page`), and for the languages (the site root)."""


@dataclass(frozen=True)
class Landing:
    figures: list[Figure]
    featured: list[Entry[Champion]]


def landing(
    catalogue: Catalogue, figures: KeyFigures, featured: list[str], language: str, messages: Messages
) -> Landing:
    fmt = Formatter(language)
    quartiers = directory_uri("quartiers", language).removesuffix("index.md")
    links: dict[str, str | None] = {
        "labelled": quartiers + "?" + "&".join(f"kind={kind}" for kind in LABELLED_IN_FRANCE),
        "thematic": quartiers + "?kind=thematic",
        "abroad": quartiers + "?kind=hub",
        "champions": directory_uri("champions", language).removesuffix("index.md"),
        "capitals": None,
        "languages": None,
    }
    return Landing(
        [
            Figure(key, count, fmt.number(count), messages.gettext(FIGURE_LABELS[key]), links[key])
            for key, count in vars(figures).items()
        ],
        [catalogue.champions[slug] for slug in featured if slug in catalogue.champions],
    )
