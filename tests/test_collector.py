"""`mkdocs build` runs with Python's cycle collector paused and freezes its heap at exit; the
collector is set back as it was after the build, and a build in a process that had it off
leaves it off."""

from __future__ import annotations

import gc
import json

from tests.conftest import Project, mkdocs

from vitrine.render.collector import PausedCollector

PROBE = """
import atexit, gc, json, pathlib

seen = {}
out = pathlib.Path(__file__).with_name("gc-probe.json")


def on_files(files, config):
    seen["during the build"] = gc.isenabled()


def on_shutdown():
    seen["after the build"] = gc.isenabled()


def _at_exit():  # registered first, so it runs after vitrine's exit handler
    seen["frozen at exit"] = gc.get_freeze_count()
    out.write_text(json.dumps(seen))


atexit.register(_at_exit)
"""


def test_a_build_pauses_the_collector_and_freezes_the_heap_at_exit(project: Project) -> None:
    project.write("gc_probe.py", PROBE)
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nhooks:\n  - gc_probe.py\n", encoding="utf-8")
    result = mkdocs("build", "--strict", cwd=project.root)  # the probe writes at the process's exit
    assert result.returncode == 0, result.stderr
    seen = json.loads((project.root / "gc-probe.json").read_text(encoding="utf-8"))
    assert seen["during the build"] is False
    assert seen["after the build"] is True
    assert seen["frozen at exit"] > 10_000, "the build's objects are out of the collector's reach"


PAGE_PROBE = """
import gc, json, os, pathlib

out = pathlib.Path(__file__).with_name("gc-pages.jsonl")


def on_post_page(output, page, config):
    with out.open("a") as handle:  # one short line per page, appended: whole lines from each process
        handle.write(json.dumps([os.getpid(), gc.isenabled(), gc.get_freeze_count()]) + "\\n")
    return output
"""


def test_page_workers_and_the_parent_collect_what_the_pages_leave(project: Project) -> None:
    """Once the workers fork, the heap they share is frozen and the collector runs again in every
    process: the cycles each page leaves are freed (at 50,000 pages they held 350 MB a process)."""
    project.forking()
    project.write("gc_pages.py", PAGE_PROBE)
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nhooks:\n  - gc_pages.py\n", encoding="utf-8")
    result = mkdocs("build", "--strict", cwd=project.root)
    assert result.returncode == 0, result.stderr
    assert "rendered by" in result.stderr, "the pages were rendered by forked workers"
    lines = [json.loads(line) for line in (project.root / "gc-pages.jsonl").read_text().splitlines()]
    assert len({pid for pid, _enabled, _frozen in lines}) >= 2, "pages seen in the parent and a worker"
    assert all(enabled for _pid, enabled, _frozen in lines), "the collector runs while pages render"
    assert all(frozen > 10_000 for _pid, _enabled, frozen in lines), "the shared heap is frozen"


def test_the_collector_is_set_back_as_it_was() -> None:
    assert gc.isenabled()
    paused = PausedCollector()
    assert not gc.isenabled()
    paused.resume()
    assert gc.isenabled()
    paused.resume()
    assert gc.isenabled()
    gc.disable()
    try:
        PausedCollector().resume()
        assert not gc.isenabled(), "a process that had it off keeps it off"
    finally:
        gc.enable()
