"""Time per page across site sizes and languages: Vitrine's own build, alternating sizes.

    .venv/bin/python bench/scaling.py [--configs 29x27x6,40x300x6,120x1000x6,120x1000x1]
        [--runs 3] [--cache DIR] [--budget MB]

Each config is QUARTIERSxCHAMPIONSxLANGUAGES of bench/generate.py. Every project is
generated, its caches warmed by one untimed build (or copied from `--cache`, the
`.cache` of a larger project with the same seed: its cards and images cover the
smaller ones), then each run builds every project once, in turn, every page rendered, then
once more after one champion's name changed (the pages that show nothing of it taken over
from the site being replaced: vitrine/render's reuse_pages). Reports pages,
median wall time, milliseconds per page, the marginal time per page between
one config and the next (the cost of the pages added, start-up excluded), the
peak memory of the build's whole process tree (RSS summed over its processes, which
counts each page a fork shares once per process, and PSS, which counts it once), and
the published size, and the edited build's wall time and peak PSS: every
file of site/ counted whole, as a static host counts what it is given (share
cards are hard links to the cache on disk, not on the host). `--budget` raises
vitrine/publish's size budget in the generated projects, for sizes whose site
is over the default 1,000 MB (the build would rightly refuse to publish it).
Not a test: numbers go to bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from generate import generate
from peers import Run, code_digest, measure, rename_a_champion, same_code

from vitrine.publish.gate import file_sizes

BUILD = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"]


def full_build(project: Path) -> Run:
    """A timed warm build that renders every page: the records of the last strict build are deleted
    first (else, nothing having changed, vitrine/publish's skip_unchanged would write nothing, and
    vitrine/render's reuse_pages would take every page over)."""
    cache = project / ".cache"
    for record in [*(cache / "publish").glob("last-build-*.json"), *(cache / "render").glob("pages-*")]:
        record.unlink()
    return measure(BUILD, project)


def parse_config(text: str) -> tuple[int, int, int]:
    quartiers, champions, languages = (int(part) for part in text.split("x"))
    return quartiers, champions, languages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    configs = "29x27x6,40x300x6,120x1000x6,120x1000x1"
    parser.add_argument("--configs", type=lambda s: [parse_config(c) for c in s.split(",")], default=configs)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2013)
    parser.add_argument("--cache", type=Path, help="a .cache folder of a larger project with the same seed")
    parser.add_argument(
        "--budget", type=int, help="site_budget_mb for the projects: a measurement past the 1 GB a host takes"
    )
    args = parser.parse_args()
    code = code_digest()
    with tempfile.TemporaryDirectory(prefix="vitrine-scaling-") as tmp:
        projects = []
        for quartiers, champions, languages in args.configs:
            project = Path(tmp) / f"{quartiers}x{champions}x{languages}"
            generate(
                project,
                quartiers=quartiers,
                champions=champions,
                languages=languages,
                photos=0.25,
                logos=0.1,
                seed=args.seed,
            )
            if args.budget is not None:
                set_budget(project / "mkdocs.yml", args.budget)
            if args.cache is not None:
                shutil.copytree(args.cache, project / ".cache", copy_function=os.link)
            measure(BUILD, project)  # warm-up, untimed
            pages = sum(1 for _ in (project / "site").rglob("*.html")) - 1  # the root 404.html is not a page
            projects.append((f"{quartiers} × {champions} × {languages}", project, pages))
        runs: dict[str, list[Run]] = {name: [] for name, _, _ in projects}
        edited: dict[str, list[Run]] = {name: [] for name, _, _ in projects}
        for _ in range(args.runs):
            for name, project, _ in projects:
                runs[name].append(full_build(project))
                rename_a_champion(project)  # then the editor's build: what shows nothing of it is taken over
                edited[name].append(measure(BUILD, project))
        published = {name: _published_mb(project / "site") for name, project, _ in projects}
    print(f"median of {args.runs} alternating runs\n")
    print(
        "| quartiers × champions × languages | pages | wall (s) | ms/page | marginal ms/page | peak RSS (MB) "
        "| peak PSS (MB) | published (MB) | one record edited: wall (s) | its peak PSS (MB) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    previous: tuple[int, float] | None = None
    for name, _project, pages in projects:
        wall = statistics.median(run.wall for run in runs[name])
        peak = statistics.median(run.peak_mb for run in runs[name])
        pss = statistics.median(run.peak_pss_mb for run in runs[name])
        marginal = "-"
        if previous is not None and pages != previous[0]:
            marginal = f"{(wall - previous[1]) / (pages - previous[0]) * 1000:.2f}"
        after_edit = statistics.median(run.wall for run in edited[name])
        after_edit_pss = statistics.median(run.peak_pss_mb for run in edited[name])
        print(
            f"| {name} | {pages} | {wall:.2f} | {wall / pages * 1000:.2f} | {marginal} | {peak:.0f} | {pss:.0f} "
            f"| {published[name]:.1f} | {after_edit:.2f} | {after_edit_pss:.0f} |"
        )
        previous = (pages, wall)
    print(f"\nvitrine package: {code}")
    same_code(code)


def set_budget(config: Path, megabytes: int) -> None:
    """Give vitrine/publish's size budget in a generated mkdocs.yml (one plugin line becomes a block)."""
    text, count = re.subn(
        r"(?m)^  - vitrine/publish\b.*$",
        f"  - vitrine/publish:\n      site_budget_mb: {megabytes}",
        config.read_text(encoding="utf-8"),
    )
    if count != 1:
        raise SystemExit(f"{config}: no single '- vitrine/publish' line to give a budget to")
    config.write_text(text, encoding="utf-8")


def _published_mb(site: Path) -> float:
    """Every file counted whole, as a host counts what it is given (and the size budget counts)."""
    return sum(file_sizes(site).values()) / 1e6


if __name__ == "__main__":
    main()
