"""The web editor (vitrine/editor): generated from the definitions, loaded by Decap CMS in Chromium,
absent from production builds and never indexed."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.plugins import get_plugin_logger
from PIL import Image
from playwright.sync_api import Browser, Page
from tests.conftest import REPO, SITE_LANGUAGES, Project, _QuietHandler, free_port, new_project, serve_folder
from tests.helpers import _axe, directives, sitemap_of

from vitrine.cli.scaffold import champion_text, quartier_text
from vitrine.editor.decap import Definitions, Site, decap_config
from vitrine.model.catalogue import load_catalogue
from vitrine.model.errors import logged
from vitrine.model.translations import collect, digest, translation_problems
from vitrine.publish.gate import WarningRecorder
from vitrine.publish.headers import HEADERS_FILE, NGINX_FILE
from vitrine.render.preview import describe

SAMPLE = load_catalogue(REPO, SITE_LANGUAGES)
PROXY = REPO / "editor" / "node_modules" / "decap-server" / "dist" / "index.js"
ENABLED = (
    "  - vitrine/editor:       # the web editor under /admin/: only for `vitrine edit` (never published by default)\n"
)


def sample_config(required: tuple[str, ...] = ("en",)) -> dict[str, Any]:
    definitions = Definitions(
        SAMPLE.criteria,
        SAMPLE.capitals,
        SAMPLE.sectors,
        SAMPLE.listings,
        SAMPLE.figures,
        {slug: entry.record.name for slug, entry in SAMPLE.quartiers.items()},
    )
    return decap_config(definitions, Site(tuple(SITE_LANGUAGES), required))


def collection(config: dict[str, Any], name: str) -> dict[str, Any]:
    return next(c for c in config["collections"] if c["name"] == name)


def field(fields: list[dict[str, Any]], name: str) -> dict[str, Any]:
    return next(f for f in fields if f["name"] == name)


def options(found: dict[str, Any]) -> list[str]:
    return [option["value"] for option in found["options"]]


def with_editor(project: Project) -> Project:
    """Turn the editor on in the project's mkdocs.yml, with the repository's installed bundle."""
    config = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    assert ENABLED in config, "vitrine/editor's settings moved in mkdocs.yml"
    config = config.replace("      enabled: !ENV [VITRINE_EDITOR, false]\n", "      enabled: true\n")
    (project.root / "mkdocs.yml").write_text(config, encoding="utf-8")
    (project.root / "editor").symlink_to(REPO / "editor")
    return project


# The configuration, from the model and the definitions ------------------------------------


def test_choices_come_from_the_definitions() -> None:
    config = sample_config()
    champion = collection(config, "champions")["fields"]
    assert options(field(champion, "sectors")) == sorted(SAMPLE.sectors.sectors)
    assert options(field(champion, "listings")) == sorted(SAMPLE.listings.listings)
    assert options(field(champion, "quartiers")) == sorted(SAMPLE.quartiers)
    assert [t["name"] for t in field(champion, "figures")["types"]] == list(SAMPLE.figures)
    quartier = collection(config, "quartiers")["fields"]
    assert options(field(quartier, "kind")) == ["metropole", "thematic", "capitale", "community", "hub"]
    assert options(field(quartier, "partners")) == sorted(SAMPLE.capitals.capitals)
    criteria = field(quartier, "criteria")["fields"]
    by_number = sorted(SAMPLE.criteria, key=lambda c: c.number)
    assert [c["name"] for c in criteria] == [c.id for c in by_number]
    for shown, definition in zip(criteria, by_number, strict=True):
        assert shown["label"].startswith(f"{definition.number}. {definition.title['fr']}")
        listed = [f for f in shown["fields"] if f["name"] == "indicators"]
        offered = [t["name"] for t in listed[0]["types"]] if listed else []
        assert offered == [i.id for i in definition.indicators]


def test_a_text_has_one_input_per_language_french_first_and_the_required_ones_required() -> None:
    tagline = field(collection(sample_config(("en",)), "quartiers")["fields"], "tagline")
    assert [i["name"] for i in tagline["fields"]] == list(SITE_LANGUAGES) and SITE_LANGUAGES[0] == "fr"
    assert {i["name"] for i in tagline["fields"] if i["required"]} == {"fr", "en"}
    assert tagline["fields"][0]["label"] == "français" and tagline["label"] == "Accroche"
    alone = field(collection(sample_config(()), "champions")["fields"], "description")
    assert {i["name"] for i in alone["fields"] if i["required"]} == {"fr"}


def test_every_field_has_a_french_label() -> None:
    def walk(fields: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        for found in fields:
            yield found
            yield from walk(found.get("fields", []))
            for kind in found.get("types", []):
                yield from walk(kind["fields"])

    for shown in sample_config()["collections"]:
        for found in walk(shown["fields"]):
            assert found.get("label") or found["widget"] == "hidden", (shown["name"], found["name"])


def scaffold_comments(text: str) -> dict[str, str]:
    """Each top-level field of a scaffolded record with the comment lines just above it, joined."""
    found: dict[str, str] = {}
    comment: list[str] = []
    for line in text.splitlines():
        if line.startswith(("#   ", "# region", "# endregion")):  # values listed under a comment, folds
            continue
        if line.startswith("# "):
            comment.append(line[2:])
        elif line and not line.startswith(" "):
            found[line.split(":", 1)[0]] = " ".join(comment)
            comment = []
        else:
            comment = []
    return found


@pytest.mark.parametrize("kind", ["quartier", "champion"])
def test_the_scaffold_and_the_editor_say_the_same_words(kind: str, tmp_path: Path) -> None:
    """A field's comment in a new record starts with the editor's label and its help line, and both
    say whether it is required."""
    write = quartier_text if kind == "quartier" else champion_text
    comments = scaffold_comments(write(REPO, "essai", ("fr", "en")))
    fields = collection(sample_config(), f"{kind}s")["fields"]
    compared = 0
    for shown in fields:
        if shown["name"] not in comments or shown["widget"] == "hidden":
            continue
        comment, hint = comments[shown["name"]], shown.get("hint", "")
        assert comment.startswith(f"{shown['label']}."), (shown["name"], comment)
        first = hint.split(". ")[0]
        assert comment.removeprefix(f"{shown['label']}.").strip().startswith(first), (shown["name"], comment, hint)
        assert ("Obligatoire." in comment) == ("Obligatoire." in hint), (shown["name"], comment, hint)
        compared += 1
    assert compared >= (10 if kind == "quartier" else 9)
    # and in the same order: what is required, then (quartiers) the criteria, then what is optional
    names = [shown["name"] for shown in fields]
    assert [name for name in names if name in comments] == [name for name in comments if name in names]


# Built with the site ----------------------------------------------------------------------


def test_a_production_build_has_no_editor(sample_site: Path) -> None:
    assert not (sample_site / "admin").exists()
    assert not [code for code in SITE_LANGUAGES if "admin/" in sitemap_of(sample_site, code)]


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory, project_cache: Path) -> Project:
    project = with_editor(new_project(tmp_path_factory.mktemp("edited"), cache=project_cache))
    sectors = (project.root / "champions" / "sectors.yml").read_text(encoding="utf-8")
    added = "  space:\n    label: {fr: Spatial, en: Space}\n"
    project.write("champions/sectors.yml", sectors.rstrip("\n") + "\n" + added)
    built = project.build()
    assert built.returncode == 0, built.stderr
    return project


def test_a_sector_added_to_the_definitions_is_offered(edited: Project) -> None:
    config = yaml.safe_load((edited.site / "admin" / "config.yml").read_text(encoding="utf-8"))
    sectors = field(collection(config, "champions")["fields"], "sectors")
    assert {"label": "Spatial", "value": "space"} in sectors["options"]


def test_the_editor_is_never_indexed(edited: Project) -> None:
    page = (edited.site / "admin" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in page and '<html lang="fr">' in page
    assert "<script>" not in page, "no inline script: the site's CSP stays as it is"
    assert "admin/" not in (edited.site / "sitemap.xml").read_text(encoding="utf-8")
    assert not [code for code in SITE_LANGUAGES if "admin/" in sitemap_of(edited.site, code)]
    search = json.loads((edited.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [doc for doc in search["docs"] if doc["location"].startswith("admin")]
    for html in edited.site.rglob("*.html"):
        if "admin" not in html.parts:
            assert "/admin/" not in html.read_text(encoding="utf-8"), html


@contextlib.contextmanager
def decap_proxy(root: Path, port: int | None = None) -> Iterator[int]:
    """Decap's local proxy over a project's folder, as `vitrine edit` starts it; its port."""
    port = port or free_port()
    env = {**os.environ, "MODE": "fs", "GIT_REPO_DIRECTORY": str(root), "PORT": str(port)}
    server = subprocess.Popen(["node", str(PROXY)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 20
        while b"listening" not in (server.stdout.readline() if server.stdout else b""):
            assert server.poll() is None and time.monotonic() < deadline, "decap-server did not start"
        yield port
    finally:
        server.terminate()
        server.wait(timeout=10)
        if server.stdout:
            server.stdout.close()


@contextlib.contextmanager
def editor_page(browser: Browser, url: str) -> Iterator[tuple[Page, list[str]]]:
    """The editor, logged in to the local proxy; the console errors it logs, and requests that leave the site."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: None if "//localhost" in r.url or "//127.0.0.1" in r.url else errors.append(r.url))
    page.goto(url + "admin/", wait_until="networkidle")
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("link", name="Champions", exact=True).wait_for()
    try:
        yield page, errors
    finally:
        context.close()


