"""vitrine/render, the build's speed behind one seam: whatever part of it is off, the site is the same.

Each part that uses MkDocs' private names (render/internals.py) falls back to MkDocs' own
behaviour when a name is missing, and the site without the plugin at all is the same too.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.commands import build as mkdocs_build
from mkdocs.livereload import LiveReloadServer
from tests.conftest import Project
from tests.helpers import snapshot
from watchdog.observers.polling import PollingObserver

from vitrine.render import internals
from vitrine.render.internals import FORCED, PARTS, check


@pytest.mark.parametrize("forced", ["parser", "pages", "server", "watcher", "off"])
def test_each_fallback_to_mkdocs_own_behaviour_writes_the_same_bytes(
    project: Project, forced: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fast paths that use MkDocs' private names (render/internals.py) and MkDocs' own
    behaviour for each part write the same site, byte for byte, and the log says which part fell back."""
    project.forking()  # the page workers are one of the parts
    fast = project.build("-d", "fast")
    assert fast.returncode == 0, fast.stderr
    assert "MkDocs' own behaviour" not in fast.stderr
    monkeypatch.setenv(FORCED, forced)
    slow = project.build("-d", "slow")
    assert slow.returncode == 0, slow.stderr
    fell_back = [part for part in PARTS if part == forced or forced == "off"]
    assert "MkDocs' own behaviour for" in slow.stderr and f"{FORCED}={forced}" in slow.stderr
    if "pages" in fell_back:
        assert "rendered by" not in slow.stderr and "rendered by" in fast.stderr  # no page workers
    assert snapshot(project.root / "slow") == snapshot(project.root / "fast")


def test_the_internals_are_there_on_the_installed_mkdocs() -> None:
    """The MkDocs this project pins has every private name the fast paths use, as they call it."""
    found = check()
    assert found.usable == set(PARTS) and found.problems == (), found.problems


def test_without_the_render_plugin_the_site_is_the_same(project: Project) -> None:
    """vitrine/publish alone (MkDocs' public API only) builds the same bytes, CSP hashes included."""
    project.forking()
    fast = project.build("-d", "fast")
    assert fast.returncode == 0, fast.stderr
    config = project.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - vitrine/render " in text
    config.write_text("\n".join(line for line in text.splitlines() if "vitrine/render" not in line), encoding="utf-8")
    plain = project.build("-d", "plain")
    assert plain.returncode == 0, plain.stderr
    assert "rendered by" in fast.stderr and "rendered by" not in plain.stderr
    assert snapshot(project.root / "plain") == snapshot(project.root / "fast")


def _checked_while(monkeypatch: pytest.MonkeyPatch) -> internals.Internals:
    """`check()` on MkDocs as `monkeypatch` left it (then as it was): its findings are cached per process."""
    internals._problems.cache_clear()
    try:
        return check()
    finally:
        monkeypatch.undo()
        internals._problems.cache_clear()


@pytest.mark.parametrize(
    ("name", "part"),
    [("_populate_page", "pages"), ("_build_page", "pages")],
)
def test_a_missing_name_switches_its_part_off_and_says_which(
    monkeypatch: pytest.MonkeyPatch, name: str, part: str
) -> None:
    monkeypatch.delattr(mkdocs_build, name)
    found = _checked_while(monkeypatch)
    assert part not in found.usable and {"parser", "server"} <= found.usable
    line = internals.problems_line(found)
    assert line is not None and f"mkdocs.commands.build.{name} is gone" in line


def test_a_changed_signature_switches_its_part_off(monkeypatch: pytest.MonkeyPatch) -> None:
    def _populate_page(page: object, config: object) -> None: ...

    monkeypatch.setattr(mkdocs_build, "_populate_page", _populate_page)
    found = _checked_while(monkeypatch)
    assert "pages" not in found.usable
    assert any("takes ('page', 'config')" in problem for problem in found.problems), found.problems


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LiveReloadServer]:
    """MkDocs' server as `mkdocs serve` has it at `on_serve`: docs_dir watched, not serving."""
    (tmp_path / "docs").mkdir()
    made = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    made.watch(str(tmp_path / "docs"))
    yield made
    made.server_close()


def test_the_native_watcher_takes_over_what_the_server_watches_and_what_it_will(
    server: LiveReloadServer, tmp_path: Path
) -> None:
    (tmp_path / "records").mkdir()
    assert internals.watch_natively(server, [str(tmp_path / "records")]) is None
    try:
        assert not isinstance(server.observer, PollingObserver) and server.observer.is_alive()
        assert internals.watched_paths(server) == [str(tmp_path / "docs"), str(tmp_path / "records")]
        server.watch(str(tmp_path / "records"))  # as MkDocs does for `watch:` after on_serve
        server.observer.start()  # as serve() does: started already, nothing happens
        outside = tmp_path / "outside" / "lyon"  # a record's folder made elsewhere, then moved in
        outside.mkdir(parents=True)
        (outside / "quartier.yml").write_text("name: Lyon\n", encoding="utf-8")
        edits = {
            "a file written in docs/": lambda: (tmp_path / "docs" / "edited.md").write_text("x", encoding="utf-8"),
            "a file written in records/": lambda: (tmp_path / "records" / "edited.md").write_text("x", "utf-8"),
            "a folder moved into records/": lambda: outside.rename(tmp_path / "records" / "lyon"),
        }
        for what, edit in edits.items():
            server._want_rebuild = False
            edit()
            deadline = time.monotonic() + 10
            while not server._want_rebuild and time.monotonic() < deadline:
                time.sleep(0.02)
            assert server._want_rebuild, f"{what} was not noticed"
        deadline = time.monotonic() + 10
        while server._want_rebuild and time.monotonic() < deadline:  # the edits' last events, late on a busy machine
            server._want_rebuild = False
            time.sleep(0.5)
        assert not server._want_rebuild, "the watcher never went quiet"
        assert (tmp_path / "records" / "edited.md").read_text(encoding="utf-8") == "x"
        time.sleep(0.5)
        assert not server._want_rebuild, "reading a source (as a rebuild does) started another rebuild"
    finally:
        server.observer.stop()
        server.observer.join()


def test_where_the_system_refuses_its_watches_the_server_keeps_polling(
    server: LiveReloadServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    polling, watched = server.observer, dict(server._watched_paths)

    def refused(self: object) -> None:
        raise OSError(28, "inotify watch limit reached")

    monkeypatch.setattr(internals._NativeObserver, "start", refused)
    said = internals.watch_natively(server, [str(tmp_path)])
    assert said is not None and "inotify watch limit reached" in said
    assert server.observer is polling and server._watched_paths == watched
