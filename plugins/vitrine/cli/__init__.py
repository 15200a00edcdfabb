"""`vitrine`: the editors' command line (see README, "The editors' command line").

vitrine new quartier|champion SLUG    a new record and its texts, every field commented
vitrine check [--format github]       everything the build checks, without building; exit 1 on a problem
              [--coverage]            then how many quartiers and champions report each value
vitrine translations [LANG]           status of every translation and what changed in the French;
                                      --mark-current [--file F | --all] records a review
vitrine build [MKDOCS OPTIONS]        check, then `mkdocs build` with the project's defaults, and a summary
vitrine serve [MKDOCS OPTIONS]        `mkdocs serve` with the project's defaults
vitrine edit [MKDOCS OPTIONS]         the web editor (/admin/) on this folder, with the preview

Messages are in French, or in English with `--lang en` or VITRINE_LANG=en.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from .project import ProjectProblem, load_project
from .words import LANGUAGES, Words, choose_language


def _parser(words: Words) -> argparse.ArgumentParser:
    # -f and --lang are accepted before and after the command (`vitrine check --lang en`); their actions
    # are shared by every parser, so they take no default (one would overwrite a value given earlier).
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-f", "--config-file", default=argparse.SUPPRESS, help=words("the site's mkdocs.yml"))
    language_help = words("language of the messages (default: fr, or VITRINE_LANG)")
    common.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help=language_help)
    parser = argparse.ArgumentParser(
        prog="vitrine", description=words("Vitrine: tools for the showcase's editors."), parents=[common]
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help_: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, help=help_, description=help_, parents=[common])

    new = command("new", words("create a quartier or a champion, ready to fill in"))
    new.add_argument("kind", choices=("quartier", "champion"))
    new.add_argument("slug", help=words("its name in addresses: lower-case letters, digits and dashes, e.g. lille"))

    check = command("check", words("check every file, link, image and translation, without building"))
    formats_help = words("github: annotations for pull requests")
    check.add_argument("--format", choices=("text", "github"), default="text", help=formats_help)
    coverage_help = words("then count the quartiers and champions that report each indicator and figure")
    check.add_argument("--coverage", action="store_true", help=coverage_help)

    status = command("translations", words("status of every translation: missing, outdated, current"))
    status.add_argument("language", nargs="?", help=words("only this language code"))
    mark_help = words("record that the listed translations were reviewed")
    status.add_argument("--mark-current", action="store_true", help=mark_help)
    file_help = words("only the texts of this file (the French source or its translation) or folder")
    status.add_argument("--file", help=file_help)
    all_help = words("with --mark-current and no --file: mark every listed translation without asking")
    status.add_argument("--all", action="store_true", help=all_help)
    status.add_argument("--format", choices=("text", "json"), default="text")

    build = command("build", words("check, then build the site (other options: those of mkdocs build)"))
    build.add_argument("--no-check", action="store_true", help=words("build without running vitrine check first"))
    build.add_argument("--site-url", help=words("the published address, if not the one in mkdocs.yml"))
    command("serve", words("preview the site with live reload (options: those of mkdocs serve)"))
    command("edit", words("edit the site in the browser, with the preview beside it (options: those of mkdocs serve)"))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    words = Words(choose_language(_lang_option(arguments)))
    args, extra = _parser(words).parse_known_args(arguments)
    args.config_file = getattr(args, "config_file", "mkdocs.yml")  # not a parser default: see _parser
    if extra and args.command not in ("build", "serve", "edit"):
        print(words("unknown option: {options}", options=" ".join(extra)), file=sys.stderr)
        return 2
    try:
        return _run(args, extra, words)
    except ProjectProblem as problem:
        print(words.message(str(problem)), file=sys.stderr)
        return 1
    except BrokenPipeError:  # `vitrine translations | head`: the reader has seen enough
        sys.stdout = Path(os.devnull).open("w")  # noqa: SIM115 - Python flushes stdout on exit
        return 1


def _lang_option(arguments: list[str]) -> str | None:
    """`--lang` is needed before parsing: the help itself is in the chosen language."""
    for i, argument in enumerate(arguments):
        if argument.startswith("--lang="):
            return argument.split("=", 1)[1]
        if argument == "--lang" and i + 1 < len(arguments):
            return arguments[i + 1]
    return None


def _run(args: argparse.Namespace, extra: list[str], words: Words) -> int:
    if args.command == "serve":
        from .build import serve

        return serve(args.config_file, extra, words, sys.stdout)
    if args.command == "build":
        from .build import build

        return build(args.config_file, extra, words, sys.stdout, check=not args.no_check, site_url=args.site_url)
    project = load_project(args.config_file)
    if args.command == "edit":
        from .edit import edit

        return edit(project, args.config_file, extra, words, sys.stdout)
    if args.command == "new":
        from .commands import new

        return new(project, words, args.kind, args.slug)
    if args.command == "check":
        from .commands import check

        return check(project, words, args.format, coverage=args.coverage)
    from .status import Marking, Selection, run

    ask = input if sys.stdin is not None and sys.stdin.isatty() else None
    marking = Marking(args.mark_current, args.all, ask)
    return run(project, words, sys.stdout, Selection(args.language, args.file), marking, args.format)
