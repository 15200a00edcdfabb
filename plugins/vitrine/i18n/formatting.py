"""Numbers, dates, units and place names formatted by Babel for one locale.

Templates receive a `Formatter` bound to the page's language, so the same
record shows `200 000 000 €` in French and `€200,000,000` in English.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_compact_currency, format_currency, format_decimal, format_percent
from babel.units import format_unit

from ..model.records import Indicator, IndicatorDefinition

CURRENCIES = {"EUR", "USD", "GBP", "JPY", "ILS"}
# East Asian languages count large amounts in myriads (2億 = 200 million): say it that way.
COMPACT_MONEY = {"ja", "zh", "ko"}


@dataclass(frozen=True)
class Formatter:
    language: str

    @cached_property
    def locale(self) -> Locale:
        return Locale.parse(self.language)

    def number(self, value: float) -> str:
        return format_decimal(value, locale=self.locale)

    def money(self, value: float, currency: str = "EUR") -> str:
        if self.locale.language in COMPACT_MONEY and abs(value) >= 10_000:
            return format_compact_currency(value, currency, locale=self.locale, fraction_digits=1)
        pattern = self.locale.currency_formats["standard"].pattern
        if float(value).is_integer():
            pattern = pattern.replace(".00", "")  # whole amounts read better without cents
        return format_currency(value, currency, format=pattern, locale=self.locale, currency_digits=False)

    def percent(self, value: float) -> str:
        """`value` is a percentage as editors write it (42 for 42 %)."""
        return format_percent(value / 100, locale=self.locale, decimal_quantization=False)

    def date(self, value: dt.date, style: str = "long") -> str:
        return format_date(value, format=style, locale=self.locale)

    def country(self, code: str) -> str:
        return str(self.locale.territories.get(code, code))

    def language_name(self, code: str) -> str:
        return str(self.locale.languages.get(code, code))

    def measure(self, value: bool | float | str, unit: str, yes: str = "yes", no: str = "no") -> str:
        """A value in the unit of an indicator definition (see quartiers/criteria.yml)."""
        if isinstance(value, bool):
            return yes if value else no
        if isinstance(value, str):
            return value
        if unit == "count":
            return self.number(value)
        if unit == "year":
            return str(value)
        if unit == "percent":
            return self.percent(value)
        if unit in CURRENCIES:
            return self.money(value, unit)
        return format_unit(value, unit, length="short", locale=self.locale)

    def indicator(self, indicator: Indicator, definition: IndicatorDefinition, yes: str, no: str) -> str:
        return self.measure(indicator.value, definition.unit, yes, no)


def pick(text: dict[str, str] | None, language: str, source: str = "fr") -> str:
    """The text in `language`, else in the source language (per-field fallback)."""
    if not text:
        return ""
    return text.get(language) or text.get(source, "")
