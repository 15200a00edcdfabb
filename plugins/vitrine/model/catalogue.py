"""Load the whole catalogue (definitions, quartiers, champions) from disk.

`load_catalogue` reads every file, validates every record, then checks the
references between them; it raises one `ContentErrors` listing every problem
of every file, or returns a `Catalogue` that pages, exports and tests share.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import hashlib
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Generic, TypeVar, cast

from pydantic import BaseModel

from .buildcache import BuildCache, active
from .errors import ContentError, ErrorCollector
from .fingerprint import Fingerprints
from .images import FORMATS, ImageProblem, SourceImage, inspect
from .markup import check_markdown
from .records import (
    LABEL_STATUSES,
    SLUG_PATTERN,
    SOURCE_LANGUAGE,
    Capitals,
    Champion,
    Criteria,
    CriterionDefinition,
    Figure,
    FigureDefinition,
    FigureDefinitions,
    Image,
    Listings,
    PageMeta,
    Quartier,
    Sectors,
)
from .sources import figure_values, indicator_values, source_problems
from .translations import read_sidecar, sidecar_of
from .validate import validate
from .yamlsource import Located, read_yaml_file, split_front_matter

RECORD_FOLDERS = ("quartiers", "champions")
"""Beside mkdocs.yml: the definitions at their top, one folder per record below."""
QUARTIER_FILE = "quartier.yml"
FIGURES_FILE = "champions/figures.yml"
"""The kinds of figures champions report alike; optional (without it, figures are free)."""
CHAMPION_FILE = "champion.yml"
IMAGE_SUFFIXES = tuple(FORMATS)

R = TypeVar("R", bound=BaseModel)
T = TypeVar("T")


@dataclass(frozen=True)
class Narrative:
    """A long text in one language: the Markdown file beside a record."""

    source: str
    meta: PageMeta
    body: str


@dataclass(frozen=True)
class Entry(Generic[R]):
    """A validated record with where it came from and its narratives per language."""

    reuse_shared: ClassVar[bool] = True
    """Shown on many pages: digested once a build (fingerprint.py)."""
    slug: str
    record: R
    source: str
    folder: Path
    narratives: dict[str, Narrative]

    def image_path(self, image: Image) -> Path:
        return self.folder / image.file

    def reuse_digest(self) -> bytes:
        """What the record's pages and tiles may show of it (fingerprint.py): its file, fields and texts."""
        return Fingerprints().of((self.slug, self.source, self.folder, self.record, self.narratives))


@dataclass(frozen=True)
class Catalogue:
    criteria: list[CriterionDefinition]
    capitals: Capitals
    sectors: Sectors
    listings: Listings
    quartiers: dict[str, Entry[Quartier]]
    champions: dict[str, Entry[Champion]]
    languages: tuple[str, ...]
    images: dict[Path, SourceImage] = field(default_factory=dict)
    """Every image the records use, checked from its header."""
    warnings: list[ContentError] = field(default_factory=list)
    """Problems that do not stop the build (unsafe markup, removed from pages); --strict fails on them."""
    figures: dict[str, FigureDefinition] = field(default_factory=dict)
    """The kinds of figures of champions/figures.yml, by id, in the file's order."""
    _by_quartier: dict[str, list[Entry[Champion]]] = field(default_factory=dict, compare=False, repr=False)
    """Champions by quartier, built on first use: every quartier page of every language lists its own."""
    _derived: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    """Values computed from the records on first use (`derived`): every champion page of every
    language shows its neighbours in the directory's order, and sorting every champion for each page
    made the national build quadratic in champions."""

    def champions_of(self, quartier: str) -> list[Entry[Champion]]:
        if not self._by_quartier and self.champions:
            for entry in self.champions.values():
                for slug in dict.fromkeys(entry.record.quartiers):  # each champion once per quartier
                    self._by_quartier.setdefault(slug, []).append(entry)
        return list(self._by_quartier.get(quartier, []))

    def derived(self, name: str, make: Callable[[], T]) -> T:
        """`make()`, computed once and kept under `name` until `replace_entries` changes the records."""
        if name not in self._derived:
            self._derived[name] = make()
        return cast("T", self._derived[name])

    def replace_entries(self, other: Catalogue, quartiers: Iterable[str], champions: Iterable[str]) -> None:
        """Take the named records (and the warnings) from `other`, a newer load of the same shape."""
        self.quartiers.update((slug, other.quartiers[slug]) for slug in quartiers)
        self.champions.update((slug, other.champions[slug]) for slug in champions)
        self.warnings[:] = other.warnings
        self._by_quartier.clear()
        self._derived.clear()


