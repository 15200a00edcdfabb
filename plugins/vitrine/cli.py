"""`vitrine`: the editors' command line (see README, "Translation status").

vitrine translations [LANG] [--mark-current] [--format text|json]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from .model.translations import Unit, collect, mark_current


def _project(config_file: str) -> tuple[Path, str, tuple[str, ...]]:
    from mkdocs.config import load_config

    config = load_config(config_file)
    root = Path(config.config_file_path).resolve().parent
    catalogue = config.plugins["vitrine/catalogue"]
    languages = tuple(language.code for language in catalogue.config.languages)
    docs = Path(config.docs_dir).resolve().relative_to(root).as_posix()
    return root, docs, languages


def translations(args: argparse.Namespace) -> int:
    root, docs, languages = _project(args.config_file)
    units = [u for u in collect(root, docs, languages) if args.language in (None, u.language)]
    if args.mark_current:
        count = mark_current(root, units)
        print(f"{count} translation(s) marked as reviewed against the current French text")
        units = [u for u in collect(root, docs, languages) if args.language in (None, u.language)]
    if args.format == "json":
        json.dump([_as_json(u) for u in units], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    _print_report(units)
    return 0


def _as_json(unit: Unit) -> dict[str, str | None]:
    return {
        "language": unit.language,
        "status": unit.status,
        "source": unit.source,
        "field": unit.field or None,
        "target": unit.target,
    }


def _print_report(units: list[Unit]) -> None:
    by_language: dict[str, Counter[str]] = {}
    for unit in units:
        by_language.setdefault(unit.language, Counter())[unit.status] += 1
    for language, counts in by_language.items():
        total = sum(counts.values())
        current, outdated, missing = counts["current"], counts["outdated"], counts["missing"]
        print(f"{language}: {current}/{total} current, {outdated} outdated, {missing} missing")
    for unit in units:
        if unit.status != "current":
            where = f"{unit.source} {unit.field}".strip()
            print(f"  {unit.language} {unit.status:8} {where} -> {unit.target}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="vitrine", description="Vitrine: tools for editors of the showcase.")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", help="the site's mkdocs.yml")
    commands = parser.add_subparsers(dest="command", required=True)
    status = commands.add_parser("translations", help="status of every translation: missing, outdated, current")
    status.add_argument("language", nargs="?", help="only this language code")
    status.add_argument("--mark-current", action="store_true", help="record that the listed translations were reviewed")
    status.add_argument("--format", choices=("text", "json"), default="text")
    status.set_defaults(run=translations)
    args = parser.parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    raise SystemExit(main())
