"""`vitrine build` and `vitrine serve`: the MkDocs commands with the project's defaults.

Extra options are MkDocs' own, parsed by MkDocs' own command definitions, so
`vitrine build -d out --dirty` means what `mkdocs build -d out --dirty` does.
Defaults: strict whenever CI is set. `build` first runs `vitrine check`
(every problem at once, in the editor's language), then builds in this
process, so that once the build is over its summary is read from the plugins
themselves (pages per language, images and cards encoded or reused,
translation coverage) and from the warnings logged: no log text is parsed.
"""

from __future__ import annotations

import errno
import logging
import socket
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import click
from mkdocs.config.defaults import MkDocsConfig

from .. import rendering, siblings
from ..i18n.plugin import I18nPlugin
from ..publish.gate import WarningCount
from .check import check_project
from .output import report
from .project import ProjectProblem, ci, project_of
from .words import Words


@dataclass(frozen=True)
class Summary:
    """What a finished build did, for the closing lines."""

    site: Path
    seconds: float
    pages: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Language -> (pages, of which French text shown for lack of a translation)."""
    images: tuple[int, int] | None = None
    """(encoded, from cache)"""
    cards: tuple[int, int] | None = None
    """(drawn, from cache)"""
    coverage: dict[str, float] = field(default_factory=dict)
    """Translated language -> share of its texts that are current."""
    warnings: int = 0
    reused: tuple[int, int] | None = None
    """(rendered, taken over from the last build: vitrine/render's reuse_pages)"""
    up_to_date: bool = False
    """Nothing was built: the site was already this build's output (vitrine/publish's skip_unchanged)."""


def summarise(config: MkDocsConfig, seconds: float, warnings: int) -> Summary:
    """Read what the plugins did during the build that just ended."""
    catalogue = siblings.catalogue(config, "vitrine build")
    if rendering.nothing_to_build(config):
        return Summary(Path(config.site_dir), seconds, warnings=warnings, up_to_date=True)
    identity, i18n = siblings.identity(config), siblings.i18n(config)
    images = cards = None
    if catalogue.image_service is not None:
        images = (catalogue.image_service.encoded, catalogue.image_service.cached)
    if identity is not None and identity.cards is not None:
        cards = (identity.cards.drawn, identity.cards.cached)
    pages: dict[str, tuple[int, int]] = {}
    coverage: dict[str, float] = {}
    if isinstance(i18n, I18nPlugin):
        counts = Counter(language for language, _key in i18n.index.urls)
        fallbacks = Counter(language for language, _key in i18n.index.fallbacks)
        pages = {language: (counts[language], fallbacks[language]) for language in i18n.index.languages}
        coverage = {row.language: row.coverage for row in i18n.status}
    render = siblings.render(config)
    reused = render.reused if render is not None else None
    return Summary(Path(config.site_dir), seconds, pages, images, cards, coverage, warnings, reused)


def print_summary(summary: Summary, words: Words, out: TextIO) -> None:
    seconds = words.decimal(summary.seconds)
    if summary.up_to_date:
        print(
            words(
                "The site in {site} is up to date: no file has changed since the last build ({seconds} s).",
                site=_shown(summary.site),
                seconds=seconds,
            ),
            file=out,
        )
        print("  " + words.count(summary.warnings, "{n} warning", "{n} warnings"), file=out)
        return
    print(words("Site built in {site} in {seconds} s.", site=_shown(summary.site), seconds=seconds), file=out)
    if summary.pages:
        parts = []
        for language, (count, fallbacks) in summary.pages.items():
            extra = words(" ({n} in French)", n=fallbacks) if fallbacks else ""
            parts.append(f"{language} {count}{extra}")
        print("  " + words("Pages: {list}", list=", ".join(parts)), file=out)
    if summary.reused is not None and summary.reused[1]:  # some pages taken over from the last build
        rendered, taken = summary.reused
        print(
            "  "
            + words(
                "Pages rendered: {rendered}; unchanged since the last build, kept as they were: {taken}",
                rendered=rendered,
                taken=taken,
            ),
            file=out,
        )
    if summary.images is not None:
        encoded, cached = summary.images
        print(
            "  " + words("Images: {encoded} encoded, {cached} from the cache", encoded=encoded, cached=cached), file=out
        )
    if summary.cards is not None:
        drawn, cached = summary.cards
        print("  " + words("Share cards: {drawn} drawn, {cached} from the cache", drawn=drawn, cached=cached), file=out)
    if summary.coverage:
        shares = ", ".join(f"{language} {words.percent(share)}" for language, share in summary.coverage.items())
        print("  " + words("Translations up to date: {list}", list=shares), file=out)
    print("  " + words.count(summary.warnings, "{n} warning", "{n} warnings"), file=out)


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix() + "/"
    except ValueError:
        return str(path)


def _mkdocs_options(command: click.Command, name: str, extra: Sequence[str]) -> tuple[click.Context, dict[str, Any]]:
    """Parse MkDocs' options with MkDocs' own definitions (this also sets up MkDocs' log output)."""
    from mkdocs.__main__ import State

    context = command.make_context(name, list(extra))
    state = context.ensure_object(State)
    if not sys.stderr.isatty():  # as `mkdocs --no-color`: no escape codes in CI logs
        state.stream.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    return context, dict(context.params)


def build(
    config_file: str, extra: Sequence[str], words: Words, out: TextIO, *, check: bool, site_url: str | None
) -> int:
    from mkdocs.__main__ import build_command

    try:
        # The context holds MkDocs' log output: it lives as long as this call.
        context, options = _mkdocs_options(build_command, "vitrine build", extra)
    except click.exceptions.Exit as exit_:  # --help
        return exit_.exit_code
    except click.ClickException as exc:  # an unknown option, a missing value
        exc.show()
        return exc.exit_code
    clean = bool(options.pop("clean"))
    config = _load(options.pop("config_file") or config_file, options, site_url, words)
    if config is None:
        return 1
    if check and not _checked(config, words, out):
        return 1
    result = _build(config, clean, words, out)
    context.close()
    return result


def _load(config_file: str, options: dict[str, Any], site_url: str | None, words: Words) -> MkDocsConfig | None:
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    if ci() and options.get("strict") is None:
        options["strict"] = True
    try:
        config = load_config(config_file, site_url=site_url, **options)
        project_of(config)
    except (MkDocsException, ProjectProblem) as exc:
        message = exc.format_message() if isinstance(exc, MkDocsException) else str(exc)
        print(words.message(message), file=sys.stderr)
        return None
    return config


def _checked(config: MkDocsConfig, words: Words, out: TextIO) -> bool:
    """`vitrine check` first: every problem at once, in the editor's language, before a long build."""
    project = project_of(config)
    findings = check_project(project)
    report(findings.errors, findings.warnings, words, sys.stderr, fmt="text", root=project.root)
    if findings.failed(bool(config.strict)):
        print(words("The site was not built: fix the problems above first (vitrine check lists them)."), file=out)
        return False
    return True


def _build(config: MkDocsConfig, clean: bool, words: Words, out: TextIO) -> int:
    """What `mkdocs build` does (its build_command), then the summary from the plugins."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.exceptions import Abort

    counter = WarningCount()
    logging.getLogger("mkdocs").addHandler(counter)
    start = time.monotonic()
    config.plugins.on_startup(command="build", dirty=not clean)
    try:
        mkdocs_build(config, dirty=not clean)
    except Abort as exc:
        print(exc.format_message(), file=sys.stderr)
        print(words("The build failed; the site folder was left as it was."), file=out)
        print("  " + words.count(counter.count, "{n} warning", "{n} warnings"), file=out)
        return 1
    finally:
        config.plugins.on_shutdown()
        logging.getLogger("mkdocs").removeHandler(counter)
    print_summary(summarise(config, time.monotonic() - start, counter.count), words, out)
    return 0


ADDRESS = "127.0.0.1:8000"
"""mkdocs serve's address when -a/--dev-addr is not given."""


def taken(address: str, words: Words) -> str:
    """What editors read when the preview's address is already in use."""
    return words(
        "The preview could not start: {address} is already in use (is another vitrine serve or vitrine edit "
        "running?). Stop it, or choose another address, e.g. -a 127.0.0.1:8001.",
        address=address,
    )


def preview_address(extra: Sequence[str]) -> str:
    """The preview's address: mkdocs serve's -a/--dev-addr when given."""
    for i, argument in enumerate(extra):
        if argument.startswith("--dev-addr="):
            return argument.split("=", 1)[1]
        if argument in ("-a", "--dev-addr") and i + 1 < len(extra):
            return extra[i + 1]
    return ADDRESS


def address_taken(address: str) -> bool:
    """Whether something already listens at `host:port` (mkdocs serve would end in a traceback)."""
    host, _, port = address.rpartition(":")
    host = host.strip("[]") or "127.0.0.1"
    try:
        number = int(port)
    except ValueError:
        return False  # mkdocs serve says what is wrong with the address
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as mkdocs' server does
        try:
            probe.bind((host, number))
        except OSError:
            return True
    return False


def serve(config_file: str, extra: Sequence[str], words: Words, out: TextIO) -> int:
    """`mkdocs serve` itself, with the project's mkdocs.yml and, in CI, --strict."""
    from mkdocs.__main__ import cli

    address = preview_address(extra)
    if address_taken(address):
        print(taken(address, words), file=out)
        return 1
    args = ["serve", *extra]
    if not any(arg in ("-f", "--config-file") or arg.startswith("--config-file=") for arg in extra):
        args += ["--config-file", config_file]
    if ci() and not any(arg in ("-s", "--strict", "--no-strict") for arg in extra):
        args.append("--strict")
    try:
        cli.main(args, prog_name="vitrine", standalone_mode=True)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 1
    except OSError as problem:  # taken between the check and the end of the first build
        if problem.errno != errno.EADDRINUSE:
            raise
        print(taken(address, words), file=out)
        return 1
    return 0