@dataclass
class _Loader:
    root: Path
    languages: tuple[str, ...]
    snippets: bool = False
    """Whether mkdocs.yml enables pymdownx.snippets (confined to the content folders)."""
    keep_folders: bool = False
    """Keep what each record's folder held in the active caches, and read again only the folders
    that changed (`FOLDERS`): for `mkdocs serve`, which loads the records after every edit."""
    errors: ErrorCollector = field(default_factory=ErrorCollector)
    located: dict[str, Located] = field(default_factory=dict)
    warnings: list[ContentError] = field(default_factory=list)
    invalid: set[str] = field(default_factory=set)
    """`kind/slug` of records that failed validation: known, so not reported again as unknown references."""

    @property
    def context(self) -> dict[str, object]:
        return {"languages": self.languages}

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def error(self, rel: str, path: tuple[str | int, ...], field_: str, message: str, hint: str = "") -> None:
        line, column = self.located[rel].mark(path) if rel in self.located else (0, 0)
        self.errors.add(ContentError(rel, line, column, field_, message, hint))

    def record(self, path: Path, model: type[R]) -> R | None:
        rel = self.rel(path)
        if not path.is_file():
            self.errors.add(ContentError(rel, 0, 0, "", f"file is missing; every folder needs its {path.name}"))
            return None
        located, errors = read_yaml_file(path.read_bytes(), rel)
        self.errors.extend(errors)
        _reviewed, errors = read_sidecar(self.root, rel, self.languages)  # reported with the record's
        self.errors.extend(errors)
        if located is None:
            return None
        self.located[rel] = located
        record, errors = validate(model, located, rel, self.context)
        self.errors.extend(errors)
        return record

    def narratives(self, folder: Path, record_file: str) -> dict[str, Narrative]:
        found: dict[str, Narrative] = {}
        for path in sorted(folder.glob("*.md")):
            rel = self.rel(path)
            if path.stem not in self.languages:
                close = difflib.get_close_matches(path.stem, self.languages, n=1)
                hint = (
                    f"did you mean {close[0]}.md?"
                    if close
                    else f"name it after a language: {', '.join(self.languages)}"
                )
                self.errors.add(ContentError(rel, 0, 0, "", f"unknown language code {path.stem!r}", hint))
                continue
            # Narratives are rendered as <lang>/<kind_dir>/<slug>.md (catalogue.structure.entity_uri).
            narrative = self.markdown(path, page_dir=f"{path.stem}/{folder.parent.name}")
            if narrative is not None:
                found[path.stem] = narrative
        return found

    def stray_yaml(self, folder: Path, record_file: str) -> None:
        """A YAML file the folder's record does not own would be ignored: a misnamed record or sidecar."""
        owned = (record_file, sidecar_of(folder / record_file).name)
        for path in sorted(folder.glob("*.y*ml")):
            if path.name not in owned:
                close = difflib.get_close_matches(path.name, owned, n=1, cutoff=0.6)
                hint = f"did you mean {close[0]}?" if close else f"a record folder holds {owned[0]} and {owned[1]}"
                self.errors.add(ContentError(self.rel(path), 0, 0, "", "file is not read by the site", hint))

    def markdown(self, path: Path, page_dir: str) -> Narrative | None:
        rel = self.rel(path)
        raw = path.read_bytes()
        located, body, errors = split_front_matter(raw, rel)
        self.errors.extend(errors)
        if errors:
            return None
        markup_errors, warnings = check_markdown(raw, body, rel, page_dir=page_dir, snippets=self.snippets)
        self.errors.extend(markup_errors)
        self.warnings.extend(warnings)
        if located is None:
            return Narrative(rel, PageMeta(), body)
        meta, errors = validate(PageMeta, located, rel, self.context)
        self.errors.extend(errors)
        return Narrative(rel, meta, body) if meta is not None else None

    def entries(self, kind_dir: str, record_file: str, model: type[R]) -> dict[str, Entry[R]]:
        base = self.root / kind_dir
        entries: dict[str, Entry[R]] = {}
        folders: BuildCache[bytes, _Folder] = active().part(FOLDERS, BuildCache)
        for folder in _folders(base):
            rel = self.rel(folder)
            if not _is_slug(folder.name):
                message = "folder name must be lower-case letters, digits and dashes, e.g. lille"
                if re.fullmatch(r"[a-z0-9-]+", folder.name):
                    message = "folder name must not start or end with a dash nor hold two in a row, e.g. french-tech"
                self.errors.add(ContentError(rel, 0, 0, "", message))
                continue
            reader = functools.partial(self._read_folder, folder, record_file, model)
            read = folders.get(self._folder_key(folder, record_file, model), reader) if self.keep_folders else reader()
            self.errors.extend(read.errors)
            self.warnings.extend(read.warnings)
            self.located.update(read.located)
            if read.entry is not None:
                entries[folder.name] = cast("Entry[R]", read.entry)
            else:
                self.invalid.add(f"{kind_dir}/{folder.name}")
        return entries

    def _folder_key(self, folder: Path, record_file: str, model: type[BaseModel]) -> bytes:
        """What reading a record's folder depends on: the loader's settings, the folder, the name
        of each of its entries and the bytes of each file that is a record's text."""
        digest = hashlib.blake2b(repr((self.root, self.languages, self.snippets, model, record_file)).encode())
        digest.update(os.fsencode(folder))
        with os.scandir(folder) as listing:
            found = sorted((entry.name, entry.is_file()) for entry in listing)
        where = os.fspath(folder)
        for name, is_file in found:
            digest.update(b"\0" + os.fsencode(name) + (b"\1" if is_file else b"\2"))
            if is_file and name.endswith(_TEXT_SUFFIXES):
                with open(os.path.join(where, name), "rb") as text:  # noqa: PTH118, PTH123 - 35,000 files at 50k pages
                    content = text.read()
                digest.update(len(content).to_bytes(8, "big") + content)
        return digest.digest()

    def _read_folder(self, folder: Path, record_file: str, model: type[R]) -> _Folder:
        """Read and check one record's folder on a loader of its own: what it found, to be kept."""
        own = _Loader(self.root, self.languages, self.snippets)
        own.stray_yaml(folder, record_file)
        record = own.record(folder / record_file, model)
        narratives = own.narratives(folder, record_file)
        source = own.rel(folder / record_file)
        entry = None if record is None else Entry(folder.name, record, source, folder, narratives)
        return _Folder(tuple(own.errors.errors), tuple(own.warnings), own.located, entry)


