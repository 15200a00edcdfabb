"""One criterion of the charter across the quartiers: who reports each indicator, who does not.

Plain data derived from the catalogue, independent of MkDocs: the comparison
pages draw their charts and tables from it, in the same order.
"""

from __future__ import annotations

from dataclasses import dataclass

from .catalogue import Catalogue, Entry
from .records import CriterionDefinition, Indicator, IndicatorDefinition, Quartier

# Years are positions in time, not amounts: a bar from zero would say nothing.
POSITION_UNITS = {"year"}
# Below this many values an indicator is not something the network publishes in common:
# its values are listed, not charted as a comparison (vitrine/catalogue `compared_from`).
COMPARED_FROM = 5


@dataclass(frozen=True)
class Reported:
    entry: Entry[Quartier]
    indicator: Indicator

    @property
    def number(self) -> float:
        value = self.indicator.value
        return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0.0


@dataclass(frozen=True)
class IndicatorComparison:
    definition: IndicatorDefinition
    reported: tuple[Reported, ...]
    """Quartiers that report the indicator: largest amount first, earliest year first, else by name."""
    missing: tuple[Entry[Quartier], ...]
    """Quartiers that do not report it (shown as "not reported"), by name."""
    compared_from: int = COMPARED_FROM
    """How many must report it for a comparison (a chart and the "not reported" rows)."""

    @property
    def charted(self) -> bool:
        """Numbers reported by at least `compared_from` quartiers get a chart; yes-no and text
        indicators, and figures too few quartiers publish, are tables only."""
        return self.definition.type == "number" and not self.few

    @property
    def few(self) -> bool:
        """Fewer than `compared_from` quartiers report it: the page says the network does not
        publish it in common."""
        return len(self.reported) < self.compared_from

    @property
    def charted_rows(self) -> tuple[Reported, ...]:
        """The values drawn in the chart: those that count the quartier's own perimeter.

        A value for another area (a region, a department) is not ranked against the others:
        the table lists it with its area instead."""
        return tuple(r for r in self.reported if r.indicator.coverage is None)

    @property
    def uncharted(self) -> tuple[Reported, ...]:
        """Reported values left out of the chart because they count another area."""
        return tuple(r for r in self.reported if r.indicator.coverage is not None)

    @property
    def positions(self) -> bool:
        """Values placed on a time axis rather than measured from zero."""
        return self.definition.unit in POSITION_UNITS

    @property
    def total(self) -> int:
        return len(self.reported) + len(self.missing)


def participants(catalogue: Catalogue, criterion: CriterionDefinition) -> list[Entry[Quartier]]:
    """The quartiers the charter applies to (every one in France), plus any hub abroad documenting the criterion."""
    entries = [
        entry
        for entry in catalogue.quartiers.values()
        if entry.record.kind != "hub" or criterion.id in entry.record.criteria
    ]
    return sorted(entries, key=_name_key)


def compare(
    catalogue: Catalogue, criterion: CriterionDefinition, compared_from: int = COMPARED_FROM
) -> list[IndicatorComparison]:
    """Every indicator of `criterion`, in the order of its definition."""
    entries = participants(catalogue, criterion)
    return [_compare_indicator(entries, criterion, definition, compared_from) for definition in criterion.indicators]


def _compare_indicator(
    entries: list[Entry[Quartier]], criterion: CriterionDefinition, definition: IndicatorDefinition, compared_from: int
) -> IndicatorComparison:
    reported: list[Reported] = []
    missing: list[Entry[Quartier]] = []
    for entry in entries:
        documented = entry.record.criteria.get(criterion.id)
        found = next((i for i in documented.indicators if i.id == definition.id), None) if documented else None
        if found is None:
            missing.append(entry)
        else:
            reported.append(Reported(entry, found))
    if definition.type == "number":
        sign = 1 if definition.unit in POSITION_UNITS else -1
        reported.sort(key=lambda r: (sign * r.number, _name_key(r.entry)))
    return IndicatorComparison(definition, tuple(reported), tuple(missing), compared_from)


def _name_key(entry: Entry[Quartier]) -> str:
    return entry.record.name.casefold()
