"""The contributor guide (docs/guide/, read on GitHub) and the CI templates: present, accurate, installable."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml
from tests.conftest import REPO

from vitrine.catalogue.wording import KIND_NAMES, STATUS_NAMES
from vitrine.i18n.messages import load_messages
from vitrine.identity.contrast import AA_TEXT
from vitrine.identity.tokens import load_identity
from vitrine.model.images import MAX_BYTES, MAX_PIXELS
from vitrine.model.records import LABEL_STATUSES

GUIDES = {"fr": REPO / "docs/guide/fr.md", "en": REPO / "docs/guide/en.md"}
COMMANDS = (
    "vitrine new quartier",
    "vitrine new champion",
    "vitrine check",
    "vitrine translations",
    "--mark-current",
    "vitrine serve",
    "vitrine build",
    "--lang en",
    "VITRINE_LANG=en",
)


def github_anchor(heading: str) -> str:
    """The id GitHub gives a Markdown heading: lower case, punctuation dropped, spaces to dashes."""
    text = unicodedata.normalize("NFC", heading.strip().lower())
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


@pytest.mark.parametrize("language", GUIDES)
def test_guide_covers_every_command_and_its_links_resolve(language: str) -> None:
    guide = GUIDES[language]
    text = guide.read_text(encoding="utf-8")
    assert not guide.is_relative_to(REPO / "content")  # never published
    for command in COMMANDS:
        assert command in text, command
    prose = re.sub(r"^```.*?^```$", "", text, flags=re.MULTILINE | re.DOTALL)  # examples are not the guide's links
    prose = re.sub(r"`[^`\n]*`", "", prose)  # nor inline code
    anchors = {github_anchor(h) for h in re.findall(r"^#{1,6} (.+)$", prose, re.MULTILINE)}
    for target in re.findall(r"\]\(([^)\s]+)\)", prose):
        if target.startswith(("http://", "https://")):
            continue
        path, _, anchor = target.partition("#")
        if path:
            assert (guide.parent / path).is_file(), target
        if anchor and not path:
            assert anchor in anchors, target


def test_guide_states_the_real_image_rules() -> None:
    identity = load_identity(REPO / "identity.yml", "identity.yml")
    tile, widths = identity.images.logo_tile, sorted(identity.images.widths)
    fr = GUIDES["fr"].read_text(encoding="utf-8")
    en = GUIDES["en"].read_text(encoding="utf-8")
    assert f"{MAX_BYTES // 1_000_000} Mo" in fr and f"{MAX_BYTES // 1_000_000} MB" in en
    assert f"{MAX_PIXELS // 1_000_000} mégapixels" in fr and f"{MAX_PIXELS // 1_000_000} megapixels" in en
    assert ", ".join(f"{w:,}".replace(",", " ") for w in widths[:-1]) + f" et {widths[-1]:,}".replace(",", " ") in fr
    assert ", ".join(f"{w:,}" for w in widths[:-1]) + f" and {widths[-1]:,}" in en
    assert f"{tile.width} × {tile.height}" in fr and f"{tile.width} × {tile.height}" in en
    assert f"{tile.padding} pixels" in fr and f"{tile.padding} pixel margin" in en
    assert f"{AA_TEXT}:1" in fr and f"{AA_TEXT}:1" in en


def _rows(text: str, cells: int) -> dict[str, list[str]]:
    """The guide's table rows of `cells` cells, by their first cell (a `value`)."""
    rows = (line.strip("|").split(" | ") for line in text.split("\n") if line.startswith("| `"))
    return {row[0].strip("` "): [cell.strip() for cell in row] for row in rows if len(row) == cells}


def test_guide_shows_each_kind_and_status_as_the_site_publishes_it() -> None:
    french = load_messages("fr").gettext
    for language, text in ((code, path.read_text(encoding="utf-8")) for code, path in GUIDES.items()):
        kinds, statuses = _rows(text, 4), _rows(text, 2)
        for kind, fitting in LABEL_STATUSES.items():
            shown = f"« {french(KIND_NAMES[kind])} »"
            assert kinds[kind][1] == (shown if language == "fr" else f'"{KIND_NAMES[kind]}", {shown}'), kind
            assert kinds[kind][3] == ", ".join(f"`{status}`" for status in fitting), kind
        for status, name in STATUS_NAMES.items():
            shown = f"« {french(name)} »"
            assert statuses[status][1] == (shown if language == "fr" else f'"{name}", {shown}'), status


