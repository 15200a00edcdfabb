"""Every kind of file the site is made from, broken in every common way, through every command.

A copy of the repository's sample is built once (--strict). Each mutation (truncation, wrong root
type, empty file, invalid UTF-8, NUL byte, tab indentation, duplicate key, anchors and aliases,
`!!python` tags, unknown key, wrong value type) is then applied to one file of each kind at once
(records, definitions, translation sidecars, a page's, a post's and a translation's front matter,
narratives, the calendar, the identity, the glossary), and:

- `vitrine check` exits 1, names every broken file with a line, prints no traceback;
- `mkdocs build --strict` and `mkdocs build -q --strict` exit non-zero, name every broken file
  with a line in one run, print no traceback and leave site/ byte for byte;
- `mkdocs serve`'s quick pass refuses the broken records, keeps the last good pages served and
  prints no traceback.

The few mutations that are harmless by design are listed in ACCEPTED, with the reason (README,
"When something is wrong"), and checked to build.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from tests.conftest import ONE_PROCESS, REPO, Project, mkdocs, mkdocs_here, tracked_copy, vitrine_here
from tests.helpers import _fetch, _wait_for, _wait_in_log, beside, snapshot
from tests.helpers import previewing as serving

YAML_FILES = (
    "quartiers/lyon/quartier.yml",
    "champions/exotec/champion.yml",
    "quartiers/criteria.yml",
    "champions/sectors.yml",
    "quartiers/lyon/quartier.translations.yml",
    "quartiers/criteria.translations.yml",
    "quartiers/calendar.yml",
    "identity.yml",
    "glossary.yml",
)
FRONT_MATTER_FILES = (
    "content/fr/charte.md",
    "content/fr/news/2014-11-12-premiere-vague.md",
    "quartiers/lyon/en.md",
)
PLAIN_MARKDOWN = ("quartiers/lyon/fr.md", "content/en/index.md")
"""Markdown whose YAML, if any, is not where the mutation goes: only its bytes can be broken."""
QUICK_PASS = (
    "quartiers/lyon/quartier.yml",
    "champions/exotec/champion.yml",
    "quartiers/lyon/quartier.translations.yml",
    "quartiers/lyon/en.md",
)
"""The files an edit of which `mkdocs serve` renders in its quick pass (the edited records' pages)."""

Mutation = Callable[[str], str]


def _middle_line(lines: list[str]) -> int:
    """Index of a line near the middle that holds something (not blank, not a comment)."""
    candidates = [i for i, line in enumerate(lines) if line.strip() and not line.lstrip().startswith("#")]
    return candidates[len(candidates) // 2]


def truncated(text: str) -> str:
    """Cut after the key (or the dash) of a line half way down, as a save that stopped there."""
    lines = text.split("\n")
    index = _middle_line(lines)
    line = lines[index]
    if ":" in line:
        cut = line.index(":") + 1
    elif line.lstrip().startswith("- "):
        cut = line.index("- ") + 1
    else:
        cut = max(1, len(line) // 2)
    return "\n".join([*lines[:index], line[:cut]])


def scalar_root(_text: str) -> str:
    return "just a sentence\n"


def list_root(_text: str) -> str:
    return "- one\n- two\n"


def empty(_text: str) -> str:
    return ""


def tab_indented(text: str) -> str:
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.startswith("  ") and line.strip() and not line.lstrip().startswith("#"):
            lines[i] = "\t" + line[2:]
            return "\n".join(lines)
    index = _middle_line(lines)
    lines[index] = "\t" + lines[index]
    return "\n".join(lines)


def duplicate_key(text: str) -> str:
    first = next(line for line in text.split("\n") if re.match(r"^[\w.-]+:", line))
    return text.rstrip("\n") + "\n" + first + "\n"


def alias(text: str) -> str:
    return text.rstrip("\n") + "\nzz_anchor: &shared x\nzz_alias: *shared\n"


def python_tag(text: str) -> str:
    return text.rstrip("\n") + "\nzz_tag: !!python/object/apply:os.system ['true']\n"


def unknown_key(text: str) -> str:
    return text.rstrip("\n") + "\nzz_unknown: 1\n"


def wrong_type(text: str) -> str:
    """The first `key: value` (at any depth) gets a group of fields; else the first list item."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        match = re.match(r"^(\s*(?:- )?[\w.\[\]-]+:)\s+\S", line)
        if match and not line.lstrip().startswith("#"):
            lines[i] = match.group(1) + " {zz: 1}"
            return "\n".join(lines)
    for i, line in enumerate(lines):
        if line.lstrip().startswith("- "):
            lines[i] = line[: line.index("- ") + 2] + "{zz: 1}"
            return "\n".join(lines)
    raise AssertionError("nothing to give a wrong type to")


TEXT_MUTATIONS: dict[str, Mutation] = {
    "truncated": truncated,
    "scalar-root": scalar_root,
    "list-root": list_root,
    "empty": empty,
    "tab-indentation": tab_indented,
    "duplicate-key": duplicate_key,
    "anchor-and-alias": alias,
    "python-tag": python_tag,
    "unknown-key": unknown_key,
    "wrong-type": wrong_type,
}
BYTE_MUTATIONS: dict[str, bytes] = {"invalid-utf8": b"caf\xe9 \xff", "nul-byte": b"\x00"}

ACCEPTED: dict[tuple[str, str], str] = {}
"""(file, mutation) -> why it is harmless; each is built and must succeed."""


def _mutated(rel: str, raw: bytes, mutation: str) -> bytes | None:
    """The file's bytes once broken, or None when the mutation does not apply to this kind of file."""
    if mutation in BYTE_MUTATIONS:
        middle = raw.find(b"\n", len(raw) // 2) + 1
        return raw[:middle] + BYTE_MUTATIONS[mutation] + raw[middle:]
    if rel in PLAIN_MARKDOWN:
        return None
    text = raw.decode("utf-8")
    if rel not in FRONT_MATTER_FILES:
        return TEXT_MUTATIONS[mutation](text).encode("utf-8")
    assert text.startswith("---\n"), rel
    end = text.index("\n---\n", 3)
    front, rest = text[4 : end + 1], text[end + 1 :]
    if mutation == "truncated":  # the closing fence never comes
        return ("---\n" + truncated(front)).encode("utf-8")
    if mutation == "empty":
        return b""
    return ("---\n" + TEXT_MUTATIONS[mutation](front).rstrip("\n") + "\n" + rest).encode("utf-8")


MUTATIONS = [*TEXT_MUTATIONS, *BYTE_MUTATIONS]
FILES = (*YAML_FILES, *FRONT_MATTER_FILES, *PLAIN_MARKDOWN)


@dataclass
class Sample:
    root: Path
    site: dict[str, str]
    originals: dict[str, bytes]

    def break_files(self, mutation: str, files: tuple[str, ...] = FILES) -> list[str]:
        broken = []
        for rel in files:
            changed = _mutated(rel, self.originals[rel], mutation)
            if changed is not None and (rel, mutation) not in ACCEPTED:
                assert changed != self.originals[rel], (rel, mutation)
                (self.root / rel).write_bytes(changed)
                broken.append(rel)
        return broken

    def restore(self, *files: str) -> None:
        for rel in files or FILES:
            (self.root / rel).write_bytes(self.originals[rel])


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory, sample_cache: Path) -> Iterator[Sample]:
    """A copy of the repository's sample, built with --strict (warm: images and cards are not drawn again)."""
    root = tracked_copy(tmp_path_factory.mktemp("every-file"), cache=sample_cache)
    built = mkdocs("build", "--strict", cwd=root)
    assert built.returncode == 0, built.stderr
    yield Sample(root, snapshot(root / "site"), {rel: (root / rel).read_bytes() for rel in FILES})


@contextmanager
def one_process(sample: Sample) -> Iterator[None]:
    """The sample renders in the build's process while inside: its failed builds then run in this
    process (`mkdocs_here`), which forks nothing; the repository's configuration comes back after."""
    config = sample.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - vitrine/render " in text, "vitrine/render's line moved in mkdocs.yml"
    config.write_text(text.replace("  - vitrine/render ", f"{ONE_PROCESS}  #", 1), encoding="utf-8")
    try:
        yield
    finally:
        config.write_text(text, encoding="utf-8")


def _located(rel: str, output: str) -> bool:
    """`output` names `rel` with a line number (`rel:12` or `rel:12:3`)."""
    return re.search(rf"(?m)(^|\s){re.escape(rel)}:[1-9][0-9]*[:\s]", output) is not None


@pytest.mark.parametrize("mutation", MUTATIONS)
def test_check_names_every_broken_file(sample: Sample, mutation: str) -> None:
    broken = sample.break_files(mutation)
    try:
        result = vitrine_here(sample.root, "check", "--lang", "en")
    finally:
        sample.restore()
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output, output
    unnamed = [rel for rel in broken if not _located(rel, output)]
    assert unnamed == [], f"not named with a line: {unnamed}\n{output}"


@pytest.mark.parametrize("mutation", MUTATIONS)
def test_strict_builds_name_every_broken_file_at_once_and_keep_the_site(sample: Sample, mutation: str) -> None:
    """One strict build, loud or quiet (-q), names every broken file with a line, whichever plugin
    reads it (the identity's tokens at on_config; records, pages, translations, the calendar and the
    glossary at on_files: vitrine/reporting), and leaves site/ as it was."""
    broken = sample.break_files(mutation)
    with one_process(sample):
        try:
            for flags in (("--strict",), ("--strict", "-q")):
                result = mkdocs_here("build", *flags, cwd=sample.root)
                output = result.stdout + result.stderr
                assert result.returncode != 0, f"{flags} published with {broken} broken\n{output}"
                assert "Traceback" not in output, output
                assert snapshot(sample.root / "site") == sample.site, "a failed build changed site/"
                assert beside(sample.root / "site") == []
                unnamed = [rel for rel in broken if not _located(rel, output)]
                assert unnamed == [], f"{flags}: not named with a line: {unnamed}\n{output}"
        finally:
            sample.restore()


def test_quick_pass_refuses_every_broken_record_and_keeps_the_pages(sample: Sample, tmp_path: Path) -> None:
    """`mkdocs serve`: the records' files broken one way after another are each refused by the quick
    pass, the last good pages staying served; then mended, they are rendered again. (Going from one
    broken state to the next, not through a good one, spares a full build after each mutation.)"""
    log = tmp_path / "serve.log"
    page = "/en/quartiers/lyon/"
    with serving_sample(sample, log) as base:
        good = _wait_for(base + page, "Lyon", time.monotonic() + 300)
        try:
            for failures, mutation in enumerate(MUTATIONS, 1):
                broken = sample.break_files(mutation, QUICK_PASS)
                output = _wait_for_count(log, "the last good pages stay served", failures)
                assert "Traceback" not in output, output
                refused = output.split("the last good pages stay served")[-2]
                assert any(_located(rel, refused) for rel in broken), (mutation, output)
                assert _without_reload(_fetch(base + page)) == _without_reload(good)
        finally:
            sample.restore(*QUICK_PASS)
        _wait_for_status_gone(base)
        assert _without_reload(_fetch(base + page)) == _without_reload(good)
        assert "Traceback" not in log.read_text(encoding="utf-8")


def _without_reload(html: str) -> str:
    """A served page without its live-reload epochs, which change with every rebuild attempt."""
    return re.sub(r"livereload\(\d+, \d+\)", "livereload()", html)


@contextmanager
def serving_sample(sample: Sample, log: Path) -> Iterator[str]:
    with serving(Project(sample.root), log) as port:
        _wait_in_log(log, "Serving on", time.monotonic() + 300)
        yield f"http://127.0.0.1:{port}"


def _wait_for_count(log: Path, text: str, count: int) -> str:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        output = log.read_text(encoding="utf-8")
        if output.count(text) >= count:
            return output
        time.sleep(0.3)
    raise AssertionError(f"{text!r} seen fewer than {count} times:\n{log.read_text(encoding='utf-8')[-4000:]}")


def _wait_for_status_gone(base: str) -> None:
    """The preview's error banner goes once the mended files are rendered again."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            _fetch(f"{base}/_vitrine/build-status.json")
        except OSError:  # 404: the last rebuild succeeded
            return
        time.sleep(0.3)
    raise AssertionError("the error banner stayed after the files were mended")


def test_mutations_change_every_kind_of_file() -> None:
    """No case passes by doing nothing: each mutation changes each file it applies to."""
    for rel in FILES:
        raw = (REPO / rel).read_bytes()
        applied = [m for m in MUTATIONS if _mutated(rel, raw, m) is not None]
        assert all(_mutated(rel, raw, m) != raw for m in applied), rel
        assert len(applied) == (len(BYTE_MUTATIONS) if rel in PLAIN_MARKDOWN else len(MUTATIONS)), rel
