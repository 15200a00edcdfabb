"""Faster rendering, same site: forked page workers and fragments shared by record pages.

Workers: the same files, the same warnings, failures caught. Fragments: rendered once for the
pages that would render them alike."""

from __future__ import annotations

import logging
import os
import re
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from jinja2 import Environment
from mkdocs.structure.nav import Navigation
from tests.conftest import Project, mkdocs, tracked_copy
from tests.helpers import leftovers, snapshot

from vitrine.catalogue.navigation import Fragments, fragment_key
from vitrine.render import parallel


def with_workers(root: Path, count: int) -> None:
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if "      workers: " in text:
        text = re.sub(r"      workers: \d+", f"      workers: {count}", text)
    else:
        assert "  - vitrine/render " in text
        text = text.replace("  - vitrine/render ", f"  - vitrine/render:\n      workers: {count}\n  #", 1)
    config.write_text(text, encoding="utf-8")


def test_workers_and_shared_fragments_build_the_sample_byte_for_byte(tmp_path: Path, sample_cache: Path) -> None:
    """The reference: one process, every page's navigation and header rendered for that page.
    Both builds start from the sample's cache: what differs between them is how pages are rendered."""
    repo = tracked_copy(tmp_path / "repo", cache=sample_cache)
    with_workers(repo, 1)
    config = repo / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    alone_config = text.replace(
        "      accessibility: none\n", "      accessibility: none\n      shared_fragments: false\n"
    )
    assert alone_config != text
    config.write_text(alone_config, encoding="utf-8")
    alone = mkdocs("build", "--strict", "-d", str(tmp_path / "alone"), cwd=repo)
    assert alone.returncode == 0, alone.stderr
    assert "rendered by" not in alone.stderr
    # More processes than this machine may have cores: forking is what is tested. Fragments on.
    config.write_text(text.replace("      workers: 1", "      workers: 3"), encoding="utf-8")
    shared = mkdocs("build", "--strict", "-d", str(tmp_path / "shared"), cwd=repo)
    assert shared.returncode == 0, shared.stderr
    assert "rendered by 3 processes" in shared.stderr
    assert "Page skipped" not in shared.stderr, "delegated pages are not announced as skipped"
    pages = snapshot(tmp_path / "alone")
    assert sum(rel.endswith(".html") for rel in pages) > 300
    assert snapshot(tmp_path / "shared") == pages


def test_a_template_error_fails_the_build_and_keeps_the_site(project: Project) -> None:
    with_workers(project.root, 3)
    for number in range(12):
        project.write(f"content/en/page-{number}.md", f"---\ntitle: Page {number}\n---\n\nText {number}.\n")
    assert project.build().returncode == 0
    before = snapshot(project.site)
    main = project.root / "overrides/main.html"
    text = main.read_text(encoding="utf-8")
    assert "{% block extrahead %}" in text
    main.write_text(
        text.replace("{% block extrahead %}", "{% block extrahead %}{{ page.title.nope() if page else '' }}"), "utf-8"
    )
    result = project.build()
    assert result.returncode == 1
    assert "Error building page" in result.stderr and "nope" in result.stderr  # a template error: MkDocs' own report
    assert snapshot(project.site) == before
    assert leftovers(project) == []


# The workers alone, on stand-in pages: what a worker reports reaches the parent. --------


@dataclass
class StandInFile:
    src_uri: str


@dataclass
class StandInPage:
    file: StandInFile
    meta: dict[str, object] = field(default_factory=dict)


def stand_ins(count: int) -> list[StandInPage]:
    return [StandInPage(StandInFile(f"page-{number}.md"), {"template": "main.html"}) for number in range(count)]


@dataclass
class Outcome:
    failures: list[str]
    reports: list[object]
    delegated: list[StandInPage]
    """The pages the parent left to a worker, in order."""


