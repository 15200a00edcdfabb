"""Synthetic national-scale content in Vitrine's own format, deterministic from a seed.

    .venv/bin/python bench/generate.py TARGET [--quartiers 120] [--champions 1000]
        [--languages 6] [--photos 0.25] [--logos 0.1] [--seed 2013]

Writes a complete project into TARGET: the repository's mkdocs.yml (first N
languages, nothing required), identity, definitions, overrides and editorial
pages, then N quartiers and M champions: the sample's own records first (the
editorial pages link to them; so at least as many as the sample has), then
synthetic ones, each a copy of a sample record (all criteria, indicators and
translations) under a new slug and name, placed near its model, so pages
weigh what real ones weigh (a copy's indicators and figures cite
`https://example.org/synthetic/<slug>`: a real page gives only its own record's values);
a share of quartiers get a photo and a share of champions a logo (synthetic
pixels). Not a test: the benchmarks build what this writes.
"""

from __future__ import annotations

import argparse
import io
import random
import re
import shutil
from pathlib import Path
from typing import Any

import yaml
from PIL import Image

REPO = Path(__file__).resolve().parents[1]
SHARED = ("glossary.yml", "identity.yml", "overrides")
DEFINITIONS = (
    "quartiers/criteria.yml",
    "quartiers/criteria.translations.yml",
    "quartiers/capitals.yml",
    "quartiers/capitals.translations.yml",
    "champions/sectors.yml",
    "champions/listings.yml",
    "champions/figures.yml",
    "champions/figures.translations.yml",
)


def declared_languages() -> list[str]:
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    return re.findall(r"        - \{code: (\w+)", config)


def write_config(target: Path, languages: list[str]) -> None:
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    for code in declared_languages():
        if code not in languages:
            config = re.sub(rf"        - \{{code: {code},.*\}}\n", "", config)
    config = re.sub(r"\n +require: .*", "", config)  # synthetic translations are partial on purpose
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")


def strip_languages(data: Any, dropped: set[str]) -> Any:
    """Remove localized values (and digest sections) of languages the project does not declare."""
    if isinstance(data, dict):
        return {k: strip_languages(v, dropped) for k, v in data.items() if k not in dropped}
    if isinstance(data, list):
        return [strip_languages(v, dropped) for v in data]
    return data


def dump(path: Path, data: Any, schema: str | None = None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    head = f"# yaml-language-server: $schema={schema}\n" if schema else ""
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=200)
    path.write_text(head + text, encoding="utf-8")


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def copy_shared(target: Path, languages: list[str], dropped: set[str]) -> None:
    for name in SHARED:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy(source, target / name)
    for rel in DEFINITIONS:
        if (REPO / rel).is_file():
            dump(target / rel, strip_languages(load(REPO / rel), dropped))
    for language in languages:
        shutil.copytree(REPO / "content" / language, target / "content" / language)
    (target / "plugins" / "vitrine" / "locale").mkdir(parents=True)  # watched by mkdocs.yml
    (target / "node_modules").symlink_to(REPO / "node_modules")  # fonts installed by npm ci


def templates(kind: str) -> list[Path]:
    record = "quartier.yml" if kind == "quartiers" else "champion.yml"
    return sorted(path.parent for path in (REPO / kind).glob(f"*/{record}"))


def copy_narratives(model: Path, folder: Path, languages: list[str], dropped: set[str]) -> None:
    for language in languages:
        if (model / f"{language}.md").is_file():
            folder.mkdir(parents=True, exist_ok=True)
            shutil.copy(model / f"{language}.md", folder / f"{language}.md")
    digests = next(model.glob("*.translations.yml"), None)
    if digests is not None:
        dump(folder / digests.name, strip_languages(load(digests), dropped))


def cite_synthetic(values: list[dict[str, Any]], slug: str) -> None:
    """A copy's values keep their weight but not their model's source page."""
    for value in values:
        if value.get("source_url"):
            value["source_url"] = f"https://example.org/synthetic/{slug}"


def synthetic_pixels(size: tuple[int, int], rng: random.Random) -> Image.Image:
    base = Image.linear_gradient("L").resize(size).convert("RGB")
    noise = Image.frombytes("RGB", size, rng.randbytes(size[0] * size[1] * 3))
    return Image.blend(base, noise, 0.3)


