"""Self-test of the gates on the real sample site: a planted mistake fails the strict build.

Each test plants one mistake into a copy of the repository (its own mkdocs.yml,
content and records) and checks that `mkdocs build --strict` refuses it and
leaves the copy's previous site as it was.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import mkdocs, tracked_copy
from tests.helpers import snapshot


@pytest.fixture(scope="module")
def sample_copy(tmp_path_factory: pytest.TempPathFactory, sample_cache: Path) -> Path:
    # Warm cards: these builds test the gates, not the drawing.
    copy = tracked_copy(tmp_path_factory.mktemp("gates") / "vitrine", cache=sample_cache)
    result = mkdocs("build", "--strict", cwd=copy)
    assert result.returncode == 0, result.stderr
    return copy


@pytest.mark.parametrize(
    ("planted", "message"),
    [
        ("\n\nVoir [le calendrier](calendrier-introuvable.md).\n", "contains a link 'calendrier-introuvable.md'"),
        ("\n\n<script>alert('planted')</script>\n", "<script>"),
    ],
    ids=["broken-link", "script"],
)
def test_planted_mistake_fails_the_strict_build(sample_copy: Path, planted: str, message: str) -> None:
    before = snapshot(sample_copy / "site")
    rel = "content/fr/charte.md"
    path = sample_copy / rel
    original = path.read_text(encoding="utf-8")
    path.write_text(original + planted, encoding="utf-8")
    try:
        result = mkdocs("build", "--strict", cwd=sample_copy)
    finally:
        path.write_text(original, encoding="utf-8")
    assert result.returncode == 1
    assert message in result.stderr
    assert "in strict mode, the site is not published" in result.stderr
    assert snapshot(sample_copy / "site") == before


QUIET_LOGGING_HOOK = """import logging

# As a site's own logging settings might: only errors from MkDocs and its plugins.
logging.getLogger("mkdocs").setLevel(logging.ERROR)
logging.getLogger("mkdocs.plugins").setLevel(logging.CRITICAL)
"""


@pytest.mark.parametrize(
    "command",
    [
        ("mkdocs", "build", "--strict", "-q"),
        ("mkdocs", "build", "--strict", "--quiet"),
        ("vitrine.cli", "build", "--no-check", "--strict", "-q"),
        ("mkdocs", "build", "--strict", "logging-hook"),
        ("mkdocs", "build", "--strict", "-q", "--dirty"),
    ],
    ids=["mkdocs-q", "mkdocs-quiet", "vitrine-build-q", "logging-config", "mkdocs-q-dirty"],
)
def test_strict_refuses_a_warning_whatever_the_log_level(sample_copy: Path, command: tuple[str, ...]) -> None:
    """-q raises MkDocs' logger to ERROR: a strict build must still hear the warning and refuse."""
    before = snapshot(sample_copy / "site")
    page, config = sample_copy / "content/en/index.md", sample_copy / "mkdocs.yml"
    originals = {path: path.read_text(encoding="utf-8") for path in (page, config)}
    page.write_text(originals[page] + "\n\nSee [the calendar](calendar-nowhere.md).\n", encoding="utf-8")
    arguments = [part for part in command if part != "logging-hook"]
    if "logging-hook" in command:
        (sample_copy / "quiet_logging.py").write_text(QUIET_LOGGING_HOOK, encoding="utf-8")
        config.write_text(originals[config] + "\nhooks:\n  - quiet_logging.py\n", encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore::DeprecationWarning"}
    env.pop("CI", None)
    try:
        result = subprocess.run(
            [sys.executable, "-m", *arguments], cwd=sample_copy, env=env, capture_output=True, text=True, timeout=600
        )
    finally:
        for path, text in originals.items():
            path.write_text(text, encoding="utf-8")
        (sample_copy / "quiet_logging.py").unlink(missing_ok=True)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output, output
    if "--dirty" in command:  # updated in place, as --dirty asks: refused by MkDocs' own strict count
        assert "Aborted with 1 warning in strict mode" in output or "warnings in strict mode" in output, output
        rebuilt = mkdocs("build", "--strict", cwd=sample_copy)  # the good site back, for the other tests
        assert rebuilt.returncode == 0, rebuilt.stderr
        return
    assert "in strict mode, the site is not published" in output
    warning = "contains a link 'calendar-nowhere.md'"
    assert output.count(warning) == 1, "shown once, in the refusal: quiet stays quiet"
    assert snapshot(sample_copy / "site") == before
