"""The templates' `vitrine`, read by read: what a page took from the catalogue, to be asked again.

A page may be taken over from the previous build when nothing it shows has changed
(`vitrine/rendering.py`, point 9). What a template asks `vitrine` (context.py) falls in four kinds:

- the page's own settings (its language, its record's spec, the content date…): digested with
  the page, before it renders (`reuse_digest`);
- the definitions (criteria, sectors, listings, capitals, kinds of figures): digested once per
  build, with the page's settings;
- work on values the template already holds (formatting, links, the chart of a comparison it
  was given): nothing to record, its arguments came from the other reads;
- reads of the records (the page's own record, a directory's list, a champion's neighbours by
  sector): each recorded with its arguments and the digest of what it gave (`reads`). At the
  next build they are asked again of the new catalogue (`replays`): a page whose every read
  gives the same digest shows the same records, though some other record changed.

A name in none of these lists (a method added to context.py and not classed here) is read
from the page context all the same, and the page cannot be taken over: it is rendered every
time, which is slower, never wrong. The tests check every public name of context.py is classed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..model.catalogue import Catalogue, Entry
from ..model.fingerprint import Fingerprints, Undigestable
from ..model.records import CriterionDefinition, Image
from .context import PageContext

SETTINGS = frozenset(
    {
        "language",
        "languages",
        "direction",
        "messages",
        "fmt",
        "spec",
        "site_path",
        "fallback_of",
        "content_date",
        "old_after_years",
        "compared_from",
        "accessibility",
        "accessibility_page",
    }
)
"""The page's own settings, digested before it renders (`languages`: mkdocs.yml's, in every key)."""

WORK = frozenset(
    {
        "text",
        "t",
        "value",
        "coverage",
        "date",
        "is_old",
        "figure_value",
        "figure_of",
        "kind_name",
        "status_name",
        "place",
        "initials",
        "web_address",
        "chart",
        "number",
        "link",
        "page_link",
        "reported",
        "indicator_rows",
        "breadcrumbs",
    }
)
"""Work on values the template holds, the page's settings and the interface's strings."""

DEFINITIONS = frozenset({"criteria", "criterion", "criteria_summary", "figure_label", "sector", "listing", "capital"})
"""Reads of the definitions only, digested once per build."""

CATALOGUE_DEFINITIONS = frozenset({"criteria", "capitals", "sectors", "listings", "figures"})
"""What a template may read of `vitrine.catalogue` itself: the definitions."""

READ_PROPERTIES = frozenset(
    {"quartier", "champion", "kind_groups", "quartier_facets", "champion_facets", "quartier_ranks", "champion_ranks"}
)
READ_METHODS = frozenset(
    {
        "quartiers",
        "champions",
        "directory_quartiers",
        "directory_champions",
        "champion_quartiers",
        "same_sector",
        "comparisons",
        "image",
    }
)
"""Reads of the records: recorded, with their arguments, and asked again at the next build."""

Argument = tuple[str, object]
Read = tuple[str, tuple[Argument, ...], bytes]
"""A recorded read: the name, its arguments as they can be found again, the digest of its value."""


class Definitions:
    """`vitrine.catalogue` as a template may read it: the definitions, digested with the page."""

    __slots__ = ("_catalogue", "_view")

    def __init__(self, catalogue: Catalogue, view: RecordedContext) -> None:
        self._catalogue = catalogue
        self._view = view

    def __getattr__(self, name: str) -> Any:
        if name not in CATALOGUE_DEFINITIONS:
            self._view.unrecorded(f"catalogue.{name}")
        return getattr(self._catalogue, name)


class PageReads:
    """One build's reads: the digests every page shares (records, definitions)."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.fingerprints = Fingerprints()
        self._definitions: bytes | None = None

    def definitions(self) -> bytes:
        if self._definitions is None:
            catalogue = self.catalogue
            self._definitions = self.fingerprints.of(
                (catalogue.criteria, catalogue.capitals, catalogue.sectors, catalogue.listings, catalogue.figures)
            )
        return self._definitions

    def view(self, context: PageContext) -> RecordedContext:
        return RecordedContext(context, self)


