"""The one process pool of a Vitrine build (images and cards), sized to the machine.

Created on first use, kept across `mkdocs serve` rebuilds, closed when the
command ends (`on_shutdown`).
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor

_pool: ProcessPoolExecutor | None = None
_forbidden = False


def forbid_pool() -> None:
    """In a forked page-rendering worker: encodes and cards are the parent's, no pool starts here."""
    global _forbidden
    _forbidden = True


def pool_allowed() -> bool:
    return not _forbidden


def shared_pool() -> ProcessPoolExecutor:
    global _pool
    if _forbidden:
        raise RuntimeError("a page-rendering worker may not use the build's process pool")
    if _pool is None:
        _pool = ProcessPoolExecutor(max_workers=os.cpu_count() or 1)
    return _pool


def close_pool() -> None:
    global _pool
    if _pool is not None:
        _pool.shutdown(wait=True, cancel_futures=True)
        _pool = None
