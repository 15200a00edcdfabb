"""Translation status: which translations are missing, outdated or current.

A translation records the digest of the French text it was made from:
Markdown translations in their front matter (`translation_of:`), record fields
in a sidecar `<record>.translations.yml` beside the YAML record (language ->
field path -> digest). When the French text changes, its digest changes and
the translation becomes "outdated" until someone reviews it and marks it
current (`vitrine translations --mark-current`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml

from .records import SOURCE_LANGUAGE
from .yamlsource import Path as FieldPath
from .yamlsource import format_path, read_yaml_file, split_front_matter

Status = Literal["missing", "outdated", "current"]
SIDECAR_SUFFIX = ".translations.yml"
RECORD_FILES = (
    "quartiers/criteria.yml",
    "quartiers/capitals.yml",
    "quartiers/calendar.yml",
    "champions/sectors.yml",
    "champions/listings.yml",
)
_FRONT_DIGEST = re.compile(r"^translation_of:.*$", re.MULTILINE)


def digest(text: str) -> str:
    """Short, stable fingerprint of a French text (whitespace-insensitive)."""
    normalised = " ".join(text.split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class Unit:
    """One translatable text in one language."""

    source: str
    """Project-relative file holding the French text."""
    field: str
    """Field path inside a record (`criteria.access.text`), or "" for a whole Markdown file."""
    language: str
    status: Status
    source_digest: str
    target: str
    """Project-relative file where the translation lives (or would live)."""
    page: str | None
    """Site key of the page showing it (`charte.md`, `quartiers/lille.md`), None for site-wide texts."""
    text: str = ""
    source_text: str = ""
    recorded: str | None = None
    """Digest of the French text at the last review, None if the translation was never marked."""


def _status(has_text: bool, recorded: str | None, current: str) -> Status:
    if not has_text:
        return "missing"
    return "current" if recorded == current else "outdated"


def localized_fields(data: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, dict[str, str]]]:
    """Every `{fr: ..., en: ...}` mapping inside record data, with its path."""
    if isinstance(data, dict):
        if (
            SOURCE_LANGUAGE in data
            and all(isinstance(v, str) for v in data.values())
            and all(isinstance(k, str) and 2 <= len(k) <= 3 and k.isalpha() and k.islower() for k in data)
        ):
            yield path, data
            return
        for key, value in data.items():
            yield from localized_fields(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from localized_fields(value, (*path, i))


def sidecar_of(record: Path) -> Path:
    return record.with_name(record.stem + SIDECAR_SUFFIX)


def read_sidecar(record: Path) -> dict[str, dict[str, str]]:
    path = sidecar_of(record)
    if not path.is_file():
        return {}
    located, _errors = read_yaml_file(path.read_bytes(), path.name)
    data = located.data if located is not None else {}
    return {str(lang): {str(k): str(v) for k, v in (fields or {}).items()} for lang, fields in data.items()}


def _page_of_record(rel: str) -> str | None:
    parts = rel.split("/")
    return f"{parts[0]}/{parts[1]}.md" if len(parts) == 3 else None


def record_units(root: Path, rel: str, languages: Iterable[str]) -> Iterator[Unit]:
    record = root / rel
    located, _errors = read_yaml_file(record.read_bytes(), rel)
    if located is None:
        return
    recorded = read_sidecar(record)
    sidecar = sidecar_of(record).relative_to(root).as_posix()
    for path, texts in localized_fields(located.data):
        field = format_path(path)
        current = digest(texts[SOURCE_LANGUAGE])
        for language in languages:
            yield Unit(
                rel,
                field,
                language,
                _status(language in texts, recorded.get(language, {}).get(field), current),
                current,
                sidecar,
                _page_of_record(rel),
                texts.get(language, ""),
                texts[SOURCE_LANGUAGE],
                recorded.get(language, {}).get(field),
            )


def markdown_units(root: Path, source: Path, target: Path, language: str, page: str | None) -> Unit:
    rel_source = source.relative_to(root).as_posix()
    rel_target = target.relative_to(root).as_posix()
    _meta, body, _errors = split_front_matter(source.read_bytes(), rel_source)
    current = digest(body)
    if not target.is_file():
        return Unit(rel_source, "", language, "missing", current, rel_target, page, "", body)
    meta, text, _errors = split_front_matter(target.read_bytes(), rel_target)
    value = meta.data.get("translation_of") if meta is not None else None
    recorded = str(value) if value is not None else None
    status = _status(True, recorded, current)
    return Unit(rel_source, "", language, status, current, rel_target, page, text, body, recorded)


def collect(root: Path, docs_dir: str, languages: tuple[str, ...]) -> list[Unit]:
    """Every translation unit of the project, for every language but the source."""
    targets = [lang for lang in languages if lang != SOURCE_LANGUAGE]
    units: list[Unit] = []
    for source in sorted((root / docs_dir / SOURCE_LANGUAGE).rglob("*.md")):
        key = source.relative_to(root / docs_dir / SOURCE_LANGUAGE).as_posix()
        for language in targets:
            target = root / docs_dir / language / key
            units.append(markdown_units(root, source, target, language, key))
    for kind in ("quartiers", "champions"):
        for source in sorted((root / kind).glob(f"*/{SOURCE_LANGUAGE}.md")):
            page = f"{kind}/{source.parent.name}.md"
            for language in targets:
                units.append(markdown_units(root, source, source.with_name(f"{language}.md"), language, page))
    records = [
        *RECORD_FILES,
        *(p.relative_to(root).as_posix() for p in sorted(root.glob("quartiers/*/quartier.yml"))),
        *(p.relative_to(root).as_posix() for p in sorted(root.glob("champions/*/champion.yml"))),
    ]
    for rel in records:
        if (root / rel).is_file():
            units.extend(record_units(root, rel, targets))
    return units


def mark_current(root: Path, units: Iterable[Unit]) -> int:
    """Record the current French digest for every given translation that exists."""
    changed = 0
    sidecars: dict[Path, dict[str, dict[str, str]]] = {}
    for unit in units:
        if unit.status != "outdated":
            continue
        changed += 1
        if unit.field:
            record = root / unit.source
            data = sidecars.setdefault(record, read_sidecar(record))
            data.setdefault(unit.language, {})[unit.field] = unit.source_digest
        else:
            _write_front_digest(root / unit.target, unit.source_digest)
    for record, data in sidecars.items():
        ordered = {lang: dict(sorted(fields.items())) for lang, fields in sorted(data.items())}
        header = "# Digests of the French texts each translation was reviewed against (vitrine translations).\n"
        text = yaml.safe_dump(ordered, allow_unicode=True, sort_keys=False, width=1000)
        sidecar_of(record).write_text(header + text, encoding="utf-8")
    return changed


def _write_front_digest(path: Path, value: str) -> None:
    text = path.read_text(encoding="utf-8")
    line = f"translation_of: {value}"
    if text.startswith("---\n"):
        end = text.index("\n---", 3)
        front = text[4:end]
        front = _FRONT_DIGEST.sub(line, front) if _FRONT_DIGEST.search(front) else f"{front}\n{line}".lstrip("\n")
        path.write_text(f"---\n{front}{text[end:]}", encoding="utf-8")
    else:
        path.write_text(f"---\n{line}\n---\n\n{text}", encoding="utf-8")
