"""UI strings of our templates, from the gettext catalogues in `locale/`.

Template strings are written in English (the msgids); each other shipped
language has `locale/<lang>/LC_MESSAGES/vitrine.po`, extracted and updated
with Babel (`pybabel extract/update`, see README). Catalogues are read with
Babel directly, so no compiled `.mo` file has to be kept in git.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "vitrine"
TEMPLATE_LANGUAGE = "en"

Gettext = Callable[[str], str]


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "mark for extraction"
    """Mark a msgid for `pybabel extract` where it is translated later, at render time."""
    return message


def catalogue_path(language: str, locale_dir: Path = LOCALE_DIR) -> Path:
    return locale_dir / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalogue(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle)


@dataclass(frozen=True)
class Messages:
    """Translations of the template strings for one language."""

    reuse_shared: ClassVar[bool] = True
    """One object for every page of its language: digested once (model/fingerprint.py)."""
    language: str
    strings: dict[str, str]

    def gettext(self, message: str) -> str:
        return self.strings.get(message) or message


def load_messages(language: str, locale_dir: Path = LOCALE_DIR) -> Messages:
    path = catalogue_path(language, locale_dir)
    if language == TEMPLATE_LANGUAGE or not path.is_file():
        return Messages(language, {})
    catalog = read_catalogue(path)
    strings = {
        str(message.id): str(message.string)
        for message in catalog
        if message.id and message.string and not message.fuzzy and isinstance(message.string, str)
    }
    return Messages(language, strings)


def missing_strings(language: str, template: Path, locale_dir: Path = LOCALE_DIR) -> list[str]:
    """Msgids of the template (`.pot`) with no translation in `language`."""
    wanted = {str(m.id) for m in read_catalogue(template) if m.id}
    if language == TEMPLATE_LANGUAGE:
        return []
    have = load_messages(language, locale_dir).strings
    return sorted(wanted - set(have))
