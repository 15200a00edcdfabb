"""News and calendar: posts per language listed newest first with localized dates, one Atom
feed per language (parsed here with feedparser, as a reader would), and the governance page's
timeline generated from data: key dates, label waves from the records, upcoming events."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import pytest
from babel.dates import format_date
from tests.conftest import REPO, SITE_LANGUAGES, Project, parse

from vitrine.model.catalogue import load_catalogue
from vitrine.showcase.markdown import text

SAMPLE = load_catalogue(REPO, SITE_LANGUAGES)
SITE_URL = "https://vitrine.example/"
POSTS = sorted(p.stem for p in (REPO / "content" / "fr" / "news").glob("*.md") if p.name != "index.md")


def resolve(page: str, href: str) -> str:
    """Site path of a link found on the page at site path `page`."""
    return urljoin(f"https://host/{page}", href).removeprefix("https://host/")


def feed_of(site: Path, language: str) -> feedparser.FeedParserDict:
    return feedparser.parse((site / language / "feed.xml").read_bytes())


# The sample's posts and feeds ------------------------------------------------------------


def test_sample_has_the_same_posts_in_every_language() -> None:
    assert len(POSTS) >= 3 and all(re.fullmatch(r"\d{4}-\d{2}-\d{2}-[a-z0-9-]+", name) for name in POSTS)
    for language in SITE_LANGUAGES:
        names = sorted(p.stem for p in (REPO / "content" / language / "news").glob("*.md") if p.name != "index.md")
        assert names == POSTS, language


@pytest.mark.parametrize("language", SITE_LANGUAGES)
def test_feed_parses_and_lists_the_posts_newest_first(sample_site: Path, language: str) -> None:
    feed = feed_of(sample_site, language)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.language == language
    assert feed.feed.id == f"{SITE_URL}{language}/feed.xml"
    assert feed.feed.title.startswith("Vitrine · Quartiers numériques · ")
    home = next(link.href for link in feed.feed.links if link.rel == "alternate")
    assert home == f"{SITE_URL}{language}/news/"
    names = [entry.link.removeprefix(f"{SITE_URL}{language}/news/").rstrip("/") for entry in feed.entries]
    assert names == sorted(POSTS, reverse=True)
    published = [dt.date(*entry.published_parsed[:3]) for entry in feed.entries]
    assert published == sorted(published, reverse=True)
    assert [day.isoformat() for day in published] == [name[:10] for name in names]
    updated = dt.date(*feed.feed.updated_parsed[:3])
    assert updated == max(dt.date(*entry.updated_parsed[:3]) for entry in feed.entries)


@pytest.mark.parametrize("language", ["fr", "en", "ja", "he"])
def test_feed_entries_point_at_their_pages(sample_site: Path, language: str) -> None:
    feed = feed_of(sample_site, language)
    ids = [entry.id for entry in feed.entries]
    assert len(set(ids)) == len(ids)
    for entry in feed.entries:
        path = entry.link.removeprefix(SITE_URL)
        page = parse(sample_site / path / "index.html")
        assert page.html["lang"] == language
        h1 = page.select_one("article h1")
        assert h1 is not None and entry.title == h1.get_text(strip=True)
        description = page.select_one('meta[name="description"]')
        assert description is not None and entry.summary == description["content"]
        name = path.rstrip("/").rsplit("/", 1)[1]
        # Stable: from the site's host, the post's date and file name, never from the build.
        assert entry.id == f"tag:vitrine.example,{name[:10]}:{language}/{name}"
        content = entry.content[0].value
        assert entry.content[0].type == "text/html" and "<p>" in content
        # Relative links of the page are resolved against xml:base by readers.
        hrefs = re.findall(r'href="([^"]+)"', content)
        assert all(href.startswith(SITE_URL) for href in hrefs), hrefs


def test_every_page_of_a_language_announces_its_feed(sample_site: Path) -> None:
    pages = ["", "charte/", "quartiers/", "quartiers/lille/", "champions/doctolib/", "news/", f"news/{POSTS[0]}/"]
    for language in SITE_LANGUAGES:
        for page in pages:
            links = parse(sample_site / language / page / "index.html").select(
                'link[rel="alternate"][type="application/atom+xml"]'
            )
            assert len(links) == 1, (language, page)
            assert resolve(f"{language}/{page}", links[0]["href"]) == f"{language}/feed.xml"
            assert links[0]["title"].startswith("Vitrine")
    assert parse(sample_site / "index.html").select('link[type="application/atom+xml"]') == []


# The news index -----------------------------------------------------------------------------


@pytest.mark.parametrize("language", SITE_LANGUAGES)
def test_news_index_lists_posts_newest_first_with_localized_dates(sample_site: Path, language: str) -> None:
    page = parse(sample_site / language / "news" / "index.html")
    posts = page.select("article h2.vt-post a")
    targets = [resolve(f"{language}/news/", a["href"]) for a in posts]
    assert targets == [f"{language}/news/{name}/" for name in sorted(POSTS, reverse=True)]
    times = page.select("article time")
    assert [t["datetime"] for t in times] == [name[:10] for name in sorted(POSTS, reverse=True)]
    for stamp in times:
        assert stamp.get_text() == format_date(dt.date.fromisoformat(stamp["datetime"]), "long", locale=language)
    for a, target in zip(posts, targets, strict=True):
        post = parse(sample_site / target / "index.html").select_one("article h1")
        assert post is not None and a.get_text(strip=True) == post.get_text(strip=True)
    follow = page.select_one("article .vt-feed a")
    assert follow is not None and resolve(f"{language}/news/", follow["href"]) == f"{language}/feed.xml"


def test_news_dates_read_as_each_language_writes_them(sample_site: Path) -> None:
    shown = {
        language: parse(sample_site / language / "news" / "index.html").select_one("article time").get_text()  # type: ignore[union-attr]
        for language in ("fr", "en", "de", "ja")
    }
    newest = dt.date.fromisoformat(sorted(POSTS)[-1][:10])
    assert shown["ja"] == f"{newest.year}年{newest.month}月{newest.day}日"
    assert str(newest.year) in shown["fr"] and shown["fr"] != shown["en"] != shown["de"]


def test_posts_stay_out_of_the_navigation_and_the_index_is_in(sample_site: Path) -> None:
    nav = parse(sample_site / "en" / "charte" / "index.html").select("nav.md-nav--primary a.md-nav__link")
    hrefs = [a["href"] for a in nav]
    assert "../news/" in hrefs
    assert not [href for href in hrefs if "/news/" in href and href != "../news/"]


def test_a_post_is_an_article_for_open_graph(sample_site: Path) -> None:
    name = POSTS[0]
    head = parse(sample_site / "en" / "news" / name / "index.html").head
    assert head.select_one('meta[property="og:type"]')["content"] == "article"  # type: ignore[index]
    assert head.select_one('meta[property="article:published_time"]')["content"] == name[:10]  # type: ignore[index]
    index = parse(sample_site / "en" / "news" / "index.html").head
    assert index.select_one('meta[property="og:type"]')["content"] == "website"  # type: ignore[index]


# Small projects: fallbacks, dates, errors -----------------------------------------------------


def post(title: str, date: str, description: str, extra: str = "") -> str:
    return f"---\ntitle: {title}\ndate: {date}\ndescription: {description}\n{extra}---\n\nTexte.\n"


def test_untranslated_post_is_listed_in_french_but_stays_out_of_the_feed(project: Project) -> None:
    project.write("content/fr/news/index.md", "---\ntitle: Actualités\nnav_order: 5\n---\n\nLes annonces.\n")
    project.write("content/en/news/index.md", "---\ntitle: News\nnav_order: 5\n---\n\nAnnouncements.\n")
    project.write("content/fr/news/2014-11-12-vague.md", post("Première vague", "2014-11-12", "Neuf territoires."))
    project.write(
        "content/fr/news/2015-06-24-suite.md",
        post("Deuxième vague", "2015-06-24", "Quatre de plus.", "updated: 2016-01-05\n"),
    )
    project.write("content/en/news/2015-06-24-suite.md", post("Second wave", "2015-06-24", "Four more."))
    project.review_translations()
    result = project.build()
    assert result.returncode == 0, result.stderr
    index = project.html("en/news/index.html")
    headings = index.select("article h2.vt-post")
    assert [h.get_text(strip=True) for h in headings] == ["Second wave", "Première vague"]
    assert headings[0].select_one("[lang]") is None
    french = headings[1].select_one('[lang="fr"]')
    assert french is not None and french.get_text(strip=True) == "Première vague"
    english = feedparser.parse((project.site / "en" / "feed.xml").read_bytes())
    assert not english.bozo and [e.title for e in english.entries] == ["Second wave"]
    # A translation without `updated` uses its French page's.
    assert dt.date(*english.entries[0].updated_parsed[:3]) == dt.date(2016, 1, 5)
    french_feed = feedparser.parse((project.site / "fr" / "feed.xml").read_bytes())
    assert [e.title for e in french_feed.entries] == ["Deuxième vague", "Première vague"]
    assert dt.date(*french_feed.feed.updated_parsed[:3]) == dt.date(2016, 1, 5)


def test_a_feed_without_posts_is_still_valid(project: Project) -> None:
    project.write("content/fr/news/index.md", "---\ntitle: Actualités\n---\n\nRien encore.\n")
    result = project.build()
    assert result.returncode == 0, result.stderr
    feed = feedparser.parse((project.site / "en" / "feed.xml").read_bytes())
    assert not feed.bozo and feed.entries == []
    assert project.html("fr/news/index.html").select_one("article").get_text().count("Aucune actualité") == 1  # type: ignore[union-attr]


def test_post_names_and_dates_are_checked(project: Project) -> None:
    project.write("content/fr/news/index.md", "---\ntitle: Actualités\n---\n\nLes annonces.\n")
    project.write("content/fr/news/vague.md", post("Vague", "2014-11-12", "Sans date dans le nom."))
    project.write(
        "content/fr/news/2014-02-30-jamais.md", "---\ntitle: Jamais\ndescription: Pas de 30 février.\n---\n\nTexte.\n"
    )
    project.write("content/fr/news/2014-11-12-autre.md", "---\ntitle: Autre\ndate: 2014-11-13\n---\n\nTexte.\n")
    result = project.build()
    assert result.returncode != 0
    for message in (
        "content/fr/news/vague.md: a news post's file name does not start with a date (name a post <yyyy-mm-dd>-<slug>.md, e.g. 2014-11-12-first-wave.md)",
        'content/fr/news/2014-11-12-autre.md:3:1: date: "2014-11-13" is not the date of the file name (2014-11-12) (correct it, or rename the file)',
        "content/fr/news/2014-11-12-autre.md:2:1: description: required field is missing",
    ):
        assert message in result.stderr, result.stderr
    assert "content/fr/news/2014-02-30-jamais.md: a news post's file name is not a valid date" in result.stderr


# The calendar --------------------------------------------------------------------------------


def test_governance_page_shows_key_dates_waves_and_upcoming_events(sample_site: Path) -> None:
    page = parse(sample_site / "fr" / "gouvernance" / "index.html")
    headings = [h.get_text(strip=True) for h in page.select("article h2")]
    assert headings[-2:] == ["Grandes dates", "Prochains rendez-vous"]
    key_dates = page.select_one("#grandes-dates + ul")
    assert key_dates is not None
    stamps = [li.select_one("time")["datetime"] for li in key_dates.select("li")]  # type: ignore[index]
    assert stamps == sorted(stamps)
    assert {"2012-10", "2013-02-08", "2013-06", "2013-11-27", "2014-01-29", "2014-11-12", "2015-06-24"} <= set(stamps)
    months = {li.select_one("time")["datetime"]: li.select_one("time").get_text() for li in key_dates.select("li")}  # type: ignore[index, union-attr]
    assert months["2012-10"] == "Octobre 2012" and months["2017"] == "2017"
    # Waves come from the records: wave 1 links every quartier whose label says so.
    wave_one = next(li for li in key_dates.select("li") if li.select_one('time[datetime="2014-11-12"]'))
    linked = sorted(resolve("fr/gouvernance/", a["href"]) for a in wave_one.select("a"))
    expected = sorted(f"fr/quartiers/{s}/" for s, e in SAMPLE.quartiers.items() if e.record.label.wave == 1)
    assert linked == expected and len(expected) == 9
    assert wave_one.get_text().startswith("12 novembre 2014. Vague 1 du label")
    wave_two = next(li for li in key_dates.select("li") if li.select_one('time[datetime="2015-06-24"]'))
    assert "Pilotes thématiques" in wave_two.get_text() and "French Tech Angers" in wave_two.get_text()
    upcoming = page.select_one("#prochains-rendez-vous + p")
    assert upcoming is not None and upcoming.get_text() == "Aucun rendez-vous à venir n’a été annoncé."


def test_timeline_is_written_in_each_language(sample_site: Path) -> None:
    ja = parse(sample_site / "ja" / "gouvernance" / "index.html").select("article li time")
    assert ja[0].get_text() == "2012年10月"
    he = parse(sample_site / "he" / "gouvernance" / "index.html")
    assert he.body["dir"] == "rtl"  # type: ignore[index]
    first = he.select_one("article li")
    assert first is not None and "אוקטובר 2012" in first.get_text()


CALENDAR = """\
dates:
  - date: 2013-06
    label: {fr: Remise du rapport., en: The report is delivered.}
  - date: 2017
    label: {fr: Une année.}
