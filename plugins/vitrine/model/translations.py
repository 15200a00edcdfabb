"""Translation status: which translations are missing, outdated or current.

A translation records the digest of the French text it was made from:
Markdown translations in their front matter (`translation_of:`), record fields
in a sidecar `<record>.translations.yml` beside the YAML record (language ->
field path -> digest), or in the record's own `reviewed:` block, which the web
editor writes (it saves one file per record). A field is current when either
place holds the digest of its French text. When the French text changes, its digest changes and
the translation becomes "outdated" until someone reviews it and marks it
current (`vitrine translations --mark-current`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml

from .errors import ContentError
from .records import SOURCE_LANGUAGE
from .yamlsource import Located, decode_text, format_path, key_line, read_yaml_file, split_front_matter
from .yamlsource import Path as FieldPath

Status = Literal["missing", "outdated", "current"]
SIDECAR_SUFFIX = ".translations.yml"
RECORD_FILES = (
    "quartiers/criteria.yml",
    "quartiers/capitals.yml",
    "quartiers/calendar.yml",
    "champions/sectors.yml",
    "champions/listings.yml",
    "champions/figures.yml",
)
_FRONT_DIGEST = re.compile(r"^translation_of:.*$", re.MULTILINE)
_DIGEST = re.compile(r"^[0-9a-f]{12}$")
SIDECAR_HINT = "one block per language, e.g. `en:` then indented `tagline: 7d5e002fb07e` lines"
Reviewed = dict[str, dict[str, str]]
"""What a sidecar records: language -> field path -> digest of the French text reviewed."""
EDITED_FOLDERS = ("quartiers/", "champions/")
"""Where the records the web editor opens are (their definition files are not among them)."""
REVIEWED = "reviewed"
"""The record's own block of digests (same shape as a sidecar), written by the web editor."""


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
            if not path and key == REVIEWED:
                continue  # digests, not texts
            yield from localized_fields(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from localized_fields(value, (*path, i))


def sidecar_of(record: Path) -> Path:
    return record.with_name(record.stem + SIDECAR_SUFFIX)


def read_sidecar(root: Path, record_rel: str, languages: Iterable[str]) -> tuple[Reviewed, list[ContentError]]:
    """The digests a record's sidecar records, read as strictly as the record itself.

    A sidecar that cannot be read is reported with its own file and line, never taken as
    "nothing reviewed" (which would blame every field of the record instead).
    """
    path = sidecar_of(root / record_rel)
    if not path.is_file():
        return {}, []
    rel = path.relative_to(root).as_posix()
    located, errors = read_yaml_file(path.read_bytes(), rel)
    errors = [_sidecar_hint(error) for error in errors]
    if located is None:
        return {}, errors
    targets = [language for language in languages if language != SOURCE_LANGUAGE]
    reviewed: Reviewed = {}
    for language, fields in located.data.items():
        line, column = located.mark((language,))
        if language not in targets:
            message = f"{language!r} is not a translated language of the site"
            hint = f"expected one of: {', '.join(targets)}" if targets else "the site has no translated language"
            errors.append(ContentError(rel, line, column, str(language), message, hint))
            continue
        if not isinstance(fields, dict):
            message = f"expected the language's reviewed fields (field: digest lines), found {_kind(fields)}"
            errors.append(ContentError(rel, line, column, str(language), message, SIDECAR_HINT))
            continue
        reviewed[language] = {}
        for field_, value in fields.items():
            if isinstance(value, str) and _DIGEST.fullmatch(value):
                reviewed[language][field_] = value
                continue
            line, column = located.mark((language, field_))
            message = f"expected a digest of 12 characters 0-9 and a-f, found {value!r}"
            hint = "the digest is written by: vitrine translations --mark-current --file " + record_rel
            errors.append(ContentError(rel, line, column, f"{language}.{field_}", message, hint))
    return reviewed, errors


def _sidecar_hint(error: ContentError) -> ContentError:
    if error.message == "the file is empty":
        return dataclasses.replace(error, hint="delete the file, or write one block per language")
    return error


def _kind(value: object) -> str:
    if isinstance(value, list):
        return "a list"
    return "nothing" if value is None else repr(value)


def _page_of_record(rel: str) -> str | None:
    parts = rel.split("/")
    return f"{parts[0]}/{parts[1]}.md" if len(parts) == 3 else None


@dataclass
class Scan:
    """Every translation unit of the project, and what made some of them unreadable."""

    units: list[Unit] = dataclasses.field(default_factory=list)
    errors: list[ContentError] = dataclasses.field(default_factory=list)
    """Problems of the files read: sidecars, translated pages and narratives (their own file and line)."""
    unreadable: set[str] = dataclasses.field(default_factory=set)
    """Sidecars and translations with an error: their units' status says nothing reliable."""

    def readable(self) -> list[Unit]:
        """The units whose status can be trusted: their French text and their translation were read."""
        return [unit for unit in self.units if not {unit.source, unit.target} & self.unreadable]

    def add_errors(self, target: str, errors: list[ContentError]) -> None:
        if errors:
            self.errors += errors
            self.unreadable.add(target)


def record_units(root: Path, rel: str, languages: Iterable[str], scan: Scan) -> None:
    record = root / rel
    located, _errors = read_yaml_file(record.read_bytes(), rel)  # the record's own errors: the catalogue's
    sidecar = sidecar_of(record).relative_to(root).as_posix()
    recorded, errors = read_sidecar(root, rel, (SOURCE_LANGUAGE, *languages))
    scan.add_errors(sidecar, errors)
    if located is None:
        return
    in_record = _reviewed_in_record(located.data)
    for path, texts in localized_fields(located.data):
        field = format_path(path)
        current = digest(texts[SOURCE_LANGUAGE])
        for language in languages:
            found = (recorded.get(language, {}).get(field), in_record.get(language, {}).get(field))
            reviewed = current if current in found else found[0] or found[1]
            scan.units.append(
                Unit(
                    rel,
                    field,
                    language,
                    _status(language in texts, reviewed, current),
                    current,
                    sidecar,
                    _page_of_record(rel),
                    texts.get(language, ""),
                    texts[SOURCE_LANGUAGE],
                    reviewed,
                )
            )


def _reviewed_in_record(data: Any) -> Reviewed:
    """The record's own `reviewed:` block (the web editor's), its well-formed digests only: the
    record's model reports anything else with its line."""
    block = data.get(REVIEWED) if isinstance(data, dict) else None
    if not isinstance(block, dict):
        return {}
    return {
        str(language): {str(f): d for f, d in fields.items() if isinstance(d, str) and _DIGEST.fullmatch(d)}
        for language, fields in block.items()
        if isinstance(fields, dict)
    }


def markdown_units(root: Path, source: Path, targets: dict[str, Path], page: str | None, scan: Scan) -> None:
    """The units of one French Markdown file: one per language, the French text read once."""
    rel_source = source.relative_to(root).as_posix()
    _meta, body, errors = split_front_matter(source.read_bytes(), rel_source)
    scan.add_errors(rel_source, errors)
    current = digest(body)
    for language, target in targets.items():
        rel_target = target.relative_to(root).as_posix()
        if not target.is_file():
            scan.units.append(Unit(rel_source, "", language, "missing", current, rel_target, page, "", body))
            continue
        meta, text, errors = split_front_matter(target.read_bytes(), rel_target)
        scan.add_errors(rel_target, errors)
        value = meta.data.get("translation_of") if meta is not None else None
        recorded = str(value) if value is not None else None
        status = _status(True, recorded, current)
        scan.units.append(Unit(rel_source, "", language, status, current, rel_target, page, text, body, recorded))


def collect(root: Path, docs_dir: str, languages: tuple[str, ...]) -> Scan:
    """Every translation unit of the project, for every language but the source."""
    targets = [lang for lang in languages if lang != SOURCE_LANGUAGE]
    scan = Scan()
    for source in sorted((root / docs_dir / SOURCE_LANGUAGE).rglob("*.md")):
        key = source.relative_to(root / docs_dir / SOURCE_LANGUAGE).as_posix()
        markdown_units(root, source, {language: root / docs_dir / language / key for language in targets}, key, scan)
    for kind in ("quartiers", "champions"):
        for source in sorted((root / kind).glob(f"*/{SOURCE_LANGUAGE}.md")):
            page = f"{kind}/{source.parent.name}.md"
            narratives = {language: source.with_name(f"{language}.md") for language in targets}
            markdown_units(root, source, narratives, page, scan)
    records = [
        *RECORD_FILES,
        *(p.relative_to(root).as_posix() for p in sorted(root.glob("quartiers/*/quartier.yml"))),
        *(p.relative_to(root).as_posix() for p in sorted(root.glob("champions/*/champion.yml"))),
    ]
    for rel in records:
        if (root / rel).is_file():
            record_units(root, rel, targets, scan)
    scan.errors = sorted(set(scan.errors))
    return scan


class Unreadable(Exception):
    """`mark_current` was asked to rewrite a file it cannot read: nothing was written."""

    def __init__(self, errors: list[ContentError]) -> None:
        super().__init__("\n".join(str(error) for error in errors))
        self.errors = errors


def mark_current(root: Path, units: Iterable[Unit], languages: Iterable[str]) -> int:
    """Record the current French digest for every given translation that exists.

    Every file to rewrite is read first; if one cannot be read, nothing is written (`Unreadable`).
    """
    outdated = [unit for unit in units if unit.status == "outdated"]
    sidecars: dict[str, Reviewed] = {}
    pages: dict[Path, str] = {}
    errors: list[ContentError] = []
    for unit in outdated:
        if unit.field and unit.source not in sidecars:
            sidecars[unit.source], problems = read_sidecar(root, unit.source, languages)
            errors += problems
        elif not unit.field:
            text, error = _front_matter_text(root, unit.target)
            errors += [error] if error is not None else []
            pages[root / unit.target] = text or ""
    if errors:
        raise Unreadable(sorted(set(errors)))
    for unit in outdated:
        if unit.field:
            sidecars[unit.source].setdefault(unit.language, {})[unit.field] = unit.source_digest
        else:
            pages[root / unit.target] = _with_front_digest(pages[root / unit.target], unit.source_digest)
    for record, data in sidecars.items():
        ordered = {lang: dict(sorted(fields.items())) for lang, fields in sorted(data.items())}
        header = "# Digests of the French texts each translation was reviewed against (vitrine translations).\n"
        text = yaml.safe_dump(ordered, allow_unicode=True, sort_keys=False, width=1000)
        sidecar_of(root / record).write_text(header + text, encoding="utf-8")
    for path, text in pages.items():
        path.write_text(text, encoding="utf-8")
    return len(outdated)


def _front_matter_text(root: Path, rel: str) -> tuple[str | None, ContentError | None]:
    """A translation's text, if its front matter can be read back and rewritten."""
    raw = (root / rel).read_bytes()
    _meta, _body, errors = split_front_matter(raw, rel)
    if errors:
        return None, errors[0]
    return decode_text(raw, rel)


def _with_front_digest(text: str, value: str) -> str:
    line = f"translation_of: {value}"
    if text.startswith("---\n"):
        end = text.index("\n---", 3)
        front = text[4:end]
        front = _FRONT_DIGEST.sub(line, front) if _FRONT_DIGEST.search(front) else f"{front}\n{line}".lstrip("\n")
        return f"---\n{front}{text[end:]}"
    return f"---\n{line}\n---\n\n{text}"


# Problems: what `vitrine check` reports and the build warns about, on the line concerned. ---------


def translation_problems(root: Path, units: Iterable[Unit], required: Iterable[str]) -> list[ContentError]:
    """Missing or outdated translations of the required languages, on the line where they are written."""
    wanted = set(required)
    records: dict[str, Located | None] = {}
    problems = []
    for unit in units:
        if unit.language not in wanted or unit.status == "current":
            continue
        if unit.field:
            if unit.source not in records:
                records[unit.source] = read_yaml_file((root / unit.source).read_bytes(), unit.source)[0]
            problems.append(_field_problem(unit, records[unit.source]))
        else:
            problems.append(_page_problem(root, unit))
    return problems


def _mark_hint(unit: Unit) -> str:
    file = unit.source if unit.field else unit.target
    command = f"vitrine translations {unit.language} --mark-current --file {file}"
    if unit.field and file.startswith(EDITED_FOLDERS) and file not in RECORD_FILES:  # a record the editor opens
        editor = "choose its language under « Traductions relues » in the editor"
        return f"once it matches the French text, {editor}, or run: {command}"
    return f"once it matches the French text, run: {command}"


def _field_problem(unit: Unit, located: Located | None) -> ContentError:
    line, column = 0, 0
    if located is not None:
        paths = {format_path(path): path for path, _texts in localized_fields(located.data)}
        path = paths.get(unit.field, ())
        line, column = located.mark((*path, unit.language))
    field_ = f"{unit.field}.{unit.language}"
    if unit.status == "missing":
        hint = f"add an {unit.language}: line under {unit.field}, beside fr:"
        return ContentError(unit.source, line, column, unit.field, f"no {unit.language} translation", hint)
    return ContentError(unit.source, line, column, field_, _stale(unit), _mark_hint(unit))


def _stale(unit: Unit) -> str:
    if unit.recorded is None:
        return f"the {unit.language} translation was never marked as reviewed"
    return f"the {unit.language} translation is outdated: the French text changed since it was reviewed"


def _page_problem(root: Path, unit: Unit) -> ContentError:
    if unit.status == "missing":
        message = f"no {unit.language} translation ({unit.target})"
        return ContentError(unit.source, 0, 0, "", message, f"translate it into {unit.target}")
    line = key_line(root / unit.target, "translation_of") or 1
    return ContentError(unit.target, line, 0, "", f"{_stale(unit)} ({unit.source})", _mark_hint(unit))
