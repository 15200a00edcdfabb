"""The parts of `mkdocs serve`'s quick pass, each on its own (the whole is in test_serve.py).

Snapshots find what an edit touched; `changed_records` tells a record edit from a change
of the catalogue's shape; `Followup` runs, replaces and stops the full preview build;
`exit_with_parent` leaves no process working for a dead server.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from tests.conftest import REPO, SITE_LANGUAGES, Project

from vitrine.model import catalogue as catalogue_module
from vitrine.model.buildcache import BuildCache, BuildCaches, using
from vitrine.model.catalogue import changed_records, load_catalogue
from vitrine.model.errors import ContentErrors
from vitrine.render.followup import Followup, _child_error
from vitrine.render.preview import STATUS, changes, snapshot, write_status


def test_changes_name_added_removed_and_modified_files_but_not_editor_scratch(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    kept, edited, removed = tmp_path / "a" / "kept.yml", tmp_path / "a" / "edited.yml", tmp_path / "removed.md"
    for path in (kept, edited, removed):
        path.write_text("x", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x", encoding="utf-8")
    before = snapshot([tmp_path / "a", tmp_path / "removed.md", config, tmp_path / "missing"])
    assert set(before) == {str(kept), str(edited), str(removed), str(config)}
    edited.write_text("longer", encoding="utf-8")
    removed.unlink()
    (tmp_path / "a" / "new.md").write_text("x", encoding="utf-8")
    (tmp_path / "a" / ".edited.yml.swp").write_text("x", encoding="utf-8")
    (tmp_path / "a" / "edited.yml~").write_text("x", encoding="utf-8")
    after = snapshot([tmp_path / "a", tmp_path / "removed.md", config])
    assert changes(before, after) == {edited, removed, tmp_path / "a" / "new.md"}
    assert changes(after, after) == set()


def test_changed_records_names_edited_records_and_refuses_a_new_shape(project: Project) -> None:
    before = load_catalogue(project.root, SITE_LANGUAGES)
    assert changed_records(before, load_catalogue(project.root, SITE_LANGUAGES)) == (set(), set())
    record = project.root / "quartiers" / "test" / "quartier.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("A test quarter.", "Edited."), encoding="utf-8")
    project.write("champions/champion-test/en.md", "An English story.\n")
    assert changed_records(before, load_catalogue(project.root, SITE_LANGUAGES)) == ({"test"}, {"champion-test"})
    (project.root / "quartiers" / "second").mkdir()
    second = record.read_text(encoding="utf-8").replace("name: Quartier Test", "name: Second")
    (project.root / "quartiers" / "second" / "quartier.yml").write_text(second, "utf-8")
    assert changed_records(before, load_catalogue(project.root, SITE_LANGUAGES)) is None
    (project.root / "quartiers" / "second" / "quartier.yml").unlink()
    (project.root / "quartiers" / "second").rmdir()
    assert changed_records(before, load_catalogue(project.root, SITE_LANGUAGES)) == ({"test"}, {"champion-test"})
    criteria = project.root / "quartiers" / "criteria.yml"
    text = criteria.read_text(encoding="utf-8")
    criteria.write_text(text.replace("en: A clearly bounded, easy-to-reach quarter", "en: Reachable"), "utf-8")
    assert changed_records(before, load_catalogue(project.root, SITE_LANGUAGES)) is None


def test_a_session_reads_again_only_the_record_folders_that_changed(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Serve's caches keep what each record's folder held: a load reads again only the folders whose
    files (names, or bytes of a text) changed, and finds what a load without caches finds, the
    errors of a broken folder included, every time."""
    read: list[str] = []
    reader = catalogue_module._Loader._read_folder

    def counted(loader: catalogue_module._Loader, folder: Path, *args: object) -> object:
        if catalogue_module.active() is session:  # not the load without caches
            read.append(folder.name)
        return reader(loader, folder, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(catalogue_module._Loader, "_read_folder", counted)

    def both() -> object:
        """A load with the session's caches, checked against one without."""
        with using(session):
            try:
                kept = load_catalogue(project.root, SITE_LANGUAGES, keep_folders=True)
            except ContentErrors as exc:
                kept_errors = exc.errors
            else:
                kept_errors = None
            session.end_build()
        try:
            fresh = load_catalogue(project.root, SITE_LANGUAGES)
        except ContentErrors as exc:
            assert kept_errors == exc.errors
            return exc.errors
        assert kept_errors is None
        assert (kept.quartiers, kept.champions, kept.warnings) == (fresh.quartiers, fresh.champions, fresh.warnings)
        return kept

    session = BuildCaches()
    both()
    read.clear()
    both()
    assert read == [], "nothing changed, nothing read again"
    record = project.root / "champions" / "champion-test" / "champion.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("A test company.", "Edited."), "utf-8")
    loaded = both()
    assert read == ["champion-test"]
    assert loaded.champions["champion-test"].record.description["en"] == "Edited."  # type: ignore[attr-defined]
    read.clear()
    project.write("quartiers/test/en.md", "---\ntitle: [unclosed\n---\nText.\n")
    for _ in range(2):  # reported again from what the session kept
        errors = both()
        assert isinstance(errors, list) and [e.path for e in errors] == ["quartiers/test/en.md"], errors
    assert read == ["test"], "read once, then reported again from what the session kept"
    (project.root / "quartiers" / "test" / "en.md").unlink()
    project.write("quartiers/test/notes.yml", "a: 1\n")  # a new name: the folder is read again
    errors = both()
    assert isinstance(errors, list) and [e.path for e in errors] == ["quartiers/test/notes.yml"], errors


def test_a_build_keeps_no_record_folder_for_later(project: Project) -> None:
    """Only serve keeps the folders (`keep_folders`): a one-off build would hold them to its end."""
    build, session = BuildCaches(), BuildCaches()
    with using(build):
        load_catalogue(project.root, SITE_LANGUAGES)
    with using(session):
        load_catalogue(project.root, SITE_LANGUAGES, keep_folders=True)
    kept = [len(caches.part(catalogue_module.FOLDERS, BuildCache)) for caches in (build, session)]
    assert kept == [0, 2], kept  # the test quartier and the test champion


def test_champions_of_a_quartier_follow_the_records() -> None:
    """The index behind each quartier's champion list matches a scan, and follows replaced entries."""
    catalogue = load_catalogue(REPO, SITE_LANGUAGES)
    for slug in catalogue.quartiers:
        scan = [entry for entry in catalogue.champions.values() if slug in entry.record.quartiers]
        assert catalogue.champions_of(slug) == scan
    assert any(catalogue.champions_of(slug) for slug in catalogue.quartiers)


def test_replaced_entries_reach_every_holder_of_the_catalogue(project: Project) -> None:
    shared = load_catalogue(project.root, SITE_LANGUAGES)
    assert [entry.record.name for entry in shared.champions_of("test")] == ["Champion Test"]
    record = project.root / "champions" / "champion-test" / "champion.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("Champion Test", "Champion Renamed"), "utf-8")
    newer = load_catalogue(project.root, SITE_LANGUAGES)
    assert changed_records(shared, newer) == (set(), {"champion-test"})
    shared.replace_entries(newer, set(), {"champion-test"})
    assert [entry.record.name for entry in shared.champions_of("test")] == ["Champion Renamed"]
    assert shared.champions["champion-test"] is newer.champions["champion-test"]


def _child(script: str) -> list[str]:
    return [sys.executable, "-c", script]


class _Outcome:
    def __init__(self) -> None:
        self.results: list[str | None] = []
        self.finished = threading.Event()

    def __call__(self, error: str | None) -> None:
        self.results.append(error)
        self.finished.set()


def _site(tmp_path: Path) -> Path:
    site = tmp_path / "served"
    site.mkdir()
    (site / "index.html").write_text("old", encoding="utf-8")
    return site


def test_a_finished_full_build_replaces_the_served_folder(tmp_path: Path) -> None:
    site, done = _site(tmp_path), _Outcome()
    script = "import pathlib, sys; pathlib.Path(sys.argv[1], 'index.html').write_text('new'); print('built')"
    followup = Followup(lambda out: [*_child(script), str(out)], site, done, cwd=tmp_path)
    followup.start()
    assert done.finished.wait(60)
    followup.stop(tidy=True)
    assert done.results == [None]
    assert (site / "index.html").read_text(encoding="utf-8") == "new"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["served"]


def test_a_failed_full_build_keeps_the_pages_and_serves_its_error(tmp_path: Path) -> None:
    site, done = _site(tmp_path), _Outcome()
    script = (
        "import sys, pathlib; from vitrine.render.preview import write_status;"
        "write_status(pathlib.Path(sys.argv[1]), 'quartiers/x/quartier.yml:3: name: required'); sys.exit(1)"
    )
    followup = Followup(lambda out: [*_child(script), str(out)], site, done, cwd=tmp_path)
    followup.start()
    assert done.finished.wait(60)
    followup.stop(tidy=True)
    assert done.results == ["quartiers/x/quartier.yml:3: name: required"]
    assert (site / "index.html").read_text(encoding="utf-8") == "old"
    assert _child_error(site) == "quartiers/x/quartier.yml:3: name: required"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["served"]


def test_a_crash_without_status_is_reported_by_its_exit_code(tmp_path: Path) -> None:
    site, done = _site(tmp_path), _Outcome()
    followup = Followup(lambda out: _child("import os; os._exit(3)"), site, done, cwd=tmp_path)
    followup.start()
    assert done.finished.wait(60)
    assert done.results == ["the full preview build stopped with exit code 3"]
    assert "exit code 3" in (site / STATUS).read_text(encoding="utf-8")


def test_stop_kills_the_build_and_its_children_and_leaves_nothing(tmp_path: Path) -> None:
    site, done = _site(tmp_path), _Outcome()
    pids = tmp_path / "pids"
    # The child starts a grandchild (as the page workers are) and writes into its folder for a long time.
    script = (
        "import os, pathlib, subprocess, sys, time;"
        "out = pathlib.Path(sys.argv[1]); (out / 'part.html').write_text('half');"
        "staging = out.parent / ('.' + out.name + '.building-x'); staging.mkdir();"
        "g = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(120)']);"
        "pathlib.Path(sys.argv[2]).write_text(f'{os.getpid()} {g.pid}'); time.sleep(120)"
    )
    followup = Followup(lambda out: [*_child(script), str(out), str(pids)], site, done, cwd=tmp_path)
    followup.start()
    deadline = time.monotonic() + 30
    while not (pids.exists() and pids.read_text()) and time.monotonic() < deadline:
        time.sleep(0.1)
    child, grandchild = (int(pid) for pid in pids.read_text().split())
    assert followup.running
    followup.stop(tidy=True)
    assert not followup.running
    assert done.results == []
    assert (site / "index.html").read_text(encoding="utf-8") == "old"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["pids", "served"]
    for pid in (child, grandchild):
        deadline = time.monotonic() + 10
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _alive(pid), f"process {pid} survived the stop"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8")
    return stat.split(") ")[1][0] != "Z"  # a zombie awaits its (dead) parent's reaping


def test_a_pool_process_ends_when_its_parent_dies(tmp_path: Path) -> None:
    """What `exit_with_parent` gives the image pool and the full preview build: no orphan left working."""
    pid_file = tmp_path / "pid"
    script = (
        "import os, sys, time; from vitrine.images.pool import exit_with_parent\n"
        "if os.fork() == 0:\n"
        "    exit_with_parent(os.getppid(), interval=0.1)\n"
        f"    open({str(pid_file)!r}, 'w').write(str(os.getpid()))\n"
        "    time.sleep(120)\n"
        "else:\n"
        "    time.sleep(120)\n"
    )
    parent = subprocess.Popen(_child(script))
    deadline = time.monotonic() + 30
    while not (pid_file.exists() and pid_file.read_text()) and time.monotonic() < deadline:
        time.sleep(0.1)
    orphan = int(pid_file.read_text())
    assert _alive(orphan)
    parent.send_signal(signal.SIGKILL)
    parent.wait(timeout=10)
    deadline = time.monotonic() + 10
    while _alive(orphan) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(orphan)


@pytest.mark.parametrize("threaded", [True, False], ids=["threaded", "one-thread"])
def test_the_pools_processes_end_with_the_build_and_a_threaded_build_forks_none(tmp_path: Path, threaded: bool) -> None:
    """A build with other threads (`mkdocs serve`) gets its pool processes from the fork server, a
    build with one thread forks them itself; killing the build's process (SIGKILL) ends them all."""
    pid_file = tmp_path / "pids"
    script = (
        "import os, threading, time; from vitrine.images.pool import shared_pool\n"
        f"if {threaded}: threading.Thread(target=time.sleep, args=(120,), daemon=True).start()\n"
        "pids = shared_pool().submit(os.getppid).result(), shared_pool().submit(os.getpid).result()\n"
        f"open({str(pid_file)!r}, 'w').write(' '.join(map(str, pids)))\n"
        "time.sleep(120)\n"
    )
    build = subprocess.Popen(_child(script))
    deadline = time.monotonic() + 30
    while not (pid_file.exists() and pid_file.read_text()) and time.monotonic() < deadline:
        time.sleep(0.1)
    parent, worker = map(int, pid_file.read_text().split())
    assert (parent != build.pid) is threaded, "the fork server is the pool's parent exactly when the build has threads"
    assert _alive(parent) and _alive(worker)
    build.send_signal(signal.SIGKILL)
    build.wait(timeout=10)
    deadline = time.monotonic() + 10
    while (_alive(parent) or _alive(worker)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(worker) and not _alive(parent)


def test_status_file_round_trip(tmp_path: Path) -> None:
    write_status(tmp_path, "une erreur")
    assert _child_error(tmp_path) == "une erreur"
    assert _child_error(tmp_path / "missing") is None
