"""The benchmark scripts run end to end (tiny sizes) so they never rot; no timing is asserted.
They start from the sample's warm cache (`--cache`): what they draw cold is measured by hand."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO, mkdocs


def run_bench(script: str, *args: str) -> str:
    """Run a benchmark script as its README says; its printed table."""
    result = subprocess.run(
        [sys.executable, str(REPO / "bench" / script), *args], capture_output=True, text=True, timeout=600, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_language_benchmark_runs(sample_cache: Path) -> None:
    stdout = run_bench("languages.py", "--runs", "1", "--sizes", "1,2", "--cache", str(sample_cache))
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


def test_card_benchmark_runs(sample_site: Path) -> None:
    stdout = run_bench("cards.py", "--site", str(sample_site), "--limit", "3", "--repeat", "1")
    rows = [line.split("|") for line in stdout.splitlines() if line.startswith(("| full", "| palette"))]
    assert len(rows) == 13, stdout
    chosen = [row for row in rows if "(versions 2 and 3)" in row[1]]
    assert len(chosen) == 1 and float(chosen[0][3]) < float(rows[0][3]), "the chosen setting is the smaller file"
    assert "| version 3: composed in palette indices |" in stdout, stdout


# The sample's 29 quartiers and 27 champions come first; one synthetic record of each on top.
SMALL = ("--quartiers", "30", "--champions", "28", "--languages", "2", "--photos", "0.1", "--logos", "0.1")


def test_size_benchmark_counts_every_file_by_kind(sample_site: Path) -> None:
    stdout = run_bench("sizes.py", str(sample_site))
    rows = {line.split("|")[1].strip(): line.split("|") for line in stdout.splitlines() if line.startswith("| ")}
    pages = sorted(sample_site.rglob("*.html"))
    assert int(rows["html"][3]) == len(pages)
    assert float(rows["html"][2]) == round(sum(page.stat().st_size for page in pages) / 1e6, 1)
    total = sum(path.stat().st_size for path in sample_site.rglob("*") if path.is_file())
    assert stdout.startswith(f"{sample_site}: {total / 1e6:.1f} MB in ")


def test_generated_content_builds_strict(tmp_path: Path, sample_cache: Path) -> None:
    target = tmp_path / "synthetic"
    run_bench("generate.py", str(target), *SMALL)
    shutil.copytree(sample_cache, target / ".cache")  # the sample's records come first: their cards are drawn
    assert len(list((target / "quartiers").glob("*/quartier.yml"))) == 30
    assert len(list((target / "champions").glob("*/champion.yml"))) == 28
    assert list(target.glob("quartiers/*/images/place.jpg")), "some quartiers have a photo"
    assert list(target.glob("champions/*/logo.png")), "some champions have a logo"
    result = mkdocs("build", "--strict", cwd=target)
    assert result.returncode == 0, result.stderr
    assert (target / "site/en/quartiers/q0030-abidjan/index.html").is_file()
    again = tmp_path / "again"
    run_bench("generate.py", str(again), *SMALL)
    for path in sorted(target.rglob("*.yml")):
        rel = path.relative_to(target)
        assert (again / rel).read_bytes() == path.read_bytes(), f"{rel} differs: the generator is not deterministic"


def test_peers_benchmark_runs(sample_cache: Path) -> None:
    stdout = run_bench(
        "peers.py",
        "--quartiers",
        "2",
        "--champions",
        "4",
        "--languages",
        "2",
        "--runs",
        "1",
        "--cache",
        str(sample_cache),
    )
    rows = {line.split("|")[1].strip(): line.split("|") for line in stdout.splitlines() if line.startswith("| ")}
    assert set(rows) >= {"vitrine", "unchanged", "material", "i18n", "hugo", "floor"}
    assert int(rows["unchanged"][2]) == int(rows["vitrine"][2]), "the same site, built once and left as it is"
    vitrine_files = int(rows["vitrine"][2])
    for peer in ("material", "i18n", "hugo"):
        assert int(rows[peer][2]) >= 0.8 * vitrine_files - 10, f"{peer} built far fewer pages than Vitrine"
    for name in rows:
        if name != "tool":
            assert float(rows[name][3]) > 0 and float(rows[name][7]) > 0
    assert re.search(r"^vitrine package: [0-9a-f]{16}$", stdout, re.MULTILINE), "the code measured is named"


def test_scaling_benchmark_runs(sample_cache: Path) -> None:
    stdout = run_bench(
        "scaling.py", "--configs", "29x27x1,30x28x2", "--runs", "1", "--cache", str(sample_cache), "--budget", "2000"
    )
    rows = [line.split("|") for line in stdout.splitlines() if line.startswith(("| 29 ", "| 30 "))]
    assert len(rows) == 2
    pages = [int(row[2]) for row in rows]
    assert pages[1] > pages[0] > 0
    assert rows[0][5].strip() == "-" and float(rows[1][5]) != 0, "the marginal cost per page is computed"
    assert all(0 < float(row[7]) <= float(row[6]) for row in rows), "PSS counts a shared page once, RSS per process"
    assert 0 < float(rows[0][8]) < float(rows[1][8]), "the published size grows with the pages"
    assert re.search(r"^vitrine package: [0-9a-f]{16}$", stdout, re.MULTILINE), "the code measured is named"


def test_a_benchmark_stops_when_the_package_changes_under_it(tmp_path: Path) -> None:
    """An edit of the package during a run (an input of every page) would mix codes in one table."""
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]); import peers; "
        "code = peers.code_digest(); peers.same_code(code); print('same'); peers.same_code('0' * 16)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(REPO / "bench")], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.stdout.strip() == "same"
    assert result.returncode == 2 and "the vitrine package changed during this run" in result.stderr


def test_serve_benchmark_runs(tmp_path: Path, sample_cache: Path) -> None:
    target = tmp_path / "synthetic"
    run_bench("generate.py", str(target), *SMALL)
    shutil.copytree(sample_cache, target / ".cache")
    record = target / "quartiers/lille/quartier.yml"
    before = record.read_bytes()
    stdout = run_bench("serve.py", str(target), "--record", "lille", "--edits", "1", "--timeout", "300")
    assert "edit 1: served after" in stdout
    assert "edit 1: whole site (open data) up to date after" in stdout
    assert [line for line in stdout.splitlines() if line.startswith("| 1 |")]
    assert record.read_bytes() == before, "the record is restored"


def test_soak_benchmark_runs(sample_cache: Path) -> None:
    stdout = run_bench(
        "soak.py", "--edits", "3", "--warm-up", "1", "--every", "1", "--timeout", "300", "--cache", str(sample_cache)
    )
    rows = [line.split("|") for line in stdout.splitlines() if line.startswith("| ") and line[2].isdigit()]
    assert [int(row[1]) for row in rows] == [0, 1, 2, 3], "a row after the first build and after each edit"
    assert all(float(row[2]) > 0 for row in rows), "the server's memory is sampled"
    assert "growth after warm-up (edits 1 to 3):" in stdout
