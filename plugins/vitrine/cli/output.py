"""How problems are shown: one plain line each for people, annotations for GitHub.

A line is `file:line:column: field: message (hint)`, the form editors' tools
link to the right line. `--format github` prints workflow commands
(`::error file=…,line=…,col=…,title=…::…`), which GitHub turns into notes on
the lines of the pull request.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Literal, TextIO

from ..model.errors import ContentError
from .words import Words

Level = Literal["error", "warning"]


def plain(error: ContentError, words: Words) -> str:
    return str(words.error(error))


def github(error: ContentError, level: Level, words: Words, root: Path) -> str:
    shown = words.error(error)
    properties = [f"file={_property(_workspace_path(root, shown.path))}"]
    if shown.line:
        properties.append(f"line={shown.line}")
        if shown.column:
            properties.append(f"col={shown.column}")
    properties.append(f"title={_property(words('Vitrine: {field}', field=shown.field) if shown.field else 'Vitrine')}")
    text = f"{shown.message} ({shown.hint})" if shown.hint else shown.message
    return f"::{level} {','.join(properties)}::{_data(text)}"


def report(
    errors: Iterable[ContentError], warnings: Iterable[ContentError], words: Words, out: TextIO, *, fmt: str, root: Path
) -> None:
    for level, found in (("error", errors), ("warning", warnings)):
        for error in found:
            if fmt == "github":
                print(github(error, level, words, root), file=out)  # type: ignore[arg-type]
            else:
                prefix = words("warning:") + " " if level == "warning" else ""
                print(f"  {prefix}{plain(error, words)}", file=out)


def _workspace_path(root: Path, rel: str) -> str:
    """GitHub wants paths from the repository's root; the site may sit in a subfolder of it."""
    workspace = os.environ.get("GITHUB_WORKSPACE")
    if workspace:
        try:
            return (root / rel).resolve().relative_to(Path(workspace).resolve()).as_posix()
        except ValueError:
            pass
    return rel


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
