"""What a built site weighs on a host, by kind of file.

    .venv/bin/python bench/sizes.py SITE [--top 8]

Every file under SITE counted whole, as a static host counts what it is given (share cards
are hard links to the build cache on disk, not on the host): the total, then each extension
with its size, its number of files and the mean size of one; for HTML, the mean is a page's.
Not a test: numbers go to bench/README.md.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from vitrine.publish.gate import by_kind, file_sizes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--top", type=int, default=8)
    args = parser.parse_args()
    sizes = file_sizes(args.site)  # as vitrine/publish's size budget counts them
    print(f"{args.site}: {sum(sizes.values()) / 1e6:.1f} MB in {len(sizes)} files\n")
    print("| kind | MB | files | KB each |")
    print("|---|---:|---:|---:|")
    kinds = sorted(by_kind(sizes).items(), key=lambda item: (-sum(item[1]), item[0]))
    for kind, each in kinds[: args.top]:
        print(f"| {kind.lstrip('.')} | {sum(each) / 1e6:.1f} | {len(each)} | {sum(each) / len(each) / 1e3:.1f} |")


if __name__ == "__main__":
    main()
