"""Build time of the sample site with 1, 2, 4 and 6 languages (issue: one build, every language).

    .venv/bin/python bench/languages.py [--runs 3] [--cache DIR]

Copies the repository to a temporary folder, keeps the first N languages of
mkdocs.yml, runs `mkdocs build` N times each (alternating sizes), and prints a
Markdown table: median wall time, pages written, milliseconds per page. With
`--cache` (the sample's `.cache`, e.g. the repository's after a build), each copy
starts from that cache, so that the first run draws no share card again.
Not a test: numbers go to bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
COPY = ("mkdocs.yml", "glossary.yml", "identity.yml", "content", "quartiers", "champions", "overrides", "plugins")


def copy_sample(target: Path) -> None:
    """The repository's sample project, its fonts linked."""
    for name in COPY:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, target / name)
    (target / "node_modules").symlink_to(REPO / "node_modules")  # fonts installed by npm ci


def prepare(target: Path, languages: int, cache: Path | None = None) -> None:
    copy_sample(target)
    if cache is not None:
        shutil.copytree(cache, target / ".cache", copy_function=os.link)
    config = (target / "mkdocs.yml").read_text(encoding="utf-8")
    entries = re.findall(r"        - \{code: .*\}\n", config)
    for dropped in entries[languages:]:
        config = config.replace(dropped, "")
    config = re.sub(r"\n +require: .*", "", config)
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    kept = {re.search(r"code: (\w+)", entry).group(1) for entry in entries[:languages]}  # type: ignore[union-attr]
    drop_other_languages(target, kept, {re.search(r"code: (\w+)", e).group(1) for e in entries})  # type: ignore[union-attr]


def drop_other_languages(target: Path, kept: set[str], declared: set[str]) -> None:
    """Remove the texts of languages the smaller site does not declare (else they are errors)."""
    dropped = declared - kept
    for code in dropped:
        shutil.rmtree(target / "content" / code, ignore_errors=True)
        for narrative in [*target.glob(f"quartiers/*/{code}.md"), *target.glob(f"champions/*/{code}.md")]:
            narrative.unlink()
    for record in [*target.glob("quartiers/**/*.yml"), *target.glob("champions/**/*.yml")]:
        data = yaml.safe_load(record.read_text(encoding="utf-8"))
        record.write_text(yaml.safe_dump(_strip(data, dropped), allow_unicode=True, sort_keys=False), encoding="utf-8")


def _strip(data: object, dropped: set[str]) -> object:
    if isinstance(data, dict):
        return {k: _strip(v, dropped) for k, v in data.items() if k not in dropped}
    if isinstance(data, list):
        return [_strip(v, dropped) for v in data]
    return data


def build(folder: Path) -> tuple[float, int]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=folder, env=env, check=True)
    elapsed = time.perf_counter() - start
    pages = sum(1 for _ in (folder / "site").rglob("index.html"))
    return elapsed, pages


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="1,2,4,6")
    parser.add_argument("--cache", type=Path, help="a .cache folder of the sample to start from")
    args = parser.parse_args()
    sizes = [int(n) for n in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        folders = {}
        for n in sizes:
            folders[n] = Path(tmp) / f"lang{n}"
            folders[n].mkdir()
            prepare(folders[n], n, args.cache)
        times: dict[int, list[float]] = {n: [] for n in sizes}
        pages: dict[int, int] = {}
        for _ in range(args.runs):
            for n in sizes:
                elapsed, pages[n] = build(folders[n])
                times[n].append(elapsed)
    print("| languages | pages | median wall time (s) | ms per page |")
    print("|---:|---:|---:|---:|")
    for n in sizes:
        median = statistics.median(times[n])
        print(f"| {n} | {pages[n]} | {median:.2f} | {1000 * median / pages[n]:.1f} |")


if __name__ == "__main__":
    main()
