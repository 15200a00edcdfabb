"""Options of the `vitrine/showcase` plugin (see mkdocs.yml)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as opt


class ShowcaseConfig(base.Config):
    enabled = opt.Type(bool, default=True)
    """Turn the whole plugin off (no exports, feeds, calendar or JSON-LD)."""

    # Open data: exports published under data/, listed on the data page.
    data_page = opt.Type(str, default="donnees-ouvertes.md")
    """File name, inside each language folder, of the page that lists the exports."""
    publisher = opt.Optional(opt.Type(str))
    """Name given as the source of the datasets (Licence Ouverte asks for it); default: site_name."""

    # News: posts are `<lang>/<news>/<yyyy-mm-dd>-<slug>.md`, listed on `<lang>/<news>/index.md`.
    news = opt.Type(str, default="news")
    """Folder, inside each language folder, of the news posts and their index page."""

    # Calendar: key dates and events, with the label waves of the records, on the calendar page.
    calendar = opt.Type(str, default="quartiers/calendar.yml")
    """Project-relative data file of key dates and events (optional: without it, only the label waves)."""
    calendar_page = opt.Type(str, default="gouvernance.md")
    """File name, inside each language folder, of the page the timeline is added to."""
