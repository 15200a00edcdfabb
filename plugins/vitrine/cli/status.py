"""`vitrine translations`: the status of every translation, and what changed in its source.

Statuses come from `model.translations`; for an outdated translation, the
French text it was reviewed against is found in git history by its digest
(`model.history`) and the difference is shown sentence by sentence.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

from ..model.history import History, changes
from ..model.translations import Unit, Unreadable, collect, mark_current
from .output import report
from .project import Project
from .words import Words

DIFF_LINES = 16
"""Changed lines shown per translation; the rest is counted."""


@dataclass(frozen=True)
class Selection:
    language: str | None
    file: str | None
    """Only the texts of this source or translation file, or of the files in this folder (project-relative)."""

    def __call__(self, unit: Unit) -> bool:
        if self.language not in (None, unit.language):
            return False
        if self.file is None:
            return True
        wanted = self.file.removeprefix("./").rstrip("/")  # a file, or a folder: every text in it
        return any(path == wanted or path.startswith(f"{wanted}/") for path in (unit.source, unit.target))


Ask = Callable[[str], str]
"""Asks the person at the terminal a question and returns the answer (`input`)."""


def run(project: Project, words: Words, out: TextIO, selection: Selection, mark: Marking, fmt: str) -> int:
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
    scan = collect(project.root, project.docs, project.languages)
    report(scan.errors, [], words, sys.stderr, fmt="text", root=project.root)
    units = [u for u in scan.units if selection(u)]
    if mark.wanted:
        marked = _mark(project, words, out, units, mark, blanket=selection.file is None)
        if marked is None:
            return 1
        units = [u for u in collect(project.root, project.docs, project.languages).units if selection(u)]
    history = History(project.root)
    if fmt == "json":
        json.dump([_as_json(u, history) for u in units], out, ensure_ascii=False, indent=2)
        print(file=out)
    else:
        _report(units, words, history, out)
    return 1 if scan.errors else 0


@dataclass(frozen=True)
class Marking:
    """`--mark-current`, and how a blanket marking is confirmed."""

    wanted: bool = False
    everything: bool = False
    """`--all`: mark without asking, even with no `--file`."""
    ask: Ask | None = None
    """How to ask before a blanket marking; None when nobody is at a terminal."""


def _mark(
    project: Project, words: Words, out: TextIO, units: list[Unit], mark: Marking, *, blanket: bool
) -> int | None:
    """Mark the outdated translations among `units`; None when nothing was done and the command fails.

    Without `--file`, the list is shown first and must be confirmed (or `--all` given): a blanket
    run would otherwise record unreviewed translations as reviewed.
    """
    outdated = [unit for unit in units if unit.status == "outdated"]
    if outdated and blanket and not mark.everything:
        print(words("These translations would be marked as reviewed:"), file=out)
        for unit in outdated:
            print(f"  {unit.language}  {f'{unit.source} {unit.field}'.strip()} -> {unit.target}", file=out)
        if mark.ask is None:
            print(
                words("Nothing was marked: add --all to mark them all, or --file FILE for one file."), file=sys.stderr
            )
            return None
        answer = mark.ask(words("Mark these {n} translations as reviewed? [y/N] ", n=len(outdated)))
        if answer.strip().lower() not in ("y", "yes", "o", "oui"):
            print(words("Nothing was marked."), file=out)
            return None
    try:
        count = mark_current(project.root, outdated, project.languages)
    except Unreadable as unreadable:
        report(unreadable.errors, [], words, sys.stderr, fmt="text", root=project.root)
        print(words("Nothing was marked: these files cannot be read; correct them first."), file=sys.stderr)
        return None
    print(
        words.count(
            count,
            "{n} translation marked as reviewed against the current French text",
            "{n} translations marked as reviewed against the current French text",
        ),
        file=out,
    )
    return count


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
        print(
            "      " + words("the French text as it was when reviewed cannot be found: compare the two texts by hand"),
            file=out,
        )
        return
    print("      " + words("changed in the French text since the review (commit {commit}):", commit=commit), file=out)
    for line in lines[:DIFF_LINES]:
        print(f"        {line}", file=out)
    if len(lines) > DIFF_LINES:
        print("        " + words.count(len(lines) - DIFF_LINES, "… {n} more line", "… {n} more lines"), file=out)
