"""The translation status page for the editorial team (not linked from the nav)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..model.translations import Unit

STATUS_PAGE = "---\ntitle: Translation status\ntemplate: translation-status.html\nsearch:\n  exclude: true\n---\n"


@dataclass(frozen=True)
class LanguageStatus:
    language: str
    current: int
    outdated: int
    missing: int
    pending: list[Unit]
    """Outdated and missing translations, to work through."""

    @property
    def total(self) -> int:
        return self.current + self.outdated + self.missing

    @property
    def coverage(self) -> float:
        return self.current / self.total if self.total else 1.0


def status_table(units: list[Unit], languages: tuple[str, ...]) -> list[LanguageStatus]:
    rows = []
    for language in languages[1:]:
        own = [u for u in units if u.language == language]
        counts = Counter(u.status for u in own)
        pending = [u for u in own if u.status != "current"]
        rows.append(LanguageStatus(language, counts["current"], counts["outdated"], counts["missing"], pending))
    return rows
