"""`mkdocs serve` through a day of edits: the server's memory after each of a few hundred record edits.

    .venv/bin/python bench/soak.py [--edits 300] [--warm-up 50] [--every 25] [--timeout 300] [--cache DIR]

Copies the sample project to a temporary folder (with `--cache`, a `.cache` to start from,
e.g. the repository's own, so that cards and images come from it) and starts `mkdocs serve`
there on a free local port, running the copy's `plugins/` (editing the working tree during
the run changes nothing in it). Once the first build is served, it edits six records in turn
(two quartiers' airport, two champions' English description, two quartiers' English
narrative), each edit a text never written before, and polls the edited English page until
it shows it. After each edit it samples the resident memory (RSS, from /proc) of the server:
the `mkdocs serve` process and its image pool, without the full preview build each edit
starts (and the next one kills), which is reported apart. Prints a table row every `--every`
edits and the growth from the end of the warm-up to the last edit. Every wait is bounded by
`--timeout`, so the run stops by itself. Not a test: numbers go to bench/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

sys.path.insert(0, str(Path(__file__).resolve().parent))

from languages import copy_sample
from serve import ENV, free_port, stop, wait_for

FOLLOWUP = "vitrine.render.followup"
"""In the command line of the full preview build (and of its own workers and pool)."""


@dataclass(frozen=True)
class Edit:
    """One field of one record, and the English page that shows it."""

    file: str
    page: str
    field: re.Pattern[str]
    """Its first match in the file; an edit writes its marker after group 2."""


AIRPORT = re.compile(r"^(  airport: )(.*)$", re.MULTILINE)
DESCRIPTION = re.compile(r'^(  en: ")([^"\n]*)"', re.MULTILINE)
"""A champion's first English text: its description."""
NARRATIVE = re.compile(r"^(---\n\n)(.+)$", re.MULTILINE)
"""The first line after the front matter."""
EDITS = (
    Edit("quartiers/lille/quartier.yml", "en/quartiers/lille/", AIRPORT),
    Edit("champions/alan/champion.yml", "en/champions/alan/", DESCRIPTION),
    Edit("quartiers/abidjan/en.md", "en/quartiers/abidjan/", NARRATIVE),
    Edit("quartiers/bordeaux/quartier.yml", "en/quartiers/bordeaux/", AIRPORT),
    Edit("champions/doctolib/champion.yml", "en/champions/doctolib/", DESCRIPTION),
    Edit("quartiers/lille/en.md", "en/quartiers/lille/", NARRATIVE),
)


def _processes() -> dict[int, tuple[int, int, str]]:
    """Every process: pid -> (parent pid, RSS in kB, command line)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        rss = int(fields.get("VmRSS", "0 kB").split()[0])
        found[int(entry.name)] = (int(fields.get("PPid", "0").strip()), rss, command)
    return found


def rss_mb(root: int) -> tuple[float, float]:
    """(the server and its pool, the full preview build in progress) in MB, from /proc."""
    processes = _processes()
    children: dict[int, list[int]] = {}
    for pid, (ppid, _rss, _command) in processes.items():
        children.setdefault(ppid, []).append(pid)
    server = followup = 0
    stack = [(root, False)]
    while stack:
        pid, in_followup = stack.pop()
        _ppid, rss, command = processes.get(pid, (0, 0, ""))
        in_followup = in_followup or FOLLOWUP in command
        if in_followup:
            followup += rss
        else:
            server += rss
        stack.extend((child, in_followup) for child in children.get(pid, []))
    return server / 1024, followup / 1024


def edit(project: Path, change: Edit, marker: str, originals: dict[str, str]) -> None:
    """Write the record with `marker` after the field's original text (one edit, one new text)."""
    original = originals.setdefault(change.file, (project / change.file).read_text(encoding="utf-8"))
    match = change.field.search(original)
    if match is None:
        raise SystemExit(f"{change.file} has no field matching {change.field.pattern!r}")
    edited = original[: match.end(2)] + f" {marker}" + original[match.end(2) :]
    (project / change.file).write_text(edited, encoding="utf-8")


Sample = tuple[int, float, float]
"""(edits done, the server's RSS, the full preview build's RSS), in MB."""


def soak(project: Path, edits: int, timeout: float, output: IO[str] | int, every: int) -> list[Sample]:
    """Serve `project` (its output to `output`), make `edits` edits, each waited for; a sample after the
    first build and after each edit."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env={**ENV, "PYTHONPATH": str(project / "plugins")},  # ahead of the editable install
        stdout=output,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    samples: list[Sample] = []
    originals: dict[str, str] = {}
    try:
        first = wait_for(base + EDITS[0].page, "Lille", timeout)
        samples.append((0, *rss_mb(server.pid)))
        print(f"first build served after {first:.1f} s", flush=True)
        for number in range(1, edits + 1):
            change = EDITS[(number - 1) % len(EDITS)]
            marker = f"(soak edit {number})"
            time.sleep(0.5)  # the watcher's debounce is not part of an edit
            edit(project, change, marker, originals)
            wait_for(base + change.page, marker, timeout)
            samples.append((number, *rss_mb(server.pid)))
            if number % every == 0:
                print(f"edit {number}: server {samples[-1][1]:.1f} MB", flush=True)
    finally:
        stop(server)
    return samples


def report(samples: list[Sample], every: int, warm_up: int) -> None:
    print("\n| edits | server RSS (MB) | full preview build (MB) |\n|---:|---:|---:|")
    last = samples[-1][0]
    for number, served, followup in samples:
        if number % every == 0 or number == last:
            print(f"| {number} | {served:.1f} | {followup:.1f} |")
    start, end = samples[warm_up][1], samples[-1][1]
    per_edit = f", {1024 * (end - start) / (last - warm_up):.1f} KB per edit" if last > warm_up else ""
    print(f"\ngrowth after warm-up (edits {warm_up} to {last}): {end - start:+.1f} MB{per_edit}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=300)
    parser.add_argument("--warm-up", type=int, default=50, help="edits before the growth is counted")
    parser.add_argument("--every", type=int, default=25, help="a table row every N edits")
    parser.add_argument("--timeout", type=float, default=300, help="seconds to wait for any build")
    parser.add_argument("--log", type=Path, help="write the server's output to this file")
    parser.add_argument("--cache", type=Path, help="a .cache folder to start from")
    args = parser.parse_args()
    log = args.log.open("w", encoding="utf-8") if args.log else contextlib.nullcontext(subprocess.DEVNULL)
    with tempfile.TemporaryDirectory(prefix="vitrine-soak-") as tmp, log as output:
        project = Path(tmp)
        copy_sample(project)
        if args.cache is not None:
            shutil.copytree(args.cache, project / ".cache")
        samples = soak(project, args.edits, args.timeout, output, args.every)
    report(samples, args.every, min(args.warm_up, args.edits))


if __name__ == "__main__":
    main()
