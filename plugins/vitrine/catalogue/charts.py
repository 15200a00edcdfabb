"""Horizontal charts drawn at build time as inline SVG, in the identity's colours.

A comparison page gives each numeric indicator one chart: a row per quartier,
its name and formatted value on a line, its bar (an amount, from zero) or its
dot (a year, on a time axis) below. The same input always gives the same bytes.
Colours are CSS classes (so both schemes follow the tokens) and, for the SVG
read on its own, fill attributes taken from the tokens at build time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from markupsafe import Markup, escape

WIDTH = 480
ROW = 40
LABEL_BASELINE = 14
MARK_TOP = 20
MARK_HEIGHT = 10
AXIS = 22
FONT_SIZE = 13
DOT_RADIUS = 6

Mark = Literal["bar", "dot"]


@dataclass(frozen=True)
class Row:
    label: str
    value: float
    text: str
    """The value as the page's language writes it, with its unit."""


@dataclass(frozen=True)
class ChartColours:
    mark: str
    text: str
    track: str


@dataclass(frozen=True)
class Domain:
    low: float
    high: float

    def share(self, value: float) -> float:
        """Where `value` falls between low (0) and high (1), clamped."""
        if self.high <= self.low:
            return 0.5
        return min(1.0, max(0.0, (value - self.low) / (self.high - self.low)))


def domain(values: Sequence[float], mark: Mark, percent: bool = False) -> Domain:
    """Bars start at zero (a percentage runs to 100 at least); dots span the values, a little padded."""
    if not values:
        return Domain(0, 1)
    if mark == "bar":
        return Domain(0, max([*values, 100.0 if percent else 0.0]))
    low, high = min(values), max(values)
    pad = max(1.0, (high - low) * 0.05)
    return Domain(low - pad, high + pad)


def horizontal_chart(
    rows: Sequence[Row],
    *,
    labelled_by: str,
    mark: Mark,
    scale: Domain,
    axis: tuple[str, str] | None = None,
    direction: str = "ltr",
    colours: ChartColours | None = None,
) -> Markup:
    """An accessible SVG (role="img", named by the element `labelled_by`); `axis` labels its two ends."""
    rtl = direction == "rtl"
    height = len(rows) * ROW + (AXIS if axis else 0)
    flip = ' direction="rtl"' if rtl else ""
    parts = [
        f'<svg class="vt-chart vt-chart-{mark}" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-labelledby="{escape(labelled_by)}" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'font-size="{FONT_SIZE}"{flip}>'
    ]
    for index, row in enumerate(rows):
        parts.append(_row(row, index * ROW, mark, scale, rtl, colours))
    if axis:
        parts.append(_axis(axis, len(rows) * ROW, rtl, colours))
    parts.append("</svg>")
    return Markup("".join(parts))


def _isolated(name: str) -> str:
    """A name between first-strong isolates: in a right-to-left chart a Latin name keeps its own
    order ("Brest Tech+" would otherwise read "+Brest Tech"), like `<bdi>` in the HTML."""
    return f"\u2068{name}\u2069"


def _row(row: Row, top: int, mark: Mark, scale: Domain, rtl: bool, colours: ChartColours | None) -> str:
    # Labels keep the logical anchors (start: the name, end: the value); in a right-to-left
    # chart `direction` flips them, and the marks are mirrored here.
    start, end = (WIDTH, 0) if rtl else (0, WIDTH)
    y_text, y_mark = top + LABEL_BASELINE, top + MARK_TOP
    share = scale.share(row.value)
    text_fill, mark_fill, track_fill = _fills(colours)
    out = [
        '<g class="vt-chart-row">',
        f'<text class="vt-chart-label" x="{start}" y="{y_text}" text-anchor="start"{text_fill}>'
        f"{escape(_isolated(row.label) if rtl else row.label)}</text>",
        f'<text class="vt-chart-value" x="{end}" y="{y_text}" text-anchor="end"{text_fill}>{escape(row.text)}</text>',
        f'<rect class="vt-chart-track" x="0" y="{y_mark}" width="{WIDTH}" height="{MARK_HEIGHT}" rx="2"{track_fill}/>',
    ]
    if mark == "bar":
        width = WIDTH * share
        x = WIDTH - width if rtl else 0.0
        out.append(
            f'<rect class="vt-chart-bar" x="{_n(x)}" y="{y_mark}" width="{_n(width)}" height="{MARK_HEIGHT}" '
            f'rx="2"{mark_fill}/>'
        )
    else:
        inner = WIDTH - 2 * DOT_RADIUS
        cx = DOT_RADIUS + inner * (1 - share if rtl else share)
        out.append(
            f'<circle class="vt-chart-dot" cx="{_n(cx)}" cy="{y_mark + MARK_HEIGHT // 2}" r="{DOT_RADIUS}"{mark_fill}/>'
        )
    out.append("</g>")
    return "".join(out)


def _axis(labels: tuple[str, str], top: int, rtl: bool, colours: ChartColours | None) -> str:
    low_x, high_x = (WIDTH, 0) if rtl else (0, WIDTH)
    y = top + AXIS - 6
    text_fill = _fills(colours)[0]
    return (
        f'<g class="vt-chart-axis"><text x="{low_x}" y="{y}" text-anchor="start"{text_fill}>{escape(labels[0])}</text>'
        f'<text x="{high_x}" y="{y}" text-anchor="end"{text_fill}>{escape(labels[1])}</text></g>'
    )


def _fills(colours: ChartColours | None) -> tuple[str, str, str]:
    if colours is None:
        return "", "", ""
    text, mark, track = (f' fill="{escape(c)}"' for c in (colours.text, colours.mark, colours.track))
    return text, mark, track


def _n(value: float) -> str:
    """Coordinates with one decimal, written the same way on every machine."""
    text = f"{value:.1f}"
    return text.removesuffix(".0")
