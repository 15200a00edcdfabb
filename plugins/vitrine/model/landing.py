"""The landing page of each language: its key figures, counted from the records, and the
champions the editors feature (`featured:` in the front matter of `content/<lang>/index.md`).

Plain data for `catalogue/landing.py`, which names and formats it in the page's language.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .catalogue import Catalogue
from .errors import ContentError
from .records import LABEL_STATUSES, SOURCE_LANGUAGE, PageMeta, QuartierKind
from .yamlsource import split_front_matter

HOME = "index.md"
"""A language's home: `content/<lang>/index.md`."""
LABELLED_IN_FRANCE: tuple[QuartierKind, ...] = tuple(
    kind for kind, statuses in LABEL_STATUSES.items() if "labelled" in statuses
)
"""The kinds that carry the label itself (metropolises, capitals), all in France."""


@dataclass(frozen=True)
class KeyFigures:
    """What the landing page counts; every figure comes from the records or the configuration."""

    labelled: int
    """Quartiers labelled in France (`LABELLED_IN_FRANCE` kinds with status `labelled`)."""
    thematic: int
    abroad: int
    """Communities abroad (kind `hub`)."""
    champions: int
    capitals: int
    """Foreign capitals at least one quartier names as partner."""
    languages: int


def key_figures(catalogue: Catalogue, languages: Iterable[str]) -> KeyFigures:
    quartiers = [entry.record for entry in catalogue.quartiers.values()]
    return KeyFigures(
        labelled=sum(q.kind in LABELLED_IN_FRANCE and q.label.status == "labelled" for q in quartiers),
        thematic=sum(q.kind == "thematic" for q in quartiers),
        abroad=sum(q.kind == "hub" for q in quartiers),
        champions=len(catalogue.champions),
        capitals=len({capital for q in quartiers for capital in q.partners}),
        languages=len(set(languages)),
    )


def is_home(src_uri: str, languages: Iterable[str]) -> bool:
    language, _, rest = src_uri.partition("/")
    return rest == HOME and language in languages


def featured(metas: Mapping[str, PageMeta], language: str) -> list[str]:
    """The champions a language's home features: its own list, else the French one."""
    own = metas.get(f"{language}/{HOME}")
    if own is not None and own.featured is not None:
        return own.featured
    source = metas.get(f"{SOURCE_LANGUAGE}/{HOME}")
    return (source.featured if source is not None else None) or []


def check_featured(
    metas: Mapping[str, PageMeta], catalogue: Catalogue, docs_dir: Path, rel_prefix: str
) -> list[ContentError]:
    """Each featured slug must name a champion; an error points at its line in the front matter."""
    errors: list[ContentError] = []
    for src_uri, meta in sorted(metas.items()):
        unknown = [(i, slug) for i, slug in enumerate(meta.featured or []) if slug not in catalogue.champions]
        if not unknown:
            continue
        rel = f"{rel_prefix}/{src_uri}"
        located, _body, _errors = split_front_matter((docs_dir / src_uri).read_bytes(), rel)
        for i, slug in unknown:
            line, column = located.mark(("featured", i)) if located else (0, 0)
            close = difflib.get_close_matches(slug, list(catalogue.champions), n=1, cutoff=0.6)
            hint = f"did you mean {close[0]!r}?" if close else "write the folder name of a champion under champions/"
            errors.append(ContentError(rel, line, column, f"featured[{i}]", f"unknown champion {slug!r}", hint))
    return errors