def image_field(file: str, languages: list[str], what: str) -> dict[str, Any]:
    return {"file": file, "alt": {code: f"{what} ({code})" for code in languages}, "credit": "Vitrine (synthetic)"}


def write_quartiers(
    target: Path, count: int, languages: list[str], dropped: set[str], rng: random.Random, photos: float
) -> list[str]:
    models = templates("quartiers")
    slugs = []
    for number in range(1, max(count, len(models)) + 1):
        model = models[(number - 1) % len(models)]
        record = strip_languages(load(model / "quartier.yml"), dropped)
        slug = model.name
        if number > len(models):  # the sample's own records come first: editorial pages link to them
            slug = f"q{number:04d}-{model.name}"
            record["name"] = f"{record['name']} {number:04d}"
            for entry in record.get("criteria", {}).values():
                cite_synthetic(entry.get("indicators", []), slug)
        record["location"] = {
            "lat": round(record["location"]["lat"] + rng.uniform(-0.2, 0.2), 4),
            "lon": round(record["location"]["lon"] + rng.uniform(-0.2, 0.2), 4),
        }
        record.pop("images", None)
        if rng.random() < photos:
            folder = target / "quartiers" / slug / "images"
            folder.mkdir(parents=True, exist_ok=True)
            synthetic_pixels((1600, 1000), rng).save(folder / "place.jpg", "JPEG", quality=88)
            record["images"] = [image_field("images/place.jpg", languages, record["name"])]
        dump(target / "quartiers" / slug / "quartier.yml", record, "../../schema/quartier.schema.json")
        copy_narratives(model, target / "quartiers" / slug, languages, dropped)
        slugs.append(slug)
    return slugs


def write_champions(
    target: Path,
    count: int,
    quartiers: list[str],
    languages: list[str],
    dropped: set[str],
    rng: random.Random,
    logos: float,
) -> None:
    models = templates("champions")
    for number in range(1, max(count, len(models)) + 1):
        model = models[(number - 1) % len(models)]
        record = strip_languages(load(model / "champion.yml"), dropped)
        slug = model.name
        if number > len(models):
            slug = f"c{number:05d}-{model.name}"
            record["name"] = f"{record['name']} {number:05d}"
            cite_synthetic(record.get("figures", []), slug)
            record["quartiers"] = [rng.choice(quartiers)]
        record.pop("logo", None)
        if rng.random() < logos:
            folder = target / "champions" / slug
            folder.mkdir(parents=True, exist_ok=True)
            out = io.BytesIO()
            synthetic_pixels((400, 200), rng).save(out, "PNG")
            (folder / "logo.png").write_bytes(out.getvalue())
            record["logo"] = image_field("logo.png", languages, record["name"])
        dump(target / "champions" / slug / "champion.yml", record, "../../schema/champion.schema.json")
        copy_narratives(model, target / "champions" / slug, languages, dropped)


def generate(
    target: Path, *, quartiers: int, champions: int, languages: int, photos: float, logos: float, seed: int
) -> None:
    declared = declared_languages()
    kept = declared[:languages]
    dropped = set(declared) - set(kept)
    rng = random.Random(seed)
    target.mkdir(parents=True, exist_ok=True)
    write_config(target, kept)
    copy_shared(target, kept, dropped)
    slugs = write_quartiers(target, quartiers, kept, dropped, rng, photos)
    write_champions(target, champions, slugs, kept, dropped, rng, logos)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", type=Path)
    parser.add_argument("--quartiers", type=int, default=120)
    parser.add_argument("--champions", type=int, default=1000)
    parser.add_argument("--languages", type=int, default=6, help="the first N languages of mkdocs.yml")
    parser.add_argument("--photos", type=float, default=0.25, help="share of quartiers with a photo")
    parser.add_argument("--logos", type=float, default=0.1, help="share of champions with a logo")
    parser.add_argument("--seed", type=int, default=2013)
    args = parser.parse_args()
    if args.target.exists() and any(args.target.iterdir()):
        parser.error(f"{args.target} is not empty")
    generate(
        args.target,
        quartiers=args.quartiers,
        champions=args.champions,
        languages=args.languages,
        photos=args.photos,
        logos=args.logos,
        seed=args.seed,
    )
    print(f"generated {args.quartiers} quartiers and {args.champions} champions in {args.target}")


if __name__ == "__main__":
    main()