waves:
  - wave: 1
    note: {fr: Une note sur la vague., en: A note on the wave.}
events:
  - date: 2019-05-02
    title: {fr: Un salon passé., en: A past fair.}
  - date: 2021-03-01
    end: 2021-03-03
    title: {fr: Un salon à venir, en: A coming fair}
    place: Lille
    url: https://example.org/salon
"""


def test_events_after_the_content_date_are_upcoming_whatever_the_clock(project: Project) -> None:
    """The small project's newest date is an indicator of 2020-01-01: 2021 is still to come for it."""
    project.write("quartiers/calendar.yml", CALENDAR)
    project.write("content/fr/gouvernance.md", "---\ntitle: Gouvernance\nnav_order: 2\n---\n\nLe calendrier.\n")
    project.write("content/en/gouvernance.md", "---\ntitle: Governance\nnav_order: 2\n---\n\nThe timeline.\n")
    project.review_translations()
    result = project.build()
    assert result.returncode == 0, result.stderr
    page = project.html("en/gouvernance/index.html")
    key_dates = [li.get_text(" ", strip=True) for li in page.select("#key-dates + ul li")]
    assert key_dates[0] == "June 2013 . The report is delivered."
    assert key_dates[1].startswith("November 12, 2014 . Label wave 1: Quartier Test . A note on the wave.")
    assert key_dates[2] == "2017 . Une année."  # shown in French, marked as such
    assert page.select_one('#key-dates + ul li span[lang="fr"]').get_text() == "Une année."  # type: ignore[union-attr]
    assert key_dates[3] == "May 2, 2019 . A past fair."
    upcoming = page.select("#upcoming-events + ul li")
    assert len(upcoming) == 1
    assert upcoming[0].get_text(" ", strip=True) == "March 1, 2021 – March 3, 2021 . A coming fair (Lille)"
    assert upcoming[0].select_one("a")["href"] == "https://example.org/salon"  # type: ignore[index]
    assert resolve("en/gouvernance/", page.select_one("#key-dates + ul li a")["href"]) == "en/quartiers/test/"  # type: ignore[index]


