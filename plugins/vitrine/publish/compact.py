"""Page HTML without the theme's indentation, rendered exactly as before.

The theme's templates indent their markup for people reading them; on a national site that
indentation and the blank lines around template tags were about 15 % of every page (6 to 7 KB
of 43 KB). A browser collapses any run of spaces, tabs and line breaks between words or tags
into one space, or into nothing at the start and end of a line box, unless an element keeps
its white space (`<pre>`, `<textarea>`, and `<script>`, `<style>` whose text is code). So each
run of white space that holds a line break becomes that one line break, everywhere except
inside those elements, inline `<code>` (its style may keep white space) and inside a quoted
attribute value (kept as written; white space between attributes, which a parser reads the
same whatever it is, is reduced too). One line break is white space to the browser as the run
was: words stay apart, inline blocks keep their gap, and nothing else moves.

About 0.2 ms a page (the national site's 43 KB pages): two substitutions that each start at a
line break; only a stretch holding what may be a quoted value with a line break (none in the
theme's pages) is gone through tag by tag.
"""

from __future__ import annotations

import re

_KEPT = re.compile(r"(<(pre|textarea|script|style|code)\b.*?</\2\s*>)", re.IGNORECASE | re.DOTALL)
"""Elements whose text is kept byte for byte (the first one closes the match: none of them nests
its own kind in the theme's or Markdown's output)."""

_TAG = re.compile(r"""<[A-Za-z!/?][^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>""")
"""A tag, its quoted attribute values included (a `>` inside quotes does not end it), or a comment's
or doctype's opening."""

_AFTER = re.compile("\n[ \t\r\f\n]+")
"""A line break and the white space after it (HTML's: not the no-break space)."""

_BEFORE_REVERSED = re.compile("\n[ \t\r\f]+")
"""In the reversed text, the white space before a line break."""

_QUOTED_BREAK = re.compile(r"""=\s*(?:"[^"]*\n|'[^']*\n)""")
"""What may be a quoted attribute value holding a line break: a chunk without one (nearly every
chunk) is reduced by one substitution, white space between attributes included, which a parser
reads the same; a chunk with one goes tag by tag, so that the value is kept as written."""


def compact(html: str) -> str:
    """`html` with every run of white space that holds a line break, outside kept elements and
    tags, reduced to one line break."""
    parts = _KEPT.split(html)  # text, kept element, its name, text, kept element, its name, ..., text
    out = [_text_runs(part) if index % 3 == 0 else part for index, part in enumerate(parts) if index % 3 != 2]
    return "".join(out)


def _text_runs(chunk: str) -> str:
    if not _QUOTED_BREAK.search(chunk):
        return _runs(chunk)
    out: list[str] = []
    start = 0
    for tag in _TAG.finditer(chunk):
        out.append(_runs(chunk[start : tag.start()]))
        out.append(tag.group(0))
        start = tag.end()
    out.append(_runs(chunk[start:]))
    return "".join(out)


def _runs(text: str) -> str:
    """Each run of white space holding a line break in `text` reduced to that line break: what follows
    a line break goes, then (in the reversed text, so that both searches start at a line break, which
    the regular expression engine finds fast) what precedes one."""
    if "\n" not in text:
        return text
    return _BEFORE_REVERSED.sub("\n", _AFTER.sub("\n", text)[::-1])[::-1]
