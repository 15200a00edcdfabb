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

import bisect
import hashlib
import math
import os
import pathlib
import pickle
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent, MappingStartEvent, ScalarEvent, SequenceStartEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

try:
    from yaml._yaml import CParser
except ImportError:  # PyYAML built without libyaml: every text takes the pure-Python path
    CParser = None  # type: ignore[assignment,misc]

from .buildcache import active
from .errors import ContentError, too_large

MAX_DEPTH = 40
MAX_BYTES = 1_000_000
"""Largest Markdown or YAML file read: a record or a page is a few kilobytes."""
TEXT_HINT = "split the text into several files"
EMPTY_HINT = "write the record's fields, one `key: value` per line"

_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?(0|[1-9][0-9]*)\.[0-9]+$")
_STANDARD_TAGS = {"!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}

Path = tuple[str | int, ...]
PathLike = str | os.PathLike[str]


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


class _Strict(Composer):
    """Composes nodes only; refuses anchors, aliases, custom tags, deep nesting.

    Its events come from the parser mixed in (PyYAML's or libyaml's).
    """

    depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event = self.peek_event()  # type: ignore[attr-defined]
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
                raise _Refused(
                    event.start_mark,
                    f"nesting deeper than {MAX_DEPTH} levels is not allowed",
                    "content needs only a few levels; look for brackets that are never closed",
                )
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _StrictLoader(_Strict, yaml.SafeLoader):
    """PyYAML's pure-Python scanner and parser: its messages and marks are the ones we report."""


class _FastStrictLoader(_Strict, CParser, Resolver):
    """The same composer over libyaml's events: about ten times faster on a record.

    Used only for texts it parses without any complaint; anything it refuses is parsed again
    by `_StrictLoader`, so messages never depend on whether PyYAML was built with libyaml.
    """

    def __init__(self, text: str) -> None:
        CParser.__init__(self, text)
        Composer.__init__(self)
        Resolver.__init__(self)


class _Lines:
    r"""(line, column) of a character index, a line being what ends with `\n`.

    PyYAML also ends a line at a lone `\r`, `\x85`, `\u2028` or `\u2029`, so its own
    line numbers could point past the end of the file as editors, the tab check and
    the Markdown checks count it; positions are computed from the index instead.
    """

    def __init__(self, text: str) -> None:
        self.starts = [0, *(match.end() for match in re.finditer("\n", text))]

    def at(self, index: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, index)
        return line, index - self.starts[line - 1] + 1

    def position(self, mark: yaml.Mark | None) -> tuple[int, int]:
        return self.at(mark.index) if mark is not None else (0, 0)


def _scalar(node: ScalarNode) -> Any:
    text: str = node.value
    if node.style or node.tag == "tag:yaml.org,2002:str":  # libyaml gives plain scalars style ""
        return text  # quoted or block scalar, or explicitly !!str: always text
    if text in ("", "~", "null"):
        return None
    if text in ("true", "false"):
        return text == "true"
    if _INT.match(text):
        try:
            return int(text)
        except ValueError:  # over Python's 4300-digit limit: no plausible number, keep the text
            return text
    if _FLOAT.match(text):
        number = float(text)
        return text if math.isinf(number) else number  # too large for a float: not silently infinity
    return text


def _walk(
    node: Node,
    path: Path,
    marks: dict[Path, tuple[int, int]],
    errors: list[tuple[Path, yaml.Mark, str]],
    lines: _Lines,
    line_offset: int = 0,
) -> Any:
    """Plain data of `node`; `line_offset` shifts the lines named in messages (front matter)."""
    marks[path] = lines.position(node.start_mark)
    if isinstance(node, ScalarNode):
        return _scalar(node)
    if isinstance(node, SequenceNode):
        return [_walk(child, (*path, i), marks, errors, lines, line_offset) for i, child in enumerate(node.value)]
    assert isinstance(node, MappingNode)
    result: dict[str, Any] = {}
    seen: dict[str, yaml.Mark] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode):
            errors.append((path, key_node.start_mark, "a key must be a plain word"))
            continue
        key = str(key_node.value)
        if key in seen:
            first = lines.position(seen[key])[0] + line_offset
            errors.append(((*path, key), key_node.start_mark, f"duplicate key {key!r} (first defined on line {first})"))
            continue
        seen[key] = key_node.start_mark
        result[key] = _walk(value_node, (*path, key), marks, errors, lines, line_offset)
        marks[(*path, key)] = lines.position(key_node.start_mark)
    return result


