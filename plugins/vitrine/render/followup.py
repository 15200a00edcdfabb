"""`mkdocs serve`: after a quick pass, the whole site is built again in a separate process.

The quick pass (`quick.py`) renders only the pages of the edited records,
so the editor sees the edit within seconds; the directories, maps, search
index, data files and cards that also show it come from this full build. It
runs in its own process (with the page workers of a normal build) into a
fresh folder beside the served one, and replaces the served folder when it
succeeds. The next save stops it at once (its whole process group is killed):
the editor never waits for a full build to finish.

    python -m vitrine.render.followup CONFIG_FILE OUT SITE_URL [--strict] [--no-directory-urls]

is the child's command line; `Followup` runs it.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .. import siblings
from ..images.pool import exit_with_parent
from ..publish.swap import discard, exchange, staging_folder
from ..rendering import STATUS
from .preview import describe, write_status

PREFIX = "full preview build: "
"""Before each line the child logs, in the server's terminal."""


@dataclass
class _Run:
    process: subprocess.Popen[str]
    out: Path
    stopped: threading.Event = field(default_factory=threading.Event)
    settled: threading.Event = field(default_factory=threading.Event)
    """Set once the served folder is as this run leaves it (replaced, or not touched)."""


class Followup:
    """At most one full preview build at a time; `stop` ends it, `start` replaces it.

    `command(out)` is the child's command line for the output folder `out`. On success the
    served folder `site` is replaced and `done(None)` is called; on failure the served pages
    stay, the child's error goes into their status file and `done(error)` is called. A stopped
    build calls nothing and leaves nothing behind.
    """

    def __init__(
        self, command: Callable[[Path], list[str]], site: Path, done: Callable[[str | None], None], *, cwd: Path
    ) -> None:
        self.command, self.site, self.done, self.cwd = command, site, done, cwd
        self.run: _Run | None = None
        self.thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self.run is not None and self.run.process.poll() is None

    def start(self) -> None:
        self.stop()
        out = staging_folder(self.site)
        process = subprocess.Popen(
            self.command(out),
            cwd=self.cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,  # its own process group: page workers and pool are stopped with it
        )
        self.run = _Run(process, out)
        self.thread = threading.Thread(target=self._finish, args=(self.run,), name="vitrine-followup", daemon=True)
        self.thread.start()

    def stop(self, *, tidy: bool = False) -> None:
        """Kill the build in progress, if any, and wait until the served folder is settled.

        The folders left over (the old site, a killed build's output) are deleted afterwards by
        the run's thread; `tidy` waits for that too (when the server stops).
        """
        run, thread = self.run, self.thread
        if run is None or thread is None:
            return
        if run.process.poll() is None:
            run.stopped.set()
            with contextlib.suppress(ProcessLookupError):
                os.killpg(run.process.pid, signal.SIGKILL)
        run.settled.wait()
        if tidy:
            thread.join()
        self.run, self.thread = None, None

    def _finish(self, run: _Run) -> None:
        assert run.process.stdout is not None
        with run.process.stdout:
            for line in run.process.stdout:
                sys.stderr.write(PREFIX + line)
        code = run.process.wait()
        old = None
        try:
            if run.stopped.is_set():
                return
            if code == 0:
                old = exchange(self.site, run.out)
                self.done(None)
                return
            error = _child_error(run.out) or f"the full preview build stopped with exit code {code}"
            write_status(self.site, error)
            self.done(error)
        finally:
            run.settled.set()
            for leftover in [old, run.out, *run.out.parent.glob(f".{run.out.name}.building-*")]:
                if leftover is not None:
                    discard(leftover)  # the child's own staging folder is there when it was killed


def _child_error(out: Path) -> str | None:
    try:
        status = json.loads((out / STATUS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    error = status.get("error") if isinstance(status, dict) else None
    return error if isinstance(error, str) else None


def child_command(
    config_file: Path, site_url: str, *, strict: bool, directory_urls: bool
) -> Callable[[Path], list[str]]:
    """The command line of a full preview build of `config_file`, served at `site_url`."""

    def command(out: Path) -> list[str]:
        flags = [*(["--strict"] if strict else []), *([] if directory_urls else ["--no-directory-urls"])]
        return [sys.executable, "-m", "vitrine.render.followup", str(config_file), str(out), site_url, *flags]

    return command


def main(argv: Sequence[str] | None = None) -> int:
    """The child: a serve build of the project into OUT, with the page workers of `mkdocs build`."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    parser = argparse.ArgumentParser(prog="python -m vitrine.render.followup")
    parser.add_argument("config_file")
    parser.add_argument("out", type=Path)
    parser.add_argument("site_url")
    parser.add_argument("--strict", action="store_true")
    parser.add_argument("--no-directory-urls", dest="directory_urls", action="store_false")
    args = parser.parse_args(argv)
    exit_with_parent(os.getppid())
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    shown = logging.StreamHandler(sys.stderr)  # warnings and errors; the server logs the outcome itself
    shown.setLevel(logging.WARNING)
    shown.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logging.getLogger("mkdocs").addHandler(shown)
    config = load_config(
        args.config_file,
        site_dir=str(args.out),
        site_url=args.site_url,
        strict=args.strict,
        use_directory_urls=args.directory_urls,
    )
    config.plugins.on_startup(command="serve", dirty=False)
    render, publish = siblings.render(config), siblings.publish(config)
    if render is not None:
        render.followup_child = True  # a one-off build: it may fork page workers
    if publish is not None:
        publish.detach_old_site = True  # no server threads here: the old folder goes in the background
    try:
        build(config, serve_url=args.site_url)
    except (Exception, SystemExit) as error:  # mkdocs' Abort is a SystemExit
        write_status(args.out, describe(error))
        return 1
    finally:
        config.plugins.on_shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
