"""Shared fixtures: real MkDocs builds of the sample site and of small projects.

Tests build real sites with the `mkdocs` command in temporary folders and read
what it wrote; nothing is mocked.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import io
import logging
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import traceback
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from mkdocs.__main__ import cli as mkdocs_cli
from mkdocs.commands.build import build as build_site
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from playwright.sync_api import Browser, sync_playwright

from vitrine.cli import main as vitrine_main
from vitrine.model.translations import collect, mark_current

REPO = Path(__file__).resolve().parents[1]

# A test run started in the background by a shell without job control ignores Ctrl-C (SIGINT), and
# every process it starts inherits that: a server a test stops with SIGINT, as Ctrl-C does, would
# keep running. The test processes take Python's own handler back.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)
DEFINITIONS = (
    "quartiers/criteria.yml",
    "quartiers/capitals.yml",
    "champions/sectors.yml",
    "champions/listings.yml",
    "champions/figures.yml",
    "glossary.yml",
    "identity.yml",
)

QUARTIER = """\
name: Quartier Test
kind: metropole
tagline:
  fr: Un quartier d'essai.
  en: A test quarter.
cities: [Lille]
country: FR
location: {lat: 50.63, lon: 3.02}
label:
  status: labelled
  wave: 1
  date: 2014-11-12
criteria:
  access:
    text: {fr: Accès., en: Access.}
    indicators:
      - id: rail-minutes-to-paris
        value: 62
        as_of: 2020-01-01
        source: Horaires
  real-estate:
    text: {fr: Immobilier., en: Premises.}
    indicators:
      - id: flagship-floor-area
        value: 34000
        as_of: 2017-06-29
        source: Exploitant
  networks: {text: {fr: Réseaux., en: Networks.}}
  ecosystem:
    text: {fr: Écosystème., en: Ecosystem.}
    indicators:
      - id: funds-raised
        value: 200000000
        as_of: 2013-06-28
        source: Rapport de préfiguration
  open-innovation: {text: {fr: Fab lab., en: Fab lab.}}
  networking: {text: {fr: Réseau., en: Networking.}}
  business-environment: {text: {fr: Environnement., en: Environment.}}
  governance: {text: {fr: Gouvernance., en: Governance.}}
"""

CHAMPION = """\
name: Champion Test
quartiers: [test]
city: Lille
sectors: [robotics]
founded: 2015
website: https://example.org
listings: [ft120-2020]
description:
  fr: Une entreprise d'essai.
  en: A test company.
"""


def _site_languages() -> tuple[str, ...]:
    from mkdocs.config import load_config

    catalogue = load_config(str(REPO / "mkdocs.yml")).plugins["vitrine/catalogue"]
    return tuple(language.code for language in catalogue.config.languages)  # type: ignore[attr-defined]


SITE_LANGUAGES = _site_languages()
"""Every language declared in the repository's mkdocs.yml, source first."""

EDITORIAL = "---\ntitle: {title}\nnav_order: {order}\n---\n\n{body}\n"


def mkdocs(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the real `mkdocs` command line, as editors and CI do."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore::DeprecationWarning"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )


ONE_PROCESS = "  - vitrine/render:\n      workers: 1\n"
"""Small projects render their pages in the build's process (`project_config`): no page worker is forked."""


