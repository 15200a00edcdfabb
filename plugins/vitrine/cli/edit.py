"""`vitrine edit`: the web editor on this folder, with the live preview beside it.

Starts Decap CMS's local proxy (npm package decap-server, from `editor/`) over
the project's folder, then `mkdocs serve` with the editor turned on
(VITRINE_EDITOR): what the editor saves lands in the files, the preview
rebuilds, and its banner shows what `vitrine check` finds. Stopping the preview
stops the proxy.
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any, TextIO

from .. import siblings
from .build import address_taken, preview_address, serve, taken
from .project import Project
from .words import Words

PROXY = "editor/node_modules/decap-server/dist/index.js"


def edit(project: Project, config_file: str, extra: Sequence[str], words: Words, out: TextIO) -> int:
    proxy = project.root / PROXY
    if not proxy.is_file():
        print(
            words("The editor is not installed yet: run make edit, or npm ci --prefix editor, then try again."),
            file=out,
        )
        return 1
    preview = preview_address(extra)
    if address_taken(preview):  # before the proxy starts: nothing to stop
        print(taken(preview, words), file=out)
        return 1
    editor = siblings.editor(project.config)
    port = int(editor.config.proxy_port) if editor is not None else 8081
    try:
        server = _start_proxy(proxy, project.root, port)
    except OSError as problem:
        print(
            words(
                "The editor could not start (Node.js is needed: https://nodejs.org): {problem}", problem=str(problem)
            ),
            file=out,
        )
        return 1
    if not _listening(server):
        print(
            words(
                "The editor could not start: port {port} is already in use (is another vitrine edit running?). "
                "Stop it, or set another proxy_port under vitrine/editor in mkdocs.yml.",
                port=port,
            ),
            file=out,
        )
        return 1
    os.environ["VITRINE_EDITOR"] = "true"  # read by mkdocs.yml (vitrine/editor: enabled)
    said = words(
        "Editor: {editor}  (the site, as it will be published: {site})",
        editor=f"http://{preview}/admin/",
        site=f"http://{preview}/",
    )
    print(said, file=out)
    print(words("Your changes are saved in this folder; stop with Ctrl+C."), file=out)
    stopped = _stop_on_signals()
    try:
        return serve(config_file, extra, words, out)
    finally:
        _restore(stopped)
        server.terminate()
        server.wait(timeout=10)


_STOPPING = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))
"""Signals that end `vitrine edit` (kill, a closed terminal) like Ctrl+C: the proxy is stopped too."""


def _stop_on_signals() -> dict[int, Any]:
    def stop(number: int, _frame: object) -> None:
        raise SystemExit(128 + number)

    return {number: signal.signal(number, stop) for number in _STOPPING}


def _restore(handlers: dict[int, Any]) -> None:
    for number, handler in handlers.items():
        signal.signal(number, handler)


def _start_proxy(script: Path, root: Path, port: int) -> subprocess.Popen[bytes]:
    # fs mode: the files change on disk, nothing is committed; the proxy answers this computer only.
    env = {**os.environ, "MODE": "fs", "GIT_REPO_DIRECTORY": str(root), "PORT": str(port), "BIND_HOST": "127.0.0.1"}
    return subprocess.Popen(["node", str(script)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def _listening(server: subprocess.Popen[bytes], seconds: float = 20) -> bool:
    """Whether the proxy says it listens; it stops at once when its port is taken. Its later output
    is drained by a thread, so a full pipe never blocks it."""
    assert server.stdout is not None
    deadline = time.monotonic() + seconds
    for line in server.stdout:
        if b"listening" in line:
            threading.Thread(target=_drain, args=(server.stdout,), daemon=True).start()
            return True
        if time.monotonic() > deadline:
            break
    server.wait(timeout=10)
    server.stdout.close()
    return False


def _drain(stream: IO[bytes]) -> None:
    with stream:
        for _line in stream:
            pass
