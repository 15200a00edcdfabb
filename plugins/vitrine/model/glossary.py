"""Protected terms (names never translated), checked in every translation."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from .errors import ContentError
from .translations import Unit
from .validate import load_model


class Glossary(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    terms: list[str]


def load_glossary(path: Path, rel: str) -> Glossary:
    return load_model(path, rel, Glossary)


def glossary_problems(glossary: Glossary, units: Iterable[Unit]) -> Iterator[ContentError]:
    """A translation whose French source uses a protected term that the translation lacks."""
    for unit in units:
        if unit.status == "missing":
            continue
        for term in glossary.terms:
            if term in unit.source_text and not _pattern(term).search(unit.text):
                message = f"protected term {term!r} is missing from the {unit.language} translation"
                yield ContentError(unit.target, 0, 0, unit.field, message, "names in the glossary are never translated")


def _pattern(term: str) -> re.Pattern[str]:
    # German compounds join a name with hyphens ("French-Tech-Hubs"): the name is still intact.
    words = [re.escape(word) for word in term.split()]
    return re.compile(r"[\s\-\u2011]+".join(words))
