"""The one process pool of a Vitrine build (images and cards), sized to the machine.

Created on first use, kept across `mkdocs serve` rebuilds, closed when the
command ends (`on_shutdown`).
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor

_pool: ProcessPoolExecutor | None = None


def shared_pool() -> ProcessPoolExecutor:
    global _pool
    if _pool is None:
        _pool = ProcessPoolExecutor(max_workers=os.cpu_count() or 1)
    return _pool


def close_pool() -> None:
    global _pool
    if _pool is not None:
        _pool.shutdown(wait=True, cancel_futures=True)
        _pool = None
