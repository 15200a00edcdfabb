"""`vitrine check`: everything the build checks, without building the site.

The same loaders the `vitrine/catalogue` plugin calls in `on_config` and
`on_files` (content folders, front matter and markup, records, references,
image headers), plus what the build only finds while rendering: links between
pages and their anchors (`model.links`), required translations and protected
terms (what `vitrine/i18n` warns about), the identity's tokens and contrast,
and titles longer than tiles and cards show. Everything is collected, never
stopped at the first problem (except a symbolic link, never read through).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.structure.files import get_files

from .. import siblings
from ..catalogue.addresses import shared_addresses
from ..catalogue.structure import PageSpec, card_texts, directory_uri, entity_uri, not_found_uri, plan_pages
from ..i18n.messages import load_messages
from ..identity.cards import card_style, text_errors
from ..identity.contrast import contrast_errors
from ..identity.tokens import Identity, load_identity
from ..model.buildcache import BuildCaches, using
from ..model.catalogue import CHAMPION_FILE, QUARTIER_FILE, Catalogue, load_catalogue
from ..model.editorial import check_editorial, plan_fallbacks
from ..model.errors import ContentError, ContentErrors
from ..model.glossary import glossary_problems, load_glossary
from ..model.landing import check_featured
from ..model.links import Page, Site, check_links
from ..model.markup import check_snippets_config, snippets_enabled
from ..model.records import PageMeta
from ..model.translations import Unit, collect, translation_problems
from ..model.tree import check_tree
from ..model.yamlsource import key_line, split_front_matter
from ..showcase.checks import check_showcase
from ..showcase.exports import DATA_FOLDER, DATASET_NAMES
from .project import Project


@dataclass
class Findings:
    """What `vitrine check` found: errors stop the build, warnings fail it when it is strict."""

    errors: list[ContentError] = field(default_factory=list)
    warnings: list[ContentError] = field(default_factory=list)
    catalogue: Catalogue | None = None
    pages: int = 0
    units: list[Unit] = field(default_factory=list)

    def failed(self, strict: bool) -> bool:
        return bool(self.errors) or (strict and bool(self.warnings))

    def sorted(self) -> Findings:
        return Findings(sorted(set(self.errors)), sorted(set(self.warnings)), self.catalogue, self.pages, self.units)


def check_project(project: Project) -> Findings:
    """Every problem of the project: what `on_config`/`on_files` refuse, then what rendering would find."""
    found = Findings()
    config = project.config
    folders = (project.docs_dir, project.root / "quartiers", project.root / "champions")
    config_file = Path(config.config_file_path)
    found.errors += check_snippets_config(
        config.markdown_extensions, config.mdx_configs, folders, config_file.name, config_file.read_text("utf-8")
    )
    links, tree_errors = check_tree(project.root, (project.docs, "quartiers", "champions"))
    found.errors += links + tree_errors
    if links:  # never read through a link, as the build
        return found.sorted()
    files = get_files(config)
    pages = [f.src_uri for f in files.documentation_pages()]
    metas = _content(project, pages, snippets_enabled(config.markdown_extensions), found)
    specs = _plan(found.catalogue, project.languages)
    found.errors += _collisions(pages, specs, project.docs)
    found.errors += shared_addresses(files, {}, project.root, project.docs)  # about.md and about/index.md
    found.errors += _showcase(project, pages, found.catalogue)
    editorial = _editorial(project, pages)
    others = {f.src_uri for f in files if not f.is_documentation_page()} | _showcase_files(project)
    site = _site(project, editorial, others, specs, metas)
    for src_uri in _map_pages(project):
        site.pages.setdefault(src_uri, None)
    found.errors += check_links([*editorial, *_narratives(project, found.catalogue)], site)
    scan = collect(project.root, project.docs, project.languages)
    found.units = scan.units
    found.errors += scan.errors
    readable = scan.readable()
    found.errors += translation_problems(project.root, readable, project.required)
    found.warnings += _glossary(project, readable, found.errors)
    identity = _identity(project, found.errors)
    if identity is not None:
        found.warnings += _titles(identity, metas, found.catalogue, project)
        found.errors += _card_texts(identity, metas, found.catalogue, project)
    return found.sorted()


def _showcase(project: Project, pages: list[str], catalogue: Catalogue | None) -> list[ContentError]:
    """What `vitrine/showcase` refuses in `on_files`: news post names and dates, the calendar, list fields.

    Without a catalogue (its records have errors), the calendar is still read, without its waves' members.
    """
    showcase = siblings.showcase(project.config)
    if showcase is None or not showcase.config.enabled:
        return []
    options = showcase.config
    files = (options.news, options.calendar)
    docs = (project.docs_dir, project.docs)
    return check_showcase(project.root, docs, pages, project.languages, files, catalogue).errors


def _showcase_files(project: Project) -> set[str]:
    """The open-data files the showcase publishes, which pages may link to."""
    showcase = siblings.showcase(project.config)
    if showcase is None or not showcase.config.enabled:
        return set()
    return {f"{DATA_FOLDER}/{name}" for name in DATASET_NAMES}


def _map_pages(project: Project) -> list[str]:
    maps = siblings.maps(project.config)
    if maps is None or not maps.config.enabled:
        return []
    return [f"{language}/{maps.config.page}.md" for language in project.languages]


def _content(project: Project, pages: list[str], snippets: bool, found: Findings) -> dict[str, PageMeta]:
    """Front matter and markup of the pages, then the records (as `on_files` loads them)."""
    metas, errors, warnings = check_editorial(
        project.docs_dir, pages, project.docs, project.languages, snippets=snippets
    )
    found.errors += errors
    found.warnings += warnings
    found.pages = len(pages)
    try:
        found.catalogue = load_catalogue(project.root, project.languages, snippets=snippets)
    except ContentErrors as exc:
        found.errors += exc.errors
    else:
        found.warnings += found.catalogue.warnings
        found.errors += check_featured(metas, found.catalogue, project.docs_dir, project.docs)
    return metas


def _plan(catalogue: Catalogue | None, languages: tuple[str, ...]) -> list[PageSpec]:
    if catalogue is None:
        return []
    messages = {code: load_messages(code) for code in languages}
    return list(plan_pages(catalogue, lambda language, text: messages[language].gettext(text)))


def _collisions(pages: list[str], specs: list[PageSpec], docs: str) -> list[ContentError]:
    taken = set(pages)
    return [
        ContentError(
            f"{docs}/{spec.src_uri}",
            0,
            0,
            "",
            f"this page takes the address of the generated page for {spec.source or 'the site root'}",
            "rename or remove it",
        )
        for spec in specs
        if spec.src_uri in taken
    ]


def _site(
    project: Project, editorial: list[Page], files: set[str], specs: list[PageSpec], metas: Iterable[str]
) -> Site:
    """Every address a link may lead to: pages (with anchors), generated pages, fallbacks, files."""
    site = Site(files=files, folder=project.docs)
    for page in editorial:
        site.add(page)
    for src_uri in [spec.src_uri for spec in specs] or _generated(project):
        site.pages.setdefault(src_uri, None)  # ids come from the record's template
    for missing, source in plan_fallbacks(metas, project.languages):
        site.pages.setdefault(missing, site.pages.get(source))
    return site


def _generated(project: Project) -> list[str]:
    """The generated pages' addresses from the record folders, when the records could not all be loaded."""
    uris = ["index.md"]
    for language in project.languages:
        uris += [directory_uri("quartiers", language), directory_uri("champions", language), not_found_uri(language)]
        for slug in _folders(project.root / "quartiers", QUARTIER_FILE):
            uris.append(entity_uri("quartier", language, slug))
        for slug in _folders(project.root / "champions", CHAMPION_FILE):
            uris.append(entity_uri("champion", language, slug))
    return uris


