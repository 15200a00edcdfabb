"""`vitrine new` and `vitrine check`: what they print and the exit code."""

from __future__ import annotations

import sys
from pathlib import PurePosixPath

from .check import Findings, check_project
from .coverage import print_coverage
from .output import report
from .project import Project
from .scaffold import Kind, ScaffoldRefused, scaffold
from .words import Words


def new(project: Project, words: Words, kind: Kind, slug: str) -> int:
    try:
        created = scaffold(project, kind, slug)
    except ScaffoldRefused as refused:
        print(words.message(str(refused)), file=sys.stderr)
        return 1
    out = sys.stdout
    print(words("Created:"), file=out)
    print(f"  {created.record}  " + words("(the record: fill in every empty field)"), file=out)
    source, *translations = created.narratives
    print(f"  {source}  " + words("(its text in French, in Markdown; optional)"), file=out)
    for narrative in translations:
        print(
            f"  {narrative}  " + words("(its translation: required on this site once the French text is written)"),
            file=out,
        )
    print(words("Next:"), file=out)
    print("  1. " + words("fill in the empty fields: the comment above each says what to write;"), file=out)
    for language in project.required:
        print(
            "  2. "
            + words(
                "once the translations ({language}:) are reviewed: "
                "vitrine translations {language} --mark-current --file {file}",
                language=language,
                file=PurePosixPath(created.record).parent,
            ),
            file=out,
        )
    print("  3. " + words("vitrine check, then vitrine serve to preview the page."), file=out)
    return 0


def check(project: Project, words: Words, fmt: str, *, coverage: bool = False) -> int:
    findings = check_project(project)
    out = sys.stdout
    report(findings.errors, findings.warnings, words, out, fmt=fmt, root=project.root)
    if coverage:
        _coverage(findings, words)
    failed = findings.failed(project.strict)
    errors = words.count(len(findings.errors), "{n} error", "{n} errors")
    warnings = words.count(len(findings.warnings), "{n} warning", "{n} warnings")
    if failed:
        hint = words("warnings fail the strict build") if findings.warnings and project.strict else ""
        print(
            words("vitrine check: {errors}, {warnings}", errors=errors, warnings=warnings)
            + (f" ({hint})" if hint else ""),
            file=out,
        )
        return 1
    catalogue = findings.catalogue
    quartiers = len(catalogue.quartiers) if catalogue else 0
    champions = len(catalogue.champions) if catalogue else 0
    line = words(
        "vitrine check: everything is in order ({quartiers} quartiers, {champions} champions, {pages} pages, "
        "{units} translated texts)",
        quartiers=quartiers,
        champions=champions,
        pages=findings.pages,
        units=len(findings.units),
    )
    if findings.warnings:
        line += " — " + warnings
    print(line, file=out)
    return 0


def _coverage(findings: Findings, words: Words) -> None:
    """Before the last line, which stays the verdict; without a catalogue (records with errors), nothing to count."""
    if findings.catalogue is None:
        print(words("coverage: not counted, the records have errors"), file=sys.stdout)
        return
    print_coverage(findings.catalogue, words, sys.stdout)
