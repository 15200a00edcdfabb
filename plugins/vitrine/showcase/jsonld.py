"""JSON-LD (schema.org) for search engines: a Place per quartier, an Organization per champion.

Plain functions (no MkDocs). Each record page describes its entity in the page's
language; the entity's `@id` is the same in every language (its French page), so
the six pages are read as one place or company. The page itself, with its
language (`inLanguage`, a property of web pages, not of places), is the entity's
`mainEntityOfPage`, with the page's breadcrumb trail (`breadcrumb`, a BreadcrumbList).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from ..i18n.formatting import pick
from ..model.catalogue import Entry
from ..model.records import Champion, Quartier

CONTEXT = "https://schema.org"
Trail = Sequence[tuple[str, str]]
"""The trail the page shows, from the home page: each step's name and absolute address."""


def _page(url: str, title: str, language: str, trail: Trail) -> dict[str, Any]:
    page: dict[str, Any] = {"@type": "WebPage", "@id": url, "url": url, "name": title, "inLanguage": language}
    if trail:
        steps = [
            {"@type": "ListItem", "position": position, "name": name, "item": address}
            for position, (name, address) in enumerate(trail, start=1)
        ]
        page["breadcrumb"] = {"@type": "BreadcrumbList", "itemListElement": steps}
    return page


def place(entry: Entry[Quartier], language: str, url: str, entity_id: str, trail: Trail = ()) -> dict[str, Any]:
    q = entry.record
    address: dict[str, Any] = {"@type": "PostalAddress", "addressLocality": ", ".join(q.cities)}
    if q.region:
        address["addressRegion"] = q.region
    address["addressCountry"] = q.country
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "Place",
        "@id": entity_id,
        "name": q.name,
        "description": pick(q.tagline, language),
        "url": url,
        "geo": {"@type": "GeoCoordinates", "latitude": q.location.lat, "longitude": q.location.lon},
        "address": address,
        "mainEntityOfPage": _page(url, q.name, language, trail),
    }
    if q.website:
        data["sameAs"] = [q.website]
    return data


def organization(
    entry: Entry[Champion],
    language: str,
    url: str,
    entity_id: str,
    place_id: Callable[[str], str],
    trail: Trail = (),
) -> dict[str, Any]:
    """`place_id(slug)` is the `@id` of a quartier's Place, where the company is based."""
    c = entry.record
    return {
        "@context": CONTEXT,
        "@type": "Organization",
        "@id": entity_id,
        "name": c.name,
        "description": pick(c.description, language),
        "url": url,
        "foundingDate": str(c.founded),
        "address": {"@type": "PostalAddress", "addressLocality": c.city, "addressCountry": c.country},
        "location": [{"@id": place_id(slug)} for slug in c.quartiers],
        "sameAs": [c.website],
        "mainEntityOfPage": _page(url, c.name, language, trail),
    }


def script_text(data: dict[str, Any]) -> str:
    """The JSON for a `<script type="application/ld+json">`: `<`, `>` and `&` escaped, so no text
    can close the element; keys sorted, so the same record gives the same bytes."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
