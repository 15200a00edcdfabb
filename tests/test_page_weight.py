"""What the published site leaves out or shares (issue 23, item 5), drawing the same pixels:

- the theme's search scripts for languages no search index has (vitrine/i18n);
- the theme's source maps, unless `source_maps: true` (vitrine/publish);
- the header's icons, in one file the pages point at (vitrine/identity, sprite.py);
- the search stand-in, one script for the site rather than a copy in every page (main.html).

The initials tiles' styling (vitrine.css) is tested in test_directories.py; that Chromium draws the
national site's pages with the same pixels before and after was checked by screenshots (bench/README).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import material
import pytest
from jinja2 import Environment, FileSystemLoader
from playwright.sync_api import Browser
from tests.conftest import REPO, SITE_LANGUAGES, Project, parse

from vitrine.i18n.publishing import search_languages, unused_search_script
from vitrine.identity.sprite import Sprite, find_icon, icon_settings, read_icons, sprite
from vitrine.publish.trim import is_theme_source_map

MATERIAL = Path(material.__file__).parent / "templates"
LUNR = "assets/javascripts/lunr/"


# Search scripts ---------------------------------------------------------------------------------


def _kept(indexes: list[list[str]]) -> set[str]:
    theme = sorted(path.relative_to(MATERIAL).as_posix() for path in (MATERIAL / LUNR).rglob("*") if path.is_file())
    assert len(theme) > 30, "Material ships its lunr languages"
    return {uri.removeprefix(LUNR) for uri in theme if not unused_search_script(uri, indexes)}


def test_each_language_keeps_its_stemmer_and_segmenter_and_nothing_else() -> None:
    site = search_languages(["fr", "en", "de", "es", "ja", "he"], ["fr"])
    assert _kept(site) == {
        "min/lunr.stemmer.support.min.js",
        *(f"min/lunr.{code}.min.js" for code in ("fr", "de", "es", "ja", "he")),
        "tinyseg.js",
    }, "no lunr.en (English is lunr's own), no lunr.multi (one language an index), no wordcut"
    assert _kept([["th"], ["en"]]) == {"min/lunr.stemmer.support.min.js", "min/lunr.th.min.js", "wordcut.js"}
    assert _kept([["en"]]) == set(), "an English index loads no script"
    assert _kept([["fr", "en"]]) == {
        "min/lunr.stemmer.support.min.js",
        "min/lunr.fr.min.js",
        "min/lunr.multi.min.js",
    }, "an index of several languages needs lunr.multi"
    assert not unused_search_script("assets/javascripts/bundle.min.js", site), "outside lunr: not the search's"


def test_the_sample_publishes_the_search_scripts_of_its_languages(sample_site: Path) -> None:
    published = {path.relative_to(sample_site / LUNR).as_posix() for path in (sample_site / LUNR).rglob("*.js")}
    stemmers = {f"min/lunr.{code}.min.js" for code in SITE_LANGUAGES if code != "en"}
    assert published == {"min/lunr.stemmer.support.min.js", "tinyseg.js", *stemmers}
    for index in sample_site.glob("*/search/search_index.json"):
        (code,) = re.findall(r'"lang":\["(\w+)"\]', index.read_text(encoding="utf-8")[:300])
        assert code == "en" or f"min/lunr.{code}.min.js" in published, index


# Source maps ------------------------------------------------------------------------------------


def test_only_a_theme_file_under_assets_ending_in_map_is_a_source_map(tmp_path: Path) -> None:
    docs = tmp_path / "content"
    theme = MATERIAL / "assets" / "javascripts" / "bundle.min.js.map"
    assert is_theme_source_map("assets/javascripts/bundle.min.js.map", str(theme), docs)
    assert not is_theme_source_map("assets/maps/france.map", str(docs / "assets/maps/france.map"), docs)
    assert not is_theme_source_map("assets/javascripts/bundle.min.js", str(theme), docs)
    assert not is_theme_source_map("data/roads.map", str(theme), docs)


def test_the_sample_publishes_no_source_map_and_its_bundle_runs_without(sample_site: Path) -> None:
    assert sorted(sample_site.rglob("*.map")) == []
    assert (sample_site / "assets" / "javascripts").is_dir()


# Icons ------------------------------------------------------------------------------------------

SEARCH = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M9 3z"/></svg>'


def test_the_icon_file_holds_each_icon_as_a_symbol_with_its_viewbox() -> None:
    wide = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 448"><!--! licence --><path d="M1 1z"/></svg>'
    made = sprite({"material/magnify": SEARCH, "fontawesome/solid/magnify": wide, "x/broken": "<svg><path/></svg>"})
    assert made.ids == {
        "material/magnify": "material-magnify",
        "fontawesome/solid/magnify": "fontawesome-solid-magnify",
    }
    assert made.boxes == {"material/magnify": "0 0 24 24", "fontawesome/solid/magnify": "0 0 512 448"}
    assert '<symbol id="material-magnify" viewBox="0 0 24 24"><path d="M9 3z"/></symbol>' in made.content
    assert "<!--! licence -->" in made.content, "an icon's licence notice travels with it"
    assert re.fullmatch(r"assets/identity/icons\.[0-9a-f]{8}\.svg", made.path)
    assert sprite({"material/magnify": SEARCH}).ids == {"material/magnify": "magnify"}, "short ids when unique"
    assert sprite({"material/magnify": SEARCH}).path != made.path, "named by its content"
    assert sprite({}) == Sprite() and sprite({"x": "not an svg"}).path == ""


def test_the_header_icons_follow_the_theme_settings() -> None:
    palette = [{"toggle": {"icon": "material/weather-night"}}, {"toggle": {"icon": "material/weather-sunny"}}]
    named = icon_settings({"menu": "fontawesome/solid/bars"}, palette)
    assert named[0] == ("theme.icon.menu", "fontawesome/solid/bars")
    assert ("", "material/magnify") in named, "a default is named by no setting"
    assert ("theme.palette[1].toggle.icon", "material/weather-sunny") in named
    assert icon_settings(None, {"scheme": "default"}) == icon_settings({}, [])
    found = read_icons(named, [REPO / "overrides", MATERIAL])
    assert found["material/magnify"] == (MATERIAL / ".icons/material/magnify.svg").read_text(encoding="utf-8")
    assert set(found) == {name for _, name in named}
    assert read_icons([("theme.icon.menu", "material/not-an-icon")], [MATERIAL]) == {}
    assert find_icon("material/not-an-icon", [MATERIAL]) is None


def _icon_template(icons: Sprite | None, icon: str) -> str:
    env = Environment(loader=FileSystemLoader([REPO / "overrides", MATERIAL]))
    env.filters["url"] = lambda path: "../" + path
    return env.get_template("partials/vt-icon.html").render(vitrine_icons=icons, icon=icon)


def test_an_icon_outside_the_file_is_drawn_inline() -> None:
    made = sprite({"material/magnify": SEARCH})
    assert _icon_template(made, "material/magnify") == (
        f'<svg viewBox="0 0 24 24"><use href="../{made.path}#magnify"/></svg>'
    )
    inline = (MATERIAL / ".icons/material/close.svg").read_text(encoding="utf-8").strip()
    assert _icon_template(made, "material/close").strip() == inline
    assert _icon_template(None, "material/close").strip() == inline, "vitrine/identity off"


def test_every_page_points_at_symbols_the_icon_file_has(sample_site: Path) -> None:
    (icons,) = sample_site.glob("assets/identity/icons.*.svg")
    symbols = set(re.findall(r'<symbol id="([^"]+)"', icons.read_text(encoding="utf-8")))
    pointed = 0
    for path in sorted(sample_site.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        start = text.find('<header class="md-header')
        if start < 0:
            continue
        header = text[start : text.index("</header>", start)]  # read as text: a thousand pages parsed took 10 s
        for target, symbol in re.findall(r'<svg viewBox="[^"]+"><use href="([^"#]+)#([^"]+)"/></svg>', header):
            folder = sample_site if target.startswith("/") else path.parent  # a 404 page is served at any depth
            assert (folder / target.lstrip("/")).resolve() == icons, path
            assert symbol in symbols, (path, symbol)
            pointed += 1
        assert header.count("<use ") == header.count("<svg"), f"{path}: an inline header icon"
    assert pointed >= 7 * len(SITE_LANGUAGES)


def test_the_sample_has_no_content_tab_script(sample_site: Path) -> None:
    for rel in ("fr/index.html", "en/champions/back-market/index.html", "404.html"):
        assert "__tabbed_" not in (sample_site / rel).read_text(encoding="utf-8"), rel


def test_a_project_asking_for_them_gets_its_icon_source_maps_and_tab_script(project: Project) -> None:
    """A configured icon is in the icon file; `source_maps: true` keeps the maps; content tabs
    (pymdownx.tabbed) bring back Material's tab script."""
    config = project.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace(
        "  custom_dir: overrides\n", "  custom_dir: overrides\n  icon:\n    menu: fontawesome/solid/bars\n", 1
    )
    text = text.replace("  - vitrine/publish ", "  - vitrine/publish:\n      source_maps: true\n ", 1)
    assert "\nmarkdown_extensions:\n" in text
    text = text.replace("\nmarkdown_extensions:\n", "\nmarkdown_extensions:\n  - pymdownx.tabbed\n", 1)
    config.write_text(text, encoding="utf-8")
    result = project.build()
    assert result.returncode == 0, result.stderr
    scripts = [tag.string or "" for tag in project.html("en/index.html").find_all("script")]
    assert sum("__tabbed_" in script for script in scripts) == 1
    label = project.html("en/index.html").select_one("label.md-header__button[for=__drawer] svg")
    assert label is not None and label["viewbox"] == "0 0 448 512"
    assert str(label.use["href"]).endswith("#bars")
    (icons,) = project.site.glob("assets/identity/icons.*.svg")
    assert '<symbol id="bars" viewBox="0 0 448 512">' in icons.read_text(encoding="utf-8")
    assert sorted(path.name.split(".")[0] for path in project.site.rglob("*.map")) == [
        "bundle",
        "main",
        "palette",
        "search",
    ]


