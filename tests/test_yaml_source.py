"""The strict YAML reader: every trap of PyYAML becomes a located error or stays text."""

from __future__ import annotations

from pathlib import Path

import pytest

from vitrine.model import yamlsource
from vitrine.model.yamlsource import MAX_DEPTH, parse_yaml_text, read_yaml_file, split_front_matter


def read(text: str | bytes):  # type: ignore[no-untyped-def]
    raw = text.encode() if isinstance(text, str) else text
    return read_yaml_file(raw, "quartiers/x/quartier.yml")


def only_error(text: str | bytes) -> str:
    _, errors = read(text)
    assert errors, "expected an error"
    return str(errors[0])


def test_tab_indentation_names_line_and_column() -> None:
    assert only_error("name: a\naccess:\n\tairport: b\n").startswith(
        "quartiers/x/quartier.yml:3:1: tab used for indentation"
    )


def test_unclosed_quote_names_position() -> None:
    message = only_error('name: "Lille\nkind: metropole\n')
    assert message.startswith("quartiers/x/quartier.yml:3:1: invalid YAML")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- a\n- b\n", "holds a list"),
        ("just text\n", "holds a single value"),
        ("", "the file is empty"),
        ("# only\n", "the file is empty"),
    ],
)
def test_record_must_be_a_mapping(text: str, expected: str) -> None:
    assert expected in only_error(text)


def test_duplicate_key_names_both_lines() -> None:
    message = only_error("name: a\nkind: hub\nname: b\n")
    assert message == "quartiers/x/quartier.yml:3:1: name: duplicate key 'name' (first defined on line 1)"


def test_nested_duplicate_key_has_field_path() -> None:
    message = only_error("label:\n  wave: 1\n  wave: 2\n")
    assert message.startswith("quartiers/x/quartier.yml:3:3: label.wave: duplicate key 'wave'")


@pytest.mark.parametrize(
    "text",
    [
        "a: &x [1, 2]\nb: *x\n",
        'a: &a ["lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n',
    ],
)
def test_anchors_and_aliases_are_rejected(text: str) -> None:
    assert "anchor &a" in only_error(text) or "anchor &x" in only_error(text)


def test_python_tags_are_rejected() -> None:
    message = only_error("name: !!python/object/apply:os.system ['true']\n")
    assert "tag tag:yaml.org,2002:python/object/apply:os.system is not allowed" in message
    assert message.startswith("quartiers/x/quartier.yml:1:7")


def test_custom_local_tag_rejected() -> None:
    assert "tag !secret is not allowed" in only_error("name: !secret x\n")


def test_deep_nesting_is_a_clean_error() -> None:
    deep = "a: " + "[" * 5000 + "]" * 5000 + "\n"
    assert f"nesting deeper than {MAX_DEPTH} levels" in only_error(deep)


@pytest.mark.parametrize(
    "word", ["NO", "no", "on", "Off", "yes", "y", "0123", "12:30", "1_000", "0x1F", "1e3", ".inf", "2024-02-30"]
)
def test_ambiguous_plain_scalars_stay_text(word: str) -> None:
    located, errors = read(f"value: {word}\n")
    assert not errors
    assert located is not None and located.data == {"value": word}


def test_plain_numbers_booleans_and_null() -> None:
    located, errors = read("a: 2014\nb: 12.5\nc: true\nd: false\ne: null\nf: ~\ng:\nh: -3\n")
    assert not errors and located is not None
    assert located.data == {"a": 2014, "b": 12.5, "c": True, "d": False, "e": None, "f": None, "g": None, "h": -3}


def test_quoted_scalars_are_always_text() -> None:
    located, _ = read("a: '2014'\nb: \"true\"\n")
    assert located is not None and located.data == {"a": "2014", "b": "true"}


def test_not_utf8_names_byte_offset() -> None:
    raw = b"name: Lille\ncity: " + "Orléans".encode("latin-1") + b"\n"
    message = only_error(raw)
    assert message == "quartiers/x/quartier.yml:2: not valid UTF-8 (byte offset 21) (save the file as UTF-8)"


def test_bom_and_crlf_are_accepted() -> None:
    located, errors = read(b"\xef\xbb\xbfname: Lille\r\nkind: hub\r\n")
    assert not errors and located is not None
    assert located.data == {"name": "Lille", "kind": "hub"}


