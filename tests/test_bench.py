"""The benchmark scripts run end to end (tiny sizes) so they never rot; no timing is asserted."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO


def run_bench(script: str, *args: str) -> str:
    """Run a benchmark script as its README says; its printed table."""
    result = subprocess.run(
        [sys.executable, str(REPO / "bench" / script), *args], capture_output=True, text=True, timeout=600, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_language_benchmark_runs() -> None:
    stdout = run_bench("languages.py", "--runs", "1", "--sizes", "1,2")
    rows = [line for line in stdout.splitlines() if line.startswith(("| 1 ", "| 2 "))]
    assert len(rows) == 2
    pages = [int(row.split("|")[2]) for row in rows]
    assert pages[1] > pages[0] > 0


def test_image_benchmark_runs() -> None:
    stdout = run_bench("images.py", "--count", "2", "--size", "600x400")
    rows = {
        line.split("|")[1].strip(): line.split("|")
        for line in stdout.splitlines()
        if line.startswith(("| cold", "| warm"))
    }
    assert rows["cold"][3].strip() == "8", "2 photos of 600 px wide: 480 and 600 px (never upscaled), JPEG and WebP"
    assert rows["warm"][3].strip() == "0"
