"""Pages taken over from the last build (vitrine/render's reuse.py): a page whose inputs are those of
its published file is not rendered again, and the site is byte for byte what a full build writes,
after an edit of a template, a definition, a translation or one record, with page workers or not."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest
from markupsafe import Markup
from tests.conftest import REPO, Project, mkdocs, tracked_copy
from tests.helpers import EDITS, build, edit, full_build, snapshot

from vitrine.catalogue import reads
from vitrine.catalogue.context import PageContext
from vitrine.catalogue.structure import PageSpec
from vitrine.i18n.messages import Messages
from vitrine.model.catalogue import load_catalogue
from vitrine.model.fingerprint import Fingerprints, Undigestable
from vitrine.publish.unchanged import inputs_fingerprints, page_sources
from vitrine.render.reuse import record_name

TAKEN = re.compile(r"pages: (\d+) taken over from the last build, (\d+) rendered")


def counts(output: str) -> tuple[int, int]:
    found = TAKEN.findall(output)
    assert len(found) == 1, output
    taken, rendered = found[0]
    return int(taken), int(rendered)


def rewritten(site: Path, before: dict[str, int]) -> set[str]:
    """The pages whose file is not the one the last build published (by inode: a page taken over is
    the same file, linked into the new site)."""
    return {rel for rel, inode in inodes(site).items() if before.get(rel) != inode}


def inodes(site: Path) -> dict[str, int]:
    """Every page's file (the site-wide 404.html is a template, not a page: written every time)."""
    found = {path.relative_to(site).as_posix(): path.stat().st_ino for path in site.rglob("*.html")}
    found.pop("404.html", None)
    return found


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory, sample_cache: Path) -> Path:
    """The repository's sample, with page workers as the repository builds it, built once."""
    root = tracked_copy(tmp_path_factory.mktemp("reuse") / "vitrine", cache=sample_cache)
    taken, rendered = counts(build(root))
    assert taken == 0 and rendered > 400
    return root


@pytest.mark.parametrize("kind", list(EDITS))
def test_after_each_kind_of_edit_the_site_is_a_full_builds(kind: str, sample: Path, tmp_path: Path) -> None:
    root = tracked_copy(tmp_path / "vitrine", cache=sample / ".cache")
    first = build(root)
    assert counts(first)[1] > 400
    before = inodes(root / "site")
    rel, old, new = EDITS[kind]
    edit(root, rel, old, new)
    taken, rendered = counts(build(root))
    assert snapshot(root / "site") == full_build(root), f"after {kind}: not the bytes of a full build"
    changed = rewritten(root / "site", before)
    assert len(changed) == rendered, "the pages said rendered are the files written anew"
    total = taken + rendered
    if kind == "template":  # every page shows the footer
        assert taken == 0 and rendered == total
    elif kind == "record":
        assert "en/champions/alan/index.html" in changed and "en/index.html" not in changed
        assert 6 <= rendered < total // 4, (taken, rendered)
    elif kind == "translation":
        assert "en/charte/index.html" in changed
        assert rendered < total // 2, (taken, rendered)
    else:  # the definitions are inputs of every page (reuse.py)
        assert taken == 0 and rendered == total
        assert "Robots and logistics" in (root / "site/en/champions/exotec/index.html").read_text(encoding="utf-8")
    if kind in ("record", "translation"):
        assert "fr/charte/index.html" not in changed, "a page that shows nothing edited is taken over"


def test_a_page_changed_by_hand_or_deleted_is_rendered_again(sample: Path, tmp_path: Path) -> None:
    root = tracked_copy(tmp_path / "vitrine", cache=sample / ".cache")
    build(root)
    site = root / "site"
    tampered = site / "de/charte/index.html"
    tampered.write_text(tampered.read_text(encoding="utf-8").replace("<main", "<main data-x", 1), encoding="utf-8")
    (site / "ja/charte/index.html").unlink()
    before = inodes(site)
    edit(root, *EDITS["record"])
    taken, rendered = counts(build(root))
    changed = rewritten(site, before)
    assert {"de/charte/index.html", "ja/charte/index.html"} <= changed
    assert snapshot(site) == full_build(root)
    assert taken > rendered >= len(changed) >= 2


