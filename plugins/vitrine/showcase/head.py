"""What a page's head gets from the showcase (`showcase` in templates, see overrides/main.html)."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup


@dataclass(frozen=True)
class Head:
    feed: str | None = None
    """Site-relative address of the Atom feed of the page's language (templates pass it through `url`)."""
    feed_title: str = ""
    json_ld: Markup | None = None
    """The page's schema.org entity, ready for a `<script type="application/ld+json">`."""
    og_type: str = "website"
    """`article` for a news post."""
    published: str | None = None
    modified: str | None = None
    """A post's dates (ISO), for `article:published_time` and `article:modified_time`."""

    def __bool__(self) -> bool:
        return True
