"""Image pipeline throughput: cold (every rendition encoded on the pool) and warm (none).

    .venv/bin/python bench/images.py [--count 24] [--size 2400x1600] [--photos DIR] [--webp-methods]

Generates `count` synthetic photos (deterministic noise and gradients, with
EXIF), or takes the JPEG files of `--photos DIR` (real photographs: noise is
the hardest case for every encoder), runs the same planning and pool as a
build into an empty cache, then again into the warm cache. Prints
images/second, renditions/second and CPU use of the pool. With
`--webp-methods`, first encodes every photo's sizes at each WebP method
(one process) and prints time and size per method and width, beside JPEG:
how the pipeline's `WEBP_METHOD` was chosen. Not a test: numbers go to
bench/README.md.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import tempfile
import time
from pathlib import Path

from PIL import Image

from vitrine.images.pipeline import WEBP_METHOD, Cache, Settings
from vitrine.images.pool import close_pool
from vitrine.images.service import ImageService
from vitrine.model.images import inspect


def synthetic_photo(path: Path, size: tuple[int, int], seed: int) -> None:
    rng = random.Random(seed)
    base = Image.linear_gradient("L").resize(size).convert("RGB")
    noise = Image.frombytes("RGB", size, rng.randbytes(size[0] * size[1] * 3))
    photo = Image.blend(base, noise, 0.35)
    exif = Image.Exif()
    exif[0x010F] = "BenchCamera"
    out = io.BytesIO()
    photo.save(out, "JPEG", quality=92, exif=exif)
    path.write_bytes(out.getvalue())


def run(cache: Cache, sources: list[Path]) -> tuple[float, float, int]:
    service = ImageService(cache)
    start = time.perf_counter()
    items = [(f"media/bench/{i}", inspect(path), "photo") for i, path in enumerate(sources)]
    service.publish(items, Settings())  # type: ignore[arg-type]
    service.collect()
    wall = time.perf_counter() - start
    return wall, _pool_cpu(), service.encoded


def _pool_cpu() -> float:
    """CPU seconds of this process and of its living children (the pool's workers), from /proc."""
    total = 0.0
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    for child in Path("/proc").iterdir():
        if child.name.isdigit():
            try:
                stat = (child / "stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if int(fields[1]) == os.getpid():
                total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def compare_webp_methods(sources: list[Path]) -> None:
    """ms and KB per photo at each width, for each WebP method and for JPEG (the pipeline's settings)."""
    settings = Settings()
    methods: list[int | str] = [2, 3, 4, 5, 6, "JPEG"]
    totals: dict[tuple[int, int | str], list[float]] = {}
    for path in sources:
        with Image.open(path) as opened:
            photo = opened.convert("RGB")
        for width in settings.widths:
            resized = photo.resize((width, round(photo.height * width / photo.width)), Image.Resampling.LANCZOS)
            for method in methods:
                out = io.BytesIO()
                start = time.perf_counter()
                if method == "JPEG":
                    resized.save(out, "JPEG", quality=settings.quality, optimize=True, progressive=True)
                else:
                    resized.save(out, "WEBP", quality=settings.quality, method=method)
                total = totals.setdefault((width, method), [0.0, 0.0])
                total[0] += time.perf_counter() - start
                total[1] += len(out.getvalue())
    print(f"{len(sources)} photos, quality {settings.quality}, one process\n")
    print("| encoder | " + " | ".join(f"{w} px: ms, KB" for w in settings.widths) + " | all widths: ms, KB |")
    print("|---|" + "---:|" * (len(settings.widths) + 1))
    for method in methods:
        cells = [totals[(w, method)] for w in settings.widths]
        label = (
            "JPEG" if method == "JPEG" else f"WebP method {method}" + (" (pipeline)" if method == WEBP_METHOD else "")
        )
        row = [f"{t / len(sources) * 1000:.0f}, {b / len(sources) / 1000:.1f}" for t, b in cells]
        all_ms = sum(t for t, _b in cells) / len(sources) * 1000
        all_kb = sum(b for _t, b in cells) / len(sources) / 1000
        print(f"| {label} | " + " | ".join(row) + f" | {all_ms:.0f}, {all_kb:.1f} |")
    print()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=24)
    parser.add_argument("--size", default="2400x1600")
    parser.add_argument("--photos", type=Path, help="a folder of JPEG photographs instead of synthetic ones")
    parser.add_argument("--webp-methods", action="store_true", help="first compare WebP methods on the photos")
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.split("x"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sources = []
        if args.photos is not None:
            sources = sorted(args.photos.glob("*.jpg"))[: args.count]
            if not sources:
                raise SystemExit(f"no .jpg file in {args.photos}")
            with Image.open(sources[0]) as first:
                width, height = first.size
        for i in range(args.count if args.photos is None else 0):
            path = folder / f"photo-{i:03d}.jpg"
            synthetic_photo(path, (width, height), i)
            sources.append(path)
        if args.webp_methods:
            compare_webp_methods(sources)
        cache = Cache(folder / "cache")
        cpu_before = _pool_cpu()
        cold_wall, cpu_after, cold_encoded = run(cache, sources)
        warm_wall, _, warm_encoded = run(cache, sources)
        close_pool()
    renditions = cold_encoded
    count = len(sources)
    print("| run | images | renditions encoded | wall (s) | images/s | renditions/s | CPU (s) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    print(
        f"| cold | {count} | {renditions} | {cold_wall:.2f} | {count / cold_wall:.1f} | "
        f"{renditions / cold_wall:.1f} | {cpu_after - cpu_before:.1f} |"
    )
    print(f"| warm | {count} | {warm_encoded} | {warm_wall:.2f} | {count / warm_wall:.1f} | - | - |")
    kind = f"photos of {args.photos} (the first {width}x{height})" if args.photos else f"synthetic {width}x{height}"
    print(f"\nworkers: {os.cpu_count()}, {kind} JPEG, widths {Settings().widths}, WebP + JPEG")


if __name__ == "__main__":
    main()