def test_a_failed_build_leaves_the_last_good_record(sample: Path, tmp_path: Path) -> None:
    """A build that fails publishes nothing and records nothing: the next one takes over the pages of
    the site still published, and writes a full build's bytes."""
    root = tracked_copy(tmp_path / "vitrine", cache=sample / ".cache")
    build(root)
    good = snapshot(root / "site")
    path = root / "champions/alan/champion.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("founded: 2016", "founded: [2016"), encoding="utf-8")
    failed = mkdocs("build", "--strict", cwd=root)
    assert failed.returncode != 0 and "Traceback" not in failed.stderr
    assert snapshot(root / "site") == good
    path.write_text(text.replace("founded: 2016", "founded: 2015"), encoding="utf-8")
    taken, rendered = counts(build(root))
    assert taken > rendered > 0
    assert snapshot(root / "site") == full_build(root)


def test_a_broken_ledger_means_every_page_is_rendered_never_an_error(project: Project) -> None:
    build(project.root)
    ledger = (project.shared_cache or project.root / ".cache") / "render" / record_name(project.site.resolve())
    assert ledger.stat().st_size > 0
    ledger.write_bytes(b"not a database")
    project.edit_a_page()
    taken, rendered = counts(build(project.root))
    assert taken == 0 and rendered > 0
    project.edit_a_page()
    taken, rendered = counts(build(project.root))
    assert taken > 0, "a good ledger again"


def test_dirty_and_reuse_pages_false_render_every_page(project: Project) -> None:
    build(project.root)
    project.edit_a_page()
    dirty = mkdocs("build", "--dirty", "--no-strict", cwd=project.root)
    assert dirty.returncode == 0 and "taken over" not in dirty.stdout + dirty.stderr
    project.render_option("reuse_pages: false")
    project.edit_a_page()
    assert "taken over" not in build(project.root)


def with_hooks(project: Project, source: str) -> None:
    """The project's mkdocs.yml names a `hooks.py` of this source."""
    project.write("hooks.py", source)
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nhooks:\n  - hooks.py\n", encoding="utf-8")


HOOK = """
def on_page_context(context, page, config, nav):
    if page.file.src_uri == "en/index.md":
        context["odd"] = object()  # a value no digest can stand for
    return context
"""


def test_a_context_value_that_cannot_be_digested_renders_its_page_every_time(project: Project) -> None:
    with_hooks(project, HOOK)
    build(project.root)
    before = inodes(project.site)
    edit(project.root, "quartiers/test/quartier.yml", "en: A test quarter.", "en: A quarter under test.")
    output = build(project.root, "-v")
    changed = rewritten(project.site, before)
    assert "en/index.html" in changed and "fr/index.html" not in changed
    assert "a value cannot be digested: odd: builtins.object" in output
    assert counts(output)[0] > 0


APPENDING = """
def on_post_page(output, page, config):
    return output + "<!-- checked -->"
"""


def test_a_hook_that_changes_pages_after_their_template_turns_taking_over_off(project: Project) -> None:
    """Its output for a page taken over would be made from nothing: every page is rendered."""
    with_hooks(project, APPENDING)
    build(project.root)
    project.edit_a_page()
    output = build(project.root)
    assert "taken over" not in output
    assert "every page is rendered (reuse_pages): on_post_page of hooks.py changes pages after they render" in output
    page = (project.site / "fr/index.html").read_text(encoding="utf-8")
    assert page.endswith("<!-- checked -->") and "<main" in page


LATE = """
from mkdocs.plugins import event_priority


@event_priority(-6000)
def on_page_context(context, page, config, nav):
    return context
"""


def test_a_context_hook_after_the_keys_are_read_turns_taking_over_off(project: Project) -> None:
    with_hooks(project, LATE)
    build(project.root)
    project.edit_a_page()
    output = build(project.root)
    assert "on_page_context of hooks.py adds to a page's context after its inputs are read" in output
    assert "taken over" not in output


def test_a_template_that_shows_the_build_time_renders_every_page(project: Project) -> None:
    """MkDocs' time of the build is left out of a page's key only while no template names it."""
    edit(project.root, "overrides/partials/copyright.html", '{{ _("Legal notice") }}', "{{ build_date_utc }}")
    build(project.root)
    project.edit_a_page()
    taken, rendered = counts(build(project.root))
    assert taken == 0 and rendered > 0


# The parts, on their own ------------------------------------------------------------------------


def test_digests_tell_values_apart_and_stand_for_them() -> None:
    @dataclasses.dataclass
    class Tile:
        name: str
        founded: int | None

    digests = Fingerprints()
    same = [digests.of(v) for v in ([Tile("Alan", 2016)], [Tile("Alan", 2016)])]
    assert same[0] == same[1]
    different = [
        [Tile("Alan", 2015)],
        [Tile("Alan", None)],
        [Tile("Alan", 2016), Tile("Alan", 2016)],
        (Tile("Alan", 2016),),
        {"Alan": 2016},
        ["Alan", 2016],
        [dt.date(2016, 1, 1)],
        ["2016"],
        [2016.0],
        [True],
    ]
    found = {digests.of(v) for v in different}
    assert len(found) == len(different) and same[0] not in found
    assert digests.of(Markup("<b>x</b>")) == digests.of("<b>x</b>"), "the text a template writes"
    assert digests.of({"a": 1, "b": 2}) != digests.of({"b": 2, "a": 1}), "a template walks a dict in order"
    with pytest.raises(Undigestable, match=r"builtins\.object"):
        digests.of({"x": [object()]})


def test_a_shared_value_is_digested_once() -> None:
    calls = []

    class View:
        def reuse_digest(self) -> bytes:
            calls.append(1)
            return b"view"

    class Record(View):
        reuse_shared = True

    digests, record, view = Fingerprints(), Record(), View()
    assert digests.of([record]) == digests.of([record])
    assert len(calls) == 1
    assert digests.of(view) == digests.of(view) and len(calls) == 3
    assert [value for value, _digest in digests.kept.values()] == [record], "a page's own object is not held"
    strings = Messages("en", {"Home": "Home"})
    first = digests.of(strings)
    strings.strings["Home"] = "Start"  # never done in a build; here, to show the first digest is kept
    assert digests.of(strings) == first and Fingerprints().of(strings) != first


def test_every_name_of_the_page_context_is_classed() -> None:
    """A name context.py adds must be classed in reads.py: else every page that reads it renders at
    every build (correct, but slow), and nobody would notice."""
    public = {name for name in dir(PageContext) if not name.startswith("_")}
    public |= {f.name for f in dataclasses.fields(PageContext)}
    classed = reads.SETTINGS | reads.WORK | reads.DEFINITIONS | reads.READ_PROPERTIES | reads.READ_METHODS
    assert public - classed == {"catalogue", "images"}, "catalogue: its definitions only; images: by image()"


@pytest.fixture(scope="module")
def catalogue_pair() -> tuple[object, object]:
    languages = ["fr", "en", "de", "es", "ja", "he"]
    return load_catalogue(REPO, languages), load_catalogue(REPO, languages)


def _view(catalogue: object, slug: str) -> reads.RecordedContext:
    spec = PageSpec(f"en/champions/{slug}.md", "champion", "en", slug, slug=slug)
    context = PageContext(catalogue, "en", [], Messages("en", {}), spec, "none", "accessibilite.md")  # type: ignore[arg-type]
    return reads.PageReads(context.catalogue).view(context)


def test_reads_are_asked_again_and_only_what_was_read_counts(catalogue_pair: tuple[object, object]) -> None:
    """A champion's page read its neighbours by sector: an edit of one of them changes what it read;
    an edit of a champion it did not show does not."""
    old, new = catalogue_pair
    view = _view(old, "alan")
    champion = view.champion
    neighbours = view.same_sector(champion)
    assert neighbours
    recorded = view.reads()
    assert recorded is not None and {name for name, _, _ in recorded} == {"champion", "same_sector"}
    shown = {entry.slug for entry in neighbours}
    unshown = next(slug for slug in new.champions if slug not in shown and slug != "alan")  # type: ignore[attr-defined]
    assert _view(new, "alan").replays(recorded)
    _rename(new, unshown)
    assert _view(new, "alan").replays(recorded), "a champion the page does not show"
    _rename(new, next(iter(shown)))
    assert not _view(new, "alan").replays(recorded), "a neighbour the page shows"


def test_a_read_that_cannot_be_recorded_says_so(catalogue_pair: tuple[object, object]) -> None:
    view = _view(catalogue_pair[0], "alan")
    assert view.catalogue.sectors is not None and view.reads() == []
    assert view.catalogue.champions and view.reads() is None
    assert "catalogue.champions" in str(view.why_not())


def _rename(catalogue: object, slug: str) -> None:
    champions = catalogue.champions  # type: ignore[attr-defined]
    entry = champions[slug]
    champions[slug] = dataclasses.replace(entry, record=entry.record.model_copy(update={"name": "Renamed"}))
    catalogue._derived.clear()  # type: ignore[attr-defined]  # as `replace_entries` does


def test_the_shared_inputs_leave_out_the_pages_own_sources(tmp_path: Path) -> None:
    """Every page's key holds the inputs all pages share: the pages' own texts and records are not
    among them (they reach a page through its content and its reads), the definitions are."""
    own = ["content/en/index.md", "champions/alan/champion.yml", "champions/alan/en.md", "quartiers/paris/logo.png"]
    shared = [
        "mkdocs.yml",
        "overrides/main.html",
        "champions/sectors.yml",
        "quartiers/criteria.yml",
        "content/en/a.png",
    ]
    for rel in own + shared:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("first", encoding="utf-8")
    page_source = page_sources(tmp_path / "content", tmp_path)

    def digests() -> tuple[str, str]:
        return inputs_fingerprints(tmp_path, [], [], {}, {}, page_source)

    for rel in own + shared:
        every, common = digests()
        (tmp_path / rel).write_text("edited", encoding="utf-8")
        after = digests()
        assert after[0] != every, f"{rel} is an input"
        assert (after[1] != common) == (rel in shared), f"{rel}: shared is {rel in shared}"
