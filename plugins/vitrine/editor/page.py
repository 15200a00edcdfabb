"""The editor's own page, /admin/index.html: loads Decap CMS from the site itself, never indexed."""

from __future__ import annotations

from html import escape

ADMIN = "admin"
BUNDLE = "decap-cms.js"
STATUS = "status.js"
"""Shows the preview's build errors above the editor (`status.js` beside this module)."""


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
</head>
<body>
<noscript><p>L'éditeur du site a besoin de JavaScript.</p></noscript>
<script src="{STATUS}" defer></script>
<script src="{BUNDLE}"></script>
</body>
</html>
"""
