"""The caches of a build, which live as long as `mkdocs serve` (all day), are vitrine/catalogue's and
keep only what the last build, or quick pass, looked up (model/buildcache.py): edits never make
them grow past one site, and nothing is kept at module level."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from tests.conftest import REPO, Project
from tests.helpers import new_process

from vitrine.catalogue.plugin import CataloguePlugin
from vitrine.identity import cards
from vitrine.model import buildcache, images, markup, yamlsource
from vitrine.model.buildcache import BuildCache, BuildCaches, active
from vitrine.model.markup import check_markdown
from vitrine.model.yamlsource import read_yaml_file
from vitrine.render.plugin import RenderPlugin

FONTS = (str(REPO / "node_modules/@expo-google-fonts/source-sans-3/700Bold/SourceSans3_700Bold.ttf"),)
RECORD = "quartiers/q/quartier.yml"


def end_build() -> None:
    active().end_build()


def empty_caches() -> None:
    """Two build ends with no lookup between them: every cache is as empty as in a new process."""
    end_build()
    end_build()


def look_up(number: int, folder: Path) -> None:
    """What a build does with one text of each kind: the `number`th save of a record, a narrative,
    a photo and a page title."""
    read_yaml_file(f"name: Quartier {number}\n".encode(), RECORD)
    check_markdown(f"Récit {number}.\n".encode(), f"Récit {number}.\n", "quartiers/q/fr.md")
    photo = folder / f"photo-{number}.png"
    if not photo.exists():
        Image.new("RGB", (8, 8)).save(photo)
    images.inspect(photo)
    cards.font_for(f"Titre {number}", FONTS)


def part(name: str) -> BuildCache[Any, Any]:
    return active().part(name, BuildCache)


def sizes(caches: BuildCaches | None = None) -> list[int]:
    caches = caches or active()
    return [
        len(caches.part(yamlsource.PARSES, yamlsource.Parses).parsed),
        *(len(caches.part(name, BuildCache)) for name in (markup.CHECKED, images.INSPECTED, cards.FONT_FOR)),
    ]


def cached(folder: Path) -> dict[str, set[str]]:
    """What each cache holds, in the terms `look_up` spells it (parses are keyed by a digest)."""
    return {
        "markdown": {key[0].decode() for key in part(markup.CHECKED).entries},
        "images": {key[0].relative_to(folder).as_posix() for key in part(images.INSPECTED).entries},
        "fonts": {key[0] for key in part(cards.FONT_FOR).entries},
    }


def test_each_cache_keeps_only_what_the_last_build_looked_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parsed = new_process(monkeypatch)  # the files of the texts parsed from here on
    for number in range(5):  # five saves of the same record, and so on, in one build
        look_up(number, tmp_path)
    assert len(parsed) == 5
    assert sizes() == [5, 5, 5, 5]
    end_build()
    assert sizes() == [5, 5, 5, 5], "all of them were looked up"

    for number in (4, 5, 6):  # the next build: the last texts again, then two new ones
        look_up(number, tmp_path)
    assert len(parsed) == 7, "the text the last build read is still cached"
    end_build()
    assert sizes() == [3, 3, 3, 3]
    assert cached(tmp_path) == {
        "markdown": {"Récit 4.\n", "Récit 5.\n", "Récit 6.\n"},
        "images": {"photo-4.png", "photo-5.png", "photo-6.png"},
        "fonts": {"Titre 4", "Titre 5", "Titre 6"},
    }

    look_up(0, tmp_path)
    assert len(parsed) == 8, "a text the last build did not read is parsed again"
    empty_caches()
    assert sizes() == [0, 0, 0, 0]


def test_a_build_and_each_quick_pass_leave_only_their_own_entries(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    new_process(monkeypatch)
    read_yaml_file(b"name: Elsewhere\n", "elsewhere.yml")  # looked up before the build, never by it
    config = project.build_in_process(monkeypatch, command="serve")  # a one-off build lets go of its parses
    render, catalogue = config.plugins["vitrine/render"], config.plugins["vitrine/catalogue"]
    assert isinstance(render, RenderPlugin) and isinstance(catalogue, CataloguePlugin) and render.built

    def parses() -> set[tuple[bytes, str, int]]:
        return set(catalogue.caches.part(yamlsource.PARSES, yamlsource.Parses).parsed)

    files = {key[1] for key in parses()}
    assert "elsewhere.yml" not in files, "the build's caches are its plugin's, not the process's"
    assert {"quartiers/test/quartier.yml", "content/fr/index.md"} <= files
    assert active().part(yamlsource.PARSES, yamlsource.Parses) is catalogue.caches.part(
        yamlsource.PARSES, yamlsource.Parses
    ), "active in the build's thread"

    record = project.root / "quartiers" / "test" / "quartier.yml"
    original = record.read_text(encoding="utf-8")
    for number in range(3):  # three saves of one record, each taken by serve's quick pass
        record.write_text(original.replace("A test quarter.", f"Edit {number}."), encoding="utf-8")
        assert catalogue.refresh({record}, render.built.files), "the quick pass renders the record's pages"
        kept = [key for key in parses() if key[1] == "quartiers/test/quartier.yml"]
        assert len(kept) == 1, "only the text this pass read is kept, not those of the saves before"
    assert not [key for key in parses() if key[1].startswith("content/")], "pages were not read again"


def test_outside_a_build_nothing_is_kept() -> None:
    """A model function called with no build running (a script, the command line's own reads)
    caches nothing anywhere: each call gets caches nobody keeps."""
    token = buildcache._ACTIVE.set(None)
    try:
        read_yaml_file(b"name: Ailleurs\n", "ailleurs.yml")
        assert sizes() == [0, 0, 0, 0]
    finally:
        buildcache._ACTIVE.reset(token)


def test_a_bounded_cache_drops_the_least_recently_looked_up_entry() -> None:
    """The pool's card backdrops and text lines: a process that never sees a build end keeps at most `limit`."""
    made: list[str] = []
    cache: BuildCache[str, str] = BuildCache(limit=2)

    def get(key: str) -> str:
        return cache.get(key, lambda: made.append(key) or key.upper())

    assert [get("a"), get("b"), get("a"), get("c")] == ["A", "B", "A", "C"]  # "b" is the least recent: dropped
    assert len(cache) == 2 and get("a") == "A" and made == ["a", "b", "c"], "a kept, made once"
    get("b")
    assert made == ["a", "b", "c", "b"] and len(cache) == 2, "b made again, c dropped"
    cache.prune()
    assert len(cache) == 2, "what was looked up since the last prune stays"


PARTS = ("", "yaml", "images", "cards", "templates", "maps", "data", "publish")
"""The build cache itself, then each part a plugin keeps there."""


def test_a_cache_folder_that_cannot_be_used_stops_the_build_with_a_message(project: Project) -> None:
    """A file where a part of the build cache should be (or the cache itself): the build stops before
    writing there, says which folder and what to do, and shows no traceback; the site is not touched."""
    project.own_cache()
    assert project.build().returncode == 0
    published = sorted(path.relative_to(project.site) for path in project.site.rglob("*"))
    cache = project.root / ".cache"
    kept = project.root / "kept-cache"
    for part in PARTS:
        shutil.copytree(cache, kept)
        blocked = cache / part if part else cache
        shutil.rmtree(blocked)
        blocked.write_text("not a folder\n", encoding="utf-8")
        project.edit_a_page()  # else the build finds the site up to date before any cache is used
        result = project.build()
        assert result.returncode != 0, part
        assert f"the build cache cannot be used: {blocked}" in result.stderr, result.stderr
        assert f"Delete {cache} (always safe" in result.stderr
        assert "Traceback" not in result.stderr
        assert sorted(path.relative_to(project.site) for path in project.site.rglob("*")) == published
        blocked.unlink()
        if cache.exists():
            shutil.rmtree(cache)
        kept.rename(cache)