def _folders(base: Path, record: str) -> list[str]:
    return sorted(path.parent.name for path in base.glob(f"*/{record}"))


def _editorial(project: Project, pages: list[str]) -> list[Page]:
    texts = []
    for src_uri in pages:
        raw = (project.docs_dir / src_uri).read_bytes()
        _meta, body, errors = split_front_matter(raw, src_uri)
        if not errors:
            texts.append(Page(src_uri, f"{project.docs}/{src_uri}", body, _offset(raw, body)))
    return texts


def _narratives(project: Project, catalogue: Catalogue | None) -> list[Page]:
    """Narratives where their record's page shows them (`<lang>/<kind>/<slug>.md`)."""
    if catalogue is None:
        return []
    texts = []
    for kind, entries in (("quartiers", catalogue.quartiers), ("champions", catalogue.champions)):
        for entry in entries.values():
            for language, narrative in entry.narratives.items():
                raw = (project.root / narrative.source).read_bytes()
                uri = f"{language}/{kind}/{entry.slug}.md"
                texts.append(Page(uri, narrative.source, narrative.body, _offset(raw, narrative.body)))
    return texts


def _offset(raw: bytes, body: str) -> int:
    text = raw.decode("utf-8-sig", errors="replace").replace("\r\n", "\n")
    return text.count("\n") - body.count("\n")


