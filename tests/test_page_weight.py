"""What the published site leaves out or shares (issue 23, item 5), drawing the same pixels:

- the theme's search scripts for languages no search index has (vitrine/i18n);
- the theme's source maps, unless `source_maps: true` (vitrine/publish).
"""

from __future__ import annotations

import re
from pathlib import Path

import material
from tests.conftest import SITE_LANGUAGES

from vitrine.i18n.publishing import search_languages, unused_search_script
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
