"""WCAG 2.1 contrast of the colour pairs the identity puts text on."""

from __future__ import annotations

from dataclasses import dataclass

from ..model.errors import ContentError
from .tokens import Identity, Scheme

AA_TEXT = 4.5

# (foreground, background) token pairs that carry text somewhere on the site.
TEXT_PAIRS = (
    ("text", "background"),
    ("text", "surface"),
    ("muted", "background"),
    ("muted", "surface"),
    ("link", "background"),
    ("link", "surface"),
    ("accent", "background"),
    ("on_primary", "primary"),
)


def luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def ratio(foreground: str, background: str) -> float:
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@dataclass(frozen=True)
class PairContrast:
    scheme: str
    foreground: str
    background: str
    ratio: float

    @property
    def passes(self) -> bool:
        return self.ratio >= AA_TEXT

    def __str__(self) -> str:
        return f"palette.{self.scheme}: {self.foreground} on {self.background} has contrast {self.ratio:.2f}:1"


def contrasts(identity: Identity) -> list[PairContrast]:
    found = []
    for name in ("light", "dark"):
        scheme: Scheme = getattr(identity.palette, name)
        for fg, bg in TEXT_PAIRS:
            found.append(PairContrast(name, fg, bg, ratio(getattr(scheme, fg), getattr(scheme, bg))))
    return found


def contrast_errors(identity: Identity, path: str) -> list[ContentError]:
    """The pairs below WCAG AA, as errors of the tokens' file (the build and `vitrine check` alike)."""
    return [
        ContentError(
            path,
            0,
            0,
            f"palette.{pair.scheme}",
            f"{pair.foreground} on {pair.background} has contrast {pair.ratio:.2f}:1",
            f"WCAG AA needs {AA_TEXT}:1",
        )
        for pair in contrasts(identity)
        if not pair.passes
    ]
