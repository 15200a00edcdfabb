"""`mkdocs serve` after one edit: how long until the changed page is served.

    .venv/bin/python bench/serve.py PROJECT [--record q0100-lille] [--edits 3]

PROJECT is a Vitrine project (e.g. from bench/generate.py, its caches warm). Starts
`mkdocs serve` on a free local port, waits for the first build, then edits one field of
one quartier record (the airport of its access facts, a value shown on its pages and
never translated) and polls the English page until it shows the new value. Each edit
is timed from the file's write to the first response that carries it; after the last
edit, the time until the open data (written only by the full preview build that follows)
carry it too. The record is restored at the end. Not a test: numbers go to bench/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
FIELD = re.compile(r"^(  airport: )(.*)$", re.MULTILINE)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, needle: str, timeout: float) -> float:
    """Seconds until `url` serves a page containing `needle`."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        text = fetch(url)
        if text is not None and needle in text:
            return time.perf_counter() - start
        time.sleep(0.1)
    raise SystemExit(f"{url} never showed {needle!r} within {timeout:.0f} s")


def stop(server: subprocess.Popen[bytes]) -> None:
    """Interrupt the server as Ctrl-C would (it closes its image pool); kill its whole group if it lingers."""
    server.send_signal(signal.SIGINT)
    with contextlib.suppress(subprocess.TimeoutExpired):
        server.wait(timeout=120)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGKILL)  # pool processes left behind, if any
    server.wait(timeout=30)


def main() -> None:
    # Started in the background by a shell without job control, this process and its children
    # would ignore SIGINT: the server would not hear `stop`'s Ctrl-C and be killed 120 s later.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--record", default="q0100-lille")
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("--log", type=Path, help="write the server's output to this file")
    args = parser.parse_args()
    record = args.project / "quartiers" / args.record / "quartier.yml"
    original = record.read_text(encoding="utf-8")
    match = FIELD.search(original)
    if match is None:
        raise SystemExit(f"{record} has no access.airport to edit")
    port = free_port()
    url = f"http://127.0.0.1:{port}/en/quartiers/{args.record}/"
    command = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"]
    output = args.log.open("w", encoding="utf-8") if args.log else subprocess.DEVNULL
    server = subprocess.Popen(
        command, cwd=args.project, env=ENV, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
    )
    times = []
    try:
        first = wait_for(url, match.group(2), args.timeout)
        print(f"first build served after {first:.1f} s")
        for number in range(1, args.edits + 1):
            value = f"{match.group(2)} (edit {number})"
            edited = original[: match.start(2)] + value + original[match.end(2) :]
            time.sleep(1.0)  # the watcher's debounce is not part of an edit
            record.write_text(edited, encoding="utf-8")
            written = time.perf_counter()
            times.append(wait_for(url, value, args.timeout))
            print(f"edit {number}: served after {times[-1]:.1f} s")
        if times:  # the full preview build that follows the last edit: its open data shows the value
            wait_for(f"http://127.0.0.1:{port}/data/quartiers.json", value, args.timeout)
            print(f"edit {len(times)}: whole site (open data) up to date after {time.perf_counter() - written:.1f} s")
    finally:
        stop(server)
        record.write_text(original, encoding="utf-8")  # after the server: restoring it triggers no rebuild
    print("\n| edits | median (s) | fastest (s) | slowest (s) |\n|---:|---:|---:|---:|")
    print(f"| {len(times)} | {statistics.median(times):.1f} | {min(times):.1f} | {max(times):.1f} |")


if __name__ == "__main__":
    main()
