"""Page HTML without the theme's indentation, rendered exactly as before.

The theme's templates indent their markup for people reading them; on a national site that
indentation and the blank lines around template tags were about 15 % of every page (6 to 7 KB
of 43 KB). A browser collapses any run of spaces, tabs and line breaks between words or tags
into one space, or into nothing at the start and end of a line box, unless an element keeps
its white space (`<pre>`, `<textarea>`, and `<script>`, `<style>` whose text is code). So each
run of white space that holds a line break becomes that one line break, everywhere except
inside those elements, inline `<code>` (its style may keep white space) and inside tags
(an attribute's value is kept as written). One line break is white space to the browser as
the run was: words stay apart, inline blocks keep their gap, and nothing else moves.
"""

from __future__ import annotations

import re

_KEPT = re.compile(r"<(pre|textarea|script|style|code)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
"""Elements whose text is kept byte for byte (the first one closes the match: none of them nests
its own kind in the theme's or Markdown's output)."""

_TAG = re.compile(r"""<[A-Za-z!/?][^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>""")
"""A tag, its quoted attribute values included (a `>` inside quotes does not end it), or a comment's
or doctype's opening."""

_RUN = re.compile(r"[ \t\r\f\n]*\n[ \t\r\f\n]*")
"""White space holding at least one line break (HTML's white space: not the no-break space)."""


def compact(html: str) -> str:
    """`html` with every run of white space that holds a line break, outside kept elements and
    tags, reduced to one line break."""
    out: list[str] = []
    start = 0
    for kept in _KEPT.finditer(html):
        out.append(_text_runs(html[start : kept.start()]))
        out.append(kept.group(0))
        start = kept.end()
    out.append(_text_runs(html[start:]))
    return "".join(out)


def _text_runs(chunk: str) -> str:
    if "\n" not in chunk:
        return chunk
    out: list[str] = []
    start = 0
    for tag in _TAG.finditer(chunk):
        out.append(_RUN.sub("\n", chunk[start : tag.start()]))
        out.append(tag.group(0))
        start = tag.end()
    out.append(_RUN.sub("\n", chunk[start:]))
    return "".join(out)
