"""Parses of records and front matter kept between processes, in one file of `.cache/yaml/`.

Each build parses each YAML text once (`yamlsource.Parses`); at national size that is 3,462 texts
and 1 s of every build and of every first preview. The store keeps those parses in a file
named for the code that makes them, so a change to the parser or to its errors starts afresh.
Texts are still looked up by the digest of their bytes: an edited file is parsed again, and
one no longer read is left out when the store is next saved.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable
from pathlib import Path

from . import errors, yamlsource

CODE = (Path(yamlsource.__file__), Path(errors.__file__), Path(__file__))
"""The modules whose code a kept parse depends on."""


class ParseStore:
    """The parses of one project's texts, kept in `folder` (created when first saved)."""

    def __init__(self, folder: Path) -> None:
        digest = hashlib.sha256()
        for path in CODE:
            digest.update(path.read_bytes())
        self.folder = folder
        self.path = folder / f"parses-{digest.hexdigest()[:20]}.pickle"

    def load(self) -> int:
        """Hand the kept parses to the parser; how many there were (0 when none could be read)."""
        try:
            kept = pickle.loads(self.path.read_bytes())  # our own cache, written by save()
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
            kept = {}
        if not isinstance(kept, dict) or not all(isinstance(parse, bytes) for parse in kept.values()):
            kept = {}
        yamlsource.parses().adopt(kept)
        return len(kept)

    def save(self, write: Callable[[Path, bytes], None]) -> bool:
        """Keep the parses used since `load()` through `write(path, bytes)`, when they differ from those
        it found; entries of older code go. True when the file was written."""
        parses = yamlsource.parses().to_keep()
        if parses is None:
            return False
        write(self.path, pickle.dumps(parses, protocol=pickle.HIGHEST_PROTOCOL))
        for old in self.folder.glob("parses-*.pickle"):
            if old != self.path:
                old.unlink(missing_ok=True)
        return True
