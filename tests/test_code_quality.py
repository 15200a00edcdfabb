"""The codebase keeps its own rules: ruff (lint and format) and strict mypy."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True, timeout=300)


def test_ruff_lint_and_format() -> None:
    lint = _run("ruff", "check", "plugins", "tests", "bench")
    assert lint.returncode == 0, lint.stdout
    form = _run("ruff", "format", "--check", "plugins", "tests", "bench")
    assert form.returncode == 0, form.stdout


def test_mypy_strict() -> None:
    result = _run("mypy")
    assert result.returncode == 0, result.stdout
