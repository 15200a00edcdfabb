"""Where each figure comes from: the sources of indicators and champions' figures, and their coverage.

`source_problems` runs inside `load_catalogue`, after the references are checked, so
`vitrine check`, the build and `mkdocs serve`'s quick pass report the same lines.
`coverage` counts the values the quartiers in France and the champions report
(`vitrine check --coverage`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from .errors import ContentError
from .records import (
    SOURCE_LANGUAGE,
    Champion,
    CriterionDefinition,
    CriterionEntry,
    Figure,
    FigureDefinition,
    Indicator,
    Quartier,
    QuartierKind,
)
from .yamlsource import Located, format_path
from .yamlsource import Path as FieldPath

FRANCE_KINDS: tuple[QuartierKind, ...] = ("metropole", "capitale", "thematic")
"""The quartiers the coverage counts: the labelled ones in France (communities and hubs are not)."""


@dataclass(frozen=True)
class Sourced:
    """One value a record states with its source: an indicator of a quartier or a figure of a champion."""

    rel: str
    path: FieldPath
    """Field path of the value's entry, e.g. `('criteria', 'access', 'indicators', 0)`."""
    measure: str
    """What it measures: the indicator's id, or the figure's id (else its French label)."""
    value: object
    as_of: dt.date
    source_url: str | None


def indicator_values(rel: str, criteria: Mapping[str, CriterionEntry]) -> Iterator[Sourced]:
    """The indicators of a quartier's record (`rel`)."""
    for key, documented in criteria.items():
        for i, indicator in enumerate(documented.indicators):
            path = ("criteria", key, "indicators", i)
            yield Sourced(rel, path, indicator.id, indicator.value, indicator.as_of, indicator.source_url)


def figure_values(rel: str, figures: Iterable[Figure]) -> Iterator[Sourced]:
    """The figures of a champion's record (`rel`)."""
    for i, figure in enumerate(figures):
        yield Sourced(rel, ("figures", i), figure_id(figure), figure.value, figure.as_of, figure.source_url)


def figure_id(figure: Figure) -> str:
    """What a figure measures across champions: its kind (`id`), else its French label."""
    if figure.id is not None:
        return figure.id
    return figure.label[SOURCE_LANGUAGE] if figure.label is not None else ""


def source_problems(
    values: Iterable[Sourced], located: Mapping[str, Located], today: dt.date
) -> tuple[list[ContentError], list[ContentError]]:
    """Errors (a figure dated after `today`) and warnings (an http:// source, a value copied between records)."""
    errors: list[ContentError] = []
    warnings: list[ContentError] = []
    first: dict[tuple[str, str, object, str], Sourced] = {}
    for sourced in values:
        where = _Where(sourced, located)
        if sourced.as_of > today:
            errors.append(
                where.error(
                    "as_of",
                    f'"{sourced.as_of}" is after today ({today})',
                    "write the date the source gives for the value",
                )
            )
        url = sourced.source_url
        if url is None:
            continue
        if url.lower().startswith("http://"):
            warnings.append(where.error("source_url", f'"{url}" is not an https address', HTTPS_HINT))
        if isinstance(sourced.value, bool):  # yes or no from one list of many records is no copy
            continue
        key = (sourced.rel.split("/", 1)[0], sourced.measure, _same(sourced.value), url)
        earlier = first.setdefault(key, sourced)
        if earlier.rel != sourced.rel:
            other = _Where(earlier, located)
            message = f"the same value ({sourced.value}) and source_url as {other.at('value')} ({other.field('value')})"
            warnings.append(where.error("value", message, COPY_HINT))
    return errors, warnings


HTTPS_HINT = "use the https address of the page"
COPY_HINT = "cite, for each record, the page that gives its own value"


def _same(value: object) -> object:
    """62 and 62.0 are the same number."""
    return float(value) if isinstance(value, int) else value


@dataclass(frozen=True)
class _Where:
    sourced: Sourced
    located: Mapping[str, Located]

    def field(self, name: str) -> str:
        return format_path((*self.sourced.path, name))

    def mark(self, name: str) -> tuple[int, int]:
        located = self.located.get(self.sourced.rel)
        return located.mark((*self.sourced.path, name)) if located is not None else (0, 0)

    def at(self, name: str) -> str:
        line, column = self.mark(name)
        return f"{self.sourced.rel}:{line}:{column}" if line else self.sourced.rel

    def error(self, name: str, message: str, hint: str) -> ContentError:
        line, column = self.mark(name)
        return ContentError(self.sourced.rel, line, column, self.field(name), message, hint)


# Coverage ----------------------------------------------------------------------


@dataclass(frozen=True)
class Count:
    """How many records report one indicator or figure."""

    measure: str
    label: Mapping[str, str]
    reported: int
    total: int


@dataclass(frozen=True)
class CriterionCoverage:
    criterion: CriterionDefinition
    indicators: tuple[Count, ...]

    @property
    def reported(self) -> int:
        return sum(count.reported for count in self.indicators)

    @property
    def cells(self) -> int:
        return sum(count.total for count in self.indicators)


@dataclass(frozen=True)
class Coverage:
    """Filled cells of the scorecards of the quartiers in France, and the champions' figures."""

    quartiers: int
    criteria: tuple[CriterionCoverage, ...]
    champions: int
    figures: tuple[Count, ...]
    """The kinds of figures in their file's order, then the figures of their own label some champion reports."""

    @property
    def reported(self) -> int:
        return sum(criterion.reported for criterion in self.criteria)

    @property
    def cells(self) -> int:
        return sum(criterion.cells for criterion in self.criteria)


def coverage(
    criteria: Iterable[CriterionDefinition],
    quartiers: Iterable[Quartier],
    champions: Iterable[Champion],
    kinds: Mapping[str, FigureDefinition],
) -> Coverage:
    """Quartiers in France reporting each indicator; champions reporting each kind of figure (`kinds`,
    from champions/figures.yml, reported or not) and each figure of their own label."""
    in_france = [quartier for quartier in quartiers if quartier.kind in FRANCE_KINDS]
    counted = tuple(_criterion_coverage(criterion, in_france) for criterion in criteria)
    everyone = list(champions)
    labels: dict[str, Mapping[str, str]] = {measure: kind.label for measure, kind in kinds.items()}
    reporting: dict[str, set[int]] = {measure: set() for measure in kinds}
    for n, champion in enumerate(everyone):
        for figure in champion.figures:
            measure = figure_id(figure)
            labels.setdefault(measure, figure.label or {SOURCE_LANGUAGE: measure})
            reporting.setdefault(measure, set()).add(n)
    figures = [Count(measure, labels[measure], len(who), len(everyone)) for measure, who in reporting.items()]
    return Coverage(len(in_france), counted, len(everyone), tuple(figures))


def _criterion_coverage(criterion: CriterionDefinition, quartiers: list[Quartier]) -> CriterionCoverage:
    counts = []
    for definition in criterion.indicators:
        reported = sum(
            1 for quartier in quartiers if any(i.id == definition.id for i in _documented(quartier, criterion.id))
        )
        counts.append(Count(definition.id, definition.label, reported, len(quartiers)))
    return CriterionCoverage(criterion, tuple(counts))


def _documented(quartier: Quartier, criterion: str) -> list[Indicator]:
    entry = quartier.criteria.get(criterion)
    return entry.indicators if entry is not None else []
