"""The build's content date: the newest date the content itself states.

It is the datasets' "last update", and the line between past and upcoming events.
Taken from the texts and records (never from the clock, nor from git, which a
shallow clone lacks), so the same commit builds the same bytes on any day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping

from ..model.catalogue import Catalogue
from ..model.records import PageMeta


def content_date(catalogue: Catalogue, pages: Iterable[PageMeta], fallback: dt.date | None = None) -> dt.date | None:
    """The newest `updated`/`date` of the pages and narratives, or date stated in a record.

    `fallback` (from SOURCE_DATE_EPOCH) serves only a project whose content states no date.
    """
    found = [*_page_dates(pages), *_record_dates(catalogue)]
    return max(found) if found else fallback


def source_date_epoch(environ: Mapping[str, str]) -> dt.date | None:
    """The date of SOURCE_DATE_EPOCH (reproducible-builds.org), if set to a number of seconds."""
    value = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value.isdigit():
        return None
    return dt.datetime.fromtimestamp(int(value), tz=dt.UTC).date()


def _page_dates(pages: Iterable[PageMeta]) -> Iterator[dt.date]:
    for meta in pages:
        yield from (date for date in (meta.updated, meta.date) if date is not None)


def _record_dates(catalogue: Catalogue) -> Iterator[dt.date]:
    for quartier in catalogue.quartiers.values():
        yield from _page_dates(narrative.meta for narrative in quartier.narratives.values())
        if quartier.record.label.date is not None:
            yield quartier.record.label.date
        for criterion in quartier.record.criteria.values():
            yield from (indicator.as_of for indicator in criterion.indicators)
    for champion in catalogue.champions.values():
        yield from _page_dates(narrative.meta for narrative in champion.narratives.values())
        yield from (figure.as_of for figure in champion.record.figures)
