"""The web app manifest, from the tokens and the icons drawn from the mark."""

from __future__ import annotations

import json

from .mark import ICON_SIZES
from .tokens import Identity

ASSETS = "assets/identity"


def manifest(identity: Identity, language: str) -> str:
    icons = [
        {"src": f"{name}", "sizes": f"{size}x{size}", "type": "image/png"}
        for name, size in ICON_SIZES.items()
        if size >= 192
    ]
    data = {
        "name": identity.name,
        "short_name": identity.short_name,
        "lang": language,
        "start_url": "../../",
        "display": "browser",
        "background_color": identity.palette.light.background,
        "theme_color": identity.palette.light.primary,
        "icons": icons,
    }
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
