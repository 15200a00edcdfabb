"""One Python-Markdown parser for every page of a build, reset between pages.

MkDocs' `Page.render` makes a new `markdown.Markdown` for each page: loading the extensions and
building their patterns and processors took more time than converting the text (about 3 s of
the 6,890 pages of a national build). Python-Markdown's own answer to that is one instance and
`reset()` between documents, which every extension implements for the state it keeps.

`Converter.render` does what `Page.render` does (MkDocs 1.6: raw HTML anchors, anchors, relative
links, the title from the first heading, the table of contents) with the one parser; MkDocs'
four page-bound processors are made per page, as MkDocs makes them, and registered in place of
the previous page's (`internals.PageProcessors`, used only when `internals.check()` finds them).
The output is the same byte for byte (tests/test_convert.py).

In `mkdocs build`, a page whose conversion the last build kept (conversions.py) is not converted
again: its HTML, table of contents and what the processors found are those kept.
"""

from __future__ import annotations

import markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from .conversions import Conversions, Converted
from .internals import PageProcessors, PageRender, render_with


class Converter:
    """One build's parser, made on its first page (every plugin's `on_config` has run by then)."""

    def __init__(self) -> None:
        self._parser: markdown.Markdown | None = None
        self.converted = 0
        """Pages this converter has converted."""
        self._attached: dict[int, Page] = {}
        """Pages attached and not yet converted, by id (each kept with its id)."""
        self.conversions: Conversions | None = None
        """The conversions kept from the last build, and this build's (`mkdocs build` only)."""

    def attach(self, page: Page) -> None:
        """Have MkDocs convert `page` with this converter (MkDocs calls `page.render`)."""
        self._attached[id(page)] = page
        render_with(self._chosen)

    def _chosen(self, page: Page) -> PageRender | None:
        return self.render if self._attached.pop(id(page), None) is page else None

    def render(self, page: Page, config: MkDocsConfig, files: Files) -> None:
        if page.markdown is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
        conversions, key = self.conversions, b""
        if conversions is not None:
            key = conversions.key(page, files)
            kept = conversions.get(key, files)
            if kept is not None:
                page.content, page.toc = kept.content, get_toc(kept.toc_tokens)
                kept.found.record(page)
                return
            conversions.listen()  # what this page's conversion logs: a conversion that logs is not kept
        try:
            md = self._parser_for(config)
            md.reset()
            processors = PageProcessors.register(md, page, files, config)
            content = md.convert(page.markdown)
            tokens = getattr(md, "toc_tokens", [])
            found = processors.found()
        finally:
            quiet = conversions is not None and conversions.heard_nothing()
        if conversions is not None and quiet:  # kept before MkDocs' table of contents reads the tokens
            conversions.put(key, Converted(content, tokens, found))
        page.content, page.toc = content, get_toc(tokens)
        found.record(page)
        self.converted += 1

    def _parser_for(self, config: MkDocsConfig) -> markdown.Markdown:
        if self._parser is None:
            self._parser = markdown.Markdown(
                extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"] or {}
            )
        return self._parser
