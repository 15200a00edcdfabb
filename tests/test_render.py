"""vitrine/render, the build's speed behind one seam: whatever part of it is off, the site is the same.

Each part that uses MkDocs' private names (render/internals.py) falls back to MkDocs' own
behaviour when a name is missing, and the site without the plugin at all is the same too.
"""

from __future__ import annotations

import pytest
from mkdocs.commands import build as mkdocs_build
from tests.conftest import Project
from tests.helpers import snapshot

from vitrine.render import internals
from vitrine.render.internals import FORCED, PARTS, check


@pytest.mark.parametrize("forced", ["parser", "pages", "server", "off"])
def test_each_fallback_to_mkdocs_own_behaviour_writes_the_same_bytes(
    project: Project, forced: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fast paths that use MkDocs' private names (render/internals.py) and MkDocs' own
    behaviour for each part write the same site, byte for byte, and the log says which part fell back."""
    project.forking()  # the page workers are one of the parts
    fast = project.build("-d", "fast")
    assert fast.returncode == 0, fast.stderr
    assert "MkDocs' own behaviour" not in fast.stderr
    monkeypatch.setenv(FORCED, forced)
    slow = project.build("-d", "slow")
    assert slow.returncode == 0, slow.stderr
    fell_back = [part for part in PARTS if part == forced or forced == "off"]
    assert "MkDocs' own behaviour for" in slow.stderr and f"{FORCED}={forced}" in slow.stderr
    if "pages" in fell_back:
        assert "rendered by" not in slow.stderr and "rendered by" in fast.stderr  # no page workers
    assert snapshot(project.root / "slow") == snapshot(project.root / "fast")


def test_the_internals_are_there_on_the_installed_mkdocs() -> None:
    """The MkDocs this project pins has every private name the fast paths use, as they call it."""
    found = check()
    assert found.usable == set(PARTS) and found.problems == (), found.problems


def test_without_the_render_plugin_the_site_is_the_same(project: Project) -> None:
    """vitrine/publish alone (MkDocs' public API only) builds the same bytes, CSP hashes included."""
    project.forking()
    fast = project.build("-d", "fast")
    assert fast.returncode == 0, fast.stderr
    config = project.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - vitrine/render " in text
    config.write_text("\n".join(line for line in text.splitlines() if "vitrine/render" not in line), encoding="utf-8")
    plain = project.build("-d", "plain")
    assert plain.returncode == 0, plain.stderr
    assert "rendered by" in fast.stderr and "rendered by" not in plain.stderr
    assert snapshot(project.root / "plain") == snapshot(project.root / "fast")


def _checked_while(monkeypatch: pytest.MonkeyPatch) -> internals.Internals:
    """`check()` on MkDocs as `monkeypatch` left it (then as it was): its findings are cached per process."""
    internals._problems.cache_clear()
    try:
        return check()
    finally:
        monkeypatch.undo()
        internals._problems.cache_clear()


@pytest.mark.parametrize(
    ("name", "part"),
    [("_populate_page", "pages"), ("_build_page", "pages")],
)
def test_a_missing_name_switches_its_part_off_and_says_which(
    monkeypatch: pytest.MonkeyPatch, name: str, part: str
) -> None:
    monkeypatch.delattr(mkdocs_build, name)
    found = _checked_while(monkeypatch)
    assert part not in found.usable and {"parser", "server"} <= found.usable
    line = internals.problems_line(found)
    assert line is not None and f"mkdocs.commands.build.{name} is gone" in line


def test_a_changed_signature_switches_its_part_off(monkeypatch: pytest.MonkeyPatch) -> None:
    def _populate_page(page: object, config: object) -> None: ...

    monkeypatch.setattr(mkdocs_build, "_populate_page", _populate_page)
    found = _checked_while(monkeypatch)
    assert "pages" not in found.usable
    assert any("takes ('page', 'config')" in problem for problem in found.problems), found.problems