def publish(page: Page) -> None:
    page.get_by_role("button", name="Publier").click()
    page.get_by_text("Publier maintenant").click()
    page.get_by_text("Modifications enregistrées", exact=False).wait_for()


def served_by_proxy(site: Path, port: int) -> None:
    config = (site / "admin" / "config.yml").read_text(encoding="utf-8")
    (site / "admin" / "config.yml").write_text(config.replace(":8081/", f":{port}/"), encoding="utf-8")


@pytest.mark.browser
def test_decap_loads_the_configuration_and_opens_a_record(browser: Browser, edited: Project) -> None:
    with decap_proxy(edited.root) as port, serve_folder(edited.site) as url:
        served_by_proxy(edited.site, port)
        # the proxy answers local development origins only
        with editor_page(browser, url.replace("127.0.0.1", "localhost")) as (page, errors):
            page.goto(page.url.split("#")[0] + "#/collections/quartiers/entries/test/quartier")
            name = page.get_by_label("Nom affiché")
            name.wait_for()
            assert name.input_value() == "Quartier Test"
            assert page.get_by_text(
                "Métropole labellisée (Métropole French Tech labellisée en 2014 ou 2015)"
            ).is_visible()
    assert errors == [], "no error in the console, nothing loaded from outside the site"


def new_quartier(
    page: Page, name: str, kind: str, tagline: tuple[str, str], city: str, where: tuple[float, float]
) -> None:
    """A new quartier's required fields, in French and English, with the label of a French Tech community."""
    page.goto(page.url.split("#")[0] + "#/collections/quartiers/new")
    page.get_by_label("Nom affiché").fill(name)
    page.get_by_label("Type").click()
    page.get_by_text(kind).click()
    page.get_by_label("français").first.fill(tagline[0])
    page.get_by_label("anglais").first.fill(tagline[1])
    page.get_by_label("Villes").fill(city)
    page.get_by_label("Latitude").fill(str(where[0]))
    page.get_by_label("Longitude").fill(str(where[1]))
    page.get_by_label("Statut").click()
    page.get_by_text("Communauté French Tech (pour").click()


