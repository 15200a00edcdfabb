"""The build cache's SQLite files (the pages' ledger, the kept conversions): each says in a `meta`
table what it was made for, and is read only when that is what the build asks for."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from pathlib import Path


def open_if_made_for(path: Path, meta: Mapping[str, str]) -> sqlite3.Connection | None:
    """`path`, read-only, if it is a file whose `meta` is `meta`; None if it is absent, unreadable or
    made for something else."""
    if not path.is_file():
        return None
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        found = dict(db.execute("SELECT name, value FROM meta").fetchall())
    except sqlite3.Error:  # not one of ours, or damaged
        found = None
    if found != dict(meta):
        db.close()
        return None
    return db


def create(path: Path, table: str, meta: Mapping[str, str]) -> sqlite3.Connection:
    """A new file at `path` (what was there removed) holding `meta` and the table `table` (its SQL
    definition). Raises OSError or sqlite3.Error."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    try:
        db.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
        db.execute(f"CREATE TABLE {table}")
        db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        db.commit()  # no transaction left open: the caller may set its own pragmas
    except sqlite3.Error:
        db.close()
        raise
    return db
