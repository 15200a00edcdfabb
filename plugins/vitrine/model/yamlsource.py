"""A strict YAML reader for content written by people, not programs.

PyYAML's `safe_load` silently keeps the last of two duplicate keys, turns
`NO` into False and `0123` into 83, lets aliases explode later and lets
`RecursionError`/`ValueError` escape. We compose the node tree ourselves
(marks included), refuse what editors never mean, and resolve scalars with a
small, predictable rule: quoted scalars are text; plain scalars are integers,
decimals, `true`/`false` or `null` only when they look exactly like one (no
leading zeros, no `yes`/`on`/`NO`), otherwise text. Dates stay text and are
checked by the model, so `2024-02-30` is a field error, not a crash.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.events import AliasEvent, MappingStartEvent, ScalarEvent, SequenceStartEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import ContentError

MAX_DEPTH = 40
MAX_BYTES = 1_000_000

_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?(0|[1-9][0-9]*)\.[0-9]+$")
_STANDARD_TAGS = {"!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}

Path = tuple[str | int, ...]


@dataclass
class Located:
    """Plain data plus the (line, column) of every field path inside it."""

    data: Any
    marks: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def mark(self, path: Path) -> tuple[int, int]:
        """Position of `path`, or of its nearest located parent."""
        while path not in self.marks and path:
            path = path[:-1]
        return self.marks.get(path, (0, 0))


class _Refused(Exception):
    def __init__(self, node_mark: Any, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.mark = node_mark
        self.message = message
        self.hint = hint


class _StrictLoader(yaml.SafeLoader):
    """Composes nodes only; refuses anchors, aliases, custom tags, deep nesting."""

    depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, AliasEvent):
            raise _Refused(event.start_mark, f"alias *{event.anchor} is not allowed", "write the value out in full")
        if isinstance(event, (ScalarEvent, SequenceStartEvent, MappingStartEvent)):
            if event.anchor is not None:
                raise _Refused(
                    event.start_mark, f"anchor &{event.anchor} is not allowed", "write the value out in full"
                )
            if event.tag is not None and event.tag not in _STANDARD_TAGS:
                raise _Refused(event.start_mark, f"tag {event.tag} is not allowed", "remove the tag")
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise _Refused(event.start_mark, f"nesting deeper than {MAX_DEPTH} levels is not allowed")
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _position(mark: yaml.Mark | None) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)


def _scalar(node: ScalarNode) -> Any:
    text: str = node.value
    if node.style is not None or node.tag == "tag:yaml.org,2002:str":
        return text  # quoted or block scalar, or explicitly !!str: always text
    if text in ("", "~", "null"):
        return None
    if text in ("true", "false"):
        return text == "true"
    if _INT.match(text):
        return int(text)
    if _FLOAT.match(text):
        return float(text)
    return text


def _walk(node: Node, path: Path, marks: dict[Path, tuple[int, int]], errors: list[tuple[Path, yaml.Mark, str]]) -> Any:
    marks[path] = _position(node.start_mark)
    if isinstance(node, ScalarNode):
        return _scalar(node)
    if isinstance(node, SequenceNode):
        return [_walk(child, (*path, i), marks, errors) for i, child in enumerate(node.value)]
    assert isinstance(node, MappingNode)
    result: dict[str, Any] = {}
    seen: dict[str, yaml.Mark] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode):
            errors.append((path, key_node.start_mark, "a key must be a plain word"))
            continue
        key = str(key_node.value)
        if key in seen:
            first = seen[key].line + 1
            errors.append(((*path, key), key_node.start_mark, f"duplicate key {key!r} (first defined on line {first})"))
            continue
        seen[key] = key_node.start_mark
        result[key] = _walk(value_node, (*path, key), marks, errors)
        marks[(*path, key)] = _position(key_node.start_mark)
    return result


def _decode(raw: bytes, rel: str) -> tuple[str | None, ContentError | None]:
    if len(raw) > MAX_BYTES:
        return None, ContentError(rel, 0, 0, "", f"file is {len(raw):,} bytes, over the {MAX_BYTES:,}-byte limit")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, ContentError(
            rel, line, 0, "", f"not valid UTF-8 (byte offset {exc.start})", "save the file as UTF-8"
        )
    return text.replace("\r\n", "\n"), None


def parse_yaml_text(text: str, rel: str, line_offset: int = 0) -> tuple[Located | None, list[ContentError]]:
    """Parse YAML text into `Located` data; `line_offset` shifts positions (front matter)."""

    def err(mark: yaml.Mark | None, field_: str, message: str, hint: str = "") -> ContentError:
        line, col = _position(mark)
        return ContentError(rel, line + line_offset if line else 0, col, field_, message, hint)

    if "\t" in text:
        for number, line_text in enumerate(text.split("\n"), 1):
            stripped = line_text.lstrip(" ")
            if stripped.startswith("\t"):
                column = len(line_text) - len(stripped) + 1
                return None, [
                    ContentError(
                        rel, number + line_offset, column, "", "tab used for indentation", "indent with spaces"
                    )
                ]
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
    except _Refused as exc:
        return None, [err(exc.mark, "", exc.message, exc.hint)]
    except yaml.MarkedYAMLError as exc:
        problem = exc.problem or "invalid YAML"
        return None, [err(exc.problem_mark, "", f"invalid YAML: {problem}")]
    except yaml.YAMLError as exc:
        return None, [ContentError(rel, 0, 0, "", f"invalid YAML: {exc}")]
    finally:
        loader.dispose()
    if node is None:
        return None, [ContentError(rel, 1 + line_offset, 0, "", "the file is empty", "a record is a list of fields")]
    marks: dict[Path, tuple[int, int]] = {}
    walk_errors: list[tuple[Path, yaml.Mark, str]] = []
    data = _walk(node, (), marks, walk_errors)
    errors = [err(mark, format_path(path), message) for path, mark, message in walk_errors]
    shifted = {path: (line + line_offset, col) for path, (line, col) in marks.items()}
    return Located(data, shifted), errors


def read_yaml_file(raw: bytes, rel: str) -> tuple[Located | None, list[ContentError]]:
    """Decode and parse a YAML content file, requiring a mapping at the top."""
    text, error = _decode(raw, rel)
    if error is not None or text is None:
        return None, [error] if error else []
    located, errors = parse_yaml_text(text, rel)
    if located is not None and not isinstance(located.data, dict):
        kind = "a list" if isinstance(located.data, list) else "a single value"
        return None, [ContentError(rel, 1, 1, "", f"the file holds {kind}; expected a record of fields (key: value)")]
    return located, errors


def split_front_matter(raw: bytes, rel: str) -> tuple[Located | None, str, list[ContentError]]:
    """Split a Markdown file into front matter (checked strictly) and body."""
    text, error = _decode(raw, rel)
    if error is not None or text is None:
        return None, "", [error] if error else []
    if not text.startswith("---\n"):
        return None, text, []
    end = _closing_fence(text)
    if end is None:
        return (
            None,
            text,
            [ContentError(rel, 1, 1, "", "front matter opened with --- but never closed", "end it with a --- line")],
        )
    yaml_text = text[4:end]
    body = text[end:].split("\n", 1)[1] if "\n" in text[end:] else ""
    if not yaml_text.strip():
        return None, body, []
    located, errors = parse_yaml_text(yaml_text, rel, line_offset=1)
    if located is not None and not isinstance(located.data, dict):
        return None, body, [ContentError(rel, 2, 1, "", "front matter must be fields (key: value)")]
    return located, body, errors


def _closing_fence(text: str) -> int | None:
    position = 4
    for line in text[4:].split("\n"):
        if line.rstrip() in ("---", "..."):
            return position
        position += len(line) + 1
    return None


def format_path(path: Path) -> str:
    """`('criteria', 'fab_lab', 'indicators', 1, 'as_of')` -> `criteria.fab_lab.indicators[1].as_of`."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
