"""The command line's words: English in the code, French for editors (the default).

`words("...", name=value)` takes the English text and gives it in the chosen
language (`--lang`, else VITRINE_LANG, else French). Content errors come from
the loaders in English; `words.error` puts them into French pattern by pattern
(`french.CONTENT`), keeping file, line and field. A message with no French
pattern yet is shown as the loader wrote it, never dropped.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Sequence
from functools import cache

from babel.numbers import format_decimal, format_percent

from ..model.errors import ContentError, ContentErrors
from .french import CONTENT, FRENCH, VALUES

LANGUAGES = ("fr", "en")
DEFAULT = "fr"
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def choose_language(option: str | None) -> str:
    """`--lang` first, then VITRINE_LANG, then French."""
    for candidate in (option, os.environ.get("VITRINE_LANG")):
        if candidate and candidate.lower()[:2] in LANGUAGES:
            return candidate.lower()[:2]
    return DEFAULT


@dataclasses.dataclass(frozen=True)
class Words:
    language: str = DEFAULT

    def __call__(self, text: str, /, **values: object) -> str:
        template = FRENCH.get(text, text) if self.language == "fr" else text
        return template.format(**values)

    def count(self, n: int, one: str, other: str, /, **values: object) -> str:
        """`one` for 0 and 1 in French, for 1 in English; `{n}` is the count."""
        singular = n <= 1 if self.language == "fr" else n == 1
        return self(one if singular else other, n=n, **values)

    def decimal(self, value: float) -> str:
        return format_decimal(value, "0.0", locale=self.language)

    def percent(self, share: float) -> str:
        return format_percent(share, locale=self.language)

    def message(self, text: str) -> str:
        """A loader's English sentence in the chosen language."""
        return text if self.language != "fr" else french(text)

    def error(self, error: ContentError) -> ContentError:
        if self.language != "fr":
            return error
        return dataclasses.replace(error, message=french(error.message), hint=french(error.hint) if error.hint else "")


def french(text: str) -> str:
    """`text` in French through the first pattern that matches it whole, else as it is."""
    for pattern, template in _compiled():
        match = pattern.fullmatch(text)
        if match:
            return template.format(**{name: _value(name, value) for name, value in match.groupdict().items()})
    return text


def _value(name: str, text: str) -> str:
    """A part of a message: a known word (`nothing`, `a list`), a list of choices, a message of its own,
    or a name kept as it is."""
    if text in VALUES:
        return VALUES[text]
    if name == "choices":  # 'metropole', 'thematic' or 'hub' / a number or text
        return " ou ".join(VALUES.get(choice, choice) for choice in text.split(" or "))
    return french(text) if " " in text else text


@cache
def _compiled() -> Sequence[tuple[re.Pattern[str], str]]:
    return tuple((_pattern(english), template) for english, template in CONTENT)


def _pattern(english: str) -> re.Pattern[str]:
    """`unknown {what} {value}` -> a regular expression capturing `what` and `value`."""
    parts = _PLACEHOLDER.split(english)
    regex = "".join(re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)" for i, part in enumerate(parts))
    return re.compile(regex, re.DOTALL)


def content_report(problems: ContentErrors, words: Words) -> str:
    """A build's content errors as `vitrine check` words them: a count, then one error a line."""
    head = words.count(len(problems.errors), "{n} content error:", "{n} content errors:")
    return "\n".join([head, *(f"  {words.error(error)}" for error in problems.errors)])