class RecordedContext:
    """The page context as its template sees it: each read of the records is recorded."""

    __slots__ = ("_context", "_reads", "_recorded", "_unrecorded")

    def __init__(self, context: PageContext, reads: PageReads) -> None:
        self._context = context
        self._reads = reads
        self._recorded: dict[tuple[str, tuple[Argument, ...]], bytes] = {}
        self._unrecorded: str | None = None

    def __getattr__(self, name: str) -> Any:
        context = self._context
        if name in READ_PROPERTIES:
            value = getattr(context, name)
            self._record(name, (), value)
            return value
        if name in READ_METHODS:
            return self._recording(name, getattr(context, name))
        if name == "catalogue":
            return Definitions(context.catalogue, self)
        if name not in SETTINGS and name not in WORK and name not in DEFINITIONS:
            self.unrecorded(name)
        return getattr(context, name)

    # rendering.RecordsReads ---------------------------------------------------

    def reuse_digest(self) -> bytes:
        """The page's settings and the build's definitions."""
        context = self._context
        settings = (
            context.language,
            context.spec,
            context.site_path,
            context.fallback_of,
            context.content_date,
            context.old_after_years,
            context.compared_from,
            context.accessibility,
            context.accessibility_page,
        )
        return self._reads.fingerprints.of(settings) + self._reads.definitions()

    def reads(self) -> list[Read] | None:
        """What the page read of the records, once rendered; None when a read could not be recorded."""
        if self._unrecorded is not None:
            return None
        return [(name, arguments, digest) for (name, arguments), digest in self._recorded.items()]

    def why_not(self) -> str | None:
        """Why the reads cannot be asked again, if they cannot."""
        return self._unrecorded

    def replays(self, reads: object) -> bool:
        """Whether every read of `reads` gives what it gave then."""
        if not isinstance(reads, list):
            return False
        context = self._context
        try:
            for name, arguments, digest in reads:
                if name in READ_PROPERTIES:
                    value = getattr(context, name)
                elif name == "image":
                    value = context.images[Path(str(arguments[0][1]))]
                elif name in READ_METHODS:
                    value = getattr(context, name)(*[self._found(argument) for argument in arguments])
                else:
                    return False
                if self._reads.fingerprints.of(value) != digest:
                    return False
        except (LookupError, ValueError, TypeError, Undigestable):  # a record gone, a read of another shape
            return False
        return True

    # Helpers ------------------------------------------------------------------

    def unrecorded(self, name: str) -> None:
        if self._unrecorded is None:
            self._unrecorded = f"vitrine.{name} is not a recorded read (catalogue/reads.py)"

    def _recording(self, name: str, method: Callable[..., Any]) -> Callable[..., Any]:
        def read(*arguments: object) -> Any:
            value = method(*arguments)
            if name == "image":  # found again by its path: the entry's folder and the image's file
                entry, image = arguments
                if isinstance(entry, Entry) and isinstance(image, Image):
                    self._record("image", (("path", str(entry.image_path(image))),), value)
                    return value
                self.unrecorded(name)
                return value
            encoded = [self._argument(argument) for argument in arguments]
            if all(argument is not None for argument in encoded):
                self._record(name, tuple(a for a in encoded if a is not None), value)
            else:
                self.unrecorded(name)
            return value

        return read

    def _record(self, name: str, arguments: tuple[Argument, ...], value: object) -> None:
        key = (name, arguments)
        if key in self._recorded or self._unrecorded is not None:
            return
        try:
            self._recorded[key] = self._reads.fingerprints.of(value)
        except Undigestable as exc:
            self._unrecorded = f"vitrine.{name} gave a value that cannot be digested ({exc})"

    def _argument(self, value: object) -> Argument | None:
        """An argument as the next build can find it again, or None."""
        catalogue = self._context.catalogue
        if value is None or isinstance(value, str | int):
            return ("value", value)
        if isinstance(value, Entry):
            if catalogue.quartiers.get(value.slug) is value:
                return ("quartier", value.slug)
            if catalogue.champions.get(value.slug) is value:
                return ("champion", value.slug)
        if isinstance(value, CriterionDefinition):
            return ("criterion", value.id)
        return None

    def _found(self, argument: Argument) -> object:
        kind, value = argument
        catalogue = self._context.catalogue
        if kind == "value":
            return value
        if kind == "quartier":
            return catalogue.quartiers[str(value)]
        if kind == "champion":
            return catalogue.champions[str(value)]
        if kind == "criterion":
            return {c.id: c for c in catalogue.criteria}[str(value)]
        raise ValueError(kind)