def run(
    pages: list[StandInPage],
    render: object,
    hook: object = None,
    processes: int = 3,
    report: object = None,
    parent_render: object = None,
) -> Outcome:
    """The parent's side as MkDocs and vitrine/render run it: each page's template is chosen (a
    delegated page already has the empty one), its hooks run, the parent claims the next page."""
    workers = parallel.start(pages, Environment(), render, processes, report or (lambda: None))  # type: ignore[arg-type]
    assert workers is not None
    delegated = []
    for page in pages:
        handed_over = page.meta["template"] == parallel.DELEGATED
        mine = workers.enter(page)  # type: ignore[arg-type]
        assert mine != handed_over
        assert page.meta["template"] == "main.html", "its hooks see the page's own template"
        if not mine:
            delegated.append(page)
        elif callable(parent_render):
            parent_render(page)
        if callable(hook):
            hook(page)
        workers.leave(page)  # type: ignore[arg-type]
    failures, reports = workers.join()
    return Outcome(failures, reports, delegated)


def slowly(page: StandInPage) -> None:
    """The parent's rendering of its own pages: slow enough that a worker just forked gets pages too."""
    time.sleep(0.005)


def test_workers_render_every_delegated_page(tmp_path: Path) -> None:
    pages = stand_ins(30)

    def render(page: StandInPage) -> None:
        (tmp_path / page.file.src_uri).write_text(str(os.getpid()), encoding="utf-8")
        time.sleep(0.002)

    outcome = run(pages, render, parent_render=slowly)
    assert outcome.failures == []
    written = {path.name: path.read_text(encoding="utf-8") for path in tmp_path.iterdir()}
    assert set(written) == {page.file.src_uri for page in outcome.delegated}
    assert 0 < len(outcome.delegated) < len(pages), "the parent and the workers both render pages"
    assert str(os.getpid()) not in written.values()


def test_the_slower_process_renders_fewer_pages(tmp_path: Path) -> None:
    """Pages are claimed as the build goes: a parent slowed by its hooks leaves more pages to the worker."""
    pages = stand_ins(60)

    def render(page: StandInPage) -> None:
        time.sleep(0.001)

    outcome = run(pages, render, processes=2, parent_render=lambda page: time.sleep(0.02))
    assert outcome.failures == []
    assert len(outcome.delegated) > 2 * (len(pages) - len(outcome.delegated))


def test_claims_give_each_page_to_one_process() -> None:
    claims = parallel.Claims(200)
    assert claims.take(3) and not claims.take(3)
    readers = []
    for _ in range(3):
        reader, writer = os.pipe()
        if os.fork() == 0:  # a worker: takes what is free until nothing is
            taken = []
            while (number := claims.take_next()) is not None:
                taken.append(number)
            os.write(writer, ",".join(map(str, taken)).encode())
            os._exit(0)
        os.close(writer)
        readers.append(reader)
    mine = [3, *(number for number in range(0, 200, 7) if claims.take(number))]
    theirs: list[int] = []
    for reader in readers:
        text = parallel._read_all(reader).decode()
        theirs.extend(int(number) for number in text.split(",") if number)
        os.wait()
    assert sorted(mine + theirs) == list(range(200)), "every page once"
    assert claims.take_next() is None


def test_a_worker_error_names_the_page(tmp_path: Path) -> None:
    pages = stand_ins(30)

    def render(page: StandInPage) -> None:
        raise ValueError("no such field")

    outcome = run(pages, render, processes=2, parent_render=slowly)
    assert len(outcome.failures) == 1
    named = re.search(r"(page-\d+\.md): ValueError: no such field", outcome.failures[0])
    assert named is not None, outcome.failures
    assert named.group(1) in {page.file.src_uri for page in outcome.delegated}


def test_a_killed_worker_fails_the_build() -> None:
    def render(page: StandInPage) -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    outcome = run(stand_ins(30), render, processes=2, parent_render=slowly)
    assert len(outcome.failures) == 1 and "killed by signal 9" in outcome.failures[0]


def test_worker_warnings_are_logged_once_by_the_parent(caplog: pytest.LogCaptureFixture) -> None:
    pages = stand_ins(30)
    logger = logging.getLogger("mkdocs.plugins.test")

    def render(page: StandInPage) -> None:
        logger.warning(f"check {page.file.src_uri}")
        logger.warning("said by every page")
        logger.info("not a warning: stays in the worker")

    def hook(page: StandInPage) -> None:  # the parent's context hooks say it too
        logger.warning("said by every page")

    with caplog.at_level(logging.INFO, logger="mkdocs"):
        outcome = run(pages, render, hook, parent_render=slowly)
    assert outcome.failures == [] and outcome.delegated
    messages = [record.getMessage() for record in caplog.records]
    for page in pages:
        assert messages.count(f"check {page.file.src_uri}") == (page in outcome.delegated)
    assert messages.count("said by every page") == len(pages), "the parent's own, none repeated"
    assert "not a warning: stays in the worker" not in messages


