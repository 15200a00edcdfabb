"""What the two directories filter and sort on, worked out at build time.

Each tile carries its values in `data-*` attributes and its rank for every sort
order, so the page's script (assets/vitrine.js) only compares strings and
integers: the order is the build's, the same with and without JavaScript.
"""

from __future__ import annotations

import datetime as dt
import heapq
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..model.catalogue import Catalogue, Entry
from ..model.records import Champion, Quartier


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class Facet:
    """One filter of a directory: a URL parameter, the `data-` attribute it matches, its choices."""

    name: str
    options: list[Option]


def slug(text: str) -> str:
    """A value safe in a URL and a data attribute: `Île-de-France` -> `ile-de-france`."""
    folded = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def name_key(name: str) -> str:
    """Names sorted as readers expect: `Ÿnsect` beside `Y`, not after `Z`."""
    return slug(name) or name.casefold()


def place_of(quartier: Quartier) -> str:
    """The region of a quartier in France, the country of one abroad."""
    if quartier.country == "FR" and quartier.region:
        return slug(quartier.region)
    return quartier.country.lower()


def place_options(quartiers: Iterable[Quartier], country_name: Callable[[str], str]) -> list[Option]:
    found: dict[str, str] = {}
    for quartier in quartiers:
        label = quartier.region if quartier.country == "FR" and quartier.region else country_name(quartier.country)
        found[place_of(quartier)] = label or quartier.country
    return sorted((Option(value, label) for value, label in found.items()), key=lambda o: name_key(o.label))


def wave_options(quartiers: Iterable[Quartier], label: Callable[[int], str]) -> list[Option]:
    waves = sorted({q.label.wave for q in quartiers if q.label.wave is not None})
    return [Option(str(wave), label(wave)) for wave in waves]


def used_options(values: Iterable[str], label: Callable[[str], str]) -> list[Option]:
    """The choices records actually use (an unused sector would only lead to an empty list)."""
    return sorted((Option(value, label(value)) for value in set(values)), key=lambda o: name_key(o.label))


def by_name(entries: Iterable[Entry[Any]]) -> list[Entry[Any]]:
    return sorted(entries, key=_name_order)


def _name_order(entry: Entry[Any]) -> tuple[str, str]:
    return name_key(entry.record.name), entry.slug


def champions_by_name(catalogue: Catalogue) -> list[Entry[Champion]]:
    """Every champion in name order, sorted once per catalogue (not changed by the caller)."""
    return catalogue.derived("directory.champions-by-name", lambda: by_name(catalogue.champions.values()))


def same_sector(catalogue: Catalogue, champion: Entry[Champion], limit: int) -> list[Entry[Champion]]:
    """The other champions sharing one of `champion`'s sectors, in name order, at most `limit`:
    the name-ordered lists of its sectors merged, each champion once."""

    def index() -> dict[str, list[tuple[int, Entry[Champion]]]]:
        by_sector: dict[str, list[tuple[int, Entry[Champion]]]] = {}
        for position, entry in enumerate(champions_by_name(catalogue)):
            for sector in dict.fromkeys(entry.record.sectors):
                by_sector.setdefault(sector, []).append((position, entry))
        return by_sector

    if limit <= 0:
        return []
    by_sector = catalogue.derived("directory.champions-by-sector", index)
    lists = [by_sector.get(sector, []) for sector in dict.fromkeys(champion.record.sectors)]
    found: dict[str, Entry[Champion]] = {}
    for _position, entry in heapq.merge(*lists, key=lambda item: item[0]):
        if entry.slug != champion.slug:
            found.setdefault(entry.slug, entry)
            if len(found) == limit:
                break
    return list(found.values())


def ranks(entries: Iterable[Entry[Any]], key: Callable[[Entry[Any]], Any] | None = None) -> dict[str, int]:
    """Position of each entry (by slug) in the order `key` gives; ties, and the name order, by name."""
    ordered = by_name(entries)
    if key is not None:
        ordered.sort(key=key)  # stable: equal keys stay in name order
    return {entry.slug: position for position, entry in enumerate(ordered)}


def quartier_sorts(entries: Sequence[Entry[Quartier]]) -> dict[str, dict[str, int]]:
    """sort name -> slug -> rank; quartiers without a label date come last."""
    return {"name": ranks(entries), "label": ranks(entries, lambda e: e.record.label.date or dt.date.max)}


def champion_sorts(entries: Sequence[Entry[Champion]]) -> dict[str, dict[str, int]]:
    """sort name -> slug -> rank; by employees, the largest first and those that report none last."""
    return {
        "name": ranks(entries),
        "founded": ranks(entries, lambda e: e.record.founded),
        "employees": ranks(entries, lambda e: -_reported(e.record, "employees")),
    }


def _reported(champion: Champion, kind: str) -> float:
    """The value of a kind of figure the champion reports, or -infinity (it then sorts last)."""
    return next((float(f.value) for f in champion.figures if f.id == kind), float("-inf"))


def initials(name: str) -> str:
    """What a champion's stand-in tile shows without a logo: `BM` for Back Market, `Do` for Doctolib."""
    words: list[str] = re.findall(r"\w+", name)
    if not words:
        return name[:2]
    if len(words) > 1:
        return (words[0][0] + words[1][0]).upper()
    return words[0][0].upper() + words[0][1:2]