FOLDERS = "catalogue.folders"
"""The serve session's cache of what each record's folder held (`_Loader.entries` with
`keep_folders`): a quick pass reads again only the folders an edit changed (8,500 records:
0.6 s, else 3 s)."""

_TEXT_SUFFIXES = (".md", ".yml", ".yaml")


@dataclass(frozen=True)
class _Folder:
    """What reading one record's folder found."""

    errors: tuple[ContentError, ...]
    warnings: tuple[ContentError, ...]
    located: dict[str, Located]
    entry: Entry[Any] | None


def _folders(base: Path) -> list[Path]:
    if not base.is_dir():
        return []
    return sorted(p for p in base.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))


def _choices(values: Sequence[str]) -> str:
    """`'a'`, `'a' or 'b'`, `'a', 'b' or 'c'`: the way pydantic lists a field's allowed values."""
    quoted = [repr(value) for value in values]
    return " or ".join([", ".join(quoted[:-1]), quoted[-1]] if len(quoted) > 1 else quoted)


def _is_slug(name: str) -> bool:
    # The rule of the slugs records refer to each other by: `a--b` or `-x` was loaded, then no champion
    # could name it and the exports (which validate slugs again) stopped the build with a traceback.
    return re.fullmatch(SLUG_PATTERN, name) is not None


