"""Which language codes a site may declare: those Babel and mkdocs-material both know."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import material
from babel import Locale, UnknownLocaleError

MATERIAL_LANGUAGES = Path(material.__file__).parent / "templates" / "partials" / "languages"


@cache
def is_supported(code: str) -> bool:
    """Babel formats it and Material has its UI strings (`partials/languages/<code>.html`)."""
    try:
        Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return False
    return (MATERIAL_LANGUAGES / f"{code}.html").is_file()
