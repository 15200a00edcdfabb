"""Theme markup the HTML standard refuses, corrected in each page as it is written.

Material's base template puts `autocomplete="off"` on its drawer and search checkboxes, where
the attribute is not allowed (the W3C Nu HTML checker reports it; RGAA 8.2 asks for valid code).
The inputs are not in a block or partial that `overrides/` could replace, so the attribute goes here.
"""

from __future__ import annotations

import re

INPUT = re.compile(r"<input\b[^>]*>")
CHECKBOX = re.compile(r"""\stype\s*=\s*["']?(?:checkbox|radio)\b""", re.IGNORECASE)
AUTOCOMPLETE = re.compile(r"""\sautocomplete\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)


def _valid_input(match: re.Match[str]) -> str:
    tag = match.group(0)
    return AUTOCOMPLETE.sub("", tag) if CHECKBOX.search(tag) else tag


def without_toggle_autocomplete(html: str) -> str:
    """`html` with no `autocomplete` on checkbox or radio inputs; everything else byte for byte."""
    if "autocomplete" not in html:
        return html
    return INPUT.sub(_valid_input, html)
