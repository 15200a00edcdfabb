"""Record validation: every rule gives a message with file, line, field and expectation."""

from __future__ import annotations

import pytest
from tests.conftest import CHAMPION, QUARTIER, SITE_LANGUAGES, Project
from tests.helpers import PAIRS, with_pair

from vitrine.model.catalogue import load_catalogue
from vitrine.model.errors import ContentErrors
from vitrine.model.records import LABEL_STATUSES

LANGUAGES = SITE_LANGUAGES


def errors_of(project: Project) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        load_catalogue(project.root, LANGUAGES)
    return [str(error) for error in caught.value]


def with_quartier(project: Project, old: str, new: str) -> None:
    assert old in QUARTIER
    project.write("quartiers/test/quartier.yml", QUARTIER.replace(old, new, 1))


def test_valid_project_loads(project: Project) -> None:
    catalogue = load_catalogue(project.root, LANGUAGES)
    assert list(catalogue.quartiers) == ["test"]
    assert catalogue.champions_of("test")[0].record.name == "Champion Test"
    assert set(catalogue.quartiers["test"].narratives) == {"fr"}


def test_impossible_date_is_a_field_error(project: Project) -> None:
    with_quartier(project, "as_of: 2017-06-29", "as_of: 2024-02-30")
    assert errors_of(project) == [
        'quartiers/test/quartier.yml:26:9: criteria.real-estate.indicators[0].as_of: "2024-02-30" is not a valid date'
        " (no such day in the calendar)"
    ]


def test_date_in_wrong_form(project: Project) -> None:
    with_quartier(project, "date: 2014-11-12", "date: 12/11/2014")
    assert errors_of(project) == [
        'quartiers/test/quartier.yml:12:3: label.date: "12/11/2014" is not a date; expected YYYY-MM-DD, e.g. 2014-11-12'
    ]


def test_missing_field(project: Project) -> None:
    with_quartier(project, "cities: [Lille]\n", "")
    assert errors_of(project) == ["quartiers/test/quartier.yml:1:1: cities: required field is missing"]


def test_unknown_field_suggests_the_right_one(project: Project) -> None:
    with_quartier(project, "cities:", "citties:")
    assert "quartiers/test/quartier.yml:6:1: citties: unknown field (did you mean 'cities'?)" in errors_of(project)


def test_wrong_type(project: Project) -> None:
    with_quartier(project, "wave: 1", "wave: first")
    assert errors_of(project) == [
        'quartiers/test/quartier.yml:11:3: label.wave: expected a number, got "first" (write digits only, e.g. 2014)'
    ]


def test_number_in_text_field_is_an_error_not_a_conversion(project: Project) -> None:
    with_quartier(project, "name: Quartier Test", "name: 1664")
    assert errors_of(project) == [
        "quartiers/test/quartier.yml:1:1: name: expected text, got 1664 (put the value in quotes to keep it as text)"
    ]


@pytest.mark.parametrize("word", ["NO", "on", "0123", "12:30"])
def test_ambiguous_words_in_text_fields_are_kept_as_text(project: Project, word: str) -> None:
    with_quartier(project, "cities: [Lille]", f"cities: [{word}]")
    assert load_catalogue(project.root, LANGUAGES).quartiers["test"].record.cities == [word]


def test_ambiguous_word_in_a_number_field_is_an_error(project: Project) -> None:
    project.write("champions/champion-test/champion.yml", CHAMPION.replace("founded: 2015", "founded: 0123"))
    assert errors_of(project) == [
        'champions/champion-test/champion.yml:5:1: founded: expected a number, got "0123" (write digits only, e.g. 2014)'
    ]


def test_choice_lists_what_is_allowed(project: Project) -> None:
    with_quartier(project, "kind: metropole", "kind: ville")
    assert errors_of(project) == [
        'quartiers/test/quartier.yml:2:1: kind: "ville" is not allowed; expected one of '
        "'metropole', 'thematic', 'capitale', 'community' or 'hub'"
    ]


