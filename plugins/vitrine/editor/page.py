"""The editor's own page, /admin/index.html: loads Decap CMS from the site itself, never indexed."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any
from urllib.parse import urlsplit

from ..publish.headers import policy_text

ADMIN = "admin"
BUNDLE = "decap-cms.js"
STATUS = "status.js"
"""Shows the preview's build errors above the editor (`status.js` beside this module)."""
REVIEWED = "reviewed.js"
"""Records the translations ticked « Traductions relues » as reviewed when a record is saved."""
STAY = "stay.js"
"""Keeps the preview's live reload off this page (`mkdocs serve` adds it to every page it serves):
run before the body, where the live-reload script is appended."""
SCRIPTS = (STAY, STATUS, REVIEWED)
"""Our scripts, beside this module, published in /admin/."""


def admin_page(site_name: str) -> str:
    """Valid HTML with no inline script: the bundle reads `config.yml` beside it."""
    title = escape(f"Éditer le site · {site_name}")
    return f"""<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>{title}</title>
<link href="config.yml" type="text/yaml" rel="cms-config-url">
<script src="{STAY}"></script>
</head>
<body>
<noscript><p>L'éditeur du site a besoin de JavaScript.</p></noscript>
<script src="{STATUS}" defer></script>
<script src="{REVIEWED}" defer></script>
<script src="{BUNDLE}"></script>
</body>
</html>
"""


# Where each forge's editor talks to, when the configuration names no other.
_FORGES = {
    "github": {"api_root": "https://api.github.com", "base_url": "https://api.netlify.com"},
    "gitlab": {"api_root": "https://gitlab.com/api/v4", "base_url": "https://gitlab.com"},
}
_AVATARS = {"github": ("https://avatars.githubusercontent.com",), "gitlab": ()}


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def admin_headers(backend: Mapping[str, Any]) -> dict[str, str]:
    """The headers /admin/ sends instead of the site's: Decap needs what the site's policy forbids.

    Decap checks its configuration with ajv, which compiles schemas into functions (`eval`),
    and its styles are inserted at run time (inline styles); it talks to the local proxy or to
    the forge's API and login server, and shows media as `blob:` addresses. GitHub's login
    opens a window on the login server that must be able to answer the editor.
    """
    name = backend["name"]
    if name == "proxy":
        origins = [_origin(backend["proxy_url"])]
    else:
        forge = _FORGES[name]
        origins = [_origin(backend.get(key) or forge[key]) for key in ("api_root", "base_url")]
    origins = list(dict.fromkeys(origins))
    directives = [
        ("default-src", ["'self'"]),
        ("script-src", ["'self'", "'unsafe-eval'"]),
        ("style-src", ["'self'", "'unsafe-inline'"]),
        ("img-src", ["'self'", "data:", "blob:", *origins, *_AVATARS.get(name, ())]),
        ("font-src", ["'self'", "data:"]),
        ("connect-src", ["'self'", *origins]),
        ("media-src", ["'self'", "blob:", *origins]),
        ("worker-src", ["'self'", "blob:"]),
        ("object-src", ["'none'"]),
        ("base-uri", ["'self'"]),
        ("form-action", ["'self'"]),
        ("frame-ancestors", ["'none'"]),
    ]
    headers = {"Content-Security-Policy": policy_text(directives)}
    if name == "github":
        headers["Cross-Origin-Opener-Policy"] = "same-origin-allow-popups"
    return headers
