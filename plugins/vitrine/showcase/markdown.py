"""Markdown the plugin writes into editorial pages (news list, timeline, data files).

Generated Markdown goes through MkDocs like the editors' text (links checked
and rewritten, headings in the table of contents, search); texts from records
and catalogues are escaped so they are shown as written, never read as markup.
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import re

_MARKUP = re.compile(r"([\\`*_\[\]])")


def text(value: str) -> str:
    """`value` as literal text in Markdown (emphasis, links and HTML are shown, not applied)."""
    return _MARKUP.sub(r"\\\1", html.escape(value, quote=False)).replace("\n", " ")


def time(value: dt.date | str, shown: str) -> str:
    """A `<time>` element; `value` is a date or an ISO year (`2017`) or month (`2012-10`)."""
    machine = value.isoformat() if isinstance(value, dt.date) else value
    return f'<time datetime="{html.escape(machine)}">{text(shown)}</time>'


def relative(target: str, page: str) -> str:
    """Link from the page `page` to `target`, both docs_dir paths of Markdown files (MkDocs checks it)."""
    return posixpath.relpath(target, posixpath.dirname(page) or ".")


def capitalized(value: str) -> str:
    """A date opening a sentence: `octobre 2012` -> `Octobre 2012` (scripts without case are unchanged)."""
    return value[:1].upper() + value[1:]
