"""The site a command works on: mkdocs.yml read the way MkDocs reads it, nothing built.

Every command starts here, so languages, required translations, the glossary
and the identity file come from the same settings the build uses.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from .. import siblings


class ProjectProblem(Exception):
    """mkdocs.yml cannot be read or lacks the Vitrine plugins: nothing else can be checked."""


@dataclass(frozen=True)
class Project:
    root: Path
    config: MkDocsConfig
    docs: str
    """docs_dir relative to the root (`content`)."""
    languages: tuple[str, ...]
    """Site languages, the source (fr) first."""
    required: tuple[str, ...]
    """Languages whose translations must be complete and current (`vitrine/i18n: require`)."""
    glossary: str | None
    tokens: str | None
    """The identity file (`vitrine/identity: tokens`), None when the plugin is off."""

    @property
    def strict(self) -> bool:
        """Warnings fail the build: `strict: true` in mkdocs.yml, or any CI run."""
        return bool(self.config.strict) or ci()

    @property
    def docs_dir(self) -> Path:
        return self.root / self.docs


def ci() -> bool:
    """Continuous integration sets CI (GitHub Actions, GitLab CI and most others)."""
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


def load_project(config_file: str, **overrides: Any) -> Project:
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    if not Path(config_file).is_file():
        raise ProjectProblem(f"{config_file}: file not found; run vitrine in the site's folder or give -f mkdocs.yml")
    try:
        config = load_config(config_file, **overrides)
    except MkDocsException as exc:  # the configuration errors themselves are logged by MkDocs
        raise ProjectProblem(f"{config_file}: {exc.format_message()}") from None
    return project_of(config)


def project_of(config: MkDocsConfig) -> Project:
    root = Path(config.config_file_path).resolve().parent
    if config.plugins.get("vitrine/catalogue") is None:
        raise ProjectProblem(f"{Path(config.config_file_path).name}: the vitrine/catalogue plugin is not enabled")
    catalogue = siblings.catalogue(config, "vitrine")
    i18n = siblings.i18n(config)
    identity = siblings.identity(config)
    languages = tuple(language.code for language in catalogue.config.languages)
    required = tuple(i18n.config.require) if i18n is not None and i18n.config.enabled else ()
    glossary = i18n.config.glossary if i18n is not None and i18n.config.enabled else None
    tokens = identity.config.tokens if identity is not None and identity.config.enabled else None
    docs = Path(config.docs_dir).resolve().relative_to(root).as_posix()
    return Project(root, config, docs, languages, required, glossary, tokens)