def decode_text(raw: bytes, rel: str) -> tuple[str | None, ContentError | None]:
    if len(raw) > MAX_BYTES:
        return None, too_large(rel, len(raw), MAX_BYTES, TEXT_HINT)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, ContentError(
            rel, line, 0, "", f"not valid UTF-8 (byte offset {exc.start})", "save the file as UTF-8"
        )
    return text.replace("\r\n", "\n"), None


ParseKey = tuple[bytes, str, int]
"""(digest of the text, file, line offset): what a parse depends on."""
Parsed = tuple[Located | None, tuple[ContentError, ...]]
KeptParse = bytes
"""A parse as the table keeps it: pickled (`keep`, `kept`)."""


def keep(parsed: Parsed) -> KeptParse:
    return pickle.dumps(parsed, protocol=pickle.HIGHEST_PROTOCOL)


def kept(parse: KeptParse) -> Parsed:
    located, errors = pickle.loads(parse)  # our own pickle (`keep`)
    return located, tuple(errors)


class Parses:
    """Parses by key, a part of the build's caches (buildcache.py). The build reads every record and
    front matter twice (the catalogue, then translation status), and `mkdocs serve` rebuilds reread
    every unchanged file: each text is parsed once per build or serve session (and once for all
    while the parse store is kept, see parsestore.py). Callers get their own copy of the data.

    Each parse is kept pickled, one `bytes` per text, and unpickled for each caller. As objects,
    the parses of 50,000 pages were 150 MB of small blocks among the records: let go once every
    page was read, they stayed as holes in the heap, which the page workers inherited and filled,
    copying the memory around them. Pickled, they are a fifth of that, in few large blocks.
    """

    def __init__(self) -> None:
        self.parsed: dict[ParseKey, KeptParse] = {}
        self.used: set[ParseKey] = set()
        """The keys looked up since `adopt` (or the last `prune`): what the parse store keeps."""
        self.adopted: set[ParseKey] = set()

    def adopt(self, parses: dict[ParseKey, KeptParse]) -> None:
        """Take parses an earlier process made (those of this one win), and count uses from here."""
        for key, parsed in parses.items():
            self.parsed.setdefault(key, parsed)
        self.used = set()
        self.adopted = set(parses)

    def to_keep(self) -> dict[ParseKey, KeptParse] | None:
        """The parses looked up since `adopt`; None when they are exactly those it adopted."""
        if self.used == self.adopted:
            return None
        return {key: self.parsed[key] for key in sorted(self.used)}

    def prune(self) -> None:
        """At the end of a build (after the parse store is saved): only the parses it looked up stay."""
        self.parsed = {key: self.parsed[key] for key in self.used}
        self.used = set()


PARSES = "yaml.parses"


def parses() -> Parses:
    """The running build's parses (a new, empty table outside a build)."""
    return active().part(PARSES, Parses)


def parse_yaml_text(text: str, rel: str, line_offset: int = 0) -> tuple[Located | None, list[ContentError]]:
    """Parse YAML text into `Located` data; `line_offset` shifts positions (front matter)."""
    key = (hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=20).digest(), rel, line_offset)
    table = parses()
    table.used.add(key)
    if key in table.parsed:
        located, errors = kept(table.parsed[key])
        return located, list(errors)
    located, problems = _parse(text, rel, line_offset)
    table.parsed[key] = keep((located, tuple(problems)))  # the caller gets the parse, the table a copy
    return located, problems


def _parse(text: str, rel: str, line_offset: int, *, fast: bool = True) -> tuple[Located | None, list[ContentError]]:
    lines = _Lines(text)

    def err(mark: yaml.Mark | None, field_: str, message: str, hint: str = "") -> ContentError:
        line, col = lines.position(mark)
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
    node = _fast_node(text) if fast else None
    if node is not None:
        return _located(node, lines, rel, line_offset)
    try:
        loader = _StrictLoader(text)  # the reader refuses control characters here, before any parsing
    except yaml.reader.ReaderError as exc:
        line, col = lines.at(exc.position)
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        message = f"invalid YAML: the invisible character U+{code:04X} is not allowed"
        return None, [ContentError(rel, line + line_offset, col, "", message, "delete it")]
    try:
        node = loader.get_single_node()
    except _Refused as exc:
        return None, [err(exc.mark, "", exc.message, exc.hint)]
    except yaml.MarkedYAMLError as exc:
        message, hint = _syntax_message(exc, lines, line_offset)
        return None, [err(exc.problem_mark, "", message, hint)]
    except (ValueError, OverflowError):
        # PyYAML's scanner calls chr() on escapes and int() on directive numbers unchecked: "\UFFFFFFFF"
        # raises OverflowError, "\U00110000" or a `%YAML` version of 5000 digits ValueError.
        return None, [err(loader.get_mark(), "", "invalid YAML: an escape or a number here is out of range")]
    except yaml.YAMLError as exc:
        return None, [ContentError(rel, 0, 0, "", f"invalid YAML: {exc}")]
    finally:
        loader.dispose()
    if node is None:
        return None, [ContentError(rel, 1 + line_offset, 0, "", "the file is empty", EMPTY_HINT)]
    return _located(node, lines, rel, line_offset)