def _jobs(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return dict(data.get("jobs", data))


def _commands(job: dict[str, Any]) -> str:
    """The shell lines of a job: GitHub's `run` steps or GitLab's `script`."""
    steps = job.get("steps") or [{"run": line} for line in job.get("script", [])]
    return "\n".join(str(step.get("run", "")) for step in steps)


def test_github_template_publishes_only_after_the_check_and_the_suite() -> None:
    template = REPO / ".ci/templates/github-pages.yml"
    text = template.read_text(encoding="utf-8")
    assert "copy this file to .github/workflows/pages.yml" in text
    jobs = _jobs(template)
    assert "vitrine check --format github" in _commands(jobs["test"])
    assert ".ci/run" in _commands(jobs["test"])
    assert jobs["build"]["needs"] == "test"
    assert "vitrine build --site-url" in _commands(jobs["build"])
    assert jobs["deploy"]["needs"] == "build"
    assert "pull_request" in str(jobs["deploy"]["if"]) and "default_branch" in str(jobs["deploy"]["if"])
    assert (REPO / ".ci/run").is_file() and (REPO / "scripts/bootstrap").is_file()


def test_gitlab_template_publishes_only_after_the_check_and_the_suite() -> None:
    template = REPO / ".ci/templates/gitlab-ci.yml"
    assert "copy this file to .gitlab-ci.yml" in template.read_text(encoding="utf-8")
    jobs = _jobs(template)
    assert "vitrine check" in _commands(jobs["check"]) and ".ci/run" in _commands(jobs["test"])
    pages = jobs["pages"]
    assert pages["needs"] == ["check", "test"] and pages["artifacts"] == {"paths": ["public"]}
    assert "vitrine build --site-url" in _commands(pages) and "--site-dir public" in _commands(pages)
    assert "CI_DEFAULT_BRANCH" in str(pages["rules"])
    # the editor's packages are installed only when the editor is published (VITRINE_EDITOR)
    assert 'if [ "${VITRINE_EDITOR:-false}" = "true" ]; then scripts/bootstrap --edit; fi' in pages["script"]
    assert pages["script"].index(next(s for s in pages["script"] if "bootstrap --edit" in s)) < len(pages["script"]) - 1


def _hashed(pattern: str, path: str) -> bool:
    """Whether GitHub's `hashFiles(pattern)` reads `path`: `*` stays within a folder, `**` crosses them."""
    parts = (re.escape(part).replace(r"\*", "[^/]*") for part in pattern.split("**"))
    return re.fullmatch(".*".join(parts), path) is not None


def test_github_template_keeps_the_cache_between_publishes() -> None:
    steps = _jobs(REPO / ".ci/templates/github-pages.yml")["build"]["steps"]
    (cache,) = [step for step in steps if str(step.get("uses", "")).startswith("actions/cache@")]
    build = next(step for step in steps if "vitrine build" in str(step.get("run", "")))
    assert steps.index(cache) < steps.index(build) and cache["with"]["path"] == ".cache"
    key, fallback = cache["with"]["key"], cache["with"]["restore-keys"]
    assert key.startswith(fallback) and key != fallback  # the newest cache of an earlier commit is restored
    patterns = re.fullmatch(r"vitrine-cache-\$\{\{ hashFiles\((.+)\) \}\}", key)
    assert patterns is not None, key
    hashed = [pattern.strip(" '") for pattern in patterns.group(1).split(",")]
    inputs = (
        "pyproject.toml",
        "package-lock.json",
        "mkdocs.yml",
        "identity.yml",
        "content/fr/index.md",
        "quartiers/lille/quartier.yml",
        "champions/doctolib/fr.md",
        "overrides/main.html",
        "plugins/vitrine/identity/cards.py",
    )
    for path in inputs:
        assert (REPO / path).is_file() and any(_hashed(pattern, path) for pattern in hashed), path


def test_gitlab_template_keeps_the_cache_between_publishes() -> None:
    cache = _jobs(REPO / ".ci/templates/gitlab-ci.yml")["pages"]["cache"]
    assert cache["paths"] == [".cache/"]
    assert cache["key"]["files"] == ["pyproject.toml", "package-lock.json"]  # new dependencies, fresh cache
    assert all((REPO / path).is_file() for path in cache["key"]["files"])
