"""`python -m vitrine.cli`: the same as the `vitrine` command."""

from __future__ import annotations

from . import main

raise SystemExit(main())
