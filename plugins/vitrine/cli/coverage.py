"""`vitrine check --coverage`: how many quartiers and champions report each value, from the records.

The numbers come from `model.sources.coverage`; this module only lays them out,
one line per indicator or figure, in the command line's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TextIO

from ..model.catalogue import Catalogue
from ..model.records import SOURCE_LANGUAGE
from ..model.sources import Count, coverage
from .words import Words


def print_coverage(catalogue: Catalogue, words: Words, out: TextIO) -> None:
    counted = coverage(
        catalogue.criteria,
        (entry.record for entry in catalogue.quartiers.values()),
        (entry.record for entry in catalogue.champions.values()),
        catalogue.figures,
    )
    print(file=out)
    print(
        words(
            "Indicators of the {n} quartiers in France (métropoles, capitales, thematic networks):", n=counted.quartiers
        ),
        file=out,
    )
    for criterion in counted.criteria:
        title = _label(criterion.criterion.title, words)
        share = _share(criterion.reported, criterion.cells, words) if criterion.indicators else words("no indicator")
        print(
            "  " + words("{number}. {title}: {share}", number=criterion.criterion.number, title=title, share=share),
            file=out,
        )
        for count in criterion.indicators:
            print(f"     {_line(count, words)}", file=out)
    total = _share(counted.reported, counted.cells, words)
    print("  " + words("Filled cells: {share}", share=total), file=out)
    print(words("Figures of the {n} champions:", n=counted.champions), file=out)
    for count in counted.figures:
        print(f"     {_line(count, words)}", file=out)
    if not counted.figures:
        print("     " + words("no champion reports a figure"), file=out)


def _line(count: Count, words: Words) -> str:
    share = _share(count.reported, count.total, words)
    return words("{share}  {measure}: {label}", share=share, measure=count.measure, label=_label(count.label, words))


def _share(reported: int, total: int, words: Words) -> str:
    percent = words.percent(reported / total if total else 0.0)
    return words("{reported} of {total} ({percent})", reported=reported, total=total, percent=percent)


def _label(texts: Mapping[str, str], words: Words) -> str:
    return texts.get(words.language) or texts[SOURCE_LANGUAGE]
