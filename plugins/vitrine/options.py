"""Option types shared by vitrine's plugins: values checked where mkdocs.yml is read."""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import ValidationError


class Bounded(opt.Type[int]):
    """A whole number within `minimum`..`maximum` (a boolean is not one, though Python counts it)."""

    def __init__(self, default: int, minimum: int, maximum: int | None = None) -> None:
        super().__init__(int, default=default)
        self.minimum, self.maximum = minimum, maximum

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool):
            raise ValidationError(f"expected a whole number, not {str(value).lower()}")
        number = super().run_validation(value)
        if number < self.minimum or (self.maximum is not None and number > self.maximum):
            upper = f" to {self.maximum}" if self.maximum is not None else " or more"
            raise ValidationError(f"expected a whole number from {self.minimum}{upper}, got {number}")
        return number


CACHE_DIR = ".cache"
"""The build cache's folder, relative to mkdocs.yml, when `vitrine/catalogue: cache_dir` is not set."""