def test_marks_point_at_keys() -> None:
    located, _ = read("name: a\nlabel:\n  status: x\n  date: 2014-11-12\n")
    assert located is not None
    assert located.mark(("label", "date")) == (4, 3)
    assert located.mark(("label", "date", "missing")) == (4, 3)


def test_front_matter_invalid_yaml_is_an_error() -> None:
    _, _, errors = split_front_matter(b"---\ntitle: [unclosed\n---\nBody\n", "content/fr/a.md")
    assert errors and str(errors[0]).startswith("content/fr/a.md:")
    assert "invalid YAML" in str(errors[0])


def test_front_matter_line_numbers_count_the_fence() -> None:
    _, _, errors = split_front_matter(b"---\ntitle: a\ntitle: b\n---\n", "content/fr/a.md")
    assert str(errors[0]).startswith("content/fr/a.md:3:1: title: duplicate key")


def test_front_matter_never_closed() -> None:
    _, _, errors = split_front_matter(b"---\ntitle: a\n\nBody\n", "content/fr/a.md")
    assert "never closed" in str(errors[0])


def test_front_matter_body_is_returned() -> None:
    located, body, errors = split_front_matter(b"---\ntitle: A\n---\n\nBody text\n", "content/fr/a.md")
    assert not errors and located is not None and located.data == {"title": "A"}
    assert body == "\nBody text\n"


def test_no_front_matter() -> None:
    located, body, errors = split_front_matter(b"Just text\n", "content/fr/a.md")
    assert located is None and body == "Just text\n" and not errors


def test_empty_front_matter_is_fine() -> None:
    located, body, errors = split_front_matter(b"---\n---\nBody\n", "content/fr/a.md")
    assert located is None and body == "Body\n" and not errors


def test_a_text_parsed_again_is_the_same_and_independent() -> None:
    # Parses are shared within a process (catalogue, translation status, serve rebuilds).
    text = "name: Lille\ncities: [Lille]\nlabel: {wave: 1}\n"
    first, first_errors = parse_yaml_text(text, "quartiers/lille/quartier.yml")
    assert first is not None and first_errors == []
    first.data["cities"].append("Roubaix")
    first.marks.clear()
    again, _ = parse_yaml_text(text, "quartiers/lille/quartier.yml")
    assert again is not None
    assert again.data == {"name": "Lille", "cities": ["Lille"], "label": {"wave": 1}}
    assert again.mark(("label", "wave")) == (3, 9)
    elsewhere, errors = parse_yaml_text("name: [\n", "quartiers/other/quartier.yml")
    assert elsewhere is None and errors[0].path == "quartiers/other/quartier.yml"


ROOT = Path(__file__).resolve().parent.parent
TRICKY = [
    "a: 1\nb: '2'\nc: \"x\\u00e9\"\nd: |\n  line\n  line\ne: >\n  folded\nf: [1, 2.5, true, null]\ng: {h: ~}\n",
    "é: ü\nbé:\n  - x\n  - ÿÿ: z\n",
    "a: 1\na: 2\n",
    "a:\n  - b: 0123\n    c: NO\n    d: 1e3\n",
    "a: !!str 12\n",
    "liste:\n- un\n- deux\n",
]


def test_libyaml_path_reads_every_file_as_the_pure_python_path() -> None:
    """The fast reader is an optimisation only: same data, marks and messages on real content."""
    assert yamlsource.CParser is not None, "PyYAML without libyaml: the fast path is never taken"
    texts = [
        (path.relative_to(ROOT).as_posix(), path.read_text("utf-8"))
        for folder in ("quartiers", "champions")
        for path in sorted((ROOT / folder).rglob("*.yml"))
    ]
    texts += [(f"tricky-{i}.yml", text) for i, text in enumerate(TRICKY)]
    assert len(texts) > 40
    for rel, text in texts:
        fast, fast_errors = yamlsource._parse(text, rel, 0)
        slow, slow_errors = yamlsource._parse(text, rel, 0, fast=False)
        assert fast_errors == slow_errors, rel
        assert (fast.data, fast.marks) == (slow.data, slow.marks), rel  # type: ignore[union-attr]