def test_workers_report_what_their_hooks_gathered() -> None:
    """What the parent needs from a worker's pages (their script hashes) comes back with its report."""
    pages = stand_ins(30)
    gathered: list[str] = []

    def render(page: StandInPage) -> None:
        gathered.append(page.file.src_uri)  # in the worker's copy of the list
        time.sleep(0.002)

    outcome = run(pages, render, report=lambda: (os.getpid(), sorted(gathered)), parent_render=render)
    delegated = {page.file.src_uri for page in outcome.delegated}
    assert outcome.failures == []
    assert set(gathered) == {page.file.src_uri for page in pages} - delegated, "the parent's list: its pages only"
    reports: list[tuple[int, list[str]]] = outcome.reports  # type: ignore[assignment]
    assert len(reports) == 2 and len({pid for pid, _ in reports}) == 2
    reported = sorted(uri for _, uris in reports for uri in uris)
    assert reported == sorted(page.file.src_uri for page in outcome.delegated)


def test_one_process_or_few_pages_fork_nothing() -> None:
    assert parallel.start(stand_ins(30), Environment(), print, 1) is None  # type: ignore[arg-type]
    assert parallel.start(stand_ins(3), Environment(), print, 2) is None  # type: ignore[arg-type]


# Shared fragments: which pages share their navigation and header tools. ---------------


@dataclass
class StandInNavPage:
    url: str
    is_homepage: bool = False


def _resident_mb() -> float:
    status = Path("/proc/self/status").read_text(encoding="ascii")
    return int(re.search(r"VmRSS:\s+(\d+) kB", status)[1]) / 1024  # type: ignore[index]


@pytest.mark.skipif(not parallel.available(), reason="page workers fork on Linux only")
def test_free_memory_goes_back_to_the_system_before_the_fork() -> None:
    """What the build let go of stays resident unless handed back: 64 MB of freed 4 KB blocks (the C
    library's heap, below a block still held) leave the process when the workers are about to fork."""
    blocks = [bytes(4096) for _ in range(16_384)]
    held = bytes(4096)  # above them: the heap's top cannot simply shrink
    del blocks
    before = _resident_mb()
    parallel._give_back_free_memory()
    after = _resident_mb()
    assert before - after > 40, (before, after)
    assert len(held) == 4096


def test_fragment_keys_group_sibling_record_pages_only() -> None:
    urls = ("en/", "en/quartiers/", "en/champions/", "en/charter/", "en/about/team/")
    pages = [StandInNavPage(url) for url in urls]
    nav = Navigation(pages, pages)  # type: ignore[arg-type]
    key = fragment_key
    assert key("en/champions/a/", "en", nav) == key("en/champions/b/", "en", nav) is not None
    assert key("en/champions/a/", "en", nav) != key("en/quartiers/b/", "en", nav), "../ leads elsewhere"
    assert key("en/champions/a/", "en", nav) != key("de/champions/a/", "de", nav)
    assert key("en/champions/a/", "en", nav) != key("en/champions/a/b/", "en", nav), "deeper"
    assert key("en/404.html", "en", nav) != key("en/champions/a/", "en", nav)
    assert key("en/404.html", "en", nav) != key("", "en", nav), "the root is one level up"
    assert key("en/charter/", "en", nav) is None, "a page in the navigation shows itself active there"
    assert key("en/about/", "en", nav) is None, "a navigation link inside its folder is relative to it alone"
    assert key("en/", "en", nav) is None


def test_fragments_render_once_per_key() -> None:
    fragments = Fragments()
    calls: list[int] = []

    def caller() -> str:
        calls.append(1)
        return f"<nav>{len(calls)}</nav>"

    assert fragments("nav", ("en", "en", 2), caller) == fragments("nav", ("en", "en", 2), caller) == "<nav>1</nav>"
    assert fragments("header", ("en", "en", 2), caller) == "<nav>2</nav>"
    assert fragments("nav", None, caller) == "<nav>3</nav>" and fragments("nav", None, caller) == "<nav>4</nav>"
