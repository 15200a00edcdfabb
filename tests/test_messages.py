"""Interface strings: the template catalogue is current and every shipped language has every string."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

from vitrine.i18n.messages import LOCALE_DIR, TEMPLATE_LANGUAGE, load_messages, missing_strings, read_catalogue

POT = LOCALE_DIR / "vitrine.pot"
SITE_LANGUAGES = ("fr", "en", "de", "es", "ja", "he")


def test_template_catalogue_matches_the_templates(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_",
            "-k",
            "N_",
            "--no-location",
            "--sort-output",
            "--omit-header",
            "-o",
            str(fresh),
            ".",
        ],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    extracted = {str(m.id) for m in read_catalogue(fresh) if m.id}
    committed = {str(m.id) for m in read_catalogue(POT) if m.id}
    assert extracted == committed, "run `make messages` and translate the new strings"
    assert "not reported" in committed and "Quartiers" in committed


def test_every_site_language_has_every_string() -> None:
    for language in SITE_LANGUAGES:
        assert missing_strings(language, POT) == [], f"{language} lacks translations"


def test_missing_string_is_detected(tmp_path: Path) -> None:
    folder = tmp_path / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "vitrine.po").write_text('msgid "yes"\nmsgstr "ja"\n', encoding="utf-8")
    missing = missing_strings("de", POT, tmp_path)
    assert "not reported" in missing and "yes" not in missing


def test_french_strings_are_used() -> None:
    assert load_messages("fr").gettext("not reported") == "non communiqué"
    assert load_messages(TEMPLATE_LANGUAGE).gettext("not reported") == "not reported"


def test_catalogues_compile_with_babel(tmp_path: Path) -> None:
    for language in SITE_LANGUAGES[1:]:
        if language == TEMPLATE_LANGUAGE:
            continue
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "babel.messages.frontend",
                "compile",
                "-D",
                "vitrine",
                "-l",
                language,
                "-i",
                str(LOCALE_DIR / language / "LC_MESSAGES" / "vitrine.po"),
                "-o",
                str(tmp_path / f"{language}.mo"),
                "--statistics",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert (tmp_path / f"{language}.mo").stat().st_size > 0
        assert "100%" in result.stderr, result.stderr