@pytest.mark.browser
def test_a_hub_created_in_the_editor_passes_check_and_is_published(
    browser: Browser, tmp_path: Path, project_cache: Path
) -> None:
    (tmp_path / "project").mkdir()
    project = with_editor(new_project(tmp_path / "project", cache=project_cache))
    assert project.build().returncode == 0
    photo = tmp_path / "lisboa.jpg"
    Image.new("RGB", (1600, 900), (40, 90, 160)).save(photo, quality=90)
    with decap_proxy(project.root) as port, serve_folder(project.site) as url:
        served_by_proxy(project.site, port)
        with editor_page(browser, url.replace("127.0.0.1", "localhost")) as (page, errors):
            tagline = ("La communauté de Lisbonne.", "The Lisbon community.")
            new_quartier(page, "French Tech Lisboa", "Hub à l'étranger", tagline, "Lisbonne", (38.72, -9.14))
            page.get_by_label("Pays").fill("PT")
            # a photo uploaded through the editor goes to the record's folder
            page.get_by_role("button", name="Ajouter photos").click()
            page.get_by_role("button", name="Choisir une image").click()
            page.locator("input[type=file]").set_input_files(str(photo))
            page.get_by_role("button", name="Choisir les éléments sélectionnés").click()
            alt = page.get_by_text("Texte de remplacement", exact=True).locator(
                "xpath=ancestor::div[.//label[starts-with(normalize-space(), 'anglais')]][1]"
            )
            alt.get_by_label("français").fill("Le quai de Lisbonne.")
            alt.get_by_label("anglais").fill("The Lisbon waterfront.")
            page.get_by_label("Crédit").fill("Vitrine")
            publish(page)
    assert errors == []
    folder = project.root / "quartiers" / "french-tech-lisboa"
    assert (folder / "lisboa.jpg").read_bytes() == photo.read_bytes()
    record = yaml.safe_load((project.root / "quartiers" / "french-tech-lisboa" / "quartier.yml").read_text("utf-8"))
    assert record["tagline"] == {"fr": "La communauté de Lisbonne.", "en": "The Lisbon community."}
    assert record["location"] == {"lat": 38.72, "lon": -9.14} and record["label"] == {"status": "community"}
    assert record["images"] == [
        {
            "file": "lisboa.jpg",
            "alt": {"fr": "Le quai de Lisbonne.", "en": "The Lisbon waterfront."},
            "credit": "Vitrine",
        }
    ]
    checked = subprocess.run(
        [sys.executable, "-m", "vitrine.cli", "check"], cwd=project.root, capture_output=True, text=True, timeout=300
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    built = project.build()
    assert built.returncode == 0, built.stderr
    for language in SITE_LANGUAGES:
        page_html = (project.site / language / "quartiers" / "french-tech-lisboa" / "index.html").read_text("utf-8")
        assert "French Tech Lisboa" in page_html, language
        assert "lisboa" in "".join(img.get("src", "") for img in BeautifulSoup(page_html, "html.parser")("img"))


CRITERIA_TEXTS = {
    "access": ("Le quartier est près de la gare.", "The quarter is near the station."),
    "real-estate": ("Des bureaux accueillent les jeunes entreprises.", "Offices host young companies."),
    "networks": ("La ville est raccordée à la fibre.", "The city is connected to fibre."),
    "ecosystem": ("Start-up et industriels travaillent ensemble.", "Start-ups and manufacturers work together."),
    "open-innovation": ("Un fab lab est ouvert à tous.", "A fab lab is open to everyone."),
    "networking": ("La communauté aide à partir à l'étranger.", "The community helps companies go abroad."),
    "business-environment": ("Un guichet oriente les créateurs.", "A desk guides founders."),
    "governance": ("Une association anime la communauté.", "An association runs the community."),
}


@pytest.mark.browser
def test_a_quartier_in_france_written_in_french_and_english_is_published_from_the_editor(
    browser: Browser, tmp_path: Path, project_cache: Path
) -> None:
    """English required and current (the sample's rule): the 8 criteria, then « Traductions relues »;
    no terminal. The ticks mark what was reviewed at that save only."""
    (tmp_path / "project").mkdir()
    project = with_editor(new_project(tmp_path / "project", cache=project_cache))
    config = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("      glossary: glossary.yml\n", "      glossary: glossary.yml\n      require: [en]\n")
    (project.root / "mkdocs.yml").write_text(config, encoding="utf-8")
    project.write("quartiers/test/en.md", "A story in English.\n")
    project.review_translations()
    built = project.build()
    assert built.returncode == 0, built.stderr
    record = project.root / "quartiers" / "french-tech-essai" / "quartier.yml"
    with decap_proxy(project.root) as port, serve_folder(project.site) as url:
        served_by_proxy(project.site, port)
        with editor_page(browser, url.replace("127.0.0.1", "localhost")) as (page, errors):
            tagline = ("Les entreprises du numérique d'Essai.", "The digital companies of Essai.")
            new_quartier(page, "French Tech Essai", "Communauté en France", tagline, "Essai", (45.78, 3.08))
            for criterion, (french, english) in CRITERIA_TEXTS.items():
                block = page.locator(f"[id^='{criterion}-field-']").first
                block.locator("button[data-testid=expand-button]").first.click()
                block.locator("textarea").nth(0).fill(french)
                block.locator("textarea").nth(1).fill(english)
            page.get_by_label("Traductions relues").click()
            page.get_by_text("anglais", exact=True).last.click()
            publish(page)
            saved = yaml.safe_load(record.read_text(encoding="utf-8"))
            # French changed, ticks not given again: the English is to review
            block = page.locator("[id^='governance-field-']").first
            block.locator("button[data-testid=expand-button]").first.click()
            block.locator("textarea").nth(0).fill("Une association d'entrepreneurs anime la communauté.")
            page.get_by_role("button", name="Publier").click()
            page.get_by_text("Publier maintenant").click()
            page.wait_for_function("() => !document.body.innerText.includes('Enregistrement')", timeout=30_000)
            time.sleep(1)
    assert errors == []
    assert "translations_reviewed" not in saved
    texts = {"tagline": "Les entreprises du numérique d'Essai."} | {
        f"criteria.{criterion}.text": french for criterion, (french, _english) in CRITERIA_TEXTS.items()
    }
    assert saved["reviewed"] == {"en": {field_: digest(text) for field_, text in sorted(texts.items())}}
    check = [sys.executable, "-m", "vitrine.cli", "check"]
    checked = subprocess.run(check, cwd=project.root, capture_output=True, text=True, timeout=300)
    assert checked.returncode == 1
    assert "criteria.governance.text.en" in checked.stdout and "tagline" not in checked.stdout, checked.stdout
    # reviewed again in the editor's words: only the one text changed is to review, then nothing
    again = yaml.safe_load(record.read_text(encoding="utf-8"))
    again["reviewed"]["en"]["criteria.governance.text"] = digest(again["criteria"]["governance"]["text"]["fr"])
    record.write_text(yaml.safe_dump(again, allow_unicode=True), encoding="utf-8")
    checked = subprocess.run(check, cwd=project.root, capture_output=True, text=True, timeout=300)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    built = project.build()
    assert built.returncode == 0, built.stderr
    for language in SITE_LANGUAGES:
        assert (project.site / language / "quartiers" / "french-tech-essai" / "index.html").is_file(), language


def test_a_strict_refusal_of_translations_to_review_is_worded_in_french_for_the_editor(project: Project) -> None:
    """The preview's banner: the warnings --strict refuses, as `vitrine check` words them in French,
    saying where to tick in the editor (not in English with only a command to run)."""
    record = project.root / "quartiers" / "test" / "quartier.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("Un quartier d'essai.", "Un autre quartier."), "utf-8")
    scan = collect(project.root, "content", tuple(SITE_LANGUAGES))
    found = translation_problems(project.root, scan.readable(), ["en"])
    problems = [problem for problem in found if problem.path == "quartiers/test/quartier.yml"]
    assert [problem.field for problem in problems] == ["tagline.en"]
    recorder = WarningRecorder()
    recorder.attach()
    try:
        get_plugin_logger("vitrine.i18n.plugin").warning(str(problems[0]), extra=logged(problems[0]))
    finally:
        recorder.detach()
    said = describe(recorder.failure())
    assert "quartiers/test/quartier.yml:5:3: tagline.en:" in said
    assert "la traduction en est à revoir" in said and "choisissez sa langue sous « Traductions relues »" in said
    assert "strict" not in said and "once it matches" not in said


@pytest.mark.browser
def test_vitrine_edit_saves_a_champion_and_the_preview_rebuilds(
    browser: Browser, tmp_path: Path, project_cache: Path
) -> None:
    (tmp_path / "project").mkdir()
    project = with_editor(new_project(tmp_path / "project", cache=project_cache))
    config = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    proxy_port, preview_port = free_port(), free_port()
    config = config.replace(
        "      enabled: true\n", f"      enabled: !ENV [VITRINE_EDITOR, false]\n      proxy_port: {proxy_port}\n"
    )
    (project.root / "mkdocs.yml").write_text(config, encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore::DeprecationWarning"}
    address = f"127.0.0.1:{preview_port}"
    command = [sys.executable, "-m", "vitrine.cli", "edit", "-a", address]
    editing = subprocess.Popen(command, cwd=project.root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    champion = f"http://{address}/fr/champions/champion-test/"
    try:
        assert "Une entreprise d'essai." in wait_for(champion, "Une entreprise d'essai.", 180)
        with editor_page(browser, f"http://localhost:{preview_port}/") as (page, errors):
            # The preview rebuilds after each save; the editor is never reloaded by it (stay.js):
            # a reload would drop what is being typed.
            reloads: list[str] = []
            page.on("load", lambda: reloads.append(page.url))
            page.on("request", lambda r: reloads.append(r.url) if "/livereload/" in r.url else None)
            page.goto(page.url.split("#")[0] + "#/collections/champions/entries/champion-test/champion")
            description = page.get_by_label("français").locator("visible=true").first
            description.fill("Une entreprise d'essai, revue dans l'éditeur.")
            publish(page)
            saved = (project.root / "champions" / "champion-test" / "champion.yml").read_text(encoding="utf-8")
            assert "revue dans l'éditeur" in saved
            assert "revue dans l'éditeur" in wait_for(champion, "revue dans l'éditeur", 120)
            # A save the build refuses (an address with no site) is said above the editor, in French,
            # with its file and field, until a save builds again.
            website = page.get_by_label("Site web")
            website.fill("https://")
            publish(page)
            banner = page.locator("#vitrine-status[role=alert]")
            banner.wait_for(timeout=120_000)
            said = banner.inner_text()
            assert "erreur dans les fichiers" in said and "champions/champion-test/champion.yml" in said, said
            assert "website" in said and "Traceback" not in said
            website.fill("https://example.org")
            publish(page)
            banner.wait_for(state="detached", timeout=120_000)
            assert reloads == []
        assert errors == []
    finally:
        editing.send_signal(signal.SIGINT)
        output = editing.communicate(timeout=30)[0].decode()
    assert f"http://{address}/admin/" in output, output


def wait_for(url: str, text: str, seconds: float) -> str:
    """The page at `url` once it shows `text` (the preview rebuilds in the background)."""
    deadline, body = time.monotonic() + seconds, ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                body = response.read().decode("utf-8")
        except OSError:
            body = ""
        if text in body:
            return body
        time.sleep(0.5)
    return body


@pytest.mark.browser
def test_the_editors_own_page_passes_axe(browser: Browser, edited: Project) -> None:
    """Our page (before Decap draws its own) is gated; what Decap renders is reported, not gated."""
    with serve_folder(edited.site) as url:
        context = browser.new_context()
        page = context.new_page()
        page.route("**/decap-cms.js", lambda route: route.abort())
        page.goto(url + "admin/", wait_until="networkidle")
        assert page.title().startswith("Éditer le site")
        assert _axe(page) == []
        context.close()
        context = browser.new_context()
        page = context.new_page()
        page.goto(url + "admin/", wait_until="networkidle")
        page.get_by_role("button", name="Se connecter").wait_for()
        print("axe on Decap CMS's login page (reported, not gated):", _axe(page))
        context.close()


def test_vitrine_edit_says_when_the_proxy_port_is_taken(tmp_path: Path, project_cache: Path) -> None:
    (tmp_path / "project").mkdir()
    project = with_editor(new_project(tmp_path / "project", cache=project_cache))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        config = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
        config = config.replace("      enabled: true\n", f"      enabled: true\n      proxy_port: {port}\n")
        (project.root / "mkdocs.yml").write_text(config, encoding="utf-8")
        command = [sys.executable, "-m", "vitrine.cli", "edit"]
        result = subprocess.run(command, cwd=project.root, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert f"le port {port} est déjà pris" in result.stdout and "Traceback" not in result.stdout + result.stderr


def port_free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGHUP], ids=["kill", "terminal-closed"])
def test_vitrine_edit_stopped_by_a_signal_stops_its_proxy(
    stop: signal.Signals, tmp_path: Path, project_cache: Path
) -> None:
    """Killed, or its terminal closed: the proxy goes too (else the next vitrine edit finds its port taken)."""
    (tmp_path / "project").mkdir()
    project = with_editor(new_project(tmp_path / "project", cache=project_cache))
    proxy_port, preview_port = free_port(), free_port()
    config = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("      enabled: true\n", f"      enabled: true\n      proxy_port: {proxy_port}\n")
    (project.root / "mkdocs.yml").write_text(config, encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore::DeprecationWarning"}
    command = [sys.executable, "-m", "vitrine.cli", "edit", "-a", f"127.0.0.1:{preview_port}"]
    editing = subprocess.Popen(command, cwd=project.root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(f"http://127.0.0.1:{preview_port}/admin/", "decap-cms.js", 180)
        assert not port_free(proxy_port)
        editing.send_signal(stop)
        editing.wait(timeout=30)
        deadline = time.monotonic() + 10
        while not port_free(proxy_port):
            assert time.monotonic() < deadline, "the proxy outlived vitrine edit"
            time.sleep(0.2)
    finally:
        editing.kill()
        editing.wait(timeout=30)


@pytest.mark.parametrize("command", ["serve", "edit"])
def test_a_preview_address_already_taken_is_said_in_french(command: str, tmp_path: Path, project_cache: Path) -> None:
    """Another preview already runs there: a plain message before anything starts, no traceback."""
    (tmp_path / "project").mkdir()
    project = with_editor(new_project(tmp_path / "project", cache=project_cache))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        address = f"127.0.0.1:{taken.getsockname()[1]}"
        arguments = [sys.executable, "-m", "vitrine.cli", command, "-a", address]
        result = subprocess.run(arguments, cwd=project.root, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert f"l'adresse {address} est déjà prise" in result.stdout, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "Éditeur :" not in result.stdout  # said before anything started


def test_on_gitlab_the_editor_logs_in_with_pkce_and_proposes_merge_requests(
    tmp_path: Path, project_cache: Path
) -> None:
    """Published on GitLab Pages: GitLab's own login (PKCE, no server) and the editorial workflow."""
    (tmp_path / "project").mkdir()
    project = with_editor(new_project(tmp_path / "project", cache=project_cache))
    config = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    settings = {
        "backend: !ENV [VITRINE_EDITOR_BACKEND, local]": "backend: gitlab",
        "repo: !ENV [VITRINE_EDITOR_REPO, null]": "repo: vitrine/showcase",
        "auth_type: !ENV [VITRINE_EDITOR_AUTH, null]": "auth_type: pkce",
    }
    for default, value in settings.items():
        assert default in config
        config = config.replace(default, value)
    (project.root / "mkdocs.yml").write_text(config, encoding="utf-8")
    refused = project.build()
    assert refused.returncode == 1 and "auth_type pkce" in refused.stderr and "app_id" in refused.stderr
    (project.root / "mkdocs.yml").write_text(
        config.replace("app_id: !ENV [VITRINE_EDITOR_APP_ID, null]", "app_id: 0a1b2c"), encoding="utf-8"
    )
    built = project.build()
    assert built.returncode == 0, built.stderr
    decap = yaml.safe_load((project.site / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert decap["backend"] == {
        "name": "gitlab",
        "repo": "vitrine/showcase",
        "branch": "main",
        "auth_type": "pkce",
        "app_id": "0a1b2c",
    }
    assert decap["publish_mode"] == "editorial_workflow"


# /admin/'s own security headers, the site's unchanged ------------------------------------------

Rules = list[tuple[str, list[tuple[str, str]]]]


def header_rules(site: Path) -> Rules:
    """`_headers` as Netlify and Cloudflare Pages read it: path patterns, each with its headers."""
    rules: Rules = []
    for line in (site / HEADERS_FILE).read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        if line.startswith("  "):
            name, value = line.strip().split(": ", 1)
            rules[-1][1].append((name, value))
        else:
            rules.append((line, []))
    return rules


def matches(pattern: str, path: str) -> bool:
    if pattern.endswith("/*"):
        return path.startswith(pattern[:-1])
    return path == pattern


def headers_for(rules: Rules, path: str) -> dict[str, list[str]]:
    """Every value each header gets at `path` from the rules it matches (Cloudflare sends them all)."""
    found: dict[str, list[str]] = {}
    for pattern, headers in rules:
        if matches(pattern, path):
            for name, value in headers:
                found.setdefault(name, []).append(value)
    return found


def addresses(site: Path) -> list[str]:
    """The address of every file and folder of the built site."""
    found = ["/"]
    for path in sorted(site.rglob("*")):
        relative = path.relative_to(site).as_posix()
        found.append(f"/{relative}/" if path.is_dir() else f"/{relative}")
    return found


def serving_with_rules(site: Path, rules: Rules) -> contextlib.AbstractContextManager[str]:
    class Handler(_QuietHandler):
        def end_headers(self) -> None:
            for name, values in headers_for(rules, self.path.split("?")[0]).items():
                self.send_header(name, ", ".join(values))  # as Cloudflare Pages joins two rules' values
            super().end_headers()

    return serve_folder(site, Handler)


@pytest.fixture(scope="module")
def secured(tmp_path_factory: pytest.TempPathFactory, project_cache: Path) -> tuple[Project, int]:
    """A project built with the editor and a proxy port of its own (the editor's policy names it)."""
    project = with_editor(new_project(tmp_path_factory.mktemp("secured"), cache=project_cache))
    port = free_port()
    config = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("      enabled: true\n", f"      enabled: true\n      proxy_port: {port}\n")
    (project.root / "mkdocs.yml").write_text(config, encoding="utf-8")
    built = project.build()
    assert built.returncode == 0, built.stderr
    return project, port


def test_the_editor_has_its_own_policy_and_the_site_keeps_its_own(secured: tuple[Project, int]) -> None:
    project, port = secured
    rules = header_rules(project.site)
    site_policies, admin_policies = set(), set()
    for address in addresses(project.site):
        if address == f"/{HEADERS_FILE}":
            continue  # read by the host, never served
        headers = headers_for(rules, address)
        # no address gets one header from two rules: hosts disagree on what that means
        assert all(len(values) == 1 for values in headers.values()), (address, headers)
        assert {"Content-Security-Policy", "Strict-Transport-Security", "X-Content-Type-Options"} <= set(headers)
        (admin_policies if address.startswith("/admin/") else site_policies).update(headers["Content-Security-Policy"])
    assert len(site_policies) == 1 and len(admin_policies) == 1
    site_policy, admin_policy = directives(site_policies.pop()), directives(admin_policies.pop())
    # the site's policy is the one a build without the editor has: nothing inline, no eval, its own origin
    sources = [source for listed in site_policy.values() for source in listed]
    assert "'unsafe-inline'" not in sources and "'unsafe-eval'" not in sources
    assert site_policy["connect-src"] == ["'self'"] and site_policy["style-src"] == ["'self'"]
    # the editor's: what Decap needs, and the local proxy it saves through
    assert admin_policy["script-src"] == ["'self'", "'unsafe-eval'"]
    assert admin_policy["connect-src"] == ["'self'", f"http://localhost:{port}"]
    assert admin_policy["frame-ancestors"] == ["'none'"] and admin_policy["object-src"] == ["'none'"]
    nginx = (project.site / NGINX_FILE).read_text(encoding="utf-8")
    block = nginx.split("location /admin/ {", 1)[1].split("}", 1)[0]
    assert "'unsafe-eval'" in block and "Strict-Transport-Security" in block
    assert "'unsafe-eval'" not in nginx.split("location /admin/ {", 1)[0]


@pytest.mark.browser
def test_the_editor_saves_under_its_policy_and_the_site_runs_under_its_own(
    browser: Browser, secured: tuple[Project, int]
) -> None:
    project, port = secured
    with decap_proxy(project.root, port), serving_with_rules(project.site, header_rules(project.site)) as url:
        local = url.replace("127.0.0.1", "localhost")
        with editor_page(browser, local) as (page, errors):
            page.goto(page.url.split("#")[0] + "#/collections/champions/entries/champion-test/champion")
            description = page.get_by_label("français").locator("visible=true").first
            description.fill("Une entreprise d'essai, sous la politique de l'éditeur.")
            publish(page)
            page.goto(local + "fr/", wait_until="networkidle")
            policy = page.evaluate("async () => (await fetch(location.href)).headers.get('content-security-policy')")
            assert "'unsafe-eval'" not in policy and "'unsafe-inline'" not in policy
    # a violation is an error in the console: none on the editor, none on the site
    assert errors == []
    saved = (project.root / "champions" / "champion-test" / "champion.yml").read_text(encoding="utf-8")
    assert "sous la politique de l'éditeur" in saved