@pytest.mark.parametrize(("kind", "status"), [p for p in PAIRS if p[1] in LABEL_STATUSES[p[0]]])
def test_every_pair_of_the_table_loads(project: Project, kind: str, status: str) -> None:
    project.write("quartiers/test/quartier.yml", with_pair(kind, status))
    record = load_catalogue(project.root, LANGUAGES).quartiers["test"].record
    assert (record.kind, record.label.status) == (kind, status)


@pytest.mark.parametrize(("kind", "status"), [p for p in PAIRS if p[1] not in LABEL_STATUSES[p[0]]])
def test_a_status_that_contradicts_the_kind_is_refused(project: Project, kind: str, status: str) -> None:
    project.write("quartiers/test/quartier.yml", with_pair(kind, status))
    fitting = {
        "metropole": "'labelled'",
        "thematic": "'pilot'",
        "capitale": "'labelled'",
        "community": "'community'",
        "hub": "'community'",
    }
    kinds = {
        "labelled": "'metropole' or 'capitale'",
        "pilot": "'thematic'",
        "community": "'community' or 'hub'",
    }
    assert errors_of(project) == [
        f'quartiers/test/quartier.yml:10:3: label.status: "{status}" does not go with kind "{kind}"; '
        f'expected {fitting[kind]} (or change kind: "{status}" goes with kind {kinds[status]})'
    ]


def test_every_error_of_every_file_at_once(project: Project) -> None:
    with_quartier(project, "cities:", "citties:")
    project.write(
        "champions/champion-test/champion.yml", CHAMPION.replace("founded: 2015", "founded: soon") + "logo_url: x\n"
    )
    project.write("quartiers/other/quartier.yml", "name: [\n")
    errors = errors_of(project)
    assert len(errors) == 5, errors
    assert {e.split(":")[0] for e in errors} == {
        "quartiers/test/quartier.yml",
        "champions/champion-test/champion.yml",
        "quartiers/other/quartier.yml",
    }


def test_unknown_language_code_in_text(project: Project) -> None:
    with_quartier(project, "  en: A test quarter.", "  eng: A test quarter.")
    assert errors_of(project) == [
        f"quartiers/test/quartier.yml:3:1: tagline: unknown language code 'eng'; the site's languages are {', '.join(LANGUAGES)}"
    ]


def test_french_text_is_required(project: Project) -> None:
    with_quartier(project, "  fr: Un quartier d'essai.\n", "")
    assert errors_of(project) == [
        "quartiers/test/quartier.yml:3:1: tagline: the French text (fr:) is required; other languages are optional"
    ]


def test_unknown_language_narrative(project: Project) -> None:
    project.write("quartiers/test/eng.md", "Text\n")
    assert errors_of(project) == ["quartiers/test/eng.md: unknown language code 'eng' (did you mean en.md?)"]


def test_narrative_front_matter_is_checked(project: Project) -> None:
    project.write("quartiers/test/en.md", "---\ntitle: [oops\n---\nText\n")
    (message,) = errors_of(project)
    assert message.startswith("quartiers/test/en.md:3:1: invalid YAML")


def test_champion_naming_unknown_quartier(project: Project) -> None:
    project.write("champions/champion-test/champion.yml", CHAMPION.replace("quartiers: [test]", "quartiers: [tset]"))
    assert errors_of(project) == [
        "champions/champion-test/champion.yml:2:13: quartiers[0]: unknown quartier 'tset' (did you mean 'test'?)"
    ]


def test_unknown_sector_and_listing(project: Project) -> None:
    text = CHAMPION.replace("sectors: [robotics]", "sectors: [robotic]").replace("[ft120-2020]", "[next41]")
    project.write("champions/champion-test/champion.yml", text)
    assert errors_of(project) == [
        "champions/champion-test/champion.yml:4:11: sectors[0]: unknown sector 'robotic' (did you mean 'robotics'?)",
        "champions/champion-test/champion.yml:7:12: listings[0]: unknown listing 'next41' (did you mean 'next40-2019'?)",
    ]


