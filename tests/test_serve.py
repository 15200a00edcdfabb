"""`mkdocs serve` rebuilds when a record changes (quartiers/ and champions/ are watched).

An edit of record texts is rendered first on the record's own pages (the quick pass),
then the whole site is built again in another process; any other edit rebuilds in full.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect
from tests.conftest import Project, free_port
from tests.helpers import _fetch, _wait_for, _wait_in_log
from tests.helpers import previewing as serving

from vitrine.render.internals import FORCED


def test_editing_a_record_reloads_its_page(project: Project) -> None:
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project.root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/en/quartiers/test/"
        _wait_for(url, "A test quarter.", time.monotonic() + 120)
        record = project.root / "quartiers" / "test" / "quartier.yml"
        record.write_text(record.read_text().replace("A test quarter.", "An edited quarter."), encoding="utf-8")
        _wait_for(url, "An edited quarter.", time.monotonic() + 60)
        project.write(
            "champions/champion-test/champion.yml",
            (project.root / "champions/champion-test/champion.yml").read_text().replace("A test company.", "Edited."),
        )
        _wait_for(f"http://127.0.0.1:{port}/en/champions/champion-test/", "Edited.", time.monotonic() + 60)
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.mark.browser
def test_bad_edit_keeps_last_good_pages_and_shows_the_error(project: Project, browser: Browser, tmp_path: Path) -> None:
    record = project.root / "quartiers" / "test" / "quartier.yml"
    good = record.read_text(encoding="utf-8")
    log = tmp_path / "serve.log"
    with serving(project, log) as port:
        url = f"http://127.0.0.1:{port}/en/quartiers/test/"
        _wait_for(url, "A test quarter.", time.monotonic() + 120)
        page = browser.new_page()
        page.goto(url)
        expect(page.get_by_role("alert")).to_have_count(0)

        record.write_text(good.replace("date: 2014-11-12", "date: 2014-02-30"), encoding="utf-8")
        output = _wait_in_log(log, "the last good pages stay served", time.monotonic() + 60)
        assert "quartiers/test/quartier.yml:" in output and "label.date" in output
        assert "Traceback" not in output
        # The browser reloads by itself onto the last good page, with the error on top.
        alert = page.get_by_role("alert")
        expect(alert).to_contain_text("label.date", timeout=30_000)
        expect(alert).to_contain_text("quartiers/test/quartier.yml")
        expect(page.locator("article.md-content__inner")).to_contain_text("A test quarter.")
        assert "A test quarter." in _wait_for(url, "A test quarter.", time.monotonic() + 10)

        record.write_text(good.replace("A test quarter.", "A mended quarter."), encoding="utf-8")
        expect(page.locator("article.md-content__inner")).to_contain_text("A mended quarter.", timeout=60_000)
        expect(page.get_by_role("alert")).to_have_count(0)
        page.close()


@contextmanager
def _record_served(project: Project, tmp_path: Path, shown: str) -> Iterator[tuple[Path, str, Path, str]]:
    """The test quartier's record, its text, the server's log and address, once its page shows `shown`."""
    record = project.root / "quartiers" / "test" / "quartier.yml"
    log = tmp_path / "serve.log"
    with serving(project, log) as port:
        base = f"http://127.0.0.1:{port}"
        _wait_for(f"{base}/en/quartiers/test/", shown, time.monotonic() + 120)
        yield record, record.read_text(encoding="utf-8"), log, base


def _served_folder(log_text: str) -> Path:
    found = re.search(r"site replaced: (\S+)", log_text)
    assert found, log_text
    return Path(found.group(1))


def test_record_edit_shows_at_once_then_the_whole_site_follows(project: Project, tmp_path: Path) -> None:
    with _record_served(project, tmp_path, "Quartier Test") as (record, _good, log, base):
        first = _wait_in_log(log, "Serving on", time.monotonic() + 10)
        served = _served_folder(first)
        record.write_text(record.read_text().replace("name: Quartier Test", "name: Quartier Renamed"), "utf-8")
        page = _wait_for(f"{base}/en/quartiers/test/", "Quartier Renamed", time.monotonic() + 60)
        output = _wait_in_log(log, "preview: the whole site is up to date", time.monotonic() + 120)
        quick = re.search(r"preview: (\d+) pages of the edited records rebuilt", output)
        assert quick and int(quick.group(1)) == 6, output  # the quartier page in each of the six languages
        assert output.count("Building documentation") == 1  # the in-process full build ran once, at start
        assert "/_vitrine/build-status.json" in page  # preview pages keep the error banner's script
        # The full build brought every other page that shows the record up to date.
        assert "Quartier Renamed" in _fetch(f"{base}/en/quartiers/")
        assert "Quartier Renamed" in _fetch(f"{base}/en/search/search_index.json")
        assert "Quartier Renamed" in _fetch(f"{base}/data/quartiers.csv")
        assert "/_vitrine/build-status.json" in _fetch(f"{base}/en/quartiers/")
        assert "Traceback" not in output and "ERROR" not in output
    assert not served.exists()
    assert not list(served.parent.glob(f".{served.name}.*")), "a staging folder was left behind"


def test_editing_again_stops_the_full_build_and_the_last_edit_wins(project: Project, tmp_path: Path) -> None:
    with _record_served(project, tmp_path, "Quartier Test") as (record, good, log, base):
        served = _served_folder(_wait_in_log(log, "Serving on", time.monotonic() + 10))
        for number in range(1, 4):
            record.write_text(good.replace("name: Quartier Test", f"name: Quartier Edit {number}"), "utf-8")
            _wait_for(f"{base}/en/quartiers/test/", f"Quartier Edit {number}", time.monotonic() + 60)
        output = _wait_in_log(log, "preview: the whole site is up to date", time.monotonic() + 120)
        assert output.count("pages of the edited records rebuilt") == 3
        assert "Quartier Edit 3" in _fetch(f"{base}/en/quartiers/")
        assert "Quartier Edit 3" in _fetch(f"{base}/en/quartiers/test/")
        assert "Quartier Edit 1" not in _fetch(f"{base}/en/search/search_index.json")
    assert not list(served.parent.glob(f".{served.name}.*")), "a stopped full build left a folder behind"


def test_other_edits_rebuild_in_full(project: Project, tmp_path: Path) -> None:
    """A page of content/ and a new record change more than one record's pages: MkDocs' full rebuild."""
    log = tmp_path / "serve.log"
    with serving(project, log) as port:
        base = f"http://127.0.0.1:{port}"
        _wait_for(f"{base}/en/", "Welcome.", time.monotonic() + 120)
        home = project.root / "content" / "en" / "index.md"
        home.write_text(home.read_text(encoding="utf-8").replace("Welcome.", "Welcome back."), "utf-8")
        _wait_for(f"{base}/en/", "Welcome back.", time.monotonic() + 120)
        second = project.root / "quartiers" / "second"
        second.mkdir()
        text = (project.root / "quartiers" / "test" / "quartier.yml").read_text(encoding="utf-8")
        (second / "quartier.yml").write_text(text.replace("name: Quartier Test", "name: Second Quartier"), "utf-8")
        _wait_for(f"{base}/en/quartiers/second/", "Second Quartier", time.monotonic() + 120)
        assert "Second Quartier" in _fetch(f"{base}/en/quartiers/")
        output = log.read_text(encoding="utf-8")
    assert output.count("Building documentation") == 3
    assert "pages of the edited records rebuilt" not in output


def test_a_bad_edit_found_by_the_quick_pass_is_reported_and_mended(project: Project, tmp_path: Path) -> None:
    with _record_served(project, tmp_path, "A test quarter.") as (record, good, log, base):
        record.write_text(good.replace("wave: 1", "wave: first"), encoding="utf-8")
        output = _wait_in_log(log, "the last good pages stay served", time.monotonic() + 60)
        status = json.loads(_fetch(f"{base}/_vitrine/build-status.json"))
        assert "quartiers/test/quartier.yml" in status["error"] and "label.wave" in status["error"]
        assert status["error"].startswith("1 erreur dans les fichiers :")  # in French, as vitrine check says it
        assert "quartiers/test/quartier.yml" in output and "label.wave" in output  # in the terminal too
        assert "Traceback" not in output
        assert "A test quarter." in _fetch(f"{base}/en/quartiers/test/")
        record.write_text(good.replace("A test quarter.", "A mended quarter."), encoding="utf-8")
        _wait_for(f"{base}/en/quartiers/test/", "A mended quarter.", time.monotonic() + 60)
        assert json.loads(_fetch(f"{base}/_vitrine/build-status.json")) == {"error": None}, "the error is cleared"
        output = log.read_text(encoding="utf-8")
    assert output.count("Building documentation") == 1


def test_strict_quick_pass_refuses_a_warning_like_a_build(project: Project, tmp_path: Path) -> None:
    """mkdocs.yml says strict: a record edit that only warns (unsafe markup) is not shown either."""
    narrative = project.root / "quartiers" / "test" / "fr.md"
    with _record_served(project, tmp_path, "Quartier Test") as (_record, _good, log, base):
        before = _fetch(f"{base}/fr/quartiers/test/")
        assert "Un récit en français." in before
        narrative.write_text("Un récit modifié. <img src=x onerror=alert(1)>\n", encoding="utf-8")
        output = _wait_in_log(log, "the last good pages stay served", time.monotonic() + 60)
        status = json.loads(_fetch(f"{base}/_vitrine/build-status.json"))
        # worded for the editor's banner as `vitrine check` words it, in French
        assert "quartiers/test/fr.md:1: le gestionnaire d'événement onerror=" in status["error"]
        assert "Un récit modifié." not in _fetch(f"{base}/fr/quartiers/test/")
        assert "pages of the edited records rebuilt" not in output


def test_an_editor_scratch_file_rebuilds_nothing(project: Project, tmp_path: Path) -> None:
    """A save seen twice, or an editor's swap file, changes no page source: no rebuild at all."""
    with _record_served(project, tmp_path, "Quartier Test") as (record, _good, log, base):
        (record.parent / ".quartier.yml.swp").write_bytes(b"vim swap")
        output = _wait_in_log(log, "no page source changed; nothing to rebuild", time.monotonic() + 60)
        assert output.count("Building documentation") == 1
        assert "pages of the edited records rebuilt" not in output
        assert "Quartier Test" in _fetch(f"{base}/en/quartiers/test/")