# Translations ----------------------------------------------------------------


def _glossary(project: Project, units: list[Unit], errors: list[ContentError]) -> list[ContentError]:
    if not project.glossary:
        return []
    try:
        glossary = load_glossary(project.root / project.glossary, project.glossary)
    except ContentErrors as exc:
        errors += exc.errors
        return []
    return list(glossary_problems(glossary, units))


# Identity --------------------------------------------------------------------


def _identity(project: Project, errors: list[ContentError]) -> Identity | None:
    if project.tokens is None:
        return None
    try:
        identity = load_identity(project.root / project.tokens, project.tokens)
    except ContentErrors as exc:
        errors += exc.errors
        return None
    errors += contrast_errors(identity, project.tokens)
    return identity


def _card_texts(
    identity: Identity, metas: dict[str, PageMeta], catalogue: Catalogue | None, project: Project
) -> list[ContentError]:
    """What vitrine/identity refuses once the files are read: a text of a share card that no card font
    can draw. Without the fonts (npm not run), the build says what to install; nothing is checked here."""
    plugin = siblings.identity(project.config)
    if plugin is None or project.tokens is None:
        return []
    fonts = card_style(identity, project.root / plugin.config.packages).fonts
    if not all(Path(font).is_file() for font in fonts):
        return []
    titles = {uri: meta.title for uri, meta in metas.items()}
    texts = [(project.tokens, "name", identity.name), *card_texts(catalogue, titles, project.docs)]
    with using(BuildCaches()):  # each font's characters read once, not once a text (10 s for 1,120 records)
        return text_errors(texts, fonts, project.root)


def _titles(
    identity: Identity, metas: dict[str, PageMeta], catalogue: Catalogue | None, project: Project
) -> list[ContentError]:
    """Titles the cards and tiles would cut (the build warns once per page and language)."""
    limits = identity.limits
    found = []
    for src_uri, meta in metas.items():
        if meta.title and len(meta.title) > limits.card_title:
            path = project.docs_dir / src_uri
            message = f"title is {len(meta.title)} characters, cards show {limits.card_title}"
            found.append(ContentError(f"{project.docs}/{src_uri}", key_line(path, "title"), 1, "title", message))
    names = [(e.source, e.record.name) for e in catalogue.quartiers.values()] if catalogue else []
    names += [(e.source, e.record.name) for e in catalogue.champions.values()] if catalogue else []
    for source, name in names:
        line = key_line(project.root / source, "name")
        for where, limit in (("tiles", limits.tile_title), ("cards", limits.card_title)):
            if len(name) > limit:
                message = f"name is {len(name)} characters, {where} show {limit}"
                found.append(ContentError(source, line, 1, "name", message))
    return found