@pytest.mark.browser
@pytest.mark.parametrize(("language", "width"), [("ja", 1366), ("he", 360)])
def test_chromium_draws_each_header_icon_from_the_file(
    browser: Browser, server: str, language: str, width: int
) -> None:
    """A symbol the browser could not load draws nothing: its `<use>` has an empty box. (Icons the page
    hides at this width, or until a click, have no box either: each shown one is checked.)"""
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(f"{server}{language}/champions/back-market/", wait_until="networkidle")
    boxes = page.locator("header svg > use").evaluate_all(
        "uses => uses.filter(u => u.parentNode.getBoundingClientRect().width > 0)"
        ".map(u => { const b = u.getBBox(); return [u.getAttribute('href').split('#')[1], b.width, b.height]; })"
    )
    context.close()
    assert {"magnify", "translate"} <= {name for name, _, _ in boxes}, boxes
    assert all(w > 5 and h > 5 for _, w, h in boxes), boxes


def test_the_search_stand_in_is_one_file_every_page_names(sample_site: Path) -> None:
    script = sample_site / "assets" / "vitrine-search.js"
    assert script.is_file()
    for rel in ("fr/index.html", "he/champions/back-market/index.html", "ja/quartiers/lille/index.html"):
        tags = parse(sample_site / rel).select('script[src$="vitrine-search.js"]')
        assert len(tags) == 1 and (sample_site / rel).parent.joinpath(str(tags[0]["src"])).resolve() == script
        inline = [tag.string or "" for tag in parse(sample_site / rel).find_all("script") if not tag.get("src")]
        assert not any("XMLHttpRequest" in text for text in inline), rel


