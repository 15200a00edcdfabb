"""News posts: `<lang>/news/<yyyy-mm-dd>-<slug>.md`, their index and one Atom feed per language.

Plain functions (no MkDocs). Posts are editorial pages like any other (front
matter checked, translations tracked by file name); the plugin checks their
names and dates here, adds the list of posts to each language's news index
(`news/index.md`) and writes `<lang>/feed.xml` once the posts are rendered.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from xml.sax.saxutils import escape, quoteattr

from ..i18n.alternates import split_uri
from ..i18n.formatting import Formatter
from ..i18n.messages import N_, Gettext
from ..model.errors import ContentError
from ..model.records import PageMeta
from ..model.yamlsource import Located, split_front_matter
from .markdown import text, time

POST_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$")
INDEX = "index.md"
FEED = "feed.xml"
POST_FIELDS_HINT = "a news post has a title, a description and the date of its file name"
NAME_HINT = "name a post <yyyy-mm-dd>-<slug>.md, e.g. 2014-11-12-first-wave.md"
NO_NEWS = N_("No news has been published yet.")
FOLLOW = N_("Follow the news with the Atom feed")
NEWS = N_("News")


@dataclass(frozen=True)
class Post:
    src_uri: str
    """`fr/news/2014-11-12-first-wave.md`."""
    language: str
    name: str
    """The file name without `.md`, the same in every language: `2014-11-12-first-wave`."""
    title: str
    description: str
    date: dt.date
    updated: dt.date
    url: str
    """Site-relative address of its page."""
    fallback: bool = False
    """Shown in French, for lack of a translation."""


LATEST = 3
"""How many posts a language's home shows."""


@dataclass(frozen=True)
class Latest:
    """The newest posts of a language, for its home, and the address of its news index."""

    posts: list[Post]
    index: str | None


def is_post(src_uri: str, languages: Iterable[str], folder: str) -> bool:
    language, key = split_uri(src_uri, languages)
    return language is not None and posixpath.dirname(key) == folder and posixpath.basename(key) != INDEX


def check_posts(
    docs_dir: Path, rel_docs: str, src_uris: Iterable[str], languages: tuple[str, ...], folder: str
) -> list[ContentError]:
    """A post's file name carries its date; its front matter has a title, a description, and that date."""
    errors = []
    for src_uri in sorted(src_uris):
        if not is_post(src_uri, languages, folder):
            continue
        rel = f"{rel_docs}/{src_uri}"
        match = POST_NAME.match(posixpath.basename(src_uri))
        date = _date(match.group(1)) if match else None
        if match is None or date is None:
            reason = "is not a valid date" if match else "does not start with a date"
            errors.append(ContentError(rel, 0, 0, "", f"a news post's file name {reason}", NAME_HINT))
            continue
        located, _body, problems = split_front_matter((docs_dir / src_uri).read_bytes(), rel)
        if problems:
            continue  # reported with the editorial pages
        errors += _front_matter_problems(rel, located, date)
    return errors


def _front_matter_problems(rel: str, located: Located | None, date: dt.date) -> list[ContentError]:
    data = located.data if located is not None else {}
    errors = []
    for field in ("title", "description"):
        if not data.get(field):
            line, column = located.mark((field,)) if located is not None else (1, 0)  # where it would start
            errors.append(ContentError(rel, line, column, field, "required field is missing", POST_FIELDS_HINT))
    given = data.get("date")
    if given is not None and str(given) != date.isoformat():
        line, column = located.mark(("date",)) if located is not None else (0, 0)
        message = f'"{given}" is not the date of the file name ({date.isoformat()})'
        errors.append(ContentError(rel, line, column, "date", message, "correct it, or rename the file"))
    return errors


def _date(text_: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text_)
    except ValueError:
        return None