def _fast_node(text: str) -> Node | None:
    """The node tree by libyaml, or None when it is absent, the text is empty or it complains."""
    if CParser is None:
        return None
    loader = _FastStrictLoader(text)
    try:
        node: Node | None = loader.get_single_node()
    except Exception:  # any complaint: the pure-Python path names it precisely
        return None
    finally:
        loader.dispose()
    return node


def _located(node: Node, lines: _Lines, rel: str, line_offset: int) -> tuple[Located | None, list[ContentError]]:
    def err(mark: yaml.Mark | None, field_: str, message: str) -> ContentError:
        line, col = lines.position(mark)
        return ContentError(rel, line + line_offset if line else 0, col, field_, message, "")

    marks: dict[Path, tuple[int, int]] = {}
    walk_errors: list[tuple[Path, yaml.Mark, str]] = []
    data = _walk(node, (), marks, walk_errors, lines, line_offset)
    errors = [err(mark, format_path(path), message) for path, mark, message in walk_errors]
    shifted = {path: (line + line_offset, col) for path, (line, col) in marks.items()}
    return Located(data, shifted), errors


def read_yaml_file(raw: bytes, rel: str) -> tuple[Located | None, list[ContentError]]:
    """Decode and parse a YAML content file, requiring a mapping at the top."""
    text, error = decode_text(raw, rel)
    if error is not None or text is None:
        return None, [error] if error else []
    located, errors = parse_yaml_text(text, rel)
    if located is not None and not isinstance(located.data, dict):
        kind = "a list" if isinstance(located.data, list) else "a single value"
        return None, [ContentError(rel, 1, 1, "", f"the file holds {kind}; expected a record of fields (key: value)")]
    return located, errors


def split_front_matter(raw: bytes, rel: str) -> tuple[Located | None, str, list[ContentError]]:
    """Split a Markdown file into front matter (checked strictly) and body."""
    text, error = decode_text(raw, rel)
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


# PyYAML's context names the construct still open when the text ended or went wrong: an editor
# needs where it was opened (the quote, the bracket) more than where the parser gave up.
_OPENED_HINTS = {
    "quoted scalar": "close the quote opened on line {line}",
    "flow sequence": "close the [ opened on line {line}",
    "flow mapping": "close the {{ opened on line {line}",
}


def _syntax_message(exc: yaml.MarkedYAMLError, lines: _Lines, line_offset: int) -> tuple[str, str]:
    """`invalid YAML: <problem> <context> that starts on line L, column C`, and a hint when we know the fix."""
    message = f"invalid YAML: {exc.problem or 'the text cannot be read'}"
    if exc.context and exc.context_mark is not None:
        line, column = lines.position(exc.context_mark)
        line += line_offset
        message += f" {exc.context} that starts on line {line}, column {column}"
        for construct, hint in _OPENED_HINTS.items():
            if construct in exc.context:
                return message, hint.format(line=line)
    if exc.problem and "mapping values are not allowed" in exc.problem:
        return message, "put a text containing ': ' in quotes"
    return message, ""


def format_path(path: Path) -> str:
    """`('criteria', 'fab_lab', 'indicators', 1, 'as_of')` -> `criteria.fab_lab.indicators[1].as_of`."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def key_line(path: PathLike, key: str) -> int:
    """The line where a top-level `key:` is written in a YAML or front-matter file, or 0.

    A file that cannot be decoded gives 0: the loaders report it with its byte offset.
    """
    text, _error = decode_text(pathlib.Path(path).read_bytes(), str(path))
    lines = (text or "").split("\n")
    return next((n for n, line in enumerate(lines, 1) if line.startswith(f"{key}:")), 0)
