"""What changed in a French text since its translation was reviewed, from git history.

A translation records only the digest of the French text it was reviewed
against (`translation_of:`, `<record>.translations.yml`). That digest is
enough: the reviewed text is the version of the source file, in git, whose
text has that digest. Nothing else is stored, in the sidecars or the front
matter, and the same lookup serves Markdown pages and record fields.
"""

from __future__ import annotations

import difflib
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from .translations import Unit, digest, localized_fields
from .yamlsource import format_path, read_yaml_file, split_front_matter

MAX_COMMITS = 200
"""How far back to look for the reviewed version of one file."""
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+")


@dataclass(frozen=True)
class Reviewed:
    """The French text a translation was reviewed against, and the commit that holds it."""

    commit: str
    text: str


@dataclass
class History:
    """Versions of source files in the git repository holding `root` (read once per file)."""

    root: Path
    versions: dict[str, list[tuple[str, bytes]]] = field(default_factory=dict)

    def reviewed(self, unit: Unit) -> Reviewed | None:
        """The reviewed French text of an outdated translation; None if git does not have it."""
        if unit.recorded is None:
            return None
        for commit, raw in self._versions(unit.source):
            text = _text_of(raw, unit)
            if text is not None and digest(text) == unit.recorded:
                return Reviewed(commit, text)
        return None

    def _versions(self, rel: str) -> list[tuple[str, bytes]]:
        if rel not in self.versions:
            self.versions[rel] = list(self._read(rel))
        return self.versions[rel]

    def _read(self, rel: str) -> list[tuple[str, bytes]]:
        log = self._git("log", f"--max-count={MAX_COMMITS}", "--format=%h", "--", rel)
        found = []
        for commit in log.decode().split() if log else []:
            raw = self._git("show", f"{commit}:./{rel}")
            if raw is not None:
                found.append((commit, raw))
        return found

    def _git(self, *args: str) -> bytes | None:
        try:
            result = subprocess.run(["git", *args], cwd=self.root, capture_output=True, timeout=30, check=False)
        except (OSError, subprocess.TimeoutExpired):
            return None
        return result.stdout if result.returncode == 0 else None


def _text_of(raw: bytes, unit: Unit) -> str | None:
    """The unit's French text in one version of its source file."""
    if not unit.field:
        _meta, body, errors = split_front_matter(raw, unit.source)
        return None if errors else body
    located, _errors = read_yaml_file(raw, unit.source)
    if located is None:
        return None
    for path, texts in localized_fields(located.data):
        if format_path(path) == unit.field:
            return texts.get("fr")
    return None


def changes(before: str, after: str) -> list[str]:
    """A unified diff, sentence by sentence so one changed word does not show a whole paragraph."""
    return list(difflib.unified_diff(_sentences(before), _sentences(after), lineterm="", n=1))[2:]  # no ---/+++


def _sentences(text: str) -> list[str]:
    out: list[str] = []
    for line in text.strip().split("\n"):
        out += [part for part in _SENTENCE_END.split(line.strip()) if part] or [""]
    return out
