"""A sign of life while the build waits for pool work (image encodes, share cards).

A long step logs how far it is every few seconds ("vitrine: cards: 120/412
drawn"); one that finishes quickly logs nothing more than its closing line.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from concurrent.futures import Future, wait
from typing import Any

# A child of MkDocs' logger, so `mkdocs build` and `vitrine build` show it like the plugins' lines.
log = logging.getLogger("mkdocs.plugins.vitrine.progress")
INTERVAL = 3.0
"""Seconds between two progress lines."""


def wait_reporting(jobs: Collection[Future[Any]], what: str, interval: float = INTERVAL) -> None:
    """Wait until every job is done, logging `what` (with `{done}` and `{total}`) meanwhile.

    Results and exceptions stay in the jobs: the caller collects them.
    """
    pending = set(jobs)
    total = len(pending)
    while pending:
        _done, pending = wait(pending, timeout=interval)
        if pending:
            log.info("vitrine: " + what.format(done=total - len(pending), total=total))
