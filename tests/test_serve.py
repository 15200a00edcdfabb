"""`mkdocs serve` rebuilds when a record changes (quartiers/ and champions/ are watched)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

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
