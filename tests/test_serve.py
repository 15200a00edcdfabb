"""`mkdocs serve` rebuilds when a record changes (quartiers/ and champions/ are watched)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect
from tests.conftest import Project


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for(url: str, expected: str, deadline: float) -> str:
    body = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                body = response.read().decode("utf-8")
            if expected in body:
                return body
        except (urllib.error.URLError, ConnectionError):
            pass
        time.sleep(0.3)
    raise AssertionError(f"{expected!r} never appeared at {url}")


def test_editing_a_record_reloads_its_page(project: Project) -> None:
    port = _free_port()
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


@contextmanager
def serving(project: Project, log: Path) -> Iterator[int]:
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project.root,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            yield port
        finally:
            server.terminate()
            server.wait(timeout=30)


def _wait_in_log(log: Path, expected: str, deadline: float) -> str:
    while time.monotonic() < deadline:
        text = log.read_text(encoding="utf-8")
        if expected in text:
            return text
        time.sleep(0.3)
    raise AssertionError(f"{expected!r} never appeared in the serve output:\n{log.read_text(encoding='utf-8')}")


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
