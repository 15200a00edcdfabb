"""`python -m vitrine.model [ROOT]`: validate the catalogue without building the site."""

from __future__ import annotations

import sys
from pathlib import Path

from .catalogue import load_catalogue
from .errors import ContentErrors


def main(argv: list[str]) -> int:
    root = Path(argv[0]) if argv else Path.cwd()
    languages = argv[1].split(",") if len(argv) > 1 else ["fr", "en"]
    try:
        catalogue = load_catalogue(root, languages)
    except ContentErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    print(f"ok: {len(catalogue.quartiers)} quartiers, {len(catalogue.champions)} champions")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
