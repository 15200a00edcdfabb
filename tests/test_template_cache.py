"""Compiled templates are kept in `.cache/templates/` between builds, and an edited template is
compiled again: its next build shows the edit."""

from __future__ import annotations

from tests.conftest import Project


def test_compiled_templates_are_kept_and_an_edit_is_picked_up(project: Project) -> None:
    project.own_cache()
    first = project.build()
    assert first.returncode == 0, first.stderr
    folders = list((project.root / ".cache" / "templates").glob("jinja-*"))
    assert len(folders) == 1
    kept = {path.name: path.stat().st_mtime_ns for path in folders[0].iterdir()}
    assert len(kept) > 20, "every template a page uses is kept"
    assert not [name for name in kept if name.endswith(".tmp")]

    again = project.build()
    assert again.returncode == 0, again.stderr
    assert {path.name: path.stat().st_mtime_ns for path in folders[0].iterdir()} == kept, "nothing compiled again"

    template = project.root / "overrides" / "quartier.html"
    text = template.read_text(encoding="utf-8")
    assert "{% block content %}" in text
    template.write_text(text.replace("{% block content %}", "{% block content %}<p>Marque de test</p>", 1))
    edited = project.build()
    assert edited.returncode == 0, edited.stderr
    assert "Marque de test" in (project.site / "fr" / "quartiers" / "test" / "index.html").read_text(encoding="utf-8")
    assert "Marque de test" not in (project.site / "fr" / "index.html").read_text(encoding="utf-8")