def posts_of(
    language: str,
    metas: Mapping[str, PageMeta],
    fallbacks: Mapping[str, str],
    urls: Mapping[str, str],
    languages: tuple[str, ...],
    folder: str,
) -> list[Post]:
    """The language's posts (its own and French fallbacks), newest first."""
    posts = []
    for src_uri, meta in metas.items():
        if not src_uri.startswith(f"{language}/") or not is_post(src_uri, languages, folder):
            continue
        name = posixpath.basename(src_uri).removesuffix(".md")
        date = meta.date or dt.date.fromisoformat(name[:10])
        source = metas.get(f"{languages[0]}/{folder}/{name}.md", meta)
        updated = max(date, meta.updated or source.updated or date)
        title, description = meta.title or name, meta.description or ""
        fallback = src_uri in fallbacks
        posts.append(Post(src_uri, language, name, title, description, date, updated, urls[src_uri], fallback))
    return sorted(posts, key=lambda post: (post.date, post.name), reverse=True)


# The index -----------------------------------------------------------------------


def index_markdown(posts: list[Post], gettext: Gettext, fmt: Formatter, feed_href: str | None) -> str:
    """Appended to the news index: the feed link, then one heading per post, newest first."""
    lines = [""]
    if feed_href:  # raw HTML: MkDocs checks Markdown links, and the feed is written after the pages
        lines += [f'<p class="vt-feed"><a href="{feed_href}">{text(gettext(FOLLOW))}</a></p>', ""]
    if not posts:
        return "\n".join([*lines, text(gettext(NO_NEWS)), ""])
    for post in posts:
        link = f"[{text(post.title)}]({post.name}.md)"
        heading = f'<span lang="fr">{link}</span>' if post.fallback else link
        lines += [f"## {heading} {{: .vt-post }}", "", time(post.date, fmt.date(post.date)), ""]
        if post.description:
            lines += [
                f'<span lang="fr">{text(post.description)}</span>' if post.fallback else text(post.description),
                "",
            ]
    return "\n".join(lines)


# The feed ------------------------------------------------------------------------


@dataclass(frozen=True)
class Feed:
    language: str
    title: str
    base_url: str
    """The site's address, ending with `/`: a feed's addresses are absolute."""
    url: str
    """Site-relative address of the feed (`fr/feed.xml`)."""
    home: str
    """Site-relative address of the news index (`fr/news/`)."""
    author: str
    updated: dt.date | None
    """For a feed with no post yet: the content date."""


def entry_id(base_url: str, post: Post) -> str:
    """A tag URI (RFC 4151) from the site's address and the post's file name: the same on every build."""
    parts = urlsplit(base_url)
    path = parts.path.strip("/")
    specific = "/".join(part for part in (path, post.language, post.name) if part)
    return f"tag:{parts.hostname or 'localhost'},{post.date.isoformat()}:{specific}"


def atom(feed: Feed, posts: list[Post], content: Callable[[Post], str | None]) -> str:
    """An Atom 1.0 document (RFC 4287): the language's own posts, newest first, with their HTML."""
    own = [post for post in posts if not post.fallback]
    newest = max((post.updated for post in own), default=feed.updated or dt.date(1970, 1, 1))
    head = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={quoteattr(feed.language)}>',
        f"  <id>{escape(feed.base_url + feed.url)}</id>",
        f"  <title>{escape(feed.title)}</title>",
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(feed.base_url + feed.url)}/>',
        f'  <link rel="alternate" type="text/html" href={quoteattr(feed.base_url + feed.home)}/>',
        f"  <updated>{_timestamp(newest)}</updated>",
        f"  <author><name>{escape(feed.author)}</name></author>",
    ]
    entries = [_entry(feed, post, content(post)) for post in own]
    return "\n".join([*head, *entries, "</feed>", ""])


def _entry(feed: Feed, post: Post, html: str | None) -> str:
    url = feed.base_url + post.url
    lines = [
        "  <entry>",
        f"    <id>{escape(entry_id(feed.base_url, post))}</id>",
        f"    <title>{escape(post.title)}</title>",
        f'    <link rel="alternate" type="text/html" href={quoteattr(url)}/>',
        f"    <published>{_timestamp(post.date)}</published>",
        f"    <updated>{_timestamp(post.updated)}</updated>",
    ]
    if post.description:
        lines.append(f"    <summary>{escape(post.description)}</summary>")
    if html:
        # Links in the page are relative to it: xml:base lets readers resolve them.
        lines.append(f'    <content type="html" xml:base={quoteattr(url)}>{escape(html.strip())}</content>')
    return "\n".join([*lines, "  </entry>"])


def _timestamp(date: dt.date) -> str:
    return f"{date.isoformat()}T00:00:00Z"