def load_catalogue(
    root: Path, languages: Iterable[str], *, snippets: bool = False, keep_folders: bool = False
) -> Catalogue:
    """Read and check everything under `root/quartiers` and `root/champions`.

    `snippets`: mkdocs.yml enables pymdownx.snippets, so narratives may include content files.
    `keep_folders`: keep what each record's folder held in the active caches, for the next load
    (`mkdocs serve`); a one-off build would only hold it in memory to the end.
    """
    loader = _Loader(root, tuple(languages), snippets, keep_folders)
    if SOURCE_LANGUAGE not in loader.languages:
        raise ValueError(f"the source language {SOURCE_LANGUAGE!r} must be one of the site's languages")
    criteria = loader.record(root / "quartiers" / "criteria.yml", Criteria)
    capitals = loader.record(root / "quartiers" / "capitals.yml", Capitals)
    sectors = loader.record(root / "champions" / "sectors.yml", Sectors)
    listings = loader.record(root / "champions" / "listings.yml", Listings)
    figures = loader.record(root / FIGURES_FILE, FigureDefinitions) if (root / FIGURES_FILE).is_file() else None
    quartiers = loader.entries("quartiers", QUARTIER_FILE, Quartier)
    champions = loader.entries("champions", CHAMPION_FILE, Champion)
    if criteria is None or capitals is None or sectors is None or listings is None:
        loader.errors.raise_if_any()  # references cannot be checked without the definitions
    assert criteria is not None and capitals is not None and sectors is not None and listings is not None
    catalogue = Catalogue(
        criteria.criteria,
        capitals,
        sectors,
        listings,
        quartiers,
        champions,
        loader.languages,
        {},
        loader.warnings,
        figures=figures.figures if figures else {},
    )
    _CrossCheck(loader, catalogue).run()
    loader.errors.raise_if_any()
    return catalogue


def changed_records(old: Catalogue, new: Catalogue) -> tuple[set[str], set[str]] | None:
    """Slugs of the quartiers and champions whose record or narratives differ between two loads.

    None when the catalogue changed shape (a record added, removed or renamed, the definitions,
    the images): then more than the edited records' own pages change.
    """
    same_shape = (
        (old.criteria, old.capitals, old.sectors, old.listings, old.figures, old.languages, old.images)
        == (new.criteria, new.capitals, new.sectors, new.listings, new.figures, new.languages, new.images)
        and list(old.quartiers) == list(new.quartiers)
        and list(old.champions) == list(new.champions)
    )
    if not same_shape:
        return None
    quartiers = {slug for slug, entry in new.quartiers.items() if entry != old.quartiers[slug]}
    champions = {slug for slug, entry in new.champions.items() if entry != old.champions[slug]}
    return quartiers, champions


