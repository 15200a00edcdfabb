"""The contributor guide (docs/guide/, read on GitHub) and the CI templates: present, accurate, installable."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml
from tests.conftest import REPO

from vitrine.identity.contrast import AA_TEXT
from vitrine.identity.tokens import load_identity
from vitrine.images.pipeline import MAX_BYTES, MAX_PIXELS

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
    anchors = {github_anchor(h) for h in re.findall(r"^#{1,6} (.+)$", text, re.MULTILINE)}
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
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