def mkdocs_here(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The same `mkdocs` command line, run in this process: its exit code, its output and, for an
    exception, the traceback an interpreter would print. It saves starting an interpreter and importing
    MkDocs, Material and the plugins (about 1 s of CPU a build). Only for a build that forks nothing
    from this threaded process: one page renderer (`ONE_PROCESS`); the image and card pool's processes
    come from a fork server. What MkDocs' command line sets up per run is undone after it: the warning
    filters and the duplicate filter it adds to its build logger (else a message repeated in the next
    build would be dropped)."""
    build_log = logging.getLogger("mkdocs.commands.build")
    filters = list(build_log.filters)
    with contextlib.chdir(cwd), warnings.catch_warnings():
        warnings.resetwarnings()  # as a fresh interpreter: pytest's "error" filter is not the command's
        for category in (DeprecationWarning, PendingDeprecationWarning, ImportWarning, ResourceWarning):
            warnings.simplefilter("ignore", category)
        try:
            result = CliRunner().invoke(mkdocs_cli, list(args), env={"NO_MKDOCS_2_WARNING": "1"})
        finally:
            build_log.filters[:] = filters
    stderr = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        stderr += "".join(traceback.format_exception(result.exception))
    return subprocess.CompletedProcess(["mkdocs", *args], result.exit_code, result.stdout, stderr)


def vitrine_here(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The `vitrine` command line run in this process, outside CI unless `env` says otherwise (as
    `helpers.vitrine` runs it): for a command that forks and serves nothing (check, new, translations).
    It saves starting an interpreter and importing MkDocs and the plugins (about 1 s a run). An
    exception is written to its stderr as an interpreter would print it."""
    out, err = io.StringIO(), io.StringIO()
    names = {"CI", "VITRINE_LANG", "GITHUB_WORKSPACE", *(env or {})}
    saved = {name: os.environ.pop(name) for name in names if name in os.environ}
    os.environ.update(env or {})
    try:
        with contextlib.chdir(root), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = vitrine_main(list(args))
            except SystemExit as exit_:
                code = exit_.code if isinstance(exit_.code, int) else 1
            except Exception:
                traceback.print_exc()
                code = 1
    finally:
        for name in names:
            os.environ.pop(name, None)
        os.environ.update(saved)
    return subprocess.CompletedProcess(["vitrine", *args], code, out.getvalue(), err.getvalue())


def free_port() -> int:
    """A local port no one listens on, for a server a test starts."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Project:
    """A small Vitrine project in a temporary folder."""

    root: Path
    shared_cache: Path | None = None
    """The build cache this project shares with the test process's other projects, if any."""

    def write(self, rel: str, text: str | bytes) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def review_translations(self) -> None:
        """Record every existing translation as reviewed, as an editor would before publishing."""
        mark_current(self.root, collect(self.root, "content", SITE_LANGUAGES).units, SITE_LANGUAGES)

    def require(self, *languages: str) -> None:
        config = (self.root / "mkdocs.yml").read_text(encoding="utf-8")
        config = config.replace("  - vitrine/i18n:\n", f"  - vitrine/i18n:\n      require: [{', '.join(languages)}]\n")
        (self.root / "mkdocs.yml").write_text(config, encoding="utf-8")

    def catalogue_option(self, line: str) -> None:
        """Add one `name: value` line to vitrine/catalogue's settings in this project's mkdocs.yml."""
        config = (self.root / "mkdocs.yml").read_text(encoding="utf-8")
        anchor = "      accessibility: none\n"
        assert anchor in config, "vitrine/catalogue's settings moved in mkdocs.yml"
        (self.root / "mkdocs.yml").write_text(config.replace(anchor, f"{anchor}      {line}\n"), encoding="utf-8")

    def build(self, *extra: str) -> subprocess.CompletedProcess[str]:
        """`mkdocs build --strict EXTRA`: in this process while the project renders in one, else as a command."""
        if ONE_PROCESS in (self.root / "mkdocs.yml").read_text(encoding="utf-8"):
            return mkdocs_here("build", "--strict", *extra, cwd=self.root)
        return mkdocs("build", "--strict", *extra, cwd=self.root)

    def build_in_process(self, monkeypatch: pytest.MonkeyPatch, command: str = "build") -> MkDocsConfig:
        """`mkdocs build` in this process, for a test that then reads the plugins' state; its configuration.
        `command="serve"`: the plugins are told they serve (the build `mkdocs serve` makes first)."""
        monkeypatch.chdir(self.root)
        monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
        config = load_config(str(self.root / "mkdocs.yml"))
        config.plugins.on_startup(command=command, dirty=False)
        try:
            build_site(config)
        finally:
            config.plugins.on_shutdown()
        return config

    def render_option(self, line: str) -> None:
        """Add one `name: value` line to vitrine/render's settings in this project's mkdocs.yml."""
        config = (self.root / "mkdocs.yml").read_text(encoding="utf-8")
        assert ONE_PROCESS in config, "vitrine/render's settings moved in mkdocs.yml"
        (self.root / "mkdocs.yml").write_text(config.replace(ONE_PROCESS, f"{ONE_PROCESS}      {line}\n"), "utf-8")

    def forking(self) -> None:
        """vitrine/render as the repository has it: page workers forked, so `build` runs the command."""
        config = (self.root / "mkdocs.yml").read_text(encoding="utf-8")
        assert f"{ONE_PROCESS}  #" in config, "vitrine/render's settings changed in mkdocs.yml"
        (self.root / "mkdocs.yml").write_text(config.replace(f"{ONE_PROCESS}  #", "  - vitrine/render "), "utf-8")

    def own_cache(self) -> None:
        """Build with a cache of the project's own (`.cache/`, cold): for a test about the cache."""
        if self.shared_cache is not None:
            config = (self.root / "mkdocs.yml").read_text(encoding="utf-8")
            line = f"      cache_dir: {self.shared_cache}\n"
            assert line in config
            (self.root / "mkdocs.yml").write_text(config.replace(line, ""), encoding="utf-8")
            self.shared_cache = None

    def edit_a_page(self) -> None:
        """Change the text of a page, no title, image or card: the next build renders every page again
        (a build with nothing changed writes nothing: vitrine/publish's skip_unchanged)."""
        path = self.root / "content/en/index.md"
        path.write_text(path.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")

    @property
    def site(self) -> Path:
        return self.root / "site"

    def html(self, rel: str) -> BeautifulSoup:
        return BeautifulSoup((self.site / rel).read_text(encoding="utf-8"), "html.parser")


def project_config() -> str:
    """The repository's mkdocs.yml as small projects get it."""
    # Small projects are partial translations on purpose: no language is required complete.
    config = re.sub(r"\n +require: .*", "", (REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    # One page renderer: a hundred pages gain nothing from a fork, and `Project.build` runs in this process.
    assert "  - vitrine/render " in config, "vitrine/render's line moved in mkdocs.yml"
    return config.replace("  - vitrine/render ", f"{ONE_PROCESS}  #", 1)


def new_project(root: Path, cache: Path | None = None) -> Project:
    """A small project in `root`; with `cache`, its build cache is that folder (shared: see `project_cache`)."""
    (root / "mkdocs.yml").write_text(project_config(), encoding="utf-8")
    shutil.copytree(REPO / "overrides", root / "overrides")
    (root / "plugins" / "vitrine" / "locale").mkdir(parents=True)  # watched by mkdocs.yml
    (root / "node_modules").symlink_to(REPO / "node_modules")  # the fonts `npm ci` installed
    for rel in DEFINITIONS:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / rel, root / rel)
    project = Project(root)
    if cache is not None:
        project.catalogue_option(f"cache_dir: {cache}")
        project.shared_cache = cache
    project.write("quartiers/test/quartier.yml", QUARTIER)
    project.write("quartiers/test/fr.md", "Un récit en français.\n")
    project.write("champions/champion-test/champion.yml", CHAMPION)
    for language, body in (("fr", "Bienvenue."), ("en", "Welcome.")):
        project.write(f"content/{language}/index.md", EDITORIAL.format(title="Vitrine", order=1, body=body))
    project.review_translations()
    return project


def run_folder(factory: pytest.TempPathFactory, name: str) -> Path:
    """A folder shared by every process of this test run: under pytest-xdist each worker has a
    base temporary folder of its own, and their parent is the run's."""
    base = factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent
    folder = base / name
    folder.mkdir(exist_ok=True)
    return folder


@contextmanager
def run_lock(folder: Path) -> Iterator[None]:
    """Held by one process of the test run at a time (an exclusive lock on a file beside `folder`)."""
    with (folder.parent / f"{folder.name}.lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def project_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One build cache for the small projects of this test run (every worker). Every entry is keyed
    by what it is made from (card texts and font bytes, template sources, map files, image bytes,
    YAML text) and written atomically, so sharing it changes no output; a project's first build
    then draws no share card or base map its neighbours drew (5.4 s cold, 1.7 s warm). Tests about
    the cache use `Project.own_cache()`."""
    return run_folder(tmp_path_factory, "project-cache")


@pytest.fixture
def project(tmp_path: Path, project_cache: Path) -> Project:
    return new_project(tmp_path, cache=project_cache)


def tracked_copy(target: Path, cache: Path | None = None) -> Path:
    """The working tree as a clean clone would have it (tracked and new files, nothing ignored);
    with `cache` (`sample_cache`), a copy of that build cache as its `.cache/`: a test that is not
    about drawing then draws no share card or image again (a cold sample build is 37 s of CPU)."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for rel in filter(None, listed.split("\0")):
        source = REPO / rel
        if source.is_file():
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / rel)
    (target / "node_modules").symlink_to(REPO / "node_modules")
    if cache is not None:
        shutil.copytree(cache, target / ".cache", symlinks=True)
    return target


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own sample site, built once with --strict for the whole test run: the first
    worker to ask builds it, the others wait and read the same folder. Tests only read it."""
    folder = run_folder(tmp_path_factory, "sample")
    site, built = folder / "site", folder / "built"
    with run_lock(folder):
        if not built.exists():
            result = mkdocs("build", "--strict", "-d", str(site), cwd=REPO)
            assert result.returncode == 0, result.stderr
            built.touch()
    return site


@pytest.fixture(scope="session")
def sample_cache(sample_site: Path) -> Path:
    """The repository's build cache, warm once the sample is built: every share card, image and map
    of the sample is in it. Give it to `tracked_copy`; never write into it."""
    cache = REPO / ".cache"
    assert cache.is_dir(), "building the sample fills the repository's .cache"
    return cache


# Browser fixtures: the sample site served on localhost, and Debian's chromium. --------

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve_folder(site: Path, handler: type[SimpleHTTPRequestHandler] = _QuietHandler) -> Iterator[str]:
    """`site` served on localhost by `handler` in a thread; yields the root URL."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="session")
def server(sample_site: Path) -> Iterator[str]:
    with serve_folder(sample_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).is_file(), (
        "Debian's chromium is required: run `make test` (installs it) or apt-get install chromium"
    )
    assert (REPO / "node_modules" / "axe-core" / "axe.min.js").is_file(), "axe-core is required: run `npm ci`"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        yield browser
        browser.close()


def parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