def test_duplicate_name_is_an_error(project: Project) -> None:
    project.write("quartiers/copy/quartier.yml", QUARTIER.replace("Quartier Test", "quartier test"))
    assert errors_of(project) == [
        "quartiers/test/quartier.yml:1:1: name: duplicate: quartiers/copy/quartier.yml already uses this name"
    ]


def test_folder_name_must_be_a_slug(project: Project) -> None:
    project.write("quartiers/Lille Centre/quartier.yml", QUARTIER.replace("Quartier Test", "Autre"))
    assert errors_of(project) == [
        "quartiers/Lille Centre: folder name must be lower-case letters, digits and dashes, e.g. lille"
    ]


def test_missing_record_file(project: Project) -> None:
    project.write("quartiers/empty/fr.md", "Texte\n")
    assert errors_of(project) == ["quartiers/empty/quartier.yml: file is missing; every folder needs its quartier.yml"]


def test_missing_image(project: Project) -> None:
    image = "images:\n  - file: images/photo.jpg\n    alt: {fr: Photo}\n    credit: Ville\n"
    project.write("quartiers/test/quartier.yml", QUARTIER + image)
    assert errors_of(project) == [
        'quartiers/test/quartier.yml:41:5: images[0].file: image "images/photo.jpg" not found in test/'
    ]


@pytest.mark.parametrize("reference", ["../lille/photo.jpg", "/etc/photo.jpg", "file:///etc/photo.jpg"])
def test_image_outside_the_folder(project: Project, reference: str) -> None:
    image = f"images:\n  - file: '{reference}'\n    alt: {{fr: Photo}}\n    credit: Ville\n"
    project.write("quartiers/test/quartier.yml", QUARTIER + image)
    (message,) = errors_of(project)
    assert message.startswith("quartiers/test/quartier.yml:41:5: images[0].file:")
    assert "must be a path inside the record's folder" in message


def test_unknown_criterion_and_indicator(project: Project) -> None:
    text = QUARTIER.replace("  networks: {", "  network: {").replace("id: flagship-floor-area", "id: floor-area")
    project.write("quartiers/test/quartier.yml", text)
    assert errors_of(project) == [
        "quartiers/test/quartier.yml:13:1: criteria.networks: criterion 3 is not documented "
        "(every labelled quartier documents all 8 criteria)",
        "quartiers/test/quartier.yml:24:9: criteria.real-estate.indicators[0].id: unknown indicator 'floor-area' "
        "(did you mean 'flagship-floor-area'?)",
        "quartiers/test/quartier.yml:28:3: criteria.network: unknown criterion 'network' (did you mean 'networks'?)",
    ]


def test_indicator_value_must_fit_its_definition(project: Project) -> None:
    with_quartier(project, "value: 62", "value: soixante")
    assert errors_of(project) == [
        'quartiers/test/quartier.yml:18:9: criteria.access.indicators[0].value: "soixante" does not fit indicator '
        "'rail-minutes-to-paris', which expects a number"
    ]


def test_hub_needs_no_criteria(project: Project) -> None:
    text = QUARTIER.split("criteria:")[0].replace("kind: metropole", "kind: hub").replace("labelled", "community")
    project.write("quartiers/test/quartier.yml", text + "partners: [londres]\n")
    assert errors_of(project) == [
        "quartiers/test/quartier.yml:13:12: partners[0]: unknown capital 'londres' (did you mean 'london'?)"
    ]


def test_url_must_be_web_address(project: Project) -> None:
    project.write("champions/champion-test/champion.yml", CHAMPION.replace("https://example.org", "example.org"))
    assert errors_of(project) == [
        'champions/champion-test/champion.yml:6:1: website: "example.org" is not a web address; expected one starting with https://'
    ]
