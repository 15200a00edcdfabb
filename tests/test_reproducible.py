"""The same commit gives the same bytes: another folder, another day, another hash seed.

Dates come from content, never from the clock, so a rebuild publishes only what
changed and a reviewer can verify a deployment. The second build runs under
libfaketime five years ahead, from a copy in another folder with a cold cache.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import tracked_copy

FAKETIME = shutil.which("faketime") or "/usr/bin/faketime"


def digests(site: Path) -> dict[str, str]:
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def test_two_builds_are_byte_identical(sample_site: Path, tmp_path: Path) -> None:
    assert Path(FAKETIME).is_file(), "libfaketime is required: run `make test` (installs Debian's faketime)"
    copy = tracked_copy(tmp_path / "elsewhere" / "checkout")
    env = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    env |= {"NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "4242", "PYTHONWARNINGS": "ignore::DeprecationWarning"}
    result = subprocess.run(
        [FAKETIME, "2031-05-05 10:00:00", sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr
    assert "cards: 0 drawn" not in result.stderr, "the copy starts with a cold cache"
    first, second = digests(sample_site), digests(copy / "site")
    assert sorted(first) == sorted(second)
    differing = [rel for rel in first if first[rel] != second[rel]]
    assert differing == [], f"{len(differing)} files differ, e.g. {differing[:5]}"
    # The kinds of output the issue names are all part of the comparison.
    for rel in ("en/index.html", "en/search/search_index.json", "en/sitemap.xml.gz", "sitemap.xml.gz"):
        assert rel in first
    assert any(rel.startswith("assets/cards/") for rel in first)