def test_with_the_quick_preview_off_a_record_edit_rebuilds_in_full(project: Project, tmp_path: Path) -> None:
    """`quick_preview: false` (vitrine/render): MkDocs' full rebuild after every edit, with nothing said."""
    project.render_option("quick_preview: false")
    with _record_served(project, tmp_path, "Quartier Test") as (record, _good, log, base):
        record.write_text(record.read_text().replace("name: Quartier Test", "name: Quartier Renamed"), "utf-8")
        _wait_for(f"{base}/en/quartiers/test/", "Quartier Renamed", time.monotonic() + 120)
        output = _wait_in_log(log, "Reloading browsers", time.monotonic() + 60)
        assert "pages of the edited records rebuilt" not in output and "MkDocs' own behaviour" not in output
        assert output.count("Building documentation") == 2  # the start, then the edit in full
        assert "Traceback" not in output


@pytest.mark.parametrize("how", ["option", "forced"])
def test_with_mkdocs_polling_an_edit_is_still_seen(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    """`watcher: polling`, or the native watcher's internals forced off: MkDocs' own observer
    notices the edit, and the quick pass shows it."""
    if how == "option":
        project.render_option("watcher: polling")
    else:
        monkeypatch.setenv(FORCED, "watcher")
    with _record_served(project, tmp_path, "Quartier Test") as (record, _good, log, base):
        record.write_text(record.read_text().replace("name: Quartier Test", "name: Quartier Renamed"), "utf-8")
        _wait_for(f"{base}/en/quartiers/test/", "Quartier Renamed", time.monotonic() + 60)
        output = _wait_in_log(log, "pages of the edited records rebuilt", time.monotonic() + 60)
        assert ("MkDocs' polling instead" in output) == (how == "forced"), output
        assert "Traceback" not in output


def test_without_the_servers_internals_a_record_edit_rebuilds_in_full(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """MkDocs' own behaviour when the server's private fields are missing (forced here): no quick
    pass, a full rebuild shows the edit, and the log says which part fell back."""
    monkeypatch.setenv(FORCED, "server")
    with _record_served(project, tmp_path, "Quartier Test") as (record, _good, log, base):
        record.write_text(record.read_text().replace("name: Quartier Test", "name: Quartier Renamed"), "utf-8")
        _wait_for(f"{base}/en/quartiers/test/", "Quartier Renamed", time.monotonic() + 120)
        output = _wait_in_log(log, "Reloading browsers", time.monotonic() + 60)
        assert "MkDocs' own behaviour for serve's quick pass" in output
        assert "pages of the edited records rebuilt" not in output
        assert output.count("Building documentation") == 2  # the start, then the edit in full
        assert "Traceback" not in output
