"""What a built site weighs on a host, by kind of file.

    .venv/bin/python bench/sizes.py SITE [--top 8]

Every file under SITE counted whole, as a static host counts what it is given (share cards
are hard links to the build cache on disk, not on the host): the total, then each extension
with its size, its number of files and the mean size of one; for HTML, the mean is a page's.
Not a test: numbers go to bench/README.md.
"""

from __future__ import annotations

import argparse
import os
from collections import Counter
from pathlib import Path


def sizes(site: Path) -> tuple[Counter[str], Counter[str]]:
    """Bytes and files by extension (lower case; "" for none)."""
    weight: Counter[str] = Counter()
    count: Counter[str] = Counter()
    for folder, _, files in os.walk(site):
        for name in files:
            kind = name.rsplit(".", 1)[-1].lower() if "." in name else ""
            weight[kind] += (Path(folder) / name).stat().st_size
            count[kind] += 1
    return weight, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--top", type=int, default=8)
    args = parser.parse_args()
    weight, count = sizes(args.site)
    print(f"{args.site}: {sum(weight.values()) / 1e6:.1f} MB in {sum(count.values())} files\n")
    print("| kind | MB | files | KB each |")
    print("|---|---:|---:|---:|")
    for kind, size in weight.most_common(args.top):
        print(f"| {kind or '(none)'} | {size / 1e6:.1f} | {count[kind]} | {size / count[kind] / 1e3:.1f} |")


if __name__ == "__main__":
    main()