@dataclass
class _CrossCheck:
    """References between records: criteria, indicators, capitals, quartiers, images."""

    loader: _Loader
    catalogue: Catalogue

    def run(self) -> None:
        self.definitions()
        for entry in self.catalogue.quartiers.values():
            self.quartier(entry)
        for champion in self.catalogue.champions.values():
            self.champion(champion)
        self.unique_names(self.catalogue.quartiers.values())
        self.unique_names(self.catalogue.champions.values())
        self.sources()

    def sources(self) -> None:
        """Every value's date and source (model.sources): a date in the future stops the build."""
        values = [
            *(v for e in self.catalogue.quartiers.values() for v in indicator_values(e.source, e.record.criteria)),
            *(v for e in self.catalogue.champions.values() for v in figure_values(e.source, e.record.figures)),
        ]
        errors, warnings = source_problems(values, self.loader.located, dt.date.today())
        self.loader.errors.extend(errors)
        self.loader.warnings.extend(warnings)

    def definitions(self) -> None:
        rel = "quartiers/criteria.yml"
        numbers = sorted(c.number for c in self.catalogue.criteria)
        if numbers != list(range(1, 9)):
            self.loader.error(rel, ("criteria",), "criteria", "the charter has 8 criteria numbered 1 to 8")
        seen: set[str] = set()
        for i, criterion in enumerate(self.catalogue.criteria):
            for j, indicator in enumerate(criterion.indicators):
                if indicator.id in seen:
                    path = ("criteria", i, "indicators", j, "id")
                    self.loader.error(
                        rel, path, f"criteria[{i}].indicators[{j}].id", f"duplicate indicator id {indicator.id!r}"
                    )
                seen.add(indicator.id)

    def quartier(self, entry: Entry[Quartier]) -> None:
        record, rel = entry.record, entry.source
        self.label_status(rel, record)
        by_id = {c.id: c for c in self.catalogue.criteria}
        for key in record.criteria:
            if key not in by_id:
                self.unknown(rel, ("criteria", key), f"criteria.{key}", "criterion", key, by_id)
        if record.kind != "hub":
            for criterion in self.catalogue.criteria:
                if criterion.id not in record.criteria:
                    self.loader.error(
                        rel,
                        ("criteria",),
                        f"criteria.{criterion.id}",
                        f"criterion {criterion.number} is not documented",
                        "every labelled quartier documents all 8 criteria",
                    )
        for key, documented in record.criteria.items():
            if key in by_id:
                self.indicators(rel, key, documented.indicators, by_id[key])
        for i, partner in enumerate(record.partners):
            if partner not in self.catalogue.capitals.capitals:
                self.unknown(
                    rel, ("partners", i), f"partners[{i}]", "capital", partner, self.catalogue.capitals.capitals
                )
        for i, image in enumerate(record.images):
            self.image(entry, image, ("images", i, "file"), f"images[{i}].file")

    def label_status(self, rel: str, record: Quartier) -> None:
        """A kind and a status that contradict each other would be published side by side."""
        kind, status = record.kind, record.label.status
        if status in LABEL_STATUSES[kind]:
            return
        kinds = [k for k, statuses in LABEL_STATUSES.items() if status in statuses]
        self.loader.error(
            rel,
            ("label", "status"),
            "label.status",
            f'"{status}" does not go with kind "{kind}"; expected {_choices(LABEL_STATUSES[kind])}',
            f'or change kind: "{status}" goes with kind {_choices(kinds)}',
        )

    def indicators(self, rel: str, key: str, indicators: list, definition: CriterionDefinition) -> None:  # type: ignore[type-arg]
        defined = {d.id: d for d in definition.indicators}
        seen: set[str] = set()
        for i, indicator in enumerate(indicators):
            path = ("criteria", key, "indicators", i)
            field_ = f"criteria.{key}.indicators[{i}]"
            if indicator.id not in defined:
                self.unknown(rel, (*path, "id"), f"{field_}.id", "indicator", indicator.id, defined)
                continue
            if indicator.id in seen:
                self.loader.error(rel, (*path, "id"), f"{field_}.id", f"indicator {indicator.id!r} is given twice")
            seen.add(indicator.id)
            expected = defined[indicator.id].type
            if not _value_fits(indicator.value, expected):
                self.loader.error(
                    rel,
                    (*path, "value"),
                    f"{field_}.value",
                    f'"{indicator.value}" does not fit indicator {indicator.id!r}, which expects {_EXPECTED[expected]}',
                )

    def champion(self, entry: Entry[Champion]) -> None:
        record, rel = entry.record, entry.source
        for i, slug in enumerate(record.quartiers):
            if slug not in self.catalogue.quartiers and f"quartiers/{slug}" not in self.loader.invalid:
                self.unknown(rel, ("quartiers", i), f"quartiers[{i}]", "quartier", slug, self.catalogue.quartiers)
        for i, slug in enumerate(record.sectors):
            if slug not in self.catalogue.sectors.sectors:
                self.unknown(rel, ("sectors", i), f"sectors[{i}]", "sector", slug, self.catalogue.sectors.sectors)
        for i, slug in enumerate(record.listings):
            if slug not in self.catalogue.listings.listings:
                self.unknown(rel, ("listings", i), f"listings[{i}]", "listing", slug, self.catalogue.listings.listings)
        kinds: list[str | None] = [figure.id for figure in record.figures]
        for i, figure in enumerate(record.figures):
            self.figure(rel, i, figure)
            if figure.id is not None and figure.id in kinds[:i]:
                self.loader.error(rel, ("figures", i, "id"), f"figures[{i}].id", f"figure {figure.id!r} is given twice")
        if record.logo is not None:
            self.image(entry, record.logo, ("logo", "file"), "logo.file")

    def figure(self, rel: str, i: int, figure: Figure) -> None:
        """A figure names a kind of champions/figures.yml, in one of its units, or carries its own label."""
        path, field_ = ("figures", i), f"figures[{i}]"
        if (figure.id is None) == (figure.label is None):
            message = "both id and label are given" if figure.id else "neither id nor label is given"
            hint = f"give the id of a kind from {FIGURES_FILE}, or a label (fr: required) for a figure of its own"
            self.loader.error(rel, path, field_, message, hint)
            return
        if figure.id is None:
            return
        kinds = self.catalogue.figures
        if figure.id not in kinds:
            allowed = f"allowed: {', '.join(kinds)}" if kinds else f"{FIGURES_FILE} defines none"
            close = difflib.get_close_matches(figure.id, list(kinds), n=1, cutoff=0.6)
            hint = f"did you mean {close[0]!r}?" if close else f"add it to {FIGURES_FILE}"
            self.loader.error(rel, (*path, "id"), f"{field_}.id", f"unknown figure {figure.id!r}; {allowed}", hint)
            return
        units = kinds[figure.id].units
        if figure.unit not in units:
            self.loader.error(
                rel,
                (*path, "unit"),
                f"{field_}.unit",
                f'"{figure.unit}" is not a unit of figure {figure.id!r}; expected {_choices(units)}',
                "values are never converted: give the amount in the unit the source states",
            )

    def image(self, entry: Entry, image: Image, path: tuple[str | int, ...], field_: str) -> None:  # type: ignore[type-arg]
        rel = entry.source
        reference = image.file
        if reference.startswith(("/", "\\")) or ":" in reference or ".." in reference.replace("\\", "/").split("/"):
            self.loader.error(
                rel, path, field_, f'"{reference}" must be a path inside the record\'s folder', "e.g. images/photo.jpg"
            )
            return
        if not reference.lower().endswith(IMAGE_SUFFIXES):
            self.loader.error(
                rel, path, field_, f'"{reference}" is not an accepted image', f"use {', '.join(IMAGE_SUFFIXES)}"
            )
            return
        source = entry.image_path(image)
        if not source.is_file() or source.is_symlink():
            self.loader.error(rel, path, field_, f'image "{reference}" not found in {entry.folder.name}/')
            return
        try:
            self.catalogue.images[source] = inspect(source)
        except ImageProblem as problem:
            self.loader.error(rel, path, field_, f'image "{reference}": {problem}')

    def unknown(
        self, rel: str, path: tuple[str | int, ...], field_: str, what: str, value: str, known: Iterable[str]
    ) -> None:
        names = sorted(known)
        close = difflib.get_close_matches(value, names, n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}?" if close else f"known: {', '.join(names)}" if 0 < len(names) < 20 else ""
        self.loader.error(rel, path, field_, f"unknown {what} {value!r}", hint)

    def unique_names(self, entries: Iterable[Entry]) -> None:  # type: ignore[type-arg]
        owners: dict[str, Entry] = {}  # type: ignore[type-arg]
        for entry in entries:
            key = unicodedata.normalize("NFKC", entry.record.name).casefold()
            if key in owners:
                other = owners[key].source
                self.loader.error(entry.source, ("name",), "name", f"duplicate: {other} already uses this name")
            else:
                owners[key] = entry


_EXPECTED = {"number": "a number", "text": "text", "yes-no": "true or false"}


def _value_fits(value: object, expected: str) -> bool:
    if expected == "yes-no":
        return isinstance(value, bool)
    if expected == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, str)
