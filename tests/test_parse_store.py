"""Parses of records and front matter are kept in `.cache/yaml/` between processes: a text
read again is not parsed again, an edited one is, and a build with kept parses reports the
same problems and writes the same site."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest
from tests.conftest import Project
from tests.helpers import new_process, snapshot

from vitrine.images.pipeline import write_atomically
from vitrine.model.parsestore import ParseStore
from vitrine.model.yamlsource import read_yaml_file, split_front_matter

RECORD = b"name: Lyon\nname: Lyon bis\nyear: 2014\n"
"""A duplicate key: a parse with a located problem, which must be kept as it is."""
PAGE = b"---\ntitle: Accueil\nnav_order: 1\n---\n\nBienvenue.\n"


def test_kept_parses_are_not_parsed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = ParseStore(tmp_path / "yaml")
    parsed = new_process(monkeypatch)
    assert store.load() == 0
    first = read_yaml_file(RECORD, "quartiers/lyon/quartier.yml")
    front = split_front_matter(PAGE, "content/fr/index.md")
    assert parsed == ["quartiers/lyon/quartier.yml", "content/fr/index.md"]
    assert first[0] is not None and first[1], "the duplicate key is reported"
    assert store.save(write_atomically)
    assert [path.name for path in (tmp_path / "yaml").iterdir()] == [store.path.name]

    parsed = new_process(monkeypatch)
    assert ParseStore(tmp_path / "yaml").load() == 2
    again = read_yaml_file(RECORD, "quartiers/lyon/quartier.yml")
    assert parsed == [], "both texts come from the store"
    assert again[0] is not None and again[0].data == first[0].data and again[0].marks == first[0].marks
    assert again[1] == first[1], "the same problem, same line and column"
    assert split_front_matter(PAGE, "content/fr/index.md") == front
    again[0].data["name"] = "changed by a caller"
    third = read_yaml_file(RECORD, "quartiers/lyon/quartier.yml")[0]
    assert third is not None and third.data == first[0].data, "each caller gets its own copy"
    kept = store.path.stat().st_mtime_ns
    assert not ParseStore(tmp_path / "yaml").save(write_atomically), "nothing new: the file is not written"
    assert store.path.stat().st_mtime_ns == kept


def test_an_edited_text_is_parsed_again_and_a_text_not_read_is_dropped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = ParseStore(tmp_path / "yaml")
    new_process(monkeypatch)
    store.load()
    read_yaml_file(RECORD, "quartiers/lyon/quartier.yml")
    split_front_matter(PAGE, "content/fr/index.md")
    store.save(write_atomically)

    parsed = new_process(monkeypatch)
    store.load()
    edited = read_yaml_file(b"name: Lyon\nyear: 2015\n", "quartiers/lyon/quartier.yml")
    assert parsed == ["quartiers/lyon/quartier.yml"] and edited[0] is not None
    assert edited[0].data == {"name": "Lyon", "year": 2015} and edited[1] == []
    assert store.save(write_atomically)

    parsed = new_process(monkeypatch)
    assert store.load() == 1, "the page's front matter was not read in the last run: it is gone"
    read_yaml_file(b"name: Lyon\nyear: 2015\n", "quartiers/lyon/quartier.yml")
    assert parsed == []


def test_an_unreadable_store_or_one_of_other_code_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = ParseStore(tmp_path / "yaml")
    store.path.parent.mkdir()
    store.path.write_bytes(b"not a pickle")
    new_process(monkeypatch)
    assert store.load() == 0
    assert read_yaml_file(RECORD, "quartiers/lyon/quartier.yml")[0] is not None
    assert store.save(write_atomically)
    older = store.path.with_name("parses-0123456789abcdef0123.pickle")
    older.write_bytes(store.path.read_bytes())
    read_yaml_file(PAGE[4:34], "other.yml")
    assert store.save(write_atomically)
    assert not older.exists(), "a store of other code is deleted when this one is saved"


def test_a_build_with_kept_parses_reports_and_builds_the_same(project: Project, tmp_path: Path) -> None:
    project.own_cache()
    record = project.root / "quartiers/test/quartier.yml"
    record.write_text(record.read_text(encoding="utf-8") + "unknown_field: 1\n", encoding="utf-8")
    cold = project.build()
    assert cold.returncode == 1 and "unknown_field" in cold.stderr
    assert not list((project.root / ".cache").glob("yaml/*")), "a failed build keeps no parse"
    record.write_text(record.read_text(encoding="utf-8").replace("unknown_field: 1\n", ""), encoding="utf-8")
    first = project.build("-d", str(tmp_path / "first"))
    assert first.returncode == 0, first.stderr
    assert len(list((project.root / ".cache").glob("yaml/parses-*.pickle"))) == 1
    second = project.build("-d", str(tmp_path / "second"))
    assert second.returncode == 0, second.stderr
    assert snapshot(tmp_path / "second") == snapshot(tmp_path / "first")
    record.write_text(record.read_text(encoding="utf-8") + "unknown_field: 1\n", encoding="utf-8")
    again = project.build()
    assert again.returncode == 1
    assert [line for line in again.stderr.splitlines() if "unknown_field" in line] == [
        line for line in cold.stderr.splitlines() if "unknown_field" in line
    ], "the same report, whether the record was parsed or kept"


PROBE = """
import json, pathlib
from vitrine.model.buildcache import BuildCache, active
from vitrine.model.markup import CHECKED
from vitrine.model.yamlsource import parses

out = pathlib.Path(__file__).with_name("held.jsonl")


def on_post_page(output, page, config):
    if page.file.generated_by != "vitrine/catalogue":
        source = "editorial"
    else:
        source = "let go" if page.markdown == "" and page.file.content_string == "" else "kept"
        source += "" if page.title == page.meta["title"] else f", titled {page.title!r}"
    with out.open("a") as handle:
        handle.write(json.dumps([len(parses().parsed), len(active().part(CHECKED, BuildCache)), source]) + "\\n")
    return output
"""


def test_a_build_keeps_its_parses_before_the_pages_and_holds_none_while_they_render(project: Project) -> None:
    """Every record and page is read by then: at 50,000 pages the parses and the Markdown checks'
    findings were 160 MB of the heap the page workers inherit, the record pages' Markdown 27 MB."""
    project.own_cache()
    project.write("held_probe.py", PROBE)
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nhooks:\n  - held_probe.py\n", encoding="utf-8")
    built = project.build()
    assert built.returncode == 0, built.stderr
    held = {tuple(json.loads(line)) for line in (project.root / "held.jsonl").read_text().splitlines()}
    # The record pages' Markdown is let go too (rendering.py, point 8); the editorial pages' is not.
    assert held == {(0, 0, "let go"), (0, 0, "editorial")}, held
    (store,) = (project.root / ".cache").glob("yaml/parses-*.pickle")
    assert len(pickle.loads(store.read_bytes())) >= 3, "the project's records and pages are kept for the next build"
