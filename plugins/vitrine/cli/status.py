"""`vitrine translations`: the status of every translation, and what changed in its source.

Statuses come from `model.translations`; for an outdated translation, the
French text it was reviewed against is found in git history by its digest
(`model.history`) and the difference is shown sentence by sentence.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass
from typing import TextIO

from ..model.history import History, changes
from ..model.translations import Unit, collect, mark_current
from .project import Project
from .words import Words

DIFF_LINES = 16
"""Changed lines shown per translation; the rest is counted."""


@dataclass(frozen=True)
class Selection:
    language: str | None
    file: str | None
    """Only the texts of this source or translation file (project-relative)."""

    def __call__(self, unit: Unit) -> bool:
        if self.language not in (None, unit.language):
            return False
        return self.file is None or self.file.removeprefix("./") in (unit.source, unit.target)


def run(project: Project, words: Words, out: TextIO, selection: Selection, mark: bool, fmt: str) -> int:
    unknown = selection.language is not None and selection.language not in project.languages[1:]
    if unknown:
        codes = ", ".join(project.languages[1:])
        print(
            words(
                "{language} is not a translated language of the site ({codes})",
                language=selection.language,
                codes=codes,
            ),
            file=sys.stderr,
        )
        return 1
    units = [u for u in collect(project.root, project.docs, project.languages) if selection(u)]
    if mark:
        count = mark_current(project.root, units)
        print(
            words.count(
                count,
                "{n} translation marked as reviewed against the current French text",
                "{n} translations marked as reviewed against the current French text",
            ),
            file=out,
        )
        units = [u for u in collect(project.root, project.docs, project.languages) if selection(u)]
    history = History(project.root)
    if fmt == "json":
        json.dump([_as_json(u, history) for u in units], out, ensure_ascii=False, indent=2)
        print(file=out)
        return 0
    _report(units, words, history, out)
    return 0


def _diff(unit: Unit, history: History) -> tuple[str | None, list[str] | None]:
    """(commit, changed lines) for an outdated translation whose reviewed text git still has."""
    if unit.status != "outdated":
        return None, None
    reviewed = history.reviewed(unit)
    if reviewed is None:
        return None, None
    return reviewed.commit, changes(reviewed.text, unit.source_text)


def _as_json(unit: Unit, history: History) -> dict[str, object]:
    commit, lines = _diff(unit, history)
    return {
        "language": unit.language,
        "status": unit.status,
        "source": unit.source,
        "field": unit.field or None,
        "target": unit.target,
        "reviewed_in": commit,
        "changes": lines,
    }


def _report(units: list[Unit], words: Words, history: History, out: TextIO) -> None:
    by_language: dict[str, Counter[str]] = {}
    for unit in units:
        by_language.setdefault(unit.language, Counter())[unit.status] += 1
    for language, counts in by_language.items():
        total = sum(counts.values())
        line = words(
            "{language}: {current}/{total} current, {outdated} outdated, {missing} missing",
            language=language,
            current=counts["current"],
            total=total,
            outdated=counts["outdated"],
            missing=counts["missing"],
        )
        print(line, file=out)
    for unit in units:
        if unit.status != "current":
            _pending(unit, words, history, out)


def _pending(unit: Unit, words: Words, history: History, out: TextIO) -> None:
    where = f"{unit.source} {unit.field}".strip()
    status = words(unit.status)  # "current", "outdated", "missing"
    print(f"  {unit.language} {status:9} {where} -> {unit.target}", file=out)
    if unit.status != "outdated":
        return
    if unit.recorded is None:
        print("      " + words("never marked as reviewed: compare it with the French text"), file=out)
        return
    commit, lines = _diff(unit, history)
    if commit is None or lines is None:
        print("      " + words("the reviewed French text is not in the git history: compare by hand"), file=out)
        return
    print("      " + words("changed in the French text since the review (commit {commit}):", commit=commit), file=out)
    for line in lines[:DIFF_LINES]:
        print(f"        {line}", file=out)
    if len(lines) > DIFF_LINES:
        print("        " + words.count(len(lines) - DIFF_LINES, "… {n} more line", "… {n} more lines"), file=out)
