"""The identity tokens (identity.yml) as typed data, independent of MkDocs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictInt, StrictStr

from ..images.pipeline import Fallback, Settings
from ..model.validate import load_model

Colour = Annotated[StrictStr, Field(pattern=r"^#[0-9a-fA-F]{6}$", description="#rrggbb")]
Length = Annotated[StrictStr, Field(pattern=r"^\d+(\.\d+)?(rem|px|em)$")]
_PACKAGE = r"^@?[a-z0-9][a-z0-9._/-]*$"


class Tokens(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Scheme(Tokens):
    background: Colour
    surface: Colour
    text: Colour
    muted: Colour
    primary: Colour
    on_primary: Colour
    accent: Colour
    link: Colour


class Palette(Tokens):
    light: Scheme
    dark: Scheme


class Font(Tokens):
    family: Annotated[StrictStr, Field(pattern=r"^[A-Za-z0-9 ]+$")]
    package: Annotated[StrictStr, Field(pattern=_PACKAGE, description="npm package that ships the font files")]
    subsets: list[Annotated[StrictStr, Field(pattern=r"^[a-z-]+$")]]
    weights: list[Annotated[StrictInt, Field(ge=100, le=900)]]


class SystemFonts(Tokens):
    system: list[Annotated[StrictStr, Field(pattern=r"^[A-Za-z0-9 ]+$")]]


class Typography(Tokens):
    text: Font
    scripts: dict[Annotated[StrictStr, Field(pattern=r"^[a-z]{2,3}$")], Font | SystemFonts] = {}


class Spacing(Tokens):
    radius: Length
    tile_gap: Length


class LogoTile(Tokens):
    width: Annotated[StrictInt, Field(ge=64, le=2000)]
    height: Annotated[StrictInt, Field(ge=64, le=2000)]
    padding: Annotated[StrictInt, Field(ge=0, le=400)]
    background: Colour


class ImageTokens(Tokens):
    widths: Annotated[list[Annotated[StrictInt, Field(ge=64, le=4000)]], Field(min_length=1)]
    quality: Annotated[StrictInt, Field(ge=30, le=100)]
    logo_tile: LogoTile
    fallback: Fallback = Field(
        "every", description='widths of the JPEG beside the WebP: "every" width, or the "smallest" only'
    )


def _inside_packages(value: str) -> str:
    if ".." in value.split("/"):
        raise ValueError(f'"{value}" must name a file inside node_modules, without ".."')
    return value


FontFile = Annotated[
    StrictStr,
    Field(pattern=r"^@?[A-Za-z0-9][A-Za-z0-9._/-]*[.](ttf|otf)$", description="a TrueType file in node_modules"),
    AfterValidator(_inside_packages),
]


Pixels = Annotated[StrictInt, Field(ge=0, le=2000)]


class CardLayoutTokens(Tokens):
    margin: Pixels
    mark: Pixels
    site_size: Pixels
    title_top: Pixels
    title_size: Pixels
    title_lines: Annotated[StrictInt, Field(ge=1, le=6)]
    subtitle_size: Pixels
    bar: Pixels


class CardTokens(Tokens):
    width: Annotated[StrictInt, Field(ge=200, le=4000)]
    height: Annotated[StrictInt, Field(ge=100, le=4000)]
    layout: CardLayoutTokens
    fonts: Annotated[list[FontFile], Field(min_length=1)]


class Limits(Tokens):
    tile_title: Annotated[StrictInt, Field(ge=10, le=200)]
    card_title: Annotated[StrictInt, Field(ge=10, le=300)]


class Identity(Tokens):
    name: StrictStr
    short_name: StrictStr
    palette: Palette
    typography: Typography
    spacing: Spacing
    images: ImageTokens
    card: CardTokens
    limits: Limits


def load_identity(path: Path, rel: str) -> Identity:
    """Read and validate identity.yml; raise `ContentErrors` naming line and field."""
    return load_model(path, rel, Identity)


def image_settings(identity: Identity | None) -> Settings:
    """The image pipeline's parameters from the tokens (its defaults without an identity)."""
    if identity is None:
        return Settings()
    tokens, tile = identity.images, identity.images.logo_tile
    return Settings(
        tuple(sorted(tokens.widths)),
        tokens.quality,
        (tile.width, tile.height),
        tile.padding,
        tile.background,
        tokens.fallback,
    )