def test_calendar_mistakes_are_reported_with_their_lines(project: Project) -> None:
    project.write(
        "quartiers/calendar.yml",
        "dates:\n  - date: 2013-13\n    label: {fr: Mois inconnu.}\nwaves:\n  - wave: 7\n    note: {fr: Aucune.}\n"
        "events:\n  - date: 2021-03-05\n    end: 2021-03-01\n    title: {fr: À rebours.}\n    room: B\n",
    )
    result = project.build()
    assert result.returncode != 0
    for message in (
        'quartiers/calendar.yml:2:5: dates[0].date: "2013-13" is not a valid date (no such month or day in the calendar)',
        "quartiers/calendar.yml:11:5: events[0].room: unknown field",
    ):
        assert message in result.stderr, result.stderr
    project.write(
        "quartiers/calendar.yml",
        "waves:\n  - wave: 7\n    note: {fr: Aucune.}\nevents:\n  - date: 2021-03-05\n    end: 2021-03-01\n    title: {fr: À rebours.}\n",
    )
    result = project.build()
    assert result.returncode != 0
    for message in (
        "quartiers/calendar.yml:2:5: waves[0].wave: no quartier record is in wave 7 (waves in the records: 1)",
        "quartiers/calendar.yml:6:5: events[0].end: the event ends (2021-03-01) before it starts (2021-03-05)",
    ):
        assert message in result.stderr, result.stderr


def test_record_texts_are_shown_as_written() -> None:
    assert text("a *b* [c](d) <script> & _e_") == r"a \*b\* \[c\](d) &lt;script&gt; &amp; \_e\_"