def test_an_icon_the_theme_lacks_stops_the_build_with_its_setting_and_line(project: Project) -> None:
    config = project.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace(
        "  custom_dir: overrides\n", "  custom_dir: overrides\n  icon:\n    menu: material/menu-typo\n", 1
    )
    assert "toggle: {icon: material/weather-night," in text
    text = text.replace("toggle: {icon: material/weather-night,", "toggle: {icon: material/weather-nite,", 1)
    config.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    menu = lines.index("    menu: material/menu-typo") + 1
    toggle = next(number for number, line in enumerate(lines, 1) if "weather-nite" in line)
    result = project.build()
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        f"mkdocs.yml, line {menu}, theme.icon.menu: 'material/menu-typo' is not an icon of the theme" in result.stderr
    )
    assert f"mkdocs.yml, line {toggle}, theme.palette[0].toggle.icon: 'material/weather-nite'" in result.stderr
    assert not project.site.exists()


@pytest.mark.parametrize("language", ["fr", "ja", "he"])
def test_the_page_configuration_holds_only_the_strings_of_features_in_use(sample_site: Path, language: str) -> None:
    config = parse(sample_site / language / "champions" / "doctolib" / "index.html").select_one("script#__config")
    assert config is not None
    text = config.get_text()
    app = json.loads(text)
    assert app["features"] and "content.code.copy" not in app["features"] and "search.share" not in app["features"]
    assert sorted(app["translations"]) == [
        "search.result.more.one",
        "search.result.more.other",
        "search.result.none",
        "search.result.one",
        "search.result.other",
        "search.result.placeholder",
        "search.result.term.missing",
    ], "no clipboard or version selector strings"
    assert app["version"] is None and app["search"].endswith(".min.js")
    assert "\\u" not in text, "written as UTF-8, not escaped"
    assert re.search(r"[<>&']", text) is None
