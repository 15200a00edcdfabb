"""Turn pydantic's validation errors into editor-facing `ContentError`s.

Pydantic reports a field path (`loc`); `Located` knows where each path sits in
the file, so every message gets a line, a column and a plain sentence.
"""

from __future__ import annotations

import difflib
import types
import typing
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import ContentError, ContentErrors
from .records import SLUG_PATTERN
from .yamlsource import Located, format_path, read_yaml_file
from .yamlsource import Path as FieldPath

M = TypeVar("M", bound=BaseModel)


def validate(
    model: type[M], located: Located, rel: str, context: dict[str, Any]
) -> tuple[M | None, list[ContentError]]:
    """Validate `located.data` as `model`; return the record or every error of the file."""
    try:
        return model.model_validate(located.data, context=context), []
    except ValidationError as exc:
        grouped: dict[FieldPath, list[Any]] = {}
        for error in exc.errors():
            grouped.setdefault(_clean_loc(error["loc"]), []).append(error)
        return None, [_to_content_error(model, located, rel, loc, errors) for loc, errors in grouped.items()]


def load_model(path: Path, rel: str, model: type[M], context: dict[str, Any] | None = None) -> M:
    """Read a YAML data file strictly and validate it; `ContentErrors` lists every problem."""
    located, errors = read_yaml_file(path.read_bytes(), rel)
    if located is None or errors:
        raise ContentErrors(errors)
    record, errors = validate(model, located, rel, context or {})
    if record is None:
        raise ContentErrors(errors)
    return record


def _to_content_error(
    model: type[BaseModel], located: Located, rel: str, loc: FieldPath, errors: list[Any]
) -> ContentError:
    line, column = located.mark(loc)
    if all(e["type"] != "missing" and e.get("input", "") is None for e in errors):
        # `name:` with nothing after it, as a new record's template leaves it: say so, not "got nothing".
        return ContentError(rel, line, column, format_path(loc), "required field is empty", _expected(errors))
    if len(errors) > 1:  # every branch of a union failed: say what the field accepts
        accepted = sorted({_UNION_NAMES.get(str(e["loc"][-1]), str(e["loc"][-1])) for e in errors})
        message, hint = f"{_show(errors[0].get('input'))} is not accepted; expected {' or '.join(accepted)}", ""
    else:
        message, hint = _explain(model, loc, errors[0])
    return ContentError(rel, line, column, format_path(loc), message, hint)


def _expected(errors: list[Any]) -> str:
    """What to write in an empty field, from the error pydantic raised for it."""
    if len(errors) > 1:
        accepted = sorted({_UNION_NAMES.get(str(e["loc"][-1]), str(e["loc"][-1])) for e in errors})
        return f"write {' or '.join(accepted)}"
    kind, ctx = errors[0]["type"], errors[0].get("ctx") or {}
    if kind == "literal_error":
        return f"write one of {ctx.get('expected')}"
    return _EMPTY_HINTS.get(kind, "write a value")


_EMPTY_HINTS = {
    "string_type": "write a text",
    "int_type": "write a number",
    "float_type": "write a number",
    "bool_type": "write true or false",
    "list_type": "write a list: [a, b], or one '- ' line per item",
    "dict_type": "write its fields on the indented lines below",
    "model_type": "write its fields on the indented lines below",
}
_UNION_NAMES = {"bool": "true/false", "int": "a number", "float": "a number", "constrained-str": "text", "str": "text"}


def _clean_loc(loc: tuple[Any, ...]) -> FieldPath:
    # Pydantic inserts union branch names and validator tags (`function-after[...]`, `int`) into loc.
    return tuple(part for part in loc if isinstance(part, int) or not _is_internal(part))


def _is_internal(part: str) -> bool:
    return "[" in part or part in _UNION_NAMES


def _explain(model: type[BaseModel], loc: FieldPath, error: Any) -> tuple[str, str]:
    kind: str = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return "required field is missing", ""
    if kind == "extra_forbidden":
        key = str(loc[-1])
        known = sorted(fields_at(model, loc[:-1]))
        close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}?" if close else f"known fields: {', '.join(known)}"
        return "unknown field", hint
    if kind == "value_error":
        return str(ctx.get("error", error["msg"])), ""
    if kind == "literal_error":
        return f"{_show(value)} is not allowed; expected one of {ctx.get('expected')}", ""
    if kind == "string_type":
        return f"expected text, got {_show(value)}", "put the value in quotes to keep it as text"
    if kind in ("int_type", "float_type", "int_from_float"):
        return f"expected a number, got {_show(value)}", "write digits only, e.g. 2014"
    if kind == "bool_type":
        return f"expected true or false, got {_show(value)}", ""
    if kind == "list_type":
        return f"expected a list (lines starting with '- '), got {_show(value)}", ""
    if kind in ("dict_type", "model_type"):
        return f"expected fields (key: value), got {_show(value)}", ""
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern"))
        return f"{_show(value)} does not have the expected form ({pattern})", _pattern_hint(loc, pattern)
    return f"{_show(value)}: {error['msg']}", ""


def _pattern_hint(loc: FieldPath, pattern: str) -> str:
    last = str(loc[-1]) if loc and isinstance(loc[-1], str) else str(loc[-2]) if len(loc) > 1 else ""
    if last == "country":
        return "use the two-letter ISO code in capitals, e.g. FR"
    if pattern == SLUG_PATTERN:
        return "use lower-case letters, digits and dashes, e.g. french-tech-lille"
    if pattern.startswith("^#"):
        return "write a colour as #rrggbb, e.g. #1b3a6b"
    return ""


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "a group of fields"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return f'"{value}"' if isinstance(value, str) else repr(value)


def fields_at(model: type[BaseModel], loc: FieldPath) -> set[str]:
    """Field names of the model reached by following `loc` from `model`."""
    target: Any = model
    for part in loc:
        target = _step(target, part)
        if target is None:
            return set()
    target = _unwrap_model(target)
    return set(target.model_fields) if target is not None else set()


def _step(annotation: Any, part: str | int) -> Any:
    model = _unwrap_model(annotation)
    if model is not None and isinstance(part, str):
        field = model.model_fields.get(part)
        return field.annotation if field else None
    for arg in _args(annotation):
        origin = typing.get_origin(arg)
        if isinstance(part, int) and origin is list:
            return typing.get_args(arg)[0]
        if isinstance(part, str) and origin is dict:
            return typing.get_args(arg)[1]
    return None


def _unwrap_model(annotation: Any) -> type[BaseModel] | None:
    for arg in _args(annotation):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return None


def _args(annotation: Any) -> list[Any]:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _args(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [a for arg in typing.get_args(annotation) for a in _args(arg)]
    return [annotation]
